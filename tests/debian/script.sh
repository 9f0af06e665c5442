# tests/debian/script.sh WORKDIR — the shell script busybox.sh runs with
# `busybox sh`: once under morph with a Debian busybox-static (ppc64el, amd64, i386), once
# natively with the host's busybox; the two outputs must be the same line
# for line. It makes files of fixed content in WORKDIR and works on them
# with ls, sort, md5sum, sha256sum, tar and gzip, called three ways: as the
# shell's applets (busybox re-runs itself through /proc/self/exe for those
# that are not run in-process), through PATH, and as `$BB APPLET` ($BB is
# the busybox binary itself). Nothing printed depends on times, owners,
# the host or the architecture, except the one "arch:" line busybox.sh
# checks on its own.

set -e
umask 022
export LC_ALL=C TZ=UTC

work=$1
rm -rf "$work"
mkdir -p "$work/tree/sub/deep" "$work/out"
cd "$work"

echo "arch: $(uname -m)"

# ---- shell: functions, arithmetic, loops, case, here-documents -------------
fib() {
    a=0 b=1 i=0
    while [ $i -lt "$1" ]; do
        t=$((a + b)); a=$b; b=$t; i=$((i + 1))
    done
    echo "$a"
}
echo "fib 40 = $(fib 40)"
n=0
for w in one two three four five six; do
    case $w in
        t*) n=$((n + 10)) ;;
        f*) n=$((n + 100)) ;;
        *) n=$((n + 1)) ;;
    esac
done
echo "case sum = $n"
cat <<EOF | while read -r k v; do echo "$v=$k"; done
alpha 1
beta 2
gamma 3
EOF
echo "printf: $(printf '%05d|%-6s|%x|%o' 42 ab 255 8)"
s="The quick brown fox"
echo "len ${#s} sub ${s#The } suffix ${s%fox}end"
(cd tree && echo "subshell in $(basename "$(pwd)")")
set -- x y z
echo "args $# last ${3}"

# ---- generated files ---------------------------------------------------------
# Contents from a linear congruential generator in awk, so every run makes
# the same bytes.
gen() { # gen FILE LINES SEED
    awk -v n="$2" -v x="$3" 'BEGIN {
        for (i = 1; i <= n; i++) {
            x = (x * 1103 + 12345) % 65521
            printf "%06d %s %d\n", x, substr("kiwi apple mango pear fig lime plum date", (x % 8) * 5 + 1, 4), x % 97
        }
    }' > "$1"
}
i=0
for f in b.txt a.txt c.dat sub/z.txt sub/y.log sub/deep/x.txt; do
    i=$((i + 1))
    gen "tree/$f" $((i * 300)) $((i * 7919))
done
printf 'line with spaces\n\ttab\n\n' > "tree/sub/odd name.txt"
awk 'BEGIN { for (i = 0; i < 256; i++) printf "%c", i }' > tree/bytes.bin
: > tree/empty
# Fixed times, so tar's and gzip's headers are the same in both runs.
find tree -exec touch -d '2021-02-03 04:05:06' {} +

# md5sum of every file under the current folder, in name order.
sums() {
    find . -type f | sort | while read -r f; do md5sum "$f"; done
}

# ---- ls ----------------------------------------------------------------------
echo "== ls"
ls tree
ls -1 tree/sub
ls -R tree
ls -a tree/sub/deep
ls -d tree/sub/*
ls -F tree
ls -r tree
ls -S tree
ls -1 tree | wc -l

# ---- sort --------------------------------------------------------------------
echo "== sort"
sort tree/a.txt | md5sum
sort -n tree/b.txt | head -n 3
sort -r tree/b.txt | tail -n 2
sort -k2,2 -k1,1n tree/c.dat | md5sum
sort -t ' ' -k3,3n -s tree/sub/z.txt | head -n 4
awk '{ print $2 }' tree/c.dat | sort | uniq -c
sort -u -k2,2 tree/sub/y.log
cat tree/*.txt | sort -nr | head -n 2
cat tree/a.txt tree/b.txt | $BB sort -n | md5sum

# ---- md5sum / sha256sum --------------------------------------------------------
echo "== sums"
(cd tree && md5sum a.txt b.txt c.dat bytes.bin empty "sub/odd name.txt")
(cd tree && sha256sum a.txt sub/deep/x.txt bytes.bin)
(cd tree && sums) > out/all.md5
cat out/all.md5
(cd tree && md5sum -c ../out/all.md5)
(cd tree && sha256sum sub/*.txt > ../out/sub.sha256 && sha256sum -c ../out/sub.sha256)
$BB sha256sum tree/c.dat
$BB md5sum < tree/sub/y.log

# ---- gzip ----------------------------------------------------------------------
echo "== gzip"
gzip -9 -c < tree/a.txt > out/a.gz
gzip -1 -c < tree/c.dat > out/c1.gz
md5sum out/a.gz out/c1.gz
gzip -t out/a.gz && echo "gzip -t ok"
gzip -dc out/a.gz | cmp - tree/a.txt && echo "round trip ok"
cp tree/b.txt out/b.txt
gzip out/b.txt
ls out
md5sum out/b.txt.gz
gunzip out/b.txt.gz
cmp out/b.txt tree/b.txt && echo "gunzip ok"
zcat out/c1.gz | md5sum
cat tree/sub/*.txt | $BB gzip -6 | $BB gunzip | md5sum

# ---- tar -----------------------------------------------------------------------
echo "== tar"
(cd tree && find . | sort | sed 1d > ../out/list)
cat out/list
set --
while read -r f; do set -- "$@" "$f"; done < out/list
tar -cf out/t.tar -C tree --no-recursion "$@"
tar -tf out/t.tar
md5sum out/t.tar
tar -czf out/t.tgz -C tree --no-recursion "$@"
tar -tzf out/t.tgz | md5sum
mkdir out/x
tar -xf out/t.tar -C out/x
(cd out/x && sums) | cmp - out/all.md5 && echo "tar x ok"
mkdir out/y
gzip -dc out/t.tgz | $BB tar -xf - -C out/y
(cd out/y && sums) | md5sum
$BB tar -cf - -C tree --no-recursion "$@" | md5sum

# ---- pipelines and exit codes ------------------------------------------------------
echo "== pipes"
seq 1 2000 | sort -r | head -n 3
seq 1 500 | awk '{ s += $1 } END { print s }'
if grep -q mango tree/a.txt; then echo "grep found"; fi
if ! grep -q banana tree/a.txt; then echo "grep not found"; fi
false || echo "false: $?"
(exit 7) || echo "subshell exit: $?"
wc -l tree/*.txt | tail -n 1
echo done
