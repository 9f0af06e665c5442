/* recursion.c — deep and branchy recursion (Ackermann, Fibonacci,
 * Hanoi, mutual recursion, a recursive-descent expression parser) and calls
 * through function pointers (tables of them, callbacks, pointers returned
 * from functions). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static uint32_t ack(uint32_t m, uint32_t n)
{
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static uint32_t moves;
static void hanoi(int n, int from, int to, int via, uint32_t *sig)
{
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to, sig);
    moves++;
    *sig = *sig * 7 + (uint32_t)(from * 3 + to);
    hanoi(n - 1, via, to, from, sig);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

/* expr := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*;
 * factor := number | '(' expr ')' | '-' factor */
static const char *src;
static int64_t expr(void);
static int64_t factor(void)
{
    if (*src == '(') {
        src++;
        int64_t v = expr();
        src++; /* ')' */
        return v;
    }
    if (*src == '-') {
        src++;
        return -factor();
    }
    int64_t v = 0;
    while (*src >= '0' && *src <= '9')
        v = v * 10 + (*src++ - '0');
    return v;
}
static int64_t term(void)
{
    int64_t v = factor();
    while (*src == '*' || *src == '/') {
        char op = *src++;
        int64_t r = factor();
        v = op == '*' ? v * r : (r ? v / r : 0);
    }
    return v;
}
static int64_t expr(void)
{
    int64_t v = term();
    while (*src == '+' || *src == '-') {
        char op = *src++;
        int64_t r = term();
        v = op == '+' ? v + r : v - r;
    }
    return v;
}

typedef int32_t (*binop)(int32_t, int32_t);
static int32_t op_add(int32_t a, int32_t b) { return a + b; }
static int32_t op_sub(int32_t a, int32_t b) { return a - b; }
static int32_t op_mul(int32_t a, int32_t b) { return a * b; }
static int32_t op_max(int32_t a, int32_t b) { return a > b ? a : b; }
static int32_t op_xor(int32_t a, int32_t b) { return a ^ b; }
static const binop ops[] = {op_add, op_sub, op_mul, op_max, op_xor};
static binop pick(int i) { return ops[i % 5]; }

static int32_t fold(const int32_t *v, int n, binop f, int32_t init)
{
    for (int i = 0; i < n; i++)
        init = f(init, v[i]);
    return init;
}

struct visitor {
    void (*visit)(struct visitor *, int);
    int64_t total;
};
static void visit_sum(struct visitor *v, int x) { v->total += x; }
static void visit_sq(struct visitor *v, int x) { v->total += (int64_t)x * x; }
static void walk(int lo, int hi, struct visitor *v)
{
    if (lo > hi)
        return;
    int mid = (lo + hi) / 2;
    walk(lo, mid - 1, v);
    v->visit(v, mid);
    walk(mid + 1, hi, v);
}

int main(void)
{
    for (uint32_t m = 0; m <= 3; m++)
        for (uint32_t n = 0; n <= 5; n++)
            printf("ack(%" PRIu32 ",%" PRIu32 ")=%" PRIu32 "%c", m, n, ack(m, n), n == 5 ? '\n' : ' ');
    printf("ack(2,200)=%" PRIu32 " ack(3,6)=%" PRIu32 "\n", ack(2, 200), ack(3, 6));
    for (uint32_t n = 0; n <= 25; n += 5)
        printf("fib(%" PRIu32 ")=%" PRIu32 "\n", n, fib(n));
    uint32_t sig = 0;
    hanoi(16, 1, 3, 2, &sig);
    printf("hanoi(16): %" PRIu32 " moves, signature %08" PRIx32 "\n", moves, sig);
    printf("is_even(10001)=%d is_odd(7777)=%d\n", is_even(10001), is_odd(7777));
    static const char *exprs[] = {"1+2*3", "(1+2)*3", "-(4-10)*-(2+3)/3", "1000000*1000000*7-5", "((((((7))))))*((2)-(-3))", "100/7/2+100-3*-3"};
    for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        src = exprs[i];
        printf("%s = %" PRId64 "\n", exprs[i], expr());
    }
    int32_t v[100];
    for (int i = 0; i < 100; i++)
        v[i] = (i * 37) % 101 - 50;
    for (int i = 0; i < 5; i++)
        printf("fold op%d = %" PRId32 "\n", i, fold(v, 100, pick(i), i == 2 ? 1 : 0));
    struct visitor a = {visit_sum, 0}, b = {visit_sq, 0};
    walk(1, 1000, &a);
    walk(-500, 500, &b);
    printf("walk sum=%" PRId64 " sumsq=%" PRId64 "\n", a.total, b.total);
    return 0;
}
