/* Death by SIGABRT raised with tgkill. */
#include "rt.h"
int main(void)
{
    printf("aborting\n");
    abort();
}
