/* backend/x86_64/jit_internal.h — what the x86-64 JIT's files share: the
 * per-engine state, the code generation context of one block, and the
 * register allocator that the op generators (gen_int.c, gen_mem.c,
 * gen_ctl.c, gen_fp.c) call.
 *
 * Conventions of generated code
 *   r14 = env (the guest's CpuCommon, whole state struct: ld_env/st_env
 *         are [r14 + offset]); r15 = guest_base (guest memory is
 *         [r15 + zero-extended guest address]), or in system mode the
 *         cpu's SoftTlb (gen_mem.c); rsp = the one shared frame
 *         (16-byte aligned at every call, spill slots at [rsp + 8 * n]).
 *   Everything else is allocatable: GPRs for i32/i64, XMM for f32/f64.
 *   An i32 in a GPR is always zero-extended to 64 bits (32-bit x86 ops do
 *   it for free), so it is usable as a 64-bit address or operand as is.
 *   An f32 in an XMM register uses the low 32 bits; the rest is don't-care.
 *
 * How a generator uses the allocator, for one IR instruction:
 *
 *   X86Reg a = jit_in(c, in->use[0]);         operand in a register
 *   X86Reg d = jit_out_reuse(c, in->def[0], in->use[0]);
 *                                             result register holding a copy
 *                                             of use[0] (its own register when
 *                                             use[0] dies here): for x86's
 *                                             two-operand forms "d op= b"
 *   x86_fp_rr(&c->e, X86_FADD, f64, d, b);    emit into c->e
 *
 * Registers handed out for an instruction (operands, results, scratch,
 * claimed) stay locked until the instruction ends, so nothing the
 * generator asks for later can take them. The driver frees operands whose
 * last use this was, after the generator returns. Order inside a
 * generator: claim fixed registers, then fetch every operand (jit_in),
 * then ask for results (jit_out*), then emit. Everything the allocator
 * emits is moves and loads/stores, which keep the host flags, except
 * materializing a constant into a register (jit_in of a constant): get all
 * registers first, then emit a compare and its consumer.
 */
#ifndef MORPH_JIT_INTERNAL_H
#define MORPH_JIT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "backend/target.h"
#include "backend/x86_64/code_cache.h"
#include "backend/x86_64/emit.h"
#include "ir/ir.h"

/* Fixed registers of generated code. */
#define JIT_ENV X86_R14
#define JIT_GUEST_BASE X86_R15

/* Register sets as bit masks, bit n = X86Reg n. */
typedef uint32_t JitRegSet;
#define JIT_REG_BIT(r) ((JitRegSet)1u << (r))
#define JIT_GPRS                                                                                     \
    (JIT_REG_BIT(X86_RAX) | JIT_REG_BIT(X86_RCX) | JIT_REG_BIT(X86_RDX) | JIT_REG_BIT(X86_RBX) |     \
     JIT_REG_BIT(X86_RBP) | JIT_REG_BIT(X86_RSI) | JIT_REG_BIT(X86_RDI) | JIT_REG_BIT(X86_R8) |      \
     JIT_REG_BIT(X86_R9) | JIT_REG_BIT(X86_R10) | JIT_REG_BIT(X86_R11) | JIT_REG_BIT(X86_R12) |      \
     JIT_REG_BIT(X86_R13))
#define JIT_XMMS 0xffff0000u

/* Host CPU features the generators may use (CPUID, checked once). */
typedef struct JitFeatures {
    bool movbe, popcnt, lzcnt, bmi1, bmi2;
    bool fma; /* FMA3 with the OS saving AVX state */
} JitFeatures;

/* The spill area of the shared frame: slot 0 is the allocator's own
 * scratch, slots 1.. hold temps. */
enum { JIT_FRAME_SLOTS = 4096 };

/* Allocation state of one temp while its block is generated. */
typedef struct JitTemp {
    uint8_t type;       /* IrType */
    uint8_t reg;        /* X86Reg holding the value, or X86_NOREG */
    bool is_const;      /* the value is known: val */
    bool in_slot;       /* its frame slot holds the value */
    bool global;        /* lives across a label (see regalloc.c on labels) */
    bool dirty_listed;  /* on JitCtx.dirty (a global not yet in its slot) */
    bool across_call;   /* live across a helper call: prefers callee-saved */
    uint32_t slot;      /* frame slot, 0 = none yet */
    uint32_t last_use;  /* index of the last instruction that reads it */
    uint32_t const_since; /* the instruction that made it the constant val */
    uint64_t val;
} JitTemp;

