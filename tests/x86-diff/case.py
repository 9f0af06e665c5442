"""case.py — one x86-diff test case: its starting state (registers,
flags, memory, x87 and SSE state, drawn at random with a bias towards
boundary values), the assembly of its body, and what the comparison must
ignore (EFLAGS bits the manual leaves undefined, undefined results).

Group modules (groups_*.py) build cases through the helpers here:
operand-size register names, memory operands in every addressing form
that point into the scratch area, and value distributions.
"""
import harness as H

REG8_64 = ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
           "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"]
REG16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
         "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"]
REG32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
         "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"]
REG64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
         "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
HIGH8 = {"ah": 0, "ch": 1, "dh": 2, "bh": 3}
PTR = {8: "BYTE PTR", 16: "WORD PTR", 32: "DWORD PTR", 64: "QWORD PTR",
       80: "TBYTE PTR", 128: "XMMWORD PTR"}


def mask(bits):
    return (1 << bits) - 1


def special_ints(bits):
    m = mask(bits)
    top = 1 << (bits - 1)
    return [0, 1, 2, m, m - 1, top, top - 1, top + 1, 0x7F & m, 0x80 & m,
            0xFF & m, 0x100 & m, 0x7FFF & m, 0x8000 & m, 0xFFFF & m]


def rand_int(rng, bits):
    """An n-bit value: boundaries, small numbers, powers of two, or noise."""
    r = rng.random()
    if r < 0.15:
        return rng.choice(special_ints(bits))
    if r < 0.30:
        return rng.randrange(0, 34)
    if r < 0.40:
        return ((1 << rng.randrange(bits)) + rng.choice((-1, 0, 1))) & mask(bits)
    if r < 0.45:
        return (-rng.randrange(1, 34)) & mask(bits)
    return rng.getrandbits(bits)


class Reg:
    """A general register seen at one operand size."""

    def __init__(self, index, bits, high=False):
        self.index, self.bits, self.high = index, bits, high

    def name(self, arch):
        if self.high:
            return {0: "ah", 1: "ch", 2: "dh", 3: "bh"}[self.index]
        if self.bits == 8:
            return REG8_64[self.index]
        return {16: REG16, 32: REG32, 64: REG64}[self.bits][self.index]


class Case:
    def __init__(self, rng, arch, layout):
        self.rng, self.arch, self.layout = rng, arch, layout
        w = arch.w * 8
        self.gpr = {r: rand_int(rng, w) for r in arch.gprs}
        self.gpr[arch.sp] = H.STACK_START
        self.flags = 0x202 | (rng.getrandbits(12) & H.STATUS_FLAGS)
        self.mem = bytearray(rng.getrandbits(8) for _ in range(H.MEM_DATA))
        self.xmm = [rng.getrandbits(128) for _ in range(arch.nxmm)]
        self.mxcsr = H.MXCSR_DEFAULT
        self.fcw = 0x37F
        self.st = [0] * H.X87_LOADED
        self.prelude = []      # set-up lines run before the body, not shown
        self.body = []
        self.form = ""
        self.flags_undefined = 0
        self.ignore = {}       # field name -> byte mask of bits not compared
        self.used = set()      # register indexes a form has claimed
        self.rex_used = False  # a chosen register needs a REX prefix
        self.no_rex = False    # AH..BH chosen: no REX-only registers

    # ---- registers -----------------------------------------------------
    def free_reg(self, bits=None, allow_high=False, exclude=(), address=False):
        """A general register not used yet (never the stack pointer). On
        x86-64, AH..BH and a REX prefix exclude each other in one
        instruction, so the first choice of either rules out the other."""
        a = self.arch
        n = len(a.gprs)
        choices = [i for i in range(n) if i != 4 and i not in self.used and i not in exclude]
        if bits == 8 and not a.is64:
            choices = [i for i in choices if i < 4]      # al cl dl bl (+ ah..bh)
        if a.is64 and self.no_rex:
            choices = [i for i in choices if i < (4 if bits == 8 else 8)]
        i = self.rng.choice(choices)
        self.used.add(i)
        high = False
        if (bits == 8 and i < 4 and (allow_high or not a.is64) and not self.rex_used
                and self.rng.random() < 0.3):
            high = True
            self.no_rex = True
        if i >= 8 or (bits == 8 and i >= 4) or (bits == 64 and not address):
            self.rex_used = True
        return Reg(i, bits or a.w * 8, high)

    def claim(self, index):
        self.used.add(index)

    def set_reg(self, reg, value):
        """Write `value` into the operand-sized part of `reg`, keeping the rest."""
        full = self.arch.gprs[reg.index]
        old = self.gpr[full]
        shift = 8 if reg.high else 0
        m = mask(reg.bits) << shift
        self.gpr[full] = (old & ~m) | ((value << shift) & m)

    def get_reg(self, reg):
        full = self.gpr[self.arch.gprs[reg.index]]
        return (full >> (8 if reg.high else 0)) & mask(reg.bits)

    def rname(self, reg):
        return reg.name(self.arch)

    # ---- memory --------------------------------------------------------
    def mem_operand(self, bits, offset=None, align=1, span=None, simple=False, seg=None):
        """A memory operand of `bits` at scratch offset `offset` (random if
        None), reached through a random addressing form: base, base+disp,
        base+index*scale+disp, or an absolute address; with `seg`, through
        that segment override, whose base is H.SEG_BASE. Returns (text, offset)."""
        rng, a = self.rng, self.arch
        size = max(bits // 8, 1)
        span = span or size
        if offset is None:
            offset = rng.randrange(0, (H.MEM_DATA - span) // align + 1) * align
        target = H.SCRATCH + offset - (H.SEG_BASE if seg else 0)
        wmask = mask(a.w * 8)
        form = rng.randrange(5) if not simple else 0
        ptr = PTR.get(bits, "") + (" %s:" % seg if seg else " ")
        if form == 4:
            return "%s[%d]" % (ptr, target), offset
        base = self.free_reg(a.w * 8, address=True)
        bname = self.rname(base)
        disp = 0 if form == 0 else rng.choice((rng.randrange(-128, 128), rng.randrange(-4096, 4096)))
        if form >= 2:
            index = self.free_reg(a.w * 8, address=True)
            scale = rng.choice((1, 2, 4, 8))
            ival = rand_int(rng, a.w * 8)
            self.gpr[a.gprs[index.index]] = ival
            self.gpr[a.gprs[base.index]] = (target - disp - ival * scale) & wmask
            return "%s[%s + %s*%d %+d]" % (ptr, bname, self.rname(index), scale, disp), offset
        self.gpr[a.gprs[base.index]] = (target - disp) & wmask
        return ("%s[%s %+d]" % (ptr, bname, disp) if disp else "%s[%s]" % (ptr, bname)), offset

    def mem_value(self, offset, nbytes):
        return int.from_bytes(self.mem[offset:offset + nbytes], "little")

    def set_mem(self, offset, nbytes, value):
        self.mem[offset:offset + nbytes] = (value & mask(8 * nbytes)).to_bytes(nbytes, "little")

    # ---- comparison ----------------------------------------------------
    def ignore_bits(self, field, value_mask):
        self.ignore[field] = self.ignore.get(field, 0) | value_mask

    def ignore_reg(self, reg):
        """The manual leaves this register's result undefined."""
        self.ignore_bits(self.arch.gprs[reg.index], mask(self.arch.w * 8))

    def manifest(self):
        return {"text": "; ".join(self.body), "form": self.form,
                "flags_undefined": self.flags_undefined,
                "ignore": {k: "%x" % v for k, v in self.ignore.items()}}
