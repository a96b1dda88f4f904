/* Normalisation of disassembly text before comparison (the rules are
 * listed in docs/decoder-xcheck.md; keep the two in step). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "xcheck.h"

/* Drop " <symbol+0x10>" annotations; tabs to blanks; blank runs squeezed;
 * no blank at either end. */
void norm_llvm(const char *in, char *out, size_t n)
{
    size_t j = 0;
    bool blank = true;          /* no leading blank */
    for (const char *s = in; *s && j < n - 1; s++) {
        if (*s == '<' && s > in && s[-1] == ' ') {
            const char *e = strchr(s, '>');
            if (e) {
                s = e;
                continue;
            }
        }
        if (*s == ' ' || *s == '\t') {
            if (!blank)
                out[j++] = ' ';
            blank = true;
            continue;
        }
        out[j++] = *s;
        blank = false;
    }
    while (j && out[j - 1] == ' ')
        j--;
    out[j] = 0;
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* Integer literals to decimal: "0x10", "16", "-0x10".  Digits inside a
 * name (x29, v0.16b, r8d) and floating-point literals are left alone. */
static void numbers(const char *in, char *out, size_t n)
{
    size_t j = 0;
    for (const char *s = in; *s && j < n - 1;) {
        bool start = s == in || !word_char(s[-1]);
        const char *d = s;
        if (start && *d == '-' && isdigit((unsigned char)d[1]))
            d++;
        if (start && isdigit((unsigned char)*d)) {
            char *e;
            unsigned long long v = strtoull(d, &e, 0);
            if (d[0] == '0' && isdigit((unsigned char)d[1]))   /* not octal */
                v = strtoull(d, &e, 10);
            if (!word_char(*e)) {
                /* negative numbers as their 64-bit two's complement */
                j += snprintf(out + j, n - j, "%llu", d != s ? 0 - v : v);
                if (j >= n)
                    j = n - 1;
                s = e;
                continue;
            }
            /* a float or a name: copy the run */
            while (*s && (word_char(*s) || s == d - 1) && j < n - 1)
                out[j++] = *s++;
            continue;
        }
        out[j++] = *s++;
    }
    out[j] = 0;
}

/* AArch64 wide-immediate moves: llvm prints "mov" for the movz/movn forms
 * whose value has a single encoding, Capstone 4 always "movz"/"movn";
 * all become "mov REG,VALUE". */
static void a64_wide_mov(char *t, size_t n)
{
    char op[8], reg[8];
    unsigned long long imm, v;
    unsigned sh = 0;
    int end = 0;
    if (sscanf(t, "%7s %7[^,],%llu%n", op, reg, &imm, &end) != 3)
        return;
    if (t[end] == ',') {
        int e2 = 0;
        if (sscanf(t + end, ",lsl %u%n", &sh, &e2) != 1 || t[end + e2] || sh > 48)
            return;
    } else if (t[end]) {
        return;
    }
    if (!strcmp(op, "movz"))
        v = imm << sh;
    else if (!strcmp(op, "movn"))
        v = ~(imm << sh);
    else if (!strcmp(op, "mov") && !sh)
        v = imm;
    else
        return;
    if (reg[0] == 'w')
        v &= 0xffffffffu;
    else if (reg[0] != 'x')
        return;
    snprintf(t, n, "mov %s,%llu", reg, v);
}

/* a 64-bit general register (%rax ... %r15) among the operands */
static bool has_gpr64(const char *s)
{
    static const char *const names[] = { "ax", "bx", "cx", "dx", "si", "di", "sp", "bp", NULL };
    for (const char *p = strstr(s, "%r"); p; p = strstr(p + 1, "%r")) {
        const char *q = p + 2;
        for (int i = 0; names[i]; i++)
            if (!strncmp(q, names[i], 2) && !isalnum((unsigned char)q[2]))
                return true;
        if (isdigit((unsigned char)q[0])) {
            while (isdigit((unsigned char)*q))
                q++;
            if (!isalnum((unsigned char)*q))
                return true;
        }
    }
    return false;
}

/* Remove the first occurrence of what from t. */
static void cut(char *t, const char *what)
{
    char *p = strstr(t, what);
    if (p)
        memmove(p, p + strlen(what), strlen(p + strlen(what)) + 1);
}

/* x86 (AT&T), the differences in how llvm-objdump and Capstone 4 write the
 * same instruction (see docs/decoder-xcheck.md for each). */
static void x86_fix(char *t, size_t n)
{
    static const char *const prefixes[] = { "lock ", "rep ", "repne ", "data16 ", "addr32 ",
                                            "notrack ", "bnd ", "xacquire ", "xrelease ", NULL };
    /* Capstone drops the prefixes that do not apply to the instruction
     * (rep before a non-string instruction, addr32, xrelease/xacquire)
     * where llvm keeps them: they are dropped on both sides */
    static const char *const strings[] = { "movs", "cmps", "scas", "lods", "stos", "ins", "outs", NULL };
    for (bool again = true; again;) {
        again = false;
        static const char *const dropped[] = { "rep ", "repne ", "addr32 ", "xrelease ",
                                               "xacquire ", NULL };
        for (int i = 0; dropped[i]; i++) {
            size_t l = strlen(dropped[i]);
            if (strncmp(t, dropped[i], l))
                continue;
            bool str = false;
            for (int k = 0; strings[k]; k++)
                str |= !strncmp(t + l, strings[k], strlen(strings[k]));
            if (str && i < 2)
                continue;
            memmove(t, t + l, strlen(t + l) + 1);
            again = true;
        }
    }
    char *m = t;
    for (int i = 0; prefixes[i]; i++)
        if (!strncmp(m, prefixes[i], strlen(prefixes[i]))) {
            m += strlen(prefixes[i]);
            i = -1;
        }
    /* SAL is SHL (Capstone names the ModRM.reg = 6 alias sal) */
    if (!strncmp(m, "sal", 3))
        m[1] = 'h';
    char *ops = strchr(m, ' ');
    if (!ops)
        return;
    size_t ml = (size_t)(ops - m);
    /* a shift or rotate by one: llvm omits the "$1," Capstone writes */
    static const char *const shifts[] = { "shl", "shr", "sal", "sar", "rol", "ror", "rcl", "rcr", NULL };
    for (int i = 0; shifts[i]; i++)
        if (ml == 4 && !strncmp(m, shifts[i], 3) && !strncmp(ops, " $1,", 4))
            memmove(ops + 1, ops + 4, strlen(ops + 4) + 1);
    /* movd with a 64-bit general register is llvm's movq */
    if (!strncmp(m, "movd ", 5) && has_gpr64(ops))
        m[3] = 'q';
    /* the string instructions' implicit %es: (llvm writes it) */
    cut(ops, "%es:");
    /* a SIB byte without index: llvm writes %riz, Capstone nothing */
    for (char *r; (r = strstr(ops, ",%riz")) || (r = strstr(ops, ",%eiz"));) {
        char *e = r + 5;
        if (*e == ',')
            for (e++; isdigit((unsigned char)*e); e++)
                ;
        memmove(r, e, strlen(e) + 1);
    }
    /* x87: the implicit %st operand (Capstone omits it); fucomip/fcomip
     * are llvm's fucompi/fcompi */
    if (m[0] == 'f') {
        if (!strncmp(m, "fucomip ", 8) || !strncmp(m, "fcomip ", 7)) {
            char *ip = strstr(m, "ip ");
            ip[0] = 'p';
            ip[1] = 'i';
        }
        size_t l = strlen(ops);
        if (l > 4 && !strcmp(ops + l - 4, ",%st"))
            ops[l - 4] = 0;
        else if (!strncmp(ops, " %st,", 5))
            memmove(ops + 1, ops + 5, strlen(ops + 5) + 1);
    }
    /* xchg of two registers: the operands commute */
    if (!strncmp(m, "xchg", 4)) {
        char *c = strchr(ops, ',');
        if (c && ops[1] == '%' && c[1] == '%' && !strchr(c + 1, ',') && strcmp(ops + 1, c + 1) > 0) {
            char a[64], b[64];
            snprintf(a, sizeof a, "%.*s", (int)(c - ops - 1), ops + 1);
            snprintf(b, sizeof b, "%s", c + 1);
            snprintf(ops + 1, n - (size_t)(ops + 1 - t), "%s,%s", b, a);
        }
    }
    /* cvtsi2ss/sd from a register: the size suffix is redundant (llvm
     * drops it, Capstone keeps it) */
    char *cv = strstr(m, "cvtsi2s");
    if (cv && cv - m <= 1 && (cv[8] == 'l' || cv[8] == 'q') && cv[9] == ' ' && ops[1] == '%')
        memmove(cv + 8, cv + 9, strlen(cv + 9) + 1);
    /* immediates modulo the operand size of the mnemonic's suffix */
    ops = strchr(m, ' ');
    char last = m[ops - m - 1];
    unsigned bits = last == 'b' ? 8 : last == 'w' ? 16 : last == 'l' ? 32 : 64;
    if (bits == 64)
        return;
    char buf[TEXT_MAX];
    size_t j = 0;
    for (const char *s = t; *s && j < sizeof buf - 1;) {
        if (*s == '$' && s > ops && s[1] >= '0' && s[1] <= '9') {
            char *e;
            unsigned long long v = strtoull(s + 1, &e, 10);
            v &= (1ull << bits) - 1;
            j += snprintf(buf + j, sizeof buf - j, "$%llu", v);
            if (j >= sizeof buf)
                j = sizeof buf - 1;
            s = e;
            continue;
        }
        buf[j++] = *s++;
    }
    buf[j] = 0;
    snprintf(t, n, "%s", buf);
}

void norm_cs(const char *arch, const char *in, char *out, size_t n)
{
    char a[TEXT_MAX], b[TEXT_MAX];
    norm_llvm(in, a, sizeof a);
    /* lower case; comments ("// ...", "# ...") dropped */
    size_t j = 0;
    for (const char *s = a; *s && j < sizeof b - 1; s++) {
        if ((s[0] == '/' && s[1] == '/') || (s[0] == '#' && (s[1] == ' ' || !s[1])))
            break;
        b[j++] = (char)tolower((unsigned char)*s);
    }
    while (j && b[j - 1] == ' ')
        j--;
    b[j] = 0;
    /* no blanks around punctuation, except the one after the mnemonic */
    j = 0;
    const char *ops = strchr(b, ' ');
    for (const char *s = b; *s && j < sizeof a - 1; s++) {
        if (*s == ' ' && s != ops && ops && s > ops) {
            char p = j ? a[j - 1] : 0, q = s[1];
            if ((p && strchr(",([{", p)) || (q && strchr(",)]}", q)) || (p == '}' && q == '{'))
                continue;
        }
        a[j++] = *s;
    }
    a[j] = 0;
    numbers(a, b, sizeof b);
    /* '#' (AArch64's immediate mark, which Capstone also puts on branch
     * targets) dropped */
    j = 0;
    for (const char *s = b; *s && j < n - 1; s++)
        if (*s != '#')
            out[j++] = *s;
    out[j] = 0;
    if (!strcmp(arch, "aarch64"))
        a64_wide_mov(out, n);
    if (!strcmp(arch, "x86_64"))
        x86_fix(out, n);
}
