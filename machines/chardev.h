/* machines/chardev.h — host character back-ends of emulated serial ports
 * (-serial stdio|pty|file:PATH|tcp:HOST:PORT[,server][,nowait]|null):
 * bytes the guest writes go out; bytes from the host queue up until the
 * device takes them. A reader thread fills the queue and calls the
 * notify hook (the machine's kick). stdio puts the terminal in raw mode
 * while the machine runs and restores it on exit; Ctrl-A x quits,
 * Ctrl-A Ctrl-A sends a Ctrl-A, as in QEMU. */
#ifndef MORPH_CHARDEV_H
#define MORPH_CHARDEV_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

typedef struct CharDev CharDev;

/* NULL with *err set if spec is malformed or cannot be opened. */
CharDev *chardev_open(const char *spec, GError **err);
void chardev_close(CharDev *cd);

/* Called on the reader thread when input arrives or the user asked to
 * quit (chardev_quit_requested). */
void chardev_set_notify(CharDev *cd, void (*notify)(void *opaque), void *opaque);

/* Guest output; never blocks the guest for long (drops if the host side
 * is gone). */
void chardev_write(CharDev *cd, const void *buf, size_t len);
/* Take up to max queued input bytes; returns how many (0: none now). */
size_t chardev_read(CharDev *cd, void *buf, size_t max);
/* The user typed Ctrl-A x on stdio. */
bool chardev_quit_requested(CharDev *cd);

#endif
