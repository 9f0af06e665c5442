/* backend/x86_64/gen_int.c — x86-64 code for the IR's constants, moves and
 * integer ops on i32/i64: arithmetic, logic, shifts and rotates, width
 * changes, byte swaps, bit counts, bit fields and add-with-carry.
 *
 * i32 values stay zero-extended in 64-bit registers: 32-bit x86 ops keep
 * that for free, and the few 64-bit forms used on i32 values (a 64-bit
 * multiply for mulh) clean up after themselves. Semantics: ir/ops.def.
 */
#include "backend/x86_64/jit_internal.h"

static bool w64_of(const IrInsn *in) { return jit_is_w64((IrType)in->type); }
static unsigned width_of(const IrInsn *in) { return w64_of(in) ? 64 : 32; }

static void swap_temps(IrTemp *a, IrTemp *b)
{
    IrTemp t = *a;
    *a = *b;
    *b = t;
}

/* Does v work as the imm32 of an operation of this width? */
static bool fits_imm32(bool w64, uint64_t v) { return !w64 || (int64_t)v == (int32_t)v; }

static bool is_const(const JitCtx *c, IrTemp t)
{
    uint64_t v;
    return jit_const_of(c, t, &v);
}

/* --- constants and moves ------------------------------------------------- */

static void gen_const(JitCtx *c, const IrInsn *in)
{
    jit_out_const(c, in->def[0], (uint64_t)in->imm);
}

/* d = a: a constant stays a constant; a dying value changes its name. */
static void gen_mov(JitCtx *c, const IrInsn *in)
{
    uint64_t v;
    if (in->def[0] == in->use[0])
        return;
    if (jit_const_of(c, in->use[0], &v))
        jit_out_const(c, in->def[0], v);
    else
        jit_out_reuse(c, in->def[0], in->use[0]);
}

/* --- two-operand arithmetic and logic ------------------------------------- */

static const X86Alu alu_of[IR_NOPS] = {
    [IR_OP_add] = X86_ADD, [IR_OP_sub] = X86_SUB, [IR_OP_and] = X86_AND,
    [IR_OP_or] = X86_OR, [IR_OP_xor] = X86_XOR,
};

/* and with a mask of the low 8, 16 or 32 bits is a zero extension. */
static bool gen_and_as_zext(JitCtx *c, IrTemp d, IrTemp a, uint64_t mask, bool w64)
{
    if (mask != 0xff && mask != 0xffff && !(mask == 0xffffffffu && w64))
        return false;
    X86Reg ra = jit_in(c, a);
    X86Reg rd = jit_out_prefer(c, d, a);
    if (mask == 0xffffffffu)
        x86_mov_rr(&c->e, false, rd, ra);
    else
        x86_movzx(&c->e, false, rd, ra, mask == 0xff ? 1 : 2);
    return true;
}

static void gen_alu(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in);
    X86Alu op = alu_of[in->op];
    IrTemp a = in->use[0], b = in->use[1], d = in->def[0];
    bool comm = ir_op_info[in->op].flags & IR_F_COMM;
    if (comm && is_const(c, a) && !is_const(c, b))
        swap_temps(&a, &b);
    int32_t imm;
    uint64_t mask;
    if (op == X86_AND && jit_const_of(c, b, &mask) && gen_and_as_zext(c, d, a, mask, w))
        return;
    if (jit_imm_of(c, b, w, &imm)) {
        if ((op == X86_ADD || (op == X86_SUB && imm != INT32_MIN)) && !jit_dies(c, a) &&
            !is_const(c, a)) {
            X86Reg ra = jit_in(c, a);
            X86Reg rd = jit_out(c, d);
            x86_lea(&c->e, w, rd, x86_mem(ra, op == X86_ADD ? imm : -imm));
            return;
        }
        X86Reg rd = jit_out_reuse(c, d, a);
        bool identity = imm == 0 && op != X86_AND;
        if (!identity)
            x86_alu_ri(&c->e, op, w, rd, imm);
        return;
    }
    if (comm && jit_dies(c, b) && !jit_dies(c, a))
        swap_temps(&a, &b);
    X86Reg rb = jit_in(c, b);
    if (op == X86_ADD && !jit_dies(c, a)) {
        X86Reg ra = jit_in(c, a);
        X86Reg rd = jit_out(c, d);
        x86_lea(&c->e, w, rd, x86_mem_idx(ra, rb, 1, 0));
        return;
    }
    X86Reg rd = jit_out_reuse(c, d, a);
    x86_alu_rr(&c->e, op, w, rd, rb);
}

