/*
 * mem64.S — 64-bit loads and stores in the guest's byte order (DS, X and
 * update forms), lwa/lwax sign extension, the byte-reversed forms
 * (reversed relative to the guest's order), the reservations
 * l[bhwd]arx / st[bhwd]cx., dcbz's 128-byte block, and an address above
 * 4 GiB not being truncated (the stack lies there under morph).
 * Expected values from the Power ISA; byte images differ by byte order.
 */
#include "isa64.h"

	.section .data
	.balign	128
buf:	.space	256

	TEST_BEGIN

	LA	r20, buf
	LI64	r14, 0x0102030405060708
	std	r14, 0(r20)
	ld	r16, 0(r20)
	CHECK	std_ld, r16, 0x0102030405060708
	lbz	r16, 0(r20)
#if __LITTLE_ENDIAN__
	CHECK	std_byte0, r16, 0x08
#else
	CHECK	std_byte0, r16, 0x01
#endif
	ldbrx	r16, 0, r20
	CHECK	ldbrx, r16, 0x0807060504030201
	lwbrx	r16, 0, r20
#if __LITTLE_ENDIAN__
	CHECK	lwbrx, r16, 0x08070605
#else
	CHECK	lwbrx, r16, 0x04030201
#endif
	li	r15, 8
	stdbrx	r14, r20, r15
	ld	r16, 8(r20)
	CHECK	stdbrx, r16, 0x0807060504030201

	/* lwa / lwax / lwz extension */
	LI64	r14, 0x80000001
	stw	r14, 16(r20)
	lwa	r16, 16(r20)
	CHECK	lwa_sext, r16, 0xffffffff80000001
	li	r15, 16
	lwax	r17, r20, r15
	CHECK	lwax_sext, r17, 0xffffffff80000001
	lwz	r18, 16(r20)
	CHECK	lwz_zext, r18, 0x80000001
	lha	r16, 16(r20)
#if __LITTLE_ENDIAN__
	CHECK	lha_sext, r16, 1
#else
	CHECK	lha_sext, r16, 0xffffffffffff8000
#endif

	/* update forms */
	mr	r21, r20
	LI64	r14, 0x1111222233334444
	stdu	r14, 32(r21)
	addi	r16, r20, 32
	CHECKR	stdu_ea, r21, r16
	ld	r17, 32(r20)
	CHECK	stdu_stored, r17, 0x1111222233334444
	mr	r21, r20
	ldu	r17, 32(r21)
	CHECKR	ldu_ea, r21, r16
	CHECK	ldu_val, r17, 0x1111222233334444
	li	r15, 32
	mr	r21, r20
	ldux	r17, r21, r15
	CHECKR	ldux_ea, r21, r16
	li	r15, 40
	LI64	r14, 0x5555666677778888
	stdx	r14, r20, r15
	ldx	r17, r20, r15
	CHECK	stdx_ldx, r17, 0x5555666677778888

	/* reservations: success, then failure without a reservation */
	addi	r22, r20, 64
	LI64	r14, 0xaaaabbbbccccdddd
	std	r14, 0(r22)
	ldarx	r16, 0, r22
	addi	r16, r16, 1
	stdcx.	r16, 0, r22
	mfcr	r17
	ld	r18, 0(r22)
	rlwinm	r17, r17, 4, 28, 31
	CHECK	stdcx_ok_cr0, r17, 2
	CHECK	stdcx_ok_mem, r18, 0xaaaabbbbccccddde
	stdcx.	r14, 0, r22		/* the reservation is gone */
	mfcr	r17
	ld	r18, 0(r22)
	rlwinm	r17, r17, 4, 28, 31
	CHECK	stdcx_fail_cr0, r17, 0
	CHECK	stdcx_fail_mem, r18, 0xaaaabbbbccccddde
	li	r14, 0x7f
	stb	r14, 8(r22)
	addi	r23, r22, 8
	lbarx	r16, 0, r23
	addi	r16, r16, 1
	stbcx.	r16, 0, r23
	lbz	r18, 8(r22)
	CHECK	lbarx_stbcx, r18, 0x80
	li	r14, -2
	sth	r14, 16(r22)
	addi	r23, r22, 16
	lharx	r16, 0, r23
	mr	r24, r16
	addi	r16, r16, 1
	sthcx.	r16, 0, r23
	lhz	r18, 16(r22)
	CHECK	lharx_zext, r24, 0xfffe
	CHECK	lharx_sthcx, r18, 0xffff
	/* a system call (the write of a CHECK) clears the reservation: the
	 * kernel does a st*cx. on its way back to user space */
	lharx	r16, 0, r23
	CHECK	lharx_again, r16, 0xffff
	li	r16, 0x1234
	sthcx.	r16, 0, r23
	lhz	r18, 16(r22)
	CHECK	sthcx_after_syscall, r18, 0xffff
	lwarx	r16, 0, r22
	stwcx.	r16, 0, r22
	mfcr	r17
	rlwinm	r17, r17, 4, 28, 31
	CHECK	lwarx_stwcx_cr0, r17, 2

	/* dcbz clears the aligned 128-byte block holding EA */
	li	r14, -1
	std	r14, 0(r20)
	std	r14, 120(r20)
	std	r14, 128(r20)
	addi	r15, r20, 72
	dcbz	0, r15
	ld	r16, 0(r20)
	ld	r17, 120(r20)
	ld	r18, 128(r20)
	CHECK	dcbz_first, r16, 0
	CHECK	dcbz_last, r17, 0
	CHECK	dcbz_next_block, r18, 0xffffffffffffffff

	/* a stack slot: all 64 bits of r1 take part in the address */
	LI64	r14, 0x0123456789abcdef
	std	r14, -8(r1)
	ld	r16, -8(r1)
	CHECK	stack_slot, r16, 0x0123456789abcdef

	TEST_END
