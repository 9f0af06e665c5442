/* frontend/guest.h — GuestArch, the one table through which a guest
 * architecture plugs into morph, and the translation context handed to it.
 *
 * Adding a guest = its frontend/<arch>/ folder, its linux-user/<arch>/ ABI,
 * and one line in frontend/guests.c.
 */
#ifndef MORPH_GUEST_H
#define MORPH_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "frontend/cpu.h"
#include "ir/ir.h"

/* Reads guest code for translation: false if [addr, addr+len) is not
 * readable as code (the frontend then emits a fetch fault). */
typedef bool (*GuestFetchFn)(CpuCommon *cpu, uint64_t addr, void *buf, size_t len);

typedef struct TranslateCtx {
    IrBlock *ir;          /* empty block to fill; ir->pc and ir->tb_flags are set */
    CpuCommon *cpu;
    GuestFetchFn fetch;
    uint32_t max_insns;   /* stop after this many guest instructions (>= 1) */
} TranslateCtx;

/* A CPU model `-cpu NAME` chooses: what the guest's feature reports
 * (x86 CPUID, AT_HWCAP) say. */
typedef struct GuestCpuModel {
    const char *name;
    const char *summary; /* one line for `-cpu help` */
} GuestCpuModel;

typedef struct GuestArch {
    const char *name;     /* "ppc", ... as -d logs and --help show it */
    uint16_t elf_machine; /* EM_PPC, ... */
    uint8_t elf_class;    /* ELFCLASS32 or ELFCLASS64 */
    bool big_endian;
    size_t cpu_size;      /* size of the guest's state struct */
    void (*cpu_init)(CpuCommon *cpu);   /* architectural reset values */
    /* Translate one block at ctx->ir->pc, ending with goto_tb/goto_ptr/exit
     * on every path; set ir->guest_insns and ir->guest_size. */
    void (*translate)(TranslateCtx *ctx);
    /* One instruction as text ("addi r3,r3,1"); returns its size in bytes,
     * 0 if it cannot be decoded. */
    size_t (*disas)(uint64_t pc, const uint8_t *code, size_t len, char *out, size_t outlen);
    void (*dump_state)(const CpuCommon *cpu, FILE *out);
    /* The CPU models (NULL-terminated, the first is the default) and the
     * choice, made once before any cpu exists. NULL: a single model. */
    const GuestCpuModel *const *cpu_models;
    void (*select_cpu_model)(const GuestCpuModel *model);
    /* Where in guest memory the code of the block at pc starts, when that
     * is not pc itself (IA-64: pc carries the slot, and regions fold into
     * morph's window). NULL: pc. Logs, self-modifying-code tracking and
     * invalidation use it; lookups still use pc. */
    uint64_t (*code_addr)(uint64_t pc);
} GuestArch;

/* The guest whose ELF header says (machine, class, data); NULL if none. */
const GuestArch *guest_find(unsigned elf_machine, unsigned elf_class, bool big_endian);
const GuestArch *const *guest_list(void); /* NULL-terminated */

#endif