/* One forward branch to a label, as the allocator saw it at the jump. */
typedef struct JitEdge {
    IrTemp owner[X86_NREGS]; /* the temp in each register */
    JitRegSet unsaved;       /* registers whose value the label needs is not in its slot */
    bool sets_insn_pc;       /* the way in stores env->insn_pc = insn_pc */
    uint64_t insn_pc;
    uint32_t next;           /* the label's previous branch (index + 1 into JitCtx.edges), 0: none */
    X86Label to;             /* where it jumps: the label, or a stub saving what the label lets go */
} JitEdge;

/* What the allocator knows about one label of the block (regalloc.c). */
typedef struct JitLabelState {
    uint32_t index;          /* the label's instruction */
    uint32_t first_branch;   /* the first branch to it generated, UINT32_MAX: none yet */
    uint32_t edges;          /* its last forward branch (index + 1 into JitCtx.edges), 0: none */
    bool back_target;        /* a branch after it jumps back to it */
    IrTemp owner[X86_NREGS]; /* the temp every branch so far left in each register */
} JitLabelState;

/* The JIT's state for one engine: its code cache and what lies in it. */
typedef struct JitState {
    CodeCache *cc;
    JitFeatures feat;
    /* The shared prologue: ExitReason enter(env, guest_base, block code). */
    int (*enter)(void *env, uint8_t *guest_base, const void *code);
    const uint8_t *epilogue;      /* eax = the reason; leaves enter() */
    const uint8_t *exit_unlinked; /* last_tb = NULL, last_slot = -1, EXIT_NONE */
    /* goto_ptr's second level: the jump cache for env->pc, else exit_unlinked. */
    const uint8_t *jump_cache_second_level;
    /* Entry offsets (from cc->exec) of the blocks in the cache, in address
     * order, for guest_pc_of; written before nblocks is published. */
    uint32_t *block_entry;
    size_t nblocks, block_cap;
    /* Scratch memory of the compile under way (jit_alloc), kept from one
     * compile to the next: the engine compiles one block at a time. */
    uint8_t *arena;
    size_t arena_cap, arena_used;
} JitState;

/* One argument of jit_call: a temp, or (temp 0) an immediate of `type`. */
typedef struct JitArg {
    IrTemp temp;
    IrType type;
    uint64_t imm;
} JitArg;

/* Where a guest instruction's host code begins (offset from the block's
 * entry); a block's table of these lies after its code. */
typedef struct JitInsnPc {
    uint64_t pc;
    int32_t host_off;
    uint32_t pad;
} JitInsnPc;

/* An integer compare with its operands in registers (or b an imm32). */
typedef struct JitCompare {
    X86Reg a, b;      /* b is X86_NOREG for an immediate */
    int32_t imm;
    bool w64;
    X86Cond cc;
} JitCompare;

/* A guest address fault kept out of line (gen_mem.c's address check):
 * its jcc jumps to `label`, emitted after the block's code, with the
 * faulting address still in `addr`. */
typedef struct JitAddrFault {
    X86Label label;
    X86Reg addr;
    uint64_t pc;              /* the guest instruction that faults */
} JitAddrFault;

/* A system-mode guest access (gen_mem.c): its hit path jumps to `slow`,
 * emitted after the block's code, when the TLB does not cover it; that
 * calls the softmmu with the live caller-saved registers saved and comes
 * back to `done`. */
typedef struct JitTlbMiss {
    X86Label slow, done;
    X86Reg addr;          /* the guest address */
    X86Reg index, page;   /* the hit path's scratch registers */
    X86Reg value;         /* a store's value, or X86_NOREG: value_imm */
    uint64_t value_imm;
    X86Reg dest;          /* a load's result, X86_NOREG for a store */
    uint32_t memop;
    bool w64;             /* the load's result is an i64 */
    JitRegSet saved;      /* caller-saved registers live across the call */
    uint64_t pc;          /* the guest instruction making the access */
} JitTlbMiss;

/* Code generation of one block. */
/* gen_x87.c: a slot operand, [env + index + disp] (a constant slot temp
 * has no index register, its value is disp), and the host x87 stack as a
 * cache of slot values across consecutive x87 ops. */
typedef struct X87Slot {
    IrTemp temp;
    X86Reg index;
    int32_t disp;
} X87Slot;

typedef struct X87Entry {
    X87Slot slot;  /* whose value this is (index: its register during the current op) */
    bool dirty;    /* newer than the slot in env */
} X87Entry;

typedef struct X87Cache {
    uint32_t next;          /* the op it is valid for */
    unsigned depth;
    X87Entry e[8];          /* e[k]: host ST(k) */
} X87Cache;

