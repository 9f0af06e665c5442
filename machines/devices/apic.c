/* machines/devices/apic.c — the local APIC (Intel SDM vol. 3 ch. 10):
 * its registers (one table, a row per register or run of registers),
 * interrupt acceptance and priority (IRR, ISR, TMR, TPR, PPR, EOI), the
 * local vector table and its timer, self IPIs, and the cpu's INTR line.
 *
 * Priority (§10.8.3.1): PPR is TPR when TPR's class (bits 7-4) is at
 * least the class of the highest vector in service, else that class; a
 * requested vector reaches the cpu when its class is above PPR's.
 *
 * The timer does not tick: it remembers when its count was loaded and
 * derives the current count from the clock (APIC_BUS_HZ / divisor).
 *
 * Simplifications of one cpu: LINT0/LINT1 in fixed mode interrupt on
 * the pin's rising edge (no remote IRR); IPIs reach this APIC only (INIT,
 * SIPI and SMI are logged under -d unimp); no focus processor.
 */
#include "machines/devices/apic.h"

#include <inttypes.h>

#include "machines/timer.h"
#include "util/log.h"

enum {
    APIC_VERSION = 0x00050014, /* 6 LVT entries (max index 5), an integrated xAPIC */
    REGION_SIZE = 0x1000,
    REG_COUNT = REGION_SIZE >> 4,
    VECTOR_WORDS = 8, /* 256 bits */
    FIRST_LEGAL_VECTOR = 16,

    /* register indexes: offset >> 4 */
    REG_ID = 0x02, REG_VERSION = 0x03, REG_TPR = 0x08, REG_APR = 0x09, REG_PPR = 0x0a,
    REG_EOI = 0x0b, REG_RRD = 0x0c, REG_LDR = 0x0d, REG_DFR = 0x0e, REG_SVR = 0x0f,
    REG_ISR = 0x10, REG_TMR = 0x18, REG_IRR = 0x20, REG_ESR = 0x28,
    REG_ICR_LOW = 0x30, REG_ICR_HIGH = 0x31, REG_LVT = 0x32,
    REG_INITIAL_COUNT = 0x38, REG_CURRENT_COUNT = 0x39, REG_DIVIDE = 0x3e,

    /* LVT entries, in register order */
    LVT_TIMER = 0, LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR, LVT_COUNT,

    LVT_VECTOR = 0xff,
    LVT_MODE_SHIFT = 8,
    LVT_MASKED = 1u << 16,
    LVT_LEVEL = 1u << 15,
    LVT_TIMER_PERIODIC = 1u << 17,

    SVR_WRITABLE = 0x3ff,     /* vector, APIC software enable (8), focus check (9) */
    SVR_ENABLE = 1u << 8,
    SVR_RESET = 0xff,
    DFR_RESERVED_ONES = 0x0fffffff,
    DFR_FLAT = 0xf,           /* model (bits 31-28) */
    ID_MASK = 0xff000000u,
    DIVIDE_WRITABLE = 0xb,    /* bits 0, 1, 3 */

    ICR_WRITABLE = 0x000ccfff, /* vector, mode, destination mode, level, trigger, shorthand */
    ICR_LOGICAL = 1u << 11,
    ICR_ASSERT = 1u << 14,
    ICR_SHORTHAND_SHIFT = 18,
    SHORTHAND_NONE = 0, SHORTHAND_SELF = 1, SHORTHAND_ALL = 2, SHORTHAND_ALL_BUT_SELF = 3,

    ESR_RECEIVE_ILLEGAL_VECTOR = 1u << 6,
    ESR_ILLEGAL_REGISTER = 1u << 7,
};
#define APIC_TICK_NS (1000000000ull / APIC_BUS_HZ)

/* The bits of each LVT entry software can write (§10.5.1). */
static const uint32_t lvt_writable[LVT_COUNT] = {
    [LVT_TIMER] = 0x300ff,   /* vector, mask, periodic mode */
    [LVT_THERMAL] = 0x107ff, /* vector, delivery mode, mask */
    [LVT_PERF] = 0x107ff,
    [LVT_LINT0] = 0x1a7ff,   /* vector, delivery mode, polarity, trigger, mask */
    [LVT_LINT1] = 0x1a7ff,
    [LVT_ERROR] = 0x100ff,   /* vector, mask */
};

