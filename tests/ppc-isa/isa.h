/*
 * isa.h — macros shared by the self-checking 32-bit PowerPC ISA tests.
 *
 * Every test is a freestanding program (_start, no libc).  A case is one
 * macro call that compares a register with a constant worked out from the
 * Power ISA book; runtime.S prints "PASS name" or "FAIL name ..." for it and
 * keeps the counts.  TEST_END exits with the number of failures (capped at
 * 255) as the status, so a run passes when it exits 0 and prints no "FAIL".
 *
 * Register contract:
 *   r31  failure count, r30  pass count    (owned by the runtime)
 *   r1   stack pointer given by the kernel (left alone)
 *   CHECK* clobber r0, r3-r12, CTR, LR, CR0, CR1 and may clobber XER
 *   (the system call path is allowed to); r13-r29 and the FPRs survive.
 * Read CR, XER, LR and FPSCR into a GPR before a CHECK, never across one.
 */

#ifdef __powerpc64__
/* The vector tests (vmx.S, vmx207.S, vsx.S) also build as 64-bit programs
 * (tests/ppc64-isa: ppc64 and ppc64le, with runtime64.S): the 64-bit
 * macros, and LI32 for the 32-bit words the vector macros handle. */
#include "../ppc64-isa/isa64.h"

	.macro LI32 reg:req, val:req
	lis	\reg, (\val)@h
	ori	\reg, \reg, (\val)@l
	.endm
#else
/* Load any 32-bit constant. */
	.macro LI32 reg:req, val:req
	lis	\reg, (\val)@h
	ori	\reg, \reg, (\val)@l
	.endm

/* Put the address of the case name string in r3. */
	.macro ISA_NAME name:req
	.pushsection .rodata.isa_names, "a"
.Lisa_name\@:
	.asciz "\name"
	.popsection
	lis	r3, .Lisa_name\@@ha
	addi	r3, r3, .Lisa_name\@@l
	.endm

/* CHECK name, got, expected: the register must hold the constant. */
	.macro CHECK name:req, got:req, exp:req
	mr	r4, \got
	LI32	r5, \exp
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

/* CHECK_CR0 name, nibble: CR field 0 as LT=8 GT=4 EQ=2 SO=1. */
	.macro CHECK_CR0 name:req, exp:req
	mfcr	r4
	rlwinm	r4, r4, 4, 28, 31
	LI32	r5, \exp
	ISA_NAME \name
	bl	isa_check
	.endm

/* CHECK_CR name, value: the whole 32-bit CR. */
	.macro CHECK_CR name:req, exp:req
	mfcr	r4
	LI32	r5, \exp
	ISA_NAME \name
	bl	isa_check
	.endm

/* CHECK_XER name, value: XER[SO,OV,CA] (bits 0..2), others masked off. */
#define XER_SO 0x80000000
#define XER_OV 0x40000000
#define XER_CA 0x20000000
	.macro CHECK_XER name:req, exp:req
	mfxer	r4
	rlwinm	r4, r4, 0, 0, 2
	LI32	r5, \exp
	ISA_NAME \name
	bl	isa_check
	.endm

/* Clear XER and CR so that a case starts from a known state. */
	.macro CLEAR_FLAGS
	li	r0, 0
	mtxer	r0
	mtcrf	0xff, r0
	.endm

/* Set XER to a constant (uses r0). */
	.macro SET_XER val:req
	LI32	r0, \val
	mtxer	r0
	.endm

/* CHECKD name, frN, hi, lo: the 64-bit image of an FPR. */
	.macro CHECKD name:req, fr:req, hi:req, lo:req
	lis	r4, isa_fpr_scratch@ha
	addi	r4, r4, isa_fpr_scratch@l
	stfd	\fr, 0(r4)
	lwz	r6, 4(r4)
	lwz	r4, 0(r4)
	LI32	r5, \hi
	LI32	r7, \lo
	ISA_NAME \name
	bl	isa_check64
	.endm

