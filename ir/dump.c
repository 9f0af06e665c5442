/* ir/dump.c — the text form of IR blocks (-d op, -d op_opt) and the names
 * of types and conditions. One op per line, stable and greppable:
 *
 *     ---- insn 0x10000054
 *     t5:i32 = add t3, t4
 *     st_env.i32 [0x18], t5
 *     t7:i32 = ld.i32 [t6] be32
 *     brcond.i32 lt t1, t2 -> L1
 *   L1:
 */
#include <inttypes.h>

#include "ir/ir.h"

static const char *const type_names[IR_NTYPES] = {
    [IR_I32] = "i32", [IR_I64] = "i64", [IR_F32] = "f32",
    [IR_F64] = "f64", [IR_V128] = "v128", [IR_F80] = "f80",
};

static const char *const cond_names[IR_NCONDS] = {
    [IR_EQ] = "eq", [IR_NE] = "ne", [IR_LT] = "lt", [IR_GE] = "ge",
    [IR_LE] = "le", [IR_GT] = "gt", [IR_LTU] = "ltu", [IR_GEU] = "geu",
    [IR_LEU] = "leu", [IR_GTU] = "gtu",
};

static const char *const fcond_names[IR_NFCONDS] = {
    [IR_FEQ] = "feq", [IR_FLT] = "flt", [IR_FLE] = "fle",
    [IR_FUN] = "fun", [IR_FNE] = "fne",
};

const char *ir_type_name(IrType t)
{
    return (unsigned)t < IR_NTYPES ? type_names[t] : "?type";
}

const char *ir_cond_name(IrCond c)
{
    return (unsigned)c < IR_NCONDS ? cond_names[c] : "?cond";
}

const char *ir_fcond_name(IrFCond c)
{
    return (unsigned)c < IR_NFCONDS ? fcond_names[c] : "?fcond";
}

static void dump_temp(const IrBlock *b, IrTemp t, FILE *out)
{
    if (t == 0 || t > b->ntemps)
        fprintf(out, "t%u:?", t);
    else
        fprintf(out, "t%u:%s", t, ir_type_name(ir_temp_type(b, t)));
}

/* "be32", "le16s", "be32@1": byte order, size in bits, s for
 * sign-extending, @ and the memory index when it is not 0. */
static void dump_memop(unsigned mo, FILE *out)
{
    fprintf(out, " %s%u%s", (mo & IR_MO_BE) ? "be" : "le", 8u << (mo & IR_MO_SIZE),
            (mo & IR_MO_SIGN) ? "s" : "");
    if (mo & IR_MO_IDX)
        fprintf(out, "@%u", (mo & IR_MO_IDX) >> IR_MO_IDX_SHIFT);
}

static void dump_uses(const IrInsn *in, unsigned n, const char *sep, FILE *out)
{
    for (unsigned i = 0; i < n; i++)
        fprintf(out, "%st%u", i ? ", " : sep, in->use[i]);
}

static unsigned insn_nuse(const IrInsn *in)
{
    if (in->op == IR_OP_call)
        return in->helper ? in->helper->nargs : 0;
    return ir_op_info[in->op].nuse;
}

