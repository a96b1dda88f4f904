/* execve from a forked child: the new image gets its argv and envp, keeps
 * fds without O_CLOEXEC and the blocked mask, loses O_CLOEXEC fds and
 * caught handlers (ignored stays ignored).  Errors: ENOENT, ENOEXEC,
 * EACCES.  qemu-user cannot exec guest binaries without binfmt_misc, so
 * the non-x86_64 arches compare against guests/tests/expected/. */
#include "rt.h"

static void on_usr1(int sig) { (void)sig; }

static int child_main(int argc, char **argv, char **envp)
{
    printf("child: argc %d", argc);
    for (int i = 1; i < argc && i < 4; i++)      /* not the fd numbers */
        printf(" [%s]", argv[i]);
    printf("\n");
    int ne = 0;
    while (envp[ne])
        ne++;
    printf("child: %d env, EXEC_TEST=%s\n", ne, getenv("EXEC_TEST") ? getenv("EXEC_TEST") : "(unset)");
    int keep = atoi(argv[4]), gone = atoi(argv[5]);
    printf("child: plain fd open: %s, O_CLOEXEC fd closed: %s\n",
           fcntl(keep, F_GETFD, 0) >= 0 ? "yes" : "no",
           fcntl(gone, F_GETFD, 0) < 0 && errno == EBADF ? "yes" : "no");
    char buf[16] = {0};
    lseek(keep, 0, SEEK_SET);
    read(keep, buf, 5);
    printf("child: reads '%s' from the inherited fd\n", buf);
    struct sigaction a, b;
    sigaction(SIGUSR1, 0, &a);
    sigaction(SIGUSR2, 0, &b);
    printf("child: caught handler reset: %s, ignored stays: %s\n",
           a.sa_handler == SIG_DFL ? "yes" : "no", b.sa_handler == SIG_IGN ? "yes" : "no");
    sigset_t m;
    sigprocmask(SIG_SETMASK, 0, &m);
    printf("child: SIGTERM still blocked: %s\n", sigismember(&m, SIGTERM) ? "yes" : "no");
    printf("child: AT_EXECFN is the path: %s\n",
           !strcmp((const char *)getauxval(AT_EXECFN), argv[0]) ? "yes" : "no");
    return 5;
}

static void try_exec(const char *what, const char *path, char **argv, char **envp)
{
    pid_t c = (pid_t)syscall5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (c == 0) {
        long r = syscall3(SYS_execve, (long)path, (long)argv, (long)envp);
        printf("%s: execve failed: %s\n", what, strerror((int)-r));
        _exit(127);
    }
    int st = 0;
    syscall4(SYS_wait4, c, (long)&st, 0, 0);
    printf("%s: child exit status %d\n", what, (st >> 8) & 0xff);
}

int main(int argc, char **argv, char **envp)
{
    if (argc > 1 && !strcmp(argv[1], "child"))
        return child_main(argc, argv, envp);

    int keep = open("keep.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    write(keep, "hello", 5);
    int gone = open("keep.txt", O_RDONLY | O_CLOEXEC);
    char k[12], g[12];
    snprintf(k, sizeof k, "%d", keep);
    snprintf(g, sizeof g, "%d", gone);
    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, SIG_IGN);
    sigset_t m = 0;
    sigaddset(&m, SIGTERM);
    sigprocmask(SIG_BLOCK, &m, 0);

    char *cargv[] = {argv[0], "child", "two words", "", k, g, 0};
    char *cenv[] = {"EXEC_TEST=yes", "OTHER=1", 0};
    try_exec("self", argv[0], cargv, cenv);

    char *nargv[] = {"nothing", 0};
    try_exec("missing file", "./does-not-exist", nargv, cenv);
    int t = open("script.txt", O_CREAT | O_WRONLY | O_TRUNC, 0755);
    write(t, "not an executable\n", 18);
    close(t);
    try_exec("text file", "./script.txt", nargv, cenv);
    t = open("noexec", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    close(t);
    try_exec("no x bit", "./noexec", nargv, cenv);
    unlink("script.txt");
    unlink("noexec");
    unlink("keep.txt");
    return 0;
}
