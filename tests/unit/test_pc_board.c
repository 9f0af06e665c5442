/* tests/unit/test_pc_board.c — the PC board's chipset pieces driven
 * through port and memory address spaces as the CPU reaches them, with no
 * CPU: PCI configuration mechanism #1 and BAR decoding (PCI Local Bus
 * Specification 3.0 §3.2.2.3.2, §6.2.5), the i440FX PAM shadowing (82441FX
 * data sheet §3.2.19), the PIIX4 ACPI PM timer (82371AB data sheet §7.2:
 * 24 bits at 3.579545 MHz) on a fake clock, the reset control and port A
 * bits (82371SB data sheet), QEMU's fw_cfg (docs/specs/fw_cfg.rst:
 * signature, ID, file directory, DMA descriptors) and the board's own
 * fw_cfg items (the e820 map QEMU's pc gives a 128 MiB and a 4 GiB
 * machine: RAM below the PCI hole at 0xE0000000 or 0xC0000000, the rest
 * from 4 GiB). */
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "frontend/x86/sys.h"
#include "ir/ir.h"
#include "machines/devices/fw_cfg.h"
#include "machines/devices/i440fx.h"
#include "machines/devices/pc_misc.h"
#include "machines/devices/pci.h"
#include "machines/machine.h"
#include "machines/timer.h"
#include "softmmu/memory.h"
#include "device_test.h"

enum {
    CONFIG_ADDRESS = 0xcf8,
    CONFIG_DATA = 0xcfc,
    ENABLE = 1u << 31,
    B8 = IR_MO_8,
    B16 = IR_MO_16,
    B32 = IR_MO_32,
    ISA_BIOS_BASE = 0xe0000,
    ISA_BIOS_SIZE = 0x20000,
    FW_CFG_SEL = 0x510,
    FW_CFG_DATA = 0x511,
    FW_CFG_DMA_HIGH = 0x514,
    FW_CFG_DMA_LOW = 0x518,
};

/* ---- a chipset on its own address spaces ---------------------------------------- */

typedef struct Chipset {
    AddressSpace *mem, *ports;
    MemoryRegion *isa_bios;
    PciBus *bus;
    I440fx *c;
    int power_offs;
    int remaps;
    uint64_t remapped_start, remapped_len;
} Chipset;

static void count_power_off(void *opaque)
{
    ((Chipset *)opaque)->power_offs++;
}

static void note_remap(void *opaque, uint64_t start, uint64_t len)
{
    Chipset *t = opaque;
    t->remaps++;
    t->remapped_start = start;
    t->remapped_len = len;
}

static void chipset_init(Chipset *t)
{
    *t = (Chipset){.mem = as_new()};
    t->ports = as_new();
    t->isa_bios = as_add_rom(t->mem, "isa-bios", ISA_BIOS_BASE, ISA_BIOS_SIZE);
    memset(t->isa_bios->host, 0xb1, ISA_BIOS_SIZE);
    t->bus = pci_bus_new(t->mem, t->ports);
    I440fxHooks hooks = {count_power_off, note_remap, t};
    t->c = i440fx_new(t->bus, t->mem, t->ports, t->isa_bios, &hooks);
}

static void chipset_free(Chipset *t)
{
    i440fx_free(t->c);
    pci_bus_free(t->bus);
    as_free(t->mem);
    as_free(t->ports);
}

/* Configuration cycles through the ports, as firmware makes them. */
static uint32_t cfg_read(Chipset *t, unsigned devfn, unsigned reg, unsigned memop)
{
    as_st(t->ports, CONFIG_ADDRESS, ENABLE | devfn << 8 | (reg & 0xfc), B32);
    return (uint32_t)as_ld(t->ports, CONFIG_DATA + (reg & 3), memop);
}

static void cfg_write(Chipset *t, unsigned devfn, unsigned reg, uint32_t value, unsigned memop)
{
    as_st(t->ports, CONFIG_ADDRESS, ENABLE | devfn << 8 | (reg & 0xfc), B32);
    as_st(t->ports, CONFIG_DATA + (reg & 3), value, memop);
}

/* ---- PCI ------------------------------------------------------------------------- */

