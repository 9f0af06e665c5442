/* tests/unit/test_x86_sys_insn.c — the x86 translator in system mode
 * (frontend/x86/sys_insn.c, sys_guest.c, sys_msr.c and the segment-aware
 * addressing of translate.c): the power-on state, then small real-mode
 * and protected-mode programs translated and run on each backend over
 * 1 MiB of RAM and a port I/O space — segment arithmetic and the 16-bit
 * offset wrap, int n / iret and far call / retf, lgdt and sgdt, the
 * switch to protected mode, in/out and rep outs, EFER and PAT through
 * rdmsr/wrmsr, control registers and their #GP, lar/lsl/verr/verw, and
 * the interrupt shadow of sti; and the registers as GDB numbers them.
 * Expected values come from the Intel SDM (vol. 3 for the cpu's state
 * and modes, vol. 2 for each instruction), never from morph. The bytes
 * are GNU as output (`as --32`, .code16 or .code32); the assembly is on
 * the comment of each array.
 */
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "backend/target.h"
#include "frontend/x86/helpers.h"
#include "frontend/x86/sys.h"
#include "softmmu/memory.h"
#include "softmmu/tlb.h"

enum { RAM_SIZE = 0x100000, TEST_PORT = 0x80, MAX_PORT_WRITES = 8 };

typedef struct PortWrite {
    uint64_t port, value;
    unsigned size;
} PortWrite;

typedef struct Rig {
    AddressSpace *as, *ports;
    Engine *e;
    X86Cpu *cpu;
    uint8_t *ram;
    PortWrite writes[MAX_PORT_WRITES];
    unsigned nwrites;
} Rig;

/* The test device at TEST_PORT: reads 0xbeef (truncated to the access
 * size), records writes. */
static uint64_t port_read(void *opaque, uint64_t offset, unsigned size)
{
    (void)opaque, (void)offset;
    return 0xbeef & (size == 1 ? 0xff : 0xffff);
}

static void port_write(void *opaque, uint64_t offset, uint64_t value, unsigned size)
{
    Rig *r = opaque;
    if (r->nwrites < MAX_PORT_WRITES)
        r->writes[r->nwrites++] = (PortWrite){TEST_PORT + offset, value, size};
}

static const MemoryRegionOps port_ops = {.read = port_read, .write = port_write, .max_size = 4};

static void rig_open(Rig *r, const Backend *backend)
{
    memset(r, 0, sizeof(*r));
    r->as = as_new();
    r->ram = as_add_ram(r->as, "ram", 0, RAM_SIZE)->host;
    r->ports = as_new();
    as_add_mmio(r->ports, "test-port", TEST_PORT, 4, &port_ops, r, 0);
    EngineOptions opt = {
        .backend = backend,
        .optimize = true,
        .fetch = softmmu_fetch,
        .code_added = softmmu_code_added,
        .system = true,
        .code_phys = softmmu_code_phys,
    };
    r->e = engine_new(&x86_pc_guest, &opt);
    r->cpu = g_malloc0(x86_pc_guest.cpu_size);
    CpuCommon *c = &r->cpu->common;
    c->arch = &x86_pc_guest;
    tlb_init(c, r->as);
    engine_attach_cpu(r->e, c);
    x86_pc_guest.cpu_init(c);
    x86_pc_guest.sys->reset(c);
    r->cpu->sys.board.ports = r->ports;
}

static void rig_close(Rig *r)
{
    engine_detach_cpu(r->e, &r->cpu->common);
    tlb_destroy(&r->cpu->common);
    engine_free(r->e);
    as_free(r->as);
    as_free(r->ports);
    g_free(r->cpu);
}

/* Real mode (SDM vol. 3 §20.1.1): a segment's base is its selector * 16. */
static void set_real_segment(X86Cpu *cpu, int seg, uint16_t sel)
{
    cpu->seg_sel[seg] = sel;
    cpu->seg_base[seg] = (uint64_t)sel << 4;
}

/* Put code at sel:0 and start there, every data segment = sel. */
static void start_real(Rig *r, uint16_t sel, const uint8_t *code, size_t len)
{
    memcpy(r->ram + ((size_t)sel << 4), code, len);
    for (int s = 0; s < X86_NSEGS; s++)
        set_real_segment(r->cpu, s, sel);
    x86_sys_update_tb_flags(r->cpu);
    x86_sys_set_ip(r->cpu, 0);
}

/* Run until the cpu stops for something other than the loop's
 * interrupt checks, which take a pending interrupt as the machine loop
 * does (machines/machine.c). */
static ExitReason run(Rig *r)
{
    CpuCommon *c = &r->cpu->common;
    ExitReason why;
    unsigned rounds = 0;
    while ((why = cpu_exec(c)) == EXIT_INTERRUPT && rounds++ < 100) {
        c->exit_request = 0;
        x86_pc_guest.sys->interrupt(c);
    }
    return why;
}

static uint32_t ram32(const Rig *r, uint32_t a)
{
    uint32_t v;
    memcpy(&v, r->ram + a, 4);
    return v;
}

