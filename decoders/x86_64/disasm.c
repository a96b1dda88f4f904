/* AT&T disassembly in llvm-objdump-19's spelling (-d --no-show-raw-insn):
 * "mnemonic\top1, op2" with AT&T operand order, hex immediates and
 * displacements, absolute branch targets, "# 0xADDR" after rip-relative
 * operands. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "x86_decode.h"

static const char *const r64[16] = { "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                     "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
static const char *const r32[16] = { "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                     "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d" };
static const char *const r16[16] = { "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                                     "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w" };
static const char *const r8x[16] = { "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                                     "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b" };
static const char *const r8h[4] = { "ah", "ch", "dh", "bh" };
static const char *const sregs[8] = { "es", "cs", "ss", "ds", "fs", "gs", "?", "?" };
static const char *const ssecc[8] = { "eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord" };

bool x86_shuffle_comment(const struct x86_insn *in, char *buf, size_t sz);
bool x86_disasm_vex(const struct x86_insn *in, uint64_t pc, char *out, size_t outsz);

struct out {
    char *p;
    size_t left;
    char *start;
    bool has_imm;
    int64_t imm;                /* the last immediate, as printed */
};

static void emit(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(o->p, o->left, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if ((size_t)k >= o->left)
        k = o->left ? (int)o->left - 1 : 0;
    o->p += k;
    o->left -= k;
}

static const char *gpr(unsigned r, unsigned size, bool rex)
{
    switch (size) {
    case 1: return !rex && r >= 4 && r < 8 ? r8h[r - 4] : r8x[r];
    case 2: return r16[r];
    case 4: return r32[r];
    default: return r64[r];
    }
}

static void hex_signed(struct out *o, int64_t v)
{
    if (v < 0)
        emit(o, "-0x%llx", (unsigned long long)-(uint64_t)v);
    else
        emit(o, "0x%llx", (unsigned long long)v);
}

static const char *segname(uint8_t seg)
{
    switch (seg) {
    case 0x26: return "es";
    case 0x2e: return "cs";
    case 0x36: return "ss";
    case 0x3e: return "ds";
    case 0x64: return "fs";
    case 0x65: return "gs";
    }
    return NULL;
}

/* A SIB byte whose index field says "none" is shown as %riz (%eiz),
 * except in the two forms that exist only to address through %rsp/%r12
 * or an absolute disp32 with scale 1. */
bool x86_riz(const struct x86_insn *in)
{
    bool sib = in->has_modrm && in->mod != 3 && (in->modrm & 7) == 4 && !in->riprel;
    if (!sib || in->index != X86_NOREG)
        return false;
    return in->scale || (in->base != X86_NOREG && (in->base & 7) != 4);
}

static void mem_operand(struct out *o, const struct x86_insn *in, uint64_t pc)
{
    const char *s = segname(in->seg);
    if (s)
        emit(o, "%%%s:", s);
    const char *const *rn = in->asz == 4 ? r32 : r64;
    bool base = in->base != X86_NOREG, idx = in->index != X86_NOREG;
    if (in->riprel) {
        if (in->disp)
            hex_signed(o, in->disp);
        emit(o, "(%%%s)", in->asz == 4 ? "eip" : "rip");
        (void)pc;
        return;
    }
    bool riz = x86_riz(in);
    if (in->disp || (!base && !idx && !riz))
        hex_signed(o, in->disp);
    if (base || idx || riz) {
        emit(o, "(");
        if (base)
            emit(o, "%%%s", rn[in->base]);
        if (idx || riz) {
            emit(o, ",%%%s", idx ? rn[in->index] : in->asz == 4 ? "eiz" : "riz");
            if (in->scale)
                emit(o, ",%u", 1u << in->scale);
        }
        emit(o, ")");
    }
}

static unsigned opsize_of(unsigned op, const struct x86_insn *in)
{
    switch (op) {
    case O_Eb: case O_Gb: case O_Zb: case O_AL: case O_Ob: return 1;
    case O_Ew: case O_Gw: case O_AX: return 2;
    case O_Ed: case O_Gd: return 4;
    case O_Eq: case O_Gq: case O_Zq: return 8;
    case O_Ey: case O_Gy: return in->rex & 8 ? 8 : 4;
    default: return in->osz;
    }
}

static bool is_mem(unsigned op, const struct x86_insn *in)
{
    switch (op) {
    case O_Eb: case O_Ew: case O_Ed: case O_Eq: case O_Ev: case O_Ey: case O_M:
    case O_W: case O_Q:
        return in->mod != 3;
    }
    return false;
}

static void operand(struct out *o, const struct x86_insn *in, unsigned op, uint64_t pc, int immidx)
{
    bool rex = in->rex != 0;
    uint64_t imm = immidx ? in->imm2 : in->imm;
    const char *sp = in->asz == 4 ? "esi" : "rsi", *dp = in->asz == 4 ? "edi" : "rdi";
    switch (op) {
    case O_Eb: case O_Ew: case O_Ed: case O_Eq: case O_Ev: case O_Ey: case O_M:
        if (in->mod == 3 && in->e->id == X_MOVSEG)   /* a register: the operand size */
            emit(o, "%%%s", gpr(in->rm, in->osz, rex));
        else if (in->mod == 3)
            emit(o, "%%%s", gpr(in->rm, opsize_of(op, in), rex));
        else
            mem_operand(o, in, pc);
        break;
    case O_Gb: case O_Gw: case O_Gd: case O_Gq: case O_Gv: case O_Gy:
        emit(o, "%%%s", gpr(in->reg, opsize_of(op, in), rex));
        break;
    case O_Zb: case O_Zv: case O_Zq:
        emit(o, "%%%s", gpr((in->opc & 7) | (in->rex & 1 ? 8 : 0), opsize_of(op, in), rex));
        break;
    case O_AL: emit(o, "%%al"); break;
    case O_AX: emit(o, "%%ax"); break;
    case O_rAX: emit(o, "%%%s", gpr(0, in->osz, rex)); break;
    case O_CL: emit(o, "%%cl"); break;
    case O_DX: emit(o, "%%dx"); break;
    case O_Ib:
        emit(o, "$0x%llx", (unsigned long long)imm);
        o->has_imm = true;
        o->imm = (int64_t)imm;
        break;
    case O_Iw:      /* ret/lret imm16: llvm shows it signed, except in the 16-bit forms */
        o->has_imm = true;
        if (in->osz == 2) {
            emit(o, "$0x%llx", (unsigned long long)(uint16_t)imm);
            o->imm = (uint16_t)imm;
        } else {
            emit(o, "$");
            hex_signed(o, (int16_t)imm);
            o->imm = (int16_t)imm;
        }
        break;
    case O_Ibs:
        emit(o, "$");
        hex_signed(o, (int8_t)imm);
        o->has_imm = true;
        o->imm = (int8_t)imm;
        break;
    case O_Iz: case O_Iv:
        /* llvm shows imm16/imm32 of 16/32-bit operations unsigned, 64-bit ones signed */
        o->has_imm = true;
        if (in->osz == 8) {
            emit(o, "$");
            hex_signed(o, (int64_t)imm);
            o->imm = (int64_t)imm;
        } else {
            o->imm = (int64_t)(imm & (in->osz == 2 ? 0xffff : 0xffffffff));
            emit(o, "$0x%llx", (unsigned long long)o->imm);
        }
        break;
    case O_Jb: case O_Jz:
        emit(o, "0x%llx", (unsigned long long)(pc + in->len + imm));
        break;
    case O_Ob: case O_Ov: {
        /* a 64-bit moffs is shown signed, a 32-bit one (0x67) unsigned */
        const char *s = segname(in->seg);
        if (s)
            emit(o, "%%%s:", s);
        if (in->asz == 4)
            emit(o, "0x%llx", (unsigned long long)(uint32_t)imm);
        else
            hex_signed(o, (int64_t)imm);
        break;
    }
    case O_Sw: emit(o, "%%%s", sregs[(in->modrm >> 3) & 7]); break;
    case O_V: emit(o, "%%xmm%u", in->reg); break;
    case O_W: case O_U:
        if (in->mod == 3)
            emit(o, "%%xmm%u", in->rm);
        else
            mem_operand(o, in, pc);
        break;
    case O_P: emit(o, "%%mm%u", (in->modrm >> 3) & 7); break;
    case O_Q: case O_N:
        if (in->mod == 3)
            emit(o, "%%mm%u", in->modrm & 7);
        else
            mem_operand(o, in, pc);
        break;
    case O_ST0: emit(o, "%%st"); break;
    case O_STi: emit(o, "%%st(%u)", in->modrm & 7); break;
    case O_Xb: case O_Xv: {
        const char *s = segname(in->seg);
        if (s)
            emit(o, "%%%s:", s);
        emit(o, "(%%%s)", sp);
        break;
    }
    case O_Yb: case O_Yv: emit(o, "%%es:(%%%s)", dp); break;
    case O_XMM0: emit(o, "%%xmm0"); break;
    case O_Cd: emit(o, "%%cr%u", in->reg); break;
    case O_Dd: emit(o, "%%dr%u", in->reg); break;
    }
}

static char suffix(unsigned sz)
{
    return sz == 1 ? 'b' : sz == 2 ? 'w' : sz == 4 ? 'l' : 'q';
}

static void mnemonic(struct out *o, const struct x86_insn *in, bool anymem)
{
    const struct x86_opent *e = in->e;
    const char *m = e->mn;
    char buf[32];
    if (strchr(m, '|')) {
        /* "w16|w32|w64" */
        unsigned k = in->osz == 2 ? 0 : in->osz == 4 ? 1 : 2;
        const char *s = m;
        for (unsigned i = 0; i < k; i++)
            s = strchr(s, '|') + 1;
        const char *end = strchr(s, '|');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        emit(o, "%.*s", (int)len, s);
        return;
    }
    size_t j = 0;
    for (const char *s = m; *s && j < sizeof buf - 8; s++) {
        if (*s == '%')
            buf[j++] = suffix(in->osz);
        else if (*s == '@') {
            if (anymem)
                buf[j++] = suffix(e->id == X_MOVSEG ? 2 : in->osz);
            else if (e->id == X_MOVSEG)
                buf[j++] = suffix(in->osz);
        } else if (*s == '*') {
            unsigned p = in->imm & 0xff;
            if (p < 8) {
                strcpy(buf + j, ssecc[p]);
                j += strlen(ssecc[p]);
            }
        } else
            buf[j++] = *s;
    }
    buf[j] = 0;
    emit(o, "%s", buf);
}

/* llvm-objdump puts the first comment at column 32 of the instruction text
 * (which starts on a tab stop), counting columns as its formatted stream
 * does: a tab on a multiple of 8 advances nothing.  The comment is the
 * shuffle or immediate comment of the instruction printer, else the
 * rip-relative target. */
static void comment(struct out *o, const struct x86_insn *in, uint64_t pc, unsigned len, bool anymem)
{
    char buf[320];
    buf[0] = 0;
    if (x86_shuffle_comment(in, buf, sizeof buf)) {
        /* custom comment: no immediate comment */
    } else if (o->has_imm && (o->imm > 255 || o->imm < -256)) {
        int64_t v = o->imm;
        if (v == (int16_t)v)
            snprintf(buf, sizeof buf, "imm = 0x%X", (unsigned)(uint16_t)v);
        else if (v == (int32_t)v)
            snprintf(buf, sizeof buf, "imm = 0x%X", (unsigned)(uint32_t)v);
        else
            snprintf(buf, sizeof buf, "imm = 0x%llX", (unsigned long long)v);
    } else if (in->riprel && anymem && !in->seg && in->asz == 8) {
        /* (llvm gives no target for %eip or a segment-relative operand) */
        snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)(pc + len + in->disp));
    }
    if (!buf[0])
        return;
    unsigned col = 0;
    for (const char *s = o->start; s < o->p; s++)
        col = *s == '\t' ? col + ((8 - (col & 7)) & 7) : col + 1;
    unsigned pad = col < 32 ? 32 - col : 1;
    emit(o, "%*s# %s", (int)pad, "", buf);
}

