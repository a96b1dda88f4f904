/* Lockstep differential testing: `trapeze --difftest REF prog args`
 * (docs/difftest.md).  This file is the comparing core; the references
 * are sim/difftest_gdb.c (any GDB remote stub) and sim/difftest_native.c
 * (the host CPU under ptrace).
 *
 * trapeze runs the guest with a `before` hook.  At a user-mode
 * instruction boundary the previous instruction (with whatever kernel
 * work it caused: a syscall, a fault and its signal delivery) is complete
 * on our side; the reference is brought to the same boundary and the two
 * register files are compared by gdb register name.
 *
 * Per instruction (the default) the reference is stepped once per
 * instruction.  With --difftest-every N / --difftest-at-syscalls it runs
 * free between comparison points: trapeze counts how often it arrived at
 * each pc since the last point, picks a point the reference can reach
 * with few breakpoint stops, and the reference runs to the same arrival.
 * System instructions (syscalls, counters, cpuid ...) are always compared
 * before and stepped exactly, since the two sides must agree on their
 * results.
 *
 * What cannot agree by construction is made to agree, and said so:
 * the initial stack, and the registers a syscall returns (the reference's
 * values are taken, with a note on stderr, since the two kernels are
 * different programs). */
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../oskernel/kernel.h"
#include "../oskernel/syscalls.h"
#include "difftest_int.h"
#include "hooks.h"
#include "machine.h"

struct difftest dt;

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* The line every run ends with. */
static void summary(unsigned divergences)
{
    double s = (double)(now_ns() - dt.t0_ns) / 1e9;
    fprintf(stderr, "difftest: %llu instructions, %llu compared, %u divergence%s, %.1f s (%.0f k insn/s)\n",
            (unsigned long long)dt.insns, (unsigned long long)dt.compared, divergences,
            divergences == 1 ? "" : "s", s, s > 0 ? (double)dt.insns / s / 1000 : 0.0);
}

_Noreturn void dt_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    fprintf(stderr, "difftest: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    if (dt.started)
        summary(0);
    fflush(NULL);
    _exit(DIFFTEST_EXIT_ERROR);
}

/* ---- registers ---- */

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

/* Without a description (qemu-loongarch64 7.2 announces one it cannot
 * serve; the native reference), the reference numbers registers as our
 * own description does. */
void dt_regs_from_ours(void)
{
    const struct gdb_target *t = dt.map.t;
    for (unsigned k = 0; k < t->nregs && dt.nref < DT_MAXREGS; k++) {
        struct refreg *r = &dt.refregs[dt.nref++];
        snprintf(r->name, sizeof r->name, "%s", t->regs[k].name);
        r->bytes = (t->regs[k].bits + 7u) / 8;
        r->num = dt.map.num[k];
        r->goff = -1;
    }
}

void dt_map_regs(void)
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

void dt_ours(struct cpu *c, unsigned k, uint8_t *out)
{
    uint8_t tmp[128] = {0};
    unsigned n = (dt.map.t->regs[k].bits + 7u) / 8;
    int got = c->arch->reg_get(c, (unsigned)dt.map.idx[k], tmp);
    memset(out, 0, n);
    if (got > 0)
        memcpy(out, tmp, (unsigned)got < n ? (unsigned)got : n);
}

bool dt_theirs(unsigned i, uint8_t *out)
{
    struct refreg *r = &dt.refregs[i];
    if (r->goff >= 0) {
        memcpy(out, dt.gbuf + r->goff, r->bytes);
        return true;
    }
    return dt.ref->reg && dt.ref->reg(i, out);
}

uint64_t dt_ref_pc(void)
{
    uint8_t b[16] = {0};
    int i = dt.refidx[dt.map.pc];
    uint64_t v = 0;
    if (i >= 0 && dt_theirs((unsigned)i, b))
        memcpy(&v, b, 8);
    return v;
}

/* trapeze's own connection to the reference: a high number, invisible
 * to the guest (so the guest's fds match the reference's). */
int dt_private_fd(int fd)
{
    int hi = fcntl(fd, F_DUPFD_CLOEXEC, 1020);
    if (hi < 0)
        return fd;
    close(fd);
    kernel_reserve_fd(hi);
    return hi;
}

