/* LoongArch LA64 CPU model: state, CSRs, operand layout of struct dinsn,
 * and the handler helpers shared by the exec_*.c files. */
#ifndef TRAPEZE_LA_H
#define TRAPEZE_LA_H

#include <stdbool.h>
#include <stdint.h>

#include "../cpu.h"
#include "../mem.h"
#include "../../decoders/loongarch64/decode.h"

/* CSR numbers (LoongArch Reference Manual vol. 1, ch. 7) */
enum {
    CSR_CRMD = 0x0, CSR_PRMD = 0x1, CSR_EUEN = 0x2, CSR_MISC = 0x3,
    CSR_ECFG = 0x4, CSR_ESTAT = 0x5, CSR_ERA = 0x6, CSR_BADV = 0x7,
    CSR_BADI = 0x8, CSR_EENTRY = 0xc, CSR_CPUID = 0x20,
    CSR_SAVE0 = 0x30, CSR_NSAVE = 16,
    CSR_TID = 0x40, CSR_TCFG = 0x41, CSR_TVAL = 0x42, CSR_CNTC = 0x43,
    CSR_TICLR = 0x44, CSR_LLBCTL = 0x60, CSR_TLBRENTRY = 0x88,
    CSR_DMW0 = 0x180,
};

#define CRMD_PLV   0x3u
#define CRMD_IE    0x4u
#define CRMD_DA    0x8u
#define CRMD_PG    0x10u
#define CRMD_WE    0x200u
#define PRMD_PPLV  0x3u
#define PRMD_PIE   0x4u
#define PRMD_PWE   0x8u
#define EUEN_FPE   0x1u

/* ESTAT.Ecode values */
enum {
    ECODE_INT = 0x0, ECODE_PIL = 0x1, ECODE_PIS = 0x2, ECODE_PIF = 0x3,
    ECODE_PME = 0x4, ECODE_PNR = 0x5, ECODE_PNX = 0x6, ECODE_PPI = 0x7,
    ECODE_ADE = 0x8, ECODE_ALE = 0x9, ECODE_BCE = 0xa, ECODE_SYS = 0xb,
    ECODE_BRK = 0xc, ECODE_INE = 0xd, ECODE_IPE = 0xe, ECODE_FPD = 0xf,
    ECODE_FPE = 0x12,
};
#define ESUB_ADEF 0
#define ESUB_ADEM 1

/* fcsr0: Enables [4:0], Flags [20:16], Cause [28:24], RM [9:8];
 * bit order inside each field: I(0) U(1) O(2) Z(3) V(4). */
#define FCSR_RM_SHIFT 8
#define FCSR_FLAGS_SHIFT 16
#define FCSR_CAUSE_SHIFT 24
#define FCSR_MASK 0x1f1f031fu

/* The trapeze-private kcall instruction (unallocated in LA64; decoded
 * only at PLV0 inside the kernel text page).  See docs/loongarch64.md. */
#define LA_KCALL_WORD 0x0000fc00u

/* Kernel text page address: in the direct-mapped window Linux uses for
 * its own text (DMW 0x9000...), far from user addresses. */
#define LA_KTEXT_BASE 0x9000000000000000ull

struct la_cpu {
    struct cpu c;
    uint64_t r[33];         /* r[32] swallows writes to $zero */
    uint64_t f[32];         /* FP registers, 64 bits; .s uses the low half */
    uint8_t fcc[8];
    uint32_t fcsr;
    /* CSRs */
    uint64_t crmd, prmd, euen, misc, ecfg, estat, era, badv, badi;
    uint64_t eentry, tlbrentry, cpuid, tid, tcfg, cntc, llbctl;
    uint64_t save[CSR_NSAVE];
    uint64_t dmw[4];
    /* ll/sc */
    bool llbit;
    uint64_t ll_addr, ll_val;
    uint64_t time_bump;     /* keeps successive rdtime reads increasing */
    /* kernel bookkeeping (Linux keeps these in pt_regs) */
    uint64_t orig_a0;
    uint64_t sys_era;       /* pc of the syscall being served */
    uint8_t addr_err;       /* last page fault: 1 read, 2 write (sigcontext flags) */
};

#define LA(c) ((struct la_cpu *)(c))

/* Operand layout in struct dinsn.a (set by la_decode_insn in cpu.c):
 *   u8[0] destination GPR (32 when the encoding names $zero)
 *   u8[1] rj, u8[2] rk, u8[3] ra / ca / cond, u8[4] rd as encoded
 *   i64[1] immediate (branches: absolute target; pc-relative ops: result)
 *   i64[2] second immediate */
#define RDW  (d->a.u8[0])
#define RJ   (d->a.u8[1])
#define RK   (d->a.u8[2])
#define RA   (d->a.u8[3])
#define RDR  (d->a.u8[4])
#define IMM  (d->a.i64[1])
#define IMM2 (d->a.i64[2])

/* Straight-line handlers go on through the engine's CPU_NEXT (threaded
 * dispatch when no hooks run; see sim/cpu.h). */
#define LA_NEXT() CPU_NEXT(c, d)

/* Handler definition: s is the LoongArch cpu, r its GPRs. */
#define H(name) \
    const struct dinsn *la_h_##name(struct cpu *c, const struct dinsn *d)
#define HDEF(name, body)                                                   \
    H(name)                                                                \
    {                                                                      \
        struct la_cpu *s = LA(c);                                          \
        uint64_t *r = s->r;                                                \
        (void)r;                                                           \
        body;                                                              \
        LA_NEXT();                                                         \
    }

/* One handler per op: the exec files list theirs in these tables. */
struct la_handler {
    uint16_t op;
    uint8_t cls;
    insn_fn fn;
};
extern const struct la_handler la_int_handlers[], la_mem_handlers[],
    la_branch_handlers[], la_fp_handlers[], la_sys_handlers[];

/* trap.c: the one way into the exception vector. */
const struct dinsn *la_raise(struct cpu *c, uint64_t pc, unsigned ecode,
                             unsigned esub, bool set_badv, uint64_t badv);
void la_trap_enter(struct la_cpu *s, uint64_t pc, unsigned ecode,
                   unsigned esub, bool set_badv, uint64_t badv);
const struct dinsn *la_h_invalid(struct cpu *c, const struct dinsn *d);
const struct dinsn *la_h_kcall(struct cpu *c, const struct dinsn *d);
/* specialised forms the decoder picks (exec_int.c) */
const struct dinsn *la_h_CONST(struct cpu *c, const struct dinsn *d);
const struct dinsn *la_h_MOVE(struct cpu *c, const struct dinsn *d);
const struct dinsn *la_h_NOP(struct cpu *c, const struct dinsn *d);
void la_interrupt(struct cpu *c);
void la_mem_fault(struct cpu *c, uint64_t pc, uint64_t addr, enum access acc,
                  bool mapped);
uint64_t la_csr_read(struct la_cpu *s, unsigned csr);
void la_csr_write(struct la_cpu *s, unsigned csr, uint64_t v);
uint64_t la_stable_counter(struct la_cpu *s);

extern const struct arch arch_loongarch64;

static inline unsigned la_plv(const struct la_cpu *s) { return s->crmd & CRMD_PLV; }

/* FP instructions need EUEN.FPE; without it they raise FPD. */
#define FP_CHECK()                                                         \
    do {                                                                   \
        if (__builtin_expect(!(s->euen & EUEN_FPE), 0))                    \
            return la_raise(c, d->pc, ECODE_FPD, 0, false, 0);             \
    } while (0)

#endif
