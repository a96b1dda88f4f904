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

uint64_t a64_fcvt(struct a64_cpu *s, unsigned from, unsigned to, uint64_t x)
{
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
