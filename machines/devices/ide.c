/* machines/devices/ide.c — ATA hard disks on the PC's two IDE channels:
 * the task file, the commands (one table, indexed by opcode), PIO data
 * blocks through the data port, software reset and INTRQ.
 *
 * A channel keeps one task file that both drives latch (the bus writes
 * reach both); reads answer from it for the selected drive, whose own
 * status and error registers are kept apart. A selected drive that is
 * absent reads status 0 and ignores commands; a channel without drives
 * reads 0 everywhere, which is how firmware tells an empty channel.
 */
#include <string.h>

#include "machines/devices/ide.h"
#include "util/log.h"

enum { /* status register */
    ST_ERR = 0x01,
    ST_DRQ = 0x08,
    ST_DSC = 0x10, /* device seek complete (obsolete), set while ready */
    ST_DRDY = 0x40,
    ST_BSY = 0x80,
    ST_IDLE = ST_DRDY | ST_DSC,
};
enum { ERR_ABRT = 0x04, ERR_IDNF = 0x10, ERR_UNC = 0x40, ERR_DIAG_OK = 0x01 };
enum { CTL_NIEN = 0x02, CTL_SRST = 0x04, CTL_HOB = 0x80 };
enum { DEV_SLAVE = 0x10, DEV_LBA = 0x40, DEV_HEAD_OR_LBA_TOP = 0x0f };

enum { /* command block offsets */
    REG_DATA,
    REG_ERROR_FEATURES,
    REG_COUNT,
    REG_LBA_LOW,
    REG_LBA_MID,
    REG_LBA_HIGH,
    REG_DEVICE,
    REG_STATUS_COMMAND,
    IDE_COMMAND_BLOCK = 8,
};

enum {
    IDE_MAX_MULTIPLE = 16, /* sectors per DRQ block of READ/WRITE MULTIPLE */
    IDE_DEFAULT_HEADS = 16,
    IDE_DEFAULT_SECTORS = 63,
    IDE_MAX_CYLINDERS = 16383,
    LBA28_MAX_SECTORS = 0x0fffffff,
};

static const struct {
    uint16_t command_block, control;
} channel_ports[IDE_CHANNELS] = {{0x1f0, 0x3f6}, {0x170, 0x376}};

typedef struct IdeDrive {
    BlockDev *disk; /* NULL: no drive */
    unsigned index;
    uint8_t status, error;
    unsigned cylinders, heads, sectors; /* the CHS translation in use */
    unsigned multiple;                  /* READ/WRITE MULTIPLE block; 0: disabled */
    bool write_cache;
} IdeDrive;

typedef struct IdeChannel {
    IdeDrive drives[2];
    /* features, count and the LBA bytes: [0] as last written, [1] the
     * write before it (what HOB reads and 48-bit commands use) */
    uint8_t taskfile[REG_DEVICE][2];
    uint8_t device, control;
    bool intrq;
    IrqLine irq;
    /* The PIO transfer under way: a block of `len` bytes of `buffer`,
     * `pos` of them moved; `remaining` sectors from `next_sector` on,
     * the current block's included; blocks of `block` sectors. */
    bool writing;
    unsigned pos, len, block;
    uint64_t next_sector, remaining;
    uint8_t buffer[IDE_MAX_MULTIPLE * BLOCKDEV_SECTOR];
    MemoryRegion *command_mr, *control_mr;
} IdeChannel;

struct Ide {
    AddressSpace *ports;
    IdeChannel channels[IDE_CHANNELS];
};

/* ---- interrupt and status -------------------------------------------------------- */

static void update_irq(IdeChannel *ch)
{
    irq_set(&ch->irq, ch->intrq && !(ch->control & CTL_NIEN));
}

static void raise_intrq(IdeChannel *ch)
{
    ch->intrq = true;
    update_irq(ch);
}

static IdeDrive *selected(IdeChannel *ch)
{
    return &ch->drives[(ch->device & DEV_SLAVE) != 0];
}

static bool channel_empty(const IdeChannel *ch)
{
    return !ch->drives[0].disk && !ch->drives[1].disk;
}

