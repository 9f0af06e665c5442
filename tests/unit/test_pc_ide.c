/* tests/unit/test_pc_ide.c — the PC's IDE disks (machines/devices/ide.c)
 * driven through the ports as the CPU's in/out reach them, on temporary
 * raw images, and the disk images themselves (machines/devices/
 * blockdev.c), in place and under -snapshot's overlay. Expected values
 * come from ATA/ATAPI-7 (T13 1532D): register and bit layouts, the
 * IDENTIFY DEVICE words, the reset signature, the PIO protocols. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ir/ir.h"
#include "machines/devices/blockdev.h"
#include "machines/devices/ide.h"
#include "machines/machine.h"
#include "softmmu/memory.h"
#include "device_test.h"

enum { /* primary channel ports */
    DATA = 0x1f0,
    ERROR_FEATURES = 0x1f1,
    COUNT = 0x1f2,
    LBA_LOW = 0x1f3,
    LBA_MID = 0x1f4,
    LBA_HIGH = 0x1f5,
    DEVICE = 0x1f6,
    STATUS_COMMAND = 0x1f7,
    CONTROL = 0x3f6,
    SECONDARY_STATUS = 0x177,
};
enum { BSY = 0x80, DRDY = 0x40, DSC = 0x10, DRQ = 0x08, ERR = 0x01, READY = DRDY | DSC };
enum { ABRT = 0x04, IDNF = 0x10 };
enum { NIEN = 0x02, SRST = 0x04, HOB = 0x80 };
enum { LBA_MODE = 0xe0, SLAVE = 0x10 }; /* device register: bits 7 and 5 set, as hosts write them */
enum {
    CMD_READ_SECTORS = 0x20,
    CMD_READ_SECTORS_EXT = 0x24,
    CMD_WRITE_SECTORS = 0x30,
    CMD_WRITE_SECTORS_EXT = 0x34,
    CMD_READ_VERIFY = 0x40,
    CMD_INIT_PARAMS = 0x91,
    CMD_READ_MULTIPLE = 0xc4,
    CMD_SET_MULTIPLE = 0xc6,
    CMD_FLUSH_CACHE = 0xe7,
    CMD_IDENTIFY = 0xec,
    CMD_SET_FEATURES = 0xef,
    CMD_NOT_ATA = 0xff, /* not an ATA-7 command */
};
enum { SECTOR = 512 };

/* ---- the bench: an image file, the ports, IRQ 14 --------------------------------- */

typedef struct Bench {
    AddressSpace *ports;
    Ide *ide;
    TestLine irq14, irq15;
    char *path;
} Bench;

/* The byte at `offset` of a sector of the image as the test makes it. */
static uint8_t pattern(uint64_t sector, unsigned offset)
{
    return (uint8_t)(sector * 7 + offset);
}

/* A raw image of `sectors` sectors; the first `filled` carry the pattern,
 * the rest is a hole (zeros). */
static char *make_image(uint64_t sectors, unsigned filled)
{
    char *path;
    GError *err = NULL;
    int fd = g_file_open_tmp("morph-ide-XXXXXX.img", &path, &err);
    g_assert_no_error(err);
    uint8_t buf[SECTOR];
    for (unsigned s = 0; s < filled; s++) {
        for (unsigned i = 0; i < SECTOR; i++)
            buf[i] = pattern(s, i);
        g_assert_cmpint(pwrite(fd, buf, SECTOR, (off_t)s * SECTOR), ==, SECTOR);
    }
    g_assert_cmpint(ftruncate(fd, (off_t)(sectors * SECTOR)), ==, 0);
    close(fd);
    return path;
}

static void read_file_sector(const char *path, uint64_t sector, uint8_t *buf)
{
    int fd = open(path, O_RDONLY);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(pread(fd, buf, SECTOR, (off_t)(sector * SECTOR)), ==, SECTOR);
    close(fd);
}

static void remove_image(char *path)
{
    g_unlink(path);
    g_free(path);
}

static void bench_start(Bench *b, uint64_t sectors, unsigned filled, bool snapshot)
{
    *b = (Bench){.ports = as_new(), .path = make_image(sectors, filled)};
    IrqLine primary = {test_line_set, &b->irq14, 14}, secondary = {test_line_set, &b->irq15, 15};
    b->ide = ide_new(b->ports, primary, secondary);
    GError *err = NULL;
    BlockDev *disk = blockdev_open(b->path, snapshot, &err);
    g_assert_no_error(err);
    ide_attach(b->ide, 0, disk);
}

