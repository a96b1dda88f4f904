/* The generic syscalls against the host kernel itself: each check makes
 * the same request through trapeze's sys_* function (guest buffers in a
 * guest arena) and directly on the host, and compares results, errno and
 * bytes.  Covers the x86_64-only path syscalls, EFAULT on bad guest
 * buffers, reserved fds, open-flag and epoll layout translation, and the
 * synthesized /proc files. */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "oskernel/syscalls.h"
#include "sim/fault.h"
#include "sim/mem.h"

static int fails;
#define CHECK(c)                                                            \
    do {                                                                    \
        if (!(c)) {                                                         \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c);         \
            fails++;                                                        \
        }                                                                   \
    } while (0)
/* trapeze's result equals the host's (r, or -errno) */
#define SAME(t, h)                                                          \
    do {                                                                    \
        long h_ = (long)(h), t_ = (long)(t);                                \
        if (h_ < 0)                                                         \
            h_ = -errno;                                                    \
        if (t_ != h_) {                                                     \
            fprintf(stderr, "%s:%d: %s = %ld, host %ld\n", __FILE__, __LINE__, #t, t_, h_); \
            fails++;                                                        \
        }                                                                   \
    } while (0)

#define RW 0x10000ull           /* 64 KiB read-write */
#define RO 0x40000ull           /* 4 KiB read-only */
#define AT ((uint64_t)(int64_t)AT_FDCWD)

/* The x86_64 kabi, when the tree has it: its struct stat must be the
 * host's.  (A strong reference, so the archive member is linked in.) */
#if defined(__x86_64__) && __has_include("oskernel/x86_64/kabi.c")
#define HAVE_X86_KABI 1
extern const struct kabi kabi_x86_64;
#endif

static struct mem m;
static struct cpu cpu;
static struct kabi abi;
static struct kernel k;
static const struct arch fake_arch = { .name = "riscv64" };

static uint64_t gstr(uint64_t a, const char *s)
{
    memcpy(m.base + a, s, strlen(s) + 1);
    return a;
}

#define G(off) (m.base + RW + (off))
#define A(off) (RW + (off))

int main(void)
{
    struct cpu *c = &cpu;
    char dir[] = "/tmp/trapeze-sys_host-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) < 0)
        return 1;
    if (mem_init(&m, 1ull << 32, 4096) || mem_map(&m, RW, 0x10000, PROT_R | PROT_W, -1, 0, false, "rw") ||
        mem_map(&m, RO, 0x1000, PROT_R, -1, 0, false, NULL))
        return 1;
    guest_mem = &m;
    fault_install();
    abi.cpu = &fake_arch;
    abi.put_stat = put_stat_generic;
    k.abi = &abi;
    k.pid = getpid();
    k.exe_abspath = "/some/guest/program";
    k.strace_fd = 2;
    kern = &k;

    /* open, write, read, lseek, pread through x86_64's open and creat */
    int fd = (int)sys_creat(c, gstr(A(0), "f.txt"), 0640, 0, 0, 0, 0);
    CHECK(fd >= 0);
    memcpy(G(0x100), "hello, world\n", 13);
    CHECK(sys_write(c, fd, A(0x100), 13, 0, 0, 0) == 13);
    SAME(sys_read(c, fd, A(0x200), 10, 0, 0, 0), read(fd, (char[10]){0}, 10));  /* O_WRONLY: EBADF */
    CHECK(sys_close(c, fd, 0, 0, 0, 0, 0) == 0);
    SAME(sys_close(c, fd, 0, 0, 0, 0, 0), close(fd));
    SAME(sys_open(c, gstr(A(0), "f.txt"), O_CREAT | O_EXCL | O_WRONLY, 0600, 0, 0, 0),
         open("f.txt", O_CREAT | O_EXCL | O_WRONLY, 0600));
    SAME(sys_open(c, gstr(A(0), "nope/x"), O_RDONLY, 0, 0, 0, 0), open("nope/x", O_RDONLY));
    fd = (int)sys_open(c, gstr(A(0), "f.txt"), O_RDONLY, 0, 0, 0, 0);
    CHECK(fd >= 0);
    CHECK(sys_read(c, fd, A(0x200), 100, 0, 0, 0) == 13 && !memcmp(G(0x200), "hello, world\n", 13));
    CHECK(sys_pread64(c, fd, A(0x300), 5, 7, 0, 0) == 5 && !memcmp(G(0x300), "world", 5));
    SAME(sys_lseek(c, fd, (uint64_t)-1, SEEK_SET, 0, 0, 0), lseek(fd, -1, SEEK_SET));

    /* EFAULT: a read-only guest page, an unmapped one, beyond the arena */
    lseek(fd, 0, SEEK_SET);
    CHECK(sys_read(c, fd, RO, 5, 0, 0, 0) == -EFAULT);
    CHECK(sys_read(c, fd, 0x100000, 5, 0, 0, 0) == -EFAULT);
    CHECK(sys_read(c, fd, (1ull << 32) - 2, 5, 0, 0, 0) == -EFAULT);
    CHECK(sys_write(c, 1, 0x100000, 5, 0, 0, 0) == -EFAULT);
    /* a buffer running into an unmapped page: the host's short count */
    lseek(fd, 0, SEEK_SET);
    CHECK(sys_read(c, fd, RW + 0x10000 - 4, 13, 0, 0, 0) == 4);

    /* stat: the generic layout, x86_64's stat/lstat path syscalls */
    struct stat hs;
    CHECK(stat("f.txt", &hs) == 0);
    CHECK(sys_stat(c, gstr(A(0), "f.txt"), A(0x400), 0, 0, 0, 0) == 0);
    CHECK(get_le64(G(0x400 + 8)) == hs.st_ino && get_le32(G(0x400 + 16)) == hs.st_mode &&
          (int64_t)get_le64(G(0x400 + 48)) == hs.st_size &&
          (int64_t)get_le64(G(0x400 + 88)) == hs.st_mtim.tv_sec);
    SAME(sys_lstat(c, gstr(A(0), "nope"), A(0x400), 0, 0, 0, 0), lstat("nope", &hs));
#ifdef HAVE_X86_KABI
    if (kabi_x86_64.put_stat) {
        /* on an x86_64 host glibc's struct stat is the kernel's */
        struct kstat ks;
        uint8_t xb[256];
        memset(&hs, 0x5a, sizeof hs);
        CHECK(fstat(fd, &hs) == 0);
        fill_kstat(&ks, &hs);
        CHECK(kabi_x86_64.put_stat(xb, &ks) == sizeof hs && memcmp(xb, &hs, sizeof hs) == 0);
    }
#endif
    CHECK(sys_fstat(c, fd, RO, 0, 0, 0, 0) == -EFAULT);
    CHECK(sys_newfstatat(c, AT, 0x100000, A(0x400), 0, 0, 0) == -EFAULT);
    CHECK(sys_statx(c, AT, gstr(A(0), "f.txt"), 0, 0x7ff, A(0x500), 0) == 0 &&
          get_le64(G(0x500 + 0x28)) == 13);     /* stx_size */

    /* names: mkdir, rename, symlink/readlink, unlink, rmdir, access */
    SAME(sys_mkdir(c, gstr(A(0), "d"), 0755, 0, 0, 0, 0), mkdir("d2", 0755));
    SAME(sys_mkdir(c, gstr(A(0), "d"), 0755, 0, 0, 0, 0), mkdir("d2", 0755));
    SAME(sys_rename(c, gstr(A(0), "d"), gstr(A(0x40), "d3"), 0, 0, 0, 0), rename("d2", "d4"));
    SAME(sys_symlink(c, gstr(A(0), "f.txt"), gstr(A(0x40), "l"), 0, 0, 0, 0), symlink("f.txt", "l2"));
    CHECK(sys_readlink(c, gstr(A(0), "l"), A(0x100), 64, 0, 0, 0) == 5 && !memcmp(G(0x100), "f.txt", 5));
    SAME(sys_readlink(c, gstr(A(0), "f.txt"), A(0x100), 64, 0, 0, 0), readlink("f.txt", (char[64]){0}, 64));
    SAME(sys_readlink(c, gstr(A(0), "l"), A(0x100), 0, 0, 0, 0), readlink("l2", (char[1]){0}, 0));
    CHECK(sys_readlinkat(c, AT, gstr(A(0), "/proc/self/exe"), A(0x100), 64, 0, 0) == 19 &&
          !memcmp(G(0x100), "/some/guest/program", 19));
    SAME(sys_access(c, gstr(A(0), "f.txt"), X_OK, 0, 0, 0, 0), access("f.txt", X_OK));
    SAME(sys_unlink(c, gstr(A(0), "d3"), 0, 0, 0, 0, 0), unlink("d4"));
    SAME(sys_rmdir(c, gstr(A(0), "d3"), 0, 0, 0, 0, 0), rmdir("d4"));
    SAME(sys_rmdir(c, gstr(A(0), "d3"), 0, 0, 0, 0, 0), rmdir("d4"));

    /* getdents64: the same bytes as the host's */
    int dfd = (int)sys_open(c, gstr(A(0), "."), O_RDONLY | O_DIRECTORY, 0, 0, 0, 0), hdfd = open(".", O_RDONLY | O_DIRECTORY);
    char hbuf[4096];
    long n = sys_getdents64(c, dfd, A(0x1000), 4096, 0, 0, 0);
    CHECK(n > 0 && n == syscall(SYS_getdents64, hdfd, hbuf, 4096) && !memcmp(G(0x1000), hbuf, (size_t)n));
    SAME(sys_getdents64(c, fd, A(0x1000), 4096, 0, 0, 0), syscall(SYS_getdents64, fd, hbuf, 4096));
    close(hdfd);

    /* reserved fds */
    int inner = fcntl(2, F_DUPFD, 500);
    kernel_reserve_fd(inner);
    CHECK(kernel_fd_is_internal(inner) && !kernel_fd_is_internal(fd));
    CHECK(sys_close(c, inner, 0, 0, 0, 0, 0) == -EBADF);
    CHECK(sys_dup3(c, fd, inner, 0, 0, 0, 0) == -EBADF);
    CHECK(sys_dup2(c, fd, inner, 0, 0, 0, 0) == -EBADF);
    CHECK(sys_write(c, inner, A(0x100), 1, 0, 0, 0) == -EBADF);
    int spare = dup(fd);
    CHECK(sys_close_range(c, 400, ~0u, 0, 0, 0, 0) == 0);
    CHECK(fcntl(inner, F_GETFD) >= 0 && fcntl(spare, F_GETFD) >= 0);
    int hi = fcntl(fd, F_DUPFD, 600);
    CHECK(sys_close_range(c, (uint64_t)spare + 1, ~0u, 0, 0, 0, 0) == 0);
    CHECK(fcntl(inner, F_GETFD) >= 0 && fcntl(hi, F_GETFD) < 0 && fcntl(spare, F_GETFD) >= 0);

    /* open flags of an arch whose O_DIRECTORY differs (aarch64's 040000) */
    static const uint32_t oflags[][2] = { { 040000, O_DIRECTORY }, { 0200000, O_DIRECT }, { 0, 0 } };
    abi.open_flags = oflags;
    SAME(sys_openat(c, AT, gstr(A(0), "f.txt"), 040000, 0, 0, 0), open("f.txt", O_DIRECTORY));
    int d2 = (int)sys_openat(c, AT, gstr(A(0), "."), 040000, 0, 0, 0);
    CHECK(d2 >= 0 && (sys_fcntl(c, d2, F_GETFL, 0, 0, 0, 0) & 040000) && !(fcntl(d2, F_GETFL) & 040000));
    abi.open_flags = NULL;

    /* epoll: 16-byte events, and x86_64's packed 12-byte ones */
    int pfd[2];
    CHECK(sys_pipe2(c, A(0x100), O_CLOEXEC, 0, 0, 0, 0) == 0);
    pfd[0] = (int)get_le32(G(0x100));
    pfd[1] = (int)get_le32(G(0x104));
    CHECK(fcntl(pfd[0], F_GETFD) == FD_CLOEXEC);
    CHECK(sys_pipe2(c, RO, 0, 0, 0, 0, 0) == -EFAULT);
    for (int packed = 0; packed < 2; packed++) {
        abi.epoll_packed = packed;
        int ep = (int)sys_epoll_create1(c, 0, 0, 0, 0, 0, 0);
        size_t esz = packed ? 12 : 16;
        put_le32(G(0x200), EPOLLIN);
        put_le64(G(0x200 + esz - 8), 0x1122334455667788ull);
        CHECK(sys_epoll_ctl(c, ep, EPOLL_CTL_ADD, pfd[0], A(0x200), 0, 0) == 0);
        CHECK(write(pfd[1], "x", 1) == 1);
        memset(G(0x300), 0xee, 64);
        CHECK(sys_epoll_pwait(c, ep, A(0x300), 4, 0, 0, 8) == 1);
        CHECK(get_le32(G(0x300)) == EPOLLIN && get_le64(G(0x300 + esz - 8)) == 0x1122334455667788ull &&
              *G(0x300 + esz) == 0xee);
        CHECK(sys_epoll_pwait(c, ep, RO, 4, 0, 0, 8) == -EFAULT);
        CHECK(sys_epoll_pwait(c, ep, A(0x300), 0, 0, 0, 8) == -EINVAL);
        CHECK(read(pfd[0], hbuf, 1) == 1);
        close(ep);
    }

    /* poll */
    put_le32(G(0x400), (uint32_t)pfd[1]);
    put_le32(G(0x404), POLLOUT);
    CHECK(sys_poll(c, A(0x400), 1, 0, 0, 0, 0) == 1 && (get_le32(G(0x404)) >> 16) == POLLOUT);
    CHECK(sys_ppoll(c, 0x100000, 1, 0, 0, 0, 0) == -EFAULT);

    /* ioctl */
    CHECK(sys_ioctl(c, pfd[0], 0x1234, 0, 0, 0, 0) == -ENOTTY);
    CHECK(sys_ioctl(c, 999, 0x1234, 0, 0, 0, 0) == -EBADF);
    SAME(sys_ioctl(c, pfd[0], 0x5401 /* TCGETS */, A(0x100), 0, 0, 0), ioctl(pfd[0], 0x5401, hbuf));

    /* /proc/self/maps from the guest's VMAs */
    int mfd = (int)sys_openat(c, AT, gstr(A(0), "/proc/self/maps"), O_RDONLY, 0, 0, 0);
    CHECK(mfd >= 0);
    n = read(mfd, hbuf, sizeof hbuf - 1);
    hbuf[n > 0 ? n : 0] = 0;
    char want[256];
    snprintf(want, sizeof want, "%s%*s%s\n%s\n", "00010000-00020000 rw-p 00000000 00:00 0 ", 72 - 40, "",
             " rw", "00040000-00041000 r--p 00000000 00:00 0 ");
    CHECK(strcmp(hbuf, want) == 0);

    /* uname: the host's, with the guest CPU as machine */
    CHECK(sys_uname(c, A(0x1000), 0, 0, 0, 0, 0) == 0 && !strcmp((char *)G(0x1000) + 4 * 65, "riscv64"));
    CHECK(sys_uname(c, RO, 0, 0, 0, 0, 0) == -EFAULT);

    /* getrandom writes up to a bad page */
    CHECK(sys_getrandom(c, RW + 0x10000 - 8, 100, 0, 0, 0, 0) == -EFAULT ||
          sys_getrandom(c, RW + 0x10000 - 256, 1000, 0, 0, 0, 0) == 256);

    /* RLIMIT_AS is the guest's alone */
    struct rlimit before, after;
    getrlimit(RLIMIT_AS, &before);
    put_le64(G(0x100), 1 << 20);
    put_le64(G(0x108), 1 << 20);
    CHECK(sys_setrlimit(c, RLIMIT_AS, A(0x100), 0, 0, 0, 0) == 0);
    CHECK(sys_getrlimit(c, RLIMIT_AS, A(0x200), 0, 0, 0, 0) == 0 && get_le64(G(0x200)) == 1 << 20);
    getrlimit(RLIMIT_AS, &after);
    CHECK(before.rlim_cur == after.rlim_cur);

    /* time */
    struct timespec t0;
    clock_gettime(CLOCK_REALTIME, &t0);
    CHECK(sys_clock_gettime(c, CLOCK_REALTIME, A(0x100), 0, 0, 0, 0) == 0 &&
          (int64_t)get_le64(G(0x100)) - t0.tv_sec <= 1);
    CHECK(sys_clock_gettime(c, 12345, A(0x100), 0, 0, 0, 0) == -EINVAL);
    put_le64(G(0x100), 0);
    put_le64(G(0x108), 1000000000);
    CHECK(sys_nanosleep(c, A(0x100), 0, 0, 0, 0, 0) == -EINVAL);
    put_le64(G(0x108), 1000);
    CHECK(sys_nanosleep(c, A(0x100), 0, 0, 0, 0, 0) == 0);

    /* paths: the sysroot's file when it exists, else the host's */
    char root[256], hp[PATH_MAX], want_path[PATH_MAX];
    snprintf(root, sizeof root, "%s/root", dir);
    snprintf(hp, sizeof hp, "%s/etc", root);
    mkdir(root, 0755);
    mkdir(hp, 0755);
    snprintf(hp, sizeof hp, "%s/etc/only-in-root", root);
    close(open(hp, O_CREAT | O_WRONLY, 0644));
    k.sysroot = root;
    CHECK(kernel_host_path("/etc/only-in-root", hp, sizeof hp) == 0);
    snprintf(want_path, sizeof want_path, "%s/etc/only-in-root", root);
    CHECK(strcmp(hp, want_path) == 0);
    CHECK(kernel_host_path("/etc/passwd", hp, sizeof hp) == 0 && !strcmp(hp, "/etc/passwd"));
    CHECK(kernel_host_path("etc/only-in-root", hp, sizeof hp) == 0 && !strcmp(hp, "etc/only-in-root"));
    CHECK(kernel_host_path("/proc/self/exe", hp, sizeof hp) == 0 && !strcmp(hp, "/some/guest/program"));
    CHECK(kernel_host_path("/etc/only-in-root", hp, 8) == -ENAMETOOLONG);
    CHECK(sys_access(c, gstr(A(0), "/etc/only-in-root"), F_OK, 0, 0, 0, 0) == 0);
    k.sysroot = NULL;
    CHECK(sys_access(c, gstr(A(0), "/etc/only-in-root"), F_OK, 0, 0, 0, 0) == -ENOENT);
    snprintf(hp, sizeof hp, "%s/etc/only-in-root", root);
    unlink(hp);
    snprintf(hp, sizeof hp, "%s/etc", root);
    rmdir(hp);
    rmdir(root);

    /* strace lines, compared with lines the real strace printed */
    int sp[2];
    CHECK(pipe(sp) == 0);
    k.strace_fd = sp[1];
    struct ksiginfo si = { { 0 } };
    put_le32(si.b, 11);
    put_le32(si.b + 8, 1);
    strace_signal(c, &si);
    memset(&si, 0, sizeof si);
    put_le32(si.b, 10);
    put_le32(si.b + 8, (uint32_t)-6);
    put_le32(si.b + 16, 10475);
    strace_signal(c, &si);
    strace_exit(11);
    strace_exit(3 << 8);
    uint64_t args[6] = { 1, A(0x100), 3, 0, 0, 0 };
    memcpy(G(0x100), "a\tb", 3);
    strace_syscall(c, NR_write, args, 3);
    uint64_t args2[6] = { (uint64_t)(int64_t)AT_FDCWD, gstr(A(0x200), "/nonexistent"), O_RDONLY, 0, 0, 0 };
    strace_syscall(c, NR_openat, args2, -ENOENT);
    close(sp[1]);
    n = read(sp[0], hbuf, sizeof hbuf - 1);
    hbuf[n > 0 ? n : 0] = 0;
    CHECK(strcmp(hbuf,
                 "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---\n"
                 "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=10475, si_uid=0} ---\n"
                 "+++ killed by SIGSEGV +++\n"
                 "+++ exited with 3 +++\n"
                 "write(1, \"a\\tb\", 3)                     = 3\n"
                 "openat(AT_FDCWD, \"/nonexistent\", O_RDONLY) = -1 ENOENT (No such file or directory)\n") == 0);
    close(sp[0]);

    unlink("f.txt");
    unlink("l");
    unlink("l2");
    chdir("/");
    rmdir(dir);
    if (!fails)
        printf("sys_host: ok\n");
    return fails != 0;
}
