/* The GDB remote stub: `trapeze -g PORT prog` (docs/gdb.md).
 *
 * The stub lives in the simulator's own thread.  It watches execution
 * through the engine's per-instruction hooks (sim/hooks.h): breakpoints
 * are a set of pcs checked before each user-mode instruction (guest
 * memory is never patched), a single step stops before the next user
 * instruction, and ^C is noticed by polling the socket at block
 * boundaries.  The kernel reports each signal before delivering it
 * (debug_signal_hook), so gdb can pass, change or drop it.  The register
 * layout comes from the per-arch descriptions in sim/<arch>/gdb.c. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../oskernel/kernel.h"
#include "../oskernel/signal.h"
#include "gdbstub.h"
#include "hooks.h"
#include "machine.h"
#include "rsp.h"

static const struct gdb_target *targets[8];
static unsigned ntargets;

void gdb_target_register(const struct gdb_target *t)
{
    if (ntargets < sizeof targets / sizeof *targets)
        targets[ntargets++] = t;
}

const struct gdb_target *gdb_target_find(const char *arch)
{
    for (unsigned i = 0; i < ntargets; i++)
        if (!strcmp(targets[i]->arch, arch))
            return targets[i];
    return NULL;
}

int gdb_map_init(struct gdb_map *map, const struct arch *a)
{
    const struct gdb_target *t = gdb_target_find(a->name);
    memset(map, 0, sizeof *map);
    if (!t || t->nregs > sizeof map->idx / sizeof *map->idx)
        return -1;
    map->t = t;
    map->n = t->nregs;
    map->pc = -1;
    int num = -1;
    for (unsigned k = 0; k < t->nregs; k++) {
        const struct gdb_reg *r = &t->regs[k];
        num = r->regnum ? r->regnum : num + 1;
        map->num[k] = num;
        map->idx[k] = -1;
        const char *want = r->src ? r->src : r->name;
        for (unsigned i = 0; i < a->nregs; i++)
            if (a->regs[i].name && !strcmp(a->regs[i].name, want))
                map->idx[k] = (int)i;
        if (r->flags & GR_PC)
            map->pc = (int)k;
    }
    return 0;
}

const char *gdb_target_xml(const struct gdb_target *t)
{
    static char buf[96 * 1024];
    size_t o = 0;
#define PUT(...) (o += (size_t)snprintf(buf + o, o < sizeof buf ? sizeof buf - o : 0, __VA_ARGS__))
    PUT("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
        "<target version=\"1.0\">\n<architecture>%s</architecture>\n"
        "<osabi>GNU/Linux</osabi>\n", t->xml_arch);
    for (unsigned f = 0; f < t->nfeatures; f++) {
        PUT("<feature name=\"%s\">\n", t->features[f].name);
        if (t->features[f].types)
            PUT("%s", t->features[f].types);
        int num = -1;
        for (unsigned k = 0; k < t->nregs; k++) {
            const struct gdb_reg *r = &t->regs[k];
            num = r->regnum ? r->regnum : num + 1;
            if (r->feature != f)
                continue;
            PUT("<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" regnum=\"%d\"%s/>\n",
                r->name, r->bits, r->type, num,
                r->flags & GR_FLOATGRP ? " group=\"float\"" :
                r->flags & GR_VECGRP ? " group=\"vector\"" : "");
        }
        PUT("</feature>\n");
    }
    PUT("</target>\n");
#undef PUT
    return buf;
}

/* gdb numbers signals its own way (gdb/signals.def); 1..6, 8, 9, 11,
 * 13..15 agree with Linux, the rest do not. */
static const unsigned char linux_to_gdb[32] = {
    0, 1, 2, 3, 4, 5, 6, 10, 8, 9, 30, 11, 31, 13, 14, 15,
    143 /* SIGSTKFLT: no gdb name */, 20, 19, 17, 18, 21, 22, 16,
    24, 25, 26, 27, 28, 23, 32, 12,
};

int gdb_signal_from_linux(int sig)
{
    if (sig > 0 && sig < 32)
        return linux_to_gdb[sig];
    if (sig == 32)
        return 77;
    if (sig >= 33 && sig <= 63)
        return 45 + (sig - 33);
    if (sig == 64)
        return 78;
    return 143;
}

