/* frontend/ppc/vmx_int.c — VMX (Altivec) integer arithmetic on elements of
 * every size: add/subtract (modulo, saturating, carry out), min/max,
 * average, compares (Rc=1 sets CR6), element shifts and rotates, the
 * multiplies (even/odd, modulo word, high-half, multiply-low-add),
 * multiply-sum, sum-across, count leading zeros and population count,
 * polynomial multiply-sum, bit gathers, and the logical operations; the
 * table ppc_vmx_int_forms.
 *
 * What glibc's POWER8 string and memory routines and compiled vector
 * loops run most is IR on the two doublewords (SWAR: lanes never carry
 * into each other): the logical operations, modulo add/subtract, the
 * compares with their CR6, min/max, vclzd/vpopcntd and the vgbbd
 * transpose; vbpermq is a pure helper on the four source doublewords.
 * Everything else is a C function run by ppc_vec_h_apply (vec.h).
 * Saturating forms set VSCR[SAT] when any element saturates.
 */
#include "frontend/ppc/vec.h"

/* ---- element helpers ------------------------------------------------- */

static inline int64_t sext(uint64_t x, unsigned bits)
{
    return bits == 64 ? (int64_t)x : (int64_t)(x << (64 - bits)) >> (64 - bits);
}

static inline uint64_t umax_of(unsigned bits)
{
    return bits == 64 ? UINT64_MAX : (1ull << bits) - 1;
}

/* Clamp to the signed / unsigned range of `bits`, noting saturation. */
static inline uint64_t sat_s(int64_t v, unsigned bits, bool *sat)
{
    int64_t hi = (int64_t)(umax_of(bits) >> 1), lo = -hi - 1;
    if (v > hi) {
        *sat = true;
        v = hi;
    } else if (v < lo) {
        *sat = true;
        v = lo;
    }
    return (uint64_t)v & umax_of(bits);
}

static inline uint64_t sat_u(int64_t v, unsigned bits, bool *sat)
{
    if (v < 0) {
        *sat = true;
        return 0;
    }
    if ((uint64_t)v > umax_of(bits)) {
        *sat = true;
        return umax_of(bits);
    }
    return (uint64_t)v;
}

typedef uint64_t (*Elem2)(uint64_t a, uint64_t b, unsigned bits, bool *sat);

/* t[i] = f(a[i], b[i]) for every element of width `bits`. */
static inline void map2(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, unsigned bits, Elem2 f)
{
    PpcVec r = {{0, 0}};
    bool sat = false;
    for (unsigned i = 0; i < 128 / bits; i++)
        vec_set(&r, bits, i, f(vec_get(a, bits, i), vec_get(b, bits, i), bits, &sat));
    *t = r;
    if (sat)
        cpu->vscr |= PPC_VSCR_SAT;
}

static uint64_t e_add_ss(uint64_t a, uint64_t b, unsigned n, bool *s) { return sat_s(sext(a, n) + sext(b, n), n, s); }
static uint64_t e_add_us(uint64_t a, uint64_t b, unsigned n, bool *s) { return sat_u((int64_t)(a + b), n, s); }
static uint64_t e_sub_ss(uint64_t a, uint64_t b, unsigned n, bool *s) { return sat_s(sext(a, n) - sext(b, n), n, s); }
static uint64_t e_sub_us(uint64_t a, uint64_t b, unsigned n, bool *s) { return sat_u((int64_t)a - (int64_t)b, n, s); }
static uint64_t e_addcu(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)s; return (a + b) >> n; }
static uint64_t e_subcu(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)s; (void)n; return a >= b; }
/* (a + b + 1) >> 1 without overflow: elements are at most 32 bits here. */
static uint64_t e_avg_s(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)s; return (uint64_t)((sext(a, n) + sext(b, n) + 1) >> 1); }
static uint64_t e_avg_u(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)s; (void)n; return (a + b + 1) >> 1; }
/* Shift counts are the low log2(n) bits of b's element. */
static uint64_t e_sl(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)s; return a << (b & (n - 1)); }
static uint64_t e_sr(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)s; return a >> (b & (n - 1)); }
static uint64_t e_sra(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)s; return (uint64_t)(sext(a, n) >> (b & (n - 1))); }
static uint64_t e_rl(uint64_t a, uint64_t b, unsigned n, bool *s)
{
    (void)s;
    unsigned k = b & (n - 1);
    return k ? a << k | a >> (n - k) : a;
}
static uint64_t e_mul_lo(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)s; (void)n; return a * b; }
static uint64_t e_clz(uint64_t a, uint64_t b, unsigned n, bool *s)
{
    (void)b;
    (void)s;
    return a ? (uint64_t)(__builtin_clzll(a) - (64 - n)) : n;
}
static uint64_t e_popcnt(uint64_t a, uint64_t b, unsigned n, bool *s) { (void)b; (void)n; (void)s; return (uint64_t)__builtin_popcountll(a); }

/* The parameter list every PpcVecFn has; the functions below read only
 * what their instruction uses. */
#define VEC_UNUSED (void)c, (void)imm

static void vaddubs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_add_us); }
static void vadduhs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_add_us); }
static void vadduws(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_add_us); }
static void vaddsbs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_add_ss); }
static void vaddshs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_add_ss); }
static void vaddsws(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_add_ss); }
static void vsububs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_sub_us); }
static void vsubuhs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_sub_us); }
static void vsubuws(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_sub_us); }
static void vsubsbs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_sub_ss); }
static void vsubshs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_sub_ss); }
static void vsubsws(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_sub_ss); }
static void vaddcuw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_addcu); }
static void vsubcuw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_subcu); }
static void vavgub(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_avg_u); }
static void vavguh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_avg_u); }
static void vavguw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_avg_u); }
static void vavgsb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_avg_s); }
static void vavgsh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_avg_s); }
static void vavgsw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_avg_s); }
static void vslb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_sl); }
static void vslh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_sl); }
static void vslw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_sl); }
static void vsld(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 64, e_sl); }
static void vsrb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_sr); }
static void vsrh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_sr); }
static void vsrw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_sr); }
static void vsrd(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 64, e_sr); }
static void vsrab(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_sra); }
static void vsrah(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_sra); }
static void vsraw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_sra); }
static void vsrad(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 64, e_sra); }
static void vrlb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 8, e_rl); }
static void vrlh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 16, e_rl); }
static void vrlw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_rl); }
static void vrld(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 64, e_rl); }
static void vmuluwm(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, a, b, 32, e_mul_lo); }
static void vclzb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, b, a, 8, e_clz); }
static void vclzh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, b, a, 16, e_clz); }
static void vclzw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, b, a, 32, e_clz); }
static void vpopcntb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, b, a, 8, e_popcnt); }
static void vpopcnth(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, b, a, 16, e_popcnt); }
static void vpopcntw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; map2(cpu, t, b, a, 32, e_popcnt); }

