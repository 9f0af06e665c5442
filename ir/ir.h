/* ir/ir.h — the portable IR: types, the op table, instructions, blocks and
 * the builder API that frontends use to emit them.
 *
 * A block is one flat array of IrInsn over numbered virtual registers
 * ("temps", 1..ntemps; 0 means "none"). Each builder call returns a fresh
 * temp, so most temps are defined once; ir_mov_to() redefines a temp when a
 * value must merge across labels inside a block. Guest registers live in the
 * CPU state and are reached with ld_env/st_env at fixed offsets; the
 * optimizer keeps them in temps within the block.
 *
 *   frontend ──ir_*()──► IrBlock ──opt_run()──► IrBlock ──backend──► code
 */
#ifndef MORPH_IR_H
#define MORPH_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum IrType {
    IR_I32,
    IR_I64,
    IR_F32,
    IR_F64,
    IR_V128, /* reserved for SIMD guests; no op takes it yet */
    IR_F80,  /* reserved; x87 values stay in env slots (IrX87Kind) */
    IR_NTYPES
} IrType;

/* Op flags (the last column of ops.def). */
enum {
    IR_F_IMM = 1u << 0,        /* uses IrInsn.imm */
    IR_F_ENV_READ = 1u << 1,   /* reads guest CPU state */
    IR_F_ENV_WRITE = 1u << 2,  /* writes guest CPU state */
    IR_F_SIDE = 1u << 3,       /* never removed even if its result is unused */
    IR_F_COMM = 1u << 4,       /* commutative: use[0] and use[1] may swap */
    IR_F_COND = 1u << 5,       /* aux is an IrCond (IrFCond for fsetcond) */
    IR_F_BRANCH = 1u << 6,     /* jumps to the label in imm */
    IR_F_MEMOP = 1u << 7,      /* aux is an IrMemop */
    IR_F_MAY_FAULT = 1u << 8,  /* may stop the block with a guest fault */
    IR_F_CALL = 1u << 9,       /* a helper call: see IrHelper */
    IR_F_EXIT = 1u << 10,      /* leaves the block */
    IR_F_FPFLAGS = 1u << 11,   /* may set the host's sticky FP exception flags (guest-visible) */
};

typedef enum IrOpcode {
#define IR_OP(name, ndef, nuse, flags) IR_OP_##name,
#include "ir/ops.def"
#undef IR_OP
    IR_NOPS
} IrOpcode;

typedef struct IrOpInfo {
    const char *name;
    uint8_t ndef, nuse;
    uint32_t flags;
} IrOpInfo;

extern const IrOpInfo ir_op_info[IR_NOPS];

/* Integer conditions for setcond, movcond and brcond. */
typedef enum IrCond {
    IR_EQ, IR_NE,
    IR_LT, IR_GE, IR_LE, IR_GT,     /* signed */
    IR_LTU, IR_GEU, IR_LEU, IR_GTU, /* unsigned */
    IR_NCONDS
} IrCond;

/* The condition true exactly when c is false (IrCond lists them in pairs). */
static inline IrCond ir_cond_invert(IrCond c) { return (IrCond)(c ^ 1); }

/* Float conditions for fsetcond. "Ordered" conditions are false when
 * either operand is NaN; IR_FUN is true exactly then. */
typedef enum IrFCond {
    IR_FEQ, IR_FLT, IR_FLE, IR_FUN,
    IR_FNE, /* not equal or unordered */
    IR_NFCONDS
} IrFCond;

/* Guest memory access descriptor (IrInsn.aux of ld/st/cmpxchg). */
typedef enum IrMemop {
    IR_MO_8 = 0,
    IR_MO_16 = 1,
    IR_MO_32 = 2,
    IR_MO_64 = 3,
    IR_MO_SIZE = 3,     /* mask: log2 of the access size in bytes */
    IR_MO_SIGN = 1 << 2, /* loads: sign-extend into `type` */
    IR_MO_BE = 1 << 3,   /* the value is big-endian in guest memory */
    /* System mode: the memory index (which of the cpu's TLBs: kernel,
     * user, address space ...; softmmu/tlb.h). User mode ignores it. */
    IR_MO_IDX_SHIFT = 4,
    IR_MO_IDX = 3 << IR_MO_IDX_SHIFT,
} IrMemop;

