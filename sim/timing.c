/* Default costs of the in-order timing model, in cycles.  They describe a
 * simple scalar in-order core (one instruction per cycle for ALU work, a
 * pipelined multiplier, an iterative divider, a 3-cycle L1 hit).  Traces
 * and guest-visible counters derive from these numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "timing.h"

unsigned timing_class_cost[IC_NCLASS] = {
    [IC_ALU] = 1, [IC_MUL] = 3, [IC_DIV] = 20, [IC_LOAD] = 3,
    [IC_STORE] = 1, [IC_BRANCH] = 1, [IC_JUMP] = 2, [IC_FP] = 4,
    [IC_FPDIV] = 15, [IC_SIMD] = 2, [IC_SYSTEM] = 10, [IC_BARRIER] = 5,
    [IC_ATOMIC] = 10,
};

/* The kernel's work: entering through the vector and dispatching a
 * syscall or a fault, choosing a signal and building its frame (a fixed
 * part plus the copy, per 16 bytes), and validating a frame at sigreturn. */
unsigned timing_kernel_cost[KW_N] = {
    [KW_SYSCALL] = 40, [KW_FAULT] = 60, [KW_SIGNAL_DELIVER] = 120,
    [KW_FRAME_PER_16B] = 1, [KW_SIGRETURN] = 100,
};

static const char *const class_names[IC_NCLASS] = {
    "alu", "mul", "div", "load", "store", "branch", "jump", "fp", "fpdiv", "simd",
    "system", "barrier", "atomic",
};
static const char *const kwork_names[KW_N] = {
    "syscall", "fault", "signal_deliver", "frame_per_16_bytes", "sigreturn",
};

/* Format: one "name cycles" pair per line; '#' starts a comment. */
int timing_load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char line[256];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *h = strchr(line, '#');
        if (h)
            *h = 0;
        char name[64], extra[8];
        long v;
        int n = sscanf(line, "%63s %ld %7s", name, &v, extra);
        if (n <= 0)
            continue;
        if (n != 2 || v < 0 || v > 1000000) {
            fprintf(stderr, "trapeze: %s:%d: expected \"name cycles\"\n", path, lineno);
            fclose(f);
            return -1;
        }
        bool found = false;
        for (int i = 0; i < IC_NCLASS && !found; i++)
            if (!strcmp(name, class_names[i]))
                timing_class_cost[i] = (unsigned)v, found = true;
        for (int i = 0; i < KW_N && !found; i++)
            if (!strcmp(name, kwork_names[i]))
                timing_kernel_cost[i] = (unsigned)v, found = true;
        if (!found) {
            fprintf(stderr, "trapeze: %s:%d: unknown cost name '%s'\n", path, lineno, name);
            fclose(f);
            return -1;
        }
    }
    fclose(f);
    return 0;
}
