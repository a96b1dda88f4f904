/* Lockstep differential testing: `trapeze --difftest REF prog args`
 * (docs/difftest.md).
 *
 * trapeze runs the guest with a `before` hook.  At every user-mode
 * instruction boundary the previous instruction (with whatever kernel
 * work it caused: a syscall, a fault and its signal delivery) is complete
 * on our side; the reference is then stepped once and the two register
 * files are compared by gdb register name.  The reference is any GDB
 * remote stub (qemu-<arch> -g PORT, gdbserver, trapeze -g), driven with
 * single steps, or, for x86_64 guests on an x86_64 host, the real CPU
 * under ptrace (difftest_native.c-style code lives below, in this file).
 *
 * What cannot agree by construction is made to agree, and said so:
 * the initial stack (the reference's is copied into our address space),
 * and the registers a syscall returns (the reference's values are taken,
 * with a note on stderr, since the two kernels are different programs). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../oskernel/kernel.h"
#include "difftest.h"
#include "gdbstub.h"
#include "hooks.h"
#include "machine.h"
#include "rsp.h"

#define HISTORY 16              /* instructions shown before the divergence */
#define MAXREGS 512

/* The reference's registers, as its target description numbers them. */
struct refreg {
    char name[32];
    unsigned bytes;
    int num;                    /* gdb register number */
    int goff;                   /* byte offset in the 'g' reply, -1: read with 'p' */
};

struct hist {
    uint64_t pc;
    uint8_t bytes[16];
    uint8_t len;
    uint8_t cls;
};

static struct {
    struct cpu *c;
    struct difftest_opts opts;
    struct gdb_map map;
    int refidx[MAXREGS];        /* map position -> refregs index, -1 not compared */
    bool is_fp[MAXREGS];        /* compared only after instructions that may write FP state */

    struct rsp r;
    struct refreg refregs[MAXREGS];
    unsigned nref;
    size_t glen;                /* bytes in a 'g' reply */
    uint8_t gbuf[8192];
    bool vcont;
    bool native;                /* the reference is the host CPU under ptrace */
    pid_t pid;

    bool started;
    bool kernel;                /* the last step went through the kernel */
    bool lag;                   /* the reference is ahead, at lag_pc */
    bool lag_syscall;
    uint64_t lag_pc;
    unsigned lag_n;
    uint64_t kpc;               /* the instruction of the last step */
    uint64_t steps;
    uint64_t syscall_fixups;
    struct hist h[HISTORY];
    unsigned nh;
} dt;

static char pkt[2 * RSP_MAX + 16];

#if defined(__x86_64__)
static void native_fetch(void);
static int native_step(int *code);
static void native_sync(struct cpu *c, const struct dinsn *d);
static void native_push_gprs(struct cpu *c);
static int start_native(struct cpu *c, const char *prog, char **argv, char **envp);
#endif

_Noreturn static void ref_lost(const char *what)
{
    fprintf(stderr, "difftest: lost the reference (%s) after %llu instructions\n", what,
            (unsigned long long)dt.steps);
    fflush(NULL);
    _exit(DIFFTEST_EXIT_ERROR);
}

static long ref_cmd(const char *cmd)
{
    if (rsp_send_str(&dt.r, cmd))
        ref_lost(cmd);
    long n = rsp_recv(&dt.r, pkt, sizeof pkt);
    if (n < 0)
        ref_lost(cmd);
    return n;
}

/* ---- the reference's target description ---- */

static char *ref_xfer(const char *annex)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    char cmd[256];
    for (;;) {
        snprintf(cmd, sizeof cmd, "qXfer:features:read:%s:%zx,%x", annex, len, 0xf00);
        long n = ref_cmd(cmd);
        if (n < 1 || (pkt[0] != 'm' && pkt[0] != 'l')) {
            free(buf);
            return NULL;
        }
        uint8_t tmp[sizeof pkt];
        size_t k = rsp_unescape(tmp, pkt + 1, (size_t)n - 1);
        if (len + k + 1 > cap)
            buf = realloc(buf, cap = 2 * (len + k + 1));
        memcpy(buf + len, tmp, k);
        len += k;
        if (pkt[0] == 'l' || !k)
            break;
    }
    buf[len] = 0;
    return buf;
}

static bool attr(const char *tag, const char *end, const char *name, char *out, size_t osz)
{
    char key[40];
    snprintf(key, sizeof key, " %s=\"", name);
    const char *p = strstr(tag, key);
    if (!p || p > end)
        return false;
    p += strlen(key);
    const char *q = strchr(p, '"');
    if (!q || (size_t)(q - p) >= osz)
        return false;
    memcpy(out, p, (size_t)(q - p));
    out[q - p] = 0;
    return true;
}

static void parse_regs(const char *xml, int depth, int *next)
{
    for (const char *p = xml; (p = strchr(p, '<')); p++) {
        const char *end = strchr(p, '>');
        if (!end)
            break;
        char v[128];
        if (!strncmp(p, "<xi:include", 11) && depth < 4 && attr(p, end, "href", v, sizeof v)) {
            char *sub = ref_xfer(v);
            if (sub) {
                parse_regs(sub, depth + 1, next);
                free(sub);
            }
        } else if (!strncmp(p, "<reg ", 5) && dt.nref < MAXREGS) {
            struct refreg *r = &dt.refregs[dt.nref];
            char bits[16];
            if (!attr(p, end, "name", r->name, sizeof r->name) || !attr(p, end, "bitsize", bits, sizeof bits))
                continue;
            r->bytes = (unsigned)(atoi(bits) + 7) / 8;
            r->num = attr(p, end, "regnum", v, sizeof v) ? atoi(v) : *next;
            *next = r->num + 1;
            dt.nref++;
        }
    }
}

