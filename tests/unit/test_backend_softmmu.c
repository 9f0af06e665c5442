/* tests/unit/test_backend_softmmu.c — system-mode guest memory on every
 * backend: ld/st/cmpxchg of blocks with IrBlock.softmmu go through the
 * cpu's software TLB (softmmu/tlb.h). A fake guest's page walk maps
 *
 *   memory index 0, 2, 3:  virtual = physical, but for one unmapped page
 *                          and one read-only page
 *   memory index 1:        virtual v -> physical v + 0x10000 (v < 0x10000)
 *
 * over RAM at physical 0 and a device at 0x40000 whose callbacks record
 * every access. Blocks are built by hand and run on each backend; each
 * access is made twice (a TLB miss, then a hit), with values live in
 * caller-saved registers around it. Expected values come from the RAM's
 * bytes and plain arithmetic. Then the engine in system mode: a store to
 * a page of translated code invalidates the block, goto_tb chains only
 * inside one guest page, a block ends with the page of its pc, and
 * cpu_exec_step runs one instruction. */
#include <stddef.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend_test.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"

enum {
    RAM_SIZE = 0x20000,
    MMIO_BASE = 0x40000,
    MMIO_SIZE = 0x1000,
    UNMAPPED_PAGE = 0x5000,
    READONLY_PAGE = 0x6000,
    IDX1_OFFSET = 0x10000, /* memory index 1 maps v to v + this */
    FAULT_UNMAPPED = 7,    /* the fake walk's fault codes */
    FAULT_READONLY = 9,
    NLIVE = 8,             /* values kept live across each access */
};

static AddressSpace *as;
static uint8_t *ram; /* host memory of physical 0 */

/* ---- the fake guest's page walk -------------------------------------------- */

static int fake_tlb_fill(CpuCommon *cpu, uint64_t vaddr, MemAccess access, unsigned mmu_idx, TlbFill *out)
{
    (void)cpu;
    uint64_t page = vaddr & ~(uint64_t)TLB_PAGE_MASK_LOW;
    *out = (TlbFill){.paddr = vaddr, .prot = TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC,
                     .page_size = TLB_PAGE_SIZE};
    if (mmu_idx == 1) {
        if (vaddr >= IDX1_OFFSET)
            return FAULT_UNMAPPED;
        out->paddr = vaddr + IDX1_OFFSET;
        return 0;
    }
    bool mapped = vaddr < RAM_SIZE || (vaddr >= MMIO_BASE && vaddr < MMIO_BASE + MMIO_SIZE);
    if (!mapped || page == UNMAPPED_PAGE)
        return FAULT_UNMAPPED;
    if (page == READONLY_PAGE) {
        out->prot = TLB_PROT_READ | TLB_PROT_EXEC;
        if (access == MEM_WRITE)
            return FAULT_READONLY;
    }
    return 0;
}

static unsigned fake_code_mmu_idx(const CpuCommon *cpu)
{
    (void)cpu;
    return 0;
}

static const GuestSysOps fake_sys = {.tlb_fill = fake_tlb_fill, .code_mmu_idx = fake_code_mmu_idx};

/* ---- the device: records accesses, reads a pattern ------------------------- */

typedef struct MmioAccess {
    uint64_t offset, value;
    unsigned size;
    bool write;
} MmioAccess;

static MmioAccess mmio_log[16];
static unsigned mmio_count;

static uint64_t mmio_pattern(uint64_t offset, unsigned size)
{
    uint64_t v = 0x0123456789abcdefull ^ (offset * 0x0101010101010101ull);
    return size == 8 ? v : v & ((1ull << (8 * size)) - 1);
}

static void mmio_record(uint64_t offset, uint64_t value, unsigned size, bool write)
{
    if (mmio_count < G_N_ELEMENTS(mmio_log))
        mmio_log[mmio_count] = (MmioAccess){offset, value, size, write};
    mmio_count++;
}

static uint64_t mmio_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque;
    mmio_record(offset, mmio_pattern(offset, size), size, false);
    return mmio_pattern(offset, size);
}

static void mmio_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    (void)opaque;
    mmio_record(offset, value, size, true);
}

static const MemoryRegionOps mmio_ops = {.read = mmio_read, .write = mmio_write, .max_size = 8};

/* ---- the machine ------------------------------------------------------------- */

static GuestArch fake_arch = {.name = "fake-sys", .cpu_size = sizeof(TestCpu), .sys = &fake_sys};

