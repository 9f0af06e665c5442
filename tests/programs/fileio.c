/* fileio.c — file I/O in the (private, empty) working directory: open,
 * write, read, lseek, pread/pwrite, stdio, stat/fstat, rename, unlink,
 * mkdir/rmdir, ftruncate, dup, and directory listing with opendir/readdir
 * (getdents; names are sorted since directory order is not portable).
 *
 * Built with 64-bit file offsets, as most 32-bit programs are: without them
 * glibc's 32-bit readdir fails with EOVERFLOW on ext4, whose directory
 * cookies are 64-bit hashes for every process of a 64-bit kernel (a real
 * 32-bit kernel hands 32-bit tasks 32-bit hashes; no user-mode emulator on a
 * 64-bit host can). */
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir %s: errno %d\n", path, errno);
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
        names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp_str);
    printf("ls %s:", path);
    for (int i = 0; i < n; i++) {
        struct stat st;
        char full[256];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        if (stat(full, &st) == 0)
            printf(" %s(%s,%" PRId64 ")", names[i], S_ISDIR(st.st_mode) ? "dir" : "file", S_ISDIR(st.st_mode) ? (int64_t)0 : (int64_t)st.st_size);
        free(names[i]);
    }
    putchar('\n');
}

int main(void)
{
    unsigned char buf[4096];
    for (int i = 0; i < 4096; i++)
        buf[i] = (unsigned char)(i * 7 + (i >> 8));

    int fd = open("data.bin", O_CREAT | O_EXCL | O_RDWR, 0644);
    printf("open: %s\n", fd >= 0 ? "ok" : "failed");
    for (int k = 0; k < 10; k++)
        if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
            printf("short write\n");
    printf("lseek end: %" PRId64 "\n", (int64_t)lseek(fd, 0, SEEK_END));
    printf("lseek set: %" PRId64 "\n", (int64_t)lseek(fd, 12345, SEEK_SET));
    unsigned char rb[16];
    ssize_t n = read(fd, rb, sizeof rb);
    printf("read %d:", (int)n);
    for (int i = 0; i < n; i++)
        printf(" %02x", rb[i]);
    putchar('\n');
    printf("lseek cur: %" PRId64 "\n", (int64_t)lseek(fd, -100, SEEK_CUR));
    printf("pwrite: %d\n", (int)pwrite(fd, "HELLO", 5, 40000));
    memset(rb, 0, sizeof rb);
    printf("pread: %d [%.7s]\n", (int)pread(fd, rb, 7, 39999), (char *)rb);
    struct stat st;
    fstat(fd, &st);
    printf("fstat: size=%" PRId64 " reg=%d mode=%o nlink=%u\n", (int64_t)st.st_size, S_ISREG(st.st_mode), (unsigned)(st.st_mode & 0777), (unsigned)st.st_nlink);
    printf("ftruncate: %d\n", ftruncate(fd, 5000));
    fstat(fd, &st);
    printf("after truncate: %" PRId64 "\n", (int64_t)st.st_size);
    int fd2 = dup(fd);
    int64_t set = lseek(fd, 100, SEEK_SET);
    printf("dup shares offset: %" PRId64 " %" PRId64 "\n", set, (int64_t)lseek(fd2, 0, SEEK_CUR));
    close(fd2);
    close(fd);

    /* Read it back whole and checksum. */
    fd = open("data.bin", O_RDONLY);
    uint32_t sum = 0;
    int total = 0;
    while ((n = read(fd, buf, 777)) > 0) {
        for (int i = 0; i < n; i++)
            sum = sum * 33 + buf[i];
        total += (int)n;
    }
    close(fd);
    printf("readback: %d bytes sum %08" PRIx32 "\n", total, sum);

    /* stdio. */
    FILE *f = fopen("text.txt", "w");
    for (int i = 0; i < 50; i++)
        fprintf(f, "line %d: %s %.3f\n", i, i % 2 ? "odd" : "even", i / 3.0);
    fclose(f);
    f = fopen("text.txt", "r");
    char line[128];
    int lines = 0;
    long last_pos = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        if (lines == 17)
            printf("line 17: %s", line);
        last_pos = ftell(f);
    }
    printf("lines %d end %ld\n", lines, last_pos);
    fseek(f, -12, SEEK_END);
    printf("tail: [%s]\n", fgets(line, sizeof line, f) ? line : "?");
    fclose(f);
    f = fopen("text.txt", "a+");
    fputs("appended\n", f);
    fclose(f);
    stat("text.txt", &st);
    printf("text size %" PRId64 "\n", (int64_t)st.st_size);

    /* Directories, rename, unlink. */
    printf("mkdir: %d\n", mkdir("sub", 0755));
    int r = mkdir("sub", 0755);
    printf("mkdir again: %d errno=%s\n", r, errno == EEXIST ? "EEXIST" : "other");
    printf("rename: %d\n", rename("text.txt", "sub/moved.txt"));
    for (int i = 0; i < 5; i++) {
        char name[32];
        snprintf(name, sizeof name, "sub/f%d", i);
        int t = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (write(t, name, (size_t)i * 3) < 0)
            printf("write failed\n");
        close(t);
    }
    list_dir(".");
    list_dir("sub");
    printf("unlink: %d\n", unlink("sub/f2"));
    r = unlink("sub/f2");
    printf("unlink missing: %d errno=%s\n", r, errno == ENOENT ? "ENOENT" : "other");
    r = open("nope", O_RDONLY);
    printf("open missing: %d errno=%s\n", r, errno == ENOENT ? "ENOENT" : "other");
    r = rmdir("sub");
    printf("rmdir nonempty: %d errno=%s\n", r, errno == ENOTEMPTY || errno == EEXIST ? "ENOTEMPTY" : "other");
    list_dir("sub");
    printf("access: %d %d\n", access("data.bin", R_OK), access("missing", F_OK));
    char cwd[4096];
    printf("getcwd ok: %d\n", getcwd(cwd, sizeof cwd) != NULL);
    printf("chdir: %d\n", chdir("sub"));
    printf("relative stat: %d\n", stat("moved.txt", &st));
    printf("chdir ..: %d\n", chdir(".."));
    return 0;
}
