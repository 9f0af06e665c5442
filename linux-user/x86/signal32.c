/* linux-user/x86/signal32.c — the i386 Linux signal frames, laid out as a
 * 32-bit kernel's arch/x86/kernel/signal_32.c and fpu/signal.c lay them
 * out without the XSAVE extension, sigreturn/rt_sigreturn, and the
 * syscall restart (`int $0x80` is 2 bytes).
 *
 * Going down from the interrupted esp, or the top of the alternate stack:
 *
 *   the FXSAVE image (512), 64-byte aligned, software bytes zero
 *   struct _fpstate_32 head (112) just below it: the FNSAVE-format
 *        environment and ST(0)..ST(7) (108), status (the FSW), magic 0
 *        (X86_FXSR_MAGIC: the FXSAVE image follows) ◄─ sc.fpstate
 *   the frame, placed so that esp + 4 is 16-byte aligned:
 *
 *   plain (sigreturn, 732)              rt (rt_sigreturn, 268)
 *   0   pretcode                        0   pretcode
 *   4   sig                             4   sig
 *   8   struct sigcontext (88)          8   pinfo ─► info
 *   96  struct _fpstate_32 (unused)     12  puc ─► uc
 *   720 extramask (signals 33-64)       16  siginfo (128)
 *   724 retcode[8]                      144 struct ucontext (116): flags 0,
 *                                           link 4, stack 8 {sp, flags,
 *                                           size}, mcontext 20 (88),
 *                                           sigmask 108
 *                                       260 retcode[8]
 *
 *   sigcontext: gs 0, fs 4, es 8, ds 12, edi 16, esi 20, ebp 24, esp 28,
 *     ebx 32, edx 36, ecx 40, eax 44, trapno 48, err 52, eip 56, cs 60,
 *     eflags 64, esp_at_signal 68, ss 72, fpstate 76, oldmask 80, cr2 84
 *
 * The handler returns to pretcode: the guest's sa_restorer with
 * SA_RESTORER, else morph's trampoline page (the role of the vDSO's
 * __kernel_sigreturn / __kernel_rt_sigreturn). retcode holds the same
 * instructions, as the kernel writes them for debuggers. The handler runs
 * with eax = signal (edx = &info, ecx = &uc for rt; 0 otherwise), the
 * user data segments, DF and TF clear and a fresh FPU.
 */
#include <errno.h>
#include <string.h>

#include "frontend/x86/x87.h"
#include "linux-user/layout.h"
#include "linux-user/lu_signal.h"
#include "linux-user/syscall.h"
#include "linux-user/x86/abi.h"

enum {
    FXSAVE_SIZE = 512, FXSAVE_ALIGN = 64, FXSAVE_SW_BYTES = 464,
    FP_HEAD = 112, FP_STATUS = 108, FP_MAGIC = 110, FP_SIZE = FP_HEAD + FXSAVE_SIZE,
    X86_FXSR_MAGIC = 0x0000, X86_FNSAVE_ONLY_MAGIC = 0xffff,
    /* struct sigframe */
    PF_PRETCODE = 0, PF_SIG = 4, PF_SC = 8, PF_EXTRAMASK = 720, PF_RETCODE = 724, PF_SIZE = 732,
    /* struct rt_sigframe */
    RF_PRETCODE = 0, RF_SIG = 4, RF_PINFO = 8, RF_PUC = 12, RF_INFO = 16, RF_UC = 144,
    RF_RETCODE = 260, RF_SIZE = 268,
    /* struct ucontext */
    UC_FLAGS = 0, UC_LINK = 4, UC_STACK_SP = 8, UC_STACK_FLAGS = 12, UC_STACK_SIZE = 16,
    UC_MCONTEXT = 20, UC_SIGMASK = 108, UC_SIZE = 116,
    /* struct sigcontext */
    SC_GS = 0, SC_FS = 4, SC_ES = 8, SC_DS = 12, SC_TRAPNO = 48, SC_ERR = 52, SC_EIP = 56,
    SC_CS = 60, SC_EFLAGS = 64, SC_ESP_AT_SIGNAL = 68, SC_SS = 72, SC_FPSTATE = 76,
    SC_OLDMASK = 80, SC_CR2 = 84, SC_SIZE = 88,
};
_Static_assert(PF_SC + SC_SIZE + FP_SIZE == PF_EXTRAMASK, "sigframe");
_Static_assert(RF_INFO + LU_SIGINFO_SIZE == RF_UC && RF_UC + UC_SIZE == RF_RETCODE, "rt_sigframe");
_Static_assert((int)FP_STATUS == (int)X86_FSAVE32_BYTES, "the FNSAVE head ends where status begins");

