/* difftest's `native` reference: the host CPU under ptrace, for x86_64
 * guests on an x86_64 host (docs/difftest.md).
 *
 * The child is the program itself, started with ADDR_NO_RANDOMIZE and
 * stopped at its entry; trapeze's stack and vdso are copied into it
 * (injected mmap calls) and it takes trapeze's registers, so both run on
 * the same bytes at the same addresses.  Its register file is laid out
 * in dt.gbuf as our own gdb description numbers it, so the comparison
 * code is shared.  It moves with PTRACE_SINGLESTEP, or runs to a pc
 * with a hardware breakpoint (DR0). */
#include <stdio.h>

#include "difftest_int.h"

#if !defined(__x86_64__)
int dt_native_start(struct cpu *c, const char *prog, char **argv, char **envp)
{
    (void)prog, (void)argv, (void)envp;
    fprintf(stderr, "trapeze: --difftest native: only on an x86_64 host\n");
    return -1;
}
#else
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../oskernel/kernel.h"
#include "machine.h"

static struct {
    pid_t pid;
    bool valid;                 /* dt.gbuf holds the registers of this stop */
} n;

_Noreturn static void lost(const char *what)
{
    int e = errno;
    if (n.pid > 0)
        kill(n.pid, SIGKILL);
    dt_fail("native reference: %s: %s", what, strerror(e));
}

static void put(const char *name, const void *v, unsigned len)
{
    for (unsigned i = 0; i < dt.nref; i++)
        if (!strcmp(dt.refregs[i].name, name)) {
            unsigned m = dt.refregs[i].bytes;
            memset(dt.gbuf + dt.refregs[i].goff, 0, m);
            memcpy(dt.gbuf + dt.refregs[i].goff, v, len < m ? len : m);
            return;
        }
}

static void getregs(struct user_regs_struct *r)
{
    if (ptrace(PTRACE_GETREGS, n.pid, 0, r))
        lost("PTRACE_GETREGS");
}

static void setregs(const struct user_regs_struct *r)
{
    n.valid = false;
    if (ptrace(PTRACE_SETREGS, n.pid, 0, r))
        lost("PTRACE_SETREGS");
}

static void fetch(void)
{
    if (n.valid)
        return;
    struct user_regs_struct r;
    struct user_fpregs_struct f;
    getregs(&r);
    if (ptrace(PTRACE_GETFPREGS, n.pid, 0, &f))
        lost("PTRACE_GETFPREGS");
    static const char *const gpr[16] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
                                         "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
    const unsigned long long v[16] = { r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rbp, r.rsp,
                                       r.r8, r.r9, r.r10, r.r11, r.r12, r.r13, r.r14, r.r15 };
    for (unsigned i = 0; i < 16; i++)
        put(gpr[i], &v[i], 8);
    put("rip", &r.rip, 8);
    /* RF: set by the kernel when the child stopped at a breakpoint; not
     * program-visible state (pushf clears it in its image) */
    unsigned long long fl = r.eflags & ~0x10000ull;
    put("eflags", &fl, 4);
    put("cs", &r.cs, 4);
    put("ss", &r.ss, 4);
    put("orig_rax", &r.orig_rax, 8);
    put("fs_base", &r.fs_base, 8);
    put("gs_base", &r.gs_base, 8);
    char name[16];
    for (unsigned i = 0; i < 8; i++) {
        snprintf(name, sizeof name, "st%u", i);
        put(name, (const uint8_t *)f.st_space + 16 * i, 10);
    }
    for (unsigned i = 0; i < 16; i++) {
        snprintf(name, sizeof name, "xmm%u", i);
        put(name, (const uint8_t *)f.xmm_space + 16 * i, 16);
    }
    uint32_t w = f.cwd;
    put("fctrl", &w, 4);
    w = f.swd;
    put("fstat", &w, 4);
    put("mxcsr", &f.mxcsr, 4);
    n.valid = true;
}

/* Wait for the child: 'W' exited (*num = status), 'X' killed (*num =
 * signal), 'T' stopped (*num = signal; SIGTRAP only when it is ours:
 * the end of a step or a breakpoint). */
static int wait_child(int *num)
{
    int st;
    n.valid = false;
    while (waitpid(n.pid, &st, 0) < 0)
        if (errno != EINTR)
            lost("waitpid");
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
        *num = WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st);
        n.pid = -1;
        return WIFEXITED(st) ? 'W' : 'X';
    }
    *num = WSTOPSIG(st);
    if (*num == SIGTRAP) {
        /* int3 and signals sent by a program are the program's own
         * (SI_KERNEL, SI_USER ...); steps, syscall steps and hardware
         * breakpoints are TRAP_* codes */
        siginfo_t si;
        if (!ptrace(PTRACE_GETSIGINFO, n.pid, 0, &si) && (si.si_code <= 0 || si.si_code == 0x80))
            *num = SIGTRAP | 0x100;
    }
    return 'T';
}

