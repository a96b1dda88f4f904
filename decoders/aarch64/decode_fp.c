/* aarch64 scalar FP and Advanced SIMD: decode and disassembly in one
 * place.  a64_fpsimd() classifies a word once; with `d` it fills the
 * pre-decoded instruction, with `o` it prints llvm-objdump's text. */
#include <inttypes.h>
#include <stdio.h>

#include "disasm.h"
#include "../../sim/aarch64/exec_simd.h"
#include "../../sim/aarch64/exec_mem.h"
#include "../../sim/hostfp.h"

#define FB(d) ((d)->a.u8[7])
#define E(...) do { if (o) dis_emit(o, __VA_ARGS__); } while (0)
#define BAD() return false

double a64_fpimm(unsigned imm8)
{
    unsigned b = (imm8 >> 6) & 1, cd = (imm8 >> 4) & 3;
    int e = b ? (int)cd - 3 : (int)cd + 1;
    double v = (1.0 + (imm8 & 15) / 16.0);
    while (e > 0) { v *= 2; e--; }
    while (e < 0) { v /= 2; e++; }
    return (imm8 & 0x80) ? -v : v;
}

static uint64_t fpimm_bits(unsigned imm8, unsigned bits)
{
    uint64_t sign = imm8 >> 7, b = (imm8 >> 6) & 1, cd = (imm8 >> 4) & 3, f = imm8 & 15;
    if (bits == 32)
        return sign << 31 | (b ? 0u : 1u) << 30 | (b ? 0x1fu : 0u) << 25 | cd << 23 | f << 19;
    return sign << 63 | (b ? 0ull : 1ull) << 62 | (b ? 0xffull : 0ull) << 54 | cd << 52 | f << 48;
}

static const char *const arr[8] = { "8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d" };
static const char *ar(unsigned sz, unsigned q) { return arr[(sz & 3) * 2 + (q & 1)]; }
static char rbuf[16][24];
static unsigned rbi;
/* "v3.4s" */
static const char *V(unsigned r, const char *a)
{
    char *p = rbuf[rbi++ & 15];
    snprintf(p, 24, "v%u.%s", r, a);
    return p;
}
/* scalar FP/SIMD register "d3" */
static const char *Sr(unsigned r, unsigned sz)
{
    char *p = rbuf[rbi++ & 15];
    snprintf(p, 24, "%c%u", "bhsdq"[sz], r);
    return p;
}
static const char esz_c[4] = { 'b', 'h', 's', 'd' };

/* fill the common SIMD fields */
static void setv(struct dinsn *d, insn_fn fn, unsigned rd, unsigned rn, unsigned rm,
                 unsigned sz, unsigned nl, unsigned x2)
{
    if (!d)
        return;
    d->fn = fn;
    RD(d) = (uint8_t)rd;
    RN(d) = (uint8_t)rn;
    RM(d) = (uint8_t)rm;
    OPT(d) = (uint8_t)sz;
    NL(d) = (uint8_t)nl;
    X2(d) = (uint8_t)x2;
    d->cls = IC_SIMD;
}

/* ---------------------------------------------------------------- scalar FP */

