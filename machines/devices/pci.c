/* machines/devices/pci.c — the PCI bus of a PC (machines/devices/pci.h):
 * configuration mechanism #1, configuration spaces with write masks, and
 * the decoding of BARs into the memory and port address spaces. */
#include "machines/devices/pci.h"

#include <string.h>

#include <glib.h>

#include "util/log.h"

enum {
    PCI_MAX_DEVFN = 256,
    CONFIG_ADDRESS_PORT = 0xcf8,
    CONFIG_DATA_PORT = 0xcfc,
    CONFIG_ENABLE = 1u << 31,
    IO_SPACE_END = 0x10000,
    BAR_IO_FLAG = 0x1,
    BAR_MEM_PREFETCH = 0x8,
    ROM_ENABLE = 0x1,
    BAR_PRIORITY = -1, /* RAM and fixed ISA devices win where a BAR overlaps them */
};

struct PciBus {
    AddressSpace *mem, *ports;
    MemoryRegion *address_mr, *data_mr;
    uint32_t config_address;
    PciDevice *devices[PCI_MAX_DEVFN];
    const MemoryRegionOps *cf8_passthrough;
    void *cf8_passthrough_opaque;
};

/* ---- configuration space values ---------------------------------------- */

static void put_le(uint8_t *bytes, unsigned offset, uint32_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        bytes[offset + i] = (uint8_t)(v >> (8 * i));
}

uint32_t pci_get(const PciDevice *d, unsigned offset, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)d->config[offset + i] << (8 * i);
    return v;
}

static void set_reset_value(PciDevice *d, unsigned offset, uint32_t v, unsigned size)
{
    put_le(d->config, offset, v, size);
    put_le(d->reset_config, offset, v, size);
}

void pci_set_byte(PciDevice *d, unsigned offset, uint8_t v)
{
    set_reset_value(d, offset, v, 1);
}
void pci_set_word(PciDevice *d, unsigned offset, uint16_t v)
{
    set_reset_value(d, offset, v, 2);
}
void pci_set_long(PciDevice *d, unsigned offset, uint32_t v)
{
    set_reset_value(d, offset, v, 4);
}

void pci_set_wmask(PciDevice *d, unsigned offset, unsigned size, uint32_t mask)
{
    put_le(d->wmask, offset, mask, size);
}

/* ---- BARs -------------------------------------------------------------- */

static unsigned bar_offset(unsigned n)
{
    return n == PCI_ROM_SLOT ? PCI_ROM_ADDRESS : PCI_BASE_ADDRESS_0 + 4 * n;
}

static AddressSpace *bar_space(const PciDevice *d, PciBarKind kind)
{
    return kind == PCI_BAR_IO ? d->bus->ports : d->bus->mem;
}

/* Where BAR n decodes now: 0 while its space is disabled or the address
 * is 0 or runs past its space (a BAR being sized holds all ones). */
static uint32_t bar_decoded_address(const PciDevice *d, unsigned n)
{
    const struct PciBar *bar = &d->bars[n];
    uint16_t command = (uint16_t)pci_get(d, PCI_COMMAND, 2);
    uint32_t reg = pci_get(d, bar_offset(n), 4);
    uint32_t addr = reg & ~(bar->size - 1);
    uint64_t end = (uint64_t)addr + bar->size;
    if (bar->kind == PCI_BAR_IO)
        return (command & PCI_COMMAND_IO) && addr && end <= IO_SPACE_END ? addr : 0;
    if (!(command & PCI_COMMAND_MEMORY) || (n == PCI_ROM_SLOT && !(reg & ROM_ENABLE)))
        return 0;
    return addr && end < (1ull << 32) ? addr : 0;
}

static void update_bar_mappings(PciDevice *d)
{
    for (unsigned n = 0; n <= PCI_ROM_SLOT; n++) {
        struct PciBar *bar = &d->bars[n];
        if (!bar->mr)
            continue;
        uint32_t addr = bar_decoded_address(d, n);
        if (addr == bar->mapped_at)
            continue;
        AddressSpace *as = bar_space(d, bar->kind);
        if (addr)
            as_move(as, bar->mr, addr);
        as_set_enabled(as, bar->mr, addr != 0);
        bar->mapped_at = addr;
    }
}

