/* machines/devices/mc146818.c — the PC's RTC and CMOS RAM (Motorola
 * MC146818A data sheet).
 *
 * Time: while the clock updates (divider running, SET clear) the guest's
 * time is the machine clock plus `offset_ns`, in Unix nanoseconds (UTC);
 * the time registers are its broken-down fields. While it does not, the
 * fields are held in `stopped` exactly as written, and become a time
 * again when updating resumes.
 *
 * The divider: second boundaries and periodic interrupts both fall on a
 * grid of the 32.768 kHz time base that starts at `origin_ns` (a second
 * boundary); leaving divider reset puts the first update 500 ms later.
 *
 * Flags: PF, UF and AF are accounted lazily — `account` looks at the
 * periodic ticks, second boundaries and alarm matches between the last
 * look and now — whenever the guest touches the chip and when a timer
 * armed for an enabled interrupt fires. irq8 follows IRQF.
 */
#include "machines/devices/mc146818.h"

#include <time.h>

#include "machines/timer.h"

enum {
    PORT_INDEX = 0x70,
    INDEX_MASK = 0x7f,
    INDEX_NMI_DISABLE = 0x80,

    REG_SECONDS = 0x00, REG_SECONDS_ALARM = 0x01, REG_MINUTES = 0x02, REG_MINUTES_ALARM = 0x03,
    REG_HOURS = 0x04, REG_HOURS_ALARM = 0x05, REG_WEEKDAY = 0x06, REG_DAY = 0x07,
    REG_MONTH = 0x08, REG_YEAR = 0x09,
    REG_A = 0x0a, REG_B = 0x0b, REG_C = 0x0c, REG_D = 0x0d,
    FIRST_RAM_BYTE = 0x0e,

    A_UIP = 1 << 7,
    A_DV_SHIFT = 4,
    A_RS_MASK = 0x0f,
    DV_RESET_MASK = 6,     /* DV2-DV1 = 11: divider held in reset */
    B_SET = 1 << 7, B_PIE = 1 << 6, B_AIE = 1 << 5, B_UIE = 1 << 4,
    B_SQWE = 1 << 3, B_DM_BINARY = 1 << 2, B_24H = 1 << 1,
    C_IRQF = 1 << 7, C_PF = 1 << 6, C_AF = 1 << 5, C_UF = 1 << 4,
    D_VRT = 1 << 7,
    HOUR_PM = 0x80,
    ALARM_DONT_CARE = 0xc0,

    TIME_BASE_HZ = 32768,
    SECONDS_PER_DAY = 86400,
};

static const int64_t NS_PER_S = 1000000000;
static const int64_t UIP_LEAD_NS = 244000; /* UIP rises 244 us before an update */

struct Mc146818 {
    AddressSpace *ports;
    MemoryRegion *mr;
    IrqLine irq8;
    int irq_level;
    MachineTimer *periodic_timer, *update_timer;
    uint8_t index;
    bool nmi_disabled;
    uint8_t ram[MC146818_CMOS_SIZE]; /* alarms, A-D and RAM; not the time */
    int64_t offset_ns;   /* guest Unix ns = machine ns + offset_ns, while updating */
    struct tm stopped;   /* the time registers while not updating */
    int weekday_delta;   /* the guest's day of week minus the real one */
    int64_t origin_ns;   /* machine ns of a second boundary of the divider */
    int64_t accounted_ns;/* flags accounted up to this machine ns */
};

/* ---- clock state ------------------------------------------------------------------------ */

static int64_t clock_now(void)
{
    return (int64_t)machine_clock_ns();
}

static bool divider_running(const Mc146818 *rtc)
{
    return ((rtc->ram[REG_A] >> A_DV_SHIFT) & DV_RESET_MASK) != DV_RESET_MASK;
}

