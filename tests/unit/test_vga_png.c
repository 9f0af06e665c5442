/* tests/unit/test_vga_png.c — the PC's display: the PNG encoder (util/png.c)
 * read back by a decoder of the test's own (its CRC-32 and unfiltering
 * written from the PNG specification, zlib's uncompress for the data);
 * the VGA's registers driven through a port address space as a CPU's
 * in/out reach them (IBM VGA Technical Reference, FreeVGA); the renderer
 * (machines/display.c) on text, mode 13h, planar 16-colour and Bochs VBE
 * modes set up register by register the way a VGA BIOS does; and the
 * SDL keyboard table against the IBM PC AT scancode set 1.
 *
 * Colours: the DAC's 6-bit levels are fractions of full scale, v/63, so
 * 63, 42 and 21 are 0xFF, 0xAA and 0x55 in 8 bits (the renderer widens
 * by repeating the top bits, v << 2 | v >> 4, exact for these). QEMU
 * shifts instead (42 -> 0xA8): compare screens with it by shape.
 */
#include <string.h>
#include <unistd.h>

#include <SDL.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "ir/ir.h"
#include "machines/display.h"
#include "machines/display_sdl.h"
#include "machines/devices/vga.h"
#include "softmmu/memory.h"
#include "util/png.h"

/* ---- a PNG decoder of the test's own --------------------------------------- */

