/* machines/devices/i440fx.c — the i440FX host bridge, the PIIX3 ISA and
 * IDE functions and the PIIX4 power management function
 * (machines/devices/i440fx.h). Registers from the Intel 82441FX PMC and
 * 82371FB/SB (PIIX/PIIX3) and 82371AB (PIIX4) data sheets; identities and
 * reset values as QEMU's pc machine shows them.
 *
 * PAM (82441FX §3.2.19): each 4-bit field of PAM0-PAM6 steers one
 * segment of 0xC0000-0xFFFFF; bit 0 (RE) sends reads to DRAM, bit 1 (WE)
 * writes. Each segment has shadow RAM of its own, placed above the main
 * RAM and the BIOS ROM:
 *
 *   RE WE   reads from       writes to     how
 *   0  0    ROM / nothing    nowhere       shadow RAM disabled
 *   1  0    shadow RAM       nowhere       shadow RAM made read-only
 *   1  1    shadow RAM       shadow RAM    shadow RAM
 *   0  1    ROM / nothing    shadow RAM    a device region: reads from the
 *                                          ROM, writes into the shadow RAM
 *                                          (code cannot run from it)
 *
 * "ROM / nothing": the E and F segments show the isa-bios ROM, C and D
 * segments PCI, where nothing answers. SeaBIOS copies itself from the
 * high BIOS alias into shadow RAM with 11b, then write-protects it (01b).
 * When reads of a segment move between ROM and RAM, code translated from
 * the segment is dropped (I440fxHooks.memory_remapped): the same
 * physical address now holds other bytes.
 *
 * SMM: morph's x86 cpu has no system management mode. The PIIX4's
 * DEVACTB reads with APMC_EN (bit 25) set, which tells firmware that its
 * SMM set-up is done (SeaBIOS's piix4_apmc_smm_setup returns; QEMU does
 * the same without SMM), so no one waits for an SMI. The SMRAM register
 * still opens RAM at 0xA0000 to all accesses while D_OPEN and G_SMRAME
 * are set, with its lock bit.
 */
#include "machines/devices/i440fx.h"

#include <string.h>

#include <glib.h>

#include "machines/timer.h"
#include "util/log.h"

enum {
    PCI_VENDOR_INTEL = 0x8086,
    QEMU_SUBSYSTEM_VENDOR = 0x1af4, /* Red Hat / Qumranet, as QEMU's devices show */
    QEMU_SUBSYSTEM = 0x1100,

    PAM_SEGMENTS = 13,
    PAM_RE = 1,
    PAM_WE = 2,
    SHADOW_PRIORITY = 2, /* above main RAM (0) and the isa-bios ROM (1) */
    SMRAM_PRIORITY = 3,  /* above the VGA window */
    SMRAM_BASE = 0xa0000,
    SMRAM_SIZE = 0x20000,
    SMRAM_D_OPEN = 1 << 6,
    SMRAM_D_CLS = 1 << 5,
    SMRAM_D_LCK = 1 << 4,
    SMRAM_G_SMRAME = 1 << 3,
    SMRAM_C_BASE_SEG = 0x02, /* hardwired: 0xA0000 */

    PIIX_PIRQRC = 0x60, /* PIRQA-D routing, 4 bytes; bit 7 = disabled */
    PIRQ_DISABLED = 0x80,
    PIIX_IDETIM = 0x40, /* primary and secondary IDE timing, 2 words */
    IDE_BMIBA_BAR = 4,
    IDE_BM_SIZE = 16,
    PIIX4_DEVACTB = 0x58,
    PIIX4_DEVACTB_APMC_EN = 1u << 25,
    PIIX4_SMBBA = 0x90,
    PIIX4_SMBHSTCFG = 0xd2,

