/* tests/x86-diff/runtime.c — the libc-free main loop of an x86-diff test
 * program (built for x86-64 and for i386 from this one file).
 *
 * A test program is this file plus one generated group file (GROUP.S from
 * gen.py): the group file holds the input records (xd_inputs), one body per
 * case (xd_bodies) and the harness (xd_run, harness.py). The loop runs the
 * cases FIRST..FIRST+COUNT-1 (argv[1], argv[2]; default all) in order and
 * writes each output record to stdout as soon as the case is done, so a
 * runner that sees the program die knows exactly which case killed it.
 *
 * No libc: the program needs nothing of the emulator but write and
 * exit_group, which is what makes it useful while a guest is young.
 */
#include <stddef.h>
#include <stdint.h>

extern const unsigned char xd_inputs[];
extern void *const xd_bodies[];
extern const uint32_t xd_case_count, xd_in_size, xd_out_size;
extern void xd_run(void);

/* Read by xd_run/xd_store (harness.py). */
const void *xd_in;
void *xd_out;
void *xd_body;

static unsigned char out_record[4096] __attribute__((aligned(64)));

#if defined(__x86_64__)
enum { SYS_WRITE = 1, SYS_EXIT_GROUP = 231 };
static long sys3(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return ret;
}
__asm__(".text\n.globl _start\n_start:\n"
        "\txor %ebp, %ebp\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n"
        "\tcall xd_start\n\thlt\n");
#else
enum { SYS_WRITE = 4, SYS_EXIT_GROUP = 252 };
static long sys3(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return ret;
}
__asm__(".text\n.globl _start\n_start:\n"
        "\txor %ebp, %ebp\n\tmov %esp, %eax\n\tand $-16, %esp\n"
        "\tsub $12, %esp\n\tpush %eax\n\tcall xd_start\n\thlt\n");
#endif

static void write_all(const void *buf, size_t len)
{
    const unsigned char *p = buf;
    while (len > 0) {
        long n = sys3(SYS_WRITE, 1, (long)p, (long)len);
        if (n <= 0)
            sys3(SYS_EXIT_GROUP, 2, 0, 0);
        p += n;
        len -= (size_t)n;
    }
}

static uint32_t parse_uint(const char *s)
{
    uint32_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (uint32_t)(*s - '0');
    return v;
}

__attribute__((noreturn, used)) void xd_start(long *initial_sp)
{
    long argc = initial_sp[0];
    char **argv = (char **)(initial_sp + 1);
    uint32_t first = argc > 1 ? parse_uint(argv[1]) : 0;
    uint32_t count = argc > 2 ? parse_uint(argv[2]) : xd_case_count;

    if (xd_out_size > sizeof out_record)
        sys3(SYS_EXIT_GROUP, 3, 0, 0);
    for (uint32_t k = first; k < xd_case_count && k - first < count; k++) {
        for (uint32_t i = 0; i < xd_out_size; i++)
            ((volatile unsigned char *)out_record)[i] = 0;
        xd_in = xd_inputs + (size_t)k * xd_in_size;
        xd_out = out_record;
        xd_body = xd_bodies[k];
        xd_run();
        out_record[0] = (unsigned char)k;
        out_record[1] = (unsigned char)(k >> 8);
        out_record[2] = (unsigned char)(k >> 16);
        out_record[3] = (unsigned char)(k >> 24);
        write_all(out_record, xd_out_size);
    }
    sys3(SYS_EXIT_GROUP, 0, 0, 0);
    __builtin_unreachable();
}
