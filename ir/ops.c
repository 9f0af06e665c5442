/* ir/ops.c — the op table instance ir_op_info, built from ir/ops.def, and
 * its start-up self check. Every other part of morph reads op names,
 * operand counts and flags from here. */
#include <stdlib.h>

#include "ir/ir.h"

const IrOpInfo ir_op_info[IR_NOPS] = {
#define IR_OP(name, ndef, nuse, flags) [IR_OP_##name] = {#name, ndef, nuse, flags},
#include "ir/ops.def"
#undef IR_OP
};

_Static_assert(sizeof(ir_op_info) / sizeof(ir_op_info[0]) == IR_NOPS,
               "ir_op_info has one row per op of ops.def");

/* The table's invariants, checked once at start-up: every row is filled,
 * operand counts fit IrInsn, and flags that need a field agree with it. */
static bool ir_op_row_ok(const IrOpInfo *info)
{
    if (!info->name || info->ndef > 2 || info->nuse > 4)
        return false;
    if ((info->flags & IR_F_BRANCH) && !(info->flags & IR_F_IMM))
        return false; /* a branch names its label in imm */
    if ((info->flags & (IR_F_EXIT | IR_F_BRANCH | IR_F_ENV_WRITE)) && !(info->flags & IR_F_SIDE))
        return false; /* control flow and state writes are never removable */
    return true;
}

__attribute__((constructor)) static void ir_op_table_check(void)
{
    for (unsigned op = 0; op < IR_NOPS; op++) {
        if (!ir_op_row_ok(&ir_op_info[op])) {
            fprintf(stderr, "morph: ir/ops.def row %u (%s) is malformed\n", op,
                    ir_op_info[op].name ? ir_op_info[op].name : "?");
            abort();
        }
    }
}
