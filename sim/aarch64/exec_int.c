/* aarch64 integer data processing: immediate, register, bitfield,
 * conditional, multiply/divide.  Handlers come in an X (64-bit) and a W
 * (32-bit, result zero-extended) flavour chosen by the decoder. */
#include "a64.h"

uint16_t a64_condtab[16];

__attribute__((constructor)) static void condtab_init(void)
{
    for (unsigned f = 0; f < 16; f++) {
        bool n = f & 8, z = f & 4, cf = f & 2, v = f & 1;
        bool r[8] = { z, cf, n, v, cf && !z, n == v, n == v && !z, true };
        uint16_t m = 0;
        for (unsigned k = 0; k < 16; k++) {
            bool b = r[k >> 1];
            if ((k & 1) && k != 15)
                b = !b;
            m |= (uint16_t)b << k;
        }
        a64_condtab[f] = m;
    }
}

#define NEXT CPU_NEXT(c, d)

/* a + b + cin with NZCV (carry from the unsigned sum, overflow when both
 * operands have the sign the result lacks) */
static inline uint64_t addc64(struct a64_cpu *s, uint64_t a, uint64_t b, unsigned cin)
{
    uint64_t r = a + b + cin;
    unsigned cf = cin ? r <= a : r < a;
    s->nzcv = (uint32_t)(r >> 63) << 31 | (uint32_t)(r == 0) << 30 | cf << 29 |
              (uint32_t)((~(a ^ b) & (a ^ r)) >> 63) << 28;
    return r;
}
static inline uint32_t addc32(struct a64_cpu *s, uint32_t a, uint32_t b, unsigned cin)
{
    uint32_t r = a + b + cin;
    unsigned cf = cin ? r <= a : r < a;
    s->nzcv = (r >> 31) << 31 | (uint32_t)(r == 0) << 30 | cf << 29 |
              ((~(a ^ b) & (a ^ r)) >> 31) << 28;
    return r;
}
/* a - b: carry = no borrow */
static inline uint64_t subc64(struct a64_cpu *s, uint64_t a, uint64_t b)
{
    uint64_t r = a - b;
    s->nzcv = (uint32_t)(r >> 63) << 31 | (uint32_t)(r == 0) << 30 | (uint32_t)(a >= b) << 29 |
              (uint32_t)(((a ^ b) & (a ^ r)) >> 63) << 28;
    return r;
}
static inline uint32_t subc32(struct a64_cpu *s, uint32_t a, uint32_t b)
{
    uint32_t r = a - b;
    s->nzcv = (r >> 31) << 31 | (uint32_t)(r == 0) << 30 | (uint32_t)(a >= b) << 29 |
              (((a ^ b) & (a ^ r)) >> 31) << 28;
    return r;
}
static inline void nz64(struct a64_cpu *s, uint64_t r)
{
    s->nzcv = (uint32_t)(r >> 63) << 31 | (uint32_t)(r == 0) << 30;
}
static inline void nz32(struct a64_cpu *s, uint32_t r)
{
    s->nzcv = (r >> 31) << 31 | (uint32_t)(r == 0) << 30;
}

static inline uint64_t shift64(uint64_t v, unsigned type, unsigned amt)
{
    switch (type) {
    case 0: return v << amt;
    case 1: return v >> amt;
    case 2: return (uint64_t)((int64_t)v >> amt);
    default: return amt ? (v >> amt) | (v << (64 - amt)) : v;
    }
}
static inline uint32_t shift32(uint32_t v, unsigned type, unsigned amt)
{
    switch (type) {
    case 0: return v << amt;
    case 1: return v >> amt;
    case 2: return (uint32_t)((int32_t)v >> amt);
    default: return amt ? (v >> amt) | (v << (32 - amt)) : v;
    }
}
static inline uint64_t extend(uint64_t v, unsigned opt)
{
    switch (opt) {
    case 0: return (uint8_t)v;
    case 1: return (uint16_t)v;
    case 2: return (uint32_t)v;
    case 4: return (uint64_t)(int8_t)v;
    case 5: return (uint64_t)(int16_t)v;
    case 6: return (uint64_t)(int32_t)v;
    default: return v;
    }
}

#define XR(r) (s->x[r])
#define DEF(name) H(name) { struct a64_cpu *s = A(c); (void)s;
#define END NEXT; }

