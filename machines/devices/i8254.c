/* machines/devices/i8254.c — the PC's 8254 interval timer (Intel 8254
 * data sheet) and port 0x61 (PIIX3 data sheet 4.7.1).
 *
 * A counter does not tick: it remembers the clock tick at which its
 * count began (`start_tick`, ticks of 1.193182 MHz since the machine
 * clock's zero) and derives its count and OUT from the ticks elapsed
 * since. A gate that stops counting (modes 0, 2, 3, 4) freezes the
 * elapsed ticks until it rises again.
 *
 *   mode  OUT after the count N is loaded                count read
 *   0     low, high once N ticks passed (stays high)      N - e, wrapping
 *   1     high; at a gate rise low for N ticks            N - e, wrapping
 *   2     high, low for the one tick at count 1; period N N - e mod N
 *   3     high for ceil(N/2), low for floor(N/2); period N  by twos per half
 *   4     high, low for the one tick at count 0           N - e, wrapping
 *   5     as 4, started by a gate rise                    N - e, wrapping
 *
 * A new count takes effect at once in every mode (the chip waits for the
 * end of the period in modes 2 and 3). */
#include "machines/devices/i8254.h"

#include "machines/timer.h"

enum {
    PORT_COUNTER0 = 0x40,
    PORT_CONTROL_OFFSET = 3,
    PORT_SYSTEM_CONTROL_B = 0x61,

    /* control word */
    CW_BCD = 1 << 0,
    CW_MODE_SHIFT = 1,
    CW_ACCESS_SHIFT = 4,   /* RW1-RW0 */
    CW_SELECT_SHIFT = 6,   /* SC1-SC0 */
    SELECT_READ_BACK = 3,
    ACCESS_LATCH = 0, ACCESS_LSB = 1, ACCESS_MSB = 2, ACCESS_WORD = 3,
    /* read-back command */
    RB_NO_COUNT = 1 << 5,  /* 0: latch the counts */
    RB_NO_STATUS = 1 << 4, /* 0: latch the status bytes */
    RB_COUNTERS_SHIFT = 1, /* bits 3-1: counters 2, 1, 0 */
    /* status byte */
    STATUS_OUT = 1 << 7,
    STATUS_NULL_COUNT = 1 << 6,

    /* port 0x61 */
    P61_GATE2 = 1 << 0,
    P61_SPEAKER = 1 << 1,
    P61_CHECK_ENABLES = 3 << 2, /* parity and channel check enables: storage */
    P61_REFRESH = 1 << 4,
    P61_OUT2 = 1 << 5,
    REFRESH_PERIOD_NS = 15085,
};

static const uint64_t NO_TICK = UINT64_MAX;

typedef struct PitCounter {
    uint8_t control;      /* the control word's bits 5-0: access, mode, BCD */
    unsigned mode;        /* 0..5 */
    uint32_t reload;      /* the count N in ticks: 1..65536 (1..10000 in BCD) */
    bool loaded;          /* a count was written since the control word */
    bool triggered;       /* modes 1 and 5: the gate rose since */
    bool gate;
    bool frozen;          /* the gate stopped counting */
    uint64_t start_tick, frozen_elapsed;
    bool null_count;      /* written, not yet counting */
    bool write_msb_next, read_msb_next;
    uint8_t write_lsb;
    bool count_latched, status_latched;
    uint16_t latched_count;
    uint8_t latched_status;
} PitCounter;

struct I8254 {
    AddressSpace *ports;
    MemoryRegion *mr, *port61_mr;
    MachineTimer *timer;
    IrqLine irq0;
    int irq0_level;
    PitCounter counter[3];
    uint8_t port61; /* the writable bits but the gate */
};

/* ---- time -------------------------------------------------------------------------- */

static uint64_t ns_to_tick(uint64_t ns)
{
    return (uint64_t)((unsigned __int128)ns * I8254_HZ / 1000000000u);
}

/* The first ns at which tick `tick` has begun. */
static uint64_t tick_to_ns(uint64_t tick)
{
    return (uint64_t)(((unsigned __int128)tick * 1000000000u + I8254_HZ - 1) / I8254_HZ);
}