    /* PM I/O registers (82371AB §7.2) */
    PM_STS = 0x00,
    PM_EN = 0x02,
    PM_CNTRL = 0x04,
    PM_STS_TMROF = 1 << 0,
    PM_CNTRL_SCI_EN = 1 << 0,
    PM_CNTRL_SUS_EN = 1 << 13,
    PM_SUS_TYP_SHIFT = 10,
    PM_SUS_TYP_MASK = 7,
    PM_SUS_TYP_SOFT_OFF = 0, /* S5 in QEMU's and SeaBIOS's DSDT */

    APM_PORT = 0xb2,    /* APMC (command) and APMS (status) */
    GPE0_PORT = 0xafe0, /* QEMU's GPE0 block, which SeaBIOS's FADT names */
    GPE0_HALF = 2,      /* 2 status bytes (write 1 to clear), 2 enable bytes */
    APM_ACPI_ENABLE = 0xf1,
    APM_ACPI_DISABLE = 0xf0,
};

typedef struct PamSegment {
    uint32_t base, size;
    uint8_t reg, shift;
    uint8_t mode;             /* what is applied now (RE | WE) */
    MemoryRegion *shadow;     /* RAM, read-only while mode is RE alone */
    MemoryRegion *write_only; /* mode WE alone */
    struct I440fx *chipset;
} PamSegment;

struct I440fx {
    PciBus *bus;
    AddressSpace *mem, *ports;
    const MemoryRegion *isa_bios;
    PciDevice *host, *isa, *ide, *pm;
    PamSegment pam[PAM_SEGMENTS];
    MemoryRegion *smram;
    uint8_t smram_reg;
    MemoryRegion *pm_io;
    uint16_t pm_base; /* 0: unmapped */
    uint16_t pm_sts, pm_en, pm_cntrl;
    uint8_t pm_other[PIIX4_PM_IO_SIZE]; /* registers kept as storage */
    uint64_t pm_timer_epoch_ns;
    MemoryRegion *apm, *gpe0;
    uint8_t apm_status;
    uint8_t gpe0_sts[GPE0_HALF], gpe0_en[GPE0_HALF];
    uint8_t ide_bm[IDE_BM_SIZE];
    I440fxHooks hooks;
};

/* Identities (82441FX, 82371SB and 82371AB data sheets; the subsystem
 * as QEMU's devices show it). */
static const PciIdentity host_id = {.vendor = PCI_VENDOR_INTEL,
                                    .device = 0x1237,
                                    .revision = 0x02,
                                    .class_code = 0x060000,
                                    .subsystem_vendor = QEMU_SUBSYSTEM_VENDOR,
                                    .subsystem = QEMU_SUBSYSTEM};
static const PciIdentity isa_id = {.vendor = PCI_VENDOR_INTEL,
                                   .device = 0x7000,
                                   .class_code = 0x060100,
                                   .header_type = PCI_HEADER_MULTI_FUNCTION,
                                   .subsystem_vendor = QEMU_SUBSYSTEM_VENDOR,
                                   .subsystem = QEMU_SUBSYSTEM};
static const PciIdentity ide_id = {.vendor = PCI_VENDOR_INTEL,
                                   .device = 0x7010,
                                   .class_code = 0x010180,
                                   .subsystem_vendor = QEMU_SUBSYSTEM_VENDOR,
                                   .subsystem = QEMU_SUBSYSTEM};
static const PciIdentity pm_id = {.vendor = PCI_VENDOR_INTEL,
                                  .device = 0x7113,
                                  .revision = 0x03,
                                  .class_code = 0x068000,
                                  .subsystem_vendor = QEMU_SUBSYSTEM_VENDOR,
                                  .subsystem = QEMU_SUBSYSTEM};

/* ---- PAM shadowing --------------------------------------------------------- */

static uint64_t write_only_read(void *opaque, uint64_t offset, unsigned size)
{
    const PamSegment *s = opaque;
    const MemoryRegion *rom = s->chipset->isa_bios;
    uint64_t addr = s->base + offset, v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t rom_offset = addr + i - rom->base;
        uint8_t byte = rom_offset < rom->size ? rom->host[rom_offset] : 0xff;
        v |= (uint64_t)byte << (8 * i);
    }
    return v;
}

