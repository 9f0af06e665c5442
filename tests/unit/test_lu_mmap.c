/* tests/unit/test_lu_mmap.c — the guest address space (linux-user/mmap.c,
 * memory.c): mmap placement and flags, munmap, mprotect, mremap, brk,
 * checked copies and the safe code fetch. Expected behaviour is Linux's
 * (mmap(2), mremap(2), brk(2) manual pages). */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "linux-user/lu_runtime.h"

static const uint64_t FOUR_GIB = (uint64_t)1 << 32;
static const int ANON = MAP_PRIVATE | MAP_ANONYMOUS;

static void setup(void)
{
    g_assert_true(lu_space_init(FOUR_GIB));
}

static void test_mmap_placement(void)
{
    setup();
    int64_t a = lu_mmap(0, 10000, PROT_READ | PROT_WRITE, ANON, -1, 0);
    g_assert_cmpint(a, ==, (int64_t)LU_MMAP_BASE32);
    int64_t b = lu_mmap(0, 4096, PROT_READ, ANON, -1, 0);
    g_assert_cmpint(b, ==, a + 3 * 4096); /* 10000 bytes round up to 3 pages */
    /* a free hint is honoured, a taken one is not */
    int64_t c = lu_mmap(0x20000000, 4096, PROT_READ, ANON, -1, 0);
    g_assert_cmpint(c, ==, 0x20000000);
    int64_t d = lu_mmap(0x20000000, 4096, PROT_READ, ANON, -1, 0);
    g_assert_cmpint(d, !=, 0x20000000);
    g_assert_cmpint(d, >, 0);
    /* fresh anonymous memory reads as zero and is writable */
    g_assert_true(lu_access_ok((uint64_t)a, 10000, PROT_WRITE));
    uint8_t z[64], zero[64] = { 0 };
    g_assert_cmpint(lu_copy_from_guest(z, (uint64_t)a + 8000, sizeof z), ==, 0);
    g_assert_cmpmem(z, sizeof z, zero, sizeof zero);
    lu_space_free();
}

static void test_mmap_errors(void)
{
    setup();
    g_assert_cmpint(lu_mmap(0, 0, PROT_READ, ANON, -1, 0), ==, -EINVAL);
    g_assert_cmpint(lu_mmap(0x10001, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0), ==, -EINVAL);
    g_assert_cmpint(lu_mmap(0, 4096, PROT_READ, ANON, -1, 100), ==, -EINVAL);
    g_assert_cmpint(lu_mmap(0xfffff000, 0x2000, PROT_READ, ANON | MAP_FIXED, -1, 0), ==, -ENOMEM);
    g_assert_cmpint(lu_mmap(0, FOUR_GIB + 4096, PROT_READ, ANON, -1, 0), ==, -ENOMEM);
    g_assert_cmpint(lu_mmap(0x30000000, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0), ==, 0x30000000);
    g_assert_cmpint(lu_mmap(0x30000000, 4096, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), ==, -EEXIST);
    lu_space_free();
}

static void test_munmap_mprotect(void)
{
    setup();
    uint64_t a = (uint64_t)lu_mmap(0x30000000, 3 * 4096, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);
    g_assert_cmpint(lu_munmap(a + 4096, 4096), ==, 0);
    g_assert_false(lu_access_ok(a, 3 * 4096, PROT_READ));
    g_assert_true(lu_access_ok(a, 4096, PROT_READ));
    g_assert_true(lu_access_ok(a + 2 * 4096, 4096, PROT_READ));
    g_assert_cmpint(lu_copy_to_guest(a + 4090, "0123456789", 10), ==, -EFAULT);
    /* mprotect over the hole fails with ENOMEM, on mapped pages it works */
    g_assert_cmpint(lu_mprotect(a, 3 * 4096, PROT_READ), ==, -ENOMEM);
    g_assert_cmpint(lu_mprotect(a, 4096, PROT_READ), ==, 0);
    g_assert_false(lu_access_ok(a, 4, PROT_WRITE));
    g_assert_true(lu_access_ok(a, 4, PROT_READ));
    g_assert_cmpint(lu_mprotect(a + 1, 4096, PROT_READ), ==, -EINVAL);
    g_assert_cmpint(lu_munmap(a + 1, 4096), ==, -EINVAL);
    lu_space_free();
}

