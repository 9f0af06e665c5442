/* frontend/ia64/mm.c — the multimedia (parallel integer) forms on 1-, 2-
 * and 4-byte elements of a GR: padd/psub (modulo and saturating),
 * pavg/pavgsub, pcmp, pmin/pmax, psad1, pshl/pshr, mix, mux1/mux2,
 * unpack, pack, pmpy2, pmpyshr2, pshladd2, pshradd2. Each is one pure C
 * helper call on (r2, r3) with the operation's code as a constant
 * argument; the code selects a row of mm_ops[] (one table, one row per
 * operation).
 *
 * Encodings: A9 (major 8, x2a 1) za(36) zb(33) x4(32:29) x2b(28:27) and
 * I1-I9 (major 7) za(36) x2a(35:34) zb(33) ve(32) x2c(31:30) x2b(29:28);
 * rows match bits 36:27 as a whole ("sel"). Immediate shift counts:
 * pshl ccount5c(24:20) = 31 - count; pshr count5b(18:14). mux1's
 * mbtype4(23:20), mux2's mhtype8(27:20) (its top bit is the lowest bit
 * of "sel", so the mux2 row leaves bit 27 out of its mask).
 */
#include "frontend/ia64/decode.h"

/* ---- elements ------------------------------------------------------------ */
static uint64_t elem(uint64_t v, unsigned k, unsigned bits)
{
    return bits == 64 ? v : (v >> (k * bits)) & (((uint64_t)1 << bits) - 1);
}

static int64_t selem(uint64_t v, unsigned k, unsigned bits)
{
    return ia64_sext(elem(v, k, bits), bits);
}

static uint64_t put_elem(uint64_t r, unsigned k, unsigned bits, uint64_t e)
{
    uint64_t mask = (((uint64_t)1 << bits) - 1) << (k * bits);
    return (r & ~mask) | ((e << (k * bits)) & mask);
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* One element result from a, b (the elements zero-extended) of `bits`. */
typedef uint64_t (*ElemOp)(uint64_t a, uint64_t b, unsigned bits);

static int64_t smin_of(unsigned bits) { return -((int64_t)1 << (bits - 1)); }
static int64_t smax_of(unsigned bits) { return ((int64_t)1 << (bits - 1)) - 1; }
static int64_t umax_of(unsigned bits) { return ((int64_t)1 << bits) - 1; }

static uint64_t op_add(uint64_t a, uint64_t b, unsigned n) { (void)n; return a + b; }
static uint64_t op_sub(uint64_t a, uint64_t b, unsigned n) { (void)n; return a - b; }
static uint64_t op_add_sss(uint64_t a, uint64_t b, unsigned n)
{
    return (uint64_t)clamp(ia64_sext(a, n) + ia64_sext(b, n), smin_of(n), smax_of(n));
}
static uint64_t op_sub_sss(uint64_t a, uint64_t b, unsigned n)
{
    return (uint64_t)clamp(ia64_sext(a, n) - ia64_sext(b, n), smin_of(n), smax_of(n));
}
static uint64_t op_add_uus(uint64_t a, uint64_t b, unsigned n) /* a unsigned, b signed */
{
    return (uint64_t)clamp((int64_t)a + ia64_sext(b, n), 0, umax_of(n));
}
static uint64_t op_sub_uus(uint64_t a, uint64_t b, unsigned n)
{
    return (uint64_t)clamp((int64_t)a - ia64_sext(b, n), 0, umax_of(n));
}
static uint64_t op_add_uuu(uint64_t a, uint64_t b, unsigned n)
{
    return (uint64_t)clamp((int64_t)(a + b), 0, umax_of(n));
}
static uint64_t op_sub_uuu(uint64_t a, uint64_t b, unsigned n)
{
    return (uint64_t)clamp((int64_t)a - (int64_t)b, 0, umax_of(n));
}
/* pavg: the sum halved, its low bit ORed into the result; .raz: rounded
 * away from zero (+1 before halving). pavgsub: the same on a - b. */
static uint64_t op_avg(uint64_t a, uint64_t b, unsigned n) { (void)n; return ((a + b) >> 1) | ((a + b) & 1); }
static uint64_t op_avg_raz(uint64_t a, uint64_t b, unsigned n) { (void)n; return (a + b + 1) >> 1; }
static uint64_t op_avgsub(uint64_t a, uint64_t b, unsigned n)
{
    int64_t d = (int64_t)a - (int64_t)b;
    (void)n;
    return (uint64_t)((d >> 1) | (d & 1));
}
static uint64_t op_cmp_eq(uint64_t a, uint64_t b, unsigned n) { (void)n; return a == b ? ~(uint64_t)0 : 0; }
static uint64_t op_cmp_gt(uint64_t a, uint64_t b, unsigned n)
{
    return ia64_sext(a, n) > ia64_sext(b, n) ? ~(uint64_t)0 : 0;
}
static uint64_t op_min_u(uint64_t a, uint64_t b, unsigned n) { (void)n; return a < b ? a : b; }
static uint64_t op_max_u(uint64_t a, uint64_t b, unsigned n) { (void)n; return a > b ? a : b; }
static uint64_t op_min_s(uint64_t a, uint64_t b, unsigned n) { return ia64_sext(a, n) < ia64_sext(b, n) ? a : b; }
static uint64_t op_max_s(uint64_t a, uint64_t b, unsigned n) { return ia64_sext(a, n) > ia64_sext(b, n) ? a : b; }
/* Shifts: b is the count (the same for every element). */
static uint64_t op_shl(uint64_t a, uint64_t b, unsigned n) { return b >= n ? 0 : a << b; }
static uint64_t op_shr_u(uint64_t a, uint64_t b, unsigned n) { return b >= n ? 0 : a >> b; }
static uint64_t op_shr_s(uint64_t a, uint64_t b, unsigned n)
{
    return (uint64_t)(ia64_sext(a, n) >> (b >= n ? n - 1 : b));
}

static uint64_t elementwise(uint64_t a, uint64_t b, unsigned bits, ElemOp op, bool b_is_count)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 64 / bits; k++)
        r = put_elem(r, k, bits, op(elem(a, k, bits), b_is_count ? b : elem(b, k, bits), bits));
    return r;
}

