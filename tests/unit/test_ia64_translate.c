/* tests/unit/test_ia64_translate.c — the IA-64 translator's blocks are
 * well formed (ir_verify) for every form row (its match bits with random
 * operand bits), for random bundles of every template, started at every
 * slot, and under random block keys (rotation, byte order); a reserved
 * template and a restart inside an L+X pair translate to an illegal-
 * instruction exit; the block's size covers the bundles it read.
 */
#include <string.h>

#include <glib.h>

#include "backend/exec.h"
#include "frontend/guest.h"
#include "frontend/ia64/cpu.h"
#include "frontend/ia64/decode.h"

extern const GuestArch ia64_guest;

static uint8_t code[4096];

static bool buffer_fetch(CpuCommon *cpu, uint64_t addr, void *buf, size_t len)
{
    (void)cpu;
    if (addr + len > sizeof(code))
        return false;
    memcpy(buf, code + addr, len);
    return true;
}

/* Bundle bytes from a template and three slots. */
static void put_bundle(uint8_t *p, unsigned tmpl, const uint64_t slot[3])
{
    const uint64_t m41 = ((uint64_t)1 << 41) - 1;
    uint64_t lo = (tmpl & 31) | (slot[0] & m41) << 5 | (slot[1] & m41) << 46;
    uint64_t hi = (slot[1] & m41) >> 18 | (slot[2] & m41) << 23;
    for (int i = 0; i < 8; i++) {
        p[i] = (uint8_t)(lo >> (8 * i));
        p[8 + i] = (uint8_t)(hi >> (8 * i));
    }
}

static void translate_checked(IrBlock *ir, Ia64Cpu *cpu, uint64_t pc, uint32_t flags)
{
    ir_block_reset(ir, pc, flags);
    TranslateCtx tc = {.ir = ir, .cpu = &cpu->common, .fetch = buffer_fetch, .max_insns = 6};
    ia64_guest.translate(&tc);
    char err[256] = "";
    if (!ir_verify(ir, err, sizeof(err))) {
        ir_dump(ir, stderr);
        g_error("bundle at 0x%llx flags 0x%x: %s", (unsigned long long)pc, flags, err);
    }
    g_assert_cmpuint(ir->guest_insns, >=, 1);
    g_assert_cmpuint(ir->guest_size % 16, ==, 0);
}

/* A template whose slot `slot` has unit u (other slots: whatever it says). */
static unsigned template_for(Ia64Unit u, unsigned *slot, GRand *rand)
{
    for (;;) {
        unsigned t = (unsigned)g_rand_int_range(rand, 0, 32);
        unsigned s = (unsigned)g_rand_int_range(rand, 0, 3);
        if (ia64_templates[t].unit[s] == u || (u == IA64_UNIT_X && ia64_templates[t].unit[2] == IA64_UNIT_X)) {
            *slot = u == IA64_UNIT_X ? 2 : s;
            return t;
        }
    }
}

static uint64_t rand64(GRand *rand)
{
    return (uint64_t)g_rand_int(rand) << 32 | g_rand_int(rand);
}

static uint32_t random_flags(GRand *rand)
{
    /* sor 0-12 (x8), rrb.gr below sor*8, rrb.fr < 96, rrb.pr < 48, be */
    unsigned sor = (unsigned)g_rand_int_range(rand, 0, 13);
    unsigned rrb_gr = sor ? (unsigned)g_rand_int_range(rand, 0, (gint32)(sor * 8)) : 0;
    uint64_t cfm = (uint64_t)sor << IA64_CFM_SOR_SHIFT | (uint64_t)rrb_gr << IA64_CFM_RRB_GR_SHIFT |
                   (uint64_t)g_rand_int_range(rand, 0, 96) << IA64_CFM_RRB_FR_SHIFT |
                   (uint64_t)g_rand_int_range(rand, 0, 48) << IA64_CFM_RRB_PR_SHIFT;
    return ia64_tb_flags_of(cfm, g_rand_boolean(rand));
}

