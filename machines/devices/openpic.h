/* machines/devices/openpic.h — the Freescale MPIC (OpenPIC v1.2 with
 * Freescale's extensions, "FSL MPIC 2.0") of the MPC8544, for one CPU.
 *
 * Interrupt inputs are numbered as the device tree numbers them:
 *   0..11     external IRQ0..IRQ11 pins
 *   16..79    internal sources (internal source k is input 16 + k;
 *             the DUART is 42)
 *   224..231  the MSI banks (driven by the MSIIR register, not by lines)
 * Inputs are logical levels: 1 = requesting. */
#ifndef MORPH_OPENPIC_H
#define MORPH_OPENPIC_H

#include <stdint.h>

#include "machines/machine.h"
#include "softmmu/memory.h"

typedef struct OpenPic OpenPic;

enum {
    OPENPIC_REGION_SIZE = 0x40000, /* at CCSR + 0x40000 on the MPC8544 */
    OPENPIC_INPUTS = 256,
};

/* Maps the registers at base in as; cpu_int is the CPU's external
 * interrupt input, asserted while an interrupt waits for it. */
OpenPic *openpic_new(AddressSpace *as, uint64_t base, IrqLine cpu_int);
/* Back to the reset state (GCR[RST], or a hard reset of the chip): every
 * source masked and directed to CPU 0, inputs keeping their levels. */
void openpic_reset(OpenPic *pic);
/* Unmaps and frees the device (before its address space goes). */
void openpic_free(OpenPic *pic);
/* The line a device drives to request input n (< OPENPIC_INPUTS). */
IrqLine openpic_irq_in(OpenPic *pic, unsigned n);

#endif
