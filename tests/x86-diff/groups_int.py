"""groups_int.py — the integer instruction groups of x86-diff: one
function per group, each building one random case of that group.

Undefined EFLAGS bits and undefined results are taken from the Intel SDM
vol. 2 "Flags Affected" paragraph of each instruction and recorded on the
case (flags_undefined, ignore_*); everything else is compared bit for bit.
"""
import harness as H
from case import mask, rand_int, PTR

CF, PF, AF, ZF, SF, OF, DF = H.CF, H.PF, H.AF, H.ZF, H.SF, H.OF, H.DF
ALL_STATUS = H.STATUS_FLAGS
CONDITIONS = ["o", "no", "b", "ae", "e", "ne", "be", "a",
              "s", "ns", "p", "np", "l", "ge", "le", "g"]


def sizes(c, with8=True):
    s = [8, 16, 32] if with8 else [16, 32]
    return s + [64] if c.arch.is64 else s


def signed(v, bits):
    v &= mask(bits)
    return v - (1 << bits) if v >> (bits - 1) else v


def reg_operand(c, bits, value=None, allow_high=True, exclude=()):
    r = c.free_reg(bits, allow_high=allow_high, exclude=exclude)
    if value is not None:
        c.set_reg(r, value)
    return c.rname(r), r


def rm_operand(c, bits, value=None, mem=None, align=1, exclude=()):
    """A register or memory operand of `bits`; returns (text, reg or None,
    memory offset or None). `value` (if given) is put there."""
    if mem is None:
        mem = c.rng.random() < 0.4
    if mem:
        text, off = c.mem_operand(bits, align=align)
        if value is not None:
            c.set_mem(off, bits // 8, value)
        return text, None, off
    text, r = reg_operand(c, bits, value, exclude=exclude)
    return text, r, None


def imm_for(c, bits):
    """An immediate the instruction can encode at this operand size."""
    if bits == 8:
        return signed(rand_int(c.rng, 8), 8)
    if bits == 16:
        return signed(rand_int(c.rng, 16), 16)
    v = signed(rand_int(c.rng, 32), 32)
    return v


def ignore_mem(c, off, nbytes):
    """The bytes [off, off+nbytes) of the data area are not compared."""
    for k in range(off, off + nbytes):
        chunk = (k // 16) * 16
        c.ignore_bits("mem+%d" % chunk, 0xFF << (8 * (k - chunk)))


# ---- integer ALU ------------------------------------------------------------
BINARY = ["add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test"]
UNARY = ["inc", "dec", "neg", "not"]


def gen_alu(c):
    rng = c.rng
    bits = rng.choice(sizes(c))
    if rng.random() < 0.25:
        op = rng.choice(UNARY)
        dst, _, off = rm_operand(c, bits, rand_int(rng, bits))
        lock = "lock " if off is not None and rng.random() < 0.3 else ""
        c.body = ["%s%s %s" % (lock, op, dst)]
        c.form = "%s %s%d" % (op, "m" if off is not None else "r", bits)
        return
    op = rng.choice(BINARY)
    shape = rng.choice(["rr", "rm", "mr", "ri", "mi", "ri"])
    if op == "test" and shape == "rm":
        shape = "mr"
    if shape == "rr":
        dst, _ = reg_operand(c, bits, rand_int(rng, bits))
        if rng.random() < 0.1:
            src = dst                                   # xor eax, eax and friends
        else:
            src, _ = reg_operand(c, bits, rand_int(rng, bits))
    elif shape == "rm":
        dst, _ = reg_operand(c, bits, rand_int(rng, bits))
        src, _, _ = rm_operand(c, bits, rand_int(rng, bits), mem=True)
    elif shape == "mr":
        dst, _, _ = rm_operand(c, bits, rand_int(rng, bits), mem=True)
        src, _ = reg_operand(c, bits, rand_int(rng, bits))
    else:
        dst, _, _ = rm_operand(c, bits, rand_int(rng, bits), mem=(shape == "mi"))
        src = str(imm_for(c, bits))
    lock = "lock " if shape[0] == "m" and op not in ("cmp", "test") and rng.random() < 0.3 else ""
    c.body = ["%s%s %s, %s" % (lock, op, dst, src)]
    c.form = "%s %s%d" % (op, shape, bits)
    if op in ("and", "or", "xor", "test"):
        c.flags_undefined = AF


# ---- shifts and rotates -----------------------------------------------------
SHIFTS = ["shl", "shr", "sar", "rol", "ror", "rcl", "rcr"]


def shift_count(c, bits):
    r = c.rng.random()
    if r < 0.6:
        return c.rng.randrange(0, bits + 2)
    if r < 0.8:
        return c.rng.randrange(0, 32)
    return c.rng.randrange(0, 256)


def gen_shift(c):
    rng = c.rng
    double = rng.random() < 0.25
    bits = rng.choice(sizes(c, with8=not double))
    countmask = 0x3F if bits == 64 else 0x1F
    count = shift_count(c, bits)
    how = rng.choice(["imm", "cl", "cl"] + ([] if double else ["one"]))
    if how == "one":
        count = 1
    if how == "cl":
        c.claim(1)
        c.gpr[c.arch.gprs[1]] = (c.gpr[c.arch.gprs[1]] & ~0xFF) | count
    cnt_text = {"one": "1", "imm": str(count), "cl": "cl"}[how]
    masked = count & countmask
    if double:
        op = rng.choice(["shld", "shrd"])
        dst, dreg, off = rm_operand(c, bits, rand_int(rng, bits))
        src, _ = reg_operand(c, bits, rand_int(rng, bits))
        c.body = ["%s %s, %s, %s" % (op, dst, src, cnt_text)]
        c.form = "%s %s%d, r, %s" % (op, "m" if off is not None else "r", bits, how)
        if masked > bits:            # only 16-bit operands: result undefined
            c.flags_undefined = ALL_STATUS
            if dreg is not None:
                c.ignore_reg(dreg)
            else:
                ignore_mem(c, off, bits // 8)
        elif masked:
            c.flags_undefined = AF | (OF if masked != 1 else 0)
        return
    op = rng.choice(SHIFTS)
    dst, _, off = rm_operand(c, bits, rand_int(rng, bits))
    c.body = ["%s %s, %s" % (op, dst, cnt_text)]
    c.form = "%s %s%d, %s" % (op, "m" if off is not None else "r", bits, how)
    if masked == 0:
        return
    if op in ("shl", "shr", "sar"):
        c.flags_undefined = AF | (OF if masked != 1 else 0)
        if op != "sar" and masked >= bits:
            c.flags_undefined |= CF
    else:
        c.flags_undefined = OF if masked != 1 else 0


# ---- multiply and divide ----------------------------------------------------
def gen_muldiv(c):
    rng = c.rng
    bits = rng.choice(sizes(c))
    a = c.arch
    kind = rng.choice(["mul", "imul1", "imul2", "imul3", "div", "idiv", "div", "idiv"])
    if kind in ("imul2", "imul3") and bits == 8:
        bits = 16
    c.claim(0)
    c.claim(2)
    if kind in ("mul", "imul1"):
        c.gpr[a.gprs[0]] = rand_int(rng, a.w * 8)
        src, _, off = rm_operand(c, bits, rand_int(rng, bits))
        op = kind[:4] if kind == "imul1" else "mul"
        c.body = ["%s %s" % (op, src)]
        c.form = "%s %s%d" % (op, "m" if off is not None else "r", bits)
        c.flags_undefined = SF | ZF | AF | PF
        return
    if kind == "imul2":
        dst, _ = reg_operand(c, bits, rand_int(rng, bits))
        src, _, off = rm_operand(c, bits, rand_int(rng, bits))
        c.body = ["imul %s, %s" % (dst, src)]
        c.form = "imul r%d, %s" % (bits, "m" if off is not None else "r")
        c.flags_undefined = SF | ZF | AF | PF
        return
    if kind == "imul3":
        dst, _ = reg_operand(c, bits, rand_int(rng, bits))
        src, _, off = rm_operand(c, bits, rand_int(rng, bits))
        c.body = ["imul %s, %s, %d" % (dst, src, imm_for(c, bits))]
        c.form = "imul r%d, %s, imm" % (bits, "m" if off is not None else "r")
        c.flags_undefined = SF | ZF | AF | PF
        return
    # div / idiv with a dividend whose quotient fits (no #DE)
    divisor = 0
    while divisor == 0:
        divisor = rand_int(rng, bits)
    if kind == "div":
        hi = rng.randrange(0, divisor)
        lo = rand_int(rng, bits)
        dividend = (hi << bits) | lo
    else:
        # dividend = q*d + r with |r| < |d| and r of the dividend's sign:
        # the quotient truncates to exactly q, which fits
        d = signed(divisor, bits)
        lim = 1 << (bits - 1)
        q = rng.choice([rng.randrange(-lim, lim), signed(rand_int(rng, bits), bits), -lim, lim - 1, 0])
        r = rng.randrange(0, abs(d))
        if q * d < 0 or (q == 0 and rng.random() < 0.5):
            r = -r
        dividend = q * d + r
        dividend &= mask(2 * bits)
    if bits == 8:
        c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & ~0xFFFF) | dividend
    else:
        lo_mask = mask(bits)
        c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & ~lo_mask) | (dividend & lo_mask)
        c.gpr[a.gprs[2]] = (c.gpr[a.gprs[2]] & ~lo_mask) | (dividend >> bits)
    src, _, off = rm_operand(c, bits, divisor)
    c.body = ["%s %s" % (kind, src)]
    c.form = "%s %s%d" % (kind, "m" if off is not None else "r", bits)
    c.flags_undefined = ALL_STATUS


# ---- bit tests and scans ----------------------------------------------------
def gen_bits(c):
    rng = c.rng
    bits = rng.choice(sizes(c, with8=False))
    if rng.random() < 0.55:
        op = rng.choice(["bt", "bts", "btr", "btc"])
        shape = rng.choice(["rr", "ri", "mr", "mi"])
        c.flags_undefined = OF | SF | AF | PF
        if shape in ("rr", "ri"):
            dst, _ = reg_operand(c, bits, rand_int(rng, bits))
        if shape == "mr":
            sb = bits // 8
            off = rng.randrange(0, H.MEM_DATA // sb) * sb
            dst, off = c.mem_operand(bits, offset=off)
            c.set_mem(off, sb, rand_int(rng, bits))
            lo, hi = -off * 8, (H.MEM_DATA - off) * 8 - 1
            lo = max(lo, -(1 << (bits - 1)))
            hi = min(hi, (1 << (bits - 1)) - 1)
            bitoff = rng.randrange(lo, hi + 1)
            src, _ = reg_operand(c, bits, bitoff & mask(bits))
        elif shape == "mi":
            dst, _, _ = rm_operand(c, bits, rand_int(rng, bits), mem=True)
        if shape == "rr":
            src, _ = reg_operand(c, bits, rand_int(rng, bits))
        if shape[1] == "i":
            src = str(rng.randrange(0, 256))
        lock = "lock " if shape[0] == "m" and op != "bt" and rng.random() < 0.3 else ""
        c.body = ["%s%s %s, %s" % (lock, op, dst, src)]
        c.form = "%s %s%d" % (op, shape, bits)
        return
    op = rng.choice(["bsf", "bsr"])
    value = 0 if rng.random() < 0.15 else rand_int(rng, bits)
    dst, dreg = reg_operand(c, bits, rand_int(rng, bits))
    src, _, off = rm_operand(c, bits, value)
    c.body = ["%s %s, %s" % (op, dst, src)]
    c.form = "%s r%d, %s" % (op, bits, "m" if off is not None else "r")
    c.flags_undefined = CF | OF | SF | AF | PF
    if value == 0:
        c.ignore_reg(dreg)


def gen_ext(c, ops=("lzcnt", "popcnt", "crc32", "crc32", "movbe")):
    """Instructions that CPUID announces separately: LZCNT (ABM), POPCNT,
    CRC32 (SSE4.2), MOVBE."""
    rng = c.rng
    op = rng.choice(ops)
    if op == "crc32":
        dbits = 64 if c.arch.is64 and rng.random() < 0.3 else 32
        sbits = rng.choice([8, 64] if dbits == 64 else [8, 16, 32])
        dst, _ = reg_operand(c, dbits, rand_int(rng, dbits))
        src, _, off = rm_operand(c, sbits, rand_int(rng, sbits), exclude=())
        c.body = ["crc32 %s, %s" % (dst, src)]
        c.form = "crc32 r%d, %s%d" % (dbits, "m" if off is not None else "r", sbits)
        return
    bits = rng.choice(sizes(c, with8=False))
    if op == "movbe":
        r, _ = reg_operand(c, bits, rand_int(rng, bits))
        m, _, _ = rm_operand(c, bits, rand_int(rng, bits), mem=True)
        load = rng.random() < 0.5
        c.body = ["movbe %s, %s" % ((r, m) if load else (m, r))]
        c.form = "movbe %s%d" % ("rm" if load else "mr", bits)
        return
    value = 0 if rng.random() < 0.15 else rand_int(rng, bits)
    dst, _ = reg_operand(c, bits, rand_int(rng, bits))
    src, _, off = rm_operand(c, bits, value)
    c.body = ["%s %s, %s" % (op, dst, src)]
    c.form = "%s r%d, %s" % (op, bits, "m" if off is not None else "r")
    if op != "popcnt":
        c.flags_undefined = OF | SF | AF | PF


def gen_tzcnt(c):
    """TZCNT (BMI1). A CPU without BMI1 runs its encoding (F3 0F BC) as
    BSF; the host has BMI1, so this checks TZCNT's meaning."""
    gen_ext(c, ("tzcnt",))


# ---- conditions: cmovcc, setcc, jcc, loop -----------------------------------
FLAG_SETTERS = ["cmp", "sub", "test", "add", "and", "inc", "dec", "neg", "sbb", "adc"]


def gen_cond(c):
    rng = c.rng
    cc = rng.choice(CONDITIONS)
    pre = []
    if rng.random() < 0.4:     # a flag producer right before the consumer
        op = rng.choice(FLAG_SETTERS)
        bits = rng.choice(sizes(c))
        a_txt, _ = reg_operand(c, bits, rand_int(rng, bits))
        if op in ("inc", "dec", "neg"):
            pre = ["%s %s" % (op, a_txt)]
        else:
            if rng.random() < 0.5:
                b_txt = str(imm_for(c, bits))
            else:
                b_txt, _ = reg_operand(c, bits, rand_int(rng, bits))
            pre = ["%s %s, %s" % (op, a_txt, b_txt)]
        if op in ("test", "and"):
            c.flags_undefined = AF
    kind = rng.choice(["cmov", "set", "j", "j", "loop"])
    if kind == "cmov":
        bits = rng.choice(sizes(c, with8=False))
        dst, _ = reg_operand(c, bits, rand_int(rng, bits))
        src, _, off = rm_operand(c, bits, rand_int(rng, bits))
        body = ["cmov%s %s, %s" % (cc, dst, src)]
        form = "cmovcc r%d, %s" % (bits, "m" if off is not None else "r")
    elif kind == "set":
        dst, _, off = rm_operand(c, 8, rand_int(rng, 8))
        body = ["set%s %s" % (cc, dst)]
        form = "setcc %s" % ("m8" if off is not None else "r8")
    elif kind == "j":
        r, _ = reg_operand(c, c.arch.w * 8, rand_int(rng, c.arch.w * 8))
        body = ["j%s 1f" % cc, "lea %s, [%s + 1]" % (r, r), "1:"]
        form = "jcc"
    else:
        op = rng.choice(["loop", "loope", "loopne", "jecxz"] + (["jrcxz"] if c.arch.is64 else []))
        c.claim(1)
        cx = c.arch.gprs[1]
        c.gpr[cx] = rng.choice([0, 1, 2, 3, rand_int(rng, c.arch.w * 8)])
        if op == "jecxz" and c.arch.is64 and rng.random() < 0.5:
            c.gpr[cx] = rng.choice([1 << 32, (1 << 32) + 1, 0])
        r, _ = reg_operand(c, c.arch.w * 8, rand_int(rng, c.arch.w * 8))
        body = ["%s 1f" % op, "lea %s, [%s + 1]" % (r, r), "1:"]
        form = op
        cc = ""
    c.body = pre + body
    c.form = ("%s; " % pre[0].split()[0] if pre else "") + form
    if cc:
        c.form += " " + cc


# ---- string instructions ----------------------------------------------------
def gen_string(c):
    rng = c.rng
    a = c.arch
    op = rng.choice(["movs", "stos", "lods", "cmps", "scas"])
    bits = rng.choice(sizes(c))
    sb = bits // 8
    suffix = {8: "b", 16: "w", 32: "d", 64: "q"}[bits]
    if op in ("cmps", "scas"):
        prefix = rng.choice(["", "repe ", "repne "])
    else:
        prefix = rng.choice(["", "rep "])
    down = rng.random() < 0.5
    if down:
        c.flags |= DF
    for i in (0, 1, 2, 6, 7):       # rax rcx rdx rsi rdi are implicit
        c.claim(i)
    count = rng.choice([0, 1, 2, 3, rng.randrange(0, 9)])
    c.gpr[a.gprs[1]] = count if prefix else rand_int(rng, a.w * 8)
    n = max(count, 1) if prefix else 1
    span = n * sb

    def pointer():
        if down:
            start = rng.randrange(span - sb, H.MEM_DATA - sb + 1)
        else:
            start = rng.randrange(0, H.MEM_DATA - span + 1)
        return H.SCRATCH + start

    c.gpr[a.gprs[6]] = pointer()
    c.gpr[a.gprs[7]] = pointer()
    if op in ("cmps", "scas") and rng.random() < 0.6:
        # make runs of equal elements so repe/repne stop at a chosen point
        src = c.gpr[a.gprs[6]] - H.SCRATCH
        dst = c.gpr[a.gprs[7]] - H.SCRATCH
        step = -sb if down else sb
        fill = rand_int(rng, bits)
        for k in range(n):
            if rng.random() < 0.8:
                if op == "cmps":
                    v = c.mem_value(src + k * step, sb)
                    c.set_mem(dst + k * step, sb, v)
                else:
                    c.set_mem(dst + k * step, sb, fill)
        if op == "scas":
            c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & ~mask(bits)) | fill
    c.body = ["%s%s%s" % (prefix, op, suffix)]
    c.form = "%s%s%s%s" % (prefix, op, suffix, " DF=1" if down else "")


# ---- exchanges and compare-exchanges ----------------------------------------
def gen_xchg(c):
    rng = c.rng
    a = c.arch
    op = rng.choice(["xchg", "cmpxchg", "cmpxchg", "xadd", "cmpxchg8b"] +
                    (["cmpxchg16b"] if a.is64 else []))
    if op in ("cmpxchg8b", "cmpxchg16b"):
        bits = 64 if op == "cmpxchg8b" else 128
        half = bits // 2
        for i in (0, 1, 2, 3):
            c.claim(i)
        m, off = c.mem_operand(bits, align=16 if bits == 128 else 8)
        mem_value = rng.getrandbits(bits)
        c.set_mem(off, bits // 8, mem_value)
        wm = ~mask(half) & mask(a.w * 8)
        if rng.random() < 0.5:
            lo, hi = mem_value & mask(half), mem_value >> half
        else:
            lo, hi = rand_int(rng, half), rand_int(rng, half)
        c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & wm) | lo
        c.gpr[a.gprs[2]] = (c.gpr[a.gprs[2]] & wm) | hi
        lock = "lock " if rng.random() < 0.5 else ""
        c.body = ["%s%s %s" % (lock, op, m.replace("QWORD PTR ", "").replace("XMMWORD PTR ", ""))]
        c.body[0] = c.body[0].replace(" [", " %s [" % PTR[bits])
        c.form = op
        return
    bits = rng.choice(sizes(c))
    c.claim(0)
    dst, dreg, off = rm_operand(c, bits, rand_int(rng, bits))
    src, sreg = reg_operand(c, bits, rand_int(rng, bits))
    if op == "cmpxchg" and rng.random() < 0.5:
        cur = c.get_reg(dreg) if dreg is not None else c.mem_value(off, bits // 8)
        c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & ~mask(bits)) | cur
    lock = "lock " if off is not None and op != "xchg" and rng.random() < 0.5 else ""
    c.body = ["%s%s %s, %s" % (lock, op, dst, src)]
    c.form = "%s %s%d, r" % (op, "m" if off is not None else "r", bits)


# ---- moves, extensions, LEA, flags transfer, stack --------------------------
def gen_lea(c):
    rng = c.rng
    a = c.arch
    bits = rng.choice([16, 32] + ([64] if a.is64 else []))
    dst, _ = reg_operand(c, bits, rand_int(rng, bits))
    asize = a.w * 8
    if a.is64 and rng.random() < 0.2:
        asize = 32
    names = {64: [r for r in c.arch.gprs], 32: ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                              "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"]}
    pool = [i for i in range(len(a.gprs)) if i not in c.used]
    parts = []
    if rng.random() < 0.9:
        b = rng.choice(pool)
        parts.append(names[asize][b])
    if rng.random() < 0.7:
        i = rng.choice([p for p in pool if p != 4])
        parts.append("%s*%d" % (names[asize][i], rng.choice((1, 2, 4, 8))))
    disp = rng.choice([0, rng.randrange(-128, 128), signed(rng.getrandbits(32), 32)])
    if disp or not parts:
        parts.append(str(disp))
    expr = " + ".join(parts).replace("+ -", "- ")
    c.body = ["lea %s, [%s]" % (dst, expr)]
    c.form = "lea r%d, a%d %s" % (bits, asize, "+".join(
        ("b" if "*" not in p and not p.lstrip("-").isdigit() else "i" if "*" in p else "d") for p in parts))


