/* bench/workloads/files.c — system calls on the file system: in a fresh
 * directory under $TMPDIR (or /tmp), SIZE thousand rounds of create-write-
 * close, stat, open-read-close and now and then unlink, over 64 file names.
 * Prints the bytes written, the sizes stat saw and a checksum of what was read. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"

enum { NFILES = 64, MAX_CONTENT = 100 };

static void die(const char *what, const char *path)
{
    fprintf(stderr, "files: %s %s: %s\n", what, path, strerror(errno));
    exit(1);
}

static void write_file(const char *path, const uint8_t *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        die("create", path);
    if (write(fd, data, n) != (ssize_t)n)
        die("write", path);
    if (close(fd) != 0)
        die("close", path);
}

/* Reads path whole into buf (at most cap bytes); returns the byte count. */
static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        die("open", path);
    ssize_t n = read(fd, buf, cap);
    if (n < 0)
        die("read", path);
    close(fd);
    return (size_t)n;
}

int main(int argc, char **argv)
{
    long krounds = bench_size(argc, argv, 40);
    const char *tmp = getenv("TMPDIR");
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/bench-files-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
        die("mkdtemp", dir);
    uint8_t data[MAX_CONTENT], buf[MAX_CONTENT];
    uint64_t written = 0, stat_bytes = 0;
    uint32_t sum = 0;
    for (long r = 0; r < krounds * 1000; r++) {
        snprintf(path, sizeof path, "%s/f%02ld", dir, r % NFILES);
        size_t n = (size_t)(r % MAX_CONTENT);
        for (size_t k = 0; k < n; k++)
            data[k] = (uint8_t)(r * 7 + k);
        write_file(path, data, n);
        written += n;
        struct stat st;
        if (stat(path, &st) != 0)
            die("stat", path);
        stat_bytes += (uint64_t)st.st_size;
        size_t got = read_file(path, buf, sizeof buf);
        for (size_t k = 0; k < got; k++)
            sum = sum * 31 + buf[k];
        if (r % 5 == 0 && unlink(path) != 0)
            die("unlink", path);
    }
    for (int i = 0; i < NFILES; i++) {
        snprintf(path, sizeof path, "%s/f%02d", dir, i);
        if (unlink(path) != 0 && errno != ENOENT)
            die("unlink", path);
    }
    if (rmdir(dir) != 0)
        die("rmdir", dir);
    printf("files over %ld000 rounds: %" PRIu64 " bytes written, %" PRIu64 " by stat, checksum %08" PRIx32 "\n",
           krounds, written, stat_bytes, sum);
    return 0;
}
