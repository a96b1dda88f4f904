/* LoongArch scalar floating point (F and D).  IEEE arithmetic comes from
 * sim/hostfp.h (host SSE under the guest's rounding mode); this file adds
 * LoongArch's rules: fcsr0 cause/flags/enables with the FPE trap, NaN
 * propagation (first signalling NaN, else first quiet NaN, else the
 * default NaN 0x7fc00000 / 0x7ff8000000000000, as qemu-loongarch64
 * does), maxNum/minNum, and saturating conversions.  Single-precision
 * results are NaN-boxed (upper 32 bits set), as qemu-loongarch64 does. */
#include <math.h>

#include "la.h"
#include "../hostfp.h"

#define DNAN32 0x7fc00000u
#define DNAN64 0x7ff8000000000000ull
#define BOX(x) (0xffffffff00000000ull | (uint32_t)(x))

static inline enum hf_rm la_rm(const struct la_cpu *s)
{
    static const uint8_t map[4] = { HF_RNE, HF_RTZ, HF_RUP, HF_RDN };
    return (enum hf_rm)map[(s->fcsr >> FCSR_RM_SHIFT) & 3];
}

/* host flags -> LoongArch I(0) U(1) O(2) Z(3) V(4) */
static inline unsigned la_flags(unsigned fl)
{
    return (fl & HF_INEXACT ? 1 : 0) | (fl & HF_UNDERFLOW ? 2 : 0) |
           (fl & HF_OVERFLOW ? 4 : 0) | (fl & HF_DIVZERO ? 8 : 0) |
           (fl & HF_INVALID ? 16 : 0);
}

/* Record an instruction's exceptions: Cause always, then either the FPE
 * trap (enabled exception: no result is written) or the sticky Flags. */
static inline bool fp_exc(struct la_cpu *s, unsigned fl)
{
    unsigned e = la_flags(fl);
    s->fcsr = (s->fcsr & ~(0x1fu << FCSR_CAUSE_SHIFT)) | e << FCSR_CAUSE_SHIFT;
    if (__builtin_expect(e & s->fcsr & 0x1f, 0))
        return true;
    s->fcsr |= e << FCSR_FLAGS_SHIFT;
    return false;
}

static inline uint32_t nan2_32(uint32_t a, uint32_t b, uint32_t r)
{
    if (__builtin_expect(!hf_isnan32(r), 1))
        return r;
    if (hf_issnan32(a)) return a | 0x00400000u;
    if (hf_issnan32(b)) return b | 0x00400000u;
    if (hf_isnan32(a)) return a;
    if (hf_isnan32(b)) return b;
    return DNAN32;
}

static inline uint64_t nan2_64(uint64_t a, uint64_t b, uint64_t r)
{
    if (__builtin_expect(!hf_isnan64(r), 1))
        return r;
    if (hf_issnan64(a)) return a | 0x0008000000000000ull;
    if (hf_issnan64(b)) return b | 0x0008000000000000ull;
    if (hf_isnan64(a)) return a;
    if (hf_isnan64(b)) return b;
    return DNAN64;
}

/* fma's NaN: signalling NaNs first, then quiet ones, each in the order
 * fa, fj, fk (qemu-loongarch64's rule); an invalid 0*inf with no NaN
 * operand gives the default NaN. */
