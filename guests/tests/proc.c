/* Processes: fork (clone with SIGCHLD), wait4 statuses for exit and signal
 * deaths, copy-on-write memory, a pipe between parent and child, kill. */
#include "rt.h"

static int counter = 100;

static pid_t fork_(void) { return (pid_t)syscall5(SYS_clone, SIGCHLD, 0, 0, 0, 0); }

static int wait_(pid_t pid, int *status)
{
    long r = syscall4(SYS_wait4, pid, (long)status, 0, 0);
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return (int)r;
}

static void show(const char *what, pid_t child, int st)
{
    int got = wait_(child, &st);
    if (got != child) {
        printf("%s: wait4 %s\n", what, got < 0 ? strerror(errno) : "other pid");
        return;
    }
    if ((st & 0x7f) == 0)
        printf("%s: exited %d\n", what, (st >> 8) & 0xff);
    else
        printf("%s: killed by signal %d\n", what, st & 0x7f);
}

int main(void)
{
    pid_t me = getpid();
    int p[2];
    pipe(p);
    size_t ps = getauxval(AT_PAGESZ);
    volatile int *shared = mmap(0, ps, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    volatile int *priv = mmap(0, ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *shared = 1;
    *priv = 1;
    printf("forking\n");
    pid_t c = fork_();
    if (c == 0) {
        counter++;
        *shared = 2;
        *priv = 2;
        char msg[64];
        int n = snprintf(msg, sizeof msg, "child: parent is %s, counter %d",
                         getppid() == me ? "right" : "wrong", counter);
        write(p[1], msg, (size_t)n);
        _exit(7);
    }
    printf("fork returned a child pid: %s\n", c > 0 && c != me ? "yes" : "no");
    close(p[1]);
    char buf[80] = {0};
    read(p[0], buf, sizeof buf - 1);
    printf("from the pipe: %s\n", buf);
    close(p[0]);
    show("child 1", c, 0);
    printf("parent counter still %d\n", counter);
    printf("MAP_SHARED page sees the child's store: %s, MAP_PRIVATE page does not: %s\n",
           *shared == 2 ? "yes" : "no", *priv == 1 ? "yes" : "no");

    c = fork_();
    if (c == 0) {
        *(volatile int *)0 = 1;
        _exit(0);
    }
    show("child 2 (NULL store)", c, 0);

    c = fork_();
    if (c == 0) {
        struct timespec ts = {20, 0};
        nanosleep(&ts, 0);
        _exit(3);
    }
    kill(c, SIGTERM);
    show("child 3 (SIGTERM)", c, 0);

    c = fork_();
    if (c == 0)
        exit(300);
    show("child 4 (exit 300)", c, 0);

    int st;
    printf("wait4 with no children: %d %s\n", wait_(-1, &st), strerror(errno));
    return 0;
}