unsigned x86_disasm(uint64_t pc, const uint8_t *b, unsigned n, char *out, size_t outsz)
{
    struct x86_insn in;
    struct out o = { out, outsz, out, false, 0 };
    if (outsz)
        out[0] = 0;
    /* llvm-objdump shows a leading LOCK (and an XACQUIRE/XRELEASE before
     * it) as an instruction of its own */
    if (n >= 2 && b[0] == 0xf0) {
        emit(&o, "lock");
        return 1;
    }
    if (n >= 2 && (b[0] == 0xf2 || b[0] == 0xf3) && b[1] == 0xf0) {
        emit(&o, b[0] == 0xf2 ? "xacquire" : "xrelease");
        return 1;
    }
    unsigned len = x86_decode(b, n, &in);
    if (len && in.vex) {
        if (x86_disasm_vex(&in, pc, out, outsz))
            return len;
        emit(&o, "<unknown>");
        return len;
    }
    if (!len || !in.e) {
        emit(&o, "<unknown>");
        return len ? 1 : 0;     /* llvm-objdump skips one byte */
    }
    const struct x86_opent *e = in.e;
    bool sse_rep = (e->flags & F_SSE) && (e->pfx == PF3 || e->pfx == PF2);
    bool moffs = false;
    for (unsigned k = 0; k < 4 && e->op[k]; k++)
        moffs |= e->op[k] == O_Ob || e->op[k] == O_Ov;
    /* a segment register field of 6 or 7 names no register */
    for (unsigned k = 0; k < 4 && e->op[k]; k++)
        if (e->op[k] == O_Sw && ((in.modrm >> 3) & 7) > 5) {
            emit(&o, "<unknown>");
            return len;
        }
    /* prefixes in llvm's order: lock, rep/repne (one-byte opcodes only:
     * before a 0F opcode llvm drops them), addr32 when the 0x67 prefix
     * addresses nothing */
    if (in.lock)
        emit(&o, "lock\t\t");
    if (in.rep && !sse_rep && in.map == 0)
        emit(&o, "%s\t\t", in.rep == 0xf2 ? "repne" : "rep");
    if (in.p67 && !(in.has_modrm && in.mod != 3) && !(e->flags & F_REP) &&
        e->id != X_JRCXZ && !moffs)
        emit(&o, "addr32\t\t");
    /* mov to a segment register from a register is written with the
     * register's operand size; in/out have no 64-bit form (REX.W is
     * ignored) */
    if (e->id == X_MOVSEG && in.mod == 3)
        in.osz = in.rex & 8 ? 8 : in.p66 ? 2 : 4;
    if (e->id == X_IO && in.osz == 8)
        in.osz = 4;
    unsigned nops = 0;
    bool anymem = false;
    while (nops < 4 && e->op[nops])
        anymem |= is_mem(e->op[nops++], &in);
    if (e->id == X_MOV && in.map == 0 && in.opc >= 0xb8 && in.opc <= 0xbf && in.osz == 8)
        emit(&o, "movabsq");
    else if (e->id == X_JRCXZ && in.asz == 4)
        emit(&o, "jecxz");
    else if (moffs && in.asz == 4)      /* a 32-bit moffs is a plain mov */
        emit(&o, "mov%c", suffix(in.osz));
    else
        mnemonic(&o, &in, anymem);
    /* Operands shown: all except the implicit shift count 1. */
    int shown[4], ns = 0, immk[4], ki = 0;
    for (unsigned k = 0; k < nops; k++) {
        unsigned op = e->op[k];
        bool isimm = op == O_Ib || op == O_Ibs || op == O_Iw || op == O_Iz || op == O_Iv ||
                     op == O_Jb || op == O_Jz || op == O_Ob || op == O_Ov;
        immk[k] = isimm ? ki++ : 0;
        if (op == O_I1)
            continue;
        if ((e->id == X_CMPPS || e->id == X_CMPPD || e->id == X_CMPSS || e->id == X_CMPSD) &&
            op == O_Ib && (in.imm & 0xff) < 8)
            continue;
        shown[ns++] = k;
    }
    /* enter: Iw then Ib are printed in encoding order */
    if (e->id == X_ENTER) {
        /* both shown signed, as llvm does */
        emit(&o, "\t$");
        hex_signed(&o, (int16_t)in.imm);
        emit(&o, ", $");
        hex_signed(&o, (int8_t)in.imm2);
        o.has_imm = true;
        o.imm = (int16_t)in.imm;
        comment(&o, &in, pc, len, false);
        return len;
    }
    /* near and far indirect jumps and calls (FF /2 /3 /4 /5) */
    if (e->id == X_PUSHSEG || e->id == X_POPSEG) {
        emit(&o, "\t%%%s", (in.opc & 0xf8) == 0xa0 ? "fs" : "gs");
        return len;
    }
    bool indirect = e->id == X_CALLI || e->id == X_JMPI ||
                    (in.map == 0 && in.opc == 0xff && e->reg >= 2 && e->reg <= 5);
    for (int k = ns - 1; k >= 0; k--) {
        emit(&o, k == ns - 1 ? "\t" : ", ");
        if (indirect)
            emit(&o, "*");
        operand(&o, &in, e->op[shown[k]], pc, immk[shown[k]]);
    }
    comment(&o, &in, pc, len, anymem);
    return len;
}