typedef struct JitCtx {
    X86Emit e;                /* the block's bytes (write view) */
    const uint8_t *exec;      /* exec address of e.buf[0] */
    JitState *js;
    const JitFeatures *feat;
    const IrBlock *ir;
    TranslationBlock *tb;
    uint32_t cur;             /* index of the instruction being generated */

    JitTemp *temps;           /* [ir->ntemps + 1] */
    IrTemp reg_owner[X86_NREGS]; /* the temp in each register, 0 = free */
    JitRegSet locked;         /* registers in use by the current instruction */
    IrTemp *globals;          /* the temps that live across a label */
    uint32_t nglobals;
    IrTemp *dirty;            /* globals whose slot is stale */
    uint32_t ndirty;
    JitLabelState *label_state; /* [ir->nlabels] */
    JitEdge *edges;           /* one per forward branch generated */
    uint32_t nedges;
    uint32_t *free_slots;     /* slots of dead temps, for reuse */
    uint32_t nfree_slots, next_slot;
    bool slots_exhausted;     /* the block needs more than JIT_FRAME_SLOTS */

    uint64_t insn_pc;         /* guest pc of the last insn_start */
    bool have_insn_pc, insn_pc_stored;
    bool unreachable;         /* after an unconditional jump, until a label */
    JitCompare last_compare;  /* the flags a setcond left, valid while */
    size_t last_compare_end;  /* nothing was emitted after e.len == this */
    X86Label *labels;         /* [ir->nlabels] */
    bool *label_needs_insn_pc; /* [ir->nlabels]: code after it may need env->insn_pc
                                  before any insn_start (jit_scan_labels) */

    /* Per-block records for chaining and faults (jit.c). */
    int32_t slot_field[TB_NSLOTS]; /* offset of each slot's patchable rel32, -1 none */
    int32_t slot_stub[TB_NSLOTS];  /* offset of each slot's exit stub, -1 none */
    uint64_t slot_pc[TB_NSLOTS];   /* guest pc the slot continues at */
    X86Label slot_stub_label[TB_NSLOTS];
    int32_t ret_slot_jmp;     /* offset of the return slot's jmp (push_ret's host address) */
    X87Cache x87;             /* gen_x87.c */
    X86Label interrupt_stub;  /* exit_request seen at entry */
    JitInsnPc *insn_pcs;      /* buffer offset of every insn_start */
    uint32_t ninsn_pcs;
    JitAddrFault *addr_faults; /* [ir->ninsns]: one per checked guest access */
    uint32_t naddr_faults;
    JitTlbMiss *tlb_misses;   /* [ir->ninsns]: one per system-mode ld/st */
    uint32_t ntlb_misses;
} JitCtx;

/* Zeroed scratch memory for n elements of `size` bytes, valid until the
 * compile ends (jit.c sizes the arena for what one block can ask). */
void *jit_alloc(JitCtx *c, size_t n, size_t size);

/* --- the allocator (regalloc.c) ----------------------------------------- */

/* Prepare c->temps from a liveness pass over c->ir. */
void jit_ra_init(JitCtx *c);
/* Around each instruction (the driver calls these). */
void jit_ra_begin_insn(JitCtx *c, uint32_t index);
void jit_ra_end_insn(JitCtx *c, const IrInsn *in);

/* The operand t in a register of its class (GPR or XMM), locked. */
X86Reg jit_in(JitCtx *c, IrTemp t);
/* The same, restricted to the registers in `allowed`. */
X86Reg jit_in_mask(JitCtx *c, IrTemp t, JitRegSet allowed);
/* A fresh, locked register for result d (d's old value is dropped). */
X86Reg jit_out(JitCtx *c, IrTemp d);
X86Reg jit_out_mask(JitCtx *c, IrTemp d, JitRegSet allowed);
/* A register for result d that holds operand a's value now: a's own
 * register when a dies here, else a copy. */
X86Reg jit_out_reuse(JitCtx *c, IrTemp d, IrTemp a);
/* A register for result d that may be operand a's register when a dies
 * here (fetch a first); a's value is not copied: for three-operand forms
 * such as lea, imul r, r, imm, movzx, shlx. */
X86Reg jit_out_prefer(JitCtx *c, IrTemp d, IrTemp a);
/* Result d lives in register r from now on (r claimed or locked by the
 * generator beforehand, e.g. rax after a division). */
void jit_out_fixed(JitCtx *c, IrTemp d, X86Reg r);
/* Result d is the constant v (no code). */
void jit_out_const(JitCtx *c, IrTemp d, uint64_t v);
/* A register of `allowed` free for this instruction only. */
X86Reg jit_scratch(JitCtx *c, JitRegSet allowed);
/* Empty register r (its value moves or is spilled) and lock it. */
void jit_claim(JitCtx *c, X86Reg r);

/* Is t a known constant (then *v = its value)? */
bool jit_const_of(const JitCtx *c, IrTemp t, uint64_t *v);
/* A constant that an instruction of the given width takes as imm32
 * (sign-extended for 64-bit operations). */
