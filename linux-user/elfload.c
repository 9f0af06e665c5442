/* linux-user/elfload.c — reading, validating and mapping ELF executables
 * (ELF32 and ELF64, either byte order) and their PT_INTERP interpreter.
 *
 * Input is untrusted: every header field is checked before use (ranges
 * inside the file, no overflow in offset + size, filesz <= memsz, segments
 * sorted and disjoint, inside the guest space), and any failure is one line
 * of text plus the exit status a shell gives a failed exec (126/127).
 *
 * Segments are not mmap'ed from the file: the whole span is mapped as
 * anonymous memory and the file bytes are copied in, so odd alignments and
 * segments sharing a page load exactly, and bss is zero by construction.
 * Page protections are the union of the segments touching each page.
 */
#include "linux-user/lu_runtime.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

/* Where the kernel puts a PIE program of a 32-bit PowerPC task. */
#define LU_ET_DYN_BASE32 0x00400000ull
/* Program headers beyond this many bytes are nonsense (the kernel's limit). */
#define LU_MAX_PHDR_BYTES 65536u
/* Largest segment alignment honoured when choosing a load address. */
#define LU_MAX_LOAD_ALIGN ((uint64_t)1 << 24)

static const struct {
    unsigned machine;
    const char *name;
} machine_names[] = {
    { EM_386, "Intel 80386" },         { EM_68K, "Motorola 68000" },
    { EM_MIPS, "MIPS" },               { EM_PARISC, "HP PA-RISC" },
    { EM_SPARC, "SPARC" },             { EM_SPARCV9, "SPARC v9" },
    { EM_PPC, "PowerPC" },             { EM_PPC64, "PowerPC64" },
    { EM_S390, "IBM S/390" },          { EM_ARM, "ARM" },
    { EM_SH, "Renesas SuperH" },       { EM_IA_64, "Intel IA-64" },
    { EM_X86_64, "x86-64" },           { EM_AARCH64, "AArch64" },
    { EM_RISCV, "RISC-V" },            { EM_LOONGARCH, "LoongArch" },
    { EM_ALPHA, "Alpha" },             { EM_MICROBLAZE, "MicroBlaze" },
};

const char *lu_elf_machine_name(unsigned machine)
{
    for (size_t i = 0; i < G_N_ELEMENTS(machine_names); i++) {
        if (machine_names[i].machine == machine)
            return machine_names[i].name;
    }
    return NULL;
}

static const char *const type_names[] = {
    [ET_NONE] = "no file type", [ET_REL] = "relocatable object",
    [ET_EXEC] = "executable",   [ET_DYN] = "shared object",
    [ET_CORE] = "core dump",
};

/* ---- byte-order aware field readers ------------------------------------ */

static uint64_t rd(const uint8_t *p, unsigned size, bool be)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[be ? i : size - 1 - i] << (8 * (size - 1 - i));
    return v;
}

#define RD_FIELD(buf, type, field, be) \
    rd((buf) + offsetof(type, field), sizeof(((type *)0)->field), (be))

