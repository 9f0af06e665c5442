/* linux-user/syscall_net.c — sockets: socket, socketpair, bind, connect,
 * listen, accept(4), the names, send/recv and their to/from and msg forms
 * (with SCM_RIGHTS and SCM_CREDENTIALS control messages), their batched
 * forms sendmmsg and recvmmsg (one msg call per entry), shutdown and
 * socket options; and socketcall, the one-entry multiplexer 32-bit
 * PowerPC also has, which reads the arguments from guest memory and calls
 * the same handlers.
 *
 * Socket addresses are bytes except sa_family, a u16 in the guest's byte
 * order (and AF_NETLINK's two u32 ids). Socket types, SOCK_ and MSG_ flags
 * are the generic values on every guest morph has; SOL_SOCKET option
 * names are mapped through the ABI's table.
 */
#include "linux-user/syscall.h"

#include <errno.h>
#include <glib.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "util/log.h"

enum { LU_SOCKADDR_MAX = 128, LU_SOCKOPT_MAX = 1024, LU_CMSG_MAX = 65536 };

/* ---- socket addresses ------------------------------------------------- */

static void swap_netlink_ids(struct sockaddr_storage *ss, socklen_t len, bool to_host)
{
    struct sockaddr_nl *nl = (struct sockaddr_nl *)ss;
    if (ss->ss_family != AF_NETLINK || len < sizeof *nl)
        return;
    (void)to_host; /* the swap is its own inverse */
    uint32_t pid = nl->nl_pid, groups = nl->nl_groups;
    lu_store_guest(lu_layouts(), &nl->nl_pid, 4, pid);
    lu_store_guest(lu_layouts(), &nl->nl_groups, 4, groups);
}

/* Guest sockaddr of len bytes -> host; 0 or -errno. */
static int sockaddr_from_guest(uint64_t addr, uint64_t len, struct sockaddr_storage *out)
{
    if (len > sizeof *out)
        return -EINVAL;
    memset(out, 0, sizeof *out);
    if (lu_copy_from_guest(out, addr, (size_t)len))
        return -EFAULT;
    if (len >= 2)
        out->ss_family = (sa_family_t)lu_load_guest(lu_layouts(), out, 2);
    swap_netlink_ids(out, (socklen_t)len, true);
    return 0;
}

/* Host sockaddr of len bytes -> guest buffer addr whose size is in the
 * socklen_t at len_addr; writes the full length there as the kernel does. */
static int sockaddr_to_guest(uint64_t addr, uint64_t len_addr, struct sockaddr_storage *in,
                             socklen_t len)
{
    if (!addr || !len_addr)
        return 0;
    uint32_t room;
    if (lu_get_u32(len_addr, &room))
        return -EFAULT;
    struct sockaddr_storage g = *in;
    swap_netlink_ids(&g, len, false);
    if (len >= 2)
        lu_store_guest(lu_layouts(), &g, 2, in->ss_family);
    uint32_t n = room < len ? room : len;
    if (n && lu_copy_to_guest(addr, &g, n))
        return -EFAULT;
    return lu_put_u32(len_addr, len);
}

/* A guest socklen_t* in-out length, checked; 0 or -errno. */
static int get_socklen(uint64_t len_addr, socklen_t *len)
{
    uint32_t v;
    if (lu_get_u32(len_addr, &v))
        return -EFAULT;
    if ((int32_t)v < 0)
        return -EINVAL;
    *len = v > sizeof(struct sockaddr_storage) ? sizeof(struct sockaddr_storage) : v;
    return 0;
}

/* ---- sockets ---------------------------------------------------------- */

int64_t lu_sys_socket(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(socket(lu_arg_int(a[0]), lu_arg_int(a[1]), lu_arg_int(a[2])));
}

int64_t lu_sys_socketpair(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int sv[2];
    if (socketpair(lu_arg_int(a[0]), lu_arg_int(a[1]), lu_arg_int(a[2]), sv) < 0)
        return lu_host_err();
    if (lu_put_u32(a[3], (uint32_t)sv[0]) || lu_put_u32(a[3] + 4, (uint32_t)sv[1])) {
        close(sv[0]);
        close(sv[1]);
        return -EFAULT;
    }
    return 0;
}

typedef int AddrFn(int, const struct sockaddr *, socklen_t);

