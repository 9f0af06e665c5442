/* frontend/x86/flags.c — the lazy status flags (see flags.h for what a
 * record means): storing records, deriving flags from them in C, and the
 * conditions the IR reads.
 *
 * Conditions: when the instruction that set the flags is known inside the
 * block, a condition of the common kinds (compare, add, logic, inc/dec)
 * is one comparison of its operands (cmp + jcc becomes one brcond);
 * everything else goes through x86_flags_compute, called as a pure helper
 * on the record's temps, or on the record loaded from X86Cpu when an
 * earlier block set it. A pure call nobody reads is dropped by the
 * optimizer, like the record stores later records overwrite. A branch
 * before the block's first flag setter guesses the record's kind (the one
 * in X86Cpu at translation time) behind a guard; a rotate stores a record
 * over the earlier one (KEPT, ROT) instead of computing the flags.
 */
#include "frontend/x86/flags.h"

/* ---- deriving flags in C -------------------------------------------------- */

static uint64_t width_mask(unsigned bits)
{
    return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

static uint32_t bit_at(uint64_t v, unsigned pos, uint32_t flag)
{
    return (v >> pos) & 1 ? flag : 0;
}

/* ZF, SF and PF of a result (masked to its width). */
static uint32_t zsp(uint64_t dst, unsigned bits)
{
    uint32_t f = dst == 0 ? X86_ZF : 0;
    f |= bit_at(dst, bits - 1, X86_SF);
    f |= __builtin_parity((unsigned)(dst & 0xff)) ? 0 : X86_PF;
    return f;
}

static uint32_t aux_carry(uint64_t a, uint64_t b, uint64_t dst)
{
    return ((a ^ b ^ dst) & 0x10) ? X86_AF : 0;
}

/* Overflow of a + b = dst: a and b alike in sign, dst not. */
static uint32_t add_overflow(uint64_t a, uint64_t b, uint64_t dst, unsigned bits)
{
    return bit_at((a ^ dst) & (b ^ dst), bits - 1, X86_OF);
}

/* Overflow of a - b = dst: a and b differ in sign, dst differs from a. */
static uint32_t sub_overflow(uint64_t a, uint64_t b, uint64_t dst, unsigned bits)
{
    return bit_at((a ^ b) & (a ^ dst), bits - 1, X86_OF);
}

typedef uint32_t (*X86FlagsFn)(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits);

static uint32_t flags_eflags(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)dst, (void)src2, (void)bits;
    return (uint32_t)src & X86_STATUS_FLAGS;
}

static uint32_t flags_add(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    uint64_t m = width_mask(bits), c = src2 & 1;
    dst &= m, src &= m;
    uint64_t a = (dst - src - c) & m;
    bool carry = c ? dst <= src : dst < src;
    return (carry ? X86_CF : 0) | zsp(dst, bits) | aux_carry(a, src, dst) |
           add_overflow(a, src, dst, bits);
}

static uint32_t flags_sub(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    uint64_t m = width_mask(bits), c = src2 & 1;
    dst &= m, src &= m;
    uint64_t a = (dst + src + c) & m;
    bool borrow = c ? a <= src : a < src;
    return (borrow ? X86_CF : 0) | zsp(dst, bits) | aux_carry(a, src, dst) |
           sub_overflow(a, src, dst, bits);
}

/* ADD and SUB carry no carry-in: their cc_src2 does not count. */
static uint32_t flags_add_nc(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)src2;
    return flags_add(dst, src, 0, bits);
}

static uint32_t flags_sub_nc(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)src2;
    return flags_sub(dst, src, 0, bits);
}

static uint32_t flags_logic(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)src, (void)src2;
    return zsp(dst & width_mask(bits), bits);
}

static uint32_t flags_inc(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)src2;
    dst &= width_mask(bits);
    uint32_t f = (src & 1 ? X86_CF : 0) | zsp(dst, bits);
    f |= (dst & 0xf) == 0 ? X86_AF : 0;
    f |= dst == 1ull << (bits - 1) ? X86_OF : 0;
    return f;
}

static uint32_t flags_dec(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)src2;
    dst &= width_mask(bits);
    uint32_t f = (src & 1 ? X86_CF : 0) | zsp(dst, bits);
    f |= (dst & 0xf) == 0xf ? X86_AF : 0;
    f |= dst == (1ull << (bits - 1)) - 1 ? X86_OF : 0;
    return f;
}