/* The command ends: ready, with `error` (0: success) and INTRQ. */
static void complete(IdeChannel *ch, IdeDrive *d, uint8_t error)
{
    ch->len = ch->pos = 0;
    d->error = error;
    d->status = ST_IDLE | (error ? ST_ERR : 0);
    raise_intrq(ch);
}

/* ---- addresses ------------------------------------------------------------------- */

static uint8_t reg(const IdeChannel *ch, unsigned offset, bool previous)
{
    return ch->taskfile[offset][previous];
}

static uint64_t lba48(const IdeChannel *ch)
{
    uint64_t lba = 0;
    for (unsigned i = 0; i < 3; i++) {
        lba |= (uint64_t)reg(ch, REG_LBA_LOW + i, false) << (8 * i);
        lba |= (uint64_t)reg(ch, REG_LBA_LOW + i, true) << (8 * (i + 3));
    }
    return lba;
}

/* LBA28, or CHS through the drive's translation; false for a CHS
 * address outside it. */
static bool lba28(const IdeChannel *ch, const IdeDrive *d, uint64_t *lba)
{
    unsigned top = ch->device & DEV_HEAD_OR_LBA_TOP;
    if (ch->device & DEV_LBA) {
        *lba = reg(ch, REG_LBA_LOW, false) | reg(ch, REG_LBA_MID, false) << 8 |
               reg(ch, REG_LBA_HIGH, false) << 16 | top << 24;
        return true;
    }
    unsigned sector = reg(ch, REG_LBA_LOW, false);
    unsigned cylinder = reg(ch, REG_LBA_MID, false) | reg(ch, REG_LBA_HIGH, false) << 8;
    if (sector == 0 || sector > d->sectors || top >= d->heads)
        return false;
    *lba = ((uint64_t)cylinder * d->heads + top) * d->sectors + sector - 1;
    return true;
}

/* The sectors a read, write or verify command names; false (IDNF
 * reported) when they leave the disk. */
static bool command_range(IdeChannel *ch, IdeDrive *d, bool ext, uint64_t *lba, uint64_t *count)
{
    if (ext) {
        *lba = lba48(ch);
        *count = reg(ch, REG_COUNT, false) | reg(ch, REG_COUNT, true) << 8;
        *count = *count ? *count : 65536;
    } else {
        *count = reg(ch, REG_COUNT, false) ? reg(ch, REG_COUNT, false) : 256;
        if (!lba28(ch, d, lba)) {
            complete(ch, d, ERR_IDNF);
            return false;
        }
    }
    if (*lba + *count > blockdev_sectors(d->disk)) {
        complete(ch, d, ERR_IDNF);
        return false;
    }
    return true;
}

/* ---- PIO data blocks ------------------------------------------------------------- */

static unsigned block_sectors(const IdeChannel *ch)
{
    return (unsigned)MIN(ch->remaining, (uint64_t)ch->block);
}

/* Offer the next block to the guest: DRQ, and INTRQ for every block of a
 * read and every block after the first of a write. */
static void offer_block(IdeChannel *ch, IdeDrive *d, bool first)
{
    ch->pos = 0;
    ch->len = block_sectors(ch) * BLOCKDEV_SECTOR;
    if (!ch->writing && !blockdev_read(d->disk, ch->next_sector, ch->buffer, block_sectors(ch))) {
        complete(ch, d, ERR_UNC);
        return;
    }
    d->status = ST_IDLE | ST_DRQ;
    if (!ch->writing || !first)
        raise_intrq(ch);
}

static void start_pio(IdeChannel *ch, IdeDrive *d, bool writing, uint64_t lba, uint64_t count, unsigned block)
{
    ch->writing = writing;
    ch->next_sector = lba;
    ch->remaining = count;
    ch->block = block;
    offer_block(ch, d, true);
}

