/* tests/unit/random_ir.c — random valid IR blocks, the landing blocks,
 * shrinking a failing block, and the machine the differential tests run
 * blocks on (see random_ir.h).
 *
 * A block mixes every integer op on i32 and i64 with edge constants (0,
 * 1, -1, MIN, MAX, shift counts at and past the width, divisors 0 and
 * -1), i32/i64 mixes (ext, trunc, extract/deposit, addc, bit counts of
 * 0), float ops on NaN (quiet and signalling, with payloads), infinities,
 * denormals and signed zeros, conversions both ways, env loads and stores
 * at overlapping offsets and widths, guest loads/stores/cmpxchg of every
 * size, sign and byte order, helper calls of up to four mixed int/float
 * arguments (pure, reading, writing, raising), stretches with more than
 * sixteen values live at once, forward branch regions that merge values
 * through ir_mov_to, short counted loops, and exits of every kind (goto_tb,
 * exit, goto_ptr, a call's push_ret, a return's goto_ptr), also in the
 * middle of the block behind a branch.
 */
#include "random_ir.h"

#include <fenv.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "ir/opt.h"
#include "util/fbits.h"

#define OFF_ENV ((uint32_t)offsetof(RirCpu, env))
#define OFF_FENV (OFF_ENV + RIR_INT_BYTES)
#define OFF_PC ((uint32_t)offsetof(CpuCommon, pc))
#define OFF_EXIT_REQUEST ((uint32_t)offsetof(CpuCommon, exit_request))

/* ---- the PRNG ------------------------------------------------------------ */

static uint64_t rng_state = 1;

