/* frontend/x86/x87_fast.c — the inline fast path of the common x87
 * instructions: the host's x87 on the guest's register slots through the
 * IR's x87 ops (ir/ir.h IrX87Kind), with the exact helper kept for what
 * the fast path cannot take.
 *
 * Straight-line x87 code of a block forms one segment. Its first
 * instruction loads TOP, the tags and the control/status words once;
 * from there on the segment knows TOP as (TOP at its start) + a constant,
 * every slot's env offset (one temp per register), and which registers
 * it has seen valid or empty, so an instruction checks only what nothing
 * before it settled:
 *
 *       top0, tags, cw|sw = ld_env fptop, fptag, fpuc   (segment start)
 *       brcond (tag bits the instruction needs) == expected -> ok
 *       st_env tb_flags |= X86_TBF_X87_STEP; goto_ptr this instruction
 *   ok: ... x87 ops on env + st_phys + 16 * ((top0 + r) & 7) ...
 *       st_env fptop, fptag, fpuc|fpus, fpip               (x87_fast_end)
 *
 * A failed check (a stack fault) leaves the block with the state exact
 * at the instruction: the block translated for X86_TBF_X87_STEP runs that
 * one instruction's helper, clears the bit and goes on.
 *
 * The block's first segment, when nothing before it in the block touched
 * the x87 state, assumes TOP and the tags are what they are while the
 * block is translated (compiled code reaches an instruction with the same
 * stack every time): one check of both at its start, then TOP, every
 * slot offset and every tag bit are constants, and no instruction checks
 * anything. When the check fails the block is translated again for
 * X86_TBF_X87_NOSPEC, which assumes nothing (and clears the bit). The control word
 * needs no check: a block runs the fast path only when its tb_flags say
 * the word is the host's (X86_TBF_X87_EXACT clear; x87_update_tb_flags),
 * and every instruction that may change the word ends its block.
 *
 * A segment ends where anything but plain computation, guest memory
 * access and env accesses outside the x87 state come between two x87
 * instructions (labels, calls, exits, MMX's writes of TOP and tags): the
 * next x87 instruction starts a new one.
 *
 * The fast path runs only when the guest's control word is the host's
 * (IR_X87_HOST_CW: 64-bit precision, nearest, all exceptions masked), so
 * the host's results and flags are the guest's. Status: the host's
 * sticky exception flags are OR-ed into fpus (the host's flags are always
 * a subset of the guest's: x87_stack.c) and the condition bits the
 * instruction defines are replaced, as x87_merge_status does.
 */
#include "frontend/x86/x87.h"

#if defined(__x86_64__)

/* The straight-line x87 code of the block being translated (one per
 * translating thread). Registers are numbered from TOP at its start:
 * register r is physical register (top0 + r) & 7. */
typedef struct X87Segment {
    const IrBlock *ir;        /* the block, and its key, it belongs to */
    uint64_t pc;
    uint32_t flags;
    uint32_t end;             /* ir->ninsns after its last instruction */
    uint32_t start;           /* index of its ld_env of fptop */
    IrTemp loaded_top;        /* what that ld_env defines */
    IrTemp top0;              /* i32 TOP at the start */
    IrTemp tags0;             /* i32 fptag | fpop << 16 at the start */
    IrTemp rotated0;          /* tags0 rotated so that bit r is register r's, 0 until needed */
    IrTemp slot[8];           /* env offset (i64) of register r, 0 until needed */
    IrTemp top, tags, cwsw;   /* the current values */
    IrTemp status_base;       /* cwsw before the ops that replaced only `pending` */
    uint16_t pending;         /* status bits replaced since status_base (C1 at most) */
    int top_known;            /* TOP at the start as a constant (assumed, checked), -1 if not */
    bool usable;              /* no st_env before it in the block wrote a register (MMX) */
    unsigned delta;           /* TOP = top0 + delta (mod 8) */
    uint8_t valid, empty;     /* registers known to hold a value / to be empty */
} X87Segment;

static _Thread_local X87Segment segment;

static bool stores_within(const IrInsn *in, uint32_t lo, uint32_t hi)
{
    return in->op == IR_OP_st_env && (uint64_t)in->imm < hi && (uint64_t)in->imm + 8 > lo;
}

static bool overlaps_x87_state(const IrInsn *in)
{
    return stores_within(in, X86_OFF(st_phys), X86_OFF(fpdp) + 8);
}

/* A st_env of a register (MMX): the x87 ops (which observe no stores,
 * ir/ops.def) must not follow it in the block; the helpers run instead. */