/* ---- quadword add / subtract (ISA 2.07) ------------------------------ */

/* a + (sub ? ~b : b) + cin over 128 bits; *carry = the carry out. A
 * subtract is a + ~b + 1 (vsubuqm) or a + ~b + c[127] (vsubeuqm). */
static PpcVec add_q(const PpcVec *a, const PpcVec *b, bool sub, unsigned cin, unsigned *carry)
{
    uint64_t b0 = sub ? ~b->dw[0] : b->dw[0], b1 = sub ? ~b->dw[1] : b->dw[1];
    PpcVec r;
    r.dw[1] = a->dw[1] + b1;
    unsigned c1 = r.dw[1] < b1;
    r.dw[1] += cin;
    c1 |= cin && r.dw[1] == 0;
    r.dw[0] = a->dw[0] + b0;
    unsigned c0 = r.dw[0] < b0;
    r.dw[0] += c1;
    c0 |= c1 && r.dw[0] == 0;
    *carry = c0;
    return r;
}

/* imm: bit 0 = subtract, bit 1 = carry in from c[127] (else 0, or 1 for
 * a subtract), bit 2 = the result is the carry out (0 or 1). */
enum { Q_SUB = 1, Q_EXT = 2, Q_CARRY = 4 };

static void vaddsubq(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)cpu;
    bool sub = imm & Q_SUB;
    unsigned cin = imm & Q_EXT ? (unsigned)(c->dw[1] & 1) : sub, carry;
    PpcVec r = add_q(a, b, sub, cin, &carry);
    if (imm & Q_CARRY) {
        r.dw[0] = 0;
        r.dw[1] = carry;
    }
    *t = r;
}

/* ---- widening multiplies ------------------------------------------- */

/* vmul[eo][su][bhw]: result element i (2n bits) = a[2i + odd] * b[2i + odd]. */
static inline void mul_wide(PpcVec *t, const PpcVec *a, const PpcVec *b, unsigned n, bool odd, bool sign)
{
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 64 / n; i++) {
        uint64_t x = vec_get(a, n, 2 * i + odd), y = vec_get(b, n, 2 * i + odd);
        uint64_t p = sign ? (uint64_t)(sext(x, n) * sext(y, n)) : x * y;
        vec_set(&r, 2 * n, i, p);
    }
    *t = r;
}

static void vmuleub(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 8, false, false); }
static void vmuleuh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 16, false, false); }
static void vmuleuw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 32, false, false); }
static void vmulesb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 8, false, true); }
static void vmulesh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 16, false, true); }
static void vmulesw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 32, false, true); }
static void vmuloub(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 8, true, false); }
static void vmulouh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 16, true, false); }
static void vmulouw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 32, true, false); }
static void vmulosb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 8, true, true); }
static void vmulosh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 16, true, true); }
static void vmulosw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; mul_wide(t, a, b, 32, true, true); }

/* ---- multiply-add and multiply-sum (VA form, c = VRC) --------------- */

/* vmsum{ubm,mbm,uhm,shm,uhs,shs}: word i = sum of the n-bit products in
 * word i of a and b, + c's word i; modulo, or saturated (the sum is
 * exact in 64 bits). a signed for m/s forms, b signed for s forms. */
static inline void msum(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, unsigned n,
                        bool a_signed, bool b_signed, int saturate)
{
    PpcVec r = {{0, 0}};
    bool sat = false;
    unsigned per = 32 / n;
    for (unsigned i = 0; i < 4; i++) {
        int64_t sum = b_signed ? sext(vec_get(c, 32, i), 32) : (int64_t)vec_get(c, 32, i);
        for (unsigned j = 0; j < per; j++) {
            uint64_t x = vec_get(a, n, per * i + j), y = vec_get(b, n, per * i + j);
            sum += (a_signed ? sext(x, n) : (int64_t)x) * (b_signed ? sext(y, n) : (int64_t)y);
        }
        uint64_t w = (uint64_t)sum;
        if (saturate)
            w = b_signed ? sat_s(sum, 32, &sat) : sat_u(sum, 32, &sat);
        vec_set(&r, 32, i, w);
    }
    *t = r;
    if (sat)
        cpu->vscr |= PPC_VSCR_SAT;
}

static void vmsumubm(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; msum(cpu, t, a, b, c, 8, false, false, 0); }
static void vmsummbm(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)imm;
    /* signed a times unsigned b: the sum and c are signed, modulo 2^32 */
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 4; i++) {
        int64_t sum = sext(vec_get(c, 32, i), 32);
        for (unsigned j = 0; j < 4; j++)
            sum += sext(vec_get(a, 8, 4 * i + j), 8) * (int64_t)vec_get(b, 8, 4 * i + j);
        vec_set(&r, 32, i, (uint64_t)sum);
    }
    *t = r;
    (void)cpu;
}
static void vmsumuhm(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; msum(cpu, t, a, b, c, 16, false, false, 0); }
static void vmsumuhs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; msum(cpu, t, a, b, c, 16, false, false, 1); }
static void vmsumshm(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; msum(cpu, t, a, b, c, 16, true, true, 0); }
static void vmsumshs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; msum(cpu, t, a, b, c, 16, true, true, 1); }

/* vmhaddshs / vmhraddshs: halfword i = sat(((a * b [+ 0x4000]) >> 15) + c). */
static inline void mhadd(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, bool round)
{
    PpcVec r = {{0, 0}};
    bool sat = false;
    for (unsigned i = 0; i < 8; i++) {
        int64_t p = sext(vec_get(a, 16, i), 16) * sext(vec_get(b, 16, i), 16) + (round ? 0x4000 : 0);
        vec_set(&r, 16, i, sat_s((p >> 15) + sext(vec_get(c, 16, i), 16), 16, &sat));
    }
    *t = r;
    if (sat)
        cpu->vscr |= PPC_VSCR_SAT;
}

static void vmhaddshs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; mhadd(cpu, t, a, b, c, false); }
static void vmhraddshs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)imm; mhadd(cpu, t, a, b, c, true); }

/* vmladduhm: halfword i = (a * b + c) mod 2^16. */
static void vmladduhm(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)cpu;
    (void)imm;
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 8; i++)
        vec_set(&r, 16, i, vec_get(a, 16, i) * vec_get(b, 16, i) + vec_get(c, 16, i));
    *t = r;
}

/* ---- sum across ------------------------------------------------------- */

/* vsumsws: word 3 = sat(a0 + a1 + a2 + a3 + b3), words 0-2 = 0. */
static void vsumsws(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    VEC_UNUSED;
    bool sat = false;
    int64_t sum = sext(vec_get(b, 32, 3), 32);
    for (unsigned i = 0; i < 4; i++)
        sum += sext(vec_get(a, 32, i), 32);
    PpcVec r = {{0, 0}};
    vec_set(&r, 32, 3, sat_s(sum, 32, &sat));
    *t = r;
    if (sat)
        cpu->vscr |= PPC_VSCR_SAT;
}