static uint64_t now_tick(void)
{
    return ns_to_tick(machine_clock_ns());
}

/* ---- one counter --------------------------------------------------------------------- */

static bool triggered_mode(const PitCounter *c) { return c->mode == 1 || c->mode == 5; }
static bool gate_stops_counting(const PitCounter *c) { return !triggered_mode(c); }
static uint32_t modulus(const PitCounter *c) { return (c->control & CW_BCD) ? 10000 : 65536; }

static bool counting(const PitCounter *c)
{
    return c->loaded && (!triggered_mode(c) || c->triggered);
}

static uint64_t elapsed(const PitCounter *c, uint64_t tick)
{
    return c->frozen ? c->frozen_elapsed : tick - c->start_tick;
}

/* Mode 3 counts by two: N (N - 1 when odd) down to 0 or 2 in each half. */
static uint32_t square_wave_count(uint32_t n, uint64_t e)
{
    uint32_t phase = (uint32_t)(e % n), high = (n + 1) / 2;
    uint32_t into_half = phase < high ? phase : phase - high;
    return (n & ~1u) - 2 * into_half;
}

static uint32_t count_at(const PitCounter *c, uint64_t tick)
{
    uint32_t n = c->reload, mod = modulus(c);
    if (!counting(c))
        return n % mod; /* what the count register holds */
    uint64_t e = elapsed(c, tick);
    uint32_t count;
    if (c->mode == 2)
        count = n - (uint32_t)(e % n);
    else if (c->mode == 3)
        count = square_wave_count(n, e);
    else
        count = (uint32_t)((n + mod - e % mod) % mod);
    return count % mod;
}

static bool out_at(const PitCounter *c, uint64_t tick)
{
    if (!counting(c))
        return c->mode != 0;
    uint64_t n = c->reload, e = elapsed(c, tick);
    switch (c->mode) {
    case 0: case 1: return e >= n;
    case 2: return c->frozen || e % n != n - 1;
    case 3: return c->frozen || e % n < (n + 1) / 2;
    default: return e != n; /* 4, 5 */
    }
}

/* The next tick after `tick` at which OUT rises, or NO_TICK. */
static uint64_t next_rise(const PitCounter *c, uint64_t tick)
{
    if (!counting(c) || c->frozen)
        return NO_TICK;
    uint64_t n = c->reload, e = elapsed(c, tick);
    switch (c->mode) {
    case 0: case 1: return e < n ? c->start_tick + n : NO_TICK;
    case 2: case 3: return c->start_tick + (e / n + 1) * n;
    default: return e < n + 1 ? c->start_tick + n + 1 : NO_TICK; /* 4, 5 */
    }
}

static uint16_t to_bcd(uint32_t v)
{
    return (uint16_t)((v / 1000 % 10) << 12 | (v / 100 % 10) << 8 | (v / 10 % 10) << 4 | (v % 10));
}

static uint32_t from_bcd(uint16_t v)
{
    return (v >> 12 & 15) * 1000u + (v >> 8 & 15) * 100u + (v >> 4 & 15) * 10u + (v & 15);
}

static uint16_t encoded_count(const PitCounter *c, uint64_t tick)
{
    uint32_t count = count_at(c, tick);
    return (c->control & CW_BCD) ? to_bcd(count) : (uint16_t)count;
}

static void start_counting(PitCounter *c, uint64_t tick)
{
    c->start_tick = tick;
    c->frozen = gate_stops_counting(c) && !c->gate;
    c->frozen_elapsed = 0;
}

static void load_count(PitCounter *c, uint16_t value, uint64_t tick)
{
    uint32_t n = (c->control & CW_BCD) ? from_bcd(value) : value;
    c->reload = n ? n : modulus(c);
    c->loaded = true;
    c->null_count = triggered_mode(c) && !c->triggered;
    if (!triggered_mode(c))
        start_counting(c, tick);
}