static void dump_insn(const IrBlock *b, const IrInsn *in, FILE *out)
{
    if (in->op >= IR_NOPS) {
        fprintf(out, "  ?op%u\n", in->op);
        return;
    }
    const IrOpInfo *info = &ir_op_info[in->op];
    const char *tn = ir_type_name((IrType)in->type);
    unsigned nuse = insn_nuse(in);

    switch (in->op) {
    case IR_OP_insn_start:
        fprintf(out, "  ---- insn 0x%" PRIx64 "\n", (uint64_t)in->imm);
        return;
    case IR_OP_label:
        fprintf(out, "L%" PRId64 ":\n", in->imm);
        return;
    case IR_OP_br:
        fprintf(out, "  br -> L%" PRId64 "\n", in->imm);
        return;
    case IR_OP_brcond:
        fprintf(out, "  brcond.%s %s t%u, t%u -> L%" PRId64 "\n", tn,
                ir_cond_name((IrCond)in->aux), in->use[0], in->use[1], in->imm);
        return;
    case IR_OP_st_env:
        fprintf(out, "  st_env.%s [0x%" PRIx64 "], t%u\n", tn, (uint64_t)in->imm, in->use[0]);
        return;
    case IR_OP_st:
        fprintf(out, "  st.%s [t%u], t%u", tn, in->use[0], in->use[1]);
        dump_memop(in->aux, out);
        fputc('\n', out);
        return;
    case IR_OP_goto_tb:
        fprintf(out, "  goto_tb 0x%" PRIx64 " slot %u\n", (uint64_t)in->imm, in->aux);
        return;
    case IR_OP_goto_ptr:
        fprintf(out, "  goto_ptr t%u%s\n", in->use[0], in->aux == IR_GOTO_RETURN ? " (return)" : "");
        return;
    case IR_OP_push_ret:
        fprintf(out, "  push_ret 0x%" PRIx64 "\n", (uint64_t)in->imm);
        return;
    case IR_OP_exit:
        fprintf(out, "  exit %" PRId64 "\n", in->imm);
        return;
    case IR_OP_fence:
        fprintf(out, "  fence\n");
        return;
    default:
        break;
    }

    /* Everything else: "defs = name operands". */
    fputs("  ", out);
    unsigned ndef = in->op == IR_OP_call ? (in->def[0] != 0) : info->ndef;
    for (unsigned i = 0; i < ndef; i++) {
        if (i)
            fputs(", ", out);
        dump_temp(b, in->def[i], out);
    }
    fputs(ndef ? " = " : "", out);

    switch (in->op) {
    case IR_OP_const:
        fprintf(out, "const 0x%" PRIx64 "\n", (uint64_t)in->imm);
        return;
    case IR_OP_ld_env:
        fprintf(out, "ld_env.%s [0x%" PRIx64 "]\n", tn, (uint64_t)in->imm);
        return;
    case IR_OP_ld:
        fprintf(out, "ld.%s [t%u]", tn, in->use[0]);
        dump_memop(in->aux, out);
        fputc('\n', out);
        return;
    case IR_OP_cmpxchg:
        fprintf(out, "cmpxchg.%s [t%u], t%u, t%u", tn, in->use[0], in->use[1], in->use[2]);
        dump_memop(in->aux, out);
        fputc('\n', out);
        return;
    case IR_OP_call:
        fprintf(out, "call %s(", in->helper && in->helper->name ? in->helper->name : "?");
        dump_uses(in, nuse, "", out);
        fputs(")\n", out);
        return;
    case IR_OP_setcond:
    case IR_OP_movcond:
        fprintf(out, "%s %s", info->name, ir_cond_name((IrCond)in->aux));
        dump_uses(in, nuse, " ", out);
        fputc('\n', out);
        return;
    case IR_OP_fsetcond:
        fprintf(out, "fsetcond.%s %s", tn, ir_fcond_name((IrFCond)in->aux));
        dump_uses(in, nuse, " ", out);
        fputc('\n', out);
        return;
    case IR_OP_extract:
    case IR_OP_sextract:
    case IR_OP_deposit:
        fputs(info->name, out);
        dump_uses(in, nuse, " ", out);
        fprintf(out, ", pos %u, len %u\n", (unsigned)(in->imm & 0xff),
                (unsigned)((in->imm >> 8) & 0xff));
        return;
    case IR_OP_cvt_f_s32:
    case IR_OP_cvt_f_s64:
        fputs(info->name, out);
        dump_uses(in, nuse, " ", out);
        fputs(in->imm == IR_ROUND_TRUNC ? ", trunc\n" : ", current\n", out);
        return;
    default:
        fputs(info->name, out);
        dump_uses(in, nuse, " ", out);
        if (info->flags & IR_F_IMM)
            fprintf(out, ", 0x%" PRIx64, (uint64_t)in->imm);
        fputc('\n', out);
        return;
    }
}

void ir_dump(const IrBlock *b, FILE *out)
{
    fprintf(out, "block pc 0x%" PRIx64 " flags 0x%x: %u insns, %u temps, %u labels\n", b->pc,
            b->tb_flags, b->ninsns, b->ntemps, b->nlabels);
    for (uint32_t i = 0; i < b->ninsns; i++)
        dump_insn(b, &b->insns[i], out);
}
