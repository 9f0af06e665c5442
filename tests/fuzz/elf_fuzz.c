/* tests/fuzz/elf_fuzz.c — corrupted-ELF robustness test for morph.
 *
 * Makes N randomly corrupted copies of the given PPC ELF files (bytes
 * flipped or set to boundary values, mostly in the ELF header and program
 * headers, some in the body; some copies truncated) and runs morph on each
 * with a time limit, a few at a time. morph may refuse a file (126), run
 * it, or let the guest die by its own signal (then morph prints "uncaught
 * guest signal" first); a timeout counts as fine. It must never die by a
 * signal of its own (crash, abort) nor report a sanitizer error.
 *
 * Every case is derived from (seed, case number) alone, so a failure is
 * reproduced with --seed S --only CASE; the failing file is also saved in
 * the current directory.
 *
 *   elf_fuzz --morph PATH [--cases N] [--seed S] [--jobs J] [--timeout SEC]
 *            [--marker TEXT] [--only CASE] [--] INPUT.elf...
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_JOBS = 16, MAX_INPUTS = 8, ERR_READ_MAX = 65536, MAX_REPORTED = 20 };

typedef struct {
    uint8_t *data;
    size_t size;
    size_t hdr_end; /* end of ELF header + program headers (clamped to size) */
    const char *path;
} Input;

typedef struct {
    pid_t pid; /* 0: free */
    long case_no;
    double deadline;
    bool killed;
    char file[4096], err[4096];
} Slot;

typedef struct {
    const char *morph;
    const char *marker;
    long cases, only;
    uint64_t seed;
    int jobs;
    double timeout;
    Input inputs[MAX_INPUTS];
    int n_inputs;
    char dir[2048];
    /* results */
    long n_exit[256], n_guest_signal, n_timeout, n_failed;
} Fuzz;

/* ---- deterministic randomness: splitmix64 per case ---- */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static uint64_t rng_below(uint64_t *s, uint64_t n) { return n ? rng_next(s) % n : 0; }

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static bool read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    *data = buf;
    *size = n;
    return buf != NULL;
}

/* An unsigned field of w bytes at off, in the file's byte order. */
static uint64_t elf_field(const uint8_t *d, size_t off, int w, bool big)
{
    uint64_t v = 0;
    for (int i = 0; i < w; i++)
        v |= (uint64_t)d[off + (big ? (size_t)(w - 1 - i) : (size_t)i)] << (8 * i);
    return v;
}

/* Where the ELF header and program header table end, read as the file says
 * (either byte order, 32- or 64-bit), clamped to the file. */
static size_t elf_headers_end(const uint8_t *d, size_t size)
{
    if (size < 52 || memcmp(d, "\177ELF", 4) != 0)
        return size < 64 ? size : 64;
    bool be = d[5] == 2, is64 = d[4] == 2;
    size_t ehsize = is64 ? 64 : 52;
    if (size < ehsize)
        return size;
    uint64_t phoff = is64 ? elf_field(d, 32, 8, be) : elf_field(d, 28, 4, be);
    uint64_t phentsize = elf_field(d, is64 ? 54 : 42, 2, be);
    uint64_t phnum = elf_field(d, is64 ? 56 : 44, 2, be);
    uint64_t end = phoff + phentsize * phnum;
    if (phoff > size || end > size || end < ehsize)
        return ehsize;
    return (size_t)end;
}

/* ---- mutations ---- */
static const uint32_t interesting[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x1000, 0x7fff, 0x8000, 0xffff, 0x10000,
                                       0x7fffffff, 0x80000000u, 0xfffffffe, 0xffffffff, 0x10000000, 0xfffff000};

static void put_be(uint8_t *p, size_t off, size_t size, int w, uint32_t v)
{
    for (int i = 0; i < w; i++)
        if (off + (size_t)i < size)
            p[off + (size_t)i] = (uint8_t)(v >> (8 * (w - 1 - i)));
}

