/* machines/display.c — rendering the VGA (IBM VGA Technical Reference:
 * how the CRTC, sequencer, attribute controller and DAC turn memory into
 * dots; the Bochs VBE interface for the linear modes), and the machine's
 * display: the SDL window's refresh, -screendump and the stop signals.
 *
 *   text       cells of character (plane 0) and attribute (plane 1), the
 *              glyph from plane 2, 8 or 9 dots wide; colours attribute ->
 *              palette register -> DAC; the cursor; blinking ignored
 *   mode 13h   one byte per pixel (chain-4), DAC index
 *   planar     16 colours: a bit of each plane -> palette register -> DAC
 *   VBE        8 bpp through the DAC, 15/16/24/32 bpp direct, from the LFB
 *
 * Refresh: with a window, a device timer renders and presents ~30 times a
 * second and takes the window's events, on the CPU thread. Stop signals:
 * SIGTERM and SIGINT write their number into a pipe; a thread reading it
 * kicks the machine, whose poll (the CPU thread, between blocks) stops
 * it, so the board's free hook can dump the screen.
 */
#include "machines/display.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machines/display_sdl.h"
#include "machines/timer.h"
#include "util/png.h"

enum {
    BLANK_WIDTH = 640,
    BLANK_HEIGHT = 480,
    MAX_SIDE = 4096,
    REFRESH_NS = 33 * 1000 * 1000,
};

/* ---- colours ------------------------------------------------------------ */

