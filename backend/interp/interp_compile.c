/* backend/interp/interp_compile.c — turns an IrBlock into the interpreter's
 * pre-decoded form (InterpCode, see interp.h): one InterpInsn per IR op,
 * with the handler chosen by op, width, condition and memop, branch labels
 * resolved to instruction indices and helper calls given their ffi_cif. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "backend/interp/interp.h"
#include "util/log.h"

/* Handlers of the ops that need nothing beyond d = f(a, b, c): column 0 for
 * i32/f32 operations, column 1 for i64/f64. A zero row is "not simple". */
static const uint16_t simple_iop[IR_NOPS][2] = {
    [IR_OP_mov] = {IOP_mov, IOP_mov},
    [IR_OP_add] = {IOP_add32, IOP_add64},
    [IR_OP_sub] = {IOP_sub32, IOP_sub64},
    [IR_OP_mul] = {IOP_mul32, IOP_mul64},
    [IR_OP_mulhs] = {IOP_mulhs32, IOP_mulhs64},
    [IR_OP_mulhu] = {IOP_mulhu32, IOP_mulhu64},
    [IR_OP_divs] = {IOP_divs32, IOP_divs64},
    [IR_OP_divu] = {IOP_divu32, IOP_divu64},
    [IR_OP_rems] = {IOP_rems32, IOP_rems64},
    [IR_OP_remu] = {IOP_remu32, IOP_remu64},
    [IR_OP_and] = {IOP_and, IOP_and},
    [IR_OP_or] = {IOP_or, IOP_or},
    [IR_OP_xor] = {IOP_xor, IOP_xor},
    [IR_OP_andc] = {IOP_andc, IOP_andc},
    [IR_OP_orc] = {IOP_orc32, IOP_orc64},
    [IR_OP_shl] = {IOP_shl32, IOP_shl64},
    [IR_OP_shr] = {IOP_shr32, IOP_shr64},
    [IR_OP_sar] = {IOP_sar32, IOP_sar64},
    [IR_OP_rotl] = {IOP_rotl32, IOP_rotl64},
    [IR_OP_rotr] = {IOP_rotr32, IOP_rotr64},
    [IR_OP_not] = {IOP_not32, IOP_not64},
    [IR_OP_neg] = {IOP_neg32, IOP_neg64},
    [IR_OP_sext8] = {IOP_sext8_32, IOP_sext8_64},
    [IR_OP_sext16] = {IOP_sext16_32, IOP_sext16_64},
    [IR_OP_sext32] = {IOP_mov, IOP_sext32},
    [IR_OP_zext8] = {IOP_zext8, IOP_zext8},
    [IR_OP_zext16] = {IOP_zext16, IOP_zext16},
    [IR_OP_zext32] = {IOP_mov, IOP_zext32},
    [IR_OP_ext_i32s] = {IOP_sext32, IOP_sext32},
    [IR_OP_ext_i32u] = {IOP_zext32, IOP_zext32},
    [IR_OP_trunc_i64] = {IOP_zext32, IOP_zext32},
    [IR_OP_bswap16] = {IOP_bswap16, IOP_bswap16},
    [IR_OP_bswap32] = {IOP_bswap32, IOP_bswap32},
    [IR_OP_bswap64] = {IOP_invalid, IOP_bswap64},
    [IR_OP_clz] = {IOP_clz32, IOP_clz64},
    [IR_OP_ctz] = {IOP_ctz32, IOP_ctz64},
    [IR_OP_popcnt] = {IOP_popcnt, IOP_popcnt},
    [IR_OP_fence] = {IOP_fence, IOP_fence},
    [IR_OP_fadd] = {IOP_fadd32, IOP_fadd64},
    [IR_OP_fsub] = {IOP_fsub32, IOP_fsub64},
    [IR_OP_fmul] = {IOP_fmul32, IOP_fmul64},
    [IR_OP_fdiv] = {IOP_fdiv32, IOP_fdiv64},
    [IR_OP_fsqrt] = {IOP_fsqrt32, IOP_fsqrt64},
    [IR_OP_fma] = {IOP_fma32, IOP_fma64},
    [IR_OP_fneg] = {IOP_fneg32, IOP_fneg64},
    [IR_OP_fabs] = {IOP_fabs32, IOP_fabs64},
    [IR_OP_fmin] = {IOP_fmin32, IOP_fmin64},
    [IR_OP_fmax] = {IOP_fmax32, IOP_fmax64},
    [IR_OP_fcvt_f32] = {IOP_invalid, IOP_fcvt_f32}, /* result f64 */
    [IR_OP_fcvt_f64] = {IOP_fcvt_f64, IOP_invalid}, /* result f32 */
    [IR_OP_cvt_s32_f] = {IOP_cvt_s32_f32, IOP_cvt_s32_f64},
    [IR_OP_cvt_s64_f] = {IOP_cvt_s64_f32, IOP_cvt_s64_f64},
    [IR_OP_cvt_u64_f] = {IOP_cvt_u64_f32, IOP_cvt_u64_f64},
    [IR_OP_bitcast] = {IOP_mov, IOP_mov},
};

