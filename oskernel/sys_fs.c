/* Files, directories, descriptors, polling and sockets.
 *
 * Guest fds are host fds: a guest fd number is the host's, and each syscall
 * is the host's syscall on it, so results and errno are Linux's own.
 * Guest buffers reach the host kernel as host pointers into the arena
 * (user_ptr), so a bad pointer gets the host kernel's own -EFAULT.  Structs
 * whose layout is the same on the host and every guest (iovec, pollfd,
 * timespec, fd_set, sockaddr, msghdr, termios, statfs, statx, dirent64)
 * pass unchanged; struct stat goes through kabi->put_stat, epoll_event
 * through kabi->epoll_packed, open flags through kabi->open_flags.
 * docs/syscalls.md has the rules for paths and the synthesized /proc files.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <linux/openat2.h>
#include <unistd.h>

#include "../sim/mem.h"
#include "sched.h"
#include "syscalls.h"

#define GUEST_AT_FDCWD ((uint64_t)(int64_t)AT_FDCWD)

/* A blocking host call cut short by a host signal: Linux's -ERESTARTSYS,
 * which the signal code turns into a restart or -EINTR as the guest's
 * sigaction says. */
static long io_ret(long r)
{
    if (r == -1 && errno == EINTR)
        return -ERESTARTSYS;
    return host_ret(r);
}

/* poll and select: restarted only when no handler runs. */
static long poll_ret(long r)
{
    if (r == -1 && errno == EINTR)
        return -ERESTARTNOHAND;
    return host_ret(r);
}

/* ---- trapeze's own fds ---------------------------------------------------- */

#define MAX_INTERNAL 32
static int internal_fds[MAX_INTERNAL];
static unsigned n_internal;
static int lowest_internal = INT_MAX;

void kernel_reserve_fd(int fd)
{
    if (fd < 0 || kernel_fd_is_internal(fd) || n_internal == MAX_INTERNAL)
        return;
    internal_fds[n_internal++] = fd;
    if (fd < lowest_internal)
        lowest_internal = fd;
}

void kernel_release_fd(int fd)
{
    lowest_internal = INT_MAX;
    for (unsigned i = 0; i < n_internal; i++) {
        if (internal_fds[i] == fd)
            internal_fds[i--] = internal_fds[--n_internal];
        else if (internal_fds[i] < lowest_internal)
            lowest_internal = internal_fds[i];
    }
}

bool kernel_fd_is_internal(int fd)
{
    if (fd < lowest_internal)
        return false;
    for (unsigned i = 0; i < n_internal; i++)
        if (internal_fds[i] == fd)
            return true;
    return false;
}

/* A guest fd argument; trapeze's own fds do not exist for the guest. */
#define GUEST_FD(var, arg)                                                 \
    int var = (int)(arg);                                                  \
    if (kernel_fd_is_internal(var))                                        \
        return -EBADF

/* ---- guest memory --------------------------------------------------------- */

#define HOST_PAGE 4096u

void *user_ptr(uint64_t addr, size_t len, bool written)
{
    struct mem *m = guest_mem;
    if (len == 0)
        return m->base + (addr < m->size ? addr : 0);
    if (addr >= m->size || len > m->size - addr)
        return NULL;
    if (written && m->code_pages) {
        uint64_t end = addr + len;
        for (uint64_t p = addr & ~(uint64_t)(HOST_PAGE - 1); p < end; p += HOST_PAGE)
            if (mem_is_code_page(m, p))
                mem_code_write_fault(m, p);
    }
    return m->base + addr;
}

/* Optional pointer arguments: guest NULL is host NULL. */
#define USER_PTR_OPT(var, addr, len, written)                              \
    void *var = NULL;                                                      \
    if ((addr) != 0 && !(var = user_ptr(addr, len, written)))              \
        return -EFAULT

#define USER_PTR(var, addr, len, written)                                  \
    void *var = user_ptr(addr, len, written);                              \
    if (!var)                                                              \
        return -EFAULT

/* ---- open flags ----------------------------------------------------------- */

int oflags_to_host(uint64_t guest)
{
    const uint32_t (*map)[2] = kern->abi->open_flags;
    uint32_t g = (uint32_t)guest, h = g;
    if (!map)
        return (int)g;
    for (unsigned i = 0; map[i][0] | map[i][1]; i++)
        h &= ~map[i][0];
    for (unsigned i = 0; map[i][0] | map[i][1]; i++)
        if (g & map[i][0])
            h |= map[i][1];
    return (int)h;
}

uint64_t oflags_from_host(int host)
{
    const uint32_t (*map)[2] = kern->abi->open_flags;
    uint32_t h = (uint32_t)host, g = h;
    if (!map)
        return g;
    for (unsigned i = 0; map[i][0] | map[i][1]; i++)
        g &= ~map[i][1];
    for (unsigned i = 0; map[i][0] | map[i][1]; i++)
        if (h & map[i][1])
            g |= map[i][0];
    return g;
}

/* ---- paths ---------------------------------------------------------------- */

static int self_pid(void)
{
    return kern->pid > 0 ? kern->pid : getpid();
}

/* Does p name /proc/self/<leaf> (or /proc/<our pid>/, /proc/thread-self/)? */
static bool is_self_proc(const char *p, const char *leaf)
{
    if (strncmp(p, "/proc/", 6) != 0)
        return false;
    p += 6;
    char pid[24];
    snprintf(pid, sizeof pid, "%d/", self_pid());
    if (!strncmp(p, "self/", 5))
        p += 5;
    else if (!strncmp(p, "thread-self/", 12))
        p += 12;
    else if (!strncmp(p, pid, strlen(pid)))
        p += strlen(pid);
    else
        return false;
    return strcmp(p, leaf) == 0;
}

/* The guest program's absolute path, for /proc/self/exe. */
static const char *exe_path(void)
{
    static char abs[PATH_MAX];
    if (kern->exe_abspath)
        return kern->exe_abspath;
    if (!abs[0] && kern->exe_path && !realpath(kern->exe_path, abs))
        abs[0] = 0;
    if (!abs[0]) {
        /* the loader's AT_EXECFN string, the path the program was run by */
        for (uint64_t a = kern->auxv_addr; a + 16 <= kern->auxv_addr + kern->auxv_len; a += 16) {
            uint64_t type, val;
            char fn[PATH_MAX];
            if (get_user_u64(&type, a) || get_user_u64(&val, a + 8) || type == 0)
                break;
            if (type == 31 /* AT_EXECFN */ && strncpy_from_user(fn, val, sizeof fn) > 0 &&
                !realpath(fn, abs))
                abs[0] = 0;
        }
    }
    return abs[0] ? abs : NULL;
}

static int copy_path(char *out, size_t outsz, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb + 1 > outsz)
        return -ENAMETOOLONG;
    memcpy(out, a, la);
    memcpy(out + la, b, lb + 1);
    return 0;
}

