"""groups_faults.py — the faults group of x86-diff: instructions that
raise a signal, to check that the emulator delivers the right signal,
si_code and si_addr, at the right pc, with every register, flag, x87/SSE
state and memory byte as the faulting instruction found them (precise
exceptions; a store that faults writes nothing, not even the bytes on
the mapped page).

    #DE  div/idiv by zero or with a quotient too large      SIGFPE
    #UD  ud2, lock on an instruction that cannot take it     SIGILL
    #BP  int3                                                SIGTRAP
    #GP  privileged (hlt, cli, in, out), non-canonical
         address, misaligned movaps/movdqa/SSE memory        SIGSEGV
    #PF  unmapped address, read-only page, a store or load
         that crosses from the scratch page into nothing     SIGSEGV
    #XM  an SSE operation with its exception unmasked        SIGFPE
    #MF  an x87 exception unmasked, seen at the next fwait   SIGFPE
"""
import harness as H
from case import PTR, mask, rand_int
from fpvalues import rand_f32, rand_f64, F32

PAGE_END = (H.SCRATCH | 0xFFF) + 1           # first unmapped byte after the scratch
UNMAPPED = 0x1000                            # nothing is mapped in the first pages


def divisor_fault(c):
    rng = c.rng
    a = c.arch
    bits = rng.choice([8, 16, 32] + ([64] if a.is64 else []))
    op = rng.choice(["div", "idiv"])
    c.claim(0)
    c.claim(2)
    why = rng.choice(["zero", "overflow"])
    if why == "zero":
        divisor = 0
    elif op == "div":                                       # quotient does not fit
        divisor = rng.randrange(1, 1 << bits)
        hi = rng.randrange(divisor, 1 << bits)
        if bits == 8:
            c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & ~0xFFFF) | (hi << 8) | rng.randrange(256)
        else:
            c.gpr[a.gprs[2]] = (c.gpr[a.gprs[2]] & ~mask(bits)) | hi
    else:                                                   # the most negative / -1
        divisor = mask(bits)
        if bits == 8:
            c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & ~0xFFFF) | 0xFF80
        else:
            c.gpr[a.gprs[0]] = (c.gpr[a.gprs[0]] & ~mask(bits)) | (1 << (bits - 1))
            c.gpr[a.gprs[2]] = c.gpr[a.gprs[2]] | mask(bits)
    if rng.random() < 0.5:
        text, off = c.mem_operand(bits)
        c.set_mem(off, bits // 8, divisor)
    else:
        r = c.free_reg(bits)
        c.set_reg(r, divisor)
        text = c.rname(r)
    c.body = ["%s %s" % (op, text)]
    c.form = "#DE %s %s %d" % (op, why, bits)


def invalid_opcode(c):
    rng = c.rng
    kind = rng.choice(["ud2", "lock add", "lock mov", "ud0"])
    c.body = {"ud2": ["ud2"],
              "lock add": [".byte 0xf0, 0x01, 0xd8"],         # lock add eax, ebx (register)
              "lock mov": [".byte 0xf0, 0x89, 0x03"],         # lock mov [ebx], eax
              "ud0": [".byte 0x0f, 0xff, 0xc0"]}[kind]
    c.form = "#UD %s" % kind
    if kind == "lock mov":
        c.claim(3)
        c.gpr[c.arch.gprs[3]] = H.SCRATCH + 16


def breakpoint(c):
    c.body, c.form = ["int3"], "#BP int3"


def privileged(c):
    op = c.rng.choice(["hlt", "cli", "sti", "in al, dx", "out dx, al", "insb"])
    c.body, c.form = [op], "#GP %s" % op
    if op == "insb":
        c.claim(7)
        c.gpr[c.arch.gprs[7]] = H.SCRATCH


def page_fault(c):
    rng = c.rng
    a = c.arch
    bits = rng.choice([8, 16, 32] + ([64] if a.is64 else []))
    store = rng.random() < 0.5
    where = rng.choice(["unmapped", "crossing", "crossing", "readonly"] +
                       (["noncanonical"] if a.is64 else []))
    nbytes = bits // 8
    if where == "unmapped":
        addr = UNMAPPED + rng.randrange(0, 0x8000)
    elif where == "crossing":
        addr = PAGE_END - rng.randrange(1, nbytes) if nbytes > 1 else PAGE_END
    elif where == "readonly":
        addr = None
        store = True
    else:
        addr = rng.choice([1 << 63, 0x0000800000000000, 0xFFFF7FFFFFFFF000]) + rng.randrange(0, 64)
    r = c.free_reg(bits)
    c.set_reg(r, rand_int(rng, bits))
    if addr is None:
        mem = "%s [xd_stack_pattern + %d]" % (PTR[bits], rng.randrange(0, 64))
    else:
        base = c.free_reg(a.w * 8, address=True)
        c.gpr[a.gprs[base.index]] = addr & mask(a.w * 8)
        mem = "%s [%s]" % (PTR[bits], c.rname(base))
    if store:
        c.body = ["mov %s, %s" % (mem, c.rname(r))]
    else:
        c.body = ["mov %s, %s" % (c.rname(r), mem)]
    if rng.random() < 0.25 and not store and where != "readonly":
        c.body = ["add %s, %s" % (c.rname(r), mem)]
    c.form = "#PF %s %s %d" % ("store" if store else "load", where, bits)


def sse_misaligned(c):
    rng = c.rng
    op = rng.choice(["movaps xmm1, %s", "movdqa xmm2, %s", "movdqa %s, xmm3", "paddb xmm4, %s",
                     "addps xmm5, %s", "pshufb xmm6, %s"])
    off = rng.randrange(0, (H.MEM_DATA - 32) // 16) * 16 + rng.choice([1, 4, 8, 12, 15])
    text, _ = c.mem_operand(128, offset=off)
    c.body = [op % text]
    c.form = "#GP misaligned %s" % op.split()[0]


SSE_EXCEPTIONS = {"IE": 0, "DE": 1, "ZE": 2, "OE": 3, "UE": 4, "PE": 5}


def sse_unmasked(c):
    rng = c.rng
    exc = rng.choice(sorted(SSE_EXCEPTIONS))
    c.mxcsr = (H.MXCSR_DEFAULT & ~(1 << (7 + SSE_EXCEPTIONS[exc]))) | (rng.randrange(4) << 13)
    op = rng.choice(["divss", "divsd", "mulss", "mulsd", "addps", "sqrtsd", "cvtsd2ss", "cvttss2si"])
    scalar_d = op.endswith("sd") or op == "cvtsd2ss"
    for i in range(c.arch.nxmm):
        lanes = [rand_f64(rng) for _ in range(2)] if scalar_d else [rand_f32(rng) for _ in range(4)]
        w = 64 if scalar_d else 32
        c.xmm[i] = sum(v << (w * k) for k, v in enumerate(lanes))
    if exc == "ZE" and op.startswith("div"):
        c.xmm[2] &= ~mask(64 if scalar_d else 32)          # a zero divisor
    if exc in ("OE", "UE") and not scalar_d:
        big = F32.pack(0, 254 if exc == "OE" else 1, rng.getrandbits(23))
        c.xmm[1] = (c.xmm[1] & ~mask(32)) | big
        c.xmm[2] = (c.xmm[2] & ~mask(32)) | big
    if op == "cvttss2si":
        r = c.free_reg(32)
        c.body = ["cvttss2si %s, xmm2" % c.rname(r)]
    else:
        c.body = ["%s xmm1, xmm2" % op]
    c.form = "#XM %s %s unmasked" % (op, exc)


def x87_unmasked(c):
    rng = c.rng
    exc = rng.choice(["IM", "ZM", "OM", "PM"])
    bit = {"IM": 0, "ZM": 2, "OM": 3, "PM": 5}[exc]
    c.fcw = 0x37F & ~(1 << bit)
    top = 1 << 63
    c.st = [(16383 + rng.randrange(-3, 4)) << 64 | top | rng.getrandbits(63) for _ in range(H.X87_LOADED)]
    op = rng.choice(["fdiv st, st(1)", "fmul st, st(1)", "fsqrt", "fadd st, st(1)"])
    if exc == "ZM":
        c.st[1] = 0
        op = "fdiv st, st(1)"
    elif exc == "IM":
        c.st[0] |= 1 << 79                                  # negative
        op = rng.choice(["fsqrt", "fdiv st, st(1)"])
        if op.startswith("fdiv"):
            c.st[0] = c.st[1] = 0
    elif exc == "OM":
        c.st[0] = (0x7FFE << 64) | top
        c.st[1] = (0x7FFE << 64) | top
        op = "fmul st, st(1)"
    c.body = [op, "fwait", "nop"]
    c.form = "#MF %s %s" % (op.split()[0], exc)


BUILDERS = [divisor_fault] * 3 + [invalid_opcode, breakpoint, privileged] + \
    [page_fault] * 3 + [sse_misaligned, sse_unmasked, sse_unmasked, x87_unmasked]


def gen_faults(c):
    c.rng.choice(BUILDERS)(c)


GROUPS = [
    # name     guests              state             cases  builder
    ("faults", ("x86_64", "i386"), "sse x87 faults", 1500, gen_faults),
]
