/* machines/pc.c — the "pc" board: an i440FX/PIIX3 PC as SeaBIOS expects
 * one under QEMU (QEMU's `-M pc`), with what morph models of it.
 *
 *   physical map
 *   0x0000_0000  RAM, 640 KiB
 *   0x000A_0000  VGA window (SMRAM when the host bridge opens it)
 *   0x000C_0000  shadow RAM segments, PAM-steered (i440fx.c); 0xE0000-0xFFFFF
 *                also the BIOS's last 128 KiB (the isa-bios ROM)
 *   0x0010_0000  RAM up to the PCI hole: 0xE000_0000, or 0xC000_0000 when
 *                -m is 3.5 GiB or more (QEMU's pc rule)
 *   0xE000_0000  VGA linear framebuffer (pc-vga); PCI memory BARs where
 *                the firmware puts them
 *   4G - size    the BIOS image (bios-256k.bin: 0xFFFC_0000)
 *   0x1_0000_0000  the RAM above the hole
 *
 *   ports: 0x20/0xA0 PICs, 0x40 PIT, 0x60/0x64 keyboard controller,
 *   0x70 RTC/CMOS, 0x80 POST, 0x92 port A, 0xB2 APM, 0x1CE VBE, 0x3B0-0x3DF
 *   VGA, 0x3F8 COM1 (IRQ 4), 0x402 debug console (-debugcon), 0x4D0 ELCR,
 *   0x510 fw_cfg (+DMA at 0x514), 0xCF8/0xCFC PCI, 0xCF9 reset control;
 *   the PIIX4 PM block wherever the firmware puts it (SeaBIOS: 0xB000).
 *   PCI: 00.0 i440FX, 01.0 PIIX3 ISA, 01.1 PIIX3 IDE, 01.3 PIIX4 PM.
 *
 * The BIOS (-bios FILE, default Debian's /usr/share/seabios/bios-256k.bin)
 * is a raw image of whole 64 KiB units, at most 16 MiB, as QEMU requires.
 *
 * Firmware tables: the board hands SeaBIOS no ACPI ("etc/table-loader")
 * and no SMBIOS (the "etc/smbios/" files) through fw_cfg. SeaBIOS 1.16
 * then builds both itself (src/fw/acpi.c: RSDP, RSDT, FADT, FACS, MADT
 * listing the local APIC and the IOAPIC with the IRQ0 override, HPET, its
 * own DSDT; src/fw/biostables.c: SMBIOS 2.x), sized from the fw_cfg items
 * below, which keeps morph out of the business of generating AML while
 * both stay what a Linux kernel expects. (Without the table-loader
 * SeaBIOS leaves the PM block at 0xB000, where QEMU's moves it to 0x600.)
 * Interrupts: every ISA line reaches both the i8259 pair and the IOAPIC
 * input of its number (IRQ0 input 2); the i8259's INT is the local
 * APIC's LINT0, and the APIC drives the cpu's INTR. There is no "bootorder"
 * file (QEMU has one only for devices given a bootindex); the CMOS boot
 * order is QEMU's default, "cad".
 *
 * -kernel (a bzImage, boot protocol 2.02 or later), -initrd, -append: as
 * QEMU's pc does it, the board splits the kernel into its real-mode setup
 * (patched: loader type, heap, command line and initrd addresses) and its
 * protected-mode part and hands both, the initrd and the command line to
 * the firmware as fw_cfg items; QEMU's option ROM linuxboot_dma.bin
 * (qemu-system-data) loads them and jumps into the setup code.
 *
 * -drive: hard disks on the PIIX3 IDE function's legacy channels
 * (machines/devices/ide.c; IRQ 14 and 15), PIO only; -snapshot keeps
 * their writes in memory.
 *
 * Not yet: IDE bus-master DMA, SMM (see i440fx.c).
 */
#include <string.h>

