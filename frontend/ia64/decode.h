/* frontend/ia64/decode.h — IA-64 bundles and instruction slots, the
 * per-unit form tables, the translation context and the generators every
 * handler shares (register renaming, predication, guest memory).
 *
 * A bundle is 128 bits, little-endian in memory:
 *
 *   127           87 86           46 45            5 4        0
 *  +---------------+---------------+---------------+----------+
 *  |    slot 2     |    slot 1     |    slot 0     | template |
 *  +---------------+---------------+---------------+----------+
 *
 * The template names the execution unit of each slot (M, I, F, B, or L+X
 * for the two-slot MLX pair) and where the instruction-group stops are.
 * Every slot is 41 bits:
 *
 *   40   37 36                                    6 5      0
 *  +-------+---------------------------------------+--------+
 *  | major |      opcode extension and operands    |   qp   |
 *  +-------+---------------------------------------+--------+
 *
 * Common operand fields: r1/p1/b1 at 6, r2 at 13, r3 at 20 (7 bits each),
 * p2 at 27. The meaning of the major opcode depends on the unit: majors
 * 8-15 on an M or I slot are the shared "A" (ALU) forms.
 *
 * Form rows: (units, mask, match) over the 41 bits (the major opcode is in
 * the mask), the mnemonic objdump prints, the operand layout for the
 * disassembler, and the handler. Rows live beside their handlers, one
 * table per family; the first matching row in table order wins.
 *
 * Predication: the translate loop wraps every handler in "if pr[qp] is 0,
 * skip" unless the row has IA64_F_OWN_QP (branches and unc-compares,
 * which act on a false predicate themselves).
 */
#ifndef MORPH_IA64_DECODE_H
#define MORPH_IA64_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/ia64/cpu.h"
#include "ir/ir.h"

/* ---- bundles and templates ------------------------------------------- */
typedef enum Ia64Unit {
    IA64_UNIT_M = 0,
    IA64_UNIT_I,
    IA64_UNIT_F,
    IA64_UNIT_B,
    IA64_UNIT_L, /* slot 1 of MLX: the immediate half of an L+X instruction */
    IA64_UNIT_X, /* slot 2 of MLX: the opcode half */
    IA64_NUNITS,
    IA64_UNIT_NONE = 0xff, /* reserved template */
} Ia64Unit;

enum {
    IA64_U_M = 1u << IA64_UNIT_M,
    IA64_U_I = 1u << IA64_UNIT_I,
    IA64_U_F = 1u << IA64_UNIT_F,
    IA64_U_B = 1u << IA64_UNIT_B,
    IA64_U_X = 1u << IA64_UNIT_X,
    IA64_U_A = IA64_U_M | IA64_U_I, /* ALU forms run on either */
};

typedef struct Ia64Template {
    uint8_t unit[3];   /* Ia64Unit per slot; IA64_UNIT_NONE: reserved template */
    uint8_t stops;     /* bit s: a stop (;;) follows slot s */
} Ia64Template;

extern const Ia64Template ia64_templates[32];

typedef struct Ia64Bundle {
    unsigned tmpl;      /* bits 4:0 */
    uint64_t slot[3];   /* 41 bits each */
} Ia64Bundle;

static inline void ia64_bundle_split(const uint8_t bytes[16], Ia64Bundle *b)
{
    uint64_t lo = 0, hi = 0;
    for (int i = 7; i >= 0; i--) {
        lo = lo << 8 | bytes[i];
        hi = hi << 8 | bytes[8 + i];
    }
    const uint64_t m41 = ((uint64_t)1 << 41) - 1;
    b->tmpl = lo & 31;
    b->slot[0] = (lo >> 5) & m41;
    b->slot[1] = (lo >> 46 | hi << 18) & m41;
    b->slot[2] = (hi >> 23) & m41;
}

