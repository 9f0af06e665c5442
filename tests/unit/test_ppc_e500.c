/* tests/unit/test_ppc_e500.c — the e500v2 cpu of system mode
 * (frontend/ppc/booke*.c, e500_*.c): its MMU through the tlbwe/tlbre/
 * tlbsx/tlbivax helpers and the page walk, interrupt entry for every
 * ExitReason, interrupt priority and masking, the decrementer, the
 * fixed-interval timer and the watchdog on a clock the test drives, and
 * privileged instruction sequences translated and run on each backend
 * over a small RAM, and the debug facility (DBCR0-2, DBSR, IAC, DAC and
 * the debug interrupt) on both too. Expected values come from the EREF (Book E
 * Implementation Standards, "EREF") and the e500 core reference manual
 * ("e500CRM"); the section is on each check. The instruction encodings
 * come from powerpc-linux-gnu-as -me500 (the assembly is on the comment
 * above each array).
 */
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "frontend/ppc/e500.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"

/* MAS fields (e500CRM §12.7.1) */
enum {
    MAS0_TLB1 = 1u << 28,
    MAS1_V = 1u << 31, MAS1_IPROT = 1u << 30, MAS1_TS = 1u << 12,
    UX = 0x20, SX = 0x10, UW = 0x08, SW = 0x04, UR = 0x02, SR = 0x01,
};

static uint32_t mas0(unsigned tlbsel, unsigned esel) { return (uint32_t)tlbsel << 28 | esel << 16; }
static uint32_t mas1(unsigned tid, unsigned ts, unsigned tsize)
{
    return MAS1_V | tid << 16 | (ts ? MAS1_TS : 0) | tsize << 8;
}

static PpcCpu *new_cpu(void)
{
    PpcCpu *cpu = g_malloc0(ppc_e500_guest.cpu_size);
    cpu->common.arch = &ppc_e500_guest;
    ppc_e500_guest.cpu_init(&cpu->common);
    ppc_e500_guest.sys->reset(&cpu->common);
    return cpu;
}

/* Write one TLB entry through the MAS registers and tlbwe. */
static void write_entry(PpcCpu *cpu, uint32_t m0, uint32_t m1, uint32_t m2, uint32_t m3, uint32_t m7)
{
    PpcBookE *b = &cpu->booke;
    b->mas[0] = m0;
    b->mas[1] = m1;
    b->mas[2] = m2;
    b->mas[3] = m3;
    b->mas[7] = m7;
    ppc_e500_tlbwe(cpu);
}

static int fill(PpcCpu *cpu, uint32_t ea, MemAccess access, unsigned idx, TlbFill *out)
{
    return ppc_e500_guest.sys->tlb_fill(&cpu->common, ea, access, idx, out);
}

/* ---- reset ------------------------------------------------------------------ */

/* e500CRM §4.5 / §12.6.1: MSR = 0, PVR of the e500v2 rev 3.0, pc at the
 * reset vector, TLB1[0] maps the last 4 KiB page 1:1 for the supervisor
 * with IPROT. */
static void test_reset(void)
{
    PpcCpu *cpu = new_cpu();
    PpcBookE *b = &cpu->booke;
    g_assert_cmphex(b->msr, ==, 0);
    g_assert_cmphex(b->pvr, ==, 0x80210030);
    g_assert_cmphex(cpu->common.pc, ==, 0xfffffffc);
    g_assert_cmphex(b->dbsr, ==, DBSR_MRR_HARD); /* e500CRM §2.13.2: MRR 01, hard reset */
    TlbFill f;
    g_assert_cmpint(fill(cpu, 0xfffffffc, MEM_FETCH, 0, &f), ==, 0);
    g_assert_cmphex(f.paddr, ==, 0xfffffffc);
    g_assert_cmpint(fill(cpu, 0xffffeffc, MEM_FETCH, 0, &f), ==,
                    e500_fault_code(E500_FAULT_MISS, MEM_FETCH));
    b->mas[0] = mas0(1, 0);
    ppc_e500_tlbre(cpu);
    g_assert_true(b->mas[1] & MAS1_IPROT);
    g_free(cpu);
}

/* ---- the MMU ------------------------------------------------------------------ */

/* e500CRM §12.7.1: tlbre reads back what tlbwe wrote to the entry MAS0
 * selects; TLB1 keeps TSIZE and IPROT, TLB0 is 4 KiB (TSIZE 1) and has
 * no IPROT (§12.3.1). */
static void test_tlbwe_tlbre(void)
{
    PpcCpu *cpu = new_cpu();
    PpcBookE *b = &cpu->booke;
    write_entry(cpu, mas0(1, 3), mas1(5, 1, 4) | MAS1_IPROT, 0x40000000 | 0x0a, 0x12340000 | 0x3f, 0xf);
    memset(b->mas, 0, sizeof(b->mas));
    b->mas[0] = mas0(1, 3);
    ppc_e500_tlbre(cpu);
    g_assert_cmphex(b->mas[1], ==, mas1(5, 1, 4) | MAS1_IPROT);
    g_assert_cmphex(b->mas[2], ==, 0x4000000a);
    g_assert_cmphex(b->mas[3], ==, 0x1234003f);
    g_assert_cmphex(b->mas[7], ==, 0xf);

    write_entry(cpu, mas0(0, 2), mas1(9, 0, 7) | MAS1_IPROT, 0x00345000, 0x00777000 | SR, 0);
    memset(b->mas, 0, sizeof(b->mas));
    b->mas[0] = mas0(0, 2);
    b->mas[2] = 0x00345000;
    ppc_e500_tlbre(cpu);
    g_assert_cmphex(b->mas[1], ==, mas1(9, 0, 1));
    g_assert_cmphex(b->mas[3], ==, 0x00777000 | SR);
    g_free(cpu);
}

/* e500CRM §12.3.1: TLB0 is 128 sets of 4 ways; the set is EA bits 45:51
 * (EA >> 12 & 127), the way is MAS0[ESEL]. */
static void test_tlb0_set_way(void)
{
    PpcCpu *cpu = new_cpu();
    write_entry(cpu, mas0(0, 2), mas1(0, 0, 1), 0x00345000, 0x00777000 | SR, 0);
    const PpcTlbEntry *e = &cpu->booke.tlb0[0x45][2];
    g_assert_true(e->mas1 & MAS1_V);
    g_assert_cmphex(e->mas2, ==, 0x00345000);
    /* Same set, another way: both translate. */
    write_entry(cpu, mas0(0, 1), mas1(0, 0, 1), 0x10345000, 0x00888000 | SR, 0);
    TlbFill f;
    g_assert_cmpint(fill(cpu, 0x00345010, MEM_READ, 0, &f), ==, 0);
    g_assert_cmphex(f.paddr, ==, 0x00777010);
    g_assert_cmpint(fill(cpu, 0x10345020, MEM_READ, 0, &f), ==, 0);
    g_assert_cmphex(f.paddr, ==, 0x00888020);
    g_assert_cmpuint(f.page_size, ==, 4096);
    /* Same set and way again: replaces the first. */
    write_entry(cpu, mas0(0, 2), mas1(0, 0, 1), 0x20345000, 0x00999000 | SR, 0);
    g_assert_cmpint(fill(cpu, 0x00345010, MEM_READ, 0, &f), ==,
                    e500_fault_code(E500_FAULT_MISS, MEM_READ));
    g_free(cpu);
}

/* e500CRM §12.7.3: tlbsx searches with MAS6[SPID0] and [SAS]; a hit
 * loads the entry and names it in MAS0, a miss (table 12-18) leaves
 * MAS1[V] = 0, TID = SPID0, TS = SAS, TSIZE = MAS4[TSIZED] and
 * MAS0[TLBSEL] = MAS4[TLBSELD]. */
