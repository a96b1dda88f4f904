/* The GDB remote stub (`trapeze -g PORT`) and the interfaces it shares
 * with difftest: the per-arch gdb register maps (sim/<arch>/gdb.c) and the
 * debugger callbacks the kernel makes.  See docs/gdb.md. */
#ifndef TRAPEZE_GDBSTUB_H
#define TRAPEZE_GDBSTUB_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

/* ---- what gdb sees of one arch (sim/<arch>/gdb.c) ---------------------- */

/* One register of the target description, in gdb's numbering. */
struct gdb_reg {
    const char *name;           /* gdb's name */
    uint16_t bits;
    const char *type;           /* tdesc type: int, code_ptr, ieee_double, vec128 ... */
    uint8_t feature;            /* index into gdb_target.features */
    uint8_t flags;              /* GR_* */
    const char *src;            /* arch->regs name when it differs from `name` */
    int regnum;                 /* explicit gdb number, or 0: previous + 1 */
};
#define GR_PC 1                 /* the program counter */
#define GR_FLOATGRP 2           /* group="float" */
#define GR_VECGRP 4             /* group="vector" */

struct gdb_feature {
    const char *name;           /* org.gnu.gdb.riscv.cpu ... */
    const char *types;          /* XML type definitions the feature's registers use, or NULL */
};

/* Bits of a register that an instruction leaves undefined, by mnemonic
 * prefix of the disassembly (difftest masks them). */
struct gdb_undef {
    const char *mnemonic;
    const char *reg;
    uint64_t mask;
};

struct gdb_target {
    const char *arch;           /* struct arch name: "riscv64" */
    const struct gdb_undef *undef;   /* NULL-terminated, or NULL */
    /* For difftest, words of the disassembly (NULL-terminated lists) of
     * instructions whose results come from outside the CPU state:
     * counters (the reference's values are taken) and identification
     * (the reference gets the model's answers). */
    const char *const *counters;
    const char *const *idents;
    /* Words the disassembly may put before the mnemonic (matched as
     * prefixes of the word: "rep" also takes repne). */
    const char *const *prefixes;
    bool watch_before;          /* gdb wants watchpoint hits before the write (nonsteppable) */
    const char *xml_arch;       /* <architecture>: "riscv:rv64" */
    const struct gdb_feature *features;
    unsigned nfeatures;
    const struct gdb_reg *regs;
    unsigned nregs;
};

/* sim/<arch>/gdb.c registers its description from a constructor. */
void gdb_target_register(const struct gdb_target *t);
const struct gdb_target *gdb_target_find(const char *arch);

/* A resolved register map for one CPU: gdb register k (in description
 * order) is arch register idx[k] (-1: not modelled, reads as zero). */
struct gdb_map {
    const struct gdb_target *t;
    int idx[512];
    int num[512];               /* gdb register number */
    unsigned n;
    int pc;                     /* position of the pc in the description */
};
int gdb_map_init(struct gdb_map *map, const struct arch *a);
/* The target description XML (static buffer). */
const char *gdb_target_xml(const struct gdb_target *t);

/* ---- the stub ---------------------------------------------------------- */

/* Listen on "PORT" (127.0.0.1), "HOST:PORT" or "unix:PATH", wait for gdb
 * and arm the hooks (prog: the executable, for qXfer:exec-file); the guest stops before its first user instruction.
 * Call after loader_exec, before machine_run.  0, or -1 with a message. */
int gdbstub_start(struct cpu *c, const char *where, const char *prog);

/* ---- debugger callbacks from the kernel --------------------------------- */

/* Called by the kernel's signal delivery before it acts on signal `sig`
 * (Linux numbering, with its siginfo as the guest would see it): returns
 * the signal to deliver instead, 0 to drop it.
 * NULL when no debugger is attached. */
struct ksiginfo;
extern int (*debug_signal_hook)(struct cpu *c, int sig, const struct ksiginfo *info);
/* Called when the process ends: exit code, or the killing signal. */
extern void (*debug_exit_hook)(struct cpu *c, int code, int sig);

/* gdb's signal numbers <-> Linux's. */
int gdb_signal_from_linux(int sig);
int gdb_signal_to_linux(int gsig);

#endif
