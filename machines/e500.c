/* machines/e500.c — the "e500" board: QEMU's ppce500 machine as U-Boot's
 * qemu-ppce500 build expects it (an MPC8544-like system on chip around
 * an e500v2 core), with what morph models of it.
 *
 *   physical map (36-bit)
 *   0x0_0000_0000  RAM (-m, default 128 MiB, whole 64 MiB units)
 *   0xC_0000_0000  PCI memory window, 512 MiB (PCI 0xE000_0000): named by
 *                  the device tree, unmapped (no PCI device to reach)
 *   0xF_E000_0000  CCSR, 1 MiB:  +0x4500  16550 UART (console, MPIC input 42)
 *                                +0x8000  PCI host controller (the host bridge)
 *                                +0x40000 MPIC (OpenPIC)
 *                                +0xE0000 global utilities (reset control)
 *                  anything else in CCSR reads 0 and ignores writes,
 *                  logged under -d guest_errors
 *   0xF_E100_0000  PCI I/O window, 64 KiB: as the memory window
 *
 * Boot (as QEMU's e500 board does it): the payload (-bios, or -kernel
 * alone) is an ELF file, or a raw image placed at its link address
 * 0xF00000; a -kernel given with -bios goes above 32 MiB and the
 * firmware finds it in /chosen; the device tree goes above everything
 * loaded, on a 1 MiB boundary. The CPU starts at the payload's entry with
 * one TLB1 entry mapping [0, 4^n KiB) over everything loaded, and the
 * ePAPR registers: r1 = 16 MiB - 8, r3 = the device tree, r6 = the ePAPR
 * magic, r7 = the size of that mapping.
 */
#include <elf.h>
#include <string.h>

#include <libfdt.h>

#include "frontend/ppc/e500.h"
#include "machines/devices/e500_guts.h"
#include "machines/devices/e500_pci.h"
#include "machines/devices/openpic.h"
#include "machines/devices/uart16550.h"
#include "machines/loader.h"
#include "machines/machine.h"
#include "util/log.h"

#define MiB (1ull << 20)

enum {
    E500_RAM_UNIT = 64 * MiB,      /* RAM comes in whole units (as in QEMU) */
    E500_RAW_LOAD_ADDR = 0xF00000, /* U-Boot's link address: where a raw image goes */
    E500_BLOBS_FLOOR = 32 * MiB,   /* U-Boot uses what lies below: kernels go above */
    E500_DTB_PAD = 0x1800000,      /* room between the images and the device tree */
    E500_DTB_ALIGN = 1 * MiB,
    E500_INITRD_PAD = 0x2000000,
    E500_INITRD_ALIGN = 16 * MiB,
    E500_DTB_SPACE = 64 * 1024, /* room for the generated tree */
    E500_CLOCK_HZ = 400000000,  /* core, bus and time base clocks (QEMU's) */
    E500_CONSOLE_IRQ = 42,      /* MPIC input of the DUART */
    EPAPR_MAGIC = 0x45504150,   /* r6 of an ePAPR boot: "EPAP" */
};

#define E500_CCSR_BASE 0xFE0000000ull
#define E500_CCSR_SIZE MiB
#define E500_UART_OFFSET 0x4500u
#define E500_PCI_OFFSET 0x8000u
#define E500_MPIC_OFFSET 0x40000u
#define E500_GUTS_OFFSET 0xE0000u
#define E500_MAX_RAM E500_CCSR_BASE

enum {
    E500_PCI_CLOCK_HZ = 66666666,
    E500_PCI_SLOTS = 32,    /* devices 1..31 have interrupts routed */
    E500_PCI_FIRST_IRQ = 1, /* INTA..INTD rotate over MPIC inputs 1..4 */
};

/* The boot TLB1 entry in MAS form (e500 core reference manual §12.7.1). */
enum {
    BOOT_MAS1_VALID = 1u << 31,
    BOOT_MAS1_TSIZE_SHIFT = 8,   /* TSIZE: 4^TSIZE KiB */
    BOOT_MAS3_ALL_ACCESS = 0x3f, /* UX SX UW SW UR SR */
};

