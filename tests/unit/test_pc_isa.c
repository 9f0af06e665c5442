/* tests/unit/test_pc_isa.c — the PC's ISA devices driven through a port
 * I/O address space as the CPU's in/out reach them, on a machine clock of
 * the test's own: the 8259A pair (Intel 8259A data sheet, PIIX3 ELCR), the
 * 8254 timer (Intel 8254 data sheet; port 0x61 from the PIIX3 data
 * sheet), the MC146818A clock (Motorola data sheet) and the 8042 keyboard
 * controller (IBM PS/2 Technical Reference). Expected values come from
 * those documents and the calendar. */
#include <glib.h>

#include "ir/ir.h"
#include "machines/devices/i8042.h"
#include "machines/devices/i8254.h"
#include "machines/devices/i8259.h"
#include "machines/devices/mc146818.h"
#include "machines/machine.h"
#include "machines/timer.h"
#include "softmmu/memory.h"
#include "device_test.h"

/* ---- the bench: ports, a clock, lines ------------------------------------------------- */

typedef struct Bench {
    Machine m;
    AddressSpace *ports;
} Bench;

static void bench_start(Bench *b, uint64_t now_ns)
{
    *b = (Bench){ .ports = as_new() };
    test_now_ns = now_ns;
    machine_set_clock(test_clock);
}

static void bench_stop(Bench *b)
{
    machine_timers_free_all(&b->m);
    as_free(b->ports);
    machine_set_clock(NULL);
}

/* Move the clock to `now_ns` and run the timers due. */
static void advance_to(Bench *b, uint64_t now_ns)
{
    test_now_ns = now_ns;
    machine_timers_run(&b->m, now_ns);
}

static uint8_t in8(Bench *b, unsigned port) { return (uint8_t)as_ld(b->ports, port, IR_MO_8); }
static void out8(Bench *b, unsigned port, uint8_t v) { as_st(b->ports, port, v, IR_MO_8); }

/* ---- 8259A ----------------------------------------------------------------------------- */

enum { PIC1 = 0x20, PIC2 = 0xa0, ELCR1 = 0x4d0, ELCR2 = 0x4d1 };
enum { OCW3_READ_IRR = 0x0a, OCW3_READ_ISR = 0x0b, OCW3_POLL = 0x0c, EOI = 0x20 };

/* The PC BIOS's initialization: vectors 0x08 and 0x70, the slave on IR2. */
static void pic_init(Bench *b, uint8_t icw4)
{
    static const uint8_t master[] = { 0x11, 0x08, 0x04 }, slave[] = { 0x11, 0x70, 0x02 };
    out8(b, PIC1, master[0]);
    out8(b, PIC1 + 1, master[1]);
    out8(b, PIC1 + 1, master[2]);
    out8(b, PIC1 + 1, icw4);
    out8(b, PIC2, slave[0]);
    out8(b, PIC2 + 1, slave[1]);
    out8(b, PIC2 + 1, slave[2]);
    out8(b, PIC2 + 1, icw4);
}

static uint8_t pic_isr(Bench *b, unsigned port)
{
    out8(b, port, OCW3_READ_ISR);
    return in8(b, port);
}

static uint8_t pic_irr(Bench *b, unsigned port)
{
    out8(b, port, OCW3_READ_IRR);
    return in8(b, port);
}

static void test_pic_raise_ack_eoi(void)
{
    Bench b;
    bench_start(&b, 0);
    TestLine intr = { 0 };
    I8259 *pic = i8259_new(b.ports, test_line(&intr));
    pic_init(&b, 0x01);
    IrqLine irq1 = i8259_irq_in(pic, 1);
    irq_set(&irq1, 1);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmphex(pic_irr(&b, PIC1), ==, 0x02);
    g_assert_cmpint(i8259_ack(pic), ==, 0x09);
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x02);
    g_assert_cmphex(pic_irr(&b, PIC1), ==, 0x00); /* edge: the latch is spent */
    g_assert_cmpint(intr.level, ==, 0);
    out8(&b, PIC1, EOI);
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x00);
    g_assert_cmpint(intr.level, ==, 0); /* still high, but no new edge */
    irq_set(&irq1, 0);
    irq_set(&irq1, 1);
    g_assert_cmpint(intr.level, ==, 1);
    /* Masked in IMR: no request reaches INT. */
    out8(&b, PIC1 + 1, 0x02);
    g_assert_cmphex(in8(&b, PIC1 + 1), ==, 0x02);
    g_assert_cmpint(intr.level, ==, 0);
    out8(&b, PIC1 + 1, 0x00);
    g_assert_cmpint(intr.level, ==, 1);
    i8259_free(pic);
    bench_stop(&b);
}

static void test_pic_priority(void)
{
    Bench b;
    bench_start(&b, 0);
    TestLine intr = { 0 };
    I8259 *pic = i8259_new(b.ports, test_line(&intr));
    pic_init(&b, 0x01);
    IrqLine irq0 = i8259_irq_in(pic, 0), irq3 = i8259_irq_in(pic, 3), irq5 = i8259_irq_in(pic, 5);
    irq_set(&irq5, 1);
    irq_set(&irq3, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x0b); /* IR3 before IR5 */
    g_assert_cmpint(intr.level, ==, 0);        /* IR5 waits behind IR3 in service */
    irq_set(&irq0, 1);
    g_assert_cmpint(intr.level, ==, 1);        /* IR0 nests above it */
    g_assert_cmpint(i8259_ack(pic), ==, 0x08);
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x09);
    out8(&b, PIC1, EOI);                        /* non-specific: the highest, IR0 */
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x08);
    out8(&b, PIC1, 0x63);                       /* specific EOI of IR3 */
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x00);
    g_assert_cmpint(i8259_ack(pic), ==, 0x0d);
    out8(&b, PIC1, EOI);
    /* Set priority: IR4 lowest, so IR5 outranks IR3. */
    out8(&b, PIC1, 0xc4);
    irq_set(&irq3, 0), irq_set(&irq5, 0);
    irq_set(&irq3, 1), irq_set(&irq5, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x0d);
    /* Rotate on specific EOI of IR5: IR5 becomes the lowest, IR6 the highest. */
    out8(&b, PIC1, 0xe5);
    g_assert_cmpint(i8259_ack(pic), ==, 0x0b);
    out8(&b, PIC1, EOI);
    /* Poll: the next read of port 0 acknowledges. */
    irq_set(&irq5, 0), irq_set(&irq5, 1);
    out8(&b, PIC1, OCW3_POLL);
    g_assert_cmphex(in8(&b, PIC1), ==, 0x85);
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x20);
    out8(&b, PIC1, OCW3_POLL);
    g_assert_cmphex(in8(&b, PIC1), ==, 0x00);
    i8259_free(pic);
    bench_stop(&b);
}

