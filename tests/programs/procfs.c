/* procfs.c — /proc as the guest must see it, through architecture-neutral
 * facts only: /proc/self/maps lists a new mapping with its exact bounds
 * and protections (split by mprotect, gone after munmap), names [stack],
 * gives a file mapping its file's offset, inode and path, and contains
 * the address of main's code in an executable mapping
 * ([heap] is not checked: qemu-user, the cross-check, does not name it); /proc/cpuinfo has one "processor" entry per online CPU. */
#define _GNU_SOURCE
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The protections ("r-xp"...) of the maps line covering [start, end)
 * exactly, "none" if there is no such line; also counts named lines. */
static const char *maps_find(uintptr_t start, uintptr_t end, int *stack, int *heap,
                             uintptr_t code, int *code_exec)
{
    static char found[8];
    strcpy(found, "none");
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return "no file";
    char line[512];
    *stack = *heap = *code_exec = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
            continue;
        if (lo == start && hi == end)
            strcpy(found, perms);
        *stack += strstr(line, "[stack]") != NULL;
        *heap += strstr(line, "[heap]") != NULL;
        if (code >= lo && code < hi && perms[2] == 'x')
            *code_exec = 1;
    }
    fclose(f);
    return found;
}

/* Maps pages 1 and 2 of a new three-page file and checks the maps line
 * of exactly those pages: offset one page, the file's inode and path. */
static void file_mapping(long page)
{
    const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    char path[512];
    snprintf(path, sizeof path, "%s/procfs-map-XXXXXX", dir);
    int fd = mkstemp(path);
    struct stat st;
    if (fd < 0 || ftruncate(fd, 3 * page) != 0 || fstat(fd, &st) != 0) {
        printf("file mapping: cannot create %s\n", path);
        return;
    }
    char *m = mmap(NULL, 2 * page, PROT_READ, MAP_PRIVATE, fd, page);
    char real[PATH_MAX];
    if (m == MAP_FAILED || !realpath(path, real)) {
        printf("file mapping: cannot map %s\n", path);
        return;
    }
    int found = 0, offset_ok = 0, inode_ok = 0, path_ok = 0;
    FILE *f = fopen("/proc/self/maps", "r");
    char line[1024];
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi, offset, inode;
        unsigned major, minor;
        char perms[8];
        int name_at = 0;
        if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %n", &lo, &hi, perms, &offset, &major, &minor,
                   &inode, &name_at) < 7 || lo != (uintptr_t)m || hi != (uintptr_t)m + 2 * page)
            continue;
        line[strcspn(line, "\n")] = 0;
        found = 1;
        offset_ok = offset == (unsigned long)page;
        inode_ok = inode == (unsigned long)st.st_ino;
        path_ok = strcmp(line + name_at, real) == 0;
    }
    if (f)
        fclose(f);
    printf("file mapping: line %d, offset %d, inode %d, path %d\n", found, offset_ok, inode_ok, path_ok);
    munmap(m, 2 * page);
    close(fd);
    unlink(path);
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 3 * page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uintptr_t a = (uintptr_t)m, code = (uintptr_t)&main;
    int stack, heap, code_exec;
    printf("new mapping: %s", maps_find(a, a + 3 * page, &stack, &heap, code, &code_exec));
    printf(" [stack] lines %d, main executable %d\n", stack, code_exec);
    mprotect(m + page, page, PROT_READ | PROT_WRITE);
    printf("after mprotect: %s", maps_find(a, a + page, &stack, &heap, code, &code_exec));
    printf(" %s", maps_find(a + page, a + 2 * page, &stack, &heap, code, &code_exec));
    printf(" %s\n", maps_find(a + 2 * page, a + 3 * page, &stack, &heap, code, &code_exec));
    munmap(m, 3 * page);
    printf("after munmap: %s\n", maps_find(a + page, a + 2 * page, &stack, &heap, code, &code_exec));
    file_mapping(page);

    FILE *f = fopen("/proc/cpuinfo", "r");
    int processors = 0;
    char line[512];
    while (f && fgets(line, sizeof line, f))
        processors += strncmp(line, "processor", 9) == 0;
    if (f)
        fclose(f);
    printf("cpuinfo processors == online CPUs: %d\n", processors == sysconf(_SC_NPROCESSORS_ONLN));
    return 0;
}
