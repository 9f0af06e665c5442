/* frontend/ppc/e500.h — the e500v2 cpu of system mode: the GuestArch
 * boards use, its interrupt lines, and the pieces of its Book E
 * privileged architecture the translator, the machine and the tests
 * share (MSR and ESR bits, the MMU, exception entry, timers).
 *
 * Bits are named as in the EREF and the e500 core reference manual;
 * values are the 32-bit register's (IBM bit b is 1 << (31 - b)).
 */
#ifndef MORPH_PPC_E500_H
#define MORPH_PPC_E500_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/guest.h"
#include "frontend/ppc/cpu.h"

extern const GuestArch ppc_e500_guest; /* "e500": never chosen by user mode */

/* GuestSysOps.set_irq line numbers. */
enum { PPC_E500_IRQ_INT = 0, PPC_E500_IRQ_CINT = 1, PPC_E500_IRQ_MCP = 2 };

/* MSR (EREF §2.4.1) */
enum {
    MSR_SPE = 1u << 25, /* SPE available */
    MSR_WE = 1u << 18,  /* wait state enable */
    MSR_CE = 1u << 17,  /* critical interrupts */
    MSR_EE = 1u << 15,  /* external input, decrementer, FIT */
    MSR_PR = 1u << 14,  /* problem (user) state */
    MSR_FP = 1u << 13,
    MSR_ME = 1u << 12,  /* machine check */
    MSR_FE0 = 1u << 11,
    MSR_DE = 1u << 9,   /* debug interrupts */
    MSR_FE1 = 1u << 8,
    MSR_IS = 1u << 5,   /* instruction address space */
    MSR_DS = 1u << 4,   /* data address space */
    MSR_PMM = 1u << 2,
};

/* ESR (EREF §2.8.3.4) */
enum {
    ESR_PIL = 1u << 27, /* illegal instruction */
    ESR_PPR = 1u << 26, /* privileged instruction */
    ESR_PTR = 1u << 25, /* trap */
    ESR_ST = 1u << 23,  /* the access was a store */
    ESR_SPV = 1u << 7,  /* SPE/embedded FP instruction */
};

/* TCR and TSR (EREF §2.8.4) */
enum {
    TCR_WIE = 1u << 27, TCR_DIE = 1u << 26, TCR_FIE = 1u << 23, TCR_ARE = 1u << 22,
    TSR_ENW = 1u << 31, TSR_WIS = 1u << 30, TSR_WRS = 3u << 28, TSR_DIS = 1u << 27,
    TSR_FIS = 1u << 26,
};

/* Interrupt vector offsets: IVORn (EREF §7.2). */
enum {
    IVOR_CRITICAL = 0, IVOR_MACHINE_CHECK = 1, IVOR_DSI = 2, IVOR_ISI = 3, IVOR_EXTERNAL = 4,
    IVOR_ALIGNMENT = 5, IVOR_PROGRAM = 6, IVOR_FP_UNAVAILABLE = 7, IVOR_SYSCALL = 8,
    IVOR_AP_UNAVAILABLE = 9, IVOR_DECREMENTER = 10, IVOR_FIT = 11, IVOR_WATCHDOG = 12,
    IVOR_DTLB = 13, IVOR_ITLB = 14, IVOR_DEBUG = 15, IVOR_SPE_UNAVAILABLE = 32,
};

/* The fault codes e500 tlb_fill returns: a kind and the access. */
enum { E500_FAULT_MISS = 1, E500_FAULT_PERM = 2 };
static inline int e500_fault_code(int kind, MemAccess access) { return kind | (int)access << 2; }
static inline int e500_fault_kind(int code) { return code & 3; }
static inline MemAccess e500_fault_access(int code) { return (MemAccess)((code >> 2) & 3); }

/* CpuCommon.exception_code of an EXIT_ILLEGAL from an e500 block: an
 * illegal instruction or an SPE/embedded-FP one (SPE unavailable). */
enum { E500_ILLEGAL_PIL = 0, E500_ILLEGAL_SPE = 1 };

/* ---- e500_mmu.c ---------------------------------------------------------- */

int ppc_e500_tlb_fill(CpuCommon *cpu, uint64_t vaddr, MemAccess access, unsigned mmu_idx,
                      TlbFill *out);
void ppc_e500_tlbwe(PpcCpu *cpu);
void ppc_e500_tlbre(PpcCpu *cpu);
void ppc_e500_tlbsx(PpcCpu *cpu, uint32_t ea);
void ppc_e500_tlbivax(PpcCpu *cpu, uint32_t ea);
void ppc_e500_write_mmucsr0(PpcCpu *cpu, uint32_t value);
/* MAS0-MAS7 as a TLB miss on ea leaves them (MAS4 defaults). */
void ppc_e500_tlb_miss_mas(PpcCpu *cpu, uint32_t ea, bool fetch);
/* Drop what the softmmu cached of the guest's mappings. */
void ppc_e500_mappings_changed(PpcCpu *cpu);
enum { PPC_E500_TLB0CFG = 0x04110200u, PPC_E500_TLB1CFG = 0x101bc010u, PPC_E500_MMUCFG = 0x004819c4u };

/* ---- booke_excp.c ---------------------------------------------------------- */

void ppc_booke_raise(CpuCommon *cpu, int reason);
bool ppc_booke_interrupt(CpuCommon *cpu);
void ppc_booke_set_irq(CpuCommon *cpu, unsigned line, int level);
uint64_t ppc_booke_next_timer_ns(const CpuCommon *cpu);
bool ppc_booke_halted(const CpuCommon *cpu);
/* Enter interrupt vector `ivor`: srr0 and the MSR saved in the pair of
 * the vector's class (SRR, CSRR, MCSRR), the handler's MSR, pc at
 * IVPR | IVORn; the caller sets ESR/DEAR first. Logged under -d int. */
void ppc_booke_enter(PpcCpu *cpu, unsigned ivor, uint32_t srr0);
/* MSR = v, tb_flags following it. */
void ppc_booke_set_msr(PpcCpu *cpu, uint32_t v);
uint32_t ppc_booke_tb_flags(uint32_t msr);

/* The clock the time base and timers read (host CLOCK_MONOTONIC ns);
 * tests set their own. NULL restores the host's. */
void ppc_booke_set_clock(uint64_t (*now_ns)(void));
uint64_t ppc_booke_tb(const PpcCpu *cpu);      /* the time base now */
void ppc_booke_set_tb(PpcCpu *cpu, uint64_t tb);
/* Bring DEC, TSR[DIS], TSR[FIS] and the watchdog up to the clock now. */
void ppc_booke_timers_sync(PpcCpu *cpu);
uint32_t ppc_booke_read_dec(PpcCpu *cpu);
void ppc_booke_write_dec(PpcCpu *cpu, uint32_t value);

#endif
