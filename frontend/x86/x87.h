/* frontend/x86/x87.h — the x87 FPU of the x86 guests: its status and tag
 * words, the register stack model, the helpers' shared machinery, and the
 * legacy FSAVE image that i386 signal frames carry.
 *
 * Every x87 instruction is one C helper on X86Cpu. The arithmetic runs on
 * the host's own x87 unit (this host is x86-64), under the guest's control
 * word, so results, C0-C3 and exception flags are the hardware's own:
 *
 *   helper:  x87_host_enter(cpu)      fnstcw (morph's), fldcw (guest's, all masked)
 *            the very instruction     inline asm (memory forms too); fnstsw in the same asm
 *            x87_host_leave(saved)    fldcw (morph's)
 *            x87_merge_status(...)    exception flags OR-ed, C0-C3 replaced
 *
 * Each rule the manual leaves vague (C1..C3 after a stack fault, what
 * FCOMI, FFREE, FLDCW and FLDENV do to C1 and ES, the D9 D8+i alias) was
 * measured on the host and is noted where it is coded.
 *
 * The stack itself (TOP, tags, overflow and underflow, the indefinite
 * value) is modelled here in C: a helper's host stack only ever holds the
 * operands of one instruction. The common instructions also have an
 * inline path (x87_fast.c: TOP and tags known per block, the IR's x87
 * ops), whose values the JIT keeps on the host's stack along a run of
 * them (backend/x86_64/gen_x87.c). Other hosts would need soft-float
 * helpers for the 80-bit format (not written yet): the asm is guarded by
 * __x86_64__.
 *
 * Memory operands are loaded and stored by IR in the instruction's handler
 * (faults stay precise): an 80-bit operand is two accesses (8 + 2 bytes).
 * A store's helper computes the bytes and leaves its status pending in
 * cpu->scratch; the handler stores, then a commit helper applies the
 * status and the pop, so a faulting store leaves the FPU as it was.
 */
#ifndef MORPH_X86_X87_H
#define MORPH_X86_X87_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "frontend/x86/cpu.h"
#include "frontend/x86/decode.h"

/* Status word (FSW) bits; TOP (bits 11-13) lives in cpu->fptop. */
enum {
    X87_IE = 1u << 0,  /* invalid operation */
    X87_DE = 1u << 1,  /* denormal operand */
    X87_ZE = 1u << 2,  /* divide by zero */
    X87_OE = 1u << 3,  /* overflow */
    X87_UE = 1u << 4,  /* underflow */
    X87_PE = 1u << 5,  /* precision (inexact) */
    X87_SF = 1u << 6,  /* stack fault (with IE) */
    X87_ES = 1u << 7,  /* error summary: an unmasked exception is pending */
    X87_C0 = 1u << 8,
    X87_C1 = 1u << 9,
    X87_C2 = 1u << 10,
    X87_C3 = 1u << 14,
    X87_B = 1u << 15,  /* busy (mirrors ES) */
};
#define X87_EXC_MASK 0x3fu                               /* IE..PE, also the control word's masks */
#define X87_CC (X87_C0 | X87_C1 | X87_C2 | X87_C3)
#define X87_TOP_SHIFT 11

/* Control word: fninit's value, and what fldcw keeps of a written word
 * (bits 0-5, 8-12; bit 6 always reads as 1 — measured on the host). */
enum { X87_CW_INIT = 0x037f, X87_CW_KEEP = 0x1f3f, X87_CW_ONE = 0x0040 };

/* One 80-bit register as bits: 64-bit significand, then sign+exponent. */
typedef union X87Bits {
    long double ld;
    struct {
        uint64_t mant;
        uint16_t sexp;
    } b;
} X87Bits;

static inline X87Bits x87_bits(long double v)
{
    X87Bits x;
    memset(&x, 0, sizeof(x));
    x.ld = v;
    return x;
}

static inline long double x87_from_bits(uint64_t mant, uint16_t sexp)
{
    X87Bits x;
    memset(&x, 0, sizeof(x));
    x.b.mant = mant;
    x.b.sexp = sexp;
    return x.ld;
}

/* The QNaN "real indefinite" masked invalid operations produce. */
static inline long double x87_indefinite(void) { return x87_from_bits(0xc000000000000000ull, 0xffff); }

