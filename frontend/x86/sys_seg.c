/* frontend/x86/sys_seg.c — segmentation in system mode (SDM vol. 3
 * chapters 3 and 5, vol. 2 for each instruction): loading segment
 * registers with their protection checks, far jmp/call/ret through code
 * segments and call gates, iret in every mode, syscall/sysret and
 * sysenter/sysexit, and the descriptor, stack and TSS accessors the
 * exception code shares.
 *
 *   real mode      base = selector << 4, the hidden limit and attributes kept
 *   vm86           base = selector << 4, limit 0xFFFF, DPL 3
 *   protected      the descriptor from the GDT/LDT, checked, A bit set
 *   64-bit         the same; bases and limits of CS/DS/ES/SS unused
 *
 * Every check that fails raises its exception (x86_sys_raise_exception)
 * before any register changed: a transfer pops or pushes through an
 * X86Stack and commits registers only at its end. pc is linear
 * (sys.h: CS.base + rIP).
 *
 * Not implemented, logged under -d unimp and raised as #GP: task
 * switches (jmp/call to a TSS or task gate, iret with NT set).
 */
#include "backend/exec.h"
#include "frontend/x86/sys.h"
#include "softmmu/tlb.h"
#include "util/log.h"

/* Descriptor type bits (the low nibble of flags, S = 1). */
enum { TYPE_ACCESSED = 1, TYPE_WRITABLE = 2, TYPE_READABLE = 2, TYPE_CONFORMING = 4, TYPE_CODE = 8 };
/* System descriptor types (S = 0). */
enum { SYS_TSS16 = 1, SYS_CALL_GATE16 = 4, SYS_TASK_GATE = 5, SYS_TSS32 = 9, SYS_CALL_GATE32 = 12 };
/* Every EFLAGS bit a full load replaces (all but the fixed ones). */
enum { EFLAGS_ALL = 0x3f7fd5 };

/* Flat segments syscall and sysenter load (SDM vol. 2: "SYSCALL"). */
enum {
    FLAT_CODE32 = TYPE_CODE | TYPE_READABLE | TYPE_ACCESSED | X86_SEG_S | X86_SEG_P | X86_SEG_DB | X86_SEG_G,
    FLAT_CODE64 = TYPE_CODE | TYPE_READABLE | TYPE_ACCESSED | X86_SEG_S | X86_SEG_P | X86_SEG_L | X86_SEG_G,
    FLAT_DATA = TYPE_WRITABLE | TYPE_ACCESSED | X86_SEG_S | X86_SEG_P | X86_SEG_DB | X86_SEG_G,
    VM86_DATA = TYPE_WRITABLE | TYPE_ACCESSED | X86_SEG_S | X86_SEG_P | 3u << X86_SEG_DPL_SHIFT,
    VM86_CODE = TYPE_CODE | TYPE_READABLE | TYPE_ACCESSED | X86_SEG_S | X86_SEG_P | 3u << X86_SEG_DPL_SHIFT,
};

static unsigned with_dpl(unsigned flags, unsigned dpl) { return flags | dpl << X86_SEG_DPL_SHIFT; }
static unsigned memop_of(unsigned size)
{
    return size == 8 ? IR_MO_64 : size == 4 ? IR_MO_32 : size == 2 ? IR_MO_16 : IR_MO_8;
}
static unsigned sel_index(uint16_t sel) { return sel & 0xfffc; }

static bool long_mode(const X86Cpu *cpu) { return cpu->sys.efer & X86_EFER_LMA; }
static bool code64(const X86Cpu *cpu) { return long_mode(cpu) && (cpu->sys.seg[X86_CS].flags & X86_SEG_L); }
static bool protected_mode(const X86Cpu *cpu)
{
    return (cpu->sys.cr0 & X86_CR0_PE) && !(cpu->eflags & X86_VM);
}

static _Noreturn void fault(X86Cpu *cpu, unsigned vector, uint32_t code)
{
    x86_sys_raise_exception(cpu, vector, true, code);
}

/* A supervisor access to a descriptor table or the TSS. */
static uint64_t kernel_ld(X86Cpu *cpu, uint64_t linear, unsigned size)
{
    return guest_ld(&cpu->common, linear, memop_of(size) | X86_MMU_KERNEL << IR_MO_IDX_SHIFT);
}

/* ---- descriptors ---------------------------------------------------------- */

static bool desc_table(const X86Cpu *cpu, uint16_t sel, uint64_t *base, uint32_t *limit)
{
    if (sel & 4) {
        if (sel_index(cpu->sys.ldtr.sel) == 0)
            return false;
        *base = cpu->sys.ldtr.base;
        *limit = cpu->sys.ldtr.limit;
    } else {
        *base = cpu->sys.gdtr.base;
        *limit = cpu->sys.gdtr.limit;
    }
    return (uint32_t)(sel | 7) <= *limit;
}