int gdb_signal_to_linux(int gsig)
{
    for (int s = 1; s <= 64; s++)
        if (gdb_signal_from_linux(s) == gsig)
            return s;
    return 0;
}

/* ---- the stub ------------------------------------------------------------ */

int (*debug_signal_hook)(struct cpu *c, int sig, const struct ksiginfo *info);
void (*debug_exit_hook)(struct cpu *c, int code, int sig);

#define MAX_BP 256

static struct {
    bool on;                    /* a debugger is attached */
    struct rsp r;
    struct cpu *c;
    struct gdb_map map;
    uint64_t bp[MAX_BP];
    unsigned nbp;
    bool step;                  /* stop before the next user instruction */
    bool interrupt;             /* ^C seen while running */
    bool skip;                  /* resuming at skip_pc: do not stop there again */
    uint64_t skip_pc;
    bool in_kernel;             /* stopped in the kernel's signal delivery */
    int resume_sig;             /* Linux signal gdb resumed with */
    unsigned poll;
    uint8_t pass[128];          /* QPassSignals, by gdb number */
    char stop_reply[96];
    char exe[4096];
    bool resumed;               /* gdb has resumed the guest at least once */
    struct {
        uint64_t addr;
        unsigned len;
        uint8_t old[8];         /* the bytes before the current instruction */
    } wp[4];                    /* write watchpoints */
    unsigned nwp;
    uint64_t wp_hit;            /* a watched write happened: report at the next boundary */
    bool wp_rewind;             /* ... before the writing instruction, at rewind_pc */
    uint64_t rewind_pc;
    uint8_t regs_before[512][16];   /* the registers before it (nonsteppable watchpoints) */
    bool have_siginfo;          /* stopped for a signal: its siginfo, for $_siginfo */
    uint8_t siginfo[128];
} g;

static char pkt[RSP_MAX + 16];
static char out[2 * RSP_MAX + 16];

static void detach(void)
{
    if (g.on)
        close(g.r.fd);
    g.on = false;
    g.nbp = g.nwp = 0;
    g.wp_hit = 0;
    g.step = g.interrupt = g.skip = g.wp_rewind = false;
}

static int tid(struct cpu *c) { return c->tid > 0 ? c->tid : 1; }

/* ---- registers ---- */

static unsigned reg_bytes(unsigned k) { return (g.map.t->regs[k].bits + 7) / 8; }

static void reg_read(struct cpu *c, unsigned k, uint8_t *buf)
{
    uint8_t tmp[128];
    unsigned n = reg_bytes(k);
    memset(buf, 0, n);
    if ((int)k == g.map.pc && g.in_kernel && kern && kern->abi->user_pc) {
        uint64_t pc = kern->abi->user_pc(c);
        memcpy(buf, &pc, n < 8 ? n : 8);
        return;
    }
    int i = g.map.idx[k];
    if (i < 0)
        return;
    memset(tmp, 0, sizeof tmp);
    int got = c->arch->reg_get(c, (unsigned)i, tmp);
    if (got > 0)
        memcpy(buf, tmp, (unsigned)got < n ? (unsigned)got : n);
}

static int reg_write(struct cpu *c, unsigned k, const uint8_t *buf)
{
    uint8_t tmp[128];
    int i = g.map.idx[k];
    if (i < 0)
        return 0;               /* not modelled: accept and drop */
    if ((int)k == g.map.pc && g.in_kernel)
        return -1;              /* the user pc lives in the trap registers there */
    memset(tmp, 0, sizeof tmp);
    unsigned n = reg_bytes(k);
    memcpy(tmp, buf, n);
    return c->arch->reg_set(c, (unsigned)i, tmp) < 0 ? -1 : 0;
}

static int reg_by_num(uint64_t num)
{
    for (unsigned k = 0; k < g.map.n; k++)
        if ((uint64_t)g.map.num[k] == num)
            return (int)k;
    return -1;
}

/* ---- memory ---- */

/* Reads what it can from addr on; returns the byte count. */
static size_t mem_read(uint64_t a, uint8_t *buf, size_t n)
{
    if (!copy_from_user(buf, a, n))
        return n;
    size_t got = 0;
    while (got < n && !copy_from_user(buf + got, a + got, 1))
        got++;
    return got;
}

