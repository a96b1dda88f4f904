/* riscv64 F and D on the host FPU (sim/hostfp.h), with RISC-V's rules on
 * top: canonical NaN results, NaN-boxed singles, fmin/fmax of IEEE
 * 754-2019 minimumNumber/maximumNumber, saturating conversions, fflags
 * accrued in the order NV DZ OF UF NX = bits 4..0. */
#include "rv.h"
#include "../hooks.h"
#include "../hostfp.h"

#define SX32(v) ((uint64_t)(int64_t)(int32_t)(v))
#define BOX(v) (0xffffffff00000000ull | (uint32_t)(v))
#define CNAN_S 0x7fc00000u
#define CNAN_D 0x7ff8000000000000ull

/* hostfp flags (MXCSR positions) -> fflags */
static const uint8_t ftab[64] = {
#define T(h) (((h) & HF_INEXACT ? 1 : 0) | ((h) & HF_UNDERFLOW ? 2 : 0) |    \
              ((h) & HF_OVERFLOW ? 4 : 0) | ((h) & HF_DIVZERO ? 8 : 0) |      \
              ((h) & HF_INVALID ? 16 : 0))
#define T4(h) T(h), T(h + 1), T(h + 2), T(h + 3)
#define T16(h) T4(h), T4(h + 4), T4(h + 8), T4(h + 12)
    T16(0), T16(16), T16(32), T16(48)
#undef T16
#undef T4
#undef T
};

/* MXCSR in sticky mode (sim/hostfp.h): the rounding mode it holds for
 * this host thread, with flags accrued since the last fold into fflags.
 * MX_HOOKED: per-instruction hooks run host code between instructions,
 * so every operation uses the exact per-operation path.  MX_UNKNOWN: a
 * new host thread, whose MXCSR came from elsewhere. */
enum { MX_HOOKED = 0xff, MX_UNKNOWN = 0xfe };
static _Thread_local uint8_t mx_rm = MX_UNKNOWN;

void rv_fp_sync(struct rv_cpu *r)
{
    if (mx_rm < 5)
        r->fflags |= ftab[hf_sticky_flags() & 63];
}

void rv_fp_reset(void)
{
    hf_sticky_reset();
    mx_rm = hooks_active() ? MX_HOOKED : HF_RNE;
}

/* Make MXCSR hold rm, or say that the exact path must be used. */
static bool fp_switch(unsigned rm)
{
    if (mx_rm == MX_HOOKED || rm == HF_RMM)
        return false;
    if (mx_rm == MX_UNKNOWN) {
        rv_fp_reset();
        if (mx_rm == MX_HOOKED)
            return false;
    }
    hf_sticky_rm(rm);
    mx_rm = (uint8_t)rm;
    return true;
}

/* Around an exact (per-operation) call, which reprograms MXCSR and may
 * leave flags of its internal steps there: fold before, clear after. */
static void fp_slow_begin(struct rv_cpu *r)
{
    rv_fp_sync(r);
}
static void fp_slow_end(struct rv_cpu *r, unsigned fl)
{
    r->fflags |= ftab[fl & 63];
    if (mx_rm < 5) {
        hf_sticky_reset();
        mx_rm = HF_RNE;
    }
}

#define FAST(rm) (__builtin_expect((rm) == mx_rm, 1) || fp_switch(rm))

static inline uint32_t unbox(uint64_t v)
{
    return (v >> 32) == 0xffffffffu ? (uint32_t)v : CNAN_S;
}

/* Entry checks shared by every FP handler: FP must be enabled (FS != Off)
 * and a dynamic rounding mode must name a valid one. */
#define FP_ON()                                                         \
    struct rv_cpu *r = RV(c);                                           \
    if (__builtin_expect(!(r->sstatus & SSTATUS_FS), 0))                \
        return rv_illegal_insn(c, d)
#define FP_RM()                                                         \
    unsigned rm = RM;                                                   \
    if (rm == 7) {                                                      \
        rm = r->frm;                                                    \
        if (__builtin_expect(rm > 4, 0))                                \
            return rv_illegal_insn(c, d);                               \
    }
#define FP_DONE(fl)                                                     \
    do {                                                                \
        r->fflags |= ftab[(fl) & 63];   /* flags computed in C */       \
        r->sstatus |= SSTATUS_FS_DIRTY;                                 \
        NEXT();                                                   \
    } while (0)

static inline uint32_t cs(uint32_t v) { return hf_isnan32(v) ? CNAN_S : v; }
static inline uint64_t cd(uint64_t v) { return hf_isnan64(v) ? CNAN_D : v; }

