/* frontend/x86/sys_excp.c — how the x86 cpu of system mode enters its
 * exception and interrupt handlers (SDM vol. 3 chapter 6), and its
 * interrupt lines.
 *
 *   real mode   IVT at IDTR.base: push FLAGS, CS, IP; IF, TF, AC, RF cleared
 *   protected   IDT gates of 8 bytes (16/32-bit interrupt and trap gates):
 *               to CPL 0..2 through the TSS's SSn:ESPn (vm86: the data
 *               segments pushed and nulled), error code, IF cleared by
 *               interrupt gates, TF NT RF VM always
 *   long mode   16-byte gates, always a 64-bit frame with SS:RSP, RSP
 *               from the TSS's RSPn or ISTn, aligned to 16
 *
 * A fault while delivering (a #PF pushing the frame, a bad gate) becomes
 * a double fault as table 6-5 says; a fault while delivering #DF shuts
 * the cpu down: the board's reset (X86Sys.board.reset_request). Task gates
 * are not implemented: logged under -d unimp, #GP(vector). Every
 * delivery is logged under -d int.
 *
 * How a block's exit (ExitReason) maps to an exception, in raise():
 *
 *   a vector pending    that vector (x86_sys_raise_exception: a helper's
 *                       #GP, #NP, #SS, #TS, #UD, #DE, ...), at insn_pc
 *   EXIT_FAULT          X86_FAULT_PF | code: #PF(code), CR2 = the address;
 *                       X86_FAULT_GP (non-canonical address): #GP(0);
 *                       code outside RAM and ROM: #GP(0), logged
 *   EXIT_ILLEGAL        #UD (ud2, an undefined or unimplemented opcode)
 *   EXIT_PRIV           #GP(0) (what user mode turns into SIGSEGV)
 *   EXIT_FPE            FPE_INTDIV: #DE (div, idiv, aam 0); other codes
 *                       (unmasked SSE exceptions): #XM, or #UD without
 *                       CR4.OSXMMEXCPT
 *   EXIT_TRAP           int3 (pc after it): #BP as a software exception
 *   anything else       #UD, logged under -d unimp
 */
#include <signal.h>
#include <string.h>

#include "backend/exec.h"
#include "frontend/x86/sys.h"
#include "softmmu/tlb.h"
#include "util/log.h"

/* Gate types in an IDT descriptor's type field (S = 0). */
enum { GATE_TASK = 5, GATE_INT16 = 6, GATE_TRAP16 = 7, GATE_INT32 = 14, GATE_TRAP32 = 15 };
enum { GATE_TRAP_BIT = 1, GATE_32BIT = 8 };
enum { ERR_EXT = 1, ERR_IDT = 2 };
enum { TYPE_CODE = 8, TYPE_CONFORMING = 4 };
/* SS of a long-mode privilege change: null, its DPL the new CPL. */
enum { NULL_SS_FLAGS = 0x3 | X86_SEG_S | X86_SEG_P | X86_SEG_DB | X86_SEG_G };

typedef struct Event {
    unsigned vector;
    X86EventKind kind;
    bool has_error;
    uint32_t error;
    uint64_t next_pc;
} Event;

static _Noreturn void fault(X86Cpu *cpu, unsigned vector, uint32_t code)
{
    x86_sys_raise_exception(cpu, vector, true, code);
}

static uint64_t kernel_ld(X86Cpu *cpu, uint64_t linear, unsigned memop)
{
    return guest_ld(&cpu->common, linear, memop | X86_MMU_KERNEL << IR_MO_IDX_SHIFT);
}

static bool software(const Event *ev) { return ev->kind == X86_EV_SOFT_INT || ev->kind == X86_EV_SOFT_EXC; }
static uint32_t ext_bit(const Event *ev) { return software(ev) ? 0 : ERR_EXT; }

/* The rIP the frame saves: the faulting instruction's, or the next. */
static uint64_t return_ip(const X86Cpu *cpu, const Event *ev)
{
    return x86_sys_ip_of(cpu, ev->kind == X86_EV_EXCEPTION ? cpu->common.pc : ev->next_pc);
}

