/* frontend/x86/decode.h — the x86 instruction-form tables, the decoded
 * instruction, and the translation context their handlers share.
 *
 *   [prefixes] [REX] opcode (1B | 0F xx | 0F 38 xx | 0F 3A xx) [ModRM [SIB] [disp]] [imm]
 *
 * Each table row is one instruction form as the manual's opcode maps list
 * it: (map, opcode range, mandatory prefix, ModRM.reg, mod, ModRM.rm)
 * select it, its immediate kind tells the decoder how long it is, and its
 * handler emits IR. Tables live beside the handlers of one family
 * (integer, x87, SSE) and are all indexed by (map, opcode); when several
 * rows match, the most specific one (a mandatory prefix, a reg, an rm, a
 * mod restriction given) wins.
 */
#ifndef MORPH_X86_DECODE_H
#define MORPH_X86_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frontend/x86/cpu.h"
#include "ir/ir.h"

/* Opcode maps. */
enum { X86_MAP_1B, X86_MAP_0F, X86_MAP_0F38, X86_MAP_0F3A, X86_NMAPS };

/* Prefix bits (X86Insn.pfx). */
enum {
    X86_PFX_LOCK = 1u << 0,
    X86_PFX_REP = 1u << 1,    /* F3 */
    X86_PFX_REPNE = 1u << 2,  /* F2 */
    X86_PFX_OPSIZE = 1u << 3, /* 66 */
    X86_PFX_ADSIZE = 1u << 4, /* 67 */
};

/* Mandatory prefix of an SSE form (X86Form.mp, X86Insn.mp). A form with
 * X86_MP_ANY ignores 66/F2/F3 for selection (integer forms: they are
 * operand size and rep prefixes there). */
enum { X86_MP_ANY, X86_MP_NONE, X86_MP_66, X86_MP_F3, X86_MP_F2 };

/* Row flags (X86Form.flags). */
enum {
    X86_FM_MODRM = 1u << 0, /* a ModRM byte follows the opcode */
    X86_FM_MEM = 1u << 1,   /* only with a memory operand (mod != 3) */
    X86_FM_REG = 1u << 2,   /* only with a register operand (mod == 3) */
    X86_FM_NO64 = 1u << 3,  /* invalid in 64-bit mode */
    X86_FM_ONLY64 = 1u << 4,/* only in 64-bit mode */
    X86_FM_LOCK = 1u << 5,  /* LOCK allowed (with a memory operand); else LOCK is #UD */
    X86_FM_D64 = 1u << 6,   /* 64-bit mode: operand size 64 by default, 16 with 66 (push, pop, ...) */
    X86_FM_F64 = 1u << 7,   /* 64-bit mode: operand size always 64 (near branches) */
};

/* Immediate kinds (X86Form.imm). The decoder sign-extends every immediate
 * to 64 bits except X86_IMM_ADDR, X86_IMM_IW and X86_IMM_IW_IB, which are
 * zero-extended; handlers wanting an unsigned ib mask it. */
enum {
    X86_IMM_NONE,
    X86_IMM_IB,     /* 8 bits */
    X86_IMM_IW,     /* 16 bits (ret iw) */
    X86_IMM_IZ,     /* 16 bits with operand size 16, else 32 */
    X86_IMM_IV,     /* operand size: 16, 32 or 64 bits (mov r, imm64) */
    X86_IMM_IW_IB,  /* enter: imm = iw, imm2 = ib */
    X86_IMM_ADDR,   /* moffs: address size (mov al, [moffs]) */
    X86_IMM_PTR,    /* far pointer: imm = offset (16/32 by operand size), imm2 = selector */
};

