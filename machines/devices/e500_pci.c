/* machines/devices/e500_pci.c — the MPC8544's PCI host controller as
 * QEMU's ppce500 board presents it (the MPC8544E reference manual's PCI
 * bus interface chapter; the host bridge's identity and writable bits are
 * what qemu-system-ppc -M ppce500 shows U-Boot):
 *
 *   offset        register                         byte order
 *   0x000         CONFIG_ADDRESS                   big-endian word
 *                   bit 31 enable, 23:16 bus, 15:11 device,
 *                   10:8 function, 7:2 dword of configuration space
 *   0x004..0x007  CONFIG_DATA: the dword that       little-endian, as PCI
 *                 CONFIG_ADDRESS selects            is: byte lane n is
 *                                                   configuration byte 4k+n
 *   0xC00..0xDFF  outbound and inbound ATMU windows big-endian words, kept
 *
 * The bus holds one device, the host bridge itself at 0:0.0; every other
 * bus, device and function reads as all ones (a master abort) and ignores
 * writes, as does CONFIG_DATA while CONFIG_ADDRESS[enable] is clear. The
 * ATMU windows are only stored: no PCI device exists to reach through
 * them, so the memory and I/O windows the device tree names stay
 * unassigned (accesses there are logged under -d guest_errors). Other
 * registers read 0 and ignore writes, logged the same way. */
#include "machines/devices/e500_pci.h"

#include <inttypes.h>
#include <string.h>

#include <glib.h>

#include "util/log.h"

enum {
    CONFIG_ADDRESS = 0x000,
    CONFIG_DATA = 0x004,
    CONFIG_DATA_SIZE = 4,
    ATMU_FIRST = 0xc00,
    ATMU_END = 0xe00,
    ATMU_WORDS = (ATMU_END - ATMU_FIRST) / 4,

    CONFIG_ENABLE = 1u << 31,
    CONFIG_BUS_DEVFN = 0xffffu << 8, /* bus, device, function */
    CONFIG_DWORD = 0xfc,

    CONFIG_SPACE_SIZE = 256,
    DEVICE_SPECIFIC = 0x40, /* after the type 0 header: QEMU keeps it writable */
};

/* The host bridge's type 0 header: values at reset and the bits software
 * may change (the rest are read-only; offsets not listed read 0). A BAR's
 * writable bits give its size: all ones written read back as ~(size - 1). */
typedef struct ConfigField {
    uint8_t offset, width; /* bytes, little-endian */
    uint32_t reset, writable;
} ConfigField;

static const ConfigField host_bridge_fields[] = {
    {0x00, 2, 0x1957, 0},     /* vendor: Freescale */
    {0x02, 2, 0x0030, 0},     /* device: 0x0030, as QEMU reports it */
    {0x04, 2, 0, 0x0507},     /* command: I/O, memory, master, SERR#, INTx off */
    {0x0a, 2, 0x0b20, 0},     /* class: processor, PowerPC */
    {0x0c, 1, 0, 0xff},       /* cache line size */
    {0x10, 4, 0, 0xfff00000}, /* BAR0: 1 MiB of 32-bit memory (the CCSR) */
    {0x2c, 2, 0x1af4, 0},     /* subsystem vendor: QEMU's */
    {0x2e, 2, 0x1100, 0},     /* subsystem */
    {0x3c, 1, 0, 0xff},       /* interrupt line */
};

struct E500Pci {
    AddressSpace *as;
    MemoryRegion *regs, *data;
    uint32_t config_address;
    uint8_t config[CONFIG_SPACE_SIZE];   /* the host bridge's */
    uint8_t writable[CONFIG_SPACE_SIZE]; /* its bits software may change */
    uint32_t atmu[ATMU_WORDS];
};

static void log_access(const char *what, uint64_t offset, unsigned size)
{
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("e500_pci: %u-byte %s unknown register +%#" PRIx64 "\n", size, what, offset);
}

/* ---- configuration space ------------------------------------------------------ */

