/* linux-user/x86/signal64.c — the x86-64 Linux signal frame (rt only),
 * laid out as the kernel's arch/x86/kernel/signal_64.c and fpu/signal.c
 * lay it out without the XSAVE extension, rt_sigreturn, and the syscall
 * restart (`syscall` is 2 bytes).
 *
 * Going down from the interrupted rsp (less the 128-byte red zone), or
 * from the top of the alternate stack:
 *
 *   fpstate: the 512-byte FXSAVE image, 64-byte aligned; its software
 *            bytes (464..511) zero: magic1 is not FP_XSTATE_MAGIC1, so
 *            readers see a plain FXSAVE image and no xstate follows
 *   struct rt_sigframe, placed so that rsp + 8 is 16-byte aligned
 *   (the handler is entered as if called):
 *     0   pretcode      the guest's sa_restorer (SA_RESTORER is required)
 *     8   struct ucontext (304): uc_flags 0, uc_link 8, uc_stack 16
 *         {sp, flags, size}, uc_mcontext 40 (struct sigcontext, 256),
 *         uc_sigmask 296
 *     312 siginfo (128)
 *
 *   sigcontext: r8..r15 0..56, rdi 64, rsi 72, rbp 80, rbx 88, rdx 96,
 *     rax 104, rcx 112, rsp 120, rip 128, eflags 136, cs/gs/fs/ss (u16)
 *     144..150, err 152, trapno 160, oldmask 168, cr2 176, fpstate 184
 *
 * The handler runs with rdi = signal, rsi = &info, rdx = &uc, rax = 0,
 * DF and TF clear and a fresh FPU.
 */
#include <errno.h>
#include <string.h>

#include "linux-user/layout.h"
#include "linux-user/lu_signal.h"
#include "linux-user/syscall.h"
#include "linux-user/x86/abi.h"

enum {
    REDZONE = 128, FXSAVE_SIZE = 512, FXSAVE_ALIGN = 64, FXSAVE_SW_BYTES = 464,
    /* struct rt_sigframe */
    F_PRETCODE = 0, F_UC = 8, F_INFO = 312, FRAME_SIZE = 440,
    /* struct ucontext */
    UC_FLAGS = 0, UC_LINK = 8, UC_STACK_SP = 16, UC_STACK_FLAGS = 24, UC_STACK_SIZE = 32,
    UC_MCONTEXT = 40, UC_SIGMASK = 296, UC_SIZE = 304,
    /* struct sigcontext */
    SC_RIP = 128, SC_EFLAGS = 136, SC_CS = 144, SC_GS = 146, SC_FS = 148, SC_SS = 150,
    SC_ERR = 152, SC_TRAPNO = 160, SC_OLDMASK = 168, SC_CR2 = 176, SC_FPSTATE = 184,
};
_Static_assert(F_UC + UC_SIZE == F_INFO && F_INFO + LU_SIGINFO_SIZE == FRAME_SIZE, "rt_sigframe");

/* uc_flags: the saved SS is valid and sigreturn restores it as it is. */
enum { UC_SIGCONTEXT_SS = 0x2, UC_STRICT_RESTORE_SS = 0x4 };
enum { G_SA_RESTORER = 0x04000000 };

/* The general registers in sigcontext order, from offset 0. */
static const int sc_regs[] = {
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_RDI, X86_RSI, X86_RBP, X86_RBX, X86_RDX, X86_RAX, X86_RCX, X86_RSP,
};

/* mov eax, 15 (rt_sigreturn); syscall — what a C library's restorer is. */
static const uint8_t x86_64_tramp[] = { 0xb8, 0x0f, 0x00, 0x00, 0x00, 0x0f, 0x05 };

extern LinuxAbi x86_64_linux_abi;

static void put(uint8_t *buf, unsigned off, unsigned size, uint64_t v)
{
    lu_store_guest(x86_64_linux_abi.layouts, buf + off, size, v);
}

static uint64_t get(const uint8_t *buf, unsigned off, unsigned size)
{
    return lu_load_guest(x86_64_linux_abi.layouts, buf + off, size);
}

static void save_sigcontext(X86Cpu *c, uint8_t *sc, const LuSigFrameReq *req, uint64_t fpstate)
{
    uint32_t trapno, err;
    uint64_t cr2;
    x86_sig_trap(req->info, &trapno, &err, &cr2);
    for (unsigned i = 0; i < sizeof sc_regs / sizeof sc_regs[0]; i++)
        put(sc, 8 * i, 8, c->regs[sc_regs[i]]);
    put(sc, SC_RIP, 8, c->common.pc);
    put(sc, SC_EFLAGS, 8, x86_get_eflags(c));
    put(sc, SC_CS, 2, c->seg_sel[X86_CS]);
    put(sc, SC_GS, 2, 0);
    put(sc, SC_FS, 2, 0);
    put(sc, SC_SS, 2, c->seg_sel[X86_SS]);
    put(sc, SC_ERR, 8, err);
    put(sc, SC_TRAPNO, 8, trapno);
    put(sc, SC_OLDMASK, 8, req->old_mask);
    put(sc, SC_CR2, 8, cr2);
    put(sc, SC_FPSTATE, 8, fpstate);
}