static void write_only_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    PamSegment *s = opaque;
    for (unsigned i = 0; i < size; i++)
        s->shadow->host[offset + i] = (uint8_t)(value >> (8 * i));
}

static const MemoryRegionOps write_only_ops = {.read = write_only_read, .write = write_only_write};

static void apply_pam_mode(I440fx *c, PamSegment *s, uint8_t mode)
{
    if (mode == s->mode)
        return;
    bool reads_moved = (mode ^ s->mode) & PAM_RE;
    s->mode = mode;
    as_set_enabled(c->mem, s->write_only, mode == PAM_WE);
    if (mode & PAM_RE)
        as_set_readonly(c->mem, s->shadow, !(mode & PAM_WE));
    as_set_enabled(c->mem, s->shadow, (mode & PAM_RE) != 0);
    if (reads_moved)
        c->hooks.memory_remapped(c->hooks.opaque, s->base, s->size);
}

static void apply_pam(I440fx *c)
{
    for (unsigned i = 0; i < PAM_SEGMENTS; i++) {
        PamSegment *s = &c->pam[i];
        apply_pam_mode(c, s, (c->host->config[s->reg] >> s->shift) & (PAM_RE | PAM_WE));
    }
}

/* PAM0's high nibble is the 64 KiB F segment; PAM1-PAM6 hold two 16 KiB
 * segments each, low nibble first, from 0xC0000 up. */
static void init_pam(I440fx *c)
{
    for (unsigned i = 0; i < PAM_SEGMENTS; i++) {
        PamSegment *s = &c->pam[i];
        bool f_segment = i == 0;
        s->chipset = c;
        s->base = f_segment ? 0xf0000 : 0xc0000 + (i - 1) * 0x4000;
        s->size = f_segment ? 0x10000 : 0x4000;
        s->reg = (uint8_t)(f_segment ? I440FX_PAM0 : I440FX_PAM0 + 1 + (i - 1) / 2);
        s->shift = f_segment || (i - 1) % 2 ? 4 : 0;
        s->shadow = as_add_ram(c->mem, "pam-shadow", s->base, s->size);
        s->shadow->priority = SHADOW_PRIORITY; /* the next map change places it */
        as_set_enabled(c->mem, s->shadow, false);
        s->write_only =
            as_add_mmio(c->mem, "pam-write-only", s->base, s->size, &write_only_ops, s, SHADOW_PRIORITY);
        as_set_enabled(c->mem, s->write_only, false);
    }
    pci_set_wmask(c->host, I440FX_PAM0, 1, 0x30);
    for (unsigned r = I440FX_PAM0 + 1; r <= I440FX_PAM0 + 6; r++)
        pci_set_wmask(c->host, r, 1, 0x33);
}

/* ---- SMRAM ----------------------------------------------------------------- */

static void apply_smram(I440fx *c)
{
    bool open = (c->smram_reg & (SMRAM_D_OPEN | SMRAM_G_SMRAME)) == (SMRAM_D_OPEN | SMRAM_G_SMRAME);
    if (open == c->smram->enabled)
        return;
    as_set_enabled(c->mem, c->smram, open);
    c->hooks.memory_remapped(c->hooks.opaque, SMRAM_BASE, SMRAM_SIZE);
}

/* D_LCK makes D_LCK, G_SMRAME and D_OPEN read-only (D_OPEN cleared)
 * until reset (82441FX §3.2.22). */
static void smram_written(I440fx *c)
{
    uint8_t *reg = &c->host->config[I440FX_SMRAM];
    if (c->smram_reg & SMRAM_D_LCK)
        *reg = (uint8_t)((c->smram_reg & ~SMRAM_D_CLS) | (*reg & SMRAM_D_CLS));
    else if (*reg & SMRAM_D_LCK)
        *reg &= (uint8_t)~SMRAM_D_OPEN;
    c->smram_reg = *reg;
    apply_smram(c);
}

