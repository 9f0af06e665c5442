/* tests/unit/test_pc_apic.c — the PC's local APIC and I/O APIC driven
 * through their MMIO registers as the cpu reaches them, on a machine
 * clock of the test's own: register layouts and reset values (Intel SDM
 * vol. 3 ch. 10, 82093AA data sheet), the timer's one-shot and periodic
 * counts, priority (TPR, PPR, ISR, EOI), the IOAPIC's edge and level
 * entries with remote IRR, and the i8259 reaching the cpu through LINT0
 * (ExtINT). Expected values come from those documents. */
#include <glib.h>

#include "ir/ir.h"
#include "machines/devices/apic.h"
#include "machines/devices/i8259.h"
#include "machines/devices/ioapic.h"
#include "machines/machine.h"
#include "machines/timer.h"
#include "softmmu/memory.h"
#include "device_test.h"

/* ---- the bench: memory, ports, a clock, the cpu's lines ------------------------------- */

typedef struct Bench {
    Machine m;
    AddressSpace *mem, *ports;
    TestLine intr, nmi;
    Apic *apic;
    IoApic *ioapic;
    I8259 *pic;
} Bench;

static const uint64_t T0 = 1000000000;

static void bench_start(Bench *b)
{
    *b = (Bench){.mem = as_new(), .ports = as_new()};
    test_now_ns = T0;
    machine_set_clock(test_clock);
    b->apic = apic_new(&b->m, b->mem, test_line(&b->intr), test_line(&b->nmi));
    b->ioapic = ioapic_new(b->mem, IOAPIC_DEFAULT_BASE, b->apic);
    b->pic = i8259_new(b->ports, apic_lint_in(b->apic, 0));
}

static void bench_stop(Bench *b)
{
    i8259_free(b->pic);
    ioapic_free(b->ioapic);
    apic_free(b->apic);
    machine_timers_free_all(&b->m);
    as_free(b->mem);
    as_free(b->ports);
    machine_set_clock(NULL);
}

static void advance_to(Bench *b, uint64_t now_ns)
{
    test_now_ns = now_ns;
    machine_timers_run(&b->m, now_ns);
}

/* Local APIC register offsets (SDM table 10-1). */
enum {
    ID = 0x20, VERSION = 0x30, TPR = 0x80, PPR = 0xa0, EOI = 0xb0, LDR = 0xd0, DFR = 0xe0,
    SVR = 0xf0, ISR = 0x100, TMR = 0x180, IRR = 0x200, ESR = 0x280, ICR_LOW = 0x300,
    ICR_HIGH = 0x310, LVT_TIMER = 0x320, LVT_THERMAL = 0x330, LVT_PERF = 0x340,
    LVT_LINT0 = 0x350, LVT_LINT1 = 0x360, LVT_ERROR = 0x370, INITIAL_COUNT = 0x380,
    CURRENT_COUNT = 0x390, DIVIDE = 0x3e0,
    MASKED = 1 << 16, PERIODIC = 1 << 17, LEVEL = 1 << 15,
    SVR_ENABLED = 0x1ff,
};

static uint32_t lapic_read(Bench *b, unsigned reg)
{
    return (uint32_t)as_ld(b->mem, APIC_DEFAULT_BASE + reg, IR_MO_32);
}

static void lapic_write(Bench *b, unsigned reg, uint32_t v)
{
    as_st(b->mem, APIC_DEFAULT_BASE + reg, v, IR_MO_32);
}

/* Bit `vector` of the ISR, TMR or IRR (eight 32-bit registers 16 bytes apart). */
static bool vector_bit(Bench *b, unsigned reg, unsigned vector)
{
    return lapic_read(b, reg + (vector / 32) * 0x10) >> (vector % 32) & 1;
}

/* IOAPIC: the index register and the window. */
enum { IOREGSEL = 0x00, IOWIN = 0x10, IOAPIC_ID = 0x00, IOAPIC_VER = 0x01, IOAPIC_ARB = 0x02 };
enum { RTE_LEVEL = 1 << 15, RTE_REMOTE_IRR = 1 << 14, RTE_ACTIVE_LOW = 1 << 13, RTE_LOGICAL = 1 << 11,
       RTE_MASKED = 1 << 16 };

