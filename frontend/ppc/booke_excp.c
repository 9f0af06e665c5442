/* frontend/ppc/booke_excp.c — how an e500 enters its interrupts (EREF
 * chapter 7, e500 core reference manual chapter 5) and the timers that
 * raise some of them (EREF chapter 8):
 *
 *   block exit (ExitReason) ──raise()──► vector: SRR0/1 (CSRR0/1, MCSRR0/1),
 *   lines + timers ──interrupt()──►      ESR/DEAR/MAS, new MSR,
 *                                        pc = IVPR[0:15] | IVORn
 *
 * The time base counts at tb_freq_hz from the host clock; DEC, the
 * fixed-interval timer and the watchdog are brought up to date lazily
 * (ppc_booke_timers_sync) whenever they are read or interrupts are
 * checked, and next_timer_ns tells the machine loop when to check next.
 *
 * Debug events (e500CRM chapter 8) are recorded in DBSR here and by the
 * checks booke.c puts in PPC_TBF_DEBUG blocks; a set DBSR event bit with
 * DBCR0[IDM] and MSR[DE] is a pending debug interrupt (IVOR15, critical
 * class: CSRR0/1, rfci). The e500v2 has no debug APU (HID0[DAPUEN],
 * DSRR0/1, rfdi came with the e500mc), so rfdi stays illegal.
 */
#include <time.h>

#include "backend/exec.h"
#include "frontend/ppc/e500.h"
#include "util/log.h"

/* ---- the clock and the time base ----------------------------------------- */

static uint64_t host_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t (*clock_now_ns)(void) = host_clock_ns;

void ppc_booke_set_clock(uint64_t (*now_ns)(void))
{
    clock_now_ns = now_ns ? now_ns : host_clock_ns;
}

static uint64_t ticks_of_ns(const PpcBookE *b, uint64_t ns)
{
    return (uint64_t)((unsigned __int128)ns * b->tb_freq_hz / 1000000000u);
}

/* The clock time at which the time base reaches tb (rounded up). */
static uint64_t ns_of_tb(const PpcBookE *b, uint64_t tb)
{
    unsigned __int128 ticks = (unsigned __int128)(tb - (uint64_t)b->tb_offset);
    return (uint64_t)((ticks * 1000000000u + b->tb_freq_hz - 1) / b->tb_freq_hz);
}

uint64_t ppc_booke_tb(const PpcCpu *cpu)
{
    return ticks_of_ns(&cpu->booke, clock_now_ns()) + (uint64_t)cpu->booke.tb_offset;
}

void ppc_booke_set_tb(PpcCpu *cpu, uint64_t tb)
{
    PpcBookE *b = &cpu->booke;
    ppc_booke_timers_sync(cpu);
    b->tb_offset = (int64_t)(tb - ticks_of_ns(b, clock_now_ns()));
    b->dec_tb = b->timers_tb = tb;
}

/* ---- DEC, the fixed-interval timer, the watchdog ---------------------------- */

/* Advance DEC from dec_tb to tb: at the tick it would go from 1 to 0 it
 * sets TSR[DIS]; then it stops at 0, or with TCR[ARE] restarts from DECAR
 * (EREF §8.3: "the decrementer is reloaded from DECAR"). */
static void dec_advance(PpcBookE *b, uint64_t tb)
{
    uint64_t elapsed = tb - b->dec_tb;
    b->dec_tb = tb;
    if (b->dec == 0 || elapsed == 0)
        return;
    if (elapsed < b->dec) {
        b->dec -= (uint32_t)elapsed;
        return;
    }
    b->tsr |= TSR_DIS;
    if (!(b->tcr & TCR_ARE) || b->decar == 0) {
        b->dec = 0;
        return;
    }
    uint64_t since_zero = elapsed - b->dec;
    b->dec = b->decar - (uint32_t)(since_zero % b->decar);
}

