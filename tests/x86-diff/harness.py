"""harness.py — the machine state one x86-diff case starts from and ends
with: the byte layout of the input and output records, and the assembly
that loads an input record into the CPU, jumps to the case's body, and
stores the whole state into an output record.

    input record                      output record
    +--------------------+            +--------------------+
    | gpr[NGPR]   (W)    |            | case index (4) pad |
    | flags       (W)    |            | gpr[NGPR]   (W)    |
    | xmm[NXMM]   (16)   | sse only   | flags       (W)    |  pushf
    | mxcsr (4) pad (12) | sse only   | xmm[NXMM]   (16)   |  sse only
    | fcw (2) pad (14)   | x87 only   | mxcsr (4) pad (12) |  sse only
    | st[X87_LOADED](16) | x87 only   | fnsave image (112) |  x87 only
    | mem[MEM_DATA]      |            | fault info (32)    |  faults only
    +--------------------+            | mem[MEM_DATA]      |
                                      | stack[MEM_STACK]   |
                                      +--------------------+

W is the word size (8 on x86-64, 4 on i386). Every case works on one
scratch area at the fixed address SCRATCH (the linker puts the section
.xdscratch there, at the end of a page with nothing mapped after it), so
inputs may hold pointers into it and the generator writes them as plain
bytes: MEM_DATA bytes of data the case may read and
write, then MEM_STACK bytes of stack; the stack pointer starts at
STACK_START, in the middle of that stack, with a fixed pattern around it.

Flow of one case (runtime.c calls xd_run with xd_in/xd_out/xd_body set):
xd_run saves the host's callee-saved registers and stack pointer, copies
the input memory into the scratch area, loads x87/SSE state, popf's the
flags, loads every GPR (the stack pointer last but one, the register used
as pointer last) and jumps to the body; the body ends with `jmp xd_store`,
which saves the stack pointer, pushf's into the output record, stores every
register, copies the scratch area out, clears DF and returns to C.

Groups with faults: runtime.c catches SIGFPE, SIGILL, SIGSEGV, SIGBUS and
SIGTRAP on an alternate stack, notes signal number, si_code, si_addr and
the interrupted pc in xd_fault_info, and returns from the handler to
xd_store, so the registers stored are those the signal frame held.
"""

SCRATCH = 0x20000F00     # the stack area ends where its page does
MEM_DATA = 128
MEM_STACK = 128
STACK_START = SCRATCH + MEM_DATA + MEM_STACK // 2
SEG_BASE = SCRATCH - 0x10000   # FS (x86-64) / GS (i386) base in the seg group
X87_LOADED = 4          # ST(0)..ST(3) hold values, ST(4)..ST(7) are empty
FNSAVE_SIZE = 108
MXCSR_DEFAULT = 0x1F80

# EFLAGS bits
CF, PF, AF, ZF, SF, TF, IF, DF, OF = 1, 4, 0x10, 0x40, 0x80, 0x100, 0x200, 0x400, 0x800
STATUS_FLAGS = CF | PF | AF | ZF | SF | OF
FLAGS_COMPARED = 0xFFFFFFFF     # every bit; undefined ones are masked per case

STACK_PATTERN = bytes((0xA5 ^ (i * 29)) & 0xFF for i in range(MEM_STACK))


class Arch:
    """What differs between the two guests: word size and register names."""

    def __init__(self, name):
        self.name = name
        self.is64 = name == "x86_64"
        self.w = 8 if self.is64 else 4
        if self.is64:
            self.gprs = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                         "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]
        else:
            self.gprs = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"]
        self.sp = self.gprs[4]
        self.nxmm = 16 if self.is64 else 8
        self.word_ptr = "QWORD PTR" if self.is64 else "DWORD PTR"
        self.push_flags = "pushfq" if self.is64 else "pushfd"
        self.pop_flags = "popfq" if self.is64 else "popfd"

    def glob(self, sym):
        """Memory operand naming a global symbol (RIP-relative on x86-64)."""
        return "[rip + %s]" % sym if self.is64 else "[%s]" % sym


