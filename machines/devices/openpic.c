/* machines/devices/openpic.c — the MPC8544's programmable interrupt
 * controller (MPC8544E RM ch. 10, "Programmable Interrupt Controller"),
 * as QEMU's ppce500 board presents it (model FSL MPIC 2.0), for CPU 0.
 *
 *   offset            register
 *   0x00000           BRR1 block revision
 *   0x00040..0x00070  IPIDR0-3  IPI dispatch   \  "this processor": the
 *   0x00080           CTPR  current task prio  |  per-CPU registers of
 *   0x00090           WHOAMI                   |  whoever accesses them,
 *   0x000a0           IACK  interrupt ack      |  also at 0x20040.. (CPU 0's
 *   0x000b0           EOI   end of interrupt   /  private block)
 *   0x01000           FRR   feature reporting
 *   0x01020           GCR   global configuration (RST, M)
 *   0x01080           VIR   vendor identification
 *   0x01090           PIR   processor core reset
 *   0x010a0..0x010d0  IPIVPR0-3
 *   0x010e0           SVR   spurious vector
 *   0x010f0           TFRR  timer frequency reporting
 *   0x01600..0x01670  MSIR0-7 shared message-signalled interrupts
 *   0x01720 MSISR, 0x01740 MSIIR
 *   0x10000 + 32n     IVPR of input n   (MSK A . P S . PRIORITY . VECTOR)
 *   0x10010 + 32n     IDR  of input n   (EP CI0 ... P0)
 *
 * Every source that is pending, unmasked and directed to P0 competes; the
 * CPU's interrupt line is asserted while the winner's priority exceeds
 * both CTPR and the priority of the interrupt in service. IACK puts the
 * winner in service (an edge source stops pending) and returns its
 * vector, or SVR's when nothing qualifies; EOI ends the newest service.
 * Sources routed to a critical input or the external pin (IDR CI0/EP) are
 * not delivered, and the global timers are not modelled. */
#include "machines/devices/openpic.h"

#include <inttypes.h>
#include <string.h>

#include "util/log.h"

enum {
    SOURCE_IPI0 = OPENPIC_INPUTS, /* the four IPIs follow the inputs */
    NUM_IPIS = 4,
    NUM_SOURCES = OPENPIC_INPUTS + NUM_IPIS,
    FIRST_INTERNAL = 16,
    FIRST_MSI = 224,
    NUM_MSI = 8,
    CPU0_BLOCK = 0x20000,       /* CPU 0's private per-CPU registers */
    CPU_BLOCK_SIZE = 0x1000,

    IVPR_MSK = 1u << 31,
    IVPR_A = 1u << 30,
    IVPR_P = 1u << 23,
    IVPR_S = 1u << 22,          /* 1: level-sensitive */
    IVPR_PRIORITY_SHIFT = 16,
    IVPR_PRIORITY = 0xfu << IVPR_PRIORITY_SHIFT,
    IVPR_VECTOR = 0xffff,

    IDR_EP = 1u << 31,
    IDR_CI0 = 1u << 30,
    IDR_P0 = 1u << 0,

    GCR_RST = 1u << 31,
    GCR_M = 1u << 29,           /* mixed mode */

    /* FRR: NIRQ = 80 sources - 1, NCPU = 1 CPU - 1, VID = OpenPIC 1.2 */
    FRR_VALUE = (80 - 1) << 16 | 0 << 8 | 2,
    BRR1_VALUE = 0x00400200,    /* IPID 0x0040, major 2, minor 0 */
    CTPR_RESET = 0xf,
    SPURIOUS_RESET = 0xffff,
};

typedef enum SourceKind {
    SOURCE_EXTERNAL, /* S and P as programmed */
    SOURCE_INTERNAL, /* level, active-high: S reads 0 */
    SOURCE_IPI,      /* edge: no S or P */
} SourceKind;

typedef struct Source {
    uint32_t ivpr, idr;
    bool input;   /* the line's level */
    bool pending; /* level: follows input; edge: latched until IACK */
} Source;

struct OpenPic {
    AddressSpace *as;
    MemoryRegion *mr;
    IrqLine cpu_int;
    int cpu_int_level;
    Source src[NUM_SOURCES];
    /* Interrupts in service, newest (and highest priority) last. Each
     * one nests only above a lower priority, so 15 levels suffice. */
    uint16_t in_service[16];
    unsigned in_service_depth;
    uint32_t ctpr, gcr, pir, spurious, tfrr;
    uint32_t msir[NUM_MSI];
};

/* ---- delivery ---------------------------------------------------------------- */

