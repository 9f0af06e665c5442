#!/usr/bin/env bash
# tests/debian/fetch_busybox.sh ARCH CACHE_DIR — fetches Debian's
# busybox-static for dpkg architecture ARCH (amd64, i386) with `apt-get
# download` and unpacks it with `dpkg-deb -x` into CACHE_DIR/busybox-ARCH,
# whose bin/busybox the "debian" tests run (tests/debian/busybox.sh).
#
# As fetch.sh: idempotent (a complete unpack with its stamp is kept), run
# by CTest as a fixture set-up at test time, never at configure time; a
# foreign ARCH is added to dpkg (and apt's lists updated) when missing.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 ARCH CACHE_DIR" >&2
    exit 2
fi
arch=$1 cache=$2
dest=$cache/busybox-$arch
stamp=$dest/.morph-fetched
package=busybox-static:$arch

fail() {
    echo "debian fetch: $*" >&2
    echo "debian fetch: $package could not be fetched; the 'debian' x86 tests need" \
         "it (and the network to Debian's apt archive on their first run)." >&2
    exit 1
}

if [ -f "$stamp" ] && [ -x "$dest/bin/busybox" ]; then
    echo "debian fetch: using $dest ($(cat "$stamp"))"
    exit 0
fi

for tool in apt-get dpkg dpkg-deb; do
    command -v "$tool" >/dev/null || fail "'$tool' not found (a Debian or Ubuntu host is needed)"
done

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 1
    fi
}

native=$(dpkg --print-architecture)
if [ "$arch" != "$native" ] && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    echo "debian fetch: adding the $arch architecture to dpkg"
    as_root dpkg --add-architecture "$arch" ||
        fail "$arch is not a dpkg architecture here and this user cannot add it (run: sudo dpkg --add-architecture $arch && sudo apt-get update)"
fi

debs=$cache/debs-busybox-$arch
rm -rf "$debs"
mkdir -p "$debs"
chmod 0777 "$debs" 2>/dev/null || true

download() {
    (cd "$debs" && apt-get download "$package")
}

if ! download; then
    echo "debian fetch: apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update ||
        echo "debian fetch: apt-get update reported errors; trying the download anyway" >&2
    download || fail "apt-get download $package failed"
fi

tmp=$dest.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
for deb in "$debs"/*.deb; do
    dpkg-deb -x "$deb" "$tmp" || fail "dpkg-deb -x $deb failed"
done
[ -x "$tmp/bin/busybox" ] || fail "the package has no bin/busybox"
for deb in "$debs"/*.deb; do
    dpkg-deb -f "$deb" Package Architecture Version | paste -sd' ' -
done > "$tmp/.morph-fetched"

rm -rf "$dest"
mv "$tmp" "$dest"
echo "debian fetch: unpacked $(cat "$dest/.morph-fetched") into $dest"