static int64_t with_addr(AddrFn *fn, const uint64_t a[6])
{
    struct sockaddr_storage ss;
    int e = sockaddr_from_guest(a[1], (uint32_t)a[2], &ss);
    if (e)
        return e;
    return lu_ret(fn(lu_arg_int(a[0]), (struct sockaddr *)&ss, (socklen_t)(uint32_t)a[2]));
}

int64_t lu_sys_bind(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return with_addr(bind, a);
}

/* connect may wait for the peer: a guest signal interrupts it. */
static int safe_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    return (int)lu_safe_syscall(SYS_connect, fd, addr, len);
}

int64_t lu_sys_connect(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return with_addr(safe_connect, a);
}

int64_t lu_sys_listen(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(listen(lu_arg_int(a[0]), lu_arg_int(a[1])));
}

static int64_t do_accept4(const uint64_t a[6], int flags)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (a[1] && a[2] && get_socklen(a[2], &len))
        return -EFAULT;
    len = sizeof ss;
    int fd = (int)lu_safe_syscall(SYS_accept4, lu_arg_int(a[0]), a[1] ? (struct sockaddr *)&ss : NULL,
                                  a[1] ? &len : NULL, flags);
    if (fd < 0)
        return lu_host_err();
    if (a[1] && sockaddr_to_guest(a[1], a[2], &ss, len)) {
        close(fd);
        return -EFAULT;
    }
    return fd;
}

int64_t lu_sys_accept(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_accept4(a, 0);
}

int64_t lu_sys_accept4(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_accept4(a, lu_arg_int(a[3]));
}

typedef int NameFn(int, struct sockaddr *, socklen_t *);

static int64_t get_name(NameFn *fn, const uint64_t a[6])
{
    struct sockaddr_storage ss;
    socklen_t len;
    if (get_socklen(a[2], &len))
        return -EFAULT;
    len = sizeof ss;
    if (fn(lu_arg_int(a[0]), (struct sockaddr *)&ss, &len) < 0)
        return lu_host_err();
    return sockaddr_to_guest(a[1], a[2], &ss, len);
}

int64_t lu_sys_getsockname(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return get_name(getsockname, a);
}

int64_t lu_sys_getpeername(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return get_name(getpeername, a);
}

int64_t lu_sys_shutdown(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return lu_ret(shutdown(lu_arg_int(a[0]), lu_arg_int(a[1])));
}

/* ---- send and receive ---------------------------------------------------- */

static size_t guest_size(uint64_t v)
{
    return lu_layouts()->long_size == 4 ? (size_t)(uint32_t)v : (size_t)v;
}

int64_t lu_sys_sendto(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    size_t len = guest_size(a[2]);
    if (len && !lu_access_ok(a[1], len, PROT_READ))
        return -EFAULT;
    struct sockaddr_storage ss;
    socklen_t alen = 0;
    if (a[4]) {
        int e = sockaddr_from_guest(a[4], (uint32_t)a[5], &ss);
        if (e)
            return e;
        alen = (socklen_t)(uint32_t)a[5];
    }
    return lu_ret(lu_safe_syscall(SYS_sendto, lu_arg_int(a[0]), lu_g2h(a[1]), len, lu_arg_int(a[3]),
                                  a[4] ? (struct sockaddr *)&ss : NULL, alen));
}

int64_t lu_sys_send(CpuCommon *cpu, const uint64_t a[6])
{
    const uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return lu_sys_sendto(cpu, b);
}

int64_t lu_sys_recvfrom(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    size_t len = guest_size(a[2]);
    if (len && !lu_access_ok(a[1], len, PROT_WRITE))
        return -EFAULT;
    struct sockaddr_storage ss;
    socklen_t alen = sizeof ss;
    if (a[4] && get_socklen(a[5], &alen))
        return -EFAULT;
    alen = sizeof ss;
    ssize_t n = lu_safe_syscall(SYS_recvfrom, lu_arg_int(a[0]), lu_g2h(a[1]), len, lu_arg_int(a[3]),
                                a[4] ? (struct sockaddr *)&ss : NULL, a[4] ? &alen : NULL);
    if (n < 0)
        return lu_host_err();
    if (a[4] && sockaddr_to_guest(a[4], a[5], &ss, alen))
        return -EFAULT;
    return n;
}

int64_t lu_sys_recv(CpuCommon *cpu, const uint64_t a[6])
{
    const uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
    return lu_sys_recvfrom(cpu, b);
}

