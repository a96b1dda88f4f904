/* Agreement counts per (arch, input set, reference), disagreements
 * grouped into classes (kind + mnemonic), and the allowlist of explained
 * classes (tools/xcheck/allowlist: every entry carries its reason). */
#include <ctype.h>
#include <dlfcn.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "xcheck.h"

const char *const kind_name[NKIND] = {
    "missing", "extra", "text", "length", "exec-missing", "exec-extra",
};

/* ---- allowlist ---- */
#define KIND_ANY NKIND
struct entry {
    char arch[32], ref[32], scope[16];
    int kind;
    bool has_ref, has_ours, has_bytes;
    bool llvm_agrees;           /* only where trapeze agrees with llvm-objdump */
    regex_t ref_re, ours_re, bytes_re;
    char *why;
    unsigned line;
    unsigned long hits;
};
static struct entry *entries;
static unsigned nentries;

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t l = strlen(s);
    while (l && isspace((unsigned char)s[l - 1]))
        s[--l] = 0;
    return s;
}

static int finish_entry(const char *path, struct entry *e)
{
    if (!e)
        return 0;
    if (!e->why || !*e->why) {
        fprintf(stderr, "xcheck: %s:%u: entry without a reason (why:)\n", path, e->line);
        return -1;
    }
    return 0;
}

int allow_load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char line[1024];
    unsigned ln = 0;
    struct entry *e = NULL;
    int bad = 0;
    while (fgets(line, sizeof line, f)) {
        ln++;
        bool cont = line[0] == ' ' || line[0] == '\t';
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        if (*s == '[') {
            if (finish_entry(path, e))
                bad = 1;
            entries = realloc(entries, (nentries + 1) * sizeof *entries);
            e = &entries[nentries++];
            memset(e, 0, sizeof *e);
            e->line = ln;
            char kind[32] = "";
            if (sscanf(s, "[%31s %31s %31s %15[^]]]", e->arch, e->ref, kind, e->scope) != 4) {
                fprintf(stderr, "xcheck: %s:%u: want [ARCH REF KIND SCOPE]\n", path, ln);
                bad = 1;
                continue;
            }
            e->kind = strcmp(kind, "*") ? -1 : KIND_ANY;
            for (int k = 0; k < NKIND; k++)
                if (!strcmp(kind, kind_name[k]))
                    e->kind = k;
            if (e->kind < 0 || (strcmp(e->scope, "all") && strcmp(e->scope, "random"))) {
                fprintf(stderr, "xcheck: %s:%u: unknown kind or scope\n", path, ln);
                bad = 1;
            }
            continue;
        }
        if (!e) {
            fprintf(stderr, "xcheck: %s:%u: text before the first [entry]\n", path, ln);
            bad = 1;
            continue;
        }
        if (cont && e->why) {       /* continuation of why: */
            size_t l = strlen(e->why);
            e->why = realloc(e->why, l + strlen(s) + 2);
            e->why[l] = ' ';
            strcpy(e->why + l + 1, s);
            continue;
        }
        char *colon = strchr(s, ':');
        if (!colon) {
            fprintf(stderr, "xcheck: %s:%u: want KEY: VALUE\n", path, ln);
            bad = 1;
            continue;
        }
        *colon = 0;
        char *key = trim(s), *val = trim(colon + 1);
        if (!strcmp(key, "why")) {
            e->why = strdup(val);
        } else if (!strcmp(key, "llvm") && !strcmp(val, "agrees")) {
            e->llvm_agrees = true;
        } else if (!strcmp(key, "ref") || !strcmp(key, "ours") || !strcmp(key, "bytes")) {
            regex_t *re = key[0] == 'r' ? &e->ref_re : key[0] == 'o' ? &e->ours_re : &e->bytes_re;
            int err = regcomp(re, val, REG_EXTENDED | REG_NOSUB);
            if (err) {
                char msg[128];
                regerror(err, re, msg, sizeof msg);
                fprintf(stderr, "xcheck: %s:%u: %s\n", path, ln, msg);
                bad = 1;
                continue;
            }
            if (key[0] == 'r')
                e->has_ref = true;
            else if (key[0] == 'o')
                e->has_ours = true;
            else
                e->has_bytes = true;
        } else {
            fprintf(stderr, "xcheck: %s:%u: unknown key %s\n", path, ln, key);
            bad = 1;
        }
    }
    fclose(f);
    if (finish_entry(path, e))
        bad = 1;
    return bad ? -1 : 0;
}