static SourceKind source_kind(unsigned n)
{
    if (n >= SOURCE_IPI0)
        return SOURCE_IPI;
    return n >= FIRST_INTERNAL ? SOURCE_INTERNAL : SOURCE_EXTERNAL;
}

static bool level_sensitive(const OpenPic *pic, unsigned n)
{
    switch (source_kind(n)) {
    case SOURCE_EXTERNAL: return (pic->src[n].ivpr & IVPR_S) != 0;
    case SOURCE_INTERNAL: return true;
    case SOURCE_IPI: return false;
    }
    return false;
}

static unsigned priority_of(const Source *s) { return (s->ivpr & IVPR_PRIORITY) >> IVPR_PRIORITY_SHIFT; }

static bool competes(const Source *s)
{
    return s->pending && !(s->ivpr & IVPR_MSK) && (s->idr & (IDR_P0 | IDR_CI0 | IDR_EP)) == IDR_P0;
}

/* The competing source of highest priority (lowest number among equals),
 * or -1. Priority 0 never interrupts. */
static int highest_request(const OpenPic *pic)
{
    int best = -1;
    unsigned best_priority = 0;
    for (unsigned n = 0; n < NUM_SOURCES; n++) {
        if (competes(&pic->src[n]) && priority_of(&pic->src[n]) > best_priority) {
            best = (int)n;
            best_priority = priority_of(&pic->src[n]);
        }
    }
    return best;
}

static unsigned in_service_priority(const OpenPic *pic)
{
    if (!pic->in_service_depth)
        return 0;
    return priority_of(&pic->src[pic->in_service[pic->in_service_depth - 1]]);
}

/* The source the CPU should take now, or -1. */
static int deliverable(const OpenPic *pic)
{
    int n = highest_request(pic);
    if (n < 0)
        return -1;
    unsigned p = priority_of(&pic->src[n]);
    return p > pic->ctpr && p > in_service_priority(pic) ? n : -1;
}

static void update_output(OpenPic *pic)
{
    int level = deliverable(pic) >= 0;
    if (level != pic->cpu_int_level) {
        pic->cpu_int_level = level;
        irq_set(&pic->cpu_int, level);
    }
}

static void set_input(OpenPic *pic, unsigned n, bool level)
{
    Source *s = &pic->src[n];
    bool rising = level && !s->input;
    s->input = level;
    if (level_sensitive(pic, n))
        s->pending = level;
    else if (rising)
        s->pending = true;
}

static void irq_in_set(void *opaque, unsigned n, int level)
{
    OpenPic *pic = opaque;
    set_input(pic, n, level != 0);
    update_output(pic);
}

IrqLine openpic_irq_in(OpenPic *pic, unsigned n)
{
    g_assert(n < OPENPIC_INPUTS);
    return (IrqLine){ .set = irq_in_set, .opaque = pic, .n = n };
}

void openpic_reset(OpenPic *pic)
{
    for (unsigned n = 0; n < NUM_SOURCES; n++) {
        Source *s = &pic->src[n];
        s->ivpr = IVPR_MSK;
        s->idr = IDR_P0;
        s->pending = s->input && level_sensitive(pic, n);
    }
    pic->in_service_depth = 0;
    pic->ctpr = CTPR_RESET;
    pic->gcr = pic->pir = pic->tfrr = 0;
    pic->spurious = SPURIOUS_RESET;
    memset(pic->msir, 0, sizeof pic->msir);
    update_output(pic);
}

/* ---- per-CPU registers ---------------------------------------------------------- */

static uint32_t read_ctpr(OpenPic *pic, unsigned i) { (void)i; return pic->ctpr; }
static void write_ctpr(OpenPic *pic, unsigned i, uint32_t v) { (void)i; pic->ctpr = v & 0xf; }

static uint32_t read_whoami(OpenPic *pic, unsigned i) { (void)pic, (void)i; return 0; }

static uint32_t read_iack(OpenPic *pic, unsigned i)
{
    (void)i;
    int n = deliverable(pic);
    if (n < 0 || pic->in_service_depth == G_N_ELEMENTS(pic->in_service))
        return pic->spurious;
    if (!level_sensitive(pic, (unsigned)n))
        pic->src[n].pending = false;
    pic->in_service[pic->in_service_depth++] = (uint16_t)n;
    return pic->src[n].ivpr & IVPR_VECTOR;
}

static void write_eoi(OpenPic *pic, unsigned i, uint32_t v)
{
    (void)i, (void)v;
    if (pic->in_service_depth)
        pic->in_service_depth--;
}

