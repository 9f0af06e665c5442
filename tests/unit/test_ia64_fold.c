/* tests/unit/test_ia64_fold.c — the IA-64 region folding (cpu.h, and
 * its IR form ia64_gen_fold run on every backend) and the template table
 * (translate.c) against values worked out by hand: the fold documented
 * in cpu.h (region r -> slice r of 2^37 bytes, offset bits 60:37 moved
 * to 63:40), and the template/unit/stop table of the Itanium manual
 * (vol. 3, "Template Field Encoding and Instruction Slot Mapping"). */
#include <glib.h>

#include "backend_test.h"
#include "frontend/ia64/cpu.h"
#include "frontend/ia64/decode.h"

/* Guest address -> folded address, worked out by hand from cpu.h. */
static const struct {
    uint64_t addr, folded;
} fold_cases[] = {
    {0x100000, 0x100000},                                   /* region 0: itself */
    {0x4000000000000000ull, (uint64_t)2 << 37},             /* text, region 2 */
    {0x6000000000012345ull, ((uint64_t)3 << 37) + 0x12345}, /* data, region 3 */
    {0xe000001fffffffffull, ((uint64_t)1 << 40) - 1},       /* last byte of slice 7 */
    {0x0000002000000000ull, (uint64_t)1 << 40},             /* offset bit 37: out */
    {0x2000002000000010ull, (uint64_t)1 << 40 | (uint64_t)1 << 37 | 0x10},
    {0x1000000000000000ull, (uint64_t)1 << 63},             /* offset bit 60 -> 63 */
};

static void test_fold_values(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(fold_cases); i++)
        g_assert_cmphex(ia64_fold(fold_cases[i].addr), ==, fold_cases[i].folded);
}

/* The IR the frontend puts before every access computes the same. */
static void test_fold_ir(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(fold_cases); i++) {
        bt_reset();
        bt_cpu.r[1] = fold_cases[i].addr;
        IrBlock *b = bt_block(0x1000);
        Ia64Ctx ctx = {.ir = b};
        IrTemp addr = ir_ld_env(b, IR_I64, OFF_R(1));
        bt_finish(b, ia64_gen_fold(&ctx, addr));
        g_assert_cmpint(bt_run_block(b), ==, EXIT_HALT);
        g_assert_cmphex(bt_cpu.r[0], ==, fold_cases[i].folded);
    }
}

static void test_fold_roundtrip(void)
{
    static const uint64_t samples[] = {0, 1, 0x4000000000000000ull, 0x600000000000fff8ull,
                                       0x9fffffffffffffffull, 0xe000001fffffffffull, 0x123456789abcdef0ull,
                                       0xffffffffffffffffull};
    for (size_t i = 0; i < G_N_ELEMENTS(samples); i++)
        g_assert_cmphex(ia64_unfold(ia64_fold(samples[i])), ==, samples[i]);
    /* every in-window folded address comes from an address of a slice */
    for (uint64_t f = 0; f < ((uint64_t)1 << 40); f += 0x1234567891ull)
        g_assert_cmphex(ia64_fold(ia64_unfold(f)), ==, f);
}

static void test_templates(void)
{
    /* MII (0x00), MI;;I (0x02) with its stop after slot 1, MLX (0x04),
     * M;;MI (0x0a), BBB;; (0x17), MFB (0x1c); 0x06, 0x07, 0x14, 0x15,
     * 0x1a, 0x1b, 0x1e, 0x1f are reserved. */
    g_assert_cmpuint(ia64_templates[0x00].unit[2], ==, IA64_UNIT_I);
    g_assert_cmpuint(ia64_templates[0x00].stops, ==, 0);
    g_assert_cmpuint(ia64_templates[0x02].stops, ==, 2);
    g_assert_cmpuint(ia64_templates[0x03].stops, ==, 6);
    g_assert_cmpuint(ia64_templates[0x04].unit[1], ==, IA64_UNIT_L);
    g_assert_cmpuint(ia64_templates[0x04].unit[2], ==, IA64_UNIT_X);
    g_assert_cmpuint(ia64_templates[0x0a].stops, ==, 1);
    g_assert_cmpuint(ia64_templates[0x0b].stops, ==, 5);
    g_assert_cmpuint(ia64_templates[0x17].unit[0], ==, IA64_UNIT_B);
    g_assert_cmpuint(ia64_templates[0x17].stops, ==, 4);
    g_assert_cmpuint(ia64_templates[0x1c].unit[1], ==, IA64_UNIT_F);
    static const unsigned reserved[] = {0x06, 0x07, 0x14, 0x15, 0x1a, 0x1b, 0x1e, 0x1f};
    for (size_t i = 0; i < G_N_ELEMENTS(reserved); i++)
        g_assert_cmpuint(ia64_templates[reserved[i]].unit[0], ==, IA64_UNIT_NONE);
}

static void test_bundle_split(void)
{
    /* [MMI] cmp.lt p6,p7=r20,r21;; adds r5=1,r5 mov r30=0;; from objdump:
     * 0b 30 50 2a 07 30 50 08 14 00 42 c0 03 00 00 90 */
    static const uint8_t bytes[16] = {0x0b, 0x30, 0x50, 0x2a, 0x07, 0x30, 0x50, 0x08,
                                      0x14, 0x00, 0x42, 0xc0, 0x03, 0x00, 0x00, 0x90};
    Ia64Bundle b;
    ia64_bundle_split(bytes, &b);
    g_assert_cmpuint(b.tmpl, ==, 0x0b);
    g_assert_cmpuint(ia64_major(b.slot[0]), ==, 0xc); /* cmp.lt */
    g_assert_cmpuint(ia64_r2(b.slot[0]), ==, 20);
    g_assert_cmpuint(ia64_r3(b.slot[0]), ==, 21);
    g_assert_cmpuint(ia64_p1(b.slot[0]), ==, 6);
    g_assert_cmpuint(ia64_p2(b.slot[0]), ==, 7);
    g_assert_cmpuint(ia64_major(b.slot[1]), ==, 8); /* adds */
    g_assert_cmpuint(ia64_r1(b.slot[1]), ==, 5);
    g_assert_cmpuint(ia64_major(b.slot[2]), ==, 9); /* addl r30=0,r0 */
    g_assert_cmpuint(ia64_r1(b.slot[2]), ==, 30);
}

int main(int argc, char **argv)
{
    static const BackendTest ir_tests[] = {{"ia64_fold_ir", test_fold_ir}};
    bt_init(&argc, &argv);
    g_test_add_func("/ia64/fold/values", test_fold_values);
    g_test_add_func("/ia64/fold/roundtrip", test_fold_roundtrip);
    g_test_add_func("/ia64/templates", test_templates);
    g_test_add_func("/ia64/bundle_split", test_bundle_split);
    bt_add(ir_tests, G_N_ELEMENTS(ir_tests));
    return bt_run();
}
