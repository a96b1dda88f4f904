/* riscv64 F and D: every instruction over edge-case operands in each
 * static rounding mode and with dynamic rounding (frm), hashing result
 * bits and fflags (FNV-1a, compared with qemu-riscv64), plus checks
 * against values derived by hand from the ISA manual: NaN boxing,
 * canonical NaN, fmin/fmax with signalling NaN and signed zeros,
 * saturating conversions and their flags, fclass, fma's invalid case. */
#include "rt.h"

static int fails, checks;
static void check(const char *what, uint64_t got, uint64_t want)
{
    checks++;
    if (got != want) {
        fails++;
        printf("FAIL %s: got %llx want %llx\n", what, (unsigned long long)got,
               (unsigned long long)want);
    }
}

static const uint64_t dv[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
    0xbff0000000000000ull, 0x4000000000000000ull, 0x3fb999999999999aull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff4000000000000ull, 0xfff8000000001234ull, 0x0000000000000001ull,
    0x000fffffffffffffull, 0x7fefffffffffffffull, 0x43e0000000000000ull,
    0xc3e0000000000001ull, 0x41dfffffffc00000ull, 0xc1e0000000200000ull,
    0x4330000000000001ull, 0x3fe8000000000000ull, 0xbff8000000000000ull,
    0x400c000000000000ull, 0x3ca0000000000000ull, 0x0010000000000000ull,
    0x41efffffffe00000ull, 0x3fe0000000000000ull, 0xc004000000000000ull,
};
static const uint32_t sv[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x40000000, 0x3dcccccd,
    0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0xffc01234, 0x00000001,
    0x007fffff, 0x7f7fffff, 0x5f000000, 0xdf000001, 0x4effffff, 0xcf000001,
    0x4b000001, 0x3f400000, 0xbfc00000, 0x40600000, 0x33800000, 0x00800000,
    0x4f7fffff, 0x3f000000, 0xc0200000,
};
#define N (sizeof dv / sizeof dv[0])
_Static_assert(sizeof sv / sizeof sv[0] == sizeof dv / sizeof dv[0], "same count");

static uint64_t h;
static void rec(uint64_t v) { h = rt_fnv1a(h, &v, sizeof v); }
static void begin(void) { h = RT_FNV_INIT; }
static void end(const char *n) { printf("sweep %-12s %016llx\n", n, (unsigned long long)h); }

static uint64_t fflags_swap0(void)
{
    uint64_t f;
    __asm__ volatile("fsflags %0, zero" : "=r"(f));
    return f;
}
static void set_frm(uint64_t rm) { __asm__ volatile("fsrm %0" : : "r"(rm)); }

/* D registers hold singles NaN-boxed: move raw bits in and out. */
static double D(uint64_t u) { double d; __asm__ volatile("fmv.d.x %0, %1" : "=f"(d) : "r"(u)); return d; }
static uint64_t DX(double d) { uint64_t u; __asm__ volatile("fmv.x.d %0, %1" : "=r"(u) : "f"(d)); return u; }
static float S(uint32_t u) { float f; __asm__ volatile("fmv.w.x %0, %1" : "=f"(f) : "r"((uint64_t)u)); return f; }

/* One sweep per instruction: all operand pairs, in rne rtz rdn rup rmm and
 * dyn (frm cycling over the five valid modes); the static mode must be
 * part of the asm template, hence one expansion per mode. */
