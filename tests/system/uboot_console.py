#!/usr/bin/env python3
"""tests/system/uboot_console.py — boots Debian's U-Boot for QEMU's ppce500
under morph-system and drives its serial console through pipes:

    boot to '=>' (autoboot stopped by a key) -> version -> bdinfo ->
    md 0x0 10 -> mw/md round trips (byte, half, word) -> crc32 of what
    mw wrote -> PCI commands -> reset (the banner again, then the
    prompt) -> PCI configuration space again -> Ctrl-A x -> the
    -d guest_errors log names the CCSR register U-Boot reads that no
    device answers (0xF_E000_5008, as qemu-system-ppc logs it too)

    uboot_console.py MORPH_SYSTEM ACCEL FIRMWARE

Expected values come from outside morph: the version banner from the
firmware file's own bytes, the RAM size from -m, the CRC from zlib over
the bytes the test wrote, the rest from U-Boot's output under
qemu-system-ppc -M ppce500 (same firmware, same -m). Where
qemu-system-ppc is installed the test first boots the firmware under it
(its ELF image: QEMU loads no raw one) through the same console session
and then requires morph's output to equal QEMU's: both banners line by
line (but the device count, see BANNER_EXCEPTIONS), the PCI node of the
device tree U-Boot runs with, the PCI commands (the host bridge, its
BAR, the windows, its configuration space after BAR sizing and writes)
and the configuration header after the guest's reset (the devices were
reset too). Exit status 77 (CTest's skip) when the firmware is not
installed.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib

SKIP = 77
RAM_MIB = 256
BOOT_TIMEOUT = 240     # seconds to the first prompt: Debug builds, the interpreter
COMMAND_TIMEOUT = 60
UNMODELLED_REGISTER = "0xfe0005008"  # U-Boot reads it at boot; nothing answers there
SCRATCH = 0x03000000   # free RAM: above U-Boot's load address and its first device tree,
                       # far below where it relocates itself (the top of RAM)
QEMU = "qemu-system-ppc"

# Console commands whose whole output must equal QEMU's: the controller's
# registers (CONFIG_ADDRESS as U-Boot left it, the ATMU windows it set
# up), the PCI bus as U-Boot found it, then the host bridge's
# configuration space after BAR sizing and writes to every kind of field
# (read-only, writable, BAR, device-specific).
PCI_COMMANDS = [
    "md 0xe0008000 4",
    "md 0xe0008c00 80",
    "pci",
    "pci header 0.0.0",
    "pci bar 0.0.0",
    "pci regions",
    "pci write.l 0.0.0 4 ffffffff",
    "pci write.l 0.0.0 c ffffffff",
    "pci write.l 0.0.0 10 ffffffff",
    "pci write.l 0.0.0 14 ffffffff",
    "pci write.l 0.0.0 30 ffffffff",
    "pci write.l 0.0.0 3c ffffffff",
    "pci write.l 0.0.0 80 12345678",
    "pci display.l 0.0.0 0 40",
    "pci display.b 0.0.0 0 10",
    "pci display.w 0.0.0 0 8",
]
# After the guest's reset: the header's registers written above (the
# interrupt line, which U-Boot leaves alone, among them) are back to what
# reset and U-Boot make them. Only the header: QEMU's reset keeps the
# device-specific bytes (0x40-0xff), the chip's hard reset clears them.
AFTER_RESET_COMMANDS = ["pci display.l 0.0.0 0 10"]
# The device tree's PCI node as U-Boot prints it; properties of QEMU's
# tree that morph's lacks are devices or interrupts morph does not model.
FDT_COMMANDS = ["fdt addr $fdtcontroladdr", "fdt print /pci@fe0008000",
                "fdt get value mpic /soc@fe0000000/pic@40000 phandle", "echo $mpic"]
# Banner lines that may differ from QEMU's, and why. QEMU's tree also
# describes a GPIO controller, an I2C controller with its RTC, a
# gpio-poweroff node and the platform bus, which morph does not model,
# so U-Boot counts fewer devices and uclasses under morph.
BANNER_EXCEPTIONS = {
    "Core:": r"Core:  \d+ devices, \d+ uclasses, devicetree: board",
}


class Console:
    """An emulator's serial console on pipes (morph-system's or QEMU's), with
    everything it printed."""

    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.out = bytearray()
        self.seen = 0          # output before this offset was matched already
        self.cond = threading.Condition()
        self.err = b""
        self.eof = False       # morph-system closed its output
        threading.Thread(target=self._pump_stdout, daemon=True).start()
        threading.Thread(target=self._pump_stderr, daemon=True).start()

    def _pump_stdout(self):
        while True:
            chunk = os.read(self.proc.stdout.fileno(), 4096)
            with self.cond:
                if not chunk:
                    self.eof = True
                    self.cond.notify_all()
                    return
                self.out += chunk
                self.cond.notify_all()

    def _pump_stderr(self):
        self.err = self.proc.stderr.read()

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def expect(self, pattern, timeout, what):
        """Wait for regex pattern in the output not yet matched; returns
        the text from the last match's end up to this match's end."""
        rx = re.compile(pattern.encode())
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                m = rx.search(self.out, self.seen)
                if m:
                    text = self.out[self.seen:m.end()].decode(errors="replace")
                    self.seen = m.end()
                    return text
                left = deadline - time.monotonic()
                if left <= 0 or self.eof:
                    tail = self.out[-600:].decode(errors="replace")
                    fail(f"{what}: no /{pattern}/ within {timeout} s "
                         f"(exit status {self.proc.poll()}); output ends:\n{tail}")
                self.cond.wait(min(left, 0.5))

    def command(self, line):
        """Run one U-Boot command; its output (without the echo and prompt)."""
        self.send(line + "\r")
        text = self.expect(r"\r?\n=> ", COMMAND_TIMEOUT, f"'{line}'")
        text = text.replace("\r", "")
        lines = text.split("\n")
        # The first line echoes the command; the last is the new prompt.
        if not lines[0].endswith(line):
            fail(f"'{line}' was not echoed: {lines[0]!r}")
        return "\n".join(lines[1:-1])


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def firmware_banner(path):
    """The version banner compiled into the firmware: 'U-Boot 2023.01... (date)'."""
    data = open(path, "rb").read()
    m = re.search(rb"U-Boot \d{4}\.\d{2}[^\0\n]*\)", data)
    if not m:
        fail(f"no U-Boot version string in {path}")
    return m.group(0).decode()


def elf_of_build(firmware):
    """The ELF image of the firmware's build for QEMU, whose ppce500 board
    loads no raw -bios image: the file itself, or uboot.elf beside a raw
    u-boot.bin (the banner check proves it the same build); None if
    there is none."""
    with open(firmware, "rb") as f:
        if f.read(4) == b"\x7fELF":
            return firmware
    elf = os.path.join(os.path.dirname(firmware), "uboot.elf")
    return elf if os.path.exists(elf) else None


def boot_to_prompt(con, banner, what):
    """Boot to the prompt; the banner's lines, from the version to the
    autoboot line."""
    con.expect(re.escape(banner), BOOT_TIMEOUT, f"{what}: banner")
    shown = con.expect(r"Hit any key to stop autoboot", BOOT_TIMEOUT, f"{what}: autoboot")
    if f"DRAM:  {RAM_MIB} MiB" not in shown:
        fail(f"{what}: U-Boot did not report {RAM_MIB} MiB of DRAM:\n{shown}")
    con.send(" ")
    con.expect(r"=> ", COMMAND_TIMEOUT, f"{what}: prompt")
    print(f"ok: {what}: U-Boot reached its prompt")
    return (banner + shown).replace("\r", "").split("\n")


def check_bdinfo(con):
    out = con.command("bdinfo")
    want = {
        "DRAM bank": "0x00000000",
        "-> start": "0x00000000",
        "-> size": f"0x{RAM_MIB << 20:08x}",
        "baudrate": "115200 bps",
        "immr_base": "0xe0000000",
        "addressing": "36-bit",
    }
    for key, value in want.items():
        m = re.search(r"^" + re.escape(key) + r"\s*=\s*(.*)$", out, re.M)
        if not m or m.group(1).strip() != value:
            fail(f"bdinfo: {key} should be {value}:\n{out}")
    print("ok: bdinfo")


def parse_md(out):
    """md output -> {address: [values]} of its hex columns."""
    rows = {}
    for line in out.split("\n"):
        m = re.match(r"^([0-9a-f]{8}):((?: [0-9a-f]+)+)", line)
        if m:
            rows[int(m.group(1), 16)] = [int(v, 16) for v in m.group(2).split()]
    return rows


def check_md_zero(con):
    rows = parse_md(con.command("md 0x0 10"))
    if rows != {a: [0, 0, 0, 0] for a in range(0, 0x40, 0x10)}:
        fail(f"md 0x0 10: expected 16 zero words, got {rows}")
    print("ok: md 0x0 10")


def check_round_trips(con):
    # Each width: write with mw.<w>, read back with md.<w>.
    for suffix, size in (("b", 1), ("w", 2), ("l", 4)):
        addr = SCRATCH + 0x100 * size
        values = [(0x5a + 37 * i) & ((1 << (8 * size)) - 1) for i in range(8)]
        for i, v in enumerate(values):
            con.command(f"mw.{suffix} {addr + i * size:x} {v:x}")
        rows = parse_md(con.command(f"md.{suffix} {addr:x} {len(values):x}"))
        got = [v for a in sorted(rows) for v in rows[a]]
        if got != values:
            fail(f"mw.{suffix}/md.{suffix} at 0x{addr:x}: wrote {values}, read {got}")
    # A fill: mw.l ADDR VALUE COUNT.
    con.command(f"mw.l {SCRATCH:x} 0x13579bdf 8")
    rows = parse_md(con.command(f"md.l {SCRATCH:x} 8"))
    if [v for a in sorted(rows) for v in rows[a]] != [0x13579bdf] * 8:
        fail(f"mw.l fill: {rows}")
    print("ok: mw/md round trips")


def check_crc32(con):
    words = [(0x01234567 * (i + 1)) & 0xffffffff for i in range(16)]
    base = SCRATCH + 0x1000
    for i, w in enumerate(words):
        con.command(f"mw.l {base + 4 * i:x} {w:08x}")
    data = b"".join(w.to_bytes(4, "big") for w in words)   # the e500 runs big-endian
    want = zlib.crc32(data) & 0xffffffff
    out = con.command(f"crc32 {base:x} {len(data):x}")
    m = re.search(r"==>\s*([0-9a-f]{8})", out)
    if not m or int(m.group(1), 16) != want:
        fail(f"crc32 of the words written: want {want:08x}, got:\n{out}")
    print("ok: crc32")


class Reference:
    """What QEMU showed: its banners and its outputs of the command lists."""
    boot_banner = reset_banner = None
    fdt = pci = after_reset = None


def run_commands(con, commands):
    return [con.command(line) for line in commands]


def reference_session(con, banner):
    """The console session QEMU's answers are taken from: the same
    commands, from boot through the reset, then Ctrl-A x."""
    ref = Reference()
    try:
        ref.boot_banner = boot_to_prompt(con, banner, "qemu boot")
        ref.fdt = run_commands(con, FDT_COMMANDS)
        ref.pci = run_commands(con, PCI_COMMANDS)
        con.send("reset\r")
        ref.reset_banner = boot_to_prompt(con, banner, "qemu reset")
        ref.after_reset = run_commands(con, AFTER_RESET_COMMANDS)
        con.send("\x01x")
        con.proc.wait(timeout=COMMAND_TIMEOUT)
    finally:
        if con.proc.poll() is None:
            con.proc.kill()
            con.proc.wait()
    return ref


def compare_banner(got, want, what):
    if len(got) != len(want):
        fail(f"{what}: {len(got)} banner lines, QEMU printed {len(want)}:\n"
             + "\n".join(got) + "\n--- QEMU:\n" + "\n".join(want))
    for mine, theirs in zip(got, want):
        if mine == theirs:
            continue
        shape = next((rx for prefix, rx in BANNER_EXCEPTIONS.items()
                      if theirs.startswith(prefix)), None)
        if not shape or not re.fullmatch(shape, mine):
            fail(f"{what}: banner line {mine!r}, QEMU printed {theirs!r}")
    print(f"ok: {what}: banner as QEMU's")


def fdt_properties(fdt_outputs):
    """The PCI node's properties {name: value} from FDT_COMMANDS' outputs;
    in interrupt-map the parent cell of each row (unit address 3 cells,
    pin, parent, input, sense) reads MPIC where it is the MPIC's phandle."""
    node, mpic = fdt_outputs[1], fdt_outputs[3].strip()
    props = dict(re.findall(r"^\t(\S+) = (.*);$", node, re.M))
    if "interrupt-map" in props:
        cells = props["interrupt-map"].strip("<>").split()
        for i in range(4, len(cells), 7):
            if int(cells[i], 16) == int(mpic, 16):
                cells[i] = "MPIC"
        props["interrupt-map"] = " ".join(cells)
    return props


