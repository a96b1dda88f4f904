/* xcheck: trapeze's decoders against independent disassemblers
 * (llvm-objdump-19 for every arch, Capstone 4 for x86_64 and aarch64).
 * See docs/decoder-xcheck.md for the method and the normalisation. */
#ifndef XCHECK_H
#define XCHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/cpu.h"

#define TEXT_MAX 256

/* What the tool knows about an arch beyond struct arch: how to ask the
 * references about it, and which random encoding spaces it has. */
struct space {
    const char *name;       /* "a64", "rvc" ... */
    unsigned width;         /* bytes per encoding */
    uint32_t mask, match;   /* an encoding w is in the space if (w & mask) == match */
    uint32_t xmask, xmatch; /* ... and not (w & xmask) == xmatch */
};

struct xarch {
    const char *name;           /* trapeze's arch name */
    const char *llvm_triple;
    const char *llvm_mattr;     /* for encodings without ELF attributes, or NULL */
    uint32_t elf_flags;         /* e_flags of the ELF written for llvm-objdump */
    int cs_arch, cs_mode;       /* Capstone, or cs_arch < 0 */
    struct space spaces[3];     /* random encoding spaces (width 0 ends) */
};
const struct xarch *xarch_find(const char *name);

/* One reference's view of one instruction. */
struct view {
    bool valid;
    unsigned len;               /* bytes (0: unknown) */
    char text[TEXT_MAX];        /* normalised */
    const void *handler;        /* trapeze: the decoder's handler, if it runs it */
};

/* ---- the references ---- */
/* One line of llvm-objdump output: address, length (if raw bytes were
 * shown), text.  Texts live in one pool. */
struct llvm_line {
    uint64_t addr;
    unsigned len;
    size_t text;                /* offset into the pool */
};
struct llvm_out {
    struct llvm_line *v;
    size_t n, cap;
    char *pool;
    size_t pool_n, pool_cap;
};
/* Run llvm-objdump-19 -d on path (extra options in opts) and collect every
 * instruction line.  0 or -1 (message printed). */
int llvm_dump(const char *path, const char *opts, bool raw, struct llvm_out *o);
void llvm_free(struct llvm_out *o);
const char *llvm_objdump(void);

/* Capstone: NULL-safe; cs_open fails -> disabled. */
struct cs;
struct cs *cs_new(const struct xarch *xa);
void cs_view(struct cs *c, uint64_t addr, const uint8_t *b, unsigned n, struct view *v);
void cs_del(struct cs *c);
const char *cs_version_str(void);

/* ---- normalisation (norm.c) ---- */
/* llvm-objdump's and trapeze's text: " <sym>" annotations dropped, blanks
 * squeezed. */
void norm_llvm(const char *in, char *out, size_t n);
/* Capstone and trapeze compared with it: also lower case, no comments,
 * no blanks around punctuation, numbers in one radix, aliases mapped. */
void norm_cs(const char *arch, const char *in, char *out, size_t n);

/* ---- ELF files (elf.c) ---- */
struct elf_in {
    uint16_t machine;
    struct sec { uint64_t addr; size_t size; const uint8_t *data; size_t index; } *secs;
    size_t nsecs;
    uint64_t *syms;             /* sorted symbol addresses inside executable sections */
    size_t nsyms;
    void *elf;
    int fd;
};
int elf_open_in(const char *path, struct elf_in *e);
void elf_close_in(struct elf_in *e);
/* The bytes at addr (up to the next symbol or the section end, at most
 * max): pointer and count, or NULL. */
const uint8_t *elf_bytes(const struct elf_in *e, uint64_t addr, unsigned max, unsigned *n);
/* A relocatable ELF holding `code` as its .text at address 0, with a
 * symbol every sym_every bytes (0: none). */
int elf_write_text(const char *path, uint16_t machine, uint32_t flags,
                   const uint8_t *code, size_t n, unsigned sym_every);

/* ---- comparison and report (report.c) ---- */
enum kind {
    K_MISSING,      /* reference decodes it, trapeze's disassembler says <unknown> */
    K_EXTRA,        /* reference says invalid, trapeze's disassembler decodes it */
    K_TEXT,         /* both decode it, texts differ after normalisation */
    K_LENGTH,       /* different instruction lengths (x86) */
    K_EXEC_MISSING, /* reference decodes it, trapeze's decoder does not execute it */
    K_EXEC_EXTRA,   /* reference says invalid, trapeze's decoder executes it */
    NKIND
};
extern const char *const kind_name[NKIND];

struct tally;
/* arch, input set ("guests", "random a64", ...), reference name */
struct tally *tally_new(const char *arch, const char *set, const char *ref, bool real,
                        bool words);
/* One instruction: the reference's view, trapeze's disassembly (ours)
 * and whether trapeze's decoder executes it; llvm_agrees says that
 * trapeze agreed with llvm-objdump on it (for the other references).
 * Returns the disagreement kind, or -1. */
int tally_add(struct tally *t, const uint8_t *bytes, unsigned nbytes,
              const struct view *ref, const struct view *ours, bool exec,
              bool check_len, bool llvm_agrees);
int allow_load(const char *path);
/* Print every tally; returns the number of unexplained disagreements. */
unsigned report(FILE *f, unsigned max_classes);

#endif
