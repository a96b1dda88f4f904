/* Threads: counters under a mutex and with atomics (exact totals),
 * thread-local storage, condition-variable ping-pong, pthread_kill to a
 * chosen thread, exit codes through join, detached threads, cancellation. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter;
static atomic_long acounter;
static __thread int tls = 5;
static volatile sig_atomic_t got_sig;
static pthread_t sig_target;
static int turn, rounds;

static void *count(void *arg)
{
    long id = (long)arg;
    tls += (int)id;
    for (int i = 0; i < 20000; i++) {
        pthread_mutex_lock(&m);
        counter++;
        pthread_mutex_unlock(&m);
        atomic_fetch_add(&acounter, 1);
    }
    return (void *)(long)tls;
}

static void *pong(void *arg)
{
    int me = (int)(long)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&m);
        while (turn != me)
            pthread_cond_wait(&cv, &m);
        rounds++;
        turn = !me;
        pthread_cond_broadcast(&cv);
        pthread_mutex_unlock(&m);
    }
    return NULL;
}

static void on_usr1(int s)
{
    got_sig = pthread_equal(pthread_self(), sig_target) ? s : -1;
}

static void *wait_sig(void *arg)
{
    while (!got_sig)
        usleep(1000);
    return NULL;
}

static void *sleeper(void *arg)
{
    for (;;)
        sleep(1);
    return NULL;
}

static atomic_int detached_done;
static void *detached(void *arg)
{
    atomic_fetch_add(&detached_done, 1);
    return NULL;
}

int main(void)
{
    pthread_t t[8];
    void *r;
    long sum = 0;
    for (long i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, count, (void *)i);
    for (int i = 0; i < 8; i++) {
        pthread_join(t[i], &r);
        sum += (long)r;
    }
    printf("mutex counter %ld, atomic counter %ld\n", counter, (long)acounter);
    printf("thread-local results %ld, main's %d\n", sum, tls);

    pthread_create(&t[0], NULL, pong, (void *)0);
    pthread_create(&t[1], NULL, pong, (void *)1);
    pthread_join(t[0], NULL);
    pthread_join(t[1], NULL);
    printf("ping-pong rounds %d\n", rounds);

    signal(SIGUSR1, on_usr1);
    pthread_create(&sig_target, NULL, wait_sig, NULL);
    pthread_kill(sig_target, SIGUSR1);
    pthread_join(sig_target, NULL);
    printf("pthread_kill reached the chosen thread: %s\n", got_sig == SIGUSR1 ? "yes" : "no");

    pthread_create(&t[2], NULL, sleeper, NULL);
    pthread_cancel(t[2]);
    pthread_join(t[2], &r);
    printf("cancelled: %s\n", r == PTHREAD_CANCELED ? "yes" : "no");

    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], &at, detached, NULL);
    while (atomic_load(&detached_done) < 4)
        usleep(1000);
    printf("detached threads ran: %d\n", (int)atomic_load(&detached_done));
    return 0;
}