/* Special mask mode: a masked level in service no longer holds back the
 * lower ones. */
static void test_pic_special_mask(void)
{
    Bench b;
    bench_start(&b, 0);
    TestLine intr = { 0 };
    I8259 *pic = i8259_new(b.ports, test_line(&intr));
    pic_init(&b, 0x01);
    IrqLine irq3 = i8259_irq_in(pic, 3), irq5 = i8259_irq_in(pic, 5);
    irq_set(&irq3, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x0b);
    irq_set(&irq5, 1);
    out8(&b, PIC1 + 1, 0x08);
    g_assert_cmpint(intr.level, ==, 0);
    out8(&b, PIC1, 0x68); /* OCW3: ESMM, SMM */
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x0d);
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x28);
    out8(&b, PIC1, 0x48); /* OCW3: ESMM, special mask off */
    out8(&b, PIC1, 0x65); /* specific EOI of IR5 */
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x08);
    i8259_free(pic);
    bench_stop(&b);
}

static void test_pic_cascade_and_auto_eoi(void)
{
    Bench b;
    bench_start(&b, 0);
    TestLine intr = { 0 };
    I8259 *pic = i8259_new(b.ports, test_line(&intr));
    pic_init(&b, 0x01);
    IrqLine irq10 = i8259_irq_in(pic, 10);
    irq_set(&irq10, 1);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x72);
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x04);
    g_assert_cmphex(pic_isr(&b, PIC2), ==, 0x04);
    out8(&b, PIC2, EOI);
    out8(&b, PIC1, EOI);
    g_assert_cmphex(pic_isr(&b, PIC1) | pic_isr(&b, PIC2), ==, 0);
    /* Special fully nested mode: a higher slave request gets through
     * while the slave's first one is in service; a lower master one not. */
    pic_init(&b, 0x11);
    IrqLine irq9 = i8259_irq_in(pic, 9), irq3 = i8259_irq_in(pic, 3);
    irq_set(&irq10, 0), irq_set(&irq10, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x72);
    irq_set(&irq3, 1);
    g_assert_cmpint(intr.level, ==, 0);
    irq_set(&irq9, 1);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x71);
    irq_set(&irq3, 0), irq_set(&irq9, 0);
    /* Automatic EOI: nothing stays in service. */
    pic_init(&b, 0x03);
    irq_set(&irq10, 0), irq_set(&irq10, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x72);
    g_assert_cmphex(pic_isr(&b, PIC1) | pic_isr(&b, PIC2), ==, 0);
    i8259_free(pic);
    bench_stop(&b);
}

static void test_pic_elcr_level(void)
{
    Bench b;
    bench_start(&b, 0);
    TestLine intr = { 0 };
    I8259 *pic = i8259_new(b.ports, test_line(&intr));
    pic_init(&b, 0x01);
    out8(&b, ELCR1, 0xff);
    out8(&b, ELCR2, 0xff);
    g_assert_cmphex(in8(&b, ELCR1), ==, 0xf8); /* IRQ0-2 are edge only */
    g_assert_cmphex(in8(&b, ELCR2), ==, 0xde); /* and IRQ8, IRQ13 */
    out8(&b, ELCR1, 0x00);
    out8(&b, ELCR2, 0x08);                     /* IRQ11 level-triggered */
    IrqLine irq11 = i8259_irq_in(pic, 11);
    irq_set(&irq11, 1);
    g_assert_cmpint(i8259_ack(pic), ==, 0x73);
    out8(&b, PIC2, EOI);
    out8(&b, PIC1, EOI);
    g_assert_cmpint(intr.level, ==, 1);        /* still high: requests again */
    g_assert_cmpint(i8259_ack(pic), ==, 0x73);
    out8(&b, PIC2, EOI);
    out8(&b, PIC1, EOI);
    irq_set(&irq11, 0);
    g_assert_cmphex(pic_irr(&b, PIC2), ==, 0x00);
    /* A level request that went away before the acknowledge: IR15. */
    irq_set(&irq11, 1);
    irq_set(&irq11, 0);
    g_assert_cmpint(i8259_ack(pic), ==, 0x77);
    g_assert_cmphex(pic_isr(&b, PIC2), ==, 0x00);
    out8(&b, PIC1, EOI);
    /* On the master: IR7. */
    out8(&b, ELCR1, 0x20);
    IrqLine irq5 = i8259_irq_in(pic, 5);
    irq_set(&irq5, 1);
    g_assert_cmpint(intr.level, ==, 1);
    irq_set(&irq5, 0);
    g_assert_cmpint(intr.level, ==, 0);
    g_assert_cmpint(i8259_ack(pic), ==, 0x0f);
    g_assert_cmphex(pic_isr(&b, PIC1), ==, 0x00);
    i8259_free(pic);
    bench_stop(&b);
}

