/* tests/unit/test_opt_interp.c — the optimizer checked against the
 * interpreter: random valid IR blocks run on backend_interp twice, as
 * built and after opt_run, from the same CPU state and guest memory; the
 * final env bytes, guest memory, exit reason, cpu->pc and goto_tb slot
 * must be identical, and both blocks must pass ir_verify.
 *
 * The blocks mix every integer op (i32 and i64) with edge constants so
 * that folding fires (0, 1, -1, MIN, MAX, shift counts at and past the
 * width, divisors 0 and -1), env loads and stores at overlapping offsets
 * and widths, guest loads/stores of every size, sign and byte order,
 * setcond/movcond/addc/extract/deposit/bit counts/byte swaps, helper calls
 * with every env flag, float bit ops, forward brconds whose skipped code
 * merges values through ir_mov_to, and exits (goto_tb left unlinked, exit
 * with a reason, goto_ptr with an empty jump cache) also in the middle of
 * a block behind a branch.
 *
 * The seed is printed; MORPH_OPT_SEED=<n> replays a run and
 * MORPH_OPT_BLOCKS=<n> changes how many blocks are tried. A failing block
 * is shrunk (instructions dropped while the difference stays) and both
 * forms are dumped.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "backend/tb.h"
#include "ir/ir.h"
#include "ir/opt.h"

/* ---- the test machine ------------------------------------------------- */

enum {
    ENV_BYTES = 48,  /* the guest registers the blocks read and write */
    MEM_SIZE = 256,  /* guest memory reachable by the addresses made below */
    MEM_ALLOC = MEM_SIZE + 8, /* an 8-byte access at address 255 still fits */
    DEFAULT_BLOCKS = 12000,
};

typedef struct TestCpu {
    CpuCommon common;
    uint8_t env[ENV_BYTES];
} TestCpu;

#define OFF_ENV ((uint32_t)offsetof(TestCpu, env))
#define OFF_PC ((uint32_t)offsetof(CpuCommon, pc))

/* What one run leaves behind, compared field by field. */
typedef struct Outcome {
    ExitReason reason;
    uint64_t pc;
    int32_t last_slot;
    uint8_t env[ENV_BYTES];
    uint8_t mem[MEM_ALLOC];
} Outcome;

/* The starting state shared by both runs of a block. */
typedef struct Start {
    uint64_t pc;
    uint8_t env[ENV_BYTES];
    uint8_t mem[MEM_ALLOC];
} Start;

static TestCpu cpu;
static uint8_t *guest_mem;
static TranslationBlock *jmp_cache[TB_JMP_CACHE_SIZE];

/* ---- a small deterministic PRNG (xorshift64*) -------------------------- */

static uint64_t rng_state;

static uint64_t rnd64(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

static uint32_t rnd(uint32_t n)
{
    return (uint32_t)((rnd64() >> 32) % n);
}

static void rng_seed(uint64_t seed)
{
    rng_state = seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull;
    if (!rng_state)
        rng_state = 1;
    for (int i = 0; i < 4; i++)
        rnd64();
}

/* ---- helpers the blocks call (fn(env, args...)) ------------------------- */

static uint32_t env_rd32(const CpuCommon *env, unsigned off)
{
    uint32_t v;
    memcpy(&v, ((const TestCpu *)env)->env + off, 4);
    return v;
}

static void env_wr32(CpuCommon *env, unsigned off, uint32_t v)
{
    memcpy(((TestCpu *)env)->env + off, &v, 4);
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
static const IrHelper *const helpers[] = {&h_pure, &h_reads, &h_writes, &h_rmw, &h_raise};

/* ---- the generator ------------------------------------------------------ */

enum { POOL_MAX = 256, MAX_DEPTH = 2 };

typedef struct Gen {
    IrBlock *b;
    IrTemp pool[POOL_MAX]; /* integer temps defined on every path from here */
    unsigned n;
    unsigned depth;        /* nesting of forward branch regions */
    uint32_t next_pc;      /* guest pc for insn_start / exits */
} Gen;

static void keep(Gen *g, IrTemp t)
{
    if (t && g->n < POOL_MAX)
        g->pool[g->n++] = t;
}

static uint64_t edge_const(IrType ty)
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
        return rnd(MEM_SIZE);
    default:
        return rnd64();
    }
}