typedef struct E500Board {
    LoadedImage *payload;         /* what the cpu starts (-bios, or -kernel alone) */
    LoadedImage *kernel, *initrd; /* -kernel beside -bios, -initrd */
    void *fdt;                    /* the device tree handed over */
    uint64_t fdt_addr;
    unsigned boot_map_tsize; /* TLB1 entry 0 maps 4^tsize KiB from 0 */
    OpenPic *pic;
    Uart16550 *uart;
    E500Pci *pci;
    E500Guts *guts;
} E500Board;

/* ---- unmodelled CCSR registers ------------------------------------------- */

static uint64_t ccsr_unmodelled_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque;
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("e500: read of %u bytes at unmodelled CCSR register 0x%09llx\n", size,
                   (unsigned long long)(E500_CCSR_BASE + offset));
    return 0;
}

static void ccsr_unmodelled_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)opaque;
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("e500: write of %u bytes (0x%llx) to unmodelled CCSR register 0x%09llx\n", size,
                   (unsigned long long)value, (unsigned long long)(E500_CCSR_BASE + offset));
}

static const MemoryRegionOps ccsr_unmodelled_ops = {
    .read = ccsr_unmodelled_read,
    .write = ccsr_unmodelled_write,
    .big_endian = true,
    .max_size = 4,
};

/* ---- devices ---------------------------------------------------------------- */

static void cpu_irq_set(void *opaque, unsigned line, int level)
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

static void add_devices(Machine *m, E500Board *b)
{
    as_add_mmio(m->as, "ccsr-unmodelled", E500_CCSR_BASE, E500_CCSR_SIZE, &ccsr_unmodelled_ops, m, -1);
    IrqLine cpu_int = {cpu_irq_set, m, PPC_E500_IRQ_INT};
    b->pic = openpic_new(m->as, E500_CCSR_BASE + E500_MPIC_OFFSET, cpu_int);
    b->uart = uart16550_new(m->as, E500_CCSR_BASE + E500_UART_OFFSET, m->serial,
                            openpic_irq_in(b->pic, E500_CONSOLE_IRQ));
    machine_add_poller(m, uart16550_poll, b->uart);
    b->pci = e500_pci_new(m->as, E500_CCSR_BASE + E500_PCI_OFFSET);
    b->guts = e500_guts_new(m->as, E500_CCSR_BASE + E500_GUTS_OFFSET, guest_reset_request, m);
}

/* The global utilities hold no state a reset could change. */
static void reset_devices(const E500Board *b)
{
    openpic_reset(b->pic);
    uart16550_reset(b->uart);
    e500_pci_reset(b->pci);
}

/* ---- the device tree -------------------------------------------------------- */

enum { E500_MPIC_PHANDLE = 1 };

/* A property of n big-endian 32-bit cells. */
static void fdt_cell_array(void *fdt, const char *name, const uint32_t *cells, size_t n)
{
    fdt32_t *be = g_new(fdt32_t, n);
    for (size_t i = 0; i < n; i++)
        be[i] = cpu_to_fdt32(cells[i]);
    fdt_property(fdt, name, be, n * sizeof *be);
    g_free(be);
}

/* Properties of two and four big-endian 32-bit cells. */
static void fdt_cells2(void *fdt, const char *name, uint32_t a, uint32_t b)
{
    fdt32_t be[2] = {cpu_to_fdt32(a), cpu_to_fdt32(b)};
    fdt_property(fdt, name, be, sizeof be);
}

static void fdt_cells4(void *fdt, const char *name, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    fdt32_t be[4] = {cpu_to_fdt32(a), cpu_to_fdt32(b), cpu_to_fdt32(c), cpu_to_fdt32(d)};
    fdt_property(fdt, name, be, sizeof be);
}

#define E500_SOC_PATH "/soc@fe0000000"
#define E500_CONSOLE_PATH E500_SOC_PATH "/serial@4500"
#define E500_PCI_NODE "pci@fe0008000"
#define E500_PCI_PATH "/" E500_PCI_NODE