static bool fp_scalar(enum a64_op op, uint32_t w, struct dinsn *d, struct dis *o)
{
    unsigned ptype = bits(w, 23, 22), rd = bits(w, 4, 0), rn = bits(w, 9, 5), rm = bits(w, 20, 16);
    unsigned b = ptype == 0 ? 32 : 64, sz = ptype == 0 ? 2 : 3;
    if (op != A64_FCVTI && op != A64_FCVTFX && ptype >= 2) {
        /* half precision: FCVT is base ARMv8; the rest needs FEAT_FP16,
         * which is not advertised (disassembly only) */
        bool is_fcvt = op == A64_FP1 && (bits(w, 20, 15) == 4 || bits(w, 20, 15) == 5);
        if (ptype != 3 || !(is_fcvt || (o && !d)))
            BAD();
        sz = 1;
        b = 16;
        if (d)
            FB(d) = 16;
    }
    if (d) {
        RD(d) = (uint8_t)rd;
        RN(d) = (uint8_t)rn;
        RM(d) = (uint8_t)rm;
        FB(d) = (uint8_t)b;
        d->cls = IC_FP;
    }
    switch (op) {
    case A64_FP1: {
        unsigned opc = bits(w, 20, 15);
        static const char *const nm[16] = {
            "fmov", "fabs", "fneg", "fsqrt", "fcvt", "fcvt", NULL, "fcvt",
            "frintn", "frintp", "frintm", "frintz", "frinta", NULL, "frintx", "frinti",
        };
        if (opc >= 16 || !nm[opc])
            BAD();
        if (opc >= 4 && opc <= 7) {
            unsigned to = opc == 4 ? 2 : opc == 5 ? 3 : 1;
            if (to == sz)
                BAD();
            E("fcvt\t%s, %s", Sr(rd, to), Sr(rn, sz));
            if (d) {
                d->fn = f_fcvt;
                SH(d) = (uint8_t)(to == 1 ? 16 : to == 2 ? 32 : 64);
            }
            return true;
        }
        E("%s\t%s, %s", nm[opc], Sr(rd, sz), Sr(rn, sz));
        if (d) {
            static const uint8_t rmode[8] = { HF_RNE, HF_RUP, HF_RDN, HF_RTZ, HF_RMM, 0, 5, 5 };
            switch (opc) {
            case 0: d->fn = f_fmov; break;
            case 1: d->fn = f_fabs; break;
            case 2: d->fn = f_fneg; break;
            case 3: d->fn = f_fsqrt; d->cls = IC_FPDIV; break;
            default:
                d->fn = f_frint;
                X1(d) = rmode[opc - 8];
                SH(d) = opc == 14;
                break;
            }
        }
        return true;
    }
    case A64_FP2: {
        unsigned opc = bits(w, 15, 12);
        static const char *const nm[9] = { "fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul" };
        if (opc > 8)
            BAD();
        E("%s\t%s, %s, %s", nm[opc], Sr(rd, sz), Sr(rn, sz), Sr(rm, sz));
        if (d) {
            d->fn = opc == 2 ? f_fadd : opc == 0 ? f_fmul : f_fp2;
            X1(d) = (uint8_t)opc;
            if (opc == 1)
                d->cls = IC_FPDIV;
        }
        return true;
    }
    case A64_FP3: {
        unsigned k = bits(w, 21, 21) << 1 | bits(w, 15, 15), ra = bits(w, 14, 10);
        static const char *const nm[4] = { "fmadd", "fmsub", "fnmadd", "fnmsub" };
        E("%s\t%s, %s, %s, %s", nm[k], Sr(rd, sz), Sr(rn, sz), Sr(rm, sz), Sr(ra, sz));
        if (d) {
            d->fn = f_fp3;
            X1(d) = (uint8_t)k;
            RA(d) = (uint8_t)ra;
        }
        return true;
    }
    case A64_FCMP: {
        unsigned zero = bits(w, 3, 3), sig = bits(w, 4, 4);
        if (zero)
            E("%s\t%s, #0.0", sig ? "fcmpe" : "fcmp", Sr(rn, sz));
        else
            E("%s\t%s, %s", sig ? "fcmpe" : "fcmp", Sr(rn, sz), Sr(rm, sz));
        if (d) {
            d->fn = f_fcmp;
            X1(d) = (uint8_t)sig;
            SH(d) = (uint8_t)zero;
        }
        return true;
    }
    case A64_FCCMP: {
        unsigned sig = bits(w, 4, 4), cond = bits(w, 15, 12), nzcv = bits(w, 3, 0);
        E("%s\t%s, %s, #%s, %s", sig ? "fccmpe" : "fccmp", Sr(rn, sz), Sr(rm, sz), dis_hex(nzcv), dis_cond(cond));
        if (d) {
            d->fn = f_fccmp;
            X1(d) = (uint8_t)sig;
            OPT(d) = (uint8_t)cond;
            SH(d) = (uint8_t)nzcv;
        }
        return true;
    }
    case A64_FCSEL: {
        unsigned cond = bits(w, 15, 12);
        E("fcsel\t%s, %s, %s, %s", Sr(rd, sz), Sr(rn, sz), Sr(rm, sz), dis_cond(cond));
        if (d) {
            d->fn = f_fcsel;
            OPT(d) = (uint8_t)cond;
        }
        return true;
    }
    case A64_FMOVI: {
        unsigned imm8 = bits(w, 20, 13);
        E("fmov\t%s, #%.8f", Sr(rd, sz), a64_fpimm(imm8));
        if (d) {
            d->fn = f_fmovi;
            IMM(d) = (int64_t)fpimm_bits(imm8, b);
        }
        return true;
    }
    case A64_FCVTI: {
        unsigned sf = bits(w, 31, 31), rmode = bits(w, 20, 19), opc = bits(w, 18, 16);
        if (opc >= 6) {
            /* FMOV between general and FP registers */
            bool to_fp = opc == 7;
            if (rmode == 0 && ((sf && ptype == 1) || (!sf && ptype == 0))) {
                if (to_fp)
                    E("fmov\t%s, %s", Sr(rd, sz), dis_x(rn, sf));
                else
                    E("fmov\t%s, %s", dis_x(rd, sf), Sr(rn, sz));
                if (d) {
                    d->fn = to_fp ? (sf ? f_fmov_xd : f_fmov_ws) : (sf ? f_fmov_dx : f_fmov_sw);
                    if (to_fp)
                        RN(d) = rn == 31 ? A64_ZR : (uint8_t)rn;
                    else
                        RD(d) = rd == 31 ? A64_ZW : (uint8_t)rd;
                }
                return true;
            }
            if (rmode == 1 && sf && ptype == 2) {
                if (to_fp)
                    E("fmov\t%s, %s", V(rd, "d[1]"), dis_x(rn, 1));
                else
                    E("fmov\t%s, %s", dis_x(rd, 1), V(rn, "d[1]"));
                if (d) {
                    d->fn = to_fp ? f_fmov_xv1 : f_fmov_v1x;
                    if (to_fp)
                        RN(d) = rn == 31 ? A64_ZR : (uint8_t)rn;
                    else
                        RD(d) = rd == 31 ? A64_ZW : (uint8_t)rd;
                }
                return true;
            }
            if (o && !d && ptype == 3 && rmode == 0) {
                if (to_fp)
                    E("fmov\th%u, %s", rd, dis_x(rn, sf));
                else
                    E("fmov\t%s, h%u", dis_x(rd, sf), rn);
                return true;
            }
            BAD();
        }
        if (ptype >= 2)
            BAD();
        if (opc == 2 || opc == 3) {
            if (rmode)
                BAD();
            E("%s\t%s, %s", opc == 2 ? "scvtf" : "ucvtf", Sr(rd, sz), dis_x(rn, sf));
            if (d) {
                d->fn = f_cvt2f;
                RN(d) = rn == 31 ? A64_ZR : (uint8_t)rn;
                SH(d) = opc == 2;
                IMM(d) = sf ? 64 : 32;
            }
            return true;
        }
        if (opc >= 4 && rmode)
            BAD();
        static const char rc[4] = { 'n', 'p', 'm', 'z' };
        char mn[8];
        snprintf(mn, sizeof mn, "fcvt%c%c", opc >= 4 ? 'a' : rc[rmode], (opc & 1) ? 'u' : 's');
        E("%s\t%s, %s", mn, dis_x(rd, sf), Sr(rn, sz));
        if (d) {
            static const uint8_t rmm[4] = { HF_RNE, HF_RUP, HF_RDN, HF_RTZ };
            d->fn = f_cvt2i;
            RD(d) = rd == 31 ? A64_ZW : (uint8_t)rd;
            X1(d) = opc >= 4 ? HF_RMM : rmm[rmode];
            SH(d) = !(opc & 1);
            IMM(d) = sf ? 64 : 32;
        }
        return true;
    }
    case A64_FCVTFX: {
        unsigned sf = bits(w, 31, 31), rmode = bits(w, 20, 19), opc = bits(w, 18, 16);
        unsigned scale = bits(w, 15, 10), fbits = 64 - scale;
        if (ptype >= 2 || (!sf && scale < 32))
            BAD();
        if (rmode == 0 && (opc == 2 || opc == 3)) {
            E("%s\t%s, %s, #%s", opc == 2 ? "scvtf" : "ucvtf", Sr(rd, sz), dis_x(rn, sf), dis_hex(fbits));
            if (d) {
                d->fn = f_cvt2f;
                RN(d) = rn == 31 ? A64_ZR : (uint8_t)rn;
                SH(d) = opc == 2;
                IMM(d) = sf ? 64 : 32;
                IMM2(d) = fbits;
            }
            return true;
        }
        if (rmode == 3 && opc <= 1) {
            E("%s\t%s, %s, #%s", opc ? "fcvtzu" : "fcvtzs", dis_x(rd, sf), Sr(rn, sz), dis_hex(fbits));
            if (d) {
                d->fn = f_cvt2i;
                RD(d) = rd == 31 ? A64_ZW : (uint8_t)rd;
                X1(d) = HF_RTZ;
                SH(d) = !opc;
                IMM(d) = sf ? 64 : 32;
                IMM2(d) = fbits;
            }
            return true;
        }
        BAD();
    }
    default:
        BAD();
    }
}

/* ------------------------------------------------------------- Advanced SIMD */

