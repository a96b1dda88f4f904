/* x87 floating point on the host's own 80-bit extended format (host and
 * guest are both x86: C long double is the x87 register format).  One
 * handler decodes the D8-DF ModRM forms at run time: x87 code is rare in
 * hot loops, long double printf and libm are its users.
 * Not modelled yet: precision control and rounding control of FCW for
 * arithmetic (the host runs at its default: 64-bit mantissa, nearest),
 * exception flags other than the stack fault/invalid from empty regs. */
#include <math.h>
#include <string.h>

#include "x86.h"

#define H(name) static const struct dinsn *name(struct cpu *c, const struct dinsn *d)
#define XO struct x86_cpu *x = X86(c); const struct xop *o = XOP(d); (void)x; (void)o

#define C0 0x100
#define C1 0x200
#define C2 0x400
#define C3 0x4000

void x86_fpu_reset(struct x86_cpu *x)
{
    x->mxcsr = 0x1f80;
    x->fcw = 0x37f;
    x->fsw = 0;
    x->ftw = 0xff;
    x->ftop = 0;
    x->fip = x->fdp = 0;
    x->fop = 0;
    memset(x->st, 0, sizeof x->st);
    memset(x->xmm, 0, sizeof x->xmm);
}

static inline long double *st(struct x86_cpu *x, unsigned i) { return &x->st[(x->ftop + i) & 7]; }

static inline void fpush(struct x86_cpu *x, long double v)
{
    x->ftop = (x->ftop - 1) & 7;
    x->st[x->ftop] = v;
    x->ftw &= ~(1u << x->ftop);
}

static inline void fpop(struct x86_cpu *x)
{
    x->ftw |= 1u << x->ftop;
    x->ftop = (x->ftop + 1) & 7;
}

static inline uint16_t fsw_get(struct x86_cpu *x)
{
    return (uint16_t)((x->fsw & ~0x3800u) | (x->ftop & 7) << 11);
}

static long double ld80(struct cpu *c, uint64_t a)
{
    uint64_t m = mem_ld64(c, a);
    uint16_t e = mem_ld16(c, a + 8);
    long double v = 0;
    memcpy(&v, &m, 8);
    memcpy((char *)&v + 8, &e, 2);
    return v;
}

static void st80(struct cpu *c, uint64_t a, long double v)
{
    uint64_t m;
    uint16_t e;
    memcpy(&m, &v, 8);
    memcpy(&e, (char *)&v + 8, 2);
    mem_st64(c, a, m);
    mem_st16(c, a + 8, e);
}

static long double ldfp(struct cpu *c, uint64_t a, unsigned kind)
{
    switch (kind) {
    case 0: { uint32_t u = mem_ld32(c, a); float f; memcpy(&f, &u, 4); return f; }
    case 1: { uint64_t u = mem_ld64(c, a); double g; memcpy(&g, &u, 8); return g; }
    case 2: return (int32_t)mem_ld32(c, a);
    default: return (int16_t)mem_ld16(c, a);
    }
}

/* x87 integer store: out of range or NaN gives the integer indefinite */
static int64_t to_int(long double v, unsigned bits, bool trunc, uint16_t fcw)
{
    long double r;
    if (trunc)
        r = truncl(v);
    else
        switch ((fcw >> 10) & 3) {
        case 0: r = nearbyintl(v); break;
        case 1: r = floorl(v); break;
        case 2: r = ceill(v); break;
        default: r = truncl(v); break;
        }
    long double lim = bits == 64 ? 9223372036854775808.0L : bits == 32 ? 2147483648.0L : 32768.0L;
    if (!(r >= -lim && r < lim))
        return bits == 64 ? INT64_MIN : bits == 32 ? INT32_MIN : INT16_MIN;
    return (int64_t)r;
}

static void compare(struct x86_cpu *x, long double a, long double b, bool eflags)
{
    unsigned z, p, cf;
    if (isnan(a) || isnan(b)) z = p = cf = 1;
    else if (a < b) { z = p = 0; cf = 1; }
    else if (a == b) { z = 1; p = cf = 0; }
    else z = p = cf = 0;
    if (eflags)
        set_flags_eager(x, (z ? FL_ZF : 0) | (p ? FL_PF : 0) | (cf ? FL_CF : 0));
    else
        x->fsw = (uint16_t)((x->fsw & ~(C0 | C2 | C3)) | (cf ? C0 : 0) | (p ? C2 : 0) | (z ? C3 : 0));
}

static long double arith(unsigned op, long double a, long double b)
{
    switch (op) {
    case 0: return a + b;
    case 1: return a * b;
    case 4: return a - b;
    case 5: return b - a;
    case 6: return a / b;
    default: return b / a;
    }
}

