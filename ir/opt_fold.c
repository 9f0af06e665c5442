/* ir/opt_fold.c — constant folding and propagation, copy propagation
 * and algebraic simplification, in one forward walk.
 *
 * Facts: for each temp, whether it holds a known constant and whether it
 * is a copy (`d = mov s`) of another temp, valid until either temp is
 * redefined; all dropped at a label. A use of a copy reads its source
 * instead (the mov stays for opt_dce to drop; `t = mov t` goes at once).
 * An integer op whose operands are all known is replaced by `const` of
 * the value ops.def defines; a mov of a known temp becomes a const. With
 * one known operand, identities are applied (x+0, x*1, x&0, x&~0,
 * x*2^k -> shl, divu by 2^k -> shr, and with 0xff/0xffff/0xffffffff ->
 * zext), and a brcond on known operands becomes a br or disappears. A
 * trunc_i64 of a value just widened from i32 (ext_i32u/ext_i32s of x, x
 * not redefined since) is x again, and a widening of a value just
 * truncated from i64 (trunc_i64 of x, x not redefined since) is one
 * extension of x: zext32 x or sext32 x; a store of at most 32 bits of
 * such a truncation stores x itself. Constant offsets gather: an add or
 * subtract of a constant to y + k1 (y not redefined since) adds the sum
 * to y itself, so an addis/addi pair or an address computed from an
 * adjusted pointer is one add. Float
 * arithmetic is never folded (rounding mode and exception flags are the
 * guest's); fneg, fabs and bitcast are pure bit operations and are.
 */
#include <string.h>

#include <glib.h>

#include "ir/opt.h"

/* What the walk knows of one temp. The constant, copy, widening and
 * narrowing facts hold only in the label epoch they were learnt in (a
 * label starts a new one, forgetting them all at once); the definition
 * count spans the whole block. */
typedef struct TempFacts {
    uint64_t val;    /* the constant, when known */
    uint32_t epoch;  /* the epoch of known, copy_of, wide_of and narrow_of */
    uint32_t defs;   /* definitions of the temp so far */
    /* copy_of = x when the temp = mov x, wide_of = x when the temp =
     * ext_i32u/ext_i32s x, narrow_of = x when the temp = trunc_i64 x;
     * each valid while x's definition count is still its _gen. */
    IrTemp copy_of, wide_of, narrow_of;
    uint32_t copy_gen, wide_gen, narrow_gen;
    /* offset_of = y when the temp = y + offset (an add or subtract of a
     * constant), valid while y's definition count is still offset_gen */
    IrTemp offset_of;
    uint32_t offset_gen;
    uint64_t offset;
    bool known;
} TempFacts;

typedef struct FoldCtx {
    IrBlock *b;
    IrInsn *out; /* rewritten instruction list */
    uint32_t nout;
    uint32_t epoch;
    TempFacts *temps;
} FoldCtx;

/* --- evaluation of integer ops, exactly as ops.def defines them ------- */

static int64_t sext_bits(uint64_t v, unsigned bits)
{
    return bits >= 64 ? (int64_t)v : (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static uint64_t low_mask(unsigned len)
{
    return len >= 64 ? ~0ull : (1ull << len) - 1;
}

static bool cond_holds(IrCond c, uint64_t a, uint64_t b, unsigned w)
{
    int64_t sa = sext_bits(a, w), sb = sext_bits(b, w);
    switch (c) {
    case IR_EQ: return a == b;
    case IR_NE: return a != b;
    case IR_LT: return sa < sb;
    case IR_GE: return sa >= sb;
    case IR_LE: return sa <= sb;
    case IR_GT: return sa > sb;
    case IR_LTU: return a < b;
    case IR_GEU: return a >= b;
    case IR_LEU: return a <= b;
    case IR_GTU: return a > b;
    default: return false;
    }
}

/* v[] holds the operands, zero-extended from their types' widths; w is
 * the width of the op type; the result is masked by the caller. */
typedef uint64_t FoldFn(const uint64_t *v, const IrInsn *in, unsigned w);

static uint64_t f_add(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] + v[1]; }
static uint64_t f_sub(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] - v[1]; }
static uint64_t f_mul(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] * v[1]; }
static uint64_t f_and(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] & v[1]; }
static uint64_t f_or(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] | v[1]; }
static uint64_t f_xor(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] ^ v[1]; }
static uint64_t f_andc(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] & ~v[1]; }
static uint64_t f_orc(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] | ~v[1]; }
static uint64_t f_not(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return ~v[0]; }
static uint64_t f_neg(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return -v[0]; }
static uint64_t f_mov(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0]; }