int kernel_host_path(const char *gpath, char *out, size_t outsz)
{
    if (is_self_proc(gpath, "exe") && exe_path())
        return copy_path(out, outsz, exe_path(), "");
    if (gpath[0] == '/' && kern->sysroot && kern->sysroot[0]) {
        /* As qemu-user does: the sysroot's file if it exists, else the
         * host's. */
        if (copy_path(out, outsz, kern->sysroot, gpath) == 0 &&
            faccessat(AT_FDCWD, out, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
            return 0;
    }
    return copy_path(out, outsz, gpath, "");
}

int get_user_path(uint64_t gp, char *out, size_t outsz)
{
    char g[PATH_MAX];
    long n = strncpy_from_user(g, gp, sizeof g);
    if (n < 0)
        return (int)n;
    return kernel_host_path(g, out, outsz);
}

#define GET_PATH(var, arg)                                                 \
    char var[PATH_MAX + 256];                                              \
    do {                                                                   \
        int e_ = get_user_path(arg, var, sizeof var);                      \
        if (e_ < 0)                                                        \
            return e_;                                                     \
    } while (0)

/* ---- synthesized /proc files ---------------------------------------------- */

static int memfd_with(const void *data, size_t len, int hflags)
{
    int fd = memfd_create("trapeze-proc", (hflags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
    if (fd < 0)
        return -errno;
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w <= 0) {
            int e = errno;
            close(fd);
            return -e;
        }
        p += w;
        len -= (size_t)w;
    }
    lseek(fd, 0, SEEK_SET);
    return fd;
}

/* /proc/self/maps in Linux's format (fs/proc/task_mmu.c show_map_vma):
 * the name starts in column 74, anonymous lines end in a space. */
static int open_maps(int hflags)
{
    struct mem *m = guest_mem;
    size_t cap = 256 + (size_t)m->nvmas * 160, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return -ENOMEM;
    for (unsigned i = 0; i < m->nvmas; i++) {
        const struct vma *v = &m->vmas[i];
        unsigned maj = 0, min = 0;
        unsigned long ino = 0;
        struct stat st;
        if (v->name[0] == '/' && stat(v->name, &st) == 0) {
            maj = major(st.st_dev);
            min = minor(st.st_dev);
            ino = st.st_ino;
        }
        int n = snprintf(buf + len, cap - len, "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %lu ",
                         (unsigned long long)v->start, (unsigned long long)v->end,
                         v->prot & PROT_R ? 'r' : '-', v->prot & PROT_W ? 'w' : '-',
                         v->prot & PROT_X ? 'x' : '-', v->shared ? 's' : 'p',
                         (unsigned long long)v->file_off, maj, min, ino);
        len += (size_t)n;
        if (v->name[0]) {
            while (n < 72) {
                buf[len++] = ' ';
                n++;
            }
            len += (size_t)snprintf(buf + len, cap - len, " %.*s", (int)sizeof v->name, v->name);
        }
        buf[len++] = '\n';
    }
    int fd = memfd_with(buf, len, hflags);
    free(buf);
    return fd;
}

static int open_auxv(int hflags)
{
    size_t n = kern->auxv_len;
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf)
        return -ENOMEM;
    int fd = copy_from_user(buf, kern->auxv_addr, n) ? -EIO : memfd_with(buf, n, hflags);
    free(buf);
    return fd;
}

/* /proc/self/cmdline and environ: the bytes from the first argument (or
 * environment) string to the end of the last, as they are in guest memory
 * now, as Linux reads them between mm->arg_start and arg_end.  The
 * pointers are found from the initial stack: argc, argv[], NULL, envp[],
 * NULL, then the auxv the loader recorded. */
static int open_args(int hflags, bool env)
{
    uint64_t p = kern->auxv_addr - 8, v;        /* envp's NULL */
    uint64_t env_first = 0, env_last = 0, nenv = 0;
    if (!kern->auxv_addr)
        return -ENOENT;
    while (p >= 8 && !get_user_u64(&v, p - 8) && v != 0) {
        p -= 8;
        if (!nenv++)
            env_last = v;
        env_first = v;
    }
    uint64_t argv_end = p - 8, argc = 0, arg_first = 0, arg_last = 0;  /* argv's NULL */
    p = argv_end;
    while (p >= 8 && !get_user_u64(&v, p - 8) && v != argc && argc < 1000000) {
        p -= 8;
        if (!argc++)
            arg_last = v;
        arg_first = v;
    }
    uint64_t first = env ? env_first : arg_first, last = env ? env_last : arg_last;
    size_t len = 0;
    if ((env ? nenv : argc) != 0) {
        long n;
        char tmp[PATH_MAX];
        /* the last string's length, bounded */
        n = strncpy_from_user(tmp, last, sizeof tmp);
        len = n < 0 ? 0 : (size_t)(last - first) + (size_t)n + 1;
        if (last < first || len > (1u << 24))
            len = 0;
    }
    uint8_t *buf = malloc(len ? len : 1);
    if (!buf)
        return -ENOMEM;
    int fd = len && copy_from_user(buf, first, len) ? -EIO : memfd_with(buf, len, hflags);
    free(buf);
    return fd;
}

/* The /proc files whose host version would describe trapeze, not the
 * guest; INT_MIN if gpath is not one of them. */
static int open_synthesized(const char *gpath, int hflags)
{
    bool maps = is_self_proc(gpath, "maps"), auxv = is_self_proc(gpath, "auxv");
    bool cmdline = is_self_proc(gpath, "cmdline"), env = is_self_proc(gpath, "environ");
    if (cmdline || env)
        return (hflags & O_ACCMODE) != O_RDONLY ? host_ret(open(gpath, hflags, 0))
                                                : open_args(hflags, env);
    if (!maps && !auxv)
        return INT_MIN;
    /* Opened for writing, the host's own file gives Linux's answers
     * (EACCES unless privileged; writes fail with EINVAL). */
    if ((hflags & O_ACCMODE) != O_RDONLY)
        return host_ret(open(gpath, hflags, 0));
    return maps ? open_maps(hflags) : open_auxv(hflags);
}

/* ---- open, close, read, write --------------------------------------------- */

SYSCALL(openat)
{
    if ((int)a0 != AT_FDCWD && kernel_fd_is_internal((int)a0))
        return -EBADF;
    char g[PATH_MAX], h[PATH_MAX + 256];
    long n = strncpy_from_user(g, a1, sizeof g);
    if (n < 0)
        return n;
    int hflags = oflags_to_host(a2);
    if (is_self_proc(g, "exe") && (hflags & O_NOFOLLOW) && !(hflags & O_PATH))
        return -ELOOP;          /* it is a link */
    int fd = open_synthesized(g, hflags);
    if (fd != INT_MIN)
        return fd;
    int e = kernel_host_path(g, h, sizeof h);
    if (e < 0)
        return e;
    return io_ret(syscall(SYS_openat, (int)a0, h, hflags, (mode_t)a3));
}

/* openat2: struct open_how {flags, mode, resolve}, extensible: a larger
 * struct is accepted when the part this kernel does not know is zero. */
SYSCALL(openat2)
{
    if ((int)a0 != AT_FDCWD && kernel_fd_is_internal((int)a0))
        return -EBADF;
    if (a3 < 24)
        return -EINVAL;
    if (a3 > 4096)
        return -E2BIG;
    uint8_t how[4096];
    if (copy_from_user(how, a2, a3))
        return -EFAULT;
    for (uint64_t i = 24; i < a3; i++)
        if (how[i])
            return -E2BIG;
    char g[PATH_MAX], h[PATH_MAX + 256];
    long n = strncpy_from_user(g, a1, sizeof g);
    if (n < 0)
        return n;
    uint64_t flags = get_le64(how);
    if (flags >> 32)
        return -EINVAL;
    uint64_t hh[3] = { (uint32_t)oflags_to_host(flags), get_le64(how + 8), get_le64(how + 16) };
    /* /proc/self/exe is a (magic) link, which these refuse to follow */
    if (is_self_proc(g, "exe") && ((hh[2] & (RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)) ||
                                   ((hh[0] & O_NOFOLLOW) && !(hh[0] & O_PATH))))
        return -ELOOP;
    int fd = open_synthesized(g, (int)hh[0]);
    if (fd != INT_MIN)
        return fd;
    int e = kernel_host_path(g, h, sizeof h);
    if (e < 0)
        return e;
    return io_ret(syscall(SYS_openat2, (int)a0, h, hh, sizeof hh));
}

SYSCALL(close)
{
    GUEST_FD(fd, a0);
    return host_ret(close(fd));
}

/* close_range skips trapeze's fds: close the gaps between them. */
SYSCALL(close_range)
{
    unsigned first = (unsigned)a0, last = (unsigned)a1, flags = (unsigned)a2;
    if (first > last)
        return -EINVAL;
    int sorted[MAX_INTERNAL];
    unsigned n = 0;
    for (unsigned i = 0; i < n_internal; i++) {
        unsigned j = n++;
        while (j > 0 && sorted[j - 1] > internal_fds[i]) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = internal_fds[i];
    }
    unsigned lo = first;
    for (unsigned i = 0; i < n && lo <= last; i++) {
        unsigned f = (unsigned)sorted[i];
        if (f < lo)
            continue;
        if (f > last)
            break;
        if (f > lo && syscall(SYS_close_range, lo, f - 1, flags) < 0)
            return -errno;
        lo = f + 1;
    }
    if (lo <= last && syscall(SYS_close_range, lo, last, flags) < 0)
        return -errno;
    return 0;
}

SYSCALL(read)
{
    GUEST_FD(fd, a0);
    USER_PTR(p, a1, a2, true);
    return io_ret(read(fd, p, a2));
}

SYSCALL(write)
{
    GUEST_FD(fd, a0);
    USER_PTR(p, a1, a2, false);
    return io_ret(write(fd, p, a2));
}

SYSCALL(pread64)
{
    GUEST_FD(fd, a0);
    USER_PTR(p, a1, a2, true);
    return io_ret(pread(fd, p, a2, (off_t)a3));
}

SYSCALL(pwrite64)
{
    GUEST_FD(fd, a0);
    USER_PTR(p, a1, a2, false);
    return io_ret(pwrite(fd, p, a2, (off_t)a3));
}

#define MAX_IOV 1024    /* UIO_MAXIOV */

/* The guest's iovec array (same layout everywhere: base, len) with host
 * pointers; returns the count or -errno. */
static long get_iov(struct iovec *iov, uint64_t giov, uint64_t cnt, bool written)
{
    if (cnt > MAX_IOV)
        return -EINVAL;
    uint8_t raw[16];
    for (uint64_t i = 0; i < cnt; i++) {
        if (copy_from_user(raw, giov + 16 * i, 16))
            return -EFAULT;
        uint64_t base = get_le64(raw), len = get_le64(raw + 8);
        if ((int64_t)len < 0)
            return -EINVAL;
        iov[i].iov_len = len;
        if (!(iov[i].iov_base = user_ptr(base, len, written)))
            return -EFAULT;
    }
    return (long)cnt;
}

#define GET_IOV(iov, n, giov, cnt, written)                                \
    struct iovec iov[MAX_IOV];                                             \
    long n = get_iov(iov, giov, cnt, written);                             \
    if (n < 0)                                                             \
        return n

SYSCALL(readv)
{
    GUEST_FD(fd, a0);
    GET_IOV(iov, n, a1, a2, true);
    return io_ret(readv(fd, iov, (int)n));
}

SYSCALL(writev)
{
    GUEST_FD(fd, a0);
    GET_IOV(iov, n, a1, a2, false);
    return io_ret(writev(fd, iov, (int)n));
}

/* On 64-bit Linux pos_l holds the whole offset. */
SYSCALL(preadv)
{
    GUEST_FD(fd, a0);
    GET_IOV(iov, n, a1, a2, true);
    return io_ret(syscall(SYS_preadv, fd, iov, n, a3, 0));
}

SYSCALL(pwritev)
{
    GUEST_FD(fd, a0);
    GET_IOV(iov, n, a1, a2, false);
    return io_ret(syscall(SYS_pwritev, fd, iov, n, a3, 0));
}

SYSCALL(preadv2)
{
    GUEST_FD(fd, a0);
    GET_IOV(iov, n, a1, a2, true);
    return io_ret(syscall(SYS_preadv2, fd, iov, n, a3, 0, a5));
}

SYSCALL(pwritev2)
{
    GUEST_FD(fd, a0);
    GET_IOV(iov, n, a1, a2, false);
    return io_ret(syscall(SYS_pwritev2, fd, iov, n, a3, 0, a5));
}

SYSCALL(lseek)
{
    GUEST_FD(fd, a0);
    return host_ret(lseek(fd, (off_t)a1, (int)a2));
}

/* ---- stat ------------------------------------------------------------------ */

/* The calling thread's last stat result, for --strace. */
static _Thread_local struct kstat last_kstat;

const struct kstat *sys_last_kstat(void)
{
    return &last_kstat;
}

static long put_host_stat(uint64_t gbuf, const struct stat *hs)
{
    struct kstat ks;
    uint8_t buf[256];
    fill_kstat(&ks, hs);
    last_kstat = ks;
    size_t n = kern->abi->put_stat(buf, &ks);
    return copy_to_user(gbuf, buf, n) ? -EFAULT : 0;
}

SYSCALL(fstat)
{
    GUEST_FD(fd, a0);
    struct stat hs;
    if (fstat(fd, &hs) < 0)
        return -errno;
    return put_host_stat(a1, &hs);
}

SYSCALL(newfstatat)
{
    if ((int)a0 != AT_FDCWD && kernel_fd_is_internal((int)a0))
        return -EBADF;
    GET_PATH(path, a1);
    struct stat hs;
    if (fstatat((int)a0, path, &hs, (int)a3) < 0)
        return -errno;
    return put_host_stat(a2, &hs);
}

SYSCALL(statx)
{
    if ((int)a0 != AT_FDCWD && kernel_fd_is_internal((int)a0))
        return -EBADF;
    char path[PATH_MAX + 256];
    const char *hp = NULL;
    if (a1 != 0 || !(a2 & AT_EMPTY_PATH)) {
        int e = get_user_path(a1, path, sizeof path);
        if (e < 0)
            return e;
        hp = path;
    }
    USER_PTR(buf, a4, 256, true);
    return host_ret(syscall(SYS_statx, (int)a0, hp, (int)a2, (unsigned)a3, buf));
}

SYSCALL(stat)
{
    return sys_newfstatat(c, GUEST_AT_FDCWD, a0, a1, 0, 0, 0);
}

SYSCALL(lstat)
{
    return sys_newfstatat(c, GUEST_AT_FDCWD, a0, a1, AT_SYMLINK_NOFOLLOW, 0, 0);
}

SYSCALL(statfs)
{
    GET_PATH(path, a0);
    USER_PTR(buf, a1, 120, true);
    return host_ret(syscall(SYS_statfs, path, buf));
}

SYSCALL(fstatfs)
{
    GUEST_FD(fd, a0);
    USER_PTR(buf, a1, 120, true);
    return host_ret(syscall(SYS_fstatfs, fd, buf));
}

/* ---- directories and names -------------------------------------------------- */

#define GUEST_DIRFD(var, arg)                                              \
    int var = (int)(arg);                                                  \
    if (var != AT_FDCWD && kernel_fd_is_internal(var))                     \
        return -EBADF

SYSCALL(getdents64)
{
    GUEST_FD(fd, a0);
    USER_PTR(p, a1, (unsigned)a2, true);
    return host_ret(syscall(SYS_getdents64, fd, p, (unsigned)a2));
}

SYSCALL(getdents)
{
#ifdef SYS_getdents
    GUEST_FD(fd, a0);
    USER_PTR(p, a1, (unsigned)a2, true);
    return host_ret(syscall(SYS_getdents, fd, p, (unsigned)a2));
#else
    return -ENOSYS;
#endif
}

SYSCALL(readlinkat)
{
    GUEST_DIRFD(dfd, a0);
    int size = (int)a3;
    if (size <= 0)
        return -EINVAL;
    char g[PATH_MAX], h[PATH_MAX + 256];
    long n = strncpy_from_user(g, a1, sizeof g);
    if (n < 0)
        return n;
    if (is_self_proc(g, "exe") && exe_path()) {
        size_t len = strlen(exe_path());
        if (len > (size_t)size)
            len = (size_t)size;
        return copy_to_user(a2, exe_path(), len) ? -EFAULT : (long)len;
    }
    int e = kernel_host_path(g, h, sizeof h);
    if (e < 0)
        return e;
    if (size > PATH_MAX)        /* no link is longer */
        size = PATH_MAX;
    USER_PTR(buf, a2, (size_t)size, true);
    return host_ret(readlinkat(dfd, h, buf, (size_t)size));
}

SYSCALL(readlink)
{
    return sys_readlinkat(c, GUEST_AT_FDCWD, a0, a1, a2, 0, 0);
}

SYSCALL(faccessat)
{
    GUEST_DIRFD(dfd, a0);
    GET_PATH(path, a1);
    return host_ret(syscall(SYS_faccessat, dfd, path, (int)a2));
}

SYSCALL(faccessat2)
{
    GUEST_DIRFD(dfd, a0);
    GET_PATH(path, a1);
    return host_ret(syscall(SYS_faccessat2, dfd, path, (int)a2, (int)a3));
}

SYSCALL(access)
{
    return sys_faccessat(c, GUEST_AT_FDCWD, a0, a1, 0, 0, 0);
}

SYSCALL(getcwd)
{
    /* The kernel writes only the path: a larger size needs no more room. */
    size_t size = a1 > PATH_MAX ? PATH_MAX : a1;
    USER_PTR(buf, a0, size, true);
    return host_ret(syscall(SYS_getcwd, buf, size));
}

SYSCALL(chdir)
{
    GET_PATH(path, a0);
    return host_ret(chdir(path));
}

SYSCALL(fchdir)
{
    GUEST_FD(fd, a0);
    return host_ret(fchdir(fd));
}

SYSCALL(chroot)
{
    GET_PATH(path, a0);
    return host_ret(chroot(path));
}

SYSCALL(mkdirat)
{
    GUEST_DIRFD(dfd, a0);
    GET_PATH(path, a1);
    return host_ret(mkdirat(dfd, path, (mode_t)a2));
}

SYSCALL(mknodat)
{
    GUEST_DIRFD(dfd, a0);
    GET_PATH(path, a1);
    return host_ret(syscall(SYS_mknodat, dfd, path, (mode_t)a2, (unsigned)a3));
}

SYSCALL(unlinkat)
{
    GUEST_DIRFD(dfd, a0);
    GET_PATH(path, a1);
    return host_ret(unlinkat(dfd, path, (int)a2));
}

SYSCALL(renameat2)
{
    GUEST_DIRFD(ofd, a0);
    GUEST_DIRFD(nfd, a2);
    GET_PATH(from, a1);
    GET_PATH(to, a3);
    return host_ret(syscall(SYS_renameat2, ofd, from, nfd, to, (unsigned)a4));
}

SYSCALL(renameat)
{
    return sys_renameat2(c, a0, a1, a2, a3, 0, 0);
}

SYSCALL(symlinkat)
{
    /* The link's text is stored as given; only where it goes is mapped. */
    char target[PATH_MAX];
    long n = strncpy_from_user(target, a0, sizeof target);
    if (n < 0)
        return n;
    GUEST_DIRFD(dfd, a1);
    GET_PATH(path, a2);
    return host_ret(symlinkat(target, dfd, path));
}

SYSCALL(linkat)
{
    GUEST_DIRFD(ofd, a0);
    GUEST_DIRFD(nfd, a2);
    GET_PATH(from, a1);
    GET_PATH(to, a3);
    return host_ret(linkat(ofd, from, nfd, to, (int)a4));
}

SYSCALL(fchmod)
{
    GUEST_FD(fd, a0);
    return host_ret(fchmod(fd, (mode_t)a1));
}

SYSCALL(fchmodat)
{
    GUEST_DIRFD(dfd, a0);
    GET_PATH(path, a1);
    return host_ret(syscall(SYS_fchmodat, dfd, path, (mode_t)a2));
}

SYSCALL(fchownat)
{
    GUEST_DIRFD(dfd, a0);
    GET_PATH(path, a1);
    return host_ret(fchownat(dfd, path, (uid_t)a2, (gid_t)a3, (int)a4));
}

SYSCALL(fchown)
{
    GUEST_FD(fd, a0);
    return host_ret(fchown(fd, (uid_t)a1, (gid_t)a2));
}

SYSCALL(utimensat)
{
    GUEST_DIRFD(dfd, a0);
    char path[PATH_MAX + 256];
    const char *hp = NULL;      /* NULL path: the file dfd itself */
    if (a1) {
        int e = get_user_path(a1, path, sizeof path);
        if (e < 0)
            return e;
        hp = path;
    }
    USER_PTR_OPT(times, a2, 32, false);
    return host_ret(syscall(SYS_utimensat, dfd, hp, times, (int)a3));
}

SYSCALL(ftruncate)
{
    GUEST_FD(fd, a0);
    return host_ret(ftruncate(fd, (off_t)a1));
}

SYSCALL(truncate)
{
    GET_PATH(path, a0);
    return host_ret(truncate(path, (off_t)a1));
}

SYSCALL(fallocate)
{
    GUEST_FD(fd, a0);
    return host_ret(fallocate(fd, (int)a1, (off_t)a2, (off_t)a3));
}

SYSCALL(fadvise64)
{
    GUEST_FD(fd, a0);
    return host_ret(syscall(SYS_fadvise64, fd, (off_t)a1, (off_t)a2, (int)a3));
}

SYSCALL(fsync)
{
    GUEST_FD(fd, a0);
    return host_ret(fsync(fd));
}

SYSCALL(fdatasync)
{
    GUEST_FD(fd, a0);
    return host_ret(fdatasync(fd));
}

SYSCALL(sync)
{
    sync();
    return 0;
}

SYSCALL(syncfs)
{
    GUEST_FD(fd, a0);
    return host_ret(syncfs(fd));
}

SYSCALL(umask)
{
    return umask((mode_t)a0 & 0777);
}

SYSCALL(flock)
{
    GUEST_FD(fd, a0);
    return io_ret(flock(fd, (int)a1));
}

/* ---- x86_64's path syscalls, as their *at forms ----------------------------- */

SYSCALL(open) { return sys_openat(c, GUEST_AT_FDCWD, a0, a1, a2, 0, 0); }
SYSCALL(creat) { return sys_openat(c, GUEST_AT_FDCWD, a0, O_CREAT | O_WRONLY | O_TRUNC, a1, 0, 0); }
SYSCALL(unlink) { return sys_unlinkat(c, GUEST_AT_FDCWD, a0, 0, 0, 0, 0); }
SYSCALL(rmdir) { return sys_unlinkat(c, GUEST_AT_FDCWD, a0, AT_REMOVEDIR, 0, 0, 0); }
SYSCALL(mkdir) { return sys_mkdirat(c, GUEST_AT_FDCWD, a0, a1, 0, 0, 0); }
SYSCALL(mknod) { return sys_mknodat(c, GUEST_AT_FDCWD, a0, a1, a2, 0, 0); }
SYSCALL(rename) { return sys_renameat2(c, GUEST_AT_FDCWD, a0, GUEST_AT_FDCWD, a1, 0, 0); }
SYSCALL(chmod) { return sys_fchmodat(c, GUEST_AT_FDCWD, a0, a1, 0, 0, 0); }
SYSCALL(chown) { return sys_fchownat(c, GUEST_AT_FDCWD, a0, a1, a2, 0, 0); }
SYSCALL(lchown) { return sys_fchownat(c, GUEST_AT_FDCWD, a0, a1, a2, AT_SYMLINK_NOFOLLOW, 0); }
SYSCALL(link) { return sys_linkat(c, GUEST_AT_FDCWD, a0, GUEST_AT_FDCWD, a1, 0, 0); }
SYSCALL(symlink) { return sys_symlinkat(c, a0, GUEST_AT_FDCWD, a1, 0, 0, 0); }

/* utimes/futimesat: struct timeval[2] -> timespec; utime: struct utimbuf. */
static long utimes_common(struct cpu *c, uint64_t dfd, uint64_t path,
                          uint64_t gtimes, bool timeval)
{
    struct timespec ts[2];
    if (gtimes) {
        uint8_t b[32];
        if (copy_from_user(b, gtimes, timeval ? 32 : 16))
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            if (timeval) {
                int64_t usec = (int64_t)get_le64(b + 16 * i + 8);
                if (usec < 0 || usec >= 1000000)
                    return -EINVAL;
                ts[i].tv_sec = (time_t)get_le64(b + 16 * i);
                ts[i].tv_nsec = usec * 1000;
            } else {
                ts[i].tv_sec = (time_t)get_le64(b + 8 * i);
                ts[i].tv_nsec = 0;
            }
        }
    }
    GUEST_DIRFD(d, dfd);
    char hp[PATH_MAX + 256];
    const char *h = NULL;
    if (path || (int)dfd == AT_FDCWD) {
        int e = get_user_path(path, hp, sizeof hp);
        if (e < 0)
            return e;
        h = hp;
    }
    return host_ret(syscall(SYS_utimensat, d, h, gtimes ? ts : NULL, 0));
}

