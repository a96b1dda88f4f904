/* x86_64 part of the guest runtime: raw syscalls and ABI details. */
#ifndef RT_ARCH_H
#define RT_ARCH_H

#include "sysnum.h"

#define RT_ARCH_NAME "x86_64"

static inline long __rt_sc6(long n, long a, long b, long c, long d, long e,
                            long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
                       "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

/* Kernel struct sigaction: {handler, flags, restorer, mask}; the kernel
 * refuses to deliver without SA_RESTORER. */
#define RT_KSA_HAS_RESTORER 1
#define RT_VDSO_SIGRETURN ((const char *)0)   /* x86_64's vDSO has none */

#define RT_O_DIRECTORY 0200000
#define RT_O_NOFOLLOW  0400000

/* The kernel's struct stat (arch/x86/include/uapi/asm/stat.h). */
struct rt_kstat {
    unsigned long st_dev, st_ino, st_nlink;
    unsigned st_mode, st_uid, st_gid, __pad0;
    unsigned long st_rdev;
    long st_size, st_blksize, st_blocks;
    unsigned long st_atime_, st_atime_nsec, st_mtime_, st_mtime_nsec;
    unsigned long st_ctime_, st_ctime_nsec;
    long __unused[3];
};
#define RT_HAVE_KSTAT 1

static inline void rt_trap_illegal(void) { __asm__ volatile("ud2"); }
static inline void rt_trap_breakpoint(void) { __asm__ volatile("int3"); }

/* x86 keeps instruction fetch coherent with stores. */
static inline void rt_flush_icache(void *start, void *end)
{
    (void)start, (void)end;
    __asm__ volatile("" ::: "memory");
}

/* Write "return imm" (imm < 2048) as machine code; returns its length. */
static inline int rt_gen_ret_const(unsigned char *p, unsigned imm)
{
    p[0] = 0xb8;                         /* mov $imm, %eax */
    p[1] = imm & 0xff; p[2] = (imm >> 8) & 0xff; p[3] = 0; p[4] = 0;
    p[5] = 0xc3;                         /* ret */
    return 6;
}

/* Thread pointer: %fs base.  TLS variant II: the static TLS block sits just
 * below the thread pointer, which points at a TCB whose first word is its
 * own address (code reads %fs:0 to form TLS addresses). */
#define RT_TLS_VARIANT 2
#define RT_TLS_TCB_SIZE 0
static inline void rt_set_tp(void *tp)
{
    __rt_sc6(SYS_arch_prctl, 0x1002 /* ARCH_SET_FS */, (long)tp, 0, 0, 0, 0);
}
static inline void *rt_get_tp(void)
{
    void *tp;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
    return tp;
}

#endif
