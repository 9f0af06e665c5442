/* frontend/x86/sys_gdb.c — the system cpu's registers as the GDB stub
 * reads and writes them (machines/gdbstub.c through GuestSysOps), and the
 * target description that names them: GDB's i386 core, SSE and segments
 * features (gdb/features/i386/64bit-*.xml name and order them) and a
 * feature of our own for the system registers, as QEMU's x86-64 view has
 * them (k_gs_base, cr0-cr8, efer).
 *
 * One table per feature (X-macro lists) gives each register its name,
 * GDB type, size and where it lives, and also writes its line of the
 * description, so numbering and XML cannot drift apart. rip is the
 * offset in CS (pc is linear in system mode).
 */
#include <string.h>

#include "frontend/x86/sys.h"
#include "frontend/x86/sys_gdb.h"
#include "frontend/x86/x87.h"

/* Where a register lives: its kind, and an index or offset. */
typedef enum GdbKind {
    GDB_GPR, /* regs[where] */
    GDB_RIP,
    GDB_EFLAGS,
    GDB_SELECTOR, /* seg_sel[where] */
    GDB_ST,       /* ST(where) */
    GDB_X87,      /* x87 control register `where` (X87_FCTRL ..) */
    GDB_XMM,      /* xmm[where] */
    GDB_MXCSR,
    GDB_U64, /* the uint64_t at byte offset `where` of X86Cpu */
    GDB_CR,  /* CR`where` */
    GDB_EFER,
} GdbKind;

enum { X87_FCTRL, X87_FSTAT, X87_FTAG, X87_FISEG, X87_FIOFF, X87_FOSEG, X87_FOOFF, X87_FOP };

#define CPU_OFF(field) ((uint32_t)offsetof(X86Cpu, field))

/* clang-format off */
/* name, bits, GDB type, kind, where */
#define X86_GDB_CORE(X)                                                                            \
    X("rax", 64, "int64", GDB_GPR, X86_RAX) X("rbx", 64, "int64", GDB_GPR, X86_RBX)                \
    X("rcx", 64, "int64", GDB_GPR, X86_RCX) X("rdx", 64, "int64", GDB_GPR, X86_RDX)                \
    X("rsi", 64, "int64", GDB_GPR, X86_RSI) X("rdi", 64, "int64", GDB_GPR, X86_RDI)                \
    X("rbp", 64, "data_ptr", GDB_GPR, X86_RBP) X("rsp", 64, "data_ptr", GDB_GPR, X86_RSP)          \
    X("r8", 64, "int64", GDB_GPR, X86_R8) X("r9", 64, "int64", GDB_GPR, X86_R9)                    \
    X("r10", 64, "int64", GDB_GPR, X86_R10) X("r11", 64, "int64", GDB_GPR, X86_R11)                \
    X("r12", 64, "int64", GDB_GPR, X86_R12) X("r13", 64, "int64", GDB_GPR, X86_R13)                \
    X("r14", 64, "int64", GDB_GPR, X86_R14) X("r15", 64, "int64", GDB_GPR, X86_R15)                \
    X("rip", 64, "code_ptr", GDB_RIP, 0) X("eflags", 32, "int32", GDB_EFLAGS, 0)                    \
    X("cs", 32, "int32", GDB_SELECTOR, X86_CS) X("ss", 32, "int32", GDB_SELECTOR, X86_SS)          \
    X("ds", 32, "int32", GDB_SELECTOR, X86_DS) X("es", 32, "int32", GDB_SELECTOR, X86_ES)          \
    X("fs", 32, "int32", GDB_SELECTOR, X86_FS) X("gs", 32, "int32", GDB_SELECTOR, X86_GS)          \
    X("st0", 80, "i387_ext", GDB_ST, 0) X("st1", 80, "i387_ext", GDB_ST, 1)                        \
    X("st2", 80, "i387_ext", GDB_ST, 2) X("st3", 80, "i387_ext", GDB_ST, 3)                        \
    X("st4", 80, "i387_ext", GDB_ST, 4) X("st5", 80, "i387_ext", GDB_ST, 5)                        \
    X("st6", 80, "i387_ext", GDB_ST, 6) X("st7", 80, "i387_ext", GDB_ST, 7)                        \
    X("fctrl", 32, "int", GDB_X87, X87_FCTRL) X("fstat", 32, "int", GDB_X87, X87_FSTAT)            \
    X("ftag", 32, "int", GDB_X87, X87_FTAG) X("fiseg", 32, "int", GDB_X87, X87_FISEG)              \
    X("fioff", 32, "int", GDB_X87, X87_FIOFF) X("foseg", 32, "int", GDB_X87, X87_FOSEG)            \
    X("fooff", 32, "int", GDB_X87, X87_FOOFF) X("fop", 32, "int", GDB_X87, X87_FOP)

