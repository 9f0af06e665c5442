/* linux-user/ppc/signal64.c — the 64-bit PowerPC Linux signal frame of
 * ppc64 (big-endian, ELFv1) and ppc64le (little-endian, ELFv2), one code
 * in the guest's byte order, laid out as the kernel's
 * arch/powerpc/kernel/signal_64.c lays it out (no transactional memory),
 * rt_sigreturn, and the syscall restart (the sc instruction is 4 bytes).
 *
 * 64-bit Linux has only the rt frame: a handler without SA_SIGINFO gets
 * it too, with r4 = &uc.uc_mcontext; sigreturn (119) does not exist.
 * struct rt_sigframe, 16-byte aligned below the interrupted r1 (or the
 * top of the alternate stack):
 *
 *   frame+2400 ┌ (the interrupted r1)
 *              │ abigap[512] @1888: the user red zone (USER_REDZONE_SIZE)
 *              │ siginfo (128) @1760                    ◄─ r4 (SA_SIGINFO)
 *              │ pinfo @1744, puc @1752 (pointers to the two)
 *              │ _unused[2] @1696, tramp[7] @1712 (unused: morph maps its
 *              │     trampoline page, the kernel's vDSO)
 *   frame      └ struct ucontext (1696)       ◄─ r5, r6; r1 at rt_sigreturn
 *   frame-128  new r1 ─► back chain = the interrupted r1 (__SIGNAL_FRAMESIZE)
 *
 *   ucontext:   uc_flags @0, uc_link @8, uc_stack{ss_sp @16, ss_flags @24,
 *               ss_size @32}, uc_sigmask @40, __unused[15], uc_mcontext
 *               @168 (struct sigcontext; r4 without SA_SIGINFO)
 *   sigcontext: _unused[4] @0, signal @32, handler @40, oldmask @48,
 *               regs @56 (→ gp_regs), gp_regs[48] @64 (r0-r31, nip, msr,
 *               orig_r3, ctr, link, xer, ccr, softe, trap, dar, dsisr,
 *               result), fp_regs[33] @448 (f0-f31, fpscr), v_regs @712
 *               (→ the first 16-byte boundary in vmx_reserve: frame+896),
 *               vmx_reserve[101] @720
 *   v_regs:     VR0-31 (quadwords), VSCR (quadword 32: the low word of a
 *               128-bit value), VRSAVE (word 0 of quadword 33), then
 *               doubleword 1 of VSR0-31 (32 doublewords)
 *
 * Quadwords are stored as stvx stores them: a 128-bit value in the
 * guest's byte order (on ppc64le the VSCR word lands at offset 0, as
 * glibc's vscr_t has it).
 *
 * Handler entry (the kernel since 5.9: the vDSO's sigtramp_rt64 calls the
 * handler): pc = the trampoline (bctrl; addi r1,r1,128; li r0,172; sc),
 * CTR = the handler's code: ELFv1 handler addresses are function
 * descriptors (code, then the TOC for r2); ELFv2 also puts the address
 * in r12. r1 = frame-128, r3 = signo, r4 = &siginfo, r5 = r6 = &ucontext.
 *
 * morph's ppc64 CPU is a POWER8 whatever AT_HWCAP says, so the frame
 * always holds the vector and VSX registers (MSR_VEC and MSR_VSX set),
 * as the kernel's do for a thread that used them. An MSR[LE] a handler
 * writes into the frame is not followed (a guest keeps its byte order).
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
    PPC64_SIGNAL_FRAMESIZE = 128,
    PPC64_RT_SIGFRAME_SIZE = 2400,

    /* struct rt_sigframe */
    F_UC = 0, F_PINFO = 1744, F_PUC = 1752, F_INFO = 1760, F_ABIGAP = 1888,
    /* struct ucontext */
    UC_FLAGS = 0, UC_LINK = 8, UC_STACK_SP = 16, UC_STACK_FLAGS = 24, UC_STACK_SIZE = 32,
    UC_SIGMASK = 40, UC_MCONTEXT = 168, PPC64_UCONTEXT_SIZE = 1696,
    /* struct sigcontext */
    SC_SIGNAL = 32, SC_HANDLER = 40, SC_OLDMASK = 48, SC_REGS = 56, SC_GP_REGS = 64,
    SC_FP_REGS = 448, SC_V_REGS = 712, SC_VMX_RESERVE = 720,
    /* gp_regs indexes (asm/ptrace.h PT_*) */
    PT_NIP = 32, PT_MSR = 33, PT_ORIG_R3 = 34, PT_CTR = 35, PT_LNK = 36, PT_XER = 37,
    PT_CCR = 38, PT_SOFTE = 39, PT_TRAP = 40, PT_DAR = 41, PT_DSISR = 42, PT_RESULT = 43,
    /* the v_regs area: 34 quadwords (ELF_NVRREG), then the VSX doublewords */
    VR_VSCR = 16 * 32, VR_VRSAVE = 16 * 33, VR_VSX = 16 * 34, VREGS_SIZE = 16 * 34 + 8 * 32,
};