/* The guest moved the whole block. */
static void block_done(IdeChannel *ch, IdeDrive *d)
{
    unsigned n = block_sectors(ch);
    if (ch->writing) {
        bool ok = blockdev_write(d->disk, ch->next_sector, ch->buffer, n) &&
                  (d->write_cache || blockdev_flush(d->disk));
        if (!ok) {
            complete(ch, d, ERR_ABRT);
            return;
        }
    }
    ch->next_sector += n;
    ch->remaining -= n;
    if (ch->remaining) {
        offer_block(ch, d, false);
    } else if (ch->writing) {
        complete(ch, d, 0);
    } else {
        ch->len = ch->pos = 0;
        d->status = ST_IDLE;
    }
}

static bool transfer_open(IdeChannel *ch, bool writing)
{
    IdeDrive *d = selected(ch);
    return d->disk && (d->status & ST_DRQ) && ch->writing == writing && ch->pos < ch->len;
}

static uint64_t data_read(IdeChannel *ch, unsigned size)
{
    if (!transfer_open(ch, false))
        return 0;
    uint64_t value = 0;
    for (unsigned i = 0; i < size && ch->pos < ch->len; i++)
        value |= (uint64_t)ch->buffer[ch->pos++] << (8 * i);
    if (ch->pos == ch->len)
        block_done(ch, selected(ch));
    return value;
}

static void data_write(IdeChannel *ch, uint64_t value, unsigned size)
{
    if (!transfer_open(ch, true))
        return;
    for (unsigned i = 0; i < size && ch->pos < ch->len; i++)
        ch->buffer[ch->pos++] = (uint8_t)(value >> (8 * i));
    if (ch->pos == ch->len)
        block_done(ch, selected(ch));
}

/* The default geometry: 16 heads, 63 sectors a track, as many cylinders
 * as fill the disk (at most 16383, the most IDENTIFY reports). */
static unsigned default_cylinders(const BlockDev *disk)
{
    uint64_t cylinders = blockdev_sectors(disk) / (IDE_DEFAULT_HEADS * IDE_DEFAULT_SECTORS);
    return (unsigned)CLAMP(cylinders, 1, IDE_MAX_CYLINDERS);
}

/* ---- IDENTIFY DEVICE (ATA/ATAPI-7 vol. 1, its word table) ------------------------ */

enum {
    ID_CONFIG = 0,            /* bit 6: fixed device (obsolete, as drives still set it) */
    ID_CYLINDERS = 1,         /* default CHS translation */
    ID_HEADS = 3,
    ID_SECTORS = 6,
    ID_SERIAL = 10,           /* 20 ASCII characters */
    ID_FIRMWARE = 23,         /* 8 */
    ID_MODEL = 27,            /* 40 */
    ID_MAX_MULTIPLE = 47,     /* 0x80 << 8 | the largest READ/WRITE MULTIPLE block */
    ID_CAPABILITIES = 49,     /* bit 9 LBA, bit 11 IORDY supported */
    ID_CAPABILITIES2 = 50,    /* bit 14 shall be one */
    ID_PIO_TIMING = 51,       /* obsolete: PIO mode 2 << 8 */
    ID_VALID = 53,            /* bit 0 words 54-58, bit 1 words 64-70 */
    ID_CUR_CYLINDERS = 54,    /* the translation in use, and its capacity (57-58) */
    ID_CUR_HEADS = 55,
    ID_CUR_SECTORS = 56,
    ID_CUR_CAPACITY = 57,
    ID_MULTIPLE = 59,         /* bit 8 valid | the current multiple setting */
    ID_LBA28_SECTORS = 60,    /* 60-61 */
    ID_PIO_MODES = 64,        /* bit 0 PIO 3, bit 1 PIO 4 */
    ID_MIN_PIO_CYCLE = 67,    /* ns, without and (68) with IORDY */
    ID_MIN_PIO_CYCLE_IORDY = 68,
    ID_MAJOR_VERSION = 80,    /* bit n: ATA-n */
    ID_COMMAND_SETS = 82,     /* 82-84 supported, 85-87 enabled */
    ID_COMMAND_SETS_ENABLED = 85,
    ID_RESET_RESULT = 93,
    ID_LBA48_SECTORS = 100,   /* 100-103 */
    ID_INTEGRITY = 255,       /* 0xA5 | checksum << 8 */
    ID_WORDS = 256,
};
enum {
    CS82_POWER_MANAGEMENT = 1 << 3,
    CS82_WRITE_CACHE = 1 << 5,
    CS83_LBA48 = 1 << 10,
    CS83_FLUSH_CACHE = 1 << 12,
    CS83_FLUSH_CACHE_EXT = 1 << 13,
    CS_VALID = 1 << 14, /* words 83, 84 and 87: "shall be set to one" */
    ATA_VERSIONS = 0x00f0, /* ATA-4 to ATA-7 */
    RESET_DEVICE0 = 0x400b, /* bit 0 set, jumper-selected, diagnostics passed (bit 3) */
    RESET_DEVICE1 = 0x4b00, /* bit 8 set, jumper-selected, PDIAG- asserted (bit 11) */
    INTEGRITY_SIGNATURE = 0xa5,
};

