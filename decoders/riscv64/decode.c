/* riscv64 decoding: table lookup and compressed expansion.
 * Sources: RISC-V unprivileged ISA manual (RV64I/M/A/F/D encodings and
 * chapter 16, "C" Standard Extension, tables of RVC opcodes). */
#include "decode.h"
#include "../../sim/cpu.h"

const struct rv_opinfo rv_ops[RV_NOPS] = {
    [RV_OP_INVALID] = { "<unknown>", 0, 0, F_NONE, IC_SYSTEM, DI_ENDS_BLOCK },
#define RV_INSN(name, mnem, mask, match, fmt, cls, flags) \
    [RV_OP_##name] = { mnem, mask, match, fmt, cls, flags },
#include "insns.def"
#undef RV_INSN
};

/* Candidates per major opcode (bits 6:2), built on first use. */
#define MAX_PER_MAJOR 64
static uint8_t by_major[32][MAX_PER_MAJOR];
static uint8_t n_major[32];
_Static_assert(RV_NOPS <= 256, "opcode ids fit a byte");

static void build_index(void)
{
    for (unsigned op = 1; op < RV_NOPS; op++) {
        unsigned maj = (rv_ops[op].match >> 2) & 31;
        if (n_major[maj] < MAX_PER_MAJOR)       /* OP-FP, the largest, has 50 */
            by_major[maj][n_major[maj]++] = (uint8_t)op;
    }
}

enum rv_op rv_lookup(uint32_t insn)
{
    static int built;
    if (!__atomic_load_n(&built, __ATOMIC_ACQUIRE)) {
        static int building;
        if (!__atomic_exchange_n(&building, 1, __ATOMIC_ACQ_REL)) {
            build_index();
            __atomic_store_n(&built, 1, __ATOMIC_RELEASE);
        }
        while (!__atomic_load_n(&built, __ATOMIC_ACQUIRE))
            ;
    }
    if ((insn & 3) != 3)
        return RV_OP_INVALID;
    unsigned maj = (insn >> 2) & 31;
    for (unsigned i = 0; i < n_major[maj]; i++) {
        unsigned op = by_major[maj][i];
        if ((insn & rv_ops[op].mask) == rv_ops[op].match)
            return (enum rv_op)op;
    }
    return RV_OP_INVALID;
}

static inline uint32_t bits(uint32_t v, int hi, int lo)
{
    return (v >> lo) & ((1u << (hi - lo + 1)) - 1);
}

void rv_fields(uint32_t insn, enum rv_fmt fmt, struct rv_fields *f)
{
    f->rd = bits(insn, 11, 7);
    f->rs1 = bits(insn, 19, 15);
    f->rs2 = bits(insn, 24, 20);
    f->rs3 = bits(insn, 31, 27);
    f->rm = bits(insn, 14, 12);
    f->csr = bits(insn, 31, 20);
    int32_t s = (int32_t)insn;
    switch (fmt) {
    case F_ST: case F_FST:
        f->imm = (int64_t)(s >> 25) * 32 + bits(insn, 11, 7);
        break;
    case F_B:
        f->imm = (int64_t)(s >> 31) * 4096 + (int64_t)(bits(insn, 7, 7) * 2048 +
                 bits(insn, 30, 25) * 32 + bits(insn, 11, 8) * 2);
        break;
    case F_U:
        f->imm = (int32_t)(insn & 0xfffff000u);
        break;
    case F_J:
        f->imm = (int64_t)(s >> 31) * (1 << 20) + (int64_t)(bits(insn, 19, 12) * 4096 +
                 bits(insn, 20, 20) * 2048 + bits(insn, 30, 21) * 2);
        break;
    case F_SH:
        f->imm = bits(insn, 25, 20);
        break;
    case F_CSRI:
        f->imm = f->rs1;
        break;
    default:
        f->imm = s >> 20;
        break;
    }
}

/* ---- RVC ------------------------------------------------------------- */

static uint32_t r_type(unsigned f7, unsigned rs2, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
    return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static uint32_t i_type(int32_t imm, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
    return (uint32_t)(imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}
static uint32_t s_type(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3, unsigned op)
{
    return (uint32_t)((imm >> 5) & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 |
           (uint32_t)(imm & 0x1f) << 7 | op;
}
static uint32_t b_type(int32_t imm, unsigned rs2, unsigned rs1, unsigned f3)
{
    return (uint32_t)((imm >> 12) & 1) << 31 | (uint32_t)((imm >> 5) & 0x3f) << 25 |
           rs2 << 20 | rs1 << 15 | f3 << 12 | (uint32_t)((imm >> 1) & 0xf) << 8 |
           (uint32_t)((imm >> 11) & 1) << 7 | 0x63;
}
static uint32_t j_type(int32_t imm, unsigned rd)
{
    return (uint32_t)((imm >> 20) & 1) << 31 | (uint32_t)((imm >> 1) & 0x3ff) << 21 |
           (uint32_t)((imm >> 11) & 1) << 20 | (uint32_t)((imm >> 12) & 0xff) << 12 |
           rd << 7 | 0x6f;
}

static int32_t sext(uint32_t v, int nbits)
{
    return (int32_t)(v << (32 - nbits)) >> (32 - nbits);
}

uint32_t rv_expand_c(uint16_t c)
{
    unsigned op = c & 3, f3 = bits(c, 15, 13);
    unsigned rd = bits(c, 11, 7), rs2 = bits(c, 6, 2);
    unsigned rdp = 8 + bits(c, 4, 2), rs1p = 8 + bits(c, 9, 7);
    int32_t imm6 = sext(bits(c, 12, 12) << 5 | bits(c, 6, 2), 6);
    unsigned uimm_d = bits(c, 12, 10) << 3 | bits(c, 6, 5) << 6;         /* c.ld/c.fld/c.sd */
    unsigned uimm_w = bits(c, 12, 10) << 3 | bits(c, 6, 6) << 2 | bits(c, 5, 5) << 6;
    switch (op << 3 | f3) {
    /* quadrant 0 */
    case 000: {
        unsigned imm = bits(c, 12, 11) << 4 | bits(c, 10, 7) << 6 | bits(c, 6, 6) << 2 |
                       bits(c, 5, 5) << 3;
        if (!imm)
            return 0;                                          /* incl. 0x0000 */
        return i_type((int32_t)imm, 2, 0, rdp, 0x13);          /* c.addi4spn */
    }
    case 001: return i_type((int32_t)uimm_d, rs1p, 3, rdp, 0x07);   /* c.fld */
    case 002: return i_type((int32_t)uimm_w, rs1p, 2, rdp, 0x03);   /* c.lw */
    case 003: return i_type((int32_t)uimm_d, rs1p, 3, rdp, 0x03);   /* c.ld */
    case 005: return s_type((int32_t)uimm_d, rdp, rs1p, 3, 0x27);   /* c.fsd */
    case 006: return s_type((int32_t)uimm_w, rdp, rs1p, 2, 0x23);   /* c.sw */
    case 007: return s_type((int32_t)uimm_d, rdp, rs1p, 3, 0x23);   /* c.sd */
    /* quadrant 1 */
    case 010: return i_type(imm6, rd, 0, rd, 0x13);                 /* c.addi, c.nop */
    case 011:
        if (!rd)
            return 0;
        return i_type(imm6, rd, 0, rd, 0x1b);                       /* c.addiw */
    case 012: return i_type(imm6, 0, 0, rd, 0x13);                  /* c.li */
    case 013:
        if (rd == 2) {                                              /* c.addi16sp */
            int32_t imm = sext(bits(c, 12, 12) << 9 | bits(c, 6, 6) << 4 | bits(c, 5, 5) << 6 |
                               bits(c, 4, 3) << 7 | bits(c, 2, 2) << 5, 10);
            if (!imm)
                return 0;
            return i_type(imm, 2, 0, 2, 0x13);
        }
        if (!imm6)
            return 0;
        return (uint32_t)imm6 << 12 | rd << 7 | 0x37;             /* c.lui */
    case 014: {
        unsigned shamt = bits(c, 12, 12) << 5 | bits(c, 6, 2);
        switch (bits(c, 11, 10)) {
        case 0: return r_type(0, 0, rs1p, 5, rs1p, 0x13) | shamt << 20;         /* c.srli */
        case 1: return r_type(0x20, 0, rs1p, 5, rs1p, 0x13) | shamt << 20;      /* c.srai */
        case 2: return i_type(imm6, rs1p, 7, rs1p, 0x13);                       /* c.andi */
        }
        unsigned rs2p = 8 + bits(c, 4, 2);
        switch (bits(c, 12, 12) << 2 | bits(c, 6, 5)) {
        case 0: return r_type(0x20, rs2p, rs1p, 0, rs1p, 0x33);    /* c.sub */
        case 1: return r_type(0, rs2p, rs1p, 4, rs1p, 0x33);       /* c.xor */
        case 2: return r_type(0, rs2p, rs1p, 6, rs1p, 0x33);       /* c.or */
        case 3: return r_type(0, rs2p, rs1p, 7, rs1p, 0x33);       /* c.and */
        case 4: return r_type(0x20, rs2p, rs1p, 0, rs1p, 0x3b);    /* c.subw */
        case 5: return r_type(0, rs2p, rs1p, 0, rs1p, 0x3b);       /* c.addw */
        }
        return 0;
    }
    case 015: case 016: case 017: {
        if (f3 == 5) {                                              /* c.j */
            int32_t imm = sext(bits(c, 12, 12) << 11 | bits(c, 11, 11) << 4 |
                               bits(c, 10, 9) << 8 | bits(c, 8, 8) << 10 |
                               bits(c, 7, 7) << 6 | bits(c, 6, 6) << 7 |
                               bits(c, 5, 3) << 1 | bits(c, 2, 2) << 5, 12);
            return j_type(imm, 0);
        }
        int32_t imm = sext(bits(c, 12, 12) << 8 | bits(c, 11, 10) << 3 | bits(c, 6, 5) << 6 |
                           bits(c, 4, 3) << 1 | bits(c, 2, 2) << 5, 9);
        return b_type(imm, 0, rs1p, f3 == 6 ? 0 : 1);               /* c.beqz, c.bnez */
    }
    /* quadrant 2 */
    case 020:
        return r_type(0, 0, rd, 1, rd, 0x13) | (bits(c, 12, 12) << 5 | rs2) << 20;  /* c.slli */
    case 021:                                                       /* c.fldsp */
        return i_type((int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6),
                      2, 3, rd, 0x07);
    case 022:                                                       /* c.lwsp */
        if (!rd)
            return 0;
        return i_type((int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 4) << 2 | bits(c, 3, 2) << 6),
                      2, 2, rd, 0x03);
    case 023:                                                       /* c.ldsp */
        if (!rd)
            return 0;
        return i_type((int32_t)(bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3 | bits(c, 4, 2) << 6),
                      2, 3, rd, 0x03);
    case 024:
        if (!bits(c, 12, 12)) {
            if (!rs2) {
                if (!rd)
                    return 0;
                return i_type(0, rd, 0, 0, 0x67);                   /* c.jr */
            }
            return i_type(0, rs2, 0, rd, 0x13);                     /* c.mv (as addi) */
        }
        if (!rs2) {
            if (!rd)
                return 0x00100073;                                  /* c.ebreak */
            return i_type(0, rd, 0, 1, 0x67);                       /* c.jalr */
        }
        return r_type(0, rs2, rd, 0, rd, 0x33);                     /* c.add */
    case 025:                                                       /* c.fsdsp */
        return s_type((int32_t)(bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6), rs2, 2, 3, 0x27);
    case 026:                                                       /* c.swsp */
        return s_type((int32_t)(bits(c, 12, 9) << 2 | bits(c, 8, 7) << 6), rs2, 2, 2, 0x23);
    case 027:                                                       /* c.sdsp */
        return s_type((int32_t)(bits(c, 12, 10) << 3 | bits(c, 9, 7) << 6), rs2, 2, 3, 0x23);
    }
    return 0;
}
