/* glibc printf with doubles and long doubles (80-bit on x86_64, binary128
 * on aarch64/riscv64: the reference run of the same arch decides). */
#include <stdio.h>
#include <float.h>

int main(void)
{
    double d[] = {0.0, -0.0, 1.0 / 3, 2.0 / 3, 1e-310, 1.5e300, 3.141592653589793,
                  0.1, 123456789.125, -2.5, 1e23, 5e-324};
    for (unsigned i = 0; i < sizeof d / sizeof d[0]; i++)
        printf("%.17g|%f|%e|%a|%10.3g|%-+12.5e|\n", d[i], d[i], d[i], d[i], d[i], d[i]);
    long double ld[] = {1.0L / 3, 2.0L / 3, 1e-4000L, 1.2345678901234567890123456789L,
                        LDBL_MAX, LDBL_MIN, LDBL_EPSILON, -0.1L};
    for (unsigned i = 0; i < sizeof ld / sizeof ld[0]; i++)
        printf("%.25Lg|%Le|%.30Lf\n", ld[i], ld[i], ld[i]);
    printf("LDBL_MANT_DIG %d DBL_DIG %d LDBL_DIG %d\n", LDBL_MANT_DIG, DBL_DIG, LDBL_DIG);
    float f = 16777217.0f;
    printf("%.9g %.9g\n", (double)f, (double)(f + 1.0f));
    long double acc = 0;
    for (int i = 1; i <= 100000; i++)
        acc += 1.0L / ((long double)i * i);
    printf("basel(long double) %.30Lg\n", acc);
    char buf[64];
    double back;
    snprintf(buf, sizeof buf, "%.17g", 0.1 + 0.2);
    sscanf(buf, "%lf", &back);
    printf("roundtrip %s %s\n", buf, back == 0.1 + 0.2 ? "exact" : "lossy");
    return 0;
}
