/* frontend/x86/sys.h — the x86 cpu of system mode (the PC board's): the
 * GuestArch boards use, its interrupt lines and its wiring to the board
 * (port I/O space, interrupt acknowledge, A20), and the privileged state
 * and operations the translator, the exception code, the MMU, the
 * debugger and the tests share.
 *
 * Pieces (one concept per file):
 *   sys_guest.c   x86_pc_guest, reset, GuestSysOps, mode bits (tb_flags)
 *   sys_insn.c    translation of the privileged and system instructions
 *                 (in/out, cli/sti/hlt, lgdt/lidt/lldt/ltr, mov cr/dr,
 *                 rdmsr/wrmsr, invlpg, far transfers, int/iret, ...)
 *   sys_msr.c     the MSR table
 *   sys_seg.c     descriptor tables: loading segment registers with their
 *                 checks, far jmp/call/ret, iret, syscall/sysret,
 *                 sysenter/sysexit
 *   sys_excp.c    exceptions and interrupts: real-mode IVT, protected and
 *                 long mode IDT gates, stack switches (TSS, IST), error
 *                 codes, double faults
 *   sys_mmu.c     paging: the tlb_fill walk (none, 2-level, PAE, 4-level)
 *
 * Names and numbers follow the Intel SDM volume 3.
 */
#ifndef MORPH_X86_SYS_H
#define MORPH_X86_SYS_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/guest.h"
#include "frontend/x86/cpu.h"

/* "x86_64-pc": system mode only. Powers on in real mode at F000:FFF0
 * (CS base 0xFFFF0000), as a PC's BIOS expects. */
extern const GuestArch x86_pc_guest;

/* GuestSysOps.set_irq lines. INTR is level: while asserted and IF=1 the
 * cpu asks X86Sys.board.intr_ack for the vector. NMI is an edge (level 1 =
 * an NMI arrives). INIT resets all but the few registers INIT keeps. */
enum { X86_IRQ_INTR = 0, X86_IRQ_NMI = 1, X86_IRQ_INIT = 2 };

/* Exception vectors. */
enum {
    X86_EXC_DE = 0, X86_EXC_DB = 1, X86_EXC_NMI = 2, X86_EXC_BP = 3, X86_EXC_OF = 4,
    X86_EXC_BR = 5, X86_EXC_UD = 6, X86_EXC_NM = 7, X86_EXC_DF = 8, X86_EXC_TS = 10,
    X86_EXC_NP = 11, X86_EXC_SS = 12, X86_EXC_GP = 13, X86_EXC_PF = 14, X86_EXC_MF = 16,
    X86_EXC_AC = 17, X86_EXC_MC = 18, X86_EXC_XM = 19,
};

/* Control register and EFER bits. */
enum {
    X86_CR0_PE = 1u << 0, X86_CR0_MP = 1u << 1, X86_CR0_EM = 1u << 2, X86_CR0_TS = 1u << 3,
    X86_CR0_ET = 1u << 4, X86_CR0_NE = 1u << 5, X86_CR0_WP = 1u << 16, X86_CR0_AM = 1u << 18,
    X86_CR0_NW = 1u << 29, X86_CR0_CD = 1u << 30, X86_CR0_PG = 1u << 31,
    X86_CR4_VME = 1u << 0, X86_CR4_PVI = 1u << 1, X86_CR4_TSD = 1u << 2, X86_CR4_DE = 1u << 3,
    X86_CR4_PSE = 1u << 4, X86_CR4_PAE = 1u << 5, X86_CR4_MCE = 1u << 6, X86_CR4_PGE = 1u << 7,
    X86_CR4_PCE = 1u << 8, X86_CR4_OSFXSR = 1u << 9, X86_CR4_OSXMMEXCPT = 1u << 10,
    X86_CR4_UMIP = 1u << 11, X86_CR4_FSGSBASE = 1u << 16, X86_CR4_PCIDE = 1u << 17,
    X86_CR4_OSXSAVE = 1u << 18, X86_CR4_SMEP = 1u << 20, X86_CR4_SMAP = 1u << 21,
    X86_EFER_SCE = 1u << 0, X86_EFER_LME = 1u << 8, X86_EFER_LMA = 1u << 10, X86_EFER_NXE = 1u << 11,
};
/* More EFLAGS bits than user mode needs (cpu.h has the rest). */
enum { X86_IOPL = 3u << 12, X86_NT = 1u << 14, X86_RF = 1u << 16, X86_VM = 1u << 17,
       X86_VIF = 1u << 19, X86_VIP = 1u << 20 };