SYSCALL(utime) { return utimes_common(c, GUEST_AT_FDCWD, a0, a1, false); }
SYSCALL(utimes) { return utimes_common(c, GUEST_AT_FDCWD, a0, a1, true); }
SYSCALL(futimesat) { return utimes_common(c, a0, a1, a2, true); }

/* ---- descriptors: dup, pipe, fcntl, ioctl ------------------------------------ */

SYSCALL(dup)
{
    GUEST_FD(fd, a0);
    return host_ret(dup(fd));
}

SYSCALL(dup3)
{
    GUEST_FD(ofd, a0);
    GUEST_FD(nfd, a1);
    return host_ret(dup3(ofd, nfd, (int)a2));
}

SYSCALL(dup2)
{
    GUEST_FD(ofd, a0);
    GUEST_FD(nfd, a1);
    if (ofd == nfd)
        return fcntl(ofd, F_GETFD) < 0 ? -EBADF : nfd;
    return host_ret(dup2(ofd, nfd));
}

SYSCALL(pipe2)
{
    int fds[2];
    if (pipe2(fds, oflags_to_host(a1)) < 0)
        return -errno;
    uint8_t b[8];
    put_le32(b, (uint32_t)fds[0]);
    put_le32(b + 4, (uint32_t)fds[1]);
    if (copy_to_user(a0, b, 8)) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

SYSCALL(pipe)
{
    return sys_pipe2(c, a0, 0, 0, 0, 0, 0);
}

SYSCALL(fcntl)
{
    GUEST_FD(fd, a0);
    int cmd = (int)a1;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_SETOWN:
    case F_GETOWN:
    case F_SETSIG:
    case F_GETSIG:
    case F_SETLEASE:
    case F_GETLEASE:
    case F_NOTIFY:
    case F_SETPIPE_SZ:
    case F_GETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return host_ret(fcntl(fd, cmd, (int)a2));
    case F_GETFL: {
        int r = fcntl(fd, F_GETFL);
        return r < 0 ? -errno : (long)oflags_from_host(r);
    }
    case F_SETFL:
        return host_ret(fcntl(fd, F_SETFL, oflags_to_host(a2)));
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW: {
        /* struct flock: 32 bytes, the same on every 64-bit arch */
        USER_PTR(p, a2, 32, cmd == F_GETLK || cmd == F_OFD_GETLK);
        return io_ret(fcntl(fd, cmd, p));
    }
    case F_GETOWN_EX:
    case F_SETOWN_EX: {
        USER_PTR(p, a2, 8, cmd == F_GETOWN_EX);
        return host_ret(fcntl(fd, cmd, p));
    }
    default:
        return -EINVAL;
    }
}

