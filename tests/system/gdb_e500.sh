#!/bin/sh
# tests/system/gdb_e500.sh — gdb-multiarch in batch mode drives
# morph-system's GDB stub through Debian's U-Boot for QEMU's ppce500:
# registers at the first instruction, a breakpoint at board_init_f reached
# by continuing, one stepi, memory read there, then Ctrl-C at the U-Boot
# prompt and kill (gdb_e500.gdb says what gdb does).
#
#   gdb_e500.sh MORPH_SYSTEM ACCEL UBOOT_ELF
#
# Expected values come from outside morph: the entry point, the address
# of board_init_f and its instruction words from the ELF file (objdump);
# r6 = 0x45504150 from the ePAPR boot convention; what the first
# instruction (stwu r1,-N(r1)) does from the Power ISA. The Debian build
# is stripped, so board_init_f is found the way start.S calls it: the
# second bl after the `mtmsr r3; isync` that returns to address space 0
# (bl cpu_init_f, bl board_init_f). qemu-system-ppc -M ppce500 under the
# same script prints the same lines. Exit status 77 (CTest's skip) when
# the firmware or gdb-multiarch is missing.
set -u
morph=$1 accel=$2 elf=$3
morph_pid= gdb_pid= watchdog=
skip() { echo "skipped: $*"; exit 77; }
fail() { echo "FAIL: $*"; echo "--- gdb"; cat "$work/gdb.out"; echo "--- morph-system"; cat "$work/serial.out"; exit 1; }

[ -r "$elf" ] || skip "$elf is not installed (Debian u-boot-qemu)"
command -v gdb-multiarch >/dev/null || skip "no gdb-multiarch"
objdump=powerpc-linux-gnu-objdump
command -v $objdump >/dev/null || skip "no $objdump"
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill $morph_pid $gdb_pid $watchdog 2>/dev/null; rm -rf "$work"' EXIT
: >"$work/gdb.out" >"$work/serial.out"

# ---- facts from the ELF file ----------------------------------------------
$objdump -d "$elf" >"$work/dis" || fail "cannot disassemble $elf"
entry=$($objdump -f "$elf" | sed -n 's/^start address 0x0*\([0-9a-f]*\)$/\1/p')
board_init_f=$(awk '
    $0 ~ /\tmtmsr[ \t]+r3$/ { state = 1; next }
    state == 1 && /\tisync/ { state = 2; next }
    state == 2 && /\tbl[ \t]/ { state = 3; next }
    state == 3 && /\tbl[ \t]/ { sub(/^0x0*/, "", $NF); print $NF; exit }
    { state = 0 }' "$work/dis")
[ -n "$entry" ] && [ -n "$board_init_f" ] || fail "entry ($entry) or board_init_f ($board_init_f) not found"
# Its first four instruction words, as x/4wx prints them.
words=$(awk -v at="$board_init_f:" '$1 == at { go = 1 } go && n < 4 { printf " 0x%s%s%s%s", $2, $3, $4, $5; n++ }' "$work/dis")
frame=$(awk -v at="$board_init_f:" '$1 == at { if ($6 == "stwu" && $7 ~ /^r1,-[0-9]+\(r1\)$/) { sub(/^r1,-/, "", $7); sub(/\(r1\)$/, "", $7); print $7 } exit }' "$work/dis")
[ -n "$frame" ] || fail "board_init_f does not begin with stwu r1,-N(r1)"

# ---- morph-system -S on a free port ----------------------------------------
for try in 1 2 3 4 5; do
    port=$((20000 + ($$ * 7 + try * 1031) % 30000))
    "$morph" -M e500 -accel "$accel" -bios "$elf" -gdb tcp::$port -S -nographic \
        </dev/null >"$work/serial.out" 2>&1 &
    morph_pid=$!
    sleep 0.5
    kill -0 $morph_pid 2>/dev/null && break
    grep -q "cannot listen" "$work/serial.out" || fail "morph-system did not start"
done

# ---- the debugger --------------------------------------------------------------
gdb-multiarch -batch -nx \
    -ex "set tcp connect-timeout 30" \
    -ex "set \$board_init_f = 0x$board_init_f" \
    -ex "file $elf" \
    -ex "target remote 127.0.0.1:$port" \
    -x "$here/gdb_e500.gdb" >"$work/gdb.out" 2>&1 &
gdb_pid=$!
# Ctrl-C (gdb sends 0x03 for SIGINT) once U-Boot shows its prompt.
waited=0
until grep -q "^=> " "$work/serial.out"; do
    kill -0 $gdb_pid 2>/dev/null || fail "gdb ended before the U-Boot prompt"
    [ $waited -lt 2400 ] || fail "no U-Boot prompt"
    sleep 0.1
    waited=$((waited + 1))
done
kill -INT $gdb_pid
(sleep 60; kill $gdb_pid) >/dev/null 2>&1 &
watchdog=$!
wait $gdb_pid || fail "gdb-multiarch failed or hung"
timeout 30 sh -c "while kill -0 $morph_pid 2>/dev/null; do sleep 0.1; done" || fail "morph-system lives on after kill"

# ---- the checks ---------------------------------------------------------------
expect() { grep -qx "$1" "$work/gdb.out" || fail "expected the line '$1'"; }
hex() { printf '%#x' "$1"; }
expect "reset pc=0x$entry msr=0 r3=0x[0-9a-f]* r6=0x45504150"
grep -q "^reset .*r3=0$" "$work/gdb.out" && fail "r3 (the device tree) is 0"
expect "break pc=0x$board_init_f"
sp=$(sed -n 's/^step .*sp_before=\(0x[0-9a-f]*\)$/\1/p' "$work/gdb.out")
[ -n "$sp" ] || fail "no stepi line"
expect "step pc=$(hex $((0x$board_init_f + 4))) r1=$(hex $((sp - frame))) sp_before=$sp"
expect "back chain=$sp"
expect "written r5=0x12345678 cr=0x84211248 xer=0xe000007f"
expect "0x$board_init_f:$(printf '%s' "$words" | sed 's/ /\t/g')"
grep -q "Program received signal SIGINT" "$work/gdb.out" || fail "Ctrl-C did not stop the guest"
expect "interrupted pc=0x[0-9a-f]*"
echo "gdb_e500: ok (board_init_f at 0x$board_init_f)"