static void test_forms_verify(void)
{
    IrBlock ir;
    ir_block_init(&ir, 0, 0);
    Ia64Cpu *cpu = g_malloc0(sizeof(Ia64Cpu));
    GRand *rand = g_rand_new_with_seed(20261121);
    const Ia64Form *const tables[] = {ia64_sys_forms, ia64_alu_forms, ia64_ishift_forms, ia64_mem_forms,
                                      ia64_branch_forms, ia64_mm_forms};
    static const Ia64Unit units[] = {IA64_UNIT_M, IA64_UNIT_I, IA64_UNIT_F, IA64_UNIT_B, IA64_UNIT_X};
    unsigned rows = 0;
    for (size_t t = 0; t < G_N_ELEMENTS(tables); t++) {
        for (const Ia64Form *f = tables[t]; f->name; f++) {
            for (size_t u = 0; u < G_N_ELEMENTS(units); u++) {
                if (!(f->units & (1u << units[u])))
                    continue;
                for (unsigned n = 0; n < 16; n++) {
                    uint64_t slots[3] = {rand64(rand), rand64(rand), rand64(rand)};
                    unsigned s;
                    unsigned tmpl = template_for(units[u], &s, rand);
                    slots[s] = f->match | (rand64(rand) & ~f->mask);
                    put_bundle(code, tmpl, slots);
                    unsigned start = units[u] == IA64_UNIT_X ? 0 : (unsigned)g_rand_int_range(rand, 0, (gint32)s + 1);
                    translate_checked(&ir, cpu, ia64_pc_make(0, start), random_flags(rand));
                }
                rows++;
            }
        }
    }
    g_assert_cmpuint(rows, >, 150);
    g_rand_free(rand);
    g_free(cpu);
    ir_block_free(&ir);
}

static void test_random_bundles(void)
{
    IrBlock ir;
    ir_block_init(&ir, 0, 0);
    Ia64Cpu *cpu = g_malloc0(sizeof(Ia64Cpu));
    GRand *rand = g_rand_new_with_seed(7);
    for (unsigned n = 0; n < 50000; n++) {
        for (unsigned b = 0; b < 4; b++) {
            uint64_t slots[3] = {rand64(rand), rand64(rand), rand64(rand)};
            put_bundle(code + 16 * b, (unsigned)g_rand_int_range(rand, 0, 32), slots);
        }
        translate_checked(&ir, cpu, ia64_pc_make(0, (unsigned)g_rand_int_range(rand, 0, 3)), random_flags(rand));
    }
    g_rand_free(rand);
    g_free(cpu);
    ir_block_free(&ir);
}

/* The last IR op of the block is an exit with this reason. */
static bool ends_with_exit(const IrBlock *ir, int reason)
{
    for (uint32_t k = ir->ninsns; k-- > 0;) {
        if (ir->insns[k].op == IR_OP_exit)
            return ir->insns[k].imm == reason;
    }
    return false;
}

static void test_illegal_bundles(void)
{
    IrBlock ir;
    ir_block_init(&ir, 0, 0);
    Ia64Cpu *cpu = g_malloc0(sizeof(Ia64Cpu));
    static const uint64_t nops[3] = {(uint64_t)1 << 27, (uint64_t)1 << 27, (uint64_t)1 << 27};
    put_bundle(code, 0x06, nops); /* reserved template */
    translate_checked(&ir, cpu, 0, 0);
    g_assert_true(ends_with_exit(&ir, EXIT_ILLEGAL));
    put_bundle(code, 0x04, nops); /* MLX entered at slot 2 */
    translate_checked(&ir, cpu, ia64_pc_make(0, 2), 0);
    g_assert_true(ends_with_exit(&ir, EXIT_ILLEGAL));
    g_free(cpu);
    ir_block_free(&ir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ia64/translate/forms_verify", test_forms_verify);
    g_test_add_func("/ia64/translate/random_bundles", test_random_bundles);
    g_test_add_func("/ia64/translate/illegal", test_illegal_bundles);
    return g_test_run();
}
