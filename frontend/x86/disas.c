/* frontend/x86/disas.c — one x86 instruction as text for -d in_asm,
 * through capstone, in 32- or 64-bit mode. One capstone handle per mode,
 * opened on first use and serialized by a mutex (a handle is not
 * thread-safe).
 */
#include <stdio.h>

#include <capstone/capstone.h>
#include <glib.h>

#include "frontend/x86/disas.h"

typedef enum X86DisasMode { X86_DIS_32, X86_DIS_64, X86_DIS_NMODES } X86DisasMode;

static const cs_mode x86_cs_modes[X86_DIS_NMODES] = {[X86_DIS_32] = CS_MODE_32, [X86_DIS_64] = CS_MODE_64};

static GMutex x86_cs_lock;
static csh x86_cs[X86_DIS_NMODES];
static bool x86_cs_ready[X86_DIS_NMODES], x86_cs_failed[X86_DIS_NMODES];

static size_t x86_disas_mode(X86DisasMode mode, uint64_t pc, const uint8_t *code, size_t len, char *out,
                             size_t outlen)
{
    if (outlen)
        out[0] = '\0';
    if (len == 0)
        return 0;
    size_t size = 0;
    g_mutex_lock(&x86_cs_lock);
    if (!x86_cs_ready[mode] && !x86_cs_failed[mode]) {
        if (cs_open(CS_ARCH_X86, x86_cs_modes[mode], &x86_cs[mode]) == CS_ERR_OK)
            x86_cs_ready[mode] = true;
        else
            x86_cs_failed[mode] = true;
    }
    cs_insn *insn = NULL;
    if (x86_cs_ready[mode] && cs_disasm(x86_cs[mode], code, len < 15 ? len : 15, pc, 1, &insn) == 1) {
        if (insn->op_str[0])
            snprintf(out, outlen, "%s %s", insn->mnemonic, insn->op_str);
        else
            snprintf(out, outlen, "%s", insn->mnemonic);
        size = insn->size;
        cs_free(insn, 1);
    }
    g_mutex_unlock(&x86_cs_lock);
    if (!size)
        snprintf(out, outlen, ".byte 0x%02x", code[0]);
    return size;
}

size_t x86_disas32(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen)
{
    return x86_disas_mode(X86_DIS_32, pc, code, len, out, outlen);
}

size_t x86_disas64(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen)
{
    return x86_disas_mode(X86_DIS_64, pc, code, len, out, outlen);
}
