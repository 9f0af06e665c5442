/* tests/unit/test_softmmu.c — the softmmu (softmmu/memory.c, tlb.c,
 * code.c, watch.c): the physical address space (region priority,
 * overlap, move, enable, remove, MMIO byte order and splitting, unmapped
 * and ROM accesses, byte copies) and the TLB of a fake guest whose page
 * walk maps a few virtual pages with given permissions and refuses the
 * rest with its own fault codes: fills and the hit path, memory indexes,
 * flushes, page-crossing accesses, faults, compare-and-exchange, code
 * pages (blocks of a tiny fake instruction set run on the engine in
 * system mode are dropped when their page is written), watchpoints and
 * the debugger's accesses. Every expected value follows from the test's
 * own set-up: the walk's table, the bytes it puts in memory, the values
 * its devices return. */
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"
#include "util/log.h"

/* ---- the fake guest's physical and virtual memory ------------------------
 *
 *   physical                       virtual (memory index 0 unless said)
 *   0x000000  RAM 64 KiB           0x40000000 -> 0x0000 rw   (page 0)
 *                                  0x40001000 -> 0x3000 rw   (next page elsewhere)
 *                                  0x40002000 -> 0x5000 r    (read only)
 *                                  0x40003000 -> 0x6000 x    (execute only)
 *                                  0x00010000 -> 0x8000 rwx  (code)
 *                                  0x40000000 -> 0x9000 r    in memory index 1
 *   0x100000  ROM 8 KiB            0x50000000 -> 0x100000 rwx
 *   0x200000  MMIO 0x100           0x60000000 -> 0x200000 rw
 *                                  0x60001000 -> 0x200000 rwx
 *   0x900000  nothing              0x70000000 -> 0x900000 rw
 *                                  0x80000000: not mapped (FAULT_NOT_MAPPED)
 */
enum {
    RAM_BASE = 0x0,
    RAM_SIZE = 0x10000,
    ROM_BASE = 0x100000,
    ROM_SIZE = 0x2000,
    DEV_BASE = 0x200000,
    DEV_SIZE = 0x100,
    HOLE = 0x900000,

    V_RAM = 0x40000000,
    V_RAM2 = 0x40001000,
    V_RO = 0x40002000,
    V_XO = 0x40003000,
    V_CODE = 0x10000,
    V_ROM = 0x50000000,
    V_DEV = 0x60000000,
    V_DEV_EXEC = 0x60001000,
    V_HOLE = 0x70000000,
    V_UNMAPPED = 0x80000000,

    P_RAM2 = 0x3000,
    P_RO = 0x5000,
    P_XO = 0x6000,
    P_CODE = 0x8000,
    P_IDX1 = 0x9000,
};

enum { FAULT_NOT_MAPPED = 7, FAULT_PROTECTION = 9 };
enum { RWX = TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC, RW = TLB_PROT_READ | TLB_PROT_WRITE };

typedef struct Mapping {
    uint64_t vpage, ppage;
    unsigned prot, mmu_idx;
} Mapping;

static const Mapping mappings[] = {
    {V_RAM, RAM_BASE, RW, 0},       {V_RAM2, P_RAM2, RW, 0},  {V_RO, P_RO, TLB_PROT_READ, 0},
    {V_XO, P_XO, TLB_PROT_EXEC, 0}, {V_CODE, P_CODE, RWX, 0}, {V_RAM, P_IDX1, TLB_PROT_READ, 1},
    {V_ROM, ROM_BASE, RWX, 0},      {V_DEV, DEV_BASE, RW, 0}, {V_DEV_EXEC, DEV_BASE, RWX, 0},
    {V_HOLE, HOLE, RW, 0},
};

static unsigned fills; /* tlb_fill calls */

static int fake_tlb_fill(CpuCommon *cpu, uint64_t vaddr, MemAccess access, unsigned mmu_idx, TlbFill *out)
{
    (void)cpu;
    static const unsigned needed[] = {
        [MEM_READ] = TLB_PROT_READ, [MEM_WRITE] = TLB_PROT_WRITE, [MEM_FETCH] = TLB_PROT_EXEC};
    fills++;
    for (size_t i = 0; i < G_N_ELEMENTS(mappings); i++) {
        const Mapping *m = &mappings[i];
        if (m->mmu_idx != mmu_idx || (vaddr & ~(uint64_t)0xfff) != m->vpage)
            continue;
        if (!(m->prot & needed[access]))
            return FAULT_PROTECTION;
        *out = (TlbFill){m->ppage | (vaddr & 0xfff), m->prot, TLB_PAGE_SIZE};
        return 0;
    }
    return FAULT_NOT_MAPPED;
}

static unsigned idx_zero(const CpuCommon *cpu)
{
    (void)cpu;
    return 0;
}

/* ---- the fake instruction set (4-byte host-order words in guest RAM) ---
 *   ADD k:    counter += k
 *   SYSCALL:  pc = next; exit SYSCALL; ends the block
 *   else:     exit ILLEGAL */
enum { OP_ADD = 1, OP_SYSCALL = 3 };
#define ADD(k) ((uint32_t)OP_ADD << 24 | (uint32_t)(k))
#define SYSCALL ((uint32_t)OP_SYSCALL << 24)

typedef struct FakeCpu {
    CpuCommon common;
    uint64_t counter;
} FakeCpu;

static unsigned translations;

static void fake_translate(TranslateCtx *ctx)
{
    IrBlock *b = ctx->ir;
    uint64_t pc = b->pc;
    translations++;
    for (uint32_t n = 1;; n++, pc += 4) {
        uint32_t insn = 0;
        ctx->fetch(ctx->cpu, pc, &insn, sizeof insn);
        ir_insn_start(b, pc);
        if (insn >> 24 == OP_ADD) {
            IrTemp v = ir_addi(b, ir_ld_env(b, IR_I64, offsetof(FakeCpu, counter)), insn & 0xffffff);
            ir_st_env(b, IR_I64, offsetof(FakeCpu, counter), v);
            continue;
        }
        ir_st_env(b, IR_I64, offsetof(CpuCommon, pc), ir_const64(b, insn == SYSCALL ? pc + 4 : pc));
        ir_exit(b, insn == SYSCALL ? EXIT_SYSCALL : EXIT_ILLEGAL);
        b->guest_insns = n;
        b->guest_size = 4 * n;
        return;
    }
}

