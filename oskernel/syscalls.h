/* The generic syscalls: numbers, prototypes, shared helpers.
 *
 * Numbers: NR_x is the generic number of syscall x (see kernel.h): the
 * asm-generic value for syscalls in include/uapi/asm-generic/unistd.h,
 * SYSX_BASE + the x86_64 number for those only x86_64 has.  The two lists
 * below were generated from the riscv64 uapi headers (asm-generic/unistd.h)
 * and x86_64's asm/unistd_64.h with grep/awk; fstatat appears under the
 * name the kernel and strace use, newfstatat.
 *
 * Functions: every syscall is `SYSCALL(name)` (kernel.h) and returns a
 * result or -errno, Linux-exact.  SYSCALLS(X) lists each implemented (or
 * lead-provided) syscall once with its strace argument kinds; systab.c
 * builds the table from it.
 */
#ifndef TRAPEZE_SYSCALLS_H
#define TRAPEZE_SYSCALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

struct stat;

/* ---- generic numbers (generated, see above) ------------------------------ */
#define NR_io_setup 0
#define NR_io_destroy 1
#define NR_io_submit 2
#define NR_io_cancel 3
#define NR_io_getevents 4
#define NR_setxattr 5
#define NR_lsetxattr 6
#define NR_fsetxattr 7
#define NR_getxattr 8
#define NR_lgetxattr 9
#define NR_fgetxattr 10
#define NR_listxattr 11
#define NR_llistxattr 12
#define NR_flistxattr 13
#define NR_removexattr 14
#define NR_lremovexattr 15
#define NR_fremovexattr 16
#define NR_getcwd 17
#define NR_lookup_dcookie 18
#define NR_eventfd2 19
#define NR_epoll_create1 20
#define NR_epoll_ctl 21
#define NR_epoll_pwait 22
#define NR_dup 23
#define NR_dup3 24
#define NR_fcntl 25
#define NR_inotify_init1 26
#define NR_inotify_add_watch 27
#define NR_inotify_rm_watch 28
#define NR_ioctl 29
#define NR_ioprio_set 30
#define NR_ioprio_get 31
#define NR_flock 32
#define NR_mknodat 33
#define NR_mkdirat 34
#define NR_unlinkat 35
#define NR_symlinkat 36
#define NR_linkat 37
#define NR_renameat 38
#define NR_umount2 39
#define NR_mount 40
#define NR_pivot_root 41
#define NR_nfsservctl 42
#define NR_statfs 43
#define NR_fstatfs 44
#define NR_truncate 45
#define NR_ftruncate 46
#define NR_fallocate 47
#define NR_faccessat 48
#define NR_chdir 49
#define NR_fchdir 50
#define NR_chroot 51
#define NR_fchmod 52
#define NR_fchmodat 53
#define NR_fchownat 54
#define NR_fchown 55
#define NR_openat 56
#define NR_close 57
#define NR_vhangup 58
#define NR_pipe2 59
#define NR_quotactl 60
#define NR_getdents64 61
#define NR_lseek 62
#define NR_read 63
#define NR_write 64
#define NR_readv 65
#define NR_writev 66
#define NR_pread64 67
#define NR_pwrite64 68
#define NR_preadv 69
#define NR_pwritev 70
#define NR_sendfile 71
#define NR_pselect6 72
#define NR_ppoll 73
#define NR_signalfd4 74
#define NR_vmsplice 75
#define NR_splice 76
#define NR_tee 77
#define NR_readlinkat 78
#define NR_newfstatat 79
#define NR_fstat 80
#define NR_sync 81
#define NR_fsync 82
#define NR_fdatasync 83
#define NR_sync_file_range 84
#define NR_timerfd_create 85
#define NR_timerfd_settime 86
#define NR_timerfd_gettime 87
#define NR_utimensat 88
#define NR_acct 89
#define NR_capget 90
#define NR_capset 91
#define NR_personality 92
#define NR_exit 93
#define NR_exit_group 94
#define NR_waitid 95
#define NR_set_tid_address 96
#define NR_unshare 97
#define NR_futex 98
#define NR_set_robust_list 99
#define NR_get_robust_list 100
#define NR_nanosleep 101
#define NR_getitimer 102
#define NR_setitimer 103
#define NR_kexec_load 104
#define NR_init_module 105
#define NR_delete_module 106
#define NR_timer_create 107
#define NR_timer_gettime 108
#define NR_timer_getoverrun 109
#define NR_timer_settime 110
#define NR_timer_delete 111
#define NR_clock_settime 112
#define NR_clock_gettime 113
#define NR_clock_getres 114
#define NR_clock_nanosleep 115
#define NR_syslog 116
#define NR_ptrace 117
#define NR_sched_setparam 118
#define NR_sched_setscheduler 119
#define NR_sched_getscheduler 120
#define NR_sched_getparam 121
#define NR_sched_setaffinity 122
#define NR_sched_getaffinity 123
#define NR_sched_yield 124
#define NR_sched_get_priority_max 125
#define NR_sched_get_priority_min 126
#define NR_sched_rr_get_interval 127
#define NR_restart_syscall 128
#define NR_kill 129
#define NR_tkill 130
#define NR_tgkill 131
#define NR_sigaltstack 132
#define NR_rt_sigsuspend 133
#define NR_rt_sigaction 134
#define NR_rt_sigprocmask 135
#define NR_rt_sigpending 136
#define NR_rt_sigtimedwait 137
#define NR_rt_sigqueueinfo 138
#define NR_rt_sigreturn 139
#define NR_setpriority 140
#define NR_getpriority 141
#define NR_reboot 142
#define NR_setregid 143
#define NR_setgid 144
#define NR_setreuid 145
#define NR_setuid 146
#define NR_setresuid 147
#define NR_getresuid 148
#define NR_setresgid 149
#define NR_getresgid 150
#define NR_setfsuid 151
#define NR_setfsgid 152
#define NR_times 153
#define NR_setpgid 154
#define NR_getpgid 155
#define NR_getsid 156
#define NR_setsid 157
#define NR_getgroups 158
#define NR_setgroups 159
#define NR_uname 160
#define NR_sethostname 161
#define NR_setdomainname 162
#define NR_getrlimit 163
#define NR_setrlimit 164
#define NR_getrusage 165
#define NR_umask 166
#define NR_prctl 167
#define NR_getcpu 168
#define NR_gettimeofday 169
#define NR_settimeofday 170
#define NR_adjtimex 171
#define NR_getpid 172
#define NR_getppid 173
#define NR_getuid 174
#define NR_geteuid 175
#define NR_getgid 176
#define NR_getegid 177
#define NR_gettid 178
#define NR_sysinfo 179
#define NR_mq_open 180
#define NR_mq_unlink 181
#define NR_mq_timedsend 182
#define NR_mq_timedreceive 183
#define NR_mq_notify 184
#define NR_mq_getsetattr 185
#define NR_msgget 186
#define NR_msgctl 187
#define NR_msgrcv 188
#define NR_msgsnd 189
#define NR_semget 190
#define NR_semctl 191
#define NR_semtimedop 192
#define NR_semop 193
#define NR_shmget 194
#define NR_shmctl 195
#define NR_shmat 196
#define NR_shmdt 197
#define NR_socket 198
#define NR_socketpair 199
#define NR_bind 200
#define NR_listen 201
#define NR_accept 202
#define NR_connect 203
#define NR_getsockname 204
#define NR_getpeername 205
#define NR_sendto 206
#define NR_recvfrom 207
#define NR_setsockopt 208
#define NR_getsockopt 209
#define NR_shutdown 210
#define NR_sendmsg 211
#define NR_recvmsg 212
#define NR_readahead 213
#define NR_brk 214
#define NR_munmap 215
#define NR_mremap 216
#define NR_add_key 217
#define NR_request_key 218
#define NR_keyctl 219
#define NR_clone 220
#define NR_execve 221
#define NR_mmap 222
#define NR_fadvise64 223
#define NR_swapon 224
#define NR_swapoff 225
#define NR_mprotect 226
#define NR_msync 227
#define NR_mlock 228
#define NR_munlock 229
#define NR_mlockall 230
#define NR_munlockall 231
#define NR_mincore 232
#define NR_madvise 233
#define NR_remap_file_pages 234
#define NR_mbind 235
#define NR_get_mempolicy 236
#define NR_set_mempolicy 237
#define NR_migrate_pages 238
#define NR_move_pages 239
#define NR_rt_tgsigqueueinfo 240
#define NR_perf_event_open 241
#define NR_accept4 242
#define NR_recvmmsg 243
#define NR_wait4 260
#define NR_prlimit64 261
#define NR_fanotify_init 262
#define NR_fanotify_mark 263
#define NR_name_to_handle_at 264
#define NR_open_by_handle_at 265
#define NR_clock_adjtime 266
#define NR_syncfs 267
#define NR_setns 268
#define NR_sendmmsg 269
#define NR_process_vm_readv 270
#define NR_process_vm_writev 271
#define NR_kcmp 272
#define NR_finit_module 273
#define NR_sched_setattr 274
#define NR_sched_getattr 275
#define NR_renameat2 276
#define NR_seccomp 277
#define NR_getrandom 278
#define NR_memfd_create 279
#define NR_bpf 280
#define NR_execveat 281
#define NR_userfaultfd 282
#define NR_membarrier 283
#define NR_mlock2 284
#define NR_copy_file_range 285
#define NR_preadv2 286
#define NR_pwritev2 287
#define NR_pkey_mprotect 288
#define NR_pkey_alloc 289
#define NR_pkey_free 290
#define NR_statx 291
#define NR_io_pgetevents 292
#define NR_rseq 293
#define NR_kexec_file_load 294
#define NR_pidfd_send_signal 424
#define NR_io_uring_setup 425
#define NR_io_uring_enter 426
#define NR_io_uring_register 427
#define NR_open_tree 428
#define NR_move_mount 429
#define NR_fsopen 430
#define NR_fsconfig 431
#define NR_fsmount 432
#define NR_fspick 433
#define NR_pidfd_open 434
#define NR_clone3 435
#define NR_close_range 436
#define NR_openat2 437
#define NR_pidfd_getfd 438
#define NR_faccessat2 439
#define NR_process_madvise 440
#define NR_epoll_pwait2 441
#define NR_mount_setattr 442
#define NR_quotactl_fd 443
#define NR_landlock_create_ruleset 444
#define NR_landlock_add_rule 445
#define NR_landlock_restrict_self 446
#define NR_memfd_secret 447
#define NR_process_mrelease 448
#define NR_futex_waitv 449
#define NR_set_mempolicy_home_node 450
/* x86_64-only syscalls */
#define NR_open (SYSX_BASE + 2)
#define NR_stat (SYSX_BASE + 4)
#define NR_lstat (SYSX_BASE + 6)
#define NR_poll (SYSX_BASE + 7)
#define NR_access (SYSX_BASE + 21)
#define NR_pipe (SYSX_BASE + 22)
#define NR_select (SYSX_BASE + 23)
#define NR_dup2 (SYSX_BASE + 33)
#define NR_pause (SYSX_BASE + 34)
#define NR_alarm (SYSX_BASE + 37)
#define NR_fork (SYSX_BASE + 57)
#define NR_vfork (SYSX_BASE + 58)
#define NR_getdents (SYSX_BASE + 78)
#define NR_rename (SYSX_BASE + 82)
#define NR_mkdir (SYSX_BASE + 83)
#define NR_rmdir (SYSX_BASE + 84)
#define NR_creat (SYSX_BASE + 85)
#define NR_link (SYSX_BASE + 86)
#define NR_unlink (SYSX_BASE + 87)
#define NR_symlink (SYSX_BASE + 88)
#define NR_readlink (SYSX_BASE + 89)
#define NR_chmod (SYSX_BASE + 90)
#define NR_chown (SYSX_BASE + 92)
#define NR_lchown (SYSX_BASE + 94)
#define NR_getpgrp (SYSX_BASE + 111)
#define NR_utime (SYSX_BASE + 132)
#define NR_mknod (SYSX_BASE + 133)
#define NR_uselib (SYSX_BASE + 134)
#define NR_ustat (SYSX_BASE + 136)
#define NR_sysfs (SYSX_BASE + 139)
#define NR_modify_ldt (SYSX_BASE + 154)
#define NR__sysctl (SYSX_BASE + 156)
#define NR_arch_prctl (SYSX_BASE + 158)
#define NR_iopl (SYSX_BASE + 172)
#define NR_ioperm (SYSX_BASE + 173)
#define NR_create_module (SYSX_BASE + 174)
#define NR_get_kernel_syms (SYSX_BASE + 177)
#define NR_query_module (SYSX_BASE + 178)
#define NR_getpmsg (SYSX_BASE + 181)
#define NR_putpmsg (SYSX_BASE + 182)
#define NR_afs_syscall (SYSX_BASE + 183)
#define NR_tuxcall (SYSX_BASE + 184)
#define NR_security (SYSX_BASE + 185)
#define NR_time (SYSX_BASE + 201)
#define NR_set_thread_area (SYSX_BASE + 205)
#define NR_get_thread_area (SYSX_BASE + 211)
#define NR_epoll_create (SYSX_BASE + 213)
#define NR_epoll_ctl_old (SYSX_BASE + 214)
#define NR_epoll_wait_old (SYSX_BASE + 215)
#define NR_epoll_wait (SYSX_BASE + 232)
#define NR_utimes (SYSX_BASE + 235)
#define NR_vserver (SYSX_BASE + 236)
#define NR_inotify_init (SYSX_BASE + 253)
#define NR_futimesat (SYSX_BASE + 261)
#define NR_signalfd (SYSX_BASE + 282)
#define NR_eventfd (SYSX_BASE + 284)

