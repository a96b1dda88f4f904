/* LoongArch loads, stores, bound-checked accesses, ll/sc and AM*
 * atomics.  Every handler writes its destination after its last memory
 * access, so a fault leaves the registers untouched. */
#include "la.h"

#define S32(x) ((uint64_t)(int64_t)(int32_t)(uint32_t)(x))
#define ADDR_I (r[RJ] + IMM)
#define ADDR_X (r[RJ] + r[RK])

HDEF(LD_B, uint64_t v = (int8_t)mem_ld8(c, ADDR_I); r[RDW] = v)
HDEF(LD_H, uint64_t v = (int16_t)mem_ld16(c, ADDR_I); r[RDW] = v)
HDEF(LD_W, uint64_t v = (int32_t)mem_ld32(c, ADDR_I); r[RDW] = v)
HDEF(LD_D, uint64_t v = mem_ld64(c, ADDR_I); r[RDW] = v)
HDEF(LD_BU, uint64_t v = mem_ld8(c, ADDR_I); r[RDW] = v)
HDEF(LD_HU, uint64_t v = mem_ld16(c, ADDR_I); r[RDW] = v)
HDEF(LD_WU, uint64_t v = mem_ld32(c, ADDR_I); r[RDW] = v)
HDEF(ST_B, mem_st8(c, ADDR_I, r[RDR]))
HDEF(ST_H, mem_st16(c, ADDR_I, r[RDR]))
HDEF(ST_W, mem_st32(c, ADDR_I, r[RDR]))
HDEF(ST_D, mem_st64(c, ADDR_I, r[RDR]))
HDEF(LDX_B, uint64_t v = (int8_t)mem_ld8(c, ADDR_X); r[RDW] = v)
HDEF(LDX_H, uint64_t v = (int16_t)mem_ld16(c, ADDR_X); r[RDW] = v)
HDEF(LDX_W, uint64_t v = (int32_t)mem_ld32(c, ADDR_X); r[RDW] = v)
HDEF(LDX_D, uint64_t v = mem_ld64(c, ADDR_X); r[RDW] = v)
HDEF(LDX_BU, uint64_t v = mem_ld8(c, ADDR_X); r[RDW] = v)
HDEF(LDX_HU, uint64_t v = mem_ld16(c, ADDR_X); r[RDW] = v)
HDEF(LDX_WU, uint64_t v = mem_ld32(c, ADDR_X); r[RDW] = v)
HDEF(STX_B, mem_st8(c, ADDR_X, r[RDR]))
HDEF(STX_H, mem_st16(c, ADDR_X, r[RDR]))
HDEF(STX_W, mem_st32(c, ADDR_X, r[RDR]))
HDEF(STX_D, mem_st64(c, ADDR_X, r[RDR]))
HDEF(NOP, (void)s)

/* ldgt/ldle/stgt/stle: the address rj must be above (gt) or at most
 * (le) the bound rk, else BCE; it must also be naturally aligned. */
#define BOUND(name, size, cond, body)                                      \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        uint64_t *r = s->r, a = r[RJ];                                     \
        if (a & (size - 1))                                                \
            return la_raise(c, d->pc, ECODE_ALE, 0, true, a);              \
        if (!(cond))                                                       \
            return la_raise(c, d->pc, ECODE_BCE, 0, true, a);              \
        body;                                                              \
        LA_NEXT();                                                         \
    }