static uint16_t ram16(const Rig *r, uint32_t a)
{
    uint16_t v;
    memcpy(&v, r->ram + a, 2);
    return v;
}

static const char *const backends[] = {"interp", "jit"};

static void on_each_backend(void (*fn)(const Backend *backend))
{
    for (size_t k = 0; k < G_N_ELEMENTS(backends); k++) {
        const Backend *backend = backend_by_name(backends[k]);
        if (backend)
            fn(backend);
    }
}

/* ---- power-on ------------------------------------------------------------------- */

/* SDM vol. 3 §9.1.1, table 9-1: CS selector F000 with base FFFF0000 and
 * EIP FFF0 (the first fetch at FFFFFFF0), CR0 60000010, EFLAGS 2, EDX
 * the processor signature (CPUID.1:EAX), data segments 0 with limit
 * FFFF; real mode: 16-bit code, segment bases added, CPL 0. */
static void test_reset_state(void)
{
    Rig r;
    rig_open(&r, NULL);
    X86Cpu *cpu = r.cpu;
    uint32_t tbf = cpu->common.tb_flags;
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, 0xf000);
    g_assert_cmphex(cpu->seg_base[X86_CS], ==, 0xffff0000);
    g_assert_cmphex(cpu->common.pc, ==, 0xfffffff0);
    g_assert_cmphex(cpu->sys.cr0, ==, 0x60000010);
    g_assert_cmphex(x86_get_eflags(cpu), ==, 2);
    g_assert_cmphex(cpu->sys.seg[X86_DS].limit, ==, 0xffff);
    g_assert_cmphex(cpu->seg_base[X86_DS], ==, 0);
    g_assert_cmphex(cpu->sys.efer, ==, 0);
    g_assert_cmphex(cpu->sys.a20_mask, ==, ~0ull);
    g_assert_true(tbf & X86_TBF_SYS);
    g_assert_true(tbf & X86_TBF_ADDSEG);
    g_assert_false(tbf & (X86_TBF_PE | X86_TBF_CS32 | X86_TBF_SS32 | X86_TBF_LONG | X86_TBF_CPL));
    uint32_t id[4];
    x86_cpuid(1, 0, id);
    g_assert_cmphex(cpu->regs[X86_RDX], ==, id[0]);
    rig_close(&r);
}

/* ---- the debugger's view ------------------------------------------------------------------- */

static uint64_t gdb_reg(X86Cpu *cpu, unsigned n, unsigned *size)
{
    uint8_t buf[16] = {0};
    *size = x86_pc_guest.sys->gdb_read_reg(&cpu->common, n, buf);
    uint64_t v = 0;
    for (unsigned i = 0; i < 8; i++)
        v |= (uint64_t)buf[i] << (8 * i);
    return v;
}

/* GDB's i386:x86-64 numbering (gdb/features/i386/64bit-core.xml,
 * 64bit-sse.xml, 64bit-segments.xml): rax rbx rcx rdx rsi rdi rbp rsp
 * r8-r15 rip eflags cs ss ds es fs gs st0-7, 8 x87 control registers,
 * xmm0-15 mxcsr, fs_base gs_base; then k_gs_base cr0 cr2 cr3 cr4 cr8 efer
 * as QEMU adds them. rip is the offset in CS (SDM §9.1.1: FFF0). */
static void test_gdb_registers(void)
{
    Rig r;
    rig_open(&r, NULL);
    X86Cpu *cpu = r.cpu;
    const GuestSysOps *sys = x86_pc_guest.sys;
    unsigned size;
    cpu->regs[X86_RBX] = 0x1122334455667788ull;
    g_assert_cmphex(gdb_reg(cpu, 1, &size), ==, 0x1122334455667788ull);
    g_assert_cmpuint(size, ==, 8);
    g_assert_cmphex(gdb_reg(cpu, 16, &size), ==, 0xfff0);
    g_assert_cmphex(gdb_reg(cpu, 17, &size), ==, 2);
    g_assert_cmpuint(size, ==, 4);
    g_assert_cmphex(gdb_reg(cpu, 18, &size), ==, 0xf000);
    gdb_reg(cpu, 24, &size);
    g_assert_cmpuint(size, ==, 10); /* st0 */
    gdb_reg(cpu, 40, &size);
    g_assert_cmpuint(size, ==, 16); /* xmm0 */
    g_assert_cmphex(gdb_reg(cpu, 56, &size), ==, 0x1f80);
    g_assert_cmphex(gdb_reg(cpu, 60, &size), ==, 0x60000010);
    g_assert_cmpuint(gdb_reg(cpu, 66, &size), ==, 0);
    g_assert_cmpuint(size, ==, 0);
    g_assert_cmpuint(sys->gdb_num_regs, ==, 66);
    g_assert_nonnull(strstr(sys->gdb_target_xml, "<architecture>i386:x86-64</architecture>"));
    const char *rip = strstr(sys->gdb_target_xml, "\"rip\""), *efer = strstr(sys->gdb_target_xml, "\"efer\"");
    g_assert_true(rip && efer && rip < efer);
    uint8_t ip[8] = {0x34, 0x12};
    sys->gdb_write_reg(&cpu->common, 16, ip);
    g_assert_cmphex(cpu->common.pc, ==, 0xffff1234);
    rig_close(&r);
}

