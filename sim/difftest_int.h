/* Lockstep differential testing: what sim/difftest.c (the comparing core)
 * shares with its references, sim/difftest_gdb.c (any GDB remote stub)
 * and sim/difftest_native.c (the host CPU under ptrace).  docs/difftest.md.
 *
 * A reference fills dt.gbuf with its register file, laid out as dt.refregs
 * say (for a gdb stub: its own 'g' reply; for native: our description's
 * order), and moves its program forward when the core asks. */
#ifndef TRAPEZE_DIFFTEST_INT_H
#define TRAPEZE_DIFFTEST_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "difftest.h"
#include "gdbstub.h"

#define DT_MAXREGS 512

/* The reference's registers, as its target description numbers them. */
struct refreg {
    char name[32];
    unsigned bytes;
    int num;                    /* gdb register number */
    int goff;                   /* byte offset in dt.gbuf, -1: read one by one */
    unsigned whole, sub;        /* read alone: the reply's size, and this register's offset in it */
    bool refused;               /* the reference does not give it */
};

/* What the core asks of a reference.  Each function that resumes the
 * reference's program returns only when it stopped where asked; when the
 * program ended or took another way it reports the divergence itself. */
struct dt_ref {
    /* The first stop: agree on the initial state (stack, registers). */
    void (*sync_start)(struct cpu *c, const struct dinsn *d);
    /* Its registers now into dt.gbuf. */
    void (*fetch)(void);
    /* Register dt.refregs[i] when it is not in dt.gbuf (goff < 0). */
    bool (*reg)(unsigned i, uint8_t *out);
    /* One instruction; or, with to_pc, on to to_pc (after a kernel entry,
     * kind = the length of the instruction there). */
    void (*step)(struct cpu *c, uint64_t to_pc, unsigned kind);
    /* On to the `hits`-th arrival at pc, counting from the current stop
     * (which is not an arrival); signals on the way are delivered.
     * hits 0: stay.  kind: the instruction's length there. */
    void (*reach)(struct cpu *c, uint64_t pc, uint64_t hits, unsigned kind);
    /* trapeze's guest ended (exit code, or killed by sig): the reference,
     * at the same instruction, must end the same way.  Writes what it did
     * into `what` and returns whether it matches. */
    bool (*finish)(int code, int sig, char *what, size_t n);
    /* A syscall gave trapeze a fresh mapping at `ours` where the
     * reference got `theirs`: make them agree (either side may move). */
    bool (*adopt_mapping)(struct cpu *c, unsigned k, uint64_t ours, uint64_t theirs);
    /* The reference's memory and registers (refregs index): 0, or -1. */
    int (*read_mem)(uint64_t addr, void *buf, size_t len);
    int (*write_mem)(uint64_t addr, const void *buf, size_t len);
    int (*write_reg)(unsigned i, const uint8_t *val);
    /* native only (NULL otherwise): before each instruction it compares
     * at, and after a syscall step whose results were adopted. */
    void (*note)(struct cpu *c, const struct dinsn *d);
    void (*after_syscall)(struct cpu *c);
    /* After an instruction whose answers are the model's (cpuid): the
     * reference takes trapeze's general registers. */
    void (*take_ours)(struct cpu *c);
    /* In a forked child trapeze: let go of the reference. */
    void (*forget)(void);
};

struct hist {
    uint64_t pc;
    uint8_t len;
    uint8_t cls;
};

#define DT_HISTORY 16           /* instructions shown before the divergence */

struct difftest {
    struct cpu *c;
    const char *refname;
    const char *prog;
    char **argv;
    struct difftest_opts opts;
    const struct dt_ref *ref;
    struct gdb_map map;
    int refidx[DT_MAXREGS];     /* map position -> refregs index, -1 not compared */
    bool is_fp[DT_MAXREGS];     /* FP/vector: compared only when they may have changed */

    struct refreg refregs[DT_MAXREGS];
    unsigned nref;
    size_t glen;                /* bytes of dt.gbuf in use */
    uint8_t gbuf[8192];
    bool native;                /* the reference is the host CPU */
    bool off;                   /* a forked child: no reference */

    bool started;
    bool kernel;                /* the last step went through the kernel */
    bool exact;                 /* the next step is compared exactly (per instruction) */
    bool coarse;                /* --difftest-every N / --difftest-at-syscalls */
    bool lag;                   /* the reference is ahead, at lag_pc */
    bool sys_pending;
    unsigned atomic;            /* per instruction: in an atomic sequence the reference runs whole */           /* coarse: the last instruction was a system one */
    uint64_t lag_pc;
    unsigned lag_n;
    uint64_t kpc;               /* the instruction of the last step */

    uint64_t insns;             /* user instructions trapeze completed */
    uint64_t compared;          /* instruction boundaries compared */
    uint64_t agreed;            /* insns at the last boundary compared equal */
    uint64_t agreed_pc;
    uint64_t since;             /* instructions since then */
    bool fp_dirty;              /* an FP/SIMD instruction ran since then */
    uint64_t syscall_fixups;
    uint64_t t0_ns;

    /* what the kernel wrote during the last kernel entry: the syscall's
     * buffers, and the signal frame if a handler was entered */
    bool in_kernel;
    bool delivering;
    int last_sig;
    uint64_t sys_lo, sys_hi, frame_lo, frame_hi;

    struct hist h[DT_HISTORY];
    unsigned nh;
};

extern struct difftest dt;

static inline uint64_t dt_u64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* difftest.c: helpers the references use. */
_Noreturn void dt_diverged(struct cpu *c, const char *why, const char *details);
_Noreturn void dt_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void dt_ours(struct cpu *c, unsigned k, uint8_t *out);      /* map position k */
bool dt_theirs(unsigned i, uint8_t *out);                   /* refregs index i */
uint64_t dt_ref_pc(void);                                   /* from dt.gbuf */
void dt_regs_from_ours(void);
void dt_map_regs(void);
bool dt_move_mapping(uint64_t ours, uint64_t theirs);
int dt_private_fd(int fd);                                  /* out of the guest's sight */
void dt_hex_le(char *out, const uint8_t *b, unsigned n);     /* a register as a number */

/* difftest_kernel.c: what the two kernels do differently, made to agree. */
bool dt_add_id(const uint8_t *a, const uint8_t *b);         /* pair two small numbers */
bool dt_same_id(const uint8_t *a, const uint8_t *b, unsigned n);
unsigned dt_ids(void);                                      /* pairs made so far */
void dt_after_delivery(struct cpu *c);                      /* a handler was entered */
void dt_take_fp(struct cpu *c, unsigned k, unsigned i);     /* FP register k from the reference */
void dt_mirror_syscall_memory(void);                        /* what a syscall wrote */

/* The references: 0, or -1 with a message. */
int dt_gdb_start(struct cpu *c, const char *where);
int dt_native_start(struct cpu *c, const char *prog, char **argv, char **envp, const char *dir);

#endif
