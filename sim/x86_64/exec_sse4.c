/* SSE3, SSSE3, SSE4.1, SSE4.2.  Each runs as the host's own instruction
 * (guest and host are both x86), so trapeze offers an extension only when
 * the host has it: x86_ext_available() feeds CPUID, and without it the
 * instructions stay #UD.  Immediate forms expand to one case per imm8
 * value, because the immediate is part of the host instruction. */
#include "sse.h"

bool x86_ext_available(unsigned ext)
{
    switch (ext) {
    case 0: return __builtin_cpu_supports("sse3");
    case 1: return __builtin_cpu_supports("ssse3");
    case 2: return __builtin_cpu_supports("sse4.1");
    case 3: return __builtin_cpu_supports("sse4.2");
    case 4: return true;        /* popcnt is computed in C */
    }
    return false;
}
enum { EXT_SSE3, EXT_SSSE3, EXT_SSE41, EXT_SSE42, EXT_POPCNT };

#define I4(M, n) M(n) M(n + 1) M(n + 2) M(n + 3)
#define I16(M, n) I4(M, n) I4(M, n + 4) I4(M, n + 8) I4(M, n + 12)
#define I256(M) I16(M, 0) I16(M, 16) I16(M, 32) I16(M, 48) I16(M, 64) I16(M, 80) I16(M, 96) \
    I16(M, 112) I16(M, 128) I16(M, 144) I16(M, 160) I16(M, 176) I16(M, 192) I16(M, 208)    \
    I16(M, 224) I16(M, 240)