static void bench_stop(Bench *b)
{
    ide_free(b->ide);
    as_free(b->ports);
    remove_image(b->path);
}

static uint8_t in8(Bench *b, unsigned port) { return (uint8_t)as_ld(b->ports, port, IR_MO_8); }
static void out8(Bench *b, unsigned port, uint8_t v) { as_st(b->ports, port, v, IR_MO_8); }
static uint16_t in16(Bench *b, unsigned port) { return (uint16_t)as_ld(b->ports, port, IR_MO_16); }
static void out16(Bench *b, unsigned port, uint16_t v) { as_st(b->ports, port, v, IR_MO_16); }

/* The task file of a 28-bit command, then the command. */
static void command28(Bench *b, uint8_t cmd, uint32_t lba, uint8_t count)
{
    out8(b, DEVICE, (uint8_t)(LBA_MODE | (lba >> 24 & 0x0f)));
    out8(b, COUNT, count);
    out8(b, LBA_LOW, (uint8_t)lba);
    out8(b, LBA_MID, (uint8_t)(lba >> 8));
    out8(b, LBA_HIGH, (uint8_t)(lba >> 16));
    out8(b, STATUS_COMMAND, cmd);
}

/* 48-bit: each register written twice, the high-order byte first. */
static void command48(Bench *b, uint8_t cmd, uint64_t lba, uint16_t count)
{
    out8(b, DEVICE, LBA_MODE);
    out8(b, COUNT, (uint8_t)(count >> 8));
    out8(b, LBA_LOW, (uint8_t)(lba >> 24));
    out8(b, LBA_MID, (uint8_t)(lba >> 32));
    out8(b, LBA_HIGH, (uint8_t)(lba >> 40));
    out8(b, COUNT, (uint8_t)count);
    out8(b, LBA_LOW, (uint8_t)lba);
    out8(b, LBA_MID, (uint8_t)(lba >> 8));
    out8(b, LBA_HIGH, (uint8_t)(lba >> 16));
    out8(b, STATUS_COMMAND, cmd);
}

static void read_block(Bench *b, uint8_t *buf)
{
    for (unsigned i = 0; i < SECTOR; i += 2) {
        uint16_t w = in16(b, DATA);
        buf[i] = (uint8_t)w;
        buf[i + 1] = (uint8_t)(w >> 8);
    }
}

static void write_block(Bench *b, const uint8_t *buf)
{
    for (unsigned i = 0; i < SECTOR; i += 2)
        out16(b, DATA, (uint16_t)(buf[i] | buf[i + 1] << 8));
}

static void assert_pattern(const uint8_t *buf, uint64_t sector)
{
    for (unsigned i = 0; i < SECTOR; i++)
        g_assert_cmphex(buf[i], ==, pattern(sector, i));
}

static uint16_t word(const uint8_t *block, unsigned w)
{
    return (uint16_t)(block[2 * w] | block[2 * w + 1] << 8);
}

static void identify(Bench *b, uint8_t *block)
{
    out8(b, DEVICE, 0xa0);
    out8(b, STATUS_COMMAND, CMD_IDENTIFY);
    g_assert_cmphex(in8(b, STATUS_COMMAND), ==, READY | DRQ);
    read_block(b, block);
    g_assert_cmphex(in8(b, STATUS_COMMAND), ==, READY);
}

/* ---- IDENTIFY DEVICE ------------------------------------------------------------- */

/* An ATA string: word n holds characters 2n (high byte) and 2n+1. */
static void assert_ata_string(const uint8_t *block, unsigned first_word, unsigned chars, const char *want)
{
    char got[64] = {0};
    for (unsigned i = 0; i < chars; i++)
        got[i] = (char)block[(2 * first_word + i) ^ 1];
    g_assert_cmpstr(g_strchomp(got), ==, want);
}

