/* rt: the freestanding runtime that trapeze's guest programs link against.
 *
 * One header for all four architectures; what differs lives in
 * arch/<arch>/arch.h (raw syscalls, numbers, struct layouts) and
 * arch/<arch>/crt.S (_start, setjmp/longjmp, signal restorer).
 * Functions keep their libc names so test programs read like plain C.
 * See README.md for the API. */
#ifndef RT_H
#define RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/* ---- raw syscalls: return -errno on failure, as the kernel does -------- */

static inline long syscall0(long n) { return __rt_sc6(n, 0, 0, 0, 0, 0, 0); }
static inline long syscall1(long n, long a) { return __rt_sc6(n, a, 0, 0, 0, 0, 0); }
static inline long syscall2(long n, long a, long b) { return __rt_sc6(n, a, b, 0, 0, 0, 0); }
static inline long syscall3(long n, long a, long b, long c) { return __rt_sc6(n, a, b, c, 0, 0, 0); }
static inline long syscall4(long n, long a, long b, long c, long d) { return __rt_sc6(n, a, b, c, d, 0, 0); }
static inline long syscall5(long n, long a, long b, long c, long d, long e) { return __rt_sc6(n, a, b, c, d, e, 0); }
static inline long syscall6(long n, long a, long b, long c, long d, long e, long f) { return __rt_sc6(n, a, b, c, d, e, f); }

/* ---- types and constants ------------------------------------------------ */

typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned mode_t;

#define NULL_FD (-1)
#define EOF (-1)

extern int errno;
#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EPIPE 32
#define ERANGE 34
#define ENOSYS 38
#define ENOTEMPTY 39
#define EXDEV 18
#define ENODEV 19
#define EROFS 30
#define EMLINK 31
#define EDOM 33
#define ENAMETOOLONG 36
#define ELOOP 40
#define EOVERFLOW 75
#define ENOTSUP 95
#define ETIMEDOUT 110

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_CLOEXEC 02000000
#define O_DIRECTORY RT_O_DIRECTORY
#define O_NOFOLLOW RT_O_NOFOLLOW
#define AT_FDCWD (-100)
#define AT_REMOVEDIR 0x200
#define AT_EMPTY_PATH 0x1000
#define AT_SYMLINK_NOFOLLOW 0x100
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define FD_CLOEXEC 1

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFREG 0100000
#define S_IFIFO 0010000
#define S_IFLNK 0120000

#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_FAILED ((void *)-1)
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MS_SYNC 4

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGSYS 31
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SA_NOCLDSTOP 0x00000001
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000u
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)

#define AT_NULL 0
#define AT_IGNORE 1
#define AT_EXECFD 2
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_BASE_PLATFORM 24
#define AT_RANDOM 25
#define AT_HWCAP2 26
#define AT_EXECFN 31
#define AT_SYSINFO_EHDR 33
#define AT_MINSIGSTKSZ 51

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2

struct timespec {
    long tv_sec;
    long tv_nsec;
};

/* The runtime's own stat, filled from the arch's kernel stat or statx. */
struct stat {
    unsigned long st_dev, st_ino;
    unsigned st_mode, st_nlink, st_uid, st_gid;
    unsigned long st_rdev;
    long st_size, st_blksize, st_blocks;
    struct timespec st_atim, st_mtim, st_ctim;
};

typedef struct {
    void *ss_sp;
    int ss_flags;
    size_t ss_size;
} stack_t;

typedef uint64_t sigset_t;    /* the kernel's 64-bit mask: bit n-1 = signal n */

typedef struct {
    int si_signo, si_errno, si_code, __pad;
    union {
        void *si_addr;
        struct {
            int si_pid;
            unsigned si_uid;
            int si_status;
        } kill;
        long __raw[14];
    };
} siginfo_t;
#define si_pid kill.si_pid
#define si_uid kill.si_uid

typedef void (*sighandler_t)(int);
typedef void (*sigaction_fn)(int, siginfo_t *, void *);

