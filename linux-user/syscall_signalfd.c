/* linux-user/syscall_signalfd.c — signalfd and signalfd4: a descriptor
 * from which the guest reads its pending signals as struct
 * signalfd_siginfo records.
 *
 * Guest signal numbers are the host's and a signal the guest blocks is
 * blocked on the host too (lu_signal_set_blocked), so it stays pending in
 * the host kernel, where a host signalfd with the guest's mask takes it.
 * The record is 128 bytes of fixed-width fields, the same on every Linux
 * (linux/signalfd.h); a guest of the other byte order gets each field
 * swapped (an LuFdTrans on the descriptor), and ssi_int taken from the
 * sigval where that guest keeps its int:
 *
 *     0 signo   4 errno   8 code   12 pid   16 uid   20 fd   24 tid
 *    28 band   32 overrun 36 trapno 40 status 44 int  48 ptr (u64)
 *    56 utime (u64) 64 stime (u64) 72 addr (u64) 80 addr_lsb (u16)
 *    84 syscall 88 call_addr (u64) 96 arch   100..127 padding
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>


enum { SIGNALFD_RECORD = 128 };

static const struct {
    uint8_t offset, size;
} record_fields[] = {
    { 0, 4 },  { 4, 4 },  { 8, 4 },  { 12, 4 }, { 16, 4 }, { 20, 4 }, { 24, 4 },
    { 28, 4 }, { 32, 4 }, { 36, 4 }, { 40, 4 }, { 44, 4 }, { 48, 8 }, { 56, 8 },
    { 64, 8 }, { 72, 8 }, { 80, 2 }, { 84, 4 }, { 88, 8 }, { 96, 4 },
};

/* Host records (host order) -> guest order, in place. */
static int64_t records_to_guest(void *buf, int64_t len)
{
    const LuLayouts *L = lu_layouts();
    for (int64_t at = 0; at + SIGNALFD_RECORD <= len; at += SIGNALFD_RECORD) {
        uint8_t *rec = (uint8_t *)buf + at;
        if (L->long_size == 8) {
            /* ssi_int is the sigval's int, which a big-endian 64-bit guest
             * wrote in the high half of the u64 the host holds in ssi_ptr */
            uint64_t ptr;
            __builtin_memcpy(&ptr, rec + 48, 8);
            uint32_t high = (uint32_t)(ptr >> 32);
            __builtin_memcpy(rec + 44, &high, 4);
        }
        for (size_t i = 0; i < sizeof record_fields / sizeof record_fields[0]; i++) {
            uint8_t *p = rec + record_fields[i].offset;
            uint64_t v = 0;
            __builtin_memcpy(&v, p, record_fields[i].size); /* host order, little-endian host */
            lu_store_guest(L, p, record_fields[i].size, v);
        }
    }
    return len;
}

static const LuFdTrans signalfd_trans = { records_to_guest, NULL };

static int64_t do_signalfd(const uint64_t a[6], uint64_t guest_flags)
{
    int fd = lu_arg_int(a[0]);
    if (a[2] != 8) /* sizeof the kernel's sigset_t on every guest */
        return -EINVAL;
    int flags = lu_open_flags_to_host((uint32_t)guest_flags);
    if (flags & ~(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    const LuStruct *s = &lu_layouts()->sigset;
    uint64_t v[LU_MAX_FIELDS];
    if (lu_get_struct(s, a[1], v))
        return -EFAULT;
    uint64_t mask = s->f[LU_SS_HI].size ? (v[LU_SS_LO] & 0xffffffffu) | v[LU_SS_HI] << 32
                                        : v[LU_SS_LO];
    long r = syscall(SYS_signalfd4, fd, &mask, (size_t)8, flags);
    if (r < 0)
        return lu_host_err();
    bool host_big = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;
    if (fd == -1)
        lu_fd_trans_set((int)r, lu_layouts()->big_endian != host_big ? &signalfd_trans : NULL);
    return r;
}

int64_t lu_sys_signalfd(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_signalfd(a, 0);
}

int64_t lu_sys_signalfd4(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_signalfd(a, a[3]);
}
