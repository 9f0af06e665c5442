/* tests/unit/test_devices.c — the e500 board's devices driven through a
 * physical address space as the CPU reaches them (as_ld/as_st): the 16550
 * UART (PC16550D data sheet), the MPC8544 PIC (MPC8544E RM ch. 10), the
 * global utilities (MPC8544E RM ch. 18), the PCI host controller (the
 * MPC8544E RM's PCI chapter, the PCI Local Bus Specification 3.0 ch. 6;
 * the host bridge's identity and writable bits as qemu-system-ppc
 * -M ppce500 shows them to U-Boot), and the serial back-ends behind them
 * (machines/chardev.c). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ir/ir.h"
#include "machines/chardev.h"
#include "machines/devices/e500_guts.h"
#include "machines/devices/e500_pci.h"
#include "machines/devices/openpic.h"
#include "machines/devices/uart16550.h"
#include "softmmu/memory.h"
#include "device_test.h"

enum {
    UART_BASE = 0x4500,
    PIC_BASE = 0x40000,
    GUTS_BASE = 0xe0000,
    PCI_BASE = 0x8000,
    WORD = IR_MO_32 | IR_MO_BE,
};

/* 16550 register offsets (PC16550D table 2) */
enum { RBR = 0, THR = 0, DLL = 0, IER = 1, DLM = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

static uint8_t uart_rd(AddressSpace *as, unsigned reg) { return (uint8_t)as_ld(as, UART_BASE + reg, IR_MO_8); }
static void uart_wr(AddressSpace *as, unsigned reg, uint8_t v) { as_st(as, UART_BASE + reg, v, IR_MO_8); }

/* ---- serial back-ends -------------------------------------------------------- */

static void test_chardev_bad_specs(void)
{
    static const char *const bad[] = { "bogus", "file:/nonexistent-dir/x", "tcp:nohostport", "tcp:127.0.0.1:1,sever" };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *err = NULL;
        g_assert_null(chardev_open(bad[i], &err));
        g_assert_nonnull(err);
        g_assert_nonnull(strstr(err->message, bad[i]));
        g_error_free(err);
    }
}

static void test_chardev_null(void)
{
    GError *err = NULL;
    CharDev *cd = chardev_open("null", &err);
    g_assert_no_error(err);
    chardev_write(cd, "dropped", 7);
    uint8_t buf[4];
    g_assert_cmpuint(chardev_read(cd, buf, sizeof buf), ==, 0);
    g_assert_false(chardev_quit_requested(cd));
    chardev_close(cd);
}

/* A listening socket on a free loopback port, and the spec of a tcp
 * client back-end that connects to it. */
static int listen_loopback(char **spec)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    g_assert_cmpint(bind(fd, (struct sockaddr *)&a, sizeof a), ==, 0);
    g_assert_cmpint(listen(fd, 1), ==, 0);
    g_assert_cmpint(getsockname(fd, (struct sockaddr *)&a, &len), ==, 0);
    *spec = g_strdup_printf("tcp:127.0.0.1:%u", ntohs(a.sin_port));
    return fd;
}

static void count_notify(void *opaque)
{
    g_atomic_int_inc((gint *)opaque);
}

/* Poll the UART until it has n bytes or two seconds pass. */
static void wait_for_input(Uart16550 *uart, AddressSpace *as, unsigned want_lsr_dr)
{
    for (int i = 0; i < 2000 && (uart_rd(as, LSR) & 1) != want_lsr_dr; i++) {
        g_usleep(1000);
        uart16550_poll(uart);
    }
}

/* Take n bytes from the back-end, waiting up to two seconds. */
static size_t read_waiting(CharDev *cd, char *buf, size_t n)
{
    size_t got = 0;
    for (int i = 0; i < 2000 && got < n; i++) {
        got += chardev_read(cd, buf + got, n - got);
        if (got < n)
            g_usleep(1000);
    }
    return got;
}

/* stdio's Ctrl-A escapes, as QEMU's: Ctrl-A Ctrl-A sends one Ctrl-A,
 * Ctrl-A x asks to quit, Ctrl-A and another key sends nothing. */
static void test_chardev_stdio_escapes(void)
{
    int fds[2];
    g_assert_cmpint(pipe(fds), ==, 0);
    int saved_stdin = dup(STDIN_FILENO);
    dup2(fds[0], STDIN_FILENO);
    close(fds[0]);
    GError *err = NULL;
    CharDev *cd = chardev_open("stdio", &err);
    g_assert_no_error(err);
    gint notified = 0;
    chardev_set_notify(cd, count_notify, &notified);
    static const char typed[] = "a\001\001b\001zc";
    g_assert_cmpint(write(fds[1], typed, sizeof typed - 1), ==, (ssize_t)sizeof typed - 1);
    char got[8] = { 0 };
    g_assert_cmpuint(read_waiting(cd, got, 4), ==, 4);
    g_assert_cmpmem(got, 4, "a\001bc", 4);
    g_assert_false(chardev_quit_requested(cd));
    g_assert_cmpint(write(fds[1], "\001x", 2), ==, 2);
    for (int i = 0; i < 2000 && !chardev_quit_requested(cd); i++)
        g_usleep(1000);
    g_assert_true(chardev_quit_requested(cd));
    g_assert_cmpint(g_atomic_int_get(&notified), >=, 2);
    chardev_close(cd);
    close(fds[1]);
    dup2(saved_stdin, STDIN_FILENO);
    close(saved_stdin);
}