/* LFD_CONST frN, hi, lo: load a double from its bit image (uses r3, r4). */
	.macro LFD_CONST fr:req, hi:req, lo:req
	lis	r3, isa_fpr_scratch@ha
	addi	r3, r3, isa_fpr_scratch@l
	LI32	r4, \hi
	stw	r4, 0(r3)
	LI32	r4, \lo
	stw	r4, 4(r3)
	lfd	\fr, 0(r3)
	.endm

/*
 * One-instruction cases: preset r14/r15 (operands), r16 (target, for the
 * insert forms), XER and CR (cleared), run the instruction into r16, then
 * check the result, XER[SO,OV,CA] and the whole CR.
 */
	.macro OP_TAIL name:req, res, xout, cr
	mfxer	r17
	mfcr	r18
	CHECK	\name\()_res, r16, \res
	rlwinm	r17, r17, 0, 0, 2
	CHECK	\name\()_xer, r17, \xout
	CHECK	\name\()_cr, r18, \cr
	.endm

	.macro OP_PRESET xin
	SET_XER	\xin
	li	r0, 0
	mtcrf	0xff, r0
	.endm

/* OP2 name, insn, a, b, xer_in, result, xer_out, cr_out:  insn r16,r14,r15 */
	.macro OP2 name:req, insn:req, a, b, xin, res, xout, cr
	LI32	r14, \a
	LI32	r15, \b
	OP_PRESET \xin
	\insn	r16, r14, r15
	OP_TAIL	\name, \res, \xout, \cr
	.endm

/* OP2U name, insn, a, b, xer_in, xer_out, cr_so: result undefined, only
 * XER and CR0[SO] are checked. */
	.macro OP2U name:req, insn:req, a, b, xin, xout, crso
	LI32	r14, \a
	LI32	r15, \b
	OP_PRESET \xin
	\insn	r16, r14, r15
	mfxer	r17
	mfcr	r18
	rlwinm	r17, r17, 0, 0, 2
	CHECK	\name\()_xer, r17, \xout
	rlwinm	r18, r18, 0, 3, 3
	CHECK	\name\()_crso, r18, \crso
	.endm

/* OP1 name, insn, a, xer_in, result, xer_out, cr_out:  insn r16,r14 */
	.macro OP1 name:req, insn:req, a, xin, res, xout, cr
	LI32	r14, \a
	OP_PRESET \xin
	\insn	r16, r14
	OP_TAIL	\name, \res, \xout, \cr
	.endm

/* OPI name, insn, a, imm, xer_in, result, xer_out, cr_out:  insn r16,r14,imm */
	.macro OPI name:req, insn:req, a, imm, xin, res, xout, cr
	LI32	r14, \a
	OP_PRESET \xin
	\insn	r16, r14, \imm
	OP_TAIL	\name, \res, \xout, \cr
	.endm

/* OPRI name, insn, t_in, a, sh, mb, me, xer_in, result, xer_out, cr_out:
 * insn r16,r14,sh,mb,me with r16 preset (rlwinm, rlwimi). */
	.macro OPRI name:req, insn:req, tin, a, sh, mb, me, xin, res, xout, cr
	LI32	r16, \tin
	LI32	r14, \a
	OP_PRESET \xin
	\insn	r16, r14, \sh, \mb, \me
	OP_TAIL	\name, \res, \xout, \cr
	.endm

/* OPRN name, insn, a, b, mb, me, xer_in, result, xer_out, cr_out (rlwnm) */
	.macro OPRN name:req, insn:req, a, b, mb, me, xin, res, xout, cr
	LI32	r14, \a
	LI32	r15, \b
	OP_PRESET \xin
	\insn	r16, r14, r15, \mb, \me
	OP_TAIL	\name, \res, \xout, \cr
	.endm

/* Program entry and exit. */
	.macro TEST_BEGIN
	.text
	.globl	_start
_start:
	li	r30, 0
	li	r31, 0
	.endm

	.macro TEST_END
	b	isa_exit
	.endm
#endif
