/* poll_epoll.c — waiting on descriptors: poll, ppoll, select and pselect
 * on pipes, epoll (level- and edge-triggered, with 64-bit user data), and
 * the event descriptors eventfd (counter and semaphore modes) and timerfd
 * (a one-shot timer read as a count). No timing is printed: only which
 * descriptors were ready. */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void show_poll(const char *what, struct pollfd *p, int n, int r)
{
    printf("%s: %d ready:", what, r);
    for (int i = 0; i < n; i++)
        printf(" [%d]%s%s%s", i, p[i].revents & POLLIN ? " in" : "",
               p[i].revents & POLLOUT ? " out" : "", p[i].revents & POLLHUP ? " hup" : "");
    printf("\n");
}

int main(void)
{
    int a[2], b[2];
    if (pipe(a) || pipe(b))
        return 1;
    if (write(a[1], "x", 1) != 1)
        return 1;

    /* poll and ppoll: a has data, b has none. */
    struct pollfd p[3] = { { a[0], POLLIN, 0 }, { b[0], POLLIN, 0 }, { b[1], POLLOUT, 0 } };
    show_poll("poll", p, 3, poll(p, 3, 0));
    struct timespec ts = { 0, 1000000 };
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGUSR1);
    memset(p, 0, sizeof p);
    p[0] = (struct pollfd){ a[0], POLLIN, 0 };
    p[1] = (struct pollfd){ b[0], POLLIN, 0 };
    show_poll("ppoll", p, 2, ppoll(p, 2, &ts, &mask));

    /* select / pselect with a descriptor above 32 (a second fd_set word on
     * 32-bit guests). */
    int high = dup2(a[0], 40);
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(high, &rd);
    FD_SET(b[0], &rd);
    FD_SET(b[1], &wr);
    struct timeval tv = { 0, 1000 };
    int r = select(high + 1, &rd, &wr, NULL, &tv);
    printf("select: %d high=%d b0=%d b1w=%d\n", r, FD_ISSET(high, &rd), FD_ISSET(b[0], &rd),
           FD_ISSET(b[1], &wr));
    FD_ZERO(&rd);
    FD_SET(b[0], &rd);
    r = pselect(b[0] + 1, &rd, NULL, NULL, &ts, &mask);
    printf("pselect empty: %d b0=%d\n", r, FD_ISSET(b[0], &rd));
    close(high);

    /* epoll: level-triggered reports again, edge-triggered once. */
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ull };
    epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &ev);
    ev.events = EPOLLIN | EPOLLET;
    ev.data.u64 = 0xfedcba9876543210ull;
    epoll_ctl(ep, EPOLL_CTL_ADD, b[0], &ev);
    if (write(b[1], "yz", 2) != 2)
        return 1;
    for (int round = 0; round < 2; round++) {
        struct epoll_event out[4];
        int n = epoll_wait(ep, out, 4, 0);
        uint64_t sum = 0;
        for (int i = 0; i < n; i++)
            sum += out[i].data.u64 ^ out[i].events;
        printf("epoll_wait round %d: %d events, data checksum %016" PRIx64 "\n", round, n, sum);
    }
    struct epoll_event out[4];
    printf("epoll_pwait: %d\n", epoll_pwait(ep, out, 4, 0, &mask));
    int del1 = epoll_ctl(ep, EPOLL_CTL_DEL, a[0], NULL);
    int del2 = epoll_ctl(ep, EPOLL_CTL_DEL, a[0], NULL);
    printf("epoll_ctl del: %d; again: %d errno %s\n", del1, del2, strerror(errno));
    printf("epoll after del: %d\n", epoll_wait(ep, out, 4, 0));
    close(ep);

    /* eventfd: writes add up; a semaphore reads one at a time. */
    int efd = eventfd(5, EFD_NONBLOCK);
    uint64_t v = 0x100000001ull;
    if (write(efd, &v, 8) != 8)
        return 1;
    v = 0;
    ssize_t got = read(efd, &v, 8);
    printf("eventfd: read %zd value %" PRIu64 "\n", got, v);
    got = read(efd, &v, 8);
    printf("eventfd empty: %zd %s\n", got, got < 0 && errno == EAGAIN ? "EAGAIN" : "?");
    close(efd);
    int sem = eventfd(3, EFD_SEMAPHORE);
    for (int i = 0; i < 3; i++) {
        if (read(sem, &v, 8) != 8)
            return 1;
        printf("semaphore read %" PRIu64 "\n", v);
    }
    close(sem);

    /* timerfd: a 5 ms one-shot, waited for with poll, read as one expiry. */
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    /* Armed for an hour first, so the check cannot race the expiry. */
    struct itimerspec its = { .it_value = { 3600, 0 } }, cur, old;
    printf("timerfd_settime: %d\n", timerfd_settime(tfd, 0, &its, NULL));
    timerfd_gettime(tfd, &cur);
    printf("armed: %d\n", cur.it_value.tv_sec > 3500 && cur.it_value.tv_sec <= 3600);
    its.it_value.tv_sec = 0;
    its.it_value.tv_nsec = 5000000;
    timerfd_settime(tfd, 0, &its, &old);
    printf("old value was armed: %d\n", old.it_value.tv_sec > 3500);
    struct pollfd tp = { tfd, POLLIN, 0 };
    printf("timer poll: %d\n", poll(&tp, 1, 5000));
    v = 0;
    got = read(tfd, &v, 8);
    printf("timer read %zd expirations %" PRIu64 "\n", got, v);
    timerfd_gettime(tfd, &cur);
    printf("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0);
    close(tfd);
    return 0;
}
