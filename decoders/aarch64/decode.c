/* aarch64 decoder: instruction word -> struct dinsn (handler + operands).
 * The table (table.h) says which encoding group a word belongs to; the
 * functions here pull out the fields and pick the handler.  Anything not
 * recognised decodes to a_undef, which raises the undefined-instruction
 * exception when executed. */
#include "decode.h"
#include "../../sim/aarch64/exec_mem.h"

/* register operands: 31 as SP, as XZR read, as XZR write */
static inline uint8_t rsp(unsigned r) { return (uint8_t)r; }
static inline uint8_t rzr(unsigned r) { return r == 31 ? A64_ZR : (uint8_t)r; }
static inline uint8_t wzr(unsigned r) { return r == 31 ? A64_ZW : (uint8_t)r; }

#define SEL(sf, nm) ((sf) ? nm##_x : nm##_w)

static bool dec_addi(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30), S = bits(w, 29, 29);
    uint64_t imm = (uint64_t)bits(w, 21, 10) << (bits(w, 22, 22) * 12);
    RN(d) = rsp(bits(w, 9, 5));
    if (!S) {
        RD(d) = rsp(bits(w, 4, 0));
        IMM(d) = op ? -(int64_t)imm : (int64_t)imm;
        d->fn = SEL(sf, a_add_imm);
    } else {
        RD(d) = wzr(bits(w, 4, 0));
        IMM(d) = (int64_t)imm;
        d->fn = op ? SEL(sf, a_subs_imm) : SEL(sf, a_adds_imm);
    }
    return true;
}

static bool dec_logi(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 30, 29);
    uint64_t imm;
    if (!a64_logimm(w, &imm))
        return false;
    IMM(d) = (int64_t)imm;
    RN(d) = rzr(bits(w, 9, 5));
    RD(d) = opc == 3 ? wzr(bits(w, 4, 0)) : rsp(bits(w, 4, 0));
    static const insn_fn fx[] = { a_and_imm_x, a_orr_imm_x, a_eor_imm_x, a_ands_imm_x };
    static const insn_fn fw[] = { a_and_imm_w, a_orr_imm_w, a_eor_imm_w, a_ands_imm_w };
    d->fn = sf ? fx[opc] : fw[opc];
    if (opc == 1 && RN(d) == A64_ZR) {
        d->fn = a_movi;
        IMM(d) = sf ? (int64_t)imm : (int64_t)(uint32_t)imm;
    }
    return true;
}

static bool dec_movw(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 30, 29), hw = bits(w, 22, 21);
    if (opc == 1 || (!sf && hw >= 2))
        return false;
    uint64_t imm = (uint64_t)bits(w, 20, 5) << (16 * hw);
    RD(d) = wzr(bits(w, 4, 0));
    if (opc == 3) {
        IMM(d) = (int64_t)imm;
        IMM2(d) = 0xffffull << (16 * hw);
        d->fn = SEL(sf, a_movk);
        return true;
    }
    if (opc == 0)
        imm = ~imm;
    if (!sf)
        imm = (uint32_t)imm;
    IMM(d) = (int64_t)imm;
    d->fn = a_movi;
    return true;
}

static bool dec_bfm(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 30, 29), n = bits(w, 22, 22);
    unsigned immr = bits(w, 21, 16), imms = bits(w, 15, 10), width = sf ? 64 : 32;
    uint64_t wm, tm;
    if (opc == 3 || n != sf || (!sf && (immr >= 32 || imms >= 32)))
        return false;
    if (!a64_decode_bitmask(n, imms, immr, width, &wm, &tm))
        return false;
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    IMM(d) = (int64_t)wm;
    IMM2(d) = tm;
    SH(d) = (uint8_t)immr;
    X1(d) = (uint8_t)imms;
    if (opc == 2) {
        d->fn = SEL(sf, a_ubfm);
        if (imms == width - 1) {
            d->fn = SEL(sf, a_lsr_imm);
        } else if (imms + 1 == immr) {
            d->fn = SEL(sf, a_lsl_imm);
            SH(d) = (uint8_t)(width - immr);
        }
    } else if (opc == 0) {
        d->fn = SEL(sf, a_sbfm);
        if (imms == width - 1)
            d->fn = SEL(sf, a_asr_imm);
        else if (sf && immr == 0 && imms == 31)
            d->fn = a_sxtw;
    } else {
        d->fn = SEL(sf, a_bfm);
    }
    return true;
}

