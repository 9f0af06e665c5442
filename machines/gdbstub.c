/* machines/gdbstub.c — the GDB remote serial protocol stub of system mode:
 * the listening socket, the packet framing (checksums, acks, no-ack
 * mode, escapes), one handler per command, the debugger's breakpoint
 * set, and the thread that notices Ctrl-C while the guest runs.
 *
 * Who reads the socket:
 *
 *   stub thread: accept ──► guest running? poll the connection; a byte
 *        │                  arrived (0x03, or packets of a new
 *        │                  connection) or it closed: stop_requested,
 *        │                  machine_kick, and leave the socket alone
 *        ▼
 *   CPU thread: gdb_stub_stopped ──► the stub thread stops polling ──►
 *        stop reply if the debugger waits for one ──► serve packets ──►
 *        c/s/D/k: the guest runs again, the stub thread polls again
 *
 * Breakpoints (Z0/Z1) are a sorted array the translator asks about before
 * every instruction (gdb_stub_breakpoint_at); translated code depends on
 * it, so the code cache is emptied when the guest resumes with another
 * set than the one its blocks were translated with (GDB removes and
 * reinserts every breakpoint at each stop, mostly unchanged).
 */
#include "machines/gdbstub.h"

#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "backend/exec.h"
#include "softmmu/tlb.h"

enum {
    GDB_PACKET_MAX = 0x4000, /* payload bytes either way (qSupported PacketSize) */
    GDB_MEM_CHUNK = 0x1000,  /* most memory bytes one m/M/X moves */
    GDB_REG_MAX = 64,        /* widest register a GuestSysOps returns */
    GDB_CTRL_C = 0x03,
};

/* Replies of the protocol's own: errno-style error numbers. */
#define GDB_THREAD "1" /* the one CPU, as the one thread */

#define GDB_ERR_MALFORMED "E01"
#define GDB_ERR_BAD_ADDRESS "E14"
#define GDB_ERR_INVALID "E16"
#define GDB_ERR_ANNEX "E00"

typedef enum BreakKind { BREAK_SW = 1, BREAK_HW = 2 } BreakKind;

typedef struct Breakpoint {
    uint64_t addr;
    unsigned kinds; /* BreakKind bits: Z0 and Z1 at one address */
} Breakpoint;

typedef struct StubWatch {
    uint64_t addr, len;
    WatchKind kind;
} StubWatch;

/* A handler's verdict: keep serving, or resume the guest this way. */
enum { SERVE_ON = -1 };

struct GdbStub {
    Machine *m;
    int listen_fd;
    int wake_fd; /* eventfd: wakes the stub thread's poll */
    unsigned port;
    GThread *thread;

    GMutex lock; /* guards the fields up to stop_requested */
    GCond cond;
    int conn_fd;        /* -1: no debugger connected */
    bool guest_running; /* the stub thread may poll conn_fd */
    bool polling;       /* it is polling conn_fd now */
    bool attention;     /* it asked for a stop and waits for it */
    bool peer_gone;     /* the debugger closed the connection */
    bool closing;
    int stop_requested; /* atomic: gdb_stub_stop_requested */

    /* The connection, owned by the CPU thread while the guest is stopped. */
    uint8_t rx[GDB_PACKET_MAX];
    size_t rx_len, rx_pos;
    char packet[GDB_PACKET_MAX + 1];
    size_t packet_len;
    GString *last_reply; /* framed, for a '-' */
    bool no_ack;
    bool swbreak, hwbreak; /* stop-reply reasons the debugger takes */
    bool awaiting_stop;    /* the debugger resumed: it waits for a stop reply */
    bool stepping;
    GString *stop_reply; /* the answer to '?' */

    GArray *breaks;            /* Breakpoint, sorted by addr */
    GArray *breaks_translated; /* the set the cached code was translated with */
    uint64_t break_filter;     /* bit (addr >> 2) & 63 of every breakpoint */
    GArray *watches;           /* StubWatch the debugger inserted */
};

