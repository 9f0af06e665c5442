/* machines/display_sdl.c — the SDL2 window: a streaming texture of the
 * screen scaled into the window with its aspect kept, and the keyboard as
 * PC scancode set 1 (IBM PC AT Technical Reference, "Keyboard Scan
 * Codes", set 1). SDL's scancodes name physical keys (USB HID usages),
 * so the table below does not depend on the host's keyboard layout.
 * Print Screen and Pause, whose set-1 sequences are not a make/break pair,
 * are not passed on. */
#include "machines/display_sdl.h"

#include <stdlib.h>
#include <string.h>

#include <SDL.h>

struct SdlDisplay {
    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Texture *texture;
    unsigned width, height; /* the texture's */
};

enum { SET1_EXTENDED = 0xE000, SET1_PREFIX = 0xE0, SET1_BREAK = 0x80 };

/* SDL scancode -> set-1 make code (0xE0xx: the 0xE0-prefixed keys). */
static const uint16_t set1_codes[SDL_NUM_SCANCODES] = {
    [SDL_SCANCODE_ESCAPE] = 0x01,
    [SDL_SCANCODE_1] = 0x02, [SDL_SCANCODE_2] = 0x03, [SDL_SCANCODE_3] = 0x04, [SDL_SCANCODE_4] = 0x05,
    [SDL_SCANCODE_5] = 0x06, [SDL_SCANCODE_6] = 0x07, [SDL_SCANCODE_7] = 0x08, [SDL_SCANCODE_8] = 0x09,
    [SDL_SCANCODE_9] = 0x0A, [SDL_SCANCODE_0] = 0x0B,
    [SDL_SCANCODE_MINUS] = 0x0C, [SDL_SCANCODE_EQUALS] = 0x0D, [SDL_SCANCODE_BACKSPACE] = 0x0E,
    [SDL_SCANCODE_TAB] = 0x0F,
    [SDL_SCANCODE_Q] = 0x10, [SDL_SCANCODE_W] = 0x11, [SDL_SCANCODE_E] = 0x12, [SDL_SCANCODE_R] = 0x13,
    [SDL_SCANCODE_T] = 0x14, [SDL_SCANCODE_Y] = 0x15, [SDL_SCANCODE_U] = 0x16, [SDL_SCANCODE_I] = 0x17,
    [SDL_SCANCODE_O] = 0x18, [SDL_SCANCODE_P] = 0x19,
    [SDL_SCANCODE_LEFTBRACKET] = 0x1A, [SDL_SCANCODE_RIGHTBRACKET] = 0x1B, [SDL_SCANCODE_RETURN] = 0x1C,
    [SDL_SCANCODE_LCTRL] = 0x1D,
    [SDL_SCANCODE_A] = 0x1E, [SDL_SCANCODE_S] = 0x1F, [SDL_SCANCODE_D] = 0x20, [SDL_SCANCODE_F] = 0x21,
    [SDL_SCANCODE_G] = 0x22, [SDL_SCANCODE_H] = 0x23, [SDL_SCANCODE_J] = 0x24, [SDL_SCANCODE_K] = 0x25,
    [SDL_SCANCODE_L] = 0x26,
    [SDL_SCANCODE_SEMICOLON] = 0x27, [SDL_SCANCODE_APOSTROPHE] = 0x28, [SDL_SCANCODE_GRAVE] = 0x29,
    [SDL_SCANCODE_LSHIFT] = 0x2A, [SDL_SCANCODE_BACKSLASH] = 0x2B, [SDL_SCANCODE_NONUSHASH] = 0x2B,
    [SDL_SCANCODE_Z] = 0x2C, [SDL_SCANCODE_X] = 0x2D, [SDL_SCANCODE_C] = 0x2E, [SDL_SCANCODE_V] = 0x2F,
    [SDL_SCANCODE_B] = 0x30, [SDL_SCANCODE_N] = 0x31, [SDL_SCANCODE_M] = 0x32,
    [SDL_SCANCODE_COMMA] = 0x33, [SDL_SCANCODE_PERIOD] = 0x34, [SDL_SCANCODE_SLASH] = 0x35,
    [SDL_SCANCODE_RSHIFT] = 0x36, [SDL_SCANCODE_KP_MULTIPLY] = 0x37, [SDL_SCANCODE_LALT] = 0x38,
    [SDL_SCANCODE_SPACE] = 0x39, [SDL_SCANCODE_CAPSLOCK] = 0x3A,
    [SDL_SCANCODE_F1] = 0x3B, [SDL_SCANCODE_F2] = 0x3C, [SDL_SCANCODE_F3] = 0x3D, [SDL_SCANCODE_F4] = 0x3E,
    [SDL_SCANCODE_F5] = 0x3F, [SDL_SCANCODE_F6] = 0x40, [SDL_SCANCODE_F7] = 0x41, [SDL_SCANCODE_F8] = 0x42,
    [SDL_SCANCODE_F9] = 0x43, [SDL_SCANCODE_F10] = 0x44,
    [SDL_SCANCODE_NUMLOCKCLEAR] = 0x45, [SDL_SCANCODE_SCROLLLOCK] = 0x46,
    [SDL_SCANCODE_KP_7] = 0x47, [SDL_SCANCODE_KP_8] = 0x48, [SDL_SCANCODE_KP_9] = 0x49,
    [SDL_SCANCODE_KP_MINUS] = 0x4A,
    [SDL_SCANCODE_KP_4] = 0x4B, [SDL_SCANCODE_KP_5] = 0x4C, [SDL_SCANCODE_KP_6] = 0x4D,
    [SDL_SCANCODE_KP_PLUS] = 0x4E,
    [SDL_SCANCODE_KP_1] = 0x4F, [SDL_SCANCODE_KP_2] = 0x50, [SDL_SCANCODE_KP_3] = 0x51,
    [SDL_SCANCODE_KP_0] = 0x52, [SDL_SCANCODE_KP_PERIOD] = 0x53,
    [SDL_SCANCODE_NONUSBACKSLASH] = 0x56, [SDL_SCANCODE_F11] = 0x57, [SDL_SCANCODE_F12] = 0x58,
    [SDL_SCANCODE_KP_ENTER] = 0xE01C, [SDL_SCANCODE_RCTRL] = 0xE01D, [SDL_SCANCODE_KP_DIVIDE] = 0xE035,
    [SDL_SCANCODE_RALT] = 0xE038,
    [SDL_SCANCODE_HOME] = 0xE047, [SDL_SCANCODE_UP] = 0xE048, [SDL_SCANCODE_PAGEUP] = 0xE049,
    [SDL_SCANCODE_LEFT] = 0xE04B, [SDL_SCANCODE_RIGHT] = 0xE04D, [SDL_SCANCODE_END] = 0xE04F,
    [SDL_SCANCODE_DOWN] = 0xE050, [SDL_SCANCODE_PAGEDOWN] = 0xE051, [SDL_SCANCODE_INSERT] = 0xE052,
    [SDL_SCANCODE_DELETE] = 0xE053,
    [SDL_SCANCODE_LGUI] = 0xE05B, [SDL_SCANCODE_RGUI] = 0xE05C, [SDL_SCANCODE_APPLICATION] = 0xE05D,
};