static bool dec_extr(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), n = bits(w, 22, 22), imms = bits(w, 15, 10);
    if (bits(w, 30, 29) || n != sf || (!sf && imms >= 32))
        return false;
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    RM(d) = rzr(bits(w, 20, 16));
    SH(d) = (uint8_t)imms;
    d->fn = SEL(sf, a_extr);
    return true;
}

static bool dec_logr(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 29) << 1 | bits(w, 21, 21);
    unsigned imm6 = bits(w, 15, 10);
    if (!sf && imm6 >= 32)
        return false;
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    RM(d) = rzr(bits(w, 20, 16));
    OPT(d) = (uint8_t)bits(w, 23, 22);
    SH(d) = (uint8_t)imm6;
    static const insn_fn fx[] = { a_and_x, a_bic_x, a_orr_x, a_orn_x, a_eor_x, a_eon_x, a_ands_x, a_bics_x };
    static const insn_fn fw[] = { a_and_w, a_bic_w, a_orr_w, a_orn_w, a_eor_w, a_eon_w, a_ands_w, a_bics_w };
    d->fn = sf ? fx[op] : fw[op];
    if (imm6 == 0 && OPT(d) == 0) {
        static const insn_fn rx[] = { a_and_rr_x, NULL, a_orr_rr_x, NULL, a_eor_rr_x, NULL, a_ands_rr_x, NULL };
        static const insn_fn rw[] = { a_and_rr_w, NULL, a_orr_rr_w, NULL, a_eor_rr_w, NULL, a_ands_rr_w, NULL };
        if ((sf ? rx : rw)[op])
            d->fn = (sf ? rx : rw)[op];
    }
    if (op == 2 && RN(d) == A64_ZR && imm6 == 0)
        d->fn = SEL(sf, a_mov);
    return true;
}

static bool dec_addr(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 29), imm6 = bits(w, 15, 10);
    if (bits(w, 23, 22) == 3 || (!sf && imm6 >= 32))
        return false;
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    RM(d) = rzr(bits(w, 20, 16));
    OPT(d) = (uint8_t)bits(w, 23, 22);
    SH(d) = (uint8_t)imm6;
    static const insn_fn fx[] = { a_add_x, a_adds_x, a_sub_x, a_subs_x };
    static const insn_fn fw[] = { a_add_w, a_adds_w, a_sub_w, a_subs_w };
    d->fn = sf ? fx[op] : fw[op];
    if (imm6 == 0) {
        static const insn_fn rx[] = { a_add_rr_x, NULL, a_sub_rr_x, a_subs_rr_x };
        static const insn_fn rw[] = { a_add_rr_w, NULL, a_sub_rr_w, a_subs_rr_w };
        if ((sf ? rx : rw)[op])
            d->fn = (sf ? rx : rw)[op];
    }
    return true;
}

static bool dec_addx(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 29), imm3 = bits(w, 12, 10);
    if (imm3 > 4)
        return false;
    RD(d) = (op & 1) ? wzr(bits(w, 4, 0)) : rsp(bits(w, 4, 0));
    RN(d) = rsp(bits(w, 9, 5));
    RM(d) = rzr(bits(w, 20, 16));
    OPT(d) = (uint8_t)bits(w, 15, 13);
    SH(d) = (uint8_t)imm3;
    static const insn_fn fx[] = { a_addx_x, a_addsx_x, a_subx_x, a_subsx_x };
    static const insn_fn fw[] = { a_addx_w, a_addsx_w, a_subx_w, a_subsx_w };
    d->fn = sf ? fx[op] : fw[op];
    if (sf && op == 0 && OPT(d) == 2)
        d->fn = a_addx_uxtw_x;
    else if (sf && op == 0 && OPT(d) == 6)
        d->fn = a_addx_sxtw_x;
    else if (sf && op == 0 && (OPT(d) == 3 || OPT(d) == 7) && !imm3)
        d->fn = a_add_rr_x;
    return true;
}

