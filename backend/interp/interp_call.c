/* backend/interp/interp_call.c — calling IR helpers from the interpreter
 * through libffi: the call interface of each call site is prepared once at
 * compile time (interp_call_prepare) and used on every call (interp_call).
 * Helpers are `ret fn(CpuCommon *env, args...)` (see IrHelper). */
#include <string.h>

#include "backend/interp/interp.h"

static ffi_type *ffi_type_of(IrType t)
{
    switch (t) {
    case IR_I32:
        return &ffi_type_uint32;
    case IR_I64:
        return &ffi_type_uint64;
    case IR_F32:
        return &ffi_type_float;
    case IR_F64:
        return &ffi_type_double;
    default:
        return NULL;
    }
}

bool interp_call_prepare(InterpCall *call)
{
    const IrHelper *h = call->helper;
    if (h->nargs > IR_HELPER_MAX_ARGS)
        return false;
    call->atypes[0] = &ffi_type_pointer;
    for (unsigned i = 0; i < h->nargs; i++) {
        call->atypes[1 + i] = ffi_type_of(h->args[i]);
        if (!call->atypes[1 + i])
            return false;
    }
    ffi_type *rtype = &ffi_type_void;
    if (h->has_ret) {
        rtype = ffi_type_of(h->ret);
        if (!rtype)
            return false;
    }
    return ffi_prep_cif(&call->cif, FFI_DEFAULT_ABI, 1 + h->nargs, rtype, call->atypes) == FFI_OK;
}

void interp_call(CpuCommon *cpu, const InterpCall *call, uint64_t *frame, uint32_t d)
{
    const IrHelper *h = call->helper;
    void *env = cpu;
    void *avalues[1 + IR_HELPER_MAX_ARGS];
    avalues[0] = &env;
    /* A frame slot holds i32/f32 in its low half: on this little-endian
     * host the slot's address is also the address of that half. */
    for (unsigned i = 0; i < h->nargs; i++)
        avalues[1 + i] = &frame[call->args[i]];

    union {
        ffi_arg word; /* small integer results are widened to a word */
        uint64_t u64;
        float f32;
        double f64;
    } ret = {0};
    ffi_call((ffi_cif *)&call->cif, FFI_FN(h->fn), &ret, avalues);
    if (!h->has_ret)
        return;
    switch (h->ret) {
    case IR_I32:
        frame[d] = (uint32_t)ret.word;
        break;
    case IR_F32: {
        uint32_t bits;
        memcpy(&bits, &ret.f32, sizeof(bits));
        frame[d] = bits;
        break;
    }
    default: /* i64, f64: all 64 bits */
        frame[d] = ret.u64;
        break;
    }
}