/* ---- history and reports ---- */

static void print_insn(struct cpu *c, const struct hist *h, const char *mark)
{
    char text[128] = "?";
    char hex[64] = "";
    uint8_t bytes[16] = {0};
    unsigned len = h->len < sizeof bytes ? h->len : sizeof bytes;
    if (copy_from_user(bytes, h->pc, len))
        len = 0;
    if (c->arch->disasm && len)
        c->arch->disasm(h->pc, bytes, len, text, sizeof text);
    for (unsigned i = 0; i < len && i < 15; i++)
        snprintf(hex + 3 * i, sizeof hex - 3 * i, "%02x ", bytes[i]);
    fprintf(stderr, "%s %#14llx: %-30s %s\n", mark, (unsigned long long)h->pc, hex, text);
}

void dt_hex_le(char *out, const uint8_t *b, unsigned n)
{
    /* registers print as numbers: most significant byte first */
    out[0] = '0', out[1] = 'x';
    for (unsigned i = 0; i < n; i++)
        snprintf(out + 2 + 2 * i, 3, "%02x", b[n - 1 - i]);
}

/* The command that repeats this run but compares every instruction
 * from the last boundary where both agreed. */
static void print_narrowing(void)
{
    char cmd[4096];
    size_t o = (size_t)snprintf(cmd, sizeof cmd, "trapeze --difftest %s", dt.refname);
    if (dt.opts.every > 1)
        o += (size_t)snprintf(cmd + o, sizeof cmd - o, " --difftest-every %llu",
                              (unsigned long long)dt.opts.every);
    if (dt.opts.at_syscalls)
        o += (size_t)snprintf(cmd + o, sizeof cmd - o, " --difftest-at-syscalls");
    o += (size_t)snprintf(cmd + o, sizeof cmd - o, " --difftest-from %llu",
                          (unsigned long long)dt.agreed);
    o += (size_t)snprintf(cmd + o, sizeof cmd - o, " %s", dt.prog);
    for (unsigned i = 1; dt.argv && dt.argv[i] && o < sizeof cmd - 8; i++)
        o += (size_t)snprintf(cmd + o, sizeof cmd - o, " %s", dt.argv[i]);
    fprintf(stderr, "difftest: to find the instruction, compare each one from there on (with "
            "trapeze's other options and a fresh reference):\n  %s\n", cmd);
}

_Noreturn void dt_diverged(struct cpu *c, const char *why, const char *details)
{
    fflush(stdout);
    bool coarse = dt.coarse && !dt.exact && dt.insns > dt.agreed + 1;
    if (coarse)
        fprintf(stderr, "difftest: DIVERGED between instruction %llu (pc %#llx, equal there) and %llu: "
                "%s\n%s", (unsigned long long)dt.agreed, (unsigned long long)dt.agreed_pc,
                (unsigned long long)dt.insns, why, details);
    else
        fprintf(stderr, "difftest: DIVERGED after %llu instructions: %s\n%s",
                (unsigned long long)dt.insns, why, details);
    unsigned first = dt.nh > DT_HISTORY ? dt.nh - DT_HISTORY : 0;
    if (dt.nh) {
        fprintf(stderr, coarse ? "difftest: trapeze's last instruction:\n" : "difftest: the instruction:\n");
        print_insn(c, &dt.h[(dt.nh - 1) % DT_HISTORY], "=>");
        fprintf(stderr, "difftest: the instructions before it:\n");
        for (unsigned i = first; i + 1 < dt.nh; i++)
            print_insn(c, &dt.h[i % DT_HISTORY], "  ");
    }
    if (coarse)
        print_narrowing();
    summary(1);
    fflush(NULL);
    _exit(DIFFTEST_EXIT_DIVERGED);
}

static void record(const struct dinsn *d)
{
    struct hist *h = &dt.h[dt.nh++ % DT_HISTORY];
    h->pc = d->pc;
    h->len = d->len;
    h->cls = d->cls;
}

static const struct hist *last_insn(void)
{
    return &dt.h[(dt.nh - 1) % DT_HISTORY];
}