static void log_delivery(const X86Cpu *cpu, const Event *ev)
{
    static const char *const kinds[] = {"exception", "int", "soft exception", "external"};
    log_printf("int: vector 0x%02x (%s) error 0x%x at %04x:%08llx pc 0x%llx cr2 0x%llx\n", ev->vector,
               kinds[ev->kind], ev->has_error ? ev->error : 0, cpu->seg_sel[X86_CS],
               (unsigned long long)return_ip(cpu, ev), (unsigned long long)cpu->common.pc,
               (unsigned long long)cpu->sys.cr2);
}

/* CS:rIP = sel:ip from checked descriptor d at privilege level cpl. */
static void enter_handler(X86Cpu *cpu, uint16_t sel, uint64_t d, unsigned cpl, uint64_t ip)
{
    x86_sys_set_seg(cpu, X86_CS, (uint16_t)((sel & 0xfffc) | cpl), x86_desc_base(d),
                    x86_desc_limit(d), x86_desc_flags(d));
    x86_sys_update_tb_flags(cpu);
    x86_sys_set_ip(cpu, ip);
}

/* ---- real mode ------------------------------------------------------------- */

static void deliver_real(X86Cpu *cpu, const Event *ev)
{
    X86Sys *s = &cpu->sys;
    if (ev->vector * 4 + 3 > s->idtr.limit)
        fault(cpu, X86_EXC_GP, ev->vector * 8 + ERR_IDT + ext_bit(ev));
    uint64_t entry = s->idtr.base + ev->vector * 4;
    uint16_t ip = (uint16_t)kernel_ld(cpu, entry, IR_MO_16);
    uint16_t cs = (uint16_t)kernel_ld(cpu, entry + 2, IR_MO_16);
    X86Stack st = x86_sys_stack_now(cpu);
    x86_sys_push(cpu, &st, 2, x86_get_eflags(cpu));
    x86_sys_push(cpu, &st, 2, cpu->seg_sel[X86_CS]);
    x86_sys_push(cpu, &st, 2, return_ip(cpu, ev));
    x86_sys_stack_commit(cpu, &st);
    x86_put_eflags(cpu, 0, X86_IF | X86_TF | X86_AC | X86_RF);
    cpu->seg_sel[X86_CS] = cs;
    cpu->seg_base[X86_CS] = (uint64_t)cs << 4;
    x86_sys_update_tb_flags(cpu);
    x86_sys_set_ip(cpu, ip);
}

/* ---- protected and long mode: the gate ---------------------------------------- */

/* The IDT gate of ev's vector (16 bytes in long mode: lo, hi), checked
 * (SDM §6.12.1.1: the IDT limit, the type, DPL for software events, P). */
static uint64_t read_gate(X86Cpu *cpu, const Event *ev, bool long_mode, uint64_t *hi)
{
    X86Sys *s = &cpu->sys;
    unsigned size = long_mode ? 16 : 8;
    uint32_t err = ev->vector * 8 + ERR_IDT + ext_bit(ev);
    if (ev->vector * size + size - 1 > s->idtr.limit)
        fault(cpu, X86_EXC_GP, err);
    uint64_t lo = kernel_ld(cpu, s->idtr.base + ev->vector * size, IR_MO_64);
    *hi = long_mode ? kernel_ld(cpu, s->idtr.base + ev->vector * size + 8, IR_MO_64) : 0;
    unsigned type = (lo >> 40) & 0x1f; /* with S, which must be 0 */
    if (type == GATE_TASK && !long_mode) {
        if (log_enabled(LOG_UNIMP))
            log_printf("x86: task gate for vector 0x%x not implemented: #GP\n", ev->vector);
        fault(cpu, X86_EXC_GP, err);
    }
    bool valid = long_mode ? (type == GATE_INT32 || type == GATE_TRAP32)
                           : (type == GATE_INT16 || type == GATE_TRAP16 || type == GATE_INT32 ||
                              type == GATE_TRAP32);
    if (!valid)
        fault(cpu, X86_EXC_GP, err);
    if (software(ev) && x86_desc_dpl(lo) < x86_sys_cpl(cpu))
        fault(cpu, X86_EXC_GP, err);
    if (!(lo & 1ull << 47))
        fault(cpu, X86_EXC_NP, err);
    return lo;
}

