/* exec_self.c — execve: the program runs itself again through
 * /proc/self/exe with its own argv[0], arguments and environment (as
 * Debian's standalone busybox runs its applets), runs a host tool
 * (/bin/echo, a program of the host's architecture), and execs with a
 * pipe carrying the new program's output back. The last step replaces the
 * process itself, so what follows exec must never print. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void report(const char *what, int status)
{
    if (WIFEXITED(status))
        printf("%s: exited %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("%s: killed by signal %d\n", what, WTERMSIG(status));
    else
        printf("%s: other status\n", what);
}

/* The second life: print what exec gave us, exit with a code of ours. */
static int stage2(int argc, char **argv)
{
    printf("stage2: argv[0]=%s argc=%d\n", argv[0], argc);
    for (int i = 1; i < argc; i++)
        printf("stage2: argv[%d]=\"%s\"\n", i, argv[i]);
    const char *v = getenv("EXEC_SELF_VAR");
    printf("stage2: EXEC_SELF_VAR=%s\n", v ? v : "(unset)");
    printf("stage2: MORPH_TEST_A=%s\n", getenv("MORPH_TEST_A") ? getenv("MORPH_TEST_A") : "(unset)");
    return 42;
}

/* fork, exec argv with envp in the child (stdout to a pipe when
 * `capture`), wait; the captured output is printed with a prefix. */
static void run(const char *what, const char *path, char *const argv[], char *const envp[],
                int capture)
{
    int fds[2];
    if (capture && pipe(fds) < 0) {
        printf("pipe failed\n");
        return;
    }
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        if (capture) {
            dup2(fds[1], 1);
            close(fds[0]);
            close(fds[1]);
        }
        execve(path, argv, envp);
        printf("%s: execve failed: %s\n", what, strerror(errno));
        fflush(stdout);
        _exit(127);
    }
    if (capture) {
        close(fds[1]);
        char buf[512];
        ssize_t n, total = 0;
        while ((n = read(fds[0], buf + total, sizeof buf - 1 - (size_t)total)) > 0)
            total += n;
        buf[total] = 0;
        close(fds[0]);
        printf("%s: captured %d bytes: %s", what, (int)total, buf);
    }
    int st;
    if (waitpid(p, &st, 0) != p)
        printf("%s: waitpid failed\n", what);
    report(what, st);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "stage2") == 0)
        return stage2(argc, argv);

    /* Ourselves via /proc/self/exe, with another argv[0] and environment. */
    char *self_argv[] = { "applet-name", "stage2", "with space", "", NULL };
    char *self_env[] = { "EXEC_SELF_VAR=set by parent", NULL };
    run("self", "/proc/self/exe", self_argv, self_env, 0);
    /* The same, inheriting the environment, output through a pipe. */
    run("self-piped", "/proc/self/exe", self_argv, environ, 1);

    /* A host tool. */
    char *echo_argv[] = { "echo", "host", "echo", "runs", NULL };
    run("echo", "/bin/echo", echo_argv, environ, 1);

    /* Failing execs return an error and leave the process as it was. */
    errno = 0;
    int r = execve("./does-not-exist", echo_argv, environ);
    printf("missing: %d %s\n", r, strerror(errno));
    char *dir_argv[] = { "dir", NULL };
    errno = 0;
    r = execve("/", dir_argv, environ);
    printf("directory: %d %s\n", r, strerror(errno));

    /* Finally replace this process: the status is stage2's. */
    printf("exec in place\n");
    fflush(stdout);
    char *last_argv[] = { "last", "stage2", "final", NULL };
    execve("/proc/self/exe", last_argv, environ);
    printf("not reached: %s\n", strerror(errno));
    return 1;
}
