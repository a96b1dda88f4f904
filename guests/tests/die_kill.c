/* Death by a signal sent with kill(): SIGTERM, default action. */
#include "rt.h"
int main(void)
{
    printf("sending SIGTERM to myself\n");
    kill(getpid(), SIGTERM);
    printf("not reached\n");
    return 0;
}
