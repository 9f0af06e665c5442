/* linux-user/ia64/signal.c — IA-64 Linux signal delivery (rt frames
 * only: every IA-64 handler gets signal, siginfo and sigcontext),
 * rt_sigreturn, and the syscall restart.
 *
 * Delivery does what the kernel's ia64 setup_frame does around the
 * register stack: the interrupted frame is covered (all sof stacked
 * registers written to the backing store at ar.bsp, NaT bits collected
 * in ar.rnat and the RNAT slots), so the handler starts with an empty
 * frame and the stack above it is the interrupted program's. The frame,
 * 16-byte aligned, below the stack pointer (or the alternate stack top):
 *
 *   0    arg0     signal number
 *   8    arg1     &info
 *   16   arg2     &sc
 *   24   handler  the handler's function descriptor {entry, gp}
 *   32   siginfo  (128 bytes)
 *   160  struct sigcontext (2656 bytes; glibc's ucontext_t is the same):
 *        0 sc_flags  8 sc_nat (bit n: NaT of r_n)  16 sc_stack {sp, flags, size}
 *        40 sc_ip (bundle | slot)  48 sc_cfm  56 sc_um  64 ar.rsc  72 ar.bsp
 *        (after the cover)  80 ar.rnat  88 ar.ccv  96 ar.unat  104 ar.fpsr
 *        112 ar.pfs  120 ar.lc  128 sc_pr (bit n: p_n)  136 sc_br[8]
 *        200 sc_gr[32] (sc_gr[0] is uc_link)  464 sc_fr[128] (spill format:
 *        16 bytes each)  2512 sc_rbs_base  2520 sc_loadrs  2528 ar25  2536 ar26
 *        2544 sc_rsvd[12] (morph keeps ar.ec in sc_rsvd[0])  2640 sc_mask
 *
 * The handler is entered through a trampoline morph maps (the role of
 * the kernel's gate page __kernel_sigtramp) with r12 = frame - 16: it
 * loads the three arguments and the descriptor, calls the handler, and
 * makes rt_sigreturn (1181) with r12 intact, so the frame is r12 + 16.
 */
#include <errno.h>
#include <string.h>

#include "frontend/ia64/cpu.h"
#include "linux-user/ia64/abi.h"
#include "linux-user/layout.h"
#include "linux-user/lu_signal.h"
#include "linux-user/syscall.h"

extern const LinuxAbi ia64_linux_abi;

enum {
    F_ARG0 = 0, F_ARG1 = 8, F_ARG2 = 16, F_HANDLER = 24, F_INFO = 32, F_SC = 160,
    SC_FLAGS = 0, SC_NAT = 8, SC_STACK_SP = 16, SC_STACK_FLAGS = 24, SC_STACK_SIZE = 32,
    SC_IP = 40, SC_CFM = 48, SC_UM = 56, SC_RSC = 64, SC_BSP = 72, SC_RNAT = 80, SC_CCV = 88,
    SC_UNAT = 96, SC_FPSR = 104, SC_PFS = 112, SC_LC = 120, SC_PR = 128, SC_BR = 136,
    SC_GR = 200, SC_FR = 464, SC_RBS_BASE = 2512, SC_LOADRS = 2520, SC_RSVD = 2544,
    SC_MASK = 2640, SC_SIZE = 2656,
    FRAME_SIZE = F_SC + SC_SIZE,
    SCRATCH = 16,                /* the 16 bytes below sp a callee may use */
    NR_RT_SIGRETURN = 1181,
};
_Static_assert(F_INFO + LU_SIGINFO_SIZE == F_SC && SC_FR + 128 * 16 == SC_RBS_BASE, "ia64 sigframe");

/* The trampoline (assembled from):
 *     adds r2 = 16, r12 ;;            alloc r14 = ar.pfs, 0, 0, 3, 0
 *     ld8 r32 = [r2], 8 ;;            ld8 r33 = [r2], 8 ;;
 *     ld8 r34 = [r2], 8 ;;            ld8 r3 = [r2] ;;
 *     ld8 r14 = [r3], 8 ;;            ld8 r1 = [r3]; mov b6 = r14 ;;
 *     br.call.sptk.many b0 = b6 ;;    mov r15 = 1181 ;;  break.m 0x100000 ;; */
static const uint8_t ia64_tramp[] = {
    0x0a, 0x10, 0x40, 0x18, 0x00, 0x21, 0xe0, 0x18, 0x00, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x00, 0x21, 0x04, 0x18, 0x14, 0x10, 0x42, 0x08, 0x30, 0x28, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x10, 0x21, 0x04, 0x18, 0x14, 0x30, 0x00, 0x08, 0x30, 0x20, 0x00, 0x00, 0x00, 0x04, 0x00,
    0x0b, 0x70, 0x20, 0x06, 0x18, 0x14, 0x10, 0x00, 0x0c, 0x30, 0x20, 0xc0, 0xe0, 0x08, 0x00, 0x07,
    0x11, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x68, 0x00, 0x80, 0x10,
    0x0b, 0x78, 0x74, 0x00, 0x09, 0x24, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x00,
};

