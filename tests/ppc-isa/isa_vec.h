/*
 * isa_vec.h — macros of the vector ISA tests (vmx.S, vmx207.S, vsx.S),
 * on top of isa.h. A 128-bit register is written as four words, leftmost
 * (element 0 of the big-endian numbering) first. The macros go through
 * isa_vec_scratch (16-byte aligned) and use r3-r8; v31 is theirs too.
 */

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
	stw	r4, 0(r3)
	LI32	r4, \w1
	stw	r4, 4(r3)
	LI32	r4, \w2
	stw	r4, 8(r3)
	LI32	r4, \w3
	stw	r4, 12(r3)
	lvx	\vr, 0, r3
	.endm

/* VCHECK name, vN, w0, w1, w2, w3: the VR (stvx) must hold the words;
 * checked as two doublewords, name_hi and name_lo. */
	.macro VCHECK name:req, vr:req, w0:req, w1:req, w2:req, w3:req
	VSCRATCH r4
	stvx	\vr, 0, r4
	lwz	r6, 4(r4)
	lwz	r4, 0(r4)
	LI32	r5, \w0
	LI32	r7, \w1
	ISA_NAME \name\()_hi
	bl	isa_check64
	VSCRATCH r4
	lwz	r6, 12(r4)
	lwz	r4, 8(r4)
	LI32	r5, \w2
	LI32	r7, \w3
	ISA_NAME \name\()_lo
	bl	isa_check64
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
	lwz	r4, 12(r4)
	LI32	r5, \val
	ISA_NAME \name
	bl	isa_check
	.endm

/* VCHECK_SAT name, 0|1: VSCR[SAT] after the case. */
	.macro VCHECK_SAT name:req, sat:req
	mfvscr	v31
	VSCRATCH r4
	stvx	v31, 0, r4
	lwz	r4, 12(r4)
	rlwinm	r4, r4, 0, 31, 31
	LI32	r5, \sat
	ISA_NAME \name\()_sat
	bl	isa_check
	.endm