static uint32_t flags_shl(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    dst &= width_mask(bits);
    uint32_t of = ((src2 >> (bits - 1)) ^ (src2 >> (bits - 2))) & 1 ? X86_OF : 0;
    return bit_at(src, bits - 1, X86_CF) | zsp(dst, bits) | of;
}

static uint32_t flags_shr(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    dst &= width_mask(bits);
    return bit_at(src, 0, X86_CF) | zsp(dst, bits) | bit_at(src2, bits - 1, X86_OF);
}

static uint32_t flags_sar(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)src2;
    dst &= width_mask(bits);
    return bit_at(src, 0, X86_CF) | zsp(dst, bits);
}

static uint32_t flags_mul(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)src2;
    uint32_t f = zsp(dst & width_mask(bits), bits);
    return (src & width_mask(bits)) ? f | X86_CF | X86_OF : f;
}

static uint32_t flags_kept(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)src2;
    return zsp(dst & width_mask(bits), bits) | ((uint32_t)src & (X86_CF | X86_OF | X86_AF));
}

/* ROT's cc_src2: the inner record's cc_op, its carry-in and the new CF OF. */
enum { ROT_INNER_OP_SHIFT = 16, ROT_INNER_CARRY_BIT = 15 };

static uint32_t flags_rot(uint64_t dst, uint64_t src, uint64_t src2, unsigned bits)
{
    (void)bits;
    uint32_t inner = (uint32_t)(src2 >> ROT_INNER_OP_SHIFT) & 0xffff;
    uint64_t carry = (src2 >> ROT_INNER_CARRY_BIT) & 1;
    uint32_t f = x86_cc_kind((int)inner) == X86_CCK_ROT ? 0 : x86_flags_compute(inner, dst, src, carry);
    return (f & ~(uint32_t)(X86_CF | X86_OF)) | ((uint32_t)src2 & (X86_CF | X86_OF));
}

static const X86FlagsFn flags_by_kind[X86_CCK_COUNT] = {
    [X86_CCK_EFLAGS] = flags_eflags, [X86_CCK_ADD] = flags_add_nc, [X86_CCK_ADC] = flags_add,
    [X86_CCK_SUB] = flags_sub_nc,    [X86_CCK_SBB] = flags_sub,    [X86_CCK_LOGIC] = flags_logic,
    [X86_CCK_INC] = flags_inc,       [X86_CCK_DEC] = flags_dec,    [X86_CCK_SHL] = flags_shl,
    [X86_CCK_SHR] = flags_shr,       [X86_CCK_SAR] = flags_sar,    [X86_CCK_MUL] = flags_mul,
    [X86_CCK_KEPT] = flags_kept,     [X86_CCK_ROT] = flags_rot,
};

uint32_t x86_flags_compute(uint32_t cc_op, uint64_t dst, uint64_t src, uint64_t src2)
{
    X86CcKind kind = x86_cc_kind((int)cc_op);
    if (kind >= X86_CCK_COUNT)
        return 0;
    return flags_by_kind[kind](dst, src, src2, 8 * x86_cc_size((int)cc_op));
}

uint32_t x86_get_eflags(const X86Cpu *cpu)
{
    uint32_t status = x86_flags_compute(cpu->cc_op, cpu->cc_dst, cpu->cc_src, cpu->cc_src2);
    return (cpu->eflags & ~(uint32_t)X86_STATUS_FLAGS) | status | 2;
}

void x86_put_eflags(X86Cpu *cpu, uint32_t value, uint32_t mask)
{
    uint32_t old = x86_get_eflags(cpu);
    uint32_t merged = (old & ~mask) | (value & mask);
    x86_set_status_flags(cpu, merged);
    cpu->eflags = (merged & ~(uint32_t)X86_STATUS_FLAGS) | 2;
}

/* ---- records in IR ------------------------------------------------------------ */

static uint32_t x86_flags_helper(CpuCommon *env, uint32_t cc_op, uint64_t dst, uint64_t src, uint64_t src2)
{
    (void)env;
    return x86_flags_compute(cc_op, dst, src, src2);
}

static const IrHelper x86_helper_flags = {
    .name = "x86_flags",
    .fn = (void *)x86_flags_helper,
    .flags = IR_HELPER_PURE,
    .has_ret = true,
    .ret = IR_I32,
    .nargs = 4,
    .args = {IR_I32, IR_I64, IR_I64, IR_I64},
};