/* Corrupts buf (a copy of in) in place; returns the new size and describes
 * what it did in how (for the failure report). */
static size_t mutate(const Input *in, uint8_t *buf, uint64_t *rng, char *how, size_t howlen)
{
    size_t size = in->size;
    size_t hdr = in->hdr_end ? in->hdr_end : 1;
    uint64_t kind = rng_below(rng, 100);
    int n;
    if (kind < 45) { /* random bytes in the headers */
        n = 1 + (int)rng_below(rng, 8);
        for (int i = 0; i < n; i++) {
            size_t off = (size_t)rng_below(rng, hdr);
            if (rng_below(rng, 2))
                buf[off] ^= (uint8_t)(1u << rng_below(rng, 8));
            else
                buf[off] = (uint8_t)rng_next(rng);
        }
        snprintf(how, howlen, "%d header byte(s)", n);
    } else if (kind < 65) { /* boundary values in header fields */
        n = 1 + (int)rng_below(rng, 3);
        for (int i = 0; i < n; i++) {
            int w = rng_below(rng, 2) ? 4 : 2;
            size_t off = (size_t)rng_below(rng, hdr) & ~(size_t)(w - 1);
            uint32_t v = interesting[rng_below(rng, sizeof interesting / sizeof interesting[0])];
            if (rng_below(rng, 4) == 0)
                v = (uint32_t)size + (uint32_t)rng_below(rng, 64) - 32;
            put_be(buf, off, size, w, v);
        }
        snprintf(how, howlen, "%d header field(s)", n);
    } else if (kind < 80) { /* the body */
        n = 1 + (int)rng_below(rng, 32);
        for (int i = 0; i < n; i++)
            buf[rng_below(rng, size)] = (uint8_t)rng_next(rng);
        snprintf(how, howlen, "%d body byte(s)", n);
    } else if (kind < 90) { /* truncation */
        size = rng_below(rng, 2) ? (size_t)rng_below(rng, hdr + 64 < size ? hdr + 64 : size)
                                 : (size_t)rng_below(rng, size);
        snprintf(how, howlen, "truncated to %zu", size);
    } else { /* both */
        n = 1 + (int)rng_below(rng, 4);
        for (int i = 0; i < n; i++)
            buf[rng_below(rng, hdr)] = (uint8_t)rng_next(rng);
        size = hdr + (size_t)rng_below(rng, size - hdr + 1);
        snprintf(how, howlen, "%d header byte(s), truncated to %zu", n, size);
    }
    return size;
}

/* Builds case `c` into `path`; returns false on I/O error. */
static bool make_case(const Fuzz *fz, long c, const char *path, char *how, size_t howlen)
{
    uint64_t rng = fz->seed * 0x100000001b3ULL + (uint64_t)c;
    rng_next(&rng);
    const Input *in = &fz->inputs[fz->n_inputs > 1 && rng_below(&rng, 5) == 0 ? 1 + rng_below(&rng, (uint64_t)fz->n_inputs - 1) : 0];
    uint8_t *buf = malloc(in->size ? in->size : 1);
    memcpy(buf, in->data, in->size);
    char what[200];
    size_t size = mutate(in, buf, &rng, what, sizeof what);
    snprintf(how, howlen, "%s: %s", in->path, what);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    bool ok = fd >= 0 && write(fd, buf, size) == (ssize_t)size;
    if (fd >= 0)
        close(fd);
    free(buf);
    return ok;
}