/* ---- the table's contents ------------------------------------------------ */
/* X(name, strace argument kinds).  Kinds, one letter per argument, as in
 * kernel.h's struct sysent, plus: B a buffer the syscall reads (length =
 * the next argument), l a signed long, w lseek whence, F fcntl command,
 * a AT_* flags, P PROT_* flags, M MAP_* flags, c clock id, I ioctl
 * request, S signal number, R RLIMIT_*, G GRND_* flags, A arch_prctl
 * code, h an output buffer shown in hex (length = return value), K access
 * mode, T a struct stat the syscall fills, L a struct rlimit, X STATX_*
 * mask, Y a struct statx the syscall fills, D socket domain, k socket
 * type, e fadvise advice, n a sockaddr (length = the next argument),
 * U a struct utsname, Z a struct statfs, E a dirent64 buffer (counted),
 * t a struct timespec the syscall reads, r one it writes when interrupted,
 * H sigprocmask how, Q a signal mask read, q one written, V a sigaction
 * read, v one written, O a struct pollfd array (count = the next
 * argument). */
#define SYSCALLS_FS(X)                                                        \
    X(read, "fbu") X(write, "fBu") X(readv, "fpd") X(writev, "fpd")           \
    X(pread64, "fbul") X(pwrite64, "fBul") X(preadv, "fpdl")                  \
    X(pwritev, "fpdl") X(preadv2, "fpdlx") X(pwritev2, "fpdlx")               \
    X(openat, "fsom") X(openat2, "fspu") X(close, "f") X(close_range, "uux") X(lseek, "flw")     \
    X(fstat, "fT") X(newfstatat, "fsTa") X(statx, "fsaXY")                    \
    X(getdents64, "fEu") X(readlinkat, "fsbu") X(faccessat, "fsK")            \
    X(faccessat2, "fsKa") X(ioctl, "fIx") X(fcntl, "fFx") X(flock, "fx")      \
    X(dup, "f") X(dup3, "ffx") X(pipe2, "px") X(getcwd, "su")                 \
    X(chdir, "s") X(fchdir, "f") X(chroot, "s") X(mkdirat, "fsm")             \
    X(mknodat, "fsmx") X(unlinkat, "fsa") X(renameat, "fsfs")                 \
    X(renameat2, "fsfsx") X(symlinkat, "sfs") X(linkat, "fsfsa")              \
    X(fchmod, "fm") X(fchmodat, "fsm") X(fchownat, "fsdda") X(fchown, "fdd")  \
    X(utimensat, "fspa") X(ftruncate, "fl") X(truncate, "sl")                 \
    X(fallocate, "fdll") X(fadvise64, "flle") X(fsync, "f")                   \
    X(fdatasync, "f") X(sync, "") X(syncfs, "f") X(umask, "m")                \
    X(statfs, "sZ") X(fstatfs, "fZ") X(sendfile, "ffpu")                      \
    X(copy_file_range, "fpfpux") X(splice, "fpfpux") X(tee, "ffux")           \
    X(memfd_create, "sx") X(getxattr, "sspu") X(lgetxattr, "sspu")            \
    X(fgetxattr, "fspu") X(listxattr, "spu") X(llistxattr, "spu")             \
    X(flistxattr, "fpu") X(setxattr, "sspux") X(lsetxattr, "sspux")           \
    X(fsetxattr, "fspux") X(removexattr, "ss") X(lremovexattr, "ss")          \
    X(fremovexattr, "fs")                                                     \
    X(ppoll, "OdtQu") X(pselect6, "dppppp") X(epoll_create1, "x")             \
    X(epoll_ctl, "fdfp") X(epoll_pwait, "fpddpu") X(epoll_pwait2, "fpdppu")   \
    X(eventfd2, "ux") X(inotify_init1, "x") X(inotify_add_watch, "fsx")       \
    X(inotify_rm_watch, "fd")                                                 \
    X(socket, "Dkd") X(socketpair, "Dkdp") X(bind, "fnd") X(listen, "fd")     \
    X(accept, "fpp") X(accept4, "fppx") X(connect, "fnd")                     \
    X(getsockname, "fpp") X(getpeername, "fpp") X(sendto, "fBuxnd")           \
    X(recvfrom, "fbuxpp") X(setsockopt, "fddpd") X(getsockopt, "fddpp")       \
    X(shutdown, "fd") X(sendmsg, "fpx") X(recvmsg, "fpx")                     \
    X(sendmmsg, "fpux") X(recvmmsg, "fpuxt")                                  \
    /* x86_64-only */                                                         \
    X(open, "som") X(creat, "sm") X(stat, "sT") X(lstat, "sT")                \
    X(access, "sK") X(pipe, "p") X(dup2, "ff") X(getdents, "fpu")             \
    X(readlink, "sbu") X(unlink, "s") X(mkdir, "sm") X(rmdir, "s")            \
    X(rename, "ss") X(chmod, "sm") X(chown, "sdd") X(lchown, "sdd")           \
    X(link, "ss") X(symlink, "ss") X(mknod, "smx") X(utime, "sp")             \
    X(utimes, "sp") X(futimesat, "fsp") X(poll, "Odd") X(select, "dpppp")     \
    X(epoll_create, "d") X(epoll_wait, "fpdd") X(eventfd, "u")                \
    X(inotify_init, "")

