/* tests/unit/test_x86_x87.c — the x87 FPU of the x86 guests against this
 * host's own x87 unit, instruction by instruction.
 *
 * For every x87 encoding (each ST(i), each memory form on [rsi]) and many
 * random starting states (stack depths from empty to full, ±0, denormals,
 * pseudo-denormals, unnormals, infinities, quiet and signalling NaNs, huge
 * and tiny values, arguments beyond fsin's range; every precision and
 * rounding control), the same bytes run twice:
 *   natively  — frstor the state; the instruction; fnsave (a stub in an
 *               executable page), EFLAGS taken after it;
 *   in morph  — the same state in an X86Cpu; the bytes then ud2 are
 *               translated by the x86 frontend and run by the engine (JIT
 *               and interpreter; 64-bit and 32-bit guests).
 * The FSAVE images must agree (control, status with TOP and C0-C3 and the
 * exception bits, the full tag word, every non-empty register bit for
 * bit, the last instruction and data pointers), as must the memory
 * operand's bytes and ZF PF CF.
 * FNSTENV/FNSAVE/FLDENV/FRSTOR and FXSAVE/FXRSTOR are checked the same
 * way; FXSAVE's alignment check against the manual (#GP).
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "frontend/guest.h"
#include "frontend/x86/cpu.h"
#include "frontend/x86/decode.h"
#include "frontend/x86/x87.h"

enum { CODE = 0x1000, DATA = 0x8000, MEM_SIZE = 0x10000, DATA_BYTES = 512 };
enum { STATES_PER_FORM = 200 };

/* ---- the guest machine --------------------------------------------------- */

static void test_cpu_init(CpuCommon *c)
{
    X86Cpu *cpu = (X86Cpu *)c;
    cpu->eflags = 2;
    cpu->mxcsr = 0x1f80;
    x86_x87_reset(cpu);
}

static GuestArch guest = {
    .name = "x86-x87-test", .elf_machine = 62, .elf_class = 2, .big_endian = false,
    .cpu_size = sizeof(X86Cpu), .cpu_init = test_cpu_init, .translate = x86_translate,
};

static bool test_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    if (addr + len > MEM_SIZE)
        return false;
    memcpy(buf, cpu->guest_base + addr, len);
    return true;
}

typedef struct Machine {
    X86Cpu *cpu;
    uint8_t *mem;
    Engine *engine;
    bool long_mode;
} Machine;

static void machine_init(Machine *m, const Backend *backend, bool long_mode)
{
    m->mem = g_malloc0(MEM_SIZE + 4096);
    m->cpu = g_malloc0(sizeof(X86Cpu));
    m->long_mode = long_mode;
    guest.cpu_init(&m->cpu->common);
    m->cpu->common.arch = &guest;
    m->cpu->common.guest_base = m->mem;
    m->cpu->common.tb_flags = long_mode ? X86_TBF_LONG : X86_TBF_CS32;
    EngineOptions opt = {.backend = backend, .optimize = true, .fetch = test_fetch};
    m->engine = engine_new(&guest, &opt);
    engine_attach_cpu(m->engine, &m->cpu->common);
}

static void machine_free(Machine *m)
{
    engine_free(m->engine);
    g_free(m->cpu);
    g_free(m->mem);
}

/* New code at CODE: forget what was translated there. */
static void machine_load_code(Machine *m, const uint8_t *code, size_t len)
{
    static const uint8_t ud2[2] = {0x0f, 0x0b};
    memcpy(m->mem + CODE, code, len);
    memcpy(m->mem + CODE + len, ud2, sizeof(ud2));
    engine_flush(m->engine);
}

static ExitReason machine_run(Machine *m)
{
    m->cpu->common.pc = CODE;
    m->cpu->regs[X86_RSI] = DATA;
    return cpu_exec(&m->cpu->common);
}

/* ---- the native side ------------------------------------------------------ */

/* push %rdx; popfq; frstor (%rdi); <insn>; fnsave (%rdi); pushfq; pop %rax; ret */
typedef uint64_t (*NativeFn)(uint8_t *fsave_image, uint8_t *data, uint64_t eflags);
static uint8_t *native_page;

static NativeFn native_stub(const uint8_t *insn, size_t len)
{
    static const uint8_t head[] = {0x52, 0x9d, 0xdd, 0x27};
    static const uint8_t tail[] = {0xdd, 0x37, 0x9c, 0x58, 0xc3};
    if (!native_page) {
        native_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        g_assert_true(native_page != MAP_FAILED);
    }
    memcpy(native_page, head, sizeof(head));
    memcpy(native_page + sizeof(head), insn, len);
    memcpy(native_page + sizeof(head) + len, tail, sizeof(tail));
    return (NativeFn)(void *)native_page;
}

/* ---- states ------------------------------------------------------------------ */

typedef struct State {
    uint8_t image[X86_FSAVE32_BYTES]; /* FSAVE image: environment, ST(0)..ST(7) */
    _Alignas(16) uint8_t data[DATA_BYTES]; /* the memory operand at [rsi] (fxsave: aligned) */
    uint32_t eflags;                  /* status flags before */
} State;

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static uint16_t get16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }

static void put_reg(uint8_t *p, uint64_t mant, uint16_t sexp)
{
    memcpy(p, &mant, 8);
    memcpy(p + 8, &sexp, 2);
}

static uint64_t rand64(GRand *r) { return (uint64_t)g_rand_int(r) << 32 | g_rand_int(r); }

/* An 80-bit value from the interesting classes (mostly ordinary numbers). */
static void random_reg(GRand *r, uint8_t *p)
{
    uint16_t sign = g_rand_boolean(r) ? 0x8000 : 0;
    uint64_t mant = rand64(r) | 1ull << 63;
    switch (g_rand_int_range(r, 0, 16)) {
    case 0: put_reg(p, 0, sign); break;                                            /* zero */
    case 1: put_reg(p, 1ull << 63, sign | 0x7fff); break;                          /* infinity */
    case 2: put_reg(p, mant | 1ull << 62, sign | 0x7fff); break;                  /* QNaN */
    case 3: put_reg(p, (mant & ~(1ull << 62)) | 1, sign | 0x7fff); break;         /* SNaN */
    case 4: put_reg(p, mant >> g_rand_int_range(r, 1, 64), sign); break;          /* denormal */
    case 5: put_reg(p, mant, sign); break;                                         /* pseudo-denormal */
    case 6: put_reg(p, mant, sign | (uint16_t)g_rand_int_range(r, 1, 4)); break;   /* tiny */
    case 7: put_reg(p, mant, sign | (uint16_t)g_rand_int_range(r, 0x7ffb, 0x7fff)); break; /* huge */
    case 8: put_reg(p, mant, sign | (uint16_t)g_rand_int_range(r, 0x403c, 0x4042)); break; /* past fsin's range */
    case 9: {                                                                      /* a small integer */
        long double v = (long double)g_rand_int_range(r, -40000, 40000);
        X87Bits x = x87_bits(v);
        put_reg(p, x.b.mant, x.b.sexp);
        break;
    }
    case 10: put_reg(p, mant & ~(1ull << 63), sign | 0x3fff); break;              /* unnormal */
    default: put_reg(p, mant, sign | (uint16_t)g_rand_int_range(r, 0x3fff - 70, 0x3fff + 70)); break;
    }
}

/* Memory operand bytes: raw, special m32/m64 patterns, small integers, BCD. */
static void random_data(GRand *r, uint8_t *d)
{
    for (unsigned k = 0; k < DATA_BYTES; k++)
        d[k] = (uint8_t)g_rand_int(r);
    static const uint32_t f32_specials[] = {0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00001, 0x7f800001,
                                            0x00000001, 0x807fffff, 0x3f800000, 0x7f7fffff, 0x00800000};
    static const uint64_t f64_specials[] = {0, 0x7ff0000000000000ull, 0x7ff8000000000001ull, 0x7ff0000000000001ull,
                                            0x0000000000000001ull, 0x8010000000000000ull, 0x3ff0000000000000ull,
                                            0x7fefffffffffffffull};
    switch (g_rand_int_range(r, 0, 7)) {
    case 0: put32(d, f32_specials[g_rand_int_range(r, 0, G_N_ELEMENTS(f32_specials))]); break;
    case 1: {
        uint64_t v = f64_specials[g_rand_int_range(r, 0, G_N_ELEMENTS(f64_specials))];
        memcpy(d, &v, 8);
        break;
    }
    case 2: { /* a small integer of every width */
        int64_t v = g_rand_int_range(r, -70000, 70000);
        memcpy(d, &v, 8);
        break;
    }
    case 3: /* valid packed BCD */
        for (unsigned k = 0; k < 9; k++)
            d[k] = (uint8_t)(g_rand_int_range(r, 0, 10) << 4 | g_rand_int_range(r, 0, 10));
        d[9] = g_rand_boolean(r) ? 0x80 : 0;
        break;
    case 4: random_reg(r, d); break;
    case 5: { /* a typical m32 value */
        float f = (float)g_rand_double_range(r, -1e6, 1e6);
        memcpy(d, &f, 4);
        break;
    }
    default: break;
    }
}

/* Precision x rounding, exceptions always masked (unmasked ones are not modelled). */
static uint16_t random_cw(GRand *r)
{
    static const uint16_t pc_rc[] = {0x300, 0x300, 0x300, 0x200, 0x000, 0x700, 0xb00, 0xf00, 0x600, 0x800};
    return (uint16_t)(0x7f | pc_rc[g_rand_int_range(r, 0, G_N_ELEMENTS(pc_rc))]);
}