static const GuestSysOps fake_sys = {
    .tlb_fill = fake_tlb_fill,
    .code_mmu_idx = idx_zero,
    .data_mmu_idx = idx_zero,
};

static const GuestArch fake_arch = {
    .name = "fake",
    .cpu_size = sizeof(FakeCpu),
    .translate = fake_translate,
    .sys = &fake_sys,
};

/* ---- a device: byte order, widest access, and a record of accesses ---- */

typedef struct DevAccess {
    uint64_t offset, value;
    unsigned size;
    bool write;
} DevAccess;

typedef struct Device {
    DevAccess log[16];
    unsigned n;
} Device;

/* Every register reads as a function of its offset and size. */
static uint64_t dev_value(uint64_t offset, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v = v << 8 | (uint8_t)(0xa0 + offset + i);
    return v;
}

static uint64_t dev_read(void *opaque, uint64_t offset, unsigned size)
{
    Device *d = opaque;
    uint64_t v = dev_value(offset, size);
    if (d->n < G_N_ELEMENTS(d->log))
        d->log[d->n++] = (DevAccess){offset, v, size, false};
    return v;
}

static void dev_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Device *d = opaque;
    if (d->n < G_N_ELEMENTS(d->log))
        d->log[d->n++] = (DevAccess){offset, value, size, true};
}

static const MemoryRegionOps dev_be_ops = {dev_read, dev_write, true, 0};
static const MemoryRegionOps dev_le_ops = {dev_read, dev_write, false, 0};
static const MemoryRegionOps dev_le_16bit_ops = {dev_read, dev_write, false, 2};
static const MemoryRegionOps dev_be_8bit_ops = {dev_read, dev_write, true, 1};

static void assert_access(const Device *d, unsigned i, bool write, uint64_t offset, unsigned size,
                          uint64_t value)
{
    g_assert_cmpuint(i, <, d->n);
    g_assert_cmpint(d->log[i].write, ==, write);
    g_assert_cmphex(d->log[i].offset, ==, offset);
    g_assert_cmpuint(d->log[i].size, ==, size);
    g_assert_cmphex(d->log[i].value, ==, value);
}

/* ---- log capture ------------------------------------------------------- */

static char *log_text;
static size_t log_len;

static void log_capture(unsigned items)
{
    log_mask = items;
    log_file = open_memstream(&log_text, &log_len);
}

/* What was logged since log_capture (g_free it). */
static char *log_release(void)
{
    fclose(log_file);
    log_file = NULL;
    log_mask = 0;
    char *text = log_text;
    log_text = NULL;
    return text;
}

/* ---- the address space alone ------------------------------------------ */

static unsigned map_changes;

static void count_map_change(void *opaque)
{
    (void)opaque;
    map_changes++;
}

static void test_region_priority(void)
{
    AddressSpace *as = as_new();
    as_set_map_changed(as, count_map_change, NULL);
    map_changes = 0;
    Device d1 = {0}, d2 = {0}, d3 = {0};
    MemoryRegion *ram = as_add_ram(as, "ram", 0, 0x10000);
    MemoryRegion *a = as_add_mmio(as, "a", 0x4000, 0x100, &dev_le_ops, &d1, 1);
    g_assert_cmpuint(map_changes, ==, 2);

    uint64_t off = 0;
    g_assert_true(as_find(as, 0x3fff, &off) == ram);
    g_assert_cmphex(off, ==, 0x3fff);
    g_assert_true(as_find(as, 0x4010, &off) == a);
    g_assert_cmphex(off, ==, 0x10);
    g_assert_true(as_find(as, 0x4100, &off) == ram);
    g_assert_cmphex(off, ==, 0x4100);
    g_assert_null(as_find(as, 0x10000, &off));

    /* an equal priority added later wins; a lower one never shows */
    MemoryRegion *b = as_add_mmio(as, "b", 0x4080, 0x100, &dev_le_ops, &d2, 1);
    MemoryRegion *low = as_add_mmio(as, "low", 0x3000, 0x2000, &dev_le_ops, &d3, -1);
    g_assert_true(as_find(as, 0x407f, NULL) == a);
    g_assert_true(as_find(as, 0x4080, &off) == b);
    g_assert_cmphex(off, ==, 0);
    g_assert_true(as_find(as, 0x4170, NULL) == b);
    g_assert_true(as_find(as, 0x3000, NULL) == ram);

    /* disabled, it uncovers what lies below; moved, it answers elsewhere */
    as_set_enabled(as, b, false);
    g_assert_true(as_find(as, 0x4090, NULL) == a);
    g_assert_true(as_find(as, 0x4150, NULL) == ram);
    as_set_enabled(as, b, true);
    as_move(as, b, 0x20000);
    g_assert_true(as_find(as, 0x4090, NULL) == a);
    g_assert_true(as_find(as, 0x20010, &off) == b);
    g_assert_cmphex(off, ==, 0x10);

    /* removed, RAM shows through; the lower one shows past RAM's end */
    as_remove(as, a);
    g_assert_true(as_find(as, 0x4010, NULL) == ram);
    as_move(as, low, 0xff00);
    g_assert_true(as_find(as, 0xffff, NULL) == ram);
    g_assert_true(as_find(as, 0x10000, &off) == low);
    g_assert_cmphex(off, ==, 0x100);
    g_assert_cmpuint(map_changes, ==, 9);

    /* a region may end at the very top of the address space */
    MemoryRegion *top = as_add_mmio(as, "top", UINT64_MAX - 0xfff, 0x1000, &dev_le_ops, &d1, 0);
    g_assert_true(as_find(as, UINT64_MAX, &off) == top);
    g_assert_cmphex(off, ==, 0xfff);
    g_assert_null(as_find(as, UINT64_MAX - 0x1000, NULL));
    as_free(as);
}

