/* LoongArch branches and jumps.  Targets of pc-relative branches are
 * computed at decode time (IMM); every handler here ends its block. */
#include "la.h"
#include "../chain.h"

#define BR(name, cond)                                                     \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        uint64_t *r = s->r;                                                \
        (void)r;                                                           \
        CPU_GOTO(c, d, (cond) ? (uint64_t)IMM : d->pc + 4);                \
    }
BR(BEQ, r[RJ] == r[RDR])
BR(BNE, r[RJ] != r[RDR])
BR(BLT, (int64_t)r[RJ] < (int64_t)r[RDR])
BR(BGE, (int64_t)r[RJ] >= (int64_t)r[RDR])
BR(BLTU, r[RJ] < r[RDR])
BR(BGEU, r[RJ] >= r[RDR])
BR(BEQZ, r[RJ] == 0)
BR(BNEZ, r[RJ] != 0)
BR(B, true)

H(BL)
{
    LA(c)->r[1] = d->pc + 4;
    CPU_GOTO(c, d, IMM);
}

H(JIRL)
{
    struct la_cpu *s = LA(c);
    uint64_t t = s->r[RJ] + IMM;
    s->r[RDW] = d->pc + 4;
    CPU_GOTO(c, d, t);
}

/* FP branches need the FPU enabled like every FP instruction. */
H(BCEQZ)
{
    struct la_cpu *s = LA(c);
    FP_CHECK();
    CPU_GOTO(c, d, s->fcc[RJ] == 0 ? (uint64_t)IMM : d->pc + 4);
}

H(BCNEZ)
{
    struct la_cpu *s = LA(c);
    FP_CHECK();
    CPU_GOTO(c, d, s->fcc[RJ] != 0 ? (uint64_t)IMM : d->pc + 4);
}

#define E(id) { LA_##id, IC_BRANCH, la_h_##id }
const struct la_handler la_branch_handlers[] = {
    E(BEQ), E(BNE), E(BLT), E(BGE), E(BLTU), E(BGEU), E(BEQZ), E(BNEZ),
    E(BCEQZ), E(BCNEZ),
    { LA_B, IC_JUMP, la_h_B }, { LA_BL, IC_JUMP, la_h_BL },
    { LA_JIRL, IC_JUMP, la_h_JIRL },
    { 0, 0, 0 }
};