/* CRC-32 of the PNG specification (annex D), bit by bit. */
static uint32_t spec_crc32(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xffffffffu;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

typedef struct Decoded {
    unsigned width, height, channels;
    uint32_t *pixels; /* 0xAARRGGBB; alpha 0xFF for RGB */
    const char *chunk_order[8];
    unsigned chunks;
} Decoded;

/* Check the signature and every chunk's CRC, take IHDR and IDAT, undo
 * filters None and Sub. */
static void png_decode(const uint8_t *png, size_t len, Decoded *d)
{
    static const uint8_t signature[8] = {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A};
    g_assert_cmpuint(len, >, 8);
    g_assert_cmpmem(png, 8, signature, 8);
    GByteArray *idat = g_byte_array_new();
    size_t at = 8;
    memset(d, 0, sizeof *d);
    while (at < len) {
        g_assert_cmpuint(at + 12, <=, len);
        uint32_t n = be32(png + at);
        const uint8_t *type = png + at + 4, *data = png + at + 8;
        g_assert_cmpuint(at + 12 + n, <=, len);
        g_assert_cmphex(be32(data + n), ==, spec_crc32(type, 4 + n));
        g_assert_cmpuint(d->chunks, <, G_N_ELEMENTS(d->chunk_order));
        static const char *const names[] = {"IHDR", "IDAT", "IEND"};
        for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
            if (memcmp(type, names[i], 4) == 0)
                d->chunk_order[d->chunks] = names[i];
        }
        g_assert_nonnull(d->chunk_order[d->chunks]);
        d->chunks++;
        if (memcmp(type, "IHDR", 4) == 0) {
            g_assert_cmpuint(n, ==, 13);
            d->width = be32(data);
            d->height = be32(data + 4);
            g_assert_cmpuint(data[8], ==, 8); /* bit depth */
            g_assert_true(data[9] == 2 || data[9] == 6);
            d->channels = data[9] == 6 ? 4 : 3;
            g_assert_cmpuint(data[10] | data[11] | data[12], ==, 0);
        } else if (memcmp(type, "IDAT", 4) == 0) {
            g_byte_array_append(idat, data, n);
        }
        at += 12 + n;
    }
    size_t row = 1 + (size_t)d->width * d->channels;
    uLongf raw_len = row * d->height;
    uint8_t *raw = g_malloc(raw_len + 1);
    g_assert_cmpint(uncompress(raw, &raw_len, idat->data, idat->len), ==, Z_OK);
    g_assert_cmpuint(raw_len, ==, row * d->height);
    d->pixels = g_new(uint32_t, (size_t)d->width * d->height);
    for (unsigned y = 0; y < d->height; y++) {
        uint8_t *r = raw + y * row, *s = r + 1;
        g_assert_cmpuint(r[0], <=, 1); /* None or Sub */
        for (size_t i = d->channels; r[0] == 1 && i < row - 1; i++)
            s[i] = (uint8_t)(s[i] + s[i - d->channels]);
        for (unsigned x = 0; x < d->width; x++) {
            const uint8_t *p = s + (size_t)x * d->channels;
            uint32_t a = d->channels == 4 ? p[3] : 0xff;
            d->pixels[y * d->width + x] = a << 24 | (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
        }
    }
    g_free(raw);
    g_byte_array_free(idat, TRUE);
}

/* A picture with smooth and noisy rows, so that both filters occur. */
static uint32_t *test_picture(unsigned w, unsigned h)
{
    uint32_t *px = g_new(uint32_t, (size_t)w * h);
    uint32_t noise = 12345;
    for (unsigned y = 0; y < h; y++) {
        for (unsigned x = 0; x < w; x++) {
            noise = noise * 1103515245u + 12345u;
            px[y * w + x] = y % 2 ? noise : (x * 7u) << 24 | (x * 3u) << 16 | (y * 5u) << 8 | (x + y);
        }
    }
    return px;
}

static void check_round_trip(bool alpha)
{
    enum { W = 37, H = 23 };
    uint32_t *px = test_picture(W, H);
    size_t len;
    uint8_t *png = png_encode(px, W, H, W, alpha, &len);
    Decoded d;
    png_decode(png, len, &d);
    g_assert_cmpuint(d.width, ==, W);
    g_assert_cmpuint(d.height, ==, H);
    g_assert_cmpuint(d.channels, ==, alpha ? 4 : 3);
    g_assert_cmpstr(d.chunk_order[0], ==, "IHDR");
    g_assert_cmpstr(d.chunk_order[d.chunks - 1], ==, "IEND");
    for (unsigned i = 0; i < W * H; i++)
        g_assert_cmphex(d.pixels[i], ==, alpha ? px[i] : (px[i] | 0xff000000u));
    g_free(d.pixels);
    g_free(png);
    g_free(px);
}

static void test_png_rgb(void) { check_round_trip(false); }
static void test_png_rgba(void) { check_round_trip(true); }

/* A 1x1 RGB image's IHDR and IEND chunks are the same bytes in every such
 * file (CRCs 0x907753DE and 0xAE426082). */
static void test_png_known_chunks(void)
{
    static const uint8_t head[] = {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                                   0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE};
    static const uint8_t tail[] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    uint32_t px = 0x00ff8000;
    size_t len;
    uint8_t *png = png_encode(&px, 1, 1, 1, false, &len);
    g_assert_cmpmem(png, sizeof head, head, sizeof head);
    g_assert_cmpmem(png + len - sizeof tail, sizeof tail, tail, sizeof tail);
    g_free(png);
}

/* A stride wider than the image: only each row's first pixels are taken. */
static void test_png_stride_and_file(void)
{
    uint32_t px[2 * 5] = {0x010203, 0x040506, 0xdead, 0xdead, 0xdead,
                          0x0a0b0c, 0x0d0e0f, 0xdead, 0xdead, 0xdead};
    g_autofree char *path = g_build_filename(g_get_tmp_dir(), "morph-test-png-XXXXXX.png", NULL);
    int fd = g_mkstemp(path);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    GError *err = NULL;
    g_assert_true(png_write_file(path, px, 2, 2, 5, false, &err));
    g_assert_no_error(err);
    gchar *data;
    gsize len;
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    Decoded d;
    png_decode((const uint8_t *)data, len, &d);
    static const uint32_t want[4] = {0xff010203, 0xff040506, 0xff0a0b0c, 0xff0d0e0f};
    g_assert_cmpmem(d.pixels, sizeof want, want, sizeof want);
    g_free(d.pixels);
    g_free(data);
    g_unlink(path);
    g_assert_false(png_write_file("/nonexistent-dir/x.png", px, 2, 2, 5, false, &err));
    g_assert_nonnull(err);
    g_error_free(err);
}

/* ---- the VGA through its ports ----------------------------------------------- */

typedef struct Rig {
    AddressSpace *mem, *ports;
    Vga *vga;
    Screen screen;
} Rig;

static void rig_up(Rig *r)
{
    r->mem = as_new();
    r->ports = as_new();
    r->vga = vga_new(NULL, r->mem, r->ports);
    r->screen = (Screen){0};
}

static void rig_down(Rig *r)
{
    screen_release(&r->screen);
    vga_free(r->vga);
    as_free(r->mem);
    as_free(r->ports);
}

static uint8_t in8(Rig *r, unsigned port) { return (uint8_t)as_ld(r->ports, port, IR_MO_8); }
static void out8(Rig *r, unsigned port, uint8_t v) { as_st(r->ports, port, v, IR_MO_8); }
static uint16_t in16(Rig *r, unsigned port) { return (uint16_t)as_ld(r->ports, port, IR_MO_16); }
static void out16(Rig *r, unsigned port, uint16_t v) { as_st(r->ports, port, v, IR_MO_16); }
static void mem8(Rig *r, uint64_t a, uint8_t v) { as_st(r->mem, a, v, IR_MO_8); }
static uint8_t rd8(Rig *r, uint64_t a) { return (uint8_t)as_ld(r->mem, a, IR_MO_8); }

static void seq(Rig *r, uint8_t i, uint8_t v) { out8(r, 0x3C4, i); out8(r, 0x3C5, v); }
static void gc(Rig *r, uint8_t i, uint8_t v) { out8(r, 0x3CE, i); out8(r, 0x3CF, v); }
static void crtc(Rig *r, uint8_t i, uint8_t v) { out8(r, 0x3D4, i); out8(r, 0x3D5, v); }

static void ac(Rig *r, uint8_t i, uint8_t v)
{
    in8(r, 0x3DA); /* the flip-flop to "index" */
    out8(r, 0x3C0, i);
    out8(r, 0x3C0, v);
}

static void dac(Rig *r, uint8_t index, uint8_t red, uint8_t green, uint8_t blue)
{
    out8(r, 0x3C8, index);
    out8(r, 0x3C9, red);
    out8(r, 0x3C9, green);
    out8(r, 0x3C9, blue);
}

/* Palette address source on: the screen shows. */
static void screen_on(Rig *r)
{
    in8(r, 0x3DA);
    out8(r, 0x3C0, 0x20);
}

static uint32_t pixel(const Rig *r, unsigned x, unsigned y)
{
    g_assert_cmpuint(x, <, r->screen.width);
    g_assert_cmpuint(y, <, r->screen.height);
    return r->screen.pixels[y * r->screen.width + x];
}

static void render(Rig *r)
{
    display_render(vga_state(r->vga), &r->screen);
}

static void test_vga_attribute_flip_flop(void)
{
    Rig r;
    rig_up(&r);
    out8(&r, 0x3C2, 0x01); /* colour: status 1 at 0x3DA */
    ac(&r, 0x05, 0x3f);
    out8(&r, 0x3C0, 0x05); /* index 5 ... */
    g_assert_cmphex(in8(&r, 0x3C1), ==, 0x3f);
    g_assert_cmphex(in8(&r, 0x3C0), ==, 0x05);
    in8(&r, 0x3DA);        /* ... abandoned: the next write is an index again */
    out8(&r, 0x3C0, 0x26);
    g_assert_cmphex(in8(&r, 0x3C0), ==, 0x26);
    out8(&r, 0x3C0, 0x11); /* data of register 6 */
    out8(&r, 0x3C0, 0x05); /* an index */
    g_assert_cmphex(in8(&r, 0x3C1), ==, 0x3f);
    in8(&r, 0x3DA);
    out8(&r, 0x3C0, 0x06);
    g_assert_cmphex(in8(&r, 0x3C1), ==, 0x11);
    /* Status 1 at 0x3BA is the mono one: with colour selected it does not
     * answer and leaves the flip-flop alone, so the next write is data. */
    g_assert_cmphex(in8(&r, 0x3BA), ==, 0xff);
    out8(&r, 0x3C0, 0x2A);
    g_assert_cmphex(in8(&r, 0x3C1), ==, 0x2A);
    rig_down(&r);
}

static void test_vga_dac_auto_increment(void)
{
    Rig r;
    rig_up(&r);
    out8(&r, 0x3C8, 10);
    static const uint8_t colors[6] = {1, 2, 3, 0x3f, 0x7f, 0xc0}; /* the DAC keeps 6 bits */
    for (int i = 0; i < 6; i++)
        out8(&r, 0x3C9, colors[i]);
    g_assert_cmpuint(in8(&r, 0x3C8), ==, 12);
    g_assert_cmpuint(in8(&r, 0x3C7) & 3, ==, 0); /* write mode */
    out8(&r, 0x3C7, 10);
    g_assert_cmpuint(in8(&r, 0x3C7) & 3, ==, 3); /* read mode */
    static const uint8_t want[6] = {1, 2, 3, 0x3f, 0x3f, 0x00};
    for (int i = 0; i < 6; i++)
        g_assert_cmphex(in8(&r, 0x3C9), ==, want[i]);
    g_assert_cmphex(in8(&r, 0x3C9), ==, 0); /* entry 12, never written */
    rig_down(&r);
}

static void test_vga_crtc_and_mono_colour(void)
{
    Rig r;
    rig_up(&r);
    out8(&r, 0x3C2, 0x00); /* mono: the CRTC at 0x3B4/0x3B5 */
    out8(&r, 0x3B4, 0x0E);
    out8(&r, 0x3B5, 0x12);
    g_assert_cmphex(in8(&r, 0x3B5), ==, 0x12);
    g_assert_cmphex(in8(&r, 0x3D5), ==, 0xff);
    out8(&r, 0x3C2, 0x67);
    g_assert_cmphex(in8(&r, 0x3CC), ==, 0x67);
    g_assert_cmphex(in8(&r, 0x3B5), ==, 0xff);
    out8(&r, 0x3D4, 0x0E);
    g_assert_cmphex(in8(&r, 0x3D4), ==, 0x0E);
    g_assert_cmphex(in8(&r, 0x3D5), ==, 0x12);
    /* A word to an index port is index, then data. */
    out16(&r, 0x3D4, 0x340F);
    g_assert_cmphex(in8(&r, 0x3D5), ==, 0x34);
    out16(&r, 0x3C4, 0x0F02);
    out8(&r, 0x3C4, 0x02);
    g_assert_cmphex(in8(&r, 0x3C5), ==, 0x0F);
    /* Protect (vertical retrace end bit 7): registers 0-7 read-only, but
     * the overflow register's line compare bit 4. */
    crtc(&r, 0x01, 0x4F);
    crtc(&r, 0x07, 0x00);
    crtc(&r, 0x11, 0x80);
    crtc(&r, 0x01, 0x27);
    crtc(&r, 0x07, 0xFF);
    out8(&r, 0x3D4, 0x01);
    g_assert_cmphex(in8(&r, 0x3D5), ==, 0x4F);
    out8(&r, 0x3D4, 0x07);
    g_assert_cmphex(in8(&r, 0x3D5), ==, 0x10);
    rig_down(&r);
}

/* Status 1: a loop waiting for either edge of vertical retrace ends. */
static void test_vga_status_toggles(void)
{
    Rig r;
    rig_up(&r);
    out8(&r, 0x3C2, 0x01);
    uint8_t a = in8(&r, 0x3DA), b = in8(&r, 0x3DA);
    g_assert_cmphex((a ^ b) & 0x09, ==, 0x09);
    rig_down(&r);
}

/* ---- text mode -------------------------------------------------------------- */

/* Mode 3 (80x25, 9x16 cells, 720x400), register values of the IBM VGA
 * Technical Reference's mode table. */
static void set_mode3(Rig *r)
{
    static const uint8_t seq_regs[5] = {0x03, 0x00, 0x03, 0x00, 0x02};
    static const uint8_t crtc_regs[25] = {0x5F, 0x4F, 0x50, 0x82, 0x55, 0x81, 0xBF, 0x1F, 0x00,
                                          0x4F, 0x0D, 0x0E, 0x00, 0x00, 0x00, 0x00, 0x9C, 0x8E,
                                          0x8F, 0x28, 0x1F, 0x96, 0xB9, 0xA3, 0xFF};
    static const uint8_t gc_regs[9] = {0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x0E, 0x00, 0xFF};
    static const uint8_t ac_regs[21] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x14, 0x07, 0x38, 0x39, 0x3A,
                                        0x3B, 0x3C, 0x3D, 0x3E, 0x3F, 0x0C, 0x00, 0x0F, 0x08, 0x00};
    out8(r, 0x3C2, 0x67);
    for (unsigned i = 0; i < 5; i++)
        seq(r, i, seq_regs[i]);
    for (unsigned i = 0; i < 25; i++)
        crtc(r, i, crtc_regs[i]);
    for (unsigned i = 0; i < 9; i++)
        gc(r, i, gc_regs[i]);
    for (unsigned i = 0; i < 21; i++)
        ac(r, i, ac_regs[i]);
    screen_on(r);
}

