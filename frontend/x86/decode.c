/* frontend/x86/decode.c — the x86 instruction decoder: prefixes, REX, the
 * four opcode maps, ModRM/SIB/displacement in 16-, 32- and 64-bit address
 * sizes, the operand size, and the immediate the selected form row asks
 * for.
 *
 * The index files every form row under each (map, opcode) it covers, the
 * most specific rows first (see row_specificity), built once from the
 * families' tables (integer, x87, SSE). All rows of one (map, opcode)
 * must agree on whether a ModRM byte follows; the index build checks it.
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "frontend/x86/decode.h"

enum { X86_MAX_INSN_LEN = 15 };

/* ---- the form index ---------------------------------------------------- */

typedef struct X86Bucket {
    const X86Form **forms; /* most specific first */
    unsigned n;
} X86Bucket;

static X86Bucket x86_index[X86_NMAPS][256];

/* How much a row narrows what it matches: a ModRM.rm beats a mandatory
 * prefix beats a ModRM.reg beats a mod restriction. */
static int row_specificity(const X86Form *f)
{
    return (f->rm >= 0 ? 8 : 0) + (f->mp != X86_MP_ANY ? 4 : 0) + (f->reg >= 0 ? 2 : 0) +
           ((f->flags & (X86_FM_MEM | X86_FM_REG)) ? 1 : 0);
}

static gint by_specificity(gconstpointer a, gconstpointer b, gpointer unused)
{
    (void)unused;
    const X86Form *fa = *(const X86Form *const *)a, *fb = *(const X86Form *const *)b;
    return row_specificity(fb) - row_specificity(fa);
}

static gpointer x86_index_build(gpointer unused)
{
    (void)unused;
    const X86Form *const tables[] = {x86_int_forms, x86_x87_forms, x86_sse_forms};
    for (size_t t = 0; t < G_N_ELEMENTS(tables); t++) {
        for (const X86Form *f = tables[t]; f->name; f++) {
            unsigned count = f->count ? f->count : 1;
            for (unsigned k = 0; k < count; k++) {
                X86Bucket *b = &x86_index[f->map][(f->opcode + k) & 0xff];
                if (b->n && ((b->forms[0]->flags ^ f->flags) & X86_FM_MODRM)) {
                    fprintf(stderr, "morph: x86 form tables disagree on ModRM for map %u opcode 0x%02x (%s, %s)\n",
                            f->map, (f->opcode + k) & 0xff, b->forms[0]->name, f->name);
                    abort();
                }
                b->forms = g_renew(const X86Form *, b->forms, b->n + 1);
                b->forms[b->n++] = f;
            }
        }
    }
    for (unsigned m = 0; m < X86_NMAPS; m++) {
        for (unsigned op = 0; op < 256; op++) {
            X86Bucket *b = &x86_index[m][op];
            if (b->n > 1) {
                /* g_qsort_with_data is stable: table order breaks ties. */
                g_qsort_with_data(b->forms, (gint)b->n, sizeof(*b->forms), by_specificity, NULL);
            }
        }
    }
    return NULL;
}

static const X86Bucket *bucket_of(unsigned map, unsigned opcode)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, x86_index_build, NULL);
    return &x86_index[map][opcode];
}

static bool row_matches(const X86Form *f, const X86Insn *in, bool long_mode)
{
    if (f->mp != X86_MP_ANY && f->mp != in->mp)
        return false;
    if ((f->flags & X86_FM_NO64) && long_mode)
        return false;
    if ((f->flags & X86_FM_ONLY64) && !long_mode)
        return false;
    if (!(f->flags & X86_FM_MODRM))
        return true;
    unsigned mod = in->modrm >> 6, reg = (in->modrm >> 3) & 7, rm = in->modrm & 7;
    if (f->reg >= 0 && (unsigned)f->reg != reg)
        return false;
    if (f->rm >= 0 && (mod != 3 || (unsigned)f->rm != rm))
        return false;
    if ((f->flags & X86_FM_MEM) && mod == 3)
        return false;
    if ((f->flags & X86_FM_REG) && mod != 3)
        return false;
    return true;
}

/* ---- byte reader --------------------------------------------------------- */

typedef struct Reader {
    const uint8_t *p;
    size_t pos, len;
    bool short_read; /* the instruction runs past the bytes we have */
} Reader;

static uint64_t take(Reader *r, unsigned n)
{
    uint64_t v = 0;
    if (r->pos + n > r->len) {
        r->short_read = true;
        r->pos += n;
        return 0;
    }
    for (unsigned k = 0; k < n; k++)
        v |= (uint64_t)r->p[r->pos + k] << (8 * k);
    r->pos += n;
    return v;
}

static int64_t take_signed(Reader *r, unsigned n)
{
    uint64_t v = take(r, n);
    unsigned shift = 64 - 8 * n;
    return (int64_t)(v << shift) >> shift;
}

