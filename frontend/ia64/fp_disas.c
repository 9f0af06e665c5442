/* frontend/ia64/fp_disas.c — the text of the FP unit's rows (the rows
 * with IA64_OPS_OTHER in fp_forms.c) for the disassembler, mnemonic and
 * operands, in ia64-linux-gnu-objdump's notation:
 *   fma family, fselect, xma      f1=f3,f4,f2     (fma etc.: ".sN" after the name)
 *   fcmp, fclass                  p1,p2=f2,f3 / p1,p2=f2,fclass9
 *   frcpa / fprcpa                f1,p2=f2,f3;  frsqrta: f1,p2=f3
 *   fsetc / fclrf / fchkf         amask7,omask7 / (none) / target
 *   fmin..famax, fpcmp            ".sN" f1=f2,f3;  fcvt.*: f1=f2
 *   the other F rows              f1=f2,f3
 *   ldf/ldfp/stf/setf/getf        the format (e, 8, s, d; .sig, .exp...)
 *                                 after the stem, the hint, then the
 *                                 operands as the integer forms print them
 * and the pseudo-ops objdump prefers when a source is f0 or f1:
 *   fma f3,f1,f0 = fnorm f3    fma f3,f1,f2 = fadd f3,f2   fma f3,f4,f0 = fmpy f3,f4
 *   fms f3,f1,f2 = fsub f3,f2  fnma f3,f4,f0 = fnmpy       fpma/fpnma f3,f4,f0 = fpmpy/fpnmpy
 *   xma f3,f4,f0 = xmpy        fmerge.s f3,f3 = mov        fmerge.s f0,f3 = fabs
 *   fmerge.ns f3,f3 = fneg     fmerge.ns f0,f3 = fnegabs   fpmerge.ns: fpneg, fpnegabs;
 *   fpmerge.s f0,f3 = fpabs */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "frontend/ia64/fp.h"

typedef struct Text {
    char *buf;
    size_t len, pos;
} Text;

