/* MMX: the 64-bit integer SIMD instructions on mm0-mm7, which alias the
 * mantissas of the x87 physical registers (writing one sets its exponent
 * to all ones; every MMX instruction sets TOP to 0 and tags all registers
 * valid, EMMS tags them empty).  The lane operations run as the SSE2/SSSE3
 * operation on the 64-bit values held in the low half of an xmm value;
 * the few whose lanes cross the 64-bit half are rearranged first. */
#include <emmintrin.h>

#include "sse.h"

static inline uint64_t mm_get(struct x86_cpu *x, unsigned r)
{
    uint64_t v;
    memcpy(&v, &x->st[r & 7], 8);
    return v;
}

static inline void mm_set(struct x86_cpu *x, unsigned r, uint64_t v)
{
    uint16_t e = 0xffff;
    memcpy(&x->st[r & 7], &v, 8);
    memcpy((char *)&x->st[r & 7] + 8, &e, 2);
}

/* the x87 -> MMX transition every MMX instruction makes */
static inline void mmx_enter(struct x86_cpu *x)
{
    x->ftop = 0;
    x->ftw = 0;
}

/* Q operand: an mm register or 64 bits of memory */
static inline uint64_t srcQ(struct x86_cpu *x, const struct xop *o)
{
    return o->mem ? mem_ld64(&x->c, x86_ea(x, o)) : mm_get(x, o->rm);
}

typedef __m128i (*mmxfn)(__m128i a, __m128i b);

#define F(name, expr) static __m128i f_##name(__m128i a, __m128i b) { (void)a; (void)b; return expr; }
#define FA(name, insn) static __m128i f_##name(__m128i a, __m128i b) { __asm__(insn " %1, %0" : "+x"(a) : "x"(b)); return a; }
F(paddb, _mm_add_epi8(a, b)) F(paddw, _mm_add_epi16(a, b)) F(paddd, _mm_add_epi32(a, b))
F(paddq, _mm_add_epi64(a, b)) F(psubb, _mm_sub_epi8(a, b)) F(psubw, _mm_sub_epi16(a, b))
F(psubd, _mm_sub_epi32(a, b)) F(psubq, _mm_sub_epi64(a, b)) F(paddsb, _mm_adds_epi8(a, b))
F(paddsw, _mm_adds_epi16(a, b)) F(paddusb, _mm_adds_epu8(a, b)) F(paddusw, _mm_adds_epu16(a, b))
F(psubsb, _mm_subs_epi8(a, b)) F(psubsw, _mm_subs_epi16(a, b)) F(psubusb, _mm_subs_epu8(a, b))
F(psubusw, _mm_subs_epu16(a, b)) F(pcmpeqb, _mm_cmpeq_epi8(a, b)) F(pcmpeqw, _mm_cmpeq_epi16(a, b))
F(pcmpeqd, _mm_cmpeq_epi32(a, b)) F(pcmpgtb, _mm_cmpgt_epi8(a, b)) F(pcmpgtw, _mm_cmpgt_epi16(a, b))
F(pcmpgtd, _mm_cmpgt_epi32(a, b)) F(pminub, _mm_min_epu8(a, b)) F(pmaxub, _mm_max_epu8(a, b))
F(pminsw, _mm_min_epi16(a, b)) F(pmaxsw, _mm_max_epi16(a, b)) F(pavgb, _mm_avg_epu8(a, b))
F(pavgw, _mm_avg_epu16(a, b)) F(pmullw, _mm_mullo_epi16(a, b)) F(pmulhw, _mm_mulhi_epi16(a, b))
F(pmulhuw, _mm_mulhi_epu16(a, b)) F(pmuludq, _mm_mul_epu32(a, b)) F(pmaddwd, _mm_madd_epi16(a, b))
F(psadbw, _mm_sad_epu8(a, b)) F(pand, _mm_and_si128(a, b)) F(pandn, _mm_andnot_si128(a, b))
F(por, _mm_or_si128(a, b)) F(pxor, _mm_xor_si128(a, b))
F(punpcklbw, _mm_unpacklo_epi8(a, b)) F(punpcklwd, _mm_unpacklo_epi16(a, b))
F(punpckldq, _mm_unpacklo_epi32(a, b))
F(packsswb, _mm_packs_epi16(a, b)) F(packssdw, _mm_packs_epi32(a, b)) F(packuswb, _mm_packus_epi16(a, b))
F(psllw, _mm_sll_epi16(a, b)) F(pslld, _mm_sll_epi32(a, b)) F(psllq, _mm_sll_epi64(a, b))
F(psrlw, _mm_srl_epi16(a, b)) F(psrld, _mm_srl_epi32(a, b)) F(psrlq, _mm_srl_epi64(a, b))
F(psraw, _mm_sra_epi16(a, b)) F(psrad, _mm_sra_epi32(a, b))
FA(pshufb, "pshufb") FA(phaddw, "phaddw") FA(phaddd, "phaddd") FA(phaddsw, "phaddsw")
FA(phsubw, "phsubw") FA(phsubd, "phsubd") FA(phsubsw, "phsubsw") FA(pmaddubsw, "pmaddubsw")
FA(pmulhrsw, "pmulhrsw") FA(psignb, "psignb") FA(psignw, "psignw") FA(psignd, "psignd")
FA(pabsb, "pabsb") FA(pabsw, "pabsw") FA(pabsd, "pabsd")