def gen_misc(c):
    rng = c.rng
    a = c.arch
    kinds = ["bswap", "movx", "movx", "cbw", "lahf", "sahf", "pushf", "push", "pop",
             "cmc", "xlat", "lea", "lea", "lea", "leave"]
    if a.is64:
        kinds.append("movsxd")
    else:
        kinds += ["pusha"]
    kind = rng.choice(kinds)
    if kind == "lea":
        return gen_lea(c)
    if kind == "bswap":
        bits = 64 if a.is64 and rng.random() < 0.5 else 32
        r, _ = reg_operand(c, bits, rand_int(rng, bits))
        c.body, c.form = ["bswap %s" % r], "bswap r%d" % bits
    elif kind in ("movx", "movsxd"):
        if kind == "movsxd":
            op, sbits, dbits = "movsxd", 32, 64
        else:
            op = rng.choice(["movsx", "movzx"])
            sbits = rng.choice([8, 16])
            dbits = rng.choice([b for b in sizes(c, with8=False) if b > sbits])
        dst, _ = reg_operand(c, dbits, rand_int(rng, dbits))
        src, _, off = rm_operand(c, sbits, rand_int(rng, sbits))
        c.body = ["%s %s, %s" % (op, dst, src)]
        c.form = "%s r%d, %s%d" % (op, dbits, "m" if off is not None else "r", sbits)
    elif kind == "cbw":
        op = rng.choice(["cbw", "cwde", "cwd", "cdq"] + (["cdqe", "cqo"] if a.is64 else []))
        c.body, c.form = [op], op
    elif kind in ("lahf", "cmc"):
        op = kind if kind == "lahf" else rng.choice(["cmc", "clc", "stc", "cld", "std"])
        c.body, c.form = [op], op
        if op == "std":
            c.body = ["std", "lea %s, [%s]" % (a.sp, a.sp)]
    elif kind == "sahf":
        c.body, c.form = ["sahf"], "sahf"
    elif kind == "pushf":
        # popf of a random value: status flags, DF, and bits user mode
        # cannot change (IF, IOPL) or may toggle (ID); then read back
        v = rng.getrandbits(32) & (H.STATUS_FLAGS | DF | H.IF | 0x3000 | 0x200000) | 2
        r, _ = reg_operand(c, a.w * 8, v)
        r2, _ = reg_operand(c, a.w * 8, rand_int(rng, a.w * 8))
        c.body = ["push %s" % r, a.pop_flags, a.push_flags, "pop %s" % r2]
        c.form = "popf; pushf"
    elif kind == "push":
        shape = rng.choice(["r", "m", "i", "i"])
        if shape == "r":
            src, _ = reg_operand(c, a.w * 8, rand_int(rng, a.w * 8))
        elif shape == "m":
            src, _, _ = rm_operand(c, a.w * 8, rand_int(rng, a.w * 8), mem=True)
        else:
            src = str(signed(rand_int(rng, 32), 32) if rng.random() < 0.5 else signed(rand_int(rng, 8), 8))
        c.body = ["push %s" % src]
        c.form = "push %s" % shape
    elif kind == "pop":
        if rng.random() < 0.5:
            dst, _ = reg_operand(c, a.w * 8)
        else:
            dst, _, _ = rm_operand(c, a.w * 8, rand_int(rng, a.w * 8), mem=True)
        c.body, c.form = ["pop %s" % dst], "pop"
    elif kind == "xlat":
        # the table and every al value stay inside the data area
        c.claim(0)
        c.claim(3)
        al = rng.randrange(0, H.MEM_DATA)
        c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & ~0xFF) | al
        c.gpr[a.gprs[3]] = H.SCRATCH + rng.randrange(0, H.MEM_DATA - al)
        c.body, c.form = ["xlatb"], "xlat"
    elif kind == "leave":
        c.claim(5)
        c.gpr[a.gprs[5]] = H.STACK_START + rng.randrange(-8, 8) * a.w   # leave pops at rbp
        c.body, c.form = ["leave"], "leave"
    elif kind == "pusha":
        op = rng.choice(["pushad", "popad"])
        c.body, c.form = [op], op


# ---- decimal arithmetic (i386 only) -----------------------------------------
def gen_bcd(c):
    rng = c.rng
    op = rng.choice(["daa", "das", "aaa", "aas", "aam", "aad"])
    c.claim(0)
    c.body = [op]
    c.form = op
    if op in ("aam", "aad"):
        base = rng.choice([10, 10, rng.randrange(1, 256)])
        c.body = ["%s %d" % (op, base)]
        c.flags_undefined = OF | AF | CF
    elif op in ("daa", "das"):
        c.flags_undefined = OF
    else:
        c.flags_undefined = OF | SF | ZF | PF