/* integer two-operand ops: W is 16 bytes (aligned) or `sz` bytes for pmovsx/zx */
#define PA2(name, insn, sz)                                                     \
    H(h_##name)                                                                 \
    {                                                                           \
        XO;                                                                     \
        __m128i a = xget(x, o->reg);                                            \
        GETW(b, sz);                                                            \
        __asm__(insn " %1, %0" : "+x"(a) : "x"(b));                             \
        xset(x, o->reg, a);                                                     \
        CPU_NEXT(c, d);                                                           \
    }
PA2(pshufb, "pshufb", 16) PA2(phaddw, "phaddw", 16) PA2(phaddd, "phaddd", 16)
PA2(phaddsw, "phaddsw", 16) PA2(phsubw, "phsubw", 16) PA2(phsubd, "phsubd", 16)
PA2(phsubsw, "phsubsw", 16) PA2(pmaddubsw, "pmaddubsw", 16) PA2(pmulhrsw, "pmulhrsw", 16)
PA2(psignb, "psignb", 16) PA2(psignw, "psignw", 16) PA2(psignd, "psignd", 16)
PA2(pabsb, "pabsb", 16) PA2(pabsw, "pabsw", 16) PA2(pabsd, "pabsd", 16)
PA2(pminsb, "pminsb", 16) PA2(pminsd, "pminsd", 16) PA2(pminuw, "pminuw", 16)
PA2(pminud, "pminud", 16) PA2(pmaxsb, "pmaxsb", 16) PA2(pmaxsd, "pmaxsd", 16)
PA2(pmaxuw, "pmaxuw", 16) PA2(pmaxud, "pmaxud", 16) PA2(pmulld, "pmulld", 16)
PA2(pmuldq, "pmuldq", 16) PA2(pcmpeqq, "pcmpeqq", 16) PA2(packusdw, "packusdw", 16)
PA2(phminposuw, "phminposuw", 16) PA2(pcmpgtq, "pcmpgtq", 16)
PA2(pmovsxbw, "pmovsxbw", 8) PA2(pmovsxbd, "pmovsxbd", 4) PA2(pmovsxbq, "pmovsxbq", 2)
PA2(pmovsxwd, "pmovsxwd", 8) PA2(pmovsxwq, "pmovsxwq", 4) PA2(pmovsxdq, "pmovsxdq", 8)
PA2(pmovzxbw, "pmovzxbw", 8) PA2(pmovzxbd, "pmovzxbd", 4) PA2(pmovzxbq, "pmovzxbq", 2)
PA2(pmovzxwd, "pmovzxwd", 8) PA2(pmovzxwq, "pmovzxwq", 4) PA2(pmovzxdq, "pmovzxdq", 8)

/* a 2-byte memory operand for pmovsxbq / pmovzxbq */
static inline bool srcW2(struct x86_cpu *x, const struct xop *o, __m128i *v)
{
    if (!o->mem)
        return srcW(x, o, 16, v);
    *v = _mm_cvtsi32_si128(mem_ld16(&x->c, x86_ea(x, o)));
    return true;
}

/* SSE3 floating point (under MXCSR) */
FP2(addsubps, "addsubps", 16) FP2(addsubpd, "addsubpd", 16)
FP2(haddps, "haddps", 16) FP2(haddpd, "haddpd", 16)
FP2(hsubps, "hsubps", 16) FP2(hsubpd, "hsubpd", 16)

H(h_movdup)
{
    XO;
    GETW(v, o->sub == 2 ? 8 : 16);
    xmm_t s, r;
    _mm_storeu_si128((__m128i *)&s, v);
    switch (o->sub) {
    case 0: r.d[0] = r.d[1] = s.d[0]; r.d[2] = r.d[3] = s.d[2]; break;   /* movsldup */
    case 1: r.d[0] = r.d[1] = s.d[1]; r.d[2] = r.d[3] = s.d[3]; break;   /* movshdup */
    default: r.q[0] = r.q[1] = s.q[0]; break;                            /* movddup */
    }
    x->xmm[o->reg] = r;
    CPU_NEXT(c, d);
}

H(h_ptest)
{
    XO;
    __m128i a = xget(x, o->reg);
    GETW(b, 16);
    __m128i and_ = _mm_and_si128(a, b), andn = _mm_andnot_si128(a, b);
    bool zf = _mm_movemask_epi8(_mm_cmpeq_epi8(and_, _mm_setzero_si128())) == 0xffff;
    bool cf = _mm_movemask_epi8(_mm_cmpeq_epi8(andn, _mm_setzero_si128())) == 0xffff;
    set_flags_eager(x, (zf ? FL_ZF : 0) | (cf ? FL_CF : 0));
    CPU_NEXT(c, d);
}

/* pblendvb / blendvps / blendvpd: mask in xmm0; sub = element size */
H(h_blendv)
{
    XO;
    GETW(bv, 16);
    xmm_t a = x->xmm[o->reg], b, m = x->xmm[0];
    _mm_storeu_si128((__m128i *)&b, bv);
    unsigned es = o->sub;
    for (unsigned i = 0; i < 16; i += es)
        if (m.b[i + es - 1] & 0x80)
            memcpy(&a.b[i], &b.b[i], es);
    x->xmm[o->reg] = a;
    CPU_NEXT(c, d);
}

/* blendps / blendpd / pblendw: sub = element size */
H(h_blendi)
{
    XO;
    GETW(bv, 16);
    xmm_t a = x->xmm[o->reg], b;
    _mm_storeu_si128((__m128i *)&b, bv);
    unsigned es = o->sub, im = o->imm & 0xff;
    for (unsigned i = 0, k = 0; i < 16; i += es, k++)
        if (im >> k & 1)
            memcpy(&a.b[i], &b.b[i], es);
    x->xmm[o->reg] = a;
    CPU_NEXT(c, d);
}

H(h_palignr)
{
    XO;
    GETW(bv, 16);
    uint8_t t[32];
    _mm_storeu_si128((__m128i *)t, bv);
    memcpy(t + 16, &x->xmm[o->reg], 16);
    unsigned n = o->imm & 0xff;
    xmm_t r;
    for (unsigned i = 0; i < 16; i++)
        r.b[i] = i + n < 32 ? t[i + n] : 0;
    x->xmm[o->reg] = r;
    CPU_NEXT(c, d);
}

/* pextrb/w/d/q and extractps: sub = element size */
H(h_pextr)
{
    XO;
    unsigned es = o->sub, n = 16 / es;
    uint64_t v = 0;
    memcpy(&v, &x->xmm[o->reg].b[(o->imm % n) * es], es);
    if (o->mem)
        stm(x, x86_ea(x, o), es, v);
    else
        wrreg(x, o->rm, es == 8 ? 8 : 4, v);
    CPU_NEXT(c, d);
}

/* pinsrb/d/q: sub = element size */
H(h_pinsr)
{
    XO;
    unsigned es = o->sub, n = 16 / es;
    uint64_t v = o->mem ? ldm(x, x86_ea(x, o), es) : x->r[o->rm];
    memcpy(&x->xmm[o->reg].b[(o->imm % n) * es], &v, es);
    CPU_NEXT(c, d);
}

H(h_insertps)
{
    XO;
    unsigned im = o->imm & 0xff;
    uint32_t v = o->mem ? mem_ld32(c, x86_ea(x, o)) : x->xmm[o->rm].d[(im >> 6) & 3];
    xmm_t r = x->xmm[o->reg];
    r.d[(im >> 4) & 3] = v;
    for (int i = 0; i < 4; i++)
        if (im >> i & 1)
            r.d[i] = 0;
    x->xmm[o->reg] = r;
    CPU_NEXT(c, d);
}

H(h_mpsadbw)
{
    XO;
    GETW(bv, 16);
    xmm_t a = x->xmm[o->reg], b, r;
    _mm_storeu_si128((__m128i *)&b, bv);
    unsigned im = o->imm & 0xff, ao = ((im >> 2) & 1) * 4, bo = (im & 3) * 4;
    for (unsigned i = 0; i < 8; i++) {
        unsigned s = 0;
        for (unsigned j = 0; j < 4; j++) {
            int dd = (int)a.b[ao + i + j] - (int)b.b[bo + j];
            s += (unsigned)(dd < 0 ? -dd : dd);
        }
        r.w[i] = (uint16_t)s;
    }
    x->xmm[o->reg] = r;
    CPU_NEXT(c, d);
}

/* round{ps,pd,ss,sd}: imm[3:0] (rounding control, precision mask) */
#define RND(name, insn, sw, dw)                                                 \
    H(h_##name)                                                                 \
    {                                                                           \
        XO;                                                                     \
        __m128i a = xget(x, o->reg);                                            \
        GETW(b, sw);                                                            \
        uint32_t st;                                                            \
        switch (o->imm & 15) {                                                  \
        I16(RCASE_##name, 0)                                                    \
        }                                                                       \
        return fp_done(c, d, st, a, o->reg, dw);                                \
    }
#define RCASE(insn, n) case (n): FPASM(insn " $" #n ",", a, b, st); break;
#define RCASE_roundps(n) RCASE("roundps", n)
#define RCASE_roundpd(n) RCASE("roundpd", n)
#define RCASE_roundss(n) RCASE("roundss", n)
#define RCASE_roundsd(n) RCASE("roundsd", n)
#define RCASE_dpps(n) RCASE("dpps", n)
#define RCASE_dppd(n) RCASE("dppd", n)
RND(roundps, "roundps", 16, 16)
RND(roundpd, "roundpd", 16, 16)
RND(roundss, "roundss", 4, 4)
RND(roundsd, "roundsd", 8, 8)

#define DP(name)                                                                \
    H(h_##name)                                                                 \
    {                                                                           \
        XO;                                                                     \
        __m128i a = xget(x, o->reg);                                            \
        GETW(b, 16);                                                            \
        uint32_t st;                                                            \
        switch (o->imm & 255) {                                                 \
        I256(RCASE_##name)                                                      \
        }                                                                       \
        return fp_done(c, d, st, a, o->reg, 16);                                \
    }
DP(dpps)
DP(dppd)

/* SSE4.2 string compares: sub bit0 = explicit lengths, bit1 = mask output */
#define SCASE_I(n) case (n): __asm__("pcmpistri $" #n ", %[b], %[a]\n\tsetc %[cf]\n\tsetz %[zf]\n\tsets %[sf]\n\tseto %[of]" \
    : "=c"(ecx), [cf] "=q"(cf), [zf] "=q"(zf), [sf] "=q"(sf), [of] "=q"(of) : [a] "x"(a), [b] "x"(b) : "cc"); break;
#define SCASE_IM(n) case (n): __asm__("pcmpistrm $" #n ", %[b], %[a]\n\tsetc %[cf]\n\tsetz %[zf]\n\tsets %[sf]\n\tseto %[of]" \
    : "=Yz"(mask), [cf] "=q"(cf), [zf] "=q"(zf), [sf] "=q"(sf), [of] "=q"(of) : [a] "x"(a), [b] "x"(b) : "cc"); break;
#define SCASE_E(n) case (n): __asm__("pcmpestri $" #n ", %[b], %[a]\n\tsetc %[cf]\n\tsetz %[zf]\n\tsets %[sf]\n\tseto %[of]" \
    : "=c"(ecx), [cf] "=q"(cf), [zf] "=q"(zf), [sf] "=q"(sf), [of] "=q"(of) : [a] "x"(a), [b] "x"(b), "a"(la), "d"(lb) : "cc"); break;
#define SCASE_EM(n) case (n): __asm__("pcmpestrm $" #n ", %[b], %[a]\n\tsetc %[cf]\n\tsetz %[zf]\n\tsets %[sf]\n\tseto %[of]" \
    : "=Yz"(mask), [cf] "=q"(cf), [zf] "=q"(zf), [sf] "=q"(sf), [of] "=q"(of) : [a] "x"(a), [b] "x"(b), "a"(la), "d"(lb) : "cc"); break;

static int32_t clamp_len(uint64_t v, bool w)
{
    int64_t s = w ? (int64_t)v : (int32_t)v;
    return s > 17 ? 17 : s < -17 ? -17 : (int32_t)s;
}

H(h_pcmpstr)
{
    XO;
    __m128i a = xget(x, o->reg), b, mask = _mm_setzero_si128();
    if (o->mem) {
        uint64_t ad = x86_ea(x, o);
        b = _mm_set_epi64x((long long)mem_ld64(c, ad + 8), (long long)mem_ld64(c, ad));
    } else
        b = xget(x, o->rm);
    uint32_t ecx = 0;
    uint8_t cf, zf, sf, of;
    int32_t la = clamp_len(x->r[0], o->osz == 8), lb = clamp_len(x->r[2], o->osz == 8);
    switch (o->sub) {
    case 0: switch (o->imm & 255) { I256(SCASE_I) } break;
    case 1: switch (o->imm & 255) { I256(SCASE_E) } break;
    case 2: switch (o->imm & 255) { I256(SCASE_IM) } break;
    default: switch (o->imm & 255) { I256(SCASE_EM) } break;
    }
    if (o->sub & 2)
        xset(x, 0, mask);
    else
        x->r[1] = ecx;
    set_flags_eager(x, (cf ? FL_CF : 0) | (zf ? FL_ZF : 0) | (sf ? FL_SF : 0) | (of ? FL_OF : 0));
    CPU_NEXT(c, d);
}

/* crc32 r32/r64, r/m8/16/32/64 (CRC-32C) */
H(h_crc32)
{
    XO;
    unsigned sz = o->sub;
    uint64_t v = o->mem ? ldm(x, x86_ea(x, o), sz) : rdreg(x, o->rm, sz);
    uint32_t crc = (uint32_t)x->r[o->reg];
    for (unsigned i = 0; i < sz; i++) {
        crc ^= (uint8_t)(v >> (8 * i));
        for (int k = 0; k < 8; k++)
            crc = crc & 1 ? (crc >> 1) ^ 0x82f63b78u : crc >> 1;
    }
    x->r[o->reg] = crc;
    CPU_NEXT(c, d);
}

xhandler x86_sse4_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d);

