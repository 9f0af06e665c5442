/* backend/x86_64/emit.c — the x86-64 instruction encoder behind emit.h.
 *
 * Every legacy-encoded form goes through one routine, encode(), which
 * writes the prefixes, REX, opcode map, opcode and the ModRM/SIB/disp
 * bytes of one r/m operand (a register or an X86Mem); every VEX form
 * (BMI1/BMI2/FMA3) goes through encode_vex(). An opcode is a small
 * integer: the opcode byte plus OPC_ flags for its prefixes and map.
 *
 *   [lock] [66|f2|f3] [REX 0100WRXB] [0f [38|3a]] op  ModRM [SIB] [disp] [imm]
 *   ModRM = mod(2) reg(3) rm(3)      SIB = scale(2) index(3) base(3)
 *   VEX3  = c4  ~R ~X ~B mmmmm  W ~vvvv L pp   op  ModRM ...
 */
#include "backend/x86_64/emit.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

enum {
    OPC_0F = 1u << 8,        /* two-byte opcode map 0f xx */
    OPC_0F38 = 1u << 9,      /* three-byte map 0f 38 xx */
    OPC_0F3A = 1u << 10,     /* three-byte map 0f 3a xx */
    OPC_66 = 1u << 11,       /* operand-size prefix, or SSE "pd/66" selector */
    OPC_F2 = 1u << 12,       /* SSE "sd" selector / VEX pp = f2 */
    OPC_F3 = 1u << 13,       /* SSE "ss" selector / VEX pp = f3 */
    OPC_W = 1u << 14,        /* REX.W / VEX.W: 64-bit operand */
    OPC_LOCK = 1u << 15,     /* lock prefix */
    OPC_BYTE_REG = 1u << 16, /* ModRM.reg names a byte register (spl..dil need REX) */
    OPC_BYTE_RM = 1u << 17,  /* ModRM.rm names a byte register */
};

enum {
    REX_BASE = 0x40, /* 0100WRXB */
    REX_W = 0x08,    /* 64-bit operand size */
    REX_R = 0x04,    /* extends ModRM.reg */
    REX_X = 0x02,    /* extends SIB.index */
    REX_B = 0x01,    /* extends ModRM.rm, SIB.base or the opcode register */
    MOD_DISP0 = 0x00,
    MOD_DISP8 = 0x40,
    MOD_DISP32 = 0x80,
    MOD_REG = 0xc0,
    RM_SIB = 4,      /* ModRM.rm value that announces a SIB byte */
    SIB_NO_INDEX = 4,
    SIB_NO_BASE = 5, /* with mod 00: disp32 and no base */
};

static unsigned low3(X86Reg r) { return r & 7; }
static unsigned high1(X86Reg r) { return (r >> 3) & 1; } /* XMM regs: number 16+n */

static uint32_t opc_w(bool w64) { return w64 ? OPC_W : 0; }

/* --- raw bytes ---------------------------------------------------------- */

void x86_emit_init(X86Emit *e, uint8_t *buf, size_t cap)
{
    *e = (X86Emit){.buf = buf, .cap = cap};
}

void x86_byte(X86Emit *e, uint8_t b)
{
    if (e->len < e->cap)
        e->buf[e->len++] = b;
    else
        e->overflow = true;
}

void x86_bytes(X86Emit *e, const void *p, size_t n)
{
    if (n <= e->cap - e->len) { /* one copy; else up to the end, overflow */
        memcpy(e->buf + e->len, p, n);
        e->len += n;
        return;
    }
    const uint8_t *bytes = p;
    for (size_t i = 0; i < n; i++)
        x86_byte(e, bytes[i]);
}

