/* linux-user/x86/abi64.c — the x86-64 Linux ABI: start-up registers, the
 * `syscall` convention (number in rax, arguments in rdi, rsi, rdx, r10,
 * r8, r9; the result or -errno in rax; rcx and r11 hold the return
 * address and RFLAGS, as the instruction left them) and a new thread's
 * registers (CLONE_SETTLS: the FS base, as the kernel's copy_thread sets
 * fsbase with a null FS selector).
 */
#include <elf.h>

#include "linux-user/x86/abi.h"

extern const GuestArch x86_64_guest;
extern const struct LuLayouts x86_64_layouts;
extern const struct LuSignalAbi x86_64_signal_abi;
int x86_64_syscall_id(int nr);
const char *x86_64_syscall_name(int nr);

static void x86_64_init_regs(CpuCommon *cpu, const LuImage *img, uint64_t sp)
{
    x86_reset_regs((X86Cpu *)cpu, sp, true);
    cpu->pc = img->entry;
}

/* do_syscall_64() takes the number as an int: the low 32 bits of rax. */
static int x86_64_syscall_nr(const CpuCommon *cpu)
{
    return (int)(uint32_t)((const X86Cpu *)cpu)->regs[X86_RAX];
}

static void x86_64_syscall_args(const CpuCommon *cpu, uint64_t args[6])
{
    static const int arg_regs[6] = { X86_RDI, X86_RSI, X86_RDX, X86_R10, X86_R8, X86_R9 };
    const X86Cpu *c = (const X86Cpu *)cpu;
    for (int i = 0; i < 6; i++)
        args[i] = c->regs[arg_regs[i]];
}

static void x86_64_syscall_return(CpuCommon *cpu, int64_t ret)
{
    ((X86Cpu *)cpu)->regs[X86_RAX] = (uint64_t)ret;
}

static void x86_64_clone_regs(CpuCommon *child, uint64_t newsp, bool set_tls, uint64_t tls)
{
    X86Cpu *c = (X86Cpu *)child;
    if (newsp)
        c->regs[X86_RSP] = newsp;
    if (set_tls) {
        c->seg_sel[X86_FS] = 0;
        c->seg_base[X86_FS] = tls;
    }
}

LinuxAbi x86_64_linux_abi = {
    .arch = &x86_64_guest,
    .uname_machine = "x86_64",
    .platform = "x86_64",
    .hwcap = 0, /* x86_guest_hwcap(), before main */
    .hwcap2 = 0,
    .page_size = 4096,
    .extra_auxv = NULL,
    .emulate_insn = NULL,
    .init_regs = x86_64_init_regs,
    .syscall_nr = x86_64_syscall_nr,
    .syscall_args = x86_64_syscall_args,
    .syscall_return = x86_64_syscall_return,
    .syscall_id = x86_64_syscall_id,
    .syscall_name = x86_64_syscall_name,
    .layouts = &x86_64_layouts,
    .clone_regs = x86_64_clone_regs,
    .signal = &x86_64_signal_abi,
    .exception_info = x86_exception_info,
};

__attribute__((constructor)) static void x86_64_hwcap_init(void)
{
    x86_64_linux_abi.hwcap = x86_guest_hwcap();
}
