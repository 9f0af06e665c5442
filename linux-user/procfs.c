/* linux-user/procfs.c — /proc files that describe the guest: opening
 * /proc/self/maps (or /proc/<own pid>/maps) gives the guest's mappings as
 * recorded in the page table of mmap.c, with [heap], [stack] and the
 * program's own name where they are, and the file, offset, device and
 * inode of file mappings as the host maps them; /proc/cpuinfo gives the guest's CPU
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
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "linux-user/lu_runtime.h"
#include "linux-user/syscall.h"

/* ---- /proc/self/maps ----------------------------------------------------- */

/* A file the host has mapped inside the guest window, in window
 * addresses: guest mmaps of files are host mmaps of the same file. */
typedef struct {
    uint64_t start, end, offset, inode;
    unsigned dev_major, dev_minor;
    bool shared;
    char *path;
} FileMapping;

static void file_mapping_clear(void *p)
{
    g_free(((FileMapping *)p)->path);
}

/* b continues a: the next pages of the same file, mapped alike. */
static bool continues(const FileMapping *a, const FileMapping *b)
{
    return a->end == b->start && a->inode == b->inode && a->dev_major == b->dev_major &&
           a->dev_minor == b->dev_minor && a->shared == b->shared &&
           a->offset + (a->end - a->start) == b->offset && strcmp(a->path, b->path) == 0;
}

/* The host's file mappings that overlap the guest window, in address
 * order (the kernel lists them so), clipped to the window. */
static GArray *host_file_mappings(void)
{
    GArray *maps = g_array_new(FALSE, FALSE, sizeof(FileMapping));
    g_array_set_clear_func(maps, file_mapping_clear);
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f)
        return maps;
    const uintptr_t lo = (uintptr_t)lu_proc.guest_base, hi = lo + lu_proc.space_size;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        unsigned long start, end, offset, inode;
        char perms[8];
        FileMapping m = {0};
        int path_at = 0;
        if (sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %n", &start, &end, perms, &offset, &m.dev_major,
                   &m.dev_minor, &inode, &path_at) < 7 || inode == 0 || end <= lo || start >= hi)
            continue;
        uintptr_t clipped = MAX(start, lo);
        m.start = clipped - lo;
        m.end = MIN(end, hi) - lo;
        m.offset = offset + (clipped - start);
        m.inode = inode;
        m.shared = perms[3] == 's';
        m.path = g_strchomp(g_strdup(line + path_at));
        FileMapping *prev = maps->len ? &g_array_index(maps, FileMapping, maps->len - 1) : NULL;
        if (prev && continues(prev, &m)) {
            /* The host split it (write-protected code pages); the guest did not. */
            prev->end = m.end;
            g_free(m.path);
        } else {
            g_array_append_val(maps, m);
        }
    }
    free(line);
    fclose(f);
    return maps;
}

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

/* One line as the kernel writes it; `file` is NULL for anonymous memory. */
static void maps_line(GString *out, uint64_t start, uint64_t end, int prot, const FileMapping *file)
{
    size_t before = out->len;
    g_string_append_printf(out, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu",
                           (unsigned long long)lu_addr_out(start), (unsigned long long)lu_addr_out(end),
                           prot & PROT_READ ? 'r' : '-', prot & PROT_WRITE ? 'w' : '-',
                           prot & PROT_EXEC ? 'x' : '-', file && file->shared ? 's' : 'p',
                           file ? (unsigned long long)(file->offset + (start - file->start)) : 0ull,
                           file ? file->dev_major : 0, file ? file->dev_minor : 0,
                           file ? (unsigned long long)file->inode : 0ull);
    const char *name = file ? file->path : region_name(start, end);
    if (name) {
        /* The kernel pads the name to column 73 (from a 64-bit layout). */
        while (out->len - before < 73)
            g_string_append_c(out, ' ');
        g_string_append(out, name);
    }
    g_string_append_c(out, '\n');
}

/* Writes [start, end) of one protection, split where it enters or leaves
 * a file mapping; *next is the first file mapping not wholly before it. */
static void maps_region(GString *out, uint64_t start, uint64_t end, int prot, const GArray *files,
                        unsigned *next)
{
    while (start < end) {
        while (*next < files->len && g_array_index(files, FileMapping, *next).end <= start)
            (*next)++;
        const FileMapping *f = *next < files->len ? &g_array_index(files, FileMapping, *next) : NULL;
        uint64_t stop = end;
        if (f && f->start <= start) {
            stop = MIN(end, f->end);
        } else {
            if (f && f->start < end)
                stop = f->start;
            f = NULL;
        }
        maps_line(out, start, stop, prot, f);
        start = stop;
    }
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

/* Regions come from the guest's page table (the host's protections differ
 * where code pages are write-protected for self-modifying-code checks);
 * file, offset, device and inode from the host's own maps. */
void lu_procfs_maps(GString *out)
{
    const uint8_t *table = lu_proc.page_prot;
    uint64_t npages = lu_proc.space_size >> LU_PAGE_BITS;
    if (!table)
        return;
    GArray *files = host_file_mappings();
    unsigned next_file = 0;
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
            maps_region(out, page << LU_PAGE_BITS, end << LU_PAGE_BITS, prot, files, &next_file);
        page = end;
    }
    g_array_free(files, TRUE);
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
