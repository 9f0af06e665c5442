/* linux-user/safe_syscall.c — blocking host system calls that a guest
 * signal always interrupts. A signal recorded for the guest (signal.c)
 * is delivered by the cpu loop, after the system call; one that arrives
 * just before a blocking call enters the kernel would otherwise wait for
 * the call to end — forever, for a read of an idle pipe.
 *
 *   lu_safe_syscall(nr, args...):
 *     arrived = 0; a deliverable signal recorded already? ─► EINTR
 *     safe_syscall_base:
 *       start: arrived != 0? ─► EINTR
 *              syscall            ◄─ a host signal here (before it, or
 *       end:   return                 restarting it) moves the pc to
 *                                     "interrupted": EINTR
 *
 * The host handler sets `arrived` and calls lu_safe_syscall_interrupt,
 * which moves a pc in [start, end) to the EINTR exit: a signal either
 * comes before the check, after the kernel took the call (which it then
 * interrupts), or in between, where the pc is in the window. EINTR with a
 * recorded signal is what lu_signal_syscall_done restarts or returns,
 * by the guest's SA_RESTART, as the kernel would.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <ucontext.h>

#include "linux-user/lu_signal.h"

#if !defined(__x86_64__)
#error "safe_syscall_base is written for an x86-64 host"
#endif

/* long safe_syscall_base(const volatile int *arrived, long nr, const long args[6]):
 * the raw result, -errno on failure. */
long safe_syscall_base(const volatile int *arrived, long nr, const long args[6]);
extern const char safe_syscall_start[], safe_syscall_end[], safe_syscall_interrupted[];

__asm__(".text\n"
        ".globl safe_syscall_base\n"
        ".type safe_syscall_base, @function\n"
        "safe_syscall_base:\n"
        "    .cfi_startproc\n"
        "    mov %rdi, %r11\n"        /* arrived */
        "    mov %rsi, %rax\n"        /* nr */
        "    mov %rdx, %rcx\n"        /* args */
        "    mov 0(%rcx), %rdi\n"
        "    mov 8(%rcx), %rsi\n"
        "    mov 16(%rcx), %rdx\n"
        "    mov 24(%rcx), %r10\n"
        "    mov 32(%rcx), %r8\n"
        "    mov 40(%rcx), %r9\n"
        ".globl safe_syscall_start\n"
        "safe_syscall_start:\n"
        "    cmpl $0, (%r11)\n"
        "    jne safe_syscall_interrupted\n"
        "    syscall\n"
        ".globl safe_syscall_end\n"
        "safe_syscall_end:\n"
        "    ret\n"
        ".globl safe_syscall_interrupted\n"
        "safe_syscall_interrupted:\n"
        "    mov $-4, %rax\n" /* -EINTR */
        "    ret\n"
        "    .cfi_endproc\n"
        ".size safe_syscall_base, .-safe_syscall_base\n");

_Static_assert(EINTR == 4, "safe_syscall_interrupted returns -4");

long lu_safe_syscall7(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    const long args[6] = {a1, a2, a3, a4, a5, a6};
    volatile int *arrived = lu_signal_arrived_flag();
    *arrived = 0;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
    bool waiting = (lu_signal_recorded() & ~lu_sig_blocked) != 0;
    long r = waiting ? -EINTR : safe_syscall_base(arrived, nr, args);
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

void lu_safe_syscall_interrupt(void *host_ucontext)
{
    greg_t *pc = &((ucontext_t *)host_ucontext)->uc_mcontext.gregs[REG_RIP];
    if ((uintptr_t)*pc >= (uintptr_t)safe_syscall_start && (uintptr_t)*pc < (uintptr_t)safe_syscall_end)
        *pc = (greg_t)(uintptr_t)safe_syscall_interrupted;
}