/* ---- 8254 ----------------------------------------------------------------------------- */

enum { PIT_C0 = 0x40, PIT_C2 = 0x42, PIT_CONTROL = 0x43, PORT_B = 0x61, PIT_HZ = 1193182 };
static const uint64_t T0 = 1000000000; /* 1 s: tick 1193182 exactly */

/* The machine time at which `ticks` of 1.193182 MHz have passed since T0. */
static uint64_t at_tick(uint64_t ticks)
{
    return T0 + (ticks * 1000000000u + PIT_HZ - 1) / PIT_HZ;
}

static void pit_load(Bench *b, unsigned port, uint16_t count)
{
    out8(b, port, (uint8_t)count);
    out8(b, port, (uint8_t)(count >> 8));
}

static uint16_t pit_read(Bench *b, unsigned port)
{
    uint8_t lo = in8(b, port);
    return (uint16_t)(lo | in8(b, port) << 8);
}

static void test_pit_mode2_period(void)
{
    Bench b;
    bench_start(&b, T0);
    TestLine irq0 = { 0 };
    I8254 *pit = i8254_new(&b.m, b.ports, test_line(&irq0));
    out8(&b, PIT_CONTROL, 0x34); /* counter 0, lsb then msb, mode 2 */
    pit_load(&b, PIT_C0, 1000);
    g_assert_cmpint(irq0.level, ==, 1); /* OUT high */
    int rises = irq0.rises;
    for (unsigned period = 1; period <= 10; period++) {
        g_assert_cmpuint(machine_timers_next(&b.m), ==, at_tick(period * 1000));
        advance_to(&b, at_tick(period * 1000) - 1);
        g_assert_cmpint(irq0.rises, ==, rises + (int)period - 1);
        advance_to(&b, at_tick(period * 1000));
        g_assert_cmpint(irq0.rises, ==, rises + (int)period);
        g_assert_cmpint(irq0.level, ==, 1);
    }
    /* The count after a known time: 10250 ticks into a period of 1000. */
    advance_to(&b, at_tick(10250));
    out8(&b, PIT_CONTROL, 0x00); /* counter latch */
    advance_to(&b, at_tick(10400));
    g_assert_cmpuint(pit_read(&b, PIT_C0), ==, 750);
    g_assert_cmpuint(pit_read(&b, PIT_C0), ==, 600);
    /* Read-back of status and count: OUT high, count loaded, 0x34 as programmed. */
    out8(&b, PIT_CONTROL, 0xc2);
    g_assert_cmphex(in8(&b, PIT_C0), ==, 0xb4);
    g_assert_cmpuint(pit_read(&b, PIT_C0), ==, 600);
    i8254_free(pit);
    bench_stop(&b);
}

static void test_pit_mode0_one_shot(void)
{
    Bench b;
    bench_start(&b, T0);
    TestLine irq0 = { 0 };
    I8254 *pit = i8254_new(&b.m, b.ports, test_line(&irq0));
    out8(&b, PIT_CONTROL, 0x30); /* counter 0, lsb then msb, mode 0 */
    pit_load(&b, PIT_C0, 100);
    g_assert_cmpint(irq0.level, ==, 0);
    advance_to(&b, at_tick(99));
    g_assert_cmpint(irq0.level, ==, 0);
    g_assert_cmpuint(pit_read(&b, PIT_C0), ==, 1);
    advance_to(&b, at_tick(100));
    g_assert_cmpint(irq0.level, ==, 1);
    g_assert_cmpint(irq0.rises, ==, 1);
    g_assert_cmpuint(machine_timers_next(&b.m), ==, UINT64_MAX); /* one shot */
    advance_to(&b, at_tick(102));
    g_assert_cmpuint(pit_read(&b, PIT_C0), ==, 0xfffe); /* counting on, wrapping */
    g_assert_cmpint(irq0.level, ==, 1);
    /* Programming again drops OUT. */
    out8(&b, PIT_CONTROL, 0x30);
    g_assert_cmpint(irq0.level, ==, 0);
    /* BCD: 1000 counts down in decimal digits. */
    out8(&b, PIT_CONTROL, 0x31);
    pit_load(&b, PIT_C0, 0x1000);
    advance_to(&b, at_tick(103));
    g_assert_cmphex(pit_read(&b, PIT_C0), ==, 0x0999);
    i8254_free(pit);
    bench_stop(&b);
}

/* Mode 4, Linux's one-shot clock event: OUT low for the tick at count 0,
 * irq0 on its rise. */
static void test_pit_mode4_strobe(void)
{
    Bench b;
    bench_start(&b, T0);
    TestLine irq0 = { 0 };
    I8254 *pit = i8254_new(&b.m, b.ports, test_line(&irq0));
    out8(&b, PIT_CONTROL, 0x38); /* counter 0, lsb then msb, mode 4 */
    pit_load(&b, PIT_C0, 50);
    int rises = irq0.rises;
    g_assert_cmpuint(machine_timers_next(&b.m), ==, at_tick(51));
    advance_to(&b, at_tick(50));
    out8(&b, PIT_CONTROL, 0xe2); /* read back the status only */
    g_assert_cmphex(in8(&b, PIT_C0), ==, 0x38);
    g_assert_cmpint(irq0.rises, ==, rises);
    advance_to(&b, at_tick(51));
    g_assert_cmpint(irq0.rises, ==, rises + 1);
    g_assert_cmpint(irq0.level, ==, 1);
    g_assert_cmpuint(machine_timers_next(&b.m), ==, UINT64_MAX);
    i8254_free(pit);
    bench_stop(&b);
}

