/* Guest memory: the arena, its VMA list, and the host protections that
 * make the host MMU check guest accesses (see mem.h). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machine.h"
#include "mem.h"

#define HOST_PAGE 4096ULL

struct mem *guest_mem;

/* One lock for the address space (Linux's mmap_lock), recursive because
 * the host fault handler may need it while the same thread holds it. */
static pthread_mutex_t mm_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
void mem_lock(void) { pthread_mutex_lock(&mm_lock); }
void mem_unlock(void) { pthread_mutex_unlock(&mm_lock); }

static uint64_t host_pages(uint64_t size) { return size / HOST_PAGE; }

uint64_t mem_check_limit;

/* ---- the slow access path and access tracing ---------------------------- */

#define MAX_TRACED 16
static __thread struct mem_access traced[MAX_TRACED];
static __thread unsigned ntraced;
static bool tracing_accesses;

void *mem_slow(struct cpu *c, uint64_t a, unsigned size, enum access acc)
{
    struct mem *m = guest_mem;
    if (a > m->size - size)
        cpu_fault(c, a, acc);
    if (tracing_accesses && ntraced < MAX_TRACED)
        traced[ntraced++] = (struct mem_access){a, (uint8_t)size, (uint8_t)acc};
    return m->base + a;
}

void mem_trace_enable(bool on)
{
    tracing_accesses = on;
    /* 64 exceeds any access size, so a > 64 - size holds for every
     * address that can be mapped (the first 64 KiB never are) */
    mem_check_limit = on ? 64 : guest_mem->size;
}

unsigned mem_trace_take(struct mem_access *out, unsigned max)
{
    unsigned n = ntraced < max ? ntraced : max;
    memcpy(out, traced, n * sizeof *out);
    ntraced = 0;
    return n;
}

