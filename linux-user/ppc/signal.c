/* linux-user/ppc/signal.c — the 32-bit PowerPC Linux signal frames, laid
 * out as the kernel's arch/powerpc/kernel/signal_32.c lays them out (a
 * 32-bit kernel, no transactional memory), sigreturn/rt_sigreturn, and
 * the syscall restart (the sc instruction is 4 bytes).
 *
 * Going down the stack from the interrupted r1 (or the top of the
 * alternate stack), each piece a multiple of 16 bytes:
 *
 *   plain (sigreturn)                  rt (SA_SIGINFO, rt_sigreturn)
 *   ┌ abigap[56] (224)                 ┌ abigap[56] (224)
 *   │ struct mcontext (992)  ◄─sc.regs │ struct ucontext (1184) ◄─ r5
 *   └ struct sigcontext (32) ◄─ r4     │    mcontext at +192 ◄─ uc_regs
 *   __SIGNAL_FRAMESIZE gap (64)        └ siginfo (128) ◄─ r4, r6 = frame
 *   new r1 ─► back chain = old r1      __SIGNAL_FRAMESIZE+16 gap (80)
 *                                      new r1 ─► back chain = old r1
 *
 *   sigcontext: _unused[4] (the mask's high word in [3]), signal, handler,
 *               oldmask (low word), regs (pointer to the mcontext)
 *   ucontext:   uc_flags, uc_link, uc_stack{sp,flags,size}, pad[7],
 *               uc_regs @48, uc_sigmask @52 (low, high word), maskext,
 *               pad2, uc_mcontext @192
 *   mcontext:   mc_gregs[48] @0 (r0-r31, nip, msr, orig_r3, ctr, link,
 *               xer, ccr, mq, trap, dar, dsisr, result), mc_fregs[33]
 *               @192 (f0-f31, fpscr), mc_pad[2] @456, mc_vregs[33] @464
 *               (v0-v31, then vrsave in word 0 and vscr in word 3)
 *
 * The handler returns to morph's trampoline page (li r0,__NR_sigreturn or
 * __NR_rt_sigreturn; sc), the role the kernel gives the vDSO's
 * __kernel_sigtramp32/__kernel_sigtramp_rt32; mc_pad is left zero as the
 * kernel leaves it when it has a vDSO.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "frontend/ppc/cpu.h"
#include "frontend/ppc/fp_helpers.h"
#include "linux-user/layout.h"
#include "linux-user/lu_signal.h"
#include "linux-user/ppc/sigregs.h"

enum {
    PPC32_SIGNAL_FRAMESIZE = 64,
    PPC32_SIGCONTEXT_SIZE = 32,
    PPC32_MCONTEXT_SIZE = 992,
    PPC32_UCONTEXT_SIZE = 1184,
    PPC32_ABIGAP = 56 * 4,
    PPC32_SIGFRAME_SIZE = PPC32_SIGCONTEXT_SIZE + PPC32_MCONTEXT_SIZE + PPC32_ABIGAP,
    PPC32_RT_SIGFRAME_SIZE = LU_SIGINFO_SIZE + PPC32_UCONTEXT_SIZE + PPC32_ABIGAP,

    /* struct sigcontext */
    SC_UNUSED3 = 12, SC_SIGNAL = 16, SC_HANDLER = 20, SC_OLDMASK = 24, SC_REGS = 28,
    /* struct ucontext */
    UC_FLAGS = 0, UC_LINK = 4, UC_STACK_SP = 8, UC_STACK_FLAGS = 12, UC_STACK_SIZE = 16,
    UC_REGS = 48, UC_SIGMASK = 52, UC_MCONTEXT = 192,
    /* struct mcontext */
    MC_GREGS = 0, MC_FREGS = 192, MC_VREGS = 464,
    /* mc_gregs indexes (asm/ptrace.h PT_*) */
    PT_NIP = 32, PT_MSR = 33, PT_ORIG_R3 = 34, PT_CTR = 35, PT_LNK = 36, PT_XER = 37,
    PT_CCR = 38, PT_MQ = 39, PT_TRAP = 40, PT_DAR = 41, PT_DSISR = 42, PT_RESULT = 43,
};