/* integer three-same */
static bool simd_3same(uint32_t w, bool scalar, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), u = bits(w, 29, 29), sz = bits(w, 23, 22);
    unsigned rm = bits(w, 20, 16), opc = bits(w, 15, 11), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    unsigned nl = scalar ? 1 : (8u << q) >> sz;
    if (opc >= 0x18) {
        /* FP three-same: size<1> selects, size<0> is the precision */
        unsigned a = sz >> 1, fsz = (sz & 1) + 2;
        int k = -1;
        const char *mn = NULL;
        switch (u << 6 | a << 5 | (opc & 7)) {
        case 0x00: k = F_MAXNM; mn = "fmaxnm"; break;
        case 0x01: k = F_MLA; mn = "fmla"; break;
        case 0x02: k = F_ADD; mn = "fadd"; break;
        case 0x04: k = F_CMEQ; mn = "fcmeq"; break;
        case 0x06: k = F_MAX; mn = "fmax"; break;
        case 0x03: k = F_MULX; mn = "fmulx"; break;
        case 0x07: k = F_RECPS; mn = "frecps"; break;
        case 0x27: k = F_RSQRTS; mn = "frsqrts"; break;
        case 0x20: k = F_MINNM; mn = "fminnm"; break;
        case 0x21: k = F_MLS; mn = "fmls"; break;
        case 0x22: k = F_SUB; mn = "fsub"; break;
        case 0x26: k = F_MIN; mn = "fmin"; break;
        case 0x40: k = F_MAXNMP; mn = "fmaxnmp"; break;
        case 0x42: k = F_ADDP; mn = "faddp"; break;
        case 0x43: k = F_MUL; mn = "fmul"; break;
        case 0x44: k = F_CMGE; mn = "fcmge"; break;
        case 0x45: k = F_ACGE; mn = "facge"; break;
        case 0x46: k = F_MAXP; mn = "fmaxp"; break;
        case 0x47: k = F_DIV; mn = "fdiv"; break;
        case 0x60: k = F_MINNMP; mn = "fminnmp"; break;
        case 0x62: k = F_ABD; mn = "fabd"; break;
        case 0x64: k = F_CMGT; mn = "fcmgt"; break;
        case 0x65: k = F_ACGT; mn = "facgt"; break;
        case 0x66: k = F_MINP; mn = "fminp"; break;
        }
        if (k < 0 || (fsz == 3 && !q && !scalar))
            BAD();
        if (scalar && (k == F_MLA || k == F_MLS || (k >= F_ADDP && k <= F_MINNMP) || k == F_MAX || k == F_MIN ||
                       k == F_MAXNM || k == F_MINNM || k == F_ADD || k == F_SUB || k == F_MUL || k == F_DIV))
            BAD();
        if (scalar)
            E("%s\t%s, %s, %s", mn, Sr(rd, fsz), Sr(rn, fsz), Sr(rm, fsz));
        else
            E("%s\t%s, %s, %s", mn, V(rd, ar(fsz, q)), V(rn, ar(fsz, q)), V(rm, ar(fsz, q)));
        setv(d, v_fp3, rd, rn, rm, fsz, scalar ? 1 : (8u << q) >> fsz, (unsigned)k);
        return true;
    }
    if (opc == 3) {
        static const char *const nm[8] = { "and", "bic", "orr", "orn", "eor", "bsl", "bit", "bif" };
        unsigned k = u << 2 | sz;
        if (scalar)
            BAD();
        if (k == 2 && rn == rm)
            E("mov\t%s, %s", V(rd, ar(0, q)), V(rn, ar(0, q)));
        else
            E("%s\t%s, %s, %s", nm[k], V(rd, ar(0, q)), V(rn, ar(0, q)), V(rm, ar(0, q)));
        static const insn_fn fast[8] = { v_and, v_bic, v_orr, NULL, v_eor, NULL, NULL, NULL };
        setv(d, fast[k] ? fast[k] : v_logic, rd, rn, rm, 0, 8u << q, k);
        return true;
    }
    int k = -1;
    const char *mn = NULL;
    switch (u << 5 | opc) {
    case 0x00: k = V_SHADD; mn = "shadd"; break;
    case 0x20: k = V_UHADD; mn = "uhadd"; break;
    case 0x01: k = V_SQADD; mn = "sqadd"; break;
    case 0x21: k = V_UQADD; mn = "uqadd"; break;
    case 0x22: k = V_URHADD; mn = "urhadd"; break;
    case 0x05: k = V_SQSUB; mn = "sqsub"; break;
    case 0x25: k = V_UQSUB; mn = "uqsub"; break;
    case 0x06: k = V_CMGT; mn = "cmgt"; break;
    case 0x26: k = V_CMHI; mn = "cmhi"; break;
    case 0x07: k = V_CMGE; mn = "cmge"; break;
    case 0x27: k = V_CMHS; mn = "cmhs"; break;
    case 0x08: k = V_SSHL; mn = "sshl"; break;
    case 0x28: k = V_USHL; mn = "ushl"; break;
    case 0x0c: k = V_SMAX; mn = "smax"; break;
    case 0x2c: k = V_UMAX; mn = "umax"; break;
    case 0x0d: k = V_SMIN; mn = "smin"; break;
    case 0x2d: k = V_UMIN; mn = "umin"; break;
    case 0x04: k = V_SHSUB; mn = "shsub"; break;
    case 0x24: k = V_UHSUB; mn = "uhsub"; break;
    case 0x02: k = V_SRHADD; mn = "srhadd"; break;
    case 0x0f: k = V_SABA; mn = "saba"; break;
    case 0x2f: k = V_UABA; mn = "uaba"; break;
    case 0x16: k = V_SQDMULH; mn = "sqdmulh"; break;
    case 0x36: k = V_SQRDMULH; mn = "sqrdmulh"; break;
    case 0x0a: k = V_SRSHL; mn = "srshl"; break;
    case 0x2a: k = V_URSHL; mn = "urshl"; break;
    case 0x09: k = V_SQSHL; mn = "sqshl"; break;
    case 0x29: k = V_UQSHL; mn = "uqshl"; break;
    case 0x0e: k = V_SABD; mn = "sabd"; break;
    case 0x2e: k = V_UABD; mn = "uabd"; break;
    case 0x10: k = V_ADD; mn = "add"; break;
    case 0x30: k = V_SUB; mn = "sub"; break;
    case 0x11: k = V_CMTST; mn = "cmtst"; break;
    case 0x31: k = V_CMEQ; mn = "cmeq"; break;
    case 0x12: k = V_MLA; mn = "mla"; break;
    case 0x32: k = V_MLS; mn = "mls"; break;
    case 0x13: k = V_MUL; mn = "mul"; break;
    case 0x14: k = 100 + P_SMAXP; mn = "smaxp"; break;
    case 0x34: k = 100 + P_UMAXP; mn = "umaxp"; break;
    case 0x15: k = 100 + P_SMINP; mn = "sminp"; break;
    case 0x35: k = 100 + P_UMINP; mn = "uminp"; break;
    case 0x17: k = 100 + P_ADDP; mn = "addp"; break;
    }
    if (k < 0 || (sz == 3 && !q && !scalar))
        BAD();
    if ((k == V_MUL || k == V_MLA || k == V_MLS || k >= 100 + P_UMAXP || k == V_SMAX || k == V_SMIN ||
         k == V_UMAX || k == V_UMIN || k == V_SABD || k == V_UABD || k == V_SHADD || k == V_UHADD || k == V_URHADD ||
         k == V_SHSUB || k == V_UHSUB || k == V_SRHADD || k == V_SABA || k == V_UABA) && sz == 3)
        BAD();
    if ((k == V_SQDMULH || k == V_SQRDMULH) && (sz == 0 || sz == 3))
        BAD();
    if (scalar) {
        bool anysz = k == V_SQADD || k == V_UQADD || k == V_SQSUB || k == V_UQSUB || k == V_SQSHL || k == V_UQSHL;
        bool dsz = k == V_ADD || k == V_SUB || k == V_CMEQ || k == V_CMTST || k == V_CMGT || k == V_CMGE ||
                   k == V_CMHI || k == V_CMHS || k == V_SSHL || k == V_USHL || k == V_SRSHL || k == V_URSHL;
        bool hs = k == V_SQDMULH || k == V_SQRDMULH;
        if (k >= 100 || !(anysz || (dsz && sz == 3) || hs))
            BAD();
        E("%s\t%s, %s, %s", mn, Sr(rd, sz), Sr(rn, sz), Sr(rm, sz));
    } else {
        E("%s\t%s, %s, %s", mn, V(rd, ar(sz, q)), V(rn, ar(sz, q)), V(rm, ar(sz, q)));
    }
    if (k >= 100 && k != 100 + P_ADDP && sz == 3)
        BAD();
    if (k >= 100)
        setv(d, v_pair, rd, rn, rm, sz, nl, (unsigned)k - 100);
    else
        setv(d, v_int3, rd, rn, rm, sz, nl, (unsigned)k);
    if (d && k == V_CMEQ) {
        static const insn_fn f[4] = { v_cmeq_b, v_cmeq_h, v_cmeq_s, v_cmeq_d };
        d->fn = f[sz];
    }
    return true;
}

