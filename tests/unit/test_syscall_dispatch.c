/* tests/unit/test_syscall_dispatch.c — the syscall layer's dispatch table
 * (linux-user/syscall.c, ppc/syscall_nr.c) and a few calls end to end
 * through lu_syscall with 32-bit PowerPC numbering and layouts.
 *
 * Syscall numbers are the kernel's for ppc32 (asm/unistd_32.h); results
 * are compared with what the host kernel says for the same request.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "linux-user/lu_runtime.h"
#include "linux-user/syscall.h"

static const LinuxAbi test_abi = {
    .uname_machine = "ppc",
    .syscall_id = ppc32_syscall_id,
    .syscall_name = ppc32_syscall_name,
    .layouts = &ppc32_layouts,
};

/* A mapped guest page for arguments. */
static const uint64_t ARG_PAGE = 0x20000000;

static void setup(void)
{
    lu_proc.abi = &test_abi;
    g_assert_true(lu_space_init((uint64_t)1 << 32));
    g_assert_cmpint(lu_mmap(ARG_PAGE, 65536, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0), ==, (int64_t)ARG_PAGE);
}

static int64_t call(int nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                    uint64_t a5)
{
    const uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
    return lu_syscall(NULL, nr, a);
}

static uint32_t be32(uint64_t addr)
{
    const uint8_t *p = lu_g2h(addr);
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static uint64_t be64(uint64_t addr)
{
    return (uint64_t)be32(addr) << 32 | be32(addr + 4);
}

/* ppc32 numbers from asm/unistd_32.h land on the right generic ids. */
static void test_ppc32_numbers(void)
{
    static const struct { int nr; int id; } known[] = {
        { 3, LU_SYS_READ }, { 4, LU_SYS_WRITE }, { 5, LU_SYS_OPEN }, { 6, LU_SYS_CLOSE },
        { 11, LU_SYS_EXECVE }, { 45, LU_SYS_BRK }, { 54, LU_SYS_IOCTL },
        { 120, LU_SYS_CLONE }, { 140, LU_SYS_LLSEEK }, { 179, LU_SYS_PREAD64 },
        { 190, LU_SYS_UGETRLIMIT }, { 192, LU_SYS_MMAP2 }, { 195, LU_SYS_STAT64 },
        { 197, LU_SYS_FSTAT64 }, { 202, LU_SYS_GETDENTS64 }, { 204, LU_SYS_FCNTL64 },
        { 234, LU_SYS_EXIT_GROUP }, { 291, LU_SYS_FSTATAT64 }, { 383, LU_SYS_STATX },
        { 403, LU_SYS_CLOCK_GETTIME64 }, { 422, LU_SYS_FUTEX_TIME64 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(known); i++)
        g_assert_cmpint(ppc32_syscall_id(known[i].nr), ==, known[i].id);
    g_assert_cmpstr(ppc32_syscall_name(387), ==, "rseq");
    g_assert_cmpint(ppc32_syscall_id(-1), ==, -1);
    g_assert_cmpint(ppc32_syscall_id(100000), ==, -1);
    g_assert_null(ppc32_syscall_name(100000));
}

/* Every row has a unique kernel name, and nearly every one is a ppc32
 * syscall (the exceptions exist on other guests only). */
static void test_table_names(void)
{
    static const char *const not_ppc32[] = {
        "newfstatat", "getuid32", "geteuid32", "getgid32", "getegid32", "fadvise64_64",
        "arch_prctl", "set_thread_area", "get_thread_area", "old_mmap", /* x86 */
    };
    GHashTable *ppc_names = g_hash_table_new(g_str_hash, g_str_equal);
    for (int nr = 0; nr < 1000; nr++) {
        const char *n = ppc32_syscall_name(nr);
        if (n)
            g_hash_table_add(ppc_names, (gpointer)n);
    }
    for (int id = 0; id < LU_SYS_COUNT; id++) {
        const char *n = lu_sys_name(id);
        g_assert_nonnull(n);
        g_assert_cmpint(lu_sys_lookup(n), ==, id);
        bool expected_missing = false;
        for (size_t i = 0; i < G_N_ELEMENTS(not_ppc32); i++)
            expected_missing |= strcmp(n, not_ppc32[i]) == 0;
        if (!expected_missing && !g_hash_table_contains(ppc_names, n))
            g_error("%s is not a ppc32 syscall name", n);
    }
    g_hash_table_destroy(ppc_names);
}

static void test_unknown_is_enosys(void)
{
    setup();
    g_assert_cmpint(call(387 /* rseq */, 0, 0, 0, 0, 0, 0), ==, -ENOSYS);
    g_assert_cmpint(call(9999, 0, 0, 0, 0, 0, 0), ==, -ENOSYS);
    lu_space_free();
}

/* ppc32 passes a 64-bit argument in an even/odd register pair, high word
 * first: pread64(fd, buf, count, pad, hi, lo). */
static void test_arg_pairs(void)
{
    lu_proc.abi = &test_abi;
    const uint64_t a[6] = { 3, 0x1000, 10, 0xdead, 0x1, 0x2 };
    int i = 3;
    g_assert_cmphex(lu_arg_u64(a, &i), ==, 0x100000002ull);
    g_assert_cmpint(i, ==, 6);
    i = 2;
    g_assert_cmphex(lu_arg_u64(a, &i), ==, 0xa0000dead);
    g_assert_cmpint(i, ==, 4);
    g_assert_cmpint(lu_arg_int(0xffffffff), ==, -1);
    g_assert_cmpint(lu_arg_long(0x80000000), ==, -(int64_t)0x80000000);
}

static void test_stat64_root(void)
{
    setup();
    memcpy(lu_g2h(ARG_PAGE), "/", 2);
    uint64_t buf = ARG_PAGE + 256;
    g_assert_cmpint(call(195 /* stat64 */, ARG_PAGE, buf, 0, 0, 0, 0), ==, 0);
    struct stat st;
    g_assert_cmpint(stat("/", &st), ==, 0);
    g_assert_cmphex(be64(buf + 8), ==, st.st_ino);      /* st_ino */
    g_assert_cmphex(be32(buf + 16), ==, st.st_mode);    /* st_mode */
    g_assert_cmpuint(be32(buf + 20), ==, st.st_nlink);  /* st_nlink */
    g_assert_cmpint(be32(buf + 80), ==, (uint32_t)st.st_mtim.tv_sec);
    /* a missing file and an unmapped path pointer */
    memcpy(lu_g2h(ARG_PAGE), "/no/such/file", 14);
    g_assert_cmpint(call(195, ARG_PAGE, buf, 0, 0, 0, 0), ==, -ENOENT);
    g_assert_cmpint(call(195, 0x1000, buf, 0, 0, 0, 0), ==, -EFAULT);
    lu_space_free();
}

static void test_uname_getpid_clock(void)
{
    setup();
    g_assert_cmpint(call(20 /* getpid */, 0, 0, 0, 0, 0, 0), ==, getpid());
    g_assert_cmpint(call(122 /* uname */, ARG_PAGE, 0, 0, 0, 0, 0), ==, 0);
    g_assert_cmpstr((const char *)lu_g2h(ARG_PAGE), ==, "Linux");
    g_assert_cmpstr((const char *)lu_g2h(ARG_PAGE + 4 * 65), ==, "ppc");
    g_assert_cmpint(call(403 /* clock_gettime64 */, CLOCK_REALTIME, ARG_PAGE, 0, 0, 0, 0), ==, 0);
    int64_t sec = (int64_t)be64(ARG_PAGE);
    g_assert_cmpint(llabs(sec - (int64_t)time(NULL)), <=, 1);
    g_assert_cmpuint(be64(ARG_PAGE + 8), <, 1000000000u);
    g_assert_cmpint(call(246 /* clock_gettime */, CLOCK_REALTIME, ARG_PAGE, 0, 0, 0, 0), ==, 0);
    g_assert_cmpint(llabs((int64_t)(int32_t)be32(ARG_PAGE) - (int64_t)time(NULL)), <=, 1);
    lu_space_free();
}

/* write and pread64 through a pipe-less temporary file. */
static void test_file_io(void)
{
    setup();
    char tmpl[] = "/tmp/morph-syscall-XXXXXX";
    int fd = mkstemp(tmpl);
    g_assert_cmpint(fd, >=, 0);
    unlink(tmpl);
    memcpy(lu_g2h(ARG_PAGE), "0123456789", 10);
    g_assert_cmpint(call(4 /* write */, (uint64_t)fd, ARG_PAGE, 10, 0, 0, 0), ==, 10);
    g_assert_cmpint(call(179 /* pread64 */, (uint64_t)fd, ARG_PAGE + 100, 3, 0, 0, 6), ==, 3);
    g_assert_cmpmem(lu_g2h(ARG_PAGE + 100), 3, "678", 3);
    /* _llseek(fd, hi, lo, &result, SEEK_SET) */
    g_assert_cmpint(call(140, (uint64_t)fd, 0, 4, ARG_PAGE + 200, SEEK_SET, 0), ==, 0);
    g_assert_cmphex(be64(ARG_PAGE + 200), ==, 4);
    /* read into an unmapped buffer */
    g_assert_cmpint(call(3 /* read */, (uint64_t)fd, 0x1000, 4, 0, 0, 0), ==, -EFAULT);
    g_assert_cmpint(call(6 /* close */, (uint64_t)fd, 0, 0, 0, 0, 0), ==, 0);
    g_assert_cmpint(call(6, (uint64_t)fd, 0, 0, 0, 0, 0), ==, -EBADF);
    lu_space_free();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/syscall/dispatch/ppc32_numbers", test_ppc32_numbers);
    g_test_add_func("/syscall/dispatch/table_names", test_table_names);
    g_test_add_func("/syscall/dispatch/unknown_is_enosys", test_unknown_is_enosys);
    g_test_add_func("/syscall/dispatch/arg_pairs", test_arg_pairs);
    g_test_add_func("/syscall/call/stat64_root", test_stat64_root);
    g_test_add_func("/syscall/call/uname_getpid_clock", test_uname_getpid_clock);
    g_test_add_func("/syscall/call/file_io", test_file_io);
    return g_test_run();
}
