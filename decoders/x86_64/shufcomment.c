/* llvm-objdump's shuffle comments ("# xmm0 = xmm0[0],xmm1[0]") for the
 * SSE data-movement instructions: each result element named by its
 * source element, "zero" for cleared ones, runs from one source grouped. */
#include <stdio.h>
#include <string.h>

#include "x86_decode.h"

#define Z (-1)

static void print_mask(char *buf, size_t sz, const char *dst, const char *s1, const char *s2,
                       int *m, int n)
{
    size_t k = 0;
    if (s1 && s2 && !strcmp(s1, s2))
        for (int i = 0; i < n; i++)
            if (m[i] >= n)
                m[i] %= n;
    k += snprintf(buf + k, sz - k, "%s = ", dst);
    for (int i = 0; i < n && k < sz; i++) {
        if (i)
            k += snprintf(buf + k, sz - k, ",");
        if (m[i] == Z) {
            k += snprintf(buf + k, sz - k, "zero");
            continue;
        }
        bool one = m[i] < n;
        const char *name = one ? s1 : s2;
        k += snprintf(buf + k, sz - k, "%s[", name ? name : "mem");
        bool first = true;
        while (i < n && m[i] != Z && (m[i] < n) == one) {
            k += snprintf(buf + k, sz - k, first ? "%d" : ",%d", m[i] % n);
            first = false;
            i++;
        }
        k += snprintf(buf + k, sz - k, "]");
        i--;
    }
}

