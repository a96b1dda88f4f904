/* aarch64 FP element operations (see fpu.h).  The Arm ARM pseudocode
 * (FPProcessNaNs, FPMulAdd, FPMax/FPMaxNum, FPCompare, FPToFixed,
 * FixedToFP, FPRoundInt) says what differs from the plain IEEE results
 * that hostfp computes. */
#include "fpu.h"

#define SIGN(b) ((b) == 64 ? HF_F64_SIGN : (uint64_t)HF_F32_SIGN)
#define DNAN(b) ((b) == 64 ? HF_F64_QNAN : (uint64_t)HF_F32_QNAN)
#define QBIT(b) ((b) == 64 ? 0x0008000000000000ull : 0x00400000ull)

static inline bool isnan_(unsigned b, uint64_t a) { return b == 64 ? hf_isnan64(a) : hf_isnan32((uint32_t)a); }
static inline bool issnan_(unsigned b, uint64_t a) { return b == 64 ? hf_issnan64(a) : hf_issnan32((uint32_t)a); }
static inline bool isinf_(unsigned b, uint64_t a) { return b == 64 ? hf_isinf64(a) : hf_isinf32((uint32_t)a); }
static inline bool iszero_(unsigned b, uint64_t a) { return b == 64 ? hf_iszero64(a) : hf_iszero32((uint32_t)a); }
static inline bool isdenorm_(unsigned b, uint64_t a)
{
    if (b == 64)
        return !(a & 0x7ff0000000000000ull) && (a & 0x000fffffffffffffull);
    return !(a & 0x7f800000u) && (a & 0x007fffffu);
}

/* FPCR.FZ: denormal inputs become zero (IDC) */
static inline uint64_t ftz_in(struct a64_cpu *s, unsigned b, uint64_t a)
{
    if ((s->fpcr & FPCR_FZ) && isdenorm_(b, a)) {
        s->fpsr |= FPSR_IDC;
        return a & SIGN(b);
    }
    return a;
}

#define MINNORM(b) ((b) == 64 ? 0x0010000000000000ull : 0x00800000ull)

/* Arm detects tininess before rounding, x86 after: an inexact result of
 * exactly the smallest normal came from a tiny value when rounding toward
 * zero gives less.  `rtz` recomputes the operation with HF_RTZ. */
static inline unsigned tiny_fix(unsigned b, uint64_t r, unsigned fl, uint64_t rtz)
{
    if ((fl & HF_INEXACT) && !(fl & HF_UNDERFLOW) && (r & ~SIGN(b)) == MINNORM(b) &&
        (rtz & ~SIGN(b)) < MINNORM(b))
        fl |= HF_UNDERFLOW;
    return fl;
}
static inline bool maybe_tiny(unsigned b, uint64_t r, unsigned fl)
{
    return (fl & HF_INEXACT) && !(fl & HF_UNDERFLOW) && (r & ~SIGN(b)) == MINNORM(b);
}

/* results: NaN -> Arm default NaN (hostfp's invalid NaN is x86's), FZ
 * flushes tiny results to zero (UFC, no IXC) */
static inline uint64_t fin(struct a64_cpu *s, unsigned b, uint64_t r, unsigned fl)
{
    if (isnan_(b, r))
        r = DNAN(b);
    else if ((s->fpcr & FPCR_FZ) && (isdenorm_(b, r) || (fl & HF_UNDERFLOW))) {
        r &= SIGN(b);
        fl = (fl & ~(HF_INEXACT | HF_UNDERFLOW)) | HF_UNDERFLOW;
    }
    a64_fpflags(s, fl);
    return r;
}

static inline uint64_t quiet(struct a64_cpu *s, unsigned b, uint64_t a)
{
    return (s->fpcr & FPCR_DN) ? DNAN(b) : (a | QBIT(b));
}

/* FPProcessNaNs: signalling NaNs first (in operand order), then quiet */
static bool nans2(struct a64_cpu *s, unsigned b, uint64_t x, uint64_t y, uint64_t *r)
{
    if (!isnan_(b, x) && !isnan_(b, y))
        return false;
    if (issnan_(b, x)) { s->fpsr |= FPSR_IOC; *r = quiet(s, b, x); }
    else if (issnan_(b, y)) { s->fpsr |= FPSR_IOC; *r = quiet(s, b, y); }
    else *r = quiet(s, b, isnan_(b, x) ? x : y);
    return true;
}

