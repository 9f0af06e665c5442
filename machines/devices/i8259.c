/* machines/devices/i8259.c — the PC's cascaded 8259A pair (Intel 8259A
 * data sheet; the ELCR from the PIIX3 data sheet 4.2.4).
 *
 * Each chip keeps its request latches, in-service and mask registers:
 *
 *   input line ─► edge latch (edge mode) ─┐
 *              └──────────────────────────┴─► IRR ─► & ~IMR ─► priority
 *                                                  resolver ◄── ISR ─► INT
 *
 * An edge-triggered input latches its request on the rising edge and
 * keeps it until acknowledged; a level-triggered one (ELCR bit, or ICW1's
 * LTIM) requests while its line is high. Priorities rotate: level
 * `lowest + 1` is the highest. The slave's INT drives the master's IR2.
 */
#include "machines/devices/i8259.h"

enum {
    MASTER = 0,
    SLAVE = 1,
    CASCADE_IR = 2, /* the master's input the slave drives */
    SPURIOUS_IR = 7,

    ICW1_IC4 = 1 << 0,   /* ICW4 follows */
    ICW1_SNGL = 1 << 1,  /* single chip: no ICW3 */
    ICW1_LTIM = 1 << 3,  /* every input level-triggered */
    ICW1_MARK = 1 << 4,  /* port 0 write with this bit: ICW1 */
    ICW4_AEOI = 1 << 1,  /* automatic end of interrupt */
    ICW4_SFNM = 1 << 4,  /* special fully nested mode */
    OCW3_MARK = 1 << 3,  /* port 0 write without ICW1_MARK: OCW3 if set, else OCW2 */
    OCW3_RIS = 1 << 0,   /* with RR: read ISR (else IRR) */
    OCW3_RR = 1 << 1,
    OCW3_POLL = 1 << 2,
    OCW3_SMM = 1 << 5,   /* with ESMM: special mask mode on (else off) */
    OCW3_ESMM = 1 << 6,
    POLL_INTERRUPT = 0x80, /* poll reply: a request was found (its level in bits 2-0) */

    /* Writable ELCR bits: IRQ0-2, IRQ8 and IRQ13 are edge-only. */
    ELCR_MASTER_MASK = 0xf8,
    ELCR_SLAVE_MASK = 0xde,
};

typedef enum InitStep { OPERATIONAL, WANT_ICW2, WANT_ICW3, WANT_ICW4 } InitStep;

typedef struct PicChip {
    struct I8259 *pic;
    unsigned index;       /* MASTER or SLAVE */
    uint8_t lines;        /* input levels */
    uint8_t edge_latch;   /* rising edges not yet acknowledged */
    uint8_t isr, imr, elcr, elcr_mask;
    uint8_t vector_base;  /* ICW2 bits 7-3 */
    uint8_t icw1, icw3, icw4;
    uint8_t lowest;       /* the lowest-priority level */
    InitStep init_step;
    bool read_isr, poll, special_mask, rotate_on_aeoi;
    int output;           /* INT */
    MemoryRegion *mr;
} PicChip;

struct I8259 {
    AddressSpace *ports;
    MemoryRegion *elcr_mr;
    IrqLine intr_out;
    PicChip chip[2];
};

/* ---- priority resolution ------------------------------------------------------ */

static uint8_t level_triggered(const PicChip *c)
{
    return (c->icw1 & ICW1_LTIM) ? 0xff : c->elcr;
}

static uint8_t irr(const PicChip *c)
{
    uint8_t level = level_triggered(c);
    return (c->edge_latch & ~level) | (c->lines & level);
}

/* The set bit of `bits` with the highest priority, or -1. */
static int highest_priority(const PicChip *c, uint8_t bits)
{
    for (unsigned i = 1; i <= 8; i++) {
        unsigned ir = (c->lowest + i) & 7;
        if (bits & (1u << ir))
            return (int)ir;
    }
    return -1;
}

static unsigned priority_rank(const PicChip *c, int ir)
{
    return (unsigned)(ir - (int)c->lowest - 1) & 7; /* 0 = highest */
}

/* The request INT stands for: the highest unmasked one, if no level of
 * equal or higher priority is in service. In special mask mode masked
 * in-service levels do not block; in special fully nested mode the
 * master takes a new request of the slave whose earlier one is in
 * service (the slave has already ranked it higher). */
static int pending_request(const PicChip *c)
{
    int req = highest_priority(c, irr(c) & ~c->imr);
    if (req < 0)
        return -1;
    uint8_t blocking = c->isr;
    if (c->special_mask)
        blocking &= ~c->imr;
    int in_service = highest_priority(c, blocking);
    if (in_service < 0 || priority_rank(c, req) < priority_rank(c, in_service))
        return req;
    bool nested_slave = c->index == MASTER && (c->icw4 & ICW4_SFNM) && req == CASCADE_IR &&
                        in_service == CASCADE_IR;
    return nested_slave ? req : -1;
}