/* Plane 2 opened for the font and closed again, as a VGA BIOS does. */
static void load_glyph(Rig *r, uint8_t ch, const uint8_t rows[16])
{
    seq(r, 0x02, 0x04); /* write plane 2 only */
    seq(r, 0x04, 0x07); /* sequential addressing */
    gc(r, 0x04, 0x02);  /* read plane 2 */
    gc(r, 0x05, 0x00);
    gc(r, 0x06, 0x04);  /* A0000, 64 KiB, no odd/even */
    for (unsigned i = 0; i < 16; i++)
        mem8(r, 0xA0000 + ch * 32u + i, rows[i]);
    for (unsigned i = 0; i < 16; i++)
        g_assert_cmphex(rd8(r, 0xA0000 + ch * 32u + i), ==, rows[i]);
    seq(r, 0x02, 0x03);
    seq(r, 0x04, 0x03);
    gc(r, 0x04, 0x00);
    gc(r, 0x05, 0x10);
    gc(r, 0x06, 0x0E);  /* B8000, odd/even */
}

static const uint8_t glyph_a[16] = {0x00, 0x00, 0x10, 0x38, 0x6C, 0xC6, 0xC6, 0xFE,
                                    0xC6, 0xC6, 0xC6, 0xC6, 0x00, 0x00, 0x00, 0x00};
