/* backend/engine.c — the Engine: the translation-block cache and the
 * translation pipeline that fills it.
 *
 *   lookup:    cpu->jmp_cache[hash(pc)]  (exec.c, per cpu, no lock; the
 *              block found is also put in the first-level entry a
 *              backend's goto_ptr reads, cpu->ret_stack->jump: tb.h)
 *                 └─ miss ─► e->tbs (GHashTable keyed by pc, flags and the
 *                            code's address; locked) └─ miss ─► translate:
 *
 *   ir_block_reset ─► arch->translate ─► -d in_asm, -d op
 *        ─► [verify] ─► opt_run (unless -O0) ─► -d op_opt ─► [verify]
 *        ─► backend->compile ─► TranslationBlock in e->tbs
 *
 * [verify] is ir_verify in MORPH_DEBUG builds: a failure is a morph bug
 * (frontend or optimizer) and aborts with the message and the block.
 * A new block also goes into the page index (invalidate.c) and is
 * announced through the code_added hook (user mode write-protects its
 * pages). Blocks live until the cache is emptied, which happens in an
 * exclusive section (exclusive.c: no other cpu inside cpu_exec), when the
 * code space is full, when too many invalidated blocks wait on e->dead,
 * or on engine_flush:
 *
 *   engine_get_tb (lock held) ─► translate ─► no room / dead list full
 *      ─► unlock ─► exclusive section: drop every block (unless another
 *         cpu's section already did) ─► look up again
 *
 * System mode (EngineOptions.system): a block's code_start is the
 * physical address of its pc (code_phys, which also raises the guest's
 * fetch fault), part of its key, so a virtual pc mapped elsewhere gets a
 * block of its own; the per-cpu jump cache and return predictions stay
 * keyed by virtual pc and are forgotten when the cpu's mappings change
 * (engine_cpu_mappings_changed); a block ends with the virtual page of its
 * pc (a longer one is translated again, shorter); and a slot chains only
 * to a block in its own block's virtual page, the one mapping lookups
 * checked for both.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend/engine_internal.h"
#include "ir/opt.h"
#include "softmmu/tlb.h"
#include "util/host_fp.h"
#include "util/log.h"

enum { ENGINE_DEFAULT_MAX_INSNS = 512 };

static guint tb_key_hash(gconstpointer p)
{
    const TranslationBlock *tb = p;
    uint64_t h = (tb->pc ^ ((uint64_t)tb->flags << 32)) * 0x9e3779b97f4a7c15ull;
    return (guint)(h >> 32);
}

static gboolean tb_key_equal(gconstpointer a, gconstpointer b)
{
    const TranslationBlock *x = a, *y = b;
    return x->pc == y->pc && x->flags == y->flags && x->code_start == y->code_start;
}

/* User mode's guest code is plain memory at guest_base + addr. */
static bool engine_fetch_direct(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    memcpy(buf, cpu->guest_base + addr, len);
    return true;
}

