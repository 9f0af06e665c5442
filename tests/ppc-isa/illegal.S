/*
 * illegal.S — not self-checking: an invalid opcode must kill the guest
 * with SIGILL.  The CTest entry expects exit status 132 (128 + 4).
 * Primary opcode 0 is not a defined instruction for a 32-bit user program.
 */
#include "isa.h"
	TEST_BEGIN
	.long	0x00000000
	/* not reached */
	li	r3, 0
	li	r0, 1
	sc
