/*
 * isa64.h — macros shared by the self-checking 64-bit PowerPC ISA tests
 * (ppc64 big-endian ELFv1 and ppc64le ELFv2, from the same sources).
 *
 * Every test is a freestanding program (_start, no libc). A case compares
 * a register with a 64-bit constant worked out from the Power ISA book;
 * runtime64.S prints "PASS name" or "FAIL name: got ... want ..." and
 * keeps the counts; TEST_END exits with the failure count (capped at 255).
 * A run passes when it exits 0 and prints no "FAIL".
 *
 * Register contract: r31 failure count, r30 pass count (the runtime's),
 * r1 the stack pointer from the kernel. CHECK* clobber r0, r3-r12, CTR,
 * LR, CR0, CR1 and may clobber XER; r13-r29 survive.
 */

/* Load any 64-bit constant into reg. */
	.macro LI64 reg:req, val:req
	lis	\reg, (\val)@highest
	ori	\reg, \reg, (\val)@higher
	sldi	\reg, \reg, 32
	oris	\reg, \reg, (\val)@h
	ori	\reg, \reg, (\val)@l
	.endm

/* The address of a symbol below 2 GiB (the tests are linked non-PIE). */
	.macro LA reg:req, sym:req
	lis	\reg, \sym@ha
	addi	\reg, \reg, \sym@l
	.endm

/* Put the address of the case name string in r3. */
	.macro ISA_NAME name:req
	.pushsection .rodata.isa_names, "a"
.Lisa_name\@:
	.asciz "\name"
	.popsection
	LA	r3, .Lisa_name\@
	.endm

/* CHECK name, got, expected: the register must hold the 64-bit constant. */
	.macro CHECK name:req, got:req, exp:req
	mr	r4, \got
	LI64	r5, \exp
	ISA_NAME \name
	bl	isa_check
	.endm

/* CHECKR name, got, want: two registers must be equal. */
	.macro CHECKR name:req, got:req, want:req
	mr	r4, \got
	mr	r5, \want
	ISA_NAME \name
	bl	isa_check
	.endm

#define XER_SO 0x80000000
#define XER_OV 0x40000000
#define XER_CA 0x20000000

/*
 * One-instruction cases: preset r14/r15 (operands), r16 (target), clear
 * XER and CR, run the instruction into r16, then check the result,
 * XER[SO,OV,CA] and the whole 32-bit CR.
 */
	.macro OP_PRESET
	li	r0, 0
	mtxer	r0
	mtcrf	0xff, r0
	.endm

	.macro OP_TAIL name:req, res, xout, cr
	mfxer	r17
	mfcr	r18
	CHECK	\name\()_res, r16, \res
	rlwinm	r17, r17, 0, 0, 2
	CHECK	\name\()_xer, r17, \xout
	CHECK	\name\()_cr, r18, \cr
	.endm

/* OP2 name, insn, a, b, result, xer_out, cr_out:  insn r16,r14,r15 */
	.macro OP2 name:req, insn:req, a, b, res, xout, cr
	LI64	r14, \a
	LI64	r15, \b
	OP_PRESET
	\insn	r16, r14, r15
	OP_TAIL	\name, \res, \xout, \cr
	.endm

/* OP1 name, insn, a, result, xer_out, cr_out:  insn r16,r14 */
	.macro OP1 name:req, insn:req, a, res, xout, cr
	LI64	r14, \a
	OP_PRESET
	\insn	r16, r14
	OP_TAIL	\name, \res, \xout, \cr
	.endm

/* OPI name, insn, a, imm, result, xer_out, cr_out:  insn r16,r14,imm */
	.macro OPI name:req, insn:req, a, imm, res, xout, cr
	LI64	r14, \a
	OP_PRESET
	\insn	r16, r14, \imm
	OP_TAIL	\name, \res, \xout, \cr
	.endm

/* OPI2 name, insn, t_in, a, i1, i2, result: insn r16,r14,i1,i2 with r16
 * preset (the MD-form rotates, rldimi inserting into t_in). */
	.macro OPI2 name:req, insn:req, tin, a, i1, i2, res
	LI64	r16, \tin
	LI64	r14, \a
	OP_PRESET
	\insn	r16, r14, \i1, \i2
	CHECK	\name, r16, \res
	.endm

/* OPI3 name, insn, t_in, a, i1, i2, i3, result: rlwinm/rlwimi forms. */
	.macro OPI3 name:req, insn:req, tin, a, i1, i2, i3, res
	LI64	r16, \tin
	LI64	r14, \a
	OP_PRESET
	\insn	r16, r14, \i1, \i2, \i3
	CHECK	\name, r16, \res
	.endm

/* Program entry: ELFv1 makes _start a function descriptor in .opd. */
	.macro TEST_BEGIN
#if _CALL_ELF == 2
	.abiversion 2		/* e_flags: the kernel picks the ABI from it */
	.text
	.globl	_start
_start:
#else
	.section .opd, "aw"
	.balign	8
	.globl	_start
_start:
	.quad	.L_start_code, .TOC.@tocbase, 0
	.text
.L_start_code:
#endif
	li	r30, 0
	li	r31, 0
	.endm

	.macro TEST_END
	b	isa_exit
	.endm