static void test_mremap(void)
{
    setup();
    uint64_t a = (uint64_t)lu_mmap(0x30000000, 2 * 4096, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);
    memcpy(lu_g2h(a + 100), "keep", 5);
    /* grows in place when the next pages are free */
    g_assert_cmpint(lu_mremap(a, 2 * 4096, 4 * 4096, 0, 0), ==, (int64_t)a);
    g_assert_true(lu_access_ok(a, 4 * 4096, PROT_WRITE));
    /* blocked growth without MAYMOVE fails, with MAYMOVE moves the data */
    g_assert_cmpint(lu_mmap(a + 4 * 4096, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0), ==, (int64_t)(a + 4 * 4096));
    g_assert_cmpint(lu_mremap(a, 4 * 4096, 8 * 4096, 0, 0), ==, -ENOMEM);
    int64_t b = lu_mremap(a, 4 * 4096, 8 * 4096, MREMAP_MAYMOVE, 0);
    g_assert_cmpint(b, >, 0);
    g_assert_cmpint(b, !=, (int64_t)a);
    g_assert_cmpstr((char *)lu_g2h((uint64_t)b + 100), ==, "keep");
    g_assert_false(lu_access_ok(a, 4, PROT_READ));
    g_assert_true(lu_access_ok((uint64_t)b, 8 * 4096, PROT_WRITE));
    /* shrinking unmaps the tail */
    g_assert_cmpint(lu_mremap((uint64_t)b, 8 * 4096, 4096, 0, 0), ==, b);
    g_assert_false(lu_access_ok((uint64_t)b + 4096, 4, PROT_READ));
    lu_space_free();
}

static void test_brk(void)
{
    setup();
    lu_proc.brk_start = lu_proc.brk_cur = 0x10020000;
    g_assert_cmpuint(lu_brk(0), ==, 0x10020000);          /* query */
    g_assert_cmpuint(lu_brk(0x10000000), ==, 0x10020000); /* below the start: refused */
    g_assert_cmpuint(lu_brk(0x10023001), ==, 0x10023001);
    g_assert_true(lu_access_ok(0x10020000, 0x4000, PROT_WRITE));
    memset(lu_g2h(0x10022000), 0xab, 0x2000);
    g_assert_cmpuint(lu_brk(0x10021000), ==, 0x10021000);
    g_assert_false(lu_access_ok(0x10021000, 1, PROT_READ));
    /* pages given back come back zeroed */
    g_assert_cmpuint(lu_brk(0x10024000), ==, 0x10024000);
    g_assert_cmpint(*(uint8_t *)lu_g2h(0x10022000), ==, 0);
    /* growth into an existing mapping fails and leaves brk alone */
    lu_mmap(0x10030000, 4096, PROT_READ, ANON | MAP_FIXED, -1, 0);
    g_assert_cmpuint(lu_brk(0x10040000), ==, 0x10024000);
    lu_space_free();
}

static void test_strings_and_fetch(void)
{
    setup();
    uint64_t a = (uint64_t)lu_mmap(0x30000000, 2 * 4096, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);
    /* a string that crosses a page boundary */
    memcpy(lu_g2h(a + 4090), "crossing!", 10);
    char *s = lu_strdup_from_guest(a + 4090);
    g_assert_cmpstr(s, ==, "crossing!");
    g_free(s);
    /* one that runs into an unmapped page */
    memset(lu_g2h(a + 4096), 'x', 4096);
    g_assert_null(lu_strdup_from_guest(a + 4096));
    g_assert_null(lu_strdup_from_guest(0));

    uint32_t w;
    g_assert_true(lu_fetch_code(NULL, a + 4092, &w, 4));
    g_assert_false(lu_fetch_code(NULL, a + 2 * 4096 - 2, &w, 4)); /* straddles into nothing */
    g_assert_false(lu_fetch_code(NULL, 0xfffffffe, &w, 4));
    g_assert_cmpint(lu_mprotect(a, 4096, PROT_NONE), ==, 0);
    g_assert_false(lu_fetch_code(NULL, a, &w, 4));
    lu_space_free();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/lu/mmap/placement", test_mmap_placement);
    g_test_add_func("/lu/mmap/errors", test_mmap_errors);
    g_test_add_func("/lu/mmap/munmap_mprotect", test_munmap_mprotect);
    g_test_add_func("/lu/mmap/mremap", test_mremap);
    g_test_add_func("/lu/mmap/brk", test_brk);
    g_test_add_func("/lu/memory/strings_and_fetch", test_strings_and_fetch);
    return g_test_run();
}
