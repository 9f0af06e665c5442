/* tests/unit/test_gdbstub.c — the GDB remote stub (machines/gdbstub.c)
 * over a real TCP socket: this test is the debugger, a thread of its own
 * plays the machine loop's CPU thread (gdb_stub_stopped), and the machine
 * is a fake one: a guest with five registers of its own (four of 4 bytes,
 * one of 8) and an identity MMU over 64 KiB of RAM. Expected replies come
 * from that set-up: register values the test stored, bytes it wrote into
 * RAM, the protocol's framing as the GDB manual gives it. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib.h>

#include "backend/exec.h"
#include "machines/gdbstub.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"

enum {
    FAKE_RAM_BYTES = 0x10000,
    FAKE_NUM_REGS = 5,
    FAKE_FAULT = 1, /* the fake walk's only fault code */
    REPLY_TIMEOUT_MS = 10000,
};

typedef struct FakeCpu {
    CpuCommon common;
    uint64_t reg[FAKE_NUM_REGS];
} FakeCpu;

static unsigned fake_reg_size(unsigned n)
{
    return n == 4 ? 8 : 4;
}

/* Registers are big-endian bytes, as the fake guest's byte order. */
static unsigned fake_read_reg(CpuCommon *cpu, unsigned n, uint8_t *buf)
{
    if (n >= FAKE_NUM_REGS)
        return 0;
    unsigned size = fake_reg_size(n);
    for (unsigned i = 0; i < size; i++)
        buf[i] = (uint8_t)(((FakeCpu *)cpu)->reg[n] >> (8 * (size - 1 - i)));
    return size;
}

static unsigned fake_write_reg(CpuCommon *cpu, unsigned n, const uint8_t *buf)
{
    if (n >= FAKE_NUM_REGS)
        return 0;
    unsigned size = fake_reg_size(n);
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | buf[i];
    ((FakeCpu *)cpu)->reg[n] = v;
    return size;
}

static int fake_tlb_fill(CpuCommon *cpu, uint64_t vaddr, MemAccess access, unsigned mmu_idx, TlbFill *out)
{
    (void)cpu, (void)access, (void)mmu_idx;
    if (vaddr >= FAKE_RAM_BYTES)
        return FAKE_FAULT;
    *out = (TlbFill){
        .paddr = vaddr, .prot = TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC, .page_size = TLB_PAGE_SIZE};
    return 0;
}

static unsigned fake_code_mmu_idx(const CpuCommon *cpu)
{
    (void)cpu;
    return 0;
}

/* Longer than one qXfer part the test asks for, so it comes in several. */
static const char fake_xml[] = "<?xml version=\"1.0\"?>\n<target version=\"1.0\">\n"
                               "  <feature name=\"org.example.fake\">\n"
                               "    <reg name=\"a\" bitsize=\"32\"/> <reg name=\"b\" bitsize=\"32\"/>\n"
                               "    <reg name=\"c\" bitsize=\"32\"/> <reg name=\"d\" bitsize=\"32\"/>\n"
                               "    <reg name=\"wide\" bitsize=\"64\"/>\n"
                               "  </feature>\n</target>\n";

static const GuestSysOps fake_sys = {
    .tlb_fill = fake_tlb_fill,
    .code_mmu_idx = fake_code_mmu_idx,
    .gdb_target_xml = fake_xml,
    .gdb_num_regs = FAKE_NUM_REGS,
    .gdb_read_reg = fake_read_reg,
    .gdb_write_reg = fake_write_reg,
};

static const GuestArch fake_arch = {
    .name = "fake",
    .big_endian = true,
    .cpu_size = sizeof(FakeCpu),
    .sys = &fake_sys,
};

/* The machine loop's kick: counted (the stub calls it for Ctrl-C). */
static int kicks;
void machine_kick(Machine *m)
{
    (void)m;
    g_atomic_int_inc(&kicks);
}

typedef struct Fixture {
    FakeCpu cpu;
    Machine m;
    Engine *engine;
    GThread *cpu_thread;
    GAsyncQueue *stops;   /* GdbStopWhy + 1 for the CPU thread to report, or CPU_THREAD_END */
    GAsyncQueue *resumes; /* GdbResume + 1 it got back */
    int fd;               /* the debugger's end */
} Fixture;