/* Rounding for cvt_f_s32/cvt_f_s64 (imm). */
typedef enum IrRound {
    IR_ROUND_CURRENT = 0, /* the current (guest) rounding mode */
    IR_ROUND_TRUNC = 1,   /* toward zero, whatever the mode */
} IrRound;

/* The x87 ops (x87_rr, x87_rm, x87_st) run the host's x87 on 80-bit
 * values kept in env slots: imm = IrX87Kind | selector << 8. They exist
 * only on x86 hosts (the interpreter too runs them on the host's x87), so
 * JIT and interpreter agree bit for bit. The host's control word is the
 * process default while generated code runs (IR_X87_HOST_CW: 64-bit
 * precision, round to nearest, every exception masked); a frontend uses
 * these ops only when its guest's control word asks for exactly that. The
 * status word result has the host's sticky exception flags (IE..PE) and
 * the condition bits the operation left. Memory operands pass through
 * temps (loaded and stored by ordinary ld/st), so a guest fault never
 * happens inside an x87 op. The ops touch env only at the slots named by
 * their operands. */
#define IR_X87_HOST_CW 0x037f
typedef enum IrX87Kind {
    IR_X87_ARITH,     /* x87_rr: [a] = [a] op [b]; sel = op as the D8 /digit: 0 add 1 mul 4 sub 5 subr 6 div 7 divr */
    IR_X87_COMPARE,   /* x87_rr: compare [a] with [b]; sel 0 fcom, 1 fucom; d = sw with C0 C2 C3 */
    IR_X87_COPY,      /* x87_rr: [a] = [b], the 10 bytes as they are; d = 0 */
    IR_X87_SWAP,      /* x87_rr: exchange the 10 bytes of [a] and [b]; d = 0 */
    IR_X87_UNARY,     /* x87_rr: [a] = f([b]); sel an IrX87Unary (constants ignore b) */
    IR_X87_ARITH_MEM, /* x87_rm: [a] = [a] op b; sel = op | IrX87Format << 3 */
    IR_X87_LOAD,      /* x87_rm: [a] = b converted from IrX87Format sel (fld/fild) */
    IR_X87_STORE,     /* x87_st: d1 = [a] converted to IrX87Format sel (fst/fist) */
    IR_X87_NKINDS
} IrX87Kind;
typedef enum IrX87Format { IR_X87_M32FP, IR_X87_M64FP, IR_X87_M16INT, IR_X87_M32INT, IR_X87_M64INT, IR_X87_NFORMATS } IrX87Format;
typedef enum IrX87Unary { IR_X87_CHS, IR_X87_ABS, IR_X87_SQRT, IR_X87_LD1, IR_X87_LDZ, IR_X87_NUNARY } IrX87Unary;
static inline int64_t ir_x87_imm(IrX87Kind kind, unsigned sel) { return (int64_t)(kind | sel << 8); }

/* goto_ptr's aux: what kind of indirect jump it is. A return may be
 * predicted from the push_ret hints of earlier calls (a backend's return
 * stack); the target is still a. */
enum { IR_GOTO_PLAIN = 0, IR_GOTO_RETURN = 1 };

/* Helper flags: what the optimizer and backends may assume of a call. */
enum {
    IR_HELPER_READS_ENV = 1u << 0,  /* reads guest state: env stores before it must be done */
    IR_HELPER_WRITES_ENV = 1u << 1, /* writes guest state: forwarded values die */
    IR_HELPER_MAY_RAISE = 1u << 2,  /* may leave through cpu_loop_exit(); state must be exact */
    IR_HELPER_PURE = 1u << 3,       /* result depends on arguments only; removable if unused */
};

#define IR_HELPER_MAX_ARGS 4

/* A C function callable from IR: ret fn(CpuCommon *env, args...).
 * The env pointer is always passed first and is not listed in args. */
typedef struct IrHelper {
    const char *name;
    void *fn;
    uint32_t flags;
    bool has_ret;
    IrType ret;
    uint8_t nargs;
    IrType args[IR_HELPER_MAX_ARGS];
} IrHelper;

typedef uint32_t IrTemp; /* 0 = no temp */
typedef uint32_t IrLabel;

typedef struct IrInsn {
    uint16_t op;   /* IrOpcode */
    uint8_t type;  /* IrType of the operation */
    uint8_t aux;   /* IrCond, IrFCond, IrMemop or goto_tb slot */
    IrTemp def[2];
    IrTemp use[4];
    int64_t imm;
    const IrHelper *helper; /* call only */
} IrInsn;

