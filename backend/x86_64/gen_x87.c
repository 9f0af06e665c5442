/* backend/x86_64/gen_x87.c — the x87 ops (x87_rr, x87_rm, x87_st; IrX87Kind
 * in ir/ir.h) as host x87 instructions on env slots, with the slots'
 * values kept on the host's x87 stack from one x87 op to the next.
 *
 * An x87 run is a stretch of a block whose x87 ops are separated only by
 * plain computation, env stores that miss the cached slots, env loads and
 * guest memory accesses that can fault only through a host signal (i32
 * addresses). Inside a run the host
 * stack caches slots: each entry is one slot (a constant env offset, or
 * a temp holding one), clean or dirty (newer than env). An op brings its
 * operands to the host stack (fld tbyte [env+slot] when not cached, fxch
 * to reach ST(0)) and runs the very instruction on them:
 *
 *   ARITH      a to ST(0), b at ST(k): fop st, st(k)
 *   COMPARE    a to ST(0), b at ST(k): fcom | fucom st(k)
 *   UNARY      a to ST(0): fchs | fabs | fsqrt; or fld1 | fldz into a
 *   COPY       fld st(k) into a;  SWAP  the two entries trade slots (no code)
 *   ARITH_MEM  mov [rsp-16], b; a to ST(0); fop m [rsp-16]
 *   LOAD       mov [rsp-16], b; fld/fild m [rsp-16]; into a
 *   STORE      a to ST(0); fld st(0); fstp/fistp m [rsp-16]; load d1
 *
 * then fnstsw ax, but only when the status word is used: reading it waits
 * for the op, and one read per op would serialize them all (the frontend
 * leaves it unused where no state store needs it; a store's is mostly
 * derived without reading it after the store: gen_store_with_status).
 * "Into a": the new value
 * is pushed; when a is cached already, fstp st(k) moves it onto a's entry.
 *
 * After each op, entries whose slot temp dies are written back (if dirty)
 * and dropped (constant slots stay: other temps name them again); before
 * an env load or a guest access (state must be exact where it may fault)
 * every dirty entry is written back (fld st(k); fstp tbyte [env+slot]) and
 * stays cached; before anything else (labels, branches, calls, exits,
 * other ops) the whole cache is written back and popped, so the host
 * stack is empty wherever code outside a run (helpers, the next block)
 * may look. A guest fault reaches morph as a host signal, whose handler
 * starts with an empty x87 stack (the kernel resets the FPU) and leaves
 * by longjmp. These write-backs are what x87 loops cost today: an fnstsw
 * shortly after an fstp tbyte waits ~30 ns on this host (i386 matmul
 * runs 3x faster without them); taking the cached values from the
 * signal's saved FPU state instead would need the fault path's help.
 *
 * None of the bookkeeping instructions (fld/fstp of 80 bits, fld st(k),
 * fxch, ffree) raises an exception, and fnstsw directly follows the op,
 * so the status words are those of the op alone. Memory operands are
 * staged in the red zone below rsp (the kernel keeps it across signal
 * delivery). The interpreter runs each op on its own, slots in memory
 * (backend/interp/interp_x87.c): the same instructions, the same bits.
 */
#include <string.h>

#include "backend/x86_64/jit_internal.h"

/* An x87 instruction with a memory operand: opcode byte, ModRM.reg digit. */
typedef struct X87MemInsn {
    uint8_t opcode, digit;
} X87MemInsn;

static const X87MemInsn fld_m80 = {0xdb, 5}, fstp_m80 = {0xdb, 7};

/* Loads and stores of each IrX87Format; the arithmetic escape byte. */
static const X87MemInsn load_insn[IR_X87_NFORMATS] = {
    [IR_X87_M32FP] = {0xd9, 0}, [IR_X87_M64FP] = {0xdd, 0}, [IR_X87_M16INT] = {0xdf, 0},
    [IR_X87_M32INT] = {0xdb, 0}, [IR_X87_M64INT] = {0xdf, 5},
};
static const X87MemInsn store_insn[IR_X87_NFORMATS] = {
    [IR_X87_M32FP] = {0xd9, 3}, [IR_X87_M64FP] = {0xdd, 3}, [IR_X87_M16INT] = {0xdf, 3},
    [IR_X87_M32INT] = {0xdb, 3}, [IR_X87_M64INT] = {0xdf, 7},
};
static const uint8_t arith_escape[IR_X87_NFORMATS] = {
    [IR_X87_M32FP] = 0xd8, [IR_X87_M64FP] = 0xdc, [IR_X87_M16INT] = 0xde, [IR_X87_M32INT] = 0xda,
};
static const uint8_t format_bytes[IR_X87_NFORMATS] = {4, 8, 2, 4, 8};

