/* tests/unit/test_x86_tls.c — the x86 guests' thread pointers
 * (linux-user/x86/tls.c): set_thread_area/get_thread_area on i386's GDT
 * TLS entries and arch_prctl's FS/GS bases on x86-64, with the rules of
 * the kernel's arch/x86/kernel/tls.c and process_64.c and the manual
 * pages set_thread_area(2) and arch_prctl(2): entry_number -1 picks the
 * first free entry and is written back, ESRCH when none is left; an empty
 * descriptor clears an entry; a 16-bit, code or not-present segment is
 * EINVAL; a segment register selecting the entry takes the new base.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "frontend/x86/cpu.h"
#include "linux-user/layout.h"
#include "linux-user/lu_runtime.h"
#include "linux-user/syscall.h"

extern const LuLayouts i386_layouts, x86_64_layouts;
LuSysFn lu_sys_set_thread_area, lu_sys_get_thread_area, lu_sys_arch_prctl;

enum {
    UD_32BIT = 0x01, UD_CODE = 0x04, UD_READ_EXEC_ONLY = 0x08, UD_LIMIT_PAGES = 0x10,
    UD_NOT_PRESENT = 0x20, UD_USEABLE = 0x40,
    GLIBC_FLAGS = UD_32BIT | UD_LIMIT_PAGES | UD_USEABLE,
    ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004,
};
static const uint64_t DESC = 0x30000000; /* a user_desc in guest memory */

static LinuxAbi fake_abi;

static void setup(const LuLayouts *L, X86Cpu *c)
{
    g_assert_true(lu_space_init((uint64_t)1 << 32));
    fake_abi.layouts = L;
    lu_proc.abi = &fake_abi;
    g_assert_cmpint(lu_mmap(DESC, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                            -1, 0), ==, (int64_t)DESC);
    memset(c, 0, sizeof *c);
}

static void put_desc(int32_t entry, uint32_t base, uint32_t limit, uint32_t flags)
{
    uint32_t w[4] = { (uint32_t)entry, base, limit, flags }; /* little-endian guest, as the host */
    g_assert_cmpint(lu_copy_to_guest(DESC, w, sizeof w), ==, 0);
}

static uint32_t desc_word(int i)
{
    uint32_t w[4];
    g_assert_cmpint(lu_copy_from_guest(w, DESC, sizeof w), ==, 0);
    return w[i];
}

static int64_t set_area(X86Cpu *c)
{
    uint64_t a[6] = { DESC };
    return lu_sys_set_thread_area(&c->common, a);
}

static void test_allocate_entries(void)
{
    X86Cpu c;
    setup(&i386_layouts, &c);
    c.seg_sel[X86_GS] = 6 << 3 | 3; /* %gs already selects entry 6 */
    for (int want = 6; want <= 8; want++) {
        put_desc(-1, 0x10000 * (uint32_t)want, 0xfffff, GLIBC_FLAGS);
        g_assert_cmpint(set_area(&c), ==, 0);
        g_assert_cmpuint(desc_word(0), ==, want);
        g_assert_cmphex(c.gdt[want].base, ==, 0x10000 * (uint32_t)want);
        g_assert_true(c.gdt[want].flags & X86_DESC_PRESENT);
    }
    g_assert_cmphex(c.seg_base[X86_GS], ==, 0x60000);
    put_desc(-1, 0x90000, 0xfffff, GLIBC_FLAGS);
    g_assert_cmpint(set_area(&c), ==, -ESRCH);
    /* rewriting entry 6 in place reloads %gs */
    put_desc(6, 0xabc000, 0xfffff, GLIBC_FLAGS);
    g_assert_cmpint(set_area(&c), ==, 0);
    g_assert_cmphex(c.seg_base[X86_GS], ==, 0xabc000);
    lu_space_free();
}

static void test_get_and_clear(void)
{
    X86Cpu c;
    setup(&i386_layouts, &c);
    put_desc(7, 0x1234000, 0xabcde, GLIBC_FLAGS);
    g_assert_cmpint(set_area(&c), ==, 0);
    put_desc(7, 0, 0, 0);
    uint64_t a[6] = { DESC };
    g_assert_cmpint(lu_sys_get_thread_area(&c.common, a), ==, 0);
    g_assert_cmpuint(desc_word(0), ==, 7);
    g_assert_cmphex(desc_word(1), ==, 0x1234000);
    g_assert_cmphex(desc_word(2), ==, 0xabcde);
    g_assert_cmphex(desc_word(3), ==, GLIBC_FLAGS);
    /* the "empty" descriptor clears it; it then reads back empty */
    put_desc(7, 0, 0, UD_READ_EXEC_ONLY | UD_NOT_PRESENT);
    g_assert_cmpint(set_area(&c), ==, 0);
    g_assert_cmpuint(c.gdt[7].flags, ==, 0);
    put_desc(7, 0, 0, 0);
    g_assert_cmpint(lu_sys_get_thread_area(&c.common, a), ==, 0);
    g_assert_cmphex(desc_word(3) & (UD_READ_EXEC_ONLY | UD_NOT_PRESENT), ==, UD_READ_EXEC_ONLY | UD_NOT_PRESENT);
    /* a cleared entry is free again */
    put_desc(-1, 0x5000, 1, GLIBC_FLAGS);
    g_assert_cmpint(set_area(&c), ==, 0);
    g_assert_cmpuint(desc_word(0), ==, 6);
    lu_space_free();
}