/* ---- fields, in the manual's names ------------------------------------ */
static inline unsigned ia64_major(uint64_t i) { return (unsigned)(i >> 37) & 15; }
static inline unsigned ia64_qp(uint64_t i) { return (unsigned)i & 63; }
static inline unsigned ia64_r1(uint64_t i) { return (unsigned)(i >> 6) & 127; }
static inline unsigned ia64_r2(uint64_t i) { return (unsigned)(i >> 13) & 127; }
static inline unsigned ia64_r3(uint64_t i) { return (unsigned)(i >> 20) & 127; }
static inline unsigned ia64_p1(uint64_t i) { return (unsigned)(i >> 6) & 63; }
static inline unsigned ia64_p2(uint64_t i) { return (unsigned)(i >> 27) & 63; }
static inline unsigned ia64_b1(uint64_t i) { return (unsigned)(i >> 6) & 7; }
static inline unsigned ia64_b2(uint64_t i) { return (unsigned)(i >> 13) & 7; }
static inline unsigned ia64_bit(uint64_t i, unsigned pos) { return (unsigned)(i >> pos) & 1; }
static inline uint64_t ia64_field(uint64_t i, unsigned pos, unsigned len)
{
    return (i >> pos) & (((uint64_t)1 << len) - 1);
}
static inline int64_t ia64_sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}
/* imm8 of A3/A8/I27/M30: s(36) imm7b(13..19). */
static inline int64_t ia64_imm8(uint64_t i) { return ia64_sext(ia64_bit(i, 36) << 7 | ia64_field(i, 13, 7), 8); }
/* imm21 of break/nop: i(36) imm20a(6..25). */
static inline uint64_t ia64_imm21(uint64_t i) { return (uint64_t)ia64_bit(i, 36) << 20 | ia64_field(i, 6, 20); }
/* IP-relative target offset of B1/B3/chk: s(36) imm20b(13..32), x16. */
static inline int64_t ia64_target25(uint64_t i)
{
    return ia64_sext((uint64_t)ia64_bit(i, 36) << 20 | ia64_field(i, 13, 20), 21) * 16;
}

/* ---- operand layouts for the disassembler ------------------------------- */
typedef enum Ia64Operands {
    IA64_OPS_NONE,        /* mnemonic alone */
    IA64_OPS_R1_R2_R3,    /* r1=r2,r3 */
    IA64_OPS_R1_R2_R3_1,  /* r1=r2,r3,1 */
    IA64_OPS_R1_IMM8_R3,  /* r1=imm8,r3 */
    IA64_OPS_R1_IMM14_R3, /* r1=imm14,r3 */
    IA64_OPS_R1_IMM22_R3, /* r1=imm22,r3 (r3 is 2 bits) */
    IA64_OPS_R1_R2_CT_R3, /* r1=r2,count2,r3 (shladd) */
    IA64_OPS_P_R2_R3,     /* p1,p2=r2,r3 */
    IA64_OPS_P_R0_R3,     /* p1,p2=r0,r3 */
    IA64_OPS_P_IMM8_R3,   /* p1,p2=imm8,r3 */
    IA64_OPS_P_R3_POS,    /* p1,p2=r3,pos6 (tbit) */
    IA64_OPS_P_R3,        /* p1,p2=r3 (tnat) */
    IA64_OPS_R1_R3,       /* r1=r3 */
    IA64_OPS_R1_R2,       /* r1=r2 */
    IA64_OPS_R1_R2_R3_SH, /* r1=r2,r3 as shl: value r2, count r3 */
    IA64_OPS_R1_R3_R2,    /* r1=r3,r2 (shr: value r3, count r2) */
    IA64_OPS_R1_R3_POS_LEN,    /* extr r1=r3,pos6,len6 */
    IA64_OPS_R1_R2_POS_LEN,    /* dep.z r1=r2,pos6,len6 */
    IA64_OPS_R1_IMM8_POS_LEN,  /* dep.z r1=imm8,pos6,len6 */
    IA64_OPS_R1_IMM1_R3_POS_LEN, /* dep r1=imm1,r3,pos6,len6 */
    IA64_OPS_R1_R2_R3_POS_LEN4,  /* dep r1=r2,r3,pos6,len4 */
    IA64_OPS_R1_R2_R3_COUNT,     /* shrp r1=r2,r3,count6 */
    IA64_OPS_IMM21,       /* break/nop imm21 */
    IA64_OPS_IMM62,       /* break.x/nop.x imm62 */
    IA64_OPS_R1_IMM64,    /* movl r1=imm64 */
    IA64_OPS_LD,          /* r1=[r3] */
    IA64_OPS_LD_REG,      /* r1=[r3],r2 */
    IA64_OPS_LD_IMM,      /* r1=[r3],imm9 */
    IA64_OPS_ST,          /* [r3]=r2 */
    IA64_OPS_ST_IMM,      /* [r3]=r2,imm9 */
    IA64_OPS_CMPXCHG,     /* r1=[r3],r2,ar.ccv */
    IA64_OPS_XCHG,        /* r1=[r3],r2 */
    IA64_OPS_FETCHADD,    /* r1=[r3],inc3 */
    IA64_OPS_LD16,        /* r1,ar.csd=[r3] */
    IA64_OPS_ST16,        /* [r3]=r2,ar.csd */
    IA64_OPS_CMP8XCHG16,  /* r1=[r3],r2,ar.csd,ar.ccv */
    IA64_OPS_ALLOC,       /* r1=ar.pfs,i,l,o,r */
    IA64_OPS_TARGET,      /* IP-relative target */
    IA64_OPS_B1_TARGET,   /* b1=target */
    IA64_OPS_B2,          /* b2 */
    IA64_OPS_B1_B2,       /* b1=b2 */
    IA64_OPS_X_TARGET,    /* brl target */
    IA64_OPS_X_B1_TARGET, /* brl.call b1=target */
    IA64_OPS_BRP_TARGET,  /* brp target,tag */
    IA64_OPS_BRP_B2,      /* brp b2,tag */
    IA64_OPS_R1_AR3,      /* r1=ar3 */
    IA64_OPS_AR3_R2,      /* ar3=r2 */
    IA64_OPS_AR3_IMM8,    /* ar3=imm8 */
    IA64_OPS_R1_B2,       /* r1=b2 */
    IA64_OPS_B1_R2,       /* b1=r2 */
    IA64_OPS_R1_IP,       /* r1=ip */
    IA64_OPS_R1_CPUID_R3, /* r1=cpuid[r3] */
    IA64_OPS_R1_PR,       /* r1=pr */
    IA64_OPS_PR_R2_MASK,  /* pr=r2,mask17 */
    IA64_OPS_PR_ROT_IMM,  /* pr.rot=imm44 */
    IA64_OPS_R2_TARGET,   /* chk r2,target */
    IA64_OPS_R1,          /* invala.e r1 */
    IA64_OPS_R3,          /* lfetch [r3] (with its post-increment) */
    IA64_OPS_R3_PLAIN,    /* fc r3 */
    IA64_OPS_IMM24,       /* sum/rum imm24 */
    IA64_OPS_R1_UM,       /* r1=psr.um */
    IA64_OPS_UM_R2,       /* psr.um=r2 */
    IA64_OPS_F1_R2,       /* setf f1=r2 */
    IA64_OPS_R1_F2,       /* getf r1=f2 */
    IA64_OPS_MM_SHL_IMM,  /* pshl r1=r2,count5 */
    IA64_OPS_MM_SHR_IMM,  /* pshr r1=r3,count5 */
    IA64_OPS_MUX1,        /* mux1 r1=r2,@mbtype */
    IA64_OPS_MUX2,        /* mux2 r1=r2,mhtype8 */
    IA64_OPS_MM_PMPYSHR,  /* pmpyshr2 r1=r2,r3,count2 */
    IA64_OPS_OTHER,       /* the row's own text (FP unit rows) */
} Ia64Operands;

