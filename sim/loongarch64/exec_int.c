/* LoongArch integer arithmetic, logic, shifts and bit operations.
 * .w forms compute on the low 32 bits and sign-extend the result. */
#include "la.h"

#define S32(x) ((uint64_t)(int64_t)(int32_t)(uint32_t)(x))
#define J r[RJ]
#define K r[RK]
#define W(v) r[RDW] = (v)

HDEF(ADD_W, W(S32(J + K)))
HDEF(ADD_D, W(J + K))
HDEF(SUB_W, W(S32(J - K)))
HDEF(SUB_D, W(J - K))
HDEF(SLT, W((int64_t)J < (int64_t)K))
HDEF(SLTU, W(J < K))
HDEF(MASKEQZ, W(K == 0 ? 0 : J))
HDEF(MASKNEZ, W(K != 0 ? 0 : J))
HDEF(NOR, W(~(J | K)))
HDEF(AND, W(J & K))
HDEF(OR, W(J | K))
HDEF(XOR, W(J ^ K))
HDEF(ORN, W(J | ~K))
HDEF(ANDN, W(J & ~K))
HDEF(SLL_W, W(S32((uint32_t)J << (K & 31))))
HDEF(SRL_W, W(S32((uint32_t)J >> (K & 31))))
HDEF(SRA_W, W(S32((int32_t)J >> (K & 31))))
HDEF(SLL_D, W(J << (K & 63)))
HDEF(SRL_D, W(J >> (K & 63)))
HDEF(SRA_D, W((uint64_t)((int64_t)J >> (K & 63))))

static inline uint32_t ror32(uint32_t x, unsigned n) { n &= 31; return n ? x >> n | x << (32 - n) : x; }
static inline uint64_t ror64(uint64_t x, unsigned n) { n &= 63; return n ? x >> n | x << (64 - n) : x; }

HDEF(ROTR_W, W(S32(ror32((uint32_t)J, K))))
HDEF(ROTR_D, W(ror64(J, K)))
HDEF(MUL_W, W(S32((uint32_t)J * (uint32_t)K)))
HDEF(MULH_W, W(S32((uint64_t)((int64_t)(int32_t)J * (int32_t)K) >> 32)))
HDEF(MULH_WU, W(S32((uint64_t)(uint32_t)J * (uint32_t)K >> 32)))
HDEF(MUL_D, W(J * K))
HDEF(MULH_D, W((uint64_t)((__int128)(int64_t)J * (int64_t)K >> 64)))
HDEF(MULH_DU, W((uint64_t)((unsigned __int128)J * K >> 64)))
HDEF(MULW_D_W, W((uint64_t)((int64_t)(int32_t)J * (int32_t)K)))
HDEF(MULW_D_WU, W((uint64_t)(uint32_t)J * (uint32_t)K))

/* Division never traps.  The manual leaves x/0 and INT_MIN/-1
 * undefined; we give what qemu-loongarch64 gives (divisor taken as 1):
 * quotient = dividend, remainder = 0. */
static inline int64_t sdiv(int64_t a, int64_t b, bool rem)
{
    if (b == 0 || (b == -1 && a == INT64_MIN))
        return rem ? 0 : a;
    return rem ? a % b : a / b;
}
static inline uint64_t udiv(uint64_t a, uint64_t b, bool rem)
{
    if (b == 0)
        return rem ? 0 : a;
    return rem ? a % b : a / b;
}

HDEF(DIV_W, W(S32(sdiv((int32_t)J, (int32_t)K, false))))
HDEF(MOD_W, W(S32(sdiv((int32_t)J, (int32_t)K, true))))
HDEF(DIV_WU, W(S32(udiv((uint32_t)J, (uint32_t)K, false))))
HDEF(MOD_WU, W(S32(udiv((uint32_t)J, (uint32_t)K, true))))
HDEF(DIV_D, W((uint64_t)sdiv(J, K, false)))
HDEF(MOD_D, W((uint64_t)sdiv(J, K, true)))
HDEF(DIV_DU, W(udiv(J, K, false)))
HDEF(MOD_DU, W(udiv(J, K, true)))

HDEF(ALSL_W, W(S32((J << IMM) + K)))
HDEF(ALSL_WU, W((uint32_t)((J << IMM) + K)))
HDEF(ALSL_D, W((J << IMM) + K))
HDEF(BYTEPICK_W, W(S32(IMM ? (uint32_t)K << (8 * IMM) | (uint32_t)J >> (32 - 8 * IMM) : (uint32_t)K)))
HDEF(BYTEPICK_D, W(IMM ? K << (8 * IMM) | J >> (64 - 8 * IMM) : K))

