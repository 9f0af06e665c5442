/* ir/verify.c — ir_verify: the well-formedness rules of an IrBlock.
 *
 * Checked per instruction, in straight-line order: a valid op number;
 * unused def/use slots are 0; temps in range and defined earlier in the
 * list than any use; operand and result types by the op's type rule (one
 * row per op in type_rules below); condition, memop and immediate fields
 * in range. Per block: every label defined exactly once, every branch to a
 * defined label, and the last instruction is an exit or a `br`.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>

#include "ir/ir.h"

/* How an op relates its `type`, its result and its operands. */
typedef enum TypeRule {
    TR_NONE,      /* no temps (label, br, fence, insn_start, goto_tb, exit) */
    TR_ANY,       /* const/mov: result and operands of `type`, any type */
    TR_INT,       /* i32 or i64; result and all operands of `type` */
    TR_INT64,     /* i64 only; result and operands i64 */
    TR_EXT32,     /* ext_i32s/u: i32 operand, i64 result */
    TR_TRUNC,     /* trunc_i64: i64 operand, i32 result */
    TR_FLOAT,     /* f32 or f64; result and all operands of `type` */
    TR_FCMP,      /* fsetcond: f32/f64 operands of `type`, i32 result */
    TR_F32_F64,   /* fcvt_f32: f32 operand, f64 result */
    TR_F64_F32,   /* fcvt_f64: f64 operand, f32 result */
    TR_I32_FLT,   /* cvt_s32_f: i32 operand, float result of `type` */
    TR_I64_FLT,   /* cvt_s64_f, cvt_u64_f: i64 operand, float result */
    TR_FLT_I32,   /* cvt_f_s32: float operand, i32 result */
    TR_FLT_I64,   /* cvt_f_s64: float operand, i64 result */
    TR_BITCAST,   /* same width, integer <-> float */
    TR_ENV,       /* ld_env/st_env: value of `type` */
    TR_MEM,       /* ld/st/cmpxchg: integer values of `type`, address i32/i64 */
    TR_ADDR,      /* goto_ptr: one i32/i64 operand of `type` */
    TR_CALL,      /* operands and result from the helper's signature */
} TypeRule;

static const uint8_t type_rules[IR_NOPS] = {
    [IR_OP_const] = TR_ANY,     [IR_OP_mov] = TR_ANY,
    [IR_OP_ld_env] = TR_ENV,    [IR_OP_st_env] = TR_ENV,
    [IR_OP_add] = TR_INT,       [IR_OP_sub] = TR_INT,       [IR_OP_mul] = TR_INT,
    [IR_OP_mulhs] = TR_INT,     [IR_OP_mulhu] = TR_INT,     [IR_OP_divs] = TR_INT,
    [IR_OP_divu] = TR_INT,      [IR_OP_rems] = TR_INT,      [IR_OP_remu] = TR_INT,
    [IR_OP_and] = TR_INT,       [IR_OP_or] = TR_INT,        [IR_OP_xor] = TR_INT,
    [IR_OP_andc] = TR_INT,      [IR_OP_orc] = TR_INT,       [IR_OP_shl] = TR_INT,
    [IR_OP_shr] = TR_INT,       [IR_OP_sar] = TR_INT,       [IR_OP_rotl] = TR_INT,
    [IR_OP_rotr] = TR_INT,      [IR_OP_not] = TR_INT,       [IR_OP_neg] = TR_INT,
    [IR_OP_sext8] = TR_INT,     [IR_OP_sext16] = TR_INT,    [IR_OP_sext32] = TR_INT64,
    [IR_OP_zext8] = TR_INT,     [IR_OP_zext16] = TR_INT,    [IR_OP_zext32] = TR_INT64,
    [IR_OP_ext_i32s] = TR_EXT32, [IR_OP_ext_i32u] = TR_EXT32, [IR_OP_trunc_i64] = TR_TRUNC,
    [IR_OP_bswap16] = TR_INT,   [IR_OP_bswap32] = TR_INT,   [IR_OP_bswap64] = TR_INT64,
    [IR_OP_clz] = TR_INT,       [IR_OP_ctz] = TR_INT,       [IR_OP_popcnt] = TR_INT,
    [IR_OP_extract] = TR_INT,   [IR_OP_sextract] = TR_INT,  [IR_OP_deposit] = TR_INT,
    [IR_OP_addc] = TR_INT,      [IR_OP_setcond] = TR_INT,   [IR_OP_movcond] = TR_INT,
    [IR_OP_label] = TR_NONE,    [IR_OP_br] = TR_NONE,       [IR_OP_brcond] = TR_INT,
    [IR_OP_ld] = TR_MEM,        [IR_OP_st] = TR_MEM,        [IR_OP_cmpxchg] = TR_MEM,
    [IR_OP_fence] = TR_NONE,    [IR_OP_call] = TR_CALL,
    [IR_OP_fadd] = TR_FLOAT,    [IR_OP_fsub] = TR_FLOAT,    [IR_OP_fmul] = TR_FLOAT,
    [IR_OP_fdiv] = TR_FLOAT,    [IR_OP_fsqrt] = TR_FLOAT,   [IR_OP_fma] = TR_FLOAT,
    [IR_OP_fneg] = TR_FLOAT,    [IR_OP_fabs] = TR_FLOAT,    [IR_OP_fmin] = TR_FLOAT,
    [IR_OP_fmax] = TR_FLOAT,    [IR_OP_fsetcond] = TR_FCMP,
    [IR_OP_fcvt_f32] = TR_F32_F64, [IR_OP_fcvt_f64] = TR_F64_F32,
    [IR_OP_cvt_s32_f] = TR_I32_FLT, [IR_OP_cvt_s64_f] = TR_I64_FLT,
    [IR_OP_cvt_u64_f] = TR_I64_FLT, [IR_OP_cvt_f_s32] = TR_FLT_I32,
    [IR_OP_cvt_f_s64] = TR_FLT_I64, [IR_OP_bitcast] = TR_BITCAST,
    [IR_OP_insn_start] = TR_NONE, [IR_OP_push_ret] = TR_NONE, [IR_OP_goto_tb] = TR_NONE,
    [IR_OP_goto_ptr] = TR_ADDR, [IR_OP_exit] = TR_NONE,
};

