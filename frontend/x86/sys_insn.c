/* frontend/x86/sys_insn.c — translation of the system instructions:
 * port I/O (in, out, ins, outs), cli/sti/hlt, the descriptor-table
 * registers (lgdt lidt sgdt sidt lldt sldt ltr str), control and debug
 * registers (mov CRn/DRn, lmsw, smsw, clts), lar/lsl/verr/verw, MSRs,
 * invlpg, invd/wbinvd, swapgs, segment register loads, far jumps, calls
 * and returns, int n / int3 / into / iret, syscall/sysret/sysenter/
 * sysexit, and the system view of pushf/popf, cpuid and rdtsc.
 *
 * They translate in system mode (X86_TBF_SYS, the block's ctx->sys);
 * user mode keeps its own answers (#GP at the instruction for the
 * privileged ones, #UD for the rest).
 *
 * Checks known when translating (CPL, real mode) are decided then; those
 * on run-time state (IOPL and the TSS I/O bitmap, CR4.TSD, descriptor
 * contents) are made by the helpers, which raise through
 * x86_sys_raise_exception. An instruction that changes what translated
 * code depends on (tb_flags: modes, CPL, segment bases, IF) ends its
 * block:
 *   - segment loads, out, sti: goto_tb to the next instruction (blocks
 *     chain only between equal tb_flags, so a mode change or sti's
 *     interrupt shadow is looked up afresh);
 *   - far transfers, int, syscall..., MSR writes, invlpg: exit to the loop
 *     (EXIT_NONE: the next block is looked up at the new pc and flags);
 *   - what may enable interrupts or change the mappings (popf, iret,
 *     CR writes): EXIT_INTERRUPT, so the machine loop delivers a pending
 *     interrupt.
 */
#include <inttypes.h>

#include "backend/exec.h"
#include "frontend/x86/helpers.h"
#include "frontend/x86/int.h"
#include "frontend/x86/sys.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"
#include "util/log.h"

static X86Cpu *x86_of(CpuCommon *env)
{
    return (X86Cpu *)env;
}

static _Noreturn void raise_gp0(X86Cpu *cpu)
{
    x86_sys_raise_exception(cpu, X86_EXC_GP, true, 0);
}

static IrMemop io_memop(unsigned size)
{
    return size == 1 ? IR_MO_8 : size == 2 ? IR_MO_16 : IR_MO_32;
}

/* ---- I/O privilege ------------------------------------------------------------ */

/* The TSS's I/O permission bitmap (SDM vol. 1 §18.5.2): a 32-bit or
 * 64-bit TSS names it at offset 0x66; every bit of [port, port + size)
 * must be clear and within the TSS's limit. */
enum { TSS_IOMAP_BASE = 0x66, TSS_MIN_LIMIT = 0x67, TSS_TYPE_32_AVAIL = 9 };

static bool io_bitmap_allows(X86Cpu *cpu, uint32_t port, unsigned size)
{
    const X86SysSeg *tr = &cpu->sys.tr;
    uint32_t kernel_idx = X86_MMU_KERNEL << IR_MO_IDX_SHIFT;
    if ((tr->flags & X86_SEG_TYPE & ~2u) != TSS_TYPE_32_AVAIL || tr->limit < TSS_MIN_LIMIT)
        return false;
    uint64_t map = guest_ld(&cpu->common, tr->base + TSS_IOMAP_BASE, IR_MO_16 | kernel_idx);
    uint64_t at = map + port / 8;
    if (at + 1 > tr->limit)
        return false;
    uint64_t bits = guest_ld(&cpu->common, tr->base + at, IR_MO_16 | kernel_idx);
    return ((bits >> (port & 7)) & ((1u << size) - 1)) == 0;
}

/* In protected mode, CPL > IOPL (and vm86 below IOPL 3) may touch only
 * the ports the TSS's I/O bitmap allows (SDM vol. 1 §18.5.1). */
static void check_io_privilege(X86Cpu *cpu, uint32_t port, unsigned size)
{
    if (!(cpu->sys.cr0 & X86_CR0_PE))
        return;
    unsigned iopl = (cpu->eflags & X86_IOPL) >> 12;
    if (x86_sys_cpl(cpu) > iopl && !io_bitmap_allows(cpu, port & 0xffff, size))
        raise_gp0(cpu);
}

/* cli, sti, popf's IF: CPL <= IOPL in protected mode (no VME/PVI). */
static void check_if_privilege(X86Cpu *cpu)
{
    if (!(cpu->sys.cr0 & X86_CR0_PE))
        return;
    if (x86_sys_cpl(cpu) > (cpu->eflags & X86_IOPL) >> 12)
        raise_gp0(cpu);
}

/* ---- helpers ---------------------------------------------------------------------- */

/* Does a device answer at the port? Logged under -d guest_errors if not. */
static bool port_decoded(X86Cpu *cpu, const char *what, uint32_t port, uint32_t size)
{
    uint64_t offset;
    if (cpu->sys.board.ports && as_find(cpu->sys.board.ports, port, &offset))
        return true;
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("%s: nothing at port 0x%x (size %u)\n", what, port, size);
    return false;
}

/* A port nothing decodes reads as all ones (the ISA bus floats high). */
static uint32_t sys_in(CpuCommon *env, uint32_t port, uint32_t size)
{
    X86Cpu *cpu = x86_of(env);
    check_io_privilege(cpu, port, size);
    port &= 0xffff;
    if (!port_decoded(cpu, "in", port, size))
        return (uint32_t)(size == 4 ? 0xffffffffu : (1u << (8 * size)) - 1);
    return (uint32_t)as_ld(cpu->sys.board.ports, port, io_memop(size));
}

static void sys_out(CpuCommon *env, uint32_t port, uint32_t value, uint32_t size)
{
    X86Cpu *cpu = x86_of(env);
    check_io_privilege(cpu, port, size);
    port &= 0xffff;
    if (port_decoded(cpu, "out", port, size))
        as_st(cpu->sys.board.ports, port, value, io_memop(size));
}

/* cli (set 0) / sti (set 1). sti opens an interrupt shadow: the next
 * instruction runs before any interrupt (translate.c ends it). */