static void test_pci_identities(void)
{
    Chipset t;
    chipset_init(&t);
    /* vendor/device, class (class << 8 | prog-if) and header type as the
     * 82441FX, 82371SB and 82371AB data sheets give them */
    static const struct {
        unsigned devfn;
        uint32_t id, class_rev;
        uint8_t header;
    } rows[] = {
        {I440FX_DEVFN_HOST, 0x12378086, 0x06000002, 0x00},
        {I440FX_DEVFN_ISA, 0x70008086, 0x06010000, 0x80},
        {I440FX_DEVFN_IDE, 0x70108086, 0x01018000, 0x00},
        {I440FX_DEVFN_PM, 0x71138086, 0x06800003, 0x00},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rows); i++) {
        g_assert_cmphex(cfg_read(&t, rows[i].devfn, PCI_VENDOR_ID, B32), ==, rows[i].id);
        g_assert_cmphex(cfg_read(&t, rows[i].devfn, PCI_REVISION_ID, B32), ==, rows[i].class_rev);
        g_assert_cmphex(cfg_read(&t, rows[i].devfn, PCI_HEADER_TYPE, B8), ==, rows[i].header);
    }
    /* narrow reads of the data port pick bytes of the dword */
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_HOST, PCI_DEVICE_ID, B16), ==, 0x1237);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_PM, PCI_VENDOR_ID + 1, B8), ==, 0x80);
    /* an absent device, and bus 1, answer all ones (master abort) */
    g_assert_cmphex(cfg_read(&t, 2 << 3, PCI_VENDOR_ID, B32), ==, 0xffffffff);
    as_st(t.ports, CONFIG_ADDRESS, ENABLE | 1u << 16, B32);
    g_assert_cmphex(as_ld(t.ports, CONFIG_DATA, B32), ==, 0xffffffff);
    /* CONFIG_ADDRESS reads back; without the enable bit no cycle happens */
    as_st(t.ports, CONFIG_ADDRESS, 0x00000800, B32);
    g_assert_cmphex(as_ld(t.ports, CONFIG_ADDRESS, B32), ==, 0x00000800);
    g_assert_cmphex(as_ld(t.ports, CONFIG_DATA, B32), ==, 0xffffffff);
    /* read-only registers ignore writes; the interrupt line takes them */
    cfg_write(&t, I440FX_DEVFN_HOST, PCI_VENDOR_ID, 0, B32);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_HOST, PCI_VENDOR_ID, B32), ==, 0x12378086);
    cfg_write(&t, I440FX_DEVFN_PM, PCI_INTERRUPT_LINE, 9, B8);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_PM, PCI_INTERRUPT_LINE, B8), ==, 9);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_PM, PCI_INTERRUPT_PIN, B8), ==, 1);
    chipset_free(&t);
}

static void test_pci_io_bar(void)
{
    Chipset t;
    chipset_init(&t);
    unsigned bar4 = PCI_BASE_ADDRESS_0 + 4 * 4;
    /* sizing: all ones reads back the size mask with the I/O bit */
    cfg_write(&t, I440FX_DEVFN_IDE, bar4, 0xffffffff, B32);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_IDE, bar4, B32), ==, 0xfffffff1);
    cfg_write(&t, I440FX_DEVFN_IDE, bar4, 0xc000, B32);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_IDE, bar4, B32), ==, 0xc001);
    /* not decoded until the command register enables I/O */
    g_assert_null(as_find(t.ports, 0xc000, NULL));
    cfg_write(&t, I440FX_DEVFN_IDE, PCI_COMMAND, PCI_COMMAND_IO, B16);
    as_st(t.ports, 0xc004, 0x5a, B8);
    g_assert_cmphex(as_ld(t.ports, 0xc004, B8), ==, 0x5a);
    /* moved: the old place is empty, the new one answers */
    cfg_write(&t, I440FX_DEVFN_IDE, bar4, 0xd000, B32);
    g_assert_null(as_find(t.ports, 0xc000, NULL));
    g_assert_cmphex(as_ld(t.ports, 0xd004, B8), ==, 0x5a);
    cfg_write(&t, I440FX_DEVFN_IDE, PCI_COMMAND, 0, B16);
    g_assert_null(as_find(t.ports, 0xd000, NULL));
    chipset_free(&t);
}

static uint64_t pattern_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque, (void)size;
    return 0x1000 + offset;
}

static const MemoryRegionOps pattern_ops = {.read = pattern_read, .max_size = 4};