/* d = a & ~b, d = a | ~b */
static void gen_andc_orc(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in), is_and = in->op == IR_OP_andc;
    IrTemp a = in->use[0], b = in->use[1], d = in->def[0];
    uint64_t v;
    if (a == b) { /* a & ~a = 0, a | ~a = all ones */
        jit_out_const(c, d, is_and ? 0 : UINT64_MAX);
        return;
    }
    if (jit_const_of(c, b, &v) && fits_imm32(w, ~v)) {
        X86Reg rd = jit_out_reuse(c, d, a);
        x86_alu_ri(&c->e, is_and ? X86_AND : X86_OR, w, rd, (int32_t)(uint32_t)~v);
        return;
    }
    X86Reg rb = jit_in(c, b);
    if (is_and && c->feat->bmi1) {
        X86Reg ra = jit_in(c, a);
        X86Reg rd = jit_out(c, d);
        x86_andn(&c->e, w, rd, rb, ra);
        return;
    }
    X86Reg ra = jit_in(c, a);
    X86Reg rd = jit_out_prefer(c, d, b);
    if (rd != rb)
        x86_mov_rr(&c->e, w, rd, rb);
    x86_not(&c->e, w, rd);
    x86_alu_rr(&c->e, is_and ? X86_AND : X86_OR, w, rd, ra);
}

static void gen_mul(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in);
    IrTemp a = in->use[0], b = in->use[1], d = in->def[0];
    if (is_const(c, a) && !is_const(c, b))
        swap_temps(&a, &b);
    int32_t imm;
    if (jit_imm_of(c, b, w, &imm)) {
        X86Reg ra = jit_in(c, a);
        X86Reg rd = jit_out_prefer(c, d, a);
        x86_imul_rri(&c->e, w, rd, ra, imm);
        return;
    }
    if (jit_dies(c, b) && !jit_dies(c, a))
        swap_temps(&a, &b);
    X86Reg rb = jit_in(c, b);
    X86Reg rd = jit_out_reuse(c, d, a);
    x86_imul_rr(&c->e, w, rd, rb);
}

/* High half of a product. i32: one 64-bit multiply of the extended
 * operands; i64: the one-operand mul/imul into rdx:rax. */
static void gen_mulh(JitCtx *c, const IrInsn *in)
{
    bool is_signed = in->op == IR_OP_mulhs;
    IrTemp a = in->use[0], b = in->use[1], d = in->def[0];
    if (!w64_of(in)) {
        X86Reg rb = jit_in(c, b);
        X86Reg ra = jit_in(c, a);
        X86Reg rd = jit_out_prefer(c, d, a);
        X86Reg t = rb;
        if (is_signed) {
            t = jit_scratch(c, JIT_GPRS);
            x86_movsx(&c->e, true, t, rb, 4);
            x86_movsx(&c->e, true, rd, ra, 4);
        } else {
            x86_mov_rr(&c->e, false, rd, ra);
        }
        x86_imul_rr(&c->e, true, rd, t);
        x86_shift_ri(&c->e, X86_SHR, true, rd, 32);
        return;
    }
    jit_claim(c, X86_RAX);
    jit_claim(c, X86_RDX);
    X86Reg rb = jit_in_mask(c, b, JIT_GPRS & ~(JIT_REG_BIT(X86_RAX) | JIT_REG_BIT(X86_RDX)));
    X86Reg ra = jit_in(c, a);
    x86_mov_rr(&c->e, true, X86_RAX, ra);
    if (is_signed)
        x86_imul1(&c->e, true, rb);
    else
        x86_mul1(&c->e, true, rb);
    jit_out_fixed(c, d, X86_RDX);
}

