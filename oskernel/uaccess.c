/* Kernel access to guest memory.  Like Linux's uaccess with its exception
 * table: the copy runs with a fault context armed, and a host fault on a
 * guest page turns into -EFAULT instead of a crash.  Writes to pages that
 * hold decoded code go through the same self-modifying-code path as the
 * CPU's stores (sim/fault.c). */
#include <string.h>

#include "../sim/fault.h"
#include "../sim/mem.h"
#include "kernel.h"

static bool in_arena(uint64_t a, size_t n)
{
    return a < guest_mem->size && n <= guest_mem->size - a;
}

/* The range of guest memory the kernel writes while recording (the
 * signal frame, for traces). */
static struct {
    bool on;
    uint64_t lo, hi;
} rec;

void uaccess_record_start(void)
{
    rec.on = true;
    rec.lo = UINT64_MAX;
    rec.hi = 0;
}

void uaccess_record_stop(uint64_t *lo, uint64_t *hi)
{
    rec.on = false;
    *lo = rec.lo == UINT64_MAX ? 0 : rec.lo;
    *hi = rec.hi;
}

/* One guarded memory operation: dir 0 = from user, 1 = to user, 2 = clear. */
static int guarded(void *host, uint64_t g, size_t n, int dir)
{
    if (!n)
        return 0;
    if (!in_arena(g, n))
        return -EFAULT;
    if (rec.on && dir != 0) {
        if (g < rec.lo)
            rec.lo = g;
        if (g + n > rec.hi)
            rec.hi = g + n;
    }
    struct fault_ctx fc, *prev = fault_ctx_get();
    if (sigsetjmp(fc.jb, 0)) {
        fault_ctx_set(prev);
        return -EFAULT;
    }
    fault_ctx_set(&fc);
    uint8_t *p = guest_mem->base + g;
    if (dir == 0)
        memcpy(host, p, n);
    else if (dir == 1)
        memcpy(p, host, n);
    else
        memset(p, 0, n);
    fault_ctx_set(prev);
    return 0;
}

int copy_from_user(void *dst, uint64_t src, size_t n) { return guarded(dst, src, n, 0); }
int copy_to_user(uint64_t dst, const void *src, size_t n) { return guarded((void *)src, dst, n, 1); }
int clear_user(uint64_t dst, size_t n) { return guarded(NULL, dst, n, 2); }

long strncpy_from_user(char *dst, uint64_t src, size_t max)
{
    if (!max)
        return -ENAMETOOLONG;
    if (src >= guest_mem->size)
        return -EFAULT;
    struct fault_ctx fc, *prev = fault_ctx_get();
    if (sigsetjmp(fc.jb, 0)) {
        fault_ctx_set(prev);
        return -EFAULT;
    }
    fault_ctx_set(&fc);
    size_t lim = guest_mem->size - src;
    const char *p = (const char *)guest_mem->base + src;
    long r = -ENAMETOOLONG;
    for (size_t i = 0; i < max; i++) {
        if (i >= lim) {
            r = -EFAULT;
            break;
        }
        dst[i] = p[i];
        if (!p[i]) {
            r = (long)i;
            break;
        }
    }
    fault_ctx_set(prev);
    return r;
}

int get_user_u32(uint32_t *v, uint64_t a)
{
    uint8_t b[4];
    int r = copy_from_user(b, a, 4);
    if (!r)
        *v = get_le32(b);
    return r;
}

int get_user_u64(uint64_t *v, uint64_t a)
{
    uint8_t b[8];
    int r = copy_from_user(b, a, 8);
    if (!r)
        *v = get_le64(b);
    return r;
}

int put_user_u32(uint64_t a, uint32_t v)
{
    uint8_t b[4];
    put_le32(b, v);
    return copy_to_user(a, b, 4);
}

int put_user_u64(uint64_t a, uint64_t v)
{
    uint8_t b[8];
    put_le64(b, v);
    return copy_to_user(a, b, 8);
}

/* An atomic compare-and-exchange on a guest word, -EFAULT on a bad one;
 * *old gets the value found. */
int cmpxchg_user_u32(uint64_t a, uint32_t *old, uint32_t nv)
{
    if (a & 3 || !in_arena(a, 4))
        return -EFAULT;
    /* the page must be writable: a write of the same value proves it
     * (and takes a code page out of the block cache, as a store does) */
    uint32_t v;
    if (get_user_u32(&v, a) || put_user_u32(a, v))
        return -EFAULT;
    struct fault_ctx fc, *prev = fault_ctx_get();
    if (sigsetjmp(fc.jb, 0)) {
        fault_ctx_set(prev);
        return -EFAULT;
    }
    fault_ctx_set(&fc);
    __atomic_compare_exchange_n((uint32_t *)(guest_mem->base + a), old, nv, false,
                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    fault_ctx_set(prev);
    return 0;
}