static bool updating(const Mc146818 *rtc)
{
    return divider_running(rtc) && !(rtc->ram[REG_B] & B_SET);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Where `now` lies in the divider's second, in ns. */
static int64_t phase_ns(const Mc146818 *rtc, int64_t now)
{
    return now - rtc->origin_ns - floor_div(now - rtc->origin_ns, NS_PER_S) * NS_PER_S;
}

/* While updating: the guest's Unix second at machine time `now`. */
static int64_t guest_second(const Mc146818 *rtc, int64_t now)
{
    return floor_div(now + rtc->offset_ns, NS_PER_S);
}

static void tm_of_second(int64_t second, struct tm *tm)
{
    time_t t = (time_t)second;
    gmtime_r(&t, tm);
}

/* The time registers' values now, as numbers. */
static void current_tm(const Mc146818 *rtc, int64_t now, struct tm *tm)
{
    if (!updating(rtc)) {
        *tm = rtc->stopped;
        return;
    }
    tm_of_second(guest_second(rtc, now), tm);
    tm->tm_wday = (tm->tm_wday + rtc->weekday_delta) % 7;
}

static void freeze(Mc146818 *rtc, int64_t now)
{
    current_tm(rtc, now, &rtc->stopped);
}

/* Updating starts again from the held fields, in the divider's phase. */
static void resume(Mc146818 *rtc, int64_t now)
{
    struct tm tm = rtc->stopped;
    int written_weekday = tm.tm_wday;
    int64_t second = (int64_t)timegm(&tm);
    rtc->weekday_delta = ((written_weekday - tm.tm_wday) % 7 + 7) % 7;
    rtc->offset_ns = second * NS_PER_S + phase_ns(rtc, now) - now;
}

/* ---- register encodings --------------------------------------------------------------------- */

static bool binary_mode(const Mc146818 *rtc) { return (rtc->ram[REG_B] & B_DM_BINARY) != 0; }

static uint8_t encode(const Mc146818 *rtc, int v)
{
    return binary_mode(rtc) ? (uint8_t)v : (uint8_t)((v / 10 % 10) << 4 | v % 10);
}

static int decode(const Mc146818 *rtc, uint8_t v)
{
    return binary_mode(rtc) ? v : (v >> 4) * 10 + (v & 15);
}

static uint8_t get_seconds(const Mc146818 *rtc, const struct tm *tm) { return encode(rtc, tm->tm_sec); }
static uint8_t get_minutes(const Mc146818 *rtc, const struct tm *tm) { return encode(rtc, tm->tm_min); }
static uint8_t get_weekday(const Mc146818 *rtc, const struct tm *tm) { return encode(rtc, tm->tm_wday + 1); }
static uint8_t get_day(const Mc146818 *rtc, const struct tm *tm) { return encode(rtc, tm->tm_mday); }
static uint8_t get_month(const Mc146818 *rtc, const struct tm *tm) { return encode(rtc, tm->tm_mon + 1); }
static uint8_t get_year(const Mc146818 *rtc, const struct tm *tm) { return encode(rtc, (tm->tm_year + 1900) % 100); }
static uint8_t get_century(const Mc146818 *rtc, const struct tm *tm) { return encode(rtc, (tm->tm_year + 1900) / 100); }

/* 12-hour mode: 1..12, bit 7 for PM. */
static uint8_t get_hours(const Mc146818 *rtc, const struct tm *tm)
{
    if (rtc->ram[REG_B] & B_24H)
        return encode(rtc, tm->tm_hour);
    int h12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
    return (uint8_t)(encode(rtc, h12) | (tm->tm_hour >= 12 ? HOUR_PM : 0));
}

static void set_seconds(const Mc146818 *rtc, struct tm *tm, uint8_t v) { tm->tm_sec = decode(rtc, v); }
static void set_minutes(const Mc146818 *rtc, struct tm *tm, uint8_t v) { tm->tm_min = decode(rtc, v); }
static void set_weekday(const Mc146818 *rtc, struct tm *tm, uint8_t v) { tm->tm_wday = (decode(rtc, v) + 6) % 7; }
static void set_day(const Mc146818 *rtc, struct tm *tm, uint8_t v) { tm->tm_mday = decode(rtc, v); }
static void set_month(const Mc146818 *rtc, struct tm *tm, uint8_t v) { tm->tm_mon = decode(rtc, v) - 1; }

static void set_year(const Mc146818 *rtc, struct tm *tm, uint8_t v)
{
    int century = (tm->tm_year + 1900) / 100;
    tm->tm_year = century * 100 + decode(rtc, v) - 1900;
}

static void set_century(const Mc146818 *rtc, struct tm *tm, uint8_t v)
{
    int year_of_century = (tm->tm_year + 1900) % 100;
    tm->tm_year = decode(rtc, v) * 100 + year_of_century - 1900;
}

static void set_hours(const Mc146818 *rtc, struct tm *tm, uint8_t v)
{
    if (rtc->ram[REG_B] & B_24H)
        tm->tm_hour = decode(rtc, v);
    else
        tm->tm_hour = decode(rtc, v & ~HOUR_PM) % 12 + ((v & HOUR_PM) ? 12 : 0);
}

static const struct TimeRegister {
    uint8_t index;
    uint8_t (*get)(const Mc146818 *rtc, const struct tm *tm);
    void (*set)(const Mc146818 *rtc, struct tm *tm, uint8_t v);
} time_registers[] = {
    { REG_SECONDS, get_seconds, set_seconds },
    { REG_MINUTES, get_minutes, set_minutes },
    { REG_HOURS, get_hours, set_hours },
    { REG_WEEKDAY, get_weekday, set_weekday },
    { REG_DAY, get_day, set_day },
    { REG_MONTH, get_month, set_month },
    { REG_YEAR, get_year, set_year },
    { MC146818_CENTURY, get_century, set_century },
};

static const struct TimeRegister *time_register(unsigned index)
{
    for (size_t i = 0; i < G_N_ELEMENTS(time_registers); i++)
        if (time_registers[i].index == index)
            return &time_registers[i];
    return NULL;
}

/* ---- flags and interrupts ----------------------------------------------------------------- */

static unsigned periodic_shift(const Mc146818 *rtc)
{
    unsigned rs = rtc->ram[REG_A] & A_RS_MASK;
    /* RS 1 and 2 give 256 and 128 Hz; 3..15 give 8192 Hz >> (RS - 3). */
    return rs <= 2 ? rs + 6 : rs - 1; /* a period of 2^shift time-base cycles */
}

static bool periodic_running(const Mc146818 *rtc)
{
    return (rtc->ram[REG_A] & A_RS_MASK) && divider_running(rtc);
}

/* Time-base cycles since the origin (never before it: the origin is set
 * at or before every moment accounted since). */
static int64_t time_base_cycles(const Mc146818 *rtc, int64_t now)
{
    return (int64_t)((__int128)(now - rtc->origin_ns) * TIME_BASE_HZ / NS_PER_S);
}

static bool alarm_matches(const Mc146818 *rtc, int64_t second)
{
    static const uint8_t alarm_of[3][2] = {
        { REG_SECONDS_ALARM, REG_SECONDS }, { REG_MINUTES_ALARM, REG_MINUTES }, { REG_HOURS_ALARM, REG_HOURS },
    };
    struct tm tm;
    tm_of_second(second, &tm);
    for (size_t i = 0; i < G_N_ELEMENTS(alarm_of); i++) {
        uint8_t alarm = rtc->ram[alarm_of[i][0]];
        if ((alarm & ALARM_DONT_CARE) != ALARM_DONT_CARE && alarm != time_register(alarm_of[i][1])->get(rtc, &tm))
            return false;
    }
    return true;
}

/* An alarm in one of the updates to seconds (from, to]; a day of them
 * has every time of day. */
static bool alarm_between(const Mc146818 *rtc, int64_t from, int64_t to)
{
    if (to - from > SECONDS_PER_DAY)
        from = to - SECONDS_PER_DAY;
    for (int64_t s = from + 1; s <= to; s++)
        if (alarm_matches(rtc, s))
            return true;
    return false;
}

static void update_irq(Mc146818 *rtc)
{
    uint8_t c = rtc->ram[REG_C], b = rtc->ram[REG_B];
    bool irqf = ((c & C_PF) && (b & B_PIE)) || ((c & C_AF) && (b & B_AIE)) || ((c & C_UF) && (b & B_UIE));
    rtc->ram[REG_C] = irqf ? (c | C_IRQF) : (c & ~C_IRQF);
    int level = irqf;
    if (level != rtc->irq_level) {
        rtc->irq_level = level;
        irq_set(&rtc->irq8, level);
    }
}

/* Set the flags of what happened since the last look. Every change of
 * the divider, the rate or the time accounts first. */
static void account(Mc146818 *rtc, int64_t now)
{
    int64_t then = rtc->accounted_ns;
    rtc->accounted_ns = now;
    if (now <= then)
        return;
    if (periodic_running(rtc)) {
        unsigned shift = periodic_shift(rtc);
        if (time_base_cycles(rtc, now) >> shift != time_base_cycles(rtc, then) >> shift)
            rtc->ram[REG_C] |= C_PF;
    }
    if (updating(rtc)) {
        int64_t from = guest_second(rtc, then), to = guest_second(rtc, now);
        if (to > from)
            rtc->ram[REG_C] |= C_UF;
        if (to > from && alarm_between(rtc, from, to))
            rtc->ram[REG_C] |= C_AF;
    }
    update_irq(rtc);
}

/* The first machine ns at which time-base cycle `cycle` has begun. */
static int64_t cycle_start_ns(const Mc146818 *rtc, int64_t cycle)
{
    return rtc->origin_ns + (int64_t)(((__int128)cycle * NS_PER_S + TIME_BASE_HZ - 1) / TIME_BASE_HZ);
}

static void arm_timers(Mc146818 *rtc, int64_t now)
{
    uint8_t b = rtc->ram[REG_B];
    uint64_t periodic = UINT64_MAX, update = UINT64_MAX;
    if ((b & B_PIE) && periodic_running(rtc)) {
        unsigned shift = periodic_shift(rtc);
        int64_t next = ((time_base_cycles(rtc, now) >> shift) + 1) << shift;
        periodic = (uint64_t)cycle_start_ns(rtc, next);
    }
    if ((b & (B_UIE | B_AIE)) && updating(rtc))
        update = (uint64_t)(now + NS_PER_S - phase_ns(rtc, now));
    machine_timer_mod(rtc->periodic_timer, periodic);
    machine_timer_mod(rtc->update_timer, update);
}

static void timer_fired(void *opaque)
{
    Mc146818 *rtc = opaque;
    int64_t now = clock_now();
    account(rtc, now);
    arm_timers(rtc, now);
}

/* ---- registers ------------------------------------------------------------------------- */

/* A write to A or B: the divider, SET and the rate change between two
 * accounted moments. */
static void write_control(Mc146818 *rtc, int64_t now, uint8_t a, uint8_t b)
{
    bool was_updating = updating(rtc), divider_was_running = divider_running(rtc);
    if (was_updating)
        freeze(rtc, now);
    if (b & B_SET)
        b &= ~B_UIE; /* SET clears UIE */
    rtc->ram[REG_A] = a & ~A_UIP;
    rtc->ram[REG_B] = b;
    if (!divider_was_running && divider_running(rtc))
        rtc->origin_ns = now - NS_PER_S / 2; /* the first update comes 500 ms later */
    if (updating(rtc))
        resume(rtc, now);
    update_irq(rtc);
}

static void write_time(Mc146818 *rtc, int64_t now, const struct TimeRegister *reg, uint8_t v)
{
    bool was_updating = updating(rtc);
    if (was_updating)
        freeze(rtc, now);
    reg->set(rtc, &rtc->stopped, v);
    if (was_updating)
        resume(rtc, now);
}

static bool update_in_progress(const Mc146818 *rtc, int64_t now)
{
    return updating(rtc) && phase_ns(rtc, now) >= NS_PER_S - UIP_LEAD_NS;
}

static uint8_t read_data(Mc146818 *rtc, int64_t now)
{
    const struct TimeRegister *reg = time_register(rtc->index);
    if (reg) {
        struct tm tm;
        current_tm(rtc, now, &tm);
        return reg->get(rtc, &tm);
    }
    uint8_t value = rtc->ram[rtc->index];
    switch (rtc->index) {
    case REG_A:
        return (uint8_t)(value | (update_in_progress(rtc, now) ? A_UIP : 0));
    case REG_C:
        rtc->ram[REG_C] = 0; /* reading C clears its flags and IRQF */
        update_irq(rtc);
        return value;
    case REG_D:
        return D_VRT;
    default:
        return value;
    }
}

static void write_data(Mc146818 *rtc, int64_t now, uint8_t v)
{
    const struct TimeRegister *reg = time_register(rtc->index);
    if (reg)
        write_time(rtc, now, reg, v);
    else if (rtc->index == REG_A)
        write_control(rtc, now, v, rtc->ram[REG_B]);
    else if (rtc->index == REG_B)
        write_control(rtc, now, rtc->ram[REG_A], v);
    else if (rtc->index != REG_C && rtc->index != REG_D)
        rtc->ram[rtc->index] = v;
}

static uint64_t rtc_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    Mc146818 *rtc = opaque;
    if (offset == 0)
        return 0xff; /* the index register cannot be read */
    int64_t now = clock_now();
    account(rtc, now);
    uint8_t value = read_data(rtc, now);
    arm_timers(rtc, now);
    return value;
}