static void test_tlbsx(void)
{
    PpcCpu *cpu = new_cpu();
    PpcBookE *b = &cpu->booke;
    write_entry(cpu, mas0(1, 3), mas1(5, 1, 4), 0x40000000, 0x12340000 | SR, 0);
    b->mas[6] = 5u << 16 | 1;
    ppc_e500_tlbsx(cpu, 0x4003fff0);
    g_assert_cmphex(b->mas[0] & 0x300f0000u, ==, mas0(1, 3));
    g_assert_cmphex(b->mas[1], ==, mas1(5, 1, 4));
    g_assert_cmphex(b->mas[3], ==, 0x12340000 | SR);

    b->mas[4] = 1u << 28 | 3u << 8; /* TLBSELD 1, TSIZED 16 KiB */
    b->mas[6] = 6u << 16 | 1;      /* another PID: a miss */
    ppc_e500_tlbsx(cpu, 0x40000000);
    g_assert_cmphex(b->mas[0] >> 28 & 3, ==, 1);
    g_assert_false(b->mas[1] & MAS1_V);
    g_assert_cmphex(b->mas[1] >> 16 & 0xff, ==, 6);
    g_assert_true(b->mas[1] & MAS1_TS);
    g_assert_cmphex(b->mas[1] >> 8 & 0xf, ==, 3);
    g_free(cpu);
}

/* e500CRM §12.4 (translation): an entry matches when V, TS = MSR[IS/DS],
 * and TID = 0 or one of PID0-2; permissions are UX/UW/UR in problem
 * state, SX/SW/SR in supervisor state (§12.5). The physical address is
 * MAS7[RPN] || MAS3[RPN] (36 bits). */
static void test_fill_permissions(void)
{
    PpcCpu *cpu = new_cpu();
    PpcBookE *b = &cpu->booke;
    /* 16 KiB at 0x10000000 -> 0x2_3000_4000, TID 5, AS 0 */
    write_entry(cpu, mas0(1, 1), mas1(5, 0, 2), 0x10000000, 0x30004000 | SR | SW | SX | UR, 0x2);
    TlbFill f;
    b->pid[0] = 5;
    g_assert_cmpint(fill(cpu, 0x10003ffc, MEM_READ, 0, &f), ==, 0);
    g_assert_cmphex(f.paddr, ==, 0x230007ffcull);
    g_assert_cmpuint(f.page_size, ==, 16384);
    g_assert_cmpuint(f.prot, ==, TLB_PROT_READ | TLB_PROT_WRITE | TLB_PROT_EXEC);
    g_assert_cmpint(fill(cpu, 0x10004000, MEM_READ, 0, &f), ==,
                    e500_fault_code(E500_FAULT_MISS, MEM_READ));
    /* problem state: read only */
    g_assert_cmpint(fill(cpu, 0x10000000, MEM_READ, 1, &f), ==, 0);
    g_assert_cmpuint(f.prot, ==, TLB_PROT_READ);
    g_assert_cmpint(fill(cpu, 0x10000000, MEM_WRITE, 1, &f), ==,
                    e500_fault_code(E500_FAULT_PERM, MEM_WRITE));
    g_assert_cmpint(fill(cpu, 0x10000000, MEM_FETCH, 1, &f), ==,
                    e500_fault_code(E500_FAULT_PERM, MEM_FETCH));
    /* address space 1: no entry */
    g_assert_cmpint(fill(cpu, 0x10000000, MEM_READ, 2, &f), ==,
                    e500_fault_code(E500_FAULT_MISS, MEM_READ));
    /* other PIDs */
    b->pid[0] = 7;
    g_assert_cmpint(fill(cpu, 0x10000000, MEM_READ, 0, &f), ==,
                    e500_fault_code(E500_FAULT_MISS, MEM_READ));
    b->pid[2] = 5;
    g_assert_cmpint(fill(cpu, 0x10000000, MEM_READ, 0, &f), ==, 0);
    /* TID 0 is global, in address space 1 here */
    write_entry(cpu, mas0(1, 2), mas1(0, 1, 1), 0x50000000, 0x60000000 | UR | UW | UX, 0);
    g_assert_cmpint(fill(cpu, 0x50000123, MEM_WRITE, 3, &f), ==, 0);
    g_assert_cmphex(f.paddr, ==, 0x60000123);
    g_assert_cmpint(fill(cpu, 0x50000123, MEM_READ, 2, &f), ==,
                    e500_fault_code(E500_FAULT_PERM, MEM_READ));
    g_free(cpu);
}

/* e500CRM §12.3.2: TLB1 pages are 4^TSIZE KiB, 4 KiB to 4 GiB; the EPN
 * and RPN bits below the page size are ignored. */
static void test_tlb1_sizes(void)
{
    PpcCpu *cpu = new_cpu();
    TlbFill f;
    write_entry(cpu, mas0(1, 0), 0, 0, 0, 0); /* drop the reset page: no overlap */
    for (unsigned tsize = 1; tsize <= 11; tsize++) {
        uint64_t size = (uint64_t)1024 << (2 * tsize);
        uint32_t base = tsize == 11 ? 0 : 0x80000000u;
        write_entry(cpu, mas0(1, 4), mas1(0, 0, tsize), base, SR, 0);
        g_assert_cmpint(fill(cpu, (uint32_t)(base + size - 4), MEM_READ, 0, &f), ==, 0);
        g_assert_cmphex(f.paddr, ==, size - 4);
        g_assert_cmpuint(f.page_size, ==, size);
        if (tsize < 11)
            g_assert_cmpint(fill(cpu, (uint32_t)(base + size), MEM_READ, 0, &f), !=, 0);
    }
    g_free(cpu);
}

/* e500CRM §12.7.4: tlbivax with EA[29] (INV_ALL) invalidates the whole
 * TLB EA[28] selects, except IPROT entries; without it, the entries
 * holding EA. MMUCSR0[TLB1_FI] flash-invalidates TLB1, IPROT spared too
 * (§2.12.2). */
static void test_tlbivax_iprot(void)
{
    PpcCpu *cpu = new_cpu();
    TlbFill f;
    write_entry(cpu, mas0(1, 1), mas1(0, 0, 1) | MAS1_IPROT, 0x10000000, 0x10000000 | SR, 0);
    write_entry(cpu, mas0(1, 2), mas1(0, 0, 1), 0x20000000, 0x20000000 | SR, 0);
    write_entry(cpu, mas0(0, 0), mas1(0, 0, 1), 0x30000000, 0x30000000 | SR, 0);
    write_entry(cpu, mas0(0, 1), mas1(0, 0, 1), 0x40000000, 0x40000000 | SR, 0);
    ppc_e500_tlbivax(cpu, 0x8 | 0x4); /* TLB1, all */
    g_assert_cmpint(fill(cpu, 0x10000000, MEM_READ, 0, &f), ==, 0);
    g_assert_cmpint(fill(cpu, 0x20000000, MEM_READ, 0, &f), !=, 0);
    g_assert_cmpint(fill(cpu, 0x30000000, MEM_READ, 0, &f), ==, 0);
    ppc_e500_tlbivax(cpu, 0x30000000); /* TLB0, one address */
    g_assert_cmpint(fill(cpu, 0x30000000, MEM_READ, 0, &f), !=, 0);
    g_assert_cmpint(fill(cpu, 0x40000000, MEM_READ, 0, &f), ==, 0);
    ppc_e500_write_mmucsr0(cpu, 0x2 | 0x4); /* TLB1_FI, TLB0_FI */
    g_assert_cmpint(fill(cpu, 0x40000000, MEM_READ, 0, &f), !=, 0);
    g_assert_cmpint(fill(cpu, 0x10000000, MEM_READ, 0, &f), ==, 0);
    g_assert_cmphex(cpu->booke.mmucsr0, ==, 0);
    g_free(cpu);
}