static bool simd_misc(uint32_t w, bool scalar, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), u = bits(w, 29, 29), sz = bits(w, 23, 22);
    unsigned opc = bits(w, 16, 12), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    unsigned nl = scalar ? 1 : (8u << q) >> sz;
    const char *a = ar(sz, q);
    /* narrowing and FP conversions between sizes */
    if (opc == 0x12 || opc == 0x14) {
        unsigned k = opc == 0x12 ? (u ? 3 : 0) : (u ? 2 : 1);
        static const char *const nm[4] = { "xtn", "sqxtn", "uqxtn", "sqxtun" };
        if (sz == 3)
            BAD();
        if (scalar) {
            if (k == 0)
                BAD();
            E("%s\t%s, %s", nm[k], Sr(rd, sz), Sr(rn, sz + 1));
        } else {
            E("%s%s\t%s, %s", nm[k], q ? "2" : "", V(rd, ar(sz, q)), V(rn, ar(sz + 1, 1)));
        }
        setv(d, v_xtn, rd, rn, 0, sz, scalar ? 1 : 8u >> sz, k);
        if (d) X1(d) = (uint8_t)(scalar ? 0 : q);
        return true;
    }
    if (!u && (opc == 0x16 || opc == 0x17) && !(sz & 2) && !scalar) {
        /* FCVTN / FCVTL between single and double (half not modelled) */
        if (opc == 0x16)
            E("fcvtn%s\t%s, %s", q ? "2" : "", V(rd, (sz & 1) ? ar(2, q) : ar(1, q)), V(rn, (sz & 1) ? "2d" : "4s"));
        else
            E("fcvtl%s\t%s, %s", q ? "2" : "", V(rd, (sz & 1) ? "2d" : "4s"), V(rn, (sz & 1) ? ar(2, q) : ar(1, q)));
        setv(d, opc == 0x16 ? v_fcvtn : v_fcvtl, rd, rn, 0, (sz & 1) ? 3 : 2, 2, 0);
        if (d) X1(d) = (uint8_t)q;
        return true;
    }
    if (opc >= 0x0c && ((opc >= 0x18 && opc != 0x1e) || (sz & 2)) && !(opc == 0x12 || opc == 0x13 || opc == 0x14 || opc == 0x16 || opc == 0x17)) {
        /* FP two-register misc */
        unsigned hi = sz >> 1, fsz = (sz & 1) + 2;
        int k = -1, rmv = 5;
        const char *mn = NULL;
        bool zero = false;
        switch (u << 6 | hi << 5 | opc) {
        case 0x18: k = G_RINT; rmv = HF_RNE; mn = "frintn"; break;
        case 0x19: k = G_RINT; rmv = HF_RDN; mn = "frintm"; break;
        case 0x1a: k = G_CVTS; rmv = HF_RNE; mn = "fcvtns"; break;
        case 0x1b: k = G_CVTS; rmv = HF_RDN; mn = "fcvtms"; break;
        case 0x1c: k = G_CVTS; rmv = HF_RMM; mn = "fcvtas"; break;
        case 0x1d: k = G_SCVTF; mn = "scvtf"; break;
        case 0x58: k = G_RINT; rmv = HF_RMM; mn = "frinta"; break;
        case 0x59: k = G_RINTX; mn = "frintx"; break;
        case 0x5a: k = G_CVTU; rmv = HF_RNE; mn = "fcvtnu"; break;
        case 0x5b: k = G_CVTU; rmv = HF_RDN; mn = "fcvtmu"; break;
        case 0x5c: k = G_CVTU; rmv = HF_RMM; mn = "fcvtau"; break;
        case 0x5d: k = G_UCVTF; mn = "ucvtf"; break;
        case 0x2c: k = G_CMGT0; mn = "fcmgt"; zero = true; break;
        case 0x2d: k = G_CMEQ0; mn = "fcmeq"; zero = true; break;
        case 0x2e: k = G_CMLT0; mn = "fcmlt"; zero = true; break;
        case 0x2f: k = G_ABS; mn = "fabs"; break;
        case 0x38: k = G_RINT; rmv = HF_RUP; mn = "frintp"; break;
        case 0x39: k = G_RINT; rmv = HF_RTZ; mn = "frintz"; break;
        case 0x3a: k = G_CVTS; rmv = HF_RUP; mn = "fcvtps"; break;
        case 0x3b: k = G_CVTS; rmv = HF_RTZ; mn = "fcvtzs"; break;
        case 0x6c: k = G_CMGE0; mn = "fcmge"; zero = true; break;
        case 0x6d: k = G_CMLE0; mn = "fcmle"; zero = true; break;
        case 0x6f: k = G_NEG; mn = "fneg"; break;
        case 0x79: k = G_RINT; rmv = 5; mn = "frinti"; break;
        case 0x7a: k = G_CVTU; rmv = HF_RUP; mn = "fcvtpu"; break;
        case 0x7b: k = G_CVTU; rmv = HF_RTZ; mn = "fcvtzu"; break;
        case 0x7f: k = G_SQRT; mn = "fsqrt"; break;
        }
        if (k < 0 || (fsz == 3 && !q && !scalar))
            BAD();
        if (scalar && (k == G_ABS || k == G_NEG || k == G_SQRT || k == G_RINT || k == G_RINTX))
            BAD();
        const char *dr = scalar ? Sr(rd, fsz) : V(rd, ar(fsz, q));
        const char *nr = scalar ? Sr(rn, fsz) : V(rn, ar(fsz, q));
        if (zero)
            E("%s\t%s, %s, #0.0", mn, dr, nr);
        else
            E("%s\t%s, %s", mn, dr, nr);
        setv(d, v_fpmisc, rd, rn, 0, fsz, scalar ? 1 : (8u << q) >> fsz, (unsigned)k);
        if (d) SH(d) = (uint8_t)rmv;
        return true;
    }
    int k = -1;
    const char *mn = NULL;
    bool zero = false;
    switch (u << 5 | opc) {
    case 0x00: k = M_REV64; mn = "rev64"; if (sz == 3) BAD(); break;
    case 0x20: k = M_REV32; mn = "rev32"; if (sz >= 2) BAD(); break;
    case 0x01: k = M_REV16; mn = "rev16"; if (sz >= 1) BAD(); break;
    case 0x04: k = -1; break;
    case 0x24: k = M_CLZ; mn = "clz"; if (sz == 3) BAD(); break;
    case 0x05: k = M_CNT; mn = "cnt"; if (sz) BAD(); break;
    case 0x25:
        if (sz == 0) { k = M_NOT; mn = "mvn"; }
        else if (sz == 1) { k = M_RBIT; mn = "rbit"; a = ar(0, q); }
        else BAD();
        break;
    case 0x08: k = M_CMGT0; mn = "cmgt"; zero = true; break;
    case 0x28: k = M_CMGE0; mn = "cmge"; zero = true; break;
    case 0x09: k = M_CMEQ0; mn = "cmeq"; zero = true; break;
    case 0x29: k = M_CMLE0; mn = "cmle"; zero = true; break;
    case 0x0a: k = M_CMLT0; mn = "cmlt"; zero = true; break;
    case 0x0b: k = M_ABS; mn = "abs"; break;
    case 0x07: k = M_SQABS; mn = "sqabs"; break;
    case 0x27: k = M_SQNEG; mn = "sqneg"; break;
    case 0x02: case 0x22: case 0x06: case 0x26: {
        /* [SU]ADDLP, [SU]ADALP */
        if (sz == 3 || scalar)
            BAD();
        static const char *const nm[4] = { "saddlp", "uaddlp", "sadalp", "uadalp" };
        unsigned kk = u | ((opc == 6) << 1);
        E("%s\t%s, %s", nm[kk], V(rd, ar(sz + 1, q)), V(rn, ar(sz, q)));
        setv(d, v_addlp, rd, rn, 0, sz, (4u << q) >> sz, kk ^ 1);
        return true;
    }
    case 0x2b: k = M_NEG; mn = "neg"; break;
    }
    if (k < 0 || (sz == 3 && !q && !scalar))
        BAD();
    if (scalar) {
        if (!(k == M_SQABS || k == M_SQNEG) && (sz != 3 || !(zero || k == M_ABS || k == M_NEG)))
            BAD();
        if (zero)
            E("%s\t%s, %s, #0", mn, Sr(rd, 3), Sr(rn, 3));
        else
            E("%s\t%s, %s", mn, Sr(rd, sz), Sr(rn, sz));
    } else if (zero) {
        E("%s\t%s, %s, #0", mn, V(rd, a), V(rn, a));
    } else {
        E("%s\t%s, %s", mn, V(rd, a), V(rn, a));
    }
    if (k == M_NOT || k == M_RBIT || k == M_CNT)
        setv(d, v_misc, rd, rn, 0, 0, 8u << q, (unsigned)k);
    else
        setv(d, v_misc, rd, rn, 0, sz, nl, (unsigned)k);
    if (d && k == M_CMEQ0) {
        static const insn_fn f[4] = { v_cmeq0_b, v_cmeq0_h, v_cmeq0_s, v_cmeq0_d };
        d->fn = f[sz];
    }
    return true;
}