static uint8_t ram_pattern(uint64_t paddr)
{
    return (uint8_t)(paddr * 37 + (paddr >> 8) * 11 + 0x5a);
}

static void fill_ram(void)
{
    for (uint64_t p = 0; p < RAM_SIZE; p++)
        ram[p] = ram_pattern(p);
}

/* bt_reset with the cpu on a fresh TLB over the machine; RAM refilled. */
static void sys_reset(void)
{
    if (bt_cpu.common.tlb)
        tlb_destroy(&bt_cpu.common);
    bt_reset();
    bt_cpu.common.arch = &fake_arch;
    tlb_init(&bt_cpu.common, as);
    fill_ram();
    mmio_count = 0;
}

static IrBlock *sys_block(uint64_t pc)
{
    IrBlock *b = bt_block(pc);
    b->softmmu = true;
    return b;
}

/* The physical address virtual v has in memory index idx (RAM only). */
static uint64_t phys_of(uint64_t v, unsigned idx)
{
    return idx == 1 ? v + IDX1_OFFSET : v;
}

/* What an access of the memop reads from RAM at virtual a (zero-extended). */
static uint64_t ram_value(uint64_t a, unsigned mo)
{
    unsigned size = 1u << (mo & IR_MO_SIZE), idx = (mo & IR_MO_IDX) >> IR_MO_IDX_SHIFT;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        unsigned shift = (mo & IR_MO_BE) ? 8 * (size - 1 - i) : 8 * i;
        v |= (uint64_t)ram[phys_of(a + i, idx)] << shift;
    }
    return v;
}