static uint64_t f_mulhs(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)in;
    __int128 p = (__int128)sext_bits(v[0], w) * sext_bits(v[1], w);
    return (uint64_t)(p >> w);
}

static uint64_t f_mulhu(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)in;
    unsigned __int128 p = (unsigned __int128)v[0] * v[1];
    return (uint64_t)(p >> w);
}

static uint64_t f_divs(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)in;
    int64_t a = sext_bits(v[0], w), b = sext_bits(v[1], w);
    if (b == 0)
        return 0;
    if (b == -1)
        return (uint64_t)0 - (uint64_t)a; /* MIN / -1 wraps to MIN */
    return (uint64_t)(a / b);
}

static uint64_t f_rems(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)in;
    int64_t a = sext_bits(v[0], w), b = sext_bits(v[1], w);
    if (b == 0)
        return v[0];
    if (b == -1)
        return 0;
    return (uint64_t)(a % b);
}

static uint64_t f_divu(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[1] ? v[0] / v[1] : 0; }
static uint64_t f_remu(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[1] ? v[0] % v[1] : v[0]; }
static uint64_t f_shl(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; return v[0] << (v[1] % w); }
static uint64_t f_shr(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; return v[0] >> (v[1] % w); }
static uint64_t f_sar(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; return (uint64_t)(sext_bits(v[0], w) >> (v[1] % w)); }

static uint64_t f_rotl(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)in;
    unsigned c = (unsigned)(v[1] % w);
    return c ? (v[0] << c) | (v[0] >> (w - c)) : v[0];
}

static uint64_t f_rotr(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)in;
    unsigned c = (unsigned)(v[1] % w);
    return c ? (v[0] >> c) | (v[0] << (w - c)) : v[0];
}

static uint64_t f_sext8(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return (uint64_t)sext_bits(v[0], 8); }
static uint64_t f_sext16(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return (uint64_t)sext_bits(v[0], 16); }
static uint64_t f_sext32(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return (uint64_t)sext_bits(v[0], 32); }
static uint64_t f_zext8(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] & 0xff; }
static uint64_t f_zext16(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] & 0xffff; }
static uint64_t f_zext32(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return v[0] & 0xffffffffu; }
static uint64_t f_bswap16(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return ((v[0] & 0xff) << 8) | ((v[0] >> 8) & 0xff); }
static uint64_t f_bswap32(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return __builtin_bswap32((uint32_t)v[0]); }
static uint64_t f_bswap64(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return __builtin_bswap64(v[0]); }
static uint64_t f_clz(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; return v[0] ? (uint64_t)__builtin_clzll(v[0]) - (64 - w) : w; }
static uint64_t f_ctz(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; return v[0] ? (uint64_t)__builtin_ctzll(v[0]) : w; }
static uint64_t f_popcnt(const uint64_t *v, const IrInsn *in, unsigned w) { (void)in; (void)w; return (uint64_t)__builtin_popcountll(v[0]); }

static unsigned field_pos(const IrInsn *in) { return (unsigned)(in->imm & 0xff); }
static unsigned field_len(const IrInsn *in) { return (unsigned)((in->imm >> 8) & 0xff); }

static uint64_t f_extract(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)w;
    return (v[0] >> field_pos(in)) & low_mask(field_len(in));
}

static uint64_t f_sextract(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)w;
    return (uint64_t)sext_bits((v[0] >> field_pos(in)) & low_mask(field_len(in)), field_len(in));
}

