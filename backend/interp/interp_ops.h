/* backend/interp/interp_ops.h — the interpreter's own instruction set: one
 * row per handler of the dispatch loop in interp.c, included as an X-macro
 * (INTERP_OP(name)) to build both the IopCode enum and the label table.
 *
 * An IR op becomes one of these at compile time, specialized by operand
 * width (_32 for i32/f32, _64 for i64/f64), condition and memop, so a
 * handler never looks at a type or a condition at run time. Operand fields
 * of InterpInsn (see interp.h): d = result slot, a/b/c = operand slots,
 * imm = immediate; rows that use them differently say so.
 *
 * Families whose position is computed (setcond/movcond/brcond/fsetcond) are
 * listed in IrCond / IrFCond order, the _32 form before the _64 form. */

INTERP_OP(invalid)          /* never emitted: a compile bug */
INTERP_OP(const)            /* d = imm */
INTERP_OP(mov)              /* d = a (also bitcast, zext32 of an i32) */
INTERP_OP(ld_env32)         /* d = *(u32 *)(env + imm) */
INTERP_OP(ld_env64)         /* d = *(u64 *)(env + imm) */
INTERP_OP(st_env32)         /* *(u32 *)(env + imm) = a */
INTERP_OP(st_env64)         /* *(u64 *)(env + imm) = a */

INTERP_OP(add32) INTERP_OP(add64)
INTERP_OP(sub32) INTERP_OP(sub64)
INTERP_OP(mul32) INTERP_OP(mul64)
INTERP_OP(mulhs32) INTERP_OP(mulhs64)
INTERP_OP(mulhu32) INTERP_OP(mulhu64)
INTERP_OP(divs32) INTERP_OP(divs64)
INTERP_OP(divu32) INTERP_OP(divu64)
INTERP_OP(rems32) INTERP_OP(rems64)
INTERP_OP(remu32) INTERP_OP(remu64)
INTERP_OP(and)              /* both widths: i32 upper halves are zero */
INTERP_OP(or)
INTERP_OP(xor)
INTERP_OP(andc)
INTERP_OP(orc32) INTERP_OP(orc64)
INTERP_OP(shl32) INTERP_OP(shl64)
INTERP_OP(shr32) INTERP_OP(shr64)
INTERP_OP(sar32) INTERP_OP(sar64)
INTERP_OP(rotl32) INTERP_OP(rotl64)
INTERP_OP(rotr32) INTERP_OP(rotr64)
INTERP_OP(not32) INTERP_OP(not64)
INTERP_OP(neg32) INTERP_OP(neg64)

INTERP_OP(sext8_32) INTERP_OP(sext8_64)
INTERP_OP(sext16_32) INTERP_OP(sext16_64)
INTERP_OP(sext32)           /* i64 d = (int32)a; also ext_i32s */
INTERP_OP(zext8)
INTERP_OP(zext16)
INTERP_OP(zext32)           /* d = (u32)a; also ext_i32u, trunc_i64 */
INTERP_OP(bswap16)
INTERP_OP(bswap32)
INTERP_OP(bswap64)
INTERP_OP(clz32) INTERP_OP(clz64)
INTERP_OP(ctz32) INTERP_OP(ctz64)
INTERP_OP(popcnt)
INTERP_OP(extract)          /* d = (a >> b) & imm; b = pos, imm = mask */
INTERP_OP(sextract32)       /* d = (int64)(a << b) >> c; b = 64-pos-len, c = 64-len */
INTERP_OP(sextract64)
INTERP_OP(deposit)          /* d = (a & ~imm) | ((b << c) & imm); c = pos, imm = mask << pos */
INTERP_OP(addc32)           /* d = a + b + c; slot imm = carry out */
INTERP_OP(addc64)

/* setcond: d = a cond b */
INTERP_OP(setcond_eq_32) INTERP_OP(setcond_eq_64)
INTERP_OP(setcond_ne_32) INTERP_OP(setcond_ne_64)
INTERP_OP(setcond_lt_32) INTERP_OP(setcond_lt_64)
INTERP_OP(setcond_ge_32) INTERP_OP(setcond_ge_64)
INTERP_OP(setcond_le_32) INTERP_OP(setcond_le_64)
INTERP_OP(setcond_gt_32) INTERP_OP(setcond_gt_64)
INTERP_OP(setcond_ltu_32) INTERP_OP(setcond_ltu_64)
INTERP_OP(setcond_geu_32) INTERP_OP(setcond_geu_64)
INTERP_OP(setcond_leu_32) INTERP_OP(setcond_leu_64)
INTERP_OP(setcond_gtu_32) INTERP_OP(setcond_gtu_64)
/* movcond: d = a cond b ? c : slot imm */
INTERP_OP(movcond_eq_32) INTERP_OP(movcond_eq_64)
INTERP_OP(movcond_ne_32) INTERP_OP(movcond_ne_64)
INTERP_OP(movcond_lt_32) INTERP_OP(movcond_lt_64)
INTERP_OP(movcond_ge_32) INTERP_OP(movcond_ge_64)
INTERP_OP(movcond_le_32) INTERP_OP(movcond_le_64)
INTERP_OP(movcond_gt_32) INTERP_OP(movcond_gt_64)
INTERP_OP(movcond_ltu_32) INTERP_OP(movcond_ltu_64)
INTERP_OP(movcond_geu_32) INTERP_OP(movcond_geu_64)
INTERP_OP(movcond_leu_32) INTERP_OP(movcond_leu_64)
INTERP_OP(movcond_gtu_32) INTERP_OP(movcond_gtu_64)
/* brcond: if (a cond b) go to insn index imm */
INTERP_OP(brcond_eq_32) INTERP_OP(brcond_eq_64)
INTERP_OP(brcond_ne_32) INTERP_OP(brcond_ne_64)
INTERP_OP(brcond_lt_32) INTERP_OP(brcond_lt_64)
INTERP_OP(brcond_ge_32) INTERP_OP(brcond_ge_64)
INTERP_OP(brcond_le_32) INTERP_OP(brcond_le_64)
INTERP_OP(brcond_gt_32) INTERP_OP(brcond_gt_64)
INTERP_OP(brcond_ltu_32) INTERP_OP(brcond_ltu_64)
INTERP_OP(brcond_geu_32) INTERP_OP(brcond_geu_64)
INTERP_OP(brcond_leu_32) INTERP_OP(brcond_leu_64)
INTERP_OP(brcond_gtu_32) INTERP_OP(brcond_gtu_64)
INTERP_OP(br)               /* go to insn index imm */

