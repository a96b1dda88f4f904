/* The tracer (see trace.h).  Instruction and trap events come from the
 * engine's hooks; syscall and signal events from the kernel.  Every event
 * carries the cycle count of the timing model. */
#ifndef TRAPEZE_NO_TRACE     /* configure --disable-trace leaves the tracer out */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../config.h"
#include "../oskernel/errno_linux.h"
#include "../oskernel/kernel.h"
#include "../oskernel/signal.h"
#include "disasm_capstone.h"
#include "hooks.h"
#include "machine.h"
#include "symbols.h"
#include "timing.h"
#include "trace.h"
#include "trace_arch.h"
#include "trace_svg.h"

unsigned trace_events;

static FILE *out;
static struct trace_opts opt;
static bool first_json = true;
static bool use_capstone;               /* --disasm capstone */

/* what the traced CPU's model adds (sim/<arch>/trace.c) */
static const struct trace_arch *arch_views[8];
static unsigned narch_views;
static const struct trace_arch *view;
static const struct trace_text *dialect;        /* text lines in the arch's dialect */

/* signal-path state: a stack of paths in flight (nested signals) */
#define MAX_DEPTH 16
struct path {
    int sig;
    uint64_t start;
    uint64_t handler, trampoline, resume;
    uint64_t frame_end;         /* frame address + size: the handler's stack starts below */
    int stage;                  /* last stage seen */
    unsigned id;
};
static struct path paths[MAX_DEPTH];
static int depth;
static unsigned paths_started;
/* per guest thread (each runs on a host thread of its own) */
static __thread bool thread_seen;       /* this thread ran an instruction under the hooks */
static __thread bool was_priv;          /* privilege before the current instruction */
static __thread uint64_t boundary_pc;   /* c->pc at the last block boundary */
static __thread uint64_t cycles_before; /* c->cycles before the current instruction */
static __thread char kernel_what[64];   /* what the kernel did in the current instruction */

/* register snapshot for "register writes" in insn events */
static __thread uint8_t (*regs_before)[64];

static bool in_window(uint64_t cyc)
{
    return cyc >= opt.cycle_lo && (!opt.cycle_hi || cyc <= opt.cycle_hi);
}

static bool recording(void)
{
    return !(trace_events & TR_PATH) || depth > 0;
}

void trace_arch_register(const struct trace_arch *t)
{
    if (narch_views < sizeof arch_views / sizeof arch_views[0])
        arch_views[narch_views++] = t;
}

int trace_set_disasm(const char *name)
{
    if (!strcmp(name, "trapeze")) {
        use_capstone = false;
        return 0;
    }
    if (!strcmp(name, "capstone")) {
        if (!HAVE_CAPSTONE) {
            fprintf(stderr, "trapeze: --disasm capstone: this trapeze was built without Capstone "
                            "(install libcapstone-dev and run ./configure again)\n");
            return -1;
        }
        use_capstone = true;
        return 0;
    }
    fprintf(stderr, "trapeze: --disasm: unknown disassembler '%s' (trapeze or capstone)\n", name);
    return -1;
}

int trace_parse_events(const char *s, unsigned *outm)
{
    unsigned m = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *save, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (!strcmp(t, "insn")) m |= TR_INSN;
        else if (!strcmp(t, "trap")) m |= TR_TRAP;
        else if (!strcmp(t, "syscall")) m |= TR_SYSCALL;
        else if (!strcmp(t, "signal")) m |= TR_SIGNAL;
        else if (!strcmp(t, "mem")) m |= TR_MEM;
        else if (!strcmp(t, "signal-path")) m |= TR_PATH | TR_INSN | TR_TRAP | TR_SIGNAL | TR_SYSCALL;
        else if (!strcmp(t, "all")) m |= TR_INSN | TR_TRAP | TR_SYSCALL | TR_SIGNAL | TR_MEM;
        else return -1;
    }
    *outm = m;
    return 0;
}

/* ---- writers --------------------------------------------------------------- */

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch < 0x20)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

/* One event.  kv is "key=value" pairs separated by '\x1f'; values that
 * start with '#' are numbers in JSON, others strings. */