/* ---- translation --------------------------------------------------------- */
typedef struct Ia64Form Ia64Form;

typedef struct Ia64Ctx {
    IrBlock *ir;
    CpuCommon *cpu;
    uint64_t bundle;    /* address of the bundle being translated */
    unsigned slot;      /* slot of the instruction (1 for an L+X pair) */
    uint64_t insn;      /* the slot's 41 bits (X slot for L+X) */
    uint64_t imm41;     /* L+X: the L slot's 41 bits */
    Ia64Unit unit;
    const Ia64Form *form; /* the row being translated (its arg) */
    bool end_block;     /* set by a handler whose instruction ends the block */
    /* Renaming and byte order the block was translated for (tb_flags). */
    unsigned sor, rrb_gr, rrb_fr, rrb_pr;
    bool big_endian;
} Ia64Ctx;

/* false: the encoding is not valid for this form: illegal operation. */
typedef bool (*Ia64TranslateFn)(Ia64Ctx *ctx);

enum {
    IA64_F_OWN_QP = 1u << 0, /* the handler deals with the qualifying predicate */
};

struct Ia64Form {
    uint8_t units;        /* IA64_U_* where the form can appear */
    uint8_t flags;        /* IA64_F_* */
    uint8_t operands;     /* Ia64Operands */
    uint64_t mask, match; /* over the 41-bit slot, major opcode included */
    const char *name;     /* mnemonic with completers, as objdump prints it */
    Ia64TranslateFn translate;
    int32_t arg;          /* the handler's parameter (mm.c: the operation) */
};

