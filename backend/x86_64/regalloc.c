/* backend/x86_64/regalloc.c — the JIT's register allocator: a liveness
 * pass over one block, then a greedy allocation as the block is generated
 * (see jit_internal.h for how generators use it), the register state at
 * labels, and C function calls with the SysV AMD64 convention.
 *
 *   liveness:  for each temp, its last use and whether it is "global"
 *              (seen in more than one label-delimited region, or read
 *              before written: it crosses a label). With a backward
 *              branch in the block, globals never die.
 *   a value:   in a register, and/or in its frame slot, and/or a known
 *              constant. Locals are spilled only under pressure; a global
 *              (on the dirty list while its slot is stale) is stored to
 *              its slot on the ways into a label that does not keep it in
 *              a register, and before a branch back to a loop head.
 *   a choice:  a free register in preference order (callee-saved first
 *              for values that live across a call), else the unlocked one
 *              whose value is used last.
 *
 * Labels. The block is generated top to bottom, so when a label is
 * reached every forward branch to it has been generated. Each one noted
 * (JitEdge) the register -> temp map it jumps with and which of those
 * values are not in their slots, and the label keeps the part of the
 * maps they all agree on (JitLabelState.owner: "register r holds t's
 * current value on every branch in"). The code that falls into the label
 * is made to agree: values move to those registers or load from their
 * slots there, and any other live value it has unsaved is stored. A
 * branch that left a live value unsaved in a register the label lets go
 * jumps to a stub that stores it, placed just before the label. A
 * constant stays known when it was known before the first branch to the
 * label and has not been redefined since (const_since), as then every way
 * in knows it; the branches store the other constants they know. A label
 * that a later branch jumps back to forgets every register, as the
 * loop's other way in is not generated yet: every way into it stores.
 *
 *       brcond -> L    jumps with {rbx: t3, rsi: t7}, t7 unsaved
 *       ...            t7 moved to rdi, t3 redefined in rbx
 *       brcond -> L    jumps with {rbx: t3, rdi: t7}, t7 unsaved
 *       ...            t3 spilled, rbx reused
 *       L:             keeps {rbx: t3}: the fall-through loads rbx from
 *                      t3's slot and stores t7 if unsaved; a stub for each
 *                      brcond stores t7 (from rsi, from rdi) and jumps on
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "backend/x86_64/jit_internal.h"

static const X86Reg gpr_order[] = {
    X86_RAX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10, X86_R11,
    X86_RBX, X86_RBP, X86_R12, X86_R13,
};
static const X86Reg gpr_callee_saved_first[] = {
    X86_RBX, X86_RBP, X86_R12, X86_R13,
    X86_RAX, X86_RCX, X86_RDX, X86_RSI, X86_RDI, X86_R8, X86_R9, X86_R10, X86_R11,
};
static const X86Reg xmm_order[] = {
    X86_XMM0, X86_XMM1, X86_XMM2, X86_XMM3, X86_XMM4, X86_XMM5, X86_XMM6, X86_XMM7,
    X86_XMM8, X86_XMM9, X86_XMM10, X86_XMM11, X86_XMM12, X86_XMM13, X86_XMM14, X86_XMM15,
};

#define JIT_CALLEE_SAVED \
    (JIT_REG_BIT(X86_RBX) | JIT_REG_BIT(X86_RBP) | JIT_REG_BIT(X86_R12) | JIT_REG_BIT(X86_R13))
#define JIT_CALLER_SAVED ((JIT_GPRS & ~JIT_CALLEE_SAVED) | JIT_XMMS)

static const X86Reg int_arg_regs[] = {X86_RDI, X86_RSI, X86_RDX, X86_RCX, X86_R8, X86_R9};
enum { JIT_FLOAT_ARG_REGS = 8 };

static bool is_float(IrType t) { return t == IR_F32 || t == IR_F64; }
static JitRegSet class_of(IrType t) { return is_float(t) ? JIT_XMMS : JIT_GPRS; }
static unsigned value_bytes(IrType t) { return t == IR_I32 || t == IR_F32 ? 4 : 8; }

static uint64_t type_mask(IrType t, uint64_t v)
{
    return value_bytes(t) == 4 ? (uint32_t)v : v;
}

/* --- liveness ------------------------------------------------------------ */

enum { REGION_UNSEEN = UINT32_MAX };

