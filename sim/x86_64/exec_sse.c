/* SSE/SSE2: moves, packed integer, scalar and packed floating point.
 * Guest and host are both x86, so the host's own SSE instructions give
 * the exact results: floating point runs under the guest's MXCSR
 * (rounding, DAZ, FTZ) with every exception masked, and the flags it
 * raises are merged into the guest MXCSR (#XM when one is unmasked). */
#include <emmintrin.h>

#include "x86.h"

#include "sse.h"

/* ---- moves ---- */
H(h_mov_load) { XO; GETW(v, 16); xset(x, o->reg, v); CPU_NEXT(c, d); }
H(h_mov_store)
{
    XO;
    if (!o->mem) {
        xset(x, o->rm, xget(x, o->reg));
        CPU_NEXT(c, d);
    }
    uint64_t a = x86_ea(x, o);
    if ((o->form & 1) && (a & 15))
        return x86_gp0(c, d);
    mem_st64(c, a, x->xmm[o->reg].q[0]);
    mem_st64(c, a + 8, x->xmm[o->reg].q[1]);
    CPU_NEXT(c, d);
}
/* movss/movsd load (sub = 4 or 8) */
H(h_movs_load)
{
    XO;
    if (o->mem) {
        uint64_t a = x86_ea(x, o);
        uint64_t v = o->sub == 8 ? mem_ld64(c, a) : mem_ld32(c, a);
        x->xmm[o->reg].q[0] = v;
        x->xmm[o->reg].q[1] = 0;
    } else if (o->sub == 8)
        x->xmm[o->reg].q[0] = x->xmm[o->rm].q[0];
    else
        x->xmm[o->reg].d[0] = x->xmm[o->rm].d[0];
    CPU_NEXT(c, d);
}
H(h_movs_store)
{
    XO;
    if (o->mem) {
        uint64_t a = x86_ea(x, o);
        if (o->sub == 8)
            mem_st64(c, a, x->xmm[o->reg].q[0]);
        else
            mem_st32(c, a, x->xmm[o->reg].d[0]);
    } else if (o->sub == 8)
        x->xmm[o->rm].q[0] = x->xmm[o->reg].q[0];
    else
        x->xmm[o->rm].d[0] = x->xmm[o->reg].d[0];
    CPU_NEXT(c, d);
}
/* movd/movq xmm <- r/m32/64 */
H(h_movd_tox)
{
    XO;
    unsigned sz = o->osz == 8 ? 8 : 4;
    uint64_t v = o->mem ? (sz == 8 ? mem_ld64(c, x86_ea(x, o)) : mem_ld32(c, x86_ea(x, o)))
                        : rdreg(x, o->rm, sz);
    x->xmm[o->reg].q[0] = v;
    x->xmm[o->reg].q[1] = 0;
    CPU_NEXT(c, d);
}
H(h_movd_fromx)
{
    XO;
    unsigned sz = o->osz == 8 ? 8 : 4;
    uint64_t v = x->xmm[o->reg].q[0];
    if (o->mem) {
        if (sz == 8) mem_st64(c, x86_ea(x, o), v);
        else mem_st32(c, x86_ea(x, o), (uint32_t)v);
    } else
        wrreg(x, o->rm, sz, v);
    CPU_NEXT(c, d);
}
H(h_movq_tox)
{
    XO;
    uint64_t v = o->mem ? mem_ld64(c, x86_ea(x, o)) : x->xmm[o->rm].q[0];
    x->xmm[o->reg].q[0] = v;
    x->xmm[o->reg].q[1] = 0;
    CPU_NEXT(c, d);
}
H(h_movq_fromx)
{
    XO;
    uint64_t v = x->xmm[o->reg].q[0];
    if (o->mem)
        mem_st64(c, x86_ea(x, o), v);
    else {
        x->xmm[o->rm].q[0] = v;
        x->xmm[o->rm].q[1] = 0;
    }
    CPU_NEXT(c, d);
}
/* movlps/movlpd/movhps/movhpd load: sub = half */
H(h_movhalf_load) { XO; x->xmm[o->reg].q[o->sub] = mem_ld64(c, x86_ea(x, o)); CPU_NEXT(c, d); }
H(h_movhalf_store) { XO; mem_st64(c, x86_ea(x, o), x->xmm[o->reg].q[o->sub]); CPU_NEXT(c, d); }
H(h_movhlps) { XO; x->xmm[o->reg].q[0] = x->xmm[o->rm].q[1]; CPU_NEXT(c, d); }
H(h_movlhps) { XO; x->xmm[o->reg].q[1] = x->xmm[o->rm].q[0]; CPU_NEXT(c, d); }
H(h_movddup) { XO; GETW(v, 8); uint64_t q = (uint64_t)_mm_cvtsi128_si64(v); x->xmm[o->reg].q[0] = q; x->xmm[o->reg].q[1] = q; CPU_NEXT(c, d); }

