/* errno-returning wrappers over the raw syscalls. */
#include "rt.h"

static long ret(long r)
{
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

ssize_t read(int fd, void *buf, size_t n) { return ret(syscall3(SYS_read, fd, (long)buf, n)); }
ssize_t write(int fd, const void *buf, size_t n) { return ret(syscall3(SYS_write, fd, (long)buf, n)); }
ssize_t pread(int fd, void *buf, size_t n, off_t off) { return ret(syscall4(SYS_pread64, fd, (long)buf, n, off)); }
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) { return ret(syscall4(SYS_pwrite64, fd, (long)buf, n, off)); }

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    unsigned mode = (flags & O_CREAT) ? va_arg(ap, unsigned) : 0;
    va_end(ap);
    return (int)ret(syscall4(SYS_openat, dirfd, (long)path, flags, mode));
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    unsigned mode = (flags & O_CREAT) ? va_arg(ap, unsigned) : 0;
    va_end(ap);
    return (int)ret(syscall4(SYS_openat, AT_FDCWD, (long)path, flags, mode));
}

int close(int fd) { return (int)ret(syscall1(SYS_close, fd)); }
off_t lseek(int fd, off_t off, int whence) { return ret(syscall3(SYS_lseek, fd, off, whence)); }

#if RT_HAVE_KSTAT
static void from_kstat(struct stat *st, const struct rt_kstat *k)
{
    st->st_dev = k->st_dev;
    st->st_ino = k->st_ino;
    st->st_mode = k->st_mode;
    st->st_nlink = (unsigned)k->st_nlink;
    st->st_uid = k->st_uid;
    st->st_gid = k->st_gid;
    st->st_rdev = k->st_rdev;
    st->st_size = k->st_size;
    st->st_blksize = k->st_blksize;
    st->st_blocks = k->st_blocks;
    st->st_atim.tv_sec = k->st_atime_;
    st->st_atim.tv_nsec = (long)k->st_atime_nsec;
    st->st_mtim.tv_sec = k->st_mtime_;
    st->st_mtim.tv_nsec = (long)k->st_mtime_nsec;
    st->st_ctim.tv_sec = k->st_ctime_;
    st->st_ctim.tv_nsec = (long)k->st_ctime_nsec;
}

static int do_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
    struct rt_kstat k;
    long r = syscall4(SYS_newfstatat, dirfd, (long)path, (long)&k, flags);
    if (r < 0)
        return (int)ret(r);
    from_kstat(st, &k);
    return 0;
}
#else
/* struct statx (include/uapi/linux/stat.h), the fields we read. */
struct rt_statx {
    uint32_t mask, blksize;
    uint64_t attributes;
    uint32_t nlink, uid, gid;
    uint16_t mode, __pad0;
    uint64_t ino, size, blocks, attributes_mask;
    struct { int64_t sec; uint32_t nsec; int32_t __pad; } atime, btime, ctime, mtime;
    uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
    uint64_t __spare[14];
};

static unsigned long mkdev(uint32_t ma, uint32_t mi)
{
    return (unsigned long)(ma & 0xfff) << 8 | (mi & 0xff) |
           (unsigned long)(mi & ~0xffu) << 12 | (unsigned long)(ma & ~0xfffu) << 32;
}

static int do_fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
    struct rt_statx x;
    long r = syscall5(SYS_statx, dirfd, (long)path, flags, 0x7ff, (long)&x);
    if (r < 0)
        return (int)ret(r);
    st->st_dev = mkdev(x.dev_major, x.dev_minor);
    st->st_ino = x.ino;
    st->st_mode = x.mode;
    st->st_nlink = x.nlink;
    st->st_uid = x.uid;
    st->st_gid = x.gid;
    st->st_rdev = mkdev(x.rdev_major, x.rdev_minor);
    st->st_size = (long)x.size;
    st->st_blksize = x.blksize;
    st->st_blocks = (long)x.blocks;
    st->st_atim.tv_sec = x.atime.sec;
    st->st_atim.tv_nsec = x.atime.nsec;
    st->st_mtim.tv_sec = x.mtime.sec;
    st->st_mtim.tv_nsec = x.mtime.nsec;
    st->st_ctim.tv_sec = x.ctime.sec;
    st->st_ctim.tv_nsec = x.ctime.nsec;
    return 0;
}
#endif

int fstat(int fd, struct stat *st)
{
#if RT_HAVE_KSTAT
    struct rt_kstat k;
    long r = syscall2(SYS_fstat, fd, (long)&k);
    if (r < 0)
        return (int)ret(r);
    from_kstat(st, &k);
    return 0;
#else
    return do_fstatat(fd, "", st, AT_EMPTY_PATH);
#endif
}

