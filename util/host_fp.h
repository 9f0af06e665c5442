/* util/host_fp.h — the host FP environment that holds the guest's: its
 * sticky exception flags and rounding mode, read and written cheaply.
 *
 * Guest float code runs on SSE (the JIT) or on C compiled for SSE (the
 * interpreter, helpers), so on x86-64 the whole state is MXCSR: one
 * stmxcsr/ldmxcsr instead of glibc's fenv calls, which also save and load
 * the x87 environment (tens of times slower, and hot: PPC code moves
 * FPSCR around every libm call). Elsewhere these are the <fenv.h> calls.
 * morph raises flags only through host_fp_raise, so the x87 status word
 * never holds guest flags and MXCSR alone is the truth.
 * The FE_* values are the flags to use with them.
 *
 * Reading or writing MXCSR waits for the FP work in flight, so code that
 * needs it several times (the guest FPSCR fold) reads the whole state once
 * as a HostFpEnv, derives the values it wants (flags cleared, another
 * rounding mode) and writes those: host_fp_env*.
 */
#ifndef MORPH_HOST_FP_H
#define MORPH_HOST_FP_H

#include <fenv.h>

#if defined(__x86_64__) && defined(__SSE__)
#include <xmmintrin.h>

/* glibc's x86 FE_* flags and rounding modes are MXCSR's own bits. */
_Static_assert(FE_INVALID == 0x01 && FE_DIVBYZERO == 0x04 && FE_OVERFLOW == 0x08 &&
                   FE_UNDERFLOW == 0x10 && FE_INEXACT == 0x20,
               "FE_* flags are not MXCSR's");
_Static_assert(FE_TONEAREST == 0 && FE_DOWNWARD == 0x400 && FE_UPWARD == 0x800 && FE_TOWARDZERO == 0xc00,
               "FE_* rounding modes are not the x87 control word's");

enum { HOST_MXCSR_ROUND_SHIFT = 3, HOST_MXCSR_ROUND = 0x6000 };

static inline int host_fp_test(int excepts) { return (int)_mm_getcsr() & excepts & FE_ALL_EXCEPT; }
static inline void host_fp_clear(int excepts) { _mm_setcsr(_mm_getcsr() & ~(unsigned)(excepts & FE_ALL_EXCEPT)); }
/* Set sticky flags (exceptions are masked: no trap is taken). glibc's
 * feraiseexcept would raise some of them in the x87 unit instead. */
static inline void host_fp_raise(int excepts) { _mm_setcsr(_mm_getcsr() | (unsigned)(excepts & FE_ALL_EXCEPT)); }
/* Make the sticky flags exactly `flags`. */
static inline void host_fp_set_flags(int flags)
{
    _mm_setcsr((_mm_getcsr() & ~(unsigned)FE_ALL_EXCEPT) | (unsigned)(flags & FE_ALL_EXCEPT));
}
/* The rounding mode, for a short change and back; installing the guest's
 * mode for good is fesetround's job (it keeps the x87 unit in step). */
static inline int host_fp_round(void) { return (int)(_mm_getcsr() & HOST_MXCSR_ROUND) >> HOST_MXCSR_ROUND_SHIFT; }
static inline void host_fp_set_round(int mode)
{
    _mm_setcsr((_mm_getcsr() & ~(unsigned)HOST_MXCSR_ROUND) | ((unsigned)mode << HOST_MXCSR_ROUND_SHIFT));
}

/* No flags and rounding `mode`, in one write without reading first. The
 * rest of MXCSR becomes the default (all exceptions masked, no flush to
 * zero): only for guests whose float code always runs so (PPC; not x86,
 * whose MXCSR is the guest's own). */
enum { HOST_MXCSR_DEFAULT = 0x1f80 };
static inline void host_fp_reset(int mode)
{
    _mm_setcsr(HOST_MXCSR_DEFAULT | ((unsigned)mode << HOST_MXCSR_ROUND_SHIFT));
}

/* The whole state (flags and rounding mode) as one value. */
typedef unsigned HostFpEnv;
static inline HostFpEnv host_fp_env(void) { return _mm_getcsr(); }
static inline void host_fp_set_env(HostFpEnv e) { _mm_setcsr(e); }
static inline int host_fp_env_flags(HostFpEnv e) { return (int)e & FE_ALL_EXCEPT; }
static inline HostFpEnv host_fp_env_clean(HostFpEnv e) { return e & ~(unsigned)FE_ALL_EXCEPT; }
static inline HostFpEnv host_fp_env_round(HostFpEnv e, int mode)
{
    return (e & ~(unsigned)HOST_MXCSR_ROUND) | ((unsigned)mode << HOST_MXCSR_ROUND_SHIFT);
}

#else

static inline int host_fp_test(int excepts) { return fetestexcept(excepts); }
static inline void host_fp_clear(int excepts) { feclearexcept(excepts); }
static inline void host_fp_raise(int excepts) { feraiseexcept(excepts); }
static inline void host_fp_set_flags(int flags)
{
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(flags);
}
static inline int host_fp_round(void) { return fegetround(); }
static inline void host_fp_set_round(int mode) { fesetround(mode); }

static inline void host_fp_reset(int mode)
{
    feclearexcept(FE_ALL_EXCEPT);
    fesetround(mode);
}

typedef struct HostFpEnv {
    int flags, round;
} HostFpEnv;
static inline HostFpEnv host_fp_env(void) { return (HostFpEnv){fetestexcept(FE_ALL_EXCEPT), fegetround()}; }
static inline void host_fp_set_env(HostFpEnv e)
{
    fesetround(e.round);
    host_fp_set_flags(e.flags);
}
static inline int host_fp_env_flags(HostFpEnv e) { return e.flags; }
static inline HostFpEnv host_fp_env_clean(HostFpEnv e) { return (HostFpEnv){0, e.round}; }
static inline HostFpEnv host_fp_env_round(HostFpEnv e, int mode) { return (HostFpEnv){e.flags, mode}; }

#endif

#endif
