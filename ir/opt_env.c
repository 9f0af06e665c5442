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
 *
 * Both walks take one op at a time (opt.h), so the pipeline runs them
 * inside fold's and dce's walks (ir/opt.c); opt_env runs them alone. The
 * storage they use is kept per thread from block to block.
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

/* A set of remembered slots. At most one of them is valid for an offset
 * and type (a slot is remembered only when none is, and a store first
 * forgets what it overlaps), so their order does not matter: removal
 * moves the last one in. */
typedef struct SlotSet {
    EnvSlot *v;
    uint32_t n;
} SlotSet;

/* What a label ahead can know: a span of the label pool, once a branch
 * to it has been seen. */
typedef struct LabelKnown {
    uint32_t start, n;
    bool noted;
} LabelKnown;

/* The per-thread working storage of the forward walk. */
enum { ENV_STATE, ENV_GEN, ENV_SLOTS, ENV_LABELS, ENV_POOL, ENV_BACK };

struct EnvForward {
    uint32_t *gen; /* definitions of each temp so far */
    SlotSet slots; /* what the walk knows now */
    LabelKnown *at_label;
    OptBuf *pool; /* the EnvSlots of at_label's spans */
    uint32_t pool_len;
    bool *back;          /* labels a later branch jumps back to */
    bool falls;          /* control reaches the next op from the last one */
    bool deleted;        /* a st_env was dropped */
    uint32_t stored_end; /* the end of the furthest st_env kept */
};

static bool ranges_overlap(uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
    return a < b + bn && b < a + an;
}

static void remove_slot(SlotSet *set, uint32_t i)
{
    set->v[i] = set->v[--set->n];
}

static void forget_overlapping(SlotSet *set, uint32_t off, uint32_t size)
{
    for (uint32_t i = set->n; i-- > 0;) {
        if (ranges_overlap(set->v[i].off, set->v[i].size, off, size))
            remove_slot(set, i);
    }
}

