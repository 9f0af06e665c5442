/* machines/devices/pc_misc.c — POST code latch, system control port A,
 * the debug console and the reset control register of a PC
 * (machines/devices/pc_misc.h). Bits from the 82371FB/SB (PIIX/PIIX3)
 * data sheet, "Port 92h" and "Reset Control Register".
 *
 * Port 0x80 is a device here, the latch of a POST diagnostic card, so its
 * accesses are handled ones and not logged: firmware writes progress
 * codes there and Linux uses it as an I/O delay thousands of times, which
 * would drown -d guest_errors; util/log.h has no item for POST codes.
 * The latch keeps the last code for the debugger (pc_misc_post_code). */
#include "machines/devices/pc_misc.h"

#include <glib.h>

#include "util/log.h"

enum {
    POST_PORT = 0x80,
    PORT_A = 0x92,
    PORT_A_FAST_RESET = 1 << 0,
    PORT_A_FAST_A20 = 1 << 1,
    DEBUGCON_PORT = 0x402,
    DEBUGCON_READBACK = 0xe9,
    RCR_OFFSET_IN_CF8_WINDOW = 1,
    RCR_SYSTEM_RESET = 1 << 1, /* hard reset (kept; every reset here is one) */
    RCR_RESET_CPU = 1 << 2,
    RCR_FULL_RESET = 1 << 3,
    RCR_STORED = RCR_SYSTEM_RESET | RCR_FULL_RESET,
    UNDRIVEN_BUS = 0xff,
};

struct PcMisc {
    AddressSpace *ports;
    MemoryRegion *post_mr, *port_a_mr, *debugcon_mr;
    CharDev *debugcon;
    PcMiscHooks hooks;
    uint8_t post_code, port_a, rcr;
};

/* ---- port 0x80 ---------------------------------------------------------------- */

static uint64_t post_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque, (void)offset, (void)size;
    return UNDRIVEN_BUS;
}

static void post_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)offset, (void)size;
    ((PcMisc *)opaque)->post_code = (uint8_t)value;
}

static const MemoryRegionOps post_ops = {.read = post_read, .write = post_write, .max_size = 1};

/* ---- port 0x92 ------------------------------------------------------------------ */

static uint64_t port_a_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)offset, (void)size;
    return ((PcMisc *)opaque)->port_a;
}

static void port_a_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    PcMisc *p = opaque;
    (void)offset, (void)size;
    uint8_t old = p->port_a;
    p->port_a = (uint8_t)value & (uint8_t)~PORT_A_FAST_RESET;
    if ((old ^ value) & PORT_A_FAST_A20)
        p->hooks.set_a20(p->hooks.opaque, (value & PORT_A_FAST_A20) != 0);
    if (value & PORT_A_FAST_RESET)
        p->hooks.reset(p->hooks.opaque);
}

static const MemoryRegionOps port_a_ops = {.read = port_a_read, .write = port_a_write, .max_size = 1};

/* ---- port 0x402 ------------------------------------------------------------------ */

static uint64_t debugcon_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque, (void)offset, (void)size;
    return DEBUGCON_READBACK;
}

static void debugcon_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    PcMisc *p = opaque;
    (void)offset, (void)size;
    uint8_t byte = (uint8_t)value;
    chardev_write(p->debugcon, &byte, 1);
}

static const MemoryRegionOps debugcon_ops = {.read = debugcon_read, .write = debugcon_write, .max_size = 1};

/* ---- 0xCF9 ------------------------------------------------------------------------ */

static bool is_rcr(uint64_t offset, unsigned size)
{
    return offset == RCR_OFFSET_IN_CF8_WINDOW && size == 1;
}

static uint64_t cf8_window_read(void *opaque, uint64_t offset, unsigned size)
{
    PcMisc *p = opaque;
    if (is_rcr(offset, size))
        return p->rcr;
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("pc: %u-byte read at port 0x%x (nothing there)\n", size, (unsigned)(0xcf8 + offset));
    return (1ull << (8 * size)) - 1;
}

static void cf8_window_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    PcMisc *p = opaque;
    if (!is_rcr(offset, size)) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("pc: %u-byte write of 0x%llx to port 0x%x ignored (nothing there)\n", size,
                       (unsigned long long)value, (unsigned)(0xcf8 + offset));
        return;
    }
    p->rcr = (uint8_t)value & RCR_STORED;
    if (value & RCR_RESET_CPU)
        p->hooks.reset(p->hooks.opaque);
}

const MemoryRegionOps pc_misc_cf8_window_ops = {
    .read = cf8_window_read, .write = cf8_window_write, .max_size = 4};

/* ---- the device -------------------------------------------------------------------- */

PcMisc *pc_misc_new(AddressSpace *ports, CharDev *debugcon, const PcMiscHooks *hooks)
{
    PcMisc *p = g_new0(PcMisc, 1);
    p->ports = ports;
    p->debugcon = debugcon;
    p->hooks = *hooks;
    p->post_mr = as_add_mmio(ports, "post-code", POST_PORT, 1, &post_ops, p, 0);
    p->port_a_mr = as_add_mmio(ports, "port-a", PORT_A, 1, &port_a_ops, p, 0);
    if (debugcon)
        p->debugcon_mr = as_add_mmio(ports, "debugcon", DEBUGCON_PORT, 1, &debugcon_ops, p, 0);
    return p;
}

/* A20 comes back masked with the cpu's reset; the board tells the cpu. */
void pc_misc_reset(PcMisc *p)
{
    p->post_code = 0;
    p->port_a = 0;
    p->rcr = 0;
}

uint8_t pc_misc_post_code(const PcMisc *p)
{
    return p->post_code;
}

void pc_misc_free(PcMisc *p)
{
    as_remove(p->ports, p->post_mr);
    as_remove(p->ports, p->port_a_mr);
    if (p->debugcon_mr)
        as_remove(p->ports, p->debugcon_mr);
    g_free(p);
}
