/* frontend/guests.c — the registry of guest architectures. */
#include "frontend/guest.h"

extern const GuestArch ppc32_guest;
extern const GuestArch ppc64_guest;
extern const GuestArch ppc64le_guest;
extern const GuestArch i386_guest;
extern const GuestArch x86_64_guest;
extern const GuestArch ia64_guest;

static const GuestArch *const guests[] = {
    &ppc32_guest,
    &ppc64_guest,
    &ppc64le_guest,
    &i386_guest,
    &x86_64_guest,
    &ia64_guest,
    NULL,
};

const GuestArch *const *guest_list(void)
{
    return guests;
}

const GuestArch *guest_find(unsigned elf_machine, unsigned elf_class, bool big_endian)
{
    for (const GuestArch *const *g = guests; *g; g++) {
        if ((*g)->elf_machine == elf_machine && (*g)->elf_class == elf_class &&
            (*g)->big_endian == big_endian)
            return *g;
    }
    return NULL;
}
