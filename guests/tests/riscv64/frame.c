/* The riscv64 rt_sigframe as the kernel builds it (arch/riscv/kernel/
 * signal.c; shared/abi/signals.md section 4): where the frame lands, the
 * handler's arguments and return address, the saved registers, fcsr and
 * f registers in the D layout, the zero words at sigcontext + 772..783,
 * and rt_sigreturn restoring what the handler changed in the frame.
 * Each line says ok or WRONG against those facts.  qemu-riscv64 7.2
 * builds a smaller frame (signals.md section 9), so the expected output
 * is guests/tests/expected/riscv64/frame.out: every line ok. */
#include "rt.h"

#define SC_OFF 176                 /* uc_mcontext in the ucontext */
static volatile uint64_t sp_at_ecall, h_info, h_uc, h_ra, h_fcsr_saved;
static volatile uint64_t h_t3, h_t4, h_pc, h_f31, h_a0, h_tail[3], h_sigmask;
static volatile uint64_t h_ra_insn0, h_ra_insn1;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    uint8_t *uc = ucv;
    uint64_t *sc = (uint64_t *)(uc + SC_OFF);
    h_info = (uint64_t)si;
    h_uc = (uint64_t)ucv;
    h_ra = (uint64_t)__builtin_return_address(0);
    h_pc = sc[0];
    h_t3 = sc[28];
    h_t4 = sc[29];
    h_a0 = sc[10];
    h_f31 = sc[32 + 31];
    h_fcsr_saved = *(uint32_t *)(uc + SC_OFF + 512);
    h_tail[0] = *(uint32_t *)(uc + SC_OFF + 772);
    h_tail[1] = *(uint32_t *)(uc + SC_OFF + 776);
    h_tail[2] = *(uint32_t *)(uc + SC_OFF + 780);
    h_sigmask = *(uint64_t *)(uc + 40);
    h_ra_insn0 = ((volatile uint32_t *)h_ra)[0];
    h_ra_insn1 = ((volatile uint32_t *)h_ra)[1];
    (void)sig;
    /* rt_sigreturn must bring these back */
    sc[30] = 0x5555;                        /* t5 */
    sc[32 + 30] = 0x4000000000000000ull;    /* ft10 = 2.0 */
    *(uint32_t *)(uc + SC_OFF + 512) = 0x42;
}

static void line(const char *what, int good) { printf("%-36s %s\n", what, good ? "ok" : "WRONG"); }

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sa.sa_mask = 1ull << (SIGUSR2 - 1);
    sigaction(SIGUSR1, &sa, 0);
    long pid = syscall0(172);   /* getpid */

    uint64_t pc, t5_after, ft10_after, fcsr_after, sp;
    __asm__ volatile(
        "fscsr %[f]\n\t"
        "li t3, 0x333\n\t"
        "li t4, -0x444\n\t"
        "li t5, 0\n\t"
        "fmv.d.x ft11, t4\n\t"
        "fmv.d.x ft10, zero\n\t"
        "mv a0, %[pid]\n\t"
        "li a1, 10\n\t"          /* SIGUSR1 */
        "li a7, 129\n\t"         /* kill */
        "mv %[sp], sp\n\t"
        "lla %[pc], 1f\n"
        "1:\tecall\n\t"
        "mv %[t5], t5\n\t"
        "fmv.x.d %[ft10], ft10\n\t"
        "frcsr %[fc]"
        : [pc] "=&r"(pc), [sp] "=&r"(sp), [t5] "=&r"(t5_after), [ft10] "=&r"(ft10_after),
          [fc] "=&r"(fcsr_after)
        : [pid] "r"(pid), [f] "r"(0x25ull)
        : "a0", "a1", "a7", "t3", "t4", "t5", "ft10", "ft11", "memory");
    sp_at_ecall = sp;

    uint64_t frame = (sp - 1088) & ~15ull;
    line("siginfo at (sp - 1088) & ~15", h_info == frame);
    line("ucontext at siginfo + 128", h_uc == h_info + 128);
    line("saved pc = after the ecall", h_pc == pc + 4);
    line("saved a0 = kill's result 0", h_a0 == 0);
    line("saved t3, t4", h_t3 == 0x333 && h_t4 == (uint64_t)-0x444);
    line("saved ft11 (D layout)", h_f31 == (uint64_t)-0x444);
    line("saved fcsr", h_fcsr_saved == 0x25);
    line("sigcontext + 772..783 zero", !h_tail[0] && !h_tail[1] && !h_tail[2]);
    line("uc_sigmask = mask before delivery", h_sigmask == 0);
    line("ra -> li a7, 139; ecall", h_ra_insn0 == 0x08b00893 && h_ra_insn1 == 0x00000073);
    line("sigreturn restores t5 from frame", t5_after == 0x5555);
    line("sigreturn restores ft10 from frame", ft10_after == 0x4000000000000000ull);
    line("sigreturn restores fcsr from frame", fcsr_after == 0x42);
    return 0;
}
