/* machines/devices/vga.c — the VGA's registers and memory, and the Bochs
 * VBE extension (IBM VGA Technical Reference; FreeVGA's register pages;
 * the Bochs VBE interface, "vbe_display_api"):
 *
 *   port          register
 *   0x3B4/0x3D4   CRTC index  } mono at 0x3Bx, colour at 0x3Dx, as
 *   0x3B5/0x3D5   CRTC data   } miscellaneous output bit 0 selects
 *   0x3BA/0x3DA   read: input status 1 (resets the attribute flip-flop);
 *                 write: feature control
 *   0x3C0         attribute index, then data (a flip-flop alternates)
 *   0x3C1         attribute data (read)
 *   0x3C2         write: miscellaneous output; read: input status 0
 *   0x3C4/0x3C5   sequencer index/data
 *   0x3C6         DAC pixel mask
 *   0x3C7         write: DAC read index; read: DAC state
 *   0x3C8         DAC write index
 *   0x3C9         DAC data: red, green, blue, then the next entry
 *   0x3CA/0x3CC   read: feature control, miscellaneous output
 *   0x3CE/0x3CF   graphics controller index/data
 *   0x1CE/0x1CF   Bochs VBE index/data (16-bit)
 *
 * Memory: the graphics controller's memory map decides which part of
 * 0xA0000-0xBFFFF answers; the sequencer's memory mode picks chain-4
 * (mode 13h: address bits 0-1 pick the plane), odd/even (text: address
 * bit 0 picks plane 0/1 or 2/3) or planar addressing, where the write
 * modes, set/reset, rotate, logical function, bit mask and latches apply.
 * With VBE enabled the window shows 64 KiB banks of the framebuffer.
 * Retrace is not timed: input status 1 toggles its retrace bits on every
 * read, so a BIOS waiting for either edge goes on at once.
 */
#include "machines/devices/vga.h"

#include <string.h>

#include "util/log.h"

enum {
    VGA_WINDOW_BASE = 0xA0000,
    VGA_WINDOW_SIZE = 0x20000,
    VGA_PORT_BASE = 0x3B0,
    VGA_PORT_COUNT = 0x30,
    VBE_PORT_BASE = 0x1CE,
    VBE_PORT_COUNT = 3,      /* the word at 0x1CF (data) reaches 0x1D0 */
    VGA_WINDOW_PRIORITY = 1, /* above RAM */

    MISC_COLOR = 0x01, /* CRTC and status 1 at 0x3Dx */

    ST01_DISPLAY_OFF = 0x01,
    ST01_VRETRACE = 0x08,
    ST00_SWITCH_SENSE = 0x10, /* a colour monitor's sense line */

    DAC_STATE_WRITING = 0x00,
    DAC_STATE_READING = 0x03,

    VBE_ID_FIRST = 0xB0C0,
    VBE_ID_LATEST = 0xB0C5,
    VBE_MAX_XRES = 16000, /* QEMU's stdvga: the framebuffer's size is the real limit */
    VBE_MAX_YRES = 12000,
    VBE_MAX_BPP = 32,
    VBE_BANK_SIZE = 64 << 10,
};

struct Vga {
    VgaState s;
    AddressSpace *mem, *ports;
    MemoryRegion *lfb, *window, *vga_ports, *vbe_ports;
    uint8_t seq_index, gc_index, crtc_index;
    bool ac_data_next;      /* the flip-flop: the next 0x3C0 write is data */
    uint8_t dac_write_index, dac_read_index, dac_state;
    uint8_t dac_component;  /* 0-2: red, green, blue of the current entry */
    uint8_t dac_pending[3]; /* a written entry, until its blue arrives */
    uint8_t feature, status1;
    uint8_t latch[4];
    uint16_t vbe_index;
};

const VgaState *vga_state(const Vga *v)
{
    return &v->s;
}

static bool vbe_enabled(const VgaState *s)
{
    return s->vbe[VBE_ENABLE] & VBE_ENABLED;
}