static bool simd_across(uint32_t w, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), u = bits(w, 29, 29), sz = bits(w, 23, 22);
    unsigned opc = bits(w, 16, 12), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    int k = -1;
    if (u && (opc == 0x0c || opc == 0x0f)) {
        /* FMAXNMV/FMINNMV/FMAXV/FMINV (single precision, 4 lanes) */
        static const char *const nm[4] = { "fmaxnmv", "fmaxv", "fminnmv", "fminv" };
        unsigned kk = (sz >> 1) << 1 | (opc == 0x0f);
        if ((sz & 1) || !q)
            BAD();
        E("%s\t%s, %s", nm[kk], Sr(rd, 2), V(rn, "4s"));
        setv(d, v_fpacross, rd, rn, 0, 2, 4, kk);
        return true;
    }
    const char *mn = NULL;
    switch (u << 5 | opc) {
    case 0x03: k = A_SADDLV; mn = "saddlv"; break;
    case 0x23: k = A_UADDLV; mn = "uaddlv"; break;
    case 0x0a: k = A_SMAXV; mn = "smaxv"; break;
    case 0x2a: k = A_UMAXV; mn = "umaxv"; break;
    case 0x1a: k = A_SMINV; mn = "sminv"; break;
    case 0x3a: k = A_UMINV; mn = "uminv"; break;
    case 0x1b: k = A_ADDV; mn = "addv"; break;
    }
    if (k < 0 || sz == 3 || (sz == 2 && !q))
        BAD();
    bool lng = k == A_SADDLV || k == A_UADDLV;
    E("%s\t%s, %s", mn, Sr(rd, lng ? sz + 1 : sz), V(rn, ar(sz, q)));
    setv(d, v_across, rd, rn, 0, sz, (8u << q) >> sz, (unsigned)k);
    return true;
}

static bool simd_copy(uint32_t w, bool scalar, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), op = bits(w, 29, 29), imm5 = bits(w, 20, 16), imm4 = bits(w, 14, 11);
    unsigned rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (!(imm5 & 15))
        BAD();
    unsigned sz = (unsigned)__builtin_ctz(imm5), idx = imm5 >> (sz + 1);
    char el[16];
    snprintf(el, sizeof el, "%c[%u]", esz_c[sz], idx);
    if (scalar) {
        if (op || imm4)
            BAD();
        E("mov\t%s, %s", Sr(rd, sz), V(rn, el));
        setv(d, v_dup_elt, rd, rn, 0, sz, 1, 0);
        if (d) SH(d) = (uint8_t)idx;
        return true;
    }
    if (op) {
        if (!q)
            BAD();
        unsigned sidx = imm4 >> sz;
        char el2[16];
        snprintf(el2, sizeof el2, "%c[%u]", esz_c[sz], sidx);
        E("mov\t%s, %s", V(rd, el), V(rn, el2));
        setv(d, v_ins_elt, rd, rn, 0, sz, 0, sidx);
        if (d) SH(d) = (uint8_t)idx;
        return true;
    }
    switch (imm4) {
    case 0:
        if (sz == 3 && !q)
            BAD();
        E("dup\t%s, %s", V(rd, ar(sz, q)), V(rn, el));
        setv(d, v_dup_elt, rd, rn, 0, sz, (8u << q) >> sz, 0);
        if (d) SH(d) = (uint8_t)idx;
        return true;
    case 1:
        if (sz == 3 && !q)
            BAD();
        E("dup\t%s, %s", V(rd, ar(sz, q)), dis_x(rn, sz == 3));
        setv(d, v_dup_gen, rd, rn == 31 ? A64_ZR : rn, 0, sz, (8u << q) >> sz, 0);
        return true;
    case 3:
        if (!q)
            BAD();
        E("mov\t%s, %s", V(rd, el), dis_x(rn, sz == 3));
        setv(d, v_ins_gen, rd, rn == 31 ? A64_ZR : rn, 0, sz, 0, 0);
        if (d) SH(d) = (uint8_t)idx;
        return true;
    case 5:
    case 7: {
        bool sg = imm4 == 5;
        if (sg ? (sz >= 2 + q || (sz == 2 && !q)) : (q ? sz != 3 : sz == 3))
            BAD();
        if (sg)
            E("smov\t%s, %s", dis_x(rd, q), V(rn, el));
        else if (sz >= 2)
            E("mov\t%s, %s", dis_x(rd, q), V(rn, el));
        else
            E("umov\t%s, %s", dis_x(rd, q), V(rn, el));
        setv(d, sg ? v_smov : v_umov, rd == 31 ? A64_ZW : rd, rn, 0, sz, 0, sg && !q);
        if (d) SH(d) = (uint8_t)idx;
        return true;
    }
    }
    BAD();
}

static bool simd_long3(uint32_t w, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), u = bits(w, 29, 29), sz = bits(w, 23, 22);
    unsigned rm = bits(w, 20, 16), opc = bits(w, 15, 12), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    int k = -1;
    const char *base = NULL;
    switch (opc) {
    case 0: k = L_ADDL; base = "addl"; break;
    case 1: k = L_ADDW; base = "addw"; break;
    case 2: k = L_SUBL; base = "subl"; break;
    case 3: k = L_SUBW; base = "subw"; break;
    case 7: k = L_ABDL; base = "abdl"; break;
    case 5: k = L_ABAL; base = "abal"; break;
    case 9: if (u || !sz) BAD(); k = L_SQDMLAL; base = "qdmlal"; break;
    case 11: if (u || !sz) BAD(); k = L_SQDMLSL; base = "qdmlsl"; break;
    case 13: if (u || !sz) BAD(); k = L_SQDMULL; base = "qdmull"; break;
    case 8: k = L_MLAL; base = "mlal"; break;
    case 10: k = L_MLSL; base = "mlsl"; break;
    case 12: k = L_MULL; base = "mull"; break;
    }
    if ((opc == 4 || opc == 6) && sz != 3) {
        /* ADDHN/SUBHN/RADDHN/RSUBHN: the high halves of the sums */
        static const char *const nm[4] = { "addhn", "raddhn", "subhn", "rsubhn" };
        unsigned kk = (opc == 6) << 1 | u;
        E("%s%s\t%s, %s, %s", nm[kk], q ? "2" : "", V(rd, ar(sz, q)), V(rn, ar(sz + 1, 1)), V(rm, ar(sz + 1, 1)));
        setv(d, v_addhn, rd, rn, rm, sz, 8u >> sz, kk);
        if (d) X1(d) = (uint8_t)q;
        return true;
    }
    if (k < 0 || sz == 3)
        BAD();
    bool wide = k == L_ADDW || k == L_SUBW;
    E("%c%s%s\t%s, %s, %s", u ? 'u' : 's', base, q ? "2" : "", V(rd, ar(sz + 1, 1)),
      V(rn, wide ? ar(sz + 1, 1) : ar(sz, q)), V(rm, ar(sz, q)));
    setv(d, v_long3, rd, rn, rm, sz, 8u >> sz, (unsigned)k);
    if (d) {
        X1(d) = (uint8_t)q;
        SH(d) = !u;
    }
    return true;
}

