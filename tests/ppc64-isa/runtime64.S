/*
 * runtime64.S — the reporting side of the 64-bit PowerPC ISA tests: one
 * line per case through write(2), then exit with the failure count. It
 * keeps to plain instructions (lbz/stb/addi/cmpd/bc/rldicl/sc) so that a
 * broken instruction under test is unlikely to break the reporting.
 *
 *   isa_check   r3 = name, r4 = got, r5 = want
 *   isa_exit    prints the totals, exits with min(failures, 255)
 */
#define SYS_exit  1
#define SYS_write 4

	.section .bss
	.balign	8
isa_saved_lr:
	.space	8
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
	cmpdi	r10, 0
	beqlr
	stb	r10, 0(r8)
	addi	r8, r8, 1
	addi	r9, r9, 1
	b	append_str

/* Append r9 as 16 hex digits (uses r10, r11, CTR). */
append_hex:
	li	r11, 16
	mtctr	r11
1:	rldicl	r9, r9, 4, 0
	rldicl	r10, r9, 0, 60
	cmpdi	r10, 10
	blt	2f
	addi	r10, r10, 'a' - '0' - 10
2:	addi	r10, r10, '0'
	stb	r10, 0(r8)
	addi	r8, r8, 1
	bdnz	1b
	blr

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
	mflr	r12
	lis	r11, isa_saved_lr@ha
	std	r12, isa_saved_lr@l(r11)
	mr	r0, r3
	lis	r8, isa_line@ha
	addi	r8, r8, isa_line@l
	cmpd	r4, r5
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
	lis	r9, .Lwant@ha
	addi	r9, r9, .Lwant@l
	bl	append_str
	mr	r9, r5
	bl	append_hex
.Lout:
	FLUSH_LINE
	lis	r11, isa_saved_lr@ha
	ld	r12, isa_saved_lr@l(r11)
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
	cmpdi	r3, 255
	ble	1f
	li	r3, 255
1:	li	r0, SYS_exit
	sc
