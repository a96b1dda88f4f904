/* Disassembly of encodings trapeze does not execute because it does not
 * advertise the feature (LSE atomics, MTE, the SVE forms glibc's string
 * routines carry): glibc's static binaries contain them behind ifuncs,
 * and llvm-objdump prints them.  Also the calls to EL2/EL3 and debug
 * state and SYSL, undefined on trapeze's EL0/EL1-only CPU. */
#include <stdio.h>

#include "disasm.h"

#define E(...) dis_emit(o, __VA_ARGS__)

static const char sfx[4][2] = { "b", "h", "", "" };

/* CAS family (size 001000 1 L 1 Rs o0 11111 Rn Rt) and CASP */
static bool lse_cas(struct dis *o, uint32_t w)
{
    unsigned size = bits(w, 31, 30), l = bits(w, 22, 22), o0 = bits(w, 15, 15);
    unsigned rs = bits(w, 20, 16), rn = bits(w, 9, 5), rt = bits(w, 4, 0);
    if (bits(w, 14, 10) != 31)
        return false;
    const char *ord = l ? (o0 ? "al" : "a") : (o0 ? "l" : "");
    if (bits(w, 23, 23)) {
        bool x = size == 3;
        E("cas%s%s\t%s, %s, [%s]", ord, sfx[size], dis_x(rs, x), dis_x(rt, x), dis_xsp(rn, 1));
        return true;
    }
    if (size >= 2 || (rs & 1) || (rt & 1))
        return false;
    bool x = size == 1;
    E("casp%s\t%s, %s, %s, %s, [%s]", ord, dis_x(rs, x), dis_x(rs + 1, x), dis_x(rt, x), dis_x(rt + 1, x), dis_xsp(rn, 1));
    return true;
}

/* atomic memory operations: size 111 0 00 A R 1 Rs o3 opc 00 Rn Rt */
static bool lse_amo(struct dis *o, uint32_t w)
{
    unsigned size = bits(w, 31, 30), a = bits(w, 23, 23), r = bits(w, 22, 22);
    unsigned rs = bits(w, 20, 16), o3 = bits(w, 15, 15), opc = bits(w, 14, 12);
    unsigned rn = bits(w, 9, 5), rt = bits(w, 4, 0);
    static const char *const ops[8] = { "add", "clr", "eor", "set", "smax", "smin", "umax", "umin" };
    bool x = size == 3;
    const char *ord = a ? (r ? "al" : "a") : (r ? "l" : "");
    if (bits(w, 26, 26))
        return false;
    if (o3) {
        if (opc == 0) {
            E("swp%s%s\t%s, %s, [%s]", ord, sfx[size], dis_x(rs, x), dis_x(rt, x), dis_xsp(rn, 1));
            if (rt == 31 && a)
                snprintf(o->comment, sizeof o->comment, "acquire semantics dropped since destination is zero");
            return true;
        }
        if (opc == 4 && a && !r && rs == 31) {
            E("ldapr%s\t%s, [%s]", sfx[size], dis_x(rt, x), dis_xsp(rn, 1));
            return true;
        }
        return false;
    }
    if (rt == 31 && !a) {
        E("st%s%s%s\t%s, [%s]", ops[opc], r ? "l" : "", sfx[size], dis_x(rs, x), dis_xsp(rn, 1));
        return true;
    }
    E("ld%s%s%s\t%s, %s, [%s]", ops[opc], ord, sfx[size], dis_x(rs, x), dis_x(rt, x), dis_xsp(rn, 1));
    if (rt == 31 && a)
        snprintf(o->comment, sizeof o->comment, "acquire semantics dropped since destination is zero");
    return true;
}

