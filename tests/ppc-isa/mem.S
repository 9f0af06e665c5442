/*
 * mem.S — loads and stores: every size with D-form, update, indexed and
 * update-indexed forms, lha sign extension, byte-reversed lhbrx/lwbrx/
 * sthbrx/stwbrx, lmw/stmw, lswi/lswx/stswi/stswx (XER byte count), dcbz,
 * lwarx/stwcx. success and failure, and sync/isync/eieio.
 *
 * Rules from the Power ISA (Book I, 3.3.2-3.3.8, Book II 4.4): the guest
 * is big-endian; update forms write the effective address back to RA;
 * indexed forms with RA = 0 use 0 for the base; lswi NB and lswx
 * XER[25:31] give the byte count, filling registers from the high byte
 * and zeroing the unused low bytes of the last one; stwcx. sets CR0 to
 * 0b00 || stored || XER[SO] and clears the reservation whether it stored
 * or not, so a second stwcx. without lwarx must fail.  dcbz zeroes the
 * whole cache block holding the address; only the 32 aligned bytes that
 * every implementation's block covers are checked.
 */
#include "isa.h"

	.data
	.balign	16
src:	.byte	0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0
	.byte	0x87, 0x65, 0x43, 0x21, 0xfe, 0xdc, 0xba, 0x98
	.long	0x01020304, 0x05060708, 0x090a0b0c, 0x0d0e0f10
	.balign	16
dst:	.space	64
	.balign	128
line:	.fill	128, 1, 0xff
save:	.space	8
resv:	.long	0x11111111

	.text
