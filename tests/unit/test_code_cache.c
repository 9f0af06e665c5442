/* tests/unit/test_code_cache.c — the JIT code cache
 * (backend/x86_64/code_cache.c): bump allocation with 16-byte alignment,
 * the reserved prologue surviving resets, W^X (the exec view is never
 * writable, the write view never executable, as /proc/self/maps and a
 * faulting write show) and code written through one view running at the
 * other. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "backend/x86_64/code_cache.h"

/* "mov eax, imm32; ret", byte by byte from the Intel manual (B8+rd id, C3). */
static void write_return_const(uint8_t *write, uint32_t value)
{
    write[0] = 0xb8;
    memcpy(write + 1, &value, 4);
    write[5] = 0xc3;
}

/* The permissions column ("r-xs") of the mapping holding addr. */
static char *maps_perms(const void *addr)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    g_assert_nonnull(maps);
    char line[512];
    char *perms = NULL;
    while (!perms && fgets(line, sizeof line, maps)) {
        unsigned long lo, hi;
        char p[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, p) == 3 && (uintptr_t)addr >= lo &&
            (uintptr_t)addr < hi)
            perms = g_strdup(p);
    }
    fclose(maps);
    g_assert_nonnull(perms);
    return perms;
}

static void test_alloc_commit(void)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    CodeCache *cc = cc_new(page + 1);
    g_assert_nonnull(cc);
    g_assert_cmpuint(cc->size, ==, 2 * page);
    g_assert_cmpuint(cc->used, ==, 0);

    uint8_t *a = cc_begin(cc, 64);
    g_assert_true(a == cc->exec);
    cc_commit(cc, 5);
    g_assert_cmpuint(cc->used, ==, 16);
    uint8_t *b = cc_begin(cc, 64);
    g_assert_true(b == cc->exec + 16);
    cc_commit(cc, 32);
    g_assert_cmpuint(cc->used, ==, 48);
    g_assert_true(cc_begin(cc, 10) == cc->exec + 48);
    cc_commit(cc, 0);
    g_assert_cmpuint(cc->used, ==, 48);

    /* the last bytes can be asked for exactly, one more cannot */
    g_assert_nonnull(cc_begin(cc, cc->size - 48));
    g_assert_null(cc_begin(cc, cc->size - 48 + 1));
    cc_commit(cc, cc->size - 48);
    g_assert_cmpuint(cc->used, ==, cc->size);
    g_assert_null(cc_begin(cc, 1));
    g_assert_nonnull(cc_begin(cc, 0));

    g_assert_true(cc_contains(cc, (uintptr_t)cc->exec));
    g_assert_true(cc_contains(cc, (uintptr_t)cc->exec + cc->size - 1));
    g_assert_false(cc_contains(cc, (uintptr_t)cc->exec + cc->size));
    g_assert_false(cc_contains(cc, (uintptr_t)cc->exec - 1));
    cc_free(cc);
}

static void test_reserve_reset(void)
{
    CodeCache *cc = cc_new(1 << 16);
    g_assert_nonnull(cc);
    cc_begin(cc, 100);
    cc_commit(cc, 100); /* the prologue */
    cc_reserve_committed(cc);
    g_assert_cmpuint(cc->reserved, ==, 112);
    cc_begin(cc, 1000);
    cc_commit(cc, 1000);
    g_assert_cmpuint(cc->used, ==, 112 + 1008);
    cc_reset(cc);
    g_assert_cmpuint(cc->used, ==, 112);
    g_assert_true(cc_begin(cc, 16) == cc->exec + 112);
    cc_free(cc);
}

static void test_wx_views(void)
{
    CodeCache *cc = cc_new(1 << 16);
    g_assert_nonnull(cc);
    if (!cc->dual) {
        g_assert_true(cc->write == cc->exec);
        char *perms = maps_perms(cc->exec);
        g_assert_cmpstr(perms, ==, "rwxp");
        g_free(perms);
        g_test_skip("no memfd: single RWX mapping");
        cc_free(cc);
        return;
    }
    g_assert_true(cc->write != cc->exec);
    char *exec_perms = maps_perms(cc->exec);
    char *write_perms = maps_perms(cc->write);
    g_assert_cmpstr(exec_perms, ==, "r-xs");
    g_assert_cmpstr(write_perms, ==, "rw-s");
    g_free(exec_perms);
    g_free(write_perms);
    g_assert_true(cc_write_ptr(cc, cc->exec + 100) == cc->write + 100);
    cc_free(cc);
}

static void test_write_runs_at_exec(void)
{
    CodeCache *cc = cc_new(1 << 16);
    g_assert_nonnull(cc);
    cc_begin(cc, 16);
    cc_commit(cc, 16); /* start away from offset 0 */
    uint8_t *exec = cc_begin(cc, 16);
    write_return_const(cc_write_ptr(cc, exec), 42);
    cc_commit(cc, 6);
    uint32_t (*fn)(void) = (uint32_t (*)(void))(void *)exec;
    g_assert_cmpuint(fn(), ==, 42);
    /* rewriting through the write view changes what runs */
    write_return_const(cc_write_ptr(cc, exec), 0xdeadbeef);
    g_assert_cmphex(fn(), ==, 0xdeadbeef);
    /* after a reset the same place is handed out again */
    cc_reset(cc);
    g_assert_true(cc_begin(cc, 16) == cc->exec);
    cc_free(cc);
}

/* A store to the exec view must fault where the cache is W^X. */
static void test_exec_view_not_writable(void)
{
    CodeCache *cc = cc_new(1 << 16);
    g_assert_nonnull(cc);
    bool dual = cc->dual;
    if (!dual) {
        cc_free(cc);
        g_test_skip("no memfd: single RWX mapping");
        return;
    }
    if (g_test_subprocess()) {
        volatile uint8_t *exec = cc->exec;
        exec[0] = 0xc3;
        return; /* not reached */
    }
    cc_free(cc);
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_failed();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/code_cache/alloc_commit", test_alloc_commit);
    g_test_add_func("/code_cache/reserve_reset", test_reserve_reset);
    g_test_add_func("/code_cache/wx_views", test_wx_views);
    g_test_add_func("/code_cache/write_runs_at_exec", test_write_runs_at_exec);
    g_test_add_func("/code_cache/exec_view_not_writable", test_exec_view_not_writable);
    return g_test_run();
}