/* ---- control messages ------------------------------------------------------ */

/* A guest control message's payload starts after its header, aligned to a
 * long, as the guest's CMSG_DATA does. */
static uint64_t guest_cmsg_align(uint64_t n)
{
    uint64_t w = lu_layouts()->long_size;
    return (n + w - 1) & ~(w - 1);
}

/* The payload's form: ints (SCM_RIGHTS fds, SCM_CREDENTIALS' pid/uid/gid)
 * are swapped word by word; anything else passes as bytes. */
static bool cmsg_is_u32s(int level, int type)
{
    return level == SOL_SOCKET && (type == SCM_RIGHTS || type == SCM_CREDENTIALS);
}

static void swap_u32s(void *p, size_t len)
{
    uint8_t *b = p;
    for (size_t i = 0; i + 4 <= len; i += 4) {
        uint32_t v;
        memcpy(&v, b + i, 4);
        lu_store_guest(lu_layouts(), b + i, 4, v);
    }
}

/* Guest control buffer -> host buffer (g_malloc'ed into *out); its length
 * or -errno. */
static int64_t cmsgs_from_guest(uint64_t addr, uint64_t len, void **out)
{
    const LuStruct *h = &lu_layouts()->cmsghdr;
    uint64_t hdr = guest_cmsg_align(h->size);
    size_t cap = (size_t)len * 2 + 64, used = 0;
    uint8_t *buf = g_malloc0(cap);
    for (uint64_t pos = 0; pos + h->size <= len;) {
        uint64_t v[LU_MAX_FIELDS];
        if (lu_get_struct(h, addr + pos, v)) {
            g_free(buf);
            return -EFAULT;
        }
        uint64_t clen = v[LU_CMSG_LEN];
        if (clen < hdr || pos + clen > len) {
            g_free(buf);
            return -EINVAL;
        }
        size_t data = (size_t)(clen - hdr);
        struct cmsghdr *c = (struct cmsghdr *)(buf + used);
        if (used + CMSG_SPACE(data) > cap) {
            g_free(buf);
            return -EINVAL;
        }
        c->cmsg_len = CMSG_LEN(data);
        c->cmsg_level = (int)v[LU_CMSG_LEVEL];
        c->cmsg_type = (int)v[LU_CMSG_TYPE];
        if (lu_copy_from_guest(CMSG_DATA(c), addr + pos + hdr, data)) {
            g_free(buf);
            return -EFAULT;
        }
        if (cmsg_is_u32s(c->cmsg_level, c->cmsg_type))
            swap_u32s(CMSG_DATA(c), data);
        used += CMSG_SPACE(data);
        pos += guest_cmsg_align(clen);
    }
    *out = buf;
    return (int64_t)used;
}

/* Host control messages -> guest buffer of room bytes; the guest length
 * used, with MSG_CTRUNC added to *flags when they do not fit. */
static uint64_t cmsgs_to_guest(struct msghdr *m, uint64_t addr, uint64_t room, int *flags)
{
    const LuStruct *h = &lu_layouts()->cmsghdr;
    uint64_t hdr = guest_cmsg_align(h->size), pos = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
        size_t data = c->cmsg_len - CMSG_LEN(0);
        uint64_t glen = hdr + data;
        if (pos + glen > room) {
            *flags |= MSG_CTRUNC;
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
                int *fds = (int *)CMSG_DATA(c); /* the guest will never see these */
                for (size_t i = 0; i < data / 4; i++)
                    close(fds[i]);
            }
            continue;
        }
        uint64_t v[LU_MAX_FIELDS] = {
            [LU_CMSG_LEN] = glen, [LU_CMSG_LEVEL] = (uint64_t)(int64_t)c->cmsg_level,
            [LU_CMSG_TYPE] = (uint64_t)(int64_t)c->cmsg_type,
        };
        uint8_t *tmp = g_memdup2(CMSG_DATA(c), data ? data : 1);
        if (cmsg_is_u32s(c->cmsg_level, c->cmsg_type))
            swap_u32s(tmp, data);
        lu_put_struct(h, addr + pos, v);
        lu_copy_to_guest(addr + pos + hdr, tmp, data);
        g_free(tmp);
        pos += guest_cmsg_align(glen);
        if (pos > room)
            pos = room;
    }
    return pos;
}

/* ---- sendmsg, recvmsg ----------------------------------------------------- */

