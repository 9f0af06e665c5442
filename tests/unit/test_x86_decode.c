/* tests/unit/test_x86_decode.c — the x86 decoder (frontend/x86/decode.c)
 * checked against capstone on real code and on prefix corner cases.
 *
 * Real code: the host's own C library (x86-64) and, when installed, the
 * i386 cross C library are swept linearly through their .text with
 * capstone; every instruction morph's decoder accepts must have capstone's
 * length and, for a memory operand, capstone's base, index, scale and
 * displacement. What morph does not decode is counted (the most frequent
 * mnemonics are printed with --verbose) and must stay under a ceiling.
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>
#include <glib.h>

#include "frontend/x86/decode.h"

/* Share of capstone-decoded instructions morph must decode too (what it
 * leaves out of the host libc is VEX/EVEX code: AVX, BMI, which morph does
 * not report in CPUID). */
#define MIN_DECODED_SHARE 0.97

/* ---- .text of an ELF file ------------------------------------------------ */

typedef struct Text {
    uint8_t *file;
    const uint8_t *code;
    size_t size;
    uint64_t addr;
} Text;

static bool load_text(const char *path, bool is64, Text *t)
{
    gsize len;
    if (!g_file_get_contents(path, (gchar **)&t->file, &len, NULL))
        return false;
    const uint8_t *f = t->file;
    if (len < 64 || memcmp(f, ELFMAG, SELFMAG) != 0 || f[EI_CLASS] != (is64 ? ELFCLASS64 : ELFCLASS32))
        return false;
    uint64_t shoff, shnum, shentsize, shstrndx;
    if (is64) {
        const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f;
        shoff = eh->e_shoff, shnum = eh->e_shnum, shentsize = eh->e_shentsize, shstrndx = eh->e_shstrndx;
    } else {
        const Elf32_Ehdr *eh = (const Elf32_Ehdr *)f;
        shoff = eh->e_shoff, shnum = eh->e_shnum, shentsize = eh->e_shentsize, shstrndx = eh->e_shstrndx;
    }
    if (shoff + shnum * shentsize > len || shstrndx >= shnum)
        return false;
    for (int pass = 0; pass < 2; pass++) {
        for (uint64_t i = 0; i < shnum; i++) {
            const uint8_t *sh = f + shoff + i * shentsize;
            const uint8_t *strsh = f + shoff + shstrndx * shentsize;
            uint64_t name, off, size, addr, stroff;
            if (is64) {
                name = ((const Elf64_Shdr *)sh)->sh_name, off = ((const Elf64_Shdr *)sh)->sh_offset;
                size = ((const Elf64_Shdr *)sh)->sh_size, addr = ((const Elf64_Shdr *)sh)->sh_addr;
                stroff = ((const Elf64_Shdr *)strsh)->sh_offset;
            } else {
                name = ((const Elf32_Shdr *)sh)->sh_name, off = ((const Elf32_Shdr *)sh)->sh_offset;
                size = ((const Elf32_Shdr *)sh)->sh_size, addr = ((const Elf32_Shdr *)sh)->sh_addr;
                stroff = ((const Elf32_Shdr *)strsh)->sh_offset;
            }
            if (stroff + name + 6 > len || off + size > len)
                continue;
            if (strcmp((const char *)f + stroff + name, ".text") == 0) {
                t->code = f + off, t->size = size, t->addr = addr;
                return true;
            }
        }
    }
    return false;
}

/* ---- capstone registers as morph numbers them ------------------------------- */

static int reg_number(csh cs, unsigned reg)
{
    static const char *const names64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    static const char *const names32[16] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                            "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    static const char *const names16[8] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    if (reg == X86_REG_INVALID)
        return -1;
    const char *name = cs_reg_name(cs, reg);
    if (strcmp(name, "rip") == 0 || strcmp(name, "eip") == 0)
        return X86_BASE_RIP;
    for (int r = 0; r < 16; r++) {
        if (strcmp(name, names64[r]) == 0 || strcmp(name, names32[r]) == 0 ||
            (r < 8 && strcmp(name, names16[r]) == 0))
            return r;
    }
    return -100; /* a register no address uses */
}

/* ---- the sweep ------------------------------------------------------------------- */

typedef struct SweepStats {
    unsigned long capstone, decoded, mismatches;
    GHashTable *missing; /* mnemonic -> count */
} SweepStats;

