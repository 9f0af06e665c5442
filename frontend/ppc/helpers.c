/* frontend/ppc/helpers.c — C helpers the PowerPC IR calls where inline IR
 * would be long: the time base (mftb), the extended divisions (divde,
 * divdeu), bit permutation (bpermd) and the load/store string forms.
 *
 * The time base ticks at 512 MHz (0.512 ticks per host nanosecond of
 * CLOCK_MONOTONIC), counted from the moment cpu_init ran; like real
 * hardware's it only ever increases, but its rate is nominal.
 *
 * The string helpers reach guest memory through guest_ld/guest_st
 * (softmmu/tlb.h): guest_base + address in user mode, where a bad
 * address faults on the host and linux-user turns that into the guest's
 * SIGSEGV at this instruction; the soft TLB in system mode, with the
 * block's data memory index.
 */
#include <time.h>

#include "frontend/ppc/cpu.h"
#include "frontend/ppc/gen.h"
#include "softmmu/tlb.h"

uint64_t ppc_timebase_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* One half of the 64-bit time base: upper != 0 gives TBU, else TBL. */
static uint32_t ppc_mftb(CpuCommon *env, uint32_t upper)
{
    const PpcCpu *cpu = (const PpcCpu *)env;
    uint64_t ns = ppc_timebase_now() - cpu->tb_base;
    uint64_t tb = (uint64_t)((unsigned __int128)ns * 64 / 125);
    return upper ? (uint32_t)(tb >> 32) : (uint32_t)tb;
}

/* The whole 64-bit time base (64-bit mode's mftb). */
static uint64_t ppc_mftb64(CpuCommon *env)
{
    const PpcCpu *cpu = (const PpcCpu *)env;
    uint64_t ns = ppc_timebase_now() - cpu->tb_base;
    return (uint64_t)((unsigned __int128)ns * 64 / 125);
}

/* divde/divdeu: the 128-bit dividend a || 64 zero bits over b. The
 * quotient is undefined when it does not fit in 64 bits or b == 0: the
 * divisions give 0 then (as qemu does), and the overflow helpers of the
 * OE=1 forms say 1. */
static bool divde_fits(uint64_t a, uint64_t b, uint64_t *q)
{
    *q = 0;
    if (b == 0)
        return false;
    if ((int64_t)b == -1) /* -(a * 2^64) fits only for a == 0 (and would overflow below) */
        return a == 0;
    __int128 quotient = (__int128)(int64_t)a * ((__int128)1 << 64) / (int64_t)b;
    if (quotient != (int64_t)quotient)
        return false;
    *q = (uint64_t)(int64_t)quotient;
    return true;
}

static bool divdeu_fits(uint64_t a, uint64_t b, uint64_t *q)
{
    *q = 0;
    if (b == 0 || a >= b)
        return false;
    *q = (uint64_t)(((unsigned __int128)a << 64) / b);
    return true;
}

static uint64_t ppc_divde(CpuCommon *env, uint64_t a, uint64_t b)
{
    (void)env;
    uint64_t q;
    divde_fits(a, b, &q);
    return q;
}

static uint64_t ppc_divdeu(CpuCommon *env, uint64_t a, uint64_t b)
{
    (void)env;
    uint64_t q;
    divdeu_fits(a, b, &q);
    return q;
}

static uint32_t ppc_divde_ov(CpuCommon *env, uint64_t a, uint64_t b)
{
    (void)env;
    uint64_t q;
    return !divde_fits(a, b, &q);
}

static uint32_t ppc_divdeu_ov(CpuCommon *env, uint64_t a, uint64_t b)
{
    (void)env;
    uint64_t q;
    return !divdeu_fits(a, b, &q);
}

/* A byte access of the string forms, in the cpu's data memory index. */
static uint32_t string_memop(const CpuCommon *env)
{
    return IR_MO_8 | ppc_data_mmu_idx(env->tb_flags) << IR_MO_IDX_SHIFT;
}

/* Load nbytes from ea into rt, rt+1, ... (wrapping r31 -> r0), four bytes
 * per register from the most significant end; the last register's unused
 * low bytes become 0. nbytes == 0 changes nothing. */
