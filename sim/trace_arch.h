/* What a CPU model adds to traces.  Each sim/<arch>/trace.c registers
 * one at start-up, so the generic tracer never names an arch:
 *   - the system registers a trap event shows (ESR_EL1/ELR_EL1...,
 *     scause/sepc..., ESTAT/ERA/BADV..., the x86 trap frame);
 *   - optionally, the text format in the arch's own trace dialect
 *     (aarch64: Arm's Tarmac, see docs/tracing.md). */
#ifndef TRAPEZE_TRACE_ARCH_H
#define TRAPEZE_TRACE_ARCH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"

/* One guest memory access of an instruction, with the value read back
 * after it (what a load read, what a store wrote). */
struct trace_mem {
    enum access acc;
    uint64_t addr;
    unsigned size;
    bool have_value;
    uint8_t value[16];          /* guest byte order (little-endian) */
};

typedef void trace_put_fn(void *ctx, const char *name, uint64_t value);

struct trace_text {
    /* Before each instruction: remember what the instruction may change. */
    void (*snapshot)(struct cpu *c);
    /* After instruction d (text: its disassembly): its record, its memory
     * accesses, the exception it took or the exception return it made,
     * the registers it wrote.  `events` (TR_INSN, TR_MEM, TR_TRAP) says
     * which of those are wanted.  f is the trace file, `cycle` the time. */
    void (*insn)(FILE *f, uint64_t cycle, struct cpu *c, const struct dinsn *d, const char *text,
                 const struct trace_mem *m, unsigned nm, unsigned events);
    /* An asynchronous exception (an interrupt) taken at an instruction
     * boundary: c->pc is the vector. */
    void (*interrupt)(FILE *f, uint64_t cycle, struct cpu *c);
};

struct trace_arch {
    const struct arch *arch;
    /* The trap's system registers: put(ctx, name, value) for each. */
    void (*trap_regs)(struct cpu *c, trace_put_fn *put, void *ctx);
    const struct trace_text *text;      /* NULL: trapeze's own lines */
};

void trace_arch_register(const struct trace_arch *t);

#endif