static void sys_set_if(CpuCommon *env, uint32_t set)
{
    X86Cpu *cpu = x86_of(env);
    check_if_privilege(cpu);
    if (!set) {
        cpu->eflags &= ~(uint32_t)X86_IF;
    } else if (!(cpu->eflags & X86_IF)) {
        cpu->eflags |= X86_IF;
        env->tb_flags |= X86_TBF_INHIBIT_IRQ;
    }
}

static void sys_hlt(CpuCommon *env)
{
    x86_of(env)->sys.halted = true;
}

/* popf / popfd / popfq (SDM vol. 2 POPF): at CPL 0 every flag but VM,
 * VIP, VIF and RF; IOPL only at CPL 0; IF only when CPL <= IOPL; in vm86
 * IOPL 3 is needed and IOPL stays. */
static void sys_popf(CpuCommon *env, uint32_t value, uint32_t opsize)
{
    X86Cpu *cpu = x86_of(env);
    unsigned cpl = x86_sys_cpl(cpu), iopl = (cpu->eflags & X86_IOPL) >> 12;
    bool vm86 = (cpu->sys.cr0 & X86_CR0_PE) && (cpu->eflags & X86_VM);
    if (vm86 && iopl < 3)
        raise_gp0(cpu);
    uint32_t mask = X86_USER_FLAGS | X86_NT;
    if (cpl == 0 && !vm86)
        mask |= X86_IOPL;
    if (cpl <= iopl)
        mask |= X86_IF;
    if (opsize == 2)
        mask &= 0xffff;
    x86_put_eflags(cpu, value, mask);
    x86_sys_update_tb_flags(cpu);
}

static void sys_write_cr(CpuCommon *env, uint32_t n, uint64_t value)
{
    X86Cpu *cpu = x86_of(env);
    if (!x86_sys_write_cr(cpu, n, value))
        raise_gp0(cpu);
}

/* rdmsr: EDX:EAX = MSR[ECX]; wrmsr: MSR[ECX] = EDX:EAX. */
static void sys_rdmsr(CpuCommon *env)
{
    X86Cpu *cpu = x86_of(env);
    uint64_t v;
    if (!x86_sys_rdmsr(cpu, (uint32_t)cpu->regs[X86_RCX], &v))
        raise_gp0(cpu);
    cpu->regs[X86_RAX] = (uint32_t)v;
    cpu->regs[X86_RDX] = v >> 32;
}

static void sys_wrmsr(CpuCommon *env)
{
    X86Cpu *cpu = x86_of(env);
    uint64_t v = (uint32_t)cpu->regs[X86_RAX] | cpu->regs[X86_RDX] << 32;
    if (!x86_sys_wrmsr(cpu, (uint32_t)cpu->regs[X86_RCX], v))
        raise_gp0(cpu);
}

static void sys_invlpg(CpuCommon *env, uint64_t addr)
{
    if (env->tlb)
        tlb_flush_page(env, addr);
}

/* rdtsc at CPL > 0 with CR4.TSD is #GP (SDM vol. 2 RDTSC). */
static uint64_t sys_rdtsc(CpuCommon *env)
{
    X86Cpu *cpu = x86_of(env);
    if ((cpu->sys.cr4 & X86_CR4_TSD) && x86_sys_cpl(cpu) > 0)
        raise_gp0(cpu);
    return x86_host_ns() - cpu->tsc_base;
}

/* CPUID of the system cpu: user mode's model plus what a kernel looks
 * for, all of which this cpu has (leaf 1 EDX; NX in 0x80000001 EDX). */
enum {
    CPUID_1_EDX_SYSTEM = 1u << 1 /* VME */ | 1u << 2 /* DE */ | 1u << 3 /* PSE */ | 1u << 5 /* MSR */ |
                         1u << 6 /* PAE */ | 1u << 9 /* APIC */ | 1u << 11 /* SEP */ | 1u << 12 /* MTRR */ |
                         1u << 13 /* PGE */ | 1u << 16 /* PAT */,
    CPUID_E1_EDX_NX = 1u << 20,
};

static void sys_cpuid(CpuCommon *env)
{
    X86Cpu *cpu = x86_of(env);
    uint32_t leaf = (uint32_t)cpu->regs[X86_RAX], out[4];
    x86_cpuid(leaf, (uint32_t)cpu->regs[X86_RCX], out);
    if (leaf == 1)
        out[3] |= CPUID_1_EDX_SYSTEM;
    else if (leaf == 0x80000001u)
        out[3] |= CPUID_E1_EDX_NX;
    cpu->regs[X86_RAX] = out[0];
    cpu->regs[X86_RBX] = out[1];
    cpu->regs[X86_RCX] = out[2];
    cpu->regs[X86_RDX] = out[3];
}

/* mov Sreg, pop Sreg, lds...: the load with its checks, then the modes
 * (ADDSEG follows DS/ES/SS bases). mov/pop SS opens an interrupt shadow. */
static void sys_load_seg(CpuCommon *env, uint32_t seg, uint32_t selector)
{
    X86Cpu *cpu = x86_of(env);
    x86_sys_load_seg(cpu, (int)seg, (uint16_t)selector);
    x86_sys_update_tb_flags(cpu);
    if (seg == X86_SS)
        env->tb_flags |= X86_TBF_INHIBIT_IRQ;
}

static void sys_ljmp(CpuCommon *env, uint32_t selector, uint64_t offset, uint64_t next_pc)
{
    x86_sys_ljmp(x86_of(env), (uint16_t)selector, offset, next_pc);
}

static void sys_lcall(CpuCommon *env, uint32_t selector, uint64_t offset, uint32_t opsize, uint64_t next_pc)
{
    x86_sys_lcall(x86_of(env), (uint16_t)selector, offset, opsize, next_pc);
}

static void sys_lret(CpuCommon *env, uint32_t opsize, uint32_t imm16)
{
    x86_sys_lret(x86_of(env), opsize, imm16);
}

static void sys_iret(CpuCommon *env, uint32_t opsize)
{
    x86_sys_iret(x86_of(env), opsize);
}

/* int n (kind X86_EV_SOFT_INT), int3 and into (X86_EV_SOFT_EXC). */
static void sys_soft_int(CpuCommon *env, uint32_t vector, uint32_t kind, uint64_t next_pc)
{
    x86_sys_deliver(x86_of(env), vector, (X86EventKind)kind, false, 0, next_pc);
}

