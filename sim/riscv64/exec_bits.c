/* riscv64 bit manipulation: Zba, Zbb, Zbc, Zbs (RISC-V Bit-Manipulation
 * ISA-extensions, version 1.0.0). */
#include "rv.h"

#define SX32(v) ((uint64_t)(int64_t)(int32_t)(v))

#define ALU_RR(name, expr)                                  \
    HANDLER(name)                                           \
    {                                                       \
        uint64_t a = XR[RS1], b = XR[RS2];                  \
        XR[RD] = (expr);                                    \
        NEXT();                                             \
    }
#define ALU_R1(name, expr)                                  \
    HANDLER(name)                                           \
    {                                                       \
        uint64_t a = XR[RS1];                               \
        XR[RD] = (expr);                                    \
        NEXT();                                             \
    }
#define ALU_RI(name, expr)                                  \
    HANDLER(name)                                           \
    {                                                       \
        uint64_t a = XR[RS1], i = (uint64_t)IMM;            \
        XR[RD] = (expr);                                    \
        NEXT();                                             \
    }

static inline uint64_t rol64(uint64_t a, unsigned n) { n &= 63; return n ? a << n | a >> (64 - n) : a; }
static inline uint64_t ror64(uint64_t a, unsigned n) { n &= 63; return n ? a >> n | a << (64 - n) : a; }
static inline uint32_t rol32(uint32_t a, unsigned n) { n &= 31; return n ? a << n | a >> (32 - n) : a; }
static inline uint32_t ror32(uint32_t a, unsigned n) { n &= 31; return n ? a >> n | a << (32 - n) : a; }

/* Zba */
ALU_RR(add_uw, (uint32_t)a + b)
ALU_RR(sh1add, (a << 1) + b)
ALU_RR(sh2add, (a << 2) + b)
ALU_RR(sh3add, (a << 3) + b)
ALU_RR(sh1add_uw, ((uint64_t)(uint32_t)a << 1) + b)
ALU_RR(sh2add_uw, ((uint64_t)(uint32_t)a << 2) + b)
ALU_RR(sh3add_uw, ((uint64_t)(uint32_t)a << 3) + b)
ALU_RI(slli_uw, (uint64_t)(uint32_t)a << (i & 63))

/* Zbb */
ALU_RR(andn, a & ~b)
ALU_RR(orn, a | ~b)
ALU_RR(xnor, ~(a ^ b))
ALU_R1(clz, a ? (uint64_t)__builtin_clzll(a) : 64)
ALU_R1(ctz, a ? (uint64_t)__builtin_ctzll(a) : 64)
ALU_R1(cpop, (uint64_t)__builtin_popcountll(a))
ALU_R1(clzw, (uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : 32)
ALU_R1(ctzw, (uint32_t)a ? (uint64_t)__builtin_ctz((uint32_t)a) : 32)
ALU_R1(cpopw, (uint64_t)__builtin_popcount((uint32_t)a))
ALU_RR(max, (int64_t)a > (int64_t)b ? a : b)
ALU_RR(maxu, a > b ? a : b)
ALU_RR(min, (int64_t)a < (int64_t)b ? a : b)
ALU_RR(minu, a < b ? a : b)
ALU_R1(sext_b, (uint64_t)(int64_t)(int8_t)a)
ALU_R1(sext_h, (uint64_t)(int64_t)(int16_t)a)
ALU_R1(zext_h, (uint16_t)a)
ALU_RR(rol, rol64(a, (unsigned)b))
ALU_RR(ror, ror64(a, (unsigned)b))
ALU_RR(rolw, SX32(rol32((uint32_t)a, (unsigned)b)))
ALU_RR(rorw, SX32(ror32((uint32_t)a, (unsigned)b)))
ALU_RI(rori, ror64(a, (unsigned)i))
ALU_RI(roriw, SX32(ror32((uint32_t)a, (unsigned)i)))

static inline uint64_t orc_b(uint64_t a)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i += 8)
        if ((a >> i) & 0xff)
            r |= 0xffull << i;
    return r;
}
ALU_R1(orc_b, orc_b(a))
ALU_R1(rev8, __builtin_bswap64(a))

/* Zbc: carry-less multiplication, low, high and reversed halves */
static inline uint64_t clmul_lo(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i++)
        if ((b >> i) & 1)
            r ^= a << i;
    return r;
}
static inline uint64_t clmul_hi(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 1; i < 64; i++)
        if ((b >> i) & 1)
            r ^= a >> (64 - i);
    return r;
}
static inline uint64_t clmul_r(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i++)
        if ((b >> i) & 1)
            r ^= a >> (63 - i);
    return r;
}
ALU_RR(clmul, clmul_lo(a, b))
ALU_RR(clmulh, clmul_hi(a, b))
ALU_RR(clmulr, clmul_r(a, b))

/* Zbs */
ALU_RR(bclr, a & ~(1ull << (b & 63)))
ALU_RR(bext, (a >> (b & 63)) & 1)
ALU_RR(binv, a ^ (1ull << (b & 63)))
ALU_RR(bset, a | (1ull << (b & 63)))
ALU_RI(bclri, a & ~(1ull << (i & 63)))
ALU_RI(bexti, (a >> (i & 63)) & 1)
ALU_RI(binvi, a ^ (1ull << (i & 63)))
ALU_RI(bseti, a | (1ull << (i & 63)))
