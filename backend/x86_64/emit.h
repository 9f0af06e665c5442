/* backend/x86_64/emit.h — the x86-64 instruction encoder: one function per
 * instruction form, writing machine code into a byte buffer. REX, ModRM,
 * SIB and displacement encoding live in one place (emit.c); every form
 * goes through it. Labels with forward references and patchable jumps are
 * here too. Nothing here knows about IR or guests.
 *
 *   X86Emit { buf, len, cap } ──x86_add_rr(e, ...)──► bytes at buf[len..]
 *
 * Conventions: `w64` selects a 64-bit operation (REX.W), else 32-bit (the
 * upper half of the destination register is then zeroed, as the hardware
 * does). Sizes are in bytes (1, 2, 4, 8). A memory operand is X86Mem.
 * When the buffer is full, further bytes are dropped and e->overflow is
 * set; the caller checks it once at the end and retries elsewhere.
 */
#ifndef MORPH_X86_EMIT_H
#define MORPH_X86_EMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* General registers 0..15 and SSE registers 16..31 (XMM0 + n). */
typedef enum X86Reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
    X86_XMM0, X86_XMM1, X86_XMM2, X86_XMM3, X86_XMM4, X86_XMM5, X86_XMM6, X86_XMM7,
    X86_XMM8, X86_XMM9, X86_XMM10, X86_XMM11, X86_XMM12, X86_XMM13, X86_XMM14, X86_XMM15,
    X86_NREGS,
    X86_NOREG = 0xff,
} X86Reg;

static inline bool x86_is_xmm(X86Reg r) { return r >= X86_XMM0 && r <= X86_XMM15; }

/* Condition codes, numbered as in the Jcc/SETcc/CMOVcc opcodes. */
typedef enum X86Cond {
    X86_CC_O, X86_CC_NO, X86_CC_B, X86_CC_AE, X86_CC_E, X86_CC_NE, X86_CC_BE, X86_CC_A,
    X86_CC_S, X86_CC_NS, X86_CC_P, X86_CC_NP, X86_CC_L, X86_CC_GE, X86_CC_LE, X86_CC_G,
} X86Cond;

static inline X86Cond x86_cc_invert(X86Cond c) { return (X86Cond)(c ^ 1); }

/* The eight classic ALU operations, numbered as their /digit. */
typedef enum X86Alu {
    X86_ADD, X86_OR, X86_ADC, X86_SBB, X86_AND, X86_SUB, X86_XOR, X86_CMP,
} X86Alu;

/* Shifts and rotates, numbered as their /digit. */
typedef enum X86Shift {
    X86_ROL = 0, X86_ROR = 1, X86_SHL = 4, X86_SHR = 5, X86_SAR = 7,
} X86Shift;

/* [base + index * scale + disp]; index X86_NOREG for none; base X86_NOREG
 * with index X86_NOREG means rip-relative disp is NOT supported: use a
 * register base. base may be RSP/R12 (SIB) or RBP/R13 (disp8 0). */
typedef struct X86Mem {
    X86Reg base;
    X86Reg index;
    uint8_t scale; /* 1, 2, 4, 8 */
    int32_t disp;
} X86Mem;

static inline X86Mem x86_mem(X86Reg base, int32_t disp)
{
    return (X86Mem){.base = base, .index = X86_NOREG, .scale = 1, .disp = disp};
}

static inline X86Mem x86_mem_idx(X86Reg base, X86Reg index, uint8_t scale, int32_t disp)
{
    return (X86Mem){.base = base, .index = index, .scale = scale, .disp = disp};
}

typedef struct X86Emit {
    uint8_t *buf;   /* where bytes go (the writable view of the code) */
    size_t len, cap;
    bool overflow;  /* a write did not fit */
} X86Emit;

void x86_emit_init(X86Emit *e, uint8_t *buf, size_t cap);
void x86_byte(X86Emit *e, uint8_t b);
void x86_bytes(X86Emit *e, const void *p, size_t n);
void x86_u32(X86Emit *e, uint32_t v);
void x86_u64(X86Emit *e, uint64_t v);
/* Pad with multi-byte NOPs until len % align == phase. */
void x86_align(X86Emit *e, unsigned align, unsigned phase);

/* --- integer moves ---------------------------------------------------- */
void x86_mov_rr(X86Emit *e, bool w64, X86Reg dst, X86Reg src);
/* dst = imm, shortest form: xor for 0, mov r32 for values that fit in
 * 32 unsigned bits, sign-extended imm32, else movabs. Never touches flags
 * unless imm is 0 and keep_flags is false. */