/* The handler's code segment: a present code segment with DPL <= CPL
 * (64-bit in long mode), #GP/#NP(selector | EXT). */
static uint64_t handler_code(X86Cpu *cpu, const Event *ev, uint16_t sel, bool long_mode)
{
    uint64_t d;
    uint32_t ext = ext_bit(ev);
    if ((sel & 0xfffc) == 0)
        fault(cpu, X86_EXC_GP, ext);
    if (!x86_sys_read_desc(cpu, sel, &d))
        fault(cpu, X86_EXC_GP, (sel & 0xfffc) | ext);
    uint32_t flags = x86_desc_flags(d);
    bool code = (flags & X86_SEG_S) && (flags & TYPE_CODE);
    if (!code || x86_desc_dpl(d) > x86_sys_cpl(cpu) ||
        (long_mode && (flags & (X86_SEG_L | X86_SEG_DB)) != X86_SEG_L))
        fault(cpu, X86_EXC_GP, (sel & 0xfffc) | ext);
    if (!(flags & X86_SEG_P))
        fault(cpu, X86_EXC_NP, (sel & 0xfffc) | ext);
    return d;
}

/* Whether a handler in d runs more privileged than now (non-conforming,
 * DPL < CPL): the stack switches. */
static bool inner_privilege(const X86Cpu *cpu, uint64_t d)
{
    return !(x86_desc_flags(d) & TYPE_CONFORMING) && x86_desc_dpl(d) < x86_sys_cpl(cpu);
}

static uint32_t gate_clears(unsigned type)
{
    return X86_TF | X86_NT | X86_RF | X86_VM | ((type & GATE_TRAP_BIT) ? 0 : X86_IF);
}

/* ---- protected mode ---------------------------------------------------------- */

static void deliver_protected(X86Cpu *cpu, const Event *ev)
{
    bool vm86 = cpu->eflags & X86_VM;
    if (vm86 && ev->kind == X86_EV_SOFT_INT && (cpu->eflags & X86_IOPL) != X86_IOPL)
        fault(cpu, X86_EXC_GP, 0); /* int n in vm86 below IOPL 3 (no VME) */
    uint64_t hi;
    uint64_t gate = read_gate(cpu, ev, false, &hi);
    unsigned type = (gate >> 40) & 0xf;
    unsigned size = (type & GATE_32BIT) ? 4 : 2;
    uint16_t sel = (uint16_t)(gate >> 16);
    uint64_t ip = (gate & 0xffff) | (size == 4 ? (gate >> 32) & 0xffff0000u : 0);
    uint64_t d = handler_code(cpu, ev, sel, false);
    bool inner = inner_privilege(cpu, d);
    if (vm86 && (!inner || x86_desc_dpl(d) != 0))
        fault(cpu, X86_EXC_GP, (sel & 0xfffc) | ext_bit(ev));
    unsigned cpl = inner ? x86_desc_dpl(d) : x86_sys_cpl(cpu);
    X86Stack old = x86_sys_stack_now(cpu), st = old;
    uint64_t ss_desc = 0;
    uint16_t ss = 0;
    if (inner) {
        uint64_t sp;
        x86_sys_tss_stack(cpu, cpl, &ss, &sp);
        ss_desc = x86_sys_check_new_ss(cpu, ss, cpl, X86_EXC_TS, ext_bit(ev));
        st = (X86Stack){x86_desc_base(ss_desc), sp,
                        (x86_desc_flags(ss_desc) & X86_SEG_DB) ? 0xffffffffu : 0xffffu,
                        cpl == 3 ? X86_MMU_USER : X86_MMU_KERNEL};
        if (vm86) {
            static const int pushed[] = {X86_GS, X86_FS, X86_DS, X86_ES};
            for (unsigned i = 0; i < 4; i++)
                x86_sys_push(cpu, &st, size, cpu->seg_sel[pushed[i]]);
        }
        x86_sys_push(cpu, &st, size, cpu->seg_sel[X86_SS]);
        x86_sys_push(cpu, &st, size, old.sp & old.mask);
    }
    x86_sys_push(cpu, &st, size, x86_get_eflags(cpu));
    x86_sys_push(cpu, &st, size, cpu->seg_sel[X86_CS]);
    x86_sys_push(cpu, &st, size, return_ip(cpu, ev));
    if (ev->has_error)
        x86_sys_push(cpu, &st, size, ev->error);
    if (inner)
        x86_sys_set_seg(cpu, X86_SS, ss, x86_desc_base(ss_desc), x86_desc_limit(ss_desc),
                        x86_desc_flags(ss_desc));
    if (vm86) {
        static const int nulled[] = {X86_ES, X86_DS, X86_FS, X86_GS};
        for (unsigned i = 0; i < 4; i++)
            x86_sys_set_seg(cpu, nulled[i], 0, 0, 0, 0);
    }
    x86_sys_stack_commit(cpu, &st);
    x86_put_eflags(cpu, 0, gate_clears(type));
    enter_handler(cpu, sel, d, cpl, ip);
}