/* ioctls whose argument layout is the same on the host and every guest
 * (asm-generic/ioctls.h and termbits.h serve all four; struct termios is
 * 36 bytes, struct winsize 8): the argument's size and direction. */
static const struct { unsigned long req; uint8_t size; uint8_t out; } ioctls[] = {
    { TCGETS, 36, 1 }, { TCSETS, 36, 0 }, { TCSETSW, 36, 0 }, { TCSETSF, 36, 0 },
    { TIOCGWINSZ, 8, 1 }, { TIOCSWINSZ, 8, 0 }, { TIOCGPGRP, 4, 1 },
    { TIOCSPGRP, 4, 0 }, { TIOCGSID, 4, 1 }, { FIONREAD, 4, 1 },
    { TIOCOUTQ, 4, 1 }, { FIONBIO, 4, 0 }, { FIOASYNC, 4, 0 },
    { TIOCGPTN, 4, 1 }, { TIOCSPTLCK, 4, 0 }, { TIOCGLCKTRMIOS, 36, 1 },
    /* files (include/uapi/linux/fs.h; the kernel moves an int for the
     * FS_IOC_*FLAGS ones despite their long encoding) */
    { 0x4020940d /* FICLONERANGE */, 32, 0 }, { 0x80086601 /* FS_IOC_GETFLAGS */, 4, 1 },
    { 0x40086602 /* FS_IOC_SETFLAGS */, 4, 0 }, { 2 /* FIGETBSZ */, 4, 1 },
    { 0x80081272 /* BLKGETSIZE64 */, 8, 1 }, { 0x1268 /* BLKSSZGET */, 4, 1 },
    /* integer or no argument */
    { FIOCLEX, 0, 0 }, { FIONCLEX, 0, 0 }, { TCFLSH, 0, 0 }, { TCXONC, 0, 0 },
    { TCSBRK, 0, 0 }, { TIOCSCTTY, 0, 0 }, { TIOCNOTTY, 0, 0 },
    { 0x40049409 /* FICLONE: the source fd */, 0, 0 },
};