/* v of `size` bytes extended as the memop says into type t. */
static uint64_t extended(uint64_t v, unsigned mo, IrType t)
{
    unsigned bits = 8u << (mo & IR_MO_SIZE);
    if ((mo & IR_MO_SIGN) && bits < 64)
        v = (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
    return v & bt_mask(t);
}

static uint64_t swap_to(uint64_t v, unsigned size)
{
    uint64_t r = 0;
    for (unsigned i = 0; i < size; i++)
        r |= ((v >> (8 * i)) & 0xff) << (8 * (size - 1 - i));
    return r;
}

/* ---- blocks: accesses with values live around them ---------------------------- */

/* r[20..] = values of r[10..] loaded before the access and stored after
 * it: they live in caller-saved registers across it; one f64 as well. */
typedef struct LiveSet {
    IrTemp v[NLIVE];
    IrTemp f;
} LiveSet;

static LiveSet live_begin(IrBlock *b)
{
    LiveSet l;
    for (unsigned k = 0; k < NLIVE; k++) {
        bt_cpu.r[10 + k] = 0x1111111111111111ull * (k + 1);
        l.v[k] = ir_ld_env(b, IR_I64, OFF_R(10 + k));
    }
    bt_cpu.r[30] = 0x400921fb54442d18ull; /* pi */
    l.f = ir_ld_env(b, IR_F64, OFF_R(30));
    return l;
}

static void live_end(IrBlock *b, const LiveSet *l)
{
    for (unsigned k = 0; k < NLIVE; k++)
        ir_st_env(b, IR_I64, OFF_R(20 + k), l->v[k]);
    ir_st_env(b, IR_F64, OFF_R(31), l->f);
}

static void live_check(void)
{
    for (unsigned k = 0; k < NLIVE; k++)
        g_assert_cmphex(bt_cpu.r[20 + k], ==, 0x1111111111111111ull * (k + 1));
    g_assert_cmphex(bt_cpu.r[31], ==, 0x400921fb54442d18ull);
}

/* The address in r[1], as an i32 (a 32-bit guest) or i64. */
static IrTemp address(IrBlock *b, bool addr32, uint64_t a)
{
    bt_cpu.r[1] = a;
    return ir_ld_env(b, addr32 ? IR_I32 : IR_I64, OFF_R(1));
}

/* r[0] and r[2] = two loads of the memop at a into type t. */
static void run_load(uint64_t a, unsigned mo, IrType t, bool addr32)
{
    sys_reset();
    IrBlock *b = sys_block(0x1000);
    ir_insn_start(b, 0x1000);
    LiveSet l = live_begin(b);
    IrTemp at = address(b, addr32, a);
    ir_st_env(b, t, OFF_R(0), ir_ld(b, t, mo, at));
    ir_insn_start(b, 0x1004);
    ir_st_env(b, t, OFF_R(2), ir_ld(b, t, mo, at));
    live_end(b, &l);
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    uint64_t want = extended(ram_value(a, mo), mo, t);
    g_assert_cmphex(bt_cpu.r[0], ==, want);
    g_assert_cmphex(bt_cpu.r[2], ==, want);
    live_check();
}

static const uint64_t load_addrs[] = {
    0x1234,         /* inside a page */
    0x2ffd,         /* crossing into the next page (for 4 and 8 bytes) */
    0x3fff,         /* crossing for 2 bytes and more */
    0x6ff8,         /* the read-only page reads */
};

static void test_loads(void)
{
    for (unsigned size = 0; size <= 3; size++)
        for (unsigned flags = 0; flags < 4; flags++)
            for (unsigned idx = 0; idx < 2; idx++)
                for (size_t i = 0; i < G_N_ELEMENTS(load_addrs); i++) {
                    unsigned mo = size | (flags & 1 ? IR_MO_BE : 0) | (flags & 2 ? IR_MO_SIGN : 0) |
                                  idx << IR_MO_IDX_SHIFT;
                    if (size < 3)
                        run_load(load_addrs[i], mo, IR_I32, idx == 1);
                    run_load(load_addrs[i], mo, IR_I64, idx == 0);
                }
}

/* Two stores of the memop (value r[3] to a, the constant cv to a + 16, or
 * both from registers when !as_const), then the RAM bytes are checked. */
static void run_store(uint64_t a, unsigned mo, IrType t, bool as_const)
{
    unsigned size = 1u << (mo & IR_MO_SIZE), idx = (mo & IR_MO_IDX) >> IR_MO_IDX_SHIFT;
    uint64_t v = 0xf1e2d3c4b5a69788ull & bt_mask(t), cv = 0x8877665544332211ull & bt_mask(t);
    sys_reset();
    bt_cpu.r[3] = v;
    bt_cpu.r[4] = cv;
    IrBlock *b = sys_block(0x1000);
    ir_insn_start(b, 0x1000);
    LiveSet l = live_begin(b);
    IrTemp at = address(b, t == IR_I32, a);
    ir_st(b, mo, at, ir_ld_env(b, t, OFF_R(3)));
    ir_insn_start(b, 0x1004);
    IrTemp second = as_const ? ir_const(b, t, cv) : ir_ld_env(b, t, OFF_R(4));
    ir_st(b, mo, ir_addi(b, at, 16), second);
    live_end(b, &l);
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    uint64_t want = (mo & IR_MO_BE) ? swap_to(v & mask, size) : v & mask;
    uint64_t want2 = (mo & IR_MO_BE) ? swap_to(cv & mask, size) : cv & mask;
    for (unsigned i = 0; i < size; i++) {
        g_assert_cmphex(ram[phys_of(a + i, idx)], ==, (want >> (8 * i)) & 0xff);
        g_assert_cmphex(ram[phys_of(a + 16 + i, idx)], ==, (want2 >> (8 * i)) & 0xff);
    }
    /* the bytes around are untouched */
    g_assert_cmphex(ram[phys_of(a - 1, idx)], ==, ram_pattern(phys_of(a - 1, idx)));
    g_assert_cmphex(ram[phys_of(a + size, idx)], ==, ram_pattern(phys_of(a + size, idx)));
    live_check();
}

static void test_stores(void)
{
    static const uint64_t addrs[] = {0x1238, 0x2ffb, 0x3fef};
    for (unsigned size = 0; size <= 3; size++)
        for (unsigned be = 0; be < 2; be++)
            for (unsigned idx = 0; idx < 2; idx++)
                for (size_t i = 0; i < G_N_ELEMENTS(addrs); i++)
                    for (unsigned as_const = 0; as_const < 2; as_const++) {
                        unsigned mo = size | (be ? IR_MO_BE : 0) | idx << IR_MO_IDX_SHIFT;
                        if (size < 3)
                            run_store(addrs[i], mo, IR_I32, as_const);
                        run_store(addrs[i], mo, IR_I64, as_const);
                    }
}

/* Memory indexes 2 and 3 have tables of their own: an access through
 * each fills only its own. */
static void test_memory_indexes(void)
{
    for (unsigned idx = 0; idx < TLB_MAX_MMU_IDX; idx++)
        run_load(0x1a00 + 8 * idx, IR_MO_32 | IR_MO_BE | idx << IR_MO_IDX_SHIFT, IR_I64, false);
}

static void test_mmio(void)
{
    for (unsigned size = 0; size <= 3; size++)
        for (unsigned be = 0; be < 2; be++) {
            unsigned mo = size | (be ? IR_MO_BE : 0), n = 1u << size;
            uint64_t off = 0x20 + 8 * size;
            sys_reset();
            bt_cpu.r[3] = 0xa1b2c3d4e5f60718ull;
            IrBlock *b = sys_block(0x1000);
            ir_insn_start(b, 0x1000);
            LiveSet l = live_begin(b);
            IrTemp at = address(b, false, MMIO_BASE + off);
            ir_st_env(b, IR_I64, OFF_R(0), ir_ld(b, IR_I64, mo, at));
            ir_insn_start(b, 0x1004);
            ir_st(b, mo, at, ir_ld_env(b, IR_I64, OFF_R(3)));
            live_end(b, &l);
            ir_exit(b, EXIT_HALT);
            g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
            uint64_t mask = n == 8 ? ~0ull : (1ull << (8 * n)) - 1;
            uint64_t dev = mmio_pattern(off, n);
            g_assert_cmphex(bt_cpu.r[0], ==, be ? swap_to(dev, n) : dev);
            g_assert_cmpuint(mmio_count, ==, 2);
            g_assert_false(mmio_log[0].write);
            g_assert_cmphex(mmio_log[0].offset, ==, off);
            g_assert_cmpuint(mmio_log[0].size, ==, n);
            g_assert_true(mmio_log[1].write);
            g_assert_cmphex(mmio_log[1].offset, ==, off);
            g_assert_cmpuint(mmio_log[1].size, ==, n);
            uint64_t stored = 0xa1b2c3d4e5f60718ull & mask;
            g_assert_cmphex(mmio_log[1].value, ==, be ? swap_to(stored, n) : stored);
            live_check();
        }
}

/* r[5] = 111 (first instruction); the access (second, at 0x1004);
 * r[6] = 222 (third): a fault leaves r[5] set and r[6], r[0] untouched. */
static ExitReason run_faulting(bool store, uint64_t a)
{
    sys_reset();
    IrBlock *b = sys_block(0x1000);
    ir_insn_start(b, 0x1000);
    ir_st_env(b, IR_I64, OFF_R(5), ir_const64(b, 111));
    ir_insn_start(b, 0x1004);
    IrTemp at = address(b, false, a);
    if (store)
        ir_st(b, IR_MO_32 | IR_MO_BE, at, ir_ld_env(b, IR_I32, OFF_R(3)));
    else
        ir_st_env(b, IR_I64, OFF_R(0), ir_ld(b, IR_I64, IR_MO_64, at));
    ir_insn_start(b, 0x1008);
    ir_st_env(b, IR_I64, OFF_R(6), ir_const64(b, 222));
    ir_exit(b, EXIT_HALT);
    return bt_run_block(b);
}

static void check_fault(uint64_t a, int code)
{
    g_assert_cmphex(bt_cpu.common.exception_addr, ==, a);
    g_assert_cmpint(bt_cpu.common.exception_code, ==, code);
    g_assert_cmphex(bt_cpu.common.insn_pc, ==, 0x1004);
    g_assert_cmphex(bt_cpu.common.pc, ==, 0x1004);
    g_assert_cmpuint(bt_cpu.r[5], ==, 111);
    g_assert_cmpuint(bt_cpu.r[6], ==, 0);
    g_assert_cmpuint(bt_cpu.r[0], ==, 0);
}

static void test_faults(void)
{
    g_assert_cmpint(run_faulting(false, UNMAPPED_PAGE + 0x10), ==, EXIT_FAULT);
    check_fault(UNMAPPED_PAGE + 0x10, FAULT_UNMAPPED);
    /* the second page of a crossing access is the one refused */
    g_assert_cmpint(run_faulting(false, UNMAPPED_PAGE - 4), ==, EXIT_FAULT);
    check_fault(UNMAPPED_PAGE, FAULT_UNMAPPED);

    g_assert_cmpint(run_faulting(true, READONLY_PAGE + 0x20), ==, EXIT_FAULT);
    check_fault(READONLY_PAGE + 0x20, FAULT_READONLY);
    for (unsigned i = 0; i < 4; i++)
        g_assert_cmphex(ram[READONLY_PAGE + 0x20 + i], ==, ram_pattern(READONLY_PAGE + 0x20 + i));
}

/* r[0] = cmpxchg(memop, a, expected r[1]... ): once matching, once not. */
static void run_cmpxchg(unsigned mo, IrType t, bool match)
{
    unsigned size = 1u << (mo & IR_MO_SIZE);
    uint64_t a = 0x2340, mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    sys_reset();
    uint64_t old = ram_value(a, mo);
    uint64_t expected = match ? extended(old, mo, t) : (old ^ 1) & mask;
    uint64_t desired = 0x0fedcba987654321ull & bt_mask(t);
    bt_cpu.r[2] = expected;
    bt_cpu.r[3] = desired;
    IrBlock *b = sys_block(0x1000);
    ir_insn_start(b, 0x1000);
    LiveSet l = live_begin(b);
    IrTemp at = address(b, false, a);
    IrTemp r = ir_cmpxchg(b, mo, at, ir_ld_env(b, t, OFF_R(2)), ir_ld_env(b, t, OFF_R(3)));
    ir_st_env(b, t, OFF_R(0), r);
    live_end(b, &l);
    ir_exit(b, EXIT_HALT);
    g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
    g_assert_cmphex(bt_cpu.r[0], ==, extended(old, mo, t));
    g_assert_cmphex(ram_value(a, mo), ==, match ? desired & mask : old);
    live_check();
}

static void test_cmpxchg(void)
{
    for (unsigned size = 0; size <= 3; size++)
        for (unsigned flags = 0; flags < 4; flags++)
            for (unsigned match = 0; match < 2; match++) {
                unsigned mo = size | (flags & 1 ? IR_MO_BE : 0) | (flags & 2 ? IR_MO_SIGN : 0);
                if (size < 3)
                    run_cmpxchg(mo, IR_I32, match);
                run_cmpxchg(mo, IR_I64, match);
            }
}

static const BackendTest tests[] = {
    {"softmmu/loads", test_loads},
    {"softmmu/stores", test_stores},
    {"softmmu/memory-indexes", test_memory_indexes},
    {"softmmu/mmio", test_mmio},
    {"softmmu/faults", test_faults},
    {"softmmu/cmpxchg", test_cmpxchg},
};

/* ---- the engine in system mode ----------------------------------------------------
 * A guest of 4-byte little-endian words, op << 24 | imm:
 *   ADD k:     counter += k
 *   STORE a:   32-bit store of `data` at virtual a (memory index 0)
 *   GOTO t:    goto_tb slot 0 to t; ends the block
 *   HALT:      pc = the next word; exit HALT; ends the block */
enum { OP_ADD = 1, OP_STORE = 2, OP_GOTO = 3, OP_HALT = 4 };
#define INSN(op, imm) ((uint32_t)(op) << 24 | (uint32_t)(imm))

typedef struct EngineCpu {
    CpuCommon common;
    uint64_t counter, data;
} EngineCpu;

static void engine_insn(IrBlock *b, uint64_t pc, uint32_t insn, bool *end)
{
    uint32_t imm = insn & 0xffffff;
    *end = true;
    switch (insn >> 24) {
    case OP_ADD: {
        IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, offsetof(EngineCpu, counter)), imm);
        ir_st_env(b, IR_I64, offsetof(EngineCpu, counter), v);
        *end = false;
        return;
    }
    case OP_STORE:
        ir_st(b, IR_MO_32, ir_const64(b, imm), ir_ld_env(b, IR_I32, offsetof(EngineCpu, data)));
        *end = false;
        return;
    case OP_GOTO:
        ir_goto_tb(b, 0, imm);
        return;
    default:
        ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), ir_const64(b, pc + 4));
        ir_exit(b, EXIT_HALT);
        return;
    }
}

