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

/* GuestSysOps.set_irq line numbers; UDE is the core's unconditional
 * debug event input (e500CRM §8.4.8). */
enum { PPC_E500_IRQ_INT = 0, PPC_E500_IRQ_CINT = 1, PPC_E500_IRQ_MCP = 2, PPC_E500_IRQ_UDE = 3 };

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

/* DBCR0 and DBSR (e500CRM §2.13.1-2): an event's DBSR bit sits where
 * DBCR0 has its enable (ICMP to IAC2, RET); a DAC field of DBCR0 is
 * 01 stores, 10 loads, 11 both. */
enum {
    DBCR0_IDM = 1u << 30,  /* internal debug mode: without it no event happens */
    DBCR0_RST = 3u << 28, DBCR0_RST_HARD = 1u << 28, /* reset: 01 hard reset */
    DBCR0_ICMP = 1u << 27, DBCR0_BRT = 1u << 26, DBCR0_IRPT = 1u << 25, DBCR0_TRAP = 1u << 24,
    DBCR0_IAC1 = 1u << 23, DBCR0_IAC2 = 1u << 22,
    DBCR0_DAC1 = 3u << 18, DBCR0_DAC2 = 3u << 16,
    DBCR0_RET = 1u << 15,
    DBSR_IDE = 1u << 31,   /* the event came while MSR[DE] was 0 */
    DBSR_UDE = 1u << 30,
    DBSR_MRR = 3u << 28, DBSR_MRR_HARD = 1u << 28,   /* most recent reset: 01 hard reset */
    DBSR_ICMP = 1u << 27, DBSR_BRT = 1u << 26, DBSR_IRPT = 1u << 25, DBSR_TRAP = 1u << 24,
    DBSR_IAC1 = 1u << 23, DBSR_IAC2 = 1u << 22,
    DBSR_DAC1R = 1u << 19, DBSR_DAC1W = 1u << 18, DBSR_DAC2R = 1u << 17, DBSR_DAC2W = 1u << 16,
    DBSR_RET = 1u << 15,
    /* the bits that make a debug interrupt pending */
    DBSR_EVENTS = DBSR_UDE | DBSR_ICMP | DBSR_BRT | DBSR_IRPT | DBSR_TRAP | DBSR_IAC1 |
                  DBSR_IAC2 | DBSR_DAC1R | DBSR_DAC1W | DBSR_DAC2R | DBSR_DAC2W | DBSR_RET,
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

/* ---- e500_mon.c ---------------------------------------------------------- */

/* GuestSysOps.dump_mappings: the valid TLB1 and TLB0 entries. */
void ppc_e500_dump_mappings(CpuCommon *cpu, FILE *out);

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
/* MSR = v, tb_flags following it (and DBCR0). */
void ppc_booke_set_msr(PpcCpu *cpu, uint32_t v);
uint32_t ppc_booke_tb_flags(uint32_t msr);
/* DBCR0 = v: arms or disarms the debug checks (tb_flags), RST asks the
 * board for a reset. */
void ppc_booke_write_dbcr0(PpcCpu *cpu, uint32_t v);
/* Debug events happened: their DBSR bits, and DBSR[IDE] when MSR[DE] is
 * 0 (the interrupt waits for MSR[DE]). Only in internal debug mode. */
void ppc_booke_debug_event(PpcCpu *cpu, uint32_t dbsr_bits);

/* ---- booke.c: the debug checks in translated code ---------------------------- */

struct PpcCtx;
/* At the start of each instruction of a PPC_TBF_DEBUG block: the ICMP
 * event of the instruction before, IAC and BRT events of this one. */
void ppc_booke_gen_debug_insn(struct PpcCtx *ctx);
/* Before a data access of nbytes at ea (PPC_TBF_DEBUG blocks only; emits
 * nothing otherwise): the DAC events. */
void ppc_booke_gen_dac(struct PpcCtx *ctx, IrTemp ea, IrTemp nbytes, bool store);

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
