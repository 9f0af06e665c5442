/* backend/x86_64/gen_mem.c — x86-64 code for guest state and guest memory:
 * ld_env/st_env as [r14 + offset], and user-mode guest memory inline as
 * [r15 + zero-extended address] (ld, st, cmpxchg with lock cmpxchg,
 * fence). Big-endian accesses use movbe where the host has it, else a
 * plain access and bswap (rol for 16 bits). An i64 address (a 64-bit
 * guest) is first tested against CpuCommon.guest_addr_fault_mask. A host fault in a guest
 * access is mapped back to its guest instruction by jit.c's insn_start
 * tables; nothing here needs to sync state for it.
 *
 * System mode (IrBlock.softmmu): r15 is the cpu's SoftTlb and ld/st
 * inline softmmu/tlb.h's hit path before the same access, for an access
 * of `size` bytes at a with memory index m (TlbEntry: 32 bytes):
 *
 *     mov t, a;  shr t, 12 - 5;  and t, 255 << 5      entry offset in the table
 *     lea u, [a + size - 1];  and u, ~0xfff           last byte's page (64 bits)
 *     cmp u, [r15 + t + m * 8192 + tag_read|tag_write]
 *     jne miss_n
 *     mov t, [r15 + t + m * 8192 + addend]
 *     access [t + a]
 *   done_n:
 *   ...                                               after the block's code:
 *   miss_n: save the live caller-saved registers below rsp (it stays 16-byte
 *           aligned), call softmmu_ld_slow(env, a, memop, pc) or
 *           softmmu_st_slow(env, a, value, memop, pc), result into the
 *           destination and extended as the hit path does, restore, jmp done_n
 *
 * cmpxchg calls softmmu_cmpxchg through jit_call, which keeps live values
 * the same way in line.
 */
#include <signal.h>
#include <stddef.h>
#include <stdnoreturn.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/x86_64/jit_internal.h"
#include "softmmu/tlb.h"

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

