/* x86_64 CPU model: reset, lazy flags, the pre-decoder (x86_insn ->
 * struct xop + handler), register access for gdb/difftest. */
#include <stdio.h>
#include <string.h>

#include "x86.h"

/* ---- flags ---- */
uint64_t x86_arith_flags(struct x86_cpu *x)
{
    if (x->cc_kind == CC_EAGER)
        return x->rflags & FL_ARITH;
    unsigned sz = x->cc_size, sh = 8 * sz - 1;
    uint64_t m = szmask(sz);
    uint64_t res = x->cc_res & m, a = x->cc_a & m, b = x->cc_b & m;
    uint64_t cf = 0, of = 0, af = (a ^ b ^ res) & FL_AF;
    switch (x->cc_kind) {
    case CC_ADD:
        cf = res < a;
        of = ((a ^ res) & (b ^ res)) >> sh & 1;
        break;
    case CC_ADC:
        cf = x->cc_aux ? res <= a : res < a;
        of = ((a ^ res) & (b ^ res)) >> sh & 1;
        break;
    case CC_SUB:
        cf = a < b;
        of = ((a ^ b) & (a ^ res)) >> sh & 1;
        break;
    case CC_SBB:
        cf = x->cc_aux ? a <= b : a < b;
        of = ((a ^ b) & (a ^ res)) >> sh & 1;
        break;
    case CC_LOGIC:
        af = 0;
        break;
    case CC_INC:
        cf = x->cc_aux;
        of = res == 1ull << sh;
        break;
    case CC_DEC:
        cf = x->cc_aux;
        of = res == (1ull << sh) - 1;
        break;
    case CC_SHIFT:
        cf = x->cc_aux & FL_CF;
        of = x->cc_aux & FL_OF;
        af = 0;
        break;
    }
    return cf | parity8(res) | af | (res == 0 ? FL_ZF : 0) | ((res >> sh & 1) ? FL_SF : 0) |
           (of ? FL_OF : 0);
}

uint64_t x86_get_rflags(struct x86_cpu *x)
{
    return (x->rflags & ~(uint64_t)FL_ARITH) | x86_arith_flags(x) | 2;
}

void x86_set_rflags(struct x86_cpu *x, uint64_t f)
{
    x->rflags = f | 2;
    x->cc_kind = CC_EAGER;
}

bool x86_cond(struct x86_cpu *x, unsigned cc)
{
    bool r;
    if (x->cc_kind == CC_SUB) {
        unsigned sz = x->cc_size;
        uint64_t m = szmask(sz), a = x->cc_a & m, b = x->cc_b & m;
        switch (cc >> 1) {
        case 1: r = a < b; goto out;
        case 2: r = a == b; goto out;
        case 3: r = a <= b; goto out;
        case 4: r = sext(x->cc_res, sz) < 0; goto out;
        case 6: r = sext(a, sz) < sext(b, sz); goto out;
        case 7: r = sext(a, sz) <= sext(b, sz); goto out;
        }
    } else if (x->cc_kind == CC_LOGIC) {
        unsigned sz = x->cc_size;
        int64_t v = sext(x->cc_res, sz);
        switch (cc >> 1) {
        case 0: r = false; goto out;
        case 1: r = false; goto out;
        case 2: r = v == 0; goto out;
        case 3: r = v == 0; goto out;
        case 4: r = v < 0; goto out;
        case 6: r = v < 0; goto out;
        case 7: r = v <= 0; goto out;
        }
    }
    uint64_t f = x86_arith_flags(x);
    switch (cc >> 1) {
    case 0: r = f & FL_OF; break;
    case 1: r = f & FL_CF; break;
    case 2: r = f & FL_ZF; break;
    case 3: r = f & (FL_CF | FL_ZF); break;
    case 4: r = f & FL_SF; break;
    case 5: r = f & FL_PF; break;
    case 6: r = !(f & FL_SF) != !(f & FL_OF); break;
    default: r = (f & FL_ZF) || (!(f & FL_SF) != !(f & FL_OF)); break;
    }
out:
    return (cc & 1) ? !r : r;
}

