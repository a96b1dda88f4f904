/* What aarch64 adds to traces (sim/trace_arch.h): a trap event shows
 * ESR_EL1, ELR_EL1, SPSR_EL1 and FAR_EL1, and the text format speaks Arm's
 * Tarmac, the format of Arm's Fast Models that Arm's tarmac-trace-utilities
 * read (docs/tracing.md has the mapping):
 *
 *   <cycle> clk IT (<n>) <pc> <encoding> O <EL>_n : <disassembly>
 *   <cycle> clk MR<size> <address> <value>          (MW for a store)
 *   <cycle> clk E <pc> <number> CoreEvent_<name>    (exception entry)
 *   <cycle> clk E <pc> EL0t_n 00000019 CoreEvent_ModeChange   (eret)
 *   <cycle> clk R <register> <value>
 *
 * The exception level is the CPU's: EL0t for user code, EL1h for the
 * kernel's vector stub, which the CPU really runs at EL1. */
#ifndef TRAPEZE_NO_TRACE
#include <inttypes.h>

#include "a64.h"
#include "../trace.h"
#include "../trace_arch.h"

static void trap_regs(struct cpu *c, trace_put_fn *put, void *ctx)
{
    struct a64_cpu *s = A(c);
    put(ctx, "ESR_EL1", s->esr_el1);
    put(ctx, "ELR_EL1", s->elr_el1);
    put(ctx, "SPSR_EL1", s->spsr_el1);
    put(ctx, "FAR_EL1", s->far_el1);
}

/* ---- Tarmac --------------------------------------------------------------- */

/* The registers a Tarmac trace reports, read the way the architecture
 * names them (SP_EL0 and SP_EL1 whichever is in use). */
struct regs {
    uint64_t x[31], sp_el0, sp_el1;
    uint32_t cpsr, fpsr, fpcr;
    a64_vreg v[32];
    uint64_t elr, spsr, esr, far, tpidr_el0, tpidrro_el0, tpidr_el1;
    uint8_t el, spsel;
};

static __thread struct regs before;     /* per guest thread */

static void read_regs(struct a64_cpu *s, struct regs *r)
{
    memcpy(r->x, s->x, sizeof r->x);
    bool h = s->el && s->spsel;
    r->sp_el0 = h ? s->sp_el0 : s->x[A64_SP];
    r->sp_el1 = h ? s->x[A64_SP] : s->sp_el1;
    r->cpsr = (uint32_t)a64_get_pstate(s);
    r->fpsr = s->fpsr;
    r->fpcr = s->fpcr;
    memcpy(r->v, s->v, sizeof r->v);
    r->elr = s->elr_el1;
    r->spsr = s->spsr_el1;
    r->esr = s->esr_el1;
    r->far = s->far_el1;
    r->tpidr_el0 = s->tpidr_el0;
    r->tpidrro_el0 = s->tpidrro_el0;
    r->tpidr_el1 = s->tpidr_el1;
    r->el = s->el;
    r->spsel = s->spsel;
}

static void snapshot(struct cpu *c)
{
    read_regs(A(c), &before);
}

/* <mode>_<security>: the Linux world is Non-secure */
static const char *mode(unsigned el, unsigned spsel)
{
    return el == 0 ? "EL0t_n" : spsel ? "EL1h_n" : "EL1t_n";
}

static void reg64(FILE *f, uint64_t cyc, const char *name, uint64_t v)
{
    fprintf(f, "%" PRIu64 " clk R %s %016" PRIX64 "\n", cyc, name, v);
}

static void reg32(FILE *f, uint64_t cyc, const char *name, uint32_t v)
{
    fprintf(f, "%" PRIu64 " clk R %s %08" PRIX32 "\n", cyc, name, v);
}

/* Register writes: every register whose value differs from `before`,
 * except the exception registers already shown (skip_exc). */
static void reg_writes(FILE *f, uint64_t cyc, const struct regs *a, bool skip_exc)
{
    char name[16];
    for (unsigned i = 0; i < 31; i++)
        if (a->x[i] != before.x[i]) {
            snprintf(name, sizeof name, "X%u", i);
            reg64(f, cyc, name, a->x[i]);
        }
    if (a->sp_el0 != before.sp_el0)
        reg64(f, cyc, "SP_EL0", a->sp_el0);
    if (a->sp_el1 != before.sp_el1)
        reg64(f, cyc, "SP_EL1", a->sp_el1);
    if (!skip_exc && a->cpsr != before.cpsr)
        reg32(f, cyc, "cpsr", a->cpsr);
    for (unsigned i = 0; i < 32; i++)
        if (memcmp(&a->v[i], &before.v[i], 16))
            fprintf(f, "%" PRIu64 " clk R Q%u %016" PRIX64 "_%016" PRIX64 "\n", cyc, i,
                    a->v[i].d[1], a->v[i].d[0]);
    if (a->fpsr != before.fpsr)
        reg32(f, cyc, "FPSR", a->fpsr);
    if (a->fpcr != before.fpcr)
        reg32(f, cyc, "FPCR", a->fpcr);
    if (!skip_exc) {
        if (a->elr != before.elr) reg64(f, cyc, "ELR_EL1", a->elr);
        if (a->spsr != before.spsr) reg64(f, cyc, "SPSR_EL1", a->spsr);
        if (a->esr != before.esr) reg64(f, cyc, "ESR_EL1", a->esr);
    }
    if (!skip_exc && a->far != before.far) reg64(f, cyc, "FAR_EL1", a->far);
    if (a->tpidr_el0 != before.tpidr_el0) reg64(f, cyc, "TPIDR_EL0", a->tpidr_el0);
    if (a->tpidrro_el0 != before.tpidrro_el0) reg64(f, cyc, "TPIDRRO_EL0", a->tpidrro_el0);
    if (a->tpidr_el1 != before.tpidr_el1) reg64(f, cyc, "TPIDR_EL1", a->tpidr_el1);
}

