/* Per-instruction hooks for tools that watch or steer execution: the gdb
 * stub, tracing, difftest.  When any hook is registered the engine runs a
 * separate loop that calls them around every instruction; with none, the
 * fast loop runs and the hooks cost nothing. */
#ifndef TRAPEZE_HOOKS_H
#define TRAPEZE_HOOKS_H

#include <stdbool.h>

#include "cpu.h"

struct exec_hooks {
    /* Before instruction d runs (d->pc is its address).  Return false to
     * abandon the rest of the block, after setting c->pc: the loop goes on
     * at c->pc (a debugger changed the pc). */
    bool (*before)(struct cpu *c, const struct dinsn *d);
    /* After d ran; c->trapped says it raised an exception instead of
     * retiring (c->pc is then the vector). */
    void (*after)(struct cpu *c, const struct dinsn *d);
    /* At each block boundary, with c->pc the next instruction. */
    void (*boundary)(struct cpu *c);
    /* The instruction at c->cur enters the emulated kernel (a kcall) while
     * these hooks are switched off: they may switch themselves on from
     * inside the kernel and then see that instruction's `after`. */
    void (*kernel_entry_off)(struct cpu *c);
};

/* Register a set of hooks (at most 4, switched on); called before
 * machine_run. */
void hooks_add(const struct exec_hooks *h);
/* Whether any hooks are registered (on or off). */
bool hooks_active(void);
/* Switch registered hooks off or on again, e.g. to watch only part of a
 * run at full speed otherwise.  With no hook on, the fast loop runs.  From
 * inside an instruction (the kernel), pass its CPU: with hooks switched on,
 * the CPU's next instruction is already hooked; other threads follow at
 * their next block boundary. */
void hooks_enable(struct cpu *c, const struct exec_hooks *h, bool on);

#endif
