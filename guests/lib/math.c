/* The little libm the guests need; -fno-math-errno lets the compiler use
 * the hardware square root. */
#include "rt.h"

double sqrt(double x) { return __builtin_sqrt(x); }
double fabs(double x) { return __builtin_fabs(x); }
