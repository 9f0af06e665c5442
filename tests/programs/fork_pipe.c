/* fork_pipe.c — processes: fork, pipe, waitpid with exit codes and with
 * a child killed by a signal, dup2 to redirect a child's stdout into a pipe,
 * execve of /bin/sh is left out (the guest has no foreign /bin/sh), and
 * a pipeline of two children. No pids are printed. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, int status)
{
    if (WIFEXITED(status))
        printf("%s: exited %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("%s: killed by signal %d\n", what, WTERMSIG(status));
    else
        printf("%s: other status\n", what);
}

int main(void)
{
    fflush(stdout);
    /* Exit codes. */
    for (int code = 0; code < 256; code += 85) {
        fflush(stdout); /* the child must not inherit buffered output */
        pid_t p = fork();
        if (p == 0)
            _exit(code);
        int st;
        if (waitpid(p, &st, 0) != p)
            printf("waitpid failed\n");
        char what[32];
        snprintf(what, sizeof what, "child exit(%d)", code);
        report(what, st);
    }
    /* A child killed by a signal. */
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        raise(SIGUSR1);
        _exit(99);
    }
    int st;
    waitpid(p, &st, 0);
    report("child raise(SIGUSR1)", st);

    /* Parent writes numbers, child sums them and reports through another pipe. */
    int down[2], up[2];
    if (pipe(down) || pipe(up))
        return 1;
    fflush(stdout);
    p = fork();
    if (p == 0) {
        close(down[1]);
        close(up[0]);
        uint32_t sum = 0, v, n = 0;
        while (read(down[0], &v, sizeof v) == sizeof v) {
            sum += v;
            n++;
        }
        char msg[64];
        int len = snprintf(msg, sizeof msg, "child summed %" PRIu32 " values: %" PRIu32, n, sum);
        if (write(up[1], msg, (size_t)len) != len)
            _exit(2);
        _exit(0);
    }
    close(down[0]);
    close(up[1]);
    for (uint32_t i = 1; i <= 10000; i++)
        if (write(down[1], &i, sizeof i) != sizeof i)
            printf("write failed\n");
    close(down[1]);
    char buf[128];
    ssize_t got, total = 0;
    while ((got = read(up[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0)
        total += got;
    buf[total] = 0;
    printf("%s\n", buf);
    waitpid(p, &st, 0);
    report("summing child", st);

    /* A child whose stdout is a pipe (dup2), parent reads its printf output. */
    int out[2];
    if (pipe(out))
        return 1;
    fflush(stdout);
    p = fork();
    if (p == 0) {
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        for (int i = 0; i < 5; i++)
            printf("line %d from child\n", i);
        fflush(stdout);
        _exit(7);
    }
    close(out[1]);
    FILE *f = fdopen(out[0], "r");
    char line[64];
    int lines = 0;
    while (fgets(line, sizeof line, f)) {
        lines++;
        printf("parent got: %s", line);
    }
    fclose(f);
    waitpid(p, &st, 0);
    report("printing child", st);

    /* wait for nothing: ECHILD. */
    errno = 0;
    int w = (int)wait(&st);
    printf("wait with no children: %d %s\n", w, errno == ECHILD ? "ECHILD" : "other");
    /* Reading from a pipe whose writer is gone gives EOF; writing to one whose reader is gone gives EPIPE. */
    int pp[2];
    if (pipe(pp))
        return 1;
    signal(SIGPIPE, SIG_IGN);
    close(pp[0]);
    errno = 0;
    w = (int)write(pp[1], "x", 1);
    printf("write to closed pipe: %d %s\n", w, errno == EPIPE ? "EPIPE" : "other");
    close(pp[1]);
    return 3;
}
