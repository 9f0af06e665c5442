"""groups_seg.py — the seg group of x86-diff: memory operands with a
segment override whose base is not zero, as thread-local storage uses
them (FS on x86-64, set with arch_prctl; GS on i386, a set_thread_area
descriptor). The runtime gives the segment the base harness.SEG_BASE;
every operand below reaches the scratch area through it. LEA with an
override must ignore the base; MOVS takes the override on its source
only (the destination is always ES).
"""
import harness as H
from case import mask, rand_int
from groups_int import imm_for, reg_operand, sizes


SEG_PREFIX = {"fs": "0x64", "gs": "0x65"}


def seg_name(c):
    return "fs" if c.arch.is64 else "gs"


def gen_seg(c):
    rng = c.rng
    a = c.arch
    seg = seg_name(c)
    kind = rng.choice(["load", "store", "alu", "alu", "storeimm", "lea", "movs", "push"])
    bits = rng.choice(sizes(c))
    if kind in ("load", "alu"):
        op = "mov" if kind == "load" else rng.choice(["add", "sub", "xor", "cmp", "adc", "and"])
        r, _ = reg_operand(c, bits, rand_int(rng, bits))
        m, off = c.mem_operand(bits, seg=seg)
        c.set_mem(off, bits // 8, rand_int(rng, bits))
        c.body = ["%s %s, %s" % (op, r, m)]
        c.form = "%s r%d, %s:m" % (op, bits, seg)
        if op == "and":
            c.flags_undefined = H.AF
    elif kind == "store":
        r, _ = reg_operand(c, bits, rand_int(rng, bits))
        m, off = c.mem_operand(bits, seg=seg)
        op = rng.choice(["mov", "add"])
        lock = "lock " if op == "add" and rng.random() < 0.5 else ""
        c.body = ["%s%s %s, %s" % (lock, op, m, r)]
        c.form = "%s %s:m%d, r" % (op, seg, bits)
    elif kind == "storeimm":
        m, off = c.mem_operand(bits, seg=seg)
        c.body = ["mov %s, %d" % (m, imm_for(c, bits))]
        c.form = "mov %s:m%d, imm" % (seg, bits)
    elif kind == "lea":
        bits = a.w * 8
        r, _ = reg_operand(c, bits, rand_int(rng, bits))
        m, _ = c.mem_operand(8)
        # the override as a raw prefix: the assembler warns on "lea r, fs:[...]"
        c.body = [".byte %s" % SEG_PREFIX[seg], "lea %s, %s" % (r, m.replace("BYTE PTR ", ""))]
        c.form = "lea r, %s:m" % seg
    elif kind == "movs":
        sb = bits // 8
        count = rng.randrange(0, 6)
        for i in (1, 6, 7):
            c.claim(i)
        c.gpr[a.gprs[1]] = count
        src = rng.randrange(0, H.MEM_DATA - count * sb + 1)
        dst = rng.randrange(0, H.MEM_DATA - count * sb + 1)
        c.gpr[a.gprs[6]] = (H.SCRATCH + src - H.SEG_BASE) & mask(a.w * 8)
        c.gpr[a.gprs[7]] = H.SCRATCH + dst
        si, di = a.gprs[6], a.gprs[7]
        ptr = {8: "BYTE", 16: "WORD", 32: "DWORD", 64: "QWORD"}[bits]
        c.body = ["rep movs %s PTR es:[%s], %s PTR %s:[%s]" % (ptr, di, ptr, seg, si)]
        c.form = "rep movs%d %s:src" % (bits, seg)
    else:
        bits = a.w * 8
        m, off = c.mem_operand(bits, seg=seg)
        c.set_mem(off, bits // 8, rand_int(rng, bits))
        c.body = ["push %s" % m] if rng.random() < 0.5 else ["pop %s" % m]
        c.form = "%s %s:m" % (c.body[0].split()[0], seg)


GROUPS = [
    # name   guests              state  cases  builder
    ("seg",  ("x86_64", "i386"), "seg", 1500, gen_seg),
]
