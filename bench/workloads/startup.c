/* bench/workloads/startup.c — process start-up: a trivial static program
 * that prints one line and exits. The runner launches it many times; the
 * time per launch is the emulator's start-up cost (loading, first
 * translations, the C library's own initialisation). */
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argv;
    printf("started with %d argument%s\n", argc - 1, argc == 2 ? "" : "s");
    return 0;
}