_Static_assert(PPC32_SIGFRAME_SIZE % 16 == 0 && PPC32_RT_SIGFRAME_SIZE % 16 == 0,
               "signal frames keep the stack 16-byte aligned");
_Static_assert(UC_MCONTEXT + PPC32_MCONTEXT_SIZE == PPC32_UCONTEXT_SIZE, "ucontext ends with the mcontext");

/* AT_HWCAP's AltiVec bit (asm/cputable.h): the frame's mc_vregs hold
 * the vector registers (and MSR_VEC says so) when the CPU has them. */
#define PPC_FEATURE_HAS_ALTIVEC 0x10000000u

/* The trampolines: li r0,119 (sigreturn); sc | li r0,172 (rt_sigreturn); sc. */
enum { TRAMP_PLAIN = 0, TRAMP_RT = 8 };
static const uint8_t ppc32_tramp[] = {
    0x38, 0x00, 0x00, 0x77, 0x44, 0x00, 0x00, 0x02,
    0x38, 0x00, 0x00, 0xac, 0x44, 0x00, 0x00, 0x02,
};

extern const LinuxAbi ppc32_linux_abi;

static void put32(uint8_t *buf, unsigned off, uint64_t v)
{
    lu_store_guest(ppc32_linux_abi.layouts, buf + off, 4, (uint32_t)v);
}

static void put64(uint8_t *buf, unsigned off, uint64_t v)
{
    lu_store_guest(ppc32_linux_abi.layouts, buf + off, 8, v);
}

static uint32_t get32(const uint8_t *buf, unsigned off)
{
    return (uint32_t)lu_load_guest(ppc32_linux_abi.layouts, buf + off, 4);
}

static uint64_t get64(const uint8_t *buf, unsigned off)
{
    return lu_load_guest(ppc32_linux_abi.layouts, buf + off, 8);
}

static bool has_altivec(void)
{
    return (ppc32_linux_abi.hwcap & PPC_FEATURE_HAS_ALTIVEC) != 0;
}

/* save_user_regs(): the registers into the mcontext at buf. */
static void save_mcontext(PpcCpu *c, uint8_t *mc, const LuSigInfo *info)
{
    for (int i = 0; i < 32; i++)
        put32(mc, MC_GREGS + 4 * i, c->gpr[i]);
    uint32_t msr = PPC_MSR_USER32 | PPC_MSR_FP | (has_altivec() ? PPC_MSR_VEC : 0);
    uint64_t dar;
    uint32_t trap = ppc_sig_trap(info, &dar);
    put32(mc, MC_GREGS + 4 * PT_NIP, c->common.pc);
    put32(mc, MC_GREGS + 4 * PT_MSR, msr);
    put32(mc, MC_GREGS + 4 * PT_ORIG_R3, c->gpr[3]);
    put32(mc, MC_GREGS + 4 * PT_CTR, c->ctr);
    put32(mc, MC_GREGS + 4 * PT_LNK, c->lr);
    put32(mc, MC_GREGS + 4 * PT_XER, ppc_xer_word(c));
    put32(mc, MC_GREGS + 4 * PT_CCR, ppc_cr_word(c));
    put32(mc, MC_GREGS + 4 * PT_MQ, 0);
    put32(mc, MC_GREGS + 4 * PT_TRAP, trap);
    put32(mc, MC_GREGS + 4 * PT_DAR, dar);
    put32(mc, MC_GREGS + 4 * PT_DSISR, 0);
    put32(mc, MC_GREGS + 4 * PT_RESULT, 0);
    for (int i = 0; i < 32; i++)
        put64(mc, MC_FREGS + 8 * i, c->fpr[i]);
    put64(mc, MC_FREGS + 8 * 32, ppc_fp_sync(c)); /* the FPSCR in the low word */
    if (has_altivec()) {
        for (int i = 0; i < 32; i++) {
            put64(mc, MC_VREGS + 16 * i, c->vr[i][0]);
            put64(mc, MC_VREGS + 16 * i + 8, c->vr[i][1]);
        }
        put32(mc, MC_VREGS + 16 * 32, c->vrsave);
        put32(mc, MC_VREGS + 16 * 32 + 12, c->vscr);
    }
}