/* ---- registers behind the ports --------------------------------------- */

static uint8_t seq_index_read(Vga *v) { return v->seq_index; }
static void seq_index_write(Vga *v, uint8_t x) { v->seq_index = x; }
static uint8_t gc_index_read(Vga *v) { return v->gc_index; }
static void gc_index_write(Vga *v, uint8_t x) { v->gc_index = x; }
static uint8_t crtc_index_read(Vga *v) { return v->crtc_index; }
static void crtc_index_write(Vga *v, uint8_t x) { v->crtc_index = x; }

static uint8_t seq_data_read(Vga *v)
{
    return v->seq_index < VGA_SEQ_COUNT ? v->s.seq[v->seq_index] : 0xff;
}

static void seq_data_write(Vga *v, uint8_t x)
{
    if (v->seq_index < VGA_SEQ_COUNT)
        v->s.seq[v->seq_index] = x;
}

static uint8_t gc_data_read(Vga *v)
{
    return v->gc_index < VGA_GC_COUNT ? v->s.gc[v->gc_index] : 0xff;
}

static void gc_data_write(Vga *v, uint8_t x)
{
    if (v->gc_index < VGA_GC_COUNT)
        v->s.gc[v->gc_index] = x;
}

static uint8_t crtc_data_read(Vga *v)
{
    return v->crtc_index < VGA_CRTC_COUNT ? v->s.crtc[v->crtc_index] : 0xff;
}

/* The protect bit leaves registers 0-7 read-only, but for the overflow
 * register's line compare bit. */
static void crtc_data_write(Vga *v, uint8_t x)
{
    uint8_t *crtc = v->s.crtc;
    unsigned i = v->crtc_index;
    if (i >= VGA_CRTC_COUNT)
        return;
    if (i <= VGA_CRTC_OVERFLOW && (crtc[VGA_CRTC_VRETRACE_END] & VGA_CRTC_PROTECT)) {
        if (i == VGA_CRTC_OVERFLOW)
            crtc[i] = (crtc[i] & ~VGA_CRTC_LINE_COMPARE_8) | (x & VGA_CRTC_LINE_COMPARE_8);
        return;
    }
    crtc[i] = x;
}

static uint8_t ac_index_read(Vga *v) { return v->s.ac_index; }

static uint8_t ac_data_read(Vga *v)
{
    unsigned i = v->s.ac_index & VGA_AC_INDEX_MASK;
    return i < VGA_AC_COUNT ? v->s.ac[i] : 0;
}

static void ac_write(Vga *v, uint8_t x)
{
    if (v->ac_data_next) {
        unsigned i = v->s.ac_index & VGA_AC_INDEX_MASK;
        if (i < VGA_AC_COUNT)
            v->s.ac[i] = x;
    } else {
        v->s.ac_index = x & (VGA_AC_INDEX_MASK | VGA_AC_PALETTE_SOURCE);
    }
    v->ac_data_next = !v->ac_data_next;
}

/* Reading it resets the attribute flip-flop; the retrace bits toggle. */
static uint8_t status1_read(Vga *v)
{
    v->ac_data_next = false;
    v->status1 ^= ST01_DISPLAY_OFF | ST01_VRETRACE;
    return v->status1;
}

static void feature_write(Vga *v, uint8_t x) { v->feature = x; }
static uint8_t feature_read(Vga *v) { return v->feature; }
static void misc_write(Vga *v, uint8_t x) { v->s.misc = x; }
static uint8_t misc_read(Vga *v) { return v->s.misc; }
static uint8_t status0_read(Vga *v) { (void)v; return ST00_SWITCH_SENSE; }
static uint8_t dac_mask_read(Vga *v) { return v->s.dac_mask; }
static void dac_mask_write(Vga *v, uint8_t x) { v->s.dac_mask = x; }
static uint8_t dac_state_read(Vga *v) { return v->dac_state; }
static uint8_t dac_write_index_read(Vga *v) { return v->dac_write_index; }

