/* machines/devices/uart16550.c — the NS16550A as one channel of the
 * MPC8544 DUART shows it (MPC8544E RM ch. 12, "DUART"; the register
 * behaviour is National's PC16550D data sheet):
 *
 *   offset  read            write           with LCR[DLAB]
 *   0       RBR receive     THR transmit    DLL divisor low
 *   1       IER interrupt enables           DLM divisor high
 *   2       IIR identify    FCR FIFO control
 *   3       LCR line control
 *   4       MCR modem control (LOOP, OUT2, OUT1, RTS, DTR)
 *   5       LSR line status
 *   6       MSR modem status
 *   7       SCR scratch
 *
 * Transmission is instant: a THR write reaches the CharDev (or, in
 * loopback, the receive FIFO) at once, so THR is always empty again.
 * Reception takes bytes from the CharDev while the receive FIFO has room;
 * a full FIFO leaves them queued there, so input is never overrun. The
 * character-timeout interrupt stands for "input paused below the trigger
 * level": it is raised when a poll finds no more input waiting. */
#include "machines/devices/uart16550.h"

enum {
    FIFO_DEPTH = 16,

    IER_RDA = 1 << 0,  /* received data available (and timeout) */
    IER_THRE = 1 << 1, /* transmit holding register empty */
    IER_RLS = 1 << 2,  /* receiver line status */
    IER_MS = 1 << 3,   /* modem status */

    /* IIR interrupt identification, highest priority first (PC16550D
     * table 4, "Interrupt Control Functions") */
    IIR_RLS = 0x06,     /* receiver line status: OE/PE/FE/BI */
    IIR_RDA = 0x04,     /* received data at the trigger level */
    IIR_TIMEOUT = 0x0c, /* character timeout */
    IIR_THRE = 0x02,    /* THR empty */
    IIR_MS = 0x00,      /* modem status change */
    IIR_NONE = 0x01,    /* no interrupt pending */
    IIR_FIFOS_ON = 0xc0, /* FCR[0] set */

    FCR_ENABLE = 1 << 0,
    FCR_CLEAR_RX = 1 << 1,
    FCR_CLEAR_TX = 1 << 2,

    LCR_DLAB = 1 << 7,

    MCR_DTR = 1 << 0,
    MCR_RTS = 1 << 1,
    MCR_OUT1 = 1 << 2,
    MCR_OUT2 = 1 << 3,
    MCR_LOOP = 1 << 4,
    MCR_WRITABLE = 0x1f,

    LSR_DR = 1 << 0,   /* data ready */
    LSR_OE = 1 << 1,   /* overrun (loopback into a full FIFO) */
    LSR_THRE = 1 << 5, /* THR empty */
    LSR_TEMT = 1 << 6, /* THR and shift register empty */

    MSR_DCTS = 1 << 0, MSR_DDSR = 1 << 1, MSR_TERI = 1 << 2, MSR_DDCD = 1 << 3,
    MSR_CTS = 1 << 4, MSR_DSR = 1 << 5, MSR_RI = 1 << 6, MSR_DCD = 1 << 7,
    /* Outside loopback the host side is always there. */
    MSR_CONNECTED = MSR_DCD | MSR_DSR | MSR_CTS,
};

struct Uart16550 {
    AddressSpace *as;
    MemoryRegion *mr;
    CharDev *cd;
    IrqLine irq;
    int irq_level;
    uint8_t rx[FIFO_DEPTH];
    unsigned rx_head, rx_count;
    bool rx_timeout;   /* input paused with bytes below the trigger level */
    bool thre_pending; /* THRE interrupt, until IIR read or THR written */
    uint8_t ier, fcr, lcr, mcr, lsr_errors, msr_deltas, scr, dll, dlm;
};

/* ---- receive FIFO ----------------------------------------------------------- */

static unsigned rx_capacity(const Uart16550 *u)
{
    return (u->fcr & FCR_ENABLE) ? FIFO_DEPTH : 1;
}

static unsigned rx_trigger(const Uart16550 *u)
{
    static const uint8_t levels[4] = { 1, 4, 8, 14 }; /* FCR[7:6] */
    return (u->fcr & FCR_ENABLE) ? levels[u->fcr >> 6] : 1;
}

static void rx_push(Uart16550 *u, uint8_t byte)
{
    if (u->rx_count == rx_capacity(u)) {
        u->lsr_errors |= LSR_OE;
        return;
    }
    u->rx[(u->rx_head + u->rx_count++) % FIFO_DEPTH] = byte;
}