/* The last instruction's disassembly. */
static const char *last_text(struct cpu *c)
{
    static char text[128];
    text[0] = 0;
    if (!dt.nh || !c->arch->disasm)
        return text;
    const struct hist *h = last_insn();
    uint8_t bytes[16];
    unsigned len = h->len < sizeof bytes ? h->len : sizeof bytes;
    if (!copy_from_user(bytes, h->pc, len))
        c->arch->disasm(h->pc, bytes, len, text, sizeof text);
    return text;
}

static bool listed(const char *const *list, const char *text)
{
    for (; list && *list; list++)
        if (strstr(text, *list))
            return true;
    return false;
}

/* The mnemonic in a line of disassembly, cut out in place: the first
 * word after the arch's prefix words (x86's lock, rep...). */
static char *mnemonic_of(char *text)
{
    char *p = text + strspn(text, " \t");
    for (const char *const *w = dt.map.t->prefixes; w && *w; w++)
        if (!strncmp(p, *w, strlen(*w))) {
            p += strcspn(p, " \t");
            p += strspn(p, " \t");
            break;
        }
    p[strcspn(p, " \t")] = 0;
    return p;
}

/* The mnemonic of the last instruction run. */
static const char *last_mnemonic(struct cpu *c)
{
    static char text[128];
    snprintf(text, sizeof text, "%s", last_text(c));
    return mnemonic_of(text);
}

/* An undef table entry matches by mnemonic prefix, or, written ".x", by
 * the mnemonic's first '.' suffix (the destination's format); a register
 * written "f*" matches by prefix. */
static bool undef_match(const struct gdb_undef *u, const char *mn, const char *reg)
{
    size_t rl = strlen(u->reg);
    bool r = rl && u->reg[rl - 1] == '*' ? !strncmp(reg, u->reg, rl - 1) : !strcmp(reg, u->reg);
    if (!r)
        return false;
    if (u->mnemonic[0] == '.') {
        const char *dot = strchr(mn, '.');
        size_t n = strlen(u->mnemonic);
        return dot && !strncmp(dot, u->mnemonic, n) && (dot[n] == 0 || dot[n] == '.');
    }
    return !strncmp(mn, u->mnemonic, strlen(u->mnemonic));
}

static uint64_t undefined_bits(const char *mn, const char *reg)
{
    const struct gdb_undef *u = dt.map.t->undef;
    for (; u && u->mnemonic; u++)
        if (undef_match(u, mn, reg))
            return u->mask;
    return 0;
}

/* The flags register: the one the undefined-bits table names. */
static bool is_flags(const char *reg)
{
    const struct gdb_undef *u = dt.map.t->undef;
    for (; u && u->mnemonic; u++)
        if (!strcmp(u->reg, reg))
            return true;
    return false;
}

/* Bits any instruction writing a given format may leave undefined (a
 * '.' entry: loongarch64's upper FP halves): in coarse mode they may stem
 * from any instruction since the last comparison. */
static uint64_t format_undefined_bits(const char *reg)
{
    uint64_t m = 0;
    for (const struct gdb_undef *u = dt.map.t->undef; u && u->mnemonic; u++)
        if (u->mnemonic[0] == '.' && undef_match(u, u->mnemonic, reg))
            m |= u->mask;
    return m;
}

/* Undefined bits of reg left by any of the last instructions run. */
static uint64_t recent_undefined_bits(struct cpu *c, const char *reg)
{
    if (!dt.map.t->undef || !c->arch->disasm)
        return 0;
    uint64_t m = 0;
    unsigned first = dt.nh > DT_HISTORY ? dt.nh - DT_HISTORY : 0;
    for (unsigned i = first; i < dt.nh; i++) {
        const struct hist *h = &dt.h[i % DT_HISTORY];
        uint8_t bytes[16];
        char text[128];
        unsigned len = h->len < sizeof bytes ? h->len : sizeof bytes;
        if (copy_from_user(bytes, h->pc, len))
            continue;
        c->arch->disasm(h->pc, bytes, len, text, sizeof text);
        m |= undefined_bits(mnemonic_of(text), reg);
    }
    return m;
}


/* ---- comparing ---- */

static unsigned ids_at_agreement;   /* pairs made before the last comparison point */