/* v_regs: the first quadword boundary in vmx_reserve (the frame is 16-aligned). */
#define V_REGS_OFF ((F_UC + UC_MCONTEXT + SC_VMX_RESERVE + 15) & ~15)

_Static_assert(F_ABIGAP + 512 == PPC64_RT_SIGFRAME_SIZE && PPC64_RT_SIGFRAME_SIZE % 16 == 0,
               "the frame ends with the red zone and keeps the stack 16-byte aligned");
_Static_assert(F_INFO + LU_SIGINFO_SIZE == F_ABIGAP, "siginfo right below the red zone");
_Static_assert(UC_MCONTEXT + SC_VMX_RESERVE + 8 * 101 == PPC64_UCONTEXT_SIZE, "ucontext ends with vmx_reserve");
_Static_assert(V_REGS_OFF + VREGS_SIZE <= F_UC + PPC64_UCONTEXT_SIZE, "v_regs fits in vmx_reserve");

/* The trampoline page: bctrl; addi r1,r1,128; li r0,172 (rt_sigreturn);
 * sc — in each byte order. */
enum { TRAMP_RT = 0 };
static const uint8_t ppc64_tramp_be[] = {
    0x4e, 0x80, 0x04, 0x21, 0x38, 0x21, 0x00, 0x80, 0x38, 0x00, 0x00, 0xac, 0x44, 0x00, 0x00, 0x02,
};
static const uint8_t ppc64_tramp_le[] = {
    0x21, 0x04, 0x80, 0x4e, 0x80, 0x00, 0x21, 0x38, 0xac, 0x00, 0x00, 0x38, 0x02, 0x00, 0x00, 0x44,
};

/* Guest-order accessors of frame bytes (the running guest's byte order). */
static void put(uint8_t *buf, unsigned off, unsigned size, uint64_t v)
{
    lu_store_guest(lu_proc.abi->layouts, buf + off, size, v);
}

static uint64_t get(const uint8_t *buf, unsigned off, unsigned size)
{
    return lu_load_guest(lu_proc.abi->layouts, buf + off, size);
}

/* A quadword (dw[0] = bits 0:63) as stvx stores it in the guest's order. */
static void put_quad(uint8_t *buf, unsigned off, bool be, uint64_t dw0, uint64_t dw1)
{
    put(buf, off, 8, be ? dw0 : dw1);
    put(buf, off + 8, 8, be ? dw1 : dw0);
}

static void get_quad(const uint8_t *buf, unsigned off, bool be, uint64_t *dw0, uint64_t *dw1)
{
    uint64_t lo = get(buf, off, 8), hi = get(buf, off + 8, 8);
    *dw0 = be ? lo : hi;
    *dw1 = be ? hi : lo;
}

/* setup_sigcontext(): the registers into the sigcontext at sc (guest
 * address sc_addr), the vector registers into v_regs (vr, guest vr_addr). */
