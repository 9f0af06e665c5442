/*
 * int64.S — 64-bit fixed-point instructions and the 32-bit forms in
 * 64-bit mode (Power ISA 2.07 Book I ch. 3; modulo and cnttz from 3.0):
 * carries, overflow and CR0 from 64-bit results, doubleword rotates,
 * shifts, multiplies, divides, counts, compares, isel, the word forms'
 * 64-bit results, and bdnz on a 64-bit CTR. Expected values from the
 * ISA's pseudocode; the same binaries run under qemu-ppc64(le)-static.
 * CR values: CR0 LT=0x80000000 GT=0x40000000 EQ=0x20000000 SO=0x10000000.
 */
#include "isa64.h"

/* RECBR64 name, insn, a, b, xer_in, branch, taken, cr_out: CR cleared,
 * XER = xer_in, then `insn r16, a, b` and `branch` on CR0 in one block;
 * r17 = 1 where it branched, 2 where it fell through. */
	.macro RECBR64 name:req, insn:req, a, b, xin, br:req, taken, cr
	LI64	r14, \a
	LI64	r15, \b
	LI64	r0, \xin
	mtxer	r0
	li	r0, 0
	mtcrf	0xff, r0
	li	r17, 2
	\insn	r16, r14, r15
	\br	1f
	b	2f
