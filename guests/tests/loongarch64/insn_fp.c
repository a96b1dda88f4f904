/* LoongArch scalar FP instructions over edge-case operands in all four
 * rounding modes.  For each instruction: an FNV-1a hash of every result
 * register and of fcsr0 (cause and flags) after it, plus a few results in
 * clear.  Compared with qemu-loongarch64 running the same binary. */
#include "rt.h"

static const uint64_t dv[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull,
    0xbff0000000000000ull, 0x4000000000000000ull, 0x3fb999999999999aull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff4000000000000ull, 0xfff8000000001234ull, 0x0000000000000001ull,
    0x000fffffffffffffull, 0x7fefffffffffffffull, 0x43e0000000000000ull,
    0xc3e0000000000001ull, 0x41dfffffffc00000ull, 0xc1e0000000200000ull,
    0x4330000000000001ull, 0x3fe8000000000000ull, 0xbff8000000000000ull,
    0x400c000000000000ull, 0x3ca0000000000000ull, 0x0010000000000000ull,
};
static const uint32_t sv[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x40000000, 0x3dcccccd,
    0x7f800000, 0xff800000, 0x7fc00000, 0x7fa00000, 0xffc01234, 0x00000001,
    0x007fffff, 0x7f7fffff, 0x5f000000, 0xdf000001, 0x4effffff, 0xcf000001,
    0x4b000001, 0x3f400000, 0xbfc00000, 0x40600000, 0x33800000, 0x00800000,
};
#define N 24

static uint64_t h;
static int shown;
static void rec(uint64_t v)
{
    h = rt_fnv1a(h, &v, sizeof v);
}
static void show(uint64_t v)
{
    if (shown < 3) {
        printf(" %llx", (unsigned long long)v);
        shown++;
    }
}
static void begin(const char *n) { h = RT_FNV_INIT; shown = 0; printf("%-14s", n); }
static void end(void) { printf(" | %016llx\n", (unsigned long long)h); }

static void set_fcsr(uint32_t v) { __asm__ volatile("movgr2fcsr $fcsr0, %0" : : "r"(v)); }
static uint32_t get_fcsr(void)
{
    uint64_t v;
    __asm__ volatile("movfcsr2gr %0, $fcsr0" : "=r"(v));
    return (uint32_t)v;
}

