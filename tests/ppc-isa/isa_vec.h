/*
 * isa_vec.h — macros of the vector ISA tests (vmx.S, vmx207.S, vsx.S),
 * on top of isa.h. A 128-bit register is written as four words, leftmost
 * (element 0 of the big-endian numbering) first. The macros go through
 * isa_vec_scratch (16-byte aligned) and use r3-r8; v31 is theirs too.
 *
 * Little-endian (ppc64le): lvx and stvx reverse the 16 bytes between
 * memory and register, so element 0 (the leftmost word) is the word at
 * offset 12 of the scratch quadword; VW0..VW3 are each word's offset.
 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define VW0 12
#define VW1 8
#define VW2 4
#define VW3 0
#else
#define VW0 0
#define VW1 4
#define VW2 8
#define VW3 12
#endif

	.pushsection .bss
	.balign	16
isa_vec_scratch:
	.space	32
	.popsection

/* Point r3 at the scratch quadword. */
	.macro VSCRATCH reg:req
	lis	\reg, isa_vec_scratch@ha
	addi	\reg, \reg, isa_vec_scratch@l
	.endm

/* VSET vN, w0, w1, w2, w3: load a VR from four words (lvx). */
	.macro VSET vr:req, w0:req, w1:req, w2:req, w3:req
	VSCRATCH r3
	LI32	r4, \w0
	stw	r4, VW0(r3)
	LI32	r4, \w1
	stw	r4, VW1(r3)
	LI32	r4, \w2
	stw	r4, VW2(r3)
	LI32	r4, \w3
	stw	r4, VW3(r3)
	lvx	\vr, 0, r3
	.endm

/* VCHECK name, vN, w0, w1, w2, w3: the VR (stvx) must hold the words;
 * checked as two doublewords, name_hi and name_lo. */
	.macro VCHECK name:req, vr:req, w0:req, w1:req, w2:req, w3:req
	VSCRATCH r4
	stvx	\vr, 0, r4
	lwz	r6, VW1(r4)
	lwz	r4, VW0(r4)
	LI32	r5, \w0
	LI32	r7, \w1
	ISA_NAME \name\()_hi
	CHECK_DW
	VSCRATCH r4
	lwz	r6, VW3(r4)
	lwz	r4, VW2(r4)
	LI32	r5, \w2
	LI32	r7, \w3
	ISA_NAME \name\()_lo
	CHECK_DW
	.endm

/* The doubleword r4:r6 (got) against r5:r7 (want), high words first:
 * isa_check64 of the 32-bit runtime, or one 64-bit isa_check. */
	.macro CHECK_DW
#ifdef __powerpc64__
	rldimi	r6, r4, 32, 0
	rldimi	r7, r5, 32, 0
	mr	r4, r6
	mr	r5, r7
	bl	isa_check
#else
	bl	isa_check64
#endif
	.endm

/* VSET_VSCR value: VSCR = value (uses v31). */
	.macro VSET_VSCR val:req
	VSET	v31, 0, 0, 0, \val
	mtvscr	v31
	.endm

/* VCHECK_VSCR name, value: the whole VSCR word (uses v31). */
	.macro VCHECK_VSCR name:req, val:req
	mfvscr	v31
	VSCRATCH r4
	stvx	v31, 0, r4
	lwz	r4, VW3(r4)
	LI32	r5, \val
	ISA_NAME \name
	bl	isa_check
	.endm

/* VCHECK_SAT name, 0|1: VSCR[SAT] after the case. */
	.macro VCHECK_SAT name:req, sat:req
	mfvscr	v31
	VSCRATCH r4
	stvx	v31, 0, r4
	lwz	r4, VW3(r4)
	rlwinm	r4, r4, 0, 31, 31
	LI32	r5, \sat
	ISA_NAME \name\()_sat
	bl	isa_check
	.endm

/* VSET_CR6 value: CR field 6 = value (uses r3). */
	.macro VSET_CR6 val:req
	li	r3, (\val) << 4
	mtcrf	0x02, r3
	.endm

/* VCHECK_CR6 name, rN, value: CR field 6 of the CR image in rN (mfcr
 * taken right after the instruction). */
	.macro VCHECK_CR6 name:req, cr:req, val:req
	rlwinm	r4, \cr, 28, 28, 31
	LI32	r5, \val
	ISA_NAME \name\()_cr6
	bl	isa_check
	.endm
