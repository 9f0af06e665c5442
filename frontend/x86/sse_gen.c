/* frontend/x86/sse_gen.c — the generators every SSE and MMX handler
 * shares: xmm/mm operands and their lanes, the 16-byte alignment check of
 * legacy SSE memory operands, copying a memory source into cpu->vtmp, the
 * IR helpers that run an X86VecFn on the register file, the MMX state
 * transition, and the handler of every instruction that is one X86VecFn.
 */
#include <string.h>

#include "backend/exec.h"
#include "frontend/x86/sse.h"

/* ---- memory operands -------------------------------------------------- */

/* Misaligned: #GP, which Linux delivers as SIGSEGV; the block goes on
 * after the check for the aligned case. No check where the block already
 * knows the address is aligned (sse_lookback.c reads back this shape). */
static void check_aligned16(X86Ctx *ctx, IrTemp addr)
{
    IrBlock *ir = ctx->ir;
    if (x86_sse_known_aligned16(ctx, addr))
        return;
    IrLabel ok = ir_new_label(ir);
    IrTemp low = ir_andi(ir, addr, 15);
    ir_brcond(ir, IR_EQ, low, ir_const(ir, ir_temp_type(ir, low), 0), ok);
    x86_raise(ctx, EXIT_PRIV);
    ctx->end_block = false; /* only this path left the block */
    ir_label(ir, ok);
}

IrTemp x86_sse_ea(X86Ctx *ctx, const X86Insn *in, bool aligned)
{
    IrTemp addr = x86_ea(ctx, in);
    if (aligned)
        check_aligned16(ctx, addr);
    return addr;
}

X86SseRm x86_sse_rm(X86Ctx *ctx, const X86Insn *in, bool aligned)
{
    if (!x86_has_mem(in))
        return (X86SseRm){.off = x86_xmm_off(in->rm)};
    return (X86SseRm){.mem = true, .addr = x86_sse_ea(ctx, in, aligned)};
}

X86SseRm x86_mmx_rm(X86Ctx *ctx, const X86Insn *in)
{
    if (!x86_has_mem(in))
        return (X86SseRm){.off = x86_mmx_off(in->rm)};
    return (X86SseRm){.mem = true, .addr = x86_ea(ctx, in)};
}

static unsigned type_bytes(IrType type)
{
    return type == IR_I32 || type == IR_F32 ? 4 : 8;
}

static IrType int_type_of(IrType type)
{
    return type_bytes(type) == 4 ? IR_I32 : IR_I64;
}

IrTemp x86_sse_lane(X86Ctx *ctx, uint32_t off, IrType type, unsigned lane)
{
    uint32_t at = off + lane * type_bytes(type);
    IrTemp known = x86_sse_known_lane(ctx, at, type);
    return known ? known : ir_ld_env(ctx->ir, type, at);
}

void x86_sse_set_lane(X86Ctx *ctx, uint32_t off, IrType type, unsigned lane, IrTemp v)
{
    ir_st_env(ctx->ir, type, off + lane * type_bytes(type), v);
}

/* A lane of memory, or what an earlier load of it in the block read. */
static IrTemp load_lane(X86Ctx *ctx, IrTemp addr, unsigned size)
{
    IrTemp known = x86_sse_known_load(ctx, addr, size);
    return known ? known : x86_ld(ctx, addr, size);
}

IrTemp x86_sse_rm_lane(X86Ctx *ctx, const X86SseRm *rm, IrType type, unsigned lane)
{
    if (!rm->mem)
        return x86_sse_lane(ctx, rm->off, type, lane);
    unsigned size = type_bytes(type);
    IrTemp addr = lane ? ir_addi(ctx->ir, rm->addr, lane * size) : rm->addr;
    IrTemp v = load_lane(ctx, addr, size);
    return type == int_type_of(type) ? v : ir_bitcast(ctx->ir, type, v);
}