static void engine_translate_fake(TranslateCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint64_t pc = b->pc;
    bool end = false;
    for (uint32_t n = 1; !end; n++, pc += 4) {
        uint32_t insn = 0;
        g_assert_true(ctx->fetch(ctx->cpu, pc, &insn, sizeof insn));
        ir_insn_start(b, pc);
        engine_insn(b, pc, insn, &end);
        if (!end && n == ctx->max_insns) {
            ir_goto_tb(b, 0, pc + 4);
            end = true;
        }
        b->guest_insns = n;
        b->guest_size = 4 * n;
    }
}

static GuestArch engine_arch = {
    .name = "fake-sys-engine",
    .cpu_size = sizeof(EngineCpu),
    .translate = engine_translate_fake,
    .sys = &fake_sys,
};

static void poke(uint64_t paddr, uint32_t insn)
{
    memcpy(ram + paddr, &insn, sizeof insn);
}

typedef struct EngineRig {
    Engine *e;
    EngineCpu cpu;
} EngineRig;

static void rig_open(EngineRig *rig, const Backend *backend)
{
    memset(ram, 0, RAM_SIZE);
    EngineOptions opt = {
        .backend = backend,
        .optimize = true,
        .fetch = softmmu_fetch,
        .code_added = softmmu_code_added,
        .system = true,
        .code_phys = softmmu_code_phys,
    };
    rig->e = engine_new(&engine_arch, &opt);
    memset(&rig->cpu, 0, sizeof rig->cpu);
    rig->cpu.common.arch = &engine_arch;
    tlb_init(&rig->cpu.common, as);
    engine_attach_cpu(rig->e, &rig->cpu.common);
}

