/* backend/x86_64/gen_mem.c — x86-64 code for guest state and guest memory:
 * ld_env/st_env as [r14 + offset], and user-mode guest memory inline as
 * [r15 + zero-extended address] (ld, st, cmpxchg with lock cmpxchg,
 * fence). Big-endian accesses use movbe where the host has it, else a
 * plain access and bswap (rol for 16 bits). An i64 address (a 64-bit
 * guest) is first tested against CpuCommon.guest_addr_fault_mask. A host fault in a guest
 * access is mapped back to its guest instruction by jit.c's insn_start
 * tables; nothing here needs to sync state for it.
 */
#include <signal.h>
#include <stddef.h>
#include <stdnoreturn.h>

#include "backend/exec.h"
#include "backend/x86_64/jit_internal.h"

static bool is_float(IrType t) { return t == IR_F32 || t == IR_F64; }
static unsigned type_bytes(IrType t) { return t == IR_I32 || t == IR_F32 ? 4 : 8; }

/* Store an immediate of `size` bytes at m with no register. */
static void store_imm(X86Emit *e, X86Mem m, uint64_t v, unsigned size)
{
    if (size < 8 || (int64_t)v == (int32_t)v) {
        x86_store_imm(e, m, (int32_t)(uint32_t)v, size);
        return;
    }
    x86_store_imm(e, m, (int32_t)(uint32_t)v, 4);
    m.disp += 4;
    x86_store_imm(e, m, (int32_t)(uint32_t)(v >> 32), 4);
}

/* --- guest state ---------------------------------------------------------- */

static void gen_ld_env(JitCtx *c, const IrInsn *in)
{
    IrType t = (IrType)in->type;
    X86Reg rd = jit_out(c, in->def[0]);
    X86Mem m = jit_env_mem(in->imm);
    if (is_float(t))
        x86_movs_load(&c->e, t == IR_F64, rd, m);
    else
        x86_load(&c->e, rd, m, type_bytes(t), false, t == IR_I64);
}

static void gen_st_env(JitCtx *c, const IrInsn *in)
{
    IrType t = (IrType)in->type;
    X86Mem m = jit_env_mem(in->imm);
    uint64_t v;
    if (jit_const_of(c, in->use[0], &v)) {
        store_imm(&c->e, m, v, type_bytes(t));
        return;
    }
    X86Reg r = jit_in(c, in->use[0]);
    if (is_float(t))
        x86_movs_store(&c->e, t == IR_F64, m, r);
    else
        x86_store(&c->e, m, r, type_bytes(t));
}

/* --- guest memory ---------------------------------------------------------- */

static unsigned mo_bytes(unsigned mo) { return 1u << (mo & IR_MO_SIZE); }
static bool mo_be(unsigned mo) { return (mo & IR_MO_BE) && mo_bytes(mo) > 1; }

/* A 64-bit guest's address outside its space (a bit of
 * CpuCommon.guest_addr_fault_mask set): a guest fault at that address,
 * raised before any host memory is touched. Called from generated code,
 * never returns. */
static noreturn void jit_addr_fault(CpuCommon *cpu, uint64_t addr, uint64_t pc)
{
    cpu->insn_pc = pc;
    cpu->exception_addr = addr;
    cpu->exception_code = SEGV_MAPERR;
    cpu_loop_exit(cpu, EXIT_FAULT);
}

/* i64 addresses (64-bit guests) are checked; i32 ones never are. The
 * check stays in line, its fault path goes after the block's code:
 *     mov t, [r14 + guest_addr_fault_mask]; test t, a; jnz fault_n
 *   ...
 *   fault_n: rsi = a; rdi = env; rdx = guest pc; call jit_addr_fault */
static void check_guest_addr(JitCtx *c, X86Reg a)
{
    X86Reg t = jit_scratch(c, JIT_GPRS);
    x86_load(&c->e, t, jit_env_mem(offsetof(CpuCommon, guest_addr_fault_mask)), 8, false, true);
    x86_test_rr(&c->e, true, t, a);
    JitAddrFault *f = &c->addr_faults[c->naddr_faults++];
    x86_label_init(&f->label);
    f->addr = a;
    f->pc = c->insn_pc;
    x86_jcc_label(&c->e, X86_CC_NE, &f->label);
}

void jit_emit_addr_faults(JitCtx *c)
{
    for (uint32_t i = 0; i < c->naddr_faults; i++) {
        JitAddrFault *f = &c->addr_faults[i];
        x86_label_bind(&c->e, &f->label);
        if (f->addr != X86_RSI)
            x86_mov_rr(&c->e, true, X86_RSI, f->addr);
        x86_mov_rr(&c->e, true, X86_RDI, JIT_ENV);
        x86_mov_ri(&c->e, X86_RDX, f->pc, false);
        jit_call_abs(c, (const void *)jit_addr_fault);
    }
}

/* The host address of guest address temp a: [r15 + a], or [r15 + disp]
 * for a small constant (below 2^31: inside every guest space). */
static X86Mem guest_mem(JitCtx *c, IrTemp a)
{
    uint64_t v;
    if (jit_const_of(c, a, &v) && v <= INT32_MAX)
        return x86_mem(JIT_GUEST_BASE, (int32_t)v);
    X86Reg r = jit_in(c, a);
    if (jit_type(c, a) == IR_I64)
        check_guest_addr(c, r);
    return x86_mem_idx(JIT_GUEST_BASE, r, 1, 0);
}

