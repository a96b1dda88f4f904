/* The emulated Linux kernel: generic part.
 *
 * The kernel runs on the host, entered from the guest CPU's trap vector
 * (see sim/cpu.h, machine_kernel_entry).  It works on the CPU's live
 * registers, which play the part of Linux's pt_regs.  Each architecture
 * supplies a struct kabi (oskernel/<arch>/) with what differs: how a trap
 * is read, syscall numbering, struct layouts, signal frames, the vdso.
 *
 * Syscall numbers: the generic kernel numbers its syscalls as the
 * asm-generic table (include/uapi/asm-generic/unistd.h) does; syscalls
 * that only exist elsewhere (x86_64's open, fork, alarm, ...) get numbers
 * from SYSX_BASE on.  An arch maps its own numbers onto these.
 */
#ifndef TRAPEZE_KERNEL_H
#define TRAPEZE_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../sim/cpu.h"
#include "errno_linux.h"

struct kabi;
struct kstat;

/* ---- syscalls ---------------------------------------------------------- */

#define SYSX_BASE 1024   /* syscalls absent from the asm-generic table */

typedef long sysfn(struct cpu *c, uint64_t a0, uint64_t a1, uint64_t a2,
                   uint64_t a3, uint64_t a4, uint64_t a5);

#define SYSCALL(name)                                                      \
    long sys_##name(struct cpu *c, uint64_t a0, uint64_t a1, uint64_t a2,  \
                    uint64_t a3, uint64_t a4, uint64_t a5)

struct sysent {
    const char *name;
    sysfn *fn;
    /* Argument kinds for --strace, one letter per argument:
     * d int, u unsigned, x hex, p pointer, s string, f fd (int, AT_FDCWD
     * shown as such), o open flags, m mode (octal), b buffer written by the
     * syscall (shown after it returns, length = return value). */
    const char *args;
};

/* Indexed by generic number; entries with fn == NULL are unknown. */
extern const struct sysent systab[];
extern const unsigned nsystab;

/* ---- what an arch tells the kernel about a trap ------------------------ */

enum trap_kind { TRAP_SYSCALL, TRAP_SIGNAL, TRAP_IRQ };

struct trap {
    enum trap_kind kind;
    long nr;                    /* TRAP_SYSCALL: the arch's own number */
    uint64_t args[6];
    int signo, code;            /* TRAP_SIGNAL: what Linux raises */
    uint64_t addr;              /* si_addr */
    uint64_t pc;                /* user pc of the trapping instruction (messages, traces) */
    uint32_t insn;              /* its encoding, when the signal is SIGILL (messages) */
};

/* A kernel-side sigaction, arch independent. */
struct ksigaction {
    uint64_t handler;           /* SIG_DFL 0, SIG_IGN 1 */
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};

/* siginfo as the kernel builds it: the 128 guest bytes, little-endian. */
struct ksiginfo {
    uint8_t b[128];
};

/* The vdso the kernel maps at AT_SYSINFO_EHDR: code and exported symbols. */
struct vdso_sym {
    const char *name;
    uint32_t off;               /* offset of the symbol in `code` */
    uint32_t size;
};
struct vdso_desc {
    const uint8_t *code;        /* position-independent code */
    uint32_t code_len;
    const char *version;        /* "LINUX_4.15" ... */
    const struct vdso_sym *syms;
    unsigned nsyms;
    uint32_t e_flags;           /* ELF header flags (float ABI on riscv64, loongarch64) */
};

/* Guest struct layouts that differ by arch; the kernel fills a kstat and
 * the arch writes its own struct stat. */
struct kstat {
    uint64_t dev, ino, nlink;
    uint32_t mode, uid, gid;
    uint64_t rdev;
    int64_t size, blksize, blocks;
    int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
};

struct kabi {
    const struct arch *cpu;     /* the CPU model this kernel ABI drives */
    uint64_t page_size;         /* AT_PAGESZ */
    uint64_t task_size;         /* guest addresses the kernel hands out are below it */
    uint64_t hwcap, hwcap2;
    const char *platform;       /* AT_PLATFORM or NULL */
    uint64_t minsigstksz;       /* AT_MINSIGSTKSZ, 0 = not given */
    bool has_hwcap2;            /* the arch defines ELF_HWCAP2: AT_HWCAP2 is always given */
    bool has_sa_restorer;       /* struct sigaction has sa_restorer and SA_RESTORER exists */
    bool clone_tls_last;        /* clone(flags, sp, ptid, ctid, tls) as x86_64; else ptid, tls, ctid */
    const struct vdso_desc *vdso;

    /* Program the trap vector and system registers at start-up (writes the
     * vector stub into the kernel text page). */
    void (*boot)(struct cpu *c);
    /* Leave the kernel into user mode at `entry` with stack `sp` and the
     * other registers as Linux's start_thread leaves them. */
    void (*start_user)(struct cpu *c, uint64_t entry, uint64_t sp);
    /* Read the cause of a kernel entry. */
    void (*trap_read)(struct cpu *c, struct trap *t);
    /* Write a syscall's return value; the syscall instruction is done. */
    void (*syscall_return)(struct cpu *c, long ret);
    /* Make the syscall run again when the guest resumes (Linux's restart:
     * pc back to the syscall instruction, first argument restored); with
     * `nr` >= 0 the syscall number register is set to it as well. */
    void (*syscall_restart)(struct cpu *c, long nr);
    /* The arch's syscall numbers -> generic numbers (-1: none). */
    const int16_t *sysmap;
    unsigned nsysmap;

