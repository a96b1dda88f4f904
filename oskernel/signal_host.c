/* Forwarding host signals to the guest.  The handler only records the
 * signal and its sender and asks the CPU to stop at the next block
 * boundary; the kernel turns the record into a pending guest signal. */
#include <signal.h>
#include <string.h>

#include "../sim/machine.h"
#include "signal.h"
#include "signal_host.h"

static volatile sig_atomic_t arrived[KNSIG + 1];
static siginfo_t arrived_info[KNSIG + 1];
static volatile sig_atomic_t any_arrived;

static void on_host_signal(int sig, siginfo_t *si, void *uc)
{
    if (sig < 1 || sig > KNSIG)
        return;
    arrived_info[sig] = *si;
    arrived[sig] = 1;
    any_arrived = 1;
    engine_kick_all();
}

/* Signals trapeze keeps for itself: its own faults, and the ones whose
 * default action already does what the guest's would (SIGKILL, SIGSTOP
 * cannot be caught anyway). */
static bool forwarded(int sig)
{
    switch (sig) {
    case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
    case SIGKILL: case SIGSTOP: case SIGABRT: case SIGNAL_WAKE:
        return false;
    }
    /* glibc keeps 32 and 33 for itself on the host */
    return sig < 32 || sig > 33;
}

static void on_wake(int sig) { (void)sig; }

void signal_host_init(struct cpu *c)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_host_signal;
    sa.sa_flags = SA_SIGINFO;   /* no SA_RESTART: blocking host calls return EINTR */
    sigfillset(&sa.sa_mask);
    for (int s = 1; s <= KNSIG; s++) {
        if (!forwarded(s))
            continue;
        struct sigaction old;
        if (sigaction(s, NULL, &old) == 0 && old.sa_handler == SIG_IGN && s != SIGPIPE)
            continue;   /* inherited SIG_IGN: the guest inherits it too (nohup) */
        sigaction(s, &sa, NULL);
    }
    /* Waking a sleeping thread: the handler does nothing, the host
     * syscall it interrupts returns EINTR. */
    struct sigaction wake;
    memset(&wake, 0, sizeof wake);
    wake.sa_handler = on_wake;
    sigemptyset(&wake.sa_mask);
    sigaction(SIGNAL_WAKE, &wake, NULL);
    /* The guest's blocked mask lives in the guest kernel; the host lets
     * everything through so that we see it. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

void signal_host_drain(void)
{
    if (!any_arrived)
        return;
    any_arrived = 0;
    for (int s = 1; s <= KNSIG; s++) {
        if (!arrived[s])
            continue;
        arrived[s] = 0;
        siginfo_t hi = arrived_info[s];
        struct ksiginfo si;
        siginfo_init(&si, s, hi.si_code);
        if (hi.si_code == SI_TIMER) {
            put_le32(si.b + 0x10, (uint32_t)hi.si_timerid);
            put_le32(si.b + 0x14, (uint32_t)hi.si_overrun);
        } else {
            put_le32(si.b + 0x10, (uint32_t)hi.si_pid);
            put_le32(si.b + 0x14, (uint32_t)hi.si_uid);
        }
        if (hi.si_code == SI_QUEUE || hi.si_code == SI_TIMER)
            put_le64(si.b + 0x18, (uint64_t)(uintptr_t)hi.si_value.sival_ptr);
        if (s == SIGCHLD && hi.si_code > 0) {
            put_le32(si.b + 0x18, (uint32_t)hi.si_status);
            put_le64(si.b + 0x20, (uint64_t)hi.si_utime);
            put_le64(si.b + 0x28, (uint64_t)hi.si_stime);
        }
        signal_send(s, &si);
    }
}
