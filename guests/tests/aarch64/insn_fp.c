/* A64 scalar floating point over edge-case operands in all four FPCR
 * rounding modes, with default-NaN and flush-to-zero: for each
 * instruction an FNV-1a hash of every result and of FPSR after it (and
 * NZCV for compares), plus a few results in clear.  Compared with
 * qemu-aarch64 running the same binary. */
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
static void rec(uint64_t v) { h = rt_fnv1a(h, &v, sizeof v); }
static void show(uint64_t v)
{
    if (shown < 3) {
        printf(" %llx", (unsigned long long)v);
        shown++;
    }
}
static void begin(const char *n) { h = RT_FNV_INIT; shown = 0; printf("%-10s", n); }
static void end(void) { printf(" | %016llx\n", (unsigned long long)h); }

/* FPCR modes: RMode in bits 23:22, FZ 24, DN 25 */
static const uint64_t modes[] = { 0, 1ull << 22, 2ull << 22, 3ull << 22, 1ull << 24, 1ull << 25 };
#define NM (sizeof modes / sizeof modes[0])

static uint64_t fpsr_get(void) { uint64_t v; __asm__ volatile("mrs %0, fpsr" : "=r"(v)); return v; }

#define D2(name, insn)                                                          \
    do {                                                                        \
        begin(name);                                                            \
        for (unsigned m = 0; m < NM; m++)                                       \
            for (unsigned i = 0; i < N; i++)                                    \
                for (unsigned j = 0; j < N; j++) {                              \
                    uint64_t r;                                                 \
                    __asm__ volatile("msr fpcr, %3\n\tmsr fpsr, xzr\n\t"        \
                                     "fmov d0, %1\n\tfmov d1, %2\n\t" insn      \
                                     "\n\tfmov %0, d2\n\tmsr fpcr, xzr"         \
                                     : "=r"(r) : "r"(dv[i]), "r"(dv[j]), "r"(modes[m]) \
                                     : "d0", "d1", "d2", "d3");                 \
                    rec(r);                                                     \
                    rec(fpsr_get());                                            \
                    if (m == 0 && i == 5 && j == 19) show(r);                   \
                }                                                               \
        end();                                                                  \
    } while (0)
#define S2(name, insn)                                                          \
    do {                                                                        \
        begin(name);                                                            \
        for (unsigned m = 0; m < NM; m++)                                       \
            for (unsigned i = 0; i < N; i++)                                    \
                for (unsigned j = 0; j < N; j++) {                              \
                    uint64_t r;                                                 \
                    __asm__ volatile("msr fpcr, %3\n\tmsr fpsr, xzr\n\t"        \
                                     "fmov s0, %w1\n\tfmov s1, %w2\n\t" insn    \
                                     "\n\tfmov %0, d2\n\tmsr fpcr, xzr"         \
                                     : "=r"(r) : "r"(sv[i]), "r"(sv[j]), "r"(modes[m]) \
                                     : "d0", "d1", "d2", "d3");                 \
                    rec(r);                                                     \
                    rec(fpsr_get());                                            \
                    if (m == 0 && i == 5 && j == 19) show(r);                   \
                }                                                               \
        end();                                                                  \
    } while (0)
/* one FP operand, a general-register result */
#define DX(name, insn, vals, mov)                                               \
    do {                                                                        \
        begin(name);                                                            \
        for (unsigned m = 0; m < NM; m++)                                       \
            for (unsigned i = 0; i < N; i++) {                                  \
                uint64_t r;                                                     \
                __asm__ volatile("msr fpcr, %2\n\tmsr fpsr, xzr\n\t"            \
                                 mov "\n\t" insn "\n\tmsr fpcr, xzr"            \
                                 : "=r"(r) : "r"((uint64_t)vals[i]), "r"(modes[m]) \
                                 : "d0", "d1", "d2");                           \
                rec(r);                                                         \
                rec(fpsr_get());                                                \
                if (m == 0 && i == 20) show(r);                                 \
            }                                                                   \
        end();                                                                  \
    } while (0)

