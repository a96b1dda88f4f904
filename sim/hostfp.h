/* hostfp: IEEE-754 binary32/binary64 arithmetic on the host's SSE unit.
 *
 * Every CPU model computes its guest's floating point here, then applies
 * its own rules on top (NaN propagation or default NaN, flush-to-zero,
 * min/max, conversion saturation).  The results are the IEEE-754 ones:
 * the host's SSE instructions are correctly rounded, so their bits are
 * the bits any conforming CPU produces for the same rounding mode.
 *
 * Values travel as raw bits (uint32_t for binary32, uint64_t for
 * binary64), so NaN payloads and signalling NaNs are never touched by C
 * code on the way.
 *
 * Rounding: enum hf_rm.  HF_RNE/RTZ/RDN/RUP set MXCSR.RC around the one
 * instruction; HF_RMM (nearest, ties away from zero) has no SSE mode and
 * is computed in software from the directed results (slower; rare).
 *
 * Flags: every operation ORs the IEEE exceptions it raised into *fl
 * (HF_INVALID ... HF_INEXACT, below), so a caller can accrue them into a
 * sticky register directly or pass a zeroed local to see one operation.
 * Underflow follows x86: tininess is detected after rounding, and the
 * flag is raised only when the tiny result is also inexact (the IEEE
 * default when underflow is not trapped).  An arch that detects
 * tininess before rounding must fix that up itself.
 *
 * NaN results are SSE's: a NaN operand comes back quieted (the first one
 * for binary operations, a then b then c for fma), and an invalid
 * operation gives the x86 default NaN (sign set, quiet bit set).  Arches
 * with a canonical NaN replace any NaN result.  Invalid is raised for a
 * signalling NaN operand, inf-inf, 0*inf, 0/0, inf/inf, sqrt(<0) and
 * fma(0, inf, c) even when c is a quiet NaN (x86 does not raise it there;
 * hostfp adds it, as IEEE 754-2008 7.2(c) allows and RISC-V and Arm
 * require; the result is then c quieted, not the default NaN).
 *
 * Denormals are computed exactly (no FTZ/DAZ); the host's denormal-operand
 * flag is dropped.  MXCSR is left at round-to-nearest after each call.
 *
 * API (T is 32 or 64, U the matching uintT_t):
 *   U hf_addT(U a, U b, rm, fl)   hf_subT, hf_mulT, hf_divT
 *   U hf_sqrtT(U a, rm, fl)
 *   U hf_fmaT(U a, U b, U c, rm, fl)    a*b+c rounded once
 *   bool hf_eqT(a, b, fl)  quiet compare: invalid only for a signalling NaN
 *   bool hf_ltT / hf_leT   signalling compare: invalid for any NaN
 *   enum hf_class hf_classT(U a)
 *   hf_isnanT, hf_issnanT, hf_isinfT, hf_iszeroT
 *   uint64_t hf_f32_to_f64(uint32_t a, fl)       exact; SNaN -> invalid, quieted
 *   uint32_t hf_f64_to_f32(uint64_t a, rm, fl)
 *   U hf_i64_to_fT(int64_t v, rm, fl), hf_u64_to_fT(uint64_t v, rm, fl)
 *       (32-bit integers: sign- or zero-extend them first; exact results
 *        need no special case)
 *   struct hf_icvt hf_fT_to_int(U a, rm, bool is_signed, unsigned bits, fl)
 *       round to an integer of `bits` (32 or 64) bits: .v is the value,
 *       saturated to the type's range when it does not fit (sign-extended
 *       to 64 bits for signed 32-bit results), 0 for a NaN; .st says
 *       HF_CVT_OK, HF_CVT_NAN, HF_CVT_OVER (too big) or HF_CVT_UNDER
 *       (too small).  Flags: invalid for NaN/out of range (and then no
 *       inexact), inexact when rounding changed the value.
 *   U hf_roundintT(U a, rm, bool exact, fl)  round to an integral value
 *       in floating point; inexact is raised only if `exact`; SNaN ->
 *       invalid and quieted.
 *   Sticky mode (end of file): hf_addT_st ... with the rounding mode and
 *       the flags kept in MXCSR across operations, for speed.
 */
