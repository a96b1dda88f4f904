/* libm: results printed with %a so any 1-ulp difference shows. */
#include <math.h>
#include <stdio.h>
#include <fenv.h>

int main(void)
{
    double xs[] = {0.0, 0.5, 1.0, 2.0, 3.141592653589793, -1.5, 10.0, 1e-8, 700.0};
    for (unsigned i = 0; i < sizeof xs / sizeof xs[0]; i++) {
        double x = xs[i];
        printf("x=%g sin %a cos %a tan %a exp %a log %a sqrt %a atan %a cbrt %a\n", x,
               sin(x), cos(x), tan(x), exp(x), log(fabs(x)), sqrt(fabs(x)), atan(x), cbrt(x));
        printf("     pow %a hypot %a fmod %a floor %a ceil %a round %a trunc %a rint %a\n",
               pow(x, 1.5), hypot(x, 3), fmod(x, 0.7), floor(x), ceil(x), round(x),
               trunc(x), rint(x));
    }
    printf("fma %a\n", fma(0.1, 10.0, -1.0));
    float f = 0.7f;
    printf("float: sinf %a expf %a sqrtf %a powf %a\n", sinf(f), expf(f), sqrtf(f), powf(f, 2.5f));
    printf("specials: %g %g %g %g %d %d\n", log(0.0), sqrt(-1.0) != sqrt(-1.0) ? 1.0 : 0.0,
           exp(1000.0), atan2(-0.0, -1.0), isnan(NAN), isinf(-INFINITY));
    int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    const char *names[] = {"nearest", "upward", "downward", "towardzero"};
    for (int i = 0; i < 4; i++) {
        fesetround(modes[i]);
        volatile double one = 1.0, three = 3.0;
        printf("%-10s 1/3 %a rint(2.5) %a rint(-2.5) %a\n", names[i], one / three, rint(2.5), rint(-2.5));
    }
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0;
    volatile double q = 1.0 / z;
    printf("divbyzero raised %d, q %g\n", fetestexcept(FE_DIVBYZERO) != 0, q);
    return 0;
}
