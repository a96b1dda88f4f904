/* riscv64 loads, stores, A (LR/SC and AMOs on host atomics) and fences.
 * Registers are written only after the last guest access, so a fault
 * (which never returns here) leaves them untouched. */
#include "rv.h"
#include "../machine.h"

#define SX32(v) ((uint64_t)(int64_t)(int32_t)(v))

#define LOAD(name, expr)                                    \
    HANDLER(name)                                           \
    {                                                       \
        uint64_t ea = XR[RS1] + (uint64_t)IMM;              \
        XR[RD] = (expr);                                    \
        NEXT();                                       \
    }
LOAD(lb, (uint64_t)(int64_t)(int8_t)mem_ld8(c, ea))
LOAD(lh, (uint64_t)(int64_t)(int16_t)mem_ld16(c, ea))
LOAD(lw, SX32(mem_ld32(c, ea)))
LOAD(ld, mem_ld64(c, ea))
LOAD(lbu, mem_ld8(c, ea))
LOAD(lhu, mem_ld16(c, ea))
LOAD(lwu, mem_ld32(c, ea))

#define STORE(name, bits)                                   \
    HANDLER(name)                                           \
    {                                                       \
        mem_st##bits(c, XR[RS1] + (uint64_t)IMM, (uint##bits##_t)XR[RS2]); \
        NEXT();                                       \
    }
STORE(sb, 8)
STORE(sh, 16)
STORE(sw, 32)
STORE(sd, 64)

/* Host fences are stronger than any guest fence needs. */
HANDLER(fence)
{
    (void)c;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    NEXT();
}

/* Self-modifying code: decoded blocks are dropped; this block ends here. */
HANDLER(fence_i)
{
    engine_flush_all();
    c->pc = d->pc + d->len;
    return NULL;
}

/* ---- A ----------------------------------------------------------------- */

static const struct dinsn *misaligned(struct cpu *c, const struct dinsn *d,
                                      uint64_t cause, uint64_t addr)
{
    return rv_raise(c, d, cause, addr);
}

HANDLER(lr_w)
{
    uint64_t a = XR[RS1];
    if (a & 3)
        return misaligned(c, d, RV_EXC_LOAD_MISALIGNED, a);
    uint32_t v = __atomic_load_n((uint32_t *)g2h(c, a, 4, ACC_READ), __ATOMIC_SEQ_CST);
    struct rv_cpu *r = RV(c);
    r->res_addr = a;
    r->res_val = v;
    r->res_size = 4;
    r->res_valid = 1;
    XR[RD] = SX32(v);
    NEXT();
}

HANDLER(lr_d)
{
    uint64_t a = XR[RS1];
    if (a & 7)
        return misaligned(c, d, RV_EXC_LOAD_MISALIGNED, a);
    uint64_t v = __atomic_load_n((uint64_t *)g2h(c, a, 8, ACC_READ), __ATOMIC_SEQ_CST);
    struct rv_cpu *r = RV(c);
    r->res_addr = a;
    r->res_val = v;
    r->res_size = 8;
    r->res_valid = 1;
    XR[RD] = v;
    NEXT();
}

/* SC succeeds if the reservation is ours and memory still holds the
 * value LR saw (a compare-and-swap: the usual emulation of LR/SC). */