static bool nans3(struct a64_cpu *s, unsigned b, uint64_t x, uint64_t y, uint64_t z, uint64_t *r)
{
    if (!isnan_(b, x) && !isnan_(b, y) && !isnan_(b, z))
        return false;
    if (issnan_(b, x)) { s->fpsr |= FPSR_IOC; *r = quiet(s, b, x); }
    else if (issnan_(b, y)) { s->fpsr |= FPSR_IOC; *r = quiet(s, b, y); }
    else if (issnan_(b, z)) { s->fpsr |= FPSR_IOC; *r = quiet(s, b, z); }
    else *r = quiet(s, b, isnan_(b, x) ? x : isnan_(b, y) ? y : z);
    return true;
}

#define BINOP(name, hf)                                                         \
    uint64_t a64_##name(struct a64_cpu *s, unsigned b, uint64_t x, uint64_t y)  \
    {                                                                           \
        uint64_t r;                                                             \
        unsigned fl = 0;                                                        \
        x = ftz_in(s, b, x);                                                    \
        y = ftz_in(s, b, y);                                                    \
        if (nans2(s, b, x, y, &r))                                              \
            return r;                                                           \
        if (b == 64)                                                            \
            r = hf_##hf##64(x, y, a64_rm(s), &fl);                              \
        else                                                                    \
            r = hf_##hf##32((uint32_t)x, (uint32_t)y, a64_rm(s), &fl);          \
        if (maybe_tiny(b, r, fl)) {                                             \
            unsigned f2 = 0;                                                    \
            uint64_t z = b == 64 ? hf_##hf##64(x, y, HF_RTZ, &f2)               \
                                 : hf_##hf##32((uint32_t)x, (uint32_t)y, HF_RTZ, &f2); \
            fl = tiny_fix(b, r, fl, z);                                         \
            if (fl & HF_UNDERFLOW && (s->fpcr & FPCR_FZ))                       \
                r &= SIGN(b);                                                   \
        }                                                                       \
        return fin(s, b, r, fl);                                                \
    }
BINOP(fadd, add)
BINOP(fsub, sub)
BINOP(fmul, mul)
BINOP(fdiv, div)

uint64_t a64_fsqrt(struct a64_cpu *s, unsigned b, uint64_t x)
{
    uint64_t r;
    unsigned fl = 0;
    x = ftz_in(s, b, x);
    if (isnan_(b, x)) {
        if (issnan_(b, x))
            s->fpsr |= FPSR_IOC;
        return quiet(s, b, x);
    }
    r = b == 64 ? hf_sqrt64(x, a64_rm(s), &fl) : hf_sqrt32((uint32_t)x, a64_rm(s), &fl);
    return fin(s, b, r, fl);
}

/* addend + a*b, rounded once */
uint64_t a64_fmuladd(struct a64_cpu *s, unsigned b, uint64_t c, uint64_t x, uint64_t y)
{
    uint64_t r;
    unsigned fl = 0;
    c = ftz_in(s, b, c);
    x = ftz_in(s, b, x);
    y = ftz_in(s, b, y);
    bool infzero = (isinf_(b, x) && iszero_(b, y)) || (iszero_(b, x) && isinf_(b, y));
    if (isnan_(b, c) && !issnan_(b, c) && !issnan_(b, x) && !issnan_(b, y) && infzero) {
        s->fpsr |= FPSR_IOC;
        return DNAN(b);
    }
    if (nans3(s, b, c, x, y, &r))
        return r;
    if (b == 64)
        r = hf_fma64(x, y, c, a64_rm(s), &fl);
    else
        r = hf_fma32((uint32_t)x, (uint32_t)y, (uint32_t)c, a64_rm(s), &fl);
    if (maybe_tiny(b, r, fl)) {
        unsigned f2 = 0;
        uint64_t z = b == 64 ? hf_fma64(x, y, c, HF_RTZ, &f2)
                             : hf_fma32((uint32_t)x, (uint32_t)y, (uint32_t)c, HF_RTZ, &f2);
        fl = tiny_fix(b, r, fl, z);
        if (fl & HF_UNDERFLOW && (s->fpcr & FPCR_FZ))
            r &= SIGN(b);
    }
    return fin(s, b, r, fl);
}

static inline double tod(unsigned b, uint64_t a)
{
    return b == 64 ? hf__d(a) : (double)hf__f((uint32_t)a);
}

