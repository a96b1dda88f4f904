/* x86_64 integer instructions: ALU, moves, stack, multiply/divide,
 * shifts, bit operations, control flow, string instructions. */
#include "../chain.h"
#include "x86.h"

#define H(name) static const struct dinsn *name(struct cpu *c, const struct dinsn *d)
#define XO struct x86_cpu *x = X86(c); const struct xop *o = XOP(d); (void)x; (void)o
#define NEXT(d) ((d)->pc + (d)->len)

enum { FORM_RR, FORM_RI, FORM_RM, FORM_MR, FORM_MI };

static inline uint64_t cf_in(struct x86_cpu *x)
{
    switch (x->cc_kind) {
    case CC_SUB: return (x->cc_a & szmask(x->cc_size)) < (x->cc_b & szmask(x->cc_size));
    case CC_ADD: return (x->cc_res & szmask(x->cc_size)) < (x->cc_a & szmask(x->cc_size));
    case CC_LOGIC: return 0;
    case CC_INC: case CC_DEC: return x->cc_aux & 1;
    case CC_SHIFT: return x->cc_aux & FL_CF;
    case CC_EAGER: return x->rflags & FL_CF;
    }
    return x86_arith_flags(x) & FL_CF;
}

/* ---- ALU: add or adc sbb and sub xor cmp (0-7), test (8) ---- */
static const uint8_t alu_kind[9] = { CC_ADD, CC_LOGIC, CC_ADC, CC_SBB, CC_LOGIC, CC_SUB, CC_LOGIC, CC_SUB, CC_LOGIC };

static inline uint64_t alu_calc(unsigned op, uint64_t a, uint64_t b, uint64_t cin)
{
    switch (op) {
    case 0: return a + b;
    case 1: return a | b;
    case 2: return a + b + cin;
    case 3: return a - b - cin;
    case 4: case 8: return a & b;
    case 6: return a ^ b;
    default: return a - b;
    }
}

static inline void alu_flags(struct x86_cpu *x, unsigned op, unsigned sz, uint64_t a, uint64_t b,
                             uint64_t r, uint64_t cin)
{
    set_cc(x, alu_kind[op], sz, r, a, b);
    x->cc_aux = cin;
}

static inline const struct dinsn *alu_reg(struct cpu *c, const struct dinsn *d, uint64_t b)
{
    XO;
    unsigned op = o->sub, sz = o->osz;
    uint64_t a = rdreg(x, o->reg, sz);
    uint64_t cin = (op == 2 || op == 3) ? cf_in(x) : 0;
    uint64_t r = alu_calc(op, a, b, cin);
    if (op != 7 && op != 8)
        wrreg(x, o->reg, sz, r);
    alu_flags(x, op, sz, a, b, r, cin);
    CPU_NEXT(c, d);
}

H(h_alu_rr) { XO; return alu_reg(c, d, rdreg(x, o->rm, o->osz)); }
H(h_alu_ri) { XO; return alu_reg(c, d, o->imm & szmask(o->osz)); }
H(h_alu_rm) { XO; return alu_reg(c, d, ldm(x, x86_ea(x, o), o->osz)); }

static inline bool cas_sz(void *p, unsigned sz, uint64_t *old, uint64_t nv)
{
    switch (sz) {
    case 1: { uint8_t e = (uint8_t)*old; bool ok = __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); *old = e; return ok; }
    case 2: { uint16_t e = (uint16_t)*old; bool ok = __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); *old = e; return ok; }
    case 4: { uint32_t e = (uint32_t)*old; bool ok = __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); *old = e; return ok; }
    default: return __atomic_compare_exchange_n((uint64_t *)p, old, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    }
}

static inline uint64_t ld_host(const void *p, unsigned sz)
{
    uint8_t v8; uint16_t v16; uint32_t v32; uint64_t v64;
    switch (sz) {
    case 1: memcpy(&v8, p, 1); return v8;
    case 2: memcpy(&v16, p, 2); return v16;
    case 4: memcpy(&v32, p, 4); return v32;
    default: memcpy(&v64, p, 8); return v64;
    }
}

static inline const struct dinsn *alu_mem(struct cpu *c, const struct dinsn *d, uint64_t b)
{
    XO;
    unsigned op = o->sub, sz = o->osz;
    uint64_t addr = x86_ea(x, o), a, r;
    uint64_t cin = (op == 2 || op == 3) ? cf_in(x) : 0;
    if (op == 7 || op == 8) {
        a = ldm(x, addr, sz);
        r = alu_calc(op, a, b, cin);
    } else if (o->lock) {
        void *p = mem_rmw_ptr(c, addr, sz);
        a = ld_host(p, sz);
        do
            r = alu_calc(op, a, b, cin);
        while (!cas_sz(p, sz, &a, r));
    } else {
        a = ldm(x, addr, sz);
        r = alu_calc(op, a, b, cin);
        stm(x, addr, sz, r);
    }
    alu_flags(x, op, sz, a, b, r, cin);
    CPU_NEXT(c, d);
}

H(h_alu_mr) { XO; return alu_mem(c, d, rdreg(x, o->reg, o->osz)); }
H(h_alu_mi) { XO; return alu_mem(c, d, o->imm & szmask(o->osz)); }

/* Specialised register forms for 32/64-bit operands, the hot ones: no
 * switch on the operation or the size at run time. */