/* A free loopback port (it could be taken again before use: tests only). */
static unsigned free_port(void)
{
    char *spec;
    int fd = listen_loopback(&spec);
    unsigned port = (unsigned)atoi(strrchr(spec, ':') + 1);
    close(fd);
    g_free(spec);
    return port;
}

static int connect_loopback(unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    g_assert_cmpint(connect(fd, (struct sockaddr *)&a, sizeof a), ==, 0);
    return fd;
}

/* server,nowait: the back-end opens at once, takes a client when one
 * comes, and the next one after it leaves. */
static void test_chardev_tcp_server(void)
{
    unsigned port = free_port();
    char *spec = g_strdup_printf("tcp:127.0.0.1:%u,server,nowait", port);
    GError *err = NULL;
    CharDev *cd = chardev_open(spec, &err);
    g_assert_no_error(err);
    chardev_write(cd, "nobody", 6); /* no client yet: dropped */
    for (int round = 0; round < 2; round++) {
        int client = connect_loopback(port);
        char msg[] = "r0";
        msg[1] = (char)('0' + round);
        g_assert_cmpint(send(client, msg, 2, 0), ==, 2);
        char got[3] = { 0 };
        g_assert_cmpuint(read_waiting(cd, got, 2), ==, 2);
        g_assert_cmpstr(got, ==, msg);
        chardev_write(cd, "ok", 2);
        char back[3] = { 0 };
        g_assert_cmpint(recv(client, back, 2, MSG_WAITALL), ==, 2);
        g_assert_cmpstr(back, ==, "ok");
        close(client);
    }
    chardev_close(cd);
    g_free(spec);
}

/* ---- UART -------------------------------------------------------------------- */

typedef struct UartRig {
    AddressSpace *as;
    CharDev *cd;
    Uart16550 *uart;
    TestLine irq;
    char *path;
} UartRig;

static void uart_rig_file(UartRig *r)
{
    GError *err = NULL;
    r->path = g_build_filename(g_get_tmp_dir(), "morph-test-uart-XXXXXX", NULL);
    int fd = g_mkstemp(r->path);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    char *spec = g_strconcat("file:", r->path, NULL);
    r->cd = chardev_open(spec, &err);
    g_assert_no_error(err);
    g_free(spec);
    r->as = as_new();
    r->irq = (TestLine){ 0 };
    r->uart = uart16550_new(r->as, UART_BASE, r->cd, test_line(&r->irq));
}

/* Closes the back-end; returns what reached the file (g_free it). */
static char *uart_rig_done(UartRig *r)
{
    uart16550_free(r->uart);
    chardev_close(r->cd);
    as_free(r->as);
    char *text;
    g_assert_true(g_file_get_contents(r->path, &text, NULL, NULL));
    g_unlink(r->path);
    g_free(r->path);
    return text;
}

static void test_uart_reset_state(void)
{
    UartRig r;
    uart_rig_file(&r);
    /* PC16550D table 5 (reset): IER 0, IIR 01, LCR 0, MCR 0, LSR 60 */
    g_assert_cmphex(uart_rd(r.as, IER), ==, 0x00);
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x01);
    g_assert_cmphex(uart_rd(r.as, LCR), ==, 0x00);
    g_assert_cmphex(uart_rd(r.as, MCR), ==, 0x00);
    g_assert_cmphex(uart_rd(r.as, LSR), ==, 0x60);
    uart_wr(r.as, SCR, 0x5a);
    g_assert_cmphex(uart_rd(r.as, SCR), ==, 0x5a);
    g_assert_cmpint(r.irq.level, ==, 0);
    g_free(uart_rig_done(&r));
}

static void test_uart_hard_reset(void)
{
    UartRig r;
    uart_rig_file(&r);
    uart_wr(r.as, LCR, 0x80);
    uart_wr(r.as, DLL, 0x0c);
    uart_wr(r.as, LCR, 0x03);
    uart_wr(r.as, FCR, 0x07);
    uart_wr(r.as, MCR, 0x0b);
    uart_wr(r.as, SCR, 0x5a);
    uart_wr(r.as, IER, 0x02); /* THR empty: the line rises */
    g_assert_cmpint(r.irq.level, ==, 1);
    /* PC16550D table 2, master reset: IER, FCR, LCR, MCR clear, IIR 01,
     * LSR 60, the line falls; the divisor and scratch are not listed */
    uart16550_reset(r.uart);
    g_assert_cmpint(r.irq.level, ==, 0);
    g_assert_cmphex(uart_rd(r.as, IER), ==, 0x00);
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x01);
    g_assert_cmphex(uart_rd(r.as, LCR), ==, 0x00);
    g_assert_cmphex(uart_rd(r.as, MCR), ==, 0x00);
    g_assert_cmphex(uart_rd(r.as, LSR), ==, 0x60);
    g_assert_cmphex(uart_rd(r.as, SCR), ==, 0x5a);
    uart_wr(r.as, LCR, 0x80);
    g_assert_cmphex(uart_rd(r.as, DLL), ==, 0x0c);
    g_free(uart_rig_done(&r));
}

