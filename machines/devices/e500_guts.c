/* machines/devices/e500_guts.c — the MPC8544 global utilities registers
 * the firmware reads or writes (MPC8544E RM ch. 18, "Global Utilities"):
 *
 *   +0x00  PORPLLSR  POR PLL status: e500 core:CCB ratio in bits 21:16
 *                    (in halves: 2 = 1:1, 5 = 5:2), CCB:SYSCLK ratio in
 *                    bits 5:1. U-Boot's generic get_sys_info computes CCB =
 *                    SYSCLK * plat_ratio and core = CCB * e500_ratio / 2;
 *                    the ratios here turn a 100 MHz SYSCLK into the
 *                    400 MHz CCB and core that QEMU's board (and its
 *                    device tree's clock-frequency) gives
 *   +0x0C  PORDEVSR  POR I/O device status (configuration pins)
 *   +0xA0  PVR       mirror of the core's PVR
 *   +0xA4  SVR       mirror of the system version register
 *   +0xB0  RSTCR     reset control: writing HRESET_REQ (0x2) resets the
 *                    device
 *
 * Registers are big-endian words; other offsets read 0 and ignore
 * writes, logged under -d guest_errors. */
#include "machines/devices/e500_guts.h"

#include <inttypes.h>

#include <glib.h>

#include "util/log.h"

enum {
    PLAT_RATIO = 4, /* CCB:SYSCLK 4:1 */
    E500_RATIO = 2, /* core:CCB 1:1, in halves */
    PORPLLSR_VALUE = E500_RATIO << 16 | PLAT_RATIO << 1,
    /* All configuration pins at their defaults: no SerDes I/O port
     * selected (IO_SEL 0), as QEMU's ppce500 reads. */
    PORDEVSR_VALUE = 0,
    RSTCR_HRESET_REQ = 0x2,
};

struct E500Guts {
    AddressSpace *as;
    MemoryRegion *mr;
    void (*request_reset)(void *opaque);
    void *opaque;
};

static uint32_t read_porpllsr(E500Guts *g) { (void)g; return PORPLLSR_VALUE; }
static uint32_t read_pordevsr(E500Guts *g) { (void)g; return PORDEVSR_VALUE; }
static uint32_t read_pvr(E500Guts *g) { (void)g; return E500_GUTS_PVR; }
static uint32_t read_svr(E500Guts *g) { (void)g; return E500_GUTS_SVR; }
static uint32_t read_rstcr(E500Guts *g) { (void)g; return 0; }

static void write_rstcr(E500Guts *g, uint32_t v)
{
    if (v & RSTCR_HRESET_REQ)
        g->request_reset(g->opaque);
}

static const struct {
    uint32_t offset;
    uint32_t (*read)(E500Guts *g);
    void (*write)(E500Guts *g, uint32_t v); /* NULL: read-only */
} registers[] = {
    { 0x00, read_porpllsr, NULL },
    { 0x0c, read_pordevsr, NULL },
    { 0xa0, read_pvr, NULL },
    { 0xa4, read_svr, NULL },
    { 0xb0, read_rstcr, write_rstcr },
};

static int find_register(uint64_t offset, unsigned size)
{
    for (size_t i = 0; size == 4 && i < G_N_ELEMENTS(registers); i++)
        if (registers[i].offset == offset)
            return (int)i;
    return -1;
}

static uint64_t guts_read(void *opaque, uint64_t offset, unsigned size)
{
    int i = find_register(offset, size);
    if (i < 0) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("e500_guts: %u-byte read of unknown register +%#" PRIx64 "\n", size, offset);
        return 0;
    }
    return registers[i].read(opaque);
}

static void guts_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    int i = find_register(offset, size);
    if (i < 0 || !registers[i].write) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("e500_guts: %u-byte write of %#" PRIx64 " to %s register +%#" PRIx64 "\n",
                       size, value, i < 0 ? "unknown" : "read-only", offset);
        return;
    }
    registers[i].write(opaque, (uint32_t)value);
}

static const MemoryRegionOps guts_ops = {
    .read = guts_read,
    .write = guts_write,
    .big_endian = true,
    .max_size = 4,
};

E500Guts *e500_guts_new(AddressSpace *as, uint64_t base, void (*request_reset)(void *opaque),
                        void *opaque)
{
    E500Guts *g = g_new0(E500Guts, 1);
    g->request_reset = request_reset;
    g->opaque = opaque;
    g->as = as;
    g->mr = as_add_mmio(as, "e500_guts", base, E500_GUTS_REGION_SIZE, &guts_ops, g, 0);
    return g;
}

void e500_guts_free(E500Guts *g)
{
    as_remove(g->as, g->mr);
    g_free(g);
}