static void fdt_chosen(void *fdt, const Machine *m, const E500Board *b)
{
    fdt_begin_node(fdt, "chosen");
    fdt_property_string(fdt, "bootargs", m->opt->append ? m->opt->append : "");
    fdt_property_string(fdt, "stdout-path", E500_CONSOLE_PATH);
    fdt_property_string(fdt, "linux,stdout-path", E500_CONSOLE_PATH);
    if (b->initrd) {
        fdt_property_u32(fdt, "linux,initrd-start", (uint32_t)b->initrd->low);
        fdt_property_u32(fdt, "linux,initrd-end", (uint32_t)b->initrd->high);
    }
    if (b->kernel) {
        uint64_t size = b->kernel->high - b->kernel->low;
        fdt_cells4(fdt, "qemu,boot-kernel", (uint32_t)(b->kernel->low >> 32), (uint32_t)b->kernel->low,
                   (uint32_t)(size >> 32), (uint32_t)size);
    }
    fdt_end_node(fdt);
}

static void fdt_cpus(void *fdt)
{
    fdt_begin_node(fdt, "cpus");
    fdt_property_u32(fdt, "#address-cells", 1);
    fdt_property_u32(fdt, "#size-cells", 0);
    fdt_begin_node(fdt, "PowerPC,8544@0");
    fdt_property_string(fdt, "device_type", "cpu");
    fdt_property_u32(fdt, "reg", 0);
    fdt_property_u32(fdt, "clock-frequency", E500_CLOCK_HZ);
    fdt_property_u32(fdt, "timebase-frequency", E500_CLOCK_HZ);
    fdt_property_u32(fdt, "bus-frequency", 0);
    fdt_property_u32(fdt, "d-cache-line-size", 32);
    fdt_property_u32(fdt, "i-cache-line-size", 32);
    fdt_property_u32(fdt, "d-cache-size", 0x8000);
    fdt_property_u32(fdt, "i-cache-size", 0x8000);
    fdt_property_string(fdt, "status", "okay");
    fdt_end_node(fdt);
    fdt_end_node(fdt);
}

static void fdt_soc(void *fdt)
{
    static const char soc_compatible[] = "fsl,mpc8544-immr\0simple-bus";
    fdt_begin_node(fdt, "soc@fe0000000");
    fdt_property_string(fdt, "device_type", "soc");
    fdt_property(fdt, "compatible", soc_compatible, sizeof soc_compatible);
    fdt_property_u32(fdt, "#address-cells", 1);
    fdt_property_u32(fdt, "#size-cells", 1);
    fdt_cells4(fdt, "ranges", 0, (uint32_t)(E500_CCSR_BASE >> 32), (uint32_t)E500_CCSR_BASE,
               (uint32_t)E500_CCSR_SIZE);
    fdt_property_u32(fdt, "bus-frequency", 0);

    fdt_begin_node(fdt, "pic@40000");
    fdt_property_string(fdt, "device_type", "open-pic");
    fdt_property_string(fdt, "compatible", "fsl,mpic");
    fdt_cells2(fdt, "reg", E500_MPIC_OFFSET, OPENPIC_REGION_SIZE);
    fdt_property_u32(fdt, "#address-cells", 0);
    fdt_property_u32(fdt, "#interrupt-cells", 2);
    fdt_property(fdt, "interrupt-controller", NULL, 0);
    fdt_property_u32(fdt, "phandle", E500_MPIC_PHANDLE);
    fdt_property_u32(fdt, "linux,phandle", E500_MPIC_PHANDLE);
    fdt_end_node(fdt);

    fdt_begin_node(fdt, "serial@4500");
    fdt_property_string(fdt, "device_type", "serial");
    fdt_property_string(fdt, "compatible", "ns16550");
    fdt_cells2(fdt, "reg", E500_UART_OFFSET, UART16550_REGION_SIZE);
    fdt_property_u32(fdt, "cell-index", 0);
    fdt_property_u32(fdt, "clock-frequency", E500_CLOCK_HZ);
    fdt_cells2(fdt, "interrupts", E500_CONSOLE_IRQ, 2);
    fdt_property_u32(fdt, "interrupt-parent", E500_MPIC_PHANDLE);
    fdt_end_node(fdt);

    fdt_begin_node(fdt, "global-utilities@e0000");
    fdt_property_string(fdt, "compatible", "fsl,mpc8544-guts");
    fdt_cells2(fdt, "reg", E500_GUTS_OFFSET, E500_GUTS_REGION_SIZE);
    fdt_property(fdt, "fsl,has-rstcr", NULL, 0);
    fdt_end_node(fdt);

    fdt_end_node(fdt);
}