static void init_bar(PciDevice *d, unsigned n, PciBarKind kind, uint32_t size, MemoryRegion *mr,
                     bool owns_region)
{
    g_assert(n <= PCI_ROM_SLOT && size && (size & (size - 1)) == 0 && !d->bars[n].mr);
    d->bars[n] = (struct PciBar){.mr = mr, .owns_region = owns_region, .kind = kind, .size = size};
    as_set_enabled(bar_space(d, kind), mr, false);
    uint32_t type = kind == PCI_BAR_IO ? BAR_IO_FLAG : kind == PCI_BAR_MEM32_PREF ? BAR_MEM_PREFETCH : 0;
    uint32_t low_bits = n == PCI_ROM_SLOT ? 0x7ff : kind == PCI_BAR_IO ? 0x3 : 0xf;
    uint32_t mask = ~(size - 1) & ~low_bits;
    if (n == PCI_ROM_SLOT)
        mask |= ROM_ENABLE, type = 0;
    pci_set_long(d, bar_offset(n), type);
    pci_set_wmask(d, bar_offset(n), 4, mask);
}

void pci_register_bar(PciDevice *d, unsigned n, PciBarKind kind, uint32_t size, const MemoryRegionOps *ops,
                      void *opaque)
{
    char *name = g_strdup_printf("%s-bar%u", d->name, n);
    MemoryRegion *mr = as_add_mmio(bar_space(d, kind), name, 0, size, ops, opaque, BAR_PRIORITY);
    g_free(name);
    init_bar(d, n, kind, size, mr, true);
}

void pci_register_bar_region(PciDevice *d, unsigned n, PciBarKind kind, MemoryRegion *mr)
{
    init_bar(d, n, kind, (uint32_t)mr->size, mr, false);
}

/* ---- devices ----------------------------------------------------------- */

PciDevice *pci_device_new(PciBus *bus, unsigned devfn, const char *name, const PciIdentity *id)
{
    g_assert(devfn < PCI_MAX_DEVFN && !bus->devices[devfn]);
    PciDevice *d = g_new0(PciDevice, 1);
    d->bus = bus;
    d->devfn = devfn;
    d->name = name;
    pci_set_word(d, PCI_VENDOR_ID, id->vendor);
    pci_set_word(d, PCI_DEVICE_ID, id->device);
    pci_set_byte(d, PCI_REVISION_ID, id->revision);
    pci_set_byte(d, PCI_CLASS_PROG, (uint8_t)id->class_code);
    pci_set_word(d, PCI_CLASS_DEVICE, (uint16_t)(id->class_code >> 8));
    pci_set_byte(d, PCI_HEADER_TYPE, id->header_type);
    pci_set_word(d, PCI_SUBSYSTEM_VENDOR_ID, id->subsystem_vendor);
    pci_set_word(d, PCI_SUBSYSTEM_ID, id->subsystem);
    pci_set_wmask(d, PCI_COMMAND, 2, PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    pci_set_wmask(d, PCI_INTERRUPT_LINE, 1, 0xff);
    bus->devices[devfn] = d;
    return d;
}

PciDevice *pci_device_at(PciBus *bus, unsigned devfn)
{
    return devfn < PCI_MAX_DEVFN ? bus->devices[devfn] : NULL;
}

static void device_free(PciDevice *d)
{
    for (unsigned n = 0; n <= PCI_ROM_SLOT; n++) {
        if (d->bars[n].owns_region)
            as_remove(bar_space(d, d->bars[n].kind), d->bars[n].mr);
    }
    g_free(d);
}

/* ---- configuration cycles ---------------------------------------------- */

static bool config_access_ok(unsigned offset, unsigned size)
{
    return (size == 1 || size == 2 || size == 4) && offset % size == 0 && offset + size <= PCI_CONFIG_SIZE;
}

uint32_t pci_config_read(PciBus *bus, unsigned devfn, unsigned offset, unsigned size)
{
    PciDevice *d = pci_device_at(bus, devfn);
    uint32_t all_ones = (uint32_t)((1ull << (8 * size)) - 1);
    if (!d || !config_access_ok(offset, size))
        return all_ones; /* master abort */
    return pci_get(d, offset, size);
}

static bool touches(unsigned offset, unsigned size, unsigned first, unsigned last)
{
    return offset <= last && offset + size > first;
}

void pci_config_write(PciBus *bus, unsigned devfn, unsigned offset, uint32_t value, unsigned size)
{
    PciDevice *d = pci_device_at(bus, devfn);
    if (!d || !config_access_ok(offset, size))
        return; /* master abort: the write goes nowhere */
    for (unsigned i = 0; i < size; i++) {
        uint8_t mask = d->wmask[offset + i];
        d->config[offset + i] = (uint8_t)((d->config[offset + i] & ~mask) | ((value >> (8 * i)) & mask));
    }
    if (touches(offset, size, PCI_COMMAND, PCI_COMMAND + 1) ||
        touches(offset, size, PCI_BASE_ADDRESS_0, PCI_BASE_ADDRESS_0 + 4 * PCI_NUM_BARS - 1) ||
        touches(offset, size, PCI_ROM_ADDRESS, PCI_ROM_ADDRESS + 3))
        update_bar_mappings(d);
    if (d->config_written)
        d->config_written(d, offset, size);
}

/* ---- the host bridge's ports -------------------------------------------- */

static unsigned addressed_devfn(const PciBus *bus)
{
    return (bus->config_address >> 8) & 0xff;
}

/* The addressed register is on bus 0 with the enable bit set. */
static bool config_cycle_enabled(const PciBus *bus)
{
    return (bus->config_address & CONFIG_ENABLE) && ((bus->config_address >> 16) & 0xff) == 0;
}

static uint64_t data_read(void *opaque, uint64_t offset, unsigned size)
{
    PciBus *bus = opaque;
    if (!config_cycle_enabled(bus))
        return (1ull << (8 * size)) - 1;
    unsigned reg = (bus->config_address & 0xfc) + (unsigned)offset;
    return pci_config_read(bus, addressed_devfn(bus), reg, size);
}

static void data_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    PciBus *bus = opaque;
    if (!config_cycle_enabled(bus))
        return;
    unsigned reg = (bus->config_address & 0xfc) + (unsigned)offset;
    pci_config_write(bus, addressed_devfn(bus), reg, (uint32_t)value, size);
}