static bool dec_adc(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 29);
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    RM(d) = rzr(bits(w, 20, 16));
    static const insn_fn fx[] = { a_adc_x, a_adcs_x, a_sbc_x, a_sbcs_x };
    static const insn_fn fw[] = { a_adc_w, a_adcs_w, a_sbc_w, a_sbcs_w };
    d->fn = sf ? fx[op] : fw[op];
    return true;
}

static bool dec_ccmp(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30);
    RN(d) = rzr(bits(w, 9, 5));
    if (bits(w, 11, 11)) {
        RM(d) = A64_ZR;
        IMM(d) = bits(w, 20, 16);
    } else {
        RM(d) = rzr(bits(w, 20, 16));
    }
    OPT(d) = (uint8_t)bits(w, 15, 12);
    X1(d) = (uint8_t)bits(w, 3, 0);
    d->fn = op ? SEL(sf, a_ccmp) : SEL(sf, a_ccmn);
    return true;
}

static bool dec_csel(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30) << 1 | bits(w, 10, 10);
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    RM(d) = rzr(bits(w, 20, 16));
    OPT(d) = (uint8_t)bits(w, 15, 12);
    static const insn_fn fx[] = { a_csel_x, a_csinc_x, a_csinv_x, a_csneg_x };
    static const insn_fn fw[] = { a_csel_w, a_csinc_w, a_csinv_w, a_csneg_w };
    d->fn = sf ? fx[op] : fw[op];
    return true;
}

static bool dec_dp2(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 15, 10);
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    RM(d) = rzr(bits(w, 20, 16));
    switch (opc) {
    case 2: d->fn = SEL(sf, a_udiv); d->cls = IC_DIV; return true;
    case 3: d->fn = SEL(sf, a_sdiv); d->cls = IC_DIV; return true;
    case 8: d->fn = SEL(sf, a_lslv); return true;
    case 9: d->fn = SEL(sf, a_lsrv); return true;
    case 10: d->fn = SEL(sf, a_asrv); return true;
    case 11: d->fn = SEL(sf, a_rorv); return true;
    }
    if ((opc >> 3) == 2) {
        unsigned sz = opc & 3;
        if ((sz == 3) != (sf == 1))
            return false;
        SH(d) = (uint8_t)(1u << sz);
        IMM(d) = (opc & 4) ? 0x82f63b78 : 0xedb88320;
        d->fn = a_crc32;
        return true;
    }
    return false;
}

static bool dec_dp1(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 15, 10);
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    switch (opc) {
    case 0: d->fn = SEL(sf, a_rbit); return true;
    case 1: d->fn = SEL(sf, a_rev16); return true;
    case 2: d->fn = sf ? a_rev32_x : a_rev_w; return true;
    case 3: if (!sf) return false; d->fn = a_rev_x; return true;
    case 4: d->fn = SEL(sf, a_clz); return true;
    case 5: d->fn = SEL(sf, a_cls); return true;
    }
    return false;
}