static void sys_syscall(CpuCommon *env, uint64_t next_pc)
{
    x86_sys_syscall(x86_of(env), next_pc);
}

static void sys_sysret(CpuCommon *env, uint32_t opsize)
{
    x86_sys_sysret(x86_of(env), opsize);
}

static void sys_sysenter(CpuCommon *env)
{
    x86_sys_sysenter(x86_of(env));
}

static void sys_sysexit(CpuCommon *env, uint32_t opsize)
{
    x86_sys_sysexit(x86_of(env), opsize);
}

/* lldt / ltr: a system descriptor from the GDT (SDM vol. 3 §7.2.4,
 * §3.5): LDT (type 2) or available TSS (type 1 or 9, made busy); 16
 * bytes in long mode. A null selector empties LDTR (not TR). */
enum { DESC_TYPE_LDT = 2, DESC_TYPE_TSS16 = 1, DESC_TYPE_TSS32 = 9, DESC_BUSY = 2 };

static void system_segment_fault(X86Cpu *cpu, unsigned vector, uint16_t sel)
{
    x86_sys_raise_exception(cpu, vector, true, sel & ~3u);
}

static void load_system_segment(X86Cpu *cpu, X86SysSeg *reg, uint16_t sel, bool tss)
{
    if ((sel & ~3u) == 0 && !tss) {
        *reg = (X86SysSeg){.sel = sel};
        return;
    }
    bool long_mode = cpu->sys.efer & X86_EFER_LMA;
    uint64_t d, high = 0;
    if ((sel & 4) || (sel & ~3u) == 0 || !x86_sys_read_desc(cpu, sel, &d) ||
        (long_mode && !x86_sys_read_desc(cpu, (uint16_t)(sel + 8), &high)))
        system_segment_fault(cpu, X86_EXC_GP, sel);
    uint32_t flags = x86_desc_flags(d);
    unsigned type = flags & X86_SEG_TYPE;
    bool type_ok = tss ? type == DESC_TYPE_TSS16 || type == DESC_TYPE_TSS32 : type == DESC_TYPE_LDT;
    if ((flags & X86_SEG_S) || !type_ok)
        system_segment_fault(cpu, X86_EXC_GP, sel);
    if (!(flags & X86_SEG_P))
        system_segment_fault(cpu, X86_EXC_NP, sel);
    uint64_t base = x86_desc_base(d) | (high & 0xffffffffu) << 32;
    if (tss) { /* mark it busy in the table */
        flags |= DESC_BUSY;
        guest_st(&cpu->common, cpu->sys.gdtr.base + (sel & ~7u) + 5, (d >> 40 & 0xff) | DESC_BUSY,
                 IR_MO_8 | X86_MMU_KERNEL << IR_MO_IDX_SHIFT);
    }
    *reg = (X86SysSeg){.sel = sel, .base = base, .limit = x86_desc_limit(d), .flags = flags};
}

static void sys_lldt(CpuCommon *env, uint32_t sel)
{
    X86Cpu *cpu = x86_of(env);
    load_system_segment(cpu, &cpu->sys.ldtr, (uint16_t)sel, false);
}

static void sys_ltr(CpuCommon *env, uint32_t sel)
{
    X86Cpu *cpu = x86_of(env);
    load_system_segment(cpu, &cpu->sys.tr, (uint16_t)sel, true);
}

/* lar, lsl, verr, verw: what a selector's descriptor allows (SDM vol. 2
 * LAR, LSL, VERR/VERW). They never fault on the selector; they answer in
 * ZF. Returned: bit 32 = ZF, bits 0-31 = the access rights (lar) or the
 * limit (lsl). */
typedef enum SelectorQuery { QUERY_LAR, QUERY_LSL, QUERY_VERR, QUERY_VERW } SelectorQuery;

/* System descriptor types lar and lsl accept, as bit masks by type:
 * legacy and IA-32e mode. */
enum {
    LAR_TYPES_LEGACY = 1u << 1 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 9 | 1u << 0xb | 1u << 0xc,
    LAR_TYPES_LONG = 1u << 2 | 1u << 9 | 1u << 0xb | 1u << 0xc,
    LSL_TYPES_LEGACY = 1u << 1 | 1u << 2 | 1u << 3 | 1u << 9 | 1u << 0xb,
    LSL_TYPES_LONG = 1u << 2 | 1u << 9 | 1u << 0xb,
    SEG_CODE = 1u << 3,
    SEG_CONFORMING = 1u << 2,
    SEG_READABLE = 1u << 1,
    SEG_WRITABLE = 1u << 1,
    LAR_RIGHTS_MASK = 0x00f0ff00u,
};

static bool query_allowed(X86Cpu *cpu, uint16_t sel, uint64_t d, SelectorQuery q)
{
    uint32_t flags = x86_desc_flags(d);
    unsigned type = flags & X86_SEG_TYPE;
    if (!(flags & X86_SEG_S)) {
        bool long_mode = cpu->sys.efer & X86_EFER_LMA;
        uint32_t ok = q == QUERY_LAR   ? (long_mode ? LAR_TYPES_LONG : LAR_TYPES_LEGACY)
                      : q == QUERY_LSL ? (long_mode ? LSL_TYPES_LONG : LSL_TYPES_LEGACY)
                                       : 0;
        return ok >> type & 1;
    }
    bool code = type & SEG_CODE;
    if (q == QUERY_VERR && code && !(type & SEG_READABLE))
        return false;
    if (q == QUERY_VERW && (code || !(type & SEG_WRITABLE)))
        return false;
    if (code && (type & SEG_CONFORMING) && q != QUERY_VERW)
        return true;
    unsigned dpl = x86_desc_dpl(d);
    return dpl >= x86_sys_cpl(cpu) && dpl >= (sel & 3u);
}

static uint64_t sys_query_selector(CpuCommon *env, uint32_t selector, uint32_t query)
{
    X86Cpu *cpu = x86_of(env);
    uint16_t sel = (uint16_t)selector;
    uint64_t d;
    if ((sel & ~3u) == 0 || !x86_sys_read_desc(cpu, sel, &d) || !query_allowed(cpu, sel, d, query))
        return 0;
    uint32_t value = query == QUERY_LAR ? (uint32_t)(d >> 32) & LAR_RIGHTS_MASK : x86_desc_limit(d);
    return 1ull << 32 | value;
}