/* Without a description (qemu-loongarch64 7.2 announces one it cannot
 * serve), assume the reference numbers registers as our own description. */
static void regs_from_ours(void)
{
    const struct gdb_target *t = dt.map.t;
    for (unsigned k = 0; k < t->nregs && dt.nref < MAXREGS; k++) {
        struct refreg *r = &dt.refregs[dt.nref++];
        snprintf(r->name, sizeof r->name, "%s", t->regs[k].name);
        r->bytes = (t->regs[k].bits + 7u) / 8;
        r->num = dt.map.num[k];
    }
}

static void layout_g(void)
{
    long n = ref_cmd("g");
    if (n <= 0 || pkt[0] == 'E')
        ref_lost("g");
    dt.glen = (size_t)n / 2;
    /* the 'g' reply holds registers in number order, as far as it goes */
    size_t off = 0;
    for (int num = 0, done = 0; !done; num++) {
        done = 1;
        for (unsigned i = 0; i < dt.nref; i++) {
            if (dt.refregs[i].num > num)
                done = 0;
            if (dt.refregs[i].num != num)
                continue;
            dt.refregs[i].goff = off + dt.refregs[i].bytes <= dt.glen ? (int)off : -1;
            off += dt.refregs[i].bytes;
        }
    }
}

/* ---- comparing ---- */

/* Registers that are bookkeeping of one implementation, not state. */
static bool skipped(const char *name)
{
    static const char *const skip[] = { "orig_a0", "orig_rax", "badv", "priv", "cycle",
                                        "time", "instret", "fs", "gs", "ds", "es",
                                        "k_gs_base", NULL };
    for (unsigned i = 0; skip[i]; i++)
        if (!strcmp(name, skip[i]))
            return true;
    return false;
}

static void map_regs(void)
{
    const struct gdb_target *t = dt.map.t;
    for (unsigned k = 0; k < dt.map.n; k++) {
        dt.refidx[k] = -1;
        dt.is_fp[k] = t->regs[k].feature != 0;
        if (dt.map.idx[k] < 0 || skipped(t->regs[k].name))
            continue;
        for (unsigned i = 0; i < dt.nref; i++)
            if (!strcmp(dt.refregs[i].name, t->regs[k].name))
                dt.refidx[k] = (int)i;
    }
}

static void ours(struct cpu *c, unsigned k, uint8_t *out)
{
    uint8_t tmp[128] = {0};
    unsigned n = (dt.map.t->regs[k].bits + 7u) / 8;
    int got = c->arch->reg_get(c, (unsigned)dt.map.idx[k], tmp);
    memset(out, 0, n);
    if (got > 0)
        memcpy(out, tmp, (unsigned)got < n ? (unsigned)got : n);
}

static bool theirs(unsigned i, uint8_t *out)
{
    struct refreg *r = &dt.refregs[i];
    if (r->goff >= 0) {
        memcpy(out, dt.gbuf + r->goff, r->bytes);
        return true;
    }
    char cmd[32];
    snprintf(cmd, sizeof cmd, "p%x", (unsigned)r->num);
    long n = ref_cmd(cmd);
    if (n != (long)(2 * r->bytes) || rsp_unhex(out, pkt, r->bytes))
        return false;
    return true;
}

static void fetch_g(void)
{
#if defined(__x86_64__)
    if (dt.native) {
        native_fetch();
        return;
    }
#endif
    long n = ref_cmd("g");
    if (n < (long)(2 * dt.glen) || rsp_unhex(dt.gbuf, pkt, dt.glen))
        ref_lost("g");
}

static void print_insn(struct cpu *c, const struct hist *h, const char *mark)
{
    char text[128] = "?";
    char hex[64] = "";
    if (c->arch->disasm)
        c->arch->disasm(h->pc, h->bytes, h->len, text, sizeof text);
    for (unsigned i = 0; i < h->len && i < 15; i++)
        snprintf(hex + 3 * i, sizeof hex - 3 * i, "%02x ", h->bytes[i]);
    fprintf(stderr, "%s %#14llx: %-30s %s\n", mark, (unsigned long long)h->pc, hex, text);
}

static void hex_le(char *out, const uint8_t *b, unsigned n)
{
    /* registers print as numbers: most significant byte first */
    out[0] = '0', out[1] = 'x';
    for (unsigned i = 0; i < n; i++)
        snprintf(out + 2 + 2 * i, 3, "%02x", b[n - 1 - i]);
}

_Noreturn static void diverged(struct cpu *c, const char *why, const char *details)
{
    fflush(stdout);
    fprintf(stderr, "difftest: DIVERGED after %llu instructions: %s\n%s",
            (unsigned long long)dt.steps, why, details);
    unsigned first = dt.nh > HISTORY ? dt.nh - HISTORY : 0;
    if (dt.nh) {
        fprintf(stderr, "difftest: the instruction:\n");
        print_insn(c, &dt.h[(dt.nh - 1) % HISTORY], "=>");
        fprintf(stderr, "difftest: the instructions before it:\n");
        for (unsigned i = first; i + 1 < dt.nh; i++)
            print_insn(c, &dt.h[i % HISTORY], "  ");
    }
    fflush(NULL);
    _exit(DIFFTEST_EXIT_DIVERGED);
}

/* ---- the native reference: the host CPU under ptrace ----------------------
 * Only when the guest's CPU is the host's (x86_64 on x86_64).  The child
 * is the program itself, started with ADDR_NO_RANDOMIZE and stopped at
 * its entry; trapeze's stack and vdso are copied into it (injected mmap
 * calls) and it takes trapeze's registers, so both run on the same bytes
 * at the same addresses.  Its register file is laid out in dt.gbuf as our
 * own gdb description numbers it, so the comparison code is shared. */
#if defined(__x86_64__)
#define DT_NATIVE 1
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