static void test_uart_output(void)
{
    UartRig r;
    uart_rig_file(&r);
    for (const char *p = "hello\r\n"; *p; p++) {
        g_assert_cmphex(uart_rd(r.as, LSR) & 0x60, ==, 0x60); /* THRE and TEMT: room to send */
        uart_wr(r.as, THR, (uint8_t)*p);
    }
    char *text = uart_rig_done(&r);
    g_assert_cmpstr(text, ==, "hello\r\n");
    g_free(text);
}

static void test_uart_divisor_latch(void)
{
    UartRig r;
    uart_rig_file(&r);
    uart_wr(r.as, IER, 0x05);
    uart_wr(r.as, LCR, 0x83); /* DLAB, 8 bits */
    uart_wr(r.as, DLL, 0x0c); /* under DLAB offsets 0 and 1 are the divisor */
    uart_wr(r.as, DLM, 0x01);
    g_assert_cmphex(uart_rd(r.as, DLL), ==, 0x0c);
    g_assert_cmphex(uart_rd(r.as, DLM), ==, 0x01);
    g_assert_cmphex(uart_rd(r.as, LCR), ==, 0x83);
    uart_wr(r.as, LCR, 0x03);
    g_assert_cmphex(uart_rd(r.as, IER), ==, 0x05); /* IER kept apart from DLM */
    uart_wr(r.as, THR, 'k');
    char *text = uart_rig_done(&r);
    g_assert_cmpstr(text, ==, "k"); /* divisor writes sent nothing */
    g_free(text);
}

static void test_uart_interrupt_priorities(void)
{
    UartRig r;
    uart_rig_file(&r);
    uart_wr(r.as, MCR, 0x10); /* loopback: THR feeds RBR */
    uart_wr(r.as, IER, 0x07); /* RDA, THRE, RLS */
    /* THR is empty: enabling its interrupt raises it */
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x02);
    g_assert_cmpint(r.irq.level, ==, 0); /* reading IIR acknowledged THRE */
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x01);

    /* Without FIFOs the receiver holds one byte: a second one overruns */
    uart_wr(r.as, THR, 'a');
    g_assert_cmpint(r.irq.level, ==, 1);
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x04); /* data available beats THRE */
    uart_wr(r.as, THR, 'b');
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x06); /* line status beats all */
    g_assert_cmphex(uart_rd(r.as, LSR), ==, 0x63); /* DR, OE, THRE, TEMT */
    g_assert_cmphex(uart_rd(r.as, LSR), ==, 0x61); /* OE cleared by the read */
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x04);
    g_assert_cmphex(uart_rd(r.as, RBR), ==, 'a');
    g_assert_cmphex(uart_rd(r.as, LSR), ==, 0x60);
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x02); /* THRE was pending beneath */
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x01);
    g_assert_cmpint(r.irq.level, ==, 0);
    char *text = uart_rig_done(&r);
    g_assert_cmpstr(text, ==, ""); /* loopback keeps output off the line */
    g_free(text);
}

static void test_uart_fifo_trigger(void)
{
    UartRig r;
    uart_rig_file(&r);
    uart_wr(r.as, MCR, 0x10);
    uart_wr(r.as, FCR, 0x47); /* FIFOs on, cleared, trigger at 4 bytes */
    uart_wr(r.as, IER, 0x01);
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0xc1); /* FIFOs on, nothing pending */
    for (const char *p = "abc"; *p; p++)
        uart_wr(r.as, THR, (uint8_t)*p);
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0xc1); /* below the trigger level */
    uart16550_poll(r.uart);                        /* input paused: timeout */
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0xcc);
    g_assert_cmpint(r.irq.level, ==, 1);
    uart_wr(r.as, THR, 'd');
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0xc4); /* at the trigger level */
    char got[5] = { 0 };
    for (int i = 0; i < 4; i++)
        got[i] = (char)uart_rd(r.as, RBR);
    g_assert_cmpstr(got, ==, "abcd");
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0xc1);
    g_assert_cmpint(r.irq.level, ==, 0);
    /* FCR[1] empties the receive FIFO */
    uart_wr(r.as, THR, 'e');
    uart_wr(r.as, FCR, 0x03);
    g_assert_cmphex(uart_rd(r.as, LSR) & 1, ==, 0);
    g_free(uart_rig_done(&r));
}

static void test_uart_modem_loopback(void)
{
    UartRig r;
    uart_rig_file(&r);
    /* Outside loopback the line is connected: DCD, DSR, CTS */
    g_assert_cmphex(uart_rd(r.as, MSR), ==, 0xb0);
    uart_wr(r.as, MCR, 0x10);
    g_assert_cmphex(uart_rd(r.as, MSR), ==, 0x0b); /* DCD, DSR, CTS fell: deltas */
    uart_wr(r.as, IER, 0x08);
    uart_wr(r.as, MCR, 0x13); /* RTS -> CTS, DTR -> DSR */
    g_assert_cmpint(r.irq.level, ==, 1);
    g_assert_cmphex(uart_rd(r.as, IIR), ==, 0x00); /* modem status */
    g_assert_cmphex(uart_rd(r.as, MSR), ==, 0x33);
    g_assert_cmphex(uart_rd(r.as, MSR), ==, 0x30);
    g_assert_cmpint(r.irq.level, ==, 0);
    g_free(uart_rig_done(&r));
}