typedef struct X86Insn {
    uint64_t pc, next_pc;     /* this instruction and the one after it */
    uint8_t len;
    uint8_t map, opcode;      /* X86_MAP_*, the opcode byte in that map */
    uint8_t pfx;              /* X86_PFX_* seen */
    uint8_t mp;               /* X86_MP_* this instruction carries (last of F2/F3, else 66, else NONE) */
    int8_t seg;               /* segment override (X86_ES..X86_GS), -1 none */
    uint8_t rex;              /* the REX byte, 0 if none */
    uint8_t opsize;           /* operand size in bytes for a non-byte form: 2, 4 or 8 */
    uint8_t adsize;           /* address size in bytes: 2, 4 or 8 */
    uint8_t modrm;            /* the raw ModRM byte (valid when the row has X86_FM_MODRM) */
    uint8_t mod;              /* ModRM.mod */
    uint8_t reg;              /* ModRM.reg with REX.R (0..15) */
    uint8_t rm;               /* mod == 3: ModRM.rm with REX.B (0..15) */
    /* mod != 3: the memory operand = seg base + base + index * scale + disp */
    int8_t base;              /* register with REX.B, -1 none, X86_BASE_RIP */
    int8_t index;             /* register with REX.X, -1 none */
    uint8_t scale;            /* 1, 2, 4, 8 */
    int64_t disp;
    int64_t imm, imm2;
    const struct X86Form *form;
} X86Insn;

enum { X86_BASE_RIP = -2 };

/* true when the REX.W bit is set. */
static inline bool x86_rex_w(const X86Insn *in) { return in->rex & 8; }
static inline bool x86_has_mem(const X86Insn *in) { return in->mod != 3; }

typedef struct X86Ctx {
    IrBlock *ir;
    CpuCommon *cpu;
    uint64_t pc;              /* of the instruction being translated */
    bool end_block;           /* set by a handler whose instruction ends the block */
    bool long_mode;           /* X86_TBF_LONG */
    bool cs32;                /* X86_TBF_CS32 */
    IrType aty;               /* type of an address value: IR_I64 in 64-bit mode, else IR_I32 */
    /* System mode (X86_TBF_SYS, frontend/x86/sys.h); all zero in user mode. */
    bool sys;
    bool addseg;              /* X86_TBF_ADDSEG: DS/ES/SS (and CS) bases are added */
    bool ss32;                /* X86_TBF_SS32: 32-bit stack pointer (outside 64-bit mode) */
    unsigned cpl;             /* the current privilege level */
    uint32_t mem_idx;         /* IrMemop bits of the memory index (IR_MO_IDX) */
    uint64_t cs_base;         /* CS.base: pc is linear, rIP = pc - cs_base */
    /* Lazy flags inside this block (frontend/x86/flags.c): the cc_op the
     * instructions so far have certainly set (-1: unknown, set by an
     * earlier block) and the temps holding the record they stored. */
    int cc_op;
    IrTemp cc_dst, cc_src, cc_src2;
} X86Ctx;

/* Emit IR for one instruction; false if the encoding is invalid for this
 * form (#UD: the instruction is then illegal and nothing it emitted stays). */
typedef bool (*X86TranslateFn)(X86Ctx *ctx, const X86Insn *in);

typedef struct X86Form {
    uint8_t map, opcode;
    uint8_t count;            /* opcodes opcode .. opcode + count - 1 (0 means 1): 50+r, Jcc */
    uint8_t mp;               /* X86_MP_* */
    int8_t reg;               /* ModRM.reg (0..7, before REX) it needs, -1 any */
    int8_t rm;                /* ModRM.rm (0..7, before REX) it needs with mod == 3, -1 any */
    uint8_t flags;            /* X86_FM_* */
    uint8_t imm;              /* X86_IMM_* */
    const char *name;
    X86TranslateFn translate;
} X86Form;

/* One table per family; each ends with a row whose name is NULL. */
extern const X86Form x86_int_forms[];   /* general-purpose ISA (int*.c) */
extern const X86Form x86_x87_forms[];   /* x87 (x87*.c) */
extern const X86Form x86_sse_forms[];   /* SSE..SSE4.2 and MMX (sse*.c) */

/* ---- shared generators (frontend/x86/translate.c) ------------------- */

/* Registers. size 1, 2, 4 or 8 bytes; values of size <= 4 are i32 (zero-
 * extended), size 8 is i64. Byte registers 4..7 without a REX prefix are
 * AH, CH, DH, BH. A 4-byte write zero-extends into the 64-bit register;
 * 1- and 2-byte writes keep the other bits. */
IrTemp x86_get_reg(X86Ctx *ctx, const X86Insn *in, unsigned reg, unsigned size);
void x86_set_reg(X86Ctx *ctx, const X86Insn *in, unsigned reg, unsigned size, IrTemp v);
static inline IrType x86_type(unsigned size) { return size == 8 ? IR_I64 : IR_I32; }