/* ---- long mode ----------------------------------------------------------------- */

static void deliver_long(X86Cpu *cpu, const Event *ev)
{
    uint64_t hi;
    uint64_t gate = read_gate(cpu, ev, true, &hi);
    unsigned type = (gate >> 40) & 0xf, ist = (gate >> 32) & 7;
    uint16_t sel = (uint16_t)(gate >> 16);
    uint64_t ip = (gate & 0xffff) | ((gate >> 32) & 0xffff0000u) | hi << 32;
    uint64_t d = handler_code(cpu, ev, sel, true);
    bool inner = inner_privilege(cpu, d);
    unsigned cpl = inner ? x86_desc_dpl(d) : x86_sys_cpl(cpu);
    X86Stack old = x86_sys_stack_now(cpu);
    uint64_t sp = old.sp;
    uint16_t unused_ss;
    if (ist)
        x86_sys_tss_stack(cpu, 3 + ist, &unused_ss, &sp);
    else if (inner)
        x86_sys_tss_stack(cpu, cpl, &unused_ss, &sp);
    X86Stack st = {0, sp & ~0xfull, UINT64_MAX, cpl == 3 ? X86_MMU_USER : X86_MMU_KERNEL};
    x86_sys_push(cpu, &st, 8, cpu->seg_sel[X86_SS]);
    x86_sys_push(cpu, &st, 8, old.sp & old.mask);
    x86_sys_push(cpu, &st, 8, x86_get_eflags(cpu));
    x86_sys_push(cpu, &st, 8, cpu->seg_sel[X86_CS]);
    x86_sys_push(cpu, &st, 8, return_ip(cpu, ev));
    if (ev->has_error)
        x86_sys_push(cpu, &st, 8, ev->error);
    if (inner)
        x86_sys_set_seg(cpu, X86_SS, (uint16_t)cpl, 0, 0, NULL_SS_FLAGS | cpl << X86_SEG_DPL_SHIFT);
    x86_sys_stack_commit(cpu, &st);
    x86_put_eflags(cpu, 0, gate_clears(type));
    enter_handler(cpu, sel, d, cpl, ip);
}

/* ---- delivery, double faults, shutdown ------------------------------------------ */

typedef enum ExcClass { CLASS_BENIGN, CLASS_CONTRIBUTORY, CLASS_PAGE_FAULT } ExcClass;

/* SDM table 6-4: the class of an exception for the double-fault rules. */
static ExcClass exc_class(const Event *ev)
{
    if (ev->kind != X86_EV_EXCEPTION)
        return CLASS_BENIGN;
    switch (ev->vector) {
    case X86_EXC_DE: case X86_EXC_TS: case X86_EXC_NP: case X86_EXC_SS: case X86_EXC_GP:
        return CLASS_CONTRIBUTORY;
    case X86_EXC_PF:
        return CLASS_PAGE_FAULT;
    default:
        return CLASS_BENIGN;
    }
}

/* Table 6-5: a second exception while delivering the first is a double
 * fault when both are contributory, or the first a #PF and the second
 * contributory or a #PF. */