static void test_pit_mode3_square_wave(void)
{
    Bench b;
    bench_start(&b, T0);
    TestLine irq0 = { 0 };
    I8254 *pit = i8254_new(&b.m, b.ports, test_line(&irq0));
    out8(&b, PIT_CONTROL, 0x36); /* counter 0, lsb then msb, mode 3 */
    pit_load(&b, PIT_C0, 1000);
    advance_to(&b, at_tick(250));
    out8(&b, PIT_CONTROL, 0xc2);
    g_assert_cmphex(in8(&b, PIT_C0), ==, 0xb6); /* OUT high in the first half */
    g_assert_cmpuint(pit_read(&b, PIT_C0), ==, 500); /* by twos */
    advance_to(&b, at_tick(600));
    out8(&b, PIT_CONTROL, 0xc2);
    g_assert_cmphex(in8(&b, PIT_C0), ==, 0x36); /* OUT low in the second */
    g_assert_cmpuint(pit_read(&b, PIT_C0), ==, 800);
    int rises = irq0.rises;
    advance_to(&b, at_tick(1000));
    g_assert_cmpint(irq0.rises, ==, rises + 1);
    i8254_free(pit);
    bench_stop(&b);
}

static void test_pit_port61_out2(void)
{
    Bench b;
    bench_start(&b, T0);
    I8254 *pit = i8254_new(&b.m, b.ports, (IrqLine){ 0 });
    out8(&b, PIT_CONTROL, 0xb0); /* counter 2, lsb then msb, mode 0 */
    pit_load(&b, PIT_C2, 100);
    advance_to(&b, at_tick(200));
    g_assert_cmphex(in8(&b, PORT_B) & 0x21, ==, 0x00); /* gate off: not counting */
    g_assert_cmpuint(pit_read(&b, PIT_C2), ==, 100);
    out8(&b, PORT_B, 0x03); /* gate on, speaker on */
    advance_to(&b, at_tick(299));
    g_assert_cmphex(in8(&b, PORT_B) & 0x23, ==, 0x03);
    advance_to(&b, at_tick(300));
    g_assert_cmphex(in8(&b, PORT_B) & 0x23, ==, 0x23); /* OUT2 after counting down */
    /* The refresh bit flips every 15.085 us. */
    uint8_t refresh = in8(&b, PORT_B) & 0x10;
    advance_to(&b, test_now_ns + 15085);
    g_assert_cmphex(in8(&b, PORT_B) & 0x10, ==, refresh ^ 0x10);
    i8254_free(pit);
    bench_stop(&b);
}

/* ---- MC146818A ---------------------------------------------------------------------------- */

enum { RTC_INDEX = 0x70, RTC_DATA = 0x71 };
enum { REG_A = 0x0a, REG_B = 0x0b, REG_C = 0x0c, REG_D = 0x0d };
static const int64_t LEAP_DAY_EVENING = 1709251198; /* 2024-02-29 23:59:58 UTC, a Thursday */

static uint8_t cmos_read(Bench *b, uint8_t index)
{
    out8(b, RTC_INDEX, index);
    return in8(b, RTC_DATA);
}

static void cmos_write(Bench *b, uint8_t index, uint8_t v)
{
    out8(b, RTC_INDEX, index);
    out8(b, RTC_DATA, v);
}

/* An RTC whose divider left reset at T0 (the first update at T0 + 0.5 s)
 * with the clock at LEAP_DAY_EVENING. */
static Mc146818 *rtc_at_leap_day(Bench *b, TestLine *irq8)
{
    bench_start(b, T0);
    Mc146818 *rtc = mc146818_new(&b->m, b->ports, test_line(irq8));
    cmos_write(b, REG_A, 0x70); /* divider in reset */
    mc146818_set_time(rtc, LEAP_DAY_EVENING);
    cmos_write(b, REG_A, 0x26);
    return rtc;
}