struct Apic {
    AddressSpace *mem;
    MemoryRegion *mr;
    IrqLine intr, nmi;
    MachineTimer *timer;
    uint64_t base_msr;
    uint32_t id, tpr, ldr, dfr, svr, esr, esr_pending, icr_low, icr_high;
    uint32_t lvt[LVT_COUNT];
    uint32_t irr[VECTOR_WORDS], isr[VECTOR_WORDS], tmr[VECTOR_WORDS];
    uint32_t initial_count, divide;
    uint64_t count_start_ns;  /* when initial_count was loaded (rebased on a divide change) */
    bool lint_level[2];       /* the LINT0/LINT1 pins */
    bool extint_message;      /* an ExtINT message waits for the i8259's acknowledge */
    void (*eoi_listener)(void *opaque, uint8_t vector);
    void *eoi_opaque;
};

/* ---- 256-bit vector sets ------------------------------------------------------------- */

static void vec_set(uint32_t *set, unsigned v) { set[v / 32] |= 1u << (v % 32); }
static void vec_clear(uint32_t *set, unsigned v) { set[v / 32] &= ~(1u << (v % 32)); }
static bool vec_test(const uint32_t *set, unsigned v) { return set[v / 32] >> (v % 32) & 1; }

/* The highest vector in the set, -1 when it is empty. */
static int vec_highest(const uint32_t *set)
{
    for (int w = VECTOR_WORDS - 1; w >= 0; w--) {
        if (set[w])
            return w * 32 + 31 - __builtin_clz(set[w]);
    }
    return -1;
}

/* ---- priority and the INTR line -------------------------------------------------------- */

static bool hw_enabled(const Apic *a) { return a->base_msr & APIC_BASE_GLOBAL_ENABLE; }
static bool sw_enabled(const Apic *a) { return a->svr & SVR_ENABLE; }
static unsigned lvt_mode(uint32_t lvt) { return (lvt >> LVT_MODE_SHIFT) & 7; }

static uint32_t ppr(const Apic *a)
{
    int isrv = vec_highest(a->isr);
    uint32_t in_service = isrv < 0 ? 0 : (uint32_t)isrv & 0xf0;
    return (a->tpr & 0xf0) >= in_service ? a->tpr : in_service;
}

/* The vector the cpu would get now, -1 if none. */
static int deliverable_vector(const Apic *a)
{
    if (!hw_enabled(a))
        return -1;
    int irrv = vec_highest(a->irr);
    return irrv >= 0 && ((uint32_t)irrv & 0xf0) > (ppr(a) & 0xf0) ? irrv : -1;
}

/* The i8259 is to answer the cpu's acknowledge. */
static bool extint_requested(const Apic *a)
{
    if (!hw_enabled(a))
        return a->lint_level[0];
    uint32_t lint0 = a->lvt[LVT_LINT0];
    bool virtual_wire = !(lint0 & LVT_MASKED) && lvt_mode(lint0) == APIC_DM_EXTINT;
    return (virtual_wire && a->lint_level[0]) || a->extint_message;
}

static void update_intr(Apic *a)
{
    irq_set(&a->intr, deliverable_vector(a) >= 0 || extint_requested(a));
}

static void pulse_nmi(Apic *a)
{
    irq_set(&a->nmi, 1);
    irq_set(&a->nmi, 0);
}

static void signal_error(Apic *a, uint32_t esr_bit);

/* A fixed interrupt arrives: into the IRR (and the TMR when level). */
static void accept(Apic *a, unsigned vector, bool level_triggered)
{
    if (vector < FIRST_LEGAL_VECTOR) {
        signal_error(a, ESR_RECEIVE_ILLEGAL_VECTOR);
        return;
    }
    vec_set(a->irr, vector);
    if (level_triggered)
        vec_set(a->tmr, vector);
    else
        vec_clear(a->tmr, vector);
    update_intr(a);
}