/* ---- immediates ---- */
DEF(a_movi) XR(RD(d)) = (uint64_t)IMM(d); END
DEF(a_movk_x) XR(RD(d)) = (XR(RD(d)) & ~IMM2(d)) | (uint64_t)IMM(d); END
DEF(a_movk_w) XR(RD(d)) = (uint32_t)((XR(RD(d)) & ~IMM2(d)) | (uint64_t)IMM(d)); END
DEF(a_add_imm_x) XR(RD(d)) = XR(RN(d)) + (uint64_t)IMM(d); END
DEF(a_add_imm_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) + (uint64_t)IMM(d)); END
DEF(a_adds_imm_x) XR(RD(d)) = addc64(s, XR(RN(d)), (uint64_t)IMM(d), 0); END
DEF(a_adds_imm_w) XR(RD(d)) = addc32(s, (uint32_t)XR(RN(d)), (uint32_t)IMM(d), 0); END
DEF(a_subs_imm_x) XR(RD(d)) = subc64(s, XR(RN(d)), (uint64_t)IMM(d)); END
DEF(a_subs_imm_w) XR(RD(d)) = subc32(s, (uint32_t)XR(RN(d)), (uint32_t)IMM(d)); END
DEF(a_and_imm_x) XR(RD(d)) = XR(RN(d)) & (uint64_t)IMM(d); END
DEF(a_orr_imm_x) XR(RD(d)) = XR(RN(d)) | (uint64_t)IMM(d); END
DEF(a_eor_imm_x) XR(RD(d)) = XR(RN(d)) ^ (uint64_t)IMM(d); END
DEF(a_ands_imm_x) uint64_t r = XR(RN(d)) & (uint64_t)IMM(d); nz64(s, r); XR(RD(d)) = r; END
DEF(a_and_imm_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) & (uint64_t)IMM(d)); END
DEF(a_orr_imm_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) | (uint64_t)IMM(d)); END
DEF(a_eor_imm_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) ^ (uint64_t)IMM(d)); END
DEF(a_ands_imm_w) uint32_t r = (uint32_t)(XR(RN(d)) & (uint64_t)IMM(d)); nz32(s, r); XR(RD(d)) = r; END

/* ---- bitfield: IMM = wmask, IMM2 = tmask, SH = rotate ---- */
static inline uint64_t ror64(uint64_t v, unsigned r) { return r ? (v >> r) | (v << (64 - r)) : v; }
static inline uint32_t ror32(uint32_t v, unsigned r) { return r ? (v >> r) | (v << (32 - r)) : v; }
DEF(a_ubfm_x) XR(RD(d)) = ror64(XR(RN(d)), SH(d)) & (uint64_t)IMM(d) & IMM2(d); END
DEF(a_ubfm_w) XR(RD(d)) = ror32((uint32_t)XR(RN(d)), SH(d)) & (uint32_t)IMM(d) & (uint32_t)IMM2(d); END
DEF(a_sbfm_x)
    uint64_t src = XR(RN(d));
    uint64_t bot = ror64(src, SH(d)) & (uint64_t)IMM(d);
    uint64_t top = (src >> X1(d) & 1) ? ~0ull : 0;
    XR(RD(d)) = (top & ~IMM2(d)) | (bot & IMM2(d));
END
DEF(a_sbfm_w)
    uint32_t src = (uint32_t)XR(RN(d));
    uint32_t bot = ror32(src, SH(d)) & (uint32_t)IMM(d);
    uint32_t top = (src >> X1(d) & 1) ? ~0u : 0;
    XR(RD(d)) = (top & ~(uint32_t)IMM2(d)) | (bot & (uint32_t)IMM2(d));
END
DEF(a_bfm_x)
    uint64_t dst = XR(RD(d)), w = (uint64_t)IMM(d), t = IMM2(d);
    uint64_t bot = (dst & ~w) | (ror64(XR(RN(d)), SH(d)) & w);
    XR(RD(d)) = (dst & ~t) | (bot & t);
END
DEF(a_bfm_w)
    uint32_t dst = (uint32_t)XR(RD(d)), w = (uint32_t)IMM(d), t = (uint32_t)IMM2(d);
    uint32_t bot = (dst & ~w) | (ror32((uint32_t)XR(RN(d)), SH(d)) & w);
    XR(RD(d)) = (dst & ~t) | (bot & t);
