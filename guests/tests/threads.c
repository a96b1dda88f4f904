/* Threads through guests/lib: clone3/clone with every tid flag, TLS,
 * counters under a futex mutex and with atomics (exact totals), futex
 * commands (WAIT/WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP, the BITSET pair,
 * timeouts, EAGAIN, EINTR), clear-tid join, exit of one thread,
 * thread-directed and process-directed signals, per-thread masks and
 * altstacks, robust lists, affinity, getcpu and membarrier.
 *
 * Nothing printed depends on the schedule: where a test needs sleepers
 * in the kernel, it moves them with REQUEUE until it has moved them all,
 * so the counts the kernel returns afterwards are exact.  Deaths (a fault
 * in a thread, exit_group from one) are in threads_die.c. */
#include "rt.h"

#define NT 8
#define ROUNDS 20000

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    syscall2(SYS_nanosleep, (long)&ts, 0);
}

static int64_t now_ns(int clk)
{
    struct timespec ts;
    syscall2(SYS_clock_gettime, clk, (long)&ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static const char *err(long r)
{
    return r >= 0 ? "0" : strerror((int)-r);
}

static const char *yn(int c) { return c ? "yes" : "no"; }

/* ---- counters and TLS ------------------------------------------------------- */

static mutex_t m = MUTEX_INIT;
static long mcounter;
static long acounter;
static _Thread_local int tls_init = 5;
static _Thread_local long tls_zero[4];
static void *tps[NT + 1];
static int tls_fresh[NT];
static int tids_ok[NT];
static volatile int tid_words[NT];

static void *count(void *arg)
{
    long id = (long)arg;
    tls_fresh[id] = tls_init == 5 && !tls_zero[0] && !tls_zero[3];
    tps[id] = rt_get_tp();
    tls_init += (int)id;
    tls_zero[3] = id;
    for (int i = 0; i < ROUNDS; i++) {
        mutex_lock(&m);
        mcounter++;
        mutex_unlock(&m);
        __atomic_fetch_add(&acounter, 1, __ATOMIC_RELAXED);
    }
    return (void *)(long)(tls_init * 100 + tls_zero[3]);
}

static volatile int ids_go;

static void *ids(void *arg)
{
    long id = (long)arg;
    tids_ok[id] = syscall0(SYS_getpid) == getpid();
    __atomic_store_n(&tid_words[id], (int)syscall0(SYS_gettid), __ATOMIC_RELEASE);
    while (!__atomic_load_n(&ids_go, __ATOMIC_ACQUIRE))   /* stay alive: tid words stay set */
        futex(&ids_go, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
    return 0;
}

static void wait_flag(volatile int *f);

static void counters(void)
{
    thread_t t[NT];
    for (long i = 0; i < NT; i++)
        if (thread_create(&t[i], count, (void *)i))
            printf("thread_create failed\n");
    long sum = 0;
    for (int i = 0; i < NT; i++) {
        void *r;
        thread_join(t[i], &r);
        sum += (long)r;
    }
    printf("mutex counter %ld, atomic counter %ld\n", mcounter, acounter);
    int fresh = 1;
    for (int i = 0; i < NT; i++)
        fresh &= tls_fresh[i];
    printf("each thread starts with the TLS image: %s\n", yn(fresh));
    printf("thread-local results %ld, main's %d %ld\n", sum, tls_init, tls_zero[3]);
    tps[NT] = rt_get_tp();
    int distinct = 1;
    for (int i = 0; i <= NT; i++)
        for (int j = 0; j < i; j++)
            distinct &= tps[i] != tps[j];
    printf("thread pointers distinct: %s\n", yn(distinct));

    int me = (int)syscall0(SYS_gettid);
    for (long i = 0; i < NT; i++)
        thread_create(&t[i], ids, (void *)i);
    int ok = 1, words = 1;
    for (int i = 0; i < NT; i++) {
        wait_flag(&tid_words[i]);
        words &= thread_tid(t[i]) == tid_words[i];
        ok &= tids_ok[i] && tid_words[i] != me && tid_words[i] > 0;
        for (int j = 0; j < i; j++)
            ok &= tid_words[i] != tid_words[j];
    }
    __atomic_store_n(&ids_go, 1, __ATOMIC_RELEASE);
    futex(&ids_go, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, NT, 0, 0, 0);
    for (int i = 0; i < NT; i++)
        thread_join(t[i], 0);      /* returns once CLONE_CHILD_CLEARTID zeroed the word */
    printf("tids distinct, same pid: %s\n", yn(ok));
    printf("PARENT_SETTID/CHILD_SETTID word is the child's gettid: %s\n", yn(words));
    printf("main's tid is the pid: %s\n", yn(me == getpid()));
    int dummy;
    printf("set_tid_address returns the tid: %s\n",
           yn(syscall1(SYS_set_tid_address, (long)&dummy) == me));
}

/* clone3's checks (kernel/fork.c: copy_clone_args_from_user,
 * clone3_args_valid, copy_process): each call fails before any process
 * or thread exists. */
static long clone3_raw(void *args, unsigned long size)
{
    return syscall2(SYS_clone3, (long)args, (long)size);
}

static void clone3_checks(void)
{
    uint64_t a[12] = {0};
    printf("clone3 with a 32-byte struct: %s\n", err(clone3_raw(a, 32)));
    a[0] = CLONE_THREAD;
    printf("clone3 CLONE_THREAD without CLONE_SIGHAND: %s\n", err(clone3_raw(a, 64)));
    a[0] = CLONE_SIGHAND;
    printf("clone3 CLONE_SIGHAND without CLONE_VM: %s\n", err(clone3_raw(a, 64)));
    a[0] = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
    a[4] = SIGCHLD;
    printf("clone3 CLONE_THREAD with an exit signal: %s\n", err(clone3_raw(a, 64)));
    a[4] = 0;
    a[5] = 4096;
    printf("clone3 with a stack but no size: %s\n", err(clone3_raw(a, 64)));
    a[5] = 0;
    a[0] = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | SIGCHLD;
    printf("clone3 with a signal in the flags: %s\n", err(clone3_raw(a, 64)));
    a[0] = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD;
    a[11] = 1;
    printf("clone3 with a nonzero byte past the struct: %s\n", err(clone3_raw(a, 96)));
}

/* ---- ping-pong on a futex, exit of one thread ----------------------------------------- */

static volatile int turn, rounds;

static void *pong(void *arg)
{
    int me = (int)(long)arg;
    for (int i = 0; i < 1000; i++) {
        while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me)
            futex(&turn, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, !me, 0, 0, 0);
        rounds++;
        __atomic_store_n(&turn, !me, __ATOMIC_RELEASE);
        futex(&turn, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, 0, 0);
    }
    return 0;
}

static void *exits_early(void *arg)
{
    thread_exit((void *)77);
}

static void *raw_exit(void *arg)
{
    for (;;)
        syscall1(SYS_exit, 5);      /* a status for this thread only */
}

static void pingpong(void)
{
    thread_t a, b;
    thread_create(&a, pong, (void *)0);
    thread_create(&b, pong, (void *)1);
    thread_join(a, 0);
    thread_join(b, 0);
    printf("ping-pong rounds %d\n", rounds);
    void *r;
    thread_create(&a, exits_early, 0);
    thread_join(a, &r);
    printf("thread_exit value %ld\n", (long)r);
    thread_create(&a, raw_exit, 0);
    thread_join(a, 0);
    printf("exit(5) in a thread ended only that thread: yes\n");
}

/* ---- futex commands -------------------------------------------------------------------- */

static volatile int f1, f2, f3, go;

static void *waiter(void *arg)
{
    while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
        futex(&f1, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
    return 0;
}

static void *bit_waiter(void *arg)
{
    while (!__atomic_load_n(&go, __ATOMIC_ACQUIRE))
        futex(&f1, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, 0, 0, 2);
    return 0;
}

/* Move sleepers from f1 to `to` until n have moved. */
static long gather(volatile int *to, int n)
{
    long moved = 0;
    while (moved < n) {
        long r = futex(&f1, FUTEX_REQUEUE | FUTEX_PRIVATE_FLAG, 0, (void *)(long)n, to, 0);
        if (r < 0)
            return r;
        moved += r;
        if (moved < n)
            sleep_ms(1);
    }
    return moved;
}

static void futex_single(void)
{
    volatile int w = 1;
    printf("WAIT on a changed value: %s\n", err(futex(&w, FUTEX_WAIT, 0, 0, 0, 0)));
    struct timespec ts = {0, 20000000};
    int64_t t0 = now_ns(CLOCK_MONOTONIC);
    long r = futex(&w, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, &ts, 0, 0);
    printf("WAIT with a 20 ms timeout: %s, waited long enough: %s\n", err(r),
           yn(now_ns(CLOCK_MONOTONIC) - t0 >= 20000000));
    int64_t dl = now_ns(CLOCK_MONOTONIC) + 10000000;
    struct timespec ab = {dl / 1000000000, dl % 1000000000};
    r = futex(&w, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 1, &ab, 0, FUTEX_BITSET_MATCH_ANY);
    printf("WAIT_BITSET until a monotonic deadline: %s, reached: %s\n", err(r),
           yn(now_ns(CLOCK_MONOTONIC) >= dl));
    dl = now_ns(CLOCK_REALTIME) + 10000000;
    ab = (struct timespec){dl / 1000000000, dl % 1000000000};
    r = futex(&w, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 1, &ab, 0,
              FUTEX_BITSET_MATCH_ANY);
    printf("WAIT_BITSET until a realtime deadline: %s\n", err(r));
    struct timespec bad = {0, 1000000000};
    printf("WAIT with tv_nsec 1e9: %s\n", err(futex(&w, FUTEX_WAIT, 1, &bad, 0, 0)));
    printf("WAIT_BITSET with bitset 0: %s\n", err(futex(&w, FUTEX_WAIT_BITSET, 1, 0, 0, 0)));
    printf("WAKE with nobody waiting: %s\n", err(futex(&w, FUTEX_WAKE, 1, 0, 0, 0)));
    printf("WAIT on address 8: %s\n", err(futex((int *)8, FUTEX_WAIT, 0, 0, 0, 0)));
    printf("unknown command 99: %s\n", err(futex(&w, 99, 0, 0, 0, 0)));
    volatile int b = 3;
    r = futex(&w, FUTEX_WAKE_OP, 1, (void *)1, &b, FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_GT, 0));
    printf("WAKE_OP add 5 with nobody waiting: %ld, word now %d\n", r, b);
    r = futex(&w, FUTEX_WAKE_OP, 1, (void *)1, &b,
              FUTEX_OP(FUTEX_OP_OR | 8, 4, FUTEX_OP_CMP_EQ, 8));   /* oparg is a shift */
    printf("WAKE_OP or 1<<4: %ld, word now %d\n", r, b);
    f1 = 0;
    printf("CMP_REQUEUE with a stale value: %s\n",
           err(futex(&f1, FUTEX_CMP_REQUEUE, 1, (void *)1, &f2, 1)));
}

static void futex_threads(void)
{
    thread_t t[4];
    go = 0;
    for (int i = 0; i < 3; i++)
        thread_create(&t[i], waiter, 0);
    printf("REQUEUE moved %ld sleepers to f2\n", gather(&f2, 3));
    long r = futex(&f2, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 0, (void *)1, &f3, 0);
    printf("CMP_REQUEUE f2 -> f3 (no wake, at most 1 moved): %ld\n", r);
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    printf("WAKE one on f2: %ld\n", futex(&f2, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, 0, 0));
    printf("WAKE all on f2: %ld\n", futex(&f2, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, 0, 0, 0));
    printf("WAKE all on f3: %ld\n", futex(&f3, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, 0, 0, 0));
    for (int i = 0; i < 3; i++)
        thread_join(t[i], 0);

    /* WAKE_OP: a sleeper on f2; the comparison decides whether it wakes */
    go = 0;
    thread_create(&t[0], waiter, 0);
    gather(&f2, 1);
    f2 = 7;
    r = futex(&f1, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, (void *)1, &f2,
              FUTEX_OP(FUTEX_OP_SET, 9, FUTEX_OP_CMP_LT, 7));
    printf("WAKE_OP set 9 if old < 7 (old 7): %ld woken, f2 %d\n", r, f2);
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    r = futex(&f1, FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG, 1, (void *)1, &f2,
              FUTEX_OP(FUTEX_OP_ANDN, 1, FUTEX_OP_CMP_EQ, 9));
    printf("WAKE_OP andn 1 if old == 9: %ld woken, f2 %d\n", r, f2);
    thread_join(t[0], 0);

    /* the BITSET pair: a sleeper with bitset 2 */
    go = 0;
    f1 = f2 = 0;
    thread_create(&t[0], bit_waiter, 0);
    gather(&f2, 1);
    printf("WAKE_BITSET 1 (no match): %ld\n",
           futex(&f2, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 10, 0, 0, 1));
    __atomic_store_n(&go, 1, __ATOMIC_RELEASE);
    printf("WAKE_BITSET 6 (match): %ld\n",
           futex(&f2, FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG, 10, 0, 0, 6));
    thread_join(t[0], 0);
}

/* ---- signals ----------------------------------------------------------------------------- */

static volatile int hit_tid, hit_alt, usr2_tid, term_hits, ready[3], stop;
static char alt_stack[16384];

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    char local;
    hit_alt = &local >= alt_stack && &local < alt_stack + sizeof alt_stack;
    hit_tid = (int)syscall0(SYS_gettid);
}

static void on_usr2(int sig) { usr2_tid = (int)syscall0(SYS_gettid); }
static void on_term(int sig) { term_hits++; }

static int mask_has(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, 0, &cur);
    return sigismember(&cur, sig);
}

