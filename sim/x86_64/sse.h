/* Helpers shared by the SSE handler files: xmm access, W operands, and
 * running one host SSE instruction under the guest's MXCSR. */
#ifndef TRAPEZE_X86_SSE_H
#define TRAPEZE_X86_SSE_H

#include <emmintrin.h>

#include "x86.h"

#define H(name) static const struct dinsn *name(struct cpu *c, const struct dinsn *d)
#define XO struct x86_cpu *x = X86(c); const struct xop *o = XOP(d); (void)x; (void)o

static inline __m128i xget(struct x86_cpu *x, unsigned r)
{
    return _mm_loadu_si128((const __m128i *)&x->xmm[r]);
}
static inline void xset(struct x86_cpu *x, unsigned r, __m128i v)
{
    _mm_storeu_si128((__m128i *)&x->xmm[r], v);
}

/* A 128-bit memory operand; form & 1: 16-byte alignment required (#GP). */
static inline bool ld128(struct x86_cpu *x, const struct xop *o, __m128i *v)
{
    uint64_t a = x86_ea(x, o);
    if ((o->form & 1) && (a & 15))
        return false;
    uint64_t lo = mem_ld64(&x->c, a), hi = mem_ld64(&x->c, a + 8);
    *v = _mm_set_epi64x((long long)hi, (long long)lo);
    return true;
}

/* Source operand W: a register or 16/8/4 bytes of memory (zero-extended). */
static inline bool srcW(struct x86_cpu *x, const struct xop *o, unsigned sz, __m128i *v)
{
    if (!o->mem) {
        *v = xget(x, o->rm);
        return true;
    }
    if (sz == 16)
        return ld128(x, o, v);
    uint64_t a = x86_ea(x, o);
    *v = _mm_set_epi64x(0, (long long)(sz == 8 ? mem_ld64(&x->c, a) : mem_ld32(&x->c, a)));
    return true;
}

#define GETW(v, sz) __m128i v; if (!srcW(x, o, sz, &v)) return x86_gp0(c, d)

/* ---- floating point under the guest MXCSR ---- */
static inline const struct dinsn *fp_done(struct cpu *c, const struct dinsn *d, uint32_t st,
                                          __m128i r, unsigned dst, unsigned width)
{
    struct x86_cpu *x = X86(c);
    uint32_t fl = st & 0x3f;
    if (fl & ~(x->mxcsr >> 7) & 0x3f) {
        x->mxcsr |= fl;
        return x86_exception(c, d, X86_XM, 0);
    }
    x->mxcsr |= fl;
    if (width == 16)
        xset(x, dst, r);
    else if (width == 8)
        x->xmm[dst].q[0] = (uint64_t)_mm_cvtsi128_si64(r);
    else
        x->xmm[dst].d[0] = (uint32_t)_mm_cvtsi128_si32(r);
    CPU_NEXT(c, d);
}

#define GUEST_CSR(x) (((x)->mxcsr & 0xffc0) | 0x1f80)

/* op xmm_b, xmm_a under the guest's MXCSR; returns the MXCSR after it. */
#define FPASM(insn, a, b, st)                                                   \
    do {                                                                        \
        uint32_t in_ = GUEST_CSR(x), host_ = 0x1f80;                            \
        __asm__ volatile("ldmxcsr %[in]\n\t" insn " %[b], %[a]\n\t"             \
                         "stmxcsr %[st]\n\tldmxcsr %[host]"                     \
                         : [a] "+x"(a), [st] "=m"(st)                           \
                         : [b] "x"(b), [in] "m"(in_), [host] "m"(host_));       \
    } while (0)

/* two-operand arithmetic: width = 16 packed, 8 sd, 4 ss */
#define FP2W(name, insn, width, dwidth)                                         \
    H(h_##name)                                                                 \
    {                                                                           \
        XO;                                                                     \
        __m128i a = xget(x, o->reg);                                            \
        GETW(b, width);                                                         \
        uint32_t st;                                                            \
        FPASM(insn, a, b, st);                                                  \
        return fp_done(c, d, st, a, o->reg, dwidth);                            \
    }
#define FP2(name, insn, width) FP2W(name, insn, width, width)

#endif