SYSCALL(ioctl)
{
    GUEST_FD(fd, a0);
    unsigned long req = (uint32_t)a1;
    for (size_t i = 0; i < sizeof ioctls / sizeof ioctls[0]; i++) {
        if (ioctls[i].req != req)
            continue;
        if (ioctls[i].size == 0) {
            if (req == 0x40049409 && kernel_fd_is_internal((int)a2))
                return -EBADF;
            return host_ret(ioctl(fd, req, (unsigned long)a2));
        }
        USER_PTR(p, a2, ioctls[i].size, ioctls[i].out);
        return host_ret(ioctl(fd, req, p));
    }
    if (fcntl(fd, F_GETFD) < 0)
        return -EBADF;
    static unsigned long warned[16];
    static unsigned nwarned;
    bool seen = false;
    for (unsigned i = 0; i < nwarned; i++)
        seen |= warned[i] == req;
    if (!seen) {
        if (nwarned < 16)
            warned[nwarned++] = req;
        kwarn("ioctl 0x%lx on fd %d not supported: -ENOTTY", req, fd);
    }
    return -ENOTTY;
}

/* ---- data between fds --------------------------------------------------------- */

SYSCALL(sendfile)
{
    GUEST_FD(out, a0);
    GUEST_FD(in, a1);
    USER_PTR_OPT(off, a2, 8, true);
    return io_ret(sendfile(out, in, off, a3));
}

