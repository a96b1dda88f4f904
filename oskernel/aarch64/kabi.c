/* The aarch64 Linux ABI: boot (vector table in the kernel text page),
 * start_thread, reading a trap (arch/arm64/kernel/entry-common.c and
 * arch/arm64/mm/fault.c decide what a synchronous exception becomes),
 * syscall return and restart, the vdso. */
#include <signal.h>

#include "../kernel.h"
#include "../syscalls.h"
#include "../../sim/aarch64/a64.h"

int a64_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                       const struct ksiginfo *info, uint64_t blocked);
long a64_rt_sigreturn(struct cpu *c);

#define KTEXT_BASE 0xffffffffffff0000ull
#define HWCAP_FP (1u << 0)
#define HWCAP_ASIMD (1u << 1)

/* Every vector slot (16 slots of 0x80 bytes) holds "kcall; eret". */
static void a64_boot(struct cpu *c)
{
    struct a64_cpu *s = A(c);
    guest_mem->ktext_base = KTEXT_BASE;
    for (unsigned slot = 0; slot < 16; slot++) {
        put_le32(guest_mem->ktext + slot * 0x80, A64_KCALL_INSN);
        put_le32(guest_mem->ktext + slot * 0x80 + 4, 0xd69f03e0);   /* eret */
    }
    s->vbar_el1 = KTEXT_BASE;
    /* Linux's SCTLR_EL1 for EL0: caches/MMU on, SP alignment checks
     * (SA, SA0), EL0 may use DC ZVA (DZE), read CTR_EL0 (UCT), run WFI/WFE
     * (nTWI, nTWE) and cache maintenance (UCI). */
    s->sctlr_el1 = 1u << 0 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 12 |
                   1u << 14 | 1u << 15 | 1u << 16 | 1u << 18 | 1u << 26;
    s->cntkctl_el1 = 2;     /* EL0VCTEN: EL0 reads the virtual counter, as Linux sets it */
    s->sp_el1 = KTEXT_BASE + 0x1000;
    if (s->el && s->spsel)
        s->x[A64_SP] = s->sp_el1;
    s->tpidrro_el0 = 0;
}

/* start_thread(): zeroed registers, sp, pc = entry, EL0t; the CPU leaves
 * through the stub's ERET. */
static void a64_start_user(struct cpu *c, uint64_t entry, uint64_t sp)
{
    struct a64_cpu *s = A(c);
    memset(s->x, 0, sizeof s->x);
    memset(s->v, 0, sizeof s->v);
    s->fpcr = s->fpsr = 0;
    s->nzcv = 0;
    s->el = 1;
    s->spsel = 1;
    s->daif = PS_DAIF;
    s->x[A64_SP] = s->sp_el1;
    s->sp_el0 = sp;
    s->elr_el1 = entry;
    s->spsr_el1 = 0;            /* EL0t, nothing masked */
    s->tpidr_el0 = 0;
    s->excl_size = 0;
    s->syscallno = -1;
    c->pc = KTEXT_BASE + 0x400 + 4;
}

static uint32_t insn_at(uint64_t pc)
{
    uint32_t w = 0;
    if (get_user_u32(&w, pc))
        return 0;
    return w;
}

static void a64_trap_read(struct cpu *c, struct trap *t)
{
    struct a64_cpu *s = A(c);
    unsigned ec = (unsigned)(s->esr_el1 >> 26) & 0x3f;
    uint32_t iss = (uint32_t)s->esr_el1 & 0x1ffffff;
    s->syscallno = -1;
    t->pc = s->elr_el1;
    if (s->in_irq) {
        /* an interrupt only makes the kernel look at pending signals */
        s->in_irq = false;
        t->kind = TRAP_IRQ;
        return;
    }
    switch (ec) {
    case EC_SVC64:
        t->kind = TRAP_SYSCALL;
        t->nr = (long)s->x[8];
        for (unsigned i = 0; i < 6; i++)
            t->args[i] = s->x[i];
        s->orig_x0 = s->x[0];
        s->syscallno = (int64_t)s->x[8];
        t->pc = s->elr_el1 - 4;
        return;
    case EC_DABT_LOW:
    case EC_IABT_LOW: {
        uint64_t far = s->far_el1;
        s->fault_address = far;
        s->fault_code = s->esr_el1;
        if (far >= (1ull << 48))    /* kernel address: a level-0 translation fault */
            s->fault_code = (s->esr_el1 & ~0x3full) | 0x04;
        t->kind = TRAP_SIGNAL;
        t->addr = far;
        if ((iss & 0x3f) == 0x21) {
            t->signo = SIGBUS;
            t->code = 1;    /* BUS_ADRALN */
            return;
        }
        if (s->fault_bus && ec == EC_DABT_LOW) {
            t->signo = SIGBUS;
            t->code = 2;    /* BUS_ADRERR */
            return;
        }
        t->signo = SIGSEGV;
        bool mapped = far < guest_mem->size && mem_find(guest_mem, far);
        t->code = mapped ? 2 : 1;   /* SEGV_ACCERR : SEGV_MAPERR */
        return;
    }
    case EC_BRK64:
        t->kind = TRAP_SIGNAL;
        t->signo = SIGTRAP;
        t->code = 1;        /* TRAP_BRKPT */
        t->addr = s->elr_el1;
        return;
    default:                /* undefined instruction, trapped MSR/MRS */
        s->fault_address = 0;
        s->fault_code = 0;
        t->kind = TRAP_SIGNAL;
        t->signo = SIGILL;
        t->code = 1;        /* ILL_ILLOPC */
        t->addr = s->elr_el1;
        t->insn = insn_at(s->elr_el1);
        return;
    }
}