static bool dec_dp3(uint32_t w, struct dinsn *d)
{
    unsigned sf = bits(w, 31, 31), op31 = bits(w, 23, 21), o0 = bits(w, 15, 15);
    RD(d) = wzr(bits(w, 4, 0));
    RN(d) = rzr(bits(w, 9, 5));
    RM(d) = rzr(bits(w, 20, 16));
    RA(d) = rzr(bits(w, 14, 10));
    d->cls = IC_MUL;
    if (op31 == 0) {
        d->fn = o0 ? SEL(sf, a_msub) : SEL(sf, a_madd);
        return true;
    }
    if (!sf)
        return false;
    switch (op31 << 1 | o0) {
    case 2: d->fn = a_smaddl; return true;
    case 3: d->fn = a_smsubl; return true;
    case 4: d->fn = a_smulh; return true;
    case 10: d->fn = a_umaddl; return true;
    case 11: d->fn = a_umsubl; return true;
    case 12: d->fn = a_umulh; return true;
    }
    return false;
}

/* ---- branches ---- */
static bool dec_branch(enum a64_op op, uint32_t w, uint64_t pc, struct dinsn *d)
{
    d->flags |= DI_ENDS_BLOCK;
    d->cls = IC_BRANCH;
    switch (op) {
    case A64_B: IMM(d) = (int64_t)(pc + (uint64_t)(sbits(w, 25, 0) * 4)); d->fn = a_b; d->cls = IC_JUMP; return true;
    case A64_BL: IMM(d) = (int64_t)(pc + (uint64_t)(sbits(w, 25, 0) * 4)); d->fn = a_bl; d->cls = IC_JUMP; return true;
    case A64_BR: RN(d) = rzr(bits(w, 9, 5)); d->fn = a_br; d->cls = IC_JUMP; return !bits(w, 11, 10);
    case A64_BLR: RN(d) = rzr(bits(w, 9, 5)); d->fn = a_blr; d->cls = IC_JUMP; return !bits(w, 11, 10);
    case A64_RET: RN(d) = rzr(bits(w, 9, 5)); d->fn = a_br; d->cls = IC_JUMP; return !bits(w, 11, 10);
    case A64_CBZ:
        IMM(d) = (int64_t)(pc + (uint64_t)(sbits(w, 23, 5) * 4));
        RD(d) = rzr(bits(w, 4, 0));
        d->fn = bits(w, 31, 31) ? (bits(w, 24, 24) ? a_cbnz_x : a_cbz_x)
                                : (bits(w, 24, 24) ? a_cbnz_w : a_cbz_w);
        return true;
    case A64_TBZ:
        IMM(d) = (int64_t)(pc + (uint64_t)(sbits(w, 18, 5) * 4));
        RD(d) = rzr(bits(w, 4, 0));
        SH(d) = (uint8_t)(bits(w, 31, 31) << 5 | bits(w, 23, 19));
        d->fn = bits(w, 24, 24) ? a_tbnz : a_tbz;
        return true;
    case A64_BCOND:
        IMM(d) = (int64_t)(pc + (uint64_t)(sbits(w, 23, 5) * 4));
        OPT(d) = (uint8_t)bits(w, 3, 0);
        d->fn = a_bcond;
        if (OPT(d) >= 14) {
            d->fn = a_b;
            d->cls = IC_JUMP;
        }
        return true;
    default:
        return false;
    }
}