static void test_host_ptr(void)
{
    AddressSpace *as = as_new();
    MemoryRegion *ram = as_add_ram(as, "ram", 0x10000, 0x4000);
    Device d = {0};
    as_add_mmio(as, "dev", 0x12000, 0x10, &dev_le_ops, &d, 1);
    g_assert_true(as_host_ptr(as, 0x10010, 0x100) == ram->host + 0x10);
    g_assert_null(as_host_ptr(as, 0x11ff0, 0x20)); /* runs into the device */
    g_assert_null(as_host_ptr(as, 0x12000, 4));
    g_assert_true(as_host_ptr(as, 0x12010, 0x1ff0) == ram->host + 0x2010);
    g_assert_null(as_host_ptr(as, 0x13ff0, 0x11)); /* past the end of RAM */
    g_assert_cmpuint((uintptr_t)ram->host % 4096, ==, 0);
    as_free(as);
}

static void test_mmio_byte_order(void)
{
    AddressSpace *as = as_new();
    Device be = {0}, le = {0};
    as_add_mmio(as, "be", 0x1000, 0x100, &dev_be_ops, &be, 0);
    as_add_mmio(as, "le", 0x2000, 0x100, &dev_le_ops, &le, 0);
    /* a big-endian register read big-endian is the register's value */
    g_assert_cmphex(as_ld(as, 0x1010, 2 | IR_MO_BE), ==, 0xb0b1b2b3);
    g_assert_cmphex(as_ld(as, 0x1010, 2), ==, 0xb3b2b1b0);
    g_assert_cmphex(as_ld(as, 0x2010, 2), ==, 0xb0b1b2b3);
    g_assert_cmphex(as_ld(as, 0x2010, 2 | IR_MO_BE), ==, 0xb3b2b1b0);
    g_assert_cmphex(as_ld(as, 0x2020, 3 | IR_MO_BE), ==, 0xc7c6c5c4c3c2c1c0ull);
    assert_access(&be, 0, false, 0x10, 4, 0xb0b1b2b3);
    assert_access(&le, 2, false, 0x20, 8, 0xc0c1c2c3c4c5c6c7ull);
    /* writes: the device gets its register value */
    as_st(as, 0x1004, 0x11223344, 2);
    as_st(as, 0x2004, 0x1122, 1 | IR_MO_BE);
    as_st(as, 0x2008, 0x55, 0);
    assert_access(&be, 2, true, 0x4, 4, 0x44332211);
    assert_access(&le, 3, true, 0x4, 2, 0x2211);
    assert_access(&le, 4, true, 0x8, 1, 0x55);
    as_free(as);
}

/* The bytes a device of max_size pieces shows at [offset, offset+size):
 * each piece is its register value laid out in the device's order. */
static void device_bytes(uint64_t offset, unsigned size, unsigned piece, bool device_be, uint8_t *out)
{
    for (unsigned p = 0; p < size; p += piece) {
        uint64_t v = dev_value(offset + p, piece);
        for (unsigned i = 0; i < piece; i++) {
            unsigned shift = 8 * (device_be ? piece - 1 - i : i);
            out[p + i] = (uint8_t)(v >> shift);
        }
    }
}

static uint64_t bytes_as_value(const uint8_t *bytes, unsigned size, bool big_endian)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)bytes[i] << 8 * (big_endian ? size - 1 - i : i);
    return v;
}

static void test_mmio_split(void)
{
    AddressSpace *as = as_new();
    Device narrow = {0}, bytes = {0};
    as_add_mmio(as, "narrow", 0x1000, 0x100, &dev_le_16bit_ops, &narrow, 0);
    as_add_mmio(as, "bytes", 0x2000, 0x100, &dev_be_8bit_ops, &bytes, 0);
    uint8_t image[8];
    device_bytes(0x10, 8, 2, false, image);
    g_assert_cmphex(as_ld(as, 0x1010, 3), ==, bytes_as_value(image, 8, false));
    g_assert_cmphex(as_ld(as, 0x1010, 3 | IR_MO_BE), ==, bytes_as_value(image, 8, true));
    g_assert_cmpuint(narrow.n, ==, 8);
    for (unsigned i = 0; i < 4; i++)
        assert_access(&narrow, i, false, 0x10 + 2 * i, 2, dev_value(0x10 + 2 * i, 2));

    /* a 4-byte store to a byte-wide device: bytes in address order */
    as_st(as, 0x2000, 0xaabbccdd, 2 | IR_MO_BE);
    as_st(as, 0x2010, 0xaabbccdd, 2);
    static const uint8_t be_bytes[] = {0xaa, 0xbb, 0xcc, 0xdd}, le_bytes[] = {0xdd, 0xcc, 0xbb, 0xaa};
    for (unsigned i = 0; i < 4; i++) {
        assert_access(&bytes, i, true, i, 1, be_bytes[i]);
        assert_access(&bytes, 4 + i, true, 0x10 + i, 1, le_bytes[i]);
    }
    as_free(as);
}

static void test_unmapped_and_rom(void)
{
    AddressSpace *as = as_new();
    MemoryRegion *rom = as_add_rom(as, "rom", 0x1000, 0x1000);
    static const uint8_t firmware[] = {1, 2, 3, 4};
    g_assert_true(as_write(as, 0x1000, firmware, sizeof firmware, true));
    g_assert_cmphex(as_ld(as, 0x1000, 2 | IR_MO_BE), ==, 0x01020304);

    log_capture(LOG_GUEST_ERRORS);
    g_assert_cmphex(as_ld(as, 0x900000, 2), ==, 0);
    as_st(as, 0x900004, 0x1234, 1);
    as_st(as, 0x1000, 0xffffffff, 2);
    char *text = log_release();
    g_assert_nonnull(strstr(text, "guest_errors: read of unmapped physical address 0x900000 (size 4)"));
    g_assert_nonnull(strstr(text, "unmapped physical address 0x900004 (size 2)"));
    g_assert_nonnull(strstr(text, "ROM rom"));
    g_free(text);
    g_assert_cmpmem(rom->host, 4, firmware, 4);

    /* byte copies: ROM only when forced; unmapped bytes read as 0 */
    static const uint8_t other[] = {9, 9};
    g_assert_true(as_write(as, 0x1000, other, sizeof other, false));
    g_assert_cmpmem(rom->host, 4, firmware, 4);
    uint8_t buf[6];
    memset(buf, 0x55, sizeof buf);
    g_assert_false(as_read(as, 0xffe, buf, sizeof buf));
    static const uint8_t expect[] = {0, 0, 1, 2, 3, 4};
    g_assert_cmpmem(buf, sizeof buf, expect, sizeof expect);
    as_free(as);
}