static IrTemp as_i64(X86Ctx *ctx, IrTemp v)
{
    if (!v)
        return ir_const64(ctx->ir, 0);
    return ir_temp_type(ctx->ir, v) == IR_I64 ? v : ir_ext_i32u(ctx->ir, v);
}

/* The fields of X86Cpu's record each kind reads back (x86_flags_compute,
 * the predicted records below); the others may be stale, never looked at.
 * (SUB's cc_src2 is dst + src.) */
enum { FIELD_DST = 1, FIELD_SRC = 2, FIELD_SRC2 = 4 };
static const uint8_t fields_read[X86_CCK_COUNT] = {
    [X86_CCK_EFLAGS] = FIELD_SRC,
    [X86_CCK_ADD] = FIELD_DST | FIELD_SRC,
    [X86_CCK_ADC] = FIELD_DST | FIELD_SRC | FIELD_SRC2,
    [X86_CCK_SUB] = FIELD_DST | FIELD_SRC,
    [X86_CCK_SBB] = FIELD_DST | FIELD_SRC | FIELD_SRC2,
    [X86_CCK_LOGIC] = FIELD_DST,
    [X86_CCK_INC] = FIELD_DST | FIELD_SRC,
    [X86_CCK_DEC] = FIELD_DST | FIELD_SRC,
    [X86_CCK_SHL] = FIELD_DST | FIELD_SRC | FIELD_SRC2,
    [X86_CCK_SHR] = FIELD_DST | FIELD_SRC | FIELD_SRC2,
    [X86_CCK_SAR] = FIELD_DST | FIELD_SRC,
    [X86_CCK_MUL] = FIELD_DST | FIELD_SRC,
    [X86_CCK_KEPT] = FIELD_DST | FIELD_SRC,
    [X86_CCK_ROT] = FIELD_DST | FIELD_SRC | FIELD_SRC2,
};

/* Which fields the IR since the block's previous record stored: back to
 * its cc_op store (the whole block when there is none). */
static uint8_t fields_stored_since_record(const IrBlock *ir)
{
    uint8_t fields = 0;
    for (uint32_t k = ir->ninsns; k-- > 0;) {
        const IrInsn *in = &ir->insns[k];
        if (in->op != IR_OP_st_env)
            continue;
        if (in->imm == X86_OFF(cc_op))
            break;
        fields |= in->imm == X86_OFF(cc_dst)    ? FIELD_DST
                  : in->imm == X86_OFF(cc_src)  ? FIELD_SRC
                  : in->imm == X86_OFF(cc_src2) ? FIELD_SRC2
                                                : 0;
    }
    return fields;
}

/* A record stores cc_op and the fields its kind reads, as i64, and 0 in
 * the other fields the block's previous record filled (those its kind
 * reads; when that record is unknown here, every field the IR since it
 * stored): it covers that record, and the optimizer drops the earlier
 * stores (and the computations only they needed) where nothing between
 * can fault. */
void x86_set_cc(X86Ctx *ctx, X86CcKind kind, unsigned size, IrTemp dst, IrTemp src, IrTemp src2)
{
    IrBlock *ir = ctx->ir;
    int op = x86_cc_op(kind, size);
    uint8_t before = ctx->cc_op >= 0 ? fields_read[x86_cc_kind(ctx->cc_op)] : fields_stored_since_record(ir);
    uint8_t reads = fields_read[kind], fields = reads | before;
    static const struct {
        uint8_t field;
        uint32_t offset;
    } stores[3] = {{FIELD_DST, X86_OFF(cc_dst)}, {FIELD_SRC, X86_OFF(cc_src)}, {FIELD_SRC2, X86_OFF(cc_src2)}};
    const IrTemp values[3] = {dst, src, src2};
    ir_st_env(ir, IR_I32, X86_OFF(cc_op), ir_const32(ir, (uint32_t)op));
    for (int k = 0; k < 3; k++) {
        if (fields & stores[k].field)
            ir_st_env(ir, IR_I64, stores[k].offset, as_i64(ctx, reads & stores[k].field ? values[k] : 0));
    }
    ctx->cc_op = op;
    ctx->cc_dst = dst;
    ctx->cc_src = src;
    ctx->cc_src2 = src2;
}

/* The record x86_set_cc would store, chosen field by field against the
 * record already in X86Cpu when `count` (i32) is 0: no branch, so the
 * optimizer still drops the stores when a later record overwrites them. */
