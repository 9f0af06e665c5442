/* tests/unit/test_lu_elf.c — the ELF loader and the initial stack
 * (linux-user/elfload.c, stack.c, ppc/abi.c) on small hand-built 32-bit
 * big-endian PowerPC executables: what lands where, with which page
 * protections, the brk, the auxv words, and rejection of corrupted headers
 * (ELF layout from the System V gABI; auxv order from Linux's
 * create_elf_tables and powerpc ARCH_DLINFO). */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/lu_runtime.h"

extern const LinuxAbi ppc32_linux_abi;

enum { FILE_SIZE = 0x1030, TEXT_VADDR = 0x10000000, DATA_VADDR = 0x10011010, DATA_OFF = 0x1010 };

static void be16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void be32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (24 - 8 * i));
}
static uint32_t rd_be32(uint64_t guest_addr)
{
    const uint8_t *p = lu_g2h(guest_addr);
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void phdr(uint8_t *f, int i, uint32_t type, uint32_t off, uint32_t vaddr, uint32_t filesz, uint32_t memsz,
                 uint32_t flags)
{
    uint8_t *p = f + 52 + 32 * i;
    be32(p + 0, type);
    be32(p + 4, off);
    be32(p + 8, vaddr);
    be32(p + 12, vaddr);
    be32(p + 16, filesz);
    be32(p + 20, memsz);
    be32(p + 24, flags);
    be32(p + 28, 0x10000);
}

/* A static executable: text R+X at 0x10000000 (0x200 bytes, holding the
 * headers), data R+W at 0x10011010 (0x20 file bytes, 0x3000 in memory). */
static void build(uint8_t *f)
{
    memset(f, 0, FILE_SIZE);
    for (int i = 0; i < FILE_SIZE; i++)
        f[i] = (uint8_t)(i * 7 + 1);
    memset(f, 0, 52 + 2 * 32);
    memcpy(f, ELFMAG, SELFMAG);
    f[EI_CLASS] = ELFCLASS32;
    f[EI_DATA] = ELFDATA2MSB;
    f[EI_VERSION] = EV_CURRENT;
    be16(f + 16, ET_EXEC);
    be16(f + 18, EM_PPC);
    be32(f + 20, EV_CURRENT);
    be32(f + 24, TEXT_VADDR + 0x100); /* e_entry */
    be32(f + 28, 52);                 /* e_phoff */
    be16(f + 40, 52);                 /* e_ehsize */
    be16(f + 42, 32);                 /* e_phentsize */
    be16(f + 44, 2);                  /* e_phnum */
    phdr(f, 0, PT_LOAD, 0, TEXT_VADDR, 0x200, 0x200, PF_R | PF_X);
    phdr(f, 1, PT_LOAD, DATA_OFF, DATA_VADDR, 0x20, 0x3000, PF_R | PF_W);
}

static char *write_tmp(const uint8_t *f, size_t n)
{
    char *path = NULL;
    GError *e = NULL;
    int fd = g_file_open_tmp("lu-elf-XXXXXX", &path, &e);
    g_assert_no_error(e);
    g_assert_cmpint(write(fd, f, n), ==, (ssize_t)n);
    close(fd);
    return path;
}

static int try_open(const uint8_t *f, size_t n, char *err, size_t errlen)
{
    char *path = write_tmp(f, n);
    LuElf elf;
    int st = lu_elf_open(path, &elf, err, errlen);
    lu_elf_close(&elf);
    unlink(path);
    g_free(path);
    return st;
}

static void test_load_static(void)
{
    uint8_t f[FILE_SIZE];
    build(f);
    char *path = write_tmp(f, sizeof f);
    char err[512] = "";
    LuElf elf;
    g_assert_cmpint(lu_elf_open(path, &elf, err, sizeof err), ==, 0);
    g_assert_cmpuint(elf.machine, ==, EM_PPC);
    g_assert_true(elf.big_endian);
    g_assert_false(elf.is64);
    g_assert_true(lu_space_init((uint64_t)1 << 32));
    LuImage img;
    g_assert_cmpint(lu_elf_load(&elf, NULL, &img, err, sizeof err), ==, 0);
    lu_elf_close(&elf);
    unlink(path);
    g_free(path);

    g_assert_cmphex(img.entry, ==, TEXT_VADDR + 0x100);
    g_assert_cmphex(img.prog_entry, ==, TEXT_VADDR + 0x100);
    g_assert_cmphex(img.phdr, ==, TEXT_VADDR + 52);
    g_assert_cmpuint(img.phnum, ==, 2);
    g_assert_cmpuint(img.phent, ==, 32);
    g_assert_cmphex(img.interp_base, ==, 0);
    /* brk: the page-aligned end of the data segment's memory */
    g_assert_cmphex(img.brk, ==, 0x10015000);
    g_assert_cmphex(lu_proc.brk_cur, ==, 0x10015000);

    /* file bytes where they belong, the rest of the segment zero */
    g_assert_cmpmem(lu_g2h(TEXT_VADDR), 0x200, f, 0x200);
    g_assert_cmpmem(lu_g2h(DATA_VADDR), 0x20, f + DATA_OFF, 0x20);
    /* the data page also shows the file bytes in front of the segment */
    g_assert_cmpmem(lu_g2h(DATA_VADDR - 0x10), 0x10, f + DATA_OFF - 0x10, 0x10);
    for (uint64_t a = DATA_VADDR + 0x20; a < 0x10015000; a += 0x11)
        g_assert_cmpint(*(uint8_t *)lu_g2h(a), ==, 0);
    /* text past filesz on its page is zero too */
    g_assert_cmpint(*(uint8_t *)lu_g2h(TEXT_VADDR + 0x300), ==, 0);

    /* protections */
    g_assert_cmpint(lu_page_prot(TEXT_VADDR), ==, PROT_READ | PROT_EXEC | LU_PAGE_MAPPED);
    g_assert_false(lu_access_ok(TEXT_VADDR, 4, PROT_WRITE));
    g_assert_true(lu_access_ok(0x10011000, 0x4000, PROT_READ | PROT_WRITE));
    g_assert_cmpint(lu_page_prot(0x10001000), ==, 0); /* the gap is unmapped */
    g_assert_cmpint(lu_page_prot(0x10015000), ==, 0);
    uint32_t w;
    g_assert_true(lu_fetch_code(NULL, img.entry, &w, 4));

    /* the initial stack */
    char *argv[] = { "prog", "arg1", NULL };
    char *envp[] = { "A=1", "LONGER=value", NULL };
    uint64_t sp = lu_stack_build(&ppc32_linux_abi, &img, 2, argv, envp, "/bin/prog", err, sizeof err);
    g_assert_cmphex(sp, !=, 0);
    g_assert_cmpint(sp & 15, ==, 0);
    g_assert_cmphex(sp, <, LU_STACK_TOP32);
    g_assert_cmphex(sp, >, LU_STACK_TOP32 - LU_STACK_SIZE);
    g_assert_cmpuint(rd_be32(sp), ==, 2);
    char *s = lu_strdup_from_guest(rd_be32(sp + 4));
    g_assert_cmpstr(s, ==, "prog");
    g_free(s);
    s = lu_strdup_from_guest(rd_be32(sp + 8));
    g_assert_cmpstr(s, ==, "arg1");
    g_free(s);
    g_assert_cmpuint(rd_be32(sp + 12), ==, 0);
    s = lu_strdup_from_guest(rd_be32(sp + 20));
    g_assert_cmpstr(s, ==, "LONGER=value");
    g_free(s);
    g_assert_cmpuint(rd_be32(sp + 24), ==, 0);

    /* auxv: PowerPC's entries first, as ARCH_DLINFO puts them */
    uint64_t av = sp + 28;
    static const uint32_t ppc_first[][2] = {
        { AT_IGNOREPPC, AT_IGNOREPPC }, { AT_IGNOREPPC, AT_IGNOREPPC },
        { AT_DCACHEBSIZE, 32 },         { AT_ICACHEBSIZE, 32 },
        { AT_UCACHEBSIZE, 0 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(ppc_first); i++) {
        g_assert_cmpuint(rd_be32(av + 8 * i), ==, ppc_first[i][0]);
        g_assert_cmpuint(rd_be32(av + 8 * i + 4), ==, ppc_first[i][1]);
    }
    /* then the generic ones */
    GHashTable *aux = g_hash_table_new(g_direct_hash, g_direct_equal);
    uint64_t p = av;
    for (int n = 0; n < 64 && rd_be32(p) != AT_NULL; n++, p += 8)
        g_hash_table_insert(aux, GUINT_TO_POINTER(rd_be32(p)), GUINT_TO_POINTER(rd_be32(p + 4)));
    g_assert_cmpuint(rd_be32(p), ==, AT_NULL);
#define AUXV(t) GPOINTER_TO_UINT(g_hash_table_lookup(aux, GUINT_TO_POINTER(t)))
    g_assert_cmphex(AUXV(AT_PHDR), ==, TEXT_VADDR + 52);
    g_assert_cmpuint(AUXV(AT_PHENT), ==, 32);
    g_assert_cmpuint(AUXV(AT_PHNUM), ==, 2);
    g_assert_cmpuint(AUXV(AT_PAGESZ), ==, 4096);
    g_assert_cmphex(AUXV(AT_ENTRY), ==, TEXT_VADDR + 0x100);
    g_assert_cmpuint(AUXV(AT_CLKTCK), ==, 100);
    /* PPC_FEATURE_32 | PPC_FEATURE_HAS_ALTIVEC | PPC_FEATURE_HAS_FPU */
    g_assert_cmphex(AUXV(AT_HWCAP), ==, 0x98000000u);
    g_assert_cmpuint(AUXV(AT_UID), ==, getuid());
    g_assert_cmpuint(AUXV(AT_EGID), ==, getegid());
    g_assert_true(g_hash_table_contains(aux, GUINT_TO_POINTER(AT_BASE)));
    g_assert_true(g_hash_table_contains(aux, GUINT_TO_POINTER(AT_SECURE)));
    g_assert_true(g_hash_table_contains(aux, GUINT_TO_POINTER(AT_HWCAP2)));
    s = lu_strdup_from_guest(AUXV(AT_PLATFORM));
    g_assert_cmpstr(s, ==, "ppc");
    g_free(s);
    s = lu_strdup_from_guest(AUXV(AT_EXECFN));
    g_assert_cmpstr(s, ==, "/bin/prog");
    g_free(s);
    g_assert_true(lu_access_ok(AUXV(AT_RANDOM), 16, PROT_READ));
    g_hash_table_destroy(aux);
    lu_space_free();
}

/* The corruptions: one header field made nonsense each. */
static void corrupt_bad_magic(uint8_t *f)
{
    f[1] = 'X';
}

static void corrupt_bad_class(uint8_t *f)
{
    f[EI_CLASS] = 7;
}

static void corrupt_bad_data(uint8_t *f)
{
    f[EI_DATA] = 0;
}

static void corrupt_relocatable(uint8_t *f)
{
    be16(f + 16, ET_REL);
}

static void corrupt_phentsize(uint8_t *f)
{
    be16(f + 42, 31);
}

static void corrupt_phnum_0(uint8_t *f)
{
    be16(f + 44, 0);
}

static void corrupt_phoff_past_end(uint8_t *f)
{
    be32(f + 28, 0xfffffff0);
}

static void corrupt_filesz_memsz(uint8_t *f)
{
    be32(f + 52 + 32 + 16, 0x4000);
}

static void corrupt_segment_past_eof(uint8_t *f)
{
    be32(f + 52 + 32 + 4, 0x1020);
}

static void corrupt_overlap(uint8_t *f)
{
    be32(f + 52 + 32 + 8, TEXT_VADDR + 0x100);
}

static void corrupt_bad_align(uint8_t *f)
{
    be32(f + 52 + 28, 0x3000);
}

static void corrupt_interp_not_terminated(uint8_t *f)
{
    phdr(f, 1, PT_INTERP, 0x100, 0, 8, 8, PF_R);
    memset(f + 0x100, 'a', 8);
}

static void corrupt_interp_past_eof(uint8_t *f)
{
    phdr(f, 1, PT_INTERP, 0x1000, 0, 0x100, 0x100, PF_R);
}

/* Each corruption must be refused with 126 and a message. */
static void test_corrupted(void)
{
    uint8_t f[FILE_SIZE];
    char err[512];
    static const struct {
        const char *what;
        void (*mutate)(uint8_t *f);
    } cases[] = {
        { "bad magic", corrupt_bad_magic },
        { "bad class", corrupt_bad_class },
        { "bad data", corrupt_bad_data },
        { "relocatable", corrupt_relocatable },
        { "phentsize", corrupt_phentsize },
        { "phnum 0", corrupt_phnum_0 },
        { "phoff past end", corrupt_phoff_past_end },
        { "filesz > memsz", corrupt_filesz_memsz },
        { "segment past eof", corrupt_segment_past_eof },
        { "overlap", corrupt_overlap },
        { "bad align", corrupt_bad_align },
        { "interp not terminated", corrupt_interp_not_terminated },
        { "interp past eof", corrupt_interp_past_eof },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        build(f);
        cases[i].mutate(f);
        err[0] = '\0';
        int st = try_open(f, sizeof f, err, sizeof err);
        if (g_test_verbose())
            g_printerr("%s: %d %s\n", cases[i].what, st, err);
        g_assert_cmpint(st, ==, LU_EXIT_NOEXEC);
        g_assert_cmpstr(err, !=, "");
    }
    /* truncated files */
    build(f);
    g_assert_cmpint(try_open(f, 3, err, sizeof err), ==, LU_EXIT_NOEXEC);
    g_assert_cmpint(try_open(f, 40, err, sizeof err), ==, LU_EXIT_NOEXEC);
    g_assert_cmpint(try_open(f, 100, err, sizeof err), ==, LU_EXIT_NOEXEC);
    g_assert_cmpint(try_open(f, 0x1000, err, sizeof err), ==, LU_EXIT_NOEXEC);
    /* a missing file is 127 */
    LuElf elf;
    g_assert_cmpint(lu_elf_open("/nonexistent/morph-test", &elf, err, sizeof err), ==, LU_EXIT_NOTFOUND);
    g_assert_nonnull(strstr(err, "No such file or directory"));
}

/* Segments above the stack's guard do not fit a 32-bit space with its stack. */
static void test_outside_space(void)
{
    uint8_t f[FILE_SIZE];
    char err[512];
    build(f);
    phdr(f, 1, PT_LOAD, DATA_OFF, 0xfffff010, 0x20, 0x20, PF_R | PF_W);
    char *path = write_tmp(f, sizeof f);
    LuElf elf;
    g_assert_cmpint(lu_elf_open(path, &elf, err, sizeof err), ==, 0);
    g_assert_true(lu_space_init((uint64_t)1 << 32));
    LuImage img;
    g_assert_cmpint(lu_elf_load(&elf, NULL, &img, err, sizeof err), ==, LU_EXIT_NOEXEC);
    lu_elf_close(&elf);
    lu_space_free();
    unlink(path);
    g_free(path);
}

/* A PIE (ET_DYN at 0) goes to the kernel's ELF_ET_DYN_BASE for ppc32. */
static void test_pie_bias(void)
{
    uint8_t f[FILE_SIZE];
    char err[512];
    build(f);
    be16(f + 16, ET_DYN);
    be32(f + 24, 0x100);
    phdr(f, 0, PT_LOAD, 0, 0, 0x200, 0x200, PF_R | PF_X);
    phdr(f, 1, PT_LOAD, DATA_OFF, 0x11010, 0x20, 0x3000, PF_R | PF_W);
    char *path = write_tmp(f, sizeof f);
    LuElf elf;
    g_assert_cmpint(lu_elf_open(path, &elf, err, sizeof err), ==, 0);
    g_assert_true(lu_space_init((uint64_t)1 << 32));
    LuImage img;
    g_assert_cmpint(lu_elf_load(&elf, NULL, &img, err, sizeof err), ==, 0);
    g_assert_cmphex(img.load_bias, ==, 0x400000);
    g_assert_cmphex(img.entry, ==, 0x400100);
    g_assert_cmphex(img.phdr, ==, 0x400000 + 52);
    g_assert_cmpmem(lu_g2h(0x400000 + 0x11010), 0x20, f + DATA_OFF, 0x20);
    lu_elf_close(&elf);
    lu_space_free();
    unlink(path);
    g_free(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/lu/elf/load_static", test_load_static);
    g_test_add_func("/lu/elf/corrupted", test_corrupted);
    g_test_add_func("/lu/elf/outside_space", test_outside_space);
    g_test_add_func("/lu/elf/pie_bias", test_pie_bias);
    return g_test_run();
}