/* Loads by (memop & (IR_MO_SIZE | IR_MO_SIGN | IR_MO_BE)) and result width. */
static uint16_t ld_iop(unsigned mo, bool is64)
{
    bool be = mo & IR_MO_BE, sign = mo & IR_MO_SIGN;
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8:
        return !sign ? IOP_ld8u : is64 ? IOP_ld8s64 : IOP_ld8s32;
    case IR_MO_16:
        if (!sign)
            return be ? IOP_ld16u_be : IOP_ld16u_le;
        if (is64)
            return be ? IOP_ld16s64_be : IOP_ld16s64_le;
        return be ? IOP_ld16s32_be : IOP_ld16s32_le;
    case IR_MO_32:
        if (sign && is64)
            return be ? IOP_ld32s64_be : IOP_ld32s64_le;
        return be ? IOP_ld32u_be : IOP_ld32u_le;
    default:
        if (!is64)
            return IOP_invalid;
        return be ? IOP_ld64_be : IOP_ld64_le;
    }
}

static uint16_t st_iop(unsigned mo)
{
    bool be = mo & IR_MO_BE;
    switch (mo & IR_MO_SIZE) {
    case IR_MO_8:
        return IOP_st8;
    case IR_MO_16:
        return be ? IOP_st16_be : IOP_st16_le;
    case IR_MO_32:
        return be ? IOP_st32_be : IOP_st32_le;
    default:
        return be ? IOP_st64_be : IOP_st64_le;
    }
}

static bool is_wide(IrType t)
{
    return t == IR_I64 || t == IR_F64;
}

static bool is_scalar(IrType t)
{
    return t == IR_I32 || t == IR_I64 || t == IR_F32 || t == IR_F64;
}

static uint64_t low_mask(unsigned len)
{
    return len >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1;
}

/* Fill *out for one IR instruction; false if the interpreter cannot run it
 * (a malformed block: the verifier should have refused it). */
static bool select_insn(const IrBlock *ir, const IrInsn *in, const uint32_t *label_pos,
                        InterpCall *call, InterpInsn *out)
{
    IrType type = (IrType)in->type;
    unsigned col = is_wide(type);
    unsigned width = ir_type_bits(type);
    uint16_t iop = IOP_invalid;

    if (!is_scalar(type))
        return false;
    out->d = in->def[0];
    out->a = in->use[0];
    out->b = in->use[1];
    out->c = in->use[2];
    out->imm = (uint64_t)in->imm;

    switch ((IrOpcode)in->op) {
    case IR_OP_const:
        iop = IOP_const;
        if (!col)
            out->imm &= 0xffffffffu;
        break;
    case IR_OP_ld_env:
        iop = col ? IOP_ld_env64 : IOP_ld_env32;
        break;
    case IR_OP_st_env:
        iop = col ? IOP_st_env64 : IOP_st_env32;
        break;
    case IR_OP_extract:
    case IR_OP_sextract:
    case IR_OP_deposit: {
        unsigned pos = in->imm & 0xff, len = (in->imm >> 8) & 0xff;
        if (len == 0 || pos + len > width)
            return false;
        if (in->op == IR_OP_extract) {
            iop = IOP_extract;
            out->b = pos;
            out->imm = low_mask(len);
        } else if (in->op == IR_OP_sextract) {
            iop = col ? IOP_sextract64 : IOP_sextract32;
            out->b = 64 - pos - len;
            out->c = 64 - len;
        } else {
            iop = IOP_deposit;
            out->c = pos;
            out->imm = low_mask(len) << pos;
        }
        break;
    }
    case IR_OP_addc:
        iop = col ? IOP_addc64 : IOP_addc32;
        out->imm = in->def[1];
        break;
    case IR_OP_setcond:
    case IR_OP_movcond:
    case IR_OP_brcond: {
        if (in->aux >= IR_NCONDS)
            return false;
        uint16_t base = in->op == IR_OP_setcond   ? IOP_setcond_eq_32
                        : in->op == IR_OP_movcond ? IOP_movcond_eq_32
                                                  : IOP_brcond_eq_32;
        iop = base + in->aux * 2 + col;
        if (in->op == IR_OP_movcond)
            out->imm = in->use[3];
        else if (in->op == IR_OP_brcond)
            out->imm = label_pos[in->imm];
        break;
    }
    case IR_OP_fsetcond: {
        if (in->aux >= IR_NFCONDS)
            return false;
        iop = IOP_fsetcond_eq_32 + in->aux * 2 + col;
        break;
    }
    case IR_OP_br:
        iop = IOP_br;
        out->imm = label_pos[in->imm];
        break;
    case IR_OP_ld:
        iop = ir->softmmu ? IOP_ld_soft : ld_iop(in->aux, col);
        out->imm = (uint64_t)in->aux | (uint64_t)col << 8;
        break;
    case IR_OP_st:
        iop = ir->softmmu ? IOP_st_soft : st_iop(in->aux);
        out->imm = in->aux;
        break;
    case IR_OP_cmpxchg:
        iop = ir->softmmu ? IOP_cmpxchg_soft : IOP_cmpxchg;
        out->imm = (uint64_t)in->aux | (uint64_t)col << 8;
        break;
    case IR_OP_call:
        if (!in->helper || !call)
            return false;
        call->helper = in->helper;
        for (unsigned i = 0; i < in->helper->nargs && i < IR_HELPER_MAX_ARGS; i++)
            call->args[i] = in->use[i];
        if (!interp_call_prepare(call))
            return false;
        iop = IOP_call;
        out->imm = (uint64_t)(uintptr_t)call;
        break;
    case IR_OP_cvt_f_s32:
    case IR_OP_cvt_f_s64: {
        bool src64 = is_wide(ir_temp_type(ir, in->use[0]));
        bool trunc = in->imm == IR_ROUND_TRUNC;
        static const uint16_t cvt[2][2][2] = {
            /* [to 64][from f64][trunc] */
            {{IOP_cvt_f32_s32_cur, IOP_cvt_f32_s32_trunc}, {IOP_cvt_f64_s32_cur, IOP_cvt_f64_s32_trunc}},
            {{IOP_cvt_f32_s64_cur, IOP_cvt_f32_s64_trunc}, {IOP_cvt_f64_s64_cur, IOP_cvt_f64_s64_trunc}},
        };
        iop = cvt[in->op == IR_OP_cvt_f_s64][src64][trunc];
        break;
    }
    case IR_OP_x87_rr:
    case IR_OP_x87_rm:
    case IR_OP_x87_st:
        iop = IOP_x87;
        out->c = in->def[1];
        break;
    case IR_OP_insn_start:
        iop = IOP_insn_start;
        break;
    case IR_OP_goto_tb:
        if (in->aux > 1)
            return false;
        iop = IOP_goto_tb;
        out->b = in->aux;
        break;
    case IR_OP_goto_ptr:
        iop = IOP_goto_ptr;
        break;
    case IR_OP_exit:
        iop = IOP_exit;
        break;
    default:
        if (in->op < IR_NOPS)
            iop = simple_iop[in->op][col];
        break;
    }
    if (iop == IOP_invalid)
        return false;
    out->handler = interp_handlers()[iop];
    return true;
}