/* vsum2sws: word 2k+1 = sat(a[2k] + a[2k+1] + b[2k+1]), even words 0. */
static void vsum2sws(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    VEC_UNUSED;
    bool sat = false;
    PpcVec r = {{0, 0}};
    for (unsigned k = 0; k < 2; k++) {
        int64_t sum = sext(vec_get(a, 32, 2 * k), 32) + sext(vec_get(a, 32, 2 * k + 1), 32) +
                      sext(vec_get(b, 32, 2 * k + 1), 32);
        vec_set(&r, 32, 2 * k + 1, sat_s(sum, 32, &sat));
    }
    *t = r;
    if (sat)
        cpu->vscr |= PPC_VSCR_SAT;
}

/* vsum4{sbs,ubs,shs}: word i = sat(sum of a's n-bit elements in word i + b[i]). */
static inline void sum4(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, unsigned n, bool sign)
{
    bool sat = false;
    PpcVec r = {{0, 0}};
    unsigned per = 32 / n;
    for (unsigned i = 0; i < 4; i++) {
        int64_t sum = sign ? sext(vec_get(b, 32, i), 32) : (int64_t)vec_get(b, 32, i);
        for (unsigned j = 0; j < per; j++) {
            uint64_t x = vec_get(a, n, per * i + j);
            sum += sign ? sext(x, n) : (int64_t)x;
        }
        vec_set(&r, 32, i, sign ? sat_s(sum, 32, &sat) : sat_u(sum, 32, &sat));
    }
    *t = r;
    if (sat)
        cpu->vscr |= PPC_VSCR_SAT;
}

static void vsum4sbs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; sum4(cpu, t, a, b, 8, true); }
static void vsum4ubs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; sum4(cpu, t, a, b, 8, false); }
static void vsum4shs(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { VEC_UNUSED; sum4(cpu, t, a, b, 16, true); }

/* ---- polynomial multiply-sum and bit gathers ------------------------ */

/* Carry-less product of two n-bit values (n <= 32). */
static inline uint64_t clmul(uint64_t x, uint64_t y, unsigned n)
{
    uint64_t p = 0;
    for (unsigned k = 0; k < n; k++)
        if ((y >> k) & 1)
            p ^= x << k;
    return p;
}

/* vpmsum[bhw]: element i of 2n bits = clmul(a[2i], b[2i]) ^ clmul(a[2i+1], b[2i+1]). */
static inline void pmsum(PpcVec *t, const PpcVec *a, const PpcVec *b, unsigned n)
{
    PpcVec r = {{0, 0}};
    for (unsigned i = 0; i < 64 / n; i++)
        vec_set(&r, 2 * n, i,
                clmul(vec_get(a, n, 2 * i), vec_get(b, n, 2 * i), n) ^
                    clmul(vec_get(a, n, 2 * i + 1), vec_get(b, n, 2 * i + 1), n));
    *t = r;
}

static void vpmsumb(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; pmsum(t, a, b, 8); }
static void vpmsumh(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; pmsum(t, a, b, 16); }
static void vpmsumw(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm) { (void)cpu; VEC_UNUSED; pmsum(t, a, b, 32); }

/* vpmsumd: the 128-bit xor of the two 64 x 64 carry-less products. */
static void vpmsumd(PpcCpu *cpu, PpcVec *t, const PpcVec *a, const PpcVec *b, const PpcVec *c, uint32_t imm)
{
    (void)cpu;
    VEC_UNUSED;
    uint64_t hi = 0, lo = 0;
    for (unsigned d = 0; d < 2; d++) {
        uint64_t x = a->dw[d], y = b->dw[d];
        for (unsigned k = 0; k < 64; k++) {
            if ((y >> k) & 1) {
                lo ^= x << k;
                hi ^= k ? x >> (64 - k) : 0;
            }
        }
    }
    t->dw[0] = hi;
    t->dw[1] = lo;
}

/* vbpermq's doubleword 0: bit i of a 16-bit field = bit b.byte[i] of a
 * (0 if >= 128), the field in bits 48:63. Doubleword 1 is 0. */
static uint64_t h_vbpermq(CpuCommon *env, uint64_t a0, uint64_t a1, uint64_t b0, uint64_t b1)
{
    (void)env;
    const uint64_t a[2] = {a0, a1}, idx[2] = {b0, b1};
    uint64_t field = 0;
    for (unsigned i = 0; i < 16; i++) {
        unsigned k = (unsigned)(idx[i / 8] >> (56 - 8 * (i % 8))) & 0xff;
        uint64_t bit = k < 128 ? (a[k / 64] >> (63 - k % 64)) & 1 : 0;
        field = field << 1 | bit;
    }
    return field;
}

static const IrHelper h_vbpermq_desc = {
    .name = "ppc_vbpermq", .fn = (void *)h_vbpermq, .flags = IR_HELPER_PURE,
    .has_ret = true, .ret = IR_I64, .nargs = 4, .args = {IR_I64, IR_I64, IR_I64, IR_I64},
};

/* ---- translation ------------------------------------------------------ */

static bool vx_apply(PpcCtx *ctx, PpcVecFn f)
{
    uint32_t i = ctx->insn;
    ppc_vec_apply(ctx, f, ppc_vrt(i), ppc_vra(i), ppc_vrb(i), ppc_vrc(i), 0);
    return true;
}

/* ---- lanes of one doubleword (SWAR) -------------------------------------
 * Narrow lanes (8, 16, 32 bits) are worked on 64 bits at a time with no
 * carry or borrow crossing from one lane into the next: the low bits of
 * each lane (L) and its top bit (H) are handled apart. The constants are
 * made once per instruction, so both doublewords share their registers. */

typedef struct Lanes {
    unsigned bits;
    IrTemp h, l; /* the top bit of every lane; the other bits */
} Lanes;

static Lanes lanes_of(IrBlock *ir, unsigned bits)
{
    uint64_t h = 0;
    for (unsigned pos = bits - 1; pos < 64; pos += bits)
        h |= 1ull << pos;
    return (Lanes){.bits = bits, .h = ir_const64(ir, h), .l = ir_const64(ir, ~h)};
}

/* Every lane whose top bit is set in tops (and no other bit is) becomes
 * all ones, the others 0. */
static IrTemp spread_tops(IrBlock *ir, const Lanes *ln, IrTemp tops)
{
    uint64_t lane_ones = ln->bits == 64 ? UINT64_MAX : (1ull << ln->bits) - 1;
    return ir_op2(ir, IR_OP_mul, ir_shri(ir, tops, ln->bits - 1), ir_const64(ir, lane_ones));
}

/* Lanes all ones where a == b: a lane of x = a ^ b is nonzero iff the top
 * bit of ((x & L) + L) | x is set. */
static IrTemp lanes_eq(IrBlock *ir, const Lanes *ln, IrTemp a, IrTemp b)
{
    if (ln->bits == 64)
        return ir_neg(ir, ir_setcond(ir, IR_EQ, a, b));
    IrTemp x = ir_xor(ir, a, b);
    IrTemp nonzero = ir_or(ir, ir_add(ir, ir_and(ir, x, ln->l), ln->l), x);
    return spread_tops(ir, ln, ir_op2(ir, IR_OP_andc, ln->h, nonzero));
}

/* Lanes all ones where a > b, given x = a ^ b: the borrow out of each lane
 * of b - a. d = (b | H) - (a & L) subtracts the low bits, never borrowing
 * out of the lane, and its top bit is 0 exactly when they borrow; the lane
 * borrows when a's top bit is 1 and b's is 0, or they are equal and the
 * low bits borrowed:  tops = H & ~((x | d) & ~(a & ~b)).
 * Signed lanes compare as unsigned ones with the top bits flipped (which
 * leaves x as it is). */
static IrTemp lanes_gt(IrBlock *ir, const Lanes *ln, IrTemp a, IrTemp b, IrTemp x, bool is_signed)
{
    if (ln->bits == 64)
        return ir_neg(ir, ir_setcond(ir, is_signed ? IR_GT : IR_GTU, a, b));
    if (is_signed) {
        a = ir_xor(ir, a, ln->h);
        b = ir_xor(ir, b, ln->h);
    }
    IrTemp d = ir_sub(ir, ir_or(ir, b, ln->h), ir_and(ir, a, ln->l));
    IrTemp no_borrow = ir_op2(ir, IR_OP_andc, ir_or(ir, x, d), ir_op2(ir, IR_OP_andc, a, b));
    return spread_tops(ir, ln, ir_op2(ir, IR_OP_andc, ln->h, no_borrow));
}

static void set_vrt(PpcCtx *ctx, const IrTemp r[2])
{
    ppc_vsr_st(ctx, ppc_vrt(ctx->insn), 0, r[0]);
    ppc_vsr_st(ctx, ppc_vrt(ctx->insn), 1, r[1]);
}

/* ---- compares and min / max --------------------------------------------- */

enum VecCompare { CMP_EQ, CMP_GTU, CMP_GTS };

/* vcmpequ[bhwd], vcmpgtu[bhwd], vcmpgts[bhwd]: lanes all ones where true;
 * Rc (bit 21) also sets CR6 (all true: 8, all false: 2). */
static bool gen_compare(PpcCtx *ctx, unsigned bits, enum VecCompare how)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    Lanes ln = lanes_of(ir, bits);
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++) {
        IrTemp a = ppc_vsr_ld(ctx, ppc_vra(i), d), b = ppc_vsr_ld(ctx, ppc_vrb(i), d);
        r[d] = how == CMP_EQ ? lanes_eq(ir, &ln, a, b) : lanes_gt(ir, &ln, a, b, ir_xor(ir, a, b), how == CMP_GTS);
    }
    set_vrt(ctx, r);
    if ((i >> 10) & 1)
        ppc_vec_set_cr6(ctx, ppc_vrt(i));
    return true;
}

