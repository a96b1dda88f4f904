/* aarch64 part of the guest runtime: raw syscalls and ABI details. */
#ifndef RT_ARCH_H
#define RT_ARCH_H

#include "../generic/sysnum.h"

#define RT_ARCH_NAME "aarch64"

static inline long __rt_sc6(long n, long a, long b, long c, long d, long e,
                            long f)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}

/* {handler, flags, restorer, mask}.  glibc passes no restorer here and
 * relies on the vDSO; this runtime passes its own, so both paths get
 * exercised (glibc guests take the other). */
#define RT_KSA_HAS_RESTORER 1
#define RT_VDSO_SIGRETURN "__kernel_rt_sigreturn"

#define RT_O_DIRECTORY 040000
#define RT_O_NOFOLLOW  0100000

/* asm-generic struct stat (include/uapi/asm-generic/stat.h). */
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

static inline void rt_trap_illegal(void) { __asm__ volatile("udf #0"); }
static inline void rt_trap_breakpoint(void) { __asm__ volatile("brk #0"); }

/* Linux lets EL0 clean/invalidate by VA (SCTLR_EL1.UCI). */
static inline void rt_flush_icache(void *start, void *end)
{
    for (char *p = (char *)((unsigned long)start & ~63ul); p < (char *)end;
         p += 64)
        __asm__ volatile("dc cvau, %0" ::"r"(p) : "memory");
    __asm__ volatile("dsb ish" ::: "memory");
    for (char *p = (char *)((unsigned long)start & ~63ul); p < (char *)end;
         p += 64)
        __asm__ volatile("ic ivau, %0" ::"r"(p) : "memory");
    __asm__ volatile("dsb ish\n\tisb" ::: "memory");
}

static inline int rt_gen_ret_const(unsigned char *p, unsigned imm)
{
    unsigned i0 = 0x52800000u | (imm & 0xffff) << 5; /* movz w0, #imm */
    unsigned i1 = 0xd65f03c0u;                       /* ret */
    for (int k = 0; k < 4; k++) {
        p[k] = i0 >> (8 * k);
        p[4 + k] = i1 >> (8 * k);
    }
    return 8;
}

/* Thread pointer: TPIDR_EL0.  TLS variant I: a 16-byte TCB at the thread
 * pointer, the static TLS block after it. */
#define RT_TLS_VARIANT 1
#define RT_TLS_TCB_SIZE 16
static inline void rt_set_tp(void *tp) { __asm__ volatile("msr tpidr_el0, %0" ::"r"(tp) : "memory"); }
static inline void *rt_get_tp(void)
{
    void *tp;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
    return tp;
}

#endif