static int allow_match(const char *arch, const char *ref, bool real, int kind,
                       const char *reftext, const char *ourtext, const char *hexbytes,
                       bool llvm_agrees)
{
    for (unsigned i = 0; i < nentries; i++) {
        struct entry *e = &entries[i];
        if ((e->kind != kind && e->kind != KIND_ANY) || (strcmp(e->arch, "*") && strcmp(e->arch, arch)) ||
            (strcmp(e->ref, "*") && strcmp(e->ref, ref)) ||
            (real && !strcmp(e->scope, "random")))
            continue;
        if (e->llvm_agrees && !llvm_agrees)
            continue;
        if (e->has_ref && regexec(&e->ref_re, reftext, 0, NULL, 0))
            continue;
        if (e->has_ours && regexec(&e->ours_re, ourtext, 0, NULL, 0))
            continue;
        if (e->has_bytes && regexec(&e->bytes_re, hexbytes, 0, NULL, 0))
            continue;
        e->hits++;
        return (int)i;
    }
    return -1;
}

/* ---- tallies ---- */
struct cls {
    int kind;
    int entry;                  /* allowlist entry, or -1: unexplained */
    char mnem[48];
    unsigned long count;
    uint8_t bytes[16];
    unsigned nbytes;
    char ref[TEXT_MAX], ours[TEXT_MAX];
    struct cls *next;
};

#define NHASH 4096
struct tally {
    char arch[32], set[64], ref[64];
    bool real, words;
    unsigned long n, agree, exec_agree, kinds[NKIND];
    unsigned long explained, unexplained;
    struct cls *h[NHASH];
    unsigned long nclasses;
    struct tally *next;
};
static struct tally *tallies, **tail = &tallies;

struct tally *tally_new(const char *arch, const char *set, const char *ref, bool real,
                        bool words)
{
    for (struct tally *t = tallies; t; t = t->next)
        if (!strcmp(t->arch, arch) && !strcmp(t->set, set) && !strcmp(t->ref, ref))
            return t;
    struct tally *t = calloc(1, sizeof *t);
    if (!t) {
        fprintf(stderr, "xcheck: out of memory\n");
        exit(2);
    }
    snprintf(t->arch, sizeof t->arch, "%s", arch);
    snprintf(t->set, sizeof t->set, "%s", set);
    snprintf(t->ref, sizeof t->ref, "%s", ref);
    t->real = real;
    t->words = words;
    *tail = t;
    tail = &t->next;
    return t;
}

/* The mnemonic of a text: its first word, with an x86 prefix word kept
 * together with the word it prefixes. */
static void mnemonic(const char *text, char *out, size_t n)
{
    static const char *const prefixes[] = {
        "lock", "rep", "repe", "repne", "repz", "repnz", "data16", "data32",
        "addr32", "notrack", "bnd", "xacquire", "xrelease", "rex64", "rex", NULL,
    };
    size_t j = 0;
    const char *s = text;
    for (int words = 0; words < 3 && *s; words++) {
        const char *w = s;
        while (*s && *s != ' ')
            s++;
        size_t l = (size_t)(s - w);
        if (j && j < n - 1)
            out[j++] = ' ';
        for (size_t k = 0; k < l && j < n - 1; k++)
            out[j++] = w[k];
        bool prefix = false;
        for (int p = 0; prefixes[p]; p++)
            if (strlen(prefixes[p]) == l && !strncmp(prefixes[p], w, l))
                prefix = true;
        while (*s == ' ')
            s++;
        if (!prefix)
            break;
    }
    out[j] = 0;
}

static unsigned hash(int kind, int entry, const char *m)
{
    unsigned h = (unsigned)kind * 31u + (unsigned)(entry + 1) * 131u;
    while (*m)
        h = h * 33u + (unsigned char)*m++;
    return h % NHASH;
}

