"""groups_sse.py — the SSE instruction groups of x86-diff (legacy, non-VEX
encodings only: SSE to SSE4.2). Each row of the tables below is one
instruction form:

    (mnemonic, operands, lane kind, immediate bound)

operands, Intel order, one token each:
    X      an XMM register (the destination when first)
    XM128  an XMM register or a 16-byte aligned memory operand
    XM64 XM32 XM16   an XMM register or memory of that many bits
    M64 M32          memory only
    R32 R64          a general register
    RM8 RM16 RM32 RM64  a general register or memory
    I8     an immediate below the row's bound
    X0     XMM0, the implicit mask of blendv* / pblendvb
    P      an MMX register (groups_mmx.py); PM64 PM32: MMX register or memory
lane kind: how register and memory inputs are drawn (f32, f64, i8..i64,
or "str" for the string compares). Rows with 64-bit general operands
exist on x86-64 only. MXCSR starts with every exception masked and a
random rounding mode, DAZ, FTZ and sticky flags; it is compared after.
"""
import harness as H
from case import PTR, mask, rand_int
from fpvalues import lanes, related

ZF, PF, CF, AF, SF, OF = H.ZF, H.PF, H.CF, H.AF, H.SF, H.OF

FLOAT_ROWS = []
for op in ("add", "sub", "mul", "div", "min", "max", "sqrt"):
    FLOAT_ROWS += [(op + "ps", "X XM128", "f32", 0), (op + "pd", "X XM128", "f64", 0),
                   (op + "ss", "X XM32", "f32", 0), (op + "sd", "X XM64", "f64", 0)]
FLOAT_ROWS += [
    ("cmpps", "X XM128 I8", "f32", 8), ("cmppd", "X XM128 I8", "f64", 8),
    ("cmpss", "X XM32 I8", "f32", 8), ("cmpsd", "X XM64 I8", "f64", 8),
    ("comiss", "X XM32", "f32", 0), ("ucomiss", "X XM32", "f32", 0),
    ("comisd", "X XM64", "f64", 0), ("ucomisd", "X XM64", "f64", 0),
    ("andps", "X XM128", "f32", 0), ("andnps", "X XM128", "f32", 0),
    ("orps", "X XM128", "f32", 0), ("xorps", "X XM128", "f32", 0),
    ("andpd", "X XM128", "f64", 0), ("xorpd", "X XM128", "f64", 0),
    ("shufps", "X XM128 I8", "f32", 256), ("shufpd", "X XM128 I8", "f64", 4),
    ("unpcklps", "X XM128", "f32", 0), ("unpckhps", "X XM128", "f32", 0),
    ("unpcklpd", "X XM128", "f64", 0), ("unpckhpd", "X XM128", "f64", 0),
    ("movss", "X X", "f32", 0), ("movss", "X M32", "f32", 0), ("movss", "M32 X", "f32", 0),
    ("movsd", "X X", "f64", 0), ("movsd", "X M64", "f64", 0), ("movsd", "M64 X", "f64", 0),
    ("movhlps", "X X", "f32", 0), ("movlhps", "X X", "f32", 0),
    ("movlps", "X M64", "f32", 0), ("movhps", "X M64", "f32", 0),
    ("movlps", "M64 X", "f32", 0), ("movhps", "M64 X", "f32", 0),
    ("movaps", "X XM128", "f32", 0), ("movups", "M128U X", "f32", 0),
    ("movmskps", "R32 X", "f32", 0), ("movmskpd", "R32 X", "f64", 0),
    ("cvtss2sd", "X XM32", "f32", 0), ("cvtsd2ss", "X XM64", "f64", 0),
    ("cvtps2pd", "X XM64", "f32", 0), ("cvtpd2ps", "X XM128", "f64", 0),
    ("cvtdq2ps", "X XM128", "i32", 0), ("cvtps2dq", "X XM128", "f32", 0),
    ("cvttps2dq", "X XM128", "f32", 0), ("cvtdq2pd", "X XM64", "i32", 0),
    ("cvtpd2dq", "X XM128", "f64", 0), ("cvttpd2dq", "X XM128", "f64", 0),
    ("cvtsi2ss", "X RM32", "f32", 0), ("cvtsi2sd", "X RM32", "f64", 0),
    ("cvtsi2ss", "X RM64", "f32", 0), ("cvtsi2sd", "X RM64", "f64", 0),
    ("cvtss2si", "R32 XM32", "f32", 0), ("cvttss2si", "R32 XM32", "f32", 0),
    ("cvtsd2si", "R32 XM64", "f64", 0), ("cvttsd2si", "R32 XM64", "f64", 0),
    ("cvtss2si", "R64 XM32", "f32", 0), ("cvttss2si", "R64 XM32", "f32", 0),
    ("cvtsd2si", "R64 XM64", "f64", 0), ("cvttsd2si", "R64 XM64", "f64", 0),
    ("rcpps", "X XM128", "f32", 0), ("rsqrtps", "X XM128", "f32", 0),
    ("rcpss", "X XM32", "f32", 0), ("rsqrtss", "X XM32", "f32", 0),
    # SSE3
    ("addsubps", "X XM128", "f32", 0), ("addsubpd", "X XM128", "f64", 0),
    ("haddps", "X XM128", "f32", 0), ("haddpd", "X XM128", "f64", 0),
    ("hsubps", "X XM128", "f32", 0), ("hsubpd", "X XM128", "f64", 0),
    ("movshdup", "X XM128", "f32", 0), ("movsldup", "X XM128", "f32", 0),
    ("movddup", "X XM64", "f64", 0),
    # SSE4.1
    ("roundps", "X XM128 I8", "f32", 16), ("roundpd", "X XM128 I8", "f64", 16),
    ("roundss", "X XM32 I8", "f32", 16), ("roundsd", "X XM64 I8", "f64", 16),
    ("dpps", "X XM128 I8", "f32", 256), ("dppd", "X XM128 I8", "f64", 256),
    ("blendps", "X XM128 I8", "f32", 16), ("blendpd", "X XM128 I8", "f64", 4),
    ("blendvps", "X XM128 X0", "f32", 0), ("blendvpd", "X XM128 X0", "f64", 0),
    ("insertps", "X XM32 I8", "f32", 256), ("extractps", "RM32 X I8", "f32", 4),
]

