/* frontend/x86/translate.c — the x86 block translator (i386 and x86-64,
 * from the block's tb_flags): the per-block loop (fetch, decode, emit,
 * stop) and the generators every handler shares (decode.h): registers of
 * every width, effective addresses, guest memory, block ends.
 *
 * Registers: in 64-bit mode every register access is an i64 ld_env/st_env
 * of the whole register (narrower values are truncated or deposited), in
 * 32-bit mode an i32 one of its low half — one type per slot, so the
 * optimizer forwards every store to the loads after it.
 *
 * System mode (X86_TBF_SYS, frontend/x86/sys.h): pc is linear (CS.base +
 * rIP, so rIP values pushed or jumped to are converted), memory operands
 * add their segment's base where ADDSEG says a base may be nonzero, 16-bit
 * code wraps offsets and IP at 64 KiB, every access carries the memory
 * index of the CPL, and a block in an interrupt shadow (after sti, mov ss)
 * holds that one instruction.
 */
#include <inttypes.h>
#include <string.h>

#include "backend/exec.h"
#include "frontend/guest.h"
#include "frontend/x86/decode.h"
#include "frontend/x86/sys.h"
#include "util/log.h"

enum { X86_PAGE_SIZE = 4096, X86_FETCH_MAX = 15 };

/* ---- registers ------------------------------------------------------------- */

static IrType reg_type(const X86Ctx *ctx)
{
    return ctx->long_mode ? IR_I64 : IR_I32;
}

static bool is_high_byte(const X86Insn *in, unsigned reg, unsigned size)
{
    return size == 1 && !in->rex && reg >= 4 && reg < 8;
}

IrTemp x86_get_reg(X86Ctx *ctx, const X86Insn *in, unsigned reg, unsigned size)
{
    IrBlock *ir = ctx->ir;
    bool high = is_high_byte(in, reg, size);
    IrTemp full = ir_ld_env(ir, reg_type(ctx), X86_REG_OFF(high ? reg - 4 : reg));
    if (size == 8)
        return full;
    IrTemp v = ctx->long_mode ? ir_trunc_i64(ir, full) : full;
    if (high)
        return ir_extract(ir, v, 8, 8);
    if (size == 2)
        return ir_op1(ir, IR_OP_zext16, v);
    if (size == 1)
        return ir_op1(ir, IR_OP_zext8, v);
    return v;
}

void x86_set_reg(X86Ctx *ctx, const X86Insn *in, unsigned reg, unsigned size, IrTemp v)
{
    IrBlock *ir = ctx->ir;
    IrType ty = reg_type(ctx);
    bool high = is_high_byte(in, reg, size);
    uint32_t off = X86_REG_OFF(high ? reg - 4 : reg);
    if (size >= 4) {
        if (ty == IR_I64 && size == 4)
            v = ir_ext_i32u(ir, v);
        else if (ty == IR_I32 && ir_temp_type(ir, v) == IR_I64)
            v = ir_trunc_i64(ir, v);
        ir_st_env(ir, ty, off, v);
        return;
    }
    if (ty == IR_I64 && ir_temp_type(ir, v) == IR_I32)
        v = ir_ext_i32u(ir, v);
    IrTemp old = ir_ld_env(ir, ty, off);
    ir_st_env(ir, ty, off, ir_deposit(ir, old, v, high ? 8 : 0, size * 8));
}

/* ---- addresses -------------------------------------------------------------- */

IrTemp x86_const(X86Ctx *ctx, unsigned size, uint64_t v)
{
    return ir_const(ctx->ir, x86_type(size), v);
}

IrTemp x86_addr_const(X86Ctx *ctx, uint64_t v)
{
    return ir_const(ctx->ir, ctx->aty, v);
}

/* An address register's value in ctx->aty. */
static IrTemp address_reg(X86Ctx *ctx, unsigned reg)
{
    return ir_ld_env(ctx->ir, ctx->aty, X86_REG_OFF(reg));
}

/* Wrap an offset computed in ctx->aty to the address size. */
static IrTemp wrap_to_adsize(X86Ctx *ctx, const X86Insn *in, IrTemp a)
{
    if (in->adsize == 2)
        return ir_op1(ctx->ir, IR_OP_zext16, a);
    if (in->adsize == 4 && ctx->aty == IR_I64)
        return ir_op1(ctx->ir, IR_OP_zext32, a);
    return a;
}

