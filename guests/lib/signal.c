/* Signal wrappers: convert the runtime's struct sigaction to the arch's
 * kernel layout (signals.md §1.3). */
#include "rt.h"

#if RT_KSA_HAS_RESTORER
void __restore_rt(void);
#endif

static long ret(long r)
{
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    /* 32 bytes even where the kernel struct is 24: qemu-user 7.2 reads and
     * writes 32 on riscv64/loongarch64 (signals.md §9); the spare word
     * stays 0 so it reads an empty mask there. */
    uint64_t k[4] = {0, 0, 0, 0}, o[4] = {0, 0, 0, 0};
    if (act) {
        k[0] = (uint64_t)act->sa_handler;
        k[1] = act->sa_flags;
#if RT_KSA_HAS_RESTORER
        k[1] |= SA_RESTORER;
        k[2] = (uint64_t)__restore_rt;
        k[3] = act->sa_mask;
#else
        k[2] = act->sa_mask;
#endif
    }
    long r = syscall4(SYS_rt_sigaction, sig, act ? (long)k : 0,
                      old ? (long)o : 0, 8);
    if (r < 0)
        return (int)ret(r);
    if (old) {
        old->sa_handler = (sighandler_t)o[0];
        old->sa_flags = o[1];
#if RT_KSA_HAS_RESTORER
        old->sa_flags &= ~(unsigned long)SA_RESTORER;
        old->sa_mask = o[3];
#else
        old->sa_mask = o[2];
#endif
    }
    return 0;
}

sighandler_t signal(int sig, sighandler_t h)
{
    struct sigaction sa, old;
    sa.sa_handler = h;
    sa.sa_flags = SA_RESTART;
    sa.sa_mask = 0;
    if (sigaction(sig, &sa, &old) < 0)
        return (sighandler_t)-1;
    return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    return (int)ret(syscall4(SYS_rt_sigprocmask, how, (long)set, (long)old, 8));
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
    return (int)ret(syscall2(SYS_sigaltstack, (long)ss, (long)old));
}
