/* frontend/ppc/decode.h — the PowerPC instruction-form tables and the
 * translation context their handlers share.
 *
 *  0     5 6    10 11   15 16   20 21        30 31
 * +-------+-------+-------+-------+------------+--+
 * | OPCD  |  RT   |  RA   |  RB   |     XO     |Rc|   X / XO form
 * +-------+-------+-------+-------+------------+--+
 * | OPCD  |  RT   |  RA   |          D (16)       |   D form
 * +-------+-------+-------+-----------------------+
 * (IBM bit numbering: bit 0 is the most significant.)
 *
 * Each table row is one instruction form: (mask, match) select it, the
 * handler emits IR for it. Tables live beside the handlers of one family
 * (integer, branch, load/store, FP) and are all searched, indexed by the
 * primary opcode.
 */
#ifndef MORPH_PPC_DECODE_H
#define MORPH_PPC_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/ppc/cpu.h"
#include "ir/ir.h"

typedef struct PpcCtx {
    IrBlock *ir;
    CpuCommon *cpu;
    uint64_t pc;       /* address of the instruction being translated */
    uint32_t insn;     /* its encoding */
    bool end_block;    /* set by a handler whose instruction ends the block */
    /* The mode the block was translated for (tb_flags); a zeroed PpcCtx is
     * the 32-bit big-endian guest. */
    bool sf;           /* 64-bit mode: GPRs, LR, CTR, addresses are i64 */
    bool le;           /* little-endian storage */
    IrType gty;        /* type of a GPR value: IR_I64 when sf, else IR_I32 */
    /* System mode (PPC_TBF_BOOKE): a Book E cpu in problem state (pr) or
     * not; data accesses use memory index mmu_idx (0 in user mode). */
    bool booke;
    bool pr;
    unsigned mmu_idx;
    /* The compare that last set each CR field in this block, so a branch
     * on its LT/GT/EQ bit tests the operands directly (ppc_cr_compare). */
    struct PpcCrCompare {
        IrTemp a, b;     /* 0: none */
        bool is_signed;
        uint32_t after;  /* IR index just after the CR store */
    } cr_cmp[8];
    /* A forward conditional branch left through goto_tb slot 1 and the
     * block went on with its not-taken way (branch.c). */
    bool side_exit;
    /* A run of register-only FP instructions (fp_run.c): their FPR results
     * and FP record stay in temps until one test of their rare cases; a
     * rare case leaves to redo the run in a PPC_TBF_FP_EXACT block. */
    bool fp_exact;        /* this is such a block: no runs */
    struct PpcFpRun {
        unsigned members; /* 0: no run open */
        uint64_t start;   /* pc of its first instruction */
        IrTemp fpr[32];   /* FPR values held back (f64); 0: none */
        IrTemp rare;      /* i32, nonzero: redo the run exactly; 0: no test yet */
        IrTemp untested;  /* an f64 result whose NaN test waits for a partner */
        bool rec_held;    /* the FP record held back: */
        uint32_t rec;
        IrTemp opnd[3];
    } fp_run;
} PpcCtx;

/* Returns false if the encoding is invalid for this form (reserved bits
 * set, invalid register combination): the instruction is then illegal. */
typedef bool (*PpcTranslateFn)(PpcCtx *ctx);

typedef struct PpcInsnForm {
    uint32_t mask, match;
    const char *name;
    PpcTranslateFn translate;
} PpcInsnForm;

