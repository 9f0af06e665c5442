/* frontend/ia64/cpu.h — the IA-64 (Itanium) guest CPU state, the block-key
 * flags, and the region folding of guest addresses into morph's window.
 *
 * Instruction pointer
 *   Bundles are 16 bytes, 16-byte aligned, so the low 4 bits of an IP are
 *   free: common.pc = bundle address | slot (0, 1 or 2). The slot to
 *   restart at is therefore part of the pc (and of the block key), and a
 *   fault's precise pc (insn_start) names the slot too. An architectural
 *   IP is ia64_pc_bundle(pc), PSR.ri is ia64_pc_slot(pc).
 *
 * General registers and the register stack
 *   gr[0..31] are the static registers (gr[0] is always 0). gr[32..127]
 *   hold the stacked registers of the *current frame* in physical order:
 *   gr[32 + k] is the frame's k-th register before rotation. The
 *   translator resolves rotation (CFM.sor, CFM.rrb.gr, from tb_flags) to a
 *   fixed gr[] index, so every GR access is one ld_env/st_env.
 *   The frames of callers are not kept in host-side storage: br.call
 *   writes the caller's locals to the backing store in guest memory at
 *   ar.bsp at once (an "eager" RSE, which the architecture allows), and
 *   br.ret reads them back; so ar.bspstore == ar.bsp always (no dirty
 *   partition), flushrs has nothing to do, and recursion is bounded by
 *   guest memory only. NaT bits of spilled registers collect in ar.rnat
 *   and in the RNAT slots (address bits 8:3 all ones) as the manual says.
 *   grnat[n] is 0 or 1: the NaT bit of gr[n].
 *
 * Floating-point registers (82 bits)
 *   Ia64Fr holds one register in the register-file format:
 *     significand: the 64-bit significand, explicit integer bit 63
 *     sign_exp:    bit 17 sign, bits 16:0 biased exponent (bias 0xffff)
 *   f0 = +0.0 {0, 0}; f1 = +1.0 {1 << 63, 0xffff}; NaTVal is
 *   {0, 0x1fffe} (a pseudo-zero with exponent 0x1fffe). An integer moved
 *   in by setf.sig is {value, 0x1003e}. fr[32..127] are stored like gr[]:
 *   physical order, rotation (CFM.rrb.fr) resolved at translation time.
 *
 * Predicates: pr[n] is 0 or 1; pr[0] is always 1. pr[16..63] rotate by
 *   CFM.rrb.pr, resolved at translation time like the registers.
 *
 * Application registers: ar[n] by AR number (IA64_AR_*). ar.bsp and
 *   ar.bspstore are kept as said above; ar.itc reads the host clock.
 *
 * CFM is kept in its architected layout (also PFS.pfm's): IA64_CFM_*.
 */
#ifndef MORPH_IA64_CPU_H
#define MORPH_IA64_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/cpu.h"

/* ---- the instruction pointer ---------------------------------------- */
static inline uint64_t ia64_pc_bundle(uint64_t pc) { return pc & ~(uint64_t)15; }
static inline unsigned ia64_pc_slot(uint64_t pc) { return (unsigned)(pc & 3); }
static inline uint64_t ia64_pc_make(uint64_t bundle, unsigned slot) { return bundle | slot; }

/* ---- floating-point register format ----------------------------------- */
typedef struct Ia64Fr {
    uint64_t significand;  /* explicit integer bit at bit 63 */
    uint32_t sign_exp;     /* bit 17: sign; bits 16:0: exponent biased by 0xffff */
    uint32_t pad;          /* always 0; keeps the struct 16 bytes */
} Ia64Fr;

enum {
    IA64_FR_EXP_BIAS = 0xffff,
    IA64_FR_EXP_MASK = 0x1ffff,
    IA64_FR_SIGN = 1u << 17,
    IA64_FR_NATVAL_EXP = 0x1fffe,  /* NaTVal: significand 0, this exponent, sign 0 */
    IA64_FR_INTEGER_EXP = 0x1003e, /* setf.sig: value as significand, 2^63 scale */
};

