/* The deterministic scheduler (sched.h).
 *
 * Each guest thread keeps its host thread, but with --deterministic only
 * the thread holding the baton (`cur`) runs; the others wait on their own
 * condition variable.  The baton changes hands only at points that depend
 * on the guest program alone:
 *   - the end of a quantum: the engine stops at the first block boundary
 *     where the thread's retired-instruction count reaches c->insn_limit,
 *     which the scheduler sets to a length drawn from the generator;
 *   - a block in the kernel (futex wait, sleep, signal wait), a yield,
 *     a thread's exit.
 * The next holder is drawn from the runnable threads (in creation order)
 * by a splitmix64 generator seeded with --seed; the same draw gives the
 * next quantum's length.  So the interleaving is a function of the program,
 * its input and the seed.
 *
 * Time: a single virtual clock for all threads, advanced by the running
 * thread's retired instructions (one per nanosecond); when no thread can
 * run it jumps to the earliest sleeper's deadline.  When no thread can
 * run and none sleeps with a deadline, only a host signal (a timer, a
 * kill from outside) can help: the scheduler polls for one every 10 ms of
 * host time. */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../sim/machine.h"
#include "sched.h"
#include "signal.h"
#include "signal_host.h"
#include "syscalls.h"

/* Quantum lengths in retired instructions: Q_MIN + [0, Q_SPAN). */
#define Q_MIN 2000
#define Q_SPAN 38000

enum { ST_RUN, ST_BLOCKED };

