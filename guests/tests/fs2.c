/* More file syscalls: symlinks and hard links, permissions and umask,
 * access, readv/writev, ioctl on a non-tty, poll on a pipe,
 * /proc/self/exe. */
#include "rt.h"

#define CHECK(expr) report(#expr, (long)(expr))

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%-44s = -1 %s\n", what, strerror(errno));
    else
        printf("%-44s = %ld\n", what, r);
}

static void perm(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        printf("lstat %s: %s\n", path, strerror(errno));
    else
        printf("lstat %s: type %o perm %o\n", path, st.st_mode & S_IFMT,
               (st.st_mode & S_IFMT) == S_IFLNK ? 0 : st.st_mode & 07777);
}

int main(int argc, char **argv)
{
    char buf[256];
    CHECK(umask(077));
    CHECK(umask(022));
    int fd = open("f", O_CREAT | O_WRONLY, 0666);
    struct iovec iov[3] = {{"one ", 4}, {"", 0}, {"two\n", 4}};
    CHECK(writev(fd, iov, 3));
    close(fd);
    perm("f");
    CHECK(chmod("f", 0600));
    perm("f");
    CHECK(symlink("f", "s"));
    CHECK(symlink("missing", "dangling"));
    perm("s");
    struct stat st;
    CHECK(stat("s", &st));
    printf("stat through the link: size %ld\n", st.st_size);
    CHECK(stat("dangling", &st));
    memset(buf, 0, sizeof buf);
    CHECK(readlink("s", buf, sizeof buf));
    printf("readlink: %s\n", buf);
    CHECK(readlink("f", buf, sizeof buf));
    CHECK(link("f", "h"));
    CHECK(stat("f", &st));
    printf("nlink after link: %u\n", st.st_nlink);
    CHECK(access("f", R_OK | W_OK));
    CHECK(access("f", X_OK));
    CHECK(access("nope", F_OK));

    fd = open("s", O_RDONLY);
    char a[3], b[16];
    memset(b, 0, sizeof b);
    struct iovec rv[2] = {{a, 3}, {b, sizeof b - 1}};
    CHECK(readv(fd, rv, 2));
    printf("readv: [%.3s] [%s]\n", a, b);
    CHECK(ioctl(fd, 0x5401, buf));          /* TCGETS on a file: ENOTTY */
    close(fd);
    CHECK(open("s", O_RDONLY | O_NOFOLLOW));
    CHECK(unlink("s"));
    CHECK(unlink("dangling"));
    CHECK(unlink("h"));
    CHECK(unlink("f"));

    int p[2];
    pipe(p);
    struct { int fd; short events, revents; } pf[2] = {{p[0], 1, 0}, {p[1], 4, 0}};
    struct timespec zero = {0, 0};
    CHECK(syscall5(SYS_ppoll, (long)pf, 2, (long)&zero, 0, 8));
    printf("revents: read end %d, write end %d\n", pf[0].revents, pf[1].revents);
    write(p[1], "x", 1);
    CHECK(syscall5(SYS_ppoll, (long)pf, 2, (long)&zero, 0, 8));
    printf("revents: read end %d, write end %d\n", pf[0].revents, pf[1].revents);
    close(p[1]);
    pf[0].revents = 0;
    CHECK(syscall5(SYS_ppoll, (long)pf, 1, (long)&zero, 0, 8));
    printf("revents after the writer closed: %d\n", pf[0].revents);

    memset(buf, 0, sizeof buf);
    long n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    printf("/proc/self/exe is argv[0]: %s\n", n > 0 && !strcmp(buf, argv[0]) ? "yes" : "no");
    return 0;
}