SYSCALL(copy_file_range)
{
    GUEST_FD(in, a0);
    GUEST_FD(out, a2);
    USER_PTR_OPT(ioff, a1, 8, true);
    USER_PTR_OPT(ooff, a3, 8, true);
    return io_ret(copy_file_range(in, ioff, out, ooff, a4, (unsigned)a5));
}

SYSCALL(splice)
{
    GUEST_FD(in, a0);
    GUEST_FD(out, a2);
    USER_PTR_OPT(ioff, a1, 8, true);
    USER_PTR_OPT(ooff, a3, 8, true);
    return io_ret(splice(in, ioff, out, ooff, a4, (unsigned)a5));
}

SYSCALL(tee)
{
    GUEST_FD(in, a0);
    GUEST_FD(out, a1);
    return io_ret(tee(in, out, a2, (unsigned)a3));
}

SYSCALL(memfd_create)
{
    char name[256];
    long n = strncpy_from_user(name, a0, sizeof name);
    if (n == -ENAMETOOLONG)
        return -EINVAL;
    if (n < 0)
        return n;
    return host_ret(memfd_create(name, (unsigned)a1));
}

/* ---- extended attributes --------------------------------------------------------- */

static long xattr_name(char *name, uint64_t g)
{
    long n = strncpy_from_user(name, g, 256);
    if (n == 0 || n == -ENAMETOOLONG)
        return -ERANGE;
    return n < 0 ? n : 0;
}

#define GET_XNAME(var, arg)                                                \
    char var[256];                                                         \
    do {                                                                   \
        long e_ = xattr_name(var, arg);                                    \
        if (e_ < 0)                                                        \
            return e_;                                                     \
    } while (0)

SYSCALL(getxattr) { GET_PATH(p, a0); GET_XNAME(n, a1); USER_PTR(v, a2, a3, true); return host_ret(getxattr(p, n, v, a3)); }
SYSCALL(lgetxattr) { GET_PATH(p, a0); GET_XNAME(n, a1); USER_PTR(v, a2, a3, true); return host_ret(lgetxattr(p, n, v, a3)); }
SYSCALL(fgetxattr) { GUEST_FD(fd, a0); GET_XNAME(n, a1); USER_PTR(v, a2, a3, true); return host_ret(fgetxattr(fd, n, v, a3)); }
SYSCALL(listxattr) { GET_PATH(p, a0); USER_PTR(v, a1, a2, true); return host_ret(listxattr(p, v, a2)); }
SYSCALL(llistxattr) { GET_PATH(p, a0); USER_PTR(v, a1, a2, true); return host_ret(llistxattr(p, v, a2)); }
SYSCALL(flistxattr) { GUEST_FD(fd, a0); USER_PTR(v, a1, a2, true); return host_ret(flistxattr(fd, v, a2)); }
SYSCALL(setxattr) { GET_PATH(p, a0); GET_XNAME(n, a1); USER_PTR(v, a2, a3, false); return host_ret(setxattr(p, n, v, a3, (int)a4)); }
SYSCALL(lsetxattr) { GET_PATH(p, a0); GET_XNAME(n, a1); USER_PTR(v, a2, a3, false); return host_ret(lsetxattr(p, n, v, a3, (int)a4)); }
SYSCALL(fsetxattr) { GUEST_FD(fd, a0); GET_XNAME(n, a1); USER_PTR(v, a2, a3, false); return host_ret(fsetxattr(fd, n, v, a3, (int)a4)); }
SYSCALL(removexattr) { GET_PATH(p, a0); GET_XNAME(n, a1); return host_ret(removexattr(p, n)); }
SYSCALL(lremovexattr) { GET_PATH(p, a0); GET_XNAME(n, a1); return host_ret(lremovexattr(p, n)); }
SYSCALL(fremovexattr) { GUEST_FD(fd, a0); GET_XNAME(n, a1); return host_ret(fremovexattr(fd, n)); }

/* ---- poll, select, epoll, eventfd, inotify ------------------------------------- */
/* The signal mask arguments are checked but not applied: guest signals are
 * the emulated kernel's, not the host's. */

static int check_sigset(uint64_t mask, uint64_t size)
{
    return mask && size != 8 ? -EINVAL : 0;
}

/* Linux refuses more pollfds than RLIMIT_NOFILE allows. */
static bool too_many_fds(uint64_t n)
{
    struct rlimit rl;
    return getrlimit(RLIMIT_NOFILE, &rl) == 0 && n > rl.rlim_cur;
}

/* The timeout a ppoll/pselect6 was given, which the call overwrites with
 * the time left: --strace shows the original. */
static _Thread_local struct { uint64_t addr; int64_t t[2]; } given_timeout;

bool sys_given_timeout(uint64_t addr, int64_t t[2])
{
    if (!addr || addr != given_timeout.addr)
        return false;
    t[0] = given_timeout.t[0];
    t[1] = given_timeout.t[1];
    return true;
}

static void remember_timeout(uint64_t addr)
{
    uint8_t b[16];
    given_timeout.addr = 0;
    if (addr && !copy_from_user(b, addr, 16)) {
        given_timeout.addr = addr;
        given_timeout.t[0] = (int64_t)get_le64(b);
        given_timeout.t[1] = (int64_t)get_le64(b + 8);
    }
}

/* --deterministic: waiting on no descriptors (pause, sleeps made of
 * poll or select) is the scheduler's wait, on its virtual clock; the
 * time left goes back as the host call would write it (timespec, or
 * timeval when `tv`). */
static long det_wait_nofds(struct cpu *c, uint64_t addr, bool tv, int64_t ms)
{
    int64_t t = ms;
    if (addr) {
        uint8_t b[16];
        if (copy_from_user(b, addr, 16))
            return -EFAULT;
        int64_t s = (int64_t)get_le64(b), f = (int64_t)get_le64(b + 8);
        if (s < 0 || f < 0 || f >= (tv ? 1000000 : 1000000000))
            return -EINVAL;
        t = s * 1000000000 + f * (tv ? 1000 : 1);
    } else if (ms >= 0) {
        t = ms * 1000000;
    }
    int64_t left;
    long r = sched_wait_nofds(c, t, &left);
    if (addr) {
        uint8_t b[16];
        put_le64(b, (uint64_t)(left / 1000000000));
        put_le64(b + 8, (uint64_t)(left % 1000000000 / (tv ? 1000 : 1)));
        if (copy_to_user(addr, b, 16))
            return -EFAULT;
    }
    return r;
}

