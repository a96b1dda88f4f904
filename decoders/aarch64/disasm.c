/* aarch64 disassembler: llvm-objdump-19's text (aliases as llvm prints
 * them, immediates in hex where llvm uses hex, branch targets as absolute
 * addresses without the <symbol> part).  Integer, branch, system and
 * load/store groups live here; FP and SIMD in disasm_fp.c. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "disasm.h"

void dis_emit(struct dis *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->n < sizeof o->buf ? sizeof o->buf - o->n : 0;
    int k = vsnprintf(o->buf + o->n, room, fmt, ap);
    va_end(ap);
    if (k > 0)
        o->n += (size_t)k < room ? (size_t)k : room ? room - 1 : 0;
}

const char *dis_x(unsigned r, bool sf)
{
    static char b[8][8];
    static unsigned i;
    if (r == 31)
        return sf ? "xzr" : "wzr";
    char *p = b[i++ & 7];
    snprintf(p, 8, "%c%u", sf ? 'x' : 'w', r);
    return p;
}

const char *dis_xsp(unsigned r, bool sf)
{
    if (r == 31)
        return sf ? "sp" : "wsp";
    return dis_x(r, sf);
}

/* llvm's formatImm in hex: -0x10 for negative values */
const char *dis_hex(int64_t v)
{
    static char b[8][24];
    static unsigned i;
    char *p = b[i++ & 7];
    if (v < 0)
        snprintf(p, 24, "-0x%" PRIx64, -(uint64_t)v);
    else
        snprintf(p, 24, "0x%" PRIx64, (uint64_t)v);
    return p;
}

static const char *const conds[16] = {
    "eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc",
    "hi", "ls", "ge", "lt", "gt", "le", "al", "nv",
};
const char *dis_cond(unsigned c) { return conds[c & 15]; }
static const char *const shifts[4] = { "lsl", "lsr", "asr", "ror" };
static const char *const extends[8] = { "uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx" };

#define E(...) dis_emit(o, __VA_ARGS__)

static void comment_dec(struct dis *o, int64_t v)
{
    snprintf(o->comment, sizeof o->comment, "=%" PRId64, v);
}

static bool movz_alias(uint64_t v, unsigned shift, unsigned width)
{
    if (width == 32)
        v &= 0xffffffffu;
    if (v == 0 && shift != 0)
        return false;
    return (v & ~(0xffffull << shift)) == 0;
}
static bool movn_alias(uint64_t v, unsigned shift, unsigned width)
{
    if (movz_alias(v, shift, width))
        return false;
    v = ~v;
    if (width == 32)
        v &= 0xffffffffu;
    return movz_alias(v, shift, width);
}
static bool any_movw_alias(uint64_t v, unsigned width)
{
    for (unsigned sh = 0; sh < width; sh += 16)
        if (movz_alias(v, sh, width) || movn_alias(v, sh, width))
            return true;
    return false;
}
static int64_t sext_w(uint64_t v, unsigned width)
{
    return width == 32 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
}

static void d_addi(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30), S = bits(w, 29, 29);
    unsigned sh = bits(w, 22, 22), imm = bits(w, 21, 10), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    const char *rdn = S ? dis_x(rd, sf) : dis_xsp(rd, sf);
    if (!op && !S && !sh && !imm && (rd == 31 || rn == 31)) {
        E("mov\t%s, %s", rdn, dis_xsp(rn, sf));
        return;
    }
    if (S && rd == 31)
        E("%s\t%s, #%s", op ? "cmp" : "cmn", dis_xsp(rn, sf), dis_hex(imm));
    else
        E("%s\t%s, %s, #%s", op ? (S ? "subs" : "sub") : (S ? "adds" : "add"), rdn,
          dis_xsp(rn, sf), dis_hex(imm));
    if (sh) {
        E(", lsl #12");
        snprintf(o->comment, sizeof o->comment, "=0x%x", imm << 12);
    }
}

static void d_logi(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 30, 29), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    unsigned width = sf ? 64 : 32;
    uint64_t imm;
    if (!a64_logimm(w, &imm)) {
        o->bad = true;
        return;
    }
    static const char *const nm[4] = { "and", "orr", "eor", "ands" };
    if (opc == 3 && rd == 31) {
        E("tst\t%s, #0x%" PRIx64, dis_x(rn, sf), imm);
        return;
    }
    if (opc == 1 && rn == 31 && !any_movw_alias(imm, width)) {
        E("mov\t%s, #%s", dis_xsp(rd, sf), dis_hex(sext_w(imm, width)));
        comment_dec(o, sext_w(imm, width));
        return;
    }
    E("%s\t%s, %s, #0x%" PRIx64, nm[opc], opc == 3 ? dis_x(rd, sf) : dis_xsp(rd, sf),
      dis_x(rn, sf), imm);
}