static void test_uart_input_over_tcp(void)
{
    char *spec;
    int listener = listen_loopback(&spec);
    GError *err = NULL;
    CharDev *cd = chardev_open(spec, &err);
    g_assert_no_error(err);
    int peer = accept(listener, NULL, NULL);
    g_assert_cmpint(peer, >=, 0);
    gint notified = 0;
    chardev_set_notify(cd, count_notify, &notified);

    AddressSpace *as = as_new();
    TestLine irq = { 0 };
    Uart16550 *uart = uart16550_new(as, UART_BASE, cd, test_line(&irq));
    uart_wr(as, IER, 0x01);
    g_assert_cmpint(send(peer, "xyz", 3, 0), ==, 3);
    wait_for_input(uart, as, 1);
    g_assert_cmpint(g_atomic_int_get(&notified), >, 0);
    g_assert_cmpint(irq.level, ==, 1);
    g_assert_cmphex(uart_rd(as, IIR), ==, 0x04);
    char got[4] = { 0 };
    for (int i = 0; i < 3; i++) {
        wait_for_input(uart, as, 1);
        got[i] = (char)uart_rd(as, RBR);
    }
    g_assert_cmpstr(got, ==, "xyz");
    g_assert_cmphex(uart_rd(as, LSR) & 1, ==, 0);
    g_assert_cmpint(irq.level, ==, 0);

    /* and output goes back over the socket */
    uart_wr(as, THR, '!');
    char back = 0;
    g_assert_cmpint(recv(peer, &back, 1, 0), ==, 1);
    g_assert_cmpint(back, ==, '!');

    uart16550_free(uart);
    chardev_close(cd);
    as_free(as);
    close(peer);
    close(listener);
    g_free(spec);
}

/* ---- PIC ----------------------------------------------------------------------- */

enum {
    CTPR = 0x80, WHOAMI = 0x90, IACK = 0xa0, EOI = 0xb0, /* "this processor" */
    CPU0_CTPR = 0x20080, CPU0_IACK = 0x200a0, CPU0_EOI = 0x200b0,
    FRR = 0x1000, GCR = 0x1020, SVR = 0x10e0,
    MSIR0 = 0x1600, MSISR = 0x1720, MSIIR = 0x1740,
    IVPR_MSK = 1u << 31, IVPR_A = 1u << 30, IVPR_S = 1u << 22,
    DUART_IRQ = 42,
};

static uint32_t ivpr(unsigned n) { return 0x10000 + 0x20 * n; }
static uint32_t idr(unsigned n) { return 0x10010 + 0x20 * n; }

typedef struct PicRig {
    AddressSpace *as;
    OpenPic *pic;
    TestLine cpu_int;
} PicRig;

static uint32_t pic_rd(PicRig *r, uint32_t reg) { return (uint32_t)as_ld(r->as, PIC_BASE + reg, WORD); }
static void pic_wr(PicRig *r, uint32_t reg, uint32_t v) { as_st(r->as, PIC_BASE + reg, v, WORD); }

static void pic_rig(PicRig *r)
{
    r->as = as_new();
    r->cpu_int = (TestLine){ 0 };
    r->pic = openpic_new(r->as, PIC_BASE, test_line(&r->cpu_int));
}

static void pic_rig_done(PicRig *r)
{
    openpic_free(r->pic);
    as_free(r->as);
}

static void raise_input(PicRig *r, unsigned n, int level)
{
    IrqLine line = openpic_irq_in(r->pic, n);
    irq_set(&line, level);
}

/* unmasked, priority p, vector v (IVPR: MSK A . P S . PRIORITY . VECTOR) */
static void program_source(PicRig *r, unsigned n, unsigned p, unsigned v, uint32_t sense)
{
    pic_wr(r, ivpr(n), sense | p << 16 | v);
}

static void test_pic_reset_values(void)
{
    PicRig r;
    pic_rig(&r);
    /* RM 10.3: sources reset masked and directed to P0; CTPR 0xF;
     * spurious vector 0xFFFF; one CPU (FRR[NCPU] = 0), OpenPIC 1.2 */
    g_assert_cmphex(pic_rd(&r, ivpr(DUART_IRQ)), ==, IVPR_MSK);
    g_assert_cmphex(pic_rd(&r, idr(DUART_IRQ)), ==, 1);
    g_assert_cmphex(pic_rd(&r, CTPR), ==, 0xf);
    g_assert_cmphex(pic_rd(&r, SVR), ==, 0xffff);
    g_assert_cmphex(pic_rd(&r, WHOAMI), ==, 0);
    g_assert_cmphex((pic_rd(&r, FRR) >> 8) & 0x1f, ==, 0);
    g_assert_cmphex(pic_rd(&r, FRR) & 0xff, ==, 2);
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0xffff); /* nothing pending: spurious */
    pic_rig_done(&r);
}

