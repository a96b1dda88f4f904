/* Tracing: instructions, traps, syscalls and the signal path, on the
 * timing model's cycle axis, as text, JSON Lines or Perfetto (Chrome
 * trace-event) JSON, and the signal paths as an SVG picture.
 * docs/tracing.md describes the events and formats. */
#ifndef TRAPEZE_TRACE_H
#define TRAPEZE_TRACE_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

enum {
    TR_INSN = 1, TR_TRAP = 2, TR_SYSCALL = 4, TR_SIGNAL = 8, TR_MEM = 16,
    TR_PATH = 32,       /* signal-path: record only from generation to resumption */
};

enum trace_format { TF_TEXT, TF_JSON, TF_PERFETTO };

struct trace_opts {
    const char *file;           /* NULL: no trace file (the SVG may still be wanted) */
    const char *svg;            /* picture of the signal paths */
    unsigned events;            /* TR_* */
    enum trace_format format;
    uint64_t cycle_lo, cycle_hi;        /* window; hi 0 = open */
    uint64_t addr_lo, addr_hi;          /* insn filter; hi 0 = all */
    const char *addr_sym;               /* filter by symbol (resolved at start) */
    unsigned max_paths;                 /* 0 = all */
};

/* --disasm NAME: whose disassembly traces show; -1 (with a message) if
 * NAME is unknown or not available in this build. */
int trace_set_disasm(const char *name);

/* Parse "insn,trap,syscall,signal,mem,signal-path"; -1 on a bad name. */
int trace_parse_events(const char *s, unsigned *out);
/* -1 with a message: bad options, or a build without tracing. */
int trace_start(struct cpu *c, const struct trace_opts *o);

enum sig_stage {
    SIG_GENERATED,      /* queued: by whom, why */
    SIG_DELIVER,        /* chosen for delivery */
    SIG_FRAME,          /* frame written: address, size */
    SIG_HANDLER,        /* handler's first instruction */
    SIG_TRAMPOLINE,     /* the return trampoline's first instruction */
    SIG_SIGRETURN,      /* rt_sigreturn trapped into the kernel */
    SIG_RESTORED,       /* context restored from the frame */
    SIG_RESUMED,        /* the interrupted code runs again */
    SIG_DEFAULT,        /* default action taken (kill, stop, ignore) */
};
struct sig_event {
    int sig, code;
    int sender;                 /* pid, 0 for the kernel */
    const char *why;            /* "fault", "kill", "tgkill", "timer", "host signal" ... */
    uint64_t addr;              /* si_addr; frame address for SIG_FRAME */
    uint64_t size;              /* frame size */
    uint64_t handler, trampoline, resume;
};

#ifdef TRAPEZE_NO_TRACE
/* configure --disable-trace: every `if (trace_events)` in the kernel is
 * `if (0)`, so the calls below vanish with the code that builds their
 * arguments; sim/trace_off.c answers the options with an error. */
#define trace_events 0u
static inline void trace_finish(struct cpu *c) {}
static inline void trace_syscall(struct cpu *c, const char *name, long nr, const uint64_t a[6],
                                 long ret) {}
static inline void trace_signal(struct cpu *c, enum sig_stage st, const struct sig_event *e) {}
static inline int trace_current_signal(void) { return 0; }
#else
/* Nonzero while tracing: callers test it before building an event. */
extern unsigned trace_events;

/* Flush and close: at the end of the process, whatever ends it. */
void trace_finish(struct cpu *c);

/* Kernel-side events. */
void trace_syscall(struct cpu *c, const char *name, long nr, const uint64_t a[6], long ret);
void trace_signal(struct cpu *c, enum sig_stage st, const struct sig_event *e);

/* The signal of the innermost signal path in flight, 0 if none. */
int trace_current_signal(void);
#endif

#endif