/* Every helper here reads and writes the cpu and may raise. */
#define SYS_HELPER_FLAGS (IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE)
static const IrHelper helper_sys_out = {.name = "x86_sys_out",
                                        .fn = (void *)sys_out,
                                        .flags = SYS_HELPER_FLAGS,
                                        .nargs = 3,
                                        .args = {IR_I32, IR_I32, IR_I32}};
static const IrHelper helper_sys_set_if = {.name = "x86_sys_set_if",
                                           .fn = (void *)sys_set_if,
                                           .flags = SYS_HELPER_FLAGS,
                                           .nargs = 1,
                                           .args = {IR_I32}};
static const IrHelper helper_sys_hlt = {
    .name = "x86_sys_hlt", .fn = (void *)sys_hlt, .flags = SYS_HELPER_FLAGS, .nargs = 0};
static const IrHelper helper_sys_popf = {.name = "x86_sys_popf",
                                         .fn = (void *)sys_popf,
                                         .flags = SYS_HELPER_FLAGS,
                                         .nargs = 2,
                                         .args = {IR_I32, IR_I32}};
static const IrHelper helper_sys_write_cr = {.name = "x86_sys_write_cr",
                                             .fn = (void *)sys_write_cr,
                                             .flags = SYS_HELPER_FLAGS,
                                             .nargs = 2,
                                             .args = {IR_I32, IR_I64}};
static const IrHelper helper_sys_rdmsr = {
    .name = "x86_sys_rdmsr", .fn = (void *)sys_rdmsr, .flags = SYS_HELPER_FLAGS, .nargs = 0};
static const IrHelper helper_sys_wrmsr = {
    .name = "x86_sys_wrmsr", .fn = (void *)sys_wrmsr, .flags = SYS_HELPER_FLAGS, .nargs = 0};
static const IrHelper helper_sys_invlpg = {.name = "x86_sys_invlpg",
                                           .fn = (void *)sys_invlpg,
                                           .flags = SYS_HELPER_FLAGS,
                                           .nargs = 1,
                                           .args = {IR_I64}};
static const IrHelper helper_sys_cpuid = {
    .name = "x86_sys_cpuid", .fn = (void *)sys_cpuid, .flags = SYS_HELPER_FLAGS, .nargs = 0};
static const IrHelper helper_sys_load_seg = {.name = "x86_sys_load_seg",
                                             .fn = (void *)sys_load_seg,
                                             .flags = SYS_HELPER_FLAGS,
                                             .nargs = 2,
                                             .args = {IR_I32, IR_I32}};
static const IrHelper helper_sys_ljmp = {.name = "x86_sys_ljmp",
                                         .fn = (void *)sys_ljmp,
                                         .flags = SYS_HELPER_FLAGS,
                                         .nargs = 3,
                                         .args = {IR_I32, IR_I64, IR_I64}};
static const IrHelper helper_sys_lcall = {.name = "x86_sys_lcall",
                                          .fn = (void *)sys_lcall,
                                          .flags = SYS_HELPER_FLAGS,
                                          .nargs = 4,
                                          .args = {IR_I32, IR_I64, IR_I32, IR_I64}};
static const IrHelper helper_sys_lret = {.name = "x86_sys_lret",
                                         .fn = (void *)sys_lret,
                                         .flags = SYS_HELPER_FLAGS,
                                         .nargs = 2,
                                         .args = {IR_I32, IR_I32}};
static const IrHelper helper_sys_iret = {
    .name = "x86_sys_iret", .fn = (void *)sys_iret, .flags = SYS_HELPER_FLAGS, .nargs = 1, .args = {IR_I32}};
static const IrHelper helper_sys_soft_int = {.name = "x86_sys_soft_int",
                                             .fn = (void *)sys_soft_int,
                                             .flags = SYS_HELPER_FLAGS,
                                             .nargs = 3,
                                             .args = {IR_I32, IR_I32, IR_I64}};
static const IrHelper helper_sys_syscall = {.name = "x86_sys_syscall",
                                            .fn = (void *)sys_syscall,
                                            .flags = SYS_HELPER_FLAGS,
                                            .nargs = 1,
                                            .args = {IR_I64}};
static const IrHelper helper_sys_sysret = {.name = "x86_sys_sysret",
                                           .fn = (void *)sys_sysret,
                                           .flags = SYS_HELPER_FLAGS,
                                           .nargs = 1,
                                           .args = {IR_I32}};
static const IrHelper helper_sys_sysenter = {
    .name = "x86_sys_sysenter", .fn = (void *)sys_sysenter, .flags = SYS_HELPER_FLAGS, .nargs = 0};
static const IrHelper helper_sys_sysexit = {.name = "x86_sys_sysexit",
                                            .fn = (void *)sys_sysexit,
                                            .flags = SYS_HELPER_FLAGS,
                                            .nargs = 1,
                                            .args = {IR_I32}};
static const IrHelper helper_sys_lldt = {
    .name = "x86_sys_lldt", .fn = (void *)sys_lldt, .flags = SYS_HELPER_FLAGS, .nargs = 1, .args = {IR_I32}};
static const IrHelper helper_sys_ltr = {
    .name = "x86_sys_ltr", .fn = (void *)sys_ltr, .flags = SYS_HELPER_FLAGS, .nargs = 1, .args = {IR_I32}};

static const IrHelper helper_sys_in = {
    .name = "x86_sys_in",
    .fn = (void *)sys_in,
    .flags = SYS_HELPER_FLAGS,
    .has_ret = true,
    .ret = IR_I32,
    .nargs = 2,
    .args = {IR_I32, IR_I32},
};

static const IrHelper helper_sys_query_selector = {.name = "x86_sys_query_selector",
                                                   .fn = (void *)sys_query_selector,
                                                   .flags = SYS_HELPER_FLAGS,
                                                   .has_ret = true,
                                                   .ret = IR_I64,
                                                   .nargs = 2,
                                                   .args = {IR_I32, IR_I32}};