END
DEF(a_lsl_imm_x) XR(RD(d)) = XR(RN(d)) << SH(d); END
DEF(a_lsl_imm_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) << SH(d)); END
DEF(a_lsr_imm_x) XR(RD(d)) = XR(RN(d)) >> SH(d); END
DEF(a_lsr_imm_w) XR(RD(d)) = (uint32_t)XR(RN(d)) >> SH(d); END
DEF(a_asr_imm_x) XR(RD(d)) = (uint64_t)((int64_t)XR(RN(d)) >> SH(d)); END
DEF(a_asr_imm_w) XR(RD(d)) = (uint32_t)((int32_t)XR(RN(d)) >> SH(d)); END
DEF(a_sxtw) XR(RD(d)) = (uint64_t)(int32_t)XR(RN(d)); END
DEF(a_extr_x)
    uint64_t hi = XR(RN(d)), lo = XR(RM(d));
    unsigned l = SH(d);
    XR(RD(d)) = l ? (lo >> l) | (hi << (64 - l)) : lo;
END
DEF(a_extr_w)
    uint32_t hi = (uint32_t)XR(RN(d)), lo = (uint32_t)XR(RM(d));
    unsigned l = SH(d);
    XR(RD(d)) = l ? (lo >> l) | (hi << (32 - l)) : lo;
END

/* ---- logical (shifted register): OPT = shift type, SH = amount ---- */
DEF(a_mov_x) XR(RD(d)) = XR(RM(d)); END
DEF(a_mov_w) XR(RD(d)) = (uint32_t)XR(RM(d)); END
#define LOGSH(nm, expr, flags)                                                   \
    DEF(nm##_x) uint64_t a = XR(RN(d)), b = shift64(XR(RM(d)), OPT(d), SH(d));    \
        uint64_t r = (expr); if (flags) nz64(s, r); XR(RD(d)) = r; END             \
    DEF(nm##_w) uint32_t a = (uint32_t)XR(RN(d));                                 \
        uint32_t b = shift32((uint32_t)XR(RM(d)), OPT(d), SH(d));                  \
        uint32_t r = (expr); if (flags) nz32(s, r); XR(RD(d)) = r; END
LOGSH(a_and, a & b, 0)
LOGSH(a_bic, a & ~b, 0)
LOGSH(a_orr, a | b, 0)
LOGSH(a_orn, a | ~b, 0)
LOGSH(a_eor, a ^ b, 0)
LOGSH(a_eon, a ^ ~b, 0)
LOGSH(a_ands, a & b, 1)
LOGSH(a_bics, a & ~b, 1)

/* ---- add/sub (shifted and extended register) ---- */
DEF(a_add_x) XR(RD(d)) = XR(RN(d)) + shift64(XR(RM(d)), OPT(d), SH(d)); END
DEF(a_add_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) + shift32((uint32_t)XR(RM(d)), OPT(d), SH(d))); END
DEF(a_sub_x) XR(RD(d)) = XR(RN(d)) - shift64(XR(RM(d)), OPT(d), SH(d)); END
DEF(a_sub_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) - shift32((uint32_t)XR(RM(d)), OPT(d), SH(d))); END
DEF(a_adds_x) XR(RD(d)) = addc64(s, XR(RN(d)), shift64(XR(RM(d)), OPT(d), SH(d)), 0); END
DEF(a_adds_w) XR(RD(d)) = addc32(s, (uint32_t)XR(RN(d)), shift32((uint32_t)XR(RM(d)), OPT(d), SH(d)), 0); END
DEF(a_subs_x) XR(RD(d)) = subc64(s, XR(RN(d)), shift64(XR(RM(d)), OPT(d), SH(d))); END
DEF(a_subs_w) XR(RD(d)) = subc32(s, (uint32_t)XR(RN(d)), shift32((uint32_t)XR(RM(d)), OPT(d), SH(d))); END
/* the unshifted forms, the most common ones */
DEF(a_add_rr_x) XR(RD(d)) = XR(RN(d)) + XR(RM(d)); END
DEF(a_add_rr_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) + XR(RM(d))); END
DEF(a_sub_rr_x) XR(RD(d)) = XR(RN(d)) - XR(RM(d)); END
DEF(a_sub_rr_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) - XR(RM(d))); END
DEF(a_subs_rr_x) XR(RD(d)) = subc64(s, XR(RN(d)), XR(RM(d))); END
DEF(a_subs_rr_w) XR(RD(d)) = subc32(s, (uint32_t)XR(RN(d)), (uint32_t)XR(RM(d))); END
DEF(a_and_rr_x) XR(RD(d)) = XR(RN(d)) & XR(RM(d)); END
DEF(a_and_rr_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) & XR(RM(d))); END
DEF(a_orr_rr_x) XR(RD(d)) = XR(RN(d)) | XR(RM(d)); END
DEF(a_orr_rr_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) | XR(RM(d))); END
DEF(a_eor_rr_x) XR(RD(d)) = XR(RN(d)) ^ XR(RM(d)); END
DEF(a_eor_rr_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) ^ XR(RM(d))); END
DEF(a_ands_rr_x) uint64_t r = XR(RN(d)) & XR(RM(d)); nz64(s, r); XR(RD(d)) = r; END
DEF(a_ands_rr_w) uint32_t r = (uint32_t)(XR(RN(d)) & XR(RM(d))); nz32(s, r); XR(RD(d)) = r; END
DEF(a_addx_x) XR(RD(d)) = XR(RN(d)) + (extend(XR(RM(d)), OPT(d)) << SH(d)); END
DEF(a_addx_uxtw_x) XR(RD(d)) = XR(RN(d)) + ((uint64_t)(uint32_t)XR(RM(d)) << SH(d)); END
DEF(a_addx_sxtw_x) XR(RD(d)) = XR(RN(d)) + ((uint64_t)(int64_t)(int32_t)XR(RM(d)) << SH(d)); END
DEF(a_addx_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) + (extend(XR(RM(d)), OPT(d)) << SH(d))); END
DEF(a_subx_x) XR(RD(d)) = XR(RN(d)) - (extend(XR(RM(d)), OPT(d)) << SH(d)); END
DEF(a_subx_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) - (extend(XR(RM(d)), OPT(d)) << SH(d))); END
DEF(a_addsx_x) XR(RD(d)) = addc64(s, XR(RN(d)), extend(XR(RM(d)), OPT(d)) << SH(d), 0); END
DEF(a_addsx_w) XR(RD(d)) = addc32(s, (uint32_t)XR(RN(d)), (uint32_t)(extend(XR(RM(d)), OPT(d)) << SH(d)), 0); END
DEF(a_subsx_x) XR(RD(d)) = subc64(s, XR(RN(d)), extend(XR(RM(d)), OPT(d)) << SH(d)); END
DEF(a_subsx_w) XR(RD(d)) = subc32(s, (uint32_t)XR(RN(d)), (uint32_t)(extend(XR(RM(d)), OPT(d)) << SH(d))); END

