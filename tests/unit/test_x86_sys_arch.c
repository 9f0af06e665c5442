/* tests/unit/test_x86_sys_arch.c — the x86 privileged architecture of
 * system mode (frontend/x86/sys_mmu.c, sys_excp.c, sys_seg.c) called
 * directly on a cpu over 1 MiB of RAM: page walks in every paging mode
 * over hand-built tables (addresses, A/D bits, fault error codes), event
 * delivery in real, protected and long mode (the frames pushed, the
 * stacks switched to, CS:rIP), iret back, double faults and shutdown,
 * segment loads and their faults, syscall/sysret and sysenter/sysexit.
 * Expected values come from the Intel SDM (volume 3 for the chapters
 * named at each test; volume 2 for the instructions), never from morph.
 */
#include <setjmp.h>
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "frontend/x86/sys.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"

enum { RAM_SIZE = 0x100000 };

/* Page table entry bits (SDM §4.3, §4.4, §4.5). */
enum { P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80 };
#define XD (1ull << 63)
/* #PF error code bits (SDM §4.7). */
enum { PF_P = 1, PF_W = 2, PF_U = 4, PF_RSVD = 8, PF_ID = 16 };

/* Descriptor access bytes (SDM §3.4.5, §6.11): P, DPL, S, type. */
enum {
    KCODE = 0x9a, KDATA = 0x92, UCODE = 0xfa, UDATA = 0xf2, TSS_AVAIL = 0x89,
    INT_GATE = 0x8e, TRAP_GATE = 0x8f,
};
enum { GRAN_32 = 0xc, GRAN_64 = 0xa }; /* G and D, G and L */

/* The test's GDT (at GDT_BASE): selectors. */
enum { SEL_KCODE = 0x08, SEL_KDATA = 0x10, SEL_UCODE = 0x1b, SEL_UDATA = 0x23, SEL_TSS = 0x28,
       SEL_ABSENT = 0x30, SEL_KCODE64 = 0x38, SEL_CALL_GATE = 0x43 };
enum { GDT_BASE = 0x500, IDT_BASE = 0x7000, TSS_BASE = 0x6000 };

typedef struct Fixture {
    AddressSpace *as;
    X86Cpu *cpu;
    unsigned resets;
} Fixture;

static Fixture *fixture(void)
{
    Fixture *f = g_new0(Fixture, 1);
    f->as = as_new();
    as_add_ram(f->as, "ram", 0, RAM_SIZE);
    f->cpu = g_malloc0(x86_pc_guest.cpu_size);
    CpuCommon *c = &f->cpu->common;
    c->arch = &x86_pc_guest;
    c->owner = f;
    x86_pc_guest.cpu_init(c);
    x86_pc_guest.sys->reset(c);
    tlb_init(c, f->as);
    return f;
}

static void fixture_free(Fixture *f)
{
    tlb_destroy(&f->cpu->common);
    g_free(f->cpu);
    as_free(f->as);
    g_free(f);
}

static uint8_t *ram(Fixture *f, uint64_t paddr) { return as_host_ptr(f->as, paddr, 1); }
static void put32(Fixture *f, uint64_t a, uint32_t v) { memcpy(ram(f, a), &v, 4); }
static void put64(Fixture *f, uint64_t a, uint64_t v) { memcpy(ram(f, a), &v, 8); }
static void put16(Fixture *f, uint64_t a, uint16_t v) { memcpy(ram(f, a), &v, 2); }
static uint32_t get32(Fixture *f, uint64_t a) { uint32_t v; memcpy(&v, ram(f, a), 4); return v; }
static uint64_t get64(Fixture *f, uint64_t a) { uint64_t v; memcpy(&v, ram(f, a), 8); return v; }
static uint16_t get16(Fixture *f, uint64_t a) { uint16_t v; memcpy(&v, ram(f, a), 2); return v; }

static uint64_t seg_desc(uint32_t base, uint32_t limit, unsigned access, unsigned gran)
{
    return (limit & 0xffff) | (uint64_t)(base & 0xffffff) << 16 | (uint64_t)access << 40 |
           (uint64_t)((limit >> 16) & 0xf) << 48 | (uint64_t)gran << 52 | (uint64_t)(base >> 24) << 56;
}

static uint64_t gate_desc(uint16_t sel, uint32_t offset, unsigned access, unsigned ist)
{
    return (offset & 0xffff) | (uint64_t)sel << 16 | (uint64_t)ist << 32 | (uint64_t)access << 40 |
           (uint64_t)(offset >> 16) << 48;
}

static int fill(Fixture *f, uint64_t vaddr, MemAccess access, unsigned idx, TlbFill *out)
{
    return x86_sys_tlb_fill(&f->cpu->common, vaddr, access, idx, out);
}

/* ---- paging ----------------------------------------------------------------- */