static void save_sigcontext(PpcCpu *c, uint8_t *sc, uint64_t sc_addr, uint8_t *vr, uint64_t vr_addr,
                            const LuSigFrameReq *req)
{
    bool be = c->common.arch->big_endian;
    uint64_t msr = PPC_MSR_SF | PPC_MSR_USER32 | PPC_MSR_FP | PPC_MSR_VEC | PPC_MSR_VSX |
                   (be ? 0 : PPC_MSR_LE);
    uint64_t dar;
    uint32_t trap = ppc_sig_trap(req->info, &dar);
    put(sc, SC_SIGNAL, 4, (uint32_t)req->sig);
    put(sc, SC_HANDLER, 8, req->handler);
    put(sc, SC_OLDMASK, 8, 0); /* the rt frame's mask is uc_sigmask */
    put(sc, SC_REGS, 8, sc_addr + SC_GP_REGS);
    put(sc, SC_V_REGS, 8, vr_addr);
    for (int i = 0; i < 32; i++)
        put(sc, SC_GP_REGS + 8 * i, 8, c->gpr[i]);
    put(sc, SC_GP_REGS + 8 * PT_NIP, 8, c->common.pc);
    put(sc, SC_GP_REGS + 8 * PT_MSR, 8, msr);
    put(sc, SC_GP_REGS + 8 * PT_ORIG_R3, 8, c->gpr[3]);
    put(sc, SC_GP_REGS + 8 * PT_CTR, 8, c->ctr);
    put(sc, SC_GP_REGS + 8 * PT_LNK, 8, c->lr);
    put(sc, SC_GP_REGS + 8 * PT_XER, 8, ppc_xer_word(c));
    put(sc, SC_GP_REGS + 8 * PT_CCR, 8, ppc_cr_word(c));
    put(sc, SC_GP_REGS + 8 * PT_SOFTE, 8, 1); /* user space always sees interrupts enabled */
    put(sc, SC_GP_REGS + 8 * PT_TRAP, 8, trap);
    put(sc, SC_GP_REGS + 8 * PT_DAR, 8, dar);
    for (int i = 0; i < 32; i++)
        put(sc, SC_FP_REGS + 8 * i, 8, c->fpr[i]);
    put(sc, SC_FP_REGS + 8 * 32, 8, ppc_fp_sync(c));
    for (int i = 0; i < 32; i++)
        put_quad(vr, 16 * i, be, c->vr[i][0], c->vr[i][1]);
    put_quad(vr, VR_VSCR, be, 0, c->vscr);
    put(vr, VR_VRSAVE, 4, c->vrsave);
    for (int i = 0; i < 32; i++)
        put(vr, VR_VSX + 8 * i, 8, c->vsr_dw1[i]);
}

/* restore_sigcontext(): everything but the MSR back from the sigcontext
 * at sc; the vector registers from where its v_regs points. */
static int restore_sigcontext(PpcCpu *c, const uint8_t *sc)
{
    bool be = c->common.arch->big_endian;
    uint64_t msr = get(sc, SC_GP_REGS + 8 * PT_MSR, 8);
    uint64_t v_regs = get(sc, SC_V_REGS, 8);
    uint8_t vr[VREGS_SIZE];
    memset(vr, 0, sizeof vr);
    if (v_regs && lu_copy_from_guest(vr, v_regs, VR_VSX))
        return -EFAULT;
    if ((msr & PPC_MSR_VSX) && lu_copy_from_guest(vr + VR_VSX, v_regs + VR_VSX, VREGS_SIZE - VR_VSX))
        return -EFAULT;
    for (int i = 0; i < 32; i++)
        c->gpr[i] = get(sc, SC_GP_REGS + 8 * i, 8);
    c->common.pc = get(sc, SC_GP_REGS + 8 * PT_NIP, 8);
    c->ctr = get(sc, SC_GP_REGS + 8 * PT_CTR, 8);
    c->lr = get(sc, SC_GP_REGS + 8 * PT_LNK, 8);
    ppc_set_xer_word(c, (uint32_t)get(sc, SC_GP_REGS + 8 * PT_XER, 8));
    ppc_set_cr_word(c, (uint32_t)get(sc, SC_GP_REGS + 8 * PT_CCR, 8));
    for (int i = 0; i < 32; i++)
        c->fpr[i] = get(sc, SC_FP_REGS + 8 * i, 8);
    ppc_fp_set_fpscr(c, (uint32_t)get(sc, SC_FP_REGS + 8 * 32, 8));
    /* Vector registers and VSCR without MSR_VEC, the VSX halves without
     * MSR_VSX, and VRSAVE without v_regs come back zero (vr is). */
    bool vec = v_regs && (msr & PPC_MSR_VEC);
    for (int i = 0; i < 32; i++) {
        if (vec)
            get_quad(vr, 16 * i, be, &c->vr[i][0], &c->vr[i][1]);
        else
            c->vr[i][0] = c->vr[i][1] = 0;
        c->vsr_dw1[i] = get(vr, VR_VSX + 8 * i, 8);
    }
    uint64_t vscr_hi, vscr = 0;
    if (vec)
        get_quad(vr, VR_VSCR, be, &vscr_hi, &vscr);
    c->vscr = (uint32_t)vscr;
    c->vrsave = (uint32_t)get(vr, VR_VRSAVE, 4);
    c->reserve_addr = UINT64_MAX; /* the kernel's exception return clears it */
    return 0;
}

static uint64_t ppc64_get_sp(const CpuCommon *cpu)
{
    return ((const PpcCpu *)cpu)->gpr[1];
}

