/* Signal conformance, through glibc: realtime queueing and delivery order,
 * sigqueue and POSIX-timer siginfo, SIGCHLD siginfo, interval timers and
 * alarm interrupting a busy loop, SA_RESTART against EINTR, sigsuspend,
 * default actions as wait statuses, a fault inside its own handler, and a
 * corrupted sigreturn. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int order[32], norder;
static int values[32];

static void record(int sig, siginfo_t *si, void *uc)
{
    if (norder < 32) {
        values[norder] = si->si_code == SI_QUEUE ? si->si_value.sival_int : -1;
        order[norder++] = sig;
    }
}

static void on(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void rt_order(void)
{
    sigset_t all, old;
    sigemptyset(&all);
    int sigs[] = {SIGUSR2, SIGRTMIN + 1, SIGUSR1, SIGRTMIN, SIGRTMIN + 1, SIGRTMIN};
    for (unsigned i = 0; i < 6; i++) {
        on(sigs[i], record, 0);
        sigaddset(&all, sigs[i]);
    }
    sigprocmask(SIG_BLOCK, &all, &old);
    for (unsigned i = 0; i < 6; i++)
        sigqueue(getpid(), sigs[i], (union sigval){.sival_int = (int)i * 10});
    kill(getpid(), SIGUSR1);        /* coalesces with the queued one */
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("delivery order:");
    for (int i = 0; i < norder; i++)
        printf(" %s%d(%d)", order[i] >= SIGRTMIN ? "RTMIN+" : "", order[i] >= SIGRTMIN ? order[i] - SIGRTMIN : order[i], values[i]);
    printf("\n");
}

static volatile sig_atomic_t ticks;
static void tick(int sig) { ticks++; }

static void timers(void)
{
    signal(SIGALRM, tick);
    struct itimerval it = {{0, 20000}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    volatile unsigned long spin = 0;
    while (ticks < 3)
        spin++;
    it = (struct itimerval){{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &it, NULL);
    printf("setitimer interrupted a busy loop: %s\n", ticks >= 3 ? "yes" : "no");
    ticks = 0;
    alarm(1);
    while (!ticks)
        spin++;
    printf("alarm fired: yes, remaining %u\n", alarm(0));
}

static volatile int timer_sig, timer_code, timer_val;
static void on_timer(int sig, siginfo_t *si, void *uc)
{
    timer_sig = sig;
    timer_code = si->si_code;
    timer_val = si->si_value.sival_int;
}

static void posix_timer(void)
{
    on(SIGRTMIN + 3, on_timer, 0);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN + 3;
    ev.sigev_value.sival_int = 4242;
    timer_t t;
    if (timer_create(CLOCK_MONOTONIC, &ev, &t)) {
        printf("timer_create: %s\n", strerror(errno));
        return;
    }
    struct itimerspec its = {{0, 0}, {0, 10000000}};
    timer_settime(t, 0, &its, NULL);
    while (!timer_sig)
        pause();
    printf("timer: signal RTMIN+%d, SI_TIMER %s, value %d\n", timer_sig - SIGRTMIN,
           timer_code == SI_TIMER ? "yes" : "no", timer_val);
    timer_delete(t);
}

static volatile pid_t chld_pid;
static volatile int chld_code, chld_status;
static void on_chld(int sig, siginfo_t *si, void *uc)
{
    chld_pid = si->si_pid;
    chld_code = si->si_code;
    chld_status = si->si_status;
}

static void sigchld(void)
{
    on(SIGCHLD, on_chld, 0);
    pid_t p = fork();
    if (p == 0)
        _exit(42);
    while (!chld_pid)
        pause();
    waitpid(p, NULL, 0);
    printf("SIGCHLD: from the child %s, CLD_EXITED %s, status %d\n", chld_pid == p ? "yes" : "no",
           chld_code == CLD_EXITED ? "yes" : "no", chld_status);
    signal(SIGCHLD, SIG_DFL);
}

static void restart(int flags, const char *name)
{
    int fd[2];
    pipe(fd);
    pid_t p = fork();
    if (p == 0) {
        usleep(300000);
        write(fd[1], "x", 1);
        _exit(0);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = tick;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &it, NULL);
    char c;
    ssize_t r = read(fd[0], &c, 1);
    int e = errno;
    printf("%s: read returned %zd%s%s\n", name, r, r < 0 ? " " : "", r < 0 ? strerror(e) : "");
    waitpid(p, NULL, 0);
    close(fd[0]);
    close(fd[1]);
}

static void suspend(void)
{
    sigset_t b, old, none;
    sigemptyset(&b);
    sigaddset(&b, SIGUSR1);
    sigprocmask(SIG_BLOCK, &b, &old);
    norder = 0;
    on(SIGUSR1, record, 0);
    kill(getpid(), SIGUSR1);
    printf("pending while blocked: %d\n", norder);
    sigemptyset(&none);
    int r = sigsuspend(&none);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("sigsuspend: %d %s, handler ran %d, mask restored: %s\n", r, strerror(errno), norder,
           sigismember(&now, SIGUSR1) ? "yes" : "no");
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void status_of(const char *what, int st)
{
    if (WIFEXITED(st))
        printf("%-30s exited %d\n", what, WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        printf("%-30s killed by signal %d%s\n", what, WTERMSIG(st), WCOREDUMP(st) ? " (core)" : "");
    else
        printf("%-30s status 0x%x\n", what, st);
}

/* An address no program maps (the first pages stay unmapped). */
static volatile int *volatile bad_ptr = (volatile int *)8;

static void segv_again(int sig) { *bad_ptr = 1; }

static void child_does(const char *what, int how)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        switch (how) {
        case 0: kill(getpid(), SIGTERM); break;
        case 1: kill(getpid(), SIGKILL); break;
        case 2: signal(SIGSEGV, segv_again); *bad_ptr = 1; break;
        case 3: signal(SIGINT, SIG_IGN); kill(getpid(), SIGINT); _exit(5);
        case 4: syscall(SYS_rt_sigreturn); break;
        case 5: signal(SIGUSR2, SIG_DFL); raise(SIGUSR2); break;
        }
        _exit(99);
    }
    int st;
    waitpid(p, &st, 0);
    status_of(what, st);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    rt_order();
    timers();
    posix_timer();
    sigchld();
    restart(0, "without SA_RESTART");
    restart(SA_RESTART, "with SA_RESTART");
    suspend();
    child_does("SIGTERM, default action", 0);
    child_does("SIGKILL", 1);
    child_does("fault inside its own handler", 2);
    child_does("ignored SIGINT", 3);
    child_does("sigreturn without a frame", 4);
    child_does("SIGUSR2, default action", 5);
    return 0;
}