static const IrHelper helper_sys_rdtsc = {
    .name = "x86_sys_rdtsc",
    .fn = (void *)sys_rdtsc,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_MAY_RAISE,
    .has_ret = true,
    .ret = IR_I64,
};

/* ---- generators ------------------------------------------------------------------- */

/* A privileged instruction above CPL 0: #GP(0) (EXIT_PRIV is #GP(0) in
 * system mode). True if it raised. */
static bool gen_cpl0_check(X86Ctx *ctx)
{
    if (ctx->cpl == 0)
        return false;
    x86_raise(ctx, EXIT_PRIV);
    return true;
}

static bool real_or_vm86(const X86Ctx *ctx)
{
    return !(ctx->ir->tb_flags & X86_TBF_PE) || (ctx->ir->tb_flags & X86_TBF_VM86);
}

/* The helper changed pc (or the state the next block depends on): leave
 * for the loop to look the next block up. */
static void end_block_at_env_pc(X86Ctx *ctx, int reason)
{
    ir_exit(ctx->ir, reason);
    ctx->end_block = true;
}

static IrTemp i64_of(X86Ctx *ctx, IrTemp v)
{
    return ir_temp_type(ctx->ir, v) == IR_I64 ? v : ir_ext_i32u(ctx->ir, v);
}

static IrTemp call1(X86Ctx *ctx, const IrHelper *h, IrTemp a)
{
    return ir_call(ctx->ir, h, (IrTemp[]){a});
}

static IrTemp call2(X86Ctx *ctx, const IrHelper *h, IrTemp a, IrTemp b)
{
    return ir_call(ctx->ir, h, (IrTemp[]){a, b});
}

/* The size of in/out/ins/outs: bit 0 of the opcode picks a byte, else
 * 16 or 32 bits (64-bit operand size stays 32). */
static unsigned io_size(const X86Insn *in)
{
    return (in->opcode & 1) ? (in->opsize == 2 ? 2 : 4) : 1;
}

/* E4 in al,ib  E5 in eax,ib  E6 out ib,al  E7 out ib,eax
 * EC in al,dx  ED in eax,dx  EE out dx,al  EF out dx,eax */
bool x86_op_in_out(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return x86_op_privileged(ctx, in);
    IrBlock *ir = ctx->ir;
    unsigned size = io_size(in);
    IrTemp port =
        in->opcode < 0xe8 ? ir_const32(ir, (uint32_t)in->imm & 0xff) : x86_get_reg(ctx, in, X86_RDX, 2);
    if (in->opcode & 2) {
        IrTemp value = x86_get_reg(ctx, in, X86_RAX, size);
        ir_call(ir, &helper_sys_out, (IrTemp[]){port, value, ir_const32(ir, size)});
        x86_jump_const(ctx, 0, in->next_pc); /* a device may want an interrupt taken now */
    } else {
        x86_set_reg(ctx, in, X86_RAX, size, call2(ctx, &helper_sys_in, port, ir_const32(ir, size)));
    }
    return true;
}

/* An index register of the address size as an offset of ctx->aty. */
static IrTemp string_index(X86Ctx *ctx, const X86Insn *in, unsigned reg)
{
    IrTemp v = x86_get_reg(ctx, in, reg, in->adsize);
    return ctx->aty == IR_I64 && in->adsize < 8 ? ir_ext_i32u(ctx->ir, v) : v;
}

/* One ins (ES:rDI = port DX) or outs (port DX = seg:rSI), stepping the
 * index by the size, backwards when DF is set. */
static void io_string_once(X86Ctx *ctx, const X86Insn *in, unsigned size)
{
    IrBlock *ir = ctx->ir;
    bool input = in->opcode < 0x6e;
    unsigned reg = input ? X86_RDI : X86_RSI;
    IrTemp index = string_index(ctx, in, reg);
    IrTemp port = x86_get_reg(ctx, in, X86_RDX, 2);
    if (input) {
        IrTemp v = call2(ctx, &helper_sys_in, port, ir_const32(ir, size));
        x86_st(ctx, x86_seg_addr(ctx, in, X86_ES, false, index), size, v);
    } else {
        IrTemp v = x86_ld(ctx, x86_seg_addr(ctx, in, X86_DS, true, index), size);
        ir_call(ir, &helper_sys_out, (IrTemp[]){port, v, ir_const32(ir, size)});
    }
    IrTemp df = ir_andi(ir, ir_ld_env(ir, IR_I32, X86_OFF(eflags)), X86_DF);
    IrTemp up = ir_const(ir, ctx->aty, size), down = ir_const(ir, ctx->aty, (uint64_t) - (int64_t)size);
    if (ctx->aty == IR_I64)
        df = ir_ext_i32u(ir, df);
    IrTemp step = ir_movcond(ir, IR_NE, df, ir_const(ir, ctx->aty, 0), down, up);
    x86_set_reg(ctx, in, reg, in->adsize, x86_fit(ctx, ir_add(ir, index, step), in->adsize));
}

/* 6C insb  6D insw/insd  6E outsb  6F outsw/outsd, with rep: rCX times. */
bool x86_op_ins_outs(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return x86_op_privileged(ctx, in);
    IrBlock *ir = ctx->ir;
    unsigned size = io_size(in);
    if (!(in->pfx & (X86_PFX_REP | X86_PFX_REPNE))) {
        io_string_once(ctx, in, size);
        return true;
    }
    unsigned as = in->adsize;
    IrLabel loop = ir_new_label(ir), done = ir_new_label(ir);
    ir_label(ir, loop);
    IrTemp count = x86_get_reg(ctx, in, X86_RCX, as);
    ir_brcond(ir, IR_EQ, count, x86_const(ctx, as, 0), done);
    io_string_once(ctx, in, size);
    x86_set_reg(ctx, in, X86_RCX, as, x86_fit(ctx, ir_sub(ir, count, x86_const(ctx, as, 1)), as));
    ir_br(ir, loop);
    ir_label(ir, done);
    return true;
}

/* FA cli, FB sti */
bool x86_op_cli_sti(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return x86_op_privileged(ctx, in);
    bool sti = in->opcode == 0xfb;
    call1(ctx, &helper_sys_set_if, ir_const32(ctx->ir, sti));
    if (sti) /* the shadow's block follows (translate.c) */
        x86_jump_const(ctx, 0, in->next_pc);
    return true;
}

