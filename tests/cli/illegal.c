/* tests/cli/illegal.c — a PPC program that prints a line, then executes an
 * illegal instruction (the all-zero word, primary opcode 0) at the global
 * label `morph_illegal_insn`, so the test can look its address up with nm
 * and check that morph names it. The guest must die by SIGILL (status 132). */
#include <stdio.h>

int main(void)
{
    printf("before the illegal instruction\n");
    fflush(stdout);
    __asm__ volatile(".globl morph_illegal_insn\n"
                     "morph_illegal_insn:\n"
                     "\t.long 0\n");
    printf("after the illegal instruction (must not be reached)\n");
    return 0;
}