static void test_identify_big_disk(void)
{
    Bench b;
    const uint64_t sectors = 0x10000000ull + 0x1234; /* past LBA28: 128 GiB, sparse */
    bench_start(&b, sectors, 0, false);
    uint8_t id[SECTOR];
    identify(&b, id);
    g_assert_cmphex(word(id, 0) & 0x8000, ==, 0);  /* ATA device */
    g_assert_cmpuint(word(id, 1), ==, 16383);       /* over 8.4 GB: 16383/16/63 */
    g_assert_cmpuint(word(id, 3), ==, 16);
    g_assert_cmpuint(word(id, 6), ==, 63);
    assert_ata_string(id, 27, 40, "MORPH HARDDISK");
    g_assert_cmphex(word(id, 47) & 0xff, ==, 16);   /* max sectors per READ/WRITE MULTIPLE block */
    g_assert_cmphex(word(id, 49) & 0x0200, ==, 0x0200); /* LBA supported */
    g_assert_cmphex(word(id, 49) & 0x0100, ==, 0);      /* no DMA */
    g_assert_cmphex(word(id, 63), ==, 0);
    g_assert_cmphex(word(id, 88), ==, 0);
    uint32_t lba28 = word(id, 60) | (uint32_t)word(id, 61) << 16;
    g_assert_cmphex(lba28, ==, 0x0fffffff);         /* capped for LBA28 */
    uint64_t lba48 = 0;
    for (unsigned i = 0; i < 4; i++)
        lba48 |= (uint64_t)word(id, 100 + i) << (16 * i);
    g_assert_cmphex(lba48, ==, sectors);
    g_assert_cmphex(word(id, 80) & 0x80, ==, 0x80); /* ATA/ATAPI-7 */
    g_assert_cmphex(word(id, 83) & 0xc000, ==, 0x4000);
    g_assert_cmphex(word(id, 83) & 0x0400, ==, 0x0400); /* 48-bit address feature set supported ... */
    g_assert_cmphex(word(id, 86) & 0x0400, ==, 0x0400); /* ... and enabled */
    g_assert_cmphex(word(id, 83) & 0x3000, ==, 0x3000); /* FLUSH CACHE (EXT) */
    g_assert_cmphex(word(id, 84) & 0xc000, ==, 0x4000);
    g_assert_cmphex(word(id, 87) & 0xc000, ==, 0x4000);
    g_assert_cmphex(id[510], ==, 0xa5);             /* integrity word: signature ... */
    uint8_t sum = 0;
    for (unsigned i = 0; i < SECTOR; i++)
        sum += id[i];
    g_assert_cmphex(sum, ==, 0);                    /* ... and checksum */
    bench_stop(&b);
}

static void test_identify_small_disk(void)
{
    Bench b;
    bench_start(&b, 20160, 0, false); /* 20 cylinders of 16 heads, 63 sectors */
    uint8_t id[SECTOR];
    identify(&b, id);
    g_assert_cmpuint(word(id, 1), ==, 20);
    g_assert_cmpuint(word(id, 60) | (uint32_t)word(id, 61) << 16, ==, 20160);
    g_assert_cmpuint(word(id, 54), ==, 20);          /* current translation ... */
    g_assert_cmpuint(word(id, 57) | (uint32_t)word(id, 58) << 16, ==, 20 * 16 * 63); /* ... its capacity */
    g_assert_cmpint(b.irq14.rises, ==, 1);           /* the data block is ready */
    bench_stop(&b);
}

/* ---- PIO reads and writes -------------------------------------------------------- */

static void test_read_sectors_lba28(void)
{
    Bench b;
    bench_start(&b, 64, 16, false);
    command28(&b, CMD_READ_SECTORS, 5, 2);
    uint8_t buf[SECTOR];
    for (unsigned s = 0; s < 2; s++) {
        g_assert_cmpint(b.irq14.rises, ==, (int)s + 1); /* one interrupt per block */
        g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | DRQ);
        g_assert_cmpint(b.irq14.level, ==, 0);           /* reading status acknowledges */
        read_block(&b, buf);
        assert_pattern(buf, 5 + s);
    }
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    g_assert_cmpint(b.irq14.rises, ==, 2);               /* none after the last block of a read */
    bench_stop(&b);
}

static void test_read_sectors_32bit_data(void)
{
    Bench b;
    bench_start(&b, 64, 16, false);
    command28(&b, CMD_READ_SECTORS, 9, 1);
    uint8_t buf[SECTOR];
    for (unsigned i = 0; i < SECTOR; i += 4) {
        uint32_t v = (uint32_t)as_ld(b.ports, DATA, IR_MO_32);
        memcpy(buf + i, &v, 4);
    }
    assert_pattern(buf, 9);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    bench_stop(&b);
}

