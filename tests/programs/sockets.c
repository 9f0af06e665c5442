/* sockets.c — the socket family on loopback: a TCP server and a forked
 * client (bind to port 0, getsockname, listen, connect, accept4, send,
 * recv, shutdown, getpeername), UDP datagrams with sendto/recvfrom,
 * socket options (ints, SO_LINGER, SO_RCVTIMEO, SO_TYPE), and a Unix
 * socketpair carrying data, credentials and a descriptor (SCM_RIGHTS)
 * with sendmsg/recvmsg. Port numbers and pids are never printed. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void tcp(void)
{
    int srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    printf("tcp: SO_REUSEADDR set %d\n", setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one));
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    printf("tcp: bind %d\n", bind(srv, (struct sockaddr *)&sa, sizeof sa));
    socklen_t len = sizeof sa;
    getsockname(srv, (struct sockaddr *)&sa, &len);
    printf("tcp: getsockname len %u family ok %d port nonzero %d\n", (unsigned)len,
           sa.sin_family == AF_INET, sa.sin_port != 0);
    printf("tcp: listen %d\n", listen(srv, 4));
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c, (struct sockaddr *)&sa, sizeof sa) != 0)
            _exit(10);
        const char msg[] = "hello over tcp";
        if (send(c, msg, sizeof msg, 0) != (ssize_t)sizeof msg)
            _exit(11);
        char buf[64];
        ssize_t n = recv(c, buf, sizeof buf, MSG_WAITALL);
        if (n != 6 || memcmp(buf, "reply!", 6) != 0)
            _exit(12);
        close(c);
        _exit(0);
    }
    struct sockaddr_in peer;
    len = sizeof peer;
    int conn = accept4(srv, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
    printf("tcp: accept ok %d len %u family ok %d loopback %d\n", conn >= 0, (unsigned)len,
           peer.sin_family == AF_INET, peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    char buf[64];
    ssize_t n = recv(conn, buf, sizeof buf, 0);
    printf("tcp: received %zd: %s\n", n, n > 0 ? buf : "");
    struct sockaddr_in pn;
    len = sizeof pn;
    getpeername(conn, (struct sockaddr *)&pn, &len);
    printf("tcp: getpeername same port %d\n", pn.sin_port == peer.sin_port);
    int nodelay = 1;
    setsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &nodelay, sizeof nodelay);
    nodelay = 0;
    len = sizeof nodelay;
    getsockopt(conn, IPPROTO_TCP, TCP_NODELAY, &nodelay, &len);
    printf("tcp: TCP_NODELAY %d len %u\n", nodelay != 0, (unsigned)len);
    send(conn, "reply!", 6, 0);
    printf("tcp: shutdown %d\n", shutdown(conn, SHUT_WR));
    n = recv(conn, buf, sizeof buf, 0);
    printf("tcp: after peer close recv %zd\n", n);
    int st;
    waitpid(child, &st, 0);
    printf("tcp: client status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    close(conn);
    close(srv);
}

static void udp(void)
{
    int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    bind(b, (struct sockaddr *)&sa, sizeof sa);
    socklen_t len = sizeof sa;
    getsockname(b, (struct sockaddr *)&sa, &len);
    for (int i = 0; i < 3; i++) {
        char msg[16];
        snprintf(msg, sizeof msg, "datagram %d", i);
        sendto(a, msg, strlen(msg) + 1, 0, (struct sockaddr *)&sa, sizeof sa);
    }
    for (int i = 0; i < 3; i++) {
        char buf[32];
        struct sockaddr_in from;
        socklen_t flen = sizeof from;
        ssize_t n = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
        printf("udp: %zd bytes \"%s\" from loopback %d len %u\n", n, buf,
               from.sin_addr.s_addr == htonl(INADDR_LOOPBACK), (unsigned)flen);
    }
    struct timeval tv = { 0, 20000 }, got;
    setsockopt(b, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    len = sizeof got;
    getsockopt(b, SOL_SOCKET, SO_RCVTIMEO, &got, &len);
    printf("udp: SO_RCVTIMEO %ld.%06ld len ok %d\n", (long)got.tv_sec, (long)got.tv_usec,
           len == sizeof got);
    char buf[8];
    ssize_t n = recv(b, buf, sizeof buf, 0);
    printf("udp: timed out recv %zd %s\n", n, n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? "EAGAIN" : "?");
    int type = 0;
    len = sizeof type;
    getsockopt(b, SOL_SOCKET, SO_TYPE, &type, &len);
    printf("udp: SO_TYPE dgram %d\n", type == SOCK_DGRAM);
    struct linger lg = { 1, 7 }, lg2;
    setsockopt(a, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    len = sizeof lg2;
    getsockopt(a, SOL_SOCKET, SO_LINGER, &lg2, &len);
    printf("udp: SO_LINGER %d %d\n", lg2.l_onoff != 0, lg2.l_linger);
    int rcvlowat = 0;
    len = sizeof rcvlowat;
    getsockopt(a, SOL_SOCKET, SO_RCVLOWAT, &rcvlowat, &len);
    printf("udp: SO_RCVLOWAT %d\n", rcvlowat);
    close(a);
    close(b);
}

static void unix_pair(void)
{
    int sv[2];
    printf("unix: socketpair %d\n", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
    int pass = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &pass, sizeof pass);
    int pfd[2];
    if (pipe(pfd))
        return;
    /* Send two iovecs and a descriptor. */
    char h[] = "head-", t[] = "tail";
    struct iovec iov[2] = { { h, 5 }, { t, 4 } };
    union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr align; } ctl;
    memset(&ctl, 0, sizeof ctl);
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2, .msg_control = ctl.buf,
                        .msg_controllen = sizeof ctl.buf };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &pfd[1], sizeof(int));
    printf("unix: sendmsg %zd\n", sendmsg(sv[0], &m, 0));

    char in[32] = { 0 };
    struct iovec riov = { in, sizeof in - 1 };
    union { char buf[256]; struct cmsghdr align; } rctl;
    struct msghdr r = { .msg_iov = &riov, .msg_iovlen = 1, .msg_control = rctl.buf,
                        .msg_controllen = sizeof rctl.buf };
    ssize_t n = recvmsg(sv[1], &r, 0);
    printf("unix: recvmsg %zd \"%s\" flags %d\n", n, in, r.msg_flags);
    int newfd = -1, creds = 0;
    for (struct cmsghdr *x = CMSG_FIRSTHDR(&r); x; x = CMSG_NXTHDR(&r, x)) {
        if (x->cmsg_level == SOL_SOCKET && x->cmsg_type == SCM_RIGHTS)
            memcpy(&newfd, CMSG_DATA(x), sizeof newfd);
        if (x->cmsg_level == SOL_SOCKET && x->cmsg_type == SCM_CREDENTIALS) {
            struct ucred u;
            memcpy(&u, CMSG_DATA(x), sizeof u);
            creds = u.pid == getpid() && u.uid == getuid() && u.gid == getgid();
        }
    }
    printf("unix: got a descriptor %d, credentials match %d\n", newfd >= 0, creds);
    if (newfd >= 0) {
        if (write(newfd, "through passed fd", 17) != 17)
            return;
        char pb[32] = { 0 };
        printf("unix: pipe read %zd \"%s\"\n", read(pfd[0], pb, sizeof pb - 1), pb);
        close(newfd);
    }
    struct ucred peer;
    socklen_t len = sizeof peer;
    getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &peer, &len);
    printf("unix: SO_PEERCRED ours %d len %u\n", peer.pid == getpid() && peer.uid == getuid(),
           (unsigned)len);
    struct sockaddr_storage ss;
    len = sizeof ss;
    getsockname(sv[0], (struct sockaddr *)&ss, &len);
    printf("unix: getsockname family unix %d len %u\n", ss.ss_family == AF_UNIX, (unsigned)len);
    close(sv[0]);
    close(sv[1]);
    close(pfd[0]);
    close(pfd[1]);
}

int main(void)
{
    tcp();
    udp();
    unix_pair();
    return 0;
}
