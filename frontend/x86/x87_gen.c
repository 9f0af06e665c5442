/* frontend/x86/x87_gen.c — the IR side every x87 handler shares: calling
 * a helper with constant arguments, loading a memory operand of any x87
 * format, storing one through a converting helper and then committing
 * the status (so a faulting store leaves the FPU untouched), and guest
 * memory for the helpers that move whole images (fnsave, fxsave).
 */
#include <signal.h>

#include "backend/exec.h"
#include "frontend/x86/sys.h"
#include "frontend/x86/x87.h"
#include "softmmu/tlb.h"

IrTemp x87_gen_call(X86Ctx *ctx, const IrHelper *h, uint32_t a0, uint32_t a1)
{
    IrTemp args[IR_HELPER_MAX_ARGS] = {0};
    if (h->nargs > 0)
        args[0] = ir_const32(ctx->ir, a0);
    if (h->nargs > 1)
        args[1] = ir_const32(ctx->ir, a1);
    return ir_call(ctx->ir, h, args);
}

#if defined(__x86_64__) /* the memory formats convert on the host's x87 (x87_convert.c) */

static IrTemp addr_plus(X86Ctx *ctx, IrTemp addr, uint64_t n)
{
    return ir_add(ctx->ir, addr, x86_addr_const(ctx, n));
}

void x87_gen_load(X86Ctx *ctx, const X86Insn *in, X87Mem kind, IrTemp *lo, IrTemp *hi)
{
    IrTemp addr = x86_ea(ctx, in);
    unsigned size = x87_mem_size(kind);
    if (size > 8) {
        *lo = x86_ld(ctx, addr, 8);
        *hi = x86_ld(ctx, addr_plus(ctx, addr, 8), 2);
        return;
    }
    IrTemp v = x86_ld(ctx, addr, size);
    *lo = size == 8 ? v : ir_ext_i32u(ctx->ir, v);
    *hi = ir_const32(ctx->ir, 0);
}

/* After the store: scratch[2] holds the pending status (bits to set in
 * the low half, bits replaced above) the converting helper left; scratch[0]
 * and [1] held the bytes (0-7, 8-9). FIP changes here too. */
static void h_commit(X86Cpu *cpu, uint32_t pop)
{
    x87_note_insn(cpu);
    uint32_t pending = (uint32_t)cpu->scratch[2];
    uint16_t replaced = (uint16_t)(pending >> 16);
    cpu->fpus = (uint16_t)((cpu->fpus & ~replaced) | (pending & 0xffff));
    if (pop)
        x87_pop(cpu);
}

static const IrHelper h_commit_helper = {
    "x87_commit", (void *)h_commit, X87_HELPER_FLAGS, false, IR_I32, 1, {IR_I32},
};

extern const IrHelper x87_h_fst_mem; /* x87_convert.c */

void x87_gen_store(X86Ctx *ctx, const X86Insn *in, X87Mem kind, bool pop)
{
    IrTemp addr = x86_ea(ctx, in);
    IrTemp lo = x87_gen_call(ctx, &x87_h_fst_mem, kind, 0);
    unsigned size = x87_mem_size(kind);
    if (size > 8) {
        x86_st(ctx, addr, 8, lo);
        IrTemp hi = ir_ld_env(ctx->ir, IR_I32, X86_OFF(scratch[1]));
        x86_st(ctx, addr_plus(ctx, addr, 8), 2, hi);
    } else {
        x86_st(ctx, addr, size, size == 8 ? lo : ir_trunc_i64(ctx->ir, lo));
    }
    x87_gen_call(ctx, &h_commit_helper, pop, 0);
}

#endif

void x87_gen_end_block(X86Ctx *ctx, const X86Insn *in)
{
    x86_jump(ctx, ir_const64(ctx->ir, in->next_pc));
}

IrTemp x87_gen_addr64(X86Ctx *ctx, const X86Insn *in)
{
    IrTemp addr = x86_ea(ctx, in);
    return ctx->aty == IR_I64 ? addr : ir_ext_i32u(ctx->ir, addr);
}

/* User mode: guest_base + addr, after the fault mask's check. */
static uint8_t *user_mem(X86Cpu *cpu, uint64_t addr, uint64_t len)
{
    uint64_t mask = cpu->common.guest_addr_fault_mask;
    if (mask && ((addr & mask) || ((addr + len - 1) & mask))) {
        cpu->common.exception_addr = addr;
        cpu->common.exception_code = SEGV_MAPERR;
        cpu_loop_exit(&cpu->common, EXIT_FAULT);
    }
    return cpu->common.guest_base + addr;
}

/* System mode: byte accesses through the soft TLB at the cpu's privilege
 * level. A fault part way leaves a partial image, which the guest's
 * handler makes good by running the instruction again. */
static uint32_t sys_byte_memop(X86Cpu *cpu)
{
    unsigned idx = x86_sys_cpl(cpu) == 3 ? X86_MMU_USER : X86_MMU_KERNEL;
    return IR_MO_8 | idx << IR_MO_IDX_SHIFT;
}

void x87_guest_write(X86Cpu *cpu, uint64_t addr, const void *buf, size_t len)
{
    if (!cpu->common.tlb) {
        memcpy(user_mem(cpu, addr, len), buf, len);
        return;
    }
    uint32_t mo = sys_byte_memop(cpu);
    for (size_t i = 0; i < len; i++)
        guest_st(&cpu->common, addr + i, ((const uint8_t *)buf)[i], mo);
}

void x87_guest_read(X86Cpu *cpu, uint64_t addr, void *buf, size_t len)
{
    if (!cpu->common.tlb) {
        memcpy(buf, user_mem(cpu, addr, len), len);
        return;
    }
    uint32_t mo = sys_byte_memop(cpu);
    for (size_t i = 0; i < len; i++)
        ((uint8_t *)buf)[i] = (uint8_t)guest_ld(&cpu->common, addr + i, mo);
}

_Noreturn void x87_raise_gp(X86Cpu *cpu)
{
    cpu_loop_exit(&cpu->common, EXIT_PRIV);
}