enum { M_LANE, M_PAIR, M_HIGH, M_SHUFB };
struct mmxop {
    uint16_t id;
    uint8_t mode;       /* M_PAIR: both operands side by side in one register; M_HIGH: the high halves */
    uint8_t ssse3;
    mmxfn fn;
};
static const struct mmxop mmxops[] = {
    { X_PADDB, 0, 0, f_paddb }, { X_PADDW, 0, 0, f_paddw }, { X_PADDD, 0, 0, f_paddd },
    { X_PADDQ, 0, 0, f_paddq }, { X_PSUBB, 0, 0, f_psubb }, { X_PSUBW, 0, 0, f_psubw },
    { X_PSUBD, 0, 0, f_psubd }, { X_PSUBQ, 0, 0, f_psubq }, { X_PADDSB, 0, 0, f_paddsb },
    { X_PADDSW, 0, 0, f_paddsw }, { X_PADDUSB, 0, 0, f_paddusb }, { X_PADDUSW, 0, 0, f_paddusw },
    { X_PSUBSB, 0, 0, f_psubsb }, { X_PSUBSW, 0, 0, f_psubsw }, { X_PSUBUSB, 0, 0, f_psubusb },
    { X_PSUBUSW, 0, 0, f_psubusw }, { X_PCMPEQB, 0, 0, f_pcmpeqb }, { X_PCMPEQW, 0, 0, f_pcmpeqw },
    { X_PCMPEQD, 0, 0, f_pcmpeqd }, { X_PCMPGTB, 0, 0, f_pcmpgtb }, { X_PCMPGTW, 0, 0, f_pcmpgtw },
    { X_PCMPGTD, 0, 0, f_pcmpgtd }, { X_PMINUB, 0, 0, f_pminub }, { X_PMAXUB, 0, 0, f_pmaxub },
    { X_PMINSW, 0, 0, f_pminsw }, { X_PMAXSW, 0, 0, f_pmaxsw }, { X_PAVGB, 0, 0, f_pavgb },
    { X_PAVGW, 0, 0, f_pavgw }, { X_PMULLW, 0, 0, f_pmullw }, { X_PMULHW, 0, 0, f_pmulhw },
    { X_PMULHUW, 0, 0, f_pmulhuw }, { X_PMULUDQ, 0, 0, f_pmuludq }, { X_PMADDWD, 0, 0, f_pmaddwd },
    { X_PSADBW, 0, 0, f_psadbw }, { X_PAND, 0, 0, f_pand }, { X_PANDN, 0, 0, f_pandn },
    { X_POR, 0, 0, f_por }, { X_PXOR, 0, 0, f_pxor },
    { X_PUNPCKLBW, 0, 0, f_punpcklbw }, { X_PUNPCKLWD, 0, 0, f_punpcklwd }, { X_PUNPCKLDQ, 0, 0, f_punpckldq },
    { X_PUNPCKHBW, M_HIGH, 0, f_punpcklbw }, { X_PUNPCKHWD, M_HIGH, 0, f_punpcklwd },
    { X_PUNPCKHDQ, M_HIGH, 0, f_punpckldq },
    { X_PACKSSWB, M_PAIR, 0, f_packsswb }, { X_PACKSSDW, M_PAIR, 0, f_packssdw },
    { X_PACKUSWB, M_PAIR, 0, f_packuswb },
    { X_PSLLW, 0, 0, f_psllw }, { X_PSLLD, 0, 0, f_pslld }, { X_PSLLQ, 0, 0, f_psllq },
    { X_PSRLW, 0, 0, f_psrlw }, { X_PSRLD, 0, 0, f_psrld }, { X_PSRLQ, 0, 0, f_psrlq },
    { X_PSRAW, 0, 0, f_psraw }, { X_PSRAD, 0, 0, f_psrad },
    { X_PSHUFB, M_SHUFB, 1, f_pshufb }, { X_PHADDW, M_PAIR, 1, f_phaddw }, { X_PHADDD, M_PAIR, 1, f_phaddd },
    { X_PHADDSW, M_PAIR, 1, f_phaddsw }, { X_PHSUBW, M_PAIR, 1, f_phsubw }, { X_PHSUBD, M_PAIR, 1, f_phsubd },
    { X_PHSUBSW, M_PAIR, 1, f_phsubsw }, { X_PMADDUBSW, 0, 1, f_pmaddubsw }, { X_PMULHRSW, 0, 1, f_pmulhrsw },
    { X_PSIGNB, 0, 1, f_psignb }, { X_PSIGNW, 0, 1, f_psignw }, { X_PSIGND, 0, 1, f_psignd },
    { X_PABSB, 0, 1, f_pabsb }, { X_PABSW, 0, 1, f_pabsw }, { X_PABSD, 0, 1, f_pabsd },
};

