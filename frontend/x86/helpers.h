/* frontend/x86/helpers.h — the C helpers the general-purpose x86 IR calls
 * (frontend/x86/helpers.c) and the CPUID leaves (frontend/x86/cpuid.c).
 */
#ifndef MORPH_X86_HELPERS_H
#define MORPH_X86_HELPERS_H

#include "frontend/guest.h"
#include "frontend/x86/cpu.h"
#include "ir/ir.h"

/* x86_helper_rotate_carry's third argument: operand size | this bit for RCR. */
enum { X86_RC_RIGHT = 0x100 };

extern const IrHelper x86_helper_div;            /* (divisor i64, size i32): DIV, #DE */
extern const IrHelper x86_helper_idiv;           /* (divisor i64, size i32): IDIV, #DE */
extern const IrHelper x86_helper_rotate_carry;   /* (value i64, count i32, size|dir) -> i64; RCL/RCR */
extern const IrHelper x86_helper_cmpxchg16b;     /* (address i64) -> ZF 0/1 */
extern const IrHelper x86_helper_cpuid;          /* EAX, ECX -> EAX..EDX */
extern const IrHelper x86_helper_rdtsc;          /* -> the time-stamp counter (i64) */
extern const IrHelper x86_helper_load_seg;       /* (segment i32, selector i32): mov to Sreg, pop Sreg; #GP */
extern const IrHelper x86_helper_crc32;
/* x86_helper_bcd (op i32, base i32): the i386 decimal adjustments on AL/AH and the flags. */
enum { X86_BCD_DAA, X86_BCD_DAS, X86_BCD_AAA, X86_BCD_AAS, X86_BCD_AAM, X86_BCD_AAD };
extern const IrHelper x86_helper_bcd;          /* (crc i32, value i64, bytes i32) -> crc i32 (CRC-32C) */

/* CPUID leaf/subleaf as morph's guest CPU answers it: out = EAX EBX ECX EDX. */
void x86_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);
/* The CPU models of both x86 guests and the choice (GuestArch). */
extern const GuestCpuModel *const x86_cpu_models[];
void x86_select_cpu_model(const GuestCpuModel *model);
/* The host's monotonic clock in ns (the base of the guest's TSC). */
uint64_t x86_host_ns(void);

#endif