/* A local source (timer, error, ...) fires through its LVT entry. */
static void local_interrupt(Apic *a, unsigned lvt_index)
{
    uint32_t lvt = a->lvt[lvt_index];
    if (!hw_enabled(a) || (lvt & LVT_MASKED))
        return;
    if (lvt_mode(lvt) == APIC_DM_NMI)
        pulse_nmi(a);
    else
        accept(a, lvt & LVT_VECTOR, false);
}

/* §10.5.3: errors collect until the guest writes the ESR; the LVT error
 * entry interrupts (an illegal error vector itself is dropped). */
static void signal_error(Apic *a, uint32_t esr_bit)
{
    a->esr_pending |= esr_bit;
    uint32_t lvt = a->lvt[LVT_ERROR];
    if (!(lvt & LVT_MASKED) && (lvt & LVT_VECTOR) >= FIRST_LEGAL_VECTOR && hw_enabled(a))
        accept(a, lvt & LVT_VECTOR, false);
}

/* ---- the timer ------------------------------------------------------------------------ */

/* Divide configuration bits 3, 1, 0: 000 = 2, 001 = 4, ... 110 = 128, 111 = 1. */
static uint64_t divisor(const Apic *a)
{
    unsigned code = (a->divide & 3) | ((a->divide >> 1) & 4);
    return 1ull << ((code + 1) & 7);
}

static uint64_t tick_ns(const Apic *a) { return divisor(a) * APIC_TICK_NS; }
static bool periodic(const Apic *a) { return a->lvt[LVT_TIMER] & LVT_TIMER_PERIODIC; }

static uint32_t current_count(const Apic *a, uint64_t now)
{
    if (!a->initial_count)
        return 0;
    uint64_t elapsed = (now - a->count_start_ns) / tick_ns(a);
    if (periodic(a))
        return a->initial_count - (uint32_t)(elapsed % a->initial_count);
    return elapsed >= a->initial_count ? 0 : a->initial_count - (uint32_t)elapsed;
}

/* Arm the timer for the next time the count reaches zero after `now`. */
static void arm_timer(Apic *a, uint64_t now)
{
    uint64_t period = a->initial_count * tick_ns(a);
    uint64_t deadline = UINT64_MAX;
    if (period && periodic(a))
        deadline = a->count_start_ns + ((now - a->count_start_ns) / period + 1) * period;
    else if (period && now < a->count_start_ns + period)
        deadline = a->count_start_ns + period;
    machine_timer_mod(a->timer, deadline);
}

static void timer_expired(void *opaque)
{
    Apic *a = opaque;
    local_interrupt(a, LVT_TIMER);
    if (periodic(a))
        arm_timer(a, machine_clock_ns());
}

static void load_initial_count(Apic *a, uint32_t count)
{
    a->initial_count = count;
    a->count_start_ns = machine_clock_ns();
    arm_timer(a, a->count_start_ns);
}

/* A new divisor applies from the current count on. */
static void set_divide(Apic *a, uint32_t value)
{
    uint64_t now = machine_clock_ns();
    uint32_t count = current_count(a, now);
    a->divide = value & DIVIDE_WRITABLE;
    a->count_start_ns = now - (uint64_t)(a->initial_count - count) * tick_ns(a);
    arm_timer(a, now);
}

/* ---- interprocessor interrupts ---------------------------------------------------------- */

/* One cpu: what an ICR write sends reaches this APIC or nobody. */
static void send_ipi(Apic *a)
{
    uint32_t icr = a->icr_low;
    unsigned shorthand = (icr >> ICR_SHORTHAND_SHIFT) & 3, mode = lvt_mode(icr);
    uint8_t dest = (uint8_t)(a->icr_high >> 24);
    bool to_self = shorthand == SHORTHAND_SELF || shorthand == SHORTHAND_ALL ||
                   (shorthand == SHORTHAND_NONE && apic_match_destination(a, dest, icr & ICR_LOGICAL));
    bool init_deassert = mode == APIC_DM_INIT && !(icr & ICR_ASSERT);
    if (to_self && (mode == APIC_DM_FIXED || mode == APIC_DM_LOWEST))
        accept(a, icr & LVT_VECTOR, false);
    else if (to_self && mode == APIC_DM_NMI)
        pulse_nmi(a);
    else if (!init_deassert && log_enabled(LOG_UNIMP))
        log_printf("apic: IPI 0x%08x to %s not delivered (one cpu; INIT, SIPI and SMI unmodelled)\n",
                   icr, to_self ? "itself" : "another cpu");
}

