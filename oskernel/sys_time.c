/* Clocks, sleeps and timerfds.  timespec, timeval, timezone and itimerspec
 * have the host's layout on every 64-bit guest, so the host syscalls write
 * straight into guest memory (user_ptr).
 *
 * With --deterministic (machine->deterministic) the guest's clocks run on
 * the scheduler's virtual clock instead (sched.h: retired instructions of
 * whichever thread runs, one per nanosecond, and sleeps that jump ahead),
 * and the wall clock starts at SCHED_REALTIME_EPOCH, so two runs read the
 * same times; sleeps end on that clock, not the host's. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "../sim/machine.h"
#include "sched.h"
#include "signal.h"
#include "syscalls.h"

#define DET_EPOCH SCHED_REALTIME_EPOCH

static bool deterministic(void)
{
    return the_machine && the_machine->deterministic;
}

/* The deterministic clocks; false for clocks that stay the host's. */
static bool det_clock(struct cpu *c, int clk, int64_t *sec, int64_t *nsec)
{
    uint64_t ns = sched_now(c);
    switch (clk) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
    case CLOCK_TAI:
        *sec = DET_EPOCH + (int64_t)(ns / 1000000000);
        break;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
        *sec = (int64_t)(ns / 1000000000);
        break;
    default:
        return false;
    }
    *nsec = (int64_t)(ns % 1000000000);
    return true;
}

static long put_timespec(uint64_t addr, int64_t sec, int64_t nsec)
{
    uint8_t b[16];
    put_le64(b, (uint64_t)sec);
    put_le64(b + 8, (uint64_t)nsec);
    return copy_to_user(addr, b, 16) ? -EFAULT : 0;
}

SYSCALL(clock_gettime)
{
    int64_t s, ns;
    if (deterministic() && det_clock(c, (int)a0, &s, &ns))
        return put_timespec(a1, s, ns);
    struct timespec ts;
    if (syscall(SYS_clock_gettime, (clockid_t)a0, &ts) < 0)
        return -errno;
    return put_timespec(a1, ts.tv_sec, ts.tv_nsec);
}

SYSCALL(clock_getres)
{
    struct timespec ts;
    if (syscall(SYS_clock_getres, (clockid_t)a0, &ts) < 0)
        return -errno;
    if (deterministic() && ts.tv_sec == 0 && det_clock(c, (int)a0, &(int64_t){0}, &(int64_t){0}))
        ts.tv_nsec = 1;
    return a1 ? put_timespec(a1, ts.tv_sec, ts.tv_nsec) : 0;
}

SYSCALL(gettimeofday)
{
    if (a0) {
        int64_t s, ns;
        struct timespec ts;
        if (deterministic() && det_clock(c, CLOCK_REALTIME, &s, &ns)) {
            ts.tv_sec = s;
            ts.tv_nsec = ns;
        } else {
            clock_gettime(CLOCK_REALTIME, &ts);
        }
        if (put_timespec(a0, ts.tv_sec, ts.tv_nsec / 1000))
            return -EFAULT;
    }
    if (a1) {
        /* the kernel's sys_tz, which the host kernel keeps */
        struct timezone tz;
        if (syscall(SYS_gettimeofday, NULL, &tz) < 0)
            return -errno;
        uint8_t b[8];
        put_le32(b, (uint32_t)tz.tz_minuteswest);
        put_le32(b + 4, (uint32_t)tz.tz_dsttime);
        if (copy_to_user(a1, b, 8))
            return -EFAULT;
    }
    return 0;
}

SYSCALL(time)
{
    int64_t s, ns;
    if (!(deterministic() && det_clock(c, CLOCK_REALTIME, &s, &ns)))
        s = (int64_t)time(NULL);
    if (a0 && put_user_u64(a0, (uint64_t)s))
        return -EFAULT;
    return (long)s;
}

/* ---- sleeps ------------------------------------------------------------- */
/* A relative sleep becomes a sleep until an absolute deadline, so that an
 * interrupted one can continue (restart_syscall) or report the time left
 * exactly as Linux does (kernel/time/hrtimer.c, do_nanosleep). */

static int get_timespec(struct timespec *ts, uint64_t addr)
{
    uint8_t b[16];
    if (copy_from_user(b, addr, 16))
        return -EFAULT;
    int64_t sec = (int64_t)get_le64(b), nsec = (int64_t)get_le64(b + 8);
    if (sec < 0 || nsec < 0 || nsec >= 1000000000)
        return -EINVAL;
    ts->tv_sec = (time_t)sec;
    ts->tv_nsec = (long)nsec;
    return 0;
}

static long sleep_restart(struct cpu *c, struct krestart *r);

/* The time on `clock` now: the host's, or the virtual one. */
static int clock_now(struct cpu *c, int clock, struct timespec *ts)
{
    int64_t s, ns;
    if (deterministic() && det_clock(c, clock, &s, &ns)) {
        ts->tv_sec = (time_t)s;
        ts->tv_nsec = (long)ns;
        return 0;
    }
    return clock_gettime(clock, ts);
}

