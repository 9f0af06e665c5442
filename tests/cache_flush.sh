#!/usr/bin/env bash
# tests/cache_flush.sh — the JIT's code cache filling up mid-run: a program
# whose translated code is larger than a small -tb-size must still print
# exactly what its native build prints, and -d stats must show that the
# cache really was emptied (at least once) along the way.
#
#   cache_flush.sh MORPH NATIVE_BIN PPC_BIN
set -u
if [ "$#" -ne 3 ]; then
    echo "usage: $0 MORPH NATIVE_BIN PPC_BIN" >&2
    exit 2
fi
morph=$1 native=$2 ppc=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/morph-flush.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT

"$native" >"$work/native.out" 2>/dev/null
native_status=$?
"$morph" -accel jit -tb-size 256K -d stats -D "$work/stats.log" "$ppc" >"$work/guest.out" 2>"$work/guest.err"
guest_status=$?

status=0
if [ "$guest_status" -ne "$native_status" ] || ! cmp -s "$work/native.out" "$work/guest.out"; then
    echo "FAIL: output or exit status differs (native $native_status, morph $guest_status)"
    diff "$work/native.out" "$work/guest.out" | head -20
    cat "$work/guest.err"
    status=1
fi
flushes=$(sed -n 's/^morph stats: \([0-9]*\) code cache flushes.*/\1/p' "$work/stats.log")
if [ -z "$flushes" ] || [ "$flushes" -lt 1 ]; then
    echo "FAIL: the code cache was never flushed (stats: ${flushes:-none}); make the program bigger"
    status=1
else
    echo "ok: same output as native across $flushes code cache flushes"
fi
exit $status