static bool simd_modimm(uint32_t w, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), op = bits(w, 29, 29), cmode = bits(w, 15, 12), rd = bits(w, 4, 0);
    unsigned imm8 = bits(w, 18, 16) << 5 | bits(w, 9, 5);
    uint64_t imm;
    insn_fn fn = v_movi;
    if (bits(w, 11, 11))
        BAD();
    if (cmode < 8) {
        unsigned sh = (cmode >> 1) * 8;
        uint64_t e = (uint64_t)imm8 << sh;
        imm = e | e << 32;
        const char *mn = (cmode & 1) ? (op ? "bic" : "orr") : (op ? "mvni" : "movi");
        if (cmode & 1)
            fn = op ? v_bici : v_orri;
        else if (op)
            imm = ~imm;
        E("%s\t%s, #%s", mn, V(rd, ar(2, q)), dis_hex(imm8));
        if (sh)
            E(", lsl #%u", sh);
    } else if (cmode < 12) {
        unsigned sh = ((cmode >> 1) & 1) * 8;
        uint64_t e = (uint64_t)imm8 << sh;
        imm = e | e << 16 | e << 32 | e << 48;
        const char *mn = (cmode & 1) ? (op ? "bic" : "orr") : (op ? "mvni" : "movi");
        if (cmode & 1)
            fn = op ? v_bici : v_orri;
        else if (op)
            imm = ~imm;
        E("%s\t%s, #%s", mn, V(rd, ar(1, q)), dis_hex(imm8));
        if (sh)
            E(", lsl #%u", sh);
    } else if (cmode < 14) {
        unsigned sh = (cmode & 1) ? 16 : 8;
        uint64_t e = ((uint64_t)imm8 << sh) | ((1ull << sh) - 1);
        imm = e | e << 32;
        if (op)
            imm = ~imm;
        E("%s\t%s, #%s, msl #%u", op ? "mvni" : "movi", V(rd, ar(2, q)), dis_hex(imm8), sh);
    } else if (cmode == 14) {
        if (!op) {
            uint64_t e = imm8;
            imm = e * 0x0101010101010101ull;
            E("movi\t%s, #%s", V(rd, ar(0, q)), dis_hex(imm8));
        } else {
            imm = 0;
            for (unsigned i = 0; i < 8; i++)
                if (imm8 & (1u << i))
                    imm |= 0xffull << (8 * i);
            char t[24];
            snprintf(t, sizeof t, imm ? "%#016" PRIx64 : "%016" PRIx64, imm);
            if (q)
                E("movi\t%s, #%s", V(rd, "2d"), t);
            else
                E("movi\td%u, #%s", rd, t);
        }
    } else {
        if (op && !q)
            BAD();
        imm = op ? fpimm_bits(imm8, 64) : (fpimm_bits(imm8, 32) | fpimm_bits(imm8, 32) << 32);
        E("fmov\t%s, #%.8f", V(rd, op ? "2d" : ar(2, q)), a64_fpimm(imm8));
    }
    setv(d, fn, rd, 0, 0, 0, 8u << q, 0);
    if (d)
        IMM(d) = (int64_t)imm;
    return true;
}

static bool simd_shift(uint32_t w, bool scalar, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), u = bits(w, 29, 29), immh = bits(w, 22, 19);
    unsigned immb = bits(w, 18, 16), opc = bits(w, 15, 11), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (!immh)
        BAD();
    unsigned sz = 31 - (unsigned)__builtin_clz(immh), esize = 8u << sz;
    unsigned immhb = immh << 3 | immb, rsh = 2 * esize - immhb, lsh = immhb - esize;
    unsigned nl = scalar ? 1 : (8u << q) >> sz;
    const char *a = ar(sz, q);
    switch (u << 5 | opc) {
    case 0x00: case 0x20: case 0x02: case 0x22: case 0x24: case 0x28: case 0x0a: case 0x2a:
    case 0x04: case 0x06: case 0x26: case 0x0e: case 0x2e: case 0x2c: {
        static const struct { unsigned key; int k; const char *mn; bool left; } t[] = {
            { 0x00, S_SSHR, "sshr", false }, { 0x20, S_USHR, "ushr", false },
            { 0x02, S_SSRA, "ssra", false }, { 0x22, S_USRA, "usra", false },
            { 0x24, S_URSHR, "urshr", false }, { 0x28, S_SRI, "sri", false },
            { 0x0a, S_SHL, "shl", true }, { 0x2a, S_SLI, "sli", true },
            { 0x04, S_SRSHR, "srshr", false }, { 0x06, S_SRSRA, "srsra", false },
            { 0x26, S_URSRA, "ursra", false }, { 0x0e, S_SQSHL, "sqshl", true },
            { 0x2e, S_UQSHL, "uqshl", true }, { 0x2c, S_SQSHLU, "sqshlu", true },
        };
        unsigned i = 0;
        while (t[i].key != (u << 5 | opc))
            i++;
        if (sz == 3 && !q && !scalar)
            BAD();
        bool qs = t[i].k == S_SQSHL || t[i].k == S_UQSHL || t[i].k == S_SQSHLU;
        if (scalar && sz != 3 && !qs)
            BAD();
        unsigned sh = t[i].left ? lsh : rsh;
        if (scalar)
            E("%s\t%s, %s, #%s", t[i].mn, Sr(rd, sz), Sr(rn, sz), dis_hex(sh));
        else
            E("%s\t%s, %s, #%s", t[i].mn, V(rd, a), V(rn, a), dis_hex(sh));
        setv(d, v_shift, rd, rn, 0, sz, nl, (unsigned)t[i].k);
        if (d) SH(d) = (uint8_t)sh;
        return true;
    }
    case 0x10: case 0x11: case 0x12: case 0x13: case 0x32: case 0x33: case 0x30: case 0x31: {
        /* narrowing shifts: X2 = kind << 1 | round; kind 0 plain, 1
         * signed saturating, 2 unsigned saturating, 3 signed to unsigned */
        static const char *const nm[4][2] = {
            { "shrn", "rshrn" }, { "sqshrn", "sqrshrn" }, { "uqshrn", "uqrshrn" }, { "sqshrun", "sqrshrun" },
        };
        unsigned key = u << 5 | opc, round = opc & 1;
        unsigned kind = key <= 0x11 ? 0 : key <= 0x13 ? 1 : key >= 0x32 ? 2 : 3;
        if (sz == 3 || (scalar && kind == 0))
            BAD();
        if (scalar)
            E("%s\t%s, %s, #%s", nm[kind][round], Sr(rd, sz), Sr(rn, sz + 1), dis_hex(rsh));
        else
            E("%s%s\t%s, %s, #%s", nm[kind][round], q ? "2" : "", V(rd, ar(sz, q)), V(rn, ar(sz + 1, 1)), dis_hex(rsh));
        setv(d, v_shrn, rd, rn, 0, sz, scalar ? 1 : 8u >> sz, kind << 1 | round);
        if (d) {
            X1(d) = (uint8_t)(scalar ? 0 : q);
            SH(d) = (uint8_t)rsh;
        }
        return true;
    }
    case 0x14: case 0x34:
        if (scalar || sz == 3)
            BAD();
        E("%s%s\t%s, %s, #%s", u ? "ushll" : "sshll", q ? "2" : "", V(rd, ar(sz + 1, 1)), V(rn, a), dis_hex(lsh));
        setv(d, v_shll, rd, rn, 0, sz, 8u >> sz, !u);
        if (d) {
            X1(d) = (uint8_t)q;
            SH(d) = (uint8_t)lsh;
        }
        return true;
    case 0x1c: case 0x3c: case 0x1f: case 0x3f: {
        bool tof = opc == 0x1c;
        if (sz < 2 || (sz == 3 && !q && !scalar))
            BAD();
        const char *mn = tof ? (u ? "ucvtf" : "scvtf") : (u ? "fcvtzu" : "fcvtzs");
        if (scalar)
            E("%s\t%s, %s, #%s", mn, Sr(rd, sz), Sr(rn, sz), dis_hex(rsh));
        else
            E("%s\t%s, %s, #%s", mn, V(rd, a), V(rn, a), dis_hex(rsh));
        setv(d, v_fpfixed, rd, rn, 0, sz, scalar ? 1 : (8u << q) >> sz, (tof ? 0 : 2) | u);
        if (d) SH(d) = (uint8_t)rsh;
        return true;
    }
    default:
        BAD();
    }
}