void x86_mov_ri(X86Emit *e, X86Reg dst, uint64_t imm, bool keep_flags);
/* dst = memory of `size` bytes, zero- or sign-extended to w64 or 32 bits. */
void x86_load(X86Emit *e, X86Reg dst, X86Mem m, unsigned size, bool sign, bool w64);
void x86_store(X86Emit *e, X86Mem m, X86Reg src, unsigned size);
void x86_store_imm(X86Emit *e, X86Mem m, int32_t imm, unsigned size); /* size 8: sign-extended */
void x86_lea(X86Emit *e, bool w64, X86Reg dst, X86Mem m);
/* Register extensions: movzx/movsx from 1 or 2 bytes, movsxd from 4. */
void x86_movzx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, unsigned from_size);
void x86_movsx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, unsigned from_size);
/* movbe: byte-reversed load/store of 2, 4 or 8 bytes (a 2-byte load
 * zero-extends through the caller: it writes only the low 16 bits). */
void x86_movbe_load(X86Emit *e, X86Reg dst, X86Mem m, unsigned size);
void x86_movbe_store(X86Emit *e, X86Mem m, X86Reg src, unsigned size);
void x86_bswap(X86Emit *e, bool w64, X86Reg r);
void x86_rol16_8(X86Emit *e, X86Reg r); /* swap the two low bytes (rol r16, 8) */
void x86_xchg_rr(X86Emit *e, bool w64, X86Reg a, X86Reg b);

/* --- integer arithmetic ------------------------------------------------ */
void x86_alu_rr(X86Emit *e, X86Alu op, bool w64, X86Reg dst, X86Reg src);
void x86_alu_ri(X86Emit *e, X86Alu op, bool w64, X86Reg dst, int32_t imm); /* imm8 form when it fits */
void x86_alu_rm(X86Emit *e, X86Alu op, bool w64, X86Reg dst, X86Mem m);
void x86_alu_mr(X86Emit *e, X86Alu op, bool w64, X86Mem m, X86Reg src);
void x86_alu_mi(X86Emit *e, X86Alu op, bool w64, X86Mem m, int32_t imm);
/* cmp of `size` bytes in memory with imm (sign-extended for 4/8). */
void x86_cmp_mi(X86Emit *e, X86Mem m, int32_t imm, unsigned size);
void x86_test_rr(X86Emit *e, bool w64, X86Reg a, X86Reg b);
void x86_test_ri(X86Emit *e, bool w64, X86Reg a, int32_t imm);
void x86_shift_ri(X86Emit *e, X86Shift op, bool w64, X86Reg r, uint8_t count);
void x86_shift_cl(X86Emit *e, X86Shift op, bool w64, X86Reg r);
/* BMI2 shifts by a register count (no flags, no CL): dst = src op count. */
void x86_shlx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, X86Reg count);
void x86_shrx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, X86Reg count);
void x86_sarx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, X86Reg count);
void x86_rorx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, uint8_t count);
void x86_not(X86Emit *e, bool w64, X86Reg r);
void x86_neg(X86Emit *e, bool w64, X86Reg r);
void x86_imul_rr(X86Emit *e, bool w64, X86Reg dst, X86Reg src);     /* dst *= src */
void x86_imul_rri(X86Emit *e, bool w64, X86Reg dst, X86Reg src, int32_t imm);
/* One-operand forms on rdx:rax: mul, imul, div, idiv. */
void x86_mul1(X86Emit *e, bool w64, X86Reg src);
void x86_imul1(X86Emit *e, bool w64, X86Reg src);
void x86_div1(X86Emit *e, bool w64, X86Reg src);
void x86_idiv1(X86Emit *e, bool w64, X86Reg src);
void x86_cdq(X86Emit *e, bool w64); /* cdq, or cqo with w64 */
void x86_lzcnt(X86Emit *e, bool w64, X86Reg dst, X86Reg src);
void x86_tzcnt(X86Emit *e, bool w64, X86Reg dst, X86Reg src);
void x86_popcnt(X86Emit *e, bool w64, X86Reg dst, X86Reg src);
void x86_andn(X86Emit *e, bool w64, X86Reg dst, X86Reg a, X86Reg b); /* dst = ~a & b (BMI1) */
void x86_setcc(X86Emit *e, X86Cond cc, X86Reg dst8); /* low byte only */
void x86_cmovcc(X86Emit *e, X86Cond cc, bool w64, X86Reg dst, X86Reg src);
/* lock cmpxchg [m], src of `size` bytes (compares with rax/eax/ax/al). */
void x86_lock_cmpxchg(X86Emit *e, X86Mem m, X86Reg src, unsigned size);
void x86_mfence(X86Emit *e);

