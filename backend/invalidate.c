/* backend/invalidate.c — dropping blocks whose guest code changed
 * (self-modifying code, a new mapping over old code), and the two indexes
 * that make it exact and fast: which blocks have code on each guest page,
 * and which chained jumps lead into each block.
 *
 *   e->pages:  guest page ─► TbPage { blocks with code on the page }
 *   tb->jmp_from:  (from, slot) for every from->jmp_next[slot] == tb
 *
 *   engine_invalidate(start, len)
 *     └─ each block overlapping the range ─► out of e->tbs, the page index
 *        and every cpu's jump cache; jumps into it and out of it unlinked
 *        (backend->set_jump); marked invalid and kept on e->dead, because
 *        a cpu may still be running its code, until the next drop
 *     └─ every cpu's return stack cleared
 *
 * Every change of a jmp_next slot goes through engine_set_link, so the
 * jmp_from lists always mirror the slots.
 */
#include <assert.h>
#include <string.h>

#include "backend/engine_internal.h"

typedef struct TbPage {
    uint64_t index; /* guest address >> ENGINE_PAGE_BITS: the hash key */
    GPtrArray *tbs; /* live blocks with guest code on this page */
} TbPage;

static void tb_page_free(gpointer p)
{
    TbPage *page = p;
    g_ptr_array_free(page->tbs, TRUE);
    g_free(page);
}

GHashTable *engine_pages_new(void)
{
    return g_hash_table_new_full(g_int64_hash, g_int64_equal, NULL, tb_page_free);
}

/* The last byte of [start, start+len) (len > 0), without wrapping past
 * the top of the address space; below, of a block's guest code. */
static uint64_t last_byte(uint64_t start, uint64_t len)
{
    return start + (len - 1) < start ? UINT64_MAX : start + (len - 1);
}

static uint64_t tb_last_byte(const TranslationBlock *tb)
{
    return last_byte(tb->code_start, tb_guest_len(tb));
}

void engine_pages_add(Engine *e, TranslationBlock *tb)
{
    uint64_t last = tb_last_byte(tb) >> ENGINE_PAGE_BITS;
    for (uint64_t index = tb->code_start >> ENGINE_PAGE_BITS; index <= last; index++) {
        TbPage *page = g_hash_table_lookup(e->pages, &index);
        if (!page) {
            page = g_new(TbPage, 1);
            page->index = index;
            page->tbs = g_ptr_array_new();
            g_hash_table_insert(e->pages, &page->index, page);
        }
        g_ptr_array_add(page->tbs, tb);
    }
}

static void pages_remove(Engine *e, TranslationBlock *tb)
{
    uint64_t last = tb_last_byte(tb) >> ENGINE_PAGE_BITS;
    for (uint64_t index = tb->code_start >> ENGINE_PAGE_BITS; index <= last; index++) {
        TbPage *page = g_hash_table_lookup(e->pages, &index);
        if (!page)
            continue;
        g_ptr_array_remove_fast(page->tbs, tb);
        if (page->tbs->len == 0)
            g_hash_table_remove(e->pages, &index);
    }
}

/* ---- incoming-link lists ------------------------------------------------ */

static void links_add(TranslationBlock *to, TranslationBlock *from, int slot)
{
    if (to->n_jmp_from == to->jmp_from_cap) {
        to->jmp_from_cap = to->jmp_from_cap ? 2 * to->jmp_from_cap : 4;
        to->jmp_from = g_renew(TbLink, to->jmp_from, to->jmp_from_cap);
    }
    to->jmp_from[to->n_jmp_from++] = (TbLink){.from = from, .slot = slot};
}

static void links_remove(TranslationBlock *to, TranslationBlock *from, int slot)
{
    for (uint32_t i = 0; i < to->n_jmp_from; i++) {
        if (to->jmp_from[i].from == from && to->jmp_from[i].slot == slot) {
            to->jmp_from[i] = to->jmp_from[--to->n_jmp_from];
            return;
        }
    }
}

void engine_set_link(Engine *e, TranslationBlock *from, int slot, TranslationBlock *to)
{
    TranslationBlock *old = from->jmp_next[slot];
    if (old)
        links_remove(old, from, slot);
    if (to)
        links_add(to, from, slot);
    __atomic_store_n(&from->jmp_next[slot], to, __ATOMIC_RELEASE);
    if (e->backend->set_jump)
        e->backend->set_jump(e->bstate, from, slot, to);
}

/* ---- invalidation ------------------------------------------------------- */

void engine_retire(Engine *e, TranslationBlock *tb)
{
    __atomic_store_n(&tb->invalid, 1, __ATOMIC_RELEASE);
    g_ptr_array_add(e->dead, tb);
}