static bool trans_vcmpequb(PpcCtx *c) { return gen_compare(c, 8, CMP_EQ); }
static bool trans_vcmpequh(PpcCtx *c) { return gen_compare(c, 16, CMP_EQ); }
static bool trans_vcmpequw(PpcCtx *c) { return gen_compare(c, 32, CMP_EQ); }
static bool trans_vcmpequd(PpcCtx *c) { return gen_compare(c, 64, CMP_EQ); }
static bool trans_vcmpgtub(PpcCtx *c) { return gen_compare(c, 8, CMP_GTU); }
static bool trans_vcmpgtuh(PpcCtx *c) { return gen_compare(c, 16, CMP_GTU); }
static bool trans_vcmpgtuw(PpcCtx *c) { return gen_compare(c, 32, CMP_GTU); }
static bool trans_vcmpgtud(PpcCtx *c) { return gen_compare(c, 64, CMP_GTU); }
static bool trans_vcmpgtsb(PpcCtx *c) { return gen_compare(c, 8, CMP_GTS); }
static bool trans_vcmpgtsh(PpcCtx *c) { return gen_compare(c, 16, CMP_GTS); }
static bool trans_vcmpgtsw(PpcCtx *c) { return gen_compare(c, 32, CMP_GTS); }
static bool trans_vcmpgtsd(PpcCtx *c) { return gen_compare(c, 64, CMP_GTS); }

/* vmax / vmin: each lane of a where a > b (max) or not (min), else of b;
 * with x = a ^ b that is b ^ (x & gt) for max, a ^ (x & gt) for min. */
static bool gen_minmax(PpcCtx *ctx, unsigned bits, bool is_signed, bool max)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    Lanes ln = lanes_of(ir, bits);
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++) {
        IrTemp a = ppc_vsr_ld(ctx, ppc_vra(i), d), b = ppc_vsr_ld(ctx, ppc_vrb(i), d);
        IrTemp x = ir_xor(ir, a, b);
        IrTemp gt = lanes_gt(ir, &ln, a, b, x, is_signed);
        r[d] = ir_xor(ir, max ? b : a, ir_and(ir, x, gt));
    }
    set_vrt(ctx, r);
    return true;
}

static bool trans_vmaxub(PpcCtx *c) { return gen_minmax(c, 8, false, true); }
static bool trans_vmaxuh(PpcCtx *c) { return gen_minmax(c, 16, false, true); }
static bool trans_vmaxuw(PpcCtx *c) { return gen_minmax(c, 32, false, true); }
static bool trans_vmaxud(PpcCtx *c) { return gen_minmax(c, 64, false, true); }
static bool trans_vmaxsb(PpcCtx *c) { return gen_minmax(c, 8, true, true); }
static bool trans_vmaxsh(PpcCtx *c) { return gen_minmax(c, 16, true, true); }
static bool trans_vmaxsw(PpcCtx *c) { return gen_minmax(c, 32, true, true); }
static bool trans_vmaxsd(PpcCtx *c) { return gen_minmax(c, 64, true, true); }
static bool trans_vminub(PpcCtx *c) { return gen_minmax(c, 8, false, false); }
static bool trans_vminuh(PpcCtx *c) { return gen_minmax(c, 16, false, false); }
static bool trans_vminuw(PpcCtx *c) { return gen_minmax(c, 32, false, false); }
static bool trans_vminud(PpcCtx *c) { return gen_minmax(c, 64, false, false); }
static bool trans_vminsb(PpcCtx *c) { return gen_minmax(c, 8, true, false); }
static bool trans_vminsh(PpcCtx *c) { return gen_minmax(c, 16, true, false); }
static bool trans_vminsw(PpcCtx *c) { return gen_minmax(c, 32, true, false); }
static bool trans_vminsd(PpcCtx *c) { return gen_minmax(c, 64, true, false); }