static const uint8_t glyph_line[16] = {0, 0, 0, 0, 0, 0, 0, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0};

static void test_vga_text_render(void)
{
    Rig r;
    rig_up(&r);
    set_mode3(&r);
    load_glyph(&r, 'A', glyph_a);
    load_glyph(&r, 0xC4, glyph_line);
    dac(&r, 0x01, 0, 0, 42);   /* palette register 1: blue */
    dac(&r, 0x3E, 63, 63, 21); /* palette register 14: yellow */
    enum { COL = 5, ROW = 2 };
    uint32_t cell = 0xB8000 + (ROW * 80 + COL) * 2;
    mem8(&r, cell, 'A');
    mem8(&r, cell + 1, 0x1E); /* yellow on blue */
    mem8(&r, cell + 2, 0xC4); /* a line-graphics character: its 9th dot repeats */
    mem8(&r, cell + 3, 0x1E);
    g_assert_cmphex(rd8(&r, cell), ==, 'A');
    g_assert_cmphex(rd8(&r, cell + 1), ==, 0x1E);
    crtc(&r, 0x0A, 0x20);     /* cursor off */

    render(&r);
    g_assert_cmpuint(r.screen.width, ==, 720);
    g_assert_cmpuint(r.screen.height, ==, 400);
    const uint32_t yellow = 0xFFFF55, blue = 0x0000AA;
    for (unsigned line = 0; line < 16; line++) {
        for (unsigned x = 0; x < 9; x++) {
            bool on = x < 8 && (glyph_a[line] >> (7 - x) & 1);
            g_assert_cmphex(pixel(&r, COL * 9 + x, ROW * 16 + line), ==, on ? yellow : blue);
        }
    }
    g_assert_cmphex(pixel(&r, (COL + 1) * 9 + 7, ROW * 16 + 7), ==, yellow);
    g_assert_cmphex(pixel(&r, (COL + 1) * 9 + 8, ROW * 16 + 7), ==, yellow);
    ac(&r, 0x10, 0x08); /* line graphics off: the 9th dot is background */
    screen_on(&r);
    render(&r);
    g_assert_cmphex(pixel(&r, (COL + 1) * 9 + 8, ROW * 16 + 7), ==, blue);

    uint16_t cells[80 * 25];
    unsigned cols, rows;
    g_assert_true(vga_text_screen(r.vga, cells, G_N_ELEMENTS(cells), &cols, &rows));
    g_assert_cmpuint(cols, ==, 80);
    g_assert_cmpuint(rows, ==, 25);
    g_assert_cmphex(cells[ROW * 80 + COL], ==, 0x1E00 | 'A');
    g_assert_cmphex(cells[ROW * 80 + COL + 1], ==, 0x1EC4);
    rig_down(&r);
}