void x86_set_cc_unless_zero(X86Ctx *ctx, IrTemp count, X86CcKind kind, unsigned size, IrTemp dst, IrTemp src,
                            IrTemp src2)
{
    IrBlock *ir = ctx->ir;
    IrTemp zero32 = ir_const32(ir, 0), count64 = ir_ext_i32u(ir, count), zero64 = ir_const64(ir, 0);
    IrTemp op = ir_const32(ir, (uint32_t)x86_cc_op(kind, size));
    IrTemp old_op = ir_ld_env(ir, IR_I32, X86_OFF(cc_op));
    ir_st_env(ir, IR_I32, X86_OFF(cc_op), ir_movcond(ir, IR_EQ, count, zero32, old_op, op));
    static const uint32_t offsets[3] = {X86_OFF(cc_dst), X86_OFF(cc_src), X86_OFF(cc_src2)};
    const IrTemp values[3] = {dst, src, src2};
    for (int k = 0; k < 3; k++) {
        IrTemp old = ir_ld_env(ir, IR_I64, offsets[k]);
        ir_st_env(ir, IR_I64, offsets[k], ir_movcond(ir, IR_EQ, count64, zero64, old, as_i64(ctx, values[k])));
    }
    x86_cc_forget(ctx);
}

IrTemp x86_gen_status_flags(X86Ctx *ctx)
{
    IrBlock *ir = ctx->ir;
    if (ctx->cc_op == X86_CC_EFLAGS)
        return ctx->cc_src;
    IrTemp args[4];
    if (ctx->cc_op >= 0) {
        args[0] = ir_const32(ir, (uint32_t)ctx->cc_op);
        args[1] = as_i64(ctx, ctx->cc_dst);
        args[2] = as_i64(ctx, ctx->cc_src);
        args[3] = as_i64(ctx, ctx->cc_src2);
    } else {
        args[0] = ir_ld_env(ir, IR_I32, X86_OFF(cc_op));
        args[1] = ir_ld_env(ir, IR_I64, X86_OFF(cc_dst));
        args[2] = ir_ld_env(ir, IR_I64, X86_OFF(cc_src));
        args[3] = ir_ld_env(ir, IR_I64, X86_OFF(cc_src2));
    }
    return ir_call(ir, &x86_helper_flags, args);
}

void x86_gen_set_status_flags(X86Ctx *ctx, IrTemp flags)
{
    x86_set_cc(ctx, X86_CCK_EFLAGS, 4, 0, ir_andi(ctx->ir, flags, X86_STATUS_FLAGS), 0);
}

/* ---- conditions -------------------------------------------------------------- */

/* A condition as one comparison a `cond` b. */
typedef struct X86Compare {
    IrCond cond;
    IrTemp a, b;
} X86Compare;

static X86Compare compare(IrCond cond, IrTemp a, IrTemp b)
{
    return (X86Compare){cond, a, b};
}

/* v of the record's width, sign-extended to its IR type (for signed
 * comparisons of 8- and 16-bit values, which the IR holds zero-extended). */
static IrTemp signed_value(X86Ctx *ctx, IrTemp v, unsigned size)
{
    if (size == 1)
        return ir_op1(ctx->ir, IR_OP_sext8, v);
    if (size == 2)
        return ir_op1(ctx->ir, IR_OP_sext16, v);
    return v;
}

static X86Compare always(X86Ctx *ctx, bool value)
{
    IrTemp zero = ir_const32(ctx->ir, 0);
    return compare(value ? IR_EQ : IR_NE, zero, zero);
}

/* Compare forms of the even condition `base` after a SUB/CMP. */
static bool sub_compare(X86Ctx *ctx, unsigned base, unsigned size, X86Compare *c)
{
    IrTemp a = ctx->cc_src2, b = ctx->cc_src, zero = x86_const(ctx, size, 0);
    switch (base) {
    case X86_COND_B: *c = compare(IR_LTU, a, b); return true;
    case X86_COND_E: *c = compare(IR_EQ, a, b); return true;
    case X86_COND_BE: *c = compare(IR_LEU, a, b); return true;
    case X86_COND_S: *c = compare(IR_LT, signed_value(ctx, ctx->cc_dst, size), zero); return true;
    case X86_COND_L: *c = compare(IR_LT, signed_value(ctx, a, size), signed_value(ctx, b, size)); return true;
    case X86_COND_LE: *c = compare(IR_LE, signed_value(ctx, a, size), signed_value(ctx, b, size)); return true;
    default: return false;
    }
}

