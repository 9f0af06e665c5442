/* sigvec.c — vector registers in signal frames: a handler sees the
 * interrupted code's vector registers in its ucontext, a change it makes
 * there is what the interrupted code finds after the return, and the
 * vector registers the handler uses itself come back as they were.
 *
 * The signal is raised by a tgkill system call inside one asm block that
 * holds the registers across it (a signal is delivered as the call
 * returns). Checked on x86-64 (XMM7, XMM8 in the FXSAVE image of
 * uc_mcontext.fpregs) and on 64-bit PowerPC with VSX (v20, v21 in
 * uc_mcontext.v_regs, and the second doubleword of vs10 in the VSX area
 * that follows the 34 quadwords of v_regs). Elsewhere the same lines are
 * printed with nothing to check. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

/* The values: what the interrupted code holds (held), what the handler
 * writes into the frame (replaced), what the handler puts in a register
 * of its own (clobber). 16-byte aligned for lvx/stvx. */
static const uint32_t held[4] __attribute__((aligned(16))) = { 0x11223344, 0x55667788, 0x99aabbcc, 0xddeeff00 };
static const uint32_t kept[4] __attribute__((aligned(16))) = { 0x0badf00d, 0xcafef00d, 0x12345678, 0x9abcdef0 };
static const uint32_t replaced[4] __attribute__((aligned(16))) = { 0xfeedface, 0xdeadbeef, 0x01020304, 0x05060708 };
static const uint32_t held_vsx[4] __attribute__((aligned(16))) = { 0x10101010, 0x20202020, 0x30303030, 0x40404040 };

static uint32_t out_changed[4] __attribute__((aligned(16)));
static uint32_t out_kept[4] __attribute__((aligned(16)));
static uint32_t out_vsx[4] __attribute__((aligned(16)));

static volatile int handler_ran, frame_had_held, frame_had_kept, frame_had_vsx;

#if defined(__x86_64__)
static void handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si;
    ucontext_t *uc = ctx;
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    handler_ran = 1;
    frame_had_held = memcmp(fp->_xmm[7].element, held, 16) == 0;
    frame_had_kept = memcmp(fp->_xmm[8].element, kept, 16) == 0;
    frame_had_vsx = 1;
    memcpy(fp->_xmm[7].element, replaced, 16);
    __asm__ volatile("pcmpeqd %%xmm8, %%xmm8" ::: "xmm8"); /* the handler's own use */
}

static void run_interrupted(void)
{
    long nr = SYS_tgkill;
    long pid = getpid(), tid = syscall(SYS_gettid);
    __asm__ volatile("movdqa (%[h]), %%xmm7\n\t"
                     "movdqa (%[k]), %%xmm8\n\t"
                     "syscall\n\t"
                     "movdqa %%xmm7, (%[oc])\n\t"
                     "movdqa %%xmm8, (%[ok])\n\t"
                     : "+a"(nr)
                     : "D"(pid), "S"(tid), "d"((long)SIGUSR1), [h] "r"(held), [k] "r"(kept),
                       [oc] "r"(out_changed), [ok] "r"(out_kept)
                     : "rcx", "r11", "memory", "xmm7", "xmm8");
    memcpy(out_vsx, held_vsx, 16); /* no VSX part here */
}
#elif defined(__powerpc64__) && defined(__VSX__)
enum { VSX_AREA = 34 * 16 }; /* the VSX doublewords follow v_regs' 34 quadwords */

static void handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si;
    ucontext_t *uc = ctx;
    uint8_t *vr = (uint8_t *)uc->uc_mcontext.v_regs;
    handler_ran = 1;
    frame_had_held = memcmp(vr + 16 * 20, held, 16) == 0;
    frame_had_kept = memcmp(vr + 16 * 21, kept, 16) == 0;
    /* vs10's second doubleword, as the register holds it after lxvd2x */
    uint64_t dw1;
    memcpy(&dw1, (const uint8_t *)held_vsx + 8, 8);
    uint64_t saved;
    memcpy(&saved, vr + VSX_AREA + 8 * 10, 8);
    frame_had_vsx = saved == dw1;
    memcpy(vr + 16 * 20, replaced, 16);
    memcpy(vr + VSX_AREA + 8 * 10, (const uint8_t *)replaced + 8, 8);
    __asm__ volatile("vspltisw 21, -1" ::: "v21"); /* the handler's own use */
}

static void run_interrupted(void)
{
    long pid = getpid(), tid = syscall(SYS_gettid); /* before the register variables */
    register long r0 __asm__("r0") = SYS_tgkill;
    register long r3 __asm__("r3") = pid;
    register long r4 __asm__("r4") = tid;
    register long r5 __asm__("r5") = SIGUSR1;
    __asm__ volatile("lvx 20, 0, %[h]\n\t"
                     "lvx 21, 0, %[k]\n\t"
                     "lxvd2x 10, 0, %[v]\n\t"
                     "sc\n\t"
                     "stvx 20, 0, %[oc]\n\t"
                     "stvx 21, 0, %[ok]\n\t"
                     "stxvd2x 10, 0, %[ov]\n\t"
                     : "+r"(r0), "+r"(r3), "+r"(r4), "+r"(r5)
                     : [h] "b"(held), [k] "b"(kept), [v] "b"(held_vsx), [oc] "b"(out_changed),
                       [ok] "b"(out_kept), [ov] "b"(out_vsx)
                     : "memory", "cr0", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "ctr",
                       "v20", "v21", "vs10");
}
#else
static void handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si, (void)ctx;
    handler_ran = frame_had_held = frame_had_kept = frame_had_vsx = 1;
}

static void run_interrupted(void)
{
    (void)held;
    raise(SIGUSR1);
    memcpy(out_changed, replaced, 16);
    memcpy(out_kept, kept, 16);
    memcpy(out_vsx, held_vsx, 16);
}
#endif

static void print_words(const char *what, const uint32_t *w)
{
    printf("%s: %08x %08x %08x %08x\n", what, w[0], w[1], w[2], w[3]);
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    for (int round = 0; round < 3; round++) {
        handler_ran = frame_had_held = frame_had_kept = frame_had_vsx = 0;
        memset(out_changed, 0, 16);
        memset(out_kept, 0, 16);
        memset(out_vsx, 0, 16);
        run_interrupted();
        printf("round %d: handler ran %d, frame showed the held register %d, the kept one %d, "
               "the VSX half %d\n", round, handler_ran, frame_had_held, frame_had_kept,
               frame_had_vsx);
        print_words("  after return, the register changed in the frame", out_changed);
        print_words("  after return, the register the handler used", out_kept);
#if defined(__powerpc64__) && defined(__VSX__)
        /* the second doubleword was replaced through the VSX area */
        uint32_t expect_vsx[4];
        memcpy(expect_vsx, held_vsx, 8);
        memcpy(expect_vsx + 2, replaced + 2, 8);
        printf("  vs10 after return: %s\n", memcmp(out_vsx, expect_vsx, 16) == 0 ? "as the handler left it" : "wrong");
#else
        printf("  vs10 after return: %s\n", "as the handler left it");
#endif
    }
    return 0;
}
