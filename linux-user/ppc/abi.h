/* linux-user/ppc/abi.h — what the PowerPC Linux ABIs (abi.c for ppc32,
 * abi64.c for ppc64 and ppc64le) share: one definition each in abi.c. */
#ifndef MORPH_LU_PPC_ABI_H
#define MORPH_LU_PPC_ABI_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/ppc/cpu.h"

/* start_thread(): every GPR zero but r1 = sp, CR/XER/LR/CTR clear,
 * VSCR[NJ] set; the pc and the ABI's entry registers are the caller's. */
void ppc_reset_regs(PpcCpu *c, uint64_t sp);
/* mfpvr, which Linux emulates for user space: true if the instruction
 * at the pc was one (its result written, the pc advanced). */
bool ppc_emulate_insn(CpuCommon *cpu);
/* sc: the number in r0. */
int ppc_syscall_nr(const CpuCommon *cpu);
/* The result in r3 (the guest's width), CR0.SO on error; clears the
 * reservation as the kernel's exception exit does. */
void ppc_syscall_return(CpuCommon *cpu, int64_t ret);

#endif