static void test_pic_deliver_ack_eoi(void)
{
    PicRig r;
    pic_rig(&r);
    pic_wr(&r, CTPR, 0);
    program_source(&r, DUART_IRQ, 5, 0x42, 0);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    raise_input(&r, DUART_IRQ, 1);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    g_assert_cmphex(pic_rd(&r, ivpr(DUART_IRQ)), ==, IVPR_A | 5 << 16 | 0x42);
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0x42);
    g_assert_cmpint(r.cpu_int.level, ==, 0); /* in service hides its own level */
    raise_input(&r, DUART_IRQ, 0);
    g_assert_cmphex(pic_rd(&r, ivpr(DUART_IRQ)) & IVPR_A, ==, IVPR_A); /* still in service */
    pic_wr(&r, EOI, 0);
    g_assert_cmphex(pic_rd(&r, ivpr(DUART_IRQ)) & IVPR_A, ==, 0);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0xffff);
    /* A level source still asserted at EOI interrupts again */
    raise_input(&r, DUART_IRQ, 1);
    g_assert_cmphex(pic_rd(&r, CPU0_IACK), ==, 0x42); /* CPU 0's private block */
    pic_wr(&r, CPU0_EOI, 0);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    g_assert_cmpint(r.cpu_int.rises, ==, 3);
    pic_rig_done(&r);
}

static void test_pic_task_priority(void)
{
    PicRig r;
    pic_rig(&r);
    program_source(&r, DUART_IRQ, 5, 0x42, 0);
    raise_input(&r, DUART_IRQ, 1);
    g_assert_cmpint(r.cpu_int.level, ==, 0); /* CTPR 15 after reset */
    pic_wr(&r, CPU0_CTPR, 5);
    g_assert_cmphex(pic_rd(&r, CTPR), ==, 5); /* one register, two addresses */
    g_assert_cmpint(r.cpu_int.level, ==, 0); /* must exceed, not equal */
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0xffff);
    pic_wr(&r, CTPR, 4);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    /* masking the source withdraws it; unmasking brings it back */
    pic_wr(&r, ivpr(DUART_IRQ), IVPR_MSK | 5 << 16 | 0x42);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    pic_wr(&r, ivpr(DUART_IRQ), 5 << 16 | 0x42);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    /* priority 0 never interrupts */
    pic_wr(&r, CTPR, 0);
    pic_wr(&r, ivpr(DUART_IRQ), 0x42);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    pic_rig_done(&r);
}

static void test_pic_priority_nesting(void)
{
    PicRig r;
    pic_rig(&r);
    pic_wr(&r, CTPR, 0);
    program_source(&r, 43, 3, 0x43, 0);
    program_source(&r, 44, 7, 0x44, 0);
    program_source(&r, 45, 9, 0x45, 0);
    raise_input(&r, 43, 1);
    raise_input(&r, 45, 1);
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0x45); /* highest priority first */
    g_assert_cmpint(r.cpu_int.level, ==, 0);   /* 3 does not preempt 9 */
    raise_input(&r, 44, 1);
    g_assert_cmpint(r.cpu_int.level, ==, 0); /* nor does 7 */
    raise_input(&r, 45, 0);
    pic_wr(&r, EOI, 0);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0x44);
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0xffff); /* 3 waits below 7 in service */
    raise_input(&r, 44, 0);
    pic_wr(&r, EOI, 0);
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0x43);
    pic_wr(&r, EOI, 0);
    pic_rig_done(&r);
}

static void test_pic_edge_source(void)
{
    PicRig r;
    pic_rig(&r);
    pic_wr(&r, CTPR, 0);
    program_source(&r, 1, 4, 0x101, 0); /* external IRQ1, S = 0: edge */
    raise_input(&r, 1, 1);
    raise_input(&r, 1, 0);
    g_assert_cmpint(r.cpu_int.level, ==, 1); /* the edge was latched */
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0x101);
    pic_wr(&r, EOI, 0);
    g_assert_cmpint(r.cpu_int.level, ==, 0); /* and consumed by IACK */
    /* S = 1: level-sensitive, follows the pin */
    program_source(&r, 1, 4, 0x101, IVPR_S);
    raise_input(&r, 1, 1);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    raise_input(&r, 1, 0);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    pic_rig_done(&r);
}

static void test_pic_destination_and_reset(void)
{
    PicRig r;
    pic_rig(&r);
    pic_wr(&r, CTPR, 0);
    program_source(&r, DUART_IRQ, 5, 0x42, 0);
    pic_wr(&r, idr(DUART_IRQ), 0); /* directed to no processor */
    raise_input(&r, DUART_IRQ, 1);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    pic_wr(&r, idr(DUART_IRQ), 1);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    /* GCR[RST] puts every register back to its reset value */
    pic_wr(&r, GCR, 1u << 31);
    g_assert_cmphex(pic_rd(&r, GCR), ==, 0);
    g_assert_cmphex(pic_rd(&r, ivpr(DUART_IRQ)) & ~IVPR_A, ==, IVPR_MSK);
    g_assert_cmphex(pic_rd(&r, CTPR), ==, 0xf);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    pic_rig_done(&r);
}