HDEF(SLTI, W((int64_t)J < IMM))
HDEF(SLTUI, W(J < (uint64_t)IMM))
HDEF(ADDI_W, W(S32(J + IMM)))
HDEF(ADDI_D, W(J + IMM))
HDEF(LU52I_D, W((J & 0xfffffffffffffull) | (uint64_t)IMM << 52))
HDEF(ANDI, W(J & IMM))
HDEF(ORI, W(J | IMM))
HDEF(XORI, W(J ^ IMM))
HDEF(ADDU16I_D, W(J + ((uint64_t)IMM << 16)))
/* IMM holds the finished value (computed at decode from the pc) */
HDEF(CONST, W(IMM))
HDEF(LU32I_D, W((uint32_t)r[RDR] | (uint64_t)IMM << 32))

HDEF(SLLI_W, W(S32((uint32_t)J << IMM)))
HDEF(SLLI_D, W(J << IMM))
HDEF(SRLI_W, W(S32((uint32_t)J >> IMM)))
HDEF(SRLI_D, W(J >> IMM))
HDEF(SRAI_W, W(S32((int32_t)J >> IMM)))
HDEF(SRAI_D, W((uint64_t)((int64_t)J >> IMM)))
HDEF(ROTRI_W, W(S32(ror32((uint32_t)J, IMM))))
HDEF(ROTRI_D, W(ror64(J, IMM)))

static inline unsigned clz32(uint32_t x) { return x ? __builtin_clz(x) : 32; }
static inline unsigned ctz32(uint32_t x) { return x ? __builtin_ctz(x) : 32; }
static inline unsigned clz64(uint64_t x) { return x ? __builtin_clzll(x) : 64; }
static inline unsigned ctz64(uint64_t x) { return x ? __builtin_ctzll(x) : 64; }

HDEF(CLO_W, W(clz32(~(uint32_t)J)))
HDEF(CLZ_W, W(clz32((uint32_t)J)))
HDEF(CTO_W, W(ctz32(~(uint32_t)J)))
HDEF(CTZ_W, W(ctz32((uint32_t)J)))
HDEF(CLO_D, W(clz64(~J)))
HDEF(CLZ_D, W(clz64(J)))
HDEF(CTO_D, W(ctz64(~J)))
HDEF(CTZ_D, W(ctz64(J)))

static inline uint64_t swap_bytes_in_h(uint64_t x)
{
    return (x & 0x00ff00ff00ff00ffull) << 8 | (x >> 8 & 0x00ff00ff00ff00ffull);
}
static inline uint64_t swap_h_in_w(uint64_t x)
{
    return (x & 0x0000ffff0000ffffull) << 16 | (x >> 16 & 0x0000ffff0000ffffull);
}
static inline uint64_t bitrev_bytes(uint64_t x)
{
    x = (x & 0x5555555555555555ull) << 1 | (x >> 1 & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) << 2 | (x >> 2 & 0x3333333333333333ull);
    return (x & 0x0f0f0f0f0f0f0f0full) << 4 | (x >> 4 & 0x0f0f0f0f0f0f0f0full);
}

HDEF(REVB_2H, W(S32(swap_bytes_in_h((uint32_t)J))))
HDEF(REVB_4H, W(swap_bytes_in_h(J)))
HDEF(REVB_2W, W(swap_h_in_w(swap_bytes_in_h(J))))
HDEF(REVB_D, W(__builtin_bswap64(J)))
HDEF(REVH_2W, W(swap_h_in_w(J)))
HDEF(REVH_D, W(J << 48 | (J >> 16 & 0xffff) << 32 | (J >> 32 & 0xffff) << 16 | J >> 48))
HDEF(BITREV_4B, W(S32(bitrev_bytes((uint32_t)J))))
HDEF(BITREV_8B, W(bitrev_bytes(J)))
HDEF(BITREV_W, W(S32(__builtin_bswap32((uint32_t)bitrev_bytes((uint32_t)J)))))
HDEF(BITREV_D, W(__builtin_bswap64(bitrev_bytes(J))))
HDEF(EXT_W_H, W((uint64_t)(int64_t)(int16_t)J))
HDEF(EXT_W_B, W((uint64_t)(int64_t)(int8_t)J))

/* bstrins: IMM = msb, IMM2 = lsb (msb >= lsb checked at decode) */
static inline uint64_t bmask(unsigned msb, unsigned lsb)
{
    return (~0ull >> (63 - msb)) & (~0ull << lsb);
}
HDEF(BSTRINS_W, uint64_t m = bmask(IMM, IMM2);
     W(S32((r[RDR] & ~m) | (J << IMM2 & m))))
