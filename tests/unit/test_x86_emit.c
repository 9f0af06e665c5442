/* tests/unit/test_x86_emit.c — the x86-64 encoder (backend/x86_64/emit.c)
 * checked against capstone: every form is emitted with many register and
 * memory-operand combinations (r8-r15, rsp/rbp/r12/r13 bases, scaled
 * indexes, disp8/disp32, 32- and 64-bit) and the disassembly must read
 * exactly as the Intel manual names the instruction. Labels, patching and
 * alignment are checked the same way, and a few functions are emitted
 * into a code cache and run on this CPU. */
#include <cpuid.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>
#include <glib.h>

#include "backend/x86_64/code_cache.h"
#include "backend/x86_64/emit.h"

/* --- the oracle: capstone text of what was emitted ---------------------- */

static csh cs;
static uint8_t buf[4096];
static X86Emit em;
static unsigned forms_checked;

static void start(void)
{
    x86_emit_init(&em, buf, sizeof buf);
}

/* All instructions in buf[0..len), "mnemonic operands" joined by "; ". */
static char *disassemble(const uint8_t *code, size_t len)
{
    GString *text = g_string_new(NULL);
    cs_insn *insn;
    size_t n = cs_disasm(cs, code, len, 0, 0, &insn);
    size_t decoded = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            g_string_append(text, "; ");
        g_string_append_printf(text, "%s%s%s", insn[i].mnemonic, insn[i].op_str[0] ? " " : "",
                               insn[i].op_str);
        decoded += insn[i].size;
    }
    cs_free(insn, n);
    if (decoded != len)
        g_string_append_printf(text, " <%zu undecoded bytes>", len - decoded);
    return g_string_free(text, FALSE);
}

static void check_text(const char *expect)
{
    g_assert_false(em.overflow);
    char *got = disassemble(buf, em.len);
    if (strcmp(got, expect) != 0) {
        GString *hex = g_string_new(NULL);
        for (size_t i = 0; i < em.len; i++)
            g_string_append_printf(hex, "%02x ", buf[i]);
        g_test_message("bytes: %s", hex->str);
        g_string_free(hex, TRUE);
    }
    g_assert_cmpstr(got, ==, expect);
    g_free(got);
    forms_checked++;
}

static void G_GNUC_PRINTF(1, 2) check(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *expect = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    check_text(expect);
    g_free(expect);
}

/* --- how the manual (and capstone) writes operands ---------------------- */