SYSCALL(ppoll)
{
    if (check_sigset(a3, a4) || too_many_fds(a1))
        return -EINVAL;
    if (a1 == 0 && sched_on())
        return det_wait_nofds(c, a2, false, -1);
    USER_PTR(fds, a0, a1 * 8, true);
    USER_PTR_OPT(ts, a2, 16, true);
    remember_timeout(a2);
    return poll_ret(syscall(SYS_ppoll, fds, (unsigned)a1, ts, NULL, 8));
}

SYSCALL(poll)
{
    if (too_many_fds(a1))
        return -EINVAL;
    if (a1 == 0 && sched_on())
        return det_wait_nofds(c, 0, false, (int)a2 < 0 ? -1 : (int)a2);
    USER_PTR(fds, a0, a1 * 8, true);
    return poll_ret(poll(fds, (nfds_t)a1, (int)a2));
}

static size_t fdset_bytes(int n)
{
    return n <= 0 ? 0 : (size_t)(n + 63) / 64 * 8;
}

SYSCALL(pselect6)
{
    int n = (int)a0;
    if (n < 0)
        return -EINVAL;
    size_t sz = fdset_bytes(n);
    USER_PTR_OPT(r, a1, sz, true);
    USER_PTR_OPT(w, a2, sz, true);
    USER_PTR_OPT(x, a3, sz, true);
    USER_PTR_OPT(ts, a4, 16, true);
    remember_timeout(a4);
    if (a5) {
        uint64_t mask, size;
        if (get_user_u64(&mask, a5) || get_user_u64(&size, a5 + 8))
            return -EFAULT;
        if (check_sigset(mask, size))
            return -EINVAL;
    }
    if (n == 0 && sched_on())
        return det_wait_nofds(c, a4, false, -1);
    return poll_ret(syscall(SYS_pselect6, n, r, w, x, ts, NULL));
}

SYSCALL(select)
{
    int n = (int)a0;
    if (n < 0)
        return -EINVAL;
    size_t sz = fdset_bytes(n);
    USER_PTR_OPT(r, a1, sz, true);
    USER_PTR_OPT(w, a2, sz, true);
    USER_PTR_OPT(x, a3, sz, true);
    USER_PTR_OPT(tv, a4, 16, true);
    if (n == 0 && sched_on())
        return det_wait_nofds(c, a4, true, -1);
    return poll_ret(select(n, r, w, x, tv));
}

SYSCALL(epoll_create1)
{
    return host_ret(epoll_create1((int)a0));
}

SYSCALL(epoll_create)
{
    if ((int)a0 <= 0)
        return -EINVAL;
    return host_ret(epoll_create1(0));
}

static size_t epoll_event_size(void)
{
    return kern->abi->epoll_packed ? 12 : 16;
}

SYSCALL(epoll_ctl)
{
    GUEST_FD(epfd, a0);
    GUEST_FD(fd, a2);
    struct epoll_event ev = { 0 }, *evp = NULL;
    if ((int)a1 != EPOLL_CTL_DEL) {
        uint8_t b[16];
        size_t esz = epoll_event_size();
        if (copy_from_user(b, a3, esz))
            return -EFAULT;
        ev.events = get_le32(b);
        ev.data.u64 = get_le64(b + esz - 8);
        evp = &ev;
    }
    return host_ret(epoll_ctl(epfd, (int)a1, fd, evp));
}

/* Wait on the host, then write the events in the guest's layout. */
static long epoll_wait_common(uint64_t gepfd, uint64_t gevents, uint64_t maxevents,
                              int timeout_ms, const struct timespec *ts, bool use_ts)
{
    GUEST_FD(epfd, gepfd);
    int max = (int)maxevents;
    size_t esz = epoll_event_size();
    if (max <= 0 || (size_t)max > INT_MAX / esz)
        return -EINVAL;
    if (!user_ptr(gevents, (size_t)max * esz, true))
        return -EFAULT;
    struct epoll_event hev[256];
    if (max > 256)
        max = 256;
    long n = use_ts ? syscall(SYS_epoll_pwait2, epfd, hev, max, ts, NULL, 8)
                    : epoll_wait(epfd, hev, max, timeout_ms);
    if (n < 0)
        return -errno;
    for (long i = 0; i < n; i++) {
        uint8_t b[16] = { 0 };
        put_le32(b, hev[i].events);
        put_le64(b + esz - 8, hev[i].data.u64);
        if (copy_to_user(gevents + (uint64_t)i * esz, b, esz))
            return -EFAULT;
    }
    return n;
}

SYSCALL(epoll_pwait)
{
    if (check_sigset(a4, a5))
        return -EINVAL;
    return epoll_wait_common(a0, a1, a2, (int)a3, NULL, false);
}

SYSCALL(epoll_wait)
{
    return epoll_wait_common(a0, a1, a2, (int)a3, NULL, false);
}

SYSCALL(epoll_pwait2)
{
    if (check_sigset(a4, a5))
        return -EINVAL;
    struct timespec ts;
    if (a3) {
        uint8_t b[16];
        if (copy_from_user(b, a3, 16))
            return -EFAULT;
        ts.tv_sec = (time_t)get_le64(b);
        ts.tv_nsec = (long)get_le64(b + 8);
    }
    return epoll_wait_common(a0, a1, a2, -1, a3 ? &ts : NULL, true);
}

SYSCALL(eventfd2)
{
    return host_ret(eventfd((unsigned)a0, (int)a1));
}

SYSCALL(eventfd)
{
    return host_ret(eventfd((unsigned)a0, 0));
}

SYSCALL(inotify_init1)
{
    return host_ret(inotify_init1((int)a0));
}

SYSCALL(inotify_init)
{
    return host_ret(inotify_init1(0));
}

SYSCALL(inotify_add_watch)
{
    GUEST_FD(fd, a0);
    GET_PATH(path, a1);
    return host_ret(inotify_add_watch(fd, path, (uint32_t)a2));
}

SYSCALL(inotify_rm_watch)
{
    GUEST_FD(fd, a0);
    return host_ret(inotify_rm_watch(fd, (int)a1));
}

/* ---- sockets: sockaddr, msghdr and option layouts are the host's ---------------- */

SYSCALL(socket)
{
    return host_ret(socket((int)a0, (int)a1, (int)a2));
}

SYSCALL(socketpair)
{
    USER_PTR(sv, a3, 8, true);
    return host_ret(socketpair((int)a0, (int)a1, (int)a2, sv));
}

SYSCALL(bind)
{
    GUEST_FD(fd, a0);
    USER_PTR(addr, a1, (uint32_t)a2, false);
    return host_ret(bind(fd, addr, (socklen_t)a2));
}

SYSCALL(connect)
{
    GUEST_FD(fd, a0);
    USER_PTR(addr, a1, (uint32_t)a2, false);
    return io_ret(connect(fd, addr, (socklen_t)a2));
}

SYSCALL(listen)
{
    GUEST_FD(fd, a0);
    return host_ret(listen(fd, (int)a1));
}