/* ---- loads and stores ---- */

HANDLER(flw)
{
    FP_ON();
    uint32_t v = mem_ld32(c, XR[RS1] + (uint64_t)IMM);
    FR[RD] = BOX(v);
    r->sstatus |= SSTATUS_FS_DIRTY;
    NEXT();
}
HANDLER(fld)
{
    FP_ON();
    uint64_t v = mem_ld64(c, XR[RS1] + (uint64_t)IMM);
    FR[RD] = v;
    r->sstatus |= SSTATUS_FS_DIRTY;
    NEXT();
}
HANDLER(fsw)
{
    FP_ON();
    mem_st32(c, XR[RS1] + (uint64_t)IMM, (uint32_t)FR[RS2]);
    NEXT();
}
HANDLER(fsd)
{
    FP_ON();
    mem_st64(c, XR[RS1] + (uint64_t)IMM, FR[RS2]);
    NEXT();
}

/* ---- arithmetic ---- */

#define ARITH2(name, op)                                                \
    HANDLER(name##_s)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        FP_RM();                                                        \
        uint32_t a = unbox(FR[RS1]), b = unbox(FR[RS2]), v;             \
        if (FAST(rm)) {                                                 \
            v = hf_##op##32_st(a, b);                                   \
        } else {                                                        \
            unsigned fl = 0;                                            \
            fp_slow_begin(r);                                           \
            v = hf_##op##32(a, b, rm, &fl);                             \
            fp_slow_end(r, fl);                                         \
        }                                                               \
        FR[RD] = BOX(cs(v));                                            \
        FP_DONE(0);                                                     \
    }                                                                   \
    HANDLER(name##_d)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        FP_RM();                                                        \
        uint64_t a = FR[RS1], b = FR[RS2], v;                           \
        if (FAST(rm)) {                                                 \
            v = hf_##op##64_st(a, b);                                   \
        } else {                                                        \
            unsigned fl = 0;                                            \
            fp_slow_begin(r);                                           \
            v = hf_##op##64(a, b, rm, &fl);                             \
            fp_slow_end(r, fl);                                         \
        }                                                               \
        FR[RD] = cd(v);                                                 \
        FP_DONE(0);                                                     \
    }
ARITH2(fadd, add)
ARITH2(fsub, sub)
ARITH2(fmul, mul)
ARITH2(fdiv, div)

HANDLER(fsqrt_s)
{
    FP_ON();
    FP_RM();
    uint32_t a = unbox(FR[RS1]), v;
    if (FAST(rm)) {
        v = hf_sqrt32_st(a);
    } else {
        unsigned fl = 0;
        fp_slow_begin(r);
        v = hf_sqrt32(a, rm, &fl);
        fp_slow_end(r, fl);
    }
    FR[RD] = BOX(cs(v));
    FP_DONE(0);
}
HANDLER(fsqrt_d)
{
    FP_ON();
    FP_RM();
    uint64_t a = FR[RS1], v;
    if (FAST(rm)) {
        v = hf_sqrt64_st(a);
    } else {
        unsigned fl = 0;
        fp_slow_begin(r);
        v = hf_sqrt64(a, rm, &fl);
        fp_slow_end(r, fl);
    }
    FR[RD] = cd(v);
    FP_DONE(0);
}

/* fmsub = a*b-c, fnmsub = -(a*b)+c, fnmadd = -(a*b)-c: the signs go on
 * the operands, which also gives the IEEE sign of an exact zero. */
#define FMA(name, na, nc)                                               \
    HANDLER(name##_s)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        FP_RM();                                                        \
        unsigned fl = 0;                                                \
        uint32_t a = unbox(FR[RS1]) ^ (na ? HF_F32_SIGN : 0);           \
        uint32_t b = unbox(FR[RS2]);                                    \
        uint32_t cc = unbox(FR[RS3]) ^ (nc ? HF_F32_SIGN : 0), v;       \
        if (FAST(rm)) {                                                 \
            v = hf_fma32_st(a, b, cc, &fl);                             \
        } else {                                                        \
            fp_slow_begin(r);                                           \
            v = hf_fma32(a, b, cc, rm, &fl);                            \
            fp_slow_end(r, 0);                                          \
        }                                                               \
        FR[RD] = BOX(cs(v));                                            \
        FP_DONE(fl);                                                    \
    }                                                                   \
    HANDLER(name##_d)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        FP_RM();                                                        \
        unsigned fl = 0;                                                \
        uint64_t a = FR[RS1] ^ (na ? HF_F64_SIGN : 0), b = FR[RS2];     \
        uint64_t cc = FR[RS3] ^ (nc ? HF_F64_SIGN : 0), v;              \
        if (FAST(rm)) {                                                 \
            v = hf_fma64_st(a, b, cc, &fl);                             \
        } else {                                                        \
            fp_slow_begin(r);                                           \
            v = hf_fma64(a, b, cc, rm, &fl);                            \
            fp_slow_end(r, 0);                                          \
        }                                                               \
        FR[RD] = cd(v);                                                 \
        FP_DONE(fl);                                                    \
    }