static uint64_t f_deposit(const uint64_t *v, const IrInsn *in, unsigned w)
{
    (void)w;
    uint64_t m = low_mask(field_len(in)) << field_pos(in);
    return (v[0] & ~m) | ((v[1] << field_pos(in)) & m);
}

static uint64_t f_setcond(const uint64_t *v, const IrInsn *in, unsigned w)
{
    return cond_holds((IrCond)in->aux, v[0], v[1], w);
}

static uint64_t f_movcond(const uint64_t *v, const IrInsn *in, unsigned w)
{
    return cond_holds((IrCond)in->aux, v[0], v[1], w) ? v[2] : v[3];
}

/* Integer ops that fold when every operand is known (addc is special). */
static FoldFn *const fold_fns[IR_NOPS] = {
    [IR_OP_mov] = f_mov,         [IR_OP_add] = f_add,         [IR_OP_sub] = f_sub,
    [IR_OP_mul] = f_mul,         [IR_OP_mulhs] = f_mulhs,     [IR_OP_mulhu] = f_mulhu,
    [IR_OP_divs] = f_divs,       [IR_OP_divu] = f_divu,       [IR_OP_rems] = f_rems,
    [IR_OP_remu] = f_remu,       [IR_OP_and] = f_and,         [IR_OP_or] = f_or,
    [IR_OP_xor] = f_xor,         [IR_OP_andc] = f_andc,       [IR_OP_orc] = f_orc,
    [IR_OP_shl] = f_shl,         [IR_OP_shr] = f_shr,         [IR_OP_sar] = f_sar,
    [IR_OP_rotl] = f_rotl,       [IR_OP_rotr] = f_rotr,       [IR_OP_not] = f_not,
    [IR_OP_neg] = f_neg,         [IR_OP_sext8] = f_sext8,     [IR_OP_sext16] = f_sext16,
    [IR_OP_sext32] = f_sext32,   [IR_OP_zext8] = f_zext8,     [IR_OP_zext16] = f_zext16,
    [IR_OP_zext32] = f_zext32,   [IR_OP_ext_i32s] = f_sext32, [IR_OP_ext_i32u] = f_zext32,
    [IR_OP_trunc_i64] = f_mov,   [IR_OP_bswap16] = f_bswap16, [IR_OP_bswap32] = f_bswap32,
    [IR_OP_bswap64] = f_bswap64, [IR_OP_clz] = f_clz,         [IR_OP_ctz] = f_ctz,
    [IR_OP_popcnt] = f_popcnt,   [IR_OP_extract] = f_extract, [IR_OP_sextract] = f_sextract,
    [IR_OP_deposit] = f_deposit, [IR_OP_setcond] = f_setcond, [IR_OP_movcond] = f_movcond,
};

/* --- rewriting ----------------------------------------------------------- */

static IrType def_type(const FoldCtx *c, const IrInsn *in, unsigned k)
{
    return ir_temp_type(c->b, in->def[k]);
}

static void put(FoldCtx *c, IrInsn in)
{
    c->out[c->nout++] = in;
}

static IrInsn make_const(IrTemp d, IrType t, uint64_t v)
{
    return (IrInsn){.op = IR_OP_const, .type = (uint8_t)t, .def = {d}, .imm = (int64_t)(v & opt_type_mask(t))};
}

static IrInsn make_op1(IrOpcode op, IrTemp d, IrType t, IrTemp a)
{
    return (IrInsn){.op = (uint16_t)op, .type = (uint8_t)t, .def = {d}, .use = {a}};
}

/* Emits `d = op x, <constant k>` with a fresh const temp. */
static void put_op_const(FoldCtx *c, IrOpcode op, IrTemp d, IrType t, IrTemp x, uint64_t k)
{
    IrTemp kt = ir_new_temp(c->b, t);
    put(c, make_const(kt, t, k));
    put(c, (IrInsn){.op = (uint16_t)op, .type = (uint8_t)t, .def = {d}, .use = {x, kt}});
}