/* ---- registers ------------------------------------------------------------------------ */

static void eoi(Apic *a)
{
    int isrv = vec_highest(a->isr);
    if (isrv < 0)
        return;
    vec_clear(a->isr, (unsigned)isrv);
    if (vec_test(a->tmr, (unsigned)isrv) && a->eoi_listener)
        a->eoi_listener(a->eoi_opaque, (uint8_t)isrv);
    update_intr(a);
}

static void set_svr(Apic *a, uint32_t value)
{
    a->svr = value & SVR_WRITABLE;
    if (!sw_enabled(a)) {
        for (unsigned i = 0; i < LVT_COUNT; i++)
            a->lvt[i] |= LVT_MASKED;
    }
    update_intr(a);
}

static void set_lvt(Apic *a, unsigned i, uint32_t value)
{
    uint32_t kept = a->lvt[i] & ~lvt_writable[i];
    a->lvt[i] = kept | (value & lvt_writable[i]) | (sw_enabled(a) ? 0 : LVT_MASKED);
    if (i == LVT_TIMER)
        arm_timer(a, machine_clock_ns());
    update_intr(a);
}

typedef struct ApicReg {
    uint32_t (*read)(Apic *a, unsigned reg);
    void (*write)(Apic *a, unsigned reg, uint32_t value); /* NULL: read-only, writes ignored */
} ApicReg;

static uint32_t read_id(Apic *a, unsigned reg) { (void)reg; return a->id; }
static uint32_t read_version(Apic *a, unsigned reg) { (void)a, (void)reg; return APIC_VERSION; }
static uint32_t read_tpr(Apic *a, unsigned reg) { (void)reg; return a->tpr; }
static uint32_t read_zero(Apic *a, unsigned reg) { (void)a, (void)reg; return 0; }
static uint32_t read_ppr(Apic *a, unsigned reg) { (void)reg; return ppr(a); }
static uint32_t read_ldr(Apic *a, unsigned reg) { (void)reg; return a->ldr; }
static uint32_t read_dfr(Apic *a, unsigned reg) { (void)reg; return a->dfr; }
static uint32_t read_svr(Apic *a, unsigned reg) { (void)reg; return a->svr; }
static uint32_t read_isr(Apic *a, unsigned reg) { return a->isr[reg - REG_ISR]; }
static uint32_t read_tmr(Apic *a, unsigned reg) { return a->tmr[reg - REG_TMR]; }
static uint32_t read_irr(Apic *a, unsigned reg) { return a->irr[reg - REG_IRR]; }
static uint32_t read_esr(Apic *a, unsigned reg) { (void)reg; return a->esr; }
static uint32_t read_icr_low(Apic *a, unsigned reg) { (void)reg; return a->icr_low; }
static uint32_t read_icr_high(Apic *a, unsigned reg) { (void)reg; return a->icr_high; }
static uint32_t read_lvt(Apic *a, unsigned reg) { return a->lvt[reg - REG_LVT]; }
static uint32_t read_initial(Apic *a, unsigned reg) { (void)reg; return a->initial_count; }
static uint32_t read_current(Apic *a, unsigned reg)
{
    (void)reg;
    return current_count(a, machine_clock_ns());
}
static uint32_t read_divide(Apic *a, unsigned reg) { (void)reg; return a->divide; }

static void write_id(Apic *a, unsigned reg, uint32_t v) { (void)reg; a->id = v & ID_MASK; }
static void write_tpr(Apic *a, unsigned reg, uint32_t v) { (void)reg; a->tpr = v & 0xff; update_intr(a); }
static void write_eoi(Apic *a, unsigned reg, uint32_t v) { (void)reg, (void)v; eoi(a); }
static void write_ldr(Apic *a, unsigned reg, uint32_t v) { (void)reg; a->ldr = v & ID_MASK; }
static void write_dfr(Apic *a, unsigned reg, uint32_t v) { (void)reg; a->dfr = v | DFR_RESERVED_ONES; }
static void write_svr(Apic *a, unsigned reg, uint32_t v) { (void)reg; set_svr(a, v); }
static void write_icr_high(Apic *a, unsigned reg, uint32_t v) { (void)reg; a->icr_high = v & ID_MASK; }
static void write_lvt(Apic *a, unsigned reg, uint32_t v) { set_lvt(a, reg - REG_LVT, v); }
static void write_initial(Apic *a, unsigned reg, uint32_t v) { (void)reg; load_initial_count(a, v); }
static void write_divide(Apic *a, unsigned reg, uint32_t v) { (void)reg; set_divide(a, v); }