/* --- division: no host trap; x / 0 = 0, x % 0 = x, MIN / -1 = MIN ------ */

static bool is_div(const IrInsn *in) { return in->op == IR_OP_divs || in->op == IR_OP_divu; }
static bool is_signed_div(const IrInsn *in) { return in->op == IR_OP_divs || in->op == IR_OP_rems; }

/* Unsigned division by a power of two is a shift or a mask. */
static bool gen_divu_pow2(JitCtx *c, const IrInsn *in, uint64_t v)
{
    if (is_signed_div(in) || v == 0 || (v & (v - 1)))
        return false;
    bool w = w64_of(in);
    X86Reg rd = jit_out_reuse(c, in->def[0], in->use[0]);
    if (is_div(in)) {
        if (v > 1)
            x86_shift_ri(&c->e, X86_SHR, w, rd, (uint8_t)__builtin_ctzll(v));
    } else if (v - 1 <= INT32_MAX) {
        x86_alu_ri(&c->e, X86_AND, w, rd, (int32_t)(v - 1));
    } else {
        unsigned keep = (unsigned)__builtin_ctzll(v);
        x86_shift_ri(&c->e, X86_SHL, w, rd, (uint8_t)(64 - keep));
        x86_shift_ri(&c->e, X86_SHR, w, rd, (uint8_t)(64 - keep));
    }
    return true;
}

static void gen_div(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in), sgn = is_signed_div(in), div = is_div(in);
    IrTemp a = in->use[0], b = in->use[1], d = in->def[0];
    uint64_t bv;
    bool b_const = jit_const_of(c, b, &bv);
    if (b_const && gen_divu_pow2(c, in, bv))
        return;
    uint64_t minus_one = w ? UINT64_MAX : UINT32_MAX;
    if (b_const && bv == 0) { /* x / 0 = 0, x % 0 = x */
        if (div)
            jit_out_const(c, d, 0);
        else
            jit_out_reuse(c, d, a);
        return;
    }
    jit_claim(c, X86_RAX);
    jit_claim(c, X86_RDX);
    X86Reg rb = jit_in_mask(c, b, JIT_GPRS & ~(JIT_REG_BIT(X86_RAX) | JIT_REG_BIT(X86_RDX)));
    X86Reg ra = jit_in(c, a);
    x86_mov_rr(&c->e, w, X86_RAX, ra);
    X86Label zero, minus1, done;
    x86_label_init(&zero);
    x86_label_init(&minus1);
    x86_label_init(&done);
    bool check_zero = !b_const, check_minus1 = sgn && (!b_const || bv == minus_one);
    if (check_zero) {
        x86_test_rr(&c->e, w, rb, rb);
        x86_jcc_label(&c->e, X86_CC_E, &zero);
    }
    if (check_minus1 && !b_const) {
        x86_alu_ri(&c->e, X86_CMP, w, rb, -1);
        x86_jcc_label(&c->e, X86_CC_E, &minus1);
    }
    if (!(b_const && check_minus1)) {
        if (sgn) {
            x86_cdq(&c->e, w);
            x86_idiv1(&c->e, w, rb);
        } else {
            x86_alu_rr(&c->e, X86_XOR, false, X86_RDX, X86_RDX);
            x86_div1(&c->e, w, rb);
        }
    }
    if (check_minus1) { /* x / -1 = -x (MIN stays MIN), x % -1 = 0 */
        if (!b_const)
            x86_jmp_label(&c->e, &done);
        x86_label_bind(&c->e, &minus1);
        if (div)
            x86_neg(&c->e, w, X86_RAX);
        else
            x86_alu_rr(&c->e, X86_XOR, false, X86_RDX, X86_RDX);
    }
    if (check_zero) {
        x86_jmp_label(&c->e, &done);
        x86_label_bind(&c->e, &zero);
        if (div)
            x86_alu_rr(&c->e, X86_XOR, false, X86_RAX, X86_RAX);
        else
            x86_mov_rr(&c->e, w, X86_RDX, X86_RAX);
    }
    x86_label_bind(&c->e, &done);
    jit_out_fixed(c, d, div ? X86_RAX : X86_RDX);
}