static void put_word(uint8_t *block, unsigned word, uint16_t v)
{
    block[2 * word] = (uint8_t)v;
    block[2 * word + 1] = (uint8_t)(v >> 8);
}

/* ATA strings: two characters a word, the first in the high byte,
 * padded with spaces. */
static void put_string(uint8_t *block, unsigned word, unsigned chars, const char *s)
{
    size_t n = strlen(s);
    for (unsigned i = 0; i < chars; i++)
        block[(2 * word + i) ^ 1] = (uint8_t)(i < n ? s[i] : ' ');
}

static void put_sectors(uint8_t *block, unsigned word, uint64_t n, unsigned words)
{
    for (unsigned i = 0; i < words; i++)
        put_word(block, word + i, (uint16_t)(n >> (16 * i)));
}

static void identify_block(const IdeDrive *d, uint8_t *block)
{
    memset(block, 0, BLOCKDEV_SECTOR);
    uint64_t sectors = blockdev_sectors(d->disk);
    char serial[21];
    g_snprintf(serial, sizeof serial, "MORPH%04u", d->index);
    put_word(block, ID_CONFIG, 0x0040);
    put_word(block, ID_CYLINDERS, (uint16_t)default_cylinders(d->disk));
    put_word(block, ID_HEADS, IDE_DEFAULT_HEADS);
    put_word(block, ID_SECTORS, IDE_DEFAULT_SECTORS);
    put_string(block, ID_SERIAL, 20, serial);
    put_string(block, ID_FIRMWARE, 8, "1.0");
    put_string(block, ID_MODEL, 40, "MORPH HARDDISK");
    put_word(block, ID_MAX_MULTIPLE, 0x8000 | IDE_MAX_MULTIPLE);
    put_word(block, ID_CAPABILITIES, 1 << 11 | 1 << 9);
    put_word(block, ID_CAPABILITIES2, 1 << 14);
    put_word(block, ID_PIO_TIMING, 2 << 8);
    put_word(block, ID_VALID, 0x0003);
    put_word(block, ID_CUR_CYLINDERS, (uint16_t)d->cylinders);
    put_word(block, ID_CUR_HEADS, (uint16_t)d->heads);
    put_word(block, ID_CUR_SECTORS, (uint16_t)d->sectors);
    put_sectors(block, ID_CUR_CAPACITY, (uint64_t)d->cylinders * d->heads * d->sectors, 2);
    put_word(block, ID_MULTIPLE, (uint16_t)(d->multiple ? 0x100 | d->multiple : 0));
    put_sectors(block, ID_LBA28_SECTORS, MIN(sectors, (uint64_t)LBA28_MAX_SECTORS), 2);
    put_word(block, ID_PIO_MODES, 0x0003);
    put_word(block, ID_MIN_PIO_CYCLE, 120);
    put_word(block, ID_MIN_PIO_CYCLE_IORDY, 120);
    put_word(block, ID_MAJOR_VERSION, ATA_VERSIONS);
    uint16_t sets82 = CS82_POWER_MANAGEMENT | CS82_WRITE_CACHE;
    uint16_t sets83 = CS83_LBA48 | CS83_FLUSH_CACHE | CS83_FLUSH_CACHE_EXT;
    put_word(block, ID_COMMAND_SETS, sets82);
    put_word(block, ID_COMMAND_SETS + 1, CS_VALID | sets83);
    put_word(block, ID_COMMAND_SETS + 2, CS_VALID);
    put_word(block, ID_COMMAND_SETS_ENABLED, sets82 & ~(d->write_cache ? 0 : CS82_WRITE_CACHE));
    put_word(block, ID_COMMAND_SETS_ENABLED + 1, sets83);
    put_word(block, ID_COMMAND_SETS_ENABLED + 2, CS_VALID);
    put_word(block, ID_RESET_RESULT, d->index % 2 ? RESET_DEVICE1 : RESET_DEVICE0);
    put_sectors(block, ID_LBA48_SECTORS, sectors, 4);
    block[2 * ID_INTEGRITY] = INTEGRITY_SIGNATURE;
    uint8_t sum = 0;
    for (unsigned i = 0; i < BLOCKDEV_SECTOR - 1; i++)
        sum += block[i];
    block[BLOCKDEV_SECTOR - 1] = (uint8_t)-sum;
}