/* ---- application registers (by AR number) ------------------------------ */
enum {
    IA64_AR_KR0 = 0,   /* kernel registers 0-7: read-only to user code */
    IA64_AR_RSC = 16,
    IA64_AR_BSP = 17,
    IA64_AR_BSPSTORE = 18,
    IA64_AR_RNAT = 19,
    IA64_AR_FCR = 21,  /* IA-32 support registers 21-30: plain storage */
    IA64_AR_EFLAG = 24,
    IA64_AR_CSD = 25,
    IA64_AR_SSD = 26,
    IA64_AR_CFLG = 27,
    IA64_AR_FSR = 28,
    IA64_AR_FIR = 29,
    IA64_AR_FDR = 30,
    IA64_AR_CCV = 32,
    IA64_AR_UNAT = 36,
    IA64_AR_FPSR = 40,
    IA64_AR_ITC = 44,
    IA64_AR_RUC = 45,
    IA64_AR_PFS = 64,
    IA64_AR_LC = 65,
    IA64_AR_EC = 66,
    IA64_NAR = 128,
};

/* ---- CFM (and PFS.pfm) fields ------------------------------------------ */
enum {
    IA64_CFM_SOF_SHIFT = 0,     /* 7 bits: size of frame */
    IA64_CFM_SOL_SHIFT = 7,     /* 7 bits: size of locals */
    IA64_CFM_SOR_SHIFT = 14,    /* 4 bits: size of rotating region / 8 */
    IA64_CFM_RRB_GR_SHIFT = 18, /* 7 bits */
    IA64_CFM_RRB_FR_SHIFT = 25, /* 7 bits */
    IA64_CFM_RRB_PR_SHIFT = 32, /* 6 bits */
    IA64_CFM_BITS = 38,
    IA64_PFS_PEC_SHIFT = 52,    /* 6 bits: previous epilogue count */
    IA64_PFS_PPL_SHIFT = 62,    /* 2 bits: previous privilege level */
};
static inline unsigned ia64_cfm_sof(uint64_t cfm) { return cfm & 0x7f; }
static inline unsigned ia64_cfm_sol(uint64_t cfm) { return (cfm >> 7) & 0x7f; }
static inline unsigned ia64_cfm_sor(uint64_t cfm) { return ((cfm >> 14) & 0xf) * 8; } /* in registers */
static inline unsigned ia64_cfm_rrb_gr(uint64_t cfm) { return (cfm >> 18) & 0x7f; }
static inline unsigned ia64_cfm_rrb_fr(uint64_t cfm) { return (cfm >> 25) & 0x7f; }
static inline unsigned ia64_cfm_rrb_pr(uint64_t cfm) { return (cfm >> 32) & 0x3f; }

/* ---- the block key (CpuCommon.tb_flags) ---------------------------------
 * What changes the meaning of a block's code beyond its pc (which holds
 * the starting slot):
 *   bits 0-23  CFM bits 14-37: sor, rrb.gr, rrb.fr, rrb.pr — they decide
 *              which gr[]/fr[]/pr[] entry a rotating register name means
 *   bit  24    PSR.be: data accesses are big-endian
 * CFM.sof/sol are not keyed: instructions that need them (alloc, br.call,
 * br.ret, cover) read CFM at run time; an access past sof is not checked.
 * Every instruction that changes a keyed field ends its block and stores
 * the new tb_flags (ia64_tb_flags_of). */
enum { IA64_TBF_CFM_MASK = 0xffffff, IA64_TBF_BE = 1u << 24 };

static inline uint32_t ia64_tb_flags_of(uint64_t cfm, unsigned psr_be)
{
    return (uint32_t)((cfm >> IA64_CFM_SOR_SHIFT) & IA64_TBF_CFM_MASK) | (psr_be ? IA64_TBF_BE : 0);
}

/* ---- user mask (PSR.um) ----------------------------------------------- */
enum {
    IA64_UM_BE = 1u << 1,  /* big-endian data */
    IA64_UM_UP = 1u << 2,  /* user performance monitors */
    IA64_UM_AC = 1u << 3,  /* alignment check (not enforced) */
    IA64_UM_MFL = 1u << 4, /* f2-f31 written */
    IA64_UM_MFH = 1u << 5, /* f32-f127 written */
    IA64_UM_MASK = 0x3e,
};