/* The time base bit a 6-bit period field selects: 0 is TB[0], the most
 * significant (e500 core reference manual §2.8.1, TCR[WPEXT||WP],
 * TCR[FPEXT||FP]); returned as a bit number from the least significant. */
static unsigned period_bit(uint32_t tcr, unsigned hi_shift, unsigned lo_shift)
{
    unsigned field = ((tcr >> hi_shift) & 0xf) << 2 | ((tcr >> lo_shift) & 3);
    return 63 - field;
}

static unsigned fit_bit(uint32_t tcr) { return period_bit(tcr, 13, 24); }
static unsigned watchdog_bit(uint32_t tcr) { return period_bit(tcr, 17, 30); }

/* How many times time base bit `bit` went from 0 to 1 in (from, to]. */
static uint64_t bit_rises(uint64_t from, uint64_t to, unsigned bit)
{
    unsigned __int128 half = (unsigned __int128)1 << bit, period = half << 1;
    return (uint64_t)((to + half) / period - (from + half) / period);
}

/* The first time base value after `from` at which `bit` rises. */
static uint64_t next_rise(uint64_t from, unsigned bit)
{
    unsigned __int128 half = (unsigned __int128)1 << bit, period = half << 1;
    return (uint64_t)(((from + half) / period + 1) * period - half);
}

/* A watchdog time-out (EREF §8.4): first TSR[ENW], then TSR[WIS], then
 * the reset TCR[WRC] selects, recorded in TSR[WRS]. */
static void watchdog_timeout(PpcBookE *b)
{
    if (!(b->tsr & TSR_ENW)) {
        b->tsr |= TSR_ENW;
    } else if (!(b->tsr & TSR_WIS)) {
        b->tsr |= TSR_WIS;
    } else {
        unsigned wrc = (b->tcr >> 28) & 3;
        if (wrc && !(b->tsr & TSR_WRS)) {
            b->tsr |= (uint32_t)wrc << 28;
            if (log_enabled(LOG_INT))
                log_printf("int: watchdog reset (WRC %u) requested\n", wrc);
            if (b->reset_request)
                b->reset_request(b->reset_opaque);
        }
    }
}

void ppc_booke_timers_sync(PpcCpu *cpu)
{
    PpcBookE *b = &cpu->booke;
    uint64_t tb = ppc_booke_tb(cpu);
    dec_advance(b, tb);
    if (bit_rises(b->timers_tb, tb, fit_bit(b->tcr)))
        b->tsr |= TSR_FIS;
    uint64_t wd = bit_rises(b->timers_tb, tb, watchdog_bit(b->tcr));
    for (uint64_t n = 0; n < wd && n < 3; n++)
        watchdog_timeout(b);
    b->timers_tb = tb;
}

uint32_t ppc_booke_read_dec(PpcCpu *cpu)
{
    ppc_booke_timers_sync(cpu);
    return cpu->booke.dec;
}

void ppc_booke_write_dec(PpcCpu *cpu, uint32_t value)
{
    ppc_booke_timers_sync(cpu);
    cpu->booke.dec = value;
}

uint64_t ppc_booke_next_timer_ns(const CpuCommon *common)
{
    const PpcBookE *b = &((const PpcCpu *)common)->booke;
    uint64_t next = UINT64_MAX;
    if ((b->tcr & TCR_DIE) && b->dec)
        next = ns_of_tb(b, b->dec_tb + b->dec);
    if (b->tcr & TCR_FIE) {
        uint64_t t = ns_of_tb(b, next_rise(b->timers_tb, fit_bit(b->tcr)));
        next = t < next ? t : next;
    }
    if (b->tcr & TCR_WIE) {
        uint64_t t = ns_of_tb(b, next_rise(b->timers_tb, watchdog_bit(b->tcr)));
        next = t < next ? t : next;
    }
    return next;
}

/* ---- interrupt entry -------------------------------------------------------- */

typedef enum IntClass { INT_BASE, INT_CRITICAL, INT_MACHINE_CHECK } IntClass;