/* Whether segment seg's base takes part in addresses. Linux gives every
 * segment but FS and GS base 0 in user mode, so only those two add their
 * base there (an override of CS/DS/ES/SS changes nothing). System mode
 * adds DS/ES/SS bases when ADDSEG says one may be nonzero, and an
 * explicit CS override's base outside 64-bit mode. */
static bool segment_base_counts(const X86Ctx *ctx, int seg)
{
    if (seg == X86_FS || seg == X86_GS)
        return true;
    return ctx->addseg || (ctx->sys && seg == X86_CS && !ctx->long_mode);
}

/* The linear address of offset a in segment seg (outside 64-bit mode the
 * sum wraps at 4 GiB: aty is i32). */
static IrTemp add_segment_base(X86Ctx *ctx, int seg, IrTemp a)
{
    if (!segment_base_counts(ctx, seg))
        return a;
    return ir_add(ctx->ir, a, ir_ld_env(ctx->ir, ctx->aty, X86_SEG_BASE_OFF(seg)));
}

/* The segment of a memory operand: its override, else SS for rSP/rBP
 * bases, else DS. */
static int operand_segment(const X86Insn *in)
{
    if (in->seg >= 0)
        return in->seg;
    return in->base == X86_RSP || in->base == X86_RBP ? X86_SS : X86_DS;
}

IrTemp x86_ea_offset(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *ir = ctx->ir;
    IrTemp a;
    if (in->base == X86_BASE_RIP) {
        a = x86_addr_const(ctx, in->next_pc + (uint64_t)in->disp);
    } else {
        a = 0;
        if (in->base >= 0)
            a = address_reg(ctx, (unsigned)in->base);
        if (in->index >= 0) {
            IrTemp idx = address_reg(ctx, (unsigned)in->index);
            if (in->scale > 1)
                idx = ir_shli(ir, idx, (uint64_t)__builtin_ctz(in->scale));
            a = a ? ir_add(ir, a, idx) : idx;
        }
        if (!a)
            a = x86_addr_const(ctx, (uint64_t)in->disp);
        else if (in->disp)
            a = ir_addi(ir, a, (uint64_t)in->disp);
    }
    return wrap_to_adsize(ctx, in, a);
}

IrTemp x86_ea(X86Ctx *ctx, const X86Insn *in)
{
    return add_segment_base(ctx, operand_segment(in), x86_ea_offset(ctx, in));
}

IrTemp x86_seg_addr(X86Ctx *ctx, const X86Insn *in, int seg, bool overridable, IrTemp offset)
{
    if (overridable && in->seg >= 0)
        seg = in->seg;
    return add_segment_base(ctx, seg, wrap_to_adsize(ctx, in, offset));
}

/* ---- guest memory --------------------------------------------------------------- */

IrMemop x86_memop(const X86Ctx *ctx, unsigned size)
{
    IrMemop mo = size == 1 ? IR_MO_8 : size == 2 ? IR_MO_16 : size == 4 ? IR_MO_32 : IR_MO_64;
    return (IrMemop)(mo | ctx->mem_idx);
}

IrTemp x86_ld(X86Ctx *ctx, IrTemp addr, unsigned size)
{
    return ir_ld(ctx->ir, x86_type(size), x86_memop(ctx, size), addr);
}

IrTemp x86_lds(X86Ctx *ctx, IrTemp addr, unsigned size, IrType type)
{
    return ir_ld(ctx->ir, type, (IrMemop)(x86_memop(ctx, size) | IR_MO_SIGN), addr);
}

void x86_st(X86Ctx *ctx, IrTemp addr, unsigned size, IrTemp v)
{
    ir_st(ctx->ir, x86_memop(ctx, size), addr, v);
}

IrTemp x86_get_rm(X86Ctx *ctx, const X86Insn *in, unsigned size)
{
    if (!x86_has_mem(in))
        return x86_get_reg(ctx, in, in->rm, size);
    return x86_ld(ctx, x86_ea(ctx, in), size);
}

void x86_set_rm(X86Ctx *ctx, const X86Insn *in, unsigned size, IrTemp v)
{
    if (!x86_has_mem(in))
        x86_set_reg(ctx, in, in->rm, size, v);
    else
        x86_st(ctx, x86_ea(ctx, in), size, v);
}

