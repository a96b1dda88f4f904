/* What riscv64 adds to traces (sim/trace_arch.h): a trap event shows the
 * supervisor trap CSRs as the trap left them. */
#ifndef TRAPEZE_NO_TRACE
#include "rv.h"
#include "../trace_arch.h"

static void trap_regs(struct cpu *c, trace_put_fn *put, void *ctx)
{
    struct rv_cpu *s = RV(c);
    put(ctx, "scause", s->scause);
    put(ctx, "sepc", s->sepc);
    put(ctx, "stval", s->stval);
    put(ctx, "sstatus", s->sstatus);
}

static const struct trace_arch view = {.arch = &arch_riscv64, .trap_regs = trap_regs};

__attribute__((constructor)) static void init(void)
{
    trace_arch_register(&view);
}
#endif
