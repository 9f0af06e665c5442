#!/usr/bin/env bash
# tests/debian/xz.sh MORPH ACCEL SYSROOT WORKDIR — Debian's ppc64el xz,
# dynamically linked, run by `morph -L SYSROOT` (the sysroot's ld64.so.2,
# libc.so.6 and liblzma.so.5, as unpacked by fetch.sh) on a generated 20 MiB
# file: `xz -9` and `xz -d` must give back the input bit for bit, `xz -t`
# must accept the result, and the native xz must decompress it. When the
# host's xz is the same version as the guest's, the compressed file must
# also equal what the native `xz -9` makes of the same input.
set -euo pipefail

if [ $# -ne 4 ]; then
    echo "usage: $0 MORPH ACCEL SYSROOT WORKDIR" >&2
    exit 2
fi
morph=$1 accel=$2 sysroot=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
guest_xz=$sysroot/usr/bin/xz

if [ ! -x "$guest_xz" ]; then
    echo "FAIL: $guest_xz is missing: the debian-fetch set-up (tests/debian/fetch.sh) did not run or failed" >&2
    exit 1
fi
command -v xz >/dev/null || { echo "FAIL: no native xz on this host to compare with (apt-get install xz-utils)" >&2; exit 1; }

gxz() { "$morph" -accel "$accel" -L "$sysroot" "$guest_xz" "$@"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f s", b - a }'; }

rm -rf "$work"
mkdir -p "$work"
in=$work/input.txt
awk -v bytes=20971520 -v seed=5 -f "$here/gen.awk" > "$in"
echo "input: $(wc -c < "$in") bytes, md5 $(md5sum < "$in" | cut -c1-32)"

# -T1 on both sides: one thread, one block, so the two encoders' output
# can be compared byte for byte. The native reference runs alongside.
xz -9 -T1 -c "$in" > "$work/native.xz" &
native_pid=$!

status=0
t=$(now)
gxz -9 -T1 -c "$in" > "$work/morph.xz" || { echo "FAIL: xz -9 under morph exited with $?"; status=1; }
echo "morph -accel $accel: xz -9: $(since "$t"), $(wc -c < "$work/morph.xz") bytes"
wait "$native_pid" || { echo "FAIL: native xz -9 exited with $?"; exit 1; }

t=$(now)
gxz -d -c "$work/morph.xz" > "$work/morph.out" || { echo "FAIL: xz -d under morph exited with $?"; status=1; }
echo "morph -accel $accel: xz -d: $(since "$t")"
if cmp "$in" "$work/morph.out"; then
    echo "ok: xz -d of xz -9 under morph gives back the input"
else
    echo "FAIL: xz -d of xz -9 under morph does not give back the input"
    status=1
fi

if gxz -t "$work/morph.xz"; then
    echo "ok: xz -t under morph accepts the file"
else
    echo "FAIL: xz -t under morph rejects the file"
    status=1
fi
if xz -d -c "$work/morph.xz" | cmp - "$in"; then
    echo "ok: native xz -d of morph's file gives back the input"
else
    echo "FAIL: native xz -d of morph's file does not give back the input"
    status=1
fi
if gxz -d -c "$work/native.xz" | cmp - "$in"; then
    echo "ok: xz -d under morph of native xz's file gives back the input"
else
    echo "FAIL: xz -d under morph of native xz's file does not give back the input"
    status=1
fi

guest_version=$(gxz --version | head -n1)
host_version=$(xz --version | head -n1)
if [ "$guest_version" = "$host_version" ]; then
    if cmp "$work/native.xz" "$work/morph.xz"; then
        echo "ok: xz -9 under morph writes the same bytes as native xz -9 ($host_version)"
    else
        echo "FAIL: xz -9 under morph and native xz -9 ($host_version) wrote different files"
        status=1
    fi
else
    echo "NOTE: the guest's '$guest_version' is not the host's '$host_version':" \
         "the compressed files are not compared, only the round trips and xz -t"
fi

if [ "$status" -eq 0 ]; then
    echo "PASS"
    rm -f "$in" "$work/morph.out"
fi
exit "$status"