static FILE *log_out(void)
{
    return log_file ? log_file : stderr;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

Engine *engine_new(const GuestArch *arch, const EngineOptions *opt)
{
    Engine *e = g_new0(Engine, 1);
    e->arch = arch;
    e->backend = opt && opt->backend ? opt->backend : backend_by_name(NULL);
    e->optimize = opt ? opt->optimize : true;
    e->max_insns = opt && opt->max_block_insns ? opt->max_block_insns : ENGINE_DEFAULT_MAX_INSNS;
    e->fetch = opt && opt->fetch ? opt->fetch : engine_fetch_direct;
    e->code_added = opt ? opt->code_added : NULL;
    e->system = opt && opt->system;
    e->code_phys = opt ? opt->code_phys : NULL;
    e->breakpoint = opt ? opt->breakpoint : NULL;
    e->bstate = e->backend->open(opt ? opt->code_cache_bytes : 0);
    g_mutex_init(&e->lock);
    e->tbs = g_hash_table_new(tb_key_hash, tb_key_equal);
    e->pages = engine_pages_new();
    e->dead = g_ptr_array_new();
    ir_block_init(&e->ir, 0, 0);
    e->ir.softmmu = e->system;
    e->cpu_caches = g_ptr_array_new_with_free_func(g_free);
    g_mutex_init(&e->excl_lock);
    g_cond_init(&e->excl_cond);
    return e;
}

static void tb_free(Engine *e, TranslationBlock *tb)
{
    e->backend->free_code(e->bstate, tb->code);
    g_free(tb->jmp_from);
    g_free(tb);
}

/* Free every block, live and dead, and empty the code space. */
static void engine_drop_blocks(Engine *e)
{
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, e->tbs);
    while (g_hash_table_iter_next(&it, &key, NULL))
        tb_free(e, key);
    g_hash_table_remove_all(e->tbs);
    for (guint i = 0; i < e->dead->len; i++)
        tb_free(e, g_ptr_array_index(e->dead, i));
    g_ptr_array_set_size(e->dead, 0);
    g_hash_table_remove_all(e->pages);
    for (guint i = 0; i < e->cpu_caches->len; i++) {
        CpuCaches *caches = g_ptr_array_index(e->cpu_caches, i);
        memset(caches->jmp, 0, sizeof caches->jmp);
        memset(&caches->ret, 0, sizeof caches->ret);
    }
    e->backend->flush(e->bstate);
    e->tbs_since_flush = 0;
    __atomic_store_n(&e->flush_count, e->flush_count + 1, __ATOMIC_RELEASE);
}

void engine_free(Engine *e)
{
    if (!e)
        return;
    engine_drop_blocks(e);
    g_hash_table_destroy(e->tbs);
    g_hash_table_destroy(e->pages);
    g_ptr_array_free(e->dead, TRUE);
    g_ptr_array_free(e->cpu_caches, TRUE);
    e->backend->close(e->bstate);
    ir_block_free(&e->ir);
    g_mutex_clear(&e->lock);
    g_mutex_clear(&e->excl_lock);
    g_cond_clear(&e->excl_cond);
    g_free(e);
}

void engine_flush(Engine *e)
{
    engine_exclusive_begin(e, NULL);
    g_mutex_lock(&e->lock);
    engine_drop_blocks(e);
    g_mutex_unlock(&e->lock);
    engine_exclusive_end(e, NULL);
}

/* Why a translation gave no block: the cache must be emptied first. */
typedef enum DropReason {
    DROP_NONE,
    DROP_CODE_FULL,    /* the backend's code space is full */
    DROP_TOO_MANY_DEAD /* ENGINE_MAX_DEAD invalidated blocks wait */
} DropReason;

/* Empty the cache for `why`, in an exclusive section, unless a flush
 * happened since the caller saw flush_count == seen (another cpu's
 * section did it while this one waited). */
static void engine_drop_exclusive(Engine *e, CpuCommon *cpu, uint64_t seen, DropReason why)
{
    engine_exclusive_begin(e, cpu);
    g_mutex_lock(&e->lock);
    if (e->flush_count == seen) {
        engine_drop_blocks(e);
        if (why == DROP_CODE_FULL) {
            e->stats.flushes++;
            if (log_enabled(LOG_STATS))
                log_printf("engine: code space full, flushed (%" PRIu64 ")\n", e->stats.flushes);
        }
    }
    g_mutex_unlock(&e->lock);
    engine_exclusive_end(e, cpu);
}

void engine_before_fork(Engine *e)
{
    g_mutex_lock(&e->lock);
    g_mutex_lock(&e->excl_lock);
    e->fork_locked = true;
}

void engine_after_fork_parent(Engine *e)
{
    e->fork_locked = false;
    g_mutex_unlock(&e->excl_lock);
    g_mutex_unlock(&e->lock);
}

void engine_after_fork(Engine *e)
{
    if (e->fork_locked) {
        /* This thread took them; a section some other (now absent)
         * thread had begun ends here with it. */
        e->fork_locked = false;
        e->excl_active = false;
        for (guint i = 0; i < e->cpu_caches->len; i++) {
            CpuCaches *caches = g_ptr_array_index(e->cpu_caches, i);
            caches->running = caches->resume_running = 0;
        }
        g_mutex_unlock(&e->excl_lock);
        g_mutex_unlock(&e->lock);
    }
    if (e->backend->after_fork)
        e->backend->after_fork(e->bstate);
    engine_flush(e);
}