static void test_invalid(void)
{
    X86Cpu c;
    setup(&i386_layouts, &c);
    put_desc(6, 0x1000, 0xfffff, UD_LIMIT_PAGES);              /* 16-bit */
    g_assert_cmpint(set_area(&c), ==, -EINVAL);
    put_desc(6, 0x1000, 0xfffff, GLIBC_FLAGS | UD_CODE);       /* code */
    g_assert_cmpint(set_area(&c), ==, -EINVAL);
    put_desc(6, 0x1000, 0xfffff, GLIBC_FLAGS | UD_NOT_PRESENT); /* not present */
    g_assert_cmpint(set_area(&c), ==, -EINVAL);
    put_desc(5, 0x1000, 0xfffff, GLIBC_FLAGS);                 /* not a TLS entry */
    g_assert_cmpint(set_area(&c), ==, -EINVAL);
    put_desc(9, 0x1000, 0xfffff, GLIBC_FLAGS);
    g_assert_cmpint(set_area(&c), ==, -EINVAL);
    uint64_t bad[6] = { 0x50000000 };                          /* unmapped */
    g_assert_cmpint(lu_sys_set_thread_area(&c.common, bad), ==, -EFAULT);
    for (int i = 0; i < X86_GDT_ENTRIES; i++)
        g_assert_cmpuint(c.gdt[i].flags, ==, 0);
    lu_space_free();
}

static int64_t prctl(X86Cpu *c, int code, uint64_t arg)
{
    uint64_t a[6] = { (uint64_t)code, arg };
    return lu_sys_arch_prctl(&c->common, a);
}

static void test_arch_prctl(void)
{
    X86Cpu c;
    setup(&x86_64_layouts, &c);
    c.seg_sel[X86_FS] = 0x2b;
    g_assert_cmpint(prctl(&c, ARCH_SET_FS, 0x7f0012345678ull), ==, 0);
    g_assert_cmphex(c.seg_base[X86_FS], ==, 0x7f0012345678ull);
    g_assert_cmpuint(c.seg_sel[X86_FS], ==, 0);
    g_assert_cmpint(prctl(&c, ARCH_SET_GS, 0x1000), ==, 0);
    g_assert_cmphex(c.seg_base[X86_GS], ==, 0x1000);
    g_assert_cmpint(prctl(&c, ARCH_GET_FS, DESC), ==, 0);
    uint64_t got;
    g_assert_cmpint(lu_copy_from_guest(&got, DESC, 8), ==, 0);
    g_assert_cmphex(got, ==, 0x7f0012345678ull);
    g_assert_cmpint(prctl(&c, ARCH_GET_GS, DESC), ==, 0);
    g_assert_cmpint(lu_copy_from_guest(&got, DESC, 8), ==, 0);
    g_assert_cmphex(got, ==, 0x1000);
    g_assert_cmpint(prctl(&c, ARCH_SET_FS, 0x800000000000ull), ==, -EPERM); /* not a user address */
    g_assert_cmpint(prctl(&c, ARCH_GET_FS, 0x50000000), ==, -EFAULT);
    g_assert_cmpint(prctl(&c, 0x1999, 0), ==, -EINVAL);
    lu_space_free();
    /* i386 has no FS/GS base calls */
    setup(&i386_layouts, &c);
    g_assert_cmpint(prctl(&c, ARCH_SET_FS, 0x1000), ==, -EINVAL);
    g_assert_cmphex(c.seg_base[X86_FS], ==, 0);
    lu_space_free();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86_tls/allocate_entries", test_allocate_entries);
    g_test_add_func("/x86_tls/get_and_clear", test_get_and_clear);
    g_test_add_func("/x86_tls/invalid", test_invalid);
    g_test_add_func("/x86_tls/arch_prctl", test_arch_prctl);
    return g_test_run();
}
