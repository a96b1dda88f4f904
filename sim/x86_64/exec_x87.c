/* x87 floating point on the host's own x87 unit (host and guest are both
 * x86: C long double is the x87 register format).  Arithmetic, stores
 * that round, and the transcendental instructions run as the very same
 * host instruction under the guest's control word (precision and rounding
 * control; exceptions masked) and merge the exception flags into the
 * guest's status word, so the results are the hardware's bit for bit.
 * One handler decodes the D8-DF ModRM forms at run time: x87 code is rare
 * in hot loops; long double printf and libm are its users.  Not modelled:
 * unmasked x87 exceptions (#MF) and the stack-fault flag. */
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

/* The "real indefinite" QNaN a masked invalid operation produces. */
static long double indefinite(void)
{
    long double v = 0;
    uint64_t m = 0xc000000000000000ull;
    uint16_t e = 0xffff;
    memcpy(&v, &m, 8);
    memcpy((char *)&v + 8, &e, 2);
    return v;
}

static inline void fpush(struct x86_cpu *x, long double v)
{
    x->ftop = (x->ftop - 1) & 7;
    if (!(x->ftw >> x->ftop & 1)) {        /* stack overflow: IE, SF, C1 = 1 */
        x->fsw |= 0x41 | 0x200;
        v = indefinite();
    }
    x->st[x->ftop] = v;
    x->ftw &= ~(1u << x->ftop);
}

/* write st(i) and tag it valid */
static inline void setst(struct x86_cpu *x, unsigned i, long double v)
{
    unsigned p = (x->ftop + i) & 7;
    x->st[p] = v;
    x->ftw &= ~(1u << p);
}

/* Registers the instruction reads: an empty one is a stack underflow
 * (IE, SF, C1 = 0) and reads as the indefinite QNaN. */
static void check_underflow(struct x86_cpu *x, unsigned mask)
{
    for (unsigned i = 0; i < 8; i++) {
        if (!(mask >> i & 1))
            continue;
        unsigned p = (x->ftop + i) & 7;
        if (x->ftw >> p & 1) {
            x->fsw = (uint16_t)((x->fsw | 0x41) & ~0x200u);
            x->st[p] = indefinite();
        }
    }
}

