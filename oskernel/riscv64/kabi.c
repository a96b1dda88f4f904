/* The riscv64 Linux ABI: boot (trap vector in the kernel text page),
 * start_thread, reading a trap (arch/riscv/kernel/traps.c and
 * arch/riscv/mm/fault.c decide what an exception becomes), syscall
 * return and restart, the vdso. */
#include <signal.h>
#include <string.h>

#include "../kernel.h"
#include "../syscalls.h"
#include "../../sim/machine.h"
#include "../../sim/riscv64/rv.h"

int rv_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                      const struct ksiginfo *info, uint64_t blocked);
long rv_rt_sigreturn(struct cpu *c);

/* The arch-specific syscall in the asm-generic table's arch slot
 * (__NR_arch_specific_syscall + 15): the generic kernel has no entry. */
#define NR_riscv_flush_icache 259

/* AT_HWCAP: one bit per single-letter extension, bit ('x' - 'a'). */
#define HWCAP_ISA(x) (1ull << ((x) - 'a'))

/* stvec points at "kcall; sret" at the start of the kernel text page. */
static void rv_boot(struct cpu *c)
{
    struct rv_cpu *r = RV(c);
    guest_mem->ktext_base = RV_KTEXT_BASE;
    put_le32(guest_mem->ktext + 0, RV_KCALL);
    put_le32(guest_mem->ktext + 4, 0x10200073);     /* sret */
    r->priv = RV_PRV_S;
    r->stvec = RV_KTEXT_BASE;
    r->sstatus = 0;
    r->satp = 0;
    r->scounteren = 7;          /* user mode may read cycle, time, instret */
}

/* start_thread(): every register zero but sp, pc = entry, U-mode with
 * interrupts enabled on return (SPIE), FP state Initial, fcsr 0. */
static void rv_start_user(struct cpu *c, uint64_t entry, uint64_t sp)
{
    struct rv_cpu *r = RV(c);
    memset(r->x, 0, sizeof r->x);
    memset(r->f, 0, sizeof r->f);
    r->fflags = r->frm = 0;
    rv_fp_reset();
    r->x[2] = sp;
    r->sepc = entry;
    r->sstatus = (r->sstatus & ~(SSTATUS_SPP | SSTATUS_FS | SSTATUS_SIE)) |
                 SSTATUS_SPIE | SSTATUS_FS_INITIAL;
    r->priv = RV_PRV_S;
    r->res_valid = 0;
    c->pc = RV_KTEXT_BASE + 4;
}

static void rv_trap_read(struct cpu *c, struct trap *t)
{
    struct rv_cpu *r = RV(c);
    uint64_t cause = r->scause, epc = r->sepc;
    t->pc = epc;
    if (cause >> 63) {
        t->kind = TRAP_IRQ;
        return;
    }
    t->kind = TRAP_SIGNAL;
    switch (cause) {
    case RV_EXC_ECALL_U:
        if (r->x[17] == NR_riscv_flush_icache) {
            /* arch/riscv/kernel/sys_riscv.c: (start, end, flags); flags
             * other than SYS_RISCV_FLUSH_ICACHE_LOCAL (1) are EINVAL */
            r->x[10] = r->x[12] & ~1ull ? (uint64_t)-EINVAL : 0;
            if (!(r->x[12] & ~1ull))
                engine_flush_all();
            r->sepc += 4;
            t->kind = TRAP_IRQ;         /* done: only pending signals remain */
            return;
        }
        t->kind = TRAP_SYSCALL;
        t->nr = (long)r->x[17];
        for (unsigned i = 0; i < 6; i++)
            t->args[i] = r->x[10 + i];
        r->orig_a0 = r->x[10];
        return;
    case RV_EXC_INSN_PAGE:
    case RV_EXC_LOAD_PAGE:
    case RV_EXC_STORE_PAGE: {
        uint64_t a = r->stval;
        bool mapped = a < guest_mem->size && mem_find(guest_mem, a);
        t->signo = SIGSEGV;
        t->code = mapped ? 2 : 1;       /* SEGV_ACCERR : SEGV_MAPERR */
        t->addr = a;
        if (r->fault_bus && cause != RV_EXC_INSN_PAGE) {
            t->signo = SIGBUS;          /* VM_FAULT_SIGBUS: BUS_ADRERR */
            t->code = 2;
        }
        return;
    }
    case RV_EXC_INSN_ACCESS:
    case RV_EXC_LOAD_ACCESS:
    case RV_EXC_STORE_ACCESS:
        t->signo = SIGSEGV;
        t->code = 2;                    /* SEGV_ACCERR, si_addr = epc */
        t->addr = epc;
        return;
    case RV_EXC_ILLEGAL:
        t->signo = SIGILL;
        t->code = 1;                    /* ILL_ILLOPC */
        t->addr = epc;
        t->insn = (uint32_t)r->stval;
        return;
    case RV_EXC_BREAKPOINT:
        t->signo = SIGTRAP;
        t->code = 1;                    /* TRAP_BRKPT; epc not advanced */
        t->addr = epc;
        return;
    case RV_EXC_INSN_MISALIGNED:
    case RV_EXC_LOAD_MISALIGNED:
    case RV_EXC_STORE_MISALIGNED:
        t->signo = SIGBUS;
        t->code = 1;                    /* BUS_ADRALN, si_addr = epc */
        t->addr = epc;
        return;
    default:                            /* ecall from S, unknown causes */
        t->signo = SIGILL;
        t->code = 4;                    /* ILL_ILLTRP */
        t->addr = epc;
        return;
    }
}