typedef struct Ia64Cpu {
    CpuCommon common;          /* must be first; pc = bundle | slot */
    uint64_t gr[128];          /* r0-r31 static, gr[32..] current frame (see above) */
    uint32_t grnat[128];       /* NaT bit of each gr[], 0 or 1 */
    uint32_t pr[64];           /* predicates, 0 or 1; pr[0] == 1 */
    uint64_t br[8];            /* branch registers b0-b7 */
    uint64_t ar[IA64_NAR];     /* application registers by number */
    uint64_t cfm;              /* current frame marker, architected layout */
    uint32_t um;               /* PSR user mask bits (IA64_UM_*) */
    uint32_t pad0;
    Ia64Fr fr[128];            /* FP registers (owned by the FP unit, fp*.c) */
    uint64_t itc_base;         /* host time at reset, for ar.itc */
    uint64_t fp_scratch[8];    /* room for FP helpers' temporaries */
} Ia64Cpu;

#define IA64_OFF(field) ((uint32_t)offsetof(Ia64Cpu, field))
#define IA64_GR_OFF(n) ((uint32_t)(offsetof(Ia64Cpu, gr) + 8 * (n)))
#define IA64_GRNAT_OFF(n) ((uint32_t)(offsetof(Ia64Cpu, grnat) + 4 * (n)))
#define IA64_PR_OFF(n) ((uint32_t)(offsetof(Ia64Cpu, pr) + 4 * (n)))
#define IA64_BR_OFF(n) ((uint32_t)(offsetof(Ia64Cpu, br) + 8 * (n)))
#define IA64_AR_OFF(n) ((uint32_t)(offsetof(Ia64Cpu, ar) + 8 * (n)))
#define IA64_FR_SIG_OFF(n) ((uint32_t)(offsetof(Ia64Cpu, fr) + 16 * (n)))
#define IA64_FR_SE_OFF(n) ((uint32_t)(offsetof(Ia64Cpu, fr) + 16 * (n) + 8))

/* ---- guest addresses: regions folded into morph's window ------------------
 * An IA-64 address is a 3-bit region number (bits 63:61) and a 61-bit
 * offset. morph gives a 64-bit guest a window of 2^40 bytes (1 TiB,
 * CpuCommon.guest_addr_fault_mask = ~(2^40 - 1)); region r gets slice r
 * of it, 2^37 bytes (128 GiB) each:
 *
 *   guest  r:3 | offset:61           window  offset[60:37] | r:3 | offset[36:0]
 *
 * So an offset below 2^37 lands in its region's slice, and an offset with
 * any of bits 60:37 set yields a folded address with a bit >= 40 set,
 * which the backend's address check faults on (SIGSEGV) without touching
 * memory. Region 0 below 2^37 folds to itself. The fold is a bijection;
 * ia64_unfold gives the guest address back (for si_addr, syscalls
 * that return addresses, mmap placement). Every guest data access and
 * every code fetch goes through ia64_fold; the frontend emits it as IR
 * (ia64_gen_fold in decode.h) and helpers call it directly. */
enum { IA64_REGION_SHIFT = 61, IA64_SLICE_BITS = 37, IA64_WINDOW_BITS = 40 };

static inline uint64_t ia64_fold(uint64_t addr)
{
    uint64_t low = addr & (((uint64_t)1 << IA64_SLICE_BITS) - 1);
    uint64_t region = addr >> IA64_REGION_SHIFT;
    uint64_t high = (addr << 3) & ~(((uint64_t)1 << IA64_WINDOW_BITS) - 1);
    return high | region << IA64_SLICE_BITS | low;
}

static inline uint64_t ia64_unfold(uint64_t folded)
{
    uint64_t low = folded & (((uint64_t)1 << IA64_SLICE_BITS) - 1);
    uint64_t region = (folded >> IA64_SLICE_BITS) & 7;
    uint64_t high = (folded >> IA64_WINDOW_BITS) << IA64_SLICE_BITS;
    return region << IA64_REGION_SHIFT | high | low;
}

/* A memory fault at cpu->pc: if the instruction there is a speculative
 * load, complete it as deferred (NaT / NaTVal targets, base update) with
 * pc at the next instruction and return true, as Linux's eager deferral
 * does; false for any other instruction (spec.c). */
bool ia64_defer_load_fault(CpuCommon *cpu);

/* The Linux gate: `break 0x100000` is a system call. */
enum { IA64_BREAK_SYSCALL = 0x100000 };

#endif