static void d_movw(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 30, 29), hw = bits(w, 22, 21);
    unsigned imm = bits(w, 20, 5), rd = bits(w, 4, 0), width = sf ? 64 : 32;
    if (opc == 1 || (!sf && hw >= 2)) {
        o->bad = true;
        return;
    }
    uint64_t v = (uint64_t)imm << (16 * hw);
    if (opc == 2 && movz_alias(v, 16 * hw, width)) {
        E("mov\t%s, #%s", dis_x(rd, sf), dis_hex(sext_w(v, width)));
        comment_dec(o, sext_w(v, width));
        return;
    }
    if (opc == 0) {
        uint64_t nv = ~v;
        if (width == 32)
            nv &= 0xffffffffu;
        if (movn_alias(nv, 16 * hw, width)) {
            E("mov\t%s, #%s", dis_x(rd, sf), dis_hex(sext_w(nv, width)));
            comment_dec(o, sext_w(nv, width));
            return;
        }
    }
    static const char *const nm[4] = { "movn", "", "movz", "movk" };
    E("%s\t%s, #%s", nm[opc], dis_x(rd, sf), dis_hex(imm));
    if (hw)
        E(", lsl #%u", 16 * hw);
}

static void d_bfm(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 30, 29), n = bits(w, 22, 22);
    unsigned immr = bits(w, 21, 16), imms = bits(w, 15, 10), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    unsigned width = sf ? 64 : 32;
    if (opc == 3 || n != sf || (!sf && (immr >= 32 || imms >= 32))) {
        o->bad = true;
        return;
    }
    const char *d = dis_x(rd, sf), *s = dis_x(rn, sf);
    if (opc == 1) {
        /* llvm-objdump prints BFC only with v8.2a enabled, which its
         * default feature set lacks */
        if (imms < immr)
            E("bfi\t%s, %s, #%u, #%u", d, s, (width - immr) % width, imms + 1);
        else
            E("bfxil\t%s, %s, #%u, #%u", d, s, immr, imms - immr + 1);
        return;
    }
    bool sgn = opc == 0;
    if (immr == 0) {
        const char *m = NULL;
        if (imms == 7)
            m = sgn ? "sxtb" : (!sf ? "uxtb" : NULL);
        else if (imms == 15)
            m = sgn ? "sxth" : (!sf ? "uxth" : NULL);
        else if (imms == 31 && sf && sgn)
            m = "sxtw";
        if (m) {
            E("%s\t%s, %s", m, d, dis_x(rn, false));
            return;
        }
    }
    if (!sgn && imms != width - 1 && imms + 1 == immr) {
        E("lsl\t%s, %s, #%u", d, s, width - 1 - imms);
        return;
    }
    if (imms == width - 1) {
        E("%s\t%s, %s, #%u", sgn ? "asr" : "lsr", d, s, immr);
        return;
    }
    if (immr > imms)
        E("%s\t%s, %s, #%u, #%u", sgn ? "sbfiz" : "ubfiz", d, s, width - immr, imms + 1);
    else
        E("%s\t%s, %s, #%u, #%u", sgn ? "sbfx" : "ubfx", d, s, immr, imms - immr + 1);
}

static void d_extr(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), rm = bits(w, 20, 16), imms = bits(w, 15, 10);
    unsigned rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (bits(w, 22, 22) != sf || (!sf && imms >= 32)) {
        o->bad = true;
        return;
    }
    if (rn == rm)
        E("ror\t%s, %s, #%s", dis_x(rd, sf), dis_x(rn, sf), dis_hex(imms));
    else
        E("extr\t%s, %s, %s, #%s", dis_x(rd, sf), dis_x(rn, sf), dis_x(rm, sf), dis_hex(imms));
}

static void shifted(struct dis *o, unsigned type, unsigned amt)
{
    if (type || amt)
        E(", %s #%u", shifts[type], amt);
}

static void d_logr(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 29) << 1 | bits(w, 21, 21);
    unsigned type = bits(w, 23, 22), rm = bits(w, 20, 16), amt = bits(w, 15, 10);
    unsigned rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (!sf && amt >= 32) {
        o->bad = true;
        return;
    }
    static const char *const nm[8] = { "and", "bic", "orr", "orn", "eor", "eon", "ands", "bics" };
    if (op == 2 && rn == 31 && !type && !amt) {
        E("mov\t%s, %s", dis_x(rd, sf), dis_x(rm, sf));
        return;
    }
    if (op == 3 && rn == 31)
        E("mvn\t%s, %s", dis_x(rd, sf), dis_x(rm, sf));
    else if (op == 6 && rd == 31)
        E("tst\t%s, %s", dis_x(rn, sf), dis_x(rm, sf));
    else
        E("%s\t%s, %s, %s", nm[op], dis_x(rd, sf), dis_x(rn, sf), dis_x(rm, sf));
    shifted(o, type, amt);
}

