/* difftest's `gdb:` reference: any GDB remote stub (qemu-<arch> -g,
 * gdbserver, trapeze -g), driven over RSP (docs/difftest.md).
 *
 * Its registers are read with one 'g' per stop and, for the registers
 * that 'g' lacks (qemu keeps FP/vector registers out of it), 'p' packets,
 * sent together when acks are off.  It moves with single steps
 * (vCont;s), or runs to a pc with a temporary Z0 breakpoint (vCont;c),
 * counting arrivals. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../oskernel/kernel.h"
#include "difftest_int.h"
#include "machine.h"
#include "rsp.h"

static struct {
    struct rsp r;
    bool vcont;
    bool no_bp;                 /* Z0 refused: step instead */
    bool valid;                 /* dt.gbuf holds the registers of this stop */
    bool pvalid[DT_MAXREGS];    /* pcache[i] holds register i of this stop */
    uint8_t pcache[DT_MAXREGS][64];
    bool debug;
    bool pipeline;              /* the stub reads packets only while stopped */
} g;

static char pkt[2 * RSP_MAX + 16];

_Noreturn static void lost(const char *what)
{
    dt_fail("lost the reference (%s) after %llu instructions", what, (unsigned long long)dt.insns);
}

static long cmd(const char *s)
{
    if (rsp_send_str(&g.r, s))
        lost(s);
    long n = rsp_recv(&g.r, pkt, sizeof pkt);
    if (n < 0)
        lost(s);
    return n;
}

/* ---- the reference's target description ---- */