uint64_t rir_rand64(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

uint32_t rir_rand(uint32_t n)
{
    return (uint32_t)((rir_rand64() >> 32) % n);
}

void rir_seed(uint64_t seed)
{
    rng_state = seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
    if (!rng_state)
        rng_state = 1;
    for (int i = 0; i < 4; i++)
        rir_rand64();
}

static inline uint32_t rnd(uint32_t n) { return rir_rand(n); }
static inline uint64_t rnd64(void) { return rir_rand64(); }

/* ---- helpers the blocks call (fn(env, args...)) ---------------------------- */

static uint32_t env_rd32(const CpuCommon *env, unsigned off)
{
    uint32_t v;
    memcpy(&v, ((const RirCpu *)env)->env + off, 4);
    return v;
}

static void env_wr32(CpuCommon *env, unsigned off, uint32_t v)
{
    memcpy(((RirCpu *)env)->env + off, &v, 4);
}

/* result depends on its argument only */
static uint32_t helper_pure(CpuCommon *env, uint32_t a)
{
    (void)env;
    return a * 2654435761u + 7;
}

/* reads env[8..12) */
static uint64_t helper_reads(CpuCommon *env, uint64_t a)
{
    return a ^ ((uint64_t)env_rd32(env, 8) << 13);
}

/* writes env[20..24) without reading env */
static void helper_writes(CpuCommon *env, uint32_t a)
{
    env_wr32(env, 20, a + 1);
}

/* reads env[4..8) and adds it into env[16..20) */
static uint32_t helper_rmw(CpuCommon *env, uint32_t a)
{
    uint32_t v = env_rd32(env, 16) + env_rd32(env, 4) + a;
    env_wr32(env, 16, v);
    return v;
}

/* raises a trap (the long way out, cpu_loop_exit) when the low three bits
 * of its argument are all set; env must be exact at that point */
static uint32_t helper_raise(CpuCommon *env, uint32_t a)
{
    if ((a & 7) == 7)
        cpu_loop_exit(env, EXIT_TRAP);
    return a >> 3;
}

/* four arguments of both register classes, mixed by their bits only */
static uint64_t helper_mix4(CpuCommon *env, uint32_t a, double b, uint64_t c, float d)
{
    (void)env;
    uint64_t rot = c << 17 | c >> 47;
    return (uint64_t)a * 0x9e3779b97f4a7c15ull ^ bits_of_f64(b) ^ rot ^ bits_of_f32(d) << 7;
}

/* float arithmetic inside a helper: the flags it raises are the block's
 * too, so it is not pure (a pure call may be dropped) */
static double helper_fmadd(CpuCommon *env, float a, double b, uint32_t n, double c)
{
    (void)env;
    return (double)a * b + c * (double)(int32_t)n;
}

/* returns a float made of its argument and env[12..16) */
static float helper_f32_of(CpuCommon *env, uint64_t a)
{
    return f32_of_bits((uint32_t)(a >> 16) ^ env_rd32(env, 12));
}

/* no arguments, no result: counts in env[28..32) */
static void helper_tick(CpuCommon *env)
{
    env_wr32(env, 28, env_rd32(env, 28) + 1);
}

static const IrHelper h_pure = {.name = "pure", .fn = (void *)helper_pure, .flags = IR_HELPER_PURE,
                                .has_ret = true, .ret = IR_I32, .nargs = 1, .args = {IR_I32}};
static const IrHelper h_reads = {.name = "reads", .fn = (void *)helper_reads, .flags = IR_HELPER_READS_ENV,
                                 .has_ret = true, .ret = IR_I64, .nargs = 1, .args = {IR_I64}};
static const IrHelper h_writes = {.name = "writes", .fn = (void *)helper_writes,
                                  .flags = IR_HELPER_WRITES_ENV, .nargs = 1, .args = {IR_I32}};
static const IrHelper h_rmw = {.name = "rmw", .fn = (void *)helper_rmw,
                               .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV, .has_ret = true,
                               .ret = IR_I32, .nargs = 1, .args = {IR_I32}};
static const IrHelper h_raise = {.name = "raise", .fn = (void *)helper_raise, .flags = IR_HELPER_MAY_RAISE,
                                 .has_ret = true, .ret = IR_I32, .nargs = 1, .args = {IR_I32}};
static const IrHelper h_mix4 = {.name = "mix4", .fn = (void *)helper_mix4, .flags = IR_HELPER_PURE,
                                .has_ret = true, .ret = IR_I64, .nargs = 4,
                                .args = {IR_I32, IR_F64, IR_I64, IR_F32}};
static const IrHelper h_fmadd = {.name = "fmadd", .fn = (void *)helper_fmadd, .flags = 0, .has_ret = true,
                                 .ret = IR_F64, .nargs = 4, .args = {IR_F32, IR_F64, IR_I32, IR_F64}};
static const IrHelper h_f32_of = {.name = "f32_of", .fn = (void *)helper_f32_of,
                                  .flags = IR_HELPER_READS_ENV, .has_ret = true, .ret = IR_F32, .nargs = 1,
                                  .args = {IR_I64}};
static const IrHelper h_tick = {.name = "tick", .fn = (void *)helper_tick,
                                .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV, .nargs = 0};
static const IrHelper *const helpers[] = {&h_pure, &h_reads, &h_writes, &h_rmw, &h_raise,
                                          &h_mix4, &h_fmadd, &h_f32_of, &h_tick};

/* ---- values ------------------------------------------------------------------ */

static uint64_t int_edge(IrType ty)
{
    static const uint64_t common[] = {
        0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, 128, 0xff, 0x100,
        0xffff, 0x10000, 0x7fffffff, 0x80000000u, 0xffffffffu, 0xfffffffeu,
    };
    static const uint64_t wide[] = {
        ~0ull, ~1ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
        0x100000000ull, 0xffffffff00000000ull, 0x00000000ffffffffull,
    };
    switch (rnd(8)) {
    case 0: case 1: case 2: case 3:
        return common[rnd(G_N_ELEMENTS(common))];
    case 4:
        return ty == IR_I64 ? wide[rnd(G_N_ELEMENTS(wide))] : (uint64_t)-(int64_t)(1 + rnd(3));
    case 5:
        return 1ull << rnd(ir_type_bits(ty));
    case 6:
        return rnd(RIR_MEM_SIZE);
    default:
        return rnd64();
    }
}

/* Bit patterns where float ops differ most: zeros, ties, the ends of the
 * normal and denormal ranges, infinities, quiet and signalling NaNs of
 * both signs with payloads, and the edges of the integer conversions. */
static const uint64_t f64_edges[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x3fe0000000000000ull, 0x3ff8000000000000ull, 0x4004000000000000ull, 0xc004000000000000ull,
    0x3fd5555555555555ull, 0x4008000000000000ull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x0010000000000000ull, 0x8010000000000000ull, 0x0000000000000001ull, 0x000fffffffffffffull,
    0x8000000000000001ull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0xfff8000000000000ull, 0x7ff8000000012345ull, 0x7ff0000000000001ull, 0xfff4000000000abcull,
    0x41e0000000000000ull, 0xc1e0000000000000ull, 0x41dfffffffe00000ull, 0xc1e0000000100000ull,
    0x43e0000000000000ull, 0xc3e0000000000000ull, 0x43f0000000000000ull, 0x4330000000000001ull,
    0x7e37e43c8800759cull, 0x01a56e1fc2f8f359ull,
};
static const uint32_t f32_edges[] = {
    0x00000000u, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x3f000000u, 0x3fc00000u, 0x40200000u,
    0xc0200000u, 0x3eaaaaabu, 0x7f7fffffu, 0xff7fffffu, 0x00800000u, 0x80800000u, 0x00000001u,
    0x007fffffu, 0x80000001u, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00000u, 0x7fc12345u,
    0x7f800001u, 0xffa00abcu, 0x4f000000u, 0xcf000000u, 0x4effffffu, 0x5f000000u, 0xdf000000u,
    0x5f800000u, 0x4b800001u, 0x7e967699u, 0x0d8a2e5au,
};

static uint64_t float_edge(IrType ft)
{
    if (rnd(8) == 0)
        return ft == IR_F32 ? (uint32_t)rnd64() : rnd64();
    return ft == IR_F32 ? f32_edges[rnd(G_N_ELEMENTS(f32_edges))] : f64_edges[rnd(G_N_ELEMENTS(f64_edges))];
}

static bool is_float(IrType ty)
{
    return ty == IR_F32 || ty == IR_F64;
}

static IrType rnd_type(void)
{
    return rnd(2) ? IR_I32 : IR_I64;
}

static IrType rnd_ftype(void)
{
    return rnd(2) ? IR_F32 : IR_F64;
}

/* ---- the generator ------------------------------------------------------------- */

enum { POOL_MAX = 256, MAX_DEPTH = 2, WIDE_MAX = 40 };

typedef struct Gen {
    IrBlock *b;
    IrTemp pool[POOL_MAX]; /* temps defined on every path from here */
    unsigned n;
    unsigned depth;        /* nesting of branch regions and loops */
    uint32_t next_pc;      /* guest pc for insn_start */
    uint64_t slot_pc[2];   /* the target of goto_tb slot 0 and 1 */
    uint64_t ret_pc;       /* the return pc of this block's calls */
} Gen;

static void keep(Gen *g, IrTemp t)
{
    if (t && g->n < POOL_MAX)
        g->pool[g->n++] = t;
}

static IrTemp fresh_const(Gen *g, IrType ty)
{
    if (is_float(ty))
        return ir_const(g->b, ty, float_edge(ty));
    return ir_const(g->b, ty, int_edge(ty) & opt_type_mask(ty));
}

/* An operand of type ty: mostly a temp from the pool, sometimes a new
 * constant (so folding and the backends' immediate forms get their
 * chance). */
static IrTemp pick(Gen *g, IrType ty)
{
    if (rnd(4) != 0) {
        for (int tries = 0; tries < 16 && g->n; tries++) {
            IrTemp x = g->pool[rnd(g->n)];
            if (ir_temp_type(g->b, x) == ty)
                return x;
        }
    }
    IrTemp k = fresh_const(g, ty);
    if (rnd(2))
        keep(g, k);
    return k;
}

/* An env offset for a value of type ty: integers in the integer area,
 * floats in the float area, each now and then anywhere; offsets step by
 * the size (sometimes 4, or an odd 1 or 2) so slots overlap. */
static uint32_t env_off(IrType ty)
{
    unsigned size = ir_type_bits(ty) / 8;
    unsigned lo = is_float(ty) ? RIR_INT_BYTES : 0, hi = is_float(ty) ? RIR_ENV_BYTES : RIR_INT_BYTES;
    if (rnd(8) == 0) {
        lo = 0;
        hi = RIR_ENV_BYTES;
    }
    unsigned step = rnd(3) ? size : 4;
    unsigned off = lo + step * rnd((hi - lo - size) / step + 1);
    if (rnd(10) == 0 && off + size + 2 <= hi)
        off += 1 + rnd(2);
    return OFF_ENV + off;
}

/* A guest address inside [0, RIR_MEM_SIZE) of either width. */
static IrTemp gen_addr(Gen *g)
{
    IrType ty = rnd_type();
    static const uint64_t masks[] = {0xff, 0xf8, 0xfc, 0xf0, 0x7f};
    switch (rnd(3)) {
    case 0:
        return ir_const(g->b, ty, rnd(RIR_MEM_SIZE));
    case 1:
        return ir_andi(g->b, pick(g, ty), masks[rnd(G_N_ELEMENTS(masks))]);
    default:
        return ir_addi(g->b, ir_andi(g->b, pick(g, ty), 0x7f), rnd(0x80));
    }
}

/* Any memop a value of type ty can take (the sign bit only where asked). */
static IrMemop rnd_memop(IrType ty, bool sign_ok)
{
    unsigned mo = rnd(ty == IR_I32 ? 3 : 4);
    if (rnd(2))
        mo |= IR_MO_BE;
    if (sign_ok && rnd(2))
        mo |= IR_MO_SIGN;
    return (IrMemop)mo;
}

/* A 0/1 temp for addc's carry-in. */
static IrTemp gen_carry(Gen *g, IrType ty)
{
    switch (rnd(3)) {
    case 0:
        return ir_const(g->b, ty, rnd(2));
    case 1:
        return ir_setcond(g->b, (IrCond)rnd(IR_NCONDS), pick(g, ty), pick(g, ty));
    default:
        return ir_andi(g->b, pick(g, ty), 1);
    }
}

static const IrOpcode binops[] = {
    IR_OP_add, IR_OP_sub, IR_OP_mul, IR_OP_mulhs, IR_OP_mulhu, IR_OP_divs, IR_OP_divu,
    IR_OP_rems, IR_OP_remu, IR_OP_and, IR_OP_or, IR_OP_xor, IR_OP_andc, IR_OP_orc,
    IR_OP_shl, IR_OP_shr, IR_OP_sar, IR_OP_rotl, IR_OP_rotr,
};

/* How gen_wide folds its values together. */
static const IrOpcode fold_ops[] = {IR_OP_add, IR_OP_sub,  IR_OP_xor, IR_OP_mul,
                                    IR_OP_or,  IR_OP_divu, IR_OP_rems};

static const IrOpcode unops[] = {
    IR_OP_not, IR_OP_neg, IR_OP_sext8, IR_OP_sext16, IR_OP_zext8, IR_OP_zext16,
    IR_OP_bswap16, IR_OP_bswap32, IR_OP_clz, IR_OP_ctz, IR_OP_popcnt, IR_OP_mov,
};

static const IrOpcode unops64[] = {IR_OP_sext32, IR_OP_zext32, IR_OP_bswap64};

static const IrOpcode fbinops[] = {IR_OP_fadd, IR_OP_fsub, IR_OP_fmul, IR_OP_fdiv, IR_OP_fmin, IR_OP_fmax};
static const IrOpcode funops[] = {IR_OP_fsqrt, IR_OP_fneg, IR_OP_fabs, IR_OP_mov};
static const IrOpcode int_to_float[] = {IR_OP_cvt_s32_f, IR_OP_cvt_s64_f, IR_OP_cvt_u64_f};

static void gen_insn(Gen *g);

static void gen_ld_env(Gen *g)
{
    IrType ty = rnd_type();
    keep(g, ir_ld_env(g->b, ty, env_off(ty)));
}

static void gen_st_env(Gen *g)
{
    IrType ty = rnd_type();
    ir_st_env(g->b, ty, env_off(ty), pick(g, ty));
}

/* A binary op; the second operand is often a fresh edge constant. */
static void gen_binop(Gen *g)
{
    IrType ty = rnd_type();
    IrOpcode op = binops[rnd(G_N_ELEMENTS(binops))];
    IrTemp a = pick(g, ty), c = rnd(3) == 0 ? fresh_const(g, ty) : pick(g, ty);
    if (rnd(4) == 0) {
        IrTemp t = a;
        a = c;
        c = t;
    }
    if (rnd(16) == 0)
        c = a; /* x op x */
    keep(g, ir_op2(g->b, op, a, c));
}

static void gen_unop(Gen *g)
{
    IrType ty = rnd_type();
    keep(g, ir_op1(g->b, unops[rnd(G_N_ELEMENTS(unops))], pick(g, ty)));
}

/* The i64-only ops and the moves between i32 and i64. */
static void gen_width(Gen *g)
{
    IrBlock *b = g->b;
    switch (rnd(4)) {
    case 0: keep(g, ir_op1(b, unops64[rnd(G_N_ELEMENTS(unops64))], pick(g, IR_I64))); break;
    case 1: keep(g, ir_ext_i32s(b, pick(g, IR_I32))); break;
    case 2: keep(g, ir_ext_i32u(b, pick(g, IR_I32))); break;
    default: keep(g, ir_trunc_i64(b, pick(g, IR_I64))); break;
    }
}

static void gen_cond(Gen *g)
{
    IrType ty = rnd_type();
    IrCond cond = (IrCond)rnd(IR_NCONDS);
    IrTemp x = pick(g, ty), y = rnd(4) == 0 ? x : pick(g, ty);
    if (rnd(2)) {
        keep(g, ir_setcond(g->b, cond, x, y));
        return;
    }
    IrTemp t = pick(g, ty), f = rnd(5) == 0 ? t : pick(g, ty);
    keep(g, ir_movcond(g->b, cond, x, y, t, f));
}

static void gen_bits(Gen *g)
{
    IrType ty = rnd_type();
    unsigned w = ir_type_bits(ty);
    unsigned len = 1 + rnd(w), pos = rnd(w - len + 1);
    switch (rnd(4)) {
    case 0:
        keep(g, ir_extract(g->b, pick(g, ty), pos, len));
        break;
    case 1:
        keep(g, ir_sextract(g->b, pick(g, ty), pos, len));
        break;
    case 2:
        keep(g, ir_deposit(g->b, pick(g, ty), pick(g, ty), pos, len));
        break;
    default: {
        IrTemp carry = 0;
        keep(g, ir_addc(g->b, pick(g, ty), pick(g, ty), gen_carry(g, ty), &carry));
        keep(g, carry);
        break;
    }
    }
}

static void gen_memory(Gen *g)
{
    IrType ty = rnd_type();
    IrTemp addr = gen_addr(g);
    switch (rnd(7)) {
    case 0: case 1: case 2:
        keep(g, ir_ld(g->b, ty, rnd_memop(ty, true), addr));
        break;
    case 3: case 4: case 5:
        ir_st(g->b, rnd_memop(ty, false), addr, pick(g, ty));
        break;
    default: {
        /* naturally aligned, as guests' atomics are: a locked access
         * across a cache line is a split lock, which hosts slow down */
        IrMemop mo = rnd_memop(ty, rnd(4) == 0);
        addr = ir_andi(g->b, addr, ~((1ull << (mo & IR_MO_SIZE)) - 1));
        if (rnd(4) == 0)
            ir_fence(g->b);
        keep(g, ir_cmpxchg(g->b, mo, addr, pick(g, ty), pick(g, ty)));
        break;
    }
    }
}

static void gen_call(Gen *g)
{
    const IrHelper *h = helpers[rnd(G_N_ELEMENTS(helpers))];
    IrTemp args[IR_HELPER_MAX_ARGS] = {0};
    for (unsigned i = 0; i < h->nargs; i++)
        args[i] = pick(g, h->args[i]);
    keep(g, ir_call(g->b, h, args));
}

/* Float sign ops between integer values, which the folder evaluates. */
static void gen_float_bits(Gen *g)
{
    IrType ty = rnd_type();
    IrType ft = ty == IR_I32 ? IR_F32 : IR_F64;
    IrTemp f = ir_bitcast(g->b, ft, pick(g, ty));
    static const IrOpcode ops[] = {IR_OP_fneg, IR_OP_fabs, IR_OP_mov};
    f = ir_op1(g->b, ops[rnd(G_N_ELEMENTS(ops))], f);
    keep(g, ir_bitcast(g->b, ty, f));
}

/* One float operation: arithmetic, compares, conversions between the
 * float widths and to and from integers, and float values moving through
 * env and guest memory. */
static void gen_float(Gen *g)
{
    IrBlock *b = g->b;
    IrType ft = rnd_ftype();
    IrType it = ft == IR_F32 ? IR_I32 : IR_I64;
    switch (rnd(16)) {
    case 0: case 1: case 2: case 3: {
        IrTemp x = pick(g, ft), y = rnd(10) == 0 ? x : pick(g, ft);
        keep(g, ir_op2(b, fbinops[rnd(G_N_ELEMENTS(fbinops))], x, y));
        break;
    }
    case 4:
        keep(g, ir_op1(b, funops[rnd(G_N_ELEMENTS(funops))], pick(g, ft)));
        break;
    case 5:
        keep(g, ir_op3(b, IR_OP_fma, pick(g, ft), pick(g, ft), pick(g, ft)));
        break;
    case 6:
        keep(g, ir_fsetcond(b, (IrFCond)rnd(IR_NFCONDS), pick(g, ft), pick(g, ft)));
        break;
    case 7:
        if (ft == IR_F32)
            keep(g, ir_cvt(b, IR_OP_fcvt_f32, IR_F64, pick(g, IR_F32), 0));
        else
            keep(g, ir_cvt(b, IR_OP_fcvt_f64, IR_F32, pick(g, IR_F64), 0));
        break;
    case 8: {
        IrOpcode op = int_to_float[rnd(G_N_ELEMENTS(int_to_float))];
        keep(g, ir_cvt(b, op, ft, pick(g, op == IR_OP_cvt_s32_f ? IR_I32 : IR_I64), 0));
        break;
    }
    case 9:
        if (rnd(2))
            keep(g,
                 ir_cvt(b, IR_OP_cvt_f_s32, IR_I32, pick(g, ft), rnd(2) ? IR_ROUND_TRUNC : IR_ROUND_CURRENT));
        else
            keep(g,
                 ir_cvt(b, IR_OP_cvt_f_s64, IR_I64, pick(g, ft), rnd(2) ? IR_ROUND_TRUNC : IR_ROUND_CURRENT));
        break;
    case 10:
        keep(g, rnd(2) ? ir_bitcast(b, ft, pick(g, it)) : ir_bitcast(b, it, pick(g, ft)));
        break;
    case 11: {
        IrMemop mo = (IrMemop)((ft == IR_F32 ? IR_MO_32 : IR_MO_64) | (rnd(2) ? IR_MO_BE : 0));
        if (rnd(2))
            keep(g, ir_bitcast(b, ft, ir_ld(b, it, mo, gen_addr(g))));
        else
            ir_st(b, mo, gen_addr(g), ir_bitcast(b, it, pick(g, ft)));
        break;
    }
    case 12: case 13:
        keep(g, ir_ld_env(b, ft, env_off(ft)));
        break;
    default:
        ir_st_env(b, ft, env_off(ft), pick(g, ft));
        break;
    }
}

/* Redefine a temp from the pool: straight-line or, inside a region, a
 * value that merges at the region's label. */
static void gen_mov_to(Gen *g)
{
    if (!g->n)
        return;
    IrTemp x = g->pool[rnd(g->n)];
    IrType ty = ir_temp_type(g->b, x);
    IrTemp src = pick(g, ty);
    if (rnd(3) == 0) {
        IrOpcode op = is_float(ty) ? fbinops[rnd(G_N_ELEMENTS(fbinops))] : binops[rnd(G_N_ELEMENTS(binops))];
        src = ir_op2(g->b, op, src, pick(g, ty));
    }
    ir_mov_to(g->b, x, src);
}

static void gen_mov(Gen *g)
{
    IrType ty = rnd(4) ? rnd_type() : rnd_ftype();
    keep(g, ir_mov(g->b, pick(g, ty)));
}

/* A guest instruction starts here; only outside branch regions and loops,
 * as frontends emit them: a label a branch reaches is never in the middle
 * of another instruction's code, so the instruction a helper call or a
 * fault belongs to is the last insn_start before it in the block. */
static void gen_insn_start(Gen *g)
{
    if (g->depth)
        return;
    ir_insn_start(g->b, g->next_pc);
    g->next_pc += 4;
}

/* More than sixteen values live at once (every integer and float host
 * register taken), sometimes across a helper call, then folded together
 * last to first and stored. */
static void gen_wide(Gen *g)
{
    IrBlock *b = g->b;
    unsigned n = 17 + rnd(WIDE_MAX - 16);
    IrTemp v[WIDE_MAX];
    for (unsigned i = 0; i < n; i++) {
        IrType ty = rnd(3) ? rnd_type() : rnd_ftype();
        switch (rnd(4)) {
        case 0:
            v[i] = ir_ld_env(b, ty, env_off(ty));
            break;
        case 1:
            v[i] = is_float(ty) ? ir_bitcast(b, ty, ir_ld(b, ty == IR_F32 ? IR_I32 : IR_I64,
                                                           ty == IR_F32 ? IR_MO_32 : IR_MO_64, gen_addr(g)))
                                : ir_ld(b, ty, rnd_memop(ty, true), gen_addr(g));
            break;
        case 2:
            v[i] = pick(g, ty);
            break;
        default: /* computed here, so it needs a register of its own */
            v[i] = is_float(ty) ? ir_op2(b, fbinops[rnd(G_N_ELEMENTS(fbinops))], pick(g, ty), pick(g, ty))
                                : ir_op2(b, fold_ops[rnd(G_N_ELEMENTS(fold_ops))], pick(g, ty), pick(g, ty));
            break;
        }
    }
    if (rnd(2))
        gen_call(g);
    IrTemp acc = 0, facc = 0;
    for (unsigned i = n; i-- > 0;) {
        IrType ty = ir_temp_type(b, v[i]);
        if (is_float(ty)) {
            IrTemp x = ty == IR_F32 ? ir_cvt(b, IR_OP_fcvt_f32, IR_F64, v[i], 0) : v[i];
            facc = facc ? ir_op2(b, rnd(2) ? IR_OP_fadd : IR_OP_fmul, facc, x) : x;
        } else {
            IrTemp x = ty == IR_I32 ? ir_ext_i32u(b, v[i]) : v[i];
            acc = acc ? ir_op2(b, fold_ops[rnd(G_N_ELEMENTS(fold_ops))], acc, x) : x;
        }
    }
    if (acc) {
        ir_st_env(b, IR_I64, env_off(IR_I64), acc);
        keep(g, acc);
    }
    if (facc) {
        ir_st_env(b, IR_F64, env_off(IR_F64), facc);
        keep(g, facc);
    }
}

/* A pc to jump to through goto_ptr: the return pc, a computed landing, a
 * choice of two landings, or somewhere else (of either width). */
static IrTemp gen_target(Gen *g)
{
    IrBlock *b = g->b;
    IrType ty = rnd_type();
    switch (rnd(5)) {
    case 0:
        return ir_const(b, ty, g->ret_pc);
    case 1:
        return ir_ori(b, ir_andi(b, pick(g, ty), 0x700), RIR_LANDING_PC(0));
    case 2:
        return ir_movcond(b, (IrCond)rnd(IR_NCONDS), pick(g, ty), pick(g, ty),
                          ir_const(b, ty, RIR_LANDING_PC(rnd(RIR_NLANDINGS))),
                          ir_const(b, ty, RIR_LANDING_PC(rnd(RIR_NLANDINGS))));
    default:
        return ir_ori(b, pick(g, ty), 0x60000);
    }
}

static void gen_goto_tb(Gen *g)
{
    unsigned slot = rnd(2);
    ir_goto_tb(g->b, slot, g->slot_pc[slot]);
}

static void gen_exit_reason(Gen *g)
{
    if (rnd(4) != 0)
        ir_st_env(g->b, IR_I64, OFF_PC, ir_const64(g->b, 0x50000 + 4 * (uint64_t)rnd(1024)));
    ir_exit(g->b, (int)(EXIT_SYSCALL + rnd(EXIT_DEBUG - EXIT_SYSCALL + 1)));
}

/* Leave the block: goto_tb, exit with a reason (after storing pc, mostly),
 * goto_ptr, a call (push_ret, then goto_tb or goto_ptr) or a return. Now
 * and then the block first asks for an exit at the next block entry. */
static void gen_exit(Gen *g)
{
    IrBlock *b = g->b;
    unsigned kind = rnd(6);
    if (kind != 2 && rnd(16) == 0)
        ir_st_env(b, IR_I32, OFF_EXIT_REQUEST, ir_const32(b, 1));
    switch (kind) {
    case 0: case 1:
        gen_goto_tb(g);
        break;
    case 2:
        gen_exit_reason(g);
        break;
    case 3:
        ir_goto_ptr(b, gen_target(g));
        break;
    case 4:
        ir_push_ret(b, g->ret_pc);
        if (rnd(2))
            gen_goto_tb(g);
        else
            ir_goto_ptr(b, gen_target(g));
        break;
    default:
        ir_goto_ret(b, gen_target(g));
        break;
    }
}

/* A forward brcond (rarely a br) over random code; temps born inside are
 * dropped from the pool at the label, earlier temps may be redefined. */
static void gen_region(Gen *g)
{
    IrBlock *b = g->b;
    IrLabel l = ir_new_label(b);
    if (rnd(16) == 0) {
        ir_br(b, l);
    } else {
        IrType ty = rnd_type();
        IrTemp a = pick(g, ty), c = rnd(4) == 0 ? a : pick(g, ty);
        ir_brcond(b, (IrCond)rnd(IR_NCONDS), a, c, l);
    }
    unsigned saved = g->n, m = rnd(10);
    g->depth++;
    for (unsigned k = 0; k < m; k++) {
        if (rnd(3) == 0)
            gen_mov_to(g);
        else
            gen_insn(g);
    }
    g->depth--;
    bool leaves = rnd(5) == 0;
    if (leaves)
        gen_exit(g);
    else if (saved && rnd(2))
        gen_mov_to(g);
    g->n = saved;
    ir_label(b, l);
}

/* A counted loop (one to four rounds, the counter out of the pool so
 * nothing else redefines it); values redefined inside are carried round
 * the back edge, and the body's temps live on after it. */
static void gen_loop(Gen *g)
{
    IrBlock *b = g->b;
    IrType ty = rnd_type();
    IrTemp count = ir_const(b, ty, 1 + rnd(4));
    IrLabel top = ir_new_label(b);
    ir_label(b, top);
    unsigned m = 1 + rnd(8);
    g->depth++;
    for (unsigned k = 0; k < m; k++) {
        if (rnd(4) == 0)
            gen_mov_to(g);
        else
            gen_insn(g);
    }
    g->depth--;
    ir_mov_to(b, count, ir_opi(b, IR_OP_sub, count, 1));
    ir_brcond(b, rnd(2) ? IR_NE : IR_GTU, count, ir_const(b, ty, 0), top);
}

/* A region or a loop while the nesting allows, else a plain op. */
static void gen_nested(Gen *g)
{
    if (g->depth >= MAX_DEPTH)
        gen_binop(g);
    else if (rnd(3) == 0)
        gen_loop(g);
    else
        gen_region(g);
}

/* The x87 ops (IrX87Kind) on the three 16-byte slots of the float
 * registers, env[48, 96): only where the host has an x87 and the test asks
 * for them (test_jit_interp; the optimizer does not model their env
 * writes, so test_opt_interp leaves them out). */
bool rir_with_x87;

static void gen_x87(Gen *g)
{
#if defined(__x86_64__)
    if (!rir_with_x87) {
        gen_float(g);
        return;
    }
    static const uint8_t arith_digits[] = {0, 1, 4, 5, 6, 7};
    IrBlock *b = g->b;
    IrTemp a = ir_const64(b, OFF_ENV + RIR_INT_BYTES + 16 * rnd(3));
    IrTemp c = ir_const64(b, OFF_ENV + RIR_INT_BYTES + 16 * rnd(3));
    IrTemp d = ir_new_temp(b, IR_I64), bits = 0;
    IrInsn in = {.op = IR_OP_x87_rr, .type = IR_I64, .def = {d}, .use = {a, c}};
    switch (rnd(8)) {
    case 0: in.imm = ir_x87_imm(IR_X87_ARITH, arith_digits[rnd(6)]); break;
    case 1: in.imm = ir_x87_imm(IR_X87_COMPARE, rnd(2)); break;
    case 2: in.imm = ir_x87_imm(rnd(2) ? IR_X87_COPY : IR_X87_SWAP, 0); break;
    case 3: in.imm = ir_x87_imm(IR_X87_UNARY, rnd(IR_X87_NUNARY)); break;
    case 4:
        in.op = IR_OP_x87_rm;
        in.use[1] = pick(g, IR_I64);
        in.imm = ir_x87_imm(IR_X87_ARITH_MEM, arith_digits[rnd(6)] | rnd(IR_X87_M64INT) << 3);
        break;
    case 5:
        in.op = IR_OP_x87_rm;
        in.use[1] = pick(g, IR_I64);
        in.imm = ir_x87_imm(IR_X87_LOAD, rnd(IR_X87_NFORMATS));
        break;
    default:
        bits = ir_new_temp(b, IR_I64);
        in = (IrInsn){.op = IR_OP_x87_st, .type = IR_I64, .def = {d, bits}, .use = {a},
                      .imm = ir_x87_imm(IR_X87_STORE, rnd(IR_X87_NFORMATS))};
        break;
    }
    ir_emit(b, in);
    keep(g, d);
    if (bits)
        keep(g, bits);
#else
    gen_float(g);
#endif
}

/* What one step of the generator emits, and how often (out of the sum). */
static const struct {
    unsigned weight;
    void (*gen)(Gen *g);
} insn_kinds[] = {
    {16, gen_ld_env}, {16, gen_st_env},    {24, gen_binop}, {8, gen_unop},   {6, gen_width},
    {8, gen_cond},    {8, gen_bits},       {12, gen_memory}, {4, gen_call},  {4, gen_float_bits},
    {20, gen_float},  {8, gen_mov_to},     {6, gen_mov},    {4, gen_nested}, {4, gen_insn_start},
    {1, gen_wide},    {6, gen_x87},
};

static void gen_insn(Gen *g)
{
    unsigned total = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(insn_kinds); i++)
        total += insn_kinds[i].weight;
    unsigned r = rnd(total);
    size_t i = 0;
    while (r >= insn_kinds[i].weight)
        r -= insn_kinds[i++].weight;
    insn_kinds[i].gen(g);
}