static uint32_t ioapic_read(Bench *b, unsigned reg)
{
    as_st(b->mem, IOAPIC_DEFAULT_BASE + IOREGSEL, reg, IR_MO_32);
    return (uint32_t)as_ld(b->mem, IOAPIC_DEFAULT_BASE + IOWIN, IR_MO_32);
}

static void ioapic_write(Bench *b, unsigned reg, uint32_t v)
{
    as_st(b->mem, IOAPIC_DEFAULT_BASE + IOREGSEL, reg, IR_MO_32);
    as_st(b->mem, IOAPIC_DEFAULT_BASE + IOWIN, v, IR_MO_32);
}

static void ioapic_route(Bench *b, unsigned pin, uint32_t low, uint8_t dest)
{
    ioapic_write(b, 0x11 + 2 * pin, (uint32_t)dest << 24);
    ioapic_write(b, 0x10 + 2 * pin, low);
}

static void ioapic_pin(Bench *b, unsigned pin, int level)
{
    IrqLine line = ioapic_irq_in(b->ioapic, pin);
    irq_set(&line, level);
}

/* The board's acknowledge (machines/pc.c): the APIC, or the i8259 for ExtINT. */
static int cpu_ack(Bench *b)
{
    int vector = apic_intr_ack(b->apic);
    return vector == APIC_ACK_EXTINT ? i8259_ack(b->pic) : vector;
}

/* ---- local APIC registers -------------------------------------------------------------- */

static void test_apic_reset_values(void)
{
    Bench b;
    bench_start(&b);
    g_assert_cmphex(lapic_read(&b, ID), ==, 0);
    g_assert_cmphex(lapic_read(&b, VERSION), ==, 0x00050014);
    g_assert_cmphex(lapic_read(&b, TPR), ==, 0);
    g_assert_cmphex(lapic_read(&b, PPR), ==, 0);
    g_assert_cmphex(lapic_read(&b, DFR), ==, 0xffffffff);
    g_assert_cmphex(lapic_read(&b, SVR), ==, 0xff);
    static const unsigned masked_lvts[] = {LVT_TIMER, LVT_THERMAL, LVT_PERF, LVT_LINT1, LVT_ERROR};
    for (unsigned i = 0; i < G_N_ELEMENTS(masked_lvts); i++)
        g_assert_cmphex(lapic_read(&b, masked_lvts[i]), ==, MASKED);
    g_assert_cmphex(lapic_read(&b, LVT_LINT0), ==, 0x700); /* the BSP's virtual wire */
    g_assert_cmphex(lapic_read(&b, INITIAL_COUNT), ==, 0);
    g_assert_cmphex(lapic_read(&b, CURRENT_COUNT), ==, 0);
    g_assert_cmpint(b.intr.level, ==, 0);
    bench_stop(&b);
}

static void test_apic_register_writes(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, ID, 0x0f123456);
    g_assert_cmphex(lapic_read(&b, ID), ==, 0x0f000000); /* bits 31-24 */
    lapic_write(&b, VERSION, 0);
    g_assert_cmphex(lapic_read(&b, VERSION), ==, 0x00050014); /* read-only */
    lapic_write(&b, LDR, 0x01ffffff);
    g_assert_cmphex(lapic_read(&b, LDR), ==, 0x01000000);
    lapic_write(&b, DFR, 0);
    g_assert_cmphex(lapic_read(&b, DFR), ==, 0x0fffffff); /* cluster model; bits 27-0 read 1 */
    lapic_write(&b, TPR, 0x1234);
    g_assert_cmphex(lapic_read(&b, TPR), ==, 0x34);
    lapic_write(&b, DIVIDE, 0xff);
    g_assert_cmphex(lapic_read(&b, DIVIDE), ==, 0x0b);
    lapic_write(&b, ICR_HIGH, 0x12345678);
    g_assert_cmphex(lapic_read(&b, ICR_HIGH), ==, 0x12000000);

    /* software-disabled: LVT writes keep the mask set */
    lapic_write(&b, LVT_TIMER, 0x20030);
    g_assert_cmphex(lapic_read(&b, LVT_TIMER), ==, 0x30030);
    lapic_write(&b, SVR, SVR_ENABLED);
    g_assert_cmphex(lapic_read(&b, SVR), ==, 0x1ff);
    lapic_write(&b, LVT_TIMER, 0xfffff);
    g_assert_cmphex(lapic_read(&b, LVT_TIMER), ==, 0x300ff); /* vector, mask, periodic */
    lapic_write(&b, LVT_LINT1, 0xffffffff);
    g_assert_cmphex(lapic_read(&b, LVT_LINT1), ==, 0x1a7ff); /* delivery status, remote IRR read-only */
    lapic_write(&b, LVT_ERROR, 0x7fe);
    g_assert_cmphex(lapic_read(&b, LVT_ERROR), ==, 0xfe);
    lapic_write(&b, LVT_THERMAL, 0x400);
    lapic_write(&b, SVR, 0xff); /* disabling masks every LVT entry */
    g_assert_cmphex(lapic_read(&b, LVT_THERMAL), ==, 0x10400);
    g_assert_cmphex(lapic_read(&b, LVT_ERROR), ==, 0x100fe);
    bench_stop(&b);
}

