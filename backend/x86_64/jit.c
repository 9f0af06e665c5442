/* backend/x86_64/jit.c — the x86-64 JIT backend: the Backend table
 * ("jit"), the shared prologue/epilogue, the per-block layout and records
 * (chaining patches, insn_start tables for faults), host CPU features,
 * and the driver that runs the op generators over a block.
 *
 * Code cache:
 *   [prologue: enter | epilogue | exit_unlinked | goto_ptr's second level]
 *                                                   kept across flushes
 *   [block] [block] ...                             bump-allocated
 *
 * One block:
 *   [return slot: jmp rel32 -> its stub]   only with a push_ret
 *   [JitBlockHeader]                       just before the entry
 *   entry: cmp dword [r14 + exit_request], 0; jne interrupt stub
 *          body (one op generator per IR instruction)
 *          stubs: interrupt, one per goto_tb slot / return slot
 *   [JitInsnPc table]                      guest pc of every host range
 *
 * enter(env, guest_base, code) pushes the callee-saved registers, makes
 * the one frame every block shares (spill slots), sets r14/r15 (r15: the
 * cpu's SoftTlb instead in system mode) and jumps to code; chained blocks jump into each other in that frame, and the
 * epilogue leaves with eax = the ExitReason. A helper leaving through
 * cpu_loop_exit unwinds past all of it with siglongjmp.
 */
#include <cpuid.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <capstone/capstone.h>
#include <glib.h>

#include "backend/x86_64/jit_internal.h"
#include "util/log.h"

enum {
    JIT_DEFAULT_CACHE_BYTES = 256u << 20,
    JIT_MAX_CACHE_BYTES = 1u << 30,     /* every jump inside reaches with rel32 */
    JIT_FRAME_BYTES = JIT_FRAME_SLOTS * 8 + 8, /* + 8: rsp 16-aligned after six pushes */
    JIT_MIN_BLOCK_BYTES = 64,           /* every block is at least this big */
    JIT_PROLOGUE_MAX = 256,
};

/* Just before each block's entry, read back by set_jump and guest_pc_of.
 * Offsets are from the entry (the return slot's is negative). */
typedef struct JitBlockHeader {
    int32_t code_end;                /* end of the block's code */
    uint32_t ninsn_pcs;
    int32_t insn_pcs;                /* the JitInsnPc table */
    int32_t slot_field[TB_NSLOTS];   /* patchable rel32 of each exit slot, or JIT_NO_SLOT */
    int32_t slot_stub[TB_NSLOTS];    /* where an unlinked slot goes */
    uint32_t pad;
} JitBlockHeader;

enum { JIT_NO_SLOT = INT32_MIN };

_Static_assert(sizeof(JitBlockHeader) % 8 == 0, "the header keeps the entry 8-aligned");

static const X86Reg callee_saved[] = {X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15};

/* --- host features ------------------------------------------------------- */

static uint64_t xgetbv0(void)
{
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

/* MORPH_JIT_DISABLE=movbe,bmi2,... turns features off (to test the
 * fall-back code on hosts that have them). */
static void disable_features(JitFeatures *f, const char *list)
{
    static const struct {
        const char *name;
        size_t offset;
    } names[] = {
        {"movbe", offsetof(JitFeatures, movbe)}, {"popcnt", offsetof(JitFeatures, popcnt)},
        {"lzcnt", offsetof(JitFeatures, lzcnt)}, {"bmi1", offsetof(JitFeatures, bmi1)},
        {"bmi2", offsetof(JitFeatures, bmi2)},   {"fma", offsetof(JitFeatures, fma)},
    };
    if (!list)
        return;
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (strstr(list, names[i].name))
            *(bool *)((char *)f + names[i].offset) = false;
    }
}

static JitFeatures detect_features(void)
{
    JitFeatures f = {0};
    unsigned a, b, c, d;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        f.movbe = c & bit_MOVBE;
        f.popcnt = c & bit_POPCNT;
        if ((c & bit_FMA) && (c & bit_AVX) && (c & bit_OSXSAVE))
            f.fma = (xgetbv0() & 6) == 6; /* the OS saves XMM and YMM state */
    }
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        f.bmi1 = b & bit_BMI;
        f.bmi2 = b & bit_BMI2;
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d))
        f.lzcnt = c & bit_LZCNT;
    disable_features(&f, getenv("MORPH_JIT_DISABLE"));
    return f;
}

