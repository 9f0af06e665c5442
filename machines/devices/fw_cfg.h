/* machines/devices/fw_cfg.h — QEMU's firmware configuration device, the
 * channel through which SeaBIOS learns the machine (RAM map, CPUs, boot
 * order, option ROMs, a kernel to boot): items chosen by a 16-bit key and
 * read as a byte stream, plus named files listed in a directory item.
 *
 *   port base+0  selector (16-bit write): the item to read, from offset 0
 *   port base+1  data (8-bit read): the next byte; 0 past the end
 *   port base+4  DMA address, 64-bit big-endian (written as two 32-bit
 *                halves; writing the low half at base+8 starts the
 *                transfer); reads "QEMU CFG"
 *
 * A DMA transfer reads a descriptor in guest memory { be32 control;
 * be32 length; be64 address } (control: 0x08 select the item in bits
 * 31:16, 0x02 read, 0x04 skip, 0x10 write) and writes control back as 0,
 * or with bit 0 set for an error (a write: no item is writable here).
 * The ID item says which interfaces exist (bit 0 ports, bit 1 DMA).
 * Numbers in the fixed items are little-endian; in the file directory
 * (be32 count, then { be32 size; be16 select; be16 reserved; char
 * name[56] } sorted by name) big-endian. Layout and keys as in QEMU's
 * docs/specs/fw_cfg.rst.
 */
#ifndef MORPH_FW_CFG_H
#define MORPH_FW_CFG_H

#include <stddef.h>
#include <stdint.h>

#include "softmmu/memory.h"

typedef struct FwCfg FwCfg;

enum {
    FW_CFG_SIGNATURE = 0x00,
    FW_CFG_ID = 0x01,
    FW_CFG_UUID = 0x02,
    FW_CFG_RAM_SIZE = 0x03,
    FW_CFG_NOGRAPHIC = 0x04,
    FW_CFG_NB_CPUS = 0x05,
    FW_CFG_MACHINE_ID = 0x06,
    FW_CFG_KERNEL_ADDR = 0x07,
    FW_CFG_KERNEL_SIZE = 0x08,
    FW_CFG_KERNEL_CMDLINE = 0x09,
    FW_CFG_INITRD_ADDR = 0x0a,
    FW_CFG_INITRD_SIZE = 0x0b,
    FW_CFG_BOOT_DEVICE = 0x0c,
    FW_CFG_NUMA = 0x0d,
    FW_CFG_BOOT_MENU = 0x0e,
    FW_CFG_MAX_CPUS = 0x0f,
    FW_CFG_KERNEL_ENTRY = 0x10,
    FW_CFG_KERNEL_DATA = 0x11,
    FW_CFG_INITRD_DATA = 0x12,
    FW_CFG_CMDLINE_ADDR = 0x13,
    FW_CFG_CMDLINE_SIZE = 0x14,
    FW_CFG_CMDLINE_DATA = 0x15,
    FW_CFG_SETUP_ADDR = 0x16,
    FW_CFG_SETUP_SIZE = 0x17,
    FW_CFG_SETUP_DATA = 0x18,
    FW_CFG_FILE_DIR = 0x19,
    FW_CFG_FILE_FIRST = 0x20,
    FW_CFG_ARCH_LOCAL = 0x8000,
    FW_CFG_ACPI_TABLES = FW_CFG_ARCH_LOCAL + 0,
    FW_CFG_SMBIOS_ENTRIES = FW_CFG_ARCH_LOCAL + 1,
    FW_CFG_IRQ0_OVERRIDE = FW_CFG_ARCH_LOCAL + 2,
    FW_CFG_E820_TABLE = FW_CFG_ARCH_LOCAL + 3,
    FW_CFG_WRITE_FLAG = 0x4000, /* in a selector: a write (ignored, as QEMU >= 2.4 does) */
    FW_CFG_MAX_FILE_NAME = 56,
    FW_CFG_IO_BASE_PC = 0x510,
};

/* The device at ports base (0x510 on a PC); DMA through dma_mem (NULL:
 * no DMA interface, and the ID item does not claim one). */
FwCfg *fw_cfg_new(AddressSpace *ports, uint16_t base, AddressSpace *dma_mem);
void fw_cfg_free(FwCfg *f);
/* Selector back to the signature at offset 0 (a machine reset). */
void fw_cfg_reset(FwCfg *f);

/* Items (the data is copied): raw bytes, little-endian numbers, and named
 * files (a key of their own and a directory entry). */
void fw_cfg_add_bytes(FwCfg *f, uint16_t key, const void *data, size_t len);
void fw_cfg_add_i16(FwCfg *f, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FwCfg *f, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FwCfg *f, uint16_t key, uint64_t value);
void fw_cfg_add_file(FwCfg *f, const char *name, const void *data, size_t len);

#endif
