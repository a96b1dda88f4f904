/* Waits in pause() for SIGUSR1 from another process and reports what the
 * handler saw: the sender must be our parent (the test's shell), with
 * si_code SI_USER. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got, code, from_parent;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    got = sig;
    code = si->si_code;
    from_parent = si->si_pid == getppid();
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    printf("ready\n");
    fflush(stdout);
    while (!got)
        pause();
    printf("signal %d, si_code %d, sent by our parent: %s\n", (int)got, (int)code,
           from_parent ? "yes" : "no");
    return 0;
}
