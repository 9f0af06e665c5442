/* linux-user/x86/abi32.c — the i386 Linux ABI: start-up registers, the
 * `int $0x80` system call convention (number in eax, arguments in ebx,
 * ecx, edx, esi, edi, ebp; the result or -errno in eax) and a new
 * thread's registers.
 *
 * CLONE_SETTLS on i386 passes a `struct user_desc *`, not a base: the
 * child gets that descriptor in its own GDT, as set_thread_area would
 * install it (copy_thread → do_set_thread_area), and a segment register
 * that selects the entry (glibc's %gs) takes the new base.
 */
#include <elf.h>

#include "linux-user/x86/abi.h"

extern const GuestArch i386_guest;
extern const struct LuLayouts i386_layouts;
extern const struct LuSignalAbi i386_signal_abi;
int i386_syscall_id(int nr);
const char *i386_syscall_name(int nr);

static void i386_init_regs(CpuCommon *cpu, const LuImage *img, uint64_t sp)
{
    x86_reset_regs((X86Cpu *)cpu, (uint32_t)sp, false);
    cpu->pc = (uint32_t)img->entry;
}

static int i386_syscall_nr(const CpuCommon *cpu)
{
    return (int)(uint32_t)((const X86Cpu *)cpu)->regs[X86_RAX];
}

static void i386_syscall_args(const CpuCommon *cpu, uint64_t args[6])
{
    static const int arg_regs[6] = { X86_RBX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_RBP };
    const X86Cpu *c = (const X86Cpu *)cpu;
    for (int i = 0; i < 6; i++)
        args[i] = (uint32_t)c->regs[arg_regs[i]];
}

static void i386_syscall_return(CpuCommon *cpu, int64_t ret)
{
    ((X86Cpu *)cpu)->regs[X86_RAX] = (uint32_t)ret;
}

static void i386_clone_regs(CpuCommon *child, uint64_t newsp, bool set_tls, uint64_t tls)
{
    X86Cpu *c = (X86Cpu *)child;
    if (newsp)
        c->regs[X86_RSP] = (uint32_t)newsp;
    if (set_tls)
        x86_tls_from_user_desc(c, (uint32_t)tls, false);
}

LinuxAbi i386_linux_abi = {
    .arch = &i386_guest,
    .uname_machine = "i686",
    .platform = "i686",
    .hwcap = 0, /* x86_guest_hwcap(), before main */
    .hwcap2 = 0,
    .page_size = 4096,
    .extra_auxv = NULL,
    .emulate_insn = NULL,
    .init_regs = i386_init_regs,
    .syscall_nr = i386_syscall_nr,
    .syscall_args = i386_syscall_args,
    .syscall_return = i386_syscall_return,
    .syscall_id = i386_syscall_id,
    .syscall_name = i386_syscall_name,
    .layouts = &i386_layouts,
    .clone_regs = i386_clone_regs,
    .signal = &i386_signal_abi,
    .exception_info = x86_exception_info,
};

__attribute__((constructor)) static void i386_hwcap_init(void)
{
    i386_linux_abi.hwcap = x86_guest_hwcap();
}
