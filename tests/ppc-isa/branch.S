/*
 * branch.S — b/bl/blr, bc with every BO shape (CTR decrement with
 * bdnz/bdz forms, condition true/false, both combined, hint bits),
 * bclr/bcctr and their linking forms, and LR after bl.
 *
 * Rules from the Power ISA (Book I, 2.4): BO bits, MSB first,
 *   16 ignore the condition    8 branch when CR[BI] equals this bit
 *    4 leave CTR alone          2 branch when CTR == 0 (else when != 0)
 *    1 hint only (with 8 or 16, the "at" hint pair is 1z1zz / 1a00t)
 * When BO&4 is 0, CTR is decremented first and the new value tested
 * (CTR = 0 decrements to 0xffffffff).  Branch = ctr_ok AND cond_ok.
 * Link forms set LR to the address of the next instruction whether or not
 * the branch is taken; bclrl branches to the LR value from before the
 * instruction.  bcctr is only valid with BO&4 set.
 *
 * Each BR_* case records in r16 whether the branch went to its target (1)
 * or fell through (2), then checks r16, CTR, and LR where it matters.
 * The condition bit used is CR bit 6 (CR1[EQ]).
 */
#include "isa.h"

/* The table cases emit raw encodings: gas refuses some BO values with hint
 * bits set, and the point is to feed every BO shape to the decoder.
 *   bc:   16<<26 | BO<<21 | BI<<16 | BD | AA<<1 | LK
 *   bclr: 19<<26 | BO<<21 | BI<<16 | 16<<1 | LK,  bcctr: 528<<1 in place of 16<<1 */
	.macro RAW_BC bo, bi, target, lk
	.long	(16 << 26) | (\bo << 21) | (\bi << 16) | ((\target - .) & 0xfffc) | \lk
	.endm
	.macro RAW_BCLR bo, bi, lk
	.long	(19 << 26) | (\bo << 21) | (\bi << 16) | (16 << 1) | \lk
	.endm
	.macro RAW_BCCTR bo, bi, lk
	.long	(19 << 26) | (\bo << 21) | (\bi << 16) | (528 << 1) | \lk
	.endm

/* RECBR name, insn, a, b, xer_in, branch, taken, cr_out: CR cleared,
 * XER = xer_in, then `insn r16, a, b` and `branch` on CR0 in one block;
 * r17 = 1 where it branched, 2 where it fell through; then the path taken
 * and the whole CR are checked. */
	.macro RECBR name:req, insn:req, a, b, xin, br:req, taken, cr
	LI32	r14, \a
	LI32	r15, \b
	SET_XER	\xin
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

	.macro BR_PRESET crin, ctrin
	LI32	r0, \crin
	mtcrf	0xff, r0
	LI32	r0, \ctrin
	mtctr	r0
	li	r16, 0
	.endm

/* BR_BC name, cr_in, ctr_in, bo, bi, taken(1)/not(2), ctr_out */
	.macro BR_BC name:req, crin, ctrin, bo, bi, taken, ctrout
	BR_PRESET \crin, \ctrin
	RAW_BC	\bo, \bi, .Lt\@, 0
	li	r16, 2
	b	.Le\@
.Lt\@:	li	r16, 1
.Le\@:	mfctr	r17
	CHECK	\name\()_taken, r16, \taken
	CHECK	\name\()_ctr, r17, \ctrout
	.endm

	.macro BR_BCL name:req, crin, ctrin, bo, bi, taken, ctrout
	BR_PRESET \crin, \ctrin
	RAW_BC	\bo, \bi, .Lt\@, 1
.Lr\@:	li	r16, 2
	b	.Le\@
.Lt\@:	li	r16, 1
.Le\@:	mfctr	r17
	mflr	r18
	CHECK	\name\()_taken, r16, \taken
	CHECK	\name\()_ctr, r17, \ctrout
	CHECK	\name\()_lr, r18, .Lr\@
	.endm

	.macro BR_BCLR name:req, crin, ctrin, bo, bi, taken, ctrout
	BR_PRESET \crin, \ctrin
	LI32	r0, .Lt\@
	mtlr	r0
	RAW_BCLR	\bo, \bi, 0
	li	r16, 2
	b	.Le\@
.Lt\@:	li	r16, 1
.Le\@:	mfctr	r17
	mflr	r18
	CHECK	\name\()_taken, r16, \taken
	CHECK	\name\()_ctr, r17, \ctrout
	CHECK	\name\()_lr, r18, .Lt\@
	.endm

	.macro BR_BCLRL name:req, crin, ctrin, bo, bi, taken, ctrout
	BR_PRESET \crin, \ctrin
	LI32	r0, .Lt\@
	mtlr	r0
	RAW_BCLR	\bo, \bi, 1
.Lr\@:	li	r16, 2
	b	.Le\@
.Lt\@:	li	r16, 1
.Le\@:	mfctr	r17
	mflr	r18
	CHECK	\name\()_taken, r16, \taken
	CHECK	\name\()_ctr, r17, \ctrout
	CHECK	\name\()_lr, r18, .Lr\@
	.endm

/* bcctr: CTR holds the target, so ctr_in/ctr_out are unused. */
	.macro BR_BCCTR name:req, crin, ctrin, bo, bi, taken, ctrout
	BR_PRESET \crin, .Lt\@
	LI32	r0, 0x5a5a5a5a
	mtlr	r0
	RAW_BCCTR	\bo, \bi, 0
	li	r16, 2
	b	.Le\@
.Lt\@:	li	r16, 1
.Le\@:	mfctr	r17
	mflr	r18
	CHECK	\name\()_taken, r16, \taken
	CHECK	\name\()_ctr, r17, .Lt\@
	CHECK	\name\()_lr, r18, 0x5a5a5a5a
	.endm

	.macro BR_BCCTRL name:req, crin, ctrin, bo, bi, taken, ctrout
	BR_PRESET \crin, .Lt\@
	RAW_BCCTR	\bo, \bi, 1
.Lr\@:	li	r16, 2
	b	.Le\@
.Lt\@:	li	r16, 1
.Le\@:	mfctr	r17
	mflr	r18
	CHECK	\name\()_taken, r16, \taken
	CHECK	\name\()_ctr, r17, .Lt\@
	CHECK	\name\()_lr, r18, .Lr\@
	.endm

	TEST_BEGIN

	/* b forward and backward */
	li	r16, 0
	b	1f
	li	r16, 99
2:	addi	r16, r16, 10
	b	3f
1:	addi	r16, r16, 1
	b	2b
3:	CHECK	b_fwd_back, r16, 11

	/* bl sets LR to the next instruction; blr returns */
	li	r16, 0
	bl	leaf_add5