#ifndef TRAPEZE_HOSTFP_H
#define TRAPEZE_HOSTFP_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum hf_rm { HF_RNE = 0, HF_RTZ = 1, HF_RDN = 2, HF_RUP = 3, HF_RMM = 4 };

/* Flag bits are MXCSR's, so the common path needs no translation. */
#define HF_INVALID   0x01u
#define HF_DIVZERO   0x04u
#define HF_OVERFLOW  0x08u
#define HF_UNDERFLOW 0x10u
#define HF_INEXACT   0x20u
#define HF_ALLFLAGS  0x3du

/* Ordered so that 1 << class is RISC-V's fclass bit; others map it. */
enum hf_class {
    HF_NEG_INF, HF_NEG_NORMAL, HF_NEG_SUBNORMAL, HF_NEG_ZERO,
    HF_POS_ZERO, HF_POS_SUBNORMAL, HF_POS_NORMAL, HF_POS_INF,
    HF_SNAN, HF_QNAN
};

enum hf_cvt_status { HF_CVT_OK, HF_CVT_NAN, HF_CVT_OVER, HF_CVT_UNDER };
struct hf_icvt {
    uint64_t v;
    enum hf_cvt_status st;
};

#define HF_F32_SIGN 0x80000000u
#define HF_F64_SIGN 0x8000000000000000ull
#define HF_F32_QNAN 0x7fc00000u               /* the usual canonical NaNs */
#define HF_F64_QNAN 0x7ff8000000000000ull

/* ---- bit-level helpers ------------------------------------------------- */

