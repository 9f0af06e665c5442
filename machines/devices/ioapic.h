/* machines/devices/ioapic.h — the PC's I/O APIC (Intel 82093AA data
 * sheet): 24 interrupt inputs, each routed by a redirection entry to the
 * one local APIC as an interrupt message.
 *
 *   0xFEC00000  IOREGSEL  (bits 7-0: the register IOWIN reaches)
 *   0xFEC00010  IOWIN     (32 bits)
 *
 *   register    0x00 ID (bits 27-24)   0x01 version 0x00170011 (24 entries)
 *               0x02 arbitration ID    0x10 + 2n, 0x11 + 2n: entry n, low and high
 *
 *   redirection entry (64 bits)
 *   63      56 55     17  16    15     14      13     12       11     10-8  7-0
 *   dest       reserved   mask  trig  rem.IRR  pol.  del.stat  dest   mode  vector
 *                               1=lvl  (RO)  1=low    (RO)   1=log
 *
 * An edge-triggered input sends its message on each asserting edge while
 * unmasked. A level-triggered one sends it while asserted, unmasked and
 * not remote-IRR; the local APIC's EOI for the vector clears remote IRR
 * and, the input still asserted, sends it again.
 */
#ifndef MORPH_IOAPIC_H
#define MORPH_IOAPIC_H

#include <stdint.h>

#include "machines/devices/apic.h"
#include "machines/machine.h"
#include "softmmu/memory.h"

#define IOAPIC_DEFAULT_BASE 0xfec00000ull
enum { IOAPIC_PINS = 24 };

typedef struct IoApic IoApic;

/* Maps the registers at `base` in `mem`; messages go to `apic`, whose
 * EOIs of level-triggered vectors come back here. */
IoApic *ioapic_new(AddressSpace *mem, uint64_t base, Apic *apic);
/* Every entry masked (and zero otherwise), ID 0; input levels kept. */
void ioapic_reset(IoApic *io);
void ioapic_free(IoApic *io);
/* The line a device drives into input n (0..23); level 1 = high (an
 * active-low entry asserts while it is 0). */
IrqLine ioapic_irq_in(IoApic *io, unsigned n);

#endif
