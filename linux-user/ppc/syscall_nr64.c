/* linux-user/ppc/syscall_nr64.c — the system-call numbers of 64-bit
 * PowerPC Linux (ppc64 and ppc64le share them): the kernel's
 * arch/powerpc/kernel/syscalls/syscall.tbl rows "common", "64" and
 * "nospu", as installed in asm/unistd_64.h. They are ppc32's numbers
 * (syscall_nr.c) except for the rows below: the 32-bit-only calls
 * (the *64 file calls, mmap2, the *_time64 calls) do not exist, 291 is
 * newfstatat instead of fstatat64, and semtimedop has a number.
 */
#include "linux-user/syscall.h"

#include <stddef.h>
#include <stdint.h>

int ppc32_syscall_id(int nr);
const char *ppc32_syscall_name(int nr);

/* Numbers where ppc64 differs from ppc32: its name there, NULL for none. */
static const struct {
    int nr;
    const char *name;
} ppc64_differs[] = {
    { 119, NULL },  /* sigreturn: 64-bit frames are rt frames only */
    { 192, NULL },  /* mmap2 */
    { 193, NULL },  /* truncate64 */
    { 194, NULL },  /* ftruncate64 */
    { 195, NULL },  /* stat64 */
    { 196, NULL },  /* lstat64 */
    { 197, NULL },  /* fstat64 */
    { 204, NULL },  /* fcntl64 */
    { 226, NULL },  /* sendfile64 */
    { 254, NULL },  /* fadvise64_64 */
    { 291, "newfstatat" },
    { 392, "semtimedop" },
    { 403, NULL }, { 404, NULL }, { 405, NULL }, { 406, NULL }, { 407, NULL }, /* *_time64 */
    { 408, NULL }, { 409, NULL }, { 410, NULL }, { 411, NULL }, { 412, NULL },
    { 413, NULL }, { 414, NULL }, { 416, NULL }, { 417, NULL }, { 418, NULL },
    { 419, NULL }, { 420, NULL }, { 421, NULL }, { 422, NULL }, { 423, NULL },
};

enum { PPC64_NDIFFERS = sizeof ppc64_differs / sizeof ppc64_differs[0] };

/* The row of nr in ppc64_differs, or -1. */
static int ppc64_differ_index(int nr)
{
    for (int i = 0; i < PPC64_NDIFFERS; i++) {
        if (ppc64_differs[i].nr == nr)
            return i;
    }
    return -1;
}

const char *ppc64_syscall_name(int nr)
{
    int k = ppc64_differ_index(nr);
    return k >= 0 ? ppc64_differs[k].name : ppc32_syscall_name(nr);
}

int ppc64_syscall_id(int nr)
{
    int k = ppc64_differ_index(nr);
    if (k < 0)
        return ppc32_syscall_id(nr);
    return ppc64_differs[k].name ? lu_sys_lookup(ppc64_differs[k].name) : -1;
}
