/* machines/devices/vga.h — the PC's display adapter: an IBM VGA (its
 * registers behind ports 0x3B0-0x3DF, 256 KiB of plane memory behind the
 * legacy window 0xA0000-0xBFFFF) with the Bochs VBE extension (ports
 * 0x1CE/0x1CF, a 16 MiB linear framebuffer at VGA_LFB_BASE), as
 * SeaBIOS's vgabios-stdvga.bin drives it.
 *
 * The device keeps registers and memory; machines/display.c turns them
 * into pixels, reading the VgaState view below.
 */
#ifndef MORPH_VGA_H
#define MORPH_VGA_H

#include <stdbool.h>
#include <stdint.h>

#include "machines/machine.h"
#include "softmmu/memory.h"

#define VGA_LFB_BASE 0xE0000000ull

enum {
    VGA_VRAM_BYTES = 16 << 20, /* the LFB; the planes are its first 256 KiB */
    VGA_PLANE_BYTES = 64 << 10,

    VGA_SEQ_COUNT = 5,   /* sequencer registers */
    VGA_GC_COUNT = 9,    /* graphics controller registers */
    VGA_AC_COUNT = 0x15, /* attribute controller registers */
    VGA_CRTC_COUNT = 0x19,

    /* sequencer */
    VGA_SEQ_CLOCKING = 1, VGA_SEQ_MAP_MASK = 2, VGA_SEQ_CHAR_MAP = 3, VGA_SEQ_MEMORY_MODE = 4,
    VGA_SEQ_CLOCK_8DOT = 0x01,      /* clocking mode: 8-dot characters (else 9) */
    VGA_SEQ_CLOCK_HALF = 0x08,      /* dot clock halved */
    VGA_SEQ_SCREEN_OFF = 0x20,
    VGA_SEQ_MEM_SEQUENTIAL = 0x04,  /* memory mode: odd/even off */
    VGA_SEQ_MEM_CHAIN4 = 0x08,

    /* graphics controller */
    VGA_GC_SET_RESET = 0, VGA_GC_ENABLE_SET_RESET, VGA_GC_COLOR_COMPARE, VGA_GC_ROTATE, VGA_GC_READ_MAP,
    VGA_GC_MODE, VGA_GC_MISC, VGA_GC_COLOR_DONT_CARE, VGA_GC_BIT_MASK,
    VGA_GC_MODE_READ_COMPARE = 0x08, /* read mode 1 */
    VGA_GC_MODE_ODD_EVEN = 0x10,
    VGA_GC_MODE_256 = 0x40,          /* 256-colour shift: a byte per pixel */
    VGA_GC_MISC_GRAPHICS = 0x01,

    /* attribute controller: palette registers 0-15, then */
    VGA_AC_MODE = 0x10, VGA_AC_PLANE_ENABLE = 0x12, VGA_AC_COLOR_SELECT = 0x14,
    VGA_AC_MODE_LINE_GRAPHICS = 0x04, /* 9th dot of 0xC0-0xDF repeats the 8th */
    VGA_AC_MODE_BLINK = 0x08,         /* attribute bit 7 blinks instead of brightening */
    VGA_AC_MODE_P54_SELECT = 0x80,    /* colour select bits 0-1 are DAC index bits 4-5 */
    VGA_AC_INDEX_MASK = 0x1f,
    VGA_AC_PALETTE_SOURCE = 0x20,     /* in the index: 0 blanks the screen */

    /* CRTC */
    VGA_CRTC_HDISP_END = 0x01, VGA_CRTC_OVERFLOW = 0x07, VGA_CRTC_MAX_SCAN = 0x09,
    VGA_CRTC_CURSOR_START = 0x0A, VGA_CRTC_CURSOR_END = 0x0B, VGA_CRTC_START_HI = 0x0C,
    VGA_CRTC_START_LO = 0x0D, VGA_CRTC_CURSOR_HI = 0x0E, VGA_CRTC_CURSOR_LO = 0x0F,
    VGA_CRTC_VRETRACE_END = 0x11, VGA_CRTC_VDISP_END = 0x12, VGA_CRTC_OFFSET = 0x13,
    VGA_CRTC_PROTECT = 0x80,         /* in vertical retrace end: registers 0-7 read-only */
    VGA_CRTC_LINE_COMPARE_8 = 0x10,  /* the overflow bit that stays writable */
    VGA_CRTC_CURSOR_OFF = 0x20,
    VGA_CRTC_DOUBLE_SCAN = 0x80,

