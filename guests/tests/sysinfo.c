/* Identity and time syscalls; prints only what the kernel fixes or
 * relations between values. */
#include "rt.h"

struct utsname { char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65]; };

int main(void)
{
    struct utsname u;
    printf("uname: %ld\n", syscall1(SYS_uname, (long)&u));
    printf("sysname %s machine %s\n", u.sysname, u.machine);
    printf("release starts with a digit: %s\n", isdigit(u.release[0]) ? "yes" : "no");
    printf("gettid == getpid: %s\n", gettid() == getpid() ? "yes" : "no");
    printf("getppid positive: %s\n", getppid() > 0 ? "yes" : "no");
    printf("uid == euid: %s, gid == egid: %s\n",
           syscall0(SYS_getuid) == syscall0(SYS_geteuid) ? "yes" : "no",
           syscall0(SYS_getgid) == syscall0(SYS_getegid) ? "yes" : "no");
    unsigned char r1[16], r2[16];
    printf("getrandom: %ld %ld, differ: %s\n", getrandom(r1, 16, 0), getrandom(r2, 16, 0),
           memcmp(r1, r2, 16) ? "yes" : "no");
    struct timespec a, b, rt, res;
    clock_gettime(CLOCK_MONOTONIC, &a);
    struct timespec sl = {0, 10 * 1000 * 1000};
    printf("nanosleep: %d\n", nanosleep(&sl, 0));
    clock_gettime(CLOCK_MONOTONIC, &b);
    long ns = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
    printf("slept at least 10ms: %s, less than 5s: %s\n", ns >= 10000000 ? "yes" : "no",
           ns < 5000000000L ? "yes" : "no");
    clock_gettime(CLOCK_REALTIME, &rt);
    printf("realtime after 2020: %s\n", rt.tv_sec > 1577836800 ? "yes" : "no");
    printf("clock_getres monotonic: %ld, at most 1ms: %s\n",
           syscall2(SYS_clock_getres, CLOCK_MONOTONIC, (long)&res),
           res.tv_sec == 0 && res.tv_nsec <= 1000000 ? "yes" : "no");
    printf("bad clock: %d %s\n", clock_gettime(12345, &a), strerror(errno));
    struct timespec bad = {0, 2000000000};
    printf("bad nanosleep: %d %s\n", nanosleep(&bad, 0), strerror(errno));
    char cwd[256];
    printf("getcwd is absolute: %s\n", getcwd(cwd, sizeof cwd) && cwd[0] == '/' ? "yes" : "no");
    printf("unknown syscall: %ld\n", syscall0(4000));
    return 0;
}