int main(void)
{
    D2("fadd.d", "fadd d2, d0, d1");
    D2("fsub.d", "fsub d2, d0, d1");
    D2("fmul.d", "fmul d2, d0, d1");
    D2("fdiv.d", "fdiv d2, d0, d1");
    D2("fnmul.d", "fnmul d2, d0, d1");
    D2("fmax.d", "fmax d2, d0, d1");
    D2("fmin.d", "fmin d2, d0, d1");
    D2("fmaxnm.d", "fmaxnm d2, d0, d1");
    D2("fminnm.d", "fminnm d2, d0, d1");
    D2("fmadd.d", "fmadd d2, d0, d1, d0");
    D2("fmsub.d", "fmsub d2, d1, d0, d1");
    D2("fnmadd.d", "fnmadd d2, d0, d0, d1");
    D2("fnmsub.d", "fnmsub d2, d1, d1, d0");
    D2("fcmp.d", "fcmp d0, d1\n\tmrs x9, nzcv\n\tfmov d2, x9");
    D2("fcmpe.d", "fcmpe d0, d1\n\tmrs x9, nzcv\n\tfmov d2, x9");
    D2("fccmp.d", "cmp xzr, xzr\n\tfccmp d0, d1, #2, ne\n\tmrs x9, nzcv\n\tfccmpe d1, d0, #3, eq\n\tmrs x10, nzcv\n\tadd x9, x10, x9, lsr #28\n\tfmov d2, x9");
    D2("fcsel.d", "fcmp d0, d1\n\tfcsel d2, d0, d1, gt");
    D2("fsqrt.d", "fsqrt d2, d0");
    D2("fcvt.sd", "fcvt s2, d0");
    D2("frinta.d", "frinta d2, d0");
    D2("frintx.d", "frintx d2, d0");
    D2("frintm.d", "frintm d2, d0\n\tfrintp d3, d0\n\tfadd d2, d2, d3");
    D2("frintn.d", "frintn d2, d0\n\tfrintz d3, d0\n\tfsub d2, d2, d3");
    D2("frinti.d", "frinti d2, d0");
    S2("fadd.s", "fadd s2, s0, s1");
    S2("fsub.s", "fsub s2, s0, s1");
    S2("fmul.s", "fmul s2, s0, s1");
    S2("fdiv.s", "fdiv s2, s0, s1");
    S2("fmadd.s", "fmadd s2, s0, s1, s1");
    S2("fmax.s", "fmax s2, s0, s1");
    S2("fminnm.s", "fminnm s2, s0, s1");
    S2("fcmp.s", "fcmp s0, #0.0\n\tmrs x9, nzcv\n\tfmov d2, x9");
    S2("fsqrt.s", "fsqrt s2, s1");
    S2("fcvt.ds", "fcvt d2, s0");
    S2("fabs.s", "fabs s2, s0\n\tfneg s3, s1\n\tfadd s2, s2, s3");
    DX("fcvtzs.d", "fcvtzs %0, d0", dv, "fmov d0, %1");
    DX("fcvtzu.d", "fcvtzu %0, d0", dv, "fmov d0, %1");
    DX("fcvtzs.wd", "fcvtzs %w0, d0", dv, "fmov d0, %1");
    DX("fcvtzu.ws", "fcvtzu %w0, s0", sv, "fmov s0, %w1");
    DX("fcvtns.d", "fcvtns %0, d0", dv, "fmov d0, %1");
    DX("fcvtas.ws", "fcvtas %w0, s0", sv, "fmov s0, %w1");
    DX("fcvtmu.d", "fcvtmu %0, d0", dv, "fmov d0, %1");
    DX("fcvtps.s", "fcvtps %0, s0", sv, "fmov s0, %w1");
    DX("fcvtzsfx", "fcvtzs %0, d0, #8", dv, "fmov d0, %1");
    DX("scvtf.d", "scvtf d1, %1\n\tfmov %0, d1", dv, "");
    DX("ucvtf.s", "ucvtf s1, %1\n\tfmov %w0, s1", dv, "");
    DX("scvtf.sw", "scvtf s1, %w1\n\tfmov %w0, s1", dv, "");
    DX("ucvtf.dw", "ucvtf d1, %w1\n\tfmov %0, d1", dv, "");
    DX("scvtffx", "scvtf d1, %1, #12\n\tfmov %0, d1", dv, "");
    DX("fmovimm", "fmov d1, #-1.25\n\tfmov s2, #31.0\n\tfmov %0, d1\n\tfmov x9, d2\n\tadd %0, %0, x9", dv, "");
    DX("fmovhi", "fmov v1.d[1], %1\n\tfmov %0, v1.d[1]", dv, "");
    return 0;
}
