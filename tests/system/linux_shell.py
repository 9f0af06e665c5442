#!/usr/bin/env python3
"""tests/system/linux_shell.py — a Debian Linux PC to a shell: SeaBIOS
boots Debian's linux-image-amd64 kernel on morph-system's pc board with an
initramfs made here from Debian's busybox-static (amd64); at the shell
prompt on the serial console the test types

    uname -a; cat /proc/cpuinfo | head; ls /proc; echo done

and checks what comes back against facts that do not come from morph:

  uname -a        the release and version the bzImage's own header names,
                  machine x86_64
  /proc/cpuinfo   "processor : 0" first, then "key : value" lines, a
                  vendor_id among them
  ls /proc        the entries every Linux has: cpuinfo, meminfo, self,
                  uptime and 1 (init, the initramfs's shell)
  done            the end of the commands

    linux_shell.py MORPH_SYSTEM ACCEL BIOS CACHE_DIR

It prints how long the boot took (no time is asserted; TIMEOUT only stops
a hung run). The kernel and busybox come from Debian's archive with
apt-get download into CACHE_DIR (the network is needed on the first run).
Exit status 77 (CTest's skip) when the BIOS or the option ROM is missing.
"""
import glob
import gzip
import os
import re
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seabios_kernel import LINUXBOOT_ROM, SKIP, fetch_kernel, header_version  # noqa: E402

TIMEOUT = 600  # seconds to the prompt; a Release build takes about 10 s
PROMPT = b"/ # "
COMMANDS = "uname -a; cat /proc/cpuinfo | head; ls /proc; echo done"
INIT = """#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
exec setsid cttyhack sh
"""


def fetch_busybox(cache):
    """CACHE/busybox: Debian's static amd64 busybox, fetched on first use."""
    busybox = os.path.join(cache, "busybox")
    if os.path.exists(busybox):
        return busybox
    os.makedirs(cache, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as work:
        got = subprocess.run(["apt-get", "download", "busybox-static:amd64"], cwd=work,
                             capture_output=True, text=True)
        debs = glob.glob(os.path.join(work, "*.deb"))
        if got.returncode != 0 or not debs:
            sys.exit(f"FAIL: apt-get download busybox-static:amd64 failed: {got.stderr.strip()[-500:]}")
        tree = os.path.join(work, "tree")
        subprocess.run(["dpkg-deb", "-x", debs[0], tree], check=True)
        os.replace(os.path.join(tree, "bin", "busybox"), busybox)
    return busybox


def newc(entries):
    """A gzipped cpio archive in the kernel's initramfs format ("newc"):
    (path, mode, data) entries, then the trailer."""
    out = bytearray()
    for ino, (name, mode, data) in enumerate(entries + [("TRAILER!!!", 0, b"")], 1):
        path = name.encode() + b"\0"
        fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(path), 0]
        out += b"070701" + "".join(f"{v:08X}" for v in fields).encode() + path
        out += bytes(-len(out) % 4)
        out += data + bytes(-len(data) % 4)
    return gzip.compress(bytes(out))


def make_initramfs(busybox, path):
    with open(busybox, "rb") as f:
        binary = f.read()
    directory = stat.S_IFDIR | 0o755
    with open(path, "wb") as f:
        f.write(newc([("bin", directory, b""), ("proc", directory, b""), ("sys", directory, b""),
                      ("dev", directory, b""), ("bin/busybox", stat.S_IFREG | 0o755, binary),
                      ("init", stat.S_IFREG | 0o755, INIT.encode())]))


def read_until(proc, marker, deadline):
    """Console bytes up to and including marker; None at EOF or timeout."""
    seen = b""
    os.set_blocking(proc.stdout.fileno(), False)
    while time.monotonic() < deadline:
        chunk = proc.stdout.read()
        if chunk == b"" and proc.poll() is not None:
            return None
        if chunk:
            seen += chunk
            if marker in seen:
                return seen
        else:
            time.sleep(0.05)
    return None


def session(morph, accel, bios, kernel, initrd):
    """Boot to the prompt, type the commands; (console text, failure)."""
    cmd = [morph, "-M", "pc", "-m", "512", "-accel", accel, "-bios", bios, "-display", "none",
           "-nographic", "-kernel", kernel, "-initrd", initrd, "-append", "console=ttyS0 quiet"]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        boot = read_until(proc, PROMPT, start + TIMEOUT)
        if boot is None:
            return "", f"no shell prompt within {TIMEOUT} s (status {proc.poll()})"
        print(f"morph-system ({accel}): the shell prompt after {time.monotonic() - start:.1f} s")
        proc.stdin.write(COMMANDS.encode() + b"\n")
        proc.stdin.flush()
        out = read_until(proc, b"\ndone", time.monotonic() + 120)
        if out is None:
            return "", "the commands did not finish"
        return out.decode("latin-1").replace("\r", ""), None
    finally:
        proc.kill()
        proc.communicate()


def check(text, version):
    release, rest = version.split(" (", 1)
    uts_version = rest.split(") ", 1)[1]
    lines = text.split("\n")
    failures = []
    uname = next((line for line in lines if line.startswith("Linux ")), "")
    if not re.fullmatch(rf"Linux \S+ {re.escape(release)} {re.escape(uts_version)} x86_64 GNU/Linux", uname):
        failures.append(f"uname -a: {uname!r}, want release {release!r}, version {uts_version!r}, x86_64")
    after = lines[lines.index(uname) + 1:] if uname in lines else []
    cpuinfo = after[:10]
    if not cpuinfo or not re.fullmatch(r"processor\s*: 0", cpuinfo[0]) or \
            not all(re.fullmatch(r"[A-Za-z _]+\t*: .*", line) for line in cpuinfo) or \
            not any(line.startswith("vendor_id") for line in cpuinfo):
        failures.append(f"/proc/cpuinfo's first lines: {cpuinfo!r}")
    entries = set(" ".join(after[10:]).split())
    missing = {"cpuinfo", "meminfo", "self", "uptime", "1"} - entries
    if missing:
        failures.append(f"ls /proc lacks {sorted(missing)}")
    for line in [uname] + cpuinfo[:3]:
        print("  " + line)
    return failures


def main():
    morph, accel, bios, cache = sys.argv[1:5]
    for needed in (bios, LINUXBOOT_ROM):
        if not os.path.exists(needed):
            print(f"skip: {needed} is not installed")
            return SKIP
    kernel = fetch_kernel(cache)
    busybox = fetch_busybox(cache)
    with tempfile.TemporaryDirectory(prefix="morph-linux.") as work:
        initrd = os.path.join(work, "initramfs.gz")
        make_initramfs(busybox, initrd)
        text, failure = session(morph, accel, bios, kernel, initrd)
    failures = [failure] if failure else check(text, header_version(kernel))
    if failures:
        print("the console ends with:\n  " + "\n  ".join(text.split("\n")[-15:]))
        print("FAIL: " + "\nFAIL: ".join(failures))
        return 1
    print("Linux booted to a busybox shell and ran the commands")
    return 0


if __name__ == "__main__":
    sys.exit(main())