static bool stores_register(const IrInsn *in)
{
    return stores_within(in, X86_OFF(st_phys), X86_OFF(st_phys) + sizeof(((X86Cpu *)0)->st_phys));
}

static bool may_write_x87_state(const IrInsn *in)
{
    if (in->op == IR_OP_st_env)
        return overlaps_x87_state(in);
    if (in->op == IR_OP_call)
        return in->helper->flags & IR_HELPER_WRITES_ENV;
    return ir_op_info[in->op].flags & IR_F_ENV_WRITE;
}

/* May this op of another instruction lie inside a segment? */
static bool keeps_segment(const IrInsn *in)
{
    uint32_t flags = ir_op_info[in->op].flags;
    if (flags & (IR_F_BRANCH | IR_F_CALL | IR_F_EXIT) || in->op == IR_OP_label)
        return false;
    return !may_write_x87_state(in);
}

static bool segment_continues(const IrBlock *b)
{
    const X87Segment *s = &segment;
    if (s->ir != b || s->pc != b->pc || s->flags != b->tb_flags || s->end > b->ninsns || s->start >= s->end)
        return false;
    const IrInsn *start = &b->insns[s->start];
    if (start->op != IR_OP_ld_env || start->def[0] != s->loaded_top || start->imm != X86_OFF(fptop))
        return false;
    for (uint32_t k = s->end; k < b->ninsns; k++)
        if (!keeps_segment(&b->insns[k]))
            return false;
    return true;
}

/* Leave the block (this instruction's state exact) to the block at this
 * instruction translated with tb_flags | bit, unless `value` is `expect`. */
static void exit_unless(X86Ctx *ctx, IrTemp value, uint32_t expect, uint32_t bit)
{
    IrBlock *b = ctx->ir;
    IrLabel ok = ir_new_label(b);
    ir_brcond(b, IR_EQ, value, ir_const32(b, expect), ok);
    ir_st_env(b, IR_I32, offsetof(CpuCommon, tb_flags), ir_const32(b, b->tb_flags | bit));
    ir_goto_ptr(b, ir_const64(b, ctx->pc));
    ir_label(b, ok);
}

/* May the segment starting now assume TOP and the tags as they are? */
static bool may_assume_stack(const IrBlock *b)
{
    if (b->tb_flags & X86_TBF_X87_NOSPEC)
        return false;
    for (uint32_t k = 0; k < b->ninsns; k++)
        if (may_write_x87_state(&b->insns[k]))
            return false;
    return true;
}

static bool registers_stored(const IrBlock *b)
{
    for (uint32_t k = 0; k < b->ninsns; k++)
        if (stores_register(&b->insns[k]))
            return true;
    return false;
}

static void segment_start(X86Ctx *ctx)
{
    IrBlock *b = ctx->ir;
    X87Segment *s = &segment;
    bool assume = may_assume_stack(b);
    *s = (X87Segment){.ir = b, .pc = b->pc, .flags = b->tb_flags, .start = b->ninsns, .top_known = -1,
                      .usable = !registers_stored(b)};
    s->loaded_top = s->top0 = s->top = ir_ld_env(b, IR_I32, X86_OFF(fptop));
    s->tags0 = s->tags = ir_ld_env(b, IR_I32, X86_OFF(fptag)); /* fptag | fpop << 16 */
    s->status_base = s->cwsw = ir_ld_env(b, IR_I32, X86_OFF(fpuc)); /* fpuc | fpus << 16 */
    if (b->tb_flags & X86_TBF_X87_NOSPEC)
        ir_st_env(b, IR_I32, offsetof(CpuCommon, tb_flags), ir_const32(b, b->tb_flags & ~X86_TBF_X87_NOSPEC));
    if (!assume)
        return;
    const X86Cpu *cpu = (const X86Cpu *)ctx->cpu;
    unsigned top = cpu->fptop & 7, tags = cpu->fptag & 0xff;
    IrTemp both = ir_or(b, s->top0, ir_shli(b, ir_andi(b, s->tags0, 0xff), 3));
    exit_unless(ctx, both, top | tags << 3, X86_TBF_X87_NOSPEC);
    s->top_known = (int)top;
    s->top0 = s->top = ir_const32(b, top);
    s->valid = (uint8_t)((tags | tags << 8) >> top);
    s->empty = (uint8_t)~s->valid;
}

/* Segment registers of the bits of ST(i) set in `st`. */
static uint8_t registers_of(const X87Segment *s, unsigned st)
{
    unsigned wide = (st & 0xff) << (s->delta & 7);
    return (uint8_t)(wide | wide >> 8);
}

