/* riscv64 decoder: instruction bits -> opcode id and operand fields.
 * Knows nothing about execution: sim/riscv64 maps the ids to handlers.
 * Compressed (16-bit) instructions are first expanded to the 32-bit
 * instruction they stand for, so one table describes everything. */
#ifndef TRAPEZE_RV_DECODE_H
#define TRAPEZE_RV_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum rv_op {
    RV_OP_INVALID,
#define RV_INSN(name, mnem, mask, match, fmt, cls, flags) RV_OP_##name,
#include "insns.def"
#undef RV_INSN
    RV_NOPS
};

/* Operand layouts; x = integer register, f = FP register. */
enum rv_fmt {
    F_NONE,
    F_R,        /* x rd, x rs1, x rs2 */
    F_R1,       /* x rd, x rs1 (unary bit-manipulation) */
    F_I,        /* x rd, x rs1, imm12 */
    F_SH,       /* x rd, x rs1, shamt */
    F_LD,       /* x rd, imm(x rs1) */
    F_ST,       /* x rs2, imm(x rs1) */
    F_B,        /* x rs1, x rs2, pc-relative target */
    F_U,        /* x rd, imm20 (<< 12) */
    F_J,        /* x rd, pc-relative target */
    F_JALR,     /* x rd, imm(x rs1) */
    F_CSR,      /* x rd, csr, x rs1 */
    F_CSRI,     /* x rd, csr, uimm5 (in rs1) */
    F_FENCE,    /* pred, succ */
    F_SFENCE,   /* x rs1, x rs2 */
    F_AMO,      /* x rd, x rs2, (x rs1) */
    F_LR,       /* x rd, (x rs1) */
    F_FLD,      /* f rd, imm(x rs1) */
    F_FST,      /* f rs2, imm(x rs1) */
    F_FR,       /* f rd, f rs1, f rs2 */
    F_FRM,      /* f rd, f rs1, f rs2, rm */
    F_FR4,      /* f rd, f rs1, f rs2, f rs3, rm */
    F_FSQRT,    /* f rd, f rs1, rm */
    F_FCMP,     /* x rd, f rs1, f rs2 */
    F_FCLASS,   /* x rd, f rs1 */
    F_FMVF,     /* f rd, x rs1 */
    F_FCVT_IF,  /* x rd, f rs1, rm */
    F_FCVT_FI,  /* f rd, x rs1, rm */
    F_FCVT_FF,  /* f rd, f rs1, rm */
};

struct rv_opinfo {
    const char *mnem;
    uint32_t mask, match;
    uint8_t fmt, cls, flags;
};
extern const struct rv_opinfo rv_ops[RV_NOPS];

struct rv_fields {
    uint8_t rd, rs1, rs2, rs3, rm;
    uint16_t csr;
    int64_t imm;        /* sign-extended; for F_U the value << 12; for F_B/F_J the offset */
};

/* The 32-bit instruction a compressed one stands for; 0 if reserved. */
uint32_t rv_expand_c(uint16_t c);
/* Opcode of a 32-bit instruction (RV_OP_INVALID if unallocated) and its fields. */
enum rv_op rv_lookup(uint32_t insn);
void rv_fields(uint32_t insn, enum rv_fmt fmt, struct rv_fields *f);
/* Disassembly in llvm-objdump-19's default syntax (aliases on). */
unsigned rv_disasm(uint64_t pc, const uint8_t *bytes, unsigned n, char *out, size_t outsz);

extern const char *const rv_xname[32];
extern const char *const rv_fname[32];

#endif
