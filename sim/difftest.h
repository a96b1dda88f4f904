/* Lockstep differential testing: `trapeze --difftest REF prog args`
 * (docs/difftest.md).  REF is `native` (x86_64 guests on an x86_64 host,
 * under ptrace) or `gdb:HOST:PORT` / `gdb:unix:PATH` (any GDB remote
 * stub: qemu-<arch> -g, gdbserver, another trapeze -g). */
#ifndef TRAPEZE_DIFFTEST_H
#define TRAPEZE_DIFFTEST_H

#include "cpu.h"

/* How often the two sides are compared. */
struct difftest_opts {
    uint64_t every;             /* 0 or 1: after every instruction; N: every N */
    bool at_syscalls;           /* only at system calls (and at exit) */
    uint64_t from;              /* compare every instruction from this one on */
};

/* Connect to / start the reference and arm the hooks; call after
 * loader_exec, before machine_run.  0, or -1 with a message. */
int difftest_start(struct cpu *c, const char *ref, const struct difftest_opts *o, const char *prog,
                   char **argv, char **envp);

/* Exit statuses: the two sides diverged / the reference failed.  With no
 * divergence trapeze exits as the guest did. */
#define DIFFTEST_EXIT_DIVERGED 99
#define DIFFTEST_EXIT_ERROR 126

#endif
