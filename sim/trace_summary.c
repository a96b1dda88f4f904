/* trapeze --trace-summary FILE: reads a JSON Lines trace (--trace-format
 * json, with signal events) and prints, per signal and over all signals,
 * the cycles spent in each phase of a signal's round trip, with min,
 * median and max; with --trace-svg it draws the paths as well. */
#ifndef TRAPEZE_NO_TRACE     /* configure --disable-trace leaves the tracer out */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../oskernel/signal.h"
#include "trace_summary.h"
#include "trace_svg.h"

/* The phases, each from one stage to the next. */
enum { PH_ENTRY, PH_DELIVER, PH_TO_HANDLER, PH_HANDLER, PH_TRAMPOLINE, PH_RESTORE, PH_RESUME, PH_TOTAL, PH_N };
static const char *const phase_names[PH_N] = {
    "trap entry + generation", "kernel: deliver, write frame", "return to handler", "handler",
    "trampoline + sigreturn trap", "kernel: restore", "return to interrupted code", "whole round trip",
};

struct samples {
    uint64_t *v;
    size_t n, cap;
};

static struct samples table[KNSIG + 1][PH_N];   /* [0] = all signals */

static void add(int sig, int ph, uint64_t v)
{
    for (int k = 0; k < 2; k++) {
        struct samples *s = &table[k ? sig : 0][ph];
        if (s->n == s->cap) {
            s->cap = s->cap ? 2 * s->cap : 64;
            uint64_t *n = realloc(s->v, s->cap * sizeof *n);
            if (!n)
                return;
            s->v = n;
        }
        s->v[s->n++] = v;
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Values of our own flat JSON objects: "key":123 or "key":"text". */
static bool num_field(const char *line, const char *key, uint64_t *out)
{
    char pat[40];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(line, pat);
    if (!p)
        return false;
    *out = strtoull(p + strlen(pat), NULL, 10);
    return true;
}

static bool str_field(const char *line, const char *key, char *out, size_t n)
{
    char pat[40];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *p = strstr(line, pat);
    if (!p)
        return false;
    p += strlen(pat);
    size_t i = 0;
    while (*p && *p != '"' && i + 1 < n)
        out[i++] = *p++;
    out[i] = 0;
    return true;
}

struct open_path {
    int sig;
    uint64_t generated, at[8];
    unsigned id;
};

int trace_summary(const char *path, const char *svg, FILE *out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    if (svg)
        svg_start(svg);
    static const char *const stages[] = {"deliver", "frame", "handler", "trampoline",
                                         "sigreturn", "restored", "resumed"};
    struct open_path stack[32];
    int depth = 0;
    unsigned ids = 0, paths = 0;
    uint64_t last_generated[KNSIG + 1] = {0};
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        char ev[32], stage[32];
        uint64_t cyc, sig;
        if (!str_field(line, "ev", ev, sizeof ev) || strcmp(ev, "signal") ||
            !str_field(line, "stage", stage, sizeof stage) || !num_field(line, "cycle", &cyc) ||
            !num_field(line, "sig", &sig) || sig < 1 || sig > KNSIG)
            continue;
        if (!strcmp(stage, "generated")) {
            last_generated[sig] = cyc + 1;      /* +1: 0 means none */
            continue;
        }
        if (!strcmp(stage, "longjmp")) {
            /* the handler left without sigreturn: its path ends, incomplete */
            if (depth && stack[depth - 1].sig == (int)sig) {
                if (svg) {
                    svg_path_stage(stack[depth - 1].id, "left by longjmp", cyc);
                    svg_path_end(stack[depth - 1].id, cyc);
                }
                depth--;
            }
            continue;
        }
        int st = -1;
        for (int i = 0; i < 7; i++)
            if (!strcmp(stage, stages[i]))
                st = i;
        if (st < 0)
            continue;
        if (st == 0) {
            if (depth == 32)
                continue;
            struct open_path *p = &stack[depth++];
            memset(p, 0, sizeof *p);
            p->sig = (int)sig;
            p->generated = last_generated[sig];
            p->id = ids++;
            p->at[0] = cyc + 1;
            if (svg)
                svg_path_begin(p->id, (int)sig, depth, cyc);
            continue;
        }
        if (!depth || stack[depth - 1].sig != (int)sig)
            continue;
        struct open_path *p = &stack[depth - 1];
        p->at[st] = cyc + 1;
        if (svg)
            svg_path_stage(p->id, stages[st], cyc);
        if (st != 6)
            continue;
        /* a complete path: its phases */
        if (p->generated && p->generated <= p->at[0])
            add(p->sig, PH_ENTRY, p->at[0] - p->generated);
        for (int i = 0; i + 1 < 7; i++)
            if (p->at[i] && p->at[i + 1])
                add(p->sig, PH_DELIVER + i, p->at[i + 1] - p->at[i]);
        add(p->sig, PH_TOTAL, p->at[6] - p->at[0]);
        if (svg)
            svg_path_end(p->id, cyc);
        paths++;
        depth--;
    }
    free(line);
    fclose(f);
    if (svg)
        svg_finish();

    fprintf(out, "%u complete signal paths in %s (timing-model cycles)\n", paths, path);
    for (int sig = 0; sig <= KNSIG; sig++) {
        if (!table[sig][PH_TOTAL].n)
            continue;
        fprintf(out, "\n%s (%zu paths)\n", sig ? signal_display_name(sig) : "all signals",
                table[sig][PH_TOTAL].n);
        fprintf(out, "  %-30s %8s %8s %8s %8s\n", "phase", "count", "min", "median", "max");
        for (int ph = 0; ph < PH_N; ph++) {
            struct samples *s = &table[sig][ph];
            if (!s->n)
                continue;
            qsort(s->v, s->n, sizeof *s->v, cmp_u64);
            fprintf(out, "  %-30s %8zu %8llu %8llu %8llu\n", phase_names[ph], s->n,
                    (unsigned long long)s->v[0], (unsigned long long)s->v[s->n / 2],
                    (unsigned long long)s->v[s->n - 1]);
        }
    }
    return paths ? 0 : 1;
}
#endif
