/* LoongArch decode: the patterns of insns.def turned into mask/match
 * pairs once, indexed by the 6 major opcode bits. */
#include "decode.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

struct pat {
    const char *bits;
    uint16_t op;
    uint8_t fmt;
};

static const struct pat pats[] = {
#define X(id, name, pat, fmt) { pat, LA_##id, LF_##fmt },
#include "insns.def"
#undef X
};

const char *const la_op_name[LA_NOPS] = {
    [LA_INVALID] = "<unknown>",
#define X(id, name, pat, fmt) [LA_##id] = name,
#include "insns.def"
#undef X
};

#define NPATS (sizeof pats / sizeof pats[0])

struct ent {
    uint32_t mask, match;
    uint16_t op;
    uint8_t fmt;
};

static struct ent ents[NPATS];
/* bucket[b] lists indices into ents for major opcode b, in table order */
static uint16_t bucket_start[65];
static uint16_t bucket_idx[NPATS];
static bool ready;

static void build(void)
{
    for (size_t i = 0; i < NPATS; i++) {
        uint32_t mask = 0, match = 0;
        int n = 0;
        for (const char *p = pats[i].bits; *p; p++) {
            if (*p == ' ')
                continue;
            mask <<= 1;
            match <<= 1;
            if (*p != '.') {
                mask |= 1;
                match |= *p == '1';
            }
            n++;
        }
        if (n != 32 || (mask >> 26) != 0x3f) {
            fprintf(stderr, "loongarch64: bad pattern for %s\n",
                    la_op_name[pats[i].op]);
            abort();
        }
        ents[i] = (struct ent){ mask, match, pats[i].op, pats[i].fmt };
    }
    unsigned k = 0;
    for (unsigned b = 0; b < 64; b++) {
        bucket_start[b] = k;
        for (size_t i = 0; i < NPATS; i++)
            if ((ents[i].match >> 26) == b)
                bucket_idx[k++] = i;
    }
    bucket_start[64] = k;
    ready = true;
}

static inline int64_t sext(uint64_t v, unsigned bits)
{
    return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

#define F(hi, lo) ((raw >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1))

const char *const la_fcmp_cond[32] = {
    [0x00] = "caf",  [0x01] = "saf",  [0x02] = "clt",  [0x03] = "slt",
    [0x04] = "ceq",  [0x05] = "seq",  [0x06] = "cle",  [0x07] = "sle",
    [0x08] = "cun",  [0x09] = "sun",  [0x0a] = "cult", [0x0b] = "sult",
    [0x0c] = "cueq", [0x0d] = "sueq", [0x0e] = "cule", [0x0f] = "sule",
    [0x10] = "cne",  [0x11] = "sne",  [0x14] = "cor",  [0x15] = "sor",
    [0x18] = "cune", [0x19] = "sune",
};

static void fields(uint32_t raw, struct la_insn *d)
{
    d->rd = F(4, 0);
    d->rj = F(9, 5);
    d->rk = F(14, 10);
    d->ra = F(19, 15);
    d->imm = 0;
    d->imm2 = 0;
    switch (d->fmt) {
    case LF_RRI12: case LF_PRELD: case LF_FRI12:
        d->imm = sext(F(21, 10), 12); break;
    case LF_RRU12: d->imm = F(21, 10); break;
    case LF_RRU5:  d->imm = F(14, 10); break;
    case LF_RRU6:  d->imm = F(15, 10); break;
    case LF_RRI14: d->imm = sext(F(23, 10), 14) * 4; break;
    case LF_RRI16: d->imm = sext(F(25, 10), 16); break;
    case LF_RI20:  d->imm = sext(F(24, 5), 20); break;
    case LF_RRRSA2P1: d->imm = F(16, 15) + 1; break;
    case LF_RRRSA2: d->imm = F(16, 15); break;
    case LF_RRRSA3: d->imm = F(17, 15); break;
    case LF_BSTRW: d->imm = F(20, 16); d->imm2 = F(14, 10); break;
    case LF_BSTRD: d->imm = F(21, 16); d->imm2 = F(15, 10); break;
    case LF_I15:   d->imm = F(14, 0); break;
    case LF_FCMP:  d->imm = F(19, 15); d->rd = F(2, 0); break;
    case LF_FSEL:  d->ra = F(17, 15); break;
    case LF_CF: case LF_CR: d->rd = F(2, 0); break;
    case LF_FC: case LF_RC: d->rj = F(7, 5); break;
    case LF_BZ:
        d->imm = sext(F(25, 10) | (uint64_t)F(4, 0) << 16, 21) * 4; break;
    case LF_BCZ:
        d->rj = F(7, 5);
        d->imm = sext(F(25, 10) | (uint64_t)F(4, 0) << 16, 21) * 4; break;
    case LF_JIRL: case LF_BR: d->imm = sext(F(25, 10), 16) * 4; break;
    case LF_B26:
        d->imm = sext(F(25, 10) | (uint64_t)F(9, 0) << 16, 26) * 4; break;
    case LF_CSR: case LF_CSRX: d->imm = F(23, 10); break;
    default: break;
    }
}

/* Built before main so decoding threads never race on the tables. */
__attribute__((constructor)) static void la_decode_init(void)
{
    if (!ready)
        build();
}

enum la_op la_decode(uint32_t raw, struct la_insn *out)
{
    if (__builtin_expect(!ready, 0))
        build();
    unsigned b = raw >> 26;
    for (unsigned k = bucket_start[b]; k < bucket_start[b + 1]; k++) {
        const struct ent *e = &ents[bucket_idx[k]];
        if ((raw & e->mask) == e->match) {
            out->op = e->op;
            out->fmt = e->fmt;
            fields(raw, out);
            if (e->fmt == LF_FCMP && !la_fcmp_cond[out->imm])
                break;
            /* only fcsr0..fcsr3 exist */
            if ((e->fmt == LF_FCSRR && out->rd > 3) ||
                (e->fmt == LF_RFCSR && out->rj > 3))
                break;
            return e->op;
        }
    }
    out->op = LA_INVALID;
    out->fmt = LF_NONE;
    fields(raw, out);
    return LA_INVALID;
}
