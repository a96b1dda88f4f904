/* Default costs of the in-order timing model, in cycles.  They describe a
 * simple scalar in-order core (one instruction per cycle for ALU work, a
 * pipelined multiplier, an iterative divider, a 3-cycle L1 hit).  Traces
 * and guest-visible counters derive from these numbers. */
#include "timing.h"

unsigned timing_class_cost[IC_NCLASS] = {
    [IC_ALU] = 1, [IC_MUL] = 3, [IC_DIV] = 20, [IC_LOAD] = 3,
    [IC_STORE] = 1, [IC_BRANCH] = 1, [IC_JUMP] = 2, [IC_FP] = 4,
    [IC_FPDIV] = 15, [IC_SIMD] = 2, [IC_SYSTEM] = 10, [IC_BARRIER] = 5,
    [IC_ATOMIC] = 10,
};