static char *xfer(const char *annex)
{
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    char c[256];
    for (;;) {
        snprintf(c, sizeof c, "qXfer:features:read:%s:%zx,%x", annex, len, 0xf00);
        long n = cmd(c);
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
            char *sub = xfer(v);
            if (sub) {
                parse_regs(sub, depth + 1, next);
                free(sub);
            }
        } else if (!strncmp(p, "<reg ", 5) && dt.nref < DT_MAXREGS) {
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

static void layout_g(void)
{
    long n = cmd("g");
    if (n <= 0 || pkt[0] == 'E')
        lost("g");
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

/* ---- registers ---- */

static void fetch(void)
{
    if (g.valid)
        return;
    long n = cmd("g");
    if (n < (long)(2 * dt.glen) || rsp_unhex(dt.gbuf, pkt, dt.glen))
        lost("g");
    g.valid = true;
}

static bool wanted(unsigned i)
{
    for (unsigned k = 0; k < dt.map.n; k++)
        if (dt.refidx[k] == (int)i)
            return true;
    return false;
}

/* Every compared register that 'g' lacks, in one go: the 'p' packets
 * are sent back to back and the replies read after (without acks a stub
 * reads and answers packets in order). */
static void fetch_p(void)
{
    char c[32];
    unsigned list[DT_MAXREGS], n = 0;
    for (unsigned i = 0; i < dt.nref; i++) {
        struct refreg *r = &dt.refregs[i];
        if (r->goff >= 0 || r->refused || r->whole > sizeof g.pcache[0] || !wanted(i))
            continue;
        /* registers packed into one reply are asked for once */
        bool dup = false;
        for (unsigned j = 0; j < n && !dup; j++)
            dup = dt.refregs[list[j]].num == r->num;
        if (!dup)
            list[n++] = i;
    }
    for (unsigned j = 0; j < n; j++) {
        snprintf(c, sizeof c, "p%x", (unsigned)dt.refregs[list[j]].num);
        if (rsp_send_str(&g.r, c))
            lost(c);
        if (!g.r.noack)
            break;
    }
    uint8_t raw[sizeof g.pcache[0]];
    for (unsigned j = 0; j < n; j++) {
        struct refreg *r = &dt.refregs[list[j]];
        if (!g.r.noack && j) {
            snprintf(c, sizeof c, "p%x", (unsigned)r->num);
            if (rsp_send_str(&g.r, c))
                lost(c);
        }
        long len = rsp_recv(&g.r, pkt, sizeof pkt);
        if (len < 0)
            lost("p");
        bool ok = len == (long)(2 * r->whole) && !rsp_unhex(raw, pkt, r->whole);
        for (unsigned i = 0; i < dt.nref; i++) {
            struct refreg *q = &dt.refregs[i];
            if (q->goff >= 0 || q->num != r->num)
                continue;
            memcpy(g.pcache[i], raw + q->sub, q->bytes);
            g.pvalid[i] = true;
            if (!ok)
                q->refused = true;
        }
    }
}

static bool reg(unsigned i, uint8_t *out)
{
    struct refreg *r = &dt.refregs[i];
    if (r->whole > sizeof g.pcache[0] || r->refused)
        return false;
    if (!g.pvalid[i])
        fetch_p();
    if (r->refused)
        return false;
    memcpy(out, g.pcache[i], r->bytes);
    return true;
}

/* A stub without a readable description (qemu-loongarch64 7.2 names one
 * it cannot serve) numbers its registers as our description is assumed
 * to; check each register 'g' lacks against the size of its 'p' reply.
 * A reply that holds several of ours (qemu's loongarch64 "fcc": the
 * eight 1-byte fcc registers in one) packs them, and the numbers after
 * it close up. */
static void check_assumed(void)
{
    char c[32];
    for (unsigned i = 0; i < dt.nref; i++) {
        struct refreg *r = &dt.refregs[i];
        r->whole = r->bytes;
        if (r->goff >= 0)
            continue;
        snprintf(c, sizeof c, "p%x", (unsigned)r->num);
        long len = cmd(c);
        unsigned got = len > 0 && pkt[0] != 'E' ? (unsigned)len / 2 : 0;
        if (got == r->bytes)
            continue;
        unsigned k = r->bytes ? got / r->bytes : 0;
        bool pack = got > r->bytes && got % r->bytes == 0 && i + k <= dt.nref;
        for (unsigned m = 1; pack && m < k; m++)
            pack = dt.refregs[i + m].bytes == r->bytes && dt.refregs[i + m].goff < 0;
        if (!pack) {
            r->refused = true;
            continue;
        }
        for (unsigned m = 0; m < k; m++) {
            dt.refregs[i + m].num = r->num;
            dt.refregs[i + m].whole = got;
            dt.refregs[i + m].sub = m * r->bytes;
        }
        for (unsigned j = i + k; j < dt.nref; j++)
            dt.refregs[j].num -= (int)k - 1;
        i += k - 1;
    }
}

/* ---- moving ---- */

/* Resume ('c' or 's', with a signal to deliver or 0) and wait for the
 * stop.  Returns the reply's kind ('T' a stop, 'W' exited, 'X' killed)
 * and its number (signal or exit status) in *num.  A stub known to read
 * packets only while stopped (qemu) gets the 'g' for the stop right
 * behind the resume, saving a round trip. */
static int resume(char act, int sig, int *num)
{
    char c[32];
    if (sig)
        snprintf(c, sizeof c, g.vcont ? "vCont;%c%02x" : "%c%02x", act - 32, sig);
    else
        snprintf(c, sizeof c, g.vcont ? "vCont;%c" : "%c", act);
    g.valid = false;
    memset(g.pvalid, 0, sizeof g.pvalid);
    bool ahead = g.pipeline;
    if (rsp_send_str(&g.r, c) || (ahead && rsp_send_str(&g.r, "g")))
        lost(c);
    long n = rsp_recv(&g.r, pkt, sizeof pkt);
    if (n >= 3 && (pkt[0] == 'T' || pkt[0] == 'S' || pkt[0] == 'W' || pkt[0] == 'X')) {
        int kind = pkt[0] == 'S' ? 'T' : pkt[0];
        *num = rsp_hexval(pkt[1]) << 4 | rsp_hexval(pkt[2]);
        if (ahead && kind == 'T') {
            n = rsp_recv(&g.r, pkt, sizeof pkt);
            if (n < (long)(2 * dt.glen) || rsp_unhex(dt.gbuf, pkt, dt.glen))
                lost("g");
            g.valid = true;
        }
        return kind;
    }
    lost(n < 0 ? c : pkt);
}

static uint64_t pc_now(void)
{
    fetch();
    return dt_ref_pc();
}

_Noreturn static void ended(struct cpu *c, int kind, int num)
{
    char why[96];
    snprintf(why, sizeof why, "the reference %s %d while trapeze runs on",
             kind == 'W' ? "exited with status" : "was killed by signal",
             kind == 'W' ? num : gdb_signal_to_linux(num));
    dt_diverged(c, why, "");
}

/* Breakpoints stay in until more than NBP are wanted: the points a
 * program comes back to (its syscall wrappers) cost no Z0/z0 each time.
 * A stop at one that is not the target is passed by. */
#define NBP 8
static struct { uint64_t pc; unsigned kind; } bps[NBP];
static unsigned nbps, bp_next;

static bool is_bp(uint64_t pc)
{
    for (unsigned i = 0; i < nbps; i++)
        if (bps[i].pc == pc)
            return true;
    return false;
}

static bool set_bp(uint64_t pc, unsigned kind)
{
    if (g.no_bp)
        return false;
    if (is_bp(pc))
        return true;
    char c[64];
    if (nbps == NBP) {
        unsigned i = bp_next++ % NBP;
        snprintf(c, sizeof c, "z0,%llx,%x", (unsigned long long)bps[i].pc, bps[i].kind);
        cmd(c);
        bps[i] = bps[--nbps];
    }
    snprintf(c, sizeof c, "Z0,%llx,%x", (unsigned long long)pc, kind ? kind : 1);
    cmd(c);
    if (strcmp(pkt, "OK")) {
        g.no_bp = true;
        return false;
    }
    bps[nbps].pc = pc;
    bps[nbps++].kind = kind ? kind : 1;
    return true;
}

static void clear_bp(uint64_t pc)
{
    for (unsigned i = 0; i < nbps; i++)
        if (bps[i].pc == pc) {
            char c[64];
            snprintf(c, sizeof c, "z0,%llx,%x", (unsigned long long)pc, bps[i].kind);
            cmd(c);
            bps[i] = bps[--nbps];
            return;
        }
}

/* Was the stop after a step of the last instruction a trap that
 * instruction raised (brk, ebreak, int3: the pc did not move) rather
 * than the end of the step? */
static bool trapped_in_place(uint64_t before)
{
    const struct hist *last = &dt.h[(dt.nh - 1) % DT_HISTORY];
    return dt.nh && last->cls == IC_SYSTEM && pc_now() == before;
}

/* Run on until the `hits`-th arrival at pc (0: step once).  'c' from a
 * breakpoint would stop there again at once: step off it first.  Signals
 * the reference reports are delivered when it goes on; a SIGTRAP at no
 * breakpoint of ours is the program's own. */
static void run_to(struct cpu *c, uint64_t pc, uint64_t hits, unsigned kind, bool step_only)
{
    bool bp = !step_only && set_bp(pc, kind);
    uint64_t n = 0, cur = pc_now();
    int sig = 0;
    if (g.debug)
        fprintf(stderr, "difftest: run to %#llx x%llu from %#llx\n", (unsigned long long)pc,
                (unsigned long long)hits, (unsigned long long)cur);
    /* at pc now: not an arrival; leave it with a step ('c' from a
     * breakpoint's own address stops there again at once) */
    bool leave = cur == pc;
    for (unsigned sigs = 0; sigs < 64;) {
        /* take away any other breakpoint here: a step at a syscall is
         * overstepped by qemu */
        if (bp && cur != pc && is_bp(cur))
            clear_bp(cur);
        char act = !bp || leave ? 's' : 'c';
        int num, k = resume(act, sig, &num);
        sig = 0;
        if (k != 'T') {
            if (step_only)
                ended(c, k, num);
            char why[160];
            snprintf(why, sizeof why, "the reference %s %d before its arrival %llu of %llu at %#llx",
                     k == 'W' ? "exited with status" : "was killed by signal",
                     k == 'W' ? num : gdb_signal_to_linux(num), (unsigned long long)n + 1,
                     (unsigned long long)hits, (unsigned long long)pc);
            dt_diverged(c, why, "");
        }
        uint64_t was = cur;
        cur = pc_now();
        if (g.debug)
            fprintf(stderr, "difftest:   %c -> %c%02x at %#llx\n", act, k, num, (unsigned long long)cur);
        /* a signal stop (even at pc: it is reported before the breakpoint
         * there): deliver it and go on; the breakpoint fires after */
        if (num != 5 && num != 0) {
            sig = num;
            sigs++;
            leave = false;
            continue;
        }
        if (act == 'c' ? !is_bp(cur) : cur == was && trapped_in_place(was)) {
            sig = 5;            /* the program's own SIGTRAP */
            sigs++;
            leave = false;
            continue;
        }
        sigs = 0;
        leave = cur == pc;
        if (step_only || (cur == pc && ++n == hits))
            return;
    }
    lost("signal after signal");
}

/* One step, or on to to_pc after a kernel entry (qemu-user's single step
 * over a syscall runs one instruction too many, and a signal delivery
 * should end at the handler, where trapeze is). */
static void step(struct cpu *c, uint64_t to_pc, unsigned kind)
{
    /* back at the same instruction: a trap only trapeze's kernel had
     * (lazy FP enabling), or a restart */
    if (to_pc && to_pc == pc_now())
        return;
    run_to(c, to_pc, 1, kind, !to_pc);
}

/* On to the hits-th arrival at pc, counted from here. */
static void reach(struct cpu *c, uint64_t pc, uint64_t hits, unsigned kind)
{
    if (hits)
        run_to(c, pc, hits, kind, false);
}

/* The guest ended on our side at the instruction the reference stands
 * at: it must end there too. */
static bool finish(int code, int sig, char *what, size_t wn)
{
    uint64_t from = pc_now();
    int pass = 0;
    for (int tries = 0; tries < 8; tries++) {
        int num, k = resume('s', pass, &num);
        pass = 0;
        if (k == 'W') {
            snprintf(what, wn, "exited with status %d", num);
            return !sig && num == code;
        }
        if (k == 'X') {
            int s = gdb_signal_to_linux(num);
            snprintf(what, wn, "was killed by signal %d", s);
            return sig && s == sig;
        }
        if (num != 5 && num != 0) {
            pass = num;
            continue;
        }
        if (trapped_in_place(from)) {
            pass = 5;
            continue;
        }
        /* qemu's step over a syscall runs one more instruction before it
         * reports the signal that syscall raised */
        if (sig && tries < 2)
            continue;
        snprintf(what, wn, "went on at %#llx", (unsigned long long)pc_now());
        return false;
    }
    snprintf(what, wn, "did not end");
    return false;
}

/* A mapping a syscall gave us at another address: ours moves to theirs
 * (the register itself is then taken from the reference). */
static bool adopt_mapping(struct cpu *c, unsigned k, uint64_t ours, uint64_t theirs)
{
    (void)c, (void)k;
    dt_move_mapping(ours, theirs);
    return false;
}

/* ---- the first stop ---- */

static int read_mem(uint64_t a, void *buf, size_t len)
{
    char c[64];
    for (size_t part = 0; part < len; part += 1024) {
        size_t k = len - part < 1024 ? len - part : 1024;
        snprintf(c, sizeof c, "m%llx,%zx", (unsigned long long)(a + part), k);
        long n = cmd(c);
        if (n != (long)(2 * k) || rsp_unhex((uint8_t *)buf + part, pkt, k))
            return -1;
    }
    return 0;
}

static int write_mem(uint64_t a, const void *buf, size_t len)
{
    char c[64 + 1024];
    for (size_t part = 0; part < len; part += 512) {
        size_t k = len - part < 512 ? len - part : 512;
        int o = snprintf(c, 64, "M%llx,%zx:", (unsigned long long)(a + part), k);
        rsp_hex(c + o, (const uint8_t *)buf + part, k);
        cmd(c);
        if (strcmp(pkt, "OK"))
            return -1;
    }
    return 0;
}

static int write_reg(unsigned i, const uint8_t *val)
{
    char c[64 + 256];
    if (dt.refregs[i].bytes > 64)
        return -1;
    int o = snprintf(c, 64, "P%x=", (unsigned)dt.refregs[i].num);
    rsp_hex(c + o, val, dt.refregs[i].bytes);
    cmd(c);
    g.valid = false;
    memset(g.pvalid, 0, sizeof g.pvalid);
    return strcmp(pkt, "OK") ? -1 : 0;
}

/* Read the reference's memory at a (4096 bytes) into page. */
static bool read_page(uint64_t a, uint8_t *page)
{
    return !read_mem(a, page, 4096);
}

/* Same program, same entry.  The reference's initial stack (argv, envp,
 * auxv) lies elsewhere than ours: copy it in, so both run on the same
 * bytes at the same addresses, and start from its registers. */
static void sync_start(struct cpu *c, const struct dinsn *d)
{
    uint64_t rpc = pc_now();
    if (dt.refidx[dt.map.pc] < 0)
        dt_fail("the reference has no pc register");
    if (rpc != d->pc)
        dt_fail("the reference starts at %#llx, trapeze at %#llx: not the same program (or a PIE "
                "at another base)?", (unsigned long long)rpc, (unsigned long long)d->pc);
    uint64_t rsp = 0;
    for (unsigned k = 0; k < dt.map.n; k++) {
        int i = dt.refidx[k];
        const struct reg_desc *rd = dt.map.idx[k] >= 0 ? &c->arch->regs[dt.map.idx[k]] : NULL;
        if (i >= 0 && rd && rd->kind == RK_DATA_PTR && (!strcmp(rd->name, "sp") ||
            !strcmp(rd->name, "rsp") || !strcmp(rd->name, "r3") || !strcmp(rd->name, "x2"))) {
            uint8_t b[16];
            if (dt_theirs((unsigned)i, b))
                memcpy(&rsp, b, 8);
        }
    }
    if (rsp) {
        static uint8_t page[4096];
        uint64_t ps = guest_mem->page_size;
        /* the reference's stack: from its sp up to where reads stop */
        uint64_t lo = rsp & ~4095ull, hi = lo;
        while (hi - lo < (64u << 20) && read_page(hi, page)) {
            if (!mem_find(guest_mem, hi) &&
                mem_map(guest_mem, hi & ~(ps - 1), ps, PROT_R | PROT_W, -1, 0, false, "[stack]")) {
                if (hi >= guest_mem->size)
                    dt_fail("cannot map the reference's stack at %#llx: beyond this CPU's %#llx-byte "
                            "address space (qemu-user: -R %#llx keeps the reference inside it)",
                            (unsigned long long)hi, (unsigned long long)guest_mem->size,
                            (unsigned long long)guest_mem->size);
                dt_fail("cannot map the reference's stack at %#llx", (unsigned long long)hi);
            }
            if (copy_to_user(hi, page, 4096))
                dt_fail("cannot copy the reference's stack");
            hi += 4096;
        }
        /* below sp: as far down as the reference's stack goes (probed in
         * 1 MiB steps, then bisected, one byte read each), so that it
         * grows and overflows at the same place; its dead bytes are zeros */
        uint64_t good = lo, bad = 0;
        for (uint64_t a = lo; a >= (1u << 20) && lo - a < (64u << 20);) {
            uint8_t byte;
            a -= 1u << 20;
            if (read_mem(a, &byte, 1)) {
                bad = a;
                break;
            }
            good = a;
        }
        while (bad && good - bad > 4096) {
            uint64_t mid = (bad + (good - bad) / 2) & ~4095ull;
            uint8_t byte;
            if (mid <= bad || mid >= good)
                break;
            if (!read_mem(mid, &byte, 1))
                good = mid;
            else
                bad = mid;
        }
        uint64_t low = (good + ps - 1) & ~(ps - 1);
        for (uint64_t a = low; a < lo; a += ps)
            if (!mem_find(guest_mem, a) &&
                mem_map(guest_mem, a, ps, PROT_R | PROT_W, -1, 0, false, "[stack]"))
                break;
    }
    for (unsigned k = 0; k < dt.map.n; k++) {
        int i = dt.refidx[k];
        uint8_t b[128] = {0};
        if (i >= 0 && (int)k != dt.map.pc && dt_theirs((unsigned)i, b))
            c->arch->reg_set(c, (unsigned)dt.map.idx[k], b);
    }
}

static void forget(void)
{
    close(g.r.fd);
}

static const struct dt_ref gdb_ref = {
    .sync_start = sync_start,
    .fetch = fetch,
    .reg = reg,
    .step = step,
    .reach = reach,
    .finish = finish,
    .adopt_mapping = adopt_mapping,
    .read_mem = read_mem,
    .write_mem = write_mem,
    .write_reg = write_reg,
    .forget = forget,
};

int dt_gdb_start(struct cpu *c, const char *where)
{
    int fd = rsp_connect(where, 5000);
    if (fd < 0) {
        fprintf(stderr, "trapeze: --difftest gdb:%s: %s\n", where, strerror(errno));
        return -1;
    }
    g.r = (struct rsp){.fd = dt_private_fd(fd)};
    dt.ref = &gdb_ref;
    long n = cmd("qSupported:swbreak+;vContSupported+");
    bool xml = n > 0 && strstr(pkt, "qXfer:features:read+");
    if (n > 0 && strstr(pkt, "QStartNoAckMode+")) {
        cmd("QStartNoAckMode");
        if (!strcmp(pkt, "OK"))
            g.r.noack = true;
    }
    /* qemu's gdbstub answers this one; it reads nothing while running */
    n = cmd("qqemu.sstepbits");
    g.pipeline = n > 7 && !strncmp(pkt, "ENABLE=", 7) && g.r.noack;
    n = cmd("vCont?");
    g.vcont = n > 0 && strstr(pkt, ";s") != NULL;
    cmd("?");
    int next = 0;
    char *x = xml ? xfer("target.xml") : NULL;
    if (x)
        parse_regs(x, 0, &next);
    bool assumed = dt.nref < 10;
    if (assumed) {
        dt.nref = 0;
        dt_regs_from_ours();
    }
    layout_g();
    for (unsigned i = 0; i < dt.nref; i++)
        dt.refregs[i].whole = dt.refregs[i].bytes;
    if (assumed)
        check_assumed();
    dt_map_regs();
    g.debug = getenv("TRAPEZE_DIFFTEST_DEBUG") != NULL;
    if (g.debug) {
        fprintf(stderr, "difftest: reference registers (%s, 'g' has %zu bytes):",
                x ? "from its description" : "assumed", dt.glen);
        for (unsigned i = 0; i < dt.nref; i++)
            fprintf(stderr, " %s/%d@%d%s", dt.refregs[i].name, dt.refregs[i].num, dt.refregs[i].goff,
                    dt.refregs[i].refused ? "(refused)" : "");
        fprintf(stderr, "\n");
    }
    free(x);
    (void)c;
    return 0;
}