static uint64_t x86_64_get_sp(const CpuCommon *cpu)
{
    return ((const X86Cpu *)cpu)->regs[X86_RSP];
}

static int x86_64_setup_frame(CpuCommon *cpu, const LuSigFrameReq *req, bool rt)
{
    (void)rt; /* x86-64 frames are rt frames, with or without SA_SIGINFO */
    X86Cpu *c = (X86Cpu *)cpu;
    const LuSigAction *act = &lu_sig_actions[req->sig];
    if (!(req->flags & G_SA_RESTORER))
        return -EFAULT;
    uint64_t sp = req->sp;
    if (sp == c->regs[X86_RSP])
        sp -= REDZONE; /* not switched to the alternate stack */
    if (sp < FXSAVE_SIZE + FXSAVE_ALIGN + FRAME_SIZE + 32)
        return -EFAULT;
    uint64_t fpstate = (sp - FXSAVE_SIZE) & ~(uint64_t)(FXSAVE_ALIGN - 1);
    uint64_t frame = ((fpstate - FRAME_SIZE) & ~(uint64_t)15) - 8;

    uint8_t fx[FXSAVE_SIZE];
    x86_fxsave(c, fx);
    memset(fx + FXSAVE_SW_BYTES, 0, FXSAVE_SIZE - FXSAVE_SW_BYTES);

    uint8_t buf[FRAME_SIZE];
    memset(buf, 0, sizeof buf);
    uint8_t *uc = buf + F_UC;
    put(buf, F_PRETCODE, 8, act->restorer);
    put(uc, UC_FLAGS, 8, UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
    put(uc, UC_LINK, 8, 0);
    put(uc, UC_STACK_SP, 8, req->ss_sp);
    put(uc, UC_STACK_FLAGS, 4, (uint32_t)req->ss_flags);
    put(uc, UC_STACK_SIZE, 8, req->ss_size);
    save_sigcontext(c, uc + UC_MCONTEXT, req, fpstate);
    put(uc, UC_SIGMASK, 8, req->old_mask);
    lu_siginfo_to_guest(&x86_64_linux_abi, req->info, buf + F_INFO);
    if (lu_copy_to_guest(fpstate, fx, sizeof fx) || lu_copy_to_guest(frame, buf, sizeof buf))
        return -EFAULT;

    c->regs[X86_RDI] = (uint64_t)req->sig;
    c->regs[X86_RSI] = frame + F_INFO;
    c->regs[X86_RDX] = frame + F_UC;
    c->regs[X86_RAX] = 0;
    c->regs[X86_RSP] = frame;
    c->common.pc = req->handler;
    x86_put_eflags(c, 0, X86_DF | X86_TF);
    x86_fpu_reset(c);
    return 0;
}

static void restore_sigcontext(X86Cpu *c, const uint8_t *sc)
{
    for (unsigned i = 0; i < sizeof sc_regs / sizeof sc_regs[0]; i++)
        c->regs[sc_regs[i]] = get(sc, 8 * i, 8);
    c->common.pc = get(sc, SC_RIP, 8);
    x86_put_eflags(c, (uint32_t)get(sc, SC_EFLAGS, 8), X86_SIGRETURN_FLAGS);
}

/* The FPU from the frame's fpstate pointer; none: a fresh FPU. */
static int restore_fpstate(X86Cpu *c, uint64_t fpstate)
{
    if (!fpstate) {
        x86_fpu_reset(c);
        return 0;
    }
    uint8_t fx[FXSAVE_SIZE];
    if (lu_copy_from_guest(fx, fpstate, sizeof fx))
        return -EFAULT;
    x86_fxrstor(c, fx);
    return 0;
}

static int x86_64_restore_frame(CpuCommon *cpu, bool rt, uint64_t *mask, uint64_t *ss_sp,
                                uint64_t *ss_size, int32_t *ss_flags)
{
    (void)rt;
    X86Cpu *c = (X86Cpu *)cpu;
    uint64_t frame = c->regs[X86_RSP] - 8; /* the handler's ret popped pretcode */
    uint8_t uc[UC_SIZE];
    if (lu_copy_from_guest(uc, frame + F_UC, sizeof uc))
        return -EFAULT;
    const uint8_t *sc = uc + UC_MCONTEXT;
    if (restore_fpstate(c, get(sc, SC_FPSTATE, 8)))
        return -EFAULT;
    restore_sigcontext(c, sc);
    *mask = get(uc, UC_SIGMASK, 8);
    *ss_sp = get(uc, UC_STACK_SP, 8);
    *ss_flags = (int32_t)get(uc, UC_STACK_FLAGS, 4);
    *ss_size = get(uc, UC_STACK_SIZE, 8);
    return 0;
}

/* Back to the `syscall` instruction; rax still holds the number (the
 * result was not written). */
static void x86_64_syscall_restart(CpuCommon *cpu)
{
    cpu->pc -= 2;
}

const LuSignalAbi x86_64_signal_abi = {
    .tramp_code = x86_64_tramp,
    .tramp_size = sizeof x86_64_tramp,
    .get_sp = x86_64_get_sp,
    .setup_frame = x86_64_setup_frame,
    .restore_frame = x86_64_restore_frame,
    .syscall_restart = x86_64_syscall_restart,
};