bool x86_sys_read_desc(X86Cpu *cpu, uint16_t sel, uint64_t *desc)
{
    uint64_t base;
    uint32_t limit;
    if (!desc_table(cpu, sel, &base, &limit))
        return false;
    *desc = kernel_ld(cpu, base + (sel & ~7u), 8);
    return true;
}

/* The descriptor's A bit, as the cpu sets it when it loads one. */
static uint64_t set_accessed(X86Cpu *cpu, uint16_t sel, uint64_t desc)
{
    uint64_t accessed = 1ull << 40, base;
    uint32_t limit;
    if (!(desc & accessed) && desc_table(cpu, sel, &base, &limit))
        guest_st(&cpu->common, base + (sel & ~7u) + 5, (desc | accessed) >> 40 & 0xff,
                 IR_MO_8 | X86_MMU_KERNEL << IR_MO_IDX_SHIFT);
    return desc | accessed;
}

void x86_sys_set_seg(X86Cpu *cpu, int seg, uint16_t sel, uint64_t base, uint32_t limit, uint32_t flags)
{
    cpu->seg_sel[seg] = sel;
    cpu->seg_base[seg] = base;
    cpu->sys.seg[seg].limit = limit;
    cpu->sys.seg[seg].flags = flags;
}

static void set_seg_from_desc(X86Cpu *cpu, int seg, uint16_t sel, uint64_t desc)
{
    x86_sys_set_seg(cpu, seg, sel, x86_desc_base(desc), x86_desc_limit(desc), x86_desc_flags(desc));
}

static unsigned desc_type(uint64_t d) { return x86_desc_flags(d) & X86_SEG_TYPE; }
static bool desc_is_seg(uint64_t d) { return x86_desc_flags(d) & X86_SEG_S; }
static bool desc_present(uint64_t d) { return x86_desc_flags(d) & X86_SEG_P; }
static bool desc_is_code(uint64_t d) { return desc_is_seg(d) && (desc_type(d) & TYPE_CODE); }

/* ---- stacks and the TSS ------------------------------------------------------ */

static uint64_t stack_mask(const X86Cpu *cpu)
{
    if (code64(cpu))
        return UINT64_MAX;
    return (cpu->sys.seg[X86_SS].flags & X86_SEG_DB) ? 0xffffffffu : 0xffffu;
}

static unsigned mmu_idx_of(unsigned cpl) { return cpl == 3 ? X86_MMU_USER : X86_MMU_KERNEL; }

X86Stack x86_sys_stack_now(const X86Cpu *cpu)
{
    return (X86Stack){cpu->seg_base[X86_SS], cpu->regs[X86_RSP], stack_mask(cpu),
                      mmu_idx_of(x86_sys_cpl(cpu))};
}

static uint64_t stack_addr(const X86Stack *st)
{
    uint64_t a = st->base + (st->sp & st->mask);
    return st->mask == UINT64_MAX ? a : (uint32_t)a;
}

void x86_sys_push(X86Cpu *cpu, X86Stack *st, unsigned size, uint64_t value)
{
    st->sp = (st->sp & ~st->mask) | ((st->sp - size) & st->mask);
    guest_st(&cpu->common, stack_addr(st), value, memop_of(size) | st->mmu_idx << IR_MO_IDX_SHIFT);
}

uint64_t x86_sys_pop(X86Cpu *cpu, X86Stack *st, unsigned size)
{
    uint64_t v = guest_ld(&cpu->common, stack_addr(st), memop_of(size) | st->mmu_idx << IR_MO_IDX_SHIFT);
    st->sp = (st->sp & ~st->mask) | ((st->sp + size) & st->mask);
    return v;
}

void x86_sys_stack_commit(X86Cpu *cpu, const X86Stack *st)
{
    cpu->regs[X86_RSP] = st->mask == 0xffffffffu ? (uint32_t)st->sp : st->sp;
}

static void stack_release(X86Stack *st, unsigned bytes)
{
    st->sp = (st->sp & ~st->mask) | ((st->sp + bytes) & st->mask);
}

