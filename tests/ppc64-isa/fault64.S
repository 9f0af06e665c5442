/*
 * fault64.S — a load from an address far above every mapping (and above
 * morph's guest address window) must kill the guest with SIGSEGV (status
 * 139), as on a real ppc64 Linux: never read host memory.
 */
#include "isa64.h"

	TEST_BEGIN
	LI64	r14, 0x00007fff00001000
	ld	r16, 0(r14)
	CHECK	not_reached, r16, 0x1
	TEST_END