/* Read exactly len bytes at off; false on a short read or error. */
static bool read_at(int fd, void *buf, uint64_t len, uint64_t off)
{
    uint8_t *p = buf;
    while (len > 0) {
        size_t chunk = len > ((size_t)1 << 30) ? ((size_t)1 << 30) : (size_t)len;
        ssize_t n = pread(fd, p, chunk, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        off += (uint64_t)n;
        len -= (uint64_t)n;
    }
    return true;
}

/* [off, off+len) lies inside a file of `size` bytes. */
static bool in_file(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

#define FAIL(status, ...)                         \
    do {                                          \
        snprintf(err, errlen, __VA_ARGS__);       \
        lu_elf_close(elf);                        \
        return (status);                          \
    } while (0)

static void read_phdr(const uint8_t *b, bool is64, bool be, LuPhdr *ph)
{
    if (is64) {
        ph->type = (uint32_t)RD_FIELD(b, Elf64_Phdr, p_type, be);
        ph->flags = (uint32_t)RD_FIELD(b, Elf64_Phdr, p_flags, be);
        ph->offset = RD_FIELD(b, Elf64_Phdr, p_offset, be);
        ph->vaddr = RD_FIELD(b, Elf64_Phdr, p_vaddr, be);
        ph->filesz = RD_FIELD(b, Elf64_Phdr, p_filesz, be);
        ph->memsz = RD_FIELD(b, Elf64_Phdr, p_memsz, be);
        ph->align = RD_FIELD(b, Elf64_Phdr, p_align, be);
    } else {
        ph->type = (uint32_t)RD_FIELD(b, Elf32_Phdr, p_type, be);
        ph->flags = (uint32_t)RD_FIELD(b, Elf32_Phdr, p_flags, be);
        ph->offset = RD_FIELD(b, Elf32_Phdr, p_offset, be);
        ph->vaddr = RD_FIELD(b, Elf32_Phdr, p_vaddr, be);
        ph->filesz = RD_FIELD(b, Elf32_Phdr, p_filesz, be);
        ph->memsz = RD_FIELD(b, Elf32_Phdr, p_memsz, be);
        ph->align = RD_FIELD(b, Elf32_Phdr, p_align, be);
    }
}

/* Check the program headers; read PT_INTERP. 0 or an exit status. */
static int check_phdrs(const char *path, LuElf *elf, char *err, size_t errlen)
{
    uint64_t prev_end = 0;
    unsigned nload = 0;
    for (unsigned i = 0; i < elf->phnum; i++) {
        const LuPhdr *ph = &elf->ph[i];
        if (ph->type == PT_LOAD) {
            if (ph->filesz > ph->memsz)
                FAIL(LU_EXIT_NOEXEC, "%s: corrupted program header %u (file size > memory size)", path, i);
            if (!in_file(ph->offset, ph->filesz, elf->file_size))
                FAIL(LU_EXIT_NOEXEC, "%s: segment %u extends past the end of the file", path, i);
            if (ph->vaddr + ph->memsz < ph->vaddr || ph->vaddr + ph->memsz + LU_PAGE_SIZE < ph->vaddr)
                FAIL(LU_EXIT_NOEXEC, "%s: corrupted program header %u (address overflow)", path, i);
            if (ph->align > 1 && (ph->align & (ph->align - 1)))
                FAIL(LU_EXIT_NOEXEC, "%s: corrupted program header %u (alignment %#llx)", path, i,
                     (unsigned long long)ph->align);
            if (ph->memsz == 0)
                continue;
            if (nload > 0 && ph->vaddr < prev_end)
                FAIL(LU_EXIT_NOEXEC, "%s: overlapping or unsorted loadable segments", path);
            prev_end = ph->vaddr + ph->memsz;
            nload++;
        } else if (ph->type == PT_INTERP) {
            if (elf->interp)
                FAIL(LU_EXIT_NOEXEC, "%s: more than one PT_INTERP", path);
            if (ph->filesz < 2 || ph->filesz > PATH_MAX || !in_file(ph->offset, ph->filesz, elf->file_size))
                FAIL(LU_EXIT_NOEXEC, "%s: corrupted PT_INTERP", path);
            char *s = g_malloc(ph->filesz);
            elf->interp = s;
            if (!read_at(elf->fd, s, ph->filesz, ph->offset))
                FAIL(LU_EXIT_NOEXEC, "%s: cannot read PT_INTERP", path);
            if (s[ph->filesz - 1] != '\0' || strlen(s) != ph->filesz - 1)
                FAIL(LU_EXIT_NOEXEC, "%s: corrupted PT_INTERP (not a NUL-terminated path)", path);
        }
    }
    if (nload == 0)
        FAIL(LU_EXIT_NOEXEC, "%s: no loadable segments", path);
    return 0;
}

int lu_elf_open(const char *path, LuElf *elf, char *err, size_t errlen)
{
    memset(elf, 0, sizeof *elf);
    elf->path = g_strdup(path);
    elf->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (elf->fd < 0) {
        int e = errno;
        FAIL(e == ENOENT || e == ENOTDIR ? LU_EXIT_NOTFOUND : LU_EXIT_NOEXEC, "%s: %s", path, strerror(e));
    }
    struct stat st;
    if (fstat(elf->fd, &st) != 0)
        FAIL(LU_EXIT_NOEXEC, "%s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        FAIL(LU_EXIT_NOEXEC, "%s: %s", path, strerror(EISDIR));
    if (!S_ISREG(st.st_mode))
        FAIL(LU_EXIT_NOEXEC, "%s: not a regular file", path);
    elf->file_size = (uint64_t)st.st_size;

    uint8_t eh[sizeof(Elf64_Ehdr)];
    memset(eh, 0, sizeof eh);
    if (elf->file_size < SELFMAG || !read_at(elf->fd, eh, SELFMAG, 0) || memcmp(eh, ELFMAG, SELFMAG) != 0)
        FAIL(LU_EXIT_NOEXEC, "%s: not an ELF file", path);
    if (elf->file_size < EI_NIDENT || !read_at(elf->fd, eh, EI_NIDENT, 0))
        FAIL(LU_EXIT_NOEXEC, "%s: truncated ELF header", path);
    if (eh[EI_CLASS] != ELFCLASS32 && eh[EI_CLASS] != ELFCLASS64)
        FAIL(LU_EXIT_NOEXEC, "%s: unsupported ELF class %u", path, eh[EI_CLASS]);
    if (eh[EI_DATA] != ELFDATA2LSB && eh[EI_DATA] != ELFDATA2MSB)
        FAIL(LU_EXIT_NOEXEC, "%s: unsupported ELF byte order %u", path, eh[EI_DATA]);
    elf->is64 = eh[EI_CLASS] == ELFCLASS64;
    elf->big_endian = eh[EI_DATA] == ELFDATA2MSB;
    bool be = elf->big_endian;
    size_t ehsize = elf->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    if (elf->file_size < ehsize || !read_at(elf->fd, eh, ehsize, 0))
        FAIL(LU_EXIT_NOEXEC, "%s: truncated ELF header", path);
    if (eh[EI_VERSION] != EV_CURRENT)
        FAIL(LU_EXIT_NOEXEC, "%s: unsupported ELF version %u", path, eh[EI_VERSION]);

    if (elf->is64) {
        elf->type = (unsigned)RD_FIELD(eh, Elf64_Ehdr, e_type, be);
        elf->machine = (unsigned)RD_FIELD(eh, Elf64_Ehdr, e_machine, be);
        elf->entry = RD_FIELD(eh, Elf64_Ehdr, e_entry, be);
        elf->phoff = RD_FIELD(eh, Elf64_Ehdr, e_phoff, be);
        elf->phentsize = (unsigned)RD_FIELD(eh, Elf64_Ehdr, e_phentsize, be);
        elf->phnum = (unsigned)RD_FIELD(eh, Elf64_Ehdr, e_phnum, be);
    } else {
        elf->type = (unsigned)RD_FIELD(eh, Elf32_Ehdr, e_type, be);
        elf->machine = (unsigned)RD_FIELD(eh, Elf32_Ehdr, e_machine, be);
        elf->entry = RD_FIELD(eh, Elf32_Ehdr, e_entry, be);
        elf->phoff = RD_FIELD(eh, Elf32_Ehdr, e_phoff, be);
        elf->phentsize = (unsigned)RD_FIELD(eh, Elf32_Ehdr, e_phentsize, be);
        elf->phnum = (unsigned)RD_FIELD(eh, Elf32_Ehdr, e_phnum, be);
    }
    if (elf->type != ET_EXEC && elf->type != ET_DYN) {
        const char *tn = elf->type < G_N_ELEMENTS(type_names) ? type_names[elf->type] : "unknown type";
        FAIL(LU_EXIT_NOEXEC, "%s: not an executable (ELF type %u: %s)", path, elf->type, tn);
    }
    size_t phsize = elf->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    if (elf->phentsize != phsize)
        FAIL(LU_EXIT_NOEXEC, "%s: corrupted ELF header (program header size %u)", path, elf->phentsize);
    if (elf->phnum == 0 || (uint64_t)elf->phnum * phsize > LU_MAX_PHDR_BYTES)
        FAIL(LU_EXIT_NOEXEC, "%s: corrupted ELF header (%u program headers)", path, elf->phnum);
    uint64_t phbytes = (uint64_t)elf->phnum * phsize;
    if (!in_file(elf->phoff, phbytes, elf->file_size))
        FAIL(LU_EXIT_NOEXEC, "%s: truncated program headers", path);

    uint8_t *raw = g_malloc(phbytes);
    if (!read_at(elf->fd, raw, phbytes, elf->phoff)) {
        g_free(raw);
        FAIL(LU_EXIT_NOEXEC, "%s: cannot read program headers", path);
    }
    elf->ph = g_new0(LuPhdr, elf->phnum);
    for (unsigned i = 0; i < elf->phnum; i++)
        read_phdr(raw + (size_t)i * phsize, elf->is64, be, &elf->ph[i]);
    g_free(raw);
    return check_phdrs(path, elf, err, errlen);
}

void lu_elf_close(LuElf *elf)
{
    if (elf->fd >= 0)
        close(elf->fd);
    g_free(elf->ph);
    g_free(elf->interp);
    g_free(elf->path);
    elf->path = NULL;
    elf->fd = -1;
    elf->ph = NULL;
    elf->interp = NULL;
}

/* ---- mapping ----------------------------------------------------------- */

#undef FAIL
#define FAIL(status, ...)                   \
    do {                                    \
        snprintf(err, errlen, __VA_ARGS__); \
        return (status);                    \
    } while (0)

static int prot_of(uint32_t pflags)
{
    return ((pflags & PF_R) ? PROT_READ : 0) | ((pflags & PF_W) ? PROT_WRITE : 0) |
           ((pflags & PF_X) ? PROT_EXEC : 0);
}

/* Highest address a loaded image may reach: below the stack's guard. */
static uint64_t image_limit(void)
{
    if (lu_proc.space_size == ((uint64_t)1 << 32))
        return LU_STACK_TOP32 - LU_STACK_SIZE - LU_PAGE_SIZE;
    return lu_proc.space_size;
}

/* What one loaded ELF image gives its caller. */
typedef struct Loaded {
    uint64_t bias, lo, hi; /* page-aligned span [lo, hi) before bias */
    uint64_t phdr;         /* guest address of the program headers, 0 if not loaded */
} Loaded;

/* Bring in a segment's file bytes and the `head` bytes of the file in
 * front of it, at bias. Whole pages of them are mapped from the file
 * (private: read on first touch, copied on first write), which spares
 * start-up reading images it mostly never touches; a first page shared
 * with the previous segment and the last partial page, whose rest is the
 * zero fill, are read into the anonymous pages already there. */
static bool load_segment(const LuElf *elf, const LuPhdr *ph, uint64_t bias, uint64_t head)
{
    uint64_t start = ph->vaddr - head, off = ph->offset - head, end = ph->vaddr + ph->filesz;
    uint64_t whole_end = LU_PAGE_DOWN(end);
    if (!(start & LU_PAGE_MASK) && !(off & LU_PAGE_MASK) && whole_end > start) {
        if (lu_mmap(start + bias, whole_end - start, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED,
                    elf->fd, (int64_t)off) < 0)
            return false;
        off += whole_end - start;
        start = whole_end;
    }
    return start == end || read_at(elf->fd, lu_g2h(start + bias), end - start, off);
}

/* Map the PT_LOAD segments of elf; is_interp places an ET_DYN in the mmap
 * area instead of at the PIE base. */
static int map_image(const LuElf *elf, bool is_interp, Loaded *out, char *err,
                     size_t errlen)
{
    const char *path = elf->path;
    uint64_t lo = UINT64_MAX, hi = 0, align = LU_PAGE_SIZE;
    for (unsigned i = 0; i < elf->phnum; i++) {
        const LuPhdr *ph = &elf->ph[i];
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        lo = MIN(lo, LU_PAGE_DOWN(ph->vaddr));
        hi = MAX(hi, LU_PAGE_UP(ph->vaddr + ph->memsz));
        if (ph->align > align && ph->align <= LU_MAX_LOAD_ALIGN)
            align = ph->align;
    }
    uint64_t limit = image_limit(), span = hi - lo, bias = 0;
    if (span > limit)
        FAIL(LU_EXIT_NOEXEC, "%s: segments larger than the guest address space", path);
    if (elf->type == ET_DYN) {
        uint64_t want = 0;
        if (!is_interp && lu_range_free(LU_ET_DYN_BASE32, span) && LU_ET_DYN_BASE32 + span <= limit)
            want = LU_ET_DYN_BASE32;
        if (!want) {
            uint64_t a = lu_find_free(span + align, is_interp ? lu_proc.mmap_base : LU_MMAP_MIN, limit);
            if (!a)
                a = lu_find_free(span + align, LU_MMAP_MIN, limit);
            if (!a)
                FAIL(LU_EXIT_NOEXEC, "%s: no room in the guest address space", path);
            want = (a + align - 1) & ~(align - 1);
        }
        bias = want - lo;
    } else {
        if (hi > limit)
            FAIL(LU_EXIT_NOEXEC, "%s: segment outside the guest address space", path);
        if (!lu_range_free(lo, span))
            FAIL(LU_EXIT_NOEXEC, "%s: segments overlap memory already in use", path);
    }
    uint64_t base = lo + bias;
    /* Folded slices leave a large hole between segments: reserve, not commit. */
    int reserve = lu_proc.addr_fold ? MAP_NORESERVE : 0;
    int64_t r = lu_mmap(base, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | reserve, -1, 0);
    if (r < 0)
        FAIL(LU_EXIT_NOEXEC, "%s: cannot map segments: %s", path, strerror((int)-r));

    /* Bring file bytes in; a segment also brings the file bytes in front of it
     * on its first page (as the kernel's mmap does), down to the end of the
     * previous segment. */
    uint8_t *page_prot = g_malloc0(span >> LU_PAGE_BITS);
    uint64_t prev_end = lo;
    for (unsigned i = 0; i < elf->phnum; i++) {
        const LuPhdr *ph = &elf->ph[i];
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        uint64_t head = ph->vaddr - MAX(LU_PAGE_DOWN(ph->vaddr), prev_end);
        if ((ph->vaddr & LU_PAGE_MASK) != (ph->offset & LU_PAGE_MASK) || head > ph->offset || ph->filesz == 0)
            head = 0;
        if (!load_segment(elf, ph, bias, head)) {
            g_free(page_prot);
            lu_munmap(base, span);
            FAIL(LU_EXIT_NOEXEC, "%s: cannot read segment %u", path, i);
        }
        uint64_t p0 = (LU_PAGE_DOWN(ph->vaddr) - lo) >> LU_PAGE_BITS;
        uint64_t p1 = (LU_PAGE_UP(ph->vaddr + ph->memsz) - lo) >> LU_PAGE_BITS;
        for (uint64_t p = p0; p < p1; p++)
            page_prot[p] |= (uint8_t)(prot_of(ph->flags) | LU_PAGE_MAPPED);
        prev_end = ph->vaddr + ph->memsz;
    }

    /* Apply protections in runs of equal value; holes go back unmapped. */
    uint64_t npages = span >> LU_PAGE_BITS;
    for (uint64_t p = 0; p < npages;) {
        uint64_t q = p;
        while (q < npages && page_prot[q] == page_prot[p])
            q++;
        uint64_t a = base + (p << LU_PAGE_BITS), len = (q - p) << LU_PAGE_BITS;
        if (page_prot[p] & LU_PAGE_MAPPED)
            lu_mprotect(a, len, page_prot[p] & ~LU_PAGE_MAPPED);
        else
            lu_munmap(a, len);
        p = q;
    }
    g_free(page_prot);

    out->bias = bias;
    out->lo = lo;
    out->hi = hi;
    out->phdr = 0;
    for (unsigned i = 0; i < elf->phnum; i++) {
        if (elf->ph[i].type == PT_PHDR) {
            out->phdr = elf->ph[i].vaddr + bias;
            break;
        }
    }
    uint64_t phbytes = (uint64_t)elf->phnum * elf->phentsize;
    for (unsigned i = 0; !out->phdr && i < elf->phnum; i++) {
        const LuPhdr *ph = &elf->ph[i];
        if (ph->type == PT_LOAD && elf->phoff >= ph->offset && phbytes <= ph->filesz &&
            elf->phoff - ph->offset <= ph->filesz - phbytes)
            out->phdr = ph->vaddr + (elf->phoff - ph->offset) + bias;
    }
    return 0;
}

static void code_data_bounds(const LuElf *elf, uint64_t bias, LuImage *img)
{
    img->start_code = UINT64_MAX;
    img->start_data = UINT64_MAX;
    img->end_code = img->end_data = 0;
    for (unsigned i = 0; i < elf->phnum; i++) {
        const LuPhdr *ph = &elf->ph[i];
        if (ph->type != PT_LOAD || ph->memsz == 0)
            continue;
        uint64_t s = ph->vaddr + bias, e = ph->vaddr + ph->filesz + bias;
        if (ph->flags & PF_X) {
            img->start_code = MIN(img->start_code, s);
            img->end_code = MAX(img->end_code, e);
        } else {
            img->start_data = MIN(img->start_data, s);
            img->end_data = MAX(img->end_data, e);
        }
    }
    if (img->start_code == UINT64_MAX)
        img->start_code = 0;
    if (img->start_data == UINT64_MAX)
        img->start_data = img->end_data = img->end_code;
}

/* The interpreter's file under the sysroot. A sysroot unpacked from
 * distribution packages holds absolute links (Debian's ppc64el libc6 has
 * /lib64/ld64.so.2 -> /lib/powerpc64le-linux-gnu/ld64.so.2), which mean
 * a file inside the sysroot, not the host's: follow them there. */
static char *interp_in_sysroot(const char *sysroot, const char *interp)
{
    char *guest = g_strdup(interp);
    char *host = g_build_filename(sysroot, guest, NULL);
    for (int hops = 0; hops < 8; hops++) {
        char target[PATH_MAX];
        ssize_t n = readlink(host, target, sizeof target - 1);
        if (n <= 0)
            break;
        target[n] = 0;
        char *next;
        if (target[0] == '/') {
            next = g_strdup(target);
        } else {
            char *dir = g_path_get_dirname(guest);
            next = g_build_filename(dir, target, NULL);
            g_free(dir);
        }
        g_free(guest);
        g_free(host);
        guest = next;
        host = g_build_filename(sysroot, guest, NULL);
    }
    g_free(guest);
    return host;
}

static int load_interp(const LuElf *prog, const char *sysroot, uint64_t *entry, uint64_t *base,
                       char *err, size_t errlen)
{
    char *path = sysroot && *sysroot ? interp_in_sysroot(sysroot, prog->interp) : g_strdup(prog->interp);
    LuElf ie;
    char ierr[PATH_MAX + 128];
    int st = lu_elf_open(path, &ie, ierr, sizeof ierr);
    if (st == LU_EXIT_NOTFOUND && sysroot && *sysroot) {
        /* Like qemu's -L: fall back to the host path when the sysroot lacks it. */
        char ferr[PATH_MAX + 128];
        if (lu_elf_open(prog->interp, &ie, ferr, sizeof ferr) == 0) {
            st = 0;
            g_free(path);
            path = g_strdup(prog->interp);
        }
    }
    if (st != 0) {
        snprintf(err, errlen, "cannot load interpreter: %s%s", ierr,
                 st == LU_EXIT_NOTFOUND ? " (use -L SYSROOT)" : "");
        g_free(path);
        return st;
    }
    if (ie.machine != prog->machine || ie.is64 != prog->is64 || ie.big_endian != prog->big_endian) {
        snprintf(err, errlen, "interpreter %s is for another machine", path);
        lu_elf_close(&ie);
        g_free(path);
        return LU_EXIT_NOEXEC;
    }
    Loaded li;
    st = map_image(&ie, true, &li, err, errlen);
    if (st == 0) {
        *entry = ie.entry + li.bias;
        *base = li.lo + li.bias;
    }
    lu_elf_close(&ie);
    g_free(path);
    return st;
}

int lu_elf_load(LuElf *elf, const char *sysroot, LuImage *img, char *err, size_t errlen)
{
    /* A guest with an address map (IA-64 regions) is laid out by its
     * folded addresses: its text and data regions become nearby slices
     * of the window (lu.h: LuProcess.addr_fold). */
    for (unsigned i = 0; lu_proc.addr_fold && i < elf->phnum; i++)
        elf->ph[i].vaddr = lu_addr_in(elf->ph[i].vaddr);
    memset(img, 0, sizeof *img);
    Loaded lp;
    int st = map_image(elf, false, &lp, err, errlen);
    if (st != 0)
        return st;
    img->load_bias = lp.bias;
    img->prog_entry = elf->entry + lp.bias;
    img->entry = img->prog_entry;
    img->phdr = lu_addr_out(lp.phdr);
    img->phent = elf->phentsize;
    img->phnum = elf->phnum;
    img->brk = lp.hi + lp.bias;
    if (lu_addr_in(img->prog_entry) >= lu_proc.space_size)
        FAIL(LU_EXIT_NOEXEC, "%s: entry point %#llx outside the guest address space", elf->path,
             (unsigned long long)img->prog_entry);
    code_data_bounds(elf, lp.bias, img);
    lu_proc.brk_start = lu_proc.brk_cur = lu_addr_in(img->brk);

    if (elf->interp) {
        st = load_interp(elf, sysroot, &img->entry, &img->interp_base, err, errlen);
        if (st != 0)
            return st;
    }
    return 0;
}