/* ---- system ---- */
static bool dec_system(enum a64_op op, uint32_t w, struct dinsn *d, bool kpriv)
{
    d->cls = IC_SYSTEM;
    switch (op) {
    case A64_KCALL:
        if (!kpriv)
            return false;
        d->fn = a_kcall;
        d->flags |= DI_PRIV;
        return true;
    case A64_ERET:
        d->fn = a_eret;
        d->flags |= DI_ENDS_BLOCK | DI_PRIV;
        return true;
    case A64_HINT:
        d->fn = a_nop;
        d->cls = IC_ALU;
        return true;
    case A64_CLREX: d->fn = a_clrex; return true;
    case A64_DSB: case A64_DMB: d->fn = a_fence; d->cls = IC_BARRIER; return true;
    case A64_ISB: d->fn = a_nop; d->cls = IC_BARRIER; return true;
    case A64_MSRI:
        SH(d) = (uint8_t)bits(w, 18, 16);
        OPT(d) = (uint8_t)bits(w, 7, 5);
        X1(d) = (uint8_t)bits(w, 11, 8);
        d->fn = a_msr_imm;
        return true;
    case A64_SYS: {
        unsigned op1 = bits(w, 18, 16), crn = bits(w, 15, 12), crm = bits(w, 11, 8), op2 = bits(w, 7, 5);
        if (bits(w, 21, 21))
            return false;   /* SYSL */
        RD(d) = rzr(bits(w, 4, 0));
        if (op1 == 3 && crn == 7 && crm == 4 && op2 == 1) {
            d->fn = a_dczva;
            d->cls = IC_STORE;
            return true;
        }
        /* cache maintenance to the point of unification/coherency: no
         * effect here (code writes invalidate decoded blocks already) */
        if (op1 == 3 && crn == 7 && op2 == 1 && (crm == 5 || crm == 10 || crm == 11 || crm == 12 || crm == 13 || crm == 14)) {
            d->fn = a_nop;
            return true;
        }
        return false;
    }
    case A64_MRS:
    case A64_MSR:
        RD(d) = op == A64_MRS ? wzr(bits(w, 4, 0)) : rzr(bits(w, 4, 0));
        IMM(d) = bits(w, 20, 5);
        d->fn = op == A64_MRS ? a_mrs : a_msr;
        return true;
    case A64_SVC:
        IMM(d) = bits(w, 20, 5);
        d->fn = a_svc;
        d->flags |= DI_ENDS_BLOCK;
        return true;
    case A64_BRK:
        IMM(d) = bits(w, 20, 5);
        d->fn = a_brk;
        d->flags |= DI_ENDS_BLOCK;
        return true;
    default:
        return false;
    }
}

/* ---- loads and stores ---- */

/* kind and log2(size) of a single-register load/store from size:V:opc;
 * -1 if unallocated */
static int ldst_kind(unsigned size, unsigned v, unsigned opc, unsigned *scale)
{
    static const int8_t gpr[4][4] = {
        { LK_STRB, LK_LDRB, LK_LDRSBX, LK_LDRSBW },
        { LK_STRH, LK_LDRH, LK_LDRSHX, LK_LDRSHW },
        { LK_STRW, LK_LDRW, LK_LDRSW, -1 },
        { LK_STRX, LK_LDRX, LK_PRFM, -1 },
    };
    static const int8_t fpr[4][2] = {
        { LK_STRVB, LK_LDRVB }, { LK_STRVH, LK_LDRVH },
        { LK_STRVS, LK_LDRVS }, { LK_STRVD, LK_LDRVD },
    };
    *scale = size;
    if (!v)
        return gpr[size][opc];
    if (opc >= 2) {
        if (size)
            return -1;
        *scale = 4;
        return opc == 2 ? LK_STRVQ : LK_LDRVQ;
    }
    return fpr[size][opc];
}

static bool is_store_kind(int k)
{
    return k == LK_STRB || k == LK_STRH || k == LK_STRW || k == LK_STRX ||
           (k >= LK_STRVB && k <= LK_STRVQ);
}

static void set_rt(struct dinsn *d, int kind, unsigned rt)
{
    if (kind >= LK_LDRVB && kind <= LK_STRVQ)
        RD(d) = (uint8_t)rt;
    else if (is_store_kind(kind))
        RD(d) = rzr(rt);
    else
        RD(d) = wzr(rt);
    d->cls = is_store_kind(kind) ? IC_STORE : IC_LOAD;
}

