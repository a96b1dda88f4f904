/* The LoongArch LA64 CPU model: struct arch, reset, the decode glue that
 * turns decoders/loongarch64's output into pre-decoded dinsns, and the
 * register file as gdb sees it. */
#include <stdio.h>
#include <string.h>

#include "la.h"

#define EM_LOONGARCH 258

static insn_fn handler[LA_NOPS];
static uint8_t hclass[LA_NOPS];

__attribute__((constructor)) static void la_handlers_init(void)
{
    const struct la_handler *tabs[] = {
        la_int_handlers, la_mem_handlers, la_branch_handlers,
        la_fp_handlers, la_sys_handlers,
    };
    for (unsigned t = 0; t < sizeof tabs / sizeof tabs[0]; t++)
        for (const struct la_handler *h = tabs[t]; h->fn; h++) {
            handler[h->op] = h->fn;
            hclass[h->op] = h->cls;
        }
}

static void la_reset(struct cpu *c)
{
    struct la_cpu *s = LA(c);
    memset((char *)s + sizeof s->c, 0, sizeof *s - sizeof s->c);
    s->crmd = CRMD_DA;          /* PLV0, direct address translation */
}

static const struct dinsn *adef(struct cpu *c, const struct dinsn *d)
{
    return la_raise(c, d->pc, ECODE_ADE, ESUB_ADEF, true, d->pc);
}

static bool ends_block(enum la_op op)
{
    switch (op) {
    case LA_BEQ: case LA_BNE: case LA_BLT: case LA_BGE: case LA_BLTU:
    case LA_BGEU: case LA_BEQZ: case LA_BNEZ: case LA_BCEQZ: case LA_BCNEZ:
    case LA_B: case LA_BL: case LA_JIRL:
    case LA_SYSCALL: case LA_BREAK: case LA_ERTN:
    case LA_CSRRD: case LA_CSRWR: case LA_CSRXCHG:
    case LA_INVALID:
        return true;
    default:
        return false;
    }
}

/* Encodings the manual marks invalid although their fields decode. */
static bool reserved_operands(const struct la_insn *i)
{
    switch (i->fmt) {
    case LF_AM:
        return i->rd && (i->rd == i->rj || i->rd == i->rk);
    case LF_BSTRW: case LF_BSTRD:
        return i->imm < i->imm2;
    default:
        return false;
    }
}

static unsigned la_decode_insn(struct cpu *c, uint64_t pc, const uint8_t *bytes,
                               unsigned n, struct dinsn *d)
{
    if (n < 4)
        return 0;
    uint32_t raw = bytes[0] | bytes[1] << 8 | bytes[2] << 16 | (uint32_t)bytes[3] << 24;
    d->raw = raw;
    d->len = 4;
    if (pc & 3) {
        d->fn = adef;
        d->flags = DI_ENDS_BLOCK;
        d->cls = IC_SYSTEM;
        return 4;
    }
    if (raw == LA_KCALL_WORD && la_plv(LA(c)) == 0 &&
        pc - guest_mem->ktext_base < sizeof guest_mem->ktext) {
        d->fn = la_h_kcall;
        d->flags = DI_PRIV;
        d->cls = IC_SYSTEM;
        return 4;
    }

    struct la_insn i;
    enum la_op op = la_decode(raw, &i);
    if (op != LA_INVALID && (!handler[op] || reserved_operands(&i)))
        op = LA_INVALID;
    d->fn = op == LA_INVALID ? la_h_invalid : handler[op];
    d->cls = hclass[op];
    d->flags = ends_block(op) ? DI_ENDS_BLOCK : 0;
    if (op == LA_CSRRD || op == LA_CSRWR || op == LA_CSRXCHG ||
        op == LA_ERTN || op == LA_IDLE)
        d->flags |= DI_PRIV;

    d->a.u8[0] = i.rd ? i.rd : 32;
    d->a.u8[1] = i.rj;
    d->a.u8[2] = i.rk;
    d->a.u8[3] = i.ra;
    d->a.u8[4] = i.rd;
    d->a.i64[1] = i.imm;
    d->a.i64[2] = i.imm2;
    switch (op) {
    /* common idioms get simpler handlers: li, move, nop */
    case LA_ORI: case LA_ADDI_D: case LA_ADDI_W:
        if (i.rj == 0) {
            d->fn = la_h_CONST;
            d->a.i64[1] = op == LA_ADDI_W ? (int32_t)i.imm : i.imm;
            if (i.rd == 0)
                d->fn = la_h_NOP;
        }
        break;
    case LA_ANDI:
        if (i.rd == 0)
            d->fn = la_h_NOP;
        break;
    case LA_OR: case LA_ADD_D: case LA_XOR:
        if (i.rk == 0)
            d->fn = la_h_MOVE;
        break;
    case LA_BSTRPICK_W: case LA_BSTRPICK_D:
        d->a.i64[1] = i.imm2;
        d->a.i64[2] = (int64_t)(~0ull >> (63 - (i.imm - i.imm2)));
        break;
    /* values that only depend on the pc are computed now */
    case LA_LU12I_W: d->a.i64[1] = (int64_t)(int32_t)((uint32_t)i.imm << 12); break;
    case LA_PCADDI: d->a.i64[1] = pc + (i.imm << 2); break;
    case LA_PCADDU12I: d->a.i64[1] = pc + (uint64_t)(i.imm << 12); break;
    case LA_PCADDU18I: d->a.i64[1] = pc + (uint64_t)(i.imm << 18); break;
    case LA_PCALAU12I: d->a.i64[1] = (pc + (uint64_t)(i.imm << 12)) & ~0xfffull; break;
    case LA_BEQ: case LA_BNE: case LA_BLT: case LA_BGE: case LA_BLTU:
    case LA_BGEU: case LA_BEQZ: case LA_BNEZ: case LA_BCEQZ: case LA_BCNEZ:
    case LA_B: case LA_BL:
        d->a.i64[1] = pc + i.imm;
        break;
    /* FP destinations are never remapped; fcc/fcsr numbers likewise */
    default:
        if (i.fmt >= LF_FF && i.fmt <= LF_FRR && i.fmt != LF_RF &&
            i.fmt != LF_RFCSR && i.fmt != LF_RC)
            d->a.u8[0] = i.rd;
        break;
    }
    return 4;
}