static void test_read_sectors_chs(void)
{
    Bench b;
    bench_start(&b, 20160, 130, false);
    /* The translation 16 heads, 63 sectors: C/H/S 0/1/2 is LBA 64. */
    out8(&b, DEVICE, 0xa0 | 15);
    out8(&b, COUNT, 63);
    out8(&b, STATUS_COMMAND, CMD_INIT_PARAMS);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    out8(&b, DEVICE, 0xa0 | 1);
    out8(&b, COUNT, 1);
    out8(&b, LBA_LOW, 2);
    out8(&b, LBA_MID, 0);
    out8(&b, LBA_HIGH, 0);
    out8(&b, STATUS_COMMAND, CMD_READ_SECTORS);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | DRQ);
    uint8_t buf[SECTOR];
    read_block(&b, buf);
    assert_pattern(buf, 64);
    /* Sector numbers start at 1. */
    out8(&b, LBA_LOW, 0);
    out8(&b, STATUS_COMMAND, CMD_READ_SECTORS);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | ERR);
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, IDNF);
    bench_stop(&b);
}

static void test_write_sectors(void)
{
    Bench b;
    bench_start(&b, 64, 16, false);
    command28(&b, CMD_WRITE_SECTORS, 3, 2);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | DRQ);
    g_assert_cmpint(b.irq14.rises, ==, 0); /* no interrupt before the first block of a write */
    uint8_t data[2][SECTOR];
    for (unsigned s = 0; s < 2; s++) {
        for (unsigned i = 0; i < SECTOR; i++)
            data[s][i] = (uint8_t)(0xc3 ^ i ^ s);
        write_block(&b, data[s]);
        g_assert_cmpint(b.irq14.rises, ==, (int)s + 1);
        g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, s ? READY : READY | DRQ);
    }
    uint8_t file[SECTOR];
    for (unsigned s = 0; s < 2; s++) {
        read_file_sector(b.path, 3 + s, file);
        g_assert_cmpmem(file, SECTOR, data[s], SECTOR);
    }
    read_file_sector(b.path, 5, file);
    assert_pattern(file, 5);
    out8(&b, STATUS_COMMAND, CMD_FLUSH_CACHE);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    bench_stop(&b);
}

static void test_lba48(void)
{
    Bench b;
    const uint64_t lba = 0x10000005ull; /* needs more than 28 bits */
    bench_start(&b, lba + 8, 0, false);
    uint8_t data[SECTOR];
    for (unsigned i = 0; i < SECTOR; i++)
        data[i] = (uint8_t)(i * 3 + 1);
    command48(&b, CMD_WRITE_SECTORS_EXT, lba, 1);
    write_block(&b, data);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    /* HOB reads the register's previous value, the high-order byte. */
    out8(&b, CONTROL, HOB);
    g_assert_cmphex(in8(&b, LBA_LOW), ==, 0x10);
    out8(&b, CONTROL, 0);
    g_assert_cmphex(in8(&b, LBA_LOW), ==, 0x05);
    uint8_t file[SECTOR], buf[SECTOR];
    read_file_sector(b.path, lba, file);
    g_assert_cmpmem(file, SECTOR, data, SECTOR);
    command48(&b, CMD_READ_SECTORS_EXT, lba, 1);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | DRQ);
    read_block(&b, buf);
    g_assert_cmpmem(buf, SECTOR, data, SECTOR);
    /* The last sector plus one is out of range. */
    command48(&b, CMD_READ_SECTORS_EXT, lba + 8, 1);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | ERR);
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, IDNF);
    bench_stop(&b);
}