#define BIN_D(op)                                                             \
    static void sw_##op(void)                                                 \
    {                                                                         \
        begin();                                                              \
        for (unsigned i = 0; i < N; i++)                                      \
            for (unsigned j = 0; j < N; j++) {                                \
                double a = D(dv[i]), b = D(dv[j]), r;                         \
                set_frm((i + j) % 5);                                         \
                fflags_swap0();                                               \
                ONE_BIN(op, "d", rne) ONE_BIN(op, "d", rtz) ONE_BIN(op, "d", rdn) \
                ONE_BIN(op, "d", rup) ONE_BIN(op, "d", rmm) ONE_BIN(op, "d", dyn) \
            }                                                                 \
        end(#op ".d");                                                        \
    }
#define ONE_BIN(op, t, rm)                                                    \
    __asm__ volatile(#op "." t " %0, %1, %2, " #rm : "=f"(r) : "f"(a), "f"(b)); \
    rec(DX(r)); rec(fflags_swap0());

#define BIN_S(op)                                                             \
    static void sw_##op##_s(void)                                             \
    {                                                                         \
        begin();                                                              \
        for (unsigned i = 0; i < N; i++)                                      \
            for (unsigned j = 0; j < N; j++) {                                \
                float a = S(sv[i]), b = S(sv[j]), r;                          \
                set_frm((i + j) % 5);                                         \
                fflags_swap0();                                               \
                ONE_BINS(op, rne) ONE_BINS(op, rtz) ONE_BINS(op, rdn)         \
                ONE_BINS(op, rup) ONE_BINS(op, rmm) ONE_BINS(op, dyn)         \
            }                                                                 \
        end(#op ".s");                                                        \
    }
#define ONE_BINS(op, rm)                                                      \
    __asm__ volatile(#op ".s %0, %1, %2, " #rm : "=f"(r) : "f"(a), "f"(b));  \
    { double d_; __asm__ volatile("fmv.d %0, %1" : "=f"(d_) : "f"(r)); rec(DX(d_)); } \
    rec(fflags_swap0());

BIN_D(fadd) BIN_D(fsub) BIN_D(fmul) BIN_D(fdiv)
BIN_S(fadd) BIN_S(fsub) BIN_S(fmul) BIN_S(fdiv)

/* Operations without a rounding mode, d and s. */
#define NORM2(op, ins)                                                        \
    static void sw_##op(void)                                                 \
    {                                                                         \
        begin();                                                              \
        for (unsigned i = 0; i < N; i++)                                      \
            for (unsigned j = 0; j < N; j++) {                                \
                double a = D(dv[i]), b = D(dv[j]), r;                         \
                float sa = S(sv[i]), sb = S(sv[j]), sr;                       \
                fflags_swap0();                                               \
                __asm__ volatile(ins ".d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); \
                rec(DX(r)); rec(fflags_swap0());                              \
                __asm__ volatile(ins ".s %0, %1, %2" : "=f"(sr) : "f"(sa), "f"(sb)); \
                { double d_; __asm__ volatile("fmv.d %0, %1" : "=f"(d_) : "f"(sr)); rec(DX(d_)); } \
                rec(fflags_swap0());                                          \
            }                                                                 \
        end(ins);                                                             \
    }
NORM2(fmin, "fmin") NORM2(fmax, "fmax") NORM2(fsgnj, "fsgnj") NORM2(fsgnjn, "fsgnjn")
NORM2(fsgnjx, "fsgnjx")

#define CMP2(op, ins)                                                         \
    static void sw_##op(void)                                                 \
    {                                                                         \
        begin();                                                              \
        for (unsigned i = 0; i < N; i++)                                      \
            for (unsigned j = 0; j < N; j++) {                                \
                uint64_t r;                                                   \
                fflags_swap0();                                               \
                __asm__ volatile(ins ".d %0, %1, %2" : "=r"(r) : "f"(D(dv[i])), "f"(D(dv[j]))); \
                rec(r); rec(fflags_swap0());                                  \
                __asm__ volatile(ins ".s %0, %1, %2" : "=r"(r) : "f"(S(sv[i])), "f"(S(sv[j]))); \
                rec(r); rec(fflags_swap0());                                  \
            }                                                                 \
        end(ins);                                                             \
    }
CMP2(feq, "feq") CMP2(flt, "flt") CMP2(fle, "fle")

/* fused multiply-add: a third operand from a rotated index */
#define FMA(op)                                                               \
    static void sw_##op(void)                                                 \
    {                                                                         \
        begin();                                                              \
        for (unsigned i = 0; i < N; i++)                                      \
            for (unsigned j = 0; j < N; j++)                                  \
                for (unsigned k = 0; k < N; k += 4) {                         \
                    unsigned kk = (k + i) % N;                                \
                    double a = D(dv[i]), b = D(dv[j]), c = D(dv[kk]), r;      \
                    float sa = S(sv[i]), sb = S(sv[j]), sc = S(sv[kk]), sr;   \
                    set_frm((i + j + k) % 5);                                 \
                    fflags_swap0();                                           \
                    ONE_FMA(op, rne) ONE_FMA(op, rtz) ONE_FMA(op, rdn)        \
                    ONE_FMA(op, rup) ONE_FMA(op, rmm) ONE_FMA(op, dyn)        \
                }                                                             \
        end(#op);                                                             \
    }
#define ONE_FMA(op, rm)                                                       \
    __asm__ volatile(#op ".d %0, %1, %2, %3, " #rm : "=f"(r) : "f"(a), "f"(b), "f"(c)); \
    rec(DX(r)); rec(fflags_swap0());                                          \
    __asm__ volatile(#op ".s %0, %1, %2, %3, " #rm : "=f"(sr) : "f"(sa), "f"(sb), "f"(sc)); \
    { double d_; __asm__ volatile("fmv.d %0, %1" : "=f"(d_) : "f"(sr)); rec(DX(d_)); } \
    rec(fflags_swap0());
FMA(fmadd) FMA(fmsub) FMA(fnmsub) FMA(fnmadd)

/* One-operand ops with a rounding mode: sqrt, float<->float, float->int */
#define ONE_OP(name, ins, outc, inc, inv, outexpr)                            \
    static void sw_##name(void)                                               \
    {                                                                         \
        begin();                                                              \
        for (unsigned i = 0; i < N; i++) {                                    \
            set_frm(i % 5);                                                   \
            fflags_swap0();                                                   \
            ONE_OP1(ins, outc, inc, inv, outexpr, rne)                        \
            ONE_OP1(ins, outc, inc, inv, outexpr, rtz)                        \
            ONE_OP1(ins, outc, inc, inv, outexpr, rdn)                        \
            ONE_OP1(ins, outc, inc, inv, outexpr, rup)                        \
            ONE_OP1(ins, outc, inc, inv, outexpr, rmm)                        \
            ONE_OP1(ins, outc, inc, inv, outexpr, dyn)                        \
        }                                                                     \
        end(ins);                                                             \
    }
#define ONE_OP1(ins, outc, inc, inv, outexpr, rm)                             \
    {                                                                         \
        __typeof__(inv) in_ = (inv);                                          \
        double out_;                                                          \
        __asm__ volatile(ins " %0, %1, " #rm : "=" outc(out_) : inc(in_));    \
        rec(outexpr); rec(fflags_swap0());                                    \
    }
/* integer results are read back from a GPR: out_ doubles as storage */
#define OUTF DX(out_)
static uint64_t gpr_bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
#define OUTX gpr_bits(out_)
ONE_OP(fsqrt_d, "fsqrt.d", "f", "f", D(dv[i]), OUTF)
ONE_OP(fsqrt_s, "fsqrt.s", "f", "f", S(sv[i]), OUTF)
ONE_OP(fcvt_s_d, "fcvt.s.d", "f", "f", D(dv[i]), OUTF)
ONE_OP(fcvt_d_s, "fcvt.d.s", "f", "f", S(sv[i]), OUTF)
ONE_OP(fcvt_w_d, "fcvt.w.d", "r", "f", D(dv[i]), OUTX)
ONE_OP(fcvt_wu_d, "fcvt.wu.d", "r", "f", D(dv[i]), OUTX)
ONE_OP(fcvt_l_d, "fcvt.l.d", "r", "f", D(dv[i]), OUTX)
ONE_OP(fcvt_lu_d, "fcvt.lu.d", "r", "f", D(dv[i]), OUTX)
ONE_OP(fcvt_w_s, "fcvt.w.s", "r", "f", S(sv[i]), OUTX)
ONE_OP(fcvt_wu_s, "fcvt.wu.s", "r", "f", S(sv[i]), OUTX)
ONE_OP(fcvt_l_s, "fcvt.l.s", "r", "f", S(sv[i]), OUTX)
ONE_OP(fcvt_lu_s, "fcvt.lu.s", "r", "f", S(sv[i]), OUTX)
/* integer sources: the operand values reinterpreted as integers */
ONE_OP(fcvt_d_w, "fcvt.d.w", "f", "r", dv[i] ^ (dv[i] >> 29), OUTF)
ONE_OP(fcvt_d_wu, "fcvt.d.wu", "f", "r", dv[i] ^ (dv[i] >> 29), OUTF)
ONE_OP(fcvt_d_l, "fcvt.d.l", "f", "r", dv[i] ^ (dv[i] >> 29), OUTF)
ONE_OP(fcvt_d_lu, "fcvt.d.lu", "f", "r", dv[i] ^ (dv[i] >> 29), OUTF)
ONE_OP(fcvt_s_w, "fcvt.s.w", "f", "r", dv[i] ^ (dv[i] >> 29), OUTF)
ONE_OP(fcvt_s_wu, "fcvt.s.wu", "f", "r", dv[i] ^ (dv[i] >> 29), OUTF)
ONE_OP(fcvt_s_l, "fcvt.s.l", "f", "r", dv[i] ^ (dv[i] >> 29), OUTF)
ONE_OP(fcvt_s_lu, "fcvt.s.lu", "f", "r", dv[i] ^ (dv[i] >> 29), OUTF)

static void sw_fclass(void)
{
    begin();
    for (unsigned i = 0; i < N; i++) {
        uint64_t r;
        __asm__ volatile("fclass.d %0, %1" : "=r"(r) : "f"(D(dv[i])));
        rec(r);
        __asm__ volatile("fclass.s %0, %1" : "=r"(r) : "f"(S(sv[i])));
        rec(r);
    }
    end("fclass");
}

/* ---- hand-derived checks ---- */

#define ASMX(ins, in) ({ uint64_t r_; __asm__ volatile(ins : "=r"(r_) : "f"(in)); r_; })

static void checks_fp(void)
{
    uint64_t r, f;
    /* NaN boxing: a single written by fmv.w.x reads back boxed */
    float s1 = S(0x3f800000);
    double asd;
    __asm__ volatile("fmv.d %0, %1" : "=f"(asd) : "f"(s1));
    check("fmv.w.x boxes", DX(asd), 0xffffffff3f800000ull);
    /* an unboxed single operand reads as the canonical NaN */
    double unboxed = D(0x000000003f800000ull);
    float sr;
    fflags_swap0();
    __asm__ volatile("fadd.s %0, %1, %1" : "=f"(sr) : "f"(unboxed));
    __asm__ volatile("fmv.d %0, %1" : "=f"(asd) : "f"(sr));
    check("unboxed -> canonical NaN", DX(asd), 0xffffffff7fc00000ull);
    check("quiet NaN in add: no flag", fflags_swap0(), 0);
    __asm__ volatile("fsgnjn.s %0, %1, %1" : "=f"(sr) : "f"(unboxed));
    __asm__ volatile("fmv.d %0, %1" : "=f"(asd) : "f"(sr));
    check("fneg.s of unboxed", DX(asd), 0xffffffffffc00000ull);
    /* fmv.x.w takes the raw low bits, sign-extended, without unboxing */
    check("fmv.x.w raw", ASMX("fmv.x.w %0, %1", D(0x12345678deadbeefull)), 0xffffffffdeadbeefull);
    /* flw boxes, fsw stores the low 32 bits */
    static uint32_t m32 = 0x40490fdb;
    double ld;
    __asm__ volatile("flw %0, 0(%1)" : "=f"(ld) : "r"(&m32));
    check("flw boxes", DX(ld), 0xffffffff40490fdbull);
    __asm__ volatile("fsw %1, 0(%0)" : : "r"(&m32), "f"(D(0x1111111122222222ull)) : "memory");
    check("fsw low bits", m32, 0x22222222);
    /* canonical NaN: any NaN result is 0x7ff8..., invalid for sNaN */
    double dr;
    fflags_swap0();
    __asm__ volatile("fadd.d %0, %1, %2" : "=f"(dr) : "f"(D(0xfff4000000000001ull)), "f"(D(0x3ff0000000000000ull)));
    check("sNaN + 1 canonical", DX(dr), 0x7ff8000000000000ull);
    check("sNaN + 1 flags NV", fflags_swap0(), 0x10);
    __asm__ volatile("fmul.d %0, %1, %2" : "=f"(dr) : "f"(D(0x7ff0000000000000ull)), "f"(D(0)));
    check("inf * 0", DX(dr), 0x7ff8000000000000ull);
    check("inf * 0 NV", fflags_swap0(), 0x10);
    __asm__ volatile("fdiv.d %0, %1, %2" : "=f"(dr) : "f"(D(0x3ff0000000000000ull)), "f"(D(0x8000000000000000ull)));
    check("1 / -0", DX(dr), 0xfff0000000000000ull);
    check("1 / -0 DZ", fflags_swap0(), 0x08);
    __asm__ volatile("fdiv.d %0, %1, %2" : "=f"(dr) : "f"(D(0x3ff0000000000000ull)), "f"(D(0x4008000000000000ull)));
    check("1/3 NX", fflags_swap0(), 0x01);
    __asm__ volatile("fmul.d %0, %1, %1" : "=f"(dr) : "f"(D(0x7fefffffffffffffull)));
    check("max*max OF|NX", fflags_swap0(), 0x05);
    __asm__ volatile("fmul.d %0, %1, %1, rtz" : "=f"(dr) : "f"(D(0x7fefffffffffffffull)));
    check("max*max rtz = max", DX(dr), 0x7fefffffffffffffull);
    fflags_swap0();
    __asm__ volatile("fmul.d %0, %1, %1" : "=f"(dr) : "f"(D(0x0010000000000000ull)));
    check("tiny*tiny = 0", DX(dr), 0);
    check("tiny*tiny UF|NX", fflags_swap0(), 0x03);
    __asm__ volatile("fsqrt.d %0, %1" : "=f"(dr) : "f"(D(0xbff0000000000000ull)));
    check("sqrt(-1)", DX(dr), 0x7ff8000000000000ull);
    check("sqrt(-1) NV", fflags_swap0(), 0x10);
    __asm__ volatile("fsqrt.d %0, %1" : "=f"(dr) : "f"(D(0x8000000000000000ull)));
    check("sqrt(-0) = -0", DX(dr), 0x8000000000000000ull);
    /* fma(inf, 0, qNaN) must raise invalid (ISA manual, F chapter) */
    fflags_swap0();
    __asm__ volatile("fmadd.d %0, %1, %2, %3" : "=f"(dr)
                     : "f"(D(0x7ff0000000000000ull)), "f"(D(0)), "f"(D(0x7ff8000000000000ull)));
    check("fma(inf,0,qNaN)", DX(dr), 0x7ff8000000000000ull);
    check("fma(inf,0,qNaN) NV", fflags_swap0(), 0x10);
    /* the sign of an exact zero from fnmadd: -(+0*1) - (-0) = -0 + +0 = +0 in rne, -0 in rdn */
    __asm__ volatile("fnmadd.d %0, %1, %2, %3" : "=f"(dr)
                     : "f"(D(0)), "f"(D(0x3ff0000000000000ull)), "f"(D(0x8000000000000000ull)));
    check("fnmadd zero sign", DX(dr), 0);
    __asm__ volatile("fnmadd.d %0, %1, %2, %3, rdn" : "=f"(dr)
                     : "f"(D(0)), "f"(D(0x3ff0000000000000ull)), "f"(D(0x8000000000000000ull)));
    check("fnmadd zero sign rdn", DX(dr), 0x8000000000000000ull);
    __asm__ volatile("fsub.d %0, %1, %1, rdn" : "=f"(dr) : "f"(D(0x3ff0000000000000ull)));
    check("x - x rdn = -0", DX(dr), 0x8000000000000000ull);

    /* fmin/fmax: minimumNumber rules */
    fflags_swap0();
    __asm__ volatile("fmin.d %0, %1, %2" : "=f"(dr) : "f"(D(0x7ff4000000000000ull)), "f"(D(0x3ff0000000000000ull)));
    check("fmin(sNaN,1)", DX(dr), 0x3ff0000000000000ull);
    check("fmin(sNaN,1) NV", fflags_swap0(), 0x10);
    __asm__ volatile("fmax.d %0, %1, %2" : "=f"(dr) : "f"(D(0x7ff8000000000000ull)), "f"(D(0xbff0000000000000ull)));
    check("fmax(qNaN,-1)", DX(dr), 0xbff0000000000000ull);
    check("fmax(qNaN,-1) no flag", fflags_swap0(), 0);
    __asm__ volatile("fmax.d %0, %1, %2" : "=f"(dr) : "f"(D(0xfff8000000000001ull)), "f"(D(0x7ff4000000000000ull)));
    check("fmax(NaN,NaN)", DX(dr), 0x7ff8000000000000ull);
    check("fmax(NaN,sNaN) NV", fflags_swap0(), 0x10);
    __asm__ volatile("fmin.d %0, %1, %2" : "=f"(dr) : "f"(D(0)), "f"(D(0x8000000000000000ull)));
    check("fmin(+0,-0)", DX(dr), 0x8000000000000000ull);
    __asm__ volatile("fmax.d %0, %1, %2" : "=f"(dr) : "f"(D(0x8000000000000000ull)), "f"(D(0)));
    check("fmax(-0,+0)", DX(dr), 0);
    __asm__ volatile("fmin.s %0, %1, %2" : "=f"(sr) : "f"(S(0x80000000)), "f"(S(0)));
    __asm__ volatile("fmv.d %0, %1" : "=f"(asd) : "f"(sr));
    check("fmin.s(-0,+0)", DX(asd), 0xffffffff80000000ull);

    /* conversions: saturation, NaN -> largest, flags */
    fflags_swap0();
    check("fcvt.w.d NaN", ASMX("fcvt.w.d %0, %1, rtz", D(0x7ff8000000000000ull)), 0x7fffffff);
    check("  NV", fflags_swap0(), 0x10);
    check("fcvt.w.d -inf", ASMX("fcvt.w.d %0, %1, rtz", D(0xfff0000000000000ull)), 0xffffffff80000000ull);
    check("fcvt.wu.d NaN", ASMX("fcvt.wu.d %0, %1, rtz", D(0x7ff8000000000000ull)), ~0ull);
    check("fcvt.wu.d -1", ASMX("fcvt.wu.d %0, %1, rtz", D(0xbff0000000000000ull)), 0);
    check("  NV", fflags_swap0(), 0x10);
    check("fcvt.wu.d -0.5 rtz", ASMX("fcvt.wu.d %0, %1, rtz", D(0xbfe0000000000000ull)), 0);
    check("  NX only", fflags_swap0(), 0x01);
    check("fcvt.wu.d 3e9 sext", ASMX("fcvt.wu.d %0, %1, rtz", D(0x41e65a0bc0000000ull)), 0xffffffffb2d05e00ull);
    check("fcvt.l.d 2^63", ASMX("fcvt.l.d %0, %1, rtz", D(0x43e0000000000000ull)), 0x7fffffffffffffffull);
    check("  NV", fflags_swap0(), 0x10);
    check("fcvt.l.d -2^63", ASMX("fcvt.l.d %0, %1, rtz", D(0xc3e0000000000000ull)), 0x8000000000000000ull);
    check("  exact", fflags_swap0(), 0);
    check("fcvt.lu.d inf", ASMX("fcvt.lu.d %0, %1, rtz", D(0x7ff0000000000000ull)), ~0ull);
    check("fcvt.lu.d 2^64-2048", ASMX("fcvt.lu.d %0, %1, rtz", D(0x43efffffffffffffull)), 0xfffffffffffff800ull);
    check("fcvt.l.s NaN", ASMX("fcvt.l.s %0, %1, rtz", S(0xffc00000)), 0x7fffffffffffffffull);
    /* rounding modes on 2.5 and -2.5 */
    double p25 = D(0x4004000000000000ull), m25 = D(0xc004000000000000ull);
    check("2.5 rne", ASMX("fcvt.l.d %0, %1, rne", p25), 2);
    check("2.5 rmm", ASMX("fcvt.l.d %0, %1, rmm", p25), 3);
    check("-2.5 rmm", ASMX("fcvt.l.d %0, %1, rmm", m25), (uint64_t)-3);
    check("-2.5 rdn", ASMX("fcvt.l.d %0, %1, rdn", m25), (uint64_t)-3);
    check("-2.5 rup", ASMX("fcvt.l.d %0, %1, rup", m25), (uint64_t)-2);
    check("-2.5 rtz", ASMX("fcvt.l.d %0, %1, rtz", m25), (uint64_t)-2);
    set_frm(4);
    check("-2.5 dyn=rmm", ASMX("fcvt.l.d %0, %1", m25), (uint64_t)-3);
    set_frm(0);
    /* rmm on an exact tie of an addition: 1 + 2^-53 */
    __asm__ volatile("fadd.d %0, %1, %2, rmm" : "=f"(dr) : "f"(D(0x3ff0000000000000ull)), "f"(D(0x3ca0000000000000ull)));
    check("1+2^-53 rmm", DX(dr), 0x3ff0000000000001ull);
    __asm__ volatile("fadd.d %0, %1, %2, rne" : "=f"(dr) : "f"(D(0x3ff0000000000000ull)), "f"(D(0x3ca0000000000000ull)));
    check("1+2^-53 rne", DX(dr), 0x3ff0000000000000ull);
    __asm__ volatile("fadd.s %0, %1, %2, rmm" : "=f"(sr) : "f"(S(0x3f800000)), "f"(S(0x33800000)));
    __asm__ volatile("fmv.d %0, %1" : "=f"(asd) : "f"(sr));
    check("1+2^-24 rmm .s", DX(asd), 0xffffffff3f800001ull);
    /* int -> float rounding */
    double cv;
    __asm__ volatile("fcvt.d.l %0, %1, rtz" : "=f"(cv) : "r"(0x7fffffffffffffffull));
    check("fcvt.d.l max rtz", DX(cv), 0x43dfffffffffffffull);
    __asm__ volatile("fcvt.d.lu %0, %1, rup" : "=f"(cv) : "r"(0xfffffffffffffc01ull));
    check("fcvt.d.lu rup", DX(cv), 0x43f0000000000000ull);
    __asm__ volatile("fcvt.d.wu %0, %1" : "=f"(cv) : "r"(0xffffffffffffffffull));
    check("fcvt.d.wu uses 32 bits", DX(cv), 0x41efffffffe00000ull);
    __asm__ volatile("fcvt.d.w %0, %1" : "=f"(cv) : "r"(0x00000000ffffffffull));
    check("fcvt.d.w uses 32 bits", DX(cv), 0xbff0000000000000ull);
    fflags_swap0();
    /* fcvt.s.d rounding and NaN */
    __asm__ volatile("fcvt.s.d %0, %1" : "=f"(sr) : "f"(D(0x7ff4000000000000ull)));
    __asm__ volatile("fmv.d %0, %1" : "=f"(asd) : "f"(sr));
    check("fcvt.s.d sNaN", DX(asd), 0xffffffff7fc00000ull);
    check("  NV", fflags_swap0(), 0x10);
    /* fclass bits */
    check("fclass -inf", ASMX("fclass.d %0, %1", D(0xfff0000000000000ull)), 1 << 0);
    check("fclass -sub", ASMX("fclass.d %0, %1", D(0x8000000000000001ull)), 1 << 2);
    check("fclass +0", ASMX("fclass.d %0, %1", D(0)), 1 << 4);
    check("fclass sNaN", ASMX("fclass.d %0, %1", D(0x7ff0000000000001ull)), 1 << 8);
    check("fclass qNaN", ASMX("fclass.d %0, %1", D(0x7ff8000000000000ull)), 1 << 9);
    check("fclass.s unboxed = qNaN", ASMX("fclass.s %0, %1", D(0x3f800000)), 1 << 9);
    check("fclass.s +normal", ASMX("fclass.s %0, %1", S(0x3f800000)), 1 << 6);
    /* compares: feq is quiet, flt/fle signal on any NaN */
    fflags_swap0();
    r = 0;
    __asm__ volatile("feq.d %0, %1, %2" : "=r"(r) : "f"(D(0x7ff8000000000000ull)), "f"(D(0)));
    f = fflags_swap0();
    check("feq qNaN", r, 0); check("feq qNaN no flag", f, 0);
    __asm__ volatile("flt.d %0, %1, %2" : "=r"(r) : "f"(D(0x7ff8000000000000ull)), "f"(D(0)));
    check("flt qNaN NV", fflags_swap0(), 0x10);
    __asm__ volatile("fle.d %0, %1, %2" : "=r"(r) : "f"(D(0x8000000000000000ull)), "f"(D(0)));
    check("-0 <= +0", r, 1);
    __asm__ volatile("feq.s %0, %1, %2" : "=r"(r) : "f"(S(0x80000000)), "f"(S(0)));
    check("-0 == +0", r, 1);
}

int main(void)
{
    checks_fp();
    printf("checks: %d, failed %d\n", checks, fails);
    sw_fadd(); sw_fsub(); sw_fmul(); sw_fdiv();
    sw_fadd_s(); sw_fsub_s(); sw_fmul_s(); sw_fdiv_s();
    sw_fmin(); sw_fmax(); sw_fsgnj(); sw_fsgnjn(); sw_fsgnjx();
    sw_feq(); sw_flt(); sw_fle();
    sw_fmadd(); sw_fmsub(); sw_fnmsub(); sw_fnmadd();
    sw_fsqrt_d(); sw_fsqrt_s(); sw_fcvt_s_d(); sw_fcvt_d_s();
    sw_fcvt_w_d(); sw_fcvt_wu_d(); sw_fcvt_l_d(); sw_fcvt_lu_d();
    sw_fcvt_w_s(); sw_fcvt_wu_s(); sw_fcvt_l_s(); sw_fcvt_lu_s();
    sw_fcvt_d_w(); sw_fcvt_d_wu(); sw_fcvt_d_l(); sw_fcvt_d_lu();
    sw_fcvt_s_w(); sw_fcvt_s_wu(); sw_fcvt_s_l(); sw_fcvt_s_lu();
    sw_fclass();
    return fails != 0;
}
