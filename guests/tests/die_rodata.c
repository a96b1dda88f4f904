/* Death by SIGSEGV: a store into read-only data. */
#include "rt.h"
static const char msg[] = "constant";
int main(void)
{
    printf("%s\n", msg);
    *(volatile char *)msg = 'C';
    printf("not reached\n");
    return 0;
}