static void test_rtc_time_bcd_binary(void)
{
    Bench b;
    TestLine irq8 = { 0 };
    Mc146818 *rtc = rtc_at_leap_day(&b, &irq8);
    static const uint8_t bcd_regs[][2] = {
        { 0x00, 0x58 }, { 0x02, 0x59 }, { 0x04, 0x23 }, { 0x06, 0x05 },
        { 0x07, 0x29 }, { 0x08, 0x02 }, { 0x09, 0x24 }, { 0x32, 0x20 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(bcd_regs); i++)
        g_assert_cmphex(cmos_read(&b, bcd_regs[i][0]), ==, bcd_regs[i][1]);
    cmos_write(&b, REG_B, 0x06); /* binary, 24 h */
    g_assert_cmpuint(cmos_read(&b, 0x00), ==, 58);
    g_assert_cmpuint(cmos_read(&b, 0x04), ==, 23);
    g_assert_cmpuint(cmos_read(&b, 0x09), ==, 24);
    cmos_write(&b, REG_B, 0x04); /* binary, 12 h: 11 PM */
    g_assert_cmphex(cmos_read(&b, 0x04), ==, 0x8b);
    cmos_write(&b, REG_B, 0x00); /* BCD, 12 h */
    g_assert_cmphex(cmos_read(&b, 0x04), ==, 0x91);
    cmos_write(&b, REG_B, 0x02);
    /* Two updates later: Friday, March 1st. */
    advance_to(&b, T0 + 1500000000);
    static const uint8_t march[][2] = {
        { 0x00, 0x00 }, { 0x02, 0x00 }, { 0x04, 0x00 }, { 0x06, 0x06 }, { 0x07, 0x01 }, { 0x08, 0x03 },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(march); i++)
        g_assert_cmphex(cmos_read(&b, march[i][0]), ==, march[i][1]);
    /* SET stops the clock; writes while it is set are the new time. */
    cmos_write(&b, REG_B, 0x82);
    cmos_write(&b, 0x04, 0x12);
    cmos_write(&b, 0x02, 0x34);
    cmos_write(&b, 0x00, 0x56);
    advance_to(&b, T0 + 5000000000);
    g_assert_cmphex(cmos_read(&b, 0x00), ==, 0x56);
    cmos_write(&b, REG_B, 0x02);
    advance_to(&b, T0 + 6000000000);
    g_assert_cmphex(cmos_read(&b, 0x00), ==, 0x57);
    g_assert_cmphex(cmos_read(&b, 0x02), ==, 0x34);
    g_assert_cmphex(cmos_read(&b, 0x04), ==, 0x12);
    g_assert_cmphex(cmos_read(&b, REG_D), ==, 0x80);
    mc146818_free(rtc);
    bench_stop(&b);
}

static void test_rtc_uip_window(void)
{
    Bench b;
    TestLine irq8 = { 0 };
    Mc146818 *rtc = rtc_at_leap_day(&b, &irq8);
    const uint64_t update = T0 + 500000000;
    advance_to(&b, update - 245000);
    g_assert_cmphex(cmos_read(&b, REG_A), ==, 0x26);
    advance_to(&b, update - 243000);
    g_assert_cmphex(cmos_read(&b, REG_A), ==, 0xa6);
    g_assert_cmphex(cmos_read(&b, 0x00), ==, 0x58);
    advance_to(&b, update);
    g_assert_cmphex(cmos_read(&b, REG_A), ==, 0x26);
    g_assert_cmphex(cmos_read(&b, 0x00), ==, 0x59);
    /* No update while SET: no UIP either. */
    cmos_write(&b, REG_B, 0x82);
    advance_to(&b, update + 1000000000 - 100000);
    g_assert_cmphex(cmos_read(&b, REG_A), ==, 0x26);
    mc146818_free(rtc);
    bench_stop(&b);
}

/* Step through (from, to] in 50 us steps, acknowledging each interrupt by
 * reading C; returns the number of interrupts. */
static int count_rtc_interrupts(Bench *b, TestLine *irq8, uint64_t from, uint64_t to, uint8_t flag)
{
    int count = 0;
    for (uint64_t t = from + 50000; t <= to; t += 50000) {
        advance_to(b, t);
        if (irq8->level) {
            g_assert_cmphex(cmos_read(b, REG_C) & (0x80 | flag), ==, 0x80 | flag);
            g_assert_cmpint(irq8->level, ==, 0);
            count++;
        }
    }
    return count;
}

static void test_rtc_periodic_rate(void)
{
    Bench b;
    TestLine irq8 = { 0 };
    Mc146818 *rtc = rtc_at_leap_day(&b, &irq8);
    cmos_write(&b, REG_B, 0x42); /* PIE */
    g_assert_cmpuint(machine_timers_next(&b.m), ==, T0 + 976563); /* 1024 Hz */
    g_assert_cmpint(count_rtc_interrupts(&b, &irq8, T0, T0 + 1000000000, 0x40), ==, 1024);
    cmos_write(&b, REG_A, 0x2f); /* 2 Hz */
    g_assert_cmpint(count_rtc_interrupts(&b, &irq8, T0 + 1000000000, T0 + 3000000000, 0x40), ==, 4);
    mc146818_free(rtc);
    bench_stop(&b);
}

static void test_rtc_register_c(void)
{
    Bench b;
    TestLine irq8 = { 0 };
    Mc146818 *rtc = rtc_at_leap_day(&b, &irq8);
    /* Flags without their enables: no IRQF, no interrupt. */
    advance_to(&b, T0 + 600000000);
    g_assert_cmphex(cmos_read(&b, REG_C), ==, 0x50); /* PF (1024 Hz) and UF */
    g_assert_cmphex(cmos_read(&b, REG_C), ==, 0x00); /* cleared by the read */
    g_assert_cmpint(irq8.rises, ==, 0);
    /* Update-ended interrupt. */
    cmos_write(&b, REG_B, 0x12);
    advance_to(&b, T0 + 1500000000);
    g_assert_cmpint(irq8.level, ==, 1);
    /* AF too: the alarm registers, all zero, match the midnight update. */
    g_assert_cmphex(cmos_read(&b, REG_C) & 0xb0, ==, 0xb0);
    g_assert_cmpint(irq8.level, ==, 0);
    /* Alarm at xx:xx:03 (hours and minutes don't care): the update at T0 + 4.5 s. */
    cmos_write(&b, REG_B, 0x22);
    cmos_write(&b, 0x01, 0x03);
    cmos_write(&b, 0x03, 0xc0);
    cmos_write(&b, 0x05, 0xff);
    advance_to(&b, T0 + 4500000000 - 1);
    g_assert_cmpint(irq8.level, ==, 0);
    advance_to(&b, T0 + 4500000000);
    g_assert_cmpint(irq8.level, ==, 1);
    g_assert_cmphex(cmos_read(&b, REG_C) & 0xa0, ==, 0xa0);
    mc146818_free(rtc);
    bench_stop(&b);
}

static void test_rtc_cmos_ram(void)
{
    Bench b;
    bench_start(&b, T0);
    Mc146818 *rtc = mc146818_new(&b.m, b.ports, (IrqLine){ 0 });
    mc146818_set_cmos(rtc, 0x34, 0x5a);
    g_assert_cmphex(cmos_read(&b, 0x34), ==, 0x5a);
    out8(&b, RTC_INDEX, 0x80 | 0x34); /* NMI disable bit: the same byte */
    g_assert_cmphex(in8(&b, RTC_DATA), ==, 0x5a);
    g_assert_true(mc146818_nmi_disabled(rtc));
    cmos_write(&b, 0x7f, 0xa5);
    g_assert_cmphex(cmos_read(&b, 0x7f), ==, 0xa5);
    g_assert_false(mc146818_nmi_disabled(rtc));
    g_assert_cmphex(cmos_read(&b, REG_A), ==, 0x26);
    g_assert_cmphex(cmos_read(&b, REG_B), ==, 0x02);
    mc146818_free(rtc);
    bench_stop(&b);
}

/* ---- 8042 -------------------------------------------------------------------------------- */

enum { KBC_DATA = 0x60, KBC_STATUS = 0x64, KBC_COMMAND = 0x64 };
enum { OBF = 0x01, AUX_DATA = 0x20 };

typedef struct KbcBoard {
    bool a20;
    int a20_calls, resets;
} KbcBoard;

static void board_a20(void *opaque, bool on)
{
    KbcBoard *board = opaque;
    board->a20 = on;
    board->a20_calls++;
}

static void board_reset(void *opaque)
{
    ((KbcBoard *)opaque)->resets++;
}

typedef struct KbcBench {
    Bench b;
    TestLine irq1, irq12;
    KbcBoard board;
    I8042 *kbc;
} KbcBench;

static void kbc_start(KbcBench *k)
{
    *k = (KbcBench){ .board.a20 = true };
    bench_start(&k->b, T0);
    k->kbc = i8042_new(&k->b.m, k->b.ports, test_line(&k->irq1), test_line(&k->irq12), board_a20,
                       board_reset, &k->board);
}

static void kbc_stop(KbcBench *k)
{
    i8042_free(k->kbc);
    bench_stop(&k->b);
}

/* The bytes waiting in the output buffer, in order, until it is empty. */
static void expect_output(KbcBench *k, const uint8_t *bytes, size_t n, bool aux)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t status = in8(&k->b, KBC_STATUS);
        g_assert_cmphex(status & (OBF | AUX_DATA), ==, OBF | (aux ? AUX_DATA : 0));
        g_assert_cmpint((aux ? k->irq12 : k->irq1).level, ==, 1);
        g_assert_cmphex(in8(&k->b, KBC_DATA), ==, bytes[i]);
    }
    g_assert_cmphex(in8(&k->b, KBC_STATUS) & OBF, ==, 0);
    g_assert_cmpint(k->irq1.level | k->irq12.level, ==, 0);
}

