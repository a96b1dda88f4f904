/* The execution engine: decoded-block cache and the dispatch loop.
 *
 * A block is decoded once, the first time its pc is reached, and kept in a
 * hash table by pc, with a small direct-mapped cache in front for the
 * steady state.  The loop runs a block by calling each dinsn's handler
 * until one returns NULL (see cpu.h). */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fault.h"
#include "hooks.h"
#include "machine.h"
#include "timing.h"

struct machine *the_machine;
bool engine_threaded;

#define MAX_BLOCK_INSNS 128
#define JC_BITS 14

static struct block *jcache[1u << JC_BITS];
static struct block *graveyard;      /* invalidated blocks, freed at a safe point */

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

static struct block *lookup_slow(struct cpu *c, uint64_t pc)
{
    struct machine *m = c->m;
    bool priv = c->arch->privileged(c);
    if (!m->htab)
        htab_grow(m);
    unsigned h = hash_pc(m, pc);
    for (struct block *b = m->htab[h]; b; b = b->hnext)
        if (b->pc == pc && b->priv == priv)
            return b;
    if (m->nblocks >= (1ull << m->hbits))
        htab_grow(m), h = hash_pc(m, pc);
    struct block *b = decode_block(c, pc);
    b->hnext = m->htab[h];
    m->htab[h] = b;
    m->nblocks++;
    return b;
}

void engine_invalidate(uint64_t addr, uint64_t len)
{
    struct machine *m = the_machine;
    if (!m || !m->htab)
        return;
    uint64_t end = addr + len;
    for (uint64_t i = 0; i < (1ull << m->hbits); i++) {
        for (struct block **pp = &m->htab[i]; *pp;) {
            struct block *b = *pp;
            if (b->pc < end && b->end + 16 > addr && !b->priv) {
                *pp = b->hnext;
                b->hnext = graveyard;
                graveyard = b;
                m->nblocks--;
            } else {
                pp = &b->hnext;
            }
        }
    }
    memset(jcache, 0, sizeof jcache);
}

void engine_flush_all(void)
{
    engine_invalidate(0, ~0ull);
}

static void free_graveyard(void)
{
    while (graveyard) {
        struct block *n = graveyard->hnext;
        free(graveyard);
        graveyard = n;
    }
}

/* ---- hooks ---------------------------------------------------------------- */

static const struct exec_hooks *hooks[4];
static unsigned nhooks;

void hooks_add(const struct exec_hooks *h)
{
    if (nhooks < 4)
        hooks[nhooks++] = h;
}

bool hooks_active(void) { return nhooks != 0; }

static struct block *volatile running;

static struct block *next_block(struct cpu *c)
{
    if (__builtin_expect(c->exit_request || c->icount >= c->insn_limit, 0))
        engine_exit_request(c);
    if (graveyard)
        free_graveyard();
    uint64_t pc = c->pc;
    struct block *b = jcache[jc_index(pc)];
    if (__builtin_expect(!b || b->pc != pc, 0)) {
        b = lookup_slow(c, pc);
        jcache[jc_index(pc)] = b;
    }
    running = b;
    c->trapped = false;
    return b;
}

/* The plain loop: counts are kept per block. */
_Noreturn static void run_fast(struct cpu *c)
{
    for (;;) {
        struct block *b = next_block(c);
        const struct dinsn *d = b->d;
        do {
            c->cur = d;
            d = d->fn(c, d);
        } while (d);
        unsigned idx = (unsigned)(c->cur - b->d);
        c->icount += idx < b->n ? idx + !c->trapped : b->n;
        c->cycles += b->cycles;
    }
}

/* The loop with hooks: counts are kept per instruction, so that a hook
 * sees exact icount and cycle values. */
_Noreturn static void run_hooked(struct cpu *c)
{
    for (;;) {
        for (unsigned i = 0; i < nhooks; i++)
            if (hooks[i]->boundary)
                hooks[i]->boundary(c);
        struct block *b = next_block(c);
        const struct dinsn *d = b->d;
        while (d) {
            c->cur = d;
            if (d == &b->d[b->n]) {         /* the fall-through marker */
                d->fn(c, d);
                break;
            }
            bool go = true;
            for (unsigned i = 0; i < nhooks && go; i++)
                if (hooks[i]->before)
                    go = hooks[i]->before(c, d);
            if (!go)
                break;
            const struct dinsn *nd = d->fn(c, d);
            if (!c->trapped) {
                c->icount++;
                c->cycles += timing_cost(d);
            }
            for (unsigned i = 0; i < nhooks; i++)
                if (hooks[i]->after)
                    hooks[i]->after(c, d);
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
        struct block *b = running;
        if (!nhooks && b && d >= b->d && d < b->d + b->n)
            c->icount += (uint64_t)(d - b->d);
        struct vma *v = fc.addr < guest_mem->size ? mem_find(guest_mem, fc.addr) : NULL;
        c->arch->mem_fault(c, d->pc, fc.addr, fc.acc, v != NULL);
        c->trapped = true;
        for (unsigned i = 0; i < nhooks; i++)
            if (hooks[i]->after)
                hooks[i]->after(c, d);
    }
    fault_ctx_set(&fc);
    engine_threaded = nhooks == 0;
    if (nhooks)
        run_hooked(c);
    run_fast(c);
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