void x86_u32(X86Emit *e, uint32_t v)
{
    const uint8_t le[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    x86_bytes(e, le, sizeof le);
}

void x86_u64(X86Emit *e, uint64_t v)
{
    x86_u32(e, (uint32_t)v);
    x86_u32(e, (uint32_t)(v >> 32));
}

static void emit_u16(X86Emit *e, uint16_t v)
{
    x86_byte(e, (uint8_t)v);
    x86_byte(e, (uint8_t)(v >> 8));
}

/* The NOPs the Intel SDM recommends, by length (vol. 2B, "NOP"). */
static const uint8_t nop_forms[10][9] = {
    [1] = {0x90},
    [2] = {0x66, 0x90},
    [3] = {0x0f, 0x1f, 0x00},
    [4] = {0x0f, 0x1f, 0x40, 0x00},
    [5] = {0x0f, 0x1f, 0x44, 0x00, 0x00},
    [6] = {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
    [7] = {0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00},
    [8] = {0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    [9] = {0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
};

void x86_align(X86Emit *e, unsigned align, unsigned phase)
{
    size_t pad = (phase + align - e->len % align) % align;
    while (pad > 0 && !e->overflow) {
        size_t n = pad < 9 ? pad : 9;
        x86_bytes(e, nop_forms[n], n);
        pad -= n;
    }
}

/* --- the one encoder ---------------------------------------------------- */

/* Register r as a byte operand without REX is ah..bh for 4..7: these need
 * a REX prefix to mean spl, bpl, sil, dil. */
static bool needs_rex_for_byte(X86Reg r) { return r >= X86_RSP && r <= X86_RDI; }

/* Prefixes, REX and opcode bytes; rex holds the R/X/B bits already. */
static void emit_opcode(X86Emit *e, uint32_t opc, unsigned rex, bool force_rex)
{
    if (opc & OPC_LOCK)
        x86_byte(e, 0xf0);
    if (opc & OPC_66)
        x86_byte(e, 0x66);
    if (opc & OPC_F2)
        x86_byte(e, 0xf2);
    if (opc & OPC_F3)
        x86_byte(e, 0xf3);
    if (opc & OPC_W)
        rex |= REX_W;
    if (rex || force_rex)
        x86_byte(e, (uint8_t)(REX_BASE | rex));
    if (opc & (OPC_0F | OPC_0F38 | OPC_0F3A))
        x86_byte(e, 0x0f);
    if (opc & OPC_0F38)
        x86_byte(e, 0x38);
    if (opc & OPC_0F3A)
        x86_byte(e, 0x3a);
    x86_byte(e, (uint8_t)opc);
}

static uint8_t modrm(unsigned mod, unsigned reg, unsigned rm)
{
    return (uint8_t)(mod | (reg & 7) << 3 | (rm & 7));
}

static unsigned scale_bits(uint8_t scale)
{
    static const uint8_t bits_of_scale[9] = {[1] = 0, [2] = 1, [4] = 2, [8] = 3};
    assert(scale == 1 || scale == 2 || scale == 4 || scale == 8);
    return bits_of_scale[scale];
}

static bool fits_i8(int64_t v) { return v >= -128 && v <= 127; }

/* ModRM, SIB and displacement for a memory operand with ModRM.reg = reg. */
static void emit_mem_operand(X86Emit *e, unsigned reg, X86Mem m)
{
    assert(m.index != X86_RSP); /* SIB index 100 means "none" */
    if (m.base == X86_NOREG) { /* [index*scale + disp32] or [disp32] */
        unsigned index = m.index == X86_NOREG ? SIB_NO_INDEX : low3(m.index);
        unsigned scale = m.index == X86_NOREG ? 0 : scale_bits(m.scale);
        x86_byte(e, modrm(MOD_DISP0, reg, RM_SIB));
        x86_byte(e, (uint8_t)(scale << 6 | index << 3 | SIB_NO_BASE));
        x86_u32(e, (uint32_t)m.disp);
        return;
    }
    /* rbp/r13 as base with mod 00 would mean "no base": use disp8 0. */
    unsigned mod = m.disp == 0 && low3(m.base) != X86_RBP ? MOD_DISP0
                   : fits_i8(m.disp)                      ? MOD_DISP8
                                                          : MOD_DISP32;
    bool sib = m.index != X86_NOREG || low3(m.base) == X86_RSP;
    x86_byte(e, modrm(mod, reg, sib ? RM_SIB : low3(m.base)));
    if (sib) {
        unsigned index = m.index == X86_NOREG ? SIB_NO_INDEX : low3(m.index);
        unsigned scale = m.index == X86_NOREG ? 0 : scale_bits(m.scale);
        x86_byte(e, (uint8_t)(scale << 6 | index << 3 | low3(m.base)));
    }
    if (mod == MOD_DISP8)
        x86_byte(e, (uint8_t)m.disp);
    else if (mod == MOD_DISP32)
        x86_u32(e, (uint32_t)m.disp);
}

static unsigned mem_rex(X86Mem m)
{
    unsigned rex = 0;
    if (m.base != X86_NOREG && high1(m.base))
        rex |= REX_B;
    if (m.index != X86_NOREG && high1(m.index))
        rex |= REX_X;
    return rex;
}

/* One instruction `opc` with ModRM.reg = reg (a register or a /digit) and
 * ModRM.rm = the register rm. */
static void encode_rr(X86Emit *e, uint32_t opc, unsigned reg, X86Reg rm)
{
    unsigned rex = (high1((X86Reg)reg) ? REX_R : 0) | (high1(rm) ? REX_B : 0);
    bool force = ((opc & OPC_BYTE_REG) && needs_rex_for_byte((X86Reg)reg)) ||
                 ((opc & OPC_BYTE_RM) && needs_rex_for_byte(rm));
    emit_opcode(e, opc, rex, force);
    x86_byte(e, modrm(MOD_REG, reg, low3(rm)));
}

/* One instruction `opc` with ModRM.reg = reg and a memory operand. */
static void encode_rm(X86Emit *e, uint32_t opc, unsigned reg, X86Mem m)
{
    unsigned rex = (high1((X86Reg)reg) ? REX_R : 0) | mem_rex(m);
    bool force = (opc & OPC_BYTE_REG) && needs_rex_for_byte((X86Reg)reg);
    emit_opcode(e, opc, rex, force);
    emit_mem_operand(e, reg, m);
}

/* One instruction with the register in the opcode's low three bits. */
static void encode_plus_reg(X86Emit *e, uint32_t opc, X86Reg r)
{
    emit_opcode(e, opc + low3(r), high1(r) ? REX_B : 0, false);
}

/* VEX-encoded register form: ModRM.reg = reg, VEX.vvvv = v, ModRM.rm = rm.
 * The map and pp come from the OPC_ flags; always the three-byte VEX. */
static void encode_vex(X86Emit *e, uint32_t opc, X86Reg reg, X86Reg v, X86Reg rm)
{
    unsigned map = opc & OPC_0F3A ? 3 : opc & OPC_0F38 ? 2 : 1;
    unsigned pp = opc & OPC_66 ? 1 : opc & OPC_F3 ? 2 : opc & OPC_F2 ? 3 : 0;
    unsigned vvvv = v == X86_NOREG ? 0 : (v & 15);
    x86_byte(e, 0xc4);
    x86_byte(e, (uint8_t)((high1(reg) ? 0 : 0x80) | 0x40 /* ~X */ | (high1(rm) ? 0 : 0x20) | map));
    x86_byte(e, (uint8_t)((opc & OPC_W ? 0x80 : 0) | (~vvvv & 15) << 3 | pp));
    x86_byte(e, (uint8_t)opc);
    x86_byte(e, modrm(MOD_REG, reg, low3(rm)));
}

/* --- integer moves ------------------------------------------------------ */

void x86_mov_rr(X86Emit *e, bool w64, X86Reg dst, X86Reg src)
{
    encode_rr(e, 0x8b | opc_w(w64), dst, src);
}

void x86_mov_ri(X86Emit *e, X86Reg dst, uint64_t imm, bool keep_flags)
{
    if (imm == 0 && !keep_flags) {
        x86_alu_rr(e, X86_XOR, false, dst, dst);
    } else if (imm <= UINT32_MAX) {
        encode_plus_reg(e, 0xb8, dst);
        x86_u32(e, (uint32_t)imm);
    } else if ((int64_t)imm == (int32_t)imm) {
        encode_rr(e, 0xc7 | OPC_W, 0, dst);
        x86_u32(e, (uint32_t)imm);
    } else {
        encode_plus_reg(e, 0xb8 | OPC_W, dst);
        x86_u64(e, imm);
    }
}

/* Loads by size: zero-extending and sign-extending opcodes. A zero
 * extension to 64 bits needs no REX.W (32-bit writes clear the top). */
void x86_load(X86Emit *e, X86Reg dst, X86Mem m, unsigned size, bool sign, bool w64)
{
    switch (size) {
    case 1:
        encode_rm(e, (sign ? 0xbe | opc_w(w64) : 0xb6) | OPC_0F, dst, m);
        break;
    case 2:
        encode_rm(e, (sign ? 0xbf | opc_w(w64) : 0xb7) | OPC_0F, dst, m);
        break;
    case 4:
        encode_rm(e, sign && w64 ? 0x63 | OPC_W : 0x8b, dst, m);
        break;
    default:
        assert(size == 8);
        encode_rm(e, 0x8b | OPC_W, dst, m);
        break;
    }
}

/* Operand-size selection for the classic byte/word/dword/qword forms:
 * the byte opcode is one less than the others. */
static uint32_t sized_opc(uint32_t opc_full, unsigned size)
{
    static const uint32_t size_flags[9] = {
        [1] = 0, [2] = OPC_66, [4] = 0, [8] = OPC_W,
    };
    assert(size == 1 || size == 2 || size == 4 || size == 8);
    return size == 1 ? (opc_full - 1) : opc_full | size_flags[size];
}

void x86_store(X86Emit *e, X86Mem m, X86Reg src, unsigned size)
{
    encode_rm(e, sized_opc(0x89, size) | (size == 1 ? OPC_BYTE_REG : 0), src, m);
}

void x86_store_imm(X86Emit *e, X86Mem m, int32_t imm, unsigned size)
{
    encode_rm(e, sized_opc(0xc7, size), 0, m);
    if (size == 1)
        x86_byte(e, (uint8_t)imm);
    else if (size == 2)
        emit_u16(e, (uint16_t)imm);
    else
        x86_u32(e, (uint32_t)imm);
}

void x86_lea(X86Emit *e, bool w64, X86Reg dst, X86Mem m)
{
    encode_rm(e, 0x8d | opc_w(w64), dst, m);
}

void x86_movzx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, unsigned from_size)
{
    (void)w64; /* the 32-bit form clears the upper half already */
    assert(from_size == 1 || from_size == 2);
    if (from_size == 1)
        encode_rr(e, 0xb6 | OPC_0F | OPC_BYTE_RM, dst, src);
    else
        encode_rr(e, 0xb7 | OPC_0F, dst, src);
}

void x86_movsx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, unsigned from_size)
{
    if (from_size == 1)
        encode_rr(e, 0xbe | OPC_0F | OPC_BYTE_RM | opc_w(w64), dst, src);
    else if (from_size == 2)
        encode_rr(e, 0xbf | OPC_0F | opc_w(w64), dst, src);
    else if (w64)
        encode_rr(e, 0x63 | OPC_W, dst, src);
    else
        x86_mov_rr(e, false, dst, src);
}

static uint32_t movbe_size_flags(unsigned size)
{
    assert(size == 2 || size == 4 || size == 8);
    return size == 2 ? OPC_66 : size == 8 ? OPC_W : 0;
}

void x86_movbe_load(X86Emit *e, X86Reg dst, X86Mem m, unsigned size)
{
    encode_rm(e, 0xf0 | OPC_0F38 | movbe_size_flags(size), dst, m);
}

void x86_movbe_store(X86Emit *e, X86Mem m, X86Reg src, unsigned size)
{
    encode_rm(e, 0xf1 | OPC_0F38 | movbe_size_flags(size), src, m);
}

void x86_bswap(X86Emit *e, bool w64, X86Reg r)
{
    encode_plus_reg(e, 0xc8 | OPC_0F | opc_w(w64), r);
}

void x86_rol16_8(X86Emit *e, X86Reg r)
{
    encode_rr(e, 0xc1 | OPC_66, X86_ROL, r);
    x86_byte(e, 8);
}

void x86_xchg_rr(X86Emit *e, bool w64, X86Reg a, X86Reg b)
{
    encode_rr(e, 0x87 | opc_w(w64), b, a);
}

/* --- integer arithmetic ------------------------------------------------- */

/* The ALU opcode families: op*8 + 1 is "r/m op= reg", op*8 + 3 is
 * "reg op= r/m", 0x83 /op ib and 0x81 /op id take immediates. */
static uint32_t alu_opc_rm_reg(X86Alu op) { return (uint32_t)op << 3 | 0x01; }
static uint32_t alu_opc_reg_rm(X86Alu op) { return (uint32_t)op << 3 | 0x03; }

void x86_alu_rr(X86Emit *e, X86Alu op, bool w64, X86Reg dst, X86Reg src)
{
    encode_rr(e, alu_opc_rm_reg(op) | opc_w(w64), src, dst);
}

void x86_alu_ri(X86Emit *e, X86Alu op, bool w64, X86Reg dst, int32_t imm)
{
    if (fits_i8(imm)) {
        encode_rr(e, 0x83 | opc_w(w64), op, dst);
        x86_byte(e, (uint8_t)imm);
    } else if (dst == X86_RAX) { /* op eax/rax, imm32: no ModRM */
        emit_opcode(e, ((uint32_t)op << 3 | 0x05) | opc_w(w64), 0, false);
        x86_u32(e, (uint32_t)imm);
    } else {
        encode_rr(e, 0x81 | opc_w(w64), op, dst);
        x86_u32(e, (uint32_t)imm);
    }
}

void x86_alu_rm(X86Emit *e, X86Alu op, bool w64, X86Reg dst, X86Mem m)
{
    encode_rm(e, alu_opc_reg_rm(op) | opc_w(w64), dst, m);
}

void x86_alu_mr(X86Emit *e, X86Alu op, bool w64, X86Mem m, X86Reg src)
{
    encode_rm(e, alu_opc_rm_reg(op) | opc_w(w64), src, m);
}

/* op [m], imm for any size: 0x80 /op ib for bytes, else imm8 or imm32. */
static void alu_mem_imm(X86Emit *e, X86Alu op, X86Mem m, int32_t imm, unsigned size)
{
    if (size == 1) {
        encode_rm(e, 0x80, op, m);
        x86_byte(e, (uint8_t)imm);
    } else if (fits_i8(imm)) {
        encode_rm(e, sized_opc(0x83, size), op, m);
        x86_byte(e, (uint8_t)imm);
    } else {
        encode_rm(e, sized_opc(0x81, size), op, m);
        if (size == 2)
            emit_u16(e, (uint16_t)imm);
        else
            x86_u32(e, (uint32_t)imm);
    }
}

void x86_alu_mi(X86Emit *e, X86Alu op, bool w64, X86Mem m, int32_t imm)
{
    alu_mem_imm(e, op, m, imm, w64 ? 8 : 4);
}

void x86_cmp_mi(X86Emit *e, X86Mem m, int32_t imm, unsigned size)
{
    alu_mem_imm(e, X86_CMP, m, imm, size);
}

void x86_test_rr(X86Emit *e, bool w64, X86Reg a, X86Reg b)
{
    encode_rr(e, 0x85 | opc_w(w64), b, a);
}

void x86_test_ri(X86Emit *e, bool w64, X86Reg a, int32_t imm)
{
    if (a == X86_RAX) {
        emit_opcode(e, 0xa9 | opc_w(w64), 0, false);
    } else {
        encode_rr(e, 0xf7 | opc_w(w64), 0, a);
    }
    x86_u32(e, (uint32_t)imm);
}

void x86_shift_ri(X86Emit *e, X86Shift op, bool w64, X86Reg r, uint8_t count)
{
    if (count == 1) {
        encode_rr(e, 0xd1 | opc_w(w64), op, r);
    } else {
        encode_rr(e, 0xc1 | opc_w(w64), op, r);
        x86_byte(e, count);
    }
}

void x86_shift_cl(X86Emit *e, X86Shift op, bool w64, X86Reg r)
{
    encode_rr(e, 0xd3 | opc_w(w64), op, r);
}

/* BMI2 shifts: VEX.LZ.pp.0F38 F7 /r with the count in VEX.vvvv. */
void x86_shlx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, X86Reg count)
{
    encode_vex(e, 0xf7 | OPC_0F38 | OPC_66 | opc_w(w64), dst, count, src);
}

void x86_shrx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, X86Reg count)
{
    encode_vex(e, 0xf7 | OPC_0F38 | OPC_F2 | opc_w(w64), dst, count, src);
}