/* --deterministic: block on the virtual clock until the deadline on
 * `clock`; 0 when it came, -EINTR when a signal ended the wait. */
static long det_sleep(struct cpu *c, int clock, struct timespec deadline)
{
    int64_t s, ns;
    if (!det_clock(c, clock, &s, &ns))
        return -EINVAL;
    int64_t off = (int64_t)sched_now(c) - (s * 1000000000 + ns);     /* clock -> virtual */
    int64_t d = (int64_t)deadline.tv_sec * 1000000000 + deadline.tv_nsec + off;
    if (d <= (int64_t)sched_now(c))
        return 0;
    if (signal_pending())
        return -EINTR;
    uint64_t wake = ~cur_sig->blocked | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP);
    return sched_block(c, (uint64_t)d, wake) == SW_TIMEOUT ? 0 : -EINTR;
}

static long sleep_until(struct cpu *c, int clock, struct timespec deadline, uint64_t rmtp)
{
    long r;
    if (deterministic()) {
        r = det_sleep(c, clock, deadline);
        if (r != -EINTR)
            return r;
        r = -1;
        errno = EINTR;
    } else {
        r = syscall(SYS_clock_nanosleep, clock, TIMER_ABSTIME, &deadline, NULL);
    }
    if (r == 0)
        return 0;
    if (errno != EINTR)
        return -errno;
    struct timespec now;
    clock_now(c, clock, &now);
    int64_t left = ((int64_t)deadline.tv_sec - now.tv_sec) * 1000000000 +
                   (deadline.tv_nsec - now.tv_nsec);
    if (left <= 0)
        return 0;
    if (rmtp && put_timespec(rmtp, left / 1000000000, left % 1000000000))
        return -EFAULT;
    struct krestart *rb = proc_restart_block(c);
    rb->fn = sleep_restart;
    rb->clock = clock;
    rb->sec = deadline.tv_sec;
    rb->nsec = deadline.tv_nsec;
    rb->rmtp = rmtp;
    return -ERESTART_RESTARTBLOCK;
}

static long sleep_restart(struct cpu *c, struct krestart *r)
{
    struct timespec d = { .tv_sec = (time_t)r->sec, .tv_nsec = (long)r->nsec };
    return sleep_until(c, r->clock, d, r->rmtp);
}

static long sleep_for(struct cpu *c, int clock, struct timespec req, uint64_t rmtp)
{
    /* A relative sleep does not move with the wall clock: Linux times it
     * on the monotonic base whatever clock was named. */
    if (clock == CLOCK_REALTIME || clock == CLOCK_TAI)
        clock = CLOCK_MONOTONIC;
    struct timespec now;
    if (clock_now(c, clock, &now) < 0)
        return -EINVAL;
    struct timespec d = { .tv_sec = now.tv_sec + req.tv_sec, .tv_nsec = now.tv_nsec + req.tv_nsec };
    if (d.tv_nsec >= 1000000000) {
        d.tv_sec++;
        d.tv_nsec -= 1000000000;
    }
    return sleep_until(c, clock, d, rmtp);
}

SYSCALL(nanosleep)
{
    struct timespec req;
    int e = get_timespec(&req, a0);
    if (e)
        return e;
    return sleep_for(c, CLOCK_MONOTONIC, req, a1);
}

SYSCALL(clock_nanosleep)
{
    int clock = (int)a0;
    if (clock == CLOCK_THREAD_CPUTIME_ID)
        return -EINVAL;
    struct timespec req;
    int e = get_timespec(&req, a2);
    if (e)
        return e;
    if (a1 & TIMER_ABSTIME) {
        if (deterministic()) {
            long r = det_sleep(c, clock, req);
            return r == -EINTR ? -ERESTARTNOHAND : r;
        }
        long r = syscall(SYS_clock_nanosleep, clock, TIMER_ABSTIME, &req, NULL);
        if (r == 0)
            return 0;
        return errno == EINTR ? -ERESTARTNOHAND : -errno;
    }
    /* check the clock as the host sees it before computing a deadline */
    long r = syscall(SYS_clock_nanosleep, clock, TIMER_ABSTIME, &(struct timespec){ 0, 0 }, NULL);
    if (r < 0 && errno != EINTR)
        return -errno;
    return sleep_for(c, clock, req, a3);
}

SYSCALL(timerfd_create)
{
    return host_ret(timerfd_create((int)a0, (int)a1));
}

SYSCALL(timerfd_settime)
{
    if (kernel_fd_is_internal((int)a0))
        return -EBADF;
    void *nv = user_ptr(a2, 32, false), *ov = NULL;
    if (!nv || (a3 && !(ov = user_ptr(a3, 32, true))))
        return -EFAULT;
    return host_ret(syscall(SYS_timerfd_settime, (int)a0, (int)a1, nv, ov));
}

SYSCALL(timerfd_gettime)
{
    if (kernel_fd_is_internal((int)a0))
        return -EBADF;
    void *cv = user_ptr(a1, 32, true);
    if (!cv)
        return -EFAULT;
    return host_ret(syscall(SYS_timerfd_gettime, (int)a0, cv));
}