/* ---- priority --------------------------------------------------------------------------- */

static void test_apic_priority_and_eoi(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    apic_deliver(b.apic, APIC_DM_FIXED, 0x31, false);
    g_assert_cmpint(b.intr.level, ==, 1);
    g_assert_true(vector_bit(&b, IRR, 0x31));
    g_assert_cmpint(cpu_ack(&b), ==, 0x31);
    g_assert_true(vector_bit(&b, ISR, 0x31));
    g_assert_false(vector_bit(&b, IRR, 0x31));
    g_assert_cmphex(lapic_read(&b, PPR), ==, 0x30);
    g_assert_cmpint(b.intr.level, ==, 0);

    apic_deliver(b.apic, APIC_DM_FIXED, 0x35, false); /* same class as in service: waits */
    g_assert_cmpint(b.intr.level, ==, 0);
    g_assert_cmpint(cpu_ack(&b), ==, APIC_ACK_NONE);
    apic_deliver(b.apic, APIC_DM_FIXED, 0x41, false); /* a higher class preempts */
    g_assert_cmpint(b.intr.level, ==, 1);
    g_assert_cmpint(cpu_ack(&b), ==, 0x41);
    g_assert_cmphex(lapic_read(&b, PPR), ==, 0x40);

    lapic_write(&b, EOI, 0); /* ends 0x41, the highest in service */
    g_assert_false(vector_bit(&b, ISR, 0x41));
    g_assert_true(vector_bit(&b, ISR, 0x31));
    g_assert_cmpint(b.intr.level, ==, 0);
    lapic_write(&b, EOI, 0);
    g_assert_cmpint(b.intr.level, ==, 1);
    g_assert_cmpint(cpu_ack(&b), ==, 0x35);
    lapic_write(&b, EOI, 0);
    g_assert_cmphex(lapic_read(&b, PPR), ==, 0);

    /* TPR masks classes at or below its own */
    lapic_write(&b, TPR, 0x50);
    g_assert_cmphex(lapic_read(&b, PPR), ==, 0x50);
    apic_deliver(b.apic, APIC_DM_FIXED, 0x5f, false);
    g_assert_cmpint(b.intr.level, ==, 0);
    apic_deliver(b.apic, APIC_DM_FIXED, 0x60, false);
    g_assert_cmpint(cpu_ack(&b), ==, 0x60);
    lapic_write(&b, EOI, 0);
    g_assert_cmpint(b.intr.level, ==, 0);
    lapic_write(&b, TPR, 0);
    g_assert_cmpint(cpu_ack(&b), ==, 0x5f);
    bench_stop(&b);
}

static void test_apic_software_disabled_refuses_fixed(void)
{
    Bench b;
    bench_start(&b);
    apic_deliver(b.apic, APIC_DM_FIXED, 0x40, false); /* SVR.8 clear */
    g_assert_false(vector_bit(&b, IRR, 0x40));
    apic_deliver(b.apic, APIC_DM_NMI, 0, false); /* NMI is still accepted */
    g_assert_cmpint(b.nmi.rises, ==, 1);
    bench_stop(&b);
}

