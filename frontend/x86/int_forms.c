/* frontend/x86/int_forms.c — the general-purpose ISA's form table: one
 * row per instruction form as the opcode maps list it, with the handler
 * that translates it (int_*.c).
 *
 *   {map, opcode, count (0/1: one opcode), mandatory prefix, ModRM.reg,
 *    ModRM.rm (mod == 3), row flags, immediate, name, handler}
 *
 * Byte/full-size pairs (00/01, 84/85, ...) share a row of count 2; their
 * handlers read the size from the opcode's bit 0. Forms not listed are
 * #UD (far transfers, BOUND, INTO, ARPL, ...).
 */
#include "frontend/x86/int.h"

const X86Form x86_int_forms[] = {
    /* ---- arithmetic and logic: 00-3F (op = opcode >> 3), 80-83 (op = ModRM.reg) */
    {X86_MAP_1B, 0x00, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "add", x86_op_alu_rm_reg}, /* add Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x02, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "add", x86_op_alu_reg_rm}, /* add Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x04, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "add", x86_op_alu_acc_imm}, /* add AL,Ib */
    {X86_MAP_1B, 0x05, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "add", x86_op_alu_acc_imm}, /* add eAX,Iz */
    {X86_MAP_1B, 0x08, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "or", x86_op_alu_rm_reg}, /* or Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x0a, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "or", x86_op_alu_reg_rm}, /* or Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x0c, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "or", x86_op_alu_acc_imm}, /* or AL,Ib */
    {X86_MAP_1B, 0x0d, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "or", x86_op_alu_acc_imm}, /* or eAX,Iz */
    {X86_MAP_1B, 0x10, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "adc", x86_op_alu_rm_reg}, /* adc Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x12, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "adc", x86_op_alu_reg_rm}, /* adc Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x14, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "adc", x86_op_alu_acc_imm}, /* adc AL,Ib */
    {X86_MAP_1B, 0x15, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "adc", x86_op_alu_acc_imm}, /* adc eAX,Iz */
    {X86_MAP_1B, 0x18, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "sbb", x86_op_alu_rm_reg}, /* sbb Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x1a, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "sbb", x86_op_alu_reg_rm}, /* sbb Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x1c, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "sbb", x86_op_alu_acc_imm}, /* sbb AL,Ib */
    {X86_MAP_1B, 0x1d, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "sbb", x86_op_alu_acc_imm}, /* sbb eAX,Iz */
    {X86_MAP_1B, 0x20, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "and", x86_op_alu_rm_reg}, /* and Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x22, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "and", x86_op_alu_reg_rm}, /* and Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x24, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "and", x86_op_alu_acc_imm}, /* and AL,Ib */
    {X86_MAP_1B, 0x25, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "and", x86_op_alu_acc_imm}, /* and eAX,Iz */
    {X86_MAP_1B, 0x28, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "sub", x86_op_alu_rm_reg}, /* sub Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x2a, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "sub", x86_op_alu_reg_rm}, /* sub Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x2c, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "sub", x86_op_alu_acc_imm}, /* sub AL,Ib */
    {X86_MAP_1B, 0x2d, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "sub", x86_op_alu_acc_imm}, /* sub eAX,Iz */
    {X86_MAP_1B, 0x30, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "xor", x86_op_alu_rm_reg}, /* xor Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x32, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "xor", x86_op_alu_reg_rm}, /* xor Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x34, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "xor", x86_op_alu_acc_imm}, /* xor AL,Ib */
    {X86_MAP_1B, 0x35, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "xor", x86_op_alu_acc_imm}, /* xor eAX,Iz */
    {X86_MAP_1B, 0x38, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "cmp", x86_op_alu_rm_reg}, /* cmp Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x3a, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "cmp", x86_op_alu_reg_rm}, /* cmp Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x3c, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "cmp", x86_op_alu_acc_imm}, /* cmp AL,Ib */
    {X86_MAP_1B, 0x3d, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "cmp", x86_op_alu_acc_imm}, /* cmp eAX,Iz */
    {X86_MAP_1B, 0x80, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_IB, "alu", x86_op_alu_rm_imm}, /* grp1 Eb,Ib */
    {X86_MAP_1B, 0x81, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_IZ, "alu", x86_op_alu_rm_imm}, /* grp1 Ev,Iz */
    {X86_MAP_1B, 0x82, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK | X86_FM_NO64, X86_IMM_IB, "alu", x86_op_alu_rm_imm}, /* grp1 Eb,Ib (alias of 80) */
    {X86_MAP_1B, 0x83, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_IB, "alu", x86_op_alu_rm_imm}, /* grp1 Ev,Ib sign-extended */
    {X86_MAP_1B, 0x84, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "test", x86_op_test_rm_reg}, /* test Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0xa8, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "test", x86_op_test_acc_imm}, /* test AL,Ib */
    {X86_MAP_1B, 0xa9, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IZ, "test", x86_op_test_acc_imm}, /* test eAX,Iz */
    {X86_MAP_1B, 0xf6, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM, X86_IMM_IB, "test", x86_op_test_rm_imm}, /* test E,I */
    {X86_MAP_1B, 0xf6, 0, X86_MP_ANY, 1, -1, X86_FM_MODRM, X86_IMM_IB, "test", x86_op_test_rm_imm}, /* test E,I (undocumented alias) */
    {X86_MAP_1B, 0xf6, 0, X86_MP_ANY, 2, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "not", x86_op_not}, /* not E */
    {X86_MAP_1B, 0xf6, 0, X86_MP_ANY, 3, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "neg", x86_op_neg}, /* neg E */
    {X86_MAP_1B, 0xf6, 0, X86_MP_ANY, 4, -1, X86_FM_MODRM, X86_IMM_NONE, "mul", x86_op_mul_acc}, /* mul E: eDX:eAX = eAX * E */
    {X86_MAP_1B, 0xf6, 0, X86_MP_ANY, 5, -1, X86_FM_MODRM, X86_IMM_NONE, "imul", x86_op_mul_acc}, /* imul E (signed) */
    {X86_MAP_1B, 0xf6, 0, X86_MP_ANY, 6, -1, X86_FM_MODRM, X86_IMM_NONE, "div", x86_op_div_acc}, /* div E: eAX, eDX = eDX:eAX / E, % E */
    {X86_MAP_1B, 0xf6, 0, X86_MP_ANY, 7, -1, X86_FM_MODRM, X86_IMM_NONE, "idiv", x86_op_div_acc}, /* idiv E (signed) */
    {X86_MAP_1B, 0xf7, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM, X86_IMM_IZ, "test", x86_op_test_rm_imm}, /* test E,I */
    {X86_MAP_1B, 0xf7, 0, X86_MP_ANY, 1, -1, X86_FM_MODRM, X86_IMM_IZ, "test", x86_op_test_rm_imm}, /* test E,I (undocumented alias) */
    {X86_MAP_1B, 0xf7, 0, X86_MP_ANY, 2, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "not", x86_op_not}, /* not E */
    {X86_MAP_1B, 0xf7, 0, X86_MP_ANY, 3, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "neg", x86_op_neg}, /* neg E */
    {X86_MAP_1B, 0xf7, 0, X86_MP_ANY, 4, -1, X86_FM_MODRM, X86_IMM_NONE, "mul", x86_op_mul_acc}, /* mul E: eDX:eAX = eAX * E */
    {X86_MAP_1B, 0xf7, 0, X86_MP_ANY, 5, -1, X86_FM_MODRM, X86_IMM_NONE, "imul", x86_op_mul_acc}, /* imul E (signed) */
    {X86_MAP_1B, 0xf7, 0, X86_MP_ANY, 6, -1, X86_FM_MODRM, X86_IMM_NONE, "div", x86_op_div_acc}, /* div E: eAX, eDX = eDX:eAX / E, % E */
    {X86_MAP_1B, 0xf7, 0, X86_MP_ANY, 7, -1, X86_FM_MODRM, X86_IMM_NONE, "idiv", x86_op_div_acc}, /* idiv E (signed) */
    {X86_MAP_1B, 0x40, 8, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "inc", x86_op_incdec_reg}, /* inc Zv (REX in 64-bit mode) */
    {X86_MAP_1B, 0x48, 8, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "dec", x86_op_incdec_reg}, /* dec Zv */
    {X86_MAP_1B, 0xfe, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "inc", x86_op_incdec_rm}, /* inc Eb */
    {X86_MAP_1B, 0xfe, 0, X86_MP_ANY, 1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "dec", x86_op_incdec_rm}, /* dec Eb */
    {X86_MAP_1B, 0xff, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "inc", x86_op_incdec_rm}, /* inc Ev */
    {X86_MAP_1B, 0xff, 0, X86_MP_ANY, 1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "dec", x86_op_incdec_rm}, /* dec Ev */
    {X86_MAP_0F, 0xaf, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "imul", x86_op_imul_reg_rm}, /* imul Gv,Ev */
    {X86_MAP_1B, 0x69, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_IZ, "imul", x86_op_imul_imm}, /* imul Gv,Ev,Iz */
    {X86_MAP_1B, 0x6b, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_IB, "imul", x86_op_imul_imm}, /* imul Gv,Ev,Ib */
    {X86_MAP_1B, 0x27, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "daa", x86_op_bcd_adjust}, /* daa */
    {X86_MAP_1B, 0x2f, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "das", x86_op_bcd_adjust}, /* das */
    {X86_MAP_1B, 0x37, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "aaa", x86_op_bcd_adjust}, /* aaa */
    {X86_MAP_1B, 0x3f, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "aas", x86_op_bcd_adjust}, /* aas */
    {X86_MAP_1B, 0xd4, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_IB, "aam", x86_op_bcd_base}, /* aam Ib */
    {X86_MAP_1B, 0xd5, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_IB, "aad", x86_op_bcd_base}, /* aad Ib */

    /* ---- exchanges */
    {X86_MAP_1B, 0x86, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "xchg", x86_op_xchg_rm}, /* xchg Eb,Gb / Ev,Gv (atomic with memory) */
    {X86_MAP_1B, 0x90, 8, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "xchg", x86_op_xchg_acc}, /* xchg Zv,eAX; 90 = nop, F3 90 = pause */
    {X86_MAP_0F, 0xb0, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "cmpxchg", x86_op_cmpxchg}, /* cmpxchg Eb,Gb / Ev,Gv */
    {X86_MAP_0F, 0xc0, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "xadd", x86_op_xadd}, /* xadd Eb,Gb / Ev,Gv */
    {X86_MAP_0F, 0xc7, 0, X86_MP_ANY, 1, -1, X86_FM_MODRM | X86_FM_MEM | X86_FM_LOCK, X86_IMM_NONE, "cmpxchg8b", x86_op_cmpxchg_double}, /* cmpxchg8b Mq / cmpxchg16b Mdq (REX.W) */

    /* ---- shifts and rotates (ModRM.reg: rol ror rcl rcr shl shr sal sar) */
    {X86_MAP_1B, 0xc0, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_IB, "shift", x86_op_shift_imm}, /* grp2 Eb,Ib / Ev,Ib */
    {X86_MAP_1B, 0xd0, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "shift", x86_op_shift_one}, /* grp2 Eb,1 / Ev,1 */
    {X86_MAP_1B, 0xd2, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "shift", x86_op_shift_cl}, /* grp2 Eb,CL / Ev,CL */
    {X86_MAP_0F, 0xa4, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_IB, "shld", x86_op_shld_shrd}, /* shld Ev,Gv,Ib */
    {X86_MAP_0F, 0xa5, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "shld", x86_op_shld_shrd}, /* shld Ev,Gv,CL */
    {X86_MAP_0F, 0xac, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_IB, "shrd", x86_op_shld_shrd}, /* shrd Ev,Gv,Ib */
    {X86_MAP_0F, 0xad, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "shrd", x86_op_shld_shrd}, /* shrd Ev,Gv,CL */

    /* ---- bits */
    {X86_MAP_0F, 0xa3, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "bt", x86_op_bt_reg}, /* bt Ev,Gv */
    {X86_MAP_0F, 0xab, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "bts", x86_op_bt_reg}, /* bts Ev,Gv */
    {X86_MAP_0F, 0xb3, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "btr", x86_op_bt_reg}, /* btr Ev,Gv */
    {X86_MAP_0F, 0xbb, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_NONE, "btc", x86_op_bt_reg}, /* btc Ev,Gv */
    {X86_MAP_0F, 0xba, 0, X86_MP_ANY, 4, -1, X86_FM_MODRM, X86_IMM_IB, "bt", x86_op_bt_imm}, /* bt Ev,Ib */
    {X86_MAP_0F, 0xba, 0, X86_MP_ANY, 5, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_IB, "bts", x86_op_bt_imm}, /* bts Ev,Ib */
    {X86_MAP_0F, 0xba, 0, X86_MP_ANY, 6, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_IB, "btr", x86_op_bt_imm}, /* btr Ev,Ib */
    {X86_MAP_0F, 0xba, 0, X86_MP_ANY, 7, -1, X86_FM_MODRM | X86_FM_LOCK, X86_IMM_IB, "btc", x86_op_bt_imm}, /* btc Ev,Ib */
    {X86_MAP_0F, 0xbc, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "bsf", x86_op_bsf_bsr}, /* bsf Gv,Ev */
    {X86_MAP_0F, 0xbd, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "bsr", x86_op_bsf_bsr}, /* bsr Gv,Ev */
    {X86_MAP_0F, 0xbc, 0, X86_MP_F3, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "tzcnt", x86_op_tzcnt_lzcnt}, /* tzcnt Gv,Ev */
    {X86_MAP_0F, 0xbd, 0, X86_MP_F3, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "lzcnt", x86_op_tzcnt_lzcnt}, /* lzcnt Gv,Ev */
    {X86_MAP_0F, 0xb8, 0, X86_MP_F3, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "popcnt", x86_op_popcnt}, /* popcnt Gv,Ev */
    {X86_MAP_0F, 0xc8, 8, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "bswap", x86_op_bswap}, /* bswap Zv */
    {X86_MAP_0F38, 0xf0, 2, X86_MP_NONE, -1, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "movbe", x86_op_movbe}, /* movbe Gv,Mv / Mv,Gv */
    {X86_MAP_0F38, 0xf0, 2, X86_MP_66, -1, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "movbe", x86_op_movbe}, /* movbe Gw,Mw / Mw,Gw */
    {X86_MAP_0F38, 0xf0, 2, X86_MP_F2, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "crc32", x86_op_crc32}, /* crc32 Gd,Eb / Gd,Ev (SSE4.2) */

    /* ---- moves */
    {X86_MAP_1B, 0x88, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "mov", x86_op_mov_rm_reg}, /* mov Eb,Gb / Ev,Gv */
    {X86_MAP_1B, 0x8a, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "mov", x86_op_mov_reg_rm}, /* mov Gb,Eb / Gv,Ev */
    {X86_MAP_1B, 0x8c, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "mov", x86_op_mov_from_seg}, /* mov Ev,Sw */
    {X86_MAP_1B, 0x8e, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "mov", x86_op_mov_to_seg}, /* mov Sw,Ew */
    {X86_MAP_1B, 0xa0, 4, X86_MP_ANY, -1, -1, 0, X86_IMM_ADDR, "mov", x86_op_mov_moffs}, /* mov AL/eAX,Ob/Ov and back */
    {X86_MAP_1B, 0xb0, 8, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "mov", x86_op_mov_reg_imm}, /* mov Zb,Ib */
    {X86_MAP_1B, 0xb8, 8, X86_MP_ANY, -1, -1, 0, X86_IMM_IV, "mov", x86_op_mov_reg_imm}, /* mov Zv,Iv (imm64 with REX.W) */
    {X86_MAP_1B, 0xc6, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM, X86_IMM_IB, "mov", x86_op_mov_rm_imm}, /* mov Eb,Ib */
    {X86_MAP_1B, 0xc7, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM, X86_IMM_IZ, "mov", x86_op_mov_rm_imm}, /* mov Ev,Iz */
    {X86_MAP_0F, 0xb6, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "movzx", x86_op_movzx}, /* movzx Gv,Eb / Gv,Ew */
    {X86_MAP_0F, 0xbe, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "movsx", x86_op_movsx}, /* movsx Gv,Eb / Gv,Ew */
    {X86_MAP_1B, 0x63, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_ONLY64, X86_IMM_NONE, "movsxd", x86_op_movsxd}, /* movsxd Gv,Ed */
    {X86_MAP_1B, 0x8d, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "lea", x86_op_lea}, /* lea Gv,M */
    {X86_MAP_1B, 0x98, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "cbw", x86_op_cbw}, /* cbw / cwde / cdqe */
    {X86_MAP_1B, 0x99, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "cwd", x86_op_cwd}, /* cwd / cdq / cqo */
    {X86_MAP_1B, 0xd7, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "xlat", x86_op_xlat}, /* xlat */
    {X86_MAP_0F, 0x40, 16, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "cmovcc", x86_op_cmovcc}, /* cmovcc Gv,Ev */
    {X86_MAP_0F, 0x90, 16, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "setcc", x86_op_setcc}, /* setcc Eb */

    /* ---- strings */
    {X86_MAP_1B, 0xa4, 4, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "string", x86_op_string}, /* movs, cmps */
    {X86_MAP_1B, 0xaa, 6, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "string", x86_op_string}, /* stos, lods, scas */

    /* ---- stack */
    {X86_MAP_1B, 0x50, 8, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "push", x86_op_push_reg}, /* push Zv */
    {X86_MAP_1B, 0x58, 8, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "pop", x86_op_pop_reg}, /* pop Zv */
    {X86_MAP_1B, 0x68, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_IZ, "push", x86_op_push_imm}, /* push Iz */
    {X86_MAP_1B, 0x6a, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_IB, "push", x86_op_push_imm}, /* push Ib */
    {X86_MAP_1B, 0xff, 0, X86_MP_ANY, 6, -1, X86_FM_MODRM | X86_FM_D64, X86_IMM_NONE, "push", x86_op_push_rm}, /* push Ev */
    {X86_MAP_1B, 0x8f, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM | X86_FM_D64, X86_IMM_NONE, "pop", x86_op_pop_rm}, /* pop Ev */
    {X86_MAP_1B, 0x06, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "push", x86_op_push_seg}, /* push es */
    {X86_MAP_1B, 0x07, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "pop", x86_op_pop_seg}, /* pop es */
    {X86_MAP_1B, 0x0e, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "push", x86_op_push_seg}, /* push cs */
    {X86_MAP_1B, 0x16, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "push", x86_op_push_seg}, /* push ss */
    {X86_MAP_1B, 0x17, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "pop", x86_op_pop_seg}, /* pop ss */
    {X86_MAP_1B, 0x1e, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "push", x86_op_push_seg}, /* push ds */
    {X86_MAP_1B, 0x1f, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "pop", x86_op_pop_seg}, /* pop ds */
    {X86_MAP_0F, 0xa0, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "push", x86_op_push_seg}, /* push fs */
    {X86_MAP_0F, 0xa1, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "pop", x86_op_pop_seg}, /* pop fs */
    {X86_MAP_0F, 0xa8, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "push", x86_op_push_seg}, /* push gs */
    {X86_MAP_0F, 0xa9, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "pop", x86_op_pop_seg}, /* pop gs */
    {X86_MAP_1B, 0x60, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "pusha", x86_op_pusha}, /* pusha / pushad */
    {X86_MAP_1B, 0x61, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "popa", x86_op_popa}, /* popa / popad */
    {X86_MAP_1B, 0x9c, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "pushf", x86_op_pushf}, /* pushf Fv */
    {X86_MAP_1B, 0x9d, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "popf", x86_op_popf}, /* popf Fv */
    {X86_MAP_1B, 0xc8, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_IW_IB, "enter", x86_op_enter}, /* enter Iw,Ib */
    {X86_MAP_1B, 0xc9, 0, X86_MP_ANY, -1, -1, X86_FM_D64, X86_IMM_NONE, "leave", x86_op_leave}, /* leave */

    /* ---- control transfer */
    {X86_MAP_1B, 0x70, 16, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_IB, "jcc", x86_op_jcc}, /* jcc Jb */
    {X86_MAP_0F, 0x80, 16, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_IZ, "jcc", x86_op_jcc}, /* jcc Jz */
    {X86_MAP_1B, 0xeb, 0, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_IB, "jmp", x86_op_jmp_rel}, /* jmp Jb */
    {X86_MAP_1B, 0xe9, 0, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_IZ, "jmp", x86_op_jmp_rel}, /* jmp Jz */
    {X86_MAP_1B, 0xff, 0, X86_MP_ANY, 4, -1, X86_FM_MODRM | X86_FM_F64, X86_IMM_NONE, "jmp", x86_op_jmp_rm}, /* jmp Ev */
    {X86_MAP_1B, 0xe8, 0, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_IZ, "call", x86_op_call_rel}, /* call Jz */
    {X86_MAP_1B, 0xff, 0, X86_MP_ANY, 2, -1, X86_FM_MODRM | X86_FM_F64, X86_IMM_NONE, "call", x86_op_call_rm}, /* call Ev */
    {X86_MAP_1B, 0xc3, 0, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_NONE, "ret", x86_op_ret}, /* ret */
    {X86_MAP_1B, 0xc2, 0, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_IW, "ret", x86_op_ret}, /* ret Iw */
    {X86_MAP_1B, 0xe0, 3, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_IB, "loop", x86_op_loop}, /* loopne, loope, loop Jb */
    {X86_MAP_1B, 0xe3, 0, X86_MP_ANY, -1, -1, X86_FM_F64, X86_IMM_IB, "jcxz", x86_op_jcxz}, /* jcxz / jecxz / jrcxz Jb */
    {X86_MAP_1B, 0xcc, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "int3", x86_op_int3}, /* int3 */
    {X86_MAP_1B, 0xcd, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "int", x86_op_int_n}, /* int Ib */
    {X86_MAP_0F, 0x05, 0, X86_MP_ANY, -1, -1, X86_FM_ONLY64, X86_IMM_NONE, "syscall", x86_op_syscall}, /* syscall */
    {X86_MAP_0F, 0x0b, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "ud2", x86_op_ud}, /* ud2 */
    {X86_MAP_0F, 0xb9, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "ud1", x86_op_ud}, /* ud1 */
    {X86_MAP_0F, 0xff, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "ud0", x86_op_ud}, /* ud0 */

    /* ---- system instructions (sys_insn.c); the privileged ones are #GP at
     * the instruction in user mode, the others #UD */
    {X86_MAP_1B, 0xe4, 4, X86_MP_ANY, -1, -1, 0, X86_IMM_IB, "in", x86_op_in_out}, /* in AL/eAX,Ib; out Ib,AL/eAX */
    {X86_MAP_1B, 0xec, 4, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "in", x86_op_in_out}, /* in AL/eAX,DX; out DX,AL/eAX */
    {X86_MAP_1B, 0x6c, 4, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "ins", x86_op_ins_outs}, /* ins Yb/Yz,DX; outs DX,Xb/Xz */
    {X86_MAP_1B, 0xf4, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "hlt", x86_op_hlt}, /* hlt */
    {X86_MAP_1B, 0xfa, 2, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "cli", x86_op_cli_sti}, /* cli, sti */
    {X86_MAP_0F, 0x06, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "clts", x86_op_clts}, /* clts */
    {X86_MAP_0F, 0x07, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "sysret", x86_op_sys_fast_call}, /* sysret */
    {X86_MAP_0F, 0x08, 2, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "invd", x86_op_invd}, /* invd, wbinvd */
    {X86_MAP_0F, 0x20, 4, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "mov", x86_op_mov_cr_dr}, /* mov Rd,Cd / Rd,Dd / Cd,Rd / Dd,Rd */
    {X86_MAP_0F, 0x30, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "wrmsr", x86_op_msr}, /* wrmsr */
    {X86_MAP_0F, 0x32, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "rdmsr", x86_op_msr}, /* rdmsr */
    {X86_MAP_0F, 0x33, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "rdpmc", x86_op_privileged}, /* rdpmc */
    {X86_MAP_0F, 0x34, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "sysenter", x86_op_sys_fast_call}, /* sysenter */
    {X86_MAP_0F, 0x35, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "sysexit", x86_op_sys_fast_call}, /* sysexit */
    {X86_MAP_0F, 0x00, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM, X86_IMM_NONE, "sldt", x86_op_ldt_tr}, /* sldt Ew */
    {X86_MAP_0F, 0x00, 0, X86_MP_ANY, 1, -1, X86_FM_MODRM, X86_IMM_NONE, "str", x86_op_ldt_tr}, /* str Ew */
    {X86_MAP_0F, 0x00, 0, X86_MP_ANY, 2, -1, X86_FM_MODRM, X86_IMM_NONE, "lldt", x86_op_ldt_tr}, /* lldt Ew */
    {X86_MAP_0F, 0x00, 0, X86_MP_ANY, 3, -1, X86_FM_MODRM, X86_IMM_NONE, "ltr", x86_op_ldt_tr}, /* ltr Ew */
    {X86_MAP_0F, 0x00, 0, X86_MP_ANY, 4, -1, X86_FM_MODRM, X86_IMM_NONE, "verr", x86_op_query_selector}, /* verr Ew */
    {X86_MAP_0F, 0x00, 0, X86_MP_ANY, 5, -1, X86_FM_MODRM, X86_IMM_NONE, "verw", x86_op_query_selector}, /* verw Ew */
    {X86_MAP_0F, 0x02, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "lar", x86_op_query_selector}, /* lar Gv,Ew; lsl Gv,Ew */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 0, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "sgdt", x86_op_descriptor_table}, /* sgdt Ms */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 1, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "sidt", x86_op_descriptor_table}, /* sidt Ms */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 2, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "lgdt", x86_op_descriptor_table}, /* lgdt Ms */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 3, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "lidt", x86_op_descriptor_table}, /* lidt Ms */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 4, -1, X86_FM_MODRM, X86_IMM_NONE, "smsw", x86_op_smsw}, /* smsw Mw/Rv */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 6, -1, X86_FM_MODRM, X86_IMM_NONE, "lmsw", x86_op_lmsw}, /* lmsw Ew */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 7, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "invlpg", x86_op_invlpg}, /* invlpg Mb */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 7, 0, X86_FM_MODRM | X86_FM_ONLY64, X86_IMM_NONE, "swapgs", x86_op_swapgs}, /* swapgs (0F 01 F8) */
    {X86_MAP_1B, 0xc4, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_MEM | X86_FM_NO64, X86_IMM_NONE, "les", x86_op_load_far_pointer}, /* les Gz,Mp */
    {X86_MAP_1B, 0xc5, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_MEM | X86_FM_NO64, X86_IMM_NONE, "lds", x86_op_load_far_pointer}, /* lds Gz,Mp */
    {X86_MAP_0F, 0xb2, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "lss", x86_op_load_far_pointer}, /* lss Gv,Mp */
    {X86_MAP_0F, 0xb4, 2, X86_MP_ANY, -1, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "lfs", x86_op_load_far_pointer}, /* lfs, lgs Gv,Mp */
    {X86_MAP_1B, 0xea, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_PTR, "ljmp", x86_op_far_jmp}, /* jmp Ap */
    {X86_MAP_1B, 0xff, 0, X86_MP_ANY, 5, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "ljmp", x86_op_far_jmp}, /* jmp Mp */
    {X86_MAP_1B, 0x9a, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_PTR, "lcall", x86_op_far_call}, /* call Ap */
    {X86_MAP_1B, 0xff, 0, X86_MP_ANY, 3, -1, X86_FM_MODRM | X86_FM_MEM, X86_IMM_NONE, "lcall", x86_op_far_call}, /* call Mp */
    {X86_MAP_1B, 0xca, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_IW, "lret", x86_op_far_ret}, /* retf Iw */
    {X86_MAP_1B, 0xcb, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "lret", x86_op_far_ret}, /* retf */
    {X86_MAP_1B, 0xcf, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "iret", x86_op_iret}, /* iret / iretd / iretq */
    {X86_MAP_1B, 0xce, 0, X86_MP_ANY, -1, -1, X86_FM_NO64, X86_IMM_NONE, "into", x86_op_into}, /* into */

    /* ---- flags, identification, time, hints */
    {X86_MAP_1B, 0x9e, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "sahf", x86_op_sahf}, /* sahf */
    {X86_MAP_1B, 0x9f, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "lahf", x86_op_lahf}, /* lahf */
    {X86_MAP_1B, 0xf5, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "cmc", x86_op_flag_op}, /* cmc */
    {X86_MAP_1B, 0xf8, 2, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "clc", x86_op_flag_op}, /* clc, stc */
    {X86_MAP_1B, 0xfc, 2, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "cld", x86_op_flag_op}, /* cld, std */
    {X86_MAP_0F, 0xa2, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "cpuid", x86_op_do_cpuid}, /* cpuid */
    {X86_MAP_0F, 0x31, 0, X86_MP_ANY, -1, -1, 0, X86_IMM_NONE, "rdtsc", x86_op_rdtsc}, /* rdtsc */
    {X86_MAP_0F, 0x01, 0, X86_MP_ANY, 7, 1, X86_FM_MODRM, X86_IMM_NONE, "rdtscp", x86_op_rdtscp}, /* rdtscp (0F 01 F9) */
    {X86_MAP_0F, 0x0d, 0, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "prefetch", x86_op_nop}, /* prefetch / prefetchw */
    {X86_MAP_0F, 0x18, 8, X86_MP_ANY, -1, -1, X86_FM_MODRM, X86_IMM_NONE, "nop", x86_op_nop}, /* prefetchh, hint nop Ev, endbr32/64 (F3 0F 1E FB/FA) */
    {.name = NULL},
};