static void test_straddling_access(void)
{
    AddressSpace *as = as_new();
    MemoryRegion *ram = as_add_ram(as, "ram", 0, 0x1000);
    Device d = {0};
    as_add_mmio(as, "dev", 0x1000, 0x10, &dev_be_8bit_ops, &d, 0);
    ram->host[0xffe] = 0x11;
    ram->host[0xfff] = 0x22;
    uint8_t expect[4] = {0x11, 0x22, (uint8_t)dev_value(0, 1), (uint8_t)dev_value(1, 1)};
    g_assert_cmphex(as_ld(as, 0xffe, 2 | IR_MO_BE), ==, bytes_as_value(expect, 4, true));
    as_st(as, 0xfff, 0x3344, 1 | IR_MO_BE);
    g_assert_cmphex(ram->host[0xfff], ==, 0x33);
    assert_access(&d, 2, true, 0, 1, 0x44);
    as_free(as);
}

/* ---- the TLB ---------------------------------------------------------- */

typedef struct Fixture {
    AddressSpace *as;
    MemoryRegion *ram, *rom;
    Device dev;
    FakeCpu cpu;
    Engine *engine;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    (void)data;
    memset(f, 0, sizeof *f);
    f->as = as_new();
    f->ram = as_add_ram(f->as, "ram", RAM_BASE, RAM_SIZE);
    f->rom = as_add_rom(f->as, "rom", ROM_BASE, ROM_SIZE);
    as_add_mmio(f->as, "dev", DEV_BASE, DEV_SIZE, &dev_be_ops, &f->dev, 0);
    f->cpu.common.arch = &fake_arch;
    EngineOptions opt = {
        .optimize = true,
        .fetch = softmmu_fetch,
        .code_added = softmmu_code_added,
        .system = true,
        .code_phys = softmmu_code_phys,
    };
    f->engine = engine_new(&fake_arch, &opt);
    engine_attach_cpu(f->engine, &f->cpu.common);
    tlb_init(&f->cpu.common, f->as);
    fills = 0;
    translations = 0;
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    (void)data;
    tlb_destroy(&f->cpu.common);
    g_assert_null(f->cpu.common.tlb);
    engine_detach_cpu(f->engine, &f->cpu.common);
    engine_free(f->engine);
    as_free(f->as);
}

static CpuCommon *cpu_of(Fixture *f)
{
    return &f->cpu.common;
}

static TlbEntry *entry(Fixture *f, uint64_t vaddr, unsigned mmu_idx)
{
    return &cpu_of(f)->tlb->entry[mmu_idx][(vaddr >> TLB_PAGE_BITS) & (TLB_ENTRIES - 1)];
}

/* Accesses that may leave through cpu_loop_exit, as cpu_exec catches it:
 * the ExitReason (EXIT_NONE if the access completed). */
static int try_load(Fixture *f, uint64_t addr, uint32_t memop, uint64_t insn_pc, uint64_t *value)
{
    CpuCommon *cpu = cpu_of(f);
    int jumped = sigsetjmp(cpu->loop_exit, 0);
    if (jumped)
        return jumped;
    *value = softmmu_ld_slow(cpu, addr, memop, insn_pc);
    return EXIT_NONE;
}

static int try_store(Fixture *f, uint64_t addr, uint64_t value, uint32_t memop, uint64_t insn_pc)
{
    CpuCommon *cpu = cpu_of(f);
    int jumped = sigsetjmp(cpu->loop_exit, 0);
    if (jumped)
        return jumped;
    softmmu_st_slow(cpu, addr, value, memop, insn_pc);
    return EXIT_NONE;
}

static int try_code_phys(Fixture *f, uint64_t pc, uint64_t *paddr)
{
    CpuCommon *cpu = cpu_of(f);
    int jumped = sigsetjmp(cpu->loop_exit, 0);
    if (jumped)
        return jumped;
    *paddr = softmmu_code_phys(cpu, pc);
    return EXIT_NONE;
}

static void assert_fault(Fixture *f, int reason, uint64_t addr, int code, uint64_t insn_pc)
{
    g_assert_cmpint(reason, ==, EXIT_FAULT);
    g_assert_cmphex(cpu_of(f)->exception_addr, ==, addr);
    g_assert_cmpint(cpu_of(f)->exception_code, ==, code);
    g_assert_cmphex(cpu_of(f)->insn_pc, ==, insn_pc);
    g_assert_cmphex(cpu_of(f)->pc, ==, insn_pc);
}

enum { BE32 = 2 | IR_MO_BE, LE32 = 2, BE64 = 3 | IR_MO_BE, IDX1 = 1 << IR_MO_IDX_SHIFT };

