# tests/debian/gen.awk — deterministic test data: `awk -v bytes=N -v seed=S
# -f gen.awk` writes about N bytes of log-like text (words drawn from a
# small vocabulary, counters, hex fields), compressible but not trivially.
# Integer-only arithmetic below 2^31 (a Park–Miller generator), so mawk,
# gawk and busybox awk all write the same bytes.
function rnd(n) {
    x = (x * 16807) % 2147483647
    return x % n
}
BEGIN {
    x = seed + 1
    nw = split("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega load store branch vector scalar cache page block trace fault signal thread mutex futex clone exec mmap brk stat open read write close", w, " ")
    total = 0
    line = 0
    while (total < bytes) {
        line++
        s = sprintf("%08d %s", line, w[rnd(nw) + 1])
        k = rnd(9) + 2
        for (i = 0; i < k; i++) {
            r = rnd(10)
            if (r < 7)
                s = s " " w[rnd(nw) + 1]
            else if (r < 9)
                s = s " " rnd(2000)
            else
                s = s sprintf(" 0x%04x%04x", rnd(65536), rnd(65536))
        }
        print s
        total += length(s) + 1
    }
}