static void rig_close(EngineRig *rig)
{
    engine_detach_cpu(rig->e, &rig->cpu.common);
    tlb_destroy(&rig->cpu.common);
    engine_free(rig->e);
}

static ExitReason rig_run(EngineRig *rig, uint64_t pc)
{
    rig->cpu.common.pc = pc;
    return cpu_exec(&rig->cpu.common);
}

static TranslationBlock *cached_block(const EngineRig *rig, uint64_t pc)
{
    TranslationBlock *tb = rig->cpu.common.jmp_cache[tb_jmp_cache_hash(pc)];
    g_assert_nonnull(tb);
    g_assert_cmphex(tb->pc, ==, pc);
    return tb;
}

/* A store into a page of translated code drops its blocks: the next run
 * translates the new instruction. */
static void test_engine_store_invalidates(gconstpointer data)
{
    EngineRig rig;
    rig_open(&rig, data);
    poke(0x3000, INSN(OP_ADD, 1));
    poke(0x3004, INSN(OP_HALT, 0));
    poke(0x1000, INSN(OP_STORE, 0x3000));
    poke(0x1004, INSN(OP_HALT, 0));
    g_assert_cmpint(rig_run(&rig, 0x3000), ==, EXIT_HALT);
    g_assert_cmpuint(rig.cpu.counter, ==, 1);
    g_assert_cmphex(cached_block(&rig, 0x3000)->code_start, ==, 0x3000);

    rig.cpu.data = INSN(OP_ADD, 5);
    g_assert_cmpint(rig_run(&rig, 0x1000), ==, EXIT_HALT);
    g_assert_cmpuint(engine_stats(rig.e)->blocks_invalidated, >=, 1);
    g_assert_cmpint(rig_run(&rig, 0x3000), ==, EXIT_HALT);
    g_assert_cmpuint(rig.cpu.counter, ==, 6);
    rig_close(&rig);
}