static bool is_known(const FoldCtx *c, IrTemp t)
{
    const TempFacts *f = &c->temps[t];
    return f->known && f->epoch == c->epoch;
}

static uint64_t known_val(const FoldCtx *c, IrTemp t) { return c->temps[t].val; }

/* x when t = mov x and x still holds that value, else t itself. */
static IrTemp copied_from(const FoldCtx *c, IrTemp t)
{
    const TempFacts *f = &c->temps[t];
    if (f->epoch != c->epoch || !f->copy_of || c->temps[f->copy_of].defs != f->copy_gen)
        return t;
    return f->copy_of;
}

/* x when t = ext_i32u/ext_i32s x and x still holds that value, else 0. */
static IrTemp widened_from(const FoldCtx *c, IrTemp t)
{
    const TempFacts *f = &c->temps[t];
    if (f->epoch != c->epoch || !f->wide_of || c->temps[f->wide_of].defs != f->wide_gen)
        return 0;
    return f->wide_of;
}

/* x when t = trunc_i64 x and x still holds that value, else 0. */
static IrTemp narrowed_from(const FoldCtx *c, IrTemp t)
{
    const TempFacts *f = &c->temps[t];
    if (f->epoch != c->epoch || !f->narrow_of || c->temps[f->narrow_of].defs != f->narrow_gen)
        return 0;
    return f->narrow_of;
}

/* y when t = y + *offset and y still holds that value, else 0. */
static IrTemp offset_from(const FoldCtx *c, IrTemp t, uint64_t *offset)
{
    const TempFacts *f = &c->temps[t];
    if (f->epoch != c->epoch || !f->offset_of || c->temps[f->offset_of].defs != f->offset_gen)
        return 0;
    *offset = f->offset;
    return f->offset_of;
}

/* d = x + k or x - k where x = y + k1: d = y + (k1 +/- k), or y itself. */
static bool fold_offset_chain(FoldCtx *c, const IrInsn *in, uint64_t k)
{
    uint64_t k1;
    IrTemp y = offset_from(c, in->use[0], &k1);
    if (!y)
        return false;
    IrType t = (IrType)in->type;
    uint64_t sum = (in->op == IR_OP_add ? k1 + k : k1 - k) & opt_type_mask(t);
    if (sum)
        put_op_const(c, IR_OP_add, in->def[0], t, y, sum);
    else
        put(c, make_op1(IR_OP_mov, in->def[0], t, y));
    return true;
}

static int log2_exact(uint64_t v)
{
    return v && !(v & (v - 1)) ? __builtin_ctzll(v) : -1;
}

/* One known operand (c->val of use[1] after normalization): identities.
 * Returns true if it emitted a replacement. */