void x86_sys_tss_stack(X86Cpu *cpu, unsigned slot, uint16_t *ss, uint64_t *sp)
{
    const X86SysSeg *tr = &cpu->sys.tr;
    unsigned type = tr->flags & X86_SEG_TYPE;
    uint32_t off, last;
    if (long_mode(cpu)) {
        off = 4 + 8 * slot;
        last = off + 7;
    } else if (type & 8) { /* 32-bit TSS: ESPn at 4 + 8n, SSn after it */
        off = 4 + 8 * slot;
        last = off + 5;
    } else {               /* 16-bit TSS: SPn at 2 + 4n, SSn after it */
        off = 2 + 4 * slot;
        last = off + 3;
    }
    if (last > tr->limit)
        fault(cpu, X86_EXC_TS, sel_index(tr->sel));
    if (long_mode(cpu)) {
        *sp = kernel_ld(cpu, tr->base + off, 8);
        *ss = 0;
    } else if (type & 8) {
        *sp = kernel_ld(cpu, tr->base + off, 4);
        *ss = (uint16_t)kernel_ld(cpu, tr->base + off + 4, 2);
    } else {
        *sp = kernel_ld(cpu, tr->base + off, 2);
        *ss = (uint16_t)kernel_ld(cpu, tr->base + off + 2, 2);
    }
}

uint64_t x86_sys_check_new_ss(X86Cpu *cpu, uint16_t ss, unsigned cpl, unsigned vector, unsigned ext)
{
    uint64_t d;
    if (sel_index(ss) == 0)
        fault(cpu, vector, ext);
    if (!x86_sys_read_desc(cpu, ss, &d))
        fault(cpu, vector, sel_index(ss) | ext);
    unsigned type = desc_type(d);
    if ((ss & 3) != cpl || x86_desc_dpl(d) != cpl || !desc_is_seg(d) || (type & TYPE_CODE) ||
        !(type & TYPE_WRITABLE))
        fault(cpu, vector, sel_index(ss) | ext);
    if (!desc_present(d))
        fault(cpu, X86_EXC_SS, sel_index(ss) | ext);
    return set_accessed(cpu, ss, d);
}

/* ---- mov/pop to a segment register ------------------------------------------ */

static void refresh_mode(X86Cpu *cpu, int seg)
{
    if (seg != X86_FS && seg != X86_GS)
        x86_sys_update_tb_flags(cpu);
}

static void load_real(X86Cpu *cpu, int seg, uint16_t sel)
{
    cpu->seg_sel[seg] = sel;
    cpu->seg_base[seg] = (uint64_t)sel << 4;
    if (cpu->eflags & X86_VM) {
        cpu->sys.seg[seg].limit = 0xffff;
        cpu->sys.seg[seg].flags = seg == X86_CS ? VM86_CODE : VM86_DATA;
    }
}

/* A null selector: usable for SS only in 64-bit mode below CPL 3 with
 * RPL = CPL; the register becomes unusable (P clear). */
static void load_null(X86Cpu *cpu, int seg, uint16_t sel)
{
    unsigned cpl = x86_sys_cpl(cpu);
    if (seg == X86_SS) {
        if (!code64(cpu) || cpl == 3 || (sel & 3) != cpl)
            fault(cpu, X86_EXC_GP, 0);
        x86_sys_set_seg(cpu, seg, sel, 0, 0, with_dpl(FLAT_DATA, cpl));
        return;
    }
    x86_sys_set_seg(cpu, seg, sel, 0, 0, 0);
}

void x86_sys_load_seg(X86Cpu *cpu, int seg, uint16_t sel)
{
    if (!protected_mode(cpu)) {
        load_real(cpu, seg, sel);
        refresh_mode(cpu, seg);
        return;
    }
    if (sel_index(sel) == 0) {
        load_null(cpu, seg, sel);
        refresh_mode(cpu, seg);
        return;
    }
    uint64_t d;
    if (!x86_sys_read_desc(cpu, sel, &d))
        fault(cpu, X86_EXC_GP, sel_index(sel));
    unsigned cpl = x86_sys_cpl(cpu), rpl = sel & 3, dpl = x86_desc_dpl(d), type = desc_type(d);
    if (seg == X86_SS) {
        if (rpl != cpl || dpl != cpl || !desc_is_seg(d) || (type & TYPE_CODE) || !(type & TYPE_WRITABLE))
            fault(cpu, X86_EXC_GP, sel_index(sel));
        if (!desc_present(d))
            fault(cpu, X86_EXC_SS, sel_index(sel));
    } else {
        bool execute_only = (type & TYPE_CODE) && !(type & TYPE_READABLE);
        bool conforming_code = (type & (TYPE_CODE | TYPE_CONFORMING)) == (TYPE_CODE | TYPE_CONFORMING);
        if (!desc_is_seg(d) || execute_only || (!conforming_code && (dpl < cpl || dpl < rpl)))
            fault(cpu, X86_EXC_GP, sel_index(sel));
        if (!desc_present(d))
            fault(cpu, X86_EXC_NP, sel_index(sel));
    }
    set_seg_from_desc(cpu, seg, sel, set_accessed(cpu, sel, d));
    refresh_mode(cpu, seg);
}

/* ---- far jumps and calls -------------------------------------------------------- */

