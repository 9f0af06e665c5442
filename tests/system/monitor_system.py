#!/usr/bin/env python3
"""tests/system/monitor_system.py — morph-system's monitor (-monitor
tcp:...,server,nowait) driven over its socket while the guest runs:

  e500 (Debian's U-Boot for QEMU's ppce500, console on pipes):
    boot to '=>' -> info registers (pc inside U-Boot's relocated code, as
    bdinfo's relocaddr says; an msr) -> xp and x of U-Boot's first code
    bytes (the ELF file's, in every size and format) -> x/2wx $pc equals
    what U-Boot's own md reads there -> x/2i $pc -> info tlb (CCSR's
    entry cache-inhibited and guarded; where qemu-system-ppc is installed,
    every TLB1 entry as QEMU's info tlb shows it) -> stop, info status, typed input
    waits; cont, U-Boot answers -> system_reset: the banner again ->
    screendump (no screen) -> unknown command -> quit: exit status 0
  pc (Debian's SeaBIOS, -display none -screendump AT_EXIT):
    the VGA text buffer's first row (xp at 0xB8000) holds the banner
    string the SeaBIOS image carries; screendump FILE writes a PNG whose
    image data inflates to height * (1 + 3 * width) bytes, and so does
    -screendump when quit stops the machine; info registers shows CS and rIP;
    info mem says paging is off (SeaBIOS runs without paging: IA-32
    paging needs CR0.PG, which SeaBIOS never sets)

    monitor_system.py MORPH_SYSTEM ACCEL UBOOT_ELF SEABIOS

Expected values come from the firmware files, U-Boot's own console and
the manuals, never from morph. Exit status 77 (CTest's skip) when
neither firmware is installed.
"""
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

SKIP = 77
RAM_MIB = 256
BOOT_TIMEOUT = 240
COMMAND_TIMEOUT = 60
PROMPT = b"(morph) "
CCSR_BASE = 0xE0000000      # U-Boot's immr_base on QEMU's ppce500 (bdinfo)
QEMU = "qemu-system-ppc"


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Output:
    """A byte stream read by a thread, with waits for patterns."""

    def __init__(self, read):
        self.buf = bytearray()
        self.seen = 0
        self.eof = False
        self.cond = threading.Condition()
        self._read = read
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        while True:
            try:
                chunk = self._read()
            except OSError:
                chunk = b""
            with self.cond:
                if not chunk:
                    self.eof = True
                else:
                    self.buf += chunk
                self.cond.notify_all()
            if not chunk:
                return

    def expect(self, pattern, timeout, what):
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                m = rx.search(self.buf, self.seen)
                if m:
                    text = self.buf[self.seen:m.end()]
                    self.seen = m.end()
                    return text.decode(errors="replace").replace("\r", "")
                left = deadline - time.monotonic()
                if left <= 0 or self.eof:
                    tail = self.buf[-600:].decode(errors="replace")
                    fail(f"{what}: no /{pattern!r}/ within {timeout} s; output ends:\n{tail}")
                self.cond.wait(min(left, 0.5))

    def quiet_for(self, seconds):
        """True if nothing new arrives for this long."""
        time.sleep(seconds)
        with self.cond:
            return len(self.buf) == self.seen