/* Where each label is and whether a later branch jumps back to it. */
static void scan_labels(JitCtx *c)
{
    const IrBlock *ir = c->ir;
    c->label_state = jit_alloc(c, ir->nlabels + 1, sizeof(JitLabelState));
    for (uint32_t l = 0; l < ir->nlabels; l++) {
        c->label_state[l].index = UINT32_MAX;
        c->label_state[l].first_branch = UINT32_MAX;
    }
    uint32_t nbranches = 0;
    for (uint32_t i = 0; ir->nlabels && i < ir->ninsns; i++) { /* no labels: no branches */
        const IrInsn *in = &ir->insns[i];
        bool is_branch = in->op == IR_OP_br || in->op == IR_OP_brcond;
        if ((in->op != IR_OP_label && !is_branch) || (uint64_t)in->imm >= ir->nlabels)
            continue;
        JitLabelState *ls = &c->label_state[in->imm];
        nbranches += is_branch;
        if (!is_branch)
            ls->index = i;
        else if (ls->index < i)
            ls->back_target = true;
    }
    c->edges = jit_alloc(c, nbranches + 1, sizeof(JitEdge));
    c->nedges = 0;
}

static bool has_back_edge(const JitCtx *c)
{
    for (uint32_t l = 0; l < c->ir->nlabels; l++) {
        if (c->label_state[l].back_target)
            return true;
    }
    return false;
}

void jit_ra_init(JitCtx *c)
{
    const IrBlock *ir = c->ir;
    uint32_t nt = ir->ntemps + 1;
    c->temps = jit_alloc(c, nt, sizeof(JitTemp));
    c->dirty = jit_alloc(c, nt, sizeof(IrTemp));
    c->free_slots = jit_alloc(c, nt, sizeof(uint32_t)); /* a temp holds one slot at a time */
    c->ndirty = c->nfree_slots = 0;
    c->next_slot = 1;
    c->slots_exhausted = false;
    memset(c->reg_owner, 0, sizeof(c->reg_owner));
    c->locked = 0;
    scan_labels(c);

    uint32_t *region = jit_alloc(c, nt, sizeof(uint32_t));
    uint32_t *first_def = jit_alloc(c, nt, sizeof(uint32_t));
    uint32_t *calls_before = jit_alloc(c, ir->ninsns + 1, sizeof(uint32_t));
    for (uint32_t t = 0; t < nt; t++) {
        c->temps[t].type = t ? ir->temp_type[t] : IR_I64;
        c->temps[t].reg = X86_NOREG;
        region[t] = REGION_UNSEEN;
    }

    uint32_t r = 0, ncalls = 0;
    for (uint32_t i = 0; i < ir->ninsns; i++) {
        const IrInsn *in = &ir->insns[i];
        calls_before[i] = ncalls;
        r += in->op == IR_OP_label;
        ncalls += in->op == IR_OP_call;
        for (unsigned k = 0; k < jit_nuse(in); k++) {
            IrTemp u = in->use[k];
            if (region[u] != r)
                c->temps[u].global = true;
            c->temps[u].last_use = i;
        }
        for (unsigned k = 0; k < jit_ndef(in); k++) {
            IrTemp d = in->def[k];
            if (region[d] == REGION_UNSEEN) {
                region[d] = r;
                first_def[d] = i;
            } else if (region[d] != r) {
                c->temps[d].global = true;
            }
        }
    }
    calls_before[ir->ninsns] = ncalls;

    bool back_edge = has_back_edge(c);
    c->globals = jit_alloc(c, nt, sizeof(IrTemp));
    c->nglobals = 0;
    for (uint32_t t = 1; t < nt; t++) {
        JitTemp *tp = &c->temps[t];
        if (tp->global)
            c->globals[c->nglobals++] = t;
        if (tp->global && back_edge)
            tp->last_use = UINT32_MAX;
        uint32_t end = tp->last_use > ir->ninsns ? ir->ninsns : tp->last_use;
        tp->across_call =
            ncalls && end > first_def[t] && calls_before[end] > calls_before[first_def[t] + 1];
    }
}

/* --- registers, slots and values ----------------------------------------- */

static void assign(JitCtx *c, IrTemp t, X86Reg r)
{
    c->temps[t].reg = r;
    c->reg_owner[r] = t;
}

static void unassign(JitCtx *c, X86Reg r)
{
    IrTemp t = c->reg_owner[r];
    if (t)
        c->temps[t].reg = X86_NOREG;
    c->reg_owner[r] = 0;
}

static void lock(JitCtx *c, X86Reg r) { c->locked |= JIT_REG_BIT(r); }
static bool is_locked(const JitCtx *c, X86Reg r) { return c->locked & JIT_REG_BIT(r); }

static uint32_t slot_of(JitCtx *c, IrTemp t)
{
    JitTemp *tp = &c->temps[t];
    if (tp->slot)
        return tp->slot;
    if (c->nfree_slots)
        tp->slot = c->free_slots[--c->nfree_slots];
    else if (c->next_slot < JIT_FRAME_SLOTS)
        tp->slot = c->next_slot++;
    else
        c->slots_exhausted = true; /* the block is dropped; any slot will do */
    return tp->slot ? tp->slot : 1;
}

