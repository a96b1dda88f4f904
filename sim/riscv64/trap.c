/* riscv64 traps: the one way into S-mode (rv_trap) and the one way out
 * (sret), plus the system instructions.  Privileged spec, "Supervisor
 * Trap Handling": on a trap sepc = pc of the instruction, scause, stval,
 * SPP = previous privilege, SPIE = SIE, SIE = 0, pc = stvec BASE
 * (synchronous exceptions use BASE even in vectored mode). */
#include <signal.h>

#include "rv.h"
#include "../fault.h"

void rv_trap(struct rv_cpu *r, uint64_t cause, uint64_t tval, uint64_t epc)
{
    uint64_t s = r->sstatus;
    r->sepc = epc;
    r->scause = cause;
    r->stval = tval;
    s = (s & ~SSTATUS_SPP) | (r->priv ? SSTATUS_SPP : 0);
    s = (s & ~SSTATUS_SPIE) | ((s & SSTATUS_SIE) ? SSTATUS_SPIE : 0);
    s &= ~SSTATUS_SIE;
    r->sstatus = s;
    r->priv = RV_PRV_S;
    r->res_valid = 0;
    r->c.pc = r->stvec & ~3ull;
}

const struct dinsn *rv_raise(struct cpu *c, const struct dinsn *d, uint64_t cause, uint64_t tval)
{
    rv_trap(RV(c), cause, tval, d->pc);
    return cpu_trapped(c);
}

const struct dinsn *rv_illegal_insn(struct cpu *c, const struct dinsn *d)
{
    return rv_raise(c, d, RV_EXC_ILLEGAL, d->raw);
}

HANDLER(illegal) { return rv_illegal_insn(c, d); }

/* Both kinds of guest memory fault are page faults on a paged system; the
 * kernel tells unmapped from protected by looking up the VMA. */
void rv_mem_fault(struct cpu *c, uint64_t pc, uint64_t addr, enum access acc, bool mapped)
{
    (void)mapped;
    /* The host fault handler's entry reset MXCSR: start sticky mode over. */
    rv_fp_reset();
    /* A page of a file mapping past the end of the file: the host said
     * SIGBUS.  Linux's fault handler then raises SIGBUS; remember it for
     * the kernel's trap_read (the architecture has no cause for it). */
    /* A 4-byte instruction whose second half lies on an unfetchable page:
     * the fault address is that page, as the hardware reports it. */
    if (acc == ACC_EXEC && addr == pc) {
        uint8_t b[4];
        unsigned got = mem_fetch(c, pc, b, 4);
        if (got >= 2 && got < 4 && (b[0] & 3) == 3)
            addr = pc + got;
    }
    struct fault_ctx *fc = fault_ctx_get();
    RV(c)->fault_bus = acc != ACC_EXEC && fc && fc->host_sig == SIGBUS;
    uint64_t cause = acc == ACC_EXEC ? RV_EXC_INSN_PAGE
                   : acc == ACC_WRITE ? RV_EXC_STORE_PAGE : RV_EXC_LOAD_PAGE;
    rv_trap(RV(c), cause, addr, pc);
    c->trapped = true;
}

HANDLER(ecall)
{
    struct rv_cpu *r = RV(c);
    return rv_raise(c, d, r->priv == RV_PRV_U ? RV_EXC_ECALL_U : RV_EXC_ECALL_S, 0);
}

HANDLER(ebreak) { return rv_raise(c, d, RV_EXC_BREAKPOINT, d->pc); }

HANDLER(sret)
{
    struct rv_cpu *r = RV(c);
    if (r->priv == RV_PRV_U)
        return rv_illegal_insn(c, d);
    uint64_t s = r->sstatus;
    r->priv = (s & SSTATUS_SPP) ? RV_PRV_S : RV_PRV_U;
    s = (s & ~SSTATUS_SIE) | ((s & SSTATUS_SPIE) ? SSTATUS_SIE : 0);
    s |= SSTATUS_SPIE;
    s &= ~SSTATUS_SPP;
    r->sstatus = s;
    c->pc = r->sepc;
    return NULL;
}

/* No M-mode: mret is never legal. */
HANDLER(mret) { return rv_illegal_insn(c, d); }

HANDLER(wfi)
{
    if (RV(c)->priv == RV_PRV_U)
        return rv_illegal_insn(c, d);
    c->pc = d->pc + 4;
    return NULL;
}

HANDLER(sfence_vma)
{
    if (RV(c)->priv == RV_PRV_U)
        return rv_illegal_insn(c, d);
    c->pc = d->pc + 4;
    return NULL;
}

/* trapeze's kernel call (custom-0, decoded only in S-mode inside the
 * kernel text page): the emulated kernel runs on the live registers. */
HANDLER(kcall)
{
    rv_fp_sync(RV(c));
    machine_kernel_entry(c);
    rv_fp_reset();
    return d + 1;
}