uint64_t a64_fmax(struct a64_cpu *s, unsigned b, uint64_t x, uint64_t y, bool max, bool nm)
{
    uint64_t r;
    x = ftz_in(s, b, x);
    y = ftz_in(s, b, y);
    if (nm) {
        bool qx = isnan_(b, x) && !issnan_(b, x), qy = isnan_(b, y) && !issnan_(b, y);
        if (qx && !isnan_(b, y))
            x = y;
        else if (qy && !isnan_(b, x))
            y = x;
    }
    if (nans2(s, b, x, y, &r))
        return r;
    if (iszero_(b, x) && iszero_(b, y)) {
        /* max(+0, -0) = +0, min(+0, -0) = -0 */
        return max ? (x & y) : (x | y);
    }
    double dx = tod(b, x), dy = tod(b, y);
    r = max ? (dx > dy ? x : y) : (dx < dy ? x : y);
    if ((s->fpcr & FPCR_FZ) && isdenorm_(b, r))
        r &= SIGN(b);
    return r;
}

uint32_t a64_fcmp(struct a64_cpu *s, unsigned b, uint64_t x, uint64_t y, bool signalling)
{
    x = ftz_in(s, b, x);
    y = ftz_in(s, b, y);
    if (isnan_(b, x) || isnan_(b, y)) {
        if (signalling || issnan_(b, x) || issnan_(b, y))
            s->fpsr |= FPSR_IOC;
        return 0x30000000u;
    }
    double dx = tod(b, x), dy = tod(b, y);
    if (dx == dy)
        return 0x60000000u;
    return dx < dy ? 0x80000000u : 0x20000000u;
}

/* vector compares: op 0 EQ, 1 GE, 2 GT (EQ quiet, GE/GT signalling) */
bool a64_fcmp_op(struct a64_cpu *s, unsigned b, uint64_t x, uint64_t y, unsigned op)
{
    x = ftz_in(s, b, x);
    y = ftz_in(s, b, y);
    if (isnan_(b, x) || isnan_(b, y)) {
        if (op != 0 || issnan_(b, x) || issnan_(b, y))
            s->fpsr |= FPSR_IOC;
        return false;
    }
    double dx = tod(b, x), dy = tod(b, y);
    return op == 0 ? dx == dy : op == 1 ? dx >= dy : dx > dy;
}

uint64_t a64_fround(struct a64_cpu *s, unsigned b, uint64_t x, enum hf_rm rm, bool exact)
{
    unsigned fl = 0;
    x = ftz_in(s, b, x);
    if (isnan_(b, x)) {
        if (issnan_(b, x))
            s->fpsr |= FPSR_IOC;
        return quiet(s, b, x);
    }
    uint64_t r = b == 64 ? hf_roundint64(x, rm, exact, &fl) : hf_roundint32((uint32_t)x, rm, exact, &fl);
    a64_fpflags(s, fl);
    return r;
}

uint64_t a64_f2int(struct a64_cpu *s, unsigned b, uint64_t x, enum hf_rm rm,
                   bool is_signed, unsigned ibits, unsigned fbits)
{
    unsigned fl = 0;
    x = ftz_in(s, b, x);
    if (fbits) {
        /* scaling by a power of two is exact (an overflow to infinity
         * saturates the conversion as the exact value would) */
        unsigned f2 = 0;
        if (b == 64)
            x = hf_mul64(x, (uint64_t)(1023 + fbits) << 52, HF_RTZ, &f2);
        else
            x = hf_mul32((uint32_t)x, (uint32_t)(127 + fbits) << 23, HF_RTZ, &f2);
    }
    struct hf_icvt r = b == 64 ? hf_f64_to_int(x, rm, is_signed, ibits, &fl)
                               : hf_f32_to_int((uint32_t)x, rm, is_signed, ibits, &fl);
    a64_fpflags(s, fl);
    return ibits == 32 ? (uint32_t)r.v : r.v;
}

uint64_t a64_int2f(struct a64_cpu *s, unsigned b, uint64_t v, bool is_signed, unsigned ibits)
{
    unsigned fl = 0;
    uint64_t r;
    if (ibits == 32)
        v = is_signed ? (uint64_t)(int64_t)(int32_t)v : (uint32_t)v;
    if (b == 64)
        r = is_signed ? hf_i64_to_f64((int64_t)v, a64_rm(s), &fl) : hf_u64_to_f64(v, a64_rm(s), &fl);
    else
        r = is_signed ? hf_i64_to_f32((int64_t)v, a64_rm(s), &fl) : hf_u64_to_f32(v, a64_rm(s), &fl);
    return fin(s, b, r, fl);
}