/* ---- hex ---------------------------------------------------------------- */

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* A hex number at *p followed by `end` ('\0': the packet's end);
 * advances *p to that character. */
static bool parse_hex(const char **p, char end, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;
    unsigned digits = 0;
    for (; hex_digit(*s) >= 0; s++, digits++) {
        if (digits == 16)
            return false;
        v = v << 4 | (uint64_t)hex_digit(*s);
    }
    if (digits == 0 || *s != end)
        return false;
    *p = s;
    *out = v;
    return true;
}

/* len bytes from 2*len hex digits; false on a non-hex digit. */
static bool hex_to_bytes(const char *hex, uint8_t *out, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

static void append_hex(GString *out, const uint8_t *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++)
        g_string_append_printf(out, "%02x", bytes[i]);
}

/* ---- the connection ------------------------------------------------------ */

static bool send_all(GdbStub *s, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = send(s->conn_fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

/* The next byte from the debugger; -1 when the connection ended. */
static int read_byte(GdbStub *s)
{
    while (s->rx_pos == s->rx_len) {
        ssize_t n = recv(s->conn_fd, s->rx, sizeof s->rx, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        s->rx_len = (size_t)n;
        s->rx_pos = 0;
    }
    return s->rx[s->rx_pos++];
}

/* Characters a packet's payload escapes ('}' then the character ^ 0x20). */
static bool needs_escape(char c)
{
    return c == '$' || c == '#' || c == '}' || c == '*';
}

static void reply_bytes(GdbStub *s, const char *data, size_t len)
{
    GString *f = s->last_reply;
    g_string_assign(f, "$");
    uint8_t sum = 0;
    for (size_t i = 0; i < len; i++) {
        char c = data[i];
        if (needs_escape(c)) {
            g_string_append_c(f, '}');
            sum += '}';
            c ^= 0x20;
        }
        g_string_append_c(f, c);
        sum += (uint8_t)c;
    }
    g_string_append_printf(f, "#%02x", sum);
    send_all(s, f->str, f->len);
}

static void reply(GdbStub *s, const char *text)
{
    reply_bytes(s, text, strlen(text));
}

static void ack(GdbStub *s, char c)
{
    if (!s->no_ack)
        send_all(s, &c, 1);
}

typedef enum ReadResult { READ_PACKET, READ_BAD, READ_GONE } ReadResult;

/* The payload after '$' up to '#' and its checksum: escapes undone. */
static ReadResult read_payload(GdbStub *s)
{
    uint8_t sum = 0;
    bool escaped = false, overflow = false;
    s->packet_len = 0;
    for (;;) {
        int c = read_byte(s);
        if (c < 0)
            return READ_GONE;
        if (c == '#' && !escaped)
            break;
        sum += (uint8_t)c;
        if (c == '}' && !escaped) {
            escaped = true;
            continue;
        }
        if (s->packet_len == GDB_PACKET_MAX)
            overflow = true;
        else
            s->packet[s->packet_len++] = (char)(escaped ? c ^ 0x20 : c);
        escaped = false;
    }
    s->packet[s->packet_len] = '\0';
    int hi = read_byte(s);
    int lo = hi < 0 ? -1 : read_byte(s);
    if (lo < 0)
        return READ_GONE;
    bool sum_ok = hex_digit((char)hi) >= 0 && hex_digit((char)lo) >= 0 &&
                  (hex_digit((char)hi) << 4 | hex_digit((char)lo)) == sum;
    return sum_ok && !overflow ? READ_PACKET : READ_BAD;
}

/* The next well-formed packet into s->packet (acked), answering acks and
 * NAKing corrupt ones on the way; false when the connection ended. */
static bool read_packet(GdbStub *s)
{
    for (;;) {
        int c = read_byte(s);
        if (c < 0)
            return false;
        if (c == '-' && s->last_reply->len)
            send_all(s, s->last_reply->str, s->last_reply->len);
        if (c != '$')
            continue; /* '+', a stray Ctrl-C while stopped, line noise */
        ReadResult r = read_payload(s);
        if (r == READ_GONE)
            return false;
        if (r == READ_PACKET) {
            ack(s, '+');
            return true;
        }
        ack(s, '-');
    }
}

/* ---- breakpoints ----------------------------------------------------------- */

static uint64_t break_filter_bit(uint64_t addr)
{
    return 1ull << ((addr >> 2) & 63);
}

static Breakpoint *break_find(GArray *set, uint64_t addr, guint *index)
{
    guint lo = 0, hi = set->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        Breakpoint *b = &g_array_index(set, Breakpoint, mid);
        if (b->addr == addr) {
            *index = mid;
            return b;
        }
        if (b->addr < addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    *index = lo;
    return NULL;
}

static void break_insert(GdbStub *s, uint64_t addr, BreakKind kind)
{
    guint i;
    Breakpoint *b = break_find(s->breaks, addr, &i);
    if (b) {
        b->kinds |= kind;
        return;
    }
    Breakpoint nb = {addr, kind};
    g_array_insert_val(s->breaks, i, nb);
    s->break_filter |= break_filter_bit(addr);
}

static void break_remove(GdbStub *s, uint64_t addr, BreakKind kind)
{
    guint i;
    Breakpoint *b = break_find(s->breaks, addr, &i);
    if (!b)
        return;
    b->kinds &= ~(unsigned)kind;
    if (b->kinds)
        return;
    g_array_remove_index(s->breaks, i);
    s->break_filter = 0;
    for (guint j = 0; j < s->breaks->len; j++)
        s->break_filter |= break_filter_bit(g_array_index(s->breaks, Breakpoint, j).addr);
}

static unsigned break_kinds_at(GdbStub *s, uint64_t addr)
{
    guint i;
    Breakpoint *b = break_find(s->breaks, addr, &i);
    return b ? b->kinds : 0;
}

bool gdb_stub_breakpoint_at(CpuCommon *cpu, uint64_t addr)
{
    GdbStub *s = ((Machine *)cpu->owner)->gdb;
    if (!s || !(s->break_filter & break_filter_bit(addr)))
        return false;
    return break_kinds_at(s, addr) != 0;
}

static bool break_sets_equal(const GArray *a, const GArray *b)
{
    return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len * sizeof(Breakpoint)) == 0);
}

/* Before the guest runs again: cached code was translated with
 * breaks_translated; empty the cache if the set has changed since. */
static void breaks_sync(GdbStub *s)
{
    if (break_sets_equal(s->breaks, s->breaks_translated))
        return;
    CpuCommon *cpu = s->m->cpu;
    if (cpu->engine)
        engine_flush(cpu->engine);
    g_array_set_size(s->breaks_translated, 0);
    g_array_append_vals(s->breaks_translated, s->breaks->data, s->breaks->len);
}

/* The debugger leaves: its breakpoints and watchpoints go with it. */
static void debug_state_clear(GdbStub *s)
{
    g_array_set_size(s->breaks, 0);
    s->break_filter = 0;
    for (guint i = 0; i < s->watches->len; i++) {
        StubWatch *w = &g_array_index(s->watches, StubWatch, i);
        softmmu_watch_remove(s->m->cpu, w->addr, w->len, w->kind);
    }
    g_array_set_size(s->watches, 0);
    breaks_sync(s);
}

/* ---- stop replies ------------------------------------------------------------ */

static const char *const watch_reason[] = {
    [WATCH_WRITE] = "watch",
    [WATCH_READ] = "rwatch",
    [WATCH_ACCESS] = "awatch",
};

/* The T05/T02 reply for a stop, with the reason GDB negotiated. */
static void stop_reply_set(GdbStub *s, GdbStopWhy why)
{
    GString *r = s->stop_reply;
    CpuCommon *cpu = s->m->cpu;
    g_string_assign(r, why == GDB_STOP_INTERRUPT ? "T02" : "T05");
    if (why == GDB_STOP_WATCH && cpu->tlb && cpu->tlb->watch_hit_kind) {
        g_string_append_printf(r, "%s:%" PRIx64 ";", watch_reason[cpu->tlb->watch_hit_kind],
                               cpu->tlb->watch_hit_addr);
    } else if (why == GDB_STOP_BREAK && !s->stepping) {
        unsigned kinds = break_kinds_at(s, cpu->pc);
        if ((kinds & BREAK_SW) && s->swbreak)
            g_string_append(r, "swbreak:;");
        else if ((kinds & BREAK_HW) && s->hwbreak)
            g_string_append(r, "hwbreak:;");
    }
    g_string_append(r, "thread:" GDB_THREAD ";");
}

/* ---- commands ------------------------------------------------------------------ */

/* Reply and go on serving: what most commands end with. */
static int answer(GdbStub *s, const char *text)
{
    reply(s, text);
    return SERVE_ON;
}

/* Reply with bytes in hex (registers, memory). */
static int answer_hex(GdbStub *s, const uint8_t *bytes, size_t len)
{
    GString *out = g_string_sized_new(2 * len);
    append_hex(out, bytes, len);
    reply(s, out->str);
    g_string_free(out, TRUE);
    return SERVE_ON;
}

static const GuestSysOps *sys_ops(GdbStub *s)
{
    return s->m->arch->sys;
}

static int cmd_stop_reason(GdbStub *s, const char *args)
{
    (void)args;
    return answer(s, s->stop_reply->str);
}

static int cmd_read_registers(GdbStub *s, const char *args)
{
    (void)args;
    const GuestSysOps *ops = sys_ops(s);
    GByteArray *all = g_byte_array_new();
    uint8_t buf[GDB_REG_MAX];
    for (unsigned n = 0; n < ops->gdb_num_regs; n++)
        g_byte_array_append(all, buf, ops->gdb_read_reg(s->m->cpu, n, buf));
    answer_hex(s, all->data, all->len);
    g_byte_array_free(all, TRUE);
    return SERVE_ON;
}

static int cmd_write_registers(GdbStub *s, const char *args)
{
    const GuestSysOps *ops = sys_ops(s);
    size_t total = 0;
    uint8_t buf[GDB_REG_MAX];
    for (unsigned n = 0; n < ops->gdb_num_regs; n++)
        total += ops->gdb_read_reg(s->m->cpu, n, buf);
    if (strlen(args) != 2 * total)
        return answer(s, GDB_ERR_MALFORMED);
    uint8_t *bytes = g_malloc(total ? total : 1);
    bool ok = hex_to_bytes(args, bytes, total);
    for (unsigned n = 0, at = 0; ok && n < ops->gdb_num_regs; n++)
        at += ops->gdb_write_reg(s->m->cpu, n, bytes + at);
    g_free(bytes);
    return answer(s, ok ? "OK" : GDB_ERR_MALFORMED);
}

static int cmd_read_register(GdbStub *s, const char *args)
{
    uint64_t n;
    uint8_t buf[GDB_REG_MAX];
    unsigned size = 0;
    if (!parse_hex(&args, '\0', &n))
        return answer(s, GDB_ERR_MALFORMED);
    if (n < sys_ops(s)->gdb_num_regs)
        size = sys_ops(s)->gdb_read_reg(s->m->cpu, (unsigned)n, buf);
    if (size == 0)
        return answer(s, GDB_ERR_INVALID);
    return answer_hex(s, buf, size);
}

static int cmd_write_register(GdbStub *s, const char *args)
{
    uint64_t n;
    uint8_t buf[GDB_REG_MAX];
    if (!parse_hex(&args, '=', &n))
        return answer(s, GDB_ERR_MALFORMED);
    args++;
    unsigned size = 0;
    if (n < sys_ops(s)->gdb_num_regs)
        size = sys_ops(s)->gdb_read_reg(s->m->cpu, (unsigned)n, buf);
    if (size == 0)
        return answer(s, GDB_ERR_INVALID);
    if (strlen(args) != 2 * size || !hex_to_bytes(args, buf, size))
        return answer(s, GDB_ERR_MALFORMED);
    sys_ops(s)->gdb_write_reg(s->m->cpu, (unsigned)n, buf);
    return answer(s, "OK");
}

/* "ADDR,LEN" followed by `end`; *args moves to that character. */
static bool parse_range(const char **args, char end, uint64_t *addr, uint64_t *len)
{
    if (!parse_hex(args, ',', addr))
        return false;
    ++*args;
    return parse_hex(args, end, len);
}

static int cmd_read_memory(GdbStub *s, const char *args)
{
    uint64_t addr, len;
    if (!parse_range(&args, '\0', &addr, &len))
        return answer(s, GDB_ERR_MALFORMED);
    len = MIN(len, GDB_MEM_CHUNK);
    uint8_t buf[GDB_MEM_CHUNK];
    /* Page by page: GDB takes the readable part of a range that runs
     * into unmapped memory. */
    uint64_t done = 0;
    while (done < len) {
        uint64_t a = addr + done;
        uint64_t n = MIN(len - done, TLB_PAGE_SIZE - (a & TLB_PAGE_MASK_LOW));
        if (!softmmu_debug_rw(s->m->cpu, a, buf + done, n, false))
            break;
        done += n;
    }
    if (done == 0 && len > 0)
        return answer(s, GDB_ERR_BAD_ADDRESS);
    return answer_hex(s, buf, done);
}

static int write_memory(GdbStub *s, uint64_t addr, uint8_t *bytes, uint64_t len)
{
    bool ok = len == 0 || softmmu_debug_rw(s->m->cpu, addr, bytes, len, true);
    return answer(s, ok ? "OK" : GDB_ERR_BAD_ADDRESS);
}

static int cmd_write_memory_hex(GdbStub *s, const char *args)
{
    uint64_t addr, len;
    uint8_t buf[GDB_MEM_CHUNK];
    if (!parse_range(&args, ':', &addr, &len) || len > GDB_MEM_CHUNK || strlen(args + 1) != 2 * len ||
        !hex_to_bytes(args + 1, buf, len))
        return answer(s, GDB_ERR_MALFORMED);
    return write_memory(s, addr, buf, len);
}

/* X: the data is binary, escapes undone by read_payload, so its length
 * comes from the packet's, not from strlen. */
static int cmd_write_memory_binary(GdbStub *s, const char *args)
{
    uint64_t addr, len;
    const char *start = args;
    if (!parse_range(&args, ':', &addr, &len))
        return answer(s, GDB_ERR_MALFORMED);
    size_t header = 1 + (size_t)(args - start) + 1; /* 'X', "ADDR,LEN", ':' */
    if (len > GDB_MEM_CHUNK || s->packet_len - header != len)
        return answer(s, GDB_ERR_MALFORMED);
    return write_memory(s, addr, (uint8_t *)s->packet + header, len);
}

/* c/s/C/S: an optional resume address ("c ADDR", "C SIG;ADDR"). */
static bool resume_at(GdbStub *s, const char *addr_text)
{
    uint64_t addr;
    if (*addr_text == '\0')
        return true;
    if (!parse_hex(&addr_text, '\0', &addr))
        return false;
    s->m->cpu->pc = addr;
    return true;
}

static int resume(GdbStub *s, GdbResume how)
{
    s->stepping = how == GDB_RESUME_STEP;
    s->awaiting_stop = true;
    return how;
}

static int cmd_continue(GdbStub *s, const char *args)
{
    if (!resume_at(s, args))
        return answer(s, GDB_ERR_MALFORMED);
    return resume(s, GDB_RESUME_CONTINUE);
}

static int cmd_step(GdbStub *s, const char *args)
{
    if (!resume_at(s, args))
        return answer(s, GDB_ERR_MALFORMED);
    return resume(s, GDB_RESUME_STEP);
}

/* C SIG[;ADDR] / S SIG[;ADDR]: the signal means nothing to a machine. */
static const char *skip_signal(const char *args)
{
    const char *semi = strchr(args, ';');
    return semi ? semi + 1 : "";
}

static int cmd_continue_signal(GdbStub *s, const char *args)
{
    return cmd_continue(s, skip_signal(args));
}
static int cmd_step_signal(GdbStub *s, const char *args)
{
    return cmd_step(s, skip_signal(args));
}

/* vCont;ACTION[:THREAD]...: the first action applies to the one thread. */
static int cmd_vcont(GdbStub *s, const char *args)
{
    switch (args[0]) {
    case 'c':
    case 'C':
        return resume(s, GDB_RESUME_CONTINUE);
    case 's':
    case 'S':
        return resume(s, GDB_RESUME_STEP);
    default:
        return answer(s, GDB_ERR_MALFORMED);
    }
}

static int cmd_detach(GdbStub *s, const char *args)
{
    (void)args;
    reply(s, "OK");
    return GDB_RESUME_DETACH;
}

static int cmd_kill(GdbStub *s, const char *args)
{
    (void)s, (void)args; /* no reply: GDB closes the connection */
    return GDB_RESUME_KILL;
}

static int cmd_vkill(GdbStub *s, const char *args)
{
    (void)args;
    reply(s, "OK");
    return GDB_RESUME_KILL;
}

/* Z/z TYPE,ADDR,KIND[;conditions]: 0 software, 1 hardware breakpoint,
 * 2 write, 3 read, 4 access watchpoint. */
static const WatchKind watch_of_type[] = {[2] = WATCH_WRITE, [3] = WATCH_READ, [4] = WATCH_ACCESS};

static bool watch_set(GdbStub *s, bool insert, uint64_t addr, uint64_t len, WatchKind kind)
{
    if (len == 0)
        return false;
    if (insert) {
        if (!softmmu_watch_insert(s->m->cpu, addr, len, kind))
            return false;
        StubWatch w = {addr, len, kind};
        g_array_append_val(s->watches, w);
        return true;
    }
    for (guint i = 0; i < s->watches->len; i++) {
        StubWatch *w = &g_array_index(s->watches, StubWatch, i);
        if (w->addr == addr && w->len == len && w->kind == kind) {
            g_array_remove_index(s->watches, i);
            return softmmu_watch_remove(s->m->cpu, addr, len, kind);
        }
    }
    return false;
}

static int point_command(GdbStub *s, const char *args, bool insert)
{
    uint64_t type, addr, len;
    bool ok = parse_hex(&args, ',', &type) && type <= 4;
    if (ok) {
        const char *range = ++args; /* KIND ends the packet or conditions follow */
        ok = parse_range(&range, ';', &addr, &len) || parse_range(&args, '\0', &addr, &len);
    }
    if (!ok)
        return answer(s, GDB_ERR_MALFORMED);
    if (type <= 1) {
        BreakKind kind = type == 0 ? BREAK_SW : BREAK_HW;
        if (insert)
            break_insert(s, addr, kind);
        else
            break_remove(s, addr, kind);
        return answer(s, "OK");
    }
    return answer(s, watch_set(s, insert, addr, len, watch_of_type[type]) ? "OK" : GDB_ERR_INVALID);
}

static int cmd_insert_point(GdbStub *s, const char *args)
{
    return point_command(s, args, true);
}
static int cmd_remove_point(GdbStub *s, const char *args)
{
    return point_command(s, args, false);
}

/* qSupported:FEATURE;FEATURE...: remember the stop reasons GDB takes. */
static int cmd_supported(GdbStub *s, const char *args)
{
    s->swbreak = strstr(args, "swbreak+") != NULL;
    s->hwbreak = strstr(args, "hwbreak+") != NULL;
    GString *out = g_string_new(NULL);
    g_string_printf(out, "PacketSize=%x;QStartNoAckMode+;vContSupported+;swbreak+;hwbreak+", GDB_PACKET_MAX);
    if (sys_ops(s)->gdb_target_xml)
        g_string_append(out, ";qXfer:features:read+");
    reply(s, out->str);
    g_string_free(out, TRUE);
    return SERVE_ON;
}

/* qXfer:features:read:target.xml:OFFSET,LEN: 'm' + a part, or 'l' +
 * the last part. */
static int cmd_features_read(GdbStub *s, const char *args)
{
    const char *xml = sys_ops(s)->gdb_target_xml;
    static const char annex[] = "target.xml:";
    uint64_t offset, len;
    if (!xml || strncmp(args, annex, strlen(annex)) != 0)
        return answer(s, GDB_ERR_ANNEX);
    args += strlen(annex);
    if (!parse_range(&args, '\0', &offset, &len))
        return answer(s, GDB_ERR_MALFORMED);
    size_t total = strlen(xml);
    offset = MIN(offset, total);
    len = MIN(len, MIN(total - offset, GDB_PACKET_MAX / 2 - 1));
    char *part = g_malloc(len + 2);
    part[0] = offset + len < total ? 'm' : 'l';
    memcpy(part + 1, xml + offset, len);
    reply_bytes(s, part, len + 1);
    g_free(part);
    return SERVE_ON;
}

static int cmd_no_ack(GdbStub *s, const char *args)
{
    (void)args;
    answer(s, "OK"); /* acked: the mode starts after the reply */
    s->no_ack = true;
    return SERVE_ON;
}

typedef struct GdbCommand {
    const char *name;
    bool exact; /* the packet is the name; else it starts with it, args follow */
    int (*run)(GdbStub *s, const char *args);
    const char *fixed; /* run == NULL: the reply */
} GdbCommand;

/* First match wins: a longer name before any name it starts with. */
static const GdbCommand gdb_commands[] = {
    {"?", false, cmd_stop_reason, NULL},         /* why the target stopped */
    {"g", false, cmd_read_registers, NULL},      /* all registers */
    {"G", false, cmd_write_registers, NULL},     /* GHEX */
    {"p", false, cmd_read_register, NULL},       /* pN */
    {"P", false, cmd_write_register, NULL},      /* PN=HEX */
    {"m", false, cmd_read_memory, NULL},         /* mADDR,LEN */
    {"M", false, cmd_write_memory_hex, NULL},    /* MADDR,LEN:HEX */
    {"X", false, cmd_write_memory_binary, NULL}, /* XADDR,LEN:BINARY */
    {"c", false, cmd_continue, NULL},            /* c[ADDR] */
    {"s", false, cmd_step, NULL},                /* s[ADDR] */
    {"C", false, cmd_continue_signal, NULL},     /* CSIG[;ADDR] */
    {"S", false, cmd_step_signal, NULL},         /* SSIG[;ADDR] */
    {"vCont?", true, NULL, "vCont;c;C;s;S"},     /* the actions vCont takes */
    {"vCont;", false, cmd_vcont, NULL},          /* vCont;ACTION[:THREAD]... */
    {"vKill", false, cmd_vkill, NULL},
    {"D", false, cmd_detach, NULL},
    {"k", true, cmd_kill, NULL},
    {"Z", false, cmd_insert_point, NULL}, /* ZTYPE,ADDR,KIND */
    {"z", false, cmd_remove_point, NULL},
    {"H", false, NULL, "OK"}, /* Hg/Hc THREAD: there is one */
    {"T", false, NULL, "OK"}, /* TTHREAD: it is alive */
    {"qSupported", false, cmd_supported, NULL},
    {"qXfer:features:read:", false, cmd_features_read, NULL},
    {"QStartNoAckMode", true, cmd_no_ack, NULL},
    {"qC", true, NULL, "QC" GDB_THREAD},             /* the current thread */
    {"qAttached", false, NULL, "1"},                 /* a machine that was there: detach on quit */
    {"qfThreadInfo", true, NULL, "m" GDB_THREAD},    /* the thread list... */
    {"qsThreadInfo", true, NULL, "l"},               /* ...ends there */
    {"qOffsets", true, NULL, "Text=0;Data=0;Bss=0"}, /* the image runs where it was linked */
};

/* Run one packet; an unknown command gets the empty reply. */
static int dispatch(GdbStub *s)
{
    for (size_t i = 0; i < G_N_ELEMENTS(gdb_commands); i++) {
        const GdbCommand *c = &gdb_commands[i];
        size_t n = strlen(c->name);
        if (strncmp(s->packet, c->name, n) != 0 || (c->exact && s->packet[n]))
            continue;
        return c->run ? c->run(s, s->packet + n) : answer(s, c->fixed);
    }
    return answer(s, "");
}

/* ---- the stub thread -------------------------------------------------------------- */

static void wake_stub_thread(GdbStub *s)
{
    uint64_t one = 1;
    if (write(s->wake_fd, &one, sizeof one) < 0 && errno != EAGAIN)
        g_warning("gdbstub: wake-up failed: %s", g_strerror(errno));
}

static void drain_wake(GdbStub *s)
{
    uint64_t count;
    while (read(s->wake_fd, &count, sizeof count) > 0)
        continue;
}

/* Lock held. Ask the CPU thread to stop and come to the stub; the stub
 * thread then leaves the socket alone until the guest runs again. */
static void request_stop(GdbStub *s)
{
    s->attention = true;
    __atomic_store_n(&s->stop_requested, 1, __ATOMIC_RELEASE);
    machine_kick(s->m);
}

/* Lock held, no connection: wait for one (or close). */
static void accept_debugger(GdbStub *s)
{
    struct pollfd fds[2] = {{.fd = s->listen_fd, .events = POLLIN}, {.fd = s->wake_fd, .events = POLLIN}};
    g_mutex_unlock(&s->lock);
    int ready = poll(fds, 2, -1);
    int fd = -1;
    if (ready > 0 && (fds[0].revents & POLLIN))
        fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    drain_wake(s);
    g_mutex_lock(&s->lock);
    if (fd < 0)
        return;
    if (s->closing) {
        close(fd);
        return;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    s->conn_fd = fd;
    s->peer_gone = false;
    s->rx_len = s->rx_pos = 0;
    s->no_ack = s->swbreak = s->hwbreak = s->awaiting_stop = false;
    g_string_truncate(s->last_reply, 0);
    if (s->guest_running)
        request_stop(s); /* as with QEMU, a debugger that connects stops the machine */
    g_cond_broadcast(&s->cond);
}

/* Lock held, guest running: wait for a byte or the end of the connection. */
static void watch_running_guest(GdbStub *s)
{
    struct pollfd fds[2] = {{.fd = s->conn_fd, .events = POLLIN}, {.fd = s->wake_fd, .events = POLLIN}};
    s->polling = true;
    g_mutex_unlock(&s->lock);
    int ready = poll(fds, 2, -1);
    drain_wake(s);
    g_mutex_lock(&s->lock);
    s->polling = false;
    g_cond_broadcast(&s->cond);
    if (ready <= 0 || !(fds[0].revents & (POLLIN | POLLHUP | POLLERR)) || !s->guest_running)
        return;
    uint8_t c;
    ssize_t n = recv(s->conn_fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n <= 0 && !(n < 0 && (errno == EAGAIN || errno == EINTR)))
        s->peer_gone = true;
    else if (n == 1 && c == GDB_CTRL_C)
        recv(s->conn_fd, &c, 1, MSG_DONTWAIT);
    else if (n < 0)
        return;
    request_stop(s);
}

static gpointer stub_thread(gpointer opaque)
{
    GdbStub *s = opaque;
    g_mutex_lock(&s->lock);
    while (!s->closing) {
        if (s->conn_fd < 0)
            accept_debugger(s);
        else if (!s->guest_running || s->attention)
            g_cond_wait(&s->cond, &s->lock);
        else
            watch_running_guest(s);
    }
    g_mutex_unlock(&s->lock);
    return NULL;
}

/* ---- the CPU thread's side ----------------------------------------------------------- */

/* Lock held: the connection ends (detach, kill, the debugger went away). */
static void drop_connection(GdbStub *s)
{
    if (s->conn_fd >= 0)
        close(s->conn_fd);
    s->conn_fd = -1;
    g_cond_broadcast(&s->cond);
}

/* Tell the debugger about the stop if it waits for one, then run its
 * packets until one resumes the guest. */
static GdbResume serve(GdbStub *s, GdbStopWhy why)
{
    stop_reply_set(s, why);
    if (s->awaiting_stop)
        reply(s, s->stop_reply->str);
    s->awaiting_stop = false;
    for (;;) {
        if (!read_packet(s))
            return GDB_RESUME_DETACH;
        int action = dispatch(s);
        if (action != SERVE_ON)
            return (GdbResume)action;
    }
}

/* The instruction a watchpoint stopped completes when the guest resumes
 * (the check would stop it again before its access otherwise). */
static void watch_pass(CpuCommon *cpu, uint64_t pc)
{
    cpu->tlb->watch_skip = true;
    cpu->tlb->watch_skip_pc = pc;
}

/* The machine shut down: W with its exit status, then goodbye. */
static void report_exit(GdbStub *s)
{
    if (s->conn_fd < 0)
        return;
    char text[16];
    snprintf(text, sizeof text, "W%02x", s->m->exit_status & 0xff);
    reply(s, text);
}

/* Lock held. The guest stopped: the stub thread stops polling the
 * connection, which is the CPU thread's until the guest runs again. */
static void take_connection(GdbStub *s)
{
    s->guest_running = false;
    s->attention = false;
    __atomic_store_n(&s->stop_requested, 0, __ATOMIC_RELEASE);
    wake_stub_thread(s);
    while (s->polling)
        g_cond_wait(&s->cond, &s->lock);
}

/* Lock held. The guest runs again: a detaching debugger's breakpoints
 * and watchpoints go, the cached code follows the breakpoint set, and
 * the stub thread polls the connection again. */
static void hand_back_connection(GdbStub *s, GdbResume how)
{
    if (how == GDB_RESUME_DETACH)
        debug_state_clear(s);
    if (how == GDB_RESUME_DETACH || how == GDB_RESUME_KILL)
        drop_connection(s);
    else
        breaks_sync(s);
    s->guest_running = true;
    g_cond_broadcast(&s->cond);
}

GdbResume gdb_stub_stopped(GdbStub *s, GdbStopWhy why)
{
    g_mutex_lock(&s->lock);
    take_connection(s);
    if (why == GDB_STOP_EXITED) {
        report_exit(s);
        drop_connection(s);
        g_mutex_unlock(&s->lock);
        return GDB_RESUME_KILL;
    }
    while (s->conn_fd < 0 && !s->closing)
        g_cond_wait(&s->cond, &s->lock);
    bool gone = s->peer_gone || s->closing;
    g_mutex_unlock(&s->lock);

    uint64_t stop_pc = s->m->cpu->pc;
    GdbResume how = gone ? GDB_RESUME_DETACH : serve(s, why);
    if (why == GDB_STOP_WATCH && (how == GDB_RESUME_CONTINUE || how == GDB_RESUME_STEP))
        watch_pass(s->m->cpu, stop_pc);

    g_mutex_lock(&s->lock);
    hand_back_connection(s, how);
    g_mutex_unlock(&s->lock);
    return how;
}

bool gdb_stub_stop_requested(GdbStub *s)
{
    return __atomic_exchange_n(&s->stop_requested, 0, __ATOMIC_ACQ_REL) != 0;
}

/* ---- set-up ---------------------------------------------------------------------------- */

G_DEFINE_QUARK(morph - gdbstub - error - quark, gdb_stub_error)

/* "tcp::PORT" or "tcp:HOST:PORT" into host (NULL: every address) and port. */
static bool parse_spec(const char *spec, char **host, char **port)
{
    if (strncmp(spec, "tcp:", 4) != 0)
        return false;
    const char *h = spec + 4, *colon = strrchr(h, ':');
    if (!colon || colon[1] == '\0' || strspn(colon + 1, "0123456789") != strlen(colon + 1))
        return false;
    *host = colon > h ? g_strndup(h, (gsize)(colon - h)) : NULL;
    *port = g_strdup(colon + 1);
    return true;
}

static int listen_on(const char *host, const char *port, unsigned *bound_port, GError **err)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE};
    struct addrinfo *list;
    int rc = getaddrinfo(host, port, &hints, &list);
    if (rc != 0) {
        g_set_error(err, gdb_stub_error_quark(), rc, "gdb: %s:%s: %s", host ? host : "", port,
                    gai_strerror(rc));
        return -1;
    }
    int fd = -1, saved = 0;
    for (struct addrinfo *ai = list; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 1) < 0) {
            saved = errno;
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    if (fd < 0) {
        g_set_error(err, gdb_stub_error_quark(), saved, "gdb: cannot listen on %s:%s: %s", host ? host : "",
                    port, g_strerror(saved));
        return -1;
    }
    struct sockaddr_storage addr;
    socklen_t addr_len = sizeof addr;
    getsockname(fd, (struct sockaddr *)&addr, &addr_len);
    *bound_port = ntohs(addr.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&addr)->sin6_port
                                                   : ((struct sockaddr_in *)&addr)->sin_port);
    return fd;
}

GdbStub *gdb_stub_open(Machine *m, const char *spec, GError **err)
{
    char *host, *port;
    if (!parse_spec(spec, &host, &port)) {
        g_set_error(err, gdb_stub_error_quark(), EINVAL, "gdb: '%s' is not tcp::PORT or tcp:HOST:PORT", spec);
        return NULL;
    }
    unsigned bound_port = 0;
    int fd = listen_on(host, port, &bound_port, err);
    g_free(host);
    g_free(port);
    if (fd < 0)
        return NULL;
    GdbStub *s = g_new0(GdbStub, 1);
    s->m = m;
    s->listen_fd = fd;
    s->port = bound_port;
    s->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    s->conn_fd = -1;
    s->guest_running = true; /* until the loop says otherwise (-S) */
    s->last_reply = g_string_new(NULL);
    s->stop_reply = g_string_new("T05");
    s->breaks = g_array_new(FALSE, FALSE, sizeof(Breakpoint));
    s->breaks_translated = g_array_new(FALSE, FALSE, sizeof(Breakpoint));
    s->watches = g_array_new(FALSE, FALSE, sizeof(StubWatch));
    g_mutex_init(&s->lock);
    g_cond_init(&s->cond);
    s->thread = g_thread_new("gdbstub", stub_thread, s);
    return s;
}

unsigned gdb_stub_port(const GdbStub *s)
{
    return s->port;
}

void gdb_stub_close(GdbStub *s)
{
    if (!s)
        return;
    g_mutex_lock(&s->lock);
    s->closing = true;
    wake_stub_thread(s);
    g_cond_broadcast(&s->cond);
    g_mutex_unlock(&s->lock);
    g_thread_join(s->thread);
    if (s->conn_fd >= 0)
        close(s->conn_fd);
    close(s->listen_fd);
    close(s->wake_fd);
    g_string_free(s->last_reply, TRUE);
    g_string_free(s->stop_reply, TRUE);
    g_array_free(s->breaks, TRUE);
    g_array_free(s->breaks_translated, TRUE);
    g_array_free(s->watches, TRUE);
    g_mutex_clear(&s->lock);
    g_cond_clear(&s->cond);
    g_free(s);
}
