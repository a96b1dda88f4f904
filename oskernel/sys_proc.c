/* Process and thread identity: ids, credentials, sessions, the per-thread
 * addresses Linux keeps (clear_child_tid, robust list), futexes.
 *
 * Guest threads are host threads with the host's thread ids (with
 * --deterministic, ids of their own: see sched.h), so the id and
 * credential syscalls are the host's.  The credential setters use the
 * raw syscall, which (as in Linux) changes only the calling thread; the
 * guest's libc makes every thread do it, as it does on Linux. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../sim/mem.h"
#include "sched.h"
#include "signal.h"
#include "syscalls.h"

/* ---- per-thread state --------------------------------------------------------- */

struct thread_state {
    struct cpu *c;
    int host_tid;
    uint64_t clear_child_tid;
    uint64_t robust_head, robust_len;
    struct krestart restart;
};

/* Pointers, so that a thread's state stays put while others come and go. */
static struct thread_state **threads;
static unsigned nthreads, capthreads;
static pthread_mutex_t threads_lock = PTHREAD_MUTEX_INITIALIZER;

/* The thread's state, created on first use; NULL if out of memory.
 * Called with threads_lock held. */
static struct thread_state *thread_of(struct cpu *c)
{
    for (unsigned i = 0; i < nthreads; i++)
        if (threads[i]->c == c)
            return threads[i];
    if (nthreads == capthreads) {
        unsigned cap = capthreads ? 2 * capthreads : 16;
        struct thread_state **t = realloc(threads, cap * sizeof *t);
        if (!t)
            return NULL;
        threads = t;
        capthreads = cap;
    }
    struct thread_state *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->c = c;
    threads[nthreads] = t;
    return threads[nthreads++];
}

uint64_t proc_clear_child_tid(struct cpu *c)
{
    pthread_mutex_lock(&threads_lock);
    struct thread_state *t = thread_of(c);
    uint64_t v = t ? t->clear_child_tid : 0;
    pthread_mutex_unlock(&threads_lock);
    return v;
}

void proc_set_clear_child_tid(struct cpu *c, uint64_t addr)
{
    pthread_mutex_lock(&threads_lock);
    struct thread_state *t = thread_of(c);
    if (t)
        t->clear_child_tid = addr;
    pthread_mutex_unlock(&threads_lock);
}

void proc_thread_gone(struct cpu *c)
{
    pthread_mutex_lock(&threads_lock);
    for (unsigned i = 0; i < nthreads; i++)
        if (threads[i]->c == c) {
            free(threads[i]);
            threads[i] = threads[--nthreads];
            break;
        }
    pthread_mutex_unlock(&threads_lock);
}

void proc_set_host_tid(struct cpu *c, int host_tid)
{
    pthread_mutex_lock(&threads_lock);
    struct thread_state *t = thread_of(c);
    if (t)
        t->host_tid = host_tid;
    pthread_mutex_unlock(&threads_lock);
}

int proc_host_tid(int tid)
{
    if (tid == 0)
        return 0;
    int h = tid;
    pthread_mutex_lock(&threads_lock);
    for (unsigned i = 0; i < nthreads; i++)
        if (threads[i]->c->tid == tid && threads[i]->host_tid)
            h = threads[i]->host_tid;
    pthread_mutex_unlock(&threads_lock);
    if (h == tid && tid == kern->pid)
        h = getpid();   /* the initial thread is the host's main thread */
    return h;
}

/* A thread's restart block.  Only the thread itself touches it. */
struct krestart *proc_restart_block(struct cpu *c)
{
    static struct krestart none;
    pthread_mutex_lock(&threads_lock);
    struct thread_state *t = thread_of(c);
    pthread_mutex_unlock(&threads_lock);
    return t ? &t->restart : &none;
}

long kernel_restart_syscall(struct cpu *c)
{
    struct krestart *r = proc_restart_block(c);
    long (*fn)(struct cpu *, struct krestart *) = r->fn;
    r->fn = NULL;
    return fn ? fn(c, r) : -EINTR;
}

static long my_tid(struct cpu *c)
{
    return c->tid ? c->tid : (long)syscall(SYS_gettid);
}

SYSCALL(set_tid_address)
{
    proc_set_clear_child_tid(c, a0);
    return my_tid(c);
}

#define ROBUST_LIST_HEAD_SIZE 24    /* struct robust_list_head, LP64 */

SYSCALL(set_robust_list)
{
    if (a1 != ROBUST_LIST_HEAD_SIZE)
        return -EINVAL;
    pthread_mutex_lock(&threads_lock);
    struct thread_state *t = thread_of(c);
    if (t) {
        t->robust_head = a0;
        t->robust_len = a1;
    }
    pthread_mutex_unlock(&threads_lock);
    return t ? 0 : -ENOMEM;
}

