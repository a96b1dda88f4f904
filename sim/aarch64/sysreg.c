/* aarch64 system registers and system instructions (MRS, MSR, SYS,
 * barriers, hints).  EL0 sees what Linux lets it see: NZCV, DAIF is not
 * writable (SCTLR_EL1.UMA = 0), FPCR/FPSR, TPIDR_EL0, TPIDRRO_EL0 (read
 * only), the virtual counter, CTR_EL0 (SCTLR_EL1.UCT = 1), DCZID_EL0 and
 * the ID registers, which Linux emulates for EL0. */
#include <time.h>

#include "a64.h"
#include "../machine.h"

#define SR(op0, op1, crn, crm, op2) ((op0) << 14 | (op1) << 11 | (crn) << 7 | (crm) << 3 | (op2))

enum {
    R_NZCV = SR(3, 3, 4, 2, 0), R_DAIF = SR(3, 3, 4, 2, 1),
    R_FPCR = SR(3, 3, 4, 4, 0), R_FPSR = SR(3, 3, 4, 4, 1),
    R_TPIDR_EL0 = SR(3, 3, 13, 0, 2), R_TPIDRRO_EL0 = SR(3, 3, 13, 0, 3),
    R_CNTFRQ = SR(3, 3, 14, 0, 0), R_CNTPCT = SR(3, 3, 14, 0, 1),
    R_CNTVCT = SR(3, 3, 14, 0, 2), R_CNTPCTSS = SR(3, 3, 14, 0, 5),
    R_CNTVCTSS = SR(3, 3, 14, 0, 6),
    R_DCZID = SR(3, 3, 0, 0, 7), R_CTR = SR(3, 3, 0, 0, 1),
    R_MIDR = SR(3, 0, 0, 0, 0), R_MPIDR = SR(3, 0, 0, 0, 5), R_REVIDR = SR(3, 0, 0, 0, 6),
    R_SCTLR = SR(3, 0, 1, 0, 0), R_VBAR = SR(3, 0, 12, 0, 0),
    R_SPSR = SR(3, 0, 4, 0, 0), R_ELR = SR(3, 0, 4, 0, 1), R_SP_EL0 = SR(3, 0, 4, 1, 0),
    R_SPSEL = SR(3, 0, 4, 2, 0), R_CURRENTEL = SR(3, 0, 4, 2, 2),
    R_ESR = SR(3, 0, 5, 2, 0), R_FAR = SR(3, 0, 6, 0, 0),
    R_TPIDR_EL1 = SR(3, 0, 13, 0, 4), R_CNTKCTL = SR(3, 0, 14, 1, 0),
};

#define FPCR_MASK 0x07c80000u   /* AHP DN FZ RMode FZ16 */
#define FPSR_MASK 0x0800009fu   /* QC IDC IXC UFC OFC DZC IOC */

