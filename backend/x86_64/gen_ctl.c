/* backend/x86_64/gen_ctl.c — x86-64 code for control flow and everything
 * around it: labels and branches inside a block (compare fused with the
 * jump), setcond/movcond, helper calls, insn_start, and the block exits
 * (goto_tb's patchable jumps, goto_ptr's inline jump-cache lookup and
 * return prediction, push_ret, exit).
 *
 *   goto_tb s:   jmp rel32 ──► slot s stub (unlinked) or the next block
 *                (4-byte aligned field, patched by set_jump in jit.c)
 *   goto_ptr a:  env->pc = a; [return: top of ret_stack has pc a and the
 *                cpu's tb_flags? pop, jmp its host address]; first level:
 *                ret_stack->jump[a >> 2] has (a, flags, code)? jmp code;
 *                else the shared second level (after the prologue):
 *                jmp_cache[hash(env->pc)] has (pc, flags)? jmp tb->code;
 *                else leave unlinked
 *   push_ret pc: ret_stack: top++, entry[top] = {pc, this block's return
 *                slot jmp, this block's flags: the slot links only to a
 *                block of the same flags}
 */
#include <stddef.h>

#include "backend/exec.h"
#include "backend/tb.h"
#include "backend/x86_64/jit_internal.h"
#include "util/log.h"

enum { RET_ENTRY_SHIFT = 5 };
_Static_assert(sizeof(RetStackEntry) == 1u << RET_ENTRY_SHIFT, "the return stack is indexed by top << 5");

/* --- compares ------------------------------------------------------------- */

static const X86Cond cc_of[IR_NCONDS] = {
    [IR_EQ] = X86_CC_E, [IR_NE] = X86_CC_NE,
    [IR_LT] = X86_CC_L, [IR_GE] = X86_CC_GE, [IR_LE] = X86_CC_LE, [IR_GT] = X86_CC_G,
    [IR_LTU] = X86_CC_B, [IR_GEU] = X86_CC_AE, [IR_LEU] = X86_CC_BE, [IR_GTU] = X86_CC_A,
};

/* The condition with its operands exchanged: a < b is b > a. */
static const IrCond cond_swapped[IR_NCONDS] = {
    [IR_EQ] = IR_EQ, [IR_NE] = IR_NE,
    [IR_LT] = IR_GT, [IR_GE] = IR_LE, [IR_LE] = IR_GE, [IR_GT] = IR_LT,
    [IR_LTU] = IR_GTU, [IR_GEU] = IR_LEU, [IR_LEU] = IR_GEU, [IR_GTU] = IR_LTU,
};

static bool is_const(const JitCtx *c, IrTemp t)
{
    uint64_t v;
    return jit_const_of(c, t, &v);
}

static JitCompare compare_fetch(JitCtx *c, IrCond cond, bool w64, IrTemp a, IrTemp b)
{
    if (is_const(c, a) && !is_const(c, b)) {
        IrTemp t = a;
        a = b;
        b = t;
        cond = cond_swapped[cond];
    }
    JitCompare k = {.b = X86_NOREG, .w64 = w64, .cc = cc_of[cond]};
    if (!jit_imm_of(c, b, w64, &k.imm))
        k.b = jit_in(c, b);
    k.a = jit_in(c, a);
    return k;
}

/* Flags as of a - b. test a, a sets them as cmp a, 0 does for every
 * condition (CF = OF = 0). */
static void compare_emit(JitCtx *c, const JitCompare *k)
{
    if (k->b != X86_NOREG)
        x86_alu_rr(&c->e, X86_CMP, k->w64, k->a, k->b);
    else if (k->imm == 0)
        x86_test_rr(&c->e, k->w64, k->a, k->a);
    else
        x86_alu_ri(&c->e, X86_CMP, k->w64, k->a, k->imm);
}