static void emit(struct cpu *c, const char *ev, uint64_t pc, const char *kv,
                 char ph, const char *span)
{
    uint64_t cyc = c->cycles;
    if (!out || !in_window(cyc))
        return;
    char sym[160] = "";
    if (pc)
        symbols_format(pc, sym, sizeof sym);
    if (opt.format == TF_TEXT) {
        fprintf(out, "%12llu  %-10s", (unsigned long long)cyc, ev);
        if (pc)
            fprintf(out, " %016llx %-28s", (unsigned long long)pc, sym[0] ? sym : "-");
        for (const char *p = kv; p && *p;) {
            const char *e = strchr(p, '\x1f');
            size_t n = e ? (size_t)(e - p) : strlen(p);
            const char *eq = memchr(p, '=', n);
            if (eq && eq[1] == '#')
                fprintf(out, " %.*s%.*s", (int)(eq - p + 1), p, (int)(n - (size_t)(eq - p) - 2), eq + 2);
            else
                fprintf(out, " %.*s", (int)n, p);
            p = e ? e + 1 : p + n;
        }
        fputc('\n', out);
        return;
    }
    if (opt.format == TF_PERFETTO) {
        fputs(first_json ? "\n" : ",\n", out);
        first_json = false;
        fprintf(out, "{\"ph\":\"%c\",\"pid\":1,\"tid\":1,\"ts\":%llu,\"name\":", ph,
                (unsigned long long)cyc);
        json_str(out, span ? span : ev);
        fprintf(out, ",\"cat\":\"%s\"", ev);
        if (ph == 'i')
            fputs(",\"s\":\"t\"", out);
        fputs(",\"args\":{", out);
    } else {
        fprintf(out, "{\"cycle\":%llu,\"ev\":\"%s\"", (unsigned long long)cyc, ev);
    }
    bool first = opt.format == TF_PERFETTO;
    if (pc) {
        fprintf(out, "%s\"pc\":\"0x%llx\"", first ? "" : ",", (unsigned long long)pc);
        first = false;
        if (sym[0]) {
            fputs(",\"sym\":", out);
            json_str(out, sym);
        }
    }
    for (const char *p = kv; p && *p;) {
        const char *e = strchr(p, '\x1f');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *eq = memchr(p, '=', n);
        if (eq) {
            fprintf(out, "%s\"%.*s\":", first ? "" : ",", (int)(eq - p), p);
            first = false;
            char val[512];
            snprintf(val, sizeof val, "%.*s", (int)(n - (size_t)(eq - p) - 1), eq + 1);
            if (val[0] == '#')
                fputs(val + 1, out);
            else
                json_str(out, val);
        }
        p = e ? e + 1 : p + n;
    }
    fputs(opt.format == TF_PERFETTO ? "}}" : "}\n", out);
}

