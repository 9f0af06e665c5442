/* frontend/x86/helpers.c — C helpers of the general-purpose x86 IR, for
 * what inline IR would make long or cannot do: DIV/IDIV with their #DE,
 * RCL/RCR, CMPXCHG16B, CPUID, RDTSC, segment register loads, CRC32, and
 * the i386 decimal adjustments.
 *
 * Helpers that touch guest memory do so as user mode lays it out
 * (guest_base + address); a bad address faults on the host, and
 * linux-user turns that into the guest's SIGSEGV at this instruction.
 * In system mode (cpu->tlb) they go through the soft TLB instead.
 */
#include <signal.h>
#include <time.h>

#include <glib.h>

#include "backend/exec.h"
#include "frontend/x86/flags.h"
#include "frontend/x86/helpers.h"
#include "frontend/x86/sys.h"
#include "softmmu/tlb.h"

static uint64_t size_mask(unsigned size)
{
    return size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
}

static uint64_t low_bits_replaced(uint64_t reg, uint64_t v, unsigned size)
{
    if (size == 4)
        return (uint32_t)v; /* a 32-bit write clears the upper half */
    return (reg & ~size_mask(size)) | (v & size_mask(size));
}

/* ---- division ------------------------------------------------------------ */

static noreturn void divide_error(CpuCommon *env)
{
    env->exception_code = FPE_INTDIV;
    cpu_loop_exit(env, EXIT_FPE);
}

/* Quotient to AL/AX/EAX/RAX, remainder to AH/DX/EDX/RDX. */
static void div_result(X86Cpu *cpu, unsigned size, uint64_t q, uint64_t r)
{
    if (size == 1) {
        uint64_t ax = (q & 0xff) | (r & 0xff) << 8;
        cpu->regs[X86_RAX] = low_bits_replaced(cpu->regs[X86_RAX], ax, 2);
        return;
    }
    cpu->regs[X86_RAX] = low_bits_replaced(cpu->regs[X86_RAX], q, size);
    cpu->regs[X86_RDX] = low_bits_replaced(cpu->regs[X86_RDX], r, size);
}

/* The double-width dividend: AX, DX:AX, EDX:EAX or RDX:RAX. */
static unsigned __int128 dividend(const X86Cpu *cpu, unsigned size)
{
    if (size == 1)
        return cpu->regs[X86_RAX] & 0xffff;
    unsigned bits = 8 * size;
    unsigned __int128 hi = cpu->regs[X86_RDX] & size_mask(size);
    return hi << bits | (cpu->regs[X86_RAX] & size_mask(size));
}

static void x86_div(CpuCommon *env, uint64_t divisor, uint32_t size)
{
    X86Cpu *cpu = (X86Cpu *)env;
    divisor &= size_mask(size);
    if (divisor == 0)
        divide_error(env);
    unsigned __int128 n = dividend(cpu, size);
    unsigned __int128 q = n / divisor;
    if (q > size_mask(size))
        divide_error(env);
    div_result(cpu, size, (uint64_t)q, (uint64_t)(n % divisor));
}

static __int128 sign_extend(unsigned __int128 v, unsigned bits)
{
    unsigned shift = 128 - bits;
    return (__int128)(v << shift) >> shift;
}

static void x86_idiv(CpuCommon *env, uint64_t divisor, uint32_t size)
{
    X86Cpu *cpu = (X86Cpu *)env;
    unsigned bits = 8 * size;
    __int128 d = sign_extend(divisor & size_mask(size), bits);
    if (d == 0)
        divide_error(env);
    __int128 n = sign_extend(dividend(cpu, size), size == 1 ? 16 : 2 * bits);
    __int128 min = -((__int128)1 << (bits - 1)), max = ((__int128)1 << (bits - 1)) - 1;
    if (size == 8 && d == -1 && n == (__int128)((unsigned __int128)1 << 127))
        divide_error(env); /* the one quotient __int128 cannot hold */
    __int128 q = n / d;
    if (q < min || q > max)
        divide_error(env);
    div_result(cpu, size, (uint64_t)q, (uint64_t)(n % d));
}

const IrHelper x86_helper_div = {
    .name = "x86_div", .fn = (void *)x86_div,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 2, .args = {IR_I64, IR_I32},
};

