/* Death by SIGILL: the arch's undefined instruction. */
#include "rt.h"
int main(void)
{
    printf("before the illegal instruction\n");
    rt_trap_illegal();
    printf("not reached\n");
    return 0;
}