/* ---- the register stack (x87_stack.c) ------------------------------- */

static inline unsigned x87_phys(const X86Cpu *cpu, unsigned i) { return (cpu->fptop + i) & 7; }
static inline bool x87_is_empty(const X86Cpu *cpu, unsigned i)
{
    return !((cpu->fptag >> x87_phys(cpu, i)) & 1);
}
static inline long double *x87_st(X86Cpu *cpu, unsigned i) { return &cpu->st_phys[x87_phys(cpu, i)]; }

/* Every non-control instruction records its address as FIP (helpers run
 * with insn_pc set). FDP and FOP stay as they are: this CPU, like the
 * host, updates them only on unmasked exceptions (FDP_EXCPTN_ONLY, no FOP
 * compatibility), which are not modelled. */
static inline void x87_note_insn(X86Cpu *cpu) { cpu->fpip = cpu->common.insn_pc; }

/* Write ST(i) (marking it valid). */
static inline void x87_set_st(X86Cpu *cpu, unsigned i, long double v)
{
    unsigned p = x87_phys(cpu, i);
    cpu->st_phys[p] = v;
    cpu->fptag |= (uint16_t)(1u << p);
}

/* Push the indefinite after a stack overflow: IE|SF|C1. */
void x87_push_overflow(X86Cpu *cpu);

/* Push v; on overflow (ST(7) in use) flag IE|SF|C1 and push the indefinite.
 * Otherwise C1 is cleared. */
static inline void x87_push(X86Cpu *cpu, long double v)
{
    cpu->fpus &= (uint16_t)~X87_C1;
    if (!x87_is_empty(cpu, 7)) {
        x87_push_overflow(cpu);
        return;
    }
    cpu->fptop = (cpu->fptop - 1) & 7;
    x87_set_st(cpu, 0, v);
}

/* Push when ST(7) is known empty: C1 cleared, the new ST(0) marked in use;
 * returns its slot for the caller to fill. */
static inline long double *x87_push_slot(X86Cpu *cpu)
{
    cpu->fpus &= (uint16_t)~X87_C1;
    cpu->fptop = (cpu->fptop - 1) & 7;
    cpu->fptag |= (uint16_t)(1u << cpu->fptop);
    return &cpu->st_phys[cpu->fptop];
}

/* Copy a register's bits (memcpy: no x87 load/store, no store-forwarding stall). */
static inline void x87_copy(long double *dst, const long double *src) { memcpy(dst, src, sizeof(*dst)); }

/* Push after a stack underflow (which takes precedence: C1 stays 0). */
static inline void x87_push_after_underflow(X86Cpu *cpu, long double v)
{
    cpu->fptop = (cpu->fptop - 1) & 7;
    x87_set_st(cpu, 0, v);
}

static inline void x87_pop(X86Cpu *cpu)
{
    cpu->fptag &= (uint16_t)~(1u << cpu->fptop);
    cpu->fptop = (cpu->fptop + 1) & 7;
}
/* Underflow (an empty operand): IE|SF, C1 cleared. */
void x87_underflow(X86Cpu *cpu);
/* The operands ST(i) and ST(j) are both present; else underflow. */
static inline bool x87_check2(X86Cpu *cpu, unsigned i, unsigned j)
{
    if (x87_is_empty(cpu, i) || x87_is_empty(cpu, j)) {
        x87_underflow(cpu);
        return false;
    }
    return true;
}

/* The guest's status word with TOP, and its replacement (FLDENV, FRSTOR;
 * set the control word first: ES and B are derived from both). */
uint16_t x86_x87_status_word(const X86Cpu *cpu);
void x86_x87_set_status_word(X86Cpu *cpu, uint16_t sw);
/* The full tag word (2 bits per physical register: 00 valid, 01 zero,
 * 10 special, 11 empty) and its replacement (only "empty or not" is kept). */
uint16_t x86_x87_full_tag(const X86Cpu *cpu);
void x86_x87_set_full_tag(X86Cpu *cpu, uint16_t tag);
/* FNINIT. */
void x86_x87_reset(X86Cpu *cpu);
/* After the control word changed: X86_TBF_X87_EXACT of tb_flags set unless
 * the word is the host's (the block key; the instruction ends its block). */