INT_ROWS = []
for op, kinds in (("padd", "bwdq"), ("psub", "bwdq"), ("padds", "bw"), ("paddus", "bw"),
                  ("psubs", "bw"), ("psubus", "bw"), ("pcmpeq", "bwdq"), ("pcmpgt", "bwdq"),
                  ("pavg", "bw"), ("pabs", "bwd"), ("psign", "bwd"),
                  ("pmins", "bwd"), ("pmaxs", "bwd"), ("pminu", "bwd"), ("pmaxu", "bwd")):
    for k in kinds:
        INT_ROWS.append((op + k, "X XM128", "i" + str({"b": 8, "w": 16, "d": 32, "q": 64}[k]), 0))
INT_ROWS += [
    ("pmullw", "X XM128", "i16", 0), ("pmulhw", "X XM128", "i16", 0),
    ("pmulhuw", "X XM128", "i16", 0), ("pmuludq", "X XM128", "i32", 0),
    ("pmulld", "X XM128", "i32", 0), ("pmuldq", "X XM128", "i32", 0),
    ("pmaddwd", "X XM128", "i16", 0), ("pmaddubsw", "X XM128", "i8", 0),
    ("pmulhrsw", "X XM128", "i16", 0), ("psadbw", "X XM128", "i8", 0),
    ("mpsadbw", "X XM128 I8", "i8", 8),
    ("phaddw", "X XM128", "i16", 0), ("phaddd", "X XM128", "i32", 0),
    ("phaddsw", "X XM128", "i16", 0), ("phsubw", "X XM128", "i16", 0),
    ("phsubd", "X XM128", "i32", 0), ("phsubsw", "X XM128", "i16", 0),
    ("phminposuw", "X XM128", "i16", 0),
    ("pand", "X XM128", "i64", 0), ("pandn", "X XM128", "i64", 0),
    ("por", "X XM128", "i64", 0), ("pxor", "X XM128", "i64", 0),
    ("ptest", "X XM128", "i64", 0),
    ("pshufb", "X XM128", "i8", 0), ("palignr", "X XM128 I8", "i8", 40),
    ("pshufd", "X XM128 I8", "i32", 256), ("pshufhw", "X XM128 I8", "i16", 256),
    ("pshuflw", "X XM128 I8", "i16", 256),
    ("pslldq", "X I8", "i8", 20), ("psrldq", "X I8", "i8", 20),
    ("pblendw", "X XM128 I8", "i16", 256), ("pblendvb", "X XM128 X0", "i8", 0),
    ("packsswb", "X XM128", "i16", 0), ("packssdw", "X XM128", "i32", 0),
    ("packuswb", "X XM128", "i16", 0), ("packusdw", "X XM128", "i32", 0),
    ("pmovmskb", "R32 X", "i8", 0),
    ("pextrb", "RM8 X I8", "i8", 16), ("pextrw", "R32 X I8", "i16", 8),
    ("pextrd", "RM32 X I8", "i32", 4), ("pextrq", "RM64 X I8", "i64", 2),
    ("pinsrb", "X RM8 I8", "i8", 16), ("pinsrw", "X RM16 I8", "i16", 8),
    ("pinsrd", "X RM32 I8", "i32", 4), ("pinsrq", "X RM64 I8", "i64", 2),
    ("movd", "X RM32", "i32", 0), ("movd", "RM32 X", "i32", 0),
    ("movq", "X RM64", "i64", 0), ("movq", "RM64 X", "i64", 0),
    ("movq", "X XM64", "i64", 0), ("movq", "M64 X", "i64", 0),
    ("movdqa", "X XM128", "i64", 0), ("movdqu", "X M128U", "i64", 0),
    ("movdqu", "M128U X", "i64", 0), ("lddqu", "X M128U", "i64", 0),
]
for w, n in (("w", 4), ("d", 3), ("q", 2)):
    for op in ("psll", "psrl", "psra"):
        if op == "psra" and w == "q":
            continue
        INT_ROWS += [(op + w, "X XM128", "count", 0), (op + w, "X I8", "i" + str(8 << n), 80)]
