/* machines/display_sdl.h — the SDL2 window of -display sdl: shows a
 * rendered Screen (the window follows the mode's size; the user may
 * scale it) and turns the host's key presses into PC scancode set 1.
 * Every call is made on the CPU thread, the one that opened it. */
#ifndef MORPH_DISPLAY_SDL_H
#define MORPH_DISPLAY_SDL_H

#include <stdbool.h>
#include <stdint.h>

#include <glib.h>

#include "machines/display.h"

typedef struct SdlDisplay SdlDisplay;

/* NULL with *err set if SDL cannot open a window. */
SdlDisplay *display_sdl_open(const char *title, GError **err);
void display_sdl_show(SdlDisplay *w, const Screen *s);
/* Hand pending key events to key; false once the user closed the window. */
bool display_sdl_poll(SdlDisplay *w, DisplayKeyFn key, void *key_opaque);
void display_sdl_close(SdlDisplay *w);

/* The set-1 bytes of a press (down) or release of the key at SDL
 * scancode sdl_scancode (an SDL_Scancode) into out[0..3]; their count,
 * 0 for a key the PC keyboard lacks. */
unsigned display_sdl_scancode(int sdl_scancode, bool down, uint8_t out[4]);

#endif