/* Where a stored float's biased exponent lies (an integer format: shift 0). */
static const struct {
    uint8_t exponent_shift;
    int32_t exponent_max;
} store_check[IR_X87_NFORMATS] = {
    [IR_X87_M32FP] = {23, 0xff}, [IR_X87_M64FP] = {52, 0x7ff},
};

/* UNARY: the instruction that makes a constant (0: none, transform a),
 * or the one that transforms a. */
static const uint16_t unary_insn[IR_X87_NUNARY][2] = {
    [IR_X87_CHS] = {0, 0xd9e0}, [IR_X87_ABS] = {0, 0xd9e1}, [IR_X87_SQRT] = {0, 0xd9fa},
    [IR_X87_LD1] = {0xd9e8, 0}, [IR_X87_LDZ] = {0xd9ee, 0},
};

/* Two-byte register forms; + i for ST(i). */
enum {
    FNSTSW_AX = 0xdfe0, FLD_ST = 0xd9c0, FXCH_ST = 0xd9c8, FSTP_ST = 0xddd8, FFREE_ST = 0xddc0,
    FCOM_ST = 0xd8d0, FUCOM_ST = 0xdde0, FOP_ST0_STI = 0xd8c0, /* + digit << 3 */
    FUCOMIP_ST = 0xdfe8, FABS = 0xd9e1,
};

enum { RED_ZONE_SLOT = -16, STATUS_WITHOUT_TOP = 0xc7ff, X87_C1_BIT = 0x200 };

/* The deepest cache entries (X87Cache in jit_internal.h) are evicted to
 * keep room for an op's two temporaries. */
enum { CACHE_MAX = 6 };

/* opcode /digit [base + index + disp32] (index X86_NOREG: none; never rsp). */
static void emit_x87_mem(X86Emit *e, X87MemInsn insn, X86Reg base, X86Reg index, int32_t disp)
{
    unsigned rex = 0x40 | (index != X86_NOREG && index >= X86_R8 ? 2 : 0) | (base >= X86_R8 ? 1 : 0);
    if (rex != 0x40)
        x86_byte(e, (uint8_t)rex);
    x86_byte(e, insn.opcode);
    if (index == X86_NOREG && (base & 7) != 4) {
        x86_byte(e, (uint8_t)(0x80 | insn.digit << 3 | (base & 7)));
    } else {
        x86_byte(e, (uint8_t)(0x80 | insn.digit << 3 | 4));
        x86_byte(e, (uint8_t)(((index == X86_NOREG ? 4 : index) & 7) << 3 | (base & 7)));
    }
    x86_u32(e, (uint32_t)disp);
}

static X87Slot slot_of(JitCtx *c, IrTemp t)
{
    uint64_t v;
    if (jit_const_of(c, t, &v))
        return (X87Slot){t, X86_NOREG, (int32_t)v};
    return (X87Slot){t, jit_in(c, t), 0};
}

static bool same_slot(X87Slot a, X87Slot b)
{
    return a.temp == b.temp || (a.index == X86_NOREG && b.index == X86_NOREG && a.disp == b.disp);
}

static void emit_slot(JitCtx *c, X87MemInsn insn, X87Slot slot)
{
    emit_x87_mem(&c->e, insn, JIT_ENV, slot.index, slot.disp);
}

static void emit_red_zone(X86Emit *e, X87MemInsn insn)
{
    emit_x87_mem(e, insn, X86_RSP, X86_NOREG, RED_ZONE_SLOT);
}

static void emit_x87_op(X86Emit *e, uint16_t two_bytes)
{
    x86_byte(e, (uint8_t)(two_bytes >> 8));
    x86_byte(e, (uint8_t)two_bytes);
}

/* ---- the cache ------------------------------------------------------------ */

static int find(const X87Cache *h, X87Slot slot)
{
    for (unsigned k = 0; k < h->depth; k++)
        if (same_slot(h->e[k].slot, slot))
            return (int)k;
    return -1;
}

static void push_entry(X87Cache *h, X87Slot slot, bool dirty)
{
    memmove(&h->e[1], &h->e[0], h->depth * sizeof(h->e[0]));
    h->e[0] = (X87Entry){slot, dirty};
    h->depth++;
}