#define X86_GDB_SSE(X)                                                                             \
    X("xmm0", 128, "uint128", GDB_XMM, 0) X("xmm1", 128, "uint128", GDB_XMM, 1)                    \
    X("xmm2", 128, "uint128", GDB_XMM, 2) X("xmm3", 128, "uint128", GDB_XMM, 3)                    \
    X("xmm4", 128, "uint128", GDB_XMM, 4) X("xmm5", 128, "uint128", GDB_XMM, 5)                    \
    X("xmm6", 128, "uint128", GDB_XMM, 6) X("xmm7", 128, "uint128", GDB_XMM, 7)                    \
    X("xmm8", 128, "uint128", GDB_XMM, 8) X("xmm9", 128, "uint128", GDB_XMM, 9)                    \
    X("xmm10", 128, "uint128", GDB_XMM, 10) X("xmm11", 128, "uint128", GDB_XMM, 11)                \
    X("xmm12", 128, "uint128", GDB_XMM, 12) X("xmm13", 128, "uint128", GDB_XMM, 13)                \
    X("xmm14", 128, "uint128", GDB_XMM, 14) X("xmm15", 128, "uint128", GDB_XMM, 15)                \
    X("mxcsr", 32, "int", GDB_MXCSR, 0)

#define X86_GDB_SEGMENTS(X)                                                                        \
    X("fs_base", 64, "int64", GDB_U64, X86_SEG_BASE_OFF(X86_FS))                                   \
    X("gs_base", 64, "int64", GDB_U64, X86_SEG_BASE_OFF(X86_GS))

#define X86_GDB_SYSTEM(X)                                                                          \
    X("k_gs_base", 64, "int64", GDB_U64, CPU_OFF(sys.kernel_gs_base))                              \
    X("cr0", 64, "int64", GDB_CR, 0) X("cr2", 64, "int64", GDB_CR, 2)                              \
    X("cr3", 64, "int64", GDB_CR, 3) X("cr4", 64, "int64", GDB_CR, 4)                              \
    X("cr8", 64, "int64", GDB_CR, 8) X("efer", 64, "int64", GDB_EFER, 0)

#define X86_GDB_XML_LINE(name, bits, type, kind, where)                                            \
    "    <reg name=\"" name "\" bitsize=\"" #bits "\" type=\"" type "\"/>\n"

const char x86_sys_gdb_xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\">\n"
    "  <architecture>i386:x86-64</architecture>\n"
    "  <feature name=\"org.gnu.gdb.i386.core\">\n"
    X86_GDB_CORE(X86_GDB_XML_LINE)
    "  </feature>\n"
    "  <feature name=\"org.gnu.gdb.i386.sse\">\n"
    X86_GDB_SSE(X86_GDB_XML_LINE)
    "  </feature>\n"
    "  <feature name=\"org.gnu.gdb.i386.segments\">\n"
    X86_GDB_SEGMENTS(X86_GDB_XML_LINE)
    "  </feature>\n"
    "  <feature name=\"org.morph.x86.system\">\n"
    X86_GDB_SYSTEM(X86_GDB_XML_LINE)
    "  </feature>\n"
    "</target>\n";
/* clang-format on */

typedef struct GdbReg {
    uint8_t bytes;
    uint8_t kind;
    uint32_t where;
} GdbReg;

#define X86_GDB_ROW(name, bits, type, kind, where) {(bits) / 8, kind, where},

static const GdbReg gdb_regs[] = {X86_GDB_CORE(X86_GDB_ROW) X86_GDB_SSE(X86_GDB_ROW)
                                      X86_GDB_SEGMENTS(X86_GDB_ROW) X86_GDB_SYSTEM(X86_GDB_ROW)};
_Static_assert(sizeof(gdb_regs) / sizeof(gdb_regs[0]) == X86_SYS_GDB_NUM_REGS, "sys_gdb.h's count");

