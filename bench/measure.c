/* bench/measure.c — bench/run's stopwatch: runs one command and writes its
 * wall time, exit status and peak RSS to a file.
 *
 *   measure RESULT_FILE TIMEOUT_SECONDS COMMAND [ARGS...]
 *
 * RESULT_FILE gets one line: "STATUS SECONDS MAXRSS_KIB TIMED_OUT", where
 * STATUS is the exit status, or -N when a signal N ended the command.
 * Why not time from Python: a child forked from the runner starts with the
 * runner's peak RSS (the kernel keeps the pre-exec high-water mark), so the
 * command is forked from this small program instead, and timed without the
 * runner's own start-up overhead. At TIMEOUT_SECONDS the command is killed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;
static pid_t child;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
    kill(child, SIGKILL);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s RESULT_FILE TIMEOUT_SECONDS COMMAND [ARGS...]\n", argv[0]);
        return 2;
    }
    FILE *result = fopen(argv[1], "w");
    if (!result) {
        fprintf(stderr, "measure: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    unsigned timeout = (unsigned)strtoul(argv[2], NULL, 10);

    double start = now_seconds();
    child = fork();
    if (child < 0) {
        fprintf(stderr, "measure: fork: %s\n", strerror(errno));
        return 2;
    }
    if (child == 0) {
        execvp(argv[3], argv + 3);
        fprintf(stderr, "measure: %s: %s\n", argv[3], strerror(errno));
        _exit(127);
    }
    signal(SIGALRM, on_alarm);
    alarm(timeout);

    int status;
    struct rusage usage;
    while (wait4(child, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "measure: wait4: %s\n", strerror(errno));
            return 2;
        }
    }
    double seconds = now_seconds() - start;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    fprintf(result, "%d %.6f %ld %d\n", code, seconds, usage.ru_maxrss, (int)timed_out);
    return fclose(result) == 0 ? 0 : 2;
}