H(h_mmx_lane)
{
    XO;
    const struct mmxop *m = &mmxops[o->id8];
    uint64_t bq = srcQ(x, o), aq = mm_get(x, o->reg);
    __m128i a = _mm_set_epi64x(0, (long long)aq), b = _mm_set_epi64x(0, (long long)bq), r;
    switch (m->mode) {
    case M_PAIR: {
        __m128i t = _mm_unpacklo_epi64(a, b);
        r = m->fn(t, t);
        break;
    }
    case M_HIGH:
        r = m->fn(_mm_srli_epi64(a, 32), _mm_srli_epi64(b, 32));
        break;
    case M_SHUFB:
        r = m->fn(a, _mm_and_si128(b, _mm_set1_epi8((char)0x87)));
        break;
    default:
        r = m->fn(a, b);
    }
    mmx_enter(x);
    mm_set(x, o->reg, (uint64_t)_mm_cvtsi128_si64(r));
    CPU_NEXT(c, d);
}

/* psrlw/psraw/psllw/... mm, imm8: sub = the xmm-form index (see exec_sse.c) */
H(h_mmx_shift_imm)
{
    XO;
    __m128i a = _mm_set_epi64x(0, (long long)mm_get(x, o->rm)), n = _mm_cvtsi32_si128((int)(o->imm & 0xff)), r;
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
    mmx_enter(x);
    mm_set(x, o->rm, (uint64_t)_mm_cvtsi128_si64(r));
    CPU_NEXT(c, d);
}

/* movd/movq mm <- r/m32/64 (0F 6E) and mm <- mm/m64 (0F 6F) */
H(h_mmx_load)
{
    XO;
    uint64_t v;
    if (o->opc == 0x6e) {
        unsigned sz = o->osz == 8 ? 8 : 4;
        v = o->mem ? ldm(x, x86_ea(x, o), sz) : rdreg(x, o->rm, sz);
    } else
        v = srcQ(x, o);
    mmx_enter(x);
    mm_set(x, o->reg, v);
    CPU_NEXT(c, d);
}