/* ---- with carry ---- */
#define CF ((s->nzcv >> 29) & 1)
DEF(a_adc_x) XR(RD(d)) = XR(RN(d)) + XR(RM(d)) + CF; END
DEF(a_adc_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) + XR(RM(d)) + CF); END
DEF(a_sbc_x) XR(RD(d)) = XR(RN(d)) + ~XR(RM(d)) + CF; END
DEF(a_sbc_w) XR(RD(d)) = (uint32_t)(XR(RN(d)) + ~XR(RM(d)) + CF); END
DEF(a_adcs_x) XR(RD(d)) = addc64(s, XR(RN(d)), XR(RM(d)), CF); END
DEF(a_adcs_w) XR(RD(d)) = addc32(s, (uint32_t)XR(RN(d)), (uint32_t)XR(RM(d)), CF); END
DEF(a_sbcs_x) XR(RD(d)) = addc64(s, XR(RN(d)), ~XR(RM(d)), CF); END
DEF(a_sbcs_w) XR(RD(d)) = addc32(s, (uint32_t)XR(RN(d)), ~(uint32_t)XR(RM(d)), CF); END

/* ---- conditional compare: OPT = cond, X1 = nzcv if false, IMM = imm5
 * (the register forms read RM, the immediate forms point RM at XZR and
 * carry the value in IMM) ---- */
#define CCMP(nm, bits, op2neg)                                                 \
    DEF(nm)                                                                    \
        if (a64_cond(s, OPT(d))) {                                             \
            uint##bits##_t b = (uint##bits##_t)(XR(RM(d)) | (uint64_t)IMM(d)); \
            if (op2neg) subc##bits(s, (uint##bits##_t)XR(RN(d)), b);           \
            else addc##bits(s, (uint##bits##_t)XR(RN(d)), b, 0);               \
        } else                                                                 \
            s->nzcv = (uint32_t)X1(d) << 28;                                   \
    END