static void test_fill_and_hit(Fixture *f, gconstpointer data)
{
    (void)data;
    static const uint8_t bytes[] = {0xde, 0xad, 0xbe, 0xef};
    memcpy(f->ram->host + 0x10, bytes, 4);
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_RAM + 0x10, BE32), ==, 0xdeadbeef);
    g_assert_cmpuint(fills, ==, 1);
    const TlbEntry *e = entry(f, V_RAM, 0);
    g_assert_cmphex(e->tag_read, ==, V_RAM);
    g_assert_cmphex(e->tag_write, ==, V_RAM); /* writable RAM: stores inline too */
    g_assert_cmphex(e->tag_code, ==, TLB_EMPTY_TAG);
    g_assert_true((uint8_t *)(uintptr_t)(V_RAM + 0x10 + e->addend) == f->ram->host + 0x10);
    const TlbExtra *x = &cpu_of(f)->tlb->extra[0][(V_RAM >> TLB_PAGE_BITS) & (TLB_ENTRIES - 1)];
    g_assert_cmphex(x->paddr, ==, RAM_BASE);
    g_assert_true(x->region == f->ram);

    /* hits: no more fills */
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_RAM + 0x10, LE32), ==, 0xefbeadde);
    softmmu_st(cpu_of(f), V_RAM + 0x20, 0x0102030405060708ull, BE64);
    g_assert_cmphex(guest_ld(cpu_of(f), V_RAM + 0x24, BE32), ==, 0x05060708);
    g_assert_cmpuint(fills, ==, 1);
    g_assert_cmphex(f->ram->host[0x20], ==, 0x01);

    /* a read-only page: reads inline, stores never */
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_RO, 0), ==, 0);
    g_assert_cmphex(entry(f, V_RO, 0)->tag_read, ==, V_RO);
    g_assert_cmphex(entry(f, V_RO, 0)->tag_write, ==, TLB_EMPTY_TAG);
}

static void test_memory_indexes(Fixture *f, gconstpointer data)
{
    (void)data;
    f->ram->host[0] = 0x11;
    f->ram->host[P_IDX1] = 0x22;
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_RAM, 0), ==, 0x11);
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_RAM, IDX1), ==, 0x22);
    g_assert_cmphex(entry(f, V_RAM, 1)->tag_read, ==, V_RAM);
    g_assert_cmphex(entry(f, V_RAM, 1)->tag_write, ==, TLB_EMPTY_TAG);
    uint64_t v = 0;
    assert_fault(f, try_store(f, V_RAM + 4, 1, IDX1, 0x700), V_RAM + 4, FAULT_PROTECTION, 0x700);
    assert_fault(f, try_load(f, V_ROM, IDX1, 0x704, &v), V_ROM, FAULT_NOT_MAPPED, 0x704);
    g_assert_cmphex(f->ram->host[P_IDX1 + 4], ==, 0);
}

static void test_rom_and_mmio(Fixture *f, gconstpointer data)
{
    (void)data;
    static const uint8_t firmware[] = {0x12, 0x34};
    g_assert_true(as_write(f->as, ROM_BASE + 0x100, firmware, 2, true));
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_ROM + 0x100, 1 | IR_MO_BE), ==, 0x1234);
    softmmu_st(cpu_of(f), V_ROM + 0x100, 0xffff, 1);
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_ROM + 0x100, 1 | IR_MO_BE), ==, 0x1234);
    const TlbEntry *e = entry(f, V_ROM, 0);
    g_assert_cmphex(e->tag_read, ==, V_ROM);
    g_assert_cmphex(e->tag_write, ==, V_ROM | TLB_MMIO);

    /* MMIO: the device's callbacks, both tags flagged */
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_DEV + 8, BE32), ==, dev_value(8, 4));
    softmmu_st(cpu_of(f), V_DEV + 0xc, 0xcafe, 1 | IR_MO_BE);
    assert_access(&f->dev, 0, false, 8, 4, dev_value(8, 4));
    assert_access(&f->dev, 1, true, 0xc, 2, 0xcafe);
    e = entry(f, V_DEV, 0);
    g_assert_cmphex(e->tag_read, ==, V_DEV | TLB_MMIO);
    g_assert_cmphex(e->tag_write, ==, V_DEV | TLB_MMIO);

    /* physical nothing behind a valid mapping: 0, writes ignored */
    softmmu_st(cpu_of(f), V_HOLE, 0x1234, 2);
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_HOLE, 2), ==, 0);
    g_assert_cmphex(entry(f, V_HOLE, 0)->tag_read, ==, V_HOLE | TLB_MMIO);
}

static void test_page_crossing(Fixture *f, gconstpointer data)
{
    (void)data;
    /* V_RAM and V_RAM2 are adjacent virtually, not physically */
    softmmu_st(cpu_of(f), V_RAM2 - 2, 0xaabbccdd, BE32);
    g_assert_cmphex(f->ram->host[0xffe], ==, 0xaa);
    g_assert_cmphex(f->ram->host[0xfff], ==, 0xbb);
    g_assert_cmphex(f->ram->host[P_RAM2], ==, 0xcc);
    g_assert_cmphex(f->ram->host[P_RAM2 + 1], ==, 0xdd);
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_RAM2 - 2, BE32), ==, 0xaabbccdd);
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_RAM2 - 1, LE32), ==, 0x00ddccbb);
    softmmu_st(cpu_of(f), V_RAM2 - 1, 0x11223344, LE32);
    g_assert_cmphex(f->ram->host[0xfff], ==, 0x44);
    g_assert_cmphex(f->ram->host[P_RAM2 + 2], ==, 0x11);

    /* into a page that refuses the store: nothing is written at all */
    uint64_t before = softmmu_ld(cpu_of(f), V_RO - 4, BE32);
    assert_fault(f, try_store(f, V_RO - 2, 0xffffffff, BE32, 0x800), V_RO, FAULT_PROTECTION, 0x800);
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_RO - 4, BE32), ==, before);
}