void *interp_compile(void *state, const IrBlock *ir, TranslationBlock *tb, size_t *code_bytes)
{
    (void)state;
    (void)tb;
    uint32_t n = 0, ncalls = 0;
    uint32_t *label_pos = g_new0(uint32_t, ir->nlabels + 1);
    /* Pass 1: where each label lands in the output; count calls. */
    for (uint32_t i = 0; i < ir->ninsns; i++) {
        const IrInsn *in = &ir->insns[i];
        if (in->op == IR_OP_label) {
            if ((uint64_t)in->imm >= ir->nlabels)
                goto fail_labels;
            label_pos[in->imm] = n;
            continue;
        }
        if (in->op == IR_OP_push_ret)
            continue; /* a return-prediction hint: nothing to interpret */
        if (in->op == IR_OP_call)
            ncalls++;
        n++;
    }

    /* One more insn: a sentinel after the last, so a block that would run
     * off its end stops loudly instead. */
    size_t insn_bytes = sizeof(InterpCode) + (size_t)(n + 1) * sizeof(InterpInsn);
    insn_bytes = (insn_bytes + 15) & ~(size_t)15;
    size_t total = insn_bytes + (size_t)ncalls * sizeof(InterpCall);
    InterpCode *code = g_malloc0(total);
    code->nslots = ir->ntemps + 1;
    code->ninsns = n;
    code->ncalls = ncalls;
    code->calls = ncalls ? (InterpCall *)((char *)code + insn_bytes) : NULL;

    /* Pass 2: select a handler for every op. */
    uint32_t k = 0, c = 0;
    for (uint32_t i = 0; i < ir->ninsns; i++) {
        const IrInsn *in = &ir->insns[i];
        if (in->op == IR_OP_label || in->op == IR_OP_push_ret)
            continue;
        if ((in->op == IR_OP_br || in->op == IR_OP_brcond) && (uint64_t)in->imm >= ir->nlabels)
            goto fail_code;
        InterpCall *call = in->op == IR_OP_call ? &code->calls[c++] : NULL;
        if (!select_insn(ir, in, label_pos, call, &code->insns[k])) {
            log_printf("interp: cannot compile op %u (%s) of block at 0x%" PRIx64 "\n", in->op,
                       in->op < IR_NOPS ? ir_op_info[in->op].name : "?", ir->pc);
            goto fail_code;
        }
        k++;
    }
    code->insns[n].handler = interp_handlers()[IOP_invalid];
    g_free(label_pos);
    if (code_bytes)
        *code_bytes = total;
    return code;

fail_code:
    g_free(code);
fail_labels:
    g_free(label_pos);
    return NULL;
}

void interp_free(void *state, void *code)
{
    (void)state;
    g_free(code);
}