/* Where the block's exits go: landings mostly, now and then elsewhere. */
static uint64_t rnd_exit_pc(void)
{
    if (rnd(8) == 0)
        return 0x40000 + 4 * (uint64_t)rnd(1024);
    return RIR_LANDING_PC(rnd(RIR_NLANDINGS));
}

void rir_gen_block(IrBlock *b)
{
    Gen g = {.b = b, .next_pc = (uint32_t)b->pc};
    g.slot_pc[0] = rnd_exit_pc();
    g.slot_pc[1] = rnd_exit_pc();
    g.ret_pc = RIR_LANDING_PC(rnd(RIR_NLANDINGS));
    unsigned n = 4 + rnd(70);
    gen_insn_start(&g);
    /* a few guest registers to start from */
    for (unsigned i = 0, k = rnd(4); i < k; i++)
        gen_ld_env(&g);
    for (unsigned i = 0; i < n; i++) {
        if (rnd(7) == 0)
            gen_region(&g);
        else
            gen_insn(&g);
    }
    gen_exit(&g);
}

void rir_gen_landing(IrBlock *b, unsigned k)
{
    uint64_t pc = RIR_LANDING_PC(k);
    uint32_t off = OFF_ENV + 8 * (k % (RIR_INT_BYTES / 8));
    ir_insn_start(b, pc);
    IrTemp v = ir_ld_env(b, IR_I64, off);
    v = ir_opi(b, IR_OP_mul, v, 0x9e3779b97f4a7c15ull);
    ir_st_env(b, IR_I64, off, ir_opi(b, IR_OP_add, v, k + 1));
    if (k & 1) {
        uint32_t foff = OFF_FENV + 8 * (k % ((RIR_ENV_BYTES - RIR_INT_BYTES) / 8));
        IrTemp f = ir_ld_env(b, IR_F64, foff);
        ir_st_env(b, IR_F64, foff, ir_op2(b, IR_OP_fmul, f, ir_const_f64(b, 3.0)));
    }
    if (k >= RIR_NLANDINGS / 2) {
        ir_goto_ret(b, ir_const64(b, RIR_LANDING_PC(k - RIR_NLANDINGS / 2)));
        return;
    }
    static const ExitReason reasons[] = {EXIT_HALT, EXIT_SYSCALL, EXIT_DEBUG, EXIT_TRAP};
    ir_st_env(b, IR_I64, OFF_PC, ir_const64(b, pc + 4));
    ir_exit(b, reasons[k]);
}