static bool simd_elem(uint32_t w, bool scalar, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), u = bits(w, 29, 29), sz = bits(w, 23, 22);
    unsigned l = bits(w, 21, 21), m = bits(w, 20, 20), rm = bits(w, 19, 16), opc = bits(w, 15, 12);
    unsigned h = bits(w, 11, 11), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    char el[16];
    if (!u && (opc == 1 || opc == 5 || opc == 9)) {
        /* FMLA/FMLS/FMUL by element */
        unsigned idx;
        if (sz == 2) {
            idx = h << 1 | l;
            rm |= m << 4;
        } else if (sz == 3) {
            if (l || (!q && !scalar))
                BAD();
            idx = h;
            rm |= m << 4;
        } else
            BAD();
        snprintf(el, sizeof el, "%c[%u]", esz_c[sz], idx);
        const char *mn = opc == 1 ? "fmla" : opc == 5 ? "fmls" : "fmul";
        if (scalar)
            E("%s\t%s, %s, %s", mn, Sr(rd, sz), Sr(rn, sz), V(rm, el));
        else
            E("%s\t%s, %s, %s", mn, V(rd, ar(sz, q)), V(rn, ar(sz, q)), V(rm, el));
        setv(d, v_fpelt, rd, rn, rm, sz, scalar ? 1 : (8u << q) >> sz, opc == 1 ? 1 : opc == 5 ? 2 : 0);
        if (d) SH(d) = (uint8_t)idx;
        return true;
    }
    if (scalar)
        BAD();
    if (opc == 10 || opc == 2 || opc == 6) {
        /* [SU]MULL, [SU]MLAL, [SU]MLSL by element */
        unsigned idx;
        if (sz == 1)
            idx = h << 2 | l << 1 | m;
        else if (sz == 2) {
            idx = h << 1 | l;
            rm |= m << 4;
        } else
            BAD();
        snprintf(el, sizeof el, "%c[%u]", esz_c[sz], idx);
        const char *base = opc == 10 ? "mull" : opc == 2 ? "mlal" : "mlsl";
        E("%c%s%s\t%s, %s, %s", u ? 'u' : 's', base, q ? "2" : "", V(rd, ar(sz + 1, 1)), V(rn, ar(sz, q)), V(rm, el));
        setv(d, v_longelt, rd, rn, rm, sz, 8u >> sz, opc == 10 ? L_MULL : opc == 2 ? L_MLAL : L_MLSL);
        if (d) {
            X1(d) = (uint8_t)q;
            SH(d) = (uint8_t)idx;
            IMM(d) = !u;
        }
        return true;
    }
    if ((!u && opc == 8) || (u && (opc == 0 || opc == 4))) {
        unsigned idx;
        if (sz == 1)
            idx = h << 2 | l << 1 | m;
        else if (sz == 2) {
            idx = h << 1 | l;
            rm |= m << 4;
        } else
            BAD();
        snprintf(el, sizeof el, "%c[%u]", esz_c[sz], idx);
        const char *mn = opc == 8 ? "mul" : opc == 0 ? "mla" : "mls";
        E("%s\t%s, %s, %s", mn, V(rd, ar(sz, q)), V(rn, ar(sz, q)), V(rm, el));
        setv(d, v_intelt, rd, rn, rm, sz, (8u << q) >> sz, opc == 8 ? 0 : opc == 0 ? 1 : 2);
        if (d) SH(d) = (uint8_t)idx;
        return true;
    }
    BAD();
}

/* scalar pairwise: ADDP d, FADDP/FMAXP/... */
static bool simd_spair(uint32_t w, struct dinsn *d, struct dis *o)
{
    unsigned u = bits(w, 29, 29), sz = bits(w, 23, 22), opc = bits(w, 16, 12);
    unsigned rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (!u && opc == 0x1b) {
        if (sz != 3)
            BAD();
        E("addp\t%s, %s", Sr(rd, 3), V(rn, "2d"));
        setv(d, v_pair, rd, rn, rn, 3, 1, P_ADDP);
        return true;
    }
    if (!u)
        BAD();
    unsigned fsz = (sz & 1) + 2, hi = sz >> 1;
    int k = -1;
    const char *mn = NULL;
    switch (hi << 5 | opc) {
    case 0x0c: k = F_MAXNMP; mn = "fmaxnmp"; break;
    case 0x0d: k = F_ADDP; mn = "faddp"; break;
    case 0x0f: k = F_MAXP; mn = "fmaxp"; break;
    case 0x2c: k = F_MINNMP; mn = "fminnmp"; break;
    case 0x2f: k = F_MINP; mn = "fminp"; break;
    }
    if (k < 0)
        BAD();
    E("%s\t%s, %s", mn, Sr(rd, fsz), V(rn, fsz == 2 ? "2s" : "2d"));
    setv(d, v_fp3, rd, rn, rn, fsz, 1, (unsigned)k);
    return true;
}

static bool simd_perm(uint32_t w, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), sz = bits(w, 23, 22), rm = bits(w, 20, 16), opc = bits(w, 14, 12);
    unsigned rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    static const int ks[8] = { -1, Q_UZP1, Q_TRN1, Q_ZIP1, -1, Q_UZP2, Q_TRN2, Q_ZIP2 };
    static const char *const nm[8] = { NULL, "uzp1", "trn1", "zip1", NULL, "uzp2", "trn2", "zip2" };
    if (ks[opc] < 0 || (sz == 3 && !q))
        BAD();
    E("%s\t%s, %s, %s", nm[opc], V(rd, ar(sz, q)), V(rn, ar(sz, q)), V(rm, ar(sz, q)));
    setv(d, v_perm, rd, rn, rm, sz, (8u << q) >> sz, (unsigned)ks[opc]);
    return true;
}