static void d_addr(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30), S = bits(w, 29, 29);
    unsigned type = bits(w, 23, 22), rm = bits(w, 20, 16), amt = bits(w, 15, 10);
    unsigned rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (type == 3 || (!sf && amt >= 32)) {
        o->bad = true;
        return;
    }
    if (S && rd == 31)
        E("%s\t%s, %s", op ? "cmp" : "cmn", dis_x(rn, sf), dis_x(rm, sf));
    else if (op && rn == 31)
        E("%s\t%s, %s", S ? "negs" : "neg", dis_x(rd, sf), dis_x(rm, sf));
    else
        E("%s\t%s, %s, %s", op ? (S ? "subs" : "sub") : (S ? "adds" : "add"),
          dis_x(rd, sf), dis_x(rn, sf), dis_x(rm, sf));
    shifted(o, type, amt);
}

static void d_addx(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30), S = bits(w, 29, 29);
    unsigned rm = bits(w, 20, 16), opt = bits(w, 15, 13), amt = bits(w, 12, 10);
    unsigned rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (amt > 4) {
        o->bad = true;
        return;
    }
    bool mx = sf && (opt & 3) == 3;
    const char *m = dis_x(rm, mx);
    if (S && rd == 31)
        E("%s\t%s, %s", op ? "cmp" : "cmn", dis_xsp(rn, sf), m);
    else
        E("%s\t%s, %s, %s", op ? (S ? "subs" : "sub") : (S ? "adds" : "add"),
          S ? dis_x(rd, sf) : dis_xsp(rd, sf), dis_xsp(rn, sf), m);
    bool spform = (rd == 31 && !S) || rn == 31;
    if (spform && opt == (sf ? 3u : 2u)) {
        if (amt)
            E(", lsl #%u", amt);
        return;
    }
    E(", %s", extends[opt]);
    if (amt)
        E(" #%u", amt);
}

static void d_adc(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30), S = bits(w, 29, 29);
    unsigned rm = bits(w, 20, 16), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (op && rn == 31)
        E("%s\t%s, %s", S ? "ngcs" : "ngc", dis_x(rd, sf), dis_x(rm, sf));
    else
        E("%s\t%s, %s, %s", op ? (S ? "sbcs" : "sbc") : (S ? "adcs" : "adc"),
          dis_x(rd, sf), dis_x(rn, sf), dis_x(rm, sf));
}

static void d_ccmp(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30), rm = bits(w, 20, 16);
    unsigned cond = bits(w, 15, 12), rn = bits(w, 9, 5), nzcv = bits(w, 3, 0);
    if (bits(w, 11, 11))
        E("%s\t%s, #%s, #%s, %s", op ? "ccmp" : "ccmn", dis_x(rn, sf), dis_hex(rm), dis_hex(nzcv), conds[cond]);
    else
        E("%s\t%s, %s, #%s, %s", op ? "ccmp" : "ccmn", dis_x(rn, sf), dis_x(rm, sf), dis_hex(nzcv), conds[cond]);
}

static void d_csel(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), op = bits(w, 30, 30) << 1 | bits(w, 10, 10);
    unsigned rm = bits(w, 20, 16), cond = bits(w, 15, 12), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    static const char *const nm[4] = { "csel", "csinc", "csinv", "csneg" };
    if (op && rm == rn && cond < 14) {
        if (op == 1 && rn == 31) {
            E("cset\t%s, %s", dis_x(rd, sf), conds[cond ^ 1]);
            return;
        }
        if (op == 2 && rn == 31) {
            E("csetm\t%s, %s", dis_x(rd, sf), conds[cond ^ 1]);
            return;
        }
        static const char *const al[4] = { "", "cinc", "cinv", "cneg" };
        E("%s\t%s, %s, %s", al[op], dis_x(rd, sf), dis_x(rn, sf), conds[cond ^ 1]);
        return;
    }
    E("%s\t%s, %s, %s, %s", nm[op], dis_x(rd, sf), dis_x(rn, sf), dis_x(rm, sf), conds[cond]);
}

static void d_dp2(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 15, 10);
    unsigned rm = bits(w, 20, 16), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    static const char *const nm[12] = { 0, 0, "udiv", "sdiv", 0, 0, 0, 0, "lsl", "lsr", "asr", "ror" };
    if (opc < 12 && nm[opc]) {
        E("%s\t%s, %s, %s", nm[opc], dis_x(rd, sf), dis_x(rn, sf), dis_x(rm, sf));
        return;
    }
    if ((opc >> 3) == 2) {
        unsigned sz = opc & 3;
        if ((sz == 3) != (sf == 1)) {
            o->bad = true;
            return;
        }
        static const char *const sfx = "bhwx";
        E("crc32%s%c\t%s, %s, %s", (opc & 4) ? "c" : "", sfx[sz], dis_x(rd, false), dis_x(rn, false), dis_x(rm, sz == 3));
        return;
    }
    o->bad = true;
}