/* The memory operand's address (segment base, address size applied), of
 * type ctx->aty. Only for mod != 3. */
IrTemp x86_ea(X86Ctx *ctx, const X86Insn *in);
/* Its offset in the segment alone (lea). */
IrTemp x86_ea_offset(X86Ctx *ctx, const X86Insn *in);
/* offset (of the address size's width, in ctx->aty) in segment `seg`
 * (overridden by the instruction's prefix when it has one and
 * `overridable`): string operands, xlat, moffs. */
IrTemp x86_seg_addr(X86Ctx *ctx, const X86Insn *in, int seg, bool overridable, IrTemp offset);
/* Little-endian guest memory of `size` bytes, as x86_get_reg's types. */
IrTemp x86_ld(X86Ctx *ctx, IrTemp addr, unsigned size);
IrTemp x86_lds(X86Ctx *ctx, IrTemp addr, unsigned size, IrType type); /* sign-extended */
void x86_st(X86Ctx *ctx, IrTemp addr, unsigned size, IrTemp v);
/* The IrMemop of a `size`-byte access with the block's memory index. */
IrMemop x86_memop(const X86Ctx *ctx, unsigned size);
/* The r/m operand: register in->rm, or memory at x86_ea. */
IrTemp x86_get_rm(X86Ctx *ctx, const X86Insn *in, unsigned size);
void x86_set_rm(X86Ctx *ctx, const X86Insn *in, unsigned size, IrTemp v);

IrTemp x86_const(X86Ctx *ctx, unsigned size, uint64_t v); /* constant of x86_type(size) */
IrTemp x86_addr_const(X86Ctx *ctx, uint64_t v);           /* constant of ctx->aty */

/* Code addresses: pc values are linear (CS.base + rIP; user mode's CS.base
 * is 0). x86_ip_wrap wraps a linear target's rIP to `size` bytes (16-bit
 * code wraps IP at 64 KiB); x86_ip_of gives rIP of a linear pc as a
 * constant of `size`; x86_linear_pc turns an rIP temp into the i64 pc. */
uint64_t x86_ip_wrap(const X86Ctx *ctx, uint64_t linear, unsigned size);
IrTemp x86_ip_of(X86Ctx *ctx, uint64_t linear, unsigned size);
IrTemp x86_linear_pc(X86Ctx *ctx, IrTemp ip);

/* Block ends. */
void x86_set_pc_exit(X86Ctx *ctx, uint64_t pc, int reason); /* pc = pc; exit(reason) */
void x86_raise(X86Ctx *ctx, int reason);                    /* pc = this instruction; exit */
void x86_illegal(X86Ctx *ctx, const X86Insn *in);           /* log under -d unimp; #UD */
void x86_jump_const(X86Ctx *ctx, unsigned slot, uint64_t target); /* goto_tb; ends the block */
void x86_jump(X86Ctx *ctx, IrTemp target);                  /* goto_ptr; ends the block */

/* ---- lazy flags (frontend/x86/flags.c) ------------------------------ */
/* Condition code cc (0..15 as in Jcc/SETcc/CMOVcc: O NO B AE E NE BE A S
 * NS P NP L GE LE G) as an i32 0/1. */
IrTemp x86_gen_cond(X86Ctx *ctx, unsigned cc);
/* The six status flags at their EFLAGS positions (i32). */
IrTemp x86_gen_status_flags(X86Ctx *ctx);
/* Set the status flags to the bits of an i32 (others ignored). */
void x86_gen_set_status_flags(X86Ctx *ctx, IrTemp flags);

/* translate.c, the entry point GuestArch uses. */
struct TranslateCtx;
void x86_translate(struct TranslateCtx *tc);

/* decode.c: one instruction at pc from bytes[0..len). SHORT: it runs past
 * len (and len < 15, the longest instruction): more bytes are needed;
 * INVALID: no form matches (or longer than 15 bytes, a misplaced LOCK,
 * a VEX encoding). On OK, in->form is the selected row. */
typedef enum X86DecodeResult { X86_DECODE_OK, X86_DECODE_SHORT, X86_DECODE_INVALID } X86DecodeResult;
X86DecodeResult x86_decode(uint64_t pc, const uint8_t *bytes, size_t len, bool long_mode, bool cs32,
                           X86Insn *in);

#endif