/* After AND/OR/XOR/TEST: CF = OF = 0, so everything but P is about dst. */
static bool logic_compare(X86Ctx *ctx, unsigned base, unsigned size, X86Compare *c)
{
    IrTemp zero = x86_const(ctx, size, 0);
    switch (base) {
    case X86_COND_O:
    case X86_COND_B: *c = always(ctx, false); return true;
    case X86_COND_E:
    case X86_COND_BE: *c = compare(IR_EQ, ctx->cc_dst, zero); return true;
    case X86_COND_S:
    case X86_COND_L: *c = compare(IR_LT, signed_value(ctx, ctx->cc_dst, size), zero); return true;
    case X86_COND_LE: *c = compare(IR_LE, signed_value(ctx, ctx->cc_dst, size), zero); return true;
    default: return false;
    }
}

/* Every kind but EFLAGS: ZF and SF are those of dst (for MUL, whose
 * manual leaves them undefined, the same rule as x86_flags_compute). */
static bool result_compare(X86Ctx *ctx, unsigned base, unsigned size, X86Compare *c)
{
    IrTemp zero = x86_const(ctx, size, 0);
    switch (base) {
    case X86_COND_E: *c = compare(IR_EQ, ctx->cc_dst, zero); return true;
    case X86_COND_S: *c = compare(IR_LT, signed_value(ctx, ctx->cc_dst, size), zero); return true;
    default: return false;
    }
}

/* The carry of an add (or the borrow of a subtract) with carry-in c:
 * c ? x <= y : x < y, as an i32 0/1 (ADC: x = dst; SBB: x = a). */
static IrTemp carry_with_input(X86Ctx *ctx, IrTemp x, IrTemp y, IrTemp c)
{
    IrBlock *ir = ctx->ir;
    IrTemp below = ir_setcond(ir, IR_LTU, x, y), same = ir_setcond(ir, IR_EQ, x, y);
    IrTemp v = ir_or(ir, below, ir_and(ir, same, c));
    return ir_temp_type(ir, v) == IR_I64 ? ir_trunc_i64(ir, v) : v;
}

/* CF as one compare (ADC/SBB: a short combination of two). */
static bool carry_compare(X86Ctx *ctx, unsigned size, X86Compare *c)
{
    IrBlock *ir = ctx->ir;
    IrTemp carry;
    switch (x86_cc_kind(ctx->cc_op)) {
    case X86_CCK_ADD: *c = compare(IR_LTU, ctx->cc_dst, ctx->cc_src); return true;
    case X86_CCK_INC:
    case X86_CCK_DEC: *c = compare(IR_NE, ctx->cc_src, x86_const(ctx, size, 0)); return true;
    case X86_CCK_SHL: *c = compare(IR_LT, signed_value(ctx, ctx->cc_src, size), x86_const(ctx, size, 0)); return true;
    case X86_CCK_SHR:
    case X86_CCK_SAR: *c = compare(IR_NE, ir_andi(ir, ctx->cc_src, 1), x86_const(ctx, size, 0)); return true;
    case X86_CCK_KEPT: *c = compare(IR_NE, ir_andi(ir, ctx->cc_src, X86_CF), x86_const(ctx, size, 0)); return true;
    case X86_CCK_ROT: *c = compare(IR_NE, ir_andi(ir, ctx->cc_src2, X86_CF), x86_const(ctx, size, 0)); return true;
    case X86_CCK_ADC: carry = carry_with_input(ctx, ctx->cc_dst, ctx->cc_src, ctx->cc_src2); break;
    case X86_CCK_SBB: {
        IrTemp a = ir_add(ir, ir_add(ir, ctx->cc_dst, ctx->cc_src), ctx->cc_src2);
        if (size < 4)
            a = ir_andi(ir, a, (1u << (8 * size)) - 1);
        carry = carry_with_input(ctx, a, ctx->cc_src, ctx->cc_src2);
        break;
    }
    default: return false;
    }
    *c = compare(IR_NE, carry, ir_const32(ir, 0));
    return true;
}

