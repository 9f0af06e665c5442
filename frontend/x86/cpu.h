/* frontend/x86/cpu.h — the x86 guest CPU state (i386 and x86-64 share it).
 *
 * General registers are stored 64 bits wide; an i386 guest uses the low
 * half. The six status flags (CF PF AF ZF SF OF) are lazy: the last
 * instruction that set them records what it did (cc_op) and its inputs
 * and result (cc_dst, cc_src, cc_src2); the flags are derived from that
 * record only when something reads them (frontend/x86/flags.c). Every
 * other EFLAGS bit (DF, IF, TF, AC, ID, ...) lives plainly in `eflags`.
 *
 * x87: st_phys[i] is physical register i as the host's 80-bit `long
 * double` (64-bit significand, then sign+exponent, then 6 bytes of pad);
 * ST(i) is st_phys[(fptop + i) & 7]. An MMX register mmN is the
 * significand of st_phys[N] (its low 8 bytes).
 */
#ifndef MORPH_X86_CPU_H
#define MORPH_X86_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/cpu.h"

enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
};

enum X86Seg { X86_ES, X86_CS, X86_SS, X86_DS, X86_FS, X86_GS, X86_NSEGS };

/* EFLAGS bits. */
enum {
    X86_CF = 1u << 0, X86_PF = 1u << 2, X86_AF = 1u << 4, X86_ZF = 1u << 6,
    X86_SF = 1u << 7, X86_TF = 1u << 8, X86_IF = 1u << 9, X86_DF = 1u << 10,
    X86_OF = 1u << 11, X86_AC = 1u << 18, X86_ID = 1u << 21,
};
#define X86_STATUS_FLAGS (X86_CF | X86_PF | X86_AF | X86_ZF | X86_SF | X86_OF)
/* Bits of `eflags` user code may change with popf (the rest keep their value). */
#define X86_USER_FLAGS (X86_STATUS_FLAGS | X86_TF | X86_DF | X86_AC | X86_ID)

/* cc_op == X86_CC_EFLAGS: the status flags are known; cc_src holds them
 * at their EFLAGS bit positions. Every other cc_op value is defined by
 * frontend/x86/flags.h; code outside the flags file that sets the status
 * flags to known values (comisd, fcomi, signal return, ptrace) stores
 * X86_CC_EFLAGS and the flags. */
enum { X86_CC_EFLAGS = 0 };

/* CpuCommon.tb_flags of the x86 guest: the code segment's mode, and how
 * its x87 instructions run (frontend/x86/x87_fast.c). */
enum {
    X86_TBF_LONG = 1u << 0,  /* 64-bit mode (CS.L): 64-bit addresses, REX */
    X86_TBF_CS32 = 1u << 1,  /* 32-bit default operand and address size (CS.D) */
    X86_TBF_X87_EXACT = 1u << 2, /* the x87 control word is not the host's: every x87 instruction runs its helper */
    X86_TBF_X87_STEP = 1u << 3,  /* the block's first x87 instruction stack-faults: its helper runs, then the bit clears */
    X86_TBF_X87_NOSPEC = 1u << 4, /* the x87 stack was not as the block's translation assumed: no assumption */
    X86_TBF_SSE_EXACT = 1u << 5,  /* MXCSR unmasks an exception: SSE float arithmetic runs its #XM helper */
};

/* A segment descriptor as user mode needs it (GDT TLS entries, LDT). */
typedef struct X86SegDesc {
    uint32_t base, limit;
    uint32_t flags;          /* X86_DESC_*: 0 = not present */
} X86SegDesc;
enum { X86_DESC_PRESENT = 1u << 0, X86_DESC_32BIT = 1u << 1, X86_DESC_LIMIT_PAGES = 1u << 2 };
enum { X86_GDT_ENTRIES = 16, X86_LDT_ENTRIES = 16 };

struct AddressSpace;

/* A segment register's hidden part (its descriptor cache). `flags` is
 * the descriptor's bits 40-55 (type, S, DPL, P, AVL, L, D/B, G) shifted
 * down to bit 0; base and selector live in X86Cpu.seg_base/seg_sel,
 * which translated code reads. */
typedef struct X86SegCache {
    uint32_t limit;  /* in bytes, granularity applied */
    uint32_t flags;
} X86SegCache;
enum {
    X86_SEG_TYPE = 0xf, X86_SEG_S = 1u << 4, X86_SEG_DPL_SHIFT = 5, X86_SEG_DPL = 3u << 5,
    X86_SEG_P = 1u << 7, X86_SEG_AVL = 1u << 12, X86_SEG_L = 1u << 13, X86_SEG_DB = 1u << 14,
    X86_SEG_G = 1u << 15,
};

typedef struct X86DescTable { /* GDTR, IDTR */
    uint64_t base;
    uint32_t limit;
} X86DescTable;

typedef struct X86SysSeg {    /* LDTR, TR: selector and descriptor cache */
    uint16_t sel;
    uint64_t base;
    uint32_t limit, flags;
} X86SysSeg;

/* X86Sys.board: how the board wires the cpu in; set once by the board,
 * kept by reset and INIT. */
