/* tests/unit/test_opt_interp.c — the optimizer checked against the
 * interpreter: random valid IR blocks (random_ir.c) run on backend_interp
 * twice, as built and after opt_run, from the same CPU state, guest
 * memory and FP rounding mode; the exit reason, cpu->pc, goto_tb slot,
 * sticky FP flags, every env byte and every guest-memory byte must be
 * identical, and both blocks must pass ir_verify. Exits go nowhere here
 * (nothing linked, an empty jump cache): what the optimizer must keep is
 * the state a block leaves behind.
 *
 * The seed is printed; MORPH_OPT_SEED=<n> replays a run and
 * MORPH_OPT_BLOCKS=<n> changes how many blocks are tried. A failing block
 * is shrunk (instructions dropped while the difference stays) and both
 * forms are dumped.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "ir/opt.h"
#include "random_ir.h"

enum { DEFAULT_BLOCKS = 12000 };

static RirMachine *machine;

/* Run b and its optimized form (left in opt_out) from s; false, with why,
 * on a difference or an invalid optimized block. */
static bool check_block(const IrBlock *b, const RirStart *s, IrBlock *opt_out, char *why, size_t len)
{
    rir_copy_block(opt_out, b);
    opt_run(opt_out);
    char err[160];
    if (!ir_verify(opt_out, err, sizeof err)) {
        snprintf(why, len, "opt_run left an invalid block: %s", err);
        return false;
    }
    static RirOutcome before, after;
    const RirWorld bare = {.chained = false};
    TranslationBlock *tb = rir_compile(machine, b);
    rir_run(machine, tb, b, bare, s, &before);
    rir_tb_free(machine, tb);
    tb = rir_compile(machine, opt_out);
    rir_run(machine, tb, opt_out, bare, s, &after);
    rir_tb_free(machine, tb);
    return rir_differ(&before, "as built", &after, "optimized", why, len) == NULL;
}

/* A failure being shrunk: its start and the kind of difference it shows
 * (the text before the first ':' or '('), which shrinking keeps. */
typedef struct Failure {
    const RirStart *start;
    char kind[64];
} Failure;

static void kind_of(const char *why, char *kind, size_t len)
{
    g_strlcpy(kind, why, MIN(len, strcspn(why, ":(") + 1));
}

static bool still_fails(const IrBlock *b, void *data)
{
    const Failure *f = data;
    char why[512], kind[sizeof f->kind];
    IrBlock o;
    bool fails = !check_block(b, f->start, &o, why, sizeof why);
    ir_block_free(&o);
    if (!fails)
        return false;
    kind_of(why, kind, sizeof kind);
    return strcmp(kind, f->kind) == 0;
}

static uint64_t env_u64(const char *name, uint64_t dflt)
{
    const char *v = g_getenv(name);
    return v && *v ? g_ascii_strtoull(v, NULL, 0) : dflt;
}

static void report(uint64_t seed, uint64_t i, IrBlock *b, RirStart *start, const char *why)
{
    fprintf(stderr, "seed %" PRIu64 " block %" PRIu64 ": %s\n---- block as generated\n", seed, i, why);
    ir_dump(b, stderr);
    Failure f = {.start = start};
    kind_of(why, f.kind, sizeof f.kind);
    rir_shrink(b, still_fails, &f);
    IrBlock o;
    char shrunk_why[512];
    check_block(b, start, &o, shrunk_why, sizeof shrunk_why);
    fprintf(stderr, "---- shrunk block (%s)\n", shrunk_why);
    ir_dump(b, stderr);
    fprintf(stderr, "---- after opt_run\n");
    ir_dump(&o, stderr);
    ir_block_free(&o);
    g_error("seed %" PRIu64 " block %" PRIu64 ": optimized block behaves differently: %s", seed, i, why);
}

static void test_opt_matches_interp(void)
{
    uint64_t seed = env_u64("MORPH_OPT_SEED", (uint64_t)g_get_real_time());
    uint64_t nblocks = env_u64("MORPH_OPT_BLOCKS", DEFAULT_BLOCKS);
    g_printerr("# test_opt_interp: seed %" PRIu64 " (replay: MORPH_OPT_SEED=%" PRIu64 "), %" PRIu64
               " blocks\n",
               seed, seed, nblocks);

    static RirStart start;
    static RirOutcome res;
    unsigned changed = 0, exits[EXIT_DEBUG + 1] = {0};
    uint64_t insns_before = 0, insns_after = 0;
    for (uint64_t i = 0; i < nblocks; i++) {
        rir_seed(seed ^ (i * 0xd1342543de82ef95ull));
        IrBlock b;
        ir_block_init(&b, 0x10000 + 0x100 * (i & 0xff), 0);
        rir_gen_block(&b);
        char err[256], why[512];
        if (!ir_verify(&b, err, sizeof err)) {
            ir_dump(&b, stderr);
            g_error("seed %" PRIu64 " block %" PRIu64 ": generated block is invalid: %s", seed, i, err);
        }
        rir_make_start(&start, b.pc);

        IrBlock o;
        if (!check_block(&b, &start, &o, why, sizeof why)) {
            ir_block_free(&o);
            report(seed, i, &b, &start, why);
        }
        TranslationBlock *tb = rir_compile(machine, &o);
        rir_run(machine, tb, &o, (RirWorld){.chained = false}, &start, &res);
        rir_tb_free(machine, tb);
        if ((unsigned)res.reason <= EXIT_DEBUG)
            exits[res.reason]++;
        changed += o.ninsns != b.ninsns;
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
    machine = rir_machine_new(&backend_interp, false);
    g_test_add_func("/opt/interp/random_blocks_agree", test_opt_matches_interp);
    int rc = g_test_run();
    rir_machine_free(machine);
    return rc;
}
