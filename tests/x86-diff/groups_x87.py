"""groups_x87.py — the x87 instruction groups of x86-diff.

Every case starts from FNINIT, a random FCW (all exceptions masked,
random rounding; precision control extended except in x87_pc) and four
values pushed so that ST(0)..ST(3) hold them and ST(4)..ST(7) are empty;
it ends with FNSAVE, of which FCW, FSW, the full tag word and every
non-empty register are compared (the instruction and operand pointers
are not). FSW's condition codes C0, C2, C3 are masked after the
instructions whose "FPU Flags Affected" paragraph leaves them undefined.
"""
import harness as H
from case import PTR, mask, rand_int
from fpvalues import rand_f32, rand_f64, rand_f80, f80

C0, C1, C2, C3 = 0x100, 0x200, 0x400, 0x4000
ARITH = ["fadd", "fsub", "fsubr", "fmul", "fdiv", "fdivr"]
COMPARE = ["fcom", "fcomp", "fucom", "fucomp"]
UNARY = ["fchs", "fabs", "fsqrt", "frndint", "fscale", "fxtract", "fprem", "fprem1",
         "fdecstp", "fincstp", "fnop", "ftst", "fxam", "fld1", "fldz", "fldpi",
         "fldl2e", "fldl2t", "fldlg2", "fldln2", "fcompp", "fucompp"]
FCMOV = ["fcmovb", "fcmove", "fcmovbe", "fcmovu", "fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"]
# condition codes each of these defines (the rest of C0 C2 C3 is masked)
DEFINES_CC = {"fcom": C0 | C2 | C3, "fcomp": C0 | C2 | C3, "fucom": C0 | C2 | C3,
              "fucomp": C0 | C2 | C3, "fcompp": C0 | C2 | C3, "fucompp": C0 | C2 | C3,
              "ficom": C0 | C2 | C3, "ficomp": C0 | C2 | C3, "ftst": C0 | C2 | C3,
              "fxam": C0 | C2 | C3, "fprem": C0 | C2 | C3, "fprem1": C0 | C2 | C3,
              "fcomi": C0 | C2 | C3, "fcomip": C0 | C2 | C3, "fucomi": C0 | C2 | C3,
              "fucomip": C0 | C2 | C3,      # FCOMI leaves C0 C2 C3 unaffected
              "fsin": C2, "fcos": C2, "fsincos": C2, "fptan": C2,
              "fnclex": C0 | C2 | C3}


def random_fcw(rng, vary_precision=False):
    pc = 3
    if vary_precision:
        pc = rng.choice((0, 2, 3))
    return 0x7F | 0x40 | (pc << 8) | (rng.randrange(4) << 10)


def bcd80(rng):
    digits = rng.randrange(0, 19)
    v = 0
    for i in range(digits):
        v |= rng.randrange(10) << (4 * i)
    return v | (rng.getrandbits(1) << 79)


