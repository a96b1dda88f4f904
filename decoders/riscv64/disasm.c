/* riscv64 disassembly in llvm-objdump-19's default syntax: ABI register
 * names, hex immediates, absolute branch targets, and the aliases LLVM
 * prints by default (li, mv, ret, j, beqz, csrr, frflags...).
 * Compressed instructions print as the instruction they expand to,
 * as llvm-objdump does. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"

const char *const rv_xname[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
    "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
    "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
const char *const rv_fname[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1",
    "fa0", "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3",
    "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9",
    "ft10", "ft11",
};

static const char *const rm_name[8] = { "rne", "rtz", "rdn", "rup", "rmm", NULL, NULL, "dyn" };

struct csr_name { uint16_t num; const char *name; };
static const struct csr_name csr_names[] = {
#include "csrnames.inc"
};

struct out {
    char *p;
    size_t left;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(o->p, o->left, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= o->left)
        n = o->left ? (int)o->left - 1 : 0;
    o->p += n;
    o->left -= n;
}

static void imm(struct out *o, int64_t v)
{
    if (v < 0)
        put(o, "-0x%llx", (unsigned long long)-(uint64_t)v);
    else
        put(o, "0x%llx", (unsigned long long)v);
}

static void csr(struct out *o, unsigned num)
{
    size_t lo = 0, hi = sizeof csr_names / sizeof csr_names[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (csr_names[mid].num == num) {
            put(o, "%s", csr_names[mid].name);
            return;
        }
        if (csr_names[mid].num < num)
            lo = mid + 1;
        else
            hi = mid;
    }
    put(o, "0x%x", num);
}

static void fence_set(struct out *o, unsigned v)
{
    if (!v) {
        put(o, "0");
        return;
    }
    if (v & 8) put(o, "i");
    if (v & 4) put(o, "o");
    if (v & 2) put(o, "r");
    if (v & 1) put(o, "w");
}

/* A rounding-mode operand: omitted when dynamic. */
static void rm_opnd(struct out *o, unsigned rm)
{
    if (rm != 7)
        put(o, ", %s", rm_name[rm]);
}

/* Conversions that are always exact print no "rne": assemblers used to
 * emit rne for them where dyn is the default now (LLVM's FRMArgLegacy). */
static void rm_legacy(struct out *o, unsigned rm)
{
    if (rm != 0)
        put(o, ", %s", rm_name[rm]);
}

static bool fcvt_exact(enum rv_op op)
{
    return op == RV_OP_fcvt_d_w || op == RV_OP_fcvt_d_wu || op == RV_OP_fcvt_d_s;
}

static bool csr_alias(struct out *o, enum rv_op op, const struct rv_fields *f)
{
    const char *const *X = rv_xname;
    unsigned rd = f->rd, rs1 = f->rs1, c = f->csr;
    bool is_fp = c >= 1 && c <= 3;
    static const char *const fpn[4] = { NULL, "flags", "rm", "csr" };
    switch (op) {
    case RV_OP_csrrs:
        if (rs1)
            break;
        if (c == 0xc00 || c == 0xc01 || c == 0xc02) {
            static const char *const rn[3] = { "rdcycle", "rdtime", "rdinstret" };
            put(o, "%s\t%s", rn[c - 0xc00], X[rd]);
            return true;
        }
        if (is_fp) {
            put(o, "fr%s\t%s", fpn[c], X[rd]);
            return true;
        }
        put(o, "csrr\t%s, ", X[rd]);
        csr(o, c);
        return true;
    case RV_OP_csrrw:
        if (c == 0xc00 && !rd && !rs1) {
            put(o, "unimp");
            return true;
        }
        if (is_fp) {
            if (rd)
                put(o, "fs%s\t%s, %s", fpn[c], X[rd], X[rs1]);
            else
                put(o, "fs%s\t%s", fpn[c], X[rs1]);
            return true;
        }
        if (rd)
            break;
        put(o, "csrw\t");
        csr(o, c);
        put(o, ", %s", X[rs1]);
        return true;
    case RV_OP_csrrc:
        if (rd)
            break;
        put(o, "csrc\t");
        csr(o, c);
        put(o, ", %s", X[rs1]);
        return true;
    case RV_OP_csrrwi:
        if (c == 1 || c == 2) {
            if (rd)
                put(o, "fs%si\t%s, 0x%x", fpn[c], X[rd], rs1);
            else
                put(o, "fs%si\t0x%x", fpn[c], rs1);
            return true;
        }
        if (rd)
            break;
        put(o, "csrwi\t");
        csr(o, c);
        put(o, ", 0x%x", rs1);
        return true;
    case RV_OP_csrrsi: case RV_OP_csrrci:
        if (rd)
            break;
        put(o, op == RV_OP_csrrsi ? "csrsi\t" : "csrci\t");
        csr(o, c);
        put(o, ", 0x%x", rs1);
        return true;
    default:
        break;
    }
    if (op == RV_OP_csrrs && !rd) {
        put(o, "csrs\t");
        csr(o, c);
        put(o, ", %s", X[rs1]);
        return true;
    }
    return false;
}