/* Copy `bytes` of guest memory at addr into vtmp[0], zeroing the rest. */
static uint32_t load_vtmp(X86Ctx *ctx, IrTemp addr, unsigned bytes)
{
    IrBlock *ir = ctx->ir;
    if (bytes == 16) {
        IrTemp lo = x86_ld(ctx, addr, 8);
        IrTemp hi = x86_ld(ctx, ir_addi(ir, addr, 8), 8);
        ir_st_env(ir, IR_I64, X86_VTMP_OFF, lo);
        ir_st_env(ir, IR_I64, X86_VTMP_OFF + 8, hi);
    } else {
        IrTemp v = x86_ld(ctx, addr, bytes);
        if (bytes < 8)
            v = ir_ext_i32u(ir, v);
        ir_st_env(ir, IR_I64, X86_VTMP_OFF, v);
        ir_st_env(ir, IR_I64, X86_VTMP_OFF + 8, ir_const64(ir, 0));
    }
    return X86_VTMP_OFF;
}

uint32_t x86_sse_src_off(X86Ctx *ctx, const X86Insn *in, unsigned bytes, bool aligned)
{
    if (!x86_has_mem(in))
        return x86_xmm_off(in->rm);
    return load_vtmp(ctx, x86_sse_ea(ctx, in, aligned), bytes);
}

uint32_t x86_mmx_src_off(X86Ctx *ctx, const X86Insn *in)
{
    if (!x86_has_mem(in))
        return x86_mmx_off(in->rm);
    return load_vtmp(ctx, x86_ea(ctx, in), 8);
}

/* ---- whole registers and the MMX transition ---------------------------- */

void x86_sse_set_xmm64(X86Ctx *ctx, unsigned n, IrTemp lo, IrTemp hi)
{
    ir_st_env(ctx->ir, IR_I64, x86_xmm_off(n), lo);
    ir_st_env(ctx->ir, IR_I64, x86_xmm_off(n) + 8, hi);
}

/* fptag is a uint16_t followed by fpop: write it as the low half of the
 * 32-bit word they share. */
void x86_mmx_enter(X86Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    _Static_assert(offsetof(X86Cpu, fptag) % 4 == 0, "fptag starts a 32-bit word");
    uint32_t tag = X86_OFF(fptag);
    ir_st_env(ir, IR_I32, X86_OFF(fptop), ir_const32(ir, 0));
    IrTemp word = ir_ld_env(ir, IR_I32, tag);
    ir_st_env(ir, IR_I32, tag, ir_ori(ir, ir_andi(ir, word, 0xffff0000u), 0xff));
}

/* The exponent word and the padding after it (bytes 8..15 of the slot). */
void x86_mmx_written(X86Ctx *ctx, unsigned n)
{
    ir_st_env(ctx->ir, IR_I64, x86_mmx_off(n) + 8, ir_const64(ctx->ir, 0xffff));
}

void x86_mmx_set(X86Ctx *ctx, unsigned n, IrTemp v)
{
    x86_mmx_enter(ctx);
    ir_st_env(ctx->ir, IR_I64, x86_mmx_off(n), v);
    x86_mmx_written(ctx, n);
}

/* ---- two-operand instructions as IR on 64-bit halves ----------------------- */

X86SseHalves x86_sse_halves(X86Ctx *ctx, const X86Insn *in, bool mmx)
{
    X86SseHalves op = {
        .mmx = mmx,
        .halves = mmx ? 1 : 2,
        .dst = mmx ? x86_mmx_off(in->reg) : x86_xmm_off(in->reg),
        .rm = mmx ? x86_mmx_rm(ctx, in) : x86_sse_rm(ctx, in, true),
    };
    if (mmx)
        x86_mmx_enter(ctx);
    return op;
}

IrTemp x86_sse_halves_d(X86Ctx *ctx, const X86SseHalves *op, unsigned k)
{
    return x86_sse_lane(ctx, op->dst, IR_I64, k);
}

IrTemp x86_sse_halves_s(X86Ctx *ctx, const X86SseHalves *op, unsigned k)
{
    return x86_sse_rm_lane(ctx, &op->rm, IR_I64, k);
}

void x86_sse_halves_put(X86Ctx *ctx, const X86Insn *in, const X86SseHalves *op, const IrTemp r[2])
{
    for (unsigned k = 0; k < op->halves; k++)
        x86_sse_set_lane(ctx, op->dst, IR_I64, k, r[k]);
    if (op->mmx)
        x86_mmx_written(ctx, in->reg);
}

/* ---- C helpers on the register file -------------------------------------- */

/* offs = dst | src << 16 (byte offsets in X86Cpu); how = imm | n << 16
 * (imm: the instruction's imm8, or up to 16 bits a handler packs).
 * The function works on copies, so dst and src may be the same. */
