/* tests/unit/test_ia64_disas.c — morph's IA-64 disassembler against
 * ia64-linux-gnu-objdump, slot by slot.
 *
 * Without arguments: a fixed corpus of bundles whose objdump text is
 * written beside them (assembled and disassembled by binutils 2.40).
 * With arguments OBJDUMP FILE...: runs `OBJDUMP -d FILE`, takes the 16
 * bytes of every bundle from its hex columns and compares each slot's
 * text with ia64_disas_slot's, after normalizing what is notation only
 * (";;" stops, "<symbol>" annotations, a "0x" prefix on addresses).
 * Every slot whose encoding has a form row must match; with --report
 * the mismatches are listed and counted but do not fail (for large
 * corpora such as a static glibc program).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "frontend/ia64/decode.h"

/* objdump's text, normalized: no stop marks, no <symbol>, no 0x, single
 * spaces, none before a comma (where a <symbol> was). */
static void normalize(const char *in, char *out, size_t outlen)
{
    size_t o = 0;
    for (const char *p = in; *p && o + 1 < outlen; p++) {
        if (p[0] == ';' && p[1] == ';') {
            p++;
            continue;
        }
        if (*p == '<') {
            while (*p && *p != '>')
                p++;
            if (!*p)
                break;
            continue;
        }
        if (p[0] == '0' && p[1] == 'x') {
            p++;
            continue;
        }
        if ((*p == ' ' || *p == '\t') && (o == 0 || out[o - 1] == ' '))
            continue;
        if (*p == ',' && o > 0 && out[o - 1] == ' ')
            o--;
        out[o++] = *p == '\t' ? ' ' : *p;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = 0;
}

typedef struct Corpus {
    unsigned slots, matched, mismatched, unknown;
} Corpus;

/* Compare one bundle: objdump's three (or two, for MLX) slot texts. */
static void check_bundle(Corpus *c, uint64_t addr, const uint8_t bytes[16], char *const texts[3],
                         unsigned ntexts, bool report)
{
    Ia64Bundle b;
    ia64_bundle_split(bytes, &b);
    const Ia64Template *t = &ia64_templates[b.tmpl];
    if (t->unit[0] == IA64_UNIT_NONE)
        return;
    unsigned k = 0;
    for (unsigned s = 0; s < 3 && k < ntexts; s++, k++) {
        char mine[128], want[128], mine_n[128];
        Ia64Unit unit = (Ia64Unit)t->unit[s];
        uint64_t insn = b.slot[s], imm41 = 0;
        if (unit == IA64_UNIT_L) {
            unit = IA64_UNIT_X;
            imm41 = b.slot[1];
            insn = b.slot[2];
            s = 2;
        }
        ia64_disas_slot(unit, insn, imm41, addr, mine, sizeof(mine));
        normalize(texts[k], want, sizeof(want));
        normalize(mine, mine_n, sizeof(mine_n));
        c->slots++;
        if (!ia64_find_form(unit, insn)) {
            c->unknown++;
            if (report)
                fprintf(stderr, "%llx slot %u: no form for objdump \"%s\"\n", (unsigned long long)addr, s, want);
            continue;
        }
        if (strcmp(want, mine_n) == 0) {
            c->matched++;
        } else {
            c->mismatched++;
            if (report || c->mismatched <= 40)
                fprintf(stderr, "%llx slot %u: objdump \"%s\" morph \"%s\"\n", (unsigned long long)addr, s,
                        want, mine_n);
        }
    }
}

/* Parse `objdump -d` output: a bundle starts at a line with "[XYZ]"; its
 * bytes are the hex columns of that line and the next ones. */
static void run_objdump(Corpus *c, const char *objdump, const char *file, bool report)
{
    char *argv[] = {(char *)objdump, (char *)"-d", (char *)file, NULL};
    char *out = NULL;
    gint status = 0;
    GError *err = NULL;
    g_assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &err));
    char **lines = g_strsplit(out, "\n", -1);
    uint8_t bytes[16];
    unsigned nbytes = 0, ntexts = 0;
    char *texts[3] = {NULL, NULL, NULL};
    uint64_t addr = 0;
    for (char **l = lines; *l; l++) {
        char *line = *l;
        char *colon = strchr(line, ':');
        if (!colon || colon == line || colon[1] != '\t')
            continue;
        uint64_t a = g_ascii_strtoull(line, NULL, 16);
        char *hex = colon + 1;
        char *tab = strchr(hex + 1, '\t');
        char *text = tab ? tab + 1 : NULL;
        if (text && strchr(text, '[') == text) { /* a new bundle */
            if (nbytes == 16)
                check_bundle(c, addr, bytes, texts, ntexts, report);
            for (unsigned k = 0; k < ntexts; k++)
                g_free(texts[k]);
            nbytes = ntexts = 0;
            addr = a;
            text = strchr(text, ']') + 1;
        }
        char *hex_end = tab ? tab : hex + strlen(hex);
        for (char *p = hex; p < hex_end && nbytes < 16;) {
            while (p < hex_end && (*p == ' ' || *p == '\t'))
                p++;
            if (p + 1 >= hex_end || !g_ascii_isxdigit(p[0]) || !g_ascii_isxdigit(p[1]))
                break;
            bytes[nbytes++] = (uint8_t)strtoul((char[]){p[0], p[1], 0}, NULL, 16);
            p += 2;
        }
        if (text && ntexts < 3) {
            while (*text == ' ')
                text++;
            if (*text)
                texts[ntexts++] = g_strdup(text);
        }
    }
    if (nbytes == 16)
        check_bundle(c, addr, bytes, texts, ntexts, report);
    for (unsigned k = 0; k < ntexts; k++)
        g_free(texts[k]);
    g_strfreev(lines);
    g_free(out);
}