void x86_sarx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, X86Reg count)
{
    encode_vex(e, 0xf7 | OPC_0F38 | OPC_F3 | opc_w(w64), dst, count, src);
}

void x86_rorx(X86Emit *e, bool w64, X86Reg dst, X86Reg src, uint8_t count)
{
    encode_vex(e, 0xf0 | OPC_0F3A | OPC_F2 | opc_w(w64), dst, X86_NOREG, src);
    x86_byte(e, count);
}

/* The group-3 one-operand forms: f7 /digit. */
enum { GRP3_NOT = 2, GRP3_NEG = 3, GRP3_MUL = 4, GRP3_IMUL = 5, GRP3_DIV = 6, GRP3_IDIV = 7 };

static void group3(X86Emit *e, unsigned digit, bool w64, X86Reg r)
{
    encode_rr(e, 0xf7 | opc_w(w64), digit, r);
}

void x86_not(X86Emit *e, bool w64, X86Reg r) { group3(e, GRP3_NOT, w64, r); }
void x86_neg(X86Emit *e, bool w64, X86Reg r) { group3(e, GRP3_NEG, w64, r); }
void x86_mul1(X86Emit *e, bool w64, X86Reg src) { group3(e, GRP3_MUL, w64, src); }
void x86_imul1(X86Emit *e, bool w64, X86Reg src) { group3(e, GRP3_IMUL, w64, src); }
void x86_div1(X86Emit *e, bool w64, X86Reg src) { group3(e, GRP3_DIV, w64, src); }
void x86_idiv1(X86Emit *e, bool w64, X86Reg src) { group3(e, GRP3_IDIV, w64, src); }

