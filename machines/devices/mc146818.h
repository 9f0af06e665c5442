/* machines/devices/mc146818.h — the PC's real-time clock and CMOS RAM, a
 * Motorola MC146818A (its data sheet), at ports 0x70 (index, bit 7 = NMI
 * disable) and 0x71 (data):
 *
 *   0x00 seconds  0x01 seconds alarm  0x02 minutes  0x03 minutes alarm
 *   0x04 hours    0x05 hours alarm    0x06 day of week (1 = Sunday)
 *   0x07 day of month  0x08 month  0x09 year (two digits)
 *   0x0A register A: UIP, DV2-0 divider, RS3-0 periodic rate
 *   0x0B register B: SET, PIE, AIE, UIE, SQWE, DM (binary), 24/12, DSE
 *   0x0C register C: IRQF, PF, AF, UF (read only, cleared by reading)
 *   0x0D register D: VRT (always valid)
 *   0x0E-0x7F  battery-backed RAM; 0x32 holds the century (the PC's
 *              convention, kept by the clock like the year)
 *
 * The time runs from the host's UTC clock plus an offset the guest sets by
 * writing the time registers; the divider and the periodic, alarm and
 * update-ended interrupts (on irq8, level 1 while IRQF is set) follow the
 * machine clock (machine_clock_ns), on the 32.768 kHz time base whatever
 * DV2-0 select (but 11x: divider reset). SQWE and DSE are kept but act on
 * nothing: the PC wires no square-wave pin, and UTC has no daylight
 * saving. */
#ifndef MORPH_MC146818_H
#define MORPH_MC146818_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/machine.h"
#include "softmmu/memory.h"

typedef struct Mc146818 Mc146818;

enum { MC146818_CMOS_SIZE = 128, MC146818_CENTURY = 0x32 };

/* Maps ports 0x70-0x71 in `ports`; the clock starts at the host's time. */
Mc146818 *mc146818_new(Machine *m, AddressSpace *ports, IrqLine irq8);
/* The chip's RESET pin: clears PIE, AIE, UIE, SQWE and the flags of
 * register C (IRQF drops); the time and the RAM are kept. */
void mc146818_reset(Mc146818 *rtc);
/* Unmaps and frees the device and its timers (before its address space
 * goes). */
void mc146818_free(Mc146818 *rtc);
/* The board's NVRAM fields (memory sizes, boot order, ...): RAM byte
 * `index` (0x0E..0x7F). The century byte 0x32 is the clock's, from the
 * time: writes to it here are ignored. */
void mc146818_set_cmos(Mc146818 *rtc, unsigned index, uint8_t value);
/* Bit 7 of the last index written to port 0x70: NMIs disabled. */
bool mc146818_nmi_disabled(const Mc146818 *rtc);
/* Set the clock to `unix_seconds` (UTC) now, as `-rtc base=` would. */
void mc146818_set_time(Mc146818 *rtc, int64_t unix_seconds);

#endif