void jit_mov_reg(JitCtx *c, IrType type, X86Reg dst, X86Reg src)
{
    if (dst == src)
        return;
    if (is_float(type))
        x86_movaps(&c->e, dst, src);
    else
        x86_mov_rr(&c->e, value_bytes(type) == 8, dst, src);
}

/* Store 8 bytes of v at m with no register. */
static void store_imm64(X86Emit *e, X86Mem m, uint64_t v)
{
    if ((int64_t)v == (int32_t)v) {
        x86_store_imm(e, m, (int32_t)v, 8);
    } else {
        x86_store_imm(e, m, (int32_t)(uint32_t)v, 4);
        m.disp += 4;
        x86_store_imm(e, m, (int32_t)(uint32_t)(v >> 32), 4);
    }
}

/* Store register r, which holds t, to t's slot. */
static void store_reg_to_slot(JitCtx *c, IrTemp t, X86Reg r)
{
    X86Mem m = jit_slot_mem(slot_of(c, t));
    IrType type = c->temps[t].type;
    if (is_float(type))
        x86_movs_store(&c->e, type == IR_F64, m, r);
    else
        x86_store(&c->e, m, r, value_bytes(type));
}

static void store_to_slot(JitCtx *c, IrTemp t)
{
    JitTemp *tp = &c->temps[t];
    X86Mem m = jit_slot_mem(slot_of(c, t));
    IrType type = tp->type;
    if (tp->reg != X86_NOREG) {
        store_reg_to_slot(c, t, tp->reg);
    } else if (value_bytes(type) == 4) {
        x86_store_imm(&c->e, m, (int32_t)(uint32_t)tp->val, 4);
    } else {
        store_imm64(&c->e, m, tp->val);
    }
    tp->in_slot = true;
}

/* Put t's value (a constant or its slot) into register r. */
static void load_value(JitCtx *c, IrTemp t, X86Reg r);

static X86Reg pick_free(const JitCtx *c, JitRegSet allowed, bool callee_saved_first)
{
    const X86Reg *order = gpr_order;
    size_t n = G_N_ELEMENTS(gpr_order);
    if (allowed & JIT_XMMS & ~JIT_GPRS) {
        order = xmm_order;
        n = G_N_ELEMENTS(xmm_order);
    } else if (callee_saved_first) {
        order = gpr_callee_saved_first;
    }
    for (size_t i = 0; i < n; i++) {
        X86Reg r = order[i];
        if ((allowed & JIT_REG_BIT(r)) && !c->reg_owner[r] && !is_locked(c, r))
            return r;
    }
    return X86_NOREG;
}

/* The unlocked register in `allowed` whose value is needed last (clean
 * values first on a tie: they cost no store). */
static X86Reg pick_victim(const JitCtx *c, JitRegSet allowed)
{
    X86Reg best = X86_NOREG;
    uint64_t best_score = 0;
    for (unsigned r = 0; r < X86_NREGS; r++) {
        if (!(allowed & JIT_REG_BIT(r)) || is_locked(c, (X86Reg)r) || !c->reg_owner[r])
            continue;
        const JitTemp *tp = &c->temps[c->reg_owner[r]];
        uint64_t score = (uint64_t)tp->last_use * 2 + (tp->in_slot || tp->is_const) + 1;
        if (score > best_score) {
            best_score = score;
            best = (X86Reg)r;
        }
    }
    if (best == X86_NOREG) {
        fprintf(stderr, "morph: jit: out of registers (allowed %#x, locked %#x)\n", allowed, c->locked);
        abort();
    }
    return best;
}

/* Make r free: its value goes to its slot unless it is there already or
 * is a constant. */
static void spill(JitCtx *c, X86Reg r)
{
    IrTemp t = c->reg_owner[r];
    if (t && !c->temps[t].in_slot && !c->temps[t].is_const)
        store_to_slot(c, t);
    unassign(c, r);
}

static X86Reg alloc_reg(JitCtx *c, JitRegSet allowed, bool callee_saved_first)
{
    X86Reg r = pick_free(c, allowed, callee_saved_first);
    if (r == X86_NOREG) {
        r = pick_victim(c, allowed);
        spill(c, r);
    }
    return r;
}