/* Our general registers before a system instruction: after it, only
 * those it (or the kernel) changed may be taken from the reference. */
static uint64_t pre_sys[DT_MAXREGS];
static bool have_pre_sys, sys_written[DT_MAXREGS];

static void snapshot_pre_sys(struct cpu *c)
{
    for (unsigned k = 0; k < dt.map.n && k < DT_MAXREGS; k++) {
        uint8_t a[128];
        if (dt.refidx[k] < 0 || dt.is_fp[k])
            continue;
        dt_ours(c, k, a);
        pre_sys[k] = dt_u64(a);
    }
    have_pre_sys = true;
}

/* Compare every mapped register (FP/vector ones when `fp`); `adopt`
 * takes the reference's values (after a syscall or counter read) for the
 * registers the instruction changed on our side. */
static void compare(struct cpu *c, bool fp, bool adopt)
{
    char msg[8192];
    size_t o = 0;
    unsigned bad = 0;
    bool id_live = false;       /* a register holds a pid or fd that differs */
    /* undefined bits are known for the instruction just run (in coarse mode
     * too: the sample may fall right after it) */
    const char *mn = dt.map.t->undef ? last_mnemonic(c) : "";
    dt.ref->fetch();
    dt.compared++;
    for (unsigned k = 0; k < dt.map.n; k++) {
        int i = dt.refidx[k];
        if (i < 0 || (dt.is_fp[k] && !fp))
            continue;
        uint8_t a[128], b[128];
        unsigned n = dt.refregs[i].bytes;
        unsigned mine = (dt.map.t->regs[k].bits + 7u) / 8;
        if (mine < n)
            n = mine;
        dt_ours(c, k, a);
        if (!dt_theirs((unsigned)i, b))
            continue;
        uint64_t um = *mn ? undefined_bits(mn, dt.map.t->regs[k].name) : 0;
        /* after a free run, bits undefined by any recent instruction may
         * still hold its undefined value */
        if (*mn && dt.coarse && !dt.exact && um != ~0ull)
            um |= recent_undefined_bits(c, dt.map.t->regs[k].name) |
                  format_undefined_bits(dt.map.t->regs[k].name);
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
        if (!memcmp(a, b, n))
            continue;
        if (dt_same_id(a, b, n)) {
            id_live = true;
            continue;
        }
        /* flags computed from a pid that differs (its parity, its sign
         * bit) differ too: taken from the reference */
        if ((id_live || dt_ids() > ids_at_agreement) && is_flags(dt.map.t->regs[k].name)) {
            uint8_t tmp[128] = {0};
            memcpy(tmp, b, n);
            c->arch->reg_set(c, (unsigned)dt.map.idx[k], tmp);
            if (dt.syscall_fixups++ < 20)
                fprintf(stderr, "difftest: %s taken from the reference at %#llx (computed from a "
                        "pid or fd that differs)\n", dt.map.t->regs[k].name, (unsigned long long)c->pc);
            continue;
        }
        /* a register the instruction wrote here, or one syscalls write
         * (the return value: it may equal the argument on our side only,
         * as mremap growing in place) that the reference's changed */
        bool changed = adopt && n == 8 && (int)k != dt.map.pc && have_pre_sys && !dt.is_fp[k] &&
                       (pre_sys[k] != dt_u64(a) || (sys_written[k] && pre_sys[k] != dt_u64(b)));
        if (changed && pre_sys[k] != dt_u64(a))
            sys_written[k] = true;
        if (changed && dt_add_id(a, b)) {
            fprintf(stderr, "difftest: after the kernel entry at %#llx: %s is %llu here, %llu in "
                    "the reference (a pid or fd: each side keeps its own; equal from now on)\n",
                    (unsigned long long)dt.kpc, dt.map.t->regs[k].name,
                    (unsigned long long)dt_u64(a), (unsigned long long)dt_u64(b));
            continue;
        }
        if (changed) {
            if (n == 8 && dt.ref->adopt_mapping && dt.ref->adopt_mapping(c, k, dt_u64(a), dt_u64(b)))
                continue;
            uint8_t tmp[128] = {0};
            memcpy(tmp, b, n);
            c->arch->reg_set(c, (unsigned)dt.map.idx[k], tmp);
            if (dt.syscall_fixups++ < 20) {
                char x[80], y[80];
                dt_hex_le(x, a, n);
                dt_hex_le(y, b, n);
                fprintf(stderr, "difftest: after the %s at %#llx: %s = %s from the "
                        "reference (trapeze had %s)\n", dt.kernel ? "kernel entry" : "counter read",
                        (unsigned long long)dt.kpc, dt.map.t->regs[k].name, y, x);
            }
            continue;
        }
        char x[80], y[80];
        dt_hex_le(x, a, n);
        dt_hex_le(y, b, n);
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
        dt_diverged(c, why, msg);
    }
}

