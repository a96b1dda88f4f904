/* The exit status is main's return value. */
#include "rt.h"
int main(void)
{
    printf("returning 42\n");
    return 42;
}