static void rtc_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    Mc146818 *rtc = opaque;
    if (offset == 0) {
        rtc->index = value & INDEX_MASK;
        rtc->nmi_disabled = (value & INDEX_NMI_DISABLE) != 0;
        return;
    }
    int64_t now = clock_now();
    account(rtc, now);
    write_data(rtc, now, (uint8_t)value);
    arm_timers(rtc, now);
}

static const MemoryRegionOps rtc_ops = { .read = rtc_read, .write = rtc_write, .max_size = 1 };

/* ---- the board's side ----------------------------------------------------------------------- */

void mc146818_set_cmos(Mc146818 *rtc, unsigned index, uint8_t value)
{
    if (index >= FIRST_RAM_BYTE && index < MC146818_CMOS_SIZE && !time_register(index))
        rtc->ram[index] = value;
}

bool mc146818_nmi_disabled(const Mc146818 *rtc)
{
    return rtc->nmi_disabled;
}

void mc146818_set_time(Mc146818 *rtc, int64_t unix_seconds)
{
    int64_t now = clock_now();
    account(rtc, now);
    tm_of_second(unix_seconds, &rtc->stopped);
    if (updating(rtc))
        resume(rtc, now);
    arm_timers(rtc, now);
}

void mc146818_reset(Mc146818 *rtc)
{
    int64_t now = clock_now();
    account(rtc, now);
    rtc->ram[REG_B] &= ~(B_PIE | B_AIE | B_UIE | B_SQWE);
    rtc->ram[REG_C] = 0;
    update_irq(rtc);
    arm_timers(rtc, now);
}