static int host_prot(int prot)
{
    return (prot & (PROT_R | PROT_X) ? PROT_READ : 0) | (prot & PROT_W ? PROT_READ | PROT_WRITE : 0);
}

/* gdb may write anywhere the guest has mapped, read-only code included. */
static int mem_write(uint64_t a, const uint8_t *buf, size_t n)
{
    struct mem *m = guest_mem;
    if (!n)
        return 0;
    if (a >= m->size || n > m->size - a)
        return -1;
    uint64_t lo = a & ~4095ull, hi = (a + n + 4095) & ~4095ull;
    for (uint64_t x = lo; x < hi; x += 4096)
        if (!mem_find(m, x))
            return -1;
    if (copy_to_user(a, buf, n)) {
        if (mprotect(m->base + lo, hi - lo, PROT_READ | PROT_WRITE))
            return -1;
        memcpy(m->base + a, buf, n);
        for (uint64_t x = lo; x < hi; x += 4096) {
            int p = host_prot(mem_find(m, x)->prot);
            if (mem_is_code_page(m, x))
                p &= ~PROT_WRITE;
            mprotect(m->base + x, 4096, p);
        }
    }
    engine_invalidate(a, n);
    return 0;
}

/* ---- breakpoints ---- */

static int bp_find(uint64_t pc)
{
    for (unsigned i = 0; i < g.nbp; i++)
        if (g.bp[i] == pc)
            return (int)i;
    return -1;
}

static bool bp_add(uint64_t pc)
{
    if (bp_find(pc) >= 0)
        return true;
    if (g.nbp == MAX_BP)
        return false;
    g.bp[g.nbp++] = pc;
    return true;
}

static void bp_del(uint64_t pc)
{
    int i = bp_find(pc);
    if (i >= 0)
        g.bp[i] = g.bp[--g.nbp];
}

/* ---- write watchpoints ----
 * The watched bytes are compared after each user instruction.  gdb
 * expects a hit reported after the write on x86 (continuable) and before
 * it elsewhere (nonsteppable: gdb then steps over the instruction
 * itself); for the latter the write and the registers are rolled back
 * and the guest stops at the writing instruction. */

static bool watch(bool add, uint64_t a, uint64_t len)
{
    for (unsigned i = 0; i < g.nwp; i++)
        if (g.wp[i].addr == a && g.wp[i].len == len) {
            if (!add)
                g.wp[i] = g.wp[--g.nwp];
            return true;
        }
    if (!add)
        return true;
    if (!len || len > 8 || g.nwp == sizeof g.wp / sizeof *g.wp)
        return false;
    g.wp[g.nwp].addr = a;
    g.wp[g.nwp].len = (unsigned)len;
    if (mem_read(a, g.wp[g.nwp].old, len) != len)
        return false;
    g.nwp++;
    return true;
}

/* Before an instruction: what is there now is the "old" value (the
 * kernel's own writes do not trigger, as with Linux's user watchpoints). */
static void watch_snapshot(struct cpu *c)
{
    for (unsigned i = 0; i < g.nwp; i++)
        mem_read(g.wp[i].addr, g.wp[i].old, g.wp[i].len);
    if (g.map.t->watch_before)
        for (unsigned k = 0; k < g.map.n && k < 512; k++)
            if (g.map.idx[k] >= 0 && reg_bytes(k) <= 16) {
                uint8_t tmp[128];
                c->arch->reg_get(c, (unsigned)g.map.idx[k], tmp);
                memcpy(g.regs_before[k], tmp, 16);
            }
}