static void host_config_written(PciDevice *d, unsigned offset, unsigned size)
{
    I440fx *c = d->opaque;
    if (offset < I440FX_PAM0 + 7 && offset + size > I440FX_PAM0)
        apply_pam(c);
    if (offset <= I440FX_SMRAM && offset + size > I440FX_SMRAM)
        smram_written(c);
}

/* ---- PIIX4 power management ------------------------------------------------- */

/* The PM timer counts from the chipset's reset; its overflow status and
 * SCI are not modelled (nothing enables them before an IOAPIC exists). */

static uint32_t pm_timer_now(const I440fx *c)
{
    uint64_t elapsed = machine_clock_ns() - c->pm_timer_epoch_ns;
    unsigned __int128 ticks = (unsigned __int128)elapsed * PIIX4_PM_TIMER_HZ / 1000000000u;
    return (uint32_t)ticks & 0xffffff;
}

static uint16_t pm_register16(const I440fx *c, unsigned offset)
{
    switch (offset) {
    case PM_STS:
        return c->pm_sts;
    case PM_EN:
        return c->pm_en;
    case PM_CNTRL:
        return c->pm_cntrl;
    default:
        return 0;
    }
}

static uint64_t pm_io_read(void *opaque, uint64_t offset, unsigned size)
{
    I440fx *c = opaque;
    uint32_t timer = pm_timer_now(c); /* one sample for all bytes of the access */
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned at = (unsigned)offset + i, byte;
        if (at >= PIIX4_PMTMR && at < PIIX4_PMTMR + 4)
            byte = (timer >> (8 * (at - PIIX4_PMTMR))) & 0xff;
        else if (at < PM_CNTRL + 2)
            byte = (pm_register16(c, at & ~1u) >> (8 * (at & 1))) & 0xff;
        else
            byte = c->pm_other[at];
        v |= (uint64_t)byte << (8 * i);
    }
    return v;
}

/* PM1_CNT with SUS_EN: sleep type 0 is soft off (S5). */
static void pm_cntrl_written(I440fx *c, uint16_t value)
{
    c->pm_cntrl = value & (uint16_t)~PM_CNTRL_SUS_EN;
    if (!(value & PM_CNTRL_SUS_EN))
        return;
    unsigned sleep_type = (value >> PM_SUS_TYP_SHIFT) & PM_SUS_TYP_MASK;
    if (sleep_type == PM_SUS_TYP_SOFT_OFF)
        c->hooks.power_off(c->hooks.opaque);
    else if (log_enabled(LOG_UNIMP))
        log_printf("piix4-pm: sleep type %u (not soft off) is not modelled\n", sleep_type);
}

static void pm_io_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    I440fx *c = opaque;
    if (offset == PM_STS && size == 2) {
        c->pm_sts &= (uint16_t)~value; /* write 1 to clear */
    } else if (offset == PM_EN && size == 2) {
        c->pm_en = (uint16_t)value;
    } else if (offset == PM_CNTRL && size == 2) {
        pm_cntrl_written(c, (uint16_t)value);
    } else if (offset >= PIIX4_PMTMR && offset < PIIX4_PMTMR + 4) {
        return; /* the timer is read-only */
    } else if (offset >= PM_CNTRL + 2) {
        for (unsigned i = 0; i < size; i++)
            c->pm_other[offset + i] = (uint8_t)(value >> (8 * i));
    } else if (log_enabled(LOG_GUEST_ERRORS)) {
        log_printf("piix4-pm: %u-byte write of 0x%llx to PM register +0x%x ignored\n", size,
                   (unsigned long long)value, (unsigned)offset);
    }
}

static const MemoryRegionOps pm_io_ops = {.read = pm_io_read, .write = pm_io_write, .max_size = 4};

