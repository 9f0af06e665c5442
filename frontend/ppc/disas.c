/* frontend/ppc/disas.c — one PowerPC instruction as text for -d in_asm,
 * through capstone, in the guest's mode: 32-bit big-endian, 64-bit
 * big-endian or 64-bit little-endian. One capstone handle per mode,
 * opened on first use and serialized by a mutex (a handle is not
 * thread-safe). */
#include <stdio.h>

#include <capstone/capstone.h>
#include <glib.h>

#include "frontend/ppc/gen.h"

typedef enum PpcDisasMode { PPC_DIS_32BE, PPC_DIS_64BE, PPC_DIS_64LE, PPC_DIS_NMODES } PpcDisasMode;

static const cs_mode ppc_cs_modes[PPC_DIS_NMODES] = {
    [PPC_DIS_32BE] = CS_MODE_32 | CS_MODE_BIG_ENDIAN,
    [PPC_DIS_64BE] = CS_MODE_64 | CS_MODE_BIG_ENDIAN,
    [PPC_DIS_64LE] = CS_MODE_64 | CS_MODE_LITTLE_ENDIAN,
};

static GMutex ppc_cs_lock;
static csh ppc_cs[PPC_DIS_NMODES];
static bool ppc_cs_ready[PPC_DIS_NMODES], ppc_cs_failed[PPC_DIS_NMODES];

static size_t ppc_disas_mode(PpcDisasMode mode, uint64_t pc, const uint8_t *code, size_t len,
                             char *out, size_t outlen)
{
    if (outlen)
        out[0] = '\0';
    if (len < 4)
        return 0;
    size_t size = 0;
    g_mutex_lock(&ppc_cs_lock);
    if (!ppc_cs_ready[mode] && !ppc_cs_failed[mode]) {
        if (cs_open(CS_ARCH_PPC, ppc_cs_modes[mode], &ppc_cs[mode]) == CS_ERR_OK)
            ppc_cs_ready[mode] = true;
        else
            ppc_cs_failed[mode] = true;
    }
    cs_insn *insn = NULL;
    if (ppc_cs_ready[mode] && cs_disasm(ppc_cs[mode], code, 4, pc, 1, &insn) == 1) {
        if (insn->op_str[0])
            snprintf(out, outlen, "%s %s", insn->mnemonic, insn->op_str);
        else
            snprintf(out, outlen, "%s", insn->mnemonic);
        size = insn->size;
        cs_free(insn, 1);
    }
    g_mutex_unlock(&ppc_cs_lock);
    if (!size) {
        uint32_t w = mode == PPC_DIS_64LE
                         ? (uint32_t)code[3] << 24 | (uint32_t)code[2] << 16 | (uint32_t)code[1] << 8 | code[0]
                         : (uint32_t)code[0] << 24 | (uint32_t)code[1] << 16 | (uint32_t)code[2] << 8 | code[3];
        snprintf(out, outlen, ".long 0x%08x", w);
    }
    return size;
}

size_t ppc_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen)
{
    return ppc_disas_mode(PPC_DIS_32BE, pc, code, len, out, outlen);
}

size_t ppc64_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen)
{
    return ppc_disas_mode(PPC_DIS_64BE, pc, code, len, out, outlen);
}

size_t ppc64le_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen)
{
    return ppc_disas_mode(PPC_DIS_64LE, pc, code, len, out, outlen);
}
