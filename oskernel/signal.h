/* The generic signal core (kernel/signal.c's part of Linux): dispositions,
 * masks, pending sets, delivery at the return to user mode, and syscall
 * restart.  The frame layouts are per arch (kabi->setup_rt_frame). */
#ifndef TRAPEZE_SIGNAL_H
#define TRAPEZE_SIGNAL_H

#include <pthread.h>

#include "kernel.h"

#define KNSIG 64
#define SIGBIT(s) (1ull << ((s) - 1))

/* si_code values (include/uapi/asm-generic/siginfo.h) */
#define KSI_USER 0
#define KSI_KERNEL 0x80
#define KSI_QUEUE (-1)
#define KSI_TIMER (-2)
#define KSI_TKILL (-6)

#define KSA_NOCLDSTOP 0x00000001ull
#define KSA_NOCLDWAIT 0x00000002ull
#define KSA_SIGINFO 0x00000004ull
#define KSA_EXPOSE_TAGBITS 0x00000800ull
#define KSA_RESTORER 0x04000000ull
#define KSA_ONSTACK 0x08000000ull
#define KSA_RESTART 0x10000000ull
#define KSA_NODEFER 0x40000000ull
#define KSA_RESETHAND 0x80000000ull

#define KSS_ONSTACK 1
#define KSS_DISABLE 2
#define KSS_AUTODISARM 0x80000000u

/* Per-thread signal state (the task's part of struct task_struct). */
struct ksigaltstack {
    uint64_t sp, size;
    uint32_t flags;
};

struct pending;
struct sigqueue {
    struct pending *head;
    uint64_t set;
};

/* The host signal that wakes a thread sleeping in a host syscall so that
 * it looks at its guest signals; never forwarded to the guest. */
#define SIGNAL_WAKE 64

struct sigstate {
    struct sigstate *next;      /* all threads */
    struct cpu *cpu;
    int tid;
    pthread_t host;
    bool host_started;
    struct sigqueue pending;    /* thread-directed */
    uint64_t blocked;
    uint64_t saved_mask;        /* rt_sigsuspend: mask to restore after delivery */
    bool restore_saved_mask;
    struct ksigaltstack altstack;
};

extern __thread struct sigstate *cur_sig;    /* the running thread's */

/* Guest threads: state for a new thread (before it runs), its start on
 * its host thread, its end. */
int signal_thread_new(struct cpu *child);
void signal_forked(struct cpu *c);
void signal_thread_start(struct cpu *c, int tid);
void signal_thread_exit(struct cpu *c);
/* tgkill/tkill to a thread of this process; -ESRCH if there is none. */
int signal_send_thread(int tid, int sig, const struct ksiginfo *info);

void signal_init(struct cpu *c);
/* A synchronous fault from a trap: delivered before anything else. */
void signal_force_fault(struct cpu *c, int sig, int code, uint64_t addr, uint64_t pc, uint32_t insn);
/* Queue a signal with its siginfo (kill, timers, ...). */
void signal_send(int sig, const struct ksiginfo *info);
/* At every return to user mode: deliver what is pending and unblocked. */
void signal_exit_to_user(struct cpu *c);
/* A syscall returned one of the -ERESTART* codes. */
void signal_syscall_interrupted(struct cpu *c, long ret, long gnr);
/* True when a signal is pending and unblocked (blocking syscalls poll it). */
bool signal_pending(void);
/* The raw pending set (after taking in host signals). */
uint64_t signal_pending_set(void);
/* Take the next pending signal of `set` (sigtimedwait); 0 if none. */
int signal_dequeue_from(uint64_t set, struct ksiginfo *info);

/* For the arch's rt_sigreturn: restore the blocked mask and the altstack
 * from the frame's uc_sigmask and uc_stack. */
void signal_restore_mask_and_stack(struct cpu *c, uint64_t mask, uint64_t ss_sp,
                                   uint32_t ss_flags, uint64_t ss_size);
/* For the arch's setup_rt_frame: the uc_stack fields to save. */
static inline void signal_uc_stack(uint64_t *sp, uint32_t *flags, uint64_t *size)
{
    *sp = cur_sig->altstack.sp;
    *flags = cur_sig->altstack.flags;
    *size = cur_sig->altstack.size;
}

/* For frame code: is sp on the alternate stack, and where does the frame go. */
bool signal_on_altstack(uint64_t sp);
uint64_t signal_frame_top(const struct ksigaction *ka, uint64_t sp);

/* siginfo helpers */
void siginfo_init(struct ksiginfo *si, int sig, int code);
static inline int siginfo_signo(const struct ksiginfo *si) { return (int)get_le32(si->b); }

const char *signal_name(int sig);
/* Like signal_name, but safe to keep: a static string per signal number. */
const char *signal_display_name(int sig);
void signal_get_action(int sig, struct ksigaction *ka);
/* Every handler back to SIG_DFL (ignored signals stay ignored). */
void signal_clear_handlers(void);

#endif