static void fxam(struct x86_cpu *x)
{
    long double v = *st(x, 0);
    unsigned cc;
    bool empty = x->ftw >> x->ftop & 1;
    if (empty) cc = C3 | C0;
    else if (isnan(v)) cc = C0;
    else if (isinf(v)) cc = C2 | C0;
    else if (v == 0) cc = C3;
    else if (fpclassify(v) == FP_SUBNORMAL) cc = C3 | C2;
    else cc = C2;
    if (signbit(v)) cc |= C1;
    x->fsw = (uint16_t)((x->fsw & ~(C0 | C1 | C2 | C3)) | cc);
}

static void fenv_store(struct x86_cpu *x, struct cpu *c, uint64_t a)
{
    /* 28-byte protected-mode environment */
    mem_st32(c, a, x->fcw | 0xffff0000u);
    mem_st32(c, a + 4, fsw_get(x) | 0xffff0000u);
    uint16_t tw = 0;
    for (int i = 0; i < 8; i++)
        if (x->ftw >> i & 1) tw |= 3u << (2 * i);
    mem_st32(c, a + 8, tw | 0xffff0000u);
    mem_st32(c, a + 12, (uint32_t)x->fip);
    mem_st32(c, a + 16, x->fop);
    mem_st32(c, a + 20, (uint32_t)x->fdp);
    mem_st32(c, a + 24, 0xffff0000u);
}

static void fenv_load(struct x86_cpu *x, struct cpu *c, uint64_t a)
{
    uint16_t cw = mem_ld16(c, a), sw = mem_ld16(c, a + 4), tw = mem_ld16(c, a + 8);
    x->fcw = cw;
    x->fsw = sw;
    x->ftop = (sw >> 11) & 7;
    x->ftw = 0;
    for (int i = 0; i < 8; i++)
        if (((tw >> (2 * i)) & 3) == 3) x->ftw |= 1u << i;
}

static const long double consts[7] = {
    1.0L, 3.32192809488736234787031942948939018L, 1.44269504088896340735992468100189214L,
    3.14159265358979323846264338327950288L, 0.301029995663981195213738894724493027L,
    0.693147180559945309417232121458176568L, 0.0L,
};

