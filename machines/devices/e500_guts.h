/* machines/devices/e500_guts.h — the MPC8544's global utilities block
 * (CCSR + 0xE0000) as QEMU's ppce500 board has it: power-on configuration
 * status (PLL ratios, device pins), PVR/SVR mirrors and the reset control
 * register. */
#ifndef MORPH_E500_GUTS_H
#define MORPH_E500_GUTS_H

#include <stdint.h>

#include "softmmu/memory.h"

typedef struct E500Guts E500Guts;

enum {
    E500_GUTS_REGION_SIZE = 0x1000,
    /* What the mirrors report; the CPU's own PVR and SVR must agree. */
    E500_GUTS_PVR = 0x80210030, /* e500v2 core, revision 3.0 */
    E500_GUTS_SVR = 0,          /* as QEMU's board: U-Boot prints "CPU: Unknown" */
};

/* Maps the block at base in as. request_reset(opaque) runs when the
 * guest writes RSTCR[HRESET_REQ]: the board sets Machine.reset_requested
 * and kicks the CPU. */
E500Guts *e500_guts_new(AddressSpace *as, uint64_t base, void (*request_reset)(void *opaque),
                        void *opaque);
/* Unmaps and frees the device (before its address space goes). */
void e500_guts_free(E500Guts *g);

#endif