/* tb_flags bits of system mode, above the user-mode ones (cpu.h):
 * everything translated code depends on besides pc. */
enum {
    X86_TBF_SYS = 1u << 8,      /* system mode: segment bases, ports, privileged insns */
    X86_TBF_PE = 1u << 9,       /* CR0.PE: protected mode */
    X86_TBF_VM86 = 1u << 10,    /* EFLAGS.VM */
    X86_TBF_SS32 = 1u << 11,    /* SS.B: 32-bit stack pointer */
    X86_TBF_ADDSEG = 1u << 12,  /* outside long mode, some of DS/ES/SS has a nonzero base: add it */
    X86_TBF_CPL_SHIFT = 13,     /* 2 bits: the current privilege level */
    X86_TBF_CPL = 3u << 13,
    X86_TBF_INHIBIT_IRQ = 1u << 15, /* the first insn follows sti/mov ss/pop ss: no interrupt before it completes */
    X86_TBF_TF = 1u << 16,      /* EFLAGS.TF: one instruction per block, #DB after it */
    /* CS.base >> 4, 15 bits: blocks are keyed by linear pc, and this tells
     * apart the real-mode code segments (selectors differing in these bits
     * never overlap below 1 MiB) whose IP-relative values differ. */
    X86_TBF_CSBASE_SHIFT = 17,
};

/* Memory indexes (IR_MO_IDX): supervisor and user accesses. With paging
 * off both see physical memory (through the A20 mask). */
enum { X86_MMU_KERNEL = 0, X86_MMU_USER = 1 };

static inline X86Sys *x86_sys(CpuCommon *cpu) { return &((X86Cpu *)cpu)->sys; }

/* The pc of system mode: CpuCommon.pc (and insn_pc, and every next_pc
 * these functions take) is the LINEAR address of an instruction,
 * CS.base + rIP, since blocks are fetched and keyed by it (in user mode
 * CS.base is 0: the same thing). Whoever changes CS or rIP stores
 * pc = seg_base[CS] + rIP; rIP is pc - seg_base[CS]. */
static inline uint64_t x86_sys_ip_of(const X86Cpu *cpu, uint64_t linear_pc)
{
    return linear_pc - cpu->seg_base[X86_CS];
}
static inline void x86_sys_set_ip(X86Cpu *cpu, uint64_t ip)
{
    cpu->common.pc = cpu->seg_base[X86_CS] + ip;
}

/* ---- sys_guest.c ----------------------------------------------------------- */

/* tb_flags for the cpu's state now (CR0, EFER, EFLAGS, CS/SS caches);
 * whoever changes them calls x86_sys_update_tb_flags. */
uint32_t x86_sys_tb_flags(const X86Cpu *cpu);
void x86_sys_update_tb_flags(X86Cpu *cpu);
unsigned x86_sys_cpl(const X86Cpu *cpu);
/* A20 gate (port 0x92, the keyboard controller): flushes the TLB on change. */
void x86_sys_set_a20(CpuCommon *cpu, bool enabled);

/* ---- sys_excp.c ------------------------------------------------------------ */

/* How an event reached the cpu: it decides what is pushed, which pc is
 * saved (the faulting insn's or the next), and the gate DPL check. */
