/* machines/devices/i8259.h — the PC's two cascaded 8259A programmable
 * interrupt controllers (Intel 8259A data sheet) with the PIIX's edge/level
 * control registers (ELCR, Intel 82371SB PIIX3 data sheet 4.2.4):
 *
 *   ports        master  slave
 *   ICW1/OCW2/3  0x20    0xA0
 *   ICW2-4/OCW1  0x21    0xA1
 *   ELCR         0x4D0   0x4D1
 *
 * Inputs 0..7 are the master's IR0..IR7, 8..15 the slave's IR0..IR7; the
 * slave's INT output drives the master's IR2. The master's INT output is
 * the IrqLine given to i8259_new (level 1 = an interrupt waits for an
 * acknowledge). */
#ifndef MORPH_I8259_H
#define MORPH_I8259_H

#include "machines/machine.h"
#include "softmmu/memory.h"

typedef struct I8259 I8259;

/* Maps the ports of both chips and the ELCRs in `ports`. */
I8259 *i8259_new(AddressSpace *ports, IrqLine intr_out);
/* Back to the power-on state: uninitialised, nothing requested, in
 * service or masked; every input edge-triggered. Input levels are kept. */
void i8259_reset(I8259 *pic);
/* Unmaps and frees the device (before its address space goes). */
void i8259_free(I8259 *pic);
/* The line a device drives to request input n (0..15). Level 1 =
 * requesting. An edge-triggered input requests on its rising edge and
 * stays requested until acknowledged even if its line falls first
 * (devices that pulse their line rely on it); a level-triggered one
 * requests while its line is high. */
IrqLine i8259_irq_in(I8259 *pic, unsigned n);
/* The CPU's interrupt acknowledge cycle (X86Sys.board.intr_ack, opaque = the
 * I8259): the vector of the highest-priority request, which moves from
 * IRR to ISR (unless auto-EOI). A request that went away before the
 * acknowledge yields the spurious vector of IR7 (of the master, or of
 * the slave for a cascaded one: IR15), with nothing put in service. */
int i8259_ack(void *pic);

#endif