/* ---- block ends ------------------------------------------------------------------ */

static uint64_t wrap_pc(const X86Ctx *ctx, uint64_t pc)
{
    return ctx->long_mode ? pc : pc & 0xffffffffu;
}

uint64_t x86_ip_wrap(const X86Ctx *ctx, uint64_t linear, unsigned size)
{
    if (size == 2)
        return wrap_pc(ctx, ctx->cs_base + ((linear - ctx->cs_base) & 0xffff));
    return wrap_pc(ctx, linear);
}

/* CS.base as the code runs (an i32: outside 64-bit mode only). */
static IrTemp cs_base_now(X86Ctx *ctx)
{
    return ir_ld_env(ctx->ir, IR_I32, X86_SEG_BASE_OFF(X86_CS));
}

IrTemp x86_ip_of(X86Ctx *ctx, uint64_t linear, unsigned size)
{
    if (!ctx->sys || ctx->long_mode)
        return x86_const(ctx, size, linear & (size == 8 ? ~0ull : (1ull << (8 * size)) - 1));
    IrTemp ip = ir_sub(ctx->ir, ir_const32(ctx->ir, (uint32_t)linear), cs_base_now(ctx));
    return size == 2 ? ir_op1(ctx->ir, IR_OP_zext16, ip) : ip;
}

IrTemp x86_linear_pc(X86Ctx *ctx, IrTemp ip)
{
    IrBlock *ir = ctx->ir;
    if (ir_temp_type(ir, ip) == IR_I64)
        return ip;
    if (ctx->sys)
        ip = ir_add(ir, ip, cs_base_now(ctx));
    return ir_ext_i32u(ir, ip);
}

void x86_set_pc_exit(X86Ctx *ctx, uint64_t pc, int reason)
{
    ir_st_env(ctx->ir, IR_I64, offsetof(CpuCommon, pc), ir_const64(ctx->ir, wrap_pc(ctx, pc)));
    ir_exit(ctx->ir, reason);
    ctx->end_block = true;
}

void x86_raise(X86Ctx *ctx, int reason)
{
    x86_set_pc_exit(ctx, ctx->pc, reason);
}

void x86_illegal(X86Ctx *ctx, const X86Insn *in)
{
    if (log_enabled(LOG_UNIMP)) {
        static const char *const map_name[X86_NMAPS] = {"", "0f ", "0f 38 ", "0f 3a "};
        log_printf("unimplemented/illegal x86 instruction at 0x%" PRIx64 ": %s%02x%s%s\n", ctx->pc,
                   map_name[in->map], in->opcode, in->form ? " " : " (no form)",
                   in->form ? in->form->name : "");
    }
    x86_raise(ctx, EXIT_ILLEGAL);
}

void x86_jump_const(X86Ctx *ctx, unsigned slot, uint64_t target)
{
    ir_goto_tb(ctx->ir, slot, wrap_pc(ctx, target));
    ctx->end_block = true;
}

void x86_jump(X86Ctx *ctx, IrTemp target)
{
    ir_goto_ptr(ctx->ir, target);
    ctx->end_block = true;
}

/* ---- the block loop ----------------------------------------------------------------- */

/* Fetch up to 15 code bytes at pc, fewer where the next page is not
 * readable; returns how many (0: not even the first byte). */
static size_t fetch_code(TranslateCtx *tc, uint64_t pc, uint8_t *buf)
{
    if (tc->fetch(tc->cpu, pc, buf, X86_FETCH_MAX))
        return X86_FETCH_MAX;
    size_t to_page_end = X86_PAGE_SIZE - (pc & (X86_PAGE_SIZE - 1));
    size_t n = to_page_end < X86_FETCH_MAX ? to_page_end : X86_FETCH_MAX;
    return tc->fetch(tc->cpu, pc, buf, n) ? n : 0;
}

/* Code at `addr` could not be fetched: a fault there, raised by the
 * instruction at ctx->pc. */
static void fetch_fault(X86Ctx *ctx, uint64_t addr)
{
    ir_st_env(ctx->ir, IR_I64, offsetof(CpuCommon, exception_addr), ir_const64(ctx->ir, addr));
    x86_raise(ctx, EXIT_FAULT);
}

/* Translate the instruction at ctx->pc; returns the address after the
 * bytes it covers, or 0 with nothing emitted when its bytes run into an
 * unreadable page and it is not the block's first instruction (the next
 * block starts with it and faults there). */
