/* linux-user/abi.c — the registry of guest Linux ABIs: which LinuxAbi
 * table serves a guest architecture. Adding a guest adds one line here. */
#include "linux-user/lu.h"

extern const LinuxAbi ppc32_linux_abi;
extern const LinuxAbi ppc64_linux_abi;
extern const LinuxAbi ppc64le_linux_abi;
extern LinuxAbi i386_linux_abi;   /* AT_HWCAP filled in before main */
extern LinuxAbi x86_64_linux_abi;
extern const LinuxAbi ia64_linux_abi;

static const LinuxAbi *const abis[] = {
    &ppc32_linux_abi,
    &ppc64_linux_abi,
    &ppc64le_linux_abi,
    &i386_linux_abi,
    &x86_64_linux_abi,
    &ia64_linux_abi,
};

const LinuxAbi *lu_abi_for(const GuestArch *arch)
{
    for (size_t i = 0; i < sizeof abis / sizeof abis[0]; i++) {
        if (abis[i]->arch == arch)
            return abis[i];
    }
    return NULL;
}
