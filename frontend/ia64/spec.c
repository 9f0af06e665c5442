/* frontend/ia64/spec.c — control speculation as Linux runs it: every
 * speculative load's fault is deferred (the kernel sets the DCR deferral
 * bits and, for a page that is not there, sets PSR.ed and restarts the
 * load: eager deferral). A deferred ld.s/ld.sa writes r1 = 0 with its
 * NaT set; ldf.s/ldfp.s write NaTVal; the base update still happens.
 *
 * Two causes, two places:
 *   - a NaT address register: the translated load branches around the
 *     access (ia64_gen_spec_defer), a test of one env word;
 *   - an access that faults (unmapped, unreadable, outside morph's window):
 *     the load is translated as a plain access, and when it faults the
 *     Linux ABI hands the fault here before raising SIGSEGV
 *     (ia64_defer_load_fault), which finishes the instruction the deferred
 *     way. Speculative loads that succeed, nearly all of them, cost what
 *     a plain load costs.
 */
#include "frontend/ia64/decode.h"

IrLabel ia64_gen_spec_defer(Ia64Ctx *ctx, unsigned r3)
{
    IrBlock *ir = ctx->ir;
    IrLabel defer = ir_new_label(ir);
    ir_brcond(ir, IR_NE, ia64_get_gr_nat(ctx, r3), ir_const32(ir, 0), defer);
    return defer;
}

/* ---- completing a faulting speculative load ---------------------------------
 * The load forms (vol. 3, M1-M3, M6-M8, M11-M12): major 4 with x(27) = 0
 * (ld, m(36): r3 += r2), 5 (ld, r3 += imm9), 6 (x = 0: ldf, x = 1: ldfp;
 * m: r3 += r2 for ldf, r3 += 16, or 8 for ldfps), 7 (ldf, r3 += imm9);
 * speculative when x6 bits 35:32 are 1 (.s) or 3 (.sa). */
typedef enum SpecTarget { SPEC_NONE, SPEC_GR, SPEC_FR, SPEC_FR_PAIR } SpecTarget;

static SpecTarget spec_target(uint64_t i)
{
    if (!ia64_mem_is_speculative(i))
        return SPEC_NONE;
    switch (ia64_major(i)) {
    case 4: return ia64_bit(i, 27) ? SPEC_NONE : SPEC_GR;
    case 5: return SPEC_GR;
    case 6: return ia64_bit(i, 27) ? SPEC_FR_PAIR : SPEC_FR;
    case 7: return SPEC_FR;
    default: return SPEC_NONE;
    }
}

static int64_t load_imm9(uint64_t i)
{
    return ia64_sext((uint64_t)ia64_bit(i, 36) << 8 | (uint64_t)ia64_bit(i, 27) << 7 | ia64_field(i, 13, 7), 9);
}

static void set_natval(Ia64Cpu *cpu, unsigned idx)
{
    cpu->fr[idx] = (Ia64Fr){0, IA64_FR_NATVAL_EXP, 0};
}

/* r3's update: its value plus the increment, its NaT with r2's. */
static void update_base(Ia64Cpu *cpu, const Ia64Ctx *names, uint64_t i, SpecTarget t)
{
    unsigned r3 = ia64_gr_index(names, ia64_r3(i));
    if (r3 == 0)
        return; /* r0 stays 0 */
    if (ia64_major(i) == 5 || ia64_major(i) == 7) {
        cpu->gr[r3] += (uint64_t)load_imm9(i);
    } else if (ia64_bit(i, 36) && t == SPEC_FR_PAIR) {
        cpu->gr[r3] += ia64_field(i, 30, 2) == 2 ? 8 : 16;
    } else if (ia64_bit(i, 36)) {
        unsigned r2 = ia64_gr_index(names, ia64_r2(i));
        cpu->gr[r3] += r2 ? cpu->gr[r2] : 0;
        cpu->grnat[r3] |= r2 ? cpu->grnat[r2] : 0;
    }
}

bool ia64_defer_load_fault(CpuCommon *common)
{
    Ia64Cpu *cpu = (Ia64Cpu *)common;
    uint64_t bundle = ia64_pc_bundle(common->pc);
    unsigned slot = ia64_pc_slot(common->pc);
    Ia64Bundle b;
    if (common->exception_addr == bundle)
        return false; /* the code fetch itself failed (translate.c) */
    ia64_bundle_split(common->guest_base + ia64_fold(bundle), &b);
    if (slot > 2 || ia64_templates[b.tmpl].unit[slot] != IA64_UNIT_M)
        return false;
    uint64_t i = b.slot[slot];
    SpecTarget t = spec_target(i);
    if (t == SPEC_NONE)
        return false;
    uint64_t cfm = cpu->cfm;
    const Ia64Ctx names = {.sor = ia64_cfm_sor(cfm), .rrb_gr = ia64_cfm_rrb_gr(cfm),
                           .rrb_fr = ia64_cfm_rrb_fr(cfm), .rrb_pr = ia64_cfm_rrb_pr(cfm)};
    if (t == SPEC_GR) {
        unsigned r1 = ia64_gr_index(&names, ia64_r1(i));
        cpu->gr[r1] = 0;
        cpu->grnat[r1] = 1;
    } else {
        set_natval(cpu, ia64_fr_index(&names, ia64_r1(i)));
        if (t == SPEC_FR_PAIR)
            set_natval(cpu, ia64_fr_index(&names, ia64_r2(i)));
    }
    update_base(cpu, &names, i, t);
    common->pc = slot == 2 ? bundle + 16 : ia64_pc_make(bundle, slot + 1);
    return true;
}