static void enter_real(X86Cpu *cpu, uint16_t sel, uint64_t ip)
{
    load_real(cpu, X86_CS, sel);
    x86_sys_update_tb_flags(cpu);
    x86_sys_set_ip(cpu, ip);
}

/* CS = sel (RPL = the new CPL) from descriptor d, checked and marked
 * accessed, rIP = ip. */
static void enter_code(X86Cpu *cpu, uint16_t sel, uint64_t d, unsigned cpl, uint64_t ip)
{
    set_seg_from_desc(cpu, X86_CS, sel_index(sel) | cpl, d);
    x86_sys_update_tb_flags(cpu);
    x86_sys_set_ip(cpu, code64(cpu) ? ip : (uint32_t)ip);
}

/* A code segment's descriptor for a far transfer: #GP(0) for a null
 * selector, #GP(sel) outside the tables. */
static uint64_t target_desc(X86Cpu *cpu, uint16_t sel)
{
    uint64_t d;
    if (sel_index(sel) == 0)
        fault(cpu, X86_EXC_GP, 0);
    if (!x86_sys_read_desc(cpu, sel, &d))
        fault(cpu, X86_EXC_GP, sel_index(sel));
    return d;
}

/* A code segment's checks when reached directly (SDM vol. 2 "JMP",
 * "CALL"): conforming DPL <= CPL, else RPL <= CPL and DPL = CPL. Returns
 * the descriptor marked accessed. */
static uint64_t check_direct_code(X86Cpu *cpu, uint16_t sel, uint64_t d, uint64_t ip)
{
    unsigned cpl = x86_sys_cpl(cpu), dpl = x86_desc_dpl(d);
    bool ok = desc_is_code(d) &&
              ((desc_type(d) & TYPE_CONFORMING) ? dpl <= cpl : (sel & 3) <= cpl && dpl == cpl);
    if (!ok || (long_mode(cpu) && (x86_desc_flags(d) & X86_SEG_L) && (x86_desc_flags(d) & X86_SEG_DB)))
        fault(cpu, X86_EXC_GP, sel_index(sel));
    if (!desc_present(d))
        fault(cpu, X86_EXC_NP, sel_index(sel));
    if (!(long_mode(cpu) && (x86_desc_flags(d) & X86_SEG_L)) && ip > x86_desc_limit(d))
        fault(cpu, X86_EXC_GP, 0);
    return set_accessed(cpu, sel, d);
}

static _Noreturn void task_switch(X86Cpu *cpu, uint16_t sel)
{
    if (log_enabled(LOG_UNIMP))
        log_printf("x86: task switch to selector 0x%x not implemented: #GP\n", sel);
    fault(cpu, X86_EXC_GP, sel_index(sel));
}

/* A call gate's target: selector, offset, the size of what it pushes,
 * and its parameter count (SDM §5.8.3, §5.8.3.1 for the 16-byte form). */
typedef struct CallGate {
    uint16_t sel;
    uint64_t offset;
    unsigned size, params;
    uint64_t code;          /* the target's descriptor, checked */
} CallGate;

static CallGate read_call_gate(X86Cpu *cpu, uint16_t sel, uint64_t g, bool call)
{
    unsigned cpl = x86_sys_cpl(cpu), dpl = x86_desc_dpl(g);
    if (dpl < cpl || dpl < (sel & 3u))
        fault(cpu, X86_EXC_GP, sel_index(sel));
    if (!desc_present(g))
        fault(cpu, X86_EXC_NP, sel_index(sel));
    CallGate cg = {.sel = (uint16_t)(g >> 16), .offset = g & 0xffff, .size = 2, .params = (g >> 32) & 0x1f};
    if (desc_type(g) == SYS_CALL_GATE32) {
        cg.offset |= (g >> 32) & 0xffff0000u;
        cg.size = 4;
    }
    if (long_mode(cpu)) {
        uint64_t high;
        if (!x86_sys_read_desc(cpu, (uint16_t)(sel + 8), &high) || ((high >> 40) & 0x1f) != 0)
            fault(cpu, X86_EXC_GP, sel_index(sel));
        cg.offset |= (high & 0xffffffffu) << 32;
        cg.size = 8;
        cg.params = 0;
    }
    cg.code = target_desc(cpu, cg.sel);
    unsigned tdpl = x86_desc_dpl(cg.code);
    bool conforming = desc_type(cg.code) & TYPE_CONFORMING;
    bool ok = desc_is_code(cg.code) && tdpl <= cpl && (call || conforming || tdpl == cpl);
    if (long_mode(cpu) && !((x86_desc_flags(cg.code) & (X86_SEG_L | X86_SEG_DB)) == X86_SEG_L))
        ok = false;
    if (!ok)
        fault(cpu, X86_EXC_GP, sel_index(cg.sel));
    if (!desc_present(cg.code))
        fault(cpu, X86_EXC_NP, sel_index(cg.sel));
    cg.code = set_accessed(cpu, cg.sel, cg.code);
    return cg;
}

