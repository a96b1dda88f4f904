/* x86_64 SSE..SSE4.2 instructions over edge-case vectors: each line is one
 * instruction with an FNV-1a hash of the results (and of MXCSR flags or
 * RFLAGS where the instruction sets them).  The reference is the same
 * binary run natively on the host. */
#include "rt.h"

typedef struct { uint64_t q[2]; } v128;

static const v128 vecs[] = {
    {{0, 0}}, {{~0ull, ~0ull}}, {{0x0123456789abcdefull, 0xfedcba9876543210ull}},
    {{0x8000000080000000ull, 0x7fffffff7fffffffull}}, {{0x00ff00ff00ff00ffull, 0xff00ff00ff00ff00ull}},
    {{0x3ff0000000000000ull, 0xbff8000000000000ull}},           /* 1.0, -1.5 */
    {{0x7ff8000000000000ull, 0x7ff0000000000000ull}},           /* qNaN, +inf */
    {{0x0000000000000001ull, 0x8010000000000000ull}},           /* denormal, -min normal */
    {{0x3f8000003fc00000ull, 0x7fc00000ff800000ull}},           /* floats 1.5 1.0 / -inf qNaN */
    {{0x4005bf0a8b145769ull, 0x400921fb54442d18ull}},           /* e, pi */
    {{0x6c6c6568006f6c6cull, 0x0000646c726f7720ull}},           /* text with NULs */
    {{0x4141414141414141ull, 0x6162636465666768ull}},
};
#define NV (sizeof vecs / sizeof vecs[0])

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
static void begin(const char *n) { h = RT_FNV_INIT; shown = 0; printf("%-14s", n); }
static void end(void) { printf(" | %016llx\n", (unsigned long long)h); }

#define FLAGS_OUT "lea -128(%%rsp), %%rsp\n\tpushfq\n\tpopq %[f]\n\tlea 128(%%rsp), %%rsp"

/* a op= b over all pairs; records result and the MXCSR after (flags cleared first) */
#define OP(insn)                                                                   \
    begin(insn);                                                                   \
    for (unsigned i = 0; i < NV; i++)                                              \
        for (unsigned j = 0; j < NV; j++) {                                        \
            v128 a = vecs[i], b = vecs[j];                                         \
            uint32_t csr = 0x1f80, out;                                            \
            __asm__ volatile("movdqu %[a], %%xmm1\n\tmovdqu %[b], %%xmm2\n\t"      \
                             "ldmxcsr %[csr]\n\t" insn " %%xmm2, %%xmm1\n\t"       \
                             "stmxcsr %[out]\n\tmovdqu %%xmm1, %[a]"               \
                             : [a] "+m"(a), [out] "=m"(out)                        \
                             : [b] "m"(b), [csr] "m"(csr) : "xmm1", "xmm2");       \
            rec(a.q[0]); rec(a.q[1]); rec(out);                                    \
        }                                                                          \
    end();