/* ---- reset ---- */
static void x86_reset(struct cpu *c)
{
    struct x86_cpu *x = X86(c);
    memset((char *)x + sizeof(struct cpu), 0, sizeof *x - sizeof(struct cpu));
    x->cpl = 0;
    x->cs = 0x10;
    x->ss = 0x18;
    x->rflags = 2;
    x->cc_kind = CC_EAGER;
    x->cr0 = 0x80050033;        /* PE, MP, ET, NE, WP, AM, PG */
    x->cr4 = 0x6a0;             /* PAE, PGE, OSFXSR, OSXMMEXCPT */
    x->efer = 0xd00;            /* LME, LMA, NXE */
    x->xcr0 = 3;
    x86_fpu_reset(x);
}

static bool x86_privileged(struct cpu *c)
{
    return X86(c)->cpl == 0;
}

/* ---- the pre-decoder ---- */
static unsigned breg(const struct x86_insn *in, unsigned r)
{
    return !in->rex && r >= 4 && r < 8 ? 16 + r - 4 : r;
}

static const struct dinsn *h_kcall(struct cpu *c, const struct dinsn *d)
{
    struct x86_cpu *x = X86(c);
    x->use_iret = false;
    machine_kernel_entry(c);
    if (x->use_iret) {
        /* The kernel changed more than sysretq restores: leave through iretq. */
        x->use_iret = false;
        c->pc = guest_mem->ktext_base + 0x10;
        return NULL;
    }
    return d + 1;
}

static unsigned x86_decode_insn(struct cpu *c, uint64_t pc, const uint8_t *b, unsigned n,
                                struct dinsn *d)
{
    struct x86_cpu *x = X86(c);
    struct xop *o = (struct xop *)&d->a;
    memset(o, 0, sizeof d->a);
    d->raw = 0;
    for (unsigned i = 0; i < 4 && i < n; i++)
        d->raw |= (uint32_t)b[i] << (8 * i);
    d->cls = IC_ALU;
    if (x->cpl == 0 && pc - guest_mem->ktext_base < sizeof guest_mem->ktext &&
        n >= 1 && b[0] == X86_KCALL_BYTE) {
        d->fn = h_kcall;
        d->flags = DI_PRIV;
        d->cls = IC_SYSTEM;
        return 1;
    }
    struct x86_insn in;
    unsigned len = x86_decode(b, n, &in);
    if (!len)
        return 0;
    d->len = len;
    if (!in.e || in.vex) {
        d->fn = x86_ud;
        d->flags = DI_ENDS_BLOCK;
        return len;
    }
    const struct x86_opent *e = in.e;
    o->disp = in.riprel ? (int64_t)(pc + len + in.disp) : in.disp;
    o->base = in.base;
    o->index = in.index;
    o->scale = in.scale;
    o->seg = in.seg == 0x64 ? 1 : in.seg == 0x65 ? 2 : 0;
    o->reg = in.reg;
    o->rm = in.rm;
    o->osz = in.osz;
    o->asz = in.asz;
    o->mem = in.has_modrm && in.mod != 3;
    o->rep = in.rep;
    o->lock = in.lock;
    o->opc = in.opc;
    o->map = in.map;
    o->modrm = in.modrm;
    o->imm = in.imm;
    o->imm2 = (uint16_t)in.imm2;
    for (int k = 0; k < 4 && e->op[k]; k++) {
        switch (e->op[k]) {
        case O_Eb: if (!o->mem) o->rm = breg(&in, in.rm); break;
        case O_Gb: o->reg = breg(&in, in.reg); break;
        case O_Zb: o->reg = breg(&in, (in.opc & 7) | (in.rex & 1 ? 8 : 0)); break;
        case O_Zv: case O_Zq: o->reg = (in.opc & 7) | (in.rex & 1 ? 8 : 0); break;
        }
    }
    d->flags = (e->flags & F_ENDS) ? DI_ENDS_BLOCK : 0;
    if ((e->flags & F_PRIV) && x->cpl != 0) {
        d->fn = x86_gp0;
        d->flags = DI_ENDS_BLOCK;
        return len;
    }
    xhandler h = x86_int_handler(&in, o, d);
    if (!h)
        h = x86_sse_handler(&in, o, d);
    if (!h)
        h = x86_x87_handler(&in, o, d);
    if (!h)
        h = x86_sys_handler(&in, o, d);
    if (!h) {
        h = x86_ud;
        d->flags = DI_ENDS_BLOCK;
    }
    d->fn = h;
    return len;
}