static void start(Fuzz *fz, Slot *s, long c)
{
    char how[300];
    if (!make_case(fz, c, s->file, how, sizeof how)) {
        fprintf(stderr, "elf_fuzz: cannot write %s: %s\n", s->file, strerror(errno));
        exit(2);
    }
    pid_t pid = fork();
    if (pid < 0) {
        perror("elf_fuzz: fork");
        exit(2);
    }
    if (pid == 0) {
        setpgid(0, 0);
        struct rlimit no_core = {0, 0};
        setrlimit(RLIMIT_CORE, &no_core);
        int null = open("/dev/null", O_RDWR);
        int err = open(s->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (null < 0 || err < 0 || chdir(fz->dir) != 0)
            _exit(125);
        dup2(null, 0);
        dup2(null, 1);
        dup2(err, 2);
        signal(SIGPIPE, SIG_DFL);
        execl(fz->morph, fz->morph, s->file, (char *)NULL);
        _exit(125);
    }
    setpgid(pid, pid);
    s->pid = pid;
    s->case_no = c;
    s->killed = false;
    s->deadline = now_s() + fz->timeout;
}

static char *slurp_err(const char *path)
{
    char *buf = calloc(1, ERR_READ_MAX + 1);
    FILE *f = fopen(path, "rb");
    if (f) {
        size_t n = fread(buf, 1, ERR_READ_MAX, f);
        buf[n] = 0;
        /* stderr may hold NULs from guest writes; make it one C string */
        for (size_t i = 0; i < n; i++)
            if (buf[i] == 0)
                buf[i] = '.';
        fclose(f);
    }
    return buf;
}

static void finish(Fuzz *fz, Slot *s, int status)
{
    char *err = slurp_err(s->err);
    const char *problem = NULL;
    char sigdesc[256] = "";
    if (s->killed) {
        fz->n_timeout++;
    } else if (WIFSIGNALED(status)) {
        if (strstr(err, fz->marker)) {
            fz->n_guest_signal++;
        } else {
            snprintf(sigdesc, sizeof sigdesc, "morph died by signal %d (%s) without \"%s\"", WTERMSIG(status),
                     strsignal(WTERMSIG(status)), fz->marker);
            problem = sigdesc;
        }
    } else if (WIFEXITED(status)) {
        fz->n_exit[WEXITSTATUS(status)]++;
        if (WEXITSTATUS(status) == 125)
            problem = "could not exec morph";
    }
    if (!problem && (strstr(err, "AddressSanitizer") || strstr(err, "runtime error:") || strstr(err, "LeakSanitizer")))
        problem = "sanitizer report";
    if (problem) {
        fz->n_failed++;
        if (fz->n_failed <= MAX_REPORTED) {
            char how[300], saved[256];
            uint64_t seed = fz->seed;
            make_case(fz, s->case_no, s->file, how, sizeof how); /* regenerate to describe it */
            snprintf(saved, sizeof saved, "elf_fuzz-seed%" PRIu64 "-case%ld.elf", seed, s->case_no);
            uint8_t *d;
            size_t n;
            if (read_file(s->file, &d, &n)) {
                FILE *f = fopen(saved, "wb");
                if (f) {
                    fwrite(d, 1, n, f);
                    fclose(f);
                }
                free(d);
            }
            printf("FAIL case %ld (seed %" PRIu64 "): %s\n  input: %s\n  saved as: %s\n  reproduce: elf_fuzz --morph %s --seed %" PRIu64
                   " --only %ld",
                   s->case_no, seed, problem, how, saved, fz->morph, seed, s->case_no);
            for (int k = 0; k < fz->n_inputs; k++)
                printf(" %s", fz->inputs[k].path);
            printf("\n  stderr: %.600s\n", err);
            fflush(stdout);
        }
    }
    free(err);
    s->pid = 0;
}

static void usage(void)
{
    fprintf(stderr, "usage: elf_fuzz --morph PATH [--cases N] [--seed S] [--jobs J] [--timeout SEC] [--marker TEXT] [--only CASE] INPUT...\n");
    exit(2);
}

int main(int argc, char **argv)
{
    static Fuzz fz;
    fz.cases = 10000;
    fz.only = -1;
    fz.jobs = 2;
    fz.timeout = 2.0;
    fz.marker = "uncaught guest signal";
    int i;
    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--")) {
            i++;
            break;
        }
        if (i + 1 >= argc)
            usage();
        const char *v = argv[++i];
        if (!strcmp(o, "--morph"))
            fz.morph = v;
        else if (!strcmp(o, "--cases"))
            fz.cases = strtol(v, NULL, 0);
        else if (!strcmp(o, "--seed"))
            fz.seed = strtoull(v, NULL, 0);
        else if (!strcmp(o, "--jobs"))
            fz.jobs = atoi(v);
        else if (!strcmp(o, "--timeout"))
            fz.timeout = strtod(v, NULL);
        else if (!strcmp(o, "--marker"))
            fz.marker = v;
        else if (!strcmp(o, "--only"))
            fz.only = strtol(v, NULL, 0);
        else
            usage();
    }
    if (!fz.morph || i >= argc || fz.jobs < 1 || fz.jobs > MAX_JOBS || fz.cases < 0)
        usage();
    for (; i < argc && fz.n_inputs < MAX_INPUTS; i++) {
        Input *in = &fz.inputs[fz.n_inputs++];
        in->path = argv[i];
        if (!read_file(argv[i], &in->data, &in->size) || in->size == 0) {
            fprintf(stderr, "elf_fuzz: cannot read %s\n", argv[i]);
            return 2;
        }
        in->hdr_end = elf_headers_end(in->data, in->size);
    }
    if (fz.seed == 0)
        fz.seed = (uint64_t)time(NULL);
    snprintf(fz.dir, sizeof fz.dir, "%s/elf_fuzz.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(fz.dir)) {
        perror("elf_fuzz: mkdtemp");
        return 2;
    }
    printf("elf_fuzz: seed %" PRIu64 ", %ld cases, %d jobs, timeout %.1f s, morph %s\n", fz.seed, fz.only >= 0 ? 1 : fz.cases, fz.jobs,
           fz.timeout, fz.morph);
    fflush(stdout);

    Slot slots[MAX_JOBS];
    memset(slots, 0, sizeof slots);
    for (int j = 0; j < fz.jobs; j++) {
        snprintf(slots[j].file, sizeof slots[j].file, "%s/case%d.elf", fz.dir, j);
        snprintf(slots[j].err, sizeof slots[j].err, "%s/case%d.err", fz.dir, j);
    }
    long next = fz.only >= 0 ? fz.only : 0, last = fz.only >= 0 ? fz.only + 1 : fz.cases;
    int running = 0;
    double t0 = now_s();
    while (next < last || running > 0) {
        for (int j = 0; j < fz.jobs && next < last; j++)
            if (!slots[j].pid) {
                start(&fz, &slots[j], next++);
                running++;
            }
        int status;
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            for (int j = 0; j < fz.jobs; j++)
                if (slots[j].pid == pid) {
                    kill(-pid, SIGKILL); /* anything the guest left behind */
                    finish(&fz, &slots[j], status);
                    running--;
                }
            continue;
        }
        double t = now_s();
        for (int j = 0; j < fz.jobs; j++)
            if (slots[j].pid && !slots[j].killed && t > slots[j].deadline) {
                slots[j].killed = true;
                kill(-slots[j].pid, SIGKILL);
            }
        usleep(500);
    }
    for (int j = 0; j < fz.jobs; j++) {
        unlink(slots[j].file);
        unlink(slots[j].err);
    }
    rmdir(fz.dir);

    printf("elf_fuzz: %.1f s; exit statuses:", now_s() - t0);
    for (int s = 0; s < 256; s++)
        if (fz.n_exit[s])
            printf(" %d:%ld", s, fz.n_exit[s]);
    printf("; guest killed by a signal: %ld; timeouts: %ld; FAILURES: %ld\n", fz.n_guest_signal, fz.n_timeout, fz.n_failed);
    if (fz.n_failed)
        printf("elf_fuzz: FAILED with seed %" PRIu64 " (reproduce one case with --seed %" PRIu64 " --only CASE)\n", fz.seed, fz.seed);
    return fz.n_failed ? 1 : 0;
}
