/* configure --disable-trace: the tracer is left out of the build (see
 * trace.h).  The options that need it say so and stop trapeze. */
#ifdef TRAPEZE_NO_TRACE
#include <stdio.h>

#include "trace.h"
#include "trace_summary.h"

static int no_trace(const char *what)
{
    fprintf(stderr, "trapeze: %s: this trapeze was built without tracing "
                    "(./configure --disable-trace); rebuild without that option\n", what);
    return -1;
}

int trace_set_disasm(const char *name)
{
    return no_trace("--disasm");
}

/* Accepted here so that the message names --trace, not the event list. */
int trace_parse_events(const char *s, unsigned *out)
{
    *out = 0;
    return 0;
}

int trace_start(struct cpu *c, const struct trace_opts *o)
{
    return no_trace(o->file ? "--trace" : "--trace-svg");
}

int trace_summary(const char *jsonl, const char *svg, FILE *out)
{
    return no_trace("--trace-summary");
}
#endif