static void dac_read_index_write(Vga *v, uint8_t x)
{
    v->dac_read_index = x;
    v->dac_component = 0;
    v->dac_state = DAC_STATE_READING;
}

static void dac_write_index_write(Vga *v, uint8_t x)
{
    v->dac_write_index = x;
    v->dac_component = 0;
    v->dac_state = DAC_STATE_WRITING;
}

static uint8_t dac_data_read(Vga *v)
{
    uint8_t x = v->s.dac[v->dac_read_index][v->dac_component];
    if (++v->dac_component == 3) {
        v->dac_component = 0;
        v->dac_read_index++;
    }
    return x;
}

/* An entry changes once all three of its colours are written. */
static void dac_data_write(Vga *v, uint8_t x)
{
    uint8_t bits = v->s.vbe[VBE_ENABLE] & VBE_8BIT_DAC ? 0xff : 0x3f;
    v->dac_pending[v->dac_component] = x & bits;
    if (++v->dac_component == 3) {
        memcpy(v->s.dac[v->dac_write_index], v->dac_pending, 3);
        v->dac_component = 0;
        v->dac_write_index++;
    }
}

typedef enum PortBlock { ANY_BLOCK, MONO_BLOCK, COLOR_BLOCK } PortBlock;

typedef struct VgaPort {
    uint8_t (*read)(Vga *v);
    void (*write)(Vga *v, uint8_t x);
    PortBlock block; /* answers only when the misc output selects it */
} VgaPort;

#define AT(port) [(port) - VGA_PORT_BASE]
static const VgaPort vga_port_table[VGA_PORT_COUNT] = {
    AT(0x3B4) = {crtc_index_read, crtc_index_write, MONO_BLOCK},
    AT(0x3B5) = {crtc_data_read, crtc_data_write, MONO_BLOCK},
    AT(0x3BA) = {status1_read, feature_write, MONO_BLOCK},
    AT(0x3C0) = {ac_index_read, ac_write, ANY_BLOCK},
    AT(0x3C1) = {ac_data_read, NULL, ANY_BLOCK},
    AT(0x3C2) = {status0_read, misc_write, ANY_BLOCK},
    AT(0x3C4) = {seq_index_read, seq_index_write, ANY_BLOCK},
    AT(0x3C5) = {seq_data_read, seq_data_write, ANY_BLOCK},
    AT(0x3C6) = {dac_mask_read, dac_mask_write, ANY_BLOCK},
    AT(0x3C7) = {dac_state_read, dac_read_index_write, ANY_BLOCK},
    AT(0x3C8) = {dac_write_index_read, dac_write_index_write, ANY_BLOCK},
    AT(0x3C9) = {dac_data_read, dac_data_write, ANY_BLOCK},
    AT(0x3CA) = {feature_read, NULL, ANY_BLOCK},
    AT(0x3CC) = {misc_read, NULL, ANY_BLOCK},
    AT(0x3CE) = {gc_index_read, gc_index_write, ANY_BLOCK},
    AT(0x3CF) = {gc_data_read, gc_data_write, ANY_BLOCK},
    AT(0x3D4) = {crtc_index_read, crtc_index_write, COLOR_BLOCK},
    AT(0x3D5) = {crtc_data_read, crtc_data_write, COLOR_BLOCK},
    AT(0x3DA) = {status1_read, feature_write, COLOR_BLOCK},
};
#undef AT

static const VgaPort *port_at(const Vga *v, uint64_t offset)
{
    const VgaPort *p = &vga_port_table[offset];
    PortBlock selected = v->s.misc & MISC_COLOR ? COLOR_BLOCK : MONO_BLOCK;
    return p->block == ANY_BLOCK || p->block == selected ? p : NULL;
}

static uint64_t vga_port_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    Vga *v = opaque;
    const VgaPort *p = port_at(v, offset);
    if (p && p->read)
        return p->read(v);
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("guest_errors: vga: read of unhandled port 0x%x\n", (unsigned)(VGA_PORT_BASE + offset));
    return 0xff;
}