/* ---- doubleword counts and bit gathers ----------------------------------- */

/* vclzd / vpopcntd: the count of each doubleword of b. */
static bool gen_count64(PpcCtx *ctx, IrOpcode op)
{
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++)
        r[d] = ir_op1(ctx->ir, op, ppc_vsr_ld(ctx, ppc_vrb(ctx->insn), d));
    set_vrt(ctx, r);
    return true;
}

static bool trans_vclzd(PpcCtx *c) { return gen_count64(c, IR_OP_clz); }
static bool trans_vpopcntd(PpcCtx *c) { return gen_count64(c, IR_OP_popcnt); }

/* vbpermq VRT,VRA,VRB: doubleword 0 = the bits of a that b's bytes index
 * (h_vbpermq), doubleword 1 = 0. */
static bool trans_vbpermq(PpcCtx *ctx)
{
    uint32_t i = ctx->insn;
    IrTemp args[4] = {ppc_vsr_ld(ctx, ppc_vra(i), 0), ppc_vsr_ld(ctx, ppc_vra(i), 1),
                      ppc_vsr_ld(ctx, ppc_vrb(i), 0), ppc_vsr_ld(ctx, ppc_vrb(i), 1)};
    IrTemp r[2] = {ir_call(ctx->ir, &h_vbpermq_desc, args), ir_const64(ctx->ir, 0)};
    set_vrt(ctx, r);
    return true;
}

/* x with the bits under mask swapped with those `shift` places left of
 * them: t = (x ^ (x >> shift)) & mask; x ^ t ^ (t << shift). */
static IrTemp swap_bits(IrBlock *ir, IrTemp x, unsigned shift, uint64_t mask)
{
    IrTemp t = ir_andi(ir, ir_xor(ir, x, ir_shri(ir, x, shift)), mask);
    return ir_xor(ir, ir_xor(ir, x, t), ir_shli(ir, t, shift));
}

/* vgbbd: in each doubleword, bit j of byte i becomes bit i of byte j, an
 * 8 x 8 bit-matrix transpose: swap the 1 x 1, then 2 x 2, then 4 x 4
 * blocks across the diagonal. */
static bool trans_vgbbd(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++) {
        IrTemp x = ppc_vsr_ld(ctx, ppc_vrb(ctx->insn), d);
        x = swap_bits(ir, x, 7, 0x00aa00aa00aa00aaull);
        x = swap_bits(ir, x, 14, 0x0000cccc0000ccccull);
        r[d] = swap_bits(ir, x, 28, 0x00000000f0f0f0f0ull);
    }
    set_vrt(ctx, r);
    return true;
}

/* ---- modulo add / subtract and the logical operations ------------------- */

/* Modulo add/subtract on both doublewords, lanes kept apart:
 *   add: ((a & L) + (b & L)) ^ ((a ^ b) & H)
 *   sub: ((a | H) - (b & L)) ^ ((a ^ ~b) & H) */
static bool gen_addsub_mod(PpcCtx *ctx, unsigned bits, bool sub)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    Lanes ln = lanes_of(ir, bits);
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++) {
        IrTemp a = ppc_vsr_ld(ctx, ppc_vra(i), d), b = ppc_vsr_ld(ctx, ppc_vrb(i), d);
        if (bits == 64) {
            r[d] = sub ? ir_sub(ir, a, b) : ir_add(ir, a, b);
            continue;
        }
        IrTemp bl = ir_and(ir, b, ln.l);
        IrTemp low = sub ? ir_sub(ir, ir_or(ir, a, ln.h), bl) : ir_add(ir, ir_and(ir, a, ln.l), bl);
        IrTemp top = ir_and(ir, ir_xor(ir, a, sub ? ir_not(ir, b) : b), ln.h);
        r[d] = ir_xor(ir, low, top);
    }
    set_vrt(ctx, r);
    return true;
}

static bool trans_vaddubm(PpcCtx *c) { return gen_addsub_mod(c, 8, false); }
static bool trans_vadduhm(PpcCtx *c) { return gen_addsub_mod(c, 16, false); }
static bool trans_vadduwm(PpcCtx *c) { return gen_addsub_mod(c, 32, false); }
static bool trans_vaddudm(PpcCtx *c) { return gen_addsub_mod(c, 64, false); }
static bool trans_vsububm(PpcCtx *c) { return gen_addsub_mod(c, 8, true); }
static bool trans_vsubuhm(PpcCtx *c) { return gen_addsub_mod(c, 16, true); }
static bool trans_vsubuwm(PpcCtx *c) { return gen_addsub_mod(c, 32, true); }
static bool trans_vsubudm(PpcCtx *c) { return gen_addsub_mod(c, 64, true); }

/* The logical operations, one IR op per doubleword (then an optional not). */
static bool gen_logical(PpcCtx *ctx, IrOpcode op, bool invert)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++) {
        r[d] = ir_op2(ir, op, ppc_vsr_ld(ctx, ppc_vra(i), d), ppc_vsr_ld(ctx, ppc_vrb(i), d));
        if (invert)
            r[d] = ir_not(ir, r[d]);
    }
    set_vrt(ctx, r);
    return true;
}

static bool trans_vand(PpcCtx *c) { return gen_logical(c, IR_OP_and, false); }
static bool trans_vandc(PpcCtx *c) { return gen_logical(c, IR_OP_andc, false); }
static bool trans_vor(PpcCtx *c) { return gen_logical(c, IR_OP_or, false); }
static bool trans_vorc(PpcCtx *c) { return gen_logical(c, IR_OP_orc, false); }
static bool trans_vxor(PpcCtx *c) { return gen_logical(c, IR_OP_xor, false); }
static bool trans_vnor(PpcCtx *c) { return gen_logical(c, IR_OP_or, true); }
static bool trans_vnand(PpcCtx *c) { return gen_logical(c, IR_OP_and, true); }
static bool trans_veqv(PpcCtx *c) { return gen_logical(c, IR_OP_xor, true); }

/* vsel VRT,VRA,VRB,VRC: each bit from b where c is 1, else from a. */
static bool trans_vsel(PpcCtx *ctx)
{
    IrBlock *ir = ctx->ir;
    uint32_t i = ctx->insn;
    IrTemp r[2];
    for (unsigned d = 0; d < 2; d++) {
        IrTemp a = ppc_vsr_ld(ctx, ppc_vra(i), d), b = ppc_vsr_ld(ctx, ppc_vrb(i), d);
        IrTemp m = ppc_vsr_ld(ctx, ppc_vrc(i), d);
        r[d] = ir_or(ir, ir_op2(ir, IR_OP_andc, a, m), ir_and(ir, b, m));
    }
    set_vrt(ctx, r);
    return true;
}