typedef struct VectorDesc {
    const char *name;
    IntClass cls;
} VectorDesc;

static const VectorDesc vectors[36] = {
    [IVOR_CRITICAL] = {"critical input", INT_CRITICAL},
    [IVOR_MACHINE_CHECK] = {"machine check", INT_MACHINE_CHECK},
    [IVOR_DSI] = {"data storage", INT_BASE},
    [IVOR_ISI] = {"instruction storage", INT_BASE},
    [IVOR_EXTERNAL] = {"external input", INT_BASE},
    [IVOR_ALIGNMENT] = {"alignment", INT_BASE},
    [IVOR_PROGRAM] = {"program", INT_BASE},
    [IVOR_FP_UNAVAILABLE] = {"fp unavailable", INT_BASE},
    [IVOR_SYSCALL] = {"system call", INT_BASE},
    [IVOR_AP_UNAVAILABLE] = {"ap unavailable", INT_BASE},
    [IVOR_DECREMENTER] = {"decrementer", INT_BASE},
    [IVOR_FIT] = {"fixed-interval timer", INT_BASE},
    [IVOR_WATCHDOG] = {"watchdog", INT_CRITICAL},
    [IVOR_DTLB] = {"data tlb error", INT_BASE},
    [IVOR_ITLB] = {"instruction tlb error", INT_BASE},
    [IVOR_DEBUG] = {"debug", INT_CRITICAL},
    [IVOR_SPE_UNAVAILABLE] = {"spe unavailable", INT_BASE},
    [33] = {"embedded fp data", INT_BASE},
    [34] = {"embedded fp round", INT_BASE},
    [35] = {"performance monitor", INT_BASE},
};

uint32_t ppc_booke_tb_flags(uint32_t msr)
{
    return PPC_TBF_BOOKE | (msr & MSR_PR ? PPC_TBF_PR : 0) | (msr & MSR_IS ? PPC_TBF_IS : 0) |
           (msr & MSR_DS ? PPC_TBF_DS : 0);
}

/* The debug events that need a check in translated code: ICMP, BRT and
 * IAC at each instruction, DAC at each data access. */
static uint32_t debug_tb_flag(const PpcBookE *b)
{
    const uint32_t checked = DBCR0_ICMP | DBCR0_BRT | DBCR0_IAC1 | DBCR0_IAC2 | DBCR0_DAC1 |
                             DBCR0_DAC2;
    return (b->dbcr[0] & DBCR0_IDM) && (b->dbcr[0] & checked) ? PPC_TBF_DEBUG : 0;
}

static void update_tb_flags(PpcCpu *cpu)
{
    cpu->common.tb_flags = ppc_booke_tb_flags(cpu->booke.msr) | debug_tb_flag(&cpu->booke);
}

void ppc_booke_set_msr(PpcCpu *cpu, uint32_t v)
{
    cpu->booke.msr = v;
    update_tb_flags(cpu);
    if ((v & MSR_WE) && (cpu->booke.hid0 & 0x00e00000u)) /* HID0[DOZE|NAP|SLEEP] */
        cpu->booke.halted = 1;
}

/* e500CRM §2.13.1: DBCR0[RST] = 01 requests a hard reset when MSR[DE]
 * and DBCR0[IDM] are set; the field always reads 0. */
void ppc_booke_write_dbcr0(PpcCpu *cpu, uint32_t v)
{
    PpcBookE *b = &cpu->booke;
    b->dbcr[0] = v & ~DBCR0_RST;
    b->icmp_pending = 0;
    update_tb_flags(cpu);
    if ((v & DBCR0_RST) == DBCR0_RST_HARD && (v & DBCR0_IDM) && (b->msr & MSR_DE)) {
        if (log_enabled(LOG_INT))
            log_printf("int: DBCR0[RST] reset requested\n");
        if (b->reset_request)
            b->reset_request(b->reset_opaque);
    }
}

/* e500CRM §5.7.14: with DBCR0[IDM] clear no debug event is recorded. */
static bool debug_mode(const PpcBookE *b) { return b->dbcr[0] & DBCR0_IDM; }