static uint32_t rgb(unsigned r, unsigned g, unsigned b)
{
    return (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

static uint8_t dac_to_8bit(const VgaState *s, uint8_t x)
{
    return s->vbe[VBE_ENABLE] & VBE_8BIT_DAC ? x : (uint8_t)((x & 0x3f) << 2 | (x & 0x3f) >> 4);
}

static uint32_t dac_color(const VgaState *s, uint8_t index)
{
    const uint8_t *e = s->dac[index & s->dac_mask];
    return rgb(dac_to_8bit(s, e[0]), dac_to_8bit(s, e[1]), dac_to_8bit(s, e[2]));
}

/* A 4-bit colour through the attribute controller's palette register and
 * colour select to a DAC index, then to RGB. */
static uint32_t palette_color(const VgaState *s, unsigned color4)
{
    uint8_t index = s->ac[color4 & 15] & 0x3f, select = s->ac[VGA_AC_COLOR_SELECT];
    if (s->ac[VGA_AC_MODE] & VGA_AC_MODE_P54_SELECT)
        index = (index & 0x0f) | (select & 3) << 4;
    return dac_color(s, (uint8_t)(index | (select & 0x0c) << 4));
}

/* ---- the image ----------------------------------------------------------- */

static void screen_resize(Screen *s, unsigned width, unsigned height)
{
    if (s->pixels && s->width == width && s->height == height)
        return;
    g_free(s->pixels);
    s->width = width;
    s->height = height;
    s->pixels = g_new0(uint32_t, (size_t)width * height);
}

void screen_release(Screen *s)
{
    g_free(s->pixels);
    *s = (Screen){0};
}

/* Text dots as xs x ys pixels of the image: twice as wide where the dot
 * clock is halved (40 columns), twice as tall where lines are scanned
 * twice. */
typedef struct Canvas {
    Screen *screen;
    unsigned xs, ys;
} Canvas;

/* n dots from (x, y) of the mode. */
static void put_dots(const Canvas *c, unsigned x, unsigned y, const uint32_t *colors, unsigned n)
{
    unsigned width = c->screen->width;
    uint32_t *row = c->screen->pixels + (size_t)y * c->ys * width + (size_t)x * c->xs;
    for (unsigned j = 0; j < c->ys; j++, row += width) {
        uint32_t *p = row;
        for (unsigned i = 0; i < n; i++) {
            for (unsigned k = 0; k < c->xs; k++)
                *p++ = colors[i];
        }
    }
}

static uint8_t plane_at(const VgaState *s, unsigned address, unsigned plane)
{
    return s->vram[(address % VGA_PLANE_BYTES) * 4 + plane];
}

/* ---- text ------------------------------------------------------------------ */

/* A cell: its glyph's rows from plane 2, 8 dots and, in 9-dot modes, a
 * 9th that repeats the 8th for the line-drawing characters 0xC0-0xDF
 * (where the mode control enables it) and is background elsewhere. */
static void render_cell(const VgaState *s, const VgaTextLayout *t, const Canvas *c, unsigned col,
                        unsigned row)
{
    unsigned address = t->start + row * t->stride + col;
    uint8_t ch = plane_at(s, address, 0), attr = plane_at(s, address, 1);
    unsigned glyph = vga_glyph_address(s, ch, attr);
    bool repeat_8th =
        t->cell_width == 9 && (s->ac[VGA_AC_MODE] & VGA_AC_MODE_LINE_GRAPHICS) && ch >= 0xC0 && ch <= 0xDF;
    unsigned bg_mask = s->ac[VGA_AC_MODE] & VGA_AC_MODE_BLINK ? 7 : 15;
    const uint32_t colors[2] = {palette_color(s, (attr >> 4) & bg_mask), palette_color(s, attr & 15)};
    bool cursor_here = t->cursor_on && (address % VGA_PLANE_BYTES) == t->cursor;
    for (unsigned line = 0; line < t->cell_height; line++) {
        unsigned bits = line < 32 ? plane_at(s, glyph + line, 2) : 0;
        unsigned dots = bits << 1 | (repeat_8th ? bits & 1 : 0); /* dot x: bit 8 - x */
        if (cursor_here && line >= t->cursor_top && line <= t->cursor_bottom)
            dots = 0x1ff;
        uint32_t line_colors[9];
        for (unsigned x = 0; x < t->cell_width; x++)
            line_colors[x] = colors[dots >> (8 - x) & 1];
        put_dots(c, col * t->cell_width, row * t->cell_height + line, line_colors, t->cell_width);
    }
}

static bool render_text(const VgaState *s, const VgaTextLayout *t, Screen *out)
{
    Canvas c = {out, t->wide ? 2 : 1, t->double_scan ? 2 : 1};
    unsigned width = t->cols * t->cell_width * c.xs, height = t->rows * t->cell_height * c.ys;
    if (!width || !height || width > MAX_SIDE || height > MAX_SIDE)
        return false;
    screen_resize(out, width, height);
    for (unsigned row = 0; row < t->rows; row++) {
        for (unsigned col = 0; col < t->cols; col++)
            render_cell(s, t, &c, col, row);
    }
    return true;
}

/* ---- VGA graphics -------------------------------------------------------- */

/* Mode 13h: chain-4 memory is one byte per pixel, a DAC index. */
static void render_256(const VgaState *s, const VgaGraphicsLayout *g, uint32_t *pixels)
{
    for (unsigned y = 0; y < g->height; y++) {
        size_t line = (size_t)(g->start + y * g->stride) * 4;
        for (unsigned x = 0; x < g->width; x++)
            *pixels++ = dac_color(s, s->vram[(line + x) % (VGA_PLANE_BYTES * 4)]);
    }
}

/* 16 colours: pixel x of a byte is bit 7 - x of each plane. */
static void render_planar(const VgaState *s, const VgaGraphicsLayout *g, uint32_t *pixels)
{
    uint8_t enabled = s->ac[VGA_AC_PLANE_ENABLE] & 15;
    for (unsigned y = 0; y < g->height; y++) {
        for (unsigned x = 0; x < g->width; x++) {
            unsigned address = g->start + y * g->stride + x / 8, color = 0;
            for (unsigned p = 0; p < 4; p++)
                color |= (plane_at(s, address, p) >> (7 - x % 8) & 1u) << p;
            *pixels++ = palette_color(s, color & enabled);
        }
    }
}

static bool render_graphics(const VgaState *s, const VgaGraphicsLayout *g, Screen *out)
{
    if (!g->width || !g->height || g->width > MAX_SIDE || g->height > MAX_SIDE)
        return false;
    screen_resize(out, g->width, g->height);
    if (g->byte_per_pixel)
        render_256(s, g, out->pixels);
    else
        render_planar(s, g, out->pixels);
    return true;
}

/* ---- VBE ----------------------------------------------------------------- */

static uint8_t widen(unsigned x, unsigned bits)
{
    return (uint8_t)(x << (8 - bits) | x >> (2 * bits - 8));
}

/* Rows of n pixels of each depth: 8 bpp through the DAC, the others
 * little-endian with blue lowest. */
static void vbe_row_8(const VgaState *s, const uint8_t *p, uint32_t *dst, unsigned n)
{
    for (unsigned x = 0; x < n; x++)
        dst[x] = dac_color(s, p[x]);
}

static void vbe_row_15(const VgaState *s, const uint8_t *p, uint32_t *dst, unsigned n)
{
    (void)s;
    for (unsigned x = 0; x < n; x++, p += 2) {
        unsigned c = p[0] | p[1] << 8;
        dst[x] = rgb(widen(c >> 10 & 31, 5), widen(c >> 5 & 31, 5), widen(c & 31, 5));
    }
}

static void vbe_row_16(const VgaState *s, const uint8_t *p, uint32_t *dst, unsigned n)
{
    (void)s;
    for (unsigned x = 0; x < n; x++, p += 2) {
        unsigned c = p[0] | p[1] << 8;
        dst[x] = rgb(widen(c >> 11 & 31, 5), widen(c >> 5 & 63, 6), widen(c & 31, 5));
    }
}

static void vbe_row_24(const VgaState *s, const uint8_t *p, uint32_t *dst, unsigned n)
{
    (void)s;
    for (unsigned x = 0; x < n; x++, p += 3)
        dst[x] = rgb(p[2], p[1], p[0]);
}

static void vbe_row_32(const VgaState *s, const uint8_t *p, uint32_t *dst, unsigned n)
{
    (void)s;
    for (unsigned x = 0; x < n; x++, p += 4)
        dst[x] = rgb(p[2], p[1], p[0]); /* the 4th byte is unused */
}

/* The VBE depths rendered. */
static const struct VbeFormat {
    unsigned bpp, bytes;
    void (*row)(const VgaState *s, const uint8_t *p, uint32_t *dst, unsigned n);
} vbe_formats[] = {
    {8, 1, vbe_row_8}, {15, 2, vbe_row_15}, {16, 2, vbe_row_16}, {24, 3, vbe_row_24}, {32, 4, vbe_row_32},
};

static bool render_vbe(const VgaState *s, Screen *out)
{
    const uint16_t *r = s->vbe;
    const struct VbeFormat *f = NULL;
    for (size_t i = 0; i < G_N_ELEMENTS(vbe_formats); i++) {
        if (vbe_formats[i].bpp == r[VBE_BPP])
            f = &vbe_formats[i];
    }
    if (!f || !r[VBE_XRES] || !r[VBE_YRES] || r[VBE_XRES] > MAX_SIDE || r[VBE_YRES] > MAX_SIDE)
        return false;
    screen_resize(out, r[VBE_XRES], r[VBE_YRES]);
    size_t line_bytes = (size_t)r[VBE_VIRT_WIDTH] * f->bytes;
    for (unsigned y = 0; y < out->height; y++) {
        size_t at = (y + r[VBE_Y_OFFSET]) * line_bytes + (size_t)r[VBE_X_OFFSET] * f->bytes;
        size_t in_vram = at < VGA_VRAM_BYTES ? (VGA_VRAM_BYTES - at) / f->bytes : 0;
        unsigned n = in_vram < out->width ? (unsigned)in_vram : out->width;
        uint32_t *row = out->pixels + (size_t)y * out->width;
        if (n)
            f->row(s, s->vram + at, row, n);
        memset(row + n, 0, (out->width - n) * sizeof *row); /* past the end of VRAM */
    }
    return true;
}

/* ---- a mode's image ------------------------------------------------------- */

static bool screen_visible(const VgaState *s)
{
    if (s->vbe[VBE_ENABLE] & VBE_ENABLED)
        return true;
    return (s->ac_index & VGA_AC_PALETTE_SOURCE) && !(s->seq[VGA_SEQ_CLOCKING] & VGA_SEQ_SCREEN_OFF);
}

/* false: the mode has no usable size or depth. */
static bool render_mode(const VgaState *s, Screen *out)
{
    VgaTextLayout t;
    VgaGraphicsLayout g;
    if (vga_text_layout(s, &t))
        return render_text(s, &t, out);
    if (vga_graphics_layout(s, &g))
        return render_graphics(s, &g, out);
    return render_vbe(s, out);
}

bool display_render(const VgaState *vga, Screen *s)
{
    Screen before = *s;
    if (!screen_visible(vga) || !render_mode(vga, s)) {
        screen_resize(s, BLANK_WIDTH, BLANK_HEIGHT);
        memset(s->pixels, 0, (size_t)s->width * s->height * sizeof *s->pixels);
    }
    return !before.pixels || s->width != before.width || s->height != before.height;
}

/* ---- the machine's display -------------------------------------------------- */

struct Display {
    Machine *m;
    const Vga *vga;
    Screen screen;
    SdlDisplay *window; /* NULL: -display none */
    MachineTimer *refresh;
    DisplayKeyFn key;
    void *key_opaque;
    GThread *signal_watcher; /* NULL: the stop signals keep their handlers */
    gint stop_signal;        /* the number of a SIGTERM/SIGINT that arrived */
    struct sigaction old_term, old_int;
};

/* The stop signals' pipe: the handler writes, the watcher reads (one
 * display per process). */
static int stop_pipe[2] = {-1, -1};

static void on_stop_signal(int sig)
{
    uint8_t number = (uint8_t)sig;
    ssize_t n = write(stop_pipe[1], &number, 1);
    (void)n; /* a full pipe already holds a stop */
}

static gpointer watch_stop_signals(gpointer opaque)
{
    Display *d = opaque;
    uint8_t sig;
    ssize_t n;
    while ((n = read(stop_pipe[0], &sig, 1)) != 0) {
        if (n == 1) {
            g_atomic_int_set(&d->stop_signal, sig);
            machine_kick(d->m);
        } else if (errno != EINTR) {
            break;
        }
    }
    return NULL;
}

/* The CPU thread, after a kick: a stop signal stops the machine. */
static void poll_stop_signal(void *opaque)
{
    Display *d = opaque;
    int sig = g_atomic_int_get(&d->stop_signal);
    if (sig && !d->m->shutdown_requested) {
        fprintf(stderr, "morph-system: terminating on signal %d\n", sig);
        d->m->exit_status = 128 + sig;
        d->m->shutdown_requested = 1;
    }
}

static void catch_stop_signals(Display *d)
{
    if (pipe(stop_pipe) != 0)
        return; /* the signals then stop morph-system as before, without a dump */
    struct sigaction sa = {.sa_handler = on_stop_signal, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, &d->old_term);
    sigaction(SIGINT, &sa, &d->old_int);
    d->signal_watcher = g_thread_new("morph-signals", watch_stop_signals, d);
    machine_add_poller(d->m, poll_stop_signal, d);
}

static void release_stop_signals(Display *d)
{
    if (!d->signal_watcher)
        return;
    sigaction(SIGTERM, &d->old_term, NULL);
    sigaction(SIGINT, &d->old_int, NULL);
    close(stop_pipe[1]); /* the watcher reads end-of-file */
    g_thread_join(d->signal_watcher);
    close(stop_pipe[0]);
    stop_pipe[0] = stop_pipe[1] = -1;
}

/* ~30 times a second on the CPU thread: show the screen, take the
 * window's events. */
static void refresh_window(void *opaque)
{
    Display *d = opaque;
    display_render(vga_state(d->vga), &d->screen);
    display_sdl_show(d->window, &d->screen);
    if (!display_sdl_poll(d->window, d->key, d->key_opaque)) {
        d->m->exit_status = 0;
        d->m->shutdown_requested = 1;
    }
    machine_timer_mod(d->refresh, machine_clock_ns() + REFRESH_NS);
}

static bool host_has_display(void)
{
    return getenv("DISPLAY") || getenv("WAYLAND_DISPLAY");
}

/* The window -display asks for; the default one is given up (with a
 * warning) where SDL cannot open it. */
static bool open_window(Display *d, GError **err)
{
    MachineDisplayKind kind = d->m->opt->display;
    if (kind == MACHINE_DISPLAY_NONE || (kind == MACHINE_DISPLAY_DEFAULT && !host_has_display()))
        return true;
    g_autofree char *title = g_strdup_printf("morph-system -M %s", d->m->board->name);
    GError *why = NULL;
    d->window = display_sdl_open(title, &why);
    if (d->window) {
        d->refresh = machine_timer_new(d->m, refresh_window, d);
        machine_timer_mod(d->refresh, machine_clock_ns());
        return true;
    }
    if (kind == MACHINE_DISPLAY_SDL) {
        g_propagate_error(err, why);
        return false;
    }
    fprintf(stderr, "morph-system: %s; running as with -display none\n", why->message);
    g_error_free(why);
    return true;
}

Display *display_new(Machine *m, const Vga *vga, DisplayKeyFn key, void *key_opaque, GError **err)
{
    Display *d = g_new0(Display, 1);
    *d = (Display){.m = m, .vga = vga, .key = key, .key_opaque = key_opaque};
    if (!open_window(d, err)) {
        g_free(d);
        return NULL;
    }
    if (d->window || m->opt->screendump)
        catch_stop_signals(d);
    return d;
}

bool display_screendump(Display *d, const char *path, GError **err)
{
    display_render(vga_state(d->vga), &d->screen);
    return png_write_file(path, d->screen.pixels, d->screen.width, d->screen.height, d->screen.width, false,
                          err);
}

void display_free(Display *d)
{
    if (!d)
        return;
    GError *err = NULL;
    if (d->m->opt->screendump && !display_screendump(d, d->m->opt->screendump, &err)) {
        fprintf(stderr, "morph-system: -screendump: %s\n", err->message);
        g_error_free(err);
    }
    release_stop_signals(d);
    machine_timer_free(d->refresh);
    if (d->window)
        display_sdl_close(d->window);
    screen_release(&d->screen);
    g_free(d);
}