/* MTE tag loads/stores: 11011001 opc 1 imm9 op2 Rn Rt */
static bool mte_ldst(struct dis *o, uint32_t w)
{
    unsigned opc = bits(w, 23, 22), op2 = bits(w, 11, 10), rn = bits(w, 9, 5), rt = bits(w, 4, 0);
    int64_t imm = sbits(w, 20, 12) * 16;
    const char *base = dis_xsp(rn, 1);
    if (op2 == 0) {
        static const char *const nm[4] = { "stzgm", "ldg", "stgm", "ldgm" };
        if (opc != 1 && imm)
            return false;
        if (opc == 1) {
            if (imm)
                E("ldg\t%s, [%s, #%s]", dis_x(rt, 1), base, dis_hex(imm));
            else
                E("ldg\t%s, [%s]", dis_x(rt, 1), base);
        } else {
            E("%s\t%s, [%s]", nm[opc], dis_x(rt, 1), base);
        }
        return true;
    }
    static const char *const nm[4] = { "stg", "stzg", "st2g", "stz2g" };
    const char *t = dis_xsp(rt, 1);
    if (op2 == 1)
        E("%s\t%s, [%s], #%s", nm[opc], t, base, dis_hex(imm));
    else if (op2 == 3)
        E("%s\t%s, [%s, #%s]!", nm[opc], t, base, dis_hex(imm));
    else if (imm)
        E("%s\t%s, [%s, #%s]", nm[opc], t, base, dis_hex(imm));
    else
        E("%s\t%s, [%s]", nm[opc], t, base);
    return true;
}

static const char *const sve_pat[32] = {
    "pow2", "vl1", "vl2", "vl3", "vl4", "vl5", "vl6", "vl7", "vl8", "vl16", "vl32",
    "vl64", "vl128", "vl256", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, NULL, NULL, NULL, NULL, "mul4", "mul3", "all",
};

static void sve_pattern(struct dis *o, unsigned p)
{
    if (sve_pat[p])
        E("%s", sve_pat[p]);
    else
        E("#%s", dis_hex(p));
}

/* the SVE forms in glibc's memcpy/memset/strlen variants */
static bool sve(struct dis *o, uint32_t w)
{
    unsigned rn = bits(w, 9, 5), rd = bits(w, 4, 0), pg = bits(w, 12, 10), sz = bits(w, 23, 22);
    static const char szc[4] = { 'b', 'h', 's', 'd' };
    if ((w & 0xfff0e000u) == 0xa400a000u || (w & 0xfff0e000u) == 0xe400e000u) {
        bool ld = (w >> 28) == 0xa;
        int64_t imm = sbits(w, 19, 16);
        E("%s\t{ z%u.b }, p%u%s, [%s", ld ? "ld1b" : "st1b", rd, pg, ld ? "/z" : "", dis_xsp(rn, 1));
        if (imm)
            E(", #%s, mul vl]", dis_hex(imm));
        else
            E("]");
        return true;
    }
    if (((w & 0xffe0e000u) == 0xa4004000u || (w & 0xffe0e000u) == 0xe4004000u) &&
        bits(w, 20, 16) != 31) {     /* Rm = 31 is unallocated in the scalar-plus-scalar form */
        bool ld = (w >> 28) == 0xa;
        E("%s\t{ z%u.b }, p%u%s, [%s, %s]", ld ? "ld1b" : "st1b", rd, pg, ld ? "/z" : "",
          dis_xsp(rn, 1), dis_x(bits(w, 20, 16), 1));
        return true;
    }
    if ((w & 0xff20ec10u) == 0x25200c00u) {
        bool x = bits(w, 12, 12);
        E("whilelo\tp%u.%c, %s, %s", bits(w, 3, 0), szc[sz], dis_x(rn, x), dis_x(bits(w, 20, 16), x));
        return true;
    }
    if ((w & 0xff3ffc10u) == 0x2518e000u) {
        unsigned pat = bits(w, 9, 5);
        E("ptrue\tp%u.%c", bits(w, 3, 0), szc[sz]);
        if (pat != 31) {
            E(", ");
            sve_pattern(o, pat);
        }
        return true;
    }
    if ((w & 0xff30fc00u) == 0x0420e000u) {
        unsigned pat = bits(w, 9, 5), mul = bits(w, 19, 16) + 1;
        E("cnt%c\t%s", "bhwd"[sz], dis_x(rd, 1));
        if (pat != 31 || mul != 1) {
            E(", ");
            sve_pattern(o, pat);
        }
        if (mul != 1)
            E(", mul #%s", dis_hex(mul));
        return true;
    }
    if ((w & 0xff3ffc00u) == 0x05203800u) {
        E("mov\tz%u.%c, %s", rd, szc[sz], dis_xsp(rn, sz == 3));
        return true;
    }
    return false;
}