/* ---- interrupt entry ------------------------------------------------------------- */

enum { MSR_ALL = MSR_CE | MSR_EE | MSR_PR | MSR_ME | MSR_DE | MSR_IS | MSR_DS };

static PpcCpu *cpu_for_interrupts(void)
{
    PpcCpu *cpu = new_cpu();
    PpcBookE *b = &cpu->booke;
    b->ivpr = 0xfff00000;
    for (unsigned i = 0; i < 36; i++)
        b->ivor[i] = 0x100 + 0x20 * i;
    ppc_booke_set_msr(cpu, MSR_ALL);
    b->esr = 0xdeadbee0;
    return cpu;
}

static void raise_at(PpcCpu *cpu, int reason, uint32_t pc, int code, uint32_t addr)
{
    cpu->common.pc = pc;
    cpu->common.exception_code = code;
    cpu->common.exception_addr = addr;
    ppc_e500_guest.sys->raise(&cpu->common, reason);
}

/* EREF §7.6: a base-class interrupt saves the address in SRR0 and the
 * MSR in SRR1, keeps MSR[CE,ME,DE] and clears the rest, and goes to
 * IVPR[0:15] || IVORn[16:27] || 0b0000. */
static void check_base_entry(PpcCpu *cpu, unsigned ivor, uint32_t srr0)
{
    PpcBookE *b = &cpu->booke;
    g_assert_cmphex(b->srr0, ==, srr0);
    g_assert_cmphex(b->srr1, ==, MSR_ALL);
    g_assert_cmphex(b->msr, ==, MSR_CE | MSR_ME | MSR_DE);
    g_assert_cmphex(cpu->common.pc, ==, 0xfff00000 | (0x100 + 0x20 * ivor));
    g_assert_cmphex(cpu->common.tb_flags, ==, PPC_TBF_BOOKE);
}

/* EREF §7.7.10: system call: SRR0 = the instruction after sc, ESR
 * unchanged. */
static void test_raise_syscall(void)
{
    PpcCpu *cpu = cpu_for_interrupts();
    raise_at(cpu, EXIT_SYSCALL, 0x1004, 0, 0);
    check_base_entry(cpu, IVOR_SYSCALL, 0x1004);
    g_assert_cmphex(cpu->booke.esr, ==, 0xdeadbee0);
    g_free(cpu);
}

/* EREF §7.7.8: program interrupt, SRR0 = the instruction, ESR = PIL,
 * PPR or PTR alone. e500CRM §5.7.18: SPE unavailable, ESR[SPV]. */
static void test_raise_program(void)
{
    static const struct {
        int reason, code;
        unsigned ivor;
        uint32_t esr;
    } cases[] = {
        {EXIT_ILLEGAL, E500_ILLEGAL_PIL, IVOR_PROGRAM, ESR_PIL},
        {EXIT_PRIV, 0, IVOR_PROGRAM, ESR_PPR},
        {EXIT_TRAP, 0, IVOR_PROGRAM, ESR_PTR},
        {EXIT_ILLEGAL, E500_ILLEGAL_SPE, IVOR_SPE_UNAVAILABLE, ESR_SPV},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        PpcCpu *cpu = cpu_for_interrupts();
        raise_at(cpu, cases[i].reason, 0x2000, cases[i].code, 0);
        check_base_entry(cpu, cases[i].ivor, 0x2000);
        g_assert_cmphex(cpu->booke.esr, ==, cases[i].esr);
        g_free(cpu);
    }
}

/* EREF §7.7.14: data TLB error: SRR0 = the instruction, DEAR = the
 * address, ESR[ST] for a store; e500CRM table 12-17: MAS0-2, MAS6 from
 * MAS4 and the PIDs (TLBSEL = TLBSELD, TID = PIDn per TIDSELD, TS =
 * MSR[DS], TSIZE = TSIZED, EPN = EA, WIMGE = MAS4 defaults, V = 1),
 * MAS3 and MAS7 zero. */
static void test_raise_dtlb_miss(void)
{
    PpcCpu *cpu = cpu_for_interrupts();
    PpcBookE *b = &cpu->booke;
    b->mas[4] = 1u << 28 | 1u << 16 | 5u << 8 | 0x0a; /* TLBSELD 1, TIDSELD PID1, 1 MiB, I G */
    b->pid[0] = 3;
    b->pid[1] = 9;
    b->mas[3] = b->mas[7] = 0x55;
    raise_at(cpu, EXIT_FAULT, 0x3000, e500_fault_code(E500_FAULT_MISS, MEM_WRITE), 0x12345678);
    check_base_entry(cpu, IVOR_DTLB, 0x3000);
    g_assert_cmphex(b->dear, ==, 0x12345678);
    g_assert_cmphex(b->esr, ==, ESR_ST);
    g_assert_cmphex(b->mas[0] >> 28 & 3, ==, 1);
    g_assert_cmphex(b->mas[1], ==, MAS1_V | 9u << 16 | MAS1_TS | 5u << 8);
    g_assert_cmphex(b->mas[2], ==, 0x12345000 | 0x0a);
    g_assert_cmphex(b->mas[3], ==, 0);
    g_assert_cmphex(b->mas[7], ==, 0);
    g_assert_cmphex(b->mas[6], ==, 3u << 16 | 1);
    g_free(cpu);
}

/* EREF §7.7.15: instruction TLB error: SRR0 = the address fetched, DEAR
 * unchanged; TS from MSR[IS]. §7.7.3/7.7.4: storage interrupts for
 * permissions: DSI sets DEAR and ESR (ST for a store, 0 for a load),
 * ISI clears ESR. */
static void test_raise_other_faults(void)
{
    PpcCpu *cpu = cpu_for_interrupts();
    PpcBookE *b = &cpu->booke;
    b->dear = 0x77;
    raise_at(cpu, EXIT_FAULT, 0x4000, e500_fault_code(E500_FAULT_MISS, MEM_FETCH), 0x4000);
    check_base_entry(cpu, IVOR_ITLB, 0x4000);
    g_assert_cmphex(b->dear, ==, 0x77);
    g_assert_cmphex(b->mas[2] & 0xfffff000u, ==, 0x4000);
    g_free(cpu);

    cpu = cpu_for_interrupts();
    b = &cpu->booke;
    raise_at(cpu, EXIT_FAULT, 0x5000, e500_fault_code(E500_FAULT_PERM, MEM_READ), 0x9000);
    check_base_entry(cpu, IVOR_DSI, 0x5000);
    g_assert_cmphex(b->dear, ==, 0x9000);
    g_assert_cmphex(b->esr, ==, 0);
    g_free(cpu);

    cpu = cpu_for_interrupts();
    b = &cpu->booke;
    raise_at(cpu, EXIT_FAULT, 0x6000, e500_fault_code(E500_FAULT_PERM, MEM_FETCH), 0x6000);
    check_base_entry(cpu, IVOR_ISI, 0x6000);
    g_assert_cmphex(b->esr, ==, 0);
    g_free(cpu);
}

/* EREF §7.7.2: machine check: MCSRR0/MCSRR1, every MSR bit cleared
 * (ME too). */
static void test_raise_machine_check(void)
{
    PpcCpu *cpu = cpu_for_interrupts();
    raise_at(cpu, EXIT_FAULT, 0x7000, SOFTMMU_FAULT_NOT_MEMORY, 0x7000);
    g_assert_cmphex(cpu->booke.mcsrr0, ==, 0x7000);
    g_assert_cmphex(cpu->booke.mcsrr1, ==, MSR_ALL);
    g_assert_cmphex(cpu->booke.msr, ==, 0);
    g_assert_cmphex(cpu->common.pc, ==, 0xfff00000 | (0x100 + 0x20 * IVOR_MACHINE_CHECK));
    g_free(cpu);
}

