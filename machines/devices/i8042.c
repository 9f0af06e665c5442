/* machines/devices/i8042.c — the PC's keyboard controller, keyboard and
 * mouse (IBM PS/2 Technical Reference: the keyboard/auxiliary device
 * controller, the 101/102-key keyboard and the mouse).
 *
 *   keyboard: replies ─┐                       ┌─ status (0x64)
 *             keys ────┴─► translation ─┐      │
 *   controller replies ─────────────────┼─► output buffer ─► 0x60, irq1
 *   mouse: replies ─────────────────────┘        (aux data) ─► irq12
 *
 * The output buffer holds one byte; when the guest reads it, the next
 * comes from the controller's replies first (its command results as
 * keyboard data, its loop-back of 0xD3 as mouse data), then the keyboard
 * (replies before keys), then the mouse — each device only while its
 * interface is enabled in the command byte. Keyboard bytes pass the controller's
 * set 2 -> set 1 translation while the command byte asks for it.
 */
#include "machines/devices/i8042.h"

#include <string.h>

#include "util/log.h"

enum {
    PORT_DATA = 0x60,
    PORT_COMMAND = 0x64,

    STATUS_OBF = 1 << 0,      /* output buffer full */
    STATUS_SYS = 1 << 2,      /* system flag: self test passed */
    STATUS_COMMAND = 1 << 3,  /* the last write was to port 0x64 */
    STATUS_UNLOCKED = 1 << 4, /* keyboard not inhibited */
    STATUS_AUX_DATA = 1 << 5, /* the output buffer holds mouse data */

    CB_KBD_INT = 1 << 0,      /* command byte: irq1 on keyboard data */
    CB_AUX_INT = 1 << 1,      /* irq12 on mouse data */
    CB_SYS = 1 << 2,
    CB_KBD_DISABLE = 1 << 4,
    CB_AUX_DISABLE = 1 << 5,
    CB_XLATE = 1 << 6,        /* translate keyboard data to set 1 */
    CB_POWER_ON = CB_KBD_INT | CB_AUX_INT | CB_XLATE,

    OUT_RESET = 1 << 0,       /* output port: system reset, active low */
    OUT_A20 = 1 << 1,
    OUT_KBD_OBF = 1 << 4,
    OUT_AUX_OBF = 1 << 5,
    OUT_LINES_IDLE = 3 << 6,  /* keyboard clock and data high */
    OUT_POWER_ON = OUT_RESET | OUT_A20 | OUT_LINES_IDLE,
    /* Input port: keyboard not inhibited, no manufacturing jumper, colour display. */
    INPUT_PORT = 0xa0,

    SELF_TEST_OK = 0x55,
    INTERFACE_TEST_OK = 0x00,
    NO_PASSWORD = 0xf1,

    /* keyboard and mouse */
    ACK = 0xfa,
    RESEND = 0xfe,
    BAT_OK = 0xaa,            /* basic assurance test passed */
    ECHO = 0xee,
    BREAK_PREFIX = 0xf0,      /* set 2: the next code is a key's release */
    SET1_BREAK = 0x80,
    KBD_ID_0 = 0xab, KBD_ID_1 = 0x83, /* MF2 keyboard */
    MOUSE_ID = 0x00,          /* standard PS/2 mouse */

    QUEUE_SIZE = 16,
    RAM_SIZE = 32,
};

typedef struct ByteQueue {
    uint8_t data[QUEUE_SIZE];
    unsigned head, count;
} ByteQueue;

typedef struct Ps2Keyboard {
    ByteQueue replies, keys;
    bool scanning;
    unsigned scancode_set;    /* 1 or 2 */
    uint8_t awaiting;         /* a command waiting for its parameter, or 0 */
    uint8_t leds, last_sent;
} Ps2Keyboard;

typedef struct Ps2Mouse {
    ByteQueue replies;
    bool reporting, remote, scaling_2to1;
    uint8_t resolution, sample_rate;
    uint8_t awaiting, last_sent;
} Ps2Mouse;