static void test_apic_self_ipi_and_lint1_nmi(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    lapic_write(&b, ICR_LOW, 1 << 18 | 0x45); /* shorthand self, fixed */
    g_assert_true(vector_bit(&b, IRR, 0x45));
    g_assert_cmphex(lapic_read(&b, ICR_LOW), ==, 1 << 18 | 0x45); /* delivery status idle */
    lapic_write(&b, ICR_HIGH, 0);
    lapic_write(&b, ICR_LOW, 0x46); /* physical destination 0: this APIC */
    g_assert_true(vector_bit(&b, IRR, 0x46));
    lapic_write(&b, ICR_HIGH, 0x01000000);
    lapic_write(&b, ICR_LOW, 0x47); /* APIC 1: nobody */
    g_assert_false(vector_bit(&b, IRR, 0x47));

    lapic_write(&b, LVT_LINT1, 4 << 8); /* NMI */
    IrqLine lint1 = apic_lint_in(b.apic, 1);
    irq_set(&lint1, 1);
    g_assert_cmpint(b.nmi.rises, ==, 1);
    irq_set(&lint1, 0);
    bench_stop(&b);
}

static void test_apic_illegal_vector_error(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    lapic_write(&b, LVT_ERROR, 0xfe);
    apic_deliver(b.apic, APIC_DM_FIXED, 5, false); /* vectors 0-15 are illegal */
    g_assert_false(vector_bit(&b, IRR, 5));
    g_assert_true(vector_bit(&b, IRR, 0xfe));
    g_assert_cmphex(lapic_read(&b, ESR), ==, 0); /* errors show after an ESR write */
    lapic_write(&b, ESR, 0);
    g_assert_cmphex(lapic_read(&b, ESR), ==, 0x40); /* received illegal vector */
    lapic_write(&b, ESR, 0);
    g_assert_cmphex(lapic_read(&b, ESR), ==, 0);
    bench_stop(&b);
}

/* ---- the timer --------------------------------------------------------------------------- */

static void test_apic_timer_one_shot(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    lapic_write(&b, LVT_TIMER, 0x40);
    lapic_write(&b, DIVIDE, 0x3); /* by 16: a count every 16 ns at 1 GHz */
    lapic_write(&b, INITIAL_COUNT, 1000);
    g_assert_cmpuint(machine_timers_next(&b.m), ==, T0 + 16000);
    advance_to(&b, T0 + 8000);
    g_assert_cmpuint(lapic_read(&b, CURRENT_COUNT), ==, 500);
    g_assert_cmpint(b.intr.level, ==, 0);
    advance_to(&b, T0 + 16000);
    g_assert_cmpuint(lapic_read(&b, CURRENT_COUNT), ==, 0);
    g_assert_cmpint(b.intr.level, ==, 1);
    g_assert_cmpint(cpu_ack(&b), ==, 0x40);
    g_assert_cmpuint(machine_timers_next(&b.m), ==, UINT64_MAX);
    advance_to(&b, T0 + 100000);
    g_assert_cmpuint(lapic_read(&b, CURRENT_COUNT), ==, 0);
    g_assert_false(vector_bit(&b, IRR, 0x40));

    /* a new divisor applies from the current count on */
    lapic_write(&b, INITIAL_COUNT, 1000);
    advance_to(&b, T0 + 100000 + 4000); /* 250 counts by 16 */
    lapic_write(&b, DIVIDE, 0xb);       /* by 1 */
    g_assert_cmpuint(lapic_read(&b, CURRENT_COUNT), ==, 750);
    g_assert_cmpuint(machine_timers_next(&b.m), ==, T0 + 104000 + 750);
    bench_stop(&b);
}