/* §4.1: paging off, linear = physical; with A20 masked, bit 20 clears. */
static void test_paging_off_a20(void)
{
    Fixture *f = fixture();
    TlbFill t;
    g_assert_cmpint(fill(f, 0x123456, MEM_WRITE, X86_MMU_USER, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x123456);
    g_assert_cmpuint(t.prot, ==, TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC);
    x86_sys_set_a20(&f->cpu->common, false);
    g_assert_cmpint(fill(f, 0x10fff0, MEM_READ, X86_MMU_KERNEL, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x0fff0);
    fixture_free(f);
}

/* §4.3: 32-bit paging. PD at 0x1000, PT at 0x2000; 0x00400000 -> 0x5000
 * (user, writable), 0x00401000 -> 0x6000 (supervisor, read-only); a
 * 4 MiB page at 0x00800000 -> 0x00c00000 with CR4.PSE. */
static void test_paging_32bit(void)
{
    Fixture *f = fixture();
    X86Sys *s = &f->cpu->sys;
    put32(f, 0x1000 + 1 * 4, 0x2000 | P | RW | US);
    put32(f, 0x2000 + 0 * 4, 0x5000 | P | RW | US);
    put32(f, 0x2000 + 1 * 4, 0x6000 | P);
    put32(f, 0x1000 + 2 * 4, 0x00c00000 | P | RW | PS);
    s->cr3 = 0x1000;
    s->cr4 = X86_CR4_PSE;
    s->cr0 |= X86_CR0_PE | X86_CR0_PG;

    TlbFill t;
    g_assert_cmpint(fill(f, 0x00400123, MEM_READ, X86_MMU_USER, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x5123);
    g_assert_cmpuint(t.page_size, ==, 4096);
    /* a read sets A in both entries, not D; the clean page is not writable yet */
    g_assert_cmphex(get32(f, 0x1004), ==, 0x2000 | P | RW | US | A);
    g_assert_cmphex(get32(f, 0x2000), ==, 0x5000 | P | RW | US | A);
    g_assert_cmpuint(t.prot & TLB_PROT_WRITE, ==, 0);
    g_assert_cmpint(fill(f, 0x00400123, MEM_WRITE, X86_MMU_USER, &t), ==, 0);
    g_assert_cmphex(get32(f, 0x2000), ==, 0x5000 | P | RW | US | A | D);
    g_assert_cmphex(get32(f, 0x1004), ==, 0x2000 | P | RW | US | A); /* D only in the page's entry */
    g_assert_true(t.prot & TLB_PROT_WRITE);

    /* U/S: a user read of a supervisor page: P|U; a user write: P|W|U */
    g_assert_cmpint(fill(f, 0x00401000, MEM_READ, X86_MMU_USER, &t), ==, X86_FAULT_PF | PF_P | PF_U);
    g_assert_cmpint(fill(f, 0x00401000, MEM_WRITE, X86_MMU_USER, &t), ==,
                    X86_FAULT_PF | PF_P | PF_W | PF_U);
    /* a supervisor write to a read-only page: allowed unless CR0.WP */
    g_assert_cmpint(fill(f, 0x00401000, MEM_WRITE, X86_MMU_KERNEL, &t), ==, 0);
    s->cr0 |= X86_CR0_WP;
    g_assert_cmpint(fill(f, 0x00401000, MEM_WRITE, X86_MMU_KERNEL, &t), ==, X86_FAULT_PF | PF_P | PF_W);
    /* not present: no P; 32-bit paging has no I/D bit */
    g_assert_cmpint(fill(f, 0x00402000, MEM_WRITE, X86_MMU_USER, &t), ==, X86_FAULT_PF | PF_W | PF_U);
    g_assert_cmpint(fill(f, 0x01000000, MEM_FETCH, X86_MMU_KERNEL, &t), ==, X86_FAULT_PF);

    /* the 4 MiB page */
    g_assert_cmpint(fill(f, 0x00812345, MEM_READ, X86_MMU_KERNEL, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x00c12345);
    g_assert_cmpuint(t.page_size, ==, 4u << 20);
    fixture_free(f);
}

/* §4.4: PAE. PDPT at 0x1000 (CR3), PD at 0x2000, PT at 0x3000:
 * 0x40000000 (PDPTE 1) -> PD; PDE 0 -> PT; PTE 0 -> 0x7000 with XD;
 * PDE 1 a 2 MiB page at 0x00200000. */
static void test_paging_pae_nx(void)
{
    Fixture *f = fixture();
    X86Sys *s = &f->cpu->sys;
    put64(f, 0x1000 + 1 * 8, 0x2000 | P);
    put64(f, 0x2000 + 0 * 8, 0x3000 | P | RW);
    put64(f, 0x3000 + 0 * 8, 0x7000 | P | RW | XD);
    put64(f, 0x2000 + 1 * 8, 0x00200000 | P | RW | PS);
    s->cr3 = 0x1000;
    s->cr4 = X86_CR4_PAE;
    s->cr0 |= X86_CR0_PE | X86_CR0_PG;

    TlbFill t;
    /* XD with EFER.NXE clear is a reserved bit: P|RSVD */
    g_assert_cmpint(fill(f, 0x40000010, MEM_READ, X86_MMU_KERNEL, &t), ==, X86_FAULT_PF | PF_P | PF_RSVD);
    s->efer |= X86_EFER_NXE;
    g_assert_cmpint(fill(f, 0x40000010, MEM_READ, X86_MMU_KERNEL, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x7010);
    g_assert_cmpuint(t.prot & TLB_PROT_EXEC, ==, 0);
    /* a fetch from the XD page: P|I/D */
    g_assert_cmpint(fill(f, 0x40000010, MEM_FETCH, X86_MMU_KERNEL, &t), ==, X86_FAULT_PF | PF_P | PF_ID);
    /* the 2 MiB page */
    g_assert_cmpint(fill(f, 0x40234567, MEM_FETCH, X86_MMU_KERNEL, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x00234567);
    g_assert_cmpuint(t.page_size, ==, 2u << 20);
    g_assert_true(t.prot & TLB_PROT_EXEC);
    /* PDPTE 0 not present; a fetch there names I/D too */
    g_assert_cmpint(fill(f, 0x00001000, MEM_FETCH, X86_MMU_KERNEL, &t), ==, X86_FAULT_PF | PF_ID);
    fixture_free(f);
}

/* §4.5: 4-level paging: PML4 0x1000, PDPT 0x2000; PDPTE 1 maps the
 * 1 GiB page at 0x40000000 to physical 0; PDPTE 0 -> PD 0x3000 -> PT
 * 0x4000 -> 0x9000. */
static void test_paging_4level(void)
{
    Fixture *f = fixture();
    X86Sys *s = &f->cpu->sys;
    put64(f, 0x1000 + 0 * 8, 0x2000 | P | RW | US);
    put64(f, 0x1000 + 511 * 8, 0x2000 | P | RW);
    put64(f, 0x2000 + 1 * 8, 0x00000000 | P | RW | US | PS);
    put64(f, 0x2000 + 0 * 8, 0x3000 | P | RW | US);
    put64(f, 0x3000 + 0 * 8, 0x4000 | P | RW | US);
    put64(f, 0x4000 + 5 * 8, 0x9000 | P | US);
    put64(f, 0x3000 + 1 * 8, 0x4000 | P | RW | US | (1ull << 45)); /* bit 45 >= MAXPHYADDR 40 */
    s->cr3 = 0x1000;
    s->cr4 = X86_CR4_PAE;
    s->efer = X86_EFER_LME | X86_EFER_LMA;
    s->cr0 |= X86_CR0_PE | X86_CR0_PG;

    TlbFill t;
    g_assert_cmpint(fill(f, 0x5abc, MEM_READ, X86_MMU_USER, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x9abc);
    g_assert_cmphex(get64(f, 0x1000), ==, 0x2000 | P | RW | US | A);
    g_assert_cmphex(get64(f, 0x4000 + 5 * 8), ==, 0x9000 | P | US | A);
    g_assert_cmpint(fill(f, 0x5abc, MEM_WRITE, X86_MMU_USER, &t), ==, X86_FAULT_PF | PF_P | PF_W | PF_U);
    /* the 1 GiB page */
    g_assert_cmpint(fill(f, 0x40012345, MEM_READ, X86_MMU_USER, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x12345);
    g_assert_cmpuint(t.page_size, ==, 1u << 30);
    /* the top half through PML4E 511, supervisor only */
    g_assert_cmpint(fill(f, 0xffffff8040012345ull, MEM_READ, X86_MMU_KERNEL, &t), ==, 0);
    g_assert_cmphex(t.paddr, ==, 0x12345);
    g_assert_cmpint(fill(f, 0xffffff8040012345ull, MEM_READ, X86_MMU_USER, &t), ==,
                    X86_FAULT_PF | PF_P | PF_U);
    /* a reserved physical address bit in a PDE */
    g_assert_cmpint(fill(f, 0x200000, MEM_READ, X86_MMU_KERNEL, &t), ==, X86_FAULT_PF | PF_P | PF_RSVD);
    /* not canonical: #GP, not #PF (§3.3.7.1) */
    g_assert_cmpint(fill(f, 0x0000800000000000ull, MEM_READ, X86_MMU_KERNEL, &t), ==, X86_FAULT_GP);
    fixture_free(f);
}

/* ---- protected-mode scaffolding -------------------------------------------------- */

/* GDT: flat 32-bit kernel/user code and data, a 32-bit TSS, a data
 * segment not present, 64-bit kernel code, a 32-bit call gate for CPL 3
 * to kernel code at 0x2000 copying 2 parameters. TSS: SS0:ESP0 =
 * 0x10:0x9000. */
static void build_gdt(Fixture *f)
{
    X86Sys *s = &f->cpu->sys;
    put64(f, GDT_BASE + SEL_KCODE, seg_desc(0, 0xfffff, KCODE, GRAN_32));
    put64(f, GDT_BASE + SEL_KDATA, seg_desc(0, 0xfffff, KDATA, GRAN_32));
    put64(f, GDT_BASE + (SEL_UCODE & ~3), seg_desc(0, 0xfffff, UCODE, GRAN_32));
    put64(f, GDT_BASE + (SEL_UDATA & ~3), seg_desc(0, 0xfffff, UDATA, GRAN_32));
    put64(f, GDT_BASE + SEL_TSS, seg_desc(TSS_BASE, 0x67, TSS_AVAIL, 0));
    put64(f, GDT_BASE + SEL_ABSENT, seg_desc(0, 0xfffff, KDATA & ~0x80, GRAN_32));
    put64(f, GDT_BASE + SEL_KCODE64, seg_desc(0, 0xfffff, KCODE, GRAN_64));
    put64(f, GDT_BASE + (SEL_CALL_GATE & ~3), gate_desc(SEL_KCODE, 0x2000, 0xec, 2)); /* P, DPL 3, type 12 */
    s->gdtr = (X86DescTable){GDT_BASE, 0x47};
    s->idtr = (X86DescTable){IDT_BASE, 0x7ff};
    s->tr = (X86SysSeg){SEL_TSS, TSS_BASE, 0x67, 0x8b};
    put32(f, TSS_BASE + 4, 0x9000);
    put16(f, TSS_BASE + 8, SEL_KDATA);
}

/* Segment register seg as loading sel with the descriptor in the GDT does. */
static void set_seg(Fixture *f, int seg, uint16_t sel)
{
    uint64_t d = get64(f, GDT_BASE + (sel & ~7u));
    x86_sys_set_seg(f->cpu, seg, sel, x86_desc_base(d), x86_desc_limit(d), x86_desc_flags(d));
}

/* Protected mode at CPL `cpl`, flat segments, paging off. */
static void enter_protected(Fixture *f, unsigned cpl)
{
    build_gdt(f);
    f->cpu->sys.cr0 |= X86_CR0_PE;
    uint16_t code = cpl ? SEL_UCODE : SEL_KCODE, data = cpl ? SEL_UDATA : SEL_KDATA;
    set_seg(f, X86_CS, code);
    for (int seg = 0; seg < X86_NSEGS; seg++)
        if (seg != X86_CS)
            set_seg(f, seg, data);
    x86_sys_update_tb_flags(f->cpu);
}

/* Run fn under cpu_loop_exit's landing: the reason it left with, or 0. */
static int try_call(Fixture *f, void (*fn)(Fixture *, const void *), const void *arg)
{
    int jumped = sigsetjmp(f->cpu->common.loop_exit, 0);
    if (jumped)
        return jumped;
    fn(f, arg);
    return 0;
}

/* ---- delivery ----------------------------------------------------------------------- */

/* §20.1.4 (real-address mode interrupt handling): FLAGS, CS, IP pushed;
 * IF, TF, AC cleared; CS:IP from the IVT entry 4 * vector. */
static void test_deliver_real(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    put16(f, 0x10 * 4, 0x5678);
    put16(f, 0x10 * 4 + 2, 0x1234);
    cpu->seg_sel[X86_CS] = 0x2000;
    cpu->seg_base[X86_CS] = 0x20000;
    cpu->seg_sel[X86_SS] = 0x3000;
    cpu->seg_base[X86_SS] = 0x30000;
    cpu->regs[X86_RSP] = 0x1000;
    x86_put_eflags(cpu, X86_IF | X86_TF | X86_CF, X86_IF | X86_TF | X86_CF);
    cpu->common.pc = 0x20100;
    x86_sys_deliver(cpu, 0x10, X86_EV_SOFT_INT, false, 0, 0x20102);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x0ffa);
    g_assert_cmphex(get16(f, 0x30ffa), ==, 0x0102);                    /* IP after int */
    g_assert_cmphex(get16(f, 0x30ffc), ==, 0x2000);                    /* CS */
    g_assert_cmphex(get16(f, 0x30ffe), ==, X86_IF | X86_TF | X86_CF | 2); /* FLAGS */
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, 0x1234);
    g_assert_cmphex(cpu->common.pc, ==, 0x12340 + 0x5678);
    g_assert_cmphex(x86_get_eflags(cpu) & (X86_IF | X86_TF | X86_CF), ==, X86_CF);

    /* iret: the three words back */
    x86_sys_iret(cpu, 2);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x1000);
    g_assert_cmphex(cpu->seg_base[X86_CS], ==, 0x20000);
    g_assert_cmphex(cpu->common.pc, ==, 0x20102);
    g_assert_cmphex(x86_get_eflags(cpu) & (X86_IF | X86_TF | X86_CF), ==, X86_IF | X86_TF | X86_CF);
    fixture_free(f);
}

/* §6.12.1: a #PF at CPL 3 through a 32-bit interrupt gate to CPL 0: the
 * stack from the TSS (SS0:ESP0), frame SS, ESP, EFLAGS, CS, EIP, error
 * code; IF cleared. Then iret (after the handler pops the error code)
 * back to CPL 3, a DPL-0 data segment in DS nulled (vol. 2 "IRET"). */
static void test_deliver_protected_privilege_change(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 3);
    put64(f, IDT_BASE + 14 * 8, gate_desc(SEL_KCODE, 0x00401000, INT_GATE, 0));
    cpu->regs[X86_RSP] = 0x8000;
    x86_put_eflags(cpu, X86_IF | X86_ZF, X86_IF | X86_ZF);
    x86_sys_set_ip(cpu, 0x1000);
    x86_sys_deliver(cpu, X86_EXC_PF, X86_EV_EXCEPTION, true, PF_W | PF_U, 0x1003);

    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x9000 - 24);
    g_assert_cmphex(get32(f, 0x9000 - 4), ==, SEL_UDATA);     /* SS */
    g_assert_cmphex(get32(f, 0x9000 - 8), ==, 0x8000);        /* ESP */
    g_assert_cmphex(get32(f, 0x9000 - 12), ==, X86_IF | X86_ZF | 2); /* EFLAGS */
    g_assert_cmphex(get32(f, 0x9000 - 16), ==, SEL_UCODE);    /* CS */
    g_assert_cmphex(get32(f, 0x9000 - 20), ==, 0x1000);       /* EIP: the faulting insn */
    g_assert_cmphex(get32(f, 0x9000 - 24), ==, PF_W | PF_U);  /* error code */
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, SEL_KCODE);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, SEL_KDATA);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 0);
    g_assert_cmphex(cpu->common.pc, ==, 0x00401000);
    g_assert_cmpuint(x86_get_eflags(cpu) & X86_IF, ==, 0);
    g_assert_cmpuint((cpu->common.tb_flags & X86_TBF_CPL) >> X86_TBF_CPL_SHIFT, ==, 0);

    cpu->regs[X86_RSP] += 4;
    set_seg(f, X86_DS, SEL_KDATA);
    x86_sys_iret(cpu, 4);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8000);
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, SEL_UCODE);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, SEL_UDATA);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 3);
    g_assert_cmphex(cpu->common.pc, ==, 0x1000);
    g_assert_cmphex(x86_get_eflags(cpu) & (X86_IF | X86_ZF), ==, X86_IF | X86_ZF);
    g_assert_cmphex(cpu->seg_sel[X86_DS], ==, 0);
    g_assert_cmphex(cpu->seg_sel[X86_ES], ==, SEL_UDATA);
    fixture_free(f);
}