/* ---- priority and masking ----------------------------------------------------------- */

/* EREF §7.9: critical input before external input; EREF §7.6: a
 * critical interrupt saves in CSRR0/1 and keeps only MSR[ME]; external
 * input waits for MSR[EE], critical input for MSR[CE]. */
static void test_interrupt_priority(void)
{
    PpcCpu *cpu = cpu_for_interrupts();
    PpcBookE *b = &cpu->booke;
    const GuestSysOps *sys = ppc_e500_guest.sys;
    cpu->common.pc = 0x8000;
    sys->set_irq(&cpu->common, PPC_E500_IRQ_INT, 1);
    sys->set_irq(&cpu->common, PPC_E500_IRQ_CINT, 1);
    g_assert_cmpint(cpu->common.exit_request, !=, 0);
    g_assert_true(sys->interrupt(&cpu->common));
    g_assert_cmphex(b->csrr0, ==, 0x8000);
    g_assert_cmphex(b->csrr1, ==, MSR_ALL);
    g_assert_cmphex(b->msr, ==, MSR_ME);
    g_assert_cmphex(cpu->common.pc, ==, 0xfff00000 | 0x100);
    /* CE and EE are now clear: nothing more */
    g_assert_false(sys->interrupt(&cpu->common));
    /* EE alone lets the external input in, not the critical one */
    ppc_booke_set_msr(cpu, MSR_EE);
    cpu->common.pc = 0x8100;
    g_assert_true(sys->interrupt(&cpu->common));
    g_assert_cmphex(b->srr0, ==, 0x8100);
    g_assert_cmphex(cpu->common.pc, ==, 0xfff00000 | (0x100 + 0x20 * IVOR_EXTERNAL));
    /* line dropped: nothing */
    sys->set_irq(&cpu->common, PPC_E500_IRQ_INT, 0);
    sys->set_irq(&cpu->common, PPC_E500_IRQ_CINT, 0);
    ppc_booke_set_msr(cpu, MSR_EE | MSR_CE);
    g_assert_false(sys->interrupt(&cpu->common));
    g_free(cpu);
}

/* ---- timers, on the test's clock ------------------------------------------------------ */

static uint64_t fake_now;
static uint64_t fake_clock(void) { return fake_now; }

/* A cpu whose time base counts 1 per ns from 0 at fake_now = 1000. */
static PpcCpu *cpu_for_timers(void)
{
    fake_now = 1000;
    ppc_booke_set_clock(fake_clock);
    PpcCpu *cpu = cpu_for_interrupts();
    cpu->booke.tb_freq_hz = 1000000000;
    ppc_booke_set_tb(cpu, 0);
    ppc_booke_set_msr(cpu, MSR_EE);
    return cpu;
}

/* EREF §8.3: DEC counts down with the time base; the 1 -> 0 step sets
 * TSR[DIS]; with TCR[ARE] it reloads from DECAR, else it stays at 0. A
 * decrementer interrupt needs TCR[DIE] and MSR[EE]. */
static void test_decrementer(void)
{
    PpcCpu *cpu = cpu_for_timers();
    PpcBookE *b = &cpu->booke;
    const GuestSysOps *sys = ppc_e500_guest.sys;
    b->tcr = TCR_ARE;
    b->decar = 50;
    ppc_booke_write_dec(cpu, 100);
    fake_now += 99;
    g_assert_cmpuint(ppc_booke_read_dec(cpu), ==, 1);
    g_assert_false(b->tsr & TSR_DIS);
    fake_now += 1;
    g_assert_cmpuint(ppc_booke_read_dec(cpu), ==, 50);
    g_assert_true(b->tsr & TSR_DIS);
    fake_now += 30;
    g_assert_cmpuint(ppc_booke_read_dec(cpu), ==, 20);
    fake_now += 20;
    g_assert_cmpuint(ppc_booke_read_dec(cpu), ==, 50);
    /* DIE off: no interrupt, no wake-up time */
    g_assert_false(sys->interrupt(&cpu->common));
    g_assert_cmpuint(sys->next_timer_ns(&cpu->common), ==, UINT64_MAX);
    b->tcr = TCR_DIE;
    g_assert_cmpuint(sys->next_timer_ns(&cpu->common), ==, fake_now + 50);
    cpu->common.pc = 0x9000;
    g_assert_true(sys->interrupt(&cpu->common));
    g_assert_cmphex(cpu->common.pc, ==, 0xfff00000 | (0x100 + 0x20 * IVOR_DECREMENTER));
    g_assert_cmphex(b->srr0, ==, 0x9000);
    /* without ARE it stops at 0 */
    b->tsr = 0;
    ppc_booke_write_dec(cpu, 10);
    fake_now += 1000;
    g_assert_cmpuint(ppc_booke_read_dec(cpu), ==, 0);
    g_assert_true(b->tsr & TSR_DIS);
    ppc_booke_set_clock(NULL);
    g_free(cpu);
}

/* e500CRM §2.8.2: TCR[FPEXT] || TCR[FP] selects the time base bit whose
 * 0 -> 1 transition sets TSR[FIS] (0 = the most significant); 59 is the
 * bit of value 16. */
static void test_fixed_interval(void)
{
    PpcCpu *cpu = cpu_for_timers();
    PpcBookE *b = &cpu->booke;
    b->tcr = 3u << 24 | 14u << 13 | TCR_FIE; /* FP 3, FPEXT 14: 59 */
    fake_now += 15;
    ppc_booke_timers_sync(cpu);
    g_assert_false(b->tsr & TSR_FIS);
    g_assert_cmpuint(ppc_e500_guest.sys->next_timer_ns(&cpu->common), ==, 1000 + 16);
    fake_now += 1;
    g_assert_true(ppc_e500_guest.sys->interrupt(&cpu->common));
    g_assert_true(b->tsr & TSR_FIS);
    g_assert_cmphex(cpu->common.pc, ==, 0xfff00000 | (0x100 + 0x20 * IVOR_FIT));
    ppc_booke_set_clock(NULL);
    g_free(cpu);
}

/* EREF §8.4: each watchdog time-out sets TSR[ENW], then TSR[WIS]; a
 * watchdog interrupt is critical (CSRR0/1) and needs TCR[WIE] and
 * MSR[CE]. */
static void test_watchdog(void)
{
    PpcCpu *cpu = cpu_for_timers();
    PpcBookE *b = &cpu->booke;
    b->tcr = 3u << 30 | 14u << 17 | TCR_WIE; /* WP 3, WPEXT 14: the bit of value 16 */
    ppc_booke_set_msr(cpu, MSR_CE);
    fake_now += 16;
    ppc_booke_timers_sync(cpu);
    g_assert_cmphex(b->tsr & (TSR_ENW | TSR_WIS), ==, TSR_ENW);
    g_assert_false(ppc_e500_guest.sys->interrupt(&cpu->common));
    fake_now += 32;
    cpu->common.pc = 0xa000;
    g_assert_true(ppc_e500_guest.sys->interrupt(&cpu->common));
    g_assert_cmphex(b->tsr & (TSR_ENW | TSR_WIS), ==, TSR_ENW | TSR_WIS);
    g_assert_cmphex(b->csrr0, ==, 0xa000);
    g_assert_cmphex(cpu->common.pc, ==, 0xfff00000 | (0x100 + 0x20 * IVOR_WATCHDOG));
    ppc_booke_set_clock(NULL);
    g_free(cpu);
}

static void count_reset(void *opaque) { ++*(unsigned *)opaque; }

/* EREF §8.4: the time-out after ENW and WIS are set resets the cpu as
 * TCR[WRC] says (recorded in TSR[WRS]) once: the board's reset_request,
 * which a reset of the cpu keeps. */
