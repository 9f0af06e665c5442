/* machines/chardev.c — the host side of emulated serial ports: the
 * back-ends behind -serial (stdio, pty, file:, tcp:, null), the queue of
 * input bytes a reader thread fills, the stdio terminal's raw mode and its
 * Ctrl-A escapes.
 *
 *   host fd ──► reader thread ──► queue (mutex) ──► chardev_read (CPU thread)
 *                   └─► notify (machine_kick)
 *   chardev_write (CPU thread) ──► host fd
 */
#include "machines/chardev.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

G_DEFINE_QUARK(morph - chardev - error, chardev_error)

enum {
    QUEUE_LIMIT = 4096, /* the reader waits while this much input is queued */
    CTRL_A = 0x01,      /* stdio's escape character, as in QEMU */
};

struct CharDev {
    int in_fd, out_fd;   /* -1: none; may be the same descriptor */
    int listen_fd;       /* tcp server: the listening socket, else -1 */
    int keep_fd;         /* pty: our own slave descriptor, kept open so the
                            master never hangs up when a terminal detaches */
    bool stdio;          /* Ctrl-A escapes apply */
    bool socket;         /* tcp: write with send(MSG_NOSIGNAL) */
    bool escape_pending; /* reader thread: Ctrl-A was the last byte */
    volatile bool quit, stopping;
    int wake_pipe[2]; /* chardev_close wakes the reader's poll */
    GThread *reader;
    GMutex lock; /* queue, in_fd/out_fd of a tcp server, room */
    GCond room;  /* the queue shrank or the device is closing */
    GByteArray *queue;
    void (*notify)(void *opaque);
    void *notify_opaque;
};

/* ---- the stdio terminal ---------------------------------------------------
 * Raw input (no echo, no line editing, no signals: Ctrl-C goes to the
 * guest) with output processing kept, restored at exit and when a fatal
 * signal ends morph. One terminal per process. */

static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;

static void restore_terminal(void)
{
    if (termios_saved)
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}

static void restore_terminal_and_die(int sig)
{
    restore_terminal();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void enter_raw_terminal(void)
{
    static const int fatal_signals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT};
    if (termios_saved || tcgetattr(STDIN_FILENO, &saved_termios) != 0)
        return;
    struct termios raw = saved_termios;
    raw.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    raw.c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    raw.c_cflag = (raw.c_cflag & ~(CSIZE | PARENB)) | CS8;
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    termios_saved = 1;
    atexit(restore_terminal);
    for (size_t i = 0; i < G_N_ELEMENTS(fatal_signals); i++) {
        struct sigaction sa = {.sa_handler = restore_terminal_and_die};
        struct sigaction old;
        if (sigaction(fatal_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
            sigaction(fatal_signals[i], &sa, NULL);
    }
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
}

/* ---- the input queue ------------------------------------------------------ */

/* Reader thread: queue bytes, waiting while the queue is full. */
static void queue_input(CharDev *cd, const uint8_t *buf, size_t len)
{
    g_mutex_lock(&cd->lock);
    while (cd->queue->len >= QUEUE_LIMIT && !cd->stopping)
        g_cond_wait(&cd->room, &cd->lock);
    if (!cd->stopping)
        g_byte_array_append(cd->queue, buf, (guint)len);
    g_mutex_unlock(&cd->lock);
}

static void notify(CharDev *cd)
{
    if (cd->notify)
        cd->notify(cd->notify_opaque);
}

/* stdio: Ctrl-A x quits, Ctrl-A Ctrl-A is a Ctrl-A, Ctrl-A anything else
 * is dropped. Rewrites buf in place; returns the bytes that remain. */
static size_t filter_escapes(CharDev *cd, uint8_t *buf, size_t len)
{
    size_t kept = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = buf[i];
        if (cd->escape_pending) {
            cd->escape_pending = false;
            if (c == 'x')
                cd->quit = true;
            else if (c == CTRL_A)
                buf[kept++] = c;
        } else if (c == CTRL_A) {
            cd->escape_pending = true;
        } else {
            buf[kept++] = c;
        }
    }
    return kept;
}

/* ---- the reader thread ---------------------------------------------------- */

static void set_tcp_client(CharDev *cd, int fd)
{
    g_mutex_lock(&cd->lock);
    int old = cd->in_fd;
    cd->in_fd = cd->out_fd = fd;
    g_mutex_unlock(&cd->lock);
    if (old >= 0)
        close(old);
}

/* Wait for input on fd (or a client on the listening socket); false when
 * chardev_close asked the thread to stop. */
static bool wait_readable(CharDev *cd, int fd)
{
    struct pollfd fds[2] = {
        {.fd = fd, .events = POLLIN},
        {.fd = cd->wake_pipe[0], .events = POLLIN},
    };
    while (poll(fds, 2, -1) < 0) {
        if (errno != EINTR)
            return false;
    }
    return !cd->stopping && !(fds[1].revents & POLLIN);
}

static gpointer reader_main(gpointer opaque)
{
    CharDev *cd = opaque;
    uint8_t buf[256];
    for (;;) {
        int fd = cd->in_fd;
        bool accepting = fd < 0 && cd->listen_fd >= 0;
        if (fd < 0 && !accepting)
            break;
        if (!wait_readable(cd, accepting ? cd->listen_fd : fd))
            break;
        if (accepting) {
            int client = accept4(cd->listen_fd, NULL, NULL, SOCK_CLOEXEC);
            if (client >= 0)
                set_tcp_client(cd, client);
            continue;
        }
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0) {
            /* The other end went away: a tcp server waits for the next
             * client; anything else has no more input. */
            if (cd->listen_fd < 0)
                break;
            set_tcp_client(cd, -1);
            continue;
        }
        size_t len = cd->stdio ? filter_escapes(cd, buf, (size_t)n) : (size_t)n;
        if (len)
            queue_input(cd, buf, len);
        if (len || cd->quit)
            notify(cd);
    }
    return NULL;
}