def mem_float(c, bits, moderate=False):
    rng = c.rng
    text, off = c.mem_operand(bits)
    if bits == 32:
        v = rand_f32(rng)
    elif bits == 64:
        v = rand_f64(rng)
    else:
        v = rand_f80(rng, moderate)
    c.set_mem(off, bits // 8, v)
    return text, off


def mem_int(c, bits):
    text, off = c.mem_operand(bits)
    c.set_mem(off, bits // 8, rand_int(c.rng, bits))
    return text, off


def sti(c, lo=0):
    """ST(i), mostly a loaded register, sometimes an empty one."""
    return "st(%d)" % c.rng.choice([lo, 1, 2, 3, 3, 4][lo:] or [lo])


def setup(c, vary_precision=False, moderate=False):
    c.fcw = random_fcw(c.rng, vary_precision)
    c.st = [rand_f80(c.rng, moderate) for _ in range(H.X87_LOADED)]


def finish(c, op):
    defined = DEFINES_CC.get(op, 0)
    c.ignore_bits("fsw", (C0 | C2 | C3) & ~defined)


def gen_x87(c):
    rng = c.rng
    setup(c)
    kind = rng.choice(["arith"] * 4 + ["load"] * 2 + ["store"] * 2 + ["compare"] * 2 +
                      ["unary"] * 2 + ["fcmov", "fcomi", "control"])
    if kind == "arith":
        op = rng.choice(ARITH)
        form = rng.choice(["st0,sti", "sti,st0", "p", "m32", "m64", "i16", "i32"])
        if form == "st0,sti":
            text = "%s st, %s" % (op, sti(c))
        elif form == "sti,st0":
            text = "%s %s, st" % (op, sti(c))
        elif form == "p":
            text = "%sp %s, st" % (op, sti(c, 1))
        elif form[0] == "m":
            text = "%s %s" % (op, mem_float(c, int(form[1:]))[0])
        else:
            text = "fi%s %s" % (op[1:], mem_int(c, int(form[1:]))[0])
        c.body, c.form = [text], "%s %s" % (op, form)
        finish(c, op)
    elif kind == "load":
        form = rng.choice(["m32", "m64", "m80", "i16", "i32", "i64", "sti", "bcd"])
        if form == "sti":
            text = "fld %s" % sti(c)
        elif form == "bcd":
            t, off = c.mem_operand(80)
            c.set_mem(off, 10, bcd80(rng))
            text = "fbld %s" % t
        elif form[0] == "m":
            text = "fld %s" % mem_float(c, int(form[1:]))[0]
        else:
            text = "fild %s" % mem_int(c, int(form[1:]))[0]
        c.body, c.form = [text], "fld %s" % form
        finish(c, "fld")
    elif kind == "store":
        form = rng.choice(["fst m32", "fst m64", "fstp m32", "fstp m64", "fstp m80",
                           "fist m16", "fist m32", "fistp m16", "fistp m32", "fistp m64",
                           "fisttp m16", "fisttp m32", "fisttp m64", "fbstp m80",
                           "fst sti", "fstp sti"])
        op, where = form.split()
        if where == "sti":
            text = "%s %s" % (op, sti(c))
        else:
            t, off = c.mem_operand(int(where[1:]))
            text = "%s %s" % (op, t)
        c.body, c.form = [text], form
        finish(c, op)
    elif kind == "compare":
        op = rng.choice(COMPARE + ["ficom", "ficomp"])
        if op.startswith("fi"):
            bits = rng.choice((16, 32))
            text = "%s %s" % (op, mem_int(c, bits)[0])
            form = "%s m%d" % (op, bits)
        elif rng.random() < 0.4 and not op.startswith("fu"):
            bits = rng.choice((32, 64))
            text = "%s %s" % (op, mem_float(c, bits)[0])
            form = "%s m%d" % (op, bits)
        else:
            text = "%s %s" % (op, sti(c))
            form = "%s sti" % op
        c.body, c.form = [text], form
        finish(c, op)
    elif kind == "unary":
        op = rng.choice(UNARY + ["fxch", "ffree"])
        if op in ("fxch", "ffree"):
            c.body = ["%s %s" % (op, sti(c))]
        else:
            c.body = [op]
        if op == "fscale" and rng.random() < 0.7:
            c.st[1] = f80(rng.getrandbits(1), 16383 + rng.randrange(0, 8), rng.getrandbits(64) | (1 << 63))
        c.form = op
        finish(c, op)
    elif kind == "fcmov":
        op = rng.choice(FCMOV)
        c.body, c.form = ["%s st, %s" % (op, sti(c))], op
        finish(c, op)
    elif kind == "fcomi":
        op = rng.choice(["fcomi", "fcomip", "fucomi", "fucomip"])
        c.body, c.form = ["%s st, %s" % (op, sti(c))], op
        finish(c, op)
    else:
        op = rng.choice(["fldcw", "fnstcw", "fnstsw ax", "fnstsw m16", "fnclex", "fnstenv"])
        if op == "fldcw":
            t, off = c.mem_operand(16)
            c.set_mem(off, 2, random_fcw(rng))
            c.body = ["fldcw %s" % t, "fadd st, st(1)"]
        elif op == "fnstcw":
            c.body = ["fnstcw %s" % c.mem_operand(16)[0]]
        elif op == "fnstsw ax":
            c.claim(0)
            c.body = ["fnstsw ax"]
            c.ignore_bits(c.arch.gprs[0], C0 | C2 | C3)
        elif op == "fnstsw m16":
            t, off = c.mem_operand(16)
            c.body = ["fnstsw %s" % t]
            ignore_mem_bits(c, off, C0 | C2 | C3, 2)
        elif op == "fnstenv":
            t, off = c.mem_operand(0, span=28)
            c.body = ["fnstenv %s" % t.strip()]
            # FIP, FCS/FOP, FDP, FDS and the reserved upper halves
            for k, n in ((2, 2), (6, 2), (10, 2), (12, 16)):
                ignore_mem_bits(c, off + k, mask(8 * n), n)
            ignore_mem_bits(c, off + 4, C0 | C2 | C3, 2)   # the stored FSW
        else:
            c.body = [op]
        c.form = op
        finish(c, op.split()[0])


def ignore_mem_bits(c, off, value_mask, nbytes):
    for k in range(nbytes):
        byte_mask = (value_mask >> (8 * k)) & 0xFF
        if byte_mask:
            pos = off + k
            chunk = (pos // 16) * 16
            c.ignore_bits("mem+%d" % chunk, byte_mask << (8 * (pos - chunk)))


def gen_x87_pc(c):
    """Arithmetic under single and double precision control."""
    rng = c.rng
    setup(c, vary_precision=True)
    op = rng.choice(ARITH + ["fsqrt", "frndint", "fld m80", "fild m64"])
    if op == "fsqrt" or op == "frndint":
        c.body = [op]
    elif op == "fld m80":
        c.body = ["fld %s" % mem_float(c, 80)[0], "fadd st, st(1)"]
    elif op == "fild m64":
        c.body = ["fild %s" % mem_int(c, 64)[0], "fmul st, st(2)"]
    else:
        c.body = ["%s st, st(%d)" % (op, rng.randrange(1, 4))]
    c.form = "%s pc=%d" % (op, (c.fcw >> 8) & 3)
    finish(c, op)


def gen_x87_trans(c):
    """Transcendentals on moderate inputs (the host's microcode is the
    oracle: morph must match it bit for bit)."""
    rng = c.rng
    setup(c, moderate=True)
    op = rng.choice(["fsin", "fcos", "fsincos", "fptan", "fpatan", "fyl2x", "fyl2xp1", "f2xm1"])
    s = rng.getrandbits(1)
    top = 1 << 63
    if op in ("fsin", "fcos", "fsincos", "fptan"):
        c.st[0] = f80(s, 16383 + rng.randrange(-30, 66), top | rng.getrandbits(63))
    elif op == "f2xm1":
        c.st[0] = f80(s, 16383 - rng.randrange(1, 40), top | rng.getrandbits(63))
    elif op == "fyl2xp1":
        c.st[0] = f80(s, 16383 - rng.randrange(2, 40), top | rng.getrandbits(63))
    elif op == "fyl2x":
        c.st[0] = f80(0, 16383 + rng.randrange(-60, 60), top | rng.getrandbits(63))
    c.body, c.form = [op], op
    finish(c, op)


BOTH = ("x86_64", "i386")
# name          guests  state  cases  builder
GROUPS = [
    ("x87",       BOTH,   "x87", 5000, gen_x87),
    ("x87_pc",    BOTH,   "x87", 800,  gen_x87_pc),
    ("x87_trans", BOTH,   "x87", 1200, gen_x87_trans),
]