/* One step; a signal the step raised is delivered by the next one, which
 * stops at the handler's first instruction, as trapeze's step does. */
static int single_step(int *num)
{
    int sig = 0;
    for (int tries = 0; tries < 4; tries++) {
        n.valid = false;
        if (ptrace(PTRACE_SINGLESTEP, n.pid, 0, (void *)(long)(sig & 0xff)))
            lost("PTRACE_SINGLESTEP");
        int k = wait_child(num);
        if (k != 'T' || *num == SIGTRAP)
            return k;
        sig = *num;
    }
    return 'T';
}

_Noreturn static void ended(struct cpu *c, int k, int num, const char *where)
{
    char why[160];
    snprintf(why, sizeof why, "the native program %s %d %s",
             k == 'W' ? "exited with status" : "was killed by signal", num, where);
    dt_diverged(c, why, "");
}

static void step(struct cpu *c, uint64_t to_pc, unsigned kind)
{
    (void)to_pc, (void)kind;
    int num, k = single_step(&num);
    if (k != 'T')
        ended(c, k, num, "while trapeze runs on");
}

static void set_dr(unsigned i, uint64_t v)
{
    if (ptrace(PTRACE_POKEUSER, n.pid, offsetof(struct user, u_debugreg[i]), (void *)v))
        lost("setting a debug register");
}

/* On to the hits-th arrival at pc, with an execution breakpoint in DR0.
 * The kernel sets RF when it resumes from the breakpoint, so the
 * instruction there runs without stopping again; from a stop there that
 * was not the breakpoint's, RF is set here. */
static void reach(struct cpu *c, uint64_t pc, uint64_t hits, unsigned kind)
{
    (void)kind;
    if (!hits)
        return;
    set_dr(0, pc);
    set_dr(7, 1);               /* L0: local enable, execute, 1 byte */
    struct user_regs_struct r;
    getregs(&r);
    if (r.rip == pc) {
        r.eflags |= 0x10000;
        setregs(&r);
    }
    uint64_t got = 0;
    int sig = 0;
    while (got < hits) {
        n.valid = false;
        if (ptrace(PTRACE_CONT, n.pid, 0, (void *)(long)(sig & 0xff)))
            lost("PTRACE_CONT");
        sig = 0;
        int num, k = wait_child(&num);
        if (k != 'T') {
            char where[96];
            snprintf(where, sizeof where, "before its arrival %llu of %llu at %#llx",
                     (unsigned long long)got + 1, (unsigned long long)hits, (unsigned long long)pc);
            ended(c, k, num, where);
        }
        if (num != SIGTRAP) {
            sig = num;
            continue;
        }
        getregs(&r);
        if (r.rip == pc)
            got++;
    }
    set_dr(7, 0);
}

static bool finish(int code, int sig, char *what, size_t wn)
{
    int num, k = single_step(&num);
    /* a signal a syscall raised is reported after the syscall's step */
    if (k == 'T' && sig)
        k = single_step(&num);
    if (k == 'W') {
        snprintf(what, wn, "exited with status %d", num);
        return !sig && num == code;
    }
    if (k == 'X') {
        snprintf(what, wn, "was killed by signal %d", num);
        return sig && num == sig;
    }
    struct user_regs_struct r;
    getregs(&r);
    snprintf(what, wn, "went on at %#llx", r.rip);
    kill(n.pid, SIGKILL);
    return false;
}

/* ---- syscalls in the child ---- */

/* Run one syscall in the child at its current pc; returns its result. */
static long inject(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    struct user_regs_struct save, r;
    getregs(&save);
    errno = 0;
    long word = ptrace(PTRACE_PEEKTEXT, n.pid, (void *)save.rip, 0);
    if (errno)
        lost("PTRACE_PEEKTEXT");
    long patched = (word & ~0xffffl) | 0x050f;      /* syscall */
    if (ptrace(PTRACE_POKETEXT, n.pid, (void *)save.rip, (void *)patched))
        lost("PTRACE_POKETEXT");
    r = save;
    r.rax = (unsigned long)nr;
    r.rdi = (unsigned long)a0, r.rsi = (unsigned long)a1, r.rdx = (unsigned long)a2;
    r.r10 = (unsigned long)a3, r.r8 = (unsigned long)a4, r.r9 = (unsigned long)a5;
    int code;
    setregs(&r);
    if (ptrace(PTRACE_SINGLESTEP, n.pid, 0, 0) || wait_child(&code) != 'T')
        lost("injected syscall");
    getregs(&r);
    ptrace(PTRACE_POKETEXT, n.pid, (void *)save.rip, (void *)word);
    setregs(&save);
    return (long)r.rax;
}

