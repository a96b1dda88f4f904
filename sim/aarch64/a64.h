/* The aarch64 CPU model: state, pre-decoded operand layout, handlers.
 *
 * Register file: x[0..30] are the general registers, x[31] is the stack
 * pointer of the current exception level (SP_EL0 at EL0, SP_EL1 at EL1h),
 * x[32] always reads as zero and x[33] is a sink for writes to XZR.  The
 * decoder maps encoding 31 to 31 (SP), 32 (XZR as a source) or 33 (XZR as
 * a destination), so handlers never test for register 31.
 */
#ifndef TRAPEZE_A64_H
#define TRAPEZE_A64_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../cpu.h"
#include "../mem.h"

#define A64_SP 31
#define A64_ZR 32      /* reads 0 */
#define A64_ZW 33      /* write sink */

typedef union {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t s[4];
    uint64_t d[2];
    int8_t sb[16];
    int16_t sh[8];
    int32_t ss[4];
    int64_t sd[2];
    float f[4];
    double df[2];
    unsigned __int128 q;
} a64_vreg;

struct a64_cpu {
    struct cpu c;
    uint64_t x[34];
    uint32_t nzcv;              /* PSTATE.NZCV in bits 31:28 */
    uint8_t el;                 /* 0 or 1 */
    uint8_t spsel;              /* at EL1: 1 = SP_EL1 */
    uint16_t daif;              /* PSTATE.DAIF in bits 9:6 */
    a64_vreg v[32] __attribute__((aligned(16)));
    uint32_t fpcr, fpsr;
    /* banked stack pointer not currently in x[31] */
    uint64_t sp_el0, sp_el1;
    uint64_t elr_el1, spsr_el1, esr_el1, far_el1, vbar_el1, sctlr_el1;
    uint64_t tpidr_el0, tpidrro_el0, tpidr_el1, cntkctl_el1;
    /* exclusive monitor */
    uint64_t excl_addr;
    uint64_t excl_val[2];
    uint8_t excl_size;          /* bytes, 0 = monitor open */
    bool in_irq;                /* the last exception taken was an IRQ (ESR untouched) */
    /* the emulated kernel's pt_regs extras */
    uint64_t orig_x0;
    int64_t syscallno;
    uint64_t fault_address, fault_code;   /* thread.fault_*: the signal frame's */
    bool fault_bus;             /* the last abort was a file page past EOF (SIGBUS) */
};

static inline struct a64_cpu *A(struct cpu *c) { return (struct a64_cpu *)c; }

/* PSTATE bits as SPSR holds them */
#define PS_N 0x80000000u
#define PS_Z 0x40000000u
#define PS_C 0x20000000u
#define PS_V 0x10000000u
#define PS_NZCV 0xf0000000u
#define PS_DAIF 0x3c0u
#define PS_EL1H 0x5u

/* ESR exception classes */
#define EC_UNKNOWN 0x00
#define EC_SVC64 0x15
#define EC_SYSREG 0x18
#define EC_IABT_LOW 0x20
#define EC_DABT_LOW 0x24
#define EC_BRK64 0x3c

/* Operand layout in struct dinsn.a */
#define RD(d) ((d)->a.u8[0])
#define RN(d) ((d)->a.u8[1])
#define RM(d) ((d)->a.u8[2])
#define RA(d) ((d)->a.u8[3])     /* also Rt2 */
#define SH(d) ((d)->a.u8[4])     /* shift amount, lsb, ... */
#define OPT(d) ((d)->a.u8[5])    /* shift type, extend option, cond */
#define X1(d) ((d)->a.u8[6])
#define X2(d) ((d)->a.u8[7])
#define IMM(d) ((d)->a.i64[1])
#define IMM2(d) ((d)->a.u64[2])
#define IMM3(d) ((d)->a.u64[3])

/* Condition-code table: bit `cond` of a64_condtab[nzcv >> 28] says whether
 * the condition holds. */
extern uint16_t a64_condtab[16];
static inline bool a64_cond(struct a64_cpu *s, unsigned cond)
{
    return (a64_condtab[s->nzcv >> 28] >> cond) & 1;
}

extern const struct arch arch_aarch64;

/* trap.c: the one exception-entry path, and ERET */
void a64_take_exception(struct a64_cpu *s, unsigned ec, uint32_t iss,
                        uint64_t elr, uint64_t far, bool far_valid);
void a64_interrupt(struct cpu *c);
const struct dinsn *a64_undef(struct a64_cpu *s, const struct dinsn *d);
void a64_set_pstate(struct a64_cpu *s, uint64_t spsr);
uint64_t a64_get_pstate(struct a64_cpu *s);

/* sysreg.c: SR_OK, or the exception an access raises: undefined (EC 0)
 * or trapped by EL1's configuration (EC 0x18) */
enum { SR_OK, SR_UNDEF, SR_TRAP };
int a64_mrs(struct a64_cpu *s, unsigned enc, uint64_t *val);
int a64_msr(struct a64_cpu *s, unsigned enc, uint64_t val);

/* decoders/aarch64: bitmask immediate */
bool a64_decode_bitmask(unsigned n, unsigned imms, unsigned immr, unsigned width,
                        uint64_t *wmask, uint64_t *tmask);

/* The kcall instruction: an unallocated encoding (op0 = 0b0001), decoded
 * only at EL1 inside the kernel text page. */
#define A64_KCALL_INSN 0x02004b43u

/* Handlers are declared through one list so the decoder can name them. */
#define H(name) const struct dinsn *name(struct cpu *c, const struct dinsn *d)
#include "handlers.h"


#endif