static void vga_port_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    Vga *v = opaque;
    const VgaPort *p = port_at(v, offset);
    if (p && p->write) {
        p->write(v, (uint8_t)value);
        return;
    }
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("guest_errors: vga: write of 0x%x to unhandled port 0x%x\n", (unsigned)value,
                   (unsigned)(VGA_PORT_BASE + offset));
}

static const MemoryRegionOps vga_port_ops = {
    .read = vga_port_read,
    .write = vga_port_write,
    .max_size = 1, /* a word written to an index port is index, then data */
};

/* ---- Bochs VBE ---------------------------------------------------------- */

static unsigned vbe_bytes_per_line(const VgaState *s)
{
    unsigned bpp = s->vbe[VBE_BPP];
    return bpp == 4 ? s->vbe[VBE_VIRT_WIDTH] / 2 : s->vbe[VBE_VIRT_WIDTH] * ((bpp + 7) / 8);
}

/* The virtual height is what the VRAM holds at the current line width. */
static void vbe_fit_virtual_height(VgaState *s)
{
    unsigned line = vbe_bytes_per_line(s);
    unsigned lines = line ? VGA_VRAM_BYTES / line : 0;
    s->vbe[VBE_VIRT_HEIGHT] = lines > UINT16_MAX ? UINT16_MAX : lines;
}

static void vbe_set_id(VgaState *s, uint16_t x)
{
    if (x >= VBE_ID_FIRST && x <= VBE_ID_LATEST)
        s->vbe[VBE_ID] = x;
}

static void vbe_set_xres(VgaState *s, uint16_t x)
{
    if (x && x <= VBE_MAX_XRES)
        s->vbe[VBE_XRES] = x;
}

static void vbe_set_yres(VgaState *s, uint16_t x)
{
    if (x && x <= VBE_MAX_YRES)
        s->vbe[VBE_YRES] = x;
}

static void vbe_set_bpp(VgaState *s, uint16_t x)
{
    static const uint16_t valid[] = {4, 8, 15, 16, 24, 32};
    if (x == 0)
        x = 8;
    for (size_t i = 0; i < G_N_ELEMENTS(valid); i++) {
        if (valid[i] == x)
            s->vbe[VBE_BPP] = x;
    }
}

/* Enabling starts a fresh mode: the virtual screen is the visible one,
 * not scrolled, in bank 0, cleared unless NOCLEARMEM. */
static void vbe_set_enable(VgaState *s, uint16_t x)
{
    uint16_t *r = s->vbe;
    if ((x & VBE_ENABLED) && !(r[VBE_ENABLE] & VBE_ENABLED)) {
        r[VBE_VIRT_WIDTH] = r[VBE_XRES];
        r[VBE_X_OFFSET] = r[VBE_Y_OFFSET] = r[VBE_BANK] = 0;
        vbe_fit_virtual_height(s);
        if (!(x & VBE_NOCLEARMEM)) {
            size_t bytes = (size_t)vbe_bytes_per_line(s) * r[VBE_YRES];
            memset(s->vram, 0, bytes < VGA_VRAM_BYTES ? bytes : VGA_VRAM_BYTES);
        }
    }
    r[VBE_ENABLE] = x & (VBE_ENABLED | VBE_GETCAPS | VBE_8BIT_DAC | VBE_LFB_ENABLED | VBE_NOCLEARMEM);
}

static void vbe_set_bank(VgaState *s, uint16_t x)
{
    if (x < VGA_VRAM_BYTES / VBE_BANK_SIZE)
        s->vbe[VBE_BANK] = x;
}

static void vbe_set_virt_width(VgaState *s, uint16_t x)
{
    if (x < s->vbe[VBE_XRES])
        return;
    s->vbe[VBE_VIRT_WIDTH] = x;
    vbe_fit_virtual_height(s);
}

static void vbe_set_x_offset(VgaState *s, uint16_t x) { s->vbe[VBE_X_OFFSET] = x; }
static void vbe_set_y_offset(VgaState *s, uint16_t x) { s->vbe[VBE_Y_OFFSET] = x; }