static int64_t do_msg(const uint64_t a[6], bool receive)
{
    const LuStruct *ms = &lu_layouts()->msghdr;
    uint64_t v[LU_MAX_FIELDS];
    if (lu_get_struct(ms, a[1], v))
        return -EFAULT;
    struct iovec iov[LU_IOV_MAX];
    int64_t n = lu_iov_from_guest(v[LU_MSG_IOV], (int)(int64_t)v[LU_MSG_IOVLEN],
                                  receive ? PROT_WRITE : PROT_READ, iov);
    if (n < 0)
        return n;
    struct sockaddr_storage ss;
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = (size_t)n };
    if (v[LU_MSG_NAME]) {
        m.msg_name = &ss;
        m.msg_namelen = receive ? sizeof ss : (socklen_t)v[LU_MSG_NAMELEN];
        if (!receive) {
            int e = sockaddr_from_guest(v[LU_MSG_NAME], v[LU_MSG_NAMELEN], &ss);
            if (e)
                return e;
        }
    }
    void *control = NULL;
    if (v[LU_MSG_CONTROL] && v[LU_MSG_CONTROLLEN]) {
        if (v[LU_MSG_CONTROLLEN] > LU_CMSG_MAX)
            return -ENOBUFS;
        if (receive) {
            m.msg_controllen = (size_t)v[LU_MSG_CONTROLLEN] * 2 + 64;
            control = g_malloc0(m.msg_controllen);
        } else {
            int64_t len = cmsgs_from_guest(v[LU_MSG_CONTROL], v[LU_MSG_CONTROLLEN], &control);
            if (len < 0)
                return len;
            m.msg_controllen = (size_t)len;
        }
        m.msg_control = control;
    }
    int fd = lu_arg_int(a[0]), flags = lu_arg_int(a[2]);
    ssize_t r = lu_safe_syscall(receive ? SYS_recvmsg : SYS_sendmsg, fd, &m, flags);
    int64_t ret = r < 0 ? lu_host_err() : r;
    if (receive && r >= 0) {
        int mflags = m.msg_flags;
        uint64_t clen = control ? cmsgs_to_guest(&m, v[LU_MSG_CONTROL],
                                                 v[LU_MSG_CONTROLLEN], &mflags) : 0;
        v[LU_MSG_CONTROLLEN] = clen;
        v[LU_MSG_FLAGS] = (uint64_t)(int64_t)mflags;
        if (v[LU_MSG_NAME]) {
            struct sockaddr_storage g = ss;
            uint64_t room = v[LU_MSG_NAMELEN];
            if (m.msg_namelen >= 2)
                lu_store_guest(lu_layouts(), &g, 2, ss.ss_family);
            uint64_t copy = room < m.msg_namelen ? room : m.msg_namelen;
            if (copy && lu_copy_to_guest(v[LU_MSG_NAME], &g, (size_t)copy))
                ret = -EFAULT;
            v[LU_MSG_NAMELEN] = m.msg_namelen;
        }
        if (lu_put_struct(ms, a[1], v))
            ret = -EFAULT;
    }
    g_free(control);
    return ret;
}

int64_t lu_sys_sendmsg(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_msg(a, false);
}

int64_t lu_sys_recvmsg(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_msg(a, true);
}

/* ---- sendmmsg, recvmmsg ----------------------------------------------------- */

enum {
    G_MSG_DONTWAIT = 0x40, G_MSG_WAITFORONE = 0x10000,
    LU_MMSG_MAX = 1024, /* UIO_MAXIOV: the kernel's cap on vlen */
};

/* A guest struct mmsghdr: its msghdr, then unsigned msg_len, padded to
 * the guest's long. */
static uint64_t mmsghdr_size(void)
{
    const LuLayouts *L = lu_layouts();
    uint64_t n = L->msghdr.size + 4u;
    return (n + L->long_size - 1) & ~(uint64_t)(L->long_size - 1);
}

/* The kernel's rule for a batch: the count done if any was, else the
 * first entry's error. deadline: recvmmsg's timeout (checked after each
 * message, as the kernel does), NULL for none. */