/* ---- real mode ------------------------------------------------------------------------ */

/* Run at 0100:0000 (.code16):
 *    0: b8 34 12     mov $0x1234,%ax
 *    3: 8e d8        mov %ax,%ds
 *    5: bb ff ff     mov $0xffff,%bx
 *    8: c6 47 02 5a  movb $0x5a,0x2(%bx)       ; offset 0xffff+2 wraps to 1
 *    c: b8 00 30     mov $0x3000,%ax
 *    f: 8e d0        mov %ax,%ss
 *   11: 31 e4        xor %sp,%sp
 *   13: b9 ef be     mov $0xbeef,%cx
 *   16: 51           push %cx                  ; SP wraps to 0xfffe
 *   17: b8 00 20     mov $0x2000,%ax
 *   1a: 8e c0        mov %ax,%es
 *   1c: bf 10 00     mov $0x10,%di
 *   1f: b0 77        mov $0x77,%al
 *   21: aa           stos %al,%es:(%di)
 *   22: 8d 77 10     lea 0x10(%bx),%si         ; an offset: no base, wraps
 *   25: e8 01 00     call 29
 *   28: f4           hlt
 *   29: 89 e5        mov %sp,%bp
 *   2b: 8b 56 00     mov 0x0(%bp),%dx          ; [bp] is in SS
 *   2e: c3           ret */
static const uint8_t code_real[] = {
    0xb8, 0x34, 0x12, 0x8e, 0xd8, 0xbb, 0xff, 0xff, 0xc6, 0x47, 0x02, 0x5a, 0xb8, 0x00, 0x30, 0x8e,
    0xd0, 0x31, 0xe4, 0xb9, 0xef, 0xbe, 0x51, 0xb8, 0x00, 0x20, 0x8e, 0xc0, 0xbf, 0x10, 0x00, 0xb0,
    0x77, 0xaa, 0x8d, 0x77, 0x10, 0xe8, 0x01, 0x00, 0xf4, 0x89, 0xe5, 0x8b, 0x56, 0x00, 0xc3,
};

/* SDM vol. 3 §20.1.1: linear = selector * 16 + offset, offsets wrap at
 * 64 KiB; vol. 2 CALL: a near call pushes IP (the offset, not the linear
 * address); HLT stops with CS:IP at the next instruction. */
static void run_real_mode_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    start_real(&r, 0x0100, code_real, sizeof(code_real));
    g_assert_cmpint(run(&r), ==, EXIT_HALT);
    X86Cpu *cpu = r.cpu;
    g_assert_cmphex(r.ram[0x12341], ==, 0x5a);
    g_assert_cmphex(ram16(&r, 0x3fffe), ==, 0xbeef);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0xfffe);
    g_assert_cmphex(r.ram[0x20010], ==, 0x77);
    g_assert_cmphex(cpu->regs[X86_RDI], ==, 0x11);
    g_assert_cmphex(cpu->regs[X86_RSI], ==, 0x000f);
    g_assert_cmphex(cpu->regs[X86_RBP], ==, 0xfffc);
    g_assert_cmphex(cpu->regs[X86_RDX], ==, 0x0028);
    g_assert_cmphex(cpu->common.pc, ==, 0x1029);
    g_assert_true(cpu->sys.halted);
    rig_close(&r);
}

static void test_real_mode(void)
{
    on_each_backend(run_real_mode_on);
}

/* ---- real to protected mode -------------------------------------------------------------- */

/* Run at 0000:1000 (.code16, then .code32 from 12):
 *    0: 0f 01 16 48 10          lgdtw 0x1048
 *    5: 0f 20 c0                mov %cr0,%eax
 *    8: 0c 01                   or $0x1,%al
 *    a: 0f 22 c0                mov %eax,%cr0
 *    d: ea 12 10 08 00          ljmp $0x8,$0x1012
 *   12: 66 b8 10 00             mov $0x10,%ax
 *   16: 8e d8                   mov %eax,%ds
 *   18: 8e d0                   mov %eax,%ss
 *   1a: bc 00 90 00 00          mov $0x9000,%esp
 *   1f: c7 05 00 20 00 00 ef be ad de   movl $0xdeadbeef,0x2000
 *   29: 54                      push %esp
 *   2a: 0f 01 e3                smsw %ebx
 *   2d: f4                      hlt
 *   30: the GDT: null; code 0x00cf9a000000ffff; data 0x00cf92000000ffff
 *   48: its image: limit 0x17, base 0x1030 */