static void unlink_all(Engine *e, TranslationBlock *tb)
{
    while (tb->n_jmp_from > 0) {
        TbLink in = tb->jmp_from[tb->n_jmp_from - 1];
        assert(in.from->jmp_next[in.slot] == tb);
        engine_set_link(e, in.from, in.slot, NULL);
    }
    for (int slot = 0; slot < TB_NSLOTS; slot++) {
        if (tb->jmp_next[slot])
            engine_set_link(e, tb, slot, NULL);
    }
}

/* Other cpus may be running and reading their first-level entries: the
 * code goes first (an entry with the old key and no code is empty). */
static void forget_in_jump_caches(Engine *e, const TranslationBlock *tb)
{
    uint32_t h = tb_jmp_cache_hash(tb->pc);
    for (guint i = 0; i < e->cpu_caches->len; i++) {
        CpuCaches *caches = g_ptr_array_index(e->cpu_caches, i);
        if (caches->jmp[h] == tb)
            __atomic_store_n(&caches->jmp[h], NULL, __ATOMIC_RELEASE);
        TbJumpEntry *fast = tb_jmp_fast_entry(&caches->ret, tb->pc);
        if (__atomic_load_n(&fast->tb, __ATOMIC_RELAXED) == tb) {
            __atomic_store_n(&fast->code, NULL, __ATOMIC_RELAXED);
            __atomic_store_n(&fast->tb, NULL, __ATOMIC_RELAXED);
        }
    }
}

/* Other cpus may be running and reading their stacks: each word is
 * cleared whole (host first: an entry read half-cleared has host 0 and
 * is a miss; with its old host it leads to a retired block, still
 * valid code until the next flush). */
static void clear_return_stacks(Engine *e)
{
    for (guint i = 0; i < e->cpu_caches->len; i++) {
        CpuCaches *caches = g_ptr_array_index(e->cpu_caches, i);
        for (unsigned k = 0; k < TB_RET_STACK_SIZE; k++) {
            __atomic_store_n(&caches->ret.entry[k].host, NULL, __ATOMIC_RELAXED);
            __atomic_store_n(&caches->ret.entry[k].pc, 0, __ATOMIC_RELAXED);
        }
    }
}

static void tb_invalidate(Engine *e, TranslationBlock *tb)
{
    if (g_hash_table_lookup(e->tbs, tb) == tb)
        g_hash_table_remove(e->tbs, tb);
    pages_remove(e, tb);
    forget_in_jump_caches(e, tb);
    unlink_all(e, tb);
    engine_retire(e, tb);
    e->stats.blocks_invalidated++;
}

/* Add the blocks of page that overlap bytes [start, last] to out. */
static void collect_from_page(const TbPage *page, uint64_t start, uint64_t last, GPtrArray *out)
{
    for (guint i = 0; i < page->tbs->len; i++) {
        TranslationBlock *tb = g_ptr_array_index(page->tbs, i);
        if (tb->code_start <= last && start <= tb_last_byte(tb))
            g_ptr_array_add(out, tb);
    }
}

/* The blocks overlapping [start, last], some perhaps twice (a block on two
 * pages): looked up page by page, or, for a range with more pages than the
 * index holds, by a walk over the index. */
static void collect_overlapping(Engine *e, uint64_t start, uint64_t last, GPtrArray *out)
{
    uint64_t first_page = start >> ENGINE_PAGE_BITS, last_page = last >> ENGINE_PAGE_BITS;
    if (last_page - first_page < g_hash_table_size(e->pages)) {
        for (uint64_t index = first_page; index <= last_page; index++) {
            const TbPage *page = g_hash_table_lookup(e->pages, &index);
            if (page)
                collect_from_page(page, start, last, out);
        }
        return;
    }
    GHashTableIter it;
    gpointer value;
    g_hash_table_iter_init(&it, e->pages);
    while (g_hash_table_iter_next(&it, NULL, &value)) {
        const TbPage *page = value;
        if (page->index >= first_page && page->index <= last_page)
            collect_from_page(page, start, last, out);
    }
}

void engine_invalidate(Engine *e, uint64_t start, uint64_t len)
{
    if (!e || len == 0)
        return;
    GPtrArray *victims = g_ptr_array_new();
    g_mutex_lock(&e->lock);
    collect_overlapping(e, start, last_byte(start, len), victims);
    for (guint i = 0; i < victims->len; i++) {
        TranslationBlock *tb = g_ptr_array_index(victims, i);
        if (!tb->invalid)
            tb_invalidate(e, tb);
    }
    if (victims->len > 0)
        clear_return_stacks(e);
    g_mutex_unlock(&e->lock);
    g_ptr_array_free(victims, TRUE);
}
