/* The aarch64 encodings trapeze knows: one line per encoding, most
 * specific first.  Each pattern lists bits 31..0: 0 and 1 must match,
 * x is an operand bit; spaces are for the eye.  Written from the Arm ARM
 * (DDI0487) encoding index, "A64 instruction set encoding". */
#ifndef TRAPEZE_A64_TABLE_H
#define TRAPEZE_A64_TABLE_H

#include <stdint.h>

#define A64_OPS(X)                                                        \
    /* system */                                                          \
    X(KCALL,    "00000010 00000000 01001011 01000011")                    \
    X(ERET,     "11010110 10011111 00000011 11100000")                    \
    X(HINT,     "11010101 00000011 0010xxxx xxx11111")                    \
    X(CLREX,    "11010101 00000011 0011xxxx 01011111")                    \
    X(DSB,      "11010101 00000011 0011xxxx 10011111")                    \
    X(DMB,      "11010101 00000011 0011xxxx 10111111")                    \
    X(ISB,      "11010101 00000011 0011xxxx 11011111")                    \
    X(MSRI,     "11010101 00000xxx 0100xxxx xxx11111")                    \
    X(SYS,      "11010101 00001xxx xxxxxxxx xxxxxxxx")                    \
    X(MSR,      "11010101 0001xxxx xxxxxxxx xxxxxxxx")                    \
    X(MRS,      "11010101 0011xxxx xxxxxxxx xxxxxxxx")                    \
    X(SVC,      "11010100 000xxxxx xxxxxxxx xxx00001")                    \
    X(BRK,      "11010100 001xxxxx xxxxxxxx xxx00000")                    \
    X(HLT,      "11010100 010xxxxx xxxxxxxx xxx00000")                    \
    X(UDF,      "00000000 00000000 xxxxxxxx xxxxxxxx")                    \
    /* branches */                                                        \
    X(BR,       "11010110 00011111 000000xx xxx00000")                    \
    X(BLR,      "11010110 00111111 000000xx xxx00000")                    \
    X(RET,      "11010110 01011111 000000xx xxx00000")                    \
    X(B,        "000101xx xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(BL,       "100101xx xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(CBZ,      "x011010x xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(TBZ,      "x011011x xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(BCOND,    "01010100 xxxxxxxx xxxxxxxx xxx0xxxx")                    \
    /* data processing, immediate */                                      \
    X(ADR,      "xxx10000 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(ADDI,     "xxx10001 0xxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(LOGI,     "xxx10010 0xxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(MOVW,     "xxx10010 1xxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(BFM,      "xxx10011 0xxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(EXTR,     "x0010011 1x0xxxxx xxxxxxxx xxxxxxxx")                    \
    /* data processing, register */                                       \
    X(LOGR,     "xxx01010 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(ADDR,     "xxx01011 xx0xxxxx xxxxxxxx xxxxxxxx")                    \
    X(ADDX,     "xxx01011 001xxxxx xxxxxxxx xxxxxxxx")                    \
    X(ADC,      "xxx11010 000xxxxx 000000xx xxxxxxxx")                    \
    X(CCMP,     "xx111010 010xxxxx xxxxx0xx xxx0xxxx")                    \
    X(CSEL,     "xx011010 100xxxxx xxxx0xxx xxxxxxxx")                    \
    X(DP2,      "x0011010 110xxxxx xxxxxxxx xxxxxxxx")                    \
    X(DP1,      "x1011010 11000000 xxxxxxxx xxxxxxxx")                    \
    X(DP3,      "x0011011 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    /* loads and stores */                                                \
    X(LDLIT,    "xx011x00 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(LDEX,     "xx001000 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(LDP,      "xx101x0x xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(LDUR,     "xx111x00 xx0xxxxx xxxxxxxx xxxxxxxx")                    \
    X(LDRR,     "xx111x00 xx1xxxxx xxxx10xx xxxxxxxx")                    \
    X(LDRU,     "xx111x01 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(LDST1M,   "0x001100 0x000000 xxxxxxxx xxxxxxxx")                    \
    X(LDST1MP,  "0x001100 1x0xxxxx xxxxxxxx xxxxxxxx")                    \
    X(LDST1S,   "0x001101 0xx00000 xxxxxxxx xxxxxxxx")                    \
    X(LDST1SP,  "0x001101 1xxxxxxx xxxxxxxx xxxxxxxx")                    \
    /* scalar floating point */                                           \
    X(FCVTI,    "x0011110 xx1xxxxx 000000xx xxxxxxxx")                    \
    X(FP1,      "00011110 xx1xxxxx x10000xx xxxxxxxx")                    \
    X(FCMP,     "00011110 xx1xxxxx 001000xx xxxxx000")                    \
    X(FMOVI,    "00011110 xx1xxxxx xxx10000 000xxxxx")                    \
    X(FCCMP,    "00011110 xx1xxxxx xxxx01xx xxxxxxxx")                    \
    X(FP2,      "00011110 xx1xxxxx xxxx10xx xxxxxxxx")                    \
    X(FCSEL,    "00011110 xx1xxxxx xxxx11xx xxxxxxxx")                    \
    X(FP3,      "00011111 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(FCVTFX,   "x0011110 xx0xxxxx xxxxxxxx xxxxxxxx")                    \
    /* Advanced SIMD */                                                   \
    X(SIMD,     "0xx01110 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(SIMD2,    "0xx01111 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(SIMDS,    "01x11110 xxxxxxxx xxxxxxxx xxxxxxxx")                    \
    X(SIMDS2,   "01x11111 xxxxxxxx xxxxxxxx xxxxxxxx")

enum a64_op {
#define X(name, pat) A64_##name,
    A64_OPS(X)
#undef X
    A64_NOPS,
    A64_UNKNOWN = A64_NOPS
};

/* The table entry matching w (A64_UNKNOWN if none). */
enum a64_op a64_lookup(uint32_t w);
extern const char *const a64_op_names[];

/* Bit-field helpers */
static inline uint32_t bits(uint32_t w, unsigned hi, unsigned lo)
{
    return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}
static inline int64_t sbits(uint32_t w, unsigned hi, unsigned lo)
{
    unsigned n = hi - lo + 1;
    return (int64_t)((uint64_t)bits(w, hi, lo) << (64 - n)) >> (64 - n);
}

#endif