static void pop_entry(X87Cache *h)
{
    h->depth--;
    memmove(&h->e[0], &h->e[1], h->depth * sizeof(h->e[0]));
}

/* Push slot's value from env. */
static void load_slot(JitCtx *c, X87Cache *h, X87Slot slot)
{
    emit_slot(c, fld_m80, slot);
    push_entry(h, slot, false);
}

/* ST(k) to ST(0). */
static void to_top(JitCtx *c, X87Cache *h, unsigned k)
{
    if (k == 0)
        return;
    emit_x87_op(&c->e, (uint16_t)(FXCH_ST + k));
    X87Entry t = h->e[0];
    h->e[0] = h->e[k];
    h->e[k] = t;
}

/* slot's value at ST(0), loaded when not cached. */
static void slot_to_top(JitCtx *c, X87Cache *h, X87Slot slot)
{
    int k = find(h, slot);
    if (k < 0)
        load_slot(c, h, slot);
    else
        to_top(c, h, (unsigned)k);
}

/* slot's value somewhere on the stack; its index. */
static unsigned slot_cached(JitCtx *c, X87Cache *h, X87Slot slot)
{
    int k = find(h, slot);
    if (k >= 0)
        return (unsigned)k;
    load_slot(c, h, slot);
    return 0;
}

/* The value in ST(0), not an entry yet, is slot's new value. */
static void commit_top(JitCtx *c, X87Cache *h, X87Slot slot)
{
    int k = find(h, slot);
    if (k >= 0) { /* below the new value: fstp st(k + 1) lands on the old entry */
        emit_x87_op(&c->e, (uint16_t)(FSTP_ST + (unsigned)k + 1));
        h->e[k].dirty = true;
        return;
    }
    push_entry(h, slot, true);
}

/* Write ST(k) back to its slot; it stays cached, clean. */
static void write_back(JitCtx *c, X87Cache *h, unsigned k)
{
    emit_x87_op(&c->e, (uint16_t)(FLD_ST + k));
    emit_slot(c, fstp_m80, h->e[k].slot);
    h->e[k].dirty = false;
}

/* Pop ST(0), written back when dirty. */
static void drop_top(JitCtx *c, X87Cache *h)
{
    if (h->e[0].dirty)
        emit_slot(c, fstp_m80, h->e[0].slot);
    else
        emit_x87_op(&c->e, FSTP_ST);
    pop_entry(h);
}

static void drop(JitCtx *c, X87Cache *h, unsigned k)
{
    to_top(c, h, k);
    drop_top(c, h);
}

/* Keep room for two temporaries: the deepest entries leave. */
static void make_room(JitCtx *c, X87Cache *h)
{
    while (h->depth > CACHE_MAX) {
        unsigned k = h->depth - 1;
        if (h->e[k].dirty)
            write_back(c, h, k);
        emit_x87_op(&c->e, (uint16_t)(FFREE_ST + k));
        h->depth--;
    }
}

/* ---- where a run ends -------------------------------------------------------- */

static bool is_x87_op(const IrInsn *in)
{
    return in->op == IR_OP_x87_rr || in->op == IR_OP_x87_rm || in->op == IR_OP_x87_st;
}

/* What an op between two x87 ops asks of the cache. */
typedef enum Between { KEEP, WRITE_BACK, FLUSH } Between;

/* May this st_env write a cached slot? (The x86 frontend never lets it:
 * ir/ops.def. A slot named by a variable temp may be anywhere.) */
static bool stores_into_cache(const X87Cache *h, const IrInsn *in)
{
    enum { SLOT_BYTES = 10, STORE_BYTES_MAX = 16 };
    int64_t off = in->imm;
    for (unsigned k = 0; k < h->depth; k++) {
        const X87Slot *slot = &h->e[k].slot;
        if (slot->index != X86_NOREG || (off < slot->disp + SLOT_BYTES && slot->disp < off + STORE_BYTES_MAX))
            return true;
    }
    return false;
}

