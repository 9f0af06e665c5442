/* frontend/ppc/e500_mon.c — the monitor's view of the e500 MMU (`info tlb`,
 * `info mem`): every valid TLB1 and TLB0 entry as an effective range, the
 * physical page it maps to, its translation space and process ID, and its
 * rights (MAS3 SR/SW/SX for the supervisor, UR/UW/UX for the user) and
 * storage attributes (MAS2 W I M G E). Read only: no MAS register or
 * replacement state changes.
 *
 *   TLB1:
 *   effective range    physical      size  ts tid  iprot  super user  wimge
 *   e0000000-e00fffff  f_e0000000     1M   0   0  yes    rw-   ---   -i-g-
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "frontend/ppc/cpu.h"

enum {
    MAS1_V = 1u << 31,
    MAS1_IPROT = 1u << 30,
    MAS1_TS = 1u << 12,
    MAS2_EPN = 0xfffff000u,
    MAS3_RPN = 0xfffff000u,
    TSIZE_4K = 1,
};

/* A flag bit and the letter that shows it set ('-' when clear). */
typedef struct FlagLetter {
    uint32_t bit;
    char letter;
} FlagLetter;

/* MAS3's permission bits. */
static const FlagLetter supervisor_rights[] = {{0x01, 'r'}, {0x04, 'w'}, {0x10, 'x'}};
static const FlagLetter user_rights[] = {{0x02, 'r'}, {0x08, 'w'}, {0x20, 'x'}};
/* MAS2's storage attributes W I M G E (bits 27..31). */
static const FlagLetter attributes[] = {{0x10, 'w'}, {0x08, 'i'}, {0x04, 'm'}, {0x02, 'g'}, {0x01, 'e'}};

/* The letters of flags in word, into out (n + 1 bytes). */
static void flag_letters(uint32_t word, const FlagLetter *flags, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = word & flags[i].bit ? flags[i].letter : '-';
    out[n] = '\0';
}

static uint64_t entry_bytes(const PpcTlbEntry *e, bool tlb1)
{
    unsigned tsize = tlb1 ? (e->mas1 >> 8) & 0xf : TSIZE_4K;
    return (uint64_t)1024 << (2 * (tsize ? tsize : TSIZE_4K));
}

static void format_size(uint64_t bytes, char *out, size_t len)
{
    static const char units[] = "KMG";
    unsigned u = 0;
    bytes >>= 10;
    while (bytes >= 1024 && u + 1 < sizeof units - 1) {
        bytes >>= 10;
        u++;
    }
    snprintf(out, len, "%u%c", (unsigned)bytes, units[u]);
}

static void print_entry(const PpcTlbEntry *e, bool tlb1, FILE *out)
{
    uint64_t bytes = entry_bytes(e, tlb1);
    uint32_t ea = e->mas2 & MAS2_EPN & ~(uint32_t)(bytes - 1);
    uint64_t pa = ((uint64_t)(e->mas7 & 0xf) << 32 | (e->mas3 & MAS3_RPN)) & ~(bytes - 1);
    char size[8], super[4], user[4], wimge[6];
    format_size(bytes, size, sizeof size);
    flag_letters(e->mas3, supervisor_rights, G_N_ELEMENTS(supervisor_rights), super);
    flag_letters(e->mas3, user_rights, G_N_ELEMENTS(user_rights), user);
    flag_letters(e->mas2, attributes, G_N_ELEMENTS(attributes), wimge);
    fprintf(out, "%08x-%08x  %x_%08x  %5s  %2u %3u  %-5s  %s   %s   %s\n", ea, (uint32_t)(ea + bytes - 1),
            (unsigned)(pa >> 32), (uint32_t)pa, size, e->mas1 & MAS1_TS ? 1u : 0u, (e->mas1 >> 16) & 0xff,
            e->mas1 & MAS1_IPROT ? "yes" : "no", super, user, wimge);
}

static void print_header(const char *name, FILE *out)
{
    fprintf(out, "%s:\neffective range    physical      size  ts tid  iprot  super user  wimge\n", name);
}

void ppc_e500_dump_mappings(CpuCommon *common, FILE *out)
{
    const PpcCpu *cpu = (const PpcCpu *)common;
    print_header("TLB1", out);
    for (unsigned i = 0; i < PPC_E500_TLB1_ENTRIES; i++) {
        if (cpu->booke.tlb1[i].mas1 & MAS1_V)
            print_entry(&cpu->booke.tlb1[i], true, out);
    }
    print_header("TLB0", out);
    for (unsigned set = 0; set < PPC_E500_TLB0_SETS; set++) {
        for (unsigned way = 0; way < PPC_E500_TLB0_WAYS; way++) {
            if (cpu->booke.tlb0[set][way].mas1 & MAS1_V)
                print_entry(&cpu->booke.tlb0[set][way], false, out);
        }
    }
}