static void apply_pm_base(I440fx *c)
{
    bool enabled = c->pm->config[PIIX4_PMREGMISC] & 1;
    uint16_t base = (uint16_t)(pci_get(c->pm, PIIX4_PMBA, 4) & 0xffc0);
    uint16_t mapped = enabled ? base : 0;
    if (mapped == c->pm_base)
        return;
    if (mapped)
        as_move(c->ports, c->pm_io, mapped);
    as_set_enabled(c->ports, c->pm_io, mapped != 0);
    c->pm_base = mapped;
}

static void pm_config_written(PciDevice *d, unsigned offset, unsigned size)
{
    I440fx *c = d->opaque;
    if ((offset < PIIX4_PMBA + 4 && offset + size > PIIX4_PMBA) ||
        (offset <= PIIX4_PMREGMISC && offset + size > PIIX4_PMREGMISC))
        apply_pm_base(c);
}

/* APMC 0xB2 (ACPI enable/disable commands: SCI_EN) and APMS 0xB3 (scratch). */
static uint64_t apm_read(void *opaque, uint64_t offset, unsigned size)
{
    I440fx *c = opaque;
    (void)size;
    return offset == 1 ? c->apm_status : 0;
}

static void apm_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    I440fx *c = opaque;
    (void)size;
    if (offset == 1)
        c->apm_status = (uint8_t)value;
    else if (value == APM_ACPI_ENABLE)
        c->pm_cntrl |= PM_CNTRL_SCI_EN;
    else if (value == APM_ACPI_DISABLE)
        c->pm_cntrl &= (uint16_t)~PM_CNTRL_SCI_EN;
}

static const MemoryRegionOps apm_ops = {.read = apm_read, .write = apm_write, .max_size = 1};

/* GPE0: no event source sets a status bit yet (PCI hotplug is not
 * modelled); the enables are kept. */
static uint64_t gpe0_read(void *opaque, uint64_t offset, unsigned size)
{
    I440fx *c = opaque;
    (void)size;
    return offset < GPE0_HALF ? c->gpe0_sts[offset] : c->gpe0_en[offset - GPE0_HALF];
}

static void gpe0_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    I440fx *c = opaque;
    (void)size;
    if (offset < GPE0_HALF)
        c->gpe0_sts[offset] &= (uint8_t)~value;
    else
        c->gpe0_en[offset - GPE0_HALF] = (uint8_t)value;
}

static const MemoryRegionOps gpe0_ops = {.read = gpe0_read, .write = gpe0_write, .max_size = 1};

/* ---- IDE bus-master registers (storage until the IDE model exists) ------------ */

static uint64_t ide_bm_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    return ((I440fx *)opaque)->ide_bm[offset];
}

static void ide_bm_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    ((I440fx *)opaque)->ide_bm[offset] = (uint8_t)value;
}

static const MemoryRegionOps ide_bm_ops = {.read = ide_bm_read, .write = ide_bm_write, .max_size = 1};

/* ---- the functions ------------------------------------------------------------ */

static void init_host_bridge(I440fx *c)
{
    c->host = pci_device_new(c->bus, I440FX_DEVFN_HOST, "i440fx", &host_id);
    c->host->opaque = c;
    c->host->config_written = host_config_written;
    init_pam(c);
    pci_set_byte(c->host, I440FX_SMRAM, SMRAM_C_BASE_SEG);
    pci_set_wmask(c->host, I440FX_SMRAM, 1, SMRAM_D_OPEN | SMRAM_D_CLS | SMRAM_D_LCK | SMRAM_G_SMRAME);
    c->smram = as_add_ram(c->mem, "smram", SMRAM_BASE, SMRAM_SIZE);
    c->smram->priority = SMRAM_PRIORITY;
    as_set_enabled(c->mem, c->smram, false);
}