/* restore_user_regs(): everything but the MSR back from the mcontext. */
static void restore_mcontext(PpcCpu *c, const uint8_t *mc)
{
    for (int i = 0; i < 32; i++)
        c->gpr[i] = get32(mc, MC_GREGS + 4 * i);
    c->common.pc = get32(mc, MC_GREGS + 4 * PT_NIP);
    c->ctr = get32(mc, MC_GREGS + 4 * PT_CTR);
    c->lr = get32(mc, MC_GREGS + 4 * PT_LNK);
    ppc_set_xer_word(c, get32(mc, MC_GREGS + 4 * PT_XER));
    ppc_set_cr_word(c, get32(mc, MC_GREGS + 4 * PT_CCR));
    for (int i = 0; i < 32; i++)
        c->fpr[i] = get64(mc, MC_FREGS + 8 * i);
    ppc_fp_set_fpscr(c, (uint32_t)get64(mc, MC_FREGS + 8 * 32));
    uint32_t msr = get32(mc, MC_GREGS + 4 * PT_MSR);
    if (has_altivec()) {
        /* Without MSR_VEC in the frame the kernel zeroes the vector
         * registers and VSCR; VRSAVE always comes back. */
        bool vec = (msr & PPC_MSR_VEC) != 0;
        for (int i = 0; i < 32; i++) {
            c->vr[i][0] = vec ? get64(mc, MC_VREGS + 16 * i) : 0;
            c->vr[i][1] = vec ? get64(mc, MC_VREGS + 16 * i + 8) : 0;
        }
        c->vscr = vec ? get32(mc, MC_VREGS + 16 * 32 + 12) : 0;
        c->vrsave = get32(mc, MC_VREGS + 16 * 32);
    }
    c->reserve_addr = UINT64_MAX; /* the kernel's exception return clears it */
}

static uint64_t ppc32_get_sp(const CpuCommon *cpu)
{
    return (uint32_t)((const PpcCpu *)cpu)->gpr[1];
}