static void test_apic_timer_periodic(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    lapic_write(&b, LVT_TIMER, PERIODIC | 0x50);
    lapic_write(&b, DIVIDE, 0x0); /* by 2 */
    lapic_write(&b, INITIAL_COUNT, 100);
    for (unsigned period = 1; period <= 3; period++) {
        g_assert_cmpuint(machine_timers_next(&b.m), ==, T0 + period * 200);
        advance_to(&b, T0 + period * 200 - 50);
        g_assert_cmpuint(lapic_read(&b, CURRENT_COUNT), ==, 25);
        advance_to(&b, T0 + period * 200);
        g_assert_cmpint(cpu_ack(&b), ==, 0x50);
        lapic_write(&b, EOI, 0);
    }
    /* masked: it counts on, without interrupts */
    lapic_write(&b, LVT_TIMER, MASKED | PERIODIC | 0x50);
    advance_to(&b, T0 + 800);
    g_assert_false(vector_bit(&b, IRR, 0x50));
    g_assert_cmpuint(lapic_read(&b, CURRENT_COUNT), ==, 100);
    /* a zero initial count stops it */
    lapic_write(&b, INITIAL_COUNT, 0);
    g_assert_cmpuint(machine_timers_next(&b.m), ==, UINT64_MAX);
    bench_stop(&b);
}

/* ---- the I/O APIC ------------------------------------------------------------------------- */

static void test_ioapic_registers(void)
{
    Bench b;
    bench_start(&b);
    g_assert_cmphex(ioapic_read(&b, IOAPIC_VER), ==, 0x00170011); /* 24 entries */
    g_assert_cmphex(ioapic_read(&b, IOAPIC_ID), ==, 0);
    ioapic_write(&b, IOAPIC_ID, 0xffffffff);
    g_assert_cmphex(ioapic_read(&b, IOAPIC_ID), ==, 0x0f000000);
    g_assert_cmphex(ioapic_read(&b, IOAPIC_ARB), ==, 0x0f000000);
    for (unsigned pin = 0; pin < IOAPIC_PINS; pin++) {
        g_assert_cmphex(ioapic_read(&b, 0x10 + 2 * pin), ==, RTE_MASKED);
        g_assert_cmphex(ioapic_read(&b, 0x11 + 2 * pin), ==, 0);
    }
    ioapic_write(&b, 0x10, 0xffffffff); /* delivery status and remote IRR are read-only */
    g_assert_cmphex(ioapic_read(&b, 0x10), ==, 0x1afff);
    ioapic_write(&b, 0x11, 0xffffffff);
    g_assert_cmphex(ioapic_read(&b, 0x11), ==, 0xff000000);
    as_st(b.mem, IOAPIC_DEFAULT_BASE + IOREGSEL, 0x3f, IR_MO_32);
    g_assert_cmphex((uint32_t)as_ld(b.mem, IOAPIC_DEFAULT_BASE + IOREGSEL, IR_MO_32), ==, 0x3f);
    bench_stop(&b);
}

static void test_ioapic_edge_and_mask(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    ioapic_route(&b, 2, 0x30, 0);
    ioapic_pin(&b, 2, 1);
    g_assert_cmpint(cpu_ack(&b), ==, 0x30);
    g_assert_false(vector_bit(&b, TMR, 0x30));
    lapic_write(&b, EOI, 0);
    ioapic_pin(&b, 2, 1); /* no edge */
    g_assert_false(vector_bit(&b, IRR, 0x30));
    ioapic_pin(&b, 2, 0);
    ioapic_pin(&b, 2, 1);
    g_assert_true(vector_bit(&b, IRR, 0x30));
    g_assert_cmpint(cpu_ack(&b), ==, 0x30);
    lapic_write(&b, EOI, 0);

    ioapic_route(&b, 2, RTE_MASKED | 0x30, 0);
    ioapic_pin(&b, 2, 0);
    ioapic_pin(&b, 2, 1);
    g_assert_false(vector_bit(&b, IRR, 0x30));
    ioapic_route(&b, 2, 0x30, 0); /* an edge seen while masked is gone */
    g_assert_false(vector_bit(&b, IRR, 0x30));
    g_assert_cmpint(b.intr.level, ==, 0);
    bench_stop(&b);
}