typedef enum X86EventKind {
    X86_EV_EXCEPTION,    /* a fault or trap the cpu detected */
    X86_EV_SOFT_INT,     /* int n: gate DPL checked against CPL, next pc saved */
    X86_EV_SOFT_EXC,     /* int3, into: like int n but an exception */
    X86_EV_EXTERNAL,     /* INTR, NMI */
} X86EventKind;

/* Deliver vector through the IVT (real mode, vm86 with its rules), or
 * the IDT (protected and long mode): privilege and stack switch, the
 * frame, CS:IP, IF/TF/NT/RF/VM cleared as the gate says. `next_pc` is
 * what a trap or software interrupt saves; faults save cpu->common.pc
 * (called from a helper inside a block, in_guest set, it is insn_pc).
 * A fault while delivering becomes #DF, one during #DF a shutdown
 * (cpu reset through the machine). Logged under -d int. */
void x86_sys_deliver(X86Cpu *cpu, unsigned vector, X86EventKind kind, bool has_error,
                     uint32_t error_code, uint64_t next_pc);

/* From a helper called by translated code: raise exception `vector` at
 * the current instruction (cpu->common.insn_pc) and leave the block
 * (cpu_loop_exit); the machine delivers it. */
_Noreturn void x86_sys_raise_exception(X86Cpu *cpu, unsigned vector, bool has_error,
                                       uint32_t error_code);

/* GuestSysOps.raise, .interrupt, .set_irq, .halted */
void x86_sys_raise(CpuCommon *cpu, int reason);
bool x86_sys_interrupt(CpuCommon *cpu);
void x86_sys_set_irq(CpuCommon *cpu, unsigned line, int level);
bool x86_sys_halted(const CpuCommon *cpu);

/* ---- sys_mmu.c ------------------------------------------------------------- */

/* Fault codes of x86_sys_tlb_fill: the #PF error code (P, W/R, U/S,
 * RSVD, I/D bits) in bits 0-15, plus X86_FAULT_PF so that 0 stays
 * "no fault". raise() puts the code in the #PF frame, the address in CR2. */
enum { X86_FAULT_PF = 1 << 16 };
/* A fault code that is not a page fault: an x86-64 address that is not
 * canonical (bits 63:47 not all equal), #GP(0). */
enum { X86_FAULT_GP = 1 << 17 };
int x86_sys_tlb_fill(CpuCommon *cpu, uint64_t vaddr, MemAccess access, unsigned mmu_idx,
                     TlbFill *out);

/* ---- sys_mon.c ------------------------------------------------------------- */

/* GuestSysOps.dump_mappings: the page tables under CR3, read-only, as
 * merged ranges "virtual-range physical size rights" (u/s, w, x). */
void x86_sys_dump_mappings(CpuCommon *cpu, FILE *out);

/* ---- sys_seg.c ------------------------------------------------------------- */

/* Load segment register `seg` with `selector` as mov/pop/lds do in the
 * cpu's current mode (real and vm86: base = selector << 4), with the
 * protected-mode checks (#GP, #NP, #SS with the selector as error code,
 * raised through x86_sys_raise_exception). */
void x86_sys_load_seg(X86Cpu *cpu, int seg, uint16_t selector);
/* Far transfers and returns in every mode; sizes in bytes (2, 4, 8). */
void x86_sys_ljmp(X86Cpu *cpu, uint16_t selector, uint64_t offset, uint64_t next_pc);
void x86_sys_lcall(X86Cpu *cpu, uint16_t selector, uint64_t offset, unsigned opsize,
                   uint64_t next_pc);
void x86_sys_lret(X86Cpu *cpu, unsigned opsize, unsigned imm16);
void x86_sys_iret(X86Cpu *cpu, unsigned opsize);
void x86_sys_syscall(X86Cpu *cpu, uint64_t next_pc);
void x86_sys_sysret(X86Cpu *cpu, unsigned opsize);
void x86_sys_sysenter(X86Cpu *cpu);
void x86_sys_sysexit(X86Cpu *cpu, unsigned opsize);