static void nput(const char *name, const void *v, unsigned n)
{
    for (unsigned i = 0; i < dt.nref; i++)
        if (!strcmp(dt.refregs[i].name, name)) {
            unsigned m = dt.refregs[i].bytes;
            memset(dt.gbuf + dt.refregs[i].goff, 0, m);
            memcpy(dt.gbuf + dt.refregs[i].goff, v, n < m ? n : m);
            return;
        }
}

_Noreturn static void native_lost(const char *what)
{
    fprintf(stderr, "difftest: native reference: %s: %s\n", what, strerror(errno));
    if (dt.pid > 0)
        kill(dt.pid, SIGKILL);
    fflush(NULL);
    _exit(DIFFTEST_EXIT_ERROR);
}

static void native_fetch(void)
{
    struct user_regs_struct r;
    struct user_fpregs_struct f;
    if (ptrace(PTRACE_GETREGS, dt.pid, 0, &r) || ptrace(PTRACE_GETFPREGS, dt.pid, 0, &f))
        native_lost("PTRACE_GETREGS");
    static const char *const gpr[16] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
                                         "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };
    const unsigned long long v[16] = { r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rbp, r.rsp,
                                       r.r8, r.r9, r.r10, r.r11, r.r12, r.r13, r.r14, r.r15 };
    for (unsigned i = 0; i < 16; i++)
        nput(gpr[i], &v[i], 8);
    nput("rip", &r.rip, 8);
    nput("eflags", &r.eflags, 4);
    nput("cs", &r.cs, 4);
    nput("ss", &r.ss, 4);
    nput("orig_rax", &r.orig_rax, 8);
    nput("fs_base", &r.fs_base, 8);
    nput("gs_base", &r.gs_base, 8);
    char name[16];
    for (unsigned i = 0; i < 8; i++) {
        snprintf(name, sizeof name, "st%u", i);
        nput(name, (const uint8_t *)f.st_space + 16 * i, 10);
    }
    for (unsigned i = 0; i < 16; i++) {
        snprintf(name, sizeof name, "xmm%u", i);
        nput(name, (const uint8_t *)f.xmm_space + 16 * i, 16);
    }
    uint32_t w = f.cwd;
    nput("fctrl", &w, 4);
    w = f.swd;
    nput("fstat", &w, 4);
    nput("mxcsr", &f.mxcsr, 4);
}

static int native_wait(int *sig)
{
    int st;
    while (waitpid(dt.pid, &st, 0) < 0)
        if (errno != EINTR)
            native_lost("waitpid");
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
        *sig = WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st);
        dt.pid = -1;
        return WIFEXITED(st) ? 'W' : 'X';
    }
    *sig = WSTOPSIG(st);
    return 'T';
}

/* One step; a signal the step raised is delivered by the next one, which
 * stops at the handler's first instruction, as trapeze's step does. */
static int native_step(int *code)
{
    int sig = 0;
    for (int tries = 0; tries < 4; tries++) {
        if (ptrace(PTRACE_SINGLESTEP, dt.pid, 0, (void *)(long)sig))
            native_lost("PTRACE_SINGLESTEP");
        int k = native_wait(code);
        if (k != 'T')
            return k;
        if (*code == SIGTRAP)
            return 'T';
        sig = *code;
    }
    return 'T';
}

/* Run one syscall in the child at its current pc; returns its result. */
static long native_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    struct user_regs_struct save, r;
    if (ptrace(PTRACE_GETREGS, dt.pid, 0, &save))
        native_lost("PTRACE_GETREGS");
    errno = 0;
    long word = ptrace(PTRACE_PEEKTEXT, dt.pid, (void *)save.rip, 0);
    if (errno)
        native_lost("PTRACE_PEEKTEXT");
    long patched = (word & ~0xffffl) | 0x050f;      /* syscall */
    if (ptrace(PTRACE_POKETEXT, dt.pid, (void *)save.rip, (void *)patched))
        native_lost("PTRACE_POKETEXT");
    r = save;
    r.rax = (unsigned long)nr;
    r.rdi = (unsigned long)a0, r.rsi = (unsigned long)a1, r.rdx = (unsigned long)a2;
    r.r10 = (unsigned long)a3, r.r8 = (unsigned long)a4, r.r9 = (unsigned long)a5;
    int code;
    if (ptrace(PTRACE_SETREGS, dt.pid, 0, &r) || ptrace(PTRACE_SINGLESTEP, dt.pid, 0, 0) ||
        native_wait(&code) != 'T' || ptrace(PTRACE_GETREGS, dt.pid, 0, &r))
        native_lost("injected syscall");
    ptrace(PTRACE_POKETEXT, dt.pid, (void *)save.rip, (void *)word);
    ptrace(PTRACE_SETREGS, dt.pid, 0, &save);
    return (long)r.rax;
}

static bool child_has(uint64_t lo, uint64_t hi)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/maps", dt.pid);
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

static void native_write(uint64_t addr, const void *buf, size_t n)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", dt.pid);
    FILE *f = fopen(path, "r+b");
    if (!f || fseeko(f, (off_t)addr, SEEK_SET) || fwrite(buf, 1, n, f) != n)
        native_lost("writing the child's memory");
    fclose(f);
}

/* A fresh mapping at y in the child where trapeze's kernel gave x: move
 * the child's to x (mremap) and let it see x. */