void rir_copy_block(IrBlock *dst, const IrBlock *src)
{
    ir_block_init(dst, src->pc, src->tb_flags);
    for (uint32_t t = 1; t <= src->ntemps; t++)
        ir_new_temp(dst, ir_temp_type(src, t));
    dst->nlabels = src->nlabels;
    dst->guest_insns = src->guest_insns;
    dst->guest_size = src->guest_size;
    for (uint32_t i = 0; i < src->ninsns; i++)
        ir_emit(dst, src->insns[i]);
}

/* ---- shrinking ------------------------------------------------------------ */

/* Does any instruction read a temp that insn i defines? */
static bool defs_used(const IrBlock *b, uint32_t i)
{
    const IrInsn *in = &b->insns[i];
    unsigned ndef = opt_ndef(in);
    for (uint32_t j = 0; j < b->ninsns; j++) {
        const IrInsn *u = &b->insns[j];
        unsigned nuse = opt_nuse(u);
        for (unsigned k = 0; k < ndef; k++)
            for (unsigned m = 0; m < nuse; m++)
                if (u->use[m] == in->def[k])
                    return true;
    }
    return false;
}

/* A smaller form of b without instruction i, or with it made a constant
 * 0 (when its one result is read, so that no temp is left undefined on
 * some path); false if there is none. */