/* An (addr, addrlen*) output pair: the host pointers, or -EFAULT. */
static int sockaddr_out(uint64_t addr, uint64_t lenp, void **ha, void **hl)
{
    *ha = *hl = NULL;
    if (!addr)
        return 0;
    uint32_t len;
    if (get_user_u32(&len, lenp))
        return -EFAULT;
    if ((int)len < 0)
        return -EINVAL;
    if (!(*hl = user_ptr(lenp, 4, true)) || !(*ha = user_ptr(addr, len, true)))
        return -EFAULT;
    return 0;
}

SYSCALL(accept4)
{
    GUEST_FD(fd, a0);
    void *addr, *len;
    int e = sockaddr_out(a1, a2, &addr, &len);
    if (e)
        return e;
    return io_ret(accept4(fd, addr, len, (int)a3));
}

SYSCALL(accept)
{
    return sys_accept4(c, a0, a1, a2, 0, 0, 0);
}

SYSCALL(getsockname)
{
    GUEST_FD(fd, a0);
    void *addr, *len;
    int e = a1 ? sockaddr_out(a1, a2, &addr, &len) : -EFAULT;
    if (e)
        return e;
    return host_ret(getsockname(fd, addr, len));
}

SYSCALL(getpeername)
{
    GUEST_FD(fd, a0);
    void *addr, *len;
    int e = a1 ? sockaddr_out(a1, a2, &addr, &len) : -EFAULT;
    if (e)
        return e;
    return host_ret(getpeername(fd, addr, len));
}

SYSCALL(sendto)
{
    GUEST_FD(fd, a0);
    USER_PTR(buf, a1, a2, false);
    USER_PTR_OPT(addr, a4, (uint32_t)a5, false);
    return io_ret(sendto(fd, buf, a2, (int)a3, addr, (socklen_t)a5));
}

SYSCALL(recvfrom)
{
    GUEST_FD(fd, a0);
    USER_PTR(buf, a1, a2, true);
    void *addr, *len;
    int e = sockaddr_out(a4, a5, &addr, &len);
    if (e)
        return e;
    return io_ret(recvfrom(fd, buf, a2, (int)a3, addr, len));
}

SYSCALL(setsockopt)
{
    GUEST_FD(fd, a0);
    USER_PTR_OPT(val, a3, (uint32_t)a4, false);
    return host_ret(setsockopt(fd, (int)a1, (int)a2, val, (socklen_t)a4));
}

SYSCALL(getsockopt)
{
    GUEST_FD(fd, a0);
    uint32_t len;
    if (get_user_u32(&len, a4))
        return -EFAULT;
    if ((int)len < 0)
        return -EINVAL;
    USER_PTR(hl, a4, 4, true);
    USER_PTR_OPT(val, a3, len, true);
    return host_ret(getsockopt(fd, (int)a1, (int)a2, val, hl));
}

SYSCALL(shutdown)
{
    GUEST_FD(fd, a0);
    return host_ret(shutdown(fd, (int)a1));
}

/* struct msghdr (56 bytes on every 64-bit arch): name, namelen, iov,
 * iovlen, control, controllen, flags.  Its pointers are made host
 * pointers; the lengths the kernel updates are written back. */
/* A guest msghdr as a host one; iov must hold MAX_IOV entries. */
static long msg_to_host(uint64_t gmsg, struct msghdr *m, struct iovec *iov, bool recv)
{
    uint8_t b[56];
    if (copy_from_user(b, gmsg, 56))
        return -EFAULT;
    memset(m, 0, sizeof *m);
    m->msg_namelen = get_le32(b + 8);
    m->msg_controllen = get_le64(b + 40);
    m->msg_flags = (int)get_le32(b + 48);
    uint64_t name = get_le64(b), control = get_le64(b + 32);
    if (name && !(m->msg_name = user_ptr(name, m->msg_namelen, recv)))
        return -EFAULT;
    if (!name)
        m->msg_namelen = 0;
    if (control && !(m->msg_control = user_ptr(control, m->msg_controllen, recv)))
        return -EFAULT;
    if (get_le64(b + 24) > MAX_IOV)
        return -EMSGSIZE;
    long n = get_iov(iov, get_le64(b + 16), get_le64(b + 24), recv);
    if (n < 0)
        return n;
    m->msg_iov = iov;
    m->msg_iovlen = (size_t)n;
    return 0;
}

/* The lengths and flags recvmsg updates. */
static int msg_back(uint64_t gmsg, const struct msghdr *m)
{
    uint8_t b[16];
    put_le32(b, m->msg_namelen);
    if (copy_to_user(gmsg + 8, b, 4))
        return -EFAULT;
    put_le64(b, m->msg_controllen);
    put_le32(b + 8, (uint32_t)m->msg_flags);
    return copy_to_user(gmsg + 40, b, 12) ? -EFAULT : 0;
}

static long msg_common(struct cpu *c, uint64_t gfd, uint64_t gmsg, int flags, bool recv)
{
    GUEST_FD(fd, gfd);
    struct msghdr m;
    struct iovec iov[MAX_IOV];
    long e = msg_to_host(gmsg, &m, iov, recv);
    if (e)
        return e;
    long r = recv ? recvmsg(fd, &m, flags) : sendmsg(fd, &m, flags);
    if (r < 0)
        return io_ret(r);
    if (recv && msg_back(gmsg, &m))
        return -EFAULT;
    return r;
}

/* struct mmsghdr: a msghdr and the byte count (64 bytes with padding). */
static long mmsg_common(uint64_t gfd, uint64_t gvec, uint64_t vlen, int flags,
                        uint64_t gtimeout, bool recv)
{
    GUEST_FD(fd, gfd);
    if (vlen > MAX_IOV)
        vlen = MAX_IOV;
    if (vlen == 0)
        return 0;
    struct mmsghdr *hv = calloc(vlen, sizeof *hv);
    struct iovec *iovs = malloc(vlen * MAX_IOV * sizeof *iovs);
    long r = -ENOMEM;
    if (!hv || !iovs)
        goto out;
    for (uint64_t i = 0; i < vlen; i++)
        if ((r = msg_to_host(gvec + 64 * i, &hv[i].msg_hdr, iovs + i * MAX_IOV, recv)) < 0)
            goto out;
    struct timespec ts, *tsp = NULL;
    if (recv && gtimeout) {
        uint8_t b[16];
        r = -EFAULT;
        if (copy_from_user(b, gtimeout, 16))
            goto out;
        ts.tv_sec = (time_t)get_le64(b);
        ts.tv_nsec = (long)get_le64(b + 8);
        tsp = &ts;
    }
    r = recv ? recvmmsg(fd, hv, (unsigned)vlen, flags, tsp)
             : sendmmsg(fd, hv, (unsigned)vlen, flags);
    if (r < 0) {
        r = io_ret(r);
        goto out;
    }
    for (long i = 0; i < r; i++) {
        if ((recv && msg_back(gvec + 64 * (uint64_t)i, &hv[i].msg_hdr)) ||
            put_user_u32(gvec + 64 * (uint64_t)i + 56, hv[i].msg_len)) {
            r = i ? i : -EFAULT;
            break;
        }
    }
out:
    free(hv);
    free(iovs);
    return r;
}

SYSCALL(sendmmsg) { return mmsg_common(a0, a1, a2, (int)a3, 0, false); }
SYSCALL(recvmmsg) { return mmsg_common(a0, a1, a2, (int)a3, a4, true); }

SYSCALL(sendmsg) { return msg_common(c, a0, a1, (int)a2, false); }
SYSCALL(recvmsg) { return msg_common(c, a0, a1, (int)a2, true); }
