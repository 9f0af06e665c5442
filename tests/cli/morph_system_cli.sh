#!/usr/bin/env bash
# tests/cli/morph_system_cli.sh — morph-system's command line and firmware
# errors: --help, --version, -M help and -d help succeed; every refused
# input (bad options and values, missing or unloadable firmware of the
# e500 and the pc) is one line on stderr naming what was wrong, and exit
# status 1.
#
#   morph_system_cli.sh MORPH_SYSTEM PYTHON3
#
# PYTHON3 writes the hand-made ELF files.
set -u
morph=$1
python=$2

work=$(mktemp -d "${TMPDIR:-/tmp}/morph-system-cli.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect NAME STATUS LINES REGEX -- ARGS...: runs morph-system ARGS; checks
# the exit status, the number of lines on stderr (LINES >= 0) and that
# stdout+stderr match REGEX (ERE, case-insensitive; empty: anything).
expect() {
    local name=$1 want=$2 lines=$3 regex=$4
    shift 5
    timeout 20 "$morph" "$@" >"$work/out" 2>"$work/err" </dev/null
    local got=$?
    local nerr
    nerr=$(wc -l <"$work/err")
    if [ "$got" -ne "$want" ]; then
        fail "$name: exit status $got, want $want; stderr: $(head -c 300 "$work/err")"
    elif [ "$lines" -ge 0 ] && [ "$nerr" -ne "$lines" ]; then
        fail "$name: $nerr lines on stderr, want $lines: $(head -c 300 "$work/err")"
    elif [ -n "$regex" ] && ! cat "$work/out" "$work/err" | grep -Eqi -- "$regex"; then
        fail "$name: output does not match /$regex/: $(head -c 300 "$work/err")"
    else
        echo "ok: $name (status $got): $(head -n 1 "$work/err")"
    fi
}

# Help and listings.
expect "--help" 0 0 "-bios FILE" -- --help
expect "-h" 0 0 "Usage: morph-system" -- -h
expect "--version" 0 0 "^morph-system " -- --version
expect "-M help" 0 0 "^  e500 " -- -M help
expect "-M help lists pc" 0 0 "^  pc " -- -M help
expect "-d help" 0 0 "guest_errors" -- -d help

# Bad command lines.
expect "no machine" 1 1 "-M help" --
expect "unknown machine" 1 1 "unknown machine 'vax'" -- -M vax
expect "unknown option" 1 1 "unknown option '-frobnicate'" -- -M e500 -frobnicate
expect "missing argument" 1 1 "'-bios' needs an argument" -- -M e500 -bios
expect "stray argument" 1 1 "unexpected argument 'uboot.elf'" -- -M e500 uboot.elf
expect "bad -m" 1 1 "-m needs a memory size.*'lots'" -- -M e500 -m lots
expect "zero -m" 1 1 "-m needs a memory size" -- -M e500 -m 0
expect "bad -m suffix" 1 1 "-m needs a memory size.*'12Q'" -- -M e500 -m 12Q
expect "bad -accel" 1 1 "unknown accelerator 'kvm'" -- -M e500 -accel kvm
expect "bad -d" 1 1 "unknown log item 'everything'" -- -M e500 -d everything
expect "-S alone" 1 1 "-S needs -s or -gdb" -- -M e500 -S
expect "bad -D" 1 1 "cannot open log file" -- -M e500 -D "$work/no/such/dir/log"

# Firmware that is missing or cannot be loaded.
expect "no firmware" 1 1 "needs firmware" -- -M e500
expect "missing firmware" 1 1 "does-not-exist.*No such file" -- -M e500 -bios "$work/does-not-exist"
expect "firmware is a directory" 1 1 "not a regular file" -- -M e500 -bios "$work"
: >"$work/empty"
expect "empty firmware" 1 1 "empty.*empty file" -- -M e500 -bios "$work/empty"
expect "ELF for another machine" 1 1 "an ELF file for machine 62" -- -M e500 -bios /proc/self/exe
# Too little RAM for the board.
expect "too little RAM" 1 1 "64M" -- -M e500 -m 32 -bios "$work/empty"

# Hand-made big-endian ELF32 PowerPC files: one PT_LOAD segment of 16
# bytes at PADDR (sys.argv[2]); truncated to TRUNC bytes when given.
make_elf() {
    "$python" - "$@" <<'EOF'
import struct, sys
path, paddr = sys.argv[1], int(sys.argv[2], 0)
trunc = int(sys.argv[3]) if len(sys.argv) > 3 else None
ident = b"\x7fELF" + bytes([1, 2, 1]) + bytes(9)
header = ident + struct.pack(">HHIIIIIHHHHHH", 2, 20, 1, paddr, 52, 0, 0, 52, 32, 1, 40, 0, 0)
phdr = struct.pack(">IIIIIIII", 1, 84, paddr, paddr, 16, 16, 7, 4)
data = (header + phdr + b"\x48\x00\x00\x00" * 4)[:trunc]
open(path, "wb").write(data)
EOF
}
make_elf "$work/outside.elf" 0x80000000
expect "segment outside RAM" 1 1 "outside.elf.*0x80000000.*outside RAM" -- -M e500 -bios "$work/outside.elf"
make_elf "$work/truncated.elf" 0x1000000 60
expect "truncated ELF" 1 1 "truncated.elf.*program headers outside the file" -- -M e500 -bios "$work/truncated.elf"
# A raw image larger than RAM from its load address.
truncate -s 80M "$work/huge.bin"
expect "raw image too big" 1 1 "huge.bin.*outside RAM" -- -M e500 -m 64 -bios "$work/huge.bin"
# A -dtb that is not a device tree.
make_elf "$work/good.elf" 0x1000000
cp "$work/good.elf" "$work/not-a-dtb"
expect "bad -dtb" 1 1 "not-a-dtb.*not a flattened device tree" -- -M e500 -bios "$work/good.elf" -dtb "$work/not-a-dtb"
expect "missing -dtb" 1 1 "no-such.dtb" -- -M e500 -bios "$work/good.elf" -dtb "$work/no-such.dtb"
expect "bad -serial" 1 1 "bogus" -- -M e500 -bios "$work/good.elf" -serial bogus:thing
expect "bad -gdb" 1 1 "nonsense" -- -M e500 -bios "$work/good.elf" -gdb nonsense

# The PC: its BIOS must exist and be whole 64 KiB units, at most 16 MiB
# (QEMU's rule for a PC BIOS image); -kernel takes a bzImage, -initrd
# and -append come with it, -dtb never; -debugcon takes the forms of
# -serial, not both on stdio.
expect "pc: missing BIOS" 1 1 "does-not-exist.*No such file" -- -M pc -bios "$work/does-not-exist"
expect "pc: empty BIOS" 1 1 "empty" -- -M pc -bios "$work/empty"
head -c 100000 /dev/zero >"$work/odd.bin"
expect "pc: BIOS not in 64 KiB units" 1 1 "odd.bin.*100000 bytes.*64 KiB" -- -M pc -bios "$work/odd.bin"
truncate -s 32M "$work/big.bin"
expect "pc: BIOS over 16 MiB" 1 1 "big.bin.*at most 16 MiB" -- -M pc -bios "$work/big.bin"
truncate -s 64K "$work/bios64k.bin"
expect "pc: too little RAM" 1 1 "whole MiB of RAM" -- -M pc -m 1 -bios "$work/bios64k.bin"
expect "pc: -kernel not a bzImage" 1 1 "good.elf: not a bzImage" -- \
    -M pc -bios "$work/bios64k.bin" -kernel "$work/good.elf"
expect "pc: -initrd without -kernel" 1 1 "need -kernel" -- -M pc -bios "$work/bios64k.bin" -initrd "$work/empty"
expect "pc: -dtb" 1 1 "no device tree" -- -M pc -bios "$work/bios64k.bin" -dtb "$work/empty"
expect "pc: bad -debugcon" 1 1 "bogus" -- -M pc -bios "$work/bios64k.bin" -debugcon bogus:thing
expect "pc: two stdio consoles" 1 1 "-debugcon stdio needs the serial port elsewhere" -- \
    -M pc -bios "$work/bios64k.bin" -debugcon stdio
# -drive: an image that cannot be opened stops the PC before it runs; a
# spec morph does not take is refused while parsing.
expect "pc: missing disk image" 1 1 "no-disk.img: No such file" -- \
    -M pc -bios "$work/bios64k.bin" -drive "file=$work/no-disk.img,format=raw"
expect "pc: disk image is a directory" 1 1 "Is a directory" -- -M pc -bios "$work/bios64k.bin" -drive "file=$work"
expect "pc: -snapshot, a directory" 1 1 "not a disk image" -- \
    -M pc -bios "$work/bios64k.bin" -snapshot -drive "file=$work"
expect "pc: -snapshot, missing image" 1 1 "no-disk.img: No such file" -- \
    -M pc -bios "$work/bios64k.bin" -snapshot -drive "file=$work/no-disk.img"
expect "-drive: format" 1 1 "format 'qcow2' is not supported" -- -M pc -drive file=disk.img,format=qcow2
expect "-drive: unknown key" 1 1 "unknown key 'cache'" -- -M pc -drive file=disk.img,cache=none
expect "-drive: no file" 1 1 "needs file=IMAGE" -- -M pc -drive format=raw
expect "-drive: not KEY=VALUE" 1 1 "'disk.img' is not KEY=VALUE" -- -M pc -drive disk.img
expect "-drive: interface" 1 1 "interface 'scsi'" -- -M pc -drive file=disk.img,if=scsi
expect "-drive: medium" 1 1 "medium 'cdrom'" -- -M pc -drive file=disk.img,media=cdrom
expect "-drive: bad index" 1 1 "index '7'" -- -M pc -drive file=disk.img,index=7
expect "-drive: index taken" 1 1 "index 0 is already taken" -- \
    -M pc -drive file=a.img,index=0 -drive file=b.img,index=0
expect "-drive: e500 has no disks" 1 1 "machine 'e500' has no disk controller" -- \
    -M e500 -bios "$work/good.elf" -drive file=disk.img

# The monitor: stdio only where the serial console is not, the back-ends
# of -serial otherwise; with a monitor, -S is allowed (cont resumes).
expect "monitor: on stdio with the console" 1 1 "-monitor stdio needs the serial port elsewhere" -- \
    -M e500 -bios "$work/good.elf" -monitor stdio
expect "monitor: bad back-end" 1 1 "-monitor: .*bogus" -- -M e500 -bios "$work/good.elf" -monitor bogus:thing
printf 'info status\nquit\n' >"$work/monitor-input"
timeout 20 "$morph" -M e500 -bios "$work/good.elf" -serial null -monitor stdio -S \
    <"$work/monitor-input" >"$work/out" 2>"$work/err"
status=$?
if [ "$status" -ne 0 ] || ! grep -q "VM status: paused" "$work/out"; then
    fail "monitor: -S then 'info status' and 'quit' on stdio: status $status, output $(head -c 300 "$work/out")"
else
    echo "ok: monitor: -S pauses, 'info status' says so, 'quit' exits 0"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all morph-system command-line checks passed"