static void add(Text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(Text *t, const char *fmt, ...)
{
    if (t->pos + 1 >= t->len)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->buf + t->pos, t->len - t->pos, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->pos += (size_t)n < t->len - t->pos ? (size_t)n : t->len - t->pos - 1;
}

static unsigned fld(uint64_t i, unsigned pos, unsigned len) { return (unsigned)ia64_field(i, pos, len); }

/* "fma.d" -> stem "fma" and the rest ".d" (the rest may be empty). */
static size_t stem_len(const char *name)
{
    const char *dot = strchr(name, '.');
    return dot ? (size_t)(dot - name) : strlen(name);
}

/* ---- the M unit: loads, stores, setf, getf ---------------------------------- */
static void put_fp_mem(Text *t, const Ia64Form *form, uint64_t insn)
{
    static const char *const hints[4] = {"", ".nt1", ".nt2", ".nta"};
    static const char *const mem_fmt[4] = {"e", "8", "s", "d"};   /* x6 bits 31:30 */
    static const char *const reg_fmt[4] = {".sig", ".exp", ".s", ".d"};
    unsigned f1 = fld(insn, 6, 7), f2 = fld(insn, 13, 7), f3 = fld(insn, 20, 7), major = ia64_major(insn);
    unsigned fmt = fld(insn, 30, 2);
    bool store = form->translate == ia64_trans_stf, pair = form->translate == ia64_trans_ldfp;
    if (form->translate == ia64_trans_setf) {
        add(t, "setf%s f%u=r%u", reg_fmt[fmt], f1, f2);
        return;
    }
    if (form->translate == ia64_trans_getf) {
        add(t, "getf%s r%u=f%u", reg_fmt[fmt], f1, f2);
        return;
    }
    const char *name = form->name;
    if (strstr(name, ".fill") || strstr(name, ".spill")) {
        add(t, "%s", name);
    } else {
        size_t stem = stem_len(name);
        add(t, "%.*s%s%s", (int)stem, name, pair && fmt == 0 ? "" : mem_fmt[fmt], name + stem);
    }
    add(t, "%s", hints[fld(insn, 28, 2)]);
    if (store)
        add(t, " [r%u]=f%u", f3, f2);
    else if (pair)
        add(t, " f%u,f%u=[r%u]", f1, f2, f3);
    else
        add(t, " f%u=[r%u]", f1, f3);
    if (major == 7) {
        unsigned low7 = store ? f1 : f2;
        int64_t imm = ia64_sext((uint64_t)ia64_bit(insn, 36) << 8 | (uint64_t)ia64_bit(insn, 27) << 7 | low7, 9);
        add(t, ",%lld", (long long)imm);
    } else if (ia64_bit(insn, 36) && !pair) {
        add(t, ",r%u", f2);
    } else if (ia64_bit(insn, 36) && pair) {
        add(t, ",%u", fmt == 1 || fmt == 3 ? 16 : 8); /* ldfp's post-increment by the pair's size */
    }
}

/* ---- the multiply-add family and its pseudo-ops ------------------------------- */
static void put_fma(Text *t, const Ia64Form *form, uint64_t insn, unsigned op)
{
    unsigned f1 = fld(insn, 6, 7), f2 = fld(insn, 13, 7), f3 = fld(insn, 20, 7), f4 = fld(insn, 27, 7);
    unsigned sf = fld(insn, 34, 2);
    const char *name = form->name, *rest = name + stem_len(name);
    if (op == FPOP_FMA && f4 == 1 && f2 == 0)
        add(t, "fnorm%s.s%u f%u=f%u", rest, sf, f1, f3);
    else if (op == FPOP_FMA && f4 == 1)
        add(t, "fadd%s.s%u f%u=f%u,f%u", rest, sf, f1, f3, f2);
    else if (op == FPOP_FMS && f4 == 1)
        add(t, "fsub%s.s%u f%u=f%u,f%u", rest, sf, f1, f3, f2);
    else if (f2 == 0 && (op == FPOP_FMA || op == FPOP_FNMA || op == FPOP_FPMA || op == FPOP_FPNMA))
        add(t, "%s%s.s%u f%u=f%u,f%u",
            op == FPOP_FMA ? "fmpy" : op == FPOP_FNMA ? "fnmpy" : op == FPOP_FPMA ? "fpmpy" : "fpnmpy", rest, sf, f1,
            f3, f4);
    else
        add(t, "%s.s%u f%u=f%u,f%u,f%u", name, sf, f1, f3, f4, f2);
}

/* fmerge/fpmerge with f2 = f3 or f2 = f0. True if a pseudo-op was printed. */
static bool put_merge_pseudo(Text *t, unsigned op, unsigned f1, unsigned f2, unsigned f3)
{
    const char *name = NULL;
    if (f2 == f3)
        name = op == FPOP_FMERGE_S ? "mov" : op == FPOP_FMERGE_NS ? "fneg" : op == FPOP_FPMERGE_NS ? "fpneg" : NULL;
    else if (f2 == 0)
        name = op == FPOP_FMERGE_S ? "fabs" : op == FPOP_FMERGE_NS ? "fnegabs"
             : op == FPOP_FPMERGE_S ? "fpabs" : op == FPOP_FPMERGE_NS ? "fpnegabs" : NULL;
    if (!name)
        return false;
    add(t, "%s f%u=f%u", name, f1, f3);
    return true;
}

/* The ops whose text carries the status field ".sN" after the name. */
static bool has_sf(unsigned op)
{
    return (op >= FPOP_FMIN && op <= FPOP_FCVT_FXU_TRUNC) || (op >= FPOP_FPMIN && op <= FPOP_FPCVT_FXU_TRUNC);
}

static bool is_fcvt(unsigned op)
{
    return (op >= FPOP_FCVT_FX && op <= FPOP_FCVT_XF) || (op >= FPOP_FPCVT_FX && op <= FPOP_FPCVT_FXU_TRUNC);
}

size_t ia64_fp_disas(const Ia64Form *form, uint64_t insn, uint64_t bundle, char *out, size_t outlen)
{
    Text t = {out, outlen, 0};
    if (outlen)
        out[0] = 0;
    if (form->units == IA64_U_M) {
        put_fp_mem(&t, form, insn);
        return t.pos;
    }
    unsigned f1 = fld(insn, 6, 7), f2 = fld(insn, 13, 7), f3 = fld(insn, 20, 7), f4 = fld(insn, 27, 7);
    unsigned sf = fld(insn, 34, 2), op = (unsigned)form->arg & 0xff;
    switch (op) {
    case FPOP_FMA: case FPOP_FMS: case FPOP_FNMA: case FPOP_FPMA: case FPOP_FPMS: case FPOP_FPNMA:
        put_fma(&t, form, insn, op);
        break;
    case FPOP_XMA_L: case FPOP_XMA_H: case FPOP_XMA_HU:
        if (f2 == 0)
            add(&t, "xmpy%s f%u=f%u,f%u", form->name + stem_len(form->name), f1, f3, f4);
        else
            add(&t, "%s f%u=f%u,f%u,f%u", form->name, f1, f3, f4, f2);
        break;
    case FPOP_FSELECT:
        add(&t, "%s f%u=f%u,f%u,f%u", form->name, f1, f3, f4, f2);
        break;
    case FPOP_FCMP:
        add(&t, "%s.%s%s.s%u p%u,p%u=f%u,f%u", form->name,
            (const char *[]){"eq", "le", "lt", "unord"}[ia64_bit(insn, 36) << 1 | ia64_bit(insn, 33)],
            ia64_bit(insn, 12) ? ".unc" : "", sf, fld(insn, 6, 6), fld(insn, 27, 6), f2, f3);
        break;
    case FPOP_FCLASS:
        add(&t, "%s%s p%u,p%u=f%u,0x%x", form->name, ia64_bit(insn, 12) ? ".unc" : "", fld(insn, 6, 6),
            fld(insn, 27, 6), f2, fld(insn, 20, 7) << 2 | fld(insn, 33, 2));
        break;
    case FPOP_FRCPA: case FPOP_FPRCPA:
        add(&t, "%s.s%u f%u,p%u=f%u,f%u", form->name, sf, f1, fld(insn, 27, 6), f2, f3);
        break;
    case FPOP_FRSQRTA: case FPOP_FPRSQRTA:
        add(&t, "%s.s%u f%u,p%u=f%u", form->name, sf, f1, fld(insn, 27, 6), f3);
        break;
    case FPOP_FSETC:
        add(&t, "%s.s%u 0x%x,0x%x", form->name, sf, f2, f3);
        break;
    case FPOP_FCLRF:
        add(&t, "%s.s%u", form->name, sf);
        break;
    case FPOP_FCHKF: {
        int64_t off = ia64_sext((uint64_t)ia64_bit(insn, 36) << 20 | ia64_field(insn, 6, 20), 21) * 16;
        add(&t, "%s.s%u 0x%llx", form->name, sf, (unsigned long long)(bundle + (uint64_t)off));
        break;
    }
    case FPOP_FPCMP:
        add(&t, "%s.%s.s%u f%u=f%u,f%u", form->name,
            (const char *[]){"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"}[fld(insn, 27, 3)], sf, f1, f2,
            f3);
        break;
    default:
        if (put_merge_pseudo(&t, op, f1, f2, f3))
            break;
        add(&t, "%s", form->name);
        if (has_sf(op))
            add(&t, ".s%u", sf);
        if (is_fcvt(op))
            add(&t, " f%u=f%u", f1, f2);
        else
            add(&t, " f%u=f%u,f%u", f1, f2, f3);
        break;
    }
    return t.pos;
}
