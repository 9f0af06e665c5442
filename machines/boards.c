/* machines/boards.c — the table of boards morph-system can build (-M NAME,
 * -M help). Each board lives in machines/<board>.c and adds one row here. */
#include <string.h>

#include "machines/machine.h"

extern const BoardDesc board_e500;
extern const BoardDesc board_pc;

static const BoardDesc *const boards[] = {
    &board_e500,
    &board_pc,
    NULL,
};

const BoardDesc *const *board_list(void)
{
    return boards;
}

const BoardDesc *board_find(const char *name)
{
    for (const BoardDesc *const *b = boards; *b; b++) {
        if (strcmp((*b)->name, name) == 0)
            return *b;
    }
    return NULL;
}
