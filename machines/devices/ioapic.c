/* machines/devices/ioapic.c — the 82093AA I/O APIC: the indirect
 * register window, the redirection table, edge and level inputs with
 * remote IRR, and the messages to the local APIC (machines/devices/
 * apic.h, which has the one cpu's APIC).
 */
#include "machines/devices/ioapic.h"

#include <inttypes.h>

#include "util/log.h"

enum {
    REGION_SIZE = 0x1000,
    OFFSET_IOREGSEL = 0x00,
    OFFSET_IOWIN = 0x10,

    REG_ID = 0x00,
    REG_VERSION = 0x01,
    REG_ARBITRATION = 0x02,
    REG_REDIRECTION = 0x10, /* entry n: 0x10 + 2n low, 0x11 + 2n high */
    IOAPIC_VERSION = (IOAPIC_PINS - 1) << 16 | 0x11,
    ID_MASK = 0x0f000000,
};

/* Redirection entry bits. */
#define RTE_VECTOR 0xffull
#define RTE_MODE_SHIFT 8
#define RTE_LOGICAL (1ull << 11)
#define RTE_ACTIVE_LOW (1ull << 13)
#define RTE_REMOTE_IRR (1ull << 14)
#define RTE_LEVEL (1ull << 15)
#define RTE_MASKED (1ull << 16)
#define RTE_DEST_SHIFT 56
#define RTE_WRITABLE (0xffull << RTE_DEST_SHIFT | RTE_MASKED | RTE_LEVEL | RTE_ACTIVE_LOW | RTE_LOGICAL | \
                      7ull << RTE_MODE_SHIFT | RTE_VECTOR)

struct IoApic {
    AddressSpace *mem;
    MemoryRegion *mr;
    Apic *apic;
    uint8_t select; /* IOREGSEL */
    uint32_t id;
    uint64_t entry[IOAPIC_PINS];
    bool line[IOAPIC_PINS]; /* the input wires as devices drive them */
};

static bool asserted(const IoApic *io, unsigned pin)
{
    return io->line[pin] != !!(io->entry[pin] & RTE_ACTIVE_LOW);
}

/* Send pin's message; a level-triggered one waits for its EOI. */
static void send(IoApic *io, unsigned pin)
{
    uint64_t e = io->entry[pin];
    bool level = e & RTE_LEVEL;
    if (!apic_match_destination(io->apic, (uint8_t)(e >> RTE_DEST_SHIFT), e & RTE_LOGICAL))
        return;
    if (level)
        io->entry[pin] |= RTE_REMOTE_IRR;
    apic_deliver(io->apic, (ApicDeliveryMode)((e >> RTE_MODE_SHIFT) & 7), (uint8_t)(e & RTE_VECTOR), level);
}

/* A level-triggered pin asks again while it is asserted and not in service. */
static void service_level(IoApic *io, unsigned pin)
{
    uint64_t e = io->entry[pin];
    if ((e & RTE_LEVEL) && !(e & (RTE_MASKED | RTE_REMOTE_IRR)) && asserted(io, pin))
        send(io, pin);
}

static void irq_in_set(void *opaque, unsigned pin, int level)
{
    IoApic *io = opaque;
    bool was = asserted(io, pin);
    io->line[pin] = level != 0;
    uint64_t e = io->entry[pin];
    if (e & RTE_LEVEL)
        service_level(io, pin);
    else if (!was && asserted(io, pin) && !(e & RTE_MASKED))
        send(io, pin);
}

IrqLine ioapic_irq_in(IoApic *io, unsigned n)
{
    return (IrqLine){.set = irq_in_set, .opaque = io, .n = n % IOAPIC_PINS};
}

/* The local APIC's EOI broadcast: every level entry with this vector
 * leaves service. */
