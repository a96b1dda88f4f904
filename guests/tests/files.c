/* File syscalls in the current directory (the harness runs each guest in a
 * fresh empty directory, umask 022): create/write/read/lseek/fstat/unlink,
 * directories, rename, pipes, dup, fcntl, and the usual errors. */
#include "rt.h"

#define CHECK(expr) report(#expr, (long)(expr))

static void report(const char *what, long r)
{
    if (r < 0)
        printf("%-40s = -1 %s\n", what, strerror(errno));
    else
        printf("%-40s = %ld\n", what, r);
}

static void show_stat(const char *name, int fd)
{
    struct stat st;
    if (fstat(fd, &st) < 0) {
        printf("fstat %s: %s\n", name, strerror(errno));
        return;
    }
    printf("fstat %s: type %o perm %o", name, st.st_mode & S_IFMT,
           st.st_mode & 07777);
    /* Directory sizes and link counts depend on the host filesystem. */
    if ((st.st_mode & S_IFMT) == S_IFREG)
        printf(" size %ld nlink %u", st.st_size, st.st_nlink);
    printf("\n");
}

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* getdents64, names sorted (directory order is the filesystem's choice). */
static void list_dir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    if (fd < 0) {
        printf("list %s: %s\n", path, strerror(errno));
        return;
    }
    static char buf[4096];
    static char names[32][64];
    char *ptrs[32];
    int n = 0;
    for (;;) {
        long r = syscall3(SYS_getdents64, fd, (long)buf, sizeof buf);
        if (r <= 0)
            break;
        for (long off = 0; off < r;) {
            unsigned short reclen = *(unsigned short *)(buf + off + 16);
            const char *nm = buf + off + 19;
            if (n < 32) {
                strncpy(names[n], nm, 63);
                ptrs[n] = names[n];
                n++;
            }
            off += reclen;
        }
    }
    close(fd);
    qsort(ptrs, (size_t)n, sizeof ptrs[0], cmpstr);
    printf("list %s:", path);
    for (int i = 0; i < n; i++)
        printf(" %s", ptrs[i]);
    printf("\n");
}

static void files(void)
{
    char buf[256];
    int fd = open("a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    printf("open a.txt: %s\n", fd >= 0 ? "ok" : strerror(errno));
    CHECK(write(fd, "hello, world\n", 13));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, 0, SEEK_SET));
    memset(buf, 0, sizeof buf);
    CHECK(read(fd, buf, sizeof buf));
    printf("read back: %s", buf);
    CHECK(read(fd, buf, sizeof buf));           /* at EOF */
    CHECK(lseek(fd, 7, SEEK_SET));
    CHECK(write(fd, "WORLD", 5));
    CHECK(lseek(fd, -6, SEEK_END));
    CHECK(read(fd, buf, 5));
    buf[5] = 0;
    printf("after overwrite: %s\n", buf);
    CHECK(lseek(fd, 100, SEEK_END));            /* a hole */
    CHECK(write(fd, "X", 1));
    show_stat("a.txt", fd);
    CHECK(pread(fd, buf, 4, 50));
    printf("hole bytes: %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
    CHECK(pwrite(fd, "pw", 2, 0));
    CHECK(lseek(fd, 0, SEEK_CUR));              /* pwrite keeps the offset */
    CHECK(ftruncate(fd, 5));
    show_stat("a.txt", fd);
    CHECK(lseek(fd, -1, SEEK_SET));
    CHECK(lseek(fd, 0, 99));
    CHECK(close(fd));
    CHECK(close(fd));
    CHECK(read(fd, buf, 1));

    fd = open("a.txt", O_RDONLY);
    CHECK(read(fd, buf, sizeof buf));
    buf[5] = 0;
    printf("content: %s\n", buf);
    CHECK(write(fd, "x", 1));                   /* read-only fd */
    close(fd);

    CHECK(open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0600));
    CHECK(open("missing.txt", O_RDONLY));
    CHECK(open("missing/x", O_CREAT | O_WRONLY, 0600));
    CHECK(open("a.txt/x", O_RDONLY));

    fd = open("b.txt", O_CREAT | O_WRONLY | O_APPEND, 0600);
    CHECK(write(fd, "one ", 4));
    CHECK(lseek(fd, 0, SEEK_SET));
    CHECK(write(fd, "two", 3));                 /* O_APPEND: at the end */
    show_stat("b.txt", fd);
    CHECK(fcntl(fd, F_GETFL, 0) & (3));
    CHECK((fcntl(fd, F_GETFL, 0) & O_APPEND) != 0);
    close(fd);
    fd = open("b.txt", O_RDONLY);
    memset(buf, 0, sizeof buf);
    CHECK(read(fd, buf, sizeof buf));
    printf("b.txt: %s\n", buf);
    close(fd);

    CHECK(mkdir("d", 0755));
    CHECK(mkdir("d", 0755));
    CHECK(mkdir("d/sub", 0700));
    fd = open("d/f", O_CREAT | O_WRONLY, 0640);
    close(fd);
    show_stat("d", open("d", O_RDONLY | O_DIRECTORY));
    CHECK(rename("b.txt", "d/b.txt"));
    CHECK(rename("nothere", "x"));
    list_dir(".");
    list_dir("d");
    CHECK(rmdir("d"));
    CHECK(unlink("d"));
    CHECK(rmdir("d/sub"));
    CHECK(unlink("d/f"));
    CHECK(unlink("d/b.txt"));
    CHECK(rmdir("d"));
    CHECK(unlink("a.txt"));
    CHECK(unlink("a.txt"));
    CHECK(open("d", O_RDONLY | O_DIRECTORY));
    list_dir(".");

    struct stat st;
    CHECK(stat("/dev/null", &st));
    printf("/dev/null is a char device: %s\n",
           (st.st_mode & S_IFMT) == S_IFCHR ? "yes" : "no");
    fd = open("/dev/null", O_RDWR);
    CHECK(write(fd, "gone", 4));
    CHECK(read(fd, buf, sizeof buf));
    close(fd);
    CHECK(chdir("/"));
    printf("getcwd: %s\n", getcwd(buf, sizeof buf) ? buf : strerror(errno));
}