/* Exception entry: the event, then the registers the entry wrote (as
 * Fast Models show them).  Its number and name say where the vector is:
 * from EL0 (lower EL, AArch64) or from EL1 with SP_EL1 or SP_EL0. */
static void exception(FILE *f, uint64_t cyc, const struct regs *a, uint64_t pc, bool irq,
                      unsigned from_el, unsigned from_spsel)
{
    static const char *const names[] = {
        "CURRENT_SP0_SYNC", "CURRENT_SP0_IRQ", "CURRENT_SPx_SYNC", "CURRENT_SPx_IRQ",
        "LOWER_64_SYNC", "LOWER_64_IRQ",
    };
    unsigned k = (from_el ? (from_spsel ? 2 : 0) : 4) + irq;
    unsigned num = (from_el ? (from_spsel ? 0x84 : 0x80) : 0x88) + irq;
    fprintf(f, "%" PRIu64 " clk E %016" PRIx64 " %08x CoreEvent_%s\n", cyc, pc, num, names[k]);
    reg32(f, cyc, "cpsr", a->cpsr);
    reg64(f, cyc, "ELR_EL1", a->elr);
    reg64(f, cyc, "SPSR_EL1", a->spsr);
    if (irq)
        return;
    reg64(f, cyc, "ESR_EL1", a->esr);
    unsigned ec = (unsigned)(a->esr >> 26) & 0x3f;
    if (ec == EC_IABT_LOW || ec == EC_DABT_LOW || ec == EC_IABT_LOW + 1 || ec == EC_DABT_LOW + 1)
        reg64(f, cyc, "FAR_EL1", a->far);
}

static bool cond_branch(uint32_t raw)
{
    return (raw & 0xff000000u) == 0x54000000u ||        /* B.cond, BC.cond */
           (raw & 0x7e000000u) == 0x34000000u ||        /* CBZ, CBNZ */
           (raw & 0x7e000000u) == 0x36000000u;          /* TBZ, TBNZ */
}

/* One access of at most 8 bytes: the value as a number, in hex with an
 * underscore between 32-bit halves, as Fast Models write it. */
static void mem_line(FILE *f, uint64_t cyc, const struct trace_mem *m, unsigned off, unsigned n)
{
    fprintf(f, "%" PRIu64 " clk M%c%u %016" PRIx64 " ", cyc, m->acc == ACC_WRITE ? 'W' : 'R', n,
            m->addr + off);
    if (!m->have_value) {
        fputs("(ABORTED)\n", f);
        return;
    }
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | m->value[off + i];
    if (n == 8)
        fprintf(f, "%08" PRIx64 "_%08" PRIx64 "\n", v >> 32, v & 0xffffffffu);
    else
        fprintf(f, "%0*" PRIx64 "\n", (int)(2 * n), v);
}

static void tarmac_insn(FILE *f, uint64_t cyc, struct cpu *c, const struct dinsn *d, const char *text,
                        const struct trace_mem *m, unsigned nm, unsigned events)
{
    struct a64_cpu *s = A(c);
    struct regs now;
    read_regs(s, &now);
    if (events & TR_INSN) {
        bool skipped = !c->trapped && cond_branch(d->raw) && c->pc == d->pc + 4;
        const char *tab = strchr(text, '\t');
        int mlen = tab ? (int)(tab - text) : (int)strlen(text);
        /* the mnemonic in a column of 8, as Fast Models write it */
        fprintf(f, "%" PRIu64 " clk %s (%" PRIu64 ") %016" PRIx64 " %08" PRIx32 " O %s : %-*.*s%s\n",
                cyc, skipped ? "IS" : "IT", c->icount + c->trapped, d->pc, d->raw,
                mode(before.el, before.spsel), tab ? 8 : 0, mlen, text, tab ? tab + 1 : "");
    }
    for (unsigned i = 0; (events & TR_MEM) && i < nm; i++)
        for (unsigned off = 0; off < m[i].size && off < 16; off += 8)
            mem_line(f, cyc, &m[i], off, m[i].size - off < 8 ? m[i].size - off : 8);
    bool entered = c->trapped || (before.el == 0 && now.el == 1);
    bool left = !entered && before.el == 1 && now.el == 0;
    if (entered && (events & TR_TRAP))
        exception(f, cyc, &now, d->pc, false, before.el, before.spsel);
    if (left && (events & TR_TRAP)) {
        fprintf(f, "%" PRIu64 " clk E %016" PRIx64 " %s 00000019 CoreEvent_ModeChange\n", cyc, c->pc,
                mode(now.el, now.spsel));
        reg32(f, cyc, "cpsr", now.cpsr);
    }
    if (events & TR_INSN)
        reg_writes(f, cyc, &now, (entered || left) && (events & TR_TRAP));
    before = now;
}

static void tarmac_interrupt(FILE *f, uint64_t cyc, struct cpu *c)
{
    struct a64_cpu *s = A(c);
    struct regs now;
    read_regs(s, &now);
    unsigned el = (unsigned)(s->spsr_el1 >> 2) & 3, spsel = s->spsr_el1 & 1;
    exception(f, cyc, &now, s->elr_el1, true, el, spsel);
    before = now;
}

static const struct trace_text tarmac = {
    .snapshot = snapshot, .insn = tarmac_insn, .interrupt = tarmac_interrupt,
};

static const struct trace_arch view = {.arch = &arch_aarch64, .trap_regs = trap_regs, .text = &tarmac};

__attribute__((constructor)) static void init(void)
{
    trace_arch_register(&view);
}
#endif
