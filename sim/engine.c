/* The execution engine: decoded-block cache and the dispatch loop.
 *
 * A block is decoded once, the first time its pc is reached, and kept in a
 * hash table by pc, with a small direct-mapped cache in front for the
 * steady state.  The loop runs a block by calling each dinsn's handler
 * until one returns NULL (see cpu.h). */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "engine.h"
#include "fault.h"
#include "hooks.h"
#include "machine.h"
#include "timing.h"

struct machine *the_machine;

#define MAX_BLOCK_INSNS 128
#define JC_BITS 14

/* The hash table and decoding are shared by all guest threads and
 * serialised by engine_lock; each thread has its own direct-mapped cache
 * in front (c->jcache), read without a lock.  An invalidated block goes to
 * the graveyard tagged with the epoch it died in, and is freed once every
 * thread has passed a block boundary (or is in the kernel) in a later
 * epoch, so no thread can still be running it. */
static pthread_mutex_t engine_lock = PTHREAD_MUTEX_INITIALIZER;
struct block *engine_graveyard;
static uint64_t epoch = 1;
static struct cpu *cpus[MAX_CPUS];
static unsigned ncpus;

static unsigned jc_index(uint64_t pc) { return (unsigned)(pc >> 1) & ((1u << JC_BITS) - 1); }

static unsigned hash_pc(struct machine *m, uint64_t pc)
{
    return (unsigned)((pc * 0x9E3779B97F4A7C15ull) >> (64 - m->hbits));
}

static void htab_grow(struct machine *m)
{
    unsigned nb = m->hbits ? m->hbits + 1 : 12;
    struct block **nt = calloc(1ull << nb, sizeof *nt);
    if (!nt) {
        fprintf(stderr, "trapeze: out of memory for the block cache\n");
        abort();
    }
    unsigned old = m->hbits;
    struct block **ot = m->htab;
    m->htab = nt;
    m->hbits = nb;
    for (uint64_t i = 0; old && i < (1ull << old); i++) {
        for (struct block *b = ot[i], *n; b; b = n) {
            n = b->hnext;
            unsigned h = hash_pc(m, b->pc);
            b->hnext = nt[h];
            nt[h] = b;
        }
    }
    free(ot);
}

static const struct dinsn *fallthrough(struct cpu *c, const struct dinsn *d)
{
    c->pc = d->pc;
    return NULL;
}

/* The instruction at pc cannot be fetched: raise the instruction fault. */
static const struct dinsn *fetch_fault(struct cpu *c, const struct dinsn *d)
{
    struct vma *v = d->pc < guest_mem->size ? mem_find(guest_mem, d->pc) : NULL;
    c->arch->mem_fault(c, d->pc, d->pc, ACC_EXEC, v != NULL);
    return cpu_trapped(c);
}

static struct block *decode_block(struct cpu *c, uint64_t pc)
{
    const struct arch *a = c->arch;
    struct block *b = malloc(sizeof *b + (MAX_BLOCK_INSNS + 1) * sizeof(struct dinsn));
    if (!b) {
        fprintf(stderr, "trapeze: out of memory decoding guest code\n");
        abort();
    }
    memset(b, 0, sizeof *b);
    b->pc = pc;
    b->priv = a->privileged(c);
    uint64_t cur = pc;
    uint64_t page_end = (pc | 4095) + 1;
    unsigned n = 0;
    uint32_t cycles = 0;
    uint8_t bytes[32];
    while (n < MAX_BLOCK_INSNS) {
        struct dinsn *d = &b->d[n];
        memset(d, 0, sizeof *d);
        d->pc = cur;
        unsigned avail = mem_fetch(c, cur, bytes, a->max_insn_len);
        unsigned len = avail ? a->decode(c, cur, bytes, avail, d) : 0;
        if (!len) {
            if (n > 0)      /* end the block here; the fault comes when it is reached */
                break;
            d->fn = fetch_fault;
            d->len = 0;
            d->flags = DI_ENDS_BLOCK;
            n++;
            break;
        }
        d->pc = cur;
        d->len = (uint8_t)len;
        cycles += timing_cost(d);
        n++;
        cur += len;
        if ((d->flags & DI_ENDS_BLOCK) || cur >= page_end)
            break;
    }
    struct dinsn *e = &b->d[n];
    memset(e, 0, sizeof *e);
    e->fn = fallthrough;
    e->pc = cur;
    b->n = n;
    b->end = cur;
    b->cycles = cycles;
    return realloc(b, sizeof *b + (n + 1) * sizeof(struct dinsn));
}

