/* riscv64 part of the guest runtime: raw syscalls and ABI details. */
#ifndef RT_ARCH_H
#define RT_ARCH_H

#include "../generic/sysnum.h"

#define RT_ARCH_NAME "riscv64"

static inline long __rt_sc6(long n, long a, long b, long c, long d, long e,
                            long f)
{
    register long a7 __asm__("a7") = n;
    register long a0 __asm__("a0") = a;
    register long a1 __asm__("a1") = b;
    register long a2 __asm__("a2") = c;
    register long a3 __asm__("a3") = d;
    register long a4 __asm__("a4") = e;
    register long a5 __asm__("a5") = f;
    __asm__ volatile("ecall"
                     : "+r"(a0)
                     : "r"(a7), "r"(a1), "r"(a2), "r"(a3), "r"(a4), "r"(a5)
                     : "memory");
    return a0;
}

/* {handler, flags, mask}: no restorer field, returns through the vDSO. */
#define RT_KSA_HAS_RESTORER 0
#define RT_VDSO_SIGRETURN "__vdso_rt_sigreturn"

#define RT_O_DIRECTORY 0200000
#define RT_O_NOFOLLOW  0400000

struct rt_kstat {
    unsigned long st_dev, st_ino;
    unsigned st_mode, st_nlink, st_uid, st_gid;
    unsigned long st_rdev, __pad1;
    long st_size;
    int st_blksize, __pad2;
    long st_blocks;
    long st_atime_; unsigned long st_atime_nsec;
    long st_mtime_; unsigned long st_mtime_nsec;
    long st_ctime_; unsigned long st_ctime_nsec;
    unsigned __unused4, __unused5;
};
#define RT_HAVE_KSTAT 1

/* 32 zero bits: the architecturally defined illegal instruction. */
static inline void rt_trap_illegal(void) { __asm__ volatile(".4byte 0"); }
static inline void rt_trap_breakpoint(void) { __asm__ volatile("ebreak"); }

/* One hart: fence.i is enough. */
static inline void rt_flush_icache(void *start, void *end)
{
    (void)start, (void)end;
    __asm__ volatile("fence.i" ::: "memory");
}

static inline int rt_gen_ret_const(unsigned char *p, unsigned imm)
{
    unsigned i0 = (imm & 0x7ff) << 20 | 0x513u; /* addi a0, zero, imm */
    unsigned i1 = 0x00008067u;                  /* ret */
    for (int k = 0; k < 4; k++) {
        p[k] = i0 >> (8 * k);
        p[4 + k] = i1 >> (8 * k);
    }
    return 8;
}

/* Thread pointer: tp.  TLS variant I with no TCB: the static TLS block
 * starts at the thread pointer. */
#define RT_TLS_VARIANT 1
#define RT_TLS_TCB_SIZE 0
static inline void rt_set_tp(void *tp) { __asm__ volatile("mv tp, %0" ::"r"(tp) : "memory"); }
static inline void *rt_get_tp(void)
{
    void *tp;
    __asm__ volatile("mv %0, tp" : "=r"(tp));
    return tp;
}

#endif
