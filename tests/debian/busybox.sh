#!/usr/bin/env bash
# tests/debian/busybox.sh MORPH ACCEL SYSROOT WORKDIR [GUEST_ARCH] — runs
# tests/debian/script.sh with Debian's busybox-static (SYSROOT/bin/busybox:
# ppc64el, amd64 or i386) under `morph -accel ACCEL` and with the host's
# native busybox, and compares the outputs line for line. GUEST_ARCH is what
# uname -m must say under morph (default ppc64le; x86_64, i686).
#
# Each run gets a PATH of links APPLET -> its own busybox (the guest one
# under morph, the host's natively), so a command the shell does not run as
# an applet still runs the same busybox; under morph the shell re-runs its
# applets through /proc/self/exe, which morph must turn into a guest run
# again. The "arch:" line must name GUEST_ARCH under morph and the host
# natively: a run that slipped out to the host would show there (for an
# x86_64 guest both say x86_64: the strace check below still sees the guest).
set -euo pipefail

if [ $# -ne 4 ] && [ $# -ne 5 ]; then
    echo "usage: $0 MORPH ACCEL SYSROOT WORKDIR [GUEST_ARCH]" >&2
    exit 2
fi
morph=$1 accel=$2 sysroot=$3 work=$4 guest_arch=${5:-ppc64le}
here=$(cd "$(dirname "$0")" && pwd)
guest_bb=$sysroot/bin/busybox

if [ ! -x "$guest_bb" ]; then
    echo "FAIL: $guest_bb is missing: the debian-fetch set-up (tests/debian/fetch.sh) did not run or failed" >&2
    exit 1
fi
host_bb=$(command -v busybox || true)
if [ -z "$host_bb" ]; then
    echo "FAIL: no native busybox on this host to compare with (apt-get install busybox)" >&2
    exit 1
fi

rm -rf "$work"
mkdir -p "$work/native-bin" "$work/guest-bin"
for a in $("$host_bb" --list); do
    ln -s "$host_bb" "$work/native-bin/$a"
done
ln -sf "$host_bb" "$work/native-bin/busybox"
for a in $("$morph" "$guest_bb" --list); do
    ln -s "$guest_bb" "$work/guest-bin/$a"
done
ln -sf "$guest_bb" "$work/guest-bin/busybox"

run_native() {
    env -i PATH="$work/native-bin" BB="$host_bb" HOME="$work" \
        "$host_bb" sh "$here/script.sh" "$work/native" > "$work/native.out" 2> "$work/native.err"
}
run_morph() {
    env -i PATH="$work/guest-bin" BB="$guest_bb" HOME="$work" \
        "$morph" -accel "$accel" "$guest_bb" sh "$here/script.sh" "$work/morph" > "$work/morph.out" 2> "$work/morph.err"
}

status=0
run_native || { echo "FAIL: the native run exited with $?:"; cat "$work/native.err"; exit 1; }
start=$(date +%s.%N)
run_morph || status=$?
end=$(date +%s.%N)
echo "morph -accel $accel: $(echo "$end - $start" | awk '{ printf "%.1f s", $1 - $3 }')"

if [ "$status" -ne 0 ]; then
    echo "FAIL: morph exited with $status; its stderr:"
    cat "$work/morph.err"
fi
if ! grep -qx "arch: $guest_arch" "$work/morph.out"; then
    echo "FAIL: under morph, uname -m did not say $guest_arch"
    status=1
fi
if ! grep -qx "arch: $(uname -m)" "$work/native.out"; then
    echo "FAIL: natively, uname -m did not say $(uname -m)"
    status=1
fi
# The re-exec itself, seen in the system calls: gzip is not one of the
# applets ash runs in-process, so it runs through /proc/self/exe. (The
# strace goes to stderr: a log file given with -D would be truncated by each
# re-run morph.)
reexec='echo re-exec | gzip -c | md5sum'
expect=$(printf 're-exec\n' | "$host_bb" gzip -c | "$host_bb" md5sum)
got=$(env -i PATH="$work/guest-bin" "$morph" -accel "$accel" -strace "$guest_bb" sh -c "$reexec" 2> "$work/reexec.strace") || true
if [ "$got" != "$expect" ]; then
    echo "FAIL: '$reexec' under morph printed '$got', natively '$expect'"
    status=1
fi
if ! grep -aq 'execve("/proc/self/exe"' "$work/reexec.strace"; then
    echo "FAIL: busybox did not re-run itself through /proc/self/exe under morph (see $work/reexec.strace)"
    status=1
fi
if ! diff -u <(grep -v '^arch: ' "$work/native.out") <(grep -v '^arch: ' "$work/morph.out"); then
    echo "FAIL: the output under morph differs from native busybox's (- native, + morph)"
    status=1
fi
# A guest killed by SIGPIPE (`sort | head`) dies quietly, as natively:
# stderr must stay empty.
if [ -s "$work/morph.err" ] || [ -s "$work/native.err" ]; then
    echo "FAIL: stderr is not empty"
    echo "-- native:"; cat "$work/native.err"
    echo "-- morph:"; cat "$work/morph.err"
    status=1
fi
if [ "$status" -eq 0 ]; then
    echo "PASS: $(wc -l < "$work/morph.out") lines, identical to native busybox"
fi
exit "$status"
