/* The syscall table, indexed by generic number (syscalls.h), and weak
 * stand-ins for the syscalls other files will provide. */
#include <sys/mman.h>

#include "syscalls.h"

/* Known syscalls trapeze does not implement: named, so that messages and
 * --strace can say which one the guest asked for; the kernel answers them
 * with -ENOSYS. */
#define SYSCALLS_UNIMPLEMENTED(X) \
    X(io_setup) X(io_destroy) X(io_submit) X(io_cancel) X(io_getevents) \
    X(lookup_dcookie) X(ioprio_set) X(ioprio_get) X(umount2) X(mount) \
    X(pivot_root) X(nfsservctl) X(vhangup) X(quotactl) X(signalfd4) \
    X(vmsplice) X(sync_file_range) X(acct) X(unshare) \
    X(kexec_load) X(init_module) X(delete_module) X(clock_settime) X(syslog) \
    X(ptrace) X(sched_rr_get_interval) X(reboot) X(settimeofday) X(adjtimex) \
    X(mq_open) X(mq_unlink) X(mq_timedsend) X(mq_timedreceive) X(mq_notify) \
    X(mq_getsetattr) X(msgget) X(msgctl) X(msgrcv) X(msgsnd) X(semget) \
    X(semctl) X(semtimedop) X(semop) X(shmget) X(shmctl) X(shmat) X(shmdt) \
    X(readahead) X(add_key) X(request_key) X(keyctl) X(swapon) X(swapoff) \
    \
    X(remap_file_pages) X(mbind) X(get_mempolicy) X(set_mempolicy) \
    X(migrate_pages) X(move_pages) X(perf_event_open) \
    X(fanotify_init) X(fanotify_mark) X(name_to_handle_at) \
    X(open_by_handle_at) X(clock_adjtime) X(setns) \
    X(process_vm_readv) X(process_vm_writev) X(kcmp) X(finit_module) \
    X(sched_setattr) X(sched_getattr) X(seccomp) X(bpf) X(execveat) \
    X(userfaultfd) X(mlock2) X(pkey_mprotect) X(pkey_alloc) X(pkey_free) \
    X(io_pgetevents) X(kexec_file_load) X(pidfd_send_signal) \
    X(io_uring_setup) X(io_uring_enter) X(io_uring_register) X(open_tree) \
    X(move_mount) X(fsopen) X(fsconfig) X(fsmount) X(fspick) X(pidfd_open) \
    X(pidfd_getfd) X(process_madvise) X(mount_setattr) \
    X(quotactl_fd) X(landlock_create_ruleset) X(landlock_add_rule) \
    X(landlock_restrict_self) X(memfd_secret) X(process_mrelease) \
    X(futex_waitv) X(set_mempolicy_home_node) X(uselib) X(ustat) X(sysfs) \
    X(modify_ldt) X(_sysctl) X(iopl) X(ioperm) X(create_module) \
    X(get_kernel_syms) X(query_module) X(getpmsg) X(putpmsg) X(afs_syscall) \
    X(tuxcall) X(security) X(set_thread_area) X(get_thread_area) \
    X(epoll_ctl_old) X(epoll_wait_old) X(vserver) X(signalfd)

const struct sysent systab[] = {
#define ENTRY(n, a) [NR_##n] = { #n, sys_##n, a },
    SYSCALLS(ENTRY)
#undef ENTRY
#define NAMED(n) [NR_##n] = { #n, NULL, NULL },
    SYSCALLS_UNIMPLEMENTED(NAMED)
#undef NAMED
};

const unsigned nsystab = sizeof systab / sizeof systab[0];

/* Until their real definitions link in, the lead's syscalls answer
 * -ENOSYS.  (A strong definition anywhere in the link overrides these; in
 * a static archive the defining object must be pulled in by some other
 * symbol, or linked whole.) */
#define WEAK_ENOSYS(n, a)                                                  \
    __attribute__((weak)) SYSCALL(n) { return -ENOSYS; }
