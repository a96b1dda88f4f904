/* The host SIGSEGV/SIGBUS handler: guest faults, self-modifying code, and
 * a clear message for trapeze's own bugs. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "fault.h"
#include "mem.h"

static __thread struct fault_ctx *cur_ctx;

struct fault_ctx *fault_ctx_get(void) { return cur_ctx; }
void fault_ctx_set(struct fault_ctx *fc) { cur_ctx = fc; }

static void write_str(const char *s) { (void)!write(2, s, strlen(s)); }

static void on_fault(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    struct mem *m = guest_mem;
    uint8_t *a = si->si_addr;
    if (m && a >= m->base && a < m->base + m->size) {
        uint64_t ga = (uint64_t)(a - m->base);
        /* x86-64 host: bit 1 of the page-fault error code = write */
        bool write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
        if (sig == SIGSEGV && write && mem_code_write_fault(m, ga))
            return;     /* the write runs again and succeeds */
        struct fault_ctx *fc = cur_ctx;
        if (fc) {
            /* Leaving by siglongjmp skips sigreturn, which would have put
             * back the interrupted code's FP control state: the guest's
             * rounding mode and accrued flags live there (hostfp). */
            if (uc->uc_mcontext.fpregs) {
                uint32_t mx = uc->uc_mcontext.fpregs->mxcsr;
                uint16_t cw = uc->uc_mcontext.fpregs->cwd;
                __asm__ volatile("ldmxcsr %0" : : "m"(mx));
                __asm__ volatile("fldcw %0" : : "m"(cw));
            }
            fc->addr = ga;
            fc->acc = write ? ACC_WRITE : ACC_READ;
            fc->host_sig = sig;
            siglongjmp(fc->jb, 1);
        }
    }
    /* Not a guest access: a bug in trapeze itself. */
    char msg[160];
    snprintf(msg, sizeof msg,
             "trapeze: internal error: host %s at %p (host pc %p)\n",
             sig == SIGBUS ? "SIGBUS" : "SIGSEGV", si->si_addr,
             (void *)uc->uc_mcontext.gregs[REG_RIP]);
    write_str(msg);
    signal(sig, SIG_DFL);
    raise(sig);
}

void fault_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    /* NODEFER: we leave the handler by siglongjmp without restoring a mask */
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}