static void d_dp1(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), opc = bits(w, 15, 10), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    const char *m = NULL;
    switch (opc) {
    case 0: m = "rbit"; break;
    case 1: m = "rev16"; break;
    case 2: m = sf ? "rev32" : "rev"; break;
    case 3: m = sf ? "rev" : NULL; break;
    case 4: m = "clz"; break;
    case 5: m = "cls"; break;
    }
    if (!m) {
        o->bad = true;
        return;
    }
    E("%s\t%s, %s", m, dis_x(rd, sf), dis_x(rn, sf));
}

static void d_dp3(struct dis *o, uint32_t w)
{
    unsigned sf = bits(w, 31, 31), op31 = bits(w, 23, 21), o0 = bits(w, 15, 15);
    unsigned rm = bits(w, 20, 16), ra = bits(w, 14, 10), rn = bits(w, 9, 5), rd = bits(w, 4, 0);
    if (op31 == 0) {
        if (ra == 31)
            E("%s\t%s, %s, %s", o0 ? "mneg" : "mul", dis_x(rd, sf), dis_x(rn, sf), dis_x(rm, sf));
        else
            E("%s\t%s, %s, %s, %s", o0 ? "msub" : "madd", dis_x(rd, sf), dis_x(rn, sf), dis_x(rm, sf), dis_x(ra, sf));
        return;
    }
    if (!sf) {
        o->bad = true;
        return;
    }
    const char *l = NULL, *al = NULL;
    switch (op31 << 1 | o0) {
    case 2: l = "smaddl"; al = "smull"; break;
    case 3: l = "smsubl"; al = "smnegl"; break;
    case 10: l = "umaddl"; al = "umull"; break;
    case 11: l = "umsubl"; al = "umnegl"; break;
    case 4: E("smulh\t%s, %s, %s", dis_x(rd, 1), dis_x(rn, 1), dis_x(rm, 1)); return;
    case 12: E("umulh\t%s, %s, %s", dis_x(rd, 1), dis_x(rn, 1), dis_x(rm, 1)); return;
    default: o->bad = true; return;
    }
    if (ra == 31)
        E("%s\t%s, %s, %s", al, dis_x(rd, 1), dis_x(rn, 0), dis_x(rm, 0));
    else
        E("%s\t%s, %s, %s, %s", l, dis_x(rd, 1), dis_x(rn, 0), dis_x(rm, 0), dis_x(ra, 1));
}

static void d_branch(struct dis *o, enum a64_op op, uint32_t w, uint64_t pc)
{
    switch (op) {
    case A64_B: E("b\t0x%" PRIx64, pc + (uint64_t)(sbits(w, 25, 0) * 4)); break;
    case A64_BL: E("bl\t0x%" PRIx64, pc + (uint64_t)(sbits(w, 25, 0) * 4)); break;
    case A64_BR: E("br\t%s", dis_x(bits(w, 9, 5), 1)); break;
    case A64_BLR: E("blr\t%s", dis_x(bits(w, 9, 5), 1)); break;
    case A64_RET:
        if (bits(w, 9, 5) == 30)
            E("ret");
        else
            E("ret\t%s", dis_x(bits(w, 9, 5), 1));
        break;
    case A64_CBZ:
        E("%s\t%s, 0x%" PRIx64, bits(w, 24, 24) ? "cbnz" : "cbz", dis_x(bits(w, 4, 0), bits(w, 31, 31)),
          pc + (uint64_t)(sbits(w, 23, 5) * 4));
        break;
    case A64_TBZ:
        E("%s\t%s, #%s, 0x%" PRIx64, bits(w, 24, 24) ? "tbnz" : "tbz", dis_x(bits(w, 4, 0), bits(w, 31, 31)),
          dis_hex(bits(w, 31, 31) << 5 | bits(w, 23, 19)), pc + (uint64_t)(sbits(w, 18, 5) * 4));
        break;
    case A64_BCOND:
        E("b.%s\t0x%" PRIx64, conds[bits(w, 3, 0)], pc + (uint64_t)(sbits(w, 23, 5) * 4));
        break;
    default:
        o->bad = true;
    }
    if (op == A64_BR || op == A64_BLR || op == A64_RET)
        if (bits(w, 11, 10))
            o->bad = true;
}