static uint64_t counter(void)
{
    if (the_machine && the_machine->deterministic && the_machine->cpu)
        return the_machine->cpu->icount;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The ID space (op0=3, op1=0, CRn=0) as Linux's MRS emulation shows it to
 * EL0: only the features trapeze implements. */
static bool id_reg(unsigned enc, uint64_t *v)
{
    if ((enc >> 7) != (SR(3, 0, 0, 0, 0) >> 7))
        return false;
    switch (enc) {
    case R_MIDR: *v = 0x410fd083; return true;    /* Cortex-A72 r0p3 */
    case R_MPIDR: *v = 0x80000000; return true;
    case R_REVIDR: *v = 0; return true;
    case SR(3, 0, 0, 4, 0): *v = 0x11; return true; /* PFR0: EL0/EL1 AArch64, FP, AdvSIMD */
    default:
        /* other ID registers read as zero (feature not present) */
        *v = 0;
        return ((enc >> 3) & 0xf) >= 1;
    }
}

#define SCTLR_UMA (1u << 9)
#define SCTLR_DZE (1u << 14)
#define SCTLR_UCT (1u << 15)
#define CNTKCTL_EL0PCTEN 1u
#define CNTKCTL_EL0VCTEN 2u

/* Registers EL0 may use only when EL1 allows it (SCTLR_EL1.UCT/UMA,
 * CNTKCTL_EL1): otherwise the access traps to EL1 with EC 0x18. */
static bool el0_trapped(const struct a64_cpu *s, unsigned enc)
{
    switch (enc) {
    case R_CTR: return !(s->sctlr_el1 & SCTLR_UCT);
    case R_DAIF: return !(s->sctlr_el1 & SCTLR_UMA);
    case R_CNTVCT: case R_CNTVCTSS: return !(s->cntkctl_el1 & (CNTKCTL_EL0VCTEN | CNTKCTL_EL0PCTEN));
    case R_CNTPCT: case R_CNTPCTSS: return !(s->cntkctl_el1 & CNTKCTL_EL0PCTEN);
    case R_CNTFRQ: return !(s->cntkctl_el1 & (CNTKCTL_EL0VCTEN | CNTKCTL_EL0PCTEN));
    }
    return false;
}

int a64_mrs(struct a64_cpu *s, unsigned enc, uint64_t *v)
{
    if (!s->el && el0_trapped(s, enc))
        return SR_TRAP;
    switch (enc) {
    case R_NZCV: *v = s->nzcv; return SR_OK;
    case R_FPCR: *v = s->fpcr; return SR_OK;
    case R_FPSR: *v = s->fpsr; return SR_OK;
    case R_TPIDR_EL0: *v = s->tpidr_el0; return SR_OK;
    case R_TPIDRRO_EL0: *v = s->tpidrro_el0; return SR_OK;
    case R_CNTFRQ: *v = 1000000000; return SR_OK;
    case R_CNTVCT: case R_CNTVCTSS: case R_CNTPCT: case R_CNTPCTSS: *v = counter(); return SR_OK;
    case R_DCZID: *v = 4 | ((s->sctlr_el1 & SCTLR_DZE) || s->el ? 0 : 0x10); return SR_OK;
    case R_CTR: *v = 0x8444c004; return SR_OK;     /* 64-byte lines, DIC=0 IDC=0 */
    case R_DAIF: *v = s->daif; return SR_OK;
    }
    if (id_reg(enc, v))
        return SR_OK;
    if (!s->el)
        return SR_UNDEF;
    switch (enc) {
    case R_SCTLR: *v = s->sctlr_el1; return SR_OK;
    case R_VBAR: *v = s->vbar_el1; return SR_OK;
    case R_SPSR: *v = s->spsr_el1; return SR_OK;
    case R_ELR: *v = s->elr_el1; return SR_OK;
    case R_SP_EL0: *v = s->sp_el0; return SR_OK;
    case R_SPSEL: *v = s->spsel; return SR_OK;
    case R_CURRENTEL: *v = (uint64_t)s->el << 2; return SR_OK;
    case R_ESR: *v = s->esr_el1; return SR_OK;
    case R_FAR: *v = s->far_el1; return SR_OK;
    case R_TPIDR_EL1: *v = s->tpidr_el1; return SR_OK;
    case R_CNTKCTL: *v = s->cntkctl_el1; return SR_OK;
    }
    return SR_UNDEF;
}

int a64_msr(struct a64_cpu *s, unsigned enc, uint64_t v)
{
    if (!s->el && enc == R_DAIF && el0_trapped(s, enc))
        return SR_TRAP;
    switch (enc) {
    case R_NZCV: s->nzcv = (uint32_t)v & PS_NZCV; return SR_OK;
    case R_FPCR: s->fpcr = (uint32_t)v & FPCR_MASK; return SR_OK;
    case R_FPSR: s->fpsr = (uint32_t)v & FPSR_MASK; return SR_OK;
    case R_TPIDR_EL0: s->tpidr_el0 = v; return SR_OK;
    case R_DAIF: s->daif = (uint16_t)(v & PS_DAIF); return SR_OK;
    }
    if (!s->el)
        return SR_UNDEF;
    switch (enc) {
    case R_TPIDRRO_EL0: s->tpidrro_el0 = v; return SR_OK;
    case R_SCTLR: s->sctlr_el1 = v; return SR_OK;
    case R_VBAR: s->vbar_el1 = v & ~0x7ffull; return SR_OK;
    case R_SPSR: s->spsr_el1 = v; return SR_OK;
    case R_ELR: s->elr_el1 = v; return SR_OK;
    case R_SP_EL0: s->sp_el0 = v; return SR_OK;
    case R_ESR: s->esr_el1 = v; return SR_OK;
    case R_FAR: s->far_el1 = v; return SR_OK;
    case R_TPIDR_EL1: s->tpidr_el1 = v; return SR_OK;
    case R_CNTKCTL: s->cntkctl_el1 = v; return SR_OK;
    }
    return SR_UNDEF;
}

/* EC 0x18 syndrome: Op0 Op2 Op1 CRn Rt CRm Direction (1 = read) */
static const struct dinsn *sys_trap(struct a64_cpu *s, const struct dinsn *d, unsigned enc,
                                    unsigned rt, bool read)
{
    uint32_t iss = (enc >> 14) << 20 | (enc & 7) << 17 | ((enc >> 11) & 7) << 14 |
                   ((enc >> 7) & 15) << 10 | rt << 5 | ((enc >> 3) & 15) << 1 | read;
    a64_take_exception(s, EC_SYSREG, iss, d->pc, 0, false);
    return cpu_trapped(&s->c);
}

/* IMM = system register encoding, RD = Rt */
H(a_mrs)
{
    struct a64_cpu *s = A(c);
    uint64_t v;
    int r = a64_mrs(s, (unsigned)IMM(d), &v);
    if (r == SR_TRAP)
        return sys_trap(s, d, (unsigned)IMM(d), d->raw & 31, true);
    if (r != SR_OK)
        return a64_undef(s, d);
    s->x[RD(d)] = v;
    CPU_NEXT(c, d);
}

H(a_msr)
{
    struct a64_cpu *s = A(c);
    int r = a64_msr(s, (unsigned)IMM(d), s->x[RD(d)]);
    if (r == SR_TRAP)
        return sys_trap(s, d, (unsigned)IMM(d), d->raw & 31, false);
    if (r != SR_OK)
        return a64_undef(s, d);
    CPU_NEXT(c, d);
}

H(a_nop) { (void)c; CPU_NEXT(c, d); }

H(a_fence)
{
    (void)c;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    CPU_NEXT(c, d);
}

/* MSR (immediate) to PSTATE fields: only SPSel and DAIFSet/Clr at EL1. */
H(a_msr_imm)
{
    struct a64_cpu *s = A(c);
    unsigned op1 = SH(d), op2 = OPT(d), crm = X1(d);
    if (!s->el && op1 == 3 && (op2 == 6 || op2 == 7) && (s->sctlr_el1 & SCTLR_UMA)) {
        if (op2 == 6)
            s->daif |= (uint16_t)(crm << 6);
        else
            s->daif &= (uint16_t)~(crm << 6);
        CPU_NEXT(c, d);
    }
    if (!s->el && op1 == 3 && (op2 == 6 || op2 == 7))   /* DAIFSet/Clr with UMA clear: trapped */
        return sys_trap(s, d, (0u << 14) | (op1 << 11) | (4u << 7) | (crm << 3) | op2, 31, false);
    if (!s->el)
        return a64_undef(s, d);
    if (op1 == 3 && op2 == 6)
        s->daif |= (uint16_t)(crm << 6);
    else if (op1 == 3 && op2 == 7)
        s->daif &= (uint16_t)~(crm << 6);
    else if (op1 == 0 && op2 == 5) {
        if (s->spsel)
            s->sp_el1 = s->x[A64_SP];
        else
            s->sp_el0 = s->x[A64_SP];
        s->spsel = crm & 1;
        s->x[A64_SP] = s->spsel ? s->sp_el1 : s->sp_el0;
    } else
        return a64_undef(s, d);
    CPU_NEXT(c, d);
}