/* movd/movq r/m <- mm (0F 7E), mm/m64 <- mm (0F 7F), movntq */
H(h_mmx_store)
{
    XO;
    uint64_t v = mm_get(x, o->reg);
    if (o->opc == 0x7e) {
        unsigned sz = o->osz == 8 ? 8 : 4;
        if (o->mem)
            stm(x, x86_ea(x, o), sz, v);
        else
            wrreg(x, o->rm, sz, v);
    } else if (o->mem)
        mem_st64(c, x86_ea(x, o), v);
    else {
        mmx_enter(x);
        mm_set(x, o->rm, v);
    }
    mmx_enter(x);
    CPU_NEXT(c, d);
}

/* EMMS empties every register; the hardware also leaves TOP at 0 */
H(h_emms) { XO; x->ftw = 0xff; x->ftop = 0; CPU_NEXT(c, d); }

H(h_pshufw)
{
    XO;
    uint64_t s = srcQ(x, o), r = 0;
    unsigned im = o->imm & 0xff;
    for (int i = 0; i < 4; i++)
        r |= ((s >> (16 * ((im >> (2 * i)) & 3))) & 0xffff) << (16 * i);
    mmx_enter(x);
    mm_set(x, o->reg, r);
    CPU_NEXT(c, d);
}

H(h_mmx_pinsrw)
{
    XO;
    uint64_t v = o->mem ? mem_ld16(c, x86_ea(x, o)) : (x->r[o->rm] & 0xffff);
    unsigned k = (o->imm & 3) * 16;
    uint64_t m = mm_get(x, o->reg);
    m = (m & ~(0xffffull << k)) | v << k;
    mmx_enter(x);
    mm_set(x, o->reg, m);
    CPU_NEXT(c, d);
}

H(h_mmx_pextrw)
{
    XO;
    uint64_t v = (mm_get(x, o->rm) >> ((o->imm & 3) * 16)) & 0xffff;
    mmx_enter(x);
    wrreg(x, o->reg, 4, v);
    CPU_NEXT(c, d);
}

H(h_mmx_pmovmskb)
{
    XO;
    uint64_t v = mm_get(x, o->rm), r = 0;
    for (int i = 0; i < 8; i++)
        r |= ((v >> (8 * i + 7)) & 1) << i;
    mmx_enter(x);
    wrreg(x, o->reg, 4, r);
    CPU_NEXT(c, d);
}

H(h_mmx_palignr)
{
    XO;
    uint64_t b = srcQ(x, o), a = mm_get(x, o->reg);
    unsigned n = o->imm & 0xff;
    uint8_t t[16];
    memcpy(t, &b, 8);
    memcpy(t + 8, &a, 8);
    uint64_t r = 0;
    for (unsigned i = 0; i < 8; i++)
        r |= (uint64_t)(i + n < 16 ? t[i + n] : 0) << (8 * i);
    mmx_enter(x);
    mm_set(x, o->reg, r);
    CPU_NEXT(c, d);
}

H(h_movq2dq)
{
    XO;
    x->xmm[o->reg].q[0] = mm_get(x, o->rm);
    x->xmm[o->reg].q[1] = 0;
    mmx_enter(x);
    CPU_NEXT(c, d);
}

H(h_movdq2q)
{
    XO;
    uint64_t v = x->xmm[o->rm].q[0];
    mmx_enter(x);
    mm_set(x, o->reg, v);
    CPU_NEXT(c, d);
}

H(h_maskmovq)
{
    XO;
    uint64_t a = x->r[7], v = mm_get(x, o->reg), m = mm_get(x, o->rm);
    if (o->asz == 4) a = (uint32_t)a;
    for (int i = 0; i < 8; i++)
        if ((m >> (8 * i + 7)) & 1)
            mem_st8(c, a + i, (uint8_t)(v >> (8 * i)));
    mmx_enter(x);
    CPU_NEXT(c, d);
}