static void pipes(void)
{
    int p[2];
    char buf[64];
    CHECK(pipe(p));
    CHECK(write(p[1], "through the pipe", 16));
    memset(buf, 0, sizeof buf);
    CHECK(read(p[0], buf, sizeof buf));
    printf("pipe: %s\n", buf);
    struct stat st;
    fstat(p[0], &st);
    printf("pipe is a fifo: %s\n", (st.st_mode & S_IFMT) == S_IFIFO ? "yes" : "no");
    CHECK(lseek(p[0], 0, SEEK_SET));            /* ESPIPE */

    int d = dup(p[1]);
    printf("dup gives the lowest free fd: %s\n", d == p[1] + 1 ? "yes" : "no");
    CHECK(write(d, "via dup", 7));
    CHECK(close(d));
    CHECK(dup2(p[1], 20));
    CHECK(write(20, "+dup2", 5));
    CHECK(dup2(20, 20));
    CHECK(dup3(20, 20, 0));                     /* EINVAL */
    CHECK(dup3(p[1], 21, O_CLOEXEC));
    CHECK(fcntl(21, F_GETFD, 0));
    CHECK(fcntl(20, F_GETFD, 0));
    CHECK(fcntl(20, F_SETFD, FD_CLOEXEC));
    CHECK(fcntl(20, F_GETFD, 0));
    CHECK(fcntl(p[1], F_DUPFD, 30));
    CHECK(close(20));
    CHECK(close(21));
    CHECK(close(30));
    CHECK(dup2(99, 5));                         /* EBADF */
    memset(buf, 0, sizeof buf);
    CHECK(read(p[0], buf, sizeof buf));
    printf("pipe: %s\n", buf);

    /* Non-blocking read of an empty pipe, then EOF after the writer goes. */
    CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK));
    CHECK(read(p[0], buf, sizeof buf));
    CHECK(close(p[1]));
    CHECK(read(p[0], buf, sizeof buf));
    CHECK(close(p[0]));

    /* Writing to a pipe with no reader: EPIPE once SIGPIPE is ignored. */
    CHECK(pipe2(p, O_CLOEXEC));
    CHECK(fcntl(p[0], F_GETFD, 0));
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    CHECK(write(p[1], "x", 1));
    close(p[1]);

    /* A pipe holds at least 4096 bytes without a reader. */
    CHECK(pipe(p));
    static char big[4096];
    memset(big, 'z', sizeof big);
    CHECK(write(p[1], big, sizeof big));
    long got = 0, r;
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    while ((r = read(p[0], buf, sizeof buf)) > 0)
        got += r;
    printf("drained %ld\n", got);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    files();
    pipes();
    return 0;
}