static void random_state(GRand *r, State *s)
{
    memset(s, 0, sizeof(*s));
    unsigned top = (unsigned)g_rand_int_range(r, 0, 8);
    unsigned depth = (unsigned)g_rand_int_range(r, 0, 9);
    if (g_rand_int_range(r, 0, 4))
        depth = (unsigned)g_rand_int_range(r, 2, 7); /* mostly neither empty nor full */
    uint16_t tag = 0;
    for (unsigned i = 0; i < 8; i++) {
        bool present = i < depth;
        if (g_rand_int_range(r, 0, 16) == 0)
            present = !present; /* a hole or a stray register */
        if (!present)
            tag |= (uint16_t)(3u << (2 * ((top + i) & 7)));
        random_reg(r, s->image + X86_FSAVE32_ENV_BYTES + 10 * i);
    }
    uint16_t sw = (uint16_t)(top << 11 | (g_rand_int(r) & (X87_CC | (g_rand_int_range(r, 0, 4) ? 0 : 0x3f))));
    put32(s->image + 0, 0xffff0000u | random_cw(r));
    put32(s->image + 4, 0xffff0000u | sw);
    put32(s->image + 8, 0xffff0000u | tag);
    if (g_rand_boolean(r)) { /* last instruction and operand pointers */
        put32(s->image + 12, g_rand_int(r));
        put32(s->image + 20, g_rand_int(r));
    }
    random_data(r, s->data);
    s->eflags = g_rand_int(r) & (X86_CF | X86_PF | X86_ZF);
}

/* ---- running one case both ways ------------------------------------------------ */

typedef struct Outcome {
    uint8_t image[X86_FSAVE32_BYTES];
    _Alignas(16) uint8_t data[DATA_BYTES];
    uint32_t eflags;
} Outcome;

static void run_native(const uint8_t *insn, size_t len, const State *s, Outcome *o)
{
    memcpy(o->image, s->image, sizeof(o->image));
    memcpy(o->data, s->data, sizeof(o->data));
    NativeFn fn = native_stub(insn, len);
    o->eflags = (uint32_t)fn(o->image, o->data, s->eflags | 2) & X86_STATUS_FLAGS;
    /* FIP of an instruction in the stub, as the guest's address */
    uint32_t fip, stub_insn = (uint32_t)(uintptr_t)(native_page + 4);
    memcpy(&fip, o->image + 12, 4);
    if (fip - stub_insn < 64)
        put32(o->image + 12, fip - stub_insn + CODE);
}

static void run_guest(Machine *m, const State *s, Outcome *o, size_t insn_len)
{
    X86Cpu *cpu = m->cpu;
    x86_x87_frstor32(cpu, s->image);
    x86_set_status_flags(cpu, s->eflags);
    memcpy(m->mem + DATA, s->data, DATA_BYTES);
    ExitReason why = machine_run(m);
    g_assert_cmpint(why, ==, EXIT_ILLEGAL);
    g_assert_cmphex(cpu->common.pc, ==, CODE + insn_len); /* stopped at the ud2 */
    x86_x87_fsave32(cpu, o->image);
    memcpy(o->data, m->mem + DATA, DATA_BYTES);
    o->eflags = x86_get_eflags(cpu) & X86_STATUS_FLAGS;
}

static void hex(GString *out, const uint8_t *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        g_string_append_printf(out, "%02x", p[n - 1 - k]);
}

static void report(const char *name, const State *s, const Outcome *want, const Outcome *got, const char *what)
{
    GString *msg = g_string_new(NULL);
    g_string_append_printf(msg, "%s: %s differs\n  before: cw %04x sw %04x tag %04x eflags %x\n", name, what,
                           get16(s->image), get16(s->image + 4), get16(s->image + 8), s->eflags);
    for (unsigned i = 0; i < 8; i++) {
        g_string_append_printf(msg, "   st%u ", i);
        hex(msg, s->image + X86_FSAVE32_ENV_BYTES + 10 * i, 10);
        g_string_append(msg, "  native ");
        hex(msg, want->image + X86_FSAVE32_ENV_BYTES + 10 * i, 10);
        g_string_append(msg, "  morph ");
        hex(msg, got->image + X86_FSAVE32_ENV_BYTES + 10 * i, 10);
        g_string_append(msg, "\n");
    }
    g_string_append(msg, "  data ");
    hex(msg, s->data, 16);
    g_string_append_printf(msg, "\n  native: cw %04x sw %04x tag %04x eflags %x data ", get16(want->image),
                           get16(want->image + 4), get16(want->image + 8), want->eflags);
    hex(msg, want->data, 16);
    g_string_append_printf(msg, "\n  morph:  cw %04x sw %04x tag %04x eflags %x data ", get16(got->image),
                           get16(got->image + 4), get16(got->image + 8), got->eflags);
    hex(msg, got->data, 16);
    g_test_message("%s", msg->str);
    g_string_free(msg, TRUE);
}

/* Equal where the architecture defines it: the environment (control,
 * status and tag words, FIP, FDP); registers the tag word says are in use;
 * memory; the status flags. */
static bool same_outcome(const char *name, const State *s, const Outcome *want, const Outcome *got)
{
    const char *what = NULL;
    if (memcmp(want->image, got->image, 12) != 0)
        what = "control/status/tag word";
    else if (memcmp(want->image + 12, got->image + 12, 16) != 0)
        what = "FIP/FOP/FDP";
    uint16_t tag = get16(want->image + 8), top = (get16(want->image + 4) >> 11) & 7;
    for (unsigned i = 0; i < 8 && !what; i++) {
        bool empty = ((tag >> (2 * ((top + i) & 7))) & 3) == 3;
        unsigned off = X86_FSAVE32_ENV_BYTES + 10 * i;
        if (!empty && memcmp(want->image + off, got->image + off, 10) != 0)
            what = "a register";
    }
    char where[48];
    for (unsigned k = 0; k < DATA_BYTES && !what; k++) {
        if (want->data[k] != got->data[k]) {
            snprintf(where, sizeof(where), "memory byte %u (%02x, morph %02x)", k, want->data[k], got->data[k]);
            what = where;
        }
    }
    if (!what && want->eflags != got->eflags)
        what = "EFLAGS";
    if (what)
        report(name, s, want, got, what);
    return what == NULL;
}

