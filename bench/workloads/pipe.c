/* bench/workloads/pipe.c — system calls: SIZE thousand small messages (1 to
 * 128 bytes) written into a pipe and read back, sixteen at a time, by one
 * process: two short system calls per message and little else. Prints the
 * byte count and a checksum of everything read. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

enum { BURST = 16, MAX_MESSAGE = 128 };

/* write/read all n bytes, or end the program with a message. */
static void transfer(ssize_t (*io)(int, void *, size_t), int fd, uint8_t *buf, size_t n, const char *what)
{
    while (n > 0) {
        ssize_t done = io(fd, buf, n);
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0) {
            fprintf(stderr, "pipe: %s: %s\n", what, done < 0 ? strerror(errno) : "end of file");
            exit(1);
        }
        buf += done;
        n -= (size_t)done;
    }
}

static ssize_t write_fd(int fd, void *buf, size_t n) { return write(fd, buf, n); }

int main(int argc, char **argv)
{
    long kmessages = bench_size(argc, argv, 500);
    int fds[2];
    if (pipe(fds) != 0) {
        perror("pipe: pipe");
        return 1;
    }
    uint8_t out[MAX_MESSAGE], in[MAX_MESSAGE];
    size_t sizes[BURST];
    uint32_t seed = 0x919e, sum = 0;
    uint64_t bytes = 0;
    for (long m = 0; m < kmessages * 1000; m += BURST) {
        for (int i = 0; i < BURST; i++) {
            sizes[i] = 1 + (bench_rand(&seed) % MAX_MESSAGE);
            for (size_t k = 0; k < sizes[i]; k++)
                out[k] = (uint8_t)(m + i + k);
            transfer(write_fd, fds[1], out, sizes[i], "write");
        }
        for (int i = 0; i < BURST; i++) {
            transfer(read, fds[0], in, sizes[i], "read");
            for (size_t k = 0; k < sizes[i]; k++)
                sum = sum * 31 + in[k];
            bytes += sizes[i];
        }
    }
    printf("pipe: %" PRIu64 " bytes through %ld000 messages, checksum %08" PRIx32 "\n", bytes, kmessages, sum);
    return 0;
}
