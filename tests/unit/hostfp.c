/* sim/hostfp against independent computations:
 *  - the software rounding (hf_round_pack) against the host's own
 *    double -> float conversion in every directed mode;
 *  - hf_mul64 / hf_add64 results and flags against C arithmetic under
 *    <fenv.h> rounding modes;
 *  - round-to-nearest-ties-away (no SSE mode) against exact results:
 *    binary32 products are exact in binary64, binary64 sums of nearby
 *    exponents are exact in x87 extended; then rounded by hand;
 *  - hand-derived corner cases (tininess after rounding, fma's invalid). */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../../sim/hostfp.h"

static uint64_t rng = 88172645463325252ull;
static uint64_t xr(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static const int fe_mode[4] = { FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD };

static unsigned from_fe(int e)
{
    return (e & FE_INVALID ? HF_INVALID : 0) | (e & FE_DIVBYZERO ? HF_DIVZERO : 0) |
           (e & FE_OVERFLOW ? HF_OVERFLOW : 0) | (e & FE_UNDERFLOW ? HF_UNDERFLOW : 0) |
           (e & FE_INEXACT ? HF_INEXACT : 0);
}

/* Random doubles biased towards the edges: subnormals, near overflow, short significands. */
static uint64_t rnd64(void)
{
    uint64_t v = xr();
    switch (xr() % 8) {
    case 0: return v & 0x800fffffffffffffull;
    case 1: return (v & 0x800fffffffffffffull) | (uint64_t)(xr() % 3 + 1020) << 52;
    case 2: return (v & HF_F64_SIGN) | 0x3ffull << 52 | (xr() & 0xff);
    case 3: return (v & 0x800fffffffffffffull) | (uint64_t)(xr() % 40 + 0x370) << 52;
    default: return v;
    }
}

static unsigned bad;
static void fail(const char *what, uint64_t a, uint64_t b, uint64_t got, unsigned gf,
                 uint64_t want, unsigned wf)
{
    if (bad++ < 20)
        printf("%s(%016llx, %016llx): got %016llx/%02x want %016llx/%02x\n", what,
               (unsigned long long)a, (unsigned long long)b, (unsigned long long)got, gf,
               (unsigned long long)want, wf);
}

int main(void)
{
    for (int i = 0; i < 300000; i++) {
        uint64_t a = rnd64(), b = rnd64();
        enum hf_rm rm = (enum hf_rm)(xr() % 4);
        /* software rounding vs cvtsd2ss */
        if (!hf_isnan64(a) && !hf_isinf64(a) && !hf_iszero64(a)) {
            unsigned f1 = 0, f2 = 0;
            uint32_t r1 = hf_f64_to_f32(a, rm, &f1);
            int e = (int)((a >> 52) & 0x7ff);
            uint64_t m = a & 0xfffffffffffffull;
            if (e) m |= 1ull << 52; else e = 1;
            uint32_t r2 = (uint32_t)hf_round_pack(a >> 63, e - 1075, m, false, rm, &f2);
            if (r1 != r2 || f1 != f2)
                fail("f64_to_f32 vs round_pack", a, rm, r1, f1, r2, f2);
        }
        /* hostfp vs C under fenv */
        volatile double x, y, z;
        memcpy((void *)&x, &a, 8);
        memcpy((void *)&y, &b, 8);
        fesetround(fe_mode[rm]);
        feclearexcept(FE_ALL_EXCEPT);
        z = x * y;
        unsigned wf = from_fe(fetestexcept(FE_ALL_EXCEPT));
        double zz = z;
        feclearexcept(FE_ALL_EXCEPT);
        volatile double s = x + y;
        unsigned wf2 = from_fe(fetestexcept(FE_ALL_EXCEPT));
        double ss = s;
        fesetround(FE_TONEAREST);
        unsigned gf = 0;
        uint64_t got = hf_mul64(a, b, rm, &gf), want;
        memcpy(&want, &zz, 8);
        if (got != want || gf != wf)
            fail("mul64", a, b, got, gf, want, wf);
        gf = 0;
        got = hf_add64(a, b, rm, &gf);
        memcpy(&want, &ss, 8);
        if (got != want || gf != wf2)
            fail("add64", a, b, got, gf, want, wf2);
    }
    /* RMM, binary32 products: exact in binary64, then rounded by hand */
    for (int i = 0; i < 300000; i++) {
        uint32_t a = (uint32_t)xr(), b = (uint32_t)xr();
        if (i & 1) {
            a = (a & 0x807fffffu) | (uint32_t)(120 + xr() % 10) << 23;
            b = (b & 0x807fffffu) | (uint32_t)(120 + xr() % 10) << 23;
        }
        if (hf_isnan32(a) || hf_isnan32(b))
            continue;
        unsigned f1 = 0, f2 = 0;
        uint32_t r1 = hf_mul32(a, b, HF_RMM, &f1), r2;
        double p = (double)hf__f(a) * (double)hf__f(b);
        if (p == 0 || isinf(p)) {
            r2 = hf_mul32(a, b, HF_RNE, &f2);
        } else {
            uint64_t d = hf__du(p);
            int e = (int)((d >> 52) & 0x7ff);
            r2 = (uint32_t)hf_round_pack(d >> 63, e - 1075, (d & 0xfffffffffffffull) | 1ull << 52,
                                         false, HF_RMM, &f2);
        }
        if (r1 != r2 || f1 != f2)
            fail("rmm mul32", a, b, r1, f1, r2, f2);
    }
    /* RMM, binary64 sums of nearby exponents: exact in x87 extended */
    for (int i = 0; i < 300000; i++) {
        uint64_t a = (xr() & 0x800fffffffffffffull) | 1023ull << 52;
        uint64_t b = (xr() & 0x800fffffffffffffull) | (uint64_t)(1023 - xr() % 3) << 52;
        if (i & 1)
            b &= ~0xfull;       /* more ties */
        unsigned f1 = 0, f2 = 0;
        uint64_t r1 = hf_add64(a, b, HF_RMM, &f1), r2;
        long double s = (long double)hf__d(a) + (long double)hf__d(b);
        if (s == 0) {
            r2 = hf_add64(a, b, HF_RNE, &f2);
        } else {
            uint64_t mant;
            uint16_t se;
            memcpy(&mant, &s, 8);
            memcpy(&se, (char *)&s + 8, 2);
            r2 = hf_round_pack(se >> 15, (se & 0x7fff) - 16383 - 63, mant, true, HF_RMM, &f2);
        }
        if (r1 != r2 || f1 != f2)
            fail("rmm add64", a, b, r1, f1, r2, f2);
    }
    /* hand-derived */
    unsigned f = 0;
    uint32_t r = hf_f64_to_f32(0x380fffffffffffffull, HF_RNE, &f);  /* rounds up to 2^-126 */
    if (r != 0x00800000u || f != HF_INEXACT)
        fail("tininess after rounding", 0x380fffffffffffffull, 0, r, f, 0x00800000u, HF_INEXACT);
    f = 0;
    uint64_t q = hf_fma64(0x7ff0000000000000ull, 0, 0x7ff8000000000000ull, HF_RNE, &f);
    if (!hf_isnan64(q) || !(f & HF_INVALID))
        fail("fma(inf, 0, qNaN)", 0, 0, q, f, HF_F64_QNAN, HF_INVALID);
    f = 0;
    q = hf_add64(0x3ff0000000000000ull, 0x3ca0000000000000ull, HF_RMM, &f);   /* 1 + 2^-53 */
    if (q != 0x3ff0000000000001ull || f != HF_INEXACT)
        fail("1 + 2^-53 rmm", 0, 0, q, f, 0x3ff0000000000001ull, HF_INEXACT);
    struct hf_icvt c = hf_f64_to_int(0xc004000000000000ull, HF_RMM, true, 64, &f);   /* -2.5 */
    if (c.v != (uint64_t)-3 || c.st != HF_CVT_OK)
        fail("-2.5 to int rmm", 0, 0, c.v, 0, (uint64_t)-3, 0);
    printf("hostfp: %u failures\n", bad);
    return bad != 0;
}