static bool child_has(uint64_t lo, uint64_t hi)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/maps", n.pid);
    FILE *f = fopen(path, "r");
    bool any = false;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long long a, b;
        if (sscanf(line, "%llx-%llx", &a, &b) == 2 && a < hi && b > lo)
            any = true;
    }
    if (f)
        fclose(f);
    return any;
}

static void child_write(uint64_t addr, const void *buf, size_t len)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", n.pid);
    FILE *f = fopen(path, "r+b");
    if (!f || fseeko(f, (off_t)addr, SEEK_SET) || fwrite(buf, 1, len, f) != len)
        lost("writing the child's memory");
    fclose(f);
}

/* A fresh mapping at y in the child where trapeze's kernel gave x: move
 * the child's to x (mremap) and let it see x. */
static bool adopt_mapping(struct cpu *c, unsigned k, uint64_t x, uint64_t y)
{
    (void)c, (void)k;
    struct vma *v = x < guest_mem->size ? mem_find(guest_mem, x) : NULL;
    if (!v || v->start != x || !child_has(y, y + 1) || child_has(x, v->end))
        return false;
    long r = inject(25 /* mremap */, (long)y, (long)(v->end - x), (long)(v->end - x),
                    3 /* MREMAP_MAYMOVE | MREMAP_FIXED */, (long)x, 0);
    if (r != (long)x)
        return false;
    struct user_regs_struct regs;
    getregs(&regs);
    if (regs.rax != y)
        return false;
    regs.rax = x;
    setregs(&regs);
    fprintf(stderr, "difftest: moved the native mapping at %#llx to trapeze's %#llx\n",
            (unsigned long long)y, (unsigned long long)x);
    return true;
}

/* The child takes trapeze's general registers (after cpuid, whose
 * answers are the model's, not the host's). */
static void take_ours(struct cpu *c)
{
    struct user_regs_struct r;
    getregs(&r);
    unsigned long long *dst[16] = { &r.rax, &r.rbx, &r.rcx, &r.rdx, &r.rsi, &r.rdi, &r.rbp, &r.rsp,
                                    &r.r8, &r.r9, &r.r10, &r.r11, &r.r12, &r.r13, &r.r14, &r.r15 };
    for (unsigned k = 0; k < 16 && k < dt.map.n; k++) {
        uint8_t b[128];
        if (dt.map.idx[k] < 0)
            continue;
        dt_ours(c, k, b);
        memcpy(dst[k], b, 8);
    }
    setregs(&r);
}

/* Memory a syscall writes, by x86_64 syscall number: which argument
 * points at it and how long it is (-1: the return value says). */
static const struct { short nr, arg, len; } outbufs[] = {
    { 0, 1, -1 },    /* read */          { 17, 1, -1 },   /* pread64 */
    { 4, 1, 144 },   /* stat */          { 5, 1, 144 },   /* fstat */
    { 6, 1, 144 },   /* lstat */         { 262, 2, 144 }, /* newfstatat */
    { 22, 0, 8 },    /* pipe */          { 293, 0, 8 },   /* pipe2 */
    { 63, 0, 390 },  /* uname */         { 79, 0, -1 },   /* getcwd */
    { 89, 1, -1 },   /* readlink */      { 96, 0, 16 },   /* gettimeofday */
    { 98, 1, 144 },  /* getrusage */     { 99, 0, 112 },  /* sysinfo */
    { 100, 0, 32 },  /* times */         { 201, 0, 8 },   /* time */
    { 217, 1, -1 },  /* getdents64 */    { 228, 1, 16 },  /* clock_gettime */
    { 229, 1, 16 },  /* clock_getres */  { 318, 0, -1 },  /* getrandom */
};

static struct { bool on; long nr; uint64_t arg[6]; } nsys;

static uint64_t our_reg(struct cpu *c, const char *name)
{
    for (unsigned k = 0; k < dt.map.n; k++)
        if (!strcmp(dt.map.t->regs[k].name, name) && dt.map.idx[k] >= 0) {
            uint8_t b[128];
            dt_ours(c, k, b);
            uint64_t v;
            memcpy(&v, b, 8);
            return v;
        }
    return 0;
}

/* Before a `syscall` instruction: remember what it is asked to do. */
static void note(struct cpu *c, const struct dinsn *d)
{
    nsys.on = (d->raw & 0xffff) == 0x050f;
    if (!nsys.on)
        return;
    static const char *const an[6] = { "rdi", "rsi", "rdx", "r10", "r8", "r9" };
    nsys.nr = (long)our_reg(c, "rax");
    for (unsigned i = 0; i < 6; i++)
        nsys.arg[i] = our_reg(c, an[i]);
}