H(h_x87)
{
    XO;
    unsigned opc = o->opc, reg = (o->modrm >> 3) & 7, rm = o->modrm & 7;
    if (o->mem) {
        uint64_t a = x86_ea(x, o);
        switch (opc) {
        case 0xd8: case 0xdc: case 0xda: case 0xde: {
            unsigned kind = opc == 0xd8 ? 0 : opc == 0xdc ? 1 : opc == 0xda ? 2 : 3;
            long double v = ldfp(c, a, kind);
            if (reg == 2 || reg == 3) {
                compare(x, *st(x, 0), v, false);
                if (reg == 3) fpop(x);
            } else
                *st(x, 0) = arith(reg, *st(x, 0), v);
            break;
        }
        case 0xd9:
            switch (reg) {
            case 0: { long double v = ldfp(c, a, 0); fpush(x, v); break; }
            case 2: case 3: { float f = (float)*st(x, 0); uint32_t u; memcpy(&u, &f, 4); mem_st32(c, a, u); if (reg == 3) fpop(x); break; }
            case 4: fenv_load(x, c, a); break;
            case 5: x->fcw = mem_ld16(c, a); break;
            case 6: fenv_store(x, c, a); x->fcw |= 0x3f; break;
            case 7: mem_st16(c, a, x->fcw); break;
            default: return x86_ud(c, d);
            }
            break;
        case 0xdb:
            switch (reg) {
            case 0: { long double v = ldfp(c, a, 2); fpush(x, v); break; }
            case 1: case 2: case 3: mem_st32(c, a, (uint32_t)to_int(*st(x, 0), 32, reg == 1, x->fcw)); if (reg != 2) fpop(x); break;
            case 5: { long double v = ld80(c, a); fpush(x, v); break; }
            case 7: st80(c, a, *st(x, 0)); fpop(x); break;
            default: return x86_ud(c, d);
            }
            break;
        case 0xdd:
            switch (reg) {
            case 0: { long double v = ldfp(c, a, 1); fpush(x, v); break; }
            case 1: mem_st64(c, a, (uint64_t)to_int(*st(x, 0), 64, true, x->fcw)); fpop(x); break;
            case 2: case 3: { double g = (double)*st(x, 0); uint64_t u; memcpy(&u, &g, 8); mem_st64(c, a, u); if (reg == 3) fpop(x); break; }
            case 7: mem_st16(c, a, fsw_get(x)); break;
            default: return x86_ud(c, d);
            }
            break;
        case 0xdf:
            switch (reg) {
            case 0: { long double v = ldfp(c, a, 3); fpush(x, v); break; }
            case 1: case 2: case 3: mem_st16(c, a, (uint16_t)to_int(*st(x, 0), 16, reg == 1, x->fcw)); if (reg != 2) fpop(x); break;
            case 5: { long double v = (int64_t)mem_ld64(c, a); fpush(x, v); break; }
            case 7: mem_st64(c, a, (uint64_t)to_int(*st(x, 0), 64, false, x->fcw)); fpop(x); break;
            default: return x86_ud(c, d);
            }
            break;
        }
        CPU_NEXT(c, d);
    }
    switch (opc) {
    case 0xd8:
        if (reg == 2 || reg == 3) {
            compare(x, *st(x, 0), *st(x, rm), false);
            if (reg == 3) fpop(x);
        } else
            *st(x, 0) = arith(reg, *st(x, 0), *st(x, rm));
        break;
    case 0xdc: case 0xde:
        if (reg == 2 || reg == 3) {           /* DE D9: fcompp */
            compare(x, *st(x, 0), *st(x, 1), false);
            fpop(x); fpop(x);
            break;
        }
        /* st(i) = st(i) op st(0); the encodings swap sub/subr, div/divr */
        {
            static const uint8_t sw[8] = { 0, 1, 2, 3, 5, 4, 7, 6 };
            *st(x, rm) = arith(sw[reg], *st(x, rm), *st(x, 0));
            if (opc == 0xde) fpop(x);
        }
        break;
    case 0xd9:
        switch (reg) {
        case 0: { long double v = *st(x, rm); fpush(x, v); break; }
        case 1: { long double t = *st(x, 0); *st(x, 0) = *st(x, rm); *st(x, rm) = t; break; }
        case 2: break;   /* fnop */
        case 4:
            if (rm == 0) *st(x, 0) = -*st(x, 0);
            else if (rm == 1) *st(x, 0) = fabsl(*st(x, 0));
            else if (rm == 4) compare(x, *st(x, 0), 0.0L, false);
            else if (rm == 5) fxam(x);
            else return x86_ud(c, d);
            break;
        case 5:
            if (rm == 7) return x86_ud(c, d);
            fpush(x, consts[rm]);
            break;
        case 6: {
            long double a0 = *st(x, 0), a1 = *st(x, 1);
            switch (rm) {
            case 0: *st(x, 0) = exp2l(a0) - 1; break;
            case 1: *st(x, 1) = a1 * log2l(a0); fpop(x); break;
            case 2: *st(x, 0) = tanl(a0); fpush(x, 1.0L); x->fsw &= ~C2; break;
            case 3: *st(x, 1) = atan2l(a1, a0); fpop(x); break;
            case 4: { int e; long double m = frexpl(a0, &e); *st(x, 0) = (long double)(e - 1); fpush(x, m * 2); break; }
            case 5: { long double r = remainderl(a0, a1); *st(x, 0) = r; x->fsw &= ~(C0 | C1 | C2 | C3); break; }
            case 6: x->ftop = (x->ftop - 1) & 7; break;
            default: x->ftop = (x->ftop + 1) & 7; break;
            }
            break;
        }
        default: {
            long double a0 = *st(x, 0), a1 = *st(x, 1);
            switch (rm) {
            case 0: {       /* fprem: truncating remainder, quotient bits in C0 C3 C1 */
                long double q = truncl(a0 / a1), r = fmodl(a0, a1);
                uint64_t qi = (uint64_t)fabsl(fmodl(q, 8.0L));
                *st(x, 0) = r;
                x->fsw = (uint16_t)((x->fsw & ~(C0 | C1 | C2 | C3)) | (qi & 4 ? C0 : 0) |
                                    (qi & 2 ? C3 : 0) | (qi & 1 ? C1 : 0));
                break;
            }
            case 1: *st(x, 1) = a1 * log2l(a0 + 1); fpop(x); break;
            case 2: *st(x, 0) = sqrtl(a0); break;
            case 3: *st(x, 0) = sinl(a0); fpush(x, cosl(a0)); x->fsw &= ~C2; break;
            case 4: *st(x, 0) = nearbyintl(a0); break;
            case 5: *st(x, 0) = scalbnl(a0, (int)truncl(a1)); break;
            case 6: *st(x, 0) = sinl(a0); x->fsw &= ~C2; break;
            default: *st(x, 0) = cosl(a0); x->fsw &= ~C2; break;
            }
        }
        }
        break;
    case 0xda: case 0xdb: {
        if (opc == 0xda && reg == 5 && rm == 1) {    /* fucompp */
            compare(x, *st(x, 0), *st(x, 1), false);
            fpop(x); fpop(x);
            break;
        }
        if (opc == 0xdb && reg == 4) {
            if (rm == 2) x->fsw &= ~0x80ffu;            /* fnclex */
            else if (rm == 3)        /* fninit */
            {
                x->fcw = 0x37f; x->fsw = 0; x->ftw = 0xff; x->ftop = 0;
            }
            break;
        }
        if (opc == 0xdb && (reg == 5 || reg == 6)) {
            compare(x, *st(x, 0), *st(x, rm), true);
            break;
        }
        static const uint8_t cc[4] = { 2, 4, 6, 10 };   /* b e be u */
        bool t = x86_cond(x, cc[reg & 3]);
        if (opc == 0xdb) t = !t;
        if (t) *st(x, 0) = *st(x, rm);
        break;
    }
    case 0xdd:
        switch (reg) {
        case 0: x->ftw |= 1u << ((x->ftop + rm) & 7); break;
        case 2: *st(x, rm) = *st(x, 0); break;
        case 3: *st(x, rm) = *st(x, 0); fpop(x); break;
        case 4: case 5: compare(x, *st(x, 0), *st(x, rm), false); if (reg == 5) fpop(x); break;
        default: return x86_ud(c, d);
        }
        break;
    case 0xdf:
        if (reg == 4 && rm == 0) {
            wrreg(x, 0, 2, fsw_get(x));
            break;
        }
        if (reg == 5 || reg == 6) {
            compare(x, *st(x, 0), *st(x, rm), true);
            fpop(x);
            break;
        }
        return x86_ud(c, d);
    }
    CPU_NEXT(c, d);
}

