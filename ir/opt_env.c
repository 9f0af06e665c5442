/* ir/opt_env.c — guest state (env) optimization within a block.
 *
 * Forward: store-to-load forwarding. For each env slot (offset, type) the
 * pass remembers the temp last stored there or loaded from there; a later
 * ld_env of the same slot becomes a mov from that temp, and a st_env of
 * the value the slot already holds is dropped. A store forgets every slot
 * whose bytes overlap it (slots of different types may alias partially);
 * a label (control may merge), a call whose helper writes env and any
 * other op that writes env (the x87 ops, whose slots are operands) forget
 * everything; a redefined temp invalidates its slots.
 *
 * Backward: dead-store elimination. Walking from the end, the pass keeps
 * the byte ranges that a later st_env overwrites before anyone can observe
 * env. A st_env entirely inside those ranges is dropped. Observers reset
 * the set: exits (state must be exact when the block leaves), labels and
 * branches (other paths), ops that may fault, calls whose helper reads
 * env or may raise (state must be precise there) and other ops that read
 * env; a ld_env removes the ranges it reads.
 */
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

static void env_forward(IrBlock *b)
{
    uint32_t *gen = g_new0(uint32_t, (size_t)b->ntemps + 1);
    GArray *slots = g_array_new(FALSE, FALSE, sizeof(EnvSlot));

    for (uint32_t i = 0; i < b->ninsns; i++) {
        IrInsn *in = &b->insns[i];
        IrType t = (IrType)in->type;
        uint32_t off = (uint32_t)in->imm, size = opt_type_bytes(t);

        if (in->op == IR_OP_label || helper_has(in, IR_HELPER_WRITES_ENV) ||
            other_env_access(in, IR_F_ENV_WRITE)) {
            g_array_set_size(slots, 0);
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

        unsigned ndef = opt_ndef(in);
        for (unsigned k = 0; k < ndef; k++)
            gen[in->def[k]]++;
        if (in->op == IR_OP_ld_env) {
            /* the loaded temp now mirrors the slot */
            EnvSlot ns = {.off = off, .size = size, .type = t, .temp = in->def[0], .gen = gen[in->def[0]]};
            g_array_append_val(slots, ns);
        }
    }
    g_array_free(slots, TRUE);
    g_free(gen);
    opt_compact(b);
}

/* Does a later store cover every byte of [off, off+size)? */
static bool covered(GArray *pending, uint32_t off, uint32_t size)
{
    for (uint32_t byte = off; byte < off + size; byte++) {
        bool hit = false;
        for (guint i = 0; i < pending->len && !hit; i++) {
            const EnvSlot *p = &g_array_index(pending, EnvSlot, i);
            hit = byte >= p->off && byte < p->off + p->size;
        }
        if (!hit)
            return false;
    }
    return true;
}

static bool observes_env(const IrInsn *in)
{
    uint32_t f = ir_op_info[in->op].flags;
    return in->op == IR_OP_label || (f & (IR_F_EXIT | IR_F_BRANCH | IR_F_MAY_FAULT)) ||
           helper_has(in, IR_HELPER_READS_ENV | IR_HELPER_MAY_RAISE) || other_env_access(in, IR_F_ENV_READ);
}

static void env_dead_stores(IrBlock *b)
{
    GArray *pending = g_array_new(FALSE, FALSE, sizeof(EnvSlot));

    for (uint32_t i = b->ninsns; i-- > 0;) {
        IrInsn *in = &b->insns[i];
        uint32_t off = (uint32_t)in->imm, size = opt_type_bytes((IrType)in->type);

        if (observes_env(in)) {
            g_array_set_size(pending, 0);
        } else if (in->op == IR_OP_ld_env) {
            forget_overlapping(pending, off, size);
        } else if (in->op == IR_OP_st_env) {
            if (covered(pending, off, size)) {
                in->op = OPT_DELETED;
                continue;
            }
            EnvSlot ns = {.off = off, .size = size};
            g_array_append_val(pending, ns);
        }
    }
    g_array_free(pending, TRUE);
    opt_compact(b);
}

void opt_env(IrBlock *b)
{
    env_forward(b);
    env_dead_stores(b);
}