/* int n with a gate of DPL 0 from CPL 3: #GP(vector * 8 + 2) (§6.12.1.1),
 * here delivered through the #GP gate at the same privilege as the
 * handler: a trap gate keeps IF. */
static void test_deliver_soft_int_dpl(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 3);
    put64(f, IDT_BASE + 0x40 * 8, gate_desc(SEL_KCODE, 0x2000, INT_GATE, 0));
    put64(f, IDT_BASE + 13 * 8, gate_desc(SEL_KCODE, 0x3000, TRAP_GATE, 0));
    cpu->regs[X86_RSP] = 0x8000;
    x86_put_eflags(cpu, X86_IF, X86_IF);
    x86_sys_set_ip(cpu, 0x1000);
    x86_sys_deliver(cpu, 0x40, X86_EV_SOFT_INT, false, 0, 0x1002);
    g_assert_cmphex(cpu->common.pc, ==, 0x3000);
    g_assert_cmphex(get32(f, 0x9000 - 24), ==, 0x40 * 8 + 2);  /* error code: IDT, not EXT */
    g_assert_cmphex(get32(f, 0x9000 - 20), ==, 0x1000);        /* the int instruction */
    g_assert_true(x86_get_eflags(cpu) & X86_IF);
    fixture_free(f);
}

