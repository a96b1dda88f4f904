/* x86_64 decoder oracle test: every instruction llvm-objdump-19 decodes in
 * a set of real binaries must get the same length from x86_decode and the
 * same text from x86_disasm (comments and <symbol> annotations dropped;
 * tests/disasm-compare.sh compares the comments too).
 * Usage: x86_64_disasm [-v] [elf...]   (default: /bin/ls and a static
 * glibc program built here with gcc -static, when gcc is available). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../decoders/x86_64/x86_decode.h"

static int verbose;
static unsigned long nins, badlen, badtext;

/* Drop "<sym>" annotations and "# ..." comments except rip targets; squeeze blanks. */
static void normalize(const char *in, char *out, size_t outsz)
{
    char tmp[512];
    size_t j = 0;
    for (const char *s = in; *s && j < sizeof tmp - 1; s++) {
        if (*s == '<' && s > in && s[-1] == ' ') {
            const char *e = strchr(s, '>');
            if (e) {
                s = e;
                continue;
            }
        }
        if (*s == '#')
            break;
        tmp[j++] = *s;
    }
    tmp[j] = 0;
    size_t k = 0;
    bool sp = true;
    for (char *s = tmp; *s && k < outsz - 1; s++) {
        if (isspace((unsigned char)*s)) {
            if (!sp)
                out[k++] = ' ';
            sp = true;
        } else {
            out[k++] = *s;
            sp = false;
        }
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = 0;
}

struct line {
    unsigned long addr;
    unsigned nb;
    uint8_t b[16];
    char text[256];
};

static int parse_line(const char *s, struct line *l)
{
    char *end;
    while (*s == ' ')
        s++;
    l->addr = strtoul(s, &end, 16);
    if (end == s || *end != ':')
        return 0;
    s = end + 1;
    l->nb = 0;
    for (;;) {
        while (*s == ' ')
            s++;
        if (!isxdigit((unsigned char)s[0]) || !isxdigit((unsigned char)s[1]) || (s[2] != ' ' && s[2] != '\t'))
            break;
        if (l->nb < 16)
            l->b[l->nb++] = (uint8_t)strtoul(s, NULL, 16);
        s += 3;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    snprintf(l->text, sizeof l->text, "%s", s);
    size_t n = strlen(l->text);
    while (n && (l->text[n - 1] == '\n' || l->text[n - 1] == ' '))
        l->text[--n] = 0;
    return l->nb > 0;
}

static void check(struct line *l)
{
    if (!strncmp(l->text, "<unknown>", 9) || !strncmp(l->text, "(bad)", 5))
        return;
    /* a leading lock/xacquire/xrelease is its own line: only its text is checked */
    if (l->nb == 1 && (!strcmp(l->text, "lock") || !strcmp(l->text, "xacquire") ||
                       !strcmp(l->text, "xrelease"))) {
        nins++;
        return;
    }
    nins++;
    struct x86_insn in;
    uint8_t buf[32] = { 0 };
    memcpy(buf, l->b, l->nb);
    unsigned len = x86_decode(buf, l->nb, &in);
    if (len != l->nb) {
        if (badlen++ < 40 || verbose)
            fprintf(stderr, "len %lx: llvm %u ours %u: %s\n", l->addr, l->nb, len, l->text);
        return;
    }
    char ours[256], want[256], got[256];
    x86_disasm(l->addr, buf, l->nb, ours, sizeof ours);
    normalize(l->text, want, sizeof want);
    normalize(ours, got, sizeof got);
    if (strcmp(want, got)) {
        if (badtext++ < 60 || verbose) {
            fprintf(stderr, "txt %lx:", l->addr);
            for (unsigned i = 0; i < l->nb; i++)
                fprintf(stderr, " %02x", l->b[i]);
            fprintf(stderr, "\n   llvm: %s\n   ours: %s\n", want, got);
        }
    }
}

static int run(const char *path)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "llvm-objdump-19 -d '%s' 2>/dev/null", path);
    FILE *f = popen(cmd, "r");
    if (!f)
        return -1;
    char s[1024];
    struct line l;
    while (fgets(s, sizeof s, f)) {
        if (!parse_line(s, &l))
            continue;
        check(&l);
    }
    return pclose(f);
}

int main(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && !strcmp(argv[1], "-v")) {
        verbose = 1;
        first = 2;
    }
    if (argc > first) {
        for (int i = first; i < argc; i++)
            run(argv[i]);
    } else {
        run("/bin/ls");
        const char *src = "/tmp/trapeze_x86dis_static.c", *bin = "/tmp/trapeze_x86dis_static";
        FILE *f = fopen(src, "w");
        if (f) {
            fputs("#include <stdio.h>\n#include <math.h>\nint main(int c,char**v){printf(\"%f %Lf\\n\",sin(c),(long double)c/3);return 0;}\n", f);
            fclose(f);
            char cmd[512];
            snprintf(cmd, sizeof cmd, "gcc -O2 -static -o %s %s -lm 2>/dev/null", bin, src);
            if (system(cmd) == 0)
                run(bin);
        }
    }
    printf("x86_64_disasm: %lu instructions, %lu length mismatches, %lu text mismatches\n",
           nins, badlen, badtext);
    return badlen == 0 && nins > 0 ? 0 : 1;
}