static volatile int inherited[3], eintr;

static void *sig_thread(void *arg)
{
    long id = (long)arg;
    inherited[id] = mask_has(SIGUSR2);
    if (id == 1) {
        stack_t ss = {alt_stack, 0, sizeof alt_stack};
        sigaltstack(&ss, 0);
    }
    if (id == 2) {
        sigset_t s = 0;
        sigaddset(&s, SIGUSR2);
        sigprocmask(SIG_UNBLOCK, &s, 0);
    }
    __atomic_store_n(&ready[id], 1, __ATOMIC_RELEASE);
    while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE))
        futex(&stop, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
    return 0;
}

static volatile int never;

static void *interrupted(void *arg)
{
    for (;;) {
        long r = futex(&never, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
        if (r == -EINTR) {
            __atomic_store_n(&eintr, 1, __ATOMIC_RELEASE);
            return 0;
        }
    }
}

static void wait_flag(volatile int *f)
{
    while (!__atomic_load_n(f, __ATOMIC_ACQUIRE))
        sleep_ms(1);
}

static void signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
    sigaction(SIGUSR1, &sa, 0);
    signal(SIGUSR2, on_usr2);
    sigset_t s = 0;
    sigaddset(&s, SIGUSR2);
    sigprocmask(SIG_BLOCK, &s, 0);

    thread_t t[3];
    for (long i = 0; i < 3; i++)
        thread_create(&t[i], sig_thread, (void *)i);
    for (int i = 0; i < 3; i++)
        wait_flag(&ready[i]);
    printf("threads inherit the blocked mask: %s\n",
           yn(inherited[0] && inherited[1] && inherited[2]));

    syscall3(SYS_tgkill, getpid(), thread_tid(t[1]), SIGUSR1);
    wait_flag(&hit_tid);
    printf("tgkill reached the chosen thread: %s, on its altstack: %s\n",
           yn(hit_tid == thread_tid(t[1])), yn(hit_alt));
    stack_t old;
    sigaltstack(0, &old);
    printf("main's altstack is still disabled: %s\n", yn(old.ss_flags == SS_DISABLE));

    kill(getpid(), SIGUSR2);
    wait_flag(&usr2_tid);
    printf("kill went to the one thread that does not block it: %s\n",
           yn(usr2_tid == thread_tid(t[2])));
    printf("main still blocks SIGUSR2: %s\n", yn(mask_has(SIGUSR2)));
    __atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
    futex(&stop, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, 0, 0, 0);
    for (int i = 0; i < 3; i++)
        thread_join(t[i], 0);

    /* a handler without SA_RESTART makes a futex wait fail with EINTR;
     * the signal is repeated until it finds the thread asleep */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, 0);
    thread_t it;
    thread_create(&it, interrupted, 0);
    while (!__atomic_load_n(&eintr, __ATOMIC_ACQUIRE)) {
        syscall3(SYS_tgkill, getpid(), thread_tid(it), SIGTERM);
        sleep_ms(2);
    }
    thread_join(it, 0);
    printf("futex WAIT interrupted by a handler: EINTR, handler ran: %s\n", yn(term_hits > 0));
}