static bool dec_ldst(enum a64_op op, uint32_t w, uint64_t pc, struct dinsn *d)
{
    unsigned size = bits(w, 31, 30), v = bits(w, 26, 26), opc = bits(w, 23, 22);
    unsigned rt = bits(w, 4, 0), scale;
    int kind;
    RN(d) = rsp(bits(w, 9, 5));
    switch (op) {
    case A64_LDLIT: {
        static const int8_t gk[4] = { LK_LDRW, LK_LDRX, LK_LDRSW, LK_PRFM };
        static const int8_t vk[4] = { LK_LDRVS, LK_LDRVD, LK_LDRVQ, -1 };
        kind = v ? vk[size] : gk[size];
        if (kind < 0)
            return false;
        RN(d) = A64_ZR;
        IMM(d) = (int64_t)(pc + (uint64_t)(sbits(w, 23, 5) * 4));
        set_rt(d, kind, rt);
        d->fn = a64_ldst_fn[kind][AM_OFF];
        return true;
    }
    case A64_LDRU:
        kind = ldst_kind(size, v, opc, &scale);
        if (kind < 0)
            return false;
        IMM(d) = (int64_t)((uint64_t)bits(w, 21, 10) << scale);
        set_rt(d, kind, rt);
        d->fn = a64_ldst_fn[kind][AM_OFF];
        return true;
    case A64_LDUR: {
        unsigned mode = bits(w, 11, 10);
        kind = ldst_kind(size, v, opc, &scale);
        if (kind < 0 || (kind == LK_PRFM && mode != 0) || (v && mode == 2))
            return false;
        IMM(d) = sbits(w, 20, 12);
        set_rt(d, kind, rt);
        static const int am[4] = { AM_OFF, AM_POST, AM_OFF, AM_PRE };
        d->fn = a64_ldst_fn[kind][am[mode]];
        return true;
    }
    case A64_LDRR: {
        unsigned option = bits(w, 15, 13);
        kind = ldst_kind(size, v, opc, &scale);
        if (kind < 0 || !(option & 2))
            return false;
        RM(d) = rzr(bits(w, 20, 16));
        SH(d) = (uint8_t)(bits(w, 12, 12) ? scale : 0);
        set_rt(d, kind, rt);
        d->fn = a64_ldst_fn[kind][(option & 1) ? AM_RX : (option & 4) ? AM_RSW : AM_RUW];
        return true;
    }
    case A64_LDP: {
        unsigned l = bits(w, 22, 22), mode = bits(w, 24, 23);
        unsigned o = bits(w, 31, 30);
        int pk;
        if (!v) {
            static const int8_t st[4] = { PK_STPW, -1, PK_STPX, -1 };
            static const int8_t ld[4] = { PK_LDPW, PK_LDPSW, PK_LDPX, -1 };
            pk = l ? ld[o] : st[o];
            scale = o == 2 ? 3 : 2;
            if (pk == PK_LDPSW && mode == 0)
                return false;
        } else {
            static const int8_t st[4] = { PK_STPVS, PK_STPVD, PK_STPVQ, -1 };
            static const int8_t ld[4] = { PK_LDPVS, PK_LDPVD, PK_LDPVQ, -1 };
            pk = l ? ld[o] : st[o];
            scale = o + 2;
        }
        if (pk < 0)
            return false;
        IMM(d) = sbits(w, 21, 15) * (1 << scale);
        if (v) {
            RD(d) = (uint8_t)rt;
            RA(d) = (uint8_t)bits(w, 14, 10);
        } else if (l) {
            RD(d) = wzr(rt);
            RA(d) = wzr(bits(w, 14, 10));
        } else {
            RD(d) = rzr(rt);
            RA(d) = rzr(bits(w, 14, 10));
        }
        d->cls = l ? IC_LOAD : IC_STORE;
        static const int am[4] = { 0, 2, 0, 1 };
        d->fn = a64_pair_fn[pk][am[mode]];
        return true;
    }
    case A64_LDEX: {
        unsigned o2 = bits(w, 23, 23), l = bits(w, 22, 22), o1 = bits(w, 21, 21);
        unsigned o0 = bits(w, 15, 15);
        (void)o0;
        SH(d) = (uint8_t)size;
        d->cls = IC_ATOMIC;
        if (!o2 && !o1) {
            RM(d) = wzr(bits(w, 20, 16));
            RD(d) = l ? wzr(rt) : rzr(rt);
            d->fn = l ? a_ldxr : a_stxr;
            return true;
        }
        if (!o2 && o1) {
            if (size < 2)
                return false;
            SH(d) = (uint8_t)(size == 3 ? 3 : 2);
            RM(d) = wzr(bits(w, 20, 16));
            RD(d) = l ? wzr(rt) : rzr(rt);
            RA(d) = l ? wzr(bits(w, 14, 10)) : rzr(bits(w, 14, 10));
            d->fn = l ? a_ldxp : a_stxp;
            return true;
        }
        if (o2 && !o1) {
            RD(d) = l ? wzr(rt) : rzr(rt);
            d->fn = l ? a_ldar : a_stlr;
            return true;
        }
        return false;
    }
    default:
        return false;
    }
}