static bool simpler(const IrBlock *b, uint32_t i, IrBlock *out)
{
    const IrInsn *in = &b->insns[i];
    bool drop = !defs_used(b, i);
    if (!drop && (opt_ndef(in) != 1 || in->op == IR_OP_const))
        return false;
    rir_copy_block(out, b);
    if (drop) {
        memmove(&out->insns[i], &out->insns[i + 1], (out->ninsns - i - 1) * sizeof(IrInsn));
        out->ninsns--;
    } else {
        IrTemp d = in->def[0];
        out->insns[i] = (IrInsn){.op = IR_OP_const, .type = (uint8_t)ir_temp_type(b, d), .def = {d}};
    }
    return true;
}

void rir_shrink(IrBlock *b, bool (*still_fails)(const IrBlock *b, void *ctx), void *ctx)
{
    bool progress = true;
    while (progress) {
        progress = false;
        for (uint32_t i = b->ninsns - 1; i-- > 0;) {
            IrBlock trial;
            if (!simpler(b, i, &trial))
                continue;
            if (ir_verify(&trial, NULL, 0) && still_fails(&trial, ctx)) {
                ir_block_free(b);
                *b = trial;
                progress = true;
            } else {
                ir_block_free(&trial);
            }
        }
    }
}

/* ---- starting states and outcomes ------------------------------------------ */