/* The CPU thread: one gdb_stub_stopped per stop the test queues. */
#define CPU_THREAD_END GINT_TO_POINTER(-1)

static gpointer cpu_thread(gpointer opaque)
{
    Fixture *f = opaque;
    for (;;) {
        gpointer item = g_async_queue_pop(f->stops);
        if (item == CPU_THREAD_END)
            return NULL;
        GdbResume how = gdb_stub_stopped(f->m.gdb, (GdbStopWhy)(GPOINTER_TO_INT(item) - 1));
        g_async_queue_push(f->resumes, GINT_TO_POINTER(how + 1));
    }
}

static void cpu_stops(Fixture *f, GdbStopWhy why)
{
    g_async_queue_push(f->stops, GINT_TO_POINTER(why + 1));
}

static GdbResume cpu_resumed(Fixture *f)
{
    gpointer how = g_async_queue_timeout_pop(f->resumes, REPLY_TIMEOUT_MS * 1000);
    g_assert_nonnull(how);
    return (GdbResume)(GPOINTER_TO_INT(how) - 1);
}

/* data: NULL, the machine waits at its first instruction (-S); RUNNING,
 * it runs when the debugger connects. */
#define RUNNING GINT_TO_POINTER(1)

static void fixture_set_up(Fixture *f, gconstpointer data)
{
    memset(f, 0, sizeof *f);
    f->m.arch = &fake_arch;
    f->m.cpu = &f->cpu.common;
    f->m.as = as_new();
    as_add_ram(f->m.as, "ram", 0, FAKE_RAM_BYTES);
    f->cpu.common.arch = &fake_arch;
    f->cpu.common.owner = &f->m;
    tlb_init(&f->cpu.common, f->m.as);
    f->engine = engine_new(&fake_arch, &(EngineOptions){.system = true});
    engine_attach_cpu(f->engine, &f->cpu.common);
    for (unsigned n = 0; n < FAKE_NUM_REGS; n++)
        f->cpu.reg[n] = 0x11223344u * (n + 1);
    f->cpu.reg[4] = 0x0102030405060708ull;

    GError *err = NULL;
    f->m.gdb = gdb_stub_open(&f->m, "tcp:127.0.0.1:0", &err);
    g_assert_no_error(err);
    f->stops = g_async_queue_new();
    f->resumes = g_async_queue_new();
    f->cpu_thread = g_thread_new("cpu", cpu_thread, f);
    if (data != RUNNING)
        cpu_stops(f, GDB_STOP_START); /* as -S does */

    struct sockaddr_in addr = {.sin_family = AF_INET,
                               .sin_port = htons(gdb_stub_port(f->m.gdb)),
                               .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    f->fd = socket(AF_INET, SOCK_STREAM, 0);
    g_assert_cmpint(connect(f->fd, (struct sockaddr *)&addr, sizeof addr), ==, 0);
}

static void fixture_tear_down(Fixture *f, gconstpointer data)
{
    (void)data;
    close(f->fd);
    g_async_queue_push(f->stops, CPU_THREAD_END);
    /* The CPU thread may still serve a connection that just closed. */
    g_thread_join(f->cpu_thread);
    gdb_stub_close(f->m.gdb);
    g_async_queue_unref(f->stops);
    g_async_queue_unref(f->resumes);
    engine_detach_cpu(f->engine, &f->cpu.common);
    engine_free(f->engine);
    tlb_destroy(&f->cpu.common);
    as_free(f->m.as);
}

/* ---- the debugger's side of the protocol ----------------------------------- */

static void send_raw(Fixture *f, const char *text)
{
    size_t len = strlen(text);
    g_assert_cmpint(send(f->fd, text, len, MSG_NOSIGNAL), ==, (ssize_t)len);
}

static void send_packet(Fixture *f, const char *payload)
{
    uint8_t sum = 0;
    for (const char *p = payload; *p; p++)
        sum += (uint8_t)*p;
    char *framed = g_strdup_printf("$%s#%02x", payload, sum);
    send_raw(f, framed);
    g_free(framed);
}

static int read_char(Fixture *f)
{
    struct pollfd p = {.fd = f->fd, .events = POLLIN};
    g_assert_cmpint(poll(&p, 1, REPLY_TIMEOUT_MS), ==, 1);
    uint8_t c;
    g_assert_cmpint(recv(f->fd, &c, 1, 0), ==, 1);
    return c;
}

/* The stub's next reply: its payload with escapes undone, checksum
 * checked, acknowledged. */
static GString *read_reply(Fixture *f)
{
    int c;
    while ((c = read_char(f)) != '$')
        g_assert_cmpint(c, ==, '+'); /* acks of our packets */
    GString *payload = g_string_new(NULL);
    uint8_t sum = 0;
    while ((c = read_char(f)) != '#') {
        sum += (uint8_t)c;
        if (c == '}') {
            c = read_char(f);
            sum += (uint8_t)c;
            c ^= 0x20;
        }
        g_string_append_c(payload, (char)c);
    }
    char hex[3] = {(char)read_char(f), (char)read_char(f), 0};
    g_assert_cmpuint(strtoul(hex, NULL, 16), ==, sum);
    send_raw(f, "+");
    return payload;
}

/* One packet out, the reply compared with `expected`. */
static void exchange(Fixture *f, const char *packet, const char *expected)
{
    send_packet(f, packet);
    GString *r = read_reply(f);
    g_assert_cmpstr(r->str, ==, expected);
    g_string_free(r, TRUE);
}

/* ---- tests ------------------------------------------------------------------- */

static void test_registers(Fixture *f, gconstpointer data)
{
    (void)data;
    exchange(f, "g",
             "11223344"
             "22446688"
             "336699cc"
             "4488cd10"
             "0102030405060708");
    exchange(f, "p2", "336699cc");
    exchange(f, "p4", "0102030405060708");
    exchange(f, "P1=deadbeef", "OK");
    g_assert_cmphex(f->cpu.reg[1], ==, 0xdeadbeef);
    exchange(f, "P4=a1a2a3a4a5a6a7a8", "OK");
    g_assert_cmphex(f->cpu.reg[4], ==, 0xa1a2a3a4a5a6a7a8ull);
    exchange(f,
             "G"
             "00000001"
             "00000002"
             "00000003"
             "00000004"
             "0000000000000005",
             "OK");
    for (unsigned n = 0; n < FAKE_NUM_REGS; n++)
        g_assert_cmphex(f->cpu.reg[n], ==, n + 1);
    /* No register 9; values of the wrong length; not hex. */
    exchange(f, "p9", "E16");
    exchange(f, "P0=1234", "E01");
    exchange(f, "P0=zzzzzzzz", "E01");
    exchange(f, "G0011", "E01");
    exchange(f, "pq", "E01");
    g_assert_cmphex(f->cpu.reg[0], ==, 1);
}

static void test_memory(Fixture *f, gconstpointer data)
{
    (void)data;
    static const uint8_t pattern[] = {0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67};
    g_assert_true(as_write(f->m.as, 0x100, pattern, sizeof pattern, false));
    exchange(f, "m100,8", "deadbeef01234567");
    exchange(f, "M200,4:0a0b0c0d", "OK");
    uint8_t back[4];
    g_assert_true(as_read(f->m.as, 0x200, back, sizeof back));
    g_assert_cmpmem(back, 4, ((uint8_t[]){0x0a, 0x0b, 0x0c, 0x0d}), 4);
    /* X: binary data, '}' escapes (0x7d 0x5d is '}' itself, 0x7d 0x03 is '#'). */
    exchange(f, "X300,3:a}]}\x03", "OK");
    g_assert_true(as_read(f->m.as, 0x300, back, 3));
    g_assert_cmpmem(back, 3, "a}#", 3);
    exchange(f, "X300,0:", "OK");
    /* A range running off the end of RAM: the readable part. */
    exchange(f, "mfffe,4", "0000");
    exchange(f, "m20000,4", "E14");
    exchange(f, "M20000,1:00", "E14");
    /* Malformed: no length, bad hex, data of the wrong length. */
    exchange(f, "m100", "E01");
    exchange(f, "mzz,4", "E01");
    exchange(f, "m100,", "E01");
    exchange(f, "M200,4:0102", "E01");
    exchange(f, "M200,2:01xx", "E01");
    exchange(f, "X300,4:ab", "E01");
}

static void test_breakpoints(Fixture *f, gconstpointer data)
{
    (void)data;
    CpuCommon *cpu = &f->cpu.common;
    g_assert_false(gdb_stub_breakpoint_at(cpu, 0x1000));
    exchange(f, "Z0,1000,4", "OK");
    exchange(f, "Z1,2000,4", "OK");
    g_assert_true(gdb_stub_breakpoint_at(cpu, 0x1000));
    g_assert_true(gdb_stub_breakpoint_at(cpu, 0x2000));
    g_assert_false(gdb_stub_breakpoint_at(cpu, 0x1004));
    g_assert_false(gdb_stub_breakpoint_at(cpu, 0x1000 + 64 * 4)); /* same filter bit */
    exchange(f, "z0,1000,4", "OK");
    g_assert_false(gdb_stub_breakpoint_at(cpu, 0x1000));
    g_assert_true(gdb_stub_breakpoint_at(cpu, 0x2000));
    /* A conditional breakpoint's conditions are not ours to evaluate:
     * the breakpoint still stands. */
    exchange(f, "Z0,3000,4;X1,0", "OK");
    g_assert_true(gdb_stub_breakpoint_at(cpu, 0x3000));
    exchange(f, "Z9,1000,4", "E01");
    exchange(f, "Z0,1000", "E01");
    exchange(f, "Z0", "E01");
}

static void test_watchpoints(Fixture *f, gconstpointer data)
{
    (void)data;
    SoftTlb *t = f->cpu.common.tlb;
    exchange(f, "Z2,400,4", "OK");
    exchange(f, "Z3,500,2", "OK");
    exchange(f, "Z4,600,8", "OK");
    g_assert_cmpuint(t->nwatch, ==, 3);
    g_assert_cmphex(t->watch[0].addr, ==, 0x400);
    g_assert_cmpuint(t->watch[0].len, ==, 4);
    g_assert_cmpint(t->watch[0].kind, ==, WATCH_WRITE);
    g_assert_cmpint(t->watch[1].kind, ==, WATCH_READ);
    g_assert_cmpint(t->watch[2].kind, ==, WATCH_ACCESS);
    exchange(f, "z3,500,2", "OK");
    g_assert_cmpuint(t->nwatch, ==, 2);
    exchange(f, "z3,500,2", "E16"); /* not there any more */
    exchange(f, "Z2,400,0", "E16");
}

static void test_framing(Fixture *f, gconstpointer data)
{
    (void)data;
    /* A wrong checksum, and one that is not hex: NAK, nothing done. */
    send_raw(f, "$m100,4#00");
    g_assert_cmpint(read_char(f), ==, '-');
    send_raw(f, "$m100,4#zz");
    g_assert_cmpint(read_char(f), ==, '-');
    /* Longer than PacketSize: NAK. */
    GString *big = g_string_new("$M0,2000:");
    for (unsigned i = 0; i < 0x4000; i++)
        g_string_append_c(big, '0');
    g_string_append(big, "#00");
    send_raw(f, big->str);
    g_string_free(big, TRUE);
    g_assert_cmpint(read_char(f), ==, '-');
    /* A NAK of a reply brings it again. */
    exchange(f, "p0", "11223344");
    send_raw(f, "-");
    GString *again = read_reply(f);
    g_assert_cmpstr(again->str, ==, "11223344");
    g_string_free(again, TRUE);
    /* Unknown commands: the empty reply. */
    exchange(f, "vMustReplyEmpty", "");
    exchange(f, "qNoSuchThing", "");
    exchange(f, "qCRC:0,4", "");
    /* No-ack mode: no more '+' after it. */
    exchange(f, "QStartNoAckMode", "OK");
    send_packet(f, "p0");
    g_assert_cmpint(read_char(f), ==, '$');
}

static void test_queries(Fixture *f, gconstpointer data)
{
    (void)data;
    send_packet(f, "qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+");
    GString *r = read_reply(f);
    char **features = g_strsplit(r->str, ";", -1);
    g_assert_true(g_strv_contains((const char *const *)features, "PacketSize=4000"));
    g_assert_true(g_strv_contains((const char *const *)features, "qXfer:features:read+"));
    g_assert_true(g_strv_contains((const char *const *)features, "swbreak+"));
    g_assert_true(g_strv_contains((const char *const *)features, "hwbreak+"));
    g_strfreev(features);
    g_string_free(r, TRUE);

    /* The target description in parts of 40 bytes: 'm' parts, then 'l'. */
    GString *xml = g_string_new(NULL);
    for (;;) {
        char *packet = g_strdup_printf("qXfer:features:read:target.xml:%zx,28", xml->len);
        send_packet(f, packet);
        g_free(packet);
        GString *part = read_reply(f);
        g_assert_true(part->str[0] == 'm' || part->str[0] == 'l');
        g_assert_cmpuint(part->len, <=, 1 + 0x28);
        g_string_append(xml, part->str + 1);
        bool last = part->str[0] == 'l';
        g_string_free(part, TRUE);
        if (last)
            break;
    }
    g_assert_cmpstr(xml->str, ==, fake_xml);
    g_string_free(xml, TRUE);
    exchange(f, "qXfer:features:read:other.xml:0,10", "E00");
    exchange(f, "qXfer:features:read:target.xml:0", "E01");

    exchange(f, "?", "T05thread:1;");
    exchange(f, "qC", "QC1");
    exchange(f, "qAttached", "1");
    exchange(f, "qfThreadInfo", "m1");
    exchange(f, "qsThreadInfo", "l");
    exchange(f, "Hg0", "OK");
    exchange(f, "Hc-1", "OK");
    exchange(f, "qOffsets", "Text=0;Data=0;Bss=0");
    exchange(f, "vCont?", "vCont;c;C;s;S");
}

static void test_kill(Fixture *f, gconstpointer data)
{
    (void)data;
    send_packet(f, "k");
    g_assert_cmpint(read_char(f), ==, '+');
    g_assert_cmpint(cpu_resumed(f), ==, GDB_RESUME_KILL);
}

/* c, then a stop at a breakpoint: the stop reply names it as GDB asked. */
static void test_continue_to_breakpoint(Fixture *f, gconstpointer data)
{
    (void)data;
    exchange(f, "qSupported:swbreak+",
             "PacketSize=4000;QStartNoAckMode+;vContSupported+;swbreak+;"
             "hwbreak+;qXfer:features:read+");
    exchange(f, "Z0,1000,4", "OK");
    send_packet(f, "c");
    g_assert_cmpint(read_char(f), ==, '+');
    g_assert_cmpint(cpu_resumed(f), ==, GDB_RESUME_CONTINUE);
    g_assert_true(gdb_stub_breakpoint_at(&f->cpu.common, 0x1000));
    f->cpu.common.pc = 0x1000;
    cpu_stops(f, GDB_STOP_BREAK);
    GString *r = read_reply(f);
    g_assert_cmpstr(r->str, ==, "T05swbreak:;thread:1;");
    g_string_free(r, TRUE);
    /* vCont;s steps; the step's stop is a plain T05. */
    send_packet(f, "vCont;s:1");
    g_assert_cmpint(read_char(f), ==, '+');
    g_assert_cmpint(cpu_resumed(f), ==, GDB_RESUME_STEP);
    cpu_stops(f, GDB_STOP_BREAK);
    r = read_reply(f);
    g_assert_cmpstr(r->str, ==, "T05thread:1;");
    g_string_free(r, TRUE);
    /* c ADDR resumes there. */
    send_packet(f, "c2000");
    g_assert_cmpint(read_char(f), ==, '+');
    g_assert_cmpint(cpu_resumed(f), ==, GDB_RESUME_CONTINUE);
    g_assert_cmphex(f->cpu.common.pc, ==, 0x2000);
}

/* Ctrl-C while the guest runs: the stub asks the loop to stop (kick),
 * and the stop reply is SIGINT's. */
static void test_interrupt(Fixture *f, gconstpointer data)
{
    (void)data;
    send_packet(f, "c");
    g_assert_cmpint(read_char(f), ==, '+');
    g_assert_cmpint(cpu_resumed(f), ==, GDB_RESUME_CONTINUE);
    int kicks_before = g_atomic_int_get(&kicks);
    send_raw(f, "\x03");
    gint64 deadline = g_get_monotonic_time() + REPLY_TIMEOUT_MS * 1000;
    while (!gdb_stub_stop_requested(f->m.gdb)) {
        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        g_usleep(1000);
    }
    g_assert_cmpint(g_atomic_int_get(&kicks), >, kicks_before);
    g_assert_false(gdb_stub_stop_requested(f->m.gdb)); /* the flag clears when read */
    cpu_stops(f, GDB_STOP_INTERRUPT);
    GString *r = read_reply(f);
    g_assert_cmpstr(r->str, ==, "T02thread:1;");
    g_string_free(r, TRUE);
    /* Detach: OK, breakpoints gone, the loop told. */
    exchange(f, "Z0,1000,4", "OK");
    exchange(f, "D", "OK");
    g_assert_cmpint(cpu_resumed(f), ==, GDB_RESUME_DETACH);
    g_assert_false(gdb_stub_breakpoint_at(&f->cpu.common, 0x1000));
}

/* A debugger that connects while the guest runs stops it (as QEMU's
 * does) and learns why with '?': nothing comes unasked. */
static void test_connect_while_running(Fixture *f, gconstpointer data)
{
    (void)data;
    gint64 deadline = g_get_monotonic_time() + REPLY_TIMEOUT_MS * 1000;
    while (!gdb_stub_stop_requested(f->m.gdb)) {
        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        g_usleep(1000);
    }
    g_assert_cmpint(g_atomic_int_get(&kicks), >, 0);
    cpu_stops(f, GDB_STOP_INTERRUPT);
    exchange(f, "?", "T02thread:1;");
    exchange(f, "p3", "4488cd10");
}

/* A watchpoint's stop reply carries its kind and address. */
static void test_watch_stop(Fixture *f, gconstpointer data)
{
    (void)data;
    exchange(f, "Z2,400,4", "OK");
    send_packet(f, "c");
    g_assert_cmpint(read_char(f), ==, '+');
    g_assert_cmpint(cpu_resumed(f), ==, GDB_RESUME_CONTINUE);
    f->cpu.common.pc = 0x1234;
    f->cpu.common.tlb->watch_hit_addr = 0x402;
    f->cpu.common.tlb->watch_hit_kind = WATCH_WRITE;
    cpu_stops(f, GDB_STOP_WATCH);
    GString *r = read_reply(f);
    g_assert_cmpstr(r->str, ==, "T05watch:402;thread:1;");
    g_string_free(r, TRUE);
    /* Resuming lets the stopped instruction complete. */
    send_packet(f, "c");
    g_assert_cmpint(read_char(f), ==, '+');
    g_assert_cmpint(cpu_resumed(f), ==, GDB_RESUME_CONTINUE);
    g_assert_true(f->cpu.common.tlb->watch_skip);
    g_assert_cmphex(f->cpu.common.tlb->watch_skip_pc, ==, 0x1234);
}

static void test_bad_spec(void)
{
    static const char *const bad[] = {"1234", "tcp:", "tcp::", "tcp::12x4", "udp::1234"};
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        GError *err = NULL;
        g_assert_null(gdb_stub_open(NULL, bad[i], &err));
        g_assert_nonnull(err);
        g_error_free(err);
    }
}

#define ADD(name, fn) g_test_add("/gdbstub/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    ADD("registers", test_registers);
    ADD("memory", test_memory);
    ADD("breakpoints", test_breakpoints);
    ADD("watchpoints", test_watchpoints);
    ADD("framing", test_framing);
    ADD("queries", test_queries);
    ADD("kill", test_kill);
    ADD("continue-to-breakpoint", test_continue_to_breakpoint);
    ADD("interrupt", test_interrupt);
    ADD("watch-stop", test_watch_stop);
    g_test_add("/gdbstub/connect-while-running", Fixture, RUNNING, fixture_set_up, test_connect_while_running,
               fixture_tear_down);
    g_test_add_func("/gdbstub/bad-spec", test_bad_spec);
    return g_test_run();
}
