/*
 * runtime.S — the reporting side of the PowerPC ISA tests: prints one line
 * per case through write(2) and exits with the failure count.  It keeps to
 * a handful of plain instructions (lbz/stb/addi/cmpw/bc/rlwinm/sc) so that
 * a broken instruction under test is unlikely to break the reporting.
 *
 *   isa_check    r3 = name, r4 = got, r5 = want
 *   isa_check64  r3 = name, r4:r6 = got (hi:lo), r5:r7 = want
 *   isa_exit     prints the totals, exits with min(failures, 255)
 */
#define SYS_exit  1
#define SYS_write 4

	.section .bss
	.balign	8
	.globl	isa_fpr_scratch
isa_fpr_scratch:
	.space	16
isa_saved_lr:
	.space	4
isa_line:
	.space	256

	.section .rodata
.Lpass:	.asciz	"PASS "
.Lfail:	.asciz	"FAIL "
.Lgot:	.asciz	": got 0x"
.Lwant:	.asciz	" want 0x"
.Ldone:	.asciz	"done: pass 0x"
.Lnfail: .asciz	" fail 0x"

	.text
/* r8 = line cursor; append the NUL-terminated string at r9 (uses r10). */
append_str:
	lbz	r10, 0(r9)
	cmpwi	r10, 0
	beqlr
	stb	r10, 0(r8)
	addi	r8, r8, 1
	addi	r9, r9, 1
	b	append_str

/* Append r9 as 8 hex digits (uses r10, r11, CTR). */
append_hex:
	li	r11, 8
	mtctr	r11
1:	rlwinm	r9, r9, 4, 0, 31
	rlwinm	r10, r9, 0, 28, 31
	cmpwi	r10, 10
	blt	2f
	addi	r10, r10, 'a' - '0' - 10
2:	addi	r10, r10, '0'
	stb	r10, 0(r8)
	addi	r8, r8, 1
	bdnz	1b
	blr

/* Write the line from isa_line up to r8 plus a newline (a macro, so that
 * nothing live sits in a volatile register across the sc). */
	.macro FLUSH_LINE
	li	r10, '\n'
	stb	r10, 0(r8)
	addi	r8, r8, 1
	lis	r4, isa_line@ha
	addi	r4, r4, isa_line@l
	subf	r5, r4, r8
	li	r3, 1
	li	r0, SYS_write
	sc
	.endm

	.globl	isa_check
isa_check:
	/* the 64-bit form with both low halves zero */
	li	r6, 0
	li	r7, 0
	.globl	isa_check64
isa_check64:
	mflr	r12		/* the kernel may clobber r12: keep LR in memory */
	lis	r11, isa_saved_lr@ha
	stw	r12, isa_saved_lr@l(r11)
	mr	r0, r3		/* name */
	lis	r8, isa_line@ha
	addi	r8, r8, isa_line@l
	cmpw	r4, r5
	bne	.Lbad
	cmpw	r6, r7
	bne	.Lbad
	addi	r30, r30, 1
	lis	r9, .Lpass@ha
	addi	r9, r9, .Lpass@l
	bl	append_str
	mr	r9, r0
	bl	append_str
	b	.Lout
.Lbad:
	addi	r31, r31, 1
	lis	r9, .Lfail@ha
	addi	r9, r9, .Lfail@l
	bl	append_str
	mr	r9, r0
	bl	append_str
	lis	r9, .Lgot@ha
	addi	r9, r9, .Lgot@l
	bl	append_str
	mr	r9, r4
	bl	append_hex
	cmpwi	cr1, r6, 0
	bne	cr1, 1f
	cmpwi	cr1, r7, 0
	beq	cr1, 2f
1:	mr	r9, r6
	bl	append_hex
2:	lis	r9, .Lwant@ha
	addi	r9, r9, .Lwant@l
	bl	append_str
	mr	r9, r5
	bl	append_hex
	cmpwi	cr1, r6, 0
	bne	cr1, 1f
	cmpwi	cr1, r7, 0
	beq	cr1, .Lout
1:	mr	r9, r7
	bl	append_hex
.Lout:
	FLUSH_LINE
	lis	r11, isa_saved_lr@ha
	lwz	r12, isa_saved_lr@l(r11)
	mtlr	r12
	blr

	.globl	isa_exit
isa_exit:
	lis	r8, isa_line@ha
	addi	r8, r8, isa_line@l
	lis	r9, .Ldone@ha
	addi	r9, r9, .Ldone@l
	bl	append_str
	mr	r9, r30
	bl	append_hex
	lis	r9, .Lnfail@ha
	addi	r9, r9, .Lnfail@l
	bl	append_str
	mr	r9, r31
	bl	append_hex
	FLUSH_LINE
	mr	r3, r31
	cmplwi	r3, 255
	ble	1f
	li	r3, 255
1:	li	r0, SYS_exit
	sc