static unsigned la_disasm_insn(uint64_t pc, const uint8_t *bytes, unsigned n,
                               char *out, size_t outsz)
{
    (void)pc;
    if (n < 4) {
        snprintf(out, outsz, "<unknown>");
        return 0;
    }
    uint32_t raw = bytes[0] | bytes[1] << 8 | bytes[2] << 16 | (uint32_t)bytes[3] << 24;
    la_disasm(raw, out, outsz);
    return 4;   /* an unknown word still takes 4 bytes, as llvm-objdump steps over it */
}

/* gdb's org.gnu.gdb.loongarch.base and .fpu features */
enum { REG_ORIG_A0 = 32, REG_PC, REG_BADV, REG_F0, REG_FCC0 = REG_F0 + 32,
       REG_FCSR = REG_FCC0 + 8, NREGS };

static struct reg_desc regs[NREGS];

__attribute__((constructor)) static void la_regs_init(void)
{
    static char names[NREGS][8];
    for (unsigned i = 0; i < NREGS; i++) {
        struct reg_desc *r = &regs[i];
        r->bits = 64;
        r->kind = RK_INT;
        r->group = 0;
        if (i < 32) {
            snprintf(names[i], sizeof names[i], "r%u", i);
            if (i == 1 || i == 3)
                r->kind = i == 1 ? RK_CODE_PTR : RK_DATA_PTR;
        } else if (i == REG_ORIG_A0) {
            strcpy(names[i], "orig_a0");
        } else if (i == REG_PC) {
            strcpy(names[i], "pc");
            r->kind = RK_CODE_PTR;
        } else if (i == REG_BADV) {
            strcpy(names[i], "badv");
            r->kind = RK_CODE_PTR;
        } else if (i < REG_FCC0) {
            snprintf(names[i], sizeof names[i], "f%u", i - REG_F0);
            r->kind = RK_FLOAT;
            r->group = 1;
        } else if (i < REG_FCSR) {
            snprintf(names[i], sizeof names[i], "fcc%u", i - REG_FCC0);
            r->bits = 8;
            r->group = 1;
        } else {
            strcpy(names[i], "fcsr");
            r->bits = 32;
            r->group = 1;
        }
        r->name = names[i];
    }
}

static int la_reg_get(struct cpu *c, unsigned i, void *out)
{
    struct la_cpu *s = LA(c);
    uint64_t v;
    if (i < 32) v = s->r[i];
    else if (i == REG_ORIG_A0) v = s->orig_a0;
    else if (i == REG_PC) v = c->pc;
    else if (i == REG_BADV) v = s->badv;
    else if (i < REG_FCC0) v = s->f[i - REG_F0];
    else if (i < REG_FCSR) { *(uint8_t *)out = s->fcc[i - REG_FCC0]; return 1; }
    else if (i == REG_FCSR) { uint32_t w = s->fcsr; memcpy(out, &w, 4); return 4; }
    else return -1;
    memcpy(out, &v, 8);
    return 8;
}

static int la_reg_set(struct cpu *c, unsigned i, const void *in)
{
    struct la_cpu *s = LA(c);
    uint64_t v;
    if (i < REG_FCC0) {
        memcpy(&v, in, 8);
        if (i == 0) return 8;
        if (i < 32) s->r[i] = v;
        else if (i == REG_ORIG_A0) s->orig_a0 = v;
        else if (i == REG_PC) c->pc = v;
        else if (i == REG_BADV) s->badv = v;
        else s->f[i - REG_F0] = v;
        return 8;
    }
    if (i < REG_FCSR) { s->fcc[i - REG_FCC0] = *(const uint8_t *)in & 1; return 1; }
    if (i == REG_FCSR) { uint32_t w; memcpy(&w, in, 4); s->fcsr = w & FCSR_MASK; return 4; }
    return -1;
}

static bool la_privileged(struct cpu *c)
{
    return la_plv(LA(c)) == 0;
}

const struct arch arch_loongarch64 = {
    .name = "loongarch64",
    .e_machine = EM_LOONGARCH,
    .cpu_size = sizeof(struct la_cpu),
    .max_insn_len = 4,
    .reset = la_reset,
    .decode = la_decode_insn,
    .disasm = la_disasm_insn,
    .undef = la_h_invalid,
    .mem_fault = la_mem_fault,
    .interrupt = la_interrupt,
    .nregs = NREGS,
    .regs = regs,
    .reg_get = la_reg_get,
    .reg_set = la_reg_set,
    .privileged = la_privileged,
};