static void test_read_multiple(void)
{
    Bench b;
    bench_start(&b, 64, 16, false);
    command28(&b, CMD_READ_MULTIPLE, 0, 4); /* multiple mode is off at power-on */
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | ERR);
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, ABRT);
    out8(&b, COUNT, 3); /* not a power of two */
    out8(&b, STATUS_COMMAND, CMD_SET_MULTIPLE);
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, ABRT);
    out8(&b, COUNT, 4);
    out8(&b, STATUS_COMMAND, CMD_SET_MULTIPLE);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    b.irq14.rises = 0;
    command28(&b, CMD_READ_MULTIPLE, 1, 6); /* blocks of 4 and 2 sectors */
    uint8_t buf[SECTOR];
    for (unsigned s = 0; s < 6; s++) {
        if (s % 4 == 0) { /* a block starts: its interrupt, acknowledged */
            g_assert_cmpint(b.irq14.rises, ==, s < 4 ? 1 : 2);
            g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | DRQ);
        }
        read_block(&b, buf);
        assert_pattern(buf, 1 + s);
    }
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    uint8_t id[SECTOR];
    identify(&b, id);
    g_assert_cmphex(word(id, 59), ==, 0x0104); /* valid, 4 sectors */
    bench_stop(&b);
}

/* ---- errors, reset, interrupts --------------------------------------------------- */

static void test_errors(void)
{
    Bench b;
    bench_start(&b, 64, 0, false);
    out8(&b, DEVICE, LBA_MODE);
    out8(&b, STATUS_COMMAND, CMD_NOT_ATA);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | ERR);
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, ABRT);
    command28(&b, CMD_READ_SECTORS, 63, 2); /* the second sector is past the end */
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | ERR);
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, IDNF);
    command28(&b, CMD_READ_VERIFY, 60, 4);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, 0);
    out8(&b, ERROR_FEATURES, 0x03); /* set transfer mode: */
    out8(&b, COUNT, 0x0c);          /* PIO 4 is accepted ... */
    out8(&b, STATUS_COMMAND, CMD_SET_FEATURES);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    out8(&b, ERROR_FEATURES, 0x03);
    out8(&b, COUNT, 0x42);          /* ... UDMA 2 is not: no DMA */
    out8(&b, STATUS_COMMAND, CMD_SET_FEATURES);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | ERR);
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, ABRT);
    /* The absent slave: status 0, commands ignored; an empty channel reads 0. */
    out8(&b, DEVICE, 0xa0 | SLAVE);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, 0);
    out8(&b, STATUS_COMMAND, CMD_IDENTIFY);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, 0);
    g_assert_cmphex(in8(&b, SECONDARY_STATUS), ==, 0);
    bench_stop(&b);
}

static void test_software_reset(void)
{
    Bench b;
    bench_start(&b, 64, 16, false);
    command28(&b, CMD_READ_SECTORS, 2, 4);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY | DRQ);
    out8(&b, CONTROL, SRST);
    g_assert_cmphex(in8(&b, CONTROL), ==, BSY); /* alternate status */
    out8(&b, CONTROL, 0);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY); /* the transfer is gone */
    g_assert_cmphex(in8(&b, ERROR_FEATURES), ==, 0x01);  /* device 0 passed, device 1 absent */
    g_assert_cmphex(in8(&b, COUNT), ==, 0x01);           /* the ATA signature */
    g_assert_cmphex(in8(&b, LBA_LOW), ==, 0x01);
    g_assert_cmphex(in8(&b, LBA_MID), ==, 0x00);
    g_assert_cmphex(in8(&b, LBA_HIGH), ==, 0x00);
    g_assert_cmphex(in8(&b, DEVICE) & 0x10, ==, 0);
    bench_stop(&b);
}

static void test_nien(void)
{
    Bench b;
    bench_start(&b, 64, 0, false);
    out8(&b, CONTROL, NIEN);
    out8(&b, DEVICE, LBA_MODE);
    out8(&b, STATUS_COMMAND, CMD_FLUSH_CACHE);
    g_assert_cmpint(b.irq14.level, ==, 0); /* masked */
    out8(&b, CONTROL, 0);
    g_assert_cmpint(b.irq14.level, ==, 1); /* still pending */
    g_assert_cmphex(in8(&b, CONTROL), ==, READY);
    g_assert_cmpint(b.irq14.level, ==, 1); /* alternate status does not acknowledge */
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    g_assert_cmpint(b.irq14.level, ==, 0);
    g_assert_cmpint(b.irq15.rises, ==, 0);
    bench_stop(&b);
}

/* The BIOS's CHS translation by the default geometry (16 heads, 63
 * sectors): none (0) up to 1024 cylinders, LBA-assisted (1) beyond, as
 * QEMU's pc puts it in CMOS 0x39 for SeaBIOS; 2 bits per drive index. */
