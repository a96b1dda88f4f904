/* Death by SIGSEGV from unbounded recursion running off the stack. */
#include "rt.h"
static int down(volatile char *prev, int n)
{
    volatile char buf[1024];
    if (n < 0)
        return 0;
    buf[0] = (char)n;
    buf[1023] = prev ? prev[0] : 0;
    return down(buf, n + 1) + buf[1023];
}
int main(void)
{
    printf("recursing\n");
    return down(0, 0);
}
