/* The slow paths of sim/hostfp.h: software rounding, round-to-nearest-
 * ties-away (no SSE rounding mode does it) and float-to-integer range
 * checks.
 *
 * Ties-away is computed by "round to odd": the operation is done once in
 * a wider format (x87 extended, 64-bit significand, with truncation)
 * and the lowest bit is set when that was inexact.  A round-to-odd
 * result with at least two more bits than the target rounds to the
 * target correctly in every mode, so hf_round_pack() then finishes it.
 * The one exception is binary64 fma, whose exact product does not fit
 * the x87 significand: there the sum of the error-free product halves is
 * rounded to odd twice, which can misplace an exact tie (documented).
 */
#include "hostfp.h"

static uint64_t rnd_sig(uint64_t sig, int s, bool neg, enum hf_rm rm, bool *inexact)
{
    uint64_t q, rem;
    int cmp;                    /* rem compared with half an ulp */
    if (s > 64) {
        q = 0; rem = sig; cmp = -1;
    } else if (s == 64) {
        q = 0; rem = sig;
        cmp = sig == (1ull << 63) ? 0 : 1;     /* msb is set: at or above half */
    } else {
        q = sig >> s;
        rem = sig & ((1ull << s) - 1);
        uint64_t half = 1ull << (s - 1);
        cmp = rem > half ? 1 : rem == half ? 0 : -1;
    }
    if (!rem)
        return q;
    *inexact = true;
    bool up;
    switch (rm) {
    case HF_RNE: up = cmp > 0 || (cmp == 0 && (q & 1)); break;
    case HF_RMM: up = cmp >= 0; break;
    case HF_RDN: up = neg; break;
    case HF_RUP: up = !neg; break;
    default: up = false; break;
    }
    return q + up;
}

uint64_t hf_round_pack(bool neg, int exp, uint64_t sig, bool is64,
                       enum hf_rm rm, unsigned *fl)
{
    const int p = is64 ? 53 : 24, emin = is64 ? -1022 : -126;
    const int emax = is64 ? 1023 : 127, bias = is64 ? 1023 : 127;
    const uint64_t sign = neg ? (is64 ? HF_F64_SIGN : HF_F32_SIGN) : 0;
    if (!sig)
        return sign;
    int sh = __builtin_clzll(sig);
    sig <<= sh;
    exp -= sh;
    int E = exp + 63;           /* value in [2^E, 2^(E+1)) */
    bool inexact = false;
    uint64_t bits;
    if (E >= emin) {
        uint64_t q = rnd_sig(sig, 64 - p, neg, rm, &inexact);
        if (q >> p) {
            q >>= 1;
            E++;
        }
        if (E > emax) {
            *fl |= HF_OVERFLOW | HF_INEXACT;
            bool to_inf = rm == HF_RNE || rm == HF_RMM || (rm == HF_RUP && !neg) ||
                          (rm == HF_RDN && neg);
            uint64_t inf = is64 ? 0x7ff0000000000000ull : 0x7f800000u;
            return sign | (to_inf ? inf : inf - 1);
        }
        bits = sign | ((uint64_t)(E + bias) << (p - 1)) | (q & ((1ull << (p - 1)) - 1));
    } else {
        /* Tininess after rounding: tiny unless rounding to p bits with an
         * unbounded exponent reaches 2^emin. */
        bool dummy = false;
        bool tiny = E < emin - 1 || !(rnd_sig(sig, 64 - p, neg, rm, &dummy) >> p);
        int keep = p - (emin - E);
        uint64_t q = rnd_sig(sig, 64 - keep, neg, rm, &inexact);
        bits = sign | q;        /* q == 2^(p-1) encodes the smallest normal */
        if (tiny && inexact)
            *fl |= HF_UNDERFLOW;
    }
    if (inexact)
        *fl |= HF_INEXACT;
    return bits;
}

struct hf_icvt hf__to_int(double x, enum hf_rm rm, bool is_signed,
                          unsigned bits, unsigned *fl)
{
    struct hf_icvt r = { 0, HF_CVT_OK };
    if (x != x) {
        *fl |= HF_INVALID;
        r.st = HF_CVT_NAN;
        return r;
    }
    double t = hf__rint(x, rm);
    double lim = bits == 64 ? 18446744073709551616.0 : 4294967296.0;
    if (is_signed) {
        lim /= 2;
        if (t < -lim) {
            r.st = HF_CVT_UNDER;
            r.v = bits == 64 ? HF_F64_SIGN : (uint64_t)(int64_t)INT32_MIN;
        } else if (t >= lim) {
            r.st = HF_CVT_OVER;
            r.v = bits == 64 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX;
        } else {
            r.v = (uint64_t)(int64_t)t;
        }
    } else {
        if (t < 0) {
            r.st = HF_CVT_UNDER;
            r.v = 0;
        } else if (t >= lim) {
            r.st = HF_CVT_OVER;
            r.v = bits == 64 ? UINT64_MAX : UINT32_MAX;
        } else {
            r.v = t >= 9223372036854775808.0
                      ? (uint64_t)(int64_t)(t - 9223372036854775808.0) + HF_F64_SIGN
                      : (uint64_t)(int64_t)t;
        }
    }
    if (r.st != HF_CVT_OK)
        *fl |= HF_INVALID;
    else if (t != x)
        *fl |= HF_INEXACT;
    return r;
}