/* F4 hlt: wait at the next instruction for an interrupt. */
bool x86_op_hlt(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return x86_op_privileged(ctx, in);
    if (gen_cpl0_check(ctx))
        return true;
    ir_call(ctx->ir, &helper_sys_hlt, NULL);
    x86_set_pc_exit(ctx, in->next_pc, EXIT_HALT);
    return true;
}

/* 0F 06 clts: CR0.TS = 0 */
bool x86_op_clts(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return x86_op_privileged(ctx, in);
    if (gen_cpl0_check(ctx))
        return true;
    IrBlock *ir = ctx->ir;
    IrTemp cr0 = ir_ld_env(ir, IR_I64, X86_OFF(sys.cr0));
    ir_st_env(ir, IR_I64, X86_OFF(sys.cr0), ir_andi(ir, cr0, ~(uint64_t)X86_CR0_TS));
    return true;
}

/* 0F 08 invd, 0F 09 wbinvd: no caches to write back */
bool x86_op_invd(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return x86_op_privileged(ctx, in);
    gen_cpl0_check(ctx);
    return true;
}

/* ---- control and debug registers ---------------------------------------------------- */

static uint32_t cr_offset(unsigned n)
{
    switch (n) {
    case 0:
        return X86_OFF(sys.cr0);
    case 2:
        return X86_OFF(sys.cr2);
    case 3:
        return X86_OFF(sys.cr3);
    case 4:
        return X86_OFF(sys.cr4);
    default:
        return X86_OFF(sys.cr8);
    }
}

/* DR4 and DR5 are DR6 and DR7 while CR4.DE is clear (the usual case). */
static uint32_t dr_offset(unsigned n)
{
    return X86_OFF(sys.dr) + 8 * (n == 4 || n == 5 ? n + 2 : n);
}

/* Write CRn from an i64 (the helper checks it); the block ends. */
static void gen_write_cr(X86Ctx *ctx, const X86Insn *in, unsigned n, IrTemp value)
{
    call2(ctx, &helper_sys_write_cr, ir_const32(ctx->ir, n), i64_of(ctx, value));
    x86_set_pc_exit(ctx, in->next_pc, EXIT_INTERRUPT);
}

/* 0F 20 mov r,CRn  0F 21 mov r,DRn  0F 22 mov CRn,r  0F 23 mov DRn,r:
 * the full register (64 or 32 bits) whatever the operand size. */
bool x86_op_mov_cr_dr(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return x86_op_privileged(ctx, in);
    bool debug = in->opcode & 1, to_reg = !(in->opcode & 2);
    unsigned n = in->reg, size = ctx->long_mode ? 8 : 4;
    if (debug ? n > 7 : (n != 0 && n != 2 && n != 3 && n != 4 && n != 8))
        return false;
    if (gen_cpl0_check(ctx))
        return true;
    IrBlock *ir = ctx->ir;
    uint32_t off = debug ? dr_offset(n) : cr_offset(n);
    if (to_reg) {
        IrTemp v = ir_ld_env(ir, IR_I64, off);
        x86_set_reg(ctx, in, in->rm, size, size == 8 ? v : ir_trunc_i64(ir, v));
    } else if (debug) {
        ir_st_env(ir, IR_I64, off, i64_of(ctx, x86_get_reg(ctx, in, in->rm, size)));
    } else {
        gen_write_cr(ctx, in, n, x86_get_reg(ctx, in, in->rm, size));
    }
    return true;
}

/* 0F 01 /4 smsw: CR0's low bits (16 to memory, the operand size to a register) */
bool x86_op_smsw(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    IrBlock *ir = ctx->ir;
    unsigned size = x86_has_mem(in) ? 2 : in->opsize;
    IrTemp cr0 = ir_ld_env(ir, IR_I64, X86_OFF(sys.cr0));
    x86_set_rm(ctx, in, size, x86_fit(ctx, cr0, size));
    return true;
}

/* 0F 01 /6 lmsw: CR0 bits PE MP EM TS from the operand; PE can be set,
 * not cleared. */
bool x86_op_lmsw(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    if (gen_cpl0_check(ctx))
        return true;
    IrBlock *ir = ctx->ir;
    IrTemp v = ir_ext_i32u(ir, ir_andi(ir, x86_get_rm(ctx, in, 2), 0xf));
    IrTemp cr0 = ir_ld_env(ir, IR_I64, X86_OFF(sys.cr0));
    IrTemp kept = ir_andi(ir, cr0, ~(uint64_t)(X86_CR0_MP | X86_CR0_EM | X86_CR0_TS));
    gen_write_cr(ctx, in, 0, ir_or(ir, kept, v));
    return true;
}

/* 0F 30 wrmsr, 0F 32 rdmsr */
bool x86_op_msr(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return x86_op_privileged(ctx, in);
    if (gen_cpl0_check(ctx))
        return true;
    if (in->opcode == 0x32) {
        ir_call(ctx->ir, &helper_sys_rdmsr, NULL);
        return true;
    }
    ir_call(ctx->ir, &helper_sys_wrmsr, NULL);
    x86_set_pc_exit(ctx, in->next_pc, EXIT_NONE);
    return true;
}

/* 0F 01 /7 (memory) invlpg m */
bool x86_op_invlpg(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    if (gen_cpl0_check(ctx))
        return true;
    call1(ctx, &helper_sys_invlpg, i64_of(ctx, x86_ea(ctx, in)));
    x86_set_pc_exit(ctx, in->next_pc, EXIT_NONE);
    return true;
}

/* 0F 01 F8 swapgs (64-bit mode): GS.base <-> KERNEL_GS_BASE */
bool x86_op_swapgs(X86Ctx *ctx, const X86Insn *in)
{
    (void)in;
    if (!ctx->sys)
        return false;
    if (gen_cpl0_check(ctx))
        return true;
    IrBlock *ir = ctx->ir;
    IrTemp gs = ir_ld_env(ir, IR_I64, X86_SEG_BASE_OFF(X86_GS));
    IrTemp kernel = ir_ld_env(ir, IR_I64, X86_OFF(sys.kernel_gs_base));
    ir_st_env(ir, IR_I64, X86_SEG_BASE_OFF(X86_GS), kernel);
    ir_st_env(ir, IR_I64, X86_OFF(sys.kernel_gs_base), gs);
    return true;
}

