/* The generic signal core, after Linux's kernel/signal.c: generation,
 * pending sets, the choice of the next signal, default actions, and the
 * hand-off to the arch's frame code.  Signals from other host processes
 * arrive as host signals and are forwarded (signal_host.c). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../sim/gdbstub.h"
#include "../sim/machine.h"
#include "../sim/timing.h"
#include "../sim/trace.h"
#include "vdso.h"
#include "sched.h"
#include "signal.h"
#include "signal_host.h"
#include "syscalls.h"

/* Process-wide dispositions (the sighand). */
static struct ksigaction actions[KNSIG + 1];
static struct sigstate main_sig;
__thread struct sigstate *cur_sig = &main_sig;

/* Pending signals, each with its siginfo.  Standard signals coalesce;
 * real-time signals queue (kernel/signal.c: legacy_queue).  Each thread
 * has its own queue (faults, tgkill) and shares the process's (kill,
 * host signals, timers), as task->pending and signal->shared_pending. */
struct pending {
    struct pending *next;
    struct ksiginfo info;
    bool forced;                /* a synchronous fault */
};
static struct sigqueue shared;
/* Queues, masks and the thread list; never held across a blocking call. */
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static struct sigstate *threads = &main_sig;

static bool dequeue_q(struct sigqueue *q, int sig, struct ksiginfo *info, bool *forced);

#define SYNCHRONOUS_MASK (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | \
                          SIGBIT(SIGTRAP) | SIGBIT(SIGFPE) | SIGBIT(SIGSYS))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

static const char *const names[] = {
    [1] = "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
    "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
    "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
    "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
};

const char *signal_name(int sig)
{
    static char buf[24];
    if (sig > 0 && sig < (int)(sizeof names / sizeof *names))
        return names[sig];
    snprintf(buf, sizeof buf, "SIGRT%d", sig - 32);
    return buf;
}

const char *signal_display_name(int sig)
{
    static char rt[33][12];
    if (sig > 0 && sig < (int)(sizeof names / sizeof *names))
        return names[sig];
    if (sig >= 32 && sig <= 64) {
        snprintf(rt[sig - 32], sizeof rt[0], "SIGRT%d", sig - 32);
        return rt[sig - 32];
    }
    return "SIG?";
}

void siginfo_init(struct ksiginfo *si, int sig, int code)
{
    memset(si, 0, sizeof *si);
    put_le32(si->b + 0, (uint32_t)sig);
    put_le32(si->b + 8, (uint32_t)code);
}

