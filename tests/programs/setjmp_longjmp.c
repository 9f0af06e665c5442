/* setjmp_longjmp.c — setjmp/longjmp: non-local exits from deep recursion,
 * values returned by setjmp (including longjmp(env, 0) -> 1), volatile
 * locals surviving the jump, nested jump buffers, and sigsetjmp. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf top;
static int depth_reached;

static void dive(int depth, int limit)
{
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    depth_reached = depth + pad[depth % 64] * 0;
    if (depth == limit)
        longjmp(top, depth);
    if (depth < limit)
        dive(depth + 1, limit);
}

static jmp_buf inner;
static int try_divide(int a, int b)
{
    if (b == 0)
        longjmp(inner, 42);
    return a / b;
}

int main(void)
{
    for (volatile int limit = 0; limit < 200; limit += 37) {
        volatile int tries = 0;
        int r = setjmp(top);
        if (r == 0) {
            tries++;
            dive(0, limit);
            printf("not reached\n");
        } else {
            printf("limit %d: setjmp returned %d, depth %d, tries %d\n", limit, r, depth_reached, tries);
        }
    }
    {
        int r = setjmp(top);
        if (r == 0)
            longjmp(top, 0);
        printf("longjmp(env, 0) made setjmp return %d\n", r);
    }
    static const int den[] = {3, 0, 7, 0, 1};
    for (volatile int i = 0; i < 5; i++) {
        int r = setjmp(inner);
        if (r == 0)
            printf("100/%d = %d\n", den[i], try_divide(100, den[i]));
        else
            printf("100/%d: caught %d\n", den[i], r);
    }
    /* A chain of handlers, innermost first. */
    volatile int counter = 0;
    jmp_buf a, b;
    if (setjmp(a) == 0) {
        counter += 1;
        if (setjmp(b) == 0) {
            counter += 10;
            longjmp(b, 5);
        } else {
            counter += 100;
            longjmp(a, 6);
        }
    } else {
        counter += 1000;
    }
    printf("counter %d\n", counter);
    sigjmp_buf sj;
    volatile int n = 0;
    int r = sigsetjmp(sj, 1);
    if (n < 3) {
        n++;
        siglongjmp(sj, n * 11);
    }
    printf("sigsetjmp last %d after %d jumps\n", r, n);
    return 0;
}
