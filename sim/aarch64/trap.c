/* aarch64 exception entry and return: the one way into EL1 (every
 * exception, svc included, comes through a64_take_exception) and the one
 * way out (ERET through a64_set_pstate). */
#include <signal.h>

#include "a64.h"
#include "../fault.h"

uint64_t a64_get_pstate(struct a64_cpu *s)
{
    return s->nzcv | s->daif | (uint64_t)s->el << 2 | (s->el ? s->spsel : 0);
}

static void sp_save(struct a64_cpu *s)
{
    if (s->el && s->spsel)
        s->sp_el1 = s->x[A64_SP];
    else
        s->sp_el0 = s->x[A64_SP];
}

static void sp_load(struct a64_cpu *s)
{
    s->x[A64_SP] = (s->el && s->spsel) ? s->sp_el1 : s->sp_el0;
}

/* PSTATE from an SPSR value, as ERET does it; an illegal return (to
 * EL2/EL3 or AArch32) is not modelled beyond staying at EL1. */
void a64_set_pstate(struct a64_cpu *s, uint64_t spsr)
{
    sp_save(s);
    s->nzcv = (uint32_t)spsr & PS_NZCV;
    s->daif = (uint16_t)(spsr & PS_DAIF);
    unsigned el = (spsr >> 2) & 3;
    s->el = el ? 1 : 0;
    s->spsel = spsr & 1;
    sp_load(s);
}

/* Synchronous exception taken to EL1 (Arm ARM D1.10): ESR, ELR, SPSR,
 * FAR; PSTATE to EL1h with DAIF masked; pc to the vector for the source
 * (current EL with SP_EL0 +0, current EL with SP_ELx +0x200, lower EL
 * AArch64 +0x400). */
void a64_take_exception(struct a64_cpu *s, unsigned ec, uint32_t iss,
                        uint64_t elr, uint64_t far, bool far_valid)
{
    uint64_t off = s->el == 0 ? 0x400 : (s->spsel ? 0x200 : 0);
    s->spsr_el1 = a64_get_pstate(s);
    s->elr_el1 = elr;
    s->esr_el1 = (uint64_t)ec << 26 | 1u << 25 | (iss & 0x1ffffff);
    if (far_valid)
        s->far_el1 = far;
    sp_save(s);
    s->el = 1;
    s->spsel = 1;
    s->daif = PS_DAIF;
    sp_load(s);
    s->excl_size = 0;
    s->c.pc = s->vbar_el1 + off;
}

/* An IRQ from EL0 at an instruction boundary (the engine asks when a
 * signal became pending): ELR = the instruction not yet run, SPSR, DAIF
 * masked, vector VBAR_EL1 + 0x480 (IRQ, lower EL, AArch64).  ESR_EL1 is
 * not written for interrupts. */
void a64_interrupt(struct cpu *c)
{
    struct a64_cpu *s = (struct a64_cpu *)c;
    s->spsr_el1 = a64_get_pstate(s);
    s->elr_el1 = c->pc;
    sp_save(s);
    s->el = 1;
    s->spsel = 1;
    s->daif = PS_DAIF;
    sp_load(s);
    s->excl_size = 0;
    s->in_irq = true;
    c->pc = s->vbar_el1 + 0x480;
}

const struct dinsn *a64_undef(struct a64_cpu *s, const struct dinsn *d)
{
    a64_take_exception(s, EC_UNKNOWN, 0, d->pc, 0, false);
    return cpu_trapped(&s->c);
}

H(a_undef) { return a64_undef(A(c), d); }

H(a_svc)
{
    struct a64_cpu *s = A(c);
    a64_take_exception(s, EC_SVC64, (uint32_t)IMM(d), d->pc + 4, 0, false);
    return NULL;
}

H(a_brk)
{
    struct a64_cpu *s = A(c);
    a64_take_exception(s, EC_BRK64, (uint32_t)IMM(d), d->pc, 0, false);
    return cpu_trapped(c);
}

H(a_eret)
{
    struct a64_cpu *s = A(c);
    if (s->el == 0)
        return a64_undef(s, d);
    uint64_t target = s->elr_el1;
    a64_set_pstate(s, s->spsr_el1);
    s->excl_size = 0;
    c->pc = target;
    return NULL;
}

H(a_kcall)
{
    machine_kernel_entry(c);
    CPU_NEXT(c, d);
}

/* Host-MMU faults (arch->mem_fault): data abort or instruction abort
 * from EL0.  FSC: level-3 translation fault for an unmapped page,
 * level-3 permission fault otherwise. */
void a64_mem_fault(struct cpu *c, uint64_t pc, uint64_t addr,
                   enum access acc, bool mapped)
{
    struct a64_cpu *s = A(c);
    uint32_t fsc = mapped ? 0x0f : 0x07;
    /* A page of a file mapping past the end of the file: the host said
     * SIGBUS, and so does Linux's fault handler (VM_FAULT_SIGBUS); the
     * architecture has no syndrome for it, so remember it for trap_read. */
    struct fault_ctx *fc = fault_ctx_get();
    s->fault_bus = acc != ACC_EXEC && fc && fc->host_sig == SIGBUS;
    if (acc == ACC_EXEC)
        a64_take_exception(s, EC_IABT_LOW, fsc, pc, addr, true);
    else
        a64_take_exception(s, EC_DABT_LOW, fsc | (acc == ACC_WRITE ? 0x40u : 0),
                           pc, addr, true);
}