/* Both operands known: the outcome at compile time. */
static bool fold_cond(IrCond cond, bool w64, uint64_t x, uint64_t y)
{
    int64_t sx = w64 ? (int64_t)x : (int32_t)x, sy = w64 ? (int64_t)y : (int32_t)y;
    switch (cond) {
    case IR_EQ: return x == y;
    case IR_NE: return x != y;
    case IR_LT: return sx < sy;
    case IR_GE: return sx >= sy;
    case IR_LE: return sx <= sy;
    case IR_GT: return sx > sy;
    case IR_LTU: return x < y;
    case IR_GEU: return x >= y;
    case IR_LEU: return x <= y;
    default: return x > y;
    }
}

static bool both_const(const JitCtx *c, const IrInsn *in, bool *outcome)
{
    uint64_t x, y;
    if (!jit_const_of(c, in->use[0], &x) || !jit_const_of(c, in->use[1], &y))
        return false;
    *outcome = fold_cond((IrCond)in->aux, jit_is_w64((IrType)in->type), x, y);
    return true;
}

/* Flags of the last setcond's compare are still there when nothing was
 * emitted since and the compare is the same (a guest compare becomes
 * setcond lt, gt, eq of one pair of operands). */
static bool flags_still_hold(const JitCtx *c, const JitCompare *k)
{
    const JitCompare *last = &c->last_compare;
    return c->last_compare_end == c->e.len && c->e.len > 0 && last->a == k->a && last->b == k->b &&
           last->w64 == k->w64 && (k->b != X86_NOREG || last->imm == k->imm);
}

static void gen_setcond(JitCtx *c, const IrInsn *in)
{
    bool outcome;
    if (both_const(c, in, &outcome)) {
        jit_out_const(c, in->def[0], outcome);
        return;
    }
    JitCompare k = compare_fetch(c, (IrCond)in->aux, jit_is_w64((IrType)in->type), in->use[0], in->use[1]);
    X86Reg rd = jit_out(c, in->def[0]);
    if (!flags_still_hold(c, &k))
        compare_emit(c, &k);
    x86_setcc(&c->e, k.cc, rd);
    x86_movzx(&c->e, false, rd, rd, 1);
    c->last_compare = k;
    c->last_compare_end = c->e.len;
}

static void gen_movcond(JitCtx *c, const IrInsn *in)
{
    bool w = jit_is_w64((IrType)in->type), outcome;
    if (both_const(c, in, &outcome)) {
        IrTemp src = outcome ? in->use[2] : in->use[3];
        uint64_t v;
        if (jit_const_of(c, src, &v))
            jit_out_const(c, in->def[0], v);
        else
            jit_out_reuse(c, in->def[0], src);
        return;
    }
    JitCompare k = compare_fetch(c, (IrCond)in->aux, w, in->use[0], in->use[1]);
    X86Reg rt = jit_in(c, in->use[2]);
    X86Reg rd = jit_out_reuse(c, in->def[0], in->use[3]);
    compare_emit(c, &k);
    x86_cmovcc(&c->e, k.cc, w, rd, rt);
}

/* --- env->insn_pc -------------------------------------------------------------- */

void jit_store_env_imm64(JitCtx *c, int64_t offset, uint64_t v)
{
    X86Mem m = jit_env_mem(offset);
    if ((int64_t)v == (int32_t)v) {
        x86_store_imm(&c->e, m, (int32_t)v, 8);
        return;
    }
    x86_store_imm(&c->e, m, (int32_t)(uint32_t)v, 4);
    m.disp += 4;
    x86_store_imm(&c->e, m, (int32_t)(uint32_t)(v >> 32), 4);
}

/* env->insn_pc = the current guest instruction, once per instruction. */
static void store_insn_pc(JitCtx *c)
{
    if (!c->have_insn_pc || c->insn_pc_stored)
        return;
    jit_store_env_imm64(c, offsetof(CpuCommon, insn_pc), c->insn_pc);
    c->insn_pc_stored = true;
}

/* --- labels and branches --------------------------------------------------- */