static int64_t do_mmsg(const uint64_t a[6], bool receive, const struct timespec *deadline)
{
    uint64_t vec = a[1], stride = mmsghdr_size();
    unsigned vlen = (unsigned)a[2];
    int flags = lu_arg_int(a[3]);
    if (vlen > LU_MMSG_MAX)
        vlen = LU_MMSG_MAX;
    unsigned done = 0;
    int64_t err = 0;
    while (done < vlen) {
        uint64_t entry = vec + done * stride;
        uint64_t one[6] = { a[0], entry, (uint64_t)(uint32_t)(flags & ~G_MSG_WAITFORONE), 0, 0, 0 };
        int64_t r = do_msg(one, receive);
        if (r < 0) {
            err = r;
            break;
        }
        if (lu_put_u32(entry + lu_layouts()->msghdr.size, (uint32_t)r)) {
            err = -EFAULT;
            break;
        }
        done++;
        if (receive && (flags & G_MSG_WAITFORONE))
            flags |= G_MSG_DONTWAIT;
        if (deadline) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            if (now.tv_sec > deadline->tv_sec ||
                (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec))
                break;
        }
    }
    return done ? (int64_t)done : err;
}

int64_t lu_sys_sendmmsg(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_mmsg(a, false, NULL);
}

/* recvmmsg's timeout is relative and guest-shaped (ts_layout); it is
 * written back with the time left, as the kernel does. */
static int64_t do_recvmmsg(const uint64_t a[6], const LuStruct *ts_layout)
{
    if (!a[4])
        return do_mmsg(a, true, NULL);
    uint64_t v[LU_MAX_FIELDS];
    if (lu_get_struct(ts_layout, a[4], v))
        return -EFAULT;
    int64_t sec = (int64_t)v[LU_TIME_SEC], nsec = (int64_t)v[LU_TIME_FRAC];
    if (lu_layouts()->long_size == 4) /* a 32-bit kernel reads tv_nsec as a long */
        nsec = (int32_t)nsec;
    if (sec < 0 || nsec < 0 || nsec >= 1000000000)
        return -EINVAL;
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += (time_t)sec;
    deadline.tv_nsec += (long)nsec;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    int64_t r = do_mmsg(a, true, &deadline);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t left = ((int64_t)deadline.tv_sec - now.tv_sec) * 1000000000 +
                   (deadline.tv_nsec - now.tv_nsec);
    if (left < 0)
        left = 0;
    v[LU_TIME_SEC] = (uint64_t)(left / 1000000000);
    v[LU_TIME_FRAC] = (uint64_t)(left % 1000000000);
    if (lu_put_struct(ts_layout, a[4], v))
        return -EFAULT;
    return r;
}

int64_t lu_sys_recvmmsg(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_recvmmsg(a, &lu_layouts()->timespec);
}

int64_t lu_sys_recvmmsg_time64(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    return do_recvmmsg(a, &lu_layouts()->timespec64);
}

/* ---- socket options ----------------------------------------------------- */

/* Host option name of a guest SOL_SOCKET option. */
static int sockopt_name(int level, int guest_name)
{
    if (level != SOL_SOCKET)
        return guest_name;
    for (const LuBitPair *p = lu_layouts()->sockopt_names; p && (p->guest | p->host); p++) {
        if ((int)p->guest == guest_name)
            return (int)p->host;
    }
    return guest_name;
}

/* How an option value is shaped, beyond "an int or bytes". */
typedef enum OptShape { SHAPE_PLAIN, SHAPE_TIMEVAL, SHAPE_U32S } OptShape;

static OptShape sockopt_shape(int level, int host_name)
{
    if (level != SOL_SOCKET)
        return SHAPE_PLAIN;
    if (host_name == SO_RCVTIMEO || host_name == SO_SNDTIMEO)
        return SHAPE_TIMEVAL;
    if (host_name == SO_LINGER || host_name == SO_PEERCRED)
        return SHAPE_U32S; /* struct linger { int; int; }, struct ucred */
    return SHAPE_PLAIN;
}