/* What sys_seg.c shares with sys_excp.c: descriptors, stacks, the TSS.
 * Memory is reached through the TLB (guest_ld/guest_st), so a page fault
 * leaves through cpu_loop_exit; a failed check raises its exception
 * through x86_sys_raise_exception. */

/* A segment descriptor's fields (SDM vol. 3 §3.4.5); flags as in
 * X86SegCache (the descriptor's bits 40-55 less the limit's 48-51). */
static inline uint64_t x86_desc_base(uint64_t d)
{
    return ((d >> 16) & 0xffffff) | ((d >> 32) & 0xff000000);
}
static inline uint32_t x86_desc_flags(uint64_t d) { return (uint32_t)(d >> 40) & 0xf0ff; }
static inline uint32_t x86_desc_limit(uint64_t d)
{
    uint32_t limit = (uint32_t)(d & 0xffff) | ((uint32_t)(d >> 32) & 0xf0000);
    return (x86_desc_flags(d) & X86_SEG_G) ? limit << 12 | 0xfff : limit;
}
static inline unsigned x86_desc_dpl(uint64_t d) { return (x86_desc_flags(d) & X86_SEG_DPL) >> X86_SEG_DPL_SHIFT; }

/* The 8 bytes `selector` names in the GDT or LDT: false when they lie
 * beyond the table's limit (or the LDT is null). */
bool x86_sys_read_desc(X86Cpu *cpu, uint16_t selector, uint64_t *desc);
/* A segment register's visible and hidden parts at once. */
void x86_sys_set_seg(X86Cpu *cpu, int seg, uint16_t selector, uint64_t base, uint32_t limit,
                     uint32_t flags);

/* A stack being pushed or popped: linear address base + (sp & mask)
 * (mask 0xffff, 0xffffffff or all ones in 64-bit mode), accessed with
 * memory index mmu_idx. Nothing reaches the registers until the caller
 * stores sp back (x86_sys_stack_commit): a fault half-way leaves the
 * cpu as it was. */
typedef struct X86Stack {
    uint64_t base, sp, mask;
    unsigned mmu_idx;
} X86Stack;
X86Stack x86_sys_stack_now(const X86Cpu *cpu); /* SS:rSP as they are */
void x86_sys_push(X86Cpu *cpu, X86Stack *st, unsigned size, uint64_t value);
uint64_t x86_sys_pop(X86Cpu *cpu, X86Stack *st, unsigned size);
void x86_sys_stack_commit(X86Cpu *cpu, const X86Stack *st); /* rSP = sp within mask */

/* The stack the TSS holds for privilege level `slot` 0-2 (SS0:ESP0, ...
 * of a 16- or 32-bit TSS, RSPn of a 64-bit one: then *ss is 0), or for
 * slot 3 + n, IST n of a 64-bit TSS; #TS(TR) past its limit. */
void x86_sys_tss_stack(X86Cpu *cpu, unsigned slot, uint16_t *ss, uint64_t *sp);
/* The descriptor of the stack segment `ss` a privilege change to `cpl`
 * loads, checked: `vector` (#TS for calls and interrupts, #GP for
 * returns) with error code ss | ext, #SS when not present. */
uint64_t x86_sys_check_new_ss(X86Cpu *cpu, uint16_t ss, unsigned cpl, unsigned vector, unsigned ext);

/* ---- sys_msr.c ------------------------------------------------------------- */

/* rdmsr/wrmsr: false for an MSR the cpu does not have (#GP). */
bool x86_sys_rdmsr(X86Cpu *cpu, uint32_t msr, uint64_t *value);
bool x86_sys_wrmsr(X86Cpu *cpu, uint32_t msr, uint64_t value);
/* The MSRs' values after RESET (APIC base, PAT, MTRRs, ...). */
void x86_sys_msr_reset(X86Cpu *cpu);

/* Control registers as mov to CRn changes them: mode changes, TLB
 * flushes, tb_flags. false: the value is invalid (#GP). */
bool x86_sys_write_cr(X86Cpu *cpu, unsigned n, uint64_t value);

#endif