/* ---- the encodings ----------------------------------------------------------------- */

typedef struct Encoding {
    uint8_t bytes[8];
    uint8_t len;
    char name[128];
} Encoding;

static GArray *encodings(void)
{
    GArray *list = g_array_new(FALSE, TRUE, sizeof(Encoding));
    /* register forms: ModRM bytes C0-FF of each escape that are instructions */
    static const struct {
        uint8_t opcode, first, last;
    } reg_ranges[] = {
        {0xd8, 0xc0, 0xff}, {0xd9, 0xc0, 0xd0}, {0xd9, 0xd8, 0xe1}, {0xd9, 0xe4, 0xe5},
        {0xd9, 0xe8, 0xee}, {0xd9, 0xf0, 0xff}, {0xda, 0xc0, 0xdf}, {0xda, 0xe9, 0xe9},
        {0xdb, 0xc0, 0xdf}, {0xdb, 0xe0, 0xe4}, {0xdb, 0xe8, 0xf7}, {0xdc, 0xc0, 0xff},
        {0xdd, 0xc0, 0xef}, {0xde, 0xc0, 0xd9}, {0xde, 0xe0, 0xff}, {0xdf, 0xc0, 0xdf},
        {0xdf, 0xe8, 0xf7},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(reg_ranges); k++) {
        for (unsigned modrm = reg_ranges[k].first; modrm <= reg_ranges[k].last; modrm++) {
            if (reg_ranges[k].opcode == 0xde && modrm >= 0xd8 && modrm != 0xd9)
                continue;
            Encoding e = {.bytes = {reg_ranges[k].opcode, (uint8_t)modrm}, .len = 2};
            snprintf(e.name, sizeof(e.name), "%02x %02x", e.bytes[0], e.bytes[1]);
            g_array_append_val(list, e);
        }
    }
    /* memory forms on [rsi]: opcode and the ModRM.reg values that exist
     * (the environment and save images have tests of their own) */
    static const struct {
        uint8_t opcode, regs; /* bit r: /r exists */
    } mem_forms[] = {
        {0xd8, 0xff}, {0xd9, 0xad}, {0xda, 0xff}, {0xdb, 0xaf},
        {0xdc, 0xff}, {0xdd, 0x8f}, {0xde, 0xff}, {0xdf, 0xff},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(mem_forms); k++) {
        for (unsigned reg = 0; reg < 8; reg++) {
            if (!((mem_forms[k].regs >> reg) & 1))
                continue;
            Encoding e = {.bytes = {mem_forms[k].opcode, (uint8_t)(reg << 3 | 6)}, .len = 2};
            snprintf(e.name, sizeof(e.name), "%02x /%u [rsi]", e.bytes[0], reg);
            g_array_append_val(list, e);
        }
    }
    /* sequences: the status word into AX, FCOMI flags read by setcc in the
     * same block, FCMOV after an integer compare */
    static const Encoding sequences[] = {
        {{0xdf, 0xe0, 0x66, 0x89, 0x46, 0x10}, 6, "fnstsw ax; mov [rsi+16],ax"},
        {{0xdb, 0xf1, 0x0f, 0x92, 0x46, 0x10}, 6, "fcomi st1; setb [rsi+16]"},
        {{0xdf, 0xe9, 0x0f, 0x94, 0x46, 0x10}, 6, "fucomip st1; sete [rsi+16]"},
        {{0xdb, 0xea, 0x0f, 0x9a, 0x46, 0x10}, 6, "fucomi st2; setp [rsi+16]"},
        {{0x3a, 0x36, 0xda, 0xc1}, 4, "cmp dh,[rsi]; fcmovb st1"},
        {{0x38, 0x36, 0xdb, 0xd2}, 4, "cmp [rsi],dh; fcmovnbe st2"},
    };
    for (size_t k = 0; k < G_N_ELEMENTS(sequences); k++)
        g_array_append_val(list, sequences[k]);
    return list;
}

/* Every encoding against the host, on one backend and mode. */
static void check_all_encodings(const Backend *backend, bool long_mode, guint32 seed)
{
    GArray *list = encodings();
    GRand *r = g_rand_new_with_seed(seed);
    Machine m;
    machine_init(&m, backend, long_mode);
    unsigned failures = 0, cases = 0;
    for (guint k = 0; k < list->len && failures < 40; k++) {
        const Encoding *e = &g_array_index(list, Encoding, k);
        machine_load_code(&m, e->bytes, e->len);
        unsigned failed_here = 0;
        for (unsigned n = 0; n < STATES_PER_FORM && failed_here < 2; n++) {
            State s;
            Outcome want, got;
            random_state(r, &s);
            run_native(e->bytes, e->len, &s, &want);
            run_guest(&m, &s, &got, e->len);
            cases++;
            if (!same_outcome(e->name, &s, &want, &got))
                failed_here++;
        }
        failures += failed_here;
    }
    g_test_message("%u cases, %u encodings, %u failures", cases, list->len, failures);
    g_assert_cmpuint(failures, ==, 0);
    machine_free(&m);
    g_rand_free(r);
    g_array_free(list, TRUE);
}