/* Fill dst[0..15] with 0xee bytes. */
	.macro FILL_DST
	lis	r3, dst@ha
	addi	r3, r3, dst@l
	LI32	r4, 0xeeeeeeee
	stw	r4, 0(r3)
	stw	r4, 4(r3)
	stw	r4, 8(r3)
	stw	r4, 12(r3)
	.endm

	.macro LA reg, sym
	lis	\reg, \sym@ha
	addi	\reg, \reg, \sym@l
	.endm

	TEST_BEGIN
	LA	r14, src
	LA	r20, dst
	li	r19, 8

	/* byte loads */
	lbz	r16, 0(r14)
	CHECK	lbz_0, r16, 0x12
	lbz	r16, 4(r14)
	CHECK	lbz_4_no_sext, r16, 0x9a
	mr	r15, r14
	lbzu	r16, 5(r15)
	subf	r17, r14, r15
	CHECK	lbzu_val, r16, 0xbc
	CHECK	lbzu_ea, r17, 5
	lbzx	r16, r14, r19
	CHECK	lbzx, r16, 0x87
	mr	r15, r14
	lbzux	r16, r15, r19
	subf	r17, r14, r15
	CHECK	lbzux_val, r16, 0x87
	CHECK	lbzux_ea, r17, 8
	lbzx	r16, 0, r14
	CHECK	lbzx_ra0, r16, 0x12
	addi	r15, r14, 9
	lbz	r16, -1(r15)
	CHECK	lbz_negdisp, r16, 0x87

	/* halfword loads, zero and sign extension */
	lhz	r16, 0(r14)
	CHECK	lhz_0, r16, 0x1234
	lhz	r16, 4(r14)
	CHECK	lhz_4, r16, 0x9abc
	lha	r16, 4(r14)
	CHECK	lha_neg, r16, 0xffff9abc
	lha	r16, 0(r14)
	CHECK	lha_pos, r16, 0x1234
	lha	r16, 12(r14)
	CHECK	lha_fedc, r16, 0xfffffedc
	mr	r15, r14
	lhzu	r16, 6(r15)
	subf	r17, r14, r15
	CHECK	lhzu_val, r16, 0xdef0
	CHECK	lhzu_ea, r17, 6
	mr	r15, r14
	lhau	r16, 6(r15)
	subf	r17, r14, r15
	CHECK	lhau_val, r16, 0xffffdef0
	CHECK	lhau_ea, r17, 6
	lhzx	r16, r14, r19
	CHECK	lhzx, r16, 0x8765
	li	r18, 12
	lhax	r16, r14, r18
	CHECK	lhax, r16, 0xfffffedc
	mr	r15, r14
	lhzux	r16, r15, r18
	subf	r17, r14, r15
	CHECK	lhzux_val, r16, 0xfedc
	CHECK	lhzux_ea, r17, 12
	mr	r15, r14
	lhaux	r16, r15, r18
	subf	r17, r14, r15
	CHECK	lhaux_val, r16, 0xfffffedc
	CHECK	lhaux_ea, r17, 12

	/* word loads */
	lwz	r16, 0(r14)
	CHECK	lwz_0, r16, 0x12345678
	lwz	r16, 12(r14)
	CHECK	lwz_12, r16, 0xfedcba98
	lwz	r16, 11(r14)
	CHECK	lwz_unaligned_11, r16, 0x21fedcba
	lwz	r16, 1(r14)
	CHECK	lwz_unaligned, r16, 0x3456789a
	mr	r15, r14
	lwzu	r16, 4(r15)
	subf	r17, r14, r15
	CHECK	lwzu_val, r16, 0x9abcdef0
	CHECK	lwzu_ea, r17, 4
	lwzx	r16, r14, r19
	CHECK	lwzx, r16, 0x87654321
	lwzx	r16, 0, r14
	CHECK	lwzx_ra0, r16, 0x12345678
	mr	r15, r14
	li	r18, 16
	lwzux	r16, r15, r18
	subf	r17, r14, r15
	CHECK	lwzux_val, r16, 0x01020304
	CHECK	lwzux_ea, r17, 16

	/* byte-reversed loads */
	lhbrx	r16, 0, r14
	CHECK	lhbrx, r16, 0x3412
	lhbrx	r16, r14, r19
	CHECK	lhbrx_idx, r16, 0x6587
	lwbrx	r16, 0, r14
	CHECK	lwbrx, r16, 0x78563412
	lwbrx	r16, r14, r19
	CHECK	lwbrx_idx, r16, 0x21436587

	/* stores: fill dst with 0xee, store, read back words */
	FILL_DST
	LI32	r16, 0xa1b2c3d4
	stb	r16, 1(r20)
	lwz	r17, 0(r20)
	CHECK	stb, r17, 0xeed4eeee
	FILL_DST
	mr	r15, r20
	stbu	r16, 3(r15)
	lwz	r17, 0(r20)
	subf	r18, r20, r15
	CHECK	stbu_mem, r17, 0xeeeeeed4
	CHECK	stbu_ea, r18, 3
	FILL_DST
	stbx	r16, r20, r19
	lwz	r17, 8(r20)
	CHECK	stbx, r17, 0xd4eeeeee
	FILL_DST
	mr	r15, r20
	stbux	r16, r15, r19
	lwz	r17, 8(r20)
	subf	r18, r20, r15
	CHECK	stbux_mem, r17, 0xd4eeeeee
	CHECK	stbux_ea, r18, 8
	FILL_DST
	sth	r16, 2(r20)
	lwz	r17, 0(r20)
	CHECK	sth, r17, 0xeeeec3d4
	FILL_DST
	mr	r15, r20
	sthu	r16, 4(r15)
	lwz	r17, 4(r20)
	subf	r18, r20, r15
	CHECK	sthu_mem, r17, 0xc3d4eeee
	CHECK	sthu_ea, r18, 4
	FILL_DST
	sthx	r16, r20, r19
	lwz	r17, 8(r20)
	CHECK	sthx, r17, 0xc3d4eeee
	FILL_DST
	mr	r15, r20
	sthux	r16, r15, r19
	lwz	r17, 8(r20)
	subf	r18, r20, r15
	CHECK	sthux_mem, r17, 0xc3d4eeee
	CHECK	sthux_ea, r18, 8
	FILL_DST
	stw	r16, 4(r20)
	lwz	r17, 4(r20)
	lwz	r18, 0(r20)
	CHECK	stw, r17, 0xa1b2c3d4
	CHECK	stw_neighbour, r18, 0xeeeeeeee
	FILL_DST
	stw	r16, 1(r20)
	lwz	r17, 0(r20)
	lwz	r18, 4(r20)
	CHECK	stw_unaligned_0, r17, 0xeea1b2c3
	CHECK	stw_unaligned_4, r18, 0xd4eeeeee
	FILL_DST
	mr	r15, r20
	stwu	r16, 12(r15)
	lwz	r17, 12(r20)
	subf	r18, r20, r15
	CHECK	stwu_mem, r17, 0xa1b2c3d4
	CHECK	stwu_ea, r18, 12
	FILL_DST
	stwx	r16, r20, r19
	lwz	r17, 8(r20)
	CHECK	stwx, r17, 0xa1b2c3d4
	FILL_DST
	mr	r15, r20
	li	r18, 4
	stwux	r16, r15, r18
	lwz	r17, 4(r20)
	subf	r18, r20, r15
	CHECK	stwux_mem, r17, 0xa1b2c3d4
	CHECK	stwux_ea, r18, 4
	FILL_DST
	stwx	r16, 0, r20
	lwz	r17, 0(r20)
	CHECK	stwx_ra0, r17, 0xa1b2c3d4

	/* byte-reversed stores */
	FILL_DST
	sthbrx	r16, 0, r20
	lwz	r17, 0(r20)
	CHECK	sthbrx, r17, 0xd4c3eeee
	FILL_DST
	stwbrx	r16, r20, r19
	lwz	r17, 8(r20)
	CHECK	stwbrx, r17, 0xd4c3b2a1

	/* lmw / stmw over r24..r31 (r30/r31 are the runtime's: saved) */
	LA	r21, save
	stw	r30, 0(r21)
	stw	r31, 4(r21)
	lmw	r24, 0(r14)
	mr	r22, r30
	mr	r23, r31
	lwz	r30, 0(r21)
	lwz	r31, 4(r21)
	CHECK	lmw_r24, r24, 0x12345678
	CHECK	lmw_r25, r25, 0x9abcdef0
	CHECK	lmw_r26, r26, 0x87654321
	CHECK	lmw_r27, r27, 0xfedcba98
	CHECK	lmw_r28, r28, 0x01020304
	CHECK	lmw_r29, r29, 0x05060708
	CHECK	lmw_r30, r22, 0x090a0b0c
	CHECK	lmw_r31, r23, 0x0d0e0f10
	LI32	r27, 0x27272727
	LI32	r28, 0x28282828
	LI32	r29, 0xa9a9a9a9
	stmw	r27, 4(r20)
	lwz	r16, 4(r20)
	lwz	r17, 8(r20)
	lwz	r18, 12(r20)
	lwz	r21, 16(r20)
	subf	r21, r30, r21	/* word 3 holds r30 as it was at the stmw */
	lwz	r22, 20(r20)
	subf	r22, r31, r22
	CHECK	stmw_r27, r16, 0x27272727
	CHECK	stmw_r28, r17, 0x28282828
	CHECK	stmw_r29, r18, 0xa9a9a9a9
	CHECK	stmw_r30, r21, 0
	CHECK	stmw_r31, r22, 0

	/* load / store string */
	LI32	r17, 0x55555555
	lswi	r16, r14, 7
	CHECK	lswi7_r16, r16, 0x12345678
	CHECK	lswi7_r17, r17, 0x9abcde00
	LI32	r21, 0x55555555
	lswi	r20, r14, 5
	CHECK	lswi5_r20, r20, 0x12345678
	CHECK	lswi5_r21, r21, 0x9a000000
	LA	r20, dst
	lswi	r16, r14, 4
	CHECK	lswi4_r16, r16, 0x12345678
	li	r0, 6
	mtxer	r0
	li	r18, 8
	lswx	r16, r14, r18
	CHECK	lswx6_r16, r16, 0x87654321
	CHECK	lswx6_r17, r17, 0xfedc0000
	li	r0, 1
	mtxer	r0
	lswx	r16, 0, r14
	CHECK	lswx1_r16, r16, 0x12000000
	FILL_DST
	LI32	r16, 0x01234567
	LI32	r17, 0x89abcdef
	stswi	r16, r20, 6
	lwz	r18, 0(r20)
	lwz	r21, 4(r20)
	CHECK	stswi6_w0, r18, 0x01234567
	CHECK	stswi6_w1, r21, 0x89abeeee
	FILL_DST
	LI32	r16, 0x01234567
	li	r0, 3
	mtxer	r0
	li	r18, 1
	stswx	r16, r20, r18
	lwz	r21, 0(r20)
	CHECK	stswx3, r21, 0xee012345
	FILL_DST
	li	r0, 0
	mtxer	r0
	stswx	r16, r20, r18
	lwz	r21, 0(r20)
	CHECK	stswx0_nothing, r21, 0xeeeeeeee
	mfxer	r21
	rlwinm	r21, r21, 0, 25, 31
	CHECK	xer_bytecount_read, r21, 0

	/* dcbz on an aligned 32-byte block */
	LA	r15, line
	li	r18, 32
	dcbz	r15, r18
	lwz	r16, 32(r15)
	lwz	r17, 44(r15)
	lwz	r21, 60(r15)
	or	r16, r16, r17
	or	r16, r16, r21
	CHECK	dcbz_zero, r16, 0
	LA	r15, line
	addi	r21, r15, 96 + 5	/* any address inside the block */
	dcbz	0, r21
	lwz	r16, 96(r15)
	lwz	r17, 124(r15)
	or	r16, r16, r17
	CHECK	dcbz_unaligned_ea, r16, 0

	/* lwarx / stwcx. */
	LA	r15, resv
	li	r0, 0
	mtxer	r0
	lwarx	r16, 0, r15
	LI32	r17, 0x22222222
	stwcx.	r17, 0, r15
	mfcr	r18
	lwz	r21, 0(r15)
	rlwinm	r18, r18, 4, 28, 31
	CHECK	lwarx_val, r16, 0x11111111
	CHECK	stwcx_ok_cr0, r18, 2
	CHECK	stwcx_ok_mem, r21, 0x22222222
	/* the successful stwcx. cleared the reservation: this one fails */
	LA	r15, resv
	LI32	r17, 0x33333333
	li	r0, 0
	mtcrf	0xff, r0
	stwcx.	r17, 0, r15
	mfcr	r18
	lwz	r21, 0(r15)
	rlwinm	r18, r18, 4, 28, 31
	CHECK	stwcx_fail_cr0, r18, 0
	CHECK	stwcx_fail_mem, r21, 0x22222222
	/* SO is copied into CR0 */
	LA	r15, resv
	SET_XER	0x80000000
	lwarx	r16, 0, r15
	addi	r16, r16, 1
	stwcx.	r16, 0, r15
	mfcr	r18
	lwz	r21, 0(r15)
	rlwinm	r18, r18, 4, 28, 31
	CHECK	stwcx_so_cr0, r18, 3
	CHECK	stwcx_so_mem, r21, 0x22222223
	/* an atomic-increment loop as compilers write it */
	LA	r15, resv
	li	r0, 0
	mtxer	r0
1:	lwarx	r16, 0, r15
	addi	r16, r16, 0x10
	stwcx.	r16, 0, r15
	bne-	1b
	lwz	r21, 0(r15)
	CHECK	atomic_inc, r21, 0x22222233

	/* barriers execute and change nothing */
	li	r16, 7
	sync
	isync
	eieio
	lwsync
	CHECK	barriers, r16, 7

	TEST_END