/* Table 6-5: #GP whose gate is not present raises #NP(13 * 8 + 2 + EXT),
 * contributory after contributory: #DF with error code 0. With the #DF
 * gate absent too: shutdown, the board's reset. */
static void count_reset(void *owner) { ((Fixture *)owner)->resets++; }

static void test_double_and_triple_fault(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 0);
    cpu->sys.board.reset_request = count_reset;
    put64(f, IDT_BASE + 13 * 8, gate_desc(SEL_KCODE, 0x3000, INT_GATE & ~0x80, 0));
    put64(f, IDT_BASE + 8 * 8, gate_desc(SEL_KCODE, 0x4000, INT_GATE, 0));
    cpu->regs[X86_RSP] = 0x8000;
    x86_sys_set_ip(cpu, 0x1000);
    x86_sys_deliver(cpu, X86_EXC_GP, X86_EV_EXCEPTION, true, 0, 0x1002);
    g_assert_cmphex(cpu->common.pc, ==, 0x4000);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8000 - 16);
    g_assert_cmphex(get32(f, 0x8000 - 16), ==, 0);       /* #DF's error code */
    g_assert_cmphex(get32(f, 0x8000 - 12), ==, 0x1000);  /* EIP */
    g_assert_cmpuint(f->resets, ==, 0);

    put64(f, IDT_BASE + 8 * 8, 0);
    x86_sys_set_ip(cpu, 0x1000);
    cpu->regs[X86_RSP] = 0x8000;
    x86_sys_deliver(cpu, X86_EXC_GP, X86_EV_EXCEPTION, true, 0, 0x1002);
    g_assert_cmpuint(f->resets, ==, 1);
    g_assert_cmphex(cpu->common.pc, ==, 0x1000); /* nothing delivered */
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8000);
    fixture_free(f);
}