static void chip_set_input(PicChip *c, unsigned ir, int level);

static void update_output(PicChip *c)
{
    int output = pending_request(c) >= 0;
    if (output == c->output)
        return;
    c->output = output;
    if (c->index == SLAVE)
        chip_set_input(&c->pic->chip[MASTER], CASCADE_IR, output);
    else
        irq_set(&c->pic->intr_out, output);
}

static void chip_set_input(PicChip *c, unsigned ir, int level)
{
    uint8_t bit = (uint8_t)(1u << ir);
    if (level && !(c->lines & bit))
        c->edge_latch |= bit;
    c->lines = level ? (c->lines | bit) : (c->lines & ~bit);
    update_output(c);
}

static void irq_in_set(void *opaque, unsigned n, int level)
{
    I8259 *pic = opaque;
    chip_set_input(&pic->chip[n / 8], n % 8, level);
}

IrqLine i8259_irq_in(I8259 *pic, unsigned n)
{
    return (IrqLine){ .set = irq_in_set, .opaque = pic, .n = n & 15 };
}

/* ---- acknowledge and end of interrupt ---------------------------------------------- */

/* INTA for level ir: in service (or, with auto-EOI, finished at once),
 * its edge latch spent. */
static void acknowledge(PicChip *c, int ir)
{
    uint8_t bit = (uint8_t)(1u << ir);
    c->edge_latch &= ~bit;
    if (!(c->icw4 & ICW4_AEOI))
        c->isr |= bit;
    else if (c->rotate_on_aeoi)
        c->lowest = (uint8_t)ir;
}

static bool cascaded(const PicChip *master)
{
    return !(master->icw1 & ICW1_SNGL) && (master->icw3 & (1u << CASCADE_IR));
}

int i8259_ack(void *opaque)
{
    I8259 *pic = opaque;
    PicChip *master = &pic->chip[MASTER], *slave = &pic->chip[SLAVE];
    int ir = pending_request(master);
    if (ir < 0)
        return master->vector_base + SPURIOUS_IR;
    acknowledge(master, ir);
    int vector = master->vector_base + ir;
    if (ir == CASCADE_IR && cascaded(master)) {
        int slave_ir = pending_request(slave);
        if (slave_ir >= 0)
            acknowledge(slave, slave_ir);
        vector = slave->vector_base + (slave_ir >= 0 ? slave_ir : SPURIOUS_IR);
        update_output(slave);
    }
    update_output(master);
    return vector;
}

static void end_of_interrupt(PicChip *c, int ir, bool rotate)
{
    if (ir < 0)
        return;
    c->isr &= (uint8_t)~(1u << ir);
    if (rotate)
        c->lowest = (uint8_t)ir;
}

/* ---- OCW2 commands (bits 7-5: R, SL, EOI) ------------------------------------------- */

static void ocw2_nonspecific_eoi(PicChip *c, unsigned level)
{
    (void)level;
    end_of_interrupt(c, highest_priority(c, c->isr), false);
}

static void ocw2_specific_eoi(PicChip *c, unsigned level) { end_of_interrupt(c, (int)level, false); }

static void ocw2_rotate_nonspecific_eoi(PicChip *c, unsigned level)
{
    (void)level;
    end_of_interrupt(c, highest_priority(c, c->isr), true);
}

static void ocw2_rotate_specific_eoi(PicChip *c, unsigned level) { end_of_interrupt(c, (int)level, true); }
static void ocw2_set_priority(PicChip *c, unsigned level) { c->lowest = (uint8_t)level; }
static void ocw2_rotate_aeoi_on(PicChip *c, unsigned level) { (void)level, c->rotate_on_aeoi = true; }
static void ocw2_rotate_aeoi_off(PicChip *c, unsigned level) { (void)level, c->rotate_on_aeoi = false; }
static void ocw2_nop(PicChip *c, unsigned level) { (void)c, (void)level; }

static void (*const ocw2_commands[8])(PicChip *c, unsigned level) = {
    [0] = ocw2_rotate_aeoi_off,        /* 000 clear rotate in automatic EOI mode */
    [1] = ocw2_nonspecific_eoi,        /* 001 non-specific EOI */
    [2] = ocw2_nop,                    /* 010 no operation */
    [3] = ocw2_specific_eoi,           /* 011 specific EOI of level L2-L0 */
    [4] = ocw2_rotate_aeoi_on,         /* 100 set rotate in automatic EOI mode */
    [5] = ocw2_rotate_nonspecific_eoi, /* 101 rotate on non-specific EOI */
    [6] = ocw2_set_priority,           /* 110 set priority: L2-L0 lowest */
    [7] = ocw2_rotate_specific_eoi,    /* 111 rotate on specific EOI */
};

/* ---- registers -------------------------------------------------------------------- */