static bool native_adopt(unsigned k, const uint8_t *a, const uint8_t *b)
{
    uint64_t x, y;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    struct vma *v = x < guest_mem->size ? mem_find(guest_mem, x) : NULL;
    if (!v || v->start != x || !child_has(y, y + 1) || child_has(x, v->end))
        return false;
    long r = native_syscall(25 /* mremap */, (long)y, (long)(v->end - x), (long)(v->end - x),
                            3 /* MREMAP_MAYMOVE | MREMAP_FIXED */, (long)x, 0);
    if (r != (long)x)
        return false;
    struct user_regs_struct regs;
    ptrace(PTRACE_GETREGS, dt.pid, 0, &regs);
    if (regs.rax != y)
        return false;
    regs.rax = x;
    ptrace(PTRACE_SETREGS, dt.pid, 0, &regs);
    fprintf(stderr, "difftest: moved the native mapping at %#llx to trapeze's %#llx\n",
            (unsigned long long)y, (unsigned long long)x);
    (void)k;
    return true;
}

/* The child takes trapeze's general registers (after cpuid, whose
 * answers are the model's, not the host's). */
static void native_push_gprs(struct cpu *c)
{
    struct user_regs_struct r;
    if (ptrace(PTRACE_GETREGS, dt.pid, 0, &r))
        native_lost("PTRACE_GETREGS");
    unsigned long long *dst[16] = { &r.rax, &r.rbx, &r.rcx, &r.rdx, &r.rsi, &r.rdi, &r.rbp, &r.rsp,
                                    &r.r8, &r.r9, &r.r10, &r.r11, &r.r12, &r.r13, &r.r14, &r.r15 };
    for (unsigned k = 0; k < 16 && k < dt.map.n; k++) {
        uint8_t b[128];
        if (dt.map.idx[k] < 0)
            continue;
        ours(c, k, b);
        memcpy(dst[k], b, 8);
    }
    if (ptrace(PTRACE_SETREGS, dt.pid, 0, &r))
        native_lost("PTRACE_SETREGS");
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
            ours(c, k, b);
            uint64_t v;
            memcpy(&v, b, 8);
            return v;
        }
    return 0;
}

/* Before a `syscall` instruction: remember what it is asked to do. */
static void native_note_syscall(struct cpu *c, const struct dinsn *d)
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
static void native_mirror(struct cpu *c)
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
        snprintf(path, sizeof path, "/proc/%d/mem", dt.pid);
        FILE *f = fopen(path, "rb");
        if (buf && f && !fseeko(f, (off_t)at, SEEK_SET) && fread(buf, 1, (size_t)len, f) == (size_t)len)
            copy_to_user(at, buf, (size_t)len);
        if (f)
            fclose(f);
        free(buf);
        return;
    }
}

static void native_sync(struct cpu *c, const struct dinsn *d)
{
    struct user_regs_struct r;
    if (ptrace(PTRACE_GETREGS, dt.pid, 0, &r))
        native_lost("PTRACE_GETREGS");
    if (r.rip != d->pc) {
        fprintf(stderr, "difftest: the native program starts at %#llx, trapeze at %#llx "
                "(a PIE or a dynamic program: native supports static non-PIE ones)\n",
                (unsigned long long)r.rip, (unsigned long long)d->pc);
        kill(dt.pid, SIGKILL);
        _exit(DIFFTEST_EXIT_ERROR);
    }
    /* trapeze's stack and vdso (whatever the child lacks) go into the child */
    for (unsigned i = 0; i < guest_mem->nvmas; i++) {
        struct vma v = guest_mem->vmas[i];
        uint64_t len = v.end - v.start;
        if (child_has(v.start, v.end))
            continue;
        long got = native_syscall(9 /* mmap */, (long)v.start, (long)len, 3 /* RW */,
                                  0x32 /* MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED */, -1, 0);
        if (got != (long)v.start)
            native_lost("mmap in the child");
        uint8_t *buf = malloc(len);
        if (buf && !copy_from_user(buf, v.start, len))
            native_write(v.start, buf, len);
        free(buf);
        int prot = (v.prot & PROT_R ? 1 : 0) | (v.prot & PROT_W ? 2 : 0) | (v.prot & PROT_X ? 4 : 0);
        native_syscall(10 /* mprotect */, (long)v.start, (long)len, prot, 0, 0, 0);
    }
    native_push_gprs(c);
    for (unsigned k = 0; k < dt.map.n; k++) {
        if (strcmp(dt.map.t->regs[k].name, "fs_base") || dt.map.idx[k] < 0)
            continue;
        uint8_t b[128];
        ours(c, k, b);
        ptrace(PTRACE_GETREGS, dt.pid, 0, &r);
        memcpy(&r.fs_base, b, 8);
        ptrace(PTRACE_SETREGS, dt.pid, 0, &r);
    }
}

static int start_native(struct cpu *c, const char *prog, char **argv, char **envp)
{
    fflush(NULL);
    dt.pid = fork();
    if (dt.pid < 0)
        return -1;
    if (dt.pid == 0) {
        personality(ADDR_NO_RANDOMIZE);
        if (ptrace(PTRACE_TRACEME, 0, 0, 0) == 0)
            execve(prog, argv, envp);
        _exit(127);
    }
    int code;
    if (native_wait(&code) != 'T' || code != SIGTRAP) {
        fprintf(stderr, "trapeze: --difftest native: cannot start %s\n", prog);
        return -1;
    }
    ptrace(PTRACE_SETOPTIONS, dt.pid, 0, (void *)(long)PTRACE_O_EXITKILL);
    /* the child's ptrace stops must not reach the guest as SIGCHLDs */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    dt.native = true;
    regs_from_ours();
    size_t off = 0;
    for (unsigned i = 0; i < dt.nref; i++) {
        dt.refregs[i].goff = (int)off;
        off += dt.refregs[i].bytes;
    }
    dt.glen = off;
    map_regs();
    (void)c;
    return 0;
}
#endif

/* A syscall gave us a fresh mapping at x where the reference got y (the
 * two kernels choose mmap addresses differently): move ours to y, so both
 * sides go on with the same pointers. */