void engine_attach_cpu(Engine *e, CpuCommon *cpu)
{
    CpuCaches *caches = g_new0(CpuCaches, 1);
    caches->cpu = cpu;
    g_mutex_lock(&e->lock);
    g_mutex_lock(&e->excl_lock);
    g_ptr_array_add(e->cpu_caches, caches);
    g_mutex_unlock(&e->excl_lock);
    g_mutex_unlock(&e->lock);
    cpu->engine = e;
    if (!cpu->arch)
        cpu->arch = e->arch;
    cpu->jmp_cache = caches->jmp;
    cpu->ret_stack = &caches->ret;
    cpu->last_tb = NULL;
    cpu->last_slot = -1;
}

void engine_detach_cpu(Engine *e, CpuCommon *cpu)
{
    if (!cpu->jmp_cache)
        return;
    CpuCaches *caches = engine_caches_of(cpu);
    g_mutex_lock(&e->lock);
    g_mutex_lock(&e->excl_lock);
    g_ptr_array_remove_fast(e->cpu_caches, caches); /* frees caches */
    g_cond_broadcast(&e->excl_cond);
    g_mutex_unlock(&e->excl_lock);
    g_mutex_unlock(&e->lock);
    cpu->jmp_cache = NULL;
    cpu->ret_stack = NULL;
    cpu->last_tb = NULL;
    cpu->engine = NULL;
}

const EngineStats *engine_stats(const Engine *e)
{
    return &e->stats;
}

void engine_cpu_mappings_changed(CpuCommon *cpu)
{
    if (!cpu->jmp_cache)
        return;
    memset(cpu->jmp_cache, 0, TB_JMP_CACHE_SIZE * sizeof cpu->jmp_cache[0]);
    memset(cpu->ret_stack, 0, sizeof *cpu->ret_stack);
}

/* Where the code of a block at pc lies: its physical address in system
 * mode (may leave through cpu_loop_exit: call it without the lock), else
 * the guest's code address. */
static uint64_t code_start_of(const Engine *e, CpuCommon *cpu, uint64_t pc)
{
    if (e->system)
        return e->code_phys(cpu, pc);
    return e->arch->code_addr ? e->arch->code_addr(pc) : pc;
}

/* -d in_asm: the block's guest instructions, read again through fetch
 * (which takes virtual addresses in system mode). */
static void log_in_asm(Engine *e, CpuCommon *cpu, const IrBlock *ir)
{
    FILE *out = log_out();
    uint32_t size = ir->guest_size;
    fprintf(out, "----------------\nIN: %s\n", e->arch->name);
    if (size == 0 || !e->arch->disas) {
        fprintf(out, "0x%016" PRIx64 ":  (%u bytes)\n\n", ir->pc, size);
        return;
    }
    uint8_t *buf = g_malloc(size);
    uint64_t at = e->system || !e->arch->code_addr ? ir->pc : e->arch->code_addr(ir->pc);
    if (!e->fetch(cpu, at, buf, size)) {
        fprintf(out, "0x%016" PRIx64 ":  (unreadable)\n\n", ir->pc);
        g_free(buf);
        return;
    }
    for (uint32_t off = 0; off < size;) {
        char text[128];
        size_t n = e->arch->disas(ir->pc + off, buf + off, size - off, text, sizeof text);
        if (n == 0 || n > size - off) {
            fprintf(out, "0x%016" PRIx64 ":  .byte 0x%02x\n", ir->pc + off, buf[off]);
            n = 1;
        } else {
            fprintf(out, "0x%016" PRIx64 ":  %s\n", ir->pc + off, text);
        }
        off += (uint32_t)n;
    }
    fputc('\n', out);
    g_free(buf);
}

static void check_ir(const IrBlock *ir, const char *stage)
{
#ifdef MORPH_DEBUG
    char err[256];
    if (!ir_verify(ir, err, sizeof err)) {
        fprintf(stderr, "morph: invalid IR %s, block at 0x%" PRIx64 ": %s\n", stage, ir->pc, err);
        ir_dump(ir, stderr);
        abort();
    }
#else
    (void)ir;
    (void)stage;
#endif
}