struct I8042 {
    AddressSpace *ports;
    MemoryRegion *data_mr, *command_mr;
    IrqLine irq1, irq12;
    int irq1_level, irq12_level;
    void (*a20)(void *opaque, bool on);
    void (*reset)(void *opaque);
    void *opaque;
    uint8_t ram[RAM_SIZE];    /* ram[0]: the command byte */
    uint8_t status;           /* STATUS_SYS and STATUS_COMMAND */
    uint8_t output_port;
    uint8_t awaiting;         /* a controller command waiting for its data byte, or 0 */
    ByteQueue replies, aux_replies; /* the controller's own bytes, as keyboard or mouse data */
    bool obf, obf_aux, xlate_break;
    uint8_t out;
    Ps2Keyboard kbd;
    Ps2Mouse mouse;
    uint8_t set2_to_set1[256];
};

/* ---- scan codes --------------------------------------------------------------------- */

/* Set 1 make code -> set 2 make code, for every key of the MF2 keyboard
 * (the extended keys' codes follow 0xE0 in both sets; 0 = no key). */
static const uint8_t set1_to_set2[128] = {
    [0x01] = 0x76, [0x02] = 0x16, [0x03] = 0x1e, [0x04] = 0x26, [0x05] = 0x25, [0x06] = 0x2e,
    [0x07] = 0x36, [0x08] = 0x3d, [0x09] = 0x3e, [0x0a] = 0x46, [0x0b] = 0x45, [0x0c] = 0x4e,
    [0x0d] = 0x55, [0x0e] = 0x66, [0x0f] = 0x0d, [0x10] = 0x15, [0x11] = 0x1d, [0x12] = 0x24,
    [0x13] = 0x2d, [0x14] = 0x2c, [0x15] = 0x35, [0x16] = 0x3c, [0x17] = 0x43, [0x18] = 0x44,
    [0x19] = 0x4d, [0x1a] = 0x54, [0x1b] = 0x5b, [0x1c] = 0x5a, [0x1d] = 0x14, [0x1e] = 0x1c,
    [0x1f] = 0x1b, [0x20] = 0x23, [0x21] = 0x2b, [0x22] = 0x34, [0x23] = 0x33, [0x24] = 0x3b,
    [0x25] = 0x42, [0x26] = 0x4b, [0x27] = 0x4c, [0x28] = 0x52, [0x29] = 0x0e, [0x2a] = 0x12,
    [0x2b] = 0x5d, [0x2c] = 0x1a, [0x2d] = 0x22, [0x2e] = 0x21, [0x2f] = 0x2a, [0x30] = 0x32,
    [0x31] = 0x31, [0x32] = 0x3a, [0x33] = 0x41, [0x34] = 0x49, [0x35] = 0x4a, [0x36] = 0x59,
    [0x37] = 0x7c, [0x38] = 0x11, [0x39] = 0x29, [0x3a] = 0x58, [0x3b] = 0x05, [0x3c] = 0x06,
    [0x3d] = 0x04, [0x3e] = 0x0c, [0x3f] = 0x03, [0x40] = 0x0b, [0x41] = 0x83, [0x42] = 0x0a,
    [0x43] = 0x01, [0x44] = 0x09, [0x45] = 0x77, [0x46] = 0x7e, [0x47] = 0x6c, [0x48] = 0x75,
    [0x49] = 0x7d, [0x4a] = 0x7b, [0x4b] = 0x6b, [0x4c] = 0x73, [0x4d] = 0x74, [0x4e] = 0x79,
    [0x4f] = 0x69, [0x50] = 0x72, [0x51] = 0x7a, [0x52] = 0x70, [0x53] = 0x71, [0x54] = 0x84,
    [0x56] = 0x61, [0x57] = 0x78, [0x58] = 0x07, [0x5b] = 0x1f, [0x5c] = 0x27, [0x5d] = 0x2f,
};