static void print_insn(struct out *o, uint64_t pc, uint32_t insn)
{
    enum rv_op op = rv_lookup(insn);
    const struct rv_opinfo *in = &rv_ops[op];
    struct rv_fields f;
    const char *const *X = rv_xname, *const *F = rv_fname;
    if (op == RV_OP_INVALID) {
        put(o, "<unknown>");
        return;
    }
    rv_fields(insn, in->fmt, &f);
    const char *m = in->mnem;
    unsigned rd = f.rd, rs1 = f.rs1, rs2 = f.rs2;
    switch (in->fmt) {
    case F_NONE:
        if (op == RV_OP_fence_i && (insn & 0xffff8f80u)) {
            put(o, "<unknown>");
            return;
        }
        put(o, "%s", m);
        return;
    case F_R:
        if (op == RV_OP_sub && !rs1) { put(o, "neg\t%s, %s", X[rd], X[rs2]); return; }
        if (op == RV_OP_subw && !rs1) { put(o, "negw\t%s, %s", X[rd], X[rs2]); return; }
        if (op == RV_OP_sltu && !rs1) { put(o, "snez\t%s, %s", X[rd], X[rs2]); return; }
        if (op == RV_OP_slt && !rs2) { put(o, "sltz\t%s, %s", X[rd], X[rs1]); return; }
        if (op == RV_OP_slt && !rs1) { put(o, "sgtz\t%s, %s", X[rd], X[rs2]); return; }
        if (op == RV_OP_add_uw && !rs2) { put(o, "zext.w\t%s, %s", X[rd], X[rs1]); return; }
        put(o, "%s\t%s, %s, %s", m, X[rd], X[rs1], X[rs2]);
        return;
    case F_R1:
        put(o, "%s\t%s, %s", m, X[rd], X[rs1]);
        return;
    case F_I:
        if (op == RV_OP_addi) {
            if (!rd && !rs1 && !f.imm) { put(o, "nop"); return; }
            if (!rs1) { put(o, "li\t%s, ", X[rd]); imm(o, f.imm); return; }
            if (!f.imm) { put(o, "mv\t%s, %s", X[rd], X[rs1]); return; }
        }
        if (op == RV_OP_xori && f.imm == -1) { put(o, "not\t%s, %s", X[rd], X[rs1]); return; }
        if (op == RV_OP_sltiu && f.imm == 1) { put(o, "seqz\t%s, %s", X[rd], X[rs1]); return; }
        if (op == RV_OP_addiw && !f.imm) { put(o, "sext.w\t%s, %s", X[rd], X[rs1]); return; }
        put(o, "%s\t%s, %s, ", m, X[rd], X[rs1]);
        imm(o, f.imm);
        return;
    case F_SH:
        put(o, "%s\t%s, %s, 0x%llx", m, X[rd], X[rs1], (unsigned long long)f.imm);
        return;
    case F_LD: case F_FLD:
        put(o, "%s\t%s, ", m, in->fmt == F_LD ? X[rd] : F[rd]);
        imm(o, f.imm);
        put(o, "(%s)", X[rs1]);
        return;
    case F_ST: case F_FST:
        put(o, "%s\t%s, ", m, in->fmt == F_ST ? X[rs2] : F[rs2]);
        imm(o, f.imm);
        put(o, "(%s)", X[rs1]);
        return;
    case F_B: {
        unsigned long long t = pc + f.imm;
        const char *z = NULL;
        unsigned r = rs1;
        if ((op == RV_OP_beq || op == RV_OP_bne) && !rs2)
            z = op == RV_OP_beq ? "beqz" : "bnez";
        else if (op == RV_OP_bge && !rs1)
            z = "blez", r = rs2;
        else if (op == RV_OP_bge && !rs2)
            z = "bgez";
        else if (op == RV_OP_blt && !rs2)
            z = "bltz";
        else if (op == RV_OP_blt && !rs1)
            z = "bgtz", r = rs2;
        if (z)
            put(o, "%s\t%s, 0x%llx", z, X[r], t);
        else
            put(o, "%s\t%s, %s, 0x%llx", m, X[rs1], X[rs2], t);
        return;
    }
    case F_U:
        put(o, "%s\t%s, 0x%llx", m, X[rd], (unsigned long long)((uint64_t)f.imm >> 12 & 0xfffff));
        return;
    case F_J: {
        unsigned long long t = pc + f.imm;
        if (rd == 0) put(o, "j\t0x%llx", t);
        else if (rd == 1) put(o, "jal\t0x%llx", t);
        else put(o, "jal\t%s, 0x%llx", X[rd], t);
        return;
    }
    case F_JALR:
        if (!f.imm) {
            if (!rd && rs1 == 1) { put(o, "ret"); return; }
            if (!rd) { put(o, "jr\t%s", X[rs1]); return; }
            if (rd == 1) { put(o, "jalr\t%s", X[rs1]); return; }
        }
        if (!f.imm) {
            put(o, "jalr\t%s, %s", X[rd], X[rs1]);
            return;
        }
        if (rd == 0)
            put(o, "jr\t");
        else if (rd == 1)
            put(o, "jalr\t");
        else
            put(o, "jalr\t%s, ", X[rd]);
        imm(o, f.imm);
        put(o, "(%s)", X[rs1]);
        return;
    case F_CSR: case F_CSRI:
        if (csr_alias(o, op, &f))
            return;
        put(o, "%s\t%s, ", m, X[rd]);
        csr(o, f.csr);
        if (in->fmt == F_CSR)
            put(o, ", %s", X[rs1]);
        else
            put(o, ", 0x%x", rs1);
        return;
    case F_FENCE: {
        unsigned pred = (insn >> 24) & 15, succ = (insn >> 20) & 15, fm = insn >> 28;
        if (rd || rs1 || (fm && !(fm == 8 && pred == 3 && succ == 3))) {
            put(o, "<unknown>");
            return;
        }
        if (fm == 8 && pred == 3 && succ == 3) { put(o, "fence.tso"); return; }
        if (pred == 15 && succ == 15) { put(o, "fence"); return; }
        put(o, "fence\t");
        fence_set(o, pred);
        put(o, ", ");
        fence_set(o, succ);
        return;
    }
    case F_SFENCE:
        if (!rs2) {
            if (!rs1) put(o, "sfence.vma");
            else put(o, "sfence.vma\t%s", X[rs1]);
            return;
        }
        put(o, "sfence.vma\t%s, %s", X[rs1], X[rs2]);
        return;
    case F_AMO: case F_LR: {
        static const char *const sfx[4] = { "", ".rl", ".aq", ".aqrl" };
        put(o, "%s%s\t%s, ", m, sfx[(insn >> 25) & 3], X[rd]);
        if (in->fmt == F_AMO)
            put(o, "%s, ", X[rs2]);
        put(o, "(%s)", X[rs1]);
        return;
    }
    case F_FR:
        if (rs1 == rs2 && (op == RV_OP_fsgnj_s || op == RV_OP_fsgnj_d ||
                           op == RV_OP_fsgnjn_s || op == RV_OP_fsgnjn_d ||
                           op == RV_OP_fsgnjx_s || op == RV_OP_fsgnjx_d)) {
            const char *a = (op == RV_OP_fsgnj_s || op == RV_OP_fsgnj_d) ? "fmv"
                          : (op == RV_OP_fsgnjn_s || op == RV_OP_fsgnjn_d) ? "fneg" : "fabs";
            put(o, "%s.%c\t%s, %s", a, m[strlen(m) - 1], F[rd], F[rs1]);
            return;
        }
        put(o, "%s\t%s, %s, %s", m, F[rd], F[rs1], F[rs2]);
        return;
    case F_FRM:
        put(o, "%s\t%s, %s, %s", m, F[rd], F[rs1], F[rs2]);
        rm_opnd(o, f.rm);
        return;
    case F_FR4:
        put(o, "%s\t%s, %s, %s, %s", m, F[rd], F[rs1], F[rs2], F[f.rs3]);
        rm_opnd(o, f.rm);
        return;
    case F_FSQRT:
        put(o, "%s\t%s, %s", m, F[rd], F[rs1]);
        rm_opnd(o, f.rm);
        return;
    case F_FCMP:
        put(o, "%s\t%s, %s, %s", m, X[rd], F[rs1], F[rs2]);
        return;
    case F_FCLASS:
        put(o, "%s\t%s, %s", m, X[rd], F[rs1]);
        return;
    case F_FMVF:
        put(o, "%s\t%s, %s", m, F[rd], X[rs1]);
        return;
    case F_FCVT_IF:
        put(o, "%s\t%s, %s", m, X[rd], F[rs1]);
        rm_opnd(o, f.rm);
        return;
    case F_FCVT_FI:
        put(o, "%s\t%s, %s", m, F[rd], X[rs1]);
        if (fcvt_exact(op)) rm_legacy(o, f.rm); else rm_opnd(o, f.rm);
        return;
    case F_FCVT_FF:
        put(o, "%s\t%s, %s", m, F[rd], F[rs1]);
        if (fcvt_exact(op)) rm_legacy(o, f.rm); else rm_opnd(o, f.rm);
        return;
    }
}