/* How a freshly translated block is kept: in the cache (found by later
 * lookups, its pages watched for writes) or run once and retired. */
typedef enum TbUse { TB_CACHED, TB_RUN_ONCE } TbUse;

/* What to translate: the block at (pc, flags) whose code lies at
 * code_start, at most max_insns guest instructions, kept as `use` says. */
typedef struct TbRequest {
    uint64_t pc, code_start;
    uint32_t flags, max_insns;
    TbUse use;
} TbRequest;

/* System mode: the number of guest instructions the block has before
 * the first one outside the virtual page of its pc (at least 1), or 0
 * when there is none. A block is cut there: its key names the physical
 * page of its pc only, and the next page may be mapped elsewhere by the
 * time the block runs again. */
static uint32_t insns_before_next_page(const IrBlock *ir)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < ir->ninsns; i++) {
        const IrInsn *in = &ir->insns[i];
        if (in->op != IR_OP_insn_start)
            continue;
        if (((uint64_t)in->imm >> TLB_PAGE_BITS) != (ir->pc >> TLB_PAGE_BITS))
            return n ? n : 1;
        n++;
    }
    return 0;
}

/* Translate and compile the block `req` asks for; it is in no table yet.
 * Called with the lock held. NULL (and *drop says why) when the cache
 * must be emptied first. */
static TranslationBlock *engine_translate(Engine *e, CpuCommon *cpu, const TbRequest *req,
                                          DropReason *drop)
{
    uint64_t pc = req->pc;
    *drop = DROP_NONE;
    if (e->dead->len >= ENGINE_MAX_DEAD) {
        *drop = DROP_TOO_MANY_DEAD;
        return NULL;
    }
    /* The clock is read for -d stats only: twice a block adds up. */
    bool timed = log_enabled(LOG_STATS);
    uint64_t t0 = timed ? now_ns() : 0;
    IrBlock *ir = &e->ir;
    ir_block_reset(ir, pc, req->flags);
    TranslateCtx ctx = {
        .ir = ir,
        .cpu = cpu,
        .fetch = e->fetch,
        .max_insns = req->max_insns,
        .breakpoint = req->use == TB_CACHED ? e->breakpoint : NULL,
    };
    e->arch->translate(&ctx);
    uint32_t cut = e->system ? insns_before_next_page(ir) : 0;
    if (cut) {
        ir_block_reset(ir, pc, req->flags);
        ctx.max_insns = cut;
        e->arch->translate(&ctx);
    }

    if (log_enabled(LOG_IN_ASM))
        log_in_asm(e, cpu, ir);
    if (log_enabled(LOG_OP)) {
        fprintf(log_out(), "OP:\n");
        ir_dump(ir, log_out());
        fputc('\n', log_out());
    }
    check_ir(ir, "from the frontend");
    uint32_t ops_before = ir->ninsns;
    if (e->optimize) {
        opt_run(ir);
        if (log_enabled(LOG_OP_OPT)) {
            fprintf(log_out(), "OP after optimization:\n");
            ir_dump(ir, log_out());
            fputc('\n', log_out());
        }
        check_ir(ir, "after the optimizer");
    }

    TranslationBlock *tb = g_new0(TranslationBlock, 1);
    tb->pc = pc;
    tb->code_start = req->code_start;
    tb->flags = req->flags;
    tb->guest_size = ir->guest_size;
    tb->guest_insns = ir->guest_insns;
    size_t bytes = 0;
    tb->code = e->backend->compile(e->bstate, ir, tb, &bytes);
    if (!tb->code && e->tbs_since_flush > 0) {
        /* The code space is full: the caller empties it (cpus notice
         * through flush_count that their last block is gone). */
        g_free(tb);
        *drop = DROP_CODE_FULL;
        return NULL;
    }
    if (!tb->code) {
        fprintf(stderr, "morph: backend %s could not compile the block at 0x%" PRIx64 "\n",
                e->backend->name, pc);
        ir_dump(ir, stderr);
        abort();
    }

    e->stats.blocks_translated++;
    e->stats.guest_insns_translated += ir->guest_insns;
    e->stats.ir_ops_emitted += ops_before;
    e->stats.ir_ops_after_opt += ir->ninsns;
    e->stats.code_bytes += bytes;
    if (timed)
        e->stats.translate_ns += now_ns() - t0;
    e->tbs_since_flush++;
    return tb;
}

