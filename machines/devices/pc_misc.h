/* machines/devices/pc_misc.h — the small ports of a PC that belong to no
 * bigger device:
 *
 *   0x80   POST code latch: firmware progress codes (and Linux's I/O
 *          delay); kept for the debugger, reads 0xff as on QEMU's pc
 *   0x92   system control port A (PIIX3): bit 1 fast A20, bit 0 fast reset
 *   0x402  QEMU/Bochs debug console: bytes written go to a CharDev;
 *          reads 0xe9, which firmware checks before it logs there
 *   0xCF9  reset control register (PIIX3 RCR): bit 2 resets the system;
 *          reached through the PCI bus's non-dword 0xCF8-0xCFB passthrough
 */
#ifndef MORPH_PC_MISC_H
#define MORPH_PC_MISC_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/chardev.h"
#include "softmmu/memory.h"

typedef struct PcMisc PcMisc;

typedef struct PcMiscHooks {
    void (*set_a20)(void *opaque, bool enabled); /* port 0x92 bit 1 changed */
    void (*reset)(void *opaque);                 /* the guest asked for a system reset */
    void *opaque;
} PcMiscHooks;

/* The ports in `ports`; the debug console only with a CharDev (NULL: port
 * 0x402 stays unmapped, as on a PC without one). */
PcMisc *pc_misc_new(AddressSpace *ports, CharDev *debugcon, const PcMiscHooks *hooks);
void pc_misc_reset(PcMisc *p);
void pc_misc_free(PcMisc *p);
/* The last POST code written to port 0x80. */
uint8_t pc_misc_post_code(const PcMisc *p);

/* The reset control register as the 0xCF8-0xCFB window sees it (offset 1
 * is 0xCF9); opaque: the PcMisc. */
extern const MemoryRegionOps pc_misc_cf8_window_ops;

#endif