static const uint8_t code_protected[] = {
    0x0f, 0x01, 0x16, 0x48, 0x10, 0x0f, 0x20, 0xc0, 0x0c, 0x01, 0x0f, 0x22, 0xc0, 0xea, 0x12, 0x10,
    0x08, 0x00, 0x66, 0xb8, 0x10, 0x00, 0x8e, 0xd8, 0x8e, 0xd0, 0xbc, 0x00, 0x90, 0x00, 0x00, 0xc7,
    0x05, 0x00, 0x20, 0x00, 0x00, 0xef, 0xbe, 0xad, 0xde, 0x54, 0x0f, 0x01, 0xe3, 0xf4, 0x66, 0x90,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x00, 0x9a, 0xcf, 0x00,
    0xff, 0xff, 0x00, 0x00, 0x00, 0x92, 0xcf, 0x00, 0x17, 0x00, 0x30, 0x10, 0x00, 0x00,
};

/* SDM vol. 3 §9.9.1: lgdt, CR0.PE, a far jump to a 32-bit code segment;
 * then flat 32-bit data. vol. 2 PUSH: push esp stores ESP as it was
 * before the push; SMSW r32: CR0's low 16 bits (the rest undefined). */
static void run_protected_switch_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    memcpy(r.ram + 0x1000, code_protected, sizeof(code_protected));
    for (int s = 0; s < X86_NSEGS; s++)
        set_real_segment(r.cpu, s, 0);
    x86_sys_update_tb_flags(r.cpu);
    x86_sys_set_ip(r.cpu, 0x1000);
    g_assert_cmpint(run(&r), ==, EXIT_HALT);
    X86Cpu *cpu = r.cpu;
    g_assert_cmphex(cpu->sys.gdtr.base, ==, 0x1030);
    g_assert_cmphex(cpu->sys.gdtr.limit, ==, 0x17);
    g_assert_cmphex(cpu->sys.cr0, ==, 0x60000011);
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, 0x08);
    g_assert_cmphex(cpu->seg_sel[X86_SS], ==, 0x10);
    g_assert_cmphex(ram32(&r, 0x2000), ==, 0xdeadbeef);
    g_assert_cmphex(ram32(&r, 0x8ffc), ==, 0x9000);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0x8ffc);
    g_assert_cmphex(cpu->regs[X86_RBX] & 0xffff, ==, 0x0011);
    g_assert_cmphex(cpu->common.pc, ==, 0x102e);
    uint32_t tbf = cpu->common.tb_flags;
    uint32_t modes = X86_TBF_PE | X86_TBF_CS32 | X86_TBF_SS32;
    g_assert_cmphex(tbf & modes, ==, modes);
    g_assert_false(tbf & X86_TBF_ADDSEG); /* flat: DS, ES, SS bases 0 */
    rig_close(&r);
}

static void test_protected_switch(void)
{
    on_each_backend(run_protected_switch_on);
}

/* ---- far transfers and descriptor-table registers in real mode ------------------------------ */

/* Run at 0100:0000 (.code16), the GDTR image 0x1234 / 12345678 at 0100:0040:
 *    0: bb 34 12          mov $0x1234,%bx
 *    3: cd 42             int $0x42              ; IVT[0x42] = 0050:0000
 *    5: 9a 00 00 60 00    lcall $0x60,$0x0
 *    a: 0f 01 16 40 00    lgdtw 0x40
 *    f: 0f 01 06 50 00    sgdtw 0x50
 *   14: f4                hlt
 * at 0050:0000 and 0060:0000:
 *    0: 43 cf             inc %bx; iret
 *    0: 41 cb             inc %cx; lret */
static const uint8_t code_far[] = {
    0xbb, 0x34, 0x12, 0xcd, 0x42, 0x9a, 0x00, 0x00, 0x60, 0x00, 0x0f,
    0x01, 0x16, 0x40, 0x00, 0x0f, 0x01, 0x06, 0x50, 0x00, 0xf4,
};
static const uint8_t code_int_handler[] = {0x43, 0xcf};
static const uint8_t code_far_routine[] = {0x41, 0xcb};
static const uint8_t gdtr_image[] = {0x34, 0x12, 0x78, 0x56, 0x34, 0x12};

/* SDM vol. 3 §20.1.4: int n through the IVT and iret back; vol. 2 CALL
 * (far) / RET (far) in real mode; LGDT with a 16-bit operand size keeps
 * 24 bits of the base; SGDT outside 64-bit mode stores the limit and a
 * 32-bit base. */
static void run_far_transfers_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    X86Cpu *cpu = r.cpu;
    memcpy(r.ram + 0x500, code_int_handler, sizeof(code_int_handler));
    memcpy(r.ram + 0x600, code_far_routine, sizeof(code_far_routine));
    memcpy(r.ram + 0x1040, gdtr_image, sizeof(gdtr_image));
    uint32_t vector_entry = 0x0050u << 16;
    memcpy(r.ram + 4 * 0x42, &vector_entry, 4);
    start_real(&r, 0x0100, code_far, sizeof(code_far));
    g_assert_cmpint(run(&r), ==, EXIT_HALT);
    g_assert_cmphex(cpu->regs[X86_RBX], ==, 0x1235);
    g_assert_cmphex(cpu->regs[X86_RCX], ==, 1);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0);
    g_assert_cmphex(cpu->seg_sel[X86_CS], ==, 0x0100);
    g_assert_cmphex(cpu->common.pc, ==, 0x1015);
    g_assert_cmphex(cpu->sys.gdtr.limit, ==, 0x1234);
    g_assert_cmphex(cpu->sys.gdtr.base, ==, 0x345678);
    g_assert_cmphex(ram16(&r, 0x1050), ==, 0x1234);
    g_assert_cmphex(ram32(&r, 0x1052), ==, 0x345678);
    rig_close(&r);
}

