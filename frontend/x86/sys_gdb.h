/* frontend/x86/sys_gdb.h — the system cpu as GDB (gdb-multiarch, target
 * i386:x86-64) sees it: the target description and its registers in
 * that order, little-endian, for GuestSysOps.gdb_*.
 *
 *   0-15 rax rbx rcx rdx rsi rdi rbp rsp r8-r15   16 rip   17 eflags
 *   18-23 cs ss ds es fs gs   24-31 st0-st7   32-39 fctrl fstat ftag
 *   fiseg fioff foseg fooff fop   40-55 xmm0-15   56 mxcsr
 *   57 fs_base   58 gs_base   59 k_gs_base   60-64 cr0 cr2 cr3 cr4 cr8
 *   65 efer
 */
#ifndef MORPH_X86_SYS_GDB_H
#define MORPH_X86_SYS_GDB_H

#include <stdint.h>

#include "frontend/cpu.h"

extern const char x86_sys_gdb_xml[];

#define X86_SYS_GDB_NUM_REGS 66

/* Register n's bytes into buf / from buf; its size, or 0 if there is no
 * register n. */
unsigned x86_sys_gdb_read_reg(CpuCommon *cpu, unsigned n, uint8_t *buf);
unsigned x86_sys_gdb_write_reg(CpuCommon *cpu, unsigned n, const uint8_t *buf);

#endif