/* ---- registers for gdb / difftest ---- */
static const struct reg_desc x86_regs[] = {
    { "rax", 64, RK_INT, 0 }, { "rbx", 64, RK_INT, 0 }, { "rcx", 64, RK_INT, 0 },
    { "rdx", 64, RK_INT, 0 }, { "rsi", 64, RK_INT, 0 }, { "rdi", 64, RK_INT, 0 },
    { "rbp", 64, RK_DATA_PTR, 0 }, { "rsp", 64, RK_DATA_PTR, 0 },
    { "r8", 64, RK_INT, 0 }, { "r9", 64, RK_INT, 0 }, { "r10", 64, RK_INT, 0 },
    { "r11", 64, RK_INT, 0 }, { "r12", 64, RK_INT, 0 }, { "r13", 64, RK_INT, 0 },
    { "r14", 64, RK_INT, 0 }, { "r15", 64, RK_INT, 0 },
    { "rip", 64, RK_CODE_PTR, 0 }, { "eflags", 32, RK_INT, 0 },
    { "cs", 32, RK_INT, 0 }, { "ss", 32, RK_INT, 0 }, { "ds", 32, RK_INT, 0 },
    { "es", 32, RK_INT, 0 }, { "fs", 32, RK_INT, 0 }, { "gs", 32, RK_INT, 0 },
    { "fs_base", 64, RK_INT, 2 }, { "gs_base", 64, RK_INT, 2 },
};
/* gdb's order rax rbx rcx rdx rsi rdi rbp rsp -> our register numbers */
static const uint8_t gdb2x86[16] = { 0, 3, 1, 2, 6, 7, 5, 4, 8, 9, 10, 11, 12, 13, 14, 15 };

static int x86_reg_get(struct cpu *c, unsigned i, void *out)
{
    struct x86_cpu *x = X86(c);
    uint64_t v;
    uint32_t w;
    if (i < 16) {
        v = x->r[gdb2x86[i]];
        memcpy(out, &v, 8);
        return 8;
    }
    switch (i) {
    case 16: memcpy(out, &c->pc, 8); return 8;
    case 17: w = (uint32_t)x86_get_rflags(x); memcpy(out, &w, 4); return 4;
    case 18: w = x->cs; memcpy(out, &w, 4); return 4;
    case 19: w = x->ss; memcpy(out, &w, 4); return 4;
    case 20: case 21: case 22: case 23: w = 0; memcpy(out, &w, 4); return 4;
    case 24: memcpy(out, &x->fs_base, 8); return 8;
    case 25: memcpy(out, &x->gs_base, 8); return 8;
    }
    return 0;
}

static int x86_reg_set(struct cpu *c, unsigned i, const void *in)
{
    struct x86_cpu *x = X86(c);
    uint32_t w;
    if (i < 16) {
        memcpy(&x->r[gdb2x86[i]], in, 8);
        return 8;
    }
    switch (i) {
    case 16: memcpy(&c->pc, in, 8); return 8;
    case 17: memcpy(&w, in, 4); x86_set_rflags(x, w); return 4;
    case 24: memcpy(&x->fs_base, in, 8); return 8;
    case 25: memcpy(&x->gs_base, in, 8); return 8;
    }
    return 0;
}

void x86_mem_fault(struct cpu *c, uint64_t pc, uint64_t addr, enum access acc, bool mapped);
void x86_interrupt(struct cpu *c);

const struct arch arch_x86_64 = {
    .name = "x86_64",
    .e_machine = 62,            /* EM_X86_64 */
    .cpu_size = sizeof(struct x86_cpu),
    .max_insn_len = 15,
    .reset = x86_reset,
    .decode = x86_decode_insn,
    .disasm = x86_disasm,
    .undef = x86_ud,
    .mem_fault = x86_mem_fault,
    .interrupt = x86_interrupt,
    .nregs = sizeof x86_regs / sizeof x86_regs[0],
    .regs = x86_regs,
    .reg_get = x86_reg_get,
    .reg_set = x86_reg_set,
    .privileged = x86_privileged,
};