static void test_far_transfers(void)
{
    on_each_backend(run_far_transfers_on);
}

/* ---- port I/O ------------------------------------------------------------------------------ */

/* Run at 0100:0000 (.code16), "abc" at 0100:0020:
 *    0: b0 42        mov $0x42,%al
 *    2: e6 80        out %al,$0x80
 *    4: ba 80 00     mov $0x80,%dx
 *    7: ed           in (%dx),%ax
 *    8: 89 c3        mov %ax,%bx
 *    a: e4 99        in $0x99,%al               ; nothing there
 *    c: 88 c1        mov %al,%cl
 *    e: be 20 00     mov $0x20,%si
 *   11: b9 03 00     mov $0x3,%cx
 *   14: f3 6e        rep outsb %ds:(%si),(%dx)
 *   16: f4           hlt */
static const uint8_t code_io[] = {
    0xb0, 0x42, 0xe6, 0x80, 0xba, 0x80, 0x00, 0xed, 0x89, 0xc3, 0xe4, 0x99,
    0x88, 0xc1, 0xbe, 0x20, 0x00, 0xb9, 0x03, 0x00, 0xf3, 0x6e, 0xf4,
};

/* SDM vol. 2 IN/OUT/OUTS: the port from imm8 or DX, the size from the
 * opcode and operand size; rep outs: CX times from DS:SI upwards. An ISA
 * port nothing decodes reads as all ones (the bus floats high). */
static void run_port_io_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    memcpy(r.ram + 0x1020, "abc", 3);
    start_real(&r, 0x0100, code_io, sizeof(code_io));
    g_assert_cmpint(run(&r), ==, EXIT_HALT);
    X86Cpu *cpu = r.cpu;
    g_assert_cmpuint(r.nwrites, ==, 4);
    g_assert_cmphex(r.writes[0].port, ==, 0x80);
    g_assert_cmphex(r.writes[0].value, ==, 0x42);
    g_assert_cmpuint(r.writes[0].size, ==, 1);
    for (unsigned k = 0; k < 3; k++) {
        g_assert_cmphex(r.writes[1 + k].value, ==, (uint64_t) "abc"[k]);
        g_assert_cmpuint(r.writes[1 + k].size, ==, 1);
    }
    g_assert_cmphex(cpu->regs[X86_RBX] & 0xffff, ==, 0xbeef);
    g_assert_cmphex(cpu->regs[X86_RCX] & 0xff00, ==, 0); /* CX counted down to 0 */
    g_assert_cmphex(cpu->regs[X86_RSI], ==, 0x23);
    rig_close(&r);
}

static void test_port_io(void)
{
    on_each_backend(run_port_io_on);
}

/* in al,dx at CPL 3 in protected mode with IOPL 0: allowed only where
 * the TSS's I/O permission bitmap has the port's bit clear, inside the
 * TSS's limit (SDM vol. 1 §18.5.1-2); else #GP(0) at the in. */
static const uint8_t code_in_dx[] = {0xec, 0x0f, 0x0b}; /* in (%dx),%al; ud2 */

enum { TSS_AT = 0x400, IOMAP_OFFSET = 0x68 };

static ExitReason run_in_at_cpl3(Rig *r, uint32_t tss_limit, uint8_t port_0x80_bits)
{
    X86Cpu *cpu = r->cpu;
    memcpy(r->ram + 0x3000, code_in_dx, sizeof(code_in_dx));
    uint16_t iomap = IOMAP_OFFSET;
    memcpy(r->ram + TSS_AT + 0x66, &iomap, 2);
    r->ram[TSS_AT + IOMAP_OFFSET + 0x80 / 8] = port_0x80_bits;
    cpu->sys.tr = (X86SysSeg){.sel = 0x28, .base = TSS_AT, .limit = tss_limit, .flags = X86_SEG_P | 0xb};
    cpu->sys.cr0 |= X86_CR0_PE;
    cpu->seg_sel[X86_CS] = 0x1b; /* RPL 3: CPL 3 */
    cpu->seg_base[X86_CS] = 0;
    cpu->sys.seg[X86_CS].flags |= X86_SEG_DB;
    cpu->regs[X86_RDX] = 0x80;
    x86_sys_update_tb_flags(cpu);
    x86_sys_set_ip(cpu, 0x3000);
    return run(r);
}