/* IPIDRn: bit 0 sends IPI n to CPU 0. */
static void write_ipidr(OpenPic *pic, unsigned i, uint32_t v)
{
    if (v & 1) {
        set_input(pic, SOURCE_IPI0 + i, true);
        set_input(pic, SOURCE_IPI0 + i, false);
    }
}

/* ---- global registers ----------------------------------------------------------- */

static uint32_t read_brr1(OpenPic *pic, unsigned i) { (void)pic, (void)i; return BRR1_VALUE; }
static uint32_t read_frr(OpenPic *pic, unsigned i) { (void)pic, (void)i; return FRR_VALUE; }
static uint32_t read_vir(OpenPic *pic, unsigned i) { (void)pic, (void)i; return 0; }

static uint32_t read_gcr(OpenPic *pic, unsigned i) { (void)i; return pic->gcr; }
static void write_gcr(OpenPic *pic, unsigned i, uint32_t v)
{
    (void)i;
    if (v & GCR_RST)
        openpic_reset(pic); /* self-clearing: reads 0 afterwards */
    else
        pic->gcr = v & GCR_M;
}

static uint32_t read_pir(OpenPic *pic, unsigned i) { (void)i; return pic->pir; }
static void write_pir(OpenPic *pic, unsigned i, uint32_t v) { (void)i; pic->pir = v & 1; }

static uint32_t read_spurious(OpenPic *pic, unsigned i) { (void)i; return pic->spurious; }
static void write_spurious(OpenPic *pic, unsigned i, uint32_t v) { (void)i; pic->spurious = v & IVPR_VECTOR; }

static uint32_t read_tfrr(OpenPic *pic, unsigned i) { (void)i; return pic->tfrr; }
static void write_tfrr(OpenPic *pic, unsigned i, uint32_t v) { (void)i; pic->tfrr = v; }

/* ---- sources -------------------------------------------------------------------- */

static uint32_t read_ivpr(OpenPic *pic, unsigned n)
{
    const Source *s = &pic->src[n];
    bool active = s->pending;
    for (unsigned k = 0; k < pic->in_service_depth; k++)
        active |= pic->in_service[k] == n;
    return s->ivpr | (active ? IVPR_A : 0);
}

static void write_ivpr(OpenPic *pic, unsigned n, uint32_t v)
{
    static const uint32_t writable[] = {
        [SOURCE_EXTERNAL] = IVPR_MSK | IVPR_P | IVPR_S | IVPR_PRIORITY | IVPR_VECTOR,
        [SOURCE_INTERNAL] = IVPR_MSK | IVPR_P | IVPR_PRIORITY | IVPR_VECTOR,
        [SOURCE_IPI] = IVPR_MSK | IVPR_PRIORITY | IVPR_VECTOR,
    };
    Source *s = &pic->src[n];
    s->ivpr = v & writable[source_kind(n)];
    /* A change of sense re-reads the line. */
    s->pending = level_sensitive(pic, n) ? s->input : s->pending;
}

static uint32_t read_idr(OpenPic *pic, unsigned n) { return pic->src[n].idr; }
static void write_idr(OpenPic *pic, unsigned n, uint32_t v) { pic->src[n].idr = v & (IDR_EP | IDR_CI0 | IDR_P0); }

static uint32_t read_ipivpr(OpenPic *pic, unsigned i) { return read_ivpr(pic, SOURCE_IPI0 + i); }
static void write_ipivpr(OpenPic *pic, unsigned i, uint32_t v) { write_ivpr(pic, SOURCE_IPI0 + i, v); }

/* ---- message-signalled interrupts --------------------------------------------------
 * MSIIR: SRS (bits 31:29) picks MSIRn, IBS (bits 28:24) the bit to set;
 * MSIRn requests input 224 + n while non-zero and clears when read. */

static void msi_update(OpenPic *pic, unsigned bank)
{
    set_input(pic, FIRST_MSI + bank, pic->msir[bank] != 0);
}

static uint32_t read_msir(OpenPic *pic, unsigned bank)
{
    uint32_t v = pic->msir[bank];
    pic->msir[bank] = 0;
    msi_update(pic, bank);
    return v;
}

static uint32_t read_msisr(OpenPic *pic, unsigned i)
{
    (void)i;
    uint32_t summary = 0;
    for (unsigned bank = 0; bank < NUM_MSI; bank++)
        summary |= pic->msir[bank] ? 1u << bank : 0;
    return summary;
}