static void test_encodings_jit64(void) { check_all_encodings(&backend_jit, true, 1); }
static void test_encodings_interp64(void) { check_all_encodings(&backend_interp, true, 2); }
static void test_encodings_jit32(void) { check_all_encodings(&backend_jit, false, 3); }

/* Blocks of several random encodings: the host's sticky flags and the
 * state carried from instruction to instruction inside one block. */
static uint8_t sequence_bytes[32];

static void check_sequences(const Backend *backend, bool long_mode, guint32 seed)
{
    GArray *list = encodings();
    GRand *r = g_rand_new_with_seed(seed);
    Machine m;
    machine_init(&m, backend, long_mode);
    unsigned failures = 0;
    for (unsigned n = 0; n < 400 && failures < 10; n++) {
        Encoding seq = {.len = 0};
        for (unsigned k = 0; k < 4; k++) {
            const Encoding *e = &g_array_index(list, Encoding, g_rand_int_range(r, 0, (gint32)list->len));
            if (e->bytes[0] == 0xd9 && e->bytes[1] == 0x2e)
                continue; /* fldcw of random bytes may unmask: the host would trap */
            if (seq.len + e->len > sizeof(sequence_bytes))
                break;
            g_strlcat(seq.name, e->name, sizeof(seq.name));
            g_strlcat(seq.name, "; ", sizeof(seq.name));
            memcpy(sequence_bytes + seq.len, e->bytes, e->len);
            seq.len = (uint8_t)(seq.len + e->len);
        }
        machine_load_code(&m, sequence_bytes, seq.len);
        for (unsigned k = 0; k < 16; k++) {
            State s;
            Outcome want, got;
            random_state(r, &s);
            run_native(sequence_bytes, seq.len, &s, &want);
            run_guest(&m, &s, &got, seq.len);
            if (!same_outcome(seq.name, &s, &want, &got))
                failures++;
        }
    }
    g_assert_cmpuint(failures, ==, 0);
    machine_free(&m);
    g_rand_free(r);
    g_array_free(list, TRUE);
}

static void test_sequences_jit64(void) { check_sequences(&backend_jit, true, 21); }
static void test_sequences_interp32(void) { check_sequences(&backend_interp, false, 22); }

/* Runs: up to 12 instructions of the inline path (register forms, and
 * memory forms on [rsi]), in one block, from states as compiled code has
 * them (a stack without holes, mostly the default control word, one TOP
 * per block): the values the JIT keeps on the host's stack from one
 * instruction to the next, the stack assumed at translation, the status
 * words it reads only where they are kept. */
static const uint8_t run_forms[][2] = {
    {0xd8, 0xc1}, {0xd8, 0xca}, {0xd8, 0xe1}, {0xd8, 0xea}, {0xd8, 0xf1}, {0xd8, 0xfa}, {0xd8, 0xd1},
    {0xdc, 0xc1}, {0xdc, 0xca}, {0xdc, 0xe2}, {0xdc, 0xe9}, {0xdc, 0xf1}, {0xdc, 0xfa},
    {0xde, 0xc1}, {0xde, 0xca}, {0xde, 0xe9}, {0xde, 0xf1}, {0xde, 0xf9}, {0xde, 0xd9},
    {0xd9, 0xc0}, {0xd9, 0xc1}, {0xd9, 0xc3}, {0xd9, 0xc9}, {0xd9, 0xca}, {0xd9, 0xe0}, {0xd9, 0xe1},
    {0xd9, 0xe8}, {0xd9, 0xee}, {0xd9, 0xfa}, {0xdd, 0xd1}, {0xdd, 0xd9}, {0xdd, 0xda}, {0xdd, 0xe1},
    {0xdd, 0xe9}, {0xda, 0xe9}, {0xdb, 0xf1}, {0xdf, 0xe9},
    {0xd8, 0x06}, {0xd8, 0x0e}, {0xd8, 0x26}, {0xdc, 0x06}, {0xdc, 0x3e}, {0xda, 0x0e}, {0xde, 0x36},
    {0xd9, 0x06}, {0xdd, 0x06}, {0xdb, 0x06}, {0xdf, 0x2e}, {0xd9, 0x16}, {0xdd, 0x1e}, {0xdb, 0x16},
    {0xdf, 0x3e}, {0xdd, 0x16},
};

static void stack_state(GRand *r, State *s, unsigned top)
{
    random_state(r, s);
    unsigned depth = (unsigned)g_rand_int_range(r, 2, 7);
    uint16_t tag = 0;
    for (unsigned i = depth; i < 8; i++)
        tag |= (uint16_t)(3u << (2 * ((top + i) & 7)));
    uint16_t cw = g_rand_int_range(r, 0, 8) ? X87_CW_INIT : get16(s->image);
    put32(s->image + 0, 0xffff0000u | cw);
    put32(s->image + 4, 0xffff0000u | (top << 11) | (get16(s->image + 4) & ~(7u << 11)));
    put32(s->image + 8, 0xffff0000u | tag);
}

