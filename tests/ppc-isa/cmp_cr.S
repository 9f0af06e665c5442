/*
 * cmp_cr.S — compares and the condition register: cmp/cmpi/cmpl/cmpli into
 * several CR fields (with the XER[SO] copy), the eight CR logical ops,
 * mcrf, mcrxr, mfcr/mtcrf with partial masks, mfocrf/mtocrf, and isel.
 *
 * Rules from the Power ISA (Book I, 2.5 and 3.3.10): a compare writes only
 * field BF with LT/GT/EQ (signed for cmp/cmpi, unsigned for cmpl/cmpli;
 * cmpi sign-extends SI, cmpli zero-extends UI) and SO = XER[SO].  CR bit
 * numbers count from the MSB (bit 0 = CR0[LT]).  mcrxr copies XER[0:3]
 * into field BF and clears them.  mtcrf replaces the fields whose FXM bit
 * is set (FXM bit 0x80 = field 0).  isel picks (RA|0) when CR[BC] is 1,
 * otherwise RB.
 */
#include "isa.h"

/* CMPCASE name, xer_in, cr_in, then one compare instruction line is
 * given as the remaining arguments; the whole CR is checked. */
	.macro CMPCASE name:req, xin:req, crin:req, want:req, insn:vararg
	SET_XER	\xin
	LI32	r0, \crin
	mtcrf	0xff, r0
	\insn
	CHECK_CR \name, \want
	.endm