/* ---- descriptor-table registers ------------------------------------------------------ */

static uint32_t table_offset(unsigned reg)
{
    return reg & 1 ? X86_OFF(sys.idtr) : X86_OFF(sys.gdtr);
}

/* 0F 01 /0 sgdt m  /1 sidt m: limit (16 bits), then the base: 32 bits
 * (whatever the operand size), 64 in 64-bit mode. */
static void gen_store_table(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    uint32_t off = table_offset(in->reg);
    IrTemp addr = x86_ea(ctx, in);
    unsigned base_size = ctx->long_mode ? 8 : 4;
    IrTemp limit = ir_ld_env(ir, IR_I32, off + (uint32_t)offsetof(X86DescTable, limit));
    IrTemp base = ir_ld_env(ir, IR_I64, off + (uint32_t)offsetof(X86DescTable, base));
    x86_st(ctx, addr, 2, limit);
    x86_st(ctx, ir_addi(ir, addr, 2), base_size, base_size == 8 ? base : ir_trunc_i64(ir, base));
}

/* 0F 01 /2 lgdt m  /3 lidt m: a 16-bit operand size keeps 24 bits of
 * the base. */
static void gen_load_table(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    uint32_t off = table_offset(in->reg);
    IrTemp addr = x86_ea(ctx, in);
    IrTemp limit = x86_ld(ctx, addr, 2);
    IrTemp base;
    if (ctx->long_mode) {
        base = x86_ld(ctx, ir_addi(ir, addr, 2), 8);
    } else {
        base = x86_ld(ctx, ir_addi(ir, addr, 2), 4);
        if (in->opsize == 2)
            base = ir_andi(ir, base, 0xffffff);
        base = ir_ext_i32u(ir, base);
    }
    ir_st_env(ir, IR_I32, off + (uint32_t)offsetof(X86DescTable, limit), limit);
    ir_st_env(ir, IR_I64, off + (uint32_t)offsetof(X86DescTable, base), base);
}

/* 0F 01 /0-/3 with a memory operand */
bool x86_op_descriptor_table(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    if (in->reg >= 2) {
        if (gen_cpl0_check(ctx))
            return true;
        gen_load_table(ctx, in);
    } else {
        gen_store_table(ctx, in);
    }
    return true;
}

/* 0F 00 /0 sldt  /1 str  /2 lldt  /3 ltr (protected mode only) */
bool x86_op_ldt_tr(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys || real_or_vm86(ctx))
        return false;
    IrBlock *ir = ctx->ir;
    bool task = in->reg & 1;
    if (in->reg < 2) {
        uint32_t off = task ? X86_OFF(sys.tr.sel) : X86_OFF(sys.ldtr.sel);
        IrTemp sel = ir_op1(ir, IR_OP_zext16, ir_ld_env(ir, IR_I32, off));
        unsigned size = x86_has_mem(in) ? 2 : in->opsize;
        x86_set_rm(ctx, in, size, x86_fit(ctx, sel, size));
        return true;
    }
    if (gen_cpl0_check(ctx))
        return true;
    call1(ctx, task ? &helper_sys_ltr : &helper_sys_lldt, x86_get_rm(ctx, in, 2));
    return true;
}

/* 0F 02 lar Gv,Ew  0F 03 lsl Gv,Ew  0F 00 /4 verr Ew  /5 verw Ew
 * (protected mode): ZF says whether the descriptor allows it; lar and
 * lsl write the destination only then. */
bool x86_op_query_selector(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys || real_or_vm86(ctx))
        return false;
    IrBlock *ir = ctx->ir;
    SelectorQuery q = in->map == X86_MAP_0F && in->opcode == 0x02   ? QUERY_LAR
                      : in->map == X86_MAP_0F && in->opcode == 0x03 ? QUERY_LSL
                      : in->reg == 4                                ? QUERY_VERR
                                                                    : QUERY_VERW;
    IrTemp answer = call2(ctx, &helper_sys_query_selector, x86_get_rm(ctx, in, 2), ir_const32(ir, q));
    IrTemp zf = ir_trunc_i64(ir, ir_shri(ir, answer, 32));
    IrTemp others = ir_andi(ir, x86_gen_status_flags(ctx), ~(uint32_t)X86_ZF);
    x86_gen_set_status_flags(ctx, ir_or(ir, others, ir_shli(ir, zf, 6)));
    if (q == QUERY_LAR || q == QUERY_LSL) {
        IrLabel done = ir_new_label(ir);
        ir_brcond(ir, IR_EQ, zf, ir_const32(ir, 0), done);
        x86_set_reg(ctx, in, in->reg, in->opsize, x86_fit(ctx, ir_trunc_i64(ir, answer), in->opsize));
        ir_label(ir, done);
    }
    return true;
}

/* ---- segment registers ------------------------------------------------------------------ */

/* Load segment `seg` with selector sel (an i32); the caller ends the
 * block when its own writes are done (x86_sys_end_segment_load). */
void x86_sys_gen_load_seg(X86Ctx *ctx, unsigned seg, IrTemp sel)
{
    call2(ctx, &helper_sys_load_seg, ir_const32(ctx->ir, seg), sel);
}

void x86_sys_end_segment_load(X86Ctx *ctx, const X86Insn *in)
{
    x86_jump_const(ctx, 0, in->next_pc);
}

/* C4 les  C5 lds  0F B2 lss  0F B4 lfs  0F B5 lgs: reg = offset, Sreg =
 * selector, from m16:16/32/64. */
bool x86_op_load_far_pointer(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    unsigned seg = in->map == X86_MAP_1B ? (in->opcode == 0xc4 ? X86_ES : X86_DS)
                   : in->opcode == 0xb2  ? X86_SS
                   : in->opcode == 0xb4  ? X86_FS
                                         : X86_GS;
    IrBlock *ir = ctx->ir;
    IrTemp addr = x86_ea(ctx, in);
    IrTemp offset = x86_ld(ctx, addr, in->opsize);
    IrTemp sel = x86_ld(ctx, ir_addi(ir, addr, in->opsize), 2);
    x86_sys_gen_load_seg(ctx, seg, sel);
    x86_set_reg(ctx, in, in->reg, in->opsize, offset);
    x86_sys_end_segment_load(ctx, in);
    return true;
}