static bool is_prefix(uint8_t b) { return b == 0xe0 || b == 0xe1; }

/* The controller's translation: the inverse of set1_to_set2 for key
 * codes, set 2's overrun code 0x00 to set 1's 0xFF, the reply 0x02 (to
 * "which set?") to 0x41 as the 8042's table has it; other bytes
 * (replies, prefixes) pass unchanged. */
static void build_translation(uint8_t set2_to_set1[256])
{
    for (unsigned b = 0; b < 256; b++)
        set2_to_set1[b] = (uint8_t)b;
    for (unsigned code = 0; code < 128; code++)
        if (set1_to_set2[code])
            set2_to_set1[set1_to_set2[code]] = (uint8_t)code;
    set2_to_set1[0x00] = 0xff;
    set2_to_set1[0x02] = 0x41;
}

/* ---- byte queues ----------------------------------------------------------------------- */

static bool queue_push(ByteQueue *q, uint8_t b)
{
    if (q->count == QUEUE_SIZE)
        return false;
    q->data[(q->head + q->count++) % QUEUE_SIZE] = b;
    return true;
}

static uint8_t queue_pop(ByteQueue *q)
{
    uint8_t b = q->data[q->head];
    q->head = (q->head + 1) % QUEUE_SIZE;
    q->count--;
    return b;
}

static void queue_clear(ByteQueue *q) { q->head = q->count = 0; }

/* ---- the output buffer ------------------------------------------------------------------- */

static uint8_t command_byte(const I8042 *kbc) { return kbc->ram[0]; }

static void set_line(const IrqLine *line, int *current, int level)
{
    if (level == *current)
        return;
    *current = level;
    irq_set(line, level);
}

static void update_irqs(I8042 *kbc)
{
    uint8_t cb = command_byte(kbc);
    set_line(&kbc->irq1, &kbc->irq1_level, kbc->obf && !kbc->obf_aux && (cb & CB_KBD_INT));
    set_line(&kbc->irq12, &kbc->irq12_level, kbc->obf && kbc->obf_aux && (cb & CB_AUX_INT));
}

static void fill(I8042 *kbc, uint8_t b, bool aux)
{
    kbc->out = b;
    kbc->obf = true;
    kbc->obf_aux = aux;
}

/* The next keyboard byte as the controller passes it on; false when
 * there is none (a lone break prefix is held until its code comes). */
static bool next_keyboard_byte(I8042 *kbc, uint8_t *out)
{
    Ps2Keyboard *kbd = &kbc->kbd;
    while (kbd->replies.count || kbd->keys.count) {
        uint8_t b = queue_pop(kbd->replies.count ? &kbd->replies : &kbd->keys);
        kbd->last_sent = b;
        if (!(command_byte(kbc) & CB_XLATE)) {
            *out = b;
            return true;
        }
        if (b == BREAK_PREFIX) {
            kbc->xlate_break = true;
            continue;
        }
        *out = kbc->set2_to_set1[b] | (kbc->xlate_break ? SET1_BREAK : 0);
        kbc->xlate_break = false;
        return true;
    }
    return false;
}

/* An empty output buffer takes the next byte waiting. */
static void refill(I8042 *kbc)
{
    uint8_t b;
    if (!kbc->obf) {
        if (kbc->replies.count)
            fill(kbc, queue_pop(&kbc->replies), false);
        else if (kbc->aux_replies.count)
            fill(kbc, queue_pop(&kbc->aux_replies), true);
        else if (!(command_byte(kbc) & CB_KBD_DISABLE) && next_keyboard_byte(kbc, &b))
            fill(kbc, b, false);
        else if (!(command_byte(kbc) & CB_AUX_DISABLE) && kbc->mouse.replies.count)
            fill(kbc, kbc->mouse.last_sent = queue_pop(&kbc->mouse.replies), true);
    }
    update_irqs(kbc);
}

static void controller_reply(I8042 *kbc, uint8_t b)
{
    queue_push(&kbc->replies, b);
}