for src, dst, half in (("b", "w", 64), ("b", "d", 32), ("b", "q", 16),
                       ("w", "d", 64), ("w", "q", 32), ("d", "q", 64)):
    for sx in ("sx", "zx"):
        INT_ROWS.append(("pmov%s%s%s" % (sx, src, dst), "X XM%d" % half,
                         "i" + str({"b": 8, "w": 16, "d": 32}[src]), 0))
for u in ("unpckl", "unpckh"):
    for k, kind in (("bw", "i8"), ("wd", "i16"), ("dq", "i32"), ("qdq", "i64")):
        INT_ROWS.append(("p%s%s" % (u, k), "X XM128", kind, 0))

STR_ROWS = [(op, "X XM128 I8", "str", 128)
            for op in ("pcmpestri", "pcmpestrm", "pcmpistri", "pcmpistrm")]

# comiss/ucomiss/comisd/ucomisd, ptest and pcmp?str? define every status
# flag they write (the others are cleared), so nothing is masked.


def string_value(rng, elem_bits, with_nul):
    """A 16-byte string from a small alphabet, maybe NUL-terminated."""
    n = 128 // elem_bits
    alphabet = [rng.randrange(1, 1 << elem_bits) for _ in range(rng.choice((2, 3, 5)))]
    v = 0
    for i in range(n):
        v |= rng.choice(alphabet) << (elem_bits * i)
    if with_nul and rng.random() < 0.7:
        cut = rng.randrange(0, n + 1)
        if cut < n:
            v &= ~(mask(elem_bits) << (elem_bits * cut))
    return v


def value_for(c, kind, prev):
    rng = c.rng
    if kind == "count64":
        return rng.choice((rng.randrange(0, 70), rng.getrandbits(64), 1 << rng.randrange(64)))
    if kind == "count":
        return rng.choice((rng.randrange(0, 70), rng.getrandbits(64), 1 << rng.randrange(64))) | \
            (rng.getrandbits(64) << 64)
    if kind == "str":
        return string_value(rng, c.str_bits, True)
    if prev is not None and rng.random() < 0.6:
        return related(rng, prev, kind)
    return lanes(rng, kind)


