/* backend/interp/interp.c — the portable interpreter backend: the dispatch
 * loop over pre-decoded blocks (interp.h) with GNU computed goto, block
 * chaining through goto_tb / goto_ptr, and the Backend table entry.
 *
 * Every handler reads its operands from the frame, writes its result slot
 * and jumps straight to the next instruction's label. Semantics are those
 * of ir/ops.def; the notes on the rows of interp_ops.h say how the operand
 * fields are used. Nothing here can trap on the host except guest memory
 * access, which linux-user's SIGSEGV handler turns into cpu_loop_exit().
 */
#include <alloca.h>
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdnoreturn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/interp/interp.h"
#include "softmmu/tlb.h"
#include "util/fbits.h"
#include "util/host_fp.h"
#include "util/log.h"

/* A frame smaller than this is never allocated, so most chained blocks fit
 * in the frame of the block that started the run. */
enum { INTERP_FRAME_MIN = 512 };

/* --- guest memory, unaligned-safe ---------------------------------- */

static inline uint16_t mem_ld16(const uint8_t *p)
{
    uint16_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

static inline uint32_t mem_ld32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

static inline uint64_t mem_ld64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

static inline void mem_st16(uint8_t *p, uint16_t v) { memcpy(p, &v, sizeof(v)); }
static inline void mem_st32(uint8_t *p, uint32_t v) { memcpy(p, &v, sizeof(v)); }
static inline void mem_st64(uint8_t *p, uint64_t v) { memcpy(p, &v, sizeof(v)); }

/* A 64-bit guest's address outside its space (a bit of
 * CpuCommon.guest_addr_fault_mask set): a guest fault at that address,
 * raised before any host memory is touched. */
static noreturn void interp_addr_fault(CpuCommon *cpu, uint64_t addr)
{
    cpu->exception_addr = addr;
    cpu->exception_code = SEGV_MAPERR;
    cpu_loop_exit(cpu, EXIT_FAULT);
}

static inline void interp_check_addr(CpuCommon *cpu, uint64_t addr, uint64_t mask)
{
    if (__builtin_expect((addr & mask) != 0, 0))
        interp_addr_fault(cpu, addr);
}

/* Atomic compare-and-exchange of the memop's size and byte order; returns
 * the old memory value, extended to the result width as a load would. */
static uint64_t interp_cmpxchg(uint8_t *p, uint64_t expect, uint64_t newval, unsigned mo, bool is64)
{
    bool be = mo & IR_MO_BE;
    uint64_t old;
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8: {
        uint8_t e = (uint8_t)expect;
        __atomic_compare_exchange_n(p, &e, (uint8_t)newval, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = (mo & IR_MO_SIGN) ? (uint64_t)(int64_t)(int8_t)e : e;
        break;
    }
    case IR_MO_16: {
        uint16_t e = be ? __builtin_bswap16((uint16_t)expect) : (uint16_t)expect;
        uint16_t n = be ? __builtin_bswap16((uint16_t)newval) : (uint16_t)newval;
        __atomic_compare_exchange_n((uint16_t *)p, &e, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        e = be ? __builtin_bswap16(e) : e;
        old = (mo & IR_MO_SIGN) ? (uint64_t)(int64_t)(int16_t)e : e;
        break;
    }
    case IR_MO_32: {
        uint32_t e = be ? __builtin_bswap32((uint32_t)expect) : (uint32_t)expect;
        uint32_t n = be ? __builtin_bswap32((uint32_t)newval) : (uint32_t)newval;
        __atomic_compare_exchange_n((uint32_t *)p, &e, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        e = be ? __builtin_bswap32(e) : e;
        old = (mo & IR_MO_SIGN) ? (uint64_t)(int64_t)(int32_t)e : e;
        break;
    }
    default: {
        uint64_t e = be ? __builtin_bswap64(expect) : expect;
        uint64_t n = be ? __builtin_bswap64(newval) : newval;
        __atomic_compare_exchange_n((uint64_t *)p, &e, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        old = be ? __builtin_bswap64(e) : e;
        break;
    }
    }
    return is64 ? old : (uint32_t)old;
}

/* --- system mode: guest memory through the TLB ---------------------- */

/* The low `size` bytes of the memop (softmmu/tlb.h hands values
 * zero-extended and compares only those). */
static inline uint64_t soft_truncate(uint64_t v, unsigned mo)
{
    unsigned bits = 8u << (mo & IR_MO_SIZE);
    return bits == 64 ? v : v & ((1ull << bits) - 1);
}

/* A zero-extended value from the softmmu, extended into the result as the
 * memop says (imm = memop | is64 << 8). */
static inline uint64_t soft_loaded(uint64_t v, uint64_t imm)
{
    unsigned mo = imm & 0xff, bits = 8u << (mo & IR_MO_SIZE);
    if ((mo & IR_MO_SIGN) && bits < 64)
        v = (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    return (imm >> 8) ? v : (uint32_t)v;
}

/* --- float -> integer conversions (NaN or out of range -> MIN) ------ */

/* The range test looks at x itself when truncating: trunc() may raise
 * inexact, which the host instruction only does for an in-range result. */
static uint64_t cvt_to_s32(double x, bool to_zero)
{
    double r = to_zero ? x : nearbyint(x);
    bool in_range = to_zero ? x > -2147483649.0 && x < 2147483648.0 : r >= -2147483648.0 && r <= 2147483647.0;
    if (!in_range) {
        host_fp_raise(FE_INVALID);
        return 0x80000000u;
    }
    /* Converting x (not r) raises inexact as the host instruction would. */
    return (uint32_t)(to_zero ? (int32_t)x : (int32_t)lrint(x));
}

static uint64_t cvt_to_s64(double x, bool to_zero)
{
    double r = to_zero ? x : nearbyint(x);
    if (!(r >= -0x1p63 && r < 0x1p63)) {
        host_fp_raise(FE_INVALID);
        return (uint64_t)INT64_MIN;
    }
    return (uint64_t)(to_zero ? (int64_t)x : (int64_t)llrint(x));
}

/* --- the dispatch loop ---------------------------------------------- */

/* goto_ptr's block for pc under the cpu's flags: the first-level entry
 * (an entry being emptied may already have lost its block), else the
 * jump cache's; NULL if neither holds it. */
static TranslationBlock *jump_target(CpuCommon *cpu, uint64_t pc)
{
    const TbJumpEntry *fast = tb_jmp_fast_entry(cpu->ret_stack, pc);
    TranslationBlock *tb = __atomic_load_n(&fast->tb, __ATOMIC_RELAXED);
    if (tb && fast->pc == pc && fast->flags == cpu->tb_flags)
        return tb;
    tb = cpu->jmp_cache[tb_jmp_cache_hash(pc)];
    return tb && tb->pc == pc && tb->flags == cpu->tb_flags ? tb : NULL;
}

/* Run from tb with a frame of nslots temps; with handlers_out set, only
 * hand out the label table (the compiler stores label addresses). */
static ExitReason interp_exec(CpuCommon *cpu, TranslationBlock *tb, uint64_t *frame, uint32_t nslots,
                              const void *const **handlers_out)
{
    static const void *const handlers[IOP_COUNT] = {
#define INTERP_OP(name) [IOP_##name] = &&L_##name,
#include "backend/interp/interp_ops.h"
#undef INTERP_OP
    };
    if (handlers_out) {
        *handlers_out = handlers;
        return EXIT_NONE;
    }

    const InterpCode *code;
    const InterpInsn *ip;
    uint8_t *base;
    uint64_t addr_fault_mask; /* cpu->guest_addr_fault_mask: 0 for 32-bit guests */

/* Operands of the current instruction, and the step to the next one. */
#define A (frame[ip->a])
#define B (frame[ip->b])
#define C (frame[ip->c])
#define D (frame[ip->d])
#define NEXT()                  \
    do {                        \
        ip++;                   \
        goto *ip->handler;      \
    } while (0)
#define SET(value)              \
    do {                        \
        D = (value);            \
        NEXT();                 \
    } while (0)
#define BRANCH_IF(cond)                                         \
    do {                                                        \
        if (cond) {                                             \
            ip = &code->insns[ip->imm];                         \
            goto *ip->handler;                                  \
        }                                                       \
        NEXT();                                                 \
    } while (0)
#define SET_F32(value) SET(bits_of_f32(value))
#define SET_F64(value) SET(bits_of_f64(value))
#define FA32 f32_of_bits(A)
#define FB32 f32_of_bits(B)
#define FC32 f32_of_bits(C)
#define FA64 f64_of_bits(A)
#define FB64 f64_of_bits(B)
#define FC64 f64_of_bits(C)
#define S32(x) ((int32_t)(uint32_t)(x))
#define S64(x) ((int64_t)(x))
#define U32(x) ((uint32_t)(x))
/* The host address of guest address a, after the 64-bit guests' check. */
#define GUEST(a) (interp_check_addr(cpu, (a), addr_fault_mask), base + (a))

enter:
    /* Block entry: the exit-request check comes before any guest effect. */
    if (__builtin_expect(cpu->exit_request != 0, 0)) {
        cpu->pc = tb->pc;
        return EXIT_INTERRUPT;
    }
    code = tb->code;
    if (__builtin_expect(code->nslots > nslots, 0)) {
        /* Too big for this frame: let the exec loop start it afresh. */
        cpu->pc = tb->pc;
        cpu->last_tb = NULL;
        cpu->last_slot = -1;
        return EXIT_NONE;
    }
    base = cpu->guest_base;
    addr_fault_mask = cpu->guest_addr_fault_mask;
    ip = code->insns;
    goto *ip->handler;

L_invalid:
    fprintf(stderr, "morph: interp: ran an invalid instruction in block at 0x%" PRIx64 "\n", tb->pc);
    abort();
L_const: SET(ip->imm);
L_mov: SET(A);
L_ld_env32: {
    uint32_t v;
    memcpy(&v, (const char *)cpu + ip->imm, sizeof(v));
    SET(v);
}
L_ld_env64: {
    uint64_t v;
    memcpy(&v, (const char *)cpu + ip->imm, sizeof(v));
    SET(v);
}
L_st_env32: {
    uint32_t v = U32(A);
    memcpy((char *)cpu + ip->imm, &v, sizeof(v));
    NEXT();
}
L_st_env64: {
    uint64_t v = A;
    memcpy((char *)cpu + ip->imm, &v, sizeof(v));
    NEXT();
}

L_add32: SET(U32(A + B));
L_add64: SET(A + B);
L_sub32: SET(U32(A - B));
L_sub64: SET(A - B);
L_mul32: SET(U32(A * B));
L_mul64: SET(A * B);
L_mulhs32: SET(U32((uint64_t)((int64_t)S32(A) * S32(B)) >> 32));
L_mulhs64: SET((uint64_t)(((__int128)S64(A) * S64(B)) >> 64));
L_mulhu32: SET((U32(A) * (uint64_t)U32(B)) >> 32);
L_mulhu64: SET((uint64_t)(((unsigned __int128)A * B) >> 64));
L_divs32: {
    int32_t x = S32(A), y = S32(B);
    SET(U32(y == 0 ? 0 : (x == INT32_MIN && y == -1) ? x : x / y));
}
L_divs64: {
    int64_t x = S64(A), y = S64(B);
    SET((uint64_t)(y == 0 ? 0 : (x == INT64_MIN && y == -1) ? x : x / y));
}
L_divu32: {
    uint32_t x = U32(A), y = U32(B);
    SET(y == 0 ? 0 : x / y);
}
L_divu64: {
    uint64_t x = A, y = B;
    SET(y == 0 ? 0 : x / y);
}
L_rems32: {
    int32_t x = S32(A), y = S32(B);
    SET(U32(y == 0 ? x : y == -1 ? 0 : x % y));
}
L_rems64: {
    int64_t x = S64(A), y = S64(B);
    SET((uint64_t)(y == 0 ? x : y == -1 ? 0 : x % y));
}
L_remu32: {
    uint32_t x = U32(A), y = U32(B);
    SET(y == 0 ? x : x % y);
}
L_remu64: {
    uint64_t x = A, y = B;
    SET(y == 0 ? x : x % y);
}
L_and: SET(A & B);
L_or: SET(A | B);
L_xor: SET(A ^ B);
L_andc: SET(A & ~B);
L_orc32: SET(U32(A | ~B));
L_orc64: SET(A | ~B);
L_shl32: SET(U32(A << (B & 31)));
L_shl64: SET(A << (B & 63));
L_shr32: SET(U32(A) >> (B & 31));
L_shr64: SET(A >> (B & 63));
L_sar32: SET(U32(S32(A) >> (B & 31)));
L_sar64: SET((uint64_t)(S64(A) >> (B & 63)));
L_rotl32: {
    uint32_t x = U32(A), n = B & 31;
    SET(U32((x << n) | (x >> ((32 - n) & 31))));
}
L_rotl64: {
    uint64_t x = A;
    unsigned n = B & 63;
    SET((x << n) | (x >> ((64 - n) & 63)));
}
L_rotr32: {
    uint32_t x = U32(A), n = B & 31;
    SET(U32((x >> n) | (x << ((32 - n) & 31))));
}
L_rotr64: {
    uint64_t x = A;
    unsigned n = B & 63;
    SET((x >> n) | (x << ((64 - n) & 63)));
}
L_not32: SET(U32(~A));
L_not64: SET(~A);
L_neg32: SET(U32(-A));
L_neg64: SET(-A);

L_sext8_32: SET(U32((int32_t)(int8_t)A));
L_sext8_64: SET((uint64_t)(int64_t)(int8_t)A);
L_sext16_32: SET(U32((int32_t)(int16_t)A));
L_sext16_64: SET((uint64_t)(int64_t)(int16_t)A);
L_sext32: SET((uint64_t)(int64_t)(int32_t)A);
L_zext8: SET(A & 0xff);
L_zext16: SET(A & 0xffff);
L_zext32: SET(A & 0xffffffffu);
L_bswap16: SET(__builtin_bswap16((uint16_t)A));
L_bswap32: SET(__builtin_bswap32(U32(A)));
L_bswap64: SET(__builtin_bswap64(A));
L_clz32: SET(U32(A) ? (uint64_t)__builtin_clz(U32(A)) : 32);
L_clz64: SET(A ? (uint64_t)__builtin_clzll(A) : 64);
L_ctz32: SET(U32(A) ? (uint64_t)__builtin_ctz(U32(A)) : 32);
L_ctz64: SET(A ? (uint64_t)__builtin_ctzll(A) : 64);
L_popcnt: SET((uint64_t)__builtin_popcountll(A));
L_extract: SET((A >> ip->b) & ip->imm);
L_sextract32: SET(U32((int64_t)(A << ip->b) >> ip->c));
L_sextract64: SET((uint64_t)((int64_t)(A << ip->b) >> ip->c));
L_deposit: SET((A & ~ip->imm) | ((B << ip->c) & ip->imm));
L_addc32: {
    uint64_t sum = U32(A) + (uint64_t)U32(B) + (C & 1);
    frame[ip->imm] = sum >> 32;
    SET(U32(sum));
}
L_addc64: {
    uint64_t x = A, s1 = x + B, s2 = s1 + (C & 1);
    frame[ip->imm] = (s1 < x) | (s2 < s1);
    SET(s2);
}

L_setcond_eq_32: SET(U32(A) == U32(B));
L_setcond_eq_64: SET(A == B);
L_setcond_ne_32: SET(U32(A) != U32(B));
L_setcond_ne_64: SET(A != B);
L_setcond_lt_32: SET(S32(A) < S32(B));
L_setcond_lt_64: SET(S64(A) < S64(B));
L_setcond_ge_32: SET(S32(A) >= S32(B));
L_setcond_ge_64: SET(S64(A) >= S64(B));
L_setcond_le_32: SET(S32(A) <= S32(B));
L_setcond_le_64: SET(S64(A) <= S64(B));
L_setcond_gt_32: SET(S32(A) > S32(B));
L_setcond_gt_64: SET(S64(A) > S64(B));
L_setcond_ltu_32: SET(U32(A) < U32(B));
L_setcond_ltu_64: SET(A < B);
L_setcond_geu_32: SET(U32(A) >= U32(B));
L_setcond_geu_64: SET(A >= B);
L_setcond_leu_32: SET(U32(A) <= U32(B));
L_setcond_leu_64: SET(A <= B);
L_setcond_gtu_32: SET(U32(A) > U32(B));
L_setcond_gtu_64: SET(A > B);

L_movcond_eq_32: SET(U32(A) == U32(B) ? C : frame[ip->imm]);
L_movcond_eq_64: SET(A == B ? C : frame[ip->imm]);
L_movcond_ne_32: SET(U32(A) != U32(B) ? C : frame[ip->imm]);
L_movcond_ne_64: SET(A != B ? C : frame[ip->imm]);
L_movcond_lt_32: SET(S32(A) < S32(B) ? C : frame[ip->imm]);
L_movcond_lt_64: SET(S64(A) < S64(B) ? C : frame[ip->imm]);
L_movcond_ge_32: SET(S32(A) >= S32(B) ? C : frame[ip->imm]);
L_movcond_ge_64: SET(S64(A) >= S64(B) ? C : frame[ip->imm]);
L_movcond_le_32: SET(S32(A) <= S32(B) ? C : frame[ip->imm]);
L_movcond_le_64: SET(S64(A) <= S64(B) ? C : frame[ip->imm]);
L_movcond_gt_32: SET(S32(A) > S32(B) ? C : frame[ip->imm]);
L_movcond_gt_64: SET(S64(A) > S64(B) ? C : frame[ip->imm]);
L_movcond_ltu_32: SET(U32(A) < U32(B) ? C : frame[ip->imm]);
L_movcond_ltu_64: SET(A < B ? C : frame[ip->imm]);
L_movcond_geu_32: SET(U32(A) >= U32(B) ? C : frame[ip->imm]);
L_movcond_geu_64: SET(A >= B ? C : frame[ip->imm]);
L_movcond_leu_32: SET(U32(A) <= U32(B) ? C : frame[ip->imm]);
L_movcond_leu_64: SET(A <= B ? C : frame[ip->imm]);
L_movcond_gtu_32: SET(U32(A) > U32(B) ? C : frame[ip->imm]);
L_movcond_gtu_64: SET(A > B ? C : frame[ip->imm]);

L_brcond_eq_32: BRANCH_IF(U32(A) == U32(B));
L_brcond_eq_64: BRANCH_IF(A == B);
L_brcond_ne_32: BRANCH_IF(U32(A) != U32(B));
L_brcond_ne_64: BRANCH_IF(A != B);
L_brcond_lt_32: BRANCH_IF(S32(A) < S32(B));
L_brcond_lt_64: BRANCH_IF(S64(A) < S64(B));
L_brcond_ge_32: BRANCH_IF(S32(A) >= S32(B));
L_brcond_ge_64: BRANCH_IF(S64(A) >= S64(B));
L_brcond_le_32: BRANCH_IF(S32(A) <= S32(B));
L_brcond_le_64: BRANCH_IF(S64(A) <= S64(B));
L_brcond_gt_32: BRANCH_IF(S32(A) > S32(B));
L_brcond_gt_64: BRANCH_IF(S64(A) > S64(B));
L_brcond_ltu_32: BRANCH_IF(U32(A) < U32(B));
L_brcond_ltu_64: BRANCH_IF(A < B);
L_brcond_geu_32: BRANCH_IF(U32(A) >= U32(B));
L_brcond_geu_64: BRANCH_IF(A >= B);
L_brcond_leu_32: BRANCH_IF(U32(A) <= U32(B));
L_brcond_leu_64: BRANCH_IF(A <= B);
L_brcond_gtu_32: BRANCH_IF(U32(A) > U32(B));
L_brcond_gtu_64: BRANCH_IF(A > B);
L_br: BRANCH_IF(1);

L_ld8u: SET(*GUEST(A));
L_ld8s32: SET(U32((int32_t)(int8_t)*GUEST(A)));
L_ld8s64: SET((uint64_t)(int64_t)(int8_t)*GUEST(A));
L_ld16u_le: SET(mem_ld16(GUEST(A)));
L_ld16u_be: SET(__builtin_bswap16(mem_ld16(GUEST(A))));
L_ld16s32_le: SET(U32((int32_t)(int16_t)mem_ld16(GUEST(A))));
L_ld16s32_be: SET(U32((int32_t)(int16_t)__builtin_bswap16(mem_ld16(GUEST(A)))));
L_ld16s64_le: SET((uint64_t)(int64_t)(int16_t)mem_ld16(GUEST(A)));
L_ld16s64_be: SET((uint64_t)(int64_t)(int16_t)__builtin_bswap16(mem_ld16(GUEST(A))));
L_ld32u_le: SET(mem_ld32(GUEST(A)));
L_ld32u_be: SET(__builtin_bswap32(mem_ld32(GUEST(A))));
L_ld32s64_le: SET((uint64_t)(int64_t)(int32_t)mem_ld32(GUEST(A)));
L_ld32s64_be: SET((uint64_t)(int64_t)(int32_t)__builtin_bswap32(mem_ld32(GUEST(A))));
L_ld64_le: SET(mem_ld64(GUEST(A)));
L_ld64_be: SET(__builtin_bswap64(mem_ld64(GUEST(A))));
L_st8:
    *GUEST(A) = (uint8_t)B;
    NEXT();
L_st16_le:
    mem_st16(GUEST(A), (uint16_t)B);
    NEXT();
L_st16_be:
    mem_st16(GUEST(A), __builtin_bswap16((uint16_t)B));
    NEXT();
L_st32_le:
    mem_st32(GUEST(A), U32(B));
    NEXT();
L_st32_be:
    mem_st32(GUEST(A), __builtin_bswap32(U32(B)));
    NEXT();
L_st64_le:
    mem_st64(GUEST(A), B);
    NEXT();
L_st64_be:
    mem_st64(GUEST(A), __builtin_bswap64(B));
    NEXT();
L_cmpxchg: SET(interp_cmpxchg(GUEST(A), B, C, ip->imm & 0xff, ip->imm >> 8));
L_ld_soft: SET(soft_loaded(softmmu_ld(cpu, A, ip->imm & 0xff), ip->imm));
L_st_soft:
    softmmu_st(cpu, A, B, (uint32_t)ip->imm);
    NEXT();
L_cmpxchg_soft: {
    unsigned mo = ip->imm & 0xff;
    uint64_t old = softmmu_cmpxchg(cpu, A, soft_truncate(B, mo), soft_truncate(C, mo), mo, cpu->insn_pc);
    SET(soft_loaded(old, ip->imm));
}
L_fence:
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    NEXT();
L_call:
    interp_call(cpu, (const InterpCall *)(uintptr_t)ip->imm, frame, ip->d);
    NEXT();
L_x87:
    interp_x87(cpu, frame, ip);
    NEXT();

L_fadd32: SET(nan_first32(bits_of_f32(FA32 + FB32), A, B, B));
L_fadd64: SET(nan_first64(bits_of_f64(FA64 + FB64), A, B, B));
L_fsub32: SET(nan_first32(bits_of_f32(FA32 - FB32), A, B, B));
L_fsub64: SET(nan_first64(bits_of_f64(FA64 - FB64), A, B, B));
L_fmul32: SET(nan_first32(bits_of_f32(FA32 * FB32), A, B, B));
L_fmul64: SET(nan_first64(bits_of_f64(FA64 * FB64), A, B, B));
L_fdiv32: SET(nan_first32(bits_of_f32(FA32 / FB32), A, B, B));
L_fdiv64: SET(nan_first64(bits_of_f64(FA64 / FB64), A, B, B));
L_fsqrt32: SET_F32(sqrtf(FA32));
L_fsqrt64: SET_F64(sqrt(FA64));
L_fma32: SET(nan_first32(bits_of_f32(fmaf(FA32, FB32, FC32)), A, B, C));
L_fma64: SET(nan_first64(bits_of_f64(fma(FA64, FB64, FC64)), A, B, C));
L_fneg32: SET(U32(A ^ 0x80000000u));
L_fneg64: SET(A ^ 0x8000000000000000ull);
L_fabs32: SET(A & 0x7fffffffu);
L_fabs64: SET(A & 0x7fffffffffffffffull);
L_fmin32: {
    /* minsd/maxsd signal invalid on any NaN; C's < may compile quiet. */
    if (isunordered(FA32, FB32))
        host_fp_raise(FE_INVALID);
    float x = FA32, y = FB32;
    SET_F32(x < y ? x : y);
}
L_fmin64: {
    if (isunordered(FA64, FB64))
        host_fp_raise(FE_INVALID);
    double x = FA64, y = FB64;
    SET_F64(x < y ? x : y);
}
L_fmax32: {
    if (isunordered(FA32, FB32))
        host_fp_raise(FE_INVALID);
    float x = FA32, y = FB32;
    SET_F32(x > y ? x : y);
}
L_fmax64: {
    if (isunordered(FA64, FB64))
        host_fp_raise(FE_INVALID);
    double x = FA64, y = FB64;
    SET_F64(x > y ? x : y);
}
L_fsetcond_eq_32: SET(FA32 == FB32);
L_fsetcond_eq_64: SET(FA64 == FB64);
L_fsetcond_lt_32: SET(FA32 < FB32);
L_fsetcond_lt_64: SET(FA64 < FB64);
L_fsetcond_le_32: SET(FA32 <= FB32);
L_fsetcond_le_64: SET(FA64 <= FB64);
L_fsetcond_un_32: SET(isunordered(FA32, FB32) != 0);
L_fsetcond_un_64: SET(isunordered(FA64, FB64) != 0);
L_fsetcond_ne_32: SET(!(FA32 == FB32));
L_fsetcond_ne_64: SET(!(FA64 == FB64));
L_fcvt_f32: SET_F64((double)FA32);
L_fcvt_f64: SET_F32((float)FA64);
L_cvt_s32_f32: SET_F32((float)S32(A));
L_cvt_s32_f64: SET_F64((double)S32(A));
L_cvt_s64_f32: SET_F32((float)S64(A));
L_cvt_s64_f64: SET_F64((double)S64(A));
L_cvt_u64_f32: SET_F32((float)A);
L_cvt_u64_f64: SET_F64((double)A);
L_cvt_f32_s32_cur: SET(cvt_to_s32(FA32, false));
L_cvt_f32_s32_trunc: SET(cvt_to_s32(FA32, true));
L_cvt_f64_s32_cur: SET(cvt_to_s32(FA64, false));
L_cvt_f64_s32_trunc: SET(cvt_to_s32(FA64, true));
L_cvt_f32_s64_cur: SET(cvt_to_s64(FA32, false));
L_cvt_f32_s64_trunc: SET(cvt_to_s64(FA32, true));
L_cvt_f64_s64_cur: SET(cvt_to_s64(FA64, false));
L_cvt_f64_s64_trunc: SET(cvt_to_s64(FA64, true));

L_insn_start:
    cpu->insn_pc = ip->imm;
    NEXT();
L_goto_tb: {
    TranslationBlock *next = __atomic_load_n(&tb->jmp_next[ip->b], __ATOMIC_ACQUIRE);
    if (next) {
        tb = next;
        goto enter;
    }
    cpu->pc = ip->imm;
    cpu->last_tb = tb;
    cpu->last_slot = (int32_t)ip->b;
    return EXIT_NONE;
}
L_goto_ptr: {
    uint64_t pc = A;
    TranslationBlock *next = jump_target(cpu, pc);
    cpu->pc = pc;
    /* With -d exec every block goes through the loop, to be logged. */
    if (next && !log_enabled(LOG_EXEC)) {
        tb = next;
        goto enter;
    }
    cpu->last_tb = NULL;
    cpu->last_slot = -1;
    return EXIT_NONE;
}
L_exit:
    return (ExitReason)ip->imm;

#undef A
#undef B
#undef C
#undef D
#undef NEXT
#undef SET
#undef BRANCH_IF
#undef SET_F32
#undef SET_F64
#undef FA32
#undef FB32
#undef FC32
#undef FA64
#undef FB64
#undef FC64
#undef S32
#undef S64
#undef U32
}

const void *const *interp_handlers(void)
{
    const void *const *h = NULL;
    interp_exec(NULL, NULL, NULL, 0, &h);
    return h;
}

ExitReason interp_run(void *state, CpuCommon *cpu, TranslationBlock *tb)
{
    (void)state;
    const InterpCode *code = tb->code;
    uint32_t nslots = code->nslots > INTERP_FRAME_MIN ? code->nslots : INTERP_FRAME_MIN;
    uint64_t *frame = alloca((size_t)nslots * sizeof(uint64_t));
    return interp_exec(cpu, tb, frame, nslots, NULL);
}

/* The interpreter keeps no state of its own: its code is malloc'd. */
static void *interp_open(size_t code_bytes)
{
    (void)code_bytes;
    return NULL;
}

static void interp_close(void *state) { (void)state; }
static void interp_flush(void *state) { (void)state; }

const Backend backend_interp = {
    .name = "interp",
    .open = interp_open,
    .close = interp_close,
    .compile = interp_compile,
    .free_code = interp_free,
    .flush = interp_flush,
    .run = interp_run,
};