CCMP(a_ccmp_x, 64, 1)
CCMP(a_ccmp_w, 32, 1)
CCMP(a_ccmn_x, 64, 0)
CCMP(a_ccmn_w, 32, 0)

/* ---- conditional select ---- */
DEF(a_csel_x) XR(RD(d)) = a64_cond(s, OPT(d)) ? XR(RN(d)) : XR(RM(d)); END
DEF(a_csel_w) XR(RD(d)) = (uint32_t)(a64_cond(s, OPT(d)) ? XR(RN(d)) : XR(RM(d))); END
DEF(a_csinc_x) XR(RD(d)) = a64_cond(s, OPT(d)) ? XR(RN(d)) : XR(RM(d)) + 1; END
DEF(a_csinc_w) XR(RD(d)) = (uint32_t)(a64_cond(s, OPT(d)) ? XR(RN(d)) : XR(RM(d)) + 1); END
DEF(a_csinv_x) XR(RD(d)) = a64_cond(s, OPT(d)) ? XR(RN(d)) : ~XR(RM(d)); END
DEF(a_csinv_w) XR(RD(d)) = (uint32_t)(a64_cond(s, OPT(d)) ? XR(RN(d)) : ~XR(RM(d))); END
DEF(a_csneg_x) XR(RD(d)) = a64_cond(s, OPT(d)) ? XR(RN(d)) : -XR(RM(d)); END
DEF(a_csneg_w) XR(RD(d)) = (uint32_t)(a64_cond(s, OPT(d)) ? XR(RN(d)) : -XR(RM(d))); END

/* ---- two-source ---- */
DEF(a_udiv_x) uint64_t b = XR(RM(d)); XR(RD(d)) = b ? XR(RN(d)) / b : 0; END
DEF(a_udiv_w) uint32_t b = (uint32_t)XR(RM(d)); XR(RD(d)) = b ? (uint32_t)XR(RN(d)) / b : 0; END
DEF(a_sdiv_x)
    int64_t a = (int64_t)XR(RN(d)), b = (int64_t)XR(RM(d));
    XR(RD(d)) = b == 0 ? 0 : (b == -1 ? -(uint64_t)a : (uint64_t)(a / b));
END
DEF(a_sdiv_w)
    int32_t a = (int32_t)XR(RN(d)), b = (int32_t)XR(RM(d));
    XR(RD(d)) = (uint32_t)(b == 0 ? 0 : (b == -1 ? -(uint32_t)a : (uint32_t)(a / b)));
END
DEF(a_lslv_x) XR(RD(d)) = XR(RN(d)) << (XR(RM(d)) & 63); END
DEF(a_lslv_w) XR(RD(d)) = (uint32_t)XR(RN(d)) << (XR(RM(d)) & 31); END
DEF(a_lsrv_x) XR(RD(d)) = XR(RN(d)) >> (XR(RM(d)) & 63); END
DEF(a_lsrv_w) XR(RD(d)) = (uint32_t)XR(RN(d)) >> (XR(RM(d)) & 31); END
DEF(a_asrv_x) XR(RD(d)) = (uint64_t)((int64_t)XR(RN(d)) >> (XR(RM(d)) & 63)); END
DEF(a_asrv_w) XR(RD(d)) = (uint32_t)((int32_t)XR(RN(d)) >> (XR(RM(d)) & 31)); END
DEF(a_rorv_x) XR(RD(d)) = ror64(XR(RN(d)), XR(RM(d)) & 63); END
DEF(a_rorv_w) XR(RD(d)) = ror32((uint32_t)XR(RN(d)), XR(RM(d)) & 31); END