#include "backend/exec.h"
#include "frontend/x86/sys.h"
#include "machines/devices/apic.h"
#include "machines/devices/fw_cfg.h"
#include "machines/devices/i440fx.h"
#include "machines/devices/ide.h"
#include "machines/devices/i8042.h"
#include "machines/devices/i8254.h"
#include "machines/devices/i8259.h"
#include "machines/devices/ioapic.h"
#include "machines/devices/mc146818.h"
#include "machines/devices/pc_misc.h"
#include "machines/devices/pci.h"
#include "machines/devices/uart16550.h"
#include "machines/devices/vga.h"
#include "machines/display.h"
#include "machines/loader.h"
#include "machines/machine.h"

#define KiB (1ull << 10)
#define MiB (1ull << 20)
#define GiB (1ull << 30)

#define PC_DEFAULT_BIOS "/usr/share/seabios/bios-256k.bin"
#define PC_VGA_BIOS "/usr/share/seabios/vgabios-stdvga.bin"
#define PC_LINUXBOOT_ROM "/usr/share/qemu/linuxboot_dma.bin"

enum {
    PC_BIOS_UNIT = 64 * KiB,
    PC_BIOS_MAX = 16 * MiB,
    PC_ISA_BIOS_SIZE = 128 * KiB,
    PC_ISA_BIOS_END = 0x100000,
    PC_LOW_RAM_END = 0xa0000, /* 640 KiB */
    PC_COM1_PORT = 0x3f8,
    PC_COM1_IRQ = 4,
    PC_KBD_IRQ = 1,
    PC_MOUSE_IRQ = 12,
    PC_RTC_IRQ = 8,
    PC_PIT_IRQ = 0,
    PC_PIT_GSI = 2, /* the MADT's override: ISA IRQ0 is IOAPIC input 2 */
};
#define PC_HIGH_RAM_BASE (4 * GiB)
#define PC_PCI_HOLE_START 0xe0000000ull
#define PC_PCI_HOLE_START_LARGE 0xc0000000ull /* -m of 3.5 GiB and more */

/* E820 entry types (ACPI 6.x §15) */
enum { E820_RAM = 1, E820_RESERVED = 2 };

/* CMOS NVRAM fields (as QEMU's pc fills them; SeaBIOS src/hw/rtc.h and
 * src/fw/paravirt.c read them when fw_cfg lacks the answer). The century
 * byte 0x32 is the RTC's own, kept with its clock. */
enum {
    CMOS_EQUIPMENT = 0x14,    /* bit 1 FPU, bit 2 PS/2 mouse; display 00 = EGA/VGA */
    CMOS_BASE_MEM_LOW = 0x15, /* KiB below 1 MiB: 640 */
    CMOS_EXT_MEM_LOW = 0x17,  /* KiB from 1 MiB, up to 65535 (also at 0x30) */
    CMOS_EXT_MEM_POST_LOW = 0x30,
    CMOS_EXT_MEM2_LOW = 0x34, /* 64 KiB units from 16 MiB, up to 65535 */
    CMOS_BOOT_FLAG2 = 0x38,   /* third boot device << 4 */
    CMOS_BOOT_FLAG1 = 0x3d,   /* second << 4 | first boot device */
    CMOS_HIGH_MEM_LOW = 0x5b, /* 64 KiB units above 4 GiB, 3 bytes */
    CMOS_SMP_COUNT = 0x5f,    /* CPUs - 1 */
    CMOS_EQUIPMENT_VALUE = 0x06,
    BOOT_FLOPPY = 1,
    BOOT_DISK = 2,
    BOOT_CDROM = 3, /* QEMU's default order "cad" */
};

typedef struct PcBoard {
    uint64_t below_4g, above_4g;
    AddressSpace *ports; /* port I/O, 64 KiB: in/out reach it */
    MemoryRegion *isa_bios;
    PciBus *pci;
    I440fx *chipset;
    FwCfg *fw_cfg;
    PcMisc *misc;
    CharDev *debugcon;
    Apic *apic;
    IoApic *ioapic;
    I8259 *pic;
    I8254 *pit;
    Mc146818 *rtc;
    I8042 *kbc;
    Uart16550 *uart;
    Vga *vga;
    Ide *ide;
    Display *display;
    bool a20_port_a, a20_kbc; /* the gate is open while either asks */
} PcBoard;