static void after(struct cpu *c, const struct dinsn *d)
{
    if (!g.on || !g.nwp || c->trapped || c->arch->privileged(c) || g.wp_hit)
        return;
    for (unsigned i = 0; i < g.nwp; i++) {
        uint8_t now[8];
        if (mem_read(g.wp[i].addr, now, g.wp[i].len) != g.wp[i].len ||
            !memcmp(now, g.wp[i].old, g.wp[i].len))
            continue;
        g.wp_hit = g.wp[i].addr;
        if (g.map.t->watch_before) {
            for (unsigned j = 0; j < g.nwp; j++)
                mem_write(g.wp[j].addr, g.wp[j].old, g.wp[j].len);
            for (unsigned k = 0; k < g.map.n && k < 512; k++)
                if (g.map.idx[k] >= 0 && reg_bytes(k) <= 16 && (int)k != g.map.pc)
                    c->arch->reg_set(c, (unsigned)g.map.idx[k], g.regs_before[k]);
            g.wp_rewind = true;
            g.rewind_pc = d->pc;
        }
        return;
    }
}

/* ---- packets ---- */

static void reply(const char *s) { if (g.on && rsp_send_str(&g.r, s)) detach(); }
static void reply_n(const char *s, size_t n) { if (g.on && rsp_send(&g.r, s, n)) detach(); }

/* qXfer reads: "m" + data while more follows, "l" + data at the end. */
static void xfer_reply(const uint8_t *data, size_t total, uint64_t off, uint64_t len)
{
    if (off >= total) {
        reply("l");
        return;
    }
    size_t n = total - off;
    if (n > len)
        n = len;
    if (n > RSP_MAX / 2)
        n = RSP_MAX / 2;
    size_t used;
    size_t o = rsp_escape(out + 1, RSP_MAX, data + off, n, &used);
    out[0] = off + used < total ? 'm' : 'l';
    reply_n(out, o + 1);
}

/* "annex:OFF,LEN" after the object name; returns the annex. */
static int parse_xfer(const char *p, char *annex, size_t asz, uint64_t *off, uint64_t *len)
{
    const char *colon = strchr(p, ':');
    if (!colon || (size_t)(colon - p) >= asz)
        return -1;
    memcpy(annex, p, (size_t)(colon - p));
    annex[colon - p] = 0;
    p = colon + 1;
    if (rsp_parse_hex(&p, off) || *p++ != ',' || rsp_parse_hex(&p, len) || *p)
        return -1;
    return 0;
}

static void handle_xfer(struct cpu *c, const char *p)
{
    char annex[128];
    uint64_t off, len;
    if (!strncmp(p, "features:read:", 14)) {
        if (parse_xfer(p + 14, annex, sizeof annex, &off, &len))
            return reply("E01");
        if (strcmp(annex, "target.xml"))
            return reply("E00");
        const char *x = gdb_target_xml(g.map.t);
        xfer_reply((const uint8_t *)x, strlen(x), off, len);
    } else if (!strncmp(p, "auxv:read:", 10)) {
        if (parse_xfer(p + 10, annex, sizeof annex, &off, &len))
            return reply("E01");
        static uint8_t auxv[4096];
        size_t n = kern->auxv_len < sizeof auxv ? kern->auxv_len : sizeof auxv;
        if (copy_from_user(auxv, kern->auxv_addr, n))
            return reply("E0e");
        xfer_reply(auxv, n, off, len);
    } else if (!strncmp(p, "siginfo:read:", 13)) {
        if (parse_xfer(p + 13, annex, sizeof annex, &off, &len) || !g.have_siginfo)
            return reply("E01");
        xfer_reply(g.siginfo, sizeof g.siginfo, off, len);
    } else if (!strncmp(p, "exec-file:read:", 15)) {
        if (parse_xfer(p + 15, annex, sizeof annex, &off, &len))
            return reply("E01");
        xfer_reply((const uint8_t *)g.exe, strlen(g.exe), off, len);
    } else {
        reply("");
    }
    (void)c;
}

