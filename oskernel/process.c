/* Processes: clone (as fork), execve, wait4, waitid.
 *
 * A guest process is a trapeze process.  fork is the host's fork: the
 * arena is a private mapping, so the child gets a copy-on-write copy of
 * the guest's memory, its shared mappings stay shared, and its descriptors
 * are inherited, exactly as Linux would do for the guest.  execve runs a
 * fresh trapeze on the new program, so any guest CPU can exec any other;
 * the wait status of a child (exit code, or death by the same signal) is
 * the one the host reports. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../sim/machine.h"
#include "../sim/mem.h"
#include "loader.h"
#include "sched.h"
#include "signal.h"
#include "signal_host.h"
#include "syscalls.h"

#define GCLONE_VM 0x00000100ull
#define GCLONE_SIGHAND_FLAG 0x00000800ull
#define GCLONE_PIDFD 0x00001000ull
#define GCLONE_VFORK 0x00004000ull
#define GCLONE_PARENT 0x00008000ull
#define GCLONE_THREAD 0x00010000ull
#define GCLONE_SETTLS 0x00080000ull
#define GCLONE_PARENT_SETTID 0x00100000ull
#define GCLONE_CHILD_CLEARTID 0x00200000ull
#define GCLONE_CHILD_SETTID 0x01000000ull
#define GCLONE_CLEAR_SIGHAND 0x100000000ull
#define GCLONE_INTO_CGROUP 0x200000000ull

/* Options to give a re-executed trapeze (set by main). */
static char **reexec_opts;
void kernel_set_reexec_opts(char **opts) { reexec_opts = opts; }

/* A new guest thread: a copy of this CPU on a new host thread, in the
 * same address space, returning 0 from clone on its new stack. */
struct thread_start {
    struct cpu *c;
    uint64_t flags, ptid, ctid;
    int tid;                    /* published by the child */
    struct thread_start *next;
};

/* Threads being started, found by their CPU (several threads may clone
 * at once). */
static struct thread_start *starting;
static pthread_mutex_t starting_lock = PTHREAD_MUTEX_INITIALIZER;

static void starting_remove(struct thread_start *ts)
{
    pthread_mutex_lock(&starting_lock);
    for (struct thread_start **pp = &starting; *pp; pp = &(*pp)->next)
        if (*pp == ts) {
            *pp = ts->next;
            break;
        }
    pthread_mutex_unlock(&starting_lock);
}