/* ---- the keyboard ----------------------------------------------------------------------- */

static void kbd_reply(Ps2Keyboard *kbd, uint8_t b) { queue_push(&kbd->replies, b); }

static void kbd_defaults(Ps2Keyboard *kbd)
{
    queue_clear(&kbd->keys);
    kbd->scancode_set = 2;
    kbd->leds = 0;
    kbd->awaiting = 0;
}

static void kbd_set_leds(Ps2Keyboard *kbd, uint8_t v) { kbd->leds = v & 7; }
/* Keys repeat as the host repeats them: the rate is not kept. */
static void kbd_set_typematic(Ps2Keyboard *kbd, uint8_t v) { (void)kbd, (void)v; }

static void kbd_scancode_set(Ps2Keyboard *kbd, uint8_t v)
{
    if (v == 0) {
        kbd_reply(kbd, (uint8_t)kbd->scancode_set);
        return;
    }
    kbd->scancode_set = v; /* 1 or 2 (set 3 is out of range: refused) */
}

/* Commands that take a parameter byte: its accepted range and action. */
static const struct KbdParameter {
    uint8_t command, max;
    void (*apply)(Ps2Keyboard *kbd, uint8_t v);
} kbd_parameters[] = {
    { 0xed, 0x07, kbd_set_leds },      /* set LEDs: scroll, num, caps lock */
    { 0xf0, 0x02, kbd_scancode_set },  /* 0: report the set; 1, 2: select it */
    { 0xf3, 0x7f, kbd_set_typematic }, /* typematic rate and delay */
};

static void kbd_reset(Ps2Keyboard *kbd)
{
    kbd_defaults(kbd);
    kbd->scanning = true;
    kbd_reply(kbd, BAT_OK);
}

static void kbd_identify(Ps2Keyboard *kbd)
{
    kbd_reply(kbd, KBD_ID_0);
    kbd_reply(kbd, KBD_ID_1);
}

static void kbd_enable(Ps2Keyboard *kbd)
{
    queue_clear(&kbd->keys);
    kbd->scanning = true;
}

static void kbd_default_disable(Ps2Keyboard *kbd)
{
    kbd_defaults(kbd);
    kbd->scanning = false;
}

static void kbd_set_default(Ps2Keyboard *kbd) { kbd_defaults(kbd); }
static void kbd_set3_key_types(Ps2Keyboard *kbd) { (void)kbd; }

/* Commands without a parameter; each is acknowledged before its reply. */
static const struct KbdCommand {
    uint8_t first, last;
    void (*run)(Ps2Keyboard *kbd);
} kbd_commands[] = {
    { 0xf2, 0xf2, kbd_identify },        /* read ID */
    { 0xf4, 0xf4, kbd_enable },          /* enable scanning */
    { 0xf5, 0xf5, kbd_default_disable }, /* defaults, stop scanning */
    { 0xf6, 0xf6, kbd_set_default },     /* defaults, keep scanning */
    { 0xf7, 0xfd, kbd_set3_key_types },  /* set 3 key types: accepted, nothing to do */
    { 0xff, 0xff, kbd_reset },           /* reset and self test */
};

static void kbd_command(Ps2Keyboard *kbd, uint8_t v)
{
    if (kbd->awaiting) {
        uint8_t command = kbd->awaiting;
        kbd->awaiting = 0;
        for (size_t i = 0; i < G_N_ELEMENTS(kbd_parameters); i++) {
            const struct KbdParameter *p = &kbd_parameters[i];
            if (p->command == command && v <= p->max) {
                kbd_reply(kbd, ACK);
                p->apply(kbd, v);
                return;
            }
        }
        if (v < 0xed) {
            kbd_reply(kbd, RESEND); /* a parameter out of range */
            return;
        } /* else: a command in a parameter's place aborts the first one */
    }
    if (v == ECHO) {
        kbd_reply(kbd, ECHO);
        return;
    }
    if (v == RESEND) {
        kbd_reply(kbd, kbd->last_sent);
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(kbd_parameters); i++) {
        if (kbd_parameters[i].command == v) {
            kbd_reply(kbd, ACK);
            kbd->awaiting = v;
            return;
        }
    }
    for (size_t i = 0; i < G_N_ELEMENTS(kbd_commands); i++) {
        if (v >= kbd_commands[i].first && v <= kbd_commands[i].last) {
            kbd_reply(kbd, ACK);
            kbd_commands[i].run(kbd);
            return;
        }
    }
    kbd_reply(kbd, RESEND);
}