static uint8_t rx_pop(Uart16550 *u)
{
    if (!u->rx_count)
        return 0;
    uint8_t byte = u->rx[u->rx_head];
    u->rx_head = (u->rx_head + 1) % FIFO_DEPTH;
    u->rx_count--;
    return byte;
}

static void rx_clear(Uart16550 *u)
{
    u->rx_head = u->rx_count = 0;
    u->rx_timeout = false;
}

/* ---- interrupts ------------------------------------------------------------- */

static bool rls_pending(const Uart16550 *u) { return (u->ier & IER_RLS) && u->lsr_errors; }
static bool rda_pending(const Uart16550 *u) { return (u->ier & IER_RDA) && u->rx_count >= rx_trigger(u); }
static bool timeout_pending(const Uart16550 *u) { return (u->ier & IER_RDA) && u->rx_timeout && u->rx_count; }
static bool thre_pending(const Uart16550 *u) { return (u->ier & IER_THRE) && u->thre_pending; }
static bool ms_pending(const Uart16550 *u) { return (u->ier & IER_MS) && u->msr_deltas; }

/* Highest priority first. */
static const struct {
    uint8_t iir;
    bool (*pending)(const Uart16550 *u);
} interrupt_sources[] = {
    { IIR_RLS, rls_pending },
    { IIR_RDA, rda_pending },
    { IIR_TIMEOUT, timeout_pending },
    { IIR_THRE, thre_pending },
    { IIR_MS, ms_pending },
};

static uint8_t interrupt_id(const Uart16550 *u)
{
    for (size_t i = 0; i < G_N_ELEMENTS(interrupt_sources); i++)
        if (interrupt_sources[i].pending(u))
            return interrupt_sources[i].iir;
    return IIR_NONE;
}

static void update_irq(Uart16550 *u)
{
    int level = interrupt_id(u) != IIR_NONE;
    if (level != u->irq_level) {
        u->irq_level = level;
        irq_set(&u->irq, level);
    }
}

/* ---- input and output --------------------------------------------------------- */

static bool loopback(const Uart16550 *u) { return (u->mcr & MCR_LOOP) != 0; }

static void pull_input(Uart16550 *u)
{
    size_t n = 0;
    if (!loopback(u) && u->cd) {
        uint8_t buf[FIFO_DEPTH];
        n = chardev_read(u->cd, buf, rx_capacity(u) - u->rx_count);
        for (size_t i = 0; i < n; i++)
            rx_push(u, buf[i]);
    }
    u->rx_timeout = n == 0 && u->rx_count > 0;
}

void uart16550_poll(void *uart)
{
    Uart16550 *u = uart;
    pull_input(u);
    update_irq(u);
}

static void transmit(Uart16550 *u, uint8_t byte)
{
    if (loopback(u))
        rx_push(u, byte);
    else if (u->cd)
        chardev_write(u->cd, &byte, 1);
    u->thre_pending = true;
}

/* In loopback the modem inputs are wired to the modem outputs:
 * CTS = RTS, DSR = DTR, RI = OUT1, DCD = OUT2. */
static uint8_t modem_inputs(const Uart16550 *u)
{
    if (!loopback(u))
        return MSR_CONNECTED;
    return (u->mcr & MCR_RTS ? MSR_CTS : 0) | (u->mcr & MCR_DTR ? MSR_DSR : 0) |
           (u->mcr & MCR_OUT1 ? MSR_RI : 0) | (u->mcr & MCR_OUT2 ? MSR_DCD : 0);
}

/* A change of the modem inputs sets the delta bits; RI only on its
 * trailing edge (TERI). */
static void note_modem_change(Uart16550 *u, uint8_t before, uint8_t after)
{
    uint8_t changed = before ^ after;
    u->msr_deltas |= (changed & MSR_CTS ? MSR_DCTS : 0) | (changed & MSR_DSR ? MSR_DDSR : 0) |
                     (changed & MSR_DCD ? MSR_DDCD : 0) | ((before & ~after) & MSR_RI ? MSR_TERI : 0);
}

/* ---- registers ---------------------------------------------------------------- */

static bool dlab(const Uart16550 *u) { return (u->lcr & LCR_DLAB) != 0; }

static uint8_t read_rbr(Uart16550 *u)
{
    if (dlab(u))
        return u->dll;
    uint8_t byte = rx_pop(u);
    u->rx_timeout = false;
    pull_input(u);
    return byte;
}