/* Encodings the decoder accepts but LLVM rejects: reserved rounding modes. */
static bool rm_reserved(uint32_t insn)
{
    enum rv_op op = rv_lookup(insn);
    switch (rv_ops[op].fmt) {
    case F_FRM: case F_FR4: case F_FSQRT: case F_FCVT_IF: case F_FCVT_FI: case F_FCVT_FF: {
        unsigned rm = (insn >> 12) & 7;
        return rm == 5 || rm == 6;
    }
    default:
        return false;
    }
}

/* Compressed HINTs and one reserved form that LLVM prints in their own
 * `c.` spelling instead of expanding them. */
static bool c_special(struct out *o, uint16_t c)
{
    const char *const *X = rv_xname;
    unsigned rd = (c >> 7) & 31, rs2 = (c >> 2) & 31, rdp = 8 + ((c >> 7) & 7);
    int imm6 = (int)((c >> 2) & 31) - (c & 0x1000 ? 32 : 0);
    unsigned shamt = (c >> 12 & 1) << 5 | rs2;
    switch ((c & 3) << 3 | c >> 13) {
    case 010:                                   /* c.addi */
        if (!rd && imm6) { put(o, "c.nop\t"); imm(o, imm6); return true; }
        if (rd && !imm6) { put(o, "c.addi\t%s, 0x0", X[rd]); return true; }
        return false;
    case 012:                                   /* c.li */
        if (!rd) { put(o, "c.li\tzero, "); imm(o, imm6); return true; }
        return false;
    case 013:                                   /* c.lui */
        if (!rd) { put(o, "c.lui\tzero, "); imm(o, imm6); return true; }
        if (rd != 2 && !imm6) { put(o, "lui\t%s, 0x0", X[rd]); return true; }
        return false;
    case 014:                                   /* c.srli, c.srai */
        if (((c >> 10) & 3) < 2 && !shamt) {
            put(o, "%s\t%s", (c >> 10) & 1 ? "c.srai64" : "c.srli64", X[rdp]);
            return true;
        }
        return false;
    case 020:                                   /* c.slli */
        if (!shamt) { put(o, "c.slli64\t%s", X[rd]); return true; }
        if (!rd) { put(o, "c.slli\tzero, 0x%x", shamt); return true; }
        return false;
    case 024:                                   /* c.mv, c.add */
        if (!rd && rs2) { put(o, "%s\tzero, %s", c & 0x1000 ? "c.add" : "c.mv", X[rs2]); return true; }
        return false;
    }
    return false;
}

