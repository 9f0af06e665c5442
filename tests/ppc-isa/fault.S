/*
 * fault.S — not self-checking: a load from an unmapped address, with no
 * SIGSEGV handler, must kill the guest with SIGSEGV (status 139).  The
 * load sits in the middle of a block at the global label
 * morph_fault_insn, so guest_fault.sh can look its address up with nm and
 * check that morph names exactly that pc, and that the registers the
 * block set before it (r14, r15) are exact while the one after it (r16)
 * was never written.
 */
#include "isa.h"
	TEST_BEGIN
	li	r4, 0x10	/* page 0 is never mapped */
	li	r14, 0x1234
	addi	r15, r14, 1
	.globl	morph_fault_insn
morph_fault_insn:
	lwz	r3, 0(r4)
	li	r16, 0x5555	/* not reached */
	li	r3, 0
	li	r0, 1
	sc
