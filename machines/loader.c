/* machines/loader.c — ELF and raw images into physical memory (see
 * loader.h). The ELF reader checks every offset and size against the
 * file before using it: a corrupt file is an error line, never a crash.
 */
#include "machines/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { ELF_CLASS32 = 1, ELF_CLASS64 = 2, ELF_DATA_LSB = 1, ELF_DATA_MSB = 2, ELF_PT_LOAD = 1 };
enum { EI_CLASS = 4, EI_DATA = 5, ELF_IDENT_SIZE = 16 };

/* Where the fields the loader needs sit in each ELF class: header
 * offsets, then program-header offsets; `word` is the width of
 * addresses, offsets and sizes. */
typedef struct ElfLayout {
    unsigned word;
    unsigned header_size, e_machine, e_entry, e_phoff, e_phentsize, e_phnum;
    unsigned ph_size, p_type, p_offset, p_paddr, p_filesz, p_memsz;
} ElfLayout;

static const ElfLayout elf32_layout = {4, 52, 18, 24, 28, 42, 44, 32, 0, 4, 12, 16, 20};
static const ElfLayout elf64_layout = {8, 64, 18, 24, 32, 54, 56, 56, 0, 8, 24, 32, 40};

/* The file's bytes, read whole, with its byte order for field reads. */
typedef struct ImageFile {
    const char *path;
    uint8_t *bytes;
    size_t size;
    bool big_endian;
} ImageFile;

static uint64_t field(const ImageFile *f, size_t off, unsigned width)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < width; i++) {
        unsigned byte = f->big_endian ? i : width - 1 - i;
        v = v << 8 | f->bytes[off + byte];
    }
    return v;
}

static bool read_whole_file(const char *path, ImageFile *f, GError **err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        g_set_error(err, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot open %s: %s", path,
                    g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode) || st.st_size == 0) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", path,
                    S_ISREG(st.st_mode) ? "empty file" : "not a regular file");
        close(fd);
        return false;
    }
    *f = (ImageFile){.path = path, .size = (size_t)st.st_size, .bytes = g_malloc((size_t)st.st_size)};
    size_t done = 0;
    while (done < f->size) {
        ssize_t n = read(fd, f->bytes + done, f->size - done);
        if (n <= 0) {
            g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_IO, "cannot read %s: %s", path,
                        n < 0 ? g_strerror(errno) : "file shrank while read");
            close(fd);
            g_free(f->bytes);
            return false;
        }
        done += (size_t)n;
    }
    close(fd);
    return true;
}

static LoadedImage *image_new(const char *path, bool is_elf)
{
    LoadedImage *img = g_new0(LoadedImage, 1);
    img->path = g_strdup(path);
    img->is_elf = is_elf;
    img->low = UINT64_MAX;
    img->chunks = g_array_new(FALSE, FALSE, sizeof(LoadedChunk));
    return img;
}

/* Record [paddr, paddr+mem_size) with its first file_size bytes from
 * bytes; false (error set) if it is not all RAM or ROM. */
static bool add_chunk(AddressSpace *as, LoadedImage *img, uint64_t paddr, const uint8_t *bytes,
                      uint64_t file_size, uint64_t mem_size, GError **err)
{
    if (paddr + mem_size < paddr || !as_host_ptr(as, paddr, mem_size)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: 0x%" PRIx64 " bytes at physical 0x%" PRIx64 " lie outside RAM and ROM", img->path,
                    mem_size, paddr);
        return false;
    }
    LoadedChunk c = {.paddr = paddr, .mem_size = mem_size, .data = g_bytes_new(bytes, file_size)};
    g_array_append_val(img->chunks, c);
    img->low = MIN(img->low, paddr);
    img->high = MAX(img->high, paddr + mem_size);
    return true;
}

static bool elf_error(GError **err, const ImageFile *f, const char *what)
{
    g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: %s", f->path, what);
    return false;
}