/* The comparison condition cc is, when the record allows one. */
static bool known_compare(X86Ctx *ctx, unsigned cc, X86Compare *c)
{
    if (ctx->cc_op < 0 || ctx->cc_op == X86_CC_EFLAGS)
        return false;
    unsigned base = cc & ~1u, size = x86_cc_size(ctx->cc_op);
    X86CcKind kind = x86_cc_kind(ctx->cc_op);
    bool ok;
    if (kind == X86_CCK_SUB)
        ok = sub_compare(ctx, base, size, c);
    else if (kind == X86_CCK_LOGIC)
        ok = logic_compare(ctx, base, size, c);
    else if (base == X86_COND_B)
        ok = carry_compare(ctx, size, c);
    else if (kind == X86_CCK_ROT)
        ok = false; /* only CF is the record's own */
    else
        ok = result_compare(ctx, base, size, c);
    if (ok && (cc & 1))
        c->cond = ir_cond_invert(c->cond);
    return ok;
}

/* The condition from the six flags in their EFLAGS positions (i32). */
static X86Compare flags_compare(X86Ctx *ctx, unsigned cc, IrTemp f)
{
    IrBlock *ir = ctx->ir;
    IrTemp v;
    switch (cc & ~1u) {
    case X86_COND_O: v = ir_andi(ir, f, X86_OF); break;
    case X86_COND_B: v = ir_andi(ir, f, X86_CF); break;
    case X86_COND_E: v = ir_andi(ir, f, X86_ZF); break;
    case X86_COND_BE: v = ir_andi(ir, f, X86_CF | X86_ZF); break;
    case X86_COND_S: v = ir_andi(ir, f, X86_SF); break;
    case X86_COND_P: v = ir_andi(ir, f, X86_PF); break;
    case X86_COND_L: /* SF != OF: bit 7 of f ^ (f >> 4) */
        v = ir_andi(ir, ir_xor(ir, f, ir_shri(ir, f, 4)), X86_SF);
        break;
    default: /* LE: ZF or SF != OF */
        v = ir_or(ir, ir_andi(ir, f, X86_ZF), ir_andi(ir, ir_xor(ir, f, ir_shri(ir, f, 4)), X86_SF));
        break;
    }
    return compare((cc & 1) ? IR_EQ : IR_NE, v, ir_const32(ir, 0));
}

static X86Compare cond_compare(X86Ctx *ctx, unsigned cc)
{
    X86Compare c;
    if (known_compare(ctx, cc, &c))
        return c;
    return flags_compare(ctx, cc, x86_gen_status_flags(ctx));
}

/* AF of an add or subtract: the carry out of bit 3, (a ^ b ^ dst) & 0x10. */
static IrTemp aux_carry_of(X86Ctx *ctx, IrTemp a)
{
    IrBlock *ir = ctx->ir;
    return ir_andi(ir, ir_xor(ir, ir_xor(ir, a, ctx->cc_src), ctx->cc_dst), X86_AF);
}

/* AF of an in-block record whose ZF SF PF come from its result. */
static bool result_record_af(X86Ctx *ctx, unsigned size, IrTemp *af)
{
    IrBlock *ir = ctx->ir;
    IrTemp v;
    switch (x86_cc_kind(ctx->cc_op)) {
    case X86_CCK_LOGIC:
    case X86_CCK_SHL:
    case X86_CCK_SHR:
    case X86_CCK_SAR:
    case X86_CCK_MUL: *af = ir_const32(ir, 0); return true;
    case X86_CCK_KEPT: v = ir_andi(ir, ctx->cc_src, X86_AF); break;
    case X86_CCK_ADD: v = aux_carry_of(ctx, ir_sub(ir, ctx->cc_dst, ctx->cc_src)); break;
    case X86_CCK_SUB: v = aux_carry_of(ctx, ir_add(ir, ctx->cc_dst, ctx->cc_src)); break;
    default: return false;
    }
    *af = size == 8 ? ir_trunc_i64(ir, v) : v;
    return true;
}

/* The ROT record over the record in X86Cpu (unknown here): its fields
 * copied, cc_src2 packed; a ROT there already keeps its inner record and
 * only takes the new CF OF (no branch: a movcond). */