/* The system descriptor sel names, for jmp and call: a call gate read,
 * a task switch refused. */
static CallGate system_target(X86Cpu *cpu, uint16_t sel, uint64_t d, bool call)
{
    unsigned type = desc_type(d);
    if (type == SYS_CALL_GATE32 || (type == SYS_CALL_GATE16 && !long_mode(cpu)))
        return read_call_gate(cpu, sel, d, call);
    if (!long_mode(cpu) && (type == SYS_TASK_GATE || type == SYS_TSS16 || type == SYS_TSS32))
        task_switch(cpu, sel);
    fault(cpu, X86_EXC_GP, sel_index(sel));
}

void x86_sys_ljmp(X86Cpu *cpu, uint16_t sel, uint64_t offset, uint64_t next_pc)
{
    (void)next_pc;
    if (!protected_mode(cpu)) {
        enter_real(cpu, sel, offset);
        return;
    }
    uint64_t d = target_desc(cpu, sel);
    if (desc_is_seg(d)) {
        d = check_direct_code(cpu, sel, d, offset);
        enter_code(cpu, sel, d, x86_sys_cpl(cpu), offset);
        return;
    }
    CallGate cg = system_target(cpu, sel, d, false);
    enter_code(cpu, cg.sel, cg.code, x86_sys_cpl(cpu), cg.offset);
}

/* A call through a gate to a more privileged non-conforming segment
 * (SDM vol. 2 "CALL", "MORE-PRIVILEGE"): the stack of the new level from
 * the TSS, the caller's SS:rSP and parameters copied onto it. */
static void call_inner(X86Cpu *cpu, const CallGate *cg, uint64_t return_ip)
{
    unsigned dpl = x86_desc_dpl(cg->code);
    uint16_t ss;
    uint64_t sp, ss_desc = 0;
    x86_sys_tss_stack(cpu, dpl, &ss, &sp);
    X86Stack old = x86_sys_stack_now(cpu);
    X86Stack st = {.sp = sp, .mask = UINT64_MAX, .mmu_idx = X86_MMU_KERNEL};
    if (long_mode(cpu)) {
        ss = (uint16_t)dpl;
    } else {
        ss_desc = x86_sys_check_new_ss(cpu, ss, dpl, X86_EXC_TS, 0);
        st.base = x86_desc_base(ss_desc);
        st.mask = (x86_desc_flags(ss_desc) & X86_SEG_DB) ? 0xffffffffu : 0xffffu;
    }
    x86_sys_push(cpu, &st, cg->size, cpu->seg_sel[X86_SS]);
    x86_sys_push(cpu, &st, cg->size, old.sp & old.mask);
    for (unsigned i = cg->params; i-- > 0;) {
        X86Stack param = old;
        stack_release(&param, i * cg->size);
        x86_sys_push(cpu, &st, cg->size, x86_sys_pop(cpu, &param, cg->size));
    }
    x86_sys_push(cpu, &st, cg->size, cpu->seg_sel[X86_CS]);
    x86_sys_push(cpu, &st, cg->size, return_ip);
    if (long_mode(cpu))
        x86_sys_set_seg(cpu, X86_SS, ss, 0, 0, with_dpl(FLAT_DATA, dpl));
    else
        set_seg_from_desc(cpu, X86_SS, ss, ss_desc);
    x86_sys_stack_commit(cpu, &st);
    enter_code(cpu, cg->sel, cg->code, dpl, cg->offset);
}

void x86_sys_lcall(X86Cpu *cpu, uint16_t sel, uint64_t offset, unsigned opsize, uint64_t next_pc)
{
    uint64_t return_ip = x86_sys_ip_of(cpu, next_pc);
    X86Stack st = x86_sys_stack_now(cpu);
    if (!protected_mode(cpu)) {
        x86_sys_push(cpu, &st, opsize, cpu->seg_sel[X86_CS]);
        x86_sys_push(cpu, &st, opsize, return_ip);
        x86_sys_stack_commit(cpu, &st);
        enter_real(cpu, sel, offset);
        return;
    }
    uint64_t d = target_desc(cpu, sel);
    if (desc_is_seg(d)) {
        d = check_direct_code(cpu, sel, d, offset);
        x86_sys_push(cpu, &st, opsize, cpu->seg_sel[X86_CS]);
        x86_sys_push(cpu, &st, opsize, return_ip);
        x86_sys_stack_commit(cpu, &st);
        enter_code(cpu, sel, d, x86_sys_cpl(cpu), offset);
        return;
    }
    CallGate cg = system_target(cpu, sel, d, true);
    unsigned cpl = x86_sys_cpl(cpu);
    if (!(desc_type(cg.code) & TYPE_CONFORMING) && x86_desc_dpl(cg.code) < cpl) {
        call_inner(cpu, &cg, return_ip);
        return;
    }
    x86_sys_push(cpu, &st, cg.size, cpu->seg_sel[X86_CS]);
    x86_sys_push(cpu, &st, cg.size, return_ip);
    x86_sys_stack_commit(cpu, &st);
    enter_code(cpu, cg.sel, cg.code, cpl, cg.offset);
}

