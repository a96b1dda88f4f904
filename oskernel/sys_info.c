/* The system and the process as a whole: uname, sysinfo, resource usage
 * and limits, scheduling, getrandom, prctl.  Layouts (utsname, sysinfo,
 * rusage, tms, rlimit, cpu sets) are the host's on every 64-bit guest. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../sim/machine.h"
#include "sched.h"
#include "syscalls.h"

SYSCALL(uname)
{
    struct utsname u;
    if (uname(&u) < 0)
        return -errno;
    snprintf(u.machine, sizeof u.machine, "%s", kern->abi->cpu->name);
    return copy_to_user(a0, &u, sizeof u) ? -EFAULT : 0;
}

SYSCALL(sethostname) { return -EPERM; }
SYSCALL(setdomainname) { return -EPERM; }

SYSCALL(sysinfo)
{
    void *p = user_ptr(a0, sizeof(struct sysinfo), true);
    return p ? host_ret(syscall(SYS_sysinfo, p)) : -EFAULT;
}

SYSCALL(getrusage)
{
    void *p = user_ptr(a1, sizeof(struct rusage), true);
    return p ? host_ret(syscall(SYS_getrusage, (int)a0, p)) : -EFAULT;
}

SYSCALL(times)
{
    void *p = NULL;
    if (a0 && !(p = user_ptr(a0, sizeof(struct tms), true)))
        return -EFAULT;
    return host_ret(syscall(SYS_times, p));
}

/* ---- resource limits --------------------------------------------------------- */
/* The limits on memory are the guest's alone: applied to the host they
 * would bound trapeze's own arena.  The others are the host process's. */

static struct rlimit emu_rl[RLIM_NLIMITS];
static bool emu_rl_init[RLIM_NLIMITS];

static bool rl_emulated(unsigned res)
{
    return res == RLIMIT_AS || res == RLIMIT_DATA || res == RLIMIT_STACK;
}

static long prlimit_self(unsigned res, uint64_t gnew, uint64_t gold)
{
    if (res >= RLIM_NLIMITS)
        return -EINVAL;
    struct rlimit nl, ol;
    uint8_t b[16];
    if (gnew) {
        if (copy_from_user(b, gnew, 16))
            return -EFAULT;
        nl.rlim_cur = get_le64(b);
        nl.rlim_max = get_le64(b + 8);
    }
    if (!rl_emulated(res)) {
        if (syscall(SYS_prlimit64, 0, res, gnew ? &nl : NULL, gold ? &ol : NULL) < 0)
            return -errno;
    } else {
        if (!emu_rl_init[res]) {
            getrlimit((int)res, &emu_rl[res]);
            emu_rl_init[res] = true;
        }
        ol = emu_rl[res];
        if (gnew) {
            if (nl.rlim_cur > nl.rlim_max)
                return -EINVAL;
            if (nl.rlim_max > emu_rl[res].rlim_max && geteuid() != 0)
                return -EPERM;
            emu_rl[res] = nl;
        }
    }
    if (gold) {
        put_le64(b, ol.rlim_cur);
        put_le64(b + 8, ol.rlim_max);
        if (copy_to_user(gold, b, 16))
            return -EFAULT;
    }
    return 0;
}

SYSCALL(prlimit64)
{
    int pid = (int)a0;
    if (pid != 0 && pid != kern->pid) {
        void *nl = NULL, *ol = NULL;
        if ((a2 && !(nl = user_ptr(a2, 16, false))) || (a3 && !(ol = user_ptr(a3, 16, true))))
            return -EFAULT;
        return host_ret(syscall(SYS_prlimit64, pid, (unsigned)a1, nl, ol));
    }
    return prlimit_self((unsigned)a1, a2, a3);
}

SYSCALL(getrlimit) { return prlimit_self((unsigned)a0, 0, a1); }
SYSCALL(setrlimit) { return prlimit_self((unsigned)a0, a1, 0); }

/* ---- scheduling ----------------------------------------------------------------- */

/* A guest thread's affinity is its host thread's (the ids differ with
 * --deterministic). */
SYSCALL(sched_getaffinity)
{
    void *p = user_ptr(a2, a1, true);
    return p ? host_ret(syscall(SYS_sched_getaffinity, proc_host_tid((int)a0), a1, p)) : -EFAULT;
}

SYSCALL(sched_setaffinity)
{
    void *p = user_ptr(a2, a1, false);
    return p ? host_ret(syscall(SYS_sched_setaffinity, proc_host_tid((int)a0), a1, p)) : -EFAULT;
}

SYSCALL(sched_yield)
{
    if (sched_on())
        sched_yield_now(c);
    else
        sched_yield();
    return 0;
}

SYSCALL(sched_getscheduler) { return host_ret(syscall(SYS_sched_getscheduler, (int)a0)); }
SYSCALL(sched_get_priority_max) { return host_ret(syscall(SYS_sched_get_priority_max, (int)a0)); }
SYSCALL(sched_get_priority_min) { return host_ret(syscall(SYS_sched_get_priority_min, (int)a0)); }

SYSCALL(sched_getparam)
{
    void *p = user_ptr(a1, 4, true);
    return p ? host_ret(syscall(SYS_sched_getparam, (int)a0, p)) : -EFAULT;
}

