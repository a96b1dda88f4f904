/* The emulated Linux kernel's LoongArch part: boot (trap vector and
 * kernel text stub), start_thread, reading a trap into a syscall or a
 * signal (arch/loongarch/kernel/{traps.c,syscall.c}, mm/fault.c), the
 * syscall return and restart conventions, and the vdso. */
#include <string.h>

#include "../../sim/loongarch64/la.h"
#include "../../sim/mem.h"
#include "../kernel.h"
#include "../signal.h"

size_t put_stat_generic(uint8_t *buf, const struct kstat *st);

/* signal.c */
int la_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                      const struct ksiginfo *info, uint64_t blocked);
long la_rt_sigreturn(struct cpu *c);

#define ERTN_WORD 0x06483800u

/* include/uapi/asm-generic/siginfo.h */
enum { ILL_ILLOPC = 1, FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3,
       FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6, FPE_FLTINV = 7,
       SEGV_MAPERR = 1, SEGV_ACCERR = 2, SEGV_BNDERR = 3,
       BUS_ADRALN = 1, BUS_ADRERR = 2, TRAP_BRKPT = 1 };
enum { KSIGILL = 4, KSIGTRAP = 5, KSIGBUS = 7, KSIGFPE = 8, KSIGSEGV = 11 };

/* arch/loongarch/include/uapi/asm/break.h */
enum { BRK_BUG = 1, BRK_OVERFLOW = 6, BRK_DIVZERO = 7 };

static void put_word(uint8_t *p, uint32_t w)
{
    p[0] = w; p[1] = w >> 8; p[2] = w >> 16; p[3] = w >> 24;
}

/* The vector stub at EENTRY: kcall (the kernel runs), then ertn. */
static void la_boot(struct cpu *c)
{
    struct la_cpu *s = LA(c);
    guest_mem->ktext_base = LA_KTEXT_BASE;
    memset(guest_mem->ktext, 0, sizeof guest_mem->ktext);
    put_word(guest_mem->ktext, LA_KCALL_WORD);
    put_word(guest_mem->ktext + 4, ERTN_WORD);
    s->eentry = LA_KTEXT_BASE;
    s->tlbrentry = LA_KTEXT_BASE;
    s->ecfg = 0;                /* VS = 0: every exception enters at EENTRY */
    s->crmd = CRMD_PG;          /* PLV0, paging, interrupts off */
    s->euen = 0;                /* FPU off: enabled lazily on first use (FPD) */
}

/* arch/loongarch/kernel/process.c start_thread: registers cleared, sp
 * set, era = entry, PLV3 with interrupts on; the FPU is given up. */
static void la_start_user(struct cpu *c, uint64_t entry, uint64_t sp)
{
    struct la_cpu *s = LA(c);
    memset(s->r, 0, sizeof s->r);
    memset(s->f, 0, sizeof s->f);
    memset(s->fcc, 0, sizeof s->fcc);
    s->fcsr = 0;
    s->r[3] = sp;
    s->era = entry;
    s->prmd = 3 | PRMD_PIE;
    s->euen &= ~(uint64_t)EUEN_FPE;
    s->llbit = false;
    s->addr_err = 0;
    c->pc = guest_mem->ktext_base + 4;      /* the stub's ertn */
}

static void fault_signal(struct trap *t, int sig, int code, uint64_t addr)
{
    t->kind = TRAP_SIGNAL;
    t->signo = sig;
    t->code = code;
    t->addr = addr;
}

