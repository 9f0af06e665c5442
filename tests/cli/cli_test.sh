#!/usr/bin/env bash
# tests/cli/cli_test.sh — morph's command-line and bad-input error handling:
# exit statuses (127 missing program, 126 not a runnable ELF, 132 guest
# SIGILL), one clear line on stderr for each refused input, --help and
# --version, unknown options.
#
#   cli_test.sh MORPH ILLEGAL_PPC PPC_NM GOOD_PPC
#
# ILLEGAL_PPC is tests/cli/illegal.c built for PPC; PPC_NM finds the address
# of its illegal instruction; GOOD_PPC is a working static PPC program (the
# demo), from which the corrupted inputs are made.
set -u
morph=$1
illegal=$2
nm=$3
good=$4

work=$(mktemp -d "${TMPDIR:-/tmp}/morph-cli.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# expect NAME STATUS LINES -- ARGS...: runs morph ARGS; checks the exit
# status and (LINES >= 0) the number of lines on stderr. Leaves the output
# in $work/out and $work/err.
expect() {
    local name=$1 want=$2 lines=$3
    shift 4
    timeout 20 "$morph" "$@" >"$work/out" 2>"$work/err" </dev/null
    local got=$?
    local nerr
    nerr=$(wc -l <"$work/err")
    if [ "$got" -ne "$want" ]; then
        fail "$name: exit status $got, want $want; stderr: $(head -c 300 "$work/err")"
    elif [ "$lines" -ge 0 ] && [ "$nerr" -ne "$lines" ]; then
        fail "$name: $nerr lines on stderr, want $lines: $(head -c 300 "$work/err")"
    else
        echo "ok: $name (status $got): $(head -n 1 "$work/err")"
    fi
}

# stderr_matches NAME REGEX: the last expect's stderr matches REGEX (ERE, case-insensitive).
stderr_matches() {
    if ! grep -Eqi -- "$2" "$work/err"; then
        fail "$1: stderr does not match /$2/: $(head -c 300 "$work/err")"
    fi
}

# Missing program: 127, like a shell's "command not found".
expect "missing file" 127 1 -- "$work/does-not-exist"
stderr_matches "missing file" "does-not-exist"

# Not an ELF file at all: 126, like a shell's "cannot execute".
printf '#!/bin/sh\necho hello\n' >"$work/script.sh"
chmod +x "$work/script.sh"
expect "shell script" 126 1 -- "$work/script.sh"
: >"$work/empty"
expect "zero-length file" 126 1 -- "$work/empty"
expect "/dev/null" 126 1 -- /dev/null
expect "a directory" 126 1 -- "$work"
head -c 4096 /dev/urandom >"$work/random"
printf 'XELF' | dd of="$work/random" bs=1 seek=0 conv=notrunc status=none
expect "random bytes" 126 1 -- "$work/random"

# Broken ELF files made from a good one.
head -c 30 "$good" >"$work/truncated-header"
expect "truncated ELF header (30 bytes)" 126 1 -- "$work/truncated-header"
head -c 52 "$good" >"$work/header-only"
expect "ELF header without program headers" 126 1 -- "$work/header-only"
# patch FILE OFFSET HEXBYTES...: overwrite bytes of a copy.
patch() {
    local f=$1 off=$2
    shift 2
    local b
    for b in "$@"; do
        printf "\\x$b" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
        off=$((off + 1))
    done
}
cp "$good" "$work/bad-class" && patch "$work/bad-class" 4 07
expect "bad ELF class byte" 126 1 -- "$work/bad-class"
cp "$good" "$work/bad-version" && patch "$work/bad-version" 6 09
expect "bad ELF version" 126 1 -- "$work/bad-version"
cp "$good" "$work/bad-type" && patch "$work/bad-type" 16 00 01 # ET_REL
expect "relocatable object, not an executable" 126 1 -- "$work/bad-type"
cp "$good" "$work/bad-phentsize" && patch "$work/bad-phentsize" 42 00 07
expect "bad e_phentsize" 126 1 -- "$work/bad-phentsize"
cp "$good" "$work/bad-phoff" && patch "$work/bad-phoff" 28 7f ff ff 00
expect "program headers past the end of the file" 126 1 -- "$work/bad-phoff"

# An ELF of an architecture morph does not run: an AArch64 ELF (a copy of
# the host's /bin/true with e_machine = EM_AARCH64, 183). The line names it.
cp /bin/true "$work/aarch64" && patch "$work/aarch64" 18 b7 00
expect "unsupported architecture" 126 1 -- "$work/aarch64"
stderr_matches "unsupported architecture" "aarch64|arm64|183|0xb7"
cp "$good" "$work/unknown-machine" && patch "$work/unknown-machine" 18 99 99 # big-endian e_machine 0x9999
expect "unknown machine number" 126 1 -- "$work/unknown-machine"
stderr_matches "unknown machine number" "39321|0x9999|9999"

# Options.
expect "unknown option" 1 -1 -- --no-such-option "$good"
if [ ! -s "$work/err" ]; then fail "unknown option: nothing on stderr"; fi
timeout 20 "$morph" >"$work/out" 2>"$work/err" </dev/null
st=$?
if [ "$st" -eq 0 ]; then fail "no program given: exit status 0"; else echo "ok: no program given (status $st)"; fi
for opt in --help -h; do
    timeout 20 "$morph" "$opt" >"$work/out" 2>"$work/err" </dev/null
    st=$?
    if [ "$st" -ne 0 ] || [ ! -s "$work/out" ]; then
        fail "$opt: status $st, $(wc -c <"$work/out") bytes on stdout"
    else
        echo "ok: $opt"
    fi
done
timeout 20 "$morph" --version >"$work/out" 2>"$work/err" </dev/null
st=$?
if [ "$st" -ne 0 ] || ! grep -q '[0-9]\.[0-9]' "$work/out"; then
    fail "--version: status $st, stdout: $(head -c 200 "$work/out")"
else
    echo "ok: --version: $(head -n 1 "$work/out")"
fi

# A guest illegal instruction: the guest dies by SIGILL (128 + 4), its
# output so far is kept, and morph names the signal and the pc.
expect "illegal instruction" 132 -1 -- "$illegal"
stderr_matches "illegal instruction" "uncaught guest signal"
if ! grep -q "before the illegal instruction" "$work/out"; then
    fail "illegal instruction: guest stdout lost: $(head -c 200 "$work/out")"
fi
if grep -q "must not be reached" "$work/out"; then
    fail "illegal instruction: execution went past it"
fi
addr=$("$nm" "$illegal" | awk '$3 == "morph_illegal_insn" { print $1 }' | sed 's/^0*//')
if [ -z "$addr" ]; then
    fail "illegal instruction: could not find morph_illegal_insn with $nm"
else
    stderr_matches "illegal instruction names pc 0x$addr" "(0x)?0*$addr([^0-9a-f]|$)"
fi

# -D FILE with %d: the log goes to FILE with the pid in its name.
expect "log file per pid" 0 0 -- -d in_asm -D "$work/log.%d" "$good"
logs=("$work"/log.[0-9]*)
if [ "${#logs[@]}" -ne 1 ] || [ ! -s "${logs[0]}" ] || ! grep -q "^IN:" "${logs[0]}"; then
    fail "log file per pid: want one non-empty $work/log.PID with the in_asm log, got: ${logs[*]}"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all command-line checks passed"