int64_t lu_sys_setsockopt(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int level = lu_arg_int(a[1]), name = sockopt_name(level, lu_arg_int(a[2]));
    uint32_t len = (uint32_t)a[4];
    if (len > LU_SOCKOPT_MAX)
        return -EINVAL;
    uint8_t buf[LU_SOCKOPT_MAX];
    if (len && lu_copy_from_guest(buf, a[3], len))
        return -EFAULT;
    switch (sockopt_shape(level, name)) {
    case SHAPE_TIMEVAL: {
        const LuStruct *tv = &lu_layouts()->timeval;
        uint64_t v[LU_MAX_FIELDS];
        if (len < tv->size)
            return -EINVAL;
        lu_layout_read(lu_layouts(), tv, buf, v);
        struct timeval t = { .tv_sec = (time_t)v[LU_TIME_SEC], .tv_usec = (long)v[LU_TIME_FRAC] };
        return lu_ret(setsockopt(lu_arg_int(a[0]), level, name, &t, sizeof t));
    }
    case SHAPE_U32S:
        swap_u32s(buf, len);
        break;
    case SHAPE_PLAIN:
        if (len == 4) /* an int, in the guest's order */
            swap_u32s(buf, len);
        break;
    }
    return lu_ret(setsockopt(lu_arg_int(a[0]), level, name, buf, len));
}

int64_t lu_sys_getsockopt(CpuCommon *cpu, const uint64_t a[6])
{
    (void)cpu;
    int level = lu_arg_int(a[1]), name = sockopt_name(level, lu_arg_int(a[2]));
    uint32_t room;
    if (lu_get_u32(a[4], &room))
        return -EFAULT;
    if ((int32_t)room < 0)
        return -EINVAL;
    uint8_t buf[LU_SOCKOPT_MAX];
    OptShape shape = sockopt_shape(level, name);
    socklen_t len = shape == SHAPE_TIMEVAL ? sizeof(struct timeval)
                  : room > sizeof buf ? sizeof buf : room;
    if (getsockopt(lu_arg_int(a[0]), level, name, buf, &len) < 0)
        return lu_host_err();
    if (shape == SHAPE_TIMEVAL) {
        const LuStruct *tv = &lu_layouts()->timeval;
        struct timeval t;
        memcpy(&t, buf, sizeof t);
        uint64_t v[LU_MAX_FIELDS] = { [LU_TIME_SEC] = (uint64_t)t.tv_sec,
                                      [LU_TIME_FRAC] = (uint64_t)t.tv_usec };
        lu_layout_write(lu_layouts(), tv, buf, v);
        len = tv->size;
    } else if (shape == SHAPE_U32S || len == 4) {
        swap_u32s(buf, len);
    }
    if (len > room)
        len = room;
    if (len && lu_copy_to_guest(a[3], buf, len))
        return -EFAULT;
    return lu_put_u32(a[4], len);
}

/* ---- socketcall ----------------------------------------------------------- */

/* socketcall(call, args): call numbers of linux/net.h, with the number of
 * guest longs each reads from args. */
static const struct {
    uint8_t nargs;
    LuSysFn *fn;
} socketcalls[] = {
    [1] = { 3, lu_sys_socket },       [2] = { 3, lu_sys_bind },
    [3] = { 3, lu_sys_connect },      [4] = { 2, lu_sys_listen },
    [5] = { 3, lu_sys_accept },       [6] = { 3, lu_sys_getsockname },
    [7] = { 3, lu_sys_getpeername },  [8] = { 4, lu_sys_socketpair },
    [9] = { 4, lu_sys_send },         [10] = { 4, lu_sys_recv },
    [11] = { 6, lu_sys_sendto },      [12] = { 6, lu_sys_recvfrom },
    [13] = { 2, lu_sys_shutdown },    [14] = { 5, lu_sys_setsockopt },
    [15] = { 5, lu_sys_getsockopt },  [16] = { 3, lu_sys_sendmsg },
    [17] = { 3, lu_sys_recvmsg },     [18] = { 4, lu_sys_accept4 },
    [19] = { 5, lu_sys_recvmmsg },    [20] = { 4, lu_sys_sendmmsg },
};

int64_t lu_sys_socketcall(CpuCommon *cpu, const uint64_t a[6])
{
    int call = lu_arg_int(a[0]);
    if (call < 1 || call >= (int)G_N_ELEMENTS(socketcalls) || !socketcalls[call].fn) {
        if (log_enabled(LOG_UNIMP))
            log_printf("morph: unimplemented socketcall %d\n", call);
        return -ENOSYS;
    }
    uint64_t args[6] = { 0 };
    unsigned word = lu_layouts()->long_size;
    for (unsigned i = 0; i < socketcalls[call].nargs; i++) {
        if (lu_get_long(a[1] + (uint64_t)i * word, &args[i]))
            return -EFAULT;
    }
    return socketcalls[call].fn(cpu, args);
}
