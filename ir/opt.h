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

/* A pass marks an instruction deleted by setting its op to OPT_DELETED;
 * opt_compact() then removes every marked instruction. */
#define OPT_DELETED ((uint16_t)IR_NOPS)
void opt_compact(IrBlock *b);

/* Zeroed working storage of `bytes` for a pass, kept per thread in *key
 * (a static GPrivate with G_PRIVATE_INIT(g_free)) from block to block:
 * translation is the hot path of start-up. */
void *opt_scratch(GPrivate *key, size_t bytes);

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