/* ---- far returns and iret ------------------------------------------------------- */

/* A data segment register the new CPL may not use becomes null (SDM
 * vol. 2 "RET": "FOR each of segment register (ES, FS, GS, and DS)"). */
static void null_unusable_segments(X86Cpu *cpu, unsigned cpl)
{
    static const int data_segs[] = {X86_ES, X86_DS, X86_FS, X86_GS};
    for (unsigned i = 0; i < sizeof data_segs / sizeof data_segs[0]; i++) {
        X86SegCache *c = &cpu->sys.seg[data_segs[i]];
        bool conforming_code = (c->flags & (TYPE_CODE | TYPE_CONFORMING)) == (TYPE_CODE | TYPE_CONFORMING);
        unsigned dpl = (c->flags & X86_SEG_DPL) >> X86_SEG_DPL_SHIFT;
        if (!conforming_code && dpl < cpl) {
            cpu->seg_sel[data_segs[i]] = 0;
            c->flags &= ~(uint32_t)X86_SEG_P;
        }
    }
}

/* Return to CS:rIP popped from st in protected mode (lret, iret): the
 * code segment's checks, then SS:rSP from the stack too when the
 * privilege level drops or `always_ss` (iret in 64-bit mode); `release`
 * bytes of parameters dropped from each stack. Commits CS, SS, rSP, pc. */
static void return_far(X86Cpu *cpu, X86Stack *st, uint16_t cs, uint64_t ip, unsigned opsize,
                       unsigned release, bool always_ss)
{
    unsigned cpl = x86_sys_cpl(cpu), rpl = cs & 3;
    uint64_t d = target_desc(cpu, cs);
    unsigned dpl = x86_desc_dpl(d);
    bool to_64bit = long_mode(cpu) && (x86_desc_flags(d) & X86_SEG_L);
    if (rpl < cpl || !desc_is_code(d) || ((desc_type(d) & TYPE_CONFORMING) ? dpl > rpl : dpl != rpl) ||
        (to_64bit && (x86_desc_flags(d) & X86_SEG_DB)))
        fault(cpu, X86_EXC_GP, sel_index(cs));
    if (!desc_present(d))
        fault(cpu, X86_EXC_NP, sel_index(cs));
    d = set_accessed(cpu, cs, d);
    stack_release(st, release);
    if (rpl == cpl && !always_ss) {
        x86_sys_stack_commit(cpu, st);
        enter_code(cpu, cs, d, rpl, ip);
        return;
    }
    uint64_t sp = x86_sys_pop(cpu, st, opsize);
    uint16_t ss = (uint16_t)x86_sys_pop(cpu, st, opsize);
    if (sel_index(ss) == 0 && to_64bit && rpl != 3 && (ss & 3) == rpl) {
        x86_sys_set_seg(cpu, X86_SS, ss, 0, 0, with_dpl(FLAT_DATA, rpl));
    } else {
        uint64_t ss_desc = x86_sys_check_new_ss(cpu, ss, rpl, X86_EXC_GP, 0);
        set_seg_from_desc(cpu, X86_SS, ss, ss_desc);
    }
    enter_code(cpu, cs, d, rpl, ip);
    X86Stack outer = x86_sys_stack_now(cpu);
    outer.sp = sp;
    stack_release(&outer, release);
    x86_sys_stack_commit(cpu, &outer);
    if (rpl > cpl)
        null_unusable_segments(cpu, rpl);
}

void x86_sys_lret(X86Cpu *cpu, unsigned opsize, unsigned imm16)
{
    X86Stack st = x86_sys_stack_now(cpu);
    uint64_t ip = x86_sys_pop(cpu, &st, opsize);
    uint16_t cs = (uint16_t)x86_sys_pop(cpu, &st, opsize);
    if (!protected_mode(cpu)) {
        stack_release(&st, imm16);
        x86_sys_stack_commit(cpu, &st);
        enter_real(cpu, cs, ip);
        return;
    }
    return_far(cpu, &st, cs, ip, opsize, imm16, false);
}

/* EFLAGS bits iret may change at privilege level cpl (SDM vol. 2
 * "IRET"): IF only with CPL <= IOPL, IOPL, VIF and VIP only at CPL 0. */