/* ---- robust list ------------------------------------------------------------------------ */

struct robust_list { struct robust_list *next; };
struct robust_list_head {
    struct robust_list list;
    long futex_offset;
    struct robust_list *list_op_pending;
};
static struct {
    struct robust_list link;
    volatile int lock;
} held;
static struct robust_list_head rhead;
static volatile long robust_set;

static void *dies_holding(void *arg)
{
    held.lock = (int)syscall0(SYS_gettid) | (int)FUTEX_WAITERS;
    held.link.next = &rhead.list;
    rhead.list.next = &held.link;
    rhead.futex_offset = 8;
    rhead.list_op_pending = 0;
    robust_set = syscall2(SYS_set_robust_list, (long)&rhead, sizeof rhead);
    for (;;)
        syscall1(SYS_exit, 0);
}

static void robust(void)
{
    struct robust_list_head h = {{&h.list}, 0, 0};
    printf("set_robust_list with a bad size: %s\n",
           err(syscall2(SYS_set_robust_list, (long)&h, sizeof h + 8)));
    printf("set_robust_list: %s\n", err(syscall2(SYS_set_robust_list, (long)&h, sizeof h)));
    long head = 0, len = 0;
    long r = syscall3(SYS_get_robust_list, 0, (long)&head, (long)&len);
    printf("get_robust_list: %s, same head: %s, len %ld\n", err(r), yn(head == (long)&h), len);
    syscall2(SYS_set_robust_list, 0, sizeof h);
    thread_t t;
    thread_create(&t, dies_holding, 0);
    thread_join(t, 0);
    printf("a thread died holding a robust lock (%s): word now OWNER_DIED|WAITERS: %s\n",
           err(robust_set), yn((unsigned)held.lock == (FUTEX_OWNER_DIED | FUTEX_WAITERS)));
}

