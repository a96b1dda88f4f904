/* x86_64 CPU model: state, pre-decoded operand layout, flag and operand
 * helpers shared by the exec_*.c files. */
#ifndef TRAPEZE_X86_H
#define TRAPEZE_X86_H

#include <stdint.h>
#include <string.h>

#include "../cpu.h"
#include "../mem.h"
#include "../../decoders/x86_64/x86_decode.h"

/* Kernel half address of the kernel text page (entry stubs, IDT). */
#define X86_KTEXT_BASE   0xffffffff81000000ull
#define X86_KCALL_BYTE   0xd6      /* SALC: invalid in 64-bit mode; kcall at CPL 0 in ktext */

/* Exception vectors */
enum { X86_DE = 0, X86_DB = 1, X86_BP = 3, X86_UD = 6, X86_NM = 7, X86_GP = 13,
       X86_PF = 14, X86_MF = 16, X86_AC = 17, X86_XM = 19 };

/* RFLAGS bits */
#define FL_CF 0x1u
#define FL_PF 0x4u
#define FL_AF 0x10u
#define FL_ZF 0x40u
#define FL_SF 0x80u
#define FL_TF 0x100u
#define FL_IF 0x200u
#define FL_DF 0x400u
#define FL_OF 0x800u
#define FL_RF 0x10000u
#define FL_AC 0x40000u
#define FL_ID 0x200000u
#define FL_ARITH (FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_OF)

/* MSRs */
#define MSR_EFER           0xc0000080u
#define MSR_STAR           0xc0000081u
#define MSR_LSTAR          0xc0000082u
#define MSR_CSTAR          0xc0000083u
#define MSR_SFMASK         0xc0000084u
#define MSR_FS_BASE        0xc0000100u
#define MSR_GS_BASE        0xc0000101u
#define MSR_KERNEL_GS_BASE 0xc0000102u
#define MSR_TSC_AUX        0xc0000103u
#define MSR_TSC            0x00000010u
#define EFER_SCE 1u

/* Lazy flags: the last flag-setting operation, evaluated on demand. */
enum cc_kind { CC_EAGER, CC_ADD, CC_ADC, CC_SUB, CC_SBB, CC_LOGIC, CC_INC, CC_DEC,
               CC_SHIFT /* cc_aux holds CF and OF; SF ZF PF from the result, AF 0 */ };

typedef union {
    uint8_t b[16];
    uint16_t w[8];
    uint32_t d[4];
    uint64_t q[2];
    float f[4];
    double g[2];
} xmm_t;

struct x87reg {
    long double v;              /* the host's x87 80-bit format */
};

struct x86_cpu {
    struct cpu c;
    uint64_t r[16];
    /* lazy flags */
    uint32_t cc_kind, cc_size;  /* size in bytes */
    uint64_t cc_res, cc_a, cc_b, cc_aux;
    uint64_t rflags;            /* non-arithmetic bits (DF, IF, AC, ID ...) and, for CC_EAGER, the arithmetic ones */
    /* segments and privilege */
    uint8_t cpl;
    uint16_t cs, ss;
    uint64_t fs_base, gs_base, kernel_gs_base;
    /* MSRs */
    uint64_t efer, star, lstar, cstar, sfmask, tsc_aux, tsc_offset;
    uint64_t cr0, cr2, cr4, xcr0;
    /* IDT (the kernel text page holds it; idtr is its base) */
    uint64_t idtr_base;
    uint16_t idtr_limit;
    /* The interrupt frame an exception pushes, kept in the model (see
     * docs/x86_64.md): rip, cs, rflags, rsp, ss and the error code. */
    struct { uint64_t rip, cs, rflags, rsp, ss, err; } iframe;
    /* last exception, for the kernel (trapno, error code, cr2) */
    int trapno;
    uint64_t err;
    bool in_syscall;            /* kernel entry came through LSTAR */
    bool use_iret;              /* kernel wants the full-state return (iretq) */
    uint64_t orig_ax;
    /* SSE */
    xmm_t xmm[16];
    uint32_t mxcsr;
    /* x87 */
    long double st[8];          /* physical registers */
    uint16_t fcw, fsw, ftw;     /* ftw: 1 bit per physical register = empty */
    uint8_t ftop;
    uint64_t fip, fdp;
    uint16_t fop;
};

#define X86(c) ((struct x86_cpu *)(c))

/* Pre-decoded operands, in dinsn.a. */
struct xop {
    int64_t disp;               /* absolute address for rip-relative */
    uint64_t imm;
    uint8_t base, index, scale, seg;   /* seg: 0 none, 1 fs, 2 gs */
    uint8_t reg, rm, osz, asz;  /* byte registers: 16+n for AH..BH */
    uint8_t mem, sub, rep, lock;
    uint8_t form, opc, map, modrm;
    uint16_t imm2;
    uint8_t id8, pad[5];
};
_Static_assert(sizeof(struct xop) <= 40, "operands fit in dinsn");
#define XOP(d) ((const struct xop *)&(d)->a)