typedef struct X86SysBoard {
    /* The port I/O space (in/out reach it with as_ld/as_st at the port
     * number) and the interrupt acknowledge cycle (the vector the PIC or
     * local APIC delivers; called with INTR asserted and IF=1). */
    struct AddressSpace *ports;
    int (*intr_ack)(void *opaque);
    void *intr_opaque;
    /* A shutdown (triple fault) resets the machine; called with
     * CpuCommon.owner. NULL: the cpu halts instead. */
    void (*reset_request)(void *owner);
    /* IA32_APIC_BASE was written (the local APIC moves, or its enable bit
     * turns it on or off); called with CpuCommon.owner and the MSR's new
     * value. NULL: the MSR is storage only. */
    void (*apic_base_changed)(void *owner, uint64_t value);
} X86SysBoard;

/* X86Cpu.sys: system mode's privileged state (frontend/x86/sys.h);
 * all zero in user mode. */
typedef struct X86Sys {
    X86SegCache seg[X86_NSEGS];
    X86DescTable gdtr, idtr;
    X86SysSeg ldtr, tr;
    uint64_t cr0, cr2, cr3, cr4, cr8;
    uint64_t dr[8];
    uint64_t efer, star, lstar, cstar, sfmask, kernel_gs_base, tsc_aux;
    uint64_t sysenter_cs, sysenter_esp, sysenter_eip;
    uint64_t apic_base, pat, misc_enable, tsc_adjust;
    uint64_t mtrr_def_type, mtrr_fixed[11], mtrr_var[16]; /* storage only */
    uint64_t smbase;
    uint64_t a20_mask;         /* physical addresses are ANDed with it: ~(1 << 20) while A20 is off */
    bool halted;               /* hlt: waits for an interrupt */
    bool intr_level;           /* X86_IRQ_INTR asserted */
    bool nmi_pending, nmi_blocked; /* an NMI waits; NMIs blocked until the next iret */
    int pending_exception;     /* -1 or the vector a helper raised (sys_excp.c) */
    uint32_t pending_error_code;
    bool pending_has_error;
    X86SysBoard board;
} X86Sys;

typedef struct X86Cpu {
    CpuCommon common;            /* must be first; common.pc is RIP/EIP */
    uint64_t regs[16];           /* X86_RAX.. X86_R15 */
    /* lazy status flags (frontend/x86/flags.h) */
    uint32_t cc_op;
    uint32_t eflags;             /* every EFLAGS bit except the status flags; bit 1 always set */
    uint64_t cc_dst, cc_src, cc_src2;
    /* segments: selectors as the guest reads them, bases as addressing uses them */
    uint64_t seg_base[X86_NSEGS];
    uint16_t seg_sel[X86_NSEGS];
    X86SegDesc gdt[X86_GDT_ENTRIES]; /* what linux-user put there (TLS entries) */
    X86SegDesc ldt[X86_LDT_ENTRIES]; /* modify_ldt */

    /* x87 (frontend/x86/x87*.c) */
    _Alignas(16) long double st_phys[8];
    uint32_t fptop;              /* TOP, 0..7 */
    uint16_t fpuc;               /* control word */
    uint16_t fpus;               /* status word without TOP (bits 11-13 kept 0) */
    uint16_t fptag;              /* abridged tags: bit i set = st_phys[i] holds a value */
    uint16_t fpop;               /* last opcode (11 bits) */
    uint64_t fpip, fpdp;         /* last instruction and data pointers */

    /* SSE (frontend/x86/sse*.c) */
    _Alignas(16) uint64_t xmm[16][2]; /* [n][0] bits 0-63, [n][1] bits 64-127 */
    uint32_t mxcsr;
    uint32_t sse_pad;
    _Alignas(16) uint64_t vtmp[2][2]; /* scratch for 128-bit memory operands */
    uint64_t scratch[4];         /* room for helpers' temporaries */

    uint64_t tsc_base;           /* host time at start, for rdtsc */
    X86Sys sys;
} X86Cpu;

#define X86_OFF(field) ((uint32_t)offsetof(X86Cpu, field))
#define X86_REG_OFF(n) ((uint32_t)(offsetof(X86Cpu, regs) + 8 * (n)))
#define X86_XMM_OFF(n) ((uint32_t)(offsetof(X86Cpu, xmm) + 16 * (n)))
#define X86_SEG_BASE_OFF(s) ((uint32_t)(offsetof(X86Cpu, seg_base) + 8 * (s)))

/* Set the status flags to known values (C code outside generated code). */
static inline void x86_set_status_flags(X86Cpu *cpu, uint32_t flags)
{
    cpu->cc_op = X86_CC_EFLAGS;
    cpu->cc_src = flags & X86_STATUS_FLAGS;
}

/* The whole EFLAGS / replace the bits in `mask` of it (frontend/x86/flags.c). */
uint32_t x86_get_eflags(const X86Cpu *cpu);
void x86_put_eflags(X86Cpu *cpu, uint32_t value, uint32_t mask);

/* MXCSR with the host's pending exception flags folded in / replaced,
 * installing its rounding mode for the IR's float ops (frontend/x86/sse*.c). */
uint32_t x86_get_mxcsr(X86Cpu *cpu);
void x86_set_mxcsr(X86Cpu *cpu, uint32_t value);

/* The 512-byte FXSAVE image of the x87, MXCSR and XMM state, and back
 * (frontend/x86/fxsave.c): fxsave/fxrstor and the signal frames' FP state.
 * x86_fxrstor ignores MXCSR bits that are reserved (no #GP here). */
void x86_fxsave(X86Cpu *cpu, uint8_t out[512]);
void x86_fxrstor(X86Cpu *cpu, const uint8_t in[512]);

#endif