static Between between(const JitCtx *c, const X87Cache *h, const IrInsn *in)
{
    switch (in->op) {
    case IR_OP_insn_start:
        return KEEP;
    case IR_OP_st_env:
        return stores_into_cache(h, in) ? FLUSH : KEEP;
    case IR_OP_clz: /* a C fallback where the host lacks the instruction */
    case IR_OP_ctz:
    case IR_OP_popcnt:
        return FLUSH;
    case IR_OP_ld_env: /* may read a slot (MMX) */
        return WRITE_BACK;
    case IR_OP_ld:
    case IR_OP_st:
        /* an i64 address is checked in line: its fault path is a call */
        return jit_type(c, in->use[0]) == IR_I64 ? FLUSH : WRITE_BACK;
    default:
        break;
    }
    uint32_t effects = IR_F_ENV_READ | IR_F_ENV_WRITE | IR_F_SIDE | IR_F_BRANCH | IR_F_MEMOP |
                       IR_F_MAY_FAULT | IR_F_CALL | IR_F_EXIT | IR_F_FPFLAGS;
    return ir_op_info[in->op].flags & effects || in->op == IR_OP_label ? FLUSH : KEEP;
}

/* From the op after c->cur to the next x87 op: the strongest demand. */
static Between scan_ahead(const JitCtx *c, const X87Cache *h, uint32_t *next)
{
    Between need = KEEP;
    for (uint32_t i = c->cur + 1; i < c->ir->ninsns; i++) {
        const IrInsn *in = &c->ir->insns[i];
        if (is_x87_op(in)) {
            *next = i;
            return need;
        }
        Between b = between(c, h, in);
        if (b == FLUSH)
            return FLUSH;
        if (b > need)
            need = b;
    }
    return FLUSH;
}

/* The cache as the previous x87 op left it, its entries' registers fetched. */
static X87Cache *cache_enter(JitCtx *c)
{
    X87Cache *h = &c->x87;
    if (h->next != c->cur)
        *h = (X87Cache){0};
    for (unsigned k = 0; k < h->depth; k++)
        if (h->e[k].slot.index != X86_NOREG)
            h->e[k].slot.index = jit_in(c, h->e[k].slot.temp);
    make_room(c, h);
    return h;
}

/* After the op: entries whose slot temp dies go (a constant slot is named
 * again by other temps: it stays), then what the code up to the next x87
 * op asks. */
static void cache_leave(JitCtx *c, X87Cache *h)
{
    for (unsigned k = 0; k < h->depth;) {
        const X87Slot *slot = &h->e[k].slot;
        if (slot->index != X86_NOREG && c->temps[slot->temp].last_use <= c->cur)
            drop(c, h, k);
        else
            k++;
    }
    Between need = scan_ahead(c, h, &h->next);
    if (need == FLUSH) {
        while (h->depth)
            drop_top(c, h);
        h->next = UINT32_MAX;
    } else if (need == WRITE_BACK) {
        for (unsigned k = 0; k < h->depth; k++)
            if (h->e[k].dirty)
                write_back(c, h, k);
    }
}

/* ---- the ops ------------------------------------------------------------------ */

/* COPY [a] = [b]; SWAP [a] <-> [b]: the bits as they are (fld st(k) and
 * fstp st(k) copy registers exactly, and the entries only trade slots). */
static void gen_move(JitCtx *c, X87Cache *h, X87Slot a, X87Slot b, bool swap)
{
    if (same_slot(a, b))
        return;
    unsigned kb = slot_cached(c, h, b);
    if (!swap) {
        emit_x87_op(&c->e, (uint16_t)(FLD_ST + kb));
        commit_top(c, h, a);
        return;
    }
    unsigned ka = slot_cached(c, h, a);
    kb = (unsigned)find(h, b);
    h->e[ka].slot = b;
    h->e[kb].slot = a;
    h->e[ka].dirty = h->e[kb].dirty = true;
}

/* fnstsw ax when the op's status word is wanted (reading it waits for the
 * op: a status word read after every op would serialize them all). */
static void emit_status(JitCtx *c, bool want)
{
    if (want)
        emit_x87_op(&c->e, FNSTSW_AX);
}