/* Leave the block unless the registers `check` are valid where `expect`
 * says and empty elsewhere. */
static void check_tags(X86Ctx *ctx, X87Segment *s, uint8_t check, uint8_t expect)
{
    IrBlock *b = ctx->ir;
    if (!s->rotated0) {
        IrTemp t8 = ir_andi(b, s->tags0, 0xff);
        s->rotated0 = ir_shr(b, ir_or(b, t8, ir_shli(b, t8, 8)), s->top0);
    }
    exit_unless(ctx, ir_andi(b, s->rotated0, check), expect, X86_TBF_X87_STEP);
}

bool x87_fast_begin(X86Ctx *ctx, X87Fast *f, unsigned full, unsigned empty)
{
    IrBlock *b = ctx->ir;
    if (b->tb_flags & (X86_TBF_X87_EXACT | X86_TBF_X87_STEP))
        return false;
    if (!segment_continues(b))
        segment_start(ctx);
    X87Segment *s = &segment;
    if (!s->usable)
        return false;
    uint8_t valid = registers_of(s, full), empty_needed = registers_of(s, empty);
    if ((valid & s->empty) | (empty_needed & s->valid))
        return false; /* a certain stack fault: the helper's */
    uint8_t unknown = (uint8_t)((valid | empty_needed) & ~(s->valid | s->empty));
    if (unknown)
        check_tags(ctx, s, unknown, valid & unknown);
    s->valid |= valid;
    s->empty |= empty_needed;
    *f = (X87Fast){.seg = s};
    return true;
}

IrTemp x87_fast_slot(X86Ctx *ctx, const X87Fast *f, unsigned i)
{
    IrBlock *b = ctx->ir;
    X87Segment *s = f->seg;
    unsigned r = (s->delta + i) & 7;
    if (s->slot[r])
        return s->slot[r];
    if (s->top_known >= 0) {
        s->slot[r] = ir_const64(b, X86_OFF(st_phys) + 16 * (((unsigned)s->top_known + r) & 7));
    } else {
        IrTemp phys = ir_andi(b, ir_addi(b, s->top0, r), 7);
        s->slot[r] = ir_addi(b, ir_shli(b, ir_ext_i32u(b, phys), 4), X86_OFF(st_phys));
    }
    return s->slot[r];
}

/* The host's exception flags are sticky, so an op's status word has every
 * flag the ops before it in the segment raised: the status after an op
 * that replaces C1 is computed from the status before the last op that
 * replaced more (status_base), not from the previous op's. The previous
 * op's status word is then dead unless its own status store survives (it
 * does before an op that may fault), and a backend need not read it. */
void x87_fast_status(X86Ctx *ctx, X87Fast *f, IrTemp sw, uint16_t replaced)
{
    IrBlock *b = ctx->ir;
    X87Segment *s = f->seg;
    uint32_t kept_mask = ~((uint32_t)replaced << 16);
    f->status_changed = true;
    if (!sw) {
        s->cwsw = ir_andi(b, s->cwsw, kept_mask);
        s->pending |= replaced;
        return;
    }
    bool from_base = !(s->pending & ~replaced);
    IrTemp bits = ir_andi(b, ir_trunc_i64(b, sw), replaced | X87_EXC_MASK);
    s->cwsw = ir_or(b, ir_andi(b, from_base ? s->status_base : s->cwsw, kept_mask), ir_shli(b, bits, 16));
    if (from_base && replaced == X87_C1) {
        s->pending = X87_C1;
    } else {
        s->status_base = s->cwsw;
        s->pending = 0;
    }
}

/* The physical register of segment register r, as a tag bit (i32). */
static IrTemp tag_bit(IrBlock *b, const X87Segment *s, unsigned r)
{
    if (s->top_known >= 0)
        return ir_const32(b, 1u << (((unsigned)s->top_known + r) & 7));
    return ir_shl(b, ir_const32(b, 1), ir_andi(b, ir_addi(b, s->top0, r), 7));
}

static void set_top(IrBlock *b, X87Segment *s, unsigned delta)
{
    s->delta = delta & 7;
    if (s->top_known >= 0)
        s->top = ir_const32(b, ((unsigned)s->top_known + s->delta) & 7);
    else
        s->top = ir_andi(b, ir_addi(b, s->top0, s->delta), 7);
}