static bool simplify_with_const(FoldCtx *c, IrInsn *in)
{
    IrType t = (IrType)in->type;
    unsigned w = ir_type_bits(t);
    uint64_t all = opt_type_mask(t);
    IrTemp d = in->def[0], x = in->use[0];

    if ((ir_op_info[in->op].flags & IR_F_COMM) && is_known(c, in->use[0]) && !is_known(c, in->use[1])) {
        IrTemp tmp = in->use[0];
        in->use[0] = in->use[1];
        in->use[1] = tmp;
        x = in->use[0];
    }
    if (is_known(c, in->use[0]) && !is_known(c, in->use[1])) {
        uint64_t k0 = known_val(c, in->use[0]);
        switch (in->op) {
        case IR_OP_sub:
            if (k0 == 0) {
                put(c, make_op1(IR_OP_neg, d, t, in->use[1]));
                return true;
            }
            return false;
        case IR_OP_shl: case IR_OP_shr: case IR_OP_rotl: case IR_OP_rotr:
            if (k0 == 0) {
                put(c, make_const(d, t, 0));
                return true;
            }
            return false;
        case IR_OP_sar:
            if (k0 == 0 || k0 == all) {
                put(c, make_const(d, t, k0));
                return true;
            }
            return false;
        default:
            return false;
        }
    }
    if (!is_known(c, in->use[1]))
        return false;
    uint64_t k = known_val(c, in->use[1]);
    int sh = log2_exact(k);

    switch (in->op) {
    case IR_OP_add: case IR_OP_sub: case IR_OP_or: case IR_OP_xor:
        if (k == 0)
            goto to_mov;
        if (in->op == IR_OP_or && k == all)
            goto to_all;
        return (in->op == IR_OP_add || in->op == IR_OP_sub) && fold_offset_chain(c, in, k);
    case IR_OP_shl: case IR_OP_shr: case IR_OP_sar: case IR_OP_rotl: case IR_OP_rotr:
        if (k % w == 0)
            goto to_mov;
        return false;
    case IR_OP_mul:
        if (k == 0)
            goto to_zero;
        if (k == 1)
            goto to_mov;
        if (sh > 0) {
            put_op_const(c, IR_OP_shl, d, t, x, (uint64_t)sh);
            return true;
        }
        return false;
    case IR_OP_mulhs: case IR_OP_mulhu:
        if (k == 0)
            goto to_zero;
        return false;
    case IR_OP_divs:
        if (k == 0)
            goto to_zero;
        if (k == 1)
            goto to_mov;
        return false;
    case IR_OP_divu:
        if (k == 0)
            goto to_zero;
        if (k == 1)
            goto to_mov;
        if (sh > 0) {
            put_op_const(c, IR_OP_shr, d, t, x, (uint64_t)sh);
            return true;
        }
        return false;
    case IR_OP_rems:
        if (k == 0)
            goto to_mov;
        if (k == 1 || k == all)
            goto to_zero;
        return false;
    case IR_OP_remu:
        if (k == 0)
            goto to_mov;
        if (k == 1)
            goto to_zero;
        if (sh > 0) {
            put_op_const(c, IR_OP_and, d, t, x, k - 1);
            return true;
        }
        return false;
    case IR_OP_and:
        if (k == 0)
            goto to_zero;
        if (k == all)
            goto to_mov;
        if (k == 0xff || k == 0xffff || (k == 0xffffffffu && t == IR_I64)) {
            IrOpcode z = k == 0xff ? IR_OP_zext8 : k == 0xffff ? IR_OP_zext16 : IR_OP_zext32;
            put(c, make_op1(z, d, t, x));
            return true;
        }
        return false;
    case IR_OP_andc:
        if (k == 0)
            goto to_mov;
        if (k == all)
            goto to_zero;
        return false;
    case IR_OP_orc:
        if (k == 0)
            goto to_all;
        if (k == all)
            goto to_mov;
        return false;
    default:
        return false;
    }
to_mov:
    put(c, make_op1(IR_OP_mov, d, t, x));
    return true;
to_zero:
    put(c, make_const(d, t, 0));
    return true;
to_all:
    put(c, make_const(d, t, all));
    return true;
}

/* Both operands the same temp: x-x, x^x, x&~x are 0; x&x, x|x are x. */
static bool simplify_same(FoldCtx *c, const IrInsn *in)
{
    IrType t = (IrType)in->type;
    IrTemp d = in->def[0], x = in->use[0];
    if (ir_op_info[in->op].nuse < 2 || in->use[0] != in->use[1])
        return false;
    switch (in->op) {
    case IR_OP_sub: case IR_OP_xor: case IR_OP_andc:
        put(c, make_const(d, t, 0));
        return true;
    case IR_OP_orc:
        put(c, make_const(d, t, opt_type_mask(t)));
        return true;
    case IR_OP_and: case IR_OP_or:
        put(c, make_op1(IR_OP_mov, d, t, x));
        return true;
    case IR_OP_setcond: {
        IrCond cc = (IrCond)in->aux;
        bool r = cc == IR_EQ || cc == IR_GE || cc == IR_LE || cc == IR_GEU || cc == IR_LEU;
        put(c, make_const(d, t, r));
        return true;
    }
    default:
        return false;
    }
}

