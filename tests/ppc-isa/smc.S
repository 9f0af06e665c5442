/*
 * smc.S — self-modifying code: instructions written at run time, made
 * visible to instruction fetch the way Power ISA Book II ("Instruction
 * Storage") requires — dcbst, sync, icbi, isync — then executed, rewritten
 * and executed again; each run's result must be the new code's.
 *
 *   mmap_*       a separate anonymous read/write/execute mapping
 *   pipe_*       the code rewritten by the kernel: read(2) from a pipe
 *                straight into the code page
 *   remap_*      the page unmapped and mapped again at the same address
 *   own_*        code on the program's own writable page (section "awx"),
 *                beside data that is written while the code is live
 *   self_*       one straight-line block that stores into a later
 *                instruction of itself, flushes it and then executes it
 *                (morph does not end a block at isync: the store must
 *                leave the block precisely and go on in the new code)
 *
 * Without the flush sequence, which instruction runs after such a store
 * is undefined on PowerPC (QEMU 7.2 runs the old one), so that case is
 * left to the x86 guests, whose hardware is the oracle.
 *
 * The functions written are two words: li r3,VALUE ; blr.
 */
#include "isa.h"

#define SYS_read   3
#define SYS_write  4
#define SYS_pipe   42
#define SYS_mmap   90
#define SYS_munmap 91

#define PROT_RWX   7     /* PROT_READ | PROT_WRITE | PROT_EXEC */
#define MAP_ANON_PRIVATE 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */
#define MAP_FIXED  0x10

#define LI_R3 0x38600000 /* addi r3,0,SIMM: primary opcode 14, RT = 3, RA = 0 */
#define BLR   0x4e800020 /* bclr 20,0: branch always to LR */

/* Make the cache block at (reg) visible to instruction fetch. */
	.macro FLUSH reg:req
	dcbst	0, \reg
	sync
	icbi	0, \reg
	isync
	.endm

/* Write "li r3,value ; blr" at (base), flushed; value in a register
 * (below 0x8000) or a constant. Uses r0; base is 8-byte aligned, so both
 * words are in one cache block. */
	.macro PUT_FUNC_R base:req, value:req
	oris	r0, \value, LI_R3@h
	stw	r0, 0(\base)
	LI32	r0, BLR
	stw	r0, 4(\base)
	FLUSH	\base
	.endm

	.macro PUT_FUNC base:req, value:req
	li	r0, \value
	PUT_FUNC_R \base, r0
	.endm

/* Call the function at (reg); its result is in r3. */
	.macro CALL reg:req
	mtctr	\reg
	bctrl
	.endm

	.macro SYSCALL nr:req
	li	r0, \nr
	sc
	.endm

	.macro LA reg:req, sym:req
	lis	\reg, \sym@ha
	addi	\reg, \reg, \sym@l
	.endm

	.section .rodata
	.balign	8
pipe_code:
	.long	LI_R3 | 3, BLR

	.section .bss
	.balign	8
pipe_fds:
	.space	8

	TEST_BEGIN

	/* ---- a separate mapping ---- */
	li	r3, 0
	li	r4, 4096
	li	r5, PROT_RWX
	li	r6, MAP_ANON_PRIVATE
	li	r7, -1
	li	r8, 0
	SYSCALL	SYS_mmap
	mr	r14, r3
	rlwinm	r15, r14, 0, 20, 31
	CHECK	mmap_page_aligned, r15, 0

	PUT_FUNC r14, 1
	CALL	r14
	CHECK	mmap_first, r3, 1
	PUT_FUNC r14, 2
	CALL	r14
	CHECK	mmap_rewritten, r3, 2

	/* rewrite and run it 100 times: the sum of 1..100 */
	li	r16, 1
	li	r17, 0
1:	PUT_FUNC_R r14, r16
	CALL	r14
	add	r17, r17, r3
	addi	r16, r16, 1
	cmpwi	r16, 100
	ble	1b
	CHECK	mmap_rewritten_100_times, r17, 5050

	/* ---- the kernel rewrites the code: read() from a pipe ---- */
	LA	r3, pipe_fds
	SYSCALL	SYS_pipe
	CHECK	pipe, r3, 0
	LA	r15, pipe_fds
	lwz	r3, 4(r15)
	LA	r4, pipe_code
	li	r5, 8
	SYSCALL	SYS_write
	CHECK	pipe_write, r3, 8
	LA	r15, pipe_fds
	lwz	r3, 0(r15)
	mr	r4, r14
	li	r5, 8
	SYSCALL	SYS_read
	CHECK	pipe_read_into_code, r3, 8
	FLUSH	r14
	CALL	r14
	CHECK	pipe_code_runs, r3, 3

	/* ---- unmapped and mapped again at the same address ---- */
	mr	r3, r14
	li	r4, 4096
	SYSCALL	SYS_munmap
	CHECK	munmap, r3, 0
	mr	r3, r14
	li	r4, 4096
	li	r5, PROT_RWX
	li	r6, MAP_ANON_PRIVATE | MAP_FIXED
	li	r7, -1
	li	r8, 0
	SYSCALL	SYS_mmap
	CHECKR	remap_same_address, r3, r14
	PUT_FUNC r14, 5
	CALL	r14
	CHECK	remap_new_code, r3, 5

	/* ---- code on the program's own writable page ---- */
	LA	r14, own_code
	PUT_FUNC r14, 7
	CALL	r14
	CHECK	own_first, r3, 7
	PUT_FUNC r14, 8
	CALL	r14
	CHECK	own_rewritten, r3, 8
	/* data beside live code: the store lands, the code still runs */
	LA	r15, own_data
	li	r16, 0x1234
	stw	r16, 0(r15)
	lwz	r17, 0(r15)
	CHECK	own_data_stored, r17, 0x1234
	CALL	r14
	CHECK	own_after_data_store, r3, 8

	/* ---- a block that rewrites itself ---- */
	li	r20, 0
	li	r4, 44
	oris	r4, r4, LI_R3@h
	bl	self_patch_flushed
	CHECK	self_patch_flushed_first, r3, 44
	li	r4, 45
	oris	r4, r4, LI_R3@h
	bl	self_patch_flushed
	CHECK	self_patch_flushed_again, r3, 45
	/* the block went on after its store, not again from its start */
	CHECK	self_patch_ran_once_per_call, r20, 2

	TEST_END

/* Writable and executable: code and data on the program's own pages. */
	.section .smc_text, "awx"
	.balign	32
own_code:
	.long	0, 0
own_data:
	.long	0

/* Count the call in r20, store r4 over the instruction after the flush
 * sequence, then run it; returns its r3. */
	.balign	32
self_patch_flushed:
	addi	r20, r20, 1
	lis	r5, .Lpatched_flushed@ha
	addi	r5, r5, .Lpatched_flushed@l
	stw	r4, 0(r5)
	FLUSH	r5
.Lpatched_flushed:
	li	r3, -1
	blr
