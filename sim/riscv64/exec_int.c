/* riscv64 integer instructions: RV64I ALU, branches, jumps, and M. */
#include "../chain.h"
#include "rv.h"

typedef __int128 i128;
typedef unsigned __int128 u128;

#define SX32(v) ((uint64_t)(int64_t)(int32_t)(v))

#define ALU_RR(name, expr)                                  \
    HANDLER(name)                                           \
    {                                                       \
        uint64_t a = XR[RS1], b = XR[RS2];                  \
        XR[RD] = (expr);                                    \
        NEXT();                                       \
    }
#define ALU_RI(name, expr)                                  \
    HANDLER(name)                                           \
    {                                                       \
        uint64_t a = XR[RS1], i = (uint64_t)IMM;            \
        XR[RD] = (expr);                                    \
        NEXT();                                       \
    }

/* lui and auipc: the decoder folds the pc into auipc's immediate */
HANDLER(lui) { XR[RD] = (uint64_t)IMM; NEXT(); }
HANDLER(auipc) { XR[RD] = (uint64_t)IMM; NEXT(); }

ALU_RI(addi, a + i)
ALU_RI(slti, (int64_t)a < (int64_t)i)
ALU_RI(sltiu, a < i)
ALU_RI(xori, a ^ i)
ALU_RI(ori, a | i)
ALU_RI(andi, a & i)
ALU_RI(slli, a << (i & 63))
ALU_RI(srli, a >> (i & 63))
ALU_RI(srai, (uint64_t)((int64_t)a >> (i & 63)))
ALU_RI(addiw, SX32(a + i))
ALU_RI(slliw, SX32((uint32_t)a << (i & 31)))
ALU_RI(srliw, SX32((uint32_t)a >> (i & 31)))
ALU_RI(sraiw, SX32((int32_t)a >> (i & 31)))

ALU_RR(add, a + b)
ALU_RR(sub, a - b)
ALU_RR(sll, a << (b & 63))
ALU_RR(slt, (int64_t)a < (int64_t)b)
ALU_RR(sltu, a < b)
ALU_RR(xor, a ^ b)
ALU_RR(srl, a >> (b & 63))
ALU_RR(sra, (uint64_t)((int64_t)a >> (b & 63)))
ALU_RR(or, a | b)
ALU_RR(and, a & b)
ALU_RR(addw, SX32(a + b))
ALU_RR(subw, SX32(a - b))
ALU_RR(sllw, SX32((uint32_t)a << (b & 31)))
ALU_RR(srlw, SX32((uint32_t)a >> (b & 31)))
ALU_RR(sraw, SX32((int32_t)a >> (b & 31)))

/* M: division by zero and overflow do not trap (quotient all ones,
 * remainder the dividend; INT_MIN / -1 = INT_MIN rem 0). */
ALU_RR(mul, a * b)
ALU_RR(mulh, (uint64_t)(((i128)(int64_t)a * (int64_t)b) >> 64))
ALU_RR(mulhsu, (uint64_t)(((i128)(int64_t)a * (i128)(u128)b) >> 64))
ALU_RR(mulhu, (uint64_t)(((u128)a * b) >> 64))
ALU_RR(mulw, SX32(a * b))

static inline uint64_t sdiv(int64_t a, int64_t b)
{
    if (b == 0) return ~0ull;
    if (b == -1) return -(uint64_t)a;
    return (uint64_t)(a / b);
}
static inline uint64_t srem(int64_t a, int64_t b)
{
    if (b == 0) return (uint64_t)a;
    if (b == -1) return 0;
    return (uint64_t)(a % b);
}
ALU_RR(div, sdiv((int64_t)a, (int64_t)b))
ALU_RR(divu, b ? a / b : ~0ull)
ALU_RR(rem, srem((int64_t)a, (int64_t)b))
ALU_RR(remu, b ? a % b : a)
ALU_RR(divw, SX32(sdiv((int32_t)a, (int32_t)b)))
ALU_RR(divuw, SX32((uint32_t)b ? (uint32_t)a / (uint32_t)b : ~0u))
ALU_RR(remw, SX32(srem((int32_t)a, (int32_t)b)))
ALU_RR(remuw, SX32((uint32_t)b ? (uint32_t)a % (uint32_t)b : (uint32_t)a))

/* Control flow: the decoder stores the absolute target in IMM and
 * pc + len in LINK. */
HANDLER(jal)
{
    XR[RD] = LINK;
    CPU_GOTO(c, d, (uint64_t)IMM);
}

HANDLER(jalr)
{
    uint64_t t = (XR[RS1] + (uint64_t)IMM) & ~1ull;
    XR[RD] = LINK;
    CPU_GOTO(c, d, t);
}

#define BRANCH(name, cond)                                  \
    HANDLER(name)                                           \
    {                                                       \
        uint64_t a = XR[RS1], b = XR[RS2];                  \
        CPU_GOTO(c, d, (cond) ? (uint64_t)IMM : LINK);      \
    }
BRANCH(beq, a == b)
BRANCH(bne, a != b)
BRANCH(blt, (int64_t)a < (int64_t)b)
BRANCH(bge, (int64_t)a >= (int64_t)b)
BRANCH(bltu, a < b)
BRANCH(bgeu, a >= b)