static void test_faults(Fixture *f, gconstpointer data)
{
    (void)data;
    uint64_t v = 0;
    assert_fault(f, try_load(f, V_UNMAPPED + 0x10, BE32, 0x900, &v), V_UNMAPPED + 0x10, FAULT_NOT_MAPPED,
                 0x900);
    assert_fault(f, try_load(f, V_XO, BE32, 0x904, &v), V_XO, FAULT_PROTECTION, 0x904);
    assert_fault(f, try_store(f, V_RO + 8, 1, 0, 0x908), V_RO + 8, FAULT_PROTECTION, 0x908);
    g_assert_cmphex(entry(f, V_UNMAPPED, 0)->tag_read, ==, TLB_EMPTY_TAG);
    /* code: the walk's fault, or code outside memory */
    uint64_t paddr = 0;
    g_assert_cmpint(try_code_phys(f, V_CODE + 0x14, &paddr), ==, EXIT_NONE);
    g_assert_cmphex(paddr, ==, P_CODE + 0x14);
    g_assert_cmphex(entry(f, V_CODE, 0)->tag_code, ==, V_CODE);
    assert_fault(f, try_code_phys(f, V_RAM + 8, &paddr), V_RAM + 8, FAULT_PROTECTION, V_RAM + 8);
    assert_fault(f, try_code_phys(f, V_UNMAPPED, &paddr), V_UNMAPPED, FAULT_NOT_MAPPED, V_UNMAPPED);
    g_assert_cmpint(try_code_phys(f, V_XO + 4, &paddr), ==, EXIT_NONE);
    g_assert_cmphex(paddr, ==, P_XO + 4);
    g_assert_cmpint(try_code_phys(f, V_ROM + 0x20, &paddr), ==, EXIT_NONE);
    g_assert_cmphex(paddr, ==, ROM_BASE + 0x20);
    assert_fault(f, try_code_phys(f, V_DEV_EXEC + 8, &paddr), V_DEV_EXEC + 8, SOFTMMU_FAULT_NOT_MEMORY,
                 V_DEV_EXEC + 8);
}

static void test_flushes(Fixture *f, gconstpointer data)
{
    (void)data;
    softmmu_ld(cpu_of(f), V_RAM, 0);
    softmmu_ld(cpu_of(f), V_RAM2, 0);
    softmmu_ld(cpu_of(f), V_RO, 0);
    softmmu_ld(cpu_of(f), V_RAM, IDX1);
    g_assert_cmpuint(fills, ==, 4);
    tlb_flush_page(cpu_of(f), V_RAM + 0x123);
    g_assert_cmphex(entry(f, V_RAM, 0)->tag_read, ==, TLB_EMPTY_TAG);
    g_assert_cmphex(entry(f, V_RAM, 1)->tag_read, ==, TLB_EMPTY_TAG);
    g_assert_cmphex(entry(f, V_RAM2, 0)->tag_read, ==, V_RAM2);
    /* a page the entry does not hold leaves it alone */
    tlb_flush_page(cpu_of(f), V_RAM2 + TLB_ENTRIES * TLB_PAGE_SIZE);
    g_assert_cmphex(entry(f, V_RAM2, 0)->tag_read, ==, V_RAM2);
    tlb_flush_range(cpu_of(f), V_RAM2 + 0xfff, 2);
    g_assert_cmphex(entry(f, V_RAM2, 0)->tag_read, ==, TLB_EMPTY_TAG);
    g_assert_cmphex(entry(f, V_RO, 0)->tag_read, ==, TLB_EMPTY_TAG);
    softmmu_ld(cpu_of(f), V_RAM, 0);
    g_assert_cmpuint(fills, ==, 5);
    tlb_flush(cpu_of(f));
    g_assert_cmphex(entry(f, V_RAM, 0)->tag_read, ==, TLB_EMPTY_TAG);
    softmmu_ld(cpu_of(f), V_RAM, 0);
    g_assert_cmpuint(fills, ==, 6);
}

static void test_mmu_log(Fixture *f, gconstpointer data)
{
    (void)data;
    log_capture(LOG_MMU);
    softmmu_ld(cpu_of(f), V_RAM2 + 0x42, 0);
    char *text = log_release();
    g_assert_cmpstr(text, ==, "mmu: fill va 0x40001042 idx 0 -> pa 0x3042 prot rw-\n");
    g_free(text);
}

static void test_cmpxchg(Fixture *f, gconstpointer data)
{
    (void)data;
    CpuCommon *cpu = cpu_of(f);
    softmmu_st(cpu, V_RAM + 0x40, 0x10203040, BE32);
    g_assert_cmphex(softmmu_cmpxchg(cpu, V_RAM + 0x40, 0x10203040, 0xa0b0c0d0, BE32, 0), ==, 0x10203040);
    g_assert_cmphex(softmmu_ld(cpu, V_RAM + 0x40, BE32), ==, 0xa0b0c0d0);
    g_assert_cmphex(softmmu_cmpxchg(cpu, V_RAM + 0x40, 0x10203040, 0x1, BE32, 0), ==, 0xa0b0c0d0);
    g_assert_cmphex(softmmu_ld(cpu, V_RAM + 0x40, BE32), ==, 0xa0b0c0d0);
    g_assert_cmphex(softmmu_cmpxchg(cpu, V_RAM + 0x40, 0xd0c0b0a0, 0x55667788, LE32, 0), ==, 0xd0c0b0a0);
    g_assert_cmphex(f->ram->host[0x40], ==, 0x88);
    /* across pages, and on a device */
    softmmu_st(cpu, V_RAM2 - 4, 0x0102030405060708ull, BE64);
    g_assert_cmphex(softmmu_cmpxchg(cpu, V_RAM2 - 4, 0x0102030405060708ull, 7, BE64, 0), ==,
                    0x0102030405060708ull);
    g_assert_cmphex(softmmu_ld(cpu, V_RAM2 - 4, BE64), ==, 7);
    g_assert_cmphex(softmmu_cmpxchg(cpu, V_DEV + 4, dev_value(4, 4), 0x99, BE32, 0), ==, dev_value(4, 4));
    assert_access(&f->dev, 1, true, 4, 4, 0x99);
}

/* ---- code pages ------------------------------------------------------- */

static void poke_code(Fixture *f, uint64_t vaddr, uint32_t insn)
{
    memcpy(f->ram->host + P_CODE + (vaddr - V_CODE), &insn, 4);
}

static uint64_t run_at(Fixture *f, uint64_t pc)
{
    uint64_t before = f->cpu.counter;
    cpu_of(f)->pc = pc;
    g_assert_cmpint(cpu_exec(cpu_of(f)), ==, EXIT_SYSCALL);
    return f->cpu.counter - before;
}

static bool code_bit(Fixture *f, uint64_t paddr)
{
    uint64_t page = (paddr - RAM_BASE) >> TLB_PAGE_BITS;
    unsigned long word = f->ram->code_bitmap[page / (8 * sizeof(unsigned long))];
    return (word >> (page % (8 * sizeof(unsigned long)))) & 1;
}