/* --- jumps and calls out of a block ---------------------------------------- */

void jit_jmp_abs(JitCtx *c, const uint8_t *target)
{
    x86_jmp_to(&c->e, (size_t)(target - c->exec));
}

void jit_jcc_abs(JitCtx *c, X86Cond cc, const uint8_t *target)
{
    x86_jcc_to(&c->e, cc, (size_t)(target - c->exec));
}

void jit_call_abs(JitCtx *c, const void *fn)
{
    enum { CALL_REL32 = 0xe8, CALL_REL32_LEN = 5 };
    int64_t rel = (int64_t)((uintptr_t)fn - ((uintptr_t)c->exec + c->e.len + CALL_REL32_LEN));
    if (rel == (int32_t)rel) {
        x86_byte(&c->e, CALL_REL32);
        x86_u32(&c->e, (uint32_t)(int32_t)rel);
        return;
    }
    x86_mov_ri(&c->e, X86_RAX, (uint64_t)(uintptr_t)fn, false);
    x86_call_r(&c->e, X86_RAX);
}

void jit_note_insn_start(JitCtx *c, uint64_t pc)
{
    c->insn_pcs[c->ninsn_pcs++] = (JitInsnPc){.pc = pc, .host_off = (int32_t)c->e.len};
}

/* --- scratch memory of one compile ----------------------------------------- */

enum { JIT_ARENA_ALIGN = 16, JIT_ARENA_PIECES = 16 };

/* Every jit_alloc of one block, with room for each piece's alignment. */
static size_t arena_bound(const IrBlock *ir)
{
    size_t per_temp = sizeof(JitTemp) + 2 * sizeof(IrTemp) + 3 * sizeof(uint32_t);
    size_t per_insn = sizeof(uint32_t) + sizeof(JitInsnPc) + sizeof(JitAddrFault) + sizeof(JitEdge) +
                      sizeof(JitTlbMiss);
    size_t per_label = sizeof(X86Label) + sizeof(bool) + sizeof(JitLabelState);
    return (ir->ntemps + 1) * per_temp + (ir->ninsns + 1) * per_insn + (ir->nlabels + 1) * per_label +
           JIT_ARENA_PIECES * JIT_ARENA_ALIGN;
}

static void arena_reset(JitState *js, const IrBlock *ir)
{
    size_t need = arena_bound(ir);
    if (need > js->arena_cap) {
        g_free(js->arena);
        js->arena_cap = need * 2;
        js->arena = g_malloc(js->arena_cap);
    }
    js->arena_used = 0;
}

/* n elements of `size` bytes, uninitialized: for records appended one
 * by one, each written whole (most of the room a bound leaves stays
 * unused, and untouched). */
static void *arena_take(JitCtx *c, size_t n, size_t size)
{
    JitState *js = c->js;
    size_t bytes = (n * size + JIT_ARENA_ALIGN - 1) & ~(size_t)(JIT_ARENA_ALIGN - 1);
    if (bytes > js->arena_cap - js->arena_used) {
        fprintf(stderr, "morph: jit: scratch arena too small (a bug in arena_bound)\n");
        abort();
    }
    void *p = js->arena + js->arena_used;
    js->arena_used += bytes;
    return p;
}

void *jit_alloc(JitCtx *c, size_t n, size_t size)
{
    return memset(arena_take(c, n, size), 0, n * size);
}

/* --- the prologue, shared by every block ----------------------------------- */

