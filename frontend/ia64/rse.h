/* frontend/ia64/rse.h — the register stack engine's helpers (rse.c). */
#ifndef MORPH_IA64_RSE_H
#define MORPH_IA64_RSE_H

#include "frontend/ia64/decode.h"

extern const IrHelper ia64_helper_rse_call;   /* (): frame push of br.call */
extern const IrHelper ia64_helper_rse_return; /* (): frame pop of br.ret */
extern const IrHelper ia64_helper_rse_cover;  /* (): cover */

/* The address n register slots after addr (n < 0: before), RNAT slots skipped. */
uint64_t ia64_rse_skip_regs(uint64_t addr, int64_t n);

#endif