static void record(struct tally *t, int kind, const uint8_t *bytes, unsigned nbytes,
                   const struct view *ref, const struct view *ours, bool llvm_agrees)
{
    t->kinds[kind]++;
    char hb[2 * 16 + 1];    /* the encoding's bytes in memory order, for bytes: */
    unsigned nb = nbytes > 16 ? 16 : nbytes;
    for (unsigned i = 0; i < nb; i++)
        snprintf(hb + 2 * i, 3, "%02x", bytes[i]);
    hb[2 * nb] = 0;
    int entry = allow_match(t->arch, t->ref, t->real, kind, ref->text, ours->text, hb,
                            llvm_agrees);
    if (entry >= 0)
        t->explained++;
    else
        t->unexplained++;
    char m[48];
    if (kind == K_EXEC_EXTRA && !ours->valid) {
        /* nothing printed: the class is the handler's name (-rdynamic) */
        Dl_info info;
        const char *h = ours->handler && dladdr(ours->handler, &info) && info.dli_sname ?
                        info.dli_sname : "?";
        snprintf(m, sizeof m, "[%.44s]", h);
    } else if (kind == K_EXTRA || kind == K_EXEC_EXTRA) {
        mnemonic(ours->text, m, sizeof m);
    } else {
        mnemonic(ref->text, m, sizeof m);
        if (kind == K_TEXT) {
            char o[48];
            mnemonic(ours->text, o, sizeof o);
            if (strcmp(o, m) && strlen(m) + strlen(o) + 2 <= sizeof m) {
                strcat(m, "/");
                strcat(m, o);
            }
        }
    }
    unsigned h = hash(kind, entry, m);
    struct cls *c;
    for (c = t->h[h]; c; c = c->next)
        if (c->kind == kind && c->entry == entry && !strcmp(c->mnem, m))
            break;
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c) {
            fprintf(stderr, "xcheck: out of memory\n");
            exit(2);
        }
        c->kind = kind;
        c->entry = entry;
        strcpy(c->mnem, m);
        c->nbytes = nbytes > 16 ? 16 : nbytes;
        memcpy(c->bytes, bytes, c->nbytes);
        snprintf(c->ref, sizeof c->ref, "%s", ref->text);
        snprintf(c->ours, sizeof c->ours, "%s", ours->text);
        c->next = t->h[h];
        t->h[h] = c;
        t->nclasses++;
    }
    c->count++;
}

int tally_add(struct tally *t, const uint8_t *bytes, unsigned nbytes,
              const struct view *ref, const struct view *ours, bool exec,
              bool check_len, bool llvm_agrees)
{
    t->n++;
    /* The verdict first; then, for an instruction both decode, its length
     * and its text.  An invalid encoding has no length: how many bytes a
     * disassembler skips past it is its own business. */
    int kind = -1;
    if (ref->valid && !ours->valid)
        kind = K_MISSING;
    else if (!ref->valid && ours->valid)
        kind = K_EXTRA;
    else if (ref->valid && check_len && ref->len && ours->len && ref->len != ours->len)
        kind = K_LENGTH;
    else if (ref->valid && strcmp(ref->text, ours->text))
        kind = K_TEXT;
    unsigned shown = ref->len ? ref->len : ours->len ? ours->len : nbytes;
    if (shown > nbytes)
        shown = nbytes;
    if (kind < 0)
        t->agree++;
    else
        record(t, kind, bytes, shown, ref, ours, llvm_agrees);
    /* The decoder's verdict: counted against the reference always, listed
     * only where it says more than the disassembler's (an encoding that
     * is printed but not run, or run although the reference rejects it). */
    if (exec == ref->valid)
        t->exec_agree++;
    else if (exec)
        record(t, K_EXEC_EXTRA, bytes, shown, ref, ours, llvm_agrees);
    else if (ours->valid)
        record(t, K_EXEC_MISSING, bytes, shown, ref, ours, llvm_agrees);
    return kind;
}