/* ---- system ---- */
enum { SR_R = 1, SR_W = 2, SR_RW = 3 };
static const struct sysreg_name { uint16_t enc; const char *name; uint8_t rw; } sysregs[] = {
#include "sysregs.inc"
};

/* a system register by op0:op1:CRn:CRm:op2; write: the name MSR uses */
static void sysreg(struct dis *o, unsigned enc, bool write)
{
    for (unsigned i = 0; i < sizeof sysregs / sizeof sysregs[0]; i++)
        if (sysregs[i].enc == enc && (sysregs[i].rw & (write ? SR_W : SR_R))) {
            E("%s", sysregs[i].name);
            return;
        }
    E("S%u_%u_C%u_C%u_%u", enc >> 14, (enc >> 11) & 7, (enc >> 7) & 15, (enc >> 3) & 15, enc & 7);
}

enum { SO_REG, SO_NOREG, SO_XZR };
static const struct sysop_name { uint16_t enc; const char *name; uint8_t kind; } sysops[] = {
#include "sysops.inc"
};

static const char *const barrier_opts[16] = {
    "#0x0", "oshld", "oshst", "osh", "#0x4", "nshld", "nshst", "nsh",
    "#0x8", "ishld", "ishst", "ish", "#0xc", "ld", "st", "sy",
};

static void d_hint(struct dis *o, uint32_t w)
{
    unsigned imm = bits(w, 11, 5);
    static const char *const nm[] = {
        [0] = "nop", [1] = "yield", [2] = "wfe", [3] = "wfi", [4] = "sev", [5] = "sevl",
        [6] = "dgh", [7] = "xpaclri", [8] = "pacia1716", [10] = "pacib1716",
        [12] = "autia1716", [14] = "autib1716", [16] = "esb", [17] = "psb\tcsync",
        [18] = "tsb\tcsync", [19] = "gcsb\tdsync", [20] = "csdb", [22] = "clrbhb",
        [24] = "paciaz", [25] = "paciasp", [26] = "pacibz", [27] = "pacibsp",
        [28] = "autiaz", [29] = "autiasp", [30] = "autibz", [31] = "autibsp",
        [32] = "bti", [34] = "bti\tc", [36] = "bti\tj", [38] = "bti\tjc",
        [39] = "chkfeat\tx16",
    };
    if (imm < sizeof nm / sizeof nm[0] && nm[imm])
        E("%s", nm[imm]);
    else
        E("hint\t#%s", dis_hex(imm));
}

static void d_sys(struct dis *o, enum a64_op op, uint32_t w)
{
    unsigned crm = bits(w, 11, 8);
    switch (op) {
    case A64_KCALL: E("<unknown>"); o->bad = true; return;
    case A64_ERET: E("eret"); return;
    case A64_HINT: d_hint(o, w); return;
    case A64_CLREX:
        if (crm == 15) E("clrex"); else E("clrex\t#%s", dis_hex(crm));
        return;
    case A64_DSB:
        if (crm == 0) { E("ssbb"); return; }
        if (crm == 4) { E("pssbb"); return; }
        E("dsb\t%s", barrier_opts[crm]);
        return;
    case A64_DMB: E("dmb\t%s", barrier_opts[crm]); return;
    case A64_ISB:
        if (crm == 15) E("isb"); else E("isb\t#%u", crm);
        return;
    case A64_SVC: case A64_BRK: case A64_HLT: {
        unsigned imm = bits(w, 20, 5);
        const char *m = op == A64_SVC ? "svc" : op == A64_BRK ? "brk" : "hlt";
        if (imm)
            E("%s\t#%s", m, dis_hex(imm));
        else
            E("%s\t#0", m);
        return;
    }
    case A64_UDF: E("udf\t#%s", dis_hex(bits(w, 15, 0))); return;
    case A64_MRS:
        E("mrs\t%s, ", dis_x(bits(w, 4, 0), 1));
        sysreg(o, bits(w, 20, 5), false);
        return;
    case A64_MSR:
        E("msr\t");
        sysreg(o, bits(w, 20, 5), true);
        E(", %s", dis_x(bits(w, 4, 0), 1));
        return;
    case A64_MSRI: {
        unsigned op1 = bits(w, 18, 16), op2 = bits(w, 7, 5);
        const char *f = NULL;
        if (op1 == 0 && op2 == 5) f = "SPSel";
        else if (op1 == 3 && op2 == 6) f = "DAIFSet";
        else if (op1 == 3 && op2 == 7) f = "DAIFClr";
        else if (op1 == 0 && op2 == 3) f = "UAO";
        else if (op1 == 0 && op2 == 4) f = "PAN";
        else if (op1 == 3 && op2 == 2) f = "DIT";
        else if (op1 == 3 && op2 == 1) f = "SSBS";
        else if (op1 == 3 && op2 == 4) f = "TCO";
        if (op1 == 0 && op2 == 0 && crm == 0) { E("cfinv"); return; }
        if (op1 == 0 && op2 == 1 && crm == 0) { E("xaflag"); return; }
        if (op1 == 0 && op2 == 2 && crm == 0) { E("axflag"); return; }
        if (f)
            E("msr\t%s, #%s", f, dis_hex(crm));
        else
            E("msr\tS0_%u_C4_C%u_%u, xzr", op1, crm, op2);
        return;
    }
    case A64_SYS: {
        unsigned op1 = bits(w, 18, 16), crn = bits(w, 15, 12), op2 = bits(w, 7, 5), rt = bits(w, 4, 0);
        if (bits(w, 21, 21)) {
            E("sysl\t%s, #%s, c%u, c%u, #%s", dis_x(rt, 1), dis_hex(op1), crn, crm, dis_hex(op2));
            return;
        }
        unsigned enc = bits(w, 18, 5);
        for (unsigned i = 0; i < sizeof sysops / sizeof sysops[0]; i++) {
            const struct sysop_name *so = &sysops[i];
            if (so->enc != enc || (so->kind == SO_XZR && rt != 31))
                continue;
            E("%s", so->name);
            if (so->kind == SO_REG)
                E(", %s", dis_x(rt, 1));
            return;
        }
        E("sys\t#%s, c%u, c%u, #%s", dis_hex(op1), crn, crm, dis_hex(op2));
        if (rt != 31)
            E(", %s", dis_x(rt, 1));
        return;
    }
    default:
        o->bad = true;
    }
}