#define SYSCALLS_LEAD_BUT_ARCH_PRCTL(X)                                    \
    X(brk, "") X(mmap, "") X(munmap, "") X(mprotect, "") X(mremap, "")     \
    X(madvise, "") X(exit, "") X(exit_group, "") X(rt_sigaction, "")       \
    X(rt_sigprocmask, "") X(rt_sigreturn, "") X(rt_sigpending, "")         \
    X(rt_sigsuspend, "") X(rt_sigtimedwait, "") X(rt_sigqueueinfo, "")     \
    X(rt_tgsigqueueinfo, "") X(sigaltstack, "") X(kill, "") X(tkill, "")   \
    X(tgkill, "") X(setitimer, "") X(getitimer, "") X(timer_create, "")    \
    X(timer_settime, "") X(timer_gettime, "") X(timer_getoverrun, "")      \
    X(timer_delete, "") X(wait4, "") X(clone, "")                          \
    X(execve, "") X(alarm, "") X(pause, "") X(waitid, "") X(clone3, "")
SYSCALLS_LEAD_BUT_ARCH_PRCTL(WEAK_ENOSYS)

/* restart_syscall continues the thread's restart block (sys_proc.c). */
__attribute__((weak)) SYSCALL(restart_syscall)
{
    return kernel_restart_syscall(c);
}

/* Memory calls that are the host's on the arena (sys_mem.c may replace
 * them).  Addresses must be aligned to the guest's page size, which can
 * be larger than the host's. */
static bool guest_page_aligned(uint64_t a)
{
    return (a & (kern->abi->page_size - 1)) == 0;
}

__attribute__((weak)) SYSCALL(msync)
{
    if (!guest_page_aligned(a0) || (a2 & ~7ull))
        return -EINVAL;
    void *p = user_ptr(a0, a1, false);
    return p ? host_ret(msync(p, a1, (int)a2)) : -ENOMEM;
}

__attribute__((weak)) SYSCALL(mlock)
{
    void *p = user_ptr(a0, a1, false);
    return p ? host_ret(mlock(p, a1)) : -ENOMEM;
}

__attribute__((weak)) SYSCALL(munlock)
{
    void *p = user_ptr(a0, a1, false);
    return p ? host_ret(munlock(p, a1)) : -ENOMEM;
}

/* Locking all of trapeze would pin its whole arena reservation: accept
 * and do nothing, as for a process without a locked-memory limit. */
__attribute__((weak)) SYSCALL(mlockall)
{
    return a0 & ~7ull || !a0 ? -EINVAL : 0;
}

__attribute__((weak)) SYSCALL(munlockall)
{
    return 0;
}

/* One byte per guest page: a guest page is resident if any of its host
 * pages is. */
__attribute__((weak)) SYSCALL(mincore)
{
    uint64_t ps = kern->abi->page_size;
    if (!guest_page_aligned(a0))
        return -EINVAL;
    uint64_t npages = (a1 + ps - 1) / ps;
    void *p = user_ptr(a0, npages * ps, false);
    if (!p)
        return -ENOMEM;
    unsigned per = (unsigned)(ps / 4096);
    unsigned char hv[256];
    for (uint64_t i = 0; i < npages; i++) {
        if (mincore((uint8_t *)p + i * ps, ps, hv) < 0)
            return -errno;
        unsigned char v = 0;
        for (unsigned j = 0; j < per && j < sizeof hv; j++)
            v |= hv[j] & 1;
        if (copy_to_user(a2 + i, &v, 1))
            return -EFAULT;
    }
    return 0;
}

/* arch_prctl: ARCH_SET_FS is the TLS register every arch can set; the
 * x86_64 kernel code overrides this with the full version. */
#define ARCH_SET_FS 0x1002
__attribute__((weak)) SYSCALL(arch_prctl)
{
    if (a0 == ARCH_SET_FS && kern->abi->set_tls) {
        kern->abi->set_tls(c, a1);
        return 0;
    }
    return -EINVAL;
}