void x86_imul_rr(X86Emit *e, bool w64, X86Reg dst, X86Reg src)
{
    encode_rr(e, 0xaf | OPC_0F | opc_w(w64), dst, src);
}

void x86_imul_rri(X86Emit *e, bool w64, X86Reg dst, X86Reg src, int32_t imm)
{
    if (fits_i8(imm)) {
        encode_rr(e, 0x6b | opc_w(w64), dst, src);
        x86_byte(e, (uint8_t)imm);
    } else {
        encode_rr(e, 0x69 | opc_w(w64), dst, src);
        x86_u32(e, (uint32_t)imm);
    }
}

void x86_cdq(X86Emit *e, bool w64)
{
    emit_opcode(e, 0x99 | opc_w(w64), 0, false);
}

void x86_lzcnt(X86Emit *e, bool w64, X86Reg dst, X86Reg src)
{
    encode_rr(e, 0xbd | OPC_F3 | OPC_0F | opc_w(w64), dst, src);
}

void x86_tzcnt(X86Emit *e, bool w64, X86Reg dst, X86Reg src)
{
    encode_rr(e, 0xbc | OPC_F3 | OPC_0F | opc_w(w64), dst, src);
}

void x86_popcnt(X86Emit *e, bool w64, X86Reg dst, X86Reg src)
{
    encode_rr(e, 0xb8 | OPC_F3 | OPC_0F | opc_w(w64), dst, src);
}