#define SYSCALLS_TIME(X)                                                      \
    X(clock_gettime, "cp") X(clock_getres, "cp") X(gettimeofday, "pp")        \
    X(nanosleep, "tr") X(clock_nanosleep, "cxtr") X(timerfd_create, "cx")     \
    X(timerfd_settime, "fxpp") X(timerfd_gettime, "fp") X(time, "p")

#define SYSCALLS_INFO(X)                                                      \
    X(uname, "U") X(sysinfo, "p") X(getrusage, "dp") X(times, "p")            \
    X(prlimit64, "dRLL") X(getrlimit, "RL") X(setrlimit, "RL")                \
    X(sched_getaffinity, "dup") X(sched_setaffinity, "dup")                   \
    X(sched_yield, "") X(sched_getscheduler, "d") X(sched_getparam, "dp")     \
    X(sched_setscheduler, "ddp") X(sched_setparam, "dp")                      \
    X(sched_get_priority_max, "d") X(sched_get_priority_min, "d")             \
    X(getpriority, "dd") X(setpriority, "ddd") X(getcpu, "ppp")               \
    X(getrandom, "huG") X(membarrier, "dxd") X(rseq, "pxdx")                  \
    X(prctl, "dxxxx") X(personality, "x") X(sethostname, "su")                \
    X(setdomainname, "su")