static void fill_float_registers(uint8_t *fregs, unsigned bytes)
{
    for (unsigned off = 0; off < bytes; off += 8) {
        uint64_t v;
        if (rnd(2)) {
            v = float_edge(IR_F64);
        } else {
            v = float_edge(IR_F32) | float_edge(IR_F32) << 32;
        }
        memcpy(fregs + off, &v, 8);
    }
}

void rir_make_start(RirStart *s, uint64_t pc)
{
    static const int modes[] = {FE_TONEAREST, FE_TONEAREST, FE_TONEAREST, FE_UPWARD, FE_DOWNWARD,
                                FE_TOWARDZERO};
    s->pc = pc;
    s->round = modes[rnd(G_N_ELEMENTS(modes))];
    s->exit_request = rnd(64) == 0;
    for (unsigned i = 0; i < RIR_INT_BYTES; i++)
        s->env[i] = (uint8_t)rnd64();
    fill_float_registers(s->env + RIR_INT_BYTES, RIR_ENV_BYTES - RIR_INT_BYTES);
    for (unsigned i = 0; i < RIR_MEM_ALLOC; i++)
        s->mem[i] = (uint8_t)rnd64();
    if (rnd(2))
        fill_float_registers(s->mem + 8 * rnd(RIR_MEM_SIZE / 8 - 4), 32);
    /* some equal words, so conditions and compares see both outcomes */
    if (rnd(2))
        memcpy(s->env + 4 * rnd(RIR_INT_BYTES / 4), s->env + 4 * rnd(RIR_INT_BYTES / 4), 4);
    if (rnd(2))
        memset(s->env + 4 * rnd(RIR_INT_BYTES / 4), rnd(2) ? 0 : 0xff, 4);
}