/* ---- commands -------------------------------------------------------------------- */

typedef struct AtaCommand AtaCommand;
struct AtaCommand {
    void (*run)(IdeChannel *ch, IdeDrive *d, const AtaCommand *c);
    bool ext;      /* 48-bit address and count */
    bool multiple; /* blocks of the SET MULTIPLE MODE count */
};

static void ata_identify(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    (void)c;
    identify_block(d, ch->buffer);
    ch->writing = false;
    ch->remaining = ch->block = 1;
    ch->pos = 0;
    ch->len = BLOCKDEV_SECTOR;
    d->status = ST_IDLE | ST_DRQ;
    raise_intrq(ch);
}

static void ata_transfer(IdeChannel *ch, IdeDrive *d, const AtaCommand *c, bool writing)
{
    if (c->multiple && !d->multiple) {
        complete(ch, d, ERR_ABRT);
        return;
    }
    uint64_t lba, count;
    if (command_range(ch, d, c->ext, &lba, &count))
        start_pio(ch, d, writing, lba, count, c->multiple ? d->multiple : 1);
}

static void ata_read(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    ata_transfer(ch, d, c, false);
}

static void ata_write(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    ata_transfer(ch, d, c, true);
}

static void ata_verify(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    uint64_t lba, count;
    if (command_range(ch, d, c->ext, &lba, &count))
        complete(ch, d, 0);
}

static void ata_flush(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    (void)c;
    complete(ch, d, blockdev_flush(d->disk) ? 0 : ERR_ABRT);
}

/* Blocks of 1, 2, 4, 8 or 16 sectors; 0 turns multiple mode off. */
static void ata_set_multiple(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    (void)c;
    unsigned n = reg(ch, REG_COUNT, false);
    bool ok = n <= IDE_MAX_MULTIPLE && (n & (n - 1)) == 0;
    if (ok)
        d->multiple = n;
    complete(ch, d, ok ? 0 : ERR_ABRT);
}

/* The CHS translation: heads from the device register, sectors per
 * track from the count (ATA-5; obsolete since, still used by BIOSes). */
static void ata_init_params(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    (void)c;
    unsigned heads = (ch->device & DEV_HEAD_OR_LBA_TOP) + 1, sectors = reg(ch, REG_COUNT, false);
    if (!sectors) {
        complete(ch, d, ERR_ABRT);
        return;
    }
    d->heads = heads;
    d->sectors = sectors;
    d->cylinders = (unsigned)MIN(blockdev_sectors(d->disk) / (heads * sectors), (uint64_t)0xffff);
    complete(ch, d, 0);
}