/* §10.5.3: a write latches the errors collected since the last one. */
static void write_esr(Apic *a, unsigned reg, uint32_t v)
{
    (void)reg, (void)v;
    a->esr = a->esr_pending;
    a->esr_pending = 0;
}

static void write_icr_low(Apic *a, unsigned reg, uint32_t v)
{
    (void)reg;
    a->icr_low = v & ICR_WRITABLE;
    send_ipi(a);
}

static const ApicReg apic_regs[REG_COUNT] = {
    [REG_ID] = {read_id, write_id},
    [REG_VERSION] = {read_version, NULL},
    [REG_TPR] = {read_tpr, write_tpr},
    [REG_APR] = {read_zero, NULL},
    [REG_PPR] = {read_ppr, NULL},
    [REG_EOI] = {read_zero, write_eoi},
    [REG_RRD] = {read_zero, NULL},
    [REG_LDR] = {read_ldr, write_ldr},
    [REG_DFR] = {read_dfr, write_dfr},
    [REG_SVR] = {read_svr, write_svr},
    [REG_ISR ... REG_ISR + VECTOR_WORDS - 1] = {read_isr, NULL},
    [REG_TMR ... REG_TMR + VECTOR_WORDS - 1] = {read_tmr, NULL},
    [REG_IRR ... REG_IRR + VECTOR_WORDS - 1] = {read_irr, NULL},
    [REG_ESR] = {read_esr, write_esr},
    [REG_ICR_LOW] = {read_icr_low, write_icr_low},
    [REG_ICR_HIGH] = {read_icr_high, write_icr_high},
    [REG_LVT ... REG_LVT + LVT_COUNT - 1] = {read_lvt, write_lvt},
    [REG_INITIAL_COUNT] = {read_initial, write_initial},
    [REG_CURRENT_COUNT] = {read_current, NULL},
    [REG_DIVIDE] = {read_divide, write_divide},
};

/* A register's row, NULL (an illegal register: ESR bit 7) for the holes
 * and for bytes 4-15 of each 16-byte slot. */
static const ApicReg *find_reg(Apic *a, uint64_t offset, const char *what)
{
    const ApicReg *r = offset & 0xc ? NULL : &apic_regs[offset >> 4];
    if (r && r->read)
        return r;
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("apic: %s of illegal register offset 0x%03" PRIx64 "\n", what, offset);
    signal_error(a, ESR_ILLEGAL_REGISTER);
    return NULL;
}

static uint64_t apic_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    Apic *a = opaque;
    const ApicReg *r = find_reg(a, offset, "read");
    return r ? r->read(a, (unsigned)(offset >> 4)) >> (8 * (offset & 3)) : 0;
}

static void apic_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Apic *a = opaque;
    const ApicReg *r = find_reg(a, offset, "write");
    if (r && size == 4 && r->write)
        r->write(a, (unsigned)(offset >> 4), (uint32_t)value);
    else if (r && size != 4 && log_enabled(LOG_GUEST_ERRORS))
        log_printf("apic: %u-byte write at 0x%03" PRIx64 " ignored (32-bit only)\n", size, offset);
}

static const MemoryRegionOps apic_ops = {.read = apic_mmio_read, .write = apic_mmio_write, .max_size = 4};

/* ---- inputs and messages ------------------------------------------------------------------ */

static void lint_set(void *opaque, unsigned n, int level)
{
    Apic *a = opaque;
    bool rose = level && !a->lint_level[n];
    a->lint_level[n] = level != 0;
    uint32_t lvt = a->lvt[LVT_LINT0 + n];
    if (rose && hw_enabled(a) && !(lvt & LVT_MASKED) && lvt_mode(lvt) != APIC_DM_EXTINT)
        local_interrupt(a, LVT_LINT0 + n);
    update_intr(a);
}