/* ---- whole-register rearrangements --------------------------------------- */
/* mix.l: the odd elements of r2 and r3 interleaved (r2's above r3's);
 * mix.r: the even ones. */
static uint64_t mix(uint64_t a, uint64_t b, unsigned bits, bool left)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 64 / bits; k += 2) {
        unsigned src = left ? k + 1 : k;
        r = put_elem(r, k + 1, bits, elem(a, src, bits));
        r = put_elem(r, k, bits, elem(b, src, bits));
    }
    return r;
}

/* unpack.h: the high halves of r2 and r3 interleaved; unpack.l: the low. */
static uint64_t unpack(uint64_t a, uint64_t b, unsigned bits, bool high)
{
    unsigned half = 32 / bits, base = high ? half : 0;
    uint64_t r = 0;
    for (unsigned k = 0; k < half; k++) {
        r = put_elem(r, 2 * k + 1, bits, elem(a, base + k, bits));
        r = put_elem(r, 2 * k, bits, elem(b, base + k, bits));
    }
    return r;
}

/* pack: r2's and r3's elements of 2*bits, saturated to bits (signed, or
 * unsigned for .uss), r2's in the high half. */
static uint64_t pack(uint64_t a, uint64_t b, unsigned bits, bool to_unsigned)
{
    unsigned n = 32 / bits;
    int64_t lo = to_unsigned ? 0 : smin_of(bits), hi = to_unsigned ? umax_of(bits) : smax_of(bits);
    uint64_t r = 0;
    for (unsigned k = 0; k < n; k++) {
        r = put_elem(r, n + k, bits, (uint64_t)clamp(selem(a, k, 2 * bits), lo, hi));
        r = put_elem(r, k, bits, (uint64_t)clamp(selem(b, k, 2 * bits), lo, hi));
    }
    return r;
}