static bool double_fault(const Event *first, const Event *second)
{
    ExcClass a = exc_class(first), b = exc_class(second);
    if (a == CLASS_CONTRIBUTORY)
        return b == CLASS_CONTRIBUTORY;
    return a == CLASS_PAGE_FAULT && b != CLASS_BENIGN;
}

static void shutdown(X86Cpu *cpu)
{
    if (log_enabled(LOG_INT))
        log_printf("int: triple fault at pc 0x%llx: shutdown\n", (unsigned long long)cpu->common.pc);
    if (cpu->sys.board.reset_request) {
        cpu->sys.board.reset_request(cpu->common.owner);
        cpu->common.exit_request = 1;
        return;
    }
    x86_put_eflags(cpu, 0, X86_IF);
    cpu->sys.nmi_blocked = true;
    cpu->sys.halted = true;
}

/* The exception a block's exit or a helper raised, as raise() documents. */
static Event event_of_exit(X86Cpu *cpu, int reason)
{
    X86Sys *s = &cpu->sys;
    CpuCommon *c = &cpu->common;
    Event ev = {.vector = X86_EXC_UD, .kind = X86_EV_EXCEPTION, .next_pc = c->pc};
    if (s->pending_exception >= 0) {
        ev.vector = (unsigned)s->pending_exception;
        ev.has_error = s->pending_has_error;
        ev.error = s->pending_error_code;
        s->pending_exception = -1;
        return ev;
    }
    switch (reason) {
    case EXIT_FAULT:
        ev.vector = X86_EXC_GP;
        ev.has_error = true;
        if (c->exception_code > 0 && (c->exception_code & X86_FAULT_PF)) {
            ev.vector = X86_EXC_PF;
            ev.error = (uint32_t)c->exception_code & 0xffff;
            s->cr2 = c->exception_addr;
        } else if (c->exception_code == SOFTMMU_FAULT_NOT_MEMORY && log_enabled(LOG_GUEST_ERRORS)) {
            log_printf("x86: code fetch at 0x%llx outside RAM and ROM: #GP\n",
                       (unsigned long long)c->exception_addr);
        }
        break;
    case EXIT_ILLEGAL:
        break;
    case EXIT_PRIV:
        ev.vector = X86_EXC_GP;
        ev.has_error = true;
        break;
    case EXIT_FPE:
        if (c->exception_code == FPE_INTDIV)
            ev.vector = X86_EXC_DE;
        else if (s->cr4 & X86_CR4_OSXMMEXCPT)
            ev.vector = X86_EXC_XM;
        break;
    case EXIT_TRAP:
        ev.vector = X86_EXC_BP;
        ev.kind = X86_EV_SOFT_EXC;
        break;
    default:
        if (log_enabled(LOG_UNIMP))
            log_printf("x86: exit reason %d in system mode: #UD\n", reason);
        break;
    }
    return ev;
}

static void deliver_now(X86Cpu *cpu, const Event *ev)
{
    if (log_enabled(LOG_INT))
        log_delivery(cpu, ev);
    if (!(cpu->sys.cr0 & X86_CR0_PE))
        deliver_real(cpu, ev);
    else if (cpu->sys.efer & X86_EFER_LMA)
        deliver_long(cpu, ev);
    else
        deliver_protected(cpu, ev);
}

/* Deliver ev; false if that raised an exception (registers untouched,
 * *nested says which). Memory faults and raised exceptions leave through
 * cpu_loop_exit, which lands here while the delivery runs. */
static bool try_deliver(X86Cpu *cpu, const Event *ev, Event *nested)
{
    CpuCommon *c = &cpu->common;
    sigjmp_buf outer;
    memcpy(outer, c->loop_exit, sizeof outer);
    const uint64_t pc = c->pc;
    const int32_t in_guest = c->in_guest;
    int reason = sigsetjmp(c->loop_exit, 0);
    if (reason == 0) {
        deliver_now(cpu, ev);
        memcpy(c->loop_exit, outer, sizeof outer);
        return true;
    }
    memcpy(c->loop_exit, outer, sizeof outer);
    c->pc = pc;
    c->in_guest = in_guest;
    *nested = event_of_exit(cpu, reason);
    return false;
}