/* x87 extended result, truncated, with the sticky bit jammed in: the
 * round-to-odd value as sign, exponent and 64-bit significand. */
struct x80 {
    uint64_t sig;
    uint16_t se;
    uint16_t pad[3];
};

static uint64_t finish_odd(const struct x80 *r, bool inexact, bool is64, int scale, unsigned *fl)
{
    bool neg = r->se >> 15;
    int e = r->se & 0x7fff;
    uint64_t sig = r->sig | inexact;
    return hf_round_pack(neg, e - 16383 - 63 - scale, sig, is64, HF_RMM, fl);
}

/* One x87 operation on two doubles with truncation and 64-bit precision. */
static struct x80 x87_op(int op, double a, double b, bool *inexact)
{
    struct x80 r;
    uint16_t cw = 0x0f7f, cw0, sw;   /* RC=truncate, PC=extended, all masked */
    __asm__ volatile("fnstcw %0" : "=m"(cw0));
    switch (op) {
    case HF_OP_ADD:
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldl %[a]\n\tfaddl %[b]\n\tfstpt %[r]\n\tfnstsw %[sw]\n\tfldcw %[cw0]"
                         : [r] "=m"(r), [sw] "=m"(sw) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [cw0] "m"(cw0));
        break;
    case HF_OP_SUB:
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldl %[a]\n\tfsubl %[b]\n\tfstpt %[r]\n\tfnstsw %[sw]\n\tfldcw %[cw0]"
                         : [r] "=m"(r), [sw] "=m"(sw) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [cw0] "m"(cw0));
        break;
    case HF_OP_MUL:
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldl %[a]\n\tfmull %[b]\n\tfstpt %[r]\n\tfnstsw %[sw]\n\tfldcw %[cw0]"
                         : [r] "=m"(r), [sw] "=m"(sw) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [cw0] "m"(cw0));
        break;
    case HF_OP_DIV:
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldl %[a]\n\tfdivl %[b]\n\tfstpt %[r]\n\tfnstsw %[sw]\n\tfldcw %[cw0]"
                         : [r] "=m"(r), [sw] "=m"(sw) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [cw0] "m"(cw0));
        break;
    default:
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldl %[a]\n\tfsqrt\n\tfstpt %[r]\n\tfnstsw %[sw]\n\tfldcw %[cw0]"
                         : [r] "=m"(r), [sw] "=m"(sw) : [a] "m"(a), [cw] "m"(cw), [cw0] "m"(cw0));
        break;
    }
    __asm__ volatile("fnclex");
    *inexact = sw & 0x20;
    return r;
}

/* The x87 result is exact-or-odd for everything but a binary64 fma; the
 * round-nearest result decides all cases that are exact, infinite or NaN. */
uint32_t hf__rmm_op32(int op, uint32_t a, uint32_t b, uint32_t c, unsigned *fl)
{
    unsigned f = 0;
    uint32_t rn;
    switch (op) {
    case HF_OP_ADD: rn = hf_add32(a, b, HF_RNE, &f); break;
    case HF_OP_SUB: rn = hf_sub32(a, b, HF_RNE, &f); break;
    case HF_OP_MUL: rn = hf_mul32(a, b, HF_RNE, &f); break;
    case HF_OP_DIV: rn = hf_div32(a, b, HF_RNE, &f); break;
    case HF_OP_SQRT: rn = hf_sqrt32(a, HF_RNE, &f); break;
    default: rn = hf_fma32(a, b, c, HF_RNE, &f); break;
    }
    if (!(f & HF_INEXACT) || (f & HF_OVERFLOW)) {
        *fl |= f;           /* exact, or overflowing to infinity as RNE does */
        return rn;
    }
    if (op == HF_OP_FMA) {
        /* the product of two binary32 is exact in binary64 */
        unsigned g = 0;
        uint64_t d = hf_fma64(hf__du(hf__f(a)), hf__du(hf__f(b)), hf__du(hf__f(c)), HF_RTZ, &g);
        d |= (g & HF_INEXACT) ? 1 : 0;
        int e = (int)((d >> 52) & 0x7ff);
        uint64_t m = (d & 0xfffffffffffffull) | (e ? 1ull << 52 : 0);
        return (uint32_t)hf_round_pack(d >> 63, (e ? e : 1) - 1075, m, false, HF_RMM, fl);
    }
    bool inx;
    struct x80 r = x87_op(op, (double)hf__f(a), (double)hf__f(b), &inx);
    return (uint32_t)finish_odd(&r, inx, false, 0, fl);
}