/* env->insn_pc is stored lazily, before a helper call or an exit of the
 * instruction (store_insn_pc). Code after a label can be reached from
 * several guest instructions, so where it needs insn_pc before its own
 * insn_start, every way in stores it first. */
static bool needs_insn_pc_from(const JitCtx *c, uint32_t i)
{
    for (; i < c->ir->ninsns; i++) {
        const IrInsn *in = &c->ir->insns[i];
        if (in->op == IR_OP_insn_start || in->op == IR_OP_goto_tb || in->op == IR_OP_goto_ptr)
            return false;
        if (in->op == IR_OP_exit || (in->op == IR_OP_call && !(in->helper->flags & IR_HELPER_PURE)))
            return true;
        if ((in->op == IR_OP_br || in->op == IR_OP_brcond) && c->label_needs_insn_pc[in->imm])
            return true;
        if (in->op == IR_OP_br)
            return false;
    }
    return false;
}

void jit_scan_labels(JitCtx *c)
{
    const IrBlock *ir = c->ir;
    c->label_needs_insn_pc = jit_alloc(c, ir->nlabels + 1, sizeof(bool));
    for (bool changed = true; changed;) { /* until branches between labels settle */
        changed = false;
        for (uint32_t i = 0; i < ir->ninsns; i++) {
            const IrInsn *in = &ir->insns[i];
            if (in->op != IR_OP_label || c->label_needs_insn_pc[in->imm] || !needs_insn_pc_from(c, i + 1))
                continue;
            c->label_needs_insn_pc[in->imm] = true;
            changed = true;
        }
    }
}

static void gen_label(JitCtx *c, const IrInsn *in)
{
    bool needs_pc = c->label_needs_insn_pc[in->imm];
    if (!c->unreachable && needs_pc)
        store_insn_pc(c);
    jit_ra_label(c, (IrLabel)in->imm, !c->unreachable);
    c->last_compare_end = 0; /* other ways in have other flags */
    x86_label_bind(&c->e, &c->labels[in->imm]);
    c->unreachable = false;
    /* Reached from elsewhere: env->insn_pc holds the right pc when it is
     * needed; the pc of the last insn_start above is not it. */
    c->have_insn_pc = c->have_insn_pc && !needs_pc;
    c->insn_pc_stored = false;
}

static void gen_br(JitCtx *c, const IrInsn *in)
{
    if (c->label_needs_insn_pc[in->imm])
        store_insn_pc(c);
    x86_jmp_label(&c->e, jit_ra_branch(c, (IrLabel)in->imm, NULL));
    c->unreachable = true;
}

static void gen_brcond(JitCtx *c, const IrInsn *in)
{
    bool outcome;
    if (both_const(c, in, &outcome)) {
        if (outcome)
            gen_br(c, in);
        return;
    }
    JitCompare k = compare_fetch(c, (IrCond)in->aux, jit_is_w64((IrType)in->type), in->use[0], in->use[1]);
    bool needs_pc = c->label_needs_insn_pc[in->imm] && c->have_insn_pc && !c->insn_pc_stored;
    X86Label *to = jit_ra_branch(c, (IrLabel)in->imm, needs_pc ? &c->insn_pc : NULL);
    compare_emit(c, &k);
    x86_jcc_label(&c->e, k.cc, to);
}

/* --- helper calls and guest instruction boundaries -------------------------- */

static void gen_call(JitCtx *c, const IrInsn *in)
{
    const IrHelper *h = in->helper;
    if (!(h->flags & IR_HELPER_PURE))
        store_insn_pc(c);
    JitArg args[IR_HELPER_MAX_ARGS];
    for (unsigned i = 0; i < h->nargs; i++)
        args[i] = (JitArg){.temp = in->use[i], .type = h->args[i]};
    jit_call(c, h->fn, true, args, h->nargs, h->has_ret ? in->def[0] : 0);
}

static void gen_insn_start(JitCtx *c, const IrInsn *in)
{
    jit_note_insn_start(c, (uint64_t)in->imm);
    c->insn_pc = (uint64_t)in->imm;
    c->have_insn_pc = true;
    c->insn_pc_stored = false;
}