static struct block *find_locked(struct machine *m, uint64_t pc, bool priv)
{
    if (!m->htab)
        htab_grow(m);
    for (struct block *b = m->htab[hash_pc(m, pc)]; b; b = b->hnext)
        if (b->pc == pc && b->priv == priv)
            return b;
    return NULL;
}

/* Decoding runs outside the engine's lock (it takes the address-space
 * lock to fetch); a block decoded while some invalidation happened may
 * hold stale code, so it is decoded again. */
static uint64_t inval_gen;

static struct block *lookup_slow(struct cpu *c, uint64_t pc)
{
    struct machine *m = c->m;
    bool priv = c->arch->privileged(c);
    for (;;) {
        pthread_mutex_lock(&engine_lock);
        struct block *b = find_locked(m, pc, priv);
        uint64_t gen = inval_gen;
        pthread_mutex_unlock(&engine_lock);
        if (b)
            return b;
        b = decode_block(c, pc);
        pthread_mutex_lock(&engine_lock);
        struct block *other = find_locked(m, pc, priv);
        if (other || gen != inval_gen) {
            pthread_mutex_unlock(&engine_lock);
            free(b);
            if (other)
                return other;
            continue;
        }
        if (m->nblocks >= (1ull << m->hbits))
            htab_grow(m);
        unsigned h = hash_pc(m, pc);
        b->hnext = m->htab[h];
        m->htab[h] = b;
        m->nblocks++;
        pthread_mutex_unlock(&engine_lock);
        return b;
    }
}

void engine_invalidate(uint64_t addr, uint64_t len)
{
    struct machine *m = the_machine;
    if (!m || !m->htab)
        return;
    pthread_mutex_lock(&engine_lock);
    inval_gen++;
    uint64_t end = addr + len;
    bool any = false;
    for (uint64_t i = 0; i < (1ull << m->hbits); i++) {
        for (struct block **pp = &m->htab[i]; *pp;) {
            struct block *b = *pp;
            if (b->pc < end && b->end + 16 > addr && !b->priv) {
                *pp = b->hnext;
                b->hnext = engine_graveyard;
                b->dead_epoch = epoch;
                engine_graveyard = b;
                m->nblocks--;
                any = true;
            } else {
                pp = &b->hnext;
            }
        }
    }
    if (any) {
        /* a live block may link to a dead one: forget every link */
        for (uint64_t i = 0; i < (1ull << m->hbits); i++)
            for (struct block *b = m->htab[i]; b; b = b->hnext)
                b->link[0] = b->link[1] = NULL;
        epoch++;
        for (unsigned i = 0; i < ncpus; i++)
            memset(cpus[i]->jcache, 0, sizeof(struct block *) << JC_BITS);
    }
    pthread_mutex_unlock(&engine_lock);
}

void engine_flush_all(void)
{
    engine_invalidate(0, ~0ull);
}

/* Free the blocks no thread can be running any more. */
static void free_graveyard(void)
{
    pthread_mutex_lock(&engine_lock);
    uint64_t safe = UINT64_MAX;
    for (unsigned i = 0; i < ncpus; i++)
        if (cpus[i]->qepoch < safe)
            safe = cpus[i]->qepoch;
    for (struct block **pp = &engine_graveyard; *pp;) {
        struct block *b = *pp;
        if (b->dead_epoch < safe) {
            *pp = b->hnext;
            free(b);
        } else {
            pp = &b->hnext;
        }
    }
    pthread_mutex_unlock(&engine_lock);
}

/* From a host signal handler: every thread looks at its signals at its
 * next block boundary.  (A racy read of the list is harmless here.) */
void engine_kick_all(void)
{
    for (unsigned i = 0; i < ncpus; i++)
        cpus[i]->exit_request = 1;
}

void engine_add_cpu(struct cpu *c)
{
    c->jcache = calloc(1u << JC_BITS, sizeof(struct block *));
    if (!c->jcache) {
        fprintf(stderr, "trapeze: out of memory for a new thread\n");
        abort();
    }
    pthread_mutex_lock(&engine_lock);
    if (ncpus == MAX_CPUS) {
        pthread_mutex_unlock(&engine_lock);
        fprintf(stderr, "trapeze: more than %d guest threads\n", MAX_CPUS);
        abort();
    }
    c->qepoch = epoch;
    cpus[ncpus++] = c;
    pthread_mutex_unlock(&engine_lock);
}

