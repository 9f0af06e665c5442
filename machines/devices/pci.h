/* machines/devices/pci.h — a PCI bus behind a PC's host bridge: the
 * configuration mechanism #1 ports, devices with 256-byte configuration
 * spaces, and base address registers that place a device's registers (or
 * memory) in the memory or port address space where the guest programs
 * them (PCI Local Bus Specification 3.0, ch. 3.2.2.3.2 and 6).
 *
 *   port 0xCF8  CONFIG_ADDRESS (dword accesses only):
 *               31 enable | 23:16 bus | 15:11 device | 10:8 function | 7:2 register
 *   port 0xCFC  CONFIG_DATA, bytes 0xCFC-0xCFF reach register + (port & 3)
 *
 * A device is its configuration bytes plus a mask of the bits the guest
 * may write; a hook sees every write after it is stored (PAM registers,
 * I/O bases). BARs are decoded by the bus: a BAR maps its region at the
 * programmed address while the command register enables its space, and
 * unmaps it otherwise (address 0 or out of range counts as unmapped).
 */
#ifndef MORPH_PCI_H
#define MORPH_PCI_H

#include <stdbool.h>
#include <stdint.h>

#include "softmmu/memory.h"

typedef struct PciBus PciBus;
typedef struct PciDevice PciDevice;

/* Configuration space offsets (PCI 3.0 figure 6-1). */
enum {
    PCI_VENDOR_ID = 0x00,
    PCI_DEVICE_ID = 0x02,
    PCI_COMMAND = 0x04,
    PCI_STATUS = 0x06,
    PCI_REVISION_ID = 0x08,
    PCI_CLASS_PROG = 0x09,
    PCI_CLASS_DEVICE = 0x0a,
    PCI_HEADER_TYPE = 0x0e,
    PCI_BASE_ADDRESS_0 = 0x10,
    PCI_SUBSYSTEM_VENDOR_ID = 0x2c,
    PCI_SUBSYSTEM_ID = 0x2e,
    PCI_ROM_ADDRESS = 0x30,
    PCI_INTERRUPT_LINE = 0x3c,
    PCI_INTERRUPT_PIN = 0x3d,
    PCI_CONFIG_SIZE = 256,
};
enum { PCI_COMMAND_IO = 1 << 0, PCI_COMMAND_MEMORY = 1 << 1, PCI_COMMAND_MASTER = 1 << 2 };
enum { PCI_HEADER_MULTI_FUNCTION = 0x80 };

typedef enum PciBarKind {
    PCI_BAR_IO,         /* I/O space, bit 0 set */
    PCI_BAR_MEM32,      /* 32-bit memory */
    PCI_BAR_MEM32_PREF, /* 32-bit prefetchable memory */
} PciBarKind;
enum { PCI_NUM_BARS = 6, PCI_ROM_SLOT = 6 }; /* BAR 0-5 and the expansion ROM */

typedef struct PciIdentity {
    uint16_t vendor, device;
    uint8_t revision;
    uint32_t class_code; /* class, subclass, programming interface: 0x060000 */
    uint8_t header_type; /* with PCI_HEADER_MULTI_FUNCTION on function 0 of a multi-function device */
    uint16_t subsystem_vendor, subsystem;
} PciIdentity;

struct PciDevice {
    PciBus *bus;
    unsigned devfn; /* device << 3 | function */
    const char *name;
    uint8_t config[PCI_CONFIG_SIZE];
    uint8_t reset_config[PCI_CONFIG_SIZE]; /* what pci_bus_reset puts back (the pci_set_* values) */
    uint8_t wmask[PCI_CONFIG_SIZE];        /* bits the guest may change */
    /* Called after a guest write of size bytes at offset was stored. */
    void (*config_written)(PciDevice *d, unsigned offset, unsigned size);
    void *opaque; /* the device model's own */
    struct PciBar {
        MemoryRegion *mr; /* NULL: no such BAR */
        bool owns_region; /* made by pci_register_bar (freed with the device) */
        PciBarKind kind;
        uint32_t size;
        uint32_t mapped_at; /* 0: unmapped */
    } bars[PCI_NUM_BARS + 1];
};

/* A bus whose host bridge answers configuration cycles on ports
 * 0xCF8/0xCFC of `ports`; memory BARs map into `mem`, I/O BARs into
 * `ports`. */
PciBus *pci_bus_new(AddressSpace *mem, AddressSpace *ports);
void pci_bus_free(PciBus *bus); /* frees its devices too */
/* Back to power-on: CONFIG_ADDRESS 0, every device's reset values, BARs unmapped. */
void pci_bus_reset(PciBus *bus);
/* Non-dword accesses to 0xCF8-0xCFB are not configuration cycles; on a
 * PC they reach the ISA bridge (0xCF9 is the PIIX reset control
 * register). offset is from 0xCF8. Without ops they read 0xff and are
 * logged under -d guest_errors. */
void pci_bus_set_cf8_passthrough(PciBus *bus, const MemoryRegionOps *ops, void *opaque);

/* A device at devfn with its identity; every other register zero and
 * read-only until the model says otherwise (pci_set_wmask). */
PciDevice *pci_device_new(PciBus *bus, unsigned devfn, const char *name, const PciIdentity *id);
PciDevice *pci_device_at(PciBus *bus, unsigned devfn);

/* BAR n (0-5, or PCI_ROM_SLOT): `size` bytes (a power of two) of the
 * device's registers (ops) decoded where the guest puts them. */
void pci_register_bar(PciDevice *d, unsigned n, PciBarKind kind, uint32_t size, const MemoryRegionOps *ops,
                      void *opaque);
/* The same with a region the caller made (RAM such as a framebuffer),
 * moved and enabled by the BAR; the caller frees it. */
void pci_register_bar_region(PciDevice *d, unsigned n, PciBarKind kind, MemoryRegion *mr);

/* Configuration space values in little-endian order, the reset values a
 * model sets up; the bits of a register the guest may write. */
void pci_set_byte(PciDevice *d, unsigned offset, uint8_t v);
void pci_set_word(PciDevice *d, unsigned offset, uint16_t v);
void pci_set_long(PciDevice *d, unsigned offset, uint32_t v);
void pci_set_wmask(PciDevice *d, unsigned offset, unsigned size, uint32_t mask);
uint32_t pci_get(const PciDevice *d, unsigned offset, unsigned size);

/* A configuration cycle as the CPU makes it (also for tests). */
uint32_t pci_config_read(PciBus *bus, unsigned devfn, unsigned offset, unsigned size);
void pci_config_write(PciBus *bus, unsigned devfn, unsigned offset, uint32_t value, unsigned size);

#endif