/* ---- packed integer, two operands ---- */
#define PI(name, expr)                                                      \
    H(h_##name) { XO; __m128i a = xget(x, o->reg); GETW(b, 16); xset(x, o->reg, expr); CPU_NEXT(c, d); }
PI(pxor, _mm_xor_si128(a, b))
PI(por, _mm_or_si128(a, b))
PI(pand, _mm_and_si128(a, b))
PI(pandn, _mm_andnot_si128(a, b))
PI(paddb, _mm_add_epi8(a, b))
PI(paddw, _mm_add_epi16(a, b))
PI(paddd, _mm_add_epi32(a, b))
PI(paddq, _mm_add_epi64(a, b))
PI(psubb, _mm_sub_epi8(a, b))
PI(psubw, _mm_sub_epi16(a, b))
PI(psubd, _mm_sub_epi32(a, b))
PI(psubq, _mm_sub_epi64(a, b))
PI(paddsb, _mm_adds_epi8(a, b))
PI(paddsw, _mm_adds_epi16(a, b))
PI(paddusb, _mm_adds_epu8(a, b))
PI(paddusw, _mm_adds_epu16(a, b))
PI(psubsb, _mm_subs_epi8(a, b))
PI(psubsw, _mm_subs_epi16(a, b))
PI(psubusb, _mm_subs_epu8(a, b))
PI(psubusw, _mm_subs_epu16(a, b))
PI(pcmpeqb, _mm_cmpeq_epi8(a, b))
PI(pcmpeqw, _mm_cmpeq_epi16(a, b))
PI(pcmpeqd, _mm_cmpeq_epi32(a, b))
PI(pcmpgtb, _mm_cmpgt_epi8(a, b))
PI(pcmpgtw, _mm_cmpgt_epi16(a, b))
PI(pcmpgtd, _mm_cmpgt_epi32(a, b))
PI(pminub, _mm_min_epu8(a, b))
PI(pmaxub, _mm_max_epu8(a, b))
PI(pminsw, _mm_min_epi16(a, b))
PI(pmaxsw, _mm_max_epi16(a, b))
PI(pavgb, _mm_avg_epu8(a, b))
PI(pavgw, _mm_avg_epu16(a, b))
PI(pmullw, _mm_mullo_epi16(a, b))
PI(pmulhw, _mm_mulhi_epi16(a, b))
PI(pmulhuw, _mm_mulhi_epu16(a, b))
PI(pmuludq, _mm_mul_epu32(a, b))
PI(pmaddwd, _mm_madd_epi16(a, b))
PI(psadbw, _mm_sad_epu8(a, b))
PI(punpcklbw, _mm_unpacklo_epi8(a, b))
PI(punpcklwd, _mm_unpacklo_epi16(a, b))
PI(punpckldq, _mm_unpacklo_epi32(a, b))
PI(punpcklqdq, _mm_unpacklo_epi64(a, b))
PI(punpckhbw, _mm_unpackhi_epi8(a, b))
PI(punpckhwd, _mm_unpackhi_epi16(a, b))
PI(punpckhdq, _mm_unpackhi_epi32(a, b))
PI(punpckhqdq, _mm_unpackhi_epi64(a, b))
PI(packsswb, _mm_packs_epi16(a, b))
PI(packssdw, _mm_packs_epi32(a, b))
PI(packuswb, _mm_packus_epi16(a, b))
PI(psllw, _mm_sll_epi16(a, b))
PI(pslld, _mm_sll_epi32(a, b))
PI(psllq, _mm_sll_epi64(a, b))
PI(psrlw, _mm_srl_epi16(a, b))
PI(psrld, _mm_srl_epi32(a, b))
PI(psrlq, _mm_srl_epi64(a, b))
PI(psraw, _mm_sra_epi16(a, b))
PI(psrad, _mm_sra_epi32(a, b))
PI(unpcklps, _mm_castps_si128(_mm_unpacklo_ps(_mm_castsi128_ps(a), _mm_castsi128_ps(b))))
PI(unpckhps, _mm_castps_si128(_mm_unpackhi_ps(_mm_castsi128_ps(a), _mm_castsi128_ps(b))))

/* shifts by an immediate: sub selects the operation */
H(h_pshift_imm)
{
    XO;
    __m128i a = xget(x, o->rm), n = _mm_cvtsi32_si128((int)(o->imm & 0xff)), r;
    switch (o->sub) {
    case 0: r = _mm_srl_epi16(a, n); break;
    case 1: r = _mm_sra_epi16(a, n); break;
    case 2: r = _mm_sll_epi16(a, n); break;
    case 3: r = _mm_srl_epi32(a, n); break;
    case 4: r = _mm_sra_epi32(a, n); break;
    case 5: r = _mm_sll_epi32(a, n); break;
    case 6: r = _mm_srl_epi64(a, n); break;
    default: r = _mm_sll_epi64(a, n); break;
    }
    xset(x, o->rm, r);
    CPU_NEXT(c, d);
}
/* psrldq / pslldq: whole-register byte shifts (sub 0 right, 1 left) */
H(h_pbyteshift)
{
    XO;
    unsigned n = o->imm & 0xff;
    xmm_t s = x->xmm[o->rm], r;
    for (int i = 0; i < 16; i++) {
        int j = o->sub ? i - (int)n : i + (int)n;
        r.b[i] = j >= 0 && j < 16 && n < 16 ? s.b[j] : 0;
    }
    x->xmm[o->rm] = r;
    CPU_NEXT(c, d);
}

#define PSD_I4(M, n) M(n) M(n + 1) M(n + 2) M(n + 3)
#define PSD_I16(M, n) PSD_I4(M, n) PSD_I4(M, n + 4) PSD_I4(M, n + 8) PSD_I4(M, n + 12)
#define PSD_I256(M) PSD_I16(M, 0) PSD_I16(M, 16) PSD_I16(M, 32) PSD_I16(M, 48) PSD_I16(M, 64) \
    PSD_I16(M, 80) PSD_I16(M, 96) PSD_I16(M, 112) PSD_I16(M, 128) PSD_I16(M, 144) PSD_I16(M, 160) \
    PSD_I16(M, 176) PSD_I16(M, 192) PSD_I16(M, 208) PSD_I16(M, 224) PSD_I16(M, 240)
#define PSD_CASE(n) case (n): r = _mm_shuffle_epi32(v, (n)); break;
/* pshufd: the host instruction (its immediate must be a constant) */
H(h_pshufd_fast)
{
    XO;
    GETW(v, 16);
    __m128i r;
    switch (o->imm & 255) {
    PSD_I256(PSD_CASE)
    default: r = v; break;
    }
    xset(x, o->reg, r);
    CPU_NEXT(c, d);
}

H(h_pshufd)
{
    XO;
    GETW(v, 16);
    xmm_t s, r;
    _mm_storeu_si128((__m128i *)&s, v);
    unsigned im = o->imm & 0xff;
    r = s;
    switch (o->sub) {
    case 0: for (int i = 0; i < 4; i++) r.d[i] = s.d[(im >> (2 * i)) & 3]; break;
    case 1: for (int i = 0; i < 4; i++) r.w[i] = s.w[(im >> (2 * i)) & 3]; break;        /* pshuflw */
    default: for (int i = 0; i < 4; i++) r.w[4 + i] = s.w[4 + ((im >> (2 * i)) & 3)]; break; /* pshufhw */
    }
    x->xmm[o->reg] = r;
    CPU_NEXT(c, d);
}
H(h_shufps)
{
    XO;
    GETW(v, 16);
    xmm_t s, a = x->xmm[o->reg], r;
    _mm_storeu_si128((__m128i *)&s, v);
    unsigned im = o->imm & 0xff;
    if (o->sub) {   /* shufpd */
        r.q[0] = a.q[im & 1];
        r.q[1] = s.q[(im >> 1) & 1];
    } else {
        r.d[0] = a.d[im & 3];
        r.d[1] = a.d[(im >> 2) & 3];
        r.d[2] = s.d[(im >> 4) & 3];
        r.d[3] = s.d[(im >> 6) & 3];
    }
    x->xmm[o->reg] = r;
    CPU_NEXT(c, d);
}
H(h_pmovmskb) { XO; wrreg(x, o->reg, 4, (uint32_t)_mm_movemask_epi8(xget(x, o->rm))); CPU_NEXT(c, d); }
H(h_movmskps) { XO; wrreg(x, o->reg, 4, (uint32_t)_mm_movemask_ps(_mm_castsi128_ps(xget(x, o->rm)))); CPU_NEXT(c, d); }
H(h_movmskpd) { XO; wrreg(x, o->reg, 4, (uint32_t)_mm_movemask_pd(_mm_castsi128_pd(xget(x, o->rm)))); CPU_NEXT(c, d); }
H(h_pinsrw)
{
    XO;
    uint16_t v = o->mem ? mem_ld16(c, x86_ea(x, o)) : (uint16_t)x->r[o->rm];
    x->xmm[o->reg].w[o->imm & 7] = v;
    CPU_NEXT(c, d);
}
H(h_pextrw) { XO; wrreg(x, o->reg, 4, x->xmm[o->rm].w[o->imm & 7]); CPU_NEXT(c, d); }

FP2(addps, "addps", 16) FP2(addpd, "addpd", 16) FP2(addss, "addss", 4) FP2(addsd, "addsd", 8)
FP2(subps, "subps", 16) FP2(subpd, "subpd", 16) FP2(subss, "subss", 4) FP2(subsd, "subsd", 8)
FP2(mulps, "mulps", 16) FP2(mulpd, "mulpd", 16) FP2(mulss, "mulss", 4) FP2(mulsd, "mulsd", 8)
FP2(divps, "divps", 16) FP2(divpd, "divpd", 16) FP2(divss, "divss", 4) FP2(divsd, "divsd", 8)
FP2(minps, "minps", 16) FP2(minpd, "minpd", 16) FP2(minss, "minss", 4) FP2(minsd, "minsd", 8)
FP2(maxps, "maxps", 16) FP2(maxpd, "maxpd", 16) FP2(maxss, "maxss", 4) FP2(maxsd, "maxsd", 8)
FP2(sqrtps, "sqrtps", 16) FP2(sqrtpd, "sqrtpd", 16) FP2(sqrtss, "sqrtss", 4) FP2(sqrtsd, "sqrtsd", 8)
FP2W(cvtss2sd, "cvtss2sd", 4, 8) FP2W(cvtsd2ss, "cvtsd2ss", 8, 4)
FP2W(cvtps2pd, "cvtps2pd", 8, 16) FP2(cvtpd2ps, "cvtpd2ps", 16)
FP2(cvtdq2ps, "cvtdq2ps", 16) FP2(cvtps2dq, "cvtps2dq", 16) FP2(cvttps2dq, "cvttps2dq", 16)
FP2W(cvtdq2pd, "cvtdq2pd", 8, 16) FP2(cvtpd2dq, "cvtpd2dq", 16) FP2(cvttpd2dq, "cvttpd2dq", 16)

/* results of conversions into a full register keep their natural width */
static const struct dinsn *fix_width(struct cpu *c, const struct dinsn *d) { return d; }

/* cmpps/pd/ss/sd with a predicate 0-7 in sub */
#define FPCMP(name, insn, width)                                                \
    H(h_##name)                                                                 \
    {                                                                           \
        XO;                                                                     \
        __m128i a = xget(x, o->reg);                                            \
        GETW(b, width);                                                         \
        uint32_t st;                                                            \
        switch (o->imm & 7) {                                                   \
        case 0: FPASM(insn " $0,", a, b, st); break;                            \
        case 1: FPASM(insn " $1,", a, b, st); break;                            \
        case 2: FPASM(insn " $2,", a, b, st); break;                            \
        case 3: FPASM(insn " $3,", a, b, st); break;                            \
        case 4: FPASM(insn " $4,", a, b, st); break;                            \
        case 5: FPASM(insn " $5,", a, b, st); break;                            \
        case 6: FPASM(insn " $6,", a, b, st); break;                            \
        default: FPASM(insn " $7,", a, b, st); break;                           \
        }                                                                       \
        return fp_done(c, d, st, a, o->reg, width);                             \
    }
FPCMP(cmpps, "cmpps", 16) FPCMP(cmppd, "cmppd", 16) FPCMP(cmpss, "cmpss", 4) FPCMP(cmpsd, "cmpsd", 8)

/* comis/ucomis: sub bit0 double, bit1 signalling (comis) */
H(h_comis)
{
    XO;
    __m128i a = xget(x, o->reg);
    GETW(b, (o->sub & 1) ? 8 : 4);
    uint32_t in_ = GUEST_CSR(x), host_ = 0x1f80, st;
    uint8_t zf, pf, cf;
#define COMI(insn)                                                              \
    __asm__ volatile("ldmxcsr %[in]\n\t" insn " %[b], %[a]\n\t"                 \
                     "setz %[z]\n\tsetp %[p]\n\tsetc %[cc]\n\t"                 \
                     "stmxcsr %[st]\n\tldmxcsr %[host]"                         \
                     : [z] "=q"(zf), [p] "=q"(pf), [cc] "=q"(cf), [st] "=m"(st) \
                     : [a] "x"(a), [b] "x"(b), [in] "m"(in_), [host] "m"(host_) \
                     : "cc")
    switch (o->sub) {
    case 0: COMI("ucomiss"); break;
    case 1: COMI("ucomisd"); break;
    case 2: COMI("comiss"); break;
    default: COMI("comisd"); break;
    }
    uint32_t fl = st & 0x3f;
    x->mxcsr |= fl;
    if (fl & ~(x->mxcsr >> 7) & 0x3f)
        return x86_exception(c, d, X86_XM, 0);
    set_flags_eager(x, (zf ? FL_ZF : 0) | (pf ? FL_PF : 0) | (cf ? FL_CF : 0));
    CPU_NEXT(c, d);
}

/* cvtsi2ss/sd: form bit1 = double; osz = source integer size */
H(h_cvtsi2f)
{
    XO;
    int64_t v;
    if (o->mem)
        v = o->osz == 8 ? (int64_t)mem_ld64(c, x86_ea(x, o)) : (int32_t)mem_ld32(c, x86_ea(x, o));
    else
        v = o->osz == 8 ? (int64_t)x->r[o->rm] : (int32_t)x->r[o->rm];
    __m128i a = xget(x, o->reg);
    uint32_t in_ = GUEST_CSR(x), host_ = 0x1f80, st;
#define CVTI(insn)                                                              \
    __asm__ volatile("ldmxcsr %[in]\n\t" insn " %[v], %[a]\n\t"                 \
                     "stmxcsr %[st]\n\tldmxcsr %[host]"                         \
                     : [a] "+x"(a), [st] "=m"(st)                               \
                     : [v] "r"(v), [in] "m"(in_), [host] "m"(host_))
    if (o->sub)
        CVTI("cvtsi2sdq");
    else
        CVTI("cvtsi2ssq");
    return fp_done(c, d, st, a, o->reg, o->sub ? 8 : 4);
}

/* cvt(t)ss2si / cvt(t)sd2si: sub bit0 double, bit1 truncate; osz dest size */
H(h_cvtf2si)
{
    XO;
    GETW(b, (o->sub & 1) ? 8 : 4);
    uint32_t in_ = GUEST_CSR(x), host_ = 0x1f80, st;
    int64_t r;
    int32_t r32;
#define CVTF(insn, out)                                                         \
    __asm__ volatile("ldmxcsr %[in]\n\t" insn " %[b], %[r]\n\t"                 \
                     "stmxcsr %[st]\n\tldmxcsr %[host]"                         \
                     : [r] "=r"(out), [st] "=m"(st)                             \
                     : [b] "x"(b), [in] "m"(in_), [host] "m"(host_))
    if (o->osz == 8) {
        switch (o->sub) {
        case 0: CVTF("cvtss2si", r); break;
        case 1: CVTF("cvtsd2si", r); break;
        case 2: CVTF("cvttss2si", r); break;
        default: CVTF("cvttsd2si", r); break;
        }
    } else {
        switch (o->sub) {
        case 0: CVTF("cvtss2si", r32); break;
        case 1: CVTF("cvtsd2si", r32); break;
        case 2: CVTF("cvttss2si", r32); break;
        default: CVTF("cvttsd2si", r32); break;
        }
        r = (uint32_t)r32;
    }
    uint32_t fl = st & 0x3f;
    x->mxcsr |= fl;
    if (fl & ~(x->mxcsr >> 7) & 0x3f)
        return x86_exception(c, d, X86_XM, 0);
    wrreg(x, o->reg, o->osz == 8 ? 8 : 4, (uint64_t)r);
    CPU_NEXT(c, d);
}

H(h_ldmxcsr)
{
    XO;
    uint32_t v = mem_ld32(c, x86_ea(x, o));
    if (v & ~0xffffu)
        return x86_gp0(c, d);
    x->mxcsr = v;
    CPU_NEXT(c, d);
}
H(h_stmxcsr) { XO; mem_st32(c, x86_ea(x, o), x->mxcsr); CPU_NEXT(c, d); }

H(h_maskmovdqu)
{
    XO;
    uint64_t a = x->r[7];
    if (o->asz == 4) a = (uint32_t)a;
    for (int i = 0; i < 16; i++)
        if (x->xmm[o->rm].b[i] & 0x80)
            mem_st8(c, a + i, x->xmm[o->reg].b[i]);
    CPU_NEXT(c, d);
}

xhandler x86_sse4_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d);
xhandler x86_mmx_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d);