/* ---- loads and stores ---- */
static const char *vreg(unsigned r, unsigned lg)
{
    static char b[8][8];
    static unsigned i;
    char *p = b[i++ & 7];
    snprintf(p, 8, "%c%u", "bhsdq"[lg], r);
    return p;
}

static void prfop(struct dis *o, unsigned rt)
{
    static const char *const ty[4] = { "pld", "pli", "pst", NULL };
    unsigned t = rt >> 3, tgt = (rt >> 1) & 3, pol = rt & 1;
    if (ty[t])
        E("%s%s%s", ty[t], (const char *[]){ "l1", "l2", "l3", "slc" }[tgt], pol ? "strm" : "keep");
    else
        E("#%s", dis_hex(rt));
}

/* mnemonic and register text of one single-register load/store */
static bool ldst_names(struct dis *o, unsigned size, unsigned v, unsigned opc, unsigned rt,
                       const char *base, const char **rtext, unsigned *scale, bool *prfm)
{
    static char nm[16];
    *prfm = false;
    if (v) {
        unsigned lg = size;
        if (opc >= 2) {
            if (size)
                return false;
            lg = 4;
        }
        *scale = lg;
        snprintf(nm, sizeof nm, "%s%s", (opc & 1) ? "ld" : "st", base);
        *rtext = vreg(rt, lg);
        o->mn = nm;
        return true;
    }
    *scale = size;
    static const char *const sfx[4] = { "b", "h", "", "" };
    if (opc == 0 || opc == 1) {
        snprintf(nm, sizeof nm, "%s%s%s", opc ? "ld" : "st", base, sfx[size]);
        *rtext = dis_x(rt, size == 3);
    } else if (size == 3) {
        if (opc != 2)
            return false;
        *prfm = true;
        snprintf(nm, sizeof nm, "prf%s", base[0] == 'r' ? "m" : "um");
        *rtext = "";
    } else if (size == 2) {
        if (opc != 2)
            return false;
        snprintf(nm, sizeof nm, "ld%ssw", base);
        *rtext = dis_x(rt, 1);
    } else {
        snprintf(nm, sizeof nm, "ld%ss%s", base, sfx[size]);
        *rtext = dis_x(rt, opc == 2);
    }
    o->mn = nm;
    return true;
}

static void put_rt(struct dis *o, const char *rt, bool prfm, unsigned rtn)
{
    if (prfm)
        prfop(o, rtn);
    else
        E("%s", rt);
}

