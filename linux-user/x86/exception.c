/* linux-user/x86/exception.c — how an x86 Linux kernel turns a guest
 * exception into a signal (LinuxAbi.exception_info), and the trap number,
 * error code and cr2 it records in a signal frame's sigcontext.
 *
 *   exit reason      x86 exception          signal    si_code        si_addr
 *   EXIT_PRIV        #GP (privileged insn,  SIGSEGV   SI_KERNEL      0
 *                    misaligned SSE operand,
 *                    int n other than 0x80)
 *   EXIT_HALT        hlt: #GP in user mode  SIGSEGV   SI_KERNEL      0
 *   EXIT_TRAP        #BP (int3)             SIGTRAP   SI_KERNEL      0
 *   EXIT_ILLEGAL     #UD                    SIGILL    ILL_ILLOPN     the instruction
 *   EXIT_FPE         #DE (div, idiv)        SIGFPE    FPE_INTDIV     the instruction
 *                    #XM (unmasked SSE      SIGFPE    FPE_FLT*, the  the instruction
 *                    exception)                       frontend's
 *   EXIT_FAULT       #PF                    SIGSEGV   MAPERR/ACCERR  the address
 *   EXIT_FAULT at a  #GP                    SIGSEGV   SI_KERNEL      0
 *   non-canonical    (#SS when the operand's base is rsp or rbp:
 *   x86-64 address    SIGBUS, SI_KERNEL, 0)
 *
 * (arch/x86/kernel/traps.c: do_general_protection, do_int3_user's
 * do_trap with no info (force_sig: SI_KERNEL), do_error_trap for #UD and
 * #DE with the instruction's address.)
 */
#include <signal.h>

#include "backend/exec.h"
#include "frontend/x86/decode.h"
#include "linux-user/lu_runtime.h"
#include "linux-user/lu_signal.h"
#include "linux-user/x86/abi.h"

enum { G_SI_KERNEL = 0x80 };

/* The trap vectors a sigcontext names (asm/trapnr.h). */
enum {
    X86_TRAP_DE = 0, X86_TRAP_BP = 3, X86_TRAP_UD = 6, X86_TRAP_GP = 13, X86_TRAP_PF = 14, X86_TRAP_XF = 19,
};
/* Page-fault error code bits: protection violation (page present), user mode. */
enum { X86_PF_PROT = 1u << 0, X86_PF_USER = 1u << 2 };

/* An x86-64 address whose bits 63:47 are not all equal. */
static bool non_canonical(uint64_t addr)
{
    return (uint64_t)((int64_t)(addr << 16) >> 16) != addr;
}

/* Whether the faulting instruction addresses memory through rsp or rbp
 * (the stack segment: a bad address there is #SS, not #GP). */
static bool stack_based_access(const CpuCommon *cpu)
{
    uint8_t code[15];
    size_t n = sizeof code;
    while (n && !lu_fetch_code((CpuCommon *)cpu, cpu->pc, code, n))
        n--;
    X86Insn in;
    if (!n || x86_decode(cpu->pc, code, n, true, true, &in) != X86_DECODE_OK || in.mod == 3)
        return false;
    return in.base == X86_RSP || in.base == X86_RBP;
}

void x86_exception_info(const CpuCommon *cpu, int reason, LuSigInfo *info)
{
    if (reason == EXIT_FAULT && (cpu->tb_flags & X86_TBF_LONG) && non_canonical(info->addr)) {
        info->signo = stack_based_access(cpu) ? SIGBUS : SIGSEGV;
        info->code = G_SI_KERNEL;
        info->addr = 0;
        return;
    }
    switch (reason) {
    case EXIT_PRIV:
    case EXIT_HALT:
        info->signo = SIGSEGV;
        info->code = G_SI_KERNEL;
        info->addr = 0;
        break;
    case EXIT_TRAP:
        info->signo = SIGTRAP;
        info->code = G_SI_KERNEL;
        info->addr = 0;
        break;
    case EXIT_ILLEGAL:
        info->code = ILL_ILLOPN;
        break;
    case EXIT_FPE:
        if (info->code <= 0)
            info->code = FPE_INTDIV;
        break;
    default:
        break;
    }
}

void x86_sig_trap(const LuSigInfo *info, uint32_t *trapno, uint32_t *err, uint64_t *cr2)
{
    *trapno = 0;
    *err = 0;
    *cr2 = 0;
    bool from_kernel = info->code == G_SI_KERNEL;
    switch (info->signo) {
    case SIGSEGV:
        if (from_kernel) {
            *trapno = X86_TRAP_GP;
        } else if (info->code > 0) {
            *trapno = X86_TRAP_PF;
            *err = X86_PF_USER | (info->code == SEGV_ACCERR ? X86_PF_PROT : 0);
            *cr2 = info->addr;
        }
        break;
    case SIGBUS:
        if (info->code > 0 && !from_kernel) {
            *trapno = X86_TRAP_PF;
            *err = X86_PF_USER | X86_PF_PROT;
            *cr2 = info->addr;
        }
        break;
    case SIGTRAP:
        if (from_kernel)
            *trapno = X86_TRAP_BP;
        break;
    case SIGILL:
        if (info->code > 0 && !from_kernel)
            *trapno = X86_TRAP_UD;
        break;
    case SIGFPE:
        if (info->code == FPE_INTDIV)
            *trapno = X86_TRAP_DE;
        else if (info->code > 0)
            *trapno = X86_TRAP_XF; /* the frontend raises no other float exception */
        break;
    default:
        break;
    }
}
