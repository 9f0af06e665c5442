/* linux-user/stack.c — the guest's initial stack, laid out as Linux's
 * create_elf_tables() does for a new process:
 *
 *   high  ┌──────────────────────────────┐ LU_STACK_TOP32 (guard page above)
 *         │ one zero word                │
 *         │ AT_EXECFN string             │
 *         │ envp strings, argv strings   │ (argv[0] lowest)
 *         │ AT_PLATFORM string           │ 16-byte aligned below the strings
 *         │ AT_RANDOM: 16 bytes          │
 *         │ auxv pairs ... AT_NULL       │
 *         │ envp[] NULL                  │
 *         │ argv[] NULL                  │
 *   sp ─► │ argc                         │ 16-byte aligned
 *   low   └──────────────────────────────┘ LU_STACK_TOP32 - 8 MiB
 *
 * Every word has the guest's width and byte order. The ABI's own auxv
 * pairs (PowerPC's cache sizes) come first, as ARCH_DLINFO puts them.
 */
#include "linux-user/lu_runtime.h"

#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib.h>

/* Pairs the generic part of the auxv has (plus room for the ABI's own). */
enum { LU_AUXV_GENERIC = 20, LU_AUXV_EXTRA_MAX = 16 };

/* Clock ticks per second the guest sees (AT_CLKTCK, times(2)). */
enum { LU_CLK_TCK = 100 };

typedef struct StackWriter {
    unsigned word;     /* 4 or 8 */
    bool big_endian;
} StackWriter;

static void put_word(const StackWriter *w, uint64_t addr, uint64_t v)
{
    uint8_t b[8];
    for (unsigned i = 0; i < w->word; i++)
        b[w->big_endian ? w->word - 1 - i : i] = (uint8_t)(v >> (8 * i));
    memcpy(lu_g2h(addr), b, w->word);
}

/* Push a string (with its NUL) below *p; returns its guest address. */
static uint64_t push_bytes(uint64_t *p, const void *s, size_t n)
{
    *p -= n;
    memcpy(lu_g2h(*p), s, n);
    return *p;
}

uint64_t lu_stack_top(void)
{
    if (lu_proc.abi && lu_proc.abi->stack_top)
        return lu_proc.abi->stack_top;
    return lu_proc.space_size == ((uint64_t)1 << 32) ? LU_STACK_TOP32 : lu_proc.space_size - LU_PAGE_SIZE;
}

uint64_t lu_stack_build(const LinuxAbi *abi, const LuImage *img, int argc, char **argv,
                        char **envp, const char *execfn, char *err, size_t errlen)
{
    const GuestArch *arch = abi->arch;
    StackWriter w = { arch->elf_class == ELFCLASS64 ? 8 : 4, arch->big_endian };
    uint64_t top = lu_stack_top();
    uint64_t bottom = top - LU_STACK_SIZE;

    int envc = 0;
    while (envp[envc])
        envc++;
    /* Everything must fit in a quarter of the stack, as Linux demands. */
    uint64_t need = strlen(execfn) + 1 + 64;
    for (int i = 0; i < argc; i++)
        need += strlen(argv[i]) + 1 + w.word;
    for (int i = 0; i < envc; i++)
        need += strlen(envp[i]) + 1 + w.word;
    if (need > LU_STACK_SIZE / 4) {
        snprintf(err, errlen, "argument list too long");
        return 0;
    }
    int64_t r = lu_mmap(bottom, LU_STACK_SIZE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (r < 0) {
        snprintf(err, errlen, "cannot map the stack: %s", strerror((int)-r));
        return 0;
    }

    /* Strings, from the top down. */
    uint64_t p = top - w.word;
    put_word(&w, p, 0);
    uint64_t execfn_addr = push_bytes(&p, execfn, strlen(execfn) + 1);
    uint64_t *envp_addr = g_new(uint64_t, envc + 1);
    uint64_t *argv_addr = g_new(uint64_t, argc + 1);
    for (int i = envc - 1; i >= 0; i--)
        envp_addr[i] = push_bytes(&p, envp[i], strlen(envp[i]) + 1);
    for (int i = argc - 1; i >= 0; i--)
        argv_addr[i] = push_bytes(&p, argv[i], strlen(argv[i]) + 1);

    p &= ~(uint64_t)15;
    uint64_t platform_addr = 0;
    if (abi->platform)
        platform_addr = push_bytes(&p, abi->platform, strlen(abi->platform) + 1);
    uint8_t random_bytes[16];
    for (size_t i = 0; i < sizeof random_bytes; i += 4) {
        uint32_t v = g_random_int();
        memcpy(random_bytes + i, &v, 4);
    }
    uint64_t random_addr = push_bytes(&p, random_bytes, sizeof random_bytes);

    /* The auxiliary vector. */
    uint64_t aux[2 * (LU_AUXV_GENERIC + LU_AUXV_EXTRA_MAX)];
    size_t n = abi->extra_auxv ? abi->extra_auxv(aux, LU_AUXV_EXTRA_MAX) : 0;
    n *= 2;
#define AUX(type, value)             \
    do {                             \
        aux[n++] = (type);           \
        aux[n++] = (uint64_t)(value); \
    } while (0)
    AUX(AT_HWCAP, abi->hwcap);
    AUX(AT_PAGESZ, abi->page_size);
    AUX(AT_CLKTCK, LU_CLK_TCK);
    AUX(AT_PHDR, img->phdr);
    AUX(AT_PHENT, img->phent);
    AUX(AT_PHNUM, img->phnum);
    AUX(AT_BASE, img->interp_base);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, img->prog_entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, random_addr);
    AUX(AT_HWCAP2, abi->hwcap2);
    AUX(AT_EXECFN, execfn_addr);
    if (platform_addr)
        AUX(AT_PLATFORM, platform_addr);
    AUX(AT_NULL, 0);
#undef AUX

    /* The table: argc, argv, NULL, envp, NULL, auxv; sp 16-byte aligned. */
    uint64_t words = 1 + (uint64_t)argc + 1 + (uint64_t)envc + 1 + n;
    uint64_t sp = (p - words * w.word) & ~(uint64_t)15;
    uint64_t q = sp;
    put_word(&w, q, (uint64_t)argc);
    q += w.word;
    for (int i = 0; i < argc; i++, q += w.word)
        put_word(&w, q, argv_addr[i]);
    put_word(&w, q, 0);
    q += w.word;
    for (int i = 0; i < envc; i++, q += w.word)
        put_word(&w, q, envp_addr[i]);
    put_word(&w, q, 0);
    q += w.word;
    for (size_t i = 0; i < n; i++, q += w.word)
        put_word(&w, q, aux[i]);
    g_free(envp_addr);
    g_free(argv_addr);
    return sp;
}