static void set_rot_over_unknown(X86Ctx *ctx, IrTemp count, IrTemp cf_of64)
{
    IrBlock *ir = ctx->ir;
    IrTemp op = ir_ext_i32u(ir, ir_ld_env(ir, IR_I32, X86_OFF(cc_op)));
    IrTemp dst = ir_ld_env(ir, IR_I64, X86_OFF(cc_dst)), src = ir_ld_env(ir, IR_I64, X86_OFF(cc_src));
    IrTemp src2 = ir_ld_env(ir, IR_I64, X86_OFF(cc_src2));
    IrTemp carry = ir_shli(ir, ir_andi(ir, src2, 1), ROT_INNER_CARRY_BIT);
    IrTemp fresh = ir_or(ir, ir_or(ir, ir_shli(ir, op, ROT_INNER_OP_SHIFT), carry), cf_of64);
    IrTemp again = ir_or(ir, ir_andi(ir, src2, ~(uint64_t)(X86_CF | X86_OF)), cf_of64);
    IrTemp packed = ir_movcond(ir, IR_EQ, ir_shri(ir, op, 2), ir_const64(ir, X86_CCK_ROT), again, fresh);
    if (count)
        x86_set_cc_unless_zero(ctx, count, X86_CCK_ROT, 8, dst, src, packed);
    else
        x86_set_cc(ctx, X86_CCK_ROT, 8, dst, src, packed);
}

void x86_set_cc_rotate(X86Ctx *ctx, IrTemp count, IrTemp cf_of)
{
    IrBlock *ir = ctx->ir;
    X86CcKind kind = X86_CCK_EFLAGS;
    unsigned size = 4;
    IrTemp dst = 0, src, src2 = 0, af;
    if (ctx->cc_op < 0) {
        set_rot_over_unknown(ctx, count, ir_ext_i32u(ir, cf_of));
        return;
    }
    if (ctx->cc_op != X86_CC_EFLAGS && x86_cc_kind(ctx->cc_op) != X86_CCK_ROT &&
        result_record_af(ctx, x86_cc_size(ctx->cc_op), &af)) { /* ZF SF PF from a result */
        kind = X86_CCK_KEPT;
        size = x86_cc_size(ctx->cc_op);
        dst = ctx->cc_dst;
        src = ir_or(ir, cf_of, af);
        if (size == 8)
            src = ir_ext_i32u(ir, src);
    } else if (x86_cc_kind(ctx->cc_op) == X86_CCK_ROT) { /* the same inner record */
        kind = X86_CCK_ROT;
        size = 8;
        dst = ctx->cc_dst;
        src = ctx->cc_src;
        src2 = ir_or(ir, ir_andi(ir, ctx->cc_src2, ~(uint64_t)(X86_CF | X86_OF)), ir_ext_i32u(ir, cf_of));
    } else { /* EFLAGS, INC, DEC, ADC, SBB: the flags now */
        IrTemp kept = ir_andi(ir, x86_gen_status_flags(ctx), ~(uint64_t)(X86_CF | X86_OF) & 0xffffffffu);
        src = ir_or(ir, kept, cf_of);
    }
    if (count)
        x86_set_cc_unless_zero(ctx, count, kind, size, dst, src, src2);
    else
        x86_set_cc(ctx, kind, size, dst, src, src2);
}

/* ---- a record left by an earlier block, predicted ----------------------------
 *
 * A block is translated just before it first runs, so the record in X86Cpu
 * at that moment is the likeliest one at every later entry (cmp; je; ja
 * splits into blocks whose second one starts reading a SUB record). A
 * conditional branch that comes before the block sets any flags tests
 * cc_op against that kind and, on a match, derives its condition inline
 * from the fields; otherwise it goes through the helper. (Only branches:
 * the block ends after them, so the labels cost the code after them
 * nothing; a label in mid-block would.)
 *
 *     fast = compare from the loaded fields     (pure: computed up front)
 *     brcond cc_op != predicted, slow
 *     use fast; br done
 *   slow: use the helper's flags
 *   done:
 */

/* The cc_op in X86Cpu at translation time while the block's own is
 * unknown; -1 when there is none. */
static int predicted_cc_op(const X86Ctx *ctx)
{
    if (ctx->cc_op >= 0 || !ctx->cpu)
        return -1;
    uint32_t op = ((const X86Cpu *)(const void *)ctx->cpu)->cc_op;
    return op < X86_CCK_COUNT * 4u ? (int)op : -1;
}

/* One field of a record of `size` from X86Cpu, of x86_type(size), with the
 * bits above the width cleared (as the block's own records hold them). */