struct sthread {
    struct cpu *c;
    int state;
    enum sched_wake wake;       /* why the last block ended */
    uint64_t deadline;          /* virtual ns, SCHED_NEVER */
    uint64_t wake_sigs;         /* signals that end the block */
    int io_fd;                  /* waits until this descriptor is ready, or -1 */
    short io_events;
    bool fwait;                 /* queued on the futex word fkey */
    uint64_t fkey;
    uint32_t fbits;
    uint64_t fseq;              /* queue order */
    pthread_cond_t cv;
    struct sthread *next;       /* creation order */
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct sthread *threads;
static struct sthread *cur;
static bool started;
static int next_tid;
static uint64_t rng, fseq;
/* The clock read vt_base when the holder took the baton at icount vt_icount0. */
static uint64_t vt_base, vt_icount0;
/* ITIMER_REAL (and alarm) on the virtual clock: next expiry, period. */
static uint64_t it_deadline = SCHED_NEVER, it_interval;

bool sched_on(void) { return the_machine && the_machine->deterministic; }

static uint64_t next_rand(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static struct sthread *new_sthread(struct cpu *c)
{
    struct sthread *t = calloc(1, sizeof *t);
    if (!t) {
        kwarn("out of memory for a thread");
        kernel_exit_group(c, 127);
    }
    t->c = c;
    t->state = ST_RUN;
    t->io_fd = -1;
    pthread_cond_init(&t->cv, NULL);
    c->sched = t;
    return t;
}

/* The first call makes the caller (the only thread) the baton holder. */
static struct sthread *ensure(struct cpu *c)
{
    if (!started) {
        started = true;
        rng = the_machine->seed ^ 0x7468726561647321ull;     /* "threads!" */
        next_tid = kern->pid + 1;
        cur = threads = new_sthread(c);
        vt_icount0 = c->icount;
    }
    return c->sched;
}

uint64_t sched_now(struct cpu *c)
{
    return vt_base + (c->icount - vt_icount0);
}

/* The holder stops running: the clock keeps what it ran. */
static void account(struct cpu *c)
{
    vt_base = sched_now(c);
    vt_icount0 = c->icount;
}

static uint64_t max_insns(void)
{
    return kern && kern->max_insns ? kern->max_insns : UINT64_MAX;
}

/* The holder's instruction limit: the end of its quantum, the expiry of
 * the interval timer, or --max-insns, whichever comes first.  Called when
 * it takes the baton (the clock then reads vt_base). */
static void set_quantum(struct sthread *t)
{
    uint64_t lim = UINT64_MAX, max = max_insns();
    if (threads && threads->next)
        lim = t->c->icount + Q_MIN + next_rand() % Q_SPAN;
    if (it_deadline != SCHED_NEVER) {
        uint64_t d = it_deadline > vt_base ? it_deadline - vt_base : 1;
        if (t->c->icount + d < lim)
            lim = t->c->icount + d;
    }
    t->c->insn_limit = lim < max ? lim : max;
}

/* The interval timer's expiry has come: SIGALRM to the process, as
 * it_real_fn sends it, and the next period (overruns are dropped, as
 * hrtimer_forward does).  Called locked; unlocks around the send. */
static void fire_timer(struct sthread *me)
{
    while (it_deadline != SCHED_NEVER && it_deadline <= vt_base) {
        if (it_interval) {
            uint64_t k = (vt_base - it_deadline) / it_interval + 1;
            it_deadline += k * it_interval;
        } else {
            it_deadline = SCHED_NEVER;
        }
        pthread_mutex_unlock(&mu);
        /* signal_send picks a thread through cur_sig: a gone thread has none */
        if (!me && threads)
            cur_sig = threads->c->task;
        struct ksiginfo si;
        siginfo_init(&si, SIGALRM, KSI_KERNEL);
        signal_send(SIGALRM, &si);
        pthread_mutex_lock(&mu);
    }
}

/* Threads waiting for a descriptor whose wait is over. */
static void poll_io(void)
{
    for (struct sthread *t = threads; t; t = t->next)
        if (t->state == ST_BLOCKED && t->io_fd >= 0) {
            struct pollfd p = {t->io_fd, t->io_events, 0};
            if (poll(&p, 1, 0) != 0) {
                t->state = ST_RUN;
                t->wake = SW_WOKEN;
            }
        }
}

/* Sleepers whose deadline has come are runnable again. */
static void expire(void)
{
    for (struct sthread *t = threads; t; t = t->next)
        if (t->state == ST_BLOCKED && t->deadline <= vt_base) {
            t->state = ST_RUN;
            t->wake = SW_TIMEOUT;
            t->fwait = false;
        }
}

/* Every thread blocks with no deadline: wait for a host signal, or for
 * a descriptor some thread waits on. */
static void idle(struct sthread *me)
{
    struct pollfd fds[64];
    nfds_t n = 0;
    for (struct sthread *t = threads; t && n < 64; t = t->next)
        if (t->state == ST_BLOCKED && t->io_fd >= 0)
            fds[n++] = (struct pollfd){t->io_fd, t->io_events, 0};
    pthread_mutex_unlock(&mu);
    poll(fds, n, 10);
    /* signal_send picks a thread through cur_sig: a gone thread has none */
    if (!me && threads)
        cur_sig = threads->c->task;
    signal_host_drain();
    pthread_mutex_lock(&mu);
}

/* The next holder: a runnable thread drawn by the generator, other than
 * `avoid` when there is a choice.  Moves the clock when nobody can run. */
static struct sthread *pick(struct sthread *me, struct sthread *avoid)
{
    for (;;) {
        fire_timer(me);
        expire();
        poll_io();
        unsigned n = 0, others = 0;
        for (struct sthread *t = threads; t; t = t->next)
            if (t->state == ST_RUN) {
                n++;
                others += t != avoid;
            }
        if (n) {
            bool skip = avoid && avoid->state == ST_RUN && others > 0;
            unsigned k = (unsigned)(next_rand() % (skip ? others : n));
            for (struct sthread *t = threads; t; t = t->next)
                if (t->state == ST_RUN && !(skip && t == avoid) && k-- == 0)
                    return t;
        }
        uint64_t earliest = it_deadline;
        for (struct sthread *t = threads; t; t = t->next)
            if (t->state == ST_BLOCKED && t->deadline < earliest)
                earliest = t->deadline;
        if (earliest != SCHED_NEVER) {
            if (earliest > vt_base)
                vt_base = earliest;
            continue;
        }
        idle(me);
    }
}

/* Give the baton to `next` and (unless `me` is gone) wait to get it back. */
static void hand(struct sthread *me, struct sthread *next)
{
    cur = next;
    vt_icount0 = next->c->icount;
    set_quantum(next);
    if (next == me)
        return;
    pthread_cond_signal(&next->cv);
    if (!me)
        return;
    while (cur != me)
        pthread_cond_wait(&me->cv, &mu);
}

/* ---- thread life ------------------------------------------------------------------ */

int sched_thread_new(struct cpu *parent, struct cpu *child)
{
    pthread_mutex_lock(&mu);
    ensure(parent);
    struct sthread *t = new_sthread(child);
    struct sthread **pp = &threads;
    while (*pp)
        pp = &(*pp)->next;
    *pp = t;
    int tid = next_tid++;
    set_quantum(parent->sched);
    pthread_mutex_unlock(&mu);
    return tid;
}

static void unlink_sthread(struct sthread *t)
{
    for (struct sthread **pp = &threads; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
}

void sched_thread_forget(struct cpu *child)
{
    pthread_mutex_lock(&mu);
    struct sthread *t = child->sched;
    unlink_sthread(t);
    pthread_mutex_unlock(&mu);
    pthread_cond_destroy(&t->cv);
    free(t);
}

void sched_thread_begin(struct cpu *c)
{
    pthread_mutex_lock(&mu);
    while (cur != c->sched)
        pthread_cond_wait(&((struct sthread *)c->sched)->cv, &mu);
    pthread_mutex_unlock(&mu);
}

void sched_thread_exit(struct cpu *c)
{
    if (!sched_on() || !c->sched)
        return;
    pthread_mutex_lock(&mu);
    struct sthread *me = c->sched;
    account(c);
    unlink_sthread(me);
    if (threads)
        hand(NULL, pick(NULL, NULL));
    pthread_mutex_unlock(&mu);
    c->sched = NULL;
    pthread_cond_destroy(&me->cv);
    free(me);
}

void sched_forked(struct cpu *c)
{
    it_deadline = SCHED_NEVER;
    if (!started)
        return;
    /* The other threads' host threads do not exist here; their records
     * are dropped (not freed: their condition variables belong to them). */
    struct sthread *me = c->sched;
    me->next = NULL;
    me->state = ST_RUN;
    me->fwait = false;
    me->io_fd = -1;
    threads = cur = me;
    it_deadline = SCHED_NEVER;      /* interval timers are not inherited */
    pthread_mutex_init(&mu, NULL);
    set_quantum(me);
}

/* ---- preemption ----------------------------------------------------------------- */

bool sched_quantum_end(struct cpu *c)
{
    if (!sched_on() || c->icount >= max_insns())
        return false;
    pthread_mutex_lock(&mu);
    struct sthread *me = ensure(c);
    account(c);
    hand(me, pick(me, NULL));
    pthread_mutex_unlock(&mu);
    return true;
}

void sched_yield_now(struct cpu *c)
{
    pthread_mutex_lock(&mu);
    struct sthread *me = ensure(c);
    account(c);
    hand(me, pick(me, me));
    pthread_mutex_unlock(&mu);
}

/* ---- blocking ------------------------------------------------------------------------ */

enum sched_wake sched_block(struct cpu *c, uint64_t deadline, uint64_t wake_sigs)
{
    pthread_mutex_lock(&mu);
    struct sthread *me = ensure(c);
    account(c);
    me->state = ST_BLOCKED;
    me->deadline = deadline;
    me->wake_sigs = wake_sigs;
    me->wake = SW_NONE;
    hand(me, pick(me, NULL));
    enum sched_wake w = me->wake;
    me->fwait = false;
    pthread_mutex_unlock(&mu);
    return w;
}

void sched_kick(struct cpu *c, int sig)
{
    if (!sched_on() || !c || !c->sched)
        return;
    pthread_mutex_lock(&mu);
    struct sthread *t = c->sched;
    if (t->state == ST_BLOCKED && (t->wake_sigs & SIGBIT(sig))) {
        t->state = ST_RUN;
        t->wake = SW_SIGNAL;
        t->fwait = false;
    }
    pthread_mutex_unlock(&mu);
}

/* ---- the interval timer ------------------------------------------------------------ */

void sched_itimer_real(struct cpu *c, const uint64_t *nv, uint64_t *ov)
{
    pthread_mutex_lock(&mu);
    ensure(c);
    uint64_t now = sched_now(c);
    if (ov) {
        /* itimer_get_remtime: an armed timer never reads 0 */
        ov[0] = it_deadline == SCHED_NEVER ? 0 : it_deadline > now ? it_deadline - now : 1000;
        ov[1] = it_interval;
    }
    if (nv) {
        it_deadline = nv[0] ? now + nv[0] : SCHED_NEVER;
        it_interval = nv[1];
        /* the running thread stops when the timer expires */
        uint64_t lim = c->insn_limit;
        account(c);
        set_quantum(c->sched);
        if (lim < c->insn_limit)
            c->insn_limit = lim;
    }
    pthread_mutex_unlock(&mu);
}

/* ---- descriptors ---------------------------------------------------------------------- */

/* Wait in the scheduler until fd is ready for `events`, unless it is
 * already, or does not block. */
static long io_wait(struct cpu *c, int fd, short events)
{
    if (fd < 0 || kernel_fd_is_internal(fd))
        return 0;
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (fl & O_NONBLOCK))
        return 0;
    for (;;) {
        struct pollfd p = {fd, events, 0};
        if (poll(&p, 1, 0) != 0)
            return 0;
        if (signal_pending())
            return -ERESTARTSYS;
        uint64_t wake = ~cur_sig->blocked | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP);
        pthread_mutex_lock(&mu);
        struct sthread *me = ensure(c);
        me->io_fd = fd;
        me->io_events = events;
        pthread_mutex_unlock(&mu);
        enum sched_wake w = sched_block(c, SCHED_NEVER, wake);
        pthread_mutex_lock(&mu);
        me->io_fd = -1;
        pthread_mutex_unlock(&mu);
        if (w == SW_SIGNAL)
            return -ERESTARTSYS;
    }
}

#define MSG_DONTWAIT_ 0x40

long sched_before_syscall(struct cpu *c, long gnr, const uint64_t a[6])
{
    switch (gnr) {
    case NR_read: case NR_readv: case NR_accept: case NR_accept4:
        return io_wait(c, (int)a[0], POLLIN);
    case NR_recvfrom:
        return a[3] & MSG_DONTWAIT_ ? 0 : io_wait(c, (int)a[0], POLLIN);
    case NR_recvmsg:
        return a[2] & MSG_DONTWAIT_ ? 0 : io_wait(c, (int)a[0], POLLIN);
    case NR_write: case NR_writev:
        return io_wait(c, (int)a[0], POLLOUT);
    case NR_sendto:
        return a[3] & MSG_DONTWAIT_ ? 0 : io_wait(c, (int)a[0], POLLOUT);
    case NR_sendmsg:
        return a[2] & MSG_DONTWAIT_ ? 0 : io_wait(c, (int)a[0], POLLOUT);
    }
    return 0;
}

long sched_wait_nofds(struct cpu *c, int64_t timeout_ns, int64_t *left_ns)
{
    uint64_t now = sched_now(c);
    uint64_t dl = timeout_ns < 0 ? SCHED_NEVER : now + (uint64_t)timeout_ns;
    *left_ns = timeout_ns;
    if (timeout_ns == 0)
        return 0;
    enum sched_wake w = SW_SIGNAL;
    if (!signal_pending())
        w = sched_block(c, dl, ~cur_sig->blocked | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
    if (timeout_ns > 0)
        *left_ns = dl > sched_now(c) ? (int64_t)(dl - sched_now(c)) : 0;
    return w == SW_TIMEOUT ? 0 : -ERESTARTNOHAND;
}

/* ---- futexes ----------------------------------------------------------------------------- */

#define F_WAIT 0
#define F_WAKE 1
#define F_REQUEUE 3
#define F_CMP_REQUEUE 4
#define F_WAKE_OP 5
#define F_WAIT_BITSET 9
#define F_WAKE_BITSET 10
#define F_PRIVATE 128
#define F_CLOCK_REALTIME 256
#define F_CMD_MASK (~(F_PRIVATE | F_CLOCK_REALTIME))
#define F_MATCH_ANY 0xffffffffu

/* The first waiter (queue order) on key whose bitset meets bits. */
static struct sthread *first_waiter(uint64_t key, uint32_t bits)
{
    struct sthread *best = NULL;
    for (struct sthread *t = threads; t; t = t->next)
        if (t->fwait && t->fkey == key && (t->fbits & bits) && (!best || t->fseq < best->fseq))
            best = t;
    return best;
}

static void wake_one(struct sthread *t)
{
    t->fwait = false;
    t->state = ST_RUN;
    t->wake = SW_WOKEN;
}

/* futex_wake: like Linux, one waiter is woken even when n <= 0. */
static int wake_locked(uint64_t key, int n, uint32_t bits)
{
    int woken = 0;
    struct sthread *t;
    while ((t = first_waiter(key, bits))) {
        wake_one(t);
        if (++woken >= n)
            break;
    }
    return woken;
}

int sched_futex_wake(uint64_t uaddr, int n)
{
    pthread_mutex_lock(&mu);
    int r = started ? wake_locked(uaddr, n, F_MATCH_ANY) : 0;
    pthread_mutex_unlock(&mu);
    return r;
}

/* futex_requeue without PI: wake up to nr_wake, move up to nr_requeue
 * more to key2 (behind its own waiters); returns how many of each. */
static int requeue_locked(uint64_t key1, uint64_t key2, int nr_wake, int nr_requeue)
{
    int count = 0;
    struct sthread *t;
    /* taken in queue order; a moved waiter goes behind key2's, so collect first */
    struct sthread *order[MAX_CPUS];
    unsigned n = 0;
    while ((t = first_waiter(key1, F_MATCH_ANY)) && n < MAX_CPUS) {
        t->fwait = false;
        order[n++] = t;
    }
    for (unsigned i = 0; i < n; i++) {
        t = order[i];
        t->fwait = true;
        if (count - nr_wake >= nr_requeue)
            continue;
        if (++count <= nr_wake) {
            wake_one(t);
        } else {
            t->fkey = key2;
            t->fseq = ++fseq;
        }
    }
    return count;
}

static int timespec_ns(uint64_t addr, uint64_t *ns)
{
    uint8_t b[16];
    if (copy_from_user(b, addr, 16))
        return -EFAULT;
    int64_t s = (int64_t)get_le64(b), n = (int64_t)get_le64(b + 8);
    if (s < 0 || n < 0 || n >= 1000000000)
        return -EINVAL;
    *ns = (uint64_t)s > (UINT64_MAX - 1000000000) / 1000000000 ? SCHED_NEVER - 1
                                                                : (uint64_t)s * 1000000000 + (uint64_t)n;
    return 0;
}

/* futex_atomic_op_inuser: the op on the word at uaddr2; returns the
 * comparison's result (0 or 1) or -errno. */
static long wake_op_apply(uint64_t uaddr2, uint32_t enc)
{
    unsigned op = (enc >> 28) & 7, cmp = (enc >> 24) & 15;
    int32_t oparg = (int32_t)(enc << 8) >> 20;          /* bits 12..23, signed */
    int32_t cmparg = (int32_t)(enc << 20) >> 20;        /* bits 0..11, signed */
    if (enc & 0x80000000u)                              /* FUTEX_OP_OPARG_SHIFT */
        oparg = (int32_t)(1u << (oparg & 31));
    uint32_t old;
    if (get_user_u32(&old, uaddr2))
        return -EFAULT;
    uint32_t nv;
    switch (op) {
    case 0: nv = (uint32_t)oparg; break;
    case 1: nv = old + (uint32_t)oparg; break;
    case 2: nv = old | (uint32_t)oparg; break;
    case 3: nv = old & ~(uint32_t)oparg; break;
    case 4: nv = old ^ (uint32_t)oparg; break;
    default: return -ENOSYS;
    }
    if (put_user_u32(uaddr2, nv))
        return -EFAULT;
    int32_t o = (int32_t)old;
    switch (cmp) {
    case 0: return o == cmparg;
    case 1: return o != cmparg;
    case 2: return o < cmparg;
    case 3: return o <= cmparg;
    case 4: return o > cmparg;
    case 5: return o >= cmparg;
    default: return -ENOSYS;
    }
}

/* Checks get_futex_key makes: alignment, and for a shared futex that
 * the word can be read. */
static long futex_key_ok(uint64_t uaddr, int op)
{
    if (uaddr & 3)
        return -EINVAL;
    uint32_t v;
    if (!(op & F_PRIVATE) && get_user_u32(&v, uaddr))
        return -EFAULT;
    return 0;
}

static long futex_wait(struct cpu *c, uint64_t uaddr, int op, uint32_t val, uint64_t utime,
                       uint32_t bits, bool absolute)
{
    uint64_t deadline = SCHED_NEVER;
    if (utime) {
        uint64_t t;
        long e = timespec_ns(utime, &t);
        if (e)
            return e;
        if (!absolute) {
            uint64_t now = sched_now(c);
            deadline = t > SCHED_NEVER - 1 - now ? SCHED_NEVER - 1 : now + t;
        } else if (op & F_CLOCK_REALTIME) {
            uint64_t epoch = (uint64_t)SCHED_REALTIME_EPOCH * 1000000000;
            deadline = t > epoch ? t - epoch : 0;
        } else {
            deadline = t;
        }
    }
    if (!bits)
        return -EINVAL;
    if (uaddr & 3)
        return -EINVAL;
    uint32_t cur_val;
    if (get_user_u32(&cur_val, uaddr))
        return -EFAULT;
    if (cur_val != val)
        return -EAGAIN;
    if (signal_pending())
        return utime ? -ERESTARTNOHAND : -ERESTARTSYS;
    uint64_t wake_sigs = ~cur_sig->blocked | SIGBIT(SIGKILL) | SIGBIT(SIGSTOP);
    pthread_mutex_lock(&mu);
    struct sthread *me = ensure(c);
    me->fwait = true;
    me->fkey = uaddr;
    me->fbits = bits;
    me->fseq = ++fseq;
    pthread_mutex_unlock(&mu);
    switch (sched_block(c, deadline, wake_sigs)) {
    case SW_TIMEOUT:
        return -ETIMEDOUT;
    case SW_SIGNAL:
        /* as the host-futex path: an untimed wait restarts under
         * SA_RESTART, a timed one only when no handler runs */
        return utime ? -ERESTARTNOHAND : -ERESTARTSYS;
    default:
        return 0;
    }
}

long sched_futex(struct cpu *c, uint64_t uaddr, int op, uint32_t val, uint64_t utime,
                 uint64_t uaddr2, uint32_t val3)
{
    int cmd = op & F_CMD_MASK;
    if ((op & F_CLOCK_REALTIME) && cmd != F_WAIT && cmd != F_WAIT_BITSET)
        return -ENOSYS;
    long r;
    switch (cmd) {
    case F_WAIT:
        return futex_wait(c, uaddr, op, val, utime, F_MATCH_ANY, false);
    case F_WAIT_BITSET:
        return futex_wait(c, uaddr, op, val, utime, val3, true);
    case F_WAKE:
    case F_WAKE_BITSET:
        if (cmd == F_WAKE_BITSET && !val3)
            return -EINVAL;
        if ((r = futex_key_ok(uaddr, op)))
            return r;
        pthread_mutex_lock(&mu);
        r = started ? wake_locked(uaddr, (int)val, cmd == F_WAKE ? F_MATCH_ANY : val3) : 0;
        pthread_mutex_unlock(&mu);
        return r;
    case F_REQUEUE:
    case F_CMP_REQUEUE: {
        int nr_wake = (int)val, nr_requeue = (int)utime;
        if (nr_wake < 0 || nr_requeue < 0)
            return -EINVAL;
        if ((r = futex_key_ok(uaddr, op)) || (r = futex_key_ok(uaddr2, op)))
            return r;
        if (cmd == F_CMP_REQUEUE) {
            uint32_t v;
            if (get_user_u32(&v, uaddr))
                return -EFAULT;
            if (v != val3)
                return -EAGAIN;
        }
        pthread_mutex_lock(&mu);
        r = started ? requeue_locked(uaddr, uaddr2, nr_wake, nr_requeue) : 0;
        pthread_mutex_unlock(&mu);
        return r;
    }
    case F_WAKE_OP: {
        if ((r = futex_key_ok(uaddr, op)) || (r = futex_key_ok(uaddr2, op)))
            return r;
        long cmp = wake_op_apply(uaddr2, val3);
        if (cmp < 0)
            return cmp;
        pthread_mutex_lock(&mu);
        r = 0;
        if (started) {
            r = wake_locked(uaddr, (int)val, F_MATCH_ANY);
            if (cmp)
                r += wake_locked(uaddr2, (int)utime, F_MATCH_ANY);
        }
        pthread_mutex_unlock(&mu);
        return r;
    }
    default:
        /* PI futexes (LOCK_PI, ...) are not modelled here */
        return -ENOSYS;
    }
}