/* goto_tb chains to a block of the same guest page, never across pages;
 * a mapping change forgets the jump cache. */
static void test_engine_chains_in_page(gconstpointer data)
{
    EngineRig rig;
    rig_open(&rig, data);
    poke(0x1000, INSN(OP_ADD, 1));
    poke(0x1004, INSN(OP_GOTO, 0x1100));
    poke(0x1100, INSN(OP_ADD, 2));
    poke(0x1104, INSN(OP_GOTO, 0x2000));
    poke(0x2000, INSN(OP_ADD, 4));
    poke(0x2004, INSN(OP_HALT, 0));
    for (unsigned run = 1; run <= 2; run++) {
        g_assert_cmpint(rig_run(&rig, 0x1000), ==, EXIT_HALT);
        g_assert_cmpuint(rig.cpu.counter, ==, 7 * run);
    }
    TranslationBlock *first = cached_block(&rig, 0x1000), *second = cached_block(&rig, 0x1100);
    cached_block(&rig, 0x2000);
    g_assert_true(first->jmp_next[0] == second);
    g_assert_null(second->jmp_next[0]);

    engine_cpu_mappings_changed(&rig.cpu.common);
    for (uint32_t h = 0; h < TB_JMP_CACHE_SIZE; h++)
        g_assert_null(rig.cpu.common.jmp_cache[h]);
    g_assert_cmpint(rig_run(&rig, 0x1000), ==, EXIT_HALT);
    g_assert_cmpuint(rig.cpu.counter, ==, 21);
    g_assert_cmpuint(engine_stats(rig.e)->blocks_translated, ==, 3);
    rig_close(&rig);
}

