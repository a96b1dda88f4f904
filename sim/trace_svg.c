/* SVG rendering of signal paths.  Each path is a row; each stage (deliver,
 * frame, handler, trampoline, sigreturn, restored) is a box from its start
 * to the next stage, labelled with its name and cycle count, so the cost
 * of each part of the round trip can be read off the picture. */
#ifndef TRAPEZE_NO_TRACE     /* configure --disable-trace leaves the tracer out */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../oskernel/signal.h"
#include "trace_svg.h"

#define MAX_PATHS 64
#define MAX_STAGES 16

struct stage {
    const char *name;
    uint64_t at;
};
struct row {
    int sig, depth;
    uint64_t start, end;
    unsigned n;
    struct stage st[MAX_STAGES];
    unsigned id;
    int used;
};

static char *file;
static struct row rows[MAX_PATHS];
static unsigned nrows;

static struct row *find(unsigned id)
{
    for (unsigned i = 0; i < nrows; i++)
        if (rows[i].id == id)
            return &rows[i];
    return NULL;
}

void svg_start(const char *path) { file = strdup(path); }

void svg_path_begin(unsigned id, int sig, int depth, uint64_t cycle)
{
    if (!file || nrows == MAX_PATHS)
        return;
    rows[nrows++] = (struct row){.sig = sig, .depth = depth, .start = cycle, .end = 0, .id = id,
                                 .used = 1, .n = 1, .st = {{"deliver", cycle}}};
}

void svg_path_stage(unsigned id, const char *stage, uint64_t cycle)
{
    struct row *r = find(id);
    if (r && r->n < MAX_STAGES)
        r->st[r->n++] = (struct stage){stage, cycle};
}

void svg_path_end(unsigned id, uint64_t cycle)
{
    struct row *r = find(id);
    if (r)
        r->end = cycle;
}

/* What the box that starts at a stage shows. */
static const char *label(const char *stage)
{
    if (!strcmp(stage, "deliver")) return "kernel: deliver, write frame";
    if (!strcmp(stage, "frame")) return "return to handler";
    if (!strcmp(stage, "trampoline")) return "trampoline, sigreturn trap";
    if (!strcmp(stage, "sigreturn")) return "kernel: restore";
    if (!strcmp(stage, "restored")) return "return to interrupted code";
    return stage;
}

static const char *color(const char *stage)
{
    if (!strcmp(stage, "left by longjmp")) return "#cccccc";
    if (!strcmp(stage, "handler")) return "#8fd18f";
    if (!strcmp(stage, "trampoline")) return "#f2c36b";
    if (!strcmp(stage, "sigreturn") || !strcmp(stage, "restored")) return "#e89090";
    return "#8fb8e8";   /* kernel: deliver, frame */
}

void svg_finish(void)
{
    if (!file)
        return;
    FILE *f = fopen(file, "w");
    if (!f) {
        perror(file);
        return;
    }
    const int W = 1280, left = 150, rowh = 46, top = 40;
    int H = top + (int)(nrows ? nrows : 1) * rowh + 60;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
               "font-family=\"monospace\" font-size=\"11\">\n"
               "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
               "<text x=\"10\" y=\"20\" font-size=\"14\">trapeze: signal paths "
               "(x: timing-model cycles from delivery to resumption)</text>\n", W, H);
    if (!nrows)
        fprintf(f, "<text x=\"10\" y=\"%d\">no signal path was recorded</text>\n", top + 20);
    for (unsigned i = 0; i < nrows; i++) {
        struct row *r = &rows[i];
        uint64_t end = r->end ? r->end : r->st[r->n - 1].at;
        double span = end > r->start ? (double)(end - r->start) : 1.0;
        double scale = (W - left - 20) / span;
        int y = top + (int)i * rowh;
        fprintf(f, "<text x=\"10\" y=\"%d\">#%u %s%s</text>\n", y + 18, r->id,
                signal_display_name(r->sig), r->depth > 1 ? " (nested)" : "");
        fprintf(f, "<text x=\"10\" y=\"%d\" fill=\"#555\">%llu cycles</text>\n", y + 32,
                (unsigned long long)(end - r->start));
        for (unsigned k = 0; k < r->n; k++) {
            uint64_t a = r->st[k].at, b = k + 1 < r->n ? r->st[k + 1].at : end;
            double x = left + (double)(a - r->start) * scale;
            double w = (double)(b - a) * scale;
            if (w < 1)
                w = 1;
            fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"26\" fill=\"%s\" "
                       "stroke=\"#333\" stroke-width=\"0.5\"><title>%s: %llu cycles</title></rect>\n",
                    x, y + 6, w, color(r->st[k].name), label(r->st[k].name), (unsigned long long)(b - a));
            if (b == a)
                continue;
            char txt[80];
            snprintf(txt, sizeof txt, "%s %llu", label(r->st[k].name), (unsigned long long)(b - a));
            if (w > 6.5 * (double)strlen(txt))
                fprintf(f, "<text x=\"%.1f\" y=\"%d\">%s</text>\n", x + 3, y + 23, txt);
            else if (w > 30)
                fprintf(f, "<text x=\"%.1f\" y=\"%d\">%llu</text>\n", x + 3, y + 23,
                        (unsigned long long)(b - a));
        }
    }
    static const char *const legend[][2] = {
        {"#8fb8e8", "kernel: delivery, frame, return to the handler"}, {"#8fd18f", "handler"},
        {"#f2c36b", "trampoline, sigreturn trap"}, {"#e89090", "kernel: restore, return to the interrupted code"},
        {"#cccccc", "handler left by longjmp"},
    };
    int lx = 10, ly = H - 22;
    for (unsigned k = 0; k < sizeof legend / sizeof legend[0]; k++) {
        fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\" stroke=\"#333\" "
                   "stroke-width=\"0.5\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
                lx, ly, legend[k][0], lx + 16, ly + 10, legend[k][1]);
        lx += 24 + 7 * (int)strlen(legend[k][1]);
        if (lx > W - 200) {
            lx = 10;
            ly += 0;
        }
    }
    fprintf(f, "</svg>\n");
    fclose(f);
    free(file);
    file = NULL;
}
#endif