#define EXPECT_OUTPUT(k, aux, ...)                                                                 \
    expect_output(k, (const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ }), aux)

static void test_kbc_self_test_and_command_byte(void)
{
    KbcBench k;
    kbc_start(&k);
    out8(&k.b, KBC_COMMAND, 0xaa);
    EXPECT_OUTPUT(&k, false, 0x55);
    g_assert_cmphex(in8(&k.b, KBC_STATUS) & 0x04, ==, 0x04); /* system flag */
    out8(&k.b, KBC_COMMAND, 0xab);
    EXPECT_OUTPUT(&k, false, 0x00);
    out8(&k.b, KBC_COMMAND, 0xa9);
    EXPECT_OUTPUT(&k, false, 0x00);
    out8(&k.b, KBC_COMMAND, 0x60);
    g_assert_cmphex(in8(&k.b, KBC_STATUS) & 0x08, ==, 0x08); /* last write: a command */
    out8(&k.b, KBC_DATA, 0x61);
    g_assert_cmphex(in8(&k.b, KBC_STATUS) & 0x08, ==, 0x00);
    out8(&k.b, KBC_COMMAND, 0x20);
    EXPECT_OUTPUT(&k, false, 0x61);
    /* 0xAD/0xAE and 0xA7/0xA8 flip the disable bits of the command byte. */
    out8(&k.b, KBC_COMMAND, 0xad);
    out8(&k.b, KBC_COMMAND, 0xa7);
    out8(&k.b, KBC_COMMAND, 0x20);
    EXPECT_OUTPUT(&k, false, 0x71);
    out8(&k.b, KBC_COMMAND, 0xae);
    out8(&k.b, KBC_COMMAND, 0xa8);
    out8(&k.b, KBC_COMMAND, 0x20);
    EXPECT_OUTPUT(&k, false, 0x41);
    kbc_stop(&k);
}

static void test_kbc_keyboard_commands(void)
{
    KbcBench k;
    kbc_start(&k);
    out8(&k.b, KBC_DATA, 0xff);
    EXPECT_OUTPUT(&k, false, 0xfa, 0xaa);
    out8(&k.b, KBC_DATA, 0xf2); /* translated: the ID's 0x83 reads 0x41 */
    EXPECT_OUTPUT(&k, false, 0xfa, 0xab, 0x41);
    out8(&k.b, KBC_DATA, 0xf0);
    out8(&k.b, KBC_DATA, 0x00); /* "set 2", translated */
    EXPECT_OUTPUT(&k, false, 0xfa, 0xfa, 0x41);
    out8(&k.b, KBC_COMMAND, 0x60);
    out8(&k.b, KBC_DATA, 0x01); /* no translation */
    out8(&k.b, KBC_DATA, 0xf2);
    EXPECT_OUTPUT(&k, false, 0xfa, 0xab, 0x83);
    out8(&k.b, KBC_DATA, 0xed);
    EXPECT_OUTPUT(&k, false, 0xfa);
    out8(&k.b, KBC_DATA, 0x05);
    EXPECT_OUTPUT(&k, false, 0xfa);
    g_assert_cmphex(i8042_keyboard_leds(k.kbc), ==, 0x05);
    out8(&k.b, KBC_DATA, 0xf3);
    out8(&k.b, KBC_DATA, 0x20);
    EXPECT_OUTPUT(&k, false, 0xfa, 0xfa);
    out8(&k.b, KBC_DATA, 0xf0);
    out8(&k.b, KBC_DATA, 0x00);
    EXPECT_OUTPUT(&k, false, 0xfa, 0xfa, 0x02);
    out8(&k.b, KBC_DATA, 0xf4);
    EXPECT_OUTPUT(&k, false, 0xfa);
    out8(&k.b, KBC_DATA, 0xee);
    EXPECT_OUTPUT(&k, false, 0xee);
    kbc_stop(&k);
}