def build_row(c, row):
    rng = c.rng
    mnem, ops, kind, bound = row
    a = c.arch
    texts = []
    prev = None
    used_x = set()
    for tok in ops.split():
        if tok == "X0":
            texts.append("xmm0")
            c.xmm[0] = lanes(rng, "i8" if kind.startswith("i") else kind)
            continue
        if tok == "I8":
            texts.append(str(rng.randrange(0, bound)))
            continue
        mem = False
        if tok.startswith("M"):
            mem = True
        elif tok.startswith("XM") or tok.startswith("RM") or tok.startswith("PM"):
            mem = rng.random() < 0.35
        bits = int("".join(ch for ch in tok if ch.isdigit()) or (64 if tok[0] == "P" else 128))
        if tok.startswith("P") and not mem:
            value = value_for(c, kind, prev) & mask(64)
            prev = value
            i = rng.randrange(8)
            c.mm[i] = value
            texts.append("mm%d" % i)
            continue
        if tok.startswith("R"):
            if mem:
                text, off = c.mem_operand(bits)
                c.set_mem(off, bits // 8, rand_int(rng, bits))
            else:
                # pextrb/pinsrb/pinsrw name a 32-bit register
                r = c.free_reg(max(bits, 32))
                c.set_reg(r, rand_int(rng, max(bits, 32)))
                text = c.rname(r)
            texts.append(text)
            continue
        value = value_for(c, kind, prev)
        prev = value
        if mem:
            align = 16 if bits == 128 and tok != "M128U" else 1
            text, off = c.mem_operand(bits, align=align)
            c.set_mem(off, bits // 8, value)
            texts.append(text)
        else:
            i = rng.randrange(a.nxmm)
            if used_x and rng.random() < 0.7:
                while i in used_x:
                    i = rng.randrange(a.nxmm)
            if used_x and i not in used_x or not used_x:
                c.xmm[i] = value
            used_x.add(i)
            texts.append("xmm%d" % i)
    c.body = ["%s %s" % (mnem, ", ".join(texts))]
    c.form = "%s %s" % (mnem, ops.lower().replace(" ", ","))


def random_mxcsr(rng):
    m = H.MXCSR_DEFAULT | (rng.randrange(4) << 13)
    if rng.random() < 0.2:
        m |= 1 << 15                  # FTZ
    if rng.random() < 0.2:
        m |= 1 << 6                   # DAZ
    if rng.random() < 0.3:
        m |= rng.getrandbits(6)       # sticky flags already set
    return m


def rows_for(c, rows):
    if c.arch.is64:
        return rows
    return [r for r in rows if not {"R64", "RM64"} & set(r[1].split())]


def gen_table(rows):
    def gen(c):
        rng = c.rng
        c.mxcsr = random_mxcsr(rng)
        row = rng.choice(rows_for(c, rows))
        c.str_bits = 8
        if row[2] == "str":
            imm = rng.randrange(0, 128)
            c.str_bits = 16 if imm & 1 else 8
            build_row(c, row)
            # the explicit-length forms: lengths in eax/edx, sometimes out of range
            if row[0].startswith("pcmpe"):
                for reg in (0, 2):
                    n = rng.choice((rng.randrange(-20, 21), rand_int(rng, 32), rng.randrange(0, 17)))
                    c.gpr[c.arch.gprs[reg]] = n & mask(c.arch.w * 8)
            c.body = [c.body[0].rsplit(",", 1)[0] + ", %d" % imm]
            return
        build_row(c, row)
    return gen


def gen_strcmp(c):
    # rax/rdx are the explicit lengths and rcx the index result: keep them
    # out of the memory operand's registers
    c.claim(0)
    c.claim(1)
    c.claim(2)
    gen_table(STR_ROWS)(c)
    c.used.discard(0)
    c.used.discard(2)


BOTH = ("x86_64", "i386")
# name         guests  state  cases  builder
GROUPS = [
    ("sse_float", BOTH, "sse", 6000, gen_table(FLOAT_ROWS)),
    ("sse_int",   BOTH, "sse", 6000, gen_table(INT_ROWS)),
    ("sse_str",   BOTH, "sse", 1500, gen_strcmp),
]
