#!/usr/bin/env python3
"""tests/system/seabios_ide.py — Debian's SeaBIOS boots a hard disk on
morph-system's pc board (the PIIX3 IDE channels, machines/devices/ide.c):

    seabios_ide.py MORPH_SYSTEM ACCEL BIOS

The disk is a sparse 1 GiB raw image (past 1024 cylinders, so SeaBIOS
translates its geometry) whose boot sector (assembled here with binutils)
prints on the debug port 0x402 and the screen, writes itself to sector 1
with int 0x13 AH=03 and reads that back with AH=02. Checked:

  * SeaBIOS's ATA lines ("ata0-0: ... ATA-7 Hard-Disk (1024 MiBytes)",
    the drive's geometry and translation) equal QEMU's for the same image
    (qemu-system-x86_64 -M pc, the oracle), but for the model string,
    which is morph's own;
  * "Booting from Hard Disk..." and the boot sector's messages;
  * with -snapshot the image file stays as it was (its size and its
    first MiB, where all the data is); without, its sector 1 holds the
    boot sector afterwards and nothing else changed.

Exit status 77 (CTest's skip) when the BIOS, QEMU or binutils is missing.
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seabios_debugcon import QEMU, SKIP, first_match, run_until  # noqa: E402

QEMU_TIMEOUT = 60
MORPH_TIMEOUT = 300  # seconds: Debug builds, the interpreter
SECTOR = 512
IMAGE_SIZE = 1 << 30
DATA_SIZE = 1 << 20  # the part of the image that is not a hole
OLD_SECTOR1 = bytes([0xEE]) * SECTOR
LAST = r"^MBR: done"

BOOT_SECTOR = r"""
    .code16
    .set drive, 0x500           # free memory after the BIOS data area
    .globl _start
_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $0x7c00, %sp
    sti
    mov %dl, drive              # the BIOS's drive number (0x80), kept
                                # outside this sector, which goes to disk
    mov $hello, %si
    call say
    mov $0x0301, %ax            # int 0x13 AH=03: write 1 sector
    mov $0x7c00, %bx            # ES:BX: this boot sector
    mov $0x0002, %cx            # cylinder 0, sector 2 = LBA 1
    xor %dh, %dh                # head 0
    mov drive, %dl
    int $0x13
    jc failed
    mov $0x0201, %ax            # AH=02: read it back to 0x8000
    mov $0x8000, %bx
    mov $0x0002, %cx
    xor %dh, %dh
    mov drive, %dl
    int $0x13
    jc failed
    mov $0x7c00, %si
    mov $0x8000, %di
    mov $512, %cx
    cld
    repe cmpsb
    jne failed
    mov $written, %si
    jmp finish
failed:
    mov $failure, %si
finish:
    call say
    mov $done, %si
    call say
halt:
    cli
    hlt
    jmp halt

# The NUL-terminated string at SI to the debug port and the screen.
say:
    lodsb
    test %al, %al
    jz 1f
    mov $0x402, %dx
    outb %al, %dx
    mov $0x0e, %ah
    xor %bx, %bx
    int $0x10
    jmp say
1:  ret

hello:   .asciz "MBR: hello from the boot sector\r\n"
written: .asciz "MBR: sector 1 written and read back\r\n"
failure: .asciz "MBR: int 0x13 failed\r\n"
done:    .asciz "MBR: done\r\n"
    .org 510
    .byte 0x55, 0xaa