/* Writers of the VBE registers; NULL: read-only. */
static void (*const vbe_writers[VBE_REG_COUNT])(VgaState *s, uint16_t x) = {
    [VBE_ID] = vbe_set_id,
    [VBE_XRES] = vbe_set_xres,
    [VBE_YRES] = vbe_set_yres,
    [VBE_BPP] = vbe_set_bpp,
    [VBE_ENABLE] = vbe_set_enable,
    [VBE_BANK] = vbe_set_bank,
    [VBE_VIRT_WIDTH] = vbe_set_virt_width,
    [VBE_X_OFFSET] = vbe_set_x_offset,
    [VBE_Y_OFFSET] = vbe_set_y_offset,
};

static uint16_t vbe_data_read(const Vga *v)
{
    const uint16_t *r = v->s.vbe;
    unsigned i = v->vbe_index;
    if (i >= VBE_REG_COUNT)
        return 0;
    if (r[VBE_ENABLE] & VBE_GETCAPS) {
        static const uint16_t maxima[VBE_REG_COUNT] = {
            [VBE_XRES] = VBE_MAX_XRES, [VBE_YRES] = VBE_MAX_YRES, [VBE_BPP] = VBE_MAX_BPP};
        if (maxima[i])
            return maxima[i];
    }
    return r[i];
}

static uint64_t vbe_port_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    Vga *v = opaque;
    return offset == 0 ? v->vbe_index : vbe_data_read(v);
}

static void vbe_port_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    Vga *v = opaque;
    if (offset == 0) {
        v->vbe_index = (uint16_t)value;
    } else if (v->vbe_index < VBE_REG_COUNT && vbe_writers[v->vbe_index]) {
        vbe_writers[v->vbe_index](&v->s, (uint16_t)value);
    } else if (log_enabled(LOG_GUEST_ERRORS)) {
        log_printf("guest_errors: vga: write of 0x%x to VBE register %u ignored\n", (unsigned)value,
                   v->vbe_index);
    }
}

static const MemoryRegionOps vbe_port_ops = {
    .read = vbe_port_read,
    .write = vbe_port_write,
    .max_size = 2,
};

/* ---- the legacy window ------------------------------------------------- */

/* The part of the 128 KiB window the memory map answers, and the
 * offset in it; false where it does not answer. */
static bool window_offset(const VgaState *s, uint32_t offset, uint32_t *out)
{
    static const struct {
        uint32_t base, size;
    } maps[4] = {
        {0x00000, 0x20000}, /* A0000, 128 KiB */
        {0x00000, 0x10000}, /* A0000, 64 KiB */
        {0x10000, 0x08000}, /* B0000, 32 KiB */
        {0x18000, 0x08000}, /* B8000, 32 KiB */
    };
    unsigned map = vbe_enabled(s) ? 1 : (s->gc[VGA_GC_MISC] >> 2) & 3;
    if (offset - maps[map].base >= maps[map].size)
        return false;
    *out = offset - maps[map].base;
    return true;
}

static uint8_t *plane_byte(const VgaState *s, uint32_t address, unsigned plane)
{
    return &s->vram[(address % VGA_PLANE_BYTES) * 4 + plane];
}

static void load_latches(Vga *v, uint32_t address)
{
    for (unsigned p = 0; p < 4; p++)
        v->latch[p] = *plane_byte(&v->s, address, p);
}

/* Read mode 1: a 1 for each pixel whose colour matches the colour compare
 * register in the planes colour don't care selects. */
static uint8_t color_compare(const Vga *v)
{
    const uint8_t *gc = v->s.gc;
    uint8_t match = 0xff;
    for (unsigned p = 0; p < 4; p++) {
        if (!(gc[VGA_GC_COLOR_DONT_CARE] >> p & 1))
            continue;
        uint8_t want = gc[VGA_GC_COLOR_COMPARE] >> p & 1 ? 0xff : 0x00;
        match &= ~(v->latch[p] ^ want);
    }
    return match;
}