/* The runtime's sigaction (converted to the arch's kernel layout). */
struct sigaction {
    union {
        sighandler_t sa_handler;
        sigaction_fn sa_sigaction;
    };
    unsigned long sa_flags;
    sigset_t sa_mask;
};

typedef unsigned long jmp_buf[32];

/* ---- process and environment --------------------------------------------- */

extern char **environ;
unsigned long getauxval(unsigned long type);  /* 0 (errno ENOENT) if absent */
const uint64_t *rt_auxv(void);                /* the raw auxv pairs */
char *getenv(const char *name);
_Noreturn void exit(int status);      /* exit_group */
_Noreturn void _exit(int status);     /* exit_group, same thing here */
_Noreturn void abort(void);           /* SIGABRT to itself */

/* ---- errno-returning syscall wrappers -------------------------------------- */

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
int open(const char *path, int flags, ...);   /* openat(AT_FDCWD, ...) */
int openat(int dirfd, const char *path, int flags, ...);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int fstat(int fd, struct stat *st);
int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int symlink(const char *target, const char *path);
int link(const char *from, const char *to);
ssize_t readlink(const char *path, char *buf, size_t n);
int access(const char *path, int mode);   /* faccessat; F_OK 0 R_OK 4 W_OK 2 X_OK 1 */
int fchmod(int fd, mode_t mode);
int chmod(const char *path, mode_t mode);
mode_t umask(mode_t mask);
int ioctl(int fd, unsigned long req, void *arg);
struct iovec { void *iov_base; size_t iov_len; };
ssize_t readv(int fd, const struct iovec *iov, int n);
ssize_t writev(int fd, const struct iovec *iov, int n);
int ftruncate(int fd, off_t len);
int fsync(int fd);
int unlink(const char *path);
int mkdir(const char *path, mode_t mode);
int rmdir(const char *path);
int rename(const char *from, const char *to);
int chdir(const char *path);
char *getcwd(char *buf, size_t n);
int dup(int fd);
int dup2(int fd, int to);                     /* dup3 unless fd == to */
int dup3(int fd, int to, int flags);
int pipe(int fds[2]);                         /* pipe2(fds, 0) */
int pipe2(int fds[2], int flags);
int fcntl(int fd, int cmd, long arg);
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
void *mremap(void *old, size_t oldlen, size_t newlen, int flags, ...);
int msync(void *addr, size_t len, int flags);
int brk(void *addr);              /* 0, or -1/ENOMEM if the break did not move */
void *sbrk(long incr);
void *rt_brk(void *addr);         /* the raw syscall: returns the new break */
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
unsigned getuid(void);
int kill(pid_t pid, int sig);
int tgkill(pid_t tgid, pid_t tid, int sig);
int raise(int sig);               /* tgkill(getpid(), gettid(), sig) */
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t h);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigaltstack(const stack_t *ss, stack_t *old);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(int clk, struct timespec *ts);
long getrandom(void *buf, size_t n, unsigned flags);

#define sigemptyset(s) (*(s) = 0, 0)
#define sigfillset(s) (*(s) = ~(sigset_t)0, 0)
#define sigaddset(s, n) (*(s) |= (sigset_t)1 << ((n) - 1), 0)
#define sigdelset(s, n) (*(s) &= ~((sigset_t)1 << ((n) - 1)), 0)
#define sigismember(s, n) ((int)((*(s) >> ((n) - 1)) & 1))

/* ---- setjmp ------------------------------------------------------------------ */

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);

/* ---- formatted output: one write(2) per call, so nothing is lost when the
 * program dies right after printing --------------------------------------- */

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));   /* fd 2 */
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int snprintf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap);
int vdprintf(int fd, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int puts(const char *s);          /* s and a newline */
int putchar(int c);
int fputs_fd(const char *s, int fd);

/* ---- memory and strings -------------------------------------------------------- */

void *malloc(size_t n);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t n);
void free(void *p);

