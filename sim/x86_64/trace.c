/* What x86_64 adds to traces (sim/trace_arch.h): a trap event shows how
 * the kernel was entered.  Through `syscall`: RCX and R11 hold the return
 * rip and rflags, LSTAR is the target.  Through the IDT: the vector, the
 * error code, CR2 and the interrupt frame the exception pushed.  Back in
 * user mode (trap-return): the thread pointer. */
#ifndef TRAPEZE_NO_TRACE
#include "x86.h"
#include "../trace_arch.h"

static void trap_regs(struct cpu *c, trace_put_fn *put, void *ctx)
{
    struct x86_cpu *x = X86(c);
    if (x->cpl == 0 && c->pc == x->lstar) {
        put(ctx, "rcx", x->r[1]);
        put(ctx, "r11", x->r[11]);
        put(ctx, "LSTAR", x->lstar);
        put(ctx, "SFMASK", x->sfmask);
    } else if (x->cpl == 0) {
        put(ctx, "trapno", (uint64_t)x->trapno);
        put(ctx, "error_code", x->err);
        put(ctx, "CR2", x->cr2);
        put(ctx, "frame_rip", x->iframe.rip);
        put(ctx, "frame_rflags", x->iframe.rflags);
        put(ctx, "frame_rsp", x->iframe.rsp);
    }
    put(ctx, "fs_base", x->fs_base);
}

static const struct trace_arch view = {.arch = &arch_x86_64, .trap_regs = trap_regs};

__attribute__((constructor)) static void init(void)
{
    trace_arch_register(&view);
}
#endif