void ppc_booke_debug_event(PpcCpu *cpu, uint32_t dbsr_bits)
{
    PpcBookE *b = &cpu->booke;
    if (!debug_mode(b))
        return;
    b->dbsr |= dbsr_bits | (b->msr & MSR_DE ? 0 : DBSR_IDE);
}

/* The MSR an interrupt handler starts with (EREF §7.6): base-class
 * interrupts keep CE, ME and DE and clear the rest; critical ones keep
 * ME; a machine check clears everything. */
static uint32_t handler_msr(uint32_t msr, IntClass cls)
{
    static const uint32_t kept[] = {
        [INT_BASE] = MSR_CE | MSR_ME | MSR_DE,
        [INT_CRITICAL] = MSR_ME,
        [INT_MACHINE_CHECK] = 0,
    };
    return msr & kept[cls];
}

void ppc_booke_enter(PpcCpu *cpu, unsigned ivor, uint32_t srr0)
{
    PpcBookE *b = &cpu->booke;
    const VectorDesc *v = &vectors[ivor];
    uint32_t *save[][2] = {
        [INT_BASE] = {&b->srr0, &b->srr1},
        [INT_CRITICAL] = {&b->csrr0, &b->csrr1},
        [INT_MACHINE_CHECK] = {&b->mcsrr0, &b->mcsrr1},
    };
    *save[v->cls][0] = srr0;
    *save[v->cls][1] = b->msr;
    ppc_booke_set_msr(cpu, handler_msr(b->msr, v->cls));
    b->halted = 0;
    cpu->reserve_addr = UINT64_MAX;
    cpu->common.pc = (b->ivpr & 0xffff0000u) | (b->ivor[ivor] & 0xfff0u);
    if (log_enabled(LOG_INT))
        log_printf("int: vector %u (%s) srr0 0x%08x srr1 0x%08x esr 0x%08x dear 0x%08x\n", ivor,
                   v->name, *save[v->cls][0], *save[v->cls][1], b->esr, b->dear);
    /* e500CRM §8.4.6: a noncritical interrupt is an interrupt taken
     * debug event; its debug interrupt names the vector in CSRR0. */
    if (v->cls == INT_BASE && (b->dbcr[0] & DBCR0_IRPT))
        ppc_booke_debug_event(cpu, DBSR_IRPT);
}

/* A debug interrupt is pending: an event bit in DBSR, internal debug
 * mode; MSR[DE] lets it in. */
static bool debug_pending(const PpcBookE *b) { return debug_mode(b) && (b->dbsr & DBSR_EVENTS); }

/* Take the pending debug interrupt if MSR[DE] allows, at pc (the first
 * instruction not executed). */
static bool debug_interrupt(PpcCpu *cpu)
{
    if (!debug_pending(&cpu->booke) || !(cpu->booke.msr & MSR_DE))
        return false;
    ppc_booke_enter(cpu, IVOR_DEBUG, (uint32_t)cpu->common.pc);
    return true;
}

/* The instruction that began with ICMP events on completed: its event
 * (e500CRM §8.4.5; never imprecise). */
static void icmp_complete(PpcBookE *b)
{
    if (b->icmp_pending)
        b->dbsr |= DBSR_ICMP;
    b->icmp_pending = 0;
}

/* ---- raise(): exceptions of the instruction at pc --------------------------------- */

static void enter_program(PpcCpu *cpu, uint32_t esr)
{
    cpu->booke.esr = esr;
    ppc_booke_enter(cpu, IVOR_PROGRAM, (uint32_t)cpu->common.pc);
}

/* sc completes (e500CRM §8.4.5: its ICMP event is set too). */
static void raise_syscall(PpcCpu *cpu)
{
    icmp_complete(&cpu->booke);
    ppc_booke_enter(cpu, IVOR_SYSCALL, (uint32_t)cpu->common.pc); /* pc: the next instruction */
}