void x87_update_tb_flags(X86Cpu *cpu);
/* End the block after an instruction whose helper may change tb_flags:
 * an indirect jump to the next instruction (looked up under the new key). */
void x87_gen_end_block(X86Ctx *ctx, const X86Insn *in);

/* ---- running an instruction on the host's x87 (x87_stack.c) ----------- */

/* Install the guest's precision and rounding (exceptions masked) when they
 * differ from morph's; returns what x87_host_leave needs to put morph's
 * back.
 *
 * The host's exception flags are not cleared per instruction (fnclex costs
 * ~100 ns here): they stay sticky, and the invariant "the host's flags are
 * a subset of the guest's" makes OR-ing them into the guest's exact. Every
 * path that clears guest flags (fnclex, fninit, fldenv, frstor, fxrstor,
 * the status word's replacement) clears the host's (x87_host_clear_flags),
 * and every host result is merged (a store that faults after its helper
 * can leave extra flags: then the guest takes SIGSEGV anyway). */
typedef uint32_t X87HostCw;
enum { X87_HOST_CW_REPLACED = 1u << 16 }; /* X87HostCw: morph's word | this when replaced */

/* The guest's control word as the host runs it: every exception masked. */
static inline uint16_t x87_host_guest_cw(const X86Cpu *cpu)
{
    return (uint16_t)((cpu->fpuc & X87_CW_KEEP) | X87_EXC_MASK | X87_CW_ONE);
}

#if defined(__x86_64__)
static inline X87HostCw x87_host_enter(const X86Cpu *cpu)
{
    uint16_t saved, guest = x87_host_guest_cw(cpu);
    __asm__ volatile("fnstcw %0" : "=m"(saved) : : "memory");
    if (saved == guest)
        return saved;
    __asm__ volatile("fldcw %0" : : "m"(guest) : "memory");
    return saved | X87_HOST_CW_REPLACED;
}

static inline void x87_host_leave(X87HostCw saved)
{
    uint16_t cw = (uint16_t)saved;
    if (saved & X87_HOST_CW_REPLACED)
        __asm__ volatile("fldcw %0" : : "m"(cw) : "memory");
}
#else
static inline X87HostCw x87_host_enter(const X86Cpu *cpu) { (void)cpu; return 0; }
static inline void x87_host_leave(X87HostCw saved) { (void)saved; }
#endif

/* The same, the host's C0-C3 also set to the guest's (an fldenv: slower,
 * and it clears the host's flags), for instructions that leave some of them
 * unchanged. Out of line: the host's x87 stack must be empty at the call. */
X87HostCw x87_host_enter_with_cc(const X86Cpu *cpu);
void x87_host_clear_flags(void);
/* Fold a host status word into the guest's: exception flags OR-ed in, the
 * condition bits in cc_mask replaced. An exception the guest unmasked is
 * not modelled (it would trap at the next FP instruction): logged under
 * -d unimp, treated as masked. */
static inline void x87_merge_status(X86Cpu *cpu, uint16_t host_sw, uint16_t cc_mask);
/* ES and B: set while an exception flag is set whose mask is clear. */
void x87_update_es(X86Cpu *cpu);
/* Log the exceptions among `raised` that the guest unmasked (see above). */
void x87_note_raised(const X86Cpu *cpu, unsigned raised);
/* x87_merge_status's rare path: an exception the guest unmasked. */
void x87_unmasked_raised(X86Cpu *cpu, uint16_t host_sw);

static inline void x87_merge_status(X86Cpu *cpu, uint16_t host_sw, uint16_t cc_mask)
{
    cpu->fpus = (uint16_t)((cpu->fpus & ~cc_mask) | (host_sw & cc_mask) | (host_sw & X87_EXC_MASK));
    if (host_sw & X87_EXC_MASK & ~cpu->fpuc)
        x87_unmasked_raised(cpu, host_sw);
}

/* ---- memory operand formats (x87_convert.c) -------------------------- */

typedef enum X87Mem {
    X87_M32FP, X87_M64FP, X87_M80FP,
    X87_M16INT, X87_M32INT, X87_M64INT,
    X87_M80BCD,
    X87_M16TRUNC, X87_M32TRUNC, X87_M64TRUNC, /* fisttp: stores only */
    X87_NMEM
} X87Mem;