bool jit_imm_of(const JitCtx *c, IrTemp t, bool w64, int32_t *imm);
/* Is this instruction t's last use? */
bool jit_dies(const JitCtx *c, IrTemp t);
static inline IrType jit_type(const JitCtx *c, IrTemp t) { return (IrType)c->temps[t].type; }
static inline bool jit_is_w64(IrType t) { return t == IR_I64 || t == IR_F64; }

/* Copy between registers of the class of `type`. */
void jit_mov_reg(JitCtx *c, IrType type, X86Reg dst, X86Reg src);

/* Call a C function fn([env,] args...) with the SysV AMD64 convention:
 * integer args in rdi rsi rdx rcx r8 r9 (env first when with_env), float
 * args in xmm0..; the result (if result != 0) from rax or xmm0 becomes
 * `result`. Live values in caller-saved registers are kept (moved to
 * callee-saved registers or spilled), so call it before fetching any
 * operand of the instruction: registers handed out earlier do not survive
 * it. Use it for exact fall-backs that cannot raise; IR helper calls go
 * through gen_ctl.c, which also stores env->insn_pc first. */
void jit_call(JitCtx *c, const void *fn, bool with_env, const JitArg *args, unsigned nargs, IrTemp result);

/* Control flow inside the block. A branch, once its operands are fetched
 * and before anything but its compare is emitted, asks where to jump:
 * jit_ra_branch notes the registers this way in leaves, and insn_pc (NULL:
 * none) a guest pc to store in env->insn_pc on this way in only. At a
 * label, jit_ra_label decides what the registers hold there, emits the
 * moves and loads that make the code above agree when it falls in
 * (falls_in), and the stubs that store what a branch leaves only in a
 * register the label lets go (and its insn_pc); the caller binds
 * c->labels[label] right after. */
X86Label *jit_ra_branch(JitCtx *c, IrLabel label, const uint64_t *insn_pc);
void jit_ra_label(JitCtx *c, IrLabel label, bool falls_in);

/* Frame slot address of a spill slot. */
static inline X86Mem jit_slot_mem(uint32_t slot) { return x86_mem(X86_RSP, (int32_t)(slot * 8)); }
static inline X86Mem jit_env_mem(int64_t offset) { return x86_mem(JIT_ENV, (int32_t)offset); }

/* --- op generators, one family per file ---------------------------------- */
typedef void JitGenFn(JitCtx *c, const IrInsn *in);
void jit_gen_int(JitCtx *c, const IrInsn *in);  /* const, mov, integer and width ops */
void jit_gen_mem(JitCtx *c, const IrInsn *in);  /* ld_env st_env ld st cmpxchg fence */
void jit_gen_ctl(JitCtx *c, const IrInsn *in);  /* labels, branches, conditions, calls, exits */
void jit_gen_fp(JitCtx *c, const IrInsn *in);   /* float ops (gen_fp.c) */
void jit_gen_x87(JitCtx *c, const IrInsn *in);  /* x87 ops on env slots (gen_x87.c) */
/* The out-of-line guest address faults and TLB misses of the block
 * (gen_mem.c), after its code. */
void jit_emit_addr_faults(JitCtx *c);
void jit_emit_tlb_misses(JitCtx *c);
/* Fill c->label_needs_insn_pc (gen_ctl.c). */
void jit_scan_labels(JitCtx *c);
/* goto_ptr's second level (gen_ctl.c), shared by every block: emitted in
 * the prologue's buffer after exit_unlinked, at offset exit_unlinked. */
void jit_emit_jump_cache_second_level(X86Emit *e, size_t exit_unlinked);

/* Temps an instruction reads and defines (a call's come from its helper). */
static inline unsigned jit_nuse(const IrInsn *in)
{
    return in->op == IR_OP_call ? in->helper->nargs : ir_op_info[in->op].nuse;
}

static inline unsigned jit_ndef(const IrInsn *in)
{
    return in->op == IR_OP_call ? in->helper->has_ret : ir_op_info[in->op].ndef;
}

/* --- what the generators share from jit.c -------------------------------- */
/* jmp/jcc to an exec address in the code cache (rel32 always reaches). */
void jit_jmp_abs(JitCtx *c, const uint8_t *target);
void jit_jcc_abs(JitCtx *c, X86Cond cc, const uint8_t *target);
/* call a C function: rel32 when in reach, else through rax. */
void jit_call_abs(JitCtx *c, const void *fn);
/* Record the host offset where the guest instruction at pc begins. */
void jit_note_insn_start(JitCtx *c, uint64_t pc);

/* From gen_ctl.c: store a 64-bit immediate at env + offset, no register. */
void jit_store_env_imm64(JitCtx *c, int64_t offset, uint64_t v);

#endif