static int ppc32_setup_frame(CpuCommon *cpu, const LuSigFrameReq *req, bool rt)
{
    PpcCpu *c = (PpcCpu *)cpu;
    uint8_t buf[PPC32_RT_SIGFRAME_SIZE];
    uint32_t size = rt ? PPC32_RT_SIGFRAME_SIZE : PPC32_SIGFRAME_SIZE;
    uint64_t top = (uint32_t)req->sp;
    if (top < size + PPC32_SIGNAL_FRAMESIZE + 16)
        return -EFAULT;
    uint64_t frame = (top - size) & ~(uint64_t)15;
    uint64_t newsp = frame - PPC32_SIGNAL_FRAMESIZE - (rt ? 16 : 0);
    memset(buf, 0, sizeof buf);
    if (rt) {
        uint64_t uc = frame + LU_SIGINFO_SIZE;
        uint8_t *ub = buf + LU_SIGINFO_SIZE;
        lu_siginfo_to_guest(&ppc32_linux_abi, req->info, buf);
        put32(ub, UC_FLAGS, 0);
        put32(ub, UC_LINK, 0);
        put32(ub, UC_STACK_SP, req->ss_sp);
        put32(ub, UC_STACK_FLAGS, (uint32_t)req->ss_flags);
        put32(ub, UC_STACK_SIZE, req->ss_size);
        put32(ub, UC_REGS, uc + UC_MCONTEXT);
        put32(ub, UC_SIGMASK, req->old_mask);
        put32(ub, UC_SIGMASK + 4, req->old_mask >> 32);
        save_mcontext(c, ub + UC_MCONTEXT, req->info);
        c->gpr[4] = frame;
        c->gpr[5] = uc;
        c->gpr[6] = frame;
        c->lr = req->tramp + TRAMP_RT;
    } else {
        uint64_t mc = frame + PPC32_SIGCONTEXT_SIZE;
        put32(buf, SC_UNUSED3, req->old_mask >> 32);
        put32(buf, SC_SIGNAL, (uint32_t)req->sig);
        put32(buf, SC_HANDLER, req->handler);
        put32(buf, SC_OLDMASK, req->old_mask);
        put32(buf, SC_REGS, mc);
        save_mcontext(c, buf + PPC32_SIGCONTEXT_SIZE, req->info);
        c->gpr[4] = frame;
        c->lr = req->tramp + TRAMP_PLAIN;
    }
    uint8_t chain[4];
    put32(chain, 0, c->gpr[1]);
    if (lu_copy_to_guest(frame, buf, size) || lu_copy_to_guest(newsp, chain, sizeof chain))
        return -EFAULT;
    c->gpr[1] = newsp;
    c->gpr[3] = (uint32_t)req->sig;
    c->common.pc = (uint32_t)req->handler;
    c->reserve_addr = UINT64_MAX;
    ppc_fp_set_fpscr(c, 0); /* the handler starts with no FP exceptions */
    return 0;
}

static int ppc32_restore_frame(CpuCommon *cpu, bool rt, uint64_t *mask, uint64_t *ss_sp,
                               uint64_t *ss_size, int32_t *ss_flags)
{
    PpcCpu *c = (PpcCpu *)cpu;
    uint8_t mc[PPC32_MCONTEXT_SIZE];
    uint64_t sp = (uint32_t)c->gpr[1];
    uint64_t mc_addr;
    if (rt) {
        uint8_t uc[UC_MCONTEXT];
        uint64_t uc_addr = sp + PPC32_SIGNAL_FRAMESIZE + 16 + LU_SIGINFO_SIZE;
        if (lu_copy_from_guest(uc, uc_addr, sizeof uc))
            return -EFAULT;
        *mask = get32(uc, UC_SIGMASK) | (uint64_t)get32(uc, UC_SIGMASK + 4) << 32;
        *ss_sp = get32(uc, UC_STACK_SP);
        *ss_flags = (int32_t)get32(uc, UC_STACK_FLAGS);
        *ss_size = get32(uc, UC_STACK_SIZE);
        mc_addr = get32(uc, UC_REGS);
    } else {
        uint8_t sc[PPC32_SIGCONTEXT_SIZE];
        if (lu_copy_from_guest(sc, sp + PPC32_SIGNAL_FRAMESIZE, sizeof sc))
            return -EFAULT;
        *mask = get32(sc, SC_OLDMASK) | (uint64_t)get32(sc, SC_UNUSED3) << 32;
        mc_addr = get32(sc, SC_REGS);
    }
    if (lu_copy_from_guest(mc, mc_addr, sizeof mc))
        return -EFAULT;
    restore_mcontext(c, mc);
    return 0;
}

static void ppc32_syscall_restart(CpuCommon *cpu)
{
    cpu->pc = (uint32_t)(cpu->pc - 4);
}

const LuSignalAbi ppc32_signal_abi = {
    .tramp_code = ppc32_tramp,
    .tramp_size = sizeof ppc32_tramp,
    .get_sp = ppc32_get_sp,
    .setup_frame = ppc32_setup_frame,
    .restore_frame = ppc32_restore_frame,
    .syscall_restart = ppc32_syscall_restart,
};