static void test_bios_translations(void)
{
    Bench b;
    bench_start(&b, 1024 * 1008, 0, false);                   /* index 0: 1024 cylinders, none */
    char *wide = make_image(1025 * 1008, 0);                  /* index 1: 1025 cylinders, LBA */
    char *lba = make_image(20000 * 1008, 0);                   /* index 3: 16383 cylinders, LBA */
    GError *err = NULL;
    ide_attach(b.ide, 1, blockdev_open(wide, true, &err));
    g_assert_no_error(err);
    ide_attach(b.ide, 3, blockdev_open(lba, true, &err));
    g_assert_no_error(err);
    g_assert_cmphex(ide_bios_translations(b.ide), ==, 1 << 2 | 1 << 6);
    bench_stop(&b);
    remove_image(wide);
    remove_image(lba);
}

/* ---- the images ------------------------------------------------------------------ */

static void test_snapshot_overlay(void)
{
    Bench b;
    bench_start(&b, 64, 16, true);
    gchar *before;
    gsize before_len;
    g_assert_true(g_file_get_contents(b.path, &before, &before_len, NULL));
    uint8_t data[SECTOR], buf[SECTOR];
    memset(data, 0x5a, sizeof data);
    command28(&b, CMD_WRITE_SECTORS, 7, 1);
    write_block(&b, data);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    command28(&b, CMD_READ_SECTORS, 6, 3);
    read_block(&b, buf);
    assert_pattern(buf, 6);
    read_block(&b, buf);
    g_assert_cmpmem(buf, SECTOR, data, SECTOR); /* reads see the write ... */
    read_block(&b, buf);
    assert_pattern(buf, 8);
    out8(&b, STATUS_COMMAND, CMD_FLUSH_CACHE);
    g_assert_cmphex(in8(&b, STATUS_COMMAND), ==, READY);
    gchar *after;
    gsize after_len;
    g_assert_true(g_file_get_contents(b.path, &after, &after_len, NULL));
    g_assert_cmpmem(after, after_len, before, before_len); /* ... the file stays as it was */
    g_free(before);
    g_free(after);
    bench_stop(&b);
}

static void test_blockdev_errors(void)
{
    GError *err = NULL;
    g_assert_null(blockdev_open("/nonexistent/morph-disk.img", false, &err));
    g_assert_nonnull(strstr(err->message, "/nonexistent/morph-disk.img"));
    g_assert_null(strchr(err->message, '\n'));
    g_clear_error(&err);
    char *tiny = make_image(0, 0);
    g_assert_null(blockdev_open(tiny, true, &err)); /* not one whole sector */
    g_assert_nonnull(err);
    g_clear_error(&err);
    remove_image(tiny);
    char *path = make_image(8, 8);
    BlockDev *bd = blockdev_open(path, false, &err);
    g_assert_no_error(err);
    uint8_t buf[2 * SECTOR];
    g_assert_cmpuint(blockdev_sectors(bd), ==, 8);
    g_assert_true(blockdev_read(bd, 6, buf, 2));
    g_assert_false(blockdev_read(bd, 7, buf, 2));
    g_assert_false(blockdev_write(bd, 8, buf, 1));
    blockdev_close(bd);
    remove_image(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ide/identify/big-disk", test_identify_big_disk);
    g_test_add_func("/ide/identify/small-disk", test_identify_small_disk);
    g_test_add_func("/ide/pio/read-sectors-lba28", test_read_sectors_lba28);
    g_test_add_func("/ide/pio/read-sectors-32bit-data", test_read_sectors_32bit_data);
    g_test_add_func("/ide/pio/read-sectors-chs", test_read_sectors_chs);
    g_test_add_func("/ide/pio/write-sectors", test_write_sectors);
    g_test_add_func("/ide/pio/lba48", test_lba48);
    g_test_add_func("/ide/pio/read-multiple", test_read_multiple);
    g_test_add_func("/ide/errors", test_errors);
    g_test_add_func("/ide/software-reset", test_software_reset);
    g_test_add_func("/ide/nien", test_nien);
    g_test_add_func("/ide/bios-translations", test_bios_translations);
    g_test_add_func("/blockdev/snapshot-overlay", test_snapshot_overlay);
    g_test_add_func("/blockdev/errors", test_blockdev_errors);
    return g_test_run();
}