Mc146818 *mc146818_new(Machine *m, AddressSpace *ports, IrqLine irq8)
{
    Mc146818 *rtc = g_new0(Mc146818, 1);
    rtc->ports = ports;
    rtc->irq8 = irq8;
    rtc->periodic_timer = machine_timer_new(m, timer_fired, rtc);
    rtc->update_timer = machine_timer_new(m, timer_fired, rtc);
    /* What PC firmware programs: 32.768 kHz, 1024 Hz rate; 24 h, BCD. */
    rtc->ram[REG_A] = 0x26;
    rtc->ram[REG_B] = B_24H;
    int64_t now = clock_now(), host_ns = g_get_real_time() * 1000;
    rtc->origin_ns = now - host_ns % NS_PER_S;
    rtc->accounted_ns = now;
    mc146818_set_time(rtc, host_ns / NS_PER_S);
    rtc->mr = as_add_mmio(ports, "mc146818", PORT_INDEX, 2, &rtc_ops, rtc, 0);
    return rtc;
}

void mc146818_free(Mc146818 *rtc)
{
    if (!rtc)
        return;
    as_remove(rtc->ports, rtc->mr);
    machine_timer_free(rtc->periodic_timer);
    machine_timer_free(rtc->update_timer);
    g_free(rtc);
}