static void compare_memory_operand(csh cs, const cs_insn *ci, const X86Insn *in, SweepStats *st)
{
    const cs_x86 *x = &ci->detail->x86;
    for (unsigned k = 0; k < x->op_count; k++) {
        const cs_x86_op *op = &x->operands[k];
        if (op->type != X86_OP_MEM)
            continue;
        /* Only ModRM memory operands: string and stack operands are implicit. */
        if (!in->form || !(in->form->flags & X86_FM_MODRM) || in->mod == 3)
            return;
        int base = reg_number(cs, op->mem.base), index = reg_number(cs, op->mem.index);
        int scale = index < 0 ? 1 : op->mem.scale;
        int64_t disp = op->mem.disp;
        int64_t our_disp = in->disp;
        if (base == X86_BASE_RIP) /* capstone shows rip-relative with the displacement */
            our_disp = in->disp;
        if (base != in->base || index != in->index || scale != (index < 0 ? 1 : in->scale) ||
            disp != our_disp) {
            st->mismatches++;
            if (st->mismatches <= 20)
                g_test_message("operand mismatch at 0x%" G_GINT64_MODIFIER "x %s %s: capstone base %d index "
                               "%d scale %d disp %" G_GINT64_FORMAT ", morph %d %d %d %" G_GINT64_FORMAT,
                               ci->address, ci->mnemonic, ci->op_str, base, index, scale, disp, in->base,
                               in->index, in->scale, in->disp);
        }
        return;
    }
}