/* Set 1 bytes -> the keyboard's set (prefixes pass; a set 1 break code
 * is F0 and the make code in set 2). */
static size_t encode_key(const Ps2Keyboard *kbd, const uint8_t *set1, size_t len, uint8_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t b = set1[i];
        if (kbd->scancode_set == 1 || is_prefix(b)) {
            out[n++] = b;
            continue;
        }
        uint8_t code = set1_to_set2[b & 0x7f];
        if (!code)
            return 0;
        if (b & SET1_BREAK)
            out[n++] = BREAK_PREFIX;
        out[n++] = code;
    }
    return n;
}

uint8_t i8042_keyboard_leds(const I8042 *kbc)
{
    return kbc->kbd.leds;
}

void i8042_key_event(I8042 *kbc, const uint8_t *set1_bytes, size_t len)
{
    Ps2Keyboard *kbd = &kbc->kbd;
    uint8_t coded[2 * QUEUE_SIZE];
    if (!kbd->scanning || len > QUEUE_SIZE)
        return;
    size_t n = encode_key(kbd, set1_bytes, len, coded);
    if (n == 0 || kbd->keys.count + n > QUEUE_SIZE)
        return;
    for (size_t i = 0; i < n; i++)
        queue_push(&kbd->keys, coded[i]);
    refill(kbc);
}

/* ---- the mouse -------------------------------------------------------------------------- */

static void mouse_reply(Ps2Mouse *mouse, uint8_t b) { queue_push(&mouse->replies, b); }

static void mouse_defaults(Ps2Mouse *mouse)
{
    mouse->reporting = mouse->remote = mouse->scaling_2to1 = false;
    mouse->resolution = 2;   /* 4 counts/mm */
    mouse->sample_rate = 100;
    mouse->awaiting = 0;
}

static void mouse_set_resolution(Ps2Mouse *mouse, uint8_t v) { mouse->resolution = v & 3; }
static void mouse_set_sample_rate(Ps2Mouse *mouse, uint8_t v) { mouse->sample_rate = v; }

static const struct MouseParameter {
    uint8_t command;
    void (*apply)(Ps2Mouse *mouse, uint8_t v);
} mouse_parameters[] = {
    { 0xe8, mouse_set_resolution },
    { 0xf3, mouse_set_sample_rate },
};

static void mouse_scaling_1to1(Ps2Mouse *mouse) { mouse->scaling_2to1 = false; }
static void mouse_scaling_2to1(Ps2Mouse *mouse) { mouse->scaling_2to1 = true; }
static void mouse_stream_mode(Ps2Mouse *mouse) { mouse->remote = false; }
static void mouse_remote_mode(Ps2Mouse *mouse) { mouse->remote = true; }
static void mouse_enable(Ps2Mouse *mouse) { mouse->reporting = true; }
static void mouse_disable(Ps2Mouse *mouse) { mouse->reporting = false; }
static void mouse_set_defaults(Ps2Mouse *mouse) { mouse_defaults(mouse); }
static void mouse_identify(Ps2Mouse *mouse) { mouse_reply(mouse, MOUSE_ID); }
static void mouse_not_wrapping(Ps2Mouse *mouse) { (void)mouse; }

