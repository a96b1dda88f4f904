/* Signal syscalls that wait or queue: rt_sigsuspend, pause,
 * rt_sigtimedwait, rt_sigqueueinfo, rt_tgsigqueueinfo; interval timers,
 * alarm and POSIX timers (the host's timers, whose signals the host
 * delivers to trapeze and trapeze forwards); restart_syscall. */
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "sched.h"
#include "signal.h"
#include "signal_host.h"
#include "syscalls.h"

/* The monotonic clock: the host's, or the virtual one (--deterministic). */
static void mono_now(struct cpu *c, struct timespec *ts)
{
    if (sched_on()) {
        uint64_t ns = sched_now(c);
        ts->tv_sec = (time_t)(ns / 1000000000);
        ts->tv_nsec = (long)(ns % 1000000000);
    } else {
        clock_gettime(CLOCK_MONOTONIC, ts);
    }
}

/* Sleep until a host signal arrives, unless a guest signal that `wake`
 * cares about is already pending; no wake-up is lost in between because
 * the host signals stay blocked until the atomic sigsuspend/ppoll.  With
 * --deterministic the wait is the scheduler's, on its virtual clock. */
static int wait_for_signal(uint64_t wake, const struct timespec *timeout)
{
    if (sched_on()) {
        if (signal_pending_set() & wake)
            return -1;
        struct cpu *c = cur_sig->cpu;
        uint64_t dl = SCHED_NEVER;
        if (timeout)
            dl = sched_now(c) + (uint64_t)timeout->tv_sec * 1000000000 + (uint64_t)timeout->tv_nsec;
        return sched_block(c, dl, wake) == SW_TIMEOUT ? 0 : -1;
    }
    sigset_t all, none, old;
    sigfillset(&all);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &all, &old);
    int r = 0;
    if (!(signal_pending_set() & wake))
        r = ppoll(NULL, 0, timeout, &none);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return r;       /* 0: timed out; -1 (EINTR): a signal came */
}

SYSCALL(rt_sigsuspend)
{
    if (a1 != 8)
        return -EINVAL;
    uint64_t mask;
    if (get_user_u64(&mask, a0))
        return -EFAULT;
    cur_sig->saved_mask = cur_sig->blocked;
    cur_sig->restore_saved_mask = true;
    cur_sig->blocked = mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    while (!signal_pending())
        wait_for_signal(~cur_sig->blocked | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP), NULL);
    return -ERESTARTNOHAND;
}

SYSCALL(pause)
{
    while (!signal_pending())
        wait_for_signal(~cur_sig->blocked | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP), NULL);
    return -ERESTARTNOHAND;
}

SYSCALL(rt_sigtimedwait)
{
    if (a3 != 8)
        return -EINVAL;
    uint64_t set;
    if (get_user_u64(&set, a0))
        return -EFAULT;
    set &= ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    struct timespec ts, *tp = NULL;
    struct timespec deadline;
    if (a2) {
        uint8_t b[16];
        if (copy_from_user(b, a2, 16))
            return -EFAULT;
        int64_t s = (int64_t)get_le64(b), ns = (int64_t)get_le64(b + 8);
        if (s < 0 || ns < 0 || ns >= 1000000000)
            return -EINVAL;
        mono_now(c, &deadline);
        deadline.tv_sec += s;
        deadline.tv_nsec += ns;
        if (deadline.tv_nsec >= 1000000000)
            deadline.tv_sec++, deadline.tv_nsec -= 1000000000;
        tp = &ts;
    }
    for (;;) {
        struct ksiginfo info;
        int sig = signal_dequeue_from(set, &info);
        if (sig) {
            if (a1 && copy_to_user(a1, info.b, sizeof info.b))
                return -EFAULT;
            return sig;
        }
        /* a signal that is not waited for and not blocked interrupts */
        if (signal_pending())
            return -EINTR;
        if (tp) {
            struct timespec now;
            mono_now(c, &now);
            int64_t left = (deadline.tv_sec - now.tv_sec) * 1000000000LL + (deadline.tv_nsec - now.tv_nsec);
            if (left <= 0)
                return -EAGAIN;
            ts.tv_sec = left / 1000000000;
            ts.tv_nsec = left % 1000000000;
        }
        if (wait_for_signal(set | ~cur_sig->blocked, tp) == 0 && tp && !signal_pending_set())
            return -EAGAIN;
    }
}

/* rt_sigqueueinfo / rt_tgsigqueueinfo: the caller supplies the siginfo. */
static long queue_info(int pid, int sig, uint64_t uinfo)
{
    if (sig < 0 || sig > KNSIG)
        return -EINVAL;
    struct ksiginfo si;
    if (copy_from_user(si.b, uinfo, sizeof si.b))
        return -EFAULT;
    int code = (int)get_le32(si.b + 8);
    if (pid != kern->pid) {
        /* Not ourselves: Linux allows only codes that cannot pass for the
         * kernel's; the host kernel checks the rest. */
        if (code >= 0 || code == KSI_TKILL)
            return -EPERM;
        siginfo_t hi;
        memcpy(&hi, si.b, sizeof hi);
        hi.si_signo = sig;
        return syscall(SYS_rt_sigqueueinfo, pid, sig, &hi) ? -errno : 0;
    }
    if (sig == 0)
        return 0;
    put_le32(si.b, (uint32_t)sig);
    signal_send(sig, &si);
    return 0;
}