/* A #GP whose frame cannot be pushed (the stack page is not present):
 * the #PF that raises is delivered next (contributory then page fault:
 * serially, table 6-5), faults the same way (page fault then page
 * fault: #DF), and so does the #DF: shutdown. CR2 holds the address. */
static void test_fault_pushing_frame(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 0);
    cpu->sys.board.reset_request = count_reset;
    put32(f, 0x1000, 0x2000 | P | RW);
    for (uint32_t page = 0; page < 0x80; page++)
        if (page != 8)
            put32(f, 0x2000 + page * 4, page << 12 | P | RW);
    cpu->sys.cr3 = 0x1000;
    cpu->sys.cr0 |= X86_CR0_PG;
    for (unsigned v = 0; v < 32; v++)
        put64(f, IDT_BASE + v * 8, gate_desc(SEL_KCODE, 0x3000, INT_GATE, 0));
    cpu->regs[X86_RSP] = 0x8800;
    x86_sys_set_ip(cpu, 0x1000);
    x86_sys_deliver(cpu, X86_EXC_GP, X86_EV_EXCEPTION, true, 0, 0x1002);
    g_assert_cmpuint(f->resets, ==, 1);
    g_assert_cmphex(cpu->sys.cr2, ==, 0x87fc);
    g_assert_cmphex(cpu->common.pc, ==, 0x1000);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8800);

    /* with the page present, the #GP frame lands there */
    put32(f, 0x2000 + 8 * 4, 0x8000 | P | RW);
    tlb_flush(&cpu->common);
    x86_sys_deliver(cpu, X86_EXC_GP, X86_EV_EXCEPTION, true, 0x18, 0x1002);
    g_assert_cmphex(cpu->common.pc, ==, 0x3000);
    g_assert_cmphex(get32(f, 0x8800 - 16), ==, 0x18);
    g_assert_cmpuint(f->resets, ==, 1);
    fixture_free(f);
}

/* A #PF reported by the softmmu (EXIT_FAULT with the walk's code):
 * raise() sets CR2 and delivers vector 14 with the error code. */
static void test_raise_page_fault(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 0);
    put64(f, IDT_BASE + 14 * 8, gate_desc(SEL_KCODE, 0x5000, INT_GATE, 0));
    cpu->regs[X86_RSP] = 0x8000;
    x86_sys_set_ip(cpu, 0x1234);
    cpu->common.exception_code = X86_FAULT_PF | PF_P | PF_W;
    cpu->common.exception_addr = 0xdeadb000;
    x86_sys_raise(&cpu->common, EXIT_FAULT);
    g_assert_cmphex(cpu->sys.cr2, ==, 0xdeadb000);
    g_assert_cmphex(cpu->common.pc, ==, 0x5000);
    g_assert_cmphex(get32(f, 0x8000 - 16), ==, PF_P | PF_W);
    g_assert_cmphex(get32(f, 0x8000 - 12), ==, 0x1234);
    fixture_free(f);
}

/* §6.14: long mode. A 16-byte gate with IST 1: RSP from the TSS's IST1
 * (0xa008, aligned down to 16), the frame SS, RSP, RFLAGS, CS, RIP always
 * 8 bytes each; iretq back pops SS:RSP too. Identity-mapped 1 GiB page. */
static void test_deliver_long_ist(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    X86Sys *s = &cpu->sys;
    build_gdt(f);
    put64(f, 0x1000, 0x2000 | P | RW);
    put64(f, 0x2000, 0 | P | RW | PS);
    s->cr3 = 0x1000;
    s->cr4 = X86_CR4_PAE;
    s->efer = X86_EFER_LME | X86_EFER_LMA;
    s->cr0 |= X86_CR0_PE | X86_CR0_PG;
    set_seg(f, X86_CS, SEL_KCODE64);
    set_seg(f, X86_SS, SEL_KDATA);
    x86_sys_update_tb_flags(cpu);
    g_assert_true(cpu->common.tb_flags & X86_TBF_LONG);
    put64(f, TSS_BASE + 0x24, 0xa008); /* IST1 */
    put64(f, IDT_BASE + 2 * 16, gate_desc(SEL_KCODE64, 0x6000, INT_GATE, 1));
    put64(f, IDT_BASE + 2 * 16 + 8, 0);
    cpu->regs[X86_RSP] = 0x8000;
    x86_put_eflags(cpu, X86_IF, X86_IF);
    cpu->common.pc = 0x1500;
    cpu->sys.nmi_pending = true;
    g_assert_true(x86_sys_interrupt(&cpu->common));
    g_assert_true(cpu->sys.nmi_blocked);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0xa000 - 40);
    g_assert_cmphex(get64(f, 0xa000 - 8), ==, SEL_KDATA);    /* SS */
    g_assert_cmphex(get64(f, 0xa000 - 16), ==, 0x8000);      /* RSP */
    g_assert_cmphex(get64(f, 0xa000 - 24), ==, X86_IF | 2);  /* RFLAGS */
    g_assert_cmphex(get64(f, 0xa000 - 32), ==, SEL_KCODE64); /* CS */
    g_assert_cmphex(get64(f, 0xa000 - 40), ==, 0x1500);      /* RIP */
    g_assert_cmphex(cpu->common.pc, ==, 0x6000);
    g_assert_cmpuint(x86_get_eflags(cpu) & X86_IF, ==, 0);

    x86_sys_iret(cpu, 8);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8000);
    g_assert_cmphex(cpu->common.pc, ==, 0x1500);
    g_assert_true(x86_get_eflags(cpu) & X86_IF);
    g_assert_false(cpu->sys.nmi_blocked); /* iret ends NMI blocking (§6.7.1) */
    fixture_free(f);
}