static bool emit_prologue(JitState *js)
{
    uint8_t *exec = cc_begin(js->cc, JIT_PROLOGUE_MAX);
    if (!exec)
        return false;
    X86Emit e;
    x86_emit_init(&e, cc_write_ptr(js->cc, exec), JIT_PROLOGUE_MAX);
    for (size_t i = 0; i < G_N_ELEMENTS(callee_saved); i++)
        x86_push(&e, callee_saved[i]);
    x86_alu_ri(&e, X86_SUB, true, X86_RSP, JIT_FRAME_BYTES);
    x86_mov_rr(&e, true, JIT_ENV, X86_RDI);
    x86_mov_rr(&e, true, JIT_GUEST_BASE, X86_RSI);
    x86_jmp_r(&e, X86_RDX);

    x86_align(&e, 16, 0);
    size_t epilogue = e.len;
    x86_alu_ri(&e, X86_ADD, true, X86_RSP, JIT_FRAME_BYTES);
    for (size_t i = G_N_ELEMENTS(callee_saved); i-- > 0;)
        x86_pop(&e, callee_saved[i]);
    x86_ret(&e);

    x86_align(&e, 16, 0);
    size_t unlinked = e.len;
    x86_store_imm(&e, x86_mem(JIT_ENV, offsetof(CpuCommon, last_tb)), 0, 8);
    x86_store_imm(&e, x86_mem(JIT_ENV, offsetof(CpuCommon, last_slot)), -1, 4);
    x86_alu_rr(&e, X86_XOR, false, X86_RAX, X86_RAX);
    x86_jmp_to(&e, epilogue);

    x86_align(&e, 16, 0);
    size_t second_level = e.len;
    jit_emit_jump_cache_second_level(&e, unlinked);
    if (e.overflow)
        return false;

    cc_commit(js->cc, e.len);
    cc_reserve_committed(js->cc);
    js->enter = (int (*)(void *, uint8_t *, const void *))(uintptr_t)exec;
    js->epilogue = exec + epilogue;
    js->exit_unlinked = exec + unlinked;
    js->jump_cache_second_level = exec + second_level;
    return true;
}

/* --- Backend: open, close, flush, run ------------------------------------- */

static void jit_close(void *state)
{
    JitState *js = state;
    if (!js)
        return;
    cc_free(js->cc);
    g_free(js->block_entry);
    g_free(js->arena);
    g_free(js);
}

static void *jit_open(size_t code_bytes)
{
    JitState *js = g_new0(JitState, 1);
    size_t size = code_bytes ? code_bytes : JIT_DEFAULT_CACHE_BYTES;
    if (size > JIT_MAX_CACHE_BYTES)
        size = JIT_MAX_CACHE_BYTES;
    js->feat = detect_features();
    js->cc = cc_new(size);
    if (!js->cc || !emit_prologue(js)) {
        fprintf(stderr, "morph: jit: cannot make a code cache of %zu bytes\n", size);
        exit(1);
    }
    js->block_cap = js->cc->size / JIT_MIN_BLOCK_BYTES + 1;
    js->block_entry = g_new(uint32_t, js->block_cap);
    return js;
}

static void jit_free_code(void *state, void *code)
{
    (void)state; /* code lives in the cache until the next flush */
    (void)code;
}

static void jit_flush(void *state)
{
    JitState *js = state;
    __atomic_store_n(&js->nblocks, 0, __ATOMIC_RELEASE);
    cc_reset(js->cc);
}

/* The child of a fork gets code memory of its own (the engine flushes next). */
static void jit_after_fork(void *state)
{
    JitState *js = state;
    if (!cc_unshare(js->cc)) {
        fprintf(stderr, "morph: jit: cannot give the forked process its own code cache\n");
        _exit(1);
    }
}

static ExitReason jit_run(void *state, CpuCommon *cpu, TranslationBlock *tb)
{
    JitState *js = state;
    uint8_t *memory_base = cpu->tlb ? (uint8_t *)cpu->tlb : cpu->guest_base;
    return (ExitReason)js->enter(cpu, memory_base, tb->code);
}

/* --- compiling one block ---------------------------------------------------- */

