/* LoongArch LA64 decoder: raw 32-bit word -> opcode id and operand fields.
 * Knows nothing about execution; sim/loongarch64 maps ids to handlers. */
#ifndef TRAPEZE_LA_DECODE_H
#define TRAPEZE_LA_DECODE_H

#include <stddef.h>
#include <stdint.h>

enum la_op {
    LA_INVALID,
#define X(id, name, pat, fmt) LA_##id,
#include "insns.def"
#undef X
    LA_NOPS
};

/* Operand layouts.  G = general register, F = FP register, C = fcc,
 * S = fcsr, I = immediate; order as the assembler writes them. */
enum la_fmt {
    LF_NONE,
    LF_RRR,      /* G rd, G rj, G rk */
    LF_AM,       /* G rd, G rk, G rj   (amo: value rk, address rj) */
    LF_RR,       /* G rd, G rj */
    LF_RRI12,    /* G rd, G rj, I si12 */
    LF_RRU12,    /* G rd, G rj, I ui12 */
    LF_RRU5, LF_RRU6,
    LF_RRI14,    /* G rd, G rj, I si14<<2 */
    LF_RRI16,    /* G rd, G rj, I si16 */
    LF_RI20,     /* G rd, I si20 */
    LF_RRRSA2P1, /* G rd, G rj, G rk, I sa2+1 */
    LF_RRRSA2, LF_RRRSA3,
    LF_BSTRW, LF_BSTRD, /* G rd, G rj, I msb, I lsb */
    LF_I15,
    LF_PRELD,    /* I hint, G rj, I si12 */
    LF_PRELDX,   /* I hint, G rj, G rk */
    LF_JK,       /* G rj, G rk */
    LF_FF, LF_FFF, LF_FFFF,
    LF_FCMP,     /* C cd, F fj, F fk (cond in imm) */
    LF_FSEL,     /* F fd, F fj, F fk, C ca */
    LF_FR, LF_RF, LF_FCSRR, LF_RFCSR, LF_CF, LF_FC, LF_CR, LF_RC,
    LF_FRI12,    /* F fd, G rj, I si12 */
    LF_FRR,      /* F fd, G rj, G rk */
    LF_BZ,       /* G rj, I offs21<<2 */
    LF_BCZ,      /* C cj, I offs21<<2 */
    LF_JIRL,     /* G rd, G rj, I offs16<<2 */
    LF_B26,      /* I offs26<<2 */
    LF_BR,       /* G rj, G rd, I offs16<<2 */
    LF_CSR,      /* G rd, I csr */
    LF_CSRX,     /* G rd, G rj, I csr */
};

/* A decoded instruction.  Register fields hold the register number as
 * written in the encoding (fcc / fcsr numbers for C and S operands). */
struct la_insn {
    uint16_t op;        /* enum la_op */
    uint8_t fmt;        /* enum la_fmt */
    uint8_t rd, rj, rk, ra;
    int64_t imm;        /* main immediate, sign-extended and scaled */
    int32_t imm2;       /* second immediate (bstr lsb) */
};

/* Decode one word; returns the op (LA_INVALID for unallocated encodings). */
enum la_op la_decode(uint32_t raw, struct la_insn *out);

extern const char *const la_op_name[LA_NOPS];

/* Disassemble in llvm-objdump-19's syntax (no raw bytes, branch targets
 * as the relative offset).  Returns 4, or 0 with "<unknown>" written. */
unsigned la_disasm(uint32_t raw, char *out, size_t outsz);

/* ABI register names as LLVM prints them ("$a0", "$fa0"...). */
extern const char *const la_gpr_name[32];
extern const char *const la_fpr_name[32];

/* fcmp condition names, indexed by the 5-bit cond field; NULL = invalid. */
extern const char *const la_fcmp_cond[32];

#endif
