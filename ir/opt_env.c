/* ir/opt_env.c — guest state (env) optimization within a block.
 *
 * Forward: store-to-load forwarding. For each env slot (offset, type) the
 * pass remembers the temp last stored there or loaded from there; a later
 * ld_env of the same slot becomes a mov from that temp, and a st_env of
 * the value the slot already holds is dropped. A store forgets every slot
 * whose bytes overlap it (slots of different types may alias partially);
 * a call whose helper writes env and any other op that writes env (the
 * x87 ops, whose slots are operands) forget everything; a redefined temp
 * invalidates its slots.
 *
 * Backward: dead-store elimination. Walking from the end, the pass keeps
 * the bytes that a later st_env overwrites before anyone can observe env
 * (a bitmap). A st_env entirely inside those bytes is dropped. Observers reset
 * the set: exits (state must be exact when the block leaves), ops that
 * may fault, calls whose helper reads env or may raise (state must be
 * precise there) and other ops that read env; a ld_env removes the bytes
 * it reads.
 *
 * Labels. Both walks meet a label's ways in (forward) or out (backward)
 * before they need them, as long as every branch to it is a forward one:
 *
 *   forward    each branch to label L notes what it knows; at L the pass
 *              knows what every branch and the fall-through (unless the
 *              op above is an exit or a br) all know: the intersection.
 *   backward   at L the pass notes the bytes pending there; a br to L
 *              continues with L's bytes, a brcond with the intersection
 *              of L's and the fall-through's.
 *
 * "Slot s holds temp t" means t's value on the path taken, so a temp
 * redefined on one way in but not on the other is no obstacle. A label
 * that a later branch jumps back to (a loop) knows nothing, and a branch
 * back to it keeps nothing pending.
 */
#include <string.h>

#include <glib.h>

#include "ir/opt.h"

typedef struct EnvSlot {
    uint32_t off, size;
    IrType type;
    IrTemp temp;
    uint32_t gen; /* the temp's definition count when remembered */
} EnvSlot;

static bool ranges_overlap(uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
    return a < b + bn && b < a + an;
}

static void forget_overlapping(GArray *slots, uint32_t off, uint32_t size)
{
    for (guint i = slots->len; i-- > 0;) {
        const EnvSlot *s = &g_array_index(slots, EnvSlot, i);
        if (ranges_overlap(s->off, s->size, off, size))
            g_array_remove_index_fast(slots, i);
    }
}

static EnvSlot *find_slot(GArray *slots, uint32_t off, IrType type, const uint32_t *gen)
{
    for (guint i = 0; i < slots->len; i++) {
        EnvSlot *s = &g_array_index(slots, EnvSlot, i);
        if (s->off == off && s->type == type && s->gen == gen[s->temp])
            return s;
    }
    return NULL;
}

static bool helper_has(const IrInsn *in, uint32_t flags)
{
    return in->op == IR_OP_call && (in->helper->flags & flags) != 0;
}

/* An op other than ld_env/st_env that reads or writes guest state at
 * offsets the pass does not model (the x87 ops: slots named by operands). */
static bool other_env_access(const IrInsn *in, uint32_t flag)
{
    return in->op != IR_OP_ld_env && in->op != IR_OP_st_env && in->op != IR_OP_call &&
           (ir_op_info[in->op].flags & flag);
}

/* Which labels a branch after them jumps back to. */
static bool *find_back_targets(const IrBlock *b)
{
    bool *seen = g_new0(bool, (size_t)b->nlabels + 1);
    bool *back = g_new0(bool, (size_t)b->nlabels + 1);
    for (uint32_t i = 0; i < b->ninsns; i++) {
        const IrInsn *in = &b->insns[i];
        if (in->op == IR_OP_label)
            seen[in->imm] = true;
        else if ((ir_op_info[in->op].flags & IR_F_BRANCH) && seen[in->imm])
            back[in->imm] = true;
    }
    g_free(seen);
    return back;
}

/* Does control go on to the next op? */
static bool falls_through(const IrInsn *in)
{
    return in->op != IR_OP_br && !(ir_op_info[in->op].flags & IR_F_EXIT);
}