"""

# In order in morph's log.
MILESTONES = [
    r"^ata0-0: ",
    r"^drive 0x[0-9a-f]+: PCHS=",
    r"^Booting from Hard Disk\.\.\.",
    r"^MBR: hello from the boot sector",
    r"^MBR: sector 1 written and read back",
    LAST,
]


def assemble(work):
    source = os.path.join(work, "mbr.S")
    obj, binary = source[:-2] + ".o", source[:-2] + ".bin"
    with open(source, "w") as f:
        f.write(BOOT_SECTOR)
    subprocess.run(["as", "--32", "-o", obj, source], check=True)
    subprocess.run(["ld", "-m", "elf_i386", "-Ttext", "0x7c00", "--oformat", "binary", "-o", binary, obj],
                   check=True)
    with open(binary, "rb") as f:
        mbr = f.read()
    assert len(mbr) == SECTOR and mbr[-2:] == b"\x55\xaa"
    return mbr


def make_image(path, mbr):
    data = bytearray(DATA_SIZE)
    data[:SECTOR] = mbr
    data[SECTOR:2 * SECTOR] = OLD_SECTOR1
    with open(path, "wb") as f:
        f.write(data)
        f.truncate(IMAGE_SIZE)
    return bytes(data)


def qemu_lines(bios, image, work):
    log = os.path.join(work, "qemu.log")
    cmd = [QEMU, "-M", "pc", "-accel", "tcg", "-display", "none", "-bios", bios,
           "-debugcon", "file:" + log, "-global", "isa-debugcon.iobase=0x402",
           "-serial", "null", "-monitor", "none", "-nodefaults", "-vga", "std",
           "-drive", f"file={image},format=raw,snapshot=on"]
    return run_until(cmd, log, LAST, QEMU_TIMEOUT)[0]


def expected_ata_lines(qemu):
    """SeaBIOS's lines about the disk under QEMU, with morph's model."""
    _, ata = first_match(qemu, MILESTONES[0])
    _, geometry = first_match(qemu, MILESTONES[1])
    if ata is None or geometry is None:
        sys.exit("FAIL: QEMU's log lacks SeaBIOS's ATA lines (the oracle went wrong)")
    # The drive's address in SeaBIOS's memory is not compared.
    return ata.replace("QEMU HARDDISK", "MORPH HARDDISK"), geometry.split(":", 1)[1]


def run_morph(morph, accel, bios, image, snapshot, work):
    log = os.path.join(work, "morph-snapshot.log" if snapshot else "morph.log")
    cmd = [morph, "-M", "pc", "-accel", accel, "-bios", bios, "-display", "none",
           "-debugcon", "file:" + log, "-serial", "null", "-drive", f"file={image},format=raw"]
    if snapshot:
        cmd.append("-snapshot")
    lines, seconds = run_until(cmd, log, LAST, MORPH_TIMEOUT)
    print(f"morph-system ({accel}{', -snapshot' if snapshot else ''}) wrote {len(lines)} log lines "
          f"in {seconds:.1f} s")
    return lines


def check_log(lines, ata, geometry):
    failures, at = 0, 0
    for pattern in MILESTONES:
        i, got = first_match(lines, pattern, at)
        if got is None:
            print(f"FAIL: no line matching /{pattern}/ after line {at}")
            failures += 1
            continue
        at = i + 1
        if pattern == MILESTONES[0] and got != ata:
            print(f"FAIL: {got!r}\n      want: {ata!r}")
            failures += 1
        elif pattern == MILESTONES[1] and got.split(":", 1)[1] != geometry:
            print(f"FAIL: {got!r}\n      want: ...:{geometry!r}")
            failures += 1
        else:
            print(f"ok: {got.rstrip()}")
    if failures:
        print("morph's log ends with:\n  " + "\n  ".join(lines[-15:]))
    return failures


def check_image(path, want, what):
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        got = f.read(DATA_SIZE)
    if got == want and size == IMAGE_SIZE:
        print(f"ok: {what}")
        return 0
    changed = [s for s in range(len(want) // SECTOR)
               if got[s * SECTOR:(s + 1) * SECTOR] != want[s * SECTOR:(s + 1) * SECTOR]]
    print(f"FAIL: {what}: the image differs (size {size}, sectors {changed[:8]})")
    return 1


def main():
    morph, accel, bios = sys.argv[1:4]
    for need, why in ((bios, "Debian package seabios"),):
        if not os.path.exists(need):
            print(f"skip: {need} is not installed ({why})")
            return SKIP
    for tool in (QEMU, "as", "ld"):
        if not shutil.which(tool):
            print(f"skip: {tool} is not installed")
            return SKIP
    with tempfile.TemporaryDirectory(prefix="morph-seabios-ide.") as work:
        mbr = assemble(work)
        image = os.path.join(work, "disk.img")
        original = make_image(image, mbr)
        ata, geometry = expected_ata_lines(qemu_lines(bios, image, work))
        failures = check_image(image, original, "QEMU's -snapshot left the image alone")
        failures += check_log(run_morph(morph, accel, bios, image, True, work), ata, geometry)
        failures += check_image(image, original, "-snapshot: the image is unchanged")
        failures += check_log(run_morph(morph, accel, bios, image, False, work), ata, geometry)
        written = original[:SECTOR] + mbr + original[2 * SECTOR:]
        failures += check_image(image, written, "without -snapshot: sector 1 holds the boot sector")
        if failures:
            print(f"{failures} failure(s)")
            return 1
    print("SeaBIOS boots the IDE disk under morph-system as under QEMU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