static uint64_t psad1(uint64_t a, uint64_t b)
{
    uint64_t sum = 0;
    for (unsigned k = 0; k < 8; k++) {
        int64_t d = (int64_t)elem(a, k, 8) - (int64_t)elem(b, k, 8);
        sum += (uint64_t)(d < 0 ? -d : d);
    }
    return sum;
}

/* pmpy2.r/.l: signed products of halfwords 0 and 2 (.r) or 1 and 3 (.l),
 * 32 bits each, in words 0 and 1. */
static uint64_t pmpy2(uint64_t a, uint64_t b, bool left)
{
    uint64_t r = 0;
    for (unsigned w = 0; w < 2; w++) {
        unsigned h = 2 * w + (left ? 1 : 0);
        r = put_elem(r, w, 32, (uint64_t)(selem(a, h, 16) * selem(b, h, 16)));
    }
    return r;
}

/* pmpyshr2: each halfword product (signed, or unsigned for .u) shifted
 * right by count, its low 16 bits. */
static uint64_t pmpyshr2(uint64_t a, uint64_t b, unsigned count, bool is_unsigned)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 4; k++) {
        int64_t p = is_unsigned ? (int64_t)(elem(a, k, 16) * elem(b, k, 16)) : selem(a, k, 16) * selem(b, k, 16);
        r = put_elem(r, k, 16, (uint64_t)(p >> count));
    }
    return r;
}

/* pshladd2/pshradd2: each halfword of a shifted (left with signed
 * saturation, or right arithmetic) by count, plus b's, saturated. */
static uint64_t pshadd2(uint64_t a, uint64_t b, unsigned count, bool left)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 4; k++) {
        int64_t x = selem(a, k, 16);
        x = left ? clamp(x * ((int64_t)1 << count), -32768, 32767) : x >> count;
        r = put_elem(r, k, 16, (uint64_t)clamp(x + selem(b, k, 16), -32768, 32767));
    }
    return r;
}

/* mux1: byte k of the result is byte perm[k] of r2. */
static uint64_t mux1(uint64_t a, unsigned mbtype)
{
    static const uint8_t perms[16][8] = {
        [0x0] = {0, 0, 0, 0, 0, 0, 0, 0},  /* @brcst */
        [0x8] = {0, 4, 2, 6, 1, 5, 3, 7},  /* @mix */
        [0x9] = {0, 4, 1, 5, 2, 6, 3, 7},  /* @shuf */
        [0xa] = {0, 2, 4, 6, 1, 3, 5, 7},  /* @alt */
        [0xb] = {7, 6, 5, 4, 3, 2, 1, 0},  /* @rev */
    };
    uint64_t r = 0;
    for (unsigned k = 0; k < 8; k++)
        r = put_elem(r, k, 8, elem(a, perms[mbtype & 15][k], 8));
    return r;
}

static uint64_t mux2(uint64_t a, unsigned mhtype)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < 4; k++)
        r = put_elem(r, k, 16, elem(a, (mhtype >> (2 * k)) & 3, 16));
    return r;
}

/* ---- the operations ------------------------------------------------------ */
typedef enum MmKind {
    MM_ELEM, MM_SHIFT, MM_MIX_L, MM_MIX_R, MM_UNPACK_H, MM_UNPACK_L, MM_PACK_S, MM_PACK_U, MM_PSAD,
    MM_MUX1, MM_MUX2, MM_PMPY_L, MM_PMPY_R, MM_PMPYSHR, MM_PMPYSHR_U, MM_PSHLADD, MM_PSHRADD,
} MmKind;

typedef struct MmOp {
    MmKind kind;
    uint8_t bits;     /* element size */
    ElemOp op;        /* MM_ELEM, MM_SHIFT */
} MmOp;