static void handle_query(struct cpu *c, const char *p)
{
    char buf[64];
    if (!strncmp(p, "qSupported", 10)) {
        snprintf(out, sizeof out, "PacketSize=%x;qXfer:features:read+;qXfer:auxv:read+;"
                 "qXfer:exec-file:read+;qXfer:siginfo:read+;swbreak+;vContSupported+;QStartNoAckMode+;"
                 "QPassSignals+;QProgramSignals+", RSP_MAX);
        reply(out);
    } else if (!strncmp(p, "qXfer:", 6)) {
        handle_xfer(c, p + 6);
    } else if (!strcmp(p, "qC")) {
        snprintf(buf, sizeof buf, "QC%x", tid(c));
        reply(buf);
    } else if (!strcmp(p, "qfThreadInfo")) {
        snprintf(buf, sizeof buf, "m%x", tid(c));
        reply(buf);
    } else if (!strcmp(p, "qsThreadInfo")) {
        reply("l");
    } else if (!strncmp(p, "qAttached", 9)) {
        reply("0");             /* we started the process: quitting kills it */
    } else if (!strncmp(p, "qSymbol", 7)) {
        reply("OK");
    } else if (!strncmp(p, "QStartNoAckMode", 15)) {
        reply("OK");
        g.r.noack = true;
    } else if (!strncmp(p, "QPassSignals:", 13)) {
        memset(g.pass, 0, sizeof g.pass);
        const char *s = p + 13;
        uint64_t v;
        while (*s && !rsp_parse_hex(&s, &v)) {
            if (v < sizeof g.pass)
                g.pass[v] = 1;
            if (*s == ';')
                s++;
        }
        reply("OK");
    } else if (!strncmp(p, "QProgramSignals:", 16)) {
        reply("OK");
    } else {
        reply("");
    }
}

/* A resume request: c/s/C/S [sig][;addr] or one vCont action. */
static bool resume(struct cpu *c, char act, const char *arg)
{
    uint64_t v;
    g.resume_sig = 0;
    if (act == 'C' || act == 'S') {
        if (rsp_parse_hex(&arg, &v))
            return false;
        g.resume_sig = gdb_signal_to_linux((int)v);
        if (*arg == ';')
            arg++;
        act = act == 'C' ? 'c' : 's';
    }
    if (*arg && arg[0] != ':') {    /* c ADDR: resume elsewhere */
        if (rsp_parse_hex(&arg, &v) || g.in_kernel)
            return false;
        c->pc = v;
    }
    g.step = act == 's';
    return true;
}

static bool handle_vcont(struct cpu *c, const char *p)
{
    /* vCont;ACTION[:TID];... : the first action for us (or for all) wins */
    while (*p == ';') {
        p++;
        char act = *p++;
        char a[32] = "";
        size_t n = 0;
        while (*p && *p != ';' && *p != ':' && n + 1 < sizeof a)
            a[n++] = *p++;
        a[n] = 0;
        if (*p == ':') {
            while (*p && *p != ';')
                p++;
        }
        if (act == 'c' || act == 's')
            return resume(c, act, "");
        if (act == 'C' || act == 'S')
            return resume(c, act, a);
    }
    return false;
}