1:	li	r17, 1
2:	mfcr	r18
	CHECK	\name\()_taken, r17, \taken
	CHECK	\name\()_cr, r18, \cr
	.endm

	TEST_BEGIN

	/* add/subtract: CA and OV from bit 0 of the 64-bit result */
	OP2	addc_carry64, addc, 0xffffffffffffffff, 1, 0, XER_CA, 0
	OP2	addc_no_carry32, addc, 0xffffffff, 1, 0x100000000, 0, 0
	OP2	add_rc_gt64, add., 0xffffffff, 1, 0x100000000, 0, 0x40000000
	OP2	add_rc_lt64, add., 0x8000000000000000, 0, 0x8000000000000000, 0, 0x80000000
	OP2	addo_ov64, addo, 0x7fffffffffffffff, 1, 0x8000000000000000, XER_SO|XER_OV, 0
	OP2	addo_no_ov32, addo, 0x7fffffff, 1, 0x80000000, 0, 0
	OP2	subfc_borrow, subfc, 1, 0, 0xffffffffffffffff, 0, 0
	OP2	subfc_no_borrow, subfc, 1, 2, 1, XER_CA, 0
	OP1	neg64, neg, 0x100000000, 0xffffffff00000000, 0, 0
	OPI	addic_carry, addic, 0xffffffffffffffff, 2, 1, XER_CA, 0
	OPI	subfic64, subfic, 0x100000000, 5, 0xffffffff00000005, 0, 0
	OPI	addis_sext, addis, 0, 0x8000, 0xffffffff80000000, 0, 0
	OPI	oris_zext, oris, 0, 0x8000, 0x80000000, 0, 0
	OPI	andis_rc, andis., 0xffffffffffffffff, 0x8000, 0x80000000, 0, 0x40000000

	/* multiply */
	OP2	mulld, mulld, 0x123456789, 0x1000, 0x123456789000, 0, 0
	OP2	mulld_neg, mulld, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000001, 0, 0
	OP2	mulldo_ov, mulldo, 0x100000000, 0x100000000, 0, XER_SO|XER_OV, 0
	OP2	mulhd, mulhd, 0xffffffffffffffff, 0x10, 0xffffffffffffffff, 0, 0
	OP2	mulhdu, mulhdu, 0xffffffffffffffff, 0x10, 0xf, 0, 0
	OP2	mullw_64bit_product, mullw, 0x80000000, 0x80000000, 0x4000000000000000, 0, 0
	OP2	mullw_low_words, mullw, 0x12345678ffffffff, 0x2, 0xfffffffffffffffe, 0, 0
	OP2	mullwo_ov, mullwo, 0x10000, 0x10000, 0x100000000, XER_SO|XER_OV, 0
	OPI	mulli64, mulli, 0x100000000, -3, 0xfffffffd00000000, 0, 0

	/* divide */
	OP2	divd, divd, 0xfffffffffffffff8, 2, 0xfffffffffffffffc, 0, 0
	OP2	divdu, divdu, 0xfffffffffffffff8, 2, 0x7ffffffffffffffc, 0, 0
	/* divdo by zero: the quotient is undefined, OV and SO are not */
	LI64	r14, 5
	li	r15, 0
	OP_PRESET
	divdo	r16, r14, r15
	mfxer	r17
	rlwinm	r17, r17, 0, 0, 2
	CHECK	divdo_zero_xer, r17, XER_SO|XER_OV
	/* word divides and modulo: RT[32:63] is defined, RT[0:31] is not */
	.macro WORD_OP name:req, insn:req, a, b, low
	LI64	r14, \a
	LI64	r15, \b
	\insn	r16, r14, r15
	clrldi	r16, r16, 32
	CHECK	\name, r16, \low
	.endm
	WORD_OP	divw_low, divw, 0x12345678fffffff8, 2, 0xfffffffc
	WORD_OP	divwu_low, divwu, 0x12345678fffffff8, 2, 0x7ffffffc
	WORD_OP	modsw_low, modsw, 0x00000000fffffff9, 4, 0xfffffffd
	WORD_OP	moduw_low, moduw, 0x12345678fffffff9, 4, 1
	OP2	divdeu, divdeu, 1, 4, 0x4000000000000000, 0, 0
	OP2	divde, divde, 1, 0x7fffffffffffffff, 2, 0, 0
	OP2	divdeuo, divdeuo, 1, 4, 0x4000000000000000, 0, 0
	OP2	divdeo_min, divdeo, 0xffffffffffffffff, 2, 0x8000000000000000, 0, 0
	OP2	divdeo_rc, divdeo., 0xffffffffffffffff, 2, 0x8000000000000000, 0, 0x80000000
	OP2	divdeuo_rc, divdeuo., 1, 3, 0x5555555555555555, 0, 0x40000000
	/* divdeo/divdeuo whose quotient does not fit (or b == 0): the
	 * result is undefined, OV and SO are set */
	.macro DIVDE_OV name:req, insn:req, a, b
	LI64	r14, \a
	LI64	r15, \b
	OP_PRESET
	\insn	r16, r14, r15
	mfxer	r17
	rlwinm	r17, r17, 0, 0, 2
	CHECK	\name, r17, XER_SO|XER_OV
	.endm
	DIVDE_OV divdeuo_a_ge_b, divdeuo, 4, 4
	DIVDE_OV divdeuo_zero, divdeuo, 1, 0
	DIVDE_OV divdeo_too_big, divdeo, 3, 2
	DIVDE_OV divdeo_minus_one, divdeo, 1, 0xffffffffffffffff
	DIVDE_OV divdeo_zero, divdeo, 0, 0
	/* a quotient that fits clears OV and leaves SO set */
	LI64	r14, 1
	LI64	r15, 4
	lis	r0, (XER_SO|XER_OV)@h
	mtxer	r0
	divdeuo	r16, r14, r15
	mfxer	r17
	rlwinm	r17, r17, 0, 0, 2
	CHECK	divdeuo_clears_ov, r17, XER_SO

	/* rotates and masks (extended mnemonics: their MD/MDS encodings) */
	OPI2	rldicl_clrldi, rldicl, 0, 0x123456789abcdef0, 0, 48, 0xdef0
	OPI2	rldicl_rotl, rldicl, 0, 0x123456789abcdef0, 8, 0, 0x3456789abcdef012
	OPI2	rldicr_sldi, rldicr, 0, 0x123456789abcdef0, 4, 59, 0x23456789abcdef00
	OPI2	rldicr_clrrdi, rldicr, 0, 0x123456789abcdef0, 0, 31, 0x1234567800000000
	OPI2	rldic, rldic, 0, 0x00000000ffffffff, 8, 16, 0x0000ffffffff00
	OPI2	rldimi_insrdi, rldimi, 0xffffffffffffffff, 0x0000000000000012, 32, 24, 0xffffff12ffffffff
	LI64	r14, 0x123456789abcdef0
	li	r15, 68			/* rb[58:63] = 4 */
	rldcl	r16, r14, r15, 8
	rldcr	r17, r14, r15, 55
	CHECK	rldcl, r16, 0x00456789abcdef01
	CHECK	rldcr, r17, 0x23456789abcdef00
	OPI2	srdi_sh63, rldicl, 0, 0x8000000000000000, 1, 63, 1
	OPI3	rlwinm_low, rlwinm, 0, 0xffffffff12345678, 8, 0, 31, 0x34567812
	OPI3	rlwinm_wrap, rlwinm, 0, 0x1234567800000001, 4, 28, 3, 0x0000001000000000
	OPI3	rlwimi_keep_high, rlwimi, 0xaaaaaaaa00000000, 0x00000000000000ff, 8, 16, 23, 0xaaaaaaaa0000ff00
	/* masks that select one field: shifts and extracts, or a field that
	 * wraps around the source (rotate and mask) */
	OPI2	rldic_clrlsldi, rldic, 0, 0xffffffffffffffff, 2, 30, 0x3fffffffc
	OPI2	rldicl_extrdi, rldicl, 0, 0x123456789abcdef0, 12, 52, 0x123
	OPI2	rldic_wide_field, rldic, 0, 0x123456789abcdef0, 20, 8, 0x89abcdef000000
	OPI3	rlwinm_extrwi, rlwinm, 0, 0xffffffff12345678, 28, 24, 31, 0x67
	OPI3	rlwinm_field, rlwinm, 0, 0xffffffff12345678, 4, 8, 19, 0x456000
	OPI3	rlwinm_field_wraps, rlwinm, 0, 0xffffffff12345678, 8, 16, 27, 0x7810

	/* shifts */
	OP2	sld, sld, 0x1, 63, 0x8000000000000000, 0, 0
	OP2	sld_64, sld, 0x1, 64, 0, 0, 0
	OP2	srd, srd, 0x8000000000000000, 4, 0x0800000000000000, 0, 0
	OP2	srd_127, srd, 0xffffffffffffffff, 127, 0, 0, 0
	OP2	srad_ca, srad, 0xfffffffffffffff1, 4, 0xffffffffffffffff, XER_CA, 0
	OP2	srad_64_neg, srad, 0x8000000000000000, 64, 0xffffffffffffffff, XER_CA, 0
	OP2	srad_64_pos, srad, 0x7000000000000000, 64, 0, 0, 0
	OPI	sradi_ca, sradi, 0x8000000000000001, 33, 0xffffffffc0000000, XER_CA, 0
	OPI	sradi_no_ca, sradi, 0x8000000000000000, 60, 0xfffffffffffffff8, 0, 0
	OP2	slw_zext, slw, 0xffffffffffffffff, 4, 0xfffffff0, 0, 0
	OP2	srw_zext, srw, 0xffffffff80000000, 4, 0x08000000, 0, 0
	OP2	sraw_sext, sraw, 0x0000000080000000, 4, 0xfffffffff8000000, 0, 0
	OPI	srawi_sext_ca, srawi, 0x00000000ffffffff, 1, 0xffffffffffffffff, XER_CA, 0

	/* one-operand forms */
	OP1	extsw, extsw, 0x0000000080000000, 0xffffffff80000000, 0, 0
	OP1	extsw_rc, extsw., 0xffffffff7fffffff, 0x7fffffff, 0, 0x40000000
	OP1	cntlzd, cntlzd, 0x0000000100000000, 31, 0, 0
	OP1	cntlzd_zero, cntlzd, 0, 64, 0, 0
	OP1	cntlzw_low, cntlzw, 0xffffffff00010000, 15, 0, 0
	OP1	cnttzd, cnttzd, 0x0000010000000000, 40, 0, 0
	OP1	popcntd, popcntd, 0xf0f0f0f0f0f0f0f1, 33, 0, 0
	/* bpermd: result bit i = bit (byte i of rs) of rb, 0 for indexes >= 64 */
	OP2	bpermd_mixed, bpermd, 0x0001023f40ff0710, 0x8000000000000001, 0x90, 0, 0
	OP2	bpermd_low_byte, bpermd, 0x3f3e3d3c3b3a3938, 0xa5, 0xa5, 0, 0
	OP1	popcntw, popcntw, 0xffffffff00000003, 0x0000002000000002, 0, 0
	OP1	popcntb, popcntb, 0xff0301807f000001, 0x0802010107000001, 0, 0
	OP2	cmpb, cmpb, 0x1122334455667788, 0x1100330055007700, 0xff00ff00ff00ff00, 0, 0
	OP2	modsd, modsd, 0xfffffffffffffff9, 4, 0xfffffffffffffffd, 0, 0
	OP2	modud, modud, 0xfffffffffffffff9, 4, 1, 0, 0

	/* compares: word forms see the low word only */
	LI64	r14, 0x0000000100000000
	LI64	r15, 0x00000000ffffffff
	OP_PRESET
	cmpd	cr0, r14, r15
	cmpw	cr1, r14, r15
	cmpld	cr2, r14, r15
	cmplw	cr3, r14, r15
	cmpdi	cr4, r14, -1
	cmpwi	cr5, r15, -1
	cmpldi	cr6, r15, 0xffff
	cmplwi	cr7, r14, 0
	mfcr	r18
	CHECK	cmp_fields, r18, 0x44484242

	/* isel */
	LI64	r14, 0x1111111111111111
	LI64	r15, 0x2222222222222222
	OP_PRESET
	cmpdi	cr1, r14, 0
	isel	r16, r14, r15, 5	/* cr1.GT set: r14 */
	isel	r17, r14, r15, 4	/* cr1.LT clear: r15 */
	isel	r18, 0, r15, 5		/* RA = 0: the constant 0 */
	CHECK	isel_true, r16, 0x1111111111111111
	CHECK	isel_false, r17, 0x2222222222222222
	CHECK	isel_ra0, r18, 0

	/* bdnz on a 64-bit CTR: 0x100000001 -> 0x100000000 is not zero */
	LI64	r14, 0x100000001
	mtctr	r14
	li	r16, 0
	bdnz	1f
	li	r16, 1