static void test_ioapic_level_remote_irr(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    ioapic_route(&b, 9, RTE_LEVEL | 0x59, 0);
    ioapic_pin(&b, 9, 1);
    g_assert_true(vector_bit(&b, IRR, 0x59));
    g_assert_true(vector_bit(&b, TMR, 0x59));
    g_assert_cmphex(ioapic_read(&b, 0x10 + 18), ==, RTE_REMOTE_IRR | RTE_LEVEL | 0x59);
    g_assert_cmpint(cpu_ack(&b), ==, 0x59);
    lapic_write(&b, EOI, 0); /* still asserted: sent again */
    g_assert_true(vector_bit(&b, IRR, 0x59));
    g_assert_true(ioapic_read(&b, 0x10 + 18) & RTE_REMOTE_IRR);
    g_assert_cmpint(cpu_ack(&b), ==, 0x59);
    ioapic_pin(&b, 9, 0);
    lapic_write(&b, EOI, 0);
    g_assert_false(ioapic_read(&b, 0x10 + 18) & RTE_REMOTE_IRR);
    g_assert_false(vector_bit(&b, IRR, 0x59));

    /* a level held while masked is sent when unmasked */
    ioapic_route(&b, 9, RTE_MASKED | RTE_LEVEL | 0x59, 0);
    ioapic_pin(&b, 9, 1);
    g_assert_false(vector_bit(&b, IRR, 0x59));
    ioapic_route(&b, 9, RTE_LEVEL | 0x59, 0);
    g_assert_true(vector_bit(&b, IRR, 0x59));
    bench_stop(&b);
}

static void test_ioapic_active_low(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    ioapic_route(&b, 11, RTE_LEVEL | RTE_ACTIVE_LOW | 0x61, 0); /* the line is low: asserted */
    g_assert_cmpint(cpu_ack(&b), ==, 0x61);
    ioapic_pin(&b, 11, 1);
    lapic_write(&b, EOI, 0);
    g_assert_false(vector_bit(&b, IRR, 0x61));
    g_assert_false(ioapic_read(&b, 0x10 + 22) & RTE_REMOTE_IRR);
    bench_stop(&b);
}