HANDLER(sc_w)
{
    struct rv_cpu *r = RV(c);
    uint64_t a = XR[RS1];
    if (a & 3)
        return misaligned(c, d, RV_EXC_STORE_MISALIGNED, a);
    uint64_t res = 1;
    if (r->res_valid && r->res_addr == a && r->res_size == 4) {
        uint32_t *p = mem_rmw_ptr(c, a, 4);
        uint32_t expect = (uint32_t)r->res_val;
        if (__atomic_compare_exchange_n(p, &expect, (uint32_t)XR[RS2], false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            res = 0;
    }
    r->res_valid = 0;
    XR[RD] = res;
    NEXT();
}

HANDLER(sc_d)
{
    struct rv_cpu *r = RV(c);
    uint64_t a = XR[RS1];
    if (a & 7)
        return misaligned(c, d, RV_EXC_STORE_MISALIGNED, a);
    uint64_t res = 1;
    if (r->res_valid && r->res_addr == a && r->res_size == 8) {
        uint64_t *p = mem_rmw_ptr(c, a, 8);
        uint64_t expect = r->res_val;
        if (__atomic_compare_exchange_n(p, &expect, XR[RS2], false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            res = 0;
    }
    r->res_valid = 0;
    XR[RD] = res;
    NEXT();
}

#define AMO_FETCH(name, T, al, fn, ext)                                   \
    HANDLER(name)                                                         \
    {                                                                     \
        uint64_t a = XR[RS1];                                             \
        if (a & (al - 1))                                                 \
            return misaligned(c, d, RV_EXC_STORE_MISALIGNED, a);          \
        T *p = mem_rmw_ptr(c, a, al);                                     \
        T old = fn(p, (T)XR[RS2], __ATOMIC_SEQ_CST);                      \
        XR[RD] = ext(old);                                                \
        NEXT();                                                     \
    }
#define EXT_W(v) SX32(v)
#define EXT_D(v) (v)
AMO_FETCH(amoswap_w, uint32_t, 4, __atomic_exchange_n, EXT_W)
AMO_FETCH(amoadd_w, uint32_t, 4, __atomic_fetch_add, EXT_W)
AMO_FETCH(amoxor_w, uint32_t, 4, __atomic_fetch_xor, EXT_W)
AMO_FETCH(amoand_w, uint32_t, 4, __atomic_fetch_and, EXT_W)
AMO_FETCH(amoor_w, uint32_t, 4, __atomic_fetch_or, EXT_W)
AMO_FETCH(amoswap_d, uint64_t, 8, __atomic_exchange_n, EXT_D)
AMO_FETCH(amoadd_d, uint64_t, 8, __atomic_fetch_add, EXT_D)
AMO_FETCH(amoxor_d, uint64_t, 8, __atomic_fetch_xor, EXT_D)
AMO_FETCH(amoand_d, uint64_t, 8, __atomic_fetch_and, EXT_D)
AMO_FETCH(amoor_d, uint64_t, 8, __atomic_fetch_or, EXT_D)

#define AMO_CAS(name, T, ST, al, pick, ext)                               \
    HANDLER(name)                                                         \
    {                                                                     \
        uint64_t a = XR[RS1];                                             \
        if (a & (al - 1))                                                 \
            return misaligned(c, d, RV_EXC_STORE_MISALIGNED, a);          \
        T *p = mem_rmw_ptr(c, a, al);                                     \
        T v = (T)XR[RS2];                                                 \
        T old = __atomic_load_n(p, __ATOMIC_RELAXED);                     \
        for (;;) {                                                        \
            T nv = pick((ST)old, (ST)v) ? old : v;                        \
            if (__atomic_compare_exchange_n(p, &old, nv, true,            \
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) \
                break;                                                    \
        }                                                                 \
        XR[RD] = ext(old);                                                \
        NEXT();                                                     \
    }
#define KEEP_MIN(o, v) ((o) <= (v))
#define KEEP_MAX(o, v) ((o) >= (v))
AMO_CAS(amomin_w, uint32_t, int32_t, 4, KEEP_MIN, EXT_W)
AMO_CAS(amomax_w, uint32_t, int32_t, 4, KEEP_MAX, EXT_W)
AMO_CAS(amominu_w, uint32_t, uint32_t, 4, KEEP_MIN, EXT_W)
AMO_CAS(amomaxu_w, uint32_t, uint32_t, 4, KEEP_MAX, EXT_W)
AMO_CAS(amomin_d, uint64_t, int64_t, 8, KEEP_MIN, EXT_D)
AMO_CAS(amomax_d, uint64_t, int64_t, 8, KEEP_MAX, EXT_D)
AMO_CAS(amominu_d, uint64_t, uint64_t, 8, KEEP_MIN, EXT_D)
AMO_CAS(amomaxu_d, uint64_t, uint64_t, 8, KEEP_MAX, EXT_D)