/* An SPE instruction with MSR[SPE] = 0 is SPE-unavailable; with SPE on, it
 * is one morph does not implement. */
static void raise_illegal(PpcCpu *cpu)
{
    if (cpu->common.exception_code == E500_ILLEGAL_SPE && !(cpu->booke.msr & MSR_SPE)) {
        cpu->booke.esr = ESR_SPV;
        ppc_booke_enter(cpu, IVOR_SPE_UNAVAILABLE, (uint32_t)cpu->common.pc);
        return;
    }
    if (cpu->common.exception_code == E500_ILLEGAL_SPE && log_enabled(LOG_UNIMP))
        log_printf("unimplemented SPE instruction at 0x%08x\n", (uint32_t)cpu->common.pc);
    enter_program(cpu, ESR_PIL);
}

static void raise_priv(PpcCpu *cpu) { enter_program(cpu, ESR_PPR); }

/* e500CRM §8.4.3: a trap with DBCR0[TRAP] is a trap debug event whatever
 * MSR[DE]; with DE the debug interrupt takes the place of the program
 * interrupt (CSRR0 = the trap), without it the event waits (DBSR[IDE])
 * and the trap is a program interrupt. */
static void raise_trap(PpcCpu *cpu)
{
    if (cpu->booke.dbcr[0] & DBCR0_TRAP)
        ppc_booke_debug_event(cpu, DBSR_TRAP);
    if (!debug_interrupt(cpu))
        enter_program(cpu, ESR_PTR);
}

/* A memory access the MMU refused: TLB error (miss) or storage interrupt
 * (permission), DEAR and ESR[ST] for data; code outside memory is a
 * machine check. */
static void raise_fault(PpcCpu *cpu)
{
    PpcBookE *b = &cpu->booke;
    int code = cpu->common.exception_code;
    uint32_t pc = (uint32_t)cpu->common.pc, ea = (uint32_t)cpu->common.exception_addr;
    if (code == SOFTMMU_FAULT_NOT_MEMORY) {
        b->mcar = ea;
        b->mcsr |= 1u << 31; /* MCSR[MCP] */
        ppc_booke_enter(cpu, IVOR_MACHINE_CHECK, pc);
        return;
    }
    MemAccess access = e500_fault_access(code);
    bool miss = e500_fault_kind(code) == E500_FAULT_MISS;
    if (miss)
        ppc_e500_tlb_miss_mas(cpu, ea, access == MEM_FETCH);
    if (access == MEM_FETCH) {
        if (!miss)
            b->esr = 0;
        ppc_booke_enter(cpu, miss ? IVOR_ITLB : IVOR_ISI, pc);
        return;
    }
    b->dear = ea;
    b->esr = access == MEM_WRITE ? ESR_ST : 0;
    ppc_booke_enter(cpu, miss ? IVOR_DTLB : IVOR_DSI, pc);
}

/* EXIT_FPE cannot come from an e500 block (it has no classic FPU);
 * treated as an illegal instruction. */
static void raise_fpe(PpcCpu *cpu) { enter_program(cpu, ESR_PIL); }

static void (*const raise_by_reason[])(PpcCpu *) = {
    [EXIT_SYSCALL] = raise_syscall, [EXIT_ILLEGAL] = raise_illegal, [EXIT_PRIV] = raise_priv,
    [EXIT_TRAP] = raise_trap,       [EXIT_FAULT] = raise_fault,     [EXIT_FPE] = raise_fpe,
};

/* An instruction that raised did not complete (but sc, which does): no
 * ICMP event for it. A debug event its interrupt brought (IRPT, sc's
 * ICMP) is taken at the handler's first instruction. */
void ppc_booke_raise(CpuCommon *common, int reason)
{
    PpcCpu *cpu = (PpcCpu *)common;
    if (reason < 0 || (size_t)reason >= sizeof(raise_by_reason) / sizeof(raise_by_reason[0]) ||
        !raise_by_reason[reason])
        return;
    if (reason != EXIT_SYSCALL)
        cpu->booke.icmp_pending = 0;
    raise_by_reason[reason](cpu);
    debug_interrupt(cpu);
}

