/* frontend/ppc/e500_gdb.c — the e500 core's registers as the GDB stub
 * reads and writes them (machines/gdbstub.c through GuestSysOps), and the
 * target description that names them.
 *
 * The e500 has no classic FPU, so the description is GDB's power core
 * feature alone; architecture powerpc:e500 lets GDB disassemble isel,
 * the SPE forms and the Book E instructions. Registers past the GPRs
 * come from one table (E500_GDB_SPECIALS) that also writes their lines
 * of the description, so the numbering and the XML cannot drift apart.
 */
#include "frontend/ppc/e500_gdb.h"

#include "frontend/ppc/cpu.h"
#include "frontend/ppc/e500.h"

/* The registers after r31, in GDB's order: name, GDB type, accessors. */
#define E500_GDB_SPECIALS(X)                                                                                 \
    X(pc, "code_ptr", e500_gdb_get_pc, e500_gdb_set_pc)                                                      \
    X(msr, "uint32", e500_gdb_get_msr, e500_gdb_set_msr)                                                     \
    X(cr, "uint32", ppc_cr_word, ppc_set_cr_word)                                                        \
    X(lr, "code_ptr", e500_gdb_get_lr, e500_gdb_set_lr)                                                      \
    X(ctr, "uint32", e500_gdb_get_ctr, e500_gdb_set_ctr)                                                     \
    X(xer, "uint32", ppc_xer_word, ppc_set_xer_word)

#define E500_GDB_GPR_XML(n) "    <reg name=\"r" #n "\" bitsize=\"32\" type=\"uint32\"/>\n"
#define E500_GDB_SPECIAL_XML(name, type, get, set)                                                           \
    "    <reg name=\"" #name "\" bitsize=\"32\" type=\"" type "\"/>\n"

/* One line of the description per source line. */
/* clang-format off */
const char ppc_e500_gdb_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\">\n"
    "  <architecture>powerpc:e500</architecture>\n"
    "  <feature name=\"org.gnu.gdb.power.core\">\n"
    E500_GDB_GPR_XML(0) E500_GDB_GPR_XML(1) E500_GDB_GPR_XML(2) E500_GDB_GPR_XML(3)
    E500_GDB_GPR_XML(4) E500_GDB_GPR_XML(5) E500_GDB_GPR_XML(6) E500_GDB_GPR_XML(7)
    E500_GDB_GPR_XML(8) E500_GDB_GPR_XML(9) E500_GDB_GPR_XML(10) E500_GDB_GPR_XML(11)
    E500_GDB_GPR_XML(12) E500_GDB_GPR_XML(13) E500_GDB_GPR_XML(14) E500_GDB_GPR_XML(15)
    E500_GDB_GPR_XML(16) E500_GDB_GPR_XML(17) E500_GDB_GPR_XML(18) E500_GDB_GPR_XML(19)
    E500_GDB_GPR_XML(20) E500_GDB_GPR_XML(21) E500_GDB_GPR_XML(22) E500_GDB_GPR_XML(23)
    E500_GDB_GPR_XML(24) E500_GDB_GPR_XML(25) E500_GDB_GPR_XML(26) E500_GDB_GPR_XML(27)
    E500_GDB_GPR_XML(28) E500_GDB_GPR_XML(29) E500_GDB_GPR_XML(30) E500_GDB_GPR_XML(31)
    E500_GDB_SPECIALS(E500_GDB_SPECIAL_XML)
    "  </feature>\n"
    "</target>\n";
/* clang-format on */

enum { E500_GDB_NUM_GPRS = 32, E500_GDB_REG_BYTES = 4 };

static uint32_t e500_gdb_get_pc(const PpcCpu *cpu)
{
    return (uint32_t)cpu->common.pc;
}
static void e500_gdb_set_pc(PpcCpu *cpu, uint32_t value)
{
    cpu->common.pc = value;
}

static uint32_t e500_gdb_get_msr(const PpcCpu *cpu)
{
    return cpu->booke.msr;
}
static void e500_gdb_set_msr(PpcCpu *cpu, uint32_t value)
{
    ppc_booke_set_msr(cpu, value); /* the mode bits key translated blocks */
}

static uint32_t e500_gdb_get_lr(const PpcCpu *cpu)
{
    return (uint32_t)cpu->lr;
}
static void e500_gdb_set_lr(PpcCpu *cpu, uint32_t value)
{
    cpu->lr = value;
}

static uint32_t e500_gdb_get_ctr(const PpcCpu *cpu)
{
    return (uint32_t)cpu->ctr;
}
static void e500_gdb_set_ctr(PpcCpu *cpu, uint32_t value)
{
    cpu->ctr = value;
}

typedef struct E500GdbSpecial {
    uint32_t (*get)(const PpcCpu *cpu);
    void (*set)(PpcCpu *cpu, uint32_t value);
} E500GdbSpecial;

#define E500_GDB_SPECIAL_ROW(name, type, get, set) {get, set},
static const E500GdbSpecial e500_gdb_specials[] = {E500_GDB_SPECIALS(E500_GDB_SPECIAL_ROW)};

_Static_assert(E500_GDB_NUM_GPRS + sizeof e500_gdb_specials / sizeof e500_gdb_specials[0] ==
                   PPC_E500_GDB_NUM_REGS,
               "PPC_E500_GDB_NUM_REGS counts the GPRs and E500_GDB_SPECIALS");

/* The GPRs' upper halves belong to SPE: the debugger's 32-bit view
 * leaves them alone. */
static uint32_t e500_gdb_get(const PpcCpu *cpu, unsigned n)
{
    if (n < E500_GDB_NUM_GPRS)
        return (uint32_t)cpu->gpr[n];
    return e500_gdb_specials[n - E500_GDB_NUM_GPRS].get(cpu);
}

static void e500_gdb_set(PpcCpu *cpu, unsigned n, uint32_t value)
{
    if (n < E500_GDB_NUM_GPRS)
        cpu->gpr[n] = (cpu->gpr[n] & ~(uint64_t)UINT32_MAX) | value;
    else
        e500_gdb_specials[n - E500_GDB_NUM_GPRS].set(cpu, value);
}

unsigned ppc_e500_gdb_read_reg(CpuCommon *cpu, unsigned n, uint8_t *buf)
{
    if (n >= PPC_E500_GDB_NUM_REGS)
        return 0;
    uint32_t value = e500_gdb_get((const PpcCpu *)cpu, n);
    for (unsigned i = 0; i < E500_GDB_REG_BYTES; i++)
        buf[i] = (uint8_t)(value >> (24 - 8 * i));
    return E500_GDB_REG_BYTES;
}

unsigned ppc_e500_gdb_write_reg(CpuCommon *cpu, unsigned n, const uint8_t *buf)
{
    if (n >= PPC_E500_GDB_NUM_REGS)
        return 0;
    uint32_t value = 0;
    for (unsigned i = 0; i < E500_GDB_REG_BYTES; i++)
        value = value << 8 | buf[i];
    e500_gdb_set((PpcCpu *)cpu, n, value);
    return E500_GDB_REG_BYTES;
}