int mem_init(struct mem *m, uint64_t size, uint64_t page_size)
{
    memset(m, 0, sizeof *m);
    m->size = size;
    m->page_size = page_size;
    void *p = mmap(NULL, size, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    m->base = p;
    mem_check_limit = size;
    /* One bit per host page: "holds decoded code". */
    size_t bm = host_pages(size) / 8;
    p = mmap(NULL, bm, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    m->code_pages = p;
    guest_mem = m;
    return 0;
}

/* ---- VMA list ------------------------------------------------------------ */

static unsigned vma_index(struct mem *m, uint64_t addr)
{
    /* first VMA whose end > addr */
    unsigned lo = 0, hi = m->nvmas;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (m->vmas[mid].end <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

struct vma *mem_find(struct mem *m, uint64_t addr)
{
    unsigned i = vma_index(m, addr);
    if (i < m->nvmas && m->vmas[i].start <= addr)
        return &m->vmas[i];
    return NULL;
}

static void vma_insert_at(struct mem *m, unsigned i, const struct vma *v)
{
    if (m->nvmas == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 64;
        m->vmas = realloc(m->vmas, m->cap * sizeof *m->vmas);
        if (!m->vmas) {
            fprintf(stderr, "trapeze: out of memory for the VMA list\n");
            abort();
        }
    }
    memmove(&m->vmas[i + 1], &m->vmas[i], (m->nvmas - i) * sizeof *v);
    m->vmas[i] = *v;
    m->nvmas++;
}

/* Split so that no VMA straddles addr. */
static void vma_split(struct mem *m, uint64_t addr)
{
    struct vma *v = mem_find(m, addr);
    if (!v || v->start == addr)
        return;
    struct vma tail = *v;
    tail.start = addr;
    if (!tail.is_stack && tail.name[0] != '[')
        tail.file_off += addr - v->start;
    v->end = addr;
    vma_insert_at(m, (unsigned)(v - m->vmas) + 1, &tail);
}

static void vma_remove_range(struct mem *m, uint64_t start, uint64_t end)
{
    vma_split(m, start);
    vma_split(m, end);
    unsigned i = vma_index(m, start), j = i;
    while (j < m->nvmas && m->vmas[j].end <= end)
        j++;
    if (j > i) {
        memmove(&m->vmas[i], &m->vmas[j], (m->nvmas - j) * sizeof m->vmas[0]);
        m->nvmas -= j - i;
    }
}

/* Lock order: the engine's lock, then this one (the engine fetches code
 * under its lock); so these functions drop decoded code (which takes the
 * engine's lock) only after releasing the address-space lock. */

/* ---- host protection ------------------------------------------------------ */

static bool code_bit(struct mem *m, uint64_t hp)
{
    return m->code_pages[hp / 8] >> (hp % 8) & 1;
}

bool mem_is_code_page(struct mem *m, uint64_t addr)
{
    return addr < m->size && code_bit(m, addr / HOST_PAGE);
}

static int host_prot(int prot)
{
    int hp = PROT_NONE;
    if (prot & (PROT_R | PROT_X))
        hp |= PROT_READ;
    if (prot & PROT_W)
        hp |= PROT_READ | PROT_WRITE;
    return hp;
}

/* Apply host protections for [start, end), keeping code pages read-only
 * so that a guest write to them is seen (self-modifying code). */
static void reprotect(struct mem *m, uint64_t start, uint64_t end, int prot)
{
    int hp = host_prot(prot);
    uint64_t a = start;
    while (a < end) {
        uint64_t b = a;
        bool code = (hp & PROT_WRITE) && code_bit(m, a / HOST_PAGE);
        while (b < end && ((hp & PROT_WRITE) && code_bit(m, b / HOST_PAGE)) == code)
            b += HOST_PAGE;
        mprotect(m->base + a, b - a, code ? hp & ~PROT_WRITE : hp);
        a = b;
    }
}

static void clear_code_bits(struct mem *m, uint64_t start, uint64_t end)
{
    for (uint64_t hp = start / HOST_PAGE; hp < end / HOST_PAGE; hp++)
        m->code_pages[hp / 8] &= ~(1u << (hp % 8));
}

/* A guest page larger than the host's: in the guest page that holds the
 * end of the file, the host pages past the end would raise SIGBUS, where
 * Linux gives zeros (only whole pages past the end fault).  Put anonymous
 * zero pages there. */
static void zero_tail_of_eof_page(struct mem *m, uint64_t start, uint64_t len, int prot,
                                  int fd, uint64_t off)
{
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode) || (uint64_t)st.st_size <= off)
        return;
    uint64_t eof = start + ((uint64_t)st.st_size - off);
    uint64_t from = (eof + HOST_PAGE - 1) & ~(HOST_PAGE - 1);
    uint64_t to = (eof + m->page_size - 1) & ~(m->page_size - 1);
    if (to > start + len)
        to = start + len;
    if (from < to)
        mmap(m->base + from, to - from, host_prot(prot),
             MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static bool range_ok(struct mem *m, uint64_t start, uint64_t len)
{
    return len && start % m->page_size == 0 && len % m->page_size == 0 &&
           start < m->size && len <= m->size - start;
}

static int mem_map_locked(struct mem *m, uint64_t start, uint64_t len, int prot,
            int host_fd, uint64_t off, bool shared, const char *name)
{
    if (!range_ok(m, start, len))
        return -EINVAL;
    int flags = MAP_FIXED | (shared ? MAP_SHARED : MAP_PRIVATE);
    if (host_fd < 0)
        flags |= MAP_ANONYMOUS | MAP_NORESERVE;
    void *p = mmap(m->base + start, len, host_prot(prot), flags, host_fd, (off_t)off);
    if (p == MAP_FAILED)
        return -errno;
    if (host_fd >= 0 && m->page_size > HOST_PAGE)
        zero_tail_of_eof_page(m, start, len, prot, host_fd, off);
    clear_code_bits(m, start, start + len);
    vma_remove_range(m, start, start + len);
    struct vma v = {.start = start, .end = start + len, .prot = prot,
                    .shared = shared, .file_off = off};
    if (name)
        snprintf(v.name, sizeof v.name, "%s", name);
    vma_insert_at(m, vma_index(m, start), &v);
    return 0;
}

int mem_map(struct mem *m, uint64_t start, uint64_t len, int prot,
            int host_fd, uint64_t off, bool shared, const char *name)
{
    mem_lock();
    int r = mem_map_locked(m, start, len, prot, host_fd, off, shared, name);
    mem_unlock();
    engine_invalidate(start, len);
    return r;
}

static int mem_unmap_locked(struct mem *m, uint64_t start, uint64_t len)
{
    if (!range_ok(m, start, len))
        return -EINVAL;
    void *p = mmap(m->base + start, len, PROT_NONE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return -errno;
    clear_code_bits(m, start, start + len);
    vma_remove_range(m, start, start + len);
    return 0;
}

int mem_unmap(struct mem *m, uint64_t start, uint64_t len)
{
    mem_lock();
    int r = mem_unmap_locked(m, start, len);
    mem_unlock();
    engine_invalidate(start, len);
    return r;
}

static int mem_protect_locked(struct mem *m, uint64_t start, uint64_t len, int prot)
{
    if (!range_ok(m, start, len))
        return -EINVAL;
    /* Linux: ENOMEM if any page in the range is unmapped. */
    for (uint64_t a = start; a < start + len;) {
        struct vma *v = mem_find(m, a);
        if (!v)
            return -ENOMEM;
        a = v->end;
    }
    vma_split(m, start);
    vma_split(m, start + len);
    for (unsigned i = vma_index(m, start); i < m->nvmas && m->vmas[i].start < start + len; i++) {
        m->vmas[i].prot = prot;
    }
    reprotect(m, start, start + len, prot);
    return 0;
}

int mem_protect(struct mem *m, uint64_t start, uint64_t len, int prot)
{
    mem_lock();
    int r = mem_protect_locked(m, start, len, prot);
    mem_unlock();
    if (!(prot & PROT_X))
        engine_invalidate(start, len);
    return r;
}

uint64_t mem_find_free(struct mem *m, uint64_t len, uint64_t hint, uint64_t below)
{
    if (hint) {
        uint64_t end = hint + len;
        if (end > hint && end <= m->size) {
            unsigned i = vma_index(m, hint);
            if (i == m->nvmas || m->vmas[i].start >= end)
                return hint;
        }
    }
    /* top-down from `below`, as Linux's default mmap layout */
    const uint64_t min_addr = 0x10000;   /* vm.mmap_min_addr */
    if (below > m->size)
        below = m->size;
    uint64_t top = below;
    int i = (int)vma_index(m, below);
    if (i < (int)m->nvmas && m->vmas[i].start < top)
        top = m->vmas[i].start;
    for (int j = i - 1; j >= -1; j--) {
        uint64_t floor = j >= 0 ? m->vmas[j].end : min_addr;
        if (top >= floor && top - floor >= len)
            return top - len;
        if (j >= 0)
            top = m->vmas[j].start;
    }
    return 0;
}

void mem_forget(struct mem *m, uint64_t start, uint64_t len)
{
    clear_code_bits(m, start, start + len);
    vma_remove_range(m, start, start + len);
}

void mem_adopt(struct mem *m, const struct vma *v)
{
    clear_code_bits(m, v->start, v->end);
    vma_remove_range(m, v->start, v->end);
    vma_insert_at(m, vma_index(m, v->start), v);
}

/* ---- instruction fetch ------------------------------------------------------ */

static unsigned mem_fetch_locked(struct cpu *c, uint64_t pc, uint8_t *buf, unsigned n)
{
    struct mem *m = guest_mem;
    if (pc >= m->ktext_base && pc - m->ktext_base < sizeof m->ktext) {
        if (!c->arch->privileged(c))
            return 0;
        uint64_t o = pc - m->ktext_base;
        unsigned k = n < sizeof m->ktext - o ? n : (unsigned)(sizeof m->ktext - o);
        memcpy(buf, m->ktext + o, k);
        return k;
    }
    unsigned got = 0;
    while (got < n) {
        uint64_t a = pc + got;
        struct vma *v = a < m->size ? mem_find(m, a) : NULL;
        if (!v || !(v->prot & PROT_X))
            break;
        uint64_t k = v->end - a;
        if (k > n - got)
            k = n - got;
        memcpy(buf + got, m->base + a, k);
        /* Remember the pages decoded from, to see later writes. */
        for (uint64_t hp = a / HOST_PAGE; hp <= (a + k - 1) / HOST_PAGE; hp++) {
            if (!code_bit(m, hp)) {
                m->code_pages[hp / 8] |= 1u << (hp % 8);
                if (v->prot & PROT_W)
                    mprotect(m->base + hp * HOST_PAGE, HOST_PAGE, PROT_READ);
            }
        }
        got += (unsigned)k;
    }
    return got;
}

unsigned mem_fetch(struct cpu *c, uint64_t pc, uint8_t *buf, unsigned n)
{
    mem_lock();
    unsigned r = mem_fetch_locked(c, pc, buf, n);
    mem_unlock();
    return r;
}

/* A guest write hit a page we keep read-only because it holds decoded
 * code: drop that code and let the write through.  Called from the host
 * fault handler; returns false if the page is not such a page. */
static bool mem_code_write_fault_locked(struct mem *m, uint64_t addr)
{
    uint64_t hp = addr / HOST_PAGE;
    if (addr >= m->size || !code_bit(m, hp))
        return false;
    struct vma *v = mem_find(m, addr);
    if (!v || !(v->prot & PROT_W))
        return false;
    m->code_pages[hp / 8] &= ~(1u << (hp % 8));
    mprotect(m->base + hp * HOST_PAGE, HOST_PAGE, host_prot(v->prot));
    return true;
}

bool mem_code_write_fault(struct mem *m, uint64_t addr)
{
    mem_lock();
    bool r = mem_code_write_fault_locked(m, addr);
    mem_unlock();
    if (r)
        engine_invalidate(addr & ~(HOST_PAGE - 1), HOST_PAGE);
    return r;
}

void mem_invalidate_code(struct mem *m, uint64_t addr, uint64_t len)
{
    engine_invalidate(addr, len);
}
