/* What loongarch64 adds to traces (sim/trace_arch.h): a trap event shows
 * the exception CSRs as the trap left them. */
#ifndef TRAPEZE_NO_TRACE
#include "la.h"
#include "../trace_arch.h"

static void trap_regs(struct cpu *c, trace_put_fn *put, void *ctx)
{
    struct la_cpu *s = LA(c);
    put(ctx, "ESTAT", s->estat);
    put(ctx, "ERA", s->era);
    put(ctx, "BADV", s->badv);
    put(ctx, "PRMD", s->prmd);
    put(ctx, "CRMD", s->crmd);
}

static const struct trace_arch view = {.arch = &arch_loongarch64, .trap_regs = trap_regs};

__attribute__((constructor)) static void init(void)
{
    trace_arch_register(&view);
}
#endif
