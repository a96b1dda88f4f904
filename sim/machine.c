/* Setting up a machine and the two ways the engine hands control to the
 * kernel: a kcall from the trap vector, and an exit request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../oskernel/kernel.h"
#include "engine.h"
#include "fault.h"
#include "machine.h"

struct machine *machine_create(const struct arch_entry *ae, uint64_t arena_size)
{
    struct machine *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->arch = ae->cpu;
    m->kabi = ae->kabi;
    int err = mem_init(&m->mem, arena_size, ae->kabi->page_size);
    if (err) {
        fprintf(stderr, "trapeze: cannot reserve %llu GiB for guest memory: %s\n",
                (unsigned long long)(arena_size >> 30), strerror(-err));
        free(m);
        return NULL;
    }
    struct cpu *c = calloc(1, ae->cpu->cpu_size);
    if (!c) {
        free(m);
        return NULL;
    }
    c->arch = ae->cpu;
    c->m = m;
    c->insn_limit = UINT64_MAX;
    ae->cpu->reset(c);
    m->cpu = c;
    the_machine = m;
    fault_install();
    return m;
}

void machine_kernel_entry(struct cpu *c)
{
    /* The kernel touches guest memory only through uaccess, which arms its
     * own fault context: a stray access is a trapeze bug, not a guest fault. */
    struct fault_ctx *saved = fault_ctx_get();
    fault_ctx_set(NULL);
    kernel_entry(c);
    fault_ctx_set(saved);
}

void engine_exit_request(struct cpu *c)
{
    if (c->icount >= c->insn_limit) {
        fprintf(stderr, "trapeze: instruction limit reached (%llu instructions) at pc 0x%llx\n",
                (unsigned long long)c->icount, (unsigned long long)c->pc);
        kernel_exit_group(c, 124);
    }
    if (c->exit_request) {
        /* In kernel mode the kernel's way out delivers what is pending. */
        if (c->arch->privileged(c))
            return;
        c->exit_request = 0;
        if (c->arch->interrupt)
            c->arch->interrupt(c);
    }
}