static void mouse_status(Ps2Mouse *mouse)
{
    mouse_reply(mouse, (uint8_t)((mouse->remote ? 1 << 6 : 0) | (mouse->reporting ? 1 << 5 : 0) |
                                 (mouse->scaling_2to1 ? 1 << 4 : 0)));
    mouse_reply(mouse, mouse->resolution);
    mouse_reply(mouse, mouse->sample_rate);
}

/* A movement packet: no buttons, no motion (bit 3 is always set). */
static void mouse_read_data(Ps2Mouse *mouse)
{
    mouse_reply(mouse, 0x08);
    mouse_reply(mouse, 0);
    mouse_reply(mouse, 0);
}

static void mouse_reset(Ps2Mouse *mouse)
{
    mouse_defaults(mouse);
    mouse_reply(mouse, BAT_OK);
    mouse_reply(mouse, MOUSE_ID);
}

/* Commands without a parameter; each is acknowledged before its reply. */
static const struct MouseCommand {
    uint8_t command;
    void (*run)(Ps2Mouse *mouse);
} mouse_commands[] = {
    { 0xe6, mouse_scaling_1to1 }, { 0xe7, mouse_scaling_2to1 }, { 0xe9, mouse_status },
    { 0xea, mouse_stream_mode },  { 0xeb, mouse_read_data },    { 0xec, mouse_not_wrapping },
    { 0xf0, mouse_remote_mode },  { 0xf2, mouse_identify },     { 0xf4, mouse_enable },
    { 0xf5, mouse_disable },      { 0xf6, mouse_set_defaults }, { 0xff, mouse_reset },
};

static void mouse_command(Ps2Mouse *mouse, uint8_t v)
{
    if (mouse->awaiting) {
        for (size_t i = 0; i < G_N_ELEMENTS(mouse_parameters); i++)
            if (mouse_parameters[i].command == mouse->awaiting)
                mouse_parameters[i].apply(mouse, v);
        mouse->awaiting = 0;
        mouse_reply(mouse, ACK);
        return;
    }
    if (v == RESEND) {
        mouse_reply(mouse, mouse->last_sent);
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(mouse_parameters); i++) {
        if (mouse_parameters[i].command == v) {
            mouse_reply(mouse, ACK);
            mouse->awaiting = v;
            return;
        }
    }
    for (size_t i = 0; i < G_N_ELEMENTS(mouse_commands); i++) {
        if (mouse_commands[i].command == v) {
            mouse_reply(mouse, ACK);
            mouse_commands[i].run(mouse);
            return;
        }
    }
    mouse_reply(mouse, RESEND); /* wrap mode (0xEE) and unknown commands */
}

/* ---- the controller ------------------------------------------------------------------------ */

/* Every write drives the A20 line, changed or not: the board's view of
 * it follows the last write whatever it assumed before. */
static void write_output_port(I8042 *kbc, uint8_t v)
{
    kbc->output_port = v;
    if (kbc->a20)
        kbc->a20(kbc->opaque, v & OUT_A20);
    if (!(v & OUT_RESET) && kbc->reset)
        kbc->reset(kbc->opaque);
}

static void write_command_byte(I8042 *kbc, uint8_t v)
{
    kbc->ram[0] = v;
    kbc->status = (v & CB_SYS) ? (kbc->status | STATUS_SYS) : (kbc->status & ~STATUS_SYS);
}