/* --- block exits ----------------------------------------------------------- */

static void gen_exit(JitCtx *c, const IrInsn *in)
{
    store_insn_pc(c);
    x86_mov_ri(&c->e, X86_RAX, (uint32_t)in->imm, false);
    jit_jmp_abs(c, c->js->epilogue);
    c->unreachable = true;
}

/* Leave to the exec loop with env->pc = pc and no slot to link. */
static void leave_unlinked(JitCtx *c, uint64_t pc)
{
    jit_store_env_imm64(c, offsetof(CpuCommon, pc), pc);
    jit_jmp_abs(c, c->js->exit_unlinked);
}

static void gen_goto_tb(JitCtx *c, const IrInsn *in)
{
    unsigned s = in->aux;
    c->unreachable = true;
    if (c->slot_field[s] >= 0) { /* a slot is one patchable jump: share it */
        if (c->slot_pc[s] == (uint64_t)in->imm)
            x86_jmp_to(&c->e, (size_t)c->slot_field[s] - 1);
        else
            leave_unlinked(c, (uint64_t)in->imm);
        return;
    }
    x86_align(&c->e, 4, 3); /* jmp's rel32 field 4-byte aligned: patched atomically */
    x86_jmp_label(&c->e, &c->slot_stub_label[s]);
    c->slot_field[s] = (int32_t)c->e.len - 4;
    c->slot_pc[s] = (uint64_t)in->imm;
}

/* A field of the return stack entry at byte offset `off` (top << 4) of
 * the stack at rs. */
static X86Mem ret_entry_field(X86Reg rs, X86Reg off, size_t field)
{
    return x86_mem_idx(rs, off, 1, (int32_t)(offsetof(RetStack, entry) + field));
}

/* Only the block's return slot can take a prediction: push_ret of the
 * pc it was made for (jit.c keeps the first push_ret's). */
static void gen_push_ret(JitCtx *c, const IrInsn *in)
{
    uint64_t pc = (uint64_t)in->imm;
    if (c->ret_slot_jmp < 0 || c->slot_pc[TB_SLOT_RETURN] != pc)
        return;
    X86Reg rs = jit_scratch(c, JIT_GPRS);
    X86Reg top = jit_scratch(c, JIT_GPRS);
    X86Reg t = jit_scratch(c, JIT_GPRS);
    x86_load(&c->e, rs, jit_env_mem(offsetof(CpuCommon, ret_stack)), 8, false, true);
    x86_load(&c->e, top, x86_mem(rs, offsetof(RetStack, top)), 4, false, false);
    x86_alu_ri(&c->e, X86_ADD, false, top, 1);
    x86_alu_ri(&c->e, X86_AND, false, top, TB_RET_STACK_SIZE - 1);
    x86_store(&c->e, x86_mem(rs, offsetof(RetStack, top)), top, 4);
    x86_shift_ri(&c->e, X86_SHL, false, top, RET_ENTRY_SHIFT);
    x86_store_imm(&c->e, ret_entry_field(rs, top, offsetof(RetStackEntry, flags)), (int32_t)c->tb->flags, 4);
    X86Mem pc_field = ret_entry_field(rs, top, offsetof(RetStackEntry, pc));
    if ((int64_t)pc == (int32_t)pc) {
        x86_store_imm(&c->e, pc_field, (int32_t)pc, 8);
    } else {
        x86_mov_ri(&c->e, t, pc, false);
        x86_store(&c->e, pc_field, t, 8);
    }
    x86_mov_ri(&c->e, t, (uint64_t)(uintptr_t)(c->exec + c->ret_slot_jmp), false);
    x86_store(&c->e, ret_entry_field(rs, top, offsetof(RetStackEntry, host)), t, 8);
}

/* The return stack's newest entry predicts target (in register t): on a
 * hit, pop it and continue there; else fall through to miss. */