static bool move_mapping(uint64_t x, uint64_t y)
{
    struct mem *m = guest_mem;
    uint64_t ps = m->page_size;
    struct vma *v = x < m->size ? mem_find(m, x) : NULL;
    if (!v || v->start != x || (y & (ps - 1)) || y >= m->size)
        return false;
    struct vma copy = *v;
    uint64_t len = copy.end - copy.start;
    if (len > m->size - y || (y < copy.end && y + len > copy.start))
        return false;
    for (uint64_t a = y; a < y + len; a += ps)
        if (mem_find(m, a))
            return false;
    if (mem_map(m, y, len, PROT_R | PROT_W, -1, 0, copy.shared, copy.name))
        return false;
    uint8_t *buf = malloc(len);
    if (!buf || copy_from_user(buf, x, len) || copy_to_user(y, buf, len)) {
        free(buf);
        mem_unmap(m, y, len);
        return false;
    }
    free(buf);
    mem_protect(m, y, len, copy.prot);
    mem_unmap(m, x, len);
    engine_invalidate(x, len);
    fprintf(stderr, "difftest: moved the mapping at %#llx (%#llx bytes) to the reference's "
            "address %#llx\n", (unsigned long long)x, (unsigned long long)len, (unsigned long long)y);
    return true;
}

/* The first word of the last instruction's disassembly. */
static const char *last_mnemonic(struct cpu *c)
{
    static char text[128];
    text[0] = 0;
    if (!dt.nh || !c->arch->disasm)
        return text;
    const struct hist *h = &dt.h[(dt.nh - 1) % HISTORY];
    c->arch->disasm(h->pc, h->bytes, h->len, text, sizeof text);
    char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    if (!strncmp(p, "lock", 4) || !strncmp(p, "rep", 3))
        while (*p && *p != ' ' && *p != '\t')
            p++;
    while (*p == ' ' || *p == '\t')
        p++;
    memmove(text, p, strlen(p) + 1);
    text[strcspn(text, " \t")] = 0;
    return text;
}

static uint64_t undefined_bits(const char *mn, const char *reg)
{
    const struct gdb_undef *u = dt.map.t->undef;
    for (; u && u->mnemonic; u++)
        if (!strcmp(u->reg, reg) && !strncmp(mn, u->mnemonic, strlen(u->mnemonic)))
            return u->mask;
    return 0;
}

/* Small numbers a syscall returned differently on the two sides (pids,
 * fds): each side must go on with its own (kill(getpid()) signals itself),
 * so they are not adopted but compared as equal from then on. */
static struct { uint64_t ours, theirs; } ids[32];
static unsigned nids;

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static bool add_id(const uint8_t *a, const uint8_t *b)
{
    uint64_t x = get_u64(a), y = get_u64(b);
    if (x >= (1u << 22) || y >= (1u << 22) || nids == sizeof ids / sizeof *ids)
        return false;
    ids[nids].ours = x;
    ids[nids++].theirs = y;
    return true;
}

static bool same_id(const uint8_t *a, const uint8_t *b, unsigned n)
{
    if (n != 8 && n != 4)
        return false;
    uint64_t x = 0, y = 0;
    memcpy(&x, a, n);
    memcpy(&y, b, n);
    for (unsigned i = 0; i < nids; i++)
        if (ids[i].ours == x && ids[i].theirs == y)
            return true;
    return false;
}

/* After a step: compare every mapped register (FP/vector ones when the
 * step may have written them); `adopt` takes the reference's values. */
static void compare(struct cpu *c, bool fp, bool adopt)
{
    char msg[8192];
    size_t o = 0;
    unsigned bad = 0;
    const char *mn = dt.map.t->undef ? last_mnemonic(c) : "";
    for (unsigned k = 0; k < dt.map.n; k++) {
        int i = dt.refidx[k];
        if (i < 0 || (dt.is_fp[k] && !fp))
            continue;
        uint8_t a[128], b[128];
        unsigned n = dt.refregs[i].bytes;
        unsigned mine = (dt.map.t->regs[k].bits + 7u) / 8;
        if (mine < n)
            n = mine;
        ours(c, k, a);
        if (!theirs((unsigned)i, b))
            continue;
        uint64_t um = *mn ? undefined_bits(mn, dt.map.t->regs[k].name) : 0;
        bool fix = false;
        for (unsigned j = 0; j < n && j < 8; j++) {
            uint8_t m = (uint8_t)(um >> (8 * j));
            if ((a[j] ^ b[j]) & m) {
                /* undefined bits: take the reference's, so they agree from here on */
                a[j] = (uint8_t)((a[j] & ~m) | (b[j] & m));
                fix = true;
            }
        }
        if (fix) {
            uint8_t tmp[128] = {0};
            memcpy(tmp, a, n);
            c->arch->reg_set(c, (unsigned)dt.map.idx[k], tmp);
        }
        /* single-stepping sets TF, which a syscall copies into r11 */
        if (dt.native && !strcmp(dt.map.t->regs[k].name, "r11"))
            a[1] &= (uint8_t)~1, b[1] &= (uint8_t)~1;
        if (!memcmp(a, b, n) || same_id(a, b, n))
            continue;
        if (adopt && n == 8 && (int)k != dt.map.pc && add_id(a, b)) {
            fprintf(stderr, "difftest: after the kernel entry at %#llx: %s is %llu here, %llu in "
                    "the reference (a pid or fd: each side keeps its own; equal from now on)\n",
                    (unsigned long long)dt.kpc, dt.map.t->regs[k].name,
                    (unsigned long long)get_u64(a), (unsigned long long)get_u64(b));
            continue;
        }
#ifdef DT_NATIVE
        if (adopt && dt.native && n == 8 && native_adopt(k, a, b))
            continue;
#endif
        if (adopt && !((int)k == dt.map.pc)) {
            uint8_t tmp[128] = {0};
            memcpy(tmp, b, n);
            if (n == 8) {
                uint64_t x, y;
                memcpy(&x, a, 8);
                memcpy(&y, b, 8);
                move_mapping(x, y);
            }
            c->arch->reg_set(c, (unsigned)dt.map.idx[k], tmp);
            if (dt.syscall_fixups++ < 20) {
                char x[80], y[80];
                hex_le(x, a, n);
                hex_le(y, b, n);
                fprintf(stderr, "difftest: after the kernel entry at %#llx: %s = %s from the "
                        "reference (trapeze had %s)\n", (unsigned long long)dt.kpc,
                        dt.map.t->regs[k].name, y, x);
            }
            continue;
        }
        char x[80], y[80];
        hex_le(x, a, n);
        hex_le(y, b, n);
        if (o < sizeof msg - 200)
            o += (size_t)snprintf(msg + o, sizeof msg - o, "  %-8s trapeze %s  reference %s\n",
                                  dt.map.t->regs[k].name, x, y);
        bad++;
    }
    msg[o] = 0;
    if (bad && dt.kernel)
        o += (size_t)snprintf(msg + o, sizeof msg - o, "  (this step went through the kernel: "
                              "a syscall, fault or signal delivery; the two kernels may differ)\n");
    if (bad) {
        char why[64];
        snprintf(why, sizeof why, "%u register%s differ%s", bad, bad > 1 ? "s" : "",
                 bad > 1 ? "" : "s");
        diverged(c, why, msg);
    }
}