/* CRCASE name, op, bt, ba, bb, want: CR preset to 0x9c3a5e71. */
	.macro CRCASE name:req, op:req, bt, ba, bb, want
	LI32	r0, 0x9c3a5e71
	mtcrf	0xff, r0
	\op	\bt, \ba, \bb
	CHECK_CR \name, \want
	.endm

	TEST_BEGIN
	li	r14, 5
	li	r15, 7
	li	r19, -1
	li	r20, 1
	LI32	r21, 0x80000000
	LI32	r22, 0x7fffffff
	li	r23, -5
	li	r24, 0x7fff
	LI32	r25, 0x8000

	/* signed / unsigned compares into various fields, CR otherwise 0 */
	CMPCASE cmpw_cr0_lt, 0, 0, 0x80000000, cmpw cr0, r14, r15
	CMPCASE cmpw_cr0_gt, 0, 0, 0x40000000, cmpw cr0, r15, r14
	CMPCASE cmpw_cr0_eq, 0, 0, 0x20000000, cmpw cr0, r14, r14
	CMPCASE cmpw_cr3_neg, 0, 0, 0x00080000, cmpw cr3, r19, r20
	CMPCASE cmplw_cr3_neg, 0, 0, 0x00040000, cmplw cr3, r19, r20
	CMPCASE cmpw_cr6_min, 0, 0, 0x00000080, cmpw cr6, r21, r22
	CMPCASE cmplw_cr6_min, 0, 0, 0x00000040, cmplw cr6, r21, r22
	CMPCASE cmp_long_form, 0, 0, 0x04000000, cmp 1, 0, r15, r14
	CMPCASE cmpl_long_form, 0, 0, 0x00000008, cmpl 7, 0, r14, r19
	CMPCASE cmpwi_cr7_eq, 0, 0, 0x00000002, cmpwi cr7, r23, -5
	CMPCASE cmpwi_cr1_min, 0, 0, 0x08000000, cmpwi cr1, r21, 0
	CMPCASE cmpwi_cr4_lt, 0, 0, 0x00008000, cmpwi cr4, r20, 0x7fff
	CMPCASE cmpwi_sext_imm, 0, 0, 0x00400000, cmpwi cr2, r20, -32768
	CMPCASE cmpi_long_form, 0, 0, 0x00002000, cmpi 4, 0, r24, 0x7fff
	CMPCASE cmplwi_cr5_lt, 0, 0, 0x00000800, cmplwi cr5, r25, 0xffff
	CMPCASE cmplwi_zext_imm, 0, 0, 0x00000800, cmplwi cr5, r20, 0x8000
	CMPCASE cmplwi_big, 0, 0, 0x00000400, cmplwi cr5, r19, 0xffff
	CMPCASE cmpli_long_form, 0, 0, 0x00000020, cmpli 6, 0, r24, 0x7fff
	/* SO is copied from XER into the written field only */
	CMPCASE cmpw_so_copy, 0x80000000, 0, 0x00300000, cmpw cr2, r14, r14
	CMPCASE cmplw_so_copy, 0x80000000, 0, 0x00000009, cmplw cr7, r14, r19
	CMPCASE cmpwi_so_copy, 0xa0000000, 0, 0x50000000, cmpwi r15, 0
	CMPCASE cmp_no_ov_copy, 0x60000000, 0, 0x00000200, cmplwi cr5, r20, 1
	/* other fields untouched */
	CMPCASE cmpw_keep_others, 0, 0xffffffff, 0xffff8fff, cmpw cr4, r20, r15
	CMPCASE cmplw_keep_others, 0, 0x12345678, 0x12345674, cmplw cr7, r19, r20

	/* CR logical operations on CR = 0x9c3a5e71 */
	CRCASE crand_0, crand, 0, 1, 2, 0x1c3a5e71
	CRCASE crand_1, crand, 31, 0, 3, 0x9c3a5e71
	CRCASE crand_2, crand, 5, 30, 30, 0x983a5e71
	CRCASE crand_3, crand, 17, 8, 12, 0x9c3a1e71
	CRCASE crand_4, crand, 12, 17, 25, 0x9c3a5e71
	CRCASE crand_5, crand, 2, 29, 4, 0x9c3a5e71
	CRCASE crand_6, crand, 26, 26, 13, 0x9c3a5e51
	CRCASE crand_7, crand, 9, 14, 15, 0x9c3a5e71
	CRCASE cror_0, cror, 0, 1, 2, 0x1c3a5e71
	CRCASE cror_1, cror, 31, 0, 3, 0x9c3a5e71
	CRCASE cror_2, cror, 5, 30, 30, 0x983a5e71
	CRCASE cror_3, cror, 17, 8, 12, 0x9c3a5e71
	CRCASE cror_4, cror, 12, 17, 25, 0x9c3a5e71
	CRCASE cror_5, cror, 2, 29, 4, 0xbc3a5e71
	CRCASE cror_6, cror, 26, 26, 13, 0x9c3a5e71
	CRCASE cror_7, cror, 9, 14, 15, 0x9c7a5e71
	CRCASE crxor_0, crxor, 0, 1, 2, 0x1c3a5e71
	CRCASE crxor_1, crxor, 31, 0, 3, 0x9c3a5e70
	CRCASE crxor_2, crxor, 5, 30, 30, 0x983a5e71
	CRCASE crxor_3, crxor, 17, 8, 12, 0x9c3a5e71
	CRCASE crxor_4, crxor, 12, 17, 25, 0x9c325e71
	CRCASE crxor_5, crxor, 2, 29, 4, 0xbc3a5e71
	CRCASE crxor_6, crxor, 26, 26, 13, 0x9c3a5e71
	CRCASE crxor_7, crxor, 9, 14, 15, 0x9c7a5e71
	CRCASE crnand_0, crnand, 0, 1, 2, 0x9c3a5e71
	CRCASE crnand_1, crnand, 31, 0, 3, 0x9c3a5e70
	CRCASE crnand_2, crnand, 5, 30, 30, 0x9c3a5e71
	CRCASE crnand_3, crnand, 17, 8, 12, 0x9c3a5e71
	CRCASE crnand_4, crnand, 12, 17, 25, 0x9c325e71
	CRCASE crnand_5, crnand, 2, 29, 4, 0xbc3a5e71
	CRCASE crnand_6, crnand, 26, 26, 13, 0x9c3a5e71
	CRCASE crnand_7, crnand, 9, 14, 15, 0x9c7a5e71
	CRCASE crnor_0, crnor, 0, 1, 2, 0x9c3a5e71
	CRCASE crnor_1, crnor, 31, 0, 3, 0x9c3a5e70
	CRCASE crnor_2, crnor, 5, 30, 30, 0x9c3a5e71
	CRCASE crnor_3, crnor, 17, 8, 12, 0x9c3a1e71
	CRCASE crnor_4, crnor, 12, 17, 25, 0x9c325e71
	CRCASE crnor_5, crnor, 2, 29, 4, 0x9c3a5e71
	CRCASE crnor_6, crnor, 26, 26, 13, 0x9c3a5e51
	CRCASE crnor_7, crnor, 9, 14, 15, 0x9c3a5e71
	CRCASE creqv_0, creqv, 0, 1, 2, 0x9c3a5e71
	CRCASE creqv_1, creqv, 31, 0, 3, 0x9c3a5e71
	CRCASE creqv_2, creqv, 5, 30, 30, 0x9c3a5e71
	CRCASE creqv_3, creqv, 17, 8, 12, 0x9c3a1e71
	CRCASE creqv_4, creqv, 12, 17, 25, 0x9c3a5e71
	CRCASE creqv_5, creqv, 2, 29, 4, 0x9c3a5e71
	CRCASE creqv_6, creqv, 26, 26, 13, 0x9c3a5e51
	CRCASE creqv_7, creqv, 9, 14, 15, 0x9c3a5e71
	CRCASE crandc_0, crandc, 0, 1, 2, 0x1c3a5e71
	CRCASE crandc_1, crandc, 31, 0, 3, 0x9c3a5e70
	CRCASE crandc_2, crandc, 5, 30, 30, 0x983a5e71
	CRCASE crandc_3, crandc, 17, 8, 12, 0x9c3a1e71
	CRCASE crandc_4, crandc, 12, 17, 25, 0x9c325e71
	CRCASE crandc_5, crandc, 2, 29, 4, 0x9c3a5e71
	CRCASE crandc_6, crandc, 26, 26, 13, 0x9c3a5e71
	CRCASE crandc_7, crandc, 9, 14, 15, 0x9c7a5e71
	CRCASE crorc_0, crorc, 0, 1, 2, 0x9c3a5e71
	CRCASE crorc_1, crorc, 31, 0, 3, 0x9c3a5e71
	CRCASE crorc_2, crorc, 5, 30, 30, 0x9c3a5e71
	CRCASE crorc_3, crorc, 17, 8, 12, 0x9c3a1e71
	CRCASE crorc_4, crorc, 12, 17, 25, 0x9c3a5e71
	CRCASE crorc_5, crorc, 2, 29, 4, 0x9c3a5e71
	CRCASE crorc_6, crorc, 26, 26, 13, 0x9c3a5e71
	CRCASE crorc_7, crorc, 9, 14, 15, 0x9c7a5e71
	/* extended mnemonics */
	CRCASE crset_5, creqv, 5, 5, 5, 0x9c3a5e71 | 0x04000000
	CRCASE crclr_0, crxor, 0, 0, 0, 0x1c3a5e71
	CRCASE crnot_31, crnor, 31, 31, 31, 0x9c3a5e70
	CRCASE crmove_1_0, cror, 1, 0, 0, 0xdc3a5e71

	/* mcrf: copy a field */
	CMPCASE mcrf_7_0, 0, 0x9c3a5e71, 0x9c3a5e79, mcrf cr7, cr0
	CMPCASE mcrf_0_5, 0, 0x9c3a5e71, 0xec3a5e71, mcrf cr0, cr5
	CMPCASE mcrf_3_3, 0, 0x9c3a5e71, 0x9c3a5e71, mcrf cr3, cr3

	/* mcrxr: XER[SO,OV,CA,0] -> field, then XER[0:3] cleared */
	CMPCASE mcrxr_cr2, 0xa0000000, 0, 0x00a00000, mcrxr cr2
	mfxer	r16
	rlwinm	r16, r16, 0, 0, 3
	CHECK	mcrxr_cr2_xer, r16, 0
	CMPCASE mcrxr_cr0, 0xe0000000, 0x0fffffff, 0xefffffff, mcrxr cr0
	mfxer	r16
	rlwinm	r16, r16, 0, 0, 3
	CHECK	mcrxr_cr0_xer, r16, 0
	CMPCASE mcrxr_cr7_ov, 0x40000000, 0xffffffff, 0xfffffff4, mcrxr cr7

	/* mtcrf with partial masks, mfcr */
	LI32	r16, 0x12345678
	CMPCASE mtcrf_81, 0, 0, 0x10000008, mtcrf 0x81, r16
	CMPCASE mtcrf_3c, 0, 0, 0x00345600, mtcrf 0x3c, r16
	CMPCASE mtcrf_00, 0, 0xcafef00d, 0xcafef00d, mtcrf 0x00, r16
	CMPCASE mtcrf_ff, 0, 0xcafef00d, 0x12345678, mtcrf 0xff, r16
	CMPCASE mtcrf_keep, 0, 0xffffffff, 0xf2ffff7f, mtcrf 0x42, r16
	CMPCASE mtcr_alias, 0, 0, 0x12345678, mtcr r16
	/* mtocrf: one field */
	CMPCASE mtocrf_04, 0, 0xffffffff, 0xfffff6ff, mtocrf 0x04, r16
	CMPCASE mtocrf_80, 0, 0, 0x10000000, mtocrf 0x80, r16
	/* mfocrf: the named field lands in its own position (other bits are
	 * undefined in the ISA, so they are masked off) */
	LI32	r0, 0x9c3a5e71
	mtcrf	0xff, r0
	mfocrf	r17, 0x20
	rlwinm	r17, r17, 0, 8, 11
	CHECK	mfocrf_20, r17, 0x00300000
	LI32	r0, 0x9c3a5e71
	mtcrf	0xff, r0
	mfocrf	r17, 0x01
	rlwinm	r17, r17, 0, 28, 31
	CHECK	mfocrf_01, r17, 0x00000001
	LI32	r0, 0x9c3a5e71
	mtcrf	0xff, r0
	mfcr	r17
	CHECK	mfcr_all, r17, 0x9c3a5e71

	/* isel */
	li	r14, 11
	li	r15, 22
	LI32	r0, 0x40000000
	mtcrf	0xff, r0
	isel	r16, r14, r15, 1
	CHECK	isel_true, r16, 11
	LI32	r0, 0x40000000
	mtcrf	0xff, r0
	isel	r16, r14, r15, 0
	CHECK	isel_false, r16, 22
	LI32	r0, 0x40000000
	mtcrf	0xff, r0
	LI32	r0, 0x12345678	/* RA = 0 reads as 0, not r0 */
	isel	r16, 0, r15, 1
	CHECK	isel_ra0_true, r16, 0
	LI32	r0, 0x40000000
	mtcrf	0xff, r0
	isel	r16, 0, r15, 2
	CHECK	isel_ra0_false, r16, 22
	cmpw	cr5, r15, r14
	isel	r16, r14, r15, 21
	CHECK	isel_after_cmp_gt, r16, 11
	cmpw	cr5, r15, r14
	isel	r16, r14, r15, 20
	CHECK	isel_after_cmp_lt, r16, 22
	li	r0, -1
	mtcrf	0xff, r0
	isel	r16, r14, r15, 31
	CHECK	isel_bit31, r16, 11

	TEST_END
