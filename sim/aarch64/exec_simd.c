/* aarch64 Advanced SIMD.  Handlers loop over lanes; the decoder fills
 *   RD RN RM RA   registers          OPT  element size (log2 bytes)
 *   SH            shift / index      X1   second half (the "2" forms)
 *   X2            operation variant  NL   lanes (1 for scalar forms)
 *   IMM, IMM2     immediates
 * Results are built in a zeroed temporary, so the upper half of a 64-bit
 * vector result and the rest of a scalar result read as zero. */
#include "fpu.h"
#include "exec_simd.h"

#define VR(r) (s->v[r])
#define VDEF(name) H(name)

static inline uint64_t lane(const a64_vreg *v, unsigned sz, unsigned i)
{
    switch (sz) {
    case 0: return v->b[i];
    case 1: return v->h[i];
    case 2: return v->s[i];
    default: return v->d[i];
    }
}
static inline int64_t slane(const a64_vreg *v, unsigned sz, unsigned i)
{
    switch (sz) {
    case 0: return v->sb[i];
    case 1: return v->sh[i];
    case 2: return v->ss[i];
    default: return v->sd[i];
    }
}
static inline void setlane(a64_vreg *v, unsigned sz, unsigned i, uint64_t x)
{
    switch (sz) {
    case 0: v->b[i] = (uint8_t)x; break;
    case 1: v->h[i] = (uint16_t)x; break;
    case 2: v->s[i] = (uint32_t)x; break;
    default: v->d[i] = x; break;
    }
}
/* Run EXPR over the lanes with a, sa (and b, sb) bound to the lane's
 * unsigned/signed value and mk to the lane mask; one tight loop per size. */
#define LOOP1(f, sf, T, MK, EXPR)                                              \
    for (unsigned i = 0; i < nl; i++) {                                        \
        uint64_t a = n.f[i], mk = MK; int64_t sa = n.sf[i];                    \
        (void)a; (void)sa; (void)mk;                                           \
        r.f[i] = (T)(EXPR);                                                    \
    }
#define LANES1(EXPR) do { switch (sz) {                                        \
    case 0: LOOP1(b, sb, uint8_t, 0xffull, EXPR) break;                        \
    case 1: LOOP1(h, sh, uint16_t, 0xffffull, EXPR) break;                     \
    case 2: LOOP1(s, ss, uint32_t, 0xffffffffull, EXPR) break;                 \
    default: LOOP1(d, sd, uint64_t, ~0ull, EXPR) break; } } while (0)
#define LOOP2(f, sf, T, MK, EXPR)                                              \
    for (unsigned i = 0; i < nl; i++) {                                        \
        uint64_t a = n.f[i], b = m.f[i], mk = MK; int64_t sa = n.sf[i], sb = m.sf[i]; \
        (void)a; (void)sa; (void)b; (void)sb; (void)mk;                        \
        r.f[i] = (T)(EXPR);                                                    \
    }
#define LANES2(EXPR) do { switch (sz) {                                        \
    case 0: LOOP2(b, sb, uint8_t, 0xffull, EXPR) break;                        \
    case 1: LOOP2(h, sh, uint16_t, 0xffffull, EXPR) break;                     \
    case 2: LOOP2(s, ss, uint32_t, 0xffffffffull, EXPR) break;                 \
    default: LOOP2(d, sd, uint64_t, ~0ull, EXPR) break; } } while (0)

static inline uint64_t emask(unsigned sz) { return sz == 3 ? ~0ull : (1ull << (8 << sz)) - 1; }
static inline int64_t smax_of(unsigned sz) { return (int64_t)(emask(sz) >> 1); }
static inline int64_t smin_of(unsigned sz) { return -smax_of(sz) - 1; }