class Machine:
    """An emulator with its console on pipes and its monitor on a socket
    (morph-system's, or QEMU's, whose prompt is '(qemu) ' and which greets
    each client that connects; morph-system's greeting went out before
    the client connected)."""

    def __init__(self, argv, prompt=PROMPT, greets=False):
        self.prompt = prompt
        self.port = free_port()
        argv = argv + ["-monitor", f"tcp:127.0.0.1:{self.port},server,nowait"]
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.console = Output(lambda: os.read(self.proc.stdout.fileno(), 4096))
        self.sock = self._connect()
        self.monitor = Output(lambda: self.sock.recv(4096))
        if greets:
            self.monitor.expect(re.escape(prompt), COMMAND_TIMEOUT, "the monitor's greeting")

    def _connect(self):
        deadline = time.monotonic() + COMMAND_TIMEOUT
        while True:
            try:
                return socket.create_connection(("127.0.0.1", self.port))
            except OSError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    fail(f"no monitor on port {self.port}: {self.proc.stderr.read().decode()}")
                time.sleep(0.2)

    def send_console(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def command(self, line):
        """A monitor command's output, without the prompt after it."""
        self.sock.sendall(line.encode() + b"\n")
        text = self.monitor.expect(re.escape(self.prompt), COMMAND_TIMEOUT, f"monitor '{line}'")
        return text[:-len(self.prompt)]

    def quit(self, what):
        self.sock.sendall(b"quit\n")
        try:
            status = self.proc.wait(COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail(f"{what}: 'quit' did not end morph-system")
        if status != 0:
            fail(f"{what}: 'quit' ended morph-system with status {status}: "
                 f"{self.proc.stderr.read().decode()}")
        print(f"ok: {what}: quit, exit status 0")


def elf_bytes(path, addr, length):
    """length bytes at physical address addr of a 32-bit big-endian ELF file."""
    data = open(path, "rb").read()
    phoff, = struct.unpack(">I", data[28:32])
    phentsize, phnum = struct.unpack(">HH", data[42:46])
    for i in range(phnum):
        p_type, p_offset, _, p_paddr, p_filesz = struct.unpack(
            ">IIIII", data[phoff + i * phentsize:phoff + i * phentsize + 20])
        if p_type == 1 and p_paddr <= addr and addr + length <= p_paddr + p_filesz:
            return data[p_offset + addr - p_paddr:p_offset + addr - p_paddr + length], p_paddr
    fail(f"{path}: nothing loaded at 0x{addr:x}")


def dump_values(out):
    """x/xp output -> its values in order (the address column dropped)."""
    values = []
    for line in out.strip().split("\n"):
        m = re.match(r"^[0-9a-f]+:(.*)$", line)
        if not m:
            fail(f"not a memory dump line: {line!r}")
        values += m.group(1).split()
    return values


def u_boot_prompt(mach, what):
    mach.console.expect(rb"Hit any key to stop autoboot", BOOT_TIMEOUT, f"{what}: autoboot")
    mach.send_console(" ")
    mach.console.expect(rb"=> ", COMMAND_TIMEOUT, f"{what}: prompt")


def u_boot_command(mach, line):
    mach.send_console(line + "\r")
    text = mach.console.expect(rb"\r?\n=> ", COMMAND_TIMEOUT, f"U-Boot '{line}'")
    return "\n".join(text.split("\n")[1:-1])


def check_registers_e500(mach):
    reloc = re.search(r"relocaddr\s*=\s*0x([0-9a-f]+)", u_boot_command(mach, "bdinfo"))
    if not reloc:
        fail("bdinfo shows no relocaddr")
    relocaddr = int(reloc.group(1), 16)
    out = mach.command("info registers")
    pc = re.search(r"\bpc\s+([0-9a-f]{8})", out)
    if not pc or not re.search(r"\bmsr\s+[0-9a-f]{8}", out):
        fail(f"info registers shows no pc and msr:\n{out}")
    pc = int(pc.group(1), 16)
    if not relocaddr <= pc < RAM_MIB << 20:
        fail(f"info registers: pc {pc:08x} outside U-Boot's code at {relocaddr:08x}..")
    print("ok: info registers (pc in U-Boot's relocated code, msr)")
    return pc


def check_memory_e500(mach, uboot):
    data, base = elf_bytes_at_entry(uboot)
    words = struct.unpack(">4I", data[:16])
    cases = [
        ("xp /4wx", [f"0x{w:08x}" for w in words]),
        ("x /4wx", [f"0x{w:08x}" for w in words]),
        ("xp /8bx", [f"0x{b:02x}" for b in data[:8]]),
        ("xp /4hx", [f"0x{h:04x}" for h in struct.unpack(">4H", data[:8])]),
        ("xp /2gx", [f"0x{g:016x}" for g in struct.unpack(">2Q", data[:16])]),
        ("xp /2wu", [str(w) for w in words[:2]]),
        ("xp /2wd", [str(w - (1 << 32) if w >> 31 else w) for w in words[:2]]),
        ("xp /2wo", [f"0{w:o}" if w else "0" for w in words[:2]]),
    ]
    for cmd, want in cases:
        got = dump_values(mach.command(f"{cmd} 0x{base:x}"))
        if got != want:
            fail(f"{cmd} 0x{base:x}: want {want} (the ELF file), got {got}")
    print("ok: x and xp of U-Boot's first code bytes in every size and format")


def elf_bytes_at_entry(path):
    data = open(path, "rb").read()
    entry, = struct.unpack(">I", data[24:28])
    return elf_bytes(path, entry, 16)


def check_code_at_pc(mach, pc):
    md = u_boot_command(mach, f"md.l {pc:x} 2")
    m = re.search(r"^[0-9a-f]{8}: ([0-9a-f]{8}) ([0-9a-f]{8})", md, re.M)
    if not m:
        fail(f"md.l {pc:x} 2: {md!r}")
    want = [f"0x{m.group(1)}", f"0x{m.group(2)}"]
    # U-Boot's md ran since: the cpu is in U-Boot's main loop again, but
    # the code there did not change.
    out = mach.command("x /2i $pc")
    lines = out.strip().split("\n")
    now = int(re.search(r"\bpc\s+([0-9a-f]{8})", mach.command("info registers")).group(1), 16)
    got = dump_values(mach.command(f"x /2wx 0x{pc:x}"))
    if got != want:
        fail(f"x /2wx 0x{pc:x}: want {want} (U-Boot's md), got {got}")
    if len(lines) != 2 or not all(re.match(r"^0x[0-9a-f]{8}:  \S+", l) for l in lines):
        fail(f"x /2i $pc: want two disassembled lines, got:\n{out}")
    addrs = [int(l.split(":")[0], 16) for l in lines]
    if addrs[1] != addrs[0] + 4 or not relocated(addrs[0], now):
        fail(f"x /2i $pc: addresses {addrs} (pc now {now:08x})")
    print("ok: x /2wx at the pc equals U-Boot's md; x /2i $pc disassembles two instructions")


def relocated(addr, pc):
    return abs(addr - pc) < (1 << 20)


SIZE_UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def morph_tlb1(out):
    """morph's info tlb -> TLB1 entries as (effective, physical, bytes,
    supervisor rights, user rights, WIMGE)."""
    tlb1 = out.split("TLB0:")[0]
    entries = set()
    for m in re.finditer(r"^([0-9a-f]{8})-[0-9a-f]{8}  ([0-9a-f])_([0-9a-f]{8})\s+(\d+)([KMG])"
                         r"\s+\d+\s+\d+\s+\S+\s+(\S{3})\s+(\S{3})\s+(\S{5})$", tlb1, re.M):
        entries.add((int(m.group(1), 16), int(m.group(2) + m.group(3), 16),
                     int(m.group(4)) * SIZE_UNITS[m.group(5)], m.group(6), m.group(7), m.group(8)))
    return entries


def qemu_tlb1(uboot):
    """The same from qemu-system-ppc's info tlb after the same U-Boot
    reached its prompt; None where QEMU is not installed."""
    if not shutil.which(QEMU):
        return None
    qemu = Machine([QEMU, "-M", "ppce500", "-m", str(RAM_MIB), "-bios", uboot, "-display", "none",
                    "-serial", "stdio"], prompt=b"(qemu) ", greets=True)
    u_boot_prompt(qemu, "qemu")
    out = qemu.command("info tlb")
    qemu.quit("qemu")
    tlb1 = out.split("TLB1:")[1]
    entries = set()
    for m in re.finditer(r"^0x([0-9a-f]{16}) 0x([0-9a-f]{16})\s+(\d+)([KMG]) \d+\s+\d+\s+"
                         r"S(\S{3})U(\S{3}) (\S{5})", tlb1, re.M):
        entries.add((int(m.group(1), 16), int(m.group(2), 16), int(m.group(3)) * SIZE_UNITS[m.group(4)],
                     m.group(5).lower(), m.group(6).lower(), m.group(7).lower()))
    return entries


def check_tlb_e500(mach, reference):
    out = mach.command("info tlb")
    if reference is not None:
        # QEMU models U-Boot's flash, which morph does not: U-Boot maps
        # it there only; every entry it made under morph QEMU shows too.
        mine = morph_tlb1(out)
        if not mine or not mine <= reference:
            fail(f"info tlb: TLB1 entries {sorted(mine - reference)} are not among QEMU's "
                 f"{sorted(reference)}:\n{out}")
        print(f"ok: info tlb: U-Boot's {len(mine)} TLB1 entries as QEMU shows them")
    for line in out.split("\n"):
        m = re.match(r"^([0-9a-f]{8})-([0-9a-f]{8}) .* ([-w][-i][-m][-g][-e])$", line.strip())
        if m and int(m.group(1), 16) <= CCSR_BASE <= int(m.group(2), 16):
            if "i" not in m.group(3) or "g" not in m.group(3):
                fail(f"info tlb: CCSR's entry should be cache-inhibited and guarded: {line}")
            print("ok: info tlb maps CCSR cache-inhibited and guarded")
            return
    fail(f"info tlb: no entry maps CCSR at 0x{CCSR_BASE:x}:\n{out}")


def check_stop_cont(mach):
    mach.command("stop")
    if mach.command("info status").strip() != "VM status: paused":
        fail("info status after stop")
    mach.send_console("version\r")
    if not mach.console.quiet_for(2):
        fail("the paused guest answered on its console")
    mach.command("cont")
    if mach.command("info status").strip() != "VM status: running":
        fail("info status after cont")
    mach.console.expect(rb"U-Boot \d{4}\.\d{2}[^\r\n]*\r?\n(.|\n)*?=> ", COMMAND_TIMEOUT,
                        "U-Boot's answer to 'version' after cont")
    print("ok: stop pauses (info status, console input waits), cont resumes")


def check_reset_e500(mach, uboot):
    banner = re.search(rb"U-Boot \d{4}\.\d{2}[^\0\n]*\)", open(uboot, "rb").read()).group(0)
    if mach.command("system_reset").strip():
        fail("system_reset printed something")
    mach.console.expect(re.escape(banner), BOOT_TIMEOUT, "banner after system_reset")
    u_boot_prompt(mach, "after system_reset")
    print("ok: system_reset boots U-Boot again")


def check_misc(mach):
    out = mach.command("screendump x.png")
    if "has no screen" not in out:
        fail(f"screendump on the e500: {out!r}")
    out = mach.command("frobnicate 1")
    if out.strip() != "unknown command: 'frobnicate'":
        fail(f"unknown command: {out!r}")
    out = mach.command("help")
    for name in ("info", "x", "xp", "stop", "cont|c", "system_reset", "screendump", "quit|q"):
        if not re.search(r"^" + re.escape(name) + r" ", out, re.M):
            fail(f"help does not list {name}:\n{out}")
    if not re.match(r"^morph-system \S+$", mach.command("info version").strip()):
        fail("info version")
    print("ok: screendump without a screen, unknown command, help, info version")


def test_e500(morph, accel, uboot):
    reference = qemu_tlb1(uboot)
    mach = Machine([morph, "-M", "e500", "-m", str(RAM_MIB), "-accel", accel, "-bios", uboot,
                    "-nographic"])
    u_boot_prompt(mach, "e500")
    pc = check_registers_e500(mach)
    check_memory_e500(mach, uboot)
    check_code_at_pc(mach, pc)
    check_tlb_e500(mach, reference)
    check_stop_cont(mach)
    check_reset_e500(mach, uboot)
    check_misc(mach)
    mach.quit("e500")


def png_image_bytes(path):
    """(width, height, bytes of inflated image data) of an 8-bit RGB PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path}: not a PNG")
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            fail(f"{path}: bad CRC in chunk {kind}")
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if not ihdr or ihdr[2:5] != (8, 2, 0):
        fail(f"{path}: not an 8-bit RGB PNG: {ihdr}")
    return ihdr[0], ihdr[1], len(zlib.decompress(idat))


def wait_for_file_text(path, text, mach, what):
    deadline = time.monotonic() + BOOT_TIMEOUT
    while True:
        with open(path, "rb") as f:
            if text in f.read():
                return
        if time.monotonic() > deadline or mach.proc.poll() is not None:
            fail(f"{what}: no {text!r}")
        time.sleep(0.5)


def check_registers_pc(mach):
    """CS and the instruction pointer, whose linear address is CS's base
    plus it (Intel SDM vol. 3, 3.4.2 and 20.1.1)."""
    out = mach.command("info registers")
    rip = re.search(r"^rip ([0-9a-f]+) \(linear ([0-9a-f]+)\)", out, re.M)
    cs = re.search(r"^cs\s+([0-9a-f]{4}) ([0-9a-f]{16})", out, re.M)
    if not rip or not cs:
        fail(f"pc: info registers shows no CS and rIP:\n{out}")
    if int(cs.group(2), 16) + int(rip.group(1), 16) != int(rip.group(2), 16):
        fail(f"pc: info registers: CS base + rIP is not the linear pc:\n{out}")
    print("ok: pc: info registers shows CS and rIP (linear = CS base + rIP)")


def check_banner_pc(mach, seabios):
    """The VGA text buffer's first row (0xB8000: character, attribute, ...)
    holds the banner the SeaBIOS image prints: its format string
    "SeaBIOS (version %s)" with the version string the image carries."""
    image = open(seabios, "rb").read()
    version = re.search(rb"\0(\d+\.\d+(?:\.\d+)?-[^\0\s]+)\0", image)
    if b"SeaBIOS (version %s)" not in image or not version:
        fail(f"{seabios} carries no banner format or version string")
    banner = f"SeaBIOS (version {version.group(1).decode()})"
    row = dump_values(mach.command("xp /160bx 0xb8000"))
    text = bytes(int(v, 16) for v in row[0::2]).decode("latin-1")
    if banner not in text:
        fail(f"pc: the VGA text buffer's first row is {text!r}, want {banner!r}")
    print(f"ok: pc: the VGA text buffer shows {banner!r}")


def check_png(path, what):
    width, height, size = png_image_bytes(path)
    if width == 0 or height == 0 or size != height * (1 + 3 * width):
        fail(f"{what}: {width}x{height} image with {size} bytes of data")
    print(f"ok: pc: {what} wrote a {width}x{height} PNG that decodes")


def test_pc(morph, accel, seabios):
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "debugcon.log")
        at_exit = os.path.join(tmp, "exit.png")
        mach = Machine([morph, "-M", "pc", "-accel", accel, "-bios", seabios, "-display", "none",
                        "-serial", "null", "-debugcon", f"file:{log}", "-screendump", at_exit])
        wait_for_file_text(log, b"No bootable device", mach, "pc: SeaBIOS's debug log")
        check_banner_pc(mach, seabios)
        png = os.path.join(tmp, "screen.png")
        out = mach.command(f"screendump {png}")
        if out.strip():
            fail(f"screendump: {out!r}")
        check_png(png, "screendump")
        check_registers_pc(mach)
        out = mach.command("info mem")
        if "paging is off" not in out:
            fail(f"pc: info mem under SeaBIOS (no paging): {out!r}")
        print("ok: pc: info mem says paging is off")
        mach.quit("pc")
        check_png(at_exit, "-screendump at exit")


def main():
    morph, accel, uboot, seabios = sys.argv[1:5]
    have_uboot, have_seabios = os.path.exists(uboot), os.path.exists(seabios)
    if not have_uboot and not have_seabios:
        print("SKIP: neither U-Boot for ppce500 nor SeaBIOS is installed")
        sys.exit(SKIP)
    if have_uboot:
        test_e500(morph, accel, uboot)
    if have_seabios:
        test_pc(morph, accel, seabios)


if __name__ == "__main__":
    main()