static void ppc_lsw(CpuCommon *env, uint32_t ea, uint32_t rt, uint32_t nbytes)
{
    PpcCpu *cpu = (PpcCpu *)env;
    uint32_t memop = string_memop(env);
    unsigned r = rt & 31, shift = 24;
    uint32_t word = 0;
    for (uint32_t n = 0; n < nbytes; n++) {
        word |= (uint32_t)guest_ld(env, (uint32_t)(ea + n), memop) << shift;
        if (shift == 0) {
            cpu->gpr[r] = word;
            r = (r + 1) & 31;
            word = 0;
            shift = 24;
        } else {
            shift -= 8;
        }
    }
    if (shift != 24)
        cpu->gpr[r] = word;
}

/* Store nbytes from rs, rs+1, ... (wrapping), most significant byte first. */
static void ppc_stsw(CpuCommon *env, uint32_t ea, uint32_t rs, uint32_t nbytes)
{
    const PpcCpu *cpu = (const PpcCpu *)env;
    uint32_t memop = string_memop(env);
    for (uint32_t n = 0; n < nbytes; n++) {
        uint32_t word = (uint32_t)cpu->gpr[(rs + n / 4) & 31];
        guest_st(env, (uint32_t)(ea + n), (uint8_t)(word >> (24 - 8 * (n % 4))), memop);
    }
}

const IrHelper ppc_helper_mftb = {
    .name = "ppc_mftb",
    .fn = (void *)ppc_mftb,
    .flags = IR_HELPER_READS_ENV,
    .has_ret = true,
    .ret = IR_I32,
    .nargs = 1,
    .args = {IR_I32},
};

const IrHelper ppc_helper_lsw = {
    .name = "ppc_lsw",
    .fn = (void *)ppc_lsw,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_WRITES_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 3,
    .args = {IR_I32, IR_I32, IR_I32},
};

const IrHelper ppc_helper_stsw = {
    .name = "ppc_stsw",
    .fn = (void *)ppc_stsw,
    .flags = IR_HELPER_READS_ENV | IR_HELPER_MAY_RAISE,
    .nargs = 3,
    .args = {IR_I32, IR_I32, IR_I32},
};

const IrHelper ppc_helper_mftb64 = {
    .name = "ppc_mftb64",
    .fn = (void *)ppc_mftb64,
    .flags = IR_HELPER_READS_ENV,
    .has_ret = true,
    .ret = IR_I64,
    .nargs = 0,
};

/* bpermd: bit i of the 8-bit result (i = 0 the most significant) is the
 * bit of b that byte i of s numbers (bit 0 = b's most significant), or 0
 * when that number is 64 or more. */
static uint64_t ppc_bpermd(CpuCommon *env, uint64_t s, uint64_t b)
{
    (void)env;
    uint64_t r = 0;
    for (int i = 0; i < 8; i++) {
        unsigned index = (unsigned)(s >> (56 - 8 * i)) & 0xff;
        uint64_t bit = index < 64 ? (b >> (63 - index)) & 1 : 0;
        r |= bit << (7 - i);
    }
    return r;
}

const IrHelper ppc_helper_bpermd = {
    .name = "ppc_bpermd",
    .fn = (void *)ppc_bpermd,
    .flags = IR_HELPER_PURE,
    .has_ret = true,
    .ret = IR_I64,
    .nargs = 2,
    .args = {IR_I64, IR_I64},
};

const IrHelper ppc_helper_divde = {
    .name = "ppc_divde",
    .fn = (void *)ppc_divde,
    .flags = IR_HELPER_PURE,
    .has_ret = true,
    .ret = IR_I64,
    .nargs = 2,
    .args = {IR_I64, IR_I64},
};

const IrHelper ppc_helper_divdeu = {
    .name = "ppc_divdeu",
    .fn = (void *)ppc_divdeu,
    .flags = IR_HELPER_PURE,
    .has_ret = true,
    .ret = IR_I64,
    .nargs = 2,
    .args = {IR_I64, IR_I64},
};

const IrHelper ppc_helper_divde_ov = {
    .name = "ppc_divde_ov",
    .fn = (void *)ppc_divde_ov,
    .flags = IR_HELPER_PURE,
    .has_ret = true,
    .ret = IR_I32,
    .nargs = 2,
    .args = {IR_I64, IR_I64},
};

const IrHelper ppc_helper_divdeu_ov = {
    .name = "ppc_divdeu_ov",
    .fn = (void *)ppc_divdeu_ov,
    .flags = IR_HELPER_PURE,
    .has_ret = true,
    .ret = IR_I32,
    .nargs = 2,
    .args = {IR_I64, IR_I64},
};
