/* x87 floating point (placeholder until the full unit lands). */
#include "x86.h"

void x86_fpu_reset(struct x86_cpu *x)
{
    x->mxcsr = 0x1f80;
    x->fcw = 0x37f;
    x->fsw = 0;
    x->ftw = 0xff;
    x->ftop = 0;
    memset(x->xmm, 0, sizeof x->xmm);
}

xhandler x86_x87_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d)
{
    (void)in; (void)o; (void)d;
    return NULL;
}
