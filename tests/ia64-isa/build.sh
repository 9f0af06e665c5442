#!/bin/sh
# tests/ia64-isa/build.sh SRC OUT — assemble one ISA test and link it as
# a static, libc-free IA-64 program in region 0 (low addresses, which
# fold to themselves: frontend/ia64/cpu.h). A test that defines
# test_main is linked with runtime.s (its _start and reporting); the
# others bring their own _start.
set -e
src=$1 out=$2 dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ia64-linux-gnu-as -I"$dir" -o "$tmp/t.o" "$src" 2>"$tmp/as.log" || { cat "$tmp/as.log"; exit 1; }
objs="$tmp/t.o"
if grep -q "test_main" "$src"; then
    ia64-linux-gnu-as -I"$dir" -o "$tmp/r.o" "$dir/runtime.s" 2>"$tmp/as.log" || { cat "$tmp/as.log"; exit 1; }
    objs="$tmp/r.o $objs"
fi
ia64-linux-gnu-ld -static -Ttext=0x100000 -Tdata=0x200000 -e _start -o "$out" $objs
