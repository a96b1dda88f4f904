/* riscv64 CSRs: the FP CSRs and counters user mode sees, and the
 * supervisor CSRs the kernel's trap path uses.  Machine mode is not
 * modelled: its CSRs are illegal like any unimplemented one.
 *
 * Access rules (privileged spec, "CSR Address Mapping Conventions"):
 * bits 9:8 of the number give the lowest privilege that may access it,
 * bits 11:10 == 3 mean read-only. */
#include "rv.h"

enum {
    CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
    CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105, CSR_SCOUNTEREN = 0x106,
    CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141, CSR_SCAUSE = 0x142, CSR_STVAL = 0x143,
    CSR_SIP = 0x144, CSR_SATP = 0x180,
};

#define SIP_MASK ((1ull << 1) | (1ull << 5) | (1ull << 9))

static bool fp_on(struct rv_cpu *r)
{
    return (r->sstatus & SSTATUS_FS) != 0;
}

/* Counters in user mode need their scounteren bit. */
static bool counter_ok(struct rv_cpu *r, unsigned csr)
{
    return r->priv >= RV_PRV_S || ((r->scounteren >> (csr & 31)) & 1);
}

bool rv_csr_read(struct rv_cpu *r, unsigned csr, uint64_t *v)
{
    if (r->priv < ((csr >> 8) & 3))
        return false;
    if (csr >= CSR_FFLAGS && csr <= CSR_FCSR)
        rv_fp_sync(r);
    switch (csr) {
    case CSR_FFLAGS: if (!fp_on(r)) return false; *v = r->fflags; return true;
    case CSR_FRM: if (!fp_on(r)) return false; *v = r->frm; return true;
    case CSR_FCSR: if (!fp_on(r)) return false; *v = r->frm << 5 | r->fflags; return true;
    case CSR_CYCLE:
        if (!counter_ok(r, csr)) return false;
        *v = r->c.cycles ? r->c.cycles : r->c.icount;
        return true;
    /* TODO(lead's clock): time counts retired instructions for now */
    case CSR_TIME: if (!counter_ok(r, csr)) return false; *v = r->c.icount; return true;
    case CSR_INSTRET: if (!counter_ok(r, csr)) return false; *v = r->c.icount; return true;
    case CSR_SSTATUS: {
        uint64_t s = r->sstatus | (2ull << 32);       /* UXL = 64 */
        if ((s & SSTATUS_FS) == SSTATUS_FS_DIRTY)
            s |= SSTATUS_SD;
        *v = s;
        return true;
    }
    case CSR_SIE: *v = r->sie; return true;
    case CSR_STVEC: *v = r->stvec; return true;
    case CSR_SCOUNTEREN: *v = r->scounteren; return true;
    case CSR_SSCRATCH: *v = r->sscratch; return true;
    case CSR_SEPC: *v = r->sepc; return true;
    case CSR_SCAUSE: *v = r->scause; return true;
    case CSR_STVAL: *v = r->stval; return true;
    case CSR_SIP: *v = r->sip; return true;
    case CSR_SATP: *v = r->satp; return true;
    }
    return false;
}

bool rv_csr_write(struct rv_cpu *r, unsigned csr, uint64_t v)
{
    if (r->priv < ((csr >> 8) & 3) || (csr >> 10) == 3)
        return false;
    switch (csr) {
    case CSR_FFLAGS: if (!fp_on(r)) return false; r->fflags = v & 31; break;
    case CSR_FRM: if (!fp_on(r)) return false; r->frm = v & 7; break;
    case CSR_FCSR:
        if (!fp_on(r)) return false;
        r->fflags = v & 31;
        r->frm = (v >> 5) & 7;
        break;
    case CSR_SSTATUS: r->sstatus = (r->sstatus & ~SSTATUS_WMASK) | (v & SSTATUS_WMASK); return true;
    case CSR_SIE: r->sie = v & SIP_MASK; return true;
    case CSR_STVEC: r->stvec = v & ~2ull; return true;        /* direct or vectored */
    case CSR_SCOUNTEREN: r->scounteren = v & 0xffffffffu; return true;
    case CSR_SSCRATCH: r->sscratch = v; return true;
    case CSR_SEPC: r->sepc = v & ~1ull; return true;
    case CSR_SCAUSE: r->scause = v; return true;
    case CSR_STVAL: r->stval = v; return true;
    case CSR_SIP: r->sip = (r->sip & ~2ull) | (v & 2); return true; /* only SSIP is writable */
    case CSR_SATP:
        if ((v >> 60) == 0)                 /* Bare is the only mode modelled */
            r->satp = v;
        return true;
    default:
        return false;
    }
    r->sstatus |= SSTATUS_FS_DIRTY;         /* an FP CSR changed */
    rv_fp_reset();                          /* flags accrued before are in fflags or gone */
    return true;
}

/* csrrw/csrrwi read only when rd != x0; csrrs/csrrc (and the immediate
 * forms) write only when the source field is not zero.  The fields are
 * taken from the raw bits because the decoder redirects rd = x0. */
static const struct dinsn *csr_op(struct cpu *c, const struct dinsn *d, int kind, uint64_t src)
{
    struct rv_cpu *r = RV(c);
    unsigned csr = CSRN, rd = (d->raw >> 7) & 31, rs1f = (d->raw >> 15) & 31;
    bool do_read = kind != 0 || rd != 0;
    bool do_write = kind == 0 || rs1f != 0;
    uint64_t old = 0;
    if (do_read && !rv_csr_read(r, csr, &old))
        return rv_illegal_insn(c, d);
    if (do_write) {
        uint64_t nv = kind == 0 ? src : kind == 1 ? old | src : old & ~src;
        if (!do_read) {
            uint64_t tmp;       /* a write-only access still needs the CSR to exist */
            if (!rv_csr_read(r, csr, &tmp))
                return rv_illegal_insn(c, d);
        }
        if (!rv_csr_write(r, csr, nv))
            return rv_illegal_insn(c, d);
    }
    XR[RD] = old;
    if (d->flags & DI_ENDS_BLOCK) {
        c->pc = d->pc + 4;
        return NULL;
    }
    return d + 1;
}

HANDLER(csrrw) { return csr_op(c, d, 0, XR[RS1]); }
HANDLER(csrrs) { return csr_op(c, d, 1, XR[RS1]); }
HANDLER(csrrc) { return csr_op(c, d, 2, XR[RS1]); }
HANDLER(csrrwi) { return csr_op(c, d, 0, RS1); }
HANDLER(csrrsi) { return csr_op(c, d, 1, RS1); }
HANDLER(csrrci) { return csr_op(c, d, 2, RS1); }
