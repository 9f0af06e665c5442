/* backend/backend.c — the registry of backends, as -accel names them. The
 * first is the default. */
#include <string.h>

#include "backend/target.h"

/* The x86-64 JIT (backend/x86_64/); weak until it is linked in. */
extern const Backend backend_jit __attribute__((weak));

static const Backend *const *backend_list(void)
{
    static const Backend *list[3];
    if (!list[0]) {
        unsigned n = 0;
        if (&backend_jit)
            list[n++] = &backend_jit;
        list[n++] = &backend_interp;
    }
    return list;
}

const Backend *backend_by_name(const char *name)
{
    if (!name)
        return backend_list()[0];
    for (const Backend *const *b = backend_list(); *b; b++) {
        if (strcmp((*b)->name, name) == 0)
            return *b;
    }
    return NULL;
}

const char *backend_names(void)
{
    static char names[64];
    if (!names[0]) {
        for (const Backend *const *b = backend_list(); *b; b++) {
            if (names[0])
                strcat(names, ", ");
            strcat(names, (*b)->name);
        }
    }
    return names;
}