static void put(uint8_t *buf, unsigned off, uint64_t v) { lu_store_guest(ia64_linux_abi.layouts, buf + off, 8, v); }
static uint64_t get(const uint8_t *buf, unsigned off) { return lu_load_guest(ia64_linux_abi.layouts, buf + off, 8); }

/* ---- the register stack around a signal ------------------------------------ */
static bool is_rnat_slot(uint64_t addr) { return ((addr >> 3) & 63) == 63; }

static int put_slot(uint64_t addr, uint64_t v) { return lu_copy_to_guest(addr, &v, 8); }

/* cover: the current frame's sof registers to the backing store. */
static int cover_frame(Ia64Cpu *c)
{
    uint64_t bsp = c->ar[IA64_AR_BSP];
    unsigned sof = ia64_cfm_sof(c->cfm);
    for (unsigned k = 0; k < sof; k++) {
        if (is_rnat_slot(bsp)) {
            if (put_slot(bsp, c->ar[IA64_AR_RNAT]))
                return -EFAULT;
            bsp += 8;
        }
        unsigned bit = (bsp >> 3) & 63;
        if (put_slot(bsp, c->gr[32 + k]))
            return -EFAULT;
        c->ar[IA64_AR_RNAT] = (c->ar[IA64_AR_RNAT] & ~((uint64_t)1 << bit)) | (uint64_t)(c->grnat[32 + k] & 1) << bit;
        bsp += 8;
    }
    if (is_rnat_slot(bsp)) {
        if (put_slot(bsp, c->ar[IA64_AR_RNAT]))
            return -EFAULT;
        bsp += 8;
    }
    c->ar[IA64_AR_BSP] = c->ar[IA64_AR_BSPSTORE] = bsp;
    c->cfm = 0;
    return 0;
}

/* The address n register slots below top, RNAT slots skipped. */
static uint64_t slots_below(uint64_t top, unsigned n)
{
    uint64_t a = top;
    while (n) {
        a -= 8;
        if (!is_rnat_slot(a))
            n--;
    }
    return a;
}

/* The frame of `cfm` back from below ar.bsp (the cover undone). */
static int uncover_frame(Ia64Cpu *c, uint64_t cfm)
{
    unsigned sof = ia64_cfm_sof(cfm);
    uint64_t top = c->ar[IA64_AR_BSP], base = slots_below(top, sof);
    unsigned k = 0;
    for (uint64_t a = base; a < top; a += 8) {
        if (is_rnat_slot(a))
            continue;
        uint64_t coll_addr = a | 0x1f8, v, coll = c->ar[IA64_AR_RNAT];
        if ((coll_addr < top && lu_copy_from_guest(&coll, coll_addr, 8)) || lu_copy_from_guest(&v, a, 8))
            return -EFAULT;
        c->gr[32 + k] = v;
        c->grnat[32 + k] = (uint32_t)(coll >> ((a >> 3) & 63)) & 1;
        k++;
    }
    if ((base | 0x1f8) < top && lu_copy_from_guest(&c->ar[IA64_AR_RNAT], base | 0x1f8, 8))
        return -EFAULT;
    c->ar[IA64_AR_BSP] = c->ar[IA64_AR_BSPSTORE] = base;
    c->cfm = cfm;
    return 0;
}

static void set_tb_flags(Ia64Cpu *c)
{
    c->common.tb_flags = ia64_tb_flags_of(c->cfm, (c->um & IA64_UM_BE) != 0);
}

/* ---- the frame ---------------------------------------------------------------- */
static const unsigned saved_ars[][2] = {
    {SC_RSC, IA64_AR_RSC}, {SC_BSP, IA64_AR_BSP}, {SC_RNAT, IA64_AR_RNAT}, {SC_CCV, IA64_AR_CCV},
    {SC_UNAT, IA64_AR_UNAT}, {SC_FPSR, IA64_AR_FPSR}, {SC_PFS, IA64_AR_PFS}, {SC_LC, IA64_AR_LC},
    {SC_RSVD, IA64_AR_EC},
};

static void save_sigcontext(const Ia64Cpu *c, uint8_t *sc, uint64_t cfm, const LuSigFrameReq *req)
{
    uint64_t nat = 0, pr = 0;
    for (unsigned n = 1; n < 32; n++) {
        put(sc, SC_GR + 8 * n, c->gr[n]);
        nat |= (uint64_t)(c->grnat[n] & 1) << n;
    }
    for (unsigned n = 0; n < 64; n++)
        pr |= (uint64_t)(c->pr[n] & 1) << n;
    put(sc, SC_NAT, nat);
    put(sc, SC_PR, pr);
    for (unsigned n = 0; n < 8; n++)
        put(sc, SC_BR + 8 * n, c->br[n]);
    for (size_t i = 0; i < sizeof saved_ars / sizeof saved_ars[0]; i++)
        put(sc, saved_ars[i][0], c->ar[saved_ars[i][1]]);
    for (unsigned n = 2; n < 128; n++) {
        put(sc, SC_FR + 16 * n, c->fr[n].significand);
        put(sc, SC_FR + 16 * n + 8, c->fr[n].sign_exp);
    }
    put(sc, SC_IP, c->common.pc);
    put(sc, SC_CFM, cfm);
    put(sc, SC_UM, c->um);
    put(sc, SC_STACK_SP, req->ss_sp);
    lu_store_guest(ia64_linux_abi.layouts, sc + SC_STACK_FLAGS, 4, (uint32_t)req->ss_flags);
    put(sc, SC_STACK_SIZE, req->ss_size);
    put(sc, SC_MASK, req->old_mask);
}