static void check_runs(const Backend *backend, bool long_mode, guint32 seed)
{
    GRand *r = g_rand_new_with_seed(seed);
    Machine m;
    machine_init(&m, backend, long_mode);
    unsigned failures = 0;
    for (unsigned n = 0; n < 300 && failures < 10; n++) {
        Encoding seq = {.len = 0};
        unsigned count = (unsigned)g_rand_int_range(r, 2, 13);
        for (unsigned k = 0; k < count; k++) {
            const uint8_t *f = run_forms[g_rand_int_range(r, 0, G_N_ELEMENTS(run_forms))];
            char name[8];
            snprintf(name, sizeof(name), "%02x%02x ", f[0], f[1]);
            g_strlcat(seq.name, name, sizeof(seq.name));
            memcpy(sequence_bytes + seq.len, f, 2);
            seq.len = (uint8_t)(seq.len + 2);
        }
        machine_load_code(&m, sequence_bytes, seq.len);
        unsigned top = (unsigned)g_rand_int_range(r, 0, 8);
        for (unsigned k = 0; k < 12; k++) {
            State s;
            Outcome want, got;
            stack_state(r, &s, k == 11 ? (top + 1) & 7 : top); /* the last one: not as assumed */
            run_native(sequence_bytes, seq.len, &s, &want);
            run_guest(&m, &s, &got, seq.len);
            if (!same_outcome(seq.name, &s, &want, &got))
                failures++;
        }
    }
    g_assert_cmpuint(failures, ==, 0);
    machine_free(&m);
    g_rand_free(r);
}

static void test_runs_jit32(void) { check_runs(&backend_jit, false, 31); }
static void test_runs_jit64(void) { check_runs(&backend_jit, true, 32); }
static void test_runs_interp32(void) { check_runs(&backend_interp, false, 33); }

/* Stores of values at the edges of each memory format (the JIT derives a
 * store's status from the bits it wrote where they show an ordinary value,
 * backend/x86_64/gen_x87.c): floats in the lowest binades and around the
 * largest, halfway and all-ones mantissas (rounding into the next binade),
 * integers around 0, +-0.5 and the format's limits; under the default
 * control word, where the inline path runs. */
static const uint8_t store_forms[][2] = {
    {0xd9, 0x16}, {0xd9, 0x1e}, {0xdd, 0x16}, {0xdd, 0x1e}, /* fst(p) m32, m64 */
    {0xdf, 0x16}, {0xdb, 0x16}, {0xdb, 0x1e}, {0xdf, 0x3e}, /* fist m16, m32, fistp m32, m64 */
};

/* An exponent (biased as in the 80-bit format) near an edge. */
static uint16_t edge_exponent(GRand *r)
{
    static const int32_t edges[] = {
        16383 - 149, 16383 - 126, 16383 + 127,  /* m32: smallest denormal, smallest normal, largest */
        16383 - 1074, 16383 - 1022, 16383 + 1023, /* m64 */
        16383 - 2, 16383 + 15, 16383 + 31, 16383 + 63, /* below 1/2; m16, m32, m64 integer limits */
    };
    int32_t e = edges[g_rand_int_range(r, 0, G_N_ELEMENTS(edges))] + g_rand_int_range(r, -2, 3);
    return (uint16_t)e;
}

static uint64_t edge_mantissa(GRand *r)
{
    static const uint64_t low_bits[] = {0, 0x3ff, 0x400, 0x7ff, 0x7fffffffffull, 0x8000000000ull, 0xffffffffffull};
    uint64_t mant = 1ull << 63;
    switch (g_rand_int_range(r, 0, 4)) {
    case 0: return ~0ull;                                        /* rounds into the next binade */
    case 1: return mant | low_bits[g_rand_int_range(r, 0, G_N_ELEMENTS(low_bits))];
    default: return mant | rand64(r);
    }
}

static void check_store_edges(const Backend *backend, bool long_mode, guint32 seed)
{
    GRand *r = g_rand_new_with_seed(seed);
    Machine m;
    machine_init(&m, backend, long_mode);
    unsigned failures = 0;
    for (size_t k = 0; k < G_N_ELEMENTS(store_forms) && failures < 10; k++) {
        char name[16];
        snprintf(name, sizeof(name), "%02x %02x [rsi]", store_forms[k][0], store_forms[k][1]);
        machine_load_code(&m, store_forms[k], 2);
        for (unsigned n = 0; n < 600 && failures < 10; n++) {
            State s;
            Outcome want, got;
            stack_state(r, &s, (unsigned)g_rand_int_range(r, 0, 8));
            put32(s.image + 0, 0xffff0000u | X87_CW_INIT);
            uint16_t sign = g_rand_boolean(r) ? 0x8000 : 0;
            put_reg(s.image + X86_FSAVE32_ENV_BYTES, edge_mantissa(r), sign | edge_exponent(r));
            run_native(store_forms[k], 2, &s, &want);
            run_guest(&m, &s, &got, 2);
            if (!same_outcome(name, &s, &want, &got))
                failures++;
        }
    }
    g_assert_cmpuint(failures, ==, 0);
    machine_free(&m);
    g_rand_free(r);
}