static void test_ioapic_destinations(void)
{
    Bench b;
    bench_start(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    lapic_write(&b, LDR, 0x01000000); /* flat model (DFR 0xffffffff), bit 0 */
    ioapic_route(&b, 3, RTE_LOGICAL | 0x33, 0x02);
    ioapic_pin(&b, 3, 1);
    g_assert_false(vector_bit(&b, IRR, 0x33));
    ioapic_pin(&b, 3, 0);
    ioapic_route(&b, 3, RTE_LOGICAL | 0x33, 0x03);
    ioapic_pin(&b, 3, 1);
    g_assert_true(vector_bit(&b, IRR, 0x33));
    ioapic_route(&b, 4, 0x34, 0x01); /* physical APIC 1: nobody */
    ioapic_pin(&b, 4, 1);
    g_assert_false(vector_bit(&b, IRR, 0x34));
    ioapic_route(&b, 5, 4 << 8, 0); /* NMI */
    ioapic_pin(&b, 5, 1);
    g_assert_cmpint(b.nmi.rises, ==, 1);
    bench_stop(&b);
}

/* ---- the i8259 through LINT0 ---------------------------------------------------------------- */

static void pic_init(Bench *b)
{
    static const uint8_t init[][2] = {{0x20, 0x11}, {0x21, 0x08}, {0x21, 0x04}, {0x21, 0x01},
                                      {0xa0, 0x11}, {0xa1, 0x70}, {0xa1, 0x02}, {0xa1, 0x01}};
    for (unsigned i = 0; i < G_N_ELEMENTS(init); i++)
        as_st(b->ports, init[i][0], init[i][1], IR_MO_8);
}

static void test_extint_through_lint0(void)
{
    Bench b;
    bench_start(&b);
    pic_init(&b);
    IrqLine irq1 = i8259_irq_in(b.pic, 1);
    irq_set(&irq1, 1);
    g_assert_cmpint(b.intr.level, ==, 1); /* virtual wire from reset */
    g_assert_cmpint(cpu_ack(&b), ==, 0x09);
    g_assert_cmpint(b.intr.level, ==, 0);
    as_st(b.ports, 0x20, 0x20, IR_MO_8); /* the i8259's EOI */
    irq_set(&irq1, 0);

    lapic_write(&b, SVR, SVR_ENABLED);
    lapic_write(&b, LVT_LINT0, MASKED | 0x700);
    irq_set(&irq1, 1);
    g_assert_cmpint(b.intr.level, ==, 0);
    lapic_write(&b, LVT_LINT0, 0x700);
    g_assert_cmpint(b.intr.level, ==, 1);
    /* an APIC vector goes first, then the i8259's */
    apic_deliver(b.apic, APIC_DM_FIXED, 0x80, false);
    g_assert_cmpint(cpu_ack(&b), ==, 0x80);
    g_assert_cmpint(cpu_ack(&b), ==, 0x09);
    bench_stop(&b);
}

static void test_extint_message_from_ioapic(void)
{
    Bench b;
    bench_start(&b);
    pic_init(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    lapic_write(&b, LVT_LINT0, MASKED | 0x700);
    ioapic_route(&b, 0, 7 << 8, 0); /* ExtINT */
    IrqLine irq0 = i8259_irq_in(b.pic, 0);
    irq_set(&irq0, 1);
    ioapic_pin(&b, 0, 1);
    g_assert_cmpint(b.intr.level, ==, 1);
    g_assert_cmpint(cpu_ack(&b), ==, 0x08);
    g_assert_cmpint(b.intr.level, ==, 0);
    bench_stop(&b);
}

static void test_apic_base_msr(void)
{
    Bench b;
    bench_start(&b);
    pic_init(&b);
    lapic_write(&b, SVR, SVR_ENABLED);
    lapic_write(&b, LVT_LINT0, MASKED);
    lapic_write(&b, TPR, 0x20);
    IrqLine irq1 = i8259_irq_in(b.pic, 1);
    irq_set(&irq1, 1);
    g_assert_cmpint(b.intr.level, ==, 0);
    apic_set_base(b.apic, APIC_DEFAULT_BASE | APIC_BASE_BSP); /* globally disabled */
    g_assert_cmpint(b.intr.level, ==, 1); /* the i8259 reaches the cpu directly */
    g_assert_null(as_find(b.mem, APIC_DEFAULT_BASE + TPR, &(uint64_t){0}));
    g_assert_cmpint(cpu_ack(&b), ==, 0x09);
    apic_deliver(b.apic, APIC_DM_FIXED, 0x40, false); /* messages are ignored */

    /* enabled again at another address, from the power-on state */
    uint64_t moved = 0xfed00000;
    apic_set_base(b.apic, moved | APIC_BASE_BSP | APIC_BASE_GLOBAL_ENABLE);
    g_assert_cmphex((uint32_t)as_ld(b.mem, moved + SVR, IR_MO_32), ==, 0xff);
    g_assert_cmphex((uint32_t)as_ld(b.mem, moved + TPR, IR_MO_32), ==, 0);
    g_assert_cmphex((uint32_t)as_ld(b.mem, moved + VERSION, IR_MO_32), ==, 0x00050014);
    g_assert_null(as_find(b.mem, APIC_DEFAULT_BASE + TPR, &(uint64_t){0}));
    bench_stop(&b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/apic/reset-values", test_apic_reset_values);
    g_test_add_func("/apic/register-writes", test_apic_register_writes);
    g_test_add_func("/apic/priority-and-eoi", test_apic_priority_and_eoi);
    g_test_add_func("/apic/software-disabled", test_apic_software_disabled_refuses_fixed);
    g_test_add_func("/apic/self-ipi-and-lint1-nmi", test_apic_self_ipi_and_lint1_nmi);
    g_test_add_func("/apic/illegal-vector-error", test_apic_illegal_vector_error);
    g_test_add_func("/apic/timer-one-shot", test_apic_timer_one_shot);
    g_test_add_func("/apic/timer-periodic", test_apic_timer_periodic);
    g_test_add_func("/apic/base-msr", test_apic_base_msr);
    g_test_add_func("/ioapic/registers", test_ioapic_registers);
    g_test_add_func("/ioapic/edge-and-mask", test_ioapic_edge_and_mask);
    g_test_add_func("/ioapic/level-remote-irr", test_ioapic_level_remote_irr);
    g_test_add_func("/ioapic/active-low", test_ioapic_active_low);
    g_test_add_func("/ioapic/destinations", test_ioapic_destinations);
    g_test_add_func("/apic/extint-through-lint0", test_extint_through_lint0);
    g_test_add_func("/apic/extint-message-from-ioapic", test_extint_message_from_ioapic);
    return g_test_run();
}