/* The RNE result is zero: the exact value is at most 2^-1075, half the
 * smallest subnormal, and RMM rounds it away only if it is exactly that.
 * Scaled by 2^128 (the smaller factor, or the dividend, and the addend)
 * the operation is exact there, so the tie shows as an exact 2^-947. */
static uint64_t rmm_below_subnormal(int op, uint64_t a, uint64_t b, uint64_t c,
                                    uint64_t rn, unsigned f, unsigned *fl)
{
    const uint64_t two128 = 0x47f0000000000000ull, tie = 0x04c0000000000000ull;
    unsigned g = 0;
    uint64_t s;
    if (op == HF_OP_DIV) {
        s = hf_div64(hf_mul64(a, two128, HF_RNE, &g), b, HF_RNE, &g);
    } else if (op == HF_OP_MUL || op == HF_OP_FMA) {
        if ((a & ~HF_F64_SIGN) < (b & ~HF_F64_SIGN))
            a = hf_mul64(a, two128, HF_RNE, &g);
        else
            b = hf_mul64(b, two128, HF_RNE, &g);
        s = op == HF_OP_MUL ? hf_mul64(a, b, HF_RNE, &g)
                            : hf_fma64(a, b, hf_mul64(c, two128, HF_RNE, &g), HF_RNE, &g);
    } else {
        *fl |= f;
        return rn;
    }
    if (!(g & HF_INEXACT) && (s & ~HF_F64_SIGN) == tie) {
        *fl |= HF_UNDERFLOW | HF_INEXACT;
        return (s & HF_F64_SIGN) | 1;
    }
    *fl |= f;
    return rn;
}

uint64_t hf__rmm_op64(int op, uint64_t a, uint64_t b, uint64_t c, unsigned *fl)
{
    unsigned f = 0;
    uint64_t rn;
    switch (op) {
    case HF_OP_ADD: rn = hf_add64(a, b, HF_RNE, &f); break;
    case HF_OP_SUB: rn = hf_sub64(a, b, HF_RNE, &f); break;
    case HF_OP_MUL: rn = hf_mul64(a, b, HF_RNE, &f); break;
    case HF_OP_DIV: rn = hf_div64(a, b, HF_RNE, &f); break;
    case HF_OP_SQRT: return hf_sqrt64(a, HF_RNE, fl);   /* a root is never a tie */
    default: rn = hf_fma64(a, b, c, HF_RNE, &f); break;
    }
    if (!(f & HF_INEXACT) || (f & HF_OVERFLOW)) {
        *fl |= f;           /* exact, or overflowing to infinity as RNE does */
        return rn;
    }
    if (hf_iszero64(rn))
        return rmm_below_subnormal(op, a, b, c, rn, f, fl);
    bool inx;
    struct x80 r;
    int scale = 0;
    if (op == HF_OP_FMA) {
        unsigned g = 0;
        uint64_t hi = hf_mul64(a, b, HF_RNE, &g);
        /* A tiny product has no exact hi + lo split: scale it and c up by
         * 2^128 (exact; the result's exponent is corrected at the end).
         * With a larger c a tiny product only contributes the sticky bit. */
        if (((hi >> 52) & 0x7ff) < 64 && ((c >> 52) & 0x7ff) < 123) {
            const uint64_t two128 = 0x47f0000000000000ull;
            scale = 128;
            if ((a & ~HF_F64_SIGN) < (b & ~HF_F64_SIGN))
                a = hf_mul64(a, two128, HF_RNE, &g);
            else
                b = hf_mul64(b, two128, HF_RNE, &g);
            c = hf_mul64(c, two128, HF_RNE, &g);
            hi = hf_mul64(a, b, HF_RNE, &g);
        }
        unsigned g2 = 0;        /* lo is exact unless the product is tiny */
        uint64_t lo = hf_fma64(a, b, hi ^ HF_F64_SIGN, HF_RNE, &g2);
        bool i1, i2;
        struct x80 t = x87_op(HF_OP_ADD, hf__d(hi), hf__d(c), &i1);
        t.sig |= i1;
        /* add the low half to the odd-rounded partial sum in extended */
        uint16_t cw = 0x0f7f, cw0, sw;
        __asm__ volatile("fnstcw %0" : "=m"(cw0));
        __asm__ volatile("fnclex\n\tfldcw %[cw]\n\tfldt %[s]\n\tfaddl %[l]\n\tfstpt %[r]\n\tfnstsw %[sw]\n\tfldcw %[cw0]\n\tfnclex"
                         : [r] "=m"(r), [sw] "=m"(sw)
                         : [s] "m"(t), [l] "m"(lo), [cw] "m"(cw), [cw0] "m"(cw0));
        i2 = sw & 0x20;
        inx = i1 || i2 || (g2 & HF_INEXACT);
    } else {
        r = x87_op(op, hf__d(a), hf__d(b), &inx);
    }
    return finish_odd(&r, inx, true, scale, fl);
}