SYSCALL(rt_sigqueueinfo)
{
    return queue_info((int)a0, (int)a1, a2);
}

SYSCALL(rt_tgsigqueueinfo)
{
    if ((int)a0 <= 0 || (int)a1 <= 0)
        return -EINVAL;
    if ((int)a0 != kern->pid || (int)a1 != kern->pid)
        return -ESRCH;
    return queue_info((int)a0, (int)a2, a3);
}

/* ---- timers: the host's, with the same layouts on every 64-bit guest ---- */
/* With --deterministic, ITIMER_REAL and alarm run on the scheduler's
 * virtual clock instead (sched.h); the other timers stay the host's. */

static uint64_t tv_ns(const struct timeval *tv)
{
    return (uint64_t)tv->tv_sec * 1000000000 + (uint64_t)tv->tv_usec * 1000;
}

static struct timeval ns_tv(uint64_t ns)
{
    return (struct timeval){(time_t)(ns / 1000000000), (suseconds_t)(ns % 1000000000 / 1000)};
}

SYSCALL(setitimer)
{
    struct itimerval nv, ov;
    if (a1 && copy_from_user(&nv, a1, sizeof nv))
        return -EFAULT;
    _Static_assert(sizeof nv == 32, "itimerval");
    if (sched_on() && (int)a0 == ITIMER_REAL) {
        if (a1 && (nv.it_value.tv_sec < 0 || nv.it_value.tv_usec < 0 ||
                   nv.it_value.tv_usec >= 1000000 || nv.it_interval.tv_sec < 0 ||
                   nv.it_interval.tv_usec < 0 || nv.it_interval.tv_usec >= 1000000))
            return -EINVAL;
        uint64_t n[2], o[2];
        if (a1)
            n[0] = tv_ns(&nv.it_value), n[1] = tv_ns(&nv.it_interval);
        sched_itimer_real(c, a1 ? n : NULL, o);
        ov.it_value = ns_tv(o[0]);
        ov.it_interval = ns_tv(o[1]);
    } else if (syscall(SYS_setitimer, (int)a0, a1 ? &nv : NULL, &ov)) {
        return -errno;
    }
    if (a2 && copy_to_user(a2, &ov, sizeof ov))
        return -EFAULT;
    return 0;
}

SYSCALL(getitimer)
{
    struct itimerval v;
    if (sched_on() && (int)a0 == ITIMER_REAL) {
        uint64_t o[2];
        sched_itimer_real(c, NULL, o);
        v.it_value = ns_tv(o[0]);
        v.it_interval = ns_tv(o[1]);
    } else if (syscall(SYS_getitimer, (int)a0, &v)) {
        return -errno;
    }
    return copy_to_user(a1, &v, sizeof v) ? -EFAULT : 0;
}

SYSCALL(alarm)
{
    if (!sched_on())
        return alarm((unsigned)a0);
    uint64_t n[2] = {(uint64_t)(unsigned)a0 * 1000000000, 0}, o[2];
    sched_itimer_real(c, n, o);
    /* alarm_setitimer: never 0 for a pending alarm, rounded to nearest */
    uint64_t s = o[0] / 1000000000, ns = o[0] % 1000000000;
    if ((!s && ns) || ns >= 500000000)
        s++;
    return (long)s;
}

SYSCALL(timer_create)
{
    struct sigevent ev, *evp = NULL;
    _Static_assert(sizeof ev == 64, "sigevent");
    if (a1) {
        if (copy_from_user(&ev, a1, sizeof ev))
            return -EFAULT;
        evp = &ev;
    }
    int id;
    if (syscall(SYS_timer_create, (clockid_t)a0, evp, &id))
        return -errno;
    if (put_user_u32(a2, (uint32_t)id)) {
        syscall(SYS_timer_delete, id);
        return -EFAULT;
    }
    return 0;
}

SYSCALL(timer_settime)
{
    struct itimerspec nv, ov;
    if (copy_from_user(&nv, a2, sizeof nv))
        return -EFAULT;
    if (syscall(SYS_timer_settime, (int)a0, (int)a1, &nv, &ov))
        return -errno;
    if (a3 && copy_to_user(a3, &ov, sizeof ov))
        return -EFAULT;
    return 0;
}

SYSCALL(timer_gettime)
{
    struct itimerspec v;
    if (syscall(SYS_timer_gettime, (int)a0, &v))
        return -errno;
    return copy_to_user(a1, &v, sizeof v) ? -EFAULT : 0;
}

SYSCALL(timer_getoverrun)
{
    long r = syscall(SYS_timer_getoverrun, (int)a0);
    return r < 0 ? -errno : r;
}

SYSCALL(timer_delete)
{
    return syscall(SYS_timer_delete, (int)a0) ? -errno : 0;
}

SYSCALL(restart_syscall)
{
    return kernel_restart_syscall(c);
}