/* Serve packets until gdb resumes the guest (or goes away). */
static void serve(struct cpu *c)
{
    while (g.on) {
        long n = rsp_recv(&g.r, pkt, sizeof pkt);
        if (n == RSP_INTERRUPT)
            continue;           /* already stopped */
        if (n < 0) {
            detach();
            return;
        }
        const char *p = pkt;
        uint64_t a, len;
        switch (p[0]) {
        case '?':
            reply(g.stop_reply);
            break;
        case 'g': {
            size_t o = 0;
            for (unsigned k = 0; k < g.map.n; k++) {
                uint8_t b[128];
                reg_read(c, k, b);
                if (o + 2 * reg_bytes(k) >= sizeof out - 1)
                    break;
                rsp_hex(out + o, b, reg_bytes(k));
                o += 2 * reg_bytes(k);
            }
            reply_n(out, o);
            break;
        }
        case 'G': {
            size_t o = 1, have = (size_t)n, want = 1;
            for (unsigned k = 0; k < g.map.n; k++)
                want += 2 * reg_bytes(k);
            bool bad = have != want;
            for (unsigned k = 0; k < g.map.n && !bad; k++) {
                uint8_t b[128];
                if (rsp_unhex(b, p + o, reg_bytes(k)) || reg_write(c, k, b))
                    bad = true;
                o += 2 * reg_bytes(k);
            }
            reply(bad ? "E01" : "OK");
            break;
        }
        case 'p': {
            p++;
            int k;
            if (rsp_parse_hex(&p, &a) || *p || (k = reg_by_num(a)) < 0) {
                reply("E01");
                break;
            }
            uint8_t b[128];
            reg_read(c, (unsigned)k, b);
            rsp_hex(out, b, reg_bytes((unsigned)k));
            reply(out);
            break;
        }
        case 'P': {
            p++;
            int k;
            uint8_t b[128];
            if (rsp_parse_hex(&p, &a) || *p++ != '=' || (k = reg_by_num(a)) < 0 ||
                strlen(p) != 2 * reg_bytes((unsigned)k) || rsp_unhex(b, p, reg_bytes((unsigned)k))) {
                reply("E01");
                break;
            }
            reply(reg_write(c, (unsigned)k, b) ? "E01" : "OK");
            break;
        }
        case 'm': {
            p++;
            if (rsp_parse_hex(&p, &a) || *p++ != ',' || rsp_parse_hex(&p, &len) || *p) {
                reply("E01");
                break;
            }
            if (len > RSP_MAX / 2)
                len = RSP_MAX / 2;
            static uint8_t b[RSP_MAX / 2];
            size_t got = mem_read(a, b, len);
            if (!got && len) {
                reply("E0e");
                break;
            }
            rsp_hex(out, b, got);
            reply(out);
            break;
        }
        case 'M':
        case 'X': {
            char kind = *p++;
            static uint8_t b[RSP_MAX];
            if (rsp_parse_hex(&p, &a) || *p++ != ',' || rsp_parse_hex(&p, &len) || *p++ != ':' ||
                len > sizeof b) {
                reply("E01");
                break;
            }
            size_t datalen = (size_t)(n - (p - pkt));
            if (kind == 'M') {
                if (datalen != 2 * len || rsp_unhex(b, p, len)) {
                    reply("E01");
                    break;
                }
            } else if (rsp_unescape(b, p, datalen) != len) {
                reply("E01");
                break;
            }
            reply(mem_write(a, b, len) ? "E0e" : "OK");
            break;
        }
        case 'Z':
        case 'z': {
            char type = p[1];
            p += 2;
            if (type == '2') {
                if (*p++ != ',' || rsp_parse_hex(&p, &a) || *p++ != ',' || rsp_parse_hex(&p, &len)) {
                    reply("E01");
                    break;
                }
                reply(watch(pkt[0] == 'Z', a, len) ? "OK" : "E1c");
                break;
            }
            if ((type != '0' && type != '1') || *p++ != ',' || rsp_parse_hex(&p, &a)) {
                reply(type >= '3' && type <= '4' ? "" : "E01");
                break;
            }
            if (pkt[0] == 'Z')
                reply(bp_add(a) ? "OK" : "E1c");
            else {
                bp_del(a);
                reply("OK");
            }
            break;
        }
        case 'c': case 's': case 'C': case 'S':
            if (resume(c, p[0], p + 1))
                return;
            reply("E01");
            break;
        case 'v':
            if (!strcmp(p, "vCont?")) {
                reply("vCont;c;C;s;S");
            } else if (!strncmp(p, "vCont;", 5) && p[5] == ';') {
                if (handle_vcont(c, p + 5))
                    return;
                reply("E01");
            } else if (!strncmp(p, "vKill", 5)) {
                reply("OK");
                detach();
                kernel_die_signal(c, SIGKILL);
            } else if (!strcmp(p, "vCtrlC")) {
                reply("OK");
            } else {
                reply("");
            }
            break;
        case 'k':
            detach();
            kernel_die_signal(c, SIGKILL);
        case 'D':
            reply("OK");
            detach();
            return;
        case 'H':
        case 'T':
            reply(p[1] && p[2] ? "OK" : "E01");
            break;
        case 'q':
        case 'Q':
            handle_query(c, p);
            break;
        default:
            reply("");
            break;
        }
    }
}

/* Report a stop (gdb signal number, extra stop-reply fields) and wait. */
static void stop(struct cpu *c, int gsig, const char *why)
{
    snprintf(g.stop_reply, sizeof g.stop_reply, "T%02xthread:%x;%s", gsig, tid(c), why);
    g.step = g.interrupt = g.skip = false;
    if (g.resumed)              /* the first stop is reported when gdb asks ('?') */
        reply(g.stop_reply);
    g.resumed = true;
    serve(c);
}

