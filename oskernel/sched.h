/* The deterministic scheduler: with --deterministic, guest threads still
 * have a host thread each, but only the holder of the baton runs guest
 * code or kernel code; the baton moves at the end of a quantum of retired
 * instructions and when its holder blocks in the kernel, to a runnable
 * thread chosen by a generator seeded with --seed.  Blocking (futexes,
 * sleeps, signal waits) happens in wait queues here, on a virtual clock.
 * See docs/threads.md for what is and is not deterministic.
 *
 * Every function is a no-op (or answers "not handled") unless the machine
 * runs deterministically. */
#ifndef TRAPEZE_SCHED_H
#define TRAPEZE_SCHED_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "../sim/cpu.h"

/* True when the machine runs with --deterministic. */
bool sched_on(void);

/* ---- the virtual clock: nanoseconds since start-up -------------------------- */
/* One retired instruction of the running thread is one nanosecond; when
 * every thread sleeps, the clock jumps to the earliest deadline. */
uint64_t sched_now(struct cpu *c);
#define SCHED_NEVER UINT64_MAX
/* CLOCK_REALTIME reads this many seconds more (2023-11-14T22:13:20Z). */
#define SCHED_REALTIME_EPOCH 1700000000LL

/* ---- thread life ---------------------------------------------------------- */
/* clone(CLONE_THREAD), in the parent: the child's id (1001, 1002, ...) and
 * its place in the run queue (after every existing thread). */
int sched_thread_new(struct cpu *parent, struct cpu *child);
/* A clone that failed after sched_thread_new. */
void sched_thread_forget(struct cpu *child);
/* On the child's host thread, before it runs guest code: wait for the baton. */
void sched_thread_begin(struct cpu *c);
/* The thread is gone: pass the baton on for good. */
void sched_thread_exit(struct cpu *c);
/* fork: the child process has only the calling thread. */
void sched_forked(struct cpu *c);

/* ---- preemption ----------------------------------------------------------- */
/* c->icount reached c->insn_limit: true if that was the end of a quantum
 * (the baton may have moved and come back), false if it is the real
 * instruction limit (--max-insns). */
bool sched_quantum_end(struct cpu *c);
/* sched_yield: the baton goes to a thread the generator picks (maybe c). */
void sched_yield_now(struct cpu *c);

/* ---- blocking ---------------------------------------------------------------- */
enum sched_wake { SW_NONE, SW_WOKEN, SW_TIMEOUT, SW_SIGNAL };
/* Block until the virtual clock reaches `deadline` (SCHED_NEVER: no
 * timeout) or a signal in `wake_sigs` is sent to the thread (sched_kick).
 * The caller has checked that none is pending. */
enum sched_wake sched_block(struct cpu *c, uint64_t deadline, uint64_t wake_sigs);
/* Signal `sig` was queued for c's thread: end its block if it waits for it. */
void sched_kick(struct cpu *c, int sig);

/* ITIMER_REAL on the virtual clock: nv = {value, interval} in ns (NULL:
 * no change), ov gets the old ones.  Expiry sends SIGALRM. */
void sched_itimer_real(struct cpu *c, const uint64_t *nv, uint64_t *ov);

/* Before a syscall (generic number): a read or write that would block on
 * a descriptor waits in the scheduler until the descriptor is ready, so
 * that the thread that makes it ready can run.  0, or -ERESTARTSYS when
 * a signal ended the wait (the syscall is then not run). */
long sched_before_syscall(struct cpu *c, long gnr, const uint64_t a[6]);

/* poll/select on no descriptors: a sleep on the virtual clock that a
 * signal ends.  timeout_ns < 0: none.  Returns 0 when the time is up,
 * -ERESTARTNOHAND for a signal; *left_ns gets the time left. */
long sched_wait_nofds(struct cpu *c, int64_t timeout_ns, int64_t *left_ns);

/* futex(2) on the kernel's own wait queues; the arguments as the syscall
 * has them.  Returns the syscall's result. */
long sched_futex(struct cpu *c, uint64_t uaddr, int op, uint32_t val, uint64_t utime,
                 uint64_t uaddr2, uint32_t val3);
/* Wake up to n waiters on the futex word at uaddr (thread exit). */
int sched_futex_wake(uint64_t uaddr, int n);

#endif