bool x86_shuffle_comment(const struct x86_insn *in, char *buf, size_t sz)
{
    const struct x86_opent *e = in->e;
    if (!e || in->vex)
        return false;
    char d[8], r[8];
    snprintf(d, sizeof d, "xmm%u", in->reg);
    snprintf(r, sizeof r, "xmm%u", in->rm);
    const char *src = in->mod == 3 ? r : NULL;     /* NULL prints "mem" */
    int m[16], n = 0;
    unsigned im = (unsigned)(in->imm & 0xff);
    switch (e->id) {
    case X_PSHUFD:
        n = 4;
        for (int i = 0; i < 4; i++) m[i] = (im >> (2 * i)) & 3;
        print_mask(buf, sz, d, src, src, m, n);
        return true;
    case X_MMX:
        if (in->map == 1 && in->opc == 0x70) {     /* pshufw */
            snprintf(d, sizeof d, "mm%u", (in->modrm >> 3) & 7);
            snprintf(r, sizeof r, "mm%u", in->modrm & 7);
            src = in->mod == 3 ? r : NULL;
            n = 4;
            for (int i = 0; i < 4; i++) m[i] = (im >> (2 * i)) & 3;
            print_mask(buf, sz, d, src, src, m, n);
            return true;
        }
        return false;
    case X_PSHUFLW: case X_PSHUFHW:
        n = 8;
        for (int i = 0; i < 8; i++) m[i] = i;
        for (int i = 0; i < 4; i++) {
            if (e->id == X_PSHUFLW) m[i] = (im >> (2 * i)) & 3;
            else m[4 + i] = 4 + ((im >> (2 * i)) & 3);
        }
        print_mask(buf, sz, d, src, src, m, n);
        return true;
    case X_SHUFPS:
        n = 4;
        m[0] = im & 3; m[1] = (im >> 2) & 3; m[2] = 4 + ((im >> 4) & 3); m[3] = 4 + ((im >> 6) & 3);
        print_mask(buf, sz, d, d, src, m, n);
        return true;
    case X_SHUFPD:
        n = 2;
        m[0] = im & 1; m[1] = 2 + ((im >> 1) & 1);
        print_mask(buf, sz, d, d, src, m, n);
        return true;
    case X_PUNPCKLBW: case X_PUNPCKLWD: case X_PUNPCKLDQ: case X_PUNPCKLQDQ: case X_UNPCKLPS:
    case X_PUNPCKHBW: case X_PUNPCKHWD: case X_PUNPCKHDQ: case X_PUNPCKHQDQ: case X_UNPCKHPS: {
        if (e->pfx != P66 && e->id != X_UNPCKLPS && e->id != X_UNPCKHPS) {
            /* MMX forms: 64-bit registers, REX ignored */
            snprintf(d, sizeof d, "mm%u", (in->modrm >> 3) & 7);
            snprintf(r, sizeof r, "mm%u", in->modrm & 7);
            src = in->mod == 3 ? r : NULL;
            int es = (e->id == X_PUNPCKLBW || e->id == X_PUNPCKHBW) ? 1 :
                     (e->id == X_PUNPCKLWD || e->id == X_PUNPCKHWD) ? 2 : 4;
            bool hi = e->id == X_PUNPCKHBW || e->id == X_PUNPCKHWD || e->id == X_PUNPCKHDQ;
            n = 8 / es;
            for (int i = 0; i < n / 2; i++) {
                m[2 * i] = (hi ? n / 2 : 0) + i;
                m[2 * i + 1] = n + (hi ? n / 2 : 0) + i;
            }
            print_mask(buf, sz, d, d, src, m, n);
            return true;
        }
        int es = (e->id == X_PUNPCKLBW || e->id == X_PUNPCKHBW) ? 1 :
                 (e->id == X_PUNPCKLWD || e->id == X_PUNPCKHWD) ? 2 :
                 (e->id == X_PUNPCKLDQ || e->id == X_PUNPCKHDQ || e->id == X_UNPCKLPS || e->id == X_UNPCKHPS) ? 4 : 8;
        bool hi = e->id == X_PUNPCKHBW || e->id == X_PUNPCKHWD || e->id == X_PUNPCKHDQ ||
                  e->id == X_PUNPCKHQDQ || e->id == X_UNPCKHPS;
        n = 16 / es;
        for (int i = 0; i < n / 2; i++) {
            m[2 * i] = (hi ? n / 2 : 0) + i;
            m[2 * i + 1] = n + (hi ? n / 2 : 0) + i;
        }
        print_mask(buf, sz, d, d, src, m, n);
        return true;
    }
    case X_MOVHPS: case X_MOVLPS:       /* loads from memory */
        n = 2;
        m[0] = e->id == X_MOVLPS ? 2 : 0;
        m[1] = e->id == X_MOVHPS ? 2 : 1;
        if (e->pfx == PN) {
            n = 4;
            if (e->id == X_MOVHPS) { m[0] = 0; m[1] = 1; m[2] = 4; m[3] = 5; }
            else { m[0] = 4; m[1] = 5; m[2] = 2; m[3] = 3; }
        }
        print_mask(buf, sz, d, d, NULL, m, n);
        return true;
    case X_MOVLHPS:
        n = 2; m[0] = 0; m[1] = 2;
        print_mask(buf, sz, d, d, r, m, n);
        return true;
    case X_MOVHLPS:
        n = 2; m[0] = 3; m[1] = 1;
        print_mask(buf, sz, d, d, r, m, n);
        return true;
    case X_PSLLDQ: case X_PSRLDQ: {
        n = 16;
        for (int i = 0; i < 16; i++) {
            int j = e->id == X_PSLLDQ ? i - (int)im : i + (int)im;
            m[i] = j >= 0 && j < 16 && im < 16 ? j : Z;
        }
        print_mask(buf, sz, r, r, r, m, n);
        return true;
    }
    case X_PALIGNR:
        if (e->pfx != P66)
            return false;
        /* llvm's decoding: element i is i + imm, from the second source
         * (the destination) once it passes 16, modulo 16 */
        n = 16;
        for (int i = 0; i < 16; i++)
            m[i] = i + (int)im;
        print_mask(buf, sz, d, src, d, m, n);
        return true;
    case X_MOVSS: case X_MOVSD:
        /* llvm-objdump-19 comments only the register form */
        if (in->mod != 3)
            return false;
        n = e->id == X_MOVSS ? 4 : 2;
        m[0] = n;
        for (int i = 1; i < n; i++) m[i] = i;
        print_mask(buf, sz, d, d, r, m, n);
        return true;
    case X_MOVQ_TOX:
        if (in->mod != 3)
            return false;
        n = 2; m[0] = 0; m[1] = Z;
        print_mask(buf, sz, d, src, src, m, n);
        return true;
    case X_MOVDDUP:
        n = 2; m[0] = m[1] = 0;
        print_mask(buf, sz, d, src, src, m, n);
        return true;
    case X_MOVSLDUP: case X_MOVSHDUP: {
        int b0 = e->id == X_MOVSHDUP;
        n = 4; m[0] = m[1] = b0; m[2] = m[3] = 2 + b0;
        print_mask(buf, sz, d, src, src, m, n);
        return true;
    }
    case X_BLENDPS: case X_BLENDPD: case X_PBLENDW: {
        n = e->id == X_BLENDPS ? 4 : e->id == X_BLENDPD ? 2 : 8;
        for (int i = 0; i < n; i++) m[i] = (im >> i & 1) ? n + i : i;
        print_mask(buf, sz, d, d, src, m, n);
        return true;
    }
    case X_INSERTPS: {
        n = 4;
        for (int i = 0; i < 4; i++) m[i] = i;
        m[(im >> 4) & 3] = 4 + (in->mod == 3 ? (int)((im >> 6) & 3) : 0);
        for (int i = 0; i < 4; i++) if (im >> i & 1) m[i] = Z;
        print_mask(buf, sz, d, d, src, m, n);
        return true;
    }
    case X_PMOVZXBW: case X_PMOVZXBD: case X_PMOVZXBQ: case X_PMOVZXWD: case X_PMOVZXWQ: case X_PMOVZXDQ: {
        int se = (e->id == X_PMOVZXBW || e->id == X_PMOVZXBD || e->id == X_PMOVZXBQ) ? 1 :
                 (e->id == X_PMOVZXWD || e->id == X_PMOVZXWQ) ? 2 : 4;
        int de = e->id == X_PMOVZXBW ? 2 : (e->id == X_PMOVZXBD || e->id == X_PMOVZXWD) ? 4 : 8;
        int ratio = de / se;
        if (in->mod != 3)
            return false;
        n = 16 / se;
        for (int i = 0; i < n; i++) m[i] = (i % ratio) ? Z : i / ratio;
        print_mask(buf, sz, d, src, src, m, n);
        return true;
    }
    }
    return false;
}