static void predict_return(JitCtx *c, X86Reg t, X86Label *miss)
{
    X86Reg rs = jit_scratch(c, JIT_GPRS);
    X86Reg top = jit_scratch(c, JIT_GPRS);
    X86Reg off = jit_scratch(c, JIT_GPRS);
    x86_load(&c->e, rs, jit_env_mem(offsetof(CpuCommon, ret_stack)), 8, false, true);
    x86_load(&c->e, top, x86_mem(rs, offsetof(RetStack, top)), 4, false, false);
    x86_mov_rr(&c->e, false, off, top);
    x86_shift_ri(&c->e, X86_SHL, false, off, RET_ENTRY_SHIFT);
    x86_alu_rm(&c->e, X86_CMP, true, t, ret_entry_field(rs, off, offsetof(RetStackEntry, pc)));
    x86_jcc_label(&c->e, X86_CC_NE, miss);
    X86Reg flags = jit_scratch(c, JIT_GPRS);
    x86_load(&c->e, flags, ret_entry_field(rs, off, offsetof(RetStackEntry, flags)), 4, false, false);
    x86_alu_rm(&c->e, X86_CMP, false, flags, jit_env_mem(offsetof(CpuCommon, tb_flags)));
    x86_jcc_label(&c->e, X86_CC_NE, miss);
    x86_load(&c->e, off, ret_entry_field(rs, off, offsetof(RetStackEntry, host)), 8, false, true);
    x86_test_rr(&c->e, true, off, off); /* an empty entry (pc 0) */
    x86_jcc_label(&c->e, X86_CC_E, miss);
    x86_alu_ri(&c->e, X86_SUB, false, top, 1);
    x86_alu_ri(&c->e, X86_AND, false, top, TB_RET_STACK_SIZE - 1);
    x86_store(&c->e, x86_mem(rs, offsetof(RetStack, top)), top, 4);
    x86_jmp_r(&c->e, off);
}

enum { JUMP_ENTRY_SHIFT = 5 };
_Static_assert(sizeof(TbJumpEntry) == 1u << JUMP_ENTRY_SHIFT, "first-level entries are indexed by offset (pc >> 2 << 5)");

/* A field of t's first-level jump cache entry, at byte offset `off` of
 * the prediction state at rs. */
static X86Mem jump_entry_field(X86Reg rs, X86Reg off, size_t field)
{
    return x86_mem_idx(rs, off, 1, (int32_t)(offsetof(RetStack, jump) + field));
}

/* The first level: ret_stack->jump[t >> 2] holds (t, env->tb_flags)?
 * Continue at its code, else at the shared second level. */
static void lookup_jump_cache(JitCtx *c, X86Reg t)
{
    X86Reg off = jit_scratch(c, JIT_GPRS);
    X86Reg x = jit_scratch(c, JIT_GPRS);
    x86_mov_rr(&c->e, true, off, t); /* off = (t >> 2 & (size - 1)) << 5 */
    x86_shift_ri(&c->e, X86_SHL, true, off, JUMP_ENTRY_SHIFT - 2);
    x86_alu_ri(&c->e, X86_AND, false, off, (TB_JMP_FAST_SIZE - 1) << JUMP_ENTRY_SHIFT);
    x86_load(&c->e, x, jit_env_mem(offsetof(CpuCommon, ret_stack)), 8, false, true);
    x86_alu_rm(&c->e, X86_CMP, true, t, jump_entry_field(x, off, offsetof(TbJumpEntry, pc)));
    jit_jcc_abs(c, X86_CC_NE, c->js->jump_cache_second_level);
    X86Reg flags = jit_scratch(c, JIT_GPRS);
    x86_load(&c->e, flags, jit_env_mem(offsetof(CpuCommon, tb_flags)), 4, false, false);
    x86_alu_rm(&c->e, X86_CMP, false, flags, jump_entry_field(x, off, offsetof(TbJumpEntry, flags)));
    jit_jcc_abs(c, X86_CC_NE, c->js->jump_cache_second_level);
    x86_load(&c->e, x, jump_entry_field(x, off, offsetof(TbJumpEntry, code)), 8, false, true);
    x86_test_rr(&c->e, true, x, x);
    jit_jcc_abs(c, X86_CC_E, c->js->jump_cache_second_level);
    x86_jmp_r(&c->e, x);
}

