/* tests/unit/test_jit_interp.c — the JIT checked against the interpreter,
 * the oracle: random valid IR blocks (random_ir.c), most of them
 * optimized with opt_run first and one in four as built, each compiled
 * on both backends and run once on each from identical starting states
 * (guest state bytes, guest memory, host rounding mode with the sticky FP
 * flags cleared) in the same world (landing blocks in the jump cache,
 * goto_tb and return slots linked or not). Exit reason, cpu->pc,
 * last_slot and last_tb, exit_request, the sticky FP flags afterwards
 * (fetestexcept), every guest-state byte and every guest-memory byte must
 * be identical.
 *
 * Block i of a run uses seed MORPH_JIT_SEED + i (default seed fixed, so
 * every run tries the same blocks); MORPH_JIT_BLOCKS sets how many. A
 * mismatch prints the block's seed with the line that replays it alone,
 * the first difference, the block, and a shrunk block that still
 * differs; a crash or a hang inside a block prints its seed too.
 */
#include <fenv.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "ir/opt.h"
#include "random_ir.h"

enum {
    DEFAULT_BLOCKS = 10000,
    DEFAULT_SEED = 20240601,
    UNOPTIMIZED_EVERY = 4, /* the block of seed s runs as built when s % this == 0 */
    MAX_REPORTS = 5,       /* mismatches shown in full; the rest in one line each */
    BLOCK_ALARM_S = 30,    /* a block still running after this has hung */
};

static RirMachine *interp, *jit;

/* ---- a crash or hang names its block ----------------------------------- */

static volatile uint64_t current_seed;

static void write_str(const char *s)
{
    ssize_t ignored = write(STDERR_FILENO, s, strlen(s));
    (void)ignored;
}

static void write_u64(uint64_t v)
{
    char digits[24];
    int n = sizeof digits;
    digits[--n] = '\0';
    do {
        digits[--n] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    write_str(digits + n);
}

static void on_fatal_signal(int sig)
{
    write_str(sig == SIGALRM ? "\ntest_jit_interp: block hung" : "\ntest_jit_interp: crashed");
    write_str(" in the block of seed ");
    write_u64(current_seed);
    write_str(" (replay: MORPH_JIT_SEED=");
    write_u64(current_seed);
    write_str(" MORPH_JIT_BLOCKS=1)\n");
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_fatal_signals(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGALRM};
    for (size_t i = 0; i < G_N_ELEMENTS(sigs); i++)
        signal(sigs[i], on_fatal_signal);
}

/* ---- one block on both backends ------------------------------------------ */

typedef struct Case {
    const RirStart *start;
    RirWorld world;
    char kind[64]; /* what differs ("exit reason", "env byte 12", ...): shrinking keeps it */
} Case;

static RirOutcome want, got;

/* Run b on both; false, with the first difference in why, if they differ. */
static bool agree(const IrBlock *b, const Case *c, char *why, size_t len)
{
    TranslationBlock *ti = rir_compile(interp, b), *tj = rir_compile(jit, b);
    rir_run(interp, ti, b, c->world, c->start, &want);
    rir_run(jit, tj, b, c->world, c->start, &got);
    rir_tb_free(interp, ti);
    rir_tb_free(jit, tj);
    return rir_differ(&want, "interp", &got, "jit", why, len) == NULL;
}

/* The kind of a difference: its text up to the first ':' or '('. */
static void kind_of(const char *why, char *kind, size_t len)
{
    g_strlcpy(kind, why, MIN(len, strcspn(why, ":(") + 1));
}

static bool still_differs(const IrBlock *b, void *data)
{
    const Case *c = data;
    char why[512], kind[sizeof c->kind];
    if (agree(b, c, why, sizeof why))
        return false;
    kind_of(why, kind, sizeof kind);
    return strcmp(kind, c->kind) == 0;
}

static void dump_bytes(const char *what, const uint8_t *p, unsigned n)
{
    fprintf(stderr, "---- %s:", what);
    for (unsigned k = 0; k < n; k++)
        fprintf(stderr, "%s%02x", k % 32 == 0 ? "\n  " : k % 8 == 0 ? "  " : " ", p[k]);
    fprintf(stderr, "\n");
}

static void report(uint64_t seed, bool optimized, IrBlock *b, Case *c, const char *why)
{
    kind_of(why, c->kind, sizeof c->kind);
    fprintf(stderr,
            "\n==== test_jit_interp: block of seed %" PRIu64 " (replay: MORPH_JIT_SEED=%" PRIu64
            " MORPH_JIT_BLOCKS=1)\n"
            "     %s; %s, %s, goto_tb slots linked 0x%x, rounding mode 0x%x, exit_request %d\n"
            "     first difference: %s\n---- the block as run\n",
            seed, seed, optimized ? "optimized" : "as built", c->world.chained ? "chained" : "not chained",
            c->world.chained ? "landings in the jump cache" : "empty jump cache", c->world.link_slots,
            c->start->round, c->start->exit_request, why);
    ir_dump(b, stderr);
    dump_bytes("starting env (RirCpu.env)", c->start->env, RIR_ENV_BYTES);
    rir_shrink(b, still_differs, c);
    char shrunk_why[512];
    agree(b, c, shrunk_why, sizeof shrunk_why);
    fprintf(stderr, "---- shrunk to %u insns, still differing (%s)\n", b->ninsns, shrunk_why);
    ir_dump(b, stderr);
}

/* ---- the run ------------------------------------------------------------ */

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *v = g_getenv(name);
    return v && *v ? g_ascii_strtoull(v, NULL, 0) : dflt;
}

