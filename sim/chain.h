/* Block chaining for handlers that end a block: CPU_GOTO (sim/cpu.h).
 *
 * The indirect jump into the next block's first handler is made from each
 * branch handler's own code rather than from the loop's one call site, so
 * the host predicts it per kind of branch and per path (the same reason
 * as CPU_NEXT).  Only the common case is done here: the block completed,
 * nothing is asked of the loop, and the block already links to the
 * successor; everything else returns NULL to the loop, which does the
 * counting, the lookup and the linking (sim/engine.c). */
#ifndef TRAPEZE_CHAIN_H
#define TRAPEZE_CHAIN_H

#include "machine.h"

/* Non-NULL while invalidated blocks wait to be freed: threads must then
 * pass through the loop, which records that they left the old blocks. */
extern struct block *engine_graveyard;

/* Chained blocks nest host stack frames when the compiler does not turn
 * the handler's last call into a jump (-O0): bound how deep that goes. */
#define CHAIN_MAX 32

/* b's linked successor at pc, or NULL. */
static inline struct block *block_link(const struct block *b, uint64_t pc)
{
    struct block *n = b->link[0];
    if (__builtin_expect(n && n->pc == pc, 1))
        return n;
    n = b->link[1];
    return n && n->pc == pc ? n : NULL;
}

/* Whether a thread that has counted `icount` instructions may go on to
 * the next block without the loop: nothing asked of it, the instruction
 * limit not reached, no dead blocks waiting for it to pass. */
static inline bool engine_may_go_on(const struct cpu *c, uint64_t icount)
{
    return !__builtin_expect((icount >= c->insn_limit) | c->exit_request | c->reloop, 0) &&
           !__builtin_expect(engine_graveyard != NULL, 0);
}

static inline const struct dinsn *engine_chain(struct cpu *c)
{
    struct block *b = c->blk;
    struct block *n = block_link(b, c->pc);
    uint64_t ic = c->icount + b->n;
    if (__builtin_expect(!n || !c->chain_left, 0) || !engine_may_go_on(c, ic))
        return NULL;
    c->icount = ic;
    c->cycles += b->cycles;
    c->chain_left--;
    c->blk = n;
    c->cur = n->d;
    return n->d[0].fn(c, n->d);
}

#define CPU_GOTO(c, d, target)                              \
    do {                                                    \
        (c)->pc = (target);                                 \
        if (__builtin_expect((c)->threaded, 1))             \
            return engine_chain(c);                         \
        return NULL;                                        \
    } while (0)

#endif