/* IEEE half precision (FCVT to and from H, FCVTL/FCVTN with 4h): the
 * conversions are base ARMv8 even without FEAT_FP16.  FPCR.AHP (the
 * alternative format) is not modelled. */
static uint16_t f64_to_f16(struct a64_cpu *s, uint64_t a, enum hf_rm rm, unsigned *fl)
{
    unsigned sign = (unsigned)(a >> 63);
    int exp = (int)((a >> 52) & 0x7ff);
    uint64_t frac = a & 0xfffffffffffffull;
    if (exp == 0x7ff) {
        if (!frac)
            return (uint16_t)(sign << 15 | 0x7c00);
        if (!(frac >> 51))
            *fl |= HF_INVALID;
        if (s->fpcr & FPCR_DN)
            return 0x7e00;
        return (uint16_t)(sign << 15 | 0x7e00 | (unsigned)((frac >> 42) & 0x1ff));
    }
    if (!exp && !frac)
        return (uint16_t)(sign << 15);
    int e = exp ? exp - 1023 : -1022;
    uint64_t m = exp ? frac | 1ull << 52 : frac;
    while (!(m >> 52)) {            /* normalise double subnormals */
        m <<= 1;
        e--;
    }
    bool tiny = e < -14;
    int qexp = (tiny ? -14 : e) - 10;   /* weight of the result's last bit */
    int shift = qexp - (e - 52);
    uint64_t q, rem, half;
    if (shift >= 64) {
        q = 0;
        rem = m;
        half = 1ull << 63;
        if (shift > 64) {
            rem = 1;                    /* far below half an ulp, not zero */
            half = ~0ull;
        }
    } else {
        q = m >> shift;
        rem = m & ((1ull << shift) - 1);
        half = 1ull << (shift - 1);
    }
    bool inc = false;
    switch (rm) {
    case HF_RNE: inc = rem > half || (rem == half && (q & 1)); break;
    case HF_RUP: inc = !sign && rem; break;
    case HF_RDN: inc = sign && rem; break;
    case HF_RMM: inc = rem >= half && rem; break;
    default: break;
    }
    q += inc;
    if (rem) {
        *fl |= HF_INEXACT;
        if (tiny)
            *fl |= HF_UNDERFLOW;
    }
    int E = qexp + 10;
    if (q >> 11) {                  /* rounding carried into a new bit */
        q >>= 1;
        E++;
    }
    if (q < 0x400)                  /* subnormal or zero */
        return (uint16_t)(sign << 15 | q);
    if (E + 15 >= 31) {
        *fl |= HF_OVERFLOW | HF_INEXACT;
        bool to_inf = rm == HF_RNE || rm == HF_RMM || (rm == HF_RUP && !sign) || (rm == HF_RDN && sign);
        return (uint16_t)(sign << 15 | (to_inf ? 0x7c00 : 0x7bff));
    }
    return (uint16_t)(sign << 15 | (unsigned)(E + 15) << 10 | (q & 0x3ff));
}

static uint64_t f16_to_f64(struct a64_cpu *s, uint16_t h)
{
    uint64_t sign = (uint64_t)(h >> 15) << 63;
    unsigned exp = (h >> 10) & 0x1f, frac = h & 0x3ff;
    if (exp == 0x1f) {
        if (!frac)
            return sign | 0x7ff0000000000000ull;
        if (!(frac & 0x200))
            s->fpsr |= FPSR_IOC;
        if (s->fpcr & FPCR_DN)
            return HF_F64_QNAN;
        return sign | 0x7ff8000000000000ull | (uint64_t)(frac & 0x1ff) << 42;
    }
    if (!exp) {
        if (!frac)
            return sign;
        int e = -14;
        while (!(frac & 0x400)) {
            frac <<= 1;
            e--;
        }
        return sign | (uint64_t)(e + 1023) << 52 | (uint64_t)(frac & 0x3ff) << 42;
    }
    return sign | (uint64_t)(exp - 15 + 1023) << 52 | (uint64_t)frac << 42;
}

