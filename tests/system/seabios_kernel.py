#!/usr/bin/env python3
"""tests/system/seabios_kernel.py — -kernel, -initrd and -append on
morph-system's pc board: SeaBIOS boots Debian's linux-image-amd64 kernel
from the fw_cfg items the board fills (through QEMU's linuxboot_dma.bin
option ROM), and the kernel's early console on COM1 shows that it got
what was given:

    seabios_kernel.py MORPH_SYSTEM ACCEL BIOS CACHE_DIR

  Linux version ...   the release and version strings the bzImage's own
                      header names (boot protocol: kernel_version)
  Command line: ...   the -append string, with a nonce of this run
  RAMDISK: [mem A-B]  an initrd of this run's odd size: B + 1 - A is its
                      size rounded up to whole pages

The kernel comes from Debian's archive: the package linux-image-amd64
depends on, fetched once with apt-get download into CACHE_DIR (the
network is needed on the first run; a failed fetch fails the test).
Exit status 77 (CTest's skip) when the BIOS or the option ROM is not
installed.
"""
import glob
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
LINUXBOOT_ROM = "/usr/share/qemu/linuxboot_dma.bin"
TIMEOUT = 800  # seconds to the RAMDISK line: Debug builds, the interpreter (~350 s)
PAGE = 4096
INITRD_BYTES = 3 * PAGE + 1234


def fetch_kernel(cache):
    """CACHE/vmlinuz, fetched and unpacked on the first run."""
    kernel = os.path.join(cache, "vmlinuz")
    if os.path.exists(kernel):
        return kernel
    os.makedirs(cache, exist_ok=True)
    deps = subprocess.run(["apt-cache", "depends", "linux-image-amd64"], capture_output=True, text=True)
    found = re.search(r"Depends: (linux-image-\S+)", deps.stdout)
    if not found:
        sys.exit(f"FAIL: apt-cache knows no linux-image-amd64 here: {deps.stderr.strip()}")
    with tempfile.TemporaryDirectory(dir=cache) as work:
        got = subprocess.run(["apt-get", "download", found.group(1)], cwd=work, capture_output=True, text=True)
        debs = glob.glob(os.path.join(work, "*.deb"))
        if got.returncode != 0 or not debs:
            sys.exit(f"FAIL: apt-get download {found.group(1)} failed: {got.stderr.strip()[-500:]}")
        tree = os.path.join(work, "tree")
        subprocess.run(["dpkg-deb", "-x", debs[0], tree], check=True)
        images = glob.glob(os.path.join(tree, "boot", "vmlinuz-*"))
        if not images:
            sys.exit(f"FAIL: {debs[0]} holds no /boot/vmlinuz-*")
        shutil.move(images[0], kernel)
    return kernel


def header_version(kernel):
    """The bzImage's kernel_version string: 'RELEASE (BUILDER) VERSION'."""
    with open(kernel, "rb") as f:
        image = f.read(0x10000)
    offset = int.from_bytes(image[0x20E:0x210], "little") + 0x200
    return image[offset:image.index(b"\0", offset)].decode()


def read_lines(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("latin-1").splitlines()
    except FileNotFoundError:
        return []


def boot(morph, accel, bios, kernel, initrd, append, serial_log):
    """Run morph until the kernel prints its RAMDISK line; the console's lines."""
    cmd = [morph, "-M", "pc", "-accel", accel, "-bios", bios, "-display", "none", "-kernel", kernel,
           "-initrd", initrd, "-append", append, "-serial", "file:" + serial_log]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while time.monotonic() - start < TIMEOUT and proc.poll() is None:
            if any("RAMDISK: [mem " in line for line in read_lines(serial_log)):
                break
            time.sleep(0.5)
        exited = proc.poll()
    finally:
        proc.kill()
        _, err = proc.communicate()
    print(f"morph-system ({accel}) ran {time.monotonic() - start:.1f} s")
    if exited is not None:
        print(f"morph-system exited with status {exited}: {err.decode(errors='replace')[-2000:]}")
    return read_lines(serial_log)


def line_with(lines, text):
    return next((line for line in lines if text in line), None)


def check(lines, version, append):
    release, rest = version.split(" (", 1)
    uts_version = rest.split(") ", 1)[1]
    failures = []
    banner = line_with(lines, "Linux version ")
    if not banner or f"Linux version {release} (" not in banner or not banner.endswith(uts_version):
        failures.append(f"banner {banner!r}, want release {release!r} and version {uts_version!r}")
    cmdline = line_with(lines, "Command line: ")
    if not cmdline or not cmdline.endswith("Command line: " + append):
        failures.append(f"command line {cmdline!r}, want {append!r}")
    ramdisk = line_with(lines, "RAMDISK: [mem ")
    pages = re.search(r"RAMDISK: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]", ramdisk or "")
    want_bytes = (INITRD_BYTES + PAGE - 1) // PAGE * PAGE
    if not pages or int(pages.group(2), 16) + 1 - int(pages.group(1), 16) != want_bytes:
        failures.append(f"initrd {ramdisk!r}, want {want_bytes} bytes of pages")
    for line in (banner, cmdline, ramdisk):
        if line:
            print("  " + line)
    return failures


def main():
    morph, accel, bios, cache = sys.argv[1:5]
    for needed in (bios, LINUXBOOT_ROM):
        if not os.path.exists(needed):
            print(f"skip: {needed} is not installed")
            return SKIP
    kernel = fetch_kernel(cache)
    version = header_version(kernel)
    append = f"console=ttyS0 earlyprintk=serial morph.test={secrets.token_hex(4)}"
    with tempfile.TemporaryDirectory(prefix="morph-kernel.") as work:
        initrd = os.path.join(work, "initrd")
        with open(initrd, "wb") as f:
            f.write(os.urandom(INITRD_BYTES))
        lines = boot(morph, accel, bios, kernel, initrd, append, os.path.join(work, "serial.log"))
        failures = check(lines, version, append)
        if failures:
            print("the console ends with:\n  " + "\n  ".join(lines[-15:]))
            print("FAIL: " + "\nFAIL: ".join(failures))
            return 1
    print("the kernel got the board's -kernel, -initrd and -append")
    return 0


if __name__ == "__main__":
    sys.exit(main())