/* External interrupts: INTR with IF=1 asks the PIC for the vector and
 * delivers it (real mode here); with IF=0 nothing; halted until then. */
static int ack_vector_0x20(void *opaque)
{
    (*(int *)opaque)++;
    return 0x20;
}

static void test_intr_line(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    int acks = 0;
    cpu->sys.board.intr_ack = ack_vector_0x20;
    cpu->sys.board.intr_opaque = &acks;
    put16(f, 0x20 * 4, 0x0100);
    put16(f, 0x20 * 4 + 2, 0xf000);
    cpu->regs[X86_RSP] = 0x7000;
    cpu->sys.halted = true;
    x86_sys_set_irq(&cpu->common, X86_IRQ_INTR, 1);
    g_assert_true(cpu->common.exit_request);
    g_assert_true(x86_sys_halted(&cpu->common)); /* IF = 0 */
    g_assert_false(x86_sys_interrupt(&cpu->common));
    g_assert_cmpint(acks, ==, 0);
    x86_put_eflags(cpu, X86_IF, X86_IF);
    g_assert_false(x86_sys_halted(&cpu->common));
    g_assert_true(x86_sys_interrupt(&cpu->common));
    g_assert_cmpint(acks, ==, 1);
    g_assert_false(cpu->sys.halted);
    g_assert_cmphex(cpu->common.pc, ==, 0xf0100);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x7000 - 6);
    fixture_free(f);
}

/* ---- segment loads -------------------------------------------------------------------- */

typedef struct SegLoad {
    int seg;
    uint16_t sel;
} SegLoad;

static void do_load_seg(Fixture *f, const void *arg)
{
    const SegLoad *l = arg;
    x86_sys_load_seg(f->cpu, l->seg, l->sel);
}

/* The exception a load raised, as vector << 16 | error code; -1 if none. */
static int load_fault(Fixture *f, int seg, uint16_t sel)
{
    SegLoad l = {seg, sel};
    f->cpu->sys.pending_exception = -1;
    if (try_call(f, do_load_seg, &l) == 0)
        return -1;
    g_assert_true(f->cpu->sys.pending_has_error);
    return f->cpu->sys.pending_exception << 16 | (int)f->cpu->sys.pending_error_code;
}

/* Vol. 2 "MOV": selector beyond the GDT limit: #GP(selector); data DPL <
 * CPL: #GP(selector); not present: #NP(selector); SS with RPL != CPL or
 * a code segment: #GP(selector); null SS outside 64-bit mode: #GP(0).
 * A successful load sets the descriptor's A bit (§3.4.5.1). */
static void test_load_seg(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 3);
    g_assert_cmpint(load_fault(f, X86_DS, 0x004b), ==, X86_EXC_GP << 16 | 0x48);
    g_assert_cmpint(load_fault(f, X86_DS, SEL_KDATA | 3), ==, X86_EXC_GP << 16 | SEL_KDATA);
    g_assert_cmpint(load_fault(f, X86_SS, SEL_UCODE), ==, X86_EXC_GP << 16 | (SEL_UCODE & ~3));
    g_assert_cmpint(load_fault(f, X86_DS, SEL_TSS | 3), ==, X86_EXC_GP << 16 | SEL_TSS);
    g_assert_cmpint(load_fault(f, X86_ES, 0), ==, -1); /* null into a data segment is fine */
    g_assert_cmphex(cpu->seg_sel[X86_ES], ==, 0);
    g_assert_cmpint(load_fault(f, X86_SS, 3), ==, X86_EXC_GP << 16);

    enter_protected(f, 0);
    g_assert_cmpint(load_fault(f, X86_FS, SEL_ABSENT), ==, X86_EXC_NP << 16 | SEL_ABSENT);
    g_assert_cmpint(load_fault(f, X86_SS, SEL_ABSENT), ==, X86_EXC_SS << 16 | SEL_ABSENT);
    g_assert_cmpint(load_fault(f, X86_DS, SEL_UDATA), ==, -1); /* DPL 3 >= CPL 0 */
    g_assert_cmphex(cpu->seg_sel[X86_DS], ==, SEL_UDATA);
    g_assert_true(get64(f, GDT_BASE + (SEL_UDATA & ~3)) & 1ull << 40);

    /* real mode: base = selector << 4 */
    cpu->sys.cr0 &= ~(uint64_t)X86_CR0_PE;
    g_assert_cmpint(load_fault(f, X86_DS, 0x1234), ==, -1);
    g_assert_cmphex(cpu->seg_base[X86_DS], ==, 0x12340);
    fixture_free(f);
}

/* Far jumps: real mode sets CS = selector, base << 4; protected mode
 * loads a code segment (vol. 2 "JMP"), a DPL-0 non-conforming segment
 * from CPL 3 is #GP(selector). */
typedef struct FarJump {
    uint16_t sel;
    uint64_t offset;
} FarJump;

static void do_ljmp(Fixture *f, const void *arg)
{
    const FarJump *j = arg;
    x86_sys_ljmp(f->cpu, j->sel, j->offset, 0);
}