/* ---- what devices ask of the machine ----------------------------------------- */

static void cpu_intr_set(void *opaque, unsigned line, int level)
{
    Machine *m = opaque;
    m->arch->sys->set_irq(m->cpu, line, level);
}

static void guest_reset_request(void *opaque)
{
    Machine *m = opaque;
    m->reset_requested = 1;
    machine_kick(m);
}

static void guest_power_off(void *opaque)
{
    Machine *m = opaque;
    m->exit_status = 0;
    m->shutdown_requested = 1;
    machine_kick(m);
}

/* A cpu on no engine yet (a board built only to be inspected) has
 * translated nothing. */
static void drop_translated_code(void *opaque, uint64_t start, uint64_t len)
{
    Machine *m = opaque;
    if (m->cpu->engine)
        engine_invalidate(m->cpu->engine, start, len);
}

static void update_a20(Machine *m)
{
    PcBoard *b = m->board_state;
    x86_sys_set_a20(m->cpu, b->a20_port_a || b->a20_kbc);
}

static void port_a_a20(void *opaque, bool on)
{
    Machine *m = opaque;
    ((PcBoard *)m->board_state)->a20_port_a = on;
    update_a20(m);
}

static void kbc_a20(void *opaque, bool on)
{
    Machine *m = opaque;
    ((PcBoard *)m->board_state)->a20_kbc = on;
    update_a20(m);
}

/* ---- memory ----------------------------------------------------------------- */

static bool split_ram(Machine *m, PcBoard *b, GError **err)
{
    uint64_t ram = m->opt->ram_bytes ? m->opt->ram_bytes : m->board->default_ram_bytes;
    if (ram < 2 * MiB || ram % MiB) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "the pc board takes whole MiB of RAM from 2M up, not %llu KiB",
                    (unsigned long long)(ram / KiB));
        return false;
    }
    uint64_t hole = ram >= PC_PCI_HOLE_START ? PC_PCI_HOLE_START_LARGE : PC_PCI_HOLE_START;
    b->below_4g = MIN(ram, hole);
    b->above_4g = ram - b->below_4g;
    return true;
}

static void add_ram(Machine *m, const PcBoard *b)
{
    as_add_ram(m->as, "ram-low", 0, PC_LOW_RAM_END);
    as_add_ram(m->as, "ram", PC_ISA_BIOS_END, b->below_4g - PC_ISA_BIOS_END);
    if (b->above_4g)
        as_add_ram(m->as, "ram-high", PC_HIGH_RAM_BASE, b->above_4g);
}

static bool load_bios(Machine *m, PcBoard *b, GError **err)
{
    const char *path = m->opt->bios ? m->opt->bios : PC_DEFAULT_BIOS;
    GBytes *file = loader_read_file(path, err);
    if (!file)
        return false;
    gsize size;
    const uint8_t *image = g_bytes_get_data(file, &size);
    bool ok = size && size % PC_BIOS_UNIT == 0 && size <= PC_BIOS_MAX;
    if (ok) {
        MemoryRegion *rom = as_add_rom(m->as, "bios", PC_HIGH_RAM_BASE - size, size);
        memcpy(rom->host, image, size);
        gsize isa_size = MIN(size, (gsize)PC_ISA_BIOS_SIZE);
        b->isa_bios = as_add_rom(m->as, "isa-bios", PC_ISA_BIOS_END - isa_size, isa_size);
        memcpy(b->isa_bios->host, image + size - isa_size, isa_size);
    } else {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "%s: not a PC BIOS image (%zu bytes; it must be whole 64 KiB units, at most 16 MiB)",
                    path, (size_t)size);
    }
    g_bytes_unref(file);
    return ok;
}

/* ---- fw_cfg ------------------------------------------------------------------- */

typedef struct __attribute__((packed)) E820Entry {
    uint64_t address, length; /* little-endian, as the host is */
    uint32_t type;
} E820Entry;