/* Which generator family emits each op. */
static JitGenFn *const gen_of[IR_NOPS] = {
    [IR_OP_const] = jit_gen_int, [IR_OP_mov] = jit_gen_int,
    [IR_OP_add] = jit_gen_int, [IR_OP_sub] = jit_gen_int, [IR_OP_mul] = jit_gen_int,
    [IR_OP_mulhs] = jit_gen_int, [IR_OP_mulhu] = jit_gen_int,
    [IR_OP_divs] = jit_gen_int, [IR_OP_divu] = jit_gen_int,
    [IR_OP_rems] = jit_gen_int, [IR_OP_remu] = jit_gen_int,
    [IR_OP_and] = jit_gen_int, [IR_OP_or] = jit_gen_int, [IR_OP_xor] = jit_gen_int,
    [IR_OP_andc] = jit_gen_int, [IR_OP_orc] = jit_gen_int,
    [IR_OP_shl] = jit_gen_int, [IR_OP_shr] = jit_gen_int, [IR_OP_sar] = jit_gen_int,
    [IR_OP_rotl] = jit_gen_int, [IR_OP_rotr] = jit_gen_int,
    [IR_OP_not] = jit_gen_int, [IR_OP_neg] = jit_gen_int,
    [IR_OP_sext8] = jit_gen_int, [IR_OP_sext16] = jit_gen_int, [IR_OP_sext32] = jit_gen_int,
    [IR_OP_zext8] = jit_gen_int, [IR_OP_zext16] = jit_gen_int, [IR_OP_zext32] = jit_gen_int,
    [IR_OP_ext_i32s] = jit_gen_int, [IR_OP_ext_i32u] = jit_gen_int, [IR_OP_trunc_i64] = jit_gen_int,
    [IR_OP_bswap16] = jit_gen_int, [IR_OP_bswap32] = jit_gen_int, [IR_OP_bswap64] = jit_gen_int,
    [IR_OP_clz] = jit_gen_int, [IR_OP_ctz] = jit_gen_int, [IR_OP_popcnt] = jit_gen_int,
    [IR_OP_extract] = jit_gen_int, [IR_OP_sextract] = jit_gen_int, [IR_OP_deposit] = jit_gen_int,
    [IR_OP_addc] = jit_gen_int,

    [IR_OP_ld_env] = jit_gen_mem, [IR_OP_st_env] = jit_gen_mem,
    [IR_OP_ld] = jit_gen_mem, [IR_OP_st] = jit_gen_mem,
    [IR_OP_cmpxchg] = jit_gen_mem, [IR_OP_fence] = jit_gen_mem,

    [IR_OP_setcond] = jit_gen_ctl, [IR_OP_movcond] = jit_gen_ctl,
    [IR_OP_label] = jit_gen_ctl, [IR_OP_br] = jit_gen_ctl, [IR_OP_brcond] = jit_gen_ctl,
    [IR_OP_call] = jit_gen_ctl, [IR_OP_insn_start] = jit_gen_ctl,
    [IR_OP_goto_tb] = jit_gen_ctl, [IR_OP_push_ret] = jit_gen_ctl,
    [IR_OP_goto_ptr] = jit_gen_ctl, [IR_OP_exit] = jit_gen_ctl,

    [IR_OP_fadd] = jit_gen_fp, [IR_OP_fsub] = jit_gen_fp, [IR_OP_fmul] = jit_gen_fp,
    [IR_OP_fdiv] = jit_gen_fp, [IR_OP_fsqrt] = jit_gen_fp, [IR_OP_fma] = jit_gen_fp,
    [IR_OP_fneg] = jit_gen_fp, [IR_OP_fabs] = jit_gen_fp,
    [IR_OP_fmin] = jit_gen_fp, [IR_OP_fmax] = jit_gen_fp, [IR_OP_fsetcond] = jit_gen_fp,
    [IR_OP_fcvt_f32] = jit_gen_fp, [IR_OP_fcvt_f64] = jit_gen_fp,
    [IR_OP_cvt_s32_f] = jit_gen_fp, [IR_OP_cvt_s64_f] = jit_gen_fp, [IR_OP_cvt_u64_f] = jit_gen_fp,
    [IR_OP_cvt_f_s32] = jit_gen_fp, [IR_OP_cvt_f_s64] = jit_gen_fp, [IR_OP_bitcast] = jit_gen_fp,
    [IR_OP_x87_rr] = jit_gen_x87, [IR_OP_x87_rm] = jit_gen_x87, [IR_OP_x87_st] = jit_gen_x87,
};

/* Where the parts of one generated block lie in its buffer. */
typedef struct JitLayout {
    size_t header;    /* the JitBlockHeader */
    size_t entry;
    size_t code_end;
    size_t table;     /* the JitInsnPc table */
    size_t total;
} JitLayout;

