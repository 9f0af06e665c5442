/*
 * trap.S — not self-checking: an unconditional trap word must kill the
 * guest with SIGTRAP.  The CTest entry expects exit status 133 (128 + 5).
 */
#include "isa.h"
	TEST_BEGIN
	li	r3, 1
	tw	31, r0, r0	/* TO = 31: trap always */
	/* not reached: falling through would exit 0 and fail the test */
	li	r3, 0
	li	r0, 1
	sc
