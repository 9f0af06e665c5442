/* frontend/x86/x87_stack.c — the x87 register stack model (TOP, tags,
 * overflow and underflow), the status and tag words as the guest reads
 * them, FNINIT, and the bracket that runs one instruction on the host's
 * x87 unit under the guest's control word (x87.h explains the scheme).
 * The asm here is x86-64 only; another host needs soft-float helpers for
 * the 80-bit format (not written yet).
 */
#include "frontend/x86/x87.h"
#include "util/log.h"

#if !defined(__x86_64__)
#error "the x87 helpers compute on the host's x87 unit: soft-float helpers for other hosts are not written yet"
#endif

void x87_note_raised(const X86Cpu *cpu, unsigned raised)
{
    unsigned unmasked = raised & X87_EXC_MASK & ~cpu->fpuc;
    if (unmasked && log_enabled(LOG_UNIMP))
        log_printf("x87: unmasked exception %#x at pc %#llx not modelled (treated as masked)\n",
                   unmasked, (unsigned long long)cpu->common.insn_pc);
}

void x87_set_st(X86Cpu *cpu, unsigned i, long double v)
{
    unsigned p = x87_phys(cpu, i);
    cpu->st_phys[p] = v;
    cpu->fptag |= (uint16_t)(1u << p);
}

void x87_push(X86Cpu *cpu, long double v)
{
    unsigned top = (cpu->fptop - 1) & 7;
    cpu->fpus &= (uint16_t)~X87_C1;
    if ((cpu->fptag >> top) & 1) {
        cpu->fpus |= X87_IE | X87_SF | X87_C1;
        x87_note_raised(cpu, X87_IE);
        v = x87_indefinite();
    }
    cpu->fptop = top;
    x87_set_st(cpu, 0, v);
}

void x87_push_after_underflow(X86Cpu *cpu, long double v)
{
    cpu->fptop = (cpu->fptop - 1) & 7;
    x87_set_st(cpu, 0, v);
}

void x87_pop(X86Cpu *cpu)
{
    cpu->fptag &= (uint16_t)~(1u << cpu->fptop);
    cpu->fptop = (cpu->fptop + 1) & 7;
}

void x87_underflow(X86Cpu *cpu)
{
    cpu->fpus = (uint16_t)((cpu->fpus & ~X87_C1) | X87_IE | X87_SF);
    x87_note_raised(cpu, X87_IE);
}

bool x87_check2(X86Cpu *cpu, unsigned i, unsigned j)
{
    if (x87_is_empty(cpu, i) || x87_is_empty(cpu, j)) {
        x87_underflow(cpu);
        return false;
    }
    return true;
}

uint16_t x86_x87_status_word(const X86Cpu *cpu)
{
    return (uint16_t)((cpu->fpus & ~(7u << X87_TOP_SHIFT)) | (cpu->fptop & 7) << X87_TOP_SHIFT);
}

void x86_x87_set_status_word(X86Cpu *cpu, uint16_t sw)
{
    x87_host_clear_flags();
    cpu->fptop = (sw >> X87_TOP_SHIFT) & 7;
    cpu->fpus = sw & (uint16_t)~(7u << X87_TOP_SHIFT);
    x87_update_es(cpu); /* ES and B follow the flags and masks, not the image */
}

/* The 2-bit tag the hardware derives from a register's contents. */
static unsigned tag_of_value(long double v)
{
    X87Bits x = x87_bits(v);
    unsigned exp = x.b.sexp & 0x7fff;
    bool integer_bit = x.b.mant >> 63;
    if (exp == 0x7fff)
        return 2;                               /* inf, NaN */
    if (exp == 0)
        return x.b.mant == 0 ? 1 : 2;           /* zero; denormal or pseudo-denormal */
    return integer_bit ? 0 : 2;                 /* valid; unnormal */
}

uint16_t x86_x87_full_tag(const X86Cpu *cpu)
{
    uint16_t tag = 0;
    for (unsigned p = 0; p < 8; p++) {
        unsigned t = (cpu->fptag >> p) & 1 ? tag_of_value(cpu->st_phys[p]) : 3;
        tag |= (uint16_t)(t << (2 * p));
    }
    return tag;
}

void x86_x87_set_full_tag(X86Cpu *cpu, uint16_t tag)
{
    uint16_t abridged = 0;
    for (unsigned p = 0; p < 8; p++)
        if (((tag >> (2 * p)) & 3) != 3)
            abridged |= (uint16_t)(1u << p);
    cpu->fptag = abridged;
}

void x86_x87_reset(X86Cpu *cpu)
{
    x87_host_clear_flags();
    cpu->fpuc = X87_CW_INIT;
    cpu->fpus = 0;
    cpu->fptop = 0;
    cpu->fptag = 0;
    cpu->fpop = 0;
    cpu->fpip = 0;
    cpu->fpdp = 0;
}

/* X87HostCw: morph's control word, and bit 16 when the guest's replaced it. */
enum { HOST_CW_REPLACED = 1u << 16 };

static uint16_t guest_host_cw(const X86Cpu *cpu)
{
    return (uint16_t)((cpu->fpuc & X87_CW_KEEP) | X87_EXC_MASK | X87_CW_ONE);
}

X87HostCw x87_host_enter(const X86Cpu *cpu)
{
    uint16_t saved, guest = guest_host_cw(cpu);
    __asm__ volatile("fnstcw %0" : "=m"(saved) : : "memory");
    if (saved == guest)
        return saved;
    __asm__ volatile("fldcw %0" : : "m"(guest) : "memory");
    return saved | HOST_CW_REPLACED;
}

/* The host stack is empty here (x87 registers do not live across this
 * call), so an environment with every register empty can be loaded. */
X87HostCw x87_host_enter_with_cc(const X86Cpu *cpu)
{
    uint16_t saved;
    uint32_t env[7] = {
        guest_host_cw(cpu),      /* control word */
        cpu->fpus & X87_CC,      /* status: C0-C3 only, no flags */
        0xffff,                  /* tags: all empty */
        0, 0, 0, 0,
    };
    __asm__ volatile("fnstcw %0\n\tfldenv %1" : "=m"(saved) : "m"(env) : "memory");
    return saved | HOST_CW_REPLACED;
}

void x87_host_leave(X87HostCw saved)
{
    uint16_t cw = (uint16_t)saved;
    if (saved & HOST_CW_REPLACED)
        __asm__ volatile("fldcw %0" : : "m"(cw) : "memory");
}

void x87_host_clear_flags(void)
{
    __asm__ volatile("fnclex" : : : "memory");
}

void x87_merge_status(X86Cpu *cpu, uint16_t host_sw, uint16_t cc_mask)
{
    cpu->fpus = (uint16_t)((cpu->fpus & ~cc_mask) | (host_sw & cc_mask) | (host_sw & X87_EXC_MASK));
    if (host_sw & X87_EXC_MASK & ~cpu->fpuc) {
        x87_note_raised(cpu, host_sw);
        x87_update_es(cpu);
    }
}

void x87_update_es(X86Cpu *cpu)
{
    if (cpu->fpus & X87_EXC_MASK & ~cpu->fpuc)
        cpu->fpus |= X87_ES | X87_B;
    else
        cpu->fpus &= (uint16_t)~(X87_ES | X87_B);
}
