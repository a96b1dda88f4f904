/* The LLVM reference: llvm-objdump-19 -d over an ELF file, every
 * instruction line collected as address, length (from the raw bytes
 * column) and text.  llvm-objdump rather than llvm-mc --disassemble: both
 * use the same MC disassembler, and llvm-objdump prints what trapeze's
 * disassembler imitates (absolute branch targets, symbol restarts). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xcheck.h"

const char *llvm_objdump(void)
{
    const char *p = getenv("LLVM_OBJDUMP");
    return p && *p ? p : "llvm-objdump-19";
}

/* 'path' with single quotes escaped, for sh -c */
static void quote(char *out, size_t n, const char *s)
{
    size_t j = 0;
    if (j < n - 1)
        out[j++] = '\'';
    for (; *s && j < n - 5; s++) {
        if (*s == '\'') {
            memcpy(out + j, "'\\''", 4);
            j += 4;
        } else {
            out[j++] = *s;
        }
    }
    out[j++] = '\'';
    out[j] = 0;
}

static void push(struct llvm_out *o, uint64_t addr, unsigned len, const char *text)
{
    size_t tl = strlen(text) + 1;
    if (o->pool_n + tl > o->pool_cap) {
        o->pool_cap = o->pool_cap ? 2 * o->pool_cap : 1 << 20;
        while (o->pool_n + tl > o->pool_cap)
            o->pool_cap *= 2;
        o->pool = realloc(o->pool, o->pool_cap);
    }
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 1 << 14;
        o->v = realloc(o->v, o->cap * sizeof *o->v);
    }
    if (!o->pool || !o->v) {
        fprintf(stderr, "xcheck: out of memory\n");
        exit(2);
    }
    memcpy(o->pool + o->pool_n, text, tl);
    o->v[o->n++] = (struct llvm_line){ addr, len, o->pool_n };
    o->pool_n += tl;
}

int llvm_dump(const char *path, const char *opts, bool raw, struct llvm_out *o)
{
    char q[4096], cmd[8192];
    quote(q, sizeof q, path);
    snprintf(cmd, sizeof cmd, "%s -d %s %s %s 2>&1", llvm_objdump(),
             raw ? "" : "--no-show-raw-insn", opts ? opts : "", q);
    FILE *p = popen(cmd, "r");
    if (!p) {
        perror("popen");
        return -1;
    }
    memset(o, 0, sizeof *o);
    char line[1024];
    bool any = false;
    char first_err[256] = "";
    while (fgets(line, sizeof line, p)) {
        char *s = line;
        while (*s == ' ')
            s++;
        char *e;
        uint64_t addr = strtoull(s, &e, 16);
        if (e == s || *e != ':' || (e[1] != ' ' && e[1] != '\t')) {
            if (!any && !first_err[0] && strstr(line, "error"))
                snprintf(first_err, sizeof first_err, "%.200s", line);
            continue;
        }
        s = e + 1;
        /* raw bytes up to the tab: "48 83 ec 08", "d503201f", "7131" */
        unsigned digits = 0;
        while (*s && *s != '\t') {
            if (isxdigit((unsigned char)*s))
                digits++;
            s++;
        }
        if (*s != '\t')
            continue;
        s++;
        size_t l = strlen(s);
        while (l && (s[l - 1] == '\n' || s[l - 1] == '\r'))
            s[--l] = 0;
        push(o, addr, raw ? digits / 2 : 0, s);
        any = true;
    }
    int st = pclose(p);
    if (st != 0 || (!any && first_err[0])) {
        fprintf(stderr, "xcheck: %s failed on %s: %s", llvm_objdump(), path,
                first_err[0] ? first_err : "(exit status)\n");
        llvm_free(o);
        return -1;
    }
    return 0;
}

void llvm_free(struct llvm_out *o)
{
    free(o->v);
    free(o->pool);
    memset(o, 0, sizeof *o);
}
