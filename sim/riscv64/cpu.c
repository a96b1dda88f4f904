/* riscv64 CPU model: the struct arch, reset, and the decode step that
 * turns a table entry (decoders/riscv64) into a dinsn for the engine. */
#include <string.h>

#include "rv.h"
#include "../../decoders/riscv64/decode.h"

static const insn_fn handlers[RV_NOPS] = {
    [RV_OP_INVALID] = rv_illegal,
#define RV_INSN(name, mnem, mask, match, fmt, cls, flags) [RV_OP_##name] = rv_##name,
#include "../../decoders/riscv64/insns.def"
#undef RV_INSN
};

static void rv_reset(struct cpu *c)
{
    struct rv_cpu *r = RV(c);
    memset((char *)r + sizeof r->c, 0, sizeof *r - sizeof r->c);
    r->priv = RV_PRV_S;         /* no M-mode: S is the highest level */
}

static bool rv_privileged(struct cpu *c)
{
    return RV(c)->priv != RV_PRV_U;
}

static bool int_rd(enum rv_fmt f)
{
    switch (f) {
    case F_R: case F_R1: case F_I: case F_SH: case F_LD: case F_U: case F_J: case F_JALR:
    case F_CSR: case F_CSRI: case F_AMO: case F_LR: case F_FCMP: case F_FCLASS:
    case F_FCVT_IF:
        return true;
    default:
        return false;
    }
}

static bool has_rm(enum rv_fmt f)
{
    return f == F_FRM || f == F_FR4 || f == F_FSQRT || f == F_FCVT_IF ||
           f == F_FCVT_FI || f == F_FCVT_FF;
}

static unsigned rv_decode(struct cpu *c, uint64_t pc, const uint8_t *b, unsigned n,
                          struct dinsn *d)
{
    if (n < 2)
        return 0;
    uint32_t raw = b[0] | (uint32_t)b[1] << 8, insn;
    unsigned len;
    if ((raw & 3) == 3) {
        if (n < 4)
            return 0;
        raw |= (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
        len = 4;
        insn = raw;
    } else {
        len = 2;
        insn = rv_expand_c((uint16_t)raw);
    }
    memset(&d->a, 0, sizeof d->a);
    d->pc = pc;
    d->raw = raw;
    d->len = (uint8_t)len;

    if (insn == RV_KCALL && rv_privileged(c) && pc - guest_mem->ktext_base < 4096) {
        d->fn = rv_kcall;
        d->cls = IC_SYSTEM;
        d->flags = DI_PRIV;
        return len;
    }
    enum rv_op op = insn ? rv_lookup(insn) : RV_OP_INVALID;
    const struct rv_opinfo *oi = &rv_ops[op];
    struct rv_fields f;
    rv_fields(insn, oi->fmt, &f);
    if (has_rm(oi->fmt) && (f.rm == 5 || f.rm == 6))
        op = RV_OP_INVALID, oi = &rv_ops[op];
    d->fn = handlers[op];
    d->cls = oi->cls;
    d->flags = oi->flags;
    if (op == RV_OP_INVALID)
        return len;

    d->a.u8[0] = (int_rd(oi->fmt) && f.rd == 0) ? 32 : f.rd;
    d->a.u8[1] = f.rs1;
    d->a.u8[2] = f.rs2;
    d->a.u8[3] = f.rs3;
    d->a.u8[4] = f.rm;
    d->a.u16[3] = f.csr;
    d->a.i64[1] = f.imm;
    d->a.u64[2] = pc + len;
    switch (oi->fmt) {
    case F_B: case F_J:
        d->a.i64[1] = (int64_t)(pc + (uint64_t)f.imm);
        break;
    case F_U:
        if (op == RV_OP_auipc)
            d->a.i64[1] = (int64_t)(pc + (uint64_t)f.imm);
        break;
    case F_CSR: case F_CSRI:
        /* The FP CSRs change nothing the decoder depends on. */
        if (f.csr >= 1 && f.csr <= 3)
            d->flags &= ~DI_ENDS_BLOCK;
        break;
    default:
        break;
    }
    return len;
}

/* An asynchronous interrupt: the supervisor timer interrupt's cause, taken
 * at the instruction boundary c->pc. */
static void rv_interrupt(struct cpu *c)
{
    rv_trap(RV(c), (1ull << 63) | 5, 0, c->pc);
}

/* gdb's numbering: x0..x31, pc, f0..f31, then fflags, frm, fcsr. */
#define RV_NREGS (32 + 1 + 32 + 3)
static struct reg_desc regs[RV_NREGS];

static const struct reg_desc *reg_table(void)
{
    static const char *const fcsrn[3] = { "fflags", "frm", "fcsr" };
    if (!regs[0].name) {
        for (int i = 0; i < 32; i++) {
            regs[i] = (struct reg_desc){ rv_xname[i], 64, i == 2 ? RK_DATA_PTR : RK_INT, 0 };
            regs[33 + i] = (struct reg_desc){ rv_fname[i], 64, RK_FLOAT, 1 };
        }
        regs[32] = (struct reg_desc){ "pc", 64, RK_CODE_PTR, 0 };
        for (int i = 0; i < 3; i++)
            regs[65 + i] = (struct reg_desc){ fcsrn[i], 32, RK_INT, 1 };
    }
    return regs;
}

static int rv_reg_get(struct cpu *c, unsigned i, void *out)
{
    struct rv_cpu *r = RV(c);
    uint64_t v;
    if (i < 32) v = r->x[i];
    else if (i == 32) v = c->pc;
    else if (i < 65) v = r->f[i - 33];
    else if (i < RV_NREGS) {
        rv_fp_sync(r);
        uint32_t w = i == 65 ? r->fflags : i == 66 ? r->frm : (r->frm << 5 | r->fflags);
        memcpy(out, &w, 4);
        return 4;
    } else return 0;
    memcpy(out, &v, 8);
    return 8;
}

static int rv_reg_set(struct cpu *c, unsigned i, const void *in)
{
    struct rv_cpu *r = RV(c);
    uint64_t v = 0;
    if (i >= RV_NREGS)
        return 0;
    if (i >= 65) {
        uint32_t w;
        memcpy(&w, in, 4);
        if (i == 65) r->fflags = w & 31;
        else if (i == 66) r->frm = w & 7;
        else r->fflags = w & 31, r->frm = (w >> 5) & 7;
        rv_fp_reset();
        return 4;
    }
    memcpy(&v, in, 8);
    if (i == 0) ;
    else if (i < 32) r->x[i] = v;
    else if (i == 32) c->pc = v;
    else r->f[i - 33] = v;
    return 8;
}

static unsigned rv_disasm_cb(uint64_t pc, const uint8_t *b, unsigned n, char *out, size_t outsz)
{
    return rv_disasm(pc, b, n, out, outsz);
}

const struct arch arch_riscv64 = {
    .name = "riscv64",
    .e_machine = 243,           /* EM_RISCV */
    .cpu_size = sizeof(struct rv_cpu),
    .max_insn_len = 4,
    .reset = rv_reset,
    .decode = rv_decode,
    .disasm = rv_disasm_cb,
    .undef = rv_illegal,
    .mem_fault = rv_mem_fault,
    .interrupt = rv_interrupt,
    .nregs = RV_NREGS,
    .regs = regs,
    .reg_get = rv_reg_get,
    .reg_set = rv_reg_set,
    .privileged = rv_privileged,
};

/* The register table is filled before main runs. */
__attribute__((constructor)) static void rv_regs_init(void)
{
    reg_table();
}