/* Keep the slots of `known` that `other` knows too (still valid there). */
static void intersect_known(GArray *known, GArray *other, const uint32_t *gen)
{
    for (guint i = known->len; i-- > 0;) {
        const EnvSlot *k = &g_array_index(known, EnvSlot, i);
        const EnvSlot *o = find_slot(other, k->off, k->type, gen);
        if (!o || o->temp != k->temp)
            g_array_remove_index_fast(known, i);
    }
}

/* Forget the slots whose temp has been redefined since. */
static void drop_stale(GArray *slots, const uint32_t *gen)
{
    for (guint i = slots->len; i-- > 0;) {
        const EnvSlot *s = &g_array_index(slots, EnvSlot, i);
        if (s->gen != gen[s->temp])
            g_array_remove_index_fast(slots, i);
    }
}

/* A branch to a label ahead: what the label can know shrinks to what
 * this way in knows. */
static void note_branch(GArray **at_label, IrLabel l, GArray *slots, const uint32_t *gen)
{
    drop_stale(slots, gen);
    if (!at_label[l])
        at_label[l] = g_array_copy(slots);
    else
        intersect_known(at_label[l], slots, gen);
}

/* At label l: what every way in knows (falls: the op above falls in). */
static void merge_at_label(GArray **at_label, IrLabel l, bool falls, GArray *slots, uint32_t *gen)
{
    GArray *in = at_label[l];
    if (!in) {
        if (!falls)
            g_array_set_size(slots, 0); /* never reached */
        return;
    }
    if (falls)
        intersect_known(in, slots, gen);
    g_array_set_size(slots, 0);
    for (guint i = 0; i < in->len; i++) {
        EnvSlot s = g_array_index(in, EnvSlot, i);
        s.gen = gen[s.temp]; /* the temp's value on whichever way came in */
        g_array_append_val(slots, s);
    }
}

static void env_forward(IrBlock *b)
{
    uint32_t *gen = g_new0(uint32_t, (size_t)b->ntemps + 1);
    GArray *slots = g_array_new(FALSE, FALSE, sizeof(EnvSlot));
    GArray **at_label = g_new0(GArray *, (size_t)b->nlabels + 1);
    bool *back = find_back_targets(b);
    bool falls = true;

    for (uint32_t i = 0; i < b->ninsns; i++) {
        IrInsn *in = &b->insns[i];
        IrType t = (IrType)in->type;
        uint32_t off = (uint32_t)in->imm, size = opt_type_bytes(t);

        if (in->op == IR_OP_label && !back[in->imm]) {
            merge_at_label(at_label, (IrLabel)in->imm, falls, slots, gen);
        } else if (in->op == IR_OP_label || helper_has(in, IR_HELPER_WRITES_ENV) ||
                   other_env_access(in, IR_F_ENV_WRITE)) {
            g_array_set_size(slots, 0);
        } else if ((ir_op_info[in->op].flags & IR_F_BRANCH) && !back[in->imm]) {
            note_branch(at_label, (IrLabel)in->imm, slots, gen);
        } else if (in->op == IR_OP_ld_env) {
            const EnvSlot *s = find_slot(slots, off, t, gen);
            if (s) {
                IrTemp src = s->temp;
                *in = (IrInsn){.op = IR_OP_mov, .type = (uint8_t)t, .def = {in->def[0]}, .use = {src}};
            }
        } else if (in->op == IR_OP_st_env) {
            const EnvSlot *s = find_slot(slots, off, t, gen);
            if (s && s->temp == in->use[0]) {
                in->op = OPT_DELETED; /* env already holds this value */
                continue;
            }
            forget_overlapping(slots, off, size);
            EnvSlot ns = {.off = off, .size = size, .type = t, .temp = in->use[0], .gen = gen[in->use[0]]};
            g_array_append_val(slots, ns);
        }
        falls = falls_through(in);

        unsigned ndef = opt_ndef(in);
        for (unsigned k = 0; k < ndef; k++)
            gen[in->def[k]]++;
        if (in->op == IR_OP_ld_env) {
            /* the loaded temp now mirrors the slot */
            EnvSlot ns = {.off = off, .size = size, .type = t, .temp = in->def[0], .gen = gen[in->def[0]]};
            g_array_append_val(slots, ns);
        }
    }
    for (uint32_t l = 0; l < b->nlabels; l++) {
        if (at_label[l])
            g_array_free(at_label[l], TRUE);
    }
    g_free(at_label);
    g_free(back);
    g_array_free(slots, TRUE);
    g_free(gen);
    opt_compact(b);
}

