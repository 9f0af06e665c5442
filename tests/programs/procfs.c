/* procfs.c — /proc as the guest must see it, through architecture-neutral
 * facts only: /proc/self/maps lists a new mapping with its exact bounds
 * and protections (split by mprotect, gone after munmap), names [stack],
 * and contains the address of main's code in an executable mapping
 * ([heap] is not checked: qemu-user, the cross-check, does not name it); /proc/cpuinfo has one "processor" entry per online CPU. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