static void load_value(JitCtx *c, IrTemp t, X86Reg r)
{
    const JitTemp *tp = &c->temps[t];
    bool f64 = value_bytes(tp->type) == 8;
    if (tp->is_const && !x86_is_xmm(r)) {
        x86_mov_ri(&c->e, r, tp->val, false);
    } else if (tp->is_const && tp->val == 0) {
        x86_xorps(&c->e, r, r);
    } else if (tp->is_const) {
        X86Reg g = alloc_reg(c, JIT_GPRS, false);
        x86_mov_ri(&c->e, g, tp->val, false);
        x86_movq_to_xmm(&c->e, f64, r, g);
    } else if (x86_is_xmm(r)) {
        x86_movs_load(&c->e, f64, r, jit_slot_mem(tp->slot));
    } else {
        x86_load(&c->e, r, jit_slot_mem(tp->slot), f64 ? 8 : 4, false, f64);
    }
}

/* A global written in this region: its slot is stale until the next sync. */
static void mark_written(JitCtx *c, IrTemp d)
{
    JitTemp *tp = &c->temps[d];
    tp->in_slot = false;
    if (tp->global && !tp->dirty_listed) {
        tp->dirty_listed = true;
        c->dirty[c->ndirty++] = d;
    }
}

/* d is about to be redefined: forget its old value. A register the
 * current instruction still reads stays locked with the old value. */
static void drop_value(JitCtx *c, IrTemp d)
{
    JitTemp *tp = &c->temps[d];
    if (tp->reg != X86_NOREG)
        unassign(c, tp->reg);
    tp->is_const = false;
    tp->in_slot = false;
}

/* --- the generators' API ------------------------------------------------- */

X86Reg jit_in_mask(JitCtx *c, IrTemp t, JitRegSet allowed)
{
    JitTemp *tp = &c->temps[t];
    X86Reg old = tp->reg;
    if (old != X86_NOREG && (allowed & JIT_REG_BIT(old))) {
        lock(c, old);
        return old;
    }
    X86Reg r = alloc_reg(c, allowed, tp->across_call);
    if (old != X86_NOREG) {
        jit_mov_reg(c, tp->type, r, old);
        if (is_locked(c, old)) { /* read here in old already: r is a copy */
            lock(c, r);
            return r;
        }
        unassign(c, old);
    } else {
        load_value(c, t, r);
    }
    assign(c, t, r);
    lock(c, r);
    return r;
}

X86Reg jit_in(JitCtx *c, IrTemp t)
{
    return jit_in_mask(c, t, class_of(c->temps[t].type));
}

X86Reg jit_out_mask(JitCtx *c, IrTemp d, JitRegSet allowed)
{
    drop_value(c, d);
    X86Reg r = alloc_reg(c, allowed, c->temps[d].across_call);
    assign(c, d, r);
    lock(c, r);
    mark_written(c, d);
    return r;
}

X86Reg jit_out(JitCtx *c, IrTemp d)
{
    return jit_out_mask(c, d, class_of(c->temps[d].type));
}

/* a dies here: its register becomes d's, with no code. */
static X86Reg take_over(JitCtx *c, IrTemp d, IrTemp a)
{
    X86Reg r = jit_in(c, a);
    unassign(c, r);
    drop_value(c, d);
    assign(c, d, r);
    mark_written(c, d);
    return r;
}

X86Reg jit_out_reuse(JitCtx *c, IrTemp d, IrTemp a)
{
    if (d == a) {
        X86Reg r = jit_in(c, a);
        c->temps[a].is_const = false;
        mark_written(c, a);
        return r;
    }
    if (jit_dies(c, a))
        return take_over(c, d, a);
    X86Reg ra = c->temps[a].reg != X86_NOREG ? jit_in(c, a) : X86_NOREG;
    X86Reg r = jit_out(c, d);
    if (ra != X86_NOREG)
        jit_mov_reg(c, c->temps[a].type, r, ra);
    else
        load_value(c, a, r);
    return r;
}

X86Reg jit_out_prefer(JitCtx *c, IrTemp d, IrTemp a)
{
    if (d != a && jit_dies(c, a) && c->temps[a].reg != X86_NOREG &&
        (class_of(c->temps[a].type) & class_of(c->temps[d].type)))
        return take_over(c, d, a);
    return jit_out(c, d);
}

void jit_out_fixed(JitCtx *c, IrTemp d, X86Reg r)
{
    drop_value(c, d);
    if (c->reg_owner[r])
        unassign(c, r);
    assign(c, d, r);
    lock(c, r);
    mark_written(c, d);
}

void jit_out_const(JitCtx *c, IrTemp d, uint64_t v)
{
    drop_value(c, d);
    c->temps[d].is_const = true;
    c->temps[d].const_since = c->cur;
    c->temps[d].val = type_mask(c->temps[d].type, v);
    mark_written(c, d);
}

X86Reg jit_scratch(JitCtx *c, JitRegSet allowed)
{
    X86Reg r = alloc_reg(c, allowed, false);
    lock(c, r);
    return r;
}

