/* Death by SIGTRAP: the arch's breakpoint instruction. */
#include "rt.h"
int main(void)
{
    printf("before the breakpoint\n");
    rt_trap_breakpoint();
    printf("not reached\n");
    return 0;
}