/* SET FEATURES subcommands (ATA/ATAPI-7) the drive accepts. */
enum {
    SF_WRITE_CACHE_ON = 0x02,
    SF_TRANSFER_MODE = 0x03,
    SF_LOOK_AHEAD_OFF = 0x55,
    SF_REVERT_OFF = 0x66,
    SF_WRITE_CACHE_OFF = 0x82,
    SF_LOOK_AHEAD_ON = 0xaa,
    SF_REVERT_ON = 0xcc,
    XFER_PIO_DEFAULT = 0x00, /* 0x00 and 0x01: PIO default mode */
    XFER_PIO_FLOW = 0x08,    /* | mode 0-4 */
};

/* Transfer modes: PIO only, none above PIO 4. */
static bool pio_mode_ok(uint8_t mode)
{
    return mode <= 1 || (mode >= XFER_PIO_FLOW && mode <= (XFER_PIO_FLOW | 4));
}

static void ata_set_features(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    (void)c;
    bool ok = true;
    switch (reg(ch, REG_ERROR_FEATURES, false)) {
    case SF_WRITE_CACHE_ON:
    case SF_WRITE_CACHE_OFF:
        d->write_cache = reg(ch, REG_ERROR_FEATURES, false) == SF_WRITE_CACHE_ON;
        break;
    case SF_TRANSFER_MODE:
        ok = pio_mode_ok(reg(ch, REG_COUNT, false));
        break;
    case SF_LOOK_AHEAD_OFF:
    case SF_LOOK_AHEAD_ON:
    case SF_REVERT_OFF:
    case SF_REVERT_ON:
        break;
    default:
        ok = false;
    }
    complete(ch, d, ok ? 0 : ERR_ABRT);
}

/* IDLE, STANDBY and the like: the disk is always spinning. */
static void ata_nop_complete(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    (void)c;
    complete(ch, d, 0);
}

enum { POWER_MODE_ACTIVE = 0xff };

static void ata_check_power(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    ch->taskfile[REG_COUNT][0] = POWER_MODE_ACTIVE;
    ata_nop_complete(ch, d, c);
}

/* The ATA device signature a reset or diagnostic leaves in the task file. */
static void put_signature(IdeChannel *ch)
{
    static const uint8_t signature[] = {[REG_COUNT] = 1, [REG_LBA_LOW] = 1, [REG_LBA_MID] = 0,
                                        [REG_LBA_HIGH] = 0};
    for (unsigned r = REG_COUNT; r <= REG_LBA_HIGH; r++)
        ch->taskfile[r][0] = signature[r];
    ch->device = 0;
}

static void ata_diagnostic(IdeChannel *ch, IdeDrive *d, const AtaCommand *c)
{
    (void)c;
    (void)d;
    put_signature(ch);
    for (unsigned i = 0; i < 2; i++) {
        if (ch->drives[i].disk)
            ch->drives[i].error = ERR_DIAG_OK;
    }
    selected(ch)->status = ST_IDLE;
    raise_intrq(ch);
}

static const AtaCommand ata_commands[256] = {
    [0x10] = {ata_nop_complete},        /* RECALIBRATE (obsolete) */
    [0x20] = {ata_read},                /* READ SECTORS */
    [0x21] = {ata_read},                /* READ SECTORS without retry (obsolete) */
    [0x24] = {ata_read, true},          /* READ SECTORS EXT */
    [0x29] = {ata_read, true, true},    /* READ MULTIPLE EXT */
    [0x30] = {ata_write},               /* WRITE SECTORS */
    [0x31] = {ata_write},               /* WRITE SECTORS without retry (obsolete) */
    [0x34] = {ata_write, true},         /* WRITE SECTORS EXT */
    [0x39] = {ata_write, true, true},   /* WRITE MULTIPLE EXT */
    [0x40] = {ata_verify},              /* READ VERIFY SECTORS */
    [0x41] = {ata_verify},              /* READ VERIFY SECTORS without retry (obsolete) */
    [0x42] = {ata_verify, true},        /* READ VERIFY SECTORS EXT */
    [0x90] = {ata_diagnostic},          /* EXECUTE DEVICE DIAGNOSTIC */
    [0x91] = {ata_init_params},         /* INITIALIZE DEVICE PARAMETERS (obsolete) */
    [0xc4] = {ata_read, false, true},   /* READ MULTIPLE */
    [0xc5] = {ata_write, false, true},  /* WRITE MULTIPLE */
    [0xc6] = {ata_set_multiple},        /* SET MULTIPLE MODE */
    [0xe0] = {ata_nop_complete},        /* STANDBY IMMEDIATE */
    [0xe1] = {ata_nop_complete},        /* IDLE IMMEDIATE */
    [0xe2] = {ata_nop_complete},        /* STANDBY */
    [0xe3] = {ata_nop_complete},        /* IDLE */
    [0xe5] = {ata_check_power},         /* CHECK POWER MODE */
    [0xe7] = {ata_flush},               /* FLUSH CACHE */
    [0xea] = {ata_flush},               /* FLUSH CACHE EXT */
    [0xec] = {ata_identify},            /* IDENTIFY DEVICE */
    [0xef] = {ata_set_features},        /* SET FEATURES */
};