enum {
    PADD1, PADD1_SSS, PADD1_UUS, PADD1_UUU, PADD2, PADD2_SSS, PADD2_UUS, PADD2_UUU, PADD4,
    PSUB1, PSUB1_SSS, PSUB1_UUS, PSUB1_UUU, PSUB2, PSUB2_SSS, PSUB2_UUS, PSUB2_UUU, PSUB4,
    PAVG1, PAVG1_RAZ, PAVG2, PAVG2_RAZ, PAVGSUB1, PAVGSUB2,
    PCMP1_EQ, PCMP1_GT, PCMP2_EQ, PCMP2_GT, PCMP4_EQ, PCMP4_GT,
    PMIN1_U, PMAX1_U, PMIN2, PMAX2, PSAD1,
    MIX1_L, MIX1_R, MIX2_L, MIX2_R, MIX4_L, MIX4_R,
    UNPACK1_H, UNPACK1_L, UNPACK2_H, UNPACK2_L, UNPACK4_H, UNPACK4_L,
    PACK2_SSS, PACK2_USS, PACK4_SSS,
    PSHL2, PSHL4, PSHR2, PSHR4, PSHR2_U, PSHR4_U, MUX1, MUX2,
    PMPY2_L, PMPY2_R, PMPYSHR2, PMPYSHR2_U, PSHLADD2, PSHRADD2,
    MM_NOPS
};

static const MmOp mm_ops[MM_NOPS] = {
    [PADD1] = {MM_ELEM, 8, op_add}, [PADD1_SSS] = {MM_ELEM, 8, op_add_sss},
    [PADD1_UUS] = {MM_ELEM, 8, op_add_uus}, [PADD1_UUU] = {MM_ELEM, 8, op_add_uuu},
    [PADD2] = {MM_ELEM, 16, op_add}, [PADD2_SSS] = {MM_ELEM, 16, op_add_sss},
    [PADD2_UUS] = {MM_ELEM, 16, op_add_uus}, [PADD2_UUU] = {MM_ELEM, 16, op_add_uuu},
    [PADD4] = {MM_ELEM, 32, op_add},
    [PSUB1] = {MM_ELEM, 8, op_sub}, [PSUB1_SSS] = {MM_ELEM, 8, op_sub_sss},
    [PSUB1_UUS] = {MM_ELEM, 8, op_sub_uus}, [PSUB1_UUU] = {MM_ELEM, 8, op_sub_uuu},
    [PSUB2] = {MM_ELEM, 16, op_sub}, [PSUB2_SSS] = {MM_ELEM, 16, op_sub_sss},
    [PSUB2_UUS] = {MM_ELEM, 16, op_sub_uus}, [PSUB2_UUU] = {MM_ELEM, 16, op_sub_uuu},
    [PSUB4] = {MM_ELEM, 32, op_sub},
    [PAVG1] = {MM_ELEM, 8, op_avg}, [PAVG1_RAZ] = {MM_ELEM, 8, op_avg_raz},
    [PAVG2] = {MM_ELEM, 16, op_avg}, [PAVG2_RAZ] = {MM_ELEM, 16, op_avg_raz},
    [PAVGSUB1] = {MM_ELEM, 8, op_avgsub}, [PAVGSUB2] = {MM_ELEM, 16, op_avgsub},
    [PCMP1_EQ] = {MM_ELEM, 8, op_cmp_eq}, [PCMP1_GT] = {MM_ELEM, 8, op_cmp_gt},
    [PCMP2_EQ] = {MM_ELEM, 16, op_cmp_eq}, [PCMP2_GT] = {MM_ELEM, 16, op_cmp_gt},
    [PCMP4_EQ] = {MM_ELEM, 32, op_cmp_eq}, [PCMP4_GT] = {MM_ELEM, 32, op_cmp_gt},
    [PMIN1_U] = {MM_ELEM, 8, op_min_u}, [PMAX1_U] = {MM_ELEM, 8, op_max_u},
    [PMIN2] = {MM_ELEM, 16, op_min_s}, [PMAX2] = {MM_ELEM, 16, op_max_s},
    [PSAD1] = {MM_PSAD, 8, NULL},
    [MIX1_L] = {MM_MIX_L, 8, NULL}, [MIX1_R] = {MM_MIX_R, 8, NULL},
    [MIX2_L] = {MM_MIX_L, 16, NULL}, [MIX2_R] = {MM_MIX_R, 16, NULL},
    [MIX4_L] = {MM_MIX_L, 32, NULL}, [MIX4_R] = {MM_MIX_R, 32, NULL},
    [UNPACK1_H] = {MM_UNPACK_H, 8, NULL}, [UNPACK1_L] = {MM_UNPACK_L, 8, NULL},
    [UNPACK2_H] = {MM_UNPACK_H, 16, NULL}, [UNPACK2_L] = {MM_UNPACK_L, 16, NULL},
    [UNPACK4_H] = {MM_UNPACK_H, 32, NULL}, [UNPACK4_L] = {MM_UNPACK_L, 32, NULL},
    [PACK2_SSS] = {MM_PACK_S, 8, NULL}, [PACK2_USS] = {MM_PACK_U, 8, NULL},
    [PACK4_SSS] = {MM_PACK_S, 16, NULL},
    [PSHL2] = {MM_SHIFT, 16, op_shl}, [PSHL4] = {MM_SHIFT, 32, op_shl},
    [PSHR2] = {MM_SHIFT, 16, op_shr_s}, [PSHR4] = {MM_SHIFT, 32, op_shr_s},
    [PSHR2_U] = {MM_SHIFT, 16, op_shr_u}, [PSHR4_U] = {MM_SHIFT, 32, op_shr_u},
    [MUX1] = {MM_MUX1, 8, NULL}, [MUX2] = {MM_MUX2, 16, NULL},
    [PMPY2_L] = {MM_PMPY_L, 16, NULL}, [PMPY2_R] = {MM_PMPY_R, 16, NULL},
    [PMPYSHR2] = {MM_PMPYSHR, 16, NULL}, [PMPYSHR2_U] = {MM_PMPYSHR_U, 16, NULL},
    [PSHLADD2] = {MM_PSHLADD, 16, NULL}, [PSHRADD2] = {MM_PSHRADD, 16, NULL},
};