static int ppc64_setup_frame(CpuCommon *cpu, const LuSigFrameReq *req, bool siginfo)
{
    PpcCpu *c = (PpcCpu *)cpu;
    bool elfv1 = cpu->arch->big_endian;
    uint8_t buf[PPC64_RT_SIGFRAME_SIZE];
    if (req->sp < PPC64_RT_SIGFRAME_SIZE + PPC64_SIGNAL_FRAMESIZE)
        return -EFAULT;
    uint64_t frame = (req->sp - PPC64_RT_SIGFRAME_SIZE) & ~(uint64_t)15;
    uint64_t newsp = frame - PPC64_SIGNAL_FRAMESIZE;
    uint64_t uc = frame + F_UC, sc = uc + UC_MCONTEXT;
    memset(buf, 0, sizeof buf);
    put(buf, F_UC + UC_FLAGS, 8, 0);
    put(buf, F_UC + UC_LINK, 8, 0);
    put(buf, F_UC + UC_STACK_SP, 8, req->ss_sp);
    put(buf, F_UC + UC_STACK_FLAGS, 4, (uint32_t)req->ss_flags);
    put(buf, F_UC + UC_STACK_SIZE, 8, req->ss_size);
    put(buf, F_UC + UC_SIGMASK, 8, req->old_mask);
    save_sigcontext(c, buf + F_UC + UC_MCONTEXT, sc, buf + V_REGS_OFF, frame + V_REGS_OFF, req);
    put(buf, F_PINFO, 8, frame + F_INFO);
    put(buf, F_PUC, 8, uc);
    lu_siginfo_to_guest(lu_proc.abi, req->info, buf + F_INFO);

    /* The handler's code (and TOC): an ELFv1 handler is a descriptor. */
    uint64_t entry = req->handler, toc = c->gpr[2];
    if (elfv1) {
        uint8_t desc[16];
        if (lu_copy_from_guest(desc, req->handler, sizeof desc))
            return -EFAULT;
        entry = get(desc, 0, 8);
        toc = get(desc, 8, 8);
    }
    uint8_t chain[8];
    put(chain, 0, 8, c->gpr[1]);
    if (lu_copy_to_guest(frame, buf, sizeof buf) || lu_copy_to_guest(newsp, chain, sizeof chain))
        return -EFAULT;
    c->ctr = entry;
    if (elfv1)
        c->gpr[2] = toc;
    else
        c->gpr[12] = entry;
    c->gpr[1] = newsp;
    c->gpr[3] = (uint32_t)req->sig;
    c->gpr[4] = siginfo ? frame + F_INFO : sc;
    if (siginfo)
        c->gpr[5] = c->gpr[6] = uc;
    c->common.pc = req->tramp + TRAMP_RT;
    c->reserve_addr = UINT64_MAX;
    ppc_fp_set_fpscr(c, 0); /* the handler starts with no FP exceptions */
    return 0;
}

/* rt_sigreturn: the ucontext is at r1 (the trampoline popped the dummy
 * caller frame). There is no plain sigreturn on 64-bit. */
static int ppc64_restore_frame(CpuCommon *cpu, bool rt, uint64_t *mask, uint64_t *ss_sp,
                               uint64_t *ss_size, int32_t *ss_flags)
{
    PpcCpu *c = (PpcCpu *)cpu;
    uint8_t uc[PPC64_UCONTEXT_SIZE];
    if (!rt || lu_copy_from_guest(uc, c->gpr[1], sizeof uc))
        return -EFAULT;
    *mask = get(uc, UC_SIGMASK, 8);
    *ss_sp = get(uc, UC_STACK_SP, 8);
    *ss_flags = (int32_t)get(uc, UC_STACK_FLAGS, 4);
    *ss_size = get(uc, UC_STACK_SIZE, 8);
    return restore_sigcontext(c, uc + UC_MCONTEXT);
}

static void ppc64_syscall_restart(CpuCommon *cpu)
{
    cpu->pc -= 4;
}

const LuSignalAbi ppc64_signal_abi = {
    .tramp_code = ppc64_tramp_be,
    .tramp_size = sizeof ppc64_tramp_be,
    .get_sp = ppc64_get_sp,
    .setup_frame = ppc64_setup_frame,
    .restore_frame = ppc64_restore_frame,
    .syscall_restart = ppc64_syscall_restart,
};

const LuSignalAbi ppc64le_signal_abi = {
    .tramp_code = ppc64_tramp_le,
    .tramp_size = sizeof ppc64_tramp_le,
    .get_sp = ppc64_get_sp,
    .setup_frame = ppc64_setup_frame,
    .restore_frame = ppc64_restore_frame,
    .syscall_restart = ppc64_syscall_restart,
};