/* cvtpi2ps / cvtpi2pd (xmm <- mm/m64), cvt(t)ps2pi / cvt(t)pd2pi (mm <- xmm/m): sub selects */
H(h_mmx_cvt)
{
    XO;
    uint32_t st;
    __m128i a, b;
    switch (o->sub) {
    case 0:     /* cvtpi2ps: low two floats, high half kept */
        a = xget(x, o->reg);
        b = _mm_set_epi64x(0, (long long)srcQ(x, o));
        FPASM("cvtdq2ps", a, b, st);
        mmx_enter(x);
        return fp_done(c, d, st, a, o->reg, 8);
    case 1:     /* cvtpi2pd: exact */
        a = xget(x, o->reg);
        b = _mm_set_epi64x(0, (long long)srcQ(x, o));
        FPASM("cvtdq2pd", a, b, st);
        mmx_enter(x);
        return fp_done(c, d, st, a, o->reg, 16);
    default: {
        unsigned w = o->sub >= 4 ? 16 : 8;      /* pd forms read 16 bytes */
        GETW(bw, w);
        b = bw;
        a = _mm_setzero_si128();
        switch (o->sub) {
        case 2: FPASM("cvtps2dq", a, b, st); break;
        case 3: FPASM("cvttps2dq", a, b, st); break;
        case 4: FPASM("cvtpd2dq", a, b, st); break;
        default: FPASM("cvttpd2dq", a, b, st); break;
        }
        uint32_t fl = st & 0x3f;
        x->mxcsr |= fl;
        if (fl & ~(x->mxcsr >> 7) & 0x3f)
            return x86_exception(c, d, X86_XM, 0);
        mmx_enter(x);
        mm_set(x, (o->modrm >> 3) & 7, (uint64_t)_mm_cvtsi128_si64(a));
        CPU_NEXT(c, d);
    }
    }
}

xhandler x86_mmx_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d);

xhandler x86_mmx_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d)
{
    const struct x86_opent *e = in->e;
    if (in->map == 1 && in->opc == 0x77)
        return h_emms;
    bool mmx = false;
    for (int k = 0; k < 4 && e->op[k]; k++)
        if (e->op[k] == O_P || e->op[k] == O_Q || e->op[k] == O_N)
            mmx = true;
    if (!mmx)
        return NULL;
    d->cls = IC_SIMD;
    /* MMX register numbers ignore REX */
    unsigned pr = (in->modrm >> 3) & 7, qr = in->modrm & 7;
    if (e->op[0] == O_P || e->op[1] == O_P)
        o->reg = pr;
    if (!o->mem && (e->op[0] == O_Q || e->op[1] == O_Q || e->op[0] == O_N || e->op[1] == O_N))
        o->rm = qr;
    if (in->map == 1) {
        switch (in->opc) {
        case 0x6e: case 0x6f: return h_mmx_load;
        case 0x7e: case 0x7f: case 0xe7: return h_mmx_store;
        case 0x70: return h_pshufw;
        case 0x71: case 0x72: case 0x73: {
            unsigned r = (in->modrm >> 3) & 7;
            static const int8_t sub[3][8] = {
                { -1, -1, 0, -1, 1, -1, 2, -1 }, { -1, -1, 3, -1, 4, -1, 5, -1 }, { -1, -1, 6, -1, -1, -1, 7, -1 } };
            int s = sub[in->opc - 0x71][r];
            if (s < 0)
                return NULL;
            o->sub = (uint8_t)s;
            return h_mmx_shift_imm;
        }
        case 0xc4: return h_mmx_pinsrw;
        case 0xc5: o->reg = in->reg; return h_mmx_pextrw;
        case 0xd7: o->reg = in->reg; return h_mmx_pmovmskb;
        case 0xd6: if (e->pfx == PF3) { o->reg = in->reg; return h_movq2dq; } o->rm = in->rm; return h_movdq2q;
        case 0xf7: return h_maskmovq;
        case 0x2a: o->reg = in->reg; o->sub = e->pfx == PN ? 0 : 1; return h_mmx_cvt;
        case 0x2c: case 0x2d:
            o->rm = in->rm;
            o->sub = (e->pfx == PN ? 2 : 4) + (in->opc == 0x2c);
            return h_mmx_cvt;
        }
    }
    if (in->map == 3 && in->opc == 0x0f)
        return __builtin_cpu_supports("ssse3") ? h_mmx_palignr : NULL;
    for (unsigned i = 0; i < sizeof mmxops / sizeof mmxops[0]; i++)
        if (mmxops[i].id == e->id) {
            if (mmxops[i].ssse3 && !__builtin_cpu_supports("ssse3"))
                return NULL;
            o->id8 = (uint8_t)i;
            return h_mmx_lane;
        }
    return NULL;
}