/* same with the rounding mode and DAZ/FTZ in csr */
#define OPM(insn, csrv)                                                            \
    begin(insn "/" #csrv);                                                         \
    for (unsigned i = 0; i < NV; i++)                                              \
        for (unsigned j = 0; j < NV; j++) {                                        \
            v128 a = vecs[i], b = vecs[j];                                         \
            uint32_t csr = csrv, out;                                              \
            __asm__ volatile("movdqu %[a], %%xmm1\n\tmovdqu %[b], %%xmm2\n\t"      \
                             "ldmxcsr %[csr]\n\t" insn " %%xmm2, %%xmm1\n\t"       \
                             "stmxcsr %[out]\n\tmovdqu %%xmm1, %[a]\n\t"           \
                             "movl $0x1f80, %[csr]\n\tldmxcsr %[csr]"              \
                             : [a] "+m"(a), [out] "=m"(out), [csr] "+m"(csr)       \
                             : [b] "m"(b) : "xmm1", "xmm2");                       \
            rec(a.q[0]); rec(a.q[1]); rec(out);                                    \
        }                                                                          \
    end();

/* flag-setting compares: records RFLAGS arithmetic bits */
#define OPF(insn, mask)                                                            \
    begin(insn);                                                                   \
    for (unsigned i = 0; i < NV; i++)                                              \
        for (unsigned j = 0; j < NV; j++) {                                        \
            v128 a = vecs[i], b = vecs[j];                                         \
            uint64_t f, cx = 0;                                                    \
            __asm__ volatile("movdqu %[a], %%xmm1\n\tmovdqu %[b], %%xmm2\n\t"      \
                             "mov $5, %%eax\n\tmov $9, %%edx\n\t"                  \
                             insn "\n\t" FLAGS_OUT "\n\tmovdqu %%xmm1, %[a]"       \
                             : [a] "+m"(a), [f] "=&r"(f), "+c"(cx)                 \
                             : [b] "m"(b) : "xmm0", "xmm1", "xmm2", "rax", "rdx", "cc"); \
            rec(f & (mask)); rec(cx); rec(a.q[0] ^ a.q[1]);                        \
        }                                                                          \
    end();

int main(void)
{
    OP("paddb") OP("paddw") OP("paddq") OP("psubusb") OP("paddsw") OP("pmulhuw") OP("pmuludq")
    OP("pmaddwd") OP("psadbw") OP("pavgb") OP("pcmpgtb") OP("pcmpeqd") OP("packsswb") OP("packuswb")
    OP("punpcklbw") OP("punpckhqdq") OP("psllw") OP("psrad") OP("psrlq") OP("pminsw") OP("pmaxub")
    OP("pandn") OP("unpcklps") OP("shufps $0x1b,") OP("pshufd $0x4e,") OP("pshufhw $0xb1,")
    OP("addsd") OP("subps") OP("mulpd") OP("divsd") OP("divps") OP("sqrtpd") OP("sqrtss")
    OP("minsd") OP("maxps") OP("minpd") OP("cmpltsd") OP("cmpunordps") OP("cmpnlepd")
    OP("cvtsd2ss") OP("cvtss2sd") OP("cvtps2pd") OP("cvtpd2ps") OP("cvtdq2ps") OP("cvttps2dq")
    OP("cvtpd2dq") OP("cvtdq2pd")
    OPM("addsd", 0x3f80) OPM("mulps", 0x5f80) OPM("divpd", 0x7f80) OPM("cvtpd2dq", 0x3f80)
    OPM("mulsd", 0x9fc0) OPM("subps", 0x9fc0)
    /* SSE3 */
    OP("addsubpd") OP("haddps") OP("hsubpd") OP("movddup") OP("movshdup")
    /* SSSE3 */
    OP("pshufb") OP("phaddw") OP("phsubd") OP("pmaddubsw") OP("pmulhrsw") OP("psignb") OP("pabsd")
    OP("palignr $5,") OP("palignr $20,")
    /* SSE4.1 */
    OP("pminsb") OP("pmaxud") OP("pmulld") OP("pmuldq") OP("pcmpeqq") OP("packusdw")
    OP("phminposuw") OP("pmovsxbw") OP("pmovzxwq") OP("pmovsxdq") OP("pblendw $0xa5,")
    OP("blendps $5,") OP("roundsd $1,") OP("roundps $2,") OP("roundpd $0xc,") OP("dpps $0xf1,")
    OP("dppd $0x31,") OP("insertps $0x9c,") OP("mpsadbw $5,")
    OP("pblendvb %%xmm0,") OP("blendvpd %%xmm0,")
    /* SSE4.2 */
    OP("pcmpgtq")
    OPF("ptest %%xmm2, %%xmm1", 0x8d5)
    OPF("ucomisd %%xmm2, %%xmm1", 0x8d5)
    OPF("comiss %%xmm2, %%xmm1", 0x8d5)
    OPF("pcmpistri $0x0c, %%xmm2, %%xmm1", 0x8c5)
    OPF("pcmpistri $0x44, %%xmm2, %%xmm1", 0x8c5)
    OPF("pcmpistri $0x3a, %%xmm2, %%xmm1", 0x8c5)
    OPF("pcmpestri $0x18, %%xmm2, %%xmm1", 0x8c5)
    OPF("pcmpistrm $0x40, %%xmm2, %%xmm1\n\tmovdqa %%xmm0, %%xmm1", 0x8c5)
    OPF("pcmpestrm $0x04, %%xmm2, %%xmm1\n\tmovdqa %%xmm0, %%xmm1", 0x8c5)

    begin("cvtsi2sd/cvttsd2si");
    for (unsigned i = 0; i < NV; i++) {
        int64_t r64;
        int32_t r32;
        double dd;
        __asm__ volatile("cvtsi2sdq %2, %%xmm3\n\tmovq %%xmm3, %0" : "=r"(dd) : "0"(0.0), "r"(vecs[i].q[1]) : "xmm3");
        rec((uint64_t)vecs[i].q[1]); rec(*(uint64_t *)&dd);
        __asm__ volatile("movq %2, %%xmm3\n\tcvttsd2si %%xmm3, %0\n\tcvtsd2si %%xmm3, %1"
                         : "=r"(r64), "=r"(r32) : "r"(vecs[i].q[0]) : "xmm3");
        rec((uint64_t)r64); rec((uint32_t)r32);
    }
    end();
    begin("crc32");
    {
        uint64_t crc = 0xffffffff;
        for (unsigned i = 0; i < NV; i++) {
            uint8_t bb = (uint8_t)vecs[i].q[0];
            uint16_t w = (uint16_t)vecs[i].q[1];
            uint32_t dw = (uint32_t)(vecs[i].q[0] >> 7);
            __asm__("crc32b %1, %k0" : "+r"(crc) : "r"(bb));
            __asm__("crc32w %1, %k0" : "+r"(crc) : "r"(w));
            __asm__("crc32l %1, %k0" : "+r"(crc) : "r"(dw));
            __asm__("crc32q %1, %0" : "+r"(crc) : "r"(vecs[i].q[1]));
            rec(crc);
        }
    }
    end();
    begin("popcnt");
    for (unsigned i = 0; i < NV; i++) {
        uint64_t r, f;
        __asm__ volatile("popcntq %2, %0\n\t" FLAGS_OUT : "=&r"(r), [f] "=&r"(f) : "r"(vecs[i].q[0]) : "cc");
        rec(r); rec(f & 0x8d5);
    }
    end();
    return 0;
}