static uint64_t x87_control(const X86Cpu *cpu, unsigned which)
{
    switch (which) {
    case X87_FCTRL:
        return cpu->fpuc;
    case X87_FSTAT:
        return cpu->fpus | (cpu->fptop & 7) << 11;
    case X87_FTAG:
        return x86_x87_full_tag(cpu);
    case X87_FIOFF:
        return (uint32_t)cpu->fpip;
    case X87_FOOFF:
        return (uint32_t)cpu->fpdp;
    case X87_FOP:
        return cpu->fpop;
    default:
        return 0; /* the x87 selectors: morph keeps none */
    }
}

static uint64_t control_register(const X86Cpu *cpu, unsigned n)
{
    const X86Sys *s = &cpu->sys;
    return n == 0 ? s->cr0 : n == 2 ? s->cr2 : n == 3 ? s->cr3 : n == 4 ? s->cr4 : s->cr8;
}

/* Registers of at most 8 bytes as a value. */
static uint64_t read_scalar(X86Cpu *cpu, const GdbReg *r)
{
    switch (r->kind) {
    case GDB_GPR:
        return cpu->regs[r->where];
    case GDB_RIP:
        return x86_sys_ip_of(cpu, cpu->common.pc);
    case GDB_EFLAGS:
        return x86_get_eflags(cpu);
    case GDB_SELECTOR:
        return cpu->seg_sel[r->where];
    case GDB_X87:
        return x87_control(cpu, r->where);
    case GDB_MXCSR:
        return x86_get_mxcsr(cpu);
    case GDB_U64:
        return *(const uint64_t *)((const char *)cpu + r->where);
    case GDB_CR:
        return control_register(cpu, r->where);
    default:
        return cpu->sys.efer;
    }
}

static void put_le(uint8_t *buf, uint64_t v, unsigned bytes)
{
    for (unsigned i = 0; i < bytes; i++)
        buf[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *buf, unsigned bytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < bytes; i++)
        v |= (uint64_t)buf[i] << (8 * i);
    return v;
}

unsigned x86_sys_gdb_read_reg(CpuCommon *common, unsigned n, uint8_t *buf)
{
    X86Cpu *cpu = (X86Cpu *)common;
    if (n >= X86_SYS_GDB_NUM_REGS)
        return 0;
    const GdbReg *r = &gdb_regs[n];
    if (r->kind == GDB_ST)
        memcpy(buf, &cpu->st_phys[(cpu->fptop + r->where) & 7], r->bytes);
    else if (r->kind == GDB_XMM)
        memcpy(buf, cpu->xmm[r->where], r->bytes);
    else
        put_le(buf, read_scalar(cpu, r), r->bytes);
    return r->bytes;
}

/* Writes the debugger may make; the rest (selectors, x87 control state)
 * are read-only here and ignored. */
static void write_scalar(X86Cpu *cpu, const GdbReg *r, uint64_t v)
{
    switch (r->kind) {
    case GDB_GPR:
        cpu->regs[r->where] = v;
        break;
    case GDB_RIP:
        x86_sys_set_ip(cpu, v);
        break;
    case GDB_EFLAGS:
        x86_put_eflags(cpu, (uint32_t)v | 2, ~0u);
        x86_sys_update_tb_flags(cpu);
        break;
    case GDB_MXCSR:
        x86_set_mxcsr(cpu, (uint32_t)v);
        break;
    case GDB_U64:
        *(uint64_t *)((char *)cpu + r->where) = v;
        break;
    case GDB_CR:
        x86_sys_write_cr(cpu, r->where, v);
        break;
    case GDB_EFER:
        x86_sys_wrmsr(cpu, 0xc0000080u, v);
        break;
    default:
        break;
    }
}

unsigned x86_sys_gdb_write_reg(CpuCommon *common, unsigned n, const uint8_t *buf)
{
    X86Cpu *cpu = (X86Cpu *)common;
    if (n >= X86_SYS_GDB_NUM_REGS)
        return 0;
    const GdbReg *r = &gdb_regs[n];
    if (r->kind == GDB_ST)
        memcpy(&cpu->st_phys[(cpu->fptop + r->where) & 7], buf, r->bytes);
    else if (r->kind == GDB_XMM)
        memcpy(cpu->xmm[r->where], buf, r->bytes);
    else
        write_scalar(cpu, r, get_le(buf, r->bytes));
    return r->bytes;
}