static void ctx_init(JitCtx *c, JitState *js, const IrBlock *ir, TranslationBlock *tb, uint8_t *exec,
                     size_t max)
{
    memset(c, 0, sizeof(*c));
    x86_emit_init(&c->e, cc_write_ptr(js->cc, exec), max);
    c->exec = exec;
    c->js = js;
    c->feat = &js->feat;
    c->ir = ir;
    c->tb = tb;
    c->ret_slot_jmp = -1;
    for (int s = 0; s < TB_NSLOTS; s++) {
        c->slot_field[s] = c->slot_stub[s] = -1;
        x86_label_init(&c->slot_stub_label[s]);
    }
    x86_label_init(&c->interrupt_stub);
    arena_reset(js, ir);
    c->labels = jit_alloc(c, ir->nlabels + 1, sizeof(X86Label));
    for (uint32_t l = 0; l < ir->nlabels; l++)
        x86_label_init(&c->labels[l]);
    c->insn_pcs = arena_take(c, ir->ninsns + 1, sizeof(JitInsnPc));
    c->addr_faults = arena_take(c, ir->ninsns + 1, sizeof(JitAddrFault));
    c->tlb_misses = arena_take(c, ir->ninsns + 1, sizeof(JitTlbMiss));
    jit_ra_init(c);
    if (ir->nlabels)
        jit_scan_labels(c); /* nothing asks a block without labels */
}

static void ctx_free(JitCtx *c)
{
    for (uint32_t l = 0; l < c->ir->nlabels; l++)
        x86_label_free(&c->labels[l]);
    for (uint32_t i = 0; i < c->nedges; i++)
        x86_label_free(&c->edges[i].to);
    for (int s = 0; s < TB_NSLOTS; s++)
        x86_label_free(&c->slot_stub_label[s]);
    x86_label_free(&c->interrupt_stub);
    for (uint32_t i = 0; i < c->naddr_faults; i++)
        x86_label_free(&c->addr_faults[i].label);
    for (uint32_t i = 0; i < c->ntlb_misses; i++) {
        x86_label_free(&c->tlb_misses[i].slow);
        x86_label_free(&c->tlb_misses[i].done);
    }
}

/* The return slot, when the block makes a guest call: a jmp whose rel32
 * is patched like a goto_tb slot's, placed before the entry so push_ret
 * knows its address. */
static void emit_return_slot(JitCtx *c)
{
    for (uint32_t i = 0; i < c->ir->ninsns; i++) {
        const IrInsn *in = &c->ir->insns[i];
        if (in->op != IR_OP_push_ret)
            continue;
        x86_align(&c->e, 4, 3);
        c->ret_slot_jmp = (int32_t)c->e.len;
        x86_jmp_label(&c->e, &c->slot_stub_label[TB_SLOT_RETURN]);
        c->slot_field[TB_SLOT_RETURN] = (int32_t)c->e.len - 4;
        c->slot_pc[TB_SLOT_RETURN] = (uint64_t)in->imm;
        return;
    }
}

/* An op whose results nobody reads and that has no effect of its own (a
 * load from guest memory may fault, a float op may raise sticky flags:
 * they stay). */
static bool is_dead(const JitCtx *c, const IrInsn *in)
{
    enum { EFFECTS = IR_F_SIDE | IR_F_MAY_FAULT | IR_F_CALL | IR_F_EXIT | IR_F_BRANCH | IR_F_FPFLAGS };
    unsigned ndef = jit_ndef(in);
    if (!ndef || (ir_op_info[in->op].flags & EFFECTS))
        return false;
    for (unsigned k = 0; k < ndef; k++) {
        if (c->temps[in->def[k]].last_use > c->cur)
            return false;
    }
    return true;
}

static bool emit_body(JitCtx *c)
{
    const IrBlock *ir = c->ir;
    for (uint32_t i = 0; i < ir->ninsns; i++) {
        const IrInsn *in = &ir->insns[i];
        if (in->op >= IR_NOPS || !gen_of[in->op]) {
            log_printf("jit: cannot compile op %u of block at 0x%" PRIx64 "\n", in->op, ir->pc);
            return false;
        }
        /* After an unconditional exit, nothing runs until a label; an
         * insn_start there still names the code that follows the label. */
        if (c->unreachable && in->op != IR_OP_label && in->op != IR_OP_insn_start)
            continue;
        jit_ra_begin_insn(c, i);
        if (!is_dead(c, in))
            gen_of[in->op](c, in);
        jit_ra_end_insn(c, in);
    }
    if (!c->unreachable)
        x86_ud2(&c->e); /* the verifier forbids running off the end */
    if (c->slots_exhausted)
        log_printf("jit: block at 0x%" PRIx64 " needs more than %u spill slots\n", ir->pc, JIT_FRAME_SLOTS);
    return !c->slots_exhausted;
}

/* The exits that leave to the exec loop: exit_request at entry, and each
 * exit slot while it is unlinked (env->last_tb/last_slot say which); then
 * the guest address faults and TLB misses, out of the hot path. */