const IrHelper x86_helper_idiv = {
    .name = "x86_idiv", .fn = (void *)x86_idiv,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 2, .args = {IR_I64, IR_I32},
};

/* ---- RCL / RCR ------------------------------------------------------------- */

/* Rotate through CF. 8- and 16-bit operands rotate (count mod 9 / 17)
 * times; when that is 0 times, nothing changes. OF is that of a 1-bit
 * rotate (RCL: top two bits of the value differ; RCR: top bit != CF). */
static uint64_t x86_rotate_carry(CpuCommon *env, uint64_t value, uint32_t count, uint32_t info)
{
    X86Cpu *cpu = (X86Cpu *)env;
    unsigned size = info & 0xff, bits = 8 * size;
    bool right = info & X86_RC_RIGHT;
    uint64_t mask = size_mask(size);
    value &= mask;
    unsigned c = count & (size == 8 ? 63 : 31);
    if (c == 0)
        return value;
    unsigned steps = bits < 32 ? c % (bits + 1) : c;
    if (steps == 0) /* (count mod 9 or 17) == 0: the hardware changes no flag either */
        return value;
    uint32_t flags = x86_get_eflags(cpu) & X86_STATUS_FLAGS;
    uint64_t cf = flags & X86_CF, v = value;
    for (unsigned i = 0; i < steps; i++) {
        uint64_t out = right ? v & 1 : (v >> (bits - 1)) & 1;
        v = right ? (v >> 1) | cf << (bits - 1) : ((v << 1) | cf) & mask;
        cf = out;
    }
    uint64_t top = (value >> (bits - 1)) & 1;
    uint64_t of = right ? top ^ (flags & X86_CF) : top ^ ((value >> (bits - 2)) & 1);
    flags = (flags & ~(uint32_t)(X86_CF | X86_OF)) | (uint32_t)cf | (of ? X86_OF : 0);
    x86_set_status_flags(cpu, flags);
    return v;
}

const IrHelper x86_helper_rotate_carry = {
    .name = "x86_rotate_carry", .fn = (void *)x86_rotate_carry,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
    .has_ret = true, .ret = IR_I64,
    .nargs = 3, .args = {IR_I64, IR_I32, IR_I32},
};

/* ---- CMPXCHG16B --------------------------------------------------------------- */

/* System mode, one cpu: through the TLB. The operand is 16-byte aligned,
 * so both halves lie in one page: once the first store passed the page's
 * checks, the second does too, and a fault changes nothing. */
static uint32_t cmpxchg16b_softmmu(X86Cpu *cpu, uint64_t addr)
{
    CpuCommon *env = &cpu->common;
    unsigned idx = x86_sys_cpl(cpu) == 3 ? X86_MMU_USER : X86_MMU_KERNEL;
    uint32_t mo = IR_MO_64 | idx << IR_MO_IDX_SHIFT;
    uint64_t lo = guest_ld(env, addr, mo), hi = guest_ld(env, addr + 8, mo);
    bool equal = lo == cpu->regs[X86_RAX] && hi == cpu->regs[X86_RDX];
    if (equal) {
        guest_st(env, addr, cpu->regs[X86_RBX], mo);
        guest_st(env, addr + 8, cpu->regs[X86_RCX], mo);
    } else {
        cpu->regs[X86_RAX] = lo;
        cpu->regs[X86_RDX] = hi;
    }
    return equal;
}

/* Compare RDX:RAX with m128; equal: m128 = RCX:RBX, else RDX:RAX = m128.
 * The operand must be 16-byte aligned (#GP). Returns ZF. */