static void set_gate(PitCounter *c, bool gate, uint64_t tick)
{
    bool rose = gate && !c->gate;
    if (gate == c->gate)
        return;
    c->gate = gate;
    if (triggered_mode(c)) {
        if (rose && c->loaded) {
            c->triggered = true;
            c->null_count = false;
            c->start_tick = tick;
        }
    } else if (!gate) {
        c->frozen_elapsed = elapsed(c, tick);
        c->frozen = true;
    } else if (c->mode == 2 || c->mode == 3) {
        start_counting(c, tick); /* a gate rise reloads the count */
    } else {
        c->start_tick = tick - c->frozen_elapsed; /* modes 0, 4: resume */
        c->frozen = false;
    }
}

static void program(PitCounter *c, uint8_t control)
{
    unsigned mode = (control >> CW_MODE_SHIFT) & 7;
    c->control = control & 0x3f;
    c->mode = mode > 5 ? mode - 4 : mode; /* 6 and 7 are 2 and 3 */
    c->loaded = c->triggered = c->frozen = false;
    c->null_count = true;
    c->write_msb_next = c->read_msb_next = false;
    c->count_latched = c->status_latched = false;
}

static void latch_count(PitCounter *c, uint64_t tick)
{
    if (c->count_latched)
        return;
    c->latched_count = encoded_count(c, tick);
    c->count_latched = true;
}

static void latch_status(PitCounter *c, uint64_t tick)
{
    if (c->status_latched)
        return;
    c->latched_status = (uint8_t)((out_at(c, tick) ? STATUS_OUT : 0) |
                                  (c->null_count ? STATUS_NULL_COUNT : 0) | c->control);
    c->status_latched = true;
}

static unsigned access_mode(const PitCounter *c) { return c->control >> CW_ACCESS_SHIFT; }

static uint8_t read_counter(PitCounter *c, uint64_t tick)
{
    if (c->status_latched) {
        c->status_latched = false;
        return c->latched_status;
    }
    uint16_t count = c->count_latched ? c->latched_count : encoded_count(c, tick);
    bool msb = access_mode(c) == ACCESS_MSB || (access_mode(c) == ACCESS_WORD && c->read_msb_next);
    bool last = access_mode(c) != ACCESS_WORD || c->read_msb_next;
    if (access_mode(c) == ACCESS_WORD)
        c->read_msb_next = !c->read_msb_next;
    if (last)
        c->count_latched = false;
    return msb ? (uint8_t)(count >> 8) : (uint8_t)count;
}

static void write_counter(PitCounter *c, uint8_t byte, uint64_t tick)
{
    switch (access_mode(c)) {
    case ACCESS_LSB:
        load_count(c, byte, tick);
        break;
    case ACCESS_MSB:
        load_count(c, (uint16_t)(byte << 8), tick);
        break;
    default:
        if (!c->write_msb_next) {
            c->write_lsb = byte;
            if (c->mode == 0)
                c->loaded = false; /* the first byte stops mode 0, OUT low */
        } else {
            load_count(c, (uint16_t)(c->write_lsb | byte << 8), tick);
        }
        c->write_msb_next = !c->write_msb_next;
        break;
    }
}

/* ---- counter 0's irq0 ------------------------------------------------------------------ */

static void set_irq0(I8254 *pit, int level)
{
    if (level == pit->irq0_level)
        return;
    pit->irq0_level = level;
    irq_set(&pit->irq0, level);
}

static void arm_counter0(I8254 *pit, uint64_t tick)
{
    uint64_t rise = next_rise(&pit->counter[0], tick);
    machine_timer_mod(pit->timer, rise == NO_TICK ? UINT64_MAX : tick_to_ns(rise));
}

/* After programming counter 0: the line takes OUT's level now. */
static void counter0_changed(I8254 *pit, uint64_t tick)
{
    set_irq0(pit, out_at(&pit->counter[0], tick));
    arm_counter0(pit, tick);
}

/* OUT rose: the line rises (through low, for a one-tick low pulse). */
static void counter0_rise(void *opaque)
{
    I8254 *pit = opaque;
    set_irq0(pit, 0);
    set_irq0(pit, 1);
    arm_counter0(pit, now_tick());
}