/* The helper: r = op(a, b); for shifts b is the count, for mux the type.
 * code = operation | count << 8 (pmpyshr2, pshladd2, pshradd2). */
uint64_t ia64_mm_compute(unsigned code, uint64_t a, uint64_t b)
{
    const MmOp *m = &mm_ops[code & 0xff];
    unsigned count = code >> 8;
    switch (m->kind) {
    case MM_ELEM: return elementwise(a, b, m->bits, m->op, false);
    case MM_SHIFT: return elementwise(a, b, m->bits, m->op, true);
    case MM_MIX_L: return mix(a, b, m->bits, true);
    case MM_MIX_R: return mix(a, b, m->bits, false);
    case MM_UNPACK_H: return unpack(a, b, m->bits, true);
    case MM_UNPACK_L: return unpack(a, b, m->bits, false);
    case MM_PACK_S: return pack(a, b, m->bits, false);
    case MM_PACK_U: return pack(a, b, m->bits, true);
    case MM_PSAD: return psad1(a, b);
    case MM_MUX1: return mux1(a, (unsigned)b);
    case MM_MUX2: return mux2(a, (unsigned)b);
    case MM_PMPY_L: return pmpy2(a, b, true);
    case MM_PMPY_R: return pmpy2(a, b, false);
    case MM_PMPYSHR: return pmpyshr2(a, b, count, false);
    case MM_PMPYSHR_U: return pmpyshr2(a, b, count, true);
    case MM_PSHLADD: return pshadd2(a, b, count, true);
    case MM_PSHRADD: return pshadd2(a, b, count, false);
    }
    return 0;
}

static uint64_t ia64_mm(CpuCommon *env, uint64_t code, uint64_t a, uint64_t b)
{
    (void)env;
    return ia64_mm_compute((unsigned)code, a, b);
}