static void ctl_read_ram(I8042 *kbc, uint8_t cmd) { controller_reply(kbc, kbc->ram[cmd & (RAM_SIZE - 1)]); }
static void ctl_await_data(I8042 *kbc, uint8_t cmd) { kbc->awaiting = cmd; }
static void ctl_no_password(I8042 *kbc, uint8_t cmd) { (void)cmd, controller_reply(kbc, NO_PASSWORD); }
static void ctl_disable_aux(I8042 *kbc, uint8_t cmd) { (void)cmd, kbc->ram[0] |= CB_AUX_DISABLE; }
static void ctl_enable_aux(I8042 *kbc, uint8_t cmd) { (void)cmd, kbc->ram[0] &= ~CB_AUX_DISABLE; }
static void ctl_interface_test(I8042 *kbc, uint8_t cmd) { (void)cmd, controller_reply(kbc, INTERFACE_TEST_OK); }
static void ctl_disable_kbd(I8042 *kbc, uint8_t cmd) { (void)cmd, kbc->ram[0] |= CB_KBD_DISABLE; }
static void ctl_enable_kbd(I8042 *kbc, uint8_t cmd) { (void)cmd, kbc->ram[0] &= ~CB_KBD_DISABLE; }
static void ctl_read_input_port(I8042 *kbc, uint8_t cmd) { (void)cmd, controller_reply(kbc, INPUT_PORT); }
static void ctl_read_test_inputs(I8042 *kbc, uint8_t cmd) { (void)cmd, controller_reply(kbc, 0); }

static void ctl_self_test(I8042 *kbc, uint8_t cmd)
{
    (void)cmd;
    kbc->status |= STATUS_SYS;
    controller_reply(kbc, SELF_TEST_OK);
}

static void ctl_read_output_port(I8042 *kbc, uint8_t cmd)
{
    (void)cmd;
    uint8_t obf_bits = !kbc->obf ? 0 : kbc->obf_aux ? OUT_AUX_OBF : OUT_KBD_OBF;
    controller_reply(kbc, (uint8_t)((kbc->output_port & ~(OUT_KBD_OBF | OUT_AUX_OBF)) | obf_bits));
}

static void ctl_a20(I8042 *kbc, uint8_t cmd)
{
    bool on = cmd == 0xdf;
    write_output_port(kbc, on ? (kbc->output_port | OUT_A20) : (kbc->output_port & ~OUT_A20));
}

/* 0xF0-0xFF: a low bit in bits 3-0 pulses that output port line low;
 * only line 0, the reset, is wired. */
static void ctl_pulse(I8042 *kbc, uint8_t cmd)
{
    if (!(cmd & OUT_RESET) && kbc->reset)
        kbc->reset(kbc->opaque);
}

static const struct ControllerCommand {
    uint8_t first, last;
    void (*run)(I8042 *kbc, uint8_t cmd);
} controller_commands[] = {
    { 0x20, 0x3f, ctl_read_ram },         /* read controller RAM (0x20: the command byte) */
    { 0x60, 0x7f, ctl_await_data },       /* write controller RAM */
    { 0xa4, 0xa4, ctl_no_password },      /* password installed? */
    { 0xa7, 0xa7, ctl_disable_aux },
    { 0xa8, 0xa8, ctl_enable_aux },
    { 0xa9, 0xa9, ctl_interface_test },   /* mouse interface test */
    { 0xaa, 0xaa, ctl_self_test },
    { 0xab, 0xab, ctl_interface_test },   /* keyboard interface test */
    { 0xad, 0xad, ctl_disable_kbd },
    { 0xae, 0xae, ctl_enable_kbd },
    { 0xc0, 0xc0, ctl_read_input_port },
    { 0xd0, 0xd0, ctl_read_output_port },
    { 0xd1, 0xd4, ctl_await_data },       /* write output port, keyboard/mouse buffer, to the mouse */
    { 0xdd, 0xdd, ctl_a20 },              /* A20 off */
    { 0xdf, 0xdf, ctl_a20 },              /* A20 on */
    { 0xe0, 0xe0, ctl_read_test_inputs },
    { 0xf0, 0xff, ctl_pulse },
};

static void controller_command(I8042 *kbc, uint8_t cmd)
{
    kbc->awaiting = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(controller_commands); i++) {
        if (cmd >= controller_commands[i].first && cmd <= controller_commands[i].last) {
            controller_commands[i].run(kbc, cmd);
            return;
        }
    }
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("i8042: unknown controller command %#x\n", cmd);
}

/* A byte written to port 0x60: the data of a controller command, or a
 * command for the keyboard. */
