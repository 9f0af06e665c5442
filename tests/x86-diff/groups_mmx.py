"""groups_mmx.py — the mmx group of x86-diff: MMX, the SSE additions to
MMX and the SSSE3 forms on MMX registers, and the conversions between
MMX and XMM registers. The rows use groups_sse.py's operand tokens (P is
an MMX register, PM64/PM32 an MMX register or memory).

MMX registers alias the x87 significands and FNINIT leaves them as they
were, so every case first loads mm0..mm7 from the data area (MM_PRELOAD)
with MOVQ; the FNSAVE at the end then shows them as ST(0)..ST(7) (an MMX
instruction sets TOP to 0 and every tag to valid), compared in full.
"""
import harness as H
from groups_sse import build_row, random_mxcsr, rows_for

MM_PRELOAD = 64              # mm0..mm7 come from data bytes 64..127

ROWS = []
for op, kinds in (("padd", "bwdq"), ("psub", "bwdq"), ("padds", "bw"), ("paddus", "bw"),
                  ("psubs", "bw"), ("psubus", "bw"), ("pcmpeq", "bwd"), ("pcmpgt", "bwd"),
                  ("pavg", "bw"), ("pabs", "bwd"), ("psign", "bwd"), ("phadd", "wd"),
                  ("phsub", "wd")):
    for k in kinds:
        ROWS.append((op + k, "P PM64", "i" + str({"b": 8, "w": 16, "d": 32, "q": 64}[k]), 0))
ROWS += [
    ("pmullw", "P PM64", "i16", 0), ("pmulhw", "P PM64", "i16", 0),
    ("pmulhuw", "P PM64", "i16", 0), ("pmuludq", "P PM64", "i32", 0),
    ("pmaddwd", "P PM64", "i16", 0), ("pmaddubsw", "P PM64", "i8", 0),
    ("pmulhrsw", "P PM64", "i16", 0), ("psadbw", "P PM64", "i8", 0),
    ("pminub", "P PM64", "i8", 0), ("pmaxub", "P PM64", "i8", 0),
    ("pminsw", "P PM64", "i16", 0), ("pmaxsw", "P PM64", "i16", 0),
    ("phaddsw", "P PM64", "i16", 0), ("phsubsw", "P PM64", "i16", 0),
    ("pand", "P PM64", "i64", 0), ("pandn", "P PM64", "i64", 0),
    ("por", "P PM64", "i64", 0), ("pxor", "P PM64", "i64", 0),
    ("pshufb", "P PM64", "i8", 0), ("palignr", "P PM64 I8", "i8", 20),
    ("pshufw", "P PM64 I8", "i16", 256),
    ("packsswb", "P PM64", "i16", 0), ("packssdw", "P PM64", "i32", 0),
    ("packuswb", "P PM64", "i16", 0),
    ("punpcklbw", "P PM32", "i8", 0), ("punpcklwd", "P PM32", "i16", 0),
    ("punpckldq", "P PM32", "i32", 0), ("punpckhbw", "P PM64", "i8", 0),
    ("punpckhwd", "P PM64", "i16", 0), ("punpckhdq", "P PM64", "i32", 0),
    ("pmovmskb", "R32 P", "i8", 0), ("pextrw", "R32 P I8", "i16", 4),
    ("pinsrw", "P RM16 I8", "i16", 4),
    ("movd", "P RM32", "i32", 0), ("movd", "RM32 P", "i32", 0),
    ("movq", "P RM64", "i64", 0), ("movq", "RM64 P", "i64", 0),
    ("movq", "P PM64", "i64", 0), ("movq", "M64 P", "i64", 0),
    ("movq2dq", "X P", "i64", 0), ("movdq2q", "P X", "i64", 0),
    ("cvtpi2ps", "X PM64", "i32", 0), ("cvtps2pi", "P XM64", "f32", 0),
    ("cvttps2pi", "P XM64", "f32", 0), ("cvtpi2pd", "X PM64", "i32", 0),
    ("cvtpd2pi", "P XM128", "f64", 0), ("cvttpd2pi", "P XM128", "f64", 0),
]
for w in ("w", "d", "q"):
    for op in ("psll", "psrl", "psra"):
        if op == "psra" and w == "q":
            continue
        ROWS += [(op + w, "P PM64", "count64", 0), (op + w, "P I8", "i16", 80)]


def gen_mmx(c):
    rng = c.rng
    c.mxcsr = random_mxcsr(rng)
    c.mm = [rng.getrandbits(64) for _ in range(8)]
    build_row(c, rng.choice(rows_for(c, ROWS)))
    for i, v in enumerate(c.mm):
        c.set_mem(MM_PRELOAD + 8 * i, 8, v)
    c.prelude = ["movq mm%d, QWORD PTR [%d]" % (i, H.SCRATCH + MM_PRELOAD + 8 * i) for i in range(8)]
    c.form = c.form.replace("p,", "mm,").replace(",p", ",mm")


GROUPS = [
    # name   guests              state      cases  builder
    ("mmx",  ("x86_64", "i386"), "sse x87", 2000, gen_mmx),
]