unsigned display_sdl_scancode(int sdl_scancode, bool down, uint8_t out[4])
{
    if (sdl_scancode < 0 || sdl_scancode >= SDL_NUM_SCANCODES || !set1_codes[sdl_scancode])
        return 0;
    uint16_t code = set1_codes[sdl_scancode];
    unsigned n = 0;
    if (code & SET1_EXTENDED)
        out[n++] = SET1_PREFIX;
    out[n++] = (uint8_t)(code | (down ? 0 : SET1_BREAK));
    return n;
}

static void sdl_failed(GError **err, const char *what)
{
    g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED, "-display sdl: %s: %s", what, SDL_GetError());
}

/* SDL falls back to drivers that show nothing ("offscreen", "dummy")
 * where no display server answers; those only when asked for by name. */
static bool shows_nothing(const char *driver)
{
    return !getenv("SDL_VIDEODRIVER") && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy"));
}

static bool open_video(GError **err)
{
    if (!getenv("SDL_VIDEODRIVER") && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "-display sdl: no display server ($DISPLAY and $WAYLAND_DISPLAY are unset)");
        return false;
    }
    /* morph-system's own handlers stop the machine on SIGTERM/SIGINT. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        sdl_failed(err, "cannot open the display");
        return false;
    }
    const char *driver = SDL_GetCurrentVideoDriver(); /* a string of the driver table */
    if (shows_nothing(driver)) {
        g_set_error(err, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "-display sdl: cannot reach the display server (SDL found only its '%s' driver)", driver);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return false;
    }
    return true;
}

SdlDisplay *display_sdl_open(const char *title, GError **err)
{
    if (!open_video(err))
        return NULL;
    SdlDisplay *w = g_new0(SdlDisplay, 1);
    w->window = SDL_CreateWindow(title, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, 640, 480,
                                 SDL_WINDOW_RESIZABLE);
    if (w->window)
        w->renderer = SDL_CreateRenderer(w->window, -1, 0);
    if (!w->renderer) {
        sdl_failed(err, "cannot open a window");
        display_sdl_close(w);
        return NULL;
    }
    return w;
}

/* A new mode: a texture of its size, and the window sized to it. */
static void fit_mode(SdlDisplay *w, const Screen *s)
{
    if (w->texture && w->width == s->width && w->height == s->height)
        return;
    if (w->texture)
        SDL_DestroyTexture(w->texture);
    w->texture = SDL_CreateTexture(w->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING,
                                   (int)s->width, (int)s->height);
    w->width = s->width;
    w->height = s->height;
    SDL_RenderSetLogicalSize(w->renderer, (int)s->width, (int)s->height);
    SDL_SetWindowSize(w->window, (int)s->width, (int)s->height);
}

void display_sdl_show(SdlDisplay *w, const Screen *s)
{
    fit_mode(w, s);
    if (!w->texture)
        return;
    SDL_UpdateTexture(w->texture, NULL, s->pixels, (int)(s->width * sizeof *s->pixels));
    SDL_RenderClear(w->renderer);
    SDL_RenderCopy(w->renderer, w->texture, NULL, NULL);
    SDL_RenderPresent(w->renderer);
}

static void pass_key(const SDL_KeyboardEvent *e, DisplayKeyFn key, void *key_opaque)
{
    uint8_t bytes[4];
    unsigned n = display_sdl_scancode(e->keysym.scancode, e->type == SDL_KEYDOWN, bytes);
    if (n && key)
        key(key_opaque, bytes, n);
}

bool display_sdl_poll(SdlDisplay *w, DisplayKeyFn key, void *key_opaque)
{
    (void)w;
    SDL_Event e;
    bool open = true;
    while (SDL_PollEvent(&e)) {
        if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP)
            pass_key(&e.key, key, key_opaque);
        else if (e.type == SDL_QUIT)
            open = false;
    }
    return open;
}

void display_sdl_close(SdlDisplay *w)
{
    if (w->texture)
        SDL_DestroyTexture(w->texture);
    if (w->renderer)
        SDL_DestroyRenderer(w->renderer);
    if (w->window)
        SDL_DestroyWindow(w->window);
    g_free(w);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}