static void test_code_page_writes(Fixture *f, gconstpointer data)
{
    (void)data;
    poke_code(f, V_CODE + 0x100, ADD(1));
    poke_code(f, V_CODE + 0x104, ADD(2));
    poke_code(f, V_CODE + 0x108, SYSCALL);
    /* a data entry for the page filled before the code was translated */
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_CODE + 0x800, BE32), ==, 0);
    g_assert_cmphex(entry(f, V_CODE, 0)->tag_write, ==, V_CODE);

    g_assert_cmpuint(run_at(f, V_CODE + 0x100), ==, 3);
    g_assert_cmpuint(translations, ==, 1);
    g_assert_true(code_bit(f, P_CODE));
    g_assert_false(code_bit(f, P_CODE + TLB_PAGE_SIZE));
    g_assert_cmphex(entry(f, V_CODE, 0)->tag_write, ==, V_CODE | TLB_CODE);
    g_assert_cmphex(entry(f, V_CODE, 0)->tag_code, ==, V_CODE);
    g_assert_cmpuint(run_at(f, V_CODE + 0x100), ==, 3);
    g_assert_cmpuint(translations, ==, 1);

    /* a store elsewhere in the page drops the block, then goes inline */
    const EngineStats *stats = engine_stats(f->engine);
    uint64_t dropped = stats->blocks_invalidated;
    softmmu_st(cpu_of(f), V_CODE + 0x800, 0x12345678, BE32);
    g_assert_cmpuint(stats->blocks_invalidated, ==, dropped + 1);
    g_assert_false(code_bit(f, P_CODE));
    g_assert_cmphex(entry(f, V_CODE, 0)->tag_write, ==, V_CODE);
    g_assert_cmphex(softmmu_ld(cpu_of(f), V_CODE + 0x800, BE32), ==, 0x12345678);

    /* rewritten code runs as written */
    poke_code(f, V_CODE + 0x104, ADD(40));
    g_assert_cmpuint(run_at(f, V_CODE + 0x100), ==, 41);
    g_assert_cmpuint(translations, ==, 2);
    /* entries filled after the translation learn it from the page's bit:
     * a read fill leaves stores to their own fill, which flags them */
    tlb_flush(cpu_of(f));
    softmmu_ld(cpu_of(f), V_CODE, 0);
    g_assert_cmphex(entry(f, V_CODE, 0)->tag_write, ==, TLB_EMPTY_TAG);
    guest_st(cpu_of(f), V_CODE + 0x104, ADD(100), LE32);
    g_assert_cmpuint(stats->blocks_invalidated, ==, dropped + 2);
    g_assert_cmphex(entry(f, V_CODE, 0)->tag_write, ==, V_CODE);
    g_assert_cmpuint(run_at(f, V_CODE + 0x100), ==, 101);
}

static void test_fetch(Fixture *f, gconstpointer data)
{
    (void)data;
    poke_code(f, V_CODE + TLB_PAGE_SIZE - 4, 0x11111111);
    uint32_t words[2];
    g_assert_true(softmmu_fetch(cpu_of(f), V_CODE + TLB_PAGE_SIZE - 4, words, 4));
    g_assert_cmphex(words[0], ==, 0x11111111);
    /* the next virtual page is not executable */
    g_assert_false(softmmu_fetch(cpu_of(f), V_CODE + TLB_PAGE_SIZE - 4, words, 8));
    g_assert_false(softmmu_fetch(cpu_of(f), V_RAM, words, 4));
    g_assert_false(softmmu_fetch(cpu_of(f), V_DEV, words, 4));      /* not executable */
    g_assert_false(softmmu_fetch(cpu_of(f), V_DEV_EXEC, words, 4)); /* not memory */
    g_assert_cmphex(f->dev.n, ==, 0);
}

/* ---- the debugger ----------------------------------------------------- */

static void test_watchpoints(Fixture *f, gconstpointer data)
{
    (void)data;
    CpuCommon *cpu = cpu_of(f);
    SoftTlb *t = cpu->tlb;
    softmmu_ld(cpu, V_RAM, 0);
    g_assert_true(softmmu_watch_insert(cpu, V_RAM + 0x20, 4, WATCH_WRITE));
    g_assert_cmphex(entry(f, V_RAM, 0)->tag_read, ==, TLB_EMPTY_TAG); /* flushed */

    /* reads pass; the store stops before it happens */
    uint64_t v = 0;
    g_assert_cmpint(try_load(f, V_RAM + 0x20, BE32, 0xa00, &v), ==, EXIT_NONE);
    g_assert_cmphex(entry(f, V_RAM, 0)->tag_read, ==, V_RAM);
    g_assert_cmpint(try_store(f, V_RAM + 0x1e, 0xffffffff, BE32, 0xa04), ==, EXIT_DEBUG);
    g_assert_cmphex(entry(f, V_RAM, 0)->tag_write, ==, V_RAM | TLB_WATCH);
    g_assert_cmphex(cpu->pc, ==, 0xa04);
    g_assert_cmphex(t->watch_hit_addr, ==, V_RAM + 0x20);
    g_assert_cmpint(t->watch_hit_kind, ==, WATCH_WRITE);
    g_assert_cmphex(softmmu_ld(cpu, V_RAM + 0x1e, BE32), ==, 0);
    /* elsewhere in the page stores work */
    g_assert_cmpint(try_store(f, V_RAM + 0x24, 0x5, 0, 0xa08), ==, EXIT_NONE);
    g_assert_cmphex(f->ram->host[0x24], ==, 5);

    /* resumed at the instruction that stopped, it completes once */
    t->watch_skip = true;
    t->watch_skip_pc = 0xa04;
    g_assert_cmpint(try_store(f, V_RAM + 0x1e, 0x01020304, BE32, 0xa04), ==, EXIT_NONE);
    g_assert_cmphex(softmmu_ld(cpu, V_RAM + 0x1e, BE32), ==, 0x01020304);
    g_assert_cmpint(try_store(f, V_RAM + 0x20, 0, 0, 0xa0c), ==, EXIT_DEBUG);
    g_assert_false(t->watch_skip);
    g_assert_cmpint(try_store(f, V_RAM + 0x20, 0, 0, 0xa04), ==, EXIT_DEBUG);

    /* an access watchpoint stops reads, across a page boundary too */
    g_assert_true(softmmu_watch_insert(cpu, V_RAM2, 1, WATCH_ACCESS));
    g_assert_cmpint(try_load(f, V_RAM2 - 2, BE32, 0xa10, &v), ==, EXIT_DEBUG);
    g_assert_cmphex(t->watch_hit_addr, ==, V_RAM2);
    g_assert_cmpint(t->watch_hit_kind, ==, WATCH_ACCESS);

    g_assert_false(softmmu_watch_remove(cpu, V_RAM + 0x20, 4, WATCH_READ));
    g_assert_true(softmmu_watch_remove(cpu, V_RAM + 0x20, 4, WATCH_WRITE));
    g_assert_true(softmmu_watch_remove(cpu, V_RAM2, 1, WATCH_ACCESS));
    g_assert_cmpint(try_store(f, V_RAM + 0x20, 0x7, 0, 0xa14), ==, EXIT_NONE);
    g_assert_cmphex(entry(f, V_RAM, 0)->tag_write, ==, V_RAM);
    for (unsigned i = 0; i < TLB_MAX_WATCHPOINTS; i++)
        g_assert_true(softmmu_watch_insert(cpu, V_RAM + i, 1, WATCH_READ));
    g_assert_false(softmmu_watch_insert(cpu, V_RAM, 1, WATCH_READ));
}

