/* frontend/x86/int.h — what the general-purpose ISA's files share: the
 * handlers the one form table (int_forms.c) names, and the operand
 * helpers they are written with.
 *
 * Sizes are in bytes (1, 2, 4, 8); a value of size <= 4 is an i32 holding
 * the operand zero-extended, size 8 an i64 (as x86_get_reg gives them).
 */
#ifndef MORPH_X86_INT_H
#define MORPH_X86_INT_H

#include "frontend/x86/decode.h"
#include "frontend/x86/flags.h"

/* ---- operands ------------------------------------------------------------- */

/* A ModRM r/m operand resolved once: a register, or memory at addr (so a
 * read-modify-write computes its address once). */
typedef struct X86Operand {
    bool mem;
    unsigned reg;
    IrTemp addr;
    unsigned size;
} X86Operand;

X86Operand x86_rm_operand(X86Ctx *ctx, const X86Insn *in, unsigned size);
X86Operand x86_reg_operand(unsigned reg, unsigned size);
IrTemp x86_opd_get(X86Ctx *ctx, const X86Insn *in, const X86Operand *o);
void x86_opd_set(X86Ctx *ctx, const X86Insn *in, const X86Operand *o, IrTemp v);

/* Operand size of a form whose opcode bit 0 picks byte (0) or full size (1). */
static inline unsigned x86_bw_size(const X86Insn *in)
{
    return (in->opcode & 1) ? in->opsize : 1;
}