static bool is_config_address_access(uint64_t offset, unsigned size)
{
    return offset == 0 && size == 4;
}

static uint64_t address_read(void *opaque, uint64_t offset, unsigned size)
{
    PciBus *bus = opaque;
    if (is_config_address_access(offset, size))
        return bus->config_address;
    if (bus->cf8_passthrough && bus->cf8_passthrough->read)
        return bus->cf8_passthrough->read(bus->cf8_passthrough_opaque, offset, size);
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("pci: read of %u bytes at port 0x%x (not CONFIG_ADDRESS)\n", size,
                   (unsigned)(CONFIG_ADDRESS_PORT + offset));
    return (1ull << (8 * size)) - 1;
}

static void address_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    PciBus *bus = opaque;
    if (is_config_address_access(offset, size)) {
        bus->config_address = (uint32_t)value & ~3u;
        return;
    }
    if (bus->cf8_passthrough && bus->cf8_passthrough->write) {
        bus->cf8_passthrough->write(bus->cf8_passthrough_opaque, offset, value, size);
        return;
    }
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("pci: write of %u bytes (0x%llx) to port 0x%x ignored (not CONFIG_ADDRESS)\n", size,
                   (unsigned long long)value, (unsigned)(CONFIG_ADDRESS_PORT + offset));
}

static const MemoryRegionOps address_ops = {.read = address_read, .write = address_write, .max_size = 4};
static const MemoryRegionOps data_ops = {.read = data_read, .write = data_write, .max_size = 4};

PciBus *pci_bus_new(AddressSpace *mem, AddressSpace *ports)
{
    PciBus *bus = g_new0(PciBus, 1);
    bus->mem = mem;
    bus->ports = ports;
    bus->address_mr = as_add_mmio(ports, "pci-config-address", CONFIG_ADDRESS_PORT, 4, &address_ops, bus, 0);
    bus->data_mr = as_add_mmio(ports, "pci-config-data", CONFIG_DATA_PORT, 4, &data_ops, bus, 0);
    return bus;
}

void pci_bus_set_cf8_passthrough(PciBus *bus, const MemoryRegionOps *ops, void *opaque)
{
    bus->cf8_passthrough = ops;
    bus->cf8_passthrough_opaque = opaque;
}

void pci_bus_reset(PciBus *bus)
{
    bus->config_address = 0;
    for (unsigned devfn = 0; devfn < PCI_MAX_DEVFN; devfn++) {
        PciDevice *d = bus->devices[devfn];
        if (!d)
            continue;
        memcpy(d->config, d->reset_config, sizeof d->config);
        update_bar_mappings(d);
    }
}

void pci_bus_free(PciBus *bus)
{
    for (unsigned devfn = 0; devfn < PCI_MAX_DEVFN; devfn++) {
        if (bus->devices[devfn])
            device_free(bus->devices[devfn]);
    }
    as_remove(bus->ports, bus->address_mr);
    as_remove(bus->ports, bus->data_mr);
    g_free(bus);
}
