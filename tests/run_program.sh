#!/usr/bin/env bash
# tests/run_program.sh — runs one whole-program test: the native build of a
# test program (the oracle) and its PPC build under morph, with the same
# arguments, environment, stdin and a fresh temporary working directory each,
# and requires identical stdout and exit status.
#
#   run_program.sh MORPH ACCEL NATIVE_BIN PPC_BIN [OPT...]     PPC_BIN under `MORPH -accel ACCEL OPT...`
#   run_program.sh --emulator EMU NATIVE_BIN PPC_BIN [OPT...]  PPC_BIN under another emulator (qemu-ppc-static)
#
# OPT... are extra emulator options given before PPC_BIN (a dynamic build
# gets `-L SYSROOT`, which morph and qemu-user both understand).
#
# Every program gets the same fixed arguments and environment (below); a
# program that does not need them ignores them. The working directory (also
# $TMPDIR and $HOME) is empty and private to the run, so file tests can use
# relative names. stderr is not compared but is shown when a test fails.
set -u

if [ "$#" -lt 4 ]; then
    echo "usage: $0 MORPH ACCEL NATIVE_BIN PPC_BIN [OPT...] | --emulator EMU NATIVE_BIN PPC_BIN [OPT...]" >&2
    exit 2
fi
if [ "$1" = "--emulator" ]; then
    guest_cmd=("$2")
    label="$2"
else
    guest_cmd=("$1" -accel "$2")
    label="morph -accel $2"
fi
native_bin=$3
ppc_bin=$4
shift 4
guest_cmd+=("$@")
if [ "$#" -gt 0 ]; then
    label="$label $*"
fi

# The fixed arguments and environment every program sees.
args=(alpha "two words" "" "--flag=1" "-7" "9223372036854775807")
envs=(LC_ALL=C PATH=/usr/bin:/bin MORPH_TEST_A=apple "MORPH_TEST_B=b with = and spaces" MORPH_TEST_EMPTY=)

for bin in "$native_bin" "$ppc_bin"; do
    if [ ! -x "$bin" ]; then
        echo "FAIL: $bin does not exist or is not executable" >&2
        exit 1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/morph-prog.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
mkdir "$work/native" "$work/guest"

# run DIR OUT_PREFIX COMMAND...: runs COMMAND in DIR with the fixed
# environment; leaves stdout/stderr/status files in $work.
run() {
    local dir=$1 out=$2
    shift 2
    (cd "$dir" && exec env -i "${envs[@]}" HOME="$dir" TMPDIR="$dir" "$@" "${args[@]}") \
        <"/dev/null" >"$work/$out.stdout" 2>"$work/$out.stderr"
    echo $? >"$work/$out.status"
}

run "$work/native" native "$native_bin"
run "$work/guest" guest "${guest_cmd[@]}" "$ppc_bin"

ns=$(cat "$work/native.status")
gs=$(cat "$work/guest.status")
fail=0
if [ "$ns" != "$gs" ]; then
    echo "FAIL: exit status differs: native $ns, $label $gs"
    fail=1
fi
if ! cmp -s "$work/native.stdout" "$work/guest.stdout"; then
    echo "FAIL: stdout differs (--- native, +++ $label):"
    diff -u --label native --label guest "$work/native.stdout" "$work/guest.stdout" | head -n 80
    fail=1
fi
if [ "$fail" -ne 0 ]; then
    echo "--- guest stderr (first 40 lines):"
    head -n 40 "$work/guest.stderr"
    exit 1
fi
echo "ok: $(basename "$ppc_bin") under $label: status $gs, $(wc -l <"$work/native.stdout") lines of identical stdout"
exit 0
