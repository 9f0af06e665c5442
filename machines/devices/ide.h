/* machines/devices/ide.h — the PC's two ATA channels (the PIIX3 IDE
 * function's legacy ports) with hard disks on them, PIO only:
 *
 *   channel    command block   control   IRQ   drives (-drive index)
 *   primary    0x1F0-0x1F7     0x3F6     14    0 master, 1 slave
 *   secondary  0x170-0x177     0x376     15    2 master, 3 slave
 *
 *   command block offset   read              write
 *   0                      data (16/32-bit)  data
 *   1                      error             features
 *   2                      sector count      sector count
 *   3 4 5                  LBA 7:0, 15:8, 23:16 (sector, cylinder low, high)
 *   6                      device: bit 6 LBA, bit 4 DEV, 3:0 LBA 27:24 / head
 *   7                      status            command
 *   control                alternate status  device control: bit 7 HOB,
 *                                            bit 2 SRST, bit 1 nIEN
 *
 * The device speaks ATA/ATAPI-7 (T13 1532D): IDENTIFY DEVICE, READ/WRITE
 * SECTORS (EXT), READ/WRITE MULTIPLE (EXT), SET MULTIPLE MODE, READ
 * VERIFY SECTORS (EXT), FLUSH CACHE (EXT), SET FEATURES, INITIALIZE
 * DEVICE PARAMETERS, EXECUTE DEVICE DIAGNOSTIC, the power management
 * commands (which complete at once), software reset. Commands complete at
 * once: BSY is never seen set after the command register is written.
 * No bus-master DMA: IDENTIFY advertises PIO modes only.
 */
#ifndef MORPH_IDE_H
#define MORPH_IDE_H

#include "machines/devices/blockdev.h"
#include "machines/machine.h"
#include "softmmu/memory.h"

enum {
    IDE_CHANNELS = 2,
    IDE_DRIVES = 4, /* index = channel * 2 + (slave) */
    IDE_PRIMARY_IRQ = 14,
    IDE_SECONDARY_IRQ = 15,
};

typedef struct Ide Ide;

/* Both channels, with no drives yet, their ports mapped in `ports`. */
Ide *ide_new(AddressSpace *ports, IrqLine primary_irq, IrqLine secondary_irq);
/* Put a disk at index 0-3 (free); the controller owns it from now on. */
void ide_attach(Ide *ide, unsigned index, BlockDev *disk);
/* The CHS translation a BIOS should apply to each drive's geometry
 * (words 1, 3, 6 of IDENTIFY), 2 bits per drive index from bit 0:
 * 0 none while int 0x13 reaches every cylinder (1024 at most), else
 * 1 LBA-assisted, as QEMU's pc chooses: the byte a PC keeps at CMOS
 * index IDE_CMOS_TRANSLATIONS, where SeaBIOS looks for it under QEMU. */
enum { IDE_CMOS_TRANSLATIONS = 0x39 };
uint8_t ide_bios_translations(const Ide *ide);
/* Power-on state of the channels and their drives. */
void ide_reset(Ide *ide);
/* Unmaps the ports, closes the disks. */
void ide_free(Ide *ide);

#endif