/* guest memory at guest_base + a; loads: u = zero-, s32/s64 = sign-extend
 * into an i32/i64 result; _be = big-endian in guest memory */
INTERP_OP(ld8u)
INTERP_OP(ld8s32) INTERP_OP(ld8s64)
INTERP_OP(ld16u_le) INTERP_OP(ld16u_be)
INTERP_OP(ld16s32_le) INTERP_OP(ld16s32_be)
INTERP_OP(ld16s64_le) INTERP_OP(ld16s64_be)
INTERP_OP(ld32u_le) INTERP_OP(ld32u_be)
INTERP_OP(ld32s64_le) INTERP_OP(ld32s64_be)
INTERP_OP(ld64_le) INTERP_OP(ld64_be)
INTERP_OP(st8)              /* memory at a = b */
INTERP_OP(st16_le) INTERP_OP(st16_be)
INTERP_OP(st32_le) INTERP_OP(st32_be)
INTERP_OP(st64_le) INTERP_OP(st64_be)
INTERP_OP(cmpxchg)          /* d = [a]; if d == b then [a] = c; imm = memop | is64 << 8 */
/* system mode (IrBlock.softmmu): guest memory through the cpu's TLB
 * (softmmu/tlb.h); imm = memop | is64 << 8 */
INTERP_OP(ld_soft)          /* d = [a], extended as the memop says */
INTERP_OP(st_soft)          /* [a] = b */
INTERP_OP(cmpxchg_soft)     /* as cmpxchg */
INTERP_OP(fence)
INTERP_OP(call)             /* imm = InterpCall *; d = result slot */
INTERP_OP(x87)              /* x87_rr/x87_rm/x87_st on the host's x87 (interp_x87.c); c = x87_st's second result slot */

INTERP_OP(fadd32) INTERP_OP(fadd64)
INTERP_OP(fsub32) INTERP_OP(fsub64)
INTERP_OP(fmul32) INTERP_OP(fmul64)
INTERP_OP(fdiv32) INTERP_OP(fdiv64)
INTERP_OP(fsqrt32) INTERP_OP(fsqrt64)
INTERP_OP(fma32) INTERP_OP(fma64)
INTERP_OP(fneg32) INTERP_OP(fneg64)
INTERP_OP(fabs32) INTERP_OP(fabs64)
INTERP_OP(fmin32) INTERP_OP(fmin64)
INTERP_OP(fmax32) INTERP_OP(fmax64)
/* fsetcond: i32 d = a fcond b */
INTERP_OP(fsetcond_eq_32) INTERP_OP(fsetcond_eq_64)
INTERP_OP(fsetcond_lt_32) INTERP_OP(fsetcond_lt_64)
INTERP_OP(fsetcond_le_32) INTERP_OP(fsetcond_le_64)
INTERP_OP(fsetcond_un_32) INTERP_OP(fsetcond_un_64)
INTERP_OP(fsetcond_ne_32) INTERP_OP(fsetcond_ne_64)
INTERP_OP(fcvt_f32)         /* f64 d = (double)(f32)a */
INTERP_OP(fcvt_f64)         /* f32 d = (float)(f64)a */
INTERP_OP(cvt_s32_f32) INTERP_OP(cvt_s32_f64) /* float d = (int32)a */
INTERP_OP(cvt_s64_f32) INTERP_OP(cvt_s64_f64) /* float d = (int64)a */
INTERP_OP(cvt_u64_f32) INTERP_OP(cvt_u64_f64) /* float d = (uint64)a */
INTERP_OP(cvt_f32_s32_cur) INTERP_OP(cvt_f32_s32_trunc) /* i32 d = f32 a rounded */
INTERP_OP(cvt_f64_s32_cur) INTERP_OP(cvt_f64_s32_trunc)
INTERP_OP(cvt_f32_s64_cur) INTERP_OP(cvt_f32_s64_trunc) /* i64 d = f32 a rounded */
INTERP_OP(cvt_f64_s64_cur) INTERP_OP(cvt_f64_s64_trunc)

INTERP_OP(insn_start)       /* cpu->insn_pc = imm */
INTERP_OP(goto_tb)          /* pc = imm, slot b */
INTERP_OP(goto_ptr)         /* pc = a */
INTERP_OP(exit)             /* return imm */