/* --- shifts and rotates --------------------------------------------------- */

static const X86Shift shift_of[IR_NOPS] = {
    [IR_OP_shl] = X86_SHL, [IR_OP_shr] = X86_SHR, [IR_OP_sar] = X86_SAR,
    [IR_OP_rotl] = X86_ROL, [IR_OP_rotr] = X86_ROR,
};

typedef void ShiftxFn(X86Emit *e, bool w64, X86Reg dst, X86Reg src, X86Reg count);
static ShiftxFn *const shiftx_of[IR_NOPS] = {
    [IR_OP_shl] = x86_shlx, [IR_OP_shr] = x86_shrx, [IR_OP_sar] = x86_sarx,
};

static void gen_shift(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in);
    X86Shift op = shift_of[in->op];
    IrTemp a = in->use[0], b = in->use[1], d = in->def[0];
    uint64_t n;
    if (jit_const_of(c, b, &n)) {
        n &= width_of(in) - 1;
        if (n && (op == X86_ROL || op == X86_ROR) && c->feat->bmi2) {
            X86Reg ra = jit_in(c, a);
            X86Reg rd = jit_out_prefer(c, d, a);
            x86_rorx(&c->e, w, rd, ra, (uint8_t)(op == X86_ROR ? n : width_of(in) - n));
            return;
        }
        X86Reg rd = jit_out_reuse(c, d, a);
        if (n)
            x86_shift_ri(&c->e, op, w, rd, (uint8_t)n);
        return;
    }
    if (shiftx_of[in->op] && c->feat->bmi2) {
        X86Reg rb = jit_in(c, b);
        X86Reg ra = jit_in(c, a);
        X86Reg rd = jit_out_prefer(c, d, a);
        shiftx_of[in->op](&c->e, w, rd, ra, rb);
        return;
    }
    jit_claim(c, X86_RCX);
    X86Reg rb = jit_in(c, b);
    x86_mov_rr(&c->e, false, X86_RCX, rb);
    X86Reg rd = jit_out_reuse(c, d, a);
    x86_shift_cl(&c->e, op, w, rd);
}

/* --- one-operand ops ------------------------------------------------------ */

static void gen_not_neg(JitCtx *c, const IrInsn *in)
{
    X86Reg rd = jit_out_reuse(c, in->def[0], in->use[0]);
    if (in->op == IR_OP_not)
        x86_not(&c->e, w64_of(in), rd);
    else
        x86_neg(&c->e, w64_of(in), rd);
}

/* Width changes, by op: from how many bytes, signed, into a 64-bit
 * result. A row with from_bytes 0 is a plain move (the value is already
 * in the right form). */
typedef struct Extension {
    uint8_t from_bytes;
    bool sign;
} Extension;

static Extension extension_of(const IrInsn *in)
{
    bool w = w64_of(in);
    switch (in->op) {
    case IR_OP_sext8: return (Extension){1, true};
    case IR_OP_sext16: return (Extension){2, true};
    case IR_OP_sext32: return (Extension){w ? 4 : 0, true};
    case IR_OP_zext8: return (Extension){1, false};
    case IR_OP_zext16: return (Extension){2, false};
    case IR_OP_zext32: return (Extension){w ? 4 : 0, false};
    case IR_OP_ext_i32s: return (Extension){4, true};
    case IR_OP_trunc_i64: return (Extension){4, false};
    default: return (Extension){0, false}; /* ext_i32u: i32 is zero-extended */
    }
}