/* The second level: jmp_cache[tb_jmp_cache_hash(env->pc)] is the block
 * for (env->pc, env->tb_flags)? Continue at its code, else leave
 * unlinked. Shared code: it uses fixed registers, all free at a block's
 * exit. */
void jit_emit_jump_cache_second_level(X86Emit *e, size_t exit_unlinked)
{
    X86Reg t = X86_RSI, h = X86_RAX, x = X86_RCX;
    x86_load(e, t, x86_mem(JIT_ENV, offsetof(CpuCommon, pc)), 8, false, true);
    x86_mov_rr(e, true, h, t); /* h = tb_jmp_cache_hash(t) */
    x86_shift_ri(e, X86_SHR, true, h, 2);
    x86_mov_rr(e, true, x, t);
    x86_shift_ri(e, X86_SHR, true, x, 2 + TB_JMP_CACHE_BITS);
    x86_alu_rr(e, X86_XOR, true, h, x);
    x86_alu_rr(e, X86_XOR, true, h, t);
    x86_alu_ri(e, X86_AND, false, h, TB_JMP_CACHE_SIZE - 1);
    x86_load(e, x, x86_mem(JIT_ENV, offsetof(CpuCommon, jmp_cache)), 8, false, true);
    x86_load(e, x, x86_mem_idx(x, h, 8, 0), 8, false, true);
    x86_test_rr(e, true, x, x);
    x86_jcc_to(e, X86_CC_E, exit_unlinked);
    x86_alu_rm(e, X86_CMP, true, t, x86_mem(x, offsetof(TranslationBlock, pc)));
    x86_jcc_to(e, X86_CC_NE, exit_unlinked);
    x86_load(e, h, x86_mem(x, offsetof(TranslationBlock, flags)), 4, false, false);
    x86_alu_rm(e, X86_CMP, false, h, x86_mem(JIT_ENV, offsetof(CpuCommon, tb_flags)));
    x86_jcc_to(e, X86_CC_NE, exit_unlinked);
    x86_jmp_m(e, x86_mem(x, offsetof(TranslationBlock, code)));
}

static void gen_goto_ptr(JitCtx *c, const IrInsn *in)
{
    X86Reg t = jit_in(c, in->use[0]);
    x86_store(&c->e, jit_env_mem(offsetof(CpuCommon, pc)), t, 8);
    c->unreachable = true;
    if (log_enabled(LOG_EXEC)) { /* every block through the loop, to be logged */
        jit_jmp_abs(c, c->js->exit_unlinked);
        return;
    }
    if (in->aux == IR_GOTO_RETURN) {
        X86Label miss;
        x86_label_init(&miss);
        predict_return(c, t, &miss);
        x86_label_bind(&c->e, &miss);
        x86_label_free(&miss);
    }
    lookup_jump_cache(c, t);
}

static JitGenFn *const ctl_gens[IR_NOPS] = {
    [IR_OP_setcond] = gen_setcond, [IR_OP_movcond] = gen_movcond,
    [IR_OP_label] = gen_label, [IR_OP_br] = gen_br, [IR_OP_brcond] = gen_brcond,
    [IR_OP_call] = gen_call, [IR_OP_insn_start] = gen_insn_start,
    [IR_OP_goto_tb] = gen_goto_tb, [IR_OP_push_ret] = gen_push_ret,
    [IR_OP_goto_ptr] = gen_goto_ptr, [IR_OP_exit] = gen_exit,
};

void jit_gen_ctl(JitCtx *c, const IrInsn *in)
{
    ctl_gens[in->op](c, in);
}