/* After it: what the host kernel wrote, trapeze's guest sees too. */
static void after_syscall(struct cpu *c)
{
    if (!nsys.on)
        return;
    nsys.on = false;
    long ret = (long)our_reg(c, "rax");     /* the host's, adopted */
    for (unsigned i = 0; i < sizeof outbufs / sizeof *outbufs; i++) {
        if (outbufs[i].nr != nsys.nr)
            continue;
        long len = outbufs[i].len < 0 ? ret : (ret < 0 ? 0 : outbufs[i].len);
        uint64_t at = nsys.arg[outbufs[i].arg];
        if (len <= 0 || len > (1 << 24))
            return;
        uint8_t *buf = malloc((size_t)len);
        char path[64];
        snprintf(path, sizeof path, "/proc/%d/mem", n.pid);
        FILE *f = fopen(path, "rb");
        if (buf && f && !fseeko(f, (off_t)at, SEEK_SET) && fread(buf, 1, (size_t)len, f) == (size_t)len)
            copy_to_user(at, buf, (size_t)len);
        if (f)
            fclose(f);
        free(buf);
        return;
    }
}

static void sync_start(struct cpu *c, const struct dinsn *d)
{
    struct user_regs_struct r;
    getregs(&r);
    if (r.rip != d->pc) {
        kill(n.pid, SIGKILL);
        dt_fail("the native program starts at %#llx, trapeze at %#llx (a PIE or a dynamic "
                "program: native supports static non-PIE ones)", (unsigned long long)r.rip,
                (unsigned long long)d->pc);
    }
    /* trapeze's stack and vdso (whatever the child lacks) go into the child */
    for (unsigned i = 0; i < guest_mem->nvmas; i++) {
        struct vma v = guest_mem->vmas[i];
        uint64_t len = v.end - v.start;
        if (child_has(v.start, v.end))
            continue;
        long got = inject(9 /* mmap */, (long)v.start, (long)len, 3 /* RW */,
                          0x32 /* MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED */, -1, 0);
        if (got != (long)v.start)
            lost("mmap in the child");
        uint8_t *buf = malloc(len);
        if (buf && !copy_from_user(buf, v.start, len))
            child_write(v.start, buf, len);
        free(buf);
        int prot = (v.prot & PROT_R ? 1 : 0) | (v.prot & PROT_W ? 2 : 0) | (v.prot & PROT_X ? 4 : 0);
        inject(10 /* mprotect */, (long)v.start, (long)len, prot, 0, 0, 0);
    }
    take_ours(c);
    getregs(&r);
    r.fs_base = our_reg(c, "fs_base");
    setregs(&r);
}

/* The forked child trapeze is not the tracer. */
static void forget(void)
{
    n.pid = -1;
}

static const struct dt_ref native_ref = {
    .sync_start = sync_start,
    .fetch = fetch,
    .step = step,
    .reach = reach,
    .finish = finish,
    .adopt_mapping = adopt_mapping,
    .note = note,
    .after_syscall = after_syscall,
    .take_ours = take_ours,
    .forget = forget,
};

int dt_native_start(struct cpu *c, const char *prog, char **argv, char **envp)
{
    if (c->arch->e_machine != 62 /* EM_X86_64: the host's */) {
        fprintf(stderr, "trapeze: --difftest native: the host runs x86_64 code, not %s\n",
                c->arch->name);
        return -1;
    }
    fflush(NULL);
    n.pid = fork();
    if (n.pid < 0)
        return -1;
    if (n.pid == 0) {
        personality(ADDR_NO_RANDOMIZE);
        if (ptrace(PTRACE_TRACEME, 0, 0, 0) == 0)
            execve(prog, argv, envp);
        _exit(127);
    }
    int code;
    if (wait_child(&code) != 'T' || (code & 0xff) != SIGTRAP) {
        fprintf(stderr, "trapeze: --difftest native: cannot start %s\n", prog);
        return -1;
    }
    ptrace(PTRACE_SETOPTIONS, n.pid, 0, (void *)(long)PTRACE_O_EXITKILL);
    /* the child's ptrace stops must not reach the guest as SIGCHLDs */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    dt.native = true;
    dt.ref = &native_ref;
    dt_regs_from_ours();
    size_t off = 0;
    for (unsigned i = 0; i < dt.nref; i++) {
        dt.refregs[i].goff = (int)off;
        off += dt.refregs[i].bytes;
    }
    dt.glen = off;
    dt_map_regs();
    return 0;
}
#endif
