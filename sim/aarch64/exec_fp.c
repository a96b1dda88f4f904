/* aarch64 scalar floating point.  FB(d) is the element width (32 or 64);
 * writing a scalar FP register clears the rest of the vector register. */
#include "fpu.h"

#define FB(d) ((d)->a.u8[7])
#define VR(r) (s->v[r])
#define FDEF(name) H(name)
#define S_ struct a64_cpu *s = A(c); unsigned b = FB(d); (void)b;

static inline uint64_t vget(struct a64_cpu *s, unsigned r, unsigned b)
{
    return b == 64 ? s->v[r].d[0] : b == 32 ? s->v[r].s[0] : s->v[r].h[0];
}
static inline void vset(struct a64_cpu *s, unsigned r, unsigned b, uint64_t v)
{
    s->v[r].d[0] = b == 64 ? v : b == 32 ? (uint32_t)v : (uint16_t)v;
    s->v[r].d[1] = 0;
}
#define SIGNB(b) ((b) == 64 ? HF_F64_SIGN : (uint64_t)HF_F32_SIGN)

/* X1: 0 mul, 1 div, 2 add, 3 sub, 4 max, 5 min, 6 maxnm, 7 minnm, 8 nmul */
FDEF(f_fp2)
{
    S_
    uint64_t x = vget(s, RN(d), b), y = vget(s, RM(d), b), r;
    switch (X1(d)) {
    case 0: r = a64_fmul(s, b, x, y); break;
    case 1: r = a64_fdiv(s, b, x, y); break;
    case 2: r = a64_fadd(s, b, x, y); break;
    case 3: r = a64_fsub(s, b, x, y); break;
    case 4: r = a64_fmax(s, b, x, y, true, false); break;
    case 5: r = a64_fmax(s, b, x, y, false, false); break;
    case 6: r = a64_fmax(s, b, x, y, true, true); break;
    case 7: r = a64_fmax(s, b, x, y, false, true); break;
    default: r = a64_fmul(s, b, x, y) ^ SIGNB(b); break;
    }
    vset(s, RD(d), b, r);
    CPU_NEXT(c, d);
}
FDEF(f_fadd) { S_ vset(s, RD(d), b, a64_fadd(s, b, vget(s, RN(d), b), vget(s, RM(d), b))); CPU_NEXT(c, d); }
FDEF(f_fmul) { S_ vset(s, RD(d), b, a64_fmul(s, b, vget(s, RN(d), b), vget(s, RM(d), b))); CPU_NEXT(c, d); }

/* X1 = o1:o0: fmadd, fmsub, fnmadd, fnmsub */
FDEF(f_fp3)
{
    S_
    uint64_t n = vget(s, RN(d), b), m = vget(s, RM(d), b), a = vget(s, RA(d), b);
    unsigned k = X1(d);
    if (k == 1 || k == 2)
        n ^= SIGNB(b);
    if (k >= 2)
        a ^= SIGNB(b);
    vset(s, RD(d), b, a64_fmuladd(s, b, a, n, m));
    CPU_NEXT(c, d);
}

FDEF(f_fmov) { S_ vset(s, RD(d), b, vget(s, RN(d), b)); CPU_NEXT(c, d); }
FDEF(f_fabs) { S_ vset(s, RD(d), b, vget(s, RN(d), b) & ~SIGNB(b)); CPU_NEXT(c, d); }
FDEF(f_fneg) { S_ vset(s, RD(d), b, vget(s, RN(d), b) ^ SIGNB(b)); CPU_NEXT(c, d); }
FDEF(f_fsqrt) { S_ vset(s, RD(d), b, a64_fsqrt(s, b, vget(s, RN(d), b))); CPU_NEXT(c, d); }
/* FB = from, SH = to */
FDEF(f_fcvt) { S_ vset(s, RD(d), SH(d), a64_fcvt(s, b, SH(d), vget(s, RN(d), b))); CPU_NEXT(c, d); }
/* X1 = rounding (hf_rm, 5 = FPCR's), SH = exact */
FDEF(f_frint)
{
    S_
    enum hf_rm rm = X1(d) == 5 ? a64_rm(s) : (enum hf_rm)X1(d);
    vset(s, RD(d), b, a64_fround(s, b, vget(s, RN(d), b), rm, SH(d)));
    CPU_NEXT(c, d);
}