/* FEAT_MOPS memcpy/memset instructions (busybox's memcpy carries them) */
static bool mops(struct dis *o, uint32_t w)
{
    unsigned op1 = bits(w, 23, 22), op2 = bits(w, 15, 12);
    unsigned rs = bits(w, 20, 16), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    bool cpy = bits(w, 26, 26);
    static const char stage[3] = { 'p', 'm', 'e' };
    if (bits(w, 31, 30))
        return false;
    /* the registers must differ, and only SET's source may be XZR */
    if (rd == 31 || rn == 31 || rd == rn || rd == rs || rn == rs || (op1 != 3 && rs == 31))
        return false;
    if (op1 == 3) {
        static const char *const sx[4] = { "", "t", "n", "tn" };
        if ((op2 >> 2) == 3)
            return false;
        E("set%s%c%s\t[%s]!, %s!, %s", cpy ? "g" : "", stage[op2 >> 2], sx[op2 & 3],
          dis_x(rd, 1), dis_x(rn, 1), dis_x(rs, 1));
        return true;
    }
    /* op2: read/write unprivileged (bits 1, 0), read/write non-temporal
     * (bits 3, 2); llvm spells the unprivileged part first */
    static const char *const up[4] = { "", "wt", "rt", "t" };
    static const char *const nt[4] = { "", "wn", "rn", "n" };
    E("cpy%s%c%s%s\t[%s]!, [%s]!, %s!", cpy ? "" : "f", stage[op1], up[op2 & 3], nt[op2 >> 2],
      dis_x(rd, 1), dis_x(rs, 1), dis_x(rn, 1));
    return true;
}

/* Exception generation to EL2/EL3 and debug state, and SYSL: defined
 * encodings that are undefined on a CPU with EL0/EL1 only. */
static bool el23(struct dis *o, uint32_t w)
{
    unsigned imm = bits(w, 20, 5);
    if ((w & 0xffe0001eu) == 0xd4000002u) {
        E("%s\t#%s", (w & 1) ? "smc" : "hvc", imm ? dis_hex(imm) : "0");
        return true;
    }
    if ((w & 0xffe0001cu) == 0xd4a00000u && (w & 3)) {
        E("dcps%u", w & 3);
        if (imm)
            E("\t#%s", dis_hex(imm));
        return true;
    }
    if ((w & 0xfff80000u) == 0xd5280000u) {
        E("sysl\t%s, #%s, c%u, c%u, #%s", dis_x(bits(w, 4, 0), 1), dis_hex(bits(w, 18, 16)),
          bits(w, 15, 12), bits(w, 11, 8), dis_hex(bits(w, 7, 5)));
        return true;
    }
    return false;
}

bool a64_disasm_ext(struct dis *o, uint32_t w)
{
    if (el23(o, w))
        return true;
    if ((w & 0x3b200c00u) == 0x19000400u)
        return mops(o, w);
    if ((w & 0x3f200000u) == 0x08200000u && (bits(w, 23, 23) || !bits(w, 31, 31)))
        return lse_cas(o, w);
    if ((w & 0x3b200c00u) == 0x38200000u)
        return lse_amo(o, w);
    if ((w & 0xff200000u) == 0xd9200000u)
        return mte_ldst(o, w);
    if ((w & 0xffe0f800u) == 0x9ac01000u) {
        unsigned rm = bits(w, 20, 16), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
        if (bits(w, 10, 10))
            E("gmi\t%s, %s, %s", dis_x(rd, 1), dis_xsp(rn, 1), dis_x(rm, 1));
        else if (rm == 31)
            E("irg\t%s, %s", dis_xsp(rd, 1), dis_xsp(rn, 1));
        else
            E("irg\t%s, %s, %s", dis_xsp(rd, 1), dis_xsp(rn, 1), dis_x(rm, 1));
        return true;
    }
    if ((w & 0xffc00000u) == 0x69000000u) {
        E("stgp\t%s, %s, [%s", dis_x(bits(w, 4, 0), 1), dis_x(bits(w, 14, 10), 1), dis_xsp(bits(w, 9, 5), 1));
        int64_t imm = sbits(w, 21, 15) * 16;
        if (imm)
            E(", #%s]", dis_hex(imm));
        else
            E("]");
        return true;
    }
    return sve(o, w);
}