static void emit_stubs(JitCtx *c)
{
    x86_label_bind(&c->e, &c->interrupt_stub);
    jit_store_env_imm64(c, offsetof(CpuCommon, pc), c->ir->pc);
    x86_mov_ri(&c->e, X86_RAX, EXIT_INTERRUPT, false);
    jit_jmp_abs(c, c->js->epilogue);
    for (int s = 0; s < TB_NSLOTS; s++) {
        if (c->slot_field[s] < 0)
            continue;
        x86_label_bind(&c->e, &c->slot_stub_label[s]);
        c->slot_stub[s] = (int32_t)c->e.len;
        jit_store_env_imm64(c, offsetof(CpuCommon, pc), c->slot_pc[s]);
        x86_mov_ri(&c->e, X86_RAX, (uint64_t)(uintptr_t)c->tb, false);
        x86_store(&c->e, jit_env_mem(offsetof(CpuCommon, last_tb)), X86_RAX, 8);
        x86_store_imm(&c->e, jit_env_mem(offsetof(CpuCommon, last_slot)), s, 4);
        x86_alu_rr(&c->e, X86_XOR, false, X86_RAX, X86_RAX);
        jit_jmp_abs(c, c->js->epilogue);
    }
    jit_emit_addr_faults(c);
    jit_emit_tlb_misses(c);
}

static int32_t from_entry(const JitLayout *l, int32_t off)
{
    return off < 0 ? JIT_NO_SLOT : off - (int32_t)l->entry;
}

/* n bytes of data at the end of the buffer (NULL, and overflow set, when
 * they do not fit). */
static uint8_t *reserve_bytes(X86Emit *e, size_t n)
{
    if (e->overflow || n > e->cap - e->len) {
        e->overflow = true;
        return NULL;
    }
    e->len += n;
    return e->buf + e->len - n;
}

/* The insn_start table and the header, once the code is complete. */
static void emit_records(JitCtx *c, JitLayout *l)
{
    x86_align(&c->e, 8, 0);
    l->table = c->e.len;
    uint8_t *table = reserve_bytes(&c->e, c->ninsn_pcs * sizeof(JitInsnPc));
    l->total = c->e.len;
    if (!table)
        return;
    for (uint32_t i = 0; i < c->ninsn_pcs; i++)
        c->insn_pcs[i].host_off -= (int32_t)l->entry;
    memcpy(table, c->insn_pcs, c->ninsn_pcs * sizeof(JitInsnPc));
    JitBlockHeader h = {
        .code_end = (int32_t)(l->code_end - l->entry),
        .ninsn_pcs = c->ninsn_pcs,
        .insn_pcs = (int32_t)(l->table - l->entry),
    };
    for (int s = 0; s < TB_NSLOTS; s++) {
        h.slot_field[s] = from_entry(l, c->slot_field[s]);
        h.slot_stub[s] = from_entry(l, c->slot_stub[s]);
    }
    memcpy(c->e.buf + l->header, &h, sizeof(h));
}

typedef enum { GEN_OK, GEN_OVERFLOW, GEN_FAILED } GenStatus;

static GenStatus generate(JitCtx *c, JitLayout *l)
{
    emit_return_slot(c);
    x86_align(&c->e, 8, 0);
    l->header = c->e.len;
    reserve_bytes(&c->e, sizeof(JitBlockHeader)); /* filled in by emit_records */
    l->entry = c->e.len;
    x86_cmp_mi(&c->e, jit_env_mem(offsetof(CpuCommon, exit_request)), 0, 4);
    x86_jcc_label(&c->e, X86_CC_NE, &c->interrupt_stub);
    if (!emit_body(c))
        return GEN_FAILED;
    emit_stubs(c);
    l->code_end = c->e.len;
    emit_records(c, l);
    return c->e.overflow ? GEN_OVERFLOW : GEN_OK;
}

static void log_out_asm(const uint8_t *code, const uint8_t *exec, size_t len)
{
    csh cs;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
        return;
    cs_insn *insn;
    size_t n = cs_disasm(cs, code, len, (uint64_t)(uintptr_t)exec, 0, &insn);
    log_printf("OUT: [size=%zu]\n", len);
    for (size_t i = 0; i < n; i++)
        log_printf("0x%016" PRIx64 ":  %s %s\n", insn[i].address, insn[i].mnemonic, insn[i].op_str);
    log_printf("\n");
    if (n)
        cs_free(insn, n);
    cs_close(&cs);
}