void engine_remove_cpu(struct cpu *c)
{
    pthread_mutex_lock(&engine_lock);
    for (unsigned i = 0; i < ncpus; i++)
        if (cpus[i] == c) {
            cpus[i] = cpus[--ncpus];
            break;
        }
    pthread_mutex_unlock(&engine_lock);
    free(c->jcache);
    c->jcache = NULL;
}

/* In the kernel a thread runs no user block: it does not hold back the
 * freeing of invalidated ones (it may sleep there for long). */
static void hooks_kernel_entry(struct cpu *c);

/* Count the first `done` instructions of b as retired, as the hooked
 * loop would have, one by one. */
static void count_partial(struct cpu *c, const struct block *b, unsigned done)
{
    c->icount += done;
    for (unsigned i = 0; i < done; i++)
        c->cycles += timing_cost(&b->d[i]);
}

/* The plain loop counts a block when it ends, but the kernel (its clocks,
 * traces) must see exact counts, as under the hooks: for its duration the
 * instructions of the block before the kcall are counted, and taken back
 * after, when the block's end counts them. */
void engine_enter_kernel(struct cpu *c)
{
    __atomic_store_n(&c->qepoch, UINT64_MAX, __ATOMIC_RELEASE);
    c->kadj_insns = c->kadj_cycles = 0;
    struct block *b = c->blk;
    if (c->threaded && b && c->cur >= b->d && c->cur < b->d + b->n) {
        uint64_t ic = c->icount, cyc = c->cycles;
        count_partial(c, b, (unsigned)(c->cur - b->d));
        c->kadj_insns = c->icount - ic;
        c->kadj_cycles = c->cycles - cyc;
        hooks_kernel_entry(c);
    }
}

void engine_leave_kernel(struct cpu *c)
{
    c->icount -= c->kadj_insns;
    c->cycles -= c->kadj_cycles;
    c->kadj_insns = c->kadj_cycles = 0;
    __atomic_store_n(&c->qepoch, __atomic_load_n(&epoch, __ATOMIC_ACQUIRE), __ATOMIC_RELEASE);
}

/* ---- hooks ---------------------------------------------------------------- */

static const struct exec_hooks *hooks[4];
static bool hook_on[4];
static unsigned nhooks;
static volatile unsigned nhooks_on;

void hooks_add(const struct exec_hooks *h)
{
    if (nhooks < 4) {
        hook_on[nhooks] = true;
        hooks[nhooks++] = h;
        nhooks_on++;
    }
}

bool hooks_active(void) { return nhooks != 0; }

static void hooks_after(struct cpu *c, const struct dinsn *d)
{
    for (unsigned i = 0; i < nhooks; i++)
        if (hook_on[i] && hooks[i]->after)
            hooks[i]->after(c, d);
}

static void hooks_kernel_entry(struct cpu *c)
{
    for (unsigned i = 0; i < nhooks; i++)
        if (!hook_on[i] && hooks[i]->kernel_entry_off)
            hooks[i]->kernel_entry_off(c);
}

/* Switching loops happens at a block boundary of each thread.  The
 * calling thread (c) stops chaining at once, so that with hooks switched
 * on its very next instruction is already seen by them. */
void hooks_enable(struct cpu *c, const struct exec_hooks *h, bool on)
{
    pthread_mutex_lock(&engine_lock);
    for (unsigned i = 0; i < nhooks; i++)
        if (hooks[i] == h && hook_on[i] != on) {
            hook_on[i] = on;
            nhooks_on += on ? 1 : -1;
        }
    for (unsigned i = 0; i < ncpus; i++)
        cpus[i]->reloop = 1;
    pthread_mutex_unlock(&engine_lock);
    if (c && on)
        c->threaded = false;
}

static struct block *next_block(struct cpu *c)
{
    if (__builtin_expect(c->exit_request || c->icount >= c->insn_limit, 0))
        engine_exit_request(c);
    if (__builtin_expect(engine_graveyard != NULL, 0)) {
        c->qepoch = __atomic_load_n(&epoch, __ATOMIC_ACQUIRE);
        free_graveyard();
    }
    uint64_t pc = c->pc;
    struct block *b = c->jcache[jc_index(pc)];
    if (__builtin_expect(!b || b->pc != pc, 0)) {
        c->qepoch = __atomic_load_n(&epoch, __ATOMIC_ACQUIRE);
        b = lookup_slow(c, pc);
        c->jcache[jc_index(pc)] = b;
    }
    c->trapped = false;
    return b;
}

/* The successor of b at c->pc through b's links, or NULL.  Leaving b
 * normally (no trap, nothing asked of the loop) is the common case; the
 * rest goes through next_block. */
