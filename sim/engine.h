/* Engine internals shared by the loop and the machine set-up. */
#ifndef TRAPEZE_ENGINE_H
#define TRAPEZE_ENGINE_H

#include "cpu.h"

/* Called at a block boundary when c->exit_request is set or the
 * instruction limit is reached. */
void engine_exit_request(struct cpu *c);

#endif