/* The bytes of env that later stores overwrite before env can be
 * observed: one bit per byte, up to the end of the furthest st_env. */
typedef struct Pending {
    uint64_t *bits;
    uint32_t nbytes, nwords;
} Pending;

/* The bits of [off, end) that lie in word off / 64 (a range of bytes may
 * straddle two words). */
static uint64_t word_mask(uint32_t off, uint32_t end)
{
    uint32_t lo = off % 64, n = MIN(end - off, 64 - lo);
    return (n == 64 ? ~0ull : (1ull << n) - 1) << lo;
}

/* Is every byte of [off, off+size) pending? */
static bool covered(const Pending *p, uint32_t off, uint32_t size)
{
    uint32_t end = off + size;
    if (end > p->nbytes)
        return false;
    for (; off < end; off = (off / 64 + 1) * 64) {
        uint64_t mask = word_mask(off, end);
        if ((p->bits[off / 64] & mask) != mask)
            return false;
    }
    return true;
}

static void mark_range(Pending *p, uint32_t off, uint32_t size, bool on)
{
    uint32_t end = MIN(off + size, p->nbytes);
    for (; off < end; off = (off / 64 + 1) * 64) {
        uint64_t mask = word_mask(off, end);
        p->bits[off / 64] = on ? p->bits[off / 64] | mask : p->bits[off / 64] & ~mask;
    }
}

static void clear_pending(Pending *p)
{
    memset(p->bits, 0, p->nwords * sizeof(uint64_t));
}

static bool observes_env(const IrInsn *in)
{
    uint32_t f = ir_op_info[in->op].flags;
    return (f & (IR_F_EXIT | IR_F_MAY_FAULT)) || helper_has(in, IR_HELPER_READS_ENV | IR_HELPER_MAY_RAISE) ||
           other_env_access(in, IR_F_ENV_READ);
}

/* A branch, seen walking backward: what is pending before it is what its
 * label has pending (a br), or what both ways on have (a brcond). */
static void branch_back(Pending *p, const IrInsn *in, const uint64_t *at_label)
{
    for (uint32_t w = 0; w < p->nwords; w++) {
        uint64_t there = at_label ? at_label[w] : 0; /* a loop head: not known yet */
        p->bits[w] = in->op == IR_OP_br ? there : p->bits[w] & there;
    }
}

static uint32_t stored_extent(const IrBlock *b)
{
    uint32_t end = 0;
    for (uint32_t i = 0; i < b->ninsns; i++) {
        const IrInsn *in = &b->insns[i];
        if (in->op == IR_OP_st_env)
            end = MAX(end, (uint32_t)in->imm + opt_type_bytes((IrType)in->type));
    }
    return end;
}

static void env_dead_stores(IrBlock *b)
{
    Pending p = {.nbytes = stored_extent(b)};
    p.nwords = p.nbytes / 64 + 1;
    p.bits = g_new0(uint64_t, p.nwords);
    uint64_t **at_label = g_new0(uint64_t *, (size_t)b->nlabels + 1);

    for (uint32_t i = b->ninsns; i-- > 0;) {
        IrInsn *in = &b->insns[i];
        uint32_t off = (uint32_t)in->imm, size = opt_type_bytes((IrType)in->type);

        if (observes_env(in)) {
            clear_pending(&p);
        } else if (in->op == IR_OP_label) {
            at_label[in->imm] = g_memdup2(p.bits, p.nwords * sizeof(uint64_t));
        } else if (ir_op_info[in->op].flags & IR_F_BRANCH) {
            branch_back(&p, in, at_label[in->imm]);
        } else if (in->op == IR_OP_ld_env) {
            mark_range(&p, off, size, false);
        } else if (in->op == IR_OP_st_env) {
            if (covered(&p, off, size)) {
                in->op = OPT_DELETED;
                continue;
            }
            mark_range(&p, off, size, true);
        }
    }
    for (uint32_t l = 0; l < b->nlabels; l++)
        g_free(at_label[l]);
    g_free(at_label);
    g_free(p.bits);
    opt_compact(b);
}

void opt_env(IrBlock *b)
{
    env_forward(b);
    env_dead_stores(b);
}