static void init_piix3(I440fx *c)
{
    c->isa = pci_device_new(c->bus, I440FX_DEVFN_ISA, "piix3-isa", &isa_id);
    pci_set_long(c->isa, PIIX_PIRQRC, PIRQ_DISABLED * 0x01010101u);
    pci_set_wmask(c->isa, PIIX_PIRQRC, 4, 0x8f8f8f8f);

    c->ide = pci_device_new(c->bus, I440FX_DEVFN_IDE, "piix3-ide", &ide_id);
    pci_set_wmask(c->ide, PIIX_IDETIM, 4, 0xffffffff);
    pci_register_bar(c->ide, IDE_BMIBA_BAR, PCI_BAR_IO, IDE_BM_SIZE, &ide_bm_ops, c);
}

static void init_piix4_pm(I440fx *c)
{
    c->pm = pci_device_new(c->bus, I440FX_DEVFN_PM, "piix4-pm", &pm_id);
    c->pm->opaque = c;
    c->pm->config_written = pm_config_written;
    pci_set_byte(c->pm, PCI_INTERRUPT_PIN, 1);
    pci_set_long(c->pm, PIIX4_PMBA, 1); /* an I/O base */
    pci_set_wmask(c->pm, PIIX4_PMBA, 4, 0xffc0);
    pci_set_wmask(c->pm, PIIX4_PMREGMISC, 1, 0x01);
    pci_set_long(c->pm, PIIX4_DEVACTB, PIIX4_DEVACTB_APMC_EN);
    pci_set_long(c->pm, PIIX4_SMBBA, 1);
    pci_set_wmask(c->pm, PIIX4_SMBBA, 4, 0xfff0);
    pci_set_wmask(c->pm, PIIX4_SMBHSTCFG, 1, 0x0f);
    c->pm_io = as_add_mmio(c->ports, "piix4-pm", 0, PIIX4_PM_IO_SIZE, &pm_io_ops, c, 0);
    as_set_enabled(c->ports, c->pm_io, false);
    c->apm = as_add_mmio(c->ports, "apm", APM_PORT, 2, &apm_ops, c, 0);
    c->gpe0 = as_add_mmio(c->ports, "gpe0", GPE0_PORT, 2 * GPE0_HALF, &gpe0_ops, c, 0);
}

I440fx *i440fx_new(PciBus *bus, AddressSpace *mem, AddressSpace *ports, const MemoryRegion *isa_bios,
                   const I440fxHooks *hooks)
{
    I440fx *c = g_new0(I440fx, 1);
    c->bus = bus;
    c->mem = mem;
    c->ports = ports;
    c->isa_bios = isa_bios;
    c->hooks = *hooks;
    init_host_bridge(c);
    init_piix3(c);
    init_piix4_pm(c);
    i440fx_reset(c);
    return c;
}

void i440fx_reset(I440fx *c)
{
    c->smram_reg = c->host->config[I440FX_SMRAM];
    apply_pam(c);
    apply_smram(c);
    apply_pm_base(c);
    c->pm_sts = c->pm_en = c->pm_cntrl = 0;
    memset(c->pm_other, 0, sizeof c->pm_other);
    c->pm_timer_epoch_ns = machine_clock_ns();
    c->apm_status = 0;
    memset(c->gpe0_sts, 0, sizeof c->gpe0_sts);
    memset(c->gpe0_en, 0, sizeof c->gpe0_en);
    memset(c->ide_bm, 0, sizeof c->ide_bm);
}

void i440fx_free(I440fx *c)
{
    for (unsigned i = 0; i < PAM_SEGMENTS; i++) {
        as_remove(c->mem, c->pam[i].shadow);
        as_remove(c->mem, c->pam[i].write_only);
    }
    as_remove(c->mem, c->smram);
    as_remove(c->ports, c->pm_io);
    as_remove(c->ports, c->apm);
    as_remove(c->ports, c->gpe0);
    g_free(c);
}
