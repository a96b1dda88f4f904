/* Time calls; prints only what does not depend on when it runs. */
#include <stdio.h>
#include <time.h>
#include <sys/time.h>
#include <sys/times.h>
#include <unistd.h>

int main(void)
{
    struct timespec a, b, res;
    clock_gettime(CLOCK_MONOTONIC, &a);
    volatile unsigned long x = 0;
    for (int i = 0; i < 1000000; i++)
        x += (unsigned long)i;
    clock_gettime(CLOCK_MONOTONIC, &b);
    long long d = (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);
    printf("monotonic advances: %s\n", d >= 0 ? "yes" : "no");
    printf("nsec in range: %s\n", a.tv_nsec >= 0 && a.tv_nsec < 1000000000 ? "yes" : "no");
    clock_getres(CLOCK_MONOTONIC, &res);
    printf("resolution at most 1ms: %s\n", res.tv_sec == 0 && res.tv_nsec <= 1000000 ? "yes" : "no");
    struct timeval tv;
    gettimeofday(&tv, 0);
    time_t t = time(0);
    printf("time() after 2020: %s, close to gettimeofday: %s\n",
           t > 1577836800 ? "yes" : "no", t - tv.tv_sec <= 1 ? "yes" : "no");
    struct timespec sl = {0, 20000000}, s0, s1;
    clock_gettime(CLOCK_MONOTONIC, &s0);
    nanosleep(&sl, 0);
    clock_gettime(CLOCK_MONOTONIC, &s1);
    d = (s1.tv_sec - s0.tv_sec) * 1000000000LL + (s1.tv_nsec - s0.tv_nsec);
    printf("slept at least 20ms: %s\n", d >= 20000000 ? "yes" : "no");
    time_t fixed = 1700000000;
    struct tm tm;
    gmtime_r(&fixed, &tm);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %A %j", &tm);
    printf("gmtime %s\n", buf);
    printf("mktime roundtrip %s\n", timegm(&tm) == fixed ? "yes" : "no");
    struct tms tms;
    printf("times() works: %s\n", times(&tms) != (clock_t)-1 ? "yes" : "no");
    printf("CLK_TCK %ld\n", sysconf(_SC_CLK_TCK));
    return 0;
}