static void d_ldst(struct dis *o, enum a64_op op, uint32_t w, uint64_t pc)
{
    unsigned size = bits(w, 31, 30), v = bits(w, 26, 26), opc = bits(w, 23, 22);
    unsigned rt = bits(w, 4, 0), rn = bits(w, 9, 5), scale;
    const char *rtext;
    bool prfm;
    const char *base = dis_xsp(rn, 1);
    switch (op) {
    case A64_LDLIT: {
        uint64_t t = pc + (uint64_t)(sbits(w, 23, 5) * 4);
        if (v) {
            if (size == 3) { o->bad = true; return; }
            E("ldr\t%s, 0x%" PRIx64, vreg(rt, size + 2), t);
        } else if (size == 3) {
            E("prfm\t");
            prfop(o, rt);
            E(", 0x%" PRIx64, t);
        } else {
            E("%s\t%s, 0x%" PRIx64, size == 2 ? "ldrsw" : "ldr", dis_x(rt, size != 0), t);
        }
        return;
    }
    case A64_LDRU:
        if (!ldst_names(o, size, v, opc, rt, "r", &rtext, &scale, &prfm)) { o->bad = true; return; }
        E("%s\t", o->mn);
        put_rt(o, rtext, prfm, rt);
        if (bits(w, 21, 10))
            E(", [%s, #%s]", base, dis_hex((int64_t)bits(w, 21, 10) << scale));
        else
            E(", [%s]", base);
        return;
    case A64_LDUR: {
        unsigned mode = bits(w, 11, 10);
        static const char *const bases[4] = { "ur", "r", "tr", "r" };
        if (v && mode == 2) { o->bad = true; return; }
        if (!ldst_names(o, size, v, opc, rt, bases[mode], &rtext, &scale, &prfm)) { o->bad = true; return; }
        if (prfm && mode != 0) { o->bad = true; return; }
        int64_t imm = sbits(w, 20, 12);
        E("%s\t", o->mn);
        put_rt(o, rtext, prfm, rt);
        if (mode == 1)
            E(", [%s], #%s", base, dis_hex(imm));
        else if (mode == 3)
            E(", [%s, #%s]!", base, dis_hex(imm));
        else if (imm)
            E(", [%s, #%s]", base, dis_hex(imm));
        else
            E(", [%s]", base);
        return;
    }
    case A64_LDRR: {
        unsigned option = bits(w, 15, 13), S = bits(w, 12, 12), rm = bits(w, 20, 16);
        if (!(option & 2) || !ldst_names(o, size, v, opc, rt, "r", &rtext, &scale, &prfm)) { o->bad = true; return; }
        if (prfm && (rt >> 3) == 3) {
            /* RPRFM: the operation is option<2>:option<0>:S:Rt<2:0> */
            unsigned rop = (option >> 2) << 5 | (option & 1) << 4 | S << 3 | (rt & 7);
            static const char *const rn_[8] = { "pldkeep", "pstkeep", NULL, NULL, "pldstrm", "pststrm", NULL, NULL };
            if (rop < 8 && rn_[rop])
                E("rprfm\t%s, %s, [%s]", rn_[rop], dis_x(rm, 1), base);
            else
                E("rprfm\t#%s, %s, [%s]", dis_hex(rop), dis_x(rm, 1), base);
            return;
        }
        E("%s\t", o->mn);
        put_rt(o, rtext, prfm, rt);
        E(", [%s, %s", base, dis_x(rm, option & 1));
        if (option == 3) {
            if (S)
                E(", lsl #%u", scale);
        } else {
            E(", %s", extends[option]);
            if (S)
                E(" #%u", scale);
        }
        E("]");
        return;
    }
    case A64_LDP: {
        unsigned l = bits(w, 22, 22), mode = bits(w, 24, 23), o2 = bits(w, 31, 30);
        const char *r1, *r2, *mn;
        unsigned sc;
        if (o2 == 3) { o->bad = true; return; }
        if (v) {
            sc = o2 + 2;
            r1 = vreg(rt, sc);
            r2 = vreg(bits(w, 14, 10), sc);
        } else {
            if (o2 == 1 && !l) {
                if (mode == 0) { o->bad = true; return; }
                /* stgp (MTE) */
                sc = 4;
                r1 = dis_x(rt, 1);
                r2 = dis_x(bits(w, 14, 10), 1);
            } else {
                if (o2 == 1 && mode == 0) { o->bad = true; return; }
                sc = o2 == 2 ? 3 : 2;
                r1 = dis_x(rt, o2 != 0);
                r2 = dis_x(bits(w, 14, 10), o2 != 0);
            }
        }
        if (mode == 0)
            mn = l ? "ldnp" : "stnp";
        else if (!v && o2 == 1)
            mn = l ? "ldpsw" : "stgp";
        else
            mn = l ? "ldp" : "stp";
        int64_t imm = sbits(w, 21, 15) * (1 << sc);
        E("%s\t%s, %s, ", mn, r1, r2);
        if (mode == 1)
            E("[%s], #%s", base, dis_hex(imm));
        else if (mode == 3)
            E("[%s, #%s]!", base, dis_hex(imm));
        else if (imm)
            E("[%s, #%s]", base, dis_hex(imm));
        else
            E("[%s]", base);
        return;
    }
    case A64_LDEX: {
        unsigned o2 = bits(w, 23, 23), l = bits(w, 22, 22), o1 = bits(w, 21, 21), o0 = bits(w, 15, 15);
        unsigned rs = bits(w, 20, 16), rt2 = bits(w, 14, 10);
        static const char *const sfx[4] = { "b", "h", "", "" };
        bool x = size == 3;
        if (!o2 && !o1) {
            if (l)
                E("ld%sxr%s\t%s, [%s]", o0 ? "a" : "", sfx[size], dis_x(rt, x), base);
            else
                E("st%sxr%s\t%s, %s, [%s]", o0 ? "l" : "", sfx[size], dis_x(rs, 0), dis_x(rt, x), base);
            return;
        }
        if (!o2 && o1 && size >= 2) {
            if (l)
                E("ld%sxp\t%s, %s, [%s]", o0 ? "a" : "", dis_x(rt, x), dis_x(rt2, x), base);
            else
                E("st%sxp\t%s, %s, %s, [%s]", o0 ? "l" : "", dis_x(rs, 0), dis_x(rt, x), dis_x(rt2, x), base);
            return;
        }
        if (o2 && !o1) {
            if (l)
                E("%s%s\t%s, [%s]", o0 ? "ldar" : "ldlar", sfx[size], dis_x(rt, x), base);
            else
                E("%s%s\t%s, [%s]", o0 ? "stlr" : "stllr", sfx[size], dis_x(rt, x), base);
            return;
        }
        o->bad = true;
        return;
    }
    default:
        o->bad = true;
    }
}

