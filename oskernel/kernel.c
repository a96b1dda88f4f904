/* The kernel's entry from the trap vector, syscall dispatch, and the end
 * of the process. */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../sim/gdbstub.h"
#include "../sim/machine.h"
#include "../sim/timing.h"
#include "../sim/trace.h"
#include "sched.h"
#include "signal.h"
#include "syscalls.h"

static struct kernel the_kernel;
struct kernel *kern;

/* trapeze's own messages go to a private copy of stderr, so a guest that
 * closes fd 2 and opens a file there does not get them in its file. */
static int kwarn_fd = 2;

void kwarn(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n > (int)sizeof buf - 2)
        n = (int)sizeof buf - 2;
    buf[n++] = '\n';
    fflush(stdout);
    (void)!write(kwarn_fd, "trapeze: ", 9);
    (void)!write(kwarn_fd, buf, (size_t)n);
}

void kernel_init(struct cpu *c, const struct kernel_opts *o)
{
    struct kernel *k = &the_kernel;
    k->abi = c->m->kabi;
    k->sysroot = o->sysroot;
    k->strace = o->strace;
    k->strace_fd = o->strace_fd >= 0 ? o->strace_fd : 2;
    k->max_insns = o->max_insns;
    k->stats = o->stats;
    /* --deterministic: a fixed pid, as the first process of a fresh pid
     * namespace would see a fixed number, so that traces repeat. */
    k->pid = c->m->deterministic ? 1000 : getpid();
    c->tid = k->pid;
    kern = k;
    if (o->max_insns)
        c->insn_limit = o->max_insns;
    int fd = fcntl(2, F_DUPFD_CLOEXEC, 1010);
    if (fd >= 0) {
        kwarn_fd = fd;
        kernel_reserve_fd(fd);
    }
    if (k->strace)
        strace_open();
    signal_init(c);
    k->abi->boot(c);
}

static void print_stats(struct cpu *c)
{
    trace_finish(c);
    if (kern && kern->stats)
        fprintf(stderr, "trapeze: insns %llu cycles %llu\n",
                (unsigned long long)c->icount, (unsigned long long)c->cycles);
}

_Noreturn void kernel_exit_group(struct cpu *c, int code)
{
    if (kern && kern->strace)
        strace_exit((code & 0xff) << 8);
    if (debug_exit_hook)
        debug_exit_hook(c, code & 0xff, 0);
    print_stats(c);
    fflush(NULL);
    _exit(code & 0xff);
}

_Noreturn void kernel_die_signal(struct cpu *c, int sig)
{
    if (kern && kern->strace)
        strace_exit(sig);
    if (debug_exit_hook)
        debug_exit_hook(c, 0, sig);
    print_stats(c);
    fflush(NULL);
    /* Die the same way, so our parent's wait status matches: default
     * action, no core file from the host. */
    struct rlimit rl = {0, 0};
    setrlimit(RLIMIT_CORE, &rl);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    /* Signals whose default action does not kill the host: exit as a
     * shell would report the death. */
    _exit(128 + sig);
}

/* exit and exit_group do not return: their strace line is written first. */
static void strace_noreturn(struct cpu *c, long gnr, uint64_t a0)
{
    if (kern->strace) {
        uint64_t a[6] = {a0};
        strace_syscall(c, gnr, a, -EJUSTRETURN);
    }
}

SYSCALL(exit)
{
    strace_noreturn(c, NR_exit, a0);
    /* One thread ends; the last one's exit ends the process. */
    kernel_thread_exit(c, (int)a0);
}

SYSCALL(exit_group)
{
    strace_noreturn(c, NR_exit_group, a0);
    kernel_exit_group(c, (int)a0);
}

long kernel_syscall(struct cpu *c, long gnr, const uint64_t a[6])
{
    if (gnr < 0 || (unsigned long)gnr >= nsystab || !systab[gnr].fn)
        return -ENOSYS;
    return systab[gnr].fn(c, a[0], a[1], a[2], a[3], a[4], a[5]);
}

static long map_syscall(long nr)
{
    const struct kabi *abi = kern->abi;
    if (!abi->sysmap)
        return nr;
    if (nr < 0 || (unsigned long)nr >= abi->nsysmap)
        return -1;
    return abi->sysmap[nr];
}

static void unknown_syscall(long nr)
{
    static uint64_t warned[16];     /* once per number below 1024 */
    if (nr >= 0 && nr < 1024) {
        if (warned[nr / 64] >> (nr % 64) & 1)
            return;
        warned[nr / 64] |= 1ull << (nr % 64);
    }
    long g = map_syscall(nr);
    const char *name = g >= 0 && (unsigned long)g < nsystab ? systab[g].name : NULL;
    kwarn("unsupported %s syscall %ld%s%s: returning ENOSYS", kern->abi->cpu->name, nr,
          name ? " " : "", name ? name : "");
}

static void do_syscall(struct cpu *c, const struct trap *t)
{
    long gnr = map_syscall(t->nr);
    long ret;
    if (gnr < 0 || (unsigned long)gnr >= nsystab || !systab[gnr].fn) {
        unknown_syscall(t->nr);
        ret = -ENOSYS;
    } else {
        /* --deterministic: a call that would block on a descriptor first
         * waits in the scheduler (oskernel/sched.c) */
        ret = sched_on() ? sched_before_syscall(c, gnr, t->args) : 0;
        if (!ret)
            ret = systab[gnr].fn(c, t->args[0], t->args[1], t->args[2], t->args[3],
                                 t->args[4], t->args[5]);
    }
    c->cycles += timing_kernel_cost[KW_SYSCALL];
    if (kern->strace)
        strace_syscall(c, gnr >= 0 ? gnr : SYSX_BASE * 16 + t->nr, t->args, ret);
    if (trace_events)
        trace_syscall(c, gnr >= 0 && (unsigned long)gnr < nsystab ? systab[gnr].name : NULL,
                      t->nr, t->args, ret);
    if (ret == -EJUSTRETURN)
        return;
    if (ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK) {
        signal_syscall_interrupted(c, ret, gnr);
        return;
    }
    kern->abi->syscall_return(c, ret);
}

void kernel_entry(struct cpu *c)
{
    struct trap t;
    memset(&t, 0, sizeof t);
    kern->abi->trap_read(c, &t);
    switch (t.kind) {
    case TRAP_SYSCALL:
        do_syscall(c, &t);
        break;
    case TRAP_SIGNAL:
        c->cycles += timing_kernel_cost[KW_FAULT];
        /* The CPU saw an ordinary page fault; Linux's fault handler finds a
         * file page past the end of its file and raises SIGBUS instead. */
        if (c->fault_bus && t.signo == SIGSEGV) {
            t.signo = SIGBUS;
            t.code = 2;     /* BUS_ADRERR */
        }
        c->fault_bus = false;
        signal_force_fault(c, t.signo, t.code, t.addr, t.pc, t.insn);
        break;
    case TRAP_IRQ:
        break;
    }
    signal_exit_to_user(c);
}
