/* The emulated Linux kernel's x86_64 part: boot (MSRs, IDT and the entry
 * stubs in the kernel text page), start_thread, reading a kernel entry
 * into a syscall or a signal (arch/x86/kernel/traps.c, arch/x86/mm/fault.c,
 * arch/x86/entry/entry_64.S), the syscall return/restart conventions,
 * struct stat, arch_prctl and the vdso. */
#include <string.h>

#include "../../sim/x86_64/x86.h"
#include "../kernel.h"
#include "../signal.h"

extern const int16_t x86_sysmap[];
extern const unsigned x86_nsysmap;
uint32_t x86_cpuid1_edx(void);
bool x86_wrmsr(struct cpu *c, uint32_t n, uint64_t v);
int x86_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                       const struct ksiginfo *info, uint64_t blocked);
long x86_rt_sigreturn(struct cpu *c);

/* Kernel text page layout (docs/x86_64.md). */
#define KT_SYSCALL 0x000        /* LSTAR: kcall; sysretq */
#define KT_IRET    0x010        /* iretq: start_user and full-state returns */
#define KT_VEC     0x100        /* + 8 * vector: kcall; iretq */
#define KT_IDT     0x800        /* 34 interrupt gates, 16 bytes each */
#define NVEC       34

/* include/uapi/asm-generic/siginfo.h */
enum { ILL_ILLOPN = 2, FPE_INTDIV = 1, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5,
       FPE_FLTRES = 6, FPE_FLTINV = 7, SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1,
       TRAP_BRKPT = 1, TRAP_TRACE = 2 };
enum { KSIGILL = 4, KSIGTRAP = 5, KSIGBUS = 7, KSIGFPE = 8, KSIGSEGV = 11 };

static void put_gate(uint8_t *g, uint64_t target)
{
    memset(g, 0, 16);
    g[0] = target & 0xff;
    g[1] = target >> 8 & 0xff;
    g[2] = 0x10;                /* kernel CS */
    g[5] = 0x8e;                /* present, DPL 0, 64-bit interrupt gate */
    g[6] = target >> 16 & 0xff;
    g[7] = target >> 24 & 0xff;
    for (int i = 0; i < 4; i++)
        g[8 + i] = target >> (32 + 8 * i) & 0xff;
}

static void x86_boot(struct cpu *c)
{
    struct x86_cpu *x = X86(c);
    uint8_t *kt = guest_mem->ktext;
    uint64_t base = X86_KTEXT_BASE;
    guest_mem->ktext_base = base;
    memset(kt, 0xcc, sizeof guest_mem->ktext);
    static const uint8_t sys_stub[] = { X86_KCALL_BYTE, 0x48, 0x0f, 0x07 };   /* kcall; sysretq */
    static const uint8_t iret_stub[] = { 0x48, 0xcf };                       /* iretq */
    static const uint8_t vec_stub[] = { X86_KCALL_BYTE, 0x48, 0xcf };         /* kcall; iretq */
    memcpy(kt + KT_SYSCALL, sys_stub, sizeof sys_stub);
    memcpy(kt + KT_IRET, iret_stub, sizeof iret_stub);
    for (int v = 0; v < NVEC; v++) {
        memcpy(kt + KT_VEC + 8 * v, vec_stub, sizeof vec_stub);
        put_gate(kt + KT_IDT + 16 * v, base + KT_VEC + 8 * v);
    }
    x->idtr_base = base + KT_IDT;
    x->idtr_limit = NVEC * 16 - 1;
    /* arch/x86/kernel/cpu/common.c syscall_init */
    x86_wrmsr(c, MSR_STAR, (uint64_t)0x23 << 48 | (uint64_t)0x10 << 32);
    x86_wrmsr(c, MSR_LSTAR, base + KT_SYSCALL);
    x86_wrmsr(c, MSR_SFMASK, FL_CF | FL_PF | FL_AF | FL_ZF | FL_SF | FL_TF | FL_IF | FL_DF |
                                 FL_OF | 0x3000 | 0x4000 | FL_RF | FL_AC | FL_ID);
    x86_wrmsr(c, MSR_EFER, EFER_SCE);
}

/* arch/x86/kernel/process_64.c start_thread: registers cleared, CS 0x33,
 * SS 0x2b, RFLAGS IF; the return to user mode goes through iretq. */
