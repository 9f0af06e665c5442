/* tests/fuzz/tiny.c — the small, libc-free PPC program the ELF fuzzer
 * corrupts: a few KB, so random body corruptions land in its code and data.
 * It writes a message with the write syscall, does a little arithmetic on
 * a table, and exits through exit_group with a status computed from it. */

static const char message[] = "tiny PPC program\n";
static unsigned table[16] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};

static long sys3(long nr, long a, long b, long c)
{
    register long r0 __asm__("r0") = nr;
    register long r3 __asm__("r3") = a;
    register long r4 __asm__("r4") = b;
    register long r5 __asm__("r5") = c;
    __asm__ volatile("sc" : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5) : : "memory", "cr0", "r6", "r7", "r8", "r9", "r10", "r11", "r12");
    return r3;
}

void _start(void)
{
    unsigned sum = 0;
    sys3(4 /* write */, 1, (long)message, sizeof message - 1);
    for (int i = 0; i < 16; i++)
        sum = sum * 31 + table[i];
    sys3(234 /* exit_group */, (long)(sum & 0x7f), 0, 0);
    for (;;)
        ;
}