enum { G_SA_RESTORER = 0x04000000 };

/* The general registers in sigcontext order, from offset 16. */
static const int sc_regs[] = {
    X86_RDI, X86_RSI, X86_RBP, X86_RSP, X86_RBX, X86_RDX, X86_RCX, X86_RAX,
};
enum { SC_REGS = 16 };
/* The data segment registers in sigcontext order, from offset 0. */
static const int sc_segs[] = { X86_GS, X86_FS, X86_ES, X86_DS };

/* popl %eax; movl $119 (sigreturn), %eax; int $0x80  |  movl $173
 * (rt_sigreturn), %eax; int $0x80 (then a pad byte). */
enum { TRAMP_PLAIN = 0, TRAMP_RT = 8, RETCODE_SIZE = 8 };
static const uint8_t i386_tramp[] = {
    0x58, 0xb8, 0x77, 0x00, 0x00, 0x00, 0xcd, 0x80,
    0xb8, 0xad, 0x00, 0x00, 0x00, 0xcd, 0x80, 0x00,
};

extern LinuxAbi i386_linux_abi;

static void put(uint8_t *buf, unsigned off, unsigned size, uint64_t v)
{
    lu_store_guest(i386_linux_abi.layouts, buf + off, size, v);
}

static uint32_t get(const uint8_t *buf, unsigned off, unsigned size)
{
    return (uint32_t)lu_load_guest(i386_linux_abi.layouts, buf + off, size);
}

/* The _fpstate_32 (head, then the FXSAVE image) of the FPU now. */
static void save_fpstate(X86Cpu *c, uint8_t fp[FP_SIZE])
{
    memset(fp, 0, FP_SIZE);
    x86_fxsave(c, fp + FP_HEAD);
    memset(fp + FP_HEAD + FXSAVE_SW_BYTES, 0, FXSAVE_SIZE - FXSAVE_SW_BYTES);
    x86_x87_fsave32(c, fp);
    put(fp, FP_STATUS, 2, get(fp, 4, 2)); /* the FSW, word 1 of the environment */
    put(fp, FP_MAGIC, 2, X86_FXSR_MAGIC);
}

static void save_sigcontext(X86Cpu *c, uint8_t *sc, const LuSigFrameReq *req, uint32_t fpstate)
{
    uint32_t trapno, err;
    uint64_t cr2;
    x86_sig_trap(req->info, &trapno, &err, &cr2);
    for (unsigned i = 0; i < sizeof sc_segs / sizeof sc_segs[0]; i++)
        put(sc, 4 * i, 4, c->seg_sel[sc_segs[i]]);
    for (unsigned i = 0; i < sizeof sc_regs / sizeof sc_regs[0]; i++)
        put(sc, SC_REGS + 4 * i, 4, c->regs[sc_regs[i]]);
    put(sc, SC_TRAPNO, 4, trapno);
    put(sc, SC_ERR, 4, err);
    put(sc, SC_EIP, 4, c->common.pc);
    put(sc, SC_CS, 4, c->seg_sel[X86_CS]);
    put(sc, SC_EFLAGS, 4, x86_get_eflags(c));
    put(sc, SC_ESP_AT_SIGNAL, 4, c->regs[X86_RSP]);
    put(sc, SC_SS, 4, c->seg_sel[X86_SS]);
    put(sc, SC_FPSTATE, 4, fpstate);
    put(sc, SC_OLDMASK, 4, req->old_mask);
    put(sc, SC_CR2, 4, cr2);
}

static uint64_t i386_get_sp(const CpuCommon *cpu)
{
    return (uint32_t)((const X86Cpu *)cpu)->regs[X86_RSP];
}