static void test_watchdog_reset(void)
{
    PpcCpu *cpu = cpu_for_timers();
    PpcBookE *b = &cpu->booke;
    unsigned resets = 0;
    b->reset_request = count_reset;
    b->reset_opaque = &resets;
    b->tcr = 3u << 30 | 14u << 17 | 2u << 28; /* the bit of value 16, WRC 10 */
    fake_now += 48; /* time-outs at 16 and 48: ENW, WIS */
    ppc_booke_timers_sync(cpu);
    g_assert_cmphex(b->tsr & (TSR_ENW | TSR_WIS), ==, TSR_ENW | TSR_WIS);
    g_assert_cmpuint(resets, ==, 0);
    fake_now += 32; /* at 80: the reset */
    ppc_booke_timers_sync(cpu);
    g_assert_cmpuint(resets, ==, 1);
    g_assert_cmphex(b->tsr & TSR_WRS, ==, 2u << 28);
    fake_now += 32 * 4;
    ppc_booke_timers_sync(cpu);
    g_assert_cmpuint(resets, ==, 1);
    ppc_e500_guest.sys->reset(&cpu->common);
    g_assert_true(b->reset_request == count_reset);
    ppc_booke_set_clock(NULL);
    g_free(cpu);
}

/* e500CRM §5.11.1: external input comes before the watchdog. */
static void test_watchdog_after_external(void)
{
    PpcCpu *cpu = cpu_for_interrupts();
    PpcBookE *b = &cpu->booke;
    b->tcr = TCR_WIE;
    b->tsr = TSR_ENW | TSR_WIS;
    ppc_e500_guest.sys->set_irq(&cpu->common, PPC_E500_IRQ_INT, 1);
    cpu->common.pc = 0x8000;
    g_assert_true(ppc_e500_guest.sys->interrupt(&cpu->common));
    g_assert_cmphex(cpu->common.pc, ==, 0xfff00000 | (0x100 + 0x20 * IVOR_EXTERNAL));
    g_free(cpu);
}

/* ---- debug events without running code ------------------------------------------------- */

static uint32_t vector(unsigned ivor) { return 0xfff00000 | (0x100 + 0x20 * ivor); }

/* e500CRM §8.4.8, §5.11.1: the unconditional debug event is recorded
 * in DBSR[UDE] on the input's edge and comes before critical input;
 * CSRR0 = the next instruction. Without DBCR0[IDM] nothing is recorded
 * (§5.7.14). */
static void test_debug_ude(void)
{
    PpcCpu *cpu = cpu_for_interrupts();
    PpcBookE *b = &cpu->booke;
    const GuestSysOps *sys = ppc_e500_guest.sys;
    sys->set_irq(&cpu->common, PPC_E500_IRQ_UDE, 1);
    g_assert_cmphex(b->dbsr, ==, DBSR_MRR_HARD);
    sys->set_irq(&cpu->common, PPC_E500_IRQ_UDE, 0);
    ppc_booke_write_dbcr0(cpu, DBCR0_IDM);
    sys->set_irq(&cpu->common, PPC_E500_IRQ_CINT, 1);
    sys->set_irq(&cpu->common, PPC_E500_IRQ_UDE, 1);
    cpu->common.pc = 0x8000;
    g_assert_true(sys->interrupt(&cpu->common));
    g_assert_cmphex(cpu->common.pc, ==, vector(IVOR_DEBUG));
    g_assert_cmphex(b->csrr0, ==, 0x8000);
    g_assert_cmphex(b->csrr1, ==, MSR_ALL);
    g_assert_cmphex(b->msr, ==, MSR_ME);
    g_assert_cmphex(b->dbsr, ==, DBSR_MRR_HARD | DBSR_UDE);
    g_free(cpu);
}

/* e500CRM §8.4.6, table 8-2: a noncritical interrupt with DBCR0[IRPT]
 * is an interrupt taken debug event; with MSR[DE] the debug interrupt
 * follows at once, CSRR0 = that interrupt's vector, CSRR1 = the
 * handler's MSR (EREF §7.6: CE, ME, DE kept). */
static void test_debug_irpt(void)
{
    PpcCpu *cpu = cpu_for_interrupts();
    PpcBookE *b = &cpu->booke;
    ppc_booke_write_dbcr0(cpu, DBCR0_IDM | DBCR0_IRPT);
    raise_at(cpu, EXIT_SYSCALL, 0x1004, 0, 0);
    g_assert_cmphex(b->srr0, ==, 0x1004);
    g_assert_cmphex(b->csrr0, ==, vector(IVOR_SYSCALL));
    g_assert_cmphex(b->csrr1, ==, MSR_CE | MSR_ME | MSR_DE);
    g_assert_cmphex(cpu->common.pc, ==, vector(IVOR_DEBUG));
    g_assert_cmphex(b->dbsr, ==, DBSR_MRR_HARD | DBSR_IRPT);
    g_free(cpu);
}

/* ---- privileged code, translated and run ----------------------------------------------- */

enum { RAM_SIZE = 0x10000, HANDLER = 0x800 };

/* sprs: li r3,0x1234; mtsprg 0,r3; mfsprg r4,0; mfpvr r9; sc */
static const uint32_t code_sprs[] = {0x38601234, 0x7c7043a6, 0x7c9042a6, 0x7d3f42a6, 0x44000002};
/* handler: mfsrr0 r5; mfsrr1 r6; trap */
static const uint32_t code_handler[] = {0x7cba02a6, 0x7cdb02a6, 0x7fe00008};
/* tlb: lis r3,0x1001; mtspr 624,r3 (MAS0: TLB1 entry 1); lis r3,0x8000;
 * ori r3,r3,0x100; mtspr 625,r3 (MAS1: V, 4 KiB); lis r3,0x8000;
 * mtspr 626,r3 (MAS2: EA 0x80000000); li r3,0x2003; mtspr 627,r3
 * (MAS3: RA 0x2000, UR SR); tlbwe; isync; lis r7,0x8000; lwz r8,16(r7); sc */
static const uint32_t code_tlb[] = {0x3c601001, 0x7c709ba6, 0x3c608000, 0x60630100, 0x7c719ba6,
                                    0x3c608000, 0x7c729ba6, 0x38602003, 0x7c739ba6, 0x7c0007a4,
                                    0x4c00012c, 0x3ce08000, 0x81070010, 0x44000002};
/* priv: mfmsr r3 */
static const uint32_t code_priv[] = {0x7c6000a6};
/* rfi_user: li r3,0x5000; mtsrr0 r3; li r3,0x4000 (MSR[PR]); mtsrr1 r3; rfi */
static const uint32_t code_rfi_user[] = {0x38605000, 0x7c7a03a6, 0x38604000, 0x7c7b03a6, 0x4c000064};
/* wrteei: wrteei 1; nop */
static const uint32_t code_wrteei[] = {0x7c008146, 0x60000000};
/* straight: nop; nop; nop; nop */
static const uint32_t code_straight[] = {0x60000000, 0x60000000, 0x60000000, 0x60000000};
/* steps: li r3,1; li r4,2; li r5,3; sc */
static const uint32_t code_steps[] = {0x38600001, 0x38800002, 0x38a00003, 0x44000002};
/* debug handler: lis r10,0x0800 (DBSR[ICMP]); mtdbsr r10; rfci */
static const uint32_t code_debug_handler[] = {0x3d400800, 0x7d504ba6, 0x4c000066};
/* trap: trap */
static const uint32_t code_trap[] = {0x7fe00008};
/* dac: li r3,0x55; lwz r4,0x2004(0); stw r3,0x2000(0); stw r3,0x2004(0); sc */
static const uint32_t code_dac[] = {0x38600055, 0x80802004, 0x90602000, 0x90602004, 0x44000002};
/* set_de: li r3,1; li r4,0x200 (MSR[DE]); mtmsr r4; nop */
static const uint32_t code_set_de[] = {0x38600001, 0x38800200, 0x7c800124, 0x60000000};
/* branch: li r3,1; cmpwi r3,1; beq +8; nop; li r4,2 */
static const uint32_t code_branch[] = {0x38600001, 0x2c030001, 0x41820008, 0x60000000, 0x38800002};
/* return: rfi */
static const uint32_t code_return[] = {0x4c000064};