static void test_pci_memory_bars(void)
{
    AddressSpace *mem = as_new(), *ports = as_new();
    PciBus *bus = pci_bus_new(mem, ports);
    PciIdentity id = {.vendor = 0x1234, .device = 0x1111, .class_code = 0x030000};
    PciDevice *d = pci_device_new(bus, 2 << 3, "test-vga", &id);
    pci_register_bar(d, 0, PCI_BAR_MEM32_PREF, 0x1000, &pattern_ops, NULL);
    pci_register_bar(d, PCI_ROM_SLOT, PCI_BAR_MEM32, 0x10000, &pattern_ops, NULL);
    unsigned devfn = 2 << 3;
    /* a prefetchable 4 KiB BAR: type bits 0x8, size mask above them */
    pci_config_write(bus, devfn, PCI_BASE_ADDRESS_0, 0xffffffff, 4);
    g_assert_cmphex(pci_config_read(bus, devfn, PCI_BASE_ADDRESS_0, 4), ==, 0xfffff008);
    /* the sizing value with memory decoding on is not decoded (it runs to 4 GiB) */
    pci_config_write(bus, devfn, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_null(as_find(mem, 0xfffff000, NULL));
    pci_config_write(bus, devfn, PCI_BASE_ADDRESS_0, 0xfebf0000, 4);
    g_assert_cmphex(as_ld(mem, 0xfebf0010, B32), ==, 0x1010);
    /* the ROM BAR: size mask and enable bit; decoded only when enabled */
    pci_config_write(bus, devfn, PCI_ROM_ADDRESS, 0xfffffffe, 4);
    g_assert_cmphex(pci_config_read(bus, devfn, PCI_ROM_ADDRESS, 4), ==, 0xffff0000);
    pci_config_write(bus, devfn, PCI_ROM_ADDRESS, 0xfebe0000, 4);
    g_assert_null(as_find(mem, 0xfebe0000, NULL));
    pci_config_write(bus, devfn, PCI_ROM_ADDRESS, 0xfebe0001, 4);
    g_assert_cmphex(as_ld(mem, 0xfebe0004, B32), ==, 0x1004);
    /* a BAR over RAM the device model made (a framebuffer) */
    MemoryRegion *vram = as_add_ram(mem, "vram", 0, 0x100000);
    pci_register_bar_region(d, 2, PCI_BAR_MEM32_PREF, vram);
    g_assert_null(as_find(mem, 0, NULL));
    pci_config_write(bus, devfn, PCI_BASE_ADDRESS_0 + 8, 0xfd000000, 4);
    as_st(mem, 0xfd000010, 0xbeef, B16);
    g_assert_cmphex(vram->host[0x10] | vram->host[0x11] << 8, ==, 0xbeef);
    /* reset: the BARs' type bits only, nothing decoded */
    pci_bus_reset(bus);
    g_assert_cmphex(pci_config_read(bus, devfn, PCI_BASE_ADDRESS_0, 4), ==, 0x8);
    g_assert_null(as_find(mem, 0xfebf0000, NULL));
    g_assert_null(as_find(mem, 0xfd000000, NULL));
    pci_bus_free(bus);
    as_free(mem);
    as_free(ports);
}

/* ---- PAM shadowing ------------------------------------------------------------------ */

static void set_pam(Chipset *t, unsigned reg, uint8_t value)
{
    cfg_write(t, I440FX_DEVFN_HOST, reg, value, B8);
}

static void test_pam_f_segment(void)
{
    Chipset t;
    chipset_init(&t);
    /* off: reads from the ROM, writes go nowhere */
    as_st(t.mem, 0xf0000, 0x11, B8);
    g_assert_cmphex(as_ld(t.mem, 0xf0000, B8), ==, 0xb1);
    /* write enable alone: reads still from the ROM, writes reach shadow RAM */
    set_pam(&t, I440FX_PAM0, 0x20);
    as_st(t.mem, 0xf0000, 0x22, B8);
    g_assert_cmphex(as_ld(t.mem, 0xf0000, B8), ==, 0xb1);
    g_assert_cmpint(t.remaps, ==, 0);
    /* read and write enable: the shadow RAM with what was written; code
     * translated from the ROM there is stale now */
    set_pam(&t, I440FX_PAM0, 0x30);
    g_assert_cmphex(as_ld(t.mem, 0xf0000, B8), ==, 0x22);
    g_assert_cmpint(t.remaps, ==, 1);
    g_assert_cmphex(t.remapped_start, ==, 0xf0000);
    g_assert_cmphex(t.remapped_len, ==, 0x10000);
    as_st(t.mem, 0xffff0, 0x33, B8);
    g_assert_cmphex(as_ld(t.mem, 0xffff0, B8), ==, 0x33);
    /* read enable alone: write-protected shadow RAM (the same bytes) */
    set_pam(&t, I440FX_PAM0, 0x10);
    as_st(t.mem, 0xffff0, 0x44, B8);
    g_assert_cmphex(as_ld(t.mem, 0xffff0, B8), ==, 0x33);
    g_assert_cmpint(t.remaps, ==, 1);
    /* PAM0's low nibble is reserved: it stays 0 */
    set_pam(&t, I440FX_PAM0, 0x13);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_HOST, I440FX_PAM0, B8), ==, 0x10);
    /* the E segment below is still ROM */
    g_assert_cmphex(as_ld(t.mem, 0xeffff, B8), ==, 0xb1);
    chipset_free(&t);
}

static void test_pam_16k_segments(void)
{
    Chipset t;
    chipset_init(&t);
    /* nothing answers at 0xC0000 while PAM1 is off */
    g_assert_null(as_find(t.mem, 0xc0000, NULL));
    /* PAM1: low nibble 0xC0000-0xC3FFF, high nibble 0xC4000-0xC7FFF */
    set_pam(&t, I440FX_PAM0 + 1, 0x03);
    as_st(t.mem, 0xc3ffc, 0xcafe, B16);
    g_assert_cmphex(as_ld(t.mem, 0xc3ffc, B16), ==, 0xcafe);
    g_assert_null(as_find(t.mem, 0xc4000, NULL));
    /* PAM6's high nibble: 0xEC000-0xEFFFF, over the ROM */
    set_pam(&t, I440FX_PAM0 + 6, 0x30);
    as_st(t.mem, 0xec000, 0x77, B8);
    g_assert_cmphex(as_ld(t.mem, 0xec000, B8), ==, 0x77);
    g_assert_cmphex(as_ld(t.mem, 0xe8000, B8), ==, 0xb1);
    /* a dword write sets four registers at once, as SeaBIOS does */
    cfg_write(&t, I440FX_DEVFN_HOST, 0x5c, 0x11111111, B32);
    as_st(t.mem, 0xc8000, 0x99, B8);
    g_assert_cmphex(as_ld(t.mem, 0xc8000, B8), ==, 0);
    /* reset: shadowing off again, the shadow RAM keeps its bytes */
    pci_bus_reset(t.bus);
    i440fx_reset(t.c);
    g_assert_null(as_find(t.mem, 0xc0000, NULL));
    set_pam(&t, I440FX_PAM0 + 1, 0x01);
    g_assert_cmphex(as_ld(t.mem, 0xc3ffc, B16), ==, 0xcafe);
    chipset_free(&t);
}

