/* x86_64 system side: exception entry through the IDT, syscall/sysretq,
 * iretq, MSRs, CPUID, TSC, privileged instructions. */
#include <stdio.h>
#include <stdlib.h>

#include "x86.h"

#define H(name) static const struct dinsn *name(struct cpu *c, const struct dinsn *d)
#define XO struct x86_cpu *x = X86(c); const struct xop *o = XOP(d); (void)x; (void)o
#define NEXT(d) ((d)->pc + (d)->len)

/* The one exception entry: the frame an interrupt gate pushes is kept in
 * x->iframe; CPL 0; RIP from the IDT gate. */
void x86_trap_enter(struct x86_cpu *x, int vec, uint64_t err, uint64_t rip)
{
    struct cpu *c = &x->c;
    x->iframe.rip = rip;
    x->iframe.cs = x->cs;
    x->iframe.rflags = x86_get_rflags(x);
    x->iframe.rsp = x->r[4];
    x->iframe.ss = x->ss;
    x->iframe.err = err;
    if (vec < 32) {
        x->trapno = vec;
        x->err = err;
    }
    uint64_t gate = x->idtr_base + (uint64_t)vec * 16;
    uint64_t off = gate - guest_mem->ktext_base;
    if (off + 16 > sizeof guest_mem->ktext || (uint64_t)vec * 16 + 15 > x->idtr_limit) {
        fprintf(stderr, "trapeze: x86_64: exception %d with no IDT gate (triple fault)\n", vec);
        abort();
    }
    const uint8_t *g = guest_mem->ktext + off;
    uint64_t target = (uint64_t)(g[0] | g[1] << 8) | (uint64_t)(g[6] | g[7] << 8) << 16 |
                      (uint64_t)(g[8] | g[9] << 8 | g[10] << 16 | (uint32_t)g[11] << 24) << 32;
    x->cpl = 0;
    x->cs = 0x10;
    x->ss = 0x18;
    x86_set_rflags(x, x86_get_rflags(x) & ~(uint64_t)(FL_TF | FL_IF | FL_RF | 0x4000u));
    c->pc = target;
}

const struct dinsn *x86_exception(struct cpu *c, const struct dinsn *d, int vec, uint64_t err)
{
    x86_trap_enter(X86(c), vec, err, d->pc);
    return cpu_trapped(c);
}

const struct dinsn *x86_ud(struct cpu *c, const struct dinsn *d) { return x86_exception(c, d, X86_UD, 0); }
const struct dinsn *x86_gp0(struct cpu *c, const struct dinsn *d) { return x86_exception(c, d, X86_GP, 0); }

static bool canonical(uint64_t a)
{
    return (uint64_t)((int64_t)(a << 16) >> 16) == a;
}

void x86_mem_fault(struct cpu *c, uint64_t pc, uint64_t addr, enum access acc, bool mapped)
{
    struct x86_cpu *x = X86(c);
    if (!canonical(addr)) {
        x86_trap_enter(x, X86_GP, 0, pc);
        return;
    }
    uint64_t err = (mapped ? 1 : 0) | (acc == ACC_WRITE ? 2 : 0) | (x->cpl == 3 ? 4 : 0) |
                   (acc == ACC_EXEC ? 0x10 : 0);
    if (addr >= (1ull << 47))
        err |= 1;               /* kernel half: present, protection */
    x->cr2 = addr;
    x86_trap_enter(x, X86_PF, err, pc);
}

/* An asynchronous interrupt (signal delivery) at an instruction boundary. */
void x86_interrupt(struct cpu *c)
{
    x86_trap_enter(X86(c), 32, 0, c->pc);
}

H(h_syscall)
{
    XO;
    if (!(x->efer & EFER_SCE))
        return x86_ud(c, d);
    x->r[1] = NEXT(d);
    uint64_t f = x86_get_rflags(x);
    x->r[11] = f & ~(uint64_t)FL_RF;
    x86_set_rflags(x, f & ~x->sfmask & ~(uint64_t)FL_RF);
    x->cs = (uint16_t)((x->star >> 32) & 0xfffc);
    x->ss = (uint16_t)(x->cs + 8);
    x->cpl = 0;
    c->pc = x->lstar;
    return NULL;
}

H(h_sysret)
{
    XO;
    if (!canonical(x->r[1]))
        return x86_gp0(c, d);
    x86_set_rflags(x, (x->r[11] & 0x3C7FD7) | 2);
    x->cs = (uint16_t)(((x->star >> 48) + 16) | 3);
    x->ss = (uint16_t)(((x->star >> 48) + 8) | 3);
    x->cpl = 3;
    c->pc = x->r[1];
    return NULL;
}