.Lafter_bl:
	mflr	r17
	CHECK	bl_blr_result, r16, 5
	CHECK	bl_lr_value, r17, .Lafter_bl

	/* nested calls saving LR in a register */
	li	r16, 0
	bl	outer
	CHECK	nested_calls, r16, 0x15

	/* bdnz loop: 10 iterations */
	li	r0, 10
	mtctr	r0
	li	r16, 0
1:	addi	r16, r16, 3
	bdnz	1b
	mfctr	r17
	CHECK	bdnz_loop_sum, r16, 30
	CHECK	bdnz_loop_ctr, r17, 0

	/* bdz exits when CTR reaches 0 */
	li	r0, 4
	mtctr	r0
	li	r16, 0
1:	addi	r16, r16, 1
	bdz	2f
	b	1b
2:	CHECK	bdz_loop_count, r16, 4

	/* bdnzf: loop until a condition becomes true or CTR runs out */
	li	r0, 100
	mtctr	r0
	li	r16, 0
1:	addi	r16, r16, 1
	cmpwi	r16, 7
	bdnzf	eq, 1b
	mfctr	r17
	CHECK	bdnzf_stop_eq, r16, 7
	CHECK	bdnzf_ctr, r17, 93

	/* bdnzlr: return while CTR != 0 after decrement */
	li	r0, 3
	mtctr	r0
	li	r16, 0
	bl	count_bdnzlr
	CHECK	bdnzlr_calls, r16, 3

	/* beqlr / bnelr and bctrl to a function */
	li	r16, 0
	bl	cond_return
	CHECK	beqlr_taken, r16, 1
	LI32	r0, leaf_add5
	mtctr	r0
	li	r16, 1
	bctrl
