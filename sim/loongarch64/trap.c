/* LoongArch exceptions and system instructions: the one trap-entry path
 * (la_trap_enter), its return (ertn), CSR access, syscall/break, rdtime,
 * cpucfg and the trapeze-private kcall. */
#include "la.h"

void la_trap_enter(struct la_cpu *s, uint64_t pc, unsigned ecode,
                   unsigned esub, bool set_badv, uint64_t badv)
{
    s->estat = (s->estat & ~(0x7fffull << 16)) | (uint64_t)ecode << 16 |
               (uint64_t)esub << 22;
    s->era = pc;
    if (set_badv)
        s->badv = badv;
    s->badi = s->c.cur ? s->c.cur->raw : 0;
    s->prmd = (s->prmd & ~(uint64_t)(PRMD_PPLV | PRMD_PIE | PRMD_PWE)) |
              (s->crmd & CRMD_PLV) | (s->crmd & CRMD_IE ? PRMD_PIE : 0) |
              (s->crmd & CRMD_WE ? PRMD_PWE : 0);
    s->crmd &= ~(uint64_t)(CRMD_PLV | CRMD_IE | CRMD_WE);
    unsigned vs = (s->ecfg >> 16) & 7;
    s->c.pc = s->eentry + (vs ? (uint64_t)ecode << (vs + 2) : 0);
}

const struct dinsn *la_raise(struct cpu *c, uint64_t pc, unsigned ecode,
                             unsigned esub, bool set_badv, uint64_t badv)
{
    la_trap_enter(LA(c), pc, ecode, esub, set_badv, badv);
    return cpu_trapped(c);
}

/* An external interrupt at an instruction boundary (the engine asks when a
 * signal became pending): the timer interrupt line, ESTAT.IS bit 11, with
 * Ecode INT and ERA the instruction that has not run yet. */
#define ESTAT_TI (1ull << 11)
void la_interrupt(struct cpu *c)
{
    struct la_cpu *s = LA(c);
    s->c.cur = NULL;
    la_trap_enter(s, c->pc, ECODE_INT, 0, false, 0);
    s->estat |= ESTAT_TI;
}

/* Host-detected faults.  Non-canonical addresses give ADEF/ADEM;
 * unmapped pages give the "page invalid" codes,
 * mapped ones the protection codes; the kernel tells MAPERR from ACCERR
 * by looking up the address, as Linux's do_page_fault does. */
void la_mem_fault(struct cpu *c, uint64_t pc, uint64_t addr, enum access acc,
                  bool mapped)
{
    unsigned ecode;
    /* bits 63..47 not all equal: outside the 48-bit virtual address
     * space, an address error rather than a page fault */
    int64_t hi = (int64_t)addr >> 47;
    if (hi != 0 && hi != -1) {
        la_trap_enter(LA(c), pc, ECODE_ADE, acc == ACC_EXEC ? ESUB_ADEF : ESUB_ADEM,
                      true, addr);
        return;
    }
    if (acc == ACC_EXEC)
        ecode = mapped ? ECODE_PNX : ECODE_PIF;
    else if (acc == ACC_WRITE)
        ecode = mapped ? ECODE_PME : ECODE_PIS;
    else
        ecode = mapped ? ECODE_PNR : ECODE_PIL;
    la_trap_enter(LA(c), pc, ecode, 0, true, addr);
}

const struct dinsn *la_h_invalid(struct cpu *c, const struct dinsn *d)
{
    return la_raise(c, d->pc, ECODE_INE, 0, false, 0);
}

static const struct dinsn *ipe(struct cpu *c, const struct dinsn *d)
{
    return la_raise(c, d->pc, ECODE_IPE, 0, false, 0);
}

H(SYSCALL) { return la_raise(c, d->pc, ECODE_SYS, 0, false, 0); }
H(BREAK) { return la_raise(c, d->pc, ECODE_BRK, 0, false, 0); }