typedef struct IrBlock {
    IrInsn *insns;
    uint32_t ninsns, cap;
    uint8_t *temp_type; /* IrType per temp, index 0 unused */
    uint32_t ntemps, temp_cap;
    uint32_t nlabels;
    uint64_t pc;         /* guest pc of the first instruction */
    uint32_t tb_flags;   /* cpu mode flags of the block key */
    uint32_t guest_insns; /* guest instructions in the block */
    uint32_t guest_size;  /* bytes of guest code covered */
    /* System mode: guest memory ops go through the cpu's software TLB
     * (softmmu/tlb.h), not guest_base. Set by the engine; kept by reset. */
    bool softmmu;
} IrBlock;

/* --- blocks --------------------------------------------------------- */
void ir_block_init(IrBlock *b, uint64_t pc, uint32_t tb_flags);
void ir_block_reset(IrBlock *b, uint64_t pc, uint32_t tb_flags); /* keeps storage */
void ir_block_free(IrBlock *b);

IrTemp ir_new_temp(IrBlock *b, IrType type);
static inline IrType ir_temp_type(const IrBlock *b, IrTemp t) { return (IrType)b->temp_type[t]; }
IrLabel ir_new_label(IrBlock *b);

/* Append a raw instruction; returns its index. Builders below wrap it. */
uint32_t ir_emit(IrBlock *b, IrInsn insn);

/* --- builder: every call appends one instruction -------------------- */
IrTemp ir_const(IrBlock *b, IrType type, uint64_t bits);
static inline IrTemp ir_const32(IrBlock *b, uint32_t v) { return ir_const(b, IR_I32, v); }
static inline IrTemp ir_const64(IrBlock *b, uint64_t v) { return ir_const(b, IR_I64, v); }
IrTemp ir_const_f64(IrBlock *b, double v);
IrTemp ir_mov(IrBlock *b, IrTemp a);
void ir_mov_to(IrBlock *b, IrTemp dst, IrTemp src); /* redefine dst */

IrTemp ir_ld_env(IrBlock *b, IrType type, uint32_t offset);
void ir_st_env(IrBlock *b, IrType type, uint32_t offset, IrTemp value);

/* Generic forms: the result type is the type of `a` (or the op's rule). */
IrTemp ir_op1(IrBlock *b, IrOpcode op, IrTemp a);
IrTemp ir_op2(IrBlock *b, IrOpcode op, IrTemp a, IrTemp c);
IrTemp ir_op3(IrBlock *b, IrOpcode op, IrTemp a, IrTemp c, IrTemp d);

static inline IrTemp ir_add(IrBlock *b, IrTemp x, IrTemp y) { return ir_op2(b, IR_OP_add, x, y); }
static inline IrTemp ir_sub(IrBlock *b, IrTemp x, IrTemp y) { return ir_op2(b, IR_OP_sub, x, y); }
static inline IrTemp ir_and(IrBlock *b, IrTemp x, IrTemp y) { return ir_op2(b, IR_OP_and, x, y); }
static inline IrTemp ir_or(IrBlock *b, IrTemp x, IrTemp y) { return ir_op2(b, IR_OP_or, x, y); }
static inline IrTemp ir_xor(IrBlock *b, IrTemp x, IrTemp y) { return ir_op2(b, IR_OP_xor, x, y); }
static inline IrTemp ir_shl(IrBlock *b, IrTemp x, IrTemp y) { return ir_op2(b, IR_OP_shl, x, y); }
static inline IrTemp ir_shr(IrBlock *b, IrTemp x, IrTemp y) { return ir_op2(b, IR_OP_shr, x, y); }
static inline IrTemp ir_sar(IrBlock *b, IrTemp x, IrTemp y) { return ir_op2(b, IR_OP_sar, x, y); }
static inline IrTemp ir_not(IrBlock *b, IrTemp x) { return ir_op1(b, IR_OP_not, x); }
static inline IrTemp ir_neg(IrBlock *b, IrTemp x) { return ir_op1(b, IR_OP_neg, x); }