/* ---- prefixes ------------------------------------------------------------ */

static int segment_prefix(uint8_t b)
{
    switch (b) {
    case 0x26: return X86_ES;
    case 0x2e: return X86_CS;
    case 0x36: return X86_SS;
    case 0x3e: return X86_DS;
    case 0x64: return X86_FS;
    case 0x65: return X86_GS;
    default: return -1;
    }
}

static void read_prefixes(Reader *r, X86Insn *in, bool long_mode)
{
    int last_rep = 0;
    for (;;) {
        if (r->pos >= r->len) {
            r->short_read = true;
            return;
        }
        uint8_t b = r->p[r->pos];
        int seg = segment_prefix(b);
        if (seg >= 0) {
            /* 64-bit mode ignores the CS, DS, ES and SS overrides. */
            if (!long_mode || seg >= X86_FS)
                in->seg = (int8_t)seg;
        } else if (b == 0xf0) {
            in->pfx |= X86_PFX_LOCK;
        } else if (b == 0xf2 || b == 0xf3) {
            in->pfx |= b == 0xf3 ? X86_PFX_REP : X86_PFX_REPNE;
            last_rep = b;
        } else if (b == 0x66) {
            in->pfx |= X86_PFX_OPSIZE;
        } else if (b == 0x67) {
            in->pfx |= X86_PFX_ADSIZE;
        } else if (long_mode && (b & 0xf0) == 0x40) {
            in->rex = b; /* kept only if the opcode follows at once */
            r->pos++;
            continue;
        } else {
            break;
        }
        in->rex = 0; /* a legacy prefix after REX cancels it */
        r->pos++;
    }
    in->mp = last_rep == 0xf3 ? X86_MP_F3 : last_rep == 0xf2 ? X86_MP_F2
             : (in->pfx & X86_PFX_OPSIZE) ? X86_MP_66 : X86_MP_NONE;
}

/* ---- ModRM / SIB ----------------------------------------------------------- */

/* 16-bit addressing: the base and index each rm value names. */
static const int8_t modrm16_base[8] = {X86_RBX, X86_RBX, X86_RBP, X86_RBP, X86_RSI, X86_RDI, X86_RBP, X86_RBX};
static const int8_t modrm16_index[8] = {X86_RSI, X86_RDI, X86_RSI, X86_RDI, -1, -1, -1, -1};

static void read_modrm16(Reader *r, X86Insn *in)
{
    unsigned rm = in->modrm & 7;
    in->base = modrm16_base[rm];
    in->index = modrm16_index[rm];
    in->scale = 1;
    if (in->mod == 0 && rm == 6) {
        in->base = -1;
        in->disp = take_signed(r, 2);
    } else if (in->mod == 1) {
        in->disp = take_signed(r, 1);
    } else if (in->mod == 2) {
        in->disp = take_signed(r, 2);
    }
}

static void read_modrm32(Reader *r, X86Insn *in, bool long_mode)
{
    unsigned rm = in->modrm & 7;
    unsigned rex_b = in->rex & 1 ? 8 : 0;
    in->scale = 1;
    in->index = -1;
    if (rm == 4) {
        uint8_t sib = (uint8_t)take(r, 1);
        unsigned idx = ((sib >> 3) & 7) | (in->rex & 2 ? 8 : 0);
        in->scale = (uint8_t)(1u << (sib >> 6));
        in->index = idx == 4 ? -1 : (int8_t)idx;
        unsigned base = sib & 7;
        if (base == 5 && in->mod == 0) {
            in->base = -1;
            in->disp = take_signed(r, 4);
            return;
        }
        in->base = (int8_t)(base | rex_b);
    } else if (rm == 5 && in->mod == 0) {
        in->base = long_mode ? X86_BASE_RIP : -1;
        in->disp = take_signed(r, 4);
        return;
    } else {
        in->base = (int8_t)(rm | rex_b);
    }
    if (in->mod == 1)
        in->disp = take_signed(r, 1);
    else if (in->mod == 2)
        in->disp = take_signed(r, 4);
}

static void read_modrm(Reader *r, X86Insn *in, bool long_mode)
{
    in->modrm = (uint8_t)take(r, 1);
    in->mod = in->modrm >> 6;
    in->reg = (uint8_t)(((in->modrm >> 3) & 7) | (in->rex & 4 ? 8 : 0));
    if (in->mod == 3) {
        in->rm = (uint8_t)((in->modrm & 7) | (in->rex & 1 ? 8 : 0));
        in->base = in->index = -1;
        return;
    }
    if (in->adsize == 2)
        read_modrm16(r, in);
    else
        read_modrm32(r, in, long_mode);
}

/* ---- sizes and immediates ---------------------------------------------- */