static void a64_syscall_return(struct cpu *c, long ret)
{
    A(c)->x[0] = (uint64_t)ret;
}

static void a64_syscall_restart(struct cpu *c, long nr)
{
    struct a64_cpu *s = A(c);
    s->elr_el1 -= 4;
    s->x[0] = s->orig_x0;
    if (nr >= 0)
        s->x[8] = (uint64_t)nr;
}

static uint64_t a64_stack_pointer(struct cpu *c)
{
    struct a64_cpu *s = A(c);
    return s->el ? s->sp_el0 : s->x[A64_SP];
}

static uint64_t a64_user_pc(struct cpu *c)
{
    struct a64_cpu *s = A(c);
    return s->el ? s->elr_el1 : c->pc;
}

static void a64_set_stack_pointer(struct cpu *c, uint64_t sp)
{
    struct a64_cpu *s = A(c);
    if (s->el)
        s->sp_el0 = sp;
    else
        s->x[A64_SP] = sp;
}

static void a64_set_tls(struct cpu *c, uint64_t tls)
{
    A(c)->tpidr_el0 = tls;
}

/* arch/arm64/kernel/vdso/sigreturn.S: a nop before the symbol for
 * unwinders that look at pc-1, then mov x8, #139; svc #0. */
static const uint8_t vdso_code[] = {
    0x1f, 0x20, 0x03, 0xd5,
    0x68, 0x11, 0x80, 0xd2,
    0x01, 0x00, 0x00, 0xd4,
};
static const struct vdso_sym vdso_syms[] = {
    { "__kernel_rt_sigreturn", 4, 8 },
};
static const struct vdso_desc vdso_aarch64 = {
    .code = vdso_code,
    .code_len = sizeof vdso_code,
    .version = "LINUX_2.6.39",
    .syms = vdso_syms,
    .nsyms = 1,
};

/* arch/arm64/include/uapi/asm/fcntl.h moves four open flags */
static const uint32_t open_flags_aarch64[][2] = {
    { 0x4000, 0x10000 },    /* O_DIRECTORY */
    { 0x8000, 0x20000 },    /* O_NOFOLLOW */
    { 0x10000, 0x4000 },    /* O_DIRECT */
    { 0x20000, 0x8000 },    /* O_LARGEFILE */
    { 0, 0 },
};

const struct kabi kabi_aarch64 = {
    .cpu = &arch_aarch64,
    .page_size = 4096,
    .task_size = 1ull << 48,
    .hwcap = HWCAP_FP | HWCAP_ASIMD,
    .hwcap2 = 0,
    .has_hwcap2 = true,
    .has_sa_restorer = true,
    .platform = "aarch64",
    .minsigstksz = 4720,
    .vdso = &vdso_aarch64,
    .boot = a64_boot,
    .start_user = a64_start_user,
    .trap_read = a64_trap_read,
    .syscall_return = a64_syscall_return,
    .syscall_restart = a64_syscall_restart,
    .sysmap = NULL,
    .nsysmap = 0,
    .setup_rt_frame = a64_setup_rt_frame,
    .rt_sigreturn = a64_rt_sigreturn,
    .stack_pointer = a64_stack_pointer,
    .user_pc = a64_user_pc,
    .set_stack_pointer = a64_set_stack_pointer,
    .put_stat = put_stat_generic,
    .set_tls = a64_set_tls,
    .open_flags = open_flags_aarch64,
};