/* ---- a pipe between two threads ---------------------------------------------------- */

static int pfd[2];

static void *pipe_writer(void *arg)
{
    char b[10];
    for (int i = 0; i < 200; i++) {
        for (int k = 0; k < 10; k++)
            b[k] = (char)(i + k);
        syscall3(SYS_write, pfd[1], (long)b, sizeof b);
    }
    syscall1(SYS_close, pfd[1]);
    return 0;
}

static void pipe_threads(void)
{
    pipe(pfd);
    thread_t t;
    thread_create(&t, pipe_writer, 0);
    long total = 0, sum = 0, r;
    unsigned char b[64];
    while ((r = syscall3(SYS_read, pfd[0], (long)b, sizeof b)) > 0) {
        total += r;
        for (long k = 0; k < r; k++)
            sum += b[k];
    }
    thread_join(t, 0);
    close(pfd[0]);
    printf("read a thread's writes through a pipe: %ld bytes, sum %ld, end %s\n", total, sum,
           err(r));
}

/* ---- affinity, getcpu, membarrier ----------------------------------------------------- */

static volatile int other_tid, other_stop;

static void *idle(void *arg)
{
    other_tid = (int)syscall0(SYS_gettid);
    while (!__atomic_load_n(&other_stop, __ATOMIC_ACQUIRE))
        futex(&other_stop, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, 0, 0, 0);
    return 0;
}