static IrTemp fresh_const(Gen *g, IrType ty)
{
    return ir_const(g->b, ty, edge_const(ty) & (ty == IR_I32 ? 0xffffffffull : ~0ull));
}

/* An operand of type ty: mostly a temp from the pool, sometimes a new
 * constant (so folding and the identities get their chance). */
static IrTemp pick(Gen *g, IrType ty)
{
    if (rnd(4) != 0) {
        for (int tries = 0; tries < 10 && g->n; tries++) {
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

static IrType rnd_type(void)
{
    return rnd(2) ? IR_I32 : IR_I64;
}

/* An env offset for a value of type ty inside TestCpu.env; offsets step
 * by 4 (sometimes 1 or 2) so i32 and i64 slots overlap each other. */
static uint32_t env_off(IrType ty)
{
    unsigned size = ty == IR_I32 ? 4 : 8;
    unsigned off = 4 * rnd((ENV_BYTES - size) / 4 + 1);
    if (rnd(10) == 0 && off + size + 2 <= ENV_BYTES)
        off += 1 + rnd(2);
    return OFF_ENV + off;
}

/* A guest address inside [0, MEM_SIZE) of either width. */
static IrTemp gen_addr(Gen *g)
{
    IrType ty = rnd_type();
    static const uint64_t masks[] = {0xff, 0xf8, 0xfc, 0xf0, 0x7f};
    switch (rnd(3)) {
    case 0:
        return ir_const(g->b, ty, rnd(MEM_SIZE));
    case 1:
        return ir_andi(g->b, pick(g, ty), masks[rnd(G_N_ELEMENTS(masks))]);
    default:
        return ir_addi(g->b, ir_andi(g->b, pick(g, ty), 0x7f), rnd(0x80));
    }
}

static IrMemop rnd_memop(IrType ty, bool load)
{
    unsigned size = rnd(ty == IR_I32 ? 3 : 4);
    unsigned mo = size;
    if (rnd(2))
        mo |= IR_MO_BE;
    if (load && rnd(2))
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

static const IrOpcode unops[] = {
    IR_OP_not, IR_OP_neg, IR_OP_sext8, IR_OP_sext16, IR_OP_zext8, IR_OP_zext16,
    IR_OP_bswap16, IR_OP_bswap32, IR_OP_clz, IR_OP_ctz, IR_OP_popcnt, IR_OP_mov,
};

static const IrOpcode unops64[] = {IR_OP_sext32, IR_OP_zext32, IR_OP_bswap64};

static void gen_insn(Gen *g);

/* A binary op; the second operand is often a fresh edge constant. */
static void gen_binop(Gen *g, IrType ty)
{
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

static void gen_bits(Gen *g, IrType ty)
{
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

static void gen_memory(Gen *g, IrType ty)
{
    IrTemp addr = gen_addr(g);
    switch (rnd(7)) {
    case 0: case 1: case 2:
        keep(g, ir_ld(g->b, ty, rnd_memop(ty, true), addr));
        break;
    case 3: case 4: case 5:
        ir_st(g->b, rnd_memop(ty, false), addr, pick(g, ty));
        break;
    default:
        if (rnd(4) == 0)
            ir_fence(g->b);
        keep(g, ir_cmpxchg(g->b, rnd_memop(ty, false), addr, pick(g, ty), pick(g, ty)));
        break;
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

/* Float bit operations, which the folder evaluates on constants. */
static void gen_float_bits(Gen *g)
{
    IrType ty = rnd_type();
    IrType ft = ty == IR_I32 ? IR_F32 : IR_F64;
    IrTemp f = ir_bitcast(g->b, ft, pick(g, ty));
    switch (rnd(3)) {
    case 0: f = ir_op1(g->b, IR_OP_fneg, f); break;
    case 1: f = ir_op1(g->b, IR_OP_fabs, f); break;
    default: f = ir_mov(g->b, f); break;
    }
    keep(g, ir_bitcast(g->b, ty, f));
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
    if (rnd(3) == 0)
        src = ir_op2(g->b, binops[rnd(G_N_ELEMENTS(binops))], src, pick(g, ty));
    ir_mov_to(g->b, x, src);
}

/* Leave the block: goto_tb (unlinked), exit with a reason after storing
 * pc, or goto_ptr to a computed pc (the jump cache is empty). */
static void gen_exit(Gen *g)
{
    IrBlock *b = g->b;
    switch (rnd(3)) {
    case 0:
        ir_goto_tb(b, rnd(2), 0x40000 + 4 * (uint64_t)rnd(1024));
        break;
    case 1:
        if (rnd(4) != 0)
            ir_st_env(b, IR_I64, OFF_PC, ir_const64(b, 0x50000 + 4 * (uint64_t)rnd(1024)));
        ir_exit(b, (int)(EXIT_SYSCALL + rnd(EXIT_DEBUG - EXIT_SYSCALL + 1)));
        break;
    default: {
        IrType ty = rnd_type();
        ir_goto_ptr(b, ir_ori(b, pick(g, ty), 0x60000));
        break;
    }
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

static void gen_insn(Gen *g)
{
    IrBlock *b = g->b;
    IrType ty = rnd_type();
    switch (rnd(32)) {
    case 0: case 1: case 2: case 3:
        keep(g, ir_ld_env(b, ty, env_off(ty)));
        break;
    case 4: case 5: case 6: case 7:
        ir_st_env(b, ty, env_off(ty), pick(g, ty));
        break;
    case 8: case 9: case 10: case 11: case 12: case 13:
        gen_binop(g, ty);
        break;
    case 14: case 15:
        keep(g, ir_op1(b, unops[rnd(G_N_ELEMENTS(unops))], pick(g, ty)));
        break;
    case 16:
        keep(g, ir_op1(b, unops64[rnd(G_N_ELEMENTS(unops64))], pick(g, IR_I64)));
        break;
    case 17:
        switch (rnd(3)) {
        case 0: keep(g, ir_ext_i32s(b, pick(g, IR_I32))); break;
        case 1: keep(g, ir_ext_i32u(b, pick(g, IR_I32))); break;
        default: keep(g, ir_trunc_i64(b, pick(g, IR_I64))); break;
        }
        break;
    case 18:
        keep(g, ir_setcond(b, (IrCond)rnd(IR_NCONDS), pick(g, ty), pick(g, ty)));
        break;
    case 19: {
        IrTemp x = pick(g, ty), y = rnd(4) == 0 ? x : pick(g, ty);
        IrTemp t = pick(g, ty), f = rnd(5) == 0 ? t : pick(g, ty);
        keep(g, ir_movcond(b, (IrCond)rnd(IR_NCONDS), x, y, t, f));
        break;
    }
    case 20: case 21:
        gen_bits(g, ty);
        break;
    case 22: case 23: case 24:
        gen_memory(g, ty);
        break;
    case 25:
        gen_call(g);
        break;
    case 26:
        gen_float_bits(g);
        break;
    case 27: case 28:
        gen_mov_to(g);
        break;
    case 29:
        if (g->depth < MAX_DEPTH) {
            gen_region(g);
            break;
        }
        /* fall through */
    case 30:
        ir_insn_start(b, g->next_pc);
        g->next_pc += 4;
        break;
    default:
        keep(g, ir_mov(b, pick(g, ty)));
        break;
    }
}

static void gen_block(IrBlock *b)
{
    Gen g = {.b = b, .n = 0, .depth = 0, .next_pc = (uint32_t)b->pc};
    unsigned n = 4 + rnd(70);
    ir_insn_start(b, g.next_pc);
    g.next_pc += 4;
    /* a few guest registers to start from */
    for (unsigned i = 0, k = rnd(4); i < k; i++) {
        IrType ty = rnd_type();
        keep(&g, ir_ld_env(b, ty, env_off(ty)));
    }
    for (unsigned i = 0; i < n; i++) {
        if (rnd(7) == 0)
            gen_region(&g);
        else
            gen_insn(&g);
    }
    gen_exit(&g);
}

/* ---- running a block ---------------------------------------------------- */

static void copy_block(IrBlock *dst, const IrBlock *src)
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

static void make_start(Start *s, uint64_t pc)
{
    s->pc = pc;
    for (unsigned i = 0; i < ENV_BYTES; i++)
        s->env[i] = (uint8_t)rnd64();
    for (unsigned i = 0; i < MEM_ALLOC; i++)
        s->mem[i] = (uint8_t)rnd64();
    /* some equal words, so conditions and compares see both outcomes */
    if (rnd(2))
        memcpy(s->env + 4 * rnd(ENV_BYTES / 4), s->env + 4 * rnd(ENV_BYTES / 4), 4);
    if (rnd(2))
        memset(s->env + 4 * rnd(ENV_BYTES / 4), rnd(2) ? 0 : 0xff, 4);
}

/* Run tb, landing here if a helper leaves through cpu_loop_exit() (as
 * cpu_exec does, which this test does not use). */
static ExitReason run_catching(TranslationBlock *tb)
{
    int jumped = sigsetjmp(cpu.common.loop_exit, 0);
    if (jumped)
        return (ExitReason)jumped;
    return backend_interp.run(NULL, &cpu.common, tb);
}

static void run_block(const IrBlock *b, const Start *s, Outcome *o)
{
    TranslationBlock tb = {.pc = b->pc, .flags = b->tb_flags};
    size_t bytes = 0;
    tb.code = backend_interp.compile(NULL, b, &tb, &bytes);
    if (!tb.code) {
        ir_dump(b, stderr);
        g_error("backend_interp.compile refused a verified block");
    }
    memset(&cpu, 0, sizeof cpu);
    cpu.common.pc = s->pc;
    cpu.common.guest_base = guest_mem;
    cpu.common.jmp_cache = jmp_cache;
    cpu.common.last_slot = -1;
    cpu.common.in_guest = 1;
    memcpy(cpu.env, s->env, ENV_BYTES);
    memcpy(guest_mem, s->mem, MEM_ALLOC);

    memset(o, 0, sizeof *o);
    o->reason = run_catching(&tb);
    o->pc = cpu.common.pc;
    o->last_slot = cpu.common.last_slot;
    memcpy(o->env, cpu.env, ENV_BYTES);
    memcpy(o->mem, guest_mem, MEM_ALLOC);
    backend_interp.free_code(NULL, tb.code);
}

/* The first difference between two outcomes, or NULL. */
static const char *differ(const Outcome *x, const Outcome *y, char *buf, size_t len)
{
    if (x->reason != y->reason)
        snprintf(buf, len, "exit reason %d, optimized %d", x->reason, y->reason);
    else if (x->pc != y->pc)
        snprintf(buf, len, "cpu->pc 0x%" PRIx64 ", optimized 0x%" PRIx64, x->pc, y->pc);
    else if (x->last_slot != y->last_slot)
        snprintf(buf, len, "last_slot %d, optimized %d", x->last_slot, y->last_slot);
    else if (memcmp(x->env, y->env, ENV_BYTES) != 0) {
        unsigned i = 0;
        while (x->env[i] == y->env[i])
            i++;
        snprintf(buf, len, "env byte %u (offset %u): 0x%02x, optimized 0x%02x", i, OFF_ENV + i,
                 x->env[i], y->env[i]);
    } else if (memcmp(x->mem, y->mem, MEM_ALLOC) != 0) {
        unsigned i = 0;
        while (x->mem[i] == y->mem[i])
            i++;
        snprintf(buf, len, "guest memory byte %u: 0x%02x, optimized 0x%02x", i, x->mem[i], y->mem[i]);
    } else {
        return NULL;
    }
    return buf;
}

/* Optimize a copy of b and compare; returns false (with why) on a
 * mismatch or an invalid optimized block. */
static bool check_block(const IrBlock *b, const Start *s, IrBlock *opt_out, char *why, size_t len,
                        bool *opt_changed)
{
    copy_block(opt_out, b);
    opt_run(opt_out);
    char err[160];
    if (!ir_verify(opt_out, err, sizeof err)) {
        snprintf(why, len, "opt_run left an invalid block: %s", err);
        return false;
    }
    if (opt_changed)
        *opt_changed = opt_out->ninsns != b->ninsns;
    static Outcome before, after;
    run_block(b, s, &before);
    run_block(opt_out, s, &after);
    return differ(&before, &after, why, len) == NULL;
}

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

/* Drop instructions from a failing block while it stays valid and still
 * fails, so the report shows a small block. Only instructions whose
 * results nobody reads go, so no temp is left defined on some paths
 * only. */
static void shrink(IrBlock *b, const Start *s)
{
    char why[256], err[256];
    bool progress = true;
    while (progress) {
        progress = false;
        for (uint32_t i = b->ninsns - 1; i-- > 0;) {
            if (defs_used(b, i))
                continue;
            IrBlock trial;
            copy_block(&trial, b);
            memmove(&trial.insns[i], &trial.insns[i + 1], (trial.ninsns - i - 1) * sizeof(IrInsn));
            trial.ninsns--;
            bool keep_it = false;
            if (ir_verify(&trial, err, sizeof err)) {
                IrBlock o;
                keep_it = !check_block(&trial, s, &o, why, sizeof why, NULL);
                ir_block_free(&o);
            }
            if (keep_it) {
                ir_block_free(b);
                *b = trial;
                progress = true;
            } else {
                ir_block_free(&trial);
            }
        }
    }
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *v = g_getenv(name);
    return v && *v ? g_ascii_strtoull(v, NULL, 0) : dflt;
}

static void test_opt_matches_interp(void)
{
    uint64_t seed = env_u64("MORPH_OPT_SEED", (uint64_t)g_get_real_time());
    uint64_t nblocks = env_u64("MORPH_OPT_BLOCKS", DEFAULT_BLOCKS);
    g_printerr("# test_opt_interp: seed %" PRIu64 " (replay: MORPH_OPT_SEED=%" PRIu64 "), %" PRIu64 " blocks\n",
               seed, seed, nblocks);

    static Start start;
    unsigned changed = 0, exits[EXIT_DEBUG + 1] = {0};
    uint64_t insns_before = 0, insns_after = 0;
    for (uint64_t i = 0; i < nblocks; i++) {
        rng_seed(seed ^ (i * 0xd1342543de82ef95ull));
        IrBlock b;
        ir_block_init(&b, 0x10000 + 0x100 * (i & 0xff), 0);
        gen_block(&b);
        char err[256], why[256];
        if (!ir_verify(&b, err, sizeof err)) {
            ir_dump(&b, stderr);
            g_error("seed %" PRIu64 " block %" PRIu64 ": generated block is invalid: %s", seed, i, err);
        }
        make_start(&start, b.pc);

        IrBlock o;
        bool opt_changed = false;
        if (!check_block(&b, &start, &o, why, sizeof why, &opt_changed)) {
            fprintf(stderr, "seed %" PRIu64 " block %" PRIu64 ": %s\n---- block as generated\n", seed, i, why);
            ir_dump(&b, stderr);
            ir_block_free(&o);
            shrink(&b, &start);
            check_block(&b, &start, &o, why, sizeof why, NULL);
            fprintf(stderr, "---- shrunk block (%s)\n", why);
            ir_dump(&b, stderr);
            fprintf(stderr, "---- after opt_run\n");
            ir_dump(&o, stderr);
            fprintf(stderr, "---- initial env:");
            for (unsigned k = 0; k < ENV_BYTES; k++)
                fprintf(stderr, "%s%02x", k % 4 ? "" : " ", start.env[k]);
            fprintf(stderr, "\n");
            g_error("seed %" PRIu64 " block %" PRIu64 ": optimized block behaves differently: %s", seed, i, why);
        }
        static Outcome res;
        run_block(&o, &start, &res);
        if ((unsigned)res.reason <= EXIT_DEBUG)
            exits[res.reason]++;
        changed += opt_changed;
        insns_before += b.ninsns;
        insns_after += o.ninsns;
        ir_block_free(&o);
        ir_block_free(&b);
    }
    g_printerr("# test_opt_interp: %u of %" PRIu64 " blocks changed by opt_run, %" PRIu64 " -> %" PRIu64
               " insns; exits: none %u, syscall %u, trap %u\n",
               changed, nblocks, insns_before, insns_after, exits[EXIT_NONE], exits[EXIT_SYSCALL],
               exits[EXIT_TRAP]);
    if (nblocks >= 1000) {
        /* the run covered what it claims: the optimizer acted, and blocks
         * left both through goto_tb/goto_ptr and through exit */
        g_assert_cmpuint(changed, >, nblocks / 2);
        g_assert_cmpuint(exits[EXIT_NONE], >, nblocks / 10);
        g_assert_cmpuint(nblocks - exits[EXIT_NONE], >, nblocks / 10);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    guest_mem = g_malloc0(MEM_ALLOC);
    g_test_add_func("/opt/interp/random_blocks_agree", test_opt_matches_interp);
    int rc = g_test_run();
    g_free(guest_mem);
    return rc;
}