/* ---- bitwise ---- */
VDEF(v_logic)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), m = VR(RM(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned k = NL(d) == 16 ? 2 : 1;
    for (unsigned i = 0; i < k; i++) {
        uint64_t a = n.d[i], b = m.d[i], x = t.d[i], v;
        switch (X2(d)) {
        case 0: v = a & b; break;
        case 1: v = a & ~b; break;
        case 2: v = a | b; break;
        case 3: v = a | ~b; break;
        case 4: v = a ^ b; break;
        case 5: v = (x & a) | (~x & b); break;            /* bsl */
        case 6: v = (x & ~b) | (a & b); break;            /* bit */
        default: v = (x & b) | (a & ~b); break;           /* bif */
        }
        r.d[i] = v;
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* the common bitwise forms, without the variant switch */
#define VLOG(name, EXPR)                                                       \
    VDEF(name)                                                                 \
    {                                                                          \
        struct a64_cpu *s = A(c);                                              \
        unsigned __int128 a = VR(RN(d)).q, b = VR(RM(d)).q;                    \
        unsigned __int128 r = (EXPR);                                          \
        if (NL(d) != 16)                                                       \
            r = (uint64_t)r;                                                   \
        VR(RD(d)).q = r;                                                       \
        CPU_NEXT(c, d);                                                          \
    }
VLOG(v_and, a & b)
VLOG(v_orr, a | b)
VLOG(v_eor, a ^ b)
VLOG(v_bic, a & ~b)

/* compares against zero and between registers, one handler per element
 * size: string routines and vectorised loops run these constantly */
#define VCMP0(name, f, T)                                                      \
    VDEF(name)                                                                 \
    {                                                                          \
        struct a64_cpu *s = A(c);                                              \
        a64_vreg n = VR(RN(d)), r = { .q = 0 };                                \
        for (unsigned i = 0; i < NL(d); i++)                                   \
            r.f[i] = n.f[i] == 0 ? (T)~(T)0 : 0;                               \
        VR(RD(d)) = r;                                                         \
        CPU_NEXT(c, d);                                                        \
    }
VCMP0(v_cmeq0_b, b, uint8_t)
VCMP0(v_cmeq0_h, h, uint16_t)
VCMP0(v_cmeq0_s, s, uint32_t)
VCMP0(v_cmeq0_d, d, uint64_t)
#define VCMPEQ(name, f, T)                                                     \
    VDEF(name)                                                                 \
    {                                                                          \
        struct a64_cpu *s = A(c);                                              \
        a64_vreg n = VR(RN(d)), m = VR(RM(d)), r = { .q = 0 };                 \
        for (unsigned i = 0; i < NL(d); i++)                                   \
            r.f[i] = n.f[i] == m.f[i] ? (T)~(T)0 : 0;                          \
        VR(RD(d)) = r;                                                         \
        CPU_NEXT(c, d);                                                        \
    }
VCMPEQ(v_cmeq_b, b, uint8_t)
VCMPEQ(v_cmeq_h, h, uint16_t)
VCMPEQ(v_cmeq_s, s, uint32_t)
VCMPEQ(v_cmeq_d, d, uint64_t)

/* ---- integer three-same ---- */
static uint64_t sat_s(int64_t v, unsigned sz, struct a64_cpu *s)
{
    if (v > smax_of(sz)) { s->fpsr |= FPSR_QC; return (uint64_t)smax_of(sz); }
    if (v < smin_of(sz)) { s->fpsr |= FPSR_QC; return (uint64_t)smin_of(sz); }
    return (uint64_t)v;
}

/* saturate a wide signed/unsigned value to the element (QC on change) */
static uint64_t sat_u(unsigned __int128 v, unsigned sz, struct a64_cpu *s)
{
    uint64_t mk = emask(sz);
    if (v > mk) { s->fpsr |= FPSR_QC; return mk; }
    return (uint64_t)v;
}
static uint64_t sat_s128(__int128 v, unsigned sz, struct a64_cpu *s)
{
    __int128 mx = smax_of(sz), mn = -mx - 1;
    if (v > mx) { s->fpsr |= FPSR_QC; return (uint64_t)mx; }
    if (v < mn) { s->fpsr |= FPSR_QC; return (uint64_t)mn; }
    return (uint64_t)v;
}
/* rounding shift right by n of a signed/unsigned value, exact */
static __int128 rshr_round(__int128 v, unsigned n)
{
    if (n == 0)
        return v;
    if (n > 100)
        return 0;
    return (v + ((__int128)1 << (n - 1))) >> n;
}
/* shifts by a signed register amount: rounding (SRSHL/URSHL) and
 * saturating (SQSHL/UQSHL) */
static uint64_t shl_reg_round(uint64_t a, int64_t sa, int64_t sb, unsigned sz, bool sgn)
{
    int bits = 8 << sz, sh = (int8_t)sb;
    __int128 v = sgn ? (__int128)sa : (__int128)a;
    if (sh >= 0)
        return sh >= bits ? 0 : (uint64_t)(v << sh);
    return (uint64_t)rshr_round(v, (unsigned)-sh);
}
static uint64_t shl_reg_sat(struct a64_cpu *s, uint64_t a, int64_t sa, int64_t sb, unsigned sz, bool sgn)
{
    int bits = 8 << sz, sh = (int8_t)sb;
    if (sh < 0) {
        int n = -sh;
        if (sgn)
            return (uint64_t)(n >= bits ? (sa < 0 ? -1 : 0) : sa >> n);
        return n >= bits ? 0 : a >> n;
    }
    if (sgn) {
        if (sa == 0)
            return 0;
        if (sh >= bits)
            return sat_s128(sa < 0 ? -((__int128)1 << 100) : ((__int128)1 << 100), sz, s);
        return sat_s128((__int128)sa << sh, sz, s);
    }
    if (a == 0)
        return 0;
    if (sh >= bits)
        return sat_u(~(unsigned __int128)0, sz, s);
    return sat_u((unsigned __int128)a << sh, sz, s);
}

static uint64_t shl_reg(uint64_t a, int64_t sa, unsigned sz, bool sgn)
{
    int bits = 8 << sz;
    int sh = (int8_t)sa;
    if (sh >= 0)
        return sh >= bits ? 0 : a << sh;
    sh = -sh;
    if (sgn) {
        int64_t x = (int64_t)(a << (64 - bits)) >> (64 - bits);
        return (uint64_t)(sh >= bits ? (x < 0 ? -1 : 0) : x >> sh);
    }
    return sh >= bits ? 0 : a >> sh;
}

VDEF(v_int3)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), m = VR(RM(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d);
    switch (X2(d)) {
    case V_ADD: LANES2(a + b); break;
    case V_SUB: LANES2(a - b); break;
    case V_MUL: LANES2(a * b); break;
    case V_CMEQ: LANES2(a == b ? mk : 0); break;
    case V_CMTST: LANES2((a & b) ? mk : 0); break;
    case V_CMGT: LANES2(sa > sb ? mk : 0); break;
    case V_CMGE: LANES2(sa >= sb ? mk : 0); break;
    case V_CMHI: LANES2(a > b ? mk : 0); break;
    case V_CMHS: LANES2(a >= b ? mk : 0); break;
    case V_UMAX: LANES2(a > b ? a : b); break;
    case V_UMIN: LANES2(a < b ? a : b); break;
    case V_SMAX: LANES2(sa > sb ? sa : sb); break;
    case V_SMIN: LANES2(sa < sb ? sa : sb); break;
    default:
        for (unsigned i = 0; i < nl; i++) {
            uint64_t a = lane(&n, sz, i), b = lane(&m, sz, i), v, mk = emask(sz);
            int64_t sa = slane(&n, sz, i), sb = slane(&m, sz, i);
            switch (X2(d)) {
            case V_MLA: v = lane(&t, sz, i) + a * b; break;
            case V_MLS: v = lane(&t, sz, i) - a * b; break;
            case V_USHL: v = shl_reg(a, sb, sz, false); break;
            case V_SSHL: v = shl_reg(a, sb, sz, true); break;
            case V_UHADD: v = (a + b) >> 1; break;
            case V_SHADD: v = (uint64_t)((sa + sb) >> 1); break;
            case V_URHADD: v = (a + b + 1) >> 1; break;
            case V_UABD: v = a > b ? a - b : b - a; break;
            case V_SABD: v = (uint64_t)(sa > sb ? sa - sb : sb - sa); break;
            case V_UQADD: {
                unsigned __int128 x = (unsigned __int128)a + b;
                if (x > mk) { s->fpsr |= FPSR_QC; x = mk; }
                v = (uint64_t)x;
                break;
            }
            case V_UQSUB:
                if (a < b) { s->fpsr |= FPSR_QC; v = 0; } else v = a - b;
                break;
            case V_SQADD:
                if (sz == 3) {
                    int64_t x;
                    if (__builtin_add_overflow(sa, sb, &x)) { s->fpsr |= FPSR_QC; x = sa < 0 ? INT64_MIN : INT64_MAX; }
                    v = (uint64_t)x;
                } else
                    v = sat_s(sa + sb, sz, s);
                break;
            case V_SHSUB: v = (uint64_t)((sa - sb) >> 1); break;
            case V_UHSUB: v = (uint64_t)(((int64_t)a - (int64_t)b) >> 1); break;
            case V_SRHADD: v = (uint64_t)((sa + sb + 1) >> 1); break;
            case V_SABA: v = lane(&t, sz, i) + (uint64_t)(sa > sb ? sa - sb : sb - sa); break;
            case V_UABA: v = lane(&t, sz, i) + (a > b ? a - b : b - a); break;
            case V_SQDMULH: v = sat_s128(((__int128)2 * sa * sb) >> (8 << sz), sz, s); break;
            case V_SQRDMULH: v = sat_s128(((__int128)2 * sa * sb + ((__int128)1 << ((8 << sz) - 1))) >> (8 << sz), sz, s); break;
            case V_SRSHL: v = shl_reg_round(a, sa, sb, sz, true); break;
            case V_URSHL: v = shl_reg_round(a, sa, sb, sz, false); break;
            case V_SQSHL: v = shl_reg_sat(s, a, sa, sb, sz, true); break;
            case V_UQSHL: v = shl_reg_sat(s, a, sa, sb, sz, false); break;
            case V_SQSUB:
                if (sz == 3) {
                    int64_t x;
                    if (__builtin_sub_overflow(sa, sb, &x)) { s->fpsr |= FPSR_QC; x = sa < 0 ? INT64_MIN : INT64_MAX; }
                    v = (uint64_t)x;
                } else
                    v = sat_s(sa - sb, sz, s);
                break;
            default: v = 0; break;
            }
            setlane(&r, sz, i, v);
        }
        break;
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* pairwise: the pairs of n then of m */
VDEF(v_pair)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), m = VR(RM(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), half = nl / 2;
    for (unsigned i = 0; i < nl; i++) {
        const a64_vreg *src = i < half ? &n : &m;
        unsigned j = (i % half) * 2;
        if (half == 0) {        /* scalar addp: one pair of n */
            src = &n;
            j = 0;
        }
        uint64_t a = lane(src, sz, j), b = lane(src, sz, j + 1), v;
        int64_t sa = slane(src, sz, j), sb = slane(src, sz, j + 1);
        switch (X2(d)) {
        case P_ADDP: v = a + b; break;
        case P_UMAXP: v = a > b ? a : b; break;
        case P_UMINP: v = a < b ? a : b; break;
        case P_SMAXP: v = (uint64_t)(sa > sb ? sa : sb); break;
        default: v = (uint64_t)(sa < sb ? sa : sb); break;
        }
        setlane(&r, sz, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ---- two-register misc ---- */
VDEF(v_misc)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d);
    switch (X2(d)) {
    case M_REV64: case M_REV32: case M_REV16: {
        unsigned gbytes = X2(d) == M_REV64 ? 8 : X2(d) == M_REV32 ? 4 : 2;
        unsigned per = gbytes >> sz, nbytes = nl << sz;
        for (unsigned i = 0; i < nbytes >> sz; i++) {
            unsigned g = i / per, k = i % per;
            setlane(&r, sz, i, lane(&n, sz, g * per + (per - 1 - k)));
        }
        VR(RD(d)) = r;
        CPU_NEXT(c, d);
    }
    default:
        break;
    }
    switch (X2(d)) {
    case M_CNT: LANES1(__builtin_popcountll(a)); break;
    case M_NOT: LANES1(~a); break;
    case M_CMGT0: LANES1(sa > 0 ? mk : 0); break;
    case M_CMGE0: LANES1(sa >= 0 ? mk : 0); break;
    case M_CMEQ0: LANES1(a == 0 ? mk : 0); break;
    case M_CMLE0: LANES1(sa <= 0 ? mk : 0); break;
    case M_CMLT0: LANES1(sa < 0 ? mk : 0); break;
    case M_ABS: LANES1(sa < 0 ? -sa : sa); break;
    case M_NEG: LANES1(-a); break;
    case M_SQABS:
        for (unsigned i = 0; i < nl; i++) {
            int64_t sa = slane(&n, sz, i);
            setlane(&r, sz, i, sat_s128(sa < 0 ? -(__int128)sa : sa, sz, s));
        }
        break;
    case M_SQNEG:
        for (unsigned i = 0; i < nl; i++)
            setlane(&r, sz, i, sat_s128(-(__int128)slane(&n, sz, i), sz, s));
        break;
    case M_RBIT:
        for (unsigned i = 0; i < nl; i++) {
            uint8_t x = n.b[i], y = 0;
            for (int k = 0; k < 8; k++)
                y |= (uint8_t)(((x >> k) & 1) << (7 - k));
            r.b[i] = y;
        }
        break;
    case M_CLZ: {
        unsigned bits = 8u << sz;
        LANES1(a ? (uint64_t)(__builtin_clzll(a) - (64 - (int)bits)) : bits);
        break;
    }
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* [SU]ADDLP, [SU]ADALP: OPT = source size, X2 = signed | accumulate << 1 */
VDEF(v_addlp)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d);
    bool sg = X2(d) & 1, acc = X2(d) & 2;
    for (unsigned i = 0; i < nl; i++) {
        uint64_t v = sg ? (uint64_t)(slane(&n, sz, 2 * i) + slane(&n, sz, 2 * i + 1))
                        : lane(&n, sz, 2 * i) + lane(&n, sz, 2 * i + 1);
        if (acc)
            v += lane(&t, sz + 1, i);
        setlane(&r, sz + 1, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* XTN/XTN2 (OPT = destination size), SQXTN, UQXTN, SQXTUN (X2) */
VDEF(v_xtn)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = X1(d) ? VR(RD(d)) : (a64_vreg){ .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), base = X1(d) ? nl : 0;
    uint64_t mk = emask(sz);
    if (X1(d))
        r.d[1] = 0;
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a = lane(&n, sz + 1, i), v = a & mk;
        int64_t sa = slane(&n, sz + 1, i);
        switch (X2(d)) {
        case 1: v = sat_s(sa, sz, s) & mk; break;                         /* sqxtn */
        case 2: if (a > mk) { s->fpsr |= FPSR_QC; v = mk; } break;       /* uqxtn */
        case 3:                                                           /* sqxtun */
            if (sa < 0) { s->fpsr |= FPSR_QC; v = 0; }
            else if ((uint64_t)sa > mk) { s->fpsr |= FPSR_QC; v = mk; }
            break;
        }
        setlane(&r, sz, base + i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ---- across lanes ---- */
VDEF(v_across)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d);
    uint64_t acc = lane(&n, sz, 0);
    int64_t sacc = slane(&n, sz, 0);
    for (unsigned i = 1; i < nl; i++) {
        uint64_t a = lane(&n, sz, i);
        int64_t sa = slane(&n, sz, i);
        switch (X2(d)) {
        case A_ADDV: acc += a; break;
        case A_UMAXV: if (a > acc) acc = a; break;
        case A_UMINV: if (a < acc) acc = a; break;
        case A_SMAXV: if (sa > sacc) sacc = sa; break;
        case A_SMINV: if (sa < sacc) sacc = sa; break;
        case A_UADDLV: acc += a; break;
        case A_SADDLV: sacc += sa; break;
        }
    }
    switch (X2(d)) {
    case A_SMAXV: case A_SMINV: setlane(&r, sz, 0, (uint64_t)sacc); break;
    case A_UADDLV: setlane(&r, sz + 1, 0, acc); break;
    case A_SADDLV: setlane(&r, sz + 1, 0, (uint64_t)sacc); break;
    default: setlane(&r, sz, 0, acc); break;
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* FMAXNMV/FMAXV/FMINNMV/FMINV: X2 = min << 1 | !nm; Arm's Reduce()
 * pairs (0,1) and (2,3), then the two results */
VDEF(v_fpacross)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = { .q = 0 };
    bool max = !(X2(d) & 2), nm = !(X2(d) & 1);
    uint64_t a = a64_fmax(s, 32, n.s[0], n.s[1], max, nm);
    uint64_t b = a64_fmax(s, 32, n.s[2], n.s[3], max, nm);
    r.s[0] = (uint32_t)a64_fmax(s, 32, a, b, max, nm);
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ---- copy ---- */
VDEF(v_dup_elt)
{
    struct a64_cpu *s = A(c);
    a64_vreg r = { .q = 0 };
    uint64_t x = lane(&VR(RN(d)), OPT(d), SH(d));
    for (unsigned i = 0; i < NL(d); i++)
        setlane(&r, OPT(d), i, x);
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}
VDEF(v_dup_gen)
{
    struct a64_cpu *s = A(c);
    a64_vreg r = { .q = 0 };
    uint64_t x = s->x[RN(d)];
    static const uint64_t rep[4] = { 0x0101010101010101ull, 0x0001000100010001ull, 0x0000000100000001ull, 1 };
    x = (x & emask(OPT(d))) * rep[OPT(d)];
    r.d[0] = x;
    if (NL(d) << OPT(d) == 16)
        r.d[1] = x;
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}
VDEF(v_ins_gen) { struct a64_cpu *s = A(c); setlane(&VR(RD(d)), OPT(d), SH(d), s->x[RN(d)]); CPU_NEXT(c, d); }
VDEF(v_ins_elt)
{
    struct a64_cpu *s = A(c);
    setlane(&VR(RD(d)), OPT(d), SH(d), lane(&VR(RN(d)), OPT(d), X2(d)));
    CPU_NEXT(c, d);
}
VDEF(v_umov) { struct a64_cpu *s = A(c); s->x[RD(d)] = lane(&VR(RN(d)), OPT(d), SH(d)); CPU_NEXT(c, d); }
/* X2 = 1: 32-bit destination */
VDEF(v_smov)
{
    struct a64_cpu *s = A(c);
    int64_t v = slane(&VR(RN(d)), OPT(d), SH(d));
    s->x[RD(d)] = X2(d) ? (uint32_t)v : (uint64_t)v;
    CPU_NEXT(c, d);
}

/* ---- permute ---- */
VDEF(v_perm)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), m = VR(RM(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), half = nl / 2;
    for (unsigned i = 0; i < nl; i++) {
        uint64_t v;
        switch (X2(d)) {
        case Q_UZP1: case Q_UZP2: {
            unsigned k = 2 * i + (X2(d) == Q_UZP2);
            v = k < nl ? lane(&n, sz, k) : lane(&m, sz, k - nl);
            break;
        }
        case Q_ZIP1: case Q_ZIP2: {
            unsigned k = i / 2 + (X2(d) == Q_ZIP2 ? half : 0);
            v = (i & 1) ? lane(&m, sz, k) : lane(&n, sz, k);
            break;
        }
        default: {   /* TRN1/TRN2 */
            unsigned k = (i & ~1u) + (X2(d) == Q_TRN2);
            v = (i & 1) ? lane(&m, sz, k) : lane(&n, sz, k);
            break;
        }
        }
        setlane(&r, sz, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

VDEF(v_ext)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), m = VR(RM(d)), r = { .q = 0 };
    unsigned nb = NL(d), pos = SH(d);
    if (nb == 16) {
        r.q = pos ? (n.q >> (8 * pos)) | (m.q << (8 * (16 - pos))) : n.q;
        VR(RD(d)) = r;
        CPU_NEXT(c, d);
    }
    for (unsigned i = 0; i < nb; i++) {
        unsigned k = pos + i;
        r.b[i] = k < nb ? n.b[k] : m.b[k - nb];
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* TBL/TBX: X2 = table registers, SH = 1 for TBX */
VDEF(v_tbl)
{
    struct a64_cpu *s = A(c);
    uint8_t tab[64];
    unsigned nt = X2(d);
    for (unsigned k = 0; k < nt; k++)
        memcpy(tab + 16 * k, &VR((RN(d) + k) & 31), 16);
    a64_vreg idx = VR(RM(d)), r = SH(d) ? VR(RD(d)) : (a64_vreg){ .q = 0 };
    for (unsigned i = 0; i < NL(d); i++) {
        unsigned k = idx.b[i];
        if (k < 16 * nt)
            r.b[i] = tab[k];
        else if (!SH(d))
            r.b[i] = 0;
    }
    if (NL(d) == 8)
        r.d[1] = 0;
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ---- three different (long/wide): OPT = narrow size, X1 = upper half,
 * SH = signed ---- */
VDEF(v_long3)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), m = VR(RM(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), off = X1(d) ? nl : 0;
    bool sg = SH(d);
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a, b;
        bool wide = X2(d) == L_ADDW || X2(d) == L_SUBW;
        if (wide)
            a = lane(&n, sz + 1, i);
        else
            a = sg ? (uint64_t)slane(&n, sz, off + i) : lane(&n, sz, off + i);
        b = sg ? (uint64_t)slane(&m, sz, off + i) : lane(&m, sz, off + i);
        uint64_t acc = lane(&t, sz + 1, i), v;
        switch (X2(d)) {
        case L_ADDL: case L_ADDW: v = a + b; break;
        case L_SUBL: case L_SUBW: v = a - b; break;
        case L_MULL: v = a * b; break;
        case L_MLAL: v = acc + a * b; break;
        case L_MLSL: v = acc - a * b; break;
        case L_ABDL: v = sg ? (uint64_t)((int64_t)a > (int64_t)b ? (int64_t)(a - b) : (int64_t)(b - a))
                            : (a > b ? a - b : b - a); break;
        case L_ABAL: v = acc + (sg ? (uint64_t)((int64_t)a > (int64_t)b ? (int64_t)(a - b) : (int64_t)(b - a))
                                   : (a > b ? a - b : b - a)); break;
        case L_SQDMULL: v = sat_s128((__int128)2 * (int64_t)a * (int64_t)b, sz + 1, s); break;
        case L_SQDMLAL: {
            uint64_t p = sat_s128((__int128)2 * (int64_t)a * (int64_t)b, sz + 1, s);
            int64_t w = sz + 1 == 3 ? (int64_t)acc : (int64_t)(int32_t)acc;
            int64_t pw = sz + 1 == 3 ? (int64_t)p : (int64_t)(int32_t)p;
            v = sat_s128((__int128)w + pw, sz + 1, s);
            break;
        }
        case L_SQDMLSL: {
            uint64_t p = sat_s128((__int128)2 * (int64_t)a * (int64_t)b, sz + 1, s);
            int64_t w = sz + 1 == 3 ? (int64_t)acc : (int64_t)(int32_t)acc;
            int64_t pw = sz + 1 == 3 ? (int64_t)p : (int64_t)(int32_t)p;
            v = sat_s128((__int128)w - pw, sz + 1, s);
            break;
        }
        default: v = 0; break;
        }
        setlane(&r, sz + 1, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ADDHN/RADDHN/SUBHN/RSUBHN(2): OPT = narrow size, X2 = sub<<1 | round */
VDEF(v_addhn)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), m = VR(RM(d)), r = X1(d) ? VR(RD(d)) : (a64_vreg){ .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), base = X1(d) ? nl : 0, bits = 8u << sz;
    if (X1(d))
        r.d[1] = 0;
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a = lane(&n, sz + 1, i), b = lane(&m, sz + 1, i);
        uint64_t v = (X2(d) & 2) ? a - b : a + b;
        if (X2(d) & 1)
            v += 1ull << (bits - 1);
        setlane(&r, sz, base + i, v >> bits);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ---- modified immediate: IMM = the 64-bit pattern ---- */
VDEF(v_movi)
{
    struct a64_cpu *s = A(c);
    a64_vreg r = { .q = 0 };
    r.d[0] = (uint64_t)IMM(d);
    if (NL(d) == 16)
        r.d[1] = (uint64_t)IMM(d);
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}
VDEF(v_orri)
{
    struct a64_cpu *s = A(c);
    a64_vreg r = VR(RD(d));
    r.d[0] |= (uint64_t)IMM(d);
    r.d[1] = NL(d) == 16 ? r.d[1] | (uint64_t)IMM(d) : 0;
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}
VDEF(v_bici)
{
    struct a64_cpu *s = A(c);
    a64_vreg r = VR(RD(d));
    r.d[0] &= ~(uint64_t)IMM(d);
    r.d[1] = NL(d) == 16 ? r.d[1] & ~(uint64_t)IMM(d) : 0;
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ---- shift by immediate: SH = amount ---- */
VDEF(v_shift)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), sh = SH(d), bits = 8u << sz;
    uint64_t mk = emask(sz);
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a = lane(&n, sz, i), v;
        int64_t sa = slane(&n, sz, i);
        uint64_t ur = sh >= 64 ? 0 : a >> sh;
        int64_t sr = sa >> (sh >= 64 ? 63 : sh);
        switch (X2(d)) {
        case S_SHL: v = a << sh; break;
        case S_USHR: v = sh >= bits ? 0 : ur; break;
        case S_SSHR: v = (uint64_t)sr; break;
        case S_USRA: v = lane(&t, sz, i) + (sh >= bits ? 0 : ur); break;
        case S_SSRA: v = lane(&t, sz, i) + (uint64_t)sr; break;
        case S_URSHR: v = sh >= bits ? (sh == bits ? (a >> (bits - 1)) & 1 : 0)
                                     : (uint64_t)(((unsigned __int128)a + (1ull << (sh - 1))) >> sh); break;
        case S_SRSHR: v = (uint64_t)rshr_round(sa, sh); break;
        case S_URSRA: v = lane(&t, sz, i) + (uint64_t)rshr_round(a, sh); break;
        case S_SRSRA: v = lane(&t, sz, i) + (uint64_t)rshr_round(sa, sh); break;
        case S_SQSHL: v = sa ? sat_s128((__int128)sa << sh, sz, s) : 0; break;
        case S_UQSHL: v = a ? sat_u((unsigned __int128)a << sh, sz, s) : 0; break;
        case S_SQSHLU: v = sa < 0 ? (s->fpsr |= FPSR_QC, 0) : sa ? sat_u((unsigned __int128)sa << sh, sz, s) : 0; break;
        case S_SRI: {
            uint64_t m = sh >= bits ? 0 : mk >> sh;
            v = (lane(&t, sz, i) & ~m) | (sh >= bits ? 0 : ur);
            break;
        }
        case S_SLI: {
            uint64_t m = (mk << sh) & mk;
            v = (lane(&t, sz, i) & ~m) | ((a << sh) & m);
            break;
        }
        default: v = 0; break;
        }
        setlane(&r, sz, i, v & mk);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* USHLL/SSHLL(2): OPT = source size, X1 = upper half, X2 = signed */
VDEF(v_shll)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), off = X1(d) ? nl : 0;
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a = X2(d) ? (uint64_t)slane(&n, sz, off + i) : lane(&n, sz, off + i);
        setlane(&r, sz + 1, i, a << SH(d));
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* SHRN/RSHRN(2): OPT = destination size, X1 = upper half, X2 = round */
VDEF(v_shrn)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = X1(d) ? VR(RD(d)) : (a64_vreg){ .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), base = X1(d) ? nl : 0, sh = SH(d);
    if (X1(d))
        r.d[1] = 0;
    unsigned kind = X2(d) >> 1;
    for (unsigned i = 0; i < nl; i++) {
        __int128 a = kind == 1 || kind == 3 ? (__int128)slane(&n, sz + 1, i) : (__int128)lane(&n, sz + 1, i);
        if (X2(d) & 1)
            a += (__int128)1 << (sh - 1);
        a >>= sh;
        uint64_t v;
        switch (kind) {
        case 1: v = sat_s128(a, sz, s); break;
        case 2: v = sat_u((unsigned __int128)a, sz, s); break;
        case 3: v = a < 0 ? (s->fpsr |= FPSR_QC, 0) : sat_u((unsigned __int128)a, sz, s); break;
        default: v = (uint64_t)a; break;
        }
        setlane(&r, sz, base + i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ---- FP vector: OPT = 2 (single) or 3 (double) ---- */
VDEF(v_fp3)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), m = VR(RM(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), b = 8u << sz;
    uint64_t mk = emask(sz), sign = 1ull << (b - 1);
    for (unsigned i = 0; i < nl; i++) {
        uint64_t x, y, v;
        if (X2(d) >= F_ADDP && X2(d) <= F_MINNMP) {
            unsigned half = nl / 2, j = half ? (i % half) * 2 : 0;
            const a64_vreg *src = (half && i >= half) ? &m : &n;
            x = lane(src, sz, j);
            y = lane(src, sz, j + 1);
        } else {
            x = lane(&n, sz, i);
            y = lane(&m, sz, i);
        }
        switch (X2(d)) {
        case F_ADD: case F_ADDP: v = a64_fadd(s, b, x, y); break;
        case F_SUB: v = a64_fsub(s, b, x, y); break;
        case F_MUL: v = a64_fmul(s, b, x, y); break;
        case F_DIV: v = a64_fdiv(s, b, x, y); break;
        case F_MAX: case F_MAXP: v = a64_fmax(s, b, x, y, true, false); break;
        case F_MIN: case F_MINP: v = a64_fmax(s, b, x, y, false, false); break;
        case F_MAXNM: case F_MAXNMP: v = a64_fmax(s, b, x, y, true, true); break;
        case F_MINNM: case F_MINNMP: v = a64_fmax(s, b, x, y, false, true); break;
        case F_MLA: v = a64_fmuladd(s, b, lane(&t, sz, i), x, y); break;
        case F_MLS: v = a64_fmuladd(s, b, lane(&t, sz, i), x ^ sign, y); break;
        case F_CMEQ: v = a64_fcmp_op(s, b, x, y, 0) ? mk : 0; break;
        case F_CMGE: v = a64_fcmp_op(s, b, x, y, 1) ? mk : 0; break;
        case F_CMGT: v = a64_fcmp_op(s, b, x, y, 2) ? mk : 0; break;
        case F_ACGE: v = a64_fcmp_op(s, b, x & ~sign, y & ~sign, 1) ? mk : 0; break;
        case F_ACGT: v = a64_fcmp_op(s, b, x & ~sign, y & ~sign, 2) ? mk : 0; break;
        case F_ABD: v = a64_fsub(s, b, x, y) & ~sign; break;
        case F_MULX: case F_RECPS: case F_RSQRTS: v = a64_fstep(s, b, x, y, X2(d) - F_MULX); break;
        default: v = 0; break;
        }
        setlane(&r, sz, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* FP two-register misc: X2 op, SH = rounding for conversions/rint
 * (5 = FPCR), OPT = size */
VDEF(v_fpmisc)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), b = 8u << sz;
    uint64_t mk = emask(sz), sign = 1ull << (b - 1);
    enum hf_rm rm = SH(d) == 5 ? a64_rm(s) : (enum hf_rm)SH(d);
    for (unsigned i = 0; i < nl; i++) {
        uint64_t x = lane(&n, sz, i), v;
        switch (X2(d)) {
        case G_ABS: v = x & ~sign; break;
        case G_NEG: v = x ^ sign; break;
        case G_SQRT: v = a64_fsqrt(s, b, x); break;
        case G_CVTS: v = a64_f2int(s, b, x, rm, true, b, 0); break;
        case G_CVTU: v = a64_f2int(s, b, x, rm, false, b, 0); break;
        case G_SCVTF: v = a64_int2f(s, b, x, true, b); break;
        case G_UCVTF: v = a64_int2f(s, b, x, false, b); break;
        case G_RINT: v = a64_fround(s, b, x, rm, false); break;
        case G_RINTX: v = a64_fround(s, b, x, rm, true); break;
        case G_CMEQ0: v = a64_fcmp_op(s, b, x, 0, 0) ? mk : 0; break;
        case G_CMGE0: v = a64_fcmp_op(s, b, x, 0, 1) ? mk : 0; break;
        case G_CMGT0: v = a64_fcmp_op(s, b, x, 0, 2) ? mk : 0; break;
        case G_CMLE0: v = a64_fcmp_op(s, b, 0, x, 1) ? mk : 0; break;
        case G_CMLT0: v = a64_fcmp_op(s, b, 0, x, 2) ? mk : 0; break;
        default: v = 0; break;
        }
        setlane(&r, sz, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* fixed-point conversions: X2 = 0 scvtf, 1 ucvtf, 2 fcvtzs, 3 fcvtzu;
 * SH = fraction bits */
VDEF(v_fpfixed)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), b = 8u << sz, fb = SH(d);
    for (unsigned i = 0; i < nl; i++) {
        uint64_t x = lane(&n, sz, i), v;
        if (X2(d) >= 2) {
            v = a64_f2int(s, b, x, HF_RTZ, X2(d) == 2, b, fb);
        } else {
            unsigned fl = 0;
            v = a64_int2f(s, b, x, X2(d) == 0, b);
            if (b == 64)
                v = hf_div64(v, (uint64_t)(1023 + fb) << 52, a64_rm(s), &fl);
            else
                v = hf_div32((uint32_t)v, (uint32_t)(127 + fb) << 23, a64_rm(s), &fl);
            a64_fpflags(s, fl);
        }
        setlane(&r, sz, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* FCVTL/FCVTN(2) between single and double: OPT = destination size */
VDEF(v_fcvtl)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = { .q = 0 };
    if (OPT(d) == 3) {
        unsigned off = X1(d) ? 2 : 0;
        for (unsigned i = 0; i < 2; i++)
            r.d[i] = a64_fcvt(s, 32, 64, n.s[off + i]);
    } else {
        unsigned off = X1(d) ? 4 : 0;
        for (unsigned i = 0; i < 4; i++)
            r.s[i] = (uint32_t)a64_fcvt(s, 16, 32, n.h[off + i]);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}
VDEF(v_fcvtn)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), r = X1(d) ? VR(RD(d)) : (a64_vreg){ .q = 0 };
    if (OPT(d) == 3) {
        unsigned off = X1(d) ? 2 : 0;
        for (unsigned i = 0; i < 2; i++)
            r.s[off + i] = (uint32_t)a64_fcvt(s, 64, 32, n.d[i]);
    } else {
        unsigned off = X1(d) ? 4 : 0;
        for (unsigned i = 0; i < 4; i++)
            r.h[off + i] = (uint16_t)a64_fcvt(s, 32, 16, n.s[i]);
    }
    if (!X1(d))
        r.d[1] = 0;
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* FP by element (FMUL/FMLA/FMLS): SH = index, X2 = 0 mul, 1 mla, 2 mls */
VDEF(v_fpelt)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), b = 8u << sz;
    uint64_t y = lane(&VR(RM(d)), sz, SH(d)), sign = 1ull << (b - 1);
    for (unsigned i = 0; i < nl; i++) {
        uint64_t x = lane(&n, sz, i), v;
        switch (X2(d)) {
        case 0: v = a64_fmul(s, b, x, y); break;
        case 1: v = a64_fmuladd(s, b, lane(&t, sz, i), x, y); break;
        default: v = a64_fmuladd(s, b, lane(&t, sz, i), x ^ sign, y); break;
        }
        setlane(&r, sz, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* [SU]MULL/[SU]MLAL/[SU]MLSL(2) by element: OPT = narrow size, X1 =
 * upper half, SH = index, IMM = signed */
VDEF(v_longelt)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d), off = X1(d) ? nl : 0;
    bool sg = IMM(d);
    uint64_t b = sg ? (uint64_t)slane(&VR(RM(d)), sz, SH(d)) : lane(&VR(RM(d)), sz, SH(d));
    for (unsigned i = 0; i < nl; i++) {
        uint64_t a = sg ? (uint64_t)slane(&n, sz, off + i) : lane(&n, sz, off + i);
        uint64_t acc = lane(&t, sz + 1, i), v;
        switch (X2(d)) {
        case L_MLAL: v = acc + a * b; break;
        case L_MLSL: v = acc - a * b; break;
        default: v = a * b; break;
        }
        setlane(&r, sz + 1, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* integer by element (MUL/MLA/MLS): SH = index, X2 = 0 mul, 1 mla, 2 mls */
VDEF(v_intelt)
{
    struct a64_cpu *s = A(c);
    a64_vreg n = VR(RN(d)), t = VR(RD(d)), r = { .q = 0 };
    unsigned sz = OPT(d), nl = NL(d);
    uint64_t y = lane(&VR(RM(d)), sz, SH(d));
    for (unsigned i = 0; i < nl; i++) {
        uint64_t x = lane(&n, sz, i) * y, v;
        v = X2(d) == 0 ? x : X2(d) == 1 ? lane(&t, sz, i) + x : lane(&t, sz, i) - x;
        setlane(&r, sz, i, v);
    }
    VR(RD(d)) = r;
    CPU_NEXT(c, d);
}

/* ---- structure loads/stores ----
 * multiple: RD = first Vt, RN = base, RM = post-index register (ZR: IMM
 * bytes), OPT = size, NL = lanes per register, SH = registers, X2 =
 * elements per structure, X1 = 1 load, WB = writeback */
VDEF(v_ldst_multi)
{
    struct a64_cpu *s = A(c);
    uint64_t a = s->x[RN(d)];
    unsigned sz = OPT(d), nl = NL(d), selem = X2(d), rpt = SH(d), esz = 1u << sz;
    unsigned nbytes = nl * esz * selem * rpt;
    a64_vreg t[4];
    bool load = X1(d);
    if (load) {
        uint8_t buf[64];
        memcpy(buf, g2h(c, a, nbytes, ACC_READ), nbytes);
        for (unsigned k = 0; k < 4; k++)
            t[k] = (a64_vreg){ .q = 0 };
        unsigned off = 0;
        for (unsigned r = 0; r < rpt; r++)
            for (unsigned e = 0; e < nl; e++)
                for (unsigned k = 0; k < selem; k++) {
                    uint64_t v = 0;
                    memcpy(&v, buf + off, esz);
                    off += esz;
                    setlane(&t[r + k], sz, e, v);
                }
        for (unsigned k = 0; k < rpt * selem; k++)
            VR((RD(d) + k) & 31) = t[k];
    } else {
        uint8_t buf[64];
        unsigned off = 0;
        for (unsigned r = 0; r < rpt; r++)
            for (unsigned e = 0; e < nl; e++)
                for (unsigned k = 0; k < selem; k++) {
                    uint64_t v = lane(&VR((RD(d) + r + k) & 31), sz, e);
                    memcpy(buf + off, &v, esz);
                    off += esz;
                }
        uint8_t *p = g2h(c, a, nbytes, ACC_WRITE);
        if (((a & 4095) + nbytes) > 4096)
            mem_rmw_ptr(c, a + nbytes - 1, 1);
        memcpy(p, buf, nbytes);
    }
    if (WB(d))
        s->x[RN(d)] = a + (RM(d) == A64_ZR ? (uint64_t)IMM(d) : s->x[RM(d)]);
    CPU_NEXT(c, d);
}

/* single structure: SH = lane index, X2 = elements, X1 = load, NL = lanes
 * when replicating (LD1R..LD4R), 0 otherwise */
VDEF(v_ldst_single)
{
    struct a64_cpu *s = A(c);
    uint64_t a = s->x[RN(d)];
    unsigned sz = OPT(d), selem = X2(d), esz = 1u << sz;
    uint8_t buf[32];
    if (X1(d)) {
        memcpy(buf, g2h(c, a, selem * esz, ACC_READ), selem * esz);
        for (unsigned k = 0; k < selem; k++) {
            uint64_t v = 0;
            memcpy(&v, buf + k * esz, esz);
            a64_vreg *dst = &VR((RD(d) + k) & 31);
            if (NL(d)) {
                a64_vreg r = { .q = 0 };
                for (unsigned i = 0; i < NL(d); i++)
                    setlane(&r, sz, i, v);
                *dst = r;
            } else {
                setlane(dst, sz, SH(d), v);
            }
        }
    } else {
        for (unsigned k = 0; k < selem; k++) {
            uint64_t v = lane(&VR((RD(d) + k) & 31), sz, SH(d));
            memcpy(buf + k * esz, &v, esz);
        }
        uint8_t *p = g2h(c, a, selem * esz, ACC_WRITE);
        if (((a & 4095) + selem * esz) > 4096)
            mem_rmw_ptr(c, a + selem * esz - 1, 1);
        memcpy(p, buf, selem * esz);
    }
    if (WB(d))
        s->x[RN(d)] = a + (RM(d) == A64_ZR ? (uint64_t)IMM(d) : s->x[RM(d)]);
    CPU_NEXT(c, d);
}
