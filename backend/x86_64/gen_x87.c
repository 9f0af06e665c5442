/* backend/x86_64/gen_x87.c — the x87 ops (x87_rr, x87_rm, x87_st; IrX87Kind
 * in ir/ir.h) as host x87 instructions on env slots.
 *
 * Every sequence starts and ends with the host's x87 stack empty:
 *
 *   x87_rr ARITH      fld tbyte [env+b]; fld tbyte [env+a]; fop st, st(1);
 *                     fnstsw ax; fstp tbyte [env+a]; fstp st(0)
 *   x87_rr COMPARE    fld [b]; fld [a]; fcompp | fucompp; fnstsw ax
 *   x87_rr UNARY      fld [b] | fld1 | fldz; fchs | fabs | fsqrt; fnstsw ax; fstp [a]
 *   x87_rr COPY/SWAP  integer moves of the 8 + 2 bytes
 *   x87_rm ARITH_MEM  mov [rsp-16], b; fld [a]; fop m [rsp-16]; fnstsw ax; fstp [a]
 *   x87_rm LOAD       mov [rsp-16], b; fld/fild m [rsp-16]; fnstsw ax; fstp [a]
 *   x87_st STORE      fld [a]; fstp/fistp m [rsp-16]; fnstsw ax; load d1
 *
 * Memory operands are staged in the red zone below rsp (the kernel keeps
 * it across signal delivery). The interpreter runs the same sequences
 * (backend/interp/interp_x87.c), which is what keeps the two bit-exact.
 */
#include "backend/x86_64/jit_internal.h"

/* An x87 instruction with a memory operand: opcode byte, ModRM.reg digit. */
typedef struct X87MemInsn {
    uint8_t opcode, digit;
} X87MemInsn;

static const X87MemInsn fld_m80 = {0xdb, 5}, fstp_m80 = {0xdb, 7};

/* Loads and stores of each IrX87Format; the arithmetic escape byte. */
static const X87MemInsn load_insn[IR_X87_NFORMATS] = {
    [IR_X87_M32FP] = {0xd9, 0}, [IR_X87_M64FP] = {0xdd, 0}, [IR_X87_M16INT] = {0xdf, 0},
    [IR_X87_M32INT] = {0xdb, 0}, [IR_X87_M64INT] = {0xdf, 5},
};
static const X87MemInsn store_insn[IR_X87_NFORMATS] = {
    [IR_X87_M32FP] = {0xd9, 3}, [IR_X87_M64FP] = {0xdd, 3}, [IR_X87_M16INT] = {0xdf, 3},
    [IR_X87_M32INT] = {0xdb, 3}, [IR_X87_M64INT] = {0xdf, 7},
};
static const uint8_t arith_escape[IR_X87_NFORMATS] = {
    [IR_X87_M32FP] = 0xd8, [IR_X87_M64FP] = 0xdc, [IR_X87_M16INT] = 0xde, [IR_X87_M32INT] = 0xda,
};
static const uint8_t format_bytes[IR_X87_NFORMATS] = {4, 8, 2, 4, 8};

/* UNARY: the instruction that makes the value (0: fld [b]), then the one
 * that transforms it (0: none). */
static const uint16_t unary_insn[IR_X87_NUNARY][2] = {
    [IR_X87_CHS] = {0, 0xd9e0}, [IR_X87_ABS] = {0, 0xd9e1}, [IR_X87_SQRT] = {0, 0xd9fa},
    [IR_X87_LD1] = {0xd9e8, 0}, [IR_X87_LDZ] = {0xd9ee, 0},
};

enum { RED_ZONE_SLOT = -16 };

/* opcode /digit [base + index + disp32] (index X86_NOREG: none; never rsp). */
static void emit_x87_mem(X86Emit *e, X87MemInsn insn, X86Reg base, X86Reg index, int32_t disp)
{
    unsigned rex = 0x40 | (index != X86_NOREG && index >= X86_R8 ? 2 : 0) | (base >= X86_R8 ? 1 : 0);
    if (rex != 0x40)
        x86_byte(e, (uint8_t)rex);
    x86_byte(e, insn.opcode);
    if (index == X86_NOREG && (base & 7) != 4) {
        x86_byte(e, (uint8_t)(0x80 | insn.digit << 3 | (base & 7)));
    } else {
        x86_byte(e, (uint8_t)(0x80 | insn.digit << 3 | 4));
        x86_byte(e, (uint8_t)(((index == X86_NOREG ? 4 : index) & 7) << 3 | (base & 7)));
    }
    x86_u32(e, (uint32_t)disp);
}

static void emit_slot(X86Emit *e, X87MemInsn insn, X86Reg slot)
{
    emit_x87_mem(e, insn, JIT_ENV, slot, 0);
}

static void emit_red_zone(X86Emit *e, X87MemInsn insn)
{
    emit_x87_mem(e, insn, X86_RSP, X86_NOREG, RED_ZONE_SLOT);
}

