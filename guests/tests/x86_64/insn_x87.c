/* x87 instructions under every precision and rounding control setting:
 * each line is one operation with an FNV-1a hash of the 80-bit results
 * and the status word (exception flags, condition codes).  The reference
 * is the same binary run natively on the host. */
#include "rt.h"

typedef struct { uint64_t m; uint16_t e; uint16_t pad[3]; } f80;

static const f80 vals[] = {
    {0, 0}, {0, 0x8000}, {0x8000000000000000ull, 0x3fff},          /* 0, -0, 1 */
    {0xc000000000000000ull, 0xbfff}, {0xaaaaaaaaaaaaaaabull, 0x3ffd},  /* -1.5, ~1/3 */
    {0xc90fdaa22168c235ull, 0x4000}, {0xadf85458a2bb4a9bull, 0x4000},  /* pi, e */
    {0x8000000000000000ull, 0x7fff}, {0xc000000000000000ull, 0x7fff},  /* inf, qnan */
    {0x8000000000000001ull, 0x0001}, {0x0000000000000001ull, 0x0000},  /* tiny normal, denormal */
    {0xffffffffffffffffull, 0x403e}, {0x8000000000000000ull, 0x43fe},  /* 2^64-1, 2^1023 */
    {0x9184e72a00000000ull, 0x4028}, {0xfffffffffffff800ull, 0x3ffe},  /* 1e12, 1-2^-53 */
};
#define NV (sizeof vals / sizeof vals[0])
static const uint16_t cws[] = { 0x37f, 0x07f, 0x27f, 0x77f, 0xb7f, 0xf7f, 0x37f & ~0x300u };

static uint64_t h;
static int shown;
static void rec(uint64_t v)
{
    h = rt_fnv1a(h, &v, sizeof v);
    if (shown < 2) {
        printf(" %llx", (unsigned long long)v);
        shown++;
    }
}
static void rec80(const f80 *v) { rec(v->m); rec(v->e); }
static void begin(const char *n) { h = RT_FNV_INIT; shown = 0; printf("%-10s", n); }
static void end(void) { printf(" | %016llx\n", (unsigned long long)h); }

/* st(0) = a, st(1) = b; insn; store st(0) and the status word; empty the stack */
#define BIN(name, insn)                                                             \
    begin(name);                                                                    \
    for (unsigned k = 0; k < sizeof cws / sizeof cws[0]; k++)                       \
        for (unsigned i = 0; i < NV; i++)                                           \
            for (unsigned j = 0; j < NV; j++) {                                     \
                f80 r = {0, 0}; uint16_t sw, cw = cws[k], dcw = 0x37f;              \
                __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn "\n\t" \
                                 "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit\n\tfldcw %[d]"     \
                                 : [r] "=m"(r), [sw] "=m"(sw)                       \
                                 : [a] "m"(vals[i]), [b] "m"(vals[j]), [cw] "m"(cw), [d] "m"(dcw) \
                                 : "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"); \
                rec80(&r); rec(sw & 0x473f);                                          \
            }                                                                       \
    end();

#define UN(name, insn)                                                              \
    begin(name);                                                                    \
    for (unsigned k = 0; k < sizeof cws / sizeof cws[0]; k++)                       \
        for (unsigned i = 0; i < NV; i++) {                                         \
            f80 r = {0, 0}; uint16_t sw, cw = cws[k], dcw = 0x37f;                  \
            __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn "\n\t"      \
                             "fnstsw %[sw]\n\tfstpt %[r]\n\tfninit\n\tfldcw %[d]"         \
                             : [r] "=m"(r), [sw] "=m"(sw)                           \
                             : [a] "m"(vals[i]), [cw] "m"(cw), [d] "m"(dcw)         \
                             : "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"); \
            rec80(&r); rec(sw & 0x473f);                                              \
        }                                                                           \
    end();

/* a stored to memory in some format */
#define STORE(name, insn, T)                                                        \
    begin(name);                                                                    \
    for (unsigned k = 0; k < sizeof cws / sizeof cws[0]; k++)                       \
        for (unsigned i = 0; i < NV; i++) {                                         \
            T out = 0; uint16_t sw, cw = cws[k], dcw = 0x37f;                        \
            __asm__ volatile("fninit\n\tfldcw %[cw]\n\tfldt %[a]\n\t" insn " %[o]\n\t" \
                             "fnstsw %[sw]\n\tfninit\n\tfldcw %[d]"                  \
                             : [o] "=m"(out), [sw] "=m"(sw)                         \
                             : [a] "m"(vals[i]), [cw] "m"(cw), [d] "m"(dcw)         \
                             : "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"); \
            rec((uint64_t)out); rec(sw & 0x473f);                                     \
        }                                                                           \
    end();

int main(void)
{
    BIN("fadd", "fadd %%st(1), %%st")
    BIN("fsub", "fsub %%st(1), %%st")
    BIN("fsubr", "fsubr %%st(1), %%st")
    BIN("fmul", "fmul %%st(1), %%st")
    BIN("fdiv", "fdiv %%st(1), %%st")
    BIN("fdivr", "fdivr %%st(1), %%st")
    BIN("faddp", "faddp %%st, %%st(1)")
    BIN("fsubp", "fsubp %%st, %%st(1)")
    BIN("fdivrp", "fdivrp %%st, %%st(1)")
    BIN("fprem", "fprem")
    BIN("fprem1", "fprem1")
    BIN("fscale", "fscale")
    BIN("fpatan", "fpatan")
    BIN("fyl2x", "fyl2x")
    BIN("fyl2xp1", "fyl2xp1")
    BIN("fxch", "fxch %%st(1)\n\tfsub %%st(1), %%st")
    BIN("fcom", "fcom %%st(1)")
    BIN("fucomi", "fucomi %%st(1), %%st\n\tsetc %%al\n\tsetz %%ah\n\tmovzwl %%ax, %%eax\n\tpush %%rax\n\tfildl (%%rsp)\n\tpop %%rax")
    UN("fsqrt", "fsqrt")
    UN("frndint", "frndint")
    UN("fsin", "fsin")
    UN("fcos", "fcos")
    UN("fptan", "fptan\n\tfstp %%st(0)")
    UN("fsincos", "fsincos\n\tfaddp %%st, %%st(1)")
    UN("f2xm1", "f2xm1")
    UN("fxtract", "fxtract\n\tfaddp %%st, %%st(1)")
    UN("fchs", "fchs")
    UN("fabs", "fabs")
    UN("fxam", "fxam")
    UN("ftst", "ftst")
    UN("fld1add", "fld1\n\tfaddp %%st, %%st(1)")
    UN("fldpi", "fldpi\n\tfmulp %%st, %%st(1)")
    STORE("fsts", "fstps", uint32_t)
    STORE("fstl", "fstpl", uint64_t)
    STORE("fistps", "fistps", uint16_t)
    STORE("fistpl", "fistpl", uint32_t)
    STORE("fistpll", "fistpll", uint64_t)
    STORE("fisttpl", "fisttpl", uint32_t)
    STORE("fisttpll", "fisttpll", uint64_t)
    return 0;
}
