"""fpvalues.py — random floating-point bit patterns for x86-diff: binary32,
binary64 and x87 80-bit extended values with a bias towards the values
that break emulators (zeros, infinities, quiet and signalling NaNs,
denormals, the largest and smallest normals, exact integers, values near
one), plus integers for conversions and packed-integer lanes.
"""
from case import rand_int


class Fmt:
    def __init__(self, bits, ebits):
        self.bits, self.ebits = bits, ebits
        self.mbits = bits - 1 - ebits
        self.bias = (1 << (ebits - 1)) - 1

    def pack(self, sign, exp, frac):
        return (sign << (self.bits - 1)) | (exp << self.mbits) | frac


F32 = Fmt(32, 8)
F64 = Fmt(64, 11)


def rand_ieee(rng, f):
    """One binary32/binary64 value as an integer bit pattern."""
    s = rng.getrandbits(1)
    emax = (1 << f.ebits) - 1
    r = rng.random()
    if r < 0.05:
        return f.pack(s, 0, 0)                                   # zero
    if r < 0.09:
        return f.pack(s, emax, 0)                                # infinity
    if r < 0.13:
        return f.pack(s, emax, (1 << (f.mbits - 1)) | rng.getrandbits(f.mbits - 1))  # QNaN
    if r < 0.16:
        return f.pack(s, emax, max(1, rng.getrandbits(f.mbits - 1)))  # SNaN
    if r < 0.22:
        return f.pack(s, 0, max(1, rng.getrandbits(f.mbits)))   # denormal
    if r < 0.25:
        return f.pack(s, rng.choice((1, emax - 1)), rng.getrandbits(f.mbits))  # extremes
    if r < 0.40:                                                 # small integers
        n = rng.randrange(1, 1 << 12)
        e = n.bit_length() - 1
        return f.pack(s, f.bias + e, (n - (1 << e)) << (f.mbits - e))
    if r < 0.85:                                                 # near one
        return f.pack(s, f.bias + rng.randrange(-20, 21), rng.getrandbits(f.mbits))
    return rng.getrandbits(f.bits)


def rand_f32(rng):
    return rand_ieee(rng, F32)


def rand_f64(rng):
    return rand_ieee(rng, F64)


def f80(sign, exp, mant):
    """x87 double-extended: 64-bit significand with explicit integer bit."""
    return (sign << 79) | (exp << 64) | mant


def rand_f80(rng, moderate=False):
    s = rng.getrandbits(1)
    top = 1 << 63
    if moderate:                       # finite, exponent within +-64
        return f80(s, 16383 + rng.randrange(-64, 64), top | rng.getrandbits(63))
    r = rng.random()
    if r < 0.05:
        return f80(s, 0, 0)
    if r < 0.09:
        return f80(s, 0x7FFF, top)                                  # infinity
    if r < 0.12:
        return f80(s, 0x7FFF, top | (1 << 62) | rng.getrandbits(62))  # QNaN
    if r < 0.14:
        return f80(s, 0x7FFF, top | max(1, rng.getrandbits(62)))    # SNaN
    if r < 0.18:
        return f80(s, 0, max(1, rng.getrandbits(63)))              # denormal
    if r < 0.20:
        return f80(s, rng.choice((1, 0x7FFE)), top | rng.getrandbits(63))
    if r < 0.35:                                                    # integers
        n = rng.randrange(1, 1 << 20)
        e = n.bit_length() - 1
        return f80(s, 16383 + e, n << (63 - e))
    if r < 0.90:
        return f80(s, 16383 + rng.randrange(-40, 41), top | rng.getrandbits(63))
    if r < 0.91:
        return f80(s, rng.randrange(1, 0x7FFF), rng.getrandbits(63))  # unnormal
    return f80(s, 16383 + rng.randrange(-16000, 16000), top | rng.getrandbits(63))


def lanes(rng, kind):
    """A 128-bit register value whose lanes are of `kind`."""
    if kind == "f32":
        vals, w = [rand_f32(rng) for _ in range(4)], 32
    elif kind == "f64":
        vals, w = [rand_f64(rng) for _ in range(2)], 64
    elif kind in ("i8", "i16", "i32", "i64"):
        w = int(kind[1:])
        vals = [rand_int(rng, w) for _ in range(128 // w)]
    else:
        return rng.getrandbits(128)
    v = 0
    for i, x in enumerate(vals):
        v |= x << (w * i)
    return v


def related(rng, a, kind):
    """A second operand that shares some lanes with `a` (equal compares,
    cancellations, equal strings)."""
    b = lanes(rng, kind)
    w = {"f32": 32, "f64": 64, "i8": 8, "i16": 16, "i32": 32, "i64": 64}.get(kind, 32)
    m = (1 << w) - 1
    for i in range(128 // w):
        if rng.random() < 0.3:
            b = (b & ~(m << (w * i))) | (a & (m << (w * i)))
    return b