static void x86_start_user(struct cpu *c, uint64_t entry, uint64_t sp)
{
    struct x86_cpu *x = X86(c);
    memset(x->r, 0, sizeof x->r);
    x->r[4] = sp;
    x->fs_base = x->gs_base = 0;
    x86_fpu_reset(x);
    x->iframe.rip = entry;
    x->iframe.cs = 0x33;
    x->iframe.ss = 0x2b;
    x->iframe.rflags = 0x202;
    x->iframe.rsp = sp;
    x->orig_ax = (uint64_t)-1;
    c->pc = guest_mem->ktext_base + KT_IRET;
}

static void fault_signal(struct trap *t, int sig, int code, uint64_t addr)
{
    t->kind = TRAP_SIGNAL;
    t->signo = sig;
    t->code = code;
    t->addr = addr;
}

static void x86_trap_read(struct cpu *c, struct trap *t)
{
    struct x86_cpu *x = X86(c);
    uint64_t stub = c->cur->pc - guest_mem->ktext_base;
    if (stub == KT_SYSCALL) {
        t->kind = TRAP_SYSCALL;
        t->nr = (long)x->r[0];
        t->args[0] = x->r[7];
        t->args[1] = x->r[6];
        t->args[2] = x->r[2];
        t->args[3] = x->r[10];
        t->args[4] = x->r[8];
        t->args[5] = x->r[9];
        t->pc = x->r[1] - 2;
        x->orig_ax = x->r[0];
        x->in_syscall = true;
        return;
    }
    x->in_syscall = false;
    x->orig_ax = (uint64_t)-1;
    int vec = (int)((stub - KT_VEC) / 8);
    uint64_t rip = x->iframe.rip;
    t->pc = rip;
    uint32_t insn = 0;
    copy_from_user(&insn, rip, 4);
    t->insn = insn;
    switch (vec) {
    case X86_DE: fault_signal(t, KSIGFPE, FPE_INTDIV, rip); return;
    case X86_DB: fault_signal(t, KSIGTRAP, TRAP_TRACE, 0); return;
    case X86_BP: fault_signal(t, KSIGTRAP, KSI_KERNEL, 0); t->pc = rip - 1; return;
    case X86_UD: fault_signal(t, KSIGILL, ILL_ILLOPN, rip); return;
    case X86_PF: {
        bool mapped = x->cr2 < guest_mem->size && mem_find(guest_mem, x->cr2);
        fault_signal(t, KSIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR, x->cr2);
        return;
    }
    case X86_AC: fault_signal(t, KSIGBUS, BUS_ADRALN, 0); return;
    case X86_XM: case X86_MF: {
        uint32_t m = x->mxcsr, e = m & ~(m >> 7) & 0x3f;
        int code = e & 1 ? FPE_FLTINV : e & 4 ? FPE_FLTDIV : e & 8 ? FPE_FLTOVF :
                   e & 0x10 ? FPE_FLTUND : e & 0x20 ? FPE_FLTRES : 0;
        fault_signal(t, KSIGFPE, code, rip);
        return;
    }
    case 32: t->kind = TRAP_IRQ; return;
    case X86_GP:
    default:
        fault_signal(t, KSIGSEGV, KSI_KERNEL, 0);
        return;
    }
}

static void x86_syscall_return(struct cpu *c, long ret)
{
    X86(c)->r[0] = (uint64_t)ret;
}

/* sysretq resumes at RCX: rewinding the syscall means RCX -= 2. */
static void x86_syscall_restart(struct cpu *c, long nr)
{
    struct x86_cpu *x = X86(c);
    x->r[1] -= 2;
    x->r[0] = nr >= 0 ? (uint64_t)nr : x->orig_ax;
}

static uint64_t x86_stack_pointer(struct cpu *c) { return X86(c)->r[4]; }

static uint64_t x86_user_pc(struct cpu *c)
{
    struct x86_cpu *x = X86(c);
    return x->in_syscall ? x->r[1] : x->iframe.rip;
}

static void x86_set_tls(struct cpu *c, uint64_t tls) { X86(c)->fs_base = tls; }
static void x86_set_stack_pointer(struct cpu *c, uint64_t sp) { X86(c)->r[4] = sp; }