/* Replace `in` (all of whose operands are known) if it folds. */
static bool fold_known(FoldCtx *c, const IrInsn *in)
{
    IrType t = (IrType)in->type;
    unsigned nuse = ir_op_info[in->op].nuse;
    uint64_t v[4] = {0};
    for (unsigned i = 0; i < nuse; i++)
        v[i] = known_val(c, in->use[i]);

    if (in->op == IR_OP_addc) {
        if (v[2] > 1)
            return false; /* ops.def defines carry-in 0 or 1 only */
        unsigned w = ir_type_bits(t);
        unsigned __int128 full = (unsigned __int128)v[0] + v[1] + v[2];
        put(c, make_const(in->def[0], t, (uint64_t)full));
        put(c, make_const(in->def[1], t, (uint64_t)(full >> w) & 1));
        return true;
    }
    if (in->op == IR_OP_fneg || in->op == IR_OP_fabs || in->op == IR_OP_bitcast ||
        (in->op == IR_OP_mov && (t == IR_F32 || t == IR_F64))) {
        uint64_t sign = ir_type_bits(ir_temp_type(c->b, in->use[0])) == 32 ? 1ull << 31 : 1ull << 63;
        uint64_t r = in->op == IR_OP_fneg ? v[0] ^ sign : in->op == IR_OP_fabs ? v[0] & ~sign : v[0];
        put(c, make_const(in->def[0], def_type(c, in, 0), r));
        return true;
    }
    if (!fold_fns[in->op] || (t != IR_I32 && t != IR_I64))
        return false;
    if (in->op == IR_OP_extract || in->op == IR_OP_sextract || in->op == IR_OP_deposit) {
        unsigned pos = field_pos(in), len = field_len(in);
        if (len == 0 || pos + len > ir_type_bits(t))
            return false; /* malformed: leave it to the verifier */
    }
    IrType rt = def_type(c, in, 0);
    put(c, make_const(in->def[0], rt, fold_fns[in->op](v, in, ir_type_bits(t))));
    return true;
}

/* brcond on known or identical operands becomes br or nothing. */
static bool fold_brcond(FoldCtx *c, const IrInsn *in)
{
    bool taken;
    unsigned w = ir_type_bits((IrType)in->type);
    if (is_known(c, in->use[0]) && is_known(c, in->use[1])) {
        taken = cond_holds((IrCond)in->aux, known_val(c, in->use[0]), known_val(c, in->use[1]), w);
    } else if (in->use[0] == in->use[1]) {
        IrCond cc = (IrCond)in->aux;
        taken = cc == IR_EQ || cc == IR_GE || cc == IR_LE || cc == IR_GEU || cc == IR_LEU;
    } else {
        return false;
    }
    if (taken)
        put(c, (IrInsn){.op = IR_OP_br, .type = IR_I32, .imm = in->imm});
    return true;
}

/* movcond with a known condition or equal arms is a mov. */
static bool fold_movcond(FoldCtx *c, const IrInsn *in)
{
    IrType t = (IrType)in->type;
    IrTemp pick;
    if (in->use[2] == in->use[3])
        pick = in->use[2];
    else if (is_known(c, in->use[0]) && is_known(c, in->use[1]))
        pick = cond_holds((IrCond)in->aux, known_val(c, in->use[0]), known_val(c, in->use[1]), ir_type_bits(t))
                   ? in->use[2] : in->use[3];
    else
        return false;
    put(c, make_op1(IR_OP_mov, in->def[0], t, pick));
    return true;
}

/* trunc_i64 of ext_i32u/ext_i32s x is x. */
static bool fold_narrow_of_wide(FoldCtx *c, const IrInsn *in)
{
    IrTemp x = widened_from(c, in->use[0]);
    if (!x)
        return false;
    put(c, make_op1(IR_OP_mov, in->def[0], IR_I32, x));
    return true;
}

/* ext_i32u/ext_i32s of trunc_i64 x is zext32/sext32 x: one host
 * extension instead of a truncation and an extension. */