static bool trans_vaddubs(PpcCtx *c) { return vx_apply(c, vaddubs); }
static bool trans_vadduhs(PpcCtx *c) { return vx_apply(c, vadduhs); }
static bool trans_vadduws(PpcCtx *c) { return vx_apply(c, vadduws); }
static bool trans_vaddsbs(PpcCtx *c) { return vx_apply(c, vaddsbs); }
static bool trans_vaddshs(PpcCtx *c) { return vx_apply(c, vaddshs); }
static bool trans_vaddsws(PpcCtx *c) { return vx_apply(c, vaddsws); }
static bool trans_vsububs(PpcCtx *c) { return vx_apply(c, vsububs); }
static bool trans_vsubuhs(PpcCtx *c) { return vx_apply(c, vsubuhs); }
static bool trans_vsubuws(PpcCtx *c) { return vx_apply(c, vsubuws); }
static bool trans_vsubsbs(PpcCtx *c) { return vx_apply(c, vsubsbs); }
static bool trans_vsubshs(PpcCtx *c) { return vx_apply(c, vsubshs); }
static bool trans_vsubsws(PpcCtx *c) { return vx_apply(c, vsubsws); }
static bool trans_vaddcuw(PpcCtx *c) { return vx_apply(c, vaddcuw); }
static bool trans_vsubcuw(PpcCtx *c) { return vx_apply(c, vsubcuw); }
static bool trans_vavgub(PpcCtx *c) { return vx_apply(c, vavgub); }
static bool trans_vavguh(PpcCtx *c) { return vx_apply(c, vavguh); }
static bool trans_vavguw(PpcCtx *c) { return vx_apply(c, vavguw); }
static bool trans_vavgsb(PpcCtx *c) { return vx_apply(c, vavgsb); }
static bool trans_vavgsh(PpcCtx *c) { return vx_apply(c, vavgsh); }
static bool trans_vavgsw(PpcCtx *c) { return vx_apply(c, vavgsw); }
static bool trans_vslb(PpcCtx *c) { return vx_apply(c, vslb); }
static bool trans_vslh(PpcCtx *c) { return vx_apply(c, vslh); }
static bool trans_vslw(PpcCtx *c) { return vx_apply(c, vslw); }
static bool trans_vsld(PpcCtx *c) { return vx_apply(c, vsld); }
static bool trans_vsrb(PpcCtx *c) { return vx_apply(c, vsrb); }
static bool trans_vsrh(PpcCtx *c) { return vx_apply(c, vsrh); }
static bool trans_vsrw(PpcCtx *c) { return vx_apply(c, vsrw); }
static bool trans_vsrd(PpcCtx *c) { return vx_apply(c, vsrd); }
static bool trans_vsrab(PpcCtx *c) { return vx_apply(c, vsrab); }
static bool trans_vsrah(PpcCtx *c) { return vx_apply(c, vsrah); }
static bool trans_vsraw(PpcCtx *c) { return vx_apply(c, vsraw); }
static bool trans_vsrad(PpcCtx *c) { return vx_apply(c, vsrad); }
static bool trans_vrlb(PpcCtx *c) { return vx_apply(c, vrlb); }
static bool trans_vrlh(PpcCtx *c) { return vx_apply(c, vrlh); }
static bool trans_vrlw(PpcCtx *c) { return vx_apply(c, vrlw); }
static bool trans_vrld(PpcCtx *c) { return vx_apply(c, vrld); }
static bool trans_vmuluwm(PpcCtx *c) { return vx_apply(c, vmuluwm); }
static bool trans_vmuleub(PpcCtx *c) { return vx_apply(c, vmuleub); }
static bool trans_vmuleuh(PpcCtx *c) { return vx_apply(c, vmuleuh); }
static bool trans_vmuleuw(PpcCtx *c) { return vx_apply(c, vmuleuw); }
static bool trans_vmulesb(PpcCtx *c) { return vx_apply(c, vmulesb); }
static bool trans_vmulesh(PpcCtx *c) { return vx_apply(c, vmulesh); }
static bool trans_vmulesw(PpcCtx *c) { return vx_apply(c, vmulesw); }
static bool trans_vmuloub(PpcCtx *c) { return vx_apply(c, vmuloub); }
static bool trans_vmulouh(PpcCtx *c) { return vx_apply(c, vmulouh); }
static bool trans_vmulouw(PpcCtx *c) { return vx_apply(c, vmulouw); }
static bool trans_vmulosb(PpcCtx *c) { return vx_apply(c, vmulosb); }
static bool trans_vmulosh(PpcCtx *c) { return vx_apply(c, vmulosh); }
static bool trans_vmulosw(PpcCtx *c) { return vx_apply(c, vmulosw); }
static bool trans_vmsumubm(PpcCtx *c) { return vx_apply(c, vmsumubm); }
static bool trans_vmsummbm(PpcCtx *c) { return vx_apply(c, vmsummbm); }
static bool trans_vmsumuhm(PpcCtx *c) { return vx_apply(c, vmsumuhm); }
static bool trans_vmsumuhs(PpcCtx *c) { return vx_apply(c, vmsumuhs); }
static bool trans_vmsumshm(PpcCtx *c) { return vx_apply(c, vmsumshm); }
static bool trans_vmsumshs(PpcCtx *c) { return vx_apply(c, vmsumshs); }
static bool trans_vmhaddshs(PpcCtx *c) { return vx_apply(c, vmhaddshs); }
static bool trans_vmhraddshs(PpcCtx *c) { return vx_apply(c, vmhraddshs); }
static bool gen_q(PpcCtx *ctx, uint32_t how)
{
    uint32_t i = ctx->insn;
    ppc_vec_apply(ctx, vaddsubq, ppc_vrt(i), ppc_vra(i), ppc_vrb(i), ppc_vrc(i), how);
    return true;
}
static bool trans_vadduqm(PpcCtx *c) { return gen_q(c, 0); }
static bool trans_vaddcuq(PpcCtx *c) { return gen_q(c, Q_CARRY); }
static bool trans_vaddeuqm(PpcCtx *c) { return gen_q(c, Q_EXT); }
static bool trans_vaddecuq(PpcCtx *c) { return gen_q(c, Q_EXT | Q_CARRY); }
static bool trans_vsubuqm(PpcCtx *c) { return gen_q(c, Q_SUB); }
static bool trans_vsubcuq(PpcCtx *c) { return gen_q(c, Q_SUB | Q_CARRY); }
static bool trans_vsubeuqm(PpcCtx *c) { return gen_q(c, Q_SUB | Q_EXT); }
static bool trans_vsubecuq(PpcCtx *c) { return gen_q(c, Q_SUB | Q_EXT | Q_CARRY); }
static bool trans_vmladduhm(PpcCtx *c) { return vx_apply(c, vmladduhm); }
static bool trans_vsumsws(PpcCtx *c) { return vx_apply(c, vsumsws); }
static bool trans_vsum2sws(PpcCtx *c) { return vx_apply(c, vsum2sws); }
static bool trans_vsum4sbs(PpcCtx *c) { return vx_apply(c, vsum4sbs); }
static bool trans_vsum4ubs(PpcCtx *c) { return vx_apply(c, vsum4ubs); }
static bool trans_vsum4shs(PpcCtx *c) { return vx_apply(c, vsum4shs); }
static bool trans_vclzb(PpcCtx *c) { return vx_apply(c, vclzb); }
static bool trans_vclzh(PpcCtx *c) { return vx_apply(c, vclzh); }
static bool trans_vclzw(PpcCtx *c) { return vx_apply(c, vclzw); }
static bool trans_vpopcntb(PpcCtx *c) { return vx_apply(c, vpopcntb); }
static bool trans_vpopcnth(PpcCtx *c) { return vx_apply(c, vpopcnth); }
static bool trans_vpopcntw(PpcCtx *c) { return vx_apply(c, vpopcntw); }
static bool trans_vpmsumb(PpcCtx *c) { return vx_apply(c, vpmsumb); }
static bool trans_vpmsumh(PpcCtx *c) { return vx_apply(c, vpmsumh); }
static bool trans_vpmsumw(PpcCtx *c) { return vx_apply(c, vpmsumw); }
static bool trans_vpmsumd(PpcCtx *c) { return vx_apply(c, vpmsumd); }

