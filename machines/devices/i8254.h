/* machines/devices/i8254.h — the PC's 8254 programmable interval timer
 * (Intel 8254 data sheet) at 1.193182 MHz, and the system control port B
 * it shares with the speaker (Intel 82371SB PIIX3 data sheet 4.7.1, NMI
 * status and control register):
 *
 *   0x40-0x42  counters 0-2        0x43  control word
 *   0x61       bit 0 counter 2 gate, bit 1 speaker data enable,
 *              bits 2-3 parity/channel check enables (storage),
 *              bit 4 refresh toggle (flips every 15.085 us, read only),
 *              bit 5 counter 2 OUT (read only)
 *
 * Counter 0's OUT drives irq0: the line rises at each rising edge of OUT
 * (for a one-tick low pulse — modes 2, 4, 5 — the line is pulsed low and
 * high at that moment) and falls when programming makes OUT low. Counter 1
 * (DRAM refresh on the PC) counts but drives nothing; counter 2's gate and
 * OUT are port 0x61's. Counters 0 and 1 have their gates tied high.
 *
 * Counts are computed from the machine clock (machine_clock_ns), not
 * ticked; one MachineTimer wakes counter 0 at its next rising edge. */
#ifndef MORPH_I8254_H
#define MORPH_I8254_H

#include "machines/machine.h"
#include "softmmu/memory.h"

typedef struct I8254 I8254;

enum { I8254_HZ = 1193182 };

/* Maps ports 0x40-0x43 and 0x61 in `ports`. */
I8254 *i8254_new(Machine *m, AddressSpace *ports, IrqLine irq0);
/* Back to the power-on state: every counter unprogrammed (mode 0, OUT
 * low, not counting), counter 2's gate and the speaker off. */
void i8254_reset(I8254 *pit);
/* Unmaps and frees the device and its timer (before its address space
 * goes). */
void i8254_free(I8254 *pit);

#endif