typedef struct Tally {
    unsigned exits[EXIT_DEBUG + 1];
    unsigned landed;     /* ended in a landing block, through a chain or the jump cache */
    unsigned fp_invalid; /* raised the invalid flag */
    unsigned unoptimized;
    unsigned mismatches;
} Tally;

static void count(Tally *t, const RirOutcome *o)
{
    if ((unsigned)o->reason <= EXIT_DEBUG)
        t->exits[o->reason]++;
    for (unsigned k = 0; k < RIR_NLANDINGS / 2; k++)
        t->landed += o->reason != EXIT_NONE && o->pc == RIR_LANDING_PC(k) + 4;
    t->fp_invalid += (o->fp_flags & FE_INVALID) != 0;
}

/* Block `seed`: generate, maybe optimize, run on both; false on a
 * difference (reported in full while reports are left). Everything about
 * the block follows from its seed, so one seed replays it alone. */
static bool check_one(uint64_t seed, Tally *t)
{
    static RirStart start;
    current_seed = seed;
    rir_seed(seed);
    IrBlock b;
    ir_block_init(&b, 0x10000 + 0x100 * (seed & 0xff), 0);
    rir_gen_block(&b);
    bool optimized = seed % UNOPTIMIZED_EVERY != 0;
    if (optimized)
        opt_run(&b);
    char err[256];
    if (!ir_verify(&b, err, sizeof err)) {
        ir_dump(&b, stderr);
        g_error("block of seed %" PRIu64 " does not verify%s: %s", seed, optimized ? " after opt_run" : "",
                err);
    }
    rir_make_start(&start, b.pc);
    Case c = {.start = &start, .world = rir_random_world(&b)};

    char why[512];
    bool ok = agree(&b, &c, why, sizeof why);
    if (ok)
        count(t, &want);
    else if (t->mismatches++ < MAX_REPORTS)
        report(seed, optimized, &b, &c, why);
    else
        fprintf(stderr, "test_jit_interp: block of seed %" PRIu64 " differs too: %s\n", seed, why);
    t->unoptimized += !optimized;
    ir_block_free(&b);
    return ok;
}

static void test_random_blocks_agree(void)
{
    if (!jit) {
        g_test_skip("no JIT in this build");
        return;
    }
    uint64_t seed = env_u64("MORPH_JIT_SEED", DEFAULT_SEED);
    uint64_t nblocks = env_u64("MORPH_JIT_BLOCKS", DEFAULT_BLOCKS);
    g_printerr("# test_jit_interp: %" PRIu64 " blocks, seeds %" PRIu64 "..%" PRIu64 "\n", nblocks, seed,
               seed + nblocks - 1);
    catch_fatal_signals();
    Tally t = {0};
    for (uint64_t i = 0; i < nblocks; i++) {
        alarm(BLOCK_ALARM_S);
        check_one(seed + i, &t);
    }
    alarm(0);
    g_printerr("# test_jit_interp: %u of %" PRIu64 " blocks differ; %u run as built; exits: none %u, "
               "interrupt %u, syscall %u, trap %u, halt %u; %u ended in a landing, %u raised FE_INVALID\n",
               t.mismatches, nblocks, t.unoptimized, t.exits[EXIT_NONE], t.exits[EXIT_INTERRUPT],
               t.exits[EXIT_SYSCALL], t.exits[EXIT_TRAP], t.exits[EXIT_HALT], t.landed, t.fp_invalid);
    if (t.mismatches)
        g_test_fail_printf("%u of %" PRIu64
                           " random blocks run differently on the JIT (first %d shown in full above)",
                           t.mismatches, nblocks, MAX_REPORTS);
    if (nblocks >= 1000 && !t.mismatches) {
        /* the run covered what it claims: exits of each kind, chains into
         * the landing blocks, helpers that raise, FP exceptions */
        g_assert_cmpuint(t.exits[EXIT_NONE], >, nblocks / 10);
        g_assert_cmpuint(t.exits[EXIT_INTERRUPT], >, nblocks / 200);
        g_assert_cmpuint(t.exits[EXIT_TRAP], >, nblocks / 100);
        g_assert_cmpuint(t.landed, >, nblocks / 10);
        g_assert_cmpuint(t.fp_invalid, >, nblocks / 10);
    }
}

/* random_ir.c: also generate the x87 ops (both backends run them). */
extern bool rir_with_x87;

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    rir_with_x87 = true;
    const Backend *jit_backend = backend_by_name("jit");
    interp = rir_machine_new(&backend_interp, true);
    jit = jit_backend ? rir_machine_new(jit_backend, true) : NULL;
    g_test_add_func("/jit/interp/random_blocks_agree", test_random_blocks_agree);
    int rc = g_test_run();
    if (jit)
        rir_machine_free(jit);
    rir_machine_free(interp);
    return rc;
}
