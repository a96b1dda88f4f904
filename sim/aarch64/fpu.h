/* aarch64 floating point on top of sim/hostfp.h: the Arm rules that
 * differ from x86 SSE (NaN propagation order, the positive default NaN,
 * FPCR.DN and FPCR.FZ, FPSR flag bits, min/max). */
#ifndef TRAPEZE_A64_FPU_H
#define TRAPEZE_A64_FPU_H

#include "a64.h"
#include "../hostfp.h"

#define FPSR_IOC 0x01u
#define FPSR_DZC 0x02u
#define FPSR_OFC 0x04u
#define FPSR_UFC 0x08u
#define FPSR_IXC 0x10u
#define FPSR_IDC 0x80u
#define FPSR_QC  0x08000000u
#define FPCR_DN (1u << 25)
#define FPCR_FZ (1u << 24)

static inline enum hf_rm a64_rm(const struct a64_cpu *s)
{
    static const uint8_t m[4] = { HF_RNE, HF_RUP, HF_RDN, HF_RTZ };
    return (enum hf_rm)m[(s->fpcr >> 22) & 3];
}

/* hostfp flags (MXCSR bits) -> FPSR cumulative bits */
static inline void a64_fpflags(struct a64_cpu *s, unsigned fl)
{
    s->fpsr |= (fl & 1) | ((fl >> 1) & 0x1e);
}

/* Generic element operations, T = 32 or 64 (raw bits in uint64_t). */
uint64_t a64_fadd(struct a64_cpu *s, unsigned bits, uint64_t a, uint64_t b);
uint64_t a64_fsub(struct a64_cpu *s, unsigned bits, uint64_t a, uint64_t b);
uint64_t a64_fmul(struct a64_cpu *s, unsigned bits, uint64_t a, uint64_t b);
uint64_t a64_fdiv(struct a64_cpu *s, unsigned bits, uint64_t a, uint64_t b);
uint64_t a64_fmax(struct a64_cpu *s, unsigned bits, uint64_t a, uint64_t b, bool max, bool nm);
uint64_t a64_fsqrt(struct a64_cpu *s, unsigned bits, uint64_t a);
uint64_t a64_fmuladd(struct a64_cpu *s, unsigned bits, uint64_t addend, uint64_t a, uint64_t b);
/* FMULX (k 0), FRECPS (1), FRSQRTS (2): infinity times zero gives 2.0,
 * 2.0 and 1.5 instead of the default NaN */
uint64_t a64_fstep(struct a64_cpu *s, unsigned bits, uint64_t a, uint64_t b, unsigned k);
/* compare: returns NZCV in bits 31:28 */
uint32_t a64_fcmp(struct a64_cpu *s, unsigned bits, uint64_t a, uint64_t b, bool signalling);
uint64_t a64_fround(struct a64_cpu *s, unsigned bits, uint64_t a, enum hf_rm rm, bool exact);
uint64_t a64_f2int(struct a64_cpu *s, unsigned bits, uint64_t a, enum hf_rm rm,
                   bool is_signed, unsigned ibits, unsigned fbits);
uint64_t a64_int2f(struct a64_cpu *s, unsigned bits, uint64_t v, bool is_signed, unsigned ibits);
uint64_t a64_fcvt(struct a64_cpu *s, unsigned from, unsigned to, uint64_t a);
/* vector compares: all-ones or zero */
bool a64_fcmp_op(struct a64_cpu *s, unsigned bits, uint64_t a, uint64_t b, unsigned op);

#endif
