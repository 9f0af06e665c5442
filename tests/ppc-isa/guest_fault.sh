#!/usr/bin/env bash
# tests/ppc-isa/guest_fault.sh — a guest SIGSEGV with no handler (fault.S):
# the guest dies by signal 11 (status 139 as a shell sees it), morph's
# "uncaught guest signal" line names exactly the faulting instruction's pc
# and address, and `-d int` ("guest exceptions and signals") logs the fault
# at that pc with the registers exact at it.
#
#   guest_fault.sh MORPH ACCEL FAULT_PPC PPC_NM
#
# The expected pc is the address of the global label morph_fault_insn as
# PPC_NM (powerpc-linux-gnu-nm) reads it from the binary, never morph's.
set -u
morph=$1
accel=$2
bin=$3
nm=$4

work=$(mktemp -d "${TMPDIR:-/tmp}/morph-fault.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# has FILE WHAT REGEX: FILE matches the extended REGEX.
has() {
    if grep -Eq -- "$3" "$1"; then
        echo "ok: $2"
    else
        fail "$2: no /$3/ in: $(head -c 400 "$1")"
    fi
}

pc=$("$nm" "$bin" | awk '$3 == "morph_fault_insn" { print $1 }' | sed 's/^0*//')
if [ -z "$pc" ]; then
    echo "FAIL: no morph_fault_insn in $bin ($nm)"
    exit 1
fi
echo "morph_fault_insn is at 0x$pc"

# run NAME ARGS...: morph -accel ACCEL ARGS... must exit with status 139.
run() {
    local name=$1
    shift
    timeout 20 "$morph" -accel "$accel" "$@" >"$work/out" 2>"$work/err" </dev/null
    local st=$?
    if [ "$st" -eq 139 ]; then
        echo "ok: $name: status 139 (SIGSEGV)"
    else
        fail "$name: exit status $st, want 139; stderr: $(head -c 300 "$work/err")"
    fi
}

run "no log" "$bin"
has "$work/err" "the uncaught-signal line names the pc and the address" \
    "uncaught guest signal 11 .* at pc 0x0*$pc: lwz .*\\[address 0x10\\]"

run "-d int" -d int -D "$work/log" "$bin"
has "$work/err" "-d int: the uncaught-signal line is still on stderr" "uncaught guest signal 11 .* at pc 0x0*$pc"
has "$work/log" "-d int logs the fault at the pc" "guest memory fault at pc 0x0*$pc .*\\[address 0x10\\]"
has "$work/log" "-d int: the state's pc is the faulting one" "^pc +0*$pc "
has "$work/log" "-d int: r14, r15 as set before the fault" "r14 00001234 r15 00001235"
has "$work/log" "-d int: r16, set after it, untouched" "r16 00000000"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all guest-fault checks passed"