uint64_t a64_fcvt(struct a64_cpu *s, unsigned from, unsigned to, uint64_t x)
{
    if (from == 16) {
        uint64_t dv = f16_to_f64(s, (uint16_t)x);
        if (to == 64 || hf_isnan64(dv)) {
            if (to == 64)
                return dv;
            if (s->fpcr & FPCR_DN)
                return HF_F32_QNAN;
            return (dv >> 32 & HF_F32_SIGN) | 0x7fc00000u | ((dv >> 29) & 0x3fffffu);
        }
        unsigned f2 = 0;
        return hf_f64_to_f32(dv, HF_RNE, &f2);      /* exact */
    }
    if (to == 16) {
        unsigned fl = 0;
        x = ftz_in(s, from, x);
        uint64_t dv = x;
        if (from == 32) {
            if (hf_isnan32((uint32_t)x)) {
                /* keep the NaN's payload bits as FPConvertNaN does */
                dv = (x & HF_F32_SIGN) << 32 | 0x7ff0000000000000ull | (x & 0x3fffffull) << 29 |
                     (hf_issnan32((uint32_t)x) ? 0 : 0x0008000000000000ull);
                if (!(dv & 0x000fffffffffffffull))
                    dv |= 1;
            } else {
                unsigned f2 = 0;
                dv = hf_f32_to_f64((uint32_t)x, &f2);
            }
        }
        uint16_t h = f64_to_f16(s, dv, a64_rm(s), &fl);
        a64_fpflags(s, fl);
        return h;
    }
    unsigned fl = 0;
    uint64_t r;
    x = ftz_in(s, from, x);
    if (isnan_(from, x)) {
        if (issnan_(from, x))
            s->fpsr |= FPSR_IOC;
        if (s->fpcr & FPCR_DN)
            return DNAN(to);
        /* the payload keeps its top bits, the result is quiet */
        if (from == 32 && to == 64)
            return (x & SIGN(32)) << 32 | 0x7ff8000000000000ull | (x & 0x3fffffull) << 29;
        return (x >> 32 & SIGN(32)) | 0x7fc00000u | ((x >> 29) & 0x3fffffu);
    }
    if (from == 32 && to == 64)
        r = hf_f32_to_f64((uint32_t)x, &fl);
    else {
        r = hf_f64_to_f32(x, a64_rm(s), &fl);
        if (maybe_tiny(32, r, fl)) {
            unsigned f2 = 0;
            fl = tiny_fix(32, r, fl, hf_f64_to_f32(x, HF_RTZ, &f2));
            if (fl & HF_UNDERFLOW && (s->fpcr & FPCR_FZ))
                r &= SIGN(32);
        }
    }
    return fin(s, to, r, fl);
}

uint64_t a64_fstep(struct a64_cpu *s, unsigned b, uint64_t x, uint64_t y, unsigned k)
{
    uint64_t r, one_exp = b == 64 ? 1ull << 52 : 1u << 23;
    x = ftz_in(s, b, x);
    y = ftz_in(s, b, y);
    if (k)
        x ^= SIGN(b);           /* FPRecipStepFused/FPRSqrtStepFused negate first */
    if (nans2(s, b, x, y, &r))
        return r;
    bool infzero = (isinf_(b, x) && iszero_(b, y)) || (iszero_(b, x) && isinf_(b, y));
    uint64_t sign = (x ^ y) & SIGN(b);
    if (k == 0) {
        if (infzero)
            return sign | (b == 64 ? 0x4000000000000000ull : 0x40000000u);
        return a64_fmul(s, b, x, y);
    }
    if (infzero)
        return k == 1 ? (b == 64 ? 0x4000000000000000ull : 0x40000000u)     /* 2.0 */
                      : (b == 64 ? 0x3ff8000000000000ull : 0x3fc00000u);    /* 1.5 */
    if (k == 1)
        return a64_fmuladd(s, b, b == 64 ? 0x4000000000000000ull : 0x40000000u, x, y);
    /* (3 + x*y) / 2 rounded once: 1.5 + x*(y/2), halving a factor whose
     * exponent allows it exactly */
    unsigned eb = b == 64 ? 52 : 23;
    if (((y & ~SIGN(b)) >> eb) > 1 && !isinf_(b, y))
        y -= one_exp;
    else if (((x & ~SIGN(b)) >> eb) > 1 && !isinf_(b, x))
        x -= one_exp;
    return a64_fmuladd(s, b, b == 64 ? 0x3ff8000000000000ull : 0x3fc00000u, x, y);
}
