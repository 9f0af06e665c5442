/* tests/unit/test_x86_syscall_nr.c — the i386 and x86-64 syscall-number
 * tables (linux-user/x86/syscall_nr*.c): every number the installed
 * kernel headers (asm/unistd_32.h, asm/unistd_64.h, read at test time)
 * define has that name in morph's table and no other number has one; and
 * the numbers whose generic call is not their kernel name's (i386's old
 * mmap, its 16- and 32-bit uid calls) reach the right handler.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "linux-user/syscall.h"

int i386_syscall_id(int nr);
const char *i386_syscall_name(int nr);
int x86_64_syscall_id(int nr);
const char *x86_64_syscall_name(int nr);

typedef const char *NameFn(int nr);

/* Every "#define __NR_name N" of header against name(N); the count of
 * numbers with a name in morph's table must be the header's count. */
static void check_header(const char *header, NameFn *name)
{
    FILE *f = fopen(header, "r");
    if (!f) {
        g_test_skip("kernel headers not installed");
        return;
    }
    char line[256], nr_name[128];
    int nr, defined = 0, highest = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "#define __NR_%127s %d", nr_name, &nr) != 2)
            continue;
        g_test_message("%s = %d", nr_name, nr);
        g_assert_cmpstr(name(nr), ==, nr_name);
        defined++;
        highest = nr > highest ? nr : highest;
    }
    fclose(f);
    g_assert_cmpint(defined, >, 300);
    int named = 0;
    for (int i = 0; i <= highest + 64; i++)
        named += name(i) != NULL;
    g_assert_cmpint(named, ==, defined);
    g_assert_null(name(-1));
}

static void test_i386_names(void)
{
    check_header("/usr/include/x86_64-linux-gnu/asm/unistd_32.h", i386_syscall_name);
}

static void test_x86_64_names(void)
{
    check_header("/usr/include/x86_64-linux-gnu/asm/unistd_64.h", x86_64_syscall_name);
}

static void test_i386_ids(void)
{
    static const struct { int nr; const char *generic; } expect[] = {
        { 90, "old_mmap" }, { 192, "mmap2" }, { 82, "select" }, { 142, "_newselect" },
        { 102, "socketcall" }, { 119, "sigreturn" }, { 173, "rt_sigreturn" },
        { 243, "set_thread_area" }, { 244, "get_thread_area" }, { 120, "clone" },
        { 199, "getuid32" }, { 212, "chown" }, { 207, "fchown" }, { 198, "lchown" },
        { 209, "getresuid" }, { 205, "getgroups" }, { 195, "stat64" }, { 300, "fstatat64" },
        { 140, "_llseek" }, { 221, "fcntl64" }, { 252, "exit_group" }, { 403, "clock_gettime64" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(expect); i++) {
        g_test_message("i386 %d -> %s", expect[i].nr, expect[i].generic);
        g_assert_cmpint(lu_sys_lookup(expect[i].generic), >=, 0);
        g_assert_cmpint(i386_syscall_id(expect[i].nr), ==, lu_sys_lookup(expect[i].generic));
    }
    /* the 16-bit uid calls: none (C libraries use the *32 forms) */
    static const int uid16[] = { 16, 23, 24, 47, 49, 50, 80, 95, 165, 171, 182 };
    for (size_t i = 0; i < G_N_ELEMENTS(uid16); i++)
        g_assert_cmpint(i386_syscall_id(uid16[i]), ==, -1);
    g_assert_cmpint(i386_syscall_id(-1), ==, -1);
    g_assert_cmpint(i386_syscall_id(100000), ==, -1);
}

static void test_x86_64_ids(void)
{
    static const struct { int nr; const char *generic; } expect[] = {
        { 9, "mmap" }, { 23, "select" }, { 15, "rt_sigreturn" }, { 56, "clone" },
        { 158, "arch_prctl" }, { 262, "newfstatat" }, { 4, "stat" }, { 102, "getuid" },
        { 231, "exit_group" }, { 202, "futex" }, { 218, "set_tid_address" }, { 302, "prlimit64" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(expect); i++) {
        g_test_message("x86-64 %d -> %s", expect[i].nr, expect[i].generic);
        g_assert_cmpint(lu_sys_lookup(expect[i].generic), >=, 0);
        g_assert_cmpint(x86_64_syscall_id(expect[i].nr), ==, lu_sys_lookup(expect[i].generic));
    }
    g_assert_cmpint(x86_64_syscall_id(0x40000000 | 1), ==, -1); /* x32 write */
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86_syscall_nr/i386_names", test_i386_names);
    g_test_add_func("/x86_syscall_nr/x86_64_names", test_x86_64_names);
    g_test_add_func("/x86_syscall_nr/i386_ids", test_i386_ids);
    g_test_add_func("/x86_syscall_nr/x86_64_ids", test_x86_64_ids);
    return g_test_run();
}