static void test_kbc_key_events(void)
{
    KbcBench k;
    kbc_start(&k);
    out8(&k.b, KBC_COMMAND, 0x60);
    out8(&k.b, KBC_DATA, 0x45); /* irq1, translation, mouse off */
    i8042_key_event(k.kbc, (const uint8_t[]){ 0x1e }, 1);
    g_assert_cmpint(k.irq1.rises, ==, 1);
    EXPECT_OUTPUT(&k, false, 0x1e);
    i8042_key_event(k.kbc, (const uint8_t[]){ 0x9e }, 1);
    EXPECT_OUTPUT(&k, false, 0x9e);
    /* Untranslated: set 2, releases behind 0xF0. */
    out8(&k.b, KBC_COMMAND, 0x60);
    out8(&k.b, KBC_DATA, 0x05);
    i8042_key_event(k.kbc, (const uint8_t[]){ 0x1e }, 1);
    i8042_key_event(k.kbc, (const uint8_t[]){ 0x9e }, 1);
    i8042_key_event(k.kbc, (const uint8_t[]){ 0xe0, 0x48 }, 2);
    i8042_key_event(k.kbc, (const uint8_t[]){ 0xe0, 0xc8 }, 2);
    EXPECT_OUTPUT(&k, false, 0x1c, 0xf0, 0x1c, 0xe0, 0x75, 0xe0, 0xf0, 0x75);
    /* The keyboard interface disabled: keys wait in the keyboard. */
    out8(&k.b, KBC_COMMAND, 0xad);
    i8042_key_event(k.kbc, (const uint8_t[]){ 0x01 }, 1);
    g_assert_cmphex(in8(&k.b, KBC_STATUS) & OBF, ==, 0);
    out8(&k.b, KBC_COMMAND, 0xae);
    EXPECT_OUTPUT(&k, false, 0x76);
    /* Scanning off: keys are dropped. */
    out8(&k.b, KBC_DATA, 0xf5);
    EXPECT_OUTPUT(&k, false, 0xfa);
    i8042_key_event(k.kbc, (const uint8_t[]){ 0x01 }, 1);
    g_assert_cmphex(in8(&k.b, KBC_STATUS) & OBF, ==, 0);
    kbc_stop(&k);
}

/* The 8042's set 2 -> set 1 translation for codes 0x00-0x84 (its ROM
 * table; codes above map to themselves). */
static const uint8_t i8042_translation[0x85] = {
    0xff, 0x43, 0x41, 0x3f, 0x3d, 0x3b, 0x3c, 0x58, 0x64, 0x44, 0x42, 0x40, 0x3e, 0x0f, 0x29, 0x59,
    0x65, 0x38, 0x2a, 0x70, 0x1d, 0x10, 0x02, 0x5a, 0x66, 0x71, 0x2c, 0x1f, 0x1e, 0x11, 0x03, 0x5b,
    0x67, 0x2e, 0x2d, 0x20, 0x12, 0x05, 0x04, 0x5c, 0x68, 0x39, 0x2f, 0x21, 0x14, 0x13, 0x06, 0x5d,
    0x69, 0x31, 0x30, 0x23, 0x22, 0x15, 0x07, 0x5e, 0x6a, 0x72, 0x32, 0x24, 0x16, 0x08, 0x09, 0x5f,
    0x6b, 0x33, 0x25, 0x17, 0x18, 0x0b, 0x0a, 0x60, 0x6c, 0x34, 0x35, 0x26, 0x27, 0x19, 0x0c, 0x61,
    0x6d, 0x73, 0x28, 0x74, 0x1a, 0x0d, 0x62, 0x6e, 0x3a, 0x36, 0x1c, 0x1b, 0x75, 0x2b, 0x63, 0x76,
    0x55, 0x56, 0x77, 0x78, 0x79, 0x7a, 0x0e, 0x7b, 0x7c, 0x4f, 0x7d, 0x4b, 0x47, 0x7e, 0x7f, 0x6f,
    0x52, 0x53, 0x50, 0x4c, 0x4d, 0x48, 0x01, 0x45, 0x57, 0x4e, 0x51, 0x4a, 0x37, 0x49, 0x46, 0x54,
    0x80, 0x81, 0x82, 0x41, 0x54,
};

/* Every key of the MF2 keyboard: its set 2 code is the one the 8042
 * translates back to the set 1 code it came as, and with translation on
 * the guest sees the set 1 bytes unchanged. */
static void test_kbc_scan_code_sets(void)
{
    KbcBench k;
    kbc_start(&k);
    unsigned keys = 0;
    for (unsigned code = 0x01; code < 0x80; code++) {
        out8(&k.b, KBC_COMMAND, 0x60);
        out8(&k.b, KBC_DATA, 0x01); /* no translation */
        i8042_key_event(k.kbc, (const uint8_t[]){ (uint8_t)code }, 1);
        if (!(in8(&k.b, KBC_STATUS) & OBF))
            continue; /* no such key */
        keys++;
        uint8_t set2 = in8(&k.b, KBC_DATA);
        g_assert_cmpuint(set2, <, sizeof i8042_translation);
        g_assert_cmphex(i8042_translation[set2], ==, code);
        i8042_key_event(k.kbc, (const uint8_t[]){ (uint8_t)(code | 0x80) }, 1);
        EXPECT_OUTPUT(&k, false, 0xf0, set2);
        out8(&k.b, KBC_COMMAND, 0x60);
        out8(&k.b, KBC_DATA, 0x41); /* translation */
        i8042_key_event(k.kbc, (const uint8_t[]){ (uint8_t)code }, 1);
        i8042_key_event(k.kbc, (const uint8_t[]){ (uint8_t)(code | 0x80) }, 1);
        EXPECT_OUTPUT(&k, false, (uint8_t)code, (uint8_t)(code | 0x80));
    }
    g_assert_cmpuint(keys, ==, 90); /* 0x01-0x58 but 0x55, and the Windows keys 0x5B-0x5D */
    /* Pause, the one key with a 0xE1 sequence and no break. */
    out8(&k.b, KBC_COMMAND, 0x60);
    out8(&k.b, KBC_DATA, 0x01);
    i8042_key_event(k.kbc, (const uint8_t[]){ 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5 }, 6);
    EXPECT_OUTPUT(&k, false, 0xe1, 0x14, 0x77, 0xe1, 0xf0, 0x14, 0xf0, 0x77);
    kbc_stop(&k);
}

