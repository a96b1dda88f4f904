/* riscv64 exceptions as the guest sees them (signals.md section 4.7):
 * each case runs one trapping instruction; the handler records signal,
 * si_code, si_addr and the sigcontext pc (ucontext + 176) and resumes
 * after the instruction.  Also checks a0 in the sigcontext, that fcsr
 * survives delivery, and the argument registers at handler entry.
 * Compared with qemu-riscv64 (si_addr of misaligned atomics is not
 * printed: qemu reports the data address, Linux the pc). */
#include <stdbool.h>

#include "rt.h"

static volatile int got_sig, got_code;
static volatile uint64_t got_addr, got_pc, got_a0, got_fcsr, resume_at;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    uint64_t *sc = (uint64_t *)((char *)ucv + 176);
    uint64_t fcsr;
    __asm__ volatile("frcsr %0" : "=r"(fcsr));
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uint64_t)si->si_addr;
    got_pc = sc[0];
    got_a0 = sc[10];
    got_fcsr = fcsr;
    if (resume_at) {
        sc[0] = resume_at;
        resume_at = 0;
    } else {
        uint16_t first = *(volatile uint16_t *)sc[0];
        sc[0] += (first & 3) == 3 ? 4 : 2;
    }
}

static void install(int sig)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, 0);
}

static void report(const char *what, uint64_t want_addr, uint64_t insn_pc, bool show_addr)
{
    printf("%-26s sig %d code %d", what, got_sig, got_code);
    if (show_addr)
        printf(" addr %s", got_addr == want_addr ? "ok" : "WRONG");
    printf(" pc %s\n", got_pc == insn_pc ? "ok" : "WRONG");
    got_sig = got_code = 0;
    got_addr = got_pc = 0;
}

/* Run `insn` at a known address: pc gets the address of the instruction. */
#define AT(pc, insn, ...) \
    __asm__ volatile("lla %0, 1f\n1:\t" insn : "=&r"(pc) __VA_ARGS__)

static char buf[64] __attribute__((aligned(16)));
static const int ro = 5;

int main(void)
{
    install(SIGILL);
    install(SIGTRAP);
    install(SIGBUS);
    install(SIGSEGV);
    uint64_t pc, r;

    AT(pc, "unimp");
    report("unimp (csrrw cycle)", pc, pc, true);
    AT(pc, ".2byte 0");
    report("c.unimp", pc, pc, true);
    /* trapeze's kcall encoding means nothing outside the kernel text */
    AT(pc, ".4byte 0x0000000b");
    report("kcall (custom-0) in U", pc, pc, true);
    AT(pc, "csrr %1, sstatus", , "=r"(r));
    report("csrr sstatus in U", pc, pc, true);
    AT(pc, "csrw stvec, zero");
    report("csrw stvec in U", pc, pc, true);
    AT(pc, "sret");
    report("sret in U", pc, pc, true);
    AT(pc, "mret");
    report("mret in U", pc, pc, true);
    AT(pc, "wfi");
    report("wfi in U", pc, pc, true);
    AT(pc, "sfence.vma");
    report("sfence.vma in U", pc, pc, true);
    AT(pc, "csrw cycle, zero");
    report("write read-only cycle", pc, pc, true);
    AT(pc, "csrr %1, 0x7c0", , "=r"(r));
    report("unknown csr", pc, pc, true);
    /* reserved rounding modes: static 5, and dynamic with frm = 5 */
    AT(pc, ".insn r 0x53, 5, 1, ft0, ft1, ft2");
    report("fadd.d rm=5", pc, pc, true);
    __asm__ volatile("fsrmi 5");
    AT(pc, "fadd.d ft0, ft1, ft2");
    report("fadd.d dyn, frm=5", pc, pc, true);
    __asm__ volatile("fsrmi 0");
    /* x0 as a CSR read target still traps for a bad CSR */
    AT(pc, "csrr zero, sstatus");
    report("csrr zero, sstatus", pc, pc, true);

    AT(pc, "ebreak");
    report("ebreak", pc, pc, true);
    AT(pc, "c.ebreak");
    report("c.ebreak", pc, pc, true);

    /* misaligned atomics: SIGBUS BUS_ADRALN (plain accesses are fine) */
    AT(pc, "amoadd.w %1, %2, (%3)", , "=r"(r) : "r"(1ull), "r"(buf + 2) : "memory");
    report("misaligned amoadd.w", 0, pc, false);
    AT(pc, "lr.d %1, (%2)", , "=r"(r) : "r"(buf + 4) : "memory");
    report("misaligned lr.d", 0, pc, false);
    /* (a misaligned sc.w without a reservation is not compared: qemu
     * fails it without checking the alignment; trapeze traps as the ISA
     * manual's A chapter says) */
    AT(pc, "ld %1, 3(%2)", , "=r"(r) : "r"(buf));
    printf("misaligned ld: no signal %d\n", got_sig == 0);

    /* page faults: si_addr is the data address */
    AT(pc, "ld %1, 16(zero)", , "=r"(r));
    report("load from 16", 16, pc, true);
    AT(pc, "sw zero, 0(%1)", : "r"(&ro) : "memory");
    report("store to rodata", (uint64_t)&ro, pc, true);
    AT(pc, "amoswap.w %1, zero, (%2)", , "=r"(r) : "r"(&ro) : "memory");
    report("amoswap to rodata", (uint64_t)&ro, pc, true);
    /* instruction fetch from an unmapped page: resume at the return address */
    uint64_t target = 0x1000, back;
    __asm__ volatile("lla %0, 2f\n\tsd %0, %2\n\tjalr %1\n2:"
                     : "=&r"(back) : "r"(target), "m"(resume_at) : "ra", "memory");
    report("jump to 0x1000", target, target, true);

    /* a 4-byte instruction whose second half is on an unmapped page:
     * the fault address is that page, the pc the instruction's */
    uint8_t *pg = mmap(0, 8192, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pg[4094] = 0x13;            /* first half of li a0, 5 */
    pg[4095] = 0x05;
    munmap(pg + 4096, 4096);
    __asm__ volatile("fence.i" ::: "memory");
    __asm__ volatile("lla %0, 3f\n\tsd %0, %2\n\tjalr %1\n3:"
                     : "=&r"(back) : "r"(pg + 4094), "m"(resume_at) : "ra", "a0", "memory");
    report("fetch across a page end", (uint64_t)(pg + 4096), (uint64_t)(pg + 4094), true);

    /* the sigcontext holds a0 at the fault, and fcsr survives delivery */
    __asm__ volatile("fscsr %0" : : "r"(0x61ull));
    __asm__ volatile("li a0, 0x1234\n\tunimp" : : : "a0");
    printf("a0 in sigcontext %llx, fcsr in handler %llx\n",
           (unsigned long long)got_a0, (unsigned long long)got_fcsr);
    uint64_t fcsr;
    __asm__ volatile("frcsr %0" : "=r"(fcsr));
    printf("fcsr after return %llx\n", (unsigned long long)fcsr);
    return 0;
}