void x86_andn(X86Emit *e, bool w64, X86Reg dst, X86Reg a, X86Reg b)
{
    encode_vex(e, 0xf2 | OPC_0F38 | opc_w(w64), dst, a, b);
}

void x86_setcc(X86Emit *e, X86Cond cc, X86Reg dst8)
{
    encode_rr(e, (0x90 + cc) | OPC_0F | OPC_BYTE_RM, 0, dst8);
}

void x86_cmovcc(X86Emit *e, X86Cond cc, bool w64, X86Reg dst, X86Reg src)
{
    encode_rr(e, (0x40 + cc) | OPC_0F | opc_w(w64), dst, src);
}

void x86_lock_cmpxchg(X86Emit *e, X86Mem m, X86Reg src, unsigned size)
{
    encode_rm(e, sized_opc(0xb1, size) | OPC_0F | OPC_LOCK | (size == 1 ? OPC_BYTE_REG : 0),
              src, m);
}

void x86_mfence(X86Emit *e)
{
    static const uint8_t mfence[] = {0x0f, 0xae, 0xf0};
    x86_bytes(e, mfence, sizeof(mfence));
}

/* --- stack and control -------------------------------------------------- */

void x86_push(X86Emit *e, X86Reg r) { encode_plus_reg(e, 0x50, r); }
void x86_pop(X86Emit *e, X86Reg r) { encode_plus_reg(e, 0x58, r); }
void x86_ret(X86Emit *e) { x86_byte(e, 0xc3); }

