#!/usr/bin/env bash
# scripts/setup-ia64.sh — installs what the IA-64 guest's tests need:
# binutils-ia64-linux-gnu (apt: the assembler and linker of tests/ia64-isa)
# and, when ../shared/toolchains holds it, the IA-64 C cross toolchain
# (GCC 12 + glibc 2.36) into /opt/ia64-full for the whole-program tests
# (tests/CMakeLists.txt: MORPH_TEST_IA64_PROGRAMS). Idempotent.
set -euo pipefail

cd "$(dirname "$0")/.."

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi

if ! dpkg-query -W -f='${Status}' binutils-ia64-linux-gnu 2>/dev/null | grep -q 'install ok installed'; then
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" apt-get install -y binutils-ia64-linux-gnu
fi

toolchains=../shared/toolchains
prefix=${PREFIX:-/opt/ia64-full}
if [ -x "$prefix/bin/ia64-linux-gnu-gcc" ]; then
    echo "IA-64 toolchain already in $prefix"
elif [ -x "$toolchains/install-ia64-toolchain.sh" ]; then
    "${sudo_cmd[@]}" env PREFIX="$prefix" "$toolchains/install-ia64-toolchain.sh"
else
    echo "no $toolchains/install-ia64-toolchain.sh: IA-64 C programs will not be tested" >&2
fi
