/* Signal delivery through guests/lib's sigaction: faults caught and
 * resumed with longjmp, kill/tgkill info, masks and pending signals,
 * the alternate stack, SA_RESETHAND, SA_NODEFER.  Per-arch si_codes differ
 * (signals.md): they are printed, and the reference run shows them. */
#include "rt.h"

static jmp_buf jb;
static volatile int hits, last_sig, last_code, pid_ok, on_alt, armed;
static char *alt_lo, *alt_hi;

static void handler(int sig, siginfo_t *si, void *uc)
{
    char local;
    hits++;
    last_sig = sig;
    last_code = si->si_code;
    pid_ok = si->si_code <= 0 && si->si_pid == getpid();
    on_alt = &local >= alt_lo && &local < alt_hi;
    if (sig == SIGSEGV || sig == SIGILL || sig == SIGTRAP) {
        if (!armed) {       /* not one of ours: die of it, do not loop */
            signal(sig, SIG_DFL);
            return;
        }
        armed = 0;
        longjmp(jb, 1);
    }
}

static void install(int sig, unsigned long flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | flags;
    if (sigaction(sig, &sa, 0) < 0)
        printf("sigaction %d: %s\n", sig, strerror(errno));
}

static void report(const char *what)
{
    printf("%-28s hits %d sig %d code %d\n", what, hits, last_sig, last_code);
    hits = 0;
    last_sig = last_code = 0;
}

int main(void)
{
    sigset_t m;
    install(SIGSEGV, SA_NODEFER);
    install(SIGILL, SA_NODEFER);
    install(SIGTRAP, SA_NODEFER);
    if (setjmp(jb) == 0 && (armed = 1))
        *(volatile int *)8 = 1;
    report("store to address 8");
    if (setjmp(jb) == 0 && (armed = 1))
        rt_trap_illegal();
    report("illegal instruction");
    if (setjmp(jb) == 0 && (armed = 1))
        rt_trap_breakpoint();
    report("breakpoint");
    /* Without SA_NODEFER the signal stays blocked after a longjmp. */
    install(SIGSEGV, 0);
    if (setjmp(jb) == 0 && (armed = 1))
        *(volatile int *)16 = 1;
    report("fault, default defer");
    sigprocmask(SIG_SETMASK, 0, &m);
    printf("SIGSEGV blocked after longjmp: %s\n", sigismember(&m, SIGSEGV) ? "yes" : "no");
    sigemptyset(&m);
    sigprocmask(SIG_SETMASK, &m, 0);

    install(SIGUSR1, 0);
    kill(getpid(), SIGUSR1);
    report("kill SIGUSR1");
    printf("si_pid is ours: %s\n", pid_ok ? "yes" : "no");
    raise(SIGUSR1);
    report("tgkill SIGUSR1");
    printf("si_pid is ours: %s\n", pid_ok ? "yes" : "no");

    /* Blocked: stays pending until unblocked, delivered once. */
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigprocmask(SIG_BLOCK, &m, 0);
    raise(SIGUSR1);
    raise(SIGUSR1);
    report("while blocked");
    sigset_t pend = 0;
    syscall2(SYS_rt_sigpending, (long)&pend, 8);
    printf("pending SIGUSR1: %s\n", sigismember(&pend, SIGUSR1) ? "yes" : "no");
    sigprocmask(SIG_UNBLOCK, &m, 0);
    report("after unblock");

    /* Alternate stack. */
    size_t sz = 64 * 1024;
    alt_lo = malloc(sz);
    alt_hi = alt_lo + sz;
    stack_t ss = {alt_lo, 0, sz}, old;
    printf("sigaltstack: %d\n", sigaltstack(&ss, &old));
    printf("old altstack disabled: %s\n", old.ss_flags == SS_DISABLE ? "yes" : "no");
    install(SIGUSR2, SA_ONSTACK);
    raise(SIGUSR2);
    report("SA_ONSTACK");
    printf("ran on the altstack: %s\n", on_alt ? "yes" : "no");
    install(SIGUSR2, 0);
    raise(SIGUSR2);
    printf("without SA_ONSTACK on the altstack: %s\n", on_alt ? "yes" : "no");
    hits = 0;
    stack_t small = {alt_lo, 0, 512};
    printf("tiny altstack: %d %s\n", sigaltstack(&small, 0), strerror(errno));
    stack_t dis = {0, SS_DISABLE, 0};
    sigaltstack(&dis, 0);
    sigaltstack(0, &old);
    printf("disabled: flags %d\n", old.ss_flags);

    /* SA_RESETHAND: the second one takes the default action (ignore for
     * SIGCHLD, so the program lives on). */
    install(SIGCHLD, SA_RESETHAND);
    raise(SIGCHLD);
    raise(SIGCHLD);
    report("SA_RESETHAND x2");
    struct sigaction cur;
    sigaction(SIGCHLD, 0, &cur);
    printf("handler reset: %s\n", cur.sa_handler == SIG_DFL ? "yes" : "no");

    /* Errors. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    printf("sigaction SIGKILL: %d %s\n", sigaction(SIGKILL, &sa, 0), strerror(errno));
    printf("sigaction 65: %d %s\n", sigaction(65, &sa, 0), strerror(errno));
    printf("rt_sigprocmask size 4: %ld\n", syscall4(SYS_rt_sigprocmask, SIG_BLOCK, (long)&m, 0, 4));
    printf("kill(0 signal): %d\n", kill(getpid(), 0));

    /* Ignored signal: nothing happens. */
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    report("ignored");
    return 0;
}
