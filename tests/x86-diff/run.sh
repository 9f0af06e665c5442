#!/bin/sh
# tests/x86-diff/run.sh — run x86-diff groups by hand, outside CTest.
#
#   run.sh [--arch x86_64|i386|all] [--group NAME|all] [--case N]
#          [--morph PATH [--accel jit|interp]] [--emulator "CMD ARGS"]
#          [--seed S] [--scale X] [--details N] [--dir DIR]
#
# Builds the programs it needs into DIR (default /tmp/x86-diff-SEED-SCALE,
# reused across calls) and compares each against morph, another emulator,
# or nothing (native only: checks the harness). --case N shows one case
# with every field, native and emulated side by side.
#
#   run.sh --group alu --case 123 --morph build/morph --accel interp
#   run.sh --arch i386 --emulator qemu-i386-static
set -e
here=$(cd "$(dirname "$0")" && pwd)
arch=all group=all case= morph= accel=jit emulator= seed=1 scale=1 details=12 dir=
while [ $# -gt 0 ]; do
  case $1 in
    --arch) arch=$2; shift 2 ;;
    --group) group=$2; shift 2 ;;
    --case) case=$2; shift 2 ;;
    --morph) morph=$2; shift 2 ;;
    --accel) accel=$2; shift 2 ;;
    --emulator) emulator=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --scale) scale=$2; shift 2 ;;
    --details) details=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
dir=${dir:-/tmp/x86-diff-$seed-$scale}
if [ -n "$morph" ]; then
  emulator="$morph -accel $accel"
fi
status=0 ran=0
rows=$(python3 "$here/gen.py" --list --scale "$scale")
nl='
'
IFS=$nl
for row in $rows; do
  IFS=' '
  a=${row%% *} rest=${row#* }
  g=${rest%% *}
  [ "$arch" = all ] || [ "$arch" = "$a" ] || continue
  [ "$group" = all ] || [ "$group" = "$g" ] || continue
  ran=1
  prog=$dir/$a-$g
  if [ ! -x "$prog" ] || [ -n "$(find "$here" -newer "$prog" \( -name '*.py' -o -name '*.c' \))" ]; then
    "$here/build.sh" "$a" "$g" "$seed" "$scale" "$dir" >&2
  fi
  if [ -n "$case" ]; then
    set -- --case "$case"
  else
    set -- --details "$details"
  fi
  # the emulator command is split into words on purpose
  if [ -n "$emulator" ]; then
    python3 "$here/diff.py" "$@" "$prog" -- $emulator || status=1
  else
    python3 "$here/diff.py" "$@" "$prog" || status=1
  fi
done
if [ "$ran" = 0 ]; then
  echo "run.sh: no group matches --arch $arch --group $group (gen.py --list shows them)" >&2
  exit 2
fi
exit $status