static void add_e820(FwCfg *f, const PcBoard *b)
{
    E820Entry map[2] = {{0, b->below_4g, E820_RAM}, {PC_HIGH_RAM_BASE, b->above_4g, E820_RAM}};
    fw_cfg_add_file(f, "etc/e820", map, (b->above_4g ? 2 : 1) * sizeof map[0]);
}

/* The VGA BIOS SeaBIOS runs as an option ROM; without the file the PC
 * boots without one (text output still reaches the serial port). */
static void add_vga_bios(FwCfg *f)
{
    gchar *rom;
    gsize len;
    if (!g_file_get_contents(PC_VGA_BIOS, &rom, &len, NULL))
        return;
    fw_cfg_add_file(f, "vgaroms/vgabios-stdvga.bin", rom, len);
    g_free(rom);
}

static void fill_fw_cfg(Machine *m, PcBoard *b)
{
    static const uint8_t uuid[16];
    FwCfg *f = b->fw_cfg = fw_cfg_new(b->ports, FW_CFG_IO_BASE_PC, m->as);
    fw_cfg_add_bytes(f, FW_CFG_UUID, uuid, sizeof uuid);
    fw_cfg_add_i64(f, FW_CFG_RAM_SIZE, b->below_4g + b->above_4g);
    fw_cfg_add_i16(f, FW_CFG_NB_CPUS, 1);
    fw_cfg_add_i16(f, FW_CFG_MAX_CPUS, 1);
    fw_cfg_add_i16(f, FW_CFG_NOGRAPHIC, m->opt->nographic);
    fw_cfg_add_i16(f, FW_CFG_BOOT_MENU, 0);
    fw_cfg_add_i32(f, FW_CFG_IRQ0_OVERRIDE, 1); /* the PIT reaches IOAPIC input 2 */
    add_e820(f, b);
    uint32_t never_retry = UINT32_MAX; /* "etc/boot-fail-wait": -1, as QEMU's default */
    fw_cfg_add_file(f, "etc/boot-fail-wait", &never_retry, sizeof never_retry);
    add_vga_bios(f);
}

/* ---- -kernel, -initrd, -append ------------------------------------------------------ */

/* The real-mode kernel header (Linux's Documentation/arch/x86/boot.rst). */
enum {
    LINUX_SETUP_SECTS = 0x1f1,
    LINUX_HEADER_MAGIC = 0x202, /* "HdrS" */
    LINUX_VERSION = 0x206,
    LINUX_TYPE_OF_LOADER = 0x210,
    LINUX_LOADFLAGS = 0x211,
    LINUX_RAMDISK_IMAGE = 0x218,
    LINUX_RAMDISK_SIZE = 0x21c,
    LINUX_HEAP_END_PTR = 0x224,
    LINUX_CMD_LINE_PTR = 0x228,
    LINUX_INITRD_ADDR_MAX = 0x22c,
    LINUX_HEADER_END = 0x230,
    LINUX_LOADED_HIGH = 0x01,
    LINUX_CAN_USE_HEAP = 0x80,
    LINUX_LOADER_QEMU = 0xb0,  /* loader type 0xB, what QEMU reports */
    LINUX_MIN_VERSION = 0x202, /* cmd_line_ptr */
    LINUX_INITRD_MAX_VERSION = 0x203,
    LINUX_SETUP_ADDR = 0x10000,     /* where QEMU puts the setup of a bzImage ... */
    LINUX_CMDLINE_ADDR = 0x20000,   /* ... its command line ... */
    LINUX_KERNEL_ADDR = 0x100000,   /* ... and its protected-mode part */
    LINUX_ACPI_RESERVE = 128 * KiB, /* the initrd stays below the top 128 KiB, as in QEMU */
};
#define LINUX_DEFAULT_INITRD_MAX 0x37ffffffu
#define LINUX_MAGIC 0x53726448u

static uint32_t le_at(const uint8_t *p, unsigned offset, unsigned size)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint32_t)p[offset + i] << (8 * i);
    return v;
}

