/* frontend/ppc/disas.c — one PowerPC instruction as text for -d in_asm,
 * through capstone (32-bit, big-endian). One shared capstone handle,
 * opened on first use and serialized by a mutex (a handle is not
 * thread-safe). */
#include <stdio.h>

#include <capstone/capstone.h>
#include <glib.h>

#include "frontend/ppc/gen.h"

static GMutex ppc_cs_lock;
static csh ppc_cs;
static bool ppc_cs_ready, ppc_cs_failed;

size_t ppc_disas(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen)
{
    if (outlen)
        out[0] = '\0';
    if (len < 4)
        return 0;
    size_t size = 0;
    g_mutex_lock(&ppc_cs_lock);
    if (!ppc_cs_ready && !ppc_cs_failed) {
        if (cs_open(CS_ARCH_PPC, CS_MODE_32 | CS_MODE_BIG_ENDIAN, &ppc_cs) == CS_ERR_OK)
            ppc_cs_ready = true;
        else
            ppc_cs_failed = true;
    }
    cs_insn *insn = NULL;
    if (ppc_cs_ready && cs_disasm(ppc_cs, code, 4, pc, 1, &insn) == 1) {
        if (insn->op_str[0])
            snprintf(out, outlen, "%s %s", insn->mnemonic, insn->op_str);
        else
            snprintf(out, outlen, "%s", insn->mnemonic);
        size = insn->size;
        cs_free(insn, 1);
    }
    g_mutex_unlock(&ppc_cs_lock);
    if (!size) {
        uint32_t w = (uint32_t)code[0] << 24 | (uint32_t)code[1] << 16 | (uint32_t)code[2] << 8 |
                     code[3];
        snprintf(out, outlen, ".long 0x%08x", w);
    }
    return size;
}