void jit_claim(JitCtx *c, X86Reg r)
{
    IrTemp t = c->reg_owner[r];
    if (is_locked(c, r) && t) {
        fprintf(stderr, "morph: jit: claimed register %d is an operand already\n", r);
        abort();
    }
    lock(c, r);
    if (!t)
        return;
    JitRegSet cls = x86_is_xmm(r) ? JIT_XMMS : JIT_GPRS;
    X86Reg to = pick_free(c, cls, c->temps[t].across_call);
    if (to == X86_NOREG) {
        spill(c, r);
        return;
    }
    jit_mov_reg(c, c->temps[t].type, to, r);
    unassign(c, r);
    assign(c, t, to);
}

bool jit_const_of(const JitCtx *c, IrTemp t, uint64_t *v)
{
    if (!c->temps[t].is_const)
        return false;
    *v = c->temps[t].val;
    return true;
}

bool jit_imm_of(const JitCtx *c, IrTemp t, bool w64, int32_t *imm)
{
    uint64_t v;
    if (!jit_const_of(c, t, &v) || (w64 && (int64_t)v != (int32_t)v))
        return false;
    *imm = (int32_t)(uint32_t)v;
    return true;
}

bool jit_dies(const JitCtx *c, IrTemp t)
{
    return c->temps[t].last_use == c->cur;
}

/* --- instruction boundaries ---------------------------------------------- */

void jit_ra_begin_insn(JitCtx *c, uint32_t index)
{
    c->cur = index;
    c->locked = 0;
}

/* t is dead: its register and slot go back to the pools. */
static void release(JitCtx *c, IrTemp t)
{
    JitTemp *tp = &c->temps[t];
    if (tp->reg != X86_NOREG)
        unassign(c, tp->reg);
    if (tp->slot)
        c->free_slots[c->nfree_slots++] = tp->slot;
    tp->slot = 0;
    tp->in_slot = tp->is_const = false; /* stays on the dirty list: once per sync */
}

void jit_ra_end_insn(JitCtx *c, const IrInsn *in)
{
    for (unsigned k = 0; k < jit_nuse(in); k++) {
        if (c->temps[in->use[k]].last_use == c->cur)
            release(c, in->use[k]);
    }
    for (unsigned k = 0; k < jit_ndef(in); k++) {
        if (c->temps[in->def[k]].last_use <= c->cur)
            release(c, in->def[k]);
    }
    c->locked = 0;
}

/* --- calls --------------------------------------------------------------- */

/* Values that outlive the call leave the caller-saved registers: to a
 * free callee-saved register, else to their slot (the register keeps a
 * copy until the call, as an argument source). */
static void preserve_live_values(JitCtx *c)
{
    for (unsigned r = 0; r < X86_NREGS; r++) {
        IrTemp t = c->reg_owner[r];
        if (!t || !(JIT_CALLER_SAVED & JIT_REG_BIT(r)) || c->temps[t].last_use <= c->cur)
            continue;
        X86Reg to = x86_is_xmm((X86Reg)r) ? X86_NOREG : pick_free(c, JIT_CALLEE_SAVED, true);
        if (to != X86_NOREG) {
            jit_mov_reg(c, c->temps[t].type, to, (X86Reg)r);
            unassign(c, (X86Reg)r);
            assign(c, t, to);
        } else if (!c->temps[t].in_slot && !c->temps[t].is_const) {
            store_to_slot(c, t);
        }
    }
}

/* One argument move of the call's parallel move. */
typedef struct ArgMove {
    X86Reg dst;
    X86Reg src;      /* X86_NOREG: from the temp's constant or slot, or imm */
    IrTemp temp;     /* 0: the immediate imm */
    IrType type;
    uint64_t imm;
} ArgMove;

static void swap_regs(JitCtx *c, X86Reg a, X86Reg b)
{
    if (!x86_is_xmm(a)) {
        x86_xchg_rr(&c->e, true, a, b);
        return;
    }
    X86Mem tmp = jit_slot_mem(0);
    x86_movs_store(&c->e, true, tmp, a);
    x86_movaps(&c->e, a, b);
    x86_movs_load(&c->e, true, b, tmp);
}

/* Register-to-register moves in an order that reads every source before
 * it is overwritten; cycles are broken with exchanges. */
