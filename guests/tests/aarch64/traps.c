/* A64 exceptions as a Linux program sees them: the signal, si_code,
 * si_addr and the interrupted pc in uc_mcontext, and the frame's first
 * __reserved record (fpsimd_context: magic, size, the FPSR/FPCR and a
 * vector register of the interrupted code).  signals.md §3. */
#include "rt.h"

static jmp_buf jb;
static volatile int got_sig, got_code;
static volatile uint64_t got_addr, got_pc, got_fault, got_magic, got_size, got_fpcr, got_v1;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    uint8_t *uc = ucv;
    uint8_t *sc = uc + 176;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint64_t)si->si_addr;
    memcpy((void *)&got_pc, sc + 264, 8);
    memcpy((void *)&got_fault, sc + 0, 8);
    uint32_t m, sz, fpcr;
    memcpy(&m, sc + 288, 4);
    memcpy(&sz, sc + 292, 4);
    memcpy(&fpcr, sc + 288 + 12, 4);
    uint64_t v1;
    memcpy(&v1, sc + 288 + 16 + 16, 8);
    got_magic = m, got_size = sz, got_fpcr = fpcr, got_v1 = v1;
    /* resume after the faulting instruction: pc += 4 */
    uint64_t pc = got_pc + 4;
    memcpy(sc + 264, &pc, 8);
}

static void install(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(sig, &sa, 0);
}

static void report(const char *what, uint64_t addr, uint64_t pc)
{
    printf("%-22s sig %d code %d addr-ok %d pc-ok %d fault-ok %d fpsimd %llx/%llu fpcr %llx v1 %llx\n",
           what, got_sig, got_code, got_addr == addr, got_pc == pc, got_fault == addr,
           (unsigned long long)got_magic, (unsigned long long)got_size,
           (unsigned long long)got_fpcr, (unsigned long long)got_v1);
    got_sig = 0;
}

static uint64_t buf[4] __attribute__((aligned(16)));

int main(void)
{
    install(SIGSEGV);
    install(SIGBUS);
    install(SIGTRAP);
    uint64_t pc, r;
    (void)jb;

    /* FPCR and v1 survive into the frame (printf may use v1: set it each time) */
#define SETV() __asm__ volatile("msr fpcr, %0\n\tmovi v1.2d, #0xff00ff00ff00ff00" : : "r"(3ull << 22) : "v1")
    SETV();
    __asm__ volatile("adr %0, 1f\n\t"
                     "1: ldr %1, [%2]" : "=&r"(pc), "=&r"(r) : "r"(16ull) : "memory");
    report("load from 16", 16, pc);

    static const int ro = 5;
    SETV();
    __asm__ volatile("adr %0, 1f\n\t"
                     "1: str %w1, [%2]" : "=&r"(pc) : "r"(1), "r"(&ro) : "memory");
    report("store to rodata", (uint64_t)&ro, pc);

    SETV();
    __asm__ volatile("adr %0, 1f\n\t"
                     "1: ldxr %1, [%2]" : "=&r"(pc), "=&r"(r) : "r"((uint64_t)buf + 4) : "memory");
    report("misaligned ldxr", (uint64_t)buf + 4, pc);

    /* (a misaligned store-exclusive faults on Linux too, but qemu 7.2
     * fails the monitor check first and raises nothing) */

    /* an unaligned plain access is fine */
    __asm__ volatile("ldr %0, [%1]\n\tstr %0, [%1, #1]" : "=&r"(r) : "r"((uint64_t)buf + 3) : "memory");
    printf("unaligned ldr/str: no signal %d\n", got_sig == 0);

    __asm__ volatile("adr %0, 1f\n\t"
                     "1: brk #0x3e8" : "=&r"(pc));
    printf("brk                    sig %d code %d addr-ok %d pc-ok %d\n", got_sig, got_code,
           got_addr == pc, got_pc == pc);
    got_sig = 0;

    /* EL1 registers and DAIF (SCTLR_EL1.UMA = 0) are not EL0's: SIGILL at
     * the instruction (si_code is compared by the signals test) */
    install(SIGILL);
    __asm__ volatile("adr %0, 1f\n\t"
                     "1: mrs %1, sctlr_el1" : "=&r"(pc), "=&r"(r));
    printf("mrs sctlr_el1          sig %d pc-ok %d\n", got_sig, got_pc == pc);
    got_sig = 0;
    __asm__ volatile("adr %0, 1f\n\t"
                     "1: msr daifset, #2" : "=&r"(pc));
    printf("msr daifset            sig %d pc-ok %d\n", got_sig, got_pc == pc);
    got_sig = 0;
    __asm__ volatile("adr %0, 1f\n\t"
                     "1: mrs %1, daif" : "=&r"(pc), "=&r"(r));
    printf("mrs daif               sig %d pc-ok %d\n", got_sig, got_pc == pc);
    got_sig = 0;

    /* a syscall number nobody has */
    register long x8 __asm__("x8") = 4000;
    register long x0 __asm__("x0") = 0;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8) : "memory");
    printf("syscall 4000 returns %ld\n", x0);

    __asm__ volatile("msr fpcr, xzr");
    return 0;
}
