/* Memory syscalls: brk, mmap, munmap, mprotect, mremap, madvise
 * (mm/mmap.c, mm/mremap.c, mm/mprotect.c, mm/madvise.c). */

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../sim/machine.h"
#include "syscalls.h"

/* Flag values shared by the four guests (asm-generic/mman-common.h). */
#define GMAP_SHARED 0x01
#define GMAP_PRIVATE 0x02
#define GMAP_SHARED_VALIDATE 0x03
#define GMAP_TYPE 0x0f
#define GMAP_FIXED 0x10
#define GMAP_ANONYMOUS 0x20
#define GMAP_FIXED_NOREPLACE 0x100000
#define GMREMAP_MAYMOVE 1
#define GMREMAP_FIXED 2
#define GMREMAP_DONTUNMAP 4
#define GMADV_DONTNEED 4

static uint64_t page_up(uint64_t x) { return (x + guest_mem->page_size - 1) & ~(guest_mem->page_size - 1); }
static bool page_aligned(uint64_t x) { return (x & (guest_mem->page_size - 1)) == 0; }

static bool range_free(uint64_t start, uint64_t len)
{
    for (unsigned i = 0; i < guest_mem->nvmas; i++) {
        struct vma *v = &guest_mem->vmas[i];
        if (v->start < start + len && v->end > start)
            return false;
    }
    return true;
}

static long do_mmap(uint64_t addr, uint64_t plen, int prot, int flags, int fd, uint64_t off,
                    bool anon, int type);

SYSCALL(mmap)
{
    uint64_t addr = a0, len = a1, off = a5;
    int prot = (int)a2 & (PROT_R | PROT_W | PROT_X);
    int flags = (int)a3, fd = (int)a4;
    int type = flags & GMAP_TYPE;
    if (!len)
        return -EINVAL;
    if (type != GMAP_SHARED && type != GMAP_PRIVATE && type != GMAP_SHARED_VALIDATE)
        return -EINVAL;
    if (!page_aligned(off))
        return -EINVAL;
    uint64_t plen = page_up(len);
    if (plen < len || plen > guest_mem->size)
        return -ENOMEM;
    bool anon = flags & GMAP_ANONYMOUS;
    if (!anon && kernel_fd_is_internal(fd))
        return -EBADF;
    mem_lock();     /* the free range stays free until it is mapped */
    long r = do_mmap(addr, plen, prot, flags, fd, off, anon, type);
    mem_unlock();
    return r;
}

static long do_mmap(uint64_t addr, uint64_t plen, int prot, int flags, int fd, uint64_t off,
                    bool anon, int type)
{
    uint64_t at;
    if (flags & (GMAP_FIXED | GMAP_FIXED_NOREPLACE)) {
        if (!page_aligned(addr))
            return -EINVAL;
        if (addr >= guest_mem->size || plen > guest_mem->size - addr)
            return -ENOMEM;
        if ((flags & GMAP_FIXED_NOREPLACE) && !(flags & GMAP_FIXED) && !range_free(addr, plen))
            return -EEXIST;
        at = addr;
    } else {
        at = mem_find_free(guest_mem, plen, addr ? (addr & ~(guest_mem->page_size - 1)) : 0,
                           kern->mmap_top);
        if (!at)
            return -ENOMEM;
    }
    int r = mem_map(guest_mem, at, plen, prot, anon ? -1 : fd, anon ? 0 : off,
                    type != GMAP_PRIVATE, NULL);
    if (r)
        return r;
    if (!anon) {
        struct vma *v = mem_find(guest_mem, at);
        char proc[64], path[sizeof v->name];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(proc, path, sizeof path - 1);
        if (v && n > 0) {
            path[n] = 0;
            snprintf(v->name, sizeof v->name, "%s", path);
        }
    }
    return (long)at;
}

SYSCALL(munmap)
{
    uint64_t addr = a0, len = page_up(a1);
    if (!page_aligned(addr) || !a1 || addr >= guest_mem->size || len > guest_mem->size - addr)
        return -EINVAL;
    return mem_unmap(guest_mem, addr, len);
}

SYSCALL(mprotect)
{
    uint64_t addr = a0, len = page_up(a1);
    int prot = (int)a2;
    if (!page_aligned(addr))
        return -EINVAL;
    if (prot & ~(PROT_R | PROT_W | PROT_X | 0x01000000 | 0x02000000))   /* GROWSDOWN/UP */
        return -EINVAL;
    if (!a1)
        return 0;
    if (addr >= guest_mem->size || len > guest_mem->size - addr)
        return -ENOMEM;
    return mem_protect(guest_mem, addr, len, prot & (PROT_R | PROT_W | PROT_X));
}

static long do_brk(uint64_t want);

SYSCALL(brk)
{
    mem_lock();
    long r = do_brk(a0);
    mem_unlock();
    return r;
}

