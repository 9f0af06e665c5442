/* linux-user/x86/cpuinfo.c — /proc/cpuinfo of the x86 guests, in the
 * layout of the kernel's arch/x86/kernel/cpu/proc.c (show_cpuinfo): one
 * block per processor, every value read from the guest's own CPUID
 * (frontend/x86/cpuid.c), so the vendor, model and "flags" a program
 * reads here are what the cpuid instruction tells it.
 */
#include <string.h>

#include "frontend/x86/helpers.h"
#include "linux-user/procfs.h"

/* The kernel's names of CPUID feature bits (asm/cpufeatures.h) that a
 * guest CPU may have: leaf 1 EDX, leaf 1 ECX, leaf 0x80000001 EDX/ECX. */
typedef struct X86FlagName {
    uint32_t leaf;
    uint8_t reg;      /* 2: ECX, 3: EDX */
    uint8_t bit;
    const char *name;
} X86FlagName;

static const X86FlagName x86_flag_names[] = {
    { 1, 3, 0, "fpu" },          { 1, 3, 1, "vme" },          { 1, 3, 2, "de" },
    { 1, 3, 3, "pse" },          { 1, 3, 4, "tsc" },          { 1, 3, 5, "msr" },
    { 1, 3, 6, "pae" },          { 1, 3, 7, "mce" },          { 1, 3, 8, "cx8" },
    { 1, 3, 9, "apic" },         { 1, 3, 11, "sep" },         { 1, 3, 12, "mtrr" },
    { 1, 3, 13, "pge" },         { 1, 3, 14, "mca" },         { 1, 3, 15, "cmov" },
    { 1, 3, 16, "pat" },         { 1, 3, 17, "pse36" },       { 1, 3, 19, "clflush" },
    { 1, 3, 23, "mmx" },         { 1, 3, 24, "fxsr" },        { 1, 3, 25, "sse" },
    { 1, 3, 26, "sse2" },        { 1, 3, 28, "ht" },
    { 0x80000001u, 3, 11, "syscall" }, { 0x80000001u, 3, 20, "nx" },
    { 0x80000001u, 3, 27, "rdtscp" },  { 0x80000001u, 3, 29, "lm" },
    { 1, 2, 0, "pni" },          { 1, 2, 1, "pclmulqdq" },    { 1, 2, 9, "ssse3" },
    { 1, 2, 12, "fma" },         { 1, 2, 13, "cx16" },        { 1, 2, 19, "sse4_1" },
    { 1, 2, 20, "sse4_2" },      { 1, 2, 22, "movbe" },       { 1, 2, 23, "popcnt" },
    { 1, 2, 25, "aes" },         { 1, 2, 26, "xsave" },       { 1, 2, 28, "avx" },
    { 1, 2, 30, "rdrand" },
    { 0x80000001u, 2, 0, "lahf_lm" },  { 0x80000001u, 2, 5, "abm" },
};

static void append_flags(GString *out)
{
    g_string_append(out, "flags\t\t:");
    for (size_t i = 0; i < sizeof x86_flag_names / sizeof x86_flag_names[0]; i++) {
        const X86FlagName *f = &x86_flag_names[i];
        uint32_t r[4];
        x86_cpuid(f->leaf, 0, r);
        if (r[f->reg] >> f->bit & 1)
            g_string_append_printf(out, " %s", f->name);
    }
    g_string_append(out, "\n");
}

/* "GenuineIntel"-style vendor string of leaf 0 (EBX, EDX, ECX). */
static void vendor(char out[13])
{
    uint32_t r[4];
    x86_cpuid(0, 0, r);
    memcpy(out, &r[1], 4);
    memcpy(out + 4, &r[3], 4);
    memcpy(out + 8, &r[2], 4);
    out[12] = 0;
}

/* The brand string of leaves 0x80000002..4. */
static void brand(char out[49])
{
    for (uint32_t i = 0; i < 3; i++)
        x86_cpuid(0x80000002u + i, 0, (uint32_t *)(void *)(out + 16 * i));
    out[48] = 0;
}

void x86_cpuinfo(GString *out, long ncpu)
{
    char vendor_id[13];
    _Alignas(4) char model_name[49];
    uint32_t leaf0[4], leaf1[4];
    vendor(vendor_id);
    brand(model_name);
    x86_cpuid(0, 0, leaf0);
    x86_cpuid(1, 0, leaf1);
    uint32_t sig = leaf1[0];
    unsigned family = (sig >> 8 & 0xf) + (((sig >> 8 & 0xf) == 0xf) ? (sig >> 20 & 0xff) : 0);
    unsigned model = (sig >> 4 & 0xf) | ((family >= 6) ? (sig >> 12 & 0xf0) : 0);
    for (long n = 0; n < ncpu; n++) {
        g_string_append_printf(out, "processor\t: %ld\n", n);
        g_string_append_printf(out, "vendor_id\t: %s\n", vendor_id);
        g_string_append_printf(out, "cpu family\t: %u\n", family);
        g_string_append_printf(out, "model\t\t: %u\n", model);
        g_string_append_printf(out, "model name\t: %s\n", model_name);
        g_string_append_printf(out, "stepping\t: %u\n", sig & 0xf);
        g_string_append(out, "fpu\t\t: yes\nfpu_exception\t: yes\n");
        g_string_append_printf(out, "cpuid level\t: %u\n", leaf0[0]);
        g_string_append(out, "wp\t\t: yes\n");
        append_flags(out);
        g_string_append_printf(out, "clflush size\t: %u\n", (leaf1[1] >> 8 & 0xff) * 8);
        g_string_append(out, "cache_alignment\t: 64\n\n");
    }
}
