/* The A64 bitmask immediate (DecodeBitMasks in the Arm ARM). */
#include "decode.h"

bool a64_decode_bitmask(unsigned n, unsigned imms, unsigned immr, unsigned width,
                        uint64_t *wmask, uint64_t *tmask)
{
    unsigned v = (n << 6) | (~imms & 0x3f);
    if (!v)
        return false;
    unsigned len = 31 - (unsigned)__builtin_clz(v);
    if (len < 1)
        return false;
    unsigned levels = (1u << len) - 1;
    unsigned S = imms & levels, R = immr & levels;
    unsigned esize = 1u << len;
    unsigned diff = (S - R) & levels;
    uint64_t emask = esize == 64 ? ~0ull : (1ull << esize) - 1;
    uint64_t welem = S + 1 == 64 ? ~0ull : (1ull << (S + 1)) - 1;
    uint64_t telem = diff + 1 == 64 ? ~0ull : (1ull << (diff + 1)) - 1;
    if (R)
        welem = ((welem >> R) | (welem << (esize - R))) & emask;
    uint64_t w = 0, t = 0;
    for (unsigned i = 0; i < 64; i += esize) {
        w |= welem << i;
        t |= telem << i;
    }
    if (width == 32) {
        w &= 0xffffffffu;
        t &= 0xffffffffu;
    }
    *wmask = w;
    *tmask = t;
    return true;
}

/* logical immediate: false if reserved */
bool a64_logimm(uint32_t w, uint64_t *imm)
{
    unsigned sf = bits(w, 31, 31), n = bits(w, 22, 22);
    unsigned immr = bits(w, 21, 16), imms = bits(w, 15, 10);
    uint64_t t;
    if (!sf && n)
        return false;
    unsigned v = (n << 6) | (~imms & 0x3f);
    if (!v)
        return false;
    unsigned len = 31 - (unsigned)__builtin_clz(v);
    unsigned levels = (1u << len) - 1;
    if (len < 1 || (imms & levels) == levels)
        return false;
    return a64_decode_bitmask(n, imms, immr, sf ? 64 : 32, imm, &t);
}