/* ---- far transfers, interrupts ------------------------------------------------------------ */

/* The selector and offset of a far pointer: the immediate (EA, 9A) or
 * m16:16/32/64 (FF /3, FF /5). */
static void far_pointer(X86Ctx *ctx, const X86Insn *in, IrTemp *sel, IrTemp *offset)
{
    IrBlock *ir = ctx->ir;
    if (in->map == X86_MAP_1B && in->opcode != 0xff) {
        *sel = ir_const32(ir, (uint32_t)in->imm2 & 0xffff);
        *offset = ir_const64(ir, (uint64_t)in->imm);
        return;
    }
    IrTemp addr = x86_ea(ctx, in);
    *offset = i64_of(ctx, x86_ld(ctx, addr, in->opsize));
    *sel = x86_ld(ctx, ir_addi(ir, addr, in->opsize), 2);
}

/* EA jmp ptr16:16/32, FF /5 jmp m16:16/32/64 */
bool x86_op_far_jmp(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    IrTemp sel, offset;
    far_pointer(ctx, in, &sel, &offset);
    ir_call(ctx->ir, &helper_sys_ljmp, (IrTemp[]){sel, offset, ir_const64(ctx->ir, in->next_pc)});
    end_block_at_env_pc(ctx, EXIT_NONE);
    return true;
}

/* 9A call ptr16:16/32, FF /3 call m16:16/32/64 */
bool x86_op_far_call(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    IrBlock *ir = ctx->ir;
    IrTemp sel, offset;
    far_pointer(ctx, in, &sel, &offset);
    IrTemp opsize = ir_const32(ir, in->opsize), next_pc = ir_const64(ir, in->next_pc);
    ir_call(ir, &helper_sys_lcall, (IrTemp[]){sel, offset, opsize, next_pc});
    end_block_at_env_pc(ctx, EXIT_NONE);
    return true;
}

/* CB retf, CA retf iw */
bool x86_op_far_ret(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    IrBlock *ir = ctx->ir;
    uint32_t imm = in->opcode == 0xca ? (uint32_t)in->imm & 0xffff : 0;
    call2(ctx, &helper_sys_lret, ir_const32(ir, in->opsize), ir_const32(ir, imm));
    end_block_at_env_pc(ctx, EXIT_NONE);
    return true;
}

/* CF iret / iretd / iretq: may enable interrupts */
bool x86_op_iret(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    call1(ctx, &helper_sys_iret, ir_const32(ctx->ir, in->opsize));
    end_block_at_env_pc(ctx, EXIT_INTERRUPT);
    return true;
}

static void gen_soft_int(X86Ctx *ctx, const X86Insn *in, unsigned vector, X86EventKind kind)
{
    IrBlock *ir = ctx->ir;
    IrTemp args[3] = {ir_const32(ir, vector), ir_const32(ir, kind), ir_const64(ir, in->next_pc)};
    ir_call(ir, &helper_sys_soft_int, args);
    end_block_at_env_pc(ctx, EXIT_NONE);
}

/* CD ib int n, CC int3 */
bool x86_sys_op_int(X86Ctx *ctx, const X86Insn *in)
{
    if (in->opcode == 0xcc)
        gen_soft_int(ctx, in, X86_EXC_BP, X86_EV_SOFT_EXC);
    else
        gen_soft_int(ctx, in, (unsigned)in->imm & 0xff, X86_EV_SOFT_INT);
    return true;
}

/* CE into: #OF when OF is set (not in 64-bit mode) */
bool x86_op_into(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return false;
    IrLabel overflow = ir_new_label(ctx->ir);
    x86_gen_brcond(ctx, X86_COND_O, overflow);
    x86_jump_const(ctx, 1, in->next_pc);
    ir_label(ctx->ir, overflow);
    gen_soft_int(ctx, in, X86_EXC_OF, X86_EV_SOFT_EXC);
    return true;
}

/* 0F 05 syscall (system mode) */
bool x86_sys_op_syscall(X86Ctx *ctx, const X86Insn *in)
{
    call1(ctx, &helper_sys_syscall, ir_const64(ctx->ir, in->next_pc));
    end_block_at_env_pc(ctx, EXIT_NONE);
    return true;
}

/* 0F 07 sysret, 0F 34 sysenter, 0F 35 sysexit (REX.W: to 64-bit code) */
bool x86_op_sys_fast_call(X86Ctx *ctx, const X86Insn *in)
{
    if (!ctx->sys)
        return in->opcode == 0x34 ? false : x86_op_privileged(ctx, in);
    IrBlock *ir = ctx->ir;
    IrTemp opsize = ir_const32(ir, x86_rex_w(in) ? 8 : 4);
    if (in->opcode == 0x34) {
        if (real_or_vm86(ctx)) {
            x86_raise(ctx, EXIT_PRIV);
            return true;
        }
        ir_call(ir, &helper_sys_sysenter, NULL);
    } else {
        if (gen_cpl0_check(ctx))
            return true;
        call1(ctx, in->opcode == 0x07 ? &helper_sys_sysret : &helper_sys_sysexit, opsize);
    }
    end_block_at_env_pc(ctx, EXIT_NONE);
    return true;
}

/* ---- the system side of user instructions -------------------------------------------------- */

/* popf: the privileged flags too; IF or TF may have changed. */
void x86_sys_gen_popf(X86Ctx *ctx, const X86Insn *in, IrTemp value)
{
    call2(ctx, &helper_sys_popf, value, ir_const32(ctx->ir, in->opsize));
    x86_set_pc_exit(ctx, in->next_pc, EXIT_INTERRUPT);
}

void x86_sys_gen_cpuid(X86Ctx *ctx)
{
    ir_call(ctx->ir, &helper_sys_cpuid, NULL);
}

IrTemp x86_sys_gen_rdtsc(X86Ctx *ctx)
{
    return ir_call(ctx->ir, &helper_sys_rdtsc, NULL);
}
