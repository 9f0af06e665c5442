#!/usr/bin/env bash
# scripts/setup.sh — installs what morph needs to build and test (Debian/Ubuntu
# apt packages), then configures and builds it into build/. Idempotent: a
# second run skips apt when every package is already installed.
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
    # build
    build-essential cmake pkg-config libglib2.0-dev libcapstone-dev libffi-dev zlib1g-dev
    # system mode: device trees for boards, the SDL2 window of -display sdl
    libfdt-dev libsdl2-dev
    # system-mode tests: Debian's U-Boot for QEMU's boards and SeaBIOS for
    # the pc, the debugger the gdbstub test drives, and the reference
    # emulators of the tests and the boot benchmark (qemu-system-x86 also
    # brings linuxboot_dma.bin, the option ROM -kernel boots through)
    u-boot-qemu seabios gdb-multiarch qemu-system-ppc qemu-system-x86
    # the guest toolchain the tests use, and a reference emulator
    gcc-powerpc-linux-gnu libc6-dev-powerpc-cross qemu-user-static
    # 64-bit PowerPC guests: ppc64 (big-endian) and ppc64le
    gcc-powerpc64-linux-gnu libc6-dev-ppc64-cross gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross
    # i386 guests (x86-64 guests are built by the host's own gcc)
    gcc-i686-linux-gnu libc6-dev-i386-cross
    # the IA-64 assembler and linker of the IA-64 ISA tests (tests/ia64-isa/)
    binutils-ia64-linux-gnu
    # native references of the "debian" tests (tests/debian/)
    busybox xz-utils
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi

# The "debian" tests fetch Debian's ppc64el and i386 packages with apt-get
# download when they first run (tests/debian/fetch.sh, fetch_busybox.sh):
# apt must know the architectures (amd64 is the host's own).
for arch in ppc64el i386; do
    if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
        echo "setup: adding the $arch architecture to dpkg"
        "${sudo[@]}" dpkg --add-architecture "$arch"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update || true
    fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "setup: all packages already installed"
fi

# The IA-64 C cross toolchain, from ../shared/toolchains when it is there.
scripts/setup-ia64.sh

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