static uint8_t planar_read(Vga *v, uint32_t address)
{
    load_latches(v, address);
    if (v->s.gc[VGA_GC_MODE] & VGA_GC_MODE_READ_COMPARE)
        return color_compare(v);
    return v->latch[v->s.gc[VGA_GC_READ_MAP] & 3];
}

static uint8_t rotate_right(uint8_t x, unsigned n)
{
    return (uint8_t)((x >> n) | (x << ((8 - n) & 7)));
}

/* The graphics controller's logical function of data and latch. */
static uint8_t logical_op(unsigned function, uint8_t data, uint8_t latch)
{
    switch (function) {
    case 1: return data & latch;
    case 2: return data | latch;
    case 3: return data ^ latch;
    default: return data;
    }
}

/* Write modes 0-3 (IBM VGA TR, "Graphics Controller Registers", Mode
 * register): each plane's byte from the data, set/reset or the latches,
 * through the logical function and the bit mask, into the planes the map
 * mask enables. */
static void planar_write(Vga *v, uint32_t address, uint8_t value)
{
    const uint8_t *gc = v->s.gc;
    unsigned mode = gc[VGA_GC_MODE] & 3, function = (gc[VGA_GC_ROTATE] >> 3) & 3;
    uint8_t rotated = rotate_right(value, gc[VGA_GC_ROTATE] & 7);
    uint8_t bit_mask = mode == 3 ? gc[VGA_GC_BIT_MASK] & rotated : gc[VGA_GC_BIT_MASK];
    for (unsigned p = 0; p < 4; p++) {
        if (!(v->s.seq[VGA_SEQ_MAP_MASK] >> p & 1))
            continue;
        uint8_t set_reset = gc[VGA_GC_SET_RESET] >> p & 1 ? 0xff : 0x00;
        uint8_t data, latch = v->latch[p];
        switch (mode) {
        case 0: data = gc[VGA_GC_ENABLE_SET_RESET] >> p & 1 ? set_reset : rotated; break;
        case 1: *plane_byte(&v->s, address, p) = latch; continue;
        case 2: data = value >> p & 1 ? 0xff : 0x00; break;
        default: data = set_reset; break;
        }
        data = logical_op(function, data, latch);
        *plane_byte(&v->s, address, p) = (uint8_t)((data & bit_mask) | (latch & ~bit_mask));
    }
}

static uint8_t window_read(Vga *v, uint32_t offset)
{
    const VgaState *s = &v->s;
    if (vbe_enabled(s))
        return s->vram[(uint32_t)s->vbe[VBE_BANK] * VBE_BANK_SIZE + offset];
    if (s->seq[VGA_SEQ_MEMORY_MODE] & VGA_SEQ_MEM_CHAIN4)
        return s->vram[offset % (VGA_PLANE_BYTES * 4)];
    if (s->gc[VGA_GC_MODE] & VGA_GC_MODE_ODD_EVEN) {
        unsigned plane = (s->gc[VGA_GC_READ_MAP] & 2) | (offset & 1);
        return *plane_byte(s, offset >> 1, plane);
    }
    return planar_read(v, offset);
}

static void window_write(Vga *v, uint32_t offset, uint8_t value)
{
    VgaState *s = &v->s;
    uint8_t map_mask = s->seq[VGA_SEQ_MAP_MASK];
    if (vbe_enabled(s)) {
        s->vram[(uint32_t)s->vbe[VBE_BANK] * VBE_BANK_SIZE + offset] = value;
    } else if (s->seq[VGA_SEQ_MEMORY_MODE] & VGA_SEQ_MEM_CHAIN4) {
        if (map_mask >> (offset & 3) & 1)
            s->vram[offset % (VGA_PLANE_BYTES * 4)] = value;
    } else if (!(s->seq[VGA_SEQ_MEMORY_MODE] & VGA_SEQ_MEM_SEQUENTIAL)) {
        uint8_t planes = map_mask & (offset & 1 ? 0x0a : 0x05);
        for (unsigned p = 0; p < 4; p++) {
            if (planes >> p & 1)
                *plane_byte(s, offset >> 1, p) = value;
        }
    } else {
        planar_write(v, offset, value);
    }
}