1:	mfctr	r17
	CHECK	bdnz_taken, r16, 0
	CHECK	bdnz_ctr64, r17, 0x100000000

	/* mtocrf / mfocrf move one field; mfcr is zero-extended */
	LI64	r14, 0xffffffff00000050
	OP_PRESET
	mtocrf	0x02, r14	/* CR6 = 5 */
	mfocrf	r16, 0x02
	mfcr	r17
	rldicl	r16, r16, 60, 60	/* the CR6 nibble */
	CHECK	mtocrf_cr6, r16, 5
	CHECK	mfcr_zext, r17, 0x50

	/* td/tdi with conditions that do not hold do not trap */
	LI64	r14, 0x100000000
	LI64	r15, 0x1
	td	16, r14, r15		/* lt: no */
	tdi	4, r14, 0		/* eq: no */
	tw	16, r15, r14		/* word lt: 1 < 0 no */
	CHECK	td_no_trap, r14, 0x100000000

	/* Record forms feeding a branch on CR0 in their own block: CR0
	 * compares the 64-bit result (a zero low word or a set bit 32 do not
	 * decide it) and copies XER[SO] as it is after the instruction;
	 * the path taken and the whole CR are read in the next block. */
	RECBR64	andrc_high_word_gt, and., 0x100000000, 0x100000000, 0, beq, 2, 0x40000000
	RECBR64	andrc_high_word_so, and., 0x100000000, 0x1ffffffff, XER_SO, bgt, 1, 0x50000000
	RECBR64	addrc_bit32_gt, add., 0x7fffffff, 1, 0, blt, 2, 0x40000000
	RECBR64	subfrc_lt_so, subf., 1, 0, XER_SO, blt, 1, 0x90000000
	RECBR64	srwrc_zext_gt, srw., 0x80000000, 0, 0, bgt, 1, 0x40000000
	RECBR64	xorrc_eq_bne, xor., 0xffffffff00000000, 0xffffffff00000000, XER_SO, bne, 2, 0x30000000
	RECBR64	addorc_ov64_so, addo., 0x7fffffffffffffff, 1, 0, bso, 1, 0x90000000

	TEST_END