typedef struct VerifyCtx {
    const IrBlock *b;
    char *err;
    size_t errlen;
    uint32_t at; /* insn index being checked */
} VerifyCtx;

__attribute__((format(printf, 2, 3))) static bool fail(VerifyCtx *v, const char *fmt, ...)
{
    if (v->err && v->errlen) {
        int n = snprintf(v->err, v->errlen, "insn %u (%s): ", v->at,
                         v->at < v->b->ninsns && v->b->insns[v->at].op < IR_NOPS
                             ? ir_op_info[v->b->insns[v->at].op].name
                             : "?");
        if (n >= 0 && (size_t)n < v->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(v->err + n, v->errlen - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    return false;
}

static bool is_int(IrType t) { return t == IR_I32 || t == IR_I64; }
static bool is_float(IrType t) { return t == IR_F32 || t == IR_F64; }

/* Expected type of use[i] / def[i] of an instruction; IR_NTYPES = any. */
static bool check_types(VerifyCtx *v, const IrInsn *in)
{
    const IrBlock *b = v->b;
    IrType t = (IrType)in->type;
    IrType use_t[4], def_t[2];
    unsigned rule = type_rules[in->op];
    const IrOpInfo *info = &ir_op_info[in->op];

    if (t >= IR_NTYPES)
        return fail(v, "bad type %u", in->type);
    for (unsigned i = 0; i < 4; i++)
        use_t[i] = t;
    def_t[0] = def_t[1] = t;

    switch (rule) {
    case TR_NONE:
    case TR_ANY:
    case TR_ENV:
        break;
    case TR_INT:
        if (!is_int(t))
            return fail(v, "needs i32 or i64, has %s", ir_type_name(t));
        break;
    case TR_INT64:
        if (t != IR_I64)
            return fail(v, "needs i64, has %s", ir_type_name(t));
        break;
    case TR_EXT32:
        if (t != IR_I64)
            return fail(v, "result must be i64");
        use_t[0] = IR_I32;
        break;
    case TR_TRUNC:
        if (t != IR_I32)
            return fail(v, "result must be i32");
        use_t[0] = IR_I64;
        break;
    case TR_FLOAT:
        if (!is_float(t))
            return fail(v, "needs f32 or f64, has %s", ir_type_name(t));
        break;
    case TR_FCMP:
        if (!is_float(t))
            return fail(v, "needs f32 or f64 operands, has %s", ir_type_name(t));
        def_t[0] = IR_I32;
        break;
    case TR_F32_F64:
        if (t != IR_F64)
            return fail(v, "result must be f64");
        use_t[0] = IR_F32;
        break;
    case TR_F64_F32:
        if (t != IR_F32)
            return fail(v, "result must be f32");
        use_t[0] = IR_F64;
        break;
    case TR_I32_FLT:
    case TR_I64_FLT:
        if (!is_float(t))
            return fail(v, "result must be f32 or f64");
        use_t[0] = rule == TR_I32_FLT ? IR_I32 : IR_I64;
        break;
    case TR_FLT_I32:
    case TR_FLT_I64:
        if (t != (rule == TR_FLT_I32 ? IR_I32 : IR_I64))
            return fail(v, "result must be %s", rule == TR_FLT_I32 ? "i32" : "i64");
        if (in->use[0] && in->use[0] <= b->ntemps && !is_float(ir_temp_type(b, in->use[0])))
            return fail(v, "operand t%u must be f32 or f64", in->use[0]);
        use_t[0] = IR_NTYPES;
        if (in->imm != IR_ROUND_CURRENT && in->imm != IR_ROUND_TRUNC)
            return fail(v, "bad rounding %" PRId64, in->imm);
        break;
    case TR_BITCAST: {
        static const IrType other[IR_NTYPES] = {
            [IR_I32] = IR_F32, [IR_F32] = IR_I32, [IR_I64] = IR_F64, [IR_F64] = IR_I64,
            [IR_V128] = IR_NTYPES, [IR_F80] = IR_NTYPES,
        };
        if (other[t] == IR_NTYPES)
            return fail(v, "cannot bitcast to %s", ir_type_name(t));
        use_t[0] = other[t];
        break;
    }
    case TR_MEM:
        if (!is_int(t))
            return fail(v, "memory value must be i32 or i64");
        if ((8u << (in->aux & IR_MO_SIZE)) > ir_type_bits(t))
            return fail(v, "access size wider than %s", ir_type_name(t));
        if (in->aux & ~(unsigned)(IR_MO_SIZE | IR_MO_SIGN | IR_MO_BE | IR_MO_IDX))
            return fail(v, "bad memop 0x%x", in->aux);
        use_t[0] = IR_NTYPES; /* checked below: i32 or i64 */
        if (in->use[0] && in->use[0] <= b->ntemps && !is_int(ir_temp_type(b, in->use[0])))
            return fail(v, "address t%u must be i32 or i64", in->use[0]);
        break;
    case TR_ADDR:
        if (!is_int(t))
            return fail(v, "target must be i32 or i64");
        break;
    case TR_CALL:
        if (!in->helper)
            return fail(v, "call without helper");
        if (in->helper->nargs > IR_HELPER_MAX_ARGS)
            return fail(v, "helper %s has %u args", in->helper->name, in->helper->nargs);
        for (unsigned i = 0; i < in->helper->nargs; i++)
            use_t[i] = (IrType)in->helper->args[i];
        def_t[0] = in->helper->ret;
        break;
    }

    unsigned ndef = info->ndef, nuse = info->nuse;
    if (in->op == IR_OP_call) {
        ndef = in->helper->has_ret;
        nuse = in->helper->nargs;
    }
    for (unsigned i = 0; i < nuse; i++) {
        IrType ut = ir_temp_type(b, in->use[i]);
        if (use_t[i] != IR_NTYPES && ut != use_t[i])
            return fail(v, "operand %u t%u is %s, needs %s", i, in->use[i], ir_type_name(ut),
                        ir_type_name(use_t[i]));
    }
    for (unsigned i = 0; i < ndef; i++) {
        IrType dt = ir_temp_type(b, in->def[i]);
        if (dt != def_t[i])
            return fail(v, "result t%u is %s, needs %s", in->def[i], ir_type_name(dt),
                        ir_type_name(def_t[i]));
    }
    return true;
}

/* Field checks that are not types: conditions, bit fields, slots, labels. */
static bool check_fields(VerifyCtx *v, const IrInsn *in)
{
    const IrOpInfo *info = &ir_op_info[in->op];
    unsigned width = ir_type_bits((IrType)in->type);

    if ((info->flags & IR_F_COND) && in->aux >= (in->op == IR_OP_fsetcond ? IR_NFCONDS : IR_NCONDS))
        return fail(v, "bad condition %u", in->aux);
    if ((info->flags & IR_F_BRANCH) && (in->imm < 0 || in->imm >= v->b->nlabels))
        return fail(v, "branch to unknown label %" PRId64, in->imm);
    if (in->op == IR_OP_label && (in->imm < 0 || in->imm >= v->b->nlabels))
        return fail(v, "label %" PRId64 " was never allocated", in->imm);
    if (in->op == IR_OP_extract || in->op == IR_OP_sextract || in->op == IR_OP_deposit) {
        unsigned pos = (unsigned)(in->imm & 0xff), len = (unsigned)((in->imm >> 8) & 0xff);
        if ((uint64_t)in->imm >> 16 || len == 0 || pos + len > width)
            return fail(v, "bad bit field pos %u len %u for %u bits", pos, len, width);
    }
    if (in->op == IR_OP_goto_tb && in->aux > 1)
        return fail(v, "goto_tb slot %u (0 or 1)", in->aux);
    if (in->op == IR_OP_goto_ptr && in->aux > IR_GOTO_RETURN)
        return fail(v, "goto_ptr kind %u", in->aux);
    if (in->op == IR_OP_ld_env || in->op == IR_OP_st_env) {
        if (in->imm < 0 || in->imm > UINT32_MAX)
            return fail(v, "bad env offset %" PRId64, in->imm);
    }
    return true;
}

bool ir_verify(const IrBlock *b, char *err, size_t errlen)
{
    VerifyCtx v = {.b = b, .err = err, .errlen = errlen, .at = 0};
    bool ok = true;
    uint8_t *defined = calloc((size_t)b->ntemps + 1, 1);
    uint8_t *label_seen = calloc((size_t)b->nlabels + 1, 1);

    if (err && errlen)
        err[0] = '\0';
    if (b->ninsns == 0) {
        ok = fail(&v, "empty block");
        goto out;
    }
    for (uint32_t i = 0; i < b->ninsns && ok; i++) {
        const IrInsn *in = &b->insns[i];
        v.at = i;
        if (in->op >= IR_NOPS) {
            ok = fail(&v, "bad op number %u", in->op);
            break;
        }
        const IrOpInfo *info = &ir_op_info[in->op];
        unsigned ndef = info->ndef, nuse = info->nuse;
        if (in->op == IR_OP_call) {
            if (!in->helper || in->helper->nargs > IR_HELPER_MAX_ARGS) {
                ok = fail(&v, "call without a valid helper");
                break;
            }
            ndef = in->helper->has_ret;
            nuse = in->helper->nargs;
        } else if (in->helper) {
            ok = fail(&v, "helper set on a non-call");
            break;
        }
        for (unsigned k = 0; k < 4 && ok; k++) {
            IrTemp t = in->use[k];
            if (k >= nuse) {
                if (t)
                    ok = fail(&v, "operand slot %u must be empty (op has %u)", k, nuse);
            } else if (t == 0 || t > b->ntemps) {
                ok = fail(&v, "operand %u: temp t%u out of range 1..%u", k, t, b->ntemps);
            } else if (!defined[t]) {
                ok = fail(&v, "operand %u: t%u used before any definition", k, t);
            }
        }
        for (unsigned k = 0; k < 2 && ok; k++) {
            IrTemp t = in->def[k];
            if (k >= ndef) {
                if (t)
                    ok = fail(&v, "result slot %u must be empty (op has %u)", k, ndef);
            } else if (t == 0 || t > b->ntemps) {
                ok = fail(&v, "result %u: temp t%u out of range 1..%u", k, t, b->ntemps);
            }
        }
        if (ok && ndef == 2 && in->def[0] == in->def[1])
            ok = fail(&v, "both results are t%u", in->def[0]);
        ok = ok && check_types(&v, in) && check_fields(&v, in);
        if (!ok)
            break;
        for (unsigned k = 0; k < ndef; k++)
            defined[in->def[k]] = 1;
        if (in->op == IR_OP_label) {
            if (label_seen[in->imm]) {
                ok = fail(&v, "label L%" PRId64 " defined twice", in->imm);
                break;
            }
            label_seen[in->imm] = 1;
        }
    }
    if (ok) {
        for (uint32_t i = 0; i < b->ninsns; i++) {
            const IrInsn *in = &b->insns[i];
            v.at = i;
            if ((ir_op_info[in->op].flags & IR_F_BRANCH) && !label_seen[in->imm]) {
                ok = fail(&v, "branch to label L%" PRId64 " that is not in the block", in->imm);
                break;
            }
        }
    }
    if (ok) {
        const IrInsn *last = &b->insns[b->ninsns - 1];
        v.at = b->ninsns - 1;
        if (!(ir_op_info[last->op].flags & IR_F_EXIT) && last->op != IR_OP_br)
            ok = fail(&v, "block does not end with goto_tb, goto_ptr, exit or br");
    }
out:
    free(defined);
    free(label_seen);
    return ok;
}
