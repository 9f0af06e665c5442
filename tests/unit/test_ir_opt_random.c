/* tests/unit/test_ir_opt_random.c — random valid blocks through the
 * optimizer: every pass alone and the whole opt_run keep ir_verify true,
 * and a small reference evaluator written here from ops.def (integer ops,
 * env, guest memory, labels/branches, calls, exits) gives the same final
 * env, memory and exit before and after opt_run. */
#include <glib.h>
#include <string.h>

#include "ir/ir.h"
#include "ir/opt.h"

/* ---- a tiny deterministic PRNG ---------------------------------------- */
static uint64_t rng;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

/* ---- helpers the blocks call ------------------------------------------ */
enum { ENV_SIZE = 64, MEM_SIZE = 256 };
typedef struct Machine {
    uint8_t env[ENV_SIZE];
    uint8_t mem[MEM_SIZE];
    int64_t exit_code;
} Machine;

static uint32_t env32(Machine *m, unsigned off) { uint32_t v; memcpy(&v, m->env + off, 4); return v; }

static const IrHelper h_pure = {.name = "pure", .flags = IR_HELPER_PURE, .has_ret = true,
                                .ret = IR_I32, .nargs = 1, .args = {IR_I32}};
static const IrHelper h_wenv = {.name = "wenv", .flags = IR_HELPER_WRITES_ENV | IR_HELPER_READS_ENV,
                                .nargs = 1, .args = {IR_I32}};
static const IrHelper h_reads = {.name = "reads", .flags = IR_HELPER_READS_ENV, .has_ret = true,
                                 .ret = IR_I32, .nargs = 0};
static const IrHelper h_raise = {.name = "raise", .flags = IR_HELPER_MAY_RAISE, .has_ret = true,
                                 .ret = IR_I64, .nargs = 2, .args = {IR_I64, IR_I32}};
static const IrHelper *const helpers[] = {&h_pure, &h_wenv, &h_reads, &h_raise};

static uint64_t call_helper(Machine *m, const IrHelper *h, const uint64_t *a)
{
    if (h == &h_pure)
        return (uint32_t)(a[0] * 3 + 1);
    if (h == &h_wenv) {
        uint32_t v = env32(m, 0x20) + (uint32_t)a[0];
        memcpy(m->env + 0x20, &v, 4);
        return 0;
    }
    if (h == &h_reads)
        return env32(m, 0x8) ^ env32(m, 0x10);
    return a[0] ^ (a[1] << 7);
}

/* ---- the reference evaluator ------------------------------------------ */
static uint64_t mask_of(IrType t) { return t == IR_I32 ? 0xffffffffull : ~0ull; }
static int64_t sx(uint64_t v, IrType t) { return t == IR_I32 ? (int64_t)(int32_t)v : (int64_t)v; }

static bool cond(IrCond c, uint64_t a, uint64_t b, IrType t)
{
    int64_t sa = sx(a, t), sb = sx(b, t);
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
    default: return a > b;
    }
}

static uint64_t arith(IrOpcode op, uint64_t a, uint64_t b, IrType t)
{
    unsigned w = t == IR_I32 ? 32 : 64, c = (unsigned)(b % w);
    int64_t sa = sx(a, t), sb = sx(b, t);
    int64_t min = t == IR_I32 ? INT32_MIN : INT64_MIN;
    switch (op) {
    case IR_OP_add: return a + b;
    case IR_OP_sub: return a - b;
    case IR_OP_mul: return a * b;
    case IR_OP_and: return a & b;
    case IR_OP_or: return a | b;
    case IR_OP_xor: return a ^ b;
    case IR_OP_shl: return a << c;
    case IR_OP_shr: return a >> c;
    case IR_OP_sar: return (uint64_t)(sa >> c);
    case IR_OP_divu: return b ? a / b : 0;
    case IR_OP_remu: return b ? a % b : a;
    case IR_OP_divs: return sb == 0 ? 0 : (sa == min && sb == -1) ? (uint64_t)min : (uint64_t)(sa / sb);
    case IR_OP_rems: return sb == 0 ? a : sb == -1 ? 0 : (uint64_t)(sa % sb);
    case IR_OP_not: return ~a;
    case IR_OP_neg: return -a;
    default: g_assert_not_reached();
    }
}