/* engine_translate and the bookkeeping after it, keeping the guest's host
 * FP environment (rounding mode, sticky flags, on x86 hosts MXCSR's masks)
 * free of any trace of that work: glib's hash tables compute load factors
 * in floating point. The work runs with every exception masked and no
 * flags; host_fp (MXCSR alone on x86-64) costs a fraction of glibc's
 * feholdexcept/fesetenv, which also save and load the x87 environment. */
static TranslationBlock *engine_translate_in_guest_fenv(Engine *e, CpuCommon *cpu,
                                                        const TbRequest *req, DropReason *drop)
{
    HostFpEnv guest_fp = host_fp_env();
    host_fp_reset(FE_TONEAREST);
    TranslationBlock *tb = engine_translate(e, cpu, req, drop);
    if (tb && req->use == TB_CACHED) {
        g_hash_table_add(e->tbs, tb);
        engine_pages_add(e, tb);
        if (e->code_added)
            e->code_added(cpu, tb->code_start, tb_guest_len(tb));
    } else if (tb) {
        engine_retire(e, tb);
    }
    host_fp_set_env(guest_fp);
    return tb;
}

TranslationBlock *engine_get_tb(Engine *e, CpuCommon *cpu, uint64_t pc, uint32_t flags)
{
    TbRequest req = {.pc = pc, .code_start = code_start_of(e, cpu, pc), .flags = flags,
                     .max_insns = e->max_insns, .use = TB_CACHED};
    TranslationBlock key = {.pc = pc, .flags = flags, .code_start = req.code_start};
    for (;;) {
        DropReason drop = DROP_NONE;
        g_mutex_lock(&e->lock);
        TranslationBlock *tb = g_hash_table_lookup(e->tbs, &key);
        if (!tb)
            tb = engine_translate_in_guest_fenv(e, cpu, &req, &drop);
        uint64_t seen = e->flush_count;
        g_mutex_unlock(&e->lock);
        if (tb)
            return tb;
        engine_drop_exclusive(e, cpu, seen, drop);
    }
}

TranslationBlock *engine_get_single_insn_tb(Engine *e, CpuCommon *cpu, uint64_t pc, uint32_t flags)
{
    TbRequest req = {.pc = pc, .code_start = code_start_of(e, cpu, pc), .flags = flags,
                     .max_insns = 1, .use = TB_RUN_ONCE};
    for (;;) {
        DropReason drop = DROP_NONE;
        g_mutex_lock(&e->lock);
        TranslationBlock *tb = engine_translate_in_guest_fenv(e, cpu, &req, &drop);
        uint64_t seen = e->flush_count;
        g_mutex_unlock(&e->lock);
        if (tb)
            return tb;
        engine_drop_exclusive(e, cpu, seen, drop);
    }
}

/* System mode: may a jump from `from` lead straight into `to`? Only
 * within one virtual page, whose mapping the lookup of `from` checked. */
static bool same_guest_page(const TranslationBlock *from, const TranslationBlock *to)
{
    return (from->pc >> TLB_PAGE_BITS) == (to->pc >> TLB_PAGE_BITS);
}

void engine_link(Engine *e, TranslationBlock *from, int slot, TranslationBlock *to)
{
    if (slot < 0 || slot >= TB_NSLOTS || from->jmp_next[slot] == to)
        return;
    if (e->system && !same_guest_page(from, to))
        return;
    g_mutex_lock(&e->lock);
    if (!from->invalid && !to->invalid)
        engine_set_link(e, from, slot, to);
    g_mutex_unlock(&e->lock);
}

bool engine_guest_pc_of(Engine *e, uintptr_t host_pc, uint64_t *guest_pc)
{
    return e && e->backend->guest_pc_of && e->backend->guest_pc_of(e->bstate, host_pc, guest_pc);
}