static bool fold_wide_of_narrow(FoldCtx *c, const IrInsn *in)
{
    IrTemp x = narrowed_from(c, in->use[0]);
    if (!x)
        return false;
    IrOpcode op = in->op == IR_OP_ext_i32u ? IR_OP_zext32 : IR_OP_sext32;
    put(c, make_op1(op, in->def[0], IR_I64, x));
    return true;
}

/* st of at most 4 bytes of trunc_i64 x: the same bytes of x, no
 * truncation needed (the access size, not the type, says what is stored). */
static bool fold_store_of_narrow(FoldCtx *c, const IrInsn *in)
{
    IrTemp x = narrowed_from(c, in->use[1]);
    if (!x || (in->aux & IR_MO_SIZE) > IR_MO_32)
        return false;
    IrInsn wide = *in;
    wide.type = IR_I64;
    wide.use[1] = x;
    put(c, wide);
    return true;
}

static bool rewrite(FoldCtx *c, IrInsn *in)
{
    const IrOpInfo *info = &ir_op_info[in->op];
    for (unsigned k = 0; k < opt_nuse(in); k++) {
        IrTemp src = copied_from(c, in->use[k]);
        if (src != in->use[k]) /* a store only when it changes: the whole op is copied next */
            in->use[k] = src;
    }
    if (in->op == IR_OP_mov && in->use[0] == in->def[0])
        return true; /* t = mov t */
    if (in->op == IR_OP_trunc_i64 && !is_known(c, in->use[0]) && fold_narrow_of_wide(c, in))
        return true;
    if ((in->op == IR_OP_ext_i32u || in->op == IR_OP_ext_i32s) && !is_known(c, in->use[0]) &&
        fold_wide_of_narrow(c, in))
        return true;
    if (in->op == IR_OP_st && fold_store_of_narrow(c, in))
        return true;
    if (in->op == IR_OP_brcond)
        return fold_brcond(c, in);
    if (in->op == IR_OP_call || in->op == IR_OP_const || (info->flags & (IR_F_SIDE | IR_F_MAY_FAULT)) ||
        info->ndef == 0)
        return false;
    bool all_known = info->nuse > 0;
    for (unsigned i = 0; i < info->nuse; i++)
        all_known = all_known && is_known(c, in->use[i]);
    if (all_known && fold_known(c, in))
        return true;
    if ((IrType)in->type != IR_I32 && (IrType)in->type != IR_I64)
        return false;
    if (in->op == IR_OP_movcond)
        return fold_movcond(c, in);
    if (simplify_same(c, in))
        return true;
    if (info->nuse == 2 && info->ndef == 1 && !(info->flags & IR_F_IMM) && in->op != IR_OP_setcond)
        return simplify_with_const(c, in);
    return false;
}

/* Facts after an emitted instruction: a const defines a known temp, any
 * other definition an unknown one (a mov, a widening, a truncation or an
 * add of a constant remembering its source); a label forgets every fact. */
static void learn(FoldCtx *c, const IrInsn *in)
{
    if (in->op == IR_OP_label) {
        c->epoch++;
        return;
    }
    unsigned ndef = opt_ndef(in);
    if (ndef == 0)
        return;
    for (unsigned k = 0; k < ndef; k++) {
        TempFacts *f = &c->temps[in->def[k]];
        f->epoch = c->epoch;
        f->known = false;
        f->copy_of = f->wide_of = f->narrow_of = f->offset_of = 0;
        f->defs++;
    }
    TempFacts *d = &c->temps[in->def[0]];
    IrTemp x = in->use[0];
    if (in->op == IR_OP_trunc_i64 && x != in->def[0]) {
        d->narrow_of = x;
        d->narrow_gen = c->temps[x].defs;
    }
    if (in->op == IR_OP_ext_i32u || in->op == IR_OP_ext_i32s) {
        d->wide_of = x;
        d->wide_gen = c->temps[x].defs;
    } else if (in->op == IR_OP_mov && x != in->def[0]) {
        d->copy_of = x;
        d->copy_gen = c->temps[x].defs;
        if (c->temps[x].epoch == c->epoch && c->temps[x].wide_of) {
            d->wide_of = c->temps[x].wide_of; /* a copy of a widened value */
            d->wide_gen = c->temps[x].wide_gen;
        }
    }
    if ((in->op == IR_OP_add || in->op == IR_OP_sub) && x != in->def[0] && is_known(c, in->use[1])) {
        uint64_t k = known_val(c, in->use[1]);
        d->offset_of = x;
        d->offset_gen = c->temps[x].defs;
        d->offset = in->op == IR_OP_add ? k : -k;
    }
    if (in->op == IR_OP_const) {
        d->known = true;
        d->val = (uint64_t)in->imm & opt_type_mask((IrType)in->type);
    }
}