static void sweep(const Text *t, bool is64, SweepStats *st)
{
    csh cs;
    g_assert_cmpint(cs_open(CS_ARCH_X86, is64 ? CS_MODE_64 : CS_MODE_32, &cs), ==, CS_ERR_OK);
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    cs_insn *ci = cs_malloc(cs);
    const uint8_t *code = t->code;
    size_t size = t->size;
    uint64_t addr = t->addr;
    while (size > 0) {
        const uint8_t *at = code;
        uint64_t pc = addr;
        if (!cs_disasm_iter(cs, &code, &size, &addr, ci)) {
            code++, size--, addr++;
            continue;
        }
        st->capstone++;
        X86Insn in;
        size_t avail = (size_t)(t->code + t->size - at);
        X86DecodeResult r = x86_decode(pc, at, avail < 15 ? avail : 15, is64, true, &in);
        if (r != X86_DECODE_OK) {
            gpointer n = g_hash_table_lookup(st->missing, ci->mnemonic);
            g_hash_table_insert(st->missing, g_strdup(ci->mnemonic), GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
            continue;
        }
        st->decoded++;
        if (in.len != ci->size) {
            st->mismatches++;
            if (st->mismatches <= 20)
                g_test_message("length mismatch at 0x%" G_GINT64_MODIFIER "x %s %s: capstone %u, morph %u (%s)",
                               ci->address, ci->mnemonic, ci->op_str, ci->size, in.len, in.form->name);
            continue;
        }
        compare_memory_operand(cs, ci, &in, st);
    }
    cs_free(ci, 1);
    cs_close(&cs);
}

static gint by_count(gconstpointer a, gconstpointer b, gpointer table)
{
    gsize ca = GPOINTER_TO_SIZE(g_hash_table_lookup(table, *(const char *const *)a));
    gsize cb = GPOINTER_TO_SIZE(g_hash_table_lookup(table, *(const char *const *)b));
    return ca < cb ? 1 : ca > cb ? -1 : 0;
}

static void sweep_library(const char *const *paths, bool is64)
{
    Text t = {0};
    const char *path = NULL;
    for (; *paths; paths++) {
        if (load_text(*paths, is64, &t)) {
            path = *paths;
            break;
        }
        g_free(t.file);
        t.file = NULL;
    }
    if (!path) {
        g_test_skip("no C library of this architecture installed");
        return;
    }
    SweepStats st = {.missing = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    sweep(&t, is64, &st);
    double share = st.capstone ? (double)st.decoded / (double)st.capstone : 0;
    g_test_message("%s: capstone %lu instructions, morph decodes %lu (%.1f%%), %lu mismatches", path,
                   st.capstone, st.decoded, 100 * share, st.mismatches);
    guint n;
    gpointer *keys = g_hash_table_get_keys_as_array(st.missing, &n);
    g_qsort_with_data(keys, (gint)n, sizeof *keys, by_count, st.missing);
    for (guint i = 0; i < n && i < 40; i++)
        g_test_message("  not decoded: %-12s %zu", (const char *)keys[i],
                       GPOINTER_TO_SIZE(g_hash_table_lookup(st.missing, keys[i])));
    g_free(keys);
    g_assert_cmpuint(st.capstone, >, 10000);
    g_assert_cmpuint(st.mismatches, ==, 0);
    g_assert_cmpfloat(share, >=, MIN_DECODED_SHARE);
    g_hash_table_destroy(st.missing);
    g_free(t.file);
}

static void test_libc_x86_64(void)
{
    static const char *const paths[] = {"/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libc.so.6",
                                        NULL};
    sweep_library(paths, true);
}

static void test_libc_i386(void)
{
    static const char *const paths[] = {"/usr/i686-linux-gnu/lib/libc.so.6", "/usr/lib32/libc.so.6",
                                        "/lib/i386-linux-gnu/libc.so.6", NULL};
    sweep_library(paths, false);
}

/* ---- prefixes and addressing by hand ---------------------------------------------- */

static X86DecodeResult decode(const char *hex, bool is64, X86Insn *in)
{
    uint8_t bytes[32];
    size_t n = 0;
    for (const char *p = hex; *p && n < sizeof bytes;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        unsigned v;
        g_assert_cmpint(sscanf(p, "%2x", &v), ==, 1);
        bytes[n++] = (uint8_t)v;
        p += 2;
    }
    return x86_decode(0x1000, bytes, n, is64, true, in);
}

static void test_prefix_rules(void)
{
    X86Insn in;
    /* mov [rax+rcx*4+0x10], edx: 89 /r with SIB and disp8 */
    g_assert_cmpint(decode("89 54 88 10", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.len, ==, 4);
    g_assert_cmpint(in.base, ==, X86_RAX);
    g_assert_cmpint(in.index, ==, X86_RCX);
    g_assert_cmpint(in.scale, ==, 4);
    g_assert_cmpint(in.disp, ==, 0x10);
    g_assert_cmpint(in.reg, ==, X86_RDX);
    g_assert_cmpint(in.opsize, ==, 4);
    /* REX.WRXB: mov [r9+r10*8-8], r11 (8-byte operand) */
    g_assert_cmpint(decode("4f 89 5c d1 f8", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.base, ==, X86_R9);
    g_assert_cmpint(in.index, ==, X86_R10);
    g_assert_cmpint(in.reg, ==, X86_R11);
    g_assert_cmpint(in.opsize, ==, 8);
    g_assert_cmpint(in.disp, ==, -8);
    /* a legacy prefix after REX cancels the REX: 48 66 89 c0 is mov ax, ax */
    g_assert_cmpint(decode("48 66 89 c0", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.rex, ==, 0);
    g_assert_cmpint(in.opsize, ==, 2);
    /* SIB index 100b is "no index"; base 101b with mod 0 is disp32 only */
    g_assert_cmpint(decode("8b 04 25 78 56 34 12", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.base, ==, -1);
    g_assert_cmpint(in.index, ==, -1);
    g_assert_cmpint(in.disp, ==, 0x12345678);
    /* REX.X makes index 100b r12 */
    g_assert_cmpint(decode("42 8b 04 20", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.index, ==, X86_R12);
    g_assert_cmpint(in.base, ==, X86_RAX);
    /* rip-relative in 64-bit mode, absolute disp32 in 32-bit mode */
    g_assert_cmpint(decode("8b 05 10 00 00 00", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.base, ==, X86_BASE_RIP);
    g_assert_cmpint(in.next_pc, ==, 0x1006);
    g_assert_cmpint(decode("8b 05 10 00 00 00", false, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.base, ==, -1);
    /* 67 in 64-bit mode: 32-bit addresses; in 32-bit mode: 16-bit ones ([bp+di+disp8]) */
    g_assert_cmpint(decode("67 8b 00", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.adsize, ==, 4);
    g_assert_cmpint(decode("67 8b 43 05", false, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.adsize, ==, 2);
    g_assert_cmpint(in.base, ==, X86_RBP);
    g_assert_cmpint(in.index, ==, X86_RDI);
    g_assert_cmpint(in.disp, ==, 5);
    g_assert_cmpint(in.len, ==, 4);
    /* segment overrides: FS/GS kept in 64-bit mode, DS dropped there */
    g_assert_cmpint(decode("64 8b 00", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.seg, ==, X86_FS);
    g_assert_cmpint(decode("3e 8b 00", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.seg, ==, -1);
    g_assert_cmpint(decode("3e 8b 00", false, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.seg, ==, X86_DS);
    /* mov r64, imm64 takes 8 bytes of immediate */
    g_assert_cmpint(decode("48 b8 88 77 66 55 44 33 22 11", true, &in), ==, X86_DECODE_OK);
    g_assert_cmpint(in.len, ==, 10);
    g_assert_cmpint((uint64_t)in.imm, ==, 0x1122334455667788ull);
    /* truncated: more bytes needed; VEX: invalid; LOCK on a register form: invalid */
    g_assert_cmpint(decode("8b 04", true, &in), ==, X86_DECODE_SHORT);
    g_assert_cmpint(decode("c5 f8 77", true, &in), ==, X86_DECODE_INVALID);
    g_assert_cmpint(decode("f0 01 c0", true, &in), ==, X86_DECODE_INVALID);
    /* more than 15 bytes of instruction */
    g_assert_cmpint(decode("66 66 66 66 66 66 66 66 66 66 66 66 66 66 89 c0", true, &in), ==, X86_DECODE_INVALID);
    g_assert_cmpint(decode("66 66 66 66 66 66 66 66 66 66 66 66 66 89 c0", true, &in), ==, X86_DECODE_OK);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/decode/prefix-rules", test_prefix_rules);
    g_test_add_func("/x86/decode/libc-x86_64", test_libc_x86_64);
    g_test_add_func("/x86/decode/libc-i386", test_libc_i386);
    return g_test_run();
}