static void resolve_reg_moves(JitCtx *c, ArgMove *m, unsigned n)
{
    bool *done = g_newa(bool, n ? n : 1);
    memset(done, 0, n * sizeof(bool));
    unsigned left = 0;
    for (unsigned i = 0; i < n; i++) {
        done[i] = m[i].src == X86_NOREG || m[i].src == m[i].dst;
        left += !done[i];
    }
    while (left) {
        bool progress = false;
        for (unsigned i = 0; i < n; i++) {
            if (done[i])
                continue;
            bool blocked = false;
            for (unsigned j = 0; j < n && !blocked; j++)
                blocked = !done[j] && j != i && m[j].src == m[i].dst;
            if (blocked)
                continue;
            jit_mov_reg(c, x86_is_xmm(m[i].dst) ? IR_F64 : IR_I64, m[i].dst, m[i].src);
            done[i] = true;
            left--;
            progress = true;
        }
        if (progress)
            continue;
        /* Only cycles remain: swap one pair and redirect readers. */
        for (unsigned i = 0; i < n; i++) {
            if (done[i])
                continue;
            swap_regs(c, m[i].dst, m[i].src);
            for (unsigned j = 0; j < n; j++) {
                if (!done[j] && j != i && m[j].src == m[i].dst)
                    m[j].src = m[i].src;
            }
            done[i] = true;
            left--;
            break;
        }
    }
}

/* An argument from a slot or a constant; rax (no argument register) is
 * free for building a float constant. */
static void load_arg(JitCtx *c, const ArgMove *m)
{
    uint64_t v = m->imm;
    if (m->temp && !jit_const_of(c, m->temp, &v)) {
        load_value(c, m->temp, m->dst);
    } else if (x86_is_xmm(m->dst)) {
        x86_mov_ri(&c->e, X86_RAX, v, false);
        x86_movq_to_xmm(&c->e, value_bytes(m->type) == 8, m->dst, X86_RAX);
    } else {
        x86_mov_ri(&c->e, m->dst, type_mask(m->type, v), false);
    }
}

void jit_call(JitCtx *c, const void *fn, bool with_env, const JitArg *args, unsigned nargs, IrTemp result)
{
    preserve_live_values(c);

    ArgMove moves[1 + IR_HELPER_MAX_ARGS + 4];
    unsigned n = 0, nint = 0, nfloat = 0;
    if (with_env)
        moves[n++] = (ArgMove){.dst = int_arg_regs[nint++], .src = JIT_ENV, .type = IR_I64};
    for (unsigned i = 0; i < nargs; i++) {
        bool fl = is_float(args[i].type);
        if ((fl && nfloat == JIT_FLOAT_ARG_REGS) || (!fl && nint == G_N_ELEMENTS(int_arg_regs)) ||
            n == G_N_ELEMENTS(moves)) {
            fprintf(stderr, "morph: jit: too many call arguments\n");
            abort();
        }
        X86Reg dst = fl ? xmm_order[nfloat++] : int_arg_regs[nint++];
        IrTemp t = args[i].temp;
        X86Reg src = t ? c->temps[t].reg : X86_NOREG;
        moves[n++] = (ArgMove){.dst = dst, .src = src, .temp = t, .type = args[i].type, .imm = args[i].imm};
    }
    /* General registers first (a float immediate goes through rax), then
     * the XMM registers, then constants and slots into what is left. */
    ArgMove gmoves[G_N_ELEMENTS(moves)], xmoves[G_N_ELEMENTS(moves)];
    unsigned ng = 0, nx = 0;
    for (unsigned i = 0; i < n; i++) {
        if (x86_is_xmm(moves[i].dst))
            xmoves[nx++] = moves[i];
        else
            gmoves[ng++] = moves[i];
    }
    resolve_reg_moves(c, gmoves, ng);
    resolve_reg_moves(c, xmoves, nx);
    for (unsigned i = 0; i < ng; i++) {
        if (gmoves[i].src == X86_NOREG)
            load_arg(c, &gmoves[i]);
    }
    for (unsigned i = 0; i < nx; i++) {
        if (xmoves[i].src == X86_NOREG)
            load_arg(c, &xmoves[i]);
    }

    for (unsigned r = 0; r < X86_NREGS; r++) {
        if (JIT_CALLER_SAVED & JIT_REG_BIT(r))
            unassign(c, (X86Reg)r);
    }
    jit_call_abs(c, fn);
    c->locked = 0;
    if (!result)
        return;
    IrType rt = c->temps[result].type;
    X86Reg r = is_float(rt) ? X86_XMM0 : X86_RAX;
    if (rt == IR_I32)
        x86_mov_rr(&c->e, false, r, r); /* the ABI leaves the upper half undefined */
    jit_out_fixed(c, result, r);
}

/* --- labels ----------------------------------------------------------------- */

static bool live_after(const JitCtx *c, IrTemp t, uint32_t index)
{
    return c->temps[t].last_use > index;
}

static bool owns(const IrTemp *owner, IrTemp t)
{
    for (unsigned r = 0; r < X86_NREGS; r++) {
        if (owner[r] == t)
            return true;
    }
    return false;
}