/* The stable counter: derived from retired instructions so runs are
 * reproducible; each read adds one so two reads never compare equal. */
uint64_t la_stable_counter(struct la_cpu *s)
{
    return s->c.icount + ++s->time_bump;
}

uint64_t la_csr_read(struct la_cpu *s, unsigned csr)
{
    switch (csr) {
    case CSR_CRMD: return s->crmd;
    case CSR_PRMD: return s->prmd;
    case CSR_EUEN: return s->euen;
    case CSR_MISC: return s->misc;
    case CSR_ECFG: return s->ecfg;
    case CSR_ESTAT: return s->estat;
    case CSR_ERA: return s->era;
    case CSR_BADV: return s->badv;
    case CSR_BADI: return s->badi;
    case CSR_EENTRY: return s->eentry;
    case CSR_CPUID: return s->cpuid;
    case CSR_TID: return s->tid;
    case CSR_TCFG: return s->tcfg;
    case CSR_CNTC: return s->cntc;
    case CSR_LLBCTL: return s->llbit | (s->llbctl & 4);
    case CSR_TLBRENTRY: return s->tlbrentry;
    default:
        if (csr >= CSR_SAVE0 && csr < CSR_SAVE0 + CSR_NSAVE)
            return s->save[csr - CSR_SAVE0];
        if (csr >= CSR_DMW0 && csr < CSR_DMW0 + 4)
            return s->dmw[csr - CSR_DMW0];
        return 0;       /* unimplemented CSRs read as zero */
    }
}

void la_csr_write(struct la_cpu *s, unsigned csr, uint64_t v)
{
    switch (csr) {
    case CSR_CRMD: s->crmd = v & 0x3ff; break;
    case CSR_PRMD: s->prmd = v & 0xf; break;
    case CSR_EUEN: s->euen = v & 0xf; break;
    case CSR_MISC: s->misc = v; break;
    case CSR_ECFG: s->ecfg = v & 0x71fff; break;
    case CSR_ESTAT: s->estat = (s->estat & ~3ull) | (v & 3); break; /* only SWI bits */
    case CSR_ERA: s->era = v; break;
    case CSR_BADV: s->badv = v; break;
    case CSR_BADI: break;
    case CSR_EENTRY: s->eentry = v & ~0xfffull; break;
    case CSR_CPUID: break;
    case CSR_TID: s->tid = v & 0xffffffff; break;
    case CSR_TCFG: s->tcfg = v; break;
    case CSR_CNTC: s->cntc = v; break;
    case CSR_LLBCTL:
        s->llbctl = v & 4;                  /* KLO */
        if (v & 2)                          /* WCLLB */
            s->llbit = false;
        break;
    case CSR_TLBRENTRY: s->tlbrentry = v & ~0xfffull; break;
    default:
        if (csr >= CSR_SAVE0 && csr < CSR_SAVE0 + CSR_NSAVE)
            s->save[csr - CSR_SAVE0] = v;
        else if (csr >= CSR_DMW0 && csr < CSR_DMW0 + 4)
            s->dmw[csr - CSR_DMW0] = v;
        break;
    }
}

/* CSR instructions can change the privilege level or the FPU enable,
 * so each ends its block. */
H(CSRRD)
{
    struct la_cpu *s = LA(c);
    if (la_plv(s))
        return ipe(c, d);
    s->r[RDW] = la_csr_read(s, IMM);
    c->pc = d->pc + 4;
    return NULL;
}

H(CSRWR)
{
    struct la_cpu *s = LA(c);
    if (la_plv(s))
        return ipe(c, d);
    uint64_t old = la_csr_read(s, IMM);
    la_csr_write(s, IMM, s->r[RDR]);
    s->r[RDW] = old;
    c->pc = d->pc + 4;
    return NULL;
}

H(CSRXCHG)
{
    struct la_cpu *s = LA(c);
    if (la_plv(s))
        return ipe(c, d);
    uint64_t old = la_csr_read(s, IMM), m = s->r[RJ];
    la_csr_write(s, IMM, (old & ~m) | (s->r[RDR] & m));
    s->r[RDW] = old;
    c->pc = d->pc + 4;
    return NULL;
}

