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
 * Groups that raise faults (xd_catch_signals) also need rt_sigaction,
 * sigaltstack and rt_sigreturn: the handler below records the signal and
 * resumes at xd_store with the registers of the signal frame. The seg
 * group (xd_seg_base) needs arch_prctl(ARCH_SET_FS) on x86-64 and
 * set_thread_area plus a GS load on i386, the way a libc sets up TLS.
 */
#include <stddef.h>
#include <stdint.h>

extern const unsigned char xd_inputs[];
extern void *const xd_bodies[];
extern const uint32_t xd_case_count, xd_in_size, xd_out_size, xd_catch_signals, xd_seg_base;
extern void xd_run(void);
extern void xd_store(void);

/* What the last signal said; xd_run clears it, xd_store copies it out. */
struct FaultInfo {
    uint32_t signo, code;
    uint64_t addr, pc;
    uint32_t count, pad;
};
struct FaultInfo xd_fault_info;

/* Read by xd_run/xd_store (harness.py). */
const void *xd_in;
void *xd_out;
void *xd_body;

static unsigned char out_record[4096] __attribute__((aligned(64)));

#if defined(__x86_64__)
enum { SYS_WRITE = 1, SYS_EXIT_GROUP = 231, SYS_RT_SIGACTION = 13, SYS_SIGALTSTACK = 131,
       SYS_ARCH_PRCTL = 158, ARCH_SET_FS = 0x1002 };
enum { SIGINFO_ADDR = 16, UCONTEXT_IP = 40 + 16 * 8 }; /* gregs[REG_RIP] */
typedef uint64_t kword;
static long sys3(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return ret;
}
static long sys4(long nr, long a, long b, long c, long d)
{
    long ret;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
}
__asm__(".text\n.globl _start\n_start:\n"
        "\txor %ebp, %ebp\n\tmov %rsp, %rdi\n\tand $-16, %rsp\n"
        "\tcall xd_start\n\thlt\n");
__asm__(".text\nxd_sigreturn:\n\tmov $15, %eax\n\tsyscall\n");
#else
enum { SYS_WRITE = 4, SYS_EXIT_GROUP = 252, SYS_RT_SIGACTION = 174, SYS_SIGALTSTACK = 186,
       SYS_SET_THREAD_AREA = 243 };
enum { SIGINFO_ADDR = 12, UCONTEXT_IP = 20 + 14 * 4 }; /* gregs[REG_EIP] */
typedef uint32_t kword;
static long sys3(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return ret;
}
static long sys4(long nr, long a, long b, long c, long d)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d) : "memory");
    return ret;
}
__asm__(".text\n.globl _start\n_start:\n"
        "\txor %ebp, %ebp\n\tmov %esp, %eax\n\tand $-16, %esp\n"
        "\tsub $12, %esp\n\tpush %eax\n\tcall xd_start\n\thlt\n");
__asm__(".text\nxd_sigreturn:\n\tmov $173, %eax\n\tint $0x80\n");
#endif
extern void xd_sigreturn(void);

enum { SA_SIGINFO = 4, SA_ONSTACK = 0x08000000, SA_RESTORER = 0x04000000 };
enum { SIGILL = 4, SIGTRAP = 5, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11 };

/* The kernel's struct sigaction and stack_t (not libc's). */
struct KernelSigaction {
    kword handler, flags, restorer;
    uint32_t mask[2];
};
struct KernelStack {
    kword sp;
    int32_t flags;
    kword size;
};

static unsigned char signal_stack[65536] __attribute__((aligned(64)));

static void on_fault(int signo, void *info, void *uc)
{
    unsigned char *si = info;
    kword *ip = (kword *)((unsigned char *)uc + UCONTEXT_IP);
    xd_fault_info.signo = (uint32_t)signo;
    xd_fault_info.code = *(uint32_t *)(si + 8);
    xd_fault_info.addr = *(kword *)(si + SIGINFO_ADDR);
    xd_fault_info.pc = *ip;
    xd_fault_info.count++;
    *ip = (kword)(uintptr_t)xd_store;
}

static void catch_signals(void)
{
    static const int signals[] = {SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV};
    struct KernelStack ss = {(kword)(uintptr_t)signal_stack, 0, sizeof signal_stack};
    if (sys3(SYS_SIGALTSTACK, (long)&ss, 0, 0) != 0)
        sys3(SYS_EXIT_GROUP, 4, 0, 0);
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct KernelSigaction sa = {(kword)(uintptr_t)on_fault,
                                     SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
                                     (kword)(uintptr_t)xd_sigreturn, {0, 0}};
        if (sys4(SYS_RT_SIGACTION, signals[i], (long)&sa, 0, 8) != 0)
            sys3(SYS_EXIT_GROUP, 5, 0, 0);
    }
}

/* FS (x86-64) or GS (i386) gets base `base`, for the seg group. */
static void set_segment_base(uint32_t base)
{
#if defined(__x86_64__)
    if (sys3(SYS_ARCH_PRCTL, ARCH_SET_FS, (long)base, 0) != 0)
        sys3(SYS_EXIT_GROUP, 6, 0, 0);
#else
    /* struct user_desc: entry (-1: the kernel picks), base, limit, and
     * flags seg_32bit | limit_in_pages | useable */
    uint32_t desc[4] = {0xFFFFFFFFu, base, 0xFFFFF, 0x51};
    if (sys3(SYS_SET_THREAD_AREA, (long)desc, 0, 0) != 0)
        sys3(SYS_EXIT_GROUP, 6, 0, 0);
    uint32_t selector = desc[0] * 8 + 3;
    __asm__ volatile("mov %0, %%gs" : : "r"(selector));
#endif
}

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
    if (xd_catch_signals)
        catch_signals();
    if (xd_seg_base)
        set_segment_base(xd_seg_base);
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