static IrTemp load_field(X86Ctx *ctx, uint32_t offset, unsigned size)
{
    IrTemp v = ir_ld_env(ctx->ir, x86_type(size), offset);
    return size < 4 ? ir_andi(ctx->ir, v, (1u << (8 * size)) - 1) : v;
}

/* Take the record of kind `op` (not EFLAGS) in X86Cpu as the block's
 * own: its fields loaded into ctx (pure IR). */
static void assume_record(X86Ctx *ctx, int op)
{
    unsigned size = x86_cc_size(op);
    ctx->cc_op = op;
    ctx->cc_dst = load_field(ctx, X86_OFF(cc_dst), size);
    ctx->cc_src = load_field(ctx, X86_OFF(cc_src), size);
    ctx->cc_src2 = load_field(ctx, X86_OFF(cc_src2), size);
    if (x86_cc_kind(op) == X86_CCK_SUB) { /* a = dst + b: the record's cc_src2 is optional */
        IrTemp a = ir_add(ctx->ir, ctx->cc_dst, ctx->cc_src);
        ctx->cc_src2 = size < 4 ? ir_andi(ctx->ir, a, (1u << (8 * size)) - 1) : a;
    }
}

/* The guard: to `slow` when cc_op in X86Cpu is not op. */
static IrLabel guard_cc_op(X86Ctx *ctx, int op)
{
    IrLabel slow = ir_new_label(ctx->ir);
    IrTemp cur = ir_ld_env(ctx->ir, IR_I32, X86_OFF(cc_op));
    ir_brcond(ctx->ir, IR_NE, cur, ir_const32(ctx->ir, (uint32_t)op), slow);
    return slow;
}

/* The comparison cc is under the record of kind `op` in X86Cpu, emitted
 * as pure IR; false when that kind has no inline form for cc. */
static bool predicted_compare(X86Ctx *ctx, int op, unsigned cc, X86Compare *c)
{
    if (op == X86_CC_EFLAGS) {
        *c = flags_compare(ctx, cc, ir_ld_env(ctx->ir, IR_I32, X86_OFF(cc_src)));
        return true;
    }
    int unknown = ctx->cc_op;
    assume_record(ctx, op);
    bool ok = known_compare(ctx, cc, c);
    ctx->cc_op = unknown;
    return ok;
}


/* Emit the fast comparison and the guard when the record is unknown and
 * predictable: *fast is the comparison, *slow the label the guard takes
 * on a different cc_op. False (nothing emitted) otherwise. */
static bool begin_predicted(X86Ctx *ctx, unsigned cc, X86Compare *fast, IrLabel *slow)
{
    int op = predicted_cc_op(ctx);
    if (op < 0)
        return false;
    uint32_t mark = ctx->ir->ninsns;
    if (!predicted_compare(ctx, op, cc, fast)) {
        ctx->ir->ninsns = mark;
        return false;
    }
    *slow = guard_cc_op(ctx, op);
    return true;
}

static IrTemp setcond_i32(X86Ctx *ctx, X86Compare c)
{
    IrTemp v = ir_setcond(ctx->ir, c.cond, c.a, c.b);
    return ir_temp_type(ctx->ir, v) == IR_I64 ? ir_trunc_i64(ctx->ir, v) : v;
}

IrTemp x86_gen_cond(X86Ctx *ctx, unsigned cc)
{
    return setcond_i32(ctx, cond_compare(ctx, cc & 15));
}

void x86_gen_brcond(X86Ctx *ctx, unsigned cc, IrLabel label)
{
    X86Compare c, fast;
    IrLabel slow;
    if (!begin_predicted(ctx, cc & 15, &fast, &slow)) {
        c = cond_compare(ctx, cc & 15);
        ir_brcond(ctx->ir, c.cond, c.a, c.b, label);
        return;
    }
    IrLabel done = ir_new_label(ctx->ir);
    ir_brcond(ctx->ir, fast.cond, fast.a, fast.b, label);
    ir_br(ctx->ir, done);
    ir_label(ctx->ir, slow);
    c = cond_compare(ctx, cc & 15);
    ir_brcond(ctx->ir, c.cond, c.a, c.b, label);
    ir_label(ctx->ir, done);
}

IrTemp x86_gen_carry(X86Ctx *ctx, unsigned size)
{
    IrTemp cf = x86_gen_cond(ctx, X86_COND_B);
    return size == 8 ? ir_ext_i32u(ctx->ir, cf) : cf;
}