static uint32_t iret_flags_mask(const X86Cpu *cpu, unsigned cpl, unsigned opsize)
{
    uint32_t mask = X86_STATUS_FLAGS | X86_TF | X86_DF | X86_NT | X86_RF | X86_AC | X86_ID;
    unsigned iopl = (cpu->eflags & X86_IOPL) >> 12;
    if (cpl <= iopl)
        mask |= X86_IF;
    if (cpl == 0)
        mask |= X86_IOPL | X86_VIF | X86_VIP;
    return opsize == 2 ? mask & 0xffff : mask;
}

/* iret to virtual-8086 mode from CPL 0 (the rest of the frame: ESP, SS,
 * ES, DS, FS, GS, all 32-bit). */
static void iret_to_vm86(X86Cpu *cpu, X86Stack *st, uint16_t cs, uint64_t ip, uint32_t flags)
{
    uint64_t sp = x86_sys_pop(cpu, st, 4);
    static const int order[] = {X86_SS, X86_ES, X86_DS, X86_FS, X86_GS};
    uint16_t sel[X86_NSEGS];
    for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++)
        sel[order[i]] = (uint16_t)x86_sys_pop(cpu, st, 4);
    sel[X86_CS] = cs;
    x86_put_eflags(cpu, flags, EFLAGS_ALL);
    for (int seg = 0; seg < X86_NSEGS; seg++)
        load_real(cpu, seg, sel[seg]);
    cpu->regs[X86_RSP] = (uint32_t)sp;
    x86_sys_update_tb_flags(cpu);
    x86_sys_set_ip(cpu, ip & 0xffff);
}

/* Real mode, and vm86 with IOPL 3: IP, CS, FLAGS; VM and IOPL stay in
 * vm86, VM, VIF and VIP in real mode. */
static void iret_real(X86Cpu *cpu, unsigned opsize)
{
    bool vm86 = cpu->eflags & X86_VM;
    if (vm86 && (cpu->eflags & X86_IOPL) != X86_IOPL)
        fault(cpu, X86_EXC_GP, 0);
    X86Stack st = x86_sys_stack_now(cpu);
    uint64_t ip = x86_sys_pop(cpu, &st, opsize);
    uint16_t cs = (uint16_t)x86_sys_pop(cpu, &st, opsize);
    uint32_t flags = (uint32_t)x86_sys_pop(cpu, &st, opsize);
    uint32_t mask = (opsize == 4 ? 0x257fd5u : 0x7fd5u) & (vm86 ? ~(uint32_t)X86_IOPL : ~0u);
    x86_sys_stack_commit(cpu, &st);
    x86_put_eflags(cpu, flags, mask);
    enter_real(cpu, cs, ip);
}

void x86_sys_iret(X86Cpu *cpu, unsigned opsize)
{
    if (!protected_mode(cpu)) {
        iret_real(cpu, opsize);
    } else if (cpu->eflags & X86_NT) {
        if (long_mode(cpu))
            fault(cpu, X86_EXC_GP, 0);
        task_switch(cpu, cpu->sys.tr.sel);
    } else {
        unsigned cpl = x86_sys_cpl(cpu);
        X86Stack st = x86_sys_stack_now(cpu);
        uint64_t ip = x86_sys_pop(cpu, &st, opsize);
        uint16_t cs = (uint16_t)x86_sys_pop(cpu, &st, opsize);
        uint32_t flags = (uint32_t)x86_sys_pop(cpu, &st, opsize);
        if ((flags & X86_VM) && opsize == 4 && cpl == 0 && !long_mode(cpu)) {
            iret_to_vm86(cpu, &st, cs, ip, flags);
        } else {
            uint32_t mask = iret_flags_mask(cpu, cpl, opsize);
            return_far(cpu, &st, cs, ip, opsize, 0, code64(cpu));
            x86_put_eflags(cpu, flags, mask);
            x86_sys_update_tb_flags(cpu);
        }
    }
    cpu->sys.nmi_blocked = false;
    if (cpu->sys.intr_level && (cpu->eflags & X86_IF))
        cpu->common.exit_request = 1;
}

/* ---- syscall/sysret, sysenter/sysexit --------------------------------------------- */

static void set_flat(X86Cpu *cpu, uint16_t cs, uint32_t code_flags, uint16_t ss, unsigned cpl)
{
    x86_sys_set_seg(cpu, X86_CS, (uint16_t)(cs | cpl), 0, 0xffffffffu, with_dpl(code_flags, cpl));
    x86_sys_set_seg(cpu, X86_SS, (uint16_t)(ss | cpl), 0, 0xffffffffu, with_dpl(FLAT_DATA, cpl));
    x86_sys_update_tb_flags(cpu);
}

