/* frontend/x86/x87_stack.c — the x87 register stack model (TOP, tags,
 * overflow and underflow), the status and tag words as the guest reads
 * them, FNINIT, and the bracket that runs one instruction on the host's
 * x87 unit under the guest's control word (x87.h explains the scheme).
 * The asm here is x86-64 only; another host needs soft-float helpers for
 * the 80-bit format (not written yet: there the bracket does nothing and
 * the computing forms are illegal instructions, see x87_arith.c).
 */
#include "frontend/x86/x87.h"
#include "util/log.h"

void x87_note_raised(const X86Cpu *cpu, unsigned raised)
{
    unsigned unmasked = raised & X87_EXC_MASK & ~cpu->fpuc;
    if (unmasked && log_enabled(LOG_UNIMP))
        log_printf("x87: unmasked exception %#x at pc %#llx not modelled (treated as masked)\n",
                   unmasked, (unsigned long long)cpu->common.insn_pc);
}

void x87_push_overflow(X86Cpu *cpu)
{
    cpu->fpus |= X87_IE | X87_SF | X87_C1;
    x87_note_raised(cpu, X87_IE);
    cpu->fptop = (cpu->fptop - 1) & 7;
    x87_set_st(cpu, 0, x87_indefinite());
}

void x87_underflow(X86Cpu *cpu)
{
    cpu->fpus = (uint16_t)((cpu->fpus & ~X87_C1) | X87_IE | X87_SF);
    x87_note_raised(cpu, X87_IE);
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

void x87_update_tb_flags(X86Cpu *cpu)
{
    bool host = (cpu->fpuc & X87_CW_KEEP) == (IR_X87_HOST_CW & X87_CW_KEEP);
    uint32_t flags = (cpu->common.tb_flags & ~X86_TBF_X87_EXACT) | (host ? 0 : X86_TBF_X87_EXACT);
    cpu->common.tb_flags = flags;
}

void x86_x87_reset(X86Cpu *cpu)
{
    x87_host_clear_flags();
    cpu->fpuc = X87_CW_INIT;
    x87_update_tb_flags(cpu);
    cpu->fpus = 0;
    cpu->fptop = 0;
    cpu->fptag = 0;
    cpu->fpop = 0;
    cpu->fpip = 0;
    cpu->fpdp = 0;
}

#if defined(__x86_64__)

/* The host stack is empty here (x87 registers do not live across this
 * call), so an environment with every register empty can be loaded. */
X87HostCw x87_host_enter_with_cc(const X86Cpu *cpu)
{
    uint16_t saved;
    uint32_t env[7] = {
        x87_host_guest_cw(cpu),  /* control word */
        cpu->fpus & X87_CC,      /* status: C0-C3 only, no flags */
        0xffff,                  /* tags: all empty */
        0, 0, 0, 0,
    };
    __asm__ volatile("fnstcw %0\n\tfldenv %1" : "=m"(saved) : "m"(env) : "memory");
    return saved | X87_HOST_CW_REPLACED;
}

void x87_host_clear_flags(void)
{
    __asm__ volatile("fnclex" : : : "memory");
}

#else

X87HostCw x87_host_enter_with_cc(const X86Cpu *cpu)
{
    (void)cpu;
    return 0;
}
void x87_host_clear_flags(void) {}

#endif

void x87_unmasked_raised(X86Cpu *cpu, uint16_t host_sw)
{
    x87_note_raised(cpu, host_sw);
    x87_update_es(cpu);
}

void x87_update_es(X86Cpu *cpu)
{
    if (cpu->fpus & X87_EXC_MASK & ~cpu->fpuc)
        cpu->fpus |= X87_ES | X87_B;
    else
        cpu->fpus &= (uint16_t)~(X87_ES | X87_B);
}
