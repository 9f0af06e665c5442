#!/usr/bin/env python3
"""gen_vec_tests.py — writes the self-checking vector ISA tests vmx.S
(classic VMX, which qemu-ppc-static -cpu e600 also runs) and vmx207.S
(the ISA 2.07 additions) from a small model of the Power ISA definitions.

The model below is written from the Power ISA 2.07 Book I chapter 6
pseudo-code (elements numbered from the left, big-endian), independently
of morph's C. Run it again after changing a case:
    python3 tests/ppc-isa/gen_vec_tests.py tests/ppc-isa
"""
import math
import re
import struct
import sys

M32 = 0xffffffff


def to_elems(v, n):
    """128-bit int -> list of n-bit elements, element 0 leftmost."""
    k = 128 // n
    return [(v >> (128 - n * (i + 1))) & ((1 << n) - 1) for i in range(k)]


def from_elems(es, n):
    v = 0
    for e in es:
        v = (v << n) | (e & ((1 << n) - 1))
    return v


def s(x, n):
    x &= (1 << n) - 1
    return x - (1 << n) if x >> (n - 1) else x


def words(w0, w1, w2, w3):
    return (w0 << 96) | (w1 << 64) | (w2 << 32) | w3


def sat(v, lo, hi):
    return (min(max(v, lo), hi), v < lo or v > hi)


def const(v):
    return lambda a, b, c=0: (v, False)


def ew(f, n):
    """element-wise binary op; f(a, b) on unsigned n-bit values."""
    def op(a, b, c=0):
        return from_elems([f(x, y) for x, y in zip(to_elems(a, n), to_elems(b, n))], n), False
    return op


def ew_sat(f, n, signed):
    def op(a, b, c=0):
        lo, hi = (-(1 << (n - 1)), (1 << (n - 1)) - 1) if signed else (0, (1 << n) - 1)
        out, any_sat = [], False
        for x, y in zip(to_elems(a, n), to_elems(b, n)):
            if signed:
                x, y = s(x, n), s(y, n)
            r, st = sat(f(x, y), lo, hi)
            out.append(r)
            any_sat |= st
        return from_elems(out, n), any_sat
    return op


def ones(n):
    return (1 << n) - 1


