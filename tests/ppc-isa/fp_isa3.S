/*
 * fp_isa3.S — the Power ISA 3.0 lightweight mffs forms: mffsl, mffsce,
 * mffscrn, mffscrni.  Kept apart from fp.S because QEMU 7.2's qemu-ppc
 * (32-bit CPUs only) raises SIGILL on them, so these expectations come
 * from the manual alone (Book I, 4.6.10, v3.0B):
 *   mffsl    FRT <- FPSCR masked to DRN, VE..XE, NI, RN, FR, FI, FPRF
 *   mffsce   FRT <- FPSCR; then VE, OE, UE, ZE, XE <- 0
 *   mffscrn  FRT <- FPSCR masked to DRN, VE..XE, NI, RN; RN <- FRB[62:63]
 *   mffscrni FRT <- same mask; RN <- RM immediate
 * DRN (in the high word) is never set here, so every high word is 0.
 * Also VSX vector arithmetic where some elements give NaNs (the others
 * must not be disturbed): default QNaN positive, a QNaN operand kept as
 * it is (nmadd does not negate it), VX* causes set, FPRF/FR/FI left.
 * Assembled with -mpower9.
 */
#include "isa.h"

	.macro CHECK_FPSCR name:req, exp:req
	mffs	f31
	lis	r3, isa_fpr_scratch@ha
	addi	r3, r3, isa_fpr_scratch@l
	stfd	f31, 0(r3)
	lwz	r16, 4(r3)
	CHECK	\name, r16, \exp
	.endm

/* CHECKW name, offset, exp: the word at vout + offset */
	.macro CHECKW name:req, off:req, exp:req
	lwz	r16, \off(r20)
	CHECK	\name, r16, \exp
	.endm

	.data
	.balign	16
vdata:	.long	0x7ff00000, 0, 0x3ff80000, 0		/* {+inf, 1.5} */
	.long	0xfff00000, 0, 0x40020000, 0		/* {-inf, 2.25} */
	.long	0x00000000, 0x40000000, 0xbf800000, 0xffc01234	/* {0, 2, -1, -QNaN} */
	.long	0x7f800000, 0x40400000, 0x3fc00000, 0x3f800000	/* {inf, 3, 1.5, 1} */
	.long	0x7ff80000, 5, 0x40000000, 0		/* {QNaN, 2} */
	.long	0x3ff00000, 0, 0x40080000, 0		/* {1, 3} */
vout:	.space	16

	.text
	TEST_BEGIN
	/* FPSCR = FX XX FI FG (1/3 rounded down), ZE enabled, RN = 1 */
	LFD_CONST f31, 0, 0
	mtfsf	0xff, f31
	LFD_CONST f1, 0x3ff00000, 0
	LFD_CONST f2, 0x40080000, 0
	fdiv	f3, f1, f2
	mtfsfi	7, 1
	mtfsb1	27
	CHECK_FPSCR isa3_setup, 0x82024011

	mffsl	f5
	CHECKD	mffsl_value, f5, 0, 0x00024011
	CHECK_FPSCR mffsl_fpscr_unchanged, 0x82024011

	mffsce	f5
	CHECKD	mffsce_value, f5, 0, 0x82024011
	CHECK_FPSCR mffsce_clears_enables, 0x82024001

	mtfsb1	27
	mffscrni f5, 2
	CHECKD	mffscrni_value, f5, 0, 0x00000011
	CHECK_FPSCR mffscrni_sets_rn, 0x82024012

	LFD_CONST f6, 0xffffffff, 0xfffffff3	/* only bits 62:63 count */
	mffscrn	f5, f6
	CHECKD	mffscrn_value, f5, 0, 0x00000012
	CHECK_FPSCR mffscrn_sets_rn, 0x82024013

	/* the new rounding mode takes effect: RN = 3 rounds 1 + 0.75ulp down */
	LFD_CONST f1, 0x3ff00000, 0
	LFD_CONST f2, 0x3ca80000, 0
	fadd	f3, f1, f2
	CHECKD	mffscrn_mode_used, f3, 0x3ff00000, 0
	mffscrni f5, 0
	LFD_CONST f1, 0x3ff00000, 0
	fadd	f3, f1, f2
	CHECKD	mffscrni_mode_used, f3, 0x3ff00000, 1

	/* ---- vector arithmetic with NaN elements ---- */
	lis	r14, vdata@ha
	addi	r14, r14, vdata@l
	lis	r20, vout@ha
	addi	r20, r20, vout@l
	LFD_CONST f31, 0, 0
	mtfsf	0xff, f31
	li	r15, 0
	lxvd2x	vs40, r14, r15
	li	r15, 16
	lxvd2x	vs41, r14, r15
	xvadddp	vs42, vs40, vs41	/* {inf - inf, 3.75} */
	stxvd2x	vs42, 0, r20
	CHECK_FPSCR xvadddp_isi_fpscr, 0xa0800000	/* FX VX VXISI */
	CHECKW	xvadddp_isi_0hi, 0, 0x7ff80000
	CHECKW	xvadddp_isi_0lo, 4, 0
	CHECKW	xvadddp_isi_1hi, 8, 0x400e0000
	CHECKW	xvadddp_isi_1lo, 12, 0

	LFD_CONST f31, 0, 0
	mtfsf	0xff, f31
	li	r15, 32
	lxvw4x	vs40, r14, r15
	li	r15, 48
	lxvw4x	vs41, r14, r15
	xvmulsp	vs42, vs40, vs41	/* {0 * inf, 6, -1.5, -QNaN} */
	stxvw4x	vs42, 0, r20
	CHECK_FPSCR xvmulsp_imz_fpscr, 0xa0100000	/* FX VX VXIMZ */
	CHECKW	xvmulsp_imz_0, 0, 0x7fc00000
	CHECKW	xvmulsp_imz_1, 4, 0x40c00000
	CHECKW	xvmulsp_imz_2, 8, 0xbfc00000
	CHECKW	xvmulsp_imz_3, 12, 0xffc01234

	LFD_CONST f31, 0, 0
	mtfsf	0xff, f31
	li	r15, 64
	lxvd2x	vs40, r14, r15
	li	r15, 80
	lxvd2x	vs41, r14, r15
	xxlor	vs42, vs41, vs41
	xvnmaddadp vs42, vs40, vs41	/* -(XA * XB + XT), XT = XB: {QNaN, -9} */
	stxvd2x	vs42, 0, r20
	CHECK_FPSCR xvnmaddadp_qnan_fpscr, 0
	CHECKW	xvnmaddadp_qnan_0hi, 0, 0x7ff80000
	CHECKW	xvnmaddadp_qnan_0lo, 4, 5
	CHECKW	xvnmaddadp_1hi, 8, 0xc0220000
	CHECKW	xvnmaddadp_1lo, 12, 0

	TEST_END