static size_t block_bound(const IrBlock *ir)
{
    return 1024 + (size_t)ir->ninsns * 64;
}

static void *jit_compile(void *state, const IrBlock *ir, TranslationBlock *tb, size_t *code_bytes)
{
    JitState *js = state;
    if (js->nblocks == js->block_cap)
        return NULL;
    /* Emit into a generous bound, doubled on overflow, never past the
     * room left: a block that does not fit there means the cache is full. */
    size_t room = cc_room(js->cc);
    for (size_t max = MIN(block_bound(ir), room);; max = MIN(max * 2, room)) {
        uint8_t *exec = cc_begin(js->cc, max);
        if (!exec)
            return NULL;
        JitCtx c;
        JitLayout l = {0};
        ctx_init(&c, js, ir, tb, exec, max);
        GenStatus status = generate(&c, &l);
        ctx_free(&c);
        if (status == GEN_OVERFLOW && max < room)
            continue;
        if (status != GEN_OK)
            return NULL;
        cc_commit(js->cc, l.total);
        uint8_t *entry = exec + l.entry;
        js->block_entry[js->nblocks] = (uint32_t)(entry - js->cc->exec);
        __atomic_store_n(&js->nblocks, js->nblocks + 1, __ATOMIC_RELEASE);
        if (log_enabled(LOG_OUT_ASM)) {
            const uint8_t *code = cc_write_ptr(js->cc, exec);
            if (l.header)
                log_out_asm(code, exec, l.header);
            log_out_asm(code + l.entry, entry, l.code_end - l.entry);
        }
        if (code_bytes)
            *code_bytes = l.total;
        return entry;
    }
}

/* --- chaining and faults ----------------------------------------------------- */

static const JitBlockHeader *header_of(const uint8_t *entry)
{
    return (const JitBlockHeader *)(const void *)(entry - sizeof(JitBlockHeader));
}

static void jit_set_jump(void *state, TranslationBlock *tb, int slot, TranslationBlock *to)
{
    JitState *js = state;
    const uint8_t *entry = tb->code;
    const JitBlockHeader *h = header_of(entry);
    if (slot < 0 || slot >= TB_NSLOTS || h->slot_field[slot] == JIT_NO_SLOT)
        return;
    const uint8_t *field = entry + h->slot_field[slot];
    const uint8_t *target = to ? (const uint8_t *)to->code : entry + h->slot_stub[slot];
    x86_patch_rel32(cc_write_ptr(js->cc, field), field, 0, target);
}

/* Async-signal-safe: reads only the published block records. */
static bool jit_guest_pc_of(void *state, uintptr_t host_pc, uint64_t *guest_pc)
{
    JitState *js = state;
    if (!js || !cc_contains(js->cc, host_pc))
        return false;
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)js->cc->exec);
    size_t lo = 0, hi = __atomic_load_n(&js->nblocks, __ATOMIC_ACQUIRE);
    while (lo < hi) { /* the first block entry above off */
        size_t mid = lo + (hi - lo) / 2;
        if (js->block_entry[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return false;
    const uint8_t *entry = js->cc->exec + js->block_entry[lo - 1];
    const JitBlockHeader *h = header_of(entry);
    int32_t rel = (int32_t)(off - js->block_entry[lo - 1]);
    if (rel >= h->code_end)
        return false;
    const JitInsnPc *table = (const JitInsnPc *)(const void *)(entry + h->insn_pcs);
    size_t a = 0, b = h->ninsn_pcs;
    while (a < b) { /* the first instruction starting above rel */
        size_t mid = a + (b - a) / 2;
        if (table[mid].host_off <= rel)
            a = mid + 1;
        else
            b = mid;
    }
    if (a == 0)
        return false;
    *guest_pc = table[a - 1].pc;
    return true;
}

const Backend backend_jit = {
    .name = "jit",
    .open = jit_open,
    .close = jit_close,
    .compile = jit_compile,
    .free_code = jit_free_code,
    .flush = jit_flush,
    .run = jit_run,
    .set_jump = jit_set_jump,
    .guest_pc_of = jit_guest_pc_of,
    .after_fork = jit_after_fork,
};