static void test_smram(void)
{
    Chipset t;
    chipset_init(&t);
    enum { D_OPEN = 0x40, D_LCK = 0x10, G_SMRAME = 0x08 };
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_HOST, I440FX_SMRAM, B8), ==, 0x02);
    g_assert_null(as_find(t.mem, 0xa0000, NULL));
    cfg_write(&t, I440FX_DEVFN_HOST, I440FX_SMRAM, D_OPEN | G_SMRAME, B8);
    as_st(t.mem, 0xa0000, 0x5a5a, B16);
    g_assert_cmphex(as_ld(t.mem, 0xa0000, B16), ==, 0x5a5a);
    /* D_LCK closes the window and keeps it closed */
    cfg_write(&t, I440FX_DEVFN_HOST, I440FX_SMRAM, D_OPEN | D_LCK | G_SMRAME, B8);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_HOST, I440FX_SMRAM, B8), ==, D_LCK | G_SMRAME | 0x02);
    g_assert_null(as_find(t.mem, 0xa0000, NULL));
    cfg_write(&t, I440FX_DEVFN_HOST, I440FX_SMRAM, D_OPEN | G_SMRAME, B8);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_HOST, I440FX_SMRAM, B8), ==, D_LCK | G_SMRAME | 0x02);
    chipset_free(&t);
}

/* ---- the PIIX4 PM function ------------------------------------------------------------- */

static void test_pm_timer(void)
{
    test_now_ns = 1000000000000ull;
    machine_set_clock(test_clock);
    Chipset t;
    chipset_init(&t);
    /* what SeaBIOS's piix4_pm_setup writes */
    cfg_write(&t, I440FX_DEVFN_PM, PIIX4_PMBA, 0xb000 | 1, B32);
    g_assert_null(as_find(t.ports, 0xb008, NULL));
    cfg_write(&t, I440FX_DEVFN_PM, PIIX4_PMREGMISC, 1, B8);
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_PM, PIIX4_PMBA, B32), ==, 0xb001);
    g_assert_cmpuint(as_ld(t.ports, 0xb008, B32), ==, 0);
    test_now_ns += 1000000000ull; /* one second: 3,579,545 ticks */
    g_assert_cmpuint(as_ld(t.ports, 0xb008, B32), ==, 3579545);
    test_now_ns += 4000000000ull; /* five seconds: 17,897,725 ticks, 24 bits wrap */
    g_assert_cmpuint(as_ld(t.ports, 0xb008, B32), ==, 17897725 - (1 << 24));
    test_now_ns += 1000; /* one microsecond: 3.58 ticks */
    g_assert_cmpuint(as_ld(t.ports, 0xb008, B32), ==, (17897725 + 3) - (1 << 24));
    /* firmware finds SMM already set up (DEVACTB APMC_EN) */
    g_assert_cmphex(cfg_read(&t, I440FX_DEVFN_PM, 0x58, B32) & (1u << 25), !=, 0);
    /* PM1 control: SLP_EN with sleep type 0 is soft off */
    as_st(t.ports, 0xb004, 1 << 13, B16);
    g_assert_cmpint(t.power_offs, ==, 1);
    /* APM command 0xF1 turns SCI_EN on */
    as_st(t.ports, 0xb2, 0xf1, B8);
    g_assert_cmphex(as_ld(t.ports, 0xb004, B16) & 1, ==, 1);
    /* GPE0: enables are kept, status bits only clear */
    as_st(t.ports, 0xafe2, 0x0f, B8);
    g_assert_cmphex(as_ld(t.ports, 0xafe0, B32), ==, 0x000f0000);
    as_st(t.ports, 0xafe0, 0xffff, B16);
    g_assert_cmphex(as_ld(t.ports, 0xafe0, B16), ==, 0);
    /* disabling the I/O space unmaps the block */
    cfg_write(&t, I440FX_DEVFN_PM, PIIX4_PMREGMISC, 0, B8);
    g_assert_null(as_find(t.ports, 0xb008, NULL));
    chipset_free(&t);
    machine_set_clock(NULL);
}

/* ---- the small ports -------------------------------------------------------------------- */

typedef struct MiscEvents {
    int resets, a20_changes;
    bool a20;
} MiscEvents;

static void note_a20(void *opaque, bool on)
{
    MiscEvents *e = opaque;
    e->a20_changes++;
    e->a20 = on;
}

static void note_reset(void *opaque)
{
    ((MiscEvents *)opaque)->resets++;
}