/* The memory operand format of the D8/DA/DC/DE arithmetic and compare
 * forms: m32fp, m32int, m64fp, m16int (x87_arith.c). */
X87Mem x87_arith_mem_kind(uint8_t opcode);
/* Bytes of a memory operand of that format. */
unsigned x87_mem_size(X87Mem kind);
/* Convert guest bytes (lo: the first 8, hi: bytes 8-9) to 80 bits on the
 * host, as FLD/FILD/FBLD do (exceptions: SNaN and denormal of m32/m64);
 * returns the host status word. */
uint16_t x87_host_load(X87Mem kind, uint64_t lo, uint16_t hi, long double *out);
/* Convert v to the memory format (rounding and exceptions as the store
 * instruction); out gets the bytes; returns the host status word. */
uint16_t x87_host_store(X87Mem kind, const long double *v, uint8_t out[16]);
/* The value a masked invalid store writes (integer or BCD indefinite, or the float QNaN). */
void x87_mem_indefinite(X87Mem kind, uint8_t out[16]);

/* ---- IR side (x87_gen.c) ---------------------------------------------- */

/* The IR helpers' flags: they read and write the x87 state. */
#define X87_HELPER_FLAGS (IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV)

/* Call a helper whose arguments are i32 constants (nargs of them). */
IrTemp x87_gen_call(X86Ctx *ctx, const IrHelper *h, uint32_t a0, uint32_t a1);
/* Load the memory operand of `in` in format kind: *lo (i64) the first 8
 * bytes (zero-extended), *hi (i32) bytes 8-9 (0 when shorter). */
void x87_gen_load(X86Ctx *ctx, const X86Insn *in, X87Mem kind, IrTemp *lo, IrTemp *hi);
/* Store: run the converting helper (which leaves the bytes in
 * cpu->scratch[0..1]), store them, then commit its status and pop. */
void x87_gen_store(X86Ctx *ctx, const X86Insn *in, X87Mem kind, bool pop);
/* Copy an image (fnsave, fxsave ...) to or from guest memory at addr;
 * faults like a guest access (user mode: guest_base; system mode: the
 * soft TLB). */
void x87_guest_write(X86Cpu *cpu, uint64_t addr, const void *buf, size_t len);
void x87_guest_read(X86Cpu *cpu, uint64_t addr, void *buf, size_t len);
/* #GP from a helper (misaligned fxsave, reserved MXCSR bits): EXIT_PRIV. */
_Noreturn void x87_raise_gp(X86Cpu *cpu);
/* The memory operand's address as an i64 (for such helpers). */
IrTemp x87_gen_addr64(X86Ctx *ctx, const X86Insn *in);

/* ---- the inline fast path (x87_fast.c) --------------------------------- */

/* One instruction's fast path under construction (its segment holds TOP,
 * the tags and the control/status words as temps; x87_fast.c). */
struct X87Segment;
typedef struct X87Fast {
    struct X87Segment *seg;
    bool stack_changed, status_changed;
} X87Fast;

/* Start the fast path of an instruction that needs ST(i) valid for each
 * bit i of `full` and empty for each of `empty`; false where the block
 * runs the exact helpers (then emit the helper, then x87_slow_end). */
bool x87_fast_begin(X86Ctx *ctx, X87Fast *f, unsigned full, unsigned empty);
/* The env offset (i64) of ST(i) at the current TOP. */
IrTemp x87_fast_slot(X86Ctx *ctx, const X87Fast *f, unsigned i);
/* Status: the bits `replaced` of fpus := those of the host status word sw
 * (0: cleared), the host's exception flags OR-ed in. */
void x87_fast_status(X86Ctx *ctx, X87Fast *f, IrTemp sw, uint16_t replaced);
void x87_fast_push(X86Ctx *ctx, X87Fast *f);              /* TOP-1, the new ST(0) valid */
void x87_fast_pop(X86Ctx *ctx, X87Fast *f);               /* ST(0) empty, TOP+1 */
void x87_fast_mark_valid(X86Ctx *ctx, X87Fast *f, unsigned i);
/* End of the fast path: TOP, tags, status and FIP stored. */
void x87_fast_end(X86Ctx *ctx, X87Fast *f);
/* After the helper of an instruction x87_fast_begin refused: in a block
 * translated for X86_TBF_X87_STEP, clear the bit and end the block. */
