/* GDB Remote Serial Protocol framing (see rsp.h). */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "rsp.h"

/* Split "PORT" / "HOST:PORT" / "unix:PATH" into a socket address. */
static int resolve(const char *where, struct sockaddr_storage *ss, socklen_t *len)
{
    memset(ss, 0, sizeof *ss);
    if (!strncmp(where, "unix:", 5)) {
        struct sockaddr_un *un = (struct sockaddr_un *)ss;
        if (strlen(where + 5) >= sizeof un->sun_path) {
            errno = ENAMETOOLONG;
            return -1;
        }
        un->sun_family = AF_UNIX;
        strcpy(un->sun_path, where + 5);
        *len = sizeof *un;
        return 0;
    }
    char host[256] = "127.0.0.1";
    const char *port = where;
    const char *colon = strrchr(where, ':');
    if (colon) {
        size_t n = (size_t)(colon - where);
        if (n >= sizeof host) {
            errno = EINVAL;
            return -1;
        }
        if (n) {
            memcpy(host, where, n);
            host[n] = 0;
        }
        port = colon + 1;
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (!*port || *end || p <= 0 || p > 65535) {
        errno = EINVAL;
        return -1;
    }
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *ai;
    if (getaddrinfo(host, port, &hints, &ai)) {
        errno = EHOSTUNREACH;
        return -1;
    }
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    *len = ai->ai_addrlen;
    freeaddrinfo(ai);
    return 0;
}

static void tune(int fd, int family)
{
    int one = 1;
    if (family != AF_UNIX)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int rsp_listen_accept(const char *where)
{
    struct sockaddr_storage ss;
    socklen_t len;
    if (resolve(where, &ss, &len))
        return -1;
    int ls = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (ls < 0)
        return -1;
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (ss.ss_family == AF_UNIX)
        unlink(((struct sockaddr_un *)&ss)->sun_path);
    if (bind(ls, (struct sockaddr *)&ss, len) || listen(ls, 1)) {
        int e = errno;
        close(ls);
        errno = e;
        return -1;
    }
    fprintf(stderr, "trapeze: waiting for gdb on %s\n", where);
    int fd;
    do
        fd = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    int e = errno;
    close(ls);
    if (ss.ss_family == AF_UNIX)
        unlink(((struct sockaddr_un *)&ss)->sun_path);
    if (fd >= 0)
        tune(fd, ss.ss_family);
    errno = e;
    return fd;
}

int rsp_connect(const char *where, int wait_ms)
{
    struct sockaddr_storage ss;
    socklen_t len;
    if (resolve(where, &ss, &len))
        return -1;
    for (int waited = 0;; waited += 20) {
        int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return -1;
        if (connect(fd, (struct sockaddr *)&ss, len) == 0) {
            tune(fd, ss.ss_family);
            return fd;
        }
        int e = errno;
        close(fd);
        if (waited >= wait_ms || (e != ECONNREFUSED && e != ENOENT)) {
            errno = e;
            return -1;
        }
        nanosleep(&(struct timespec){0, 20 * 1000000}, NULL);
    }
}

static int getbyte(struct rsp *r)
{
    if (r->inpos == r->inlen) {
        ssize_t n;
        do
            n = read(r->fd, r->in, sizeof r->in);
        while (n < 0 && errno == EINTR);
        if (n <= 0)
            return -1;
        r->inpos = 0;
        r->inlen = (size_t)n;
    }
    return r->in[r->inpos++];
}

bool rsp_readable(struct rsp *r)
{
    if (r->inpos < r->inlen)
        return true;
    struct pollfd p = {.fd = r->fd, .events = POLLIN};
    return poll(&p, 1, 0) > 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int rsp_send(struct rsp *r, const char *data, size_t len)
{
    static char buf[2 * RSP_MAX + 8];
    if (len > sizeof buf - 4)
        len = sizeof buf - 4;
    uint8_t sum = 0;
    buf[0] = '$';
    memcpy(buf + 1, data, len);
    for (size_t i = 0; i < len; i++)
        sum += (uint8_t)data[i];
    snprintf(buf + 1 + len, 4, "#%02x", sum);
    for (int tries = 0; tries < 16; tries++) {
        if (write_all(r->fd, buf, len + 4))
            return -1;
        if (r->noack)
            return 0;
        for (;;) {
            int ch = getbyte(r);
            if (ch < 0)
                return -1;
            if (ch == '+')
                return 0;
            if (ch == '-')
                break;
            /* anything else before the ack (a stray ^C) is dropped */
        }
    }
    return -1;
}

int rsp_send_str(struct rsp *r, const char *s)
{
    return rsp_send(r, s, strlen(s));
}

int rsp_hexval(int ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

long rsp_recv(struct rsp *r, char *buf, size_t cap)
{
    for (;;) {
        int ch;
        do {
            ch = getbyte(r);
            if (ch < 0)
                return -1;
            if (ch == 0x03)
                return RSP_INTERRUPT;
        } while (ch != '$');
        size_t n = 0;
        uint8_t sum = 0;
        bool overflow = false;
        int prev = -1;
        for (;;) {
            ch = getbyte(r);
            if (ch < 0)
                return -1;
            if (ch == '#')
                break;
            sum += (uint8_t)ch;
            if (ch == '*' && prev >= 0) {
                /* run-length: repeat the previous byte (next - 29) times */
                int cnt = getbyte(r);
                if (cnt < 0)
                    return -1;
                sum += (uint8_t)cnt;
                for (int k = 0; k < cnt - 29; k++) {
                    if (n + 1 < cap) buf[n++] = (char)prev;
                    else overflow = true;
                }
                prev = -1;
                continue;
            }
            if (n + 1 < cap)
                buf[n++] = (char)ch;
            else
                overflow = true;
            prev = ch;
        }
        int h = getbyte(r), l = h < 0 ? -1 : getbyte(r);
        if (l < 0)
            return -1;
        buf[n] = 0;
        bool good = rsp_hexval(h) >= 0 && rsp_hexval(l) >= 0 &&
                    (uint8_t)(rsp_hexval(h) << 4 | rsp_hexval(l)) == sum;
        if (r->noack)
            good = true;
        else if (write_all(r->fd, good ? "+" : "-", 1))
            return -1;
        if (good)
            return overflow ? (long)(cap - 1) : (long)n;
    }
}

void rsp_hex(char *out, const void *in, size_t n)
{
    static const char d[] = "0123456789abcdef";
    const uint8_t *p = in;
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = d[p[i] >> 4];
        out[2 * i + 1] = d[p[i] & 15];
    }
    out[2 * n] = 0;
}

int rsp_unhex(void *out, const char *in, size_t n)
{
    uint8_t *p = out;
    for (size_t i = 0; i < n; i++) {
        int h = rsp_hexval((unsigned char)in[2 * i]);
        int l = h < 0 ? -1 : rsp_hexval((unsigned char)in[2 * i + 1]);
        if (l < 0)
            return -1;
        p[i] = (uint8_t)(h << 4 | l);
    }
    return 0;
}

int rsp_parse_hex(const char **p, uint64_t *v)
{
    const char *s = *p;
    uint64_t x = 0;
    int nd = 0;
    while (rsp_hexval((unsigned char)*s) >= 0 && nd < 16) {
        x = x << 4 | (uint64_t)rsp_hexval((unsigned char)*s++);
        nd++;
    }
    if (!nd || rsp_hexval((unsigned char)*s) >= 0)
        return -1;
    *v = x;
    *p = s;
    return 0;
}

size_t rsp_escape(char *out, size_t cap, const uint8_t *in, size_t n, size_t *used)
{
    size_t o = 0, i = 0;
    for (; i < n; i++) {
        uint8_t b = in[i];
        bool esc = b == '}' || b == '#' || b == '$' || b == '*';
        if (o + 1 + esc > cap)
            break;
        if (esc) {
            out[o++] = '}';
            out[o++] = (char)(b ^ 0x20);
        } else {
            out[o++] = (char)b;
        }
    }
    *used = i;
    return o;
}

size_t rsp_unescape(uint8_t *out, const char *in, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '}' && i + 1 < n)
            out[o++] = (uint8_t)(in[++i] ^ 0x20);
        else
            out[o++] = (uint8_t)in[i];
    }
    return o;
}