static bool load_elf_segments(AddressSpace *as, const ImageFile *f, const LoaderTarget *target,
                              LoadedImage *img, GError **err)
{
    if (f->size < ELF_IDENT_SIZE)
        return elf_error(err, f, "truncated ELF header");
    uint8_t cls = f->bytes[EI_CLASS];
    if ((cls != ELF_CLASS32 && cls != ELF_CLASS64) ||
        (f->bytes[EI_DATA] != ELF_DATA_LSB && f->bytes[EI_DATA] != ELF_DATA_MSB))
        return elf_error(err, f, "not a valid ELF file (bad class or byte order)");
    const ElfLayout *l = cls == ELF_CLASS64 ? &elf64_layout : &elf32_layout;
    if (f->size < l->header_size)
        return elf_error(err, f, "truncated ELF header");
    unsigned machine = (unsigned)field(f, l->e_machine, 2);
    if (machine != target->elf_machine) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "%s: an ELF file for machine %u, not for this board's (%u)", f->path, machine,
                    target->elf_machine);
        return false;
    }
    img->entry = field(f, l->e_entry, l->word);
    uint64_t phoff = field(f, l->e_phoff, l->word);
    uint64_t phentsize = field(f, l->e_phentsize, 2), phnum = field(f, l->e_phnum, 2);
    if (phentsize < l->ph_size || phoff > f->size || phnum > (f->size - phoff) / phentsize)
        return elf_error(err, f, "program headers outside the file");
    for (uint64_t i = 0; i < phnum; i++) {
        size_t ph = (size_t)(phoff + i * phentsize);
        if (field(f, ph + l->p_type, 4) != ELF_PT_LOAD)
            continue;
        uint64_t offset = field(f, ph + l->p_offset, l->word);
        uint64_t paddr = field(f, ph + l->p_paddr, l->word);
        uint64_t file_size = field(f, ph + l->p_filesz, l->word);
        uint64_t mem_size = field(f, ph + l->p_memsz, l->word);
        if (file_size > mem_size || offset > f->size || file_size > f->size - offset)
            return elf_error(err, f, "a segment's bytes lie outside the file");
        if (mem_size && !add_chunk(as, img, paddr, f->bytes + offset, file_size, mem_size, err))
            return false;
    }
    if (img->chunks->len == 0)
        return elf_error(err, f, "no loadable segment");
    return true;
}

static LoadedImage *finish(AddressSpace *as, ImageFile *f, LoadedImage *img, bool ok)
{
    g_free(f->bytes);
    if (!ok) {
        loader_free(img);
        return NULL;
    }
    loader_reload(as, img);
    return img;
}

LoadedImage *loader_load(AddressSpace *as, const char *path, const LoaderTarget *target, GError **err)
{
    ImageFile f;
    if (!read_whole_file(path, &f, err))
        return NULL;
    static const uint8_t elf_magic[4] = {0x7f, 'E', 'L', 'F'};
    bool is_elf = f.size >= sizeof elf_magic && memcmp(f.bytes, elf_magic, sizeof elf_magic) == 0;
    LoadedImage *img = image_new(path, is_elf);
    bool ok;
    if (is_elf) {
        f.big_endian = f.size > EI_DATA && f.bytes[EI_DATA] == ELF_DATA_MSB;
        ok = load_elf_segments(as, &f, target, img, err);
    } else {
        img->entry = target->raw_addr;
        ok = add_chunk(as, img, target->raw_addr, f.bytes, f.size, f.size, err);
    }
    return finish(as, &f, img, ok);
}

LoadedImage *loader_load_raw(AddressSpace *as, const char *path, uint64_t paddr, GError **err)
{
    ImageFile f;
    if (!read_whole_file(path, &f, err))
        return NULL;
    LoadedImage *img = image_new(path, false);
    img->entry = paddr;
    return finish(as, &f, img, add_chunk(as, img, paddr, f.bytes, f.size, f.size, err));
}

GBytes *loader_read_file(const char *path, GError **err)
{
    ImageFile f;
    if (!read_whole_file(path, &f, err))
        return NULL;
    return g_bytes_new_take(f.bytes, f.size);
}

void loader_reload(AddressSpace *as, const LoadedImage *img)
{
    for (guint i = 0; i < img->chunks->len; i++) {
        const LoadedChunk *c = &g_array_index(img->chunks, LoadedChunk, i);
        gsize file_size;
        const uint8_t *bytes = g_bytes_get_data(c->data, &file_size);
        uint8_t *host = as_host_ptr(as, c->paddr, c->mem_size);
        memcpy(host, bytes, file_size);
        memset(host + file_size, 0, c->mem_size - file_size);
    }
}

void loader_free(LoadedImage *img)
{
    if (!img)
        return;
    for (guint i = 0; i < img->chunks->len; i++)
        g_bytes_unref(g_array_index(img->chunks, LoadedChunk, i).data);
    g_array_free(img->chunks, TRUE);
    g_free(img->path);
    g_free(img);
}