static void evaluate(const IrBlock *b, Machine *m)
{
    uint64_t *t = g_new0(uint64_t, b->ntemps + 1);
    uint32_t *label_at = g_new0(uint32_t, b->nlabels + 1);
    for (uint32_t i = 0; i < b->ninsns; i++)
        if (b->insns[i].op == IR_OP_label)
            label_at[b->insns[i].imm] = i;
    unsigned steps = 0;
    for (uint32_t pc = 0; pc < b->ninsns; pc++) {
        const IrInsn *in = &b->insns[pc];
        IrType ty = (IrType)in->type;
        uint64_t r = 0;
        g_assert_cmpuint(++steps, <, 100000);
        switch (in->op) {
        case IR_OP_const: r = (uint64_t)in->imm; break;
        case IR_OP_mov: r = t[in->use[0]]; break;
        case IR_OP_ld_env: memcpy(&r, m->env + in->imm, ty == IR_I32 ? 4 : 8); break;
        case IR_OP_st_env: memcpy(m->env + in->imm, &t[in->use[0]], ty == IR_I32 ? 4 : 8); continue;
        case IR_OP_zext8: r = t[in->use[0]] & 0xff; break;
        case IR_OP_zext16: r = t[in->use[0]] & 0xffff; break;
        case IR_OP_zext32: r = t[in->use[0]] & 0xffffffffu; break;
        case IR_OP_setcond: r = cond((IrCond)in->aux, t[in->use[0]], t[in->use[1]], ty); break;
        case IR_OP_movcond:
            r = cond((IrCond)in->aux, t[in->use[0]], t[in->use[1]], ty) ? t[in->use[2]] : t[in->use[3]];
            break;
        case IR_OP_label: case IR_OP_insn_start: continue;
        case IR_OP_br: pc = label_at[in->imm]; continue;
        case IR_OP_brcond:
            if (cond((IrCond)in->aux, t[in->use[0]], t[in->use[1]], ty))
                pc = label_at[in->imm];
            continue;
        case IR_OP_ld: memcpy(&r, m->mem + (t[in->use[0]] & (MEM_SIZE - 8)), 4); break;
        case IR_OP_st: memcpy(m->mem + (t[in->use[0]] & (MEM_SIZE - 8)), &t[in->use[1]], 4); continue;
        case IR_OP_call: {
            uint64_t a[4] = {t[in->use[0]], t[in->use[1]], t[in->use[2]], t[in->use[3]]};
            r = call_helper(m, in->helper, a);
            if (!in->helper->has_ret)
                continue;
            t[in->def[0]] = r & mask_of(in->helper->ret);
            continue;
        }
        case IR_OP_goto_tb: m->exit_code = in->imm; goto out;
        case IR_OP_exit: m->exit_code = 1000 + in->imm; goto out;
        default: r = arith((IrOpcode)in->op, t[in->use[0]], t[in->use[1]], ty); break;
        }
        t[in->def[0]] = r & mask_of(ty);
    }
    g_error("fell off the block");
out:
    g_free(t);
    g_free(label_at);
}

/* ---- the generator ------------------------------------------------------ */
typedef struct Pool {
    IrTemp t[512];
    unsigned n;
} Pool;

static IrTemp pick(IrBlock *b, Pool *p, IrType ty)
{
    for (int tries = 0; tries < 8 && p->n; tries++) {
        IrTemp x = p->t[rnd(p->n)];
        if (ir_temp_type(b, x) == ty)
            return x;
    }
    static const uint64_t ks[] = {0, 1, 2, 3, 8, 16, 31, 0xff, 0xffff, 0xffffffff, 0x80000000, ~0ull};
    return ir_const(b, ty, rnd(3) ? ks[rnd(G_N_ELEMENTS(ks))] : ((uint64_t)rnd(1u << 31) << 20 | rnd(1u << 20)));
}

static void add(Pool *p, IrTemp x)
{
    if (x && p->n < G_N_ELEMENTS(p->t))
        p->t[p->n++] = x;
}

static void gen_insn(IrBlock *b, Pool *p)
{
    static const IrOpcode bin[] = {IR_OP_add, IR_OP_sub, IR_OP_mul, IR_OP_and, IR_OP_or, IR_OP_xor,
                                   IR_OP_shl, IR_OP_shr, IR_OP_sar, IR_OP_divu, IR_OP_remu,
                                   IR_OP_divs, IR_OP_rems};
    IrType ty = rnd(2) ? IR_I32 : IR_I64;
    unsigned off = ty == IR_I32 ? 4 * rnd(ENV_SIZE / 4) : 8 * rnd(ENV_SIZE / 8);
    switch (rnd(14)) {
    case 0: case 1: add(p, ir_ld_env(b, ty, off)); break;
    case 2: case 3: ir_st_env(b, ty, off, pick(b, p, ty)); break;
    case 4: case 5: case 6: add(p, ir_op2(b, bin[rnd(G_N_ELEMENTS(bin))], pick(b, p, ty), pick(b, p, ty))); break;
    case 7: add(p, ir_op1(b, rnd(2) ? IR_OP_not : IR_OP_neg, pick(b, p, ty))); break;
    case 8: add(p, ir_setcond(b, (IrCond)rnd(IR_NCONDS), pick(b, p, ty), pick(b, p, ty))); break;
    case 9: add(p, ir_movcond(b, (IrCond)rnd(IR_NCONDS), pick(b, p, ty), pick(b, p, ty),
                              pick(b, p, ty), pick(b, p, ty))); break;
    case 10: add(p, ir_mov(b, pick(b, p, ty))); break;
    case 11: {
        IrTemp addr = pick(b, p, IR_I32);
        if (rnd(2))
            add(p, ir_ld(b, IR_I32, IR_MO_32, addr));
        else
            ir_st(b, IR_MO_32, addr, pick(b, p, IR_I32));
        break;
    }
    case 12: {
        const IrHelper *h = helpers[rnd(G_N_ELEMENTS(helpers))];
        IrTemp args[4] = {0};
        for (unsigned i = 0; i < h->nargs; i++)
            args[i] = pick(b, p, h->args[i]);
        add(p, ir_call(b, h, args));
        break;
    }
    default:
        if (p->n) { /* redefine an existing temp */
            IrTemp x = p->t[rnd(p->n)];
            ir_mov_to(b, x, pick(b, p, ir_temp_type(b, x)));
        }
        break;
    }
}

