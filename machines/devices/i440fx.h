/* machines/devices/i440fx.h — the PC chipset on the PCI bus as QEMU's
 * "pc" machine shows it to SeaBIOS and Linux:
 *
 *   00.0  8086:1237  i440FX host bridge: PAM shadowing of 0xC0000-0xFFFFF,
 *                    SMRAM window at 0xA0000
 *   01.0  8086:7000  PIIX3 PCI-to-ISA bridge: PIRQ routing registers
 *   01.1  8086:7010  PIIX3 IDE: configuration and the bus-master BAR only
 *   01.3  8086:7113  PIIX4 power management: PM I/O (ACPI PM timer,
 *                    PM1 control), SMBus base (storage), APM ports 0xB2/0xB3,
 *                    QEMU's GPE0 block at 0xAFE0
 *
 * The reset control register 0xCF9 of the PIIX lives in pc_misc.
 */
#ifndef MORPH_I440FX_H
#define MORPH_I440FX_H

#include "machines/devices/pci.h"
#include "softmmu/memory.h"

typedef struct I440fx I440fx;

enum {
    I440FX_DEVFN_HOST = 0x00,
    I440FX_DEVFN_ISA = 0x08,
    I440FX_DEVFN_IDE = 0x09,
    I440FX_DEVFN_PM = 0x0b,
    I440FX_PAM0 = 0x59, /* PAM0..PAM6: 0x59-0x5F */
    I440FX_SMRAM = 0x72,
    PIIX4_PMBA = 0x40,      /* PM I/O base, bits 15:6 */
    PIIX4_PMREGMISC = 0x80, /* bit 0: PM I/O enable */
    PIIX4_PM_IO_SIZE = 64,
    PIIX4_PMTMR = 0x08, /* PM I/O offset of the ACPI PM timer */
};
#define PIIX4_PM_TIMER_HZ 3579545u /* the ACPI PM timer: 24 bits at 3.579545 MHz */

typedef struct I440fxHooks {
    void (*power_off)(void *opaque); /* the guest entered ACPI S5 (soft off) */
    /* What answers [start, start+len) changed (PAM, SMRAM): code
     * translated from there is stale. */
    void (*memory_remapped)(void *opaque, uint64_t start, uint64_t len);
    void *opaque;
} I440fxHooks;

/* The chipset on bus (which decodes into mem and ports). isa_bios is the
 * ROM the board mapped at 0xE0000-0xFFFFF (the BIOS's last 128 KiB):
 * what the E and F segments read while PAM sends reads to the ROM. */
I440fx *i440fx_new(PciBus *bus, AddressSpace *mem, AddressSpace *ports, const MemoryRegion *isa_bios,
                   const I440fxHooks *hooks);
/* Power-on state, after pci_bus_reset put the configuration registers
 * back: the shadowing, SMRAM and PM I/O they select, the PM registers. */
void i440fx_reset(I440fx *c);
void i440fx_free(I440fx *c);

#endif