static void put_le_at(uint8_t *p, unsigned offset, uint32_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        p[offset + i] = (uint8_t)(v >> (8 * i));
}

static bool kernel_error(GError **err, const char *path, const char *what)
{
    g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s: %s", path, what);
    return false;
}

/* The initrd's items; its address goes into the setup header. */
static bool add_initrd(Machine *m, PcBoard *b, uint8_t *setup, unsigned version, GError **err)
{
    gchar *initrd;
    gsize len;
    GError *read_err = NULL;
    if (!g_file_get_contents(m->opt->initrd, &initrd, &len, &read_err)) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s", read_err->message);
        g_error_free(read_err);
        return false;
    }
    uint64_t max = version >= LINUX_INITRD_MAX_VERSION ? le_at(setup, LINUX_INITRD_ADDR_MAX, 4)
                                                       : LINUX_DEFAULT_INITRD_MAX;
    max = MIN(max, b->below_4g - LINUX_ACPI_RESERVE - 1);
    if (len >= max) {
        g_free(initrd);
        return kernel_error(err, m->opt->initrd, "initrd too large for the kernel's or RAM's limit");
    }
    uint32_t addr = (uint32_t)((max - len) & ~(uint64_t)4095);
    put_le_at(setup, LINUX_RAMDISK_IMAGE, addr, 4);
    put_le_at(setup, LINUX_RAMDISK_SIZE, (uint32_t)len, 4);
    fw_cfg_add_i32(b->fw_cfg, FW_CFG_INITRD_ADDR, addr);
    fw_cfg_add_i32(b->fw_cfg, FW_CFG_INITRD_SIZE, (uint32_t)len);
    fw_cfg_add_bytes(b->fw_cfg, FW_CFG_INITRD_DATA, initrd, len);
    g_free(initrd);
    return true;
}

/* The option ROM that boots the kernel from the fw_cfg items. */
static bool add_linuxboot_rom(PcBoard *b, const char *kernel, GError **err)
{
    gchar *rom;
    gsize len;
    if (!g_file_get_contents(PC_LINUXBOOT_ROM, &rom, &len, NULL))
        return kernel_error(err, kernel,
                            "booting it needs QEMU's option ROM " PC_LINUXBOOT_ROM
                            " (package qemu-system-data)");
    fw_cfg_add_file(b->fw_cfg, "genroms/linuxboot_dma.bin", rom, len);
    g_free(rom);
    return true;
}