/* ---- the back-ends -------------------------------------------------------- */

static CharDev *chardev_new(void)
{
    CharDev *cd = g_new0(CharDev, 1);
    cd->in_fd = cd->out_fd = cd->listen_fd = cd->keep_fd = -1;
    cd->wake_pipe[0] = cd->wake_pipe[1] = -1;
    g_mutex_init(&cd->lock);
    g_cond_init(&cd->room);
    cd->queue = g_byte_array_new();
    return cd;
}

static bool fail_errno(GError **err, const char *what, const char *spec)
{
    g_set_error(err, chardev_error_quark(), errno, "-serial %s: %s: %s", spec, what, g_strerror(errno));
    return false;
}

static bool open_null(CharDev *cd, const char *arg, const char *spec, GError **err)
{
    (void)cd, (void)arg, (void)spec, (void)err;
    return true;
}

static bool open_stdio(CharDev *cd, const char *arg, const char *spec, GError **err)
{
    (void)arg, (void)spec, (void)err;
    cd->in_fd = STDIN_FILENO;
    cd->out_fd = STDOUT_FILENO;
    cd->stdio = true;
    if (isatty(STDIN_FILENO))
        enter_raw_terminal();
    return true;
}

static bool open_file(CharDev *cd, const char *path, const char *spec, GError **err)
{
    cd->out_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    return cd->out_fd >= 0 || fail_errno(err, path, spec);
}

static bool open_pty(CharDev *cd, const char *arg, const char *spec, GError **err)
{
    (void)arg;
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        return fail_errno(err, "posix_openpt", spec);
    cd->in_fd = cd->out_fd = master;
    const char *name = grantpt(master) == 0 && unlockpt(master) == 0 ? ptsname(master) : NULL;
    if (!name)
        return fail_errno(err, "pseudo-terminal", spec);
    cd->keep_fd = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (cd->keep_fd < 0)
        return fail_errno(err, name, spec);
    /* The guest's bytes pass unchanged: the slave's line discipline must
     * neither echo nor edit them. */
    struct termios tio;
    if (tcgetattr(cd->keep_fd, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(cd->keep_fd, TCSANOW, &tio);
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    fprintf(stderr, "char device redirected to %s (label serial0)\n", name);
    return true;
}

/* "HOST:PORT[,server][,nowait]" (also server=on, wait=off); an empty
 * HOST means every local address for a server, localhost for a client. */
typedef struct TcpSpec {
    char *host, *port;
    bool server, wait;
} TcpSpec;

static bool parse_tcp(const char *arg, TcpSpec *t)
{
    static const struct {
        const char *name;
        bool server, nowait;
    } options[] = {
        {"server", true, false},
        {"server=on", true, false},
        {"nowait", false, true},
        {"wait=off", false, true},
    };
    gchar **parts = g_strsplit(arg, ",", -1);
    const char *colon = strrchr(parts[0], ':');
    bool ok = colon && colon[1];
    if (ok) {
        t->host = g_strndup(parts[0], (gsize)(colon - parts[0]));
        t->port = g_strdup(colon + 1);
        t->wait = true;
    }
    for (int i = 1; ok && parts[i]; i++) {
        size_t k = 0;
        while (k < G_N_ELEMENTS(options) && strcmp(parts[i], options[k].name) != 0)
            k++;
        ok = k < G_N_ELEMENTS(options);
        if (ok) {
            t->server |= options[k].server;
            t->wait &= !options[k].nowait;
        }
    }
    g_strfreev(parts);
    return ok;
}

static int tcp_socket(const TcpSpec *t, const char *spec, GError **err)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = t->server ? AI_PASSIVE : 0};
    struct addrinfo *list;
    int rc = getaddrinfo(t->host[0] ? t->host : NULL, t->port, &hints, &list);
    if (rc != 0) {
        g_set_error(err, chardev_error_quark(), rc, "-serial %s: %s", spec, gai_strerror(rc));
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *ai = list; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        int one = 1;
        bool ok = t->server ? setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
                                  bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1) == 0
                            : connect(fd, ai->ai_addr, ai->ai_addrlen) == 0;
        if (!ok) {
            int saved = errno;
            close(fd);
            fd = -1;
            errno = saved;
        }
    }
    freeaddrinfo(list);
    if (fd < 0)
        fail_errno(err, t->server ? "cannot listen" : "cannot connect", spec);
    return fd;
}