/* Step the reference one instruction; signals it reports on the way
 * are delivered (stepping on with the signal). */
/* Step the reference one instruction, or, with to_pc, run it to to_pc
 * (after a kernel entry: qemu-user's single step over a syscall runs one
 * instruction too many, and a signal delivery should end at the handler,
 * where trapeze is).  Signals it reports on the way are delivered. */
static void step_ref(struct cpu *c, uint64_t to_pc, unsigned kind)
{
#if defined(__x86_64__)
    if (dt.native) {
        int code, k = native_step(&code);
        if (k != 'T') {
            char why[96];
            snprintf(why, sizeof why, "the native program %s %d while trapeze runs on",
                     k == 'W' ? "exited with status" : "was killed by signal", code);
            diverged(c, why, "");
        }
        return;
    }
#endif
    int sig = 0;
    char bp[64] = "";
    if (to_pc) {
        snprintf(bp, sizeof bp, "Z0,%llx,%x", (unsigned long long)to_pc, kind);
        ref_cmd(bp);
        if (strcmp(pkt, "OK"))
            bp[0] = 0;          /* no breakpoints: single-step after all */
    }
    for (int tries = 0; tries < 8; tries++) {
        char cmd[32];
        char act = bp[0] ? 'c' : 's';
        if (sig)
            snprintf(cmd, sizeof cmd, dt.vcont ? "vCont;%c%02x" : "%c%02x", act - 32, sig);
        else
            snprintf(cmd, sizeof cmd, dt.vcont ? "vCont;%c" : "%c", act);
        long n = ref_cmd(cmd);
        if (n < 1)
            ref_lost(cmd);
        if (pkt[0] == 'W' || pkt[0] == 'X') {
            char why[96];
            snprintf(why, sizeof why, "the reference %s %.8s while trapeze runs on",
                     pkt[0] == 'W' ? "exited with status" : "was killed by signal", pkt + 1);
            diverged(c, why, "");
        }
        if ((pkt[0] == 'T' || pkt[0] == 'S') && n >= 3) {
            int s = rsp_hexval(pkt[1]) << 4 | rsp_hexval(pkt[2]);
            if (s == 5 || s == 0) {
                if (bp[0]) {
                    bp[0] = 'z';
                    ref_cmd(bp);
                }
                return;
            }
            sig = s;            /* a signal stop: deliver it and go on */
            continue;
        }
        ref_lost(pkt);
    }
}

static void record(struct cpu *c, const struct dinsn *d)
{
    struct hist *h = &dt.h[dt.nh++ % HISTORY];
    h->pc = d->pc;
    h->len = d->len > sizeof h->bytes ? sizeof h->bytes : d->len;
    h->cls = d->cls;
    if (copy_from_user(h->bytes, d->pc, h->len))
        memset(h->bytes, 0, h->len);
}

/* Classes after which FP/vector registers are compared too. */
/* Reading the reference's FP/vector registers costs a round trip each,
 * so they are compared after FP-class instructions and whenever ours
 * changed (a load into an FP register); an FP write that only the
 * reference made shows up at the next such point. */
static bool may_touch_fp(struct cpu *c, uint8_t cls)
{
    static uint8_t shadow[8192];
    uint8_t now[8192];
    size_t o = 0;
    for (unsigned k = 0; k < dt.map.n; k++) {
        if (!dt.is_fp[k] || dt.refidx[k] < 0)
            continue;
        unsigned n = (dt.map.t->regs[k].bits + 7u) / 8;
        if (o + n > sizeof now)
            break;
        ours(c, k, now + o);
        o += n;
    }
    bool changed = memcmp(now, shadow, o) != 0;
    memcpy(shadow, now, o);
    return changed || cls == IC_FP || cls == IC_FPDIV || cls == IC_SIMD || cls == IC_SYSTEM;
}

/* The reference's first stop: same program, same entry.  Its initial
 * stack (argv, envp, auxv) lies elsewhere than ours: copy it in, so both
 * run on the same bytes at the same addresses. */
