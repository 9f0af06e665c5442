/* bytecode_vm.c — a tiny stack-machine interpreter (a dispatch loop over a
 * byte-coded program with jumps, calls and a data stack) running three
 * programs: a counting loop with arithmetic, recursive factorial mod a
 * prime, and a sieve of Eratosthenes in VM memory. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

enum {
    OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_OVER, OP_ADD, OP_SUB, OP_MUL, OP_DIVU, OP_MODU, OP_AND, OP_OR, OP_XOR, OP_SHL, OP_SHR,
    OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET, OP_LOAD, OP_STORE, OP_PRINT, OP_NOT,
};
static const char *const op_names[] = {"halt", "push", "pop", "dup", "swap", "over", "add", "sub", "mul", "divu", "modu", "and", "or", "xor",
                                       "shl", "shr", "lt", "eq", "jmp", "jz", "jnz", "call", "ret", "load", "store", "print", "not"};

typedef struct {
    int32_t stack[256];
    int sp;
    uint16_t rstack[512]; /* factorial(200) recurses 200 deep */
    int rsp;
    int32_t mem[4096];
    uint64_t steps;
    uint32_t counts[32];
} Vm;

static int32_t imm(const uint8_t *code, unsigned pc)
{
    return (int32_t)((uint32_t)code[pc] | (uint32_t)code[pc + 1] << 8 | (uint32_t)code[pc + 2] << 16 | (uint32_t)code[pc + 3] << 24);
}

static int run(Vm *vm, const uint8_t *code)
{
    unsigned pc = 0;
    for (;;) {
        uint8_t op = code[pc++];
        vm->steps++;
        vm->counts[op]++;
        int32_t a, b;
        switch (op) {
        case OP_HALT: return vm->sp ? vm->stack[vm->sp - 1] : 0;
        case OP_PUSH: vm->stack[vm->sp++] = imm(code, pc); pc += 4; break;
        case OP_POP: vm->sp--; break;
        case OP_DUP: vm->stack[vm->sp] = vm->stack[vm->sp - 1]; vm->sp++; break;
        case OP_SWAP: a = vm->stack[vm->sp - 1]; vm->stack[vm->sp - 1] = vm->stack[vm->sp - 2]; vm->stack[vm->sp - 2] = a; break;
        case OP_OVER: vm->stack[vm->sp] = vm->stack[vm->sp - 2]; vm->sp++; break;
        case OP_NOT: vm->stack[vm->sp - 1] = !vm->stack[vm->sp - 1]; break;
        case OP_JMP: pc = (unsigned)imm(code, pc); break;
        case OP_JZ: a = vm->stack[--vm->sp]; pc = a == 0 ? (unsigned)imm(code, pc) : pc + 4; break;
        case OP_JNZ: a = vm->stack[--vm->sp]; pc = a != 0 ? (unsigned)imm(code, pc) : pc + 4; break;
        case OP_CALL: vm->rstack[vm->rsp++] = (uint16_t)(pc + 4); pc = (unsigned)imm(code, pc); break;
        case OP_RET: pc = vm->rstack[--vm->rsp]; break;
        case OP_LOAD: vm->stack[vm->sp - 1] = vm->mem[vm->stack[vm->sp - 1] & 4095]; break;
        case OP_STORE: a = vm->stack[--vm->sp]; b = vm->stack[--vm->sp]; vm->mem[a & 4095] = b; break;
        case OP_PRINT: printf("  vm print %" PRId32 "\n", vm->stack[--vm->sp]); break;
        default:
            b = vm->stack[--vm->sp];
            a = vm->stack[vm->sp - 1];
            switch (op) {
            case OP_ADD: a = (int32_t)((uint32_t)a + (uint32_t)b); break;
            case OP_SUB: a = (int32_t)((uint32_t)a - (uint32_t)b); break;
            case OP_MUL: a = (int32_t)((uint32_t)a * (uint32_t)b); break;
            case OP_DIVU: a = b ? (int32_t)((uint32_t)a / (uint32_t)b) : 0; break;
            case OP_MODU: a = b ? (int32_t)((uint32_t)a % (uint32_t)b) : 0; break;
            case OP_AND: a &= b; break;
            case OP_OR: a |= b; break;
            case OP_XOR: a ^= b; break;
            case OP_SHL: a = (int32_t)((uint32_t)a << (b & 31)); break;
            case OP_SHR: a = (int32_t)((uint32_t)a >> (b & 31)); break;
            case OP_LT: a = a < b; break;
            case OP_EQ: a = a == b; break;
            default: printf("bad opcode %u at %u\n", op, pc - 1); return -1;
            }
            vm->stack[vm->sp - 1] = a;
        }
    }
}

/* A minimal assembler: emits into a buffer, labels patched by hand. */
typedef struct {
    uint8_t code[1024];
    unsigned n;
} Asm;
static void emit(Asm *as, uint8_t op) { as->code[as->n++] = op; }
static void emit_i(Asm *as, uint8_t op, int32_t v)
{
    emit(as, op);
    for (int i = 0; i < 4; i++)
        as->code[as->n++] = (uint8_t)((uint32_t)v >> (8 * i));
}
static unsigned here(const Asm *as) { return as->n; }
static void patch(Asm *as, unsigned at, unsigned target)
{
    for (int i = 0; i < 4; i++)
        as->code[at + 1 + i] = (uint8_t)(target >> (8 * i));
}