.Lafter_bctrl:
	mflr	r17
	CHECK	bctrl_result, r16, 6
	CHECK	bctrl_lr, r17, .Lafter_bctrl

	/* the BO x CR x CTR table */

	/* bc */
	BR_BC bc_bo0_cr0_ctr1, 0x00000000, 1, 0, 6, 2, 0x00000000
	BR_BC bc_bo0_cr0_ctr2, 0x00000000, 2, 0, 6, 1, 0x00000001
	BR_BC bc_bo0_cr0_ctr0, 0x00000000, 0, 0, 6, 1, 0xffffffff
	BR_BC bc_bo0_cr1_ctr1, 0x02000000, 1, 0, 6, 2, 0x00000000
	BR_BC bc_bo0_cr1_ctr2, 0x02000000, 2, 0, 6, 2, 0x00000001
	BR_BC bc_bo0_cr1_ctr0, 0x02000000, 0, 0, 6, 2, 0xffffffff
	BR_BC bc_bo2_cr0_ctr1, 0x00000000, 1, 2, 6, 1, 0x00000000
	BR_BC bc_bo2_cr0_ctr2, 0x00000000, 2, 2, 6, 2, 0x00000001
	BR_BC bc_bo2_cr0_ctr0, 0x00000000, 0, 2, 6, 2, 0xffffffff
	BR_BC bc_bo2_cr1_ctr1, 0x02000000, 1, 2, 6, 2, 0x00000000
	BR_BC bc_bo2_cr1_ctr2, 0x02000000, 2, 2, 6, 2, 0x00000001
	BR_BC bc_bo2_cr1_ctr0, 0x02000000, 0, 2, 6, 2, 0xffffffff
	BR_BC bc_bo4_cr0_ctr1, 0x00000000, 1, 4, 6, 1, 0x00000001
	BR_BC bc_bo4_cr0_ctr2, 0x00000000, 2, 4, 6, 1, 0x00000002
	BR_BC bc_bo4_cr0_ctr0, 0x00000000, 0, 4, 6, 1, 0x00000000
	BR_BC bc_bo4_cr1_ctr1, 0x02000000, 1, 4, 6, 2, 0x00000001
	BR_BC bc_bo4_cr1_ctr2, 0x02000000, 2, 4, 6, 2, 0x00000002
	BR_BC bc_bo4_cr1_ctr0, 0x02000000, 0, 4, 6, 2, 0x00000000
	BR_BC bc_bo8_cr0_ctr1, 0x00000000, 1, 8, 6, 2, 0x00000000
	BR_BC bc_bo8_cr0_ctr2, 0x00000000, 2, 8, 6, 2, 0x00000001
	BR_BC bc_bo8_cr0_ctr0, 0x00000000, 0, 8, 6, 2, 0xffffffff
	BR_BC bc_bo8_cr1_ctr1, 0x02000000, 1, 8, 6, 2, 0x00000000
	BR_BC bc_bo8_cr1_ctr2, 0x02000000, 2, 8, 6, 1, 0x00000001
	BR_BC bc_bo8_cr1_ctr0, 0x02000000, 0, 8, 6, 1, 0xffffffff
	BR_BC bc_bo10_cr0_ctr1, 0x00000000, 1, 10, 6, 2, 0x00000000
	BR_BC bc_bo10_cr0_ctr2, 0x00000000, 2, 10, 6, 2, 0x00000001
	BR_BC bc_bo10_cr0_ctr0, 0x00000000, 0, 10, 6, 2, 0xffffffff
	BR_BC bc_bo10_cr1_ctr1, 0x02000000, 1, 10, 6, 1, 0x00000000
	BR_BC bc_bo10_cr1_ctr2, 0x02000000, 2, 10, 6, 2, 0x00000001
	BR_BC bc_bo10_cr1_ctr0, 0x02000000, 0, 10, 6, 2, 0xffffffff
	BR_BC bc_bo12_cr0_ctr1, 0x00000000, 1, 12, 6, 2, 0x00000001
	BR_BC bc_bo12_cr0_ctr2, 0x00000000, 2, 12, 6, 2, 0x00000002
	BR_BC bc_bo12_cr0_ctr0, 0x00000000, 0, 12, 6, 2, 0x00000000
	BR_BC bc_bo12_cr1_ctr1, 0x02000000, 1, 12, 6, 1, 0x00000001
	BR_BC bc_bo12_cr1_ctr2, 0x02000000, 2, 12, 6, 1, 0x00000002
	BR_BC bc_bo12_cr1_ctr0, 0x02000000, 0, 12, 6, 1, 0x00000000
	BR_BC bc_bo16_cr0_ctr1, 0x00000000, 1, 16, 6, 2, 0x00000000
	BR_BC bc_bo16_cr0_ctr2, 0x00000000, 2, 16, 6, 1, 0x00000001
	BR_BC bc_bo16_cr0_ctr0, 0x00000000, 0, 16, 6, 1, 0xffffffff
	BR_BC bc_bo16_cr1_ctr1, 0x02000000, 1, 16, 6, 2, 0x00000000
	BR_BC bc_bo16_cr1_ctr2, 0x02000000, 2, 16, 6, 1, 0x00000001
	BR_BC bc_bo16_cr1_ctr0, 0x02000000, 0, 16, 6, 1, 0xffffffff
	BR_BC bc_bo18_cr0_ctr1, 0x00000000, 1, 18, 6, 1, 0x00000000
	BR_BC bc_bo18_cr0_ctr2, 0x00000000, 2, 18, 6, 2, 0x00000001
	BR_BC bc_bo18_cr0_ctr0, 0x00000000, 0, 18, 6, 2, 0xffffffff
	BR_BC bc_bo18_cr1_ctr1, 0x02000000, 1, 18, 6, 1, 0x00000000
	BR_BC bc_bo18_cr1_ctr2, 0x02000000, 2, 18, 6, 2, 0x00000001
	BR_BC bc_bo18_cr1_ctr0, 0x02000000, 0, 18, 6, 2, 0xffffffff
	BR_BC bc_bo20_cr0_ctr1, 0x00000000, 1, 20, 6, 1, 0x00000001
	BR_BC bc_bo20_cr0_ctr2, 0x00000000, 2, 20, 6, 1, 0x00000002
	BR_BC bc_bo20_cr0_ctr0, 0x00000000, 0, 20, 6, 1, 0x00000000
	BR_BC bc_bo20_cr1_ctr1, 0x02000000, 1, 20, 6, 1, 0x00000001
	BR_BC bc_bo20_cr1_ctr2, 0x02000000, 2, 20, 6, 1, 0x00000002
	BR_BC bc_bo20_cr1_ctr0, 0x02000000, 0, 20, 6, 1, 0x00000000
	BR_BC bc_bo13_cr0_ctr1, 0x00000000, 1, 13, 6, 2, 0x00000001
	BR_BC bc_bo13_cr0_ctr2, 0x00000000, 2, 13, 6, 2, 0x00000002
	BR_BC bc_bo13_cr0_ctr0, 0x00000000, 0, 13, 6, 2, 0x00000000
	BR_BC bc_bo13_cr1_ctr1, 0x02000000, 1, 13, 6, 1, 0x00000001
	BR_BC bc_bo13_cr1_ctr2, 0x02000000, 2, 13, 6, 1, 0x00000002
	BR_BC bc_bo13_cr1_ctr0, 0x02000000, 0, 13, 6, 1, 0x00000000
	BR_BC bc_bo15_cr0_ctr1, 0x00000000, 1, 15, 6, 2, 0x00000001
	BR_BC bc_bo15_cr0_ctr2, 0x00000000, 2, 15, 6, 2, 0x00000002
	BR_BC bc_bo15_cr0_ctr0, 0x00000000, 0, 15, 6, 2, 0x00000000
	BR_BC bc_bo15_cr1_ctr1, 0x02000000, 1, 15, 6, 1, 0x00000001
	BR_BC bc_bo15_cr1_ctr2, 0x02000000, 2, 15, 6, 1, 0x00000002
	BR_BC bc_bo15_cr1_ctr0, 0x02000000, 0, 15, 6, 1, 0x00000000
	BR_BC bc_bo25_cr0_ctr1, 0x00000000, 1, 25, 6, 2, 0x00000000
	BR_BC bc_bo25_cr0_ctr2, 0x00000000, 2, 25, 6, 1, 0x00000001
	BR_BC bc_bo25_cr0_ctr0, 0x00000000, 0, 25, 6, 1, 0xffffffff
	BR_BC bc_bo25_cr1_ctr1, 0x02000000, 1, 25, 6, 2, 0x00000000
	BR_BC bc_bo25_cr1_ctr2, 0x02000000, 2, 25, 6, 1, 0x00000001
	BR_BC bc_bo25_cr1_ctr0, 0x02000000, 0, 25, 6, 1, 0xffffffff
	BR_BC bc_bo7_cr0_ctr1, 0x00000000, 1, 7, 6, 1, 0x00000001
	BR_BC bc_bo7_cr0_ctr2, 0x00000000, 2, 7, 6, 1, 0x00000002
	BR_BC bc_bo7_cr0_ctr0, 0x00000000, 0, 7, 6, 1, 0x00000000
	BR_BC bc_bo7_cr1_ctr1, 0x02000000, 1, 7, 6, 2, 0x00000001
	BR_BC bc_bo7_cr1_ctr2, 0x02000000, 2, 7, 6, 2, 0x00000002
	BR_BC bc_bo7_cr1_ctr0, 0x02000000, 0, 7, 6, 2, 0x00000000
	BR_BC bc_bo1_cr0_ctr1, 0x00000000, 1, 1, 6, 2, 0x00000000
	BR_BC bc_bo1_cr0_ctr2, 0x00000000, 2, 1, 6, 1, 0x00000001
	BR_BC bc_bo1_cr0_ctr0, 0x00000000, 0, 1, 6, 1, 0xffffffff
	BR_BC bc_bo1_cr1_ctr1, 0x02000000, 1, 1, 6, 2, 0x00000000
	BR_BC bc_bo1_cr1_ctr2, 0x02000000, 2, 1, 6, 2, 0x00000001
	BR_BC bc_bo1_cr1_ctr0, 0x02000000, 0, 1, 6, 2, 0xffffffff

	/* bcl */
	BR_BCL bcl_bo0_cr0_ctr1, 0x00000000, 1, 0, 6, 2, 0x00000000
	BR_BCL bcl_bo0_cr0_ctr2, 0x00000000, 2, 0, 6, 1, 0x00000001
	BR_BCL bcl_bo0_cr0_ctr0, 0x00000000, 0, 0, 6, 1, 0xffffffff
	BR_BCL bcl_bo0_cr1_ctr1, 0x02000000, 1, 0, 6, 2, 0x00000000
	BR_BCL bcl_bo0_cr1_ctr2, 0x02000000, 2, 0, 6, 2, 0x00000001
	BR_BCL bcl_bo0_cr1_ctr0, 0x02000000, 0, 0, 6, 2, 0xffffffff
	BR_BCL bcl_bo2_cr0_ctr1, 0x00000000, 1, 2, 6, 1, 0x00000000
	BR_BCL bcl_bo2_cr0_ctr2, 0x00000000, 2, 2, 6, 2, 0x00000001
	BR_BCL bcl_bo2_cr0_ctr0, 0x00000000, 0, 2, 6, 2, 0xffffffff
	BR_BCL bcl_bo2_cr1_ctr1, 0x02000000, 1, 2, 6, 2, 0x00000000
	BR_BCL bcl_bo2_cr1_ctr2, 0x02000000, 2, 2, 6, 2, 0x00000001
	BR_BCL bcl_bo2_cr1_ctr0, 0x02000000, 0, 2, 6, 2, 0xffffffff
	BR_BCL bcl_bo4_cr0_ctr1, 0x00000000, 1, 4, 6, 1, 0x00000001
	BR_BCL bcl_bo4_cr0_ctr2, 0x00000000, 2, 4, 6, 1, 0x00000002
	BR_BCL bcl_bo4_cr0_ctr0, 0x00000000, 0, 4, 6, 1, 0x00000000
	BR_BCL bcl_bo4_cr1_ctr1, 0x02000000, 1, 4, 6, 2, 0x00000001
	BR_BCL bcl_bo4_cr1_ctr2, 0x02000000, 2, 4, 6, 2, 0x00000002
	BR_BCL bcl_bo4_cr1_ctr0, 0x02000000, 0, 4, 6, 2, 0x00000000
	BR_BCL bcl_bo8_cr0_ctr1, 0x00000000, 1, 8, 6, 2, 0x00000000
	BR_BCL bcl_bo8_cr0_ctr2, 0x00000000, 2, 8, 6, 2, 0x00000001
	BR_BCL bcl_bo8_cr0_ctr0, 0x00000000, 0, 8, 6, 2, 0xffffffff
	BR_BCL bcl_bo8_cr1_ctr1, 0x02000000, 1, 8, 6, 2, 0x00000000
	BR_BCL bcl_bo8_cr1_ctr2, 0x02000000, 2, 8, 6, 1, 0x00000001
	BR_BCL bcl_bo8_cr1_ctr0, 0x02000000, 0, 8, 6, 1, 0xffffffff
	BR_BCL bcl_bo10_cr0_ctr1, 0x00000000, 1, 10, 6, 2, 0x00000000
	BR_BCL bcl_bo10_cr0_ctr2, 0x00000000, 2, 10, 6, 2, 0x00000001
	BR_BCL bcl_bo10_cr0_ctr0, 0x00000000, 0, 10, 6, 2, 0xffffffff
	BR_BCL bcl_bo10_cr1_ctr1, 0x02000000, 1, 10, 6, 1, 0x00000000
	BR_BCL bcl_bo10_cr1_ctr2, 0x02000000, 2, 10, 6, 2, 0x00000001
	BR_BCL bcl_bo10_cr1_ctr0, 0x02000000, 0, 10, 6, 2, 0xffffffff
	BR_BCL bcl_bo12_cr0_ctr1, 0x00000000, 1, 12, 6, 2, 0x00000001
	BR_BCL bcl_bo12_cr0_ctr2, 0x00000000, 2, 12, 6, 2, 0x00000002
	BR_BCL bcl_bo12_cr0_ctr0, 0x00000000, 0, 12, 6, 2, 0x00000000
	BR_BCL bcl_bo12_cr1_ctr1, 0x02000000, 1, 12, 6, 1, 0x00000001
	BR_BCL bcl_bo12_cr1_ctr2, 0x02000000, 2, 12, 6, 1, 0x00000002
	BR_BCL bcl_bo12_cr1_ctr0, 0x02000000, 0, 12, 6, 1, 0x00000000
	BR_BCL bcl_bo16_cr0_ctr1, 0x00000000, 1, 16, 6, 2, 0x00000000
	BR_BCL bcl_bo16_cr0_ctr2, 0x00000000, 2, 16, 6, 1, 0x00000001
	BR_BCL bcl_bo16_cr0_ctr0, 0x00000000, 0, 16, 6, 1, 0xffffffff
	BR_BCL bcl_bo16_cr1_ctr1, 0x02000000, 1, 16, 6, 2, 0x00000000
	BR_BCL bcl_bo16_cr1_ctr2, 0x02000000, 2, 16, 6, 1, 0x00000001
	BR_BCL bcl_bo16_cr1_ctr0, 0x02000000, 0, 16, 6, 1, 0xffffffff
	BR_BCL bcl_bo18_cr0_ctr1, 0x00000000, 1, 18, 6, 1, 0x00000000
	BR_BCL bcl_bo18_cr0_ctr2, 0x00000000, 2, 18, 6, 2, 0x00000001
	BR_BCL bcl_bo18_cr0_ctr0, 0x00000000, 0, 18, 6, 2, 0xffffffff
	BR_BCL bcl_bo18_cr1_ctr1, 0x02000000, 1, 18, 6, 1, 0x00000000
	BR_BCL bcl_bo18_cr1_ctr2, 0x02000000, 2, 18, 6, 2, 0x00000001
	BR_BCL bcl_bo18_cr1_ctr0, 0x02000000, 0, 18, 6, 2, 0xffffffff
	BR_BCL bcl_bo20_cr0_ctr1, 0x00000000, 1, 20, 6, 1, 0x00000001
	BR_BCL bcl_bo20_cr0_ctr2, 0x00000000, 2, 20, 6, 1, 0x00000002
	BR_BCL bcl_bo20_cr0_ctr0, 0x00000000, 0, 20, 6, 1, 0x00000000
	BR_BCL bcl_bo20_cr1_ctr1, 0x02000000, 1, 20, 6, 1, 0x00000001
	BR_BCL bcl_bo20_cr1_ctr2, 0x02000000, 2, 20, 6, 1, 0x00000002
	BR_BCL bcl_bo20_cr1_ctr0, 0x02000000, 0, 20, 6, 1, 0x00000000
	BR_BCL bcl_bo13_cr0_ctr1, 0x00000000, 1, 13, 6, 2, 0x00000001
	BR_BCL bcl_bo13_cr0_ctr2, 0x00000000, 2, 13, 6, 2, 0x00000002
	BR_BCL bcl_bo13_cr0_ctr0, 0x00000000, 0, 13, 6, 2, 0x00000000
	BR_BCL bcl_bo13_cr1_ctr1, 0x02000000, 1, 13, 6, 1, 0x00000001
	BR_BCL bcl_bo13_cr1_ctr2, 0x02000000, 2, 13, 6, 1, 0x00000002
	BR_BCL bcl_bo13_cr1_ctr0, 0x02000000, 0, 13, 6, 1, 0x00000000
	BR_BCL bcl_bo15_cr0_ctr1, 0x00000000, 1, 15, 6, 2, 0x00000001
	BR_BCL bcl_bo15_cr0_ctr2, 0x00000000, 2, 15, 6, 2, 0x00000002
	BR_BCL bcl_bo15_cr0_ctr0, 0x00000000, 0, 15, 6, 2, 0x00000000
	BR_BCL bcl_bo15_cr1_ctr1, 0x02000000, 1, 15, 6, 1, 0x00000001
	BR_BCL bcl_bo15_cr1_ctr2, 0x02000000, 2, 15, 6, 1, 0x00000002
	BR_BCL bcl_bo15_cr1_ctr0, 0x02000000, 0, 15, 6, 1, 0x00000000
	BR_BCL bcl_bo25_cr0_ctr1, 0x00000000, 1, 25, 6, 2, 0x00000000
	BR_BCL bcl_bo25_cr0_ctr2, 0x00000000, 2, 25, 6, 1, 0x00000001
	BR_BCL bcl_bo25_cr0_ctr0, 0x00000000, 0, 25, 6, 1, 0xffffffff
	BR_BCL bcl_bo25_cr1_ctr1, 0x02000000, 1, 25, 6, 2, 0x00000000
	BR_BCL bcl_bo25_cr1_ctr2, 0x02000000, 2, 25, 6, 1, 0x00000001
	BR_BCL bcl_bo25_cr1_ctr0, 0x02000000, 0, 25, 6, 1, 0xffffffff
	BR_BCL bcl_bo7_cr0_ctr1, 0x00000000, 1, 7, 6, 1, 0x00000001
	BR_BCL bcl_bo7_cr0_ctr2, 0x00000000, 2, 7, 6, 1, 0x00000002
	BR_BCL bcl_bo7_cr0_ctr0, 0x00000000, 0, 7, 6, 1, 0x00000000
	BR_BCL bcl_bo7_cr1_ctr1, 0x02000000, 1, 7, 6, 2, 0x00000001
	BR_BCL bcl_bo7_cr1_ctr2, 0x02000000, 2, 7, 6, 2, 0x00000002
	BR_BCL bcl_bo7_cr1_ctr0, 0x02000000, 0, 7, 6, 2, 0x00000000
	BR_BCL bcl_bo1_cr0_ctr1, 0x00000000, 1, 1, 6, 2, 0x00000000
	BR_BCL bcl_bo1_cr0_ctr2, 0x00000000, 2, 1, 6, 1, 0x00000001
	BR_BCL bcl_bo1_cr0_ctr0, 0x00000000, 0, 1, 6, 1, 0xffffffff
	BR_BCL bcl_bo1_cr1_ctr1, 0x02000000, 1, 1, 6, 2, 0x00000000
	BR_BCL bcl_bo1_cr1_ctr2, 0x02000000, 2, 1, 6, 2, 0x00000001
	BR_BCL bcl_bo1_cr1_ctr0, 0x02000000, 0, 1, 6, 2, 0xffffffff

	/* bclr */
	BR_BCLR bclr_bo0_cr0_ctr1, 0x00000000, 1, 0, 6, 2, 0x00000000
	BR_BCLR bclr_bo0_cr0_ctr2, 0x00000000, 2, 0, 6, 1, 0x00000001
	BR_BCLR bclr_bo0_cr0_ctr0, 0x00000000, 0, 0, 6, 1, 0xffffffff
	BR_BCLR bclr_bo0_cr1_ctr1, 0x02000000, 1, 0, 6, 2, 0x00000000
	BR_BCLR bclr_bo0_cr1_ctr2, 0x02000000, 2, 0, 6, 2, 0x00000001
	BR_BCLR bclr_bo0_cr1_ctr0, 0x02000000, 0, 0, 6, 2, 0xffffffff
	BR_BCLR bclr_bo2_cr0_ctr1, 0x00000000, 1, 2, 6, 1, 0x00000000
	BR_BCLR bclr_bo2_cr0_ctr2, 0x00000000, 2, 2, 6, 2, 0x00000001
	BR_BCLR bclr_bo2_cr0_ctr0, 0x00000000, 0, 2, 6, 2, 0xffffffff
	BR_BCLR bclr_bo2_cr1_ctr1, 0x02000000, 1, 2, 6, 2, 0x00000000
	BR_BCLR bclr_bo2_cr1_ctr2, 0x02000000, 2, 2, 6, 2, 0x00000001
	BR_BCLR bclr_bo2_cr1_ctr0, 0x02000000, 0, 2, 6, 2, 0xffffffff
	BR_BCLR bclr_bo4_cr0_ctr1, 0x00000000, 1, 4, 6, 1, 0x00000001
	BR_BCLR bclr_bo4_cr0_ctr2, 0x00000000, 2, 4, 6, 1, 0x00000002
	BR_BCLR bclr_bo4_cr0_ctr0, 0x00000000, 0, 4, 6, 1, 0x00000000
	BR_BCLR bclr_bo4_cr1_ctr1, 0x02000000, 1, 4, 6, 2, 0x00000001
	BR_BCLR bclr_bo4_cr1_ctr2, 0x02000000, 2, 4, 6, 2, 0x00000002
	BR_BCLR bclr_bo4_cr1_ctr0, 0x02000000, 0, 4, 6, 2, 0x00000000
	BR_BCLR bclr_bo8_cr0_ctr1, 0x00000000, 1, 8, 6, 2, 0x00000000
	BR_BCLR bclr_bo8_cr0_ctr2, 0x00000000, 2, 8, 6, 2, 0x00000001
	BR_BCLR bclr_bo8_cr0_ctr0, 0x00000000, 0, 8, 6, 2, 0xffffffff
	BR_BCLR bclr_bo8_cr1_ctr1, 0x02000000, 1, 8, 6, 2, 0x00000000
	BR_BCLR bclr_bo8_cr1_ctr2, 0x02000000, 2, 8, 6, 1, 0x00000001
	BR_BCLR bclr_bo8_cr1_ctr0, 0x02000000, 0, 8, 6, 1, 0xffffffff
	BR_BCLR bclr_bo10_cr0_ctr1, 0x00000000, 1, 10, 6, 2, 0x00000000
	BR_BCLR bclr_bo10_cr0_ctr2, 0x00000000, 2, 10, 6, 2, 0x00000001
	BR_BCLR bclr_bo10_cr0_ctr0, 0x00000000, 0, 10, 6, 2, 0xffffffff
	BR_BCLR bclr_bo10_cr1_ctr1, 0x02000000, 1, 10, 6, 1, 0x00000000
	BR_BCLR bclr_bo10_cr1_ctr2, 0x02000000, 2, 10, 6, 2, 0x00000001
	BR_BCLR bclr_bo10_cr1_ctr0, 0x02000000, 0, 10, 6, 2, 0xffffffff
	BR_BCLR bclr_bo12_cr0_ctr1, 0x00000000, 1, 12, 6, 2, 0x00000001
	BR_BCLR bclr_bo12_cr0_ctr2, 0x00000000, 2, 12, 6, 2, 0x00000002
	BR_BCLR bclr_bo12_cr0_ctr0, 0x00000000, 0, 12, 6, 2, 0x00000000
	BR_BCLR bclr_bo12_cr1_ctr1, 0x02000000, 1, 12, 6, 1, 0x00000001
	BR_BCLR bclr_bo12_cr1_ctr2, 0x02000000, 2, 12, 6, 1, 0x00000002
	BR_BCLR bclr_bo12_cr1_ctr0, 0x02000000, 0, 12, 6, 1, 0x00000000
	BR_BCLR bclr_bo16_cr0_ctr1, 0x00000000, 1, 16, 6, 2, 0x00000000
	BR_BCLR bclr_bo16_cr0_ctr2, 0x00000000, 2, 16, 6, 1, 0x00000001
	BR_BCLR bclr_bo16_cr0_ctr0, 0x00000000, 0, 16, 6, 1, 0xffffffff
	BR_BCLR bclr_bo16_cr1_ctr1, 0x02000000, 1, 16, 6, 2, 0x00000000
	BR_BCLR bclr_bo16_cr1_ctr2, 0x02000000, 2, 16, 6, 1, 0x00000001
	BR_BCLR bclr_bo16_cr1_ctr0, 0x02000000, 0, 16, 6, 1, 0xffffffff
	BR_BCLR bclr_bo18_cr0_ctr1, 0x00000000, 1, 18, 6, 1, 0x00000000
	BR_BCLR bclr_bo18_cr0_ctr2, 0x00000000, 2, 18, 6, 2, 0x00000001
	BR_BCLR bclr_bo18_cr0_ctr0, 0x00000000, 0, 18, 6, 2, 0xffffffff
	BR_BCLR bclr_bo18_cr1_ctr1, 0x02000000, 1, 18, 6, 1, 0x00000000
	BR_BCLR bclr_bo18_cr1_ctr2, 0x02000000, 2, 18, 6, 2, 0x00000001
	BR_BCLR bclr_bo18_cr1_ctr0, 0x02000000, 0, 18, 6, 2, 0xffffffff
	BR_BCLR bclr_bo20_cr0_ctr1, 0x00000000, 1, 20, 6, 1, 0x00000001
	BR_BCLR bclr_bo20_cr0_ctr2, 0x00000000, 2, 20, 6, 1, 0x00000002
	BR_BCLR bclr_bo20_cr0_ctr0, 0x00000000, 0, 20, 6, 1, 0x00000000
	BR_BCLR bclr_bo20_cr1_ctr1, 0x02000000, 1, 20, 6, 1, 0x00000001
	BR_BCLR bclr_bo20_cr1_ctr2, 0x02000000, 2, 20, 6, 1, 0x00000002
	BR_BCLR bclr_bo20_cr1_ctr0, 0x02000000, 0, 20, 6, 1, 0x00000000
	BR_BCLR bclr_bo13_cr0_ctr1, 0x00000000, 1, 13, 6, 2, 0x00000001
	BR_BCLR bclr_bo13_cr0_ctr2, 0x00000000, 2, 13, 6, 2, 0x00000002
	BR_BCLR bclr_bo13_cr0_ctr0, 0x00000000, 0, 13, 6, 2, 0x00000000
	BR_BCLR bclr_bo13_cr1_ctr1, 0x02000000, 1, 13, 6, 1, 0x00000001
	BR_BCLR bclr_bo13_cr1_ctr2, 0x02000000, 2, 13, 6, 1, 0x00000002
	BR_BCLR bclr_bo13_cr1_ctr0, 0x02000000, 0, 13, 6, 1, 0x00000000
	BR_BCLR bclr_bo15_cr0_ctr1, 0x00000000, 1, 15, 6, 2, 0x00000001
	BR_BCLR bclr_bo15_cr0_ctr2, 0x00000000, 2, 15, 6, 2, 0x00000002
	BR_BCLR bclr_bo15_cr0_ctr0, 0x00000000, 0, 15, 6, 2, 0x00000000
	BR_BCLR bclr_bo15_cr1_ctr1, 0x02000000, 1, 15, 6, 1, 0x00000001
	BR_BCLR bclr_bo15_cr1_ctr2, 0x02000000, 2, 15, 6, 1, 0x00000002
	BR_BCLR bclr_bo15_cr1_ctr0, 0x02000000, 0, 15, 6, 1, 0x00000000
	BR_BCLR bclr_bo25_cr0_ctr1, 0x00000000, 1, 25, 6, 2, 0x00000000
	BR_BCLR bclr_bo25_cr0_ctr2, 0x00000000, 2, 25, 6, 1, 0x00000001
	BR_BCLR bclr_bo25_cr0_ctr0, 0x00000000, 0, 25, 6, 1, 0xffffffff
	BR_BCLR bclr_bo25_cr1_ctr1, 0x02000000, 1, 25, 6, 2, 0x00000000
	BR_BCLR bclr_bo25_cr1_ctr2, 0x02000000, 2, 25, 6, 1, 0x00000001
	BR_BCLR bclr_bo25_cr1_ctr0, 0x02000000, 0, 25, 6, 1, 0xffffffff
	BR_BCLR bclr_bo7_cr0_ctr1, 0x00000000, 1, 7, 6, 1, 0x00000001
	BR_BCLR bclr_bo7_cr0_ctr2, 0x00000000, 2, 7, 6, 1, 0x00000002
	BR_BCLR bclr_bo7_cr0_ctr0, 0x00000000, 0, 7, 6, 1, 0x00000000
	BR_BCLR bclr_bo7_cr1_ctr1, 0x02000000, 1, 7, 6, 2, 0x00000001
	BR_BCLR bclr_bo7_cr1_ctr2, 0x02000000, 2, 7, 6, 2, 0x00000002
	BR_BCLR bclr_bo7_cr1_ctr0, 0x02000000, 0, 7, 6, 2, 0x00000000
	BR_BCLR bclr_bo1_cr0_ctr1, 0x00000000, 1, 1, 6, 2, 0x00000000
	BR_BCLR bclr_bo1_cr0_ctr2, 0x00000000, 2, 1, 6, 1, 0x00000001
	BR_BCLR bclr_bo1_cr0_ctr0, 0x00000000, 0, 1, 6, 1, 0xffffffff
	BR_BCLR bclr_bo1_cr1_ctr1, 0x02000000, 1, 1, 6, 2, 0x00000000
	BR_BCLR bclr_bo1_cr1_ctr2, 0x02000000, 2, 1, 6, 2, 0x00000001
	BR_BCLR bclr_bo1_cr1_ctr0, 0x02000000, 0, 1, 6, 2, 0xffffffff

	/* bclrl */
	BR_BCLRL bclrl_bo0_cr0_ctr1, 0x00000000, 1, 0, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo0_cr0_ctr2, 0x00000000, 2, 0, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo0_cr0_ctr0, 0x00000000, 0, 0, 6, 1, 0xffffffff
	BR_BCLRL bclrl_bo0_cr1_ctr1, 0x02000000, 1, 0, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo0_cr1_ctr2, 0x02000000, 2, 0, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo0_cr1_ctr0, 0x02000000, 0, 0, 6, 2, 0xffffffff
	BR_BCLRL bclrl_bo2_cr0_ctr1, 0x00000000, 1, 2, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo2_cr0_ctr2, 0x00000000, 2, 2, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo2_cr0_ctr0, 0x00000000, 0, 2, 6, 2, 0xffffffff
	BR_BCLRL bclrl_bo2_cr1_ctr1, 0x02000000, 1, 2, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo2_cr1_ctr2, 0x02000000, 2, 2, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo2_cr1_ctr0, 0x02000000, 0, 2, 6, 2, 0xffffffff
	BR_BCLRL bclrl_bo4_cr0_ctr1, 0x00000000, 1, 4, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo4_cr0_ctr2, 0x00000000, 2, 4, 6, 1, 0x00000002
	BR_BCLRL bclrl_bo4_cr0_ctr0, 0x00000000, 0, 4, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo4_cr1_ctr1, 0x02000000, 1, 4, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo4_cr1_ctr2, 0x02000000, 2, 4, 6, 2, 0x00000002
	BR_BCLRL bclrl_bo4_cr1_ctr0, 0x02000000, 0, 4, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo8_cr0_ctr1, 0x00000000, 1, 8, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo8_cr0_ctr2, 0x00000000, 2, 8, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo8_cr0_ctr0, 0x00000000, 0, 8, 6, 2, 0xffffffff
	BR_BCLRL bclrl_bo8_cr1_ctr1, 0x02000000, 1, 8, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo8_cr1_ctr2, 0x02000000, 2, 8, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo8_cr1_ctr0, 0x02000000, 0, 8, 6, 1, 0xffffffff
	BR_BCLRL bclrl_bo10_cr0_ctr1, 0x00000000, 1, 10, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo10_cr0_ctr2, 0x00000000, 2, 10, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo10_cr0_ctr0, 0x00000000, 0, 10, 6, 2, 0xffffffff
	BR_BCLRL bclrl_bo10_cr1_ctr1, 0x02000000, 1, 10, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo10_cr1_ctr2, 0x02000000, 2, 10, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo10_cr1_ctr0, 0x02000000, 0, 10, 6, 2, 0xffffffff
	BR_BCLRL bclrl_bo12_cr0_ctr1, 0x00000000, 1, 12, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo12_cr0_ctr2, 0x00000000, 2, 12, 6, 2, 0x00000002
	BR_BCLRL bclrl_bo12_cr0_ctr0, 0x00000000, 0, 12, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo12_cr1_ctr1, 0x02000000, 1, 12, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo12_cr1_ctr2, 0x02000000, 2, 12, 6, 1, 0x00000002
	BR_BCLRL bclrl_bo12_cr1_ctr0, 0x02000000, 0, 12, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo16_cr0_ctr1, 0x00000000, 1, 16, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo16_cr0_ctr2, 0x00000000, 2, 16, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo16_cr0_ctr0, 0x00000000, 0, 16, 6, 1, 0xffffffff
	BR_BCLRL bclrl_bo16_cr1_ctr1, 0x02000000, 1, 16, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo16_cr1_ctr2, 0x02000000, 2, 16, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo16_cr1_ctr0, 0x02000000, 0, 16, 6, 1, 0xffffffff
	BR_BCLRL bclrl_bo18_cr0_ctr1, 0x00000000, 1, 18, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo18_cr0_ctr2, 0x00000000, 2, 18, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo18_cr0_ctr0, 0x00000000, 0, 18, 6, 2, 0xffffffff
	BR_BCLRL bclrl_bo18_cr1_ctr1, 0x02000000, 1, 18, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo18_cr1_ctr2, 0x02000000, 2, 18, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo18_cr1_ctr0, 0x02000000, 0, 18, 6, 2, 0xffffffff
	BR_BCLRL bclrl_bo20_cr0_ctr1, 0x00000000, 1, 20, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo20_cr0_ctr2, 0x00000000, 2, 20, 6, 1, 0x00000002
	BR_BCLRL bclrl_bo20_cr0_ctr0, 0x00000000, 0, 20, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo20_cr1_ctr1, 0x02000000, 1, 20, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo20_cr1_ctr2, 0x02000000, 2, 20, 6, 1, 0x00000002
	BR_BCLRL bclrl_bo20_cr1_ctr0, 0x02000000, 0, 20, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo13_cr0_ctr1, 0x00000000, 1, 13, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo13_cr0_ctr2, 0x00000000, 2, 13, 6, 2, 0x00000002
	BR_BCLRL bclrl_bo13_cr0_ctr0, 0x00000000, 0, 13, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo13_cr1_ctr1, 0x02000000, 1, 13, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo13_cr1_ctr2, 0x02000000, 2, 13, 6, 1, 0x00000002
	BR_BCLRL bclrl_bo13_cr1_ctr0, 0x02000000, 0, 13, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo15_cr0_ctr1, 0x00000000, 1, 15, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo15_cr0_ctr2, 0x00000000, 2, 15, 6, 2, 0x00000002
	BR_BCLRL bclrl_bo15_cr0_ctr0, 0x00000000, 0, 15, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo15_cr1_ctr1, 0x02000000, 1, 15, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo15_cr1_ctr2, 0x02000000, 2, 15, 6, 1, 0x00000002
	BR_BCLRL bclrl_bo15_cr1_ctr0, 0x02000000, 0, 15, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo25_cr0_ctr1, 0x00000000, 1, 25, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo25_cr0_ctr2, 0x00000000, 2, 25, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo25_cr0_ctr0, 0x00000000, 0, 25, 6, 1, 0xffffffff
	BR_BCLRL bclrl_bo25_cr1_ctr1, 0x02000000, 1, 25, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo25_cr1_ctr2, 0x02000000, 2, 25, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo25_cr1_ctr0, 0x02000000, 0, 25, 6, 1, 0xffffffff
	BR_BCLRL bclrl_bo7_cr0_ctr1, 0x00000000, 1, 7, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo7_cr0_ctr2, 0x00000000, 2, 7, 6, 1, 0x00000002
	BR_BCLRL bclrl_bo7_cr0_ctr0, 0x00000000, 0, 7, 6, 1, 0x00000000
	BR_BCLRL bclrl_bo7_cr1_ctr1, 0x02000000, 1, 7, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo7_cr1_ctr2, 0x02000000, 2, 7, 6, 2, 0x00000002
	BR_BCLRL bclrl_bo7_cr1_ctr0, 0x02000000, 0, 7, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo1_cr0_ctr1, 0x00000000, 1, 1, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo1_cr0_ctr2, 0x00000000, 2, 1, 6, 1, 0x00000001
	BR_BCLRL bclrl_bo1_cr0_ctr0, 0x00000000, 0, 1, 6, 1, 0xffffffff
	BR_BCLRL bclrl_bo1_cr1_ctr1, 0x02000000, 1, 1, 6, 2, 0x00000000
	BR_BCLRL bclrl_bo1_cr1_ctr2, 0x02000000, 2, 1, 6, 2, 0x00000001
	BR_BCLRL bclrl_bo1_cr1_ctr0, 0x02000000, 0, 1, 6, 2, 0xffffffff

	/* bcctr */
	BR_BCCTR bcctr_bo4_cr0_ctr1, 0x00000000, 1, 4, 6, 1, 0x00000001
	BR_BCCTR bcctr_bo4_cr1_ctr1, 0x02000000, 1, 4, 6, 2, 0x00000001
	BR_BCCTR bcctr_bo12_cr0_ctr1, 0x00000000, 1, 12, 6, 2, 0x00000001
	BR_BCCTR bcctr_bo12_cr1_ctr1, 0x02000000, 1, 12, 6, 1, 0x00000001
	BR_BCCTR bcctr_bo20_cr0_ctr1, 0x00000000, 1, 20, 6, 1, 0x00000001
	BR_BCCTR bcctr_bo20_cr1_ctr1, 0x02000000, 1, 20, 6, 1, 0x00000001
	BR_BCCTR bcctr_bo13_cr0_ctr1, 0x00000000, 1, 13, 6, 2, 0x00000001
	BR_BCCTR bcctr_bo13_cr1_ctr1, 0x02000000, 1, 13, 6, 1, 0x00000001
	BR_BCCTR bcctr_bo15_cr0_ctr1, 0x00000000, 1, 15, 6, 2, 0x00000001
	BR_BCCTR bcctr_bo15_cr1_ctr1, 0x02000000, 1, 15, 6, 1, 0x00000001
	BR_BCCTR bcctr_bo7_cr0_ctr1, 0x00000000, 1, 7, 6, 1, 0x00000001
	BR_BCCTR bcctr_bo7_cr1_ctr1, 0x02000000, 1, 7, 6, 2, 0x00000001

	/* bcctrl */
	BR_BCCTRL bcctrl_bo4_cr0_ctr1, 0x00000000, 1, 4, 6, 1, 0x00000001
	BR_BCCTRL bcctrl_bo4_cr1_ctr1, 0x02000000, 1, 4, 6, 2, 0x00000001
	BR_BCCTRL bcctrl_bo12_cr0_ctr1, 0x00000000, 1, 12, 6, 2, 0x00000001
	BR_BCCTRL bcctrl_bo12_cr1_ctr1, 0x02000000, 1, 12, 6, 1, 0x00000001
	BR_BCCTRL bcctrl_bo20_cr0_ctr1, 0x00000000, 1, 20, 6, 1, 0x00000001
	BR_BCCTRL bcctrl_bo20_cr1_ctr1, 0x02000000, 1, 20, 6, 1, 0x00000001
	BR_BCCTRL bcctrl_bo13_cr0_ctr1, 0x00000000, 1, 13, 6, 2, 0x00000001
	BR_BCCTRL bcctrl_bo13_cr1_ctr1, 0x02000000, 1, 13, 6, 1, 0x00000001
	BR_BCCTRL bcctrl_bo15_cr0_ctr1, 0x00000000, 1, 15, 6, 2, 0x00000001
	BR_BCCTRL bcctrl_bo15_cr1_ctr1, 0x02000000, 1, 15, 6, 1, 0x00000001
	BR_BCCTRL bcctrl_bo7_cr0_ctr1, 0x00000000, 1, 7, 6, 1, 0x00000001
	BR_BCCTRL bcctrl_bo7_cr1_ctr1, 0x02000000, 1, 7, 6, 2, 0x00000001

	/* Record forms (Rc=1) feeding a branch on CR0 in their own block:
	 * CR0 = LT/GT/EQ of the signed result and SO = XER[SO] as it is
	 * after the instruction (Book I 3.3.1), read back on either path in
	 * the block after the branch. */
	RECBR	andrc_eq_so, and., 0xf0, 0x0f, 0x80000000, beq, 1, 0x30000000
	RECBR	andrc_eq_bne, and., 0xf0, 0x0f, 0, bne, 2, 0x20000000
	RECBR	addrc_lt_so, add., 0x7fffffff, 1, 0x80000000, blt, 1, 0x90000000
	RECBR	addrc_gt_ble, add., 1, 1, 0x80000000, ble, 2, 0x50000000
	RECBR	subfrc_eq_bge, subf., 5, 5, 0, bge, 1, 0x20000000
	RECBR	xorrc_lt_bgt, xor., 0x80000000, 1, 0, bgt, 2, 0x80000000
	RECBR	slwrc_lt, slw., 0x40000000, 1, 0, blt, 1, 0x80000000
	RECBR	norrc_bso, nor., 0, 0, 0x80000000, bso, 1, 0x90000000
	RECBR	orrc_bns, or., 3, 4, 0x80000000, bns, 2, 0x50000000
	RECBR	addorc_ov_sets_so, addo., 0x7fffffff, 1, 0, bso, 1, 0x90000000
	RECBR	addorc_so_sticky, addo., 1, 2, 0x80000000, bgt, 1, 0x50000000

	/* two record forms in one block: the later one is CR0; and CR0 read
	 * in the block of the record form, before its branch */
	LI32	r0, 0x80000000
	mtxer	r0
	li	r0, 0
	mtcrf	0xff, r0
	li	r14, 1
	li	r15, -1
	li	r17, 2
	and.	r16, r14, r14	/* GT */
	add.	r16, r14, r15	/* 0: EQ */
	mfcr	r18
	beq	1f
	b	2f
1:	li	r17, 1
2:	mfcr	r19
	CHECK	recbr_later_wins_taken, r17, 1
	CHECK	recbr_later_wins_cr_before, r18, 0x30000000
	CHECK	recbr_later_wins_cr_after, r19, 0x30000000

	TEST_END

leaf_add5:
	addi	r16, r16, 5
	blr

outer:
	mflr	r20
	addi	r16, r16, 1
	bl	inner
	addi	r16, r16, 4
	mtlr	r20
	blr
inner:
	addi	r16, r16, 0x10
	blr

/* Called with CTR = 3.  Each pass adds one and reaches bdnzlr through a
 * bl: CTR 3->2 and 2->1 return to the "b 3f" (loop again); 1->0 falls
 * through and returns to the caller, so r16 ends at 3. */
count_bdnzlr:
	mflr	r21
1:	addi	r16, r16, 1
	bl	2f
	b	3f
2:	bdnzlr			/* CTR -> 2, 1: return; CTR -> 0: fall through */
	mtlr	r21
	blr
3:	b	1b

cond_return:
	li	r0, 4
	cmpwi	r0, 4
	li	r16, 1
	beqlr
	li	r16, 2
	blr