/* Is t's constant known on every way into the label? It is when it was
 * known before the label's first branch and is still the same one (see
 * the file comment); with no branch yet, only the fall-through counts. */
static bool const_kept(const JitLabelState *ls, const JitTemp *tp)
{
    return !ls->back_target && tp->is_const && tp->const_since <= ls->first_branch;
}

/* Store the written globals that are live after instruction `at` (a
 * label), except those in a register of keep_regs and the constants
 * keep_consts keeps (either NULL: none); the rest stay on the dirty list. */
static void store_dirty(JitCtx *c, uint32_t at, const IrTemp *keep_regs, const JitLabelState *keep_consts)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < c->ndirty; i++) {
        IrTemp t = c->dirty[i];
        JitTemp *tp = &c->temps[t];
        bool pending = (tp->reg != X86_NOREG || tp->is_const) && !tp->in_slot;
        bool kept = (keep_regs && owns(keep_regs, t)) || (keep_consts && const_kept(keep_consts, tp));
        if (pending && (!live_after(c, t, at) || kept)) {
            c->dirty[n++] = t;
            continue;
        }
        if (pending)
            store_to_slot(c, t);
        tp->dirty_listed = false;
    }
    c->ndirty = n;
}

/* The registers holding a value that is live after instruction `at` and
 * not in its slot. */
static JitRegSet unsaved_regs(const JitCtx *c, uint32_t at)
{
    JitRegSet set = 0;
    for (unsigned r = 0; r < X86_NREGS; r++) {
        IrTemp t = c->reg_owner[r];
        if (t && !c->temps[t].in_slot && live_after(c, t, at))
            set |= JIT_REG_BIT(r);
    }
    return set;
}

/* A branch back to a loop head finds every live global in its slot, as
 * the head expects; a forward branch stores only the constants it knows
 * and leaves the rest, and its insn_pc, to the label (jit_ra_label). */
X86Label *jit_ra_branch(JitCtx *c, IrLabel label, const uint64_t *insn_pc)
{
    JitLabelState *ls = &c->label_state[label];
    if (ls->back_target) {
        store_dirty(c, ls->index, NULL, NULL);
        if (insn_pc)
            jit_store_env_imm64(c, offsetof(CpuCommon, insn_pc), *insn_pc);
        return &c->labels[label];
    }
    store_dirty(c, ls->index, c->reg_owner, NULL);
    JitEdge *e = &c->edges[c->nedges++];
    memcpy(e->owner, c->reg_owner, sizeof(e->owner));
    e->unsaved = unsaved_regs(c, ls->index);
    e->sets_insn_pc = insn_pc != NULL;
    e->insn_pc = insn_pc ? *insn_pc : 0;
    e->next = ls->edges;
    ls->edges = c->nedges;
    x86_label_init(&e->to);
    if (ls->first_branch == UINT32_MAX) {
        ls->first_branch = c->cur;
        memcpy(ls->owner, c->reg_owner, sizeof(ls->owner));
        return &e->to;
    }
    for (unsigned r = 0; r < X86_NREGS; r++) {
        if (ls->owner[r] != c->reg_owner[r])
            ls->owner[r] = 0;
    }
    return &e->to;
}

/* Put t's value, from its slot or its constant, into register r using
 * no other register (all may be taken while registers are rearranged). */
static void reload(JitCtx *c, IrTemp t, X86Reg r)
{
    const JitTemp *tp = &c->temps[t];
    if (!tp->is_const || !x86_is_xmm(r) || tp->val == 0) {
        load_value(c, t, r);
        return;
    }
    X86Mem scratch = jit_slot_mem(0);
    store_imm64(&c->e, scratch, tp->val);
    x86_movs_load(&c->e, value_bytes(tp->type) == 8, r, scratch);
}

/* The fall-through into a label: values the label keeps move to their
 * registers there (one parallel move), the rest of them load there, and
 * every other register is let go. */
static void conform(JitCtx *c, const IrTemp *want)
{
    ArgMove moves[X86_NREGS];
    unsigned n = 0;
    for (unsigned r = 0; r < X86_NREGS; r++) {
        IrTemp t = want[r];
        if (t && c->temps[t].reg != X86_NOREG)
            moves[n++] = (ArgMove){.dst = (X86Reg)r, .src = c->temps[t].reg, .temp = t};
    }
    resolve_reg_moves(c, moves, n);
    for (unsigned r = 0; r < X86_NREGS; r++)
        unassign(c, (X86Reg)r);
    for (unsigned r = 0; r < X86_NREGS; r++) {
        if (!want[r])
            continue;
        bool moved = false;
        for (unsigned i = 0; i < n && !moved; i++)
            moved = moves[i].temp == want[r];
        if (!moved)
            reload(c, want[r], (X86Reg)r);
        assign(c, want[r], (X86Reg)r);
    }
}

