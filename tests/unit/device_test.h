/* tests/unit/device_test.h — what the device tests share: an interrupt
 * line that records its level and how often it rose, and a machine clock
 * the test sets (machines/timer.h: install it with
 * machine_set_clock(test_clock), move it with test_now_ns). */
#ifndef MORPH_TEST_DEVICE_TEST_H
#define MORPH_TEST_DEVICE_TEST_H

#include <stdint.h>

#include "machines/machine.h"

typedef struct TestLine {
    int level, rises;
} TestLine;

static inline void test_line_set(void *opaque, unsigned n, int level)
{
    (void)n;
    TestLine *t = opaque;
    t->rises += level && !t->level;
    t->level = level;
}

static inline IrqLine test_line(TestLine *t)
{
    return (IrqLine){.set = test_line_set, .opaque = t};
}

static uint64_t test_now_ns;

static inline uint64_t test_clock(void)
{
    return test_now_ns;
}

#endif