FMA(fmadd, 0, 0)
FMA(fmsub, 0, 1)
FMA(fnmsub, 1, 0)
FMA(fnmadd, 1, 1)

/* ---- sign injection ---- */

#define SGNJ(name, expr)                                                \
    HANDLER(name##_s)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        uint32_t a = unbox(FR[RS1]), b = unbox(FR[RS2]);                \
        const uint32_t S = HF_F32_SIGN;                                 \
        FR[RD] = BOX(expr);                                             \
        FP_DONE(0);                                                     \
    }                                                                   \
    HANDLER(name##_d)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        uint64_t a = FR[RS1], b = FR[RS2];                              \
        const uint64_t S = HF_F64_SIGN;                                 \
        FR[RD] = (expr);                                                \
        FP_DONE(0);                                                     \
    }
SGNJ(fsgnj, (a & ~S) | (b & S))
SGNJ(fsgnjn, (a & ~S) | (~b & S))
SGNJ(fsgnjx, a ^ (b & S))

/* ---- min / max ---- */

static uint32_t minmax32(uint32_t a, uint32_t b, bool max, unsigned *fl)
{
    if (hf_issnan32(a) || hf_issnan32(b))
        *fl |= HF_INVALID;
    bool na = hf_isnan32(a), nb = hf_isnan32(b);
    if (na && nb) return CNAN_S;
    if (na) return b;
    if (nb) return a;
    if (hf_iszero32(a) && hf_iszero32(b))       /* -0 < +0 */
        return max ? (a & b) : (a | b);
    unsigned dummy = 0;
    bool lt = hf_lt32(a, b, &dummy);
    return (lt != max) ? a : b;
}

static uint64_t minmax64(uint64_t a, uint64_t b, bool max, unsigned *fl)
{
    if (hf_issnan64(a) || hf_issnan64(b))
        *fl |= HF_INVALID;
    bool na = hf_isnan64(a), nb = hf_isnan64(b);
    if (na && nb) return CNAN_D;
    if (na) return b;
    if (nb) return a;
    if (hf_iszero64(a) && hf_iszero64(b))
        return max ? (a & b) : (a | b);
    unsigned dummy = 0;
    bool lt = hf_lt64(a, b, &dummy);
    return (lt != max) ? a : b;
}

#define MINMAX(name, max)                                               \
    HANDLER(name##_s)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        unsigned fl = 0;                                                \
        FR[RD] = BOX(minmax32(unbox(FR[RS1]), unbox(FR[RS2]), max, &fl)); \
        FP_DONE(fl);                                                    \
    }                                                                   \
    HANDLER(name##_d)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        unsigned fl = 0;                                                \
        FR[RD] = minmax64(FR[RS1], FR[RS2], max, &fl);                  \
        FP_DONE(fl);                                                    \
    }
MINMAX(fmin, false)
MINMAX(fmax, true)

/* ---- compares and classify (integer results: FS is not dirtied) ---- */