int stat(const char *path, struct stat *st) { return do_fstatat(AT_FDCWD, path, st, 0); }
int lstat(const char *path, struct stat *st) { return do_fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW); }
int symlink(const char *target, const char *path)
{
    return (int)ret(syscall3(SYS_symlinkat, (long)target, AT_FDCWD, (long)path));
}
int link(const char *from, const char *to)
{
    return (int)ret(syscall5(SYS_linkat, AT_FDCWD, (long)from, AT_FDCWD, (long)to, 0));
}
ssize_t readlink(const char *path, char *buf, size_t n)
{
    return ret(syscall4(SYS_readlinkat, AT_FDCWD, (long)path, (long)buf, n));
}
int access(const char *path, int mode) { return (int)ret(syscall3(SYS_faccessat, AT_FDCWD, (long)path, mode)); }
int fchmod(int fd, mode_t mode) { return (int)ret(syscall2(SYS_fchmod, fd, mode)); }
int chmod(const char *path, mode_t mode) { return (int)ret(syscall3(SYS_fchmodat, AT_FDCWD, (long)path, mode)); }
mode_t umask(mode_t mask) { return (mode_t)syscall1(SYS_umask, mask); }
int ioctl(int fd, unsigned long req, void *arg) { return (int)ret(syscall3(SYS_ioctl, fd, (long)req, (long)arg)); }
ssize_t readv(int fd, const struct iovec *iov, int n) { return ret(syscall3(SYS_readv, fd, (long)iov, n)); }
ssize_t writev(int fd, const struct iovec *iov, int n) { return ret(syscall3(SYS_writev, fd, (long)iov, n)); }
int ftruncate(int fd, off_t len) { return (int)ret(syscall2(SYS_ftruncate, fd, len)); }
int fsync(int fd) { return (int)ret(syscall1(SYS_fsync, fd)); }
int unlink(const char *path) { return (int)ret(syscall3(SYS_unlinkat, AT_FDCWD, (long)path, 0)); }
int rmdir(const char *path) { return (int)ret(syscall3(SYS_unlinkat, AT_FDCWD, (long)path, AT_REMOVEDIR)); }
int mkdir(const char *path, mode_t mode) { return (int)ret(syscall3(SYS_mkdirat, AT_FDCWD, (long)path, mode)); }
int rename(const char *from, const char *to)
{
    return (int)ret(syscall5(SYS_renameat2, AT_FDCWD, (long)from, AT_FDCWD, (long)to, 0));
}
int chdir(const char *path) { return (int)ret(syscall1(SYS_chdir, (long)path)); }
char *getcwd(char *buf, size_t n)
{
    long r = syscall2(SYS_getcwd, (long)buf, n);
    return ret(r) < 0 ? 0 : buf;
}
int dup(int fd) { return (int)ret(syscall1(SYS_dup, fd)); }
int dup3(int fd, int to, int flags) { return (int)ret(syscall3(SYS_dup3, fd, to, flags)); }
int dup2(int fd, int to)
{
    if (fd == to)   /* dup3 refuses equal fds; dup2 checks fd is open */
        return fcntl(fd, F_GETFD, 0) < 0 ? -1 : to;
    return dup3(fd, to, 0);
}
int pipe2(int fds[2], int flags) { return (int)ret(syscall2(SYS_pipe2, (long)fds, flags)); }
int pipe(int fds[2]) { return pipe2(fds, 0); }
int fcntl(int fd, int cmd, long arg) { return (int)ret(syscall3(SYS_fcntl, fd, cmd, arg)); }

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    return (void *)ret(syscall6(SYS_mmap, (long)addr, len, prot, flags, fd, off));
}
int munmap(void *addr, size_t len) { return (int)ret(syscall2(SYS_munmap, (long)addr, len)); }
int mprotect(void *addr, size_t len, int prot) { return (int)ret(syscall3(SYS_mprotect, (long)addr, len, prot)); }
void *mremap(void *old, size_t oldlen, size_t newlen, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    void *na = (flags & MREMAP_FIXED) ? va_arg(ap, void *) : 0;
    va_end(ap);
    return (void *)ret(syscall5(SYS_mremap, (long)old, oldlen, newlen, flags, (long)na));
}
int msync(void *addr, size_t len, int flags) { return (int)ret(syscall3(SYS_msync, (long)addr, len, flags)); }

void *rt_brk(void *addr) { return (void *)syscall1(SYS_brk, (long)addr); }

static char *cur_brk;

int brk(void *addr)
{
    char *r = rt_brk(addr);
    cur_brk = r;
    if (r != addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

void *sbrk(long incr)
{
    if (!cur_brk)
        cur_brk = rt_brk(0);
    char *old = cur_brk;
    if (incr && brk(old + incr) < 0)
        return (void *)-1;
    return old;
}

pid_t getpid(void) { return (pid_t)syscall0(SYS_getpid); }
pid_t getppid(void) { return (pid_t)syscall0(SYS_getppid); }
pid_t gettid(void) { return (pid_t)syscall0(SYS_gettid); }
unsigned getuid(void) { return (unsigned)syscall0(SYS_getuid); }
int kill(pid_t pid, int sig) { return (int)ret(syscall2(SYS_kill, pid, sig)); }
int tgkill(pid_t tgid, pid_t tid, int sig) { return (int)ret(syscall3(SYS_tgkill, tgid, tid, sig)); }
int raise(int sig) { return tgkill(getpid(), gettid(), sig); }
int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return (int)ret(syscall2(SYS_nanosleep, (long)req, (long)rem));
}
int clock_gettime(int clk, struct timespec *ts) { return (int)ret(syscall2(SYS_clock_gettime, clk, (long)ts)); }
long getrandom(void *buf, size_t n, unsigned flags) { return ret(syscall3(SYS_getrandom, (long)buf, n, flags)); }
