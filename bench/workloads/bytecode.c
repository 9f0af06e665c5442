/* bench/workloads/bytecode.c — a branchy bytecode interpreter: a small stack
 * machine (switch dispatch, data-dependent branches) runs a Collatz program
 * over n = 1..~2000, SIZE times. Prints the total step count and the highest
 * value seen. Exercises indirect jumps, unpredictable branches and short blocks. */
#include <inttypes.h>

#include "common.h"

/* The machine's instructions; "arg" is the word after the opcode. */
typedef enum Op {
    OP_PUSH,  /* push arg */
    OP_LOAD,  /* push slot[arg] */
    OP_STORE, /* slot[arg] = pop */
    OP_INC,   /* slot[arg] += 1 */
    OP_ADD,   /* b = pop, a = pop, push a + b */
    OP_MUL,   /* b = pop, a = pop, push a * b */
    OP_AND,   /* b = pop, a = pop, push a & b */
    OP_SHR,   /* b = pop, a = pop, push a >> b */
    OP_LT,    /* b = pop, a = pop, push a < b */
    OP_EQ,    /* b = pop, a = pop, push a == b */
    OP_MAX,   /* slot[arg] = max(slot[arg], top); keeps top */
    OP_JMP,   /* pc = arg */
    OP_JZ,    /* if pop == 0: pc = arg */
    OP_JNZ,   /* if pop != 0: pc = arg */
    OP_HALT,
} Op;

/* Variable slots of the Collatz program. */
enum { N, LIMIT, X, STEPS, PEAK, NSLOTS };

/* A tiny assembler: jumps name a label, patched once the label is placed. */
enum { MAX_CODE = 128, MAX_LABELS = 8, MAX_FIXUPS = 16 };
typedef struct Asm {
    uint32_t code[MAX_CODE];
    int len;
    int label_pos[MAX_LABELS];
    struct { int at, label; } fixup[MAX_FIXUPS];
    int nfixups;
} Asm;

static void emit(Asm *a, Op op) { a->code[a->len++] = op; }

static void emit_arg(Asm *a, Op op, uint32_t arg)
{
    emit(a, op);
    a->code[a->len++] = arg;
}

static void emit_jump(Asm *a, Op op, int label)
{
    emit(a, op);
    a->fixup[a->nfixups].at = a->len;
    a->fixup[a->nfixups++].label = label;
    a->code[a->len++] = 0;
}

static void place(Asm *a, int label) { a->label_pos[label] = a->len; }

static void resolve_labels(Asm *a)
{
    for (int i = 0; i < a->nfixups; i++)
        a->code[a->fixup[i].at] = (uint32_t)a->label_pos[a->fixup[i].label];
}

/* for n in 1..limit-1: x = n; until x == 1: x = x odd ? 3x+1 : x/2; count steps. */
static void assemble_collatz(Asm *a)
{
    enum { OUTER, INNER, EVEN, COUNT, NEXT, DONE };
    emit_arg(a, OP_PUSH, 1);
    emit_arg(a, OP_STORE, N);
    place(a, OUTER);
    emit_arg(a, OP_LOAD, N);
    emit_arg(a, OP_LOAD, LIMIT);
    emit(a, OP_LT);
    emit_jump(a, OP_JZ, DONE);
    emit_arg(a, OP_LOAD, N);
    emit_arg(a, OP_STORE, X);
    place(a, INNER);
    emit_arg(a, OP_LOAD, X);
    emit_arg(a, OP_PUSH, 1);
    emit(a, OP_EQ);
    emit_jump(a, OP_JNZ, NEXT);
    emit_arg(a, OP_LOAD, X);
    emit_arg(a, OP_PUSH, 1);
    emit(a, OP_AND);
    emit_jump(a, OP_JZ, EVEN);
    emit_arg(a, OP_LOAD, X);
    emit_arg(a, OP_PUSH, 3);
    emit(a, OP_MUL);
    emit_arg(a, OP_PUSH, 1);
    emit(a, OP_ADD);
    emit_arg(a, OP_MAX, PEAK);
    emit_arg(a, OP_STORE, X);
    emit_jump(a, OP_JMP, COUNT);
    place(a, EVEN);
    emit_arg(a, OP_LOAD, X);
    emit_arg(a, OP_PUSH, 1);
    emit(a, OP_SHR);
    emit_arg(a, OP_STORE, X);
    place(a, COUNT);
    emit_arg(a, OP_INC, STEPS);
    emit_jump(a, OP_JMP, INNER);
    place(a, NEXT);
    emit_arg(a, OP_INC, N);
    emit_jump(a, OP_JMP, OUTER);
    place(a, DONE);
    emit(a, OP_HALT);
    resolve_labels(a);
}

static void run(const uint32_t *code, uint32_t *slot)
{
    uint32_t stack[16];
    int sp = 0;
    uint32_t pc = 0;
    for (;;) {
        uint32_t op = code[pc++];
        uint32_t a, b;
        switch (op) {
        case OP_PUSH: stack[sp++] = code[pc++]; break;
        case OP_LOAD: stack[sp++] = slot[code[pc++]]; break;
        case OP_STORE: slot[code[pc++]] = stack[--sp]; break;
        case OP_INC: slot[code[pc++]]++; break;
        case OP_ADD: b = stack[--sp], a = stack[--sp], stack[sp++] = a + b; break;
        case OP_MUL: b = stack[--sp], a = stack[--sp], stack[sp++] = a * b; break;
        case OP_AND: b = stack[--sp], a = stack[--sp], stack[sp++] = a & b; break;
        case OP_SHR: b = stack[--sp], a = stack[--sp], stack[sp++] = a >> b; break;
        case OP_LT: b = stack[--sp], a = stack[--sp], stack[sp++] = a < b; break;
        case OP_EQ: b = stack[--sp], a = stack[--sp], stack[sp++] = a == b; break;
        case OP_MAX:
            a = code[pc++];
            if (stack[sp - 1] > slot[a])
                slot[a] = stack[sp - 1];
            break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
        case OP_JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
        case OP_HALT: return;
        default:
            fprintf(stderr, "bytecode: bad opcode %" PRIu32 " at %" PRIu32 "\n", op, pc - 1);
            exit(1);
        }
    }
}

int main(int argc, char **argv)
{
    long rounds = bench_size(argc, argv, 60);
    static Asm program;
    assemble_collatz(&program);
    uint64_t steps = 0;
    uint32_t peak = 0;
    for (long r = 0; r < rounds; r++) {
        /* Every trajectory from n < 2000 stays far below 2^32. */
        uint32_t slot[NSLOTS] = { [LIMIT] = 2000 - (uint32_t)(r % 7) };
        run(program.code, slot);
        steps += slot[STEPS];
        if (slot[PEAK] > peak)
            peak = slot[PEAK];
    }
    printf("collatz: %" PRIu64 " steps, peak %" PRIu32 "\n", steps, peak);
    return 0;
}