static uint64_t translate_one(X86Ctx *ctx, TranslateCtx *tc, bool first)
{
    uint8_t bytes[X86_FETCH_MAX];
    size_t avail = fetch_code(tc, ctx->pc, bytes);
    X86Insn in;
    X86DecodeResult res = avail ? x86_decode(ctx->pc, bytes, avail, ctx->long_mode, ctx->cs32, &in)
                                : X86_DECODE_SHORT;
    if (res == X86_DECODE_SHORT && !first)
        return 0;
    ir_insn_start(ctx->ir, ctx->pc);
    if (res == X86_DECODE_SHORT) {
        fetch_fault(ctx, avail ? wrap_pc(ctx, ctx->pc + avail) : ctx->pc);
        return ctx->pc + (avail ? avail : 1);
    }
    if (res == X86_DECODE_INVALID) {
        x86_illegal(ctx, &in);
        return ctx->pc + 1;
    }
    uint32_t mark = ctx->ir->ninsns;
    X86Ctx saved = *ctx;
    if (!in.form->translate || !in.form->translate(ctx, &in)) {
        ctx->ir->ninsns = mark; /* drop what a refusing handler emitted */
        *ctx = saved;
        x86_illegal(ctx, &in);
    }
    return ctx->pc + in.len;
}

/* The mode a block's tb_flags give its code (system mode's on top of
 * user mode's). */
static X86Ctx block_context(TranslateCtx *tc)
{
    IrBlock *ir = tc->ir;
    uint32_t f = ir->tb_flags;
    bool long_mode = f & X86_TBF_LONG;
    X86Ctx ctx = {.ir = ir, .cpu = tc->cpu, .long_mode = long_mode, .cs32 = f & X86_TBF_CS32,
                  .aty = long_mode ? IR_I64 : IR_I32, .cc_op = -1};
    if (f & X86_TBF_SYS) {
        ctx.sys = true;
        ctx.addseg = f & X86_TBF_ADDSEG;
        ctx.ss32 = f & X86_TBF_SS32;
        ctx.cpl = (f & X86_TBF_CPL) >> X86_TBF_CPL_SHIFT;
        ctx.mem_idx = (ctx.cpl == 3 ? X86_MMU_USER : X86_MMU_KERNEL) << IR_MO_IDX_SHIFT;
        ctx.cs_base = ((X86Cpu *)tc->cpu)->seg_base[X86_CS];
    }
    return ctx;
}

/* A block translated in an interrupt shadow (after sti, mov ss, pop ss)
 * holds that one instruction. The shadow ends with it whatever way the
 * block leaves, so the block clears the flag first and asks the loop to
 * look for pending interrupts at the next block entry. */
static void end_interrupt_shadow(X86Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t after = ir->tb_flags & ~(uint32_t)X86_TBF_INHIBIT_IRQ;
    ir_st_env(ir, IR_I32, offsetof(CpuCommon, tb_flags), ir_const32(ir, after));
    ir_st_env(ir, IR_I32, offsetof(CpuCommon, exit_request), ir_const32(ir, 1));
}

void x86_translate(TranslateCtx *tc)
{
    IrBlock *ir = tc->ir;
    X86Ctx ctx = block_context(tc);
    uint64_t pc = ir->pc, end = pc;
    uint32_t n = 0, max = tc->max_insns ? tc->max_insns : 1;
    if (ir->tb_flags & X86_TBF_INHIBIT_IRQ) {
        end_interrupt_shadow(&ctx);
        max = 1;
    }
    for (;;) {
        ctx.pc = pc;
        ctx.end_block = false;
        uint64_t after = translate_one(&ctx, tc, n == 0);
        if (!after) {
            ir_goto_tb(ir, 0, pc);
            break;
        }
        n++;
        end = after;
        pc = wrap_pc(&ctx, after);
        if (ctx.end_block)
            break;
        bool new_page = (pc & ~(uint64_t)(X86_PAGE_SIZE - 1)) != (ir->pc & ~(uint64_t)(X86_PAGE_SIZE - 1));
        if (n >= max || new_page) {
            x86_jump_const(&ctx, 0, pc);
            break;
        }
    }
    ir->guest_insns = n;
    ir->guest_size = (uint32_t)(end - ir->pc);
}