/* ---- the fixed corpus ---------------------------------------------------- */
typedef struct Known {
    uint8_t bytes[16];
    const char *slots[3];
} Known;

/* Bytes and text from ia64-linux-gnu-objdump -d (binutils 2.40). */
static const Known known[] = {
    {{0x01, 0x08, 0x00, 0x06, 0x02, 0x32, 0x20, 0x10, 0x0c, 0x02, 0x70, 0x20, 0x30, 0x10, 0x08, 0xc0},
     {"cmp.gt.and p1,p2=r0,r3", "cmp.eq p2,p1=r2,r3", "cmp.lt p1,p2=r3,r2;;"}},
    {{0x01, 0x08, 0x00, 0x06, 0xc2, 0xfa, 0x10, 0xdc, 0x0f, 0x04, 0x66, 0x40, 0xa8, 0x18, 0x04, 0x50},
     {"cmp4.ge.or.andcm p1,p2=r0,r3", "(p03) cmp.lt.unc p1,p2=-5,r3", "tbit.z.unc p2,p1=r3,5;;"}},
    {{0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x10, 0x50, 0x0c, 0x04, 0x2c, 0x20, 0x18, 0x18, 0x08, 0x51},
     {"nop.m 0x0", "tbit.z.and p1,p2=r3,5", "tnat.nz.or p1,p2=r3;;"}},
    {{0x05, 0x08, 0x00, 0x06, 0x00, 0xa3, 0x9a, 0x78, 0x56, 0x34, 0x12, 0xa0, 0x00, 0x97, 0xf7, 0x66},
     {"adds r1=-8192,r3", "movl r5=0x123456789abcdef0;;", NULL}},
    {{0x01, 0x08, 0x00, 0x06, 0x00, 0x26, 0x10, 0x10, 0x0c, 0x24, 0x40, 0x20, 0x20, 0x18, 0xa0, 0x4e},
     {"addl r1=-2097152,r3", "shladd r1=r2,3,r3", "dep r1=r2,r3,5,9;;"}},
    {{0x11, 0x08, 0x00, 0x06, 0x1a, 0x16, 0x10, 0x50, 0x0c, 0x10, 0x29, 0x00, 0x28, 0x00, 0x00, 0x50},
     {"ld8.nt1 r1=[r3],-256", "extr.u r1=r3,5,9", "br.call.sptk.many b0=0x70;;"}},
    {{0x09, 0x40, 0x08, 0x06, 0xd8, 0x15, 0x10, 0x38, 0x0c, 0x32, 0x21, 0x40, 0x00, 0x00, 0xcc, 0x00},
     {"st8.spill [r3]=r2,8", "fetchadd8.acq r1=[r3],-1", "mov r2=pr;;"}},
};

static void test_known_corpus(void)
{
    Corpus c = {0};
    /* the br.call target 0x70 above was printed for the bundle at 0x50 */
    static const uint64_t addrs[] = {0x0, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60};
    for (size_t i = 0; i < G_N_ELEMENTS(known); i++) {
        char *texts[3];
        unsigned n = 0;
        for (unsigned k = 0; k < 3 && known[i].slots[k]; k++)
            texts[n++] = (char *)known[i].slots[k];
        check_bundle(&c, addrs[i], known[i].bytes, texts, n, true);
    }
    g_assert_cmpuint(c.unknown, ==, 0);
    g_assert_cmpuint(c.mismatched, ==, 0);
    g_assert_cmpuint(c.matched, ==, 20);
}

static const char *objdump_path;
static char **objdump_files;
static bool report_only;

static void test_objdump_files(void)
{
    Corpus c = {0};
    for (char **f = objdump_files; *f; f++)
        run_objdump(&c, objdump_path, *f, report_only);
    printf("slots %u: match %u, differ %u, no form %u\n", c.slots, c.matched, c.mismatched, c.unknown);
    g_assert_cmpuint(c.slots, >, 0);
    if (!report_only) {
        g_assert_cmpuint(c.mismatched, ==, 0);
        g_assert_cmpuint(c.unknown, ==, 0);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ia64/disas/known", test_known_corpus);
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "--report") == 0) {
        report_only = true;
        first = 2;
    }
    if (argc > first + 1) {
        objdump_path = argv[first];
        objdump_files = argv + first + 1;
        g_test_add_func("/ia64/disas/objdump", test_objdump_files);
    }
    return g_test_run();
}
