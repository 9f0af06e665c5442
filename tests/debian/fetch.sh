#!/usr/bin/env bash
# tests/debian/fetch.sh CACHE_DIR — fetches Debian's ppc64el packages the
# "debian" tests run (busybox-static; xz-utils with the libraries its NEEDED
# entries name) with `apt-get download` and unpacks them with `dpkg-deb -x`
# into CACHE_DIR/sysroot, untouched: absolute links stay as Debian ships them.
#
# Idempotent: a sysroot already complete (its stamp names the same package
# list) is kept, so only the first run needs the network. Run by CTest as the
# set-up of the "debian" fixture, never at configure time, so a machine
# without the network still builds; when the fetch fails it says why and
# exits non-zero, and CTest then fails the tests that need the sysroot.
set -euo pipefail

packages=(busybox-static:ppc64el xz-utils:ppc64el liblzma5:ppc64el libc6:ppc64el)

if [ $# -ne 1 ]; then
    echo "usage: $0 CACHE_DIR" >&2
    exit 2
fi
cache=$1
sysroot=$cache/sysroot
stamp=$sysroot/.morph-fetched
want="${packages[*]}"

fail() {
    echo "debian fetch: $*" >&2
    echo "debian fetch: the ppc64el packages (${packages[*]}) could not be" \
         "fetched; the 'debian' tests need them (and the network to Debian's" \
         "apt archive on their first run). scripts/setup.sh adds the ppc64el" \
         "architecture to apt." >&2
    exit 1
}

if [ -f "$stamp" ] && [ "$(head -n1 "$stamp")" = "$want" ] &&
   [ -x "$sysroot/bin/busybox" ] && [ -x "$sysroot/usr/bin/xz" ]; then
    echo "debian fetch: using $sysroot ($(tail -n +2 "$stamp" | tr '\n' ' '))"
    exit 0
fi

for tool in apt-get dpkg dpkg-deb readelf; do
    command -v "$tool" >/dev/null || fail "'$tool' not found (a Debian or Ubuntu host is needed)"
done

# Root for dpkg --add-architecture and apt-get update: ourselves, or sudo
# that asks for no password.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 1
    fi
}

if ! dpkg --print-foreign-architectures | grep -qx ppc64el; then
    echo "debian fetch: adding the ppc64el architecture to dpkg"
    as_root dpkg --add-architecture ppc64el ||
        fail "ppc64el is not a dpkg architecture here and this user cannot add it (run: sudo dpkg --add-architecture ppc64el && sudo apt-get update)"
fi

debs=$cache/debs
rm -rf "$debs"
mkdir -p "$debs"
# apt's download sandbox user must be able to write here.
chmod 0777 "$debs" 2>/dev/null || true

download() {
    (cd "$debs" && apt-get download "${packages[@]}")
}

if ! download; then
    # The ppc64el package lists are missing or stale: update them once.
    # apt-get update exits non-zero when any one index failed (a mirror in
    # sync), even if the ppc64el ones came; the download below decides.
    echo "debian fetch: apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update ||
        echo "debian fetch: apt-get update reported errors; trying the download anyway" >&2
    download || fail "apt-get download ${packages[*]} failed"
fi

tmp=$cache/sysroot.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
for deb in "$debs"/*.deb; do
    dpkg-deb -x "$deb" "$tmp" || fail "dpkg-deb -x $deb failed"
done

# Every library xz names in NEEDED must be in the sysroot; a newer Debian
# that adds one shows here, not as a loader error in the test.
for lib in $(readelf -d "$tmp/usr/bin/xz" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    found=$(find "$tmp/lib" "$tmp/usr/lib" -name "$lib" 2>/dev/null | head -n1)
    [ -n "$found" ] || fail "xz needs $lib, which none of the fetched packages holds (add its package to $0)"
done
[ -e "$tmp/lib64/ld64.so.2" ] || [ -L "$tmp/lib64/ld64.so.2" ] ||
    fail "the sysroot has no /lib64/ld64.so.2"

{
    echo "$want"
    for deb in "$debs"/*.deb; do
        dpkg-deb -f "$deb" Package Version | paste -sd' ' -
    done
} > "$tmp/.morph-fetched"

rm -rf "$sysroot"
mv "$tmp" "$sysroot"
echo "debian fetch: unpacked into $sysroot:"
tail -n +2 "$sysroot/.morph-fetched" | sed 's/^/  /'
