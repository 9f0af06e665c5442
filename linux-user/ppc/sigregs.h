/* linux-user/ppc/sigregs.h — what the 32-bit (signal.c) and 64-bit
 * (signal64.c) PowerPC signal frames share: the CR and XER as the one
 * word each the frames hold, the MSR bits a frame reports, and the
 * exception vector and DAR the kernel records as the frame's trap.
 */
#ifndef MORPH_LU_PPC_SIGREGS_H
#define MORPH_LU_PPC_SIGREGS_H

#include <signal.h>
#include <stdint.h>

#include "frontend/ppc/cpu.h"
#include "linux-user/lu_signal.h"

/* MSR bits (asm/reg.h) of the value a frame's gregs[PT_MSR] holds. */
#define PPC_MSR_SF (1ull << 63)   /* 64-bit mode */
#define PPC_MSR_VEC 0x02000000u   /* the frame's vector registers are valid */
#define PPC_MSR_VSX 0x00800000u   /* the frame's VSX doubleword-1 area is valid */
#define PPC_MSR_USER32 0xd032u    /* EE PR ME IR DR RI: a user-mode thread */
#define PPC_MSR_FP 0x2000u        /* FP in use */
#define PPC_MSR_LE 0x1u           /* little-endian */

/* Exception vectors the kernel records as the frame's trap. */
enum { PPC_TRAP_DSI = 0x300, PPC_TRAP_EXTERNAL = 0x500, PPC_TRAP_PROGRAM = 0x700 };

/* The trap vector and DAR of the frame's gregs: a data fault (DSI, DAR =
 * the address), a program check (illegal instruction, trap, FP enabled
 * exception), else an asynchronous interrupt. */
static inline uint32_t ppc_sig_trap(const LuSigInfo *info, uint64_t *dar)
{
    bool from_fault = info->code > 0 && info->code < 0x80; /* not SI_USER/SI_KERNEL/queued */
    *dar = 0;
    if (from_fault && (info->signo == SIGSEGV || info->signo == SIGBUS)) {
        *dar = info->addr;
        return PPC_TRAP_DSI;
    }
    if (from_fault && (info->signo == SIGILL || info->signo == SIGFPE || info->signo == SIGTRAP))
        return PPC_TRAP_PROGRAM;
    return PPC_TRAP_EXTERNAL;
}

#endif