static bool open_tcp(CharDev *cd, const char *arg, const char *spec, GError **err)
{
    TcpSpec t = {0};
    bool ok = parse_tcp(arg, &t);
    cd->socket = true;
    if (!ok) {
        g_set_error(err, chardev_error_quark(), EINVAL,
                    "-serial %s: expected tcp:HOST:PORT[,server][,nowait]", spec);
    } else {
        int fd = tcp_socket(&t, spec, err);
        ok = fd >= 0;
        if (ok && !t.server) {
            cd->in_fd = cd->out_fd = fd;
        } else if (ok) {
            cd->listen_fd = fd;
            if (t.wait) {
                fprintf(stderr, "morph: waiting for connection on %s\n", spec);
                int client = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
                ok = client >= 0 || fail_errno(err, "accept", spec);
                cd->in_fd = cd->out_fd = client;
            }
        }
    }
    g_free(t.host);
    g_free(t.port);
    return ok;
}

static const struct {
    const char *prefix; /* the spec, or its start up to the argument */
    bool takes_arg;
    bool (*open)(CharDev *cd, const char *arg, const char *spec, GError **err);
} backends[] = {
    {"null", false, open_null}, {"stdio", false, open_stdio}, {"pty", false, open_pty},
    {"file:", true, open_file}, {"tcp:", true, open_tcp},
};

CharDev *chardev_open(const char *spec, GError **err)
{
    for (size_t i = 0; i < G_N_ELEMENTS(backends); i++) {
        size_t n = strlen(backends[i].prefix);
        bool match = backends[i].takes_arg ? strncmp(spec, backends[i].prefix, n) == 0
                                           : strcmp(spec, backends[i].prefix) == 0;
        if (!match)
            continue;
        CharDev *cd = chardev_new();
        if (!backends[i].open(cd, spec + n, spec, err) || pipe2(cd->wake_pipe, O_CLOEXEC) != 0) {
            if (err && !*err)
                fail_errno(err, "pipe", spec);
            chardev_close(cd);
            return NULL;
        }
        if (cd->in_fd >= 0 || cd->listen_fd >= 0)
            cd->reader = g_thread_new("chardev", reader_main, cd);
        return cd;
    }
    g_set_error(err, chardev_error_quark(), EINVAL,
                "-serial %s: unknown back-end (stdio, pty, file:PATH, tcp:HOST:PORT[,server][,nowait], null)",
                spec);
    return NULL;
}

void chardev_close(CharDev *cd)
{
    if (!cd)
        return;
    g_mutex_lock(&cd->lock);
    cd->stopping = true;
    g_cond_broadcast(&cd->room);
    g_mutex_unlock(&cd->lock);
    if (cd->reader) {
        uint8_t wake = 0;
        while (write(cd->wake_pipe[1], &wake, 1) < 0 && errno == EINTR)
            continue;
        g_thread_join(cd->reader);
    }
    if (cd->stdio) {
        restore_terminal();
    } else {
        int fds[] = {cd->in_fd, cd->out_fd != cd->in_fd ? cd->out_fd : -1, cd->listen_fd, cd->keep_fd};
        for (size_t i = 0; i < G_N_ELEMENTS(fds); i++)
            if (fds[i] >= 0)
                close(fds[i]);
    }
    for (int i = 0; i < 2; i++)
        if (cd->wake_pipe[i] >= 0)
            close(cd->wake_pipe[i]);
    g_byte_array_unref(cd->queue);
    g_cond_clear(&cd->room);
    g_mutex_clear(&cd->lock);
    g_free(cd);
}

void chardev_set_notify(CharDev *cd, void (*fn)(void *opaque), void *opaque)
{
    cd->notify = fn;
    cd->notify_opaque = opaque;
}

void chardev_write(CharDev *cd, const void *buf, size_t len)
{
    g_mutex_lock(&cd->lock);
    int fd = cd->out_fd;
    const uint8_t *p = buf;
    while (fd >= 0 && len > 0) {
        ssize_t n = cd->socket ? send(fd, p, len, MSG_NOSIGNAL) : write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* the host side is gone or full: drop the rest */
        p += n;
        len -= (size_t)n;
    }
    g_mutex_unlock(&cd->lock);
}

size_t chardev_read(CharDev *cd, void *buf, size_t max)
{
    g_mutex_lock(&cd->lock);
    size_t n = MIN(max, (size_t)cd->queue->len);
    if (n) {
        memcpy(buf, cd->queue->data, n);
        g_byte_array_remove_range(cd->queue, 0, (guint)n);
        g_cond_signal(&cd->room);
    }
    g_mutex_unlock(&cd->lock);
    return n;
}

bool chardev_quit_requested(CharDev *cd)
{
    return cd->quit;
}
