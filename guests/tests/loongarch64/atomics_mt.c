/* LoongArch atomics across threads: four threads (raw clone) each add
 * to one counter with amadd_db.d, to another with an ll.d/sc.d loop, and
 * to a plain counter inside an amswap_db.w spin lock.  Every total must
 * come out exact.  Compared with qemu-loongarch64. */
#include "rt.h"

#define NT 4
#define ITERS 20000

static volatile uint64_t c_am, c_llsc, c_plain, done;
static volatile uint32_t lock;
static char stacks[NT][16384] __attribute__((aligned(16)));

static void lock_take(void)
{
    uint32_t old;
    do
        __asm__ volatile("amswap_db.w %0, %1, %2" : "=&r"(old) : "r"(1u), "r"(&lock) : "memory");
    while (old);
}

static void lock_give(void)
{
    __asm__ volatile("amswap_db.w $zero, $zero, %0" : : "r"(&lock) : "memory");
}

static void work(void)
{
    for (int i = 0; i < ITERS; i++) {
        uint64_t one = 1, t;
        __asm__ volatile("amadd_db.d $zero, %0, %1" : : "r"(one), "r"(&c_am) : "memory");
        __asm__ volatile("1: ll.d %0, %1, 0\n\taddi.d %0, %0, 1\n\tsc.d %0, %1, 0\n\t"
                         "beqz %0, 1b" : "=&r"(t) : "r"(&c_llsc) : "memory");
        lock_take();
        c_plain = c_plain + 1;
        lock_give();
    }
    __asm__ volatile("amadd_db.d $zero, %0, %1" : : "r"(1ull), "r"(&done) : "memory");
}

/* clone(flags, newsp, ptid, ctid, tls); the child calls work() and exits */
static long spawn(char *stack_top)
{
    register long a0 __asm__("$a0") = 0x50f00;  /* VM FS FILES SIGHAND THREAD SYSVSEM */
    register long a1 __asm__("$a1") = (long)stack_top;
    register long a2 __asm__("$a2") = 0, a3 __asm__("$a3") = 0, a4 __asm__("$a4") = 0;
    register long a7 __asm__("$a7") = 220;
    __asm__ volatile("syscall 0\n\t"
                     "bnez $a0, 1f\n\t"
                     "bl %[work]\n\t"
                     "li.w $a0, 0\n\t"
                     "li.w $a7, 93\n\t"
                     "syscall 0\n"
                     "1:"
                     : "+r"(a0) : "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a7), [work] "i"(work)
                     : "memory", "$ra", "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8");
    return a0;
}

int main(void)
{
    for (int i = 0; i < NT; i++)
        if (spawn(stacks[i] + sizeof stacks[i]) < 0)
            printf("clone failed\n");
    work();
    while (done < NT + 1)
        __asm__ volatile("li.w $a7, 124\n\tsyscall 0" : : : "$a0", "$a7", "memory");
    printf("amadd %llu ll/sc %llu locked %llu (want %d each)\n", (unsigned long long)c_am,
           (unsigned long long)c_llsc, (unsigned long long)c_plain, (NT + 1) * ITERS);
    return 0;
}