/* Jump to `slow` unless the stored bits d1 show the ordinary case (t, u: scratch). */
static void jump_unless_ordinary(X86Emit *e, unsigned sel, X86Reg d1, X86Reg t, X86Reg u, X86Label *slow)
{
    if (store_check[sel].exponent_shift) { /* biased exponent in [2, max - 2] */
        x86_mov_rr(e, true, t, d1);
        x86_shift_ri(e, X86_SHR, true, t, store_check[sel].exponent_shift);
        x86_alu_ri(e, X86_AND, false, t, store_check[sel].exponent_max);
        x86_alu_ri(e, X86_SUB, false, t, 2);
        x86_alu_ri(e, X86_CMP, false, t, store_check[sel].exponent_max - 4);
        x86_jcc_label(e, X86_CC_A, slow);
        return;
    }
    /* at the top of 64 bits: negating the indefinite overflows; then |d1| >= 2 */
    uint8_t spare = (uint8_t)(64 - 8 * format_bytes[sel]);
    x86_mov_rr(e, true, t, d1);
    if (spare)
        x86_shift_ri(e, X86_SHL, true, t, spare);
    x86_mov_rr(e, true, u, t);
    x86_neg(e, true, u);
    x86_jcc_label(e, X86_CC_O, slow);
    x86_cmovcc(e, X86_CC_S, true, u, t);
    if (spare)
        x86_shift_ri(e, X86_SHR, true, u, spare);
    x86_alu_ri(e, X86_CMP, true, u, 2);
    x86_jcc_label(e, X86_CC_B, slow);
}

/* ax: its C1 replaced by "rounded up", PE added when inexact, from the
 * stored value brought back and compared with ST(0) by magnitude. */
static void add_store_flags(X86Emit *e, unsigned sel, X86Reg t, X86Reg u)
{
    emit_x87_op(e, FLD_ST);
    emit_x87_op(e, FABS);
    emit_red_zone(e, load_insn[sel]);
    emit_x87_op(e, FABS);
    emit_x87_op(e, FUCOMIP_ST + 1);
    emit_x87_op(e, FSTP_ST);
    x86_setcc(e, X86_CC_A, t);
    x86_setcc(e, X86_CC_NE, u);
    x86_movzx(e, false, t, t, 1);
    x86_movzx(e, false, u, u, 1);
    x86_shift_ri(e, X86_SHL, false, t, 9);
    x86_shift_ri(e, X86_SHL, false, u, 5);
    x86_alu_ri(e, X86_AND, false, X86_RAX, ~(int32_t)X87_C1_BIT);
    x86_alu_rr(e, X86_OR, false, X86_RAX, t);
    x86_alu_rr(e, X86_OR, false, X86_RAX, u);
}

/* A store's status word without reading it after the store: fnstsw waits
 * for a store to memory to complete (~10 ns here, where it waits ~0.3 ns
 * for an arithmetic op). The status before the store (its sticky flags)
 * is read instead, and what the store adds is derived from the bits it
 * wrote, when they show the ordinary case: a normal float neither in the
 * lowest binade nor in the highest (so the value was finite, not tiny,
 * and did not overflow, which in a directed rounding mode gives the
 * largest float), or an integer of magnitude 2 or more but not the
 * indefinite (so in range, and more than 1, where a directed rounding
 * mode takes a denormal). Then the store raised at most PE, when the value
 * read back differs from the register, and set C1 when its magnitude is
 * larger (rounded up; measured on the host). Bringing the value back and
 * comparing raises nothing for such values. Anything else reads the
 * status after the store, as before.
 *
 *   fnstsw ax; fld st0; fstp m [rsp-16]; d1 = [rsp-16]
 *   ordinary(d1)? else -> slow                       jump_unless_ordinary
 *   fld st0; fabs; fld m [rsp-16]; fabs; fucomip st1; fstp st0
 *   ax = ax & ~C1 | (ne ? PE) | (a ? C1); jmp done    add_store_flags
 *   slow: fnstsw ax
 *   done: */
static void gen_store_with_status(JitCtx *c, unsigned sel, X86Reg d1, const X86Reg scratch[2])
{
    X86Emit *e = &c->e;
    X86Label slow, done;
    x86_label_init(&slow);
    x86_label_init(&done);
    emit_x87_op(e, FNSTSW_AX);
    emit_x87_op(e, FLD_ST);
    emit_red_zone(e, store_insn[sel]);
    x86_load(e, d1, x86_mem(X86_RSP, RED_ZONE_SLOT), format_bytes[sel], false, true);
    jump_unless_ordinary(e, sel, d1, scratch[0], scratch[1], &slow);
    add_store_flags(e, sel, scratch[0], scratch[1]);
    x86_jmp_label(e, &done);
    x86_label_bind(e, &slow);
    emit_x87_op(e, FNSTSW_AX);
    x86_label_bind(e, &done);
}