static void test_ljmp(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    FarJump real = {0xf000, 0xe05b};
    g_assert_cmpint(try_call(f, do_ljmp, &real), ==, 0);
    g_assert_cmphex(cpu->common.pc, ==, 0xfe05b);

    /* the real-mode -> protected-mode switch: CR0.PE, then ljmp 0x08:offset */
    build_gdt(f);
    cpu->sys.cr0 |= X86_CR0_PE;
    FarJump to32 = {SEL_KCODE, 0x100000};
    g_assert_cmpint(try_call(f, do_ljmp, &to32), ==, 0);
    g_assert_cmphex(cpu->common.pc, ==, 0x100000);
    g_assert_true(cpu->common.tb_flags & X86_TBF_CS32);
    g_assert_true(cpu->common.tb_flags & X86_TBF_PE);

    enter_protected(f, 3);
    FarJump denied = {SEL_KCODE, 0x1000};
    cpu->sys.pending_exception = -1;
    g_assert_cmpint(try_call(f, do_ljmp, &denied), ==, EXIT_TRAP);
    g_assert_cmpint(cpu->sys.pending_exception, ==, X86_EXC_GP);
    g_assert_cmphex(cpu->sys.pending_error_code, ==, SEL_KCODE);
    fixture_free(f);
}

/* A far call and return in real mode (16-bit: CS then IP pushed), and at
 * the same level in protected mode (32-bit). */
static void test_lcall_lret(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    cpu->seg_sel[X86_CS] = 0x1000;
    cpu->seg_base[X86_CS] = 0x10000;
    cpu->regs[X86_RSP] = 0x2000;
    x86_sys_lcall(cpu, 0x2000, 0x0030, 2, 0x10105);
    g_assert_cmphex(cpu->common.pc, ==, 0x20030);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x1ffc);
    g_assert_cmphex(get16(f, 0x1ffe), ==, 0x1000);
    g_assert_cmphex(get16(f, 0x1ffc), ==, 0x0105);
    x86_sys_lret(cpu, 2, 0);
    g_assert_cmphex(cpu->common.pc, ==, 0x10105);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x2000);

    enter_protected(f, 0);
    cpu->regs[X86_RSP] = 0x8000;
    x86_sys_set_ip(cpu, 0x1000);
    x86_sys_lcall(cpu, SEL_KCODE, 0x2000, 4, 0x1007);
    g_assert_cmphex(cpu->common.pc, ==, 0x2000);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8000 - 8);
    g_assert_cmphex(get32(f, 0x8000 - 4), ==, SEL_KCODE);
    g_assert_cmphex(get32(f, 0x8000 - 8), ==, 0x1007);
    x86_sys_lret(cpu, 4, 8);
    g_assert_cmphex(cpu->common.pc, ==, 0x1007);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8000 + 8); /* imm16 released */
    fixture_free(f);
}

/* Vol. 2 "CALL" through a call gate to a more privileged segment: the
 * stack from the TSS, then the caller's SS, ESP, the gate's 2 parameters
 * (copied in their order), CS, EIP; "RET" imm16 back to the outer level
 * releases the parameters from both stacks. */
static void test_call_gate_privilege_change(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 3);
    cpu->regs[X86_RSP] = 0x8000;
    put32(f, 0x8000, 0x11111111); /* the last parameter pushed */
    put32(f, 0x8004, 0x22222222);
    x86_sys_set_ip(cpu, 0x1000);
    x86_sys_lcall(cpu, SEL_CALL_GATE, 0, 4, 0x1007);
    g_assert_cmphex(cpu->common.pc, ==, 0x2000);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 0);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, SEL_KDATA);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x9000 - 24);
    g_assert_cmphex(get32(f, 0x9000 - 4), ==, SEL_UDATA);
    g_assert_cmphex(get32(f, 0x9000 - 8), ==, 0x8000);
    g_assert_cmphex(get32(f, 0x9000 - 12), ==, 0x22222222);
    g_assert_cmphex(get32(f, 0x9000 - 16), ==, 0x11111111);
    g_assert_cmphex(get32(f, 0x9000 - 20), ==, SEL_UCODE);
    g_assert_cmphex(get32(f, 0x9000 - 24), ==, 0x1007);

    x86_sys_lret(cpu, 4, 8);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 3);
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, SEL_UCODE);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, SEL_UDATA);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8008);
    g_assert_cmphex(cpu->common.pc, ==, 0x1007);
    fixture_free(f);
}

/* Virtual-8086 mode (§20.2, §20.3.1.1, vol. 2 "IRET"): iret from CPL 0
 * with VM in the popped EFLAGS loads all six segments as selector << 4;
 * an interrupt there goes to CPL 0 through the TSS stack, pushing GS,
 * FS, DS, ES, SS, ESP, EFLAGS, CS, EIP and nulling the data segments. */
static void test_vm86_enter_and_interrupt(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 0);
    static const uint32_t frame[] = {0x0100, 0x2000, X86_VM | X86_IF | 2, 0x0ff0,
                                     0x3000, 0x4000, 0x5000, 0x6000, 0x7000};
    for (unsigned i = 0; i < 9; i++)
        put32(f, 0x8000 + 4 * i, frame[i]);
    cpu->regs[X86_RSP] = 0x8000;
    x86_sys_iret(cpu, 4);
    g_assert_true(cpu->eflags & X86_VM);
    g_assert_true(cpu->common.tb_flags & X86_TBF_VM86);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 3);
    g_assert_cmphex(cpu->common.pc, ==, 0x20100);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x0ff0);
    g_assert_cmphex(cpu->seg_base[X86_SS], ==, 0x30000);
    g_assert_cmphex(cpu->seg_base[X86_DS], ==, 0x50000);
    g_assert_cmphex(cpu->seg_base[X86_GS], ==, 0x70000);

    put64(f, IDT_BASE + 0x21 * 8, gate_desc(SEL_KCODE, 0x3000, INT_GATE, 0));
    x86_sys_deliver(cpu, 0x21, X86_EV_EXTERNAL, false, 0, cpu->common.pc);
    g_assert_false(cpu->eflags & X86_VM);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 0);
    g_assert_cmphex(cpu->common.pc, ==, 0x3000);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x9000 - 36);
    static const uint32_t pushed[] = {0x0100, 0x2000, X86_VM | X86_IF | 2, 0x0ff0,
                                      0x3000, 0x4000, 0x5000, 0x6000, 0x7000};
    for (unsigned i = 0; i < 9; i++)
        g_assert_cmphex(get32(f, 0x9000 - 36 + 4 * i), ==, pushed[i]);
    g_assert_cmphex(cpu->seg_sel[X86_DS], ==, 0);
    g_assert_cmphex(cpu->seg_sel[X86_GS], ==, 0);

    x86_sys_iret(cpu, 4); /* and back */
    g_assert_true(cpu->eflags & X86_VM);
    g_assert_cmphex(cpu->common.pc, ==, 0x20100);
    g_assert_cmphex(cpu->seg_base[X86_DS], ==, 0x50000);
    fixture_free(f);
}

