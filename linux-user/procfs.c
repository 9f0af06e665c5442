/* linux-user/procfs.c — /proc files that describe the guest: opening
 * /proc/self/maps (or /proc/<own pid>/maps) gives the guest's mappings as
 * recorded in the page table of mmap.c, with [heap], [stack] and the
 * program's own name where they are; /proc/cpuinfo gives the guest's CPU
 * family (from a table by ELF machine) with the host's processor count.
 *
 * The guest gets a memfd holding a snapshot taken at open, as the kernel's
 * seq files are a snapshot per read. Everything else under /proc is the
 * host's (pids, fds, status, /proc/self/exe is handled in syscall_fs.c).
 */
#include "linux-user/procfs.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/lu_runtime.h"
#include "linux-user/syscall.h"

/* ---- /proc/self/maps ----------------------------------------------------- */

static const char *region_name(uint64_t start, uint64_t end)
{
    const LuImage *img = &lu_proc.image;
    if (lu_proc.brk_cur > lu_proc.brk_start && start < lu_proc.brk_cur &&
        end > lu_proc.brk_start)
        return "[heap]";
    if (start <= lu_stack_top() - 1 && end > lu_stack_top() - 1)
        return "[stack]";
    if (lu_proc.exe_path && img->end_data > img->start_code && start < LU_PAGE_UP(img->end_data) &&
        end > LU_PAGE_DOWN(img->start_code))
        return lu_proc.exe_path;
    return NULL;
}

static void maps_line(GString *out, uint64_t start, uint64_t end, int prot)
{
    size_t before = out->len;
    g_string_append_printf(out, "%08llx-%08llx %c%c%cp 00000000 00:00 0",
                           (unsigned long long)lu_addr_out(start), (unsigned long long)lu_addr_out(end),
                           prot & PROT_READ ? 'r' : '-', prot & PROT_WRITE ? 'w' : '-',
                           prot & PROT_EXEC ? 'x' : '-');
    const char *name = region_name(start, end);
    if (name) {
        /* The kernel pads the name to column 73 (from a 64-bit layout). */
        while (out->len - before < 73)
            g_string_append_c(out, ' ');
        g_string_append(out, name);
    }
    g_string_append_c(out, '\n');
}

/* The first page at or after `page` (a page number) whose table entry is
 * not `prot`, or `npages`. Runs of equal entries are skipped a word at a
 * time: a 64-bit guest's table has 2^28 entries, almost all zero. */
static uint64_t next_change(const uint8_t *table, uint64_t page, uint64_t npages, uint8_t prot)
{
    const uint64_t same = prot * 0x0101010101010101ull;
    while (page < npages && (page & 7) && table[page] == prot)
        page++;
    while (page + 8 <= npages) {
        uint64_t w;
        memcpy(&w, table + page, 8);
        if (w != same)
            break;
        page += 8;
    }
    while (page < npages && table[page] == prot)
        page++;
    return page;
}

void lu_procfs_maps(GString *out)
{
    const uint8_t *table = lu_proc.page_prot;
    uint64_t npages = lu_proc.space_size >> LU_PAGE_BITS;
    if (!table)
        return;
    /* The program's image and [heap] meet at the page brk starts on: a
     * region ends there even with the same protection. */
    uint64_t heap_page = lu_proc.brk_cur > lu_proc.brk_start ? LU_PAGE_UP(lu_proc.brk_start) >> LU_PAGE_BITS
                                                            : UINT64_MAX;
    for (uint64_t page = 0; page < npages;) {
        uint8_t prot = table[page];
        uint64_t end = next_change(table, page + 1, npages, prot);
        if (page < heap_page && heap_page < end)
            end = heap_page;
        if (prot)
            maps_line(out, page << LU_PAGE_BITS, end << LU_PAGE_BITS, prot);
        page = end;
    }
}

/* ---- /proc/cpuinfo --------------------------------------------------------- */

static const struct {
    unsigned machine;
    LuCpuinfoFn *fn;
} cpuinfo_by_machine[] = {
    { EM_PPC, ppc_cpuinfo },
    { EM_PPC64, ppc_cpuinfo },
    { EM_386, x86_cpuinfo },
    { EM_X86_64, x86_cpuinfo },
};

void lu_procfs_cpuinfo(GString *out)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    if (ncpu < 1)
        ncpu = 1;
    for (size_t i = 0; i < G_N_ELEMENTS(cpuinfo_by_machine); i++) {
        if (cpuinfo_by_machine[i].machine == lu_proc.arch->elf_machine) {
            cpuinfo_by_machine[i].fn(out, ncpu);
            return;
        }
    }
    for (long n = 0; n < ncpu; n++)
        g_string_append_printf(out, "processor\t: %ld\n\n", n);
}

/* ---- opening ------------------------------------------------------------ */

typedef void ProcFileFn(GString *out);

/* True if path is /proc/self/NAME, /proc/thread-self/NAME or
 * /proc/<our pid>/NAME. */
static bool is_own_proc_file(const char *path, const char *name)
{
    char own[64];
    snprintf(own, sizeof own, "/proc/%d/", (int)getpid());
    const char *rest = NULL;
    if (g_str_has_prefix(path, "/proc/self/"))
        rest = path + strlen("/proc/self/");
    else if (g_str_has_prefix(path, "/proc/thread-self/"))
        rest = path + strlen("/proc/thread-self/");
    else if (g_str_has_prefix(path, own))
        rest = path + strlen(own);
    return rest && strcmp(rest, name) == 0;
}

static ProcFileFn *proc_file_for(const char *path)
{
    if (is_own_proc_file(path, "maps"))
        return lu_procfs_maps;
    if (strcmp(path, "/proc/cpuinfo") == 0)
        return lu_procfs_cpuinfo;
    return NULL;
}

int64_t lu_procfs_open(int dirfd, const char *path, int host_flags)
{
    (void)dirfd; /* only absolute paths are ours */
    ProcFileFn *fn = path[0] == '/' ? proc_file_for(path) : NULL;
    if (!fn)
        return LU_PROCFS_NOT_OURS;
    if ((host_flags & O_ACCMODE) != O_RDONLY)
        return -EACCES;
    int fd = memfd_create("morph-proc", host_flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
    if (fd < 0)
        return lu_host_err();
    GString *text = g_string_new(NULL);
    fn(text);
    const char *p = text->str;
    size_t left = text->len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n <= 0)
            break;
        p += n;
        left -= (size_t)n;
    }
    g_string_free(text, TRUE);
    lseek(fd, 0, SEEK_SET);
    if (host_flags & O_NONBLOCK)
        fcntl(fd, F_SETFL, O_NONBLOCK);
    return fd;
}