#define SYSCALLS_PROC(X)                                                      \
    X(getpid, "") X(getppid, "") X(gettid, "") X(getuid, "") X(geteuid, "")   \
    X(getgid, "") X(getegid, "") X(getgroups, "dp") X(setgroups, "dp")        \
    X(setuid, "d") X(setgid, "d") X(setreuid, "dd") X(setregid, "dd")         \
    X(setresuid, "ddd") X(setresgid, "ddd") X(getresuid, "ppp")               \
    X(getresgid, "ppp") X(setfsuid, "d") X(setfsgid, "d") X(getpgid, "d")     \
    X(setpgid, "dd") X(getsid, "d") X(setsid, "") X(getpgrp, "")              \
    X(set_tid_address, "p") X(set_robust_list, "pu")                          \
    X(get_robust_list, "dpp") X(futex, "pdxppx") X(capget, "pp")              \
    X(capset, "pp") X(fork, "") X(vfork, "")

/* Provided by the lead (kernel.c, sys_mem.c, signal code); systab.c holds
 * weak -ENOSYS stand-ins so the program links before they exist. */
#define SYSCALLS_LEAD(X)                                                      \
    X(brk, "p") X(mmap, "puPMfx") X(munmap, "pu") X(mprotect, "puP")          \
    X(mremap, "puuxp") X(madvise, "pud") X(exit, "d") X(exit_group, "d")      \
    X(rt_sigaction, "SVvu") X(rt_sigprocmask, "HQqu") X(rt_sigreturn, "")     \
    X(rt_sigpending, "qu") X(rt_sigsuspend, "Qu") X(rt_sigtimedwait, "Qptu")  \
    X(rt_sigqueueinfo, "dSp") X(rt_tgsigqueueinfo, "ddSp")                    \
    X(sigaltstack, "pp") X(kill, "dS") X(tkill, "dS") X(tgkill, "ddS")        \
    X(setitimer, "dpp") X(getitimer, "dp") X(timer_create, "cpp")             \
    X(timer_settime, "dxpp") X(timer_gettime, "dp")                           \
    X(timer_getoverrun, "d") X(timer_delete, "d") X(restart_syscall, "")      \
    X(wait4, "dpxp") X(clone, "xpppp") X(execve, "spp") X(clone3, "pu")       \
    X(alarm, "u") X(pause, "") X(arch_prctl, "Ax")                            \
    X(msync, "pux") X(mincore, "pup") X(mlock, "pu") X(munlock, "pu")         \
    X(mlockall, "x") X(munlockall, "") X(waitid, "ddpxp")