static void test_debug_rw(Fixture *f, gconstpointer data)
{
    (void)data;
    CpuCommon *cpu = cpu_of(f);
    static const uint8_t pattern[] = {1, 2, 3, 4, 5, 6};
    /* across two virtual pages that lie apart physically */
    g_assert_true(softmmu_debug_rw(cpu, V_RAM2 - 3, (void *)pattern, sizeof pattern, true));
    g_assert_cmpmem(f->ram->host + 0xffd, 3, pattern, 3);
    g_assert_cmpmem(f->ram->host + P_RAM2, 3, pattern + 3, 3);
    uint8_t buf[6] = {0};
    g_assert_true(softmmu_debug_rw(cpu, V_RAM2 - 3, buf, sizeof buf, false));
    g_assert_cmpmem(buf, sizeof buf, pattern, sizeof pattern);
    /* read-only pages, ROM and execute-only pages are reached too */
    g_assert_true(softmmu_debug_rw(cpu, V_RO + 8, (void *)pattern, 2, true));
    g_assert_cmpmem(f->ram->host + P_RO + 8, 2, pattern, 2);
    g_assert_true(softmmu_debug_rw(cpu, V_ROM, (void *)pattern, 2, true));
    g_assert_cmpmem(f->rom->host, 2, pattern, 2);
    g_assert_true(softmmu_debug_rw(cpu, V_XO, buf, 4, false));
    g_assert_false(softmmu_debug_rw(cpu, V_UNMAPPED - 2, buf, 4, false));
    /* no entry was filled, nothing raised */
    for (unsigned m = 0; m < TLB_MAX_MMU_IDX; m++) {
        for (unsigned i = 0; i < TLB_ENTRIES; i++)
            g_assert_cmphex(cpu->tlb->entry[m][i].tag_read, ==, TLB_EMPTY_TAG);
    }

    /* writing translated code drops its blocks */
    poke_code(f, V_CODE, ADD(3));
    poke_code(f, V_CODE + 4, SYSCALL);
    g_assert_cmpuint(run_at(f, V_CODE), ==, 3);
    uint32_t insn = ADD(9);
    g_assert_true(softmmu_debug_rw(cpu, V_CODE, &insn, 4, true));
    g_assert_cmpuint(run_at(f, V_CODE), ==, 9);
    g_assert_cmpuint(translations, ==, 2);
}

static void test_user_mode_guest_memory(void)
{
    uint8_t mem[16] = {0};
    CpuCommon cpu = {.guest_base = mem};
    guest_st(&cpu, 4, 0x11223344, BE32);
    g_assert_cmphex(mem[4], ==, 0x11);
    g_assert_cmphex(guest_ld(&cpu, 4, LE32), ==, 0x44332211);
    g_assert_cmphex(guest_ld(&cpu, 5, 1 | IR_MO_BE | IR_MO_SIGN), ==, 0x2233);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/softmmu/memory/region_priority", test_region_priority);
    g_test_add_func("/softmmu/memory/host_ptr", test_host_ptr);
    g_test_add_func("/softmmu/memory/mmio_byte_order", test_mmio_byte_order);
    g_test_add_func("/softmmu/memory/mmio_split", test_mmio_split);
    g_test_add_func("/softmmu/memory/unmapped_and_rom", test_unmapped_and_rom);
    g_test_add_func("/softmmu/memory/straddling_access", test_straddling_access);
    g_test_add_func("/softmmu/guest_memory/user_mode", test_user_mode_guest_memory);
#define TEST(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    TEST("/softmmu/tlb/fill_and_hit", test_fill_and_hit);
    TEST("/softmmu/tlb/memory_indexes", test_memory_indexes);
    TEST("/softmmu/tlb/rom_and_mmio", test_rom_and_mmio);
    TEST("/softmmu/tlb/page_crossing", test_page_crossing);
    TEST("/softmmu/tlb/faults", test_faults);
    TEST("/softmmu/tlb/flushes", test_flushes);
    TEST("/softmmu/tlb/mmu_log", test_mmu_log);
    TEST("/softmmu/tlb/cmpxchg", test_cmpxchg);
    TEST("/softmmu/code/page_writes", test_code_page_writes);
    TEST("/softmmu/code/fetch", test_fetch);
    TEST("/softmmu/debug/watchpoints", test_watchpoints);
    TEST("/softmmu/debug/rw", test_debug_rw);
#undef TEST
    return g_test_run();
}