/* The cursor: scan lines 13-14 of its cell in the foreground colour. */
static void test_vga_text_cursor_and_blanking(void)
{
    Rig r;
    rig_up(&r);
    set_mode3(&r);
    dac(&r, 0x07, 42, 42, 42);
    enum { CELL = 3 * 80 + 10 };
    mem8(&r, 0xB8000 + CELL * 2 + 1, 0x07);
    crtc(&r, 0x0E, CELL >> 8);
    crtc(&r, 0x0F, CELL & 0xff);
    render(&r);
    for (unsigned line = 0; line < 16; line++) {
        uint32_t want = line == 13 || line == 14 ? 0xAAAAAA : 0x000000;
        g_assert_cmphex(pixel(&r, 10 * 9 + 4, 3 * 16 + line), ==, want);
    }
    /* The palette address source cleared by an index write: the screen
     * goes black. */
    in8(&r, 0x3DA);
    out8(&r, 0x3C0, 0x00);
    render(&r);
    g_assert_cmphex(pixel(&r, 10 * 9 + 4, 3 * 16 + 13), ==, 0);
    rig_down(&r);
}

/* ---- graphics modes -------------------------------------------------------- */

/* Mode 13h: 320x200, chain-4, one byte per pixel. */
static void test_vga_mode13h(void)
{
    static const uint8_t crtc_regs[25] = {0x5F, 0x4F, 0x50, 0x82, 0x54, 0x80, 0xBF, 0x1F, 0x00,
                                          0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x9C, 0x8E,
                                          0x8F, 0x28, 0x40, 0x96, 0xB9, 0xA3, 0xFF};
    Rig r;
    rig_up(&r);
    out8(&r, 0x3C2, 0x63);
    seq(&r, 0x01, 0x01);
    seq(&r, 0x02, 0x0F);
    seq(&r, 0x04, 0x0E);
    for (unsigned i = 0; i < 25; i++)
        crtc(&r, i, crtc_regs[i]);
    gc(&r, 0x05, 0x40);
    gc(&r, 0x06, 0x05);
    for (unsigned i = 0; i < 16; i++)
        ac(&r, i, i);
    ac(&r, 0x10, 0x41);
    ac(&r, 0x12, 0x0F);
    screen_on(&r);
    dac(&r, 0x2A, 10, 20, 30);
    mem8(&r, 0xA0000 + 123 * 320 + 201, 0x2A);
    g_assert_cmphex(rd8(&r, 0xA0000 + 123 * 320 + 201), ==, 0x2A);
    render(&r);
    g_assert_cmpuint(r.screen.width, ==, 320);
    g_assert_cmpuint(r.screen.height, ==, 200);
    g_assert_cmphex(pixel(&r, 201, 123), ==, 0x285179);
    g_assert_cmphex(pixel(&r, 202, 123), ==, 0);
    rig_down(&r);
}

/* Mode 12h (640x480, 16 colours): write mode 0 with set/reset and a bit
 * mask, write mode 2, read mode 1 (colour compare). */