static void test_pic_hard_reset(void)
{
    PicRig r;
    pic_rig(&r);
    pic_wr(&r, CTPR, 0);
    program_source(&r, DUART_IRQ, 5, 0x42, 0);
    raise_input(&r, DUART_IRQ, 1);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    /* a hard reset, like GCR[RST]: the source masked again, the CPU's
     * line down, the input's level still seen */
    openpic_reset(r.pic);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    g_assert_cmphex(pic_rd(&r, ivpr(DUART_IRQ)), ==, IVPR_MSK | IVPR_A);
    g_assert_cmphex(pic_rd(&r, CTPR), ==, 0xf);
    pic_rig_done(&r);
}

static void test_pic_msi(void)
{
    PicRig r;
    pic_rig(&r);
    pic_wr(&r, CTPR, 0);
    program_source(&r, 224 + 1, 6, 0xe1, 0); /* MSI bank 1 */
    pic_wr(&r, MSIIR, 1u << 29 | 3u << 24);  /* SRS 1, IBS 3 */
    g_assert_cmphex(pic_rd(&r, MSISR), ==, 1u << 1);
    g_assert_cmpint(r.cpu_int.level, ==, 1);
    g_assert_cmphex(pic_rd(&r, IACK), ==, 0xe1);
    g_assert_cmphex(pic_rd(&r, MSIR0 + 0x10), ==, 1u << 3);
    g_assert_cmphex(pic_rd(&r, MSIR0 + 0x10), ==, 0); /* cleared by the read */
    pic_wr(&r, EOI, 0);
    g_assert_cmpint(r.cpu_int.level, ==, 0);
    pic_rig_done(&r);
}

/* ---- global utilities ------------------------------------------------------------ */

static void count_reset(void *opaque)
{
    (*(int *)opaque)++;
}

static void test_guts(void)
{
    AddressSpace *as = as_new();
    int resets = 0;
    E500Guts *guts = e500_guts_new(as, GUTS_BASE, count_reset, &resets);
    /* PORPLLSR: core:CCB ratio in halves (bits 21:16), CCB:SYSCLK (bits 5:1);
     * with the 100 MHz SYSCLK they give U-Boot's 400 MHz CCB and core. */
    uint32_t pll = (uint32_t)as_ld(as, GUTS_BASE + 0x00, WORD);
    uint64_t ccb = 100000000ull * ((pll >> 1) & 0x1f);
    uint64_t core = ccb * ((pll >> 16) & 0x3f) / 2;
    g_assert_cmpuint(ccb, ==, 400000000);
    g_assert_cmpuint(core, ==, 400000000);
    /* PVR mirror: e500v2 revision 3.0 (e500 core RM, PVR) */
    g_assert_cmphex(as_ld(as, GUTS_BASE + 0xa0, WORD), ==, 0x80210030);
    /* RSTCR: only HRESET_REQ (0x2) asks for a reset */
    as_st(as, GUTS_BASE + 0xb0, 0x1, WORD);
    g_assert_cmpint(resets, ==, 0);
    as_st(as, GUTS_BASE + 0xb0, 0x2, WORD);
    g_assert_cmpint(resets, ==, 1);
    /* unknown registers read 0 and ignore writes */
    as_st(as, GUTS_BASE + 0x7fc, 0xffffffff, WORD);
    g_assert_cmphex(as_ld(as, GUTS_BASE + 0x7fc, WORD), ==, 0);
    e500_guts_free(guts);
    as_free(as);
}

/* ---- PCI host controller ------------------------------------------------------ */

enum {
    PCI_CONFIG_ADDRESS = PCI_BASE + 0x000, /* big-endian word */
    PCI_CONFIG_DATA = PCI_BASE + 0x004,    /* little-endian, as PCI is */
    PCI_ENABLE = 1u << 31,
    PCI_POWAR1 = PCI_BASE + 0xc30,         /* outbound window 1 attributes */
    PCI_PIWAR1 = PCI_BASE + 0xdf0,         /* inbound window 1 attributes */
    LE_WORD = IR_MO_32,
};

/* CONFIG_ADDRESS of bus/device/function, dword-aligned register reg. */
static uint32_t pci_address(unsigned bus, unsigned dev, unsigned fn, unsigned reg)
{
    return PCI_ENABLE | bus << 16 | dev << 11 | fn << 8 | (reg & 0xfc);
}

static void pci_select(AddressSpace *as, uint32_t address)
{
    as_st(as, PCI_CONFIG_ADDRESS, address, WORD);
}

/* A configuration read of size bytes (IR_MO_8/16/32) at host bridge
 * register reg, through the byte lane reg & 3 as U-Boot makes it. */
static uint32_t bridge_rd(AddressSpace *as, unsigned reg, unsigned memop)
{
    pci_select(as, pci_address(0, 0, 0, reg));
    return (uint32_t)as_ld(as, PCI_CONFIG_DATA + (reg & 3), memop);
}

static void bridge_wr(AddressSpace *as, unsigned reg, uint32_t v, unsigned memop)
{
    pci_select(as, pci_address(0, 0, 0, reg));
    as_st(as, PCI_CONFIG_DATA + (reg & 3), v, memop);
}