static void test_pc_misc(void)
{
    AddressSpace *mem = as_new(), *ports = as_new();
    PciBus *bus = pci_bus_new(mem, ports);
    MiscEvents e = {0};
    PcMiscHooks hooks = {note_a20, note_reset, &e};
    gchar *log_path = g_build_filename(g_get_tmp_dir(), "morph-test-debugcon.log", NULL);
    gchar *spec = g_strconcat("file:", log_path, NULL);
    CharDev *cd = chardev_open(spec, NULL);
    g_assert_nonnull(cd);
    PcMisc *misc = pc_misc_new(ports, cd, &hooks);
    pci_bus_set_cf8_passthrough(bus, &pc_misc_cf8_window_ops, misc);
    /* port 0x92: bit 1 is the A20 gate, bit 0 a reset (reads back 0) */
    as_st(ports, 0x92, 0x02, B8);
    g_assert_true(e.a20);
    g_assert_cmphex(as_ld(ports, 0x92, B8), ==, 0x02);
    as_st(ports, 0x92, 0x03, B8);
    g_assert_cmpint(e.resets, ==, 1);
    g_assert_cmpint(e.a20_changes, ==, 1);
    g_assert_cmphex(as_ld(ports, 0x92, B8), ==, 0x02);
    /* 0xCF9: bit 2 resets; a byte access is not CONFIG_ADDRESS */
    as_st(ports, CONFIG_ADDRESS, ENABLE, B32);
    as_st(ports, 0xcf9, 0x06, B8);
    g_assert_cmpint(e.resets, ==, 2);
    g_assert_cmphex(as_ld(ports, 0xcf9, B8), ==, 0x02);
    g_assert_cmphex(as_ld(ports, CONFIG_ADDRESS, B32), ==, ENABLE);
    /* POST codes are latched; the debug port reads 0xE9 and prints */
    as_st(ports, 0x80, 0x42, B8);
    g_assert_cmphex(pc_misc_post_code(misc), ==, 0x42);
    g_assert_cmphex(as_ld(ports, 0x402, B8), ==, 0xe9);
    for (const char *c = "hi\n"; *c; c++)
        as_st(ports, 0x402, (uint8_t)*c, B8);
    pc_misc_free(misc);
    chardev_close(cd);
    gchar *text = NULL;
    g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
    g_assert_cmpstr(text, ==, "hi\n");
    g_unlink(log_path);
    g_free(text);
    g_free(spec);
    g_free(log_path);
    pci_bus_free(bus);
    as_free(mem);
    as_free(ports);
}

/* ---- fw_cfg ------------------------------------------------------------------------------- */

static void fw_select(AddressSpace *ports, uint16_t key)
{
    as_st(ports, FW_CFG_SEL, key, B16);
}

