/* Guest memory: an isolated arena.
 *
 * The guest's address space [0, mem.size) is one reserved host region;
 * guest address A lives at host address mem.base + A.  Every guest page
 * is mapped in the host with the guest's read/write permissions (exec is
 * tracked here, not in the host), so the host MMU enforces them: a guest
 * access to an unmapped or protected page raises a host SIGSEGV, which
 * sim/fault.c turns into the guest's precise fault.  An address at or
 * above mem.size never reaches the host: the accessors check it.
 *
 * CPU handlers use mem_ldN and mem_stN (below).  The kernel uses the uaccess
 * functions in oskernel/uaccess.h, which return -EFAULT instead.
 */
#ifndef TRAPEZE_MEM_H
#define TRAPEZE_MEM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cpu.h"

#define PROT_R 1
#define PROT_W 2
#define PROT_X 4

struct vma {
    uint64_t start, end;        /* [start, end), page aligned */
    uint8_t prot;               /* PROT_R|W|X as the guest asked */
    uint8_t shared;             /* MAP_SHARED */
    uint8_t is_stack, is_heap;
    uint64_t file_off;
    char name[64];              /* path or [stack] [heap] [vdso] for /proc/self/maps */
};

struct mem {
    uint8_t *base;              /* host address of guest address 0 */
    uint64_t size;              /* guest addresses are < size */
    uint64_t page_size;         /* guest page size (4096 or 16384) */
    struct vma *vmas;           /* sorted, non-overlapping */
    unsigned nvmas, cap;
    uint8_t *code_pages;        /* 1 byte per 4 KiB host page: holds decoded code */
    /* The kernel's text page: the trap-vector stubs the kernel writes at
     * boot.  It lies outside the arena, at an address the arch chooses in
     * its kernel half, and is fetchable only at kernel privilege. */
    uint64_t ktext_base;
    uint8_t ktext[4096];
};

extern struct mem *guest_mem;   /* the one address space (threads share it) */

/* The address-space lock: the functions below take it themselves; hold
 * it around a sequence that must not interleave with another thread's
 * (find a free range, then map it). */
void mem_lock(void);
void mem_unlock(void);

/* Memory-access tracing: each access of the running instruction is
 * recorded (address, size, kind) until mem_trace_take() hands them over. */
struct mem_access {
    uint64_t addr;
    uint8_t size, acc;
};
void mem_trace_enable(bool on);
unsigned mem_trace_take(struct mem_access *out, unsigned max);

/* Set up / tear down the arena. */
int mem_init(struct mem *m, uint64_t size, uint64_t page_size);

/* Mapping changes, in guest terms.  Return 0 or -errno. */
int mem_map(struct mem *m, uint64_t start, uint64_t len, int prot,
            int host_fd, uint64_t off, bool shared, const char *name);
int mem_unmap(struct mem *m, uint64_t start, uint64_t len);
int mem_protect(struct mem *m, uint64_t start, uint64_t len, int prot);
struct vma *mem_find(struct mem *m, uint64_t addr);
/* Bookkeeping only, for callers that changed the host mapping themselves
 * (mremap): drop the VMAs of a range / record a VMA. */
void mem_forget(struct mem *m, uint64_t start, uint64_t len);
void mem_adopt(struct mem *m, const struct vma *v);   /* VMA holding addr or NULL */
/* Lowest free gap of len bytes at or above `hint` (top-down below `below` if hint is 0). */
uint64_t mem_find_free(struct mem *m, uint64_t len, uint64_t hint, uint64_t below);

/* Read instruction bytes at pc for decoding: returns how many bytes (<= n)
 * are executable from pc on, or 0 with *fault set. */
unsigned mem_fetch(struct cpu *c, uint64_t pc, uint8_t *buf, unsigned n);

/* Called from the host fault handler and from the engine. */
bool mem_is_code_page(struct mem *m, uint64_t addr);
void mem_invalidate_code(struct mem *m, uint64_t addr, uint64_t len);
bool mem_code_write_fault(struct mem *m, uint64_t addr);

/* Raise a guest memory fault from a CPU handler: never returns. */
_Noreturn void cpu_fault(struct cpu *c, uint64_t addr, enum access acc);

/* The out-of-line path of g2h: an address beyond the arena (a fault), or
 * every access while memory accesses are traced (mem_check_limit is then
 * tiny, so the one compare of the fast path sends them all here). */
void *mem_slow(struct cpu *c, uint64_t a, unsigned size, enum access acc);
extern uint64_t mem_check_limit;    /* guest_mem->size, or 64 while tracing accesses */

/* Access checks that the host MMU cannot do (address beyond the arena). */
static inline void *g2h(struct cpu *c, uint64_t a, unsigned size, enum access acc)
{
    if (__builtin_expect(a > mem_check_limit - size, 0))
        return mem_slow(c, a, size, acc);
    return guest_mem->base + a;
}

#define MEM_LD(bits)                                                      \
    static inline uint##bits##_t mem_ld##bits(struct cpu *c, uint64_t a)  \
    {                                                                     \
        uint##bits##_t v;                                                 \
        memcpy(&v, g2h(c, a, bits / 8, ACC_READ), sizeof v);              \
        return v;                                                         \
    }                                                                     \
    static inline void mem_st##bits(struct cpu *c, uint64_t a,            \
                                    uint##bits##_t v)                     \
    {                                                                     \
        memcpy(g2h(c, a, bits / 8, ACC_WRITE), &v, sizeof v);             \
    }
MEM_LD(8)
MEM_LD(16)
MEM_LD(32)
MEM_LD(64)
#undef MEM_LD

/* A host pointer to n guest bytes for a read-modify-write (atomics):
 * checks write access up front so the later write cannot fault half-way. */
static inline void *mem_rmw_ptr(struct cpu *c, uint64_t a, unsigned n)
{
    void *p = g2h(c, a, n, ACC_WRITE);
    /* An atomic no-op write: faults here, before any register changes,
     * and cannot lose another thread's store. */
    __atomic_fetch_or((uint8_t *)p, 0, __ATOMIC_RELAXED);
    return p;
}

#endif