/* ---- ports --------------------------------------------------------------------------- */

static void write_control(I8254 *pit, uint8_t v, uint64_t tick)
{
    unsigned select = v >> CW_SELECT_SHIFT;
    if (select == SELECT_READ_BACK) {
        for (unsigned i = 0; i < 3; i++) {
            if (!(v & (1u << (RB_COUNTERS_SHIFT + i))))
                continue;
            if (!(v & RB_NO_STATUS))
                latch_status(&pit->counter[i], tick);
            if (!(v & RB_NO_COUNT))
                latch_count(&pit->counter[i], tick);
        }
        return;
    }
    PitCounter *c = &pit->counter[select];
    if (((v >> CW_ACCESS_SHIFT) & 3) == ACCESS_LATCH)
        latch_count(c, tick);
    else
        program(c, v);
}

static bool programs_counter0(uint8_t control)
{
    return control >> CW_SELECT_SHIFT == 0 && ((control >> CW_ACCESS_SHIFT) & 3) != ACCESS_LATCH;
}

static uint64_t pit_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    I8254 *pit = opaque;
    if (offset == PORT_CONTROL_OFFSET)
        return 0xff; /* the control word register cannot be read */
    return read_counter(&pit->counter[offset], now_tick());
}

static void pit_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    I8254 *pit = opaque;
    uint64_t tick = now_tick();
    if (offset == PORT_CONTROL_OFFSET)
        write_control(pit, (uint8_t)value, tick);
    else
        write_counter(&pit->counter[offset], (uint8_t)value, tick);
    if (offset == 0 || (offset == PORT_CONTROL_OFFSET && programs_counter0((uint8_t)value)))
        counter0_changed(pit, tick);
}

static const MemoryRegionOps pit_ops = { .read = pit_read, .write = pit_write, .max_size = 1 };

static uint64_t port61_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)offset, (void)size;
    I8254 *pit = opaque;
    uint64_t ns = machine_clock_ns();
    const PitCounter *c2 = &pit->counter[2];
    return pit->port61 | (c2->gate ? P61_GATE2 : 0) | ((ns / REFRESH_PERIOD_NS) & 1 ? P61_REFRESH : 0) |
           (out_at(c2, ns_to_tick(ns)) ? P61_OUT2 : 0);
}

static void port61_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)offset, (void)size;
    I8254 *pit = opaque;
    pit->port61 = (uint8_t)value & (P61_SPEAKER | P61_CHECK_ENABLES);
    set_gate(&pit->counter[2], value & P61_GATE2, now_tick());
}

static const MemoryRegionOps port61_ops = { .read = port61_read, .write = port61_write, .max_size = 1 };

/* ---- life cycle ---------------------------------------------------------------------- */

void i8254_reset(I8254 *pit)
{
    for (unsigned i = 0; i < 3; i++) {
        PitCounter *c = &pit->counter[i];
        *c = (PitCounter){ .gate = i != 2 };
        program(c, ACCESS_WORD << CW_ACCESS_SHIFT);
    }
    pit->port61 = 0;
    counter0_changed(pit, now_tick());
}

I8254 *i8254_new(Machine *m, AddressSpace *ports, IrqLine irq0)
{
    I8254 *pit = g_new0(I8254, 1);
    pit->ports = ports;
    pit->irq0 = irq0;
    pit->timer = machine_timer_new(m, counter0_rise, pit);
    pit->mr = as_add_mmio(ports, "i8254", PORT_COUNTER0, 4, &pit_ops, pit, 0);
    pit->port61_mr = as_add_mmio(ports, "port61", PORT_SYSTEM_CONTROL_B, 1, &port61_ops, pit, 0);
    i8254_reset(pit);
    return pit;
}

void i8254_free(I8254 *pit)
{
    if (!pit)
        return;
    as_remove(pit->ports, pit->mr);
    as_remove(pit->ports, pit->port61_mr);
    machine_timer_free(pit->timer);
    g_free(pit);
}