/* Where the handler returns: the guest's restorer, else the trampoline. */
static uint32_t return_address(const LuSigFrameReq *req, unsigned tramp_offset)
{
    if (req->flags & G_SA_RESTORER)
        return (uint32_t)lu_sig_actions[req->sig].restorer;
    return (uint32_t)(req->tramp + tramp_offset);
}

static void fill_plain(uint8_t *buf, X86Cpu *c, const LuSigFrameReq *req, uint32_t fpstate)
{
    put(buf, PF_PRETCODE, 4, return_address(req, TRAMP_PLAIN));
    put(buf, PF_SIG, 4, (uint32_t)req->sig);
    save_sigcontext(c, buf + PF_SC, req, fpstate);
    put(buf, PF_EXTRAMASK, 4, req->old_mask >> 32);
    memcpy(buf + PF_RETCODE, i386_tramp + TRAMP_PLAIN, RETCODE_SIZE);
}

static void fill_rt(uint8_t *buf, X86Cpu *c, const LuSigFrameReq *req, uint32_t frame, uint32_t fpstate)
{
    uint8_t *uc = buf + RF_UC;
    put(buf, RF_PRETCODE, 4, return_address(req, TRAMP_RT));
    put(buf, RF_SIG, 4, (uint32_t)req->sig);
    put(buf, RF_PINFO, 4, frame + RF_INFO);
    put(buf, RF_PUC, 4, frame + RF_UC);
    lu_siginfo_to_guest(&i386_linux_abi, req->info, buf + RF_INFO);
    put(uc, UC_FLAGS, 4, 0);
    put(uc, UC_LINK, 4, 0);
    put(uc, UC_STACK_SP, 4, req->ss_sp);
    put(uc, UC_STACK_FLAGS, 4, (uint32_t)req->ss_flags);
    put(uc, UC_STACK_SIZE, 4, req->ss_size);
    save_sigcontext(c, uc + UC_MCONTEXT, req, fpstate);
    put(uc, UC_SIGMASK, 4, req->old_mask);
    put(uc, UC_SIGMASK + 4, 4, req->old_mask >> 32);
    memcpy(buf + RF_RETCODE, i386_tramp + TRAMP_RT, RETCODE_SIZE);
}

/* The registers the handler starts with. */
static void enter_handler(X86Cpu *c, const LuSigFrameReq *req, uint32_t frame, bool rt)
{
    uint16_t user_ds = x86_user_sel(X86_I386_USER_DS_ENTRY);
    c->regs[X86_RAX] = (uint32_t)req->sig;
    c->regs[X86_RDX] = rt ? frame + RF_INFO : 0;
    c->regs[X86_RCX] = rt ? frame + RF_UC : 0;
    c->regs[X86_RSP] = frame;
    c->common.pc = (uint32_t)req->handler;
    x86_load_segment(c, X86_DS, user_ds);
    x86_load_segment(c, X86_ES, user_ds);
    x86_load_segment(c, X86_SS, user_ds);
    x86_load_segment(c, X86_CS, x86_user_sel(X86_I386_USER_CS_ENTRY));
    x86_put_eflags(c, 0, X86_DF | X86_TF);
    x86_fpu_reset(c);
}

static int i386_setup_frame(CpuCommon *cpu, const LuSigFrameReq *req, bool rt)
{
    X86Cpu *c = (X86Cpu *)cpu;
    uint32_t size = rt ? RF_SIZE : PF_SIZE;
    uint32_t sp = (uint32_t)req->sp;
    if (sp < FP_SIZE + FXSAVE_ALIGN + PF_SIZE + 32)
        return -EFAULT;
    uint32_t fx = (sp - FXSAVE_SIZE) & ~(uint32_t)(FXSAVE_ALIGN - 1);
    uint32_t fpstate = fx - FP_HEAD;
    uint32_t frame = ((fpstate - size + 4) & ~(uint32_t)15) - 4;

    uint8_t fp[FP_SIZE];
    save_fpstate(c, fp);
    uint8_t buf[PF_SIZE];
    memset(buf, 0, sizeof buf);
    if (rt)
        fill_rt(buf, c, req, frame, fpstate);
    else
        fill_plain(buf, c, req, fpstate);
    if (lu_copy_to_guest(fpstate, fp, sizeof fp) || lu_copy_to_guest(frame, buf, size))
        return -EFAULT;
    enter_handler(c, req, frame, rt);
    return 0;
}