static long do_brk(uint64_t want)
{
    uint64_t cur = kern->brk_cur;
    if (want < kern->brk_start)
        return (long)cur;
    uint64_t old_top = page_up(cur), new_top = page_up(want);
    if (new_top > old_top) {
        if (new_top > guest_mem->size || !range_free(old_top, new_top - old_top))
            return (long)cur;
        if (mem_map(guest_mem, old_top, new_top - old_top, PROT_R | PROT_W, -1, 0, false, "[heap]"))
            return (long)cur;
        mem_find(guest_mem, old_top)->is_heap = 1;
    } else if (new_top < old_top) {
        mem_unmap(guest_mem, new_top, old_top - new_top);
    }
    kern->brk_cur = want;
    return (long)want;
}

/* Move pages with the host's mremap, so file-backed and shared mappings
 * keep their backing; the hole left behind is reserved again. */
static long move_mapping(uint64_t old, uint64_t oldlen, uint64_t newlen, uint64_t to)
{
    struct vma *v = mem_find(guest_mem, old);
    struct vma keep = *v;
    engine_invalidate(old, oldlen);
    engine_invalidate(to, newlen);
    void *p = mremap(guest_mem->base + old, oldlen, newlen, MREMAP_MAYMOVE | MREMAP_FIXED,
                     guest_mem->base + to);
    if (p == MAP_FAILED)
        return -errno;
    /* Re-reserve the old range and rebuild the VMA list. */
    mmap(guest_mem->base + old, oldlen, PROT_NONE,
         MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    mem_forget(guest_mem, old, oldlen);
    keep.start = to;
    keep.end = to + newlen;
    mem_adopt(guest_mem, &keep);
    return (long)to;
}

static long do_mremap(uint64_t old, uint64_t a1, uint64_t a2, uint64_t flags, uint64_t naddr);

SYSCALL(mremap)
{
    mem_lock();
    long r = do_mremap(a0, a1, a2, a3, a4);
    mem_unlock();
    return r;
}

static long do_mremap(uint64_t old, uint64_t a1, uint64_t a2, uint64_t flags, uint64_t naddr)
{
    uint64_t oldlen = page_up(a1), newlen = page_up(a2);
    if (!page_aligned(old) || (flags & ~(uint64_t)(GMREMAP_MAYMOVE | GMREMAP_FIXED | GMREMAP_DONTUNMAP)))
        return -EINVAL;
    if ((flags & GMREMAP_FIXED) && !(flags & GMREMAP_MAYMOVE))
        return -EINVAL;
    if (!newlen || newlen < a2)
        return -EINVAL;
    if (flags & GMREMAP_DONTUNMAP)
        return -EINVAL;     /* not modelled */
    struct vma *v = mem_find(guest_mem, old);
    if (!v || (oldlen && v->end < old + oldlen))
        return -EFAULT;
    if (!oldlen)
        return -EINVAL;     /* duplicating shared mappings: not modelled */
    if (flags & GMREMAP_FIXED) {
        if (!page_aligned(naddr) || naddr >= guest_mem->size || newlen > guest_mem->size - naddr)
            return -EINVAL;
        if (naddr < old + oldlen && naddr + newlen > old)
            return -EINVAL;
        mem_unmap(guest_mem, naddr, newlen);
        return move_mapping(old, oldlen, newlen, naddr);
    }
    if (newlen <= oldlen) {
        if (newlen < oldlen)
            mem_unmap(guest_mem, old + newlen, oldlen - newlen);
        return (long)old;
    }
    /* grow in place if the pages after it are free */
    if (old + newlen <= guest_mem->size && range_free(old + oldlen, newlen - oldlen) &&
        v->end == old + oldlen) {
        /* the host region after it is our reservation: give it back first */
        uint8_t *tail = guest_mem->base + old + oldlen;
        munmap(tail, newlen - oldlen);
        void *p = mremap(guest_mem->base + old, oldlen, newlen, 0);
        if (p != MAP_FAILED) {
            v->end = old + newlen;
            return (long)old;
        }
        mmap(tail, newlen - oldlen, PROT_NONE,
             MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    }
    if (!(flags & GMREMAP_MAYMOVE))
        return -ENOMEM;
    uint64_t to = mem_find_free(guest_mem, newlen, 0, kern->mmap_top);
    if (!to)
        return -ENOMEM;
    return move_mapping(old, oldlen, newlen, to);
}

SYSCALL(madvise)
{
    uint64_t addr = a0, len = page_up(a1);
    if (!page_aligned(addr))
        return -EINVAL;
    if (!a1)
        return 0;
    if (addr >= guest_mem->size || len > guest_mem->size - addr)
        return -ENOMEM;
    for (uint64_t x = addr; x < addr + len;) {
        struct vma *v = mem_find(guest_mem, x);
        if (!v)
            return -ENOMEM;
        x = v->end;
    }
    if ((int)a2 == GMADV_DONTNEED)
        return madvise(guest_mem->base + addr, len, MADV_DONTNEED) ? -errno : 0;
    return 0;
}
