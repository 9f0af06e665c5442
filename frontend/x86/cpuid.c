/* frontend/x86/cpuid.c — the CPU morph's x86 guests see through CPUID:
 * one table of leaves and one of the CPU models `-cpu` chooses among. The
 * feature bits MUST be a subset of what morph implements (a program that
 * sees a bit uses the instructions without checking further): no AVX, no
 * XSAVE/OSXSAVE, no BMI. A smaller model only reports less: instructions
 * beyond it still execute (they are not made #UD).
 *
 * Vendor "GenuineIntel", brand "morph x86 dynamic binary translator": the
 * vendor string is a compatibility id — glibc reads the feature leaves
 * (1, 7, 0x80000001) only for vendors it knows, and with none of them it
 * would see no SSE2 and refuse to load x86-64 libraries.
 */
#include <string.h>

#include "frontend/x86/helpers.h"

/* Leaf 1 EDX */
enum {
    CPUID_1_EDX_FPU = 1u << 0, CPUID_1_EDX_TSC = 1u << 4, CPUID_1_EDX_CX8 = 1u << 8,
    CPUID_1_EDX_CLFSH = 1u << 19, CPUID_1_EDX_CMOV = 1u << 15, CPUID_1_EDX_MMX = 1u << 23,
    CPUID_1_EDX_FXSR = 1u << 24,
    CPUID_1_EDX_SSE = 1u << 25, CPUID_1_EDX_SSE2 = 1u << 26,
};
/* Leaf 1 ECX */
enum {
    CPUID_1_ECX_SSE3 = 1u << 0, CPUID_1_ECX_SSSE3 = 1u << 9, CPUID_1_ECX_CX16 = 1u << 13,
    CPUID_1_ECX_SSE41 = 1u << 19, CPUID_1_ECX_SSE42 = 1u << 20, CPUID_1_ECX_MOVBE = 1u << 22,
    CPUID_1_ECX_POPCNT = 1u << 23,
};
/* Leaf 0x80000001 */
enum {
    CPUID_E1_ECX_LAHF_LM = 1u << 0, CPUID_E1_ECX_ABM = 1u << 5, /* LZCNT */
    CPUID_E1_EDX_SYSCALL = 1u << 11, CPUID_E1_EDX_RDTSCP = 1u << 27, CPUID_E1_EDX_LM = 1u << 29,
};

enum { CPUID_MAX_BASIC = 7, CPUID_MAX_EXT = 0x80000004u };

/* Family 6, model 15, stepping 1; CLFLUSH line 8 * 8 bytes, one logical CPU. */
enum { CPUID_1_EAX_SIGNATURE = 0x000006f1, CPUID_1_EBX = 0x00010800 };

typedef struct CpuidLeaf {
    uint32_t leaf;
    uint32_t regs[4]; /* EAX EBX ECX EDX */
} CpuidLeaf;

/* "GenuineIntel" as EBX, EDX, ECX hold it (little-endian, 4 bytes each). */
#define CPUID_VENDOR_EBX 0x756e6547u /* "Genu" */
#define CPUID_VENDOR_EDX 0x49656e69u /* "ineI" */
#define CPUID_VENDOR_ECX 0x6c65746eu /* "ntel" */

/* Leaf 1 ECX and leaf 0x80000001 ECX come from the model (cpuid_models). */
static const CpuidLeaf cpuid_leaves[] = {
    {0, {CPUID_MAX_BASIC, CPUID_VENDOR_EBX, CPUID_VENDOR_ECX, CPUID_VENDOR_EDX}},
    {1, {CPUID_1_EAX_SIGNATURE, CPUID_1_EBX, 0,
         CPUID_1_EDX_FPU | CPUID_1_EDX_TSC | CPUID_1_EDX_CX8 | CPUID_1_EDX_CLFSH | CPUID_1_EDX_CMOV |
             CPUID_1_EDX_MMX | CPUID_1_EDX_FXSR | CPUID_1_EDX_SSE | CPUID_1_EDX_SSE2}},
    {7, {0, 0, 0, 0}}, /* no extended features (BMI, AVX2, ERMS, ...) */
    {0x80000000u, {CPUID_MAX_EXT, 0, 0, 0}},
    {0x80000001u, {0, 0, 0, CPUID_E1_EDX_SYSCALL | CPUID_E1_EDX_RDTSCP | CPUID_E1_EDX_LM}},
};

typedef struct CpuidModel {
    GuestCpuModel model;
    uint32_t ecx1, ecx_ext; /* leaf 1 ECX, leaf 0x80000001 ECX */
} CpuidModel;

#define SSE3_TO_SSSE3 (CPUID_1_ECX_SSE3 | CPUID_1_ECX_SSSE3 | CPUID_1_ECX_CX16)
#define TO_SSE42 (SSE3_TO_SSSE3 | CPUID_1_ECX_SSE41 | CPUID_1_ECX_SSE42 | CPUID_1_ECX_POPCNT)

static const CpuidModel cpuid_models[] = {
    {{"max", "everything morph implements: SSE4.2, POPCNT, MOVBE, LZCNT (the default)"},
     TO_SSE42 | CPUID_1_ECX_MOVBE, CPUID_E1_ECX_LAHF_LM | CPUID_E1_ECX_ABM},
    {{"x86-64-v2", "SSE4.2, POPCNT, CMPXCHG16B, LAHF (Nehalem's level)"}, TO_SSE42, CPUID_E1_ECX_LAHF_LM},
    {{"core2", "SSE3 and SSSE3"}, SSE3_TO_SSSE3, CPUID_E1_ECX_LAHF_LM},
    {{"baseline", "SSE2 only (x86-64's baseline)"}, 0, 0},
};

const GuestCpuModel *const x86_cpu_models[] = {
    &cpuid_models[0].model, &cpuid_models[1].model, &cpuid_models[2].model, &cpuid_models[3].model, NULL,
};

static const CpuidModel *cpuid_model = &cpuid_models[0];

void x86_select_cpu_model(const GuestCpuModel *model)
{
    for (size_t i = 0; i < sizeof(cpuid_models) / sizeof(cpuid_models[0]); i++) {
        if (&cpuid_models[i].model == model)
            cpuid_model = &cpuid_models[i];
    }
}

static const char cpuid_brand[48] = "morph x86 dynamic binary translator";

void x86_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4])
{
    memset(out, 0, 4 * sizeof(uint32_t));
    if (leaf >= 0x80000002u && leaf <= 0x80000004u) {
        memcpy(out, cpuid_brand + 16 * (leaf - 0x80000002u), 16);
        return;
    }
    if (leaf == 7 && subleaf != 0)
        return;
    for (size_t i = 0; i < sizeof(cpuid_leaves) / sizeof(cpuid_leaves[0]); i++) {
        if (cpuid_leaves[i].leaf == leaf) {
            memcpy(out, cpuid_leaves[i].regs, sizeof(cpuid_leaves[i].regs));
            if (leaf == 1)
                out[2] = cpuid_model->ecx1;
            else if (leaf == 0x80000001u)
                out[2] = cpuid_model->ecx_ext;
            return;
        }
    }
}