static uint64_t ia64_get_sp(const CpuCommon *cpu) { return ((const Ia64Cpu *)cpu)->gr[12]; }

static int ia64_setup_frame(CpuCommon *cpu, const LuSigFrameReq *req, bool rt)
{
    (void)rt;
    Ia64Cpu *c = (Ia64Cpu *)cpu;
    uint64_t frame = (req->sp - SCRATCH - FRAME_SIZE) & ~(uint64_t)15;
    uint64_t cfm = c->cfm;
    if (cover_frame(c))
        return -EFAULT;
    static __thread uint8_t buf[FRAME_SIZE];
    memset(buf, 0, sizeof buf);
    put(buf, F_ARG0, (uint64_t)req->sig);
    put(buf, F_ARG1, frame + F_INFO);
    put(buf, F_ARG2, frame + F_SC);
    put(buf, F_HANDLER, req->handler);
    lu_siginfo_to_guest(&ia64_linux_abi, req->info, buf + F_INFO);
    save_sigcontext(c, buf + F_SC, cfm, req);
    if (lu_copy_to_guest(frame, buf, sizeof buf))
        return -EFAULT;
    c->gr[12] = frame - SCRATCH;
    c->grnat[12] = 0;
    c->common.pc = req->tramp;
    set_tb_flags(c);
    return 0;
}

static int ia64_restore_frame(CpuCommon *cpu, bool rt, uint64_t *mask, uint64_t *ss_sp, uint64_t *ss_size,
                              int32_t *ss_flags)
{
    (void)rt;
    Ia64Cpu *c = (Ia64Cpu *)cpu;
    static __thread uint8_t sc[SC_SIZE];
    if (lu_copy_from_guest(sc, c->gr[12] + SCRATCH + F_SC, sizeof sc))
        return -EFAULT;
    uint64_t nat = get(sc, SC_NAT), pr = get(sc, SC_PR);
    for (unsigned n = 1; n < 32; n++) {
        c->gr[n] = get(sc, SC_GR + 8 * n);
        c->grnat[n] = (uint32_t)(nat >> n) & 1;
    }
    for (unsigned n = 1; n < 64; n++)
        c->pr[n] = (uint32_t)(pr >> n) & 1;
    for (unsigned n = 0; n < 8; n++)
        c->br[n] = get(sc, SC_BR + 8 * n);
    for (size_t i = 0; i < sizeof saved_ars / sizeof saved_ars[0]; i++)
        c->ar[saved_ars[i][1]] = get(sc, saved_ars[i][0]);
    for (unsigned n = 2; n < 128; n++) {
        c->fr[n].significand = get(sc, SC_FR + 16 * n);
        c->fr[n].sign_exp = (uint32_t)get(sc, SC_FR + 16 * n + 8) & 0x3ffff;
        c->fr[n].pad = 0;
    }
    c->um = (uint32_t)get(sc, SC_UM) & IA64_UM_MASK;
    c->common.pc = get(sc, SC_IP);
    if (uncover_frame(c, get(sc, SC_CFM) & (((uint64_t)1 << IA64_CFM_BITS) - 1)))
        return -EFAULT;
    set_tb_flags(c);
    *mask = get(sc, SC_MASK);
    *ss_sp = get(sc, SC_STACK_SP);
    *ss_flags = (int32_t)lu_load_guest(ia64_linux_abi.layouts, sc + SC_STACK_FLAGS, 4);
    *ss_size = get(sc, SC_STACK_SIZE);
    return 0;
}

/* Back to the `break` just executed: the slot before pc (slot 2 of the
 * bundle before, from slot 0). r15 and the arguments are intact. */
static void ia64_syscall_restart(CpuCommon *cpu)
{
    uint64_t bundle = ia64_pc_bundle(cpu->pc);
    unsigned slot = ia64_pc_slot(cpu->pc);
    cpu->pc = slot ? ia64_pc_make(bundle, slot - 1) : ia64_pc_make(bundle - 16, 2);
}

const LuSignalAbi ia64_signal_abi = {
    .tramp_code = ia64_tramp,
    .tramp_size = sizeof ia64_tramp,
    .get_sp = ia64_get_sp,
    .setup_frame = ia64_setup_frame,
    .restore_frame = ia64_restore_frame,
    .syscall_restart = ia64_syscall_restart,
};