typedef struct Rig {
    AddressSpace *as;
    uint8_t *ram;
    Engine *e;
    PpcCpu *cpu;
} Rig;

static void put_code(Rig *r, uint32_t addr, const uint32_t *code, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t be[4] = {code[i] >> 24, code[i] >> 16, code[i] >> 8, code[i]};
        memcpy(r->ram + addr + 4 * i, be, 4);
    }
}

enum { BREAKPOINT = 0x7008 };

static bool breakpoint_at(CpuCommon *cpu, uint64_t addr)
{
    (void)cpu;
    return addr == BREAKPOINT;
}

/* RAM at physical 0, mapped 1:1 by TLB1[0] (64 KiB, every permission),
 * IVPR 0 and every IVOR at HANDLER; a debugger breakpoint at BREAKPOINT. */
static void rig_open(Rig *r, const Backend *backend)
{
    r->as = as_new();
    MemoryRegion *mr = as_add_ram(r->as, "ram", 0, RAM_SIZE);
    r->ram = mr->host;
    EngineOptions opt = {
        .backend = backend,
        .optimize = true,
        .fetch = softmmu_fetch,
        .code_added = softmmu_code_added,
        .system = true,
        .code_phys = softmmu_code_phys,
        .breakpoint = breakpoint_at,
    };
    r->e = engine_new(&ppc_e500_guest, &opt);
    r->cpu = g_malloc0(ppc_e500_guest.cpu_size);
    r->cpu->common.arch = &ppc_e500_guest;
    tlb_init(&r->cpu->common, r->as);
    engine_attach_cpu(r->e, &r->cpu->common);
    ppc_e500_guest.cpu_init(&r->cpu->common);
    ppc_e500_guest.sys->reset(&r->cpu->common);
    write_entry(r->cpu, mas0(1, 0), mas1(0, 0, 3) | MAS1_IPROT, 0, 0x3f, 0);
    for (unsigned i = 0; i < 36; i++)
        r->cpu->booke.ivor[i] = HANDLER;
    put_code(r, HANDLER, code_handler, G_N_ELEMENTS(code_handler));
}

static void rig_close(Rig *r)
{
    engine_detach_cpu(r->e, &r->cpu->common);
    tlb_destroy(&r->cpu->common);
    engine_free(r->e);
    as_free(r->as);
    g_free(r->cpu);
}

static ExitReason rig_run(Rig *r, uint32_t pc)
{
    r->cpu->common.pc = pc;
    return cpu_exec(&r->cpu->common);
}

static const char *const e500_backends[] = {"interp", "jit"};

enum { DEBUG_HANDLER = 0x900, DEBUG_CODE = 0x8000 };

/* A rig whose debug interrupt goes to DEBUG_HANDLER, with `code` at
 * DEBUG_CODE, DBCR0 and the MSR as given. */
static void debug_rig_open(Rig *r, const Backend *backend, const uint32_t *code, size_t n,
                           uint32_t dbcr0, uint32_t msr)
{
    rig_open(r, backend);
    r->cpu->booke.ivor[IVOR_DEBUG] = DEBUG_HANDLER;
    put_code(r, DEBUG_HANDLER, code_debug_handler, G_N_ELEMENTS(code_debug_handler));
    put_code(r, DEBUG_CODE, code, n);
    ppc_booke_write_dbcr0(r->cpu, dbcr0);
    ppc_booke_set_msr(r->cpu, msr);
}

/* The debug interrupt the cpu takes now: CSRR0, CSRR1 and DBSR as
 * expected; the handler runs with MSR[DE] (and the rest) clear. */
static void check_debug_entry(Rig *r, uint32_t csrr0, uint32_t csrr1, uint32_t dbsr)
{
    PpcBookE *b = &r->cpu->booke;
    g_assert_true(ppc_e500_guest.sys->interrupt(&r->cpu->common));
    g_assert_cmphex(r->cpu->common.pc, ==, DEBUG_HANDLER);
    g_assert_cmphex(b->csrr0, ==, csrr0);
    g_assert_cmphex(b->csrr1, ==, csrr1);
    g_assert_cmphex(b->msr, ==, 0);
    g_assert_cmphex(b->dbsr, ==, dbsr);
}

static void on_each_backend(void (*run)(const Backend *backend))
{
    for (size_t k = 0; k < G_N_ELEMENTS(e500_backends); k++) {
        const Backend *backend = backend_by_name(e500_backends[k]);
        if (backend)
            run(backend);
    }
}

/* mtsprg/mfsprg round trip, PVR, then sc enters the system call handler
 * with SRR0 = the instruction after sc and SRR1 = the MSR (EREF §7.7.10). */
static void run_sprs_syscall_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    put_code(&r, 0x1000, code_sprs, G_N_ELEMENTS(code_sprs));
    g_assert_cmpint(rig_run(&r, 0x1000), ==, EXIT_SYSCALL);
    g_assert_cmphex(r.cpu->common.pc, ==, 0x1014);
    g_assert_cmphex(r.cpu->gpr[4], ==, 0x1234);
    g_assert_cmphex(r.cpu->gpr[9], ==, 0x80210030);
    ppc_e500_guest.sys->raise(&r.cpu->common, EXIT_SYSCALL);
    g_assert_cmphex(r.cpu->common.pc, ==, HANDLER);
    g_assert_cmpint(cpu_exec(&r.cpu->common), ==, EXIT_TRAP);
    g_assert_cmphex(r.cpu->common.pc, ==, HANDLER + 8);
    g_assert_cmphex(r.cpu->gpr[5], ==, 0x1014);
    g_assert_cmphex(r.cpu->gpr[6], ==, 0);
    rig_close(&r);
}

static void test_run_sprs_syscall(void) { on_each_backend(run_sprs_syscall_on); }

/* tlbwe of a TLB1 entry mapping EA 0x80000000 to RA 0x2000, then a load
 * through it. */
static void run_tlbwe_load_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    put_code(&r, 0x3000, code_tlb, G_N_ELEMENTS(code_tlb));
    static const uint8_t word[4] = {0xde, 0xad, 0xbe, 0xef};
    memcpy(r.ram + 0x2010, word, 4);
    ExitReason why = rig_run(&r, 0x3000);
    while (why == EXIT_INTERRUPT) /* tlbwe ends its block */
        why = cpu_exec(&r.cpu->common);
    g_assert_cmpint(why, ==, EXIT_SYSCALL);
    g_assert_cmphex(r.cpu->gpr[8], ==, 0xdeadbeef);
    rig_close(&r);
}

static void test_run_tlbwe_load(void) { on_each_backend(run_tlbwe_load_on); }

/* mfmsr in problem state: a privileged-instruction program interrupt,
 * ESR[PPR] (EREF §7.7.8). */
static void run_privileged_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    put_code(&r, 0x4000, code_priv, G_N_ELEMENTS(code_priv));
    ppc_booke_set_msr(r.cpu, MSR_PR);
    g_assert_cmpint(rig_run(&r, 0x4000), ==, EXIT_PRIV);
    g_assert_cmphex(r.cpu->common.pc, ==, 0x4000);
    ppc_e500_guest.sys->raise(&r.cpu->common, EXIT_PRIV);
    g_assert_cmphex(r.cpu->booke.esr, ==, ESR_PPR);
    g_assert_cmphex(r.cpu->booke.srr1, ==, MSR_PR);
    g_assert_cmphex(r.cpu->common.pc, ==, HANDLER);
    rig_close(&r);
}