static void gen_block(IrBlock *b)
{
    Pool p = {.n = 0};
    unsigned n = 5 + rnd(60);
    ir_insn_start(b, 0x1000);
    for (unsigned i = 0; i < n; i++) {
        if (rnd(8) == 0) {
            /* a forward branch region; temps born inside die at its label,
             * temps from before may be redefined inside (merge values) */
            IrLabel l = ir_new_label(b);
            IrType ty = rnd(2) ? IR_I32 : IR_I64;
            ir_brcond(b, (IrCond)rnd(IR_NCONDS), pick(b, &p, ty), pick(b, &p, ty), l);
            unsigned saved = p.n, m = rnd(8);
            for (unsigned k = 0; k < m; k++)
                gen_insn(b, &p);
            if (rnd(4) == 0)
                ir_goto_tb(b, 1, 0x2000 + i);
            p.n = saved;
            ir_label(b, l);
        } else {
            if (rnd(10) == 0)
                ir_insn_start(b, 0x1000 + 4 * i);
            gen_insn(b, &p);
        }
    }
    if (rnd(2))
        ir_goto_tb(b, 0, 0x3000);
    else
        ir_exit(b, (int)rnd(4));
}

static void copy_block(IrBlock *dst, const IrBlock *src)
{
    ir_block_init(dst, src->pc, src->tb_flags);
    for (uint32_t i = 0; i < src->ntemps; i++)
        ir_new_temp(dst, ir_temp_type(src, i + 1));
    dst->nlabels = src->nlabels;
    for (uint32_t i = 0; i < src->ninsns; i++)
        ir_emit(dst, src->insns[i]);
}

static void check_valid(const IrBlock *b, const char *after, uint64_t seed)
{
    char err[256];
    if (!ir_verify(b, err, sizeof(err))) {
        ir_dump(b, stderr);
        g_error("seed %llu: invalid after %s: %s", (unsigned long long)seed, after, err);
    }
}

static void test_random_blocks(void)
{
    static void (*const passes[])(IrBlock *) = {opt_fold, opt_env, opt_dce, opt_run};
    static const char *const names[] = {"fold", "copy", "env", "dce", "opt_run"};
    unsigned shrunk = 0;
    for (uint64_t seed = 1; seed <= 4000; seed++) {
        rng = seed * 0x9e3779b97f4a7c15ull;
        IrBlock b;
        ir_block_init(&b, 0x1000, 0);
        gen_block(&b);
        check_valid(&b, "generation", seed);

        Machine init;
        for (unsigned i = 0; i < sizeof(init.env); i++)
            init.env[i] = (uint8_t)rnd(256);
        for (unsigned i = 0; i < sizeof(init.mem); i++)
            init.mem[i] = (uint8_t)rnd(256);
        init.exit_code = -1;
        Machine want = init;
        evaluate(&b, &want);

        for (size_t k = 0; k < G_N_ELEMENTS(passes); k++) {
            IrBlock o;
            copy_block(&o, &b);
            passes[k](&o);
            check_valid(&o, names[k], seed);
            Machine got = init;
            evaluate(&o, &got);
            if (memcmp(&got, &want, sizeof(got)) != 0) {
                fprintf(stderr, "---- before\n");
                ir_dump(&b, stderr);
                fprintf(stderr, "---- after %s\n", names[k]);
                ir_dump(&o, stderr);
                g_error("seed %llu: %s changed the result", (unsigned long long)seed, names[k]);
            }
            if (k == G_N_ELEMENTS(passes) - 1 && o.ninsns < b.ninsns)
                shrunk++;
            ir_block_free(&o);
        }
        ir_block_free(&b);
    }
    g_assert_cmpuint(shrunk, >, 2000); /* the optimizer does something */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ir/opt/random_blocks", test_random_blocks);
    return g_test_run();
}