static void emit_x87_op(X86Emit *e, uint16_t two_bytes)
{
    x86_byte(e, (uint8_t)(two_bytes >> 8));
    x86_byte(e, (uint8_t)two_bytes);
}

enum { FNSTSW_AX = 0xdfe0, FSTP_ST0 = 0xddd8, FCOMPP = 0xded9, FUCOMPP = 0xdae9 };

static void gen_copy_or_swap(JitCtx *c, const IrInsn *in, bool swap)
{
    X86Reg a = jit_in(c, in->use[0]), b = jit_in(c, in->use[1]);
    X86Reg t = jit_scratch(c, JIT_GPRS), u = jit_scratch(c, JIT_GPRS);
    X86Mem a_lo = x86_mem_idx(JIT_ENV, a, 1, 0), a_hi = x86_mem_idx(JIT_ENV, a, 1, 8);
    X86Mem b_lo = x86_mem_idx(JIT_ENV, b, 1, 0), b_hi = x86_mem_idx(JIT_ENV, b, 1, 8);
    jit_out_const(c, in->def[0], 0);
    x86_load(&c->e, t, b_lo, 8, false, true);
    if (swap)
        x86_load(&c->e, u, a_lo, 8, false, true);
    x86_store(&c->e, a_lo, t, 8);
    if (swap)
        x86_store(&c->e, b_lo, u, 8);
    x86_load(&c->e, t, b_hi, 2, false, false);
    if (swap)
        x86_load(&c->e, u, a_hi, 2, false, false);
    x86_store(&c->e, a_hi, t, 2);
    if (swap)
        x86_store(&c->e, b_hi, u, 2);
}

void jit_gen_x87(JitCtx *c, const IrInsn *in)
{
    IrX87Kind kind = (IrX87Kind)(in->imm & 0xff);
    unsigned sel = (unsigned)(in->imm >> 8) & 0xff;
    X86Emit *e = &c->e;

    if (kind == IR_X87_COPY || kind == IR_X87_SWAP) {
        gen_copy_or_swap(c, in, kind == IR_X87_SWAP);
        return;
    }
    jit_claim(c, X86_RAX);
    X86Reg a = jit_in(c, in->use[0]);
    X86Reg b = in->op == IR_OP_x87_st ? X86_NOREG : jit_in(c, in->use[1]);
    X86Reg d1 = in->op == IR_OP_x87_st ? jit_out(c, in->def[1]) : X86_NOREG;
    jit_out_fixed(c, in->def[0], X86_RAX);

    switch (kind) {
    case IR_X87_ARITH:
        emit_slot(e, fld_m80, b);
        emit_slot(e, fld_m80, a);
        emit_x87_op(e, (uint16_t)(0xd8c1 | (sel & 7) << 3)); /* fop st, st(1) */
        emit_x87_op(e, FNSTSW_AX);
        emit_slot(e, fstp_m80, a);
        emit_x87_op(e, FSTP_ST0);
        break;
    case IR_X87_COMPARE:
        emit_slot(e, fld_m80, b);
        emit_slot(e, fld_m80, a);
        emit_x87_op(e, sel ? FUCOMPP : FCOMPP);
        emit_x87_op(e, FNSTSW_AX);
        break;
    case IR_X87_UNARY:
        if (unary_insn[sel][0])
            emit_x87_op(e, unary_insn[sel][0]);
        else
            emit_slot(e, fld_m80, b);
        if (unary_insn[sel][1])
            emit_x87_op(e, unary_insn[sel][1]);
        emit_x87_op(e, FNSTSW_AX);
        emit_slot(e, fstp_m80, a);
        break;
    case IR_X87_ARITH_MEM:
        x86_store(e, x86_mem(X86_RSP, RED_ZONE_SLOT), b, 8);
        emit_slot(e, fld_m80, a);
        emit_red_zone(e, (X87MemInsn){arith_escape[sel >> 3], (uint8_t)(sel & 7)});
        emit_x87_op(e, FNSTSW_AX);
        emit_slot(e, fstp_m80, a);
        break;
    case IR_X87_LOAD:
        x86_store(e, x86_mem(X86_RSP, RED_ZONE_SLOT), b, 8);
        emit_red_zone(e, load_insn[sel]);
        emit_x87_op(e, FNSTSW_AX);
        emit_slot(e, fstp_m80, a);
        break;
    case IR_X87_STORE:
        emit_slot(e, fld_m80, a);
        emit_red_zone(e, store_insn[sel]);
        emit_x87_op(e, FNSTSW_AX);
        x86_load(e, d1, x86_mem(X86_RSP, RED_ZONE_SLOT), format_bytes[sel], false, true);
        break;
    default:
        x86_ud2(e);
        break;
    }
    x86_movzx(e, false, X86_RAX, X86_RAX, 2);
}