static void run_io_privilege_on(const Backend *backend)
{
    static const struct {
        uint32_t tss_limit;
        uint8_t bits;
        bool allowed;
    } cases[] = {
        {0x67, 0, false},  /* the bitmap lies beyond the limit */
        {0x200, 0, true},  /* port 0x80's bit clear */
        {0x200, 1, false}, /* port 0x80's bit set */
    };
    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        Rig r;
        rig_open(&r, backend);
        X86Cpu *cpu = r.cpu;
        ExitReason why = run_in_at_cpl3(&r, cases[k].tss_limit, cases[k].bits);
        if (cases[k].allowed) {
            g_assert_cmpint(why, ==, EXIT_ILLEGAL); /* at the ud2 */
            g_assert_cmphex(cpu->regs[X86_RAX] & 0xff, ==, 0xef);
        } else {
            g_assert_cmpint(why, ==, EXIT_TRAP);
            g_assert_cmpint(cpu->sys.pending_exception, ==, X86_EXC_GP);
            g_assert_cmphex(cpu->sys.pending_error_code, ==, 0);
            g_assert_cmphex(cpu->common.pc, ==, 0x3000);
        }
        rig_close(&r);
    }
}

static void test_io_privilege(void)
{
    on_each_backend(run_io_privilege_on);
}

/* ---- MSRs ------------------------------------------------------------------------------------ */

/* Run at 0100:0000 (.code16):
 *    0: 66 b9 80 00 00 c0    mov $0xc0000080,%ecx   ; IA32_EFER
 *    6: 0f 32                rdmsr
 *    8: 66 89 c6             mov %eax,%esi
 *    b: 66 0d 01 09 00 00    or $0x901,%eax         ; SCE LME NXE
 *   11: 0f 30                wrmsr
 *   13: 66 31 c0             xor %eax,%eax
 *   16: 0f 32                rdmsr
 *   18: 66 89 c7             mov %eax,%edi
 *   1b: 66 b9 77 02 00 00    mov $0x277,%ecx        ; IA32_PAT
 *   21: 0f 32                rdmsr
 *   23: 66 89 c3             mov %eax,%ebx
 *   26: 66 89 d5             mov %edx,%ebp
 *   29: 66 b9 78 56 34 12    mov $0x12345678,%ecx   ; no such MSR
 *   2f: 0f 32                rdmsr
 *   31: f4                   hlt */
static const uint8_t code_msr[] = {
    0x66, 0xb9, 0x80, 0x00, 0x00, 0xc0, 0x0f, 0x32, 0x66, 0x89, 0xc6, 0x66, 0x0d, 0x01, 0x09, 0x00, 0x00,
    0x0f, 0x30, 0x66, 0x31, 0xc0, 0x0f, 0x32, 0x66, 0x89, 0xc7, 0x66, 0xb9, 0x77, 0x02, 0x00, 0x00, 0x0f,
    0x32, 0x66, 0x89, 0xc3, 0x66, 0x89, 0xd5, 0x66, 0xb9, 0x78, 0x56, 0x34, 0x12, 0x0f, 0x32, 0xf4,
};

/* SDM vol. 4 table 2-2 / vol. 3 §2.2.1: EFER is 0 after reset; SCE, LME
 * and NXE are writable; LMA stays clear without paging. vol. 3 §11.12.4:
 * PAT resets to 0007040600070406. vol. 2 RDMSR: an MSR the cpu lacks is
 * #GP(0) at the rdmsr. */
static void run_msr_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    start_real(&r, 0x0100, code_msr, sizeof(code_msr));
    g_assert_cmpint(run(&r), ==, EXIT_TRAP);
    X86Cpu *cpu = r.cpu;
    g_assert_cmphex(cpu->regs[X86_RSI], ==, 0);
    g_assert_cmphex(cpu->regs[X86_RDI], ==, 0x901);
    g_assert_cmphex(cpu->sys.efer, ==, 0x901);
    g_assert_cmphex(cpu->regs[X86_RBX], ==, 0x00070406);
    g_assert_cmphex(cpu->regs[X86_RBP], ==, 0x00070406);
    g_assert_cmpint(cpu->sys.pending_exception, ==, X86_EXC_GP);
    g_assert_cmphex(cpu->sys.pending_error_code, ==, 0);
    g_assert_cmphex(cpu->common.pc, ==, 0x102f);
    rig_close(&r);
}

static void test_msr(void)
{
    on_each_backend(run_msr_on);
}

/* ---- control registers -------------------------------------------------------------------- */

/* Run at 0100:0000 (.code16):
 *    0: 0f 20 c0             mov %cr0,%eax
 *    3: 66 89 c6             mov %eax,%esi
 *    6: 66 83 c8 08          or $0x8,%eax            ; TS
 *    a: 0f 22 c0             mov %eax,%cr0
 *    d: 0f 06                clts
 *    f: 0f 20 c7             mov %cr0,%edi
 *   12: 66 bb 00 10 00 00    mov $0x1000,%ebx
 *   18: 0f 22 db             mov %ebx,%cr3
 *   1b: 66 b8 20 00 00 00    mov $0x20,%eax          ; PAE
 *   21: 0f 22 e0             mov %eax,%cr4
 *   24: 0f 20 e2             mov %cr4,%edx
 *   27: 0f 20 dd             mov %cr3,%ebp
 *   2a: 66 b8 00 00 40 00    mov $0x400000,%eax      ; PKE: the cpu has none
 *   30: 0f 22 e0             mov %eax,%cr4
 *   33: f4                   hlt */
