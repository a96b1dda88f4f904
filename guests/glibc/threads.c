/* POSIX threads through static glibc: clone(CLONE_THREAD|CLONE_VM...),
 * futex-based mutexes and condition variables, join, thread-local
 * storage, atomics.  Output is independent of scheduling. */
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>

#define NT 4
#define ITERS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long shared;
static atomic_long atomic_sum;
static int ready;
static __thread long tls_value = 5;

static void *worker(void *arg)
{
    long id = (long)arg;
    tls_value = id * 100;
    pthread_mutex_lock(&lock);
    while (!ready)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&lock);
        shared += id + 1;
        pthread_mutex_unlock(&lock);
        atomic_fetch_add(&atomic_sum, 2);
    }
    return (void *)(tls_value + id);
}

int main(void)
{
    pthread_t t[NT];
    for (long i = 0; i < NT; i++)
        if (pthread_create(&t[i], 0, worker, (void *)i) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    long rets = 0;
    for (int i = 0; i < NT; i++) {
        void *r;
        pthread_join(t[i], &r);
        rets += (long)r;
    }
    printf("shared %ld (want %ld)\n", shared, (long)ITERS * (NT * (NT + 1) / 2));
    printf("atomic %ld (want %ld)\n", (long)atomic_sum, 2L * ITERS * NT);
    printf("returns %ld, main's tls still %ld\n", rets, tls_value);
    return 0;
}