/* ertn: the one way back from an exception.  It also clears LLbit, so
 * an ll/sc sequence interrupted by a trap fails its sc. */
H(ERTN)
{
    struct la_cpu *s = LA(c);
    if (la_plv(s))
        return ipe(c, d);
    s->crmd = (s->crmd & ~(uint64_t)(CRMD_PLV | CRMD_IE | CRMD_WE)) |
              (s->prmd & PRMD_PPLV) | (s->prmd & PRMD_PIE ? CRMD_IE : 0) |
              (s->prmd & PRMD_PWE ? CRMD_WE : 0);
    if (!(s->llbctl & 4))   /* KLO */
        s->llbit = false;
    c->pc = s->era;
    return NULL;
}

H(IDLE)
{
    struct la_cpu *s = LA(c);
    if (la_plv(s))
        return ipe(c, d);
    return d + 1;
}

H(RDTIME_D)
{
    struct la_cpu *s = LA(c);
    uint64_t t = la_stable_counter(s);
    s->r[RJ ? RJ : 32] = s->tid;
    s->r[RDW] = t;
    return d + 1;
}

H(RDTIMEL_W)
{
    struct la_cpu *s = LA(c);
    uint64_t t = la_stable_counter(s);
    s->r[RJ ? RJ : 32] = s->tid;
    s->r[RDW] = (uint64_t)(int64_t)(int32_t)t;
    return d + 1;
}

H(RDTIMEH_W)
{
    struct la_cpu *s = LA(c);
    uint64_t t = la_stable_counter(s);
    s->r[RJ ? RJ : 32] = s->tid;
    s->r[RDW] = (uint64_t)(int64_t)(int32_t)(t >> 32);
    return d + 1;
}

/* cpucfg words for what this model implements: LA64, paging, 48-bit
 * addresses, unaligned access, RI/XI, CRC, FP single+double, LAM, no
 * LSX/LASX/LBT. */
static uint32_t cpucfg(uint64_t word)
{
    switch (word) {
    case 0: return 0x0014c010;      /* PRID of a Loongson-3A5000 (LA464) */
    case 1: return 2 | 1u << 2 | 1u << 3 | 47u << 4 | 47u << 12 |
                   1u << 20 | 1u << 21 | 1u << 22 | 1u << 23 | 1u << 24 |
                   1u << 25;
    case 2: return 1 | 1u << 1 | 1u << 2 | 1u << 3 | 1u << 14 | 1u << 15 |
                   1u << 22;
    case 3: return 0x0000fcff;
    case 4: return 100000000;       /* stable counter frequency (Hz) */
    case 5: return 1 | 1u << 16;    /* multiplier / divisor */
    default: return 0;
    }
}

HDEF(CPUCFG, uint64_t v = cpucfg(r[RJ]); r[RDW] = v)

/* kcall: the kernel runs on the live registers; the vector stub's next
 * instruction (ertn) returns to the guest. */
const struct dinsn *la_h_kcall(struct cpu *c, const struct dinsn *d)
{
    machine_kernel_entry(c);
    return d + 1;
}

#define E(id, cls) { LA_##id, cls, la_h_##id }
const struct la_handler la_sys_handlers[] = {
    E(SYSCALL, IC_SYSTEM), E(BREAK, IC_SYSTEM), E(CSRRD, IC_SYSTEM),
    E(CSRWR, IC_SYSTEM), E(CSRXCHG, IC_SYSTEM), E(ERTN, IC_SYSTEM),
    E(IDLE, IC_SYSTEM), E(RDTIME_D, IC_SYSTEM), E(RDTIMEL_W, IC_SYSTEM),
    E(RDTIMEH_W, IC_SYSTEM), E(CPUCFG, IC_SYSTEM),
    { 0, 0, 0 }
};
