/* Small compute kernels with known answers: integer edge cases, primes,
 * hashing, floating point, sorting, strings.  Prints values only. */
#include "rt.h"

static volatile long vl[] = {0, 1, -1, 7, -7, 0x7fffffffffffffffL,
                             -0x7fffffffffffffffL - 1, 1000000007, -3};
static volatile int vi[] = {0, 1, -1, 7, -7, 0x7fffffff, -0x7fffffff - 1, 3};

static void integers(void)
{
    uint64_t h = RT_FNV_INIT;
    int nl = sizeof vl / sizeof vl[0], ni = sizeof vi / sizeof vi[0];
    for (int i = 0; i < nl; i++)
        for (int j = 0; j < nl; j++) {
            long a = vl[i], b = vl[j];
            unsigned long ua = (unsigned long)a, ub = (unsigned long)b;
            long r[10];
            r[0] = a + b;
            r[1] = (long)(ua * ub);
            r[2] = (long)(ua - ub);
            r[3] = b && !(a == vl[6] && b == -1) ? a / b : 0;
            r[4] = b && !(a == vl[6] && b == -1) ? a % b : 0;
            r[5] = ub ? (long)(ua / ub) : 0;
            r[6] = ub ? (long)(ua % ub) : 0;
            r[7] = (long)(ua << (ub & 63));
            r[8] = a >> (ub & 63);
            r[9] = (long)(ua >> (ub & 63));
            h = rt_fnv1a(h, r, sizeof r);
            unsigned __int128 w = (unsigned __int128)ua * ub;
            __int128 sw = (__int128)a * b;
            uint64_t hi[2] = {(uint64_t)(w >> 64), (uint64_t)((unsigned __int128)sw >> 64)};
            h = rt_fnv1a(h, hi, sizeof hi);
        }
    printf("int64 ops hash %016llx\n", (unsigned long long)h);
    h = RT_FNV_INIT;
    for (int i = 0; i < ni; i++)
        for (int j = 0; j < ni; j++) {
            int a = vi[i], b = vi[j];
            unsigned ua = (unsigned)a, ub = (unsigned)b;
            int r[8];
            r[0] = (int)(ua + ub);
            r[1] = (int)(ua * ub);
            r[2] = b && !(a == vi[6] && b == -1) ? a / b : 0;
            r[3] = b && !(a == vi[6] && b == -1) ? a % b : 0;
            r[4] = ub ? (int)(ua / ub) : 0;
            r[5] = (int)(ua << (ub & 31));
            r[6] = a >> (ub & 31);
            r[7] = (int)(short)a * (signed char)b;
            h = rt_fnv1a(h, r, sizeof r);
        }
    printf("int32 ops hash %016llx\n", (unsigned long long)h);
    unsigned long x = 0x0123456789abcdefUL;
    printf("clz %d ctz %d popcount %d bswap %lx\n", __builtin_clzl(x),
           __builtin_ctzl(x << 4), __builtin_popcountl(x), __builtin_bswap64(x));
}

static void primes(void)
{
    static unsigned char comp[1000001];
    int n = 1000000, count = 0;
    long sum = 0;
    for (int i = 2; i <= n; i++) {
        if (comp[i])
            continue;
        count++;
        sum += i;
        for (long j = (long)i * i; j <= n; j += i)
            comp[j] = 1;
    }
    printf("primes below 1e6: %d, sum %ld\n", count, sum);
    long steps = 0, maxn = 0;
    for (long s = 1; s < 30000; s++) {
        long v = s;
        while (v != 1) {
            v = v & 1 ? 3 * v + 1 : v / 2;
            if (v > maxn)
                maxn = v;
            steps++;
        }
    }
    printf("collatz steps %ld max %ld\n", steps, maxn);
}

static double sqrt_newton(double x)
{
    double r = x > 1 ? x : 1;
    for (int i = 0; i < 60; i++)
        r = 0.5 * (r + x / r);
    return r;
}