static void write_msiir(OpenPic *pic, unsigned i, uint32_t v)
{
    (void)i;
    unsigned bank = v >> 29, bit = (v >> 24) & 0x1f;
    pic->msir[bank] |= 1u << bit;
    msi_update(pic, bank);
}

/* ---- the register map ------------------------------------------------------------ */

typedef struct RegisterBank {
    uint32_t offset, count, stride;
    bool per_cpu; /* also in CPU 0's private block */
    uint32_t (*read)(OpenPic *pic, unsigned index);             /* NULL: write-only, reads 0 */
    void (*write)(OpenPic *pic, unsigned index, uint32_t value); /* NULL: read-only */
} RegisterBank;

static const RegisterBank register_banks[] = {
    { 0x00000, 1, 0, false, read_brr1, NULL },
    { 0x00040, NUM_IPIS, 0x10, true, NULL, write_ipidr },
    { 0x00080, 1, 0, true, read_ctpr, write_ctpr },
    { 0x00090, 1, 0, true, read_whoami, NULL },
    { 0x000a0, 1, 0, true, read_iack, NULL },
    { 0x000b0, 1, 0, true, NULL, write_eoi },
    { 0x01000, 1, 0, false, read_frr, NULL },
    { 0x01020, 1, 0, false, read_gcr, write_gcr },
    { 0x01080, 1, 0, false, read_vir, NULL },
    { 0x01090, 1, 0, false, read_pir, write_pir },
    { 0x010a0, NUM_IPIS, 0x10, false, read_ipivpr, write_ipivpr },
    { 0x010e0, 1, 0, false, read_spurious, write_spurious },
    { 0x010f0, 1, 0, false, read_tfrr, write_tfrr },
    { 0x01600, NUM_MSI, 0x10, false, read_msir, NULL },
    { 0x01720, 1, 0, false, read_msisr, NULL },
    { 0x01740, 1, 0, false, NULL, write_msiir },
    { 0x10000, OPENPIC_INPUTS, 0x20, false, read_ivpr, write_ivpr },
    { 0x10010, OPENPIC_INPUTS, 0x20, false, read_idr, write_idr },
};

/* The bank answering offset, and the register's index in it. */
static const RegisterBank *find_register(uint64_t offset, unsigned *index)
{
    bool private_block = offset >= CPU0_BLOCK && offset < CPU0_BLOCK + CPU_BLOCK_SIZE;
    if (private_block)
        offset -= CPU0_BLOCK;
    for (size_t i = 0; i < G_N_ELEMENTS(register_banks); i++) {
        const RegisterBank *b = &register_banks[i];
        if (private_block && !b->per_cpu)
            continue;
        uint64_t delta = offset - b->offset;
        uint64_t span = b->count > 1 ? (uint64_t)b->count * b->stride : 1;
        if (offset >= b->offset && delta < span && (b->count == 1 || delta % b->stride == 0)) {
            *index = b->count > 1 ? (unsigned)(delta / b->stride) : 0;
            return b;
        }
    }
    return NULL;
}

static uint64_t pic_read(void *opaque, uint64_t offset, unsigned size)
{
    OpenPic *pic = opaque;
    unsigned index;
    const RegisterBank *b = size == 4 ? find_register(offset, &index) : NULL;
    if (!b) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("openpic: %u-byte read of unknown register +%#" PRIx64 "\n", size, offset);
        return 0;
    }
    uint32_t value = b->read ? b->read(pic, index) : 0;
    update_output(pic);
    return value;
}

static void pic_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    OpenPic *pic = opaque;
    unsigned index;
    const RegisterBank *b = size == 4 ? find_register(offset, &index) : NULL;
    if (!b) {
        if (log_enabled(LOG_GUEST_ERRORS))
            log_printf("openpic: %u-byte write of %#" PRIx64 " to unknown register +%#" PRIx64 "\n",
                       size, value, offset);
        return;
    }
    if (b->write)
        b->write(pic, index, (uint32_t)value);
    update_output(pic);
}

static const MemoryRegionOps pic_ops = {
    .read = pic_read,
    .write = pic_write,
    .big_endian = true,
    .max_size = 4,
};

OpenPic *openpic_new(AddressSpace *as, uint64_t base, IrqLine cpu_int)
{
    OpenPic *pic = g_new0(OpenPic, 1);
    pic->cpu_int = cpu_int;
    openpic_reset(pic);
    pic->as = as;
    pic->mr = as_add_mmio(as, "openpic", base, OPENPIC_REGION_SIZE, &pic_ops, pic, 0);
    return pic;
}

void openpic_free(OpenPic *pic)
{
    as_remove(pic->as, pic->mr);
    g_free(pic);
}