/* Facts for ntemps temps, all unknown: the epochs go on from block to
 * block (kept in the work's stamp), so a fact of an earlier block is
 * never current and the table is cleared only when it grows or the
 * epochs wrap. A temp's definition count starts wherever it was, which
 * is as good as zero (facts compare counts for equality only). */
static OptWork *facts_for(FoldCtx *c, size_t ntemps)
{
    static GPrivate work_key = G_PRIVATE_INIT(opt_work_free);
    OptWork *w = opt_work(&work_key);
    OptBuf *facts = &w->buf[0];
    /* each instruction adds at most one epoch (a label) */
    if (facts->cap < ntemps * sizeof(TempFacts) || w->stamp > UINT32_MAX - c->b->ninsns - 1) {
        opt_buf(facts, ntemps * sizeof(TempFacts));
        memset(facts->data, 0, facts->cap);
        w->stamp = 0;
    }
    c->temps = facts->data;
    c->epoch = w->stamp + 1;
    return w;
}

/* Rewrite one input instruction and learn from what it became; with
 * env, opt_env's forward walk sees each result first, and a load it
 * turns into a mov is rewritten again as that mov. */
static void fold_one(FoldCtx *c, IrInsn *in, EnvForward *env)
{
    uint32_t first = c->nout;
    if (!rewrite(c, in))
        put(c, *in);
    for (uint32_t k = first; k < c->nout; k++) {
        IrInsn *out = &c->out[k];
        if (env && opt_env_forward_op(env, out)) {
            IrInsn mov = *out; /* a load is one instruction, the last */
            c->nout = k;
            if (!rewrite(c, &mov))
                put(c, mov);
            if (k == c->nout)
                break; /* t = mov t: gone */
        }
        if (out->op == OPT_DELETED) {
            c->nout = k; /* a store is one instruction, the last */
            break;
        }
        learn(c, out);
    }
}

/* The block rewritten in its own array: the input moves up by n + 1
 * instructions, and since each input instruction becomes at most two,
 * the output growing from the start never reaches the instruction being
 * read. */
static void fold_block(IrBlock *b, EnvForward *env)
{
    uint32_t n = b->ninsns;
    if (b->cap < 2 * n + 1) {
        b->cap = 2 * n + 1;
        b->insns = g_renew(IrInsn, b->insns, b->cap);
    }
    /* at most one new temp per instruction (put_op_const) */
    size_t max_temps = (size_t)b->ntemps + n + 1;
    IrInsn *input = b->insns + n + 1;
    memmove(input, b->insns, n * sizeof(IrInsn));
    FoldCtx c = {.b = b, .out = b->insns};
    OptWork *w = facts_for(&c, max_temps);

    for (uint32_t i = 0; i < n; i++)
        fold_one(&c, &input[i], env);
    b->ninsns = c.nout;
    w->stamp = c.epoch;
}

void opt_fold(IrBlock *b)
{
    fold_block(b, NULL);
}

uint32_t opt_fold_env(IrBlock *b)
{
    /* at most one new temp per instruction (put_op_const) */
    EnvForward *env = opt_env_forward_begin(b, (size_t)b->ntemps + b->ninsns + 1);
    fold_block(b, env);
    return opt_env_stored_end(env);
}