/* do_trap_ecall_u moves sepc past the ecall only when the syscall is
 * done, so a restart just leaves sepc where it is. */
static void rv_syscall_return(struct cpu *c, long ret)
{
    struct rv_cpu *r = RV(c);
    r->x[10] = (uint64_t)ret;
    r->sepc += 4;
}

static void rv_syscall_restart(struct cpu *c, long nr)
{
    struct rv_cpu *r = RV(c);
    r->x[10] = r->orig_a0;
    if (nr >= 0)
        r->x[17] = (uint64_t)nr;
}

static uint64_t rv_stack_pointer(struct cpu *c) { return RV(c)->x[2]; }
static void rv_set_stack_pointer(struct cpu *c, uint64_t sp) { RV(c)->x[2] = sp; }
static uint64_t rv_user_pc(struct cpu *c) { return RV(c)->sepc; }
static void rv_set_tls(struct cpu *c, uint64_t tls) { RV(c)->x[4] = tls; }

/* arch/riscv/kernel/vdso/rt_sigreturn.S: li a7, 139; ecall */
static const uint8_t vdso_code[] = {
    0x93, 0x08, 0xb0, 0x08,
    0x73, 0x00, 0x00, 0x00,
};
static const struct vdso_sym vdso_syms[] = {
    { "__vdso_rt_sigreturn", 0, 8 },
};
static const struct vdso_desc vdso_riscv64 = {
    .code = vdso_code,
    .code_len = sizeof vdso_code,
    .version = "LINUX_4.15",
    .syms = vdso_syms,
    .nsyms = 1,
};

const struct kabi kabi_riscv64 = {
    .cpu = &arch_riscv64,
    .page_size = 4096,
    .task_size = 1ull << 38,
    .hwcap = HWCAP_ISA('i') | HWCAP_ISA('m') | HWCAP_ISA('a') | HWCAP_ISA('f') |
             HWCAP_ISA('d') | HWCAP_ISA('c'),
    .hwcap2 = 0,
    .has_hwcap2 = false,
    .has_sa_restorer = false,
    .clone_tls_last = false,
    .platform = NULL,
    .minsigstksz = 0,
    .vdso = &vdso_riscv64,
    .boot = rv_boot,
    .start_user = rv_start_user,
    .trap_read = rv_trap_read,
    .syscall_return = rv_syscall_return,
    .syscall_restart = rv_syscall_restart,
    .sysmap = NULL,
    .nsysmap = 0,
    .setup_rt_frame = rv_setup_rt_frame,
    .rt_sigreturn = rv_rt_sigreturn,
    .stack_pointer = rv_stack_pointer,
    .user_pc = rv_user_pc,
    .set_stack_pointer = rv_set_stack_pointer,
    .put_stat = put_stat_generic,
    .set_tls = rv_set_tls,
    .epoll_packed = false,
    .open_flags = NULL,
};