static void test_pci_host_bridge_ids(void)
{
    AddressSpace *as = as_new();
    E500Pci *pci = e500_pci_new(as, PCI_BASE);
    /* QEMU's ppce500 answers U-Boot's first reads with these dwords:
     * vendor 0x1957 device 0x0030, class 0x0b20 (processor, PowerPC)
     * revision 0, header type 0, subsystem 0x1af4:0x1100 */
    g_assert_cmphex(bridge_rd(as, 0x00, LE_WORD), ==, 0x00301957);
    g_assert_cmphex(bridge_rd(as, 0x08, LE_WORD), ==, 0x0b200000);
    g_assert_cmphex(bridge_rd(as, 0x0c, LE_WORD), ==, 0x00000000);
    g_assert_cmphex(bridge_rd(as, 0x2c, LE_WORD), ==, 0x11001af4);
    /* a big-endian CPU reading it without byte reversal sees PCI's bytes
     * in address order */
    pci_select(as, pci_address(0, 0, 0, 0));
    g_assert_cmphex(as_ld(as, PCI_CONFIG_DATA, WORD), ==, 0x57193000);
    /* CONFIG_ADDRESS reads back what was written */
    g_assert_cmphex(as_ld(as, PCI_CONFIG_ADDRESS, WORD), ==, pci_address(0, 0, 0, 0));
    e500_pci_free(pci);
    as_free(as);
}

static void test_pci_absent_devices(void)
{
    AddressSpace *as = as_new();
    E500Pci *pci = e500_pci_new(as, PCI_BASE);
    /* a master abort reads all ones: other devices, functions, buses */
    static const uint32_t absent[][3] = { { 0, 1, 0 }, { 0, 31, 0 }, { 0, 0, 1 }, { 1, 0, 0 }, { 255, 0, 0 } };
    for (size_t i = 0; i < G_N_ELEMENTS(absent); i++) {
        pci_select(as, pci_address(absent[i][0], absent[i][1], absent[i][2], 0));
        g_assert_cmphex(as_ld(as, PCI_CONFIG_DATA, LE_WORD), ==, 0xffffffff);
        g_assert_cmphex(as_ld(as, PCI_CONFIG_DATA + 2, IR_MO_16), ==, 0xffff);
        g_assert_cmphex(as_ld(as, PCI_CONFIG_DATA + 3, IR_MO_8), ==, 0xff);
    }
    /* with CONFIG_ADDRESS[enable] clear no configuration cycle happens */
    pci_select(as, pci_address(0, 0, 0, 0x10) & ~PCI_ENABLE);
    g_assert_cmphex(as_ld(as, PCI_CONFIG_DATA, LE_WORD), ==, 0xffffffff);
    as_st(as, PCI_CONFIG_DATA, 0xffffffff, LE_WORD);
    /* writes to absent devices reach nobody: the bridge's BAR0 is intact */
    pci_select(as, pci_address(0, 1, 0, 0x10));
    as_st(as, PCI_CONFIG_DATA, 0xffffffff, LE_WORD);
    g_assert_cmphex(bridge_rd(as, 0x10, LE_WORD), ==, 0);
    e500_pci_free(pci);
    as_free(as);
}

static void test_pci_bar_sizing(void)
{
    AddressSpace *as = as_new();
    E500Pci *pci = e500_pci_new(as, PCI_BASE);
    /* PCI 3.0 6.2.5.1: write all ones, read back ~(size - 1) | type bits.
     * BAR0 is 1 MiB of 32-bit non-prefetchable memory (as QEMU sizes it:
     * the CCSR); BARs 1-5 and the expansion ROM are not implemented. */
    bridge_wr(as, 0x10, 0xffffffff, LE_WORD);
    g_assert_cmphex(bridge_rd(as, 0x10, LE_WORD), ==, 0xfff00000);
    bridge_wr(as, 0x10, 0xe0000000, LE_WORD);
    g_assert_cmphex(bridge_rd(as, 0x10, LE_WORD), ==, 0xe0000000);
    for (unsigned bar = 0x14; bar <= 0x24; bar += 4) {
        bridge_wr(as, bar, 0xffffffff, LE_WORD);
        g_assert_cmphex(bridge_rd(as, bar, LE_WORD), ==, 0);
    }
    bridge_wr(as, 0x30, 0xfffffffe, LE_WORD);
    g_assert_cmphex(bridge_rd(as, 0x30, LE_WORD), ==, 0);
    /* command keeps I/O, memory, master, SERR# and INTx disable (QEMU's
     * writable bits); status stays 0 */
    bridge_wr(as, 0x04, 0xffffffff, LE_WORD);
    g_assert_cmphex(bridge_rd(as, 0x04, LE_WORD), ==, 0x00000507);
    /* a hard reset forgets all of it */
    e500_pci_reset(pci);
    g_assert_cmphex(bridge_rd(as, 0x10, LE_WORD), ==, 0);
    g_assert_cmphex(bridge_rd(as, 0x04, LE_WORD), ==, 0);
    e500_pci_free(pci);
    as_free(as);
}