/* ---- one-source ---- */
static uint64_t rbit64(uint64_t v)
{
    v = ((v >> 1) & 0x5555555555555555ull) | ((v & 0x5555555555555555ull) << 1);
    v = ((v >> 2) & 0x3333333333333333ull) | ((v & 0x3333333333333333ull) << 2);
    v = ((v >> 4) & 0x0f0f0f0f0f0f0f0full) | ((v & 0x0f0f0f0f0f0f0f0full) << 4);
    return __builtin_bswap64(v);
}
DEF(a_rbit_x) XR(RD(d)) = rbit64(XR(RN(d))); END
DEF(a_rbit_w) XR(RD(d)) = rbit64(XR(RN(d))) >> 32; END
DEF(a_rev16_x)
    uint64_t v = XR(RN(d));
    XR(RD(d)) = ((v >> 8) & 0x00ff00ff00ff00ffull) | ((v & 0x00ff00ff00ff00ffull) << 8);
END
DEF(a_rev16_w)
    uint32_t v = (uint32_t)XR(RN(d));
    XR(RD(d)) = ((v >> 8) & 0x00ff00ffu) | ((v & 0x00ff00ffu) << 8);
END
DEF(a_rev32_x)
    uint64_t v = __builtin_bswap64(XR(RN(d)));
    XR(RD(d)) = (v >> 32) | (v << 32);
END
DEF(a_rev_x) XR(RD(d)) = __builtin_bswap64(XR(RN(d))); END
DEF(a_rev_w) XR(RD(d)) = __builtin_bswap32((uint32_t)XR(RN(d))); END
DEF(a_clz_x) uint64_t v = XR(RN(d)); XR(RD(d)) = v ? (uint64_t)__builtin_clzll(v) : 64; END
DEF(a_clz_w) uint32_t v = (uint32_t)XR(RN(d)); XR(RD(d)) = v ? (uint64_t)__builtin_clz(v) : 32; END
DEF(a_cls_x)
    uint64_t v = XR(RN(d));
    v = (v >> 1) ^ (v & 0x7fffffffffffffffull);
    XR(RD(d)) = v ? (uint64_t)__builtin_clzll(v) - 1 : 63;
END
DEF(a_cls_w)
    uint32_t v = (uint32_t)XR(RN(d));
    v = (v >> 1) ^ (v & 0x7fffffffu);
    XR(RD(d)) = v ? (uint64_t)__builtin_clz(v) - 1 : 31;
END

/* ---- three-source ---- */
DEF(a_madd_x) XR(RD(d)) = XR(RA(d)) + XR(RN(d)) * XR(RM(d)); END
DEF(a_madd_w) XR(RD(d)) = (uint32_t)(XR(RA(d)) + XR(RN(d)) * XR(RM(d))); END
DEF(a_msub_x) XR(RD(d)) = XR(RA(d)) - XR(RN(d)) * XR(RM(d)); END
DEF(a_msub_w) XR(RD(d)) = (uint32_t)(XR(RA(d)) - XR(RN(d)) * XR(RM(d))); END
DEF(a_smaddl) XR(RD(d)) = XR(RA(d)) + (uint64_t)((int64_t)(int32_t)XR(RN(d)) * (int32_t)XR(RM(d))); END
DEF(a_smsubl) XR(RD(d)) = XR(RA(d)) - (uint64_t)((int64_t)(int32_t)XR(RN(d)) * (int32_t)XR(RM(d))); END
DEF(a_umaddl) XR(RD(d)) = XR(RA(d)) + (uint64_t)(uint32_t)XR(RN(d)) * (uint32_t)XR(RM(d)); END
DEF(a_umsubl) XR(RD(d)) = XR(RA(d)) - (uint64_t)(uint32_t)XR(RN(d)) * (uint32_t)XR(RM(d)); END
DEF(a_smulh) XR(RD(d)) = (uint64_t)(((__int128)(int64_t)XR(RN(d)) * (int64_t)XR(RM(d))) >> 64); END
DEF(a_umulh) XR(RD(d)) = (uint64_t)(((unsigned __int128)XR(RN(d)) * XR(RM(d))) >> 64); END

/* ---- CRC32 (not advertised in hwcap, but cheap) ---- */
static uint32_t crc32_bits(uint32_t acc, uint64_t val, unsigned bytes, uint32_t poly)
{
    for (unsigned i = 0; i < bytes * 8; i++) {
        unsigned bit = (acc ^ (uint32_t)(val >> i)) & 1;
        acc = (acc >> 1) ^ (bit ? poly : 0);
    }
    return acc;
}
/* SH = bytes, IMM = reflected polynomial */
DEF(a_crc32) XR(RD(d)) = crc32_bits((uint32_t)XR(RN(d)), XR(RM(d)), SH(d), (uint32_t)IMM(d)); END
