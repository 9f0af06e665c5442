/* machines/display.h — a board's screen: the VGA's state rendered into an
 * RGB image, and the machine's display around it — the SDL window
 * (-display sdl), its refresh and keyboard, and the PNG written when the
 * machine stops (-screendump).
 *
 * A board with a screen (BoardDesc.has_display) calls display_new once
 * its VGA exists and display_free in its free hook before vga_free:
 * display_free writes the -screendump file. A SIGTERM or SIGINT then
 * stops the machine at a safe point of the CPU thread, so the dump
 * happens there too.
 */
#ifndef MORPH_DISPLAY_H
#define MORPH_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "machines/devices/vga.h"
#include "machines/machine.h"

/* An image of the screen: width x height pixels 0x00RRGGBB, row by row. */
typedef struct Screen {
    unsigned width, height;
    uint32_t *pixels;
} Screen;

/* Render the VGA's current mode into s, reallocating its pixels when the
 * mode's size changed (then true). A blanked or unusable mode is black
 * (640x480 where it has no size). */
bool display_render(const VgaState *vga, Screen *s);
void screen_release(Screen *s);

/* The guest's keyboard: PC scancode set 1 bytes of one key press or
 * release (an extended key is 0xE0 and its code; a release has bit 7
 * set), for the board's keyboard controller. */
typedef void (*DisplayKeyFn)(void *opaque, const uint8_t *scancodes, size_t len);

typedef struct Display Display;

/* The machine's display of vga, as m->opt asks. NULL with *err set
 * where -display sdl cannot open a window (no display server, ...). */
Display *display_new(Machine *m, const Vga *vga, DisplayKeyFn key, void *key_opaque, GError **err);
/* Write the screen as it is now as a PNG. */
bool display_screendump(Display *d, const char *path, GError **err);
/* Writes -screendump (an error is reported on stderr), closes the window. */
void display_free(Display *d);

#endif