#define SYSCALLS(X) \
    SYSCALLS_FS(X) SYSCALLS_TIME(X) SYSCALLS_INFO(X) SYSCALLS_PROC(X) SYSCALLS_LEAD(X)

#define SYSCALL_DECLARE(name, args) SYSCALL(name);
SYSCALLS(SYSCALL_DECLARE)
#undef SYSCALL_DECLARE

/* ---- struct translation -------------------------------------------------- */

/* The asm-generic struct stat (include/uapi/asm-generic/stat.h, LP64):
 * 128 bytes, used by aarch64, riscv64 and loongarch64.  Returns 128. */
#define STAT_GENERIC_SIZE 128
size_t put_stat_generic(uint8_t *buf, const struct kstat *st);
/* Host stat -> kstat.  Returns 0. */
int fill_kstat(struct kstat *ks, const struct stat *host);

/* Open flags between the guest's values and the host's (= generic). */
int oflags_to_host(uint64_t guest);
uint64_t oflags_from_host(int host);

/* ---- file descriptors ---------------------------------------------------- */
/* Guest fd numbers are host fd numbers.  trapeze's own fds (trace output,
 * the strace fd, ...) are reserved: the guest cannot close, dup onto, read
 * or write them (-EBADF), and close_range skips them. */
void kernel_reserve_fd(int fd);
void kernel_release_fd(int fd);
bool kernel_fd_is_internal(int fd);

