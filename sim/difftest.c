/* Lockstep differential testing (docs/difftest.md). */
#include <stdio.h>

#include "difftest.h"

int difftest_start(struct cpu *c, const char *ref, const char *prog,
                   char **argv, char **envp)
{
    fprintf(stderr, "trapeze: --difftest %s: not available yet\n", ref);
    return -1;
}
