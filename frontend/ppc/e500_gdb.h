/* frontend/ppc/e500_gdb.h — the e500 core as GDB sees it in system mode:
 * the target description (a 32-bit PowerPC with no FPU: GDB's
 * org.gnu.gdb.power.core feature) and its registers in that order, as
 * big-endian bytes, for GuestSysOps.gdb_*.
 *
 *   0-31 r0-r31   32 pc   33 msr   34 cr   35 lr   36 ctr   37 xer
 */
#ifndef MORPH_PPC_E500_GDB_H
#define MORPH_PPC_E500_GDB_H

#include <stdint.h>

#include "frontend/cpu.h"

extern const char ppc_e500_gdb_xml[];

#define PPC_E500_GDB_NUM_REGS 38

/* Register n's 4 bytes into buf / from buf; 4, or 0 if there is no
 * register n. */
unsigned ppc_e500_gdb_read_reg(CpuCommon *cpu, unsigned n, uint8_t *buf);
unsigned ppc_e500_gdb_write_reg(CpuCommon *cpu, unsigned n, const uint8_t *buf);

#endif