static void gen_extend(JitCtx *c, const IrInsn *in)
{
    Extension x = extension_of(in);
    if (x.from_bytes == 0) {
        gen_mov(c, in);
        return;
    }
    uint64_t v;
    if (jit_const_of(c, in->use[0], &v)) {
        unsigned shift = 64 - 8 * x.from_bytes;
        uint64_t r = x.sign ? (uint64_t)((int64_t)(v << shift) >> shift) : (v << shift) >> shift;
        jit_out_const(c, in->def[0], r);
        return;
    }
    bool w = w64_of(in);
    X86Reg ra = jit_in(c, in->use[0]);
    X86Reg rd = jit_out_prefer(c, in->def[0], in->use[0]);
    if (x.from_bytes == 4 && !x.sign)
        x86_mov_rr(&c->e, false, rd, ra);
    else if (x.sign)
        x86_movsx(&c->e, w, rd, ra, x.from_bytes);
    else
        x86_movzx(&c->e, w, rd, ra, x.from_bytes);
}

static void gen_bswap(JitCtx *c, const IrInsn *in)
{
    if (in->op == IR_OP_bswap16) {
        X86Reg ra = jit_in(c, in->use[0]);
        X86Reg rd = jit_out_prefer(c, in->def[0], in->use[0]);
        x86_movzx(&c->e, false, rd, ra, 2);
        x86_rol16_8(&c->e, rd);
        return;
    }
    X86Reg rd = jit_out_reuse(c, in->def[0], in->use[0]);
    x86_bswap(&c->e, in->op == IR_OP_bswap64, rd);
}

/* Bit counts without the host instruction: exact C fall-backs. */
static uint64_t count_clz32(uint64_t x) { return (uint32_t)x ? (uint64_t)__builtin_clz((uint32_t)x) : 32; }
static uint64_t count_clz64(uint64_t x) { return x ? (uint64_t)__builtin_clzll(x) : 64; }
static uint64_t count_ctz32(uint64_t x) { return (uint32_t)x ? (uint64_t)__builtin_ctz((uint32_t)x) : 32; }
static uint64_t count_ctz64(uint64_t x) { return x ? (uint64_t)__builtin_ctzll(x) : 64; }
static uint64_t count_popcnt(uint64_t x) { return (uint64_t)__builtin_popcountll(x); }

typedef void CountFn(X86Emit *e, bool w64, X86Reg dst, X86Reg src);

static void gen_count(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in);
    CountFn *host = NULL;
    uint64_t (*fallback)(uint64_t) = NULL;
    if (in->op == IR_OP_clz) {
        host = c->feat->lzcnt ? x86_lzcnt : NULL;
        fallback = w ? count_clz64 : count_clz32;
    } else if (in->op == IR_OP_ctz) {
        host = c->feat->bmi1 ? x86_tzcnt : NULL;
        fallback = w ? count_ctz64 : count_ctz32;
    } else {
        host = c->feat->popcnt ? x86_popcnt : NULL;
        fallback = count_popcnt;
    }
    if (!host) {
        JitArg arg = {.temp = in->use[0], .type = IR_I64};
        jit_call(c, (const void *)fallback, false, &arg, 1, in->def[0]);
        return;
    }
    X86Reg ra = jit_in(c, in->use[0]);
    X86Reg rd = jit_out_prefer(c, in->def[0], in->use[0]);
    host(&c->e, w, rd, ra);
}

/* --- bit fields: imm = pos | len << 8 ------------------------------------- */

static unsigned field_pos(const IrInsn *in) { return (unsigned)(in->imm & 0xff); }
static unsigned field_len(const IrInsn *in) { return (unsigned)((in->imm >> 8) & 0xff); }