void x86_sys_deliver(X86Cpu *cpu, unsigned vector, X86EventKind kind, bool has_error, uint32_t error_code,
                     uint64_t next_pc)
{
    Event ev = {vector, kind, has_error, error_code, next_pc}, nested;
    if (cpu->common.in_guest) /* from a helper (int n): pc is the instruction's, exactly */
        cpu->common.pc = cpu->common.insn_pc;
    cpu->sys.halted = false;
    while (!try_deliver(cpu, &ev, &nested)) {
        bool delivering_df = ev.vector == X86_EXC_DF && ev.kind == X86_EV_EXCEPTION;
        if (delivering_df && exc_class(&nested) != CLASS_BENIGN) {
            shutdown(cpu);
            return;
        }
        if (double_fault(&ev, &nested))
            ev = (Event){X86_EXC_DF, X86_EV_EXCEPTION, true, 0, cpu->common.pc};
        else
            ev = nested;
    }
}

_Noreturn void x86_sys_raise_exception(X86Cpu *cpu, unsigned vector, bool has_error, uint32_t error_code)
{
    cpu->sys.pending_exception = (int)vector;
    cpu->sys.pending_has_error = has_error;
    cpu->sys.pending_error_code = error_code;
    cpu->common.pc = cpu->common.insn_pc;
    cpu_loop_exit(&cpu->common, EXIT_TRAP);
}

void x86_sys_raise(CpuCommon *common, int reason)
{
    X86Cpu *cpu = (X86Cpu *)common;
    Event ev = event_of_exit(cpu, reason);
    x86_sys_deliver(cpu, ev.vector, ev.kind, ev.has_error, ev.error, ev.next_pc);
}

/* ---- interrupt lines ------------------------------------------------------------ */

static bool nmi_deliverable(const X86Sys *s) { return s->nmi_pending && !s->nmi_blocked; }

static bool intr_deliverable(const X86Cpu *cpu)
{
    return cpu->sys.intr_level && (cpu->eflags & X86_IF) && cpu->sys.board.intr_ack;
}

bool x86_sys_interrupt(CpuCommon *common)
{
    X86Cpu *cpu = (X86Cpu *)common;
    X86Sys *s = &cpu->sys;
    if (common->tb_flags & X86_TBF_INHIBIT_IRQ)
        return false;
    if (nmi_deliverable(s)) {
        s->nmi_pending = false;
        s->nmi_blocked = true;
        x86_sys_deliver(cpu, X86_EXC_NMI, X86_EV_EXTERNAL, false, 0, common->pc);
        return true;
    }
    if (!intr_deliverable(cpu))
        return false;
    int vector = s->board.intr_ack(s->board.intr_opaque);
    if (vector < 0)
        return false;
    x86_sys_deliver(cpu, (unsigned)vector & 0xff, X86_EV_EXTERNAL, false, 0, common->pc);
    return true;
}

/* INIT (SDM §9.1.1 table 9-1): the reset state (which keeps the x87
 * and SSE registers, as INIT does) and the board's wiring. INIT would
 * keep the MTRRs too; they are reset here. */
static void init_cpu(X86Cpu *cpu)
{
    cpu->common.arch->sys->reset(&cpu->common);
    if (cpu->common.tlb)
        tlb_flush(&cpu->common);
}

void x86_sys_set_irq(CpuCommon *common, unsigned line, int level)
{
    X86Cpu *cpu = (X86Cpu *)common;
    X86Sys *s = &cpu->sys;
    switch (line) {
    case X86_IRQ_INTR:
        s->intr_level = level != 0;
        break;
    case X86_IRQ_NMI:
        s->nmi_pending |= level != 0;
        break;
    case X86_IRQ_INIT:
        if (level)
            init_cpu(cpu);
        break;
    default:
        return;
    }
    if (level)
        common->exit_request = 1;
}

bool x86_sys_halted(const CpuCommon *common)
{
    const X86Cpu *cpu = (const X86Cpu *)common;
    return cpu->sys.halted && !nmi_deliverable(&cpu->sys) && !intr_deliverable(cpu);
}