/* Nothing falls into the label: its registers are what the branches
 * agree on. */
static void adopt(JitCtx *c, const IrTemp *want)
{
    for (unsigned r = 0; r < X86_NREGS; r++)
        unassign(c, (X86Reg)r);
    for (unsigned r = 0; r < X86_NREGS; r++) {
        if (want[r])
            assign(c, want[r], (X86Reg)r);
    }
}

static JitRegSet regs_of(const IrTemp *owner)
{
    JitRegSet set = 0;
    for (unsigned r = 0; r < X86_NREGS; r++)
        set |= owner[r] ? JIT_REG_BIT(r) : 0;
    return set;
}

static bool needs_stub(const JitEdge *e, JitRegSet kept)
{
    return (e->unsaved & ~kept) || e->sets_insn_pc;
}

/* Each branch jumps to the label itself, or first to a stub that stores
 * its insn_pc and the values it leaves unsaved in registers the label
 * lets go:
 *
 *       [fall-through's moves]  jmp L      (only when it falls in)
 *   s1: store ...               jmp L
 *   s2: store ...
 *   L:                                     (the other branches land here) */
static void emit_edge_stubs(JitCtx *c, IrLabel label, JitRegSet kept, bool falls_in)
{
    const JitLabelState *ls = &c->label_state[label];
    bool jump_over = falls_in;
    for (uint32_t i = ls->edges; i; i = c->edges[i - 1].next) {
        JitEdge *e = &c->edges[i - 1];
        if (!needs_stub(e, kept))
            continue;
        if (jump_over)
            x86_jmp_label(&c->e, &c->labels[label]);
        x86_label_bind(&c->e, &e->to);
        if (e->sets_insn_pc)
            jit_store_env_imm64(c, offsetof(CpuCommon, insn_pc), e->insn_pc);
        for (unsigned r = 0; r < X86_NREGS; r++) {
            if (e->unsaved & ~kept & JIT_REG_BIT(r))
                store_reg_to_slot(c, e->owner[r], (X86Reg)r);
        }
        jump_over = true;
    }
    for (uint32_t i = ls->edges; i; i = c->edges[i - 1].next) {
        JitEdge *e = &c->edges[i - 1];
        if (!needs_stub(e, kept))
            x86_label_bind(&c->e, &e->to);
    }
}

/* After a label: a global kept in a register is in its slot when every
 * way in had it there; a kept constant when the fall-through had (the
 * branches stored theirs); any other live global is in its slot. */
static void settle_globals(JitCtx *c, const JitLabelState *ls, bool falls_in, JitRegSet unsaved_in)
{
    c->ndirty = 0;
    for (uint32_t i = 0; i < c->nglobals; i++) {
        IrTemp t = c->globals[i];
        JitTemp *tp = &c->temps[t];
        bool ft_saved = !falls_in || tp->in_slot;
        tp->is_const = const_kept(ls, tp) && live_after(c, t, c->cur);
        if (tp->reg != X86_NOREG)
            tp->in_slot = ft_saved && !(unsaved_in & JIT_REG_BIT(tp->reg));
        else if (tp->is_const)
            tp->in_slot = ft_saved;
        else
            tp->in_slot = tp->slot != 0;
        tp->dirty_listed = (tp->reg != X86_NOREG || tp->is_const) && !tp->in_slot;
        if (tp->dirty_listed)
            c->dirty[c->ndirty++] = t;
    }
}

void jit_ra_label(JitCtx *c, IrLabel label, bool falls_in)
{
    JitLabelState *ls = &c->label_state[label];
    IrTemp *want = ls->owner;
    if (ls->back_target || (!falls_in && !ls->edges))
        memset(want, 0, sizeof(ls->owner)); /* a loop head, or never reached */
    else if (!ls->edges)
        memcpy(want, c->reg_owner, sizeof(ls->owner)); /* only falls in: keeps all */
    for (unsigned r = 0; r < X86_NREGS; r++) {
        if (want[r] && !live_after(c, want[r], c->cur))
            want[r] = 0;
    }
    JitRegSet kept = regs_of(want), unsaved_in = 0;
    for (uint32_t i = ls->edges; i; i = c->edges[i - 1].next)
        unsaved_in |= c->edges[i - 1].unsaved & kept;
    if (falls_in) {
        store_dirty(c, c->cur, want, ls);
        conform(c, want);
    } else {
        adopt(c, want);
    }
    emit_edge_stubs(c, label, kept, falls_in);
    settle_globals(c, ls, falls_in, unsaved_in);
}
