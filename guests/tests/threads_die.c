/* How a threaded process ends, seen by its parent through wait4: a fault
 * in one thread kills them all, exit_group from any thread ends the
 * group with its status, and when every thread leaves with exit(2) the
 * status is the last one's, even after the leader has gone. */
#include "rt.h"

static volatile int forever;

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    syscall2(SYS_nanosleep, (long)&ts, 0);
}

static void *group_exit(void *arg)
{
    sleep_ms(5);
    for (;;)
        syscall1(SYS_exit_group, (long)arg);
}

static void *faults(void *arg)
{
    sleep_ms(5);
    *(volatile int *)8 = 1;
    return 0;
}

/* The leader's set_tid_address word: cleared and woken when it is gone. */
static volatile int leader = 1;

static void *leaves_late(void *arg)
{
    while (__atomic_load_n(&leader, __ATOMIC_ACQUIRE))
        futex(&leader, FUTEX_WAIT, 1, 0, 0, 0);
    for (;;)
        syscall1(SYS_exit, 9);
}

/* Run `body` in a child process and show how the child ended. */
static void in_child(const char *what, void (*body)(void))
{
    long pid = syscall5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) {
        body();
        syscall1(SYS_exit_group, 100);
    }
    int st = 0;
    if (syscall4(SYS_wait4, pid, (long)&st, 0, 0) != pid)
        printf("%s: wait4 failed\n", what);
    else if ((st & 0x7f) == 0)
        printf("%s: exited %d\n", what, (st >> 8) & 0xff);
    else
        printf("%s: killed by signal %d\n", what, st & 0x7f);
}

static void wait_forever(void)
{
    for (;;)
        futex(&forever, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
}

static void exit_group_from_thread(void)
{
    thread_t t;
    thread_create(&t, group_exit, (void *)42);
    wait_forever();
}

static void fault_in_thread(void)
{
    thread_t t;
    thread_create(&t, faults, 0);
    wait_forever();
}

static void leader_leaves_first(void)
{
    thread_t t;
    syscall1(SYS_set_tid_address, (long)&leader);
    thread_create(&t, leaves_late, 0);
    for (;;)
        syscall1(SYS_exit, 3);
}

static void leader_leaves_then_group_exit(void)
{
    thread_t t;
    thread_create(&t, group_exit, (void *)6);
    for (;;)
        syscall1(SYS_exit, 3);
}

int main(void)
{
    in_child("exit_group(42) from a thread", exit_group_from_thread);
    in_child("a thread stores to address 8", fault_in_thread);
    in_child("leader exit(3), then the last thread exit(9)", leader_leaves_first);
    in_child("leader exit(3), then exit_group(6) from a thread", leader_leaves_then_group_exit);
    return 0;
}