/* restore_sigcontext(): data segments, general registers, pc, the user
 * bits of EFLAGS, then the FPU (none: a fresh one). An FXSR frame's
 * FXSAVE image comes back first and its FNSAVE head over it (the head is
 * what a handler edits); a frame marked FNSAVE-only has just the head. */
static int restore_sigcontext(X86Cpu *c, const uint8_t *sc)
{
    for (unsigned i = 0; i < sizeof sc_segs / sizeof sc_segs[0]; i++)
        x86_load_segment(c, sc_segs[i], (uint16_t)get(sc, 4 * i, 2));
    for (unsigned i = 0; i < sizeof sc_regs / sizeof sc_regs[0]; i++)
        c->regs[sc_regs[i]] = get(sc, SC_REGS + 4 * i, 4);
    c->common.pc = get(sc, SC_EIP, 4);
    x86_put_eflags(c, get(sc, SC_EFLAGS, 4), X86_SIGRETURN_FLAGS);
    uint32_t fpstate = get(sc, SC_FPSTATE, 4);
    if (!fpstate) {
        x86_fpu_reset(c);
        return 0;
    }
    uint8_t fp[FP_SIZE];
    if (lu_copy_from_guest(fp, fpstate, FP_HEAD))
        return -EFAULT;
    if (get(fp, FP_MAGIC, 2) != X86_FNSAVE_ONLY_MAGIC) {
        if (lu_copy_from_guest(fp + FP_HEAD, fpstate + FP_HEAD, FXSAVE_SIZE))
            return -EFAULT;
        x86_fxrstor(c, fp + FP_HEAD);
    }
    x86_x87_frstor32(c, fp);
    return 0;
}

static int i386_restore_frame(CpuCommon *cpu, bool rt, uint64_t *mask, uint64_t *ss_sp,
                              uint64_t *ss_size, int32_t *ss_flags)
{
    X86Cpu *c = (X86Cpu *)cpu;
    uint32_t esp = (uint32_t)c->regs[X86_RSP];
    if (!rt) {
        /* ret popped pretcode and the trampoline's popl took sig */
        uint32_t frame = esp - 8;
        uint8_t sc[SC_SIZE], extra[4];
        if (lu_copy_from_guest(sc, frame + PF_SC, sizeof sc) ||
            lu_copy_from_guest(extra, frame + PF_EXTRAMASK, sizeof extra))
            return -EFAULT;
        *mask = get(sc, SC_OLDMASK, 4) | (uint64_t)get(extra, 0, 4) << 32;
        return restore_sigcontext(c, sc);
    }
    uint32_t frame = esp - 4;
    uint8_t uc[UC_SIZE];
    if (lu_copy_from_guest(uc, frame + RF_UC, sizeof uc))
        return -EFAULT;
    *mask = get(uc, UC_SIGMASK, 4) | (uint64_t)get(uc, UC_SIGMASK + 4, 4) << 32;
    *ss_sp = get(uc, UC_STACK_SP, 4);
    *ss_flags = (int32_t)get(uc, UC_STACK_FLAGS, 4);
    *ss_size = get(uc, UC_STACK_SIZE, 4);
    return restore_sigcontext(c, uc + UC_MCONTEXT);
}

/* Back to the `int $0x80`; eax still holds the number. */
static void i386_syscall_restart(CpuCommon *cpu)
{
    cpu->pc = (uint32_t)(cpu->pc - 2);
}

const LuSignalAbi i386_signal_abi = {
    .tramp_code = i386_tramp,
    .tramp_size = sizeof i386_tramp,
    .get_sp = i386_get_sp,
    .setup_frame = i386_setup_frame,
    .restore_frame = i386_restore_frame,
    .syscall_restart = i386_syscall_restart,
};
