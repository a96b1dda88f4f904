/* The timing model: cycles per instruction class (docs/timing.md). */
#ifndef TRAPEZE_TIMING_H
#define TRAPEZE_TIMING_H

#include "cpu.h"

extern unsigned timing_class_cost[IC_NCLASS];

/* The emulated kernel's own work, in cycles. */
enum kwork { KW_SYSCALL, KW_FAULT, KW_SIGNAL_DELIVER, KW_FRAME_PER_16B, KW_SIGRETURN, KW_N };
extern unsigned timing_kernel_cost[KW_N];

/* Read a --timing file; 0, or -1 with a message on stderr. */
int timing_load(const char *path);

static inline unsigned timing_cost(const struct dinsn *d)
{
    return timing_class_cost[d->cls < IC_NCLASS ? d->cls : IC_ALU];
}

#endif