/* ---- guest buffers ------------------------------------------------------- */
/* The host address of the guest buffer [addr, addr+len), to hand straight
 * to a host syscall; NULL (-EFAULT) if it does not lie inside the arena.
 * The host kernel then fails with EFAULT on unmapped or read-only guest
 * pages, exactly where Linux would.  For a buffer the syscall writes
 * (`written`), pages holding decoded code are first made writable and
 * their code dropped, as a guest store would.  len 0 gives a valid
 * pointer that must not be accessed. */
void *user_ptr(uint64_t addr, size_t len, bool written);

/* A guest path, copied and mapped with kernel_host_path when absolute.
 * Returns 0, -EFAULT or -ENAMETOOLONG. */
int get_user_path(uint64_t gp, char *out, size_t outsz);

/* Host result -> Linux result: r, or -errno when r == -1. */
static inline long host_ret(long r) { return r == -1 ? -(long)errno : r; }

/* Random bytes for getrandom and AT_RANDOM: from the host, or a fixed
 * generator when the machine runs deterministically. */
void kernel_random_bytes(void *buf, size_t n);

/* ---- per-thread state the proc syscalls keep ----------------------------- */
/* set_tid_address / CLONE_CHILD_CLEARTID: the address the kernel clears and
 * futex-wakes when the thread exits (0 if none). */