unsigned a64_decode(struct cpu *c, uint64_t pc, const uint8_t *bytes,
                    unsigned n, struct dinsn *d)
{
    if (n < 4)
        return 0;
    uint32_t w = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 |
                 (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
    memset(d, 0, sizeof *d);
    d->pc = pc;
    d->raw = w;
    d->len = 4;
    d->cls = IC_ALU;
    enum a64_op op = a64_lookup(w);
    bool ok;
    switch (op) {
    case A64_ADR: {
        int64_t imm = sbits(w, 23, 5) * 4 | bits(w, 30, 29);
        RD(d) = wzr(bits(w, 4, 0));
        IMM(d) = bits(w, 31, 31) ? (int64_t)((pc & ~0xfffull) + (uint64_t)(imm * 4096))
                                 : (int64_t)(pc + (uint64_t)imm);
        d->fn = a_movi;
        ok = true;
        break;
    }
    case A64_ADDI: ok = dec_addi(w, d); break;
    case A64_LOGI: ok = dec_logi(w, d); break;
    case A64_MOVW: ok = dec_movw(w, d); break;
    case A64_BFM: ok = dec_bfm(w, d); break;
    case A64_EXTR: ok = dec_extr(w, d); break;
    case A64_LOGR: ok = dec_logr(w, d); break;
    case A64_ADDR: ok = dec_addr(w, d); break;
    case A64_ADDX: ok = dec_addx(w, d); break;
    case A64_ADC: ok = dec_adc(w, d); break;
    case A64_CCMP: ok = dec_ccmp(w, d); break;
    case A64_CSEL: ok = dec_csel(w, d); break;
    case A64_DP2: ok = dec_dp2(w, d); break;
    case A64_DP1: ok = dec_dp1(w, d); break;
    case A64_DP3: ok = dec_dp3(w, d); break;
    case A64_B: case A64_BL: case A64_BR: case A64_BLR: case A64_RET:
    case A64_CBZ: case A64_TBZ: case A64_BCOND:
        ok = dec_branch(op, w, pc, d);
        break;
    case A64_KCALL: case A64_ERET: case A64_HINT: case A64_CLREX: case A64_DSB:
    case A64_DMB: case A64_ISB: case A64_MSRI: case A64_SYS: case A64_MRS:
    case A64_MSR: case A64_SVC: case A64_BRK: {
        bool kpriv = c && c->arch->privileged(c) && guest_mem &&
                     pc - guest_mem->ktext_base < sizeof guest_mem->ktext;
        ok = dec_system(op, w, d, kpriv);
        break;
    }
    case A64_LDLIT: case A64_LDRU: case A64_LDUR: case A64_LDRR: case A64_LDP:
    case A64_LDEX:
        ok = dec_ldst(op, w, pc, d);
        break;
    default:
        ok = a64_decode_fp(op, w, d);
        break;
    }
    if (!ok) {
        memset(&d->a, 0, sizeof d->a);
        d->fn = a_undef;
        d->flags = DI_ENDS_BLOCK;
        d->cls = IC_SYSTEM;
    }
    return 4;
}