/* Group 5 (ff /digit): near indirect call and jump. */
enum { GRP5_CALL = 2, GRP5_JMP = 4 };

void x86_call_r(X86Emit *e, X86Reg r) { encode_rr(e, 0xff, GRP5_CALL, r); }
void x86_jmp_r(X86Emit *e, X86Reg r) { encode_rr(e, 0xff, GRP5_JMP, r); }
void x86_jmp_m(X86Emit *e, X86Mem m) { encode_rm(e, 0xff, GRP5_JMP, m); }

void x86_ud2(X86Emit *e)
{
    x86_byte(e, 0x0f);
    x86_byte(e, 0x0b);
}

enum { OP_JMP_REL8 = 0xeb, OP_JMP_REL32 = 0xe9, OP_JCC_REL8 = 0x70, OP_JCC_REL32 = 0x80 };

/* Write the opcode of a rel32 jump and a rel32 reaching target; returns the
 * field offset. */
static size_t emit_rel32_jump(X86Emit *e, int cc, size_t target)
{
    if (cc < 0) {
        x86_byte(e, OP_JMP_REL32);
    } else {
        x86_byte(e, 0x0f);
        x86_byte(e, (uint8_t)(OP_JCC_REL32 + cc));
    }
    size_t field = e->len;
    x86_u32(e, (uint32_t)(int32_t)((int64_t)target - (int64_t)(field + 4)));
    return field;
}

