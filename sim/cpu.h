/* The interface between the generic engine (sim/) and one CPU model
 * (sim/<arch>/ + decoders/<arch>/).
 *
 * Execution model: a guest block is decoded once into an array of
 * struct dinsn; the engine runs it by calling d->fn(c, d) until a handler
 * returns NULL.  A handler that does not change control flow returns d + 1.
 * A handler that ends the block (branch, trap, system instruction) sets
 * c->pc and returns NULL.  The decoder ends every block with a branch, a
 * trap, or the engine's fall-through marker (added by the engine).
 *
 * Exceptions: a handler that detects an architectural exception calls the
 * arch's own trap-entry function (which sets the cause registers and
 * c->pc to the vector) and returns cpu_trapped(c).  Guest memory faults
 * detected by the host MMU never return to the handler: the engine unwinds
 * to the dispatch loop and calls arch->mem_fault() with c->cur still
 * pointing at the faulting instruction, whose registers are untouched
 * (handlers write registers only after their last memory access).
 */
#ifndef TRAPEZE_CPU_H
#define TRAPEZE_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct block;
struct cpu;
struct dinsn;
struct machine;
struct kabi;

typedef const struct dinsn *(*insn_fn)(struct cpu *c, const struct dinsn *d);

/* Timing classes; the timing model (sim/timing.c) gives each a cost. */
enum insn_class {
    IC_ALU, IC_MUL, IC_DIV, IC_LOAD, IC_STORE, IC_BRANCH, IC_JUMP,
    IC_FP, IC_FPDIV, IC_SIMD, IC_SYSTEM, IC_BARRIER, IC_ATOMIC, IC_NCLASS
};

/* One pre-decoded instruction: 64 bytes. */
struct dinsn {
    insn_fn fn;         /* semantics */
    uint64_t pc;        /* guest address of the instruction */
    uint32_t raw;       /* encoding (fixed-width ISAs; first 4 bytes on x86) */
    uint8_t len;        /* encoding length in bytes */
    uint8_t cls;        /* enum insn_class */
    uint8_t flags;      /* DI_* */
    uint8_t pad;
    union {             /* operands, owned by the arch's decoder */
        uint8_t u8[40];
        uint16_t u16[20];
        uint32_t u32[10];
        int32_t i32[10];
        uint64_t u64[5];
        int64_t i64[5];
    } a;
};
_Static_assert(sizeof(struct dinsn) == 64, "dinsn is one cache line");

#define DI_ENDS_BLOCK 0x01   /* control flow leaves the straight line */
#define DI_PRIV       0x02   /* only valid at the kernel privilege level */

/* Memory access kinds, for faults and watchpoints. */
enum access { ACC_READ = 1, ACC_WRITE = 2, ACC_EXEC = 4 };

/* Registers as the outside world (gdb, difftest, traces) sees them. */
struct reg_desc {
    const char *name;   /* gdb name */
    uint16_t bits;      /* 32, 64, 128 ... */
    uint8_t kind;       /* RK_* */
    uint8_t group;      /* 0 general, 1 fp/simd, 2 system */
};
enum { RK_INT, RK_CODE_PTR, RK_DATA_PTR, RK_FLOAT, RK_VEC };

/* A CPU model.  One instance per arch, listed in sim/arch_table.c. */
struct arch {
    const char *name;           /* "riscv64": also uname -m */
    uint16_t e_machine;         /* ELF EM_* */
    size_t cpu_size;            /* sizeof the arch's cpu struct (embeds struct cpu first) */
    unsigned max_insn_len;      /* bytes */

    /* Reset to the state after power-on at the highest privilege level. */
    void (*reset)(struct cpu *c);

    /* Decode the instruction whose bytes start at `bytes` (n bytes are
     * available: fewer near an unmapped page) into d.  Returns the length,
     * or 0 if more bytes are needed than n.  Unknown encodings decode to a
     * handler that raises the architectural undefined-instruction trap.
     * `priv` says whether the fetch happens at kernel privilege. */
    unsigned (*decode)(struct cpu *c, uint64_t pc, const uint8_t *bytes,
                       unsigned n, struct dinsn *d);

    /* Disassemble one instruction in llvm-objdump's syntax; returns the
     * length consumed.  An invalid encoding writes "<unknown>" and returns
     * the length llvm-objdump skips for it; 0 only if n is too short. */
    unsigned (*disasm)(uint64_t pc, const uint8_t *bytes, unsigned n,
                       char *out, size_t outsz);