xhandler x86_sse4_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d)
{
    static int avail[5] = { -1, -1, -1, -1, -1 };
    if (avail[0] < 0)
        for (int i = 0; i < 5; i++)
            avail[i] = x86_ext_available((unsigned)i);
    unsigned id = in->e->id;
    d->cls = IC_SIMD;
    o->form = 1;                /* m128 operands must be aligned (not the string ops) */
    if (avail[EXT_SSE3]) {
        switch (id) {
        case X_ADDSUBPS: return h_addsubps;
        case X_ADDSUBPD: return h_addsubpd;
        case X_HADDPS: return h_haddps;
        case X_HADDPD: return h_haddpd;
        case X_HSUBPS: return h_hsubps;
        case X_HSUBPD: return h_hsubpd;
        case X_MOVSLDUP: o->sub = 0; return h_movdup;
        case X_MOVSHDUP: o->sub = 1; return h_movdup;
        case X_MOVDDUP: o->sub = 2; o->form = 0; return h_movdup;
        }
    }
    if (avail[EXT_SSSE3] && !(in->map >= 2 && in->e->pfx == PN)) {   /* not the MMX forms */
        switch (id) {
        case X_PSHUFB: return h_pshufb;
        case X_PHADDW: return h_phaddw;
        case X_PHADDD: return h_phaddd;
        case X_PHADDSW: return h_phaddsw;
        case X_PHSUBW: return h_phsubw;
        case X_PHSUBD: return h_phsubd;
        case X_PHSUBSW: return h_phsubsw;
        case X_PMADDUBSW: return h_pmaddubsw;
        case X_PMULHRSW: return h_pmulhrsw;
        case X_PSIGNB: return h_psignb;
        case X_PSIGNW: return h_psignw;
        case X_PSIGND: return h_psignd;
        case X_PABSB: return h_pabsb;
        case X_PABSW: return h_pabsw;
        case X_PABSD: return h_pabsd;
        case X_PALIGNR: return h_palignr;
        }
    }
    if (avail[EXT_SSE41]) {
        switch (id) {
        case X_PMINSB: return h_pminsb;
        case X_PMINSD: return h_pminsd;
        case X_PMINUW: return h_pminuw;
        case X_PMINUD: return h_pminud;
        case X_PMAXSB: return h_pmaxsb;
        case X_PMAXSD: return h_pmaxsd;
        case X_PMAXUW: return h_pmaxuw;
        case X_PMAXUD: return h_pmaxud;
        case X_PMULLD: return h_pmulld;
        case X_PMULDQ: return h_pmuldq;
        case X_PCMPEQQ: return h_pcmpeqq;
        case X_PACKUSDW: return h_packusdw;
        case X_PHMINPOSUW: return h_phminposuw;
        case X_PMOVSXBW: o->form = 0; return h_pmovsxbw;
        case X_PMOVSXBD: o->form = 0; return h_pmovsxbd;
        case X_PMOVSXWD: o->form = 0; return h_pmovsxwd;
        case X_PMOVSXWQ: o->form = 0; return h_pmovsxwq;
        case X_PMOVSXDQ: o->form = 0; return h_pmovsxdq;
        case X_PMOVZXBW: o->form = 0; return h_pmovzxbw;
        case X_PMOVZXBD: o->form = 0; return h_pmovzxbd;
        case X_PMOVZXWD: o->form = 0; return h_pmovzxwd;
        case X_PMOVZXWQ: o->form = 0; return h_pmovzxwq;
        case X_PMOVZXDQ: o->form = 0; return h_pmovzxdq;
        case X_PMOVSXBQ: case X_PMOVZXBQ:
            o->form = 0;
            return o->mem ? NULL : id == X_PMOVSXBQ ? h_pmovsxbq : h_pmovzxbq;
        case X_PTEST: return h_ptest;
        case X_PBLENDVB: o->sub = 1; return h_blendv;
        case X_BLENDVPS: o->sub = 4; return h_blendv;
        case X_BLENDVPD: o->sub = 8; return h_blendv;
        case X_BLENDPS: o->sub = 4; return h_blendi;
        case X_BLENDPD: o->sub = 8; return h_blendi;
        case X_PBLENDW: o->sub = 2; return h_blendi;
        case X_PEXTRB: o->sub = 1; return h_pextr;
        case X_PEXTRW: o->sub = 2; return h_pextr;
        case X_PEXTRD: o->sub = in->rex & 8 ? 8 : 4; return h_pextr;
        case X_EXTRACTPS: o->sub = 4; return h_pextr;
        case X_PINSRB: o->sub = 1; return h_pinsr;
        case X_PINSRD: o->sub = in->rex & 8 ? 8 : 4; return h_pinsr;
        case X_INSERTPS: return h_insertps;
        case X_MPSADBW: return h_mpsadbw;
        case X_ROUNDPS: return h_roundps;
        case X_ROUNDPD: return h_roundpd;
        case X_ROUNDSS: o->form = 0; return h_roundss;
        case X_ROUNDSD: o->form = 0; return h_roundsd;
        case X_DPPS: return h_dpps;
        case X_DPPD: return h_dppd;
        }
    }
    if (avail[EXT_SSE42]) {
        switch (id) {
        case X_PCMPGTQ: return h_pcmpgtq;
        case X_PCMPSTR:
            o->sub = (in->opc & 1 ? 0 : 2) | (in->opc < 0x62 ? 1 : 0);
            return h_pcmpstr;
        case X_CRC32:
            o->sub = in->opc == 0xf0 ? 1 : in->osz;
            if (o->sub == 1 && !o->mem)
                o->rm = !in->rex && in->rm >= 4 && in->rm < 8 ? 16 + in->rm - 4 : in->rm;
            return h_crc32;
        }
    }
    (void)srcW2;
    return NULL;
}