static void fp_flag_names(int flags, char *buf, size_t len)
{
    static const struct {
        int flag;
        const char *name;
    } names[] = {{FE_INVALID, " invalid"}, {FE_DIVBYZERO, " divbyzero"}, {FE_OVERFLOW, " overflow"},
                 {FE_UNDERFLOW, " underflow"}, {FE_INEXACT, " inexact"}};
    g_strlcpy(buf, "{", len);
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
        if (flags & names[i].flag)
            g_strlcat(buf, names[i].name, len);
    g_strlcat(buf, " }", len);
}

static unsigned first_diff(const uint8_t *x, const uint8_t *y, size_t n)
{
    unsigned i = 0;
    while (i < n && x[i] == y[i])
        i++;
    return i;
}

const char *rir_differ(const RirOutcome *x, const char *xn, const RirOutcome *y, const char *yn, char *buf,
                       size_t len)
{
    if (x->reason != y->reason) {
        snprintf(buf, len, "exit reason: %s %d, %s %d", xn, x->reason, yn, y->reason);
    } else if (x->pc != y->pc) {
        snprintf(buf, len, "cpu->pc: %s 0x%" PRIx64 ", %s 0x%" PRIx64, xn, x->pc, yn, y->pc);
    } else if (x->last_slot != y->last_slot) {
        snprintf(buf, len, "last_slot: %s %d, %s %d", xn, x->last_slot, yn, y->last_slot);
    } else if (x->last_tb_pc != y->last_tb_pc) {
        snprintf(buf, len, "last_tb: %s at 0x%" PRIx64 ", %s at 0x%" PRIx64, xn, x->last_tb_pc, yn,
                 y->last_tb_pc);
    } else if (x->exit_request != y->exit_request) {
        snprintf(buf, len, "exit_request: %s %d, %s %d", xn, x->exit_request, yn, y->exit_request);
    } else if (x->fp_flags != y->fp_flags) {
        char fx[64], fy[64];
        fp_flag_names(x->fp_flags, fx, sizeof fx);
        fp_flag_names(y->fp_flags, fy, sizeof fy);
        snprintf(buf, len, "sticky FP flags: %s %s, %s %s", xn, fx, yn, fy);
    } else if (memcmp(x->env, y->env, RIR_ENV_BYTES) != 0) {
        unsigned i = first_diff(x->env, y->env, RIR_ENV_BYTES), w = i & ~7u;
        uint64_t vx, vy;
        memcpy(&vx, x->env + w, 8);
        memcpy(&vy, y->env + w, 8);
        snprintf(buf, len,
                 "env byte %u (ld_env offset %u): %s 0x%02x, %s 0x%02x (the 8 bytes at offset %u: "
                 "%s 0x%016" PRIx64 ", %s 0x%016" PRIx64 ")",
                 i, OFF_ENV + i, xn, x->env[i], yn, y->env[i], OFF_ENV + w, xn, vx, yn, vy);
    } else if (memcmp(x->mem, y->mem, RIR_MEM_ALLOC) != 0) {
        unsigned i = first_diff(x->mem, y->mem, RIR_MEM_ALLOC);
        snprintf(buf, len, "guest memory byte %u: %s 0x%02x, %s 0x%02x", i, xn, x->mem[i], yn, y->mem[i]);
    } else {
        return NULL;
    }
    return buf;
}