/* kv builder */
struct kvbuf {
    char s[2048];
    size_t n;
};
static void kv(struct kvbuf *b, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void kv(struct kvbuf *b, const char *key, const char *fmt, ...)
{
    if (b->n >= sizeof b->s - 8)
        return;
    int w = snprintf(b->s + b->n, sizeof b->s - b->n, "%s%s=", b->n ? "\x1f" : "", key);
    if (w < 0)
        return;
    b->n += (size_t)w;
    va_list ap;
    va_start(ap, fmt);
    w = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (w > 0)
        b->n += (size_t)w;
    if (b->n >= sizeof b->s)
        b->n = sizeof b->s - 1;
}

/* ---- instruction and trap events (engine hooks) ----------------------------- */

static void snapshot(struct cpu *c)
{
    const struct arch *a = c->arch;
    for (unsigned i = 0; i < a->nregs && a->reg_get; i++)
        if (a->regs[i].group < 2)
            a->reg_get(c, i, regs_before[i]);
}

static void reg_hex(char *o, size_t osz, const uint8_t *v, unsigned bytes)
{
    size_t k = 0;
    k += (size_t)snprintf(o + k, osz - k, "0x");
    for (unsigned i = bytes; i-- > 0 && k + 3 < osz;)
        k += (size_t)snprintf(o + k, osz - k, "%02x", v[i]);
}

static void put_kv(void *ctx, const char *name, uint64_t v)
{
    kv(ctx, name, "0x%llx", (unsigned long long)v);
}

static void sysregs(struct cpu *c, struct kvbuf *b)
{
    if (view && view->trap_regs) {
        view->trap_regs(c, put_kv, b);
        return;
    }
    const struct arch *a = c->arch;
    for (unsigned i = 0; i < a->nregs && a->reg_get; i++) {
        if (a->regs[i].group != 2)
            continue;
        uint8_t v[64] = {0};
        int n = a->reg_get(c, i, v);
        char h[140];
        reg_hex(h, sizeof h, v, n > 0 && n <= 64 ? (unsigned)n : 8);
        kv(b, a->regs[i].name, "%s", h);
    }
}

static bool want_insn(uint64_t pc)
{
    return !opt.addr_hi || (pc >= opt.addr_lo && pc < opt.addr_hi);
}

static void hook_boundary(struct cpu *c)
{
    boundary_pc = c->pc;
}

static void path_pop(struct cpu *c, uint64_t pc);
static void path_hooks(struct cpu *c, bool on);

static bool hook_before(struct cpu *c, const struct dinsn *d)
{
    bool priv = c->arch->privileged(c);
    if (!thread_seen) {
        /* a new thread starts in the kernel stub, as its parent left it */
        thread_seen = true;
        was_priv = priv;
        if ((trace_events & TR_INSN) && !regs_before)
            regs_before = calloc(c->arch->nregs ? c->arch->nregs : 1, sizeof *regs_before);
    }
    if (priv && !was_priv && (trace_events & TR_TRAP) && recording()) {
        /* the kernel was entered between two instructions: an interrupt */
        if (dialect) {
            if (out && in_window(c->cycles))
                dialect->interrupt(out, c->cycles, c);
        } else {
            struct kvbuf b = {.n = 0};
            kv(&b, "vector", "0x%llx", (unsigned long long)d->pc);
            kv(&b, "kind", "interrupt");
            sysregs(c, &b);
            emit(c, "trap", boundary_pc, b.s, 'i', "interrupt");
        }
    }
    was_priv = priv;
    cycles_before = c->cycles;
    kernel_what[0] = 0;
    /* A handler that left by longjmp popped its frame without sigreturn:
     * its path ends when the stack pointer is back above the frame. */
    while (depth > 0 && !priv && paths[depth - 1].frame_end && kern->abi->stack_pointer &&
           paths[depth - 1].stage >= SIG_HANDLER && paths[depth - 1].stage < SIG_SIGRETURN &&
           kern->abi->stack_pointer(c) >= paths[depth - 1].frame_end) {
        path_pop(c, d->pc);
    }
    if (depth > 0 && !priv) {
        struct path *p = &paths[depth - 1];
        struct sig_event e = {.sig = p->sig};
        if (p->stage == SIG_FRAME && d->pc == p->handler)
            trace_signal(c, SIG_HANDLER, &e);
        else if (p->stage == SIG_HANDLER && d->pc == p->trampoline)
            trace_signal(c, SIG_TRAMPOLINE, &e);
        else if (p->stage == SIG_RESTORED && d->pc == p->resume)
            trace_signal(c, SIG_RESUMED, &e);
    }
    /* outside a signal path only in the kernel, where one may begin */
    bool may_record = recording() || priv;
    if (dialect && may_record)
        dialect->snapshot(c);
    else if ((trace_events & TR_INSN) && regs_before && may_record)
        snapshot(c);
    if (trace_events & TR_MEM) {
        struct mem_access drop[4];
        while (mem_trace_take(drop, 4) == 4)
            ;       /* accesses made outside instructions (the kernel) */
    }
    return true;
}

/* Memory events of the instruction that just ran: the value is read back
 * after it, so a load shows what it read and a store what it wrote. */
static void mem_events(struct cpu *c, const struct dinsn *d)
{
    struct mem_access acc[16];
    unsigned n = mem_trace_take(acc, 16);
    for (unsigned i = 0; i < n; i++) {
        struct kvbuf b = {.n = 0};
        uint8_t v[16] = {0};
        unsigned sz = acc[i].size <= 16 ? acc[i].size : 16;
        kv(&b, "kind", "%s", acc[i].acc == ACC_WRITE ? "write" : "read");
        kv(&b, "addr", "0x%llx", (unsigned long long)acc[i].addr);
        kv(&b, "size", "#%u", acc[i].size);
        if (!c->trapped && copy_from_user(v, acc[i].addr, sz) == 0) {
            char h[40];
            reg_hex(h, sizeof h, v, sz);
            kv(&b, "value", "%s", h);
        }
        emit(c, "mem", d->pc, b.s, 'i', "mem");
    }
}

/* The instruction's bytes and disassembly (trapeze's or Capstone's). */
static bool insn_text(struct cpu *c, const struct dinsn *d, uint8_t *bytes, unsigned *np,
                      char *text, size_t textsz)
{
    unsigned n = d->len ? d->len : 4;
    if (n > 16)
        n = 16;
    *np = n;
    text[0] = 0;
    bool got;
    if (d->pc >= guest_mem->ktext_base && d->pc - guest_mem->ktext_base + n <= sizeof guest_mem->ktext) {
        memcpy(bytes, guest_mem->ktext + (d->pc - guest_mem->ktext_base), n);
        got = true;
    } else {
        got = copy_from_user(bytes, d->pc, n) == 0;
    }
    if (!got)
        return false;
    if (use_capstone) {
        if (!capstone_disasm(d->pc, bytes, n, text, textsz))
            snprintf(text, textsz, "<unknown>");
    } else if (c->arch->disasm) {
        c->arch->disasm(d->pc, bytes, n, text, textsz);
    }
    /* the kernel text holds only the stub: its one private encoding */
    if (!strcmp(text, "<unknown>") && d->pc - guest_mem->ktext_base < sizeof guest_mem->ktext)
        snprintf(text, textsz, "kcall");
    return true;
}

/* The arch's dialect writes the whole record of the instruction. */
static void dialect_after(struct cpu *c, const struct dinsn *d)
{
    unsigned ev = trace_events & (TR_TRAP | (want_insn(d->pc) ? TR_INSN | TR_MEM : 0));
    struct trace_mem m[16];
    unsigned nm = 0;
    if (ev & TR_MEM) {
        struct mem_access acc[16];
        nm = mem_trace_take(acc, 16);
        for (unsigned i = 0; i < nm; i++) {
            m[i] = (struct trace_mem){.acc = acc[i].acc, .addr = acc[i].addr, .size = acc[i].size};
            unsigned sz = m[i].size <= 16 ? m[i].size : 16;
            m[i].have_value = !c->trapped && copy_from_user(m[i].value, m[i].addr, sz) == 0;
        }
    }
    if (!out || !in_window(c->cycles))
        return;
    uint8_t bytes[16];
    unsigned n;
    char text[128] = "";
    if (ev & TR_INSN)
        insn_text(c, d, bytes, &n, text, sizeof text);
    dialect->insn(out, c->cycles, c, d, text, m, nm, ev);
}

static void insn_events(struct cpu *c, const struct dinsn *d, bool entered, bool left);

static void hook_after(struct cpu *c, const struct dinsn *d)
{
    bool priv = c->arch->privileged(c);
    bool entered = c->trapped || (!was_priv && priv);
    bool left = !entered && was_priv && !priv;
    was_priv = priv;
    if (!recording())
        return;
    if (dialect) {
        dialect_after(c, d);
    } else {
        insn_events(c, d, entered, left);
        if ((trace_events & TR_MEM) && want_insn(d->pc))
            mem_events(c, d);
    }
    /* the kernel's work inside the kcall, as a span on its own track */
    uint64_t spent = c->cycles - cycles_before;
    if (opt.format == TF_PERFETTO && out && (trace_events & TR_TRAP) && spent > timing_cost(d) &&
        in_window(cycles_before)) {
        fputs(first_json ? "\n" : ",\n", out);
        first_json = false;
        fprintf(out, "{\"ph\":\"X\",\"pid\":1,\"tid\":2,\"ts\":%llu,\"dur\":%llu,\"cat\":\"kernel\",\"name\":",
                (unsigned long long)cycles_before, (unsigned long long)spent);
        char what[80];
        snprintf(what, sizeof what, "kernel%s%s", kernel_what[0] ? ": " : "", kernel_what);
        json_str(out, what);
        fputs(",\"args\":{}}", out);
    }
}

static void insn_event(struct cpu *c, const struct dinsn *d);

/* The instruction, then the trap it took or the return it made. */
static void insn_events(struct cpu *c, const struct dinsn *d, bool entered, bool left)
{
    insn_event(c, d);
    if (entered && (trace_events & TR_TRAP)) {
        struct kvbuf b = {.n = 0};
        kv(&b, "vector", "0x%llx", (unsigned long long)c->pc);
        sysregs(c, &b);
        emit(c, "trap", d->pc, b.s, 'i', "trap");
    }
    if (left && (trace_events & TR_TRAP)) {
        struct kvbuf b = {.n = 0};
        kv(&b, "to", "0x%llx", (unsigned long long)c->pc);
        sysregs(c, &b);
        emit(c, "trap-return", c->pc, b.s, 'i', "return to user");
    }
}

static void insn_event(struct cpu *c, const struct dinsn *d)
{
    if (!(trace_events & TR_INSN) || !want_insn(d->pc))
        return;
    struct kvbuf b = {.n = 0};
    uint8_t bytes[16];
    unsigned n;
    char text[128] = "";
    bool got = insn_text(c, d, bytes, &n, text, sizeof text);
    char enc[40] = "";
    for (unsigned i = 0; got && i < n; i++)
        snprintf(enc + 2 * i, sizeof enc - 2 * i, "%02x", bytes[n - 1 - i]);
    kv(&b, "enc", "%s", enc);
    kv(&b, "asm", "%s", text);
    if (c->trapped)
        kv(&b, "trapped", "#true");
    const struct arch *a = c->arch;
    for (unsigned i = 0; regs_before && i < a->nregs && a->reg_get; i++) {
        /* the pc is the next event's; system registers go with traps */
        if (a->regs[i].group >= 2 || a->regs[i].kind == RK_CODE_PTR)
            continue;
        uint8_t v[64] = {0};
        int w = a->reg_get(c, i, v);
        if (w <= 0 || w > 64 || !memcmp(v, regs_before[i], (size_t)w))
            continue;
        char h[140];
        reg_hex(h, sizeof h, v, (unsigned)w);
        kv(&b, a->regs[i].name, "%s", h);
    }
    emit(c, "insn", d->pc, b.s, 'i', text);
}

/* signal-path with the hooks off: a kcall is where a path may begin, so
 * it is looked at as the hooks would before it runs */
static void hook_kernel_entry_off(struct cpu *c)
{
    boundary_pc = c->cur->pc;
    hook_before(c, c->cur);
}

static const struct exec_hooks trace_hooks = {
    .before = hook_before, .after = hook_after, .boundary = hook_boundary,
    .kernel_entry_off = hook_kernel_entry_off,
};

/* ---- kernel events ------------------------------------------------------------ */

void trace_syscall(struct cpu *c, const char *name, long nr, const uint64_t a[6], long ret)
{
    if (!kernel_what[0])
        snprintf(kernel_what, sizeof kernel_what, "%s", name ? name : "syscall");
    if (!(trace_events & TR_SYSCALL) || !recording())
        return;
    struct kvbuf b = {.n = 0};
    kv(&b, "name", "%s", name ? name : "?");
    kv(&b, "nr", "#%ld", nr);
    for (int i = 0; i < 6; i++) {
        char k[8];
        snprintf(k, sizeof k, "a%d", i);
        kv(&b, k, "0x%llx", (unsigned long long)a[i]);
    }
    if (ret != -EJUSTRETURN)        /* rt_sigreturn: the registers are the frame's */
        kv(&b, "ret", "#%ld", ret);
    emit(c, "syscall", 0, b.s, 'i', name);
}

static const char *const stage_names[] = {
    [SIG_GENERATED] = "generated", [SIG_DELIVER] = "deliver", [SIG_FRAME] = "frame",
    [SIG_HANDLER] = "handler", [SIG_TRAMPOLINE] = "trampoline", [SIG_SIGRETURN] = "sigreturn",
    [SIG_RESTORED] = "restored", [SIG_RESUMED] = "resumed", [SIG_DEFAULT] = "default-action",
};

void trace_signal(struct cpu *c, enum sig_stage st, const struct sig_event *e)
{
    if (!trace_events)
        return;
    if (st == SIG_DELIVER) {
        size_t k = strlen(kernel_what);
        snprintf(kernel_what + k, sizeof kernel_what - k, "%sdeliver %s", k ? ", " : "",
                 signal_display_name(e->sig));
    }
    /* path bookkeeping (also drives the picture) */
    if (st == SIG_DELIVER) {
        if (depth < MAX_DEPTH && (!opt.max_paths || paths_started < opt.max_paths)) {
            paths[depth++] = (struct path){.sig = e->sig, .start = c->cycles, .stage = st,
                                           .id = paths_started++};
            if (depth == 1)
                path_hooks(c, true);
            /* nested: the enclosing path is inside its handler */
            svg_path_begin(paths[depth - 1].id, e->sig, depth > 1 && paths[depth - 2].stage >= SIG_HANDLER
                           ? depth : 1, c->cycles);
        }
    }
    struct path *p = depth ? &paths[depth - 1] : NULL;
    if (p && p->sig == e->sig && st != SIG_DELIVER) {
        if (st == SIG_FRAME) {
            p->handler = e->handler;
            p->trampoline = e->trampoline;
            p->frame_end = e->addr + e->size;
        }
        if (st == SIG_RESTORED)
            p->resume = e->resume;
        p->stage = st;
        svg_path_stage(p->id, stage_names[st], c->cycles);
    }
    /* past --trace-max-paths, only the stages of a recorded path are shown
     * (a generation precedes its path: shown while paths are recorded) */
    bool more = !opt.max_paths || paths_started < opt.max_paths;
    bool mine = more || (p && p->sig == e->sig);
    if ((trace_events & TR_SIGNAL) && mine && (recording() || (st == SIG_GENERATED && more))) {
        struct kvbuf b = {.n = 0};
        kv(&b, "stage", "%s", stage_names[st]);
        kv(&b, "sig", "#%d", e->sig);
        switch (st) {
        case SIG_GENERATED:
            kv(&b, "code", "#%d", e->code);
            kv(&b, "sender", "#%d", e->sender);
            kv(&b, "why", "%s", e->why ? e->why : "");
            kv(&b, "addr", "0x%llx", (unsigned long long)e->addr);
            break;
        case SIG_FRAME:
            kv(&b, "frame", "0x%llx", (unsigned long long)e->addr);
            kv(&b, "size", "#%llu", (unsigned long long)e->size);
            kv(&b, "handler", "0x%llx", (unsigned long long)e->handler);
            kv(&b, "trampoline", "0x%llx", (unsigned long long)e->trampoline);
            break;
        case SIG_RESTORED:
            kv(&b, "resume", "0x%llx", (unsigned long long)e->resume);
            break;
        default:
            break;
        }
        char span[64];
        snprintf(span, sizeof span, "%s %s", signal_display_name(e->sig), stage_names[st]);
        uint64_t pc = 0;
        if (p && p->sig == e->sig)
            pc = st == SIG_HANDLER ? p->handler : st == SIG_TRAMPOLINE ? p->trampoline
                 : st == SIG_RESUMED ? p->resume : 0;
        if (opt.format == TF_PERFETTO) {
            /* spans: the whole path, and handler..trampoline nested in it */
            char ph = 'i';
            if (st == SIG_DELIVER)
                ph = 'B', snprintf(span, sizeof span, "%s path", signal_display_name(e->sig));
            if (st == SIG_HANDLER)
                ph = 'B', snprintf(span, sizeof span, "%s handler", signal_display_name(e->sig));
            if (st == SIG_TRAMPOLINE)
                ph = 'E', snprintf(span, sizeof span, "%s handler", signal_display_name(e->sig));
            if (st == SIG_RESUMED)
                ph = 'E', snprintf(span, sizeof span, "%s path", signal_display_name(e->sig));
            emit(c, "signal", pc, b.s, ph, span);
        } else {
            emit(c, "signal", pc, b.s, 'i', span);
        }
    }
    if (st == SIG_RESUMED && depth > 0) {
        svg_path_end(paths[depth - 1].id, c->cycles);
        depth--;
        if (depth == 0)
            path_hooks(c, false);
    }
}

/* A path that ends without its resumption (a handler that left by
 * longjmp): its spans are closed where that was seen. */
static void path_pop(struct cpu *c, uint64_t pc)
{
    struct path *p = &paths[depth - 1];
    svg_path_stage(p->id, "left by longjmp", c->cycles);
    svg_path_end(p->id, c->cycles);
    if (trace_events & TR_SIGNAL) {
        char span[64];
        struct kvbuf b = {.n = 0};
        kv(&b, "stage", "longjmp");
        kv(&b, "sig", "#%d", p->sig);
        if (opt.format == TF_PERFETTO) {
            if (p->stage < SIG_TRAMPOLINE) {
                snprintf(span, sizeof span, "%s handler", signal_display_name(p->sig));
                emit(c, "signal", pc, b.s, 'E', span);
            }
            snprintf(span, sizeof span, "%s path", signal_display_name(p->sig));
            emit(c, "signal", pc, b.s, 'E', span);
        } else {
            snprintf(span, sizeof span, "%s longjmp", signal_display_name(p->sig));
            emit(c, "signal", pc, b.s, 'i', span);
        }
    }
    depth--;
    if (depth == 0)
        path_hooks(c, false);
}

/* With signal-path, nothing outside a path is recorded: the hooks are
 * off there, so the program runs at full speed between signals.  They
 * come on when a signal is delivered, in the kernel. */
static bool hooks_only_in_paths(void)
{
    /* syscall and signal events come from the kernel; inside a path the
     * hooks see the handler, trampoline and resumption being reached */
    return (trace_events & TR_PATH) || !(trace_events & (TR_INSN | TR_TRAP | TR_MEM));
}

static void path_hooks(struct cpu *c, bool on)
{
    if (!hooks_only_in_paths())
        return;
    hooks_enable(c, &trace_hooks, on);
}

int trace_current_signal(void)
{
    return depth ? paths[depth - 1].sig : 0;
}

/* ---- start and finish ----------------------------------------------------------- */

int trace_start(struct cpu *c, const struct trace_opts *o)
{
    opt = *o;
    if (use_capstone && capstone_open(c->arch->e_machine, c->arch->name))
        return -1;
    for (unsigned i = 0; i < narch_views; i++)
        if (arch_views[i]->arch == c->arch)
            view = arch_views[i];
    dialect = opt.format == TF_TEXT && view ? view->text : NULL;
    if (opt.file) {
        out = fopen(opt.file, "w");
        if (!out) {
            perror(opt.file);
            return -1;
        }
        setvbuf(out, NULL, _IOFBF, 1 << 16);
    }
    if (opt.format == TF_PERFETTO && out) {
        fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"clock\":\"trapeze timing-model cycles\"},"
              "\"traceEvents\":[",
              out);
        /* names of the two tracks: the CPU, and the kernel's work */
        fputs("\n{\"ph\":\"M\",\"pid\":1,\"tid\":1,\"name\":\"thread_name\",\"args\":{\"name\":\"cpu\"}},"
              "\n{\"ph\":\"M\",\"pid\":1,\"tid\":2,\"name\":\"thread_name\",\"args\":{\"name\":\"kernel\"}}",
              out);
        first_json = false;
    }
    if (opt.addr_sym) {
        uint64_t a = symbols_lookup(opt.addr_sym);
        if (!a) {
            fprintf(stderr, "trapeze: --trace-range: no symbol %s\n", opt.addr_sym);
            return -1;
        }
        opt.addr_lo = a;
        opt.addr_hi = a + symbols_size(opt.addr_sym);
    }
    if (opt.svg)
        svg_start(opt.svg);
    trace_events = opt.events ? opt.events : TR_SIGNAL;
    if (trace_events & TR_MEM)
        mem_trace_enable(true);
    hooks_add(&trace_hooks);
    if (hooks_only_in_paths())
        hooks_enable(c, &trace_hooks, false);
    return 0;
}

void trace_finish(struct cpu *c)
{
    if (!trace_events)
        return;
    if (out) {
        if (opt.format == TF_PERFETTO)
            fputs("\n]}\n", out);
        fclose(out);
        out = NULL;
    }
    svg_finish();
    trace_events = 0;
}
#endif