IrqLine apic_lint_in(Apic *apic, unsigned n)
{
    return (IrqLine){.set = lint_set, .opaque = apic, .n = n & 1};
}

bool apic_match_destination(const Apic *a, uint8_t dest, bool logical)
{
    uint8_t id = (uint8_t)(a->id >> 24), ldr = (uint8_t)(a->ldr >> 24);
    if (dest == 0xff)
        return true;
    if (!logical)
        return dest == id;
    if ((a->dfr >> 28) == DFR_FLAT)
        return (dest & ldr) != 0;
    return (dest >> 4) == (ldr >> 4) && (dest & ldr & 0xf); /* cluster model */
}

void apic_deliver(Apic *a, ApicDeliveryMode mode, uint8_t vector, bool level_triggered)
{
    if (!hw_enabled(a))
        return;
    switch (mode) {
    case APIC_DM_FIXED:
    case APIC_DM_LOWEST:
        if (sw_enabled(a))
            accept(a, vector, level_triggered);
        break;
    case APIC_DM_NMI:
        pulse_nmi(a);
        break;
    case APIC_DM_EXTINT:
        a->extint_message = true;
        update_intr(a);
        break;
    default:
        if (log_enabled(LOG_UNIMP))
            log_printf("apic: delivery mode %u message not modelled\n", mode);
        break;
    }
}

void apic_set_eoi_listener(Apic *a, void (*listener)(void *opaque, uint8_t vector), void *opaque)
{
    a->eoi_listener = listener;
    a->eoi_opaque = opaque;
}

int apic_intr_ack(Apic *a)
{
    int vector = deliverable_vector(a);
    if (vector >= 0) {
        vec_clear(a->irr, (unsigned)vector);
        vec_set(a->isr, (unsigned)vector);
        update_intr(a);
        return vector;
    }
    if (!extint_requested(a))
        return APIC_ACK_NONE;
    a->extint_message = false;
    update_intr(a);
    return APIC_ACK_EXTINT;
}

/* ---- life cycle ---------------------------------------------------------------------------- */

static void power_on_registers(Apic *a)
{
    a->id = a->tpr = a->ldr = a->esr = a->esr_pending = a->icr_low = a->icr_high = 0;
    a->dfr = ~0u;
    a->svr = SVR_RESET;
    for (unsigned i = 0; i < LVT_COUNT; i++)
        a->lvt[i] = LVT_MASKED;
    a->lvt[LVT_LINT0] = APIC_DM_EXTINT << LVT_MODE_SHIFT;
    for (unsigned w = 0; w < VECTOR_WORDS; w++)
        a->irr[w] = a->isr[w] = a->tmr[w] = 0;
    a->initial_count = a->divide = 0;
    a->extint_message = false;
    machine_timer_mod(a->timer, UINT64_MAX);
}

void apic_set_base(Apic *a, uint64_t msr_value)
{
    bool was_enabled = hw_enabled(a);
    a->base_msr = msr_value;
    if (was_enabled && !hw_enabled(a))
        power_on_registers(a);
    as_move(a->mem, a->mr, msr_value & APIC_BASE_ADDRESS_MASK);
    as_set_enabled(a->mem, a->mr, hw_enabled(a));
    update_intr(a);
}

void apic_reset(Apic *a)
{
    power_on_registers(a);
    a->base_msr = 0;
    apic_set_base(a, APIC_DEFAULT_BASE | APIC_BASE_BSP | APIC_BASE_GLOBAL_ENABLE);
}

Apic *apic_new(Machine *m, AddressSpace *mem, IrqLine intr, IrqLine nmi)
{
    Apic *a = g_new0(Apic, 1);
    a->mem = mem;
    a->intr = intr;
    a->nmi = nmi;
    a->timer = machine_timer_new(m, timer_expired, a);
    a->mr = as_add_mmio(mem, "apic", APIC_DEFAULT_BASE, REGION_SIZE, &apic_ops, a, 1);
    apic_reset(a);
    return a;
}

void apic_free(Apic *a)
{
    if (!a)
        return;
    as_remove(a->mem, a->mr);
    machine_timer_free(a->timer);
    g_free(a);
}