xhandler x86_sse_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d)
{
    (void)fix_width;
    const struct x86_opent *e = in->e;
    if (!(e->flags & F_SSE) && e->id != X_LDMXCSR && e->id != X_STMXCSR)
        return NULL;
    d->cls = IC_SIMD;
    if ((in->map == 1 && in->opc == 0x77) || in->e->op[0] == O_P || in->e->op[1] == O_P || in->e->op[0] == O_Q ||
        in->e->op[1] == O_Q || in->e->op[0] == O_N || in->e->op[1] == O_N || in->e->op[2] == O_N)
        return x86_mmx_handler(in, o, d);
    bool aligned_ok = false;
    switch (e->id) {
    case X_MOVAPS: o->form = 1; return h_mov_load;
    case X_MOVUPS: return h_mov_load;
    case X_MOVAPST: o->form = 1; return h_mov_store;
    case X_MOVUPST: return h_mov_store;
    case X_MOVSS: o->sub = 4; return h_movs_load;
    case X_MOVSD: o->sub = 8; return h_movs_load;
    case X_MOVSST: o->sub = 4; return h_movs_store;
    case X_MOVSDT: o->sub = 8; return h_movs_store;
    case X_MOVD_TOX: return h_movd_tox;
    case X_MOVD_FROMX: return h_movd_fromx;
    case X_MOVQ_TOX: return h_movq_tox;
    case X_MOVQ_FROMX: return h_movq_fromx;
    case X_MOVLPS: o->sub = 0; return h_movhalf_load;
    case X_MOVHPS: o->sub = 1; return h_movhalf_load;
    case X_MOVLPST: o->sub = 0; return h_movhalf_store;
    case X_MOVHPST: o->sub = 1; return h_movhalf_store;
    case X_MOVHLPS: return h_movhlps;
    case X_MOVLHPS: return h_movlhps;
    case X_LDMXCSR: return h_ldmxcsr;
    case X_STMXCSR: return h_stmxcsr;
    case X_MASKMOVDQU: return h_maskmovdqu;
    case X_PSRLWI: case X_PSRAWI: case X_PSLLWI: case X_PSRLDI: case X_PSRADI: case X_PSLLDI:
    case X_PSRLQI: case X_PSLLQI: {
        static const uint16_t ids[8] = { X_PSRLWI, X_PSRAWI, X_PSLLWI, X_PSRLDI, X_PSRADI, X_PSLLDI, X_PSRLQI, X_PSLLQI };
        for (int i = 0; i < 8; i++)
            if (ids[i] == e->id)
                o->sub = i;
        return h_pshift_imm;
    }
    case X_PSRLDQ: o->sub = 0; return h_pbyteshift;
    case X_PSLLDQ: o->sub = 1; return h_pbyteshift;
    case X_PSHUFD: o->sub = 0; o->form = 1; return h_pshufd_fast;
    case X_PSHUFLW: o->sub = 1; o->form = 1; return h_pshufd;
    case X_PSHUFHW: o->sub = 2; o->form = 1; return h_pshufd;
    case X_SHUFPS: o->sub = 0; o->form = 1; return h_shufps;
    case X_SHUFPD: o->sub = 1; o->form = 1; return h_shufps;
    case X_PMOVMSKB: return h_pmovmskb;
    case X_MOVMSKPS: return h_movmskps;
    case X_MOVMSKPD: return h_movmskpd;
    case X_PINSRW: return h_pinsrw;
    case X_PEXTRW: if (in->map == 1) return h_pextrw; break;
    case X_COMISS: o->sub = 2; return h_comis;
    case X_COMISD: o->sub = 3; return h_comis;
    case X_UCOMISS: o->sub = 0; return h_comis;
    case X_UCOMISD: o->sub = 1; return h_comis;
    case X_CVTSI2SS: o->sub = 0; return h_cvtsi2f;
    case X_CVTSI2SD: o->sub = 1; return h_cvtsi2f;
    case X_CVTSS2SI: o->sub = 0; return h_cvtf2si;
    case X_CVTSD2SI: o->sub = 1; return h_cvtf2si;
    case X_CVTTSS2SI: o->sub = 2; return h_cvtf2si;
    case X_CVTTSD2SI: o->sub = 3; return h_cvtf2si;
    case X_CMPPS: o->form = 1; return h_cmpps;
    case X_CMPPD: o->form = 1; return h_cmppd;
    case X_CMPSS: return h_cmpss;
    case X_CMPSD: return h_cmpsd;
    case X_ADDSS: return h_addss; case X_ADDSD: return h_addsd;
    case X_SUBSS: return h_subss; case X_SUBSD: return h_subsd;
    case X_MULSS: return h_mulss; case X_MULSD: return h_mulsd;
    case X_DIVSS: return h_divss; case X_DIVSD: return h_divsd;
    case X_MINSS: return h_minss; case X_MINSD: return h_minsd;
    case X_MAXSS: return h_maxss; case X_MAXSD: return h_maxsd;
    case X_SQRTSS: return h_sqrtss; case X_SQRTSD: return h_sqrtsd;
    case X_CVTSS2SD: return h_cvtss2sd; case X_CVTSD2SS: return h_cvtsd2ss;
    case X_CVTPS2PD: return h_cvtps2pd; case X_CVTDQ2PD: return h_cvtdq2pd;
    default: aligned_ok = true; break;
    }
    /* 128-bit operations whose memory operand must be 16-byte aligned */
    o->form = 1;
    xhandler h = NULL;
    switch (e->id) {
    case X_PXOR: h = h_pxor; break;
    case X_POR: h = h_por; break;
    case X_PAND: h = h_pand; break;
    case X_PANDN: h = h_pandn; break;
    case X_PADDB: h = h_paddb; break;
    case X_PADDW: h = h_paddw; break;
    case X_PADDD: h = h_paddd; break;
    case X_PADDQ: h = h_paddq; break;
    case X_PSUBB: h = h_psubb; break;
    case X_PSUBW: h = h_psubw; break;
    case X_PSUBD: h = h_psubd; break;
    case X_PSUBQ: h = h_psubq; break;
    case X_PADDSB: h = h_paddsb; break;
    case X_PADDSW: h = h_paddsw; break;
    case X_PADDUSB: h = h_paddusb; break;
    case X_PADDUSW: h = h_paddusw; break;
    case X_PSUBSB: h = h_psubsb; break;
    case X_PSUBSW: h = h_psubsw; break;
    case X_PSUBUSB: h = h_psubusb; break;
    case X_PSUBUSW: h = h_psubusw; break;
    case X_PCMPEQB: h = h_pcmpeqb; break;
    case X_PCMPEQW: h = h_pcmpeqw; break;
    case X_PCMPEQD: h = h_pcmpeqd; break;
    case X_PCMPGTB: h = h_pcmpgtb; break;
    case X_PCMPGTW: h = h_pcmpgtw; break;
    case X_PCMPGTD: h = h_pcmpgtd; break;
    case X_PMINUB: h = h_pminub; break;
    case X_PMAXUB: h = h_pmaxub; break;
    case X_PMINSW: h = h_pminsw; break;
    case X_PMAXSW: h = h_pmaxsw; break;
    case X_PAVGB: h = h_pavgb; break;
    case X_PAVGW: h = h_pavgw; break;
    case X_PMULLW: h = h_pmullw; break;
    case X_PMULHW: h = h_pmulhw; break;
    case X_PMULHUW: h = h_pmulhuw; break;
    case X_PMULUDQ: h = h_pmuludq; break;
    case X_PMADDWD: h = h_pmaddwd; break;
    case X_PSADBW: h = h_psadbw; break;
    case X_PUNPCKLBW: h = h_punpcklbw; break;
    case X_PUNPCKLWD: h = h_punpcklwd; break;
    case X_PUNPCKLDQ: h = h_punpckldq; break;
    case X_PUNPCKLQDQ: h = h_punpcklqdq; break;
    case X_PUNPCKHBW: h = h_punpckhbw; break;
    case X_PUNPCKHWD: h = h_punpckhwd; break;
    case X_PUNPCKHDQ: h = h_punpckhdq; break;
    case X_PUNPCKHQDQ: h = h_punpckhqdq; break;
    case X_PACKSSWB: h = h_packsswb; break;
    case X_PACKSSDW: h = h_packssdw; break;
    case X_PACKUSWB: h = h_packuswb; break;
    case X_PSLLW: h = h_psllw; break;
    case X_PSLLD: h = h_pslld; break;
    case X_PSLLQ: h = h_psllq; break;
    case X_PSRLW: h = h_psrlw; break;
    case X_PSRLD: h = h_psrld; break;
    case X_PSRLQ: h = h_psrlq; break;
    case X_PSRAW: h = h_psraw; break;
    case X_PSRAD: h = h_psrad; break;
    case X_UNPCKLPS: h = h_unpcklps; break;
    case X_UNPCKHPS: h = h_unpckhps; break;
    case X_ADDPS: h = h_addps; break; case X_ADDPD: h = h_addpd; break;
    case X_SUBPS: h = h_subps; break; case X_SUBPD: h = h_subpd; break;
    case X_MULPS: h = h_mulps; break; case X_MULPD: h = h_mulpd; break;
    case X_DIVPS: h = h_divps; break; case X_DIVPD: h = h_divpd; break;
    case X_MINPS: h = h_minps; break; case X_MINPD: h = h_minpd; break;
    case X_MAXPS: h = h_maxps; break; case X_MAXPD: h = h_maxpd; break;
    case X_SQRTPS: h = h_sqrtps; break; case X_SQRTPD: h = h_sqrtpd; break;
    case X_CVTPD2PS: h = h_cvtpd2ps; break;
    case X_CVTDQ2PS: h = h_cvtdq2ps; break;
    case X_CVTPS2DQ: h = h_cvtps2dq; break;
    case X_CVTTPS2DQ: h = h_cvttps2dq; break;
    case X_CVTPD2DQ: h = h_cvtpd2dq; break;
    case X_CVTTPD2DQ: h = h_cvttpd2dq; break;
    }
    (void)aligned_ok;
    (void)h_movddup;
    return h ? h : x86_sse4_handler(in, o, d);
}