/* FXSAVE format (SDM vol. 1 10.5.1): 512 bytes. */
void x86_fxsave(struct x86_cpu *x, uint8_t *b)
{
    memset(b, 0, 512);
    b[0] = x->fcw & 0xff; b[1] = x->fcw >> 8;
    uint16_t sw = fsw_get(x);
    b[2] = sw & 0xff; b[3] = sw >> 8;
    b[4] = (uint8_t)~x->ftw;
    b[6] = x->fop & 0xff; b[7] = x->fop >> 8;
    memcpy(b + 8, &x->fip, 8);
    memcpy(b + 16, &x->fdp, 8);
    memcpy(b + 24, &x->mxcsr, 4);
    uint32_t mask = 0xffff;
    memcpy(b + 28, &mask, 4);
    for (int i = 0; i < 8; i++)
        memcpy(b + 32 + 16 * i, &x->st[(x->ftop + i) & 7], 10);
    memcpy(b + 160, x->xmm, 256);
}

int x86_fxrstor(struct x86_cpu *x, const uint8_t *b)
{
    uint32_t mx;
    memcpy(&mx, b + 24, 4);
    if (mx & ~0xffffu)
        return -1;
    x->fcw = (uint16_t)(b[0] | b[1] << 8);
    uint16_t sw = (uint16_t)(b[2] | b[3] << 8);
    x->fsw = sw;
    x->ftop = (sw >> 11) & 7;
    x->ftw = (uint8_t)~b[4];
    x->fop = (uint16_t)(b[6] | b[7] << 8);
    memcpy(&x->fip, b + 8, 8);
    memcpy(&x->fdp, b + 16, 8);
    x->mxcsr = mx;
    for (int i = 0; i < 8; i++) {
        long double v = 0;
        memcpy(&v, b + 32 + 16 * i, 10);
        x->st[(x->ftop + i) & 7] = v;
    }
    memcpy(x->xmm, b + 160, 256);
    return 0;
}

H(h_fxsave)
{
    XO;
    uint64_t a = x86_ea(x, o);
    if (a & 15)
        return x86_gp0(c, d);
    uint8_t b[512];
    x86_fxsave(x, b);
    for (int i = 0; i < 512; i += 8) {
        uint64_t q;
        memcpy(&q, b + i, 8);
        mem_st64(c, a + i, q);
    }
    CPU_NEXT(c, d);
}

H(h_fxrstor)
{
    XO;
    uint64_t a = x86_ea(x, o);
    if (a & 15)
        return x86_gp0(c, d);
    uint8_t b[512];
    for (int i = 0; i < 512; i += 8) {
        uint64_t q = mem_ld64(c, a + i);
        memcpy(b + i, &q, 8);
    }
    struct x86_cpu save = *x;
    if (x86_fxrstor(x, b)) {
        *x = save;
        return x86_gp0(c, d);
    }
    CPU_NEXT(c, d);
}

H(h_fwait) { (void)c; CPU_NEXT(c, d); }

xhandler x86_x87_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d)
{
    (void)o;
    if (in->e->id == X_FXSAVE) return h_fxsave;
    if (in->e->id == X_FXRSTOR) return h_fxrstor;
    if (in->map != 0)
        return NULL;
    if (in->opc == 0x9b)
        return h_fwait;
    if (in->opc < 0xd8 || in->opc > 0xdf)
        return NULL;
    d->cls = IC_FP;
    return h_x87;
}