static const uint8_t code_cr[] = {
    0x0f, 0x20, 0xc0, 0x66, 0x89, 0xc6, 0x66, 0x83, 0xc8, 0x08, 0x0f, 0x22, 0xc0,
    0x0f, 0x06, 0x0f, 0x20, 0xc7, 0x66, 0xbb, 0x00, 0x10, 0x00, 0x00, 0x0f, 0x22,
    0xdb, 0x66, 0xb8, 0x20, 0x00, 0x00, 0x00, 0x0f, 0x22, 0xe0, 0x0f, 0x20, 0xe2,
    0x0f, 0x20, 0xdd, 0x66, 0xb8, 0x00, 0x00, 0x40, 0x00, 0x0f, 0x22, 0xe0, 0xf4,
};

/* SDM vol. 3 §2.5: CR0 reads 60000010 after reset; CLTS clears TS; CR3
 * and CR4 read back what was written; setting a CR4 bit of a feature
 * the cpu lacks (PKE, bit 22) is #GP(0) at the mov. */
static void run_control_registers_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    start_real(&r, 0x0100, code_cr, sizeof(code_cr));
    g_assert_cmpint(run(&r), ==, EXIT_TRAP);
    X86Cpu *cpu = r.cpu;
    g_assert_cmphex(cpu->regs[X86_RSI], ==, 0x60000010);
    g_assert_cmphex(cpu->regs[X86_RDI], ==, 0x60000010);
    g_assert_cmphex(cpu->regs[X86_RDX], ==, 0x20);
    g_assert_cmphex(cpu->regs[X86_RBP], ==, 0x1000);
    g_assert_cmphex(cpu->sys.cr4, ==, 0x20);
    g_assert_cmpint(cpu->sys.pending_exception, ==, X86_EXC_GP);
    g_assert_cmphex(cpu->common.pc, ==, 0x1030);
    rig_close(&r);
}

static void test_control_registers(void)
{
    on_each_backend(run_control_registers_on);
}

/* ---- descriptor queries ------------------------------------------------------------------------ */

/* Run at 0x3000 in flat 32-bit protected mode at CPL 0 (.code32):
 *    0: be 55 55 00 00    mov $0x5555,%esi
 *    5: b8 20 00 00 00    mov $0x20,%eax
 *    a: 0f 03 d8          lsl %eax,%ebx        ; byte-granular data, limit 0x1234
 *    d: 0f 02 c8          lar %eax,%ecx
 *   10: b8 08 00 00 00    mov $0x8,%eax
 *   15: 0f 00 e8          verw %ax             ; code: not writable
 *   18: 0f 94 c2          sete %dl
 *   1b: b8 10 00 00 00    mov $0x10,%eax
 *   20: 0f 00 e0          verr %ax             ; data: readable
 *   23: 0f 94 c6          sete %dh
 *   26: b8 38 00 00 00    mov $0x38,%eax
 *   2b: 0f 03 f0          lsl %eax,%esi        ; beyond the GDT's limit
 *   2e: 0f 94 c0          sete %al
 *   31: f4                hlt */
static const uint8_t code_query[] = {
    0xbe, 0x55, 0x55, 0x00, 0x00, 0xb8, 0x20, 0x00, 0x00, 0x00, 0x0f, 0x03, 0xd8, 0x0f, 0x02, 0xc8, 0xb8,
    0x08, 0x00, 0x00, 0x00, 0x0f, 0x00, 0xe8, 0x0f, 0x94, 0xc2, 0xb8, 0x10, 0x00, 0x00, 0x00, 0x0f, 0x00,
    0xe0, 0x0f, 0x94, 0xc6, 0xb8, 0x38, 0x00, 0x00, 0x00, 0x0f, 0x03, 0xf0, 0x0f, 0x94, 0xc0, 0xf4,
};

/* null, flat code, flat data, DPL 3 data, data with limit 0x1234 (G = 0) */
static const uint64_t query_gdt[] = {
    0, 0x00cf9a000000ffffull, 0x00cf92000000ffffull, 0x00cff2000000ffffull, 0x0000920000001234ull,
};

/* SDM vol. 2 LSL: the limit, scaled by G; LAR: the descriptor's second
 * dword masked by 00F0FF00H; VERR/VERW: ZF = readable/writable from this
 * privilege level; a selector beyond the table: ZF = 0, the destination
 * unchanged. */