static uint32_t x86_cmpxchg16b(CpuCommon *env, uint64_t addr)
{
    X86Cpu *cpu = (X86Cpu *)env;
    if (addr & 15)
        cpu_loop_exit(env, EXIT_PRIV);
    if (env->tlb)
        return cmpxchg16b_softmmu(cpu, addr);
    uint64_t *p = (uint64_t *)(env->guest_base + addr);
    uint64_t lo = cpu->regs[X86_RAX], hi = cpu->regs[X86_RDX];
    bool equal;
#if defined(__x86_64__)
    asm volatile("lock cmpxchg16b %1"
                 : "=@ccz"(equal), "+m"(*(volatile unsigned __int128 *)p), "+a"(lo), "+d"(hi)
                 : "b"(cpu->regs[X86_RBX]), "c"(cpu->regs[X86_RCX])
                 : "memory");
#else
    G_LOCK_DEFINE_STATIC(cmpxchg16b_fallback); /* hosts without a 16-byte compare-and-swap */
    G_LOCK(cmpxchg16b_fallback);
    equal = p[0] == lo && p[1] == hi;
    if (equal) {
        p[0] = cpu->regs[X86_RBX];
        p[1] = cpu->regs[X86_RCX];
    } else {
        lo = p[0];
        hi = p[1];
    }
    G_UNLOCK(cmpxchg16b_fallback);
#endif
    cpu->regs[X86_RAX] = lo;
    cpu->regs[X86_RDX] = hi;
    return equal;
}

const IrHelper x86_helper_cmpxchg16b = {
    .name = "x86_cmpxchg16b", .fn = (void *)x86_cmpxchg16b,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .has_ret = true, .ret = IR_I32,
    .nargs = 1, .args = {IR_I64},
};

/* ---- CPUID, RDTSC ---------------------------------------------------------------- */

static void cpuid_into_regs(CpuCommon *env)
{
    X86Cpu *cpu = (X86Cpu *)env;
    uint32_t out[4];
    x86_cpuid((uint32_t)cpu->regs[X86_RAX], (uint32_t)cpu->regs[X86_RCX], out);
    cpu->regs[X86_RAX] = out[0];
    cpu->regs[X86_RBX] = out[1];
    cpu->regs[X86_RCX] = out[2];
    cpu->regs[X86_RDX] = out[3];
}

const IrHelper x86_helper_cpuid = {
    .name = "x86_cpuid", .fn = (void *)cpuid_into_regs,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV,
};

uint64_t x86_host_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The TSC ticks once per host nanosecond from cpu_init on. */
static uint64_t x86_rdtsc(CpuCommon *env)
{
    return x86_host_ns() - ((const X86Cpu *)env)->tsc_base;
}

const IrHelper x86_helper_rdtsc = {
    .name = "x86_rdtsc", .fn = (void *)x86_rdtsc,
    .flags = IR_HELPER_READS_ENV,
    .has_ret = true, .ret = IR_I64,
};

/* ---- segment loads ------------------------------------------------------------------ */

/* Linux's flat user segments (GDT indices), present whatever the table
 * says: x86-64 __USER32_CS 4, __USER_DS 5, __USER_CS 6; i386 __USER_CS
 * 14, __USER_DS 15. */
static bool flat_user_segment(const CpuCommon *env, unsigned index)
{
    if (env->tb_flags & X86_TBF_LONG)
        return index >= 4 && index <= 6;
    return index == 14 || index == 15;
}

/* mov Sreg, r/m and pop Sreg: the selector's descriptor from the GDT or
 * LDT (bit 2), its base into seg_base; a null selector is fine except
 * for SS. A selector naming no present descriptor is #GP. */
static void x86_load_seg(CpuCommon *env, uint32_t seg, uint32_t selector)
{
    X86Cpu *cpu = (X86Cpu *)env;
    uint16_t sel = (uint16_t)selector;
    unsigned index = sel >> 3;
    bool ldt = sel & 4;
    uint64_t base = 0;
    if (index == 0 && !ldt) {
        if (seg == X86_SS)
            cpu_loop_exit(env, EXIT_PRIV);
    } else {
        const X86SegDesc *table = ldt ? cpu->ldt : cpu->gdt;
        unsigned n = ldt ? X86_LDT_ENTRIES : X86_GDT_ENTRIES;
        if (index < n && (table[index].flags & X86_DESC_PRESENT))
            base = table[index].base;
        else if (ldt || !flat_user_segment(env, index))
            cpu_loop_exit(env, EXIT_PRIV);
    }
    cpu->seg_sel[seg] = sel;
    cpu->seg_base[seg] = base;
}

const IrHelper x86_helper_load_seg = {
    .name = "x86_load_seg", .fn = (void *)x86_load_seg,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 2, .args = {IR_I32, IR_I32},
};

/* ---- CRC32 (SSE4.2) -------------------------------------------------------------------- */

/* CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) of the low
 * `bytes` bytes of value, continuing from crc; no inversions. */