void signal_init(struct cpu *c)
{
    memset(actions, 0, sizeof actions);
    /* An exec'ed program inherits the blocked mask and ignored signals. */
    sigset_t host;
    sigprocmask(SIG_SETMASK, NULL, &host);
    for (int s = 1; s <= KNSIG; s++) {
        if (s == SIGKILL || s == SIGSTOP || s >= 32)
            continue;
        if (sigismember(&host, s) == 1)
            main_sig.blocked |= SIGBIT(s);
        struct sigaction sa;
        if (sigaction(s, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
            actions[s].handler = 1;
    }
    main_sig.cpu = c;
    main_sig.tid = kern->pid;
    main_sig.host = pthread_self();
    main_sig.host_started = true;
    c->task = &main_sig;
    signal_host_init(c);
}

void signal_get_action(int sig, struct ksigaction *ka)
{
    *ka = actions[sig];
}

/* flush_signal_handlers: clone3's CLONE_CLEAR_SIGHAND in the child. */
void signal_clear_handlers(void)
{
    for (int s = 1; s <= KNSIG; s++)
        actions[s] = (struct ksigaction){.handler = actions[s].handler == 1 ? 1 : 0};
}

/* ---- threads ------------------------------------------------------------- */

/* After fork: the child is a new process with this thread as its only one. */
void signal_forked(struct cpu *c)
{
    cur_sig->tid = kern->pid;
    cur_sig->host = pthread_self();
    cur_sig->next = NULL;
    threads = cur_sig;
    struct ksiginfo tmp;
    bool f;
    for (int s = 1; s <= KNSIG; s++)     /* pending signals are not inherited */
        while (dequeue_q(&shared, s, &tmp, &f) || dequeue_q(&cur_sig->pending, s, &tmp, &f))
            ;
}

int signal_thread_new(struct cpu *child)
{
    struct sigstate *t = calloc(1, sizeof *t);
    if (!t)
        return -ENOMEM;
    /* copy_process: the mask is inherited; a thread sharing the address
     * space does not share the altstack */
    t->blocked = cur_sig->blocked;
    t->altstack = (struct ksigaltstack){0, 0, KSS_DISABLE};
    t->cpu = child;
    child->task = t;
    pthread_mutex_lock(&sig_lock);
    t->next = threads;
    threads = t;
    pthread_mutex_unlock(&sig_lock);
    return 0;
}

void signal_thread_start(struct cpu *c, int tid)
{
    struct sigstate *t = c->task;
    pthread_mutex_lock(&sig_lock);
    t->host = pthread_self();
    t->tid = tid;
    t->host_started = true;
    pthread_mutex_unlock(&sig_lock);
    cur_sig = t;
}

void signal_thread_exit(struct cpu *c)
{
    struct sigstate *t = c->task;
    pthread_mutex_lock(&sig_lock);
    for (struct sigstate **pp = &threads; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    /* signals aimed at this thread die with it */
    struct ksiginfo tmp;
    bool f;
    for (int s = 1; s <= KNSIG; s++)
        while (dequeue_q(&t->pending, s, &tmp, &f))
            ;
    pthread_mutex_unlock(&sig_lock);
    if (t != &main_sig)
        free(t);
}

bool signal_on_altstack(uint64_t sp)
{
    const struct ksigaltstack *as = &cur_sig->altstack;
    if (as->flags & KSS_AUTODISARM)
        return false;
    return sp > as->sp && sp - as->sp <= as->size;
}

uint64_t signal_frame_top(const struct ksigaction *ka, uint64_t sp)
{
    const struct ksigaltstack *as = &cur_sig->altstack;
    if ((ka->flags & KSA_ONSTACK) && as->size && !signal_on_altstack(sp))
        return as->sp + as->size;
    return sp;
}

static void enqueue(struct sigqueue *q, const struct ksiginfo *info, bool forced)
{
    int sig = siginfo_signo(info);
    if (sig < 32 && (q->set & SIGBIT(sig)))
        return;                 /* standard signals coalesce */
    struct pending *p = malloc(sizeof *p);
    if (!p)
        return;                 /* Linux, too, may drop a queued signal's info under pressure */
    p->info = *info;
    p->forced = forced;
    p->next = NULL;
    struct pending **pp = &q->head;
    while (*pp)
        pp = &(*pp)->next;
    *pp = p;
    q->set |= SIGBIT(sig);
}

/* Make a thread look at its signals soon: at its next block boundary, or
 * now if it sleeps in a host syscall (with --deterministic: in one of the
 * scheduler's waits). */
static void kick(struct sigstate *t, int sig)
{
    if (t->cpu)
        t->cpu->exit_request = 1;
    if (sched_on())
        sched_kick(t->cpu, sig);
    else if (t != cur_sig && t->host_started)
        pthread_kill(t->host, SIGNAL_WAKE);
}

static bool sig_ignored(int sig)
{
    uint64_t h = actions[sig].handler;
    if (h == 1)
        return true;
    if (h == 0) {
        switch (sig) {
        case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
            return true;
        }
    }
    return false;
}

static void trace_generated(int sig, const struct ksiginfo *info, struct cpu *c)
{
    int code = (int)get_le32(info->b + 8);
    struct sig_event e = {.sig = sig, .code = code, .sender = (int)get_le32(info->b + 0x10),
                          .why = code == KSI_TKILL ? "tkill" : code == KSI_QUEUE ? "sigqueue"
                                 : code == KSI_TIMER ? "timer" : code > 0 ? "kernel" : "kill"};
    trace_signal(c, SIG_GENERATED, &e);
}

void signal_send(int sig, const struct ksiginfo *info)
{
    if (sig < 1 || sig > KNSIG)
        return;
    pthread_mutex_lock(&sig_lock);
    /* An ignored signal is dropped at generation, unless blocked. */
    if (sig_ignored(sig) && !(cur_sig->blocked & SIGBIT(sig))) {
        pthread_mutex_unlock(&sig_lock);
        return;
    }
    enqueue(&shared, info, false);
    /* complete_signal: the current thread if it can take it, else any
     * thread that does not block it. */
    struct sigstate *t = cur_sig;
    if (t->blocked & SIGBIT(sig))
        for (struct sigstate *u = threads; u; u = u->next)
            if (!(u->blocked & SIGBIT(sig))) {
                t = u;
                break;
            }
    kick(t, sig);
    pthread_mutex_unlock(&sig_lock);
    if (trace_events && t->cpu)
        trace_generated(sig, info, t->cpu);
}

int signal_send_thread(int tid, int sig, const struct ksiginfo *info)
{
    pthread_mutex_lock(&sig_lock);
    struct sigstate *t = threads;
    while (t && t->tid != tid)
        t = t->next;
    if (!t) {
        pthread_mutex_unlock(&sig_lock);
        return -ESRCH;
    }
    if (sig && !(sig_ignored(sig) && !(t->blocked & SIGBIT(sig)))) {
        enqueue(&t->pending, info, false);
        kick(t, sig);
    }
    pthread_mutex_unlock(&sig_lock);
    if (sig && trace_events && t->cpu)
        trace_generated(sig, info, t->cpu);
    return 0;
}

static uint64_t fault_pc;
static uint32_t fault_insn;

void signal_force_fault(struct cpu *c, int sig, int code, uint64_t addr, uint64_t pc, uint32_t insn)
{
    struct ksiginfo si;
    siginfo_init(&si, sig, code);
    put_le64(si.b + 0x10, addr);
    fault_pc = pc;
    fault_insn = insn;
    /* force_sig_info: a blocked or ignored fault signal is unblocked and
     * gets the default action. */
    if ((cur_sig->blocked & SIGBIT(sig)) || actions[sig].handler == 1) {
        if (actions[sig].handler == 1 || (cur_sig->blocked & SIGBIT(sig)))
            actions[sig].handler = 0;
        cur_sig->blocked &= ~SIGBIT(sig);
    }
    pthread_mutex_lock(&sig_lock);
    enqueue(&cur_sig->pending, &si, true);
    pthread_mutex_unlock(&sig_lock);
    if (trace_events) {
        struct sig_event e = {.sig = sig, .code = code, .why = "fault", .addr = addr};
        trace_signal(c, SIG_GENERATED, &e);
    }
}

static int next_signal(uint64_t deliverable)
{
    uint64_t sync = deliverable & SYNCHRONOUS_MASK;
    uint64_t x = sync ? sync : deliverable;
    return x ? __builtin_ctzll(x) + 1 : 0;
}

static bool dequeue_q(struct sigqueue *q, int sig, struct ksiginfo *info, bool *forced)
{
    for (struct pending **pp = &q->head; *pp; pp = &(*pp)->next) {
        struct pending *p = *pp;
        if (siginfo_signo(&p->info) != sig)
            continue;
        *info = p->info;
        *forced = p->forced;
        *pp = p->next;
        free(p);
        bool more = false;
        for (struct pending *r = q->head; r; r = r->next)
            more |= siginfo_signo(&r->info) == sig;
        if (!more)
            q->set &= ~SIGBIT(sig);
        return true;
    }
    return false;
}

/* The thread's own queue first, then the process's.  Called locked. */
static bool dequeue(int sig, struct ksiginfo *info, bool *forced)
{
    return dequeue_q(&cur_sig->pending, sig, info, forced) ||
           dequeue_q(&shared, sig, info, forced);
}

static uint64_t pending_locked(void)
{
    return cur_sig->pending.set | shared.set;
}

uint64_t signal_pending_set(void)
{
    signal_host_drain();
    pthread_mutex_lock(&sig_lock);
    uint64_t r = pending_locked();
    pthread_mutex_unlock(&sig_lock);
    return r;
}

int signal_dequeue_from(uint64_t set, struct ksiginfo *info)
{
    signal_host_drain();
    pthread_mutex_lock(&sig_lock);
    int sig = next_signal(pending_locked() & set);
    bool forced;
    if (sig && !dequeue(sig, info, &forced))
        sig = 0;
    pthread_mutex_unlock(&sig_lock);
    return sig;
}

bool signal_pending(void)
{
    signal_host_drain();
    pthread_mutex_lock(&sig_lock);
    bool r = (pending_locked() & ~(cur_sig->blocked & ~UNBLOCKABLE)) != 0;
    pthread_mutex_unlock(&sig_lock);
    return r;
}

static uint64_t user_pc(struct cpu *c)
{
    return kern->abi->user_pc ? kern->abi->user_pc(c) : 0;
}

_Noreturn static void die(struct cpu *c, int sig, const struct ksiginfo *info, bool forced)
{
    int code = (int)get_le32(info->b + 8);
    uint64_t pc = forced ? fault_pc : user_pc(c);
    if (forced && sig == SIGILL)
        kwarn("guest killed by SIGILL (si_code %d) at pc 0x%llx, instruction 0x%08x",
              code, (unsigned long long)pc, fault_insn);
    else if (forced)
        kwarn("guest killed by %s (si_code %d, address 0x%llx) at pc 0x%llx", signal_name(sig),
              code, (unsigned long long)get_le64(info->b + 0x10), (unsigned long long)pc);
    else
        kwarn("guest killed by %s at pc 0x%llx", signal_name(sig), (unsigned long long)pc);
    kernel_die_signal(c, sig);
}

/* Deliver one signal; false when nothing was deliverable. */
static bool deliver_one(struct cpu *c)
{
    signal_host_drain();
    pthread_mutex_lock(&sig_lock);
    uint64_t deliverable = pending_locked() & ~(cur_sig->blocked & ~UNBLOCKABLE);
    int sig = next_signal(deliverable);
    struct ksiginfo info;
    bool forced = false;
    if (!sig || !dequeue(sig, &info, &forced)) {
        pthread_mutex_unlock(&sig_lock);
        return false;
    }
    pthread_mutex_unlock(&sig_lock);
    if (kern->strace)
        strace_signal(c, &info);
    if (debug_signal_hook && sig != SIGKILL) {
        /* a debugger sees the signal first and may drop or change it */
        int nsig = debug_signal_hook(c, sig, &info);
        if (nsig <= 0 || nsig > KNSIG)
            return true;
        if (nsig != sig) {
            siginfo_init(&info, nsig, KSI_USER);
            sig = nsig;
            forced = false;
        }
    }
    struct ksigaction *ka = &actions[sig];
    struct sig_event ev = {.sig = sig};
    if ((ka->handler <= 1 || sig == SIGKILL || sig == SIGSTOP) && trace_events)
        trace_signal(c, SIG_DEFAULT, &ev);
    if (ka->handler == 1 && sig != SIGKILL && sig != SIGSTOP)
        return true;
    if (ka->handler == 0 || sig == SIGKILL || sig == SIGSTOP) {
        switch (sig) {
        case SIGCHLD: case SIGCONT: case SIGURG: case SIGWINCH:
            return true;
        case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
            /* Stop for real: the parent sees the same stop. */
            fflush(NULL);
            kill(getpid(), SIGSTOP);
            return true;
        }
        die(c, sig, &info, forced);
    }
    if (!kern->abi->setup_rt_frame) {
        kwarn("%s: signal frames are not implemented yet; cannot run the guest's %s handler",
              kern->abi->cpu->name, signal_name(sig));
        die(c, sig, &info, forced);
    }
    struct ksigaction act = *ka;
    uint64_t saved = cur_sig->restore_saved_mask ? cur_sig->saved_mask : cur_sig->blocked;
    cur_sig->restore_saved_mask = false;
    if (act.flags & KSA_RESETHAND)
        ka->handler = 0;
    if (trace_events)
        trace_signal(c, SIG_DELIVER, &ev);
    uaccess_record_start();
    int frame_err = kern->abi->setup_rt_frame(c, sig, &act, &info, saved);
    uint64_t flo, fhi;
    uaccess_record_stop(&flo, &fhi);
    c->cycles += timing_kernel_cost[KW_SIGNAL_DELIVER] +
                 timing_kernel_cost[KW_FRAME_PER_16B] * ((fhi - flo + 15) / 16);
    if (trace_events && !frame_err) {
        ev.addr = flo;
        ev.size = fhi - flo;
        ev.handler = user_pc(c);
        ev.trampoline = (act.flags & KSA_RESTORER) ? act.restorer : vdso_trampoline();
        trace_signal(c, SIG_FRAME, &ev);
    }
    if (frame_err) {
        /* force_sigsegv: a SIGSEGV that cannot be delivered kills. */
        if (sig == SIGSEGV)
            actions[SIGSEGV].handler = 0;
        signal_force_fault(c, SIGSEGV, KSI_KERNEL, 0, user_pc(c), 0);
        return true;
    }
    cur_sig->blocked = saved | act.mask | (act.flags & KSA_NODEFER ? 0 : SIGBIT(sig));
    cur_sig->blocked &= ~UNBLOCKABLE;
    if (cur_sig->altstack.flags & KSS_AUTODISARM)
        cur_sig->altstack = (struct ksigaltstack){0, 0, KSS_DISABLE};
    return true;
}

void signal_exit_to_user(struct cpu *c)
{
    /* What made the thread look at its signals is looked at here; a
     * signal that comes after this line asks again. */
    __atomic_store_n(&c->exit_request, 0, __ATOMIC_SEQ_CST);
    while (deliver_one(c))
        ;
    if (cur_sig->restore_saved_mask) {
        cur_sig->blocked = cur_sig->saved_mask;
        cur_sig->restore_saved_mask = false;
    }
}

/* The arch's own number for restart_syscall (generic 128). */
static long restart_syscall_nr(void)
{
    const struct kabi *abi = kern->abi;
    if (!abi->sysmap)
        return 128;
    for (unsigned i = 0; i < abi->nsysmap; i++)
        if (abi->sysmap[i] == 128)
            return i;
    return -1;
}

/* Linux's rules (arch/x86/kernel/signal.c handle_signal and
 * arch_do_signal_or_restart): what the interrupted syscall becomes
 * depends on whether a handler is about to run. */
void signal_syscall_interrupted(struct cpu *c, long ret, long gnr)
{
    signal_host_drain();
    pthread_mutex_lock(&sig_lock);
    uint64_t deliverable = pending_locked() & ~(cur_sig->blocked & ~UNBLOCKABLE);
    pthread_mutex_unlock(&sig_lock);
    int sig = next_signal(deliverable);
    bool handler = sig && actions[sig].handler > 1 && sig != SIGKILL && sig != SIGSTOP;
    bool restart;
    switch (-ret) {
    case ERESTARTSYS:
        restart = !handler || (actions[sig].flags & KSA_RESTART);
        break;
    case ERESTARTNOINTR:
        restart = true;
        break;
    default:    /* ERESTARTNOHAND, ERESTART_RESTARTBLOCK */
        restart = !handler;
        break;
    }
    if (!restart) {
        kern->abi->syscall_return(c, -EINTR);
        return;
    }
    long nr = -1;
    if (-ret == ERESTART_RESTARTBLOCK)
        nr = restart_syscall_nr();
    kern->abi->syscall_restart(c, nr);
}

/* ---- syscalls ---------------------------------------------------------- */


static int check_sig(uint64_t s) { return s >= 1 && s <= KNSIG ? 0 : -EINVAL; }

SYSCALL(rt_sigaction)
{
    int sig = (int)a0;
    uint64_t act = a1, oact = a2;
    if (a3 != 8)
        return -EINVAL;
    if (check_sig((uint64_t)sig) || ((sig == SIGKILL || sig == SIGSTOP) && act))
        return -EINVAL;
    bool rest = kern->abi->has_sa_restorer;
    size_t sz = rest ? 32 : 24;
    uint8_t buf[32];
    struct ksigaction old = actions[sig];
    if (act) {
        if (copy_from_user(buf, act, sz))
            return -EFAULT;
    }
    if (oact) {
        uint8_t ob[32] = {0};
        put_le64(ob, old.handler);
        put_le64(ob + 8, old.flags);
        if (rest)
            put_le64(ob + 16, old.restorer);
        put_le64(ob + (rest ? 24 : 16), old.mask);
        if (copy_to_user(oact, ob, sz))
            return -EFAULT;
    }
    if (act) {
        struct ksigaction n = {0};
        n.handler = get_le64(buf);
        uint64_t known = KSA_NOCLDSTOP | KSA_NOCLDWAIT | KSA_SIGINFO | KSA_ONSTACK | KSA_RESTART |
                         KSA_NODEFER | KSA_RESETHAND | KSA_EXPOSE_TAGBITS |
                         (rest ? KSA_RESTORER : 0);
        n.flags = get_le64(buf + 8) & known;
        n.restorer = rest ? get_le64(buf + 16) : 0;
        n.mask = get_le64(buf + (rest ? 24 : 16)) & ~UNBLOCKABLE;
        actions[sig] = n;
        /* Setting SIG_IGN (or a default-ignore SIG_DFL) discards pending instances. */
        if (sig_ignored(sig)) {
            struct ksiginfo tmp;
            bool f;
            pthread_mutex_lock(&sig_lock);
            while (dequeue_q(&shared, sig, &tmp, &f))
                ;
            for (struct sigstate *t = threads; t; t = t->next)
                while (dequeue_q(&t->pending, sig, &tmp, &f))
                    ;
            pthread_mutex_unlock(&sig_lock);
        }
    }
    return 0;
}

SYSCALL(rt_sigprocmask)
{
    int how = (int)a0;
    if (a3 != 8)
        return -EINVAL;
    uint64_t old = cur_sig->blocked, set;
    if (a1) {
        if (get_user_u64(&set, a1))
            return -EFAULT;
        set &= ~UNBLOCKABLE;
        switch (how) {
        case 0: cur_sig->blocked |= set; break;         /* SIG_BLOCK */
        case 1: cur_sig->blocked &= ~set; break;        /* SIG_UNBLOCK */
        case 2: cur_sig->blocked = set; break;          /* SIG_SETMASK */
        default: return -EINVAL;
        }
    }
    if (a2 && put_user_u64(a2, old))
        return -EFAULT;
    return 0;
}

SYSCALL(rt_sigpending)
{
    if (a1 > 8)
        return -EINVAL;
    signal_host_drain();
    uint8_t b[8];
    put_le64(b, signal_pending_set() & cur_sig->blocked);
    return copy_to_user(a0, b, a1) ? -EFAULT : 0;
}

SYSCALL(rt_sigreturn)
{
    if (!kern->abi->rt_sigreturn) {
        signal_force_fault(c, SIGSEGV, KSI_KERNEL, 0, user_pc(c), 0);
        return -EJUSTRETURN;
    }
    int cur = 0;
    if (trace_events) {
        /* the signal whose frame this is: the innermost path in flight */
        struct sig_event e = {.sig = trace_current_signal()};
        cur = e.sig;
        trace_signal(c, SIG_SIGRETURN, &e);
    }
    c->cycles += timing_kernel_cost[KW_SIGRETURN];
    long r = kern->abi->rt_sigreturn(c);
    proc_restart_block(c)->fn = NULL;     /* do_no_restart_syscall */
    if (trace_events && r != -EFAULT) {
        struct sig_event e = {.sig = cur, .resume = user_pc(c)};
        trace_signal(c, SIG_RESTORED, &e);
    }
    if (r == -EFAULT) {
        signal_force_fault(c, SIGSEGV, KSI_KERNEL, 0, user_pc(c), 0);
        return -EJUSTRETURN;
    }
    return -EJUSTRETURN;
}

/* Called by the arch's rt_sigreturn with the frame's uc_sigmask and
 * uc_stack: the generic half of restore_sigcontext. */
void signal_restore_mask_and_stack(struct cpu *c, uint64_t mask, uint64_t ss_sp,
                                   uint32_t ss_flags, uint64_t ss_size)
{
    uint64_t sp = kern->abi->stack_pointer ? kern->abi->stack_pointer(c) : 0;
    cur_sig->blocked = mask & ~UNBLOCKABLE;
    /* restore_altstack: errors other than EFAULT are ignored */
    struct ksigaltstack n = {ss_sp, ss_size, ss_flags};
    if (!(ss_flags & KSS_DISABLE) && ss_size >= 2048 && !signal_on_altstack(sp))
        cur_sig->altstack = n;
    else if (ss_flags & KSS_DISABLE)
        cur_sig->altstack = (struct ksigaltstack){0, 0, KSS_DISABLE};
}

SYSCALL(sigaltstack)
{
    uint64_t sp = kern->abi->stack_pointer ? kern->abi->stack_pointer(c) : 0;
    struct ksigaltstack old = cur_sig->altstack;
    if (a0) {
        uint8_t b[24];
        if (copy_from_user(b, a0, 24))
            return -EFAULT;
        uint64_t ss_sp = get_le64(b), ss_size = get_le64(b + 16);
        uint32_t flags = get_le32(b + 8);
        if (signal_on_altstack(sp))
            return -EPERM;
        uint32_t mode = flags & ~KSS_AUTODISARM;
        if (mode != 0 && mode != KSS_ONSTACK && mode != KSS_DISABLE)
            return -EINVAL;
        if (mode == KSS_DISABLE) {
            cur_sig->altstack = (struct ksigaltstack){0, 0, flags};
        } else {
            uint64_t min = kern->abi->minsigstksz > 2048 ? kern->abi->minsigstksz : 2048;
            if (ss_size < min)
                return -ENOMEM;
            cur_sig->altstack = (struct ksigaltstack){ss_sp, ss_size, flags};
        }
    }
    if (a1) {
        uint8_t b[24] = {0};
        uint32_t fl = old.flags;
        if (old.size == 0 && !(fl & KSS_DISABLE))
            fl = KSS_DISABLE;
        else if (signal_on_altstack(sp))
            fl = KSS_ONSTACK | (fl & KSS_AUTODISARM);
        if (fl & KSS_DISABLE)
            put_le64(b, 0), put_le64(b + 16, 0);
        else
            put_le64(b, old.sp), put_le64(b + 16, old.size);
        put_le32(b + 8, fl);
        if (copy_to_user(a1, b, 24))
            return -EFAULT;
    }
    return 0;
}

/* tgkill to ourselves: a thread-directed signal. */
static long send_to_self_thread(int sig)
{
    if (sig == 0)
        return 0;
    struct ksiginfo si;
    siginfo_init(&si, sig, KSI_TKILL);
    put_le32(si.b + 0x10, (uint32_t)kern->pid);
    put_le32(si.b + 0x14, (uint32_t)getuid());
    return signal_send_thread(cur_sig->tid, sig, &si);
}

static long send_to_self(int sig, int code, int pid_field)
{
    if (sig == 0)
        return 0;
    if (check_sig((uint64_t)sig))
        return -EINVAL;
    struct ksiginfo si;
    siginfo_init(&si, sig, code);
    put_le32(si.b + 0x10, (uint32_t)pid_field);
    put_le32(si.b + 0x14, (uint32_t)getuid());
    signal_send(sig, &si);
    return 0;
}

SYSCALL(kill)
{
    int pid = (int)a0, sig = (int)a1;
    if (sig < 0 || sig > KNSIG)
        return -EINVAL;
    if (pid == kern->pid || pid == 0)
        return send_to_self(sig, KSI_USER, kern->pid);
    /* Another process (or a group): the host kernel delivers it. */
    return kill(pid, sig) ? -errno : 0;
}

static long tkill_common(int tid, int sig)
{
    if (tid == cur_sig->tid)
        return send_to_self_thread(sig);
    struct ksiginfo si;
    siginfo_init(&si, sig, KSI_TKILL);
    put_le32(si.b + 0x10, (uint32_t)kern->pid);
    put_le32(si.b + 0x14, (uint32_t)getuid());
    return signal_send_thread(tid, sig, &si);
}

SYSCALL(tgkill)
{
    int tgid = (int)a0, tid = (int)a1, sig = (int)a2;
    if (tgid <= 0 || tid <= 0 || sig < 0 || sig > KNSIG)
        return -EINVAL;
    if (tgid != kern->pid)
        return syscall(SYS_tgkill, tgid, tid, sig) ? -errno : 0;
    return tkill_common(tid, sig);
}

SYSCALL(tkill)
{
    int tid = (int)a0, sig = (int)a1;
    if (tid <= 0 || sig < 0 || sig > KNSIG)
        return -EINVAL;
    return tkill_common(tid, sig);
}