static bool add_kernel(Machine *m, PcBoard *b, GError **err)
{
    const char *path = m->opt->kernel;
    GBytes *file = loader_read_file(path, err);
    if (!file)
        return false;
    gsize len;
    const uint8_t *image = g_bytes_get_data(file, &len);
    unsigned version = len >= LINUX_HEADER_END ? le_at(image, LINUX_VERSION, 2) : 0;
    bool ok = len >= LINUX_HEADER_END && le_at(image, LINUX_HEADER_MAGIC, 4) == LINUX_MAGIC &&
              version >= LINUX_MIN_VERSION && (image[LINUX_LOADFLAGS] & LINUX_LOADED_HIGH);
    unsigned setup_sects = ok ? image[LINUX_SETUP_SECTS] : 0;
    size_t setup_len = (size_t)((setup_sects ? setup_sects : 4) + 1) * 512;
    if (!ok || setup_len >= len) {
        g_bytes_unref(file);
        return kernel_error(err, path, "not a bzImage kernel (boot protocol 2.02 or later)");
    }
    if (!add_linuxboot_rom(b, path, err)) {
        g_bytes_unref(file);
        return false;
    }
    uint8_t *setup = g_memdup2(image, setup_len);
    setup[LINUX_TYPE_OF_LOADER] = LINUX_LOADER_QEMU;
    setup[LINUX_LOADFLAGS] |= LINUX_CAN_USE_HEAP;
    put_le_at(setup, LINUX_HEAP_END_PTR, LINUX_CMDLINE_ADDR - LINUX_SETUP_ADDR - 0x200, 2);
    put_le_at(setup, LINUX_CMD_LINE_PTR, LINUX_CMDLINE_ADDR, 4);
    ok = !m->opt->initrd || add_initrd(m, b, setup, version, err);
    if (ok) {
        const char *cmdline = m->opt->append ? m->opt->append : "";
        fw_cfg_add_i32(b->fw_cfg, FW_CFG_KERNEL_ADDR, LINUX_KERNEL_ADDR);
        fw_cfg_add_i32(b->fw_cfg, FW_CFG_KERNEL_SIZE, (uint32_t)(len - setup_len));
        fw_cfg_add_bytes(b->fw_cfg, FW_CFG_KERNEL_DATA, image + setup_len, len - setup_len);
        fw_cfg_add_i32(b->fw_cfg, FW_CFG_CMDLINE_ADDR, LINUX_CMDLINE_ADDR);
        fw_cfg_add_i32(b->fw_cfg, FW_CFG_CMDLINE_SIZE, (uint32_t)strlen(cmdline) + 1);
        fw_cfg_add_bytes(b->fw_cfg, FW_CFG_CMDLINE_DATA, cmdline, strlen(cmdline) + 1);
        fw_cfg_add_i32(b->fw_cfg, FW_CFG_SETUP_ADDR, LINUX_SETUP_ADDR);
        fw_cfg_add_i32(b->fw_cfg, FW_CFG_SETUP_SIZE, (uint32_t)setup_len);
        fw_cfg_add_bytes(b->fw_cfg, FW_CFG_SETUP_DATA, setup, setup_len);
    }
    g_free(setup);
    g_bytes_unref(file);
    return ok;
}

/* ---- CMOS --------------------------------------------------------------------- */

static void cmos_word(Mc146818 *rtc, unsigned index, uint64_t value)
{
    value = MIN(value, 0xffff);
    mc146818_set_cmos(rtc, index, (uint8_t)value);
    mc146818_set_cmos(rtc, index + 1, (uint8_t)(value >> 8));
}

static void fill_cmos(const PcBoard *b)
{
    Mc146818 *rtc = b->rtc;
    mc146818_set_cmos(rtc, CMOS_EQUIPMENT, CMOS_EQUIPMENT_VALUE);
    cmos_word(rtc, CMOS_BASE_MEM_LOW, PC_LOW_RAM_END / KiB);
    uint64_t ext_kib = (b->below_4g - PC_ISA_BIOS_END) / KiB;
    cmos_word(rtc, CMOS_EXT_MEM_LOW, ext_kib);
    cmos_word(rtc, CMOS_EXT_MEM_POST_LOW, ext_kib);
    cmos_word(rtc, CMOS_EXT_MEM2_LOW, b->below_4g > 16 * MiB ? (b->below_4g - 16 * MiB) / (64 * KiB) : 0);
    uint64_t high_units = b->above_4g / (64 * KiB);
    for (unsigned i = 0; i < 3; i++)
        mc146818_set_cmos(rtc, CMOS_HIGH_MEM_LOW + i, (uint8_t)(high_units >> (8 * i)));
    mc146818_set_cmos(rtc, CMOS_SMP_COUNT, 0);
    mc146818_set_cmos(rtc, CMOS_BOOT_FLAG1, BOOT_FLOPPY << 4 | BOOT_DISK);
    mc146818_set_cmos(rtc, CMOS_BOOT_FLAG2, BOOT_CDROM << 4);
}

/* ---- interrupt routing ----------------------------------------------------------- */

/* ISA IRQ n drives i8259 input n and the IOAPIC input of the same
 * number, but for the PIT's IRQ0, which the MADT puts on input 2. */
static void isa_irq_set(void *opaque, unsigned n, int level)
{
    PcBoard *b = opaque;
    IrqLine pic = i8259_irq_in(b->pic, n);
    IrqLine ioapic = ioapic_irq_in(b->ioapic, n == PC_PIT_IRQ ? PC_PIT_GSI : n);
    irq_set(&pic, level);
    irq_set(&ioapic, level);
}