/* Op with an immediate second operand of a's type (materialized as const). */
IrTemp ir_opi(IrBlock *b, IrOpcode op, IrTemp a, uint64_t imm);
static inline IrTemp ir_addi(IrBlock *b, IrTemp x, uint64_t v) { return ir_opi(b, IR_OP_add, x, v); }
static inline IrTemp ir_andi(IrBlock *b, IrTemp x, uint64_t v) { return ir_opi(b, IR_OP_and, x, v); }
static inline IrTemp ir_ori(IrBlock *b, IrTemp x, uint64_t v) { return ir_opi(b, IR_OP_or, x, v); }
static inline IrTemp ir_xori(IrBlock *b, IrTemp x, uint64_t v) { return ir_opi(b, IR_OP_xor, x, v); }
static inline IrTemp ir_shli(IrBlock *b, IrTemp x, uint64_t v) { return ir_opi(b, IR_OP_shl, x, v); }
static inline IrTemp ir_shri(IrBlock *b, IrTemp x, uint64_t v) { return ir_opi(b, IR_OP_shr, x, v); }
static inline IrTemp ir_sari(IrBlock *b, IrTemp x, uint64_t v) { return ir_opi(b, IR_OP_sar, x, v); }

/* Width changes (ext_i32s/ext_i32u give i64, trunc_i64 gives i32). */
IrTemp ir_ext_i32s(IrBlock *b, IrTemp a);
IrTemp ir_ext_i32u(IrBlock *b, IrTemp a);
IrTemp ir_trunc_i64(IrBlock *b, IrTemp a);
IrTemp ir_extract(IrBlock *b, IrTemp a, unsigned pos, unsigned len);
IrTemp ir_sextract(IrBlock *b, IrTemp a, unsigned pos, unsigned len);
IrTemp ir_deposit(IrBlock *b, IrTemp a, IrTemp field, unsigned pos, unsigned len);
/* sum = a + c + carry_in; *carry_out (may be NULL) = 0/1 */
IrTemp ir_addc(IrBlock *b, IrTemp a, IrTemp c, IrTemp carry_in, IrTemp *carry_out);

IrTemp ir_setcond(IrBlock *b, IrCond cond, IrTemp a, IrTemp c);
IrTemp ir_movcond(IrBlock *b, IrCond cond, IrTemp a, IrTemp c, IrTemp if_true, IrTemp if_false);
IrTemp ir_fsetcond(IrBlock *b, IrFCond cond, IrTemp a, IrTemp c);

void ir_label(IrBlock *b, IrLabel l);
void ir_br(IrBlock *b, IrLabel l);
void ir_brcond(IrBlock *b, IrCond cond, IrTemp a, IrTemp c, IrLabel l);

/* Guest memory. `type` is the value type (i32/i64). */
IrTemp ir_ld(IrBlock *b, IrType type, IrMemop mo, IrTemp addr);
void ir_st(IrBlock *b, IrMemop mo, IrTemp addr, IrTemp value);
IrTemp ir_cmpxchg(IrBlock *b, IrMemop mo, IrTemp addr, IrTemp expected, IrTemp newval);
void ir_fence(IrBlock *b);

/* Helper call; args has helper->nargs temps; returns 0 if no result. */
IrTemp ir_call(IrBlock *b, const IrHelper *helper, const IrTemp *args);

/* Conversions with an explicit result type. */
IrTemp ir_cvt(IrBlock *b, IrOpcode op, IrType result, IrTemp a, int64_t imm);
IrTemp ir_bitcast(IrBlock *b, IrType result, IrTemp a);

void ir_insn_start(IrBlock *b, uint64_t guest_pc);
void ir_goto_tb(IrBlock *b, unsigned slot, uint64_t target_pc);
void ir_goto_ptr(IrBlock *b, IrTemp target_pc);
/* A guest call that will return to return_pc (emit before its goto_tb or
 * goto_ptr), and the guest return that comes back (a goto_ptr). */
void ir_push_ret(IrBlock *b, uint64_t return_pc);
void ir_goto_ret(IrBlock *b, IrTemp target_pc);
void ir_exit(IrBlock *b, int reason);

/* --- checking and printing ------------------------------------------ */
/* Returns true if the block is well formed; otherwise writes one line
 * naming the first problem into err (if given). */
bool ir_verify(const IrBlock *b, char *err, size_t errlen);
void ir_dump(const IrBlock *b, FILE *out);
const char *ir_type_name(IrType t);
const char *ir_cond_name(IrCond c);
const char *ir_fcond_name(IrFCond c);

/* Bits in a value of the type. */
static inline unsigned ir_type_bits(IrType t)
{
    return t == IR_I32 || t == IR_F32 ? 32 : t == IR_I64 || t == IR_F64 ? 64 : t == IR_V128 ? 128 : 80;
}

#endif