static void write_icw1(PicChip *c, uint8_t v)
{
    /* Initialization clears the mask, the in-service bits and the edge
     * latches (a request needs a new rising edge), gives IR7 the lowest
     * priority, ends special mask mode and selects IRR for reading. */
    c->icw1 = v;
    c->icw3 = c->icw4 = 0;
    c->imr = c->isr = c->edge_latch = 0;
    c->lowest = 7;
    c->read_isr = c->poll = c->special_mask = c->rotate_on_aeoi = false;
    c->init_step = WANT_ICW2;
}

static void write_ocw3(PicChip *c, uint8_t v)
{
    if (v & OCW3_ESMM)
        c->special_mask = (v & OCW3_SMM) != 0;
    if (v & OCW3_RR)
        c->read_isr = (v & OCW3_RIS) != 0;
    c->poll = (v & OCW3_POLL) != 0;
}

static void write_command(PicChip *c, uint8_t v)
{
    if (v & ICW1_MARK)
        write_icw1(c, v);
    else if (v & OCW3_MARK)
        write_ocw3(c, v);
    else
        ocw2_commands[v >> 5](c, v & 7);
}

static InitStep step_after_icw2_or_3(const PicChip *c, InitStep done)
{
    if (done == WANT_ICW2 && !(c->icw1 & ICW1_SNGL))
        return WANT_ICW3;
    return (c->icw1 & ICW1_IC4) ? WANT_ICW4 : OPERATIONAL;
}

static void write_data(PicChip *c, uint8_t v)
{
    switch (c->init_step) {
    case OPERATIONAL:
        c->imr = v; /* OCW1 */
        break;
    case WANT_ICW2:
        c->vector_base = v & 0xf8;
        c->init_step = step_after_icw2_or_3(c, WANT_ICW2);
        break;
    case WANT_ICW3:
        c->icw3 = v;
        c->init_step = step_after_icw2_or_3(c, WANT_ICW3);
        break;
    case WANT_ICW4:
        c->icw4 = v;
        c->init_step = OPERATIONAL;
        break;
    }
}

/* A poll command makes the next read of port 0 an acknowledge: the
 * highest request's level with bit 7, or 0 if there is none. */
static uint8_t read_poll(PicChip *c)
{
    c->poll = false;
    int ir = pending_request(c);
    if (ir < 0)
        return 0;
    acknowledge(c, ir);
    return (uint8_t)(POLL_INTERRUPT | ir);
}

static uint8_t read_status(PicChip *c)
{
    if (c->poll)
        return read_poll(c);
    return c->read_isr ? c->isr : irr(c);
}

static uint64_t chip_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    PicChip *c = opaque;
    uint8_t value = offset == 0 ? read_status(c) : c->imr;
    update_output(c);
    return value;
}

static void chip_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    PicChip *c = opaque;
    if (offset == 0)
        write_command(c, (uint8_t)value);
    else
        write_data(c, (uint8_t)value);
    update_output(c);
}

static const MemoryRegionOps chip_ops = { .read = chip_read, .write = chip_write, .max_size = 1 };

static uint64_t elcr_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    I8259 *pic = opaque;
    return pic->chip[offset].elcr;
}

static void elcr_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    I8259 *pic = opaque;
    PicChip *c = &pic->chip[offset];
    c->elcr = (uint8_t)value & c->elcr_mask;
    update_output(c);
}

static const MemoryRegionOps elcr_ops = { .read = elcr_read, .write = elcr_write, .max_size = 1 };

/* ---- life cycle ------------------------------------------------------------------- */

static void chip_reset(PicChip *c)
{
    write_icw1(c, 0);
    c->init_step = OPERATIONAL;
    c->vector_base = 0;
    c->elcr = 0;
    update_output(c);
}

void i8259_reset(I8259 *pic)
{
    chip_reset(&pic->chip[SLAVE]);
    chip_reset(&pic->chip[MASTER]);
}

I8259 *i8259_new(AddressSpace *ports, IrqLine intr_out)
{
    static const struct {
        const char *name;
        uint16_t port;
        uint8_t elcr_mask;
    } chips[2] = {
        [MASTER] = { "i8259-master", 0x20, ELCR_MASTER_MASK },
        [SLAVE] = { "i8259-slave", 0xa0, ELCR_SLAVE_MASK },
    };
    I8259 *pic = g_new0(I8259, 1);
    pic->ports = ports;
    pic->intr_out = intr_out;
    for (unsigned i = 0; i < 2; i++) {
        PicChip *c = &pic->chip[i];
        c->pic = pic;
        c->index = i;
        c->elcr_mask = chips[i].elcr_mask;
        c->lowest = 7;
        c->mr = as_add_mmio(ports, chips[i].name, chips[i].port, 2, &chip_ops, c, 0);
    }
    pic->elcr_mr = as_add_mmio(ports, "i8259-elcr", 0x4d0, 2, &elcr_ops, pic, 0);
    return pic;
}

void i8259_free(I8259 *pic)
{
    if (!pic)
        return;
    for (unsigned i = 0; i < 2; i++)
        as_remove(pic->ports, pic->chip[i].mr);
    as_remove(pic->ports, pic->elcr_mr);
    g_free(pic);
}
