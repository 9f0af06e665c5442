/* machines/devices/uart16550.h — an NS16550A serial port (one channel of
 * the e500's DUART): byte registers one byte apart, 16-byte FIFOs, its
 * interrupt on an IrqLine, output straight to a CharDev and input pulled
 * from it whenever the receive FIFO has room. */
#ifndef MORPH_UART16550_H
#define MORPH_UART16550_H

#include <stdint.h>

#include "machines/chardev.h"
#include "machines/machine.h"
#include "softmmu/memory.h"

typedef struct Uart16550 Uart16550;

/* Maps the eight registers at base in as (the e500's DUART block is
 * UART16550_REGION_SIZE bytes, the device tree says; a PC's COM1 at 0x3F8
 * is just the eight ports). */
Uart16550 *uart16550_new(AddressSpace *as, uint64_t base, CharDev *cd, IrqLine irq);
/* Back to the state of a master reset (the chip's hard reset). */
void uart16550_reset(Uart16550 *u);
/* Unmaps and frees the device (before its address space goes). */
void uart16550_free(Uart16550 *u);
/* Pull waiting input into the receive FIFO (a MachinePoller). */
void uart16550_poll(void *uart);

enum { UART16550_REGISTERS = 8, UART16550_REGION_SIZE = 0x100 };

#endif