    /* Bochs VBE registers (index written to 0x1CE, data at 0x1CF) */
    VBE_ID = 0, VBE_XRES, VBE_YRES, VBE_BPP, VBE_ENABLE, VBE_BANK,
    VBE_VIRT_WIDTH, VBE_VIRT_HEIGHT, VBE_X_OFFSET, VBE_Y_OFFSET, VBE_VIDEO_MEMORY_64K,
    VBE_REG_COUNT,

    VBE_ENABLED = 0x01,     /* VBE_ENABLE bits */
    VBE_GETCAPS = 0x02,     /* XRES/YRES/BPP read back the maxima */
    VBE_8BIT_DAC = 0x20,
    VBE_LFB_ENABLED = 0x40,
    VBE_NOCLEARMEM = 0x80,
};

/* The registers as the renderer reads them. The planes are interleaved:
 * plane p's byte at plane address a is vram[a * 4 + p] (chain-4 mode 13h
 * thus reads as one linear byte per pixel). */
typedef struct VgaState {
    uint8_t *vram;         /* VGA_VRAM_BYTES: the LFB's host memory */
    uint8_t misc;          /* miscellaneous output (0x3C2) */
    uint8_t seq[VGA_SEQ_COUNT];
    uint8_t gc[VGA_GC_COUNT];
    uint8_t ac[VGA_AC_COUNT];
    uint8_t ac_index;      /* bit 5: palette address source (0: screen off) */
    uint8_t crtc[VGA_CRTC_COUNT];
    uint8_t dac[256][3];   /* 6 bits per colour (8 with VBE_8BIT_DAC) */
    uint8_t dac_mask;      /* pixel mask (0x3C6) */
    uint16_t vbe[VBE_REG_COUNT];
} VgaState;

typedef struct Vga Vga;

/* Maps the legacy window (above RAM), the ports and the LFB. m is
 * unused today (timers of a retrace model would need it). */
Vga *vga_new(Machine *m, AddressSpace *mem, AddressSpace *ports);
/* Back to the power-on state: VGA registers cleared, VBE off; memory kept. */
void vga_reset(Vga *v);
/* Unmaps and frees the device (before its address spaces go). */
void vga_free(Vga *v);

const VgaState *vga_state(const Vga *v);

/* A text mode as the CRTC and sequencer lay it out. Cell i of the
 * screen (row-major, rows of `stride` cells) sits at plane address
 * start + row * stride + column: its character in plane 0, its attribute
 * in plane 1 (odd/even addressing puts the CPU's even bytes in plane 0
 * and odd bytes in plane 1 at half their offset). */
typedef struct VgaTextLayout {
    unsigned cols, rows;
    unsigned cell_width;  /* 8 or 9 dots */
    unsigned cell_height; /* scan lines per character row */
    bool wide;            /* dot clock halved (40-column modes): each dot twice */
    bool double_scan;     /* each scan line twice (200-line modes) */
    unsigned start, stride;
    bool cursor_on;
    unsigned cursor, cursor_top, cursor_bottom;
} VgaTextLayout;

/* false outside a text mode (graphics or VBE). */
bool vga_text_layout(const VgaState *s, VgaTextLayout *t);
/* The plane-2 address of character ch's glyph (32 bytes per glyph) for
 * attribute attr: character map A or B of the sequencer's map select. */
unsigned vga_glyph_address(const VgaState *s, uint8_t ch, uint8_t attr);

/* A VGA graphics mode (not VBE): width x height pixels, line y at plane
 * address start + y * stride. In 256-colour modes (GC mode bit 6) pixel
 * x of a line is byte x from the line's first plane address (chain-4);
 * in 16-colour modes it is bit 7 - x % 8 of byte x / 8 of each plane. */
typedef struct VgaGraphicsLayout {
    unsigned width, height, start, stride;
    bool byte_per_pixel;
} VgaGraphicsLayout;

/* false outside a VGA graphics mode (text or VBE). */
bool vga_graphics_layout(const VgaState *s, VgaGraphicsLayout *g);

/* The text screen as the CRTC shows it: cols x rows cells from the start
 * address, each the character in its low byte and the attribute in its
 * high byte. false (nothing written) outside a text mode. cells holds
 * max_cells. */
bool vga_text_screen(const Vga *v, uint16_t *cells, unsigned max_cells, unsigned *cols, unsigned *rows);

#endif