static void test_run_privileged(void) { on_each_backend(run_privileged_on); }

/* rfi to problem state (EREF §7.5: pc = SRR0, MSR = SRR1): the code
 * there runs with PR, so mfmsr is privileged. */
static void run_rfi_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    put_code(&r, 0x4800, code_rfi_user, G_N_ELEMENTS(code_rfi_user));
    put_code(&r, 0x5000, code_priv, G_N_ELEMENTS(code_priv));
    ExitReason why = rig_run(&r, 0x4800);
    while (why == EXIT_INTERRUPT) /* rfi ends its block */
        why = cpu_exec(&r.cpu->common);
    g_assert_cmpint(why, ==, EXIT_PRIV);
    g_assert_cmphex(r.cpu->common.pc, ==, 0x5000);
    g_assert_cmphex(r.cpu->booke.msr, ==, MSR_PR);
    rig_close(&r);
}

static void test_run_rfi(void) { on_each_backend(run_rfi_on); }

/* wrteei 1 with the external input asserted: the block ends after it and
 * the interrupt is taken there (EREF §7.7.5: SRR0 = the next
 * instruction). */
static void run_wrteei_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    put_code(&r, 0x6000, code_wrteei, G_N_ELEMENTS(code_wrteei));
    ppc_e500_guest.sys->set_irq(&r.cpu->common, PPC_E500_IRQ_INT, 1);
    g_assert_false(ppc_e500_guest.sys->interrupt(&r.cpu->common)); /* EE = 0 */
    r.cpu->common.exit_request = 0;
    g_assert_cmpint(rig_run(&r, 0x6000), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->common.pc, ==, 0x6004);
    g_assert_true(r.cpu->booke.msr & MSR_EE);
    g_assert_true(ppc_e500_guest.sys->interrupt(&r.cpu->common));
    g_assert_cmphex(r.cpu->booke.srr0, ==, 0x6004);
    g_assert_cmphex(r.cpu->common.pc, ==, HANDLER);
    rig_close(&r);
}

static void test_run_wrteei(void) { on_each_backend(run_wrteei_on); }

/* A debugger breakpoint (frontend/guest.h, TranslateCtx.breakpoint): the
 * code before it runs, then the cpu stops at it with EXIT_DEBUG before
 * executing it. */
static void run_breakpoint_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    put_code(&r, 0x7000, code_straight, G_N_ELEMENTS(code_straight));
    g_assert_cmpint(rig_run(&r, 0x7000), ==, EXIT_DEBUG);
    g_assert_cmphex(r.cpu->common.pc, ==, BREAKPOINT);
    rig_close(&r);
}

static void test_run_breakpoint(void) { on_each_backend(run_breakpoint_on); }

/* e500CRM §8.4.5, table 8-2: with DBCR0[ICMP] and MSR[DE] each
 * instruction completes and then the debug interrupt is taken, CSRR0 =
 * the next instruction; the handler (MSR[DE] = 0) runs without events;
 * mtdbsr clears only the bits written as 1 (§2.13.2) and rfci returns
 * to CSRR0 with MSR = CSRR1 (EREF §7.5): one more instruction, one more
 * interrupt. */
static void debug_icmp_on(const Backend *backend)
{
    Rig r;
    debug_rig_open(&r, backend, code_steps, G_N_ELEMENTS(code_steps), DBCR0_IDM | DBCR0_ICMP,
                   MSR_DE);
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->common.pc, ==, DEBUG_CODE + 4);
    g_assert_cmphex(r.cpu->gpr[3], ==, 1);
    g_assert_cmphex(r.cpu->gpr[4], ==, 0);
    check_debug_entry(&r, DEBUG_CODE + 4, MSR_DE, DBSR_MRR_HARD | DBSR_ICMP);
    /* the handler: clear ICMP, rfci */
    g_assert_cmpint(cpu_exec(&r.cpu->common), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->common.pc, ==, DEBUG_CODE + 4);
    g_assert_cmphex(r.cpu->booke.msr, ==, MSR_DE);
    g_assert_cmphex(r.cpu->booke.dbsr, ==, DBSR_MRR_HARD);
    g_assert_false(ppc_e500_guest.sys->interrupt(&r.cpu->common));
    g_assert_cmpint(cpu_exec(&r.cpu->common), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->gpr[4], ==, 2);
    g_assert_cmphex(r.cpu->gpr[5], ==, 0);
    check_debug_entry(&r, DEBUG_CODE + 8, MSR_DE, DBSR_MRR_HARD | DBSR_ICMP);
    rig_close(&r);
}

static void test_debug_icmp(void) { on_each_backend(debug_icmp_on); }

/* e500CRM §8.4.1, table 8-2: an instruction at IAC1 (exact mode) is not
 * executed; CSRR0 = its address, DBSR[IAC1]. DBCR1[IAC1US] = 11 (user
 * mode only) keeps the event out of supervisor code. */
static void debug_iac_on(const Backend *backend)
{
    Rig r;
    debug_rig_open(&r, backend, code_steps, G_N_ELEMENTS(code_steps), DBCR0_IDM | DBCR0_IAC1,
                   MSR_DE);
    r.cpu->booke.iac[0] = DEBUG_CODE + 8;
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->common.pc, ==, DEBUG_CODE + 8);
    g_assert_cmphex(r.cpu->gpr[4], ==, 2);
    g_assert_cmphex(r.cpu->gpr[5], ==, 0);
    check_debug_entry(&r, DEBUG_CODE + 8, MSR_DE, DBSR_MRR_HARD | DBSR_IAC1);
    rig_close(&r);

    debug_rig_open(&r, backend, code_steps, G_N_ELEMENTS(code_steps), DBCR0_IDM | DBCR0_IAC1,
                   MSR_DE);
    r.cpu->booke.iac[0] = DEBUG_CODE + 8;
    r.cpu->booke.dbcr[1] = 3u << 30; /* IAC1US: user mode only */
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_SYSCALL);
    g_assert_cmphex(r.cpu->gpr[5], ==, 3);
    g_assert_cmphex(r.cpu->booke.dbsr, ==, DBSR_MRR_HARD);
    rig_close(&r);
}

static void test_debug_iac(void) { on_each_backend(debug_iac_on); }

/* e500CRM §8.4.3: a trap with DBCR0[TRAP] and MSR[DE] is a debug
 * interrupt instead of a program interrupt, CSRR0 = the trap, SRR0 and
 * ESR untouched; with MSR[DE] = 0 the event is recorded as imprecise
 * (DBSR[IDE]) and the trap is a program interrupt (EREF §7.7.8). */
static void debug_trap_on(const Backend *backend)
{
    Rig r;
    debug_rig_open(&r, backend, code_trap, G_N_ELEMENTS(code_trap), DBCR0_IDM | DBCR0_TRAP, MSR_DE);
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_TRAP);
    ppc_e500_guest.sys->raise(&r.cpu->common, EXIT_TRAP);
    g_assert_cmphex(r.cpu->common.pc, ==, DEBUG_HANDLER);
    g_assert_cmphex(r.cpu->booke.csrr0, ==, DEBUG_CODE);
    g_assert_cmphex(r.cpu->booke.srr0, ==, 0);
    g_assert_cmphex(r.cpu->booke.esr, ==, 0);
    g_assert_cmphex(r.cpu->booke.dbsr, ==, DBSR_MRR_HARD | DBSR_TRAP);
    rig_close(&r);

    debug_rig_open(&r, backend, code_trap, G_N_ELEMENTS(code_trap), DBCR0_IDM | DBCR0_TRAP, 0);
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_TRAP);
    ppc_e500_guest.sys->raise(&r.cpu->common, EXIT_TRAP);
    g_assert_cmphex(r.cpu->common.pc, ==, HANDLER);
    g_assert_cmphex(r.cpu->booke.srr0, ==, DEBUG_CODE);
    g_assert_cmphex(r.cpu->booke.esr, ==, ESR_PTR);
    g_assert_cmphex(r.cpu->booke.dbsr, ==, DBSR_MRR_HARD | DBSR_TRAP | DBSR_IDE);
    rig_close(&r);
}