/* One table per family; each ends with a row whose name is NULL. */
extern const Ia64Form ia64_alu_forms[];    /* A unit: add, logic, shladd, compares (alu.c) */
extern const Ia64Form ia64_ishift_forms[]; /* I unit: dep, extr, shifts, tbit, ext, popcnt (ishift.c) */
extern const Ia64Form ia64_branch_forms[]; /* B unit and brl (branch.c) */
extern const Ia64Form ia64_mem_forms[];    /* M unit: ld, st, atomics (mem.c) */
extern const Ia64Form ia64_sys_forms[];    /* nop, break, mov ar/br/pr, alloc, RSE, movl (sys.c) */
extern const Ia64Form ia64_mm_forms[];     /* parallel (multimedia) integer forms (mm.c) */
/* The floating-point unit's contract (fp*.c; fp_forms_placeholder.c
 * stands in until it exists):
 *  - it defines ia64_f_unit_forms[]: F-unit rows (units IA64_U_F; majors
 *    0-15 of the F slot; nop.f/break.f are already in ia64_sys_forms,
 *    which is searched first) and the M-unit FP memory rows (majors 6/7:
 *    ldf*, ldfp*, stf*, ldf.fill, stf.spill, setf.s/.d, getf.s/.d).
 *    setf.sig/.exp and getf.sig/.exp are in ia64_mem_forms (mem.c);
 *    lfetch is in mem.c too. Tables are searched in the order of
 *    translate.c's index, FP last: a row there never shadows an integer one.
 *  - register state: Ia64Cpu.fr[] (cpu.h: Ia64Fr format, NaTVal, f0/f1
 *    constant — writes to f0/f1 are illegal); a register name is
 *    resolved with ia64_fr_index(ctx, f) (rotation by CFM.rrb.fr), then
 *    IA64_FR_SIG_OFF/IA64_FR_SE_OFF give ld_env/st_env offsets.
 *  - status: ar.fpsr is Ia64Cpu.ar[IA64_AR_FPSR] (sf0-sf3 and traps);
 *    mov ar.fpsr (sys.c) only stores it: the FP unit that keeps the host
 *    rounding mode in step should ask for a hook there (one call after
 *    the store), and PSR.mfl/mfh (Ia64Cpu.um) are its to set.
 *  - predicate results (fcmp, fclass, frcpa, fprsqrta): ia64_set_pr /
 *    ia64_get_pr (rotation resolved), and for the compare write types
 *    ia64_gen_pred_write in alu.h; qp is handled by the translate loop
 *    unless the row has IA64_F_OWN_QP.
 *  - memory: ia64_gen_fold(ctx, addr) before every ir_ld/ir_st, with
 *    ia64_mo(ctx, size) for the byte order; post-increment rows update
 *    r3 with ia64_set_gr. An unimplemented encoding: return false. */
extern const Ia64Form ia64_f_unit_forms[];

/* The first row of any table that matches slot bits `insn` on `unit`. */
const Ia64Form *ia64_find_form(Ia64Unit unit, uint64_t insn);

/* ---- generators (translate.c) ---------------------------------------------
 * Register names are the instruction's (before rotation); each resolves
 * to a fixed gr[]/fr[]/pr[] index for this block's CFM. */
unsigned ia64_gr_index(const Ia64Ctx *ctx, unsigned r);
unsigned ia64_fr_index(const Ia64Ctx *ctx, unsigned f);
unsigned ia64_pr_index(const Ia64Ctx *ctx, unsigned p);
IrTemp ia64_get_gr(Ia64Ctx *ctx, unsigned r);            /* i64; r0 reads 0 */
IrTemp ia64_get_gr_nat(Ia64Ctx *ctx, unsigned r);        /* i32 0/1 */
void ia64_set_gr(Ia64Ctx *ctx, unsigned r, IrTemp v);    /* value, NaT cleared */
void ia64_set_gr_nat(Ia64Ctx *ctx, unsigned r, IrTemp v, IrTemp nat);
IrTemp ia64_get_pr(Ia64Ctx *ctx, unsigned p);            /* i32 0/1; p0 reads 1 */
void ia64_set_pr(Ia64Ctx *ctx, unsigned p, IrTemp v01);  /* p0: ignored */
IrTemp ia64_get_br(Ia64Ctx *ctx, unsigned b);
void ia64_set_br(Ia64Ctx *ctx, unsigned b, IrTemp v);
IrTemp ia64_imm(Ia64Ctx *ctx, int64_t v);                /* i64 constant */
/* M-unit post-increment of r3 (from base) by imm9 or r2 (mem.c). */
void ia64_post_increment(Ia64Ctx *ctx, IrTemp base, bool is_store);

/* The address in morph's window of guest address addr (ia64_fold as IR),
 * and the guest memory accesses built on it (byte order from PSR.be). */