static void gen_extract(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in), sign = in->op == IR_OP_sextract;
    unsigned width = width_of(in), pos = field_pos(in), len = field_len(in);
    IrTemp a = in->use[0], d = in->def[0];
    if (pos == 0 && (len == 8 || len == 16 || (len == 32 && w))) {
        X86Reg ra = jit_in(c, a);
        X86Reg rd = jit_out_prefer(c, d, a);
        if (sign)
            x86_movsx(&c->e, w, rd, ra, len / 8);
        else if (len == 32)
            x86_mov_rr(&c->e, false, rd, ra);
        else
            x86_movzx(&c->e, w, rd, ra, len / 8);
        return;
    }
    X86Reg rd = jit_out_reuse(c, d, a);
    if (!sign && pos + len == width) {
        if (pos)
            x86_shift_ri(&c->e, X86_SHR, w, rd, (uint8_t)pos);
    } else if (!sign && len < 32) {
        if (pos)
            x86_shift_ri(&c->e, X86_SHR, w, rd, (uint8_t)pos);
        x86_alu_ri(&c->e, X86_AND, w, rd, (int32_t)((1u << len) - 1));
    } else {
        unsigned up = width - pos - len;
        if (up)
            x86_shift_ri(&c->e, X86_SHL, w, rd, (uint8_t)up);
        if (width - len)
            x86_shift_ri(&c->e, sign ? X86_SAR : X86_SHR, w, rd, (uint8_t)(width - len));
    }
}

/* Keep the low len bits of r. */
static void mask_low(JitCtx *c, bool w, unsigned width, X86Reg r, unsigned len)
{
    if (len >= width)
        return;
    if (len < 32) {
        x86_alu_ri(&c->e, X86_AND, w, r, (int32_t)((1u << len) - 1));
        return;
    }
    x86_shift_ri(&c->e, X86_SHL, w, r, (uint8_t)(width - len));
    x86_shift_ri(&c->e, X86_SHR, w, r, (uint8_t)(width - len));
}

/* d = a with bits [pos, pos+len) replaced by the low bits of b. */
static void gen_deposit(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in);
    unsigned width = width_of(in), pos = field_pos(in), len = field_len(in);
    IrTemp a = in->use[0], b = in->use[1], d = in->def[0];
    uint64_t all = w ? UINT64_MAX : UINT32_MAX;
    uint64_t field = (len >= 64 ? UINT64_MAX : ((uint64_t)1 << len) - 1) << pos & all;
    bool masks_fit = fits_imm32(w, ~field);
    uint64_t bv;
    if (jit_const_of(c, b, &bv) && masks_fit && fits_imm32(w, (bv << pos) & field)) {
        uint64_t bits = (bv << pos) & field;
        X86Reg rd = jit_out_reuse(c, d, a);
        x86_alu_ri(&c->e, X86_AND, w, rd, (int32_t)(uint32_t)~field);
        if (bits)
            x86_alu_ri(&c->e, X86_OR, w, rd, (int32_t)(uint32_t)bits);
        return;
    }
    if (len >= width) {
        gen_mov(c, &(IrInsn){.op = IR_OP_mov, .type = in->type, .def = {d}, .use = {b}});
        return;
    }
    X86Reg rb = jit_in(c, b);
    X86Reg t = jit_scratch(c, JIT_GPRS);
    x86_mov_rr(&c->e, w, t, rb);
    mask_low(c, w, width, t, len);
    X86Reg rd = jit_out_reuse(c, d, a);
    if (masks_fit) {
        if (pos)
            x86_shift_ri(&c->e, X86_SHL, w, t, (uint8_t)pos);
        x86_alu_ri(&c->e, X86_AND, w, rd, (int32_t)(uint32_t)~field);
        x86_alu_rr(&c->e, X86_OR, w, rd, t);
        return;
    }
    /* A 64-bit mask that is no imm32: rotate the field down, clear it
     * with two shifts, insert, rotate back. */
    if (pos)
        x86_shift_ri(&c->e, X86_ROR, w, rd, (uint8_t)pos);
    x86_shift_ri(&c->e, X86_SHR, w, rd, (uint8_t)len);
    x86_shift_ri(&c->e, X86_SHL, w, rd, (uint8_t)len);
    x86_alu_rr(&c->e, X86_OR, w, rd, t);
    if (pos)
        x86_shift_ri(&c->e, X86_ROL, w, rd, (uint8_t)pos);
}