#define GT (a > r[RK])
#define LE (a <= r[RK])
BOUND(LDGT_B, 1, GT, uint64_t v = (int8_t)mem_ld8(c, a); r[RDW] = v)
BOUND(LDGT_H, 2, GT, uint64_t v = (int16_t)mem_ld16(c, a); r[RDW] = v)
BOUND(LDGT_W, 4, GT, uint64_t v = (int32_t)mem_ld32(c, a); r[RDW] = v)
BOUND(LDGT_D, 8, GT, uint64_t v = mem_ld64(c, a); r[RDW] = v)
BOUND(LDLE_B, 1, LE, uint64_t v = (int8_t)mem_ld8(c, a); r[RDW] = v)
BOUND(LDLE_H, 2, LE, uint64_t v = (int16_t)mem_ld16(c, a); r[RDW] = v)
BOUND(LDLE_W, 4, LE, uint64_t v = (int32_t)mem_ld32(c, a); r[RDW] = v)
BOUND(LDLE_D, 8, LE, uint64_t v = mem_ld64(c, a); r[RDW] = v)
BOUND(STGT_B, 1, GT, mem_st8(c, a, r[RDR]))
BOUND(STGT_H, 2, GT, mem_st16(c, a, r[RDR]))
BOUND(STGT_W, 4, GT, mem_st32(c, a, r[RDR]))
BOUND(STGT_D, 8, GT, mem_st64(c, a, r[RDR]))
BOUND(STLE_B, 1, LE, mem_st8(c, a, r[RDR]))
BOUND(STLE_H, 2, LE, mem_st16(c, a, r[RDR]))
BOUND(STLE_W, 4, LE, mem_st32(c, a, r[RDR]))
BOUND(STLE_D, 8, LE, mem_st64(c, a, r[RDR]))

/* asrtle.d / asrtgt.d: the bound checks alone */
H(ASRTLE_D)
{
    struct la_cpu *s = LA(c);
    if (!(s->r[RJ] <= s->r[RK]))
        return la_raise(c, d->pc, ECODE_BCE, 0, true, s->r[RJ]);
    LA_NEXT();
}

H(ASRTGT_D)
{
    struct la_cpu *s = LA(c);
    if (!(s->r[RJ] > s->r[RK]))
        return la_raise(c, d->pc, ECODE_BCE, 0, true, s->r[RJ]);
    LA_NEXT();
}

/* ll/sc: sc succeeds if the link is still set and memory still holds
 * the value ll read (a compare-and-swap, so other threads' stores in
 * between make it fail). */
#define LL(name, size, T, ext)                                             \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        uint64_t *r = s->r, a = r[RJ] + IMM;                               \
        if (a & (size - 1))                                                \
            return la_raise(c, d->pc, ECODE_ALE, 0, true, a);              \
        T v = __atomic_load_n((T *)g2h(c, a, size, ACC_READ), __ATOMIC_ACQUIRE); \
        s->llbit = true;                                                   \
        s->ll_addr = a;                                                    \
        s->ll_val = v;                                                     \
        r[RDW] = ext(v);                                                   \
        LA_NEXT();                                                         \
    }
#define SC(name, size, T)                                                  \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        uint64_t *r = s->r, a = r[RJ] + IMM;                               \
        if (a & (size - 1))                                                \
            return la_raise(c, d->pc, ECODE_ALE, 0, true, a);              \
        bool ok = false;                                                   \
        T *p = mem_rmw_ptr(c, a, size);                                    \
        if (s->llbit && s->ll_addr == a) {                                 \
            T expect = (T)s->ll_val;                                       \
            ok = __atomic_compare_exchange_n(p, &expect, (T)r[RDR], false, \
                                             __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
        }                                                                  \
        s->llbit = false;                                                  \
        r[RDW] = ok;                                                       \
        LA_NEXT();                                                         \
    }
#define SX32(v) S32(v)
#define ID64(v) (v)
LL(LL_W, 4, uint32_t, SX32)
LL(LL_D, 8, uint64_t, ID64)
SC(SC_W, 4, uint32_t)
SC(SC_D, 8, uint64_t)

/* AM*: old value of [rj] to rd, [rj] = old OP rk, atomically. */
#define AMO(name, size, T, ext, newval)                                    \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        uint64_t *r = s->r, a = r[RJ];                                     \
        if (a & (size - 1))                                                \
            return la_raise(c, d->pc, ECODE_ALE, 0, true, a);              \
        T *p = mem_rmw_ptr(c, a, size);                                    \
        T k = (T)r[RK];                                                    \
        T old = __atomic_load_n(p, __ATOMIC_RELAXED), nv;                  \
        do {                                                               \
            nv = newval;                                                   \
        } while (!__atomic_compare_exchange_n(p, &old, nv, true,           \
                                              __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)); \
        r[RDW] = ext(old);                                                 \
        LA_NEXT();                                                         \
    }
