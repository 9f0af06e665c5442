/* linux-user/ppc/cpu_model.h — the one CPU a PowerPC guest observes: the
 * PVR that mfpvr returns (Linux emulates mfpvr for user space) and the
 * name /proc/cpuinfo gives it, per guest word size. The table is in
 * linux-user/ppc/cpuinfo.c; AT_HWCAP (abi.c, abi64.c) announces the same
 * units this CPU has.
 */
#ifndef MORPH_LU_PPC_CPU_MODEL_H
#define MORPH_LU_PPC_CPU_MODEL_H

#include <stdint.h>

#include "frontend/guest.h"

typedef struct PpcCpuModel {
    uint8_t elf_class; /* ELFCLASS32 or ELFCLASS64 */
    uint32_t pvr;      /* Processor Version Register: version << 16 | revision */
    const char *name;  /* the kernel's cpu_spec name (cputable.c) */
} PpcCpuModel;

/* The model of a PPC guest architecture (never NULL). */
const PpcCpuModel *ppc_cpu_model(const GuestArch *arch);

#endif
