/* A machine: one CPU model, its guest memory, the decoded-block cache and
 * the options that shape a run. */
#ifndef TRAPEZE_MACHINE_H
#define TRAPEZE_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "mem.h"

struct kabi;

/* A decoded block: straight-line instructions ending in control flow. */
struct block {
    uint64_t pc;                /* first instruction */
    uint64_t end;               /* address after the last instruction */
    struct block *hnext;        /* hash chain */
    uint32_t n;                 /* instructions, not counting the end marker */
    uint32_t cycles;            /* timing-model cost of a full run */
    bool priv;                  /* decoded at kernel privilege */
    /* The blocks control went to from here last (taken, not taken): a
     * block's successor is found without the hash.  Written racily by
     * every thread; only the pointer is stored and the target's pc is
     * checked, so a reader sees a whole link or none. */
    struct block *link[2];
    uint64_t dead_epoch;        /* when invalidated (graveyard) */
    struct dinsn d[];           /* n instructions, then the fall-through marker */
};

struct machine {
    const struct arch *arch;
    const struct kabi *kabi;
    struct mem mem;
    struct cpu *cpu;            /* the initial thread */

    /* decoded blocks by pc */
    struct block **htab;
    unsigned hbits;
    uint64_t nblocks;

    uint64_t max_insns;         /* 0: no limit */
    bool deterministic;
    uint64_t seed;              /* --seed: drives --deterministic's choices */
};

extern struct machine *the_machine;

/* The arches trapeze knows (sim/arch_table.c). */
struct arch_entry {
    const struct arch *cpu;
    const struct kabi *kabi;
};
extern const struct arch_entry arch_table[];
extern const unsigned narch_table;
bool arch_present(const struct arch_entry *e);
const struct arch_entry *arch_by_elf(uint16_t e_machine);
const struct arch_entry *arch_by_name(const char *name);

struct machine *machine_create(const struct arch_entry *ae, uint64_t arena_size);

/* Run the CPU until the guest exits (the kernel ends the process). */
_Noreturn void machine_run(struct cpu *c);

/* Drop decoded blocks overlapping [addr, addr+len) (self-modifying code,
 * munmap, mprotect, icache flushes).  Safe from any handler: a block that
 * is running stays valid until the loop leaves it. */
void engine_invalidate(uint64_t addr, uint64_t len);
void engine_flush_all(void);

/* Guest threads: each CPU (one per guest thread) is known to the engine. */
#define MAX_CPUS 1024
void engine_add_cpu(struct cpu *c);
void engine_remove_cpu(struct cpu *c);
void engine_enter_kernel(struct cpu *c);
void engine_kick_all(void);
void engine_leave_kernel(struct cpu *c);
/* A new CPU for a new guest thread: a copy of the parent's state. */
struct cpu *machine_clone_cpu(struct cpu *parent);
/* Drop a CPU that never ran. */
void machine_forget_cpu(struct cpu *c);
/* Run c on a new host thread; 0 or -errno. */
int machine_start_thread(struct cpu *c);
/* A guest thread starts to leave: the number of threads that remain.
 * (0: it was the last, the process ends.) */
unsigned machine_thread_leaving(void);
/* The calling thread's guest thread ends (its CPU is freed); after
 * machine_thread_leaving. */
_Noreturn void machine_thread_exit(struct cpu *c);
unsigned machine_nthreads(void);

#endif
