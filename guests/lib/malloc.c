/* malloc over mmap: power-of-two size classes with free lists, carved from
 * 256 KiB chunks; big blocks get their own mapping.  One lock for all
 * threads. */
#include "rt.h"

#define HDR 16                  /* keeps payloads 16-byte aligned */
#define NCLASS 15               /* 32 B .. 512 KiB blocks (header included) */
#define CHUNK (256 * 1024)

struct hdr {
    size_t size;                /* block size including the header */
    size_t cls;                 /* size class, or NCLASS for a mapping */
};

static void *freelist[NCLASS];
static char *carve, *carve_end;
static mutex_t lock = MUTEX_INIT;

static size_t page_size(void)
{
    static size_t ps;
    if (!ps) {
        ps = getauxval(AT_PAGESZ);
        if (!ps)
            ps = 4096;
    }
    return ps;
}

static void *map(size_t n)
{
    void *p = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    return p == MAP_FAILED ? 0 : p;
}

static void *malloc_locked(size_t n)
{
    if (n > ((size_t)1 << 46))
        goto nomem;
    size_t need = n + HDR;
    size_t cls = 0;
    while (cls < NCLASS && ((size_t)32 << cls) < need)
        cls++;
    struct hdr *h;
    if (cls == NCLASS) {
        size_t ps = page_size();
        size_t sz = (need + ps - 1) & ~(ps - 1);
        h = map(sz);
        if (!h)
            goto nomem;
        h->size = sz;
    } else if (freelist[cls]) {
        h = freelist[cls];
        freelist[cls] = *(void **)((char *)h + HDR);
    } else {
        size_t sz = (size_t)32 << cls;
        if ((size_t)(carve_end - carve) < sz) {
            size_t csz = sz > CHUNK ? sz : CHUNK;
            char *c = map(csz);
            if (!c)
                goto nomem;
            carve = c;
            carve_end = c + csz;
        }
        h = (struct hdr *)carve;
        carve += sz;
        h->size = sz;
    }
    h->cls = cls;
    return (char *)h + HDR;
nomem:
    errno = ENOMEM;
    return 0;
}

void *malloc(size_t n)
{
    mutex_lock(&lock);
    void *p = malloc_locked(n);
    mutex_unlock(&lock);
    return p;
}

void free(void *p)
{
    if (!p)
        return;
    struct hdr *h = (struct hdr *)((char *)p - HDR);
    if (h->cls == NCLASS) {
        munmap(h, h->size);
        return;
    }
    mutex_lock(&lock);
    *(void **)p = freelist[h->cls];
    freelist[h->cls] = h;
    mutex_unlock(&lock);
}

void *calloc(size_t n, size_t size)
{
    if (size && n > ((size_t)-1) / size) {
        errno = ENOMEM;
        return 0;
    }
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *realloc(void *p, size_t n)
{
    if (!p)
        return malloc(n);
    if (!n) {
        free(p);
        return 0;
    }
    struct hdr *h = (struct hdr *)((char *)p - HDR);
    size_t have = h->size - HDR;
    if (n <= have)
        return p;
    void *q = malloc(n);
    if (!q)
        return 0;
    memcpy(q, p, have);
    free(p);
    return q;
}