static void test_vga_planar(void)
{
    Rig r;
    rig_up(&r);
    out8(&r, 0x3C2, 0xE3);
    seq(&r, 0x01, 0x01);
    seq(&r, 0x02, 0x0F);
    seq(&r, 0x04, 0x06);
    crtc(&r, 0x01, 0x4F);
    crtc(&r, 0x07, 0x3E);
    crtc(&r, 0x09, 0x40);
    crtc(&r, 0x12, 0xDF);
    crtc(&r, 0x13, 0x28);
    gc(&r, 0x05, 0x00);
    gc(&r, 0x06, 0x05);
    for (unsigned i = 0; i < 16; i++)
        ac(&r, i, i);
    ac(&r, 0x10, 0x01);
    ac(&r, 0x12, 0x0F);
    screen_on(&r);
    dac(&r, 0x0C, 63, 21, 21);
    dac(&r, 0x09, 21, 21, 63);

    /* Write mode 0, set/reset 0xC in all planes, bit mask: pixel 0. */
    gc(&r, 0x00, 0x0C);
    gc(&r, 0x01, 0x0F);
    gc(&r, 0x08, 0x80);
    rd8(&r, 0xA0000 + 10 * 80 + 3); /* latches */
    mem8(&r, 0xA0000 + 10 * 80 + 3, 0x00);
    /* Write mode 2: colour 9 in the pixels bit mask 0x01 leaves (pixel 7). */
    gc(&r, 0x01, 0x00);
    gc(&r, 0x05, 0x02);
    gc(&r, 0x08, 0x01);
    rd8(&r, 0xA0000 + 10 * 80 + 3);
    mem8(&r, 0xA0000 + 10 * 80 + 3, 0x09);

    render(&r);
    g_assert_cmpuint(r.screen.width, ==, 640);
    g_assert_cmpuint(r.screen.height, ==, 480);
    g_assert_cmphex(pixel(&r, 24, 10), ==, 0xFF5555);
    g_assert_cmphex(pixel(&r, 25, 10), ==, 0);
    g_assert_cmphex(pixel(&r, 31, 10), ==, 0x5555FF);

    /* Read mode 1: which pixels of the byte have colour 9? */
    gc(&r, 0x05, 0x08);
    gc(&r, 0x02, 0x09);
    gc(&r, 0x07, 0x0F);
    g_assert_cmphex(rd8(&r, 0xA0000 + 10 * 80 + 3), ==, 0x01);
    gc(&r, 0x02, 0x00);
    g_assert_cmphex(rd8(&r, 0xA0000 + 10 * 80 + 3), ==, 0x7E);
    rig_down(&r);
}

/* ---- Bochs VBE ----------------------------------------------------------------- */

static void vbe_write(Rig *r, uint16_t index, uint16_t value)
{
    out16(r, 0x1CE, index);
    out16(r, 0x1CF, value);
}

static uint16_t vbe_read(Rig *r, uint16_t index)
{
    out16(r, 0x1CE, index);
    return in16(r, 0x1CF);
}

static void test_vbe_registers(void)
{
    Rig r;
    rig_up(&r);
    g_assert_cmphex(vbe_read(&r, VBE_ID), ==, 0xB0C5);
    vbe_write(&r, VBE_ID, 0xB0C0);
    g_assert_cmphex(vbe_read(&r, VBE_ID), ==, 0xB0C0);
    vbe_write(&r, VBE_ID, 0x1234);
    g_assert_cmphex(vbe_read(&r, VBE_ID), ==, 0xB0C0);
    g_assert_cmpuint(vbe_read(&r, VBE_VIDEO_MEMORY_64K), ==, 256);
    vbe_write(&r, VBE_XRES, 1024);
    vbe_write(&r, VBE_ENABLE, VBE_GETCAPS);
    g_assert_cmpuint(vbe_read(&r, VBE_XRES), >=, 1024);
    g_assert_cmpuint(vbe_read(&r, VBE_BPP), ==, 32);
    vbe_write(&r, VBE_ENABLE, 0);
    g_assert_cmpuint(vbe_read(&r, VBE_XRES), ==, 1024);
    rig_down(&r);
}

static void test_vbe_32bpp_lfb_and_banks(void)
{
    Rig r;
    rig_up(&r);
    vbe_write(&r, VBE_XRES, 64);
    vbe_write(&r, VBE_YRES, 48);
    vbe_write(&r, VBE_BPP, 32);
    vbe_write(&r, VBE_ENABLE, VBE_ENABLED | VBE_LFB_ENABLED);
    g_assert_cmpuint(vbe_read(&r, VBE_VIRT_WIDTH), ==, 64);
    as_st(r.mem, VGA_LFB_BASE + (17 * 64 + 9) * 4, 0x00112233, IR_MO_32);
    render(&r);
    g_assert_cmpuint(r.screen.width, ==, 64);
    g_assert_cmpuint(r.screen.height, ==, 48);
    g_assert_cmphex(pixel(&r, 9, 17), ==, 0x112233);
    g_assert_cmphex(pixel(&r, 10, 17), ==, 0);

    /* The A0000 window shows the bank's 64 KiB of the framebuffer. */
    vbe_write(&r, VBE_BANK, 1);
    mem8(&r, 0xA0000 + 4, 0x77);
    g_assert_cmphex(as_ld(r.mem, VGA_LFB_BASE + 0x10004, IR_MO_8), ==, 0x77);

    /* Panning: the picture starts at the offsets. */
    vbe_write(&r, VBE_VIRT_WIDTH, 128);
    vbe_write(&r, VBE_X_OFFSET, 2);
    vbe_write(&r, VBE_Y_OFFSET, 1);
    as_st(r.mem, VGA_LFB_BASE + (1 * 128 + 2) * 4, 0x00abcdef, IR_MO_32);
    render(&r);
    g_assert_cmphex(pixel(&r, 0, 0), ==, 0xabcdef);
    rig_down(&r);
}