#define AMW(base, newval) AMO(base##_W, 4, uint32_t, SX32, newval) \
                          AMO(base##_DB_W, 4, uint32_t, SX32, newval)
#define AMD(base, newval) AMO(base##_D, 8, uint64_t, ID64, newval) \
                          AMO(base##_DB_D, 8, uint64_t, ID64, newval)
AMW(AMSWAP, k) AMD(AMSWAP, k)
AMW(AMADD, old + k) AMD(AMADD, old + k)
AMW(AMAND, old & k) AMD(AMAND, old & k)
AMW(AMOR, old | k) AMD(AMOR, old | k)
AMW(AMXOR, old ^ k) AMD(AMXOR, old ^ k)
AMW(AMMAX, (int32_t)old > (int32_t)k ? old : k)
AMD(AMMAX, (int64_t)old > (int64_t)k ? old : k)
AMW(AMMIN, (int32_t)old < (int32_t)k ? old : k)
AMD(AMMIN, (int64_t)old < (int64_t)k ? old : k)
#define AMU(base, newval) AMO(base##_WU, 4, uint32_t, SX32, newval) \
                          AMO(base##_DB_WU, 4, uint32_t, SX32, newval)
#define AMUD(base, newval) AMO(base##_DU, 8, uint64_t, ID64, newval) \
                           AMO(base##_DB_DU, 8, uint64_t, ID64, newval)
AMU(AMMAX, old > k ? old : k) AMUD(AMMAX, old > k ? old : k)
AMU(AMMIN, old < k ? old : k) AMUD(AMMIN, old < k ? old : k)

HDEF(DBAR, __atomic_thread_fence(__ATOMIC_SEQ_CST))

#define E(id, cls) { LA_##id, cls, la_h_##id }
#define L(id) E(id, IC_LOAD)
#define S(id) E(id, IC_STORE)
const struct la_handler la_mem_handlers[] = {
    L(LD_B), L(LD_H), L(LD_W), L(LD_D), L(LD_BU), L(LD_HU), L(LD_WU),
    S(ST_B), S(ST_H), S(ST_W), S(ST_D),
    L(LDX_B), L(LDX_H), L(LDX_W), L(LDX_D), L(LDX_BU), L(LDX_HU), L(LDX_WU),
    S(STX_B), S(STX_H), S(STX_W), S(STX_D),
    { LA_LDPTR_W, IC_LOAD, la_h_LD_W }, { LA_LDPTR_D, IC_LOAD, la_h_LD_D },
    { LA_STPTR_W, IC_STORE, la_h_ST_W }, { LA_STPTR_D, IC_STORE, la_h_ST_D },
    { LA_PRELD, IC_ALU, la_h_NOP }, { LA_PRELDX, IC_ALU, la_h_NOP },
    E(ASRTLE_D, IC_ALU), E(ASRTGT_D, IC_ALU), { LA_IBAR, IC_BARRIER, la_h_NOP },
    E(DBAR, IC_BARRIER),
    L(LDGT_B), L(LDGT_H), L(LDGT_W), L(LDGT_D),
    L(LDLE_B), L(LDLE_H), L(LDLE_W), L(LDLE_D),
    S(STGT_B), S(STGT_H), S(STGT_W), S(STGT_D),
    S(STLE_B), S(STLE_H), S(STLE_W), S(STLE_D),
    E(LL_W, IC_ATOMIC), E(LL_D, IC_ATOMIC), E(SC_W, IC_ATOMIC), E(SC_D, IC_ATOMIC),
#define AM2(x) E(x##_W, IC_ATOMIC), E(x##_D, IC_ATOMIC), E(x##_DB_W, IC_ATOMIC), E(x##_DB_D, IC_ATOMIC)
    AM2(AMSWAP), AM2(AMADD), AM2(AMAND), AM2(AMOR), AM2(AMXOR), AM2(AMMAX), AM2(AMMIN),
    E(AMMAX_WU, IC_ATOMIC), E(AMMAX_DU, IC_ATOMIC), E(AMMAX_DB_WU, IC_ATOMIC), E(AMMAX_DB_DU, IC_ATOMIC),
    E(AMMIN_WU, IC_ATOMIC), E(AMMIN_DU, IC_ATOMIC), E(AMMIN_DB_WU, IC_ATOMIC), E(AMMIN_DB_DU, IC_ATOMIC),
    { 0, 0, 0 }
};