static EnvSlot *find_slot(const SlotSet *set, uint32_t off, IrType type, const uint32_t *gen)
{
    for (uint32_t i = 0; i < set->n; i++) {
        EnvSlot *s = &set->v[i];
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

/* Which labels a branch after them jumps back to (NULL: the block has
 * no labels). */
static bool *find_back_targets(const IrBlock *b, OptWork *w)
{
    if (!b->nlabels)
        return NULL;
    size_t n = (size_t)b->nlabels + 1;
    bool *seen = opt_buf_zero(&w->buf[ENV_BACK], 2 * n * sizeof(bool));
    bool *back = seen + n;
    for (uint32_t i = 0; i < b->ninsns; i++) {
        const IrInsn *in = &b->insns[i];
        if (in->op == IR_OP_label)
            seen[in->imm] = true;
        else if ((ir_op_info[in->op].flags & IR_F_BRANCH) && seen[in->imm])
            back[in->imm] = true;
    }
    return back;
}

/* Does control go on to the next op? */
static bool falls_through(const IrInsn *in)
{
    return in->op != IR_OP_br && !(ir_op_info[in->op].flags & IR_F_EXIT);
}

/* Keep the slots of `known` that `other` knows too (still valid there). */
static void intersect_known(SlotSet *known, const SlotSet *other, const uint32_t *gen)
{
    for (uint32_t i = known->n; i-- > 0;) {
        const EnvSlot *k = &known->v[i];
        const EnvSlot *o = find_slot(other, k->off, k->type, gen);
        if (!o || o->temp != k->temp)
            remove_slot(known, i);
    }
}

/* Forget the slots whose temp has been redefined since. */
static void drop_stale(SlotSet *set, const uint32_t *gen)
{
    for (uint32_t i = set->n; i-- > 0;) {
        if (set->v[i].gen != gen[set->v[i].temp])
            remove_slot(set, i);
    }
}

static SlotSet label_set(const EnvForward *f, IrLabel l)
{
    return (SlotSet){.v = (EnvSlot *)f->pool->data + f->at_label[l].start, .n = f->at_label[l].n};
}

/* A branch to a label ahead: what the label can know shrinks to what
 * this way in knows. */
static void note_branch(EnvForward *f, IrLabel l)
{
    LabelKnown *at = &f->at_label[l];
    drop_stale(&f->slots, f->gen);
    if (!at->noted) {
        EnvSlot *pool = opt_buf_grow(f->pool, (f->pool_len + f->slots.n) * sizeof(EnvSlot));
        memcpy(pool + f->pool_len, f->slots.v, f->slots.n * sizeof(EnvSlot));
        *at = (LabelKnown){.start = f->pool_len, .n = f->slots.n, .noted = true};
        f->pool_len += f->slots.n;
        return;
    }
    SlotSet known = label_set(f, l);
    intersect_known(&known, &f->slots, f->gen);
    at->n = known.n;
}

/* At label l: what every way in knows (falls: the op above falls in). */
static void merge_at_label(EnvForward *f, IrLabel l, bool falls)
{
    if (!f->at_label[l].noted) {
        if (!falls)
            f->slots.n = 0; /* never reached */
        return;
    }
    SlotSet in = label_set(f, l);
    if (falls) {
        intersect_known(&in, &f->slots, f->gen);
        f->at_label[l].n = in.n;
    }
    for (uint32_t i = 0; i < in.n; i++) {
        f->slots.v[i] = in.v[i];
        f->slots.v[i].gen = f->gen[in.v[i].temp]; /* the temp's value on whichever way came in */
    }
    f->slots.n = in.n;
}

static void remember(SlotSet *set, uint32_t off, uint32_t size, IrType type, IrTemp temp, uint32_t gen)
{
    set->v[set->n++] = (EnvSlot){.off = off, .size = size, .type = type, .temp = temp, .gen = gen};
}

/* Ops the forward walk looks at; every other op only defines temps. */
static bool forward_cares(const IrInsn *in)
{
    enum { CARES = IR_F_ENV_READ | IR_F_ENV_WRITE | IR_F_BRANCH | IR_F_CALL };
    return (ir_op_info[in->op].flags & CARES) || in->op == IR_OP_label;
}

/* A load of a slot whose value a temp holds becomes a mov of it (true);
 * otherwise the loaded temp holds the slot from now on. */
static bool forward_load(EnvForward *f, IrInsn *in)
{
    IrType t = (IrType)in->type;
    uint32_t off = (uint32_t)in->imm;
    IrTemp d = in->def[0];
    const EnvSlot *s = find_slot(&f->slots, off, t, f->gen);
    f->gen[d]++;
    if (s) {
        *in = (IrInsn){.op = IR_OP_mov, .type = (uint8_t)t, .def = {d}, .use = {s->temp}};
        return true;
    }
    remember(&f->slots, off, opt_type_bytes(t), t, d, f->gen[d]);
    return false;
}

/* A store of `value` to the slot (off, type): true when the slot holds
 * that value already; otherwise every slot it overlaps is forgotten. One
 * scan finds both (the common case, a slot stored again and again, has
 * few overlaps: a second scan when there are more). */
static bool store_holds(EnvForward *f, uint32_t off, uint32_t size, IrType type, IrTemp value)
{
    enum { FEW = 16 };
    SlotSet *set = &f->slots;
    uint32_t overlaps[FEW], n = 0;
    for (uint32_t i = 0; i < set->n; i++) {
        const EnvSlot *s = &set->v[i];
        if (!ranges_overlap(s->off, s->size, off, size))
            continue;
        if (s->off == off && s->type == type && s->temp == value && s->gen == f->gen[value])
            return true;
        if (n < FEW)
            overlaps[n] = i;
        n++;
    }
    if (n > FEW) {
        forget_overlapping(set, off, size);
        return false;
    }
    while (n-- > 0) /* from the last, so a removal moves in no slot still to remove */
        remove_slot(set, overlaps[n]);
    return false;
}

/* Any other op the forward walk cares about; false when it was dropped. */
static bool forward_op(EnvForward *f, IrInsn *in, bool falls)
{
    IrType t = (IrType)in->type;
    uint32_t off = (uint32_t)in->imm, size = opt_type_bytes(t);

    if (in->op == IR_OP_label && !f->back[in->imm]) {
        merge_at_label(f, (IrLabel)in->imm, falls);
    } else if (in->op == IR_OP_label || helper_has(in, IR_HELPER_WRITES_ENV) ||
               other_env_access(in, IR_F_ENV_WRITE)) {
        f->slots.n = 0;
    } else if ((ir_op_info[in->op].flags & IR_F_BRANCH) && !f->back[in->imm]) {
        note_branch(f, (IrLabel)in->imm);
    } else if (in->op == IR_OP_st_env) {
        if (store_holds(f, off, size, t, in->use[0])) {
            in->op = OPT_DELETED; /* env already holds this value */
            f->deleted = true;
            return false;
        }
        remember(&f->slots, off, size, t, in->use[0], f->gen[in->use[0]]);
        f->stored_end = MAX(f->stored_end, off + size);
    }
    return true;
}

EnvForward *opt_env_forward_begin(IrBlock *b, size_t max_temps)
{
    static GPrivate work_key = G_PRIVATE_INIT(opt_work_free);
    OptWork *w = opt_work(&work_key);
    EnvForward *f = opt_buf(&w->buf[ENV_STATE], sizeof(EnvForward));
    *f = (EnvForward){
        .gen = opt_buf_zero(&w->buf[ENV_GEN], (max_temps + 1) * sizeof(uint32_t)),
        /* every remembered slot comes from its own ld_env or st_env */
        .slots = {.v = opt_buf(&w->buf[ENV_SLOTS], ((size_t)b->ninsns + 1) * sizeof(EnvSlot))},
        .at_label = opt_buf_zero(&w->buf[ENV_LABELS], ((size_t)b->nlabels + 1) * sizeof(LabelKnown)),
        .pool = &w->buf[ENV_POOL],
        .back = find_back_targets(b, w),
        .falls = true,
    };
    return f;
}

bool opt_env_forward_op(EnvForward *f, IrInsn *in)
{
    if (in->op == IR_OP_ld_env) {
        f->falls = true;
        return forward_load(f, in);
    }
    if (forward_cares(in) && !forward_op(f, in, f->falls))
        return false;
    f->falls = falls_through(in);
    unsigned ndef = opt_ndef(in);
    for (unsigned k = 0; k < ndef; k++)
        f->gen[in->def[k]]++;
    return false;
}

/* The bytes of env that later stores overwrite before env can be
 * observed: one bit per byte, up to the end of the furthest st_env. */
typedef struct Pending {
    uint64_t *bits;
    uint32_t nbytes, nwords;
    bool any; /* a bit may be set (false: all clear, as after an observer) */
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
    p->any |= on;
    for (; off < end; off = (off / 64 + 1) * 64) {
        uint64_t mask = word_mask(off, end);
        p->bits[off / 64] = on ? p->bits[off / 64] | mask : p->bits[off / 64] & ~mask;
    }
}

/* Most observers (guest memory ops, exits) find nothing pending. */
static void clear_pending(Pending *p)
{
    if (p->any)
        memset(p->bits, 0, p->nwords * sizeof(uint64_t));
    p->any = false;
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
    p->any = true;
}

struct EnvDeadStores {
    Pending p;
    bool *label_seen;
    uint64_t *label_bits; /* each label's pending bytes, once the walk has passed it */
};

uint32_t opt_env_stored_end(const EnvForward *f)
{
    return f->stored_end;
}

EnvDeadStores *opt_env_dead_begin(IrBlock *b, uint32_t stored_end)
{
    static GPrivate work_key = G_PRIVATE_INIT(opt_work_free);
    OptWork *w = opt_work(&work_key);
    EnvDeadStores *d = opt_buf(&w->buf[0], sizeof(EnvDeadStores));
    Pending *p = &d->p;
    p->nbytes = stored_end;
    p->nwords = p->nbytes / 64 + 1;
    p->bits = opt_buf_zero(&w->buf[1], p->nwords * sizeof(uint64_t));
    p->any = false;
    size_t nlabels = (size_t)b->nlabels + 1;
    d->label_seen = opt_buf_zero(&w->buf[2], nlabels * sizeof(bool));
    d->label_bits = opt_buf(&w->buf[3], nlabels * p->nwords * sizeof(uint64_t));
    return d;
}

bool opt_env_dead_op(EnvDeadStores *d, const IrInsn *in)
{
    Pending *p = &d->p;
    uint32_t off = (uint32_t)in->imm, size = opt_type_bytes((IrType)in->type);

    if (observes_env(in)) {
        clear_pending(p);
    } else if (in->op == IR_OP_label) {
        d->label_seen[in->imm] = true;
        memcpy(d->label_bits + in->imm * p->nwords, p->bits, p->nwords * sizeof(uint64_t));
    } else if (ir_op_info[in->op].flags & IR_F_BRANCH) {
        branch_back(p, in, d->label_seen[in->imm] ? d->label_bits + in->imm * p->nwords : NULL);
    } else if (in->op == IR_OP_ld_env) {
        mark_range(p, off, size, false);
    } else if (in->op == IR_OP_st_env) {
        if (covered(p, off, size))
            return true;
        mark_range(p, off, size, true);
    }
    return false;
}

void opt_env(IrBlock *b)
{
    EnvForward *f = opt_env_forward_begin(b, b->ntemps);
    for (uint32_t i = 0; i < b->ninsns; i++)
        opt_env_forward_op(f, &b->insns[i]);
    bool deleted = f->deleted;
    EnvDeadStores *d = opt_env_dead_begin(b, f->stored_end);
    for (uint32_t i = b->ninsns; i-- > 0;) {
        IrInsn *in = &b->insns[i];
        if (in->op != OPT_DELETED && opt_env_dead_cares(in) && opt_env_dead_op(d, in)) {
            in->op = OPT_DELETED;
            deleted = true;
        }
    }
    if (deleted)
        opt_compact(b);
}