static void floats(void)
{
    double s = 0, p = 1;
    for (int i = 1; i <= 1000; i++) {
        s += 1.0 / ((double)i * i);
        p *= 1.0 + 1.0 / (i * 1000.0);
    }
    printf("basel %.15f prod %.15f\n", s, p);
    printf("sqrt2 %.17g builtin %.17g\n", sqrt_newton(2.0), __builtin_sqrt(2.0));
    float f = 0;
    for (int i = 0; i < 1000; i++)
        f += 0.1f;
    printf("float sum %.9g\n", (double)f);
    volatile double big = 1e308, tiny = 1e-308, zero = 0.0;
    printf("overflow %g underflow %g nan %g\n", big * 10, tiny / 1e10,
           zero / zero != zero / zero ? 1.0 : 0.0);
    volatile double cv[] = {2.5, -2.5, 3.5, 1e10, -1e10, 0.49999999999999994, 123456789.987};
    for (unsigned i = 0; i < sizeof cv / sizeof cv[0]; i++)
        printf("conv %.17g -> long %ld int %d unsigned %u float %.9g\n", cv[i],
               (long)cv[i], (int)(cv[i] / 8), (unsigned)(cv[i] > 0 && cv[i] < 4e9 ? cv[i] : 0),
               (double)(float)cv[i]);
    volatile long lv[] = {0, 1, -1, 9007199254740993L, 0x7fffffffffffffffL};
    for (unsigned i = 0; i < sizeof lv / sizeof lv[0]; i++)
        printf("long %ld -> double %.17g float %.9g unsigned->double %.17g\n", lv[i],
               (double)lv[i], (double)(float)lv[i], (double)(unsigned long)lv[i]);
    /* Matrix multiply checksum. */
    static double a[40][40], b[40][40], c[40][40];
    for (int i = 0; i < 40; i++)
        for (int j = 0; j < 40; j++) {
            a[i][j] = (i * 7 + j * 3) % 11 - 5.25;
            b[i][j] = (i * 5 + j * 13) % 17 * 0.125;
        }
    double tr = 0;
    for (int i = 0; i < 40; i++)
        for (int j = 0; j < 40; j++) {
            double acc = 0;
            for (int k = 0; k < 40; k++)
                acc += a[i][k] * b[k][j];
            c[i][j] = acc;
            tr += (i == j) ? acc : acc * 1e-3;
        }
    printf("matmul checksum %.10e\n", tr);
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static void sorting(void)
{
    static int v[20000];
    uint64_t seed = 42;
    for (int i = 0; i < 20000; i++)
        v[i] = (int)(rt_rand64(&seed) % 100000) - 50000;
    qsort(v, 20000, sizeof v[0], cmp_int);
    int ok = 1;
    for (int i = 1; i < 20000; i++)
        ok &= v[i - 1] <= v[i];
    printf("sorted: %s min %d median %d max %d\n", ok ? "yes" : "no", v[0],
           v[10000], v[19999]);
}

static void strings(void)
{
    char buf[128];
    strcpy(buf, "The quick brown fox");
    strcat(buf, " jumps over the lazy dog");
    printf("len %d chr %s rchr %s str %s\n", (int)strlen(buf), strchr(buf, 'q'),
           strrchr(buf, 'o'), strstr(buf, "lazy"));
    printf("cmp %d %d %d ncmp %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0,
           strcmp("x", "x"), strncmp("abcdef", "abcxyz", 3));
    char *end;
    printf("strtol %ld %ld %ld %lu rest '%s'\n", strtol("  -1234xyz", &end, 10),
           strtol("0x1F", 0, 0), strtol("0777", 0, 0),
           strtoul("18446744073709551615", 0, 10), end);
    uint64_t h = RT_FNV_INIT;
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(buf, sizeof buf, "%d:%x:%s", i, i * 31, i & 1 ? "odd" : "even");
        h = rt_fnv1a(h, buf, (size_t)n);
    }
    printf("snprintf hash %016llx\n", (unsigned long long)h);
}

int main(void)
{
    integers();
    primes();
    floats();
    sorting();
    strings();
    return 0;
}