/* The ops with a status word (to ax when `want`). */
static void gen_status_op(JitCtx *c, X87Cache *h, const IrInsn *in, X87Slot a, X87Slot b, X86Reg bits, X86Reg d1,
                          const X86Reg scratch[2], bool want)
{
    X86Emit *e = &c->e;
    IrX87Kind kind = (IrX87Kind)(in->imm & 0xff);
    unsigned sel = (unsigned)(in->imm >> 8) & 0xff;
    switch (kind) {
    case IR_X87_ARITH:
    case IR_X87_COMPARE: {
        slot_cached(c, h, b);
        slot_to_top(c, h, a);
        unsigned kb = (unsigned)find(h, b);
        if (kind == IR_X87_ARITH)
            emit_x87_op(e, (uint16_t)(FOP_ST0_STI + ((sel & 7) << 3) + kb));
        else
            emit_x87_op(e, (uint16_t)((sel ? FUCOM_ST : FCOM_ST) + kb));
        emit_status(c, want);
        if (kind == IR_X87_ARITH)
            h->e[0].dirty = true;
        break;
    }
    case IR_X87_UNARY:
        if (unary_insn[sel][0]) {
            emit_x87_op(e, unary_insn[sel][0]);
            emit_status(c, want);
            commit_top(c, h, a);
            break;
        }
        if (!same_slot(a, b)) { /* f(b) into a: a copy of b first */
            emit_x87_op(e, (uint16_t)(FLD_ST + slot_cached(c, h, b)));
            commit_top(c, h, a);
        }
        slot_to_top(c, h, a);
        emit_x87_op(e, unary_insn[sel][1]);
        emit_status(c, want);
        h->e[0].dirty = true;
        break;
    case IR_X87_ARITH_MEM:
        x86_store(e, x86_mem(X86_RSP, RED_ZONE_SLOT), bits, 8);
        slot_to_top(c, h, a);
        emit_red_zone(e, (X87MemInsn){arith_escape[sel >> 3], (uint8_t)(sel & 7)});
        emit_status(c, want);
        h->e[0].dirty = true;
        break;
    case IR_X87_LOAD:
        x86_store(e, x86_mem(X86_RSP, RED_ZONE_SLOT), bits, 8);
        emit_red_zone(e, load_insn[sel]);
        emit_status(c, want);
        commit_top(c, h, a);
        break;
    case IR_X87_STORE:
        slot_to_top(c, h, a);
        if (want) {
            gen_store_with_status(c, sel, d1, scratch);
            break;
        }
        emit_x87_op(e, FLD_ST);
        emit_red_zone(e, store_insn[sel]);
        x86_load(e, d1, x86_mem(X86_RSP, RED_ZONE_SLOT), format_bytes[sel], false, true);
        break;
    default:
        x86_ud2(e);
        break;
    }
}

void jit_gen_x87(JitCtx *c, const IrInsn *in)
{
    IrX87Kind kind = (IrX87Kind)(in->imm & 0xff);
    bool moves = kind == IR_X87_COPY || kind == IR_X87_SWAP;
    bool memory = kind == IR_X87_ARITH_MEM || kind == IR_X87_LOAD;
    bool store = in->op == IR_OP_x87_st;
    bool want = !moves && c->temps[in->def[0]].last_use > c->cur;
    if (want)
        jit_claim(c, X86_RAX);
    X87Cache *h = cache_enter(c);
    X87Slot a = slot_of(c, in->use[0]), b = {0, X86_NOREG, 0};
    X86Reg bits = memory ? jit_in(c, in->use[1]) : X86_NOREG;
    if (!store && !memory)
        b = slot_of(c, in->use[1]);
    X86Reg d1 = store ? jit_out(c, in->def[1]) : X86_NOREG;
    X86Reg scratch[2] = {X86_NOREG, X86_NOREG};
    if (store && want) {
        scratch[0] = jit_scratch(c, JIT_GPRS);
        scratch[1] = jit_scratch(c, JIT_GPRS);
    }
    if (want)
        jit_out_fixed(c, in->def[0], X86_RAX);
    else
        jit_out_const(c, in->def[0], 0);
    if (moves)
        gen_move(c, h, a, b, kind == IR_X87_SWAP);
    else
        gen_status_op(c, h, in, a, b, bits, d1, scratch, want);
    cache_leave(c, h);
    if (want) /* TOP is the host stack's, not part of the result (ir/ops.def) */
        x86_alu_ri(&c->e, X86_AND, false, X86_RAX, STATUS_WITHOUT_TOP);
}
