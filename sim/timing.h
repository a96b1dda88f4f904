/* The timing model: cycles per instruction class (docs/timing.md). */
#ifndef TRAPEZE_TIMING_H
#define TRAPEZE_TIMING_H

#include "cpu.h"

extern unsigned timing_class_cost[IC_NCLASS];

static inline unsigned timing_cost(const struct dinsn *d)
{
    return timing_class_cost[d->cls < IC_NCLASS ? d->cls : IC_ALU];
}

#endif