static void sched(void)
{
    uint64_t mask[16] = {0}, mask2[16] = {0};
    long n = syscall3(SYS_sched_getaffinity, 0, sizeof mask, (long)mask);
    int cpus = 0;
    for (long i = 0; i < n / 8; i++)
        cpus += __builtin_popcountll(mask[i]);
    printf("sched_getaffinity: size > 0 and a multiple of 8: %s, CPUs: %s\n",
           yn(n > 0 && n % 8 == 0), yn(cpus >= 1));
    unsigned cpu = ~0u, node = ~0u;
    long r = syscall3(SYS_getcpu, (long)&cpu, (long)&node, 0);
    printf("getcpu: %s, a CPU we may run on: %s, node set: %s\n", err(r),
           yn(cpu < 1024 && (mask[cpu / 64] >> (cpu % 64) & 1)), yn(node != ~0u));
    printf("sched_setaffinity to the same mask: %s\n",
           err(syscall3(SYS_sched_setaffinity, 0, n, (long)mask)));
    printf("sched_setaffinity to no CPU: %s\n",
           err(syscall3(SYS_sched_setaffinity, 0, n, (long)mask2)));
    printf("sched_getaffinity with a 1-byte buffer: %s\n",
           err(syscall3(SYS_sched_getaffinity, 0, 1, (long)mask2)));
    thread_t t;
    thread_create(&t, idle, 0);
    wait_flag(&other_tid);
    long n2 = syscall3(SYS_sched_getaffinity, other_tid, sizeof mask2, (long)mask2);
    printf("another thread's affinity by its tid: same: %s\n",
           yn(n2 == n && !memcmp(mask, mask2, (size_t)n)));
    __atomic_store_n(&other_stop, 1, __ATOMIC_RELEASE);
    futex(&other_stop, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, 0, 0);
    thread_join(t, 0);

    long q = syscall3(SYS_membarrier, 0 /* QUERY */, 0, 0);
    printf("membarrier QUERY: %s, PRIVATE_EXPEDITED offered: %s\n", q < 0 ? err(q) : "ok",
           yn(q > 0 && (q & 8)));
    printf("membarrier PRIVATE_EXPEDITED before registering: %s\n",
           err(syscall3(SYS_membarrier, 8, 0, 0)));
    printf("membarrier REGISTER_PRIVATE_EXPEDITED: %s\n", err(syscall3(SYS_membarrier, 16, 0, 0)));
    printf("membarrier PRIVATE_EXPEDITED: %s\n", err(syscall3(SYS_membarrier, 8, 0, 0)));
}

int main(void)
{
    clone3_checks();
    counters();
    pingpong();
    futex_single();
    futex_threads();
    signals();
    robust();
    pipe_threads();
    sched();
    return 0;
}
