/* backend/backend.c — the registry of backends, as -accel names them. */
#include <string.h>

#include "backend/target.h"

/* The x86-64 JIT (backend/x86_64/) defines this when it is linked in; until
 * then the weak reference is NULL and only the interpreter is offered. */
extern const Backend backend_jit __attribute__((weak));

const Backend *backend_by_name(const char *name)
{
    const Backend *const backends[] = {
        &backend_interp,
        &backend_jit,
    };
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
        if (backends[i] && strcmp(backends[i]->name, name) == 0)
            return backends[i];
    }
    return NULL;
}