static bool before(struct cpu *c, const struct dinsn *d)
{
    if (!g.on || c->arch->privileged(c))
        return true;
    if (g.skip) {
        g.skip = false;
        if (d->pc == g.skip_pc) {
            if (g.nwp)
                watch_snapshot(c);
            return true;
        }
    }
    int sig;
    const char *why = "";
    char wbuf[48];
    if (g.wp_hit) {
        snprintf(wbuf, sizeof wbuf, "watch:%llx;", (unsigned long long)g.wp_hit);
        why = wbuf;
        sig = 5;
        g.wp_hit = 0;
        if (g.wp_rewind) {
            g.wp_rewind = false;
            c->pc = g.rewind_pc;
            stop(c, sig, why);
            g.skip = true;
            g.skip_pc = c->pc;
            return false;
        }
    } else if (g.step)
        sig = 5;
    else if (g.nbp && bp_find(d->pc) >= 0)
        sig = 5, why = "swbreak:;";
    else if (g.interrupt)
        sig = 2;
    else {
        if (g.nwp)
            watch_snapshot(c);
        return true;
    }
    c->pc = d->pc;
    stop(c, sig, why);
    if (g.resume_sig) {         /* `signal SIG` from gdb: sent now, not reported again */
        struct ksiginfo si;
        siginfo_init(&si, g.resume_sig, KSI_USER);
        signal_send(g.resume_sig, &si);
    }
    g.skip = true;
    g.skip_pc = c->pc;
    return false;               /* restart at c->pc: gdb may have changed it or the code */
}

static void boundary(struct cpu *c)
{
    if (!g.on || ++g.poll < 1024)
        return;
    g.poll = 0;
    if (!rsp_readable(&g.r))
        return;
    long n = rsp_recv(&g.r, pkt, sizeof pkt);
    if (n == RSP_INTERRUPT)
        g.interrupt = true;
    else if (n < 0)
        detach();
    else if (!strcmp(pkt, "vCtrlC")) {
        reply("OK");
        g.interrupt = true;
    }
    (void)c;
}

static int on_signal(struct cpu *c, int sig, const struct ksiginfo *info)
{
    int gsig = gdb_signal_from_linux(sig);
    if (!g.on || sig == SIGKILL || (gsig < (int)sizeof g.pass && g.pass[gsig]))
        return sig;
    g.in_kernel = true;
    memcpy(g.siginfo, info->b, sizeof g.siginfo);
    g.have_siginfo = true;
    stop(c, gsig, "");
    g.have_siginfo = false;
    g.in_kernel = false;
    return g.on ? g.resume_sig : sig;
}

static void on_exit_hook(struct cpu *c, int code, int sig)
{
    char buf[16];
    if (!g.on)
        return;
    if (sig)
        snprintf(buf, sizeof buf, "X%02x", gdb_signal_from_linux(sig));
    else
        snprintf(buf, sizeof buf, "W%02x", code & 0xff);
    reply(buf);
    detach();
    (void)c;
}

/* A forked guest process runs on without the debugger. */
static void after_fork_child(void)
{
    if (g.on)
        close(g.r.fd);
    g.on = false;
}

static const struct exec_hooks stub_hooks = {
    .before = before,
    .after = after,
    .boundary = boundary,
};

int gdbstub_start(struct cpu *c, const char *where, const char *prog)
{
    if (!realpath(prog, g.exe))
        snprintf(g.exe, sizeof g.exe, "%s", prog);
    if (gdb_map_init(&g.map, c->arch)) {
        fprintf(stderr, "trapeze: -g: no gdb register description for %s\n", c->arch->name);
        return -1;
    }
    int fd = rsp_listen_accept(where);
    if (fd < 0) {
        fprintf(stderr, "trapeze: -g %s: %s\n", where, strerror(errno));
        return -1;
    }
    g.r = (struct rsp){.fd = fd};
    g.on = true;
    g.c = c;
    g.step = true;              /* stop before the first user instruction */
    pthread_atfork(NULL, NULL, after_fork_child);
    debug_signal_hook = on_signal;
    debug_exit_hook = on_exit_hook;
    hooks_add(&stub_hooks);
    return 0;
}
