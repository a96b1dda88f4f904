/* printf family.  Doubles are converted exactly (big-integer decimal
 * expansion of the binary value) and rounded half-to-even on that exact
 * expansion, which is what glibc prints in the default rounding mode. */
#include "rt.h"

enum { F_MINUS = 1, F_PLUS = 2, F_SPACE = 4, F_ZERO = 8, F_HASH = 16,
       F_UPPER = 32 };

struct out {
    char *buf;          /* string sink, or NULL for an fd sink */
    size_t cap;
    size_t len;         /* characters produced so far */
    int fd;
    size_t tn;
    char tmp[512];
};

static void flush(struct out *o)
{
    size_t off = 0;
    while (off < o->tn) {
        long r = syscall3(SYS_write, o->fd, (long)(o->tmp + off), o->tn - off);
        if (r <= 0)
            break;
        off += (size_t)r;
    }
    o->tn = 0;
}

static void put(struct out *o, char c)
{
    if (o->buf) {
        if (o->len + 1 < o->cap)
            o->buf[o->len] = c;
    } else {
        if (o->tn == sizeof o->tmp)
            flush(o);
        o->tmp[o->tn++] = c;
    }
    o->len++;
}

static void putn(struct out *o, const char *s, size_t n)
{
    while (n--)
        put(o, *s++);
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

/* Emit prefix (sign, 0x) and body honouring width and flags. */
static void field(struct out *o, const char *pre, int npre, const char *body,
                  int nbody, int zeros, int width, int flags)
{
    int total = npre + zeros + nbody;
    int fill = width > total ? width - total : 0;
    if (!(flags & F_MINUS) && !(flags & F_ZERO))
        pad(o, ' ', fill);
    putn(o, pre, (size_t)npre);
    if (!(flags & F_MINUS) && (flags & F_ZERO))
        pad(o, '0', fill);
    pad(o, '0', zeros);
    putn(o, body, (size_t)nbody);
    if (flags & F_MINUS)
        pad(o, ' ', fill);
}

/* ---- exact double -> decimal -------------------------------------------- */

#define LIMB 1000000000u
#define MAXDIG 800

struct dec {
    char d[MAXDIG];     /* significant digits, no leading/trailing zeros */
    int nd;             /* 0 means the value is zero */
    int x;              /* d[0] is the digit of 10^x */
};

static void mul_small(uint32_t *w, int *n, uint32_t f)
{
    uint64_t carry = 0;
    for (int i = 0; i < *n; i++) {
        uint64_t t = (uint64_t)w[i] * f + carry;
        w[i] = (uint32_t)(t % LIMB);
        carry = t / LIMB;
    }
    while (carry) {
        w[(*n)++] = (uint32_t)(carry % LIMB);
        carry /= LIMB;
    }
}

/* v finite and > 0. */
static void exact(double v, struct dec *r)
{
    uint64_t bits;
    memcpy(&bits, &v, 8);
    int be = (int)((bits >> 52) & 0x7ff);
    uint64_t m = bits & ((1ull << 52) - 1);
    int e2;
    if (be == 0) {
        e2 = -1074;
    } else {
        m |= 1ull << 52;
        e2 = be - 1075;
    }
    uint32_t w[100];
    int n = 0, k = 0;
    while (m) {
        w[n++] = (uint32_t)(m % LIMB);
        m /= LIMB;
    }
    if (e2 > 0) {
        for (int e = e2; e > 0; e -= 29)
            mul_small(w, &n, 1u << (e > 29 ? 29 : e));
    } else if (e2 < 0) {
        k = -e2;
        for (int e = k; e > 0; e -= 13) {
            uint32_t f = 1;
            for (int i = 0; i < (e > 13 ? 13 : e); i++)
                f *= 5;
            mul_small(w, &n, f);
        }
    }
    /* value = w * 10^-k */
    int nd = 0;
    char tmp[12];
    int t = 0;
    for (uint32_t top = w[n - 1]; top; top /= 10)
        tmp[t++] = (char)('0' + top % 10);
    while (t)
        r->d[nd++] = tmp[--t];
    for (int i = n - 2; i >= 0; i--) {
        uint32_t x = w[i];
        for (int j = 8; j >= 0; j--) {
            r->d[nd + j] = (char)('0' + x % 10);
            x /= 10;
        }
        nd += 9;
    }
    r->x = nd - 1 - k;
    while (nd > 0 && r->d[nd - 1] == '0')
        nd--;
    r->nd = nd;
}

/* Keep `keep` leading digits, rounding half to even on the exact tail. */
static void round_to(struct dec *r, int keep)
{
    if (keep >= r->nd)
        return;
    if (keep < 0) {
        r->nd = 0;
        return;
    }
    char next = r->d[keep];
    int odd = keep > 0 && ((r->d[keep - 1] - '0') & 1);
    int up = next > '5' || (next == '5' && (r->nd > keep + 1 || odd));
    r->nd = keep;
    if (!up) {
        while (r->nd > 0 && r->d[r->nd - 1] == '0')
            r->nd--;
        return;
    }
    int i = keep - 1;
    while (i >= 0 && r->d[i] == '9')
        i--;
    if (i < 0) {
        r->d[0] = '1';
        r->nd = 1;
        r->x++;
    } else {
        r->d[i]++;
        r->nd = i + 1;
    }
}

static char dig(const struct dec *r, int i)
{
    return i >= 0 && i < r->nd ? r->d[i] : '0';
}

/* Fixed notation of an already rounded value. */
static int put_f(char *b, const struct dec *r, int prec, int hash)
{
    int n = 0;
    if (r->nd == 0 || r->x < 0)
        b[n++] = '0';
    else
        for (int q = r->x; q >= 0; q--)
            b[n++] = dig(r, r->x - q);
    if (prec > 0 || hash)
        b[n++] = '.';
    for (int j = 1; j <= prec; j++)
        b[n++] = r->nd ? dig(r, r->x + j) : '0';
    return n;
}

/* d.ddd mantissa only; the exponent is added by the caller. */
static int put_e_mant(char *b, const struct dec *r, int prec, int hash)
{
    int n = 0;
    b[n++] = dig(r, 0);
    if (prec > 0 || hash)
        b[n++] = '.';
    for (int j = 1; j <= prec; j++)
        b[n++] = dig(r, j);
    return n;
}

static int put_exp(char *b, int x, int upper)
{
    int n = 0;
    b[n++] = upper ? 'E' : 'e';
    b[n++] = x < 0 ? '-' : '+';
    if (x < 0)
        x = -x;
    char t[6];
    int k = 0;
    do {
        t[k++] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    if (k < 2)
        t[k++] = '0';
    while (k)
        b[n++] = t[--k];
    return n;
}

static int trim_zeros(char *b, int n)
{
    int dot = -1;
    for (int i = 0; i < n; i++)
        if (b[i] == '.')
            dot = i;
    if (dot < 0)
        return n;
    while (n > dot + 1 && b[n - 1] == '0')
        n--;
    if (n == dot + 1)
        n--;
    return n;
}

static void fmt_double(struct out *o, double v, char conv, int prec,
                       int width, int flags)
{
    static char b[MAXDIG + 1200];
    static struct dec r;
    char pre[1];
    int npre = 0, n = 0;
    uint64_t bits;
    memcpy(&bits, &v, 8);
    int upper = conv == 'F' || conv == 'E' || conv == 'G';
    if (bits >> 63)
        pre[npre++] = '-';
    else if (flags & F_PLUS)
        pre[npre++] = '+';
    else if (flags & F_SPACE)
        pre[npre++] = ' ';
    bits &= ~(1ull << 63);
    if (bits >= 0x7ff0000000000000ull) {
        const char *s = bits == 0x7ff0000000000000ull ? (upper ? "INF" : "inf")
                                                      : (upper ? "NAN" : "nan");
        field(o, pre, npre, s, 3, 0, width, flags & ~F_ZERO);
        return;
    }
    if (prec < 0)
        prec = 6;
    if (prec > 1000)
        prec = 1000;
    int hash = flags & F_HASH;
    if (bits == 0) {
        r.nd = 0;
        r.x = 0;
    } else {
        double a;
        memcpy(&a, &bits, 8);
        exact(a, &r);
    }
    switch (conv | 32) {
    case 'f':
        round_to(&r, r.x + 1 + prec);
        n = put_f(b, &r, prec, hash);
        break;
    case 'e':
        round_to(&r, prec + 1);
        n = put_e_mant(b, &r, prec, hash);
        n += put_exp(b + n, r.nd ? r.x : 0, upper);
        break;
    default: { /* g */
        int p = prec == 0 ? 1 : prec;
        round_to(&r, p);
        int x = r.nd ? r.x : 0;
        if (x < p && x >= -4) {
            n = put_f(b, &r, p - 1 - x, hash);
            if (!hash)
                n = trim_zeros(b, n);
        } else {
            n = put_e_mant(b, &r, p - 1, hash);
            if (!hash)
                n = trim_zeros(b, n);
            n += put_exp(b + n, x, upper);
        }
        break;
    }
    }
    field(o, pre, npre, b, n, 0, width, flags);
}

/* ---- integers and the format loop --------------------------------------- */

static void fmt_int(struct out *o, unsigned long long u, int neg, int base,
                    int prec, int width, int flags, int is_ptr)
{
    char body[24], pre[3];
    int nb = 0, npre = 0;
    const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF"
                                           : "0123456789abcdef";
    if (neg)
        pre[npre++] = '-';
    else if (flags & F_PLUS)
        pre[npre++] = '+';
    else if (flags & F_SPACE)
        pre[npre++] = ' ';
    if (base == 16 && ((flags & F_HASH) && u != 0)) {
        pre[npre++] = '0';
        pre[npre++] = (flags & F_UPPER) ? 'X' : 'x';
    }
    char t[24];
    int k = 0;
    while (u) {
        t[k++] = digits[u % (unsigned)base];
        u /= (unsigned)base;
    }
    if (base == 8 && (flags & F_HASH) && (k == 0 ? prec <= 0 : prec <= k))
        t[k++] = '0';       /* # on octal: make the first digit a 0 */
    while (k)
        body[nb++] = t[--k];
    int zeros = 0;
    if (prec >= 0) {
        flags &= ~F_ZERO;
        if (prec > nb)
            zeros = prec - nb;
    } else if (nb == 0) {
        body[nb++] = '0';
    }
    (void)is_ptr;
    field(o, pre, npre, body, nb, zeros, width, flags);
}

static void format(struct out *o, const char *f, va_list ap)
{
    for (; *f; f++) {
        if (*f != '%') {
            put(o, *f);
            continue;
        }
        const char *start = f++;
        int flags = 0, width = 0, prec = -1;
        for (;; f++) {
            if (*f == '-') flags |= F_MINUS;
            else if (*f == '+') flags |= F_PLUS;
            else if (*f == ' ') flags |= F_SPACE;
            else if (*f == '0') flags |= F_ZERO;
            else if (*f == '#') flags |= F_HASH;
            else break;
        }
        if (*f == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                flags |= F_MINUS;
                width = -width;
            }
            f++;
        } else {
            while (isdigit(*f))
                width = width * 10 + (*f++ - '0');
        }
        if (*f == '.') {
            f++;
            prec = 0;
            if (*f == '*') {
                prec = va_arg(ap, int);
                f++;
            } else {
                while (isdigit(*f))
                    prec = prec * 10 + (*f++ - '0');
            }
        }
        int lng = 0;    /* -2 hh, -1 h, 1 l, 2 ll */
        for (;; f++) {
            if (*f == 'h') lng--;
            else if (*f == 'l') lng++;
            else if (*f == 'z' || *f == 't' || *f == 'j') lng = 2;
            else break;
        }
        switch (*f) {
        case 'd':
        case 'i': {
            long long v = lng >= 2 ? va_arg(ap, long long)
                        : lng == 1 ? va_arg(ap, long)
                                   : va_arg(ap, int);
            if (lng == -1) v = (short)v;
            if (lng <= -2) v = (signed char)v;
            unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
                                         : (unsigned long long)v;
            fmt_int(o, u, v < 0, 10, prec, width, flags, 0);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            unsigned long long u = lng >= 2 ? va_arg(ap, unsigned long long)
                                 : lng == 1 ? va_arg(ap, unsigned long)
                                            : va_arg(ap, unsigned);
            if (lng == -1) u = (unsigned short)u;
            if (lng <= -2) u = (unsigned char)u;
            int base = *f == 'u' ? 10 : *f == 'o' ? 8 : 16;
            if (*f == 'X')
                flags |= F_UPPER;
            fmt_int(o, u, 0, base, prec, width, flags & ~(F_PLUS | F_SPACE), 0);
            break;
        }
        case 'p': {
            void *p = va_arg(ap, void *);
            if (!p)
                field(o, "", 0, "(nil)", 5, 0, width, flags & ~F_ZERO);
            else
                fmt_int(o, (uintptr_t)p, 0, 16, prec, width, flags | F_HASH, 1);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            field(o, "", 0, &c, 1, 0, width, flags & ~F_ZERO);
            break;
        }
        case 's': {
            const char *s = va_arg(ap, const char *);
            if (!s)
                s = (prec < 0 || prec >= 6) ? "(null)" : "";
            int n = (int)(prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s));
            field(o, "", 0, s, n, 0, width, flags & ~F_ZERO);
            break;
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
            fmt_double(o, va_arg(ap, double), *f, prec, width, flags);
            break;
        case '%':
            put(o, '%');
            break;
        default:        /* unknown: print it as written */
            if (!*f)
                f--;
            putn(o, start, (size_t)(f - start + 1));
            break;
        }
    }
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    struct out o;
    o.buf = 0;
    o.len = 0;
    o.tn = 0;
    o.fd = fd;
    format(&o, fmt, ap);
    flush(&o);
    return (int)o.len;
}

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap)
{
    struct out o;
    o.buf = buf;
    o.cap = n;
    o.len = 0;
    o.tn = 0;
    o.fd = -1;
    format(&o, fmt, ap);
    if (n)
        buf[o.len < n ? o.len : n - 1] = 0;
    return (int)o.len;
}

int vprintf(const char *fmt, va_list ap) { return vdprintf(1, fmt, ap); }

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vdprintf(1, fmt, ap);
    va_end(ap);
    return r;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vdprintf(fd, fmt, ap);
    va_end(ap);
    return r;
}

int eprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vdprintf(2, fmt, ap);
    va_end(ap);
    return r;
}

int snprintf(char *buf, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, (size_t)-1 >> 1, fmt, ap);
    va_end(ap);
    return r;
}

int fputs_fd(const char *s, int fd)
{
    size_t n = strlen(s);
    return write(fd, s, n) == (ssize_t)n ? 0 : EOF;
}

int puts(const char *s)
{
    size_t n = strlen(s);
    char buf[256];
    if (n < sizeof buf) {       /* one write, like printf */
        memcpy(buf, s, n);
        buf[n] = '\n';
        return write(1, buf, n + 1) == (ssize_t)(n + 1) ? 0 : EOF;
    }
    if (write(1, s, n) != (ssize_t)n)
        return EOF;
    return write(1, "\n", 1) == 1 ? 0 : EOF;
}

int putchar(int c)
{
    char ch = (char)c;
    return write(1, &ch, 1) == 1 ? (unsigned char)c : EOF;
}
