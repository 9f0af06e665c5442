/* linux-user/x86/abi.h — what the two x86 Linux ABIs (i386: abi32.c,
 * x86-64: abi64.c) and their helper files share: the user segment
 * selectors, segment loading and TLS descriptors (tls.c), the start-up
 * register state, the exception-to-signal rules (exception.c) and the
 * FPU images of signal frames (sigfpu.c).
 */
#ifndef MORPH_LU_X86_ABI_H
#define MORPH_LU_X86_ABI_H

#include <stdbool.h>
#include <stdint.h>

#include "frontend/x86/cpu.h"
#include "linux-user/lu.h"

struct LuSigInfo;

/* GDT slots Linux gives user space (asm/segment.h). i386 is the 32-bit
 * kernel's table: TLS entries 6..8, user code 14, user data 15. x86-64:
 * 32-bit user code 4, user data 5, 64-bit user code 6. */
enum {
    X86_TLS_FIRST = 6, X86_TLS_COUNT = 3,
    X86_I386_USER_CS_ENTRY = 14, X86_I386_USER_DS_ENTRY = 15,
    X86_64_USER32_CS_ENTRY = 4, X86_64_USER_DS_ENTRY = 5, X86_64_USER_CS_ENTRY = 6,
};
/* A selector: index << 3 | table indicator (4: LDT) | privilege level 3. */
static inline uint16_t x86_user_sel(unsigned entry) { return (uint16_t)(entry << 3 | 3); }
enum { X86_SEL_TI_LDT = 4 };

/* Start-up state of a Linux process (start_thread, ELF_PLAT_INIT): every
 * general register zero but the stack pointer, EFLAGS = IF and bit 1,
 * the flat user segments, a fresh FPU (FCW 0x37f, MXCSR 0x1f80). */
void x86_reset_regs(X86Cpu *c, uint64_t sp, bool long_mode);
enum { X86_EFLAGS_START = 0x202 };

/* The base of selector `sel` as a segment load computes it: the GDT or
 * LDT descriptor's base, 0 for the null selector or an absent one. */
uint64_t x86_selector_base(const X86Cpu *c, uint16_t sel);
/* Load segment register seg with sel (its base from the descriptor). */
void x86_load_segment(X86Cpu *c, int seg, uint16_t sel);

/* A `struct user_desc` (asm/ldt.h: entry_number, base_addr, limit, then
 * the flag bits) installed in GDT TLS entry `entry` of c, as
 * set_thread_area and clone's CLONE_SETTLS do it; segments that select
 * the entry get the new base. 0 or -EINVAL. */
int x86_tls_install(X86Cpu *c, unsigned entry, uint32_t base, uint32_t limit, uint32_t flags);
/* Read the user_desc at guest address addr and install it; entry_number
 * -1 picks a free entry (written back) when can_allocate (set_thread_area,
 * not clone). 0 or -errno. */
int64_t x86_tls_from_user_desc(X86Cpu *c, uint64_t addr, bool can_allocate);

/* AT_HWCAP of the x86 guests: CPUID.1:EDX of the guest's CPU
 * (frontend/x86/cpuid.c). Each ABI copies it into its LinuxAbi before
 * main. */
uint32_t x86_guest_hwcap(void);

/* LinuxAbi.exception_info of both x86 ABIs. */
void x86_exception_info(const CpuCommon *cpu, int reason, struct LuSigInfo *info);
/* The trap number and error code a signal frame's sigcontext records for
 * the signal in info (trapno, err), and cr2 (the fault address). */
void x86_sig_trap(const struct LuSigInfo *info, uint32_t *trapno, uint32_t *err, uint64_t *cr2);

/* The handler's FPU: after saving the interrupted code's, the kernel gives
 * the handler a fresh one (fpu__clear_user_states). */
void x86_fpu_reset(X86Cpu *c);
/* The EFLAGS bits sigreturn takes from the frame (FIX_EFLAGS). */
#define X86_SIGRETURN_FLAGS (X86_STATUS_FLAGS | X86_TF | X86_DF | X86_AC)

#endif
