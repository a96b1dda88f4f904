/* aarch64 decoder internals shared by decode.c, decode_fp.c, disasm.c. */
#ifndef TRAPEZE_A64_DECODE_H
#define TRAPEZE_A64_DECODE_H

#include "table.h"
#include "../../sim/aarch64/a64.h"

unsigned a64_decode(struct cpu *c, uint64_t pc, const uint8_t *bytes,
                    unsigned n, struct dinsn *d);
unsigned a64_disasm(uint64_t pc, const uint8_t *bytes, unsigned n,
                    char *out, size_t outsz);
bool a64_decode_fp(enum a64_op op, uint32_t w, struct dinsn *d);
bool a64_logimm(uint32_t w, uint64_t *imm);
/* VFPExpandImm of an 8-bit FP immediate, as a double */
double a64_fpimm(unsigned imm8);

#endif