static void report(const char *name, Vm *vm, int result)
{
    printf("%s: result %d, %" PRIu64 " steps, top ops:", name, result, vm->steps);
    for (int op = 0; op <= OP_NOT; op++)
        if (vm->counts[op] > vm->steps / 20)
            printf(" %s=%" PRIu32, op_names[op], vm->counts[op]);
    putchar('\n');
}

int main(void)
{
    static Vm vm;
    Asm as = {0};
    /* 1. acc = 0; for i = 50000; i != 0; i--: acc = acc*31 ^ i; print acc */
    emit_i(&as, OP_PUSH, 0);      /* acc */
    emit_i(&as, OP_PUSH, 50000); /* acc i */
    unsigned loop = here(&as);
    emit(&as, OP_SWAP);           /* i acc */
    emit_i(&as, OP_PUSH, 31);
    emit(&as, OP_MUL);
    emit(&as, OP_OVER);           /* i acc*31 i */
    emit(&as, OP_XOR);            /* i acc' */
    emit(&as, OP_SWAP);           /* acc' i */
    emit_i(&as, OP_PUSH, 1);
    emit(&as, OP_SUB);
    emit(&as, OP_DUP);
    emit_i(&as, OP_JNZ, (int32_t)loop);
    emit(&as, OP_POP);
    emit(&as, OP_DUP);
    emit(&as, OP_PRINT);
    emit(&as, OP_HALT);
    report("loop", &vm, run(&vm, as.code));

    /* 2. fact(n) mod 1000003, recursive, for n = 1..200 summed */
    vm = (Vm){0};
    as = (Asm){0};
    emit_i(&as, OP_PUSH, 0);   /* sum */
    emit_i(&as, OP_PUSH, 200); /* sum n */
    unsigned outer = here(&as);
    emit(&as, OP_DUP);         /* sum n n */
    unsigned call_at = here(&as);
    emit_i(&as, OP_CALL, 0);   /* sum n f */
    emit(&as, OP_SWAP);        /* sum f n */
    emit_i(&as, OP_PUSH, 0);
    emit(&as, OP_STORE);       /* mem[0] = n;  sum f */
    emit(&as, OP_ADD);         /* sum' */
    emit_i(&as, OP_PUSH, 0);
    emit(&as, OP_LOAD);        /* sum' n */
    emit_i(&as, OP_PUSH, 1);
    emit(&as, OP_SUB);
    emit(&as, OP_DUP);
    emit_i(&as, OP_JNZ, (int32_t)outer);
    emit(&as, OP_POP);
    emit(&as, OP_HALT);
    unsigned fact = here(&as); /* n -> n! mod p */
    patch(&as, call_at, fact);
    emit(&as, OP_DUP);
    emit_i(&as, OP_PUSH, 2);
    emit(&as, OP_LT);
    unsigned jz = here(&as);
    emit_i(&as, OP_JZ, 0);
    emit(&as, OP_POP);
    emit_i(&as, OP_PUSH, 1);
    emit(&as, OP_RET);
    patch(&as, jz, here(&as));
    emit(&as, OP_DUP);
    emit_i(&as, OP_PUSH, 1);
    emit(&as, OP_SUB);         /* n n-1 */
    emit_i(&as, OP_CALL, (int32_t)fact);
    emit(&as, OP_MUL);
    emit_i(&as, OP_PUSH, 1000003);
    emit(&as, OP_MODU);
    emit(&as, OP_RET);
    report("factorials", &vm, run(&vm, as.code));

    /* 3. sieve: mem[i] = 1 marks composites below 4000; count primes */
    vm = (Vm){0};
    as = (Asm){0};
    emit_i(&as, OP_PUSH, 2); /* i */
    unsigned iloop = here(&as);
    emit(&as, OP_DUP);
    emit(&as, OP_LOAD);
    unsigned skip = here(&as);
    emit_i(&as, OP_JNZ, 0);  /* composite: next i */
    emit(&as, OP_DUP);
    emit(&as, OP_DUP);
    emit(&as, OP_ADD);       /* i j=2i */
    unsigned jloop = here(&as);
    emit(&as, OP_DUP);
    emit_i(&as, OP_PUSH, 4000);
    emit(&as, OP_LT);
    unsigned jdone = here(&as);
    emit_i(&as, OP_JZ, 0);
    emit_i(&as, OP_PUSH, 1);
    emit(&as, OP_OVER);      /* i j 1 j */
    emit(&as, OP_STORE);     /* mem[j] = 1 */
    emit(&as, OP_OVER);
    emit(&as, OP_ADD);       /* i j+i */
    emit_i(&as, OP_JMP, (int32_t)jloop);
    patch(&as, jdone, here(&as));
    emit(&as, OP_POP);
    patch(&as, skip, here(&as));
    emit_i(&as, OP_PUSH, 1);
    emit(&as, OP_ADD);
    emit(&as, OP_DUP);
    emit_i(&as, OP_PUSH, 4000);
    emit(&as, OP_LT);
    emit_i(&as, OP_JNZ, (int32_t)iloop);
    emit(&as, OP_HALT);
    run(&vm, as.code);
    int primes = 0;
    int32_t last = 0;
    for (int i = 2; i < 4000; i++)
        if (!vm.mem[i]) {
            primes++;
            last = i;
        }
    report("sieve", &vm, primes);
    printf("largest prime below 4000: %" PRId32 "\n", last);
    return 0;
}