static void la_trap_read(struct cpu *c, struct trap *t)
{
    struct la_cpu *s = LA(c);
    unsigned ecode = (s->estat >> 16) & 0x3f;
    t->pc = s->era;
    t->insn = (uint32_t)s->badi;
    switch (ecode) {
    case ECODE_SYS:
        t->kind = TRAP_SYSCALL;
        t->nr = (long)s->r[11];
        for (int i = 0; i < 6; i++)
            t->args[i] = s->r[4 + i];
        s->orig_a0 = s->r[4];
        s->sys_era = s->era;
        return;
    case ECODE_INT:
        /* the interrupt only makes the kernel look at pending signals */
        s->estat &= ~(1ull << 11);
        t->kind = TRAP_IRQ;
        return;
    case ECODE_FPD:
        /* Lazy FPU: own it now and run the instruction again. */
        s->euen |= EUEN_FPE;
        t->kind = TRAP_IRQ;
        return;
    case ECODE_PIL: case ECODE_PIS: case ECODE_PIF: case ECODE_PME:
    case ECODE_PNR: case ECODE_PNX: case ECODE_PPI: {
        bool mapped = s->badv < guest_mem->size && mem_find(guest_mem, s->badv);
        s->addr_err = ecode == ECODE_PIS || ecode == ECODE_PME ? 2 : 1;
        fault_signal(t, KSIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR, s->badv);
        return;
    }
    case ECODE_ADE:
        fault_signal(t, KSIGBUS, BUS_ADRERR, s->badv);
        return;
    case ECODE_ALE:
        fault_signal(t, KSIGBUS, BUS_ADRALN, s->badv);
        return;
    case ECODE_BCE:
        fault_signal(t, KSIGSEGV, SEGV_BNDERR, s->badv);
        return;
    case ECODE_BRK:
        switch (s->badi & 0x7fff) {
        case BRK_DIVZERO: fault_signal(t, KSIGFPE, FPE_INTDIV, s->era); return;
        case BRK_OVERFLOW: fault_signal(t, KSIGFPE, FPE_INTOVF, s->era); return;
        case BRK_BUG: fault_signal(t, KSIGTRAP, KSI_KERNEL, 0); return;
        default: fault_signal(t, KSIGTRAP, TRAP_BRKPT, s->era); return;
        }
    case ECODE_FPE: {
        unsigned cause = (s->fcsr >> FCSR_CAUSE_SHIFT) & 0x1f;
        int code = cause & 0x10 ? FPE_FLTINV : cause & 0x8 ? FPE_FLTDIV :
                   cause & 0x4 ? FPE_FLTOVF : cause & 0x2 ? FPE_FLTUND :
                   cause & 0x1 ? FPE_FLTRES : 0;
        /* do_fpe clears the enabled causes before the signal, so the
         * saved context does not trap again at sigreturn */
        s->fcsr &= ~((s->fcsr & 0x1f) << FCSR_CAUSE_SHIFT);
        fault_signal(t, KSIGFPE, code, s->era);
        return;
    }
    case ECODE_INE: case ECODE_IPE:
    default:
        /* do_ri / do_ipe: force_sig(SIGILL), si_code SI_KERNEL */
        fault_signal(t, KSIGILL, KSI_KERNEL, 0);
        return;
    }
}

static void la_syscall_return(struct cpu *c, long ret)
{
    struct la_cpu *s = LA(c);
    s->r[4] = (uint64_t)ret;
    s->era = s->sys_era + 4;
}

static void la_syscall_restart(struct cpu *c, long nr)
{
    struct la_cpu *s = LA(c);
    s->era = s->sys_era;
    s->r[4] = s->orig_a0;
    if (nr >= 0)
        s->r[11] = (uint64_t)nr;
}

static uint64_t la_stack_pointer(struct cpu *c) { return LA(c)->r[3]; }
static uint64_t la_user_pc(struct cpu *c) { return LA(c)->era; }
static void la_set_stack_pointer(struct cpu *c, uint64_t sp) { LA(c)->r[3] = sp; }
static void la_set_tls(struct cpu *c, uint64_t tls) { LA(c)->r[2] = tls; }

/* arch/loongarch/vdso/sigreturn.S: li.w a7, 139; syscall 0 */
static const uint8_t vdso_code[] = {
    0x0b, 0x2c, 0x82, 0x03,     /* ori $a7, $zero, 139 */
    0x00, 0x00, 0x2b, 0x00,     /* syscall 0 */
};
static const struct vdso_sym vdso_syms[] = {
    { "__vdso_rt_sigreturn", 0, 8 },
};
static const struct vdso_desc la_vdso = {
    .code = vdso_code,
    .code_len = sizeof vdso_code,
    .version = "LINUX_5.10",
    .syms = vdso_syms,
    .nsyms = 1,
};

/* arch/loongarch/include/uapi/asm/hwcap.h: CPUCFG | LAM | UAL | FPU |
 * CRC32 (the kernel always sets CPUCFG; qemu 7.2 leaves it out) */
#define LA_HWCAP 0x4f

const struct kabi kabi_loongarch64 = {
    .cpu = &arch_loongarch64,
    .page_size = 16384,
    .task_size = 1ull << 47,
    .hwcap = LA_HWCAP,
    /* no CONFIG_CLONE_BACKWARDS on loongarch: clone(flags, sp, ptid, ctid, tls) */
    .clone_tls_last = true,
    .vdso = &la_vdso,
    .boot = la_boot,
    .start_user = la_start_user,
    .trap_read = la_trap_read,
    .syscall_return = la_syscall_return,
    .syscall_restart = la_syscall_restart,
    .stack_pointer = la_stack_pointer,
    .user_pc = la_user_pc,
    .set_stack_pointer = la_set_stack_pointer,
    .setup_rt_frame = la_setup_rt_frame,
    .rt_sigreturn = la_rt_sigreturn,
    .put_stat = put_stat_generic,
    .set_tls = la_set_tls,
};