/* PCI devices 1..31: INTA..INTD (pins 1..4) of device d go to MPIC
 * inputs 1..4 rotated by d, active-low level as PCI's INTx are (sense 1
 * of the MPIC's two-cell specifier); QEMU's routing. */
static void fdt_pci_interrupt_map(void *fdt)
{
    enum { PINS = 4, CELLS = 7 }; /* unit address (3), pin, MPIC phandle, input, sense */
    uint32_t map[E500_PCI_SLOTS - 1][PINS][CELLS];
    for (uint32_t slot = 1; slot < E500_PCI_SLOTS; slot++) {
        for (uint32_t pin = 1; pin <= PINS; pin++) {
            uint32_t input = E500_PCI_FIRST_IRQ + (slot + pin - 1) % PINS;
            const uint32_t row[CELLS] = {slot << 11, 0, 0, pin, E500_MPIC_PHANDLE, input, 1};
            memcpy(map[slot - 1][pin - 1], row, sizeof row);
        }
    }
    fdt_cell_array(fdt, "interrupt-map", &map[0][0][0], sizeof map / sizeof map[0][0][0]);
    fdt_cells4(fdt, "interrupt-map-mask", 0xf800, 0, 0, 7);
}

/* The windows from the CPU's physical space into PCI's (QEMU's): named
 * in the tree, unassigned in morph's map while no PCI device exists. */
typedef struct PciWindow {
    uint32_t space; /* PCI address space code (phys.hi) */
    uint32_t pci_addr, size;
    uint64_t cpu_addr;
} PciWindow;

static const PciWindow e500_pci_windows[] = {
    {0x02000000, 0xE0000000, 0x20000000, 0xC00000000ull}, /* 32-bit memory, 512 MiB */
    {0x01000000, 0x00000000, 0x00010000, 0xFE1000000ull}, /* I/O, 64 KiB */
};

/* The PCI controller: its registers, its windows (PCI address in three
 * cells, CPU address in two, size in two), its interrupt routing. */
static void fdt_pci(void *fdt)
{
    enum { WINDOW_CELLS = 7 };
    uint32_t ranges[G_N_ELEMENTS(e500_pci_windows)][WINDOW_CELLS];
    for (size_t i = 0; i < G_N_ELEMENTS(e500_pci_windows); i++) {
        const PciWindow *w = &e500_pci_windows[i];
        uint32_t cpu_hi = (uint32_t)(w->cpu_addr >> 32), cpu_lo = (uint32_t)w->cpu_addr;
        const uint32_t row[WINDOW_CELLS] = {w->space, 0, w->pci_addr, cpu_hi, cpu_lo, 0, w->size};
        memcpy(ranges[i], row, sizeof row);
    }
    uint64_t regs = E500_CCSR_BASE + E500_PCI_OFFSET;

    fdt_begin_node(fdt, E500_PCI_NODE);
    fdt_property_string(fdt, "device_type", "pci");
    fdt_property_string(fdt, "compatible", "fsl,mpc8540-pci");
    fdt_property_u32(fdt, "#address-cells", 3);
    fdt_property_u32(fdt, "#size-cells", 2);
    fdt_property_u32(fdt, "#interrupt-cells", 1);
    fdt_property_u32(fdt, "clock-frequency", E500_PCI_CLOCK_HZ);
    fdt_cells4(fdt, "reg", (uint32_t)(regs >> 32), (uint32_t)regs, 0, E500_PCI_REGION_SIZE);
    fdt_cell_array(fdt, "ranges", &ranges[0][0], sizeof ranges / sizeof ranges[0][0]);
    fdt_cells2(fdt, "bus-range", 0, 0xff);
    fdt_pci_interrupt_map(fdt);
    fdt_end_node(fdt);
}