H(h_iret)
{
    XO;
    x->cs = (uint16_t)x->iframe.cs;
    x->ss = (uint16_t)x->iframe.ss;
    x->cpl = x->cs & 3;
    x86_set_rflags(x, (x->iframe.rflags & 0x3f7fd7) | 2);
    x->r[4] = x->iframe.rsp;
    c->pc = x->iframe.rip;
    return NULL;
}

H(h_int3)
{
    x86_trap_enter(X86(c), X86_BP, 0, NEXT(d));
    return cpu_trapped(c);
}

H(h_int)
{
    XO;
    /* No gate is user-accessible except int3: #GP with the IDT selector error code. */
    return x86_exception(c, d, X86_GP, (o->imm & 0xff) * 8 + 2);
}

H(h_int1)
{
    x86_trap_enter(X86(c), X86_DB, 0, NEXT(d));
    return cpu_trapped(c);
}

H(h_hlt)
{
    (void)c;
    (void)d;
    fprintf(stderr, "trapeze: x86_64: hlt at CPL 0\n");
    exit(1);
    return NULL;
}

H(h_cli) { XO; x86_set_rflags(x, o->opc == 0xfa ? x86_get_rflags(x) & ~(uint64_t)FL_IF : x86_get_rflags(x) | FL_IF); CPU_NEXT(c, d); }

static bool rdmsr(struct x86_cpu *x, uint32_t n, uint64_t *v)
{
    switch (n) {
    case MSR_EFER: *v = x->efer; return true;
    case MSR_STAR: *v = x->star; return true;
    case MSR_LSTAR: *v = x->lstar; return true;
    case MSR_CSTAR: *v = x->cstar; return true;
    case MSR_SFMASK: *v = x->sfmask; return true;
    case MSR_FS_BASE: *v = x->fs_base; return true;
    case MSR_GS_BASE: *v = x->gs_base; return true;
    case MSR_KERNEL_GS_BASE: *v = x->kernel_gs_base; return true;
    case MSR_TSC_AUX: *v = x->tsc_aux; return true;
    case MSR_TSC: *v = x->c.cycles + x->tsc_offset; return true;
    }
    return false;
}

static bool wrmsr(struct x86_cpu *x, uint32_t n, uint64_t v)
{
    switch (n) {
    case MSR_EFER: x->efer = (x->efer & ~(uint64_t)EFER_SCE) | (v & EFER_SCE); return true;
    case MSR_STAR: x->star = v; return true;
    case MSR_LSTAR: if (!canonical(v)) return false; x->lstar = v; return true;
    case MSR_CSTAR: x->cstar = v; return true;
    case MSR_SFMASK: x->sfmask = v & 0xffffffff; return true;
    case MSR_FS_BASE: if (!canonical(v)) return false; x->fs_base = v; return true;
    case MSR_GS_BASE: if (!canonical(v)) return false; x->gs_base = v; return true;
    case MSR_KERNEL_GS_BASE: if (!canonical(v)) return false; x->kernel_gs_base = v; return true;
    case MSR_TSC_AUX: x->tsc_aux = v & 0xffffffff; return true;
    case MSR_TSC: x->tsc_offset = v - x->c.cycles; return true;
    }
    return false;
}

/* Also used by the kernel (host C code running "at CPL 0"). */
bool x86_rdmsr(struct cpu *c, uint32_t n, uint64_t *v) { return rdmsr(X86(c), n, v); }
bool x86_wrmsr(struct cpu *c, uint32_t n, uint64_t v) { return wrmsr(X86(c), n, v); }

H(h_rdmsr)
{
    XO;
    uint64_t v;
    if (!rdmsr(x, (uint32_t)x->r[1], &v))
        return x86_gp0(c, d);
    x->r[0] = (uint32_t)v;
    x->r[2] = v >> 32;
    CPU_NEXT(c, d);
}

H(h_wrmsr)
{
    XO;
    if (!wrmsr(x, (uint32_t)x->r[1], (uint32_t)x->r[0] | x->r[2] << 32))
        return x86_gp0(c, d);
    CPU_NEXT(c, d);
}

H(h_swapgs)
{
    XO;
    uint64_t t = x->gs_base;
    x->gs_base = x->kernel_gs_base;
    x->kernel_gs_base = t;
    c->pc = NEXT(d);
    return NULL;
}

static uint64_t tsc(struct x86_cpu *x)
{
    /* Time from the model: retired instructions of whole blocks plus
     * this block's cost so far is not tracked; cycles is monotonic. */
    return x->c.cycles + x->c.icount + x->tsc_offset;
}

H(h_rdtsc)
{
    XO;
    uint64_t t = tsc(x);
    x->r[0] = (uint32_t)t;
    x->r[2] = t >> 32;
    CPU_NEXT(c, d);
}