void x86_sys_syscall(X86Cpu *cpu, uint64_t next_pc)
{
    X86Sys *s = &cpu->sys;
    if (!(s->efer & X86_EFER_SCE) || !(s->cr0 & X86_CR0_PE))
        x86_sys_raise_exception(cpu, X86_EXC_UD, false, 0);
    uint64_t ip = x86_sys_ip_of(cpu, next_pc);
    uint16_t cs = (uint16_t)(s->star >> 32) & 0xfffc;
    if (long_mode(cpu)) {
        bool from_64bit = code64(cpu);
        cpu->regs[X86_RCX] = from_64bit ? ip : (uint32_t)ip;
        cpu->regs[X86_R11] = x86_get_eflags(cpu) & ~(uint32_t)X86_RF;
        x86_put_eflags(cpu, 0, (uint32_t)s->sfmask | X86_RF);
        set_flat(cpu, cs, FLAT_CODE64, (uint16_t)(cs + 8), 0);
        x86_sys_set_ip(cpu, from_64bit ? s->lstar : s->cstar);
        return;
    }
    cpu->regs[X86_RCX] = (uint32_t)ip;
    x86_put_eflags(cpu, 0, X86_VM | X86_IF | X86_RF);
    set_flat(cpu, cs, FLAT_CODE32, (uint16_t)(cs + 8), 0);
    x86_sys_set_ip(cpu, (uint32_t)s->star);
}

static bool canonical(uint64_t a) { return (uint64_t)((int64_t)(a << 16) >> 16) == a; }

void x86_sys_sysret(X86Cpu *cpu, unsigned opsize)
{
    X86Sys *s = &cpu->sys;
    if (!(s->efer & X86_EFER_SCE) || !(s->cr0 & X86_CR0_PE))
        x86_sys_raise_exception(cpu, X86_EXC_UD, false, 0);
    if (x86_sys_cpl(cpu) != 0)
        fault(cpu, X86_EXC_GP, 0);
    uint16_t base = (uint16_t)(s->star >> 48);
    uint16_t ss = (uint16_t)(base + 8);
    if (!long_mode(cpu)) {
        x86_put_eflags(cpu, X86_IF, X86_IF);
        set_flat(cpu, base, FLAT_CODE32, ss, 3);
        x86_sys_set_ip(cpu, (uint32_t)cpu->regs[X86_RCX]);
        return;
    }
    uint64_t rip = cpu->regs[X86_RCX];
    if (opsize == 8 && !canonical(rip))
        fault(cpu, X86_EXC_GP, 0);
    x86_put_eflags(cpu, (uint32_t)cpu->regs[X86_R11] & ~(uint32_t)(X86_RF | X86_VM), EFLAGS_ALL);
    if (opsize == 8)
        set_flat(cpu, (uint16_t)(base + 16), FLAT_CODE64, ss, 3);
    else
        set_flat(cpu, base, FLAT_CODE32, ss, 3);
    x86_sys_set_ip(cpu, opsize == 8 ? rip : (uint32_t)rip);
}

void x86_sys_sysenter(X86Cpu *cpu)
{
    X86Sys *s = &cpu->sys;
    uint16_t cs = (uint16_t)s->sysenter_cs & 0xfffc;
    if (!(s->cr0 & X86_CR0_PE) || cs == 0)
        fault(cpu, X86_EXC_GP, 0);
    bool lm = long_mode(cpu);
    x86_put_eflags(cpu, 0, X86_VM | X86_IF | X86_RF);
    set_flat(cpu, cs, lm ? FLAT_CODE64 : FLAT_CODE32, (uint16_t)(cs + 8), 0);
    cpu->regs[X86_RSP] = lm ? s->sysenter_esp : (uint32_t)s->sysenter_esp;
    x86_sys_set_ip(cpu, lm ? s->sysenter_eip : (uint32_t)s->sysenter_eip);
}

void x86_sys_sysexit(X86Cpu *cpu, unsigned opsize)
{
    X86Sys *s = &cpu->sys;
    uint16_t cs = (uint16_t)s->sysenter_cs & 0xfffc;
    if (!(s->cr0 & X86_CR0_PE) || cs == 0 || x86_sys_cpl(cpu) != 0)
        fault(cpu, X86_EXC_GP, 0);
    if (opsize == 8) {
        set_flat(cpu, (uint16_t)(cs + 32), FLAT_CODE64, (uint16_t)(cs + 40), 3);
        cpu->regs[X86_RSP] = cpu->regs[X86_RCX];
        x86_sys_set_ip(cpu, cpu->regs[X86_RDX]);
    } else {
        set_flat(cpu, (uint16_t)(cs + 16), FLAT_CODE32, (uint16_t)(cs + 24), 3);
        cpu->regs[X86_RSP] = (uint32_t)cpu->regs[X86_RCX];
        x86_sys_set_ip(cpu, (uint32_t)cpu->regs[X86_RDX]);
    }
}