uint64_t proc_clear_child_tid(struct cpu *c);
void proc_set_clear_child_tid(struct cpu *c, uint64_t addr);
/* Forget the thread's state (thread exit). */
void proc_thread_gone(struct cpu *c);
/* The host's id for a guest thread id (they differ with --deterministic);
 * ids that are not this process's threads pass unchanged, 0 stays 0. */
void proc_set_host_tid(struct cpu *c, int host_tid);
int proc_host_tid(int tid);
/* Thread exit: the robust futex list, and a shared futex wake. */
void proc_exit_robust_list(struct cpu *c);
void proc_futex_wake(uint64_t uaddr, int n);
/* In a forked child: the parent's pid as the parent saw it. */
void proc_forked(int parent_pid);

/* Linux's restart_block: what restart_syscall(2) continues after a sleep
 * was interrupted (-ERESTART_RESTARTBLOCK) and no handler ran. */
struct krestart {
    long (*fn)(struct cpu *c, struct krestart *r);    /* NULL: none */
    int clock;
    int64_t sec, nsec;          /* absolute deadline on `clock` */
    uint64_t rmtp;              /* guest address for the time left, or 0 */
};
struct krestart *proc_restart_block(struct cpu *c);
/* The body of restart_syscall: runs and clears the thread's restart block;
 * -EINTR when there is none, as Linux's do_no_restart_syscall. */
long kernel_restart_syscall(struct cpu *c);

/* ---- strace (strace.c) --------------------------------------------------- */
/* One line per syscall in strace's format to kern->strace_fd.  For an
 * arch number the arch does not map, gnr is SYSX_BASE * 16 + that number
 * (shown as syscall_0x1c2(...)).  ret -EJUSTRETURN shows as "= ?". */
void strace_syscall(struct cpu *c, long gnr, const uint64_t a[6], long ret);
/* "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---"
 * when a signal is delivered (info is the siginfo as the guest sees it). */
void strace_signal(struct cpu *c, const struct ksiginfo *info);
/* "+++ exited with 0 +++" / "+++ killed by SIGSEGV (core dumped) +++" for
 * a host-style wait status. */
void strace_exit(int status);
/* Take a private, reserved copy of kern->strace_fd (call once strace_fd is
 * set; strace_syscall does it on first use otherwise). */
void strace_open(void);
/* strace's quoting of n bytes: "..." with C escapes and octal for the rest;
 * at most `max` bytes are shown, followed by ... when more were given
 * (`more`).  Returns the length written (out always NUL-terminated). */
size_t strace_quote(char *out, size_t outsz, const uint8_t *s, size_t n,
                    size_t max, bool more);
/* The kstat the calling thread's last stat-family syscall produced. */
const struct kstat *sys_last_kstat(void);
/* The timespec at addr as the calling thread's last ppoll/pselect6 was
 * given it (they write back the time left); false if not that one. */
bool sys_given_timeout(uint64_t addr, int64_t t[2]);
/* "ENOENT" for 2; NULL if unknown. */
const char *errno_name(int e);

#endif