H(h_rdtscp)
{
    XO;
    uint64_t t = tsc(x);
    x->r[0] = (uint32_t)t;
    x->r[2] = t >> 32;
    x->r[1] = (uint32_t)x->tsc_aux;
    c->pc = NEXT(d);
    return NULL;
}

/* CPUID: what this model implements, nothing more.  Vendor GenuineIntel
 * so glibc reads cache sizes from leaf 4. */
#define CPUID1_EDX 0x078bfbffu   /* fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clfsh mmx fxsr sse sse2 */
#define CPUID1_ECX 0x00002000u   /* cx16; SSE3 SSSE3 SSE4.1 SSE4.2 POPCNT added when the host has them */
bool x86_ext_available(unsigned ext);

static uint32_t cpuid1_ecx(void)
{
    static const uint32_t bits[5] = { 1u << 0, 1u << 9, 1u << 19, 1u << 20, 1u << 23 };
    uint32_t r = CPUID1_ECX;
    for (unsigned i = 0; i < 5; i++)
        if (x86_ext_available(i))
            r |= bits[i];
    return r;
}
static void cpuid(struct x86_cpu *x, uint32_t leaf, uint32_t sub, uint32_t r[4])
{
    (void)x;
    r[0] = r[1] = r[2] = r[3] = 0;
    switch (leaf) {
    case 0:
        r[0] = 0xd;
        r[1] = 0x756e6547; r[3] = 0x49656e69; r[2] = 0x6c65746e;    /* GenuineIntel */
        break;
    case 1:
        r[0] = 0x000906ea;        /* family 6, model 0x9e, stepping 10 */
        r[1] = 0x00010800;        /* clflush 8 qwords, 1 logical cpu */
        r[2] = cpuid1_ecx();
        r[3] = CPUID1_EDX & ~(1u << 28);   /* no HTT */
        break;
    case 2:
        r[0] = 0x00ff0001;        /* descriptor 0xff: see leaf 4 */
        break;
    case 4:
        switch (sub) {
        case 0: r[0] = 0x121; r[1] = 0x01c0003f; r[2] = 63; break;    /* L1d 32K 8-way */
        case 1: r[0] = 0x122; r[1] = 0x01c0003f; r[2] = 63; break;    /* L1i 32K */
        case 2: r[0] = 0x143; r[1] = 0x00c0003f; r[2] = 1023; break;  /* L2 256K 4-way */
        case 3: r[0] = 0x163; r[1] = 0x03c0003f; r[2] = 8191; r[3] = 6; break; /* L3 8M 16-way */
        }
        break;
    case 7:
        break;
    case 0xd:
        break;
    case 0x80000000:
        r[0] = 0x80000008;
        break;
    case 0x80000001:
        r[2] = 1;                 /* lahf/sahf in 64-bit mode */
        r[3] = (1u << 11) | (1u << 20) | (1u << 29) | (1u << 27);  /* syscall nx lm rdtscp */
        break;
    case 0x80000002: case 0x80000003: case 0x80000004: {
        static const char brand[48] = "trapeze x86_64 model";
        memcpy(r, brand + 16 * (leaf - 0x80000002), 16);
        break;
    }
    case 0x80000006:
        r[2] = 0x01006040;        /* L2 256K, 64-byte lines */
        break;
    case 0x80000008:
        r[0] = 0x3030;            /* 48 bits virtual and physical */
        break;
    }
}

uint32_t x86_cpuid1_edx(void) { return CPUID1_EDX & ~(1u << 28); }

H(h_cpuid)
{
    XO;
    uint32_t r[4];
    cpuid(x, (uint32_t)x->r[0], (uint32_t)x->r[1], r);
    x->r[0] = r[0];
    x->r[3] = r[1];
    x->r[1] = r[2];
    x->r[2] = r[3];
    CPU_NEXT(c, d);
}

H(h_privop) { return x86_gp0(c, d); }

xhandler x86_sys_handler(const struct x86_insn *in, struct xop *o, struct dinsn *d)
{
    (void)o;
    d->cls = IC_SYSTEM;
    switch (in->e->id) {
    case X_SYSCALL: return h_syscall;
    case X_SYSRET: return h_sysret;
    case X_IRET: return in->osz == 8 ? h_iret : NULL;
    case X_INT3: return h_int3;
    case X_INT: return h_int;
    case X_INT1: return h_int1;
    case X_HLT: return h_hlt;
    case X_CLI: return h_cli;
    case X_RDMSR: return h_rdmsr;
    case X_WRMSR: return h_wrmsr;
    case X_SWAPGS: d->flags |= DI_ENDS_BLOCK; return h_swapgs;
    case X_RDTSC: return h_rdtsc;
    case X_RDTSCP: return h_rdtscp;
    case X_CPUID: return h_cpuid;
    case X_PRIVOP: case X_IO: case X_INS: case X_OUTS: return h_privop;
    }
    return NULL;
}