static IrqLine isa_irq(PcBoard *b, unsigned n)
{
    return (IrqLine){isa_irq_set, b, n};
}

/* The cpu's interrupt acknowledge: the local APIC's vector, or the
 * i8259's when the APIC passes the i8259's request on (ExtINT). */
static int pc_intr_ack(void *opaque)
{
    PcBoard *b = opaque;
    int vector = apic_intr_ack(b->apic);
    return vector == APIC_ACK_EXTINT ? i8259_ack(b->pic) : vector;
}

/* wrmsr IA32_APIC_BASE (X86Sys.board.apic_base_changed, owner = the Machine). */
static void pc_apic_base_changed(void *owner, uint64_t value)
{
    Machine *m = owner;
    apic_set_base(((PcBoard *)m->board_state)->apic, value);
}

static void add_interrupt_controllers(Machine *m, PcBoard *b)
{
    b->apic = apic_new(m, m->as, (IrqLine){cpu_intr_set, m, X86_IRQ_INTR},
                       (IrqLine){cpu_intr_set, m, X86_IRQ_NMI});
    b->ioapic = ioapic_new(m->as, IOAPIC_DEFAULT_BASE, b->apic);
    b->pic = i8259_new(b->ports, apic_lint_in(b->apic, 0));
    X86Sys *sys = x86_sys(m->cpu);
    sys->board.intr_ack = pc_intr_ack;
    sys->board.intr_opaque = b;
    sys->board.apic_base_changed = pc_apic_base_changed;
    sys->board.reset_request = guest_reset_request;
}

/* ---- devices ------------------------------------------------------------------- */

static bool open_debugcon(Machine *m, PcBoard *b, GError **err)
{
    const char *spec = m->opt->debugcon;
    if (!spec)
        return true;
    const char *serial = m->opt->serial ? m->opt->serial : "stdio";
    if (strcmp(spec, "stdio") == 0 && strcmp(serial, "stdio") == 0) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "-debugcon stdio needs the serial port elsewhere (-serial file:PATH, pty, null, ...)");
        return false;
    }
    b->debugcon = chardev_open(spec, err);
    return b->debugcon != NULL;
}

static void add_isa_devices(Machine *m, PcBoard *b)
{
    AddressSpace *ports = b->ports;
    add_interrupt_controllers(m, b);
    b->pit = i8254_new(m, ports, isa_irq(b, PC_PIT_IRQ));
    b->rtc = mc146818_new(m, ports, isa_irq(b, PC_RTC_IRQ));
    fill_cmos(b);
    b->kbc = i8042_new(m, ports, isa_irq(b, PC_KBD_IRQ), isa_irq(b, PC_MOUSE_IRQ), kbc_a20,
                       guest_reset_request, m);
    b->uart = uart16550_new(ports, PC_COM1_PORT, m->serial, isa_irq(b, PC_COM1_IRQ));
    machine_add_poller(m, uart16550_poll, b->uart);
    b->vga = vga_new(m, m->as, ports);
}

/* A key pressed or released in the display's window. */
static void display_key(void *opaque, const uint8_t *scancodes, size_t len)
{
    i8042_key_event(opaque, scancodes, len);
}

/* The IDE channels and the -drive disks on them. */
static bool add_ide(Machine *m, PcBoard *b, GError **err)
{
    b->ide = ide_new(b->ports, isa_irq(b, IDE_PRIMARY_IRQ), isa_irq(b, IDE_SECONDARY_IRQ));
    for (unsigned i = 0; i < MACHINE_MAX_DRIVES; i++) {
        if (!m->opt->drives[i])
            continue;
        BlockDev *disk = blockdev_open(m->opt->drives[i], m->opt->snapshot, err);
        if (!disk)
            return false;
        ide_attach(b->ide, i, disk);
    }
    mc146818_set_cmos(b->rtc, IDE_CMOS_TRANSLATIONS, ide_bios_translations(b->ide));
    return true;
}

