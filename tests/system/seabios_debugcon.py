#!/usr/bin/env python3
"""tests/system/seabios_debugcon.py — Debian's SeaBIOS on morph-system's
pc board, checked line by line against its debug log under QEMU:

    seabios_debugcon.py MORPH_SYSTEM ACCEL BIOS

SeaBIOS writes its log to the QEMU debug console, port 0x402. The test
runs the same BIOS under qemu-system-x86_64 -M pc (the oracle) and then
under morph-system with -debugcon file:..., each until its log shows the
last milestone below (or the time runs out, or it exits).

Each milestone names a line by a pattern. For SAME, the first matching
line of morph's log must equal the first matching line of QEMU's; for a
string, morph's line must equal that string, where morph's machine
differs from QEMU's on purpose (the reason beside it). The milestones
must appear in this order. They cover what morph models today; add the
next ones as SeaBIOS gets further.

Exit status 77 (CTest's skip) when the BIOS or QEMU is not installed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
QEMU = "qemu-system-x86_64"
QEMU_TIMEOUT = 60
MORPH_TIMEOUT = 300  # seconds: Debug builds, the interpreter
SAME = None

MILESTONES = [
    (r"^SeaBIOS \(version ", SAME),
    (r"^BUILD: ", SAME),
    (r"^Running on QEMU ", SAME),
    (r"^Found QEMU fw_cfg", SAME),
    (r"^QEMU fw_cfg DMA interface supported", SAME),
    (r"^qemu/e820: addr ", SAME),
    (r"^Relocating init from ", SAME),  # same RAM, same BIOS: same addresses
    (r"^=== PCI device probing ===", SAME),
    # QEMU's VGA is PCI device 00:02.0; morph's VGA has no PCI face yet.
    (r"^Found \d+ PCI devices", "Found 4 PCI devices (max PCI bus is 00)"),
    (r"^PCI: IO: ", SAME),
    (r"^PCI: map device bdf=00:01\.1 ", SAME),  # the PIIX3 IDE bus-master BAR
    (r"^PCI: init bdf=00:00\.0 ", SAME),
    (r"^PCI: init bdf=00:01\.0 ", SAME),
    (r"^PIIX3/PIIX4 init: elcr=", SAME),
    (r"^PCI: init bdf=00:01\.1 ", SAME),
    (r"^PCI: init bdf=00:01\.3 ", SAME),
    # morph gives SeaBIOS no "etc/table-loader" (it builds its own ACPI
    # tables, machines/pc.c), so the PM block stays at SeaBIOS's default
    # 0xB000 instead of QEMU's 0x600.
    (r"^Using pmtimer, ioport ", "Using pmtimer, ioport 0xb008"),
    (r"^Found \d+ cpu\(s\)", SAME),
    (r"^Copying PIR from ", SAME),
    (r"^Start SeaVGABIOS ", SAME),
    (r"^Turning on vga text mode console", SAME),
    (r"^set VGA mode 3", SAME),
    (r"^SeaBIOS \(version ", SAME),  # the banner again, now on the screen too
    (r"^ATA controller 1 at ", SAME),
    (r"^ATA controller 2 at ", SAME),
    (r"^Found \d+ lpt ports", SAME),
    (r"^Found \d+ serial ports", SAME),
    (r"^PS2 keyboard initialized", SAME),
    (r"^All threads complete", SAME),
    # QEMU's qemu64 cpu says AuthenticAMD, and QEMU's pc then reserves the
    # AMD HyperTransport hole below 1 TiB; morph's cpu says GenuineIntel.
    (r"^e820 map has \d+ items", "e820 map has 6 items:"),
    (r"^  0: ", SAME),
    (r"^  1: ", SAME),
    (r"^  2: ", SAME),
    # SeaBIOS's own ACPI tables take 8 KiB at the top of RAM; the ones
    # QEMU's table-loader installs, 128 KiB.
    (r"^  3: ", "  3: 0000000000100000 - 0000000007ffe000 = 1 RAM"),
    (r"^  4: ", "  4: 0000000007ffe000 - 0000000008000000 = 2 RESERVED"),
    (r"^  5: ", SAME),  # the BIOS below 4 GiB
    # No disk yet: every boot attempt fails. (QEMU's kvmvapic option ROM
    # puts the hard disk before the floppy there; the order is not checked.)
    (r"^Boot failed: could not read the boot disk", SAME),
    (r"^No bootable device", SAME),
]


def read_lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("latin-1").splitlines()
    except FileNotFoundError:
        return []


def first_match(lines, pattern, start=0):
    """(index, line) of the first line from start matching pattern."""
    for i in range(start, len(lines)):
        if re.search(pattern, lines[i]):
            return i, lines[i]
    return None, None


def run_until(cmd, log, last_pattern, timeout):
    """Run cmd until log has a line matching last_pattern, it exits or the
    time runs out; the log's lines and the seconds taken."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        while time.monotonic() - start < timeout and proc.poll() is None:
            if first_match(read_lines(log), last_pattern)[1] is not None:
                break
            time.sleep(0.2)
        seconds = time.monotonic() - start
        exited = proc.poll()
    finally:
        proc.kill()
        _, err = proc.communicate()
    if exited is not None:
        print(f"{cmd[0]} exited with status {exited}: {err.decode(errors='replace')[-2000:]}")
    return read_lines(log), seconds


