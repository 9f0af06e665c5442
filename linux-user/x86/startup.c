/* linux-user/x86/startup.c — the state an x86 Linux process starts in and
 * a signal handler's FPU starts in, and AT_HWCAP (the guest CPU's
 * CPUID.1:EDX).
 *
 * Facts from the kernel: start_thread() (arch/x86/kernel/process_*.c)
 * sets the user code and stack segments, EFLAGS = IF (0x200, with the
 * always-one bit 1), the stack pointer at argc and the pc at the entry;
 * ELF_PLAT_INIT zeroes every general register, so rdx/edx (the function
 * the program should register with atexit) is 0. The FPU is the
 * init state of fpu__init (FCW 0x37f, MXCSR 0x1f80, every register and
 * tag empty), which handle_signal() also gives each handler
 * (fpu__clear_user_states). i386's data segments are the 32-bit kernel's
 * __USER_DS; x86-64's DS, ES, FS and GS are null, its SS __USER_DS.
 */
#include <string.h>

#include "frontend/x86/helpers.h"
#include "linux-user/x86/abi.h"

uint32_t x86_guest_hwcap(void)
{
    uint32_t leaf1[4];
    x86_cpuid(1, 0, leaf1);
    return leaf1[3];
}

/* The FXSAVE image of a fresh FPU: FCW 0x37f at 0, MXCSR 0x1f80 at 24,
 * everything else zero (abridged tags 0: every register empty). */
enum { FXSAVE_FCW = 0, FXSAVE_MXCSR = 24, FXSAVE_MXCSR_MASK = 28 };

void x86_fpu_reset(X86Cpu *c)
{
    uint8_t img[512];
    memset(img, 0, sizeof img);
    img[FXSAVE_FCW] = 0x7f;
    img[FXSAVE_FCW + 1] = 0x03;
    img[FXSAVE_MXCSR] = 0x80;
    img[FXSAVE_MXCSR + 1] = 0x1f;
    x86_fxrstor(c, img);
}

/* A flat user segment: base 0, limit 4 GiB in pages, 32-bit, present. */
static const X86SegDesc flat_segment = {
    .base = 0, .limit = 0xfffff,
    .flags = X86_DESC_PRESENT | X86_DESC_32BIT | X86_DESC_LIMIT_PAGES,
};

static void set_user_segments(X86Cpu *c, bool long_mode)
{
    memset(c->gdt, 0, sizeof c->gdt);
    memset(c->ldt, 0, sizeof c->ldt);
    uint16_t cs, ss, data;
    if (long_mode) {
        c->gdt[X86_64_USER32_CS_ENTRY] = flat_segment;
        c->gdt[X86_64_USER_DS_ENTRY] = flat_segment;
        c->gdt[X86_64_USER_CS_ENTRY] = flat_segment;
        cs = x86_user_sel(X86_64_USER_CS_ENTRY);
        ss = x86_user_sel(X86_64_USER_DS_ENTRY);
        data = 0;
    } else {
        c->gdt[X86_I386_USER_CS_ENTRY] = flat_segment;
        c->gdt[X86_I386_USER_DS_ENTRY] = flat_segment;
        cs = x86_user_sel(X86_I386_USER_CS_ENTRY);
        ss = data = x86_user_sel(X86_I386_USER_DS_ENTRY);
    }
    for (int s = 0; s < X86_NSEGS; s++)
        x86_load_segment(c, s, s == X86_CS ? cs : s == X86_SS ? ss : s == X86_FS || s == X86_GS ? 0 : data);
}

void x86_reset_regs(X86Cpu *c, uint64_t sp, bool long_mode)
{
    memset(c->regs, 0, sizeof c->regs);
    c->regs[X86_RSP] = sp;
    c->eflags = X86_EFLAGS_START;
    x86_set_status_flags(c, 0);
    set_user_segments(c, long_mode);
    x86_fpu_reset(c);
}
