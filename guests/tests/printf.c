/* printf formatting.  Uses only standard calls, so the same source also
 * builds against glibc: its output there is the oracle for guests/lib's
 * printf (tests/cases/printf-glibc.sh). */
#ifdef RT_H_HOSTED
#include <stdio.h>
#include <string.h>
#else
#include "rt.h"
#endif

static const double vals[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, 3.5, 0.125, 0.1, 0.2, 0.3,
    2.675, 1.005, 123.456, -987.654321, 1e-5, 1.5e-5, 9.9999e-5, 1e-4,
    123456.0, 1234567.0, 12345678.9, 1e15, 1e16, 1e17, 1e21, 1e22, 1e23,
    1e100, 1.7976931348623157e308, 2.2250738585072014e-308,
    4.9406564584124654e-324, 3.141592653589793, 2.718281828459045,
    0.999999, 0.9999995, 9.9999995, 99999.95, 0.00001234,
    6.02214076e23, 1.602176634e-19, 0.05, 0.15, 0.25, 0.35, 0.45,
};

static unsigned long long rng = 0x9e3779b97f4a7c15ull;
static unsigned long long next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Random bit patterns (all exponents, subnormals, NaN/inf) with random
 * precisions: catches rounding and carry bugs the fixed list misses. */
static void fuzz(void)
{
    static const char conv[] = "feEgG";
    for (int i = 0; i < 3000; i++) {
        unsigned long long bits = next();
        if (i % 3 == 0)      /* keep many values in the everyday range */
            bits = (bits & 0x800fffffffffffffull) | ((0x3c0ull + next() % 0x80) << 52);
        double v;
        memcpy(&v, &bits, sizeof v);
        char fmt[16];
        int prec = (int)(next() % 25);
        char c = conv[next() % 5];
        if (c == 'f' && (bits >> 52 & 0x7ff) > 0x440)
            prec %= 4;   /* keep %f lines short for huge values */
        snprintf(fmt, sizeof fmt, "%%.%d%c\n", prec, c);
        printf(fmt, v);
    }
}

int main(void)
{
    char buf[64];
    static const char *ffmt[] = {
        "%f", "%.0f", "%.1f", "%.2f", "%.3f", "%.10f", "%#.0f", "%e",
        "%.0e", "%.3e", "%E", "%g", "%.0g", "%.1g", "%.3g", "%.10g",
        "%#g", "%G", "%12.4f", "%-12.4f|", "%012.4f", "%+.2e", "% .3g",
        "%.17g", "%.20e",
    };
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        printf("[%u]", i);
        for (unsigned j = 0; j < sizeof ffmt / sizeof ffmt[0]; j++) {
            putchar(' ');
            printf(ffmt[j], vals[i]);
        }
        putchar('\n');
    }
    printf("%f %e %g %F %E %G\n", 1.0 / 0.0, -1.0 / 0.0, 1.0 / 0.0,
           1.0 / 0.0, -1.0 / 0.0, 1.0 / 0.0);
    printf("[%8.3f] [%-8.3f] [%08.3f] [%+08.3f] [%08f]\n", 3.14159, 3.14159,
           -3.14159, 3.14159, 1.0 / 0.0);
    printf("%.300f\n", 1e-300);
    printf("%f\n", 1e300);

    printf("%d %i %u %x %X %o\n", 0, -1, 4000000000u, 0xdeadbeef, 0xabcdefu, 0777);
    printf("%ld %lu %lx %lld %llu %llx\n", -9223372036854775807L - 1,
           18446744073709551615UL, 0x123456789abcdefUL, -1LL, 1ULL << 63,
           0xfedcba9876543210ULL);
    printf("%hd %hu %hhd %hhu %zu %zd\n", (short)-12345, (unsigned short)65535,
           (signed char)-128, (unsigned char)255, (size_t)12345, (ssize_t)-5);
    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d]\n", 42, 42, 42, 42,
           42, -42, 42);
    printf("[%.3d] [%8.3d] [%-8.3d] [%08.3d] [%.0d] [%5.0d]\n", 7, 7, -7, 7, 0, 0);
    printf("[%#x] [%#X] [%#o] [%#o] [%#x] [%#10x] [%#010x] [%-#10x]\n", 255,
           255, 8, 0, 0, 255, 255, 255);
    printf("[%*d] [%-*d] [%.*d] [%*.*d]\n", 6, 1, 6, 2, 4, 3, 7, 3, 4);
    printf("[%s] [%10s] [%-10s] [%.2s] [%10.3s] [%c] [%3c] [%-3c] [%%]\n",
           "hello", "hi", "hi", "hello", "hello", 'x', 'y', 'z');
    printf("%p\n", (void *)0);
    printf("%p %#lx\n", (void *)0x1234, 0x1234UL);
    int n = snprintf(buf, 8, "%s-%d", "abcdef", 12345);
    printf("snprintf %d [%s]\n", n, buf);
    n = snprintf(buf, sizeof buf, "%5.1f|%-6g|%e", 2.25, 0.0001, 1e-10);
    printf("snprintf %d [%s]\n", n, buf);
    n = sprintf(buf, "%x%X%o", 10, 11, 12);
    printf("sprintf %d [%s]\n", n, buf);
    puts("puts works");
    fuzz();
    return 0;
}