void x87_slow_end(X86Ctx *ctx, const X86Insn *in);
/* The IR's x87 ops (ir.h IrX87Kind): the host status word (i64). */
IrTemp x87_fast_rr(X86Ctx *ctx, IrX87Kind kind, unsigned sel, IrTemp a, IrTemp c);
IrTemp x87_fast_rm(X86Ctx *ctx, IrX87Kind kind, unsigned sel, IrTemp a, IrTemp m);
IrTemp x87_fast_store(X86Ctx *ctx, unsigned format, IrTemp a, IrTemp *bits);
/* The IrX87Format of a memory operand format, -1 if the fast path has none. */
int x87_fast_format(X87Mem kind);

/* ---- translate functions of the form table (x87_*.c, fxsave.c) ------- */

bool x87_tr_arith_reg(X86Ctx *ctx, const X86Insn *in);   /* D8/DC/DE C0-FF */
bool x87_tr_arith_mem(X86Ctx *ctx, const X86Insn *in);   /* D8/DA/DC/DE mem */
bool x87_tr_chs(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_abs(X86Ctx *ctx, const X86Insn *in);

bool x87_tr_fld_mem(X86Ctx *ctx, const X86Insn *in);     /* D9/0, DB/0, DB/5, DD/0, DF/0, DF/4, DF/5 */
bool x87_tr_fst_mem(X86Ctx *ctx, const X86Insn *in);     /* D9/2,3 DB/1,2,3,7 DD/1,2,3 DF/1,2,3,6,7 */
bool x87_tr_fld_reg(X86Ctx *ctx, const X86Insn *in);     /* D9 C0+i */
bool x87_tr_fst_reg(X86Ctx *ctx, const X86Insn *in);     /* DD D0+i, D8+i */
bool x87_tr_fxch(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fld_const(X86Ctx *ctx, const X86Insn *in);  /* D9 E8-EE */

bool x87_tr_fcom_reg(X86Ctx *ctx, const X86Insn *in);    /* fcom, fcomp, fucom, fucomp */
bool x87_tr_fcom_mem(X86Ctx *ctx, const X86Insn *in);    /* fcom(p) m32/m64, ficom(p) */
bool x87_tr_fcompp(X86Ctx *ctx, const X86Insn *in);      /* DE D9, DA E9 */
bool x87_tr_fcomi(X86Ctx *ctx, const X86Insn *in);       /* DB E8/F0, DF E8/F0 */
bool x87_tr_ftst(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fxam(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fcmov(X86Ctx *ctx, const X86Insn *in);       /* DA/DB C0-DF */

/* D9 F0-F5, F8-FF: f2xm1 fyl2x fptan fpatan fxtract fprem1 fprem fyl2xp1
 * fsqrt fsincos frndint fscale fsin fcos. */
bool x87_tr_math(X86Ctx *ctx, const X86Insn *in);

bool x87_tr_fldcw(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fnstcw(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fnstsw_mem(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fnstsw_ax(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fnclex(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fninit(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fnstenv(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fldenv(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fnsave(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_frstor(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_ffree(X86Ctx *ctx, const X86Insn *in);      /* DD C0+i; DF C0+i (ffreep) */
bool x87_tr_fincstp(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_fdecstp(X86Ctx *ctx, const X86Insn *in);
bool x87_tr_nop(X86Ctx *ctx, const X86Insn *in);        /* fwait, fneni/fndisi/fsetpm */
bool x87_tr_fnop(X86Ctx *ctx, const X86Insn *in);

bool x86_tr_fxsave(X86Ctx *ctx, const X86Insn *in);
bool x86_tr_fxrstor(X86Ctx *ctx, const X86Insn *in);

/* ---- the i386 signal frame's FP state (x87_control.c) ---------------- */

/* The head of Linux's i386 `struct _fpstate_32`: the 28-byte 32-bit
 * protected-mode FNSTENV environment, then ST(0)..ST(7) as 10 bytes each. */
enum { X86_FSAVE32_ENV_BYTES = 28, X86_FSAVE32_BYTES = 108 };
void x86_x87_fsave32(X86Cpu *cpu, uint8_t out[X86_FSAVE32_BYTES]);
void x86_x87_frstor32(X86Cpu *cpu, const uint8_t in[X86_FSAVE32_BYTES]);

#endif