static void test_vbe_16bpp_and_8bpp(void)
{
    Rig r;
    rig_up(&r);
    vbe_write(&r, VBE_XRES, 16);
    vbe_write(&r, VBE_YRES, 8);
    vbe_write(&r, VBE_BPP, 16);
    vbe_write(&r, VBE_ENABLE, VBE_ENABLED | VBE_LFB_ENABLED);
    as_st(r.mem, VGA_LFB_BASE + 0, 0xF800, IR_MO_16); /* 5-6-5 red */
    as_st(r.mem, VGA_LFB_BASE + 2, 0x07E0, IR_MO_16); /* green */
    render(&r);
    g_assert_cmphex(pixel(&r, 0, 0), ==, 0xFF0000);
    g_assert_cmphex(pixel(&r, 1, 0), ==, 0x00FF00);

    vbe_write(&r, VBE_ENABLE, 0);
    vbe_write(&r, VBE_BPP, 8);
    vbe_write(&r, VBE_ENABLE, VBE_ENABLED | VBE_LFB_ENABLED | VBE_8BIT_DAC);
    dac(&r, 5, 0x80, 0x40, 0xC0); /* an 8-bit DAC keeps all 8 bits */
    as_st(r.mem, VGA_LFB_BASE + 3, 5, IR_MO_8);
    render(&r);
    g_assert_cmphex(pixel(&r, 3, 0), ==, 0x8040C0);
    rig_down(&r);
}

/* A screendump is the rendered screen. */
static void test_display_screendump(void)
{
    Rig r;
    rig_up(&r);
    vbe_write(&r, VBE_XRES, 24);
    vbe_write(&r, VBE_YRES, 16);
    vbe_write(&r, VBE_BPP, 24);
    vbe_write(&r, VBE_ENABLE, VBE_ENABLED | VBE_LFB_ENABLED);
    for (unsigned i = 0; i < 24 * 16 * 3; i++)
        as_st(r.mem, VGA_LFB_BASE + i, (i * 37) & 0xff, IR_MO_8);
    MachineOptions opt = {.display = MACHINE_DISPLAY_NONE};
    BoardDesc board = {.name = "test", .has_display = true};
    Machine m = {.opt = &opt, .board = &board};
    GError *err = NULL;
    Display *d = display_new(&m, r.vga, NULL, NULL, &err);
    g_assert_no_error(err);
    g_autofree char *path = g_build_filename(g_get_tmp_dir(), "morph-test-dump-XXXXXX.png", NULL);
    int fd = g_mkstemp(path);
    close(fd);
    g_assert_true(display_screendump(d, path, &err));
    display_free(d);
    gchar *data;
    gsize len;
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    Decoded dec;
    png_decode((const uint8_t *)data, len, &dec);
    g_assert_cmpuint(dec.width, ==, 24);
    g_assert_cmpuint(dec.height, ==, 16);
    for (unsigned i = 0; i < 24 * 16; i++) {
        unsigned b = i * 3;
        uint32_t want = 0xff000000u | ((b + 2) * 37 & 0xff) << 16 | ((b + 1) * 37 & 0xff) << 8 | (b * 37 & 0xff);
        g_assert_cmphex(dec.pixels[i], ==, want);
    }
    g_free(dec.pixels);
    g_free(data);
    g_unlink(path);
    rig_down(&r);
}

/* Whatever a guest writes to the registers, the renderer stays inside
 * the VRAM and its image (run under -DMORPH_SANITIZE=ON to see it). */
static void test_display_random_registers(void)
{
    Rig r;
    rig_up(&r);
    GRand *rng = g_rand_new_with_seed(9);
    static const uint16_t ports[] = {0x3C0, 0x3C2, 0x3C4, 0x3C5, 0x3C6, 0x3C7, 0x3C8, 0x3C9,
                                     0x3CE, 0x3CF, 0x3D4, 0x3D5, 0x3DA, 0x3B4, 0x3B5};
    for (int round = 0; round < 60; round++) {
        for (int i = 0; i < 40; i++) {
            unsigned port = ports[g_rand_int_range(rng, 0, G_N_ELEMENTS(ports))];
            out8(&r, port, (uint8_t)g_rand_int(rng));
            mem8(&r, 0xA0000 + g_rand_int_range(rng, 0, 0x20000), (uint8_t)g_rand_int(rng));
            rd8(&r, 0xA0000 + g_rand_int_range(rng, 0, 0x20000));
        }
        if (round % 3 == 0)
            vbe_write(&r, g_rand_int_range(rng, 0, VBE_REG_COUNT + 1), (uint16_t)g_rand_int(rng));
        render(&r);
        g_assert_cmpuint(r.screen.width, >, 0);
        g_assert_cmpuint(r.screen.width, <=, 4096 * 2);
        g_assert_cmpuint(r.screen.height, <=, 4096 * 2);
    }
    g_rand_free(rng);
    rig_down(&r);
}

/* ---- the keyboard ------------------------------------------------------------ */

static void check_key(int sdl, bool down, const uint8_t *want, unsigned n)
{
    uint8_t out[4];
    g_assert_cmpuint(display_sdl_scancode(sdl, down, out), ==, n);
    g_assert_cmpmem(out, n, want, n);
}