void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t n);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *d, const char *s);
char *strncpy(char *d, const char *s, size_t n);
char *strcat(char *d, const char *s);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *h, const char *n);
char *strdup(const char *s);
const char *strerror(int e);      /* short names: "ENOENT" ... */
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);
int atoi(const char *s);
long atol(const char *s);
int isdigit(int c);
int isspace(int c);
int isalpha(int c);
int isxdigit(int c);
int toupper(int c);
int tolower(int c);
int abs(int x);
long labs(long x);
void qsort(void *base, size_t n, size_t size,
           int (*cmp)(const void *, const void *));

double sqrt(double x);
double fabs(double x);

/* ---- threads (thread.c, arch/<arch>/clone.S) -------------------------------------- */
/* Raw clone(2) and clone3(2): the child runs fn(arg) on `stack` and ends its
 * thread with fn's value (see clone.S).  Return the kernel's value. */
long __rt_clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg,
                int *ptid, void *tls, int *ctid);
long __rt_clone3(void *args, unsigned long size, int (*fn)(void *), void *arg);

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define CLONE_SYSVSEM 0x00040000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000

/* struct clone_args (include/uapi/linux/sched.h), the first 64 bytes. */
struct clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
        stack_size, tls;
};

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAKE_OP 5
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffff
#define FUTEX_OP_SET 0
#define FUTEX_OP_ADD 1
#define FUTEX_OP_OR 2
#define FUTEX_OP_ANDN 3
#define FUTEX_OP_XOR 4
#define FUTEX_OP_CMP_EQ 0
#define FUTEX_OP_CMP_NE 1
#define FUTEX_OP_CMP_LT 2
#define FUTEX_OP_CMP_LE 3
#define FUTEX_OP_CMP_GT 4
#define FUTEX_OP_CMP_GE 5
#define FUTEX_OP(op, oparg, cmp, cmparg) \
    (((op) & 0xf) << 28 | ((cmp) & 0xf) << 24 | ((oparg) & 0xfff) << 12 | ((cmparg) & 0xfff))
#define FUTEX_WAITERS 0x80000000u
#define FUTEX_OWNER_DIED 0x40000000u
#define FUTEX_TID_MASK 0x3fffffffu

/* futex(2), raw: -errno on failure.  `t` is the timeout, or val2 as a
 * pointer-sized number for the commands that take one there. */
static inline long futex(volatile int *uaddr, int op, int val, const void *t,
                         volatile int *uaddr2, int val3)
{
    return syscall6(SYS_futex, (long)uaddr, op, val, (long)t, (long)uaddr2, val3);
}

/* Threads: errno-style results (0 or an error number); errno itself is
 * one variable shared by all threads, so threads should prefer the raw
 * syscallN forms.
 * Join waits for the kernel's CLONE_CHILD_CLEARTID wake, then frees the
 * thread's stack and TLS. */
typedef struct rt_thread *thread_t;
int thread_create(thread_t *t, void *(*fn)(void *), void *arg);
int thread_join(thread_t t, void **ret);
_Noreturn void thread_exit(void *ret);    /* this thread only (exit, not exit_group) */
pid_t thread_tid(thread_t t);

/* A futex mutex (0 free, 1 locked, 2 locked with waiters). */
typedef struct { volatile int v; } mutex_t;
#define MUTEX_INIT {0}
void mutex_lock(mutex_t *m);
int mutex_trylock(mutex_t *m);            /* 0, or EBUSY */
void mutex_unlock(mutex_t *m);

/* The static TLS of the calling thread's program: set up for the initial
 * thread by start-up when the program has a PT_TLS segment. */
void __rt_tls_init(void);

/* ---- small helpers for tests ----------------------------------------------------- */

/* Deterministic 64-bit PRNG (xorshift64*), for tests and benchmarks. */
uint64_t rt_rand64(uint64_t *state);
/* FNV-1a over a buffer, continuing from h (start with RT_FNV_INIT). */
#define RT_FNV_INIT 0xcbf29ce484222325ull
uint64_t rt_fnv1a(uint64_t h, const void *p, size_t n);

#endif