/* arch/x86/include/uapi/asm/stat.h, x86_64 struct stat: 144 bytes */
static size_t x86_put_stat(uint8_t *b, const struct kstat *st)
{
    memset(b, 0, 144);
    put_le64(b + 0, st->dev);
    put_le64(b + 8, st->ino);
    put_le64(b + 16, st->nlink);
    put_le32(b + 24, st->mode);
    put_le32(b + 28, st->uid);
    put_le32(b + 32, st->gid);
    put_le64(b + 40, st->rdev);
    put_le64(b + 48, (uint64_t)st->size);
    put_le64(b + 56, (uint64_t)st->blksize);
    put_le64(b + 64, (uint64_t)st->blocks);
    put_le64(b + 72, (uint64_t)st->atime);
    put_le64(b + 80, (uint64_t)st->atime_ns);
    put_le64(b + 88, (uint64_t)st->mtime);
    put_le64(b + 96, (uint64_t)st->mtime_ns);
    put_le64(b + 104, (uint64_t)st->ctime);
    put_le64(b + 112, (uint64_t)st->ctime_ns);
    return 144;
}

/* arch/x86/kernel/process_64.c do_arch_prctl_64 */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004
SYSCALL(arch_prctl)
{
    struct x86_cpu *x = X86(c);
    (void)a2; (void)a3; (void)a4; (void)a5;
    switch (a0) {
    case ARCH_SET_FS:
    case ARCH_SET_GS:
        if (a1 >= kern->abi->task_size)
            return -EPERM;
        if (a0 == ARCH_SET_FS)
            x->fs_base = a1;
        else
            x->gs_base = a1;
        return 0;
    case ARCH_GET_FS:
        return put_user_u64(a1, x->fs_base) ? -EFAULT : 0;
    case ARCH_GET_GS:
        return put_user_u64(a1, x->gs_base) ? -EFAULT : 0;
    }
    return -EINVAL;
}

/* The x86_64 vdso: the time calls as real code that makes the syscall. */
static const uint8_t vdso_code[] = {
    0xb8, 0xe4, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xc3,     /* clock_gettime: mov $228,%eax; syscall; ret */
    0xb8, 0x60, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xc3,     /* gettimeofday: mov $96,%eax */
    0xb8, 0xc9, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xc3,     /* time: mov $201,%eax */
    0xb8, 0xe5, 0x00, 0x00, 0x00, 0x0f, 0x05, 0xc3,     /* clock_getres: mov $229,%eax */
    0xb8, 0x35, 0x01, 0x00, 0x00, 0x0f, 0x05, 0xc3,     /* getcpu: mov $309,%eax */
};
static const struct vdso_sym vdso_syms[] = {
    { "__vdso_clock_gettime", 0, 8 }, { "clock_gettime", 0, 8 },
    { "__vdso_gettimeofday", 8, 8 }, { "gettimeofday", 8, 8 },
    { "__vdso_time", 16, 8 }, { "time", 16, 8 },
    { "__vdso_clock_getres", 24, 8 }, { "clock_getres", 24, 8 },
    { "__vdso_getcpu", 32, 8 }, { "getcpu", 32, 8 },
};
static const struct vdso_desc x86_vdso = {
    .code = vdso_code,
    .code_len = sizeof vdso_code,
    .version = "LINUX_2.6",
    .syms = vdso_syms,
    .nsyms = sizeof vdso_syms / sizeof vdso_syms[0],
};

const struct kabi kabi_x86_64 = {
    .cpu = &arch_x86_64,
    .page_size = 4096,
    .task_size = 1ull << 47,
    .hwcap = 0x078bfbff & ~(1u << 28),
    .hwcap2 = 0,
    .has_hwcap2 = true,
    .has_sa_restorer = true,
    .epoll_packed = true,       /* struct epoll_event is packed on x86_64 */
    .platform = "x86_64",
    .vdso = &x86_vdso,
    .boot = x86_boot,
    .start_user = x86_start_user,
    .trap_read = x86_trap_read,
    .syscall_return = x86_syscall_return,
    .syscall_restart = x86_syscall_restart,
    .sysmap = x86_sysmap,
    .nsysmap = 451,
    .setup_rt_frame = x86_setup_rt_frame,
    .rt_sigreturn = x86_rt_sigreturn,
    .stack_pointer = x86_stack_pointer,
    .user_pc = x86_user_pc,
    .put_stat = x86_put_stat,
    .set_tls = x86_set_tls,
    .set_stack_pointer = x86_set_stack_pointer,
    .clone_tls_last = true,     /* clone(flags, sp, ptid, ctid, tls) */
};