size_t x86_jmp_to(X86Emit *e, size_t target) { return emit_rel32_jump(e, -1, target); }

size_t x86_jcc_to(X86Emit *e, X86Cond cc, size_t target)
{
    return emit_rel32_jump(e, (int)cc, target);
}

void x86_patch_rel32(uint8_t *write, const uint8_t *exec, size_t field_off, const uint8_t *target)
{
    int64_t rel = (intptr_t)target - (intptr_t)(exec + field_off + 4);
    assert(rel == (int32_t)rel);
    uint32_t field = (uint32_t)(int32_t)rel;
    if (field_off % 4 == 0)
        __atomic_store_n((uint32_t *)(void *)(write + field_off), field, __ATOMIC_RELEASE);
    else
        memcpy(write + field_off, &field, sizeof(field));
}

/* --- labels ------------------------------------------------------------- */

void x86_label_init(X86Label *l)
{
    *l = (X86Label){.pos = -1};
}

static void patch_local_rel32(X86Emit *e, uint32_t field, int32_t target)
{
    if ((size_t)field + 4 > e->len) /* dropped on overflow */
        return;
    uint32_t rel = (uint32_t)(target - (int32_t)(field + 4));
    memcpy(e->buf + field, &rel, sizeof(rel));
}

void x86_label_bind(X86Emit *e, X86Label *l)
{
    l->pos = (int32_t)e->len;
    for (X86Label *part = l; part; part = part->more) {
        for (uint32_t i = 0; i < part->nfix; i++)
            patch_local_rel32(e, part->fix[i], l->pos);
        part->nfix = 0;
    }
}

static void label_add_fix(X86Label *l, uint32_t field)
{
    X86Label *part = l;
    while (part->nfix == sizeof(part->fix) / sizeof(part->fix[0])) {
        if (!part->more) {
            part->more = calloc(1, sizeof(*part->more));
            if (!part->more)
                abort();
        }
        part = part->more;
    }
    part->fix[part->nfix++] = field;
}

/* A jump to l: rel8 when bound within reach, else rel32 (fixed up later
 * when l is not bound yet). cc < 0 is jmp. */
static void jump_to_label(X86Emit *e, int cc, X86Label *l)
{
    if (l->pos >= 0) {
        int64_t rel8 = (int64_t)l->pos - (int64_t)(e->len + 2);
        if (fits_i8(rel8)) {
            x86_byte(e, cc < 0 ? OP_JMP_REL8 : (uint8_t)(OP_JCC_REL8 + cc));
            x86_byte(e, (uint8_t)rel8);
        } else {
            emit_rel32_jump(e, cc, (size_t)l->pos);
        }
        return;
    }
    size_t field = emit_rel32_jump(e, cc, e->len);
    label_add_fix(l, (uint32_t)field);
}

void x86_jmp_label(X86Emit *e, X86Label *l) { jump_to_label(e, -1, l); }
void x86_jcc_label(X86Emit *e, X86Cond cc, X86Label *l) { jump_to_label(e, (int)cc, l); }

void x86_label_free(X86Label *l)
{
    X86Label *part = l->more;
    while (part) {
        X86Label *next = part->more;
        free(part);
        part = next;
    }
    l->more = NULL;
}

/* --- SSE / AVX scalar floating point ------------------------------------ */