static inline uint64_t x86_size_mask(unsigned size)
{
    return size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

/* The immediate as a value of `size` (truncated to it). */
IrTemp x86_imm(X86Ctx *ctx, const X86Insn *in, unsigned size);
/* v (any width) truncated to size, in x86_type(size). */
IrTemp x86_fit(X86Ctx *ctx, IrTemp v, unsigned size);
/* v of `size` sign-extended to x86_type(to). */
IrTemp x86_sext(X86Ctx *ctx, IrTemp v, unsigned size, unsigned to);

/* Stack: push/pop a value of `size` through SS:rSP (stack width from mode). */
void x86_stack_push(X86Ctx *ctx, const X86Insn *in, unsigned size, IrTemp v);
IrTemp x86_stack_pop(X86Ctx *ctx, const X86Insn *in, unsigned size);
unsigned x86_stack_size(const X86Ctx *ctx);
/* The linear address of stack offset sp (of the stack size, wrapped to
 * it), SS.base added where the mode needs it. */
IrTemp x86_stack_addr(X86Ctx *ctx, IrTemp sp);

/* A conditional exit: pc = this instruction, exception_code = code, exit
 * with reason when (a cond b); the block goes on otherwise. */
void x86_raise_if(X86Ctx *ctx, IrCond cond, IrTemp a, IrTemp b, int reason, int code);

/* Atomically new = fn(old) on memory operand o (a compare-and-swap loop);
 * returns old, *new_out = new, of the iteration that stored. */
typedef IrTemp (*X86RmwFn)(X86Ctx *ctx, const void *arg, unsigned size, IrTemp old);
IrTemp x86_locked_rmw(X86Ctx *ctx, const X86Operand *o, X86RmwFn fn, const void *arg, IrTemp *new_out);

/* ---- handlers (one per form; the table in int_forms.c) -------------------- */
/* Every handler has this type: X86Handler x86_add; declares bool x86_add(ctx, in). */
typedef bool X86Handler(X86Ctx *ctx, const X86Insn *in);

/* int_alu.c */
X86Handler x86_op_alu_rm_reg;
X86Handler x86_op_alu_reg_rm;
X86Handler x86_op_alu_acc_imm;
X86Handler x86_op_alu_rm_imm;
X86Handler x86_op_test_rm_reg;
X86Handler x86_op_test_acc_imm;
X86Handler x86_op_test_rm_imm;
X86Handler x86_op_not;
X86Handler x86_op_neg;
X86Handler x86_op_incdec_rm;
X86Handler x86_op_incdec_reg;
X86Handler x86_op_xchg_rm;
X86Handler x86_op_xchg_acc;
X86Handler x86_op_cmpxchg;
X86Handler x86_op_cmpxchg_double;
X86Handler x86_op_xadd;

/* int_bcd.c */
X86Handler x86_op_bcd_adjust;
X86Handler x86_op_bcd_base;

/* int_shift.c */
X86Handler x86_op_shift_imm;
X86Handler x86_op_shift_one;
X86Handler x86_op_shift_cl;
X86Handler x86_op_shld_shrd;

/* int_muldiv.c */
X86Handler x86_op_mul_acc;
X86Handler x86_op_div_acc;
X86Handler x86_op_imul_reg_rm;
X86Handler x86_op_imul_imm;

/* int_bits.c */
X86Handler x86_op_bt_reg;
X86Handler x86_op_bt_imm;
X86Handler x86_op_bsf_bsr;
X86Handler x86_op_tzcnt_lzcnt;
X86Handler x86_op_popcnt;
X86Handler x86_op_bswap;
X86Handler x86_op_movbe;
X86Handler x86_op_crc32;

/* int_ctl.c */
X86Handler x86_op_jcc;
X86Handler x86_op_jmp_rel;
X86Handler x86_op_jmp_rm;
X86Handler x86_op_call_rel;
X86Handler x86_op_call_rm;
X86Handler x86_op_ret;
X86Handler x86_op_loop;
X86Handler x86_op_jcxz;
X86Handler x86_op_int3;
X86Handler x86_op_int_n;
X86Handler x86_op_syscall;
X86Handler x86_op_privileged;
X86Handler x86_op_ud;

/* int_stack.c */
X86Handler x86_op_push_reg;
X86Handler x86_op_pop_reg;
X86Handler x86_op_push_imm;
X86Handler x86_op_push_rm;
X86Handler x86_op_pop_rm;
X86Handler x86_op_push_seg;
X86Handler x86_op_pop_seg;
X86Handler x86_op_pusha;
X86Handler x86_op_popa;
X86Handler x86_op_pushf;
X86Handler x86_op_popf;
X86Handler x86_op_enter;
X86Handler x86_op_leave;

/* int_string.c */
X86Handler x86_op_string;

/* int_mov.c */
X86Handler x86_op_mov_rm_reg;
X86Handler x86_op_mov_reg_rm;
X86Handler x86_op_mov_rm_imm;
X86Handler x86_op_mov_reg_imm;
X86Handler x86_op_mov_moffs;
X86Handler x86_op_mov_from_seg;
X86Handler x86_op_mov_to_seg;
X86Handler x86_op_movzx;
X86Handler x86_op_movsx;
X86Handler x86_op_movsxd;
X86Handler x86_op_lea;
X86Handler x86_op_cbw;
X86Handler x86_op_cwd;
X86Handler x86_op_xlat;
X86Handler x86_op_cmovcc;
X86Handler x86_op_setcc;

/* int_misc.c */
X86Handler x86_op_nop;
X86Handler x86_op_lahf;
X86Handler x86_op_sahf;
X86Handler x86_op_flag_op;
X86Handler x86_op_do_cpuid;
X86Handler x86_op_rdtsc;
X86Handler x86_op_rdtscp;

/* sys_insn.c: the system instructions. In user mode the privileged
 * ones raise #GP at the instruction as before, the others are #UD. */
X86Handler x86_op_in_out;
X86Handler x86_op_ins_outs;
X86Handler x86_op_cli_sti;
X86Handler x86_op_hlt;
X86Handler x86_op_clts;
X86Handler x86_op_invd;
X86Handler x86_op_mov_cr_dr;
X86Handler x86_op_smsw;
X86Handler x86_op_lmsw;
X86Handler x86_op_msr;
X86Handler x86_op_invlpg;
X86Handler x86_op_swapgs;
X86Handler x86_op_descriptor_table;
X86Handler x86_op_ldt_tr;
X86Handler x86_op_query_selector;
X86Handler x86_op_load_far_pointer;
X86Handler x86_op_far_jmp;
X86Handler x86_op_far_call;
X86Handler x86_op_far_ret;
X86Handler x86_op_iret;
X86Handler x86_op_into;
X86Handler x86_op_sys_fast_call;
/* System mode's side of instructions user mode has too (their handlers
 * call these when ctx->sys). */
X86Handler x86_sys_op_int;     /* int n, int3: through the IVT/IDT */
X86Handler x86_sys_op_syscall;
void x86_sys_gen_load_seg(X86Ctx *ctx, unsigned seg, IrTemp sel); /* then x86_sys_end_segment_load */
void x86_sys_end_segment_load(X86Ctx *ctx, const X86Insn *in);
void x86_sys_gen_popf(X86Ctx *ctx, const X86Insn *in, IrTemp value); /* ends the block */
void x86_sys_gen_cpuid(X86Ctx *ctx);
IrTemp x86_sys_gen_rdtsc(X86Ctx *ctx); /* the TSC (i64); #GP with CR4.TSD above CPL 0 */

#endif