typedef const struct dinsn *(*xhandler)(struct cpu *c, const struct dinsn *d);

/* ---- registers ---- */
static inline uint64_t rdreg(struct x86_cpu *x, unsigned r, unsigned sz)
{
    switch (sz) {
    case 1: return r >= 16 ? (x->r[r - 16] >> 8) & 0xff : x->r[r] & 0xff;
    case 2: return x->r[r] & 0xffff;
    case 4: return (uint32_t)x->r[r];
    default: return x->r[r];
    }
}

static inline void wrreg(struct x86_cpu *x, unsigned r, unsigned sz, uint64_t v)
{
    switch (sz) {
    case 1:
        if (r >= 16)
            x->r[r - 16] = (x->r[r - 16] & ~0xff00ull) | (v & 0xff) << 8;
        else
            x->r[r] = (x->r[r] & ~0xffull) | (v & 0xff);
        break;
    case 2: x->r[r] = (x->r[r] & ~0xffffull) | (v & 0xffff); break;
    case 4: x->r[r] = (uint32_t)v; break;
    default: x->r[r] = v;
    }
}

static inline uint64_t szmask(unsigned sz)
{
    return sz == 8 ? ~0ull : (1ull << (8 * sz)) - 1;
}

static inline int64_t sext(uint64_t v, unsigned sz)
{
    switch (sz) {
    case 1: return (int8_t)v;
    case 2: return (int16_t)v;
    case 4: return (int32_t)v;
    default: return (int64_t)v;
    }
}

/* ---- memory ---- */
static inline uint64_t x86_ea(struct x86_cpu *x, const struct xop *o)
{
    uint64_t a = (uint64_t)o->disp;
    if (o->base != X86_NOREG)
        a += x->r[o->base];
    if (o->index != X86_NOREG)
        a += x->r[o->index] << o->scale;
    if (o->asz == 4)
        a = (uint32_t)a;
    if (o->seg)
        a += o->seg == 1 ? x->fs_base : x->gs_base;
    return a;
}

static inline uint64_t ldm(struct x86_cpu *x, uint64_t a, unsigned sz)
{
    switch (sz) {
    case 1: return mem_ld8(&x->c, a);
    case 2: return mem_ld16(&x->c, a);
    case 4: return mem_ld32(&x->c, a);
    default: return mem_ld64(&x->c, a);
    }
}

static inline void stm(struct x86_cpu *x, uint64_t a, unsigned sz, uint64_t v)
{
    switch (sz) {
    case 1: mem_st8(&x->c, a, (uint8_t)v); break;
    case 2: mem_st16(&x->c, a, (uint16_t)v); break;
    case 4: mem_st32(&x->c, a, (uint32_t)v); break;
    default: mem_st64(&x->c, a, v);
    }
}

/* ---- flags ---- */
static inline void set_cc(struct x86_cpu *x, unsigned kind, unsigned sz, uint64_t res,
                          uint64_t a, uint64_t b)
{
    x->cc_kind = kind;
    x->cc_size = sz;
    x->cc_res = res;
    x->cc_a = a;
    x->cc_b = b;
}

uint64_t x86_arith_flags(struct x86_cpu *x);
uint64_t x86_get_rflags(struct x86_cpu *x);
void x86_set_rflags(struct x86_cpu *x, uint64_t f);
bool x86_cond(struct x86_cpu *x, unsigned cc);

/* Replace the arithmetic flags with explicit values (eager). */
static inline void set_flags_eager(struct x86_cpu *x, uint64_t arith)
{
    x->rflags = (x->rflags & ~(uint64_t)FL_ARITH) | (arith & FL_ARITH);
    x->cc_kind = CC_EAGER;
}

static inline unsigned parity8(uint64_t v)
{
    return __builtin_parity((unsigned)(v & 0xff)) ? 0 : FL_PF;
}

/* ---- traps (system.c) ---- */
const struct dinsn *x86_exception(struct cpu *c, const struct dinsn *d, int vec, uint64_t err);
void x86_trap_enter(struct x86_cpu *x, int vec, uint64_t err, uint64_t rip);
const struct dinsn *x86_ud(struct cpu *c, const struct dinsn *d);
const struct dinsn *x86_gp0(struct cpu *c, const struct dinsn *d);

/* Handler selection per semantic id (exec_*.c). */
xhandler x86_int_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d);
xhandler x86_sse_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d);
xhandler x86_x87_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d);
xhandler x86_sys_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d);

void x86_fpu_reset(struct x86_cpu *x);
void x86_fxsave(struct x86_cpu *x, uint8_t *buf);
int x86_fxrstor(struct x86_cpu *x, const uint8_t *buf);

extern const struct arch arch_x86_64;

#endif