/* addc with no carry in: a plain add, and setc when the carry is used. */
static void gen_add_carry_out(JitCtx *c, const IrInsn *in)
{
    IrInsn add = {.op = IR_OP_add, .type = in->type, .def = {in->def[0]}, .use = {in->use[0], in->use[1]}};
    if (c->temps[in->def[1]].last_use <= c->cur) { /* the carry is dead */
        gen_alu(c, &add);
        return;
    }
    bool w = w64_of(in);
    IrTemp a = in->use[0], b = in->use[1];
    if (jit_dies(c, b) && !jit_dies(c, a)) {
        a = in->use[1];
        b = in->use[0];
    }
    X86Reg rb = jit_in(c, b);
    X86Reg rsum = jit_out_reuse(c, in->def[0], a);
    X86Reg rcarry = jit_out(c, in->def[1]);
    x86_alu_rr(&c->e, X86_XOR, false, rcarry, rcarry);
    x86_alu_rr(&c->e, X86_ADD, w, rsum, rb);
    x86_setcc(&c->e, X86_CC_B, rcarry);
}

/* d0 = a + b + c (c is 0 or 1), d1 = carry out: CF = c, then adc. */
static void gen_addc(JitCtx *c, const IrInsn *in)
{
    bool w = w64_of(in);
    IrTemp a = in->use[0], b = in->use[1], cin = in->use[2];
    uint64_t carry_in;
    if (jit_const_of(c, cin, &carry_in) && !carry_in) {
        gen_add_carry_out(c, in);
        return;
    }
    X86Reg rb = jit_in(c, b);
    X86Reg rc = jit_in(c, cin);
    X86Reg t = jit_scratch(c, JIT_GPRS);
    X86Reg rsum = jit_out_reuse(c, in->def[0], a);
    X86Reg rcarry = jit_out(c, in->def[1]);
    x86_mov_rr(&c->e, false, t, rc);
    x86_alu_rr(&c->e, X86_XOR, false, rcarry, rcarry);
    x86_alu_ri(&c->e, X86_ADD, false, t, -1); /* CF = (c != 0) */
    x86_alu_rr(&c->e, X86_ADC, w, rsum, rb);
    x86_setcc(&c->e, X86_CC_B, rcarry);
}

static JitGenFn *const int_gens[IR_NOPS] = {
    [IR_OP_const] = gen_const, [IR_OP_mov] = gen_mov,
    [IR_OP_add] = gen_alu, [IR_OP_sub] = gen_alu, [IR_OP_and] = gen_alu,
    [IR_OP_or] = gen_alu, [IR_OP_xor] = gen_alu,
    [IR_OP_andc] = gen_andc_orc, [IR_OP_orc] = gen_andc_orc,
    [IR_OP_mul] = gen_mul, [IR_OP_mulhs] = gen_mulh, [IR_OP_mulhu] = gen_mulh,
    [IR_OP_divs] = gen_div, [IR_OP_divu] = gen_div, [IR_OP_rems] = gen_div, [IR_OP_remu] = gen_div,
    [IR_OP_shl] = gen_shift, [IR_OP_shr] = gen_shift, [IR_OP_sar] = gen_shift,
    [IR_OP_rotl] = gen_shift, [IR_OP_rotr] = gen_shift,
    [IR_OP_not] = gen_not_neg, [IR_OP_neg] = gen_not_neg,
    [IR_OP_sext8] = gen_extend, [IR_OP_sext16] = gen_extend, [IR_OP_sext32] = gen_extend,
    [IR_OP_zext8] = gen_extend, [IR_OP_zext16] = gen_extend, [IR_OP_zext32] = gen_extend,
    [IR_OP_ext_i32s] = gen_extend, [IR_OP_ext_i32u] = gen_extend, [IR_OP_trunc_i64] = gen_extend,
    [IR_OP_bswap16] = gen_bswap, [IR_OP_bswap32] = gen_bswap, [IR_OP_bswap64] = gen_bswap,
    [IR_OP_clz] = gen_count, [IR_OP_ctz] = gen_count, [IR_OP_popcnt] = gen_count,
    [IR_OP_extract] = gen_extract, [IR_OP_sextract] = gen_extract,
    [IR_OP_deposit] = gen_deposit, [IR_OP_addc] = gen_addc,
};

void jit_gen_int(JitCtx *c, const IrInsn *in)
{
    int_gens[in->op](c, in);
}