static void run_descriptor_queries_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    X86Cpu *cpu = r.cpu;
    memcpy(r.ram + 0x800, query_gdt, sizeof(query_gdt));
    memcpy(r.ram + 0x3000, code_query, sizeof(code_query));
    cpu->sys.gdtr = (X86DescTable){.base = 0x800, .limit = sizeof(query_gdt) - 1};
    cpu->sys.cr0 |= X86_CR0_PE;
    for (int s = 0; s < X86_NSEGS; s++) {
        cpu->seg_sel[s] = s == X86_CS ? 0x08 : 0x10;
        cpu->seg_base[s] = 0;
        cpu->sys.seg[s] =
            (X86SegCache){.limit = 0xffffffff, .flags = X86_SEG_P | X86_SEG_S | X86_SEG_DB | X86_SEG_G};
    }
    x86_sys_update_tb_flags(cpu);
    x86_sys_set_ip(cpu, 0x3000);
    g_assert_cmpint(run(&r), ==, EXIT_HALT);
    g_assert_cmphex(cpu->regs[X86_RBX], ==, 0x1234);
    g_assert_cmphex(cpu->regs[X86_RCX], ==, 0x00009200);
    g_assert_cmphex(cpu->regs[X86_RDX] & 0xffff, ==, 0x0100); /* DH = 1 (verr), DL = 0 (verw) */
    g_assert_cmphex(cpu->regs[X86_RSI], ==, 0x5555);
    g_assert_cmphex(cpu->regs[X86_RAX] & 0xff, ==, 0);
    rig_close(&r);
}

static void test_descriptor_queries(void)
{
    on_each_backend(run_descriptor_queries_on);
}

/* ---- the interrupt shadow ------------------------------------------------------------------ */

enum { TIMER_VECTOR = 0x20, HANDLER_SEG = 0x0050 };

static int ack_timer(void *opaque)
{
    (void)opaque;
    return TIMER_VECTOR;
}

/* At 0100:0000 with INTR already asserted (.code16):
 *    0: fb    sti
 *    1: 40    inc %ax
 *    2: 40    inc %ax
 *    3: f4    hlt
 * and the handler at 0050:0000:
 *    0: 89 c1 mov %ax,%cx
 *    2: f4    hlt */
static const uint8_t code_sti[] = {0xfb, 0x40, 0x40, 0xf4};
static const uint8_t code_sti_handler[] = {0x89, 0xc1, 0xf4};

/* SDM vol. 2 STI: with IF clear before, the processor takes external
 * interrupts only after the instruction following STI; vol. 3 §20.1.4:
 * a real-mode interrupt pushes FLAGS, CS, IP (that of the next
 * instruction) and clears IF, entering through the IVT at vector * 4. */
static void run_sti_shadow_on(const Backend *backend)
{
    Rig r;
    rig_open(&r, backend);
    X86Cpu *cpu = r.cpu;
    memcpy(r.ram + (HANDLER_SEG << 4), code_sti_handler, sizeof(code_sti_handler));
    uint32_t vector_entry = (uint32_t)HANDLER_SEG << 16; /* segment:offset 0050:0000 */
    memcpy(r.ram + 4 * TIMER_VECTOR, &vector_entry, 4);
    start_real(&r, 0x0100, code_sti, sizeof(code_sti));
    cpu->sys.board.intr_ack = ack_timer;
    x86_pc_guest.sys->set_irq(&cpu->common, X86_IRQ_INTR, 1);
    g_assert_cmpint(run(&r), ==, EXIT_HALT);
    g_assert_cmphex(cpu->regs[X86_RCX], ==, 1);
    g_assert_cmphex(cpu->common.pc, ==, (HANDLER_SEG << 4) + 3);
    g_assert_cmphex(cpu->regs[X86_RSP], ==, 0xfffa);
    g_assert_cmphex(ram16(&r, 0x10ffa), ==, 0x0002); /* IP after the first inc */
    g_assert_cmphex(ram16(&r, 0x10ffc), ==, 0x0100); /* CS */
    g_assert_true(ram16(&r, 0x10ffe) & X86_IF);      /* FLAGS as sti left them */
    g_assert_false(x86_get_eflags(cpu) & X86_IF);
    rig_close(&r);
}

static void test_sti_shadow(void)
{
    on_each_backend(run_sti_shadow_on);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86_sys_insn/reset_state", test_reset_state);
    g_test_add_func("/x86_sys_insn/gdb_registers", test_gdb_registers);
    g_test_add_func("/x86_sys_insn/real_mode", test_real_mode);
    g_test_add_func("/x86_sys_insn/protected_switch", test_protected_switch);
    g_test_add_func("/x86_sys_insn/far_transfers", test_far_transfers);
    g_test_add_func("/x86_sys_insn/port_io", test_port_io);
    g_test_add_func("/x86_sys_insn/io_privilege", test_io_privilege);
    g_test_add_func("/x86_sys_insn/msr", test_msr);
    g_test_add_func("/x86_sys_insn/control_registers", test_control_registers);
    g_test_add_func("/x86_sys_insn/descriptor_queries", test_descriptor_queries);
    g_test_add_func("/x86_sys_insn/sti_shadow", test_sti_shadow);
    return g_test_run();
}
