/* SSE (placeholder). */
#include "x86.h"

xhandler x86_sse_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d)
{
    (void)in; (void)o; (void)d;
    return NULL;
}