static int cls_cmp(const void *a, const void *b)
{
    const struct cls *x = *(const struct cls *const *)a, *y = *(const struct cls *const *)b;
    if ((x->entry < 0) != (y->entry < 0))
        return x->entry < 0 ? 1 : -1;
    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return x->kind - y->kind;
}

/* an encoding: a fixed-width arch's word as a number, x86 bytes in order */
static void hex(FILE *f, const struct tally *t, const struct cls *c)
{
    if (t->words && (c->nbytes == 2 || c->nbytes == 4)) {
        uint32_t w = 0;
        for (unsigned i = c->nbytes; i--;)
            w = w << 8 | c->bytes[i];
        fprintf(f, c->nbytes == 2 ? "%04x" : "%08x", w);
        return;
    }
    for (unsigned i = 0; i < c->nbytes; i++)
        fprintf(f, "%02x", c->bytes[i]);
}

static double pct(unsigned long a, unsigned long n)
{
    return n ? 100.0 * (double)a / (double)n : 100.0;
}

unsigned report(FILE *f, unsigned max_classes)
{
    unsigned long unexplained = 0;
    for (struct tally *t = tallies; t; t = t->next) {
        fprintf(f, "\n== %s, %s, %s: %lu instructions\n", t->arch, t->set, t->ref, t->n);
        fprintf(f, "   agree %lu (%.3f%%); decoder verdict agrees %lu (%.3f%%)\n",
                t->agree, pct(t->agree, t->n), t->exec_agree, pct(t->exec_agree, t->n));
        fprintf(f, "  ");
        for (int k = 0; k < NKIND; k++)
            fprintf(f, " %s %lu", kind_name[k], t->kinds[k]);
        fprintf(f, "\n   %lu explained by the allowlist, %lu not\n", t->explained, t->unexplained);
        struct cls **v = malloc((t->nclasses + 1) * sizeof *v);
        size_t nv = 0;
        for (unsigned h = 0; h < NHASH; h++)
            for (struct cls *c = t->h[h]; c; c = c->next)
                v[nv++] = c;
        qsort(v, nv, sizeof *v, cls_cmp);
        unsigned shown = 0, nunexp = 0;
        for (size_t i = 0; i < nv; i++) {
            struct cls *c = v[i];
            if (c->entry < 0)
                nunexp++;
            if (c->entry >= 0 || shown++ < max_classes) {
                if (c->entry >= 0)
                    fprintf(f, "   %8lu  %-12s explained (allowlist line %u)  e.g. ",
                            c->count, kind_name[c->kind], entries[c->entry].line);
                else
                    fprintf(f, "   %8lu  %-12s %-24s e.g. ", c->count, kind_name[c->kind], c->mnem);
                hex(f, t, c);
                fprintf(f, "  %s: \"%s\"  trapeze: \"%s\"\n", t->ref, c->ref, c->ours);
            }
        }
        if (shown > max_classes)
            fprintf(f, "   ... %u more unexplained classes\n", shown - max_classes);
        /* the explained ones per allowlist entry */
        for (unsigned k = 0; k < nentries; k++) {
            unsigned long c = 0;
            for (size_t i = 0; i < nv; i++)
                if (v[i]->entry == (int)k)
                    c += v[i]->count;
            if (c)
                fprintf(f, "   %8lu  by allowlist line %u: %.70s\n", c, entries[k].line,
                        entries[k].why);
        }
        /* one machine-readable line per tally, for the docs table */
        fprintf(f, "#row\t%s\t%s\t%s\t%lu\t%lu\t%lu\t%lu\t%lu\t%lu\t%lu\t%lu\t%lu\t%lu\t%u\n",
                t->arch, t->set, t->ref, t->n, t->agree, t->exec_agree,
                t->kinds[K_MISSING], t->kinds[K_EXTRA], t->kinds[K_TEXT], t->kinds[K_LENGTH],
                t->kinds[K_EXEC_MISSING], t->kinds[K_EXEC_EXTRA], t->unexplained, nunexp);
        unexplained += t->unexplained;
        free(v);
    }
    return unexplained > 0xffffffffu ? 0xffffffffu : (unsigned)unexplained;
}