static void sync_start(struct cpu *c, const struct dinsn *d)
{
#if defined(__x86_64__)
    if (dt.native) {
        native_sync(c, d);
        return;
    }
#endif
    fetch_g();
    uint8_t pcb[16];
    int pi = dt.refidx[dt.map.pc];
    if (pi < 0 || !theirs((unsigned)pi, pcb)) {
        fprintf(stderr, "difftest: the reference has no pc register\n");
        _exit(DIFFTEST_EXIT_ERROR);
    }
    uint64_t rpc = 0;
    memcpy(&rpc, pcb, dt.refregs[pi].bytes < 8 ? dt.refregs[pi].bytes : 8);
    if (rpc != d->pc) {
        fprintf(stderr, "difftest: the reference starts at %#llx, trapeze at %#llx: "
                "not the same program (or a PIE at another base)?\n",
                (unsigned long long)rpc, (unsigned long long)d->pc);
        _exit(DIFFTEST_EXIT_ERROR);
    }
    uint64_t rsp = 0;
    for (unsigned k = 0; k < dt.map.n; k++) {
        int i = dt.refidx[k];
        const struct reg_desc *rd = dt.map.idx[k] >= 0 ? &c->arch->regs[dt.map.idx[k]] : NULL;
        if (i >= 0 && rd && rd->kind == RK_DATA_PTR && (!strcmp(rd->name, "sp") ||
            !strcmp(rd->name, "rsp") || !strcmp(rd->name, "r3") || !strcmp(rd->name, "x2"))) {
            uint8_t b[16];
            if (theirs((unsigned)i, b))
                memcpy(&rsp, b, 8);
        }
    }
    if (rsp) {
        /* the reference's stack: from its sp up to where reads stop */
        uint64_t lo = rsp & ~4095ull, hi = lo;
        static uint8_t page[4096];
        char cmd[64];
        while (hi - lo < (64u << 20)) {
            uint8_t *dst = page;
            bool ok = true;
            for (unsigned part = 0; part < 4096 && ok; part += 1024) {
                snprintf(cmd, sizeof cmd, "m%llx,400", (unsigned long long)(hi + part));
                long n = ref_cmd(cmd);
                ok = n == 2048 && !rsp_unhex(dst + part, pkt, 1024);
            }
            if (!ok)
                break;
            uint64_t ps = guest_mem->page_size;
            if (!mem_find(guest_mem, hi) &&
                mem_map(guest_mem, hi & ~(ps - 1), ps, PROT_R | PROT_W, -1, 0, false, "[stack]")) {
                fprintf(stderr, "difftest: cannot map the reference's stack at %#llx", (unsigned long long)hi);
                if (hi >= guest_mem->size)
                    fprintf(stderr, ": beyond this CPU's %#llx-byte address space (qemu-user: "
                            "-R %#llx keeps the reference inside it)", (unsigned long long)guest_mem->size,
                            (unsigned long long)guest_mem->size);
                fprintf(stderr, "\n");
                _exit(DIFFTEST_EXIT_ERROR);
            }
            if (copy_to_user(hi, page, 4096)) {
                fprintf(stderr, "difftest: cannot copy the reference's stack\n");
                _exit(DIFFTEST_EXIT_ERROR);
            }
            hi += 4096;
        }
        /* room below sp for the stack to grow (signal frames): the
         * reference's pages where it has them, zeros elsewhere */
        uint64_t ps = guest_mem->page_size, room = 1u << 20;
        for (uint64_t a = lo; a > room && a - lo + room > 0 && lo - a < room;) {
            a -= 4096;
            if (!mem_find(guest_mem, a) &&
                mem_map(guest_mem, a & ~(ps - 1), ps, PROT_R | PROT_W, -1, 0, false, "[stack]"))
                break;
            bool ok = true;
            for (unsigned part = 0; part < 4096 && ok; part += 1024) {
                snprintf(cmd, sizeof cmd, "m%llx,400", (unsigned long long)(a + part));
                long n = ref_cmd(cmd);
                ok = n == 2048 && !rsp_unhex(page + part, pkt, 1024);
            }
            if (ok)
                copy_to_user(a, page, 4096);
        }
    }
    /* and start from its registers */
    for (unsigned k = 0; k < dt.map.n; k++) {
        int i = dt.refidx[k];
        uint8_t b[128] = {0};
        if (i >= 0 && (int)k != dt.map.pc && theirs((unsigned)i, b))
            c->arch->reg_set(c, (unsigned)dt.map.idx[k], b);
    }
}

static uint64_t ref_pc(void)
{
    uint8_t b[16] = {0};
    int i = dt.refidx[dt.map.pc];
    uint64_t v = 0;
    if (i >= 0 && theirs((unsigned)i, b))
        memcpy(&v, b, 8);
    return v;
}

static bool before(struct cpu *c, const struct dinsn *d)
{
    if (c->arch->privileged(c)) {
        dt.kernel = true;
        return true;
    }
    c->pc = d->pc;
    if (!dt.started) {
        dt.started = true;
        sync_start(c, d);
    } else if (dt.lag) {
        /* the reference ran ahead through a syscall: catch up to it */
        dt.steps++;
        if (d->pc == dt.lag_pc) {
            dt.lag = false;
            dt.kernel = true;
            compare(c, true, dt.lag_syscall);
        } else if (++dt.lag_n > 4) {
            char why[160];
            snprintf(why, sizeof why, "after the kernel entry at %#llx the reference went on at "
                     "%#llx, trapeze elsewhere", (unsigned long long)dt.kpc,
                     (unsigned long long)dt.lag_pc);
            diverged(c, why, "");
        }
    } else {
        const struct hist *last = &dt.h[(dt.nh - 1) % HISTORY];
        dt.kpc = last->pc;
        step_ref(c, dt.kernel && !dt.native ? d->pc : 0, d->len);
        dt.steps++;
        /* after a syscall the kernels' answers count, not the CPUs' */
        bool syscall = dt.kernel && d->pc == last->pc + last->len;
        const char *mn = last_mnemonic(c);
#if defined(__x86_64__)
        if (dt.native && !strcmp(mn, "cpuid"))
            native_push_gprs(c);        /* the model's CPU, not the host's */
#endif
        /* time stamp counters: the reference's values count */
        if (!strncmp(mn, "rdtsc", 5))
            syscall = true;
        fetch_g();
        uint64_t rpc = ref_pc();
        /* a repeated string instruction steps one iteration at a time there */
        for (unsigned r = 0; rpc == last->pc && d->pc != last->pc && r < (1u << 24); r++) {
            step_ref(c, 0, 0);
            fetch_g();
            rpc = ref_pc();
        }
        /* ptrace: a signal raised by a syscall is reported after it */
        for (unsigned r = 0; dt.native && dt.kernel && rpc != d->pc && r < 2; r++) {
            step_ref(c, 0, 0);
            fetch_g();
            rpc = ref_pc();
        }
        if (dt.kernel && rpc != d->pc) {
            /* qemu-user steps over a syscall and one more instruction */
            dt.lag = true;
            dt.lag_pc = rpc;
            dt.lag_n = 0;
            dt.lag_syscall = syscall;
        } else {
            compare(c, may_touch_fp(c, last->cls) || dt.kernel, syscall);
#if defined(__x86_64__)
            if (dt.native && syscall)
                native_mirror(c);
#endif
        }
    }
#if defined(__x86_64__)
    if (dt.native)
        native_note_syscall(c, d);
#endif
    dt.kernel = false;
    record(c, d);
    return true;
}