/* Reading the reference's FP/vector registers costs a round trip each
 * on some stubs, so they are compared when an FP-class instruction ran
 * and whenever ours changed (a load into an FP register); an FP write
 * that only the reference made shows up at the next such point. */
static bool fp_changed(struct cpu *c)
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
        dt_ours(c, k, now + o);
        o += n;
    }
    bool changed = memcmp(now, shadow, o) != 0;
    memcpy(shadow, now, o);
    return changed;
}

static bool fp_class(uint8_t cls)
{
    return cls == IC_FP || cls == IC_FPDIV || cls == IC_SIMD;
}

/* ---- coarse comparison: arrivals per pc since the last point ---- */

#define HT_BITS 12              /* small enough to stay in the cache */
static struct { uint64_t pc; uint32_t gen, n; } ht[1u << HT_BITS];
static uint32_t ht_gen = 1;
static unsigned ht_used;

static void interval_reset(const struct dinsn *d)
{
    ht_gen++;
    ht_used = 0;
    dt.since = 0;
    dt.fp_dirty = false;
    dt.agreed = dt.insns;
    dt.agreed_pc = d->pc;
    /* pairs made at this point still excuse flags at the next one */
    static unsigned mark;
    ids_at_agreement = mark;
    mark = dt_ids();
}

/* Count one arrival at pc (inc 1; 0: only look); returns how many there
 * were since the point. */
static inline uint32_t arrive(uint64_t pc, uint32_t inc)
{
    unsigned i = (unsigned)((pc * 0x9e3779b97f4a7c15ull) >> (64 - HT_BITS));
    for (;;) {
        if (ht[i].gen != ht_gen) {
            ht[i].gen = ht_gen;
            ht[i].pc = pc;
            ht[i].n = inc;
            ht_used++;
            return inc;
        }
        if (ht[i].pc == pc)
            return ht[i].n += inc;
        i = (i + 1) & ((1u << HT_BITS) - 1);
    }
}

/* System instructions that turned out to be plain: stepped exactly
 * twice without a kernel entry and without anything to take from the
 * reference (mrs/msr NZCV, FPCR, csrr fcsr ...).  From then on they need
 * no comparison point: only syscalls, traps and counters do. */
#define PLAIN_BITS 12
static struct { uint64_t pc; uint8_t n; } plain[1u << PLAIN_BITS];

static uint8_t *plain_slot(uint64_t pc)
{
    unsigned i = (unsigned)((pc * 0x9e3779b97f4a7c15ull) >> (64 - PLAIN_BITS));
    if (plain[i].pc != pc) {
        plain[i].pc = pc;
        plain[i].n = 0;
    }
    return &plain[i].n;
}

static bool is_plain(uint64_t pc)
{
    unsigned i = (unsigned)((pc * 0x9e3779b97f4a7c15ull) >> (64 - PLAIN_BITS));
    return plain[i].pc == pc && plain[i].n >= 2;
}

/* Is this boundary, reached for the h-th time since the last point, a
 * good next point?  The reference gets there with h breakpoint stops,
 * so inside a loop the point waits for the loop's end; past N the
 * allowance grows slowly, so long-running loops are still cut. */
static bool good_point(uint32_t h)
{
    if (ht_used > (1u << HT_BITS) / 2)
        return h == 1;
    if (dt.opts.every < 2 || dt.since < dt.opts.every)
        return false;
    return h <= 1 + (dt.since - dt.opts.every) / 8192;
}

/* ---- the steps ---- */

