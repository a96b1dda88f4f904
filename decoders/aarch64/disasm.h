/* aarch64 disassembler internals (disasm.c, disasm_fp.c). */
#ifndef TRAPEZE_A64_DISASM_H
#define TRAPEZE_A64_DISASM_H

#include <stdbool.h>
#include <stddef.h>

#include "decode.h"

struct dis {
    char buf[160];
    size_t n;
    char comment[64];   /* "// ..." text, without the slashes */
    const char *mn;
    bool bad;
};

void dis_emit(struct dis *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *dis_x(unsigned r, bool sf);
const char *dis_xsp(unsigned r, bool sf);
const char *dis_hex(int64_t v);
const char *dis_cond(unsigned c);
bool a64_disasm_ext(struct dis *o, uint32_t w);
void a64_disasm_fp(struct dis *o, enum a64_op op, uint32_t w, uint64_t pc);

#endif
