/* frontend/ia64/disas.c — IA-64 disassembly for -d in_asm and the tests,
 * in ia64-linux-gnu-objdump's notation: "(p06) cmp.eq p6,p7=r8,r9".
 *
 * A row's name plus completers decoded here (sizes and hints of memory
 * forms, branch hints, compare relations, unit suffixes of nop/break)
 * give the mnemonic; the row's Ia64Operands layout gives the operands.
 * One call of ia64_disas prints a whole bundle:
 *   "[MII] add r1=r2,r3 ; nop.i 0x0 ; nop.i 0x0;;"
 */
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "frontend/ia64/alu.h"
#include "frontend/ia64/fp.h"

typedef struct Out {
    char *buf;
    size_t len, pos;
} Out;

static void put(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Out *o, const char *fmt, ...)
{
    if (o->pos >= o->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->buf + o->pos, o->len - o->pos, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->pos += (size_t)n < o->len - o->pos ? (size_t)n : o->len - o->pos - 1;
}

static void put_imm(Out *o, int64_t v)
{
    put(o, "%" PRId64, v);
}

/* ---- mnemonics -------------------------------------------------------------- */
static const char *const unit_suffix[IA64_NUNITS] = {".m", ".i", ".f", ".b", "", ".x"};

/* ld/st/cmpxchg/xchg/fetchadd: the size digit after the stem, the hint last. */
static void put_mem_mnemonic(Out *o, const Ia64Form *f, uint64_t i)
{
    static const char *const ld_hints[4] = {"", ".nt1", ".nt2", ".nta"};
    const char *dot = strchr(f->name, '.');
    size_t stem = dot ? (size_t)(dot - f->name) : strlen(f->name);
    put(o, "%.*s%u%s", (int)stem, f->name, 1u << ia64_field(i, 30, 2), dot ? dot : "");
    put(o, "%s", ld_hints[ia64_field(i, 28, 2)]);
}

static void put_branch_mnemonic(Out *o, const Ia64Form *f, Ia64Unit unit, uint64_t i)
{
    static const char *const wh[4] = {".sptk", ".spnt", ".dptk", ".dpnt"};
    static const char *const ph[2] = {".few", ".many"};
    unsigned hint = (unsigned)ia64_field(i, 33, 2);
    if (unit == IA64_UNIT_B && ia64_major(i) == 0 && ia64_field(i, 27, 6) == 0x21)
        hint = (unsigned)ia64_field(i, 33, 2); /* br.ret: same field */
    bool plain_br = (strcmp(f->name, "br.cond") == 0 || strcmp(f->name, "brl.cond") == 0) && hint == 0 &&
                    ia64_qp(i) == 0;
    put(o, "%s", plain_br ? (f->name[2] == 'l' ? "brl" : "br") : f->name);
    if (!plain_br)
        put(o, "%s", wh[hint]);
    put(o, "%s%s", ph[ia64_bit(i, 12)], ia64_bit(i, 35) ? ".clr" : "");
}

/* brp: the whether hint (bits 4:3) and .imp (bit 35) after the name. */
static void put_brp_mnemonic(Out *o, const Ia64Form *f, uint64_t i)
{
    static const char *const wh[4] = {".sptk", ".loop", ".dptk", ".exit"};
    put(o, "%s%s%s", f->name, wh[ia64_field(i, 3, 2)], ia64_bit(i, 35) ? ".imp" : "");
}

/* brp's tag: the bundle at t2e(34:33) timm7a(12:6), signed, x16. */
static uint64_t brp_tag(uint64_t i, uint64_t bundle)
{
    return bundle + (uint64_t)(ia64_sext(ia64_field(i, 33, 2) << 7 | ia64_field(i, 6, 7), 9) * 16);
}

static bool is_branch_form(const Ia64Form *f)
{
    return strncmp(f->name, "br.", 3) == 0 || strncmp(f->name, "brl.", 4) == 0;
}

static bool is_mem_form(const Ia64Form *f)
{
    switch (f->operands) {
    case IA64_OPS_LD: case IA64_OPS_LD_REG: case IA64_OPS_LD_IMM: case IA64_OPS_ST: case IA64_OPS_ST_IMM:
    case IA64_OPS_CMPXCHG: case IA64_OPS_XCHG: case IA64_OPS_FETCHADD:
        return true;
    default:
        return false;
    }
}

/* lfetch{.fault}{.excl}{hint}: the kind is in x6's low two bits. */
static void put_lfetch_mnemonic(Out *o, uint64_t i)
{
    static const char *const hints[4] = {"", ".nt1", ".nt2", ".nta"};
    put(o, "lfetch%s%s%s", ia64_bit(i, 31) ? ".fault" : "", ia64_bit(i, 30) ? ".excl" : "",
        hints[ia64_field(i, 28, 2)]);
}

static void put_mnemonic(Out *o, const Ia64Form *f, Ia64Unit unit, uint64_t i)
{
    if (strcmp(f->name, "lfetch") == 0)
        put_lfetch_mnemonic(o, i);
    else if (f->operands == IA64_OPS_BRP_TARGET || f->operands == IA64_OPS_BRP_B2)
        put_brp_mnemonic(o, f, i);
    else if (is_mem_form(f))
        put_mem_mnemonic(o, f, i);
    else if (is_branch_form(f))
        put_branch_mnemonic(o, f, unit, i);
    else if (f->operands == IA64_OPS_IMM21 && !strchr(f->name, '.'))
        put(o, "%s%s", f->name, unit_suffix[unit]);
    else if (f->operands == IA64_OPS_P_R2_R3 || f->operands == IA64_OPS_P_IMM8_R3)
        put(o, "%s%s", f->name, ia64_cmp_completer(i));
    else if (f->operands == IA64_OPS_P_R3 || f->operands == IA64_OPS_P_R3_POS)
        put(o, "%s%s", f->name, ia64_tbit_completer(i));
    else
        put(o, "%s", f->name);
}

/* ---- operands ------------------------------------------------------------------- */
static const char *const ar_names[IA64_NAR] = {
    [0] = "ar.k0", [1] = "ar.k1", [2] = "ar.k2", [3] = "ar.k3", [4] = "ar.k4", [5] = "ar.k5",
    [6] = "ar.k6", [7] = "ar.k7", [IA64_AR_RSC] = "ar.rsc", [IA64_AR_BSP] = "ar.bsp",
    [IA64_AR_BSPSTORE] = "ar.bspstore", [IA64_AR_RNAT] = "ar.rnat", [IA64_AR_FCR] = "ar.fcr",
    [IA64_AR_EFLAG] = "ar.eflag", [IA64_AR_CSD] = "ar.csd", [IA64_AR_SSD] = "ar.ssd",
    [IA64_AR_CFLG] = "ar.cflg", [IA64_AR_FSR] = "ar.fsr", [IA64_AR_FIR] = "ar.fir",
    [IA64_AR_FDR] = "ar.fdr", [IA64_AR_CCV] = "ar.ccv", [IA64_AR_UNAT] = "ar.unat",
    [IA64_AR_FPSR] = "ar.fpsr", [IA64_AR_ITC] = "ar.itc", [IA64_AR_RUC] = "ar.ruc",
    [IA64_AR_PFS] = "ar.pfs", [IA64_AR_LC] = "ar.lc", [IA64_AR_EC] = "ar.ec",
};

static void put_ar(Out *o, unsigned ar)
{
    if (ar < IA64_NAR && ar_names[ar])
        put(o, "%s", ar_names[ar]);
    else
        put(o, "ar%u", ar);
}

/* objdump's pseudo-ops: "mov r1=imm" (addl from r0), "mov r1=r3" (adds
 * 0), shl/shr/shr.u for dep.z/extr/extr.u fields that reach bit 63.
 * True if one was printed. */
static bool put_pseudo_op(Out *o, const Ia64Form *f, uint64_t i)
{
    unsigned r1 = ia64_r1(i), r3 = ia64_r3(i);
    if (f->operands == IA64_OPS_R1_IMM22_R3 && (r3 & 3) == 0) {
        put(o, "mov r%u=", r1);
        put_imm(o, ia64_imm22(i));
        return true;
    }
    if (f->operands == IA64_OPS_R1_IMM14_R3 && strcmp(f->name, "adds") == 0 && ia64_imm14(i) == 0) {
        put(o, "mov r%u=r%u", r1, r3);
        return true;
    }
    if (f->operands == IA64_OPS_R1_R2_POS_LEN) {
        unsigned pos = 63 - (unsigned)ia64_field(i, 20, 6), len = (unsigned)ia64_field(i, 27, 6) + 1;
        if (pos + len == 64) {
            put(o, "shl r%u=r%u,%u", r1, ia64_r2(i), pos);
            return true;
        }
    }
    if (f->operands == IA64_OPS_R1_R3_POS_LEN) {
        unsigned pos = (unsigned)ia64_field(i, 14, 6), len = (unsigned)ia64_field(i, 27, 6) + 1;
        if (pos + len == 64) {
            put(o, "%s r%u=r%u,%u", ia64_bit(i, 13) ? "shr" : "shr.u", r1, r3, pos);
            return true;
        }
    }
    return false;
}

static int64_t imm9_of(uint64_t i, bool store)
{
    uint64_t low = store ? ia64_field(i, 6, 7) : ia64_field(i, 13, 7);
    return ia64_sext((uint64_t)ia64_bit(i, 36) << 8 | (uint64_t)ia64_bit(i, 27) << 7 | low, 9);
}

/* The FP unit's rows (and its M-unit loads, stores, setf, getf) carry
 * IA64_OPS_OTHER and print themselves, mnemonic and operands
 * (fp_disas.c). */
static bool is_fp_form(const Ia64Form *f)
{
    return f->operands == IA64_OPS_OTHER;
}

static void put_fp(Out *o, const Ia64Form *f, uint64_t i, uint64_t bundle)
{
    if (o->pos >= o->len)
        return;
    size_t room = o->len - o->pos;
    size_t n = ia64_fp_disas(f, i, bundle, o->buf + o->pos, room);
    o->pos += n < room ? n : room - 1;
}

static void put_operands(Out *o, const Ia64Form *f, uint64_t i, uint64_t imm41, uint64_t bundle)
{
    unsigned r1 = ia64_r1(i), r2 = ia64_r2(i), r3 = ia64_r3(i);
    unsigned p1 = ia64_p1(i), p2 = ia64_p2(i);
    switch ((Ia64Operands)f->operands) {
    case IA64_OPS_NONE: case IA64_OPS_OTHER: break;
    case IA64_OPS_R1_R2_R3: put(o, " r%u=r%u,r%u", r1, r2, r3); break;
    case IA64_OPS_R1_R2_R3_1: put(o, " r%u=r%u,r%u,1", r1, r2, r3); break;
    case IA64_OPS_R1_IMM8_R3: put(o, " r%u=", r1); put_imm(o, ia64_imm8(i)); put(o, ",r%u", r3); break;
    case IA64_OPS_R1_IMM14_R3: put(o, " r%u=", r1); put_imm(o, ia64_imm14(i)); put(o, ",r%u", r3); break;
    case IA64_OPS_R1_IMM22_R3: put(o, " r%u=", r1); put_imm(o, ia64_imm22(i)); put(o, ",r%u", r3 & 3); break;
    case IA64_OPS_R1_R2_CT_R3: put(o, " r%u=r%u,%u,r%u", r1, r2, (unsigned)ia64_field(i, 27, 2) + 1, r3); break;
    case IA64_OPS_P_R2_R3: put(o, " p%u,p%u=r%u,r%u", p1, p2, r2, r3); break;
    case IA64_OPS_P_R0_R3: put(o, " p%u,p%u=r0,r%u", p1, p2, r3); break;
    case IA64_OPS_P_IMM8_R3: put(o, " p%u,p%u=", p1, p2); put_imm(o, ia64_imm8(i)); put(o, ",r%u", r3); break;
    case IA64_OPS_P_R3_POS: put(o, " p%u,p%u=r%u,%u", p1, p2, r3, (unsigned)ia64_field(i, 14, 6)); break;
    case IA64_OPS_P_R3: put(o, " p%u,p%u=r%u", p1, p2, r3); break;
    case IA64_OPS_R1_R3: put(o, " r%u=r%u", r1, r3); break;
    case IA64_OPS_R1_R2: put(o, " r%u=r%u", r1, r2); break;
    case IA64_OPS_R1_R2_R3_SH: put(o, " r%u=r%u,r%u", r1, r2, r3); break;
    case IA64_OPS_R1_R3_R2: put(o, " r%u=r%u,r%u", r1, r3, r2); break;
    case IA64_OPS_R1_R3_POS_LEN:
        put(o, " r%u=r%u,%u,%u", r1, r3, (unsigned)ia64_field(i, 14, 6), (unsigned)ia64_field(i, 27, 6) + 1);
        break;
    case IA64_OPS_R1_R2_POS_LEN:
        put(o, " r%u=r%u,%u,%u", r1, r2, 63 - (unsigned)ia64_field(i, 20, 6), (unsigned)ia64_field(i, 27, 6) + 1);
        break;
    case IA64_OPS_R1_IMM8_POS_LEN:
        put(o, " r%u=", r1);
        put_imm(o, ia64_imm8(i));
        put(o, ",%u,%u", 63 - (unsigned)ia64_field(i, 20, 6), (unsigned)ia64_field(i, 27, 6) + 1);
        break;
    case IA64_OPS_R1_IMM1_R3_POS_LEN:
        put(o, " r%u=%d,r%u,%u,%u", r1, ia64_bit(i, 36) ? -1 : 0, r3, 63 - (unsigned)ia64_field(i, 14, 6),
            (unsigned)ia64_field(i, 27, 6) + 1);
        break;
    case IA64_OPS_R1_R2_R3_POS_LEN4:
        put(o, " r%u=r%u,r%u,%u,%u", r1, r2, r3, 63 - (unsigned)ia64_field(i, 31, 6), (unsigned)ia64_field(i, 27, 4) + 1);
        break;
    case IA64_OPS_R1_R2_R3_COUNT: put(o, " r%u=r%u,r%u,%u", r1, r2, r3, (unsigned)ia64_field(i, 27, 6)); break;
    case IA64_OPS_IMM21: put(o, " 0x%" PRIx64, ia64_imm21(i)); break;
    case IA64_OPS_IMM62: put(o, " 0x%" PRIx64, imm41 << 21 | ia64_imm21(i)); break;
    case IA64_OPS_R1_IMM64: put(o, " r%u=0x%" PRIx64, r1, ia64_movl_imm(i, imm41)); break;
    case IA64_OPS_LD:
        put(o, " r%u=[r%u]", r1, r3);
        if (ia64_bit(i, 36))
            put(o, ",r%u", r2);
        break;
    case IA64_OPS_LD_REG: put(o, " r%u=[r%u],r%u", r1, r3, r2); break;
    case IA64_OPS_LD_IMM: put(o, " r%u=[r%u],", r1, r3); put_imm(o, imm9_of(i, false)); break;
    case IA64_OPS_ST: put(o, " [r%u]=r%u", r3, r2); break;
    case IA64_OPS_ST_IMM: put(o, " [r%u]=r%u,", r3, r2); put_imm(o, imm9_of(i, true)); break;
    case IA64_OPS_CMPXCHG: put(o, " r%u=[r%u],r%u,ar.ccv", r1, r3, r2); break;
    case IA64_OPS_XCHG: put(o, " r%u=[r%u],r%u", r1, r3, r2); break;
    case IA64_OPS_LD16: put(o, " r%u,ar.csd=[r%u]", r1, r3); break;
    case IA64_OPS_ST16: put(o, " [r%u]=r%u,ar.csd", r3, r2); break;
    case IA64_OPS_CMP8XCHG16: put(o, " r%u=[r%u],r%u,ar.csd,ar.ccv", r1, r3, r2); break;
    case IA64_OPS_FETCHADD: {
        static const int mag[4] = {16, 8, 4, 1};
        int inc = mag[ia64_field(i, 13, 2)];
        put(o, " r%u=[r%u],%d", r1, r3, ia64_bit(i, 15) ? -inc : inc);
        break;
    }
    case IA64_OPS_ALLOC:
        put(o, " r%u=ar.pfs,%u,%u,%u", r1, (unsigned)ia64_field(i, 13, 7), (unsigned)ia64_field(i, 20, 7),
            (unsigned)ia64_field(i, 27, 4) * 8);
        break;
    case IA64_OPS_TARGET: put(o, " 0x%" PRIx64, bundle + (uint64_t)ia64_target25(i)); break;
    case IA64_OPS_B1_TARGET: put(o, " b%u=0x%" PRIx64, ia64_b1(i), bundle + (uint64_t)ia64_target25(i)); break;
    case IA64_OPS_B2: put(o, " b%u", ia64_b2(i)); break;
    case IA64_OPS_B1_B2: put(o, " b%u=b%u", ia64_b1(i), ia64_b2(i)); break;
    case IA64_OPS_X_TARGET: case IA64_OPS_X_B1_TARGET: {
        uint64_t imm60 = (uint64_t)ia64_bit(i, 36) << 59 | ia64_field(imm41, 2, 39) << 20 | ia64_field(i, 13, 20);
        if (f->operands == IA64_OPS_X_B1_TARGET)
            put(o, " b%u=", ia64_b1(i));
        else
            put(o, " ");
        put(o, "0x%" PRIx64, bundle + (imm60 << 4));
        break;
    }
    case IA64_OPS_BRP_TARGET:
        put(o, " 0x%" PRIx64 ",0x%" PRIx64, bundle + (uint64_t)ia64_target25(i), brp_tag(i, bundle));
        break;
    case IA64_OPS_BRP_B2: put(o, " b%u,0x%" PRIx64, ia64_b2(i), brp_tag(i, bundle)); break;
    case IA64_OPS_R1_AR3: put(o, " r%u=", r1); put_ar(o, r3); break;
    case IA64_OPS_AR3_R2: put(o, " "); put_ar(o, r3); put(o, "=r%u", r2); break;
    case IA64_OPS_AR3_IMM8: put(o, " "); put_ar(o, r3); put(o, "="); put_imm(o, ia64_imm8(i)); break;
    case IA64_OPS_R1_B2: put(o, " r%u=b%u", r1, ia64_b2(i)); break;
    case IA64_OPS_B1_R2: put(o, " b%u=r%u", ia64_b1(i), r2); break;
    case IA64_OPS_R1_IP: put(o, " r%u=ip", r1); break;
    case IA64_OPS_R1_CPUID_R3: put(o, " r%u=cpuid[r%u]", r1, r3); break;
    case IA64_OPS_R1_PR: put(o, " r%u=pr", r1); break;
    case IA64_OPS_PR_R2_MASK: {
        uint64_t m = ia64_field(i, 24, 8) << 8 | ia64_field(i, 6, 7) << 1;
        if (ia64_bit(i, 36))
            m |= ~(uint64_t)0xffff;
        put(o, " pr=r%u,0x%" PRIx64, r2, m);
        break;
    }
    case IA64_OPS_PR_ROT_IMM:
        put(o, " pr.rot=0x%" PRIx64,
            (uint64_t)ia64_sext((uint64_t)ia64_bit(i, 36) << 27 | ia64_field(i, 6, 27), 28) << 16);
        break;
    case IA64_OPS_R2_TARGET: {
        bool chk_a = ia64_major(i) == 0 && ia64_field(i, 33, 3) >= 4;
        char kind = ia64_major(i) == 1 && ia64_field(i, 33, 3) == 3 ? 'f' :
                    chk_a && ia64_field(i, 33, 3) >= 6 ? 'f' : 'r';
        put(o, " %c%u,0x%" PRIx64, kind, chk_a ? r1 : r2, ia64_chk_target(i, bundle));
        break;
    }
    case IA64_OPS_R1: put(o, " r%u", r1); break;
    case IA64_OPS_MM_SHL_IMM: put(o, " r%u=r%u,%u", r1, r2, 31 - (unsigned)ia64_field(i, 20, 5)); break;
    case IA64_OPS_MM_SHR_IMM: put(o, " r%u=r%u,%u", r1, r3, (unsigned)ia64_field(i, 14, 5)); break;
    case IA64_OPS_MUX1: {
        static const char *const types[16] = {[0] = "@brcst", [8] = "@mix", [9] = "@shuf", [10] = "@alt", [11] = "@rev"};
        const char *t = types[ia64_field(i, 20, 4)];
        put(o, " r%u=r%u,%s", r1, r2, t ? t : "?");
        break;
    }
    case IA64_OPS_MM_PMPYSHR: {
        static const unsigned counts[4] = {0, 7, 15, 16};
        put(o, " r%u=r%u,r%u,%u", r1, r2, r3, counts[ia64_field(i, 30, 2)]);
        break;
    }
    case IA64_OPS_MUX2: put(o, " r%u=r%u,0x%x", r1, r2, (unsigned)ia64_field(i, 20, 8)); break;
    case IA64_OPS_R3_PLAIN: put(o, " r%u", r3); break;
    case IA64_OPS_R3:
        put(o, " [r%u]", r3);
        if (ia64_major(i) == 7)
            put(o, ",%" PRId64, imm9_of(i, false));
        else if (ia64_major(i) == 6 && ia64_bit(i, 36))
            put(o, ",r%u", r2);
        break;
    case IA64_OPS_IMM24:
        put(o, " 0x%" PRIx64, (uint64_t)ia64_bit(i, 36) << 23 | ia64_field(i, 31, 2) << 21 | ia64_field(i, 6, 21));
        break;
    case IA64_OPS_R1_UM: put(o, " r%u=psr.um", r1); break;
    case IA64_OPS_UM_R2: put(o, " psr.um=r%u", r2); break;
    case IA64_OPS_F1_R2: put(o, " f%u=r%u", r1, r2); break;
    case IA64_OPS_R1_F2: put(o, " r%u=f%u", r1, r2); break;
    }
}

void ia64_disas_slot(Ia64Unit unit, uint64_t insn, uint64_t imm41, uint64_t bundle, char *out, size_t outlen)
{
    Out o = {out, outlen, 0};
    out[0] = 0;
    const Ia64Form *f = ia64_find_form(unit, insn);
    bool has_qp = !f || (f->operands != IA64_OPS_BRP_TARGET && f->operands != IA64_OPS_BRP_B2);
    if (has_qp && ia64_qp(insn))
        put(&o, "(p%02u) ", ia64_qp(insn));
    if (!f) {
        put(&o, "data8 0x%011" PRIx64, insn);
        return;
    }
    if (put_pseudo_op(&o, f, insn))
        return;
    if (is_fp_form(f)) {
        put_fp(&o, f, insn, bundle);
        return;
    }
    put_mnemonic(&o, f, unit, insn);
    put_operands(&o, f, insn, imm41, bundle);
}

size_t ia64_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen)
{
    static const char unit_letter[IA64_NUNITS] = {'M', 'I', 'F', 'B', 'L', 'X'};
    Out o = {out, outlen, 0};
    Ia64Bundle b;
    if (len < 16)
        return 0;
    ia64_bundle_split(code, &b);
    const Ia64Template *t = &ia64_templates[b.tmpl];
    if (t->unit[0] == IA64_UNIT_NONE) {
        snprintf(out, outlen, "[reserved template 0x%02x]", b.tmpl);
        return 16;
    }
    put(&o, "[%c%c%c]", unit_letter[t->unit[0]], unit_letter[t->unit[1]], unit_letter[t->unit[2]]);
    uint64_t bundle = ia64_pc_bundle(pc);
    for (unsigned s = 0; s < 3; s++) {
        char text[96];
        if (t->unit[s] == IA64_UNIT_L) {
            ia64_disas_slot(IA64_UNIT_X, b.slot[2], b.slot[1], bundle, text, sizeof(text));
            s = 2;
        } else {
            ia64_disas_slot((Ia64Unit)t->unit[s], b.slot[s], 0, bundle, text, sizeof(text));
        }
        put(&o, "%s %s%s", s ? " ;" : "", text, t->stops >> s & 1 ? ";;" : "");
    }
    return 16;
}