static bool simd_ldst(enum a64_op op, uint32_t w, struct dinsn *d, struct dis *o)
{
    unsigned q = bits(w, 30, 30), l = bits(w, 22, 22), rm = bits(w, 20, 16);
    unsigned opc = bits(w, 15, 12), sz = bits(w, 11, 10), rn = bits(w, 9, 5), rt = bits(w, 4, 0);
    bool post = op == A64_LDST1MP || op == A64_LDST1SP;
    char regs[96];
    unsigned n = 0;
    if (op == A64_LDST1M || op == A64_LDST1MP) {
        unsigned rpt, selem;
        switch (opc) {
        case 0: rpt = 1; selem = 4; break;
        case 2: rpt = 4; selem = 1; break;
        case 4: rpt = 1; selem = 3; break;
        case 6: rpt = 3; selem = 1; break;
        case 7: rpt = 1; selem = 1; break;
        case 8: rpt = 1; selem = 2; break;
        case 10: rpt = 2; selem = 1; break;
        default: BAD();
        }
        if (sz == 3 && !q && selem > 1)
            BAD();
        unsigned nregs = rpt * selem, total = (8u << q) * nregs;
        n = (unsigned)snprintf(regs, sizeof regs, "{ ");
        for (unsigned k = 0; k < nregs; k++)
            n += (unsigned)snprintf(regs + n, sizeof regs - n, "%sv%u.%s", k ? ", " : "", (rt + k) & 31, ar(sz, q));
        snprintf(regs + n, sizeof regs - n, " }");
        char mn[8];
        snprintf(mn, sizeof mn, "%s%u", l ? "ld" : "st", selem);
        E("%s\t%s, [%s]", mn, regs, dis_xsp(rn, 1));
        if (post) {
            if (rm == 31)
                E(", #%u", total);
            else
                E(", %s", dis_x(rm, 1));
        }
        if (d) {
            setv(d, v_ldst_multi, rt, rn, rm == 31 ? A64_ZR : rm, sz, (8u << q) >> sz, selem);
            SH(d) = (uint8_t)rpt;
            X1(d) = (uint8_t)l;
            WB(d) = post;
            IMM(d) = total;
            d->cls = l ? IC_LOAD : IC_STORE;
        }
        return true;
    }
    /* single structure */
    unsigned r = bits(w, 21, 21), s = bits(w, 12, 12), o3 = bits(w, 15, 14);
    unsigned selem = (bits(w, 13, 13) << 1 | r) + 1, esz, idx;
    bool repl = false;
    switch (o3) {
    case 0: esz = 0; idx = q << 3 | s << 2 | sz; break;
    case 1: if (sz & 1) BAD(); esz = 1; idx = q << 2 | s << 1 | (sz >> 1); break;
    case 2:
        if (sz == 0) { esz = 2; idx = q << 1 | s; }
        else if (sz == 1 && !s) { esz = 3; idx = q; }
        else BAD();
        break;
    case 3:
        if (!l || s) BAD();
        repl = true;
        esz = sz;
        idx = 0;
        break;
    default: BAD();
    }
    n = (unsigned)snprintf(regs, sizeof regs, "{ ");
    for (unsigned k = 0; k < selem; k++) {
        if (repl)
            n += (unsigned)snprintf(regs + n, sizeof regs - n, "%sv%u.%s", k ? ", " : "", (rt + k) & 31, ar(esz, q));
        else
            n += (unsigned)snprintf(regs + n, sizeof regs - n, "%sv%u.%c", k ? ", " : "", (rt + k) & 31, esz_c[esz]);
    }
    n += (unsigned)snprintf(regs + n, sizeof regs - n, " }");
    if (!repl)
        snprintf(regs + n, sizeof regs - n, "[%u]", idx);
    E("%s%u%s\t%s, [%s]", l ? "ld" : "st", selem, repl ? "r" : "", regs, dis_xsp(rn, 1));
    unsigned total = selem << esz;
    if (post) {
        if (rm == 31)
            E(", #%u", total);
        else
            E(", %s", dis_x(rm, 1));
    }
    if (d) {
        setv(d, v_ldst_single, rt, rn, rm == 31 ? A64_ZR : rm, esz, repl ? (8u << q) >> esz : 0, selem);
        SH(d) = (uint8_t)idx;
        X1(d) = (uint8_t)l;
        WB(d) = post;
        IMM(d) = total;
        d->cls = l ? IC_LOAD : IC_STORE;
    }
    return true;
}

static bool simd(enum a64_op op, uint32_t w, struct dinsn *d, struct dis *o)
{
    bool b21 = bits(w, 21, 21), b10 = bits(w, 10, 10);
    unsigned b1110 = bits(w, 11, 10), b2017 = bits(w, 20, 17);
    switch (op) {
    case A64_SIMD:
        if (b21 && b10)
            return simd_3same(w, false, d, o);
        if (b21 && b1110 == 2 && b2017 == 0)
            return simd_misc(w, false, d, o);
        if (b21 && b1110 == 2 && b2017 == 8)
            return simd_across(w, d, o);
        if (b21 && b1110 == 0)
            return simd_long3(w, d, o);
        if (!b21 && bits(w, 23, 22) == 0 && !bits(w, 15, 15) && b10 && !bits(w, 29, 29))
            return simd_copy(w, false, d, o);
        if (!b21 && bits(w, 23, 22) == 0 && !bits(w, 15, 15) && b10 && bits(w, 29, 29))
            return simd_copy(w, false, d, o);
        if (!b21 && !bits(w, 15, 15) && b1110 == 2 && !bits(w, 29, 29))
            return simd_perm(w, d, o);
        if (!b21 && bits(w, 23, 22) == 0 && !bits(w, 15, 15) && !b10 && bits(w, 29, 29)) {
            /* EXT */
            unsigned q = bits(w, 30, 30), imm4 = bits(w, 14, 11);
            unsigned rm = bits(w, 20, 16), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
            if (!q && (imm4 & 8))
                BAD();
            E("ext\t%s, %s, %s, #%s", V(rd, ar(0, q)), V(rn, ar(0, q)), V(rm, ar(0, q)), dis_hex(imm4));
            setv(d, v_ext, rd, rn, rm, 0, 8u << q, 0);
            if (d) SH(d) = (uint8_t)imm4;
            return true;
        }
        if (!b21 && bits(w, 23, 22) == 0 && !bits(w, 15, 15) && b1110 == 0 && !bits(w, 29, 29)) {
            /* TBL/TBX */
            unsigned q = bits(w, 30, 30), len = bits(w, 14, 13) + 1, tbx = bits(w, 12, 12);
            unsigned rm = bits(w, 20, 16), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
            char regs[80];
            unsigned n = (unsigned)snprintf(regs, sizeof regs, "{ ");
            for (unsigned k = 0; k < len; k++)
                n += (unsigned)snprintf(regs + n, sizeof regs - n, "%sv%u.16b", k ? ", " : "", (rn + k) & 31);
            snprintf(regs + n, sizeof regs - n, " }");
            E("%s\t%s, %s, %s", tbx ? "tbx" : "tbl", V(rd, ar(0, q)), regs, V(rm, ar(0, q)));
            setv(d, v_tbl, rd, rn, rm, 0, 8u << q, len);
            if (d) SH(d) = (uint8_t)tbx;
            return true;
        }
        BAD();
    case A64_SIMD2:
        if (b10) {
            if (bits(w, 23, 19) == 0)
                return simd_modimm(w, d, o);
            if (!bits(w, 23, 23))
                return simd_shift(w, false, d, o);
            BAD();
        }
        return simd_elem(w, false, d, o);
    case A64_SIMDS:
        if (b21 && b10)
            return simd_3same(w, true, d, o);
        if (b21 && b1110 == 2 && b2017 == 0)
            return simd_misc(w, true, d, o);
        if (b21 && b1110 == 2 && b2017 == 8)
            return simd_spair(w, d, o);
        if (!b21 && bits(w, 23, 22) == 0 && !bits(w, 15, 15) && b10 && !bits(w, 29, 29))
            return simd_copy(w, true, d, o);
        BAD();
    case A64_SIMDS2:
        if (b10 && bits(w, 23, 23) == 0 && bits(w, 22, 19))
            return simd_shift(w, true, d, o);
        if (!b10)
            return simd_elem(w, true, d, o);
        BAD();
    case A64_LDST1M: case A64_LDST1MP: case A64_LDST1S: case A64_LDST1SP:
        return simd_ldst(op, w, d, o);
    default:
        BAD();
    }
}

bool a64_decode_fp(enum a64_op op, uint32_t w, struct dinsn *d)
{
    switch (op) {
    case A64_FCVTI: case A64_FP1: case A64_FCMP: case A64_FMOVI: case A64_FCCMP:
    case A64_FP2: case A64_FCSEL: case A64_FP3: case A64_FCVTFX:
        return fp_scalar(op, w, d, NULL);
    default:
        return simd(op, w, d, NULL);
    }
}

void a64_disasm_fp(struct dis *o, enum a64_op op, uint32_t w, uint64_t pc)
{
    (void)pc;
    bool ok;
    switch (op) {
    case A64_FCVTI: case A64_FP1: case A64_FCMP: case A64_FMOVI: case A64_FCCMP:
    case A64_FP2: case A64_FCSEL: case A64_FP3: case A64_FCVTFX:
        ok = fp_scalar(op, w, NULL, o);
        break;
    default:
        ok = simd(op, w, NULL, o);
        break;
    }
    if (!ok)
        o->bad = true;
}