static const IrHelper ia64_helper_mm = {
    .name = "ia64_mm", .fn = (void *)ia64_mm, .flags = IR_HELPER_PURE,
    .has_ret = true, .ret = IR_I64, .nargs = 3, .args = {IR_I64, IR_I64, IR_I64},
};

static bool gen_mm(Ia64Ctx *ctx, unsigned code, IrTemp a, IrTemp b)
{
    if (ia64_r1(ctx->insn) == 0)
        return false;
    IrTemp args[3] = {ia64_imm(ctx, code), a, b};
    ia64_set_gr(ctx, ia64_r1(ctx->insn), ir_call(ctx->ir, &ia64_helper_mm, args));
    return true;
}

/* r1 = op(r2, r3) */
static bool mm_rr(Ia64Ctx *ctx, unsigned code)
{
    return gen_mm(ctx, code, ia64_get_gr(ctx, ia64_r2(ctx->insn)), ia64_get_gr(ctx, ia64_r3(ctx->insn)));
}
/* pshr r1 = r3, r2 (value r3, count r2); pshl r1 = r2, r3 */
static bool mm_shr_reg(Ia64Ctx *ctx, unsigned code)
{
    return gen_mm(ctx, code, ia64_get_gr(ctx, ia64_r3(ctx->insn)), ia64_get_gr(ctx, ia64_r2(ctx->insn)));
}
static bool mm_shl_imm(Ia64Ctx *ctx, unsigned code)
{
    unsigned count = 31 - (unsigned)ia64_field(ctx->insn, 20, 5);
    return gen_mm(ctx, code, ia64_get_gr(ctx, ia64_r2(ctx->insn)), ia64_imm(ctx, count));
}
static bool mm_shr_imm(Ia64Ctx *ctx, unsigned code)
{
    unsigned count = (unsigned)ia64_field(ctx->insn, 14, 5);
    return gen_mm(ctx, code, ia64_get_gr(ctx, ia64_r3(ctx->insn)), ia64_imm(ctx, count));
}

/* Every row's arg is its operation (mm_ops index). */
static bool trans_mm_rr(Ia64Ctx *ctx) { return mm_rr(ctx, (unsigned)ctx->form->arg); }
static bool trans_mm_shr_reg(Ia64Ctx *ctx) { return mm_shr_reg(ctx, (unsigned)ctx->form->arg); }
static bool trans_mm_shl_imm(Ia64Ctx *ctx) { return mm_shl_imm(ctx, (unsigned)ctx->form->arg); }
static bool trans_mm_shr_imm(Ia64Ctx *ctx) { return mm_shr_imm(ctx, (unsigned)ctx->form->arg); }
/* pmpyshr2 r1=r2,r3,count2: ct2d(31:30) -> 0, 7, 15, 16. */
static bool trans_mm_pmpyshr(Ia64Ctx *ctx)
{
    static const unsigned counts[4] = {0, 7, 15, 16};
    unsigned code = (unsigned)ctx->form->arg | counts[ia64_field(ctx->insn, 30, 2)] << 8;
    return mm_rr(ctx, code);
}

/* pshladd2/pshradd2 r1=r2,count2,r3: ct2d(28:27) + 1. */
static bool trans_mm_pshadd(Ia64Ctx *ctx)
{
    unsigned code = (unsigned)ctx->form->arg | ((unsigned)ia64_field(ctx->insn, 27, 2) + 1) << 8;
    return mm_rr(ctx, code);
}

static bool trans_mux1(Ia64Ctx *ctx)
{
    unsigned t = (unsigned)ia64_field(ctx->insn, 20, 4);
    if (t != 0 && t < 8)
        return false; /* reserved mbtypes */
    return gen_mm(ctx, MUX1, ia64_get_gr(ctx, ia64_r2(ctx->insn)), ia64_imm(ctx, t));
}
static bool trans_mux2(Ia64Ctx *ctx)
{
    return gen_mm(ctx, MUX2, ia64_get_gr(ctx, ia64_r2(ctx->insn)), ia64_imm(ctx, (int64_t)ia64_field(ctx->insn, 20, 8)));
}

