/* ir/opt.h — the IR optimizer: the pipeline entry point, each pass, and
 * the few helpers the passes share. See ir/opt.c for the pipeline. */
#ifndef MORPH_OPT_H
#define MORPH_OPT_H

#include <glib.h>

#include "ir/ir.h"

/* Run every pass in order; the block stays valid (ir_verify) and deleted
 * instructions are compacted away. */
void opt_run(IrBlock *b);

/* The passes, each usable alone (tests run them one by one). */
void opt_fold(IrBlock *b); /* ir/opt_fold.c: constants and algebra */
void opt_env(IrBlock *b);  /* ir/opt_env.c: env forwarding, dead stores */
void opt_dce(IrBlock *b);  /* ir/opt_dce.c: dead code elimination */
/* What the pipeline runs (ir/opt.c): opt_fold with opt_env's forward
 * walk in the same walk, and opt_dce with opt_env's dead stores, which
 * needs the end of the furthest env store opt_fold_env left. */
uint32_t opt_fold_env(IrBlock *b);
void opt_dce_env(IrBlock *b, uint32_t env_stored_end);

/* opt_env's two walks one op at a time, for those passes; each keeps its
 * state per thread until its next begin.
 *
 * Forward, ops in block order (up to max_temps temps): true when it
 * turned a load into a mov; a store of what the slot holds already it
 * deletes (op OPT_DELETED). opt_env_stored_end: the end of the furthest
 * store it kept.
 * Backward, ops from the last, those opt_env_dead_cares takes: true
 * when the op is a store that no one can observe before a later store
 * overwrites it. */
typedef struct EnvForward EnvForward;
EnvForward *opt_env_forward_begin(IrBlock *b, size_t max_temps);
bool opt_env_forward_op(EnvForward *f, IrInsn *in);
uint32_t opt_env_stored_end(const EnvForward *f);
typedef struct EnvDeadStores EnvDeadStores;
EnvDeadStores *opt_env_dead_begin(IrBlock *b, uint32_t stored_end);
bool opt_env_dead_op(EnvDeadStores *d, const IrInsn *in);

static inline bool opt_env_dead_cares(const IrInsn *in)
{
    enum { CARES = IR_F_ENV_READ | IR_F_ENV_WRITE | IR_F_BRANCH | IR_F_CALL | IR_F_EXIT | IR_F_MAY_FAULT };
    return (ir_op_info[in->op].flags & CARES) || in->op == IR_OP_label;
}

/* A pass marks an instruction deleted by setting its op to OPT_DELETED;
 * opt_compact() then removes every marked instruction. */
#define OPT_DELETED ((uint16_t)IR_NOPS)
void opt_compact(IrBlock *b);

/* Working storage of a pass, kept from block to block (translation is
 * the hot path of start-up, and most blocks are small): a buffer grows to
 * the largest request and is never given back while the thread lives.
 *
 *   static GPrivate work_key = G_PRIVATE_INIT(opt_work_free);
 *   OptWork *w = opt_work(&work_key);
 *   uint32_t *gen = opt_buf_zero(&w->buf[0], n * sizeof(uint32_t));
 */
typedef struct OptBuf {
    void *data;
    size_t cap;
} OptBuf;

enum { OPT_WORK_BUFS = 8 };
typedef struct OptWork {
    OptBuf buf[OPT_WORK_BUFS];
    uint32_t stamp; /* a pass's own counter, kept across blocks */
} OptWork;

OptWork *opt_work(GPrivate *key); /* the calling thread's, made at first use */
void opt_work_free(gpointer work);
void *opt_buf(OptBuf *b, size_t bytes);      /* contents undefined */
void *opt_buf_zero(OptBuf *b, size_t bytes); /* zeroed */
void *opt_buf_grow(OptBuf *b, size_t bytes); /* keeps what it held */

/* Temps and operands of one instruction (a call's come from its helper). */
static inline unsigned opt_ndef(const IrInsn *in)
{
    return in->op == IR_OP_call ? (in->helper->has_ret ? 1u : 0u) : ir_op_info[in->op].ndef;
}

static inline unsigned opt_nuse(const IrInsn *in)
{
    return in->op == IR_OP_call ? in->helper->nargs : ir_op_info[in->op].nuse;
}

/* All-ones in the width of an integer type. */
static inline uint64_t opt_type_mask(IrType t)
{
    return t == IR_I32 || t == IR_F32 ? 0xffffffffull : ~0ull;
}

/* Bytes a value of the type occupies in env. */
static inline unsigned opt_type_bytes(IrType t)
{
    return t == IR_I32 || t == IR_F32 ? 4 : t == IR_V128 ? 16 : t == IR_F80 ? 10 : 8;
}

#endif
