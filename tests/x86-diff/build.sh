#!/bin/sh
# tests/x86-diff/build.sh — generates and builds one x86-diff test program:
#   build.sh ARCH GROUP SEED SCALE OUTDIR   ->  OUTDIR/ARCH-GROUP (+ .json)
# The one place that knows the compile and link flags (CMake and run.sh
# both call it). Static, libc-free, not PIE; the scratch area at the fixed
# address harness.py assumes.
set -e
arch=$1 group=$2 seed=$3 scale=$4 out=$5
here=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-gcc}
case $arch in
  x86_64) m=-m64 ;;
  i386)   m=-m32 ;;
  *) echo "build.sh: unknown arch $arch" >&2; exit 2 ;;
esac
mkdir -p "$out"
python3 "$here/gen.py" --arch "$arch" --group "$group" --seed "$seed" --scale "$scale" --out "$out"
$CC $m -O2 -ffreestanding -fno-pie -no-pie -nostdlib -static -fno-stack-protector \
    -fcf-protection=none -mgeneral-regs-only -fno-asynchronous-unwind-tables \
    -Wall -Wextra -Werror \
    -Wl,--section-start=.xdscratch=0x20000f00 -Wl,--build-id=none \
    "$here/runtime.c" "$out/$arch-$group.S" -o "$out/$arch-$group"