static void test_store_edges_jit32(void) { check_store_edges(&backend_jit, false, 41); }
static void test_store_edges_jit64(void) { check_store_edges(&backend_jit, true, 42); }
static void test_store_edges_interp64(void) { check_store_edges(&backend_interp, true, 43); }

/* ---- images: fnstenv fldenv fnsave frstor fxsave fxrstor -------------------------- */

/* One image instruction on [rsi] from many states; `skip` ranges of the
 * memory image hold pointers the guest does not model. */
static void check_image_insn(const char *name, const uint8_t *insn, size_t len, bool data_is_image,
                             const unsigned (*skip)[2], size_t nskip)
{
    GRand *r = g_rand_new_with_seed(7);
    Machine m;
    machine_init(&m, &backend_jit, true);
    machine_load_code(&m, insn, len);
    unsigned failures = 0;
    for (unsigned n = 0; n < 200 && failures < 10; n++) {
        State s, source;
        Outcome want, got;
        random_state(r, &s);
        if (data_is_image) { /* fldenv/frstor read an image made from another state */
            random_state(r, &source);
            memcpy(s.data, source.image, sizeof(source.image));
        }
        run_native(insn, len, &s, &want);
        run_guest(&m, &s, &got, len);
        for (size_t k = 0; k < nskip; k++) {
            memset(want.data + skip[k][0], 0, skip[k][1] - skip[k][0]);
            memset(got.data + skip[k][0], 0, skip[k][1] - skip[k][0]);
        }
        if (!same_outcome(name, &s, &want, &got))
            failures++;
    }
    g_assert_cmpuint(failures, ==, 0);
    machine_free(&m);
    g_rand_free(r);
}

static void test_fnstenv(void)
{
    static const uint8_t insn[] = {0xd9, 0x36};
    check_image_insn("fnstenv [rsi]", insn, sizeof(insn), false, NULL, 0);
}

static void test_fnsave(void)
{
    static const uint8_t insn[] = {0xdd, 0x36};
    check_image_insn("fnsave [rsi]", insn, sizeof(insn), false, NULL, 0);
}

static void test_fldenv(void)
{
    static const uint8_t insn[] = {0xd9, 0x26};
    check_image_insn("fldenv [rsi]", insn, sizeof(insn), true, NULL, 0);
}

static void test_frstor(void)
{
    static const uint8_t insn[] = {0xdd, 0x26};
    check_image_insn("frstor [rsi]", insn, sizeof(insn), true, NULL, 0);
}

/* The 16-bit operand-size images (66 prefix): 14-byte environment. */
static void test_images16(void)
{
    static const uint8_t fnstenv16[] = {0x66, 0xd9, 0x36}, fnsave16[] = {0x66, 0xdd, 0x36};
    static const uint8_t fldenv16[] = {0x66, 0xd9, 0x26}, frstor16[] = {0x66, 0xdd, 0x26};
    check_image_insn("o16 fnstenv [rsi]", fnstenv16, sizeof(fnstenv16), false, NULL, 0);
    check_image_insn("o16 fnsave [rsi]", fnsave16, sizeof(fnsave16), false, NULL, 0);
    check_image_insn("o16 fldenv [rsi]", fldenv16, sizeof(fldenv16), true, NULL, 0);
    check_image_insn("o16 frstor [rsi]", frstor16, sizeof(frstor16), true, NULL, 0);
}

static void test_fxsave(void)
{
    /* MXCSR (24) and 160-511 (XMM registers, reserved area) are the SSE
     * unit's, whose host state is not the guest's here. */
    static const unsigned fx_skip[][2] = {{24, 28}, {160, 512}};
    static const uint8_t insn[] = {0x0f, 0xae, 0x06}, insn64[] = {0x48, 0x0f, 0xae, 0x06};
    check_image_insn("fxsave [rsi]", insn, sizeof(insn), false, fx_skip, G_N_ELEMENTS(fx_skip));
    check_image_insn("fxsave64 [rsi]", insn64, sizeof(insn64), false, fx_skip, G_N_ELEMENTS(fx_skip));
}

/* FXRSTOR from the FXSAVE image the host makes of a random state. */
static void check_fxrstor(const uint8_t *fxsave_insn, const uint8_t *insn, size_t len)
{
    GRand *r = g_rand_new_with_seed(11);
    Machine m;
    machine_init(&m, &backend_interp, true);
    machine_load_code(&m, insn, len);
    for (unsigned n = 0; n < 200; n++) {
        State s, source;
        Outcome image, want, got;
        random_state(r, &source);
        run_native(fxsave_insn, len, &source, &image);
        memset(image.data + 160, 0, DATA_BYTES - 160); /* XMM: zero on both sides */
        random_state(r, &s);
        memcpy(s.data, image.data, DATA_BYTES);
        run_native(insn, len, &s, &want);
        run_guest(&m, &s, &got, len);
        g_assert_true(same_outcome("fxrstor [rsi]", &s, &want, &got));
        uint32_t mxcsr; /* its control bits reach the SSE unit (its flags are the host's noise here) */
        memcpy(&mxcsr, image.data + 24, 4);
        g_assert_cmphex(m.cpu->mxcsr & 0xffc0, ==, mxcsr & 0xffc0);
    }
    machine_free(&m);
    g_rand_free(r);
}