/* One table per family; each ends with a row whose name is NULL. */
extern const PpcInsnForm ppc_int_forms[];    /* arithmetic, logical, rotate, compare, CR, SPR */
extern const PpcInsnForm ppc_branch_forms[]; /* b, bc, bclr, bcctr, sc, tw, twi */
extern const PpcInsnForm ppc_mem_forms[];    /* loads/stores, string, atomic, cache, sync */
extern const PpcInsnForm ppc_fp_forms[];     /* the classic FPU */
extern const PpcInsnForm ppc_vmx_mem_forms[];  /* VMX loads/stores, lvsl/lvsr, VSCR (vmx_mem.c) */
extern const PpcInsnForm ppc_vmx_int_forms[];  /* VMX integer and logical (vmx_int.c) */
extern const PpcInsnForm ppc_vmx_perm_forms[]; /* VMX splats, merges, permutes, packs (vmx_perm.c) */
extern const PpcInsnForm ppc_vmx_fp_forms[];   /* VMX single-precision float (vmx_fp.c) */
extern const PpcInsnForm ppc_vsx_mem_forms[];  /* VSX loads/stores, moves, logical, permutes (vsx.c) */
extern const PpcInsnForm ppc_vsx_fp_forms[];   /* VSX floating point (vsx_fp.c) */
extern const PpcInsnForm ppc_int64_forms[];  /* 64-bit rotates, shifts, mul/div, mod (int64.c) */
extern const PpcInsnForm ppc_booke_forms[];  /* Book E privileged forms, SPE (booke.c; system mode) */

/* Fields, in the manual's names. */
static inline unsigned ppc_opcd(uint32_t i) { return i >> 26; }
static inline unsigned ppc_rt(uint32_t i) { return (i >> 21) & 31; }
static inline unsigned ppc_rs(uint32_t i) { return (i >> 21) & 31; }
static inline unsigned ppc_ra(uint32_t i) { return (i >> 16) & 31; }
static inline unsigned ppc_rb(uint32_t i) { return (i >> 11) & 31; }
static inline unsigned ppc_rc_field(uint32_t i) { return (i >> 6) & 31; } /* FRC in A-form */
static inline bool ppc_rc(uint32_t i) { return i & 1; }
static inline bool ppc_oe(uint32_t i) { return (i >> 10) & 1; }
static inline int32_t ppc_d(uint32_t i) { return (int16_t)(i & 0xffff); }
static inline uint32_t ppc_ui(uint32_t i) { return i & 0xffff; }
static inline unsigned ppc_crfd(uint32_t i) { return (i >> 23) & 7; }
static inline unsigned ppc_crfs(uint32_t i) { return (i >> 18) & 7; }

/* Shared code generators (frontend/ppc/translate.c). */
IrTemp ppc_gpr(PpcCtx *ctx, unsigned n);                 /* rN as ctx->gty */
void ppc_set_gpr(PpcCtx *ctx, unsigned n, IrTemp v);     /* rN = v (ctx->gty) */
IrTemp ppc_ea_d(PpcCtx *ctx);                            /* (RA|0) + D */
IrTemp ppc_ea_x(PpcCtx *ctx);                            /* (RA|0) + RB */
void ppc_set_cr(PpcCtx *ctx, unsigned field, IrTemp v4); /* CR[field] = i32 v (0..15) */
IrTemp ppc_get_cr(PpcCtx *ctx, unsigned field);
/* If CR bit `bit` (0..31) still holds a compare of this block, the IR
 * condition that is that bit's value on *a, *b; else false. */
bool ppc_cr_compare(const PpcCtx *ctx, unsigned bit, IrCond *cond, IrTemp *a, IrTemp *b);
/* End the block: pc = this instruction, leave with `reason`. */
void ppc_raise(PpcCtx *ctx, int reason);
/* Log under -d unimp and raise EXIT_ILLEGAL. */
void ppc_illegal(PpcCtx *ctx);
/* Width and byte order (frontend/ppc/translate.c). */
IrTemp ppc_imm(PpcCtx *ctx, int64_t v);                  /* constant of the GPR type */
IrTemp ppc_to_i32(PpcCtx *ctx, IrTemp v);                /* low 32 bits of a GPR value */
IrTemp ppc_from_i32(PpcCtx *ctx, IrTemp v, bool sign);   /* i32 -> GPR type */
IrTemp ppc_ea_ds(PpcCtx *ctx);                           /* (RA|0) + DS << 2 (DS form) */
IrMemop ppc_mo(PpcCtx *ctx, IrMemop size_sign);          /* access in guest byte order, mmu_idx */
IrMemop ppc_mo_rev(PpcCtx *ctx, IrMemop size_sign);      /* byte-reversed access */

#endif