static void on_exit_hook(struct cpu *c, int code, int sig)
{
    /* the exit syscall itself is the last step: the reference must end too */
#if defined(__x86_64__)
    if (dt.native) {
        int ncode, k = native_step(&ncode);
        snprintf(pkt, sizeof pkt, "%c%02x", k, k == 'T' ? ncode : ncode & 0xff);
        if (k == 'T')
            kill(dt.pid, SIGKILL);
    }
    long n = dt.native ? 3 : ref_cmd(dt.vcont ? "vCont;s" : "s");
#else
    long n = ref_cmd(dt.vcont ? "vCont;s" : "s");
#endif
    bool same = n >= 3 && ((sig == 0 && pkt[0] == 'W' && (rsp_hexval(pkt[1]) << 4 | rsp_hexval(pkt[2])) == code) ||
                           (sig != 0 && pkt[0] == 'X'));
    fflush(stdout);
    if (!same) {
        char why[96];
        snprintf(why, sizeof why, "trapeze's guest %s %d, the reference answered '%.20s'",
                 sig ? "died by signal" : "exited with", sig ? sig : code, pkt);
        diverged(c, why, "");
    }
    fprintf(stderr, "difftest: no difference in %llu instructions", (unsigned long long)dt.steps);
    if (dt.syscall_fixups)
        fprintf(stderr, " (%llu register values taken from the reference after syscalls)",
                (unsigned long long)dt.syscall_fixups);
    fprintf(stderr, "\n");
}

static const struct exec_hooks dt_hooks = {.before = before};

static int start_gdb(struct cpu *c, const char *where)
{
    int fd = rsp_connect(where, 5000);
    if (fd < 0) {
        fprintf(stderr, "trapeze: --difftest gdb:%s: %s\n", where, strerror(errno));
        return -1;
    }
    dt.r = (struct rsp){.fd = fd};
    long n = ref_cmd("qSupported:swbreak+;vContSupported+");
    bool xml = n > 0 && strstr(pkt, "qXfer:features:read+");
    if (n > 0 && strstr(pkt, "QStartNoAckMode+")) {
        ref_cmd("QStartNoAckMode");
        if (!strcmp(pkt, "OK"))
            dt.r.noack = true;
    }
    n = ref_cmd("vCont?");
    dt.vcont = n > 0 && strstr(pkt, ";s") != NULL;
    ref_cmd("?");
    int next = 0;
    char *x = xml ? ref_xfer("target.xml") : NULL;
    if (x)
        parse_regs(x, 0, &next);
    if (!dt.nref || dt.nref < 10) {
        dt.nref = 0;
        regs_from_ours();
    }
    layout_g();
    map_regs();
    if (getenv("TRAPEZE_DIFFTEST_DEBUG")) {
        fprintf(stderr, "difftest: reference registers (%s, 'g' has %zu bytes):", x ? "from its description" : "assumed", dt.glen);
        for (unsigned i = 0; i < dt.nref; i++)
            fprintf(stderr, " %s/%d@%d", dt.refregs[i].name, dt.refregs[i].num, dt.refregs[i].goff);
        fprintf(stderr, "\n");
    }
    free(x);
    (void)c;
    return 0;
}

int difftest_start(struct cpu *c, const char *ref, const struct difftest_opts *o, const char *prog,
                   char **argv, char **envp)
{
    dt.c = c;
    dt.opts = *o;
    if (gdb_map_init(&dt.map, c->arch)) {
        fprintf(stderr, "trapeze: --difftest: no register description for %s\n", c->arch->name);
        return -1;
    }
    int rc;
    if (!strncmp(ref, "gdb:", 4)) {
        rc = start_gdb(c, ref + 4);
#if defined(__x86_64__)
    } else if (!strcmp(ref, "native")) {
        if (c->arch->e_machine != 62 /* EM_X86_64: the host's */) {
            fprintf(stderr, "trapeze: --difftest native: the host runs x86_64 code, not %s\n",
                    c->arch->name);
            return -1;
        }
        rc = start_native(c, prog, argv, envp);
#endif
    } else {
        fprintf(stderr, "trapeze: --difftest %s: unknown reference (native, gdb:HOST:PORT, gdb:unix:PATH)\n", ref);
        return -1;
    }
    if (rc)
        return rc;
    (void)prog, (void)argv, (void)envp;
    debug_exit_hook = on_exit_hook;
    hooks_add(&dt_hooks);
    return 0;
}
