/* Signals meeting syscalls: EINTR versus SA_RESTART on a blocking read,
 * nanosleep's remaining time, rt_sigsuspend, rt_sigtimedwait,
 * rt_sigqueueinfo.  A periodic ITIMER_REAL tick makes the interruptions
 * happen whatever the speed of the machine. */
#include "rt.h"

struct itimerval { long i_sec, i_usec, v_sec, v_usec; };

static volatile int ticks, write_at, pipe_w = -1, last_code, last_value, usr1;

static void on_alrm(int sig)
{
    ticks++;
    if (write_at && ticks == write_at)
        write(pipe_w, "!", 1);
}

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    usr1++;
    last_code = si->si_code;
    last_value = si->kill.si_status;      /* si_value's int, at 0x18 */
}

static void timer(long usec)
{
    struct itimerval it = {0, usec, 0, usec};
    syscall3(SYS_setitimer, 0, (long)&it, 0);
}

static void handle(int sig, void *fn, unsigned long flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = (sighandler_t)fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, 0);
}

int main(void)
{
    int p[2];
    char c;
    pipe(p);
    pipe_w = p[1];

    handle(SIGALRM, on_alrm, 0);
    ticks = 0;
    timer(20000);
    long r = read(p[0], &c, 1);
    timer(0);
    printf("read without SA_RESTART: %ld %s, ticks >= 1: %s\n", r,
           r < 0 ? strerror(errno) : "", ticks >= 1 ? "yes" : "no");

    handle(SIGALRM, on_alrm, SA_RESTART);
    ticks = 0;
    write_at = 3;
    timer(20000);
    r = read(p[0], &c, 1);
    timer(0);
    printf("read with SA_RESTART: %ld '%c', ticks >= 3: %s\n", r, r == 1 ? c : '?',
           ticks >= 3 ? "yes" : "no");
    write_at = 0;

    struct timespec req = {10, 0}, rem = {0, 0};
    timer(20000);
    int n = nanosleep(&req, &rem);
    timer(0);
    printf("nanosleep with SA_RESTART: %d %s, rem in (0, 10s): %s\n", n,
           n < 0 ? strerror(errno) : "",
           (rem.tv_sec > 0 || rem.tv_nsec > 0) && rem.tv_sec < 10 ? "yes" : "no");
    handle(SIGALRM, SIG_IGN, 0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, 0);
    sigset_t block = 0, empty = 0, cur;
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, 0);
    raise(SIGUSR1);
    printf("before sigsuspend: handler ran %d\n", usr1);
    r = syscall2(SYS_rt_sigsuspend, (long)&empty, 8);
    sigprocmask(SIG_SETMASK, 0, &cur);
    printf("rt_sigsuspend: %ld, handler ran %d, SIGUSR1 blocked again: %s\n", r, usr1,
           sigismember(&cur, SIGUSR1) ? "yes" : "no");

    /* Queue with a value while blocked, then take it with sigtimedwait. */
    siginfo_t qi;
    memset(&qi, 0, sizeof qi);
    qi.si_signo = SIGUSR1;
    qi.si_code = -1;                      /* SI_QUEUE */
    qi.si_pid = getpid();
    qi.kill.si_status = 4321;
    r = syscall3(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, (long)&qi);
    printf("rt_sigqueueinfo: %ld\n", r);
    siginfo_t got;
    memset(&got, 0, sizeof got);
    struct timespec zero = {0, 0};
    r = syscall4(SYS_rt_sigtimedwait, (long)&block, (long)&got, (long)&zero, 8);
    printf("rt_sigtimedwait: %ld code %d value %d, handler not run: %s\n", r, got.si_code,
           got.kill.si_status, usr1 == 1 ? "yes" : "no");
    struct timespec ten = {0, 10000000};
    r = syscall4(SYS_rt_sigtimedwait, (long)&block, (long)&got, (long)&ten, 8);
    printf("rt_sigtimedwait, nothing pending: %ld\n", r);

    /* Delivered to the handler when unblocked: the value comes along. */
    syscall3(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, (long)&qi);
    sigprocmask(SIG_UNBLOCK, &block, 0);
    printf("after unblock: handler ran %d, code %d value %d\n", usr1, last_code, last_value);

    return 0;
}