static void fw_read(AddressSpace *ports, void *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        ((uint8_t *)buf)[i] = (uint8_t)as_ld(ports, FW_CFG_DATA, B8);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void test_fw_cfg_ports(void)
{
    AddressSpace *ports = as_new();
    FwCfg *f = fw_cfg_new(ports, FW_CFG_IO_BASE_PC, NULL);
    char sig[5] = {0};
    fw_select(ports, FW_CFG_SIGNATURE);
    fw_read(ports, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    uint8_t id[4];
    fw_select(ports, FW_CFG_ID);
    fw_read(ports, id, 4);
    g_assert_cmphex(id[0], ==, 1); /* the port interface only: no DMA without memory */
    fw_cfg_add_i16(f, FW_CFG_NB_CPUS, 0x0102);
    fw_cfg_add_file(f, "etc/zeta", "zz", 2);
    fw_cfg_add_file(f, "bootorder", "", 0);
    fw_cfg_add_file(f, "etc/alpha", "abc", 3);
    uint8_t two[3];
    fw_select(ports, FW_CFG_NB_CPUS);
    fw_read(ports, two, 3);
    g_assert_cmphex(two[0], ==, 0x02); /* little-endian, then zeros past the end */
    g_assert_cmphex(two[1], ==, 0x01);
    g_assert_cmphex(two[2], ==, 0x00);
    /* the directory: big-endian count, entries sorted by name */
    uint8_t dir[4 + 3 * 64];
    fw_select(ports, FW_CFG_FILE_DIR);
    fw_read(ports, dir, sizeof dir);
    g_assert_cmpuint(be32(dir), ==, 3);
    static const char *const names[] = {"bootorder", "etc/alpha", "etc/zeta"};
    static const uint32_t sizes[] = {0, 3, 2};
    for (unsigned i = 0; i < 3; i++) {
        const uint8_t *e = dir + 4 + 64 * i;
        g_assert_cmpuint(be32(e), ==, sizes[i]);
        g_assert_cmpstr((const char *)e + 8, ==, names[i]);
        if (strcmp(names[i], "etc/alpha") == 0) {
            char data[4] = {0};
            fw_select(ports, (uint16_t)(e[4] << 8 | e[5]));
            fw_read(ports, data, 3);
            g_assert_cmpstr(data, ==, "abc");
        }
    }
    /* the selector's write bit selects the same item (writes are ignored) */
    fw_select(ports, FW_CFG_SIGNATURE | FW_CFG_WRITE_FLAG);
    fw_read(ports, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    fw_cfg_free(f);
    as_free(ports);
}

static void test_fw_cfg_dma(void)
{
    AddressSpace *ports = as_new(), *mem = as_new();
    MemoryRegion *ram = as_add_ram(mem, "ram", 0, 0x10000);
    FwCfg *f = fw_cfg_new(ports, FW_CFG_IO_BASE_PC, mem);
    /* the DMA register reads "QEMU CFG"; ID has the DMA bit */
    g_assert_cmphex(as_ld(ports, FW_CFG_DMA_HIGH, B32), ==, 0x554d4551); /* "QEMU" in port byte order */
    uint8_t id[4];
    fw_select(ports, FW_CFG_ID);
    fw_read(ports, id, 4);
    g_assert_cmphex(id[0], ==, 3);
    fw_cfg_add_file(f, "etc/data", "0123456789", 10);
    /* descriptor at 0x100: select the file (key 0x20), skip 2, then read 5 to 0x200 */
    static const uint8_t skip[16] = {0x00, 0x20, 0x00, 0x0c, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t read[16] = {0x00, 0x00, 0x00, 0x02, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0x02, 0x00};
    as_write(mem, 0x100, skip, sizeof skip, false);
    as_st(ports, FW_CFG_DMA_LOW, __builtin_bswap32(0x100), B32); /* SeaBIOS: outl(cpu_to_be32(addr)) */
    g_assert_cmphex(be32(ram->host + 0x100), ==, 0);
    as_write(mem, 0x100, read, sizeof read, false);
    as_st(ports, FW_CFG_DMA_LOW, __builtin_bswap32(0x100), B32);
    g_assert_cmphex(be32(ram->host + 0x100), ==, 0);
    g_assert_cmpmem(ram->host + 0x200, 5, "23456", 5);
    /* a write is refused with the error bit */
    static const uint8_t write[16] = {0x00, 0x20, 0x00, 0x18, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x02, 0x00};
    as_write(mem, 0x100, write, sizeof write, false);
    as_st(ports, FW_CFG_DMA_LOW, __builtin_bswap32(0x100), B32);
    g_assert_cmphex(be32(ram->host + 0x100), ==, 1);
    fw_cfg_free(f);
    as_free(ports);
    as_free(mem);
}

/* ---- the board's own items ----------------------------------------------------------- */

#define SEABIOS "/usr/share/seabios/bios-256k.bin"

extern const BoardDesc board_pc;

typedef struct Board {
    MachineOptions opt;
    Machine m;
    AddressSpace *ports;
} Board;

/* The pc board built around a cpu that never runs (options besides
 * RAM and BIOS already in b->opt). */
static void board_init(Board *b, uint64_t ram_bytes)
{
    b->opt.board = "pc";
    b->opt.ram_bytes = ram_bytes;
    b->opt.bios = SEABIOS;
    b->opt.display = MACHINE_DISPLAY_NONE;
    b->m = (Machine){.board = &board_pc,
                     .opt = &b->opt,
                     .arch = board_pc.arch,
                     .as = as_new(),
                     .pollers = g_array_new(FALSE, FALSE, sizeof(MachinePoller))};
    b->m.cpu = g_malloc0(b->m.arch->cpu_size);
    b->m.cpu->arch = b->m.arch;
    b->m.serial = chardev_open("null", NULL);
    GError *err = NULL;
    g_assert_true(board_pc.init(&b->m, &err));
    b->ports = x86_sys(b->m.cpu)->board.ports;
}

static void board_free(Board *b)
{
    board_pc.free(&b->m);
    machine_timers_free_all(&b->m);
    chardev_close(b->m.serial);
    g_free(b->m.cpu);
    as_free(b->m.as);
    g_array_free(b->m.pollers, TRUE);
}

/* The fw_cfg file `name` (its size in *len), found through the directory. */
static uint8_t *fw_file(AddressSpace *ports, const char *name, uint32_t *len)
{
    uint8_t count[4], entry[64];
    fw_select(ports, FW_CFG_FILE_DIR);
    fw_read(ports, count, 4);
    for (uint32_t i = 0; i < be32(count); i++) {
        fw_read(ports, entry, sizeof entry);
        if (strcmp((const char *)entry + 8, name) != 0)
            continue;
        *len = be32(entry);
        uint8_t *data = g_malloc(*len);
        fw_select(ports, (uint16_t)(entry[4] << 8 | entry[5]));
        fw_read(ports, data, *len);
        return data;
    }
    return NULL;
}

static uint8_t cmos(AddressSpace *ports, unsigned index)
{
    as_st(ports, 0x70, index, B8);
    return (uint8_t)as_ld(ports, 0x71, B8);
}

typedef struct __attribute__((packed)) E820 {
    uint64_t address, length;
    uint32_t type;
} E820;

static void test_board_128m(void)
{
    if (!g_file_test(SEABIOS, G_FILE_TEST_EXISTS)) {
        g_test_skip(SEABIOS " is not installed");
        return;
    }
    Board b = {0};
    board_init(&b, 128 << 20);
    uint32_t len;
    E820 *map = (E820 *)fw_file(b.ports, "etc/e820", &len);
    g_assert_nonnull(map);
    g_assert_cmpuint(len, ==, sizeof(E820));
    g_assert_cmphex(map[0].address, ==, 0);
    g_assert_cmphex(map[0].length, ==, 128 << 20);
    g_assert_cmpuint(map[0].type, ==, 1);
    g_free(map);
    uint8_t ram_size[8];
    fw_select(b.ports, FW_CFG_RAM_SIZE);
    fw_read(b.ports, ram_size, 8);
    g_assert_cmphex(ram_size[3], ==, 0x08); /* 0x08000000, little-endian */
    /* the VGA BIOS SeaBIOS runs, byte for byte */
    gchar *vgabios;
    gsize vga_len;
    g_assert_true(g_file_get_contents("/usr/share/seabios/vgabios-stdvga.bin", &vgabios, &vga_len, NULL));
    uint8_t *rom = fw_file(b.ports, "vgaroms/vgabios-stdvga.bin", &len);
    g_assert_nonnull(rom);
    g_assert_cmpmem(rom, len, vgabios, vga_len);
    g_free(rom);
    g_free(vgabios);
    /* CMOS: 640 KiB base; 127 MiB extended, in KiB, saturates at 65535;
     * 112 MiB above 16 MiB in 64 KiB units */
    g_assert_cmpuint(cmos(b.ports, 0x15) | cmos(b.ports, 0x16) << 8, ==, 640);
    g_assert_cmpuint(cmos(b.ports, 0x17) | cmos(b.ports, 0x18) << 8, ==, 0xffff);
    g_assert_cmpuint(cmos(b.ports, 0x30) | cmos(b.ports, 0x31) << 8, ==, 0xffff);
    g_assert_cmpuint(cmos(b.ports, 0x34) | cmos(b.ports, 0x35) << 8, ==, 112 * 16);
    g_assert_cmpuint(cmos(b.ports, 0x5f), ==, 0);
    /* boot order "cad" (QEMU's default): hard disk (2), floppy (1), CD (3) */
    g_assert_cmphex(cmos(b.ports, 0x3d), ==, 0x12);
    g_assert_cmphex(cmos(b.ports, 0x38), ==, 0x30);
    /* the reset vector: the image's last 16 bytes at 4 GiB - 16 and, through
     * the isa-bios ROM, at 1 MiB - 16 */
    gchar *image;
    gsize image_len;
    g_assert_true(g_file_get_contents(SEABIOS, &image, &image_len, NULL));
    uint8_t top[16], low[16];
    as_read(b.m.as, 0xfffffff0, top, 16);
    as_read(b.m.as, 0xffff0, low, 16);
    g_assert_cmpmem(top, 16, image + image_len - 16, 16);
    g_assert_cmpmem(low, 16, image + image_len - 16, 16);
    g_free(image);
    /* a machine reset puts the chipset back: shadowing off, fw_cfg at its signature */
    as_st(b.ports, CONFIG_ADDRESS, ENABLE | I440FX_PAM0, B32);
    as_st(b.ports, CONFIG_DATA + 1, 0x30, B8);
    fw_select(b.ports, FW_CFG_ID);
    board_pc.reset(&b.m);
    as_st(b.ports, CONFIG_ADDRESS, ENABLE | I440FX_PAM0, B32);
    g_assert_cmphex(as_ld(b.ports, CONFIG_DATA + 1, B8), ==, 0);
    char sig[5] = {0};
    fw_read(b.ports, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    board_free(&b);
}

static void test_board_4g(void)
{
    if (!g_file_test(SEABIOS, G_FILE_TEST_EXISTS)) {
        g_test_skip(SEABIOS " is not installed");
        return;
    }
    Board b = {0};
    board_init(&b, 4ull << 30);
    uint32_t len;
    E820 *map = (E820 *)fw_file(b.ports, "etc/e820", &len);
    g_assert_nonnull(map);
    g_assert_cmpuint(len, ==, 2 * sizeof(E820));
    /* 3.5 GiB or more: RAM below the hole stops at 3 GiB, the rest from 4 GiB */
    g_assert_cmphex(map[0].length, ==, 0xc0000000);
    g_assert_cmphex(map[1].address, ==, 0x100000000);
    g_assert_cmphex(map[1].length, ==, 0x40000000);
    g_assert_cmpuint(map[1].type, ==, 1);
    g_free(map);
    /* above 4 GiB in 64 KiB units: 0x4000, three bytes */
    g_assert_cmphex(cmos(b.ports, 0x5b), ==, 0x00);
    g_assert_cmphex(cmos(b.ports, 0x5c), ==, 0x40);
    g_assert_cmphex(cmos(b.ports, 0x5d), ==, 0x00);
    /* from 16 MiB to the 3 GiB below the hole, in 64 KiB units */
    g_assert_cmpuint(cmos(b.ports, 0x34) | cmos(b.ports, 0x35) << 8, ==, (0xc0000000 - (16 << 20)) / 0x10000);
    board_free(&b);
}

static uint32_t fw_u32(AddressSpace *ports, uint16_t key)
{
    uint8_t v[4];
    fw_select(ports, key);
    fw_read(ports, v, 4);
    return (uint32_t)v[0] | (uint32_t)v[1] << 8 | (uint32_t)v[2] << 16 | (uint32_t)v[3] << 24;
}

/* -kernel/-initrd/-append: a hand-made bzImage (boot protocol 2.15, one
 * setup sector after the boot sector) split and patched as the protocol
 * (Documentation/arch/x86/boot.rst) and QEMU's placement say. */
static void test_board_kernel_items(void)
{
    if (!g_file_test(SEABIOS, G_FILE_TEST_EXISTS) ||
        !g_file_test("/usr/share/qemu/linuxboot_dma.bin", G_FILE_TEST_EXISTS)) {
        g_test_skip("SeaBIOS or QEMU's linuxboot_dma.bin is not installed");
        return;
    }
    enum { SETUP_LEN = 2 * 512, KERNEL_LEN = SETUP_LEN + 3000, INITRD_LEN = 5000 };
    uint8_t kernel[KERNEL_LEN] = {0};
    kernel[0x1f1] = 1; /* setup_sects */
    memcpy(kernel + 0x202, "HdrS", 4);
    kernel[0x206] = 0x0f, kernel[0x207] = 0x02; /* version 2.15 */
    kernel[0x211] = 0x01;                       /* LOADED_HIGH */
    kernel[0x22c] = 0xff, kernel[0x22d] = 0xff, kernel[0x22e] = 0xff, kernel[0x22f] = 0x7f;
    kernel[SETUP_LEN] = 0x5a; /* the first protected-mode byte */
    uint8_t initrd[INITRD_LEN];
    memset(initrd, 0x1d, sizeof initrd);
    gchar *dir = g_dir_make_tmp("morph-pc-kernel.XXXXXX", NULL);
    gchar *kernel_path = g_build_filename(dir, "bzImage", NULL);
    gchar *initrd_path = g_build_filename(dir, "initrd", NULL);
    g_assert_true(g_file_set_contents(kernel_path, (gchar *)kernel, sizeof kernel, NULL));
    g_assert_true(g_file_set_contents(initrd_path, (gchar *)initrd, sizeof initrd, NULL));

    Board b = {.opt = {.kernel = kernel_path, .initrd = initrd_path, .append = "console=ttyS0"}};
    board_init(&b, 128 << 20);
    g_assert_cmphex(fw_u32(b.ports, FW_CFG_SETUP_ADDR), ==, 0x10000);
    g_assert_cmpuint(fw_u32(b.ports, FW_CFG_SETUP_SIZE), ==, SETUP_LEN);
    g_assert_cmphex(fw_u32(b.ports, FW_CFG_KERNEL_ADDR), ==, 0x100000);
    g_assert_cmpuint(fw_u32(b.ports, FW_CFG_KERNEL_SIZE), ==, KERNEL_LEN - SETUP_LEN);
    uint8_t first;
    fw_select(b.ports, FW_CFG_KERNEL_DATA);
    fw_read(b.ports, &first, 1);
    g_assert_cmphex(first, ==, 0x5a);
    char cmdline[sizeof "console=ttyS0"];
    g_assert_cmpuint(fw_u32(b.ports, FW_CFG_CMDLINE_SIZE), ==, sizeof cmdline);
    fw_select(b.ports, FW_CFG_CMDLINE_DATA);
    fw_read(b.ports, cmdline, sizeof cmdline);
    g_assert_cmpstr(cmdline, ==, "console=ttyS0");
    /* the initrd: page-aligned, ending below RAM's top less 128 KiB */
    uint32_t initrd_addr = ((128 << 20) - (128 << 10) - 1 - INITRD_LEN) & ~4095u;
    g_assert_cmphex(fw_u32(b.ports, FW_CFG_INITRD_ADDR), ==, initrd_addr);
    g_assert_cmpuint(fw_u32(b.ports, FW_CFG_INITRD_SIZE), ==, INITRD_LEN);
    /* the setup header as the loader patches it */
    uint8_t setup[SETUP_LEN];
    fw_select(b.ports, FW_CFG_SETUP_DATA);
    fw_read(b.ports, setup, sizeof setup);
    g_assert_cmphex(setup[0x210], ==, 0xb0);                       /* type_of_loader: QEMU */
    g_assert_cmphex(setup[0x211], ==, 0x81);                       /* LOADED_HIGH | CAN_USE_HEAP */
    g_assert_cmphex(setup[0x224] | setup[0x225] << 8, ==, 0xfe00); /* heap_end_ptr */
    g_assert_cmphex(setup[0x228] | setup[0x229] << 8 | setup[0x22a] << 16, ==, 0x20000);
    g_assert_cmphex((uint32_t)(setup[0x218] | setup[0x219] << 8 | setup[0x21a] << 16 | setup[0x21b] << 24),
                    ==, initrd_addr);
    uint32_t len;
    g_free(fw_file(b.ports, "genroms/linuxboot_dma.bin", &len));
    g_assert_cmpuint(len, >, 0);
    board_free(&b);
    g_unlink(kernel_path);
    g_unlink(initrd_path);
    g_rmdir(dir);
    g_free(kernel_path);
    g_free(initrd_path);
    g_free(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pc/pci/identities", test_pci_identities);
    g_test_add_func("/pc/pci/io-bar", test_pci_io_bar);
    g_test_add_func("/pc/pci/memory-bars", test_pci_memory_bars);
    g_test_add_func("/pc/pam/f-segment", test_pam_f_segment);
    g_test_add_func("/pc/pam/16k-segments", test_pam_16k_segments);
    g_test_add_func("/pc/smram", test_smram);
    g_test_add_func("/pc/pm-timer", test_pm_timer);
    g_test_add_func("/pc/misc-ports", test_pc_misc);
    g_test_add_func("/pc/fw_cfg/ports", test_fw_cfg_ports);
    g_test_add_func("/pc/fw_cfg/dma", test_fw_cfg_dma);
    g_test_add_func("/pc/board/128m", test_board_128m);
    g_test_add_func("/pc/board/4g", test_board_4g);
    g_test_add_func("/pc/board/kernel-items", test_board_kernel_items);
    return g_test_run();
}