unsigned a64_disasm(uint64_t pc, const uint8_t *bytes, unsigned n, char *out, size_t outsz)
{
    if (n < 4) {
        snprintf(out, outsz, "<unknown>");
        return 0;
    }
    uint32_t w = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 |
                 (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
    struct dis ob = { .n = 0 }, *o = &ob;
    enum a64_op op = a64_lookup(w);
    switch (op) {
    case A64_ADR: {
        int64_t imm = sbits(w, 23, 5) * 4 | bits(w, 30, 29);
        if (bits(w, 31, 31))
            E("adrp\t%s, 0x%" PRIx64, dis_x(bits(w, 4, 0), 1), (uint64_t)((pc & ~0xfffull) + (uint64_t)(imm * 4096)));
        else
            E("adr\t%s, 0x%" PRIx64, dis_x(bits(w, 4, 0), 1), pc + (uint64_t)imm);
        break;
    }
    case A64_ADDI: d_addi(o, w); break;
    case A64_LOGI: d_logi(o, w); break;
    case A64_MOVW: d_movw(o, w); break;
    case A64_BFM: d_bfm(o, w); break;
    case A64_EXTR: d_extr(o, w); break;
    case A64_LOGR: d_logr(o, w); break;
    case A64_ADDR: d_addr(o, w); break;
    case A64_ADDX: d_addx(o, w); break;
    case A64_ADC: d_adc(o, w); break;
    case A64_CCMP: d_ccmp(o, w); break;
    case A64_CSEL: d_csel(o, w); break;
    case A64_DP2: d_dp2(o, w); break;
    case A64_DP1: d_dp1(o, w); break;
    case A64_DP3: d_dp3(o, w); break;
    case A64_B: case A64_BL: case A64_BR: case A64_BLR: case A64_RET:
    case A64_CBZ: case A64_TBZ: case A64_BCOND:
        d_branch(o, op, w, pc);
        break;
    case A64_KCALL: case A64_ERET: case A64_HINT: case A64_CLREX: case A64_DSB:
    case A64_DMB: case A64_ISB: case A64_MSRI: case A64_SYS: case A64_MRS:
    case A64_MSR: case A64_SVC: case A64_BRK: case A64_UDF: case A64_HLT:
        d_sys(o, op, w);
        break;
    case A64_LDLIT: case A64_LDRU: case A64_LDUR: case A64_LDRR: case A64_LDP:
    case A64_LDEX:
        d_ldst(o, op, w, pc);
        break;
    default:
        a64_disasm_fp(o, op, w, pc);
        break;
    }
    if (o->bad || op == A64_UNKNOWN) {
        o->bad = false;
        o->n = 0;
        o->buf[0] = 0;
        o->comment[0] = 0;
        if (!a64_disasm_ext(o, w))
            o->bad = true;
    }
    if (o->bad) {
        snprintf(out, outsz, "<unknown>");
        return 4;
    }
    if (o->comment[0]) {
        /* llvm-objdump pads comments to column 32 of the instruction text
         * (tabs every 8 columns), with at least one space */
        unsigned col = 0;
        for (size_t i = 0; i < o->n; i++)
            col = o->buf[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
        unsigned pad = col < 32 ? 32 - col : 1;
        E("%*s// %s", (int)pad, "", o->comment);
    }
    snprintf(out, outsz, "%s", o->buf);
    return 4;
}
