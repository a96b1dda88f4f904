/* Setting up a machine and the two ways the engine hands control to the
 * kernel: a kcall from the trap vector, and an exit request. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../oskernel/kernel.h"
#include "../oskernel/sched.h"
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
    engine_add_cpu(c);
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
    engine_enter_kernel(c);
    kernel_entry(c);
    engine_leave_kernel(c);
    fault_ctx_set(saved);
}

void engine_exit_request(struct cpu *c)
{
    /* With --deterministic the limit is also the end of a quantum: the
     * baton may move to another thread, and come back, right here. */
    if (c->icount >= c->insn_limit && !sched_quantum_end(c)) {
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

/* ---- guest threads ------------------------------------------------------- */

static unsigned nthreads = 1;

unsigned machine_nthreads(void)
{
    return __atomic_load_n(&nthreads, __ATOMIC_ACQUIRE);
}

struct cpu *machine_clone_cpu(struct cpu *parent)
{
    /* The arch state is plain data: a copy is the parent's register file.
     * The child resumes where the parent's kcall would: the stub's return
     * instruction right after it. */
    struct cpu *c = malloc(parent->arch->cpu_size);
    if (!c)
        return NULL;
    memcpy(c, parent, parent->arch->cpu_size);
    c->jcache = NULL;
    c->task = NULL;
    c->sched = NULL;
    c->exit_request = 0;
    c->pc = parent->cur->pc + parent->cur->len;
    engine_add_cpu(c);
    return c;
}

static void *thread_main(void *arg)
{
    struct cpu *c = arg;
    kernel_thread_start(c);
    machine_run(c);
}

void machine_forget_cpu(struct cpu *c)
{
    engine_remove_cpu(c);
    free(c);
}

int machine_start_thread(struct cpu *c)
{
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&at, 1 << 20);
    __atomic_add_fetch(&nthreads, 1, __ATOMIC_ACQ_REL);
    pthread_t t;
    int r = pthread_create(&t, &at, thread_main, c);
    pthread_attr_destroy(&at);
    if (r) {
        __atomic_sub_fetch(&nthreads, 1, __ATOMIC_ACQ_REL);
        return -r;
    }
    return 0;
}

unsigned machine_thread_leaving(void)
{
    return __atomic_sub_fetch(&nthreads, 1, __ATOMIC_ACQ_REL);
}

_Noreturn void machine_thread_exit(struct cpu *c)
{
    engine_remove_cpu(c);
    /* last: from here on another thread may hold the baton */
    sched_thread_exit(c);
    if (c != c->m->cpu)
        free(c);
    pthread_exit(NULL);
}