unsigned rv_disasm(uint64_t pc, const uint8_t *b, unsigned n, char *out, size_t outsz)
{
    struct out o = { out, outsz };
    if (outsz)
        *out = 0;
    if (n < 2) {
        put(&o, "<unknown>");
        return 0;
    }
    uint32_t insn = b[0] | (uint32_t)b[1] << 8;
    unsigned len = 2;
    if ((insn & 0x1f) == 0x1f) {
        /* longer encodings: none is allocated, LLVM skips them whole */
        unsigned l;
        if ((insn & 0x3f) == 0x1f)
            l = 6;
        else if ((insn & 0x7f) == 0x3f)
            l = 8;
        else if (((insn >> 12) & 7) != 7)
            l = 10 + 2 * ((insn >> 12) & 7);
        else
            l = 1;
        put(&o, "<unknown>");
        return l <= n ? l : 0;
    }
    if ((insn & 3) == 3) {
        if (n < 4) {
            put(&o, "<unknown>");
            return 0;
        }
        insn |= (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        len = 4;
    } else {
        if (insn == 0) {
            put(&o, "unimp");
            return 2;
        }
        if (c_special(&o, (uint16_t)insn))
            return 2;
        insn = rv_expand_c((uint16_t)insn);
    }
    if (!insn || rm_reserved(insn)) {
        put(&o, "<unknown>");
        return len;
    }
    print_insn(&o, pc, insn);
    return len;
}