static unsigned operand_size(const X86Insn *in, const X86Form *f, bool long_mode, bool cs32)
{
    bool opsize = in->pfx & X86_PFX_OPSIZE;
    if (long_mode) {
        if (f->flags & X86_FM_F64)
            return 8;
        if (in->rex & 8)
            return 8;
        if (f->flags & X86_FM_D64)
            return opsize ? 2 : 8;
        return opsize ? 2 : 4;
    }
    return cs32 != opsize ? 4 : 2;
}

static void read_immediate(Reader *r, X86Insn *in, unsigned kind)
{
    switch (kind) {
    case X86_IMM_IB:
        in->imm = take_signed(r, 1);
        break;
    case X86_IMM_IW:
        in->imm = (int64_t)take(r, 2);
        break;
    case X86_IMM_IZ:
        in->imm = take_signed(r, in->opsize == 2 ? 2 : 4);
        break;
    case X86_IMM_IV:
        in->imm = take_signed(r, in->opsize);
        break;
    case X86_IMM_IW_IB:
        in->imm = (int64_t)take(r, 2);
        in->imm2 = (int64_t)take(r, 1);
        break;
    case X86_IMM_ADDR:
        in->imm = (int64_t)take(r, in->adsize);
        break;
    case X86_IMM_PTR:
        in->imm = (int64_t)take(r, in->opsize == 2 ? 2 : 4);
        in->imm2 = (int64_t)take(r, 2);
        break;
    default:
        break;
    }
}

/* ---- the decoder ------------------------------------------------------------ */

static unsigned read_opcode(Reader *r, X86Insn *in)
{
    uint8_t b = (uint8_t)take(r, 1);
    if (b != 0x0f) {
        in->map = X86_MAP_1B;
        return b;
    }
    b = (uint8_t)take(r, 1);
    if (b == 0x38 || b == 0x3a) {
        in->map = b == 0x38 ? X86_MAP_0F38 : X86_MAP_0F3A;
        return (uint8_t)take(r, 1);
    }
    in->map = X86_MAP_0F;
    return b;
}

/* VEX (C4/C5) and EVEX (62) encodings: morph reports no AVX, so they are
 * #UD. Outside 64-bit mode C4/C5/62 with a memory ModRM are LES/LDS/BOUND. */
static bool is_vex_escape(const Reader *r, const X86Insn *in, bool long_mode)
{
    if (in->map != X86_MAP_1B || (in->opcode != 0xc4 && in->opcode != 0xc5 && in->opcode != 0x62))
        return false;
    if (long_mode)
        return true;
    return r->pos < r->len && (r->p[r->pos] >> 6) == 3;
}

X86DecodeResult x86_decode(uint64_t pc, const uint8_t *bytes, size_t len, bool long_mode, bool cs32,
                           X86Insn *in)
{
    *in = (X86Insn){.pc = pc, .seg = -1, .base = -1, .index = -1, .scale = 1};
    Reader r = {.p = bytes, .len = len < X86_MAX_INSN_LEN ? len : X86_MAX_INSN_LEN};
    read_prefixes(&r, in, long_mode);
    bool adsize = in->pfx & X86_PFX_ADSIZE;
    in->adsize = long_mode ? (adsize ? 4 : 8) : (cs32 != adsize ? 4 : 2);
    in->opcode = (uint8_t)read_opcode(&r, in);
    if (r.short_read)
        return len < X86_MAX_INSN_LEN ? X86_DECODE_SHORT : X86_DECODE_INVALID;
    if (is_vex_escape(&r, in, long_mode))
        return X86_DECODE_INVALID;
    const X86Bucket *b = bucket_of(in->map, in->opcode);
    if (b->n == 0)
        return X86_DECODE_INVALID;
    if (b->forms[0]->flags & X86_FM_MODRM)
        read_modrm(&r, in, long_mode);
    else
        in->mod = 3;
    const X86Form *f = NULL;
    for (unsigned i = 0; i < b->n && !f; i++) {
        if (row_matches(b->forms[i], in, long_mode))
            f = b->forms[i];
    }
    if (!f)
        return r.short_read && len < X86_MAX_INSN_LEN ? X86_DECODE_SHORT : X86_DECODE_INVALID;
    in->form = f;
    in->opsize = (uint8_t)operand_size(in, f, long_mode, cs32);
    read_immediate(&r, in, f->imm);
    if (r.short_read)
        return len < X86_MAX_INSN_LEN ? X86_DECODE_SHORT : X86_DECODE_INVALID;
    if ((in->pfx & X86_PFX_LOCK) && (!(f->flags & X86_FM_LOCK) || in->mod == 3))
        return X86_DECODE_INVALID;
    in->len = (uint8_t)r.pos;
    in->next_pc = pc + r.pos;
    if (!long_mode)
        in->next_pc &= 0xffffffffu;
    return X86_DECODE_OK;
}