static void host_bridge_reset(E500Pci *pci)
{
    memset(pci->config, 0, sizeof pci->config);
    memset(pci->writable, 0, DEVICE_SPECIFIC);
    memset(pci->writable + DEVICE_SPECIFIC, 0xff, CONFIG_SPACE_SIZE - DEVICE_SPECIFIC);
    for (size_t i = 0; i < G_N_ELEMENTS(host_bridge_fields); i++) {
        const ConfigField *f = &host_bridge_fields[i];
        for (unsigned b = 0; b < f->width; b++) {
            pci->config[f->offset + b] = (uint8_t)(f->reset >> 8 * b);
            pci->writable[f->offset + b] = (uint8_t)(f->writable >> 8 * b);
        }
    }
}

/* Bus 0, device 0, function 0 — the host bridge — with the mechanism on. */
static bool host_bridge_selected(const E500Pci *pci)
{
    return (pci->config_address & (CONFIG_ENABLE | CONFIG_BUS_DEVFN)) == CONFIG_ENABLE;
}

static unsigned config_byte(const E500Pci *pci, uint64_t lane)
{
    return (pci->config_address & CONFIG_DWORD) + (unsigned)lane;
}

static uint64_t config_data_read(void *opaque, uint64_t offset, unsigned size)
{
    E500Pci *pci = opaque;
    if (!host_bridge_selected(pci))
        return UINT64_MAX >> (64 - 8 * size);
    uint64_t value = 0;
    for (unsigned b = 0; b < size; b++)
        value |= (uint64_t)pci->config[config_byte(pci, offset + b)] << 8 * b;
    return value;
}

static void config_data_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    E500Pci *pci = opaque;
    if (!host_bridge_selected(pci))
        return;
    for (unsigned b = 0; b < size; b++) {
        unsigned at = config_byte(pci, offset + b);
        uint8_t mask = pci->writable[at];
        pci->config[at] = (uint8_t)((pci->config[at] & ~mask) | ((value >> 8 * b) & mask));
    }
}

static const MemoryRegionOps config_data_ops = {
    .read = config_data_read,
    .write = config_data_write,
    .big_endian = false,
    .max_size = 4,
};

/* ---- controller registers (words) --------------------------------------------- */

static uint32_t *word_register(E500Pci *pci, uint64_t offset, unsigned size)
{
    if (size != 4 || offset % 4)
        return NULL;
    if (offset == CONFIG_ADDRESS)
        return &pci->config_address;
    if (offset >= ATMU_FIRST && offset < ATMU_END)
        return &pci->atmu[(offset - ATMU_FIRST) / 4];
    return NULL;
}

static uint64_t regs_read(void *opaque, uint64_t offset, unsigned size)
{
    uint32_t *reg = word_register(opaque, offset, size);
    if (!reg) {
        log_access("read of", offset, size);
        return 0;
    }
    return *reg;
}

static void regs_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    uint32_t *reg = word_register(opaque, offset, size);
    if (!reg) {
        log_access("write to", offset, size);
        return;
    }
    *reg = (uint32_t)value;
}

static const MemoryRegionOps regs_ops = {
    .read = regs_read,
    .write = regs_write,
    .big_endian = true,
    .max_size = 4,
};

/* ---- the device ------------------------------------------------------------------ */

void e500_pci_reset(E500Pci *pci)
{
    pci->config_address = 0;
    memset(pci->atmu, 0, sizeof pci->atmu);
    host_bridge_reset(pci);
}

E500Pci *e500_pci_new(AddressSpace *as, uint64_t base)
{
    E500Pci *pci = g_new0(E500Pci, 1);
    e500_pci_reset(pci);
    pci->as = as;
    pci->regs = as_add_mmio(as, "e500_pci", base, E500_PCI_REGION_SIZE, &regs_ops, pci, 0);
    /* CONFIG_DATA, little-endian, lies over the big-endian registers. */
    pci->data = as_add_mmio(as, "e500_pci-config-data", base + CONFIG_DATA, CONFIG_DATA_SIZE,
                            &config_data_ops, pci, 1);
    return pci;
}

void e500_pci_free(E500Pci *pci)
{
    as_remove(pci->as, pci->data);
    as_remove(pci->as, pci->regs);
    g_free(pci);
}