static void run_command(IdeChannel *ch, uint8_t opcode)
{
    IdeDrive *d = selected(ch);
    if (!d->disk || (d->status & ST_BSY) || (ch->control & CTL_SRST))
        return;
    ch->intrq = false;
    update_irq(ch);
    ch->len = ch->pos = 0;
    const AtaCommand *c = &ata_commands[opcode];
    if (c->run) {
        c->run(ch, d, c);
        return;
    }
    if (log_enabled(LOG_GUEST_ERRORS))
        log_printf("ide: drive %u: command 0x%02x not supported (aborted)\n", d->index, opcode);
    complete(ch, d, ERR_ABRT);
}

/* ---- software reset -------------------------------------------------------------- */

static void drive_power_on(IdeDrive *d)
{
    d->heads = IDE_DEFAULT_HEADS;
    d->sectors = IDE_DEFAULT_SECTORS;
    d->cylinders = d->disk ? default_cylinders(d->disk) : 0;
    d->multiple = 0;
    d->write_cache = true;
}

/* SRST set: both drives busy, any transfer dropped. */
static void srst_begin(IdeChannel *ch)
{
    ch->len = ch->pos = 0;
    for (unsigned i = 0; i < 2; i++)
        ch->drives[i].status = ch->drives[i].disk ? ST_BSY : 0;
}

/* SRST cleared: the reset is done (at once); no INTRQ. */
static void srst_end(IdeChannel *ch)
{
    put_signature(ch);
    ch->intrq = false;
    for (unsigned i = 0; i < 2; i++) {
        IdeDrive *d = &ch->drives[i];
        d->status = d->disk ? ST_IDLE : 0;
        d->error = d->disk ? ERR_DIAG_OK : 0;
    }
}

static void control_write(IdeChannel *ch, uint8_t value)
{
    uint8_t was = ch->control;
    ch->control = value;
    if ((value & CTL_SRST) && !(was & CTL_SRST))
        srst_begin(ch);
    else if (!(value & CTL_SRST) && (was & CTL_SRST))
        srst_end(ch);
    update_irq(ch);
}

/* ---- the ports ------------------------------------------------------------------- */

static uint8_t status_read(IdeChannel *ch, bool acknowledge)
{
    IdeDrive *d = selected(ch);
    if (!d->disk)
        return 0;
    if (acknowledge) {
        ch->intrq = false;
        update_irq(ch);
    }
    return d->status;
}

static uint64_t command_block_read(void *opaque, uint64_t offset, unsigned size)
{
    IdeChannel *ch = opaque;
    if (channel_empty(ch))
        return 0;
    switch (offset) {
    case REG_DATA:
        return data_read(ch, size);
    case REG_ERROR_FEATURES:
        return selected(ch)->disk ? selected(ch)->error : 0;
    case REG_DEVICE:
        return ch->device;
    case REG_STATUS_COMMAND:
        return status_read(ch, true);
    default:
        return reg(ch, (unsigned)offset, (ch->control & CTL_HOB) != 0);
    }
}