static uint32_t crc32c_update(CpuCommon *env, uint32_t crc, uint64_t value, uint32_t bytes)
{
    (void)env;
    for (unsigned b = 0; b < bytes; b++) {
        crc ^= (uint8_t)(value >> (8 * b));
        for (int k = 0; k < 8; k++)
            crc = (crc & 1) ? (crc >> 1) ^ 0x82f63b78u : crc >> 1;
    }
    return crc;
}

const IrHelper x86_helper_crc32 = {
    .name = "x86_crc32", .fn = (void *)crc32c_update,
    .flags = IR_HELPER_PURE,
    .has_ret = true, .ret = IR_I32,
    .nargs = 3, .args = {IR_I32, IR_I64, IR_I32},
};

/* ---- decimal adjustments (i386) -------------------------------------------------------- */

static uint32_t zsp_of_byte(uint8_t v)
{
    return (v == 0 ? X86_ZF : 0) | (v & 0x80 ? X86_SF : 0) | (__builtin_parity(v) ? 0 : X86_PF);
}

/* DAA/DAS: correct AL after adding/subtracting packed BCD (SDM pseudocode). */
static uint32_t decimal_adjust(uint32_t *ax, uint32_t flags, bool subtract)
{
    uint8_t al = (uint8_t)*ax, old_al = al;
    bool old_cf = flags & X86_CF, cf = false, af = false;
    if ((al & 0xf) > 9 || (flags & X86_AF)) {
        cf = old_cf || (subtract ? al < 6 : al > 0xf9);
        al = (uint8_t)(subtract ? al - 6 : al + 6);
        af = true;
    }
    if (old_al > 0x99 || old_cf) {
        al = (uint8_t)(subtract ? al - 0x60 : al + 0x60);
        cf = true;
    } else if (!subtract) {
        cf = false;
    }
    *ax = (*ax & 0xff00) | al;
    return (cf ? X86_CF : 0) | (af ? X86_AF : 0) | zsp_of_byte(al);
}

/* AAA/AAS: correct AL (and carry into AH) after unpacked BCD add/subtract. */
static uint32_t ascii_adjust(uint32_t *ax, uint32_t flags, bool subtract)
{
    bool adjust = (*ax & 0xf) > 9 || (flags & X86_AF);
    if (adjust && subtract) { /* AX -= 6 (AL's borrow reaches AH), then AH -= 1 */
        uint32_t v = (*ax - 6) & 0xffff;
        *ax = (v & 0xff) | (((v >> 8) - 1) & 0xff) << 8;
    } else if (adjust) {
        *ax = (*ax + 0x106) & 0xffff;
    }
    *ax &= 0xff0f;
    return (adjust ? X86_CF | X86_AF : 0) | zsp_of_byte((uint8_t)*ax);
}

static void x86_bcd(CpuCommon *env, uint32_t op, uint32_t base)
{
    X86Cpu *cpu = (X86Cpu *)env;
    uint32_t ax = (uint32_t)cpu->regs[X86_RAX] & 0xffff;
    uint32_t flags = x86_get_eflags(cpu), out;
    uint8_t al = (uint8_t)ax, ah = (uint8_t)(ax >> 8);
    switch (op) {
    case X86_BCD_DAA: out = decimal_adjust(&ax, flags, false); break;
    case X86_BCD_DAS: out = decimal_adjust(&ax, flags, true); break;
    case X86_BCD_AAA: out = ascii_adjust(&ax, flags, false); break;
    case X86_BCD_AAS: out = ascii_adjust(&ax, flags, true); break;
    case X86_BCD_AAM:
        if (base == 0)
            divide_error(env);
        ax = (uint32_t)(al / base) << 8 | (al % base);
        out = zsp_of_byte((uint8_t)ax);
        break;
    default: /* AAD */
        ax = (uint8_t)(al + ah * base);
        out = zsp_of_byte((uint8_t)ax);
        break;
    }
    cpu->regs[X86_RAX] = (cpu->regs[X86_RAX] & ~0xffffull) | ax;
    x86_set_status_flags(cpu, out);
}

const IrHelper x86_helper_bcd = {
    .name = "x86_bcd", .fn = (void *)x86_bcd,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 2, .args = {IR_I32, IR_I32},
};