IrTemp ia64_gen_fold(Ia64Ctx *ctx, IrTemp addr);
IrTemp ia64_gen_ld(Ia64Ctx *ctx, IrMemop size_sign, IrTemp addr);   /* i64 result */
void ia64_gen_st(Ia64Ctx *ctx, IrMemop size, IrTemp addr, IrTemp v);
IrMemop ia64_mo(const Ia64Ctx *ctx, IrMemop size_sign);

/* Predication inside an OWN_QP handler: a label that a false qp jumps
 * to (IA64_NO_LABEL when qp is p0), and where to place it. IR labels
 * count from 0, so "no label" is its own value. */
#define IA64_NO_LABEL ((IrLabel)UINT32_MAX)
IrLabel ia64_gen_qp_skip(Ia64Ctx *ctx);
void ia64_gen_qp_end(Ia64Ctx *ctx, IrLabel skip);

/* pc values */
static inline uint64_t ia64_this_pc(const Ia64Ctx *ctx) { return ia64_pc_make(ctx->bundle, ctx->slot); }
uint64_t ia64_next_pc(const Ia64Ctx *ctx); /* the instruction after this one */

/* Block exits: store pc and leave with an ExitReason. */
void ia64_set_pc_exit(Ia64Ctx *ctx, uint64_t pc, int reason);
void ia64_raise(Ia64Ctx *ctx, int reason);   /* at this instruction */
/* EXIT_ILLEGAL at this instruction with exception_code = si_code, the
 * code Linux reports with the SIGILL (linux-user/ia64 passes it on). */
void ia64_raise_illegal(Ia64Ctx *ctx, int si_code);
void ia64_illegal(Ia64Ctx *ctx);            /* log under -d unimp, ILL_ILLOPC */
/* End the block after this instruction (its effect changes tb_flags):
 * store the new tb_flags computed at run time from cfm/um, go on at next pc. */
void ia64_end_block_after(Ia64Ctx *ctx);
IrTemp ia64_gen_tb_flags(Ia64Ctx *ctx); /* i32 tb_flags of the current cfm/um */
/* tb_flags = flags; pc = target (i64); an indirect jump there. */
void ia64_store_tb_flags_then(Ia64Ctx *ctx, IrTemp flags, IrTemp target);

/* movl's 64-bit immediate from the X slot and the L slot (sys.c). */
uint64_t ia64_movl_imm(uint64_t insn, uint64_t imm41);

/* A multimedia operation's result (mm.c): `code` indexes its table. */
uint64_t ia64_mm_compute(unsigned code, uint64_t a, uint64_t b);

/* Branch target of chk.s / chk.a (mem.c). */
uint64_t ia64_chk_target(uint64_t insn, uint64_t bundle);

/* ---- NaT bits and deferred speculation -----------------------------------
 * Register NaT Consumption (translate.c): an instruction that must not
 * consume a NaT (a non-speculative access's address, a stored value)
 * faults when GR ra or rb is NaT (0: no register); Linux reports SIGILL
 * with ILL_ILLOPN. The block goes on when neither is. */
void ia64_gen_nat_check(Ia64Ctx *ctx, unsigned ra, unsigned rb);
/* A run-time fault: EXIT_ILLEGAL with si_code at this instruction when
 * `a cond b`; the block goes on otherwise. */
void ia64_gen_illegal_if(Ia64Ctx *ctx, IrCond cond, IrTemp a, IrTemp b, int si_code);

/* A load form (ld, ldf, ldfp) is speculative (.s, .sa) when x6 bits
 * 35:32 are 1 or 3. */
static inline bool ia64_mem_is_speculative(uint64_t insn)
{
    unsigned kind = (unsigned)ia64_field(insn, 32, 4);
    return kind == 1 || kind == 3;
}

/* A speculative load whose address register r3 is NaT jumps to the
 * returned label, where the caller writes NaT / NaTVal; otherwise it goes
 * on to load (an access that faults is deferred by ia64_defer_load_fault,
 * spec.c). */
IrLabel ia64_gen_spec_defer(Ia64Ctx *ctx, unsigned r3);

/* Translation entry and disassembly (translate.c, disas.c). */
struct TranslateCtx;
void ia64_translate(struct TranslateCtx *tc);
size_t ia64_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen);
/* One slot as text ("add r1=r2,r3"); L+X pairs take the L slot in imm41. */
void ia64_disas_slot(Ia64Unit unit, uint64_t insn, uint64_t imm41, uint64_t bundle, char *out,
                     size_t outlen);

#endif