#define VX(xo) (0x10000000u | (uint32_t)(xo))
#define M_VX 0xfc0007ffu      /* opcode 4 and the 11-bit XO */
#define M_VX_B (M_VX | 0x1f0000u) /* VRA reserved */
#define M_VC 0xfc0003ffu      /* opcode 4, 10-bit XO; Rc (bit 21) free */
#define M_VA 0xfc00003fu      /* opcode 4 and the 6-bit XO */

const PpcInsnForm ppc_vmx_int_forms[] = {
    /* add / subtract: modulo, unsigned and signed saturating, carry out */
    {M_VX, VX(0x000), "vaddubm", trans_vaddubm}, /* t.b[i] = a.b[i] + b.b[i] */
    {M_VX, VX(0x040), "vadduhm", trans_vadduhm},
    {M_VX, VX(0x080), "vadduwm", trans_vadduwm},
    {M_VX, VX(0x0c0), "vaddudm", trans_vaddudm},
    {M_VX, VX(0x200), "vaddubs", trans_vaddubs}, /* ... unsigned saturating, SAT */
    {M_VX, VX(0x240), "vadduhs", trans_vadduhs},
    {M_VX, VX(0x280), "vadduws", trans_vadduws},
    {M_VX, VX(0x300), "vaddsbs", trans_vaddsbs}, /* ... signed saturating, SAT */
    {M_VX, VX(0x340), "vaddshs", trans_vaddshs},
    {M_VX, VX(0x380), "vaddsws", trans_vaddsws},
    {M_VX, VX(0x180), "vaddcuw", trans_vaddcuw}, /* t.w[i] = carry of a.w[i] + b.w[i] */
    {M_VX, VX(0x400), "vsububm", trans_vsububm}, /* t.b[i] = a.b[i] - b.b[i] */
    {M_VX, VX(0x440), "vsubuhm", trans_vsubuhm},
    {M_VX, VX(0x480), "vsubuwm", trans_vsubuwm},
    {M_VX, VX(0x4c0), "vsubudm", trans_vsubudm},
    {M_VX, VX(0x600), "vsububs", trans_vsububs},
    {M_VX, VX(0x640), "vsubuhs", trans_vsubuhs},
    {M_VX, VX(0x680), "vsubuws", trans_vsubuws},
    {M_VX, VX(0x700), "vsubsbs", trans_vsubsbs},
    {M_VX, VX(0x740), "vsubshs", trans_vsubshs},
    {M_VX, VX(0x780), "vsubsws", trans_vsubsws},
    {M_VX, VX(0x580), "vsubcuw", trans_vsubcuw}, /* t.w[i] = a.w[i] >= b.w[i] (no borrow) */
    /* quadword: t = a +/- b (+ c[127]) mod 2^128, or its carry out (0 or 1) */
    {M_VX, VX(0x100), "vadduqm", trans_vadduqm},   /* t = a + b */
    {M_VX, VX(0x140), "vaddcuq", trans_vaddcuq},   /* t = carry(a + b) */
    {M_VA, VX(0x3c), "vaddeuqm", trans_vaddeuqm},  /* t = a + b + c[127] */
    {M_VA, VX(0x3d), "vaddecuq", trans_vaddecuq},  /* t = carry(a + b + c[127]) */
    {M_VX, VX(0x500), "vsubuqm", trans_vsubuqm},   /* t = a + ~b + 1 */
    {M_VX, VX(0x540), "vsubcuq", trans_vsubcuq},   /* t = carry(a + ~b + 1) */
    {M_VA, VX(0x3e), "vsubeuqm", trans_vsubeuqm},  /* t = a + ~b + c[127] */
    {M_VA, VX(0x3f), "vsubecuq", trans_vsubecuq},  /* t = carry(a + ~b + c[127]) */
    /* max / min / average */
    {M_VX, VX(0x002), "vmaxub", trans_vmaxub},
    {M_VX, VX(0x042), "vmaxuh", trans_vmaxuh},
    {M_VX, VX(0x082), "vmaxuw", trans_vmaxuw},
    {M_VX, VX(0x0c2), "vmaxud", trans_vmaxud},
    {M_VX, VX(0x102), "vmaxsb", trans_vmaxsb},
    {M_VX, VX(0x142), "vmaxsh", trans_vmaxsh},
    {M_VX, VX(0x182), "vmaxsw", trans_vmaxsw},
    {M_VX, VX(0x1c2), "vmaxsd", trans_vmaxsd},
    {M_VX, VX(0x202), "vminub", trans_vminub},
    {M_VX, VX(0x242), "vminuh", trans_vminuh},
    {M_VX, VX(0x282), "vminuw", trans_vminuw},
    {M_VX, VX(0x2c2), "vminud", trans_vminud},
    {M_VX, VX(0x302), "vminsb", trans_vminsb},
    {M_VX, VX(0x342), "vminsh", trans_vminsh},
    {M_VX, VX(0x382), "vminsw", trans_vminsw},
    {M_VX, VX(0x3c2), "vminsd", trans_vminsd},
    {M_VX, VX(0x402), "vavgub", trans_vavgub},   /* t = (a + b + 1) >> 1, exact */
    {M_VX, VX(0x442), "vavguh", trans_vavguh},
    {M_VX, VX(0x482), "vavguw", trans_vavguw},
    {M_VX, VX(0x502), "vavgsb", trans_vavgsb},
    {M_VX, VX(0x542), "vavgsh", trans_vavgsh},
    {M_VX, VX(0x582), "vavgsw", trans_vavgsw},
    /* compares: all-ones / all-zeros elements; Rc=1: CR6 = all | none */
    {M_VC, VX(0x006), "vcmpequb", trans_vcmpequb},
    {M_VC, VX(0x046), "vcmpequh", trans_vcmpequh},
    {M_VC, VX(0x086), "vcmpequw", trans_vcmpequw},
    {M_VC, VX(0x0c7), "vcmpequd", trans_vcmpequd},
    {M_VC, VX(0x206), "vcmpgtub", trans_vcmpgtub},
    {M_VC, VX(0x246), "vcmpgtuh", trans_vcmpgtuh},
    {M_VC, VX(0x286), "vcmpgtuw", trans_vcmpgtuw},
    {M_VC, VX(0x2c7), "vcmpgtud", trans_vcmpgtud},
    {M_VC, VX(0x306), "vcmpgtsb", trans_vcmpgtsb},
    {M_VC, VX(0x346), "vcmpgtsh", trans_vcmpgtsh},
    {M_VC, VX(0x386), "vcmpgtsw", trans_vcmpgtsw},
    {M_VC, VX(0x3c7), "vcmpgtsd", trans_vcmpgtsd},
    /* element shifts and rotates: count = low log2(n) bits of b's element */
    {M_VX, VX(0x104), "vslb", trans_vslb},
    {M_VX, VX(0x144), "vslh", trans_vslh},
    {M_VX, VX(0x184), "vslw", trans_vslw},
    {M_VX, VX(0x5c4), "vsld", trans_vsld},
    {M_VX, VX(0x204), "vsrb", trans_vsrb},
    {M_VX, VX(0x244), "vsrh", trans_vsrh},
    {M_VX, VX(0x284), "vsrw", trans_vsrw},
    {M_VX, VX(0x6c4), "vsrd", trans_vsrd},
    {M_VX, VX(0x304), "vsrab", trans_vsrab},
    {M_VX, VX(0x344), "vsrah", trans_vsrah},
    {M_VX, VX(0x384), "vsraw", trans_vsraw},
    {M_VX, VX(0x3c4), "vsrad", trans_vsrad},
    {M_VX, VX(0x004), "vrlb", trans_vrlb},
    {M_VX, VX(0x044), "vrlh", trans_vrlh},
    {M_VX, VX(0x084), "vrlw", trans_vrlw},
    {M_VX, VX(0x0c4), "vrld", trans_vrld},
    /* multiplies: even / odd elements to double width; modulo word */
    {M_VX, VX(0x208), "vmuleub", trans_vmuleub},
    {M_VX, VX(0x248), "vmuleuh", trans_vmuleuh},
    {M_VX, VX(0x288), "vmuleuw", trans_vmuleuw},
    {M_VX, VX(0x308), "vmulesb", trans_vmulesb},
    {M_VX, VX(0x348), "vmulesh", trans_vmulesh},
    {M_VX, VX(0x388), "vmulesw", trans_vmulesw},
    {M_VX, VX(0x008), "vmuloub", trans_vmuloub},
    {M_VX, VX(0x048), "vmulouh", trans_vmulouh},
    {M_VX, VX(0x088), "vmulouw", trans_vmulouw},
    {M_VX, VX(0x108), "vmulosb", trans_vmulosb},
    {M_VX, VX(0x148), "vmulosh", trans_vmulosh},
    {M_VX, VX(0x188), "vmulosw", trans_vmulosw},
    {M_VX, VX(0x089), "vmuluwm", trans_vmuluwm}, /* t.w[i] = low 32 bits of a.w[i] * b.w[i] */
    /* multiply-add / multiply-sum (VA form: VRC is the addend) */
    {M_VA, VX(0x24), "vmsumubm", trans_vmsumubm},
    {M_VA, VX(0x25), "vmsummbm", trans_vmsummbm},
    {M_VA, VX(0x26), "vmsumuhm", trans_vmsumuhm},
    {M_VA, VX(0x27), "vmsumuhs", trans_vmsumuhs},
    {M_VA, VX(0x28), "vmsumshm", trans_vmsumshm},
    {M_VA, VX(0x29), "vmsumshs", trans_vmsumshs},
    {M_VA, VX(0x20), "vmhaddshs", trans_vmhaddshs},
    {M_VA, VX(0x21), "vmhraddshs", trans_vmhraddshs},
    {M_VA, VX(0x22), "vmladduhm", trans_vmladduhm},
    /* sum across, saturating */
    {M_VX, VX(0x788), "vsumsws", trans_vsumsws},
    {M_VX, VX(0x688), "vsum2sws", trans_vsum2sws},
    {M_VX, VX(0x708), "vsum4sbs", trans_vsum4sbs},
    {M_VX, VX(0x608), "vsum4ubs", trans_vsum4ubs},
    {M_VX, VX(0x648), "vsum4shs", trans_vsum4shs},
    /* counts (VX, VRA reserved) */
    {M_VX_B, VX(0x702), "vclzb", trans_vclzb},
    {M_VX_B, VX(0x742), "vclzh", trans_vclzh},
    {M_VX_B, VX(0x782), "vclzw", trans_vclzw},
    {M_VX_B, VX(0x7c2), "vclzd", trans_vclzd},
    {M_VX_B, VX(0x703), "vpopcntb", trans_vpopcntb},
    {M_VX_B, VX(0x743), "vpopcnth", trans_vpopcnth},
    {M_VX_B, VX(0x783), "vpopcntw", trans_vpopcntw},
    {M_VX_B, VX(0x7c3), "vpopcntd", trans_vpopcntd},
    /* polynomial multiply-sum, bit gathers */
    {M_VX, VX(0x408), "vpmsumb", trans_vpmsumb},
    {M_VX, VX(0x448), "vpmsumh", trans_vpmsumh},
    {M_VX, VX(0x488), "vpmsumw", trans_vpmsumw},
    {M_VX, VX(0x4c8), "vpmsumd", trans_vpmsumd},
    {M_VX, VX(0x54c), "vbpermq", trans_vbpermq},
    {M_VX_B, VX(0x50c), "vgbbd", trans_vgbbd},
    /* logical */
    {M_VX, VX(0x404), "vand", trans_vand},
    {M_VX, VX(0x444), "vandc", trans_vandc},
    {M_VX, VX(0x484), "vor", trans_vor},
    {M_VX, VX(0x544), "vorc", trans_vorc},
    {M_VX, VX(0x4c4), "vxor", trans_vxor},
    {M_VX, VX(0x504), "vnor", trans_vnor},
    {M_VX, VX(0x584), "vnand", trans_vnand},
    {M_VX, VX(0x684), "veqv", trans_veqv},
    {M_VA, VX(0x2a), "vsel", trans_vsel},        /* t = (a & ~c) | (b & c) */
    {0, 0, NULL, NULL},
};