/* A block ends where the virtual page of its pc does. */
static void test_engine_blocks_end_at_page(gconstpointer data)
{
    EngineRig rig;
    rig_open(&rig, data);
    poke(0x1ff8, INSN(OP_ADD, 1));
    poke(0x1ffc, INSN(OP_ADD, 2));
    poke(0x2000, INSN(OP_ADD, 4));
    poke(0x2004, INSN(OP_HALT, 0));
    g_assert_cmpint(rig_run(&rig, 0x1ff8), ==, EXIT_HALT);
    g_assert_cmpuint(rig.cpu.counter, ==, 7);
    TranslationBlock *first = cached_block(&rig, 0x1ff8);
    g_assert_cmpuint(first->guest_insns, ==, 2);
    g_assert_cmpuint(first->guest_size, ==, 8);
    g_assert_cmpuint(cached_block(&rig, 0x2000)->guest_insns, ==, 2);
    rig_close(&rig);
}

/* cpu_exec_step runs one instruction, even where blocks are chained,
 * and an instruction that leaves with its own reason keeps it. */
static void test_engine_step(gconstpointer data)
{
    EngineRig rig;
    rig_open(&rig, data);
    poke(0x1000, INSN(OP_ADD, 1));
    poke(0x1004, INSN(OP_GOTO, 0x1010));
    poke(0x1010, INSN(OP_ADD, 2));
    poke(0x1014, INSN(OP_HALT, 0));
    g_assert_cmpint(rig_run(&rig, 0x1000), ==, EXIT_HALT);
    g_assert_cmpuint(rig.cpu.counter, ==, 3);
    static const struct {
        uint64_t pc_after, counter;
        ExitReason reason;
    } steps[] = {
        {0x1004, 4, EXIT_DEBUG}, {0x1010, 4, EXIT_DEBUG}, {0x1014, 6, EXIT_DEBUG}, {0x1018, 6, EXIT_HALT},
    };
    rig.cpu.common.pc = 0x1000;
    for (size_t i = 0; i < G_N_ELEMENTS(steps); i++) {
        g_assert_cmpint(cpu_exec_step(&rig.cpu.common), ==, steps[i].reason);
        g_assert_cmphex(rig.cpu.common.pc, ==, steps[i].pc_after);
        g_assert_cmpuint(rig.cpu.counter, ==, steps[i].counter);
    }
    rig_close(&rig);
}

static void add_engine_tests(void)
{
    static const Backend *const engine_backends[] = {
#ifdef MORPH_HAVE_JIT
        &backend_jit,
#endif
        &backend_interp,
    };
    for (size_t i = 0; i < G_N_ELEMENTS(engine_backends); i++) {
        const Backend *be = engine_backends[i];
        char *path = g_strdup_printf("/%s/softmmu/engine-store-invalidates", be->name);
        g_test_add_data_func(path, be, test_engine_store_invalidates);
        g_free(path);
        path = g_strdup_printf("/%s/softmmu/engine-chains-in-page", be->name);
        g_test_add_data_func(path, be, test_engine_chains_in_page);
        g_free(path);
        path = g_strdup_printf("/%s/softmmu/engine-step", be->name);
        g_test_add_data_func(path, be, test_engine_step);
        g_free(path);
        path = g_strdup_printf("/%s/softmmu/engine-blocks-end-at-page", be->name);
        g_test_add_data_func(path, be, test_engine_blocks_end_at_page);
        g_free(path);
    }
}

int main(int argc, char **argv)
{
    bt_init(&argc, &argv);
    as = as_new();
    as_add_ram(as, "ram", 0, RAM_SIZE);
    as_add_mmio(as, "recorder", MMIO_BASE, MMIO_SIZE, &mmio_ops, NULL, 0);
    ram = as_host_ptr(as, 0, RAM_SIZE);
    bt_add(tests, G_N_ELEMENTS(tests));
    add_engine_tests();
    int rc = bt_run();
    if (bt_cpu.common.tlb)
        tlb_destroy(&bt_cpu.common);
    as_free(as);
    return rc;
}