static void command_block_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    IdeChannel *ch = opaque;
    if (offset == REG_DATA) {
        data_write(ch, value, size);
        return;
    }
    ch->control &= ~CTL_HOB;
    if (offset == REG_DEVICE) {
        ch->device = (uint8_t)value;
    } else if (offset == REG_STATUS_COMMAND) {
        run_command(ch, (uint8_t)value);
    } else {
        ch->taskfile[offset][1] = ch->taskfile[offset][0];
        ch->taskfile[offset][0] = (uint8_t)value;
    }
}

static uint64_t control_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)offset, (void)size;
    IdeChannel *ch = opaque;
    return channel_empty(ch) ? 0 : status_read(ch, false);
}

static void control_port_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)offset, (void)size;
    control_write(opaque, (uint8_t)value);
}

static const MemoryRegionOps command_block_ops = {
    .read = command_block_read,
    .write = command_block_write,
    .max_size = 4, /* the data port takes 16- and 32-bit accesses */
};
static const MemoryRegionOps control_ops = {.read = control_read, .write = control_port_write, .max_size = 1};

/* ---- the controller -------------------------------------------------------------- */

static void channel_reset(IdeChannel *ch)
{
    memset(ch->taskfile, 0, sizeof ch->taskfile);
    ch->control = 0;
    ch->len = ch->pos = 0;
    for (unsigned i = 0; i < 2; i++)
        drive_power_on(&ch->drives[i]);
    srst_end(ch);
    update_irq(ch);
}

Ide *ide_new(AddressSpace *ports, IrqLine primary_irq, IrqLine secondary_irq)
{
    static const char *const names[IDE_CHANNELS][2] = {{"ide0", "ide0-control"}, {"ide1", "ide1-control"}};
    Ide *ide = g_new0(Ide, 1);
    ide->ports = ports;
    for (unsigned c = 0; c < IDE_CHANNELS; c++) {
        IdeChannel *ch = &ide->channels[c];
        ch->irq = c ? secondary_irq : primary_irq;
        for (unsigned i = 0; i < 2; i++)
            ch->drives[i].index = 2 * c + i;
        ch->command_mr = as_add_mmio(ports, names[c][0], channel_ports[c].command_block, IDE_COMMAND_BLOCK,
                                     &command_block_ops, ch, 0);
        ch->control_mr = as_add_mmio(ports, names[c][1], channel_ports[c].control, 1, &control_ops, ch, 0);
        channel_reset(ch);
    }
    return ide;
}

void ide_attach(Ide *ide, unsigned index, BlockDev *disk)
{
    g_assert(index < IDE_DRIVES && !ide->channels[index / 2].drives[index % 2].disk);
    IdeChannel *ch = &ide->channels[index / 2];
    ch->drives[index % 2].disk = disk;
    channel_reset(ch);
}

enum { TRANSLATION_NONE = 0, TRANSLATION_LBA = 1, BIOS_MAX_CYLINDERS = 1024 /* int 0x13's CHS */ };

static unsigned bios_translation(const IdeDrive *d)
{
    return default_cylinders(d->disk) <= BIOS_MAX_CYLINDERS ? TRANSLATION_NONE : TRANSLATION_LBA;
}

uint8_t ide_bios_translations(const Ide *ide)
{
    uint8_t bits = 0;
    for (unsigned i = 0; i < IDE_DRIVES; i++) {
        const IdeDrive *d = &ide->channels[i / 2].drives[i % 2];
        if (d->disk)
            bits |= (uint8_t)(bios_translation(d) << (2 * i));
    }
    return bits;
}

void ide_reset(Ide *ide)
{
    for (unsigned c = 0; c < IDE_CHANNELS; c++)
        channel_reset(&ide->channels[c]);
}

void ide_free(Ide *ide)
{
    for (unsigned c = 0; c < IDE_CHANNELS; c++) {
        IdeChannel *ch = &ide->channels[c];
        as_remove(ide->ports, ch->command_mr);
        as_remove(ide->ports, ch->control_mr);
        for (unsigned i = 0; i < 2; i++) {
            if (ch->drives[i].disk)
                blockdev_close(ch->drives[i].disk);
        }
    }
    g_free(ide);
}