static void test_kbc_output_port_a20_reset(void)
{
    KbcBench k;
    kbc_start(&k);
    out8(&k.b, KBC_COMMAND, 0xd0);
    EXPECT_OUTPUT(&k, false, 0xc3);
    out8(&k.b, KBC_COMMAND, 0xd1);
    out8(&k.b, KBC_DATA, 0xc1); /* A20 off, reset line high */
    g_assert_false(k.board.a20);
    g_assert_cmpint(k.board.a20_calls, ==, 1);
    out8(&k.b, KBC_COMMAND, 0xd0);
    EXPECT_OUTPUT(&k, false, 0xc1);
    out8(&k.b, KBC_COMMAND, 0xd1);
    out8(&k.b, KBC_DATA, 0xc3);
    g_assert_true(k.board.a20);
    g_assert_cmpint(k.board.a20_calls, ==, 2);
    g_assert_cmpint(k.board.resets, ==, 0);
    out8(&k.b, KBC_COMMAND, 0xfe); /* pulse the reset line */
    g_assert_cmpint(k.board.resets, ==, 1);
    out8(&k.b, KBC_COMMAND, 0xff); /* pulse nothing */
    g_assert_cmpint(k.board.resets, ==, 1);
    kbc_stop(&k);
}

static void test_kbc_mouse(void)
{
    KbcBench k;
    kbc_start(&k);
    out8(&k.b, KBC_COMMAND, 0xd4);
    out8(&k.b, KBC_DATA, 0xf2);
    g_assert_cmpint(k.irq12.rises, ==, 1);
    EXPECT_OUTPUT(&k, true, 0xfa, 0x00);
    out8(&k.b, KBC_COMMAND, 0xd4);
    out8(&k.b, KBC_DATA, 0xff);
    EXPECT_OUTPUT(&k, true, 0xfa, 0xaa, 0x00);
    out8(&k.b, KBC_COMMAND, 0xd4);
    out8(&k.b, KBC_DATA, 0xf3);
    out8(&k.b, KBC_COMMAND, 0xd4);
    out8(&k.b, KBC_DATA, 40);
    out8(&k.b, KBC_COMMAND, 0xd4);
    out8(&k.b, KBC_DATA, 0xe9);
    EXPECT_OUTPUT(&k, true, 0xfa, 0xfa, 0xfa, 0x00, 0x02, 40);
    /* The controller's loop-backs answer even with the interfaces off. */
    out8(&k.b, KBC_COMMAND, 0xa7);
    out8(&k.b, KBC_COMMAND, 0xd3);
    out8(&k.b, KBC_DATA, 0x5a);
    EXPECT_OUTPUT(&k, true, 0x5a);
    out8(&k.b, KBC_COMMAND, 0xad);
    out8(&k.b, KBC_COMMAND, 0xd2);
    out8(&k.b, KBC_DATA, 0xa5);
    EXPECT_OUTPUT(&k, false, 0xa5);
    kbc_stop(&k);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/i8259/raise-ack-eoi", test_pic_raise_ack_eoi);
    g_test_add_func("/i8259/priority", test_pic_priority);
    g_test_add_func("/i8259/special-mask", test_pic_special_mask);
    g_test_add_func("/i8259/cascade-and-auto-eoi", test_pic_cascade_and_auto_eoi);
    g_test_add_func("/i8259/elcr-level", test_pic_elcr_level);
    g_test_add_func("/i8254/mode2-period", test_pit_mode2_period);
    g_test_add_func("/i8254/mode0-one-shot", test_pit_mode0_one_shot);
    g_test_add_func("/i8254/mode3-square-wave", test_pit_mode3_square_wave);
    g_test_add_func("/i8254/mode4-strobe", test_pit_mode4_strobe);
    g_test_add_func("/i8254/port61-out2", test_pit_port61_out2);
    g_test_add_func("/mc146818/time-bcd-binary", test_rtc_time_bcd_binary);
    g_test_add_func("/mc146818/uip-window", test_rtc_uip_window);
    g_test_add_func("/mc146818/periodic-rate", test_rtc_periodic_rate);
    g_test_add_func("/mc146818/register-c", test_rtc_register_c);
    g_test_add_func("/mc146818/cmos-ram", test_rtc_cmos_ram);
    g_test_add_func("/i8042/self-test-and-command-byte", test_kbc_self_test_and_command_byte);
    g_test_add_func("/i8042/keyboard-commands", test_kbc_keyboard_commands);
    g_test_add_func("/i8042/key-events", test_kbc_key_events);
    g_test_add_func("/i8042/scan-code-sets", test_kbc_scan_code_sets);
    g_test_add_func("/i8042/output-port-a20-reset", test_kbc_output_port_a20_reset);
    g_test_add_func("/i8042/mouse", test_kbc_mouse);
    return g_test_run();
}