static void h_apply(CpuCommon *env, uint64_t fn, uint32_t offs, uint32_t how)
{
    uint8_t *base = (uint8_t *)env;
    unsigned n = how >> 16;
    X86Vec d, s;
    memcpy(&d, base + (offs & 0xffff), 16);
    memcpy(&s, base + (offs >> 16), 16);
    ((X86VecFn *)(uintptr_t)fn)((X86Cpu *)env, &d, &s, n, how & 0xffff);
    memcpy(base + (offs & 0xffff), &d, n == 16 ? 16 : 8); /* constant sizes: no call */
}

static uint64_t h_get(CpuCommon *env, uint64_t fn, uint32_t offs, uint32_t how)
{
    uint8_t *base = (uint8_t *)env;
    X86Vec d, s;
    memcpy(&d, base + (offs & 0xffff), 16);
    memcpy(&s, base + (offs >> 16), 16);
    return ((X86VecGetFn *)(uintptr_t)fn)((X86Cpu *)env, &d, &s, how >> 16, how & 0xffff);
}

static const IrHelper x86_sse_h_apply = {
    .name = "x86_sse_apply",
    .fn = (void *)h_apply,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .nargs = 3,
    .args = {IR_I64, IR_I32, IR_I32},
};

/* It may write env too: pcmpestri's helpers keep nothing, but a getter is
 * allowed to update state such as MXCSR flags. */
static const IrHelper x86_sse_h_get = {
    .name = "x86_sse_get",
    .fn = (void *)h_get,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .has_ret = true,
    .ret = IR_I64,
    .nargs = 3,
    .args = {IR_I64, IR_I32, IR_I32},
};

_Static_assert(sizeof(X86Cpu) < 0x10000, "env offsets fit 16 bits");

static void call_args(X86Ctx *ctx, IrTemp args[3], void *fn, uint32_t dst, uint32_t src, unsigned n,
                      uint32_t imm)
{
    args[0] = ir_const64(ctx->ir, (uint64_t)(uintptr_t)fn);
    args[1] = ir_const32(ctx->ir, dst | src << 16);
    args[2] = ir_const32(ctx->ir, (imm & 0xffff) | n << 16);
}

void x86_sse_apply(X86Ctx *ctx, X86VecFn *fn, uint32_t dst, uint32_t src, unsigned n, uint32_t imm)
{
    IrTemp args[3];
    call_args(ctx, args, (void *)fn, dst, src, n, imm);
    ir_call(ctx->ir, &x86_sse_h_apply, args);
}

IrTemp x86_sse_get(X86Ctx *ctx, X86VecGetFn *fn, uint32_t dst, uint32_t src, unsigned n, uint32_t imm)
{
    IrTemp args[3];
    call_args(ctx, args, (void *)fn, dst, src, n, imm);
    return ir_call(ctx->ir, &x86_sse_h_get, args);
}

/* ---- instructions that are one X86VecFn ----------------------------------- */

const X86VecOp *x86_vec_op_find(const X86VecOp *table, const X86Insn *in)
{
    for (const X86VecOp *op = table; op->fn || op->elem; op++) {
        if (op->map == in->map && op->opcode == in->opcode && op->mp == in->mp)
            return op;
    }
    return NULL;
}

static void apply_op(X86Ctx *ctx, const X86VecOp *op, uint32_t dst, uint32_t src, unsigned n, uint32_t imm)
{
    if (op->fn)
        x86_sse_apply(ctx, op->fn, dst, src, n, imm);
    else
        x86_sse_apply_elem(ctx, op, dst, src, n);
}

bool x86_sse_vec(X86Ctx *ctx, const X86Insn *in)
{
    const X86VecOp *op = x86_sse_int_op(in);
    if (!op)
        op = x86_sse_shuffle_op(in);
    if (!op)
        return false;
    uint32_t imm = x86_sse_imm8(in);
    if (op->operands == X86_VEC_MMX) {
        uint32_t src = x86_mmx_src_off(ctx, in);
        x86_mmx_enter(ctx);
        apply_op(ctx, op, x86_mmx_off(in->reg), src, 8, imm);
        x86_mmx_written(ctx, in->reg & 7);
        return true;
    }
    uint32_t src = x86_sse_src_off(ctx, in, 16, op->operands == X86_VEC_XMM);
    apply_op(ctx, op, x86_xmm_off(in->reg), src, 16, imm);
    return true;
}