static uint64_t bits_of(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static double dbl(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static float flt(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

#define FOR_RM for (uint32_t rm = 0; rm < 4; rm++)
#define RES(v) do { uint64_t v_ = (v); rec(v_); rec(get_fcsr()); if (rm == 0) show(v_); } while (0)

#define D2(insn)                                                           \
    begin(insn);                                                           \
    FOR_RM for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) {       \
        double r, a = dbl(dv[i]), b = dbl(dv[j]);                          \
        set_fcsr(rm << 8);                                                 \
        __asm__ volatile(insn " %0, %1, %2" : "=f"(r) : "f"(a), "f"(b));   \
        RES(bits_of(r));                                                   \
    }                                                                      \
    end();
#define S2(insn)                                                           \
    begin(insn);                                                           \
    FOR_RM for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) {       \
        float r, a = flt(sv[i]), b = flt(sv[j]);                           \
        set_fcsr(rm << 8);                                                 \
        __asm__ volatile(insn " %0, %1, %2" : "=f"(r) : "f"(a), "f"(b));   \
        RES(fbits(r));                                                     \
    }                                                                      \
    end();
#define D1(insn)                                                           \
    begin(insn);                                                           \
    FOR_RM for (int i = 0; i < N; i++) {                                   \
        double r, a = dbl(dv[i]);                                          \
        set_fcsr(rm << 8);                                                 \
        __asm__ volatile(insn " %0, %1" : "=f"(r) : "f"(a));               \
        RES(bits_of(r));                                                   \
    }                                                                      \
    end();
#define S1(insn)                                                           \
    begin(insn);                                                           \
    FOR_RM for (int i = 0; i < N; i++) {                                   \
        float r, a = flt(sv[i]);                                           \
        set_fcsr(rm << 8);                                                 \
        __asm__ volatile(insn " %0, %1" : "=f"(r) : "f"(a));               \
        RES(fbits(r));                                                     \
    }                                                                      \
    end();
/* integer results: read the raw register image with movfr2gr.d */
#define CVT(insn, T, vals)                                                 \
    begin(insn);                                                           \
    FOR_RM for (int i = 0; i < N; i++) {                                   \
        T a; uint64_t r;                                                   \
        memcpy(&a, &vals[i], sizeof a);                                    \
        set_fcsr(rm << 8);                                                 \
        __asm__ volatile(insn " $ft0, %1\n\tmovfr2gr.d %0, $ft0"           \
                         : "=r"(r) : "f"(a) : "$f8");                      \
        RES(sizeof(T) == 4 ? (uint32_t)r : r);                             \
    }                                                                      \
    end();
#define FFINT(insn, T)                                                     \
    begin(insn);                                                           \
    FOR_RM for (int i = 0; i < N; i++) {                                   \
        uint64_t a = dv[i] ^ (uint64_t)i * 0x9e3779b97f4a7c15ull, r;       \
        if (i < 4) a = i;                                                  \
        set_fcsr(rm << 8);                                                 \
        __asm__ volatile("movgr2fr.d $ft0, %1\n\t" insn " $ft1, $ft0\n\t"  \
                         "movfr2gr.d %0, $ft1" : "=r"(r) : "r"(a) : "$f8", "$f9"); \
        RES(sizeof(T) == 4 ? (uint32_t)r : r);                             \
    }                                                                      \
    end();
#define D3(insn)                                                           \
    begin(insn);                                                           \
    FOR_RM for (int i = 0; i < N; i += 2) for (int j = 0; j < N; j += 3)   \
        for (int k = 0; k < N; k += 2) {                                   \
        double r, a = dbl(dv[i]), b = dbl(dv[j]), c = dbl(dv[k]);          \
        set_fcsr(rm << 8);                                                 \
        __asm__ volatile(insn " %0, %1, %2, %3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); \
        RES(bits_of(r));                                                   \
    }                                                                      \
    end();
#define S3(insn)                                                           \
    begin(insn);                                                           \
    FOR_RM for (int i = 0; i < N; i += 2) for (int j = 0; j < N; j += 3)   \
        for (int k = 0; k < N; k += 2) {                                   \
        float r, a = flt(sv[i]), b = flt(sv[j]), c = flt(sv[k]);           \
        set_fcsr(rm << 8);                                                 \
        __asm__ volatile(insn " %0, %1, %2, %3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); \
        RES(fbits(r));                                                     \
    }                                                                      \
    end();

/* flogb is left out: qemu-loongarch64 7.2 returns a NaN with invalid for
 * every input (e.g. flogb(1.0)), where IEEE logb gives 0. */

#define FCMP1(c, sfx, T, vals)                                             \
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) {              \
        T a, b; uint64_t r; uint32_t rm = 0;                               \
        memcpy(&a, &vals[i], sizeof a); memcpy(&b, &vals[j], sizeof b);    \
        set_fcsr(0);                                                       \
        __asm__ volatile("fcmp." c "." sfx " $fcc1, %1, %2\n\tmovcf2gr %0, $fcc1" \
                         : "=r"(r) : "f"(a), "f"(b));                      \
        RES(r);                                                            \
    }
#define FCMP(c)                                                            \
    begin("fcmp." c);                                                      \
    FCMP1(c, "s", float, sv) FCMP1(c, "d", double, dv)                     \
    end();

int main(void)
{
    D2("fadd.d") S2("fadd.s") D2("fsub.d") S2("fsub.s") D2("fmul.d") S2("fmul.s")
    D2("fdiv.d") S2("fdiv.s") D2("fmax.d") S2("fmax.s") D2("fmin.d") S2("fmin.s")
    D2("fmaxa.d") S2("fmaxa.s") D2("fmina.d") S2("fmina.s")
    D2("fcopysign.d") S2("fcopysign.s")
    D1("fsqrt.d") S1("fsqrt.s") D1("frecip.d") S1("frecip.s")
    D1("frsqrt.d") S1("frsqrt.s") D1("fmov.d") S1("fmov.s")
    D1("fabs.d") S1("fabs.s") D1("fneg.d") S1("fneg.s")
    D1("frint.d") S1("frint.s")
    D1("fclass.d") S1("fclass.s")
    D3("fmadd.d") S3("fmadd.s") D3("fmsub.d") S3("fmsub.s")
    D3("fnmadd.d") S3("fnmadd.s") D3("fnmsub.d") S3("fnmsub.s")
    CVT("fcvt.s.d", double, dv) CVT("fcvt.d.s", float, sv)
    CVT("ftint.w.d", double, dv) CVT("ftint.w.s", float, sv)
    CVT("ftint.l.d", double, dv) CVT("ftint.l.s", float, sv)
    CVT("ftintrz.w.d", double, dv) CVT("ftintrz.l.s", float, sv)
    CVT("ftintrm.w.s", float, sv) CVT("ftintrm.l.d", double, dv)
    CVT("ftintrp.w.d", double, dv) CVT("ftintrp.l.s", float, sv)
    CVT("ftintrne.w.s", float, sv) CVT("ftintrne.l.d", double, dv)
    FFINT("ffint.d.w", uint64_t) FFINT("ffint.d.l", uint64_t)
    FFINT("ffint.s.w", uint32_t) FFINT("ffint.s.l", uint32_t)
    {
        /* fscaleb: fk holds an integer */
        static const int64_t ks[] = { 0, 1, -1, 52, -1074, -1075, 1023, 1024, -2000,
                                      5000, 149, -150, 127, 128, 0x7fffffff,
                                      -0x80000000ll, 0x100000000ll };
        begin("fscaleb.d");
        FOR_RM for (int i = 0; i < N; i++) for (unsigned k = 0; k < sizeof ks / sizeof ks[0]; k++) {
            double r, a = dbl(dv[i]);
            uint64_t kk = (uint64_t)ks[k];
            set_fcsr(rm << 8);
            __asm__ volatile("movgr2fr.d $ft3, %2\n\tfscaleb.d %0, %1, $ft3"
                             : "=f"(r) : "f"(a), "r"(kk) : "$f11");
            RES(bits_of(r));
        }
        end();
        begin("fscaleb.s");
        FOR_RM for (int i = 0; i < N; i++) for (unsigned k = 0; k < sizeof ks / sizeof ks[0]; k++) {
            float r, a = flt(sv[i]);
            uint64_t kk = (uint64_t)ks[k];
            set_fcsr(rm << 8);
            __asm__ volatile("movgr2fr.d $ft3, %2\n\tfscaleb.s %0, %1, $ft3"
                             : "=f"(r) : "f"(a), "r"(kk) : "$f11");
            RES(fbits(r));
        }
        end();
    }
    for (unsigned c = 0; c < 22; c++) {
        /* the mnemonic must be a literal: dispatch through a switch */
        switch (c) {
#define C(i, s) case i: FCMP(s) break;
        C(0, "caf") C(1, "saf") C(2, "clt") C(3, "slt") C(4, "ceq") C(5, "seq")
        C(6, "cle") C(7, "sle") C(8, "cun") C(9, "sun") C(10, "cult") C(11, "sult")
        C(12, "cueq") C(13, "sueq") C(14, "cule") C(15, "sule") C(16, "cne")
        C(17, "sne") C(18, "cor") C(19, "sor") C(20, "cune") C(21, "sune")
        }
    }

    /* fsel, fcc moves, fcsr windows */
    double a = 1.5, b = -2.25, r;
    uint64_t g, g2;
    __asm__ volatile("movgr2cf $fcc3, %2\n\tfsel %0, %3, %4, $fcc3\n\tmovcf2gr %1, $fcc3"
                     : "=f"(r), "=r"(g) : "r"(1ull), "f"(a), "f"(b));
    printf("fsel %llx fcc %llu\n", (unsigned long long)bits_of(r), (unsigned long long)g);
    set_fcsr(0);
    __asm__ volatile("movgr2fcsr $fcsr3, %2\n\tmovfcsr2gr %0, $fcsr0\n\t"
                     "movgr2fcsr $fcsr2, %3\n\tmovfcsr2gr %1, $fcsr0"
                     : "=&r"(g), "=&r"(g2) : "r"(0xffffffffull), "r"(0xffffffffull));
    printf("fcsr windows %llx %llx\n", (unsigned long long)g, (unsigned long long)g2);
    set_fcsr(0);
    __asm__ volatile("movgr2fcsr $fcsr1, %1\n\tmovfcsr2gr %0, $fcsr1"
                     : "=&r"(g) : "r"(0xffffffffull));
    printf("fcsr1 %llx\n", (unsigned long long)g);
    set_fcsr(0);
    __asm__ volatile("movgr2fr.d $ft2, %2\n\tmovgr2frh.w $ft2, %3\n\t"
                     "movfrh2gr.s %0, $ft2\n\tmovfr2gr.s %1, $ft2"
                     : "=&r"(g), "=&r"(g2) : "r"(0x1111111122222222ull), "r"(0x87654321ull)
                     : "$f10");
    printf("frh %llx %llx\n", (unsigned long long)g, (unsigned long long)g2);
    __asm__ volatile("movgr2fr.d $ft2, %1\n\tmovfr2cf $fcc5, $ft2\n\tmovcf2gr %0, $fcc5"
                     : "=r"(g) : "r"(3ull) : "$f10");
    printf("movfr2cf %llu\n", (unsigned long long)g);

    /* tininess: -2^-1076 + 2^-1022 rounds to 2^-1022; underflow is not
     * raised when tininess is detected after rounding */
    {
        double x = dbl(0x9e50000000000000ull), y = dbl(0x1e50000000000000ull);
        double z = dbl(0x0010000000000000ull), q;
        set_fcsr(0);
        __asm__ volatile("fmadd.d %0, %1, %2, %3" : "=f"(q) : "f"(x), "f"(y), "f"(z));
        printf("tininess %llx fcsr %x\n", (unsigned long long)bits_of(q), get_fcsr());
    }
    return 0;
}
