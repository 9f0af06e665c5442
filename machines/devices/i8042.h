/* machines/devices/i8042.h — the PC's 8042 keyboard controller with a
 * PS/2 (MF2) keyboard and a PS/2 mouse behind it (IBM PS/2 Technical
 * Reference, "Keyboard/Auxiliary Device Controller"; "Keyboard and
 * Auxiliary Device"):
 *
 *   0x60  read: the output buffer; write: data (a command's parameter, or
 *         a byte for the keyboard)
 *   0x64  read: status; write: a controller command
 *
 * irq1 rises when the output buffer fills with keyboard or controller data
 * and the command byte enables it, irq12 likewise with mouse data; each
 * falls when the buffer is read. The output port's A20 bit and reset line
 * reach the board through callbacks. */
#ifndef MORPH_I8042_H
#define MORPH_I8042_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machines/machine.h"
#include "softmmu/memory.h"

typedef struct I8042 I8042;

/* Maps ports 0x60 and 0x64 in `ports`. a20(opaque, on) is called at every
 * write of the output port (0xD1, 0xDD, 0xDF) with its A20 bit; reset(opaque)
 * when the guest pulses the reset line (command 0xFE, or the output port's
 * bit 0 written 0). */
I8042 *i8042_new(Machine *m, AddressSpace *ports, IrqLine irq1, IrqLine irq12,
                 void (*a20)(void *opaque, bool on), void (*reset)(void *opaque), void *opaque);
/* Power-on state of the controller and both devices (buffers empty,
 * keyboard in scan code set 2 and scanning, the output port's A20 bit set
 * — reported at the next output port write, not now). */
void i8042_reset(I8042 *kbc);
/* Unmaps and frees the device (before its address space goes). */
void i8042_free(I8042 *kbc);
/* A key went down or up: `len` bytes of its scan code set 1 sequence, as
 * an XT keyboard (or the controller's translation) reports it — make
 * codes 0x01..0x7F, break codes with bit 7 set, 0xE0 before the extended
 * keys, 0xE1 before Pause. Examples: A down {0x1E}, A up {0x9E}, cursor
 * up down {0xE0, 0x48}, Pause {0xE1, 0x1D, 0x45, 0xE1, 0x9D, 0xC5}. The
 * keyboard sends it in the scan code set the guest selected (set 2 goes
 * through the controller's translation when the command byte asks for
 * it); dropped while the keyboard is not scanning or its buffer is full.
 * Called on the CPU thread, like every device access. */
void i8042_key_event(I8042 *kbc, const uint8_t *set1_bytes, size_t len);
/* The keyboard's LEDs as the guest set them (command 0xED): bit 0 Scroll
 * Lock, bit 1 Num Lock, bit 2 Caps Lock. */
uint8_t i8042_keyboard_leds(const I8042 *kbc);

#endif