static inline float hf__f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline double hf__d(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static inline uint32_t hf__fu(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline uint64_t hf__du(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

static inline bool hf_isnan32(uint32_t a) { return (a & 0x7fffffffu) > 0x7f800000u; }
static inline bool hf_isnan64(uint64_t a) { return (a & ~HF_F64_SIGN) > 0x7ff0000000000000ull; }
static inline bool hf_issnan32(uint32_t a) { return hf_isnan32(a) && !(a & 0x00400000u); }
static inline bool hf_issnan64(uint64_t a) { return hf_isnan64(a) && !(a & 0x0008000000000000ull); }
static inline bool hf_isinf32(uint32_t a) { return (a & 0x7fffffffu) == 0x7f800000u; }
static inline bool hf_isinf64(uint64_t a) { return (a & ~HF_F64_SIGN) == 0x7ff0000000000000ull; }
static inline bool hf_iszero32(uint32_t a) { return (a & 0x7fffffffu) == 0; }
static inline bool hf_iszero64(uint64_t a) { return (a & ~HF_F64_SIGN) == 0; }

static inline enum hf_class hf_class32(uint32_t a)
{
    bool neg = a >> 31;
    uint32_t e = (a >> 23) & 0xff, m = a & 0x7fffff;
    if (e == 0xff)
        return m ? ((m & 0x400000) ? HF_QNAN : HF_SNAN) : (neg ? HF_NEG_INF : HF_POS_INF);
    if (e == 0)
        return m ? (neg ? HF_NEG_SUBNORMAL : HF_POS_SUBNORMAL) : (neg ? HF_NEG_ZERO : HF_POS_ZERO);
    return neg ? HF_NEG_NORMAL : HF_POS_NORMAL;
}

static inline enum hf_class hf_class64(uint64_t a)
{
    bool neg = a >> 63;
    uint64_t e = (a >> 52) & 0x7ff, m = a & 0xfffffffffffffull;
    if (e == 0x7ff)
        return m ? ((m >> 51) ? HF_QNAN : HF_SNAN) : (neg ? HF_NEG_INF : HF_POS_INF);
    if (e == 0)
        return m ? (neg ? HF_NEG_SUBNORMAL : HF_POS_SUBNORMAL) : (neg ? HF_NEG_ZERO : HF_POS_ZERO);
    return neg ? HF_NEG_NORMAL : HF_POS_NORMAL;
}

/* ---- MXCSR ------------------------------------------------------------- */

/* All exceptions masked, no FTZ/DAZ, RC from the mode. */
static inline uint32_t hf__csr(enum hf_rm rm)
{
    static const uint16_t rc[4] = { 0x0000, 0x6000, 0x2000, 0x4000 };
    return 0x1f80u | rc[rm & 3];
}

static inline void hf__restore(void)
{
    uint32_t csr = 0x1f80u;
    __asm__ volatile("ldmxcsr %0" : : "m"(csr));
}

/* One SSE instruction `insn` on x (in/out) and y under rounding mode rm;
 * the flags it raised are ORed into *fl. */
#define HF__OP2(insn, x, y, rm, fl)                                           \
    do {                                                                     \
        uint32_t csr_ = hf__csr(rm), st_;                                    \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[y], %[x]\n\tstmxcsr %[s]" \
                         : [x] "+x"(x), [s] "=m"(st_)                        \
                         : [c] "m"(csr_), [y] "x"(y));                        \
        if ((rm) != HF_RNE)                                                  \
            hf__restore();                                                   \
        *(fl) |= st_ & HF_ALLFLAGS;                                          \
    } while (0)

/* Software paths (sim/hostfp.c): round-to-nearest-ties-away, and the
 * exact rounding of sig * 2^exp into a format. */
uint32_t hf__rmm_op32(int op, uint32_t a, uint32_t b, uint32_t c, unsigned *fl);
uint64_t hf__rmm_op64(int op, uint64_t a, uint64_t b, uint64_t c, unsigned *fl);
uint64_t hf_round_pack(bool neg, int exp, uint64_t sig, bool is64,
                       enum hf_rm rm, unsigned *fl);
enum { HF_OP_ADD, HF_OP_SUB, HF_OP_MUL, HF_OP_DIV, HF_OP_SQRT, HF_OP_FMA };

/* ---- arithmetic -------------------------------------------------------- */

#define HF__BIN(name, op, insn32, insn64)                                     \
    static inline uint32_t hf_##name##32(uint32_t a, uint32_t b,             \
                                         enum hf_rm rm, unsigned *fl)       \
    {                                                                        \
        if (__builtin_expect(rm == HF_RMM, 0))                               \
            return hf__rmm_op32(op, a, b, 0, fl);                            \
        float x = hf__f(a), y = hf__f(b);                                    \
        HF__OP2(insn32, x, y, rm, fl);                                       \
        return hf__fu(x);                                                    \
    }                                                                        \
    static inline uint64_t hf_##name##64(uint64_t a, uint64_t b,             \
                                         enum hf_rm rm, unsigned *fl)       \
    {                                                                        \
        if (__builtin_expect(rm == HF_RMM, 0))                               \
            return hf__rmm_op64(op, a, b, 0, fl);                            \
        double x = hf__d(a), y = hf__d(b);                                   \
        HF__OP2(insn64, x, y, rm, fl);                                       \
        return hf__du(x);                                                    \
    }
HF__BIN(add, HF_OP_ADD, "addss", "addsd")
HF__BIN(sub, HF_OP_SUB, "subss", "subsd")
HF__BIN(mul, HF_OP_MUL, "mulss", "mulsd")
HF__BIN(div, HF_OP_DIV, "divss", "divsd")
#undef HF__BIN

static inline uint32_t hf_sqrt32(uint32_t a, enum hf_rm rm, unsigned *fl)
{
    if (__builtin_expect(rm == HF_RMM, 0))
        return hf__rmm_op32(HF_OP_SQRT, a, 0, 0, fl);
    float x = hf__f(a), y = x;
    HF__OP2("sqrtss", x, y, rm, fl);
    return hf__fu(x);
}

static inline uint64_t hf_sqrt64(uint64_t a, enum hf_rm rm, unsigned *fl)
{
    if (__builtin_expect(rm == HF_RMM, 0))
        return hf__rmm_op64(HF_OP_SQRT, a, 0, 0, fl);
    double x = hf__d(a), y = x;
    HF__OP2("sqrtsd", x, y, rm, fl);
    return hf__du(x);
}

/* x = x*y + z, one rounding (host FMA3). */
#define HF__FMA(insn, x, y, z, rm, fl)                                        \
    do {                                                                     \
        uint32_t csr_ = hf__csr(rm), st_;                                    \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[z], %[y], %[x]\n\tstmxcsr %[s]" \
                         : [x] "+x"(x), [s] "=m"(st_)                        \
                         : [c] "m"(csr_), [y] "x"(y), [z] "x"(z));            \
        if ((rm) != HF_RNE)                                                  \
            hf__restore();                                                   \
        *(fl) |= st_ & HF_ALLFLAGS;                                          \
    } while (0)

static inline uint32_t hf_fma32(uint32_t a, uint32_t b, uint32_t c,
                                enum hf_rm rm, unsigned *fl)
{
    if (__builtin_expect(rm == HF_RMM, 0))
        return hf__rmm_op32(HF_OP_FMA, a, b, c, fl);
    float x = hf__f(a), y = hf__f(b), z = hf__f(c);
    HF__FMA("vfmadd213ss", x, y, z, rm, fl);
    uint32_t r = hf__fu(x);
    if (__builtin_expect(hf_isnan32(r), 0) && hf_isnan32(c) &&
        ((hf_isinf32(a) && hf_iszero32(b)) || (hf_iszero32(a) && hf_isinf32(b))))
        *fl |= HF_INVALID;      /* x86 leaves it out when c is a quiet NaN */
    return r;
}

static inline uint64_t hf_fma64(uint64_t a, uint64_t b, uint64_t c,
                                enum hf_rm rm, unsigned *fl)
{
    if (__builtin_expect(rm == HF_RMM, 0))
        return hf__rmm_op64(HF_OP_FMA, a, b, c, fl);
    double x = hf__d(a), y = hf__d(b), z = hf__d(c);
    HF__FMA("vfmadd213sd", x, y, z, rm, fl);
    uint64_t r = hf__du(x);
    if (__builtin_expect(hf_isnan64(r), 0) && hf_isnan64(c) &&
        ((hf_isinf64(a) && hf_iszero64(b)) || (hf_iszero64(a) && hf_isinf64(b))))
        *fl |= HF_INVALID;
    return r;
}

/* ---- comparisons ------------------------------------------------------- */

static inline bool hf_eq32(uint32_t a, uint32_t b, unsigned *fl)
{
    if (hf_isnan32(a) || hf_isnan32(b)) {
        if (hf_issnan32(a) || hf_issnan32(b))
            *fl |= HF_INVALID;
        return false;
    }
    return a == b || ((a | b) & 0x7fffffffu) == 0;
}

static inline bool hf_eq64(uint64_t a, uint64_t b, unsigned *fl)
{
    if (hf_isnan64(a) || hf_isnan64(b)) {
        if (hf_issnan64(a) || hf_issnan64(b))
            *fl |= HF_INVALID;
        return false;
    }
    return a == b || ((a | b) & ~HF_F64_SIGN) == 0;
}

static inline bool hf_lt32(uint32_t a, uint32_t b, unsigned *fl)
{
    if (hf_isnan32(a) || hf_isnan32(b)) { *fl |= HF_INVALID; return false; }
    return hf__f(a) < hf__f(b);
}
static inline bool hf_le32(uint32_t a, uint32_t b, unsigned *fl)
{
    if (hf_isnan32(a) || hf_isnan32(b)) { *fl |= HF_INVALID; return false; }
    return hf__f(a) <= hf__f(b);
}
static inline bool hf_lt64(uint64_t a, uint64_t b, unsigned *fl)
{
    if (hf_isnan64(a) || hf_isnan64(b)) { *fl |= HF_INVALID; return false; }
    return hf__d(a) < hf__d(b);
}
static inline bool hf_le64(uint64_t a, uint64_t b, unsigned *fl)
{
    if (hf_isnan64(a) || hf_isnan64(b)) { *fl |= HF_INVALID; return false; }
    return hf__d(a) <= hf__d(b);
}

/* ---- conversions ------------------------------------------------------- */

static inline uint64_t hf_f32_to_f64(uint32_t a, unsigned *fl)
{
    if (hf_issnan32(a))
        *fl |= HF_INVALID;
    /* cvtss2sd is exact and quiets a signalling NaN, keeping its payload */
    return hf__du((double)hf__f(a | (hf_isnan32(a) ? 0x00400000u : 0)));
}

static inline uint32_t hf_f64_to_f32(uint64_t a, enum hf_rm rm, unsigned *fl)
{
    if (__builtin_expect(rm == HF_RMM, 0)) {
        if (hf_isnan64(a) || hf_isinf64(a) || hf_iszero64(a)) {
            if (hf_issnan64(a))
                *fl |= HF_INVALID;
            uint32_t s = (uint32_t)(a >> 32) & HF_F32_SIGN;
            if (hf_isnan64(a))
                return s | 0x7fc00000u | (uint32_t)((a >> 29) & 0x3fffff);
            return s | (hf_isinf64(a) ? 0x7f800000u : 0);
        }
        int e = (int)((a >> 52) & 0x7ff);
        uint64_t m = a & 0xfffffffffffffull;
        if (e) m |= 1ull << 52; else e = 1;
        return (uint32_t)hf_round_pack(a >> 63, e - 1075, m, false, rm, fl);
    }
    double x = hf__d(a);
    float y;
    uint32_t csr = hf__csr(rm), st;
    __asm__ volatile("ldmxcsr %[c]\n\tcvtsd2ss %[x], %[y]\n\tstmxcsr %[s]"
                     : [y] "=x"(y), [s] "=m"(st) : [c] "m"(csr), [x] "x"(x));
    if (rm != HF_RNE)
        hf__restore();
    *fl |= st & HF_ALLFLAGS;
    return hf__fu(y);
}

/* Signed 64-bit integer to float under rm (cvtsi2ss/sd read MXCSR.RC). */
#define HF__I2F(name, T, ft, insn, is64)                                      \
    static inline T name(int64_t v, enum hf_rm rm, unsigned *fl)             \
    {                                                                        \
        if (__builtin_expect(rm == HF_RMM, 0)) {                             \
            if (v == 0)                                                      \
                return 0;                                                    \
            uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;                 \
            return (T)hf_round_pack(v < 0, 0, m, is64, rm, fl);              \
        }                                                                    \
        ft y;                                                                \
        uint32_t csr = hf__csr(rm), st;                                      \
        __asm__ volatile("ldmxcsr %[c]\n\t" insn " %[v], %[y]\n\tstmxcsr %[s]" \
                         : [y] "=x"(y), [s] "=m"(st) : [c] "m"(csr), [v] "r"(v)); \
        if (rm != HF_RNE)                                                    \
            hf__restore();                                                   \
        *fl |= st & HF_ALLFLAGS;                                             \
        T r;                                                                 \
        memcpy(&r, &y, sizeof r);                                            \
        return r;                                                            \
    }
HF__I2F(hf_i64_to_f32, uint32_t, float, "cvtsi2ssq", false)
HF__I2F(hf_i64_to_f64, uint64_t, double, "cvtsi2sdq", true)
#undef HF__I2F

/* Unsigned: halve with the lost bit kept sticky (63 bits leave enough
 * guard bits for every rounding mode), convert, double exactly. */
static inline uint32_t hf_u64_to_f32(uint64_t v, enum hf_rm rm, unsigned *fl)
{
    if ((int64_t)v >= 0)
        return hf_i64_to_f32((int64_t)v, rm, fl);
    if (rm == HF_RMM)
        return (uint32_t)hf_round_pack(false, 0, v, false, rm, fl);
    uint32_t h = hf_i64_to_f32((int64_t)((v >> 1) | (v & 1)), rm, fl);
    return h + (1u << 23);
}

static inline uint64_t hf_u64_to_f64(uint64_t v, enum hf_rm rm, unsigned *fl)
{
    if ((int64_t)v >= 0)
        return hf_i64_to_f64((int64_t)v, rm, fl);
    if (rm == HF_RMM)
        return hf_round_pack(false, 0, v, true, rm, fl);
    uint64_t h = hf_i64_to_f64((int64_t)((v >> 1) | (v & 1)), rm, fl);
    return h + (1ull << 52);
}

/* Round a double to an integral double (roundsd; RMM by hand). */
static inline double hf__rint(double x, enum hf_rm rm)
{
    double r;
    switch (rm) {
    case HF_RTZ: __asm__("roundsd $11, %1, %0" : "=x"(r) : "x"(x)); break;
    case HF_RDN: __asm__("roundsd $9, %1, %0" : "=x"(r) : "x"(x)); break;
    case HF_RUP: __asm__("roundsd $10, %1, %0" : "=x"(r) : "x"(x)); break;
    case HF_RMM: {
        double t;
        __asm__("roundsd $11, %1, %0" : "=x"(t) : "x"(x));
        double f = x - t;                     /* exact */
        if (f >= 0.5) t += 1.0;
        else if (f <= -0.5) t -= 1.0;
        r = t == 0 ? __builtin_copysign(0.0, x) : t;
        break;
    }
    default: __asm__("roundsd $8, %1, %0" : "=x"(r) : "x"(x)); break;
    }
    return r;
}

struct hf_icvt hf__to_int(double x, enum hf_rm rm, bool is_signed,
                          unsigned bits, unsigned *fl);

static inline struct hf_icvt hf_f64_to_int(uint64_t a, enum hf_rm rm, bool is_signed,
                                           unsigned bits, unsigned *fl)
{
    return hf__to_int(hf__d(a), rm, is_signed, bits, fl);
}

static inline struct hf_icvt hf_f32_to_int(uint32_t a, enum hf_rm rm, bool is_signed,
                                           unsigned bits, unsigned *fl)
{
    return hf__to_int((double)hf__f(a), rm, is_signed, bits, fl);
}

static inline uint64_t hf_roundint64(uint64_t a, enum hf_rm rm, bool exact, unsigned *fl)
{
    if (hf_isnan64(a)) {
        if (hf_issnan64(a))
            *fl |= HF_INVALID;
        return a | 0x0008000000000000ull;
    }
    double x = hf__d(a), r = hf__rint(x, rm);
    if (exact && r != x)
        *fl |= HF_INEXACT;
    return hf__du(r);
}

static inline uint32_t hf_roundint32(uint32_t a, enum hf_rm rm, bool exact, unsigned *fl)
{
    if (hf_isnan32(a)) {
        if (hf_issnan32(a))
            *fl |= HF_INVALID;
        return a | 0x00400000u;
    }
    double x = (double)hf__f(a), r = hf__rint(x, rm);
    if (exact && r != x)
        *fl |= HF_INEXACT;
    return hf__fu((float)r);   /* exact: r is integral and |r| <= |x|+1 fits */
}

/* ---- sticky mode --------------------------------------------------------
 * For guests whose flags accrue anyway (RISC-V fflags, Arm FPSR...): MXCSR
 * keeps a rounding mode across operations and accumulates their flags, so
 * an operation costs only its SSE instruction (no MXCSR access, which is
 * slow).  hf_sticky_rm() changes the rounding mode and keeps the flags;
 * hf_sticky_flags() reads the flags accrued so far (HF_* bits, without
 * clearing them); hf_sticky_reset() clears them and selects RNE.
 * RMM has no sticky form: read the flags, then use the plain functions,
 * which leave MXCSR at RNE holding only their own flags.  Anything else
 * that runs on the host in between (other FP code; a host signal handler,
 * whose entry resets MXCSR) disturbs the state: reset it when control
 * comes back from elsewhere. */

static inline void hf_sticky_rm(enum hf_rm rm)
{
    uint32_t csr;
    __asm__ volatile("stmxcsr %0" : "=m"(csr));
    csr = (csr & ~0x6000u) | (hf__csr(rm) & 0x6000u);
    __asm__ volatile("ldmxcsr %0" : : "m"(csr));
}

static inline unsigned hf_sticky_flags(void)
{
    uint32_t csr;
    __asm__ volatile("stmxcsr %0" : "=m"(csr));
    return csr & HF_ALLFLAGS;
}

static inline void hf_sticky_reset(void)
{
    hf__restore();
}

#define HF__ST2(name, T, ft, insn)                                            \
    static inline T name(T a, T b)                                           \
    {                                                                        \
        ft x, y;                                                             \
        memcpy(&x, &a, sizeof x);                                            \
        memcpy(&y, &b, sizeof y);                                            \
        __asm__ volatile(insn " %1, %0" : "+x"(x) : "x"(y));                 \
        memcpy(&a, &x, sizeof a);                                            \
        return a;                                                            \
    }
HF__ST2(hf_add32_st, uint32_t, float, "addss")
HF__ST2(hf_sub32_st, uint32_t, float, "subss")
HF__ST2(hf_mul32_st, uint32_t, float, "mulss")
HF__ST2(hf_div32_st, uint32_t, float, "divss")
HF__ST2(hf_add64_st, uint64_t, double, "addsd")
HF__ST2(hf_sub64_st, uint64_t, double, "subsd")
HF__ST2(hf_mul64_st, uint64_t, double, "mulsd")
HF__ST2(hf_div64_st, uint64_t, double, "divsd")
#undef HF__ST2

static inline uint32_t hf_sqrt32_st(uint32_t a)
{
    float x = hf__f(a);
    __asm__ volatile("sqrtss %0, %0" : "+x"(x));
    return hf__fu(x);
}
static inline uint64_t hf_sqrt64_st(uint64_t a)
{
    double x = hf__d(a);
    __asm__ volatile("sqrtsd %0, %0" : "+x"(x));
    return hf__du(x);
}

/* fma: the invalid flag x86 leaves out (see above) goes to *fl. */
static inline uint32_t hf_fma32_st(uint32_t a, uint32_t b, uint32_t c, unsigned *fl)
{
    float x = hf__f(a), y = hf__f(b), z = hf__f(c);
    __asm__ volatile("vfmadd213ss %2, %1, %0" : "+x"(x) : "x"(y), "x"(z));
    uint32_t r = hf__fu(x);
    if (__builtin_expect(hf_isnan32(r), 0) && hf_isnan32(c) &&
        ((hf_isinf32(a) && hf_iszero32(b)) || (hf_iszero32(a) && hf_isinf32(b))))
        *fl |= HF_INVALID;
    return r;
}
static inline uint64_t hf_fma64_st(uint64_t a, uint64_t b, uint64_t c, unsigned *fl)
{
    double x = hf__d(a), y = hf__d(b), z = hf__d(c);
    __asm__ volatile("vfmadd213sd %2, %1, %0" : "+x"(x) : "x"(y), "x"(z));
    uint64_t r = hf__du(x);
    if (__builtin_expect(hf_isnan64(r), 0) && hf_isnan64(c) &&
        ((hf_isinf64(a) && hf_iszero64(b)) || (hf_iszero64(a) && hf_isinf64(b))))
        *fl |= HF_INVALID;
    return r;
}

static inline uint32_t hf_f64_to_f32_st(uint64_t a)
{
    double x = hf__d(a);
    float y;
    __asm__ volatile("cvtsd2ss %1, %0" : "=x"(y) : "x"(x));
    return hf__fu(y);
}
static inline uint32_t hf_i64_to_f32_st(int64_t v)
{
    float y;
    __asm__ volatile("cvtsi2ssq %1, %0" : "=x"(y) : "r"(v));
    return hf__fu(y);
}
static inline uint64_t hf_i64_to_f64_st(int64_t v)
{
    double y;
    __asm__ volatile("cvtsi2sdq %1, %0" : "=x"(y) : "r"(v));
    return hf__du(y);
}
static inline uint32_t hf_u64_to_f32_st(uint64_t v)
{
    if ((int64_t)v >= 0)
        return hf_i64_to_f32_st((int64_t)v);
    return hf_i64_to_f32_st((int64_t)((v >> 1) | (v & 1))) + (1u << 23);
}
static inline uint64_t hf_u64_to_f64_st(uint64_t v)
{
    if ((int64_t)v >= 0)
        return hf_i64_to_f64_st((int64_t)v);
    return hf_i64_to_f64_st((int64_t)((v >> 1) | (v & 1))) + (1ull << 52);
}

#endif