static const char *const r64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const r32[16] = {"eax", "ecx", "edx",  "ebx",  "esp",  "ebp",  "esi",  "edi",
                                    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const r16[16] = {"ax",  "cx",  "dx",   "bx",   "sp",   "bp",   "si",   "di",
                                    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
static const char *const r8[16] = {"al",  "cl",  "dl",   "bl",   "spl",  "bpl",  "sil",  "dil",
                                   "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};

static const char *gpr(X86Reg r, unsigned size)
{
    switch (size) {
    case 1: return r8[r];
    case 2: return r16[r];
    case 4: return r32[r];
    default: return r64[r];
    }
}

static const char *rw(bool w64, X86Reg r) { return gpr(r, w64 ? 8 : 4); }

static const char *xmm(X86Reg r)
{
    static char names[16][8];
    unsigned n = r - X86_XMM0;
    snprintf(names[n], sizeof names[n], "xmm%u", n);
    return names[n];
}

static const char *size_ptr(unsigned size)
{
    switch (size) {
    case 1: return "byte ptr ";
    case 2: return "word ptr ";
    case 4: return "dword ptr ";
    default: return "qword ptr ";
    }
}

/* A number as capstone prints it: decimal up to 9, else hex; signed. */
static void append_number(GString *s, int64_t v)
{
    uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
    if (v < 0)
        g_string_append_c(s, '-');
    if (mag > 9)
        g_string_append_printf(s, "0x%" PRIx64, mag);
    else
        g_string_append_printf(s, "%" PRIu64, mag);
}

static const char *imm(int64_t v)
{
    static char text[4][32];
    static unsigned next;
    char *out = text[next++ % 4];
    GString *s = g_string_new(NULL);
    append_number(s, v);
    g_strlcpy(out, s->str, sizeof text[0]);
    g_string_free(s, TRUE);
    return out;
}

/* "qword ptr [base + index*scale + disp]", capstone's spelling. */
static const char *mem(X86Mem m, const char *ptr)
{
    static char text[4][96];
    static unsigned next;
    char *out = text[next++ % 4];
    GString *s = g_string_new(ptr);
    g_string_append_c(s, '[');
    bool any = false;
    if (m.base != X86_NOREG) {
        g_string_append(s, r64[m.base]);
        any = true;
    }
    if (m.index != X86_NOREG) {
        g_string_append_printf(s, "%s%s", any ? " + " : "", r64[m.index]);
        if (m.scale != 1)
            g_string_append_printf(s, "*%u", m.scale);
        any = true;
    }
    if (!any) {
        append_number(s, m.disp);
    } else if (m.disp != 0) {
        g_string_append(s, m.disp < 0 ? " - " : " + ");
        append_number(s, m.disp < 0 ? -(int64_t)m.disp : m.disp);
    }
    g_string_append_c(s, ']');
    g_strlcpy(out, s->str, sizeof text[0]);
    g_string_free(s, TRUE);
    return out;
}

/* Memory operands covering every ModRM/SIB corner. */
static const X86Mem mems[] = {
    {X86_RAX, X86_NOREG, 1, 0},
    {X86_RSP, X86_NOREG, 1, 0},    /* SIB required */
    {X86_RBP, X86_NOREG, 1, 0},    /* disp8 0 required */
    {X86_R12, X86_NOREG, 1, 8},    /* SIB with REX.B */
    {X86_R13, X86_NOREG, 1, 0},    /* disp8 0 with REX.B */
    {X86_R13, X86_NOREG, 1, -8},
    {X86_RBX, X86_NOREG, 1, 0x1000},
    {X86_RCX, X86_NOREG, 1, -128},
    {X86_RDX, X86_NOREG, 1, 127},
    {X86_RSI, X86_NOREG, 1, 128},  /* first disp32 */
    {X86_RDI, X86_R8, 2, 3},
    {X86_R15, X86_R9, 8, -200},
    {X86_R12, X86_R13, 1, 0},
    {X86_RBP, X86_RAX, 4, 0},
    {X86_R11, X86_RBP, 8, 0x12345678},
    {X86_RSP, X86_R12, 2, -0x7fffffff - 1},
    {X86_NOREG, X86_NOREG, 1, 0x100},   /* absolute */
    {X86_NOREG, X86_RCX, 8, 0x10},      /* index only */
};

/* Register pairs: low and high halves, and the special encodings. */
static const X86Reg pairs[][2] = {
    {X86_RAX, X86_R9},  {X86_R8, X86_RCX}, {X86_RSP, X86_RBP}, {X86_R12, X86_R13},
    {X86_R15, X86_R15}, {X86_RDI, X86_RSI}, {X86_RBX, X86_R11}, {X86_RDX, X86_RAX},
};

static const char *const alu_names[8] = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
static const char *const cc_names[16] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                         "s", "ns", "p", "np", "l", "ge", "le", "g"};

/* --- integer moves ------------------------------------------------------ */

static void test_mov(void)
{
    for (int w = 0; w < 2; w++)
        for (X86Reg d = 0; d < 16; d++)
            for (X86Reg s = 0; s < 16; s++) {
                start();
                x86_mov_rr(&em, w, d, s);
                check("mov %s, %s", rw(w, d), rw(w, s));
            }
}

static void test_mov_ri(void)
{
    static const struct {
        uint64_t value;
        const char *form; /* %s: register */
        bool w64;         /* register width in the text */
    } cases[] = {
        {1, "mov %s, 1", false},
        {0x7fffffff, "mov %s, 0x7fffffff", false},
        {0xffffffff, "mov %s, 0xffffffff", false},
        {0xffffffffffffffff, "mov %s, -1", true},
        {0xffffffff80000000, "mov %s, -0x80000000", true},
        {0x100000000, "movabs %s, 0x100000000", true},
        {0x8000000000000000, "movabs %s, 0x8000000000000000", true},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        for (X86Reg r = 0; r < 16; r += 3) {
            start();
            x86_mov_ri(&em, r, cases[i].value, false);
            check(cases[i].form, rw(cases[i].w64, r));
        }
    for (X86Reg r = 0; r < 16; r++) {
        start();
        x86_mov_ri(&em, r, 0, false);
        check("xor %s, %s", r32[r], r32[r]);
        start();
        x86_mov_ri(&em, r, 0, true);
        check("mov %s, 0", r32[r]);
    }
}

static void test_load_store(void)
{
    static const struct {
        unsigned size;
        bool sign, w64;
        const char *form; /* dst, mem */
    } loads[] = {
        {1, false, false, "movzx %s, byte ptr %s"}, {1, false, true, "movzx %s, byte ptr %s"},
        {1, true, false, "movsx %s, byte ptr %s"},  {1, true, true, "movsx %s, byte ptr %s"},
        {2, false, false, "movzx %s, word ptr %s"}, {2, true, true, "movsx %s, word ptr %s"},
        {2, true, false, "movsx %s, word ptr %s"},  {4, false, true, "mov %s, dword ptr %s"},
        {4, true, true, "movsxd %s, dword ptr %s"}, {4, true, false, "mov %s, dword ptr %s"},
        {8, false, true, "mov %s, qword ptr %s"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(loads); i++)
        for (size_t m = 0; m < G_N_ELEMENTS(mems); m++)
            for (X86Reg r = 0; r < 16; r += 5) {
                /* a zero extension writes the 32-bit register */
                bool text64 = loads[i].w64 && (loads[i].sign || loads[i].size == 8);
                start();
                x86_load(&em, r, mems[m], loads[i].size, loads[i].sign, loads[i].w64);
                check(loads[i].form, rw(text64, r), mem(mems[m], ""));
            }
    for (unsigned size = 1; size <= 8; size *= 2)
        for (size_t m = 0; m < G_N_ELEMENTS(mems); m++)
            for (X86Reg r = 0; r < 16; r++) {
                start();
                x86_store(&em, mems[m], r, size);
                check("mov %s, %s", mem(mems[m], size_ptr(size)), gpr(r, size));
            }
    static const struct {
        unsigned size;
        int32_t value;
        const char *text;
    } stores[] = {
        {1, 0x7f, "0x7f"}, {1, -1, "0xff"},   {2, 0x1234, "0x1234"},
        {2, -2, "0xfffe"}, {4, 5, "5"},       {4, -1, "0xffffffff"},
        {8, 0x12345678, "0x12345678"},        {8, -0x7fffffff - 1, "-0x80000000"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(stores); i++)
        for (size_t m = 0; m < G_N_ELEMENTS(mems); m += 2) {
            start();
            x86_store_imm(&em, mems[m], stores[i].value, stores[i].size);
            check("mov %s, %s", mem(mems[m], size_ptr(stores[i].size)), stores[i].text);
        }
}

static void test_lea_ext(void)
{
    for (int w = 0; w < 2; w++)
        for (size_t m = 0; m < G_N_ELEMENTS(mems); m++) {
            start();
            x86_lea(&em, w, X86_R10, mems[m]);
            check("lea %s, %s", rw(w, X86_R10), mem(mems[m], ""));
        }
    for (X86Reg d = 0; d < 16; d += 3)
        for (X86Reg s = 0; s < 16; s++) {
            start();
            x86_movzx(&em, true, d, s, 1);
            check("movzx %s, %s", r32[d], r8[s]);
            start();
            x86_movzx(&em, false, d, s, 2);
            check("movzx %s, %s", r32[d], r16[s]);
            for (int w = 0; w < 2; w++) {
                start();
                x86_movsx(&em, w, d, s, 1);
                check("movsx %s, %s", rw(w, d), r8[s]);
                start();
                x86_movsx(&em, w, d, s, 2);
                check("movsx %s, %s", rw(w, d), r16[s]);
            }
            start();
            x86_movsx(&em, true, d, s, 4);
            check("movsxd %s, %s", r64[d], r32[s]);
        }
}

static void test_bytes_swaps(void)
{
    for (unsigned size = 2; size <= 8; size *= 2)
        for (size_t m = 0; m < G_N_ELEMENTS(mems); m++) {
            X86Reg r = (X86Reg)(m % 16);
            start();
            x86_movbe_load(&em, r, mems[m], size);
            check("movbe %s, %s", gpr(r, size), mem(mems[m], size_ptr(size)));
            start();
            x86_movbe_store(&em, mems[m], r, size);
            check("movbe %s, %s", mem(mems[m], size_ptr(size)), gpr(r, size));
        }
    for (X86Reg r = 0; r < 16; r++) {
        for (int w = 0; w < 2; w++) {
            start();
            x86_bswap(&em, w, r);
            check("bswap %s", rw(w, r));
        }
        start();
        x86_rol16_8(&em, r);
        check("rol %s, 8", r16[r]);
    }
    for (size_t p = 0; p < G_N_ELEMENTS(pairs); p++)
        for (int w = 0; w < 2; w++) {
            start();
            x86_xchg_rr(&em, w, pairs[p][0], pairs[p][1]);
            /* 87 /r with a in r/m, b in reg (no short rax form) */
            check("xchg %s, %s", rw(w, pairs[p][0]), rw(w, pairs[p][1]));
        }
}

/* --- integer arithmetic ------------------------------------------------- */

static void test_alu(void)
{
    for (X86Alu op = X86_ADD; op <= X86_CMP; op++)
        for (int w = 0; w < 2; w++) {
            for (size_t p = 0; p < G_N_ELEMENTS(pairs); p++) {
                X86Reg a = pairs[p][0], b = pairs[p][1];
                start();
                x86_alu_rr(&em, op, w, a, b);
                check("%s %s, %s", alu_names[op], rw(w, a), rw(w, b));
            }
            for (size_t m = 0; m < G_N_ELEMENTS(mems); m++) {
                X86Reg r = (X86Reg)((m * 7) % 16);
                start();
                x86_alu_rm(&em, op, w, r, mems[m]);
                check("%s %s, %s", alu_names[op], rw(w, r), mem(mems[m], size_ptr(w ? 8 : 4)));
                start();
                x86_alu_mr(&em, op, w, mems[m], r);
                check("%s %s, %s", alu_names[op], mem(mems[m], size_ptr(w ? 8 : 4)), rw(w, r));
            }
        }
}

/* Immediates as capstone prints them: sign-extended imm8 signed, a
 * 32-bit operation's imm32 unsigned, a 64-bit one's signed. */
static const char *imm_text(bool w64, int32_t v)
{
    if (v >= -128 && v <= 127)
        return imm(v);
    return w64 ? imm(v) : imm((uint32_t)v);
}

/* ... except for and/or/xor, whose immediate it prints as the unsigned
 * value of the operand size. */
static const char *alu_imm_text(X86Alu op, bool w64, int32_t v)
{
    if (op != X86_AND && op != X86_OR && op != X86_XOR)
        return imm_text(w64, v);
    uint64_t bits = w64 ? (uint64_t)(int64_t)v : (uint32_t)v;
    static char text[24];
    snprintf(text, sizeof text, bits > 9 ? "0x%" PRIx64 : "%" PRIu64, bits);
    return text;
}

static const int32_t imms[] = {0, 1, -1, 127, -128, 128, -129, 0x12345678, -0x7fffffff - 1};

static void test_alu_imm(void)
{
    for (X86Alu op = X86_ADD; op <= X86_CMP; op++)
        for (int w = 0; w < 2; w++)
            for (size_t i = 0; i < G_N_ELEMENTS(imms); i++) {
                for (X86Reg r = 0; r < 16; r += 3) {
                    start();
                    x86_alu_ri(&em, op, w, r, imms[i]);
                    check("%s %s, %s", alu_names[op], rw(w, r), alu_imm_text(op, w, imms[i]));
                }
                X86Mem m = mems[i % G_N_ELEMENTS(mems)];
                start();
                x86_alu_mi(&em, op, w, m, imms[i]);
                check("%s %s, %s", alu_names[op], mem(m, size_ptr(w ? 8 : 4)),
                      alu_imm_text(op, w, imms[i]));
            }
    /* the eax/rax short forms and the imm8 form have their own lengths */
    start();
    x86_alu_ri(&em, X86_ADD, true, X86_RAX, 0x1000);
    g_assert_cmpuint(em.len, ==, 6);
    start();
    x86_alu_ri(&em, X86_SUB, false, X86_RCX, -5);
    g_assert_cmpuint(em.len, ==, 3);

    static const struct {
        unsigned size;
        int32_t value;
        const char *text;
    } cmps[] = {
        {1, 5, "5"},          {1, -1, "0xff"},       {2, -1, "-1"},    {2, 0x1234, "0x1234"},
        {4, -1, "-1"},        {4, 300, "0x12c"},     {8, -1, "-1"},    {8, -300, "-0x12c"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cmps); i++)
        for (size_t m = 0; m < G_N_ELEMENTS(mems); m += 3) {
            start();
            x86_cmp_mi(&em, mems[m], cmps[i].value, cmps[i].size);
            check("cmp %s, %s", mem(mems[m], size_ptr(cmps[i].size)), cmps[i].text);
        }
}

static void test_test_shift(void)
{
    static const char *const shift_names[8] = {[X86_ROL] = "rol", [X86_ROR] = "ror",
                                               [X86_SHL] = "shl", [X86_SHR] = "shr",
                                               [X86_SAR] = "sar"};
    static const X86Shift shifts[] = {X86_ROL, X86_ROR, X86_SHL, X86_SHR, X86_SAR};
    for (int w = 0; w < 2; w++) {
        for (size_t p = 0; p < G_N_ELEMENTS(pairs); p++) {
            start();
            x86_test_rr(&em, w, pairs[p][0], pairs[p][1]);
            check("test %s, %s", rw(w, pairs[p][0]), rw(w, pairs[p][1]));
        }
        for (X86Reg r = 0; r < 16; r++) {
            start();
            x86_test_ri(&em, w, r, 0x80);
            check("test %s, 0x80", rw(w, r));
            for (size_t s = 0; s < G_N_ELEMENTS(shifts); s++) {
                start();
                x86_shift_ri(&em, shifts[s], w, r, 1);
                check("%s %s, 1", shift_names[shifts[s]], rw(w, r));
                start();
                x86_shift_ri(&em, shifts[s], w, r, 13);
                check("%s %s, 0xd", shift_names[shifts[s]], rw(w, r));
                start();
                x86_shift_cl(&em, shifts[s], w, r);
                check("%s %s, cl", shift_names[shifts[s]], rw(w, r));
            }
        }
    }
}

static void test_bmi(void)
{
    static const X86Reg triples[][3] = {
        {X86_RAX, X86_RCX, X86_RDX}, {X86_R8, X86_R9, X86_R10}, {X86_R15, X86_RAX, X86_R13},
        {X86_RSP, X86_R12, X86_RBP}, {X86_RDI, X86_RSI, X86_R11},
    };
    for (int w = 0; w < 2; w++)
        for (size_t t = 0; t < G_N_ELEMENTS(triples); t++) {
            X86Reg d = triples[t][0], s = triples[t][1], c = triples[t][2];
            start();
            x86_shlx(&em, w, d, s, c);
            check("shlx %s, %s, %s", rw(w, d), rw(w, s), rw(w, c));
            start();
            x86_shrx(&em, w, d, s, c);
            check("shrx %s, %s, %s", rw(w, d), rw(w, s), rw(w, c));
            start();
            x86_sarx(&em, w, d, s, c);
            check("sarx %s, %s, %s", rw(w, d), rw(w, s), rw(w, c));
            start();
            x86_andn(&em, w, d, s, c);
            check("andn %s, %s, %s", rw(w, d), rw(w, s), rw(w, c));
            start();
            x86_rorx(&em, w, d, s, 17);
            check("rorx %s, %s, 0x11", rw(w, d), rw(w, s));
        }
}

static void test_unary_muldiv(void)
{
    static const struct {
        void (*emit)(X86Emit *, bool, X86Reg);
        const char *name;
    } unary[] = {
        {x86_not, "not"}, {x86_neg, "neg"}, {x86_mul1, "mul"},
        {x86_imul1, "imul"}, {x86_div1, "div"}, {x86_idiv1, "idiv"},
    };
    static const struct {
        void (*emit)(X86Emit *, bool, X86Reg, X86Reg);
        const char *name;
    } binary[] = {
        {x86_imul_rr, "imul"}, {x86_lzcnt, "lzcnt"}, {x86_tzcnt, "tzcnt"}, {x86_popcnt, "popcnt"},
    };
    for (int w = 0; w < 2; w++) {
        for (X86Reg r = 0; r < 16; r++)
            for (size_t u = 0; u < G_N_ELEMENTS(unary); u++) {
                start();
                unary[u].emit(&em, w, r);
                check("%s %s", unary[u].name, rw(w, r));
            }
        for (size_t p = 0; p < G_N_ELEMENTS(pairs); p++) {
            X86Reg a = pairs[p][0], b = pairs[p][1];
            for (size_t i = 0; i < G_N_ELEMENTS(binary); i++) {
                start();
                binary[i].emit(&em, w, a, b);
                check("%s %s, %s", binary[i].name, rw(w, a), rw(w, b));
            }
            for (size_t i = 0; i < G_N_ELEMENTS(imms); i++) {
                start();
                x86_imul_rri(&em, w, a, b, imms[i]);
                check("imul %s, %s, %s", rw(w, a), rw(w, b), imm_text(w, imms[i]));
            }
        }
    }
    start();
    x86_cdq(&em, false);
    check("cdq");
    start();
    x86_cdq(&em, true);
    check("cqo");
}

static void test_setcc_cmov(void)
{
    for (X86Cond cc = X86_CC_O; cc <= X86_CC_G; cc++) {
        for (X86Reg r = 0; r < 16; r++) {
            start();
            x86_setcc(&em, cc, r);
            check("set%s %s", cc_names[cc], r8[r]);
        }
        for (int w = 0; w < 2; w++)
            for (size_t p = 0; p < G_N_ELEMENTS(pairs); p++) {
                start();
                x86_cmovcc(&em, cc, w, pairs[p][0], pairs[p][1]);
                check("cmov%s %s, %s", cc_names[cc], rw(w, pairs[p][0]), rw(w, pairs[p][1]));
            }
    }
}

static void test_atomics(void)
{
    for (unsigned size = 1; size <= 8; size *= 2)
        for (size_t m = 0; m < G_N_ELEMENTS(mems); m++) {
            X86Reg r = (X86Reg)((m * 5 + 1) % 16);
            start();
            x86_lock_cmpxchg(&em, mems[m], r, size);
            check("lock cmpxchg %s, %s", mem(mems[m], size_ptr(size)), gpr(r, size));
        }
    start();
    x86_mfence(&em);
    check("mfence");
}

/* --- stack and control -------------------------------------------------- */

static void test_stack_control(void)
{
    for (X86Reg r = 0; r < 16; r++) {
        start();
        x86_push(&em, r);
        x86_pop(&em, r);
        check("push %s; pop %s", r64[r], r64[r]);
        start();
        x86_call_r(&em, r);
        x86_jmp_r(&em, r);
        check("call %s; jmp %s", r64[r], r64[r]);
    }
    for (size_t m = 0; m < G_N_ELEMENTS(mems); m++) {
        start();
        x86_jmp_m(&em, mems[m]);
        check("jmp %s", mem(mems[m], "qword ptr "));
    }
    start();
    x86_ret(&em);
    x86_ud2(&em);
    check("ret; ud2");
}

static void test_jumps(void)
{
    start();
    x86_bytes(&em, (const uint8_t[]){0x90, 0x90, 0x90, 0x90}, 4);
    size_t field = x86_jmp_to(&em, 0);
    g_assert_cmpuint(field, ==, 5);
    check("nop; nop; nop; nop; jmp 0");
    for (X86Cond cc = X86_CC_O; cc <= X86_CC_G; cc++) {
        start();
        field = x86_jcc_to(&em, cc, 0x1234);
        g_assert_cmpuint(field, ==, 2);
        check("j%s 0x1234", cc_names[cc]);
    }
}

static void test_patch_rel32(void)
{
    /* code that will run at exec = 0x10000 is written at buf */
    start();
    x86_byte(&em, 0x90);
    x86_byte(&em, 0x90);
    x86_byte(&em, 0x90);
    size_t field = x86_jmp_to(&em, 0);
    g_assert_cmpuint(field, ==, 4);
    uint8_t *exec = (uint8_t *)(uintptr_t)0x10000;
    x86_patch_rel32(buf, exec, field, exec + 0x5000);
    check("nop; nop; nop; jmp 0x5000");
    x86_patch_rel32(buf, exec, field, exec - 0x100);
    check("nop; nop; nop; jmp 0xffffffffffffff00");
    /* an unaligned field works as well */
    start();
    x86_byte(&em, 0x90);
    field = x86_jcc_to(&em, X86_CC_NE, 0);
    g_assert_cmpuint(field, ==, 3);
    x86_patch_rel32(buf, exec, field, exec + 0x77);
    check("nop; jne 0x77");
}

static void test_labels(void)
{
    /* forward rel32, then backward rel8 */
    X86Label top, out;
    start();
    x86_label_init(&top);
    x86_label_init(&out);
    x86_label_bind(&em, &top);          /* 0 */
    x86_jcc_label(&em, X86_CC_E, &out); /* 0: je out (rel32, 6 bytes) */
    x86_jmp_label(&em, &top);           /* 6: jmp top (rel8) */
    x86_label_bind(&em, &out);          /* 8 */
    x86_ret(&em);
    check("je 8; jmp 0; ret");
    g_assert_cmpuint(em.len, ==, 9);

    /* backward rel32 once out of rel8 reach */
    start();
    x86_label_init(&top);
    x86_label_bind(&em, &top);
    for (int i = 0; i < 130; i++)
        x86_byte(&em, 0x90);
    x86_jcc_label(&em, X86_CC_L, &top);
    g_assert_cmpuint(em.len, ==, 136);
    g_assert_cmpuint(buf[130], ==, 0x0f);
    x86_jmp_label(&em, &top);
    g_assert_cmpuint(em.len, ==, 141);
    g_assert_cmpuint(buf[136], ==, 0xe9);
    char *text = disassemble(buf + 130, 11);
    /* capstone counts from 0 for the slice: 130 bytes back from 0 */
    g_assert_cmpstr(text, ==, "jl 0xffffffffffffff7e; jmp 0xffffffffffffff7e");
    g_free(text);

    /* a rel8 reaches exactly -128 */
    start();
    x86_label_init(&top);
    x86_label_bind(&em, &top);
    for (int i = 0; i < 126; i++)
        x86_byte(&em, 0x90);
    x86_jmp_label(&em, &top);
    g_assert_cmpuint(em.len, ==, 128);

    /* more forward jumps than one X86Label holds */
    start();
    x86_label_init(&out);
    for (int i = 0; i < 21; i++)
        x86_jmp_label(&em, &out);
    x86_label_bind(&em, &out);
    x86_label_free(&out);
    GString *expect = g_string_new(NULL);
    for (int i = 0; i < 21; i++)
        g_string_append_printf(expect, "%sjmp 0x69", i ? "; " : "");
    check_text(expect->str);
    g_string_free(expect, TRUE);
}

static void test_align_overflow(void)
{
    for (unsigned pre = 0; pre < 20; pre++)
        for (unsigned phase = 0; phase < 16; phase += 5) {
            start();
            for (unsigned i = 0; i < pre; i++)
                x86_byte(&em, 0xcc);
            x86_align(&em, 16, phase);
            g_assert_cmpuint(em.len % 16, ==, phase);
            char *text = disassemble(buf + pre, em.len - pre);
            g_assert_true(em.len == pre || g_str_has_prefix(text, "nop"));
            g_assert_null(strstr(text, "undecoded"));
            g_free(text);
        }
    uint8_t small[5];
    X86Emit e;
    x86_emit_init(&e, small, sizeof small);
    x86_mov_ri(&e, X86_RAX, 0x123456789, false);
    g_assert_true(e.overflow);
    g_assert_cmpuint(e.len, <=, sizeof small);
}

/* --- SSE / AVX ---------------------------------------------------------- */

static const X86Reg xpairs[][2] = {
    {X86_XMM0, X86_XMM1},  {X86_XMM8, X86_XMM2},  {X86_XMM3, X86_XMM15},
    {X86_XMM12, X86_XMM9}, {X86_XMM7, X86_XMM7},  {X86_XMM13, X86_XMM4},
};

static void test_sse_arith(void)
{
    static const struct {
        X86FpOp op;
        const char *name;
    } ops[] = {
        {X86_FADD, "add"}, {X86_FSUB, "sub"}, {X86_FMUL, "mul"}, {X86_FDIV, "div"},
        {X86_FMIN, "min"}, {X86_FMAX, "max"}, {X86_FSQRT, "sqrt"},
    };
    for (int f64 = 0; f64 < 2; f64++) {
        const char *suffix = f64 ? "sd" : "ss";
        for (size_t o = 0; o < G_N_ELEMENTS(ops); o++) {
            for (size_t p = 0; p < G_N_ELEMENTS(xpairs); p++) {
                start();
                x86_fp_rr(&em, ops[o].op, f64, xpairs[p][0], xpairs[p][1]);
                check("%s%s %s, %s", ops[o].name, suffix, xmm(xpairs[p][0]), xmm(xpairs[p][1]));
            }
            for (size_t m = 0; m < G_N_ELEMENTS(mems); m += 2) {
                X86Reg x = (X86Reg)(X86_XMM0 + m % 16);
                start();
                x86_fp_rm(&em, ops[o].op, f64, x, mems[m]);
                check("%s%s %s, %s", ops[o].name, suffix, xmm(x),
                      mem(mems[m], size_ptr(f64 ? 8 : 4)));
            }
        }
        static const X86Reg triples[][3] = {
            {X86_XMM0, X86_XMM1, X86_XMM2}, {X86_XMM8, X86_XMM9, X86_XMM10},
            {X86_XMM15, X86_XMM0, X86_XMM13}, {X86_XMM3, X86_XMM12, X86_XMM4},
        };
        for (size_t t = 0; t < G_N_ELEMENTS(triples); t++) {
            start();
            x86_vfmadd231(&em, f64, triples[t][0], triples[t][1], triples[t][2]);
            check("vfmadd231%s %s, %s, %s", suffix, xmm(triples[t][0]), xmm(triples[t][1]),
                  xmm(triples[t][2]));
        }
    }
}

static void test_sse_moves(void)
{
    for (int f64 = 0; f64 < 2; f64++)
        for (size_t m = 0; m < G_N_ELEMENTS(mems); m++) {
            X86Reg x = (X86Reg)(X86_XMM0 + (m * 3) % 16);
            const char *name = f64 ? "movsd" : "movss";
            start();
            x86_movs_load(&em, f64, x, mems[m]);
            check("%s %s, %s", name, xmm(x), mem(mems[m], size_ptr(f64 ? 8 : 4)));
            start();
            x86_movs_store(&em, f64, mems[m], x);
            check("%s %s, %s", name, mem(mems[m], size_ptr(f64 ? 8 : 4)), xmm(x));
        }
    for (size_t p = 0; p < G_N_ELEMENTS(xpairs); p++) {
        start();
        x86_movaps(&em, xpairs[p][0], xpairs[p][1]);
        check("movaps %s, %s", xmm(xpairs[p][0]), xmm(xpairs[p][1]));
    }
    for (X86Reg r = 0; r < 16; r++) {
        X86Reg x = (X86Reg)(X86_XMM15 - r);
        for (int w = 0; w < 2; w++) {
            const char *name = w ? "movq" : "movd";
            start();
            x86_movq_to_xmm(&em, w, x, r);
            check("%s %s, %s", name, xmm(x), rw(w, r));
            start();
            x86_movq_from_xmm(&em, w, r, x);
            check("%s %s, %s", name, rw(w, r), xmm(x));
        }
    }
}

static void test_sse_compare_convert(void)
{
    static const char *const preds[8] = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};
    for (int f64 = 0; f64 < 2; f64++) {
        const char *sfx = f64 ? "sd" : "ss";
        for (size_t p = 0; p < G_N_ELEMENTS(xpairs); p++) {
            X86Reg a = xpairs[p][0], b = xpairs[p][1];
            start();
            x86_ucomis(&em, f64, a, b);
            check("ucomi%s %s, %s", sfx, xmm(a), xmm(b));
            start();
            x86_comis(&em, f64, a, b);
            check("comi%s %s, %s", sfx, xmm(a), xmm(b));
            for (uint8_t pred = 0; pred < 8; pred++) {
                start();
                x86_cmps(&em, f64, a, b, pred);
                check("cmp%s%s %s, %s", preds[pred], sfx, xmm(a), xmm(b));
            }
        }
        for (X86Reg r = 0; r < 16; r++) {
            X86Reg x = (X86Reg)(X86_XMM0 + (r * 7) % 16);
            for (int w = 0; w < 2; w++) {
                start();
                x86_cvtsi2s(&em, f64, w, x, r);
                check("cvtsi2%s %s, %s", sfx, xmm(x), rw(w, r));
                start();
                x86_cvts2si(&em, f64, w, r, x);
                check("cvt%s2si %s, %s", sfx, rw(w, r), xmm(x));
                start();
                x86_cvtts2si(&em, f64, w, r, x);
                check("cvtt%s2si %s, %s", sfx, rw(w, r), xmm(x));
            }
        }
    }
    static const struct {
        void (*emit)(X86Emit *, X86Reg, X86Reg);
        const char *name;
    } rr[] = {
        {x86_cvtss2sd, "cvtss2sd"}, {x86_cvtsd2ss, "cvtsd2ss"}, {x86_xorps, "xorps"},
        {x86_andps, "andps"},       {x86_andnps, "andnps"},     {x86_orps, "orps"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(rr); i++)
        for (size_t p = 0; p < G_N_ELEMENTS(xpairs); p++) {
            start();
            rr[i].emit(&em, xpairs[p][0], xpairs[p][1]);
            check("%s %s, %s", rr[i].name, xmm(xpairs[p][0]), xmm(xpairs[p][1]));
        }
}

/* --- emitted code, run on this CPU -------------------------------------- */

static bool cpu_has(unsigned leaf, unsigned reg, unsigned bit)
{
    unsigned r[4] = {0};
    if (!__get_cpuid_count(leaf, 0, &r[0], &r[1], &r[2], &r[3]))
        return false;
    return (r[reg] >> bit) & 1;
}

enum { EAX, EBX, ECX, EDX };
static bool has_movbe(void) { return cpu_has(1, ECX, 22); }
static bool has_fma(void) { return cpu_has(1, ECX, 12); }
static bool has_bmi2(void) { return cpu_has(7, EBX, 8); }

static CodeCache *cache;

/* Start a function in the cache: the emitter writes the write view. */
static void *func_begin(void)
{
    uint8_t *exec = cc_begin(cache, 256);
    g_assert_nonnull(exec);
    x86_emit_init(&em, cc_write_ptr(cache, exec), 256);
    return exec;
}

static void func_end(void)
{
    g_assert_false(em.overflow);
    cc_commit(cache, em.len);
}

/* System V: args rdi, rsi, rdx, rcx; result rax; float args xmm0, xmm1. */
static void test_run_integer(void)
{
    static const uint64_t values[] = {0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
                                      0xffffffff80000000, 0x123456789abcdef0, UINT64_MAX};
    for (size_t i = 0; i < G_N_ELEMENTS(values); i++)
        for (X86Reg r = X86_RAX; r <= X86_RDX; r++) {
            uint64_t (*fn)(void) = func_begin();
            x86_mov_ri(&em, r, values[i], false);
            if (r != X86_RAX)
                x86_mov_rr(&em, true, X86_RAX, r);
            x86_ret(&em);
            func_end();
            g_assert_cmphex(fn(), ==, values[i]);
        }

    /* min(a, b) signed: cmp + cmovg */
    int64_t (*min)(int64_t, int64_t) = func_begin();
    x86_mov_rr(&em, true, X86_RAX, X86_RDI);
    x86_alu_rr(&em, X86_CMP, true, X86_RDI, X86_RSI);
    x86_cmovcc(&em, X86_CC_G, true, X86_RAX, X86_RSI);
    x86_ret(&em);
    func_end();
    g_assert_cmpint(min(3, -5), ==, -5);
    g_assert_cmpint(min(-3, 5), ==, -3);
    g_assert_cmpint(min(INT64_MIN, INT64_MAX), ==, INT64_MIN);

    /* sum of 1..n with a backward loop and a forward exit */
    uint64_t (*sum)(uint64_t) = func_begin();
    X86Label loop, done;
    x86_label_init(&loop);
    x86_label_init(&done);
    x86_mov_ri(&em, X86_RAX, 0, false);
    x86_label_bind(&em, &loop);
    x86_test_rr(&em, true, X86_RDI, X86_RDI);
    x86_jcc_label(&em, X86_CC_E, &done);
    x86_alu_rr(&em, X86_ADD, true, X86_RAX, X86_RDI);
    x86_alu_ri(&em, X86_SUB, true, X86_RDI, 1);
    x86_jmp_label(&em, &loop);
    x86_label_bind(&em, &done);
    x86_ret(&em);
    func_end();
    g_assert_cmpuint(sum(0), ==, 0);
    g_assert_cmpuint(sum(100), ==, 5050);

    /* unsigned 128/64 division through rdx:rax, quotient and remainder */
    uint64_t (*divmod)(uint64_t, uint64_t, uint64_t *) = func_begin();
    x86_mov_rr(&em, true, X86_RCX, X86_RDX); /* rem pointer */
    x86_mov_rr(&em, true, X86_RAX, X86_RDI);
    x86_mov_ri(&em, X86_RDX, 0, false);
    x86_div1(&em, true, X86_RSI);
    x86_store(&em, x86_mem(X86_RCX, 0), X86_RDX, 8);
    x86_ret(&em);
    func_end();
    uint64_t rem;
    g_assert_cmpuint(divmod(1000003, 17, &rem), ==, 1000003 / 17);
    g_assert_cmpuint(rem, ==, 1000003 % 17);

    /* setcc into a byte register that needs REX (sil) */
    uint64_t (*below)(uint64_t, uint64_t) = func_begin();
    x86_mov_ri(&em, X86_RAX, 0, false);
    x86_alu_rr(&em, X86_CMP, true, X86_RDI, X86_RSI);
    x86_setcc(&em, X86_CC_B, X86_RSI);
    x86_movzx(&em, false, X86_RAX, X86_RSI, 1);
    x86_ret(&em);
    func_end();
    g_assert_cmpuint(below(1, 2), ==, 1);
    g_assert_cmpuint(below(2, 1), ==, 0);
    g_assert_cmpuint(below(UINT64_MAX, 0), ==, 0);
}

static void test_run_memory(void)
{
    /* lock cmpxchg: returns the old value, stores new when it matched */
    uint64_t (*cas)(uint64_t *, uint64_t, uint64_t) = func_begin();
    x86_mov_rr(&em, true, X86_RAX, X86_RSI);
    x86_lock_cmpxchg(&em, x86_mem(X86_RDI, 0), X86_RDX, 8);
    x86_ret(&em);
    func_end();
    uint64_t word = 42;
    g_assert_cmpuint(cas(&word, 41, 7), ==, 42);
    g_assert_cmpuint(word, ==, 42);
    g_assert_cmpuint(cas(&word, 42, 7), ==, 42);
    g_assert_cmpuint(word, ==, 7);

    /* loads through a scaled index from r12/r13 bases (callee-saved) */
    int64_t (*load)(const int16_t *, int64_t) = func_begin();
    x86_push(&em, X86_R12);
    x86_push(&em, X86_R13);
    x86_mov_rr(&em, true, X86_R13, X86_RDI);
    x86_mov_rr(&em, true, X86_R12, X86_RSI);
    x86_load(&em, X86_RAX, x86_mem_idx(X86_R13, X86_R12, 2, -2), 2, true, true);
    x86_pop(&em, X86_R13);
    x86_pop(&em, X86_R12);
    x86_ret(&em);
    func_end();
    static const int16_t table[] = {5, -6, 7, -32768};
    g_assert_cmpint(load(table, 2), ==, -6);
    g_assert_cmpint(load(table, 4), ==, -32768);

    if (!has_movbe()) {
        g_test_message("host has no movbe: movbe not run");
        return;
    }
    uint64_t (*be_load)(const void *) = func_begin();
    x86_movbe_load(&em, X86_RAX, x86_mem(X86_RDI, 0), 8);
    x86_ret(&em);
    func_end();
    const uint8_t bytes[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef};
    g_assert_cmphex(be_load(bytes), ==, 0x0123456789abcdefull);
    void (*be_store)(void *, uint64_t) = func_begin();
    x86_movbe_store(&em, x86_mem(X86_RDI, 4), X86_RSI, 4);
    x86_ret(&em);
    func_end();
    uint8_t out[8] = {0};
    be_store(out, 0xa1b2c3d4);
    g_assert_cmphex(out[4], ==, 0xa1);
    g_assert_cmphex(out[7], ==, 0xd4);
}

static void test_run_float(void)
{
    double (*sub)(double, double) = func_begin();
    x86_fp_rr(&em, X86_FSUB, true, X86_XMM0, X86_XMM1);
    x86_ret(&em);
    func_end();
    g_assert_cmpfloat(sub(1.5, 0.25), ==, 1.25);

    /* (int64)trunc(x) and back */
    int64_t (*trunc64)(double) = func_begin();
    x86_cvtts2si(&em, true, true, X86_RAX, X86_XMM0);
    x86_ret(&em);
    func_end();
    g_assert_cmpint(trunc64(-2.75), ==, -2);
    g_assert_cmpint(trunc64(1e30), ==, INT64_MIN); /* integer indefinite */

    float (*neg)(float) = func_begin();
    x86_mov_ri(&em, X86_RAX, 0x80000000, false);
    x86_movq_to_xmm(&em, false, X86_XMM9, X86_RAX);
    x86_xorps(&em, X86_XMM0, X86_XMM9);
    x86_ret(&em);
    func_end();
    g_assert_cmpfloat(neg(3.0f), ==, -3.0f);

    if (!has_fma()) {
        g_test_message("host has no FMA3: vfmadd231 not run");
        return;
    }
    double (*fma3)(double, double, double) = func_begin();
    x86_vfmadd231(&em, true, X86_XMM2, X86_XMM0, X86_XMM1);
    x86_movaps(&em, X86_XMM0, X86_XMM2);
    x86_ret(&em);
    func_end();
    /* one rounding: (1+2^-30)^2 - 1 keeps the 2^-60 term */
    double a = 1.0 + ldexp(1.0, -30);
    g_assert_cmpfloat(fma3(a, a, -1.0), ==, fma(a, a, -1.0));
    g_assert_cmpfloat(fma3(a, a, -1.0), !=, a * a - 1.0);
}

static void test_run_bmi2(void)
{
    if (!has_bmi2()) {
        g_test_message("host has no BMI2: shlx/rorx not run");
        return;
    }
    uint64_t (*shl)(uint64_t, uint64_t) = func_begin();
    x86_shlx(&em, true, X86_RAX, X86_RDI, X86_RSI);
    x86_ret(&em);
    func_end();
    g_assert_cmphex(shl(3, 62), ==, 0xc000000000000000ull);
    g_assert_cmphex(shl(3, 64 + 4), ==, 0x30); /* count mod 64 */
    uint32_t (*ror)(uint32_t) = func_begin();
    x86_rorx(&em, false, X86_RAX, X86_RDI, 8);
    x86_ret(&em);
    func_end();
    g_assert_cmphex(ror(0x12345678), ==, 0x78123456);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK)
        g_error("capstone: cannot open x86-64");
    cache = cc_new(1 << 20);
    g_assert_nonnull(cache);

    g_test_add_func("/x86_emit/mov_rr", test_mov);
    g_test_add_func("/x86_emit/mov_ri", test_mov_ri);
    g_test_add_func("/x86_emit/load_store", test_load_store);
    g_test_add_func("/x86_emit/lea_ext", test_lea_ext);
    g_test_add_func("/x86_emit/bytes_swaps", test_bytes_swaps);
    g_test_add_func("/x86_emit/alu", test_alu);
    g_test_add_func("/x86_emit/alu_imm", test_alu_imm);
    g_test_add_func("/x86_emit/test_shift", test_test_shift);
    g_test_add_func("/x86_emit/bmi", test_bmi);
    g_test_add_func("/x86_emit/unary_muldiv", test_unary_muldiv);
    g_test_add_func("/x86_emit/setcc_cmov", test_setcc_cmov);
    g_test_add_func("/x86_emit/atomics", test_atomics);
    g_test_add_func("/x86_emit/stack_control", test_stack_control);
    g_test_add_func("/x86_emit/jumps", test_jumps);
    g_test_add_func("/x86_emit/patch_rel32", test_patch_rel32);
    g_test_add_func("/x86_emit/labels", test_labels);
    g_test_add_func("/x86_emit/align_overflow", test_align_overflow);
    g_test_add_func("/x86_emit/sse_arith", test_sse_arith);
    g_test_add_func("/x86_emit/sse_moves", test_sse_moves);
    g_test_add_func("/x86_emit/sse_compare_convert", test_sse_compare_convert);
    g_test_add_func("/x86_emit/run_integer", test_run_integer);
    g_test_add_func("/x86_emit/run_memory", test_run_memory);
    g_test_add_func("/x86_emit/run_float", test_run_float);
    g_test_add_func("/x86_emit/run_bmi2", test_run_bmi2);
    int status = g_test_run();
    g_test_message("%u encodings checked against capstone", forms_checked);
    cc_free(cache);
    cs_close(&cs);
    return status;
}