SYSCALL(get_robust_list)
{
    int pid = (int)a0;
    uint64_t head = 0;
    bool found = false;
    pthread_mutex_lock(&threads_lock);
    for (unsigned i = 0; i < nthreads; i++) {
        struct cpu *tc = threads[i]->c;
        if ((pid == 0 && tc == c) || (pid != 0 && tc->tid == pid)) {
            head = threads[i]->robust_head;
            found = true;
        }
    }
    pthread_mutex_unlock(&threads_lock);
    if (!found && pid != 0 && pid != my_tid(c))
        return -ESRCH;
    if (put_user_u64(a2, ROBUST_LIST_HEAD_SIZE) || put_user_u64(a1, head))
        return -EFAULT;
    return 0;
}

/* ---- ids ------------------------------------------------------------------------ */

SYSCALL(getpid) { return kern->pid; }
/* A forked child knows its parent by the id the parent saw for itself
 * (they differ with --deterministic), while that parent lives. */
static int parent_guest_pid, parent_host_pid;

void proc_forked(int parent_pid)
{
    parent_guest_pid = parent_pid;
    parent_host_pid = getppid();
}

SYSCALL(getppid)
{
    int h = getppid();
    return parent_host_pid && h == parent_host_pid ? parent_guest_pid : h;
}
SYSCALL(gettid) { return my_tid(c); }
SYSCALL(getuid) { return (long)syscall(SYS_getuid); }
SYSCALL(geteuid) { return (long)syscall(SYS_geteuid); }
SYSCALL(getgid) { return (long)syscall(SYS_getgid); }
SYSCALL(getegid) { return (long)syscall(SYS_getegid); }
SYSCALL(setuid) { return host_ret(syscall(SYS_setuid, (uid_t)a0)); }
SYSCALL(setgid) { return host_ret(syscall(SYS_setgid, (gid_t)a0)); }
SYSCALL(setreuid) { return host_ret(syscall(SYS_setreuid, (uid_t)a0, (uid_t)a1)); }
SYSCALL(setregid) { return host_ret(syscall(SYS_setregid, (gid_t)a0, (gid_t)a1)); }
SYSCALL(setresuid) { return host_ret(syscall(SYS_setresuid, (uid_t)a0, (uid_t)a1, (uid_t)a2)); }
SYSCALL(setresgid) { return host_ret(syscall(SYS_setresgid, (gid_t)a0, (gid_t)a1, (gid_t)a2)); }
SYSCALL(setfsuid) { return (long)syscall(SYS_setfsuid, (uid_t)a0); }
SYSCALL(setfsgid) { return (long)syscall(SYS_setfsgid, (gid_t)a0); }

static long getres(uint64_t r, uint64_t e, uint64_t s, bool gid)
{
    unsigned v[3];
    if (syscall(gid ? SYS_getresgid : SYS_getresuid, &v[0], &v[1], &v[2]) < 0)
        return -errno;
    if (put_user_u32(r, v[0]) || put_user_u32(e, v[1]) || put_user_u32(s, v[2]))
        return -EFAULT;
    return 0;
}

SYSCALL(getresuid) { return getres(a0, a1, a2, false); }
SYSCALL(getresgid) { return getres(a0, a1, a2, true); }

SYSCALL(getgroups)
{
    int size = (int)a0;
    if (size < 0)
        return -EINVAL;
    void *p = user_ptr(a1, (size_t)size * 4, true);
    return p ? host_ret(syscall(SYS_getgroups, size, p)) : -EFAULT;
}

SYSCALL(setgroups)
{
    int size = (int)a0;
    if (size < 0)
        return -EINVAL;
    void *p = user_ptr(a1, (size_t)size * 4, false);
    return p ? host_ret(syscall(SYS_setgroups, size, p)) : -EFAULT;
}

SYSCALL(getpgid) { return host_ret(getpgid((pid_t)a0)); }
SYSCALL(setpgid) { return host_ret(setpgid((pid_t)a0, (pid_t)a1)); }
SYSCALL(getsid) { return host_ret(getsid((pid_t)a0)); }
SYSCALL(setsid) { return host_ret(setsid()); }
SYSCALL(getpgrp) { return host_ret(getpgid(0)); }

SYSCALL(capget)
{
    void *hdr = user_ptr(a0, 8, true), *data = NULL;
    if (!hdr || (a1 && !(data = user_ptr(a1, 24, true))))
        return -EFAULT;
    return host_ret(syscall(SYS_capget, hdr, data));
}

SYSCALL(capset)
{
    void *hdr = user_ptr(a0, 8, true), *data = NULL;
    if (!hdr || (a1 && !(data = user_ptr(a1, 24, false))))
        return -EFAULT;
    return host_ret(syscall(SYS_capset, hdr, data));
}

/* ---- futex: the host's, on the arena's addresses -------------------------------- */
/* Guest threads are host threads sharing the arena, so a host futex on the
 * host address of the guest word is the guest's futex.  With
 * --deterministic, futexes are the scheduler's wait queues (sched.c). */
