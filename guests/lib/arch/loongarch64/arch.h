/* loongarch64 part of the guest runtime: raw syscalls and ABI details. */
#ifndef RT_ARCH_H
#define RT_ARCH_H

#include "../generic/sysnum.h"

#define RT_ARCH_NAME "loongarch64"

static inline long __rt_sc6(long n, long a, long b, long c, long d, long e,
                            long f)
{
    register long a7 __asm__("$a7") = n;
    register long a0 __asm__("$a0") = a;
    register long a1 __asm__("$a1") = b;
    register long a2 __asm__("$a2") = c;
    register long a3 __asm__("$a3") = d;
    register long a4 __asm__("$a4") = e;
    register long a5 __asm__("$a5") = f;
    /* The kernel may clobber the temporaries t0-t8 (glibc assumes so). */
    __asm__ volatile("syscall 0"
                     : "+r"(a0)
                     : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
                     : "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7",
                       "$t8", "memory");
    return a0;
}

#define RT_KSA_HAS_RESTORER 0
#define RT_VDSO_SIGRETURN "__vdso_rt_sigreturn"

#define RT_O_DIRECTORY 0200000
#define RT_O_NOFOLLOW  0400000

/* No fstat/newfstatat on loongarch64: the runtime uses statx. */
#define RT_HAVE_KSTAT 0

/* An encoding the ISA leaves unallocated: INE. */
static inline void rt_trap_illegal(void) { __asm__ volatile(".4byte 0xffffffff"); }
static inline void rt_trap_breakpoint(void) { __asm__ volatile("break 0"); }

static inline void rt_flush_icache(void *start, void *end)
{
    (void)start, (void)end;
    __asm__ volatile("ibar 0" ::: "memory");
}

static inline int rt_gen_ret_const(unsigned char *p, unsigned imm)
{
    unsigned i0 = 0x03800000u | (imm & 0xfff) << 10 | 4; /* ori $a0,$zero,imm */
    unsigned i1 = 0x4c000020u;                           /* jirl $zero,$ra,0 */
    for (int k = 0; k < 4; k++) {
        p[k] = i0 >> (8 * k);
        p[4 + k] = i1 >> (8 * k);
    }
    return 8;
}

/* Thread pointer: $tp ($r2).  TLS variant I with no TCB: the static TLS
 * block starts at the thread pointer. */
#define RT_TLS_VARIANT 1
#define RT_TLS_TCB_SIZE 0
static inline void rt_set_tp(void *tp) { __asm__ volatile("move $tp, %0" ::"r"(tp) : "memory"); }
static inline void *rt_get_tp(void)
{
    void *tp;
    __asm__ volatile("move %0, $tp" : "=r"(tp));
    return tp;
}

#endif