static uint64_t window_mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)size;
    Vga *v = opaque;
    uint32_t in_map;
    return window_offset(&v->s, (uint32_t)offset, &in_map) ? window_read(v, in_map) : 0xff;
}

static void window_mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)size;
    Vga *v = opaque;
    uint32_t in_map;
    if (window_offset(&v->s, (uint32_t)offset, &in_map))
        window_write(v, in_map, (uint8_t)value);
}

static const MemoryRegionOps window_ops = {
    .read = window_mmio_read,
    .write = window_mmio_write,
    .max_size = 1,
};

/* ---- the CRTC's picture --------------------------------------------------- */

/* Scan lines shown: vertical display end with its bits 8 and 9 from the
 * overflow register. */
static unsigned display_lines(const uint8_t *crtc)
{
    unsigned overflow = crtc[VGA_CRTC_OVERFLOW];
    return (crtc[VGA_CRTC_VDISP_END] | (overflow & 0x02) << 7 | (overflow & 0x40) << 3) + 1;
}

static unsigned start_address(const uint8_t *crtc)
{
    return (unsigned)crtc[VGA_CRTC_START_HI] << 8 | crtc[VGA_CRTC_START_LO];
}

bool vga_text_layout(const VgaState *s, VgaTextLayout *t)
{
    const uint8_t *crtc = s->crtc;
    if (vbe_enabled(s) || (s->gc[VGA_GC_MISC] & VGA_GC_MISC_GRAPHICS))
        return false;
    bool double_scan = crtc[VGA_CRTC_MAX_SCAN] & VGA_CRTC_DOUBLE_SCAN;
    unsigned cell_height = (crtc[VGA_CRTC_MAX_SCAN] & 0x1f) + 1;
    *t = (VgaTextLayout){
        .cols = crtc[VGA_CRTC_HDISP_END] + 1u,
        .rows = display_lines(crtc) / (double_scan ? 2 : 1) / cell_height,
        .cell_width = s->seq[VGA_SEQ_CLOCKING] & VGA_SEQ_CLOCK_8DOT ? 8 : 9,
        .cell_height = cell_height,
        .wide = s->seq[VGA_SEQ_CLOCKING] & VGA_SEQ_CLOCK_HALF,
        .double_scan = double_scan,
        .start = start_address(crtc),
        .stride = crtc[VGA_CRTC_OFFSET] * 2u,
        .cursor_on = !(crtc[VGA_CRTC_CURSOR_START] & VGA_CRTC_CURSOR_OFF),
        .cursor = (unsigned)crtc[VGA_CRTC_CURSOR_HI] << 8 | crtc[VGA_CRTC_CURSOR_LO],
        .cursor_top = crtc[VGA_CRTC_CURSOR_START] & 0x1f,
        .cursor_bottom = crtc[VGA_CRTC_CURSOR_END] & 0x1f,
    };
    return true;
}

/* 8 dots per character clock, halved by the 256-colour shift; each line
 * repeated max-scan-line + 1 times, twice more when double scanned. */
bool vga_graphics_layout(const VgaState *s, VgaGraphicsLayout *g)
{
    const uint8_t *crtc = s->crtc;
    if (vbe_enabled(s) || !(s->gc[VGA_GC_MISC] & VGA_GC_MISC_GRAPHICS))
        return false;
    bool byte_per_pixel = s->gc[VGA_GC_MODE] & VGA_GC_MODE_256;
    unsigned dots = (crtc[VGA_CRTC_HDISP_END] + 1u) * 8;
    unsigned repeat = ((crtc[VGA_CRTC_MAX_SCAN] & 0x1f) + 1) * (crtc[VGA_CRTC_MAX_SCAN] & VGA_CRTC_DOUBLE_SCAN ? 2 : 1);
    *g = (VgaGraphicsLayout){
        .width = byte_per_pixel ? dots / 2 : dots,
        .height = display_lines(crtc) / repeat,
        .start = start_address(crtc),
        .stride = crtc[VGA_CRTC_OFFSET] * 2u,
        .byte_per_pixel = byte_per_pixel,
    };
    return true;
}