static void test_debug_trap(void) { on_each_backend(debug_trap_on); }

/* e500CRM §8.4.2: DBCR0[DAC1] = 01 makes stores (only) whose bytes
 * include DAC1 debug events; with MSR[DE] the store is not done and
 * CSRR0 = its address, DBSR[DAC1W]. The load of the same word and the
 * store just before it pass. */
enum { DAC1_STORES = 1u << 18 }; /* DBCR0[DAC1] = 01 */

static void debug_dac_on(const Backend *backend)
{
    Rig r;
    debug_rig_open(&r, backend, code_dac, G_N_ELEMENTS(code_dac), DBCR0_IDM | DAC1_STORES, MSR_DE);
    r.cpu->booke.dac[0] = 0x2006;
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->common.pc, ==, DEBUG_CODE + 12);
    g_assert_cmphex(r.ram[0x2003], ==, 0x55);
    g_assert_cmphex(r.ram[0x2007], ==, 0);
    check_debug_entry(&r, DEBUG_CODE + 12, MSR_DE, DBSR_MRR_HARD | DBSR_DAC1W);
    rig_close(&r);

    /* §5.11.1: the data storage interrupt of a store to a read-only page
     * comes before its DAC event. */
    debug_rig_open(&r, backend, code_dac, G_N_ELEMENTS(code_dac), DBCR0_IDM | DAC1_STORES, MSR_DE);
    write_entry(r.cpu, mas0(1, 0), mas1(0, 0, 3) | MAS1_IPROT, 0, UX | SX | UR | SR, 0);
    r.cpu->booke.dac[0] = 0x2002;
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_FAULT);
    g_assert_cmphex(r.cpu->common.pc, ==, DEBUG_CODE + 8);
    g_assert_cmphex(r.cpu->booke.dbsr, ==, DBSR_MRR_HARD);
    rig_close(&r);
}

static void test_debug_dac(void) { on_each_backend(debug_dac_on); }

/* e500CRM §8.3 (and §8.4.1): with MSR[DE] = 0 an IAC event does not stop
 * the instruction; it is recorded with DBSR[IDE], ICMP is not recognized
 * (§8.4.5), and the debug interrupt waits until mtmsr sets MSR[DE]:
 * CSRR0 = the instruction after the mtmsr. */
static void debug_imprecise_on(const Backend *backend)
{
    Rig r;
    debug_rig_open(&r, backend, code_set_de, G_N_ELEMENTS(code_set_de),
                   DBCR0_IDM | DBCR0_IAC1 | DBCR0_ICMP, 0);
    r.cpu->booke.iac[0] = DEBUG_CODE;
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->common.pc, ==, DEBUG_CODE + 12);
    g_assert_cmphex(r.cpu->gpr[3], ==, 1);
    g_assert_cmphex(r.cpu->booke.csrr0, ==, 0);
    check_debug_entry(&r, DEBUG_CODE + 12, MSR_DE, DBSR_MRR_HARD | DBSR_IDE | DBSR_IAC1);
    rig_close(&r);
}

static void test_debug_imprecise(void) { on_each_backend(debug_imprecise_on); }

/* e500CRM §8.4.4: a taken branch with DBCR0[BRT] and MSR[DE] is not
 * executed; CSRR0 = the branch. */
static void debug_branch_on(const Backend *backend)
{
    Rig r;
    debug_rig_open(&r, backend, code_branch, G_N_ELEMENTS(code_branch), DBCR0_IDM | DBCR0_BRT,
                   MSR_DE);
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->common.pc, ==, DEBUG_CODE + 8);
    g_assert_cmphex(r.cpu->gpr[3], ==, 1);
    check_debug_entry(&r, DEBUG_CODE + 8, MSR_DE, DBSR_MRR_HARD | DBSR_BRT);
    rig_close(&r);
}

static void test_debug_branch(void) { on_each_backend(debug_branch_on); }

/* e500CRM §8.4.7, table 8-2: rfi with DBCR0[RET] returns, then the debug
 * interrupt names the instruction it returned to (CSRR0) with the MSR it
 * restored (CSRR1). */
static void debug_return_on(const Backend *backend)
{
    Rig r;
    debug_rig_open(&r, backend, code_return, G_N_ELEMENTS(code_return), DBCR0_IDM | DBCR0_RET,
                   MSR_DE);
    r.cpu->booke.srr0 = 0x8100;
    r.cpu->booke.srr1 = MSR_DE | MSR_EE;
    g_assert_cmpint(rig_run(&r, DEBUG_CODE), ==, EXIT_INTERRUPT);
    g_assert_cmphex(r.cpu->common.pc, ==, 0x8100);
    check_debug_entry(&r, 0x8100, MSR_DE | MSR_EE, DBSR_MRR_HARD | DBSR_RET);
    rig_close(&r);
}

static void test_debug_return(void) { on_each_backend(debug_return_on); }

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/e500/reset", test_reset);
    g_test_add_func("/e500/mmu/tlbwe_tlbre", test_tlbwe_tlbre);
    g_test_add_func("/e500/mmu/tlb0_set_way", test_tlb0_set_way);
    g_test_add_func("/e500/mmu/tlbsx", test_tlbsx);
    g_test_add_func("/e500/mmu/fill_permissions", test_fill_permissions);
    g_test_add_func("/e500/mmu/tlb1_sizes", test_tlb1_sizes);
    g_test_add_func("/e500/mmu/tlbivax_iprot", test_tlbivax_iprot);
    g_test_add_func("/e500/raise/syscall", test_raise_syscall);
    g_test_add_func("/e500/raise/program", test_raise_program);
    g_test_add_func("/e500/raise/dtlb_miss", test_raise_dtlb_miss);
    g_test_add_func("/e500/raise/other_faults", test_raise_other_faults);
    g_test_add_func("/e500/raise/machine_check", test_raise_machine_check);
    g_test_add_func("/e500/interrupt/priority", test_interrupt_priority);
    g_test_add_func("/e500/timer/decrementer", test_decrementer);
    g_test_add_func("/e500/timer/fixed_interval", test_fixed_interval);
    g_test_add_func("/e500/timer/watchdog", test_watchdog);
    g_test_add_func("/e500/timer/watchdog_reset", test_watchdog_reset);
    g_test_add_func("/e500/interrupt/watchdog_after_external", test_watchdog_after_external);
    g_test_add_func("/e500/debug/ude", test_debug_ude);
    g_test_add_func("/e500/debug/irpt", test_debug_irpt);
    g_test_add_func("/e500/run/sprs_syscall", test_run_sprs_syscall);
    g_test_add_func("/e500/run/tlbwe_load", test_run_tlbwe_load);
    g_test_add_func("/e500/run/privileged", test_run_privileged);
    g_test_add_func("/e500/run/rfi", test_run_rfi);
    g_test_add_func("/e500/run/wrteei", test_run_wrteei);
    g_test_add_func("/e500/run/breakpoint", test_run_breakpoint);
    g_test_add_func("/e500/run/debug_icmp", test_debug_icmp);
    g_test_add_func("/e500/run/debug_iac", test_debug_iac);
    g_test_add_func("/e500/run/debug_trap", test_debug_trap);
    g_test_add_func("/e500/run/debug_dac", test_debug_dac);
    g_test_add_func("/e500/run/debug_imprecise", test_debug_imprecise);
    g_test_add_func("/e500/run/debug_branch", test_debug_branch);
    g_test_add_func("/e500/run/debug_return", test_debug_return);
    return g_test_run();
}
