/* linux-user/lu_runtime.h — the user-mode runtime's internal interfaces
 * beyond the shared contract in lu.h: the address-space reservation, safe
 * code fetch, the ELF loader, the initial stack, host signal handling and
 * the cpu loop's set-up. main.c wires them together; unit tests call them
 * one by one.
 */
#ifndef MORPH_LU_RUNTIME_H
#define MORPH_LU_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "linux-user/lu.h"

/* ---- address space (mmap.c) ------------------------------------------- */

enum {
    LU_PAGE_SIZE = 4096,
    LU_PAGE_BITS = 12,
};
#define LU_PAGE_MASK ((uint64_t)LU_PAGE_SIZE - 1)
#define LU_PAGE_DOWN(a) ((uint64_t)(a) & ~LU_PAGE_MASK)
#define LU_PAGE_UP(a) (((uint64_t)(a) + LU_PAGE_MASK) & ~LU_PAGE_MASK)

/* Bytes past the end of the guest space that stay reserved (PROT_NONE), so
 * an access that straddles the top of a 32-bit space faults cleanly. */
#define LU_SPACE_GUARD ((uint64_t)64 << 10)

/* The 32-bit layout: stack just under a guard page at the top. */
#define LU_STACK_TOP32 0xfffff000ull
#define LU_STACK_SIZE ((uint64_t)8 << 20)
#define LU_MMAP_BASE32 0x40000000ull
#define LU_MMAP_MIN 0x10000ull     /* mmap without a hint never goes below */

/* Reserve `size` bytes of guest space (plus the guard) and the page table.
 * False (errno set) if the host refuses. */
bool lu_space_init(uint64_t size);
/* Release everything lu_space_init made (unit tests). */
void lu_space_free(void);
/* Page protection as recorded: PROT_* | LU_PAGE_MAPPED, 0 if unmapped. */
int lu_page_prot(uint64_t addr);
/* True if every page of [addr, addr+len) is unmapped (and inside the space). */
bool lu_range_free(uint64_t addr, uint64_t len);
/* The page table's lock, held across fork() so the child does not
 * inherit it taken by a thread it lacks (order: before the thread list,
 * the engine's locks and lu_code_lock). */
void lu_space_lock(void);
void lu_space_unlock(void);
/* Lowest free, page-aligned range of len bytes at or above `from`, below
 * `limit`; 0 if none. */
uint64_t lu_find_free(uint64_t len, uint64_t from, uint64_t limit);
/* Host protection of a guest page with guest protection `prot` (before
 * self-modifying-code protection): the host never executes guest pages. */
int lu_host_prot(int prot);

/* The engine's GuestFetchFn: copies guest code, false if any byte is on a
 * page that is not mapped readable or executable. Never faults. */
bool lu_fetch_code(CpuCommon *cpu, uint64_t addr, void *buf, size_t len);

/* ---- self-modifying code (smc.c) -------------------------------------- */

/* The engine's code_added hook: blocks now have code in [start,
 * start+len); its pages lose host write permission until they are
 * unprotected. */
void lu_code_added(CpuCommon *cpu, uint64_t start, uint64_t len);
/* The guest code of [addr, addr+len) is about to change (a syscall writes
 * there, a mapping is replaced, removed or reprotected): drop the blocks on
 * its pages and give them their guest protection back on the host. */
void lu_code_unprotect(uint64_t addr, uint64_t len);
/* A host write fault at guest address addr: if blocks have code on its
 * page and the guest may write it, unprotect the page and return true
 * (the write can be done again); false for a real guest fault. */
bool lu_code_write_fault(uint64_t addr);
/* smc.c's lock, held across fork() (taken last: it nests in the
 * engine's lock). */
void lu_code_lock(void);
void lu_code_unlock(void);
/* True while blocks have code on the page of addr (tests). */
bool lu_code_page_marked(uint64_t addr);
/* Forget every page (lu_space_free). */
void lu_code_pages_free(void);

/* ---- ELF loader (elfload.c) ------------------------------------------- */

/* One program header, widened to 64 bits and in host byte order. */
typedef struct LuPhdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, filesz, memsz, align;
} LuPhdr;

/* A validated ELF file: header fields in host order, program headers. */
typedef struct LuElf {
    char *path;          /* as opened, for messages */
    int fd;
    uint64_t file_size;
    bool is64, big_endian;
    unsigned machine, type;
    uint64_t entry, phoff;
    unsigned phnum, phentsize;
    LuPhdr *ph;          /* g_malloc'ed, phnum entries */
    char *interp;        /* PT_INTERP path, NULL if none */
} LuElf;

/* Exit statuses of a failed start, as a shell reports a failed exec. */
enum { LU_EXIT_NOEXEC = 126, LU_EXIT_NOTFOUND = 127 };

/* Open and validate `path`. Returns 0, or an exit status with one line
 * (without "morph: ") in err. */
int lu_elf_open(const char *path, LuElf *elf, char *err, size_t errlen);
void lu_elf_close(LuElf *elf);
/* Human name of an ELF machine number, NULL if unknown. */
const char *lu_elf_machine_name(unsigned machine);
/* Map the program (and its interpreter under sysroot) into the space set up
 * by lu_space_init; fills *img and lu_proc's brk. 0 or an exit status. */
int lu_elf_load(LuElf *elf, const char *sysroot, LuImage *img, char *err, size_t errlen);

/* ---- initial stack (stack.c) ------------------------------------------ */

/* The top of the initial stack (a guard page above it): LU_STACK_TOP32 in
 * a 32-bit space, the space's last page otherwise. */
uint64_t lu_stack_top(void);

/* Map the stack and write argc/argv/envp/auxv and their strings as Linux
 * does for a new process. Returns the guest sp (pointing at argc), or 0
 * with err set if it does not fit. */
uint64_t lu_stack_build(const LinuxAbi *abi, const LuImage *img, int argc, char **argv,
                        char **envp, const char *execfn, char *err, size_t errlen);

/* ---- host signals (signal.c) ------------------------------------------ */

/* The guest cpu this host thread runs (NULL outside guest threads). */
extern __thread CpuCommon *lu_thread_cpu;
/* The host signal (SIGSEGV or SIGBUS) behind this thread's last EXIT_FAULT
 * from the fault handler; 0 when the fault came from elsewhere (a code
 * fetch the frontend refused). The cpu loop reads and clears it. */
extern __thread int lu_thread_fault_signal;

/* Install the SIGSEGV/SIGBUS handlers (once) and this thread's alt stack. */
void lu_signal_init(void);
void lu_signal_thread_init(void); /* alt stack for a new host thread */
/* "Illegal instruction" ... for guest signal numbers (host numbering). */
const char *lu_signal_name(int sig);

/* ---- cpu loop (cpu_loop.c) -------------------------------------------- */

/* A fresh cpu for lu_proc's guest, registers as at process start, attached
 * to lu_proc.engine. */
CpuCommon *lu_cpu_create(uint64_t sp);
/* A signal sent to the guest process (kill, tgkill, abort) that nothing
 * handles: one "uncaught guest signal" line, then die by it. */
_Noreturn void lu_signal_uncaught(CpuCommon *cpu, int sig);
void lu_print_stats(void); /* -d stats: the engine's counters, when asked for */

#endif