/* The board's own tree: exactly what morph models. */
static void *build_fdt(const Machine *m, const E500Board *b, uint64_t ram_bytes)
{
    void *fdt = g_malloc0(E500_DTB_SPACE);
    fdt_create(fdt, E500_DTB_SPACE);
    fdt_finish_reservemap(fdt);
    fdt_begin_node(fdt, "");
    fdt_property_u32(fdt, "#address-cells", 2);
    fdt_property_u32(fdt, "#size-cells", 2);
    fdt_property_string(fdt, "compatible", "fsl,qemu-e500");
    fdt_property_string(fdt, "model", "morph ppce500");

    fdt_begin_node(fdt, "memory");
    fdt_property_string(fdt, "device_type", "memory");
    fdt_cells4(fdt, "reg", 0, 0, (uint32_t)(ram_bytes >> 32), (uint32_t)ram_bytes);
    fdt_end_node(fdt);

    fdt_chosen(fdt, m, b);
    fdt_cpus(fdt);
    fdt_begin_node(fdt, "aliases");
    fdt_property_string(fdt, "serial0", E500_CONSOLE_PATH);
    fdt_property_string(fdt, "pci0", E500_PCI_PATH);
    fdt_end_node(fdt);
    fdt_soc(fdt);
    fdt_pci(fdt);

    fdt_end_node(fdt);
    int rc = fdt_finish(fdt);
    g_assert(rc == 0); /* E500_DTB_SPACE holds the whole tree */
    return fdt;
}

/* -dtb FILE: a tree of the user's, checked to be one. */
static void *read_fdt_file(const char *path, GError **err)
{
    GBytes *file = loader_read_file(path, err);
    if (!file)
        return NULL;
    gsize len;
    void *fdt = g_bytes_unref_to_data(file, &len);
    if (len < sizeof(struct fdt_header) || fdt_check_header(fdt) != 0 || fdt_totalsize(fdt) > len) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, "%s: not a flattened device tree (dtb)",
                    path);
        g_free(fdt);
        return NULL;
    }
    return fdt;
}

/* ---- loading -------------------------------------------------------------- */

static uint64_t align_up(uint64_t v, uint64_t a)
{
    return (v + a - 1) & ~(a - 1);
}

static uint64_t highest_loaded(const E500Board *b)
{
    uint64_t top = b->payload->high;
    if (b->kernel)
        top = MAX(top, b->kernel->high);
    if (b->initrd)
        top = MAX(top, b->initrd->high);
    return top;
}

static bool load_images(Machine *m, E500Board *b, GError **err)
{
    const MachineOptions *opt = m->opt;
    const char *payload = opt->bios ? opt->bios : opt->kernel;
    if (!payload) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "the e500 board needs firmware (-bios FILE) or a kernel (-kernel FILE)");
        return false;
    }
    /* A raw firmware image runs from U-Boot's link address; a raw
     * kernel booted directly from physical 0. */
    LoaderTarget target = {.elf_machine = EM_PPC, .raw_addr = opt->bios ? E500_RAW_LOAD_ADDR : 0};
    b->payload = loader_load(m->as, payload, &target, err);
    if (!b->payload)
        return false;
    uint64_t next = MAX(align_up(b->payload->high, 8), E500_BLOBS_FLOOR);
    if (opt->bios && opt->kernel) {
        b->kernel = loader_load_raw(m->as, opt->kernel, next, err);
        if (!b->kernel)
            return false;
        next = b->kernel->high;
    }
    if (opt->initrd) {
        uint64_t at = (next + E500_INITRD_PAD) & ~(uint64_t)(E500_INITRD_ALIGN - 1);
        b->initrd = loader_load_raw(m->as, opt->initrd, at, err);
        if (!b->initrd)
            return false;
    }
    return true;
}