SYSCALL(futex)
{
    int cmd = (int)a1 & FUTEX_CMD_MASK;
    if (sched_on())
        return sched_futex(c, a0, (int)a1, (uint32_t)a2, a3, a4, (uint32_t)a5);
    void *uaddr = user_ptr(a0, 4, cmd == FUTEX_WAKE_OP), *uaddr2 = NULL;
    if (!uaddr)
        return -EFAULT;
    uint64_t timeout = a3;      /* a pointer, or val2 for some commands */
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
    case FUTEX_LOCK_PI:
    case FUTEX_LOCK_PI2:
    case FUTEX_WAIT_REQUEUE_PI:
        if (a3) {
            void *ts = user_ptr(a3, 16, false);
            if (!ts)
                return -EFAULT;
            timeout = (uint64_t)(uintptr_t)ts;
        }
        break;
    }
    switch (cmd) {
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
    case FUTEX_CMP_REQUEUE_PI:
    case FUTEX_WAIT_REQUEUE_PI:
        if (!(uaddr2 = user_ptr(a4, 4, true)))
            return -EFAULT;
        break;
    }
    long r = syscall(SYS_futex, uaddr, (int)a1, (uint32_t)a2, timeout, uaddr2, (uint32_t)a5);
    if (r == -1 && errno == EINTR) {
        /* As Linux: an untimed wait restarts under SA_RESTART; a timed
         * one (a restart block in Linux) only when no handler runs. */
        return a3 && cmd != FUTEX_LOCK_PI && cmd != FUTEX_LOCK_PI2 ? -ERESTARTNOHAND
                                                                  : -ERESTARTSYS;
    }
    return host_ret(r);
}

/* A shared-futex wake from the kernel itself (thread exit). */
void proc_futex_wake(uint64_t uaddr, int n)
{
    if (sched_on()) {
        sched_futex_wake(uaddr, n);
        return;
    }
    if (uaddr < guest_mem->size - 4)
        syscall(SYS_futex, guest_mem->base + uaddr, FUTEX_WAKE, n, NULL, NULL, 0);
}

/* ---- robust futex lists at thread exit (kernel/futex/core.c) ------------------------- */

#define ROBUST_LIST_LIMIT 2048
#define FUTEX_TID_MASK_ 0x3fffffffu
#define FUTEX_WAITERS_ 0x80000000u
#define FUTEX_OWNER_DIED_ 0x40000000u

/* handle_futex_death: the dying owner's lock gets FUTEX_OWNER_DIED and
 * one waiter is woken. */
static void futex_death(uint64_t uaddr, uint32_t tid, bool pi, bool pending)
{
    for (int tries = 0; tries < 100; tries++) {
        uint32_t uval;
        if (uaddr & 3 || get_user_u32(&uval, uaddr))
            return;
        if (pending && !pi && !uval) {
            proc_futex_wake(uaddr, 1);
            return;
        }
        if ((uval & FUTEX_TID_MASK_) != tid)
            return;
        uint32_t nv = (uval & FUTEX_WAITERS_) | FUTEX_OWNER_DIED_, seen = uval;
        if (cmpxchg_user_u32(uaddr, &seen, nv))
            return;
        if (seen != uval)
            continue;       /* changed under us: look again */
        if (!pi && (uval & FUTEX_WAITERS_))
            proc_futex_wake(uaddr, 1);
        return;
    }
}

/* exit_robust_list: walk the list the thread registered; each entry's
 * low bit says whether its lock is a PI one. */
void proc_exit_robust_list(struct cpu *c)
{
    pthread_mutex_lock(&threads_lock);
    struct thread_state *t = thread_of(c);
    uint64_t head = t ? t->robust_head : 0;
    pthread_mutex_unlock(&threads_lock);
    uint64_t entry, off, pending;
    if (!head || get_user_u64(&entry, head) || get_user_u64(&off, head + 8) ||
        get_user_u64(&pending, head + 16))
        return;
    uint32_t tid = (uint32_t)c->tid;
    bool pi = entry & 1, pip = pending & 1;
    entry &= ~1ull;
    pending &= ~1ull;
    for (int limit = ROBUST_LIST_LIMIT; entry != head && limit > 0; limit--) {
        uint64_t next;
        int bad = get_user_u64(&next, entry);
        if (entry != pending)
            futex_death(entry + off, tid, pi, false);
        if (bad)
            return;
        pi = next & 1;
        entry = next & ~1ull;
    }
    if (pending)
        futex_death(pending + off, tid, pip, true);
}

/* ---- fork and vfork are clones ----------------------------------------------------- */

SYSCALL(fork)
{
    return sys_clone(c, SIGCHLD, 0, 0, 0, 0, 0);
}

SYSCALL(vfork)
{
    return sys_clone(c, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0, 0);
}