static void test_pci_narrow_config_accesses(void)
{
    AddressSpace *as = as_new();
    E500Pci *pci = e500_pci_new(as, PCI_BASE);
    /* byte lane n of CONFIG_DATA is configuration byte (reg & ~3) + n */
    static const uint8_t id_bytes[4] = { 0x57, 0x19, 0x30, 0x00 };
    for (unsigned n = 0; n < 4; n++)
        g_assert_cmphex(bridge_rd(as, n, IR_MO_8), ==, id_bytes[n]);
    g_assert_cmphex(bridge_rd(as, 0x00, IR_MO_16), ==, 0x1957);
    g_assert_cmphex(bridge_rd(as, 0x02, IR_MO_16), ==, 0x0030);
    g_assert_cmphex(bridge_rd(as, 0x0a, IR_MO_16), ==, 0x0b20);
    g_assert_cmphex(bridge_rd(as, 0x0b, IR_MO_8), ==, 0x0b);
    /* a byte write changes that byte only: cache line size is writable,
     * the latency timer reads 0 (QEMU's) */
    bridge_wr(as, 0x0c, 0x08, IR_MO_8);
    bridge_wr(as, 0x0d, 0x80, IR_MO_8);
    g_assert_cmphex(bridge_rd(as, 0x0c, LE_WORD), ==, 0x00000008);
    /* a halfword write to the upper half leaves the lower half */
    bridge_wr(as, 0x12, 0xabcd, IR_MO_16);
    g_assert_cmphex(bridge_rd(as, 0x10, LE_WORD), ==, 0xabc00000);
    /* interrupt line (0x3c) is writable, interrupt pin (0x3d) reads 0 */
    bridge_wr(as, 0x3c, 0xffff, IR_MO_16);
    g_assert_cmphex(bridge_rd(as, 0x3c, LE_WORD), ==, 0x000000ff);
    /* device-specific space keeps what is written */
    bridge_wr(as, 0x80, 0x12345678, LE_WORD);
    g_assert_cmphex(bridge_rd(as, 0x81, IR_MO_8), ==, 0x56);
    e500_pci_free(pci);
    as_free(as);
}

static void test_pci_atmu_registers(void)
{
    AddressSpace *as = as_new();
    E500Pci *pci = e500_pci_new(as, PCI_BASE);
    /* the outbound and inbound windows U-Boot programs keep their values */
    as_st(as, PCI_POWAR1, 0x8004401c, WORD);
    as_st(as, PCI_PIWAR1, 0xa0f5501e, WORD);
    g_assert_cmphex(as_ld(as, PCI_POWAR1, WORD), ==, 0x8004401c);
    g_assert_cmphex(as_ld(as, PCI_PIWAR1, WORD), ==, 0xa0f5501e);
    /* registers outside them read 0 and ignore writes */
    as_st(as, PCI_BASE + 0x008, 0xffffffff, WORD);
    g_assert_cmphex(as_ld(as, PCI_BASE + 0x008, WORD), ==, 0);
    e500_pci_reset(pci);
    g_assert_cmphex(as_ld(as, PCI_POWAR1, WORD), ==, 0);
    g_assert_cmphex(as_ld(as, PCI_CONFIG_ADDRESS, WORD), ==, 0);
    e500_pci_free(pci);
    as_free(as);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/chardev/bad-specs", test_chardev_bad_specs);
    g_test_add_func("/chardev/null", test_chardev_null);
    g_test_add_func("/chardev/stdio-escapes", test_chardev_stdio_escapes);
    g_test_add_func("/chardev/tcp-server", test_chardev_tcp_server);
    g_test_add_func("/uart/reset-state", test_uart_reset_state);
    g_test_add_func("/uart/hard-reset", test_uart_hard_reset);
    g_test_add_func("/uart/output", test_uart_output);
    g_test_add_func("/uart/divisor-latch", test_uart_divisor_latch);
    g_test_add_func("/uart/interrupt-priorities", test_uart_interrupt_priorities);
    g_test_add_func("/uart/fifo-trigger", test_uart_fifo_trigger);
    g_test_add_func("/uart/modem-loopback", test_uart_modem_loopback);
    g_test_add_func("/uart/input-over-tcp", test_uart_input_over_tcp);
    g_test_add_func("/openpic/reset-values", test_pic_reset_values);
    g_test_add_func("/openpic/deliver-ack-eoi", test_pic_deliver_ack_eoi);
    g_test_add_func("/openpic/task-priority", test_pic_task_priority);
    g_test_add_func("/openpic/priority-nesting", test_pic_priority_nesting);
    g_test_add_func("/openpic/edge-source", test_pic_edge_source);
    g_test_add_func("/openpic/destination-and-reset", test_pic_destination_and_reset);
    g_test_add_func("/openpic/hard-reset", test_pic_hard_reset);
    g_test_add_func("/openpic/msi", test_pic_msi);
    g_test_add_func("/guts/registers", test_guts);
    g_test_add_func("/e500_pci/host-bridge-ids", test_pci_host_bridge_ids);
    g_test_add_func("/e500_pci/absent-devices", test_pci_absent_devices);
    g_test_add_func("/e500_pci/bar-sizing", test_pci_bar_sizing);
    g_test_add_func("/e500_pci/narrow-config-accesses", test_pci_narrow_config_accesses);
    g_test_add_func("/e500_pci/atmu-registers", test_pci_atmu_registers);
    return g_test_run();
}