/* Put the device tree above the images, where it is then written. */
static bool place_fdt(Machine *m, E500Board *b, uint64_t ram_bytes, GError **err)
{
    b->fdt = m->opt->dtb ? read_fdt_file(m->opt->dtb, err) : build_fdt(m, b, ram_bytes);
    if (!b->fdt)
        return false;
    b->fdt_addr = (highest_loaded(b) + E500_DTB_PAD) & ~(uint64_t)(E500_DTB_ALIGN - 1);
    uint64_t end = b->fdt_addr + fdt_totalsize(b->fdt);
    if (end > ram_bytes) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "the images and the device tree need 0x%llx bytes of RAM; -m gives 0x%llx",
                    (unsigned long long)end, (unsigned long long)ram_bytes);
        return false;
    }
    b->boot_map_tsize = 1;
    while ((1024ull << (2 * b->boot_map_tsize)) <= end)
        b->boot_map_tsize++;
    return true;
}

/* ---- the cpu's start ------------------------------------------------------ */

static void start_cpu(Machine *m)
{
    E500Board *b = m->board_state;
    PpcCpu *cpu = (PpcCpu *)m->cpu;
    as_write(m->as, b->fdt_addr, b->fdt, fdt_totalsize(b->fdt), true);
    uint64_t map_bytes = 1024ull << (2 * b->boot_map_tsize);
    memset(cpu->gpr, 0, sizeof cpu->gpr);
    cpu->gpr[1] = 16 * MiB - 8;
    cpu->gpr[3] = b->fdt_addr;
    cpu->gpr[6] = EPAPR_MAGIC;
    cpu->gpr[7] = map_bytes;
    cpu->booke.tb_freq_hz = E500_CLOCK_HZ;
    cpu->booke.tlb1[0] = (PpcTlbEntry){
        .mas1 = BOOT_MAS1_VALID | b->boot_map_tsize << BOOT_MAS1_TSIZE_SHIFT,
        .mas3 = BOOT_MAS3_ALL_ACCESS,
    };
    ppc_e500_mappings_changed(cpu);
    m->cpu->pc = b->payload->entry;
}

static void e500_reset(Machine *m)
{
    E500Board *b = m->board_state;
    reset_devices(b);
    loader_reload(m->as, b->payload);
    if (b->kernel)
        loader_reload(m->as, b->kernel);
    if (b->initrd)
        loader_reload(m->as, b->initrd);
    start_cpu(m);
}

static bool e500_init(Machine *m, GError **err)
{
    uint64_t ram_bytes = m->opt->ram_bytes ? m->opt->ram_bytes : m->board->default_ram_bytes;
    ram_bytes &= ~(uint64_t)(E500_RAM_UNIT - 1);
    if (ram_bytes == 0 || ram_bytes > E500_MAX_RAM) {
        g_set_error(err, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "the e500 board takes from 64M to 63G of RAM (in 64M units), not %lluM",
                    (unsigned long long)(m->opt->ram_bytes >> 20));
        return false;
    }
    E500Board *b = g_new0(E500Board, 1);
    m->board_state = b;
    as_add_ram(m->as, "ram", 0, ram_bytes);
    add_devices(m, b);
    PpcCpu *cpu = (PpcCpu *)m->cpu; /* the watchdog's reset and DBCR0[RST] (a reset keeps them) */
    cpu->booke.reset_request = guest_reset_request;
    cpu->booke.reset_opaque = m;
    if (!load_images(m, b, err) || !place_fdt(m, b, ram_bytes, err))
        return false;
    start_cpu(m);
    return true;
}

/* Everything e500_init made, also when it stopped part way. */
static void e500_free(Machine *m)
{
    E500Board *b = m->board_state;
    if (!b)
        return;
    if (b->guts)
        e500_guts_free(b->guts);
    if (b->pci)
        e500_pci_free(b->pci);
    if (b->uart)
        uart16550_free(b->uart);
    if (b->pic)
        openpic_free(b->pic);
    loader_free(b->payload);
    loader_free(b->kernel);
    loader_free(b->initrd);
    g_free(b->fdt);
    g_free(b);
    m->board_state = NULL;
}

const BoardDesc board_e500 = {
    .name = "e500",
    .summary = "QEMU's ppce500: e500v2 core, MPC8544-like SoC (UART, MPIC, PCI host), U-Boot",
    .arch = &ppc_e500_guest,
    .default_ram_bytes = 128 * MiB,
    .init = e500_init,
    .reset = e500_reset,
    .free = e500_free,
};