static uint32_t scalar_prefix(bool f64) { return f64 ? OPC_F2 : OPC_F3; } /* sd : ss */
static uint32_t packed_prefix(bool f64) { return f64 ? OPC_66 : 0; }      /* pd : ps */

void x86_fp_rr(X86Emit *e, X86FpOp op, bool f64, X86Reg dst, X86Reg src)
{
    encode_rr(e, (uint32_t)op | OPC_0F | scalar_prefix(f64), dst, src);
}

void x86_fp_rm(X86Emit *e, X86FpOp op, bool f64, X86Reg dst, X86Mem m)
{
    encode_rm(e, (uint32_t)op | OPC_0F | scalar_prefix(f64), dst, m);
}

void x86_vfmadd231(X86Emit *e, bool f64, X86Reg dst, X86Reg a, X86Reg b)
{
    encode_vex(e, 0xb9 | OPC_0F38 | OPC_66 | opc_w(f64), dst, a, b);
}

void x86_movs_load(X86Emit *e, bool f64, X86Reg dst, X86Mem m)
{
    encode_rm(e, 0x10 | OPC_0F | scalar_prefix(f64), dst, m);
}

void x86_movs_store(X86Emit *e, bool f64, X86Mem m, X86Reg src)
{
    encode_rm(e, 0x11 | OPC_0F | scalar_prefix(f64), src, m);
}

void x86_movaps(X86Emit *e, X86Reg dst, X86Reg src)
{
    encode_rr(e, 0x28 | OPC_0F, dst, src);
}

void x86_movq_to_xmm(X86Emit *e, bool w64, X86Reg xmm, X86Reg gpr)
{
    encode_rr(e, 0x6e | OPC_0F | OPC_66 | opc_w(w64), xmm, gpr);
}

void x86_movq_from_xmm(X86Emit *e, bool w64, X86Reg gpr, X86Reg xmm)
{
    encode_rr(e, 0x7e | OPC_0F | OPC_66 | opc_w(w64), xmm, gpr);
}

void x86_ucomis(X86Emit *e, bool f64, X86Reg a, X86Reg b)
{
    encode_rr(e, 0x2e | OPC_0F | packed_prefix(f64), a, b);
}

void x86_comis(X86Emit *e, bool f64, X86Reg a, X86Reg b)
{
    encode_rr(e, 0x2f | OPC_0F | packed_prefix(f64), a, b);
}

void x86_cmps(X86Emit *e, bool f64, X86Reg dst, X86Reg src, uint8_t pred)
{
    encode_rr(e, 0xc2 | OPC_0F | scalar_prefix(f64), dst, src);
    x86_byte(e, pred);
}

void x86_cvtsi2s(X86Emit *e, bool f64, bool src64, X86Reg dst, X86Reg gpr)
{
    encode_rr(e, 0x2a | OPC_0F | scalar_prefix(f64) | opc_w(src64), dst, gpr);
}

void x86_cvts2si(X86Emit *e, bool f64, bool dst64, X86Reg gpr, X86Reg src)
{
    encode_rr(e, 0x2d | OPC_0F | scalar_prefix(f64) | opc_w(dst64), gpr, src);
}

void x86_cvtts2si(X86Emit *e, bool f64, bool dst64, X86Reg gpr, X86Reg src)
{
    encode_rr(e, 0x2c | OPC_0F | scalar_prefix(f64) | opc_w(dst64), gpr, src);
}

void x86_cvtss2sd(X86Emit *e, X86Reg dst, X86Reg src)
{
    encode_rr(e, 0x5a | OPC_0F | OPC_F3, dst, src);
}

void x86_cvtsd2ss(X86Emit *e, X86Reg dst, X86Reg src)
{
    encode_rr(e, 0x5a | OPC_0F | OPC_F2, dst, src);
}

void x86_xorps(X86Emit *e, X86Reg dst, X86Reg src) { encode_rr(e, 0x57 | OPC_0F, dst, src); }
void x86_andps(X86Emit *e, X86Reg dst, X86Reg src) { encode_rr(e, 0x54 | OPC_0F, dst, src); }
void x86_andnps(X86Emit *e, X86Reg dst, X86Reg src) { encode_rr(e, 0x55 | OPC_0F, dst, src); }
void x86_orps(X86Emit *e, X86Reg dst, X86Reg src) { encode_rr(e, 0x56 | OPC_0F, dst, src); }
