/* tests/unit/x86_layout_probe_libc.c — the part of x86_layout_probe.c
 * whose structs the C library defines (the kernel's uapi headers have no
 * user-space msghdr): msghdr, cmsghdr, iovec, dirent64. Same output form.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/uio.h>

#define FIELD(tag, type, field) \
    printf("%s %s %zu %zu\n", tag, #field, offsetof(type, field), sizeof(((type *)0)->field))
#define SIZE(tag, type) printf("%s - 0 %zu\n", tag, sizeof(type))

void probe_libc(void);

void probe_libc(void)
{
    SIZE("msghdr", struct msghdr);
    FIELD("msghdr", struct msghdr, msg_name);
    FIELD("msghdr", struct msghdr, msg_namelen);
    FIELD("msghdr", struct msghdr, msg_iov);
    FIELD("msghdr", struct msghdr, msg_iovlen);
    FIELD("msghdr", struct msghdr, msg_control);
    FIELD("msghdr", struct msghdr, msg_controllen);
    FIELD("msghdr", struct msghdr, msg_flags);
    SIZE("cmsghdr", struct cmsghdr);
    FIELD("cmsghdr", struct cmsghdr, cmsg_len);
    FIELD("cmsghdr", struct cmsghdr, cmsg_level);
    FIELD("cmsghdr", struct cmsghdr, cmsg_type);
    SIZE("iovec", struct iovec);
    FIELD("iovec", struct iovec, iov_base);
    FIELD("iovec", struct iovec, iov_len);
    FIELD("dirent64", struct dirent64, d_ino);
    FIELD("dirent64", struct dirent64, d_off);
    FIELD("dirent64", struct dirent64, d_reclen);
    FIELD("dirent64", struct dirent64, d_type);
    FIELD("dirent64", struct dirent64, d_name);
}