def mul_eo(n, odd, signed):
    def op(a, b, c=0):
        ea, eb = to_elems(a, n), to_elems(b, n)
        out = []
        for i in range(64 // n):
            x, y = ea[2 * i + odd], eb[2 * i + odd]
            if signed:
                x, y = s(x, n), s(y, n)
            out.append(x * y)
        return from_elems(out, 2 * n), False
    return op


def merge(n, low):
    def op(a, b, c=0):
        ea, eb = to_elems(a, n), to_elems(b, n)
        half = 64 // n
        base = half if low else 0
        out = []
        for i in range(half):
            out += [ea[base + i], eb[base + i]]
        return from_elems(out, n), False
    return op


def vperm(a, b, c):
    src = to_elems(a, 8) + to_elems(b, 8)
    return from_elems([src[k & 31] for k in to_elems(c, 8)], 8), False


def vsldoi(sh):
    def op(a, b, c=0):
        src = to_elems(a, 8) + to_elems(b, 8)
        return from_elems(src[sh:sh + 16], 8), False
    return op


def splat(n, uim):
    def op(a, b, c=0):
        e = to_elems(b, n)[uim]
        return from_elems([e] * (128 // n), n), False
    return op


def splat_imm(n, simm):
    def op(a, b, c=0):
        return from_elems([simm & ones(n)] * (128 // n), n), False
    return op


def pack(n, kind):
    def op(a, b, c=0):
        h = n // 2
        out, any_sat = [], False
        for x in to_elems(a, n) + to_elems(b, n):
            if kind == 'mod':
                r = x & ones(h)
            elif kind == 'uu':
                r, st = sat(x, 0, ones(h))
                any_sat |= st
            elif kind == 'su':
                r, st = sat(s(x, n), 0, ones(h))
                any_sat |= st
            else:
                r, st = sat(s(x, n), -(1 << (h - 1)), (1 << (h - 1)) - 1)
                any_sat |= st
            out.append(r)
        return from_elems(out, h), any_sat
    return op


def unpack(n, low):
    def op(a, b, c=0):
        e = to_elems(b, n)
        half = 64 // n
        part = e[half:] if low else e[:half]
        return from_elems([s(x, n) for x in part], 2 * n), False
    return op


def msum(n, sa, sb, saturate):
    def op(a, b, c):
        ea, eb, ec = to_elems(a, n), to_elems(b, n), to_elems(c, 32)
        per = 32 // n
        out, any_sat = [], False
        for i in range(4):
            acc = s(ec[i], 32) if (sa and sb) else ec[i]
            for j in range(per):
                x, y = ea[per * i + j], eb[per * i + j]
                acc += (s(x, n) if sa else x) * (s(y, n) if sb else y)
            if saturate:
                lo, hi = (-(1 << 31), (1 << 31) - 1) if sb else (0, M32)
                acc, st = sat(acc, lo, hi)
                any_sat |= st
            out.append(acc)
        return from_elems(out, 32), any_sat
    return op


def vmsummbm(a, b, c):
    ea, eb, ec = to_elems(a, 8), to_elems(b, 8), to_elems(c, 32)
    out = []
    for i in range(4):
        acc = s(ec[i], 32) + sum(s(ea[4 * i + j], 8) * eb[4 * i + j] for j in range(4))
        out.append(acc)
    return from_elems(out, 32), False


def vsumsws(a, b, c=0):
    tot = sum(s(x, 32) for x in to_elems(a, 32)) + s(to_elems(b, 32)[3], 32)
    r, st = sat(tot, -(1 << 31), (1 << 31) - 1)
    return from_elems([0, 0, 0, r], 32), st


def vsum4(n, signed):
    def op(a, b, c=0):
        ea, eb = to_elems(a, n), to_elems(b, 32)
        per = 32 // n
        out, any_sat = [], False
        for i in range(4):
            acc = (s(eb[i], 32) if signed else eb[i]) + sum(
                (s(x, n) if signed else x) for x in ea[per * i:per * i + per])
            lo, hi = (-(1 << 31), (1 << 31) - 1) if signed else (0, M32)
            r, st = sat(acc, lo, hi)
            any_sat |= st
            out.append(r)
        return from_elems(out, 32), any_sat
    return op


def shift128(amount_fn, right):
    def op(a, b, c=0):
        sh = amount_fn(b)
        r = (a >> sh) if right else (a << sh) & ((1 << 128) - 1)
        return r, False
    return op


def f32(u):
    return struct.unpack('>f', struct.pack('>I', u))[0]


def u32(f):
    return struct.unpack('>I', struct.pack('>f', f))[0]


def fp_ew(f):
    """VMX float op on exactly representable cases (no NaN/denormal rules
    needed): computed in double and rounded once to single."""
    def op(a, b, c=0):
        out = []
        for x, y, z in zip(to_elems(a, 32), to_elems(b, 32), to_elems(c, 32)):
            out.append(u32(f(f32(x), f32(y), f32(z))))
        return from_elems(out, 32), False
    return op


def fp_cmp(f):
    def op(a, b, c=0):
        return from_elems([M32 if f(f32(x), f32(y)) else 0
                           for x, y in zip(to_elems(a, 32), to_elems(b, 32))], 32), False
    return op


def vcfsx(uim, signed):
    def op(a, b, c=0):
        return from_elems([u32((s(x, 32) if signed else x) / 2.0 ** uim) for x in to_elems(b, 32)], 32), False
    return op


def vctxs(uim, signed):
    def op(a, b, c=0):
        out, any_sat = [], False
        for x in to_elems(b, 32):
            v = f32(x)
            if math.isnan(v):
                out.append(0)
                continue
            v = v * 2.0 ** uim
            lo, hi = (-(1 << 31), (1 << 31) - 1) if signed else (0, M32)
            if math.isinf(v):
                r, st = (hi, True) if v > 0 else (lo, True)
            else:
                r, st = sat(int(v), lo, hi)
            any_sat |= st
            out.append(r)
        return from_elems(out, 32), any_sat
    return op


# ---- inputs (words, leftmost first) ----------------------------------------
VA = words(0x01234567, 0x89abcdef, 0xfedcba98, 0x76543210)
VB = words(0x80ff7f00, 0x01fe8001, 0x7fffffff, 0x00000003)
VC = words(0x00010203, 0x14151617, 0x1f1e0908, 0x0c0d1a1b)  # perm control
VD = words(0x7fff8000, 0x00017ffe, 0xffff0002, 0x80000001)
FA = words(0x3f800000, 0x40400000, 0xc0a00000, 0x3e800000)  # 1, 3, -5, 0.25
FB = words(0x40000000, 0x40400000, 0x3f000000, 0xc1200000)  # 2, 3, 0.5, -10
FC = words(0x3f000000, 0x40800000, 0x40000000, 0x3f800000)  # 0.5, 4, 2, 1
FX = words(0x4f000000, 0xc2f60000, 0x7fc00000, 0x3fc00000)  # 2^31, -123, NaN, 1.5
FR = words(0x3fc00000, 0xc0200000, 0x3e800000, 0xc0f80000)  # 1.5, -2.5, 0.25, -7.75

FD = words(0x00000001, 0x80400000, 0x00800000, 0x3f800000)  # denormals, min normal, 1
FZ = words(0x00000000, 0x80000000, 0x00000000, 0x00000000)

# lanes that are equal, differ only in the top or the low bit, 0 against
# all ones, 0x7f.. against 0x80..: the corners of compares done 64 bits
# at a time (SWAR)
VE = words(0x00ff7f80, 0x01fe8000, 0x7fff8000, 0x00000000)
VF = words(0x00807fff, 0x81fe0080, 0x7fff7fff, 0x80000000)
# vperm controls with the ignored high bits set; vbpermq indexes: the top
# bit of every byte (glibc's lvsl << 3), and indexes at and past 128
VR = words(0xe0f1c2d3, 0x24354657, 0x68797a8b, 0x9cadbecf)
VP = words(0x00081018, 0x20283038, 0x40485058, 0x60687078)
VQ = words(0x7f80ff3f, 0x40017e81, 0x0f10c0a0, 0x3e3d7c7b)
# vperm controls: bytes 5..20 in a row (an unaligned load's), the same with
# its last byte off by one, and a run from 17 that wraps past 31
VS = words(0x05060708, 0x090a0b0c, 0x0d0e0f10, 0x11121314)
VT = words(0x05060708, 0x090a0b0c, 0x0d0e0f10, 0x11121315)
VU = words(0x11121314, 0x15161718, 0x191a1b1c, 0x1d1e1f00)

REGS = {'VE': VE, 'VF': VF, 'VR': VR, 'VP': VP, 'VQ': VQ, 'VS': VS, 'VT': VT, 'VU': VU, 'VA': VA, 'VB': VB, 'VC': VC, 'VD': VD, 'FA': FA, 'FB': FB, 'FC': FC, 'FX': FX, 'FR': FR, 'FD': FD, 'FZ': FZ}

# (name, asm, op, a, b, c, checks_sat)  asm uses v16 (t), v17 (a), v18 (b), v19 (c)
CLASSIC = [
    ('vaddubm', 'vaddubm v16, v17, v18', ew(lambda x, y: x + y, 8), 'VA', 'VB'),
    ('vadduhm', 'vadduhm v16, v17, v18', ew(lambda x, y: x + y, 16), 'VA', 'VB'),
    ('vadduwm', 'vadduwm v16, v17, v18', ew(lambda x, y: x + y, 32), 'VA', 'VB'),
    ('vaddubs', 'vaddubs v16, v17, v18', ew_sat(lambda x, y: x + y, 8, False), 'VA', 'VB'),
    ('vadduhs', 'vadduhs v16, v17, v18', ew_sat(lambda x, y: x + y, 16, False), 'VA', 'VB'),
    ('vadduws', 'vadduws v16, v17, v18', ew_sat(lambda x, y: x + y, 32, False), 'VA', 'VB'),
    ('vaddsbs', 'vaddsbs v16, v17, v18', ew_sat(lambda x, y: x + y, 8, True), 'VA', 'VB'),
    ('vaddshs', 'vaddshs v16, v17, v18', ew_sat(lambda x, y: x + y, 16, True), 'VD', 'VD'),
    ('vaddsws', 'vaddsws v16, v17, v18', ew_sat(lambda x, y: x + y, 32, True), 'VB', 'VD'),
    ('vaddcuw', 'vaddcuw v16, v17, v18', ew(lambda x, y: (x + y) >> 32, 32), 'VA', 'VB'),
    ('vsububm', 'vsububm v16, v17, v18', ew(lambda x, y: x - y, 8), 'VA', 'VB'),
    ('vsubuhm', 'vsubuhm v16, v17, v18', ew(lambda x, y: x - y, 16), 'VA', 'VB'),
    ('vsubuwm', 'vsubuwm v16, v17, v18', ew(lambda x, y: x - y, 32), 'VA', 'VB'),
    ('vsububs', 'vsububs v16, v17, v18', ew_sat(lambda x, y: x - y, 8, False), 'VA', 'VB'),
    ('vsubuhs', 'vsubuhs v16, v17, v18', ew_sat(lambda x, y: x - y, 16, False), 'VA', 'VB'),
    ('vsubsbs', 'vsubsbs v16, v17, v18', ew_sat(lambda x, y: x - y, 8, True), 'VA', 'VB'),
    ('vsubshs', 'vsubshs v16, v17, v18', ew_sat(lambda x, y: x - y, 16, True), 'VD', 'VB'),
    ('vsubsws', 'vsubsws v16, v17, v18', ew_sat(lambda x, y: x - y, 32, True), 'VD', 'VB'),
    ('vsubcuw', 'vsubcuw v16, v17, v18', ew(lambda x, y: 1 if x >= y else 0, 32), 'VA', 'VB'),
    ('vmaxub', 'vmaxub v16, v17, v18', ew(max, 8), 'VA', 'VB'),
    ('vmaxsb', 'vmaxsb v16, v17, v18', ew(lambda x, y: x if s(x, 8) > s(y, 8) else y, 8), 'VA', 'VB'),
    ('vmaxuh', 'vmaxuh v16, v17, v18', ew(max, 16), 'VA', 'VB'),
    ('vmaxsh', 'vmaxsh v16, v17, v18', ew(lambda x, y: x if s(x, 16) > s(y, 16) else y, 16), 'VA', 'VB'),
    ('vmaxuw', 'vmaxuw v16, v17, v18', ew(max, 32), 'VA', 'VB'),
    ('vmaxsw', 'vmaxsw v16, v17, v18', ew(lambda x, y: x if s(x, 32) > s(y, 32) else y, 32), 'VA', 'VB'),
    ('vminub', 'vminub v16, v17, v18', ew(min, 8), 'VA', 'VB'),
    ('vminsh', 'vminsh v16, v17, v18', ew(lambda x, y: x if s(x, 16) < s(y, 16) else y, 16), 'VA', 'VB'),
    ('vminsw', 'vminsw v16, v17, v18', ew(lambda x, y: x if s(x, 32) < s(y, 32) else y, 32), 'VA', 'VB'),
    ('vavgub', 'vavgub v16, v17, v18', ew(lambda x, y: (x + y + 1) >> 1, 8), 'VA', 'VB'),
    ('vavgsb', 'vavgsb v16, v17, v18', ew(lambda x, y: (s(x, 8) + s(y, 8) + 1) >> 1, 8), 'VA', 'VB'),
    ('vavguh', 'vavguh v16, v17, v18', ew(lambda x, y: (x + y + 1) >> 1, 16), 'VA', 'VB'),
    ('vavgsw', 'vavgsw v16, v17, v18', ew(lambda x, y: (s(x, 32) + s(y, 32) + 1) >> 1, 32), 'VA', 'VB'),
    ('vand', 'vand v16, v17, v18', lambda a, b, c=0: (a & b, False), 'VA', 'VB'),
    ('vandc', 'vandc v16, v17, v18', lambda a, b, c=0: (a & ~b & ((1 << 128) - 1), False), 'VA', 'VB'),
    ('vor', 'vor v16, v17, v18', lambda a, b, c=0: (a | b, False), 'VA', 'VB'),
    ('vnor', 'vnor v16, v17, v18', lambda a, b, c=0: (~(a | b) & ((1 << 128) - 1), False), 'VA', 'VB'),
    ('vxor', 'vxor v16, v17, v18', lambda a, b, c=0: (a ^ b, False), 'VA', 'VB'),
    ('vsel', 'vsel v16, v17, v18, v19', lambda a, b, c: ((a & ~c) | (b & c), False), 'VA', 'VB', 'VC'),
    ('vcmpequb', 'vcmpequb v16, v17, v18', ew(lambda x, y: 0xff if x == y else 0, 8), 'VA', 'VA'),
    ('vcmpequh', 'vcmpequh v16, v17, v18', ew(lambda x, y: 0xffff if x == y else 0, 16), 'VD', 'VB'),
    ('vcmpequw', 'vcmpequw v16, v17, v18', ew(lambda x, y: M32 if x == y else 0, 32), 'VA', 'VB'),
    ('vcmpgtub', 'vcmpgtub v16, v17, v18', ew(lambda x, y: 0xff if x > y else 0, 8), 'VA', 'VB'),
    ('vcmpgtsb', 'vcmpgtsb v16, v17, v18', ew(lambda x, y: 0xff if s(x, 8) > s(y, 8) else 0, 8), 'VA', 'VB'),
    ('vcmpgtuh', 'vcmpgtuh v16, v17, v18', ew(lambda x, y: 0xffff if x > y else 0, 16), 'VA', 'VB'),
    ('vcmpgtsh', 'vcmpgtsh v16, v17, v18', ew(lambda x, y: 0xffff if s(x, 16) > s(y, 16) else 0, 16), 'VA', 'VB'),
    ('vcmpgtuw', 'vcmpgtuw v16, v17, v18', ew(lambda x, y: M32 if x > y else 0, 32), 'VA', 'VB'),
    ('vcmpgtsw', 'vcmpgtsw v16, v17, v18', ew(lambda x, y: M32 if s(x, 32) > s(y, 32) else 0, 32), 'VA', 'VB'),
    ('vslb', 'vslb v16, v17, v18', ew(lambda x, y: x << (y & 7), 8), 'VA', 'VB'),
    ('vslh', 'vslh v16, v17, v18', ew(lambda x, y: x << (y & 15), 16), 'VA', 'VB'),
    ('vslw', 'vslw v16, v17, v18', ew(lambda x, y: x << (y & 31), 32), 'VA', 'VB'),
    ('vsrb', 'vsrb v16, v17, v18', ew(lambda x, y: x >> (y & 7), 8), 'VA', 'VB'),
    ('vsrh', 'vsrh v16, v17, v18', ew(lambda x, y: x >> (y & 15), 16), 'VA', 'VB'),
    ('vsrw', 'vsrw v16, v17, v18', ew(lambda x, y: x >> (y & 31), 32), 'VA', 'VB'),
    ('vsrab', 'vsrab v16, v17, v18', ew(lambda x, y: s(x, 8) >> (y & 7), 8), 'VA', 'VB'),
    ('vsrah', 'vsrah v16, v17, v18', ew(lambda x, y: s(x, 16) >> (y & 15), 16), 'VA', 'VB'),
    ('vsraw', 'vsraw v16, v17, v18', ew(lambda x, y: s(x, 32) >> (y & 31), 32), 'VA', 'VB'),
    ('vrlb', 'vrlb v16, v17, v18', ew(lambda x, y: (x << (y & 7)) | (x >> (8 - (y & 7))), 8), 'VA', 'VB'),
    ('vrlw', 'vrlw v16, v17, v18', ew(lambda x, y: (x << (y & 31)) | (x >> (32 - (y & 31))), 32), 'VA', 'VB'),
    ('vsl', 'vsl v16, v17, v18', shift128(lambda b: b & 7, False), 'VA', 'VB'),
    ('vsr', 'vsr v16, v17, v18', shift128(lambda b: b & 7, True), 'VA', 'VB'),
    ('vslo', 'vslo v16, v17, v18', shift128(lambda b: b & 0x78, False), 'VA', 'VC'),
    ('vsro', 'vsro v16, v17, v18', shift128(lambda b: b & 0x78, True), 'VA', 'VC'),
    ('vmrghb', 'vmrghb v16, v17, v18', merge(8, False), 'VA', 'VB'),
    ('vmrghh', 'vmrghh v16, v17, v18', merge(16, False), 'VA', 'VB'),
    ('vmrghw', 'vmrghw v16, v17, v18', merge(32, False), 'VA', 'VB'),
    ('vmrglb', 'vmrglb v16, v17, v18', merge(8, True), 'VA', 'VB'),
    ('vmrglh', 'vmrglh v16, v17, v18', merge(16, True), 'VA', 'VB'),
    ('vmrglw', 'vmrglw v16, v17, v18', merge(32, True), 'VA', 'VB'),
    ('vperm', 'vperm v16, v17, v18, v19', vperm, 'VA', 'VB', 'VC'),
    ('vsldoi_0', 'vsldoi v16, v17, v18, 0', vsldoi(0), 'VA', 'VB'),
    ('vsldoi_3', 'vsldoi v16, v17, v18, 3', vsldoi(3), 'VA', 'VB'),
    ('vsldoi_8', 'vsldoi v16, v17, v18, 8', vsldoi(8), 'VA', 'VB'),
    ('vsldoi_13', 'vsldoi v16, v17, v18, 13', vsldoi(13), 'VA', 'VB'),
    ('vspltb', 'vspltb v16, v18, 5', splat(8, 5), 'VA', 'VB'),
    ('vsplth', 'vsplth v16, v18, 6', splat(16, 6), 'VA', 'VB'),
    ('vspltw', 'vspltw v16, v18, 1', splat(32, 1), 'VA', 'VB'),
    ('vspltisb', 'vspltisb v16, -3', splat_imm(8, -3), 'VA', 'VB'),
    ('vspltish', 'vspltish v16, 15', splat_imm(16, 15), 'VA', 'VB'),
    ('vspltisw', 'vspltisw v16, -16', splat_imm(32, -16), 'VA', 'VB'),
    ('vpkuhum', 'vpkuhum v16, v17, v18', pack(16, 'mod'), 'VA', 'VB'),
    ('vpkuwum', 'vpkuwum v16, v17, v18', pack(32, 'mod'), 'VA', 'VB'),
    ('vpkuhus', 'vpkuhus v16, v17, v18', pack(16, 'uu'), 'VA', 'VB'),
    ('vpkuwus', 'vpkuwus v16, v17, v18', pack(32, 'uu'), 'VA', 'VB'),
    ('vpkshus', 'vpkshus v16, v17, v18', pack(16, 'su'), 'VA', 'VB'),
    ('vpkswus', 'vpkswus v16, v17, v18', pack(32, 'su'), 'VA', 'VB'),
    ('vpkshss', 'vpkshss v16, v17, v18', pack(16, 'ss'), 'VA', 'VB'),
    ('vpkswss', 'vpkswss v16, v17, v18', pack(32, 'ss'), 'VA', 'VB'),
    ('vupkhsb', 'vupkhsb v16, v18', unpack(8, False), 'VA', 'VB'),
    ('vupklsb', 'vupklsb v16, v18', unpack(8, True), 'VA', 'VB'),
    ('vupkhsh', 'vupkhsh v16, v18', unpack(16, False), 'VA', 'VB'),
    ('vupklsh', 'vupklsh v16, v18', unpack(16, True), 'VA', 'VB'),
    ('vmuleub', 'vmuleub v16, v17, v18', mul_eo(8, 0, False), 'VA', 'VB'),
    ('vmuloub', 'vmuloub v16, v17, v18', mul_eo(8, 1, False), 'VA', 'VB'),
    ('vmulesb', 'vmulesb v16, v17, v18', mul_eo(8, 0, True), 'VA', 'VB'),
    ('vmulosb', 'vmulosb v16, v17, v18', mul_eo(8, 1, True), 'VA', 'VB'),
    ('vmuleuh', 'vmuleuh v16, v17, v18', mul_eo(16, 0, False), 'VA', 'VB'),
    ('vmulouh', 'vmulouh v16, v17, v18', mul_eo(16, 1, False), 'VA', 'VB'),
    ('vmulesh', 'vmulesh v16, v17, v18', mul_eo(16, 0, True), 'VA', 'VB'),
    ('vmulosh', 'vmulosh v16, v17, v18', mul_eo(16, 1, True), 'VA', 'VB'),
    ('vmsumubm', 'vmsumubm v16, v17, v18, v19', msum(8, False, False, False), 'VA', 'VB', 'VC'),
    ('vmsummbm', 'vmsummbm v16, v17, v18, v19', vmsummbm, 'VA', 'VB', 'VC'),
    ('vmsumuhm', 'vmsumuhm v16, v17, v18, v19', msum(16, False, False, False), 'VA', 'VB', 'VC'),
    ('vmsumuhs', 'vmsumuhs v16, v17, v18, v19', msum(16, False, False, True), 'VA', 'VB', 'VD'),
    ('vmsumshm', 'vmsumshm v16, v17, v18, v19', msum(16, True, True, False), 'VA', 'VB', 'VC'),
    ('vmsumshs', 'vmsumshs v16, v17, v18, v19', msum(16, True, True, True), 'VD', 'VD', 'VD'),
    ('vsumsws', 'vsumsws v16, v17, v18', vsumsws, 'VA', 'VB'),
    ('vsum4ubs', 'vsum4ubs v16, v17, v18', vsum4(8, False), 'VA', 'VB'),
    ('vsum4sbs', 'vsum4sbs v16, v17, v18', vsum4(8, True), 'VA', 'VB'),
    ('vsum4shs', 'vsum4shs v16, v17, v18', vsum4(16, True), 'VA', 'VB'),
    ('vaddfp', 'vaddfp v16, v17, v18', fp_ew(lambda x, y, z: x + y), 'FA', 'FB'),
    ('vsubfp', 'vsubfp v16, v17, v18', fp_ew(lambda x, y, z: x - y), 'FA', 'FB'),
    ('vmaddfp', 'vmaddfp v16, v17, v19, v18', fp_ew(lambda x, y, z: x * z + y), 'FA', 'FB', 'FC'),
    ('vnmsubfp', 'vnmsubfp v16, v17, v19, v18', fp_ew(lambda x, y, z: -(x * z - y)), 'FA', 'FB', 'FC'),
    ('vmaxfp', 'vmaxfp v16, v17, v18', fp_ew(lambda x, y, z: max(x, y)), 'FA', 'FB'),
    ('vminfp', 'vminfp v16, v17, v18', fp_ew(lambda x, y, z: min(x, y)), 'FA', 'FB'),
    ('vrfiz', 'vrfiz v16, v18', fp_ew(lambda x, y, z: float(math.trunc(y))), 'FA', 'FR'),
    ('vrfim', 'vrfim v16, v18', fp_ew(lambda x, y, z: float(math.floor(y))), 'FA', 'FR'),
    ('vrfip', 'vrfip v16, v18', fp_ew(lambda x, y, z: float(math.ceil(y))), 'FA', 'FR'),
    ('vrfin', 'vrfin v16, v18', fp_ew(lambda x, y, z: float(round(y))), 'FA', 'FR'),
    ('vcmpeqfp', 'vcmpeqfp v16, v17, v18', fp_cmp(lambda x, y: x == y), 'FA', 'FB'),
    ('vcmpgefp', 'vcmpgefp v16, v17, v18', fp_cmp(lambda x, y: x >= y), 'FA', 'FB'),
    ('vcmpgtfp', 'vcmpgtfp v16, v17, v18', fp_cmp(lambda x, y: x > y), 'FA', 'FB'),
    ('vcfsx', 'vcfsx v16, v18, 4', vcfsx(4, True), 'VA', 'VB'),
    ('vcfux', 'vcfux v16, v18, 1', vcfsx(1, False), 'VA', 'VB'),
    ('vctsxs', 'vctsxs v16, v18, 1', vctxs(1, True), 'VA', 'FX'),
    ('vctuxs', 'vctuxs v16, v18, 0', vctxs(0, False), 'VA', 'FX'),
]



def lane_pred(f, n, signed):
    """compare: lanes all ones where f(x, y) holds."""
    def op(a, b, c=0):
        out = []
        for x, y in zip(to_elems(a, n), to_elems(b, n)):
            if signed:
                x, y = s(x, n), s(y, n)
            out.append(ones(n) if f(x, y) else 0)
        return from_elems(out, n), False
    return op


def lane_pick(f, n, signed):
    """max / min: the lane of a where f(x, y) holds, else of b."""
    def op(a, b, c=0):
        out = []
        for x, y in zip(to_elems(a, n), to_elems(b, n)):
            sx, sy = (s(x, n), s(y, n)) if signed else (x, y)
            out.append(x if f(sx, sy) else y)
        return from_elems(out, n), False
    return op


def corner_rows(widths):
    """compares and max / min of every width in both operand orders of the
    corner inputs, and the Rc=1 forms (CR6: all true 8, none 2, else 0)
    on all-true, none-true and mixed inputs."""
    rows = []
    for n, w in widths:
        for a, b in (('VE', 'VF'), ('VF', 'VE')):
            tag = '_%s%s' % (a[1], b[1])
            for mn, f, sg in (('vcmpequ', lambda x, y: x == y, False), ('vcmpgtu', lambda x, y: x > y, False),
                              ('vcmpgts', lambda x, y: x > y, True)):
                rows.append((mn + w + tag, '%s%s v16, v17, v18' % (mn, w), lane_pred(f, n, sg), a, b))
            for mn, f, sg in (('vmaxu', lambda x, y: x > y, False), ('vmaxs', lambda x, y: x > y, True),
                              ('vminu', lambda x, y: x < y, False), ('vmins', lambda x, y: x < y, True)):
                rows.append((mn + w + tag, '%s%s v16, v17, v18' % (mn, w), lane_pick(f, n, sg), a, b))
        for tag, a, b in (('_all', 'VE', 'VE'), ('_none', 'VE', 'VR'), ('_some', 'VE', 'VF')):
            rows.append(('vcmpequ%s_dot%s' % (w, tag), 'vcmpequ%s. v16, v17, v18' % w,
                         lane_pred(lambda x, y: x == y, n, False), a, b))
        rows.append(('vcmpgtu%s_dot' % w, 'vcmpgtu%s. v16, v17, v18' % w, lane_pred(lambda x, y: x > y, n, False),
                     'VF', 'VE'))
    return rows


def lvs(sh, right):
    """lvsl / lvsr of an address with sh = EA & 15: bytes sh .. sh+15,
    or 16-sh .. 31-sh."""
    first = 16 - sh if right else sh
    return from_elems(range(first, first + 16), 8)


def vperm_lvs(sh, right):
    return lambda a, b, c: vperm(a, b, lvs(sh, right))


CLASSIC += corner_rows([(8, 'b'), (16, 'h'), (32, 'w')]) + [
    ('vperm_run', 'vperm v16, v17, v18, v19', vperm, 'VE', 'VF', 'VS'),
    ('vperm_run_broken', 'vperm v16, v17, v18, v19', vperm, 'VE', 'VF', 'VT'),
    ('vperm_run_wraps', 'vperm v16, v17, v18, v19', vperm, 'VE', 'VF', 'VU'),
] + [
    ('vperm_%s_%d' % (insn, sh), 'li r14, %d; %s v19, 0, r14; vperm v16, v17, v18, v19' % (sh, insn),
     vperm_lvs(sh, insn == 'lvsr'), 'VA', 'VB')
    for insn, shifts in (('lvsl', (0, 3, 8, 13, 15)), ('lvsr', (0, 1, 5, 8, 15))) for sh in shifts
] + [
    ('vperm_high_bits', 'vperm v16, v17, v18, v19', vperm, 'VE', 'VF', 'VR'),
    ('vperm_same_reg', 'vperm v17, v17, v18, v17; vor v16, v17, v17', lambda a, b, c: vperm(a, b, a), 'VC', 'VF'),
]

CLASSIC += [
    # VRSAVE (SPR 256) and the VSCR word; the case's SAT check sees SAT = 1
    ('vrsave', 'LI32 r14, 0x8000f00d; mtvrsave r14; li r15, 0; mfvrsave r15; VSCRATCH r3; stw r15, 0(r3); '
     'stw r15, 4(r3); stw r15, 8(r3); stw r15, 12(r3); lvx v16, 0, r3',
     const(words(0x8000f00d, 0x8000f00d, 0x8000f00d, 0x8000f00d)), 'VA', 'VB'),
    ('vscr', 'VSET_VSCR 0x00010001; mfvscr v16', lambda a, b, c=0: (words(0, 0, 0, 0x10001), True), 'VA', 'VB'),
    # NJ = 0: denormals are kept; NJ = 1: read and written as zero
    ('vaddfp_java', 'vaddfp v16, v17, v18', lambda a, b, c=0: (words(0x00000001, 0x80400000, 0x00800000, 0x3f800000), False), 'FD', 'FZ'),
    ('vaddfp_nj', 'VSET_VSCR 0x00010000; vaddfp v16, v17, v18; VSET_VSCR 0',
     lambda a, b, c=0: (words(0x00000000, 0x80000000, 0x00800000, 0x3f800000), False), 'FD', 'FZ'),
]

ISA207 = [
    ('vaddudm', 'vaddudm v16, v17, v18', ew(lambda x, y: x + y, 64), 'VA', 'VB'),
    ('vsubudm', 'vsubudm v16, v17, v18', ew(lambda x, y: x - y, 64), 'VA', 'VB'),
    # quadword add/subtract: the 128-bit sum, or its carry out (bit 127); the
    # extended forms add c's bit 127 (VB and VD end in 1, VA and VC in 0)
    ('vadduqm', 'vadduqm v16, v17, v18', lambda a, b, c=0: ((a + b) % (1 << 128), False), 'VA', 'VB'),
    ('vaddcuq', 'vaddcuq v16, v17, v18', lambda a, b, c=0: ((a + b) >> 128, False), 'VD', 'VD'),
    ('vaddeuqm', 'vaddeuqm v16, v17, v18, v19', lambda a, b, c: ((a + b + (c & 1)) % (1 << 128), False), 'VA', 'VB', 'VD'),
    ('vaddecuq', 'vaddecuq v16, v17, v18, v19', lambda a, b, c: ((a + b + (c & 1)) >> 128, False), 'VD', 'VB', 'VB'),
    ('vsubuqm', 'vsubuqm v16, v17, v18', lambda a, b, c=0: ((a - b) % (1 << 128), False), 'VA', 'VB'),
    ('vsubcuq', 'vsubcuq v16, v17, v18', lambda a, b, c=0: (1 if a >= b else 0, False), 'VB', 'VA'),
    ('vsubeuqm', 'vsubeuqm v16, v17, v18, v19', lambda a, b, c: ((a + (b ^ ((1 << 128) - 1)) + (c & 1)) % (1 << 128), False), 'VA', 'VB', 'VA'),
    ('vsubecuq', 'vsubecuq v16, v17, v18, v19', lambda a, b, c: ((a + (b ^ ((1 << 128) - 1)) + (c & 1)) >> 128, False), 'VA', 'VA', 'VB'),
    ('vmaxsd', 'vmaxsd v16, v17, v18', ew(lambda x, y: x if s(x, 64) > s(y, 64) else y, 64), 'VA', 'VB'),
    ('vminud', 'vminud v16, v17, v18', ew(min, 64), 'VA', 'VB'),
    ('vcmpequd', 'vcmpequd v16, v17, v18', ew(lambda x, y: ones(64) if x == y else 0, 64), 'VA', 'VA'),
    ('vcmpgtsd', 'vcmpgtsd v16, v17, v18', ew(lambda x, y: ones(64) if s(x, 64) > s(y, 64) else 0, 64), 'VA', 'VB'),
    ('vcmpgtud', 'vcmpgtud v16, v17, v18', ew(lambda x, y: ones(64) if x > y else 0, 64), 'VA', 'VB'),
    ('vsld', 'vsld v16, v17, v18', ew(lambda x, y: x << (y & 63), 64), 'VA', 'VB'),
    ('vsrd', 'vsrd v16, v17, v18', ew(lambda x, y: x >> (y & 63), 64), 'VA', 'VB'),
    ('vsrad', 'vsrad v16, v17, v18', ew(lambda x, y: s(x, 64) >> (y & 63), 64), 'VA', 'VB'),
    ('vrld', 'vrld v16, v17, v18', ew(lambda x, y: (x << (y & 63)) | (x >> (64 - (y & 63))), 64), 'VA', 'VB'),
    ('vmuluwm', 'vmuluwm v16, v17, v18', ew(lambda x, y: x * y, 32), 'VA', 'VB'),
    ('vmuleuw', 'vmuleuw v16, v17, v18', mul_eo(32, 0, False), 'VA', 'VB'),
    ('vmulosw', 'vmulosw v16, v17, v18', mul_eo(32, 1, True), 'VA', 'VB'),
    ('vmrgew', 'vmrgew v16, v17, v18', lambda a, b, c=0: (from_elems([to_elems(a, 32)[0], to_elems(b, 32)[0], to_elems(a, 32)[2], to_elems(b, 32)[2]], 32), False), 'VA', 'VB'),
    ('vmrgow', 'vmrgow v16, v17, v18', lambda a, b, c=0: (from_elems([to_elems(a, 32)[1], to_elems(b, 32)[1], to_elems(a, 32)[3], to_elems(b, 32)[3]], 32), False), 'VA', 'VB'),
    ('vpkudum', 'vpkudum v16, v17, v18', pack(64, 'mod'), 'VA', 'VB'),
    ('vpksdss', 'vpksdss v16, v17, v18', pack(64, 'ss'), 'VA', 'VB'),
    ('vupkhsw', 'vupkhsw v16, v18', unpack(32, False), 'VA', 'VA'),
    ('vupklsw', 'vupklsw v16, v18', unpack(32, True), 'VA', 'VA'),
    ('vclzb', 'vclzb v16, v18', ew(lambda x, y: 8 - y.bit_length(), 8), 'VB', 'VA'),
    ('vclzw', 'vclzw v16, v18', ew(lambda x, y: 32 - y.bit_length(), 32), 'VB', 'VB'),
    ('vclzd', 'vclzd v16, v18', ew(lambda x, y: 64 - y.bit_length(), 64), 'VB', 'VA'),
    ('vpopcntb', 'vpopcntb v16, v18', ew(lambda x, y: bin(y).count('1'), 8), 'VB', 'VA'),
    ('vpopcntd', 'vpopcntd v16, v18', ew(lambda x, y: bin(y).count('1'), 64), 'VB', 'VB'),
    ('veqv', 'veqv v16, v17, v18', lambda a, b, c=0: (~(a ^ b) & ((1 << 128) - 1), False), 'VA', 'VB'),
    ('vnand', 'vnand v16, v17, v18', lambda a, b, c=0: (~(a & b) & ((1 << 128) - 1), False), 'VA', 'VB'),
    ('vorc', 'vorc v16, v17, v18', lambda a, b, c=0: ((a | ~b) & ((1 << 128) - 1), False), 'VA', 'VB'),
]


def clmul(x, y):
    r = 0
    while y:
        if y & 1:
            r ^= x
        x <<= 1
        y >>= 1
    return r


def pmsum(n):
    def op(a, b, c=0):
        ea, eb = to_elems(a, n), to_elems(b, n)
        return from_elems([clmul(ea[2 * i], eb[2 * i]) ^ clmul(ea[2 * i + 1], eb[2 * i + 1])
                           for i in range(64 // n)], 2 * n), False
    return op


def vbpermq(a, b, c=0):
    field = 0
    for i, idx in enumerate(to_elems(b, 8)):
        bit = (a >> (127 - idx)) & 1 if idx < 128 else 0
        field |= bit << (15 - i)
    return field << 64, False


def vgbbd(a, b, c=0):
    out = 0
    for d in range(2):
        x = (b >> (64 * (1 - d))) & ones(64)
        y = 0
        for i in range(8):
            for j in range(8):
                if (x >> (63 - (8 * i + j))) & 1:
                    y |= 1 << (63 - (8 * j + i))
        out |= y << (64 * (1 - d))
    return out, False


ISA207 += [
    ('vpmsumb', 'vpmsumb v16, v17, v18', pmsum(8), 'VA', 'VB'),
    ('vpmsumw', 'vpmsumw v16, v17, v18', pmsum(32), 'VA', 'VB'),
    ('vpmsumd', 'vpmsumd v16, v17, v18', pmsum(64), 'VA', 'VB'),
    ('vbpermq', 'vbpermq v16, v17, v18', vbpermq, 'VA', 'VC'),
    ('vgbbd', 'vgbbd v16, v18', vgbbd, 'VA', 'VA'),
    ('vgbbd_vf', 'vgbbd v16, v18', vgbbd, 'VA', 'VF'),
    ('vbpermq_tops', 'vbpermq v16, v17, v18', vbpermq, 'VF', 'VP'),
    ('vbpermq_wide', 'vbpermq v16, v17, v18', vbpermq, 'VF', 'VQ'),
    ('vclzd_zero', 'vclzd v16, v18', ew(lambda x, y: 64 - y.bit_length(), 64), 'VB', 'FZ'),
    ('vpopcntd_vf', 'vpopcntd v16, v18', ew(lambda x, y: bin(y).count('1'), 64), 'VB', 'VF'),
] + corner_rows([(64, 'd')])


def w4(v):
    return ['0x%08x' % x for x in to_elems(v, 32)]


HEADER = """/*
 * {name}.S — {what}
 * Generated by gen_vec_tests.py from its model of the Power ISA 2.07
 * definitions (Book I, chapter 6); do not edit by hand.
 *
 * Each case loads v17 (a), v18 (b), v19 (c) from constants, runs the
 * instruction into v16, and checks v16 (as two doublewords) and the
 * VSCR SAT bit (mfvscr; cleared before each case); a compare with Rc=1
 * also checks CR field 6 (set to 0b0101 before it). Register element
 * numbers are the ISA's (big-endian) in either byte order: isa_vec.h
 * places the words so; the ppc64le build (tests/ppc64-isa) runs the cases
 * in little-endian mode. The VSX loads and stores move data in an order
 * that depends on the byte order: their little-endian expectations are
 * in the #else branch of each (Power ISA 2.07 Book I 7.6: elements in
 * little-endian byte order, lvx/stvx reversing the whole quadword).
 */
#include "isa.h"
#include "isa_vec.h"

	TEST_BEGIN
	VSET_VSCR 0
"""


def cr6_of(r):
    """CR6 after an integer vector compare with Rc=1 (Power ISA 2.07
    Book I 6.9.3): 0b1000 if every element compared true, 0b0010 if none."""
    return 8 if r == ones(128) else 2 if r == 0 else 0


def emit(path, name, what, cases):
    with open(path, 'w') as f:
        f.write(HEADER.format(name=name, what=what))
        for case in cases:
            cname, asm, op, an, bn = case[:5]
            cn = case[5] if len(case) > 5 else 'VC'
            a, b, c = REGS[an], REGS[bn], REGS[cn]
            r, st = op(a, b, c)
            r &= (1 << 128) - 1
            order_dependent = re.search(r'\b(lx|stx)\w*x\b', asm) is not None
            if order_dependent and cname not in LITTLE_ENDIAN:
                raise SystemExit('%s depends on the byte order: give it a LITTLE_ENDIAN row' % cname)
            f.write('\n\t/* %s */\n' % asm)
            if order_dependent:
                f.write('#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__\n')
            f.write('\tVSET v17, %s\n' % ', '.join(w4(a)))
            f.write('\tVSET v18, %s\n' % ', '.join(w4(b)))
            f.write('\tVSET v19, %s\n' % ', '.join(w4(c)))
            f.write('\tvor v16, v19, v19\n')
            f.write('\tVSET_VSCR 0\n')
            record = asm.split(' ')[0].endswith('.')
            if record:
                f.write('\tVSET_CR6 0x5\n')
            for line in asm.split('; '):
                f.write('\t%s\n' % line)
            if record:
                f.write('\tmfcr r14\n')
            f.write('\tVCHECK %s, v16, %s\n' % (cname, ', '.join(w4(r))))
            f.write('\tVCHECK_SAT %s, %d\n' % (cname, 1 if st else 0))
            if record:
                f.write('\tVCHECK_CR6 %s, r14, %d\n' % (cname, cr6_of(r)))
            if order_dependent:
                f.write('#else\n')
                f.write('\tVSET v17, %s\n' % ', '.join(w4(a)))
                f.write('\tVSET v18, %s\n' % ', '.join(w4(b)))
                f.write('\tVSET v19, %s\n' % ', '.join(w4(c)))
                f.write('\tvor v16, v19, v19\n')
                f.write('\tVSET_VSCR 0\n')
                for line in asm.split('; '):
                    f.write('\t%s\n' % line)
                le = LITTLE_ENDIAN[cname](a, b) & ((1 << 128) - 1)
                f.write('\tVCHECK %s, v16, %s\n' % (cname, ', '.join(w4(le))))
                f.write('\tVCHECK_SAT %s, 0\n' % cname)
                f.write('#endif\n')
        f.write('\n\tTEST_END\n')
        f.write('\n\t.data\n\t.balign 16\nisa_vec_data:\n')
        for k in range(0, len(DATA), 8):
            f.write('\t.byte %s\n' % ', '.join('0x%02x' % x for x in DATA[k:k + 8]))


def xx(f):
    return lambda a, b, c=0: (f(a, b, c) & ((1 << 128) - 1), False)


def dws(v):
    return (v >> 64) & ones(64), v & ones(64)


def from_dws(d0, d1):
    return (d0 << 64) | d1


def xxpermdi(dm):
    return xx(lambda a, b, c: from_dws(dws(a)[dm >> 1], dws(b)[dm & 1]))


def xxsldwi(shw):
    return xx(lambda a, b, c: from_elems((to_elems(a, 32) + to_elems(b, 32))[shw:shw + 4], 32))


DATA = bytes(range(16)) + bytes(range(0xf0, 0x100)) + bytes([0x3f, 0xc0, 0, 0, 0xc0, 0x20, 0, 0]) + bytes(8)


def mem_words(off, n=4):
    return [int.from_bytes(DATA[off + 4 * i:off + 4 * i + 4], 'big') for i in range(n)]


def dup_dw0(v):
    return from_dws(v, v)


ADDR = 'lis r14, isa_vec_data@ha; addi r14, r14, isa_vec_data@l'
VSX = [
    ('xxland', 'xxland vs48, vs49, vs50', xx(lambda a, b, c: a & b), 'VA', 'VB'),
    ('xxlandc', 'xxlandc vs48, vs49, vs50', xx(lambda a, b, c: a & ~b), 'VA', 'VB'),
    ('xxlor', 'xxlor vs48, vs49, vs50', xx(lambda a, b, c: a | b), 'VA', 'VB'),
    ('xxlxor', 'xxlxor vs48, vs49, vs50', xx(lambda a, b, c: a ^ b), 'VA', 'VB'),
    ('xxlnor', 'xxlnor vs48, vs49, vs50', xx(lambda a, b, c: ~(a | b)), 'VA', 'VB'),
    ('xxleqv', 'xxleqv vs48, vs49, vs50', xx(lambda a, b, c: ~(a ^ b)), 'VA', 'VB'),
    ('xxlnand', 'xxlnand vs48, vs49, vs50', xx(lambda a, b, c: ~(a & b)), 'VA', 'VB'),
    ('xxlorc', 'xxlorc vs48, vs49, vs50', xx(lambda a, b, c: a | ~b), 'VA', 'VB'),
    ('xxsel', 'xxsel vs48, vs49, vs50, vs51', xx(lambda a, b, c: (a & ~c) | (b & c)), 'VA', 'VB', 'VC'),
    ('xxpermdi_0', 'xxpermdi vs48, vs49, vs50, 0', xxpermdi(0), 'VA', 'VB'),
    ('xxpermdi_1', 'xxpermdi vs48, vs49, vs50, 1', xxpermdi(1), 'VA', 'VB'),
    ('xxpermdi_2', 'xxpermdi vs48, vs49, vs50, 2', xxpermdi(2), 'VA', 'VB'),
    ('xxpermdi_3', 'xxpermdi vs48, vs49, vs50, 3', xxpermdi(3), 'VA', 'VB'),
    ('xxsldwi_1', 'xxsldwi vs48, vs49, vs50, 1', xxsldwi(1), 'VA', 'VB'),
    ('xxsldwi_2', 'xxsldwi vs48, vs49, vs50, 2', xxsldwi(2), 'VA', 'VB'),
    ('xxsldwi_3', 'xxsldwi vs48, vs49, vs50, 3', xxsldwi(3), 'VA', 'VB'),
    ('xxspltw_0', 'xxspltw vs48, vs50, 0', xx(lambda a, b, c: from_elems([to_elems(b, 32)[0]] * 4, 32)), 'VA', 'VB'),
    ('xxspltw_3', 'xxspltw vs48, vs50, 3', xx(lambda a, b, c: from_elems([to_elems(b, 32)[3]] * 4, 32)), 'VA', 'VB'),
    ('xxmrghw', 'xxmrghw vs48, vs49, vs50', merge(32, False), 'VA', 'VB'),
    ('xxmrglw', 'xxmrglw vs48, vs49, vs50', merge(32, True), 'VA', 'VB'),
    # the FPR half: VSR 0-31 doubleword 0 is the FPR
    ('fpr_half', 'xxlor vs5, vs49, vs49; fmr f6, f5; xxpermdi vs48, vs6, vs5, 1',
     xx(lambda a, b, c: a), 'VA', 'VB'),
    # GPR moves; doubleword 1 of the target is undefined, so splat dw0
    ('mfvsrwz_mtvsrwz', 'mfvsrwz r14, vs49; mtvsrwz vs48, r14; xxspltd vs48, vs48, 0',
     xx(lambda a, b, c: dup_dw0(dws(a)[0] & M32)), 'VA', 'VB'),
    ('mtvsrwa', 'mfvsrwz r14, vs49; mtvsrwa vs48, r14; xxspltd vs48, vs48, 0',
     xx(lambda a, b, c: dup_dw0((s(dws(a)[0], 32)) & ones(64))), 'VA', 'VB'),
    ('mfvsrd', 'mfvsrd r14, vs50; mtvsrwz vs48, r14; xxspltd vs48, vs48, 0',
     xx(lambda a, b, c: dup_dw0(dws(b)[0] & M32)), 'VA', 'VB'),
    # loads from isa_vec_data (big-endian)
    ('lxvd2x', ADDR + '; li r15, 0; lxvd2x vs48, r14, r15', const(from_elems(mem_words(0), 32)), 'VA', 'VB'),
    ('lxvw4x', ADDR + '; li r15, 16; lxvw4x vs48, r14, r15', const(from_elems(mem_words(16), 32)), 'VA', 'VB'),
    ('lxvdsx', ADDR + '; li r15, 8; lxvdsx vs48, r14, r15',
     const(dup_dw0(from_elems(mem_words(8, 2), 32))), 'VA', 'VB'),
    ('lxsdx', ADDR + '; li r15, 16; lxsdx vs48, r14, r15; xxspltd vs48, vs48, 0',
     const(dup_dw0(from_elems(mem_words(16, 2), 32))), 'VA', 'VB'),
    ('lxsiwax', ADDR + '; li r15, 20; lxsiwax vs48, r14, r15; xxspltd vs48, vs48, 0',
     const(dup_dw0(0xfffffffff4f5f6f7)), 'VA', 'VB'),
    ('lxsiwzx', ADDR + '; li r15, 20; lxsiwzx vs48, r14, r15; xxspltd vs48, vs48, 0',
     const(dup_dw0(0xf4f5f6f7)), 'VA', 'VB'),
    ('lxsspx', ADDR + '; li r15, 32; lxsspx vs48, r14, r15; xxspltd vs48, vs48, 0',
     const(dup_dw0(0x3ff8000000000000)), 'VA', 'VB'),
    ('lxsspx_neg', ADDR + '; li r15, 36; lxsspx vs48, r14, r15; xxspltd vs48, vs48, 0',
     const(dup_dw0(0xc004000000000000)), 'VA', 'VB'),
    # stores into the scratch quadword, read back with lvx
    ('stxvd2x', 'VSCRATCH r14; li r15, 0; stxvd2x vs49, r14, r15; lvx v16, r14, r15',
     xx(lambda a, b, c: a), 'VA', 'VB'),
    ('stxvw4x', 'VSCRATCH r14; li r15, 0; stxvw4x vs50, r14, r15; lvx v16, r14, r15',
     xx(lambda a, b, c: b), 'VA', 'VB'),
    ('stxsdx', 'VSCRATCH r14; li r15, 0; stvx v17, r14, r15; stxsdx vs50, r14, r15; lvx v16, r14, r15',
     xx(lambda a, b, c: from_dws(dws(b)[0], dws(a)[1])), 'VA', 'VB'),
    ('stxsiwx', 'VSCRATCH r14; li r15, 4; stvx v17, r14, r15; stxsiwx vs50, r14, r15; lvx v16, 0, r14',
     xx(lambda a, b, c: from_elems([to_elems(a, 32)[0], to_elems(b, 32)[1]] + to_elems(a, 32)[2:], 32)),
     'VA', 'VB'),
    ('stxsspx', 'VSCRATCH r14; li r15, 8; stvx v17, 0, r14; lxsspx vs48, r14, r15; '
     'li r15, 12; stxsspx vs48, r14, r15; lvx v16, 0, r14',
     xx(lambda a, b, c: from_elems(to_elems(a, 32)[:3] + [to_elems(a, 32)[2]], 32)), 'VA', 'VB'),
]


# The same loads and stores in little-endian mode: each element of the
# access is a little-endian value in memory (lxvd2x: two doublewords,
# lxvw4x: four words, the scalar forms one), while lvx/stvx move the
# quadword byte-reversed (memory byte i is register byte 15 - i).
def le_u(off, n):
    return int.from_bytes(DATA[off:off + n], 'little')


def single_to_double_bits(u):
    return d64(struct.unpack('<f', u.to_bytes(4, 'little'))[0])


LITTLE_ENDIAN = {
    'lxvd2x': lambda a, b: from_dws(le_u(0, 8), le_u(8, 8)),
    'lxvw4x': lambda a, b: from_elems([le_u(16 + 4 * i, 4) for i in range(4)], 32),
    'lxvdsx': lambda a, b: dup_dw0(le_u(8, 8)),
    'lxsdx': lambda a, b: dup_dw0(le_u(16, 8)),
    'lxsiwax': lambda a, b: dup_dw0(s(le_u(20, 4), 32) & ones(64)),
    'lxsiwzx': lambda a, b: dup_dw0(le_u(20, 4)),
    'lxsspx': lambda a, b: dup_dw0(single_to_double_bits(le_u(32, 4))),
    'lxsspx_neg': lambda a, b: dup_dw0(single_to_double_bits(le_u(36, 4))),
    # stxvd2x: dw0 lands in bytes 0-7, which lvx puts in register dw1
    'stxvd2x': lambda a, b: from_dws(dws(a)[1], dws(a)[0]),
    'stxvw4x': lambda a, b: from_elems(to_elems(b, 32)[::-1], 32),
    'stxsdx': lambda a, b: from_dws(dws(a)[0], dws(b)[0]),
    # bytes 4-7 are register word 2 after lvx
    'stxsiwx': lambda a, b: from_elems(to_elems(a, 32)[:2] + [to_elems(b, 32)[1]] + to_elems(a, 32)[3:], 32),
    # the single at bytes 8-11 is register word 1; bytes 12-15 are word 0
    'stxsspx': lambda a, b: from_elems([to_elems(a, 32)[1]] + to_elems(a, 32)[1:], 32),
}


def d64(x):
    return struct.unpack('>Q', struct.pack('>d', x))[0]


def f64(u):
    return struct.unpack('>d', struct.pack('>Q', u))[0]


def dd(x, y):
    return from_dws(d64(x), d64(y))


def vdp(f):
    """both doublewords: f on doubles (exact cases)."""
    return lambda a, b, c=0: (from_dws(*[d64(f(f64(x), f64(y), f64(z)))
                                         for x, y, z in zip(dws(a), dws(b), dws(c))]), False)


def sdp(f):
    """doubleword 0 only; doubleword 1 is undefined: splat dw0 afterwards."""
    def op(a, b, c=0):
        v = d64(f(f64(dws(a)[0]), f64(dws(b)[0]), f64(dws(c)[0])))
        return from_dws(v, v), False
    return op


DA = dd(1.5, -2.25)
DB = dd(0.5, 4.0)
DT = dd(3.0, 10.0)
REGS.update({'DA': DA, 'DB': DB, 'DT': DT})

# v16 (vs48) starts as the c operand (the fma forms' XT input)
VSX_FP = [
    ('xsadddp', 'xsadddp vs48, vs49, vs50; xxspltd vs48, vs48, 0', sdp(lambda a, b, c: a + b), 'DA', 'DB', 'DT'),
    ('xsmuldp', 'xsmuldp vs48, vs49, vs50; xxspltd vs48, vs48, 0', sdp(lambda a, b, c: a * b), 'DA', 'DB', 'DT'),
    ('xsdivdp', 'xsdivdp vs48, vs49, vs50; xxspltd vs48, vs48, 0', sdp(lambda a, b, c: a / b), 'DA', 'DB', 'DT'),
    ('xssqrtdp', 'xssqrtdp vs48, vs50; xxspltd vs48, vs48, 0', sdp(lambda a, b, c: 0.5 ** 0.5), 'DA', 'DB', 'DT'),
    ('xsmaddadp', 'xsmaddadp vs48, vs49, vs50; xxspltd vs48, vs48, 0', sdp(lambda a, b, c: a * b + c), 'DA', 'DB', 'DT'),
    ('xsmaddmdp', 'xsmaddmdp vs48, vs49, vs50; xxspltd vs48, vs48, 0', sdp(lambda a, b, c: a * c + b), 'DA', 'DB', 'DT'),
    ('xsnmsubadp', 'xsnmsubadp vs48, vs49, vs50; xxspltd vs48, vs48, 0', sdp(lambda a, b, c: -(a * b - c)), 'DA', 'DB', 'DT'),
    ('xsmaxdp', 'xsmaxdp vs48, vs49, vs50; xxspltd vs48, vs48, 0', sdp(lambda a, b, c: max(a, b)), 'DA', 'DB', 'DT'),
    ('xvadddp', 'xvadddp vs48, vs49, vs50', vdp(lambda a, b, c: a + b), 'DA', 'DB', 'DT'),
    ('xvsubdp', 'xvsubdp vs48, vs49, vs50', vdp(lambda a, b, c: a - b), 'DA', 'DB', 'DT'),
    ('xvmuldp', 'xvmuldp vs48, vs49, vs50', vdp(lambda a, b, c: a * b), 'DA', 'DB', 'DT'),
    ('xvmaddadp', 'xvmaddadp vs48, vs49, vs50', vdp(lambda a, b, c: a * b + c), 'DA', 'DB', 'DT'),
    ('xvmaddmdp', 'xvmaddmdp vs48, vs49, vs50', vdp(lambda a, b, c: a * c + b), 'DA', 'DB', 'DT'),
    ('xvnegdp', 'xvnegdp vs48, vs50', vdp(lambda a, b, c: -b), 'DA', 'DB', 'DT'),
    ('xvcmpgtdp', 'xvcmpgtdp vs48, vs49, vs50', lambda a, b, c=0: (from_dws(*[ones(64) if f64(x) > f64(y) else 0 for x, y in zip(dws(a), dws(b))]), False), 'DA', 'DB', 'DT'),
    ('xvaddsp', 'xvaddsp vs48, vs49, vs50', fp_ew(lambda x, y, z: x + y), 'FA', 'FB', 'FC'),
    ('xvmulsp', 'xvmulsp vs48, vs49, vs50', fp_ew(lambda x, y, z: x * y), 'FA', 'FB', 'FC'),
    ('xvmaddasp', 'xvmaddasp vs48, vs49, vs50', fp_ew(lambda x, y, z: x * y + z), 'FA', 'FB', 'FC'),
    ('xscvdpsxds', 'xscvdpsxds vs48, vs50; xxspltd vs48, vs48, 0', lambda a, b, c=0: (from_dws(3, 3), False), 'DA', 'DT', 'DT'),
    ('xscvdpsxws', 'xscvdpsxws vs48, vs49; mfvsrwz r14, vs48; mtvsrwz vs48, r14; xxspltd vs48, vs48, 0',
     lambda a, b, c=0: (from_dws(1, 1), False), 'DA', 'DT', 'DT'),
    ('xscvsxddp', 'xscvsxddp vs48, vs50; xxspltd vs48, vs48, 0', lambda a, b, c=0: (dd(-7.0, -7.0), False), 'DA', 'VN', 'DT'),
    ('xscvdpsp', 'xscvdpsp vs48, vs49; xscvspdp vs48, vs48; xxspltd vs48, vs48, 0', lambda a, b, c=0: (dd(1.5, 1.5), False), 'DA', 'DB', 'DT'),
    ('xvcvsxwdp', 'xvcvsxwdp vs48, vs50', lambda a, b, c=0: (dd(float(s(to_elems(b, 32)[0], 32)), float(s(to_elems(b, 32)[2], 32))), False), 'DA', 'VA', 'DT'),
    ('xvcvdpsxws', 'xvcvdpsxws vs48, vs49; xxspltw vs48, vs48, 2', lambda a, b, c=0: (words(0xfffffffe, 0xfffffffe, 0xfffffffe, 0xfffffffe), False), 'DA', 'DA', 'DT'),
]
REGS['VN'] = from_dws(ones(64) - 6, 0)


if __name__ == '__main__':
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    emit(out + '/vmx.S', 'vmx', 'classic VMX (Altivec) instructions, as the e600 has them.', CLASSIC)
    emit(out + '/vmx207.S', 'vmx207', 'the VMX instructions ISA 2.07 (POWER8) added.', ISA207)
    emit(out + '/vsx.S', 'vsx', 'VSX loads/stores, GPR moves, logical ops, permutes and floating point.',
         VSX + VSX_FP)