/* After an instruction that identifies the CPU (cpuid, cpucfg, ID
 * registers) the reference takes the model's answers, so that both take
 * the same paths. */
static void give_ours(struct cpu *c)
{
    if (dt.ref->take_ours) {
        dt.ref->take_ours(c);
        return;
    }
    dt.ref->fetch();
    for (unsigned k = 0; k < dt.map.n && dt.ref->write_reg; k++) {
        int i = dt.refidx[k];
        if (i < 0 || dt.is_fp[k] || (int)k == dt.map.pc)
            continue;
        uint8_t a[128], b[128];
        unsigned n = dt.refregs[i].bytes, mine = (dt.map.t->regs[k].bits + 7u) / 8;
        if (mine < n)
            n = mine;
        dt_ours(c, k, a);
        if (!dt_theirs((unsigned)i, b) || !memcmp(a, b, n))
            continue;
        if (!dt.ref->write_reg((unsigned)i, a) && dt.syscall_fixups++ < 20)
            fprintf(stderr, "difftest: %s after the identification at %#llx: the model's value "
                    "given to the reference\n", dt.map.t->regs[k].name,
                    (unsigned long long)last_insn()->pc);
    }
}

/* The reference stepped over the instruction trapeze just completed. */
static void exact_step(struct cpu *c, const struct dinsn *d);

/* Both stand at d: compare, after what the last instruction did (a
 * syscall's results, a counter, a signal delivery) has been settled. */
static void settle(struct cpu *c, const struct dinsn *d)
{
    const struct hist *last = last_insn();
    dt.kpc = last->pc;
    /* after a syscall the kernels' answers count, not the CPUs' */
    bool syscall = dt.kernel && d->pc == last->pc + last->len && last->cls == IC_SYSTEM;
    const char *text = last->cls == IC_SYSTEM ? last_text(c) : "";
    bool ident = listed(dt.map.t->idents, text);
    if (ident)
        give_ours(c);                   /* the model's CPU, not the reference's */
    /* time and counters: the reference's values count */
    bool counter = listed(dt.map.t->counters, text);
    if (counter)
        syscall = true;
    if (dt.kernel)
        dt_after_delivery(c);
    /* sigreturn (a syscall that resumes elsewhere, with no frame built):
     * the FP state comes back from each kernel's own frame */
    if (dt.kernel && last->cls == IC_SYSTEM && d->pc != last->pc + last->len && !dt.frame_hi)
        for (unsigned k = 0; k < dt.map.n; k++)
            if (dt.refidx[k] >= 0 && dt.is_fp[k])
                dt_take_fp(c, k, (unsigned)dt.refidx[k]);
    /* a kernel entry writes FP state only through a signal frame or
     * sigreturn: then ours changed too */
    bool fp = fp_changed(c);
    compare(c, fp || fp_class(last->cls) || dt.fp_dirty || (last->cls == IC_SYSTEM && !dt.kernel),
            syscall);
    if (syscall && dt.ref->after_syscall)
        dt.ref->after_syscall(c);
    if (dt.kernel && last->cls == IC_SYSTEM)
        dt_mirror_syscall_memory();
    if (last->cls == IC_SYSTEM) {
        uint8_t *n = plain_slot(last->pc);
        *n = dt.kernel || syscall || ident ? 0 : *n + (*n < 2);
    }
}

/* The reference stepped over the instruction trapeze just completed. */
static void exact_step(struct cpu *c, const struct dinsn *d)
{
    const struct hist *last = last_insn();
    dt.kpc = last->pc;
    dt.ref->step(c, dt.kernel && !dt.native ? d->pc : 0, d->len);
    dt.ref->fetch();
    uint64_t rpc = dt_ref_pc();
    /* a repeated string instruction steps one iteration at a time there */
    for (unsigned r = 0; rpc == last->pc && d->pc != last->pc && r < (1u << 24); r++) {
        dt.ref->step(c, 0, 0);
        dt.ref->fetch();
        rpc = dt_ref_pc();
    }
    /* ptrace: a signal raised by a syscall is reported after it */
    for (unsigned r = 0; dt.native && dt.kernel && rpc != d->pc && r < 2; r++) {
        dt.ref->step(c, 0, 0);
        dt.ref->fetch();
        rpc = dt_ref_pc();
    }
    if (dt.kernel && rpc != d->pc) {
        /* qemu-user steps over a syscall and one more instruction */
        dt.lag = true;
        dt.lag_pc = rpc;
        dt.lag_n = 0;
        return;
    }
    settle(c, d);
}