/* X1 = signalling, SH = compare with zero */
FDEF(f_fcmp)
{
    S_
    uint64_t y = SH(d) ? 0 : vget(s, RM(d), b);
    s->nzcv = a64_fcmp(s, b, vget(s, RN(d), b), y, X1(d));
    CPU_NEXT(c, d);
}
/* OPT = cond, SH = nzcv, X1 = signalling */
FDEF(f_fccmp)
{
    S_
    if (a64_cond(s, OPT(d)))
        s->nzcv = a64_fcmp(s, b, vget(s, RN(d), b), vget(s, RM(d), b), X1(d));
    else
        s->nzcv = (uint32_t)SH(d) << 28;
    CPU_NEXT(c, d);
}
FDEF(f_fcsel)
{
    S_
    vset(s, RD(d), b, vget(s, a64_cond(s, OPT(d)) ? RN(d) : RM(d), b));
    CPU_NEXT(c, d);
}
FDEF(f_fmovi) { S_ vset(s, RD(d), b, (uint64_t)IMM(d)); CPU_NEXT(c, d); }

/* FP -> integer: X1 = rounding (5 = FPCR's), SH = signed, IMM = integer
 * bits, IMM2 = fixed-point fraction bits */
FDEF(f_cvt2i)
{
    S_
    enum hf_rm rm = X1(d) == 5 ? a64_rm(s) : (enum hf_rm)X1(d);
    s->x[RD(d)] = a64_f2int(s, b, vget(s, RN(d), b), rm, SH(d), (unsigned)IMM(d), (unsigned)IMM2(d));
    CPU_NEXT(c, d);
}
/* integer -> FP: SH = signed, IMM = integer bits, IMM2 = fraction bits */
FDEF(f_cvt2f)
{
    S_
    uint64_t r = a64_int2f(s, b, s->x[RN(d)], SH(d), (unsigned)IMM(d));
    if (IMM2(d)) {
        unsigned fl = 0;
        if (b == 64)
            r = hf_div64(r, (uint64_t)(1023 + IMM2(d)) << 52, a64_rm(s), &fl);
        else
            r = hf_div32((uint32_t)r, (uint32_t)(127 + IMM2(d)) << 23, a64_rm(s), &fl);
        a64_fpflags(s, fl);
    }
    vset(s, RD(d), b, r);
    CPU_NEXT(c, d);
}

/* FMOV between general and FP registers */
FDEF(f_fmov_ws) { struct a64_cpu *s = A(c); vset(s, RD(d), 32, (uint32_t)s->x[RN(d)]); CPU_NEXT(c, d); }
FDEF(f_fmov_xd) { struct a64_cpu *s = A(c); vset(s, RD(d), 64, s->x[RN(d)]); CPU_NEXT(c, d); }
FDEF(f_fmov_xv1) { struct a64_cpu *s = A(c); s->v[RD(d)].d[1] = s->x[RN(d)]; CPU_NEXT(c, d); }
FDEF(f_fmov_sw) { struct a64_cpu *s = A(c); s->x[RD(d)] = s->v[RN(d)].s[0]; CPU_NEXT(c, d); }
FDEF(f_fmov_dx) { struct a64_cpu *s = A(c); s->x[RD(d)] = s->v[RN(d)].d[0]; CPU_NEXT(c, d); }
FDEF(f_fmov_v1x) { struct a64_cpu *s = A(c); s->x[RD(d)] = s->v[RN(d)].d[1]; CPU_NEXT(c, d); }