/* rd = the memop's access at m, extended into an i64 (w64) or i32. */
static void load_from(JitCtx *c, X86Reg rd, X86Mem m, unsigned mo, bool w64)
{
    unsigned size = mo_bytes(mo);
    bool sign = mo & IR_MO_SIGN;
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

/* A store of the constant v (the memop's size, in the host's order)
 * that one immediate store does: then *imm is what goes to memory. */
static bool store_imm_of(JitCtx *c, IrTemp value, unsigned mo, uint64_t *imm)
{
    unsigned size = mo_bytes(mo);
    uint64_t v;
    if (!jit_const_of(c, value, &v))
        return false;
    *imm = mo_be(mo) ? swap_value(v, size) : v;
    /* a 64-bit store stays one access: immediates only when they fit */
    return size < 8 || (int64_t)*imm == (int32_t)*imm;
}

/* A register to byte-swap a stored value in, if the store needs one. */
static X86Reg swap_scratch(JitCtx *c, unsigned mo)
{
    return mo_be(mo) && !c->feat->movbe ? jit_scratch(c, JIT_GPRS) : X86_NOREG;
}

/* m = rv as the memop says (tmp: swap_scratch's register). */
static void store_to(JitCtx *c, X86Mem m, X86Reg rv, unsigned mo, X86Reg tmp)
{
    unsigned size = mo_bytes(mo);
    if (!mo_be(mo)) {
        x86_store(&c->e, m, rv, size);
    } else if (c->feat->movbe) {
        x86_movbe_store(&c->e, m, rv, size);
    } else {
        x86_mov_rr(&c->e, size == 8, tmp, rv);
        swap_bytes(c, tmp, size);
        x86_store(&c->e, m, tmp, size);
    }
}

/* --- system mode: the TLB's hit path in line, its miss out of line ------- */

_Static_assert(sizeof(TlbEntry) == 32, "the hit path indexes entries with a shift of 5");
enum { TLB_ENTRY_SHIFT = 5 };

#define JIT_CALLER_SAVED_GPRS                                                                       \
    (JIT_REG_BIT(X86_RAX) | JIT_REG_BIT(X86_RCX) | JIT_REG_BIT(X86_RDX) | JIT_REG_BIT(X86_RSI) |     \
     JIT_REG_BIT(X86_RDI) | JIT_REG_BIT(X86_R8) | JIT_REG_BIT(X86_R9) | JIT_REG_BIT(X86_R10) |      \
     JIT_REG_BIT(X86_R11))

/* The caller-saved registers holding values used after this instruction,
 * but for `result` (the access's destination, written by the miss). */
static JitRegSet live_caller_saved(const JitCtx *c, X86Reg result)
{
    JitRegSet live = 0;
    for (unsigned r = 0; r < X86_NREGS; r++) {
        IrTemp t = c->reg_owner[r];
        bool caller_saved = (JIT_CALLER_SAVED_GPRS | JIT_XMMS) & JIT_REG_BIT(r);
        if (t && caller_saved && r != result && c->temps[t].last_use > c->cur)
            live |= JIT_REG_BIT(r);
    }
    return live;
}

/* Start a softmmu access of the instruction at a: its scratch registers
 * and its miss record. Every register the instruction needs is taken
 * before tlb_hit_path emits anything (the miss path skips what the
 * allocator would emit in between). */
static JitTlbMiss *tlb_access(JitCtx *c, const IrInsn *in, X86Reg a)
{
    JitTlbMiss *m = &c->tlb_misses[c->ntlb_misses++];
    *m = (JitTlbMiss){.addr = a, .value = X86_NOREG, .dest = X86_NOREG, .memop = in->aux,
                      .w64 = in->type == IR_I64, .pc = c->insn_pc};
    m->index = jit_scratch(c, JIT_GPRS);
    m->page = jit_scratch(c, JIT_GPRS);
    x86_label_init(&m->slow);
    x86_label_init(&m->done);
    return m;
}

/* The hit path of the access m (its registers all taken): the host
 * address of the guest data, or a jump to m's miss path. */
static X86Mem tlb_hit_path(JitCtx *c, JitTlbMiss *m, bool store)
{
    unsigned mo = m->memop, size = mo_bytes(mo);
    int32_t table = (int32_t)(softmmu_mo_idx(mo) * sizeof(((SoftTlb *)0)->entry[0]));
    int32_t tag = (int32_t)(store ? offsetof(TlbEntry, tag_write) : offsetof(TlbEntry, tag_read));
    m->saved = live_caller_saved(c, m->dest);
    x86_mov_rr(&c->e, true, m->index, m->addr);
    x86_shift_ri(&c->e, X86_SHR, true, m->index, TLB_PAGE_BITS - TLB_ENTRY_SHIFT);
    x86_alu_ri(&c->e, X86_AND, true, m->index, (TLB_ENTRIES - 1) << TLB_ENTRY_SHIFT);
    x86_lea(&c->e, true, m->page, x86_mem(m->addr, (int32_t)size - 1));
    x86_alu_ri(&c->e, X86_AND, true, m->page, ~(int32_t)TLB_PAGE_MASK_LOW);
    x86_alu_rm(&c->e, X86_CMP, true, m->page, x86_mem_idx(JIT_GUEST_BASE, m->index, 1, table + tag));
    x86_jcc_label(&c->e, X86_CC_NE, &m->slow);
    x86_load(&c->e, m->index, x86_mem_idx(JIT_GUEST_BASE, m->index, 1, table + (int32_t)offsetof(TlbEntry, addend)),
             8, false, true);
    return x86_mem_idx(m->index, m->addr, 1, 0);
}

static void gen_ld_softmmu(JitCtx *c, const IrInsn *in)
{
    X86Reg a = jit_in(c, in->use[0]);
    JitTlbMiss *m = tlb_access(c, in, a);
    m->dest = jit_out(c, in->def[0]);
    load_from(c, m->dest, tlb_hit_path(c, m, false), m->memop, m->w64);
    x86_label_bind(&c->e, &m->done);
}

static void gen_st_softmmu(JitCtx *c, const IrInsn *in)
{
    X86Reg a = jit_in(c, in->use[0]);
    uint64_t imm = 0;
    bool is_imm = store_imm_of(c, in->use[1], in->aux, &imm);
    X86Reg rv = is_imm ? X86_NOREG : jit_in(c, in->use[1]);
    X86Reg tmp = is_imm ? X86_NOREG : swap_scratch(c, in->aux);
    JitTlbMiss *m = tlb_access(c, in, a);
    m->value = rv;
    if (is_imm) /* the miss path stores the value as the IR has it */
        jit_const_of(c, in->use[1], &m->value_imm);
    X86Mem host = tlb_hit_path(c, m, true);
    if (is_imm)
        store_imm(&c->e, host, imm, mo_bytes(m->memop));
    else
        store_to(c, host, rv, m->memop, tmp);
    x86_label_bind(&c->e, &m->done);
}

/* Spill area of a miss path: 8 bytes per saved register, rsp kept
 * 16-byte aligned. */
static int32_t save_area_bytes(JitRegSet saved)
{
    return (int32_t)((__builtin_popcount(saved) * 8 + 15) & ~15);
}

static void save_or_restore(JitCtx *c, JitRegSet saved, bool restore)
{
    int32_t off = 0;
    for (unsigned r = 0; r < X86_NREGS; r++) {
        if (!(saved & JIT_REG_BIT(r)))
            continue;
        X86Mem m = x86_mem(X86_RSP, off);
        off += 8;
        if (x86_is_xmm((X86Reg)r) && restore)
            x86_movs_load(&c->e, true, (X86Reg)r, m);
        else if (x86_is_xmm((X86Reg)r))
            x86_movs_store(&c->e, true, m, (X86Reg)r);
        else if (restore)
            x86_load(&c->e, (X86Reg)r, m, 8, false, true);
        else
            x86_store(&c->e, m, (X86Reg)r, 8);
    }
}

/* rsi = the address, rdx = the value (a store's, if in a register), as a
 * parallel move. */
static void move_addr_and_value(JitCtx *c, X86Reg addr, X86Reg value)
{
    if (value == X86_NOREG || addr != X86_RDX) {
        if (value != X86_NOREG && value != X86_RDX)
            x86_mov_rr(&c->e, true, X86_RDX, value);
        if (addr != X86_RSI)
            x86_mov_rr(&c->e, true, X86_RSI, addr);
    } else if (value == X86_RSI) {
        x86_xchg_rr(&c->e, true, X86_RSI, X86_RDX);
    } else {
        x86_mov_rr(&c->e, true, X86_RSI, X86_RDX);
        x86_mov_rr(&c->e, true, X86_RDX, value);
    }
}

static void emit_tlb_miss(JitCtx *c, JitTlbMiss *m)
{
    bool store = m->dest == X86_NOREG;
    int32_t area = save_area_bytes(m->saved);
    x86_label_bind(&c->e, &m->slow);
    if (area)
        x86_alu_ri(&c->e, X86_SUB, true, X86_RSP, area);
    save_or_restore(c, m->saved, false);
    move_addr_and_value(c, m->addr, store ? m->value : X86_NOREG);
    if (store && m->value == X86_NOREG)
        x86_mov_ri(&c->e, X86_RDX, m->value_imm, false);
    x86_mov_ri(&c->e, store ? X86_RCX : X86_RDX, m->memop, false);
    x86_mov_ri(&c->e, store ? X86_R8 : X86_RCX, m->pc, false);
    x86_mov_rr(&c->e, true, X86_RDI, JIT_ENV);
    jit_call_abs(c, store ? (const void *)softmmu_st_slow : (const void *)softmmu_ld_slow);
    if (!store) {
        x86_mov_rr(&c->e, m->w64, m->dest, X86_RAX);
        extend_loaded(c, m->dest, mo_bytes(m->memop), m->memop & IR_MO_SIGN, m->w64);
    }
    save_or_restore(c, m->saved, true);
    if (area)
        x86_alu_ri(&c->e, X86_ADD, true, X86_RSP, area);
    x86_jmp_label(&c->e, &m->done);
}

void jit_emit_tlb_misses(JitCtx *c)
{
    for (uint32_t i = 0; i < c->ntlb_misses; i++)
        emit_tlb_miss(c, &c->tlb_misses[i]);
}

/* softmmu_cmpxchg for the JIT: the operands cut to the memop's size, the
 * old value extended as a load into an i64 (w64) or i32. */
static uint64_t jit_softmmu_cmpxchg(CpuCommon *cpu, uint64_t addr, uint64_t expected, uint64_t desired,
                                    uint64_t memop_w64, uint64_t insn_pc)
{
    uint32_t mo = (uint32_t)memop_w64 & 0xff;
    unsigned bits = 8u << (mo & IR_MO_SIZE);
    uint64_t mask = bits == 64 ? ~0ull : (1ull << bits) - 1;
    uint64_t old = softmmu_cmpxchg(cpu, addr, expected & mask, desired & mask, mo, insn_pc);
    if ((mo & IR_MO_SIGN) && bits < 64)
        old = (uint64_t)((int64_t)(old << (64 - bits)) >> (64 - bits));
    return (memop_w64 >> 8) ? old : (uint32_t)old;
}

static void gen_cmpxchg_softmmu(JitCtx *c, const IrInsn *in)
{
    JitArg args[] = {
        {.temp = in->use[0], .type = jit_type(c, in->use[0])},
        {.temp = in->use[1], .type = jit_type(c, in->use[1])},
        {.temp = in->use[2], .type = jit_type(c, in->use[2])},
        {.type = IR_I64, .imm = in->aux | (uint64_t)(in->type == IR_I64) << 8},
        {.type = IR_I64, .imm = c->insn_pc},
    };
    jit_call(c, (const void *)jit_softmmu_cmpxchg, true, args, G_N_ELEMENTS(args), in->def[0]);
}

/* --- the ops ------------------------------------------------------------- */

static void gen_ld(JitCtx *c, const IrInsn *in)
{
    if (c->ir->softmmu) {
        gen_ld_softmmu(c, in);
        return;
    }
    X86Mem m = guest_mem(c, in->use[0]);
    load_from(c, jit_out(c, in->def[0]), m, in->aux, in->type == IR_I64);
}

static void gen_st(JitCtx *c, const IrInsn *in)
{
    if (c->ir->softmmu) {
        gen_st_softmmu(c, in);
        return;
    }
    uint64_t imm;
    if (store_imm_of(c, in->use[1], in->aux, &imm)) {
        store_imm(&c->e, guest_mem(c, in->use[0]), imm, mo_bytes(in->aux));
        return;
    }
    X86Reg rv = jit_in(c, in->use[1]);
    X86Mem m = guest_mem(c, in->use[0]);
    store_to(c, m, rv, in->aux, swap_scratch(c, in->aux));
}

/* d = [a]; if d == b then [a] = c, atomically: lock cmpxchg compares
 * with rax and leaves the old value there. */
static void gen_cmpxchg(JitCtx *c, const IrInsn *in)
{
    if (c->ir->softmmu) {
        gen_cmpxchg_softmmu(c, in);
        return;
    }
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