/* --- stack and control ------------------------------------------------- */
void x86_push(X86Emit *e, X86Reg r);
void x86_pop(X86Emit *e, X86Reg r);
void x86_ret(X86Emit *e);
void x86_call_r(X86Emit *e, X86Reg r);
void x86_jmp_r(X86Emit *e, X86Reg r);
void x86_jmp_m(X86Emit *e, X86Mem m);
void x86_ud2(X86Emit *e);
/* jmp rel32 / jcc rel32 to an absolute address in the same buffer's
 * code (target given as an offset into buf). Returns the offset of the
 * rel32 field, for patching. */
size_t x86_jmp_to(X86Emit *e, size_t target);
size_t x86_jcc_to(X86Emit *e, X86Cond cc, size_t target);
/* Patch the rel32 at field_off (in code whose executable address is
 * `exec`, written through `write`) to reach exec target address. The
 * write is one aligned 4-byte store when field_off % 4 == 0. */
void x86_patch_rel32(uint8_t *write, const uint8_t *exec, size_t field_off, const uint8_t *target);

/* Labels inside one emission: forward jumps are fixed up when bound. */
typedef struct X86Label {
    int32_t pos;       /* bound offset, or -1 */
    uint32_t nfix;
    uint32_t fix[8];   /* rel32 field offsets waiting for pos (more: overflow) */
    struct X86Label *more; /* chained when fix[] is full (x86_label_free) */
} X86Label;

void x86_label_init(X86Label *l);
void x86_label_bind(X86Emit *e, X86Label *l);
void x86_jmp_label(X86Emit *e, X86Label *l);           /* rel8 if bound and near, else rel32 */
void x86_jcc_label(X86Emit *e, X86Cond cc, X86Label *l);
void x86_label_free(X86Label *l);

/* --- SSE / AVX scalar floating point (dst, src are XMM registers) ----- */
typedef enum X86FpOp {
    X86_FADD = 0x58, X86_FMUL = 0x59, X86_FSUB = 0x5c, X86_FMIN = 0x5d,
    X86_FDIV = 0x5e, X86_FMAX = 0x5f, X86_FSQRT = 0x51,
} X86FpOp;

/* addss/addsd ... : dst = dst op src (sqrt: dst = sqrt(src)). */
void x86_fp_rr(X86Emit *e, X86FpOp op, bool f64, X86Reg dst, X86Reg src);
void x86_fp_rm(X86Emit *e, X86FpOp op, bool f64, X86Reg dst, X86Mem m);
/* vfmadd231ss/sd (FMA3): dst = a * b + dst, one rounding. */
void x86_vfmadd231(X86Emit *e, bool f64, X86Reg dst, X86Reg a, X86Reg b);
void x86_movs_load(X86Emit *e, bool f64, X86Reg dst, X86Mem m);   /* movss/movsd xmm, m */
void x86_movs_store(X86Emit *e, bool f64, X86Mem m, X86Reg src);  /* movss/movsd m, xmm */
void x86_movaps(X86Emit *e, X86Reg dst, X86Reg src);              /* whole-register copy */
/* movd/movq between a general register and an XMM register. */
void x86_movq_to_xmm(X86Emit *e, bool w64, X86Reg xmm, X86Reg gpr);
void x86_movq_from_xmm(X86Emit *e, bool w64, X86Reg gpr, X86Reg xmm);
void x86_ucomis(X86Emit *e, bool f64, X86Reg a, X86Reg b);  /* flags from a ? b, quiet */
void x86_comis(X86Emit *e, bool f64, X86Reg a, X86Reg b);   /* signalling on QNaN */
/* cmpss/cmpsd with predicate 0..7 (eq, lt, le, unord, neq, nlt, nle, ord):
 * dst = all ones or zero. */
void x86_cmps(X86Emit *e, bool f64, X86Reg dst, X86Reg src, uint8_t pred);
void x86_cvtsi2s(X86Emit *e, bool f64, bool src64, X86Reg dst, X86Reg gpr);   /* int -> float */
void x86_cvts2si(X86Emit *e, bool f64, bool dst64, X86Reg gpr, X86Reg src);   /* rounding mode */
void x86_cvtts2si(X86Emit *e, bool f64, bool dst64, X86Reg gpr, X86Reg src);  /* truncating */
void x86_cvtss2sd(X86Emit *e, X86Reg dst, X86Reg src);
void x86_cvtsd2ss(X86Emit *e, X86Reg dst, X86Reg src);
/* Packed bitwise on the whole register (sign masks for fneg/fabs). */
void x86_xorps(X86Emit *e, X86Reg dst, X86Reg src);
void x86_andps(X86Emit *e, X86Reg dst, X86Reg src);
void x86_andnps(X86Emit *e, X86Reg dst, X86Reg src);
void x86_orps(X86Emit *e, X86Reg dst, X86Reg src);

#endif