static void write_data(I8042 *kbc, uint8_t v)
{
    uint8_t command = kbc->awaiting;
    kbc->awaiting = 0;
    if (command >= 0x60 && command <= 0x7f) {
        if (command == 0x60)
            write_command_byte(kbc, v);
        else
            kbc->ram[command & (RAM_SIZE - 1)] = v;
    } else if (command == 0xd1) {
        write_output_port(kbc, v);
    } else if (command == 0xd2) {
        controller_reply(kbc, v);          /* as if the keyboard sent it */
    } else if (command == 0xd3) {
        queue_push(&kbc->aux_replies, v);  /* as if the mouse sent it */
    } else if (command == 0xd4) {
        mouse_command(&kbc->mouse, v);
    } else {
        kbd_command(&kbc->kbd, v);
    }
}

static uint8_t read_status(const I8042 *kbc)
{
    return (uint8_t)(kbc->status | STATUS_UNLOCKED | (kbc->obf ? STATUS_OBF : 0) |
                     (kbc->obf && kbc->obf_aux ? STATUS_AUX_DATA : 0));
}

/* Reading the output buffer empties it (the last byte stays readable). */
static uint64_t data_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)offset, (void)size;
    I8042 *kbc = opaque;
    uint8_t value = kbc->out;
    kbc->obf = false;
    refill(kbc);
    return value;
}

static void data_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)offset, (void)size;
    I8042 *kbc = opaque;
    kbc->status &= ~STATUS_COMMAND;
    write_data(kbc, (uint8_t)value);
    refill(kbc);
}

static uint64_t status_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)offset, (void)size;
    return read_status(opaque);
}

static void command_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)offset, (void)size;
    I8042 *kbc = opaque;
    kbc->status |= STATUS_COMMAND;
    controller_command(kbc, (uint8_t)value);
    refill(kbc);
}

static const MemoryRegionOps data_ops = { .read = data_read, .write = data_write, .max_size = 1 };
static const MemoryRegionOps command_ops = { .read = status_read, .write = command_write, .max_size = 1 };

/* ---- life cycle ---------------------------------------------------------------------------- */

void i8042_reset(I8042 *kbc)
{
    memset(kbc->ram, 0, sizeof kbc->ram);
    kbc->ram[0] = CB_POWER_ON;
    kbc->status = 0;
    kbc->awaiting = 0;
    kbc->obf = kbc->obf_aux = kbc->xlate_break = false;
    queue_clear(&kbc->replies);
    queue_clear(&kbc->aux_replies);
    queue_clear(&kbc->kbd.replies);
    kbd_defaults(&kbc->kbd);
    kbc->kbd.scanning = true;
    queue_clear(&kbc->mouse.replies);
    mouse_defaults(&kbc->mouse);
    kbc->output_port = OUT_POWER_ON;
    update_irqs(kbc);
}

I8042 *i8042_new(Machine *m, AddressSpace *ports, IrqLine irq1, IrqLine irq12,
                 void (*a20)(void *opaque, bool on), void (*reset)(void *opaque), void *opaque)
{
    (void)m; /* the controller answers at once: no timers */
    I8042 *kbc = g_new0(I8042, 1);
    kbc->ports = ports;
    kbc->irq1 = irq1;
    kbc->irq12 = irq12;
    kbc->a20 = a20;
    kbc->reset = reset;
    kbc->opaque = opaque;
    build_translation(kbc->set2_to_set1);
    i8042_reset(kbc);
    kbc->data_mr = as_add_mmio(ports, "i8042-data", PORT_DATA, 1, &data_ops, kbc, 0);
    kbc->command_mr = as_add_mmio(ports, "i8042-command", PORT_COMMAND, 1, &command_ops, kbc, 0);
    return kbc;
}

void i8042_free(I8042 *kbc)
{
    if (!kbc)
        return;
    as_remove(kbc->ports, kbc->data_mr);
    as_remove(kbc->ports, kbc->command_mr);
    g_free(kbc);
}