    /* Signals (oskernel/<arch>/signal.c): build the rt_sigframe and point
     * the CPU at the handler; 0 or -EFAULT (then the kernel forces SIGSEGV). */
    int (*setup_rt_frame)(struct cpu *c, int sig, const struct ksigaction *ka,
                          const struct ksiginfo *info, uint64_t blocked);
    /* rt_sigreturn: restore from the frame at the stack pointer; returns the
     * value for the return register, or -EFAULT for a bad frame (SIGSEGV). */
    long (*rt_sigreturn)(struct cpu *c);
    uint64_t (*stack_pointer)(struct cpu *c);
    uint64_t (*user_pc)(struct cpu *c);    /* the pc user mode resumes at */
    void (*set_stack_pointer)(struct cpu *c, uint64_t sp);   /* clone with a new stack */

    /* struct stat for fstat/newfstatat; returns bytes written to buf. */
    size_t (*put_stat)(uint8_t *buf, const struct kstat *st);
    /* TLS register, set by clone(CLONE_SETTLS) and arch_prctl. */
    void (*set_tls)(struct cpu *c, uint64_t tls);

    /* Where the arch's uapi differs from asm-generic (the host's values),
     * for the generic syscalls (oskernel/sys_*.c). */
    bool epoll_packed;          /* struct epoll_event is packed: 12 bytes, not 16 */
    /* Open-flag bits whose values differ: {guest bit, generic bit} pairs,
     * ending with {0, 0}; NULL when the arch uses the generic values. */
    const uint32_t (*open_flags)[2];
};

/* ---- the kernel's state ------------------------------------------------ */

struct kernel {
    const struct kabi *abi;
    const char *exe_path;       /* the guest program as given (host path) */
    const char *exe_abspath;    /* for /proc/self/exe */
    const char *sysroot;        /* -L */
    uint64_t brk_start, brk_cur;
    uint64_t mmap_top;          /* top-down mmap allocations start below */
    uint64_t auxv_addr, auxv_len;
    bool strace;
    int strace_fd;
    uint64_t max_insns;
    bool stats;
    int pid;
    uint64_t vdso_base;         /* where the vdso is mapped (AT_SYSINFO_EHDR) */
};

extern struct kernel *kern;

/* What the command line asks of the kernel. */
struct kernel_opts {
    const char *sysroot;
    bool strace;
    int strace_fd;              /* -1: stderr */
    uint64_t max_insns;         /* 0: no limit */
    bool stats;
};
void kernel_init(struct cpu *c, const struct kernel_opts *o);
/* The options a re-executed trapeze gets on execve (NULL-terminated). */
void kernel_set_reexec_opts(char **opts);

/* Entry from the trap vector (called by machine_kernel_entry). */
void kernel_entry(struct cpu *c);
/* Run a syscall by generic number; returns the raw result. */
long kernel_syscall(struct cpu *c, long gnr, const uint64_t a[6]);

/* The process ends: exit status or death by signal, as a host wait status would show. */
/* `code` is the exit code (0..255). */
_Noreturn void kernel_exit_group(struct cpu *c, int code);
_Noreturn void kernel_die_signal(struct cpu *c, int sig);
/* Guest threads (oskernel/process.c). */
void kernel_thread_start(struct cpu *c);
_Noreturn void kernel_thread_exit(struct cpu *c, int code);

/* Messages trapeze itself prints (never the guest's output). */
void kwarn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- access to guest memory from the kernel (oskernel/uaccess.c) -------- */
/* All return 0 or -EFAULT; never crash on a bad guest pointer. */
int copy_from_user(void *dst, uint64_t src, size_t n);
int copy_to_user(uint64_t dst, const void *src, size_t n);
int clear_user(uint64_t dst, size_t n);
/* Copies a NUL-terminated string of at most max bytes (NUL included):
 * returns its length, -EFAULT, or -ENAMETOOLONG. */
long strncpy_from_user(char *dst, uint64_t src, size_t max);
int get_user_u32(uint32_t *v, uint64_t addr);
int get_user_u64(uint64_t *v, uint64_t addr);
int put_user_u32(uint64_t addr, uint32_t v);
int put_user_u64(uint64_t addr, uint64_t v);
/* An atomic compare-and-exchange on an aligned guest word (robust futex
 * lists); *old gets the value found. */
int cmpxchg_user_u32(uint64_t addr, uint32_t *old, uint32_t nv);

/* Record the range of guest memory the kernel writes between start and
 * stop (traces show where a signal frame went). */
void uaccess_record_start(void);
void uaccess_record_stop(uint64_t *lo, uint64_t *hi);

/* Little-endian field access inside a byte buffer (ABI structs). */
static inline void put_le16(uint8_t *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }
static inline void put_le32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = v >> (8 * i); }
static inline void put_le64(uint8_t *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = v >> (8 * i); }
static inline uint16_t get_le16(const uint8_t *p) { return p[0] | (uint16_t)p[1] << 8; }
static inline uint32_t get_le32(const uint8_t *p) { uint32_t v = 0; for (int i = 3; i >= 0; i--) v = v << 8 | p[i]; return v; }
static inline uint64_t get_le64(const uint8_t *p) { uint64_t v = 0; for (int i = 7; i >= 0; i--) v = v << 8 | p[i]; return v; }

/* Paths: a guest path as the host should open it (applies -L). */
int kernel_host_path(const char *gpath, char *out, size_t outsz);

#endif
