"""groups_flags.py — the flagseq group of x86-diff: short random sequences
of register-only instructions that write and read EFLAGS, so that a flag
must survive, be recomputed or be read between instructions (lazy flags,
flag-liveness elimination, fused compare-and-branch):

    add ecx, edx ; shl eax, 0 ; inc ebx ; adc ecx, 5 ; setbe al

Each instruction model gives the status flags it defines (W), leaves
undefined (X) and reads (R). Walking the sequence keeps U, the flags
undefined so far: U = (U - W) | X. An instruction that reads a flag in U
is never chosen (its result would be undefined too), and U at the end is
what the comparison masks.
"""
import harness as H
from case import rand_int, REG8_64, REG16, REG32, REG64

CF, PF, AF, ZF, SF, OF = H.CF, H.PF, H.AF, H.ZF, H.SF, H.OF
ARITH = CF | PF | AF | ZF | SF | OF
CONDITION_READS = {
    "o": OF, "no": OF, "b": CF, "ae": CF, "e": ZF, "ne": ZF, "be": CF | ZF, "a": CF | ZF,
    "s": SF, "ns": SF, "p": PF, "np": PF, "l": SF | OF, "ge": SF | OF,
    "le": ZF | SF | OF, "g": ZF | SF | OF,
}


class Seq:
    """The registers a sequence works on and the text it has so far."""

    def __init__(self, c):
        self.c = c
        a = c.arch
        n = len(a.gprs)
        low = [0, 1, 2, 3]                      # have 8-bit names on i386 too
        high = [i for i in range(4, n) if i != 4]
        c.rng.shuffle(low)
        c.rng.shuffle(high)
        self.regs = low[:2] + high[:1] + low[2:3]
        for i in self.regs:
            c.claim(i)

    def reg(self, bits):
        rng, a = self.c.rng, self.c.arch
        choices = self.regs
        if bits == 8 and not a.is64:
            choices = [i for i in self.regs if i < 4]
        i = rng.choice(choices)
        return {8: REG8_64, 16: REG16, 32: REG32, 64: REG64}[bits][i]

    def size(self, with8=True):
        s = [8, 16, 32] if with8 else [16, 32]
        if self.c.arch.is64:
            s.append(64)
        return self.c.rng.choice(s)


def imm(c, bits):
    v = rand_int(c.rng, min(bits, 32))
    top = 1 << (min(bits, 32) - 1)
    return v - 2 * top if v & top else v


# Each model: (seq, undefined-so-far) -> (lines, W, X, R).
def m_alu(s, U):
    c = s.c
    op = c.rng.choice(["add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test"])
    bits = s.size()
    d, src = s.reg(bits), s.reg(bits)
    if c.rng.random() < 0.4:
        src = str(imm(c, bits))
    R = CF if op in ("adc", "sbb") else 0
    if op in ("and", "or", "xor", "test"):
        return ["%s %s, %s" % (op, d, src)], ARITH & ~AF, AF, R
    return ["%s %s, %s" % (op, d, src)], ARITH, 0, R


def m_incdec(s, U):
    op = s.c.rng.choice(["inc", "dec", "neg", "not"])
    bits = s.size()
    d = s.reg(bits)
    W = {"inc": ARITH & ~CF, "dec": ARITH & ~CF, "neg": ARITH, "not": 0}[op]
    return ["%s %s" % (op, d)], W, 0, 0


def m_shift(s, U):
    c = s.c
    op = c.rng.choice(["shl", "shr", "sar", "rol", "ror", "rcl", "rcr"])
    bits = s.size()
    d = s.reg(bits)
    count = c.rng.choice([0, 0, 1, 1, c.rng.randrange(0, bits + 2), c.rng.randrange(0, 256)])
    masked = count & (0x3F if bits == 64 else 0x1F)
    R = CF if op in ("rcl", "rcr") else 0
    line = ["%s %s, %d" % (op, d, count)]
    if masked == 0:
        return line, 0, 0, R
    of_w, of_x = (OF, 0) if masked == 1 else (0, OF)
    if op in ("shl", "shr", "sar"):
        cf_w, cf_x = (0, CF) if op != "sar" and masked >= bits else (CF, 0)
        return line, cf_w | of_w | SF | ZF | PF, cf_x | of_x | AF, R
    return line, CF | of_w, of_x, R