/* Coarse: bring the reference to this boundary (the h-th arrival at d's
 * pc since the last point) and compare. */
static void coarse_point(struct cpu *c, const struct dinsn *d, uint32_t h)
{
    dt.ref->reach(c, d->pc, h, d->len);
    settle(c, d);
}

static bool before(struct cpu *c, const struct dinsn *d)
{
    if (dt.off)
        return true;
    if (c != dt.c)
        dt_fail("the guest runs a second thread (at %#llx): lockstep follows one thread only",
                (unsigned long long)d->pc);
    /* the kernel's own instructions: its text page (user code never runs
     * at kernel privilege) */
    if (d->pc - guest_mem->ktext_base < sizeof guest_mem->ktext) {
        if (!dt.in_kernel) {
            dt.in_kernel = true;
            dt.delivering = false;
            dt.sys_lo = dt.sys_hi = dt.frame_lo = dt.frame_hi = 0;
            uaccess_record_start();
        }
        dt.kernel = true;
        return true;
    }
    if (dt.in_kernel) {
        dt.in_kernel = false;
        uint64_t lo, hi;
        uaccess_record_stop(&lo, &hi);
        if (dt.delivering)
            dt.frame_lo = lo, dt.frame_hi = hi;
        else
            dt.sys_lo = lo, dt.sys_hi = hi;
    }
    c->pc = d->pc;
    if (!dt.started) {
        dt.started = true;
        dt.t0_ns = now_ns();
        dt.ref->sync_start(c, d);
        fp_changed(c);
        interval_reset(d);
    } else if (dt.lag) {
        /* the reference ran ahead through a syscall: catch up to it */
        dt.insns++;
        if (d->pc == dt.lag_pc) {
            dt.lag = false;
            dt.kernel = true;
            settle(c, d);
            interval_reset(d);
        } else if (++dt.lag_n > 4) {
            char why[160];
            snprintf(why, sizeof why, "after the kernel entry at %#llx the reference went on at "
                     "%#llx, trapeze elsewhere", (unsigned long long)dt.kpc,
                     (unsigned long long)dt.lag_pc);
            dt_diverged(c, why, "");
        }
    } else {
        dt.insns++;
        if (dt.coarse && dt.opts.from && dt.insns >= dt.opts.from) {
            /* --difftest-from: exact from here on */
            coarse_point(c, d, arrive(d->pc, !(dt.kernel && d->pc == last_insn()->pc)));
            dt.coarse = false;
            dt.exact = true;
            interval_reset(d);
        } else if (dt.atomic) {
            /* inside a load-exclusive .. store-exclusive sequence: the
             * reference runs it in one go, to the instruction after the
             * next atomic one (or after 16) */
            uint32_t h = arrive(d->pc, 1);
            if ((last_insn()->cls == IC_ATOMIC && ++dt.atomic > 2) || dt.atomic++ >= 16 || dt.kernel) {
                dt.atomic = 0;
                coarse_point(c, d, h);
                interval_reset(d);
            }
        } else if (dt.exact) {
            exact_step(c, d);
            if (!dt.lag)
                interval_reset(d);
            /* qemu's exclusive monitor does not survive a debug stop: a
             * store-exclusive after a stepped load-exclusive always fails */
            if (d->cls == IC_ATOMIC && !dt.native && !dt.lag)
                dt.atomic = 1;
        } else if (dt.kernel || dt.sys_pending) {
            /* right after a system instruction (its results must be
             * settled), or a kernel entry no one could foresee (a fault):
             * the reference, run free through it, meets us here.  Back at
             * the same instruction after a trap the kernel resolved (lazy
             * FP enabling) is no new arrival: the reference may have had
             * no trap at all. */
            coarse_point(c, d, arrive(d->pc, !(dt.kernel && d->pc == last_insn()->pc)));
            interval_reset(d);
        } else {
            uint32_t h = arrive(d->pc, 1);
            dt.since++;
            if (good_point(h)) {
                coarse_point(c, d, h);
                interval_reset(d);
            }
        }
    }
    if (fp_class(d->cls))
        dt.fp_dirty = true;
    /* after a system instruction the two must agree on its results */
    dt.sys_pending = dt.coarse && d->cls == IC_SYSTEM && !is_plain(d->pc);
    have_pre_sys = false;
    if (d->cls == IC_SYSTEM && (dt.sys_pending || !dt.coarse))
        snapshot_pre_sys(c);
    if (dt.ref->note && (dt.sys_pending || !dt.coarse))
        dt.ref->note(c, d);
    dt.kernel = false;
    record(d);
    return true;
}