/* ---- the machine ------------------------------------------------------------ */

static TranslationBlock *compile_on(RirMachine *m, const IrBlock *b)
{
    TranslationBlock *tb = g_new0(TranslationBlock, 1);
    tb->pc = b->pc;
    tb->flags = b->tb_flags;
    tb->guest_insns = b->guest_insns;
    tb->guest_size = b->guest_size;
    size_t bytes = 0;
    tb->code = m->backend->compile(m->state, b, tb, &bytes);
    if (!tb->code) {
        g_free(tb);
        return NULL;
    }
    return tb;
}

static void landings_build(RirMachine *m)
{
    for (unsigned k = 0; k < RIR_NLANDINGS; k++) {
        IrBlock b;
        ir_block_init(&b, RIR_LANDING_PC(k), 0);
        rir_gen_landing(&b, k);
        m->landing[k] = compile_on(m, &b);
        if (!m->landing[k])
            g_error("%s: no room for the landing blocks", m->backend->name);
        ir_block_free(&b);
    }
}

static void landings_drop(RirMachine *m)
{
    for (unsigned k = 0; k < RIR_NLANDINGS; k++) {
        rir_tb_free(m, m->landing[k]);
        m->landing[k] = NULL;
    }
}

RirMachine *rir_machine_new(const Backend *backend, bool landings)
{
    RirMachine *m = g_new0(RirMachine, 1);
    m->backend = backend;
    m->state = backend->open(0);
    m->mem = g_malloc0(RIR_MEM_ALLOC);
    m->has_landings = landings;
    if (landings)
        landings_build(m);
    return m;
}

void rir_machine_free(RirMachine *m)
{
    if (m->has_landings)
        landings_drop(m);
    m->backend->close(m->state);
    g_free(m->mem);
    g_free(m);
}

TranslationBlock *rir_compile(RirMachine *m, const IrBlock *b)
{
    TranslationBlock *tb = compile_on(m, b);
    if (!tb) {
        if (m->has_landings)
            landings_drop(m);
        m->backend->flush(m->state);
        tb = compile_on(m, b);
        if (m->has_landings)
            landings_build(m);
    }
    if (!tb) {
        ir_dump(b, stderr);
        g_error("%s: compile refused a verified block in an empty code space", m->backend->name);
    }
    return tb;
}

void rir_tb_free(RirMachine *m, TranslationBlock *tb)
{
    m->backend->free_code(m->state, tb->code);
    g_free(tb);
}

RirWorld rir_random_world(const IrBlock *b)
{
    bool calls = false;
    for (uint32_t i = 0; i < b->ninsns; i++)
        calls = calls || b->insns[i].op == IR_OP_push_ret;
    return (RirWorld){.chained = calls || rnd(4) != 0, .link_slots = (uint8_t)rnd(4)};
}

static TranslationBlock *landing_at(RirMachine *m, uint64_t pc)
{
    for (unsigned k = 0; k < RIR_NLANDINGS; k++)
        if (RIR_LANDING_PC(k) == pc)
            return m->landing[k];
    return NULL;
}

/* Link (or unlink) tb's exit slots as world w says, the way the engine
 * does: jmp_next first, then the backend's set_jump. */
static void wire(RirMachine *m, TranslationBlock *tb, const IrBlock *b, RirWorld w)
{
    uint64_t target[TB_NSLOTS] = {0};
    bool used[TB_NSLOTS] = {false};
    for (uint32_t i = 0; i < b->ninsns; i++) {
        const IrInsn *in = &b->insns[i];
        int slot = in->op == IR_OP_goto_tb ? in->aux : in->op == IR_OP_push_ret ? TB_SLOT_RETURN : -1;
        if (slot >= 0) {
            target[slot] = (uint64_t)in->imm;
            used[slot] = true;
        }
    }
    for (int s = 0; s < TB_NSLOTS; s++) {
        bool want =
            m->has_landings && w.chained && used[s] && (s == TB_SLOT_RETURN || (w.link_slots >> s & 1));
        TranslationBlock *to = want ? landing_at(m, target[s]) : NULL;
        if (tb->jmp_next[s] == to)
            continue;
        __atomic_store_n(&tb->jmp_next[s], to, __ATOMIC_RELEASE);
        if (m->backend->set_jump)
            m->backend->set_jump(m->state, tb, s, to);
    }
    for (unsigned k = 0; k < RIR_NLANDINGS && m->has_landings; k++) {
        uint32_t h = tb_jmp_cache_hash(RIR_LANDING_PC(k));
        m->jmp_cache[h] = w.chained ? m->landing[k] : NULL;
    }
}

static ExitReason run_catching(RirMachine *m, TranslationBlock *tb)
{
    int jumped = sigsetjmp(m->cpu.common.loop_exit, 0);
    if (jumped)
        return (ExitReason)jumped;
    return m->backend->run(m->state, &m->cpu.common, tb);
}

void rir_run(RirMachine *m, TranslationBlock *tb, const IrBlock *b, RirWorld w, const RirStart *s,
             RirOutcome *o)
{
    wire(m, tb, b, w);
    RirCpu *cpu = &m->cpu;
    memset(cpu, 0, sizeof *cpu);
    cpu->common.pc = s->pc;
    cpu->common.exit_request = s->exit_request;
    cpu->common.guest_base = m->mem;
    cpu->common.jmp_cache = m->jmp_cache;
    cpu->common.ret_stack = &m->ret_stack;
    cpu->common.last_slot = -1;
    cpu->common.in_guest = 1;
    memset(&m->ret_stack, 0, sizeof m->ret_stack);
    memcpy(cpu->env, s->env, RIR_ENV_BYTES);
    memcpy(m->mem, s->mem, RIR_MEM_ALLOC);

    memset(o, 0, sizeof *o);
    fesetround(s->round);
    feclearexcept(FE_ALL_EXCEPT);
    o->reason = run_catching(m, tb);
    o->fp_flags = fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);

    o->pc = cpu->common.pc;
    o->last_slot = cpu->common.last_slot;
    o->last_tb_pc = cpu->common.last_tb ? cpu->common.last_tb->pc : 0;
    o->exit_request = cpu->common.exit_request;
    memcpy(o->env, cpu->env, RIR_ENV_BYTES);
    memcpy(o->mem, m->mem, RIR_MEM_ALLOC);
}
