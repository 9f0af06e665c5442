/* fsops.c — file and memory calls with exact, portable results: ftruncate
 * (grow and shrink), fsync/fdatasync, utimensat with fixed times and
 * UTIME_OMIT, chmod/fchmod/fchmodat, chown to ourselves, flock (shared,
 * exclusive, non-blocking conflict from a second open), sendfile with and
 * without an offset, mremap (grow in place or move, contents kept),
 * madvise(MADV_DONTNEED) zeroing anonymous pages, and the sched_* calls
 * a normal process may make. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>

static long long size_of(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long long)st.st_size : -1;
}

int main(void)
{
    int fd = open("data.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
    if (write(fd, "0123456789", 10) != 10)
        return 1;
    /* (Every call is its own statement: argument order is unspecified.) */
    int r = ftruncate(fd, 4096 + 7);
    printf("ftruncate grow %d size %lld\n", r, size_of("data.bin"));
    r = ftruncate(fd, 4);
    printf("ftruncate shrink %d size %lld\n", r, size_of("data.bin"));
    r = truncate("data.bin", 6);
    printf("truncate %d size %lld\n", r, size_of("data.bin"));
    r = fsync(fd);
    printf("fsync %d fdatasync %d\n", r, fdatasync(fd));

    struct timespec times[2] = { { 1000000000, 123456789 }, { 1234567890, 5 } };
    printf("utimensat %d\n", utimensat(AT_FDCWD, "data.bin", times, 0));
    struct stat st;
    stat("data.bin", &st);
    printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)st.st_atim.tv_sec,
           st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec omit[2] = { { 0, UTIME_OMIT }, { 2000000000, 0 } };
    futimens(fd, omit);
    fstat(fd, &st);
    printf("futimens omit: atime %lld mtime %lld\n", (long long)st.st_atim.tv_sec,
           (long long)st.st_mtim.tv_sec);

    printf("chmod %d", chmod("data.bin", 0600));
    stat("data.bin", &st);
    printf(" mode %o", st.st_mode & 07777);
    fchmod(fd, 0640);
    fstat(fd, &st);
    printf(" fchmod %o", st.st_mode & 07777);
    fchmodat(AT_FDCWD, "data.bin", 0444, 0);
    stat("data.bin", &st);
    printf(" fchmodat %o\n", st.st_mode & 07777);
    r = chown("data.bin", getuid(), getgid());
    int r2 = fchown(fd, (uid_t)-1, getgid());
    printf("chown self %d fchown self %d lchown self %d\n", r, r2,
           lchown("data.bin", getuid(), (gid_t)-1));
    chmod("data.bin", 0644);

    int other = open("data.bin", O_RDONLY);
    r = flock(fd, LOCK_SH);
    printf("flock sh %d sh(other) %d\n", r, flock(other, LOCK_SH | LOCK_NB));
    flock(other, LOCK_UN);
    r = flock(other, LOCK_EX | LOCK_NB);
    printf("flock ex(other) while shared: %d %s\n", r, r < 0 && errno == EWOULDBLOCK ? "EWOULDBLOCK" : "?");
    r = flock(fd, LOCK_UN);
    printf("flock un %d ex(other) %d\n", r, flock(other, LOCK_EX | LOCK_NB));
    close(other);

    /* sendfile from a file into another file. */
    pwrite(fd, "abcdefghij", 10, 0);
    int out = open("copy.bin", O_CREAT | O_RDWR | O_TRUNC, 0644);
    off_t off = 3;
    ssize_t n = sendfile(out, fd, &off, 4);
    printf("sendfile %zd offset now %lld\n", n, (long long)off);
    lseek(fd, 8, SEEK_SET);
    n = sendfile(out, fd, NULL, 100);
    char buf[16] = { 0 };
    pread(out, buf, sizeof buf - 1, 0);
    printf("sendfile no offset %zd; copy \"%s\"\n", n, buf);
    close(out);
    close(fd);

    /* mremap: grow a mapping, contents kept. */
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(m, "kept across mremap");
    char *g = mremap(m, 4096, 3 * 4096, MREMAP_MAYMOVE);
    printf("mremap ok %d \"%s\" tail zero %d\n", g != MAP_FAILED, g, g[3 * 4096 - 1] == 0);
    g[2 * 4096] = 'z';
    char *s = mremap(g, 3 * 4096, 4096, 0);
    printf("mremap shrink in place %d\n", s == g);

    /* madvise(MADV_DONTNEED): private anonymous pages read back as zero. */
    char *d = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(d, 0x5a, 2 * 4096);
    r = madvise(d, 4096, MADV_DONTNEED);
    printf("madvise %d first %d last %d\n", r, d[0], d[4095]);
    printf("untouched page %d\n", d[4096]);
    munmap(d, 2 * 4096);
    munmap(s, 4096);

    /* Scheduling. */
    printf("sched_yield %d\n", sched_yield());
    printf("policy other %d\n", sched_getscheduler(0) == SCHED_OTHER);
    struct sched_param sp = { 5 };
    sched_getparam(0, &sp);
    printf("priority %d\n", sp.sched_priority);
    printf("fifo range %d..%d\n", sched_get_priority_min(SCHED_FIFO), sched_get_priority_max(SCHED_FIFO));
    cpu_set_t set;
    CPU_ZERO(&set);
    printf("getaffinity %d", sched_getaffinity(0, sizeof set, &set));
    int first = -1;
    for (int i = 0; i < CPU_SETSIZE && first < 0; i++)
        if (CPU_ISSET(i, &set))
            first = i;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    printf(" setaffinity %d", sched_setaffinity(0, sizeof one, &one));
    CPU_ZERO(&set);
    sched_getaffinity(0, sizeof set, &set);
    printf(" now %d cpu, the chosen one %d\n", CPU_COUNT(&set), CPU_ISSET(first, &set) != 0);
    return 0;
}