/* ---- interrupt(): lines and timers, in priority order ----------------------------- */

static bool mcp_pending(const PpcBookE *b) { return b->irq_lines & (1u << PPC_E500_IRQ_MCP); }
static bool ude_pending(const PpcBookE *b) { return debug_mode(b) && (b->dbsr & DBSR_UDE); }
static bool cint_pending(const PpcBookE *b) { return b->irq_lines & (1u << PPC_E500_IRQ_CINT); }
static bool wdt_pending(const PpcBookE *b) { return (b->tsr & TSR_WIS) && (b->tcr & TCR_WIE); }
static bool ext_pending(const PpcBookE *b) { return b->irq_lines & (1u << PPC_E500_IRQ_INT); }
static bool fit_pending(const PpcBookE *b) { return (b->tsr & TSR_FIS) && (b->tcr & TCR_FIE); }
static bool dec_pending(const PpcBookE *b) { return (b->tsr & TSR_DIS) && (b->tcr & TCR_DIE); }

/* e500CRM §5.11.1, the asynchronous ones in order: machine check, the
 * unconditional debug event, critical input, other debug events,
 * external input, watchdog, fixed-interval timer, decrementer. */
static const struct {
    bool (*pending)(const PpcBookE *b);
    uint32_t enable; /* the MSR bit that lets it in */
    unsigned ivor;
} interrupt_sources[] = {
    {mcp_pending, MSR_ME, IVOR_MACHINE_CHECK},
    {ude_pending, MSR_DE, IVOR_DEBUG},
    {cint_pending, MSR_CE, IVOR_CRITICAL},
    {debug_pending, MSR_DE, IVOR_DEBUG},
    {ext_pending, MSR_EE, IVOR_EXTERNAL},
    {wdt_pending, MSR_CE, IVOR_WATCHDOG},
    {fit_pending, MSR_EE, IVOR_FIT},
    {dec_pending, MSR_EE, IVOR_DECREMENTER},
};

/* Between two instructions: the one before completed (its ICMP event),
 * then the highest pending interrupt, and the debug interrupt its entry
 * may have brought (IRPT). */
bool ppc_booke_interrupt(CpuCommon *common)
{
    PpcCpu *cpu = (PpcCpu *)common;
    PpcBookE *b = &cpu->booke;
    icmp_complete(b);
    ppc_booke_timers_sync(cpu);
    for (size_t i = 0; i < sizeof(interrupt_sources) / sizeof(interrupt_sources[0]); i++) {
        if (!interrupt_sources[i].pending(b) || !(b->msr & interrupt_sources[i].enable))
            continue;
        if (interrupt_sources[i].ivor == IVOR_MACHINE_CHECK)
            b->mcsr |= 1u << 31; /* MCSR[MCP] */
        ppc_booke_enter(cpu, interrupt_sources[i].ivor, (uint32_t)common->pc);
        debug_interrupt(cpu);
        return true;
    }
    return false;
}

/* The UDE input records its event on the rising edge (e500CRM §8.4.8);
 * the other lines are levels. */
void ppc_booke_set_irq(CpuCommon *common, unsigned line, int level)
{
    PpcCpu *cpu = (PpcCpu *)common;
    PpcBookE *b = &cpu->booke;
    if (line > PPC_E500_IRQ_UDE)
        return;
    if (level && line == PPC_E500_IRQ_UDE && !(b->irq_lines & (1u << line)))
        ppc_booke_debug_event(cpu, DBSR_UDE);
    if (level) {
        b->irq_lines |= 1u << line;
        common->exit_request = 1;
    } else {
        b->irq_lines &= ~(1u << line);
    }
}

bool ppc_booke_halted(const CpuCommon *common)
{
    return ((const PpcCpu *)common)->booke.halted;
}