#define ALU_FAST(name, kind, expr, write, T, SZ)                                 \
    H(h_##name##_rr##SZ)                                                         \
    {                                                                            \
        XO;                                                                      \
        T a = (T)x->r[o->reg], b = (T)x->r[o->rm], r = (T)(expr);                \
        if (write) x->r[o->reg] = r;                                             \
        x->cc_kind = kind; x->cc_size = SZ / 8; x->cc_res = r; x->cc_a = a; x->cc_b = b; \
        CPU_NEXT(c, d);                                                          \
    }                                                                            \
    H(h_##name##_ri##SZ)                                                         \
    {                                                                            \
        XO;                                                                      \
        T a = (T)x->r[o->reg], b = (T)o->imm, r = (T)(expr);                     \
        if (write) x->r[o->reg] = r;                                             \
        x->cc_kind = kind; x->cc_size = SZ / 8; x->cc_res = r; x->cc_a = a; x->cc_b = b; \
        CPU_NEXT(c, d);                                                          \
    }
#define ALU_FAST2(name, kind, expr, write) \
    ALU_FAST(name, kind, expr, write, uint32_t, 32) ALU_FAST(name, kind, expr, write, uint64_t, 64)
ALU_FAST2(add, CC_ADD, a + b, 1)
ALU_FAST2(or, CC_LOGIC, a | b, 1)
ALU_FAST2(and, CC_LOGIC, a & b, 1)
ALU_FAST2(sub, CC_SUB, a - b, 1)
ALU_FAST2(xor, CC_LOGIC, a ^ b, 1)
ALU_FAST2(cmp, CC_SUB, a - b, 0)
ALU_FAST2(test, CC_LOGIC, a & b, 0)

static xhandler alu_fast(unsigned op, bool imm, unsigned sz)
{
#define AF(n) (imm ? (sz == 8 ? h_##n##_ri64 : h_##n##_ri32) : (sz == 8 ? h_##n##_rr64 : h_##n##_rr32))
    if (sz != 4 && sz != 8)
        return NULL;
    switch (op) {
    case 0: return AF(add);
    case 1: return AF(or);
    case 4: return AF(and);
    case 5: return AF(sub);
    case 6: return AF(xor);
    case 7: return AF(cmp);
    case 8: return AF(test);
    }
    return NULL;
#undef AF
}

/* ---- moves ---- */
H(h_mov_rr) { XO; wrreg(x, o->reg, o->osz, rdreg(x, o->rm, o->osz)); CPU_NEXT(c, d); }
H(h_mov_ri) { XO; wrreg(x, o->reg, o->osz, o->imm); CPU_NEXT(c, d); }
H(h_mov_rm) { XO; wrreg(x, o->reg, o->osz, ldm(x, x86_ea(x, o), o->osz)); CPU_NEXT(c, d); }
H(h_mov_mr) { XO; stm(x, x86_ea(x, o), o->osz, rdreg(x, o->reg, o->osz)); CPU_NEXT(c, d); }
H(h_mov_mi) { XO; stm(x, x86_ea(x, o), o->osz, o->imm); CPU_NEXT(c, d); }
H(h_mov64_rr) { XO; x->r[o->reg] = x->r[o->rm]; CPU_NEXT(c, d); }
H(h_mov64_rm) { XO; x->r[o->reg] = mem_ld64(c, x86_ea(x, o)); CPU_NEXT(c, d); }
H(h_mov64_mr) { XO; mem_st64(c, x86_ea(x, o), x->r[o->reg]); CPU_NEXT(c, d); }
H(h_mov32_rm) { XO; x->r[o->reg] = mem_ld32(c, x86_ea(x, o)); CPU_NEXT(c, d); }
H(h_mov32_mr) { XO; mem_st32(c, x86_ea(x, o), (uint32_t)x->r[o->reg]); CPU_NEXT(c, d); }

/* [base + disp] forms of the 32/64-bit loads and stores */
H(h_mov64_rm_bd) { XO; x->r[o->reg] = mem_ld64(c, x->r[o->base] + (uint64_t)o->disp); CPU_NEXT(c, d); }
H(h_mov64_mr_bd) { XO; mem_st64(c, x->r[o->base] + (uint64_t)o->disp, x->r[o->reg]); CPU_NEXT(c, d); }
H(h_mov32_rm_bd) { XO; x->r[o->reg] = mem_ld32(c, x->r[o->base] + (uint64_t)o->disp); CPU_NEXT(c, d); }
H(h_mov32_mr_bd) { XO; mem_st32(c, x->r[o->base] + (uint64_t)o->disp, (uint32_t)x->r[o->reg]); CPU_NEXT(c, d); }

H(h_mov64_rm_bi) { XO; x->r[o->reg] = mem_ld64(c, x->r[o->base] + (x->r[o->index] << o->scale) + (uint64_t)o->disp); CPU_NEXT(c, d); }
H(h_mov64_mr_bi) { XO; mem_st64(c, x->r[o->base] + (x->r[o->index] << o->scale) + (uint64_t)o->disp, x->r[o->reg]); CPU_NEXT(c, d); }
H(h_mov32_rm_bi) { XO; x->r[o->reg] = mem_ld32(c, x->r[o->base] + (x->r[o->index] << o->scale) + (uint64_t)o->disp); CPU_NEXT(c, d); }
H(h_mov32_mr_bi) { XO; mem_st32(c, x->r[o->base] + (x->r[o->index] << o->scale) + (uint64_t)o->disp, (uint32_t)x->r[o->reg]); CPU_NEXT(c, d); }
H(h_lea64_bd) { XO; x->r[o->reg] = x->r[o->base] + (uint64_t)o->disp; CPU_NEXT(c, d); }
H(h_lea64_bi) { XO; x->r[o->reg] = x->r[o->base] + (x->r[o->index] << o->scale) + (uint64_t)o->disp; CPU_NEXT(c, d); }

static bool bi_ea(const struct xop *o)
{
    return o->mem && o->base != X86_NOREG && o->index != X86_NOREG && !o->seg && o->asz == 8;
}

static bool simple_ea(const struct xop *o)
{
    return o->mem && o->base != X86_NOREG && o->index == X86_NOREG && !o->seg && o->asz == 8;
}

/* movzx/movsx into 32/64-bit registers, specialised */
#define MOVX_FAST(name, T)                                                       \
    H(h_##name##_r) { XO; x->r[o->reg] = (uint64_t)(T)x->r[o->rm]; if (o->osz == 4) x->r[o->reg] = (uint32_t)x->r[o->reg]; CPU_NEXT(c, d); } \
    H(h_##name##_m)                                                              \
    {                                                                            \
        XO;                                                                      \
        uint64_t a = x86_ea(x, o);                                               \
        T v = sizeof(T) == 1 ? (T)mem_ld8(c, a) : sizeof(T) == 2 ? (T)mem_ld16(c, a) : (T)mem_ld32(c, a); \
        x->r[o->reg] = o->osz == 4 ? (uint32_t)(uint64_t)v : (uint64_t)v;      \
        CPU_NEXT(c, d);                                                          \
    }
MOVX_FAST(movzb, uint8_t)
MOVX_FAST(movzw, uint16_t)
MOVX_FAST(movsb, int8_t)
MOVX_FAST(movsw, int16_t)
MOVX_FAST(movsl, int32_t)

/* movzx / movsx / movsxd: source size in sub, signed in form */
H(h_movx_r)
{
    XO;
    uint64_t v = rdreg(x, o->rm, o->sub);
    wrreg(x, o->reg, o->osz, o->form ? (uint64_t)sext(v, o->sub) : v);
    CPU_NEXT(c, d);
}
H(h_movx_m)
{
    XO;
    uint64_t v = ldm(x, x86_ea(x, o), o->sub);
    wrreg(x, o->reg, o->osz, o->form ? (uint64_t)sext(v, o->sub) : v);
    CPU_NEXT(c, d);
}

H(h_lea) { XO; wrreg(x, o->reg, o->osz, x86_ea(x, o)); CPU_NEXT(c, d); }

H(h_xchg_rr)
{
    XO;
    uint64_t a = rdreg(x, o->reg, o->osz), b = rdreg(x, o->rm, o->osz);
    wrreg(x, o->reg, o->osz, b);
    wrreg(x, o->rm, o->osz, a);
    CPU_NEXT(c, d);
}
H(h_xchg_rm)
{
    XO;
    unsigned sz = o->osz;
    void *p = mem_rmw_ptr(c, x86_ea(x, o), sz);
    uint64_t nv = rdreg(x, o->reg, sz), old = ld_host(p, sz);
    while (!cas_sz(p, sz, &old, nv))
        ;
    wrreg(x, o->reg, sz, old);
    CPU_NEXT(c, d);
}

H(h_cmpxchg)
{
    XO;
    unsigned sz = o->osz;
    uint64_t acc = rdreg(x, 0, sz), src = rdreg(x, o->reg, sz), cur;
    if (o->mem) {
        void *p = mem_rmw_ptr(c, x86_ea(x, o), sz);
        cur = acc;
        if (!cas_sz(p, sz, &cur, src))
            wrreg(x, 0, sz, cur);
    } else {
        cur = rdreg(x, o->rm, sz);
        if (cur == acc)
            wrreg(x, o->rm, sz, src);
        else
            wrreg(x, 0, sz, cur);
    }
    set_cc(x, CC_SUB, sz, acc - cur, acc, cur);
    CPU_NEXT(c, d);
}

H(h_xadd)
{
    XO;
    unsigned sz = o->osz;
    uint64_t src = rdreg(x, o->reg, sz), old, r;
    if (o->mem) {
        void *p = mem_rmw_ptr(c, x86_ea(x, o), sz);
        old = ld_host(p, sz);
        do
            r = old + src;
        while (!cas_sz(p, sz, &old, r));
    } else {
        old = rdreg(x, o->rm, sz);
        r = old + src;
        wrreg(x, o->rm, sz, r);
    }
    wrreg(x, o->reg, sz, old);
    set_cc(x, CC_ADD, sz, r, old, src);
    CPU_NEXT(c, d);
}

/* cmpxchg8b / cmpxchg16b: the host's own locked instruction on the guest bytes */
H(h_cmpxchg8b)
{
    XO;
    uint64_t addr = x86_ea(x, o);
    void *p = mem_rmw_ptr(c, addr, 8);
    uint64_t expect = (uint32_t)x->r[0] | x->r[2] << 32;
    uint64_t want = (uint32_t)x->r[3] | x->r[1] << 32;
    bool ok = __atomic_compare_exchange_n((uint64_t *)p, &expect, want, false,
                                          __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    if (!ok) {
        x->r[0] = (uint32_t)expect;
        x->r[2] = expect >> 32;
    }
    set_flags_eager(x, (x86_arith_flags(x) & ~(uint64_t)FL_ZF) | (ok ? FL_ZF : 0));
    CPU_NEXT(c, d);
}

H(h_cmpxchg16b)
{
    XO;
    uint64_t addr = x86_ea(x, o);
    if (addr & 15)
        return x86_gp0(c, d);
    void *p = mem_rmw_ptr(c, addr, 16);
    uint64_t rax = x->r[0], rdx = x->r[2];
    uint8_t zf;
    __asm__ volatile("lock cmpxchg16b %[m]\n\tsetz %[z]"
                     : [m] "+m"(*(volatile unsigned __int128 *)p), "+a"(rax), "+d"(rdx), [z] "=q"(zf)
                     : "b"(x->r[3]), "c"(x->r[1])
                     : "cc", "memory");
    x->r[0] = rax;
    x->r[2] = rdx;
    set_flags_eager(x, (x86_arith_flags(x) & ~(uint64_t)FL_ZF) | (zf ? FL_ZF : 0));
    CPU_NEXT(c, d);
}

/* ---- stack ---- */
static inline void push(struct x86_cpu *x, unsigned sz, uint64_t v)
{
    uint64_t sp = x->r[4] - sz;
    stm(x, sp, sz, v);
    x->r[4] = sp;
}

H(h_push_r) { XO; push(x, o->osz, rdreg(x, o->reg, o->osz)); CPU_NEXT(c, d); }
H(h_push_i) { XO; push(x, o->osz, o->imm); CPU_NEXT(c, d); }
H(h_push_m) { XO; push(x, o->osz, ldm(x, x86_ea(x, o), o->osz)); CPU_NEXT(c, d); }
H(h_pop_r)
{
    XO;
    uint64_t v = ldm(x, x->r[4], o->osz);
    x->r[4] += o->osz;
    wrreg(x, o->reg, o->osz, v);
    CPU_NEXT(c, d);
}
H(h_pop_m)
{
    XO;
    uint64_t v = ldm(x, x->r[4], o->osz);
    uint64_t sp = x->r[4];
    x->r[4] += o->osz;
    uint64_t a = x86_ea(x, o);
    x->r[4] = sp;
    stm(x, a, o->osz, v);
    x->r[4] = sp + o->osz;
    CPU_NEXT(c, d);
}
H(h_pushf) { XO; push(x, o->osz, x86_get_rflags(x) & 0xfcffff); CPU_NEXT(c, d); }
H(h_popf)
{
    XO;
    uint64_t v = ldm(x, x->r[4], o->osz);
    x->r[4] += o->osz;
    uint64_t keep = x->cpl ? (FL_IF | 0x3000u) : 0;
    uint64_t chg = FL_ARITH | FL_TF | FL_DF | FL_AC | FL_ID | FL_IF | 0x3000u | 0x4000u;
    if (o->osz == 2)
        chg &= 0xffff;
    chg &= ~keep;
    uint64_t f = x86_get_rflags(x);
    x86_set_rflags(x, (f & ~chg) | (v & chg));
    CPU_NEXT(c, d);
}
H(h_leave)
{
    XO;
    uint64_t v = mem_ld64(c, x->r[5]);
    x->r[4] = x->r[5] + 8;
    x->r[5] = v;
    CPU_NEXT(c, d);
}
H(h_enter)
{
    XO;
    uint64_t sp = x->r[4] - 8;
    mem_st64(c, sp, x->r[5]);
    unsigned level = o->imm2 & 31;
    uint64_t fp = sp;
    for (unsigned i = 1; i < level; i++) {
        uint64_t v = mem_ld64(c, x->r[5] - 8 * i);
        sp -= 8;
        mem_st64(c, sp, v);
    }
    if (level) {
        sp -= 8;
        mem_st64(c, sp, fp);
    }
    x->r[5] = fp;
    x->r[4] = sp - (o->imm & 0xffff);
    CPU_NEXT(c, d);
}

/* ---- unary: inc dec not neg ---- */
static inline uint64_t unary_calc(struct x86_cpu *x, unsigned op, unsigned sz, uint64_t a, uint64_t *cin)
{
    switch (op) {
    case 0: *cin = cf_in(x); return a + 1;
    case 1: *cin = cf_in(x); return a - 1;
    case 2: return ~a;
    default: return 0 - a;
    }
    (void)sz;
}
static inline void unary_flags(struct x86_cpu *x, unsigned op, unsigned sz, uint64_t a, uint64_t r, uint64_t cin)
{
    switch (op) {
    case 0: set_cc(x, CC_INC, sz, r, a, 1); x->cc_aux = cin; break;
    case 1: set_cc(x, CC_DEC, sz, r, a, 1); x->cc_aux = cin; break;
    case 3: set_cc(x, CC_SUB, sz, r, 0, a); break;
    }
}
/* inc/dec of a 32/64-bit register: CF is carried over from the lazy state */
#define INCDEC_FAST(name, T, SZ, kind, op)                                       \
    H(h_##name##SZ)                                                              \
    {                                                                            \
        XO;                                                                      \
        uint64_t cin = cf_in(x);                                                 \
        T a = (T)x->r[o->rm], r = (T)(a op 1);                                   \
        x->r[o->rm] = r;                                                         \
        x->cc_kind = kind; x->cc_size = SZ / 8; x->cc_res = r; x->cc_a = a;      \
        x->cc_b = 1; x->cc_aux = cin;                                            \
        CPU_NEXT(c, d);                                                          \
    }
INCDEC_FAST(inc, uint32_t, 32, CC_INC, +)
INCDEC_FAST(inc, uint64_t, 64, CC_INC, +)
INCDEC_FAST(dec, uint32_t, 32, CC_DEC, -)
INCDEC_FAST(dec, uint64_t, 64, CC_DEC, -)
H(h_mov32_rr) { XO; x->r[o->reg] = (uint32_t)x->r[o->rm]; CPU_NEXT(c, d); }

H(h_unary_r)
{
    XO;
    uint64_t cin = 0, a = rdreg(x, o->rm, o->osz), r = unary_calc(x, o->sub, o->osz, a, &cin);
    wrreg(x, o->rm, o->osz, r);
    unary_flags(x, o->sub, o->osz, a, r, cin);
    CPU_NEXT(c, d);
}
H(h_unary_m)
{
    XO;
    unsigned sz = o->osz;
    uint64_t addr = x86_ea(x, o), cin = 0, a, r;
    if (o->lock) {
        void *p = mem_rmw_ptr(c, addr, sz);
        a = ld_host(p, sz);
        do
            r = unary_calc(x, o->sub, sz, a, &cin);
        while (!cas_sz(p, sz, &a, r));
    } else {
        a = ldm(x, addr, sz);
        r = unary_calc(x, o->sub, sz, a, &cin);
        stm(x, addr, sz, r);
    }
    unary_flags(x, o->sub, sz, a, r, cin);
    CPU_NEXT(c, d);
}

/* ---- multiply / divide ---- */
static inline uint64_t rdE(struct x86_cpu *x, const struct xop *o, unsigned sz)
{
    return o->mem ? ldm(x, x86_ea(x, o), sz) : rdreg(x, o->rm, sz);
}

static void mul_flags(struct x86_cpu *x, unsigned sz, uint64_t lo, bool over)
{
    uint64_t m = szmask(sz);
    uint64_t f = (over ? FL_CF | FL_OF : 0) | parity8(lo) | ((lo & m) == 0 ? FL_ZF : 0) |
                 ((lo >> (8 * sz - 1)) & 1 ? FL_SF : 0);
    set_flags_eager(x, f);
}

H(h_mul1)
{
    XO;
    unsigned sz = o->osz;
    uint64_t b = rdE(x, o, sz), a = rdreg(x, 0, sz);
    bool sgn = o->sub;
    if (sz == 8) {
        __int128 p;
        unsigned __int128 u;
        uint64_t lo, hi;
        if (sgn) {
            p = (__int128)(int64_t)a * (int64_t)b;
            lo = (uint64_t)p;
            hi = (uint64_t)(p >> 64);
            mul_flags(x, 8, lo, p != (__int128)(int64_t)lo);
        } else {
            u = (unsigned __int128)a * b;
            lo = (uint64_t)u;
            hi = (uint64_t)(u >> 64);
            mul_flags(x, 8, lo, hi != 0);
        }
        x->r[0] = lo;
        x->r[2] = hi;
        CPU_NEXT(c, d);
    }
    unsigned bits = 8 * sz;
    uint64_t lo, hi;
    bool over;
    if (sgn) {
        int64_t p = sext(a, sz) * sext(b, sz);
        lo = (uint64_t)p & szmask(sz);
        hi = ((uint64_t)p >> bits) & szmask(sz);
        over = p != sext(lo, sz);
    } else {
        uint64_t p = a * b;
        lo = p & szmask(sz);
        hi = (p >> bits) & szmask(sz);
        over = hi != 0;
    }
    if (sz == 1) {
        wrreg(x, 0, 2, lo | hi << 8);
    } else {
        wrreg(x, 0, sz, lo);
        wrreg(x, 2, sz, hi);
    }
    mul_flags(x, sz, lo, over);
    CPU_NEXT(c, d);
}

/* imul r, r/m [, imm]: imm in form (1 = has imm) */
H(h_imul)
{
    XO;
    unsigned sz = o->osz;
    uint64_t b = rdE(x, o, sz);
    int64_t a = o->form ? (int64_t)o->imm : sext(rdreg(x, o->reg, sz), sz);
    uint64_t lo;
    bool over;
    if (sz == 8) {
        __int128 p = (__int128)a * (int64_t)b;
        lo = (uint64_t)p;
        over = p != (__int128)(int64_t)lo;
    } else {
        int64_t p = sext(a, sz) * sext(b, sz);
        lo = (uint64_t)p & szmask(sz);
        over = p != sext(lo, sz);
    }
    wrreg(x, o->reg, sz, lo);
    mul_flags(x, sz, lo, over);
    CPU_NEXT(c, d);
}

H(h_div)
{
    XO;
    unsigned sz = o->osz;
    uint64_t b = rdE(x, o, sz);
    if (b == 0)
        return x86_exception(c, d, X86_DE, 0);
    if (sz == 8) {
        if (!o->sub) {
            unsigned __int128 n = (unsigned __int128)x->r[2] << 64 | x->r[0];
            unsigned __int128 q = n / b;
            if (q >> 64)
                return x86_exception(c, d, X86_DE, 0);
            x->r[2] = (uint64_t)(n % b);
            x->r[0] = (uint64_t)q;
        } else {
            __int128 n = (__int128)((unsigned __int128)x->r[2] << 64 | x->r[0]);
            int64_t dv = (int64_t)b;
            if (dv == -1 && n == (__int128)INT64_MIN)
                return x86_exception(c, d, X86_DE, 0);
            __int128 q = n / dv;
            if (q != (__int128)(int64_t)q)
                return x86_exception(c, d, X86_DE, 0);
            x->r[2] = (uint64_t)(int64_t)(n % dv);
            x->r[0] = (uint64_t)(int64_t)q;
        }
        CPU_NEXT(c, d);
    }
    unsigned bits = 8 * sz;
    uint64_t q, r;
    if (sz == 1) {
        uint64_t n = x->r[0] & 0xffff;
        if (!o->sub) {
            q = n / b; r = n % b;
            if (q > 0xff) return x86_exception(c, d, X86_DE, 0);
        } else {
            int64_t sn = (int16_t)n, sd = (int8_t)b, sq = sn / sd;
            if (sq != (int8_t)sq) return x86_exception(c, d, X86_DE, 0);
            q = (uint64_t)sq; r = (uint64_t)(sn % sd);
        }
        wrreg(x, 0, 2, (q & 0xff) | (r & 0xff) << 8);
        CPU_NEXT(c, d);
    }
    uint64_t n = (rdreg(x, 2, sz) << bits) | rdreg(x, 0, sz);
    if (!o->sub) {
        q = n / b; r = n % b;
        if (q >> bits) return x86_exception(c, d, X86_DE, 0);
    } else {
        int64_t sn = (int64_t)n, sd = sext(b, sz);
        if (sz == 2) sn = (int32_t)n;
        if (sd == -1 && sn == INT64_MIN) return x86_exception(c, d, X86_DE, 0);
        int64_t sq = sn / sd;
        if (sq != sext((uint64_t)sq, sz)) return x86_exception(c, d, X86_DE, 0);
        q = (uint64_t)sq; r = (uint64_t)(sn % sd);
    }
    wrreg(x, 0, sz, q);
    wrreg(x, 2, sz, r);
    CPU_NEXT(c, d);
}

/* ---- shifts and rotates: sub = 0 rol .. 7 sar; form: 0 imm, 1 cl, 2 one ---- */
/* Returns false for a zero count (nothing changes).  Shifts leave their
 * flags lazy (CC_SHIFT with CF/OF in aux, *lazy set); rotates, which keep
 * SF ZF PF, compute them eagerly into *fl. */
static bool shift_calc(struct x86_cpu *x, unsigned op, unsigned sz, uint64_t a, unsigned cnt,
                       uint64_t *res, uint64_t *fl, bool *lazy)
{
    unsigned bits = 8 * sz;
    uint64_t m = szmask(sz);
    cnt &= sz == 8 ? 63 : 31;
    a &= m;
    if (!cnt)
        return false;
    uint64_t r, cf, of;
    *lazy = op >= 4;
    switch (op) {
    case 4: case 6:     /* shl */
        r = cnt < 64 ? (a << cnt) & m : 0;
        cf = cnt <= bits ? (a >> (bits - cnt)) & 1 : 0;
        of = (((r >> (bits - 1)) & 1) ^ cf) ? FL_OF : 0;
        *res = r;
        *fl = cf | of;
        return true;
    case 5:             /* shr */
        *res = cnt < 64 ? a >> cnt : 0;
        *fl = ((a >> (cnt - 1)) & 1) | (cnt == 1 && (a >> (bits - 1)) & 1 ? FL_OF : 0);
        return true;
    case 7: {           /* sar */
        int64_t s = sext(a, sz);
        *res = (uint64_t)(s >> (cnt < 64 ? cnt : 63)) & m;
        *fl = (uint64_t)(s >> (cnt - 1 < 63 ? cnt - 1 : 63)) & 1;
        return true;
    }
    }
    uint64_t f = x86_arith_flags(x);
    cf = f & FL_CF;
    if (op == 2 || op == 3) {           /* rcl/rcr rotate through CF: count mod bits+1 */
        if (sz < 4)
            cnt %= bits + 1;
        if (!cnt)
            return false;
    }
    r = a;
    switch (op) {
    case 0: {   /* rol */
        unsigned k = cnt % bits;
        r = k ? ((a << k) | (a >> (bits - k))) & m : a;
        cf = r & 1;
        of = ((r >> (bits - 1)) ^ cf) & 1 ? FL_OF : 0;
        break;
    }
    case 1: {   /* ror */
        unsigned k = cnt % bits;
        r = k ? ((a >> k) | (a << (bits - k))) & m : a;
        cf = (r >> (bits - 1)) & 1;
        of = ((r >> (bits - 1)) ^ (r >> (bits - 2))) & 1 ? FL_OF : 0;
        break;
    }
    case 2: {   /* rcl */
        uint64_t c0 = cf ? 1 : 0;
        for (unsigned i = 0; i < cnt; i++) {
            uint64_t out = (r >> (bits - 1)) & 1;
            r = ((r << 1) | c0) & m;
            c0 = out;
        }
        cf = c0;
        of = (((r >> (bits - 1)) & 1) ^ c0) ? FL_OF : 0;
        break;
    }
    default: {  /* rcr */
        uint64_t c0 = cf ? 1 : 0;
        of = (((a >> (bits - 1)) & 1) ^ c0) ? FL_OF : 0;
        for (unsigned i = 0; i < cnt; i++) {
            uint64_t out = r & 1;
            r = (r >> 1) | (c0 << (bits - 1));
            c0 = out;
        }
        cf = c0;
        break;
    }
    }
    *res = r;
    *fl = (f & ~(uint64_t)(FL_CF | FL_OF)) | cf | of;
    return true;
}

static inline void shift_flags(struct x86_cpu *x, unsigned sz, uint64_t r, uint64_t f, bool lazy)
{
    if (lazy) {
        set_cc(x, CC_SHIFT, sz, r, 0, 0);
        x->cc_aux = f;
    } else
        set_flags_eager(x, f);
}

static inline unsigned shift_count(struct x86_cpu *x, const struct xop *o)
{
    return o->form == 0 ? (unsigned)o->imm : o->form == 1 ? (unsigned)(x->r[1] & 0xff) : 1;
}

H(h_shift_r)
{
    XO;
    uint64_t r, f;
    bool lazy;
    if (shift_calc(x, o->sub, o->osz, rdreg(x, o->rm, o->osz), shift_count(x, o), &r, &f, &lazy)) {
        wrreg(x, o->rm, o->osz, r);
        shift_flags(x, o->osz, r, f, lazy);
    } else if (o->osz == 4)
        x->r[o->rm] = (uint32_t)x->r[o->rm];    /* a 32-bit write even with count 0 */
    CPU_NEXT(c, d);
}
H(h_shift_m)
{
    XO;
    uint64_t addr = x86_ea(x, o), r, f;
    bool lazy;
    if (shift_calc(x, o->sub, o->osz, ldm(x, addr, o->osz), shift_count(x, o), &r, &f, &lazy)) {
        stm(x, addr, o->osz, r);
        shift_flags(x, o->osz, r, f, lazy);
    }
    CPU_NEXT(c, d);
}

/* shl/shr/sar of a 32/64-bit register by an immediate: the hot shifts */
#define SH_FAST(name, T, S, SZ, rexpr, cfexpr, ofexpr)                           \
    H(h_##name##SZ)                                                              \
    {                                                                            \
        XO;                                                                      \
        unsigned n = (unsigned)o->imm & (SZ == 64 ? 63 : 31);                    \
        T a = (T)x->r[o->rm];                                                    \
        if (!n) {                                                                \
            x->r[o->rm] = a;                                                     \
            CPU_NEXT(c, d);                                                      \
        }                                                                        \
        T r = (T)(rexpr);                                                        \
        x->r[o->rm] = r;                                                         \
        x->cc_kind = CC_SHIFT; x->cc_size = SZ / 8; x->cc_res = r;               \
        x->cc_aux = (uint64_t)(cfexpr) | ((ofexpr) ? FL_OF : 0);                 \
        CPU_NEXT(c, d);                                                          \
    }
#define SH_FAST2(name, rexpr, cfexpr, ofexpr) \
    SH_FAST(name, uint32_t, int32_t, 32, rexpr, cfexpr, ofexpr) \
    SH_FAST(name, uint64_t, int64_t, 64, rexpr, cfexpr, ofexpr)
SH_FAST2(shli, a << n, (a >> (sizeof a * 8 - n)) & 1, ((r >> (sizeof a * 8 - 1)) & 1) ^ ((a >> (sizeof a * 8 - n)) & 1))
SH_FAST2(shri, a >> n, (a >> (n - 1)) & 1, n == 1 && (a >> (sizeof a * 8 - 1)))
SH_FAST(sari, uint32_t, int32_t, 32, (uint32_t)((int32_t)a >> n), ((int32_t)a >> (n - 1)) & 1, 0)
SH_FAST(sari, uint64_t, int64_t, 64, (uint64_t)((int64_t)a >> n), ((int64_t)a >> (n - 1)) & 1, 0)

/* shld / shrd: sub 0 left 1 right; form 0 imm, 1 cl */
H(h_shxd)
{
    XO;
    unsigned sz = o->osz, bits = 8 * sz;
    unsigned cnt = (o->form ? (unsigned)x->r[1] : (unsigned)o->imm) & (sz == 8 ? 63 : 31);
    if (!cnt) {
        if (!o->mem && sz == 4)
            x->r[o->rm] = (uint32_t)x->r[o->rm];
        CPU_NEXT(c, d);
    }
    uint64_t addr = o->mem ? x86_ea(x, o) : 0;
    uint64_t a = o->mem ? ldm(x, addr, sz) : rdreg(x, o->rm, sz);
    uint64_t b = rdreg(x, o->reg, sz), m = szmask(sz), r, cf;
    if (cnt > bits)             /* 16-bit with a count above 16: undefined; do as hardware-ish */
        cnt %= bits;
    if (!cnt)
        CPU_NEXT(c, d);
    if (!o->sub) {
        r = ((a << cnt) | (cnt < bits ? b >> (bits - cnt) : 0)) & m;
        if (cnt == bits) r = b;
        cf = (a >> (bits - cnt)) & 1;
    } else {
        r = ((a >> cnt) | (cnt < bits ? b << (bits - cnt) : 0)) & m;
        if (cnt == bits) r = b;
        cf = (a >> (cnt - 1)) & 1;
    }
    uint64_t of = (((r ^ a) >> (bits - 1)) & 1) ? FL_OF : 0;
    if (o->mem)
        stm(x, addr, sz, r);
    else
        wrreg(x, o->rm, sz, r);
    set_flags_eager(x, cf | parity8(r) | (r == 0 ? FL_ZF : 0) | ((r >> (bits - 1)) & 1 ? FL_SF : 0) | of);
    CPU_NEXT(c, d);
}

/* ---- bit test: sub 0 bt 1 bts 2 btr 3 btc; form 1: bit offset from a register ---- */
H(h_bt)
{
    XO;
    unsigned sz = o->osz, bits = 8 * sz;
    int64_t off = o->form ? sext(rdreg(x, o->reg, sz), sz) : (int64_t)(o->imm & (bits - 1));
    uint64_t v, addr = 0;
    if (o->mem) {
        addr = x86_ea(x, o);
        if (o->form)
            addr += (uint64_t)((off >> (sz == 8 ? 6 : sz == 4 ? 5 : 4)) * (int64_t)sz);
        off &= bits - 1;
        v = ldm(x, addr, sz);
    } else {
        off &= bits - 1;
        v = rdreg(x, o->rm, sz);
    }
    uint64_t bit = 1ull << off, cf = (v & bit) ? 1 : 0, nv = v;
    switch (o->sub) {
    case 1: nv = v | bit; break;
    case 2: nv = v & ~bit; break;
    case 3: nv = v ^ bit; break;
    }
    if (o->sub) {
        if (o->mem) {
            if (o->lock) {
                void *p = mem_rmw_ptr(c, addr, sz);
                uint64_t old = ld_host(p, sz);
                do {
                    nv = o->sub == 1 ? old | bit : o->sub == 2 ? old & ~bit : old ^ bit;
                } while (!cas_sz(p, sz, &old, nv));
                cf = (old & bit) ? 1 : 0;
            } else
                stm(x, addr, sz, nv);
        } else
            wrreg(x, o->rm, sz, nv);
    }
    set_flags_eager(x, (x86_arith_flags(x) & ~(uint64_t)FL_CF) | cf);
    CPU_NEXT(c, d);
}

/* bsf bsr tzcnt lzcnt popcnt: sub 0..4 */
H(h_bitscan)
{
    XO;
    unsigned sz = o->osz, bits = 8 * sz;
    uint64_t v = rdE(x, o, sz);
    uint64_t f = x86_arith_flags(x);
    switch (o->sub) {
    case 0: case 1:
        if (!v) {
            set_flags_eager(x, f | FL_ZF);
            CPU_NEXT(c, d);
        }
        wrreg(x, o->reg, sz, o->sub == 0 ? (uint64_t)__builtin_ctzll(v) : (uint64_t)(63 - __builtin_clzll(v)));
        set_flags_eager(x, f & ~(uint64_t)FL_ZF);
        CPU_NEXT(c, d);
    case 2: case 3: {
        uint64_t r = !v ? bits : o->sub == 2 ? (uint64_t)__builtin_ctzll(v)
                                             : (uint64_t)(__builtin_clzll(v) - (64 - bits));
        wrreg(x, o->reg, sz, r);
        set_flags_eager(x, (f & ~(uint64_t)(FL_CF | FL_ZF)) | (v ? 0 : FL_CF) | (r ? 0 : FL_ZF));
        CPU_NEXT(c, d);
    }
    default: {
        uint64_t r = (uint64_t)__builtin_popcountll(v);
        wrreg(x, o->reg, sz, r);
        set_flags_eager(x, v ? 0 : FL_ZF);
        CPU_NEXT(c, d);
    }
    }
}

H(h_bswap)
{
    XO;
    if (o->osz == 8)
        x->r[o->reg] = __builtin_bswap64(x->r[o->reg]);
    else if (o->osz == 4)
        x->r[o->reg] = __builtin_bswap32((uint32_t)x->r[o->reg]);
    else
        wrreg(x, o->reg, 2, 0);
    CPU_NEXT(c, d);
}

H(h_cbw)
{
    XO;
    unsigned sz = o->osz;
    wrreg(x, 0, sz, (uint64_t)sext(rdreg(x, 0, sz / 2), sz / 2));
    CPU_NEXT(c, d);
}
H(h_cwd)
{
    XO;
    unsigned sz = o->osz;
    wrreg(x, 2, sz, sext(rdreg(x, 0, sz), sz) < 0 ? ~0ull : 0);
    CPU_NEXT(c, d);
}

/* A condition with a constant cc: the common lazy states inline. */
static inline __attribute__((always_inline)) bool cond_k(struct x86_cpu *x, unsigned cc)
{
    if (x->cc_kind == CC_SUB && x->cc_size == 8) {
        uint64_t a = x->cc_a, b = x->cc_b;
        bool r;
        switch (cc >> 1) {
        case 1: r = a < b; break;
        case 2: r = a == b; break;
        case 3: r = a <= b; break;
        case 6: r = (int64_t)a < (int64_t)b; break;
        case 7: r = (int64_t)a <= (int64_t)b; break;
        default: return x86_cond(x, cc);
        }
        return (cc & 1) ? !r : r;
    }
    if (x->cc_kind == CC_SUB && x->cc_size == 4) {
        uint32_t a = (uint32_t)x->cc_a, b = (uint32_t)x->cc_b;
        bool r;
        switch (cc >> 1) {
        case 1: r = a < b; break;
        case 2: r = a == b; break;
        case 3: r = a <= b; break;
        case 6: r = (int32_t)a < (int32_t)b; break;
        case 7: r = (int32_t)a <= (int32_t)b; break;
        default: return x86_cond(x, cc);
        }
        return (cc & 1) ? !r : r;
    }
    if (x->cc_kind == CC_LOGIC && (cc >> 1) == 2) {
        bool r = (x->cc_res & szmask(x->cc_size)) == 0;
        return (cc & 1) ? !r : r;
    }
    return x86_cond(x, cc);
}

H(h_setcc)
{
    XO;
    uint64_t v = cond_k(x, o->sub);
    if (o->mem)
        mem_st8(c, x86_ea(x, o), (uint8_t)v);
    else
        wrreg(x, o->rm, 1, v);
    CPU_NEXT(c, d);
}
H(h_cmov)
{
    XO;
    uint64_t v = rdE(x, o, o->osz);
    if (cond_k(x, o->sub))
        wrreg(x, o->reg, o->osz, v);
    else if (o->osz == 4)
        x->r[o->reg] = (uint32_t)x->r[o->reg];
    CPU_NEXT(c, d);
}

/* ---- control flow ---- */
#define JCC_K(n) \
    H(h_jcc_##n) { XO; CPU_GOTO(c, d, cond_k(x, n) ? NEXT(d) + o->imm : NEXT(d)); }
JCC_K(0) JCC_K(1) JCC_K(2) JCC_K(3) JCC_K(4) JCC_K(5) JCC_K(6) JCC_K(7)
JCC_K(8) JCC_K(9) JCC_K(10) JCC_K(11) JCC_K(12) JCC_K(13) JCC_K(14) JCC_K(15)
static const xhandler jcc_k[16] = {
    h_jcc_0, h_jcc_1, h_jcc_2, h_jcc_3, h_jcc_4, h_jcc_5, h_jcc_6, h_jcc_7,
    h_jcc_8, h_jcc_9, h_jcc_10, h_jcc_11, h_jcc_12, h_jcc_13, h_jcc_14, h_jcc_15,
};

H(h_jcc)
{
    XO;
    CPU_GOTO(c, d, x86_cond(x, o->sub) ? NEXT(d) + o->imm : NEXT(d));
}
H(h_jmp) { XO; CPU_GOTO(c, d, NEXT(d) + o->imm); }
H(h_call)
{
    XO;
    push(x, 8, NEXT(d));
    CPU_GOTO(c, d, NEXT(d) + o->imm);
}
H(h_ret)
{
    XO;
    uint64_t t = mem_ld64(c, x->r[4]);
    x->r[4] += 8 + (o->imm & 0xffff);
    CPU_GOTO(c, d, t);
}
H(h_jmpi) { XO; CPU_GOTO(c, d, rdE(x, o, 8)); }
H(h_calli)
{
    XO;
    uint64_t t = rdE(x, o, 8);
    push(x, 8, NEXT(d));
    CPU_GOTO(c, d, t);
}
/* loopne loope loop jrcxz: sub 0..3 */
H(h_loop)
{
    XO;
    unsigned asz = o->asz;
    uint64_t cnt = rdreg(x, 1, asz);
    bool take;
    if (o->sub == 3) {
        take = cnt == 0;
    } else {
        cnt = (cnt - 1) & szmask(asz);
        wrreg(x, 1, asz, cnt);
        take = cnt != 0;
        if (o->sub == 0) take = take && !x86_cond(x, 4);
        if (o->sub == 1) take = take && x86_cond(x, 4);
    }
    CPU_GOTO(c, d, take ? NEXT(d) + o->imm : NEXT(d));
}

/* ---- string instructions: sub 0 movs 1 cmps 2 stos 3 lods 4 scas ---- */
H(h_string)
{
    XO;
    unsigned sz = o->osz, asz = o->asz;
    int64_t step = (x->rflags & FL_DF) ? -(int64_t)sz : (int64_t)sz;
    uint64_t am = szmask(asz);
    uint64_t segb = o->seg == 1 ? x->fs_base : o->seg == 2 ? x->gs_base : 0;
    bool rep = o->rep != 0;
    for (;;) {
        if (rep && (rdreg(x, 1, asz)) == 0)
            break;
        uint64_t si = x->r[6] & am, di = x->r[7] & am;
        switch (o->sub) {
        case 0:
            stm(x, di, sz, ldm(x, si + segb, sz));
            wrreg(x, 6, asz, si + step);
            wrreg(x, 7, asz, di + step);
            break;
        case 1: {
            uint64_t a = ldm(x, si + segb, sz), b = ldm(x, di, sz);
            wrreg(x, 6, asz, si + step);
            wrreg(x, 7, asz, di + step);
            set_cc(x, CC_SUB, sz, a - b, a, b);
            break;
        }
        case 2:
            stm(x, di, sz, rdreg(x, 0, sz));
            wrreg(x, 7, asz, di + step);
            break;
        case 3:
            wrreg(x, 0, sz, ldm(x, si + segb, sz));
            wrreg(x, 6, asz, si + step);
            break;
        default: {
            uint64_t a = rdreg(x, 0, sz), b = ldm(x, di, sz);
            wrreg(x, 7, asz, di + step);
            set_cc(x, CC_SUB, sz, a - b, a, b);
            break;
        }
        }
        if (!rep)
            break;
        wrreg(x, 1, asz, rdreg(x, 1, asz) - 1);
        if (o->sub == 1 || o->sub == 4) {
            bool zf = x86_cond(x, 4);
            if ((o->rep == 0xf3 && !zf) || (o->rep == 0xf2 && zf))
                break;
        }
    }
    CPU_NEXT(c, d);
}

/* ---- flag instructions ---- */
H(h_flagop)
{
    XO;
    uint64_t f = x86_get_rflags(x);
    switch (o->sub) {
    case 0: f &= ~(uint64_t)FL_CF; break;
    case 1: f |= FL_CF; break;
    case 2: f ^= FL_CF; break;
    case 3: f &= ~(uint64_t)FL_DF; break;
    case 4: f |= FL_DF; break;
    case 5: f = (f & ~(uint64_t)0xd5) | ((x->r[0] >> 8) & 0xd5); break;   /* sahf */
    case 6: wrreg(x, 20, 1, (f & 0xd5) | 2); CPU_NEXT(c, d);              /* lahf: AH */
    }
    x86_set_rflags(x, f);
    CPU_NEXT(c, d);
}

H(h_nop) { (void)c; CPU_NEXT(c, d); }

H(h_xlat)
{
    XO;
    uint64_t a = (x->r[3] + (x->r[0] & 0xff)) & szmask(o->asz);
    if (o->seg) a += o->seg == 1 ? x->fs_base : x->gs_base;
    wrreg(x, 0, 1, mem_ld8(c, a));
    CPU_NEXT(c, d);
}

/* ---- selection ---- */
xhandler x86_int_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d)
{
    const struct x86_opent *e = in->e;
    unsigned id = e->id;
    const uint8_t *op = e->op;
    bool mem = o->mem;
    if (id >= X_ADD && id <= X_CMP) {
        o->sub = id - X_ADD;
        goto alu;
    }
    switch (id) {
    case X_TEST:
        o->sub = 8;
    alu:
        if (op[1] == O_Ib || op[1] == O_Ibs || op[1] == O_Iz) {
            if (op[0] == O_AL || op[0] == O_rAX) {
                o->reg = 0;
                return alu_fast(o->sub, true, o->osz) ?: h_alu_ri;
            }
            if (mem)
                return h_alu_mi;
            o->reg = o->rm;
            return alu_fast(o->sub, true, o->osz) ?: h_alu_ri;
        }
        if (op[0] == O_Gb || op[0] == O_Gv)
            return mem ? h_alu_rm : alu_fast(o->sub, false, o->osz) ?: h_alu_rr;
        /* E, G */
        if (mem)
            return h_alu_mr;
        {
            unsigned t = o->reg;
            o->reg = o->rm;
            o->rm = t;
        }
        return alu_fast(o->sub, false, o->osz) ?: h_alu_rr;
    case X_MOV:
        d->cls = mem ? IC_LOAD : IC_ALU;
        if (in->map == 0 && in->opc >= 0xa0 && in->opc <= 0xa3) {
            o->mem = 1;
            o->disp = (int64_t)in->imm;
            o->base = o->index = X86_NOREG;
            o->reg = 0;
            return in->opc <= 0xa1 ? h_mov_rm : h_mov_mr;
        }
        if (op[1] == O_Ib || op[1] == O_Ibs || op[1] == O_Iv || op[1] == O_Iz) {
            if (op[0] == O_Zb || op[0] == O_Zv)
                return h_mov_ri;
            if (mem)
                return h_mov_mi;
            o->reg = o->rm;
            return h_mov_ri;
        }
        if (op[0] == O_Gb || op[0] == O_Gv) {
            if (mem && simple_ea(o) && o->osz >= 4)
                return o->osz == 8 ? h_mov64_rm_bd : h_mov32_rm_bd;
            if (mem && bi_ea(o) && o->osz >= 4)
                return o->osz == 8 ? h_mov64_rm_bi : h_mov32_rm_bi;
            if (mem)
                return o->osz == 8 ? h_mov64_rm : o->osz == 4 ? h_mov32_rm : h_mov_rm;
            return o->osz == 8 ? h_mov64_rr : o->osz == 4 ? h_mov32_rr : h_mov_rr;
        }
        if (mem) {
            d->cls = IC_STORE;
            if (simple_ea(o) && o->osz >= 4)
                return o->osz == 8 ? h_mov64_mr_bd : h_mov32_mr_bd;
            if (bi_ea(o) && o->osz >= 4)
                return o->osz == 8 ? h_mov64_mr_bi : h_mov32_mr_bi;
            return o->osz == 8 ? h_mov64_mr : o->osz == 4 ? h_mov32_mr : h_mov_mr;
        }
        {
            unsigned t = o->reg;
            o->reg = o->rm;
            o->rm = t;
        }
        return o->osz == 8 ? h_mov64_rr : o->osz == 4 ? h_mov32_rr : h_mov_rr;
    case X_MOVZXB: case X_MOVZXW: case X_MOVSXB: case X_MOVSXW: case X_MOVSXD:
        o->sub = id == X_MOVZXB || id == X_MOVSXB ? 1 : id == X_MOVSXD ? 4 : 2;
        o->form = id == X_MOVSXB || id == X_MOVSXW || id == X_MOVSXD;
        if (!mem && o->sub == 1)
            o->rm = !in->rex && in->rm >= 4 && in->rm < 8 ? 16 + in->rm - 4 : in->rm;
        if ((o->osz == 4 || o->osz == 8) && (mem || o->rm < 16)) {
            switch (o->sub * 2 + o->form) {
            case 2: return mem ? h_movzb_m : h_movzb_r;
            case 3: return mem ? h_movsb_m : h_movsb_r;
            case 4: return mem ? h_movzw_m : h_movzw_r;
            case 5: return mem ? h_movsw_m : h_movsw_r;
            case 9: return mem ? h_movsl_m : h_movsl_r;
            }
        }
        return mem ? h_movx_m : h_movx_r;
    case X_LEA:
        o->seg = 0;
        if (o->osz == 8 && o->asz == 8 && o->base != X86_NOREG)
            return o->index == X86_NOREG ? h_lea64_bd : h_lea64_bi;
        return h_lea;
    case X_XCHG:
        if (op[0] == O_rAX) {
            o->rm = 0;
            return h_xchg_rr;
        }
        return mem ? h_xchg_rm : h_xchg_rr;
    case X_CMPXCHG: return h_cmpxchg;
    case X_CMPXCHG8B: return h_cmpxchg8b;
    case X_CMPXCHG16B: return h_cmpxchg16b;
    case X_XADD: return h_xadd;
    case X_PUSH: return h_push_r;
    case X_PUSHI: return h_push_i;
    case X_PUSHM: return h_push_m;
    case X_POP: return mem ? h_pop_m : (o->reg = in->opc == 0x8f ? o->rm : o->reg, h_pop_r);
    case X_PUSHF: return h_pushf;
    case X_POPF: return h_popf;
    case X_LEAVE: return h_leave;
    case X_ENTER: return h_enter;
    case X_INC: case X_DEC: case X_NOT: case X_NEG:
        o->sub = id == X_INC ? 0 : id == X_DEC ? 1 : id == X_NOT ? 2 : 3;
        if (!mem && o->sub < 2 && (o->osz == 4 || o->osz == 8))
            return o->sub == 0 ? (o->osz == 8 ? h_inc64 : h_inc32) : (o->osz == 8 ? h_dec64 : h_dec32);
        return mem ? h_unary_m : h_unary_r;
    case X_MUL1: case X_IMUL1:
        o->sub = id == X_IMUL1;
        d->cls = IC_MUL;
        return h_mul1;
    case X_IMUL2: d->cls = IC_MUL; o->form = 0; return h_imul;
    case X_IMUL3: d->cls = IC_MUL; o->form = 1; return h_imul;
    case X_DIV: case X_IDIV:
        o->sub = id == X_IDIV;
        d->cls = IC_DIV;
        return h_div;
    case X_ROL: case X_ROR: case X_RCL: case X_RCR: case X_SHL: case X_SHR: case X_SAR:
        o->sub = in->modrm >> 3 & 7;
        o->form = op[1] == O_Ib ? 0 : op[1] == O_CL ? 1 : 2;
        if (!mem && (o->osz == 4 || o->osz == 8) && o->form != 1) {
            if (o->form == 2)
                o->imm = 1;
            bool q = o->osz == 8;
            switch (o->sub) {
            case 4: case 6: return q ? h_shli64 : h_shli32;
            case 5: return q ? h_shri64 : h_shri32;
            case 7: return q ? h_sari64 : h_sari32;
            }
        }
        return mem ? h_shift_m : h_shift_r;
    case X_SHLD: case X_SHRD:
        o->sub = id == X_SHRD;
        o->form = op[2] == O_CL;
        return h_shxd;
    case X_BT: case X_BTS: case X_BTR: case X_BTC:
        o->sub = id == X_BT ? 0 : id == X_BTS ? 1 : id == X_BTR ? 2 : 3;
        o->form = op[1] == O_Gv;
        return h_bt;
    case X_BSF: o->sub = 0; return h_bitscan;
    case X_BSR: o->sub = 1; return h_bitscan;
    case X_TZCNT: o->sub = 2; return h_bitscan;
    case X_LZCNT: o->sub = 3; return h_bitscan;
    case X_POPCNT: o->sub = 4; return h_bitscan;
    case X_BSWAP: return h_bswap;
    case X_CBW: return h_cbw;
    case X_CWD: return h_cwd;
    case X_SETCC: o->sub = in->opc & 15; return h_setcc;
    case X_CMOV: o->sub = in->opc & 15; return h_cmov;
    case X_JCC: o->sub = in->opc & 15; d->cls = IC_BRANCH; (void)h_jcc; return jcc_k[o->sub];
    case X_JMP: d->cls = IC_JUMP; return h_jmp;
    case X_CALL: d->cls = IC_JUMP; return h_call;
    case X_RET: d->cls = IC_JUMP; if (!e->op[0]) o->imm = 0; return h_ret;
    case X_JMPI: d->cls = IC_JUMP; return h_jmpi;
    case X_CALLI: d->cls = IC_JUMP; return h_calli;
    case X_LOOP: o->sub = in->opc - 0xe0; d->cls = IC_BRANCH; return h_loop;
    case X_JRCXZ: o->sub = 3; d->cls = IC_BRANCH; return h_loop;
    case X_MOVS: o->sub = 0; return h_string;
    case X_CMPS: o->sub = 1; return h_string;
    case X_STOS: o->sub = 2; return h_string;
    case X_LODS: o->sub = 3; return h_string;
    case X_SCAS: o->sub = 4; return h_string;
    case X_CLC: o->sub = 0; return h_flagop;
    case X_STC: o->sub = 1; return h_flagop;
    case X_CMC: o->sub = 2; return h_flagop;
    case X_CLD: o->sub = 3; return h_flagop;
    case X_STD: o->sub = 4; return h_flagop;
    case X_SAHF: o->sub = 5; return h_flagop;
    case X_LAHF: o->sub = 6; return h_flagop;
    case X_NOP: return h_nop;
    case X_XLAT: return h_xlat;
    }
    return NULL;
}