void x87_fast_push(X86Ctx *ctx, X87Fast *f)
{
    IrBlock *b = ctx->ir;
    X87Segment *s = f->seg;
    set_top(b, s, s->delta + 7);
    s->tags = ir_or(b, s->tags, tag_bit(b, s, s->delta));
    s->valid |= (uint8_t)(1u << s->delta);
    s->empty &= (uint8_t)~(1u << s->delta);
    f->stack_changed = true;
}

void x87_fast_mark_valid(X86Ctx *ctx, X87Fast *f, unsigned i)
{
    IrBlock *b = ctx->ir;
    X87Segment *s = f->seg;
    unsigned r = (s->delta + i) & 7;
    if (s->valid & (1u << r))
        return;
    s->tags = ir_or(b, s->tags, tag_bit(b, s, r));
    s->valid |= (uint8_t)(1u << r);
    s->empty &= (uint8_t)~(1u << r);
    f->stack_changed = true;
}

void x87_fast_pop(X86Ctx *ctx, X87Fast *f)
{
    IrBlock *b = ctx->ir;
    X87Segment *s = f->seg;
    s->tags = ir_op2(b, IR_OP_andc, s->tags, tag_bit(b, s, s->delta));
    s->empty |= (uint8_t)(1u << s->delta);
    s->valid &= (uint8_t)~(1u << s->delta);
    set_top(b, s, s->delta + 1);
    f->stack_changed = true;
}

void x87_fast_end(X86Ctx *ctx, X87Fast *f)
{
    IrBlock *b = ctx->ir;
    X87Segment *s = f->seg;
    if (f->stack_changed) {
        ir_st_env(b, IR_I32, X86_OFF(fptop), s->top);
        ir_st_env(b, IR_I32, X86_OFF(fptag), s->tags);
    }
    if (f->status_changed)
        ir_st_env(b, IR_I32, X86_OFF(fpuc), s->cwsw);
    ir_st_env(b, IR_I64, X86_OFF(fpip), ir_const64(b, ctx->pc));
    s->end = b->ninsns;
}

void x87_slow_end(X86Ctx *ctx, const X86Insn *in)
{
    IrBlock *b = ctx->ir;
    if (!(b->tb_flags & X86_TBF_X87_STEP))
        return;
    uint32_t flags = b->tb_flags & ~(X86_TBF_X87_STEP | X86_TBF_X87_NOSPEC);
    ir_st_env(b, IR_I32, offsetof(CpuCommon, tb_flags), ir_const32(b, flags));
    x86_jump(ctx, ir_const64(b, in->next_pc));
}

IrTemp x87_fast_rr(X86Ctx *ctx, IrX87Kind kind, unsigned sel, IrTemp a, IrTemp c)
{
    IrBlock *b = ctx->ir;
    IrTemp d = ir_new_temp(b, IR_I64);
    ir_emit(b, (IrInsn){.op = IR_OP_x87_rr, .type = IR_I64, .def = {d}, .use = {a, c}, .imm = ir_x87_imm(kind, sel)});
    return d;
}

IrTemp x87_fast_rm(X86Ctx *ctx, IrX87Kind kind, unsigned sel, IrTemp a, IrTemp m)
{
    IrBlock *b = ctx->ir;
    IrTemp d = ir_new_temp(b, IR_I64);
    ir_emit(b, (IrInsn){.op = IR_OP_x87_rm, .type = IR_I64, .def = {d}, .use = {a, m}, .imm = ir_x87_imm(kind, sel)});
    return d;
}

IrTemp x87_fast_store(X86Ctx *ctx, unsigned format, IrTemp a, IrTemp *bits)
{
    IrBlock *b = ctx->ir;
    IrTemp d = ir_new_temp(b, IR_I64);
    *bits = ir_new_temp(b, IR_I64);
    ir_emit(b, (IrInsn){.op = IR_OP_x87_st, .type = IR_I64, .def = {d, *bits}, .use = {a},
                        .imm = ir_x87_imm(IR_X87_STORE, format)});
    return d;
}

/* X87Mem -> IrX87Format, or -1 where the fast path has no such format. */
int x87_fast_format(X87Mem kind)
{
    static const int8_t formats[X87_NMEM] = {
        [X87_M32FP] = IR_X87_M32FP, [X87_M64FP] = IR_X87_M64FP, [X87_M80FP] = -1,
        [X87_M16INT] = IR_X87_M16INT, [X87_M32INT] = IR_X87_M32INT, [X87_M64INT] = IR_X87_M64INT,
        [X87_M80BCD] = -1, [X87_M16TRUNC] = -1, [X87_M32TRUNC] = -1, [X87_M64TRUNC] = -1,
    };
    return kind < X87_NMEM ? formats[kind] : -1;
}

#endif