def qemu_log(bios, work):
    log = os.path.join(work, "qemu.log")
    cmd = [QEMU, "-M", "pc", "-accel", "tcg", "-display", "none", "-bios", bios,
           "-debugcon", "file:" + log, "-global", "isa-debugcon.iobase=0x402",
           "-serial", "null", "-monitor", "none", "-nodefaults", "-vga", "std"]
    return run_until(cmd, log, MILESTONES[-1][0], QEMU_TIMEOUT)[0]


def expected_lines(qemu):
    """The line each milestone wants, from QEMU's log or the table."""
    wanted = []
    for pattern, want in MILESTONES:
        if want is SAME:
            _, want = first_match(qemu, pattern)
            if want is None:
                sys.exit(f"FAIL: QEMU's log has no line matching /{pattern}/ (the oracle went wrong)")
        wanted.append((pattern, want))
    return wanted


def run_morph(morph, accel, bios, work):
    log = os.path.join(work, "morph.log")
    cmd = [morph, "-M", "pc", "-accel", accel, "-bios", bios, "-display", "none",
           "-debugcon", "file:" + log, "-serial", "null"]
    return run_until(cmd, log, MILESTONES[-1][0], MORPH_TIMEOUT)


def check(morph_lines, wanted):
    failures = 0
    at = 0
    for pattern, want in wanted:
        i, got = first_match(morph_lines, pattern, at)
        if got is None:
            print(f"FAIL: no line matching /{pattern}/ after line {at}; want: {want}")
            failures += 1
        elif got != want:
            print(f"FAIL: line {i + 1}: {got!r}\n      want: {want!r}")
            failures += 1
        else:
            print(f"ok: {got}")
            at = i + 1
    return failures


def main():
    morph, accel, bios = sys.argv[1:4]
    if not os.path.exists(bios):
        print(f"skip: {bios} is not installed (Debian package seabios)")
        return SKIP
    if not shutil.which(QEMU):
        print(f"skip: {QEMU} (the oracle) is not installed")
        return SKIP
    with tempfile.TemporaryDirectory(prefix="morph-seabios.") as work:
        wanted = expected_lines(qemu_log(bios, work))
        morph_lines, seconds = run_morph(morph, accel, bios, work)
        print(f"morph-system ({accel}) wrote {len(morph_lines)} log lines in {seconds:.1f} s")
        failures = check(morph_lines, wanted)
        if failures:
            print("morph's log ends with:\n  " + "\n  ".join(morph_lines[-15:]))
            print(f"{failures} failure(s)")
            return 1
    print("SeaBIOS's log under morph-system matches QEMU's up to the last milestone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