/* Which of st(0..7) an x87 instruction reads (bit i = st(i)). */
static unsigned reads_of(unsigned opc, unsigned reg, unsigned rm, bool mem)
{
    unsigned s0 = 1, si = 1u << rm;
    if (mem) {
        switch (opc) {
        case 0xd8: case 0xdc: case 0xda: case 0xde: return s0;
        case 0xd9: return reg == 2 || reg == 3 ? s0 : 0;
        case 0xdd: return reg >= 1 && reg <= 3 ? s0 : 0;
        case 0xdb: return (reg >= 1 && reg <= 3) || reg == 7 ? s0 : 0;
        case 0xdf: return (reg >= 1 && reg <= 3) || reg >= 6 ? s0 : 0;
        }
        return 0;
    }
    switch (opc) {
    case 0xd8: return s0 | si;
    case 0xdc: return s0 | si;
    case 0xde: return reg == 3 ? s0 | 2 : s0 | si;
    case 0xda: return reg == 5 ? s0 | 2 : s0 | si;
    case 0xdb: return reg == 4 ? 0 : s0 | si;
    case 0xdf: return reg == 4 ? 0 : s0 | si;
    case 0xdd: return reg == 0 ? 0 : reg == 2 || reg == 3 ? s0 : s0 | si;
    case 0xd9:
        switch (reg) {
        case 0: return si;
        case 1: return s0 | si;
        case 4: return rm == 5 ? 0 : s0;          /* fxam reads an empty register legally */
        case 5: return 0;
        case 6: return rm == 1 || rm == 3 || rm == 5 ? s0 | 2 : rm >= 6 ? 0 : s0;
        case 7: return rm == 0 || rm == 1 || rm == 5 ? s0 | 2 : s0;
        }
    }
    return 0;
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

#define X87_CLOBBERS "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)", "st(6)", "st(7)"

/* The host FPU environment an emulated instruction starts from: the
 * guest's control word (exceptions masked), its condition codes (which
 * some instructions leave unchanged), no exceptions, an empty stack. */
struct fenv28 {
    uint16_t cw, r0, sw, r1, tw, r2;
    uint32_t ip, op, dp, ds;
};
static inline struct fenv28 host_env(struct x86_cpu *x)
{
    struct fenv28 e = { (uint16_t)(x->fcw | 0x3f), 0xffff, (uint16_t)(x->fsw & (C0 | C1 | C2 | C3)),
                        0xffff, 0xffff, 0xffff, 0, 0, 0, 0xffff0000u };
    return e;
}

/* fcom/fucom (condition codes) and fcomi/fucomi (EFLAGS) on the host FPU:
 * the same invalid and denormal flags as the hardware raises. */
static void compare(struct x86_cpu *x, long double a, long double b, bool eflags, bool quiet)
{
    uint16_t sw, hcw = 0x37f;
    struct fenv28 cw = host_env(x);
    uint8_t z, p, cf;
    if (!eflags) {
        if (quiet)
            __asm__ volatile("fldenv %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\tfucompp\n\tfnstsw %[sw]\n\tfldcw %[h]"
                             : [sw] "=m"(sw) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS);
        else
            __asm__ volatile("fldenv %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\tfcompp\n\tfnstsw %[sw]\n\tfldcw %[h]"
                             : [sw] "=m"(sw) : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS);
        x->fsw = (uint16_t)((x->fsw & ~(C0 | C2 | C3)) | (sw & (C0 | C2 | C3 | 0x3f)));
        return;
    }
    if (quiet)
        __asm__ volatile("fldenv %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\tfucomip %%st(1), %%st\n\t"
                         "setz %[z]\n\tsetp %[p]\n\tsetc %[c]\n\tfstp %%st(0)\n\tfnstsw %[sw]\n\tfldcw %[h]"
                         : [sw] "=m"(sw), [z] "=q"(z), [p] "=q"(p), [c] "=q"(cf)
                         : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS, "cc");
    else
        __asm__ volatile("fldenv %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\tfcomip %%st(1), %%st\n\t"
                         "setz %[z]\n\tsetp %[p]\n\tsetc %[c]\n\tfstp %%st(0)\n\tfnstsw %[sw]\n\tfldcw %[h]"
                         : [sw] "=m"(sw), [z] "=q"(z), [p] "=q"(p), [c] "=q"(cf)
                         : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS, "cc");
    x->fsw |= sw & 0x3f;
    set_flags_eager(x, (z ? FL_ZF : 0) | (p ? FL_PF : 0) | (cf ? FL_CF : 0));
}

/* fld1 fldl2t fldl2e fldpi fldlg2 fldln2 fldz: the constants are rounded
 * by the rounding control */
static long double ldconst(struct x86_cpu *x, unsigned k)
{
    struct fenv28 cw = host_env(x); uint16_t hcw = 0x37f;
    long double r;
#define LDC(insn) __asm__ volatile("fldenv %[cw]\n\t" insn "\n\tfstpt %[r]\n\tfldcw %[h]" \
                                   : [r] "=m"(r) : [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS)
    switch (k) {
    case 0: LDC("fld1"); break;
    case 1: LDC("fldl2t"); break;
    case 2: LDC("fldl2e"); break;
    case 3: LDC("fldpi"); break;
    case 4: LDC("fldlg2"); break;
    case 5: LDC("fldln2"); break;
    default: LDC("fldz"); break;
    }
#undef LDC
    return r;
}

/* r = a op b on the host FPU under the guest's control word: op as the
 * D8 /reg field (0 add, 1 mul, 4 sub, 5 subr, 6 div, 7 divr). */
static long double arith_cw(struct x86_cpu *x, unsigned op, long double a, long double b)
{
    struct fenv28 cw = host_env(x); uint16_t hcw = 0x37f, sw;
    long double r;
#define BIN(insn)                                                                  \
    __asm__ volatile("fldenv %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn "\n\t"  \
                     "fnstsw %[sw]\n\tfstpt %[r]\n\tfstp %%st(0)\n\tfldcw %[h]"         \
                     : [r] "=m"(r), [sw] "=m"(sw)                                  \
                     : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [h] "m"(hcw)          \
                     : X87_CLOBBERS)
    switch (op) {
    case 0: BIN("fadd %%st(1), %%st"); break;
    case 1: BIN("fmul %%st(1), %%st"); break;
    case 4: BIN("fsub %%st(1), %%st"); break;
    case 5: BIN("fsubr %%st(1), %%st"); break;
    case 6: BIN("fdiv %%st(1), %%st"); break;
    default: BIN("fdivr %%st(1), %%st"); break;
    }
#undef BIN
    x->fsw = (uint16_t)((x->fsw & ~C1) | (sw & (C1 | 0x3f)) | (x->fsw & 0x3f));
    return r;
}

/* One-operand instructions on st(0) (and st(1) for the two-operand
 * ones); results come back in r0 (new st(0) after the op and pops done
 * by the instruction itself) and r1 (st(1) when the op leaves two). */
enum { U_SQRT, U_RNDINT, U_SIN, U_COS, U_F2XM1, U_PTAN, U_SINCOS, U_XTRACT,
       U_YL2X, U_YL2XP1, U_PATAN, U_SCALE, U_PREM, U_PREM1 };

static uint16_t unop_cw(struct x86_cpu *x, unsigned op, long double a, long double b,
                        long double *r0, long double *r1)
{
    struct fenv28 cw = host_env(x); uint16_t hcw = 0x37f, sw;
    long double t0 = 0, t1 = 0;
#define ONE(insn)                                                                  \
    __asm__ volatile("fldenv %[cw]\n\tfldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\t"  \
                     "fstpt %[r0]\n\tfldcw %[h]"                                   \
                     : [r0] "=m"(t0), [sw] "=m"(sw)                                \
                     : [a] "m"(a), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS)
#define ONE2(insn)  /* leaves two values */                                        \
    __asm__ volatile("fldenv %[cw]\n\tfldt %[a]\n\t" insn "\n\tfnstsw %[sw]\n\t"  \
                     "fstpt %[r0]\n\tfstpt %[r1]\n\tfldcw %[h]"                    \
                     : [r0] "=m"(t0), [r1] "=m"(t1), [sw] "=m"(sw)                 \
                     : [a] "m"(a), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS)
#define TWO(insn)   /* st(1) op st(0), popped to one value */                      \
    __asm__ volatile("fldenv %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn "\n\t"   \
                     "fnstsw %[sw]\n\tfstpt %[r0]\n\tfldcw %[h]"                   \
                     : [r0] "=m"(t0), [sw] "=m"(sw)                                \
                     : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS)
#define TWOK(insn)  /* st(0) op st(1), both kept */                                \
    __asm__ volatile("fldenv %[cw]\n\tfldt %[b]\n\tfldt %[a]\n\t" insn "\n\t"   \
                     "fnstsw %[sw]\n\tfstpt %[r0]\n\tfstpt %[r1]\n\tfldcw %[h]"      \
                     : [r0] "=m"(t0), [r1] "=m"(t1), [sw] "=m"(sw)                 \
                     : [a] "m"(a), [b] "m"(b), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS)
    switch (op) {
    case U_SQRT: ONE("fsqrt"); break;
    case U_RNDINT: ONE("frndint"); break;
    case U_SIN: ONE("fsin"); break;
    case U_COS: ONE("fcos"); break;
    case U_F2XM1: ONE("f2xm1"); break;
    case U_PTAN: ONE2("fptan"); break;
    case U_SINCOS: ONE2("fsincos"); break;
    case U_XTRACT: ONE2("fxtract"); break;
    case U_YL2X: TWO("fyl2x"); break;
    case U_YL2XP1: TWO("fyl2xp1"); break;
    case U_PATAN: TWO("fpatan"); break;
    case U_SCALE: TWOK("fscale"); break;
    case U_PREM: TWOK("fprem"); break;
    default: TWOK("fprem1"); break;
    }
#undef ONE
#undef ONE2
#undef TWO
#undef TWOK
    *r0 = t0;
    if (r1)
        *r1 = t1;
    x->fsw = (uint16_t)((x->fsw & ~C1) | (sw & (C1 | 0x3f)) | (x->fsw & 0x3f));
    return sw;
}

/* Stores that round: m32/m64 floats and integers, under the guest's control word. */
enum { S_F32, S_F64, S_I16, S_I32, S_I64, S_T16, S_T32, S_T64 };
static uint64_t store_cw(struct x86_cpu *x, unsigned kind, long double a)
{
    struct fenv28 cw = host_env(x); uint16_t hcw = 0x37f, sw;
    uint64_t out = 0;
#define ST(insn)                                                                   \
    __asm__ volatile("fldenv %[cw]\n\tfldt %[a]\n\t" insn " %[o]\n\t"       \
                     "fnstsw %[sw]\n\tfldcw %[h]"                                   \
                     : [o] "=m"(out), [sw] "=m"(sw)                                \
                     : [a] "m"(a), [cw] "m"(cw), [h] "m"(hcw) : X87_CLOBBERS)
    switch (kind) {
    case S_F32: ST("fstps"); break;
    case S_F64: ST("fstpl"); break;
    case S_I16: ST("fistps"); break;
    case S_I32: ST("fistpl"); break;
    case S_I64: ST("fistpll"); break;
    case S_T16: ST("fisttps"); break;
    case S_T32: ST("fisttpl"); break;
    default: ST("fisttpll"); break;
    }
#undef ST
    x->fsw = (uint16_t)((x->fsw & ~C1) | (sw & (C1 | 0x3f)) | (x->fsw & 0x3f));
    return out;
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
    /* the full tag word: empty 11, else from the contents: zero 01,
     * special (NaN, infinity, denormal, unnormal) 10, valid 00 */
    uint16_t tw = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t m;
        uint16_t e;
        memcpy(&m, &x->st[i], 8);
        memcpy(&e, (char *)&x->st[i] + 8, 2);
        e &= 0x7fff;
        unsigned t = (x->ftw >> i & 1) ? 3 : (e == 0 && m == 0) ? 1 :
                     (e == 0x7fff || e == 0 || !(m >> 63)) ? 2 : 0;
        tw |= (uint16_t)(t << (2 * i));
    }
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


H(h_x87)
{
    XO;
    unsigned opc = o->opc, reg = (o->modrm >> 3) & 7, rm = o->modrm & 7;
    /* C1 is cleared by every instruction except the control ones, then set
     * by those that round up (or push/pop a full/empty register) */
    bool control = (o->mem && ((opc == 0xd9 && reg >= 4) || (opc == 0xdd && (reg == 4 || reg == 6 || reg == 7)))) ||
                   (!o->mem && ((opc == 0xdf && reg == 4) || (opc == 0xdb && reg == 4)));
    if (!control)
        x->fsw &= ~C1;
    check_underflow(x, reads_of(opc, reg, rm, o->mem));
    if (o->mem) {
        uint64_t a = x86_ea(x, o);
        switch (opc) {
        case 0xd8: case 0xdc: case 0xda: case 0xde: {
            unsigned kind = opc == 0xd8 ? 0 : opc == 0xdc ? 1 : opc == 0xda ? 2 : 3;
            long double v = ldfp(c, a, kind);
            if (reg == 2 || reg == 3) {
                compare(x, *st(x, 0), v, false, false);
                if (reg == 3) fpop(x);
            } else
                setst(x, 0, arith_cw(x, reg, *st(x, 0), v));
            break;
        }
        case 0xd9:
            switch (reg) {
            case 0: { long double v = ldfp(c, a, 0); fpush(x, v); break; }
            case 2: case 3: mem_st32(c, a, (uint32_t)store_cw(x, S_F32, *st(x, 0))); if (reg == 3) fpop(x); break;
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
            case 1: case 2: case 3: mem_st32(c, a, (uint32_t)store_cw(x, reg == 1 ? S_T32 : S_I32, *st(x, 0))); if (reg != 2) fpop(x); break;
            case 5: { long double v = ld80(c, a); fpush(x, v); break; }
            case 7: st80(c, a, *st(x, 0)); fpop(x); break;
            default: return x86_ud(c, d);
            }
            break;
        case 0xdd:
            switch (reg) {
            case 0: { long double v = ldfp(c, a, 1); fpush(x, v); break; }
            case 1: mem_st64(c, a, store_cw(x, S_T64, *st(x, 0))); fpop(x); break;
            case 2: case 3: mem_st64(c, a, store_cw(x, S_F64, *st(x, 0))); if (reg == 3) fpop(x); break;
            case 7: mem_st16(c, a, fsw_get(x)); break;
            default: return x86_ud(c, d);
            }
            break;
        case 0xdf:
            switch (reg) {
            case 0: { long double v = ldfp(c, a, 3); fpush(x, v); break; }
            case 1: case 2: case 3: mem_st16(c, a, (uint16_t)store_cw(x, reg == 1 ? S_T16 : S_I16, *st(x, 0))); if (reg != 2) fpop(x); break;
            case 5: { long double v = (int64_t)mem_ld64(c, a); fpush(x, v); break; }
            case 7: mem_st64(c, a, store_cw(x, S_I64, *st(x, 0))); fpop(x); break;
            default: return x86_ud(c, d);
            }
            break;
        }
        CPU_NEXT(c, d);
    }
    switch (opc) {
    case 0xd8:
        if (reg == 2 || reg == 3) {
            compare(x, *st(x, 0), *st(x, rm), false, false);
            if (reg == 3) fpop(x);
        } else
            setst(x, 0, arith_cw(x, reg, *st(x, 0), *st(x, rm)));
        break;
    case 0xdc: case 0xde:
        if (reg == 2 || reg == 3) {           /* DE D9: fcompp */
            compare(x, *st(x, 0), *st(x, 1), false, false);
            fpop(x); fpop(x);
            break;
        }
        /* st(i) = st(i) op st(0); the encodings swap sub/subr, div/divr */
        {
            static const uint8_t sw[8] = { 0, 1, 2, 3, 5, 4, 7, 6 };
            setst(x, rm, arith_cw(x, sw[reg], *st(x, rm), *st(x, 0)));
            if (opc == 0xde) fpop(x);
        }
        break;
    case 0xd9:
        switch (reg) {
        case 0: { long double v = *st(x, rm); fpush(x, v); break; }
        case 1: { long double t = *st(x, 0); setst(x, 0, *st(x, rm)); setst(x, rm, t); break; }
        case 2: break;   /* fnop */
        case 4:
            if (rm == 0) setst(x, 0, -*st(x, 0));
            else if (rm == 1) setst(x, 0, fabsl(*st(x, 0)));
            else if (rm == 4) compare(x, *st(x, 0), 0.0L, false, false);
            else if (rm == 5) fxam(x);
            else return x86_ud(c, d);
            break;
        case 5:
            if (rm == 7) return x86_ud(c, d);
            fpush(x, ldconst(x, rm));
            break;
        case 6: {
            long double a0 = *st(x, 0), a1 = *st(x, 1), r0, r1;
            switch (rm) {
            case 0: unop_cw(x, U_F2XM1, a0, 0, &r0, NULL); setst(x, 0, r0); break;
            case 1: unop_cw(x, U_YL2X, a0, a1, &r0, NULL); setst(x, 1, r0); fpop(x); break;
            case 2: {
                uint16_t sw = unop_cw(x, U_PTAN, a0, 0, &r0, &r1);
                x->fsw = (uint16_t)((x->fsw & ~C2) | (sw & C2));
                if (sw & C2) break;             /* out of range: unchanged */
                setst(x, 0, r1);
                fpush(x, r0);
                break;
            }
            case 3: unop_cw(x, U_PATAN, a0, a1, &r0, NULL); setst(x, 1, r0); fpop(x); break;
            case 4: unop_cw(x, U_XTRACT, a0, 0, &r0, &r1); setst(x, 0, r1); fpush(x, r0); break;
            case 5: {
                uint16_t sw = unop_cw(x, U_PREM1, a0, a1, &r0, &r1);
                setst(x, 0, r0);
                if (!(sw & 1))      /* invalid leaves the condition codes */
                    x->fsw = (uint16_t)((x->fsw & ~(C0 | C1 | C2 | C3)) | (sw & (C0 | C1 | C2 | C3)));
                break;
            }
            case 6: x->ftop = (x->ftop - 1) & 7; break;
            default: x->ftop = (x->ftop + 1) & 7; break;
            }
            break;
        }
        default: {
            long double a0 = *st(x, 0), a1 = *st(x, 1), r0, r1;
            uint16_t sw;
            switch (rm) {
            case 0:
                sw = unop_cw(x, U_PREM, a0, a1, &r0, &r1);
                setst(x, 0, r0);
                if (!(sw & 1))
                    x->fsw = (uint16_t)((x->fsw & ~(C0 | C1 | C2 | C3)) | (sw & (C0 | C1 | C2 | C3)));
                break;
            case 1: unop_cw(x, U_YL2XP1, a0, a1, &r0, NULL); setst(x, 1, r0); fpop(x); break;
            case 2: unop_cw(x, U_SQRT, a0, 0, &r0, NULL); setst(x, 0, r0); break;
            case 3:
                sw = unop_cw(x, U_SINCOS, a0, 0, &r0, &r1);
                x->fsw = (uint16_t)((x->fsw & ~C2) | (sw & C2));
                if (sw & C2) break;
                setst(x, 0, r1);
                fpush(x, r0);
                break;
            case 4: unop_cw(x, U_RNDINT, a0, 0, &r0, NULL); setst(x, 0, r0); break;
            case 5: unop_cw(x, U_SCALE, a0, a1, &r0, NULL); setst(x, 0, r0); break;
            case 6: case 7:
                sw = unop_cw(x, rm == 6 ? U_SIN : U_COS, a0, 0, &r0, NULL);
                x->fsw = (uint16_t)((x->fsw & ~C2) | (sw & C2));
                if (!(sw & C2)) setst(x, 0, r0);
                break;
            }
        }
        }
        break;
    case 0xda: case 0xdb: {
        if (opc == 0xda && reg == 5 && rm == 1) {    /* fucompp */
            compare(x, *st(x, 0), *st(x, 1), false, false);
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
            compare(x, *st(x, 0), *st(x, rm), true, reg == 5);
            break;
        }
        static const uint8_t cc[4] = { 2, 4, 6, 10 };   /* b e be u */
        bool t = x86_cond(x, cc[reg & 3]);
        if (opc == 0xdb) t = !t;
        if (t) setst(x, 0, *st(x, rm));
        break;
    }
    case 0xdd:
        switch (reg) {
        case 0: x->ftw |= 1u << ((x->ftop + rm) & 7); break;
        case 2: setst(x, rm, *st(x, 0)); break;
        case 3: setst(x, rm, *st(x, 0)); fpop(x); break;
        case 4: case 5: compare(x, *st(x, 0), *st(x, rm), false, true); if (reg == 5) fpop(x); break;
        default: return x86_ud(c, d);
        }
        break;
    case 0xdf:
        if (reg == 4 && rm == 0) {
            wrreg(x, 0, 2, fsw_get(x));
            break;
        }
        if (reg == 5 || reg == 6) {
            compare(x, *st(x, 0), *st(x, rm), true, reg == 5);
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
