/* Death by SIGSEGV: a call to an unmapped address (instruction fetch). */
#include "rt.h"
int main(void)
{
    printf("calling a wild pointer\n");
    void (*volatile f)(void) = (void (*)(void))0x10;
    f();
    printf("not reached\n");
    return 0;
}
