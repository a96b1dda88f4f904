/* A fault in one thread kills the whole process with that signal. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static void *faulter(void *arg)
{
    usleep(10000);
    *(volatile int *)arg = 1;   /* NULL */
    return NULL;
}

int main(void)
{
    pthread_t t;
    printf("starting\n");
    fflush(stdout);
    pthread_create(&t, NULL, faulter, NULL);
    for (;;)
        pause();
}