#define NAN3(W, QB)                                                        \
    static inline uint##W##_t nan3_##W(uint##W##_t a, uint##W##_t b,      \
                                       uint##W##_t c, uint##W##_t r)      \
    {                                                                      \
        if (__builtin_expect(!hf_isnan##W(r), 1))                          \
            return r;                                                      \
        if (hf_issnan##W(c)) return c | QB;                                \
        if (hf_issnan##W(a)) return a | QB;                                \
        if (hf_issnan##W(b)) return b | QB;                                \
        if (hf_isnan##W(c)) return c;                                      \
        if (hf_isnan##W(a)) return a;                                      \
        if (hf_isnan##W(b)) return b;                                      \
        return DNAN##W;                                                    \
    }
NAN3(32, 0x00400000u)
NAN3(64, 0x0008000000000000ull)

/* 0 * inf + qNaN raises invalid too (IEEE leaves it to the
 * implementation; LoongArch as modelled by qemu raises it). */
#define INFZERO(W, a, b, c, fl)                                            \
    do {                                                                   \
        if (hf_isnan##W(c) && ((hf_iszero##W(a) && hf_isinf##W(b)) ||      \
                               (hf_isinf##W(a) && hf_iszero##W(b))))       \
            *(fl) |= HF_INVALID;                                           \
    } while (0)

/* An FP handler: computes `res` (64-bit register image) from operands,
 * accumulating host flags in fl, then commits or traps. */
#define FPH(name, body)                                                    \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        FP_CHECK();                                                        \
        unsigned fl = 0;                                                   \
        enum hf_rm rm = la_rm(s);                                          \
        (void)rm;                                                          \
        uint64_t res;                                                      \
        body;                                                              \
        if (__builtin_expect(fl != 0, 0) || (s->fcsr >> FCSR_CAUSE_SHIFT)) { \
            if (fp_exc(s, fl))                                             \
                return la_raise(c, d->pc, ECODE_FPE, 0, false, 0);         \
        }                                                                  \
        s->f[RDW] = res;                                                   \
        LA_NEXT();                                                         \
    }
/* ...and one that raises no IEEE exceptions */
#define FPQ(name, body)                                                    \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        FP_CHECK();                                                        \
        body;                                                              \
        LA_NEXT();                                                         \
    }

#define FJ s->f[RJ]
#define FK s->f[RK]
#define FA s->f[RA]
#define FJ32 ((uint32_t)s->f[RJ])
#define FK32 ((uint32_t)s->f[RK])
#define FA32 ((uint32_t)s->f[RA])

FPH(FADD_S, res = BOX(nan2_32(FJ32, FK32, hf_add32(FJ32, FK32, rm, &fl))))
FPH(FADD_D, res = nan2_64(FJ, FK, hf_add64(FJ, FK, rm, &fl)))
FPH(FSUB_S, res = BOX(nan2_32(FJ32, FK32, hf_sub32(FJ32, FK32, rm, &fl))))
FPH(FSUB_D, res = nan2_64(FJ, FK, hf_sub64(FJ, FK, rm, &fl)))
FPH(FMUL_S, res = BOX(nan2_32(FJ32, FK32, hf_mul32(FJ32, FK32, rm, &fl))))
FPH(FMUL_D, res = nan2_64(FJ, FK, hf_mul64(FJ, FK, rm, &fl)))
FPH(FDIV_S, res = BOX(nan2_32(FJ32, FK32, hf_div32(FJ32, FK32, rm, &fl))))
FPH(FDIV_D, res = nan2_64(FJ, FK, hf_div64(FJ, FK, rm, &fl)))
FPH(FSQRT_S, res = BOX(nan2_32(FJ32, FJ32, hf_sqrt32(FJ32, rm, &fl))))
FPH(FSQRT_D, res = nan2_64(FJ, FJ, hf_sqrt64(FJ, rm, &fl)))
FPH(FRECIP_S, res = BOX(nan2_32(FJ32, FJ32, hf_div32(0x3f800000u, FJ32, rm, &fl))))
FPH(FRECIP_D, res = nan2_64(FJ, FJ, hf_div64(0x3ff0000000000000ull, FJ, rm, &fl)))
FPH(FRSQRT_S, uint32_t q = nan2_32(FJ32, FJ32, hf_sqrt32(FJ32, rm, &fl));
    res = BOX(nan2_32(q, q, hf_div32(0x3f800000u, q, rm, &fl))))
FPH(FRSQRT_D, uint64_t q = nan2_64(FJ, FJ, hf_sqrt64(FJ, rm, &fl));
    res = nan2_64(q, q, hf_div64(0x3ff0000000000000ull, q, rm, &fl)))

/* fmadd: fj*fk+fa; fmsub: fj*fk-fa; fnm*: the negated results (a NaN
 * result is not negated). */
#define NEG32(x) (hf_isnan32(x) ? (x) : (x) ^ HF_F32_SIGN)
#define NEG64(x) (hf_isnan64(x) ? (x) : (x) ^ HF_F64_SIGN)
FPH(FMADD_S, INFZERO(32, FJ32, FK32, FA32, &fl); res = BOX(nan3_32(FJ32, FK32, FA32, hf_fma32(FJ32, FK32, FA32, rm, &fl))))
FPH(FMADD_D, INFZERO(64, FJ, FK, FA, &fl); res = nan3_64(FJ, FK, FA, hf_fma64(FJ, FK, FA, rm, &fl)))
FPH(FMSUB_S, INFZERO(32, FJ32, FK32, FA32, &fl); uint32_t na = hf_isnan32(FA32) ? FA32 : FA32 ^ HF_F32_SIGN;
    res = BOX(nan3_32(FJ32, FK32, FA32, hf_fma32(FJ32, FK32, na, rm, &fl))))
FPH(FMSUB_D, INFZERO(64, FJ, FK, FA, &fl); uint64_t na = hf_isnan64(FA) ? FA : FA ^ HF_F64_SIGN;
    res = nan3_64(FJ, FK, FA, hf_fma64(FJ, FK, na, rm, &fl)))
/* fnmadd/fnmsub round -(fj*fk±fa) itself (qemu negates before rounding):
 * that is the negation of a rounding in the mirrored direction; an exact
 * zero takes the sign fma gives under the real mode, then flips. */
static inline enum hf_rm mirror(enum hf_rm rm)
{
    return rm == HF_RUP ? HF_RDN : rm == HF_RDN ? HF_RUP : rm;
}
#define FNMA(W, SIGN)                                                      \
    static inline uint##W##_t fnma##W(uint##W##_t a, uint##W##_t b,       \
                                      uint##W##_t c, enum hf_rm rm,       \
                                      unsigned *fl)                        \
    {                                                                      \
        unsigned f = 0;                                                    \
        uint##W##_t r = hf_fma##W(a, b, c, mirror(rm), &f);                \
        if (hf_iszero##W(r) && !(f & HF_INEXACT))                          \
            r = hf_fma##W(a, b, c, rm, &f);                                \
        *fl |= f;                                                          \
        return hf_isnan##W(r) ? r : r ^ SIGN;                              \
    }
FNMA(32, HF_F32_SIGN)
FNMA(64, HF_F64_SIGN)

FPH(FNMADD_S, INFZERO(32, FJ32, FK32, FA32, &fl);
    res = BOX(nan3_32(FJ32, FK32, FA32, fnma32(FJ32, FK32, FA32, rm, &fl))))
FPH(FNMADD_D, INFZERO(64, FJ, FK, FA, &fl);
    res = nan3_64(FJ, FK, FA, fnma64(FJ, FK, FA, rm, &fl)))
FPH(FNMSUB_S, INFZERO(32, FJ32, FK32, FA32, &fl);
    uint32_t na = hf_isnan32(FA32) ? FA32 : FA32 ^ HF_F32_SIGN;
    res = BOX(nan3_32(FJ32, FK32, FA32, fnma32(FJ32, FK32, na, rm, &fl))))
FPH(FNMSUB_D, INFZERO(64, FJ, FK, FA, &fl);
    uint64_t na = hf_isnan64(FA) ? FA : FA ^ HF_F64_SIGN;
    res = nan3_64(FJ, FK, FA, fnma64(FJ, FK, na, rm, &fl)))

/* maxNum/minNum (IEEE 754-2008): a quiet NaN loses to a number; a
 * signalling NaN raises invalid and gives a NaN; +0 > -0. */
#define MINMAX(T, W, SIGN, name, pick_max, mag)                            \
    static inline T name(T a, T b, unsigned *fl)                          \
    {                                                                      \
        if (hf_isnan##W(a) || hf_isnan##W(b)) {                            \
            if (hf_issnan##W(a) || hf_issnan##W(b)) {                      \
                *fl |= HF_INVALID;                                         \
                return nan2_##W(a, b, DNAN##W);                            \
            }                                                              \
            if (hf_isnan##W(a) && hf_isnan##W(b))                          \
                return nan2_##W(a, b, DNAN##W);                            \
            return hf_isnan##W(a) ? b : a;                                 \
        }                                                                  \
        T ma = a & ~SIGN, mb = b & ~SIGN;                                  \
        if (mag && ma != mb)                                               \
            return (ma > mb) == pick_max ? a : b;                          \
        bool alt; /* a < b as numbers */                                   \
        if ((a ^ b) & SIGN)                                                \
            alt = (a & SIGN) != 0;                                         \
        else                                                               \
            alt = (a & SIGN) ? ma > mb : ma < mb;                          \
        return alt == pick_max ? b : a;                                    \
    }
MINMAX(uint32_t, 32, HF_F32_SIGN, max32, true, false)
MINMAX(uint32_t, 32, HF_F32_SIGN, min32, false, false)
MINMAX(uint64_t, 64, HF_F64_SIGN, max64, true, false)
MINMAX(uint64_t, 64, HF_F64_SIGN, min64, false, false)
MINMAX(uint32_t, 32, HF_F32_SIGN, maxa32, true, true)
MINMAX(uint32_t, 32, HF_F32_SIGN, mina32, false, true)
MINMAX(uint64_t, 64, HF_F64_SIGN, maxa64, true, true)
MINMAX(uint64_t, 64, HF_F64_SIGN, mina64, false, true)

FPH(FMAX_S, res = BOX(max32(FJ32, FK32, &fl)))
FPH(FMAX_D, res = max64(FJ, FK, &fl))
FPH(FMIN_S, res = BOX(min32(FJ32, FK32, &fl)))
FPH(FMIN_D, res = min64(FJ, FK, &fl))
FPH(FMAXA_S, res = BOX(maxa32(FJ32, FK32, &fl)))
FPH(FMAXA_D, res = maxa64(FJ, FK, &fl))
FPH(FMINA_S, res = BOX(mina32(FJ32, FK32, &fl)))
FPH(FMINA_D, res = mina64(FJ, FK, &fl))

/* fscaleb: fj * 2^fk (fk an integer), one rounding: split the scale so
 * that only the last multiplication can round. */
static uint64_t scaleb64(uint64_t a, int64_t n, enum hf_rm rm, unsigned *fl)
{
    if (hf_isnan64(a)) {
        if (hf_issnan64(a))
            *fl |= HF_INVALID;
        return a | 0x0008000000000000ull;
    }
    if (n > 4096) n = 4096;
    if (n < -4096) n = -4096;
    unsigned tmp = 0;
    while (n > 1023) { a = hf_mul64(a, 0x7fe0000000000000ull, rm, &tmp); n -= 1023; }
    while (n < -1022) {
        /* scale down in steps that stay exact while the value is normal */
        a = hf_mul64(a, 0x0010000000000000ull, rm, &tmp); n += 1022;
    }
    *fl |= tmp;
    return hf_mul64(a, (uint64_t)(n + 1023) << 52, rm, fl);
}

FPH(FSCALEB_D, res = scaleb64(FJ, (int64_t)FK, rm, &fl))
FPH(FSCALEB_S, uint64_t dv = hf_f32_to_f64(FJ32, &fl);
    int64_t n = (int32_t)FK32;
    if (n > 512) n = 512;
    if (n < -512) n = -512;
    unsigned t2 = 0;
    uint64_t p = scaleb64(dv, n, HF_RNE, &t2);   /* exact in double */
    uint32_t r = hf_isnan32(FJ32) ? (FJ32 | 0x00400000u) : hf_f64_to_f32(p, rm, &fl);
    res = BOX(r))

/* flogb: the unbiased exponent as a float; logb(0) = -inf (divide by
 * zero), logb(±inf) = +inf, logb(negative normal) is the same exponent. */
static uint64_t logb64(uint64_t a, unsigned *fl)
{
    if (hf_isnan64(a)) {
        if (hf_issnan64(a)) *fl |= HF_INVALID;
        return a | 0x0008000000000000ull;
    }
    if (hf_iszero64(a)) { *fl |= HF_DIVZERO; return 0xfff0000000000000ull; }
    if (hf_isinf64(a)) return 0x7ff0000000000000ull;
    double v;
    memcpy(&v, &a, 8);
    double r = logb(v);
    uint64_t u;
    memcpy(&u, &r, 8);
    return u;
}
FPH(FLOGB_D, res = logb64(FJ, &fl))
FPH(FLOGB_S, uint64_t l = logb64(hf_f32_to_f64(FJ32, &fl), &fl);
    res = BOX(hf_isnan32(FJ32) ? (FJ32 | 0x00400000u) : hf_f64_to_f32(l, HF_RNE, &fl)))

FPQ(FABS_S, s->f[RDW] = BOX(FJ32 & ~HF_F32_SIGN))
FPQ(FABS_D, s->f[RDW] = FJ & ~HF_F64_SIGN)
FPQ(FNEG_S, s->f[RDW] = BOX(FJ32 ^ HF_F32_SIGN))
FPQ(FNEG_D, s->f[RDW] = FJ ^ HF_F64_SIGN)
FPQ(FCOPYSIGN_S, s->f[RDW] = BOX((FJ32 & ~HF_F32_SIGN) | (FK32 & HF_F32_SIGN)))
FPQ(FCOPYSIGN_D, s->f[RDW] = (FJ & ~HF_F64_SIGN) | (FK & HF_F64_SIGN))
FPQ(FMOV_S, s->f[RDW] = FJ)
FPQ(FMOV_D, s->f[RDW] = FJ)

/* fclass bits: sNaN qNaN -inf -normal -subnormal -zero +inf +normal
 * +subnormal +zero, from bit 0 up */
static unsigned la_class(enum hf_class k)
{
    static const uint16_t bit[] = {
        [HF_NEG_INF] = 1 << 2, [HF_NEG_NORMAL] = 1 << 3,
        [HF_NEG_SUBNORMAL] = 1 << 4, [HF_NEG_ZERO] = 1 << 5,
        [HF_POS_INF] = 1 << 6, [HF_POS_NORMAL] = 1 << 7,
        [HF_POS_SUBNORMAL] = 1 << 8, [HF_POS_ZERO] = 1 << 9,
        [HF_SNAN] = 1 << 0, [HF_QNAN] = 1 << 1,
    };
    return bit[k];
}
FPQ(FCLASS_S, s->f[RDW] = BOX(la_class(hf_class32(FJ32))))
FPQ(FCLASS_D, s->f[RDW] = la_class(hf_class64(FJ)))

FPQ(MOVGR2FR_W, s->f[RDW] = (s->f[RDW] & 0xffffffff00000000ull) | (uint32_t)s->r[RJ])
FPQ(MOVGR2FR_D, s->f[RDW] = s->r[RJ])
FPQ(MOVGR2FRH_W, s->f[RDW] = (uint32_t)s->f[RDW] | s->r[RJ] << 32)
FPQ(MOVFR2GR_S, s->r[RDW] = (uint64_t)(int64_t)(int32_t)FJ32)
FPQ(MOVFR2GR_D, s->r[RDW] = FJ)
FPQ(MOVFRH2GR_S, s->r[RDW] = (uint64_t)(int64_t)(int32_t)(FJ >> 32))
FPQ(MOVFR2CF, s->fcc[RDW] = FJ & 1)
FPQ(MOVCF2FR, s->f[RDW] = s->fcc[RJ])
FPQ(MOVGR2CF, s->fcc[RDW] = s->r[RJ] & 1)
FPQ(MOVCF2GR, s->r[RDW] = s->fcc[RJ])
FPQ(FSEL, s->f[RDW] = s->fcc[RA] ? FK : FJ)

/* fcsr1..3 are windows on fields of fcsr0 */
static const uint32_t fcsr_mask[4] = { FCSR_MASK, 0x1f, 0x1f1f0000, 0x300 };
FPQ(MOVGR2FCSR, s->fcsr = (s->fcsr & ~fcsr_mask[RDW]) | ((uint32_t)s->r[RJ] & fcsr_mask[RDW]))
FPQ(MOVFCSR2GR, s->r[RDW] = (uint64_t)(int64_t)(int32_t)(s->fcsr & fcsr_mask[RJ]))

/* conversions */
FPH(FCVT_S_D, res = BOX(hf_f64_to_f32(FJ, rm, &fl)))
FPH(FCVT_D_S, res = hf_f32_to_f64(FJ32, &fl))
FPH(FFINT_S_W, res = BOX(hf_i64_to_f32((int32_t)FJ32, rm, &fl)))
FPH(FFINT_S_L, res = BOX(hf_i64_to_f32((int64_t)FJ, rm, &fl)))
FPH(FFINT_D_W, res = hf_i64_to_f64((int32_t)FJ32, rm, &fl))
FPH(FFINT_D_L, res = hf_i64_to_f64((int64_t)FJ, rm, &fl))
FPH(FRINT_S, res = BOX(hf_roundint32(FJ32, rm, true, &fl)))
FPH(FRINT_D, res = hf_roundint64(FJ, rm, true, &fl))

/* ftint*: to a 32- or 64-bit signed integer; NaN gives 0, out of range
 * saturates, both with invalid. */
static inline uint64_t ftint(struct hf_icvt v, unsigned bits)
{
    /* .w results are sign-extended through the register, as qemu does */
    return bits == 32 ? (uint64_t)(int64_t)(int32_t)v.v : v.v;
}
#define FTINT(name, mode, W, bits)                                         \
    FPH(name, res = ftint(hf_f##W##_to_int(W == 32 ? FJ32 : FJ, mode, true, bits, &fl), bits))
FTINT(FTINTRM_W_S, HF_RDN, 32, 32) FTINT(FTINTRM_W_D, HF_RDN, 64, 32)
FTINT(FTINTRM_L_S, HF_RDN, 32, 64) FTINT(FTINTRM_L_D, HF_RDN, 64, 64)
FTINT(FTINTRP_W_S, HF_RUP, 32, 32) FTINT(FTINTRP_W_D, HF_RUP, 64, 32)
FTINT(FTINTRP_L_S, HF_RUP, 32, 64) FTINT(FTINTRP_L_D, HF_RUP, 64, 64)
FTINT(FTINTRZ_W_S, HF_RTZ, 32, 32) FTINT(FTINTRZ_W_D, HF_RTZ, 64, 32)
FTINT(FTINTRZ_L_S, HF_RTZ, 32, 64) FTINT(FTINTRZ_L_D, HF_RTZ, 64, 64)
FTINT(FTINTRNE_W_S, HF_RNE, 32, 32) FTINT(FTINTRNE_W_D, HF_RNE, 64, 32)
FTINT(FTINTRNE_L_S, HF_RNE, 32, 64) FTINT(FTINTRNE_L_D, HF_RNE, 64, 64)
FTINT(FTINT_W_S, rm, 32, 32) FTINT(FTINT_W_D, rm, 64, 32)
FTINT(FTINT_L_S, rm, 32, 64) FTINT(FTINT_L_D, rm, 64, 64)

/* fcmp.cond: cond>>1 selects which relations are true; odd conds are
 * the signalling forms (invalid for any NaN, not only signalling ones). */
enum { R_LT = 1, R_EQ = 2, R_GT = 4, R_UN = 8 };
static const uint8_t fcmp_rel[16] = {
    [0] = 0, [1] = R_LT, [2] = R_EQ, [3] = R_LT | R_EQ, [4] = R_UN,
    [5] = R_UN | R_LT, [6] = R_UN | R_EQ, [7] = R_UN | R_LT | R_EQ,
    [8] = R_LT | R_GT, [10] = R_LT | R_EQ | R_GT, [12] = R_UN | R_LT | R_GT,
};

#define FCMP(name, W, A, B)                                                \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        FP_CHECK();                                                        \
        unsigned fl = 0, cond = IMM, rel;                                  \
        if (hf_isnan##W(A) || hf_isnan##W(B)) {                            \
            rel = R_UN;                                                    \
            if ((cond & 1) || hf_issnan##W(A) || hf_issnan##W(B))          \
                fl |= HF_INVALID;                                          \
        } else {                                                           \
            unsigned t = 0;                                                \
            rel = hf_eq##W(A, B, &t) ? R_EQ : hf_lt##W(A, B, &t) ? R_LT : R_GT; \
        }                                                                  \
        if ((fl || (s->fcsr >> FCSR_CAUSE_SHIFT)) && fp_exc(s, fl))        \
            return la_raise(c, d->pc, ECODE_FPE, 0, false, 0);             \
        s->fcc[RDW] = (fcmp_rel[cond >> 1] & rel) != 0;                    \
        LA_NEXT();                                                         \
    }
FCMP(FCMP_S, 32, FJ32, FK32)
FCMP(FCMP_D, 64, FJ, FK)

/* FP loads and stores (FPD first, then the access) */
#define FADDR_I (s->r[RJ] + IMM)
#define FADDR_X (s->r[RJ] + s->r[RK])
FPQ(FLD_S, uint64_t v = BOX(mem_ld32(c, FADDR_I)); s->f[RDW] = v)
FPQ(FLD_D, uint64_t v = mem_ld64(c, FADDR_I); s->f[RDW] = v)
FPQ(FST_S, mem_st32(c, FADDR_I, (uint32_t)s->f[RDW]))
FPQ(FST_D, mem_st64(c, FADDR_I, s->f[RDW]))
FPQ(FLDX_S, uint64_t v = BOX(mem_ld32(c, FADDR_X)); s->f[RDW] = v)
FPQ(FLDX_D, uint64_t v = mem_ld64(c, FADDR_X); s->f[RDW] = v)
FPQ(FSTX_S, mem_st32(c, FADDR_X, (uint32_t)s->f[RDW]))
FPQ(FSTX_D, mem_st64(c, FADDR_X, s->f[RDW]))

#define FBOUND(name, size, gt, body)                                       \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        FP_CHECK();                                                        \
        uint64_t a = s->r[RJ];                                             \
        if (a & (size - 1))                                                \
            return la_raise(c, d->pc, ECODE_ALE, 0, true, a);              \
        if (gt ? !(a > s->r[RK]) : !(a <= s->r[RK]))                       \
            return la_raise(c, d->pc, ECODE_BCE, 0, true, a);              \
        body;                                                              \
        LA_NEXT();                                                         \
    }
FBOUND(FLDGT_S, 4, true, uint64_t v = BOX(mem_ld32(c, a)); s->f[RDW] = v)
FBOUND(FLDGT_D, 8, true, uint64_t v = mem_ld64(c, a); s->f[RDW] = v)
FBOUND(FLDLE_S, 4, false, uint64_t v = BOX(mem_ld32(c, a)); s->f[RDW] = v)
FBOUND(FLDLE_D, 8, false, uint64_t v = mem_ld64(c, a); s->f[RDW] = v)
FBOUND(FSTGT_S, 4, true, mem_st32(c, a, (uint32_t)s->f[RDW]))
FBOUND(FSTGT_D, 8, true, mem_st64(c, a, s->f[RDW]))
FBOUND(FSTLE_S, 4, false, mem_st32(c, a, (uint32_t)s->f[RDW]))
FBOUND(FSTLE_D, 8, false, mem_st64(c, a, s->f[RDW]))

#define E(id) { LA_##id, IC_FP, la_h_##id }
#define EV(id) { LA_##id, IC_FPDIV, la_h_##id }
#define EL(id) { LA_##id, IC_LOAD, la_h_##id }
#define ES(id) { LA_##id, IC_STORE, la_h_##id }
const struct la_handler la_fp_handlers[] = {
    E(FADD_S), E(FADD_D), E(FSUB_S), E(FSUB_D), E(FMUL_S), E(FMUL_D),
    EV(FDIV_S), EV(FDIV_D), EV(FSQRT_S), EV(FSQRT_D), EV(FRECIP_S),
    EV(FRECIP_D), EV(FRSQRT_S), EV(FRSQRT_D),
    E(FMADD_S), E(FMADD_D), E(FMSUB_S), E(FMSUB_D), E(FNMADD_S), E(FNMADD_D),
    E(FNMSUB_S), E(FNMSUB_D),
    E(FMAX_S), E(FMAX_D), E(FMIN_S), E(FMIN_D), E(FMAXA_S), E(FMAXA_D),
    E(FMINA_S), E(FMINA_D), E(FSCALEB_S), E(FSCALEB_D), E(FLOGB_S), E(FLOGB_D),
    E(FABS_S), E(FABS_D), E(FNEG_S), E(FNEG_D), E(FCOPYSIGN_S), E(FCOPYSIGN_D),
    E(FMOV_S), E(FMOV_D), E(FCLASS_S), E(FCLASS_D),
    E(MOVGR2FR_W), E(MOVGR2FR_D), E(MOVGR2FRH_W), E(MOVFR2GR_S), E(MOVFR2GR_D),
    E(MOVFRH2GR_S), E(MOVFR2CF), E(MOVCF2FR), E(MOVGR2CF), E(MOVCF2GR), E(FSEL),
    E(MOVGR2FCSR), E(MOVFCSR2GR),
    E(FCVT_S_D), E(FCVT_D_S), E(FFINT_S_W), E(FFINT_S_L), E(FFINT_D_W),
    E(FFINT_D_L), E(FRINT_S), E(FRINT_D),
    E(FTINTRM_W_S), E(FTINTRM_W_D), E(FTINTRM_L_S), E(FTINTRM_L_D),
    E(FTINTRP_W_S), E(FTINTRP_W_D), E(FTINTRP_L_S), E(FTINTRP_L_D),
    E(FTINTRZ_W_S), E(FTINTRZ_W_D), E(FTINTRZ_L_S), E(FTINTRZ_L_D),
    E(FTINTRNE_W_S), E(FTINTRNE_W_D), E(FTINTRNE_L_S), E(FTINTRNE_L_D),
    E(FTINT_W_S), E(FTINT_W_D), E(FTINT_L_S), E(FTINT_L_D),
    E(FCMP_S), E(FCMP_D),
    EL(FLD_S), EL(FLD_D), ES(FST_S), ES(FST_D), EL(FLDX_S), EL(FLDX_D),
    ES(FSTX_S), ES(FSTX_D), EL(FLDGT_S), EL(FLDGT_D), EL(FLDLE_S), EL(FLDLE_D),
    ES(FSTGT_S), ES(FSTGT_D), ES(FSTLE_S), ES(FSTLE_D),
    { 0, 0, 0 }
};