static void on_exit_hook(struct cpu *c, int code, int sig)
{
    if (dt.off || !dt.started)
        return;
    /* the reference must first stand where trapeze last stood (whose
     * registers are the kernel's now: the exit or fault has trapped) */
    if (((dt.coarse && !dt.exact) || dt.atomic) && dt.nh) {
        const struct hist *last = last_insn();
        dt.ref->reach(c, last->pc, arrive(last->pc, 0), last->len);
    }
    char what[96];
    if (!dt.ref->finish(code, sig, what, sizeof what)) {
        char why[160];
        snprintf(why, sizeof why, "trapeze's guest %s %d, the reference %s",
                 sig ? "died by signal" : "exited with", sig ? sig : code, what);
        dt_diverged(c, why, "");
    }
    fflush(stdout);
    if (dt.syscall_fixups)
        fprintf(stderr, "difftest: %llu values taken from the reference or paired (the notes above "
                "show the first 20)\n", (unsigned long long)dt.syscall_fixups);
    fprintf(stderr, "difftest: no difference\n");
    summary(0);
}

/* The kernel is about to act on a signal: what it wrote so far belongs
 * to the syscall; a frame it builds now is recorded apart. */
static int (*next_signal_hook)(struct cpu *c, int sig, const struct ksiginfo *info);

static int on_signal(struct cpu *c, int sig, const struct ksiginfo *info)
{
    if (!dt.off && dt.in_kernel && !dt.delivering) {
        uaccess_record_stop(&dt.sys_lo, &dt.sys_hi);
        uaccess_record_start();
        dt.delivering = true;
    }
    dt.last_sig = sig;
    return next_signal_hook ? next_signal_hook(c, sig, info) : sig;
}

/* A forked guest process runs on without the reference. */
static void after_fork_child(void)
{
    if (dt.off)
        return;
    dt.off = true;
    if (dt.ref && dt.ref->forget)
        dt.ref->forget();
}

static const struct exec_hooks dt_hooks = {.before = before};

int difftest_start(struct cpu *c, const char *ref, const struct difftest_opts *o, const char *prog,
                   char **argv, char **envp)
{
    dt.c = c;
    dt.refname = ref;
    dt.prog = prog;
    dt.argv = argv;
    dt.opts = *o;
    dt.coarse = o->every > 1 || o->at_syscalls || o->from;
    dt.exact = !dt.coarse;
    if (gdb_map_init(&dt.map, c->arch)) {
        fprintf(stderr, "trapeze: --difftest: no register description for %s\n", c->arch->name);
        return -1;
    }
    int rc;
    if (!strncmp(ref, "gdb:", 4)) {
        rc = dt_gdb_start(c, ref + 4);
    } else if (!strcmp(ref, "native") || !strncmp(ref, "native:", 7)) {
        rc = dt_native_start(c, prog, argv, envp, ref[6] ? ref + 7 : NULL);
    } else {
        fprintf(stderr, "trapeze: --difftest %s: unknown reference (native, native:DIR, gdb:HOST:PORT, "
                "gdb:unix:PATH)\n", ref);
        return -1;
    }
    if (rc)
        return rc;
    pthread_atfork(NULL, NULL, after_fork_child);
    debug_exit_hook = on_exit_hook;
    next_signal_hook = debug_signal_hook;
    debug_signal_hook = on_signal;
    hooks_add(&dt_hooks);
    return 0;
}