/* bstrpick: the decoder leaves IMM = lsb, IMM2 = the field's mask */
HDEF(BSTRPICK_W, W(S32((J >> IMM) & IMM2)))
HDEF(BSTRINS_D, uint64_t m = bmask(IMM, IMM2);
     W((r[RDR] & ~m) | (J << IMM2 & m)))
HDEF(BSTRPICK_D, W((J >> IMM) & IMM2))
HDEF(MOVE, W(J))

/* crc.w.{b,h,w,d}.w rd, rj, rk: the CRC register rk (32 bits) updated
 * with the low 1/2/4/8 bytes of rj, reflected, no inversions; crc uses
 * the IEEE 802.3 polynomial, crcc Castagnoli's. */
static uint32_t crc_update(uint32_t crc, uint64_t data, unsigned bytes, uint32_t poly)
{
    for (unsigned i = 0; i < bytes * 8; i++) {
        crc ^= (data >> i) & 1;
        crc = (crc >> 1) ^ (poly & -(crc & 1));
    }
    return crc;
}
#define CRC(name, n, poly) HDEF(name, W(S32(crc_update((uint32_t)K, J, n, poly))))
CRC(CRC_W_B_W, 1, 0xedb88320u) CRC(CRC_W_H_W, 2, 0xedb88320u)
CRC(CRC_W_W_W, 4, 0xedb88320u) CRC(CRC_W_D_W, 8, 0xedb88320u)
CRC(CRCC_W_B_W, 1, 0x82f63b78u) CRC(CRCC_W_H_W, 2, 0x82f63b78u)
CRC(CRCC_W_W_W, 4, 0x82f63b78u) CRC(CRCC_W_D_W, 8, 0x82f63b78u)

#define E(id) { LA_##id, IC_ALU, la_h_##id }
#define EM(id) { LA_##id, IC_MUL, la_h_##id }
#define ED(id) { LA_##id, IC_DIV, la_h_##id }
const struct la_handler la_int_handlers[] = {
    E(ADD_W), E(ADD_D), E(SUB_W), E(SUB_D), E(SLT), E(SLTU), E(MASKEQZ),
    E(MASKNEZ), E(NOR), E(AND), E(OR), E(XOR), E(ORN), E(ANDN), E(SLL_W),
    E(SRL_W), E(SRA_W), E(SLL_D), E(SRL_D), E(SRA_D), E(ROTR_W), E(ROTR_D),
    EM(MUL_W), EM(MULH_W), EM(MULH_WU), EM(MUL_D), EM(MULH_D), EM(MULH_DU),
    EM(MULW_D_W), EM(MULW_D_WU),
    ED(DIV_W), ED(MOD_W), ED(DIV_WU), ED(MOD_WU), ED(DIV_D), ED(MOD_D),
    ED(DIV_DU), ED(MOD_DU),
    E(ALSL_W), E(ALSL_WU), E(ALSL_D), E(BYTEPICK_W), E(BYTEPICK_D),
    E(SLTI), E(SLTUI), E(ADDI_W), E(ADDI_D), E(LU52I_D), E(ANDI), E(ORI),
    E(XORI), E(ADDU16I_D), E(LU32I_D),
    { LA_LU12I_W, IC_ALU, la_h_CONST }, { LA_PCADDI, IC_ALU, la_h_CONST },
    { LA_PCALAU12I, IC_ALU, la_h_CONST }, { LA_PCADDU12I, IC_ALU, la_h_CONST },
    { LA_PCADDU18I, IC_ALU, la_h_CONST },
    E(SLLI_W), E(SLLI_D), E(SRLI_W), E(SRLI_D), E(SRAI_W), E(SRAI_D),
    E(ROTRI_W), E(ROTRI_D),
    E(CLO_W), E(CLZ_W), E(CTO_W), E(CTZ_W), E(CLO_D), E(CLZ_D), E(CTO_D),
    E(CTZ_D), E(REVB_2H), E(REVB_4H), E(REVB_2W), E(REVB_D), E(REVH_2W),
    E(REVH_D), E(BITREV_4B), E(BITREV_8B), E(BITREV_W), E(BITREV_D),
    E(EXT_W_H), E(EXT_W_B), E(BSTRINS_W), E(BSTRPICK_W), E(BSTRINS_D),
    E(BSTRPICK_D),
    E(CRC_W_B_W), E(CRC_W_H_W), E(CRC_W_W_W), E(CRC_W_D_W),
    E(CRCC_W_B_W), E(CRCC_W_H_W), E(CRCC_W_W_W), E(CRCC_W_D_W),
    { 0, 0, 0 }
};