/* Reverse the low `size` bytes of r, zero above (16: rol of the low word,
 * which keeps the rest: the caller's value is zero-extended already). */
static void swap_bytes(JitCtx *c, X86Reg r, unsigned size)
{
    if (size == 2)
        x86_rol16_8(&c->e, r);
    else
        x86_bswap(&c->e, size == 8, r);
}

/* r holds `size` bytes as loaded, zero-extended; extend them into the
 * result as the memop says. */
static void extend_loaded(JitCtx *c, X86Reg r, unsigned size, bool sign, bool w64)
{
    if (!sign || size == 8 || (size == 4 && !w64))
        return;
    x86_movsx(&c->e, w64, r, r, size);
}

static void gen_ld(JitCtx *c, const IrInsn *in)
{
    unsigned mo = in->aux, size = mo_bytes(mo);
    bool w64 = in->type == IR_I64, sign = mo & IR_MO_SIGN;
    X86Mem m = guest_mem(c, in->use[0]);
    X86Reg rd = jit_out(c, in->def[0]);
    if (!mo_be(mo)) {
        x86_load(&c->e, rd, m, size, sign, w64);
        return;
    }
    if (c->feat->movbe && size > 2) {
        x86_movbe_load(&c->e, rd, m, size);
    } else { /* movbe r16 would keep the upper bits: load, then swap */
        x86_load(&c->e, rd, m, size, false, size == 8);
        swap_bytes(c, rd, size);
    }
    extend_loaded(c, rd, size, sign, w64);
}

static uint64_t swap_value(uint64_t v, unsigned size)
{
    return size == 2 ? __builtin_bswap16((uint16_t)v)
           : size == 4 ? __builtin_bswap32((uint32_t)v)
           : size == 8 ? __builtin_bswap64(v)
                       : (uint8_t)v;
}

static void gen_st(JitCtx *c, const IrInsn *in)
{
    unsigned mo = in->aux, size = mo_bytes(mo);
    bool be = mo_be(mo);
    uint64_t v;
    if (jit_const_of(c, in->use[1], &v)) {
        v = be ? swap_value(v, size) : v;
        /* a 64-bit store stays one access: immediates only when they fit */
        if (size < 8 || (int64_t)v == (int32_t)v) {
            store_imm(&c->e, guest_mem(c, in->use[0]), v, size);
            return;
        }
    }
    X86Reg rv = jit_in(c, in->use[1]);
    X86Mem m = guest_mem(c, in->use[0]);
    if (!be) {
        x86_store(&c->e, m, rv, size);
    } else if (c->feat->movbe) {
        x86_movbe_store(&c->e, m, rv, size);
    } else {
        X86Reg t = jit_scratch(c, JIT_GPRS);
        x86_mov_rr(&c->e, size == 8, t, rv);
        swap_bytes(c, t, size);
        x86_store(&c->e, m, t, size);
    }
}

/* d = [a]; if d == b then [a] = c, atomically: lock cmpxchg compares
 * with rax and leaves the old value there. */
static void gen_cmpxchg(JitCtx *c, const IrInsn *in)
{
    unsigned mo = in->aux, size = mo_bytes(mo);
    bool be = mo_be(mo), w64 = in->type == IR_I64, sign = mo & IR_MO_SIGN;
    jit_claim(c, X86_RAX);
    X86Mem m = guest_mem(c, in->use[0]);
    X86Reg rnew = jit_in(c, in->use[2]);
    X86Reg rexp = jit_in(c, in->use[1]);
    x86_mov_rr(&c->e, true, X86_RAX, rexp);
    if (be) {
        X86Reg t = jit_scratch(c, JIT_GPRS);
        x86_mov_rr(&c->e, true, t, rnew);
        swap_bytes(c, t, size);
        swap_bytes(c, X86_RAX, size);
        rnew = t;
    }
    x86_lock_cmpxchg(&c->e, m, rnew, size);
    if (be)
        swap_bytes(c, X86_RAX, size);
    /* rax holds the old value in its low `size` bytes: extend as a load */
    if (size < 4 && !sign)
        x86_movzx(&c->e, false, X86_RAX, X86_RAX, size);
    else if (size < 8 && sign && (size < 4 || w64))
        x86_movsx(&c->e, w64, X86_RAX, X86_RAX, size);
    else if (size == 4)
        x86_mov_rr(&c->e, false, X86_RAX, X86_RAX);
    jit_out_fixed(c, in->def[0], X86_RAX);
}

static void gen_fence(JitCtx *c, const IrInsn *in)
{
    (void)in;
    x86_mfence(&c->e);
}

static JitGenFn *const mem_gens[IR_NOPS] = {
    [IR_OP_ld_env] = gen_ld_env, [IR_OP_st_env] = gen_st_env,
    [IR_OP_ld] = gen_ld, [IR_OP_st] = gen_st,
    [IR_OP_cmpxchg] = gen_cmpxchg, [IR_OP_fence] = gen_fence,
};

void jit_gen_mem(JitCtx *c, const IrInsn *in)
{
    mem_gens[in->op](c, in);
}
