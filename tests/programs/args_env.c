/* args_env.c — argc/argv and the environment as the runner gives them:
 * fixed arguments (one with spaces, one empty) and named MORPH_TEST_*
 * variables. Only those are printed; argv[0] and the rest of the
 * environment differ between runs. Also setenv/unsetenv/getenv, strtoll on
 * the arguments and the auxiliary vector's page size. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "non-NULL");
    int n_envp = 0, n_morph = 0;
    for (char **e = envp; *e; e++) {
        n_envp++;
        if (strncmp(*e, "MORPH_TEST_", 11) == 0)
            n_morph++;
    }
    printf("envp==environ: %d, MORPH_TEST_ vars: %d\n", envp == environ, n_morph);
    static const char *names[] = {"MORPH_TEST_A", "MORPH_TEST_B", "MORPH_TEST_EMPTY", "MORPH_TEST_UNSET", "LC_ALL"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *v = getenv(names[i]);
        printf("%s=%s%s%s\n", names[i], v ? "[" : "", v ? v : "(unset)", v ? "]" : "");
    }
    setenv("MORPH_TEST_NEW", "fresh", 1);
    setenv("MORPH_TEST_A", "not replaced", 0);
    setenv("MORPH_TEST_B", "replaced", 1);
    unsetenv("MORPH_TEST_EMPTY");
    printf("after: NEW=%s A=%s B=%s EMPTY=%s\n", getenv("MORPH_TEST_NEW"), getenv("MORPH_TEST_A"), getenv("MORPH_TEST_B"),
           getenv("MORPH_TEST_EMPTY") ? "set" : "unset");
    for (int i = 1; i < argc; i++) {
        char *end;
        long long v = strtoll(argv[i], &end, 0);
        printf("strtoll(argv[%d]) = %lld rest=[%s]\n", i, v, end);
    }
    long ps = sysconf(_SC_PAGESIZE);
    printf("page size is a power of two >= 4096: %d\n", ps >= 4096 && (ps & (ps - 1)) == 0);
    return argc;
}
