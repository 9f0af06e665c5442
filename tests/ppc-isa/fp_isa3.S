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

	TEST_END