static inline struct block *follow_link(struct cpu *c, struct block *b)
{
    if (__builtin_expect(c->trapped, 0) || !engine_may_go_on(c, c->icount))
        return NULL;
    return block_link(b, c->pc);
}

/* The plain loop: counts are kept per block (CPU_GOTO counts the blocks
 * it chains through; c->blk is the last one entered).  Returns when hooks
 * were switched on. */
static void run_fast(struct cpu *c)
{
    c->blk = next_block(c);
    for (;;) {
        const struct dinsn *d = c->blk->d;
        c->chain_left = CHAIN_MAX;
        do {
            c->cur = d;
            d = d->fn(c, d);
        } while (d && c->threaded);
        struct block *b = c->blk;
        unsigned idx = (unsigned)(c->cur - b->d);
        unsigned done = idx < b->n ? idx + !c->trapped : b->n;
        if (__builtin_expect(done == b->n, 1)) {
            c->icount += b->n;
            c->cycles += b->cycles;
        } else {
            /* left early: a trap (the instruction did not retire), or
             * hooks switched on inside it */
            count_partial(c, b, done);
        }
        if (__builtin_expect(!c->threaded, 0)) {
            /* hooks_enable from inside this instruction (the kernel, at
             * a signal): they see its end, and the rest of the block runs
             * under them */
            if (d)
                c->pc = d->pc;
            hooks_after(c, c->cur);
            return;
        }
        struct block *n = follow_link(c, b);
        if (!n) {
            if (c->reloop) {
                if (nhooks_on)
                    return;
                c->reloop = 0;
            }
            bool plain = !c->trapped;
            n = next_block(c);
            if (plain && n->priv == b->priv) {
                b->link[1] = b->link[0];
                b->link[0] = n;
            }
        }
        c->blk = n;
    }
}

/* The loop with hooks: counts are kept per instruction, so that a hook
 * sees exact icount and cycle values.  Returns when every hook is off. */
static void run_hooked(struct cpu *c)
{
    for (;;) {
        if (c->reloop) {
            if (!nhooks_on)
                return;
            c->reloop = 0;
        }
        for (unsigned i = 0; i < nhooks; i++)
            if (hook_on[i] && hooks[i]->boundary)
                hooks[i]->boundary(c);
        struct block *b = next_block(c);
        c->blk = b;
        const struct dinsn *d = b->d;
        while (d) {
            c->cur = d;
            if (d == &b->d[b->n]) {         /* the fall-through marker */
                d->fn(c, d);
                break;
            }
            bool go = true;
            for (unsigned i = 0; i < nhooks && go; i++)
                if (hook_on[i] && hooks[i]->before)
                    go = hooks[i]->before(c, d);
            if (!go)
                break;
            const struct dinsn *nd = d->fn(c, d);
            if (!c->trapped) {
                c->icount++;
                c->cycles += timing_cost(d);
            }
            hooks_after(c, d);
            if (c->trapped)
                break;
            d = nd;
        }
    }
}

_Noreturn void machine_run(struct cpu *c)
{
    struct fault_ctx fc;

    if (sigsetjmp(fc.jb, 0)) {
        /* A guest access faulted in the host: the instruction at c->cur
         * did not complete and left its registers alone. */
        const struct dinsn *d = c->cur;
        struct block *b = c->blk;
        if (c->threaded && b && d >= b->d && d < b->d + b->n)
            count_partial(c, b, (unsigned)(d - b->d));
        struct vma *v = fc.addr < guest_mem->size ? mem_find(guest_mem, fc.addr) : NULL;
        c->fault_bus = fc.host_sig == SIGBUS;
        c->arch->mem_fault(c, d->pc, fc.addr, fc.acc, v != NULL);
        c->trapped = true;
        if (!c->threaded)
            hooks_after(c, d);
    }
    fault_ctx_set(&fc);
    for (;;) {
        c->reloop = 0;
        c->threaded = nhooks_on == 0;
        if (c->threaded)
            run_fast(c);
        else
            run_hooked(c);
    }
}

_Noreturn void cpu_fault(struct cpu *c, uint64_t addr, enum access acc)
{
    struct fault_ctx *fc = fault_ctx_get();
    if (!fc) {
        fprintf(stderr, "trapeze: internal error: guest access to 0x%llx outside the CPU loop\n",
                (unsigned long long)addr);
        abort();
    }
    fc->addr = addr;
    fc->acc = acc;
    fc->host_sig = 0;
    siglongjmp(fc->jb, 1);
}