class Layout:
    """Offsets of the input and output records for one arch and one set of
    extra state (sse, x87)."""

    def __init__(self, arch, sse=False, x87=False, faults=False):
        self.arch, self.sse, self.x87, self.faults = arch, sse, x87, faults
        w = arch.w
        off = 0
        self.in_gpr = off
        off += w * len(arch.gprs)
        self.in_flags = off
        off += 16 if w == 8 else 8          # keep what follows 16-aligned
        if sse:
            self.in_xmm = off
            off += 16 * arch.nxmm
            self.in_mxcsr = off
            off += 16
        if x87:
            self.in_fcw = off
            off += 16
            self.in_st = off
            off += 16 * X87_LOADED
        self.in_mem = off
        off += MEM_DATA
        self.in_size = off

        off = 16
        self.out_gpr = off
        off += w * len(arch.gprs)
        self.out_flags = off
        off += 16 if w == 8 else 8
        if sse:
            self.out_xmm = off
            off += 16 * arch.nxmm
            self.out_mxcsr = off
            off += 16
        if x87:
            self.out_fnsave = off
            off += 112
        if faults:
            self.out_fault = off
            off += 32
        self.out_mem = off
        off += MEM_DATA + MEM_STACK
        self.out_size = off

    # ---- what the comparator needs -------------------------------------
    def out_fields(self):
        """[name, offset, size] of every compared piece of the output."""
        a, w = self.arch, self.arch.w
        fields = [[r, self.out_gpr + i * w, w] for i, r in enumerate(a.gprs)]
        fields.append(["flags", self.out_flags, w])
        if self.sse:
            fields += [["xmm%d" % i, self.out_xmm + 16 * i, 16] for i in range(a.nxmm)]
            fields.append(["mxcsr", self.out_mxcsr, 4])
        if self.x87:
            f = self.out_fnsave
            fields += [["fcw", f + 0, 2], ["fsw", f + 4, 2], ["ftw", f + 8, 2]]
            fields += [["st%d" % i, f + 28 + 10 * i, 10] for i in range(8)]
        if self.faults:
            f = self.out_fault
            fields += [["signal", f, 4], ["si_code", f + 4, 4], ["si_addr", f + 8, 8],
                       ["signal_pc", f + 16, 8], ["signals", f + 24, 4]]
        for k in range(0, MEM_DATA, 16):
            fields.append(["mem+%d" % k, self.out_mem + k, 16])
        for k in range(0, MEM_STACK, 16):
            fields.append(["stack+%d" % k, self.out_mem + MEM_DATA + k, 16])
        return fields

    def in_fields(self):
        a, w = self.arch, self.arch.w
        fields = [[r, self.in_gpr + i * w, w] for i, r in enumerate(a.gprs)]
        fields.append(["flags", self.in_flags, w])
        if self.sse:
            fields += [["xmm%d" % i, self.in_xmm + 16 * i, 16] for i in range(a.nxmm)]
            fields.append(["mxcsr", self.in_mxcsr, 4])
        if self.x87:
            fields.append(["fcw", self.in_fcw, 2])
            fields += [["st%d" % i, self.in_st + 16 * i, 10] for i in range(X87_LOADED)]
        for k in range(0, MEM_DATA, 16):
            fields.append(["mem+%d" % k, self.in_mem + k, 16])
        return fields

    def pack(self, case):
        """The input record of one case, as bytes."""
        a, w = self.arch, self.arch.w
        rec = bytearray(self.in_size)
        for i, r in enumerate(a.gprs):
            rec[self.in_gpr + i * w:self.in_gpr + (i + 1) * w] = \
                (case.gpr[r] & ((1 << (8 * w)) - 1)).to_bytes(w, "little")
        rec[self.in_flags:self.in_flags + w] = case.flags.to_bytes(w, "little")
        if self.sse:
            for i in range(a.nxmm):
                rec[self.in_xmm + 16 * i:self.in_xmm + 16 * i + 16] = case.xmm[i].to_bytes(16, "little")
            rec[self.in_mxcsr:self.in_mxcsr + 4] = case.mxcsr.to_bytes(4, "little")
        if self.x87:
            rec[self.in_fcw:self.in_fcw + 2] = case.fcw.to_bytes(2, "little")
            for i in range(X87_LOADED):
                rec[self.in_st + 16 * i:self.in_st + 16 * i + 10] = case.st[i].to_bytes(10, "little")
        rec[self.in_mem:self.in_mem + MEM_DATA] = case.mem
        return bytes(rec)

    # ---- the assembly --------------------------------------------------
    def harness_asm(self):
        """xd_run and xd_store for this layout (Intel syntax)."""
        a, w = self.arch, self.arch.w
        g = a.glob
        ax = a.gprs[0]
        bx = a.gprs[3]
        saved = (["rbx", "rbp", "r12", "r13", "r14", "r15"] if a.is64
                 else ["ebx", "ebp", "esi", "edi"])
        L = []
        e = L.append
        e("\t.text")
        e("\t.globl xd_run")
        e("xd_run:")
        for r in saved:
            e("\tpush %s" % r)
        e("\tmov %s %s, %s" % (a.word_ptr, g("xd_host_sp"), a.sp))
        if self.faults:
            for k in range(0, 32, w):
                e("\tmov %s %s, 0" % (a.word_ptr, g("xd_fault_info + %d" % k)))
        e("\tmov %s, %s %s" % (ax, a.word_ptr, g("xd_in")))
        # memory: the data from the record, the stack from a fixed pattern
        for k in range(0, MEM_DATA, w):
            e("\tmov %s, %s [%s + %d]" % (bx, a.word_ptr, ax, self.in_mem + k))
            e("\tmov %s [%d], %s" % (a.word_ptr, SCRATCH + k, bx))
        for k in range(0, MEM_STACK, w):
            e("\tmov %s, %s [xd_stack_pattern + %d]" % (bx, a.word_ptr, k)
              if not a.is64 else
              "\tmov %s, %s [rip + xd_stack_pattern + %d]" % (bx, a.word_ptr, k))
            e("\tmov %s [%d], %s" % (a.word_ptr, SCRATCH + MEM_DATA + k, bx))
        if self.x87:
            e("\tfninit")
            e("\tfldcw WORD PTR [%s + %d]" % (ax, self.in_fcw))
            for i in reversed(range(X87_LOADED)):
                e("\tfld TBYTE PTR [%s + %d]" % (ax, self.in_st + 16 * i))
        if self.sse:
            e("\tldmxcsr DWORD PTR [%s + %d]" % (ax, self.in_mxcsr))
            for i in range(a.nxmm):
                e("\tmovdqu xmm%d, XMMWORD PTR [%s + %d]" % (i, ax, self.in_xmm + 16 * i))
        e("\tlea %s, [%s + %d]" % (a.sp, ax, self.in_flags))
        e("\t%s" % a.pop_flags)
        for i, r in enumerate(a.gprs):
            if i not in (0, 4):
                e("\tmov %s, %s [%s + %d]" % (r, a.word_ptr, ax, self.in_gpr + i * w))
        e("\tmov %s, %s [%s + %d]" % (a.sp, a.word_ptr, ax, self.in_gpr + 4 * w))
        e("\tmov %s, %s [%s + %d]" % (ax, a.word_ptr, ax, self.in_gpr))
        e("\tjmp %s %s" % (a.word_ptr, g("xd_body")))

        e("\t.globl xd_store")
        e("xd_store:")
        e("\tmov %s %s, %s" % (a.word_ptr, g("xd_guest_sp"), a.sp))
        e("\tmov %s, %s %s" % (a.sp, a.word_ptr, g("xd_out")))
        e("\tlea %s, [%s + %d]" % (a.sp, a.sp, self.out_flags + w))
        e("\t%s" % a.push_flags)                      # sp = out + out_flags
        base = self.out_flags
        for i, r in enumerate(a.gprs):
            if i != 4:
                e("\tmov %s [%s + %d], %s" % (a.word_ptr, a.sp, self.out_gpr + i * w - base, r))
        e("\tmov %s, %s %s" % (ax, a.word_ptr, g("xd_guest_sp")))
        e("\tmov %s [%s + %d], %s" % (a.word_ptr, a.sp, self.out_gpr + 4 * w - base, ax))
        e("\tmov %s, %s" % (ax, a.sp))
        e("\tlea %s, [%s - %d]" % (ax, ax, base))     # ax = output record
        e("\tmov %s, %s %s" % (a.sp, a.word_ptr, g("xd_host_sp")))
        e("\tcld")
        if self.sse:
            for i in range(a.nxmm):
                e("\tmovdqu XMMWORD PTR [%s + %d], xmm%d" % (ax, self.out_xmm + 16 * i, i))
            e("\tstmxcsr DWORD PTR [%s + %d]" % (ax, self.out_mxcsr))
            e("\tldmxcsr DWORD PTR %s" % g("xd_mxcsr_default"))
        if self.x87:
            e("\tfnsave [%s + %d]" % (ax, self.out_fnsave))
        if self.faults:
            for k in range(0, 32, w):
                e("\tmov %s, %s %s" % (bx, a.word_ptr, g("xd_fault_info + %d" % k)))
                e("\tmov %s [%s + %d], %s" % (a.word_ptr, ax, self.out_fault + k, bx))
        for k in range(0, MEM_DATA + MEM_STACK, w):
            e("\tmov %s, %s [%d]" % (bx, a.word_ptr, SCRATCH + k))
            e("\tmov %s [%s + %d], %s" % (a.word_ptr, ax, self.out_mem + k, bx))
        for r in reversed(saved):
            e("\tpop %s" % r)
        e("\tret")

        e("\t.section .rodata")
        e("\t.balign 16")
        e("xd_stack_pattern:")
        e("\t.byte " + ", ".join(str(b) for b in STACK_PATTERN))
        e("xd_mxcsr_default:")
        e("\t.long %d" % MXCSR_DEFAULT)
        e("\t.bss")
        e("\t.balign 16")
        for sym in ("xd_host_sp", "xd_guest_sp"):
            e("%s:\t.zero 8" % sym)
        e("\t.section .xdscratch,\"aw\",@nobits")
        e("\t.balign 64")
        e("xd_scratch:\t.zero %d" % (MEM_DATA + MEM_STACK))
        return "\n".join(L) + "\n"