    /* The handler decode() gives every encoding it does not implement
     * (the undefined-instruction trap), so a tool can tell "not
     * implemented" from "implemented" without naming an arch
     * (tools/xcheck compares that verdict with other disassemblers). */
    insn_fn undef;

    /* Raise the architectural exception for a fault at guest address
     * `addr` while executing the instruction at `pc` (access kind, and
     * whether the page was mapped at all).  Sets c->pc to the vector. */
    void (*mem_fault)(struct cpu *c, uint64_t pc, uint64_t addr,
                      enum access acc, bool mapped);

    /* Take an asynchronous interrupt now, at an instruction boundary in
     * user mode: the architectural interrupt entry into the kernel's
     * vector (the kernel then sees TRAP_IRQ and delivers pending signals).
     * NULL: pending signals wait for the next trap. */
    void (*interrupt)(struct cpu *c);

    /* Register file for gdb, difftest and traces. */
    unsigned nregs;
    const struct reg_desc *regs;
    int (*reg_get)(struct cpu *c, unsigned i, void *out);       /* bytes written */
    int (*reg_set)(struct cpu *c, unsigned i, const void *in);
    bool (*privileged)(struct cpu *c);   /* at kernel privilege now */
};

/* State every CPU has.  Each arch's cpu struct embeds this first. */
struct cpu {
    const struct arch *arch;
    struct machine *m;
    uint64_t pc;                /* next instruction to run */
    const struct dinsn *cur;    /* instruction being run (set by the loop) */
    uint64_t icount;            /* retired instructions */
    uint64_t cycles;            /* timing-model cycles */
    uint64_t insn_limit;        /* leave the loop when icount reaches it */
    volatile int exit_request;  /* set asynchronously: leave the loop at a block boundary */
    bool trapped;               /* the current instruction raised an exception: it did not retire */
    bool fault_bus;             /* the last guest fault was a file page past its end (host SIGBUS) */
    int tid;                    /* guest thread id */
    void *task;                 /* oskernel's per-thread state */
    struct block **jcache;      /* this thread's pc -> block cache (engine) */
    uint64_t qepoch;            /* engine epoch this thread last passed (engine) */
    struct block *blk;          /* block being run (engine) */
    unsigned chain_left;        /* blocks CPU_GOTO may still chain before the loop (engine) */
    void *sched;                /* the deterministic scheduler's record (oskernel/sched.c) */
    bool threaded;              /* handlers jump to the next one themselves (no hooks) */
    volatile int reloop;        /* hooks were switched on or off: pick the loop again */
    uint64_t kadj_insns, kadj_cycles;   /* counted early for the kernel's sake (engine) */
};

/* Handlers return this after the arch's trap entry set c->pc. */
static inline const struct dinsn *cpu_trapped(struct cpu *c)
{
    c->trapped = true;
    return NULL;
}

/* Threaded dispatch.  A straight-line handler may end with
 * CPU_NEXT(c, d) instead of `return d + 1`: without per-instruction hooks
 * it jumps straight into the next instruction's handler (one indirect
 * jump per handler predicts far better than the loop's single call site),
 * keeping c->cur as the loop would; the chain ends at a handler that
 * returns NULL.  With hooks (tracing, gdb) it returns d + 1 to the hooked
 * loop.  c->threaded is set by the engine before it runs. */
#define CPU_NEXT(c, d)                                      \
    do {                                                    \
        const struct dinsn *n_ = (d) + 1;                   \
        if (__builtin_expect((c)->threaded, 1)) {           \
            (c)->cur = n_;                                  \
            return n_->fn((c), n_);                         \
        }                                                   \
        return n_;                                          \
    } while (0)

/* A handler that ends its block by going to `target` (a branch, a jump, a
 * call, a return) ends with CPU_GOTO(c, d, target).  It sets c->pc and,
 * with threaded dispatch, jumps straight into the first handler of the
 * block that follows when the current block links to it (sim/chain.h),
 * instead of returning to the loop.  Include "chain.h" to use it. */

/* Arch code calls this from its `kcall` handler: the kernel runs on the
 * CPU's live state (it is the kernel's pt_regs) and returns; the stub's
 * next instruction is the architectural return (sret, eret, ...). */
void machine_kernel_entry(struct cpu *c);

#endif