static void eoi_received(void *opaque, uint8_t vector)
{
    IoApic *io = opaque;
    for (unsigned pin = 0; pin < IOAPIC_PINS; pin++) {
        if ((io->entry[pin] & RTE_VECTOR) == vector && (io->entry[pin] & RTE_REMOTE_IRR)) {
            io->entry[pin] &= ~RTE_REMOTE_IRR;
            service_level(io, pin);
        }
    }
}

/* ---- the register window ------------------------------------------------------------ */

static bool entry_of(unsigned reg, unsigned *pin, unsigned *half)
{
    if (reg < REG_REDIRECTION || reg >= REG_REDIRECTION + 2 * IOAPIC_PINS)
        return false;
    *pin = (reg - REG_REDIRECTION) / 2;
    *half = (reg - REG_REDIRECTION) % 2;
    return true;
}

static uint32_t read_register(IoApic *io, unsigned reg)
{
    unsigned pin, half;
    if (entry_of(reg, &pin, &half))
        return (uint32_t)(io->entry[pin] >> (32 * half));
    if (reg == REG_ID || reg == REG_ARBITRATION)
        return io->id;
    if (reg == REG_VERSION)
        return IOAPIC_VERSION;
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("ioapic: read of register 0x%02x, which does not exist\n", reg);
    return 0;
}

static void write_entry(IoApic *io, unsigned pin, unsigned half, uint32_t value)
{
    uint64_t old = io->entry[pin], shift = 32 * half;
    uint64_t written = (old & ~(0xffffffffull << shift)) | (uint64_t)value << shift;
    io->entry[pin] = (written & RTE_WRITABLE) | (old & RTE_REMOTE_IRR);
    if (!(io->entry[pin] & RTE_LEVEL))
        io->entry[pin] &= ~RTE_REMOTE_IRR;
    service_level(io, pin);
}

static void write_register(IoApic *io, unsigned reg, uint32_t value)
{
    unsigned pin, half;
    if (entry_of(reg, &pin, &half))
        write_entry(io, pin, half, value);
    else if (reg == REG_ID)
        io->id = value & ID_MASK;
    else if (reg != REG_VERSION && reg != REG_ARBITRATION && log_enabled(LOG_GUEST_ERRORS))
        log_printf("ioapic: write of 0x%08x to register 0x%02x, which does not exist\n", value, reg);
}

static uint64_t ioapic_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    IoApic *io = opaque;
    if (offset == OFFSET_IOREGSEL)
        return io->select;
    if (offset == OFFSET_IOWIN)
        return read_register(io, io->select);
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("ioapic: read at offset 0x%02" PRIx64 "\n", offset);
    return 0;
}

static void ioapic_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    IoApic *io = opaque;
    if (offset == OFFSET_IOREGSEL)
        io->select = (uint8_t)value;
    else if (offset == OFFSET_IOWIN)
        write_register(io, io->select, (uint32_t)value);
    else if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("ioapic: write at offset 0x%02" PRIx64 "\n", offset);
}

static const MemoryRegionOps ioapic_ops = {
    .read = ioapic_mmio_read, .write = ioapic_mmio_write, .max_size = 4};

/* ---- life cycle ------------------------------------------------------------------------- */

void ioapic_reset(IoApic *io)
{
    io->select = 0;
    io->id = 0;
    for (unsigned pin = 0; pin < IOAPIC_PINS; pin++)
        io->entry[pin] = RTE_MASKED;
}

IoApic *ioapic_new(AddressSpace *mem, uint64_t base, Apic *apic)
{
    IoApic *io = g_new0(IoApic, 1);
    io->mem = mem;
    io->apic = apic;
    io->mr = as_add_mmio(mem, "ioapic", base, REGION_SIZE, &ioapic_ops, io, 1);
    apic_set_eoi_listener(apic, eoi_received, io);
    ioapic_reset(io);
    return io;
}

void ioapic_free(IoApic *io)
{
    if (!io)
        return;
    apic_set_eoi_listener(io->apic, NULL, NULL);
    as_remove(io->mem, io->mr);
    g_free(io);
}