static void test_sdl_scancodes(void)
{
    check_key(SDL_SCANCODE_A, true, (const uint8_t[]){0x1E}, 1);
    check_key(SDL_SCANCODE_A, false, (const uint8_t[]){0x9E}, 1);
    check_key(SDL_SCANCODE_ESCAPE, true, (const uint8_t[]){0x01}, 1);
    check_key(SDL_SCANCODE_RETURN, true, (const uint8_t[]){0x1C}, 1);
    check_key(SDL_SCANCODE_F12, true, (const uint8_t[]){0x58}, 1);
    check_key(SDL_SCANCODE_UP, true, (const uint8_t[]){0xE0, 0x48}, 2);
    check_key(SDL_SCANCODE_UP, false, (const uint8_t[]){0xE0, 0xC8}, 2);
    check_key(SDL_SCANCODE_RCTRL, false, (const uint8_t[]){0xE0, 0x9D}, 2);
    check_key(SDL_SCANCODE_KP_ENTER, true, (const uint8_t[]){0xE0, 0x1C}, 2);
    check_key(SDL_SCANCODE_PAUSE, true, NULL, 0);
    check_key(-1, true, NULL, 0);
}

static void record_keys(void *opaque, const uint8_t *scancodes, size_t n)
{
    g_byte_array_append(opaque, scancodes, n);
}

static void push_key(Uint32 type, SDL_Scancode code)
{
    SDL_Event e = {.key = {.type = type, .state = type == SDL_KEYDOWN, .keysym = {.scancode = code}}};
    g_assert_cmpint(SDL_PushEvent(&e), ==, 1);
}

/* The window on SDL's dummy video driver (no display server needed):
 * frames of two sizes, key presses to the callback, closing it. */
static void test_sdl_window(void)
{
    g_setenv("SDL_VIDEODRIVER", "dummy", TRUE);
    GError *err = NULL;
    SdlDisplay *w = display_sdl_open("test", &err);
    g_assert_no_error(err);
    uint32_t pixels[8 * 6] = {0};
    display_sdl_show(w, &(Screen){8, 6, pixels});
    display_sdl_show(w, &(Screen){6, 8, pixels});
    GByteArray *keys = g_byte_array_new();
    push_key(SDL_KEYDOWN, SDL_SCANCODE_LEFT);
    push_key(SDL_KEYUP, SDL_SCANCODE_LEFT);
    g_assert_true(display_sdl_poll(w, record_keys, keys));
    static const uint8_t want[] = {0xE0, 0x4B, 0xE0, 0xCB};
    g_assert_cmpmem(keys->data, keys->len, want, sizeof want);
    SDL_Event quit = {.type = SDL_QUIT};
    SDL_PushEvent(&quit);
    g_assert_false(display_sdl_poll(w, record_keys, keys));
    g_byte_array_free(keys, TRUE);
    display_sdl_close(w);
}

/* Without a display server, -display sdl is a clear error and the
 * default display quietly none. */
static void test_display_without_server(void)
{
    g_unsetenv("DISPLAY");
    g_unsetenv("WAYLAND_DISPLAY");
    g_unsetenv("SDL_VIDEODRIVER");
    Rig r;
    rig_up(&r);
    MachineOptions opt = {.display = MACHINE_DISPLAY_SDL};
    BoardDesc board = {.name = "test", .has_display = true};
    Machine m = {.opt = &opt, .board = &board};
    GError *err = NULL;
    g_assert_null(display_new(&m, r.vga, NULL, NULL, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->message, "no display server"));
    g_clear_error(&err);
    opt.display = MACHINE_DISPLAY_DEFAULT;
    Display *d = display_new(&m, r.vga, NULL, NULL, &err);
    g_assert_no_error(err);
    g_assert_nonnull(d);
    display_free(d);
    rig_down(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/png/rgb", test_png_rgb);
    g_test_add_func("/png/rgba", test_png_rgba);
    g_test_add_func("/png/known-chunks", test_png_known_chunks);
    g_test_add_func("/png/stride-and-file", test_png_stride_and_file);
    g_test_add_func("/vga/attribute-flip-flop", test_vga_attribute_flip_flop);
    g_test_add_func("/vga/dac-auto-increment", test_vga_dac_auto_increment);
    g_test_add_func("/vga/crtc-and-mono-colour", test_vga_crtc_and_mono_colour);
    g_test_add_func("/vga/status-toggles", test_vga_status_toggles);
    g_test_add_func("/vga/text-render", test_vga_text_render);
    g_test_add_func("/vga/text-cursor-and-blanking", test_vga_text_cursor_and_blanking);
    g_test_add_func("/vga/mode13h", test_vga_mode13h);
    g_test_add_func("/vga/planar", test_vga_planar);
    g_test_add_func("/vbe/registers", test_vbe_registers);
    g_test_add_func("/vbe/32bpp-lfb-and-banks", test_vbe_32bpp_lfb_and_banks);
    g_test_add_func("/vbe/16bpp-and-8bpp", test_vbe_16bpp_and_8bpp);
    g_test_add_func("/display/screendump", test_display_screendump);
    g_test_add_func("/display/random-registers", test_display_random_registers);
    g_test_add_func("/display/sdl-scancodes", test_sdl_scancodes);
    g_test_add_func("/display/sdl-window", test_sdl_window);
    g_test_add_func("/display/without-server", test_display_without_server);
    return g_test_run();
}
