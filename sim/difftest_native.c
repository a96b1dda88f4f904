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
int dt_native_start(struct cpu *c, const char *prog, char **argv, char **envp, const char *dir)
{
    (void)prog, (void)argv, (void)envp, (void)dir;
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

#include <poll.h>
#include <fcntl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "../oskernel/kernel.h"
#include "machine.h"

/* ---- the tracer: a helper process ----------------------------------------
 * The program is traced by a helper process, not by trapeze: a tracee (and
 * a child) of trapeze would show up in the guest's wait4(-1) and send it
 * SIGCHLDs.  The helper is started by an intermediate process that exits at
 * once, so it is no child of trapeze either; trapeze sends it requests over
 * a socket pair: a ptrace call, "step/continue and wait" (with the
 * registers of the stop in the reply), or a memory access. */

enum { OP_PTRACE, OP_RUN, OP_READ, OP_WRITE, OP_MAPS };

struct req {
    int op;
    int sig;                    /* OP_RUN: signal to deliver */
    long preq;                  /* OP_PTRACE request; OP_RUN: SINGLESTEP or CONT */
    uint64_t addr, data;
    uint32_t len;               /* payload that follows; OP_READ: bytes wanted */
    uint32_t outlen;            /* OP_PTRACE: bytes of *data to send back */
};

struct rep {
    long ret;
    int err;
    int kind, num;              /* OP_RUN: 'T' stopped / 'W' exited / 'X' killed, and the number */
    uint32_t len;               /* payload that follows */
};

struct stopregs {
    struct user_regs_struct r;
    struct user_fpregs_struct f;
};

static struct {
    int sock;
    pid_t pid;                  /* the program */
    bool valid;                 /* dt.gbuf holds the registers of this stop */
    bool have;                  /* regs holds them */
    struct stopregs regs;
} n = {.sock = -1};

_Noreturn static void lost(const char *what)
{
    int e = errno;
    dt_fail("native reference: %s: %s", what, strerror(e));
}

static bool io(int fd, void *buf, size_t len, bool out)
{
    uint8_t *p = buf;
    while (len) {
        ssize_t k = out ? send(fd, p, len, MSG_NOSIGNAL) : read(fd, p, len);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        p += k;
        len -= (size_t)k;
    }
    return true;
}

/* One request; the reply's payload (at most outcap bytes) into out. */
static struct rep call(const struct req *q, const void *in, void *out, size_t outcap)
{
    struct rep r;
    if (!io(n.sock, (void *)q, sizeof *q, true) || (q->len && in && !io(n.sock, (void *)in, q->len, true)) ||
        !io(n.sock, &r, sizeof r, false))
        lost("the tracer process");
    if (r.len) {
        uint8_t *tmp = r.len > outcap ? malloc(r.len) : out;
        if (!tmp || !io(n.sock, tmp, r.len, false))
            lost("the tracer process");
        if (tmp != out) {
            memcpy(out, tmp, outcap);
            free(tmp);
        }
    }
    errno = r.err;
    return r;
}

/* ptrace(preq, pid, addr, data) in the helper; `buf` (inlen bytes in,
 * outlen bytes back) stands for data when the request points at memory. */
static long rptrace(long preq, uint64_t addr, uint64_t data, void *buf, uint32_t inlen, uint32_t outlen)
{
    struct req q = {.op = OP_PTRACE, .preq = preq, .addr = addr, .data = data, .len = inlen, .outlen = outlen};
    return call(&q, buf, buf, outlen).ret;
}

/* The helper's side. */
static void serve(int sock, pid_t pid)
{
    /* the program's stops come as SIGCHLDs, read from a signalfd */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    int sfd = signalfd(-1, &chld, SFD_CLOEXEC);
    for (;;) {
        struct req q;
        if (!io(sock, &q, sizeof q, false))
            break;
        uint8_t *in = NULL, *out = NULL;
        if (q.len && (!(in = malloc(q.len)) || !io(sock, in, q.len, false)))
            break;
        struct rep r = {0};
        size_t cap = q.op == OP_READ ? (size_t)q.data : q.op == OP_PTRACE ? q.outlen :
                     q.op == OP_RUN ? sizeof(struct stopregs) : q.op == OP_MAPS ? 1 << 20 : 0;
        out = cap ? calloc(1, cap) : NULL;
        errno = 0;
        if (q.op == OP_PTRACE) {
            void *data = in ? in : out ? (void *)out : (void *)q.data;
            r.ret = ptrace((enum __ptrace_request)q.preq, pid, (void *)q.addr, data);
            r.err = errno;
            r.len = q.outlen;
        } else if (q.op == OP_RUN) {
            r.ret = ptrace((enum __ptrace_request)q.preq, pid, 0, (void *)(long)q.sig);
            r.err = errno;
            int st = 0;
            /* a step ends at once; a run is waited for, but not past the
             * end of trapeze */
            if (!r.ret && q.preq == PTRACE_SINGLESTEP)
                while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
                    ;
            while (!r.ret && q.preq != PTRACE_SINGLESTEP && waitpid(pid, &st, WNOHANG) == 0) {
                struct pollfd pf[2] = {{.fd = sock, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
                if (poll(pf, 2, -1) < 0 && errno != EINTR)
                    break;
                if (pf[0].revents & (POLLIN | POLLHUP | POLLERR))
                    break;
                struct signalfd_siginfo ssi;
                if (pf[1].revents & POLLIN)
                    (void)!read(sfd, &ssi, sizeof ssi);
            }
            if (WIFEXITED(st) || WIFSIGNALED(st)) {
                r.kind = WIFEXITED(st) ? 'W' : 'X';
                r.num = WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st);
            } else {
                r.kind = 'T';
                r.num = WSTOPSIG(st);
                siginfo_t si;
                /* int3 and signals sent by a program are the program's own
                 * (SI_KERNEL, SI_USER ...); steps, syscall steps and hardware
                 * breakpoints are TRAP_* codes */
                if (r.num == SIGTRAP && !ptrace(PTRACE_GETSIGINFO, pid, 0, &si) &&
                    (si.si_code <= 0 || si.si_code == 0x80))
                    r.num = SIGTRAP | 0x100;
                struct stopregs *sr = (struct stopregs *)out;
                ptrace(PTRACE_GETREGS, pid, 0, &sr->r);
                ptrace(PTRACE_GETFPREGS, pid, 0, &sr->f);
                r.len = sizeof *sr;
            }
        } else if (q.op == OP_READ || q.op == OP_WRITE || q.op == OP_MAPS) {
            char path[64];
            snprintf(path, sizeof path, q.op == OP_MAPS ? "/proc/%d/maps" : "/proc/%d/mem", pid);
            FILE *f = fopen(path, q.op == OP_WRITE ? "r+b" : "rb");
            if (q.op == OP_MAPS)
                r.len = f ? (uint32_t)fread(out, 1, cap - 1, f) : 0;
            else if (f && !fseeko(f, (off_t)q.addr, SEEK_SET))
                r.ret = q.op == OP_WRITE ? (long)fwrite(in, 1, q.len, f) : (long)fread(out, 1, cap, f);
            else
                r.ret = -1;
            r.err = errno;
            if (q.op == OP_READ)
                r.len = r.ret > 0 ? (uint32_t)r.ret : 0;
            if (f)
                fclose(f);
        }
        if (!io(sock, &r, sizeof r, true) || (r.len && !io(sock, out, r.len, true)))
            break;
        free(in);
        free(out);
    }
    if (getenv("TRAPEZE_DIFFTEST_DEBUG"))
        fprintf(stderr, "difftest: the tracer ends (%s)\n", strerror(errno));
    kill(pid, SIGKILL);
    _exit(0);
}

static int read_mem(uint64_t addr, void *buf, size_t len)
{
    struct req q = {.op = OP_READ, .addr = addr, .data = len};
    return call(&q, NULL, buf, len).ret == (long)len ? 0 : -1;
}

static void mem_read(uint64_t addr, void *buf, size_t len)
{
    if (read_mem(addr, buf, len))
        lost("reading the child's memory");
}

static int write_mem(uint64_t addr, const void *buf, size_t len)
{
    struct req q = {.op = OP_WRITE, .addr = addr, .len = (uint32_t)len};
    return call(&q, buf, NULL, 0).ret == (long)len ? 0 : -1;
}

static void mem_write(uint64_t addr, const void *buf, size_t len)
{
    if (write_mem(addr, buf, len))
        lost("writing the child's memory");
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
    if (n.have) {
        *r = n.regs.r;
        return;
    }
    if (rptrace(PTRACE_GETREGS, 0, 0, &n.regs.r, 0, sizeof n.regs.r) ||
        rptrace(PTRACE_GETFPREGS, 0, 0, &n.regs.f, 0, sizeof n.regs.f))
        lost("PTRACE_GETREGS");
    n.have = true;
    *r = n.regs.r;
}

static void setregs(const struct user_regs_struct *r)
{
    n.valid = n.have = false;
    if (rptrace(PTRACE_SETREGS, 0, 0, (void *)r, sizeof *r, 0))
        lost("PTRACE_SETREGS");
}

static void fetch(void)
{
    if (n.valid)
        return;
    struct user_regs_struct r;
    getregs(&r);
    const struct user_fpregs_struct *f = &n.regs.f;
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
        put(name, (const uint8_t *)f->st_space + 16 * i, 10);
    }
    for (unsigned i = 0; i < 16; i++) {
        snprintf(name, sizeof name, "xmm%u", i);
        put(name, (const uint8_t *)f->xmm_space + 16 * i, 16);
    }
    uint32_t w = f->cwd;
    put("fctrl", &w, 4);
    w = f->swd;
    put("fstat", &w, 4);
    put("mxcsr", &f->mxcsr, 4);
    n.valid = true;
}

/* Resume (PTRACE_SINGLESTEP or PTRACE_CONT, delivering sig) and wait:
 * 'W' exited (*num = status), 'X' killed (*num = signal), 'T' stopped
 * (*num = signal; SIGTRAP only when it is ours: the end of a step or a
 * breakpoint, SIGTRAP | 0x100 for the program's own). */
static int run(long how, int sig, int *num)
{
    struct req q = {.op = OP_RUN, .preq = how, .sig = sig & 0xff};
    n.valid = n.have = false;
    struct rep r = call(&q, NULL, &n.regs, sizeof n.regs);
    if (r.ret)
        lost(how == PTRACE_CONT ? "PTRACE_CONT" : "PTRACE_SINGLESTEP");
    *num = r.num;
    if (r.kind == 'T')
        n.have = true;
    else
        n.pid = -1;
    return r.kind;
}

/* One step; a signal the step raised is delivered by the next one, which
 * stops at the handler's first instruction, as trapeze's step does. */
static int single_step(int *num)
{
    int sig = 0;
    for (int tries = 0; tries < 4; tries++) {
        int k = run(PTRACE_SINGLESTEP, sig, num);
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

/* Is the instruction at pc a pushf (prefixes: operand size, REX)? */
static bool is_pushf(uint64_t pc)
{
    uint8_t b[4];
    if (copy_from_user(b, pc, sizeof b))
        return false;
    unsigned i = 0;
    while (i < 3 && (b[i] == 0x66 || (b[i] & 0xf0) == 0x40))
        i++;
    return b[i] == 0x9c;
}

static void step(struct cpu *c, uint64_t to_pc, unsigned kind)
{
    (void)to_pc, (void)kind;
    const struct hist *last = &dt.h[(dt.nh - 1) % DT_HISTORY];
    bool pushf = dt.nh && is_pushf(last->pc);
    int num, k = single_step(&num);
    if (k != 'T')
        ended(c, k, num, "while trapeze runs on");
    if (pushf) {
        /* single-stepping sets TF, and pushf pushes it: not the program's */
        struct user_regs_struct r;
        uint64_t w;
        getregs(&r);
        if (!read_mem(r.rsp, &w, 8) && (w & 0x100)) {
            w &= ~0x100ull;
            write_mem(r.rsp, &w, 8);
        }
    }
}

static void set_dr(unsigned i, uint64_t v)
{
    if (rptrace(PTRACE_POKEUSER, offsetof(struct user, u_debugreg[i]), v, NULL, 0, 0))
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
        int num, k = run(PTRACE_CONT, sig, &num);
        sig = 0;
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
    return false;
}

/* ---- syscalls in the child ---- */

/* Run one syscall in the child at its current pc; returns its result. */
static long inject(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    struct user_regs_struct save, r;
    getregs(&save);
    uint64_t word;
    mem_read(save.rip, &word, 8);
    uint64_t patched = (word & ~0xffffull) | 0x050f;    /* syscall */
    mem_write(save.rip, &patched, 8);
    r = save;
    r.rax = (unsigned long)nr;
    r.rdi = (unsigned long)a0, r.rsi = (unsigned long)a1, r.rdx = (unsigned long)a2;
    r.r10 = (unsigned long)a3, r.r8 = (unsigned long)a4, r.r9 = (unsigned long)a5;
    int code;
    setregs(&r);
    if (run(PTRACE_SINGLESTEP, 0, &code) != 'T')
        lost("injected syscall");
    getregs(&r);
    mem_write(save.rip, &word, 8);
    setregs(&save);
    return (long)r.rax;
}

static bool child_has(uint64_t lo, uint64_t hi)
{
    static char maps[1 << 20];
    struct req q = {.op = OP_MAPS};
    struct rep rp = call(&q, NULL, maps, sizeof maps - 1);
    maps[rp.len < sizeof maps ? rp.len : sizeof maps - 1] = 0;
    for (char *line = maps; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        unsigned long long a, b;
        if (sscanf(line, "%llx-%llx", &a, &b) == 2 && a < hi && b > lo)
            return true;
    }
    return false;
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

/* One general register, by our description's name. */
static int write_reg(unsigned i, const uint8_t *val)
{
    static const char *const names[] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
                                         "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip" };
    struct user_regs_struct r;
    getregs(&r);
    unsigned long long *dst[] = { &r.rax, &r.rbx, &r.rcx, &r.rdx, &r.rsi, &r.rdi, &r.rbp, &r.rsp,
                                  &r.r8, &r.r9, &r.r10, &r.r11, &r.r12, &r.r13, &r.r14, &r.r15, &r.rip };
    for (unsigned k = 0; k < sizeof names / sizeof *names; k++)
        if (!strcmp(dt.refregs[i].name, names[k])) {
            memcpy(dst[k], val, 8);
            setregs(&r);
            return 0;
        }
    return -1;
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
 * points at it and how long it is (-1: the return value says).  Not the
 * fds pipe() returns: each side keeps its own. */
static const struct { short nr, arg, len; } outbufs[] = {
    { 0, 1, -1 },    /* read */          { 17, 1, -1 },   /* pread64 */
    { 4, 1, 144 },   /* stat */          { 5, 1, 144 },   /* fstat */
    { 6, 1, 144 },   /* lstat */         { 262, 2, 144 }, /* newfstatat */
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
        uint8_t *buf = at ? malloc((size_t)len) : NULL;
        if (buf && !read_mem(at, buf, (size_t)len))
            copy_to_user(at, buf, (size_t)len);
        free(buf);
        return;
    }
}

static void sync_start(struct cpu *c, const struct dinsn *d)
{
    struct user_regs_struct r;
    getregs(&r);
    if (r.rip != d->pc) {
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
            mem_write(v.start, buf, len);
        free(buf);
        int prot = (v.prot & PROT_R ? 1 : 0) | (v.prot & PROT_W ? 2 : 0) | (v.prot & PROT_X ? 4 : 0);
        inject(10 /* mprotect */, (long)v.start, (long)len, prot, 0, 0, 0);
    }
    take_ours(c);
    getregs(&r);
    r.fs_base = our_reg(c, "fs_base");
    setregs(&r);
}

/* A forked child trapeze lets go of the tracer. */
static void forget(void)
{
    close(n.sock);
    n.sock = -1;
    n.pid = -1;
}

static const struct dt_ref native_ref = {
    .sync_start = sync_start,
    .fetch = fetch,
    .step = step,
    .reach = reach,
    .finish = finish,
    .adopt_mapping = adopt_mapping,
    .read_mem = read_mem,
    .write_mem = write_mem,
    .write_reg = write_reg,
    .note = note,
    .after_syscall = after_syscall,
    .take_ours = take_ours,
    .forget = forget,
};

int dt_native_start(struct cpu *c, const char *prog, char **argv, char **envp, const char *dir)
{
    char path[4096];
    /* the program path is the same file from another directory */
    if (dir && prog[0] != '/' && realpath(prog, path))
        prog = path;
    if (c->arch->e_machine != 62 /* EM_X86_64: the host's */) {
        fprintf(stderr, "trapeze: --difftest native: the host runs x86_64 code, not %s\n",
                c->arch->name);
        return -1;
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
        return -1;
    /* the intermediate process's end must not reach the guest */
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);
    fflush(NULL);
    pid_t mid = fork();
    if (mid == 0) {
        close(sv[0]);
        pid_t helper = fork();
        if (helper)
            _exit(helper < 0);
        /* none of trapeze's host signal handling here */
        for (int sig = 1; sig < NSIG; sig++)
            if (sig != SIGKILL && sig != SIGSTOP)
                signal(sig, SIG_DFL);
        pid_t pid = fork();
        if (pid == 0) {
            close(sv[1]);
            sigprocmask(SIG_SETMASK, &old, NULL);
            /* a file as stdin: the program reads its own copy, from where
             * trapeze's guest will start */
            struct stat sb;
            int in = fstat(0, &sb) == 0 && S_ISREG(sb.st_mode) ? open("/proc/self/fd/0", O_RDONLY) : -1;
            if (in > 0) {
                lseek(in, lseek(0, 0, SEEK_CUR), SEEK_SET);
                dup2(in, 0);
                close(in);
            }
            personality(ADDR_NO_RANDOMIZE);
            if (dir && chdir(dir)) {
                fprintf(stderr, "trapeze: --difftest native:%s: %s\n", dir, strerror(errno));
                _exit(127);
            }
            if (ptrace(PTRACE_TRACEME, 0, 0, 0) == 0)
                execve(prog, argv, envp);
            _exit(127);
        }
        int st = 0;
        if (pid > 0)
            while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
                ;
        if (pid < 0 || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGTRAP)
            pid = -1;
        else
            ptrace(PTRACE_SETOPTIONS, pid, 0, (void *)(long)PTRACE_O_EXITKILL);
        io(sv[1], &pid, sizeof pid, true);
        if (pid > 0)
            serve(sv[1], pid);
        _exit(0);
    }
    close(sv[1]);
    n.sock = dt_private_fd(sv[0]);
    if (mid > 0)
        while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
            ;
    struct timespec zero = {0, 0};
    while (sigtimedwait(&chld, NULL, &zero) > 0)
        ;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (mid < 0 || !io(n.sock, &n.pid, sizeof n.pid, false) || n.pid <= 0) {
        fprintf(stderr, "trapeze: --difftest native: cannot start %s\n", prog);
        return -1;
    }
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
