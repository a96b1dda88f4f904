/* riscv64 CPU model: state and the helpers its handlers share.
 *
 * Operands in struct dinsn (filled by decoders/riscv64/decode.c):
 *   a.u8[0] rd   (an integer rd of x0 is stored as 32: x[32] is a sink,
 *                 so handlers write x[rd] without testing for x0)
 *   a.u8[1] rs1, a.u8[2] rs2, a.u8[3] rs3, a.u8[4] rm (FP rounding mode)
 *   a.u16[3] csr number
 *   a.i64[1] immediate, or the absolute target of a branch / jal
 *   a.u64[2] pc + len (the link value of jal/jalr)
 */
#ifndef TRAPEZE_RV_H
#define TRAPEZE_RV_H

#include <stdint.h>

#include "../cpu.h"
#include "../mem.h"

/* Privilege levels (the encoding of sstatus.SPP / mstatus.MPP). */
enum { RV_PRV_U = 0, RV_PRV_S = 1, RV_PRV_M = 3 };

/* sstatus bits */
#define SSTATUS_SIE  (1ull << 1)
#define SSTATUS_SPIE (1ull << 5)
#define SSTATUS_UBE  (1ull << 6)
#define SSTATUS_SPP  (1ull << 8)
#define SSTATUS_FS   (3ull << 13)
#define SSTATUS_FS_INITIAL (1ull << 13)
#define SSTATUS_FS_CLEAN   (2ull << 13)
#define SSTATUS_FS_DIRTY   (3ull << 13)
#define SSTATUS_SUM  (1ull << 18)
#define SSTATUS_MXR  (1ull << 19)
#define SSTATUS_UXL  (3ull << 32)
#define SSTATUS_SD   (1ull << 63)
#define SSTATUS_WMASK (SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP | SSTATUS_FS | \
                       SSTATUS_SUM | SSTATUS_MXR)

/* scause values */
enum {
    RV_EXC_INSN_MISALIGNED = 0, RV_EXC_INSN_ACCESS = 1, RV_EXC_ILLEGAL = 2,
    RV_EXC_BREAKPOINT = 3, RV_EXC_LOAD_MISALIGNED = 4, RV_EXC_LOAD_ACCESS = 5,
    RV_EXC_STORE_MISALIGNED = 6, RV_EXC_STORE_ACCESS = 7, RV_EXC_ECALL_U = 8,
    RV_EXC_ECALL_S = 9, RV_EXC_INSN_PAGE = 12, RV_EXC_LOAD_PAGE = 13,
    RV_EXC_STORE_PAGE = 15
};

/* The kernel's text page lives at the top of the sv39 kernel half. */
#define RV_KTEXT_BASE 0xffffffffffff0000ull
/* trapeze's kcall: custom-0 opcode with every other field zero. */
#define RV_KCALL 0x0000000bu

struct rv_cpu {
    struct cpu c;
    uint64_t x[33];             /* x[32]: where writes to x0 go */
    uint64_t f[32];             /* singles are NaN-boxed */
    uint32_t fflags, frm;
    uint8_t priv;

    /* supervisor CSRs */
    uint64_t sstatus, stvec, sepc, scause, stval, sscratch, satp, sie, sip;
    uint64_t scounteren;

    /* LR/SC reservation */
    uint64_t res_addr, res_val;
    uint8_t res_valid, res_size;

    uint64_t orig_a0;           /* a0 at syscall entry (restart) */
    uint8_t fault_bus;          /* the last page fault hit a file page beyond EOF */
};

#define RV(cp) ((struct rv_cpu *)(cp))

/* Operand accessors for handlers: `c` and `d` are in scope. */
#define RD   (d->a.u8[0])
#define RS1  (d->a.u8[1])
#define RS2  (d->a.u8[2])
#define RS3  (d->a.u8[3])
#define RM   (d->a.u8[4])
#define CSRN (d->a.u16[3])
#define IMM  (d->a.i64[1])
#define LINK (d->a.u64[2])
#define XR   (RV(c)->x)
#define FR   (RV(c)->f)

#define HANDLER(name) const struct dinsn *rv_##name(struct cpu *c, const struct dinsn *d)

/* Straight-line handlers end with NEXT(): the engine's threaded dispatch
 * (CPU_NEXT in sim/cpu.h). */
#define NEXT() CPU_NEXT(c, d)

extern const struct arch arch_riscv64;

/* trap.c: the one trap entry.  Sets the S-mode cause registers, switches
 * to S-mode and points c->pc at stvec.  Handlers then return
 * cpu_trapped(c). */
void rv_trap(struct rv_cpu *r, uint64_t cause, uint64_t tval, uint64_t epc);
const struct dinsn *rv_raise(struct cpu *c, const struct dinsn *d,
                             uint64_t cause, uint64_t tval);
const struct dinsn *rv_illegal_insn(struct cpu *c, const struct dinsn *d);
void rv_mem_fault(struct cpu *c, uint64_t pc, uint64_t addr, enum access acc, bool mapped);

/* exec_fp.c: MXCSR accrues FP flags across instructions (sticky mode).
 * rv_fp_sync folds them into fflags (before fflags is read); rv_fp_reset
 * clears them and selects RNE (after fflags is written, and whenever
 * other host code ran: the kernel, a host fault handler). */
void rv_fp_sync(struct rv_cpu *r);
void rv_fp_reset(void);

/* csr.c */
bool rv_csr_read(struct rv_cpu *r, unsigned csr, uint64_t *v);
bool rv_csr_write(struct rv_cpu *r, unsigned csr, uint64_t v);

/* The handlers, for the decoder's table (decoders/riscv64/insns.def). */
#define RV_INSN(name, mnem, mask, match, fmt, cls, flags) HANDLER(name);
#include "../../decoders/riscv64/insns.def"
#undef RV_INSN
HANDLER(illegal);
HANDLER(kcall);

#endif