static long clone_thread(struct cpu *c, uint64_t flags, uint64_t newsp, uint64_t ptid,
                         uint64_t ctid, uint64_t tls)
{
    if (!(flags & GCLONE_VM) || !(flags & GCLONE_SIGHAND_FLAG))
        return -EINVAL;     /* CLONE_THREAD needs CLONE_SIGHAND, which needs CLONE_VM */
    struct cpu *child = machine_clone_cpu(c);
    if (!child)
        return -ENOMEM;
    if (signal_thread_new(child)) {
        machine_forget_cpu(child);
        return -ENOMEM;
    }
    kern->abi->syscall_return(child, 0);
    if (newsp && kern->abi->set_stack_pointer)
        kern->abi->set_stack_pointer(child, newsp);
    if ((flags & GCLONE_SETTLS) && kern->abi->set_tls)
        kern->abi->set_tls(child, tls);
    struct thread_start ts = {child, flags, ptid, ctid, 0, NULL};
    /* --deterministic: ids in creation order, not the host's */
    child->tid = sched_on() ? sched_thread_new(c, child) : 0;
    pthread_mutex_lock(&starting_lock);
    ts.next = starting;
    starting = &ts;
    pthread_mutex_unlock(&starting_lock);
    int r = machine_start_thread(child);
    if (r) {
        starting_remove(&ts);
        if (sched_on())
            sched_thread_forget(child);
        signal_thread_exit(child);
        machine_forget_cpu(child);
        return r;
    }
    /* the child publishes its tid before it runs guest code */
    while (!__atomic_load_n(&ts.tid, __ATOMIC_ACQUIRE))
        syscall(SYS_futex, &ts.tid, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    return ts.tid;
}

/* First thing on a new guest thread's host thread (sim/machine.c). */
void kernel_thread_start(struct cpu *c)
{
    pthread_mutex_lock(&starting_lock);
    struct thread_start *ts = starting;
    while (ts && ts->c != c)
        ts = ts->next;
    pthread_mutex_unlock(&starting_lock);
    starting_remove(ts);
    int host_tid = (int)syscall(SYS_gettid);
    int tid = c->tid ? c->tid : host_tid;
    c->tid = tid;
    proc_set_host_tid(c, host_tid);
    signal_thread_start(c, tid);
    /* Both tid words are written before the child runs guest code, as
     * Linux does: written later by the parent, PARENT_SETTID could land
     * after a quick child has exited and cleared the same word. */
    if (ts->flags & GCLONE_PARENT_SETTID)
        put_user_u32(ts->ptid, (uint32_t)tid);
    if (ts->flags & GCLONE_CHILD_SETTID)
        put_user_u32(ts->ctid, (uint32_t)tid);
    if (ts->flags & GCLONE_CHILD_CLEARTID)
        proc_set_clear_child_tid(c, ts->ctid);
    __atomic_store_n(&ts->tid, tid, __ATOMIC_RELEASE);
    syscall(SYS_futex, &ts->tid, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    /* ts is gone now (it lives on the parent's stack) */
    if (sched_on())
        sched_thread_begin(c);
}

/* A guest thread ends (exit, or the last step of exit_group in others).
 * As Linux's do_exit: the last thread's exit ends the process with its
 * status; otherwise the robust futex list is walked (exit_robust_list),
 * then the CLONE_CHILD_CLEARTID word is zeroed and woken (mm_release). */
_Noreturn void kernel_thread_exit(struct cpu *c, int code)
{
    if (machine_thread_leaving() == 0)
        kernel_exit_group(c, code);
    proc_exit_robust_list(c);
    uint64_t ctid = proc_clear_child_tid(c);
    if (ctid && put_user_u32(ctid, 0) == 0)
        proc_futex_wake(ctid, 1);
    proc_thread_gone(c);
    signal_thread_exit(c);
    machine_thread_exit(c);
}

/* clone and clone3 after their arguments are read (kernel_clone). */
static long do_clone(struct cpu *c, uint64_t flags, uint64_t newsp, uint64_t ptid, uint64_t ctid,
                     uint64_t tls, uint64_t pidfd_addr)
{
    /* copy_process: threads share the handlers, which needs one mm */
    if (((flags & GCLONE_THREAD) && !(flags & GCLONE_SIGHAND_FLAG)) ||
        ((flags & GCLONE_SIGHAND_FLAG) && !(flags & GCLONE_VM)))
        return -EINVAL;
    if (flags & GCLONE_THREAD)
        return clone_thread(c, flags, newsp, ptid, ctid, tls);
    /* vfork: the parent sleeps until the child execs or exits, which
     * closes the child's end of this close-on-exec pipe.  (The child
     * works on a copy of the address space instead of the parent's.) */
    int vfork_pipe[2] = {-1, -1};
    if ((flags & GCLONE_VFORK) && pipe2(vfork_pipe, O_CLOEXEC))
        return -errno;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        long e = -errno;
        if (vfork_pipe[0] >= 0)
            close(vfork_pipe[0]), close(vfork_pipe[1]);
        return e;
    }
    if (pid > 0) {
        if (flags & GCLONE_PARENT_SETTID)
            put_user_u32(ptid, (uint32_t)pid);
        if (flags & GCLONE_PIDFD) {
            int fd = (int)syscall(SYS_pidfd_open, pid, 0);
            if (fd >= 0 && put_user_u32(pidfd_addr, (uint32_t)fd))
                close(fd);
        }
        if (vfork_pipe[0] >= 0) {
            close(vfork_pipe[1]);
            char b;
            while (read(vfork_pipe[0], &b, 1) < 0 && errno == EINTR)
                ;
            close(vfork_pipe[0]);
        }
        return pid;
    }
    /* the child */
    if (vfork_pipe[0] >= 0)
        close(vfork_pipe[0]);
    proc_forked(kern->pid);
    kern->pid = getpid();
    sched_forked(c);
    if (flags & GCLONE_CLEAR_SIGHAND)
        signal_clear_handlers();
    if (flags & GCLONE_CHILD_SETTID)
        put_user_u32(ctid, (uint32_t)kern->pid);
    if (flags & GCLONE_CHILD_CLEARTID)
        proc_set_clear_child_tid(c, ctid);
    if ((flags & GCLONE_SETTLS) && kern->abi->set_tls)
        kern->abi->set_tls(c, tls);
    if (newsp && kern->abi->set_stack_pointer)
        kern->abi->set_stack_pointer(c, newsp);
    return 0;
}

SYSCALL(clone)
{
    uint64_t flags = a0 & 0xffffffffull, newsp = a1, ptid = a2, tls = a3, ctid = a4;
    if (kern->abi->clone_tls_last) {
        ctid = a3;
        tls = a4;
    }
    /* CLONE_PIDFD puts the fd where the parent's tid would go */
    if ((flags & GCLONE_PIDFD) && ((flags & GCLONE_PARENT_SETTID) || (flags & GCLONE_THREAD)))
        return -EINVAL;
    return do_clone(c, flags, newsp, ptid, ctid, tls, ptid);
}

/* struct clone_args (include/uapi/linux/sched.h): 64 bytes in its first
 * version, 88 with set_tid and cgroup. */
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_ARGS_SIZE_VER2 88

SYSCALL(clone3)
{
    uint64_t size = a1;
    if (size < CLONE_ARGS_SIZE_VER0)
        return -EINVAL;
    if (size > 4096)
        return -E2BIG;
    uint8_t b[CLONE_ARGS_SIZE_VER2] = {0};
    if (copy_from_user(b, a0, size < sizeof b ? size : sizeof b))
        return -EFAULT;
    /* copy_struct_from_user: a newer caller's extra fields must be zero */
    for (uint64_t off = sizeof b; off < size; off++) {
        uint8_t x;
        if (copy_from_user(&x, a0 + off, 1))
            return -EFAULT;
        if (x)
            return -E2BIG;
    }
    uint64_t flags = get_le64(b), pidfd = get_le64(b + 8), child_tid = get_le64(b + 16),
             parent_tid = get_le64(b + 24), exit_signal = get_le64(b + 32),
             stack = get_le64(b + 40), stack_size = get_le64(b + 48), tls = get_le64(b + 56),
             set_tid = get_le64(b + 64), set_tid_size = get_le64(b + 72);
    /* copy_clone_args_from_user and clone3_args_valid */
    if (set_tid_size > 32 || (!set_tid && set_tid_size) || (set_tid && !set_tid_size))
        return -EINVAL;
    if (exit_signal > 64)
        return -EINVAL;
    if ((flags & GCLONE_INTO_CGROUP) && size < CLONE_ARGS_SIZE_VER2)
        return -EINVAL;
    if (flags & ~(0xffffffffull | GCLONE_CLEAR_SIGHAND | GCLONE_INTO_CGROUP))
        return -EINVAL;
    if ((flags & GCLONE_SIGHAND_FLAG) && (flags & GCLONE_CLEAR_SIGHAND))
        return -EINVAL;
    if ((flags & (GCLONE_THREAD | GCLONE_PARENT)) && exit_signal)
        return -EINVAL;
    if (!stack != !stack_size)
        return -EINVAL;
    /* the CSIGNAL bits (but CLONE_NEWTIME) and CLONE_DETACHED are not flags here */
    if ((flags & 0x0040007full) || ((flags & GCLONE_PIDFD) && (flags & GCLONE_THREAD)))
        return -EINVAL;
    if (set_tid_size)
        return -EPERM;      /* choosing pids takes CAP_SYS_ADMIN in the pid namespace */
    if (flags & GCLONE_INTO_CGROUP)
        return -EINVAL;     /* no cgroups here */
    /* stacks grow down on every CPU trapeze runs */
    uint64_t newsp = stack ? stack + stack_size : 0;
    return do_clone(c, flags, newsp, parent_tid, child_tid, tls, pidfd);
}

static void free_strv(char **v)
{
    if (!v)
        return;
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

/* A guest char *[] into a host NULL-terminated array. */
static long copy_strv(uint64_t gv, char ***out)
{
    size_t n = 0, cap = 16;
    char **v = calloc(cap, sizeof *v);
    if (!v)
        return -ENOMEM;
    for (; gv; n++) {
        uint64_t p;
        if (get_user_u64(&p, gv + n * 8)) {
            free_strv(v);
            return -EFAULT;
        }
        if (!p)
            break;
        if (n + 2 > cap) {
            char **nv = realloc(v, (cap *= 2) * sizeof *v);
            if (!nv || cap > 1u << 20) {
                free(nv ? nv : v);
                return -E2BIG;
            }
            v = nv;
        }
        char buf[131072];
        long len = strncpy_from_user(buf, p, sizeof buf);
        if (len < 0) {
            v[n] = NULL;
            free_strv(v);
            return len == -ENAMETOOLONG ? -E2BIG : len;
        }
        v[n] = strdup(buf);
        v[n + 1] = NULL;
    }
    v[n] = NULL;
    *out = v;
    return 0;
}

/* Host dispositions and mask as the new program must inherit them. */
static void prepare_host_signals_for_exec(void)
{
    for (int s = 1; s < 32; s++) {
        if (s == SIGKILL || s == SIGSTOP)
            continue;
        struct ksigaction ka;
        signal_get_action(s, &ka);
        signal(s, ka.handler == 1 ? SIG_IGN : SIG_DFL);
    }
    sigset_t m;
    sigemptyset(&m);
    for (int s = 1; s < 32; s++)
        if (cur_sig->blocked & SIGBIT(s))
            sigaddset(&m, s);
    sigprocmask(SIG_SETMASK, &m, NULL);
}

/* search_binary_handler: an ELF program for a CPU trapeze runs, or a #!
 * script; anything else is -ENOEXEC, decided before the old image goes. */
static long exec_format_ok(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    char head[4] = {0};
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    if (n >= 2 && head[0] == '#' && head[1] == '!')
        return 0;
    if (n < 4 || memcmp(head, "\177ELF", 4))
        return -ENOEXEC;
    uint16_t em;
    char err[256];
    if (loader_probe(path, &em, err, sizeof err) || !arch_by_elf(em))
        return -ENOEXEC;
    return 0;
}

SYSCALL(execve)
{
    char gpath[4096], hpath[4200];
    long r = get_user_path(a0, hpath, sizeof hpath);
    if (r)
        return r;
    long n = strncpy_from_user(gpath, a0, sizeof gpath);
    if (n < 0)
        return n;
    if (access(hpath, F_OK))
        return -errno;
    if (access(hpath, X_OK))
        return -EACCES;
    r = exec_format_ok(hpath);
    if (r)
        return r;
    char **argv = NULL, **envp = NULL;
    if ((r = copy_strv(a1, &argv)) || (r = copy_strv(a2, &envp))) {
        free_strv(argv);
        return r;
    }
    size_t nopt = 0, nargs = 0;
    while (reexec_opts && reexec_opts[nopt])
        nopt++;
    while (argv[nargs])
        nargs++;
    char **hv = calloc(nopt + nargs + 8, sizeof *hv);
    size_t k = 0;
    hv[k++] = "trapeze";
    for (size_t i = 0; i < nopt; i++)
        hv[k++] = reexec_opts[i];
    if (nargs) {
        hv[k++] = "-0";
        hv[k++] = argv[0];
    }
    hv[k++] = "--";
    hv[k++] = hpath;
    for (size_t i = 1; i < nargs; i++)
        hv[k++] = argv[i];
    hv[k] = NULL;
    fflush(NULL);
    prepare_host_signals_for_exec();
    execve("/proc/self/exe", hv, envp);
    r = -errno;
    /* still here: back to the way the guest had it */
    signal_host_init(c);
    free(hv);
    free_strv(argv);
    free_strv(envp);
    return r;
}

/* struct rusage has the same layout on every 64-bit Linux (144 bytes). */
static int put_rusage(uint64_t addr, const struct rusage *ru)
{
    _Static_assert(sizeof(struct rusage) == 144, "rusage layout");
    return addr ? copy_to_user(addr, ru, sizeof *ru) : 0;
}

SYSCALL(wait4)
{
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid_t r = wait4((pid_t)a0, &status, (int)a2, &ru);
    if (r < 0)
        return errno == EINTR ? -ERESTARTSYS : -errno;
    if (r > 0 && a1 && put_user_u32(a1, (uint32_t)status))
        return -EFAULT;
    if (r > 0 && put_rusage(a3, &ru))
        return -EFAULT;
    return r;
}

SYSCALL(waitid)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    long r = syscall(SYS_waitid, (int)a0, (pid_t)a1, &si, (int)a3, &ru);
    if (r < 0)
        return errno == EINTR ? -ERESTARTSYS : -errno;
    /* The host's siginfo is the generic 128-byte layout every guest uses. */
    _Static_assert(sizeof si == 128, "siginfo layout");
    if (a2 && copy_to_user(a2, &si, sizeof si))
        return -EFAULT;
    if (put_rusage(a4, &ru))
        return -EFAULT;
    return 0;
}