/* Map select values 0-7 name 8 KiB font slots 0, 2, 4, 6, 1, 3, 5, 7 of
 * plane 2. Attribute bit 3 picks map A (bits 5, 3-2) over map B (bits 4,
 * 1-0). */
unsigned vga_glyph_address(const VgaState *s, uint8_t ch, uint8_t attr)
{
    uint8_t sel = s->seq[VGA_SEQ_CHAR_MAP];
    unsigned map = attr & 0x08 ? ((sel >> 3) & 4) | ((sel >> 2) & 3) : ((sel >> 2) & 4) | (sel & 3);
    return (map & 3) * 0x4000 + (map >> 2) * 0x2000 + ch * 32u;
}

bool vga_text_screen(const Vga *v, uint16_t *cells, unsigned max_cells, unsigned *cols, unsigned *rows)
{
    VgaTextLayout t;
    if (!vga_text_layout(&v->s, &t))
        return false;
    *cols = t.cols;
    *rows = t.rows;
    for (unsigned r = 0; r < t.rows; r++) {
        for (unsigned c = 0; c < t.cols && r * t.cols + c < max_cells; c++) {
            unsigned address = t.start + r * t.stride + c;
            cells[r * t.cols + c] = *plane_byte(&v->s, address, 0) | *plane_byte(&v->s, address, 1) << 8;
        }
    }
    return true;
}

/* ---- the device ---------------------------------------------------------- */

void vga_reset(Vga *v)
{
    uint8_t *vram = v->s.vram;
    v->s = (VgaState){.vram = vram, .dac_mask = 0xff};
    v->s.vbe[VBE_ID] = VBE_ID_LATEST;
    v->s.vbe[VBE_XRES] = 640;
    v->s.vbe[VBE_YRES] = 480;
    v->s.vbe[VBE_BPP] = 8;
    v->s.vbe[VBE_VIDEO_MEMORY_64K] = VGA_VRAM_BYTES / VBE_BANK_SIZE;
    v->seq_index = v->gc_index = v->crtc_index = 0;
    v->ac_data_next = false;
    v->dac_write_index = v->dac_read_index = v->dac_component = 0;
    v->dac_state = DAC_STATE_WRITING;
    v->feature = v->status1 = 0;
    memset(v->latch, 0, sizeof v->latch);
    v->vbe_index = 0;
}

Vga *vga_new(Machine *m, AddressSpace *mem, AddressSpace *ports)
{
    (void)m;
    Vga *v = g_new0(Vga, 1);
    v->mem = mem;
    v->ports = ports;
    v->lfb = as_add_ram(mem, "vga-lfb", VGA_LFB_BASE, VGA_VRAM_BYTES);
    v->s.vram = v->lfb->host;
    v->window = as_add_mmio(mem, "vga-window", VGA_WINDOW_BASE, VGA_WINDOW_SIZE, &window_ops, v,
                            VGA_WINDOW_PRIORITY);
    v->vga_ports = as_add_mmio(ports, "vga", VGA_PORT_BASE, VGA_PORT_COUNT, &vga_port_ops, v, 0);
    v->vbe_ports = as_add_mmio(ports, "vga-vbe", VBE_PORT_BASE, VBE_PORT_COUNT, &vbe_port_ops, v, 0);
    vga_reset(v);
    return v;
}

void vga_free(Vga *v)
{
    as_remove(v->ports, v->vbe_ports);
    as_remove(v->ports, v->vga_ports);
    as_remove(v->mem, v->window);
    as_remove(v->mem, v->lfb);
    g_free(v);
}