def compare_fdt(got, want):
    """Every property of morph's PCI node as QEMU's tree has it."""
    mine, theirs = fdt_properties(got), fdt_properties(want)
    if not mine:
        fail(f"no PCI node in morph's device tree:\n{got[1]}")
    for name, value in mine.items():
        if theirs.get(name) != value:
            fail(f"device tree: {name} = {value}; QEMU's tree has {theirs.get(name)}")
    print(f"ok: device tree: the PCI node's {len(mine)} properties as QEMU's")


def compare_outputs(commands, got, want):
    for line, mine, theirs in zip(commands, got, want):
        if mine != theirs:
            fail(f"'{line}' printed:\n{mine}\n--- QEMU printed:\n{theirs}")
    print(f"ok: {len(commands)} commands printed what QEMU printed")


def session(con, banner, reference):
    """Everything the console is asked, from boot to Ctrl-A x; the banners
    and outputs QEMU gave are compared when there is a reference."""
    try:
        boot_banner = boot_to_prompt(con, banner, "boot")
        out = con.command("version")
        if banner not in out:
            fail(f"version: want {banner!r}:\n{out}")
        print("ok: version")
        check_bdinfo(con)
        check_md_zero(con)
        check_round_trips(con)
        check_crc32(con)
        if reference:
            compare_banner(boot_banner, reference.boot_banner, "boot")
            compare_fdt(run_commands(con, FDT_COMMANDS), reference.fdt)
            compare_outputs(PCI_COMMANDS, run_commands(con, PCI_COMMANDS), reference.pci)
        con.send("reset\r")
        reset_banner = boot_to_prompt(con, banner, "reset")
        if reference:
            compare_banner(reset_banner, reference.reset_banner, "reset")
            compare_outputs(AFTER_RESET_COMMANDS, run_commands(con, AFTER_RESET_COMMANDS),
                            reference.after_reset)
        con.send("\x01x")  # Ctrl-A x: quit
        try:
            status = con.proc.wait(timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            fail("Ctrl-A x did not end morph-system")
        if status != 0:
            fail(f"exit status {status} after Ctrl-A x; stderr: {con.err[-300:]!r}")
        print("ok: Ctrl-A x quit with status 0")
    finally:
        if con.proc.poll() is None:
            con.proc.kill()
            con.proc.wait()


def main():
    morph, accel, firmware = sys.argv[1:4]
    if not os.path.exists(firmware):
        print(f"skip: {firmware} is not installed (Debian package u-boot-qemu)")
        return SKIP
    banner = firmware_banner(firmware)
    reference = None
    qemu_firmware = elf_of_build(firmware)
    if shutil.which(QEMU) and qemu_firmware:
        reference = reference_session(Console([QEMU, "-M", "ppce500", "-m", str(RAM_MIB),
                                               "-nographic", "-net", "none", "-bios", qemu_firmware]),
                                      banner)
    else:
        print(f"note: no {QEMU} or no ELF image: no comparison with QEMU's output")
    with tempfile.TemporaryDirectory() as work:
        log = os.path.join(work, "guest_errors.log")
        session(Console([morph, "-M", "e500", "-m", str(RAM_MIB), "-nographic", "-accel", accel,
                     "-bios", firmware, "-serial", "stdio", "-d", "guest_errors", "-D", log]),
                banner, reference)
        with open(log) as f:
            if UNMODELLED_REGISTER not in f.read():
                fail(f"-d guest_errors did not log the read of {UNMODELLED_REGISTER}")
        print("ok: -d guest_errors logged the unmodelled register")
    return 0


if __name__ == "__main__":
    sys.exit(main())