/* ---- fast system calls --------------------------------------------------------------- */

/* Vol. 2 "SYSCALL"/"SYSRET" in 64-bit mode, with Linux's STAR layout:
 * kernel CS 0x10 (SS 0x18), user base 0x23 (sysretq: CS 0x33, SS 0x2b). */
static void test_syscall_sysret(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    X86Sys *s = &cpu->sys;
    s->cr0 |= X86_CR0_PE;
    s->efer = X86_EFER_SCE | X86_EFER_LME | X86_EFER_LMA;
    s->star = 0x0023001000000000ull;
    s->lstar = 0xffffffff81000000ull;
    s->sfmask = X86_IF | X86_TF | X86_DF;
    x86_sys_set_seg(cpu, X86_CS, 0x33, 0, 0xffffffff, UCODE | (GRAN_64 << 12));
    x86_sys_set_seg(cpu, X86_SS, 0x2b, 0, 0xffffffff, UDATA | (GRAN_32 << 12));
    x86_sys_update_tb_flags(cpu);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 3);
    x86_put_eflags(cpu, X86_IF | X86_DF | X86_CF, X86_IF | X86_DF | X86_CF);
    cpu->common.pc = 0x401000;
    x86_sys_syscall(cpu, 0x401002);
    g_assert_cmphex(cpu->regs[X86_RCX], ==, 0x401002);
    g_assert_cmphex(cpu->regs[X86_R11], ==, X86_IF | X86_DF | X86_CF | 2);
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, 0x10);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, 0x18);
    g_assert_cmphex(cpu->common.pc, ==, 0xffffffff81000000ull);
    g_assert_cmphex(x86_get_eflags(cpu), ==, X86_CF | 2);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 0);
    g_assert_true(cpu->common.tb_flags & X86_TBF_LONG);

    cpu->regs[X86_R11] = X86_IF | X86_ZF | 2;
    x86_sys_sysret(cpu, 8);
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, 0x33);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, 0x2b);
    g_assert_cmphex(cpu->common.pc, ==, 0x401002);
    g_assert_cmphex(x86_get_eflags(cpu), ==, X86_IF | X86_ZF | 2);
    g_assert_cmpuint(x86_sys_cpl(cpu), ==, 3);
    g_assert_true(cpu->common.tb_flags & X86_TBF_LONG);
    fixture_free(f);
}

/* Vol. 2 "SYSENTER"/"SYSEXIT" (32-bit): CS = SYSENTER_CS, SS = +8;
 * sysexit: CS = +16 | 3, SS = +24 | 3, ESP = ECX, EIP = EDX. */
static void test_sysenter_sysexit(void)
{
    Fixture *f = fixture();
    X86Cpu *cpu = f->cpu;
    enter_protected(f, 3);
    cpu->sys.sysenter_cs = 0x60;
    cpu->sys.sysenter_esp = 0xc0008000;
    cpu->sys.sysenter_eip = 0xc0100000;
    x86_put_eflags(cpu, X86_IF, X86_IF);
    x86_sys_sysenter(cpu);
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, 0x60);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, 0x68);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0xc0008000);
    g_assert_cmphex(cpu->common.pc, ==, 0xc0100000);
    g_assert_cmpuint(x86_get_eflags(cpu) & X86_IF, ==, 0);
    cpu->regs[X86_RCX] = 0xbfff0000;
    cpu->regs[X86_RDX] = 0x08048000;
    x86_sys_sysexit(cpu, 4);
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, 0x73);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, 0x7b);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0xbfff0000);
    g_assert_cmphex(cpu->common.pc, ==, 0x08048000);
    g_assert_true(cpu->common.tb_flags & X86_TBF_CS32);
    fixture_free(f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86_sys/paging/off_a20", test_paging_off_a20);
    g_test_add_func("/x86_sys/paging/32bit", test_paging_32bit);
    g_test_add_func("/x86_sys/paging/pae_nx", test_paging_pae_nx);
    g_test_add_func("/x86_sys/paging/4level", test_paging_4level);
    g_test_add_func("/x86_sys/deliver/real", test_deliver_real);
    g_test_add_func("/x86_sys/deliver/protected_privilege_change", test_deliver_protected_privilege_change);
    g_test_add_func("/x86_sys/deliver/soft_int_dpl", test_deliver_soft_int_dpl);
    g_test_add_func("/x86_sys/deliver/double_triple_fault", test_double_and_triple_fault);
    g_test_add_func("/x86_sys/deliver/fault_pushing_frame", test_fault_pushing_frame);
    g_test_add_func("/x86_sys/deliver/raise_page_fault", test_raise_page_fault);
    g_test_add_func("/x86_sys/deliver/long_ist", test_deliver_long_ist);
    g_test_add_func("/x86_sys/deliver/intr_line", test_intr_line);
    g_test_add_func("/x86_sys/seg/load", test_load_seg);
    g_test_add_func("/x86_sys/seg/ljmp", test_ljmp);
    g_test_add_func("/x86_sys/seg/lcall_lret", test_lcall_lret);
    g_test_add_func("/x86_sys/seg/call_gate_privilege_change", test_call_gate_privilege_change);
    g_test_add_func("/x86_sys/seg/vm86", test_vm86_enter_and_interrupt);
    g_test_add_func("/x86_sys/fast/syscall_sysret", test_syscall_sysret);
    g_test_add_func("/x86_sys/fast/sysenter_sysexit", test_sysenter_sysexit);
    return g_test_run();
}