def m_double_shift(s, U):
    c = s.c
    op = c.rng.choice(["shld", "shrd"])
    bits = s.size(with8=False)
    d, src = s.reg(bits), s.reg(bits)
    count = c.rng.randrange(0, min(bits, 16) + 1 if bits == 16 else 2 * bits)
    masked = count & (0x3F if bits == 64 else 0x1F)
    line = ["%s %s, %s, %d" % (op, d, src, count)]
    if masked == 0:
        return line, 0, 0, 0
    of_w, of_x = (OF, 0) if masked == 1 else (0, OF)
    return line, CF | of_w | SF | ZF | PF, of_x | AF, 0


def m_bt(s, U):
    c = s.c
    op = c.rng.choice(["bt", "bts", "btr", "btc"])
    bits = s.size(with8=False)
    d = s.reg(bits)
    src = str(c.rng.randrange(0, 256)) if c.rng.random() < 0.5 else s.reg(bits)
    return ["%s %s, %s" % (op, d, src)], CF, OF | SF | AF | PF, 0


def m_carry(s, U):
    op = s.c.rng.choice(["clc", "stc", "cmc"])
    return [op], CF, 0, CF if op == "cmc" else 0


def m_count(s, U):
    op = s.c.rng.choice(["popcnt", "lzcnt", "tzcnt"])
    bits = s.size(with8=False)
    line = ["%s %s, %s" % (op, s.reg(bits), s.reg(bits))]
    if op == "popcnt":
        return line, ARITH, 0, 0
    return line, CF | ZF, OF | SF | AF | PF, 0


def m_mul(s, U):
    c = s.c
    bits = s.size(with8=False)
    d, src = s.reg(bits), s.reg(bits)
    if c.rng.random() < 0.5:
        line = ["imul %s, %s" % (d, src)]
    else:
        line = ["imul %s, %s, %d" % (d, src, imm(c, bits))]
    return line, CF | OF, SF | ZF | AF | PF, 0


def m_move(s, U):
    c = s.c
    bits = s.size(with8=False)
    d, src = s.reg(bits), s.reg(bits)
    op = c.rng.choice(["mov", "xchg", "lea"])
    if op == "lea":
        return ["lea %s, [%s + %d]" % (d, s.reg(c.arch.w * 8), imm(c, 8))], 0, 0, 0
    return ["%s %s, %s" % (op, d, src)], 0, 0, 0


def m_sahf(s, U):
    if s.c.rng.random() < 0.5:
        return ["sahf"], SF | ZF | AF | PF | CF, 0, 0
    return ["lahf"], 0, 0, SF | ZF | AF | PF | CF


def m_setcc(s, U):
    c = s.c
    cc = c.rng.choice(sorted(CONDITION_READS))
    R = CONDITION_READS[cc]
    kind = c.rng.choice(["set", "cmov", "j"])
    if kind == "set":
        return ["set%s %s" % (cc, s.reg(8))], 0, 0, R
    if kind == "cmov":
        bits = s.size(with8=False)
        return ["cmov%s %s, %s" % (cc, s.reg(bits), s.reg(bits))], 0, 0, R
    r = s.reg(c.arch.w * 8)
    return ["j%s 1f" % cc, "lea %s, [%s + 1]" % (r, r), "1:"], 0, 0, R


MODELS = [m_alu] * 4 + [m_incdec] * 2 + [m_shift] * 3 + [m_double_shift, m_bt, m_carry,
                                                         m_count, m_mul, m_move, m_sahf] + [m_setcc] * 4


def gen_flagseq(c):
    rng = c.rng
    s = Seq(c)
    # registers: small values and boundaries matter most for flags
    for i in s.regs:
        c.gpr[c.arch.gprs[i]] = rand_int(rng, c.arch.w * 8)
    U = 0
    lines, names = [], []
    length = rng.randrange(2, 6)
    tries = 0
    while len(names) < length and tries < 50:
        tries += 1
        text, W, X, R = rng.choice(MODELS)(s, U)
        if R & U:
            continue
        U = (U & ~W) | X
        lines += text
        names.append(text[0].split()[0])
    c.body = lines
    c.form = " ; ".join(names)
    c.flags_undefined = U


GROUPS = [
    # name      guests               state  cases  builder
    ("flagseq", ("x86_64", "i386"), "",    4000, gen_flagseq),
]