static uint8_t read_ier(Uart16550 *u) { return dlab(u) ? u->dlm : u->ier; }

static uint8_t read_iir(Uart16550 *u)
{
    uint8_t id = interrupt_id(u);
    if (id == IIR_THRE)
        u->thre_pending = false; /* reading IIR acknowledges THRE */
    return id | ((u->fcr & FCR_ENABLE) ? IIR_FIFOS_ON : 0);
}

static uint8_t read_lcr(Uart16550 *u) { return u->lcr; }
static uint8_t read_mcr(Uart16550 *u) { return u->mcr; }

static uint8_t read_lsr(Uart16550 *u)
{
    uint8_t lsr = LSR_THRE | LSR_TEMT | u->lsr_errors | (u->rx_count ? LSR_DR : 0);
    u->lsr_errors = 0; /* error bits clear when read */
    return lsr;
}

static uint8_t read_msr(Uart16550 *u)
{
    uint8_t msr = modem_inputs(u) | u->msr_deltas;
    u->msr_deltas = 0;
    return msr;
}

static uint8_t read_scr(Uart16550 *u) { return u->scr; }

static void write_thr(Uart16550 *u, uint8_t v)
{
    if (dlab(u))
        u->dll = v;
    else
        transmit(u, v);
}

static void write_ier(Uart16550 *u, uint8_t v)
{
    if (dlab(u)) {
        u->dlm = v;
        return;
    }
    /* Enabling the THRE interrupt while THR is empty raises it at once. */
    if ((v & IER_THRE) && !(u->ier & IER_THRE))
        u->thre_pending = true;
    u->ier = v & 0x0f;
}

static void write_fcr(Uart16550 *u, uint8_t v)
{
    if ((v ^ u->fcr) & FCR_ENABLE)
        rx_clear(u); /* switching the FIFOs on or off empties them */
    if (v & FCR_CLEAR_RX)
        rx_clear(u);
    u->fcr = v & ~(FCR_CLEAR_RX | FCR_CLEAR_TX);
    pull_input(u);
}

static void write_lcr(Uart16550 *u, uint8_t v) { u->lcr = v; }

static void write_mcr(Uart16550 *u, uint8_t v)
{
    uint8_t before = modem_inputs(u);
    u->mcr = v & MCR_WRITABLE;
    note_modem_change(u, before, modem_inputs(u));
    pull_input(u);
}

static void write_scr(Uart16550 *u, uint8_t v) { u->scr = v; }

static void write_read_only(Uart16550 *u, uint8_t v) { (void)u, (void)v; }

static const struct {
    uint8_t (*read)(Uart16550 *u);
    void (*write)(Uart16550 *u, uint8_t v);
} registers[8] = {
    { read_rbr, write_thr }, { read_ier, write_ier }, { read_iir, write_fcr },
    { read_lcr, write_lcr }, { read_mcr, write_mcr }, { read_lsr, write_read_only },
    { read_msr, write_read_only }, { read_scr, write_scr },
};

/* The region is exactly the registers: every offset has a row. */
_Static_assert(G_N_ELEMENTS(registers) == UART16550_REGISTERS, "one row per register");

static uint64_t uart_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    Uart16550 *u = opaque;
    uint8_t value = registers[offset].read(u);
    update_irq(u);
    return value;
}

static void uart_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    Uart16550 *u = opaque;
    registers[offset].write(u, (uint8_t)value);
    update_irq(u);
}

static const MemoryRegionOps uart_ops = {
    .read = uart_read,
    .write = uart_write,
    .big_endian = true,
    .max_size = 1,
};

/* A master reset (PC16550D table 2): IER, FCR, LCR, MCR, the line
 * status and the modem deltas clear and the FIFOs empty; the divisor
 * latches and the scratch register keep their values. */
void uart16550_reset(Uart16550 *u)
{
    rx_clear(u);
    u->ier = u->fcr = u->lcr = u->mcr = 0;
    u->lsr_errors = u->msr_deltas = 0;
    u->thre_pending = false;
    update_irq(u);
}

Uart16550 *uart16550_new(AddressSpace *as, uint64_t base, CharDev *cd, IrqLine irq)
{
    Uart16550 *u = g_new0(Uart16550, 1);
    u->cd = cd;
    u->irq = irq;
    u->as = as;
    u->mr = as_add_mmio(as, "uart16550", base, UART16550_REGISTERS, &uart_ops, u, 0);
    return u;
}

void uart16550_free(Uart16550 *u)
{
    as_remove(u->as, u->mr);
    g_free(u);
}
