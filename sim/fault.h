/* Host faults on guest memory.  Whoever touches guest memory arms a
 * fault_ctx (the dispatch loop for the CPU, uaccess for the kernel); a host
 * SIGSEGV/SIGBUS inside the arena unwinds to the innermost one with the
 * guest address and access kind. */
#ifndef TRAPEZE_FAULT_H
#define TRAPEZE_FAULT_H

#include <setjmp.h>
#include <stdint.h>

#include "cpu.h"

struct fault_ctx {
    sigjmp_buf jb;
    uint64_t addr;              /* guest address */
    enum access acc;
    int host_sig;               /* SIGSEGV, or SIGBUS (file mapping beyond EOF) */
};

void fault_install(void);
struct fault_ctx *fault_ctx_get(void);
void fault_ctx_set(struct fault_ctx *fc);

#endif
