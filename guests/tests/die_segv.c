/* Death by SIGSEGV (store to NULL, no handler): status 128+11. */
#include "rt.h"
int main(void)
{
    printf("before the fault\n");
    *(volatile int *)0 = 1;
    printf("not reached\n");
    return 0;
}