#define CMP(name, fn)                                                   \
    HANDLER(name##_s)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        unsigned fl = 0;                                                \
        uint64_t v = hf_##fn##32(unbox(FR[RS1]), unbox(FR[RS2]), &fl);  \
        XR[RD] = v;                                                     \
        FP_DONE(fl);                                                    \
    }                                                                   \
    HANDLER(name##_d)                                                   \
    {                                                                   \
        FP_ON();                                                        \
        unsigned fl = 0;                                                \
        uint64_t v = hf_##fn##64(FR[RS1], FR[RS2], &fl);                \
        XR[RD] = v;                                                     \
        FP_DONE(fl);                                                    \
    }
CMP(feq, eq)
CMP(flt, lt)
CMP(fle, le)

HANDLER(fclass_s)
{
    FP_ON();
    XR[RD] = 1u << hf_class32(unbox(FR[RS1]));
    NEXT();
}
HANDLER(fclass_d)
{
    FP_ON();
    XR[RD] = 1u << hf_class64(FR[RS1]);
    NEXT();
}

/* ---- moves ---- */

HANDLER(fmv_x_w)
{
    FP_ON();
    XR[RD] = SX32(FR[RS1]);
    NEXT();
}
HANDLER(fmv_x_d)
{
    FP_ON();
    XR[RD] = FR[RS1];
    NEXT();
}
HANDLER(fmv_w_x)
{
    FP_ON();
    FR[RD] = BOX(XR[RS1]);
    FP_DONE(0);
}
HANDLER(fmv_d_x)
{
    FP_ON();
    FR[RD] = XR[RS1];
    FP_DONE(0);
}

/* ---- conversions ---- */

/* float -> integer: NaN and too-big give the largest value, too-small
 * the smallest; 32-bit results are sign-extended (fcvt.wu too). */
static uint64_t to_int(struct hf_icvt v, bool is_signed, unsigned bits)
{
    uint64_t x = v.v;
    if (v.st == HF_CVT_NAN)
        x = is_signed ? (bits == 64 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX)
                      : (bits == 64 ? UINT64_MAX : UINT32_MAX);
    return bits == 32 ? SX32(x) : x;
}

#define CVT_IF(name, is_signed, bits)                                   \
    HANDLER(fcvt_##name##_s)                                            \
    {                                                                   \
        FP_ON();                                                        \
        FP_RM();                                                        \
        unsigned fl = 0;                                                \
        struct hf_icvt v = hf_f32_to_int(unbox(FR[RS1]), rm, is_signed, bits, &fl); \
        XR[RD] = to_int(v, is_signed, bits);                            \
        FP_DONE(fl);                                                    \
    }                                                                   \
    HANDLER(fcvt_##name##_d)                                            \
    {                                                                   \
        FP_ON();                                                        \
        FP_RM();                                                        \
        unsigned fl = 0;                                                \
        struct hf_icvt v = hf_f64_to_int(FR[RS1], rm, is_signed, bits, &fl); \
        XR[RD] = to_int(v, is_signed, bits);                            \
        FP_DONE(fl);                                                    \
    }
CVT_IF(w, true, 32)
CVT_IF(wu, false, 32)
CVT_IF(l, true, 64)
CVT_IF(lu, false, 64)

#define CVT_FI(name, sgn, conv)                                         \
    HANDLER(fcvt_s_##name)                                              \
    {                                                                   \
        FP_ON();                                                        \
        FP_RM();                                                        \
        uint64_t x = XR[RS1];                                           \
        uint32_t v;                                                     \
        if (FAST(rm)) {                                                 \
            v = hf_##sgn##64_to_f32_st(conv);                           \
        } else {                                                        \
            unsigned fl = 0;                                            \
            fp_slow_begin(r);                                           \
            v = hf_##sgn##64_to_f32(conv, rm, &fl);                     \
            fp_slow_end(r, fl);                                         \
        }                                                               \
        FR[RD] = BOX(v);                                                \
        FP_DONE(0);                                                     \
    }                                                                   \
    HANDLER(fcvt_d_##name)                                              \
    {                                                                   \
        FP_ON();                                                        \
        FP_RM();                                                        \
        uint64_t x = XR[RS1], v;                                        \
        if (FAST(rm)) {                                                 \
            v = hf_##sgn##64_to_f64_st(conv);                           \
        } else {                                                        \
            unsigned fl = 0;                                            \
            fp_slow_begin(r);                                           \
            v = hf_##sgn##64_to_f64(conv, rm, &fl);                     \
            fp_slow_end(r, fl);                                         \
        }                                                               \
        FR[RD] = v;                                                     \
        FP_DONE(0);                                                     \
    }
CVT_FI(w, i, (int64_t)(int32_t)x)
CVT_FI(wu, u, (uint64_t)(uint32_t)x)
CVT_FI(l, i, (int64_t)x)
CVT_FI(lu, u, x)

HANDLER(fcvt_s_d)
{
    FP_ON();
    FP_RM();
    uint64_t a = FR[RS1];
    uint32_t v;
    if (FAST(rm)) {
        v = hf_f64_to_f32_st(a);
    } else {
        unsigned fl = 0;
        fp_slow_begin(r);
        v = hf_f64_to_f32(a, rm, &fl);
        fp_slow_end(r, fl);
    }
    FR[RD] = BOX(cs(v));
    FP_DONE(0);
}
HANDLER(fcvt_d_s)
{
    FP_ON();
    FP_RM();
    unsigned fl = 0;
    FR[RD] = cd(hf_f32_to_f64(unbox(FR[RS1]), &fl));
    FP_DONE(fl);
}