static void test_fxrstor(void)
{
    static const uint8_t fxsave_insn[] = {0x0f, 0xae, 0x06}, insn[] = {0x0f, 0xae, 0x0e};
    static const uint8_t fxsave64_insn[] = {0x48, 0x0f, 0xae, 0x06}, insn64[] = {0x48, 0x0f, 0xae, 0x0e};
    check_fxrstor(fxsave_insn, insn, sizeof(insn));
    check_fxrstor(fxsave64_insn, insn64, sizeof(insn64));
}

/* The manual: a memory operand of FXSAVE/FXRSTOR not 16-byte aligned is #GP. */
static void test_fxsave_alignment(void)
{
    static const uint8_t fxsave_plus8[] = {0x0f, 0xae, 0x46, 0x08}; /* fxsave [rsi+8] */
    Machine m;
    machine_init(&m, &backend_jit, true);
    machine_load_code(&m, fxsave_plus8, sizeof(fxsave_plus8));
    g_assert_cmpint(machine_run(&m), ==, EXIT_PRIV);
    g_assert_cmphex(m.cpu->common.pc, ==, CODE);
    machine_free(&m);
}

/* The manual: a faulting memory operand leaves the FPU as it was (a store
 * that pops does not pop, fnsave does not reinitialize). The address is
 * beyond the guest's space (guest_addr_fault_mask), so the access faults. */
static void test_faults_precise(void)
{
    static const struct {
        uint8_t bytes[4];
        uint8_t len;
    } insns[] = {
        {{0xdb, 0x3e}, 2},       /* fstp m80 */
        {{0xdd, 0x1e}, 2},       /* fstp m64 */
        {{0xdf, 0x3e}, 2},       /* fistp m64 */
        {{0xdb, 0x2e}, 2},       /* fld m80 */
        {{0xd8, 0x06}, 2},       /* fadd m32 */
        {{0xdd, 0x36}, 2},       /* fnsave */
        {{0xdd, 0x26}, 2},       /* frstor */
        {{0x0f, 0xae, 0x06}, 3}, /* fxsave */
    };
    const uint64_t bad = 1ull << 40;
    GRand *r = g_rand_new_with_seed(5);
    Machine m;
    machine_init(&m, &backend_jit, true);
    m.cpu->common.guest_addr_fault_mask = ~0xffffffffull;
    for (size_t k = 0; k < G_N_ELEMENTS(insns); k++) {
        machine_load_code(&m, insns[k].bytes, insns[k].len);
        State s;
        random_state(r, &s);
        x86_x87_frstor32(m.cpu, s.image);
        uint8_t before[X86_FSAVE32_BYTES], after[X86_FSAVE32_BYTES];
        x86_x87_fsave32(m.cpu, before);
        m.cpu->common.pc = CODE;
        m.cpu->regs[X86_RSI] = bad;
        g_assert_cmpint(cpu_exec(&m.cpu->common), ==, EXIT_FAULT);
        g_assert_cmphex(m.cpu->common.pc, ==, CODE);
        g_assert_cmphex(m.cpu->common.exception_addr, >=, bad);
        x86_x87_fsave32(m.cpu, after);
        g_assert_cmpmem(before, sizeof(before), after, sizeof(after));
    }
    machine_free(&m);
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/x87/encodings/jit64", test_encodings_jit64);
    g_test_add_func("/x86/x87/encodings/interp64", test_encodings_interp64);
    g_test_add_func("/x86/x87/encodings/jit32", test_encodings_jit32);
    g_test_add_func("/x86/x87/sequences/jit64", test_sequences_jit64);
    g_test_add_func("/x86/x87/sequences/interp32", test_sequences_interp32);
    g_test_add_func("/x86/x87/runs/jit32", test_runs_jit32);
    g_test_add_func("/x86/x87/runs/jit64", test_runs_jit64);
    g_test_add_func("/x86/x87/runs/interp32", test_runs_interp32);
    g_test_add_func("/x86/x87/store_edges/jit32", test_store_edges_jit32);
    g_test_add_func("/x86/x87/store_edges/jit64", test_store_edges_jit64);
    g_test_add_func("/x86/x87/store_edges/interp64", test_store_edges_interp64);
    g_test_add_func("/x86/x87/fnstenv", test_fnstenv);
    g_test_add_func("/x86/x87/fnsave", test_fnsave);
    g_test_add_func("/x86/x87/fldenv", test_fldenv);
    g_test_add_func("/x86/x87/frstor", test_frstor);
    g_test_add_func("/x86/x87/images16", test_images16);
    g_test_add_func("/x86/x87/fxsave", test_fxsave);
    g_test_add_func("/x86/x87/fxrstor", test_fxrstor);
    g_test_add_func("/x86/x87/fxsave_alignment", test_fxsave_alignment);
    g_test_add_func("/x86/x87/faults_precise", test_faults_precise);
    return g_test_run();
}
