/* backend/backend.c — the registry of backends, as -accel names them. The
 * first is the default. */
#include <string.h>

#include "backend/target.h"

static const Backend *const *backend_list(void)
{
    static const Backend *list[3];
    if (!list[0]) {
        unsigned n = 0;
#ifdef MORPH_HAVE_JIT
        list[n++] = &backend_jit;
#endif
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