SYSCALL(sched_setparam)
{
    void *p = user_ptr(a1, 4, false);
    return p ? host_ret(syscall(SYS_sched_setparam, (int)a0, p)) : -EFAULT;
}

SYSCALL(sched_setscheduler)
{
    void *p = user_ptr(a2, 4, false);
    return p ? host_ret(syscall(SYS_sched_setscheduler, (int)a0, (int)a1, p)) : -EFAULT;
}

SYSCALL(getpriority) { return host_ret(syscall(SYS_getpriority, (int)a0, (int)a1)); }
SYSCALL(setpriority) { return host_ret(syscall(SYS_setpriority, (int)a0, (int)a1, (int)a2)); }

SYSCALL(getcpu)
{
    void *cpu = NULL, *node = NULL;
    if ((a0 && !(cpu = user_ptr(a0, 4, true))) || (a1 && !(node = user_ptr(a1, 4, true))))
        return -EFAULT;
    if (sched_on()) {
        /* one guest thread runs at a time: say the first CPU it may use */
        cpu_set_t set;
        unsigned first = 0;
        if (sched_getaffinity(0, sizeof set, &set) == 0)
            while (first < CPU_SETSIZE - 1 && !CPU_ISSET(first, &set))
                first++;
        if ((a0 && put_user_u32(a0, first)) || (a1 && put_user_u32(a1, 0)))
            return -EFAULT;
        return 0;
    }
    return host_ret(syscall(SYS_getcpu, cpu, node, NULL));
}

/* ---- randomness ------------------------------------------------------------------ */

static uint64_t det_state = 0x74726170657a6521ull;    /* "trapeze!" */
static bool det_seeded;

static uint64_t splitmix64(void)
{
    if (!det_seeded) {      /* --seed moves the stream (seed 0: the historic one) */
        det_seeded = true;
        det_state += the_machine->seed * 0xd1b54a32d192ed03ull;
    }
    uint64_t z = (det_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void kernel_random_bytes(void *buf, size_t n)
{
    uint8_t *p = buf;
    if (the_machine && the_machine->deterministic) {
        while (n > 0) {
            uint64_t v = splitmix64();
            size_t k = n < 8 ? n : 8;
            memcpy(p, &v, k);
            p += k;
            n -= k;
        }
        return;
    }
    while (n > 0) {
        ssize_t r = getrandom(p, n, 0);
        if (r <= 0) {
            if (r < 0 && errno == EINTR)
                continue;
            return;
        }
        p += r;
        n -= (size_t)r;
    }
}

SYSCALL(getrandom)
{
    unsigned flags = (unsigned)a2;
    if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if ((flags & (GRND_RANDOM | GRND_INSECURE)) == (GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    size_t len = a1 > INT_MAX ? INT_MAX : a1, done = 0;
    uint8_t tmp[256];
    while (done < len) {
        size_t k = len - done < sizeof tmp ? len - done : sizeof tmp;
        kernel_random_bytes(tmp, k);
        if (copy_to_user(a0 + done, tmp, k))
            return done ? (long)done : -EFAULT;
        done += k;
    }
    return (long)done;
}

/* ---- odds and ends ---------------------------------------------------------------- */

SYSCALL(membarrier)
{
    return host_ret(syscall(SYS_membarrier, (int)a0, (unsigned)a1, (int)a2));
}

/* glibc registers rseq when the kernel has it and goes without otherwise. */
SYSCALL(rseq)
{
    return -ENOSYS;
}

/* The prctls that only touch the calling thread's own state pass to the
 * host; the rest could change trapeze itself (seccomp, mm) and are
 * refused as an old kernel would. */
SYSCALL(prctl)
{
    int op = (int)a0;
    switch (op) {
    case PR_SET_NAME: {
        char name[16] = { 0 };
        for (int i = 0; i < 15; i++) {
            if (copy_from_user(&name[i], a1 + (uint64_t)i, 1))
                return -EFAULT;
            if (!name[i])
                break;
        }
        return host_ret(prctl(PR_SET_NAME, name, 0, 0, 0));
    }
    case PR_GET_NAME: {
        char name[16];
        if (prctl(PR_GET_NAME, name, 0, 0, 0) < 0)
            return -errno;
        return copy_to_user(a1, name, 16) ? -EFAULT : 0;
    }
    case PR_GET_DUMPABLE:
    case PR_SET_DUMPABLE:
    case PR_GET_NO_NEW_PRIVS:
    case PR_SET_NO_NEW_PRIVS:
    case PR_CAPBSET_READ:
    case PR_GET_SECCOMP:
    case PR_SET_CHILD_SUBREAPER:
    case PR_GET_KEEPCAPS:
    case PR_SET_KEEPCAPS:
    case PR_GET_TIMERSLACK:
    case PR_SET_TIMERSLACK:
        return host_ret(prctl(op, a1, a2, a3, a4));
    case PR_GET_PDEATHSIG: {
        int sig;
        if (prctl(PR_GET_PDEATHSIG, &sig, 0, 0, 0) < 0)
            return -errno;
        return put_user_u32(a1, (uint32_t)sig) ? -EFAULT : 0;
    }
    default:
        return -EINVAL;
    }
}

static unsigned long persona;   /* PER_LINUX */

SYSCALL(personality)
{
    unsigned long old = persona;
    if ((uint32_t)a0 != 0xffffffffu)
        persona = (uint32_t)a0;
    return (long)old;
}