/* ---- the table -------------------------------------------------------------- */
#define SEL(major, sel) ((uint64_t)(major) << 37 | (uint64_t)(sel) << 27)
#define SEL_MASK SEL(15, 0x3ff)

const Ia64Form ia64_mm_forms[] = {
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x080), "padd1", trans_mm_rr, PADD1},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x081), "padd1.sss", trans_mm_rr, PADD1_SSS},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x083), "padd1.uus", trans_mm_rr, PADD1_UUS},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x082), "padd1.uuu", trans_mm_rr, PADD1_UUU},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0c0), "padd2", trans_mm_rr, PADD2},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0c1), "padd2.sss", trans_mm_rr, PADD2_SSS},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0c3), "padd2.uus", trans_mm_rr, PADD2_UUS},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0c2), "padd2.uuu", trans_mm_rr, PADD2_UUU},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x280), "padd4", trans_mm_rr, PADD4},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x084), "psub1", trans_mm_rr, PSUB1},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x085), "psub1.sss", trans_mm_rr, PSUB1_SSS},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x087), "psub1.uus", trans_mm_rr, PSUB1_UUS},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x086), "psub1.uuu", trans_mm_rr, PSUB1_UUU},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0c4), "psub2", trans_mm_rr, PSUB2},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0c5), "psub2.sss", trans_mm_rr, PSUB2_SSS},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0c7), "psub2.uus", trans_mm_rr, PSUB2_UUS},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0c6), "psub2.uuu", trans_mm_rr, PSUB2_UUU},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x284), "psub4", trans_mm_rr, PSUB4},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x08a), "pavg1", trans_mm_rr, PAVG1},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x08b), "pavg1.raz", trans_mm_rr, PAVG1_RAZ},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0ca), "pavg2", trans_mm_rr, PAVG2},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0cb), "pavg2.raz", trans_mm_rr, PAVG2_RAZ},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x08e), "pavgsub1", trans_mm_rr, PAVGSUB1},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0ce), "pavgsub2", trans_mm_rr, PAVGSUB2},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0a4), "pcmp1.eq", trans_mm_rr, PCMP1_EQ},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0a5), "pcmp1.gt", trans_mm_rr, PCMP1_GT},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0e4), "pcmp2.eq", trans_mm_rr, PCMP2_EQ},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x0e5), "pcmp2.gt", trans_mm_rr, PCMP2_GT},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x2a4), "pcmp4.eq", trans_mm_rr, PCMP4_EQ},
    {IA64_U_A, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(8, 0x2a5), "pcmp4.gt", trans_mm_rr, PCMP4_GT},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x102), "pmin1.u", trans_mm_rr, PMIN1_U},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x10a), "pmax1.u", trans_mm_rr, PMAX1_U},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x146), "pmin2", trans_mm_rr, PMIN2},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x14e), "pmax2", trans_mm_rr, PMAX2},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x116), "psad1", trans_mm_rr, PSAD1},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x114), "mix1.l", trans_mm_rr, MIX1_L},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x110), "mix1.r", trans_mm_rr, MIX1_R},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x154), "mix2.l", trans_mm_rr, MIX2_L},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x150), "mix2.r", trans_mm_rr, MIX2_R},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x314), "mix4.l", trans_mm_rr, MIX4_L},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x310), "mix4.r", trans_mm_rr, MIX4_R},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x108), "unpack1.h", trans_mm_rr, UNPACK1_H},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x10c), "unpack1.l", trans_mm_rr, UNPACK1_L},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x148), "unpack2.h", trans_mm_rr, UNPACK2_H},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x14c), "unpack2.l", trans_mm_rr, UNPACK2_L},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x308), "unpack4.h", trans_mm_rr, UNPACK4_H},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x30c), "unpack4.l", trans_mm_rr, UNPACK4_L},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x144), "pack2.sss", trans_mm_rr, PACK2_SSS},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x140), "pack2.uss", trans_mm_rr, PACK2_USS},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x304), "pack4.sss", trans_mm_rr, PACK4_SSS},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3_SH, SEL_MASK, SEL(7, 0x048), "pshl2", trans_mm_rr, PSHL2},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3_SH, SEL_MASK, SEL(7, 0x208), "pshl4", trans_mm_rr, PSHL4},
    {IA64_U_I, 0, IA64_OPS_R1_R3_R2, SEL_MASK, SEL(7, 0x044), "pshr2", trans_mm_shr_reg, PSHR2},
    {IA64_U_I, 0, IA64_OPS_R1_R3_R2, SEL_MASK, SEL(7, 0x204), "pshr4", trans_mm_shr_reg, PSHR4},
    {IA64_U_I, 0, IA64_OPS_R1_R3_R2, SEL_MASK, SEL(7, 0x040), "pshr2.u", trans_mm_shr_reg, PSHR2_U},
    {IA64_U_I, 0, IA64_OPS_R1_R3_R2, SEL_MASK, SEL(7, 0x200), "pshr4.u", trans_mm_shr_reg, PSHR4_U},
    {IA64_U_I, 0, IA64_OPS_MM_SHL_IMM, SEL_MASK, SEL(7, 0x1ca), "pshl2", trans_mm_shl_imm, PSHL2},
    {IA64_U_I, 0, IA64_OPS_MM_SHL_IMM, SEL_MASK, SEL(7, 0x38a), "pshl4", trans_mm_shl_imm, PSHL4},
    {IA64_U_I, 0, IA64_OPS_MM_SHR_IMM, SEL_MASK, SEL(7, 0x0c6), "pshr2", trans_mm_shr_imm, PSHR2},
    {IA64_U_I, 0, IA64_OPS_MM_SHR_IMM, SEL_MASK, SEL(7, 0x286), "pshr4", trans_mm_shr_imm, PSHR4},
    {IA64_U_I, 0, IA64_OPS_MM_SHR_IMM, SEL_MASK, SEL(7, 0x0c2), "pshr2.u", trans_mm_shr_imm, PSHR2_U},
    {IA64_U_I, 0, IA64_OPS_MM_SHR_IMM, SEL_MASK, SEL(7, 0x282), "pshr4.u", trans_mm_shr_imm, PSHR4_U},
    {IA64_U_I, 0, IA64_OPS_MUX1, SEL_MASK, SEL(7, 0x194), "mux1", trans_mux1, 0},
    {IA64_U_I, 0, IA64_OPS_MUX2, SEL_MASK & ~SEL(0, 1), SEL(7, 0x1d4), "mux2", trans_mux2, 0}, /* bit 27 is mhtype8's top */
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x15e), "pmpy2.l", trans_mm_rr, PMPY2_L},
    {IA64_U_I, 0, IA64_OPS_R1_R2_R3, SEL_MASK, SEL(7, 0x15a), "pmpy2.r", trans_mm_rr, PMPY2_R},
    {IA64_U_I, 0, IA64_OPS_MM_PMPYSHR, SEL_MASK & ~SEL(0, 0x18), SEL(7, 0x046), "pmpyshr2", trans_mm_pmpyshr, PMPYSHR2},
    {IA64_U_I, 0, IA64_OPS_MM_PMPYSHR, SEL_MASK & ~SEL(0, 0x18), SEL(7, 0x042), "pmpyshr2.u", trans_mm_pmpyshr, PMPYSHR2_U},
    {IA64_U_A, 0, IA64_OPS_R1_R2_CT_R3, SEL_MASK & ~SEL(0, 0x3), SEL(8, 0x0d0), "pshladd2", trans_mm_pshadd, PSHLADD2},
    {IA64_U_A, 0, IA64_OPS_R1_R2_CT_R3, SEL_MASK & ~SEL(0, 0x3), SEL(8, 0x0d8), "pshradd2", trans_mm_pshadd, PSHRADD2},
    {0, 0, 0, 0, 0, NULL, NULL, 0},
};