static void add_devices(Machine *m, PcBoard *b)
{
    AddressSpace *ports = b->ports;
    b->pci = pci_bus_new(m->as, ports);
    I440fxHooks chipset_hooks = {guest_power_off, drop_translated_code, m};
    b->chipset = i440fx_new(b->pci, m->as, ports, b->isa_bios, &chipset_hooks);
    PcMiscHooks hooks = {port_a_a20, guest_reset_request, m};
    b->misc = pc_misc_new(ports, b->debugcon, &hooks);
    pci_bus_set_cf8_passthrough(b->pci, &pc_misc_cf8_window_ops, b->misc);
    add_isa_devices(m, b);
    fill_fw_cfg(m, b);
}

/* Port A comes out of reset with A20 off, the keyboard controller's
 * output port with it on, which is how the cpu's reset leaves the gate. */
static void reset_a20_sources(PcBoard *b)
{
    b->a20_port_a = false;
    b->a20_kbc = true;
}

static void pc_reset(Machine *m)
{
    PcBoard *b = m->board_state;
    pci_bus_reset(b->pci);
    i440fx_reset(b->chipset);
    pc_misc_reset(b->misc);
    fw_cfg_reset(b->fw_cfg);
    apic_reset(b->apic);
    ioapic_reset(b->ioapic);
    i8259_reset(b->pic);
    i8254_reset(b->pit);
    mc146818_reset(b->rtc);
    i8042_reset(b->kbc);
    uart16550_reset(b->uart);
    vga_reset(b->vga);
    ide_reset(b->ide);
    reset_a20_sources(b);
}

static bool pc_init(Machine *m, GError **err)
{
    PcBoard *b = g_new0(PcBoard, 1);
    m->board_state = b;
    reset_a20_sources(b);
    if (m->opt->dtb || (!m->opt->kernel && (m->opt->initrd || m->opt->append))) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    m->opt->dtb ? "the pc board takes no device tree (-dtb)"
                                : "-initrd and -append need -kernel on the pc board");
        return false;
    }
    if (!split_ram(m, b, err) || !load_bios(m, b, err) || !open_debugcon(m, b, err))
        return false;
    b->ports = as_new();
    x86_sys(m->cpu)->board.ports = b->ports;
    add_ram(m, b);
    add_devices(m, b);
    if (!add_ide(m, b, err))
        return false;
    if (m->opt->kernel && !add_kernel(m, b, err))
        return false;
    m->display = b->display = display_new(m, b->vga, display_key, b->kbc, err);
    return b->display != NULL;
}

/* Everything pc_init made, also when it stopped part way. */
static void pc_free(Machine *m)
{
    PcBoard *b = m->board_state;
    if (!b)
        return;
    if (b->display)
        display_free(b->display);
    if (b->ide)
        ide_free(b->ide);
    if (b->vga)
        vga_free(b->vga);
    if (b->uart)
        uart16550_free(b->uart);
    if (b->kbc)
        i8042_free(b->kbc);
    if (b->rtc)
        mc146818_free(b->rtc);
    if (b->pit)
        i8254_free(b->pit);
    if (b->pic)
        i8259_free(b->pic);
    ioapic_free(b->ioapic);
    apic_free(b->apic);
    if (b->fw_cfg)
        fw_cfg_free(b->fw_cfg);
    if (b->misc)
        pc_misc_free(b->misc);
    if (b->chipset)
        i440fx_free(b->chipset);
    if (b->pci)
        pci_bus_free(b->pci);
    if (b->debugcon)
        chardev_close(b->debugcon);
    if (b->ports)
        as_free(b->ports);
    g_free(b);
    m->board_state = NULL;
}

const BoardDesc board_pc = {
    .name = "pc",
    .summary = "QEMU's pc: i440FX/PIIX3 PC with SeaBIOS (PCI, fw_cfg, PIC, PIT, RTC, i8042, COM1, VGA)",
    .arch = &x86_pc_guest,
    .default_ram_bytes = 128 * MiB,
    .has_display = true,
    .has_disks = true,
    .init = pc_init,
    .reset = pc_reset,
    .free = pc_free,
};
