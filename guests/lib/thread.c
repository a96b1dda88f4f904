/* Threads for guests/lib: static TLS, create/join over clone3 (clone when
 * the kernel has no clone3), a futex mutex.
 *
 * A thread's stack, its descriptor and its TLS block share one mapping:
 *
 *     map                     map + STACK_SIZE
 *     | stack (grows down) ... | struct rt_thread | TLS area |
 *
 * The descriptor's tid word is both CLONE_PARENT_SETTID and
 * CLONE_CHILD_SETTID target (so it is valid before either side runs on)
 * and the CLONE_CHILD_CLEARTID word: the kernel zeroes it and
 * futex-wakes it when the thread is gone, which is what join waits for. */
#include "rt.h"

#define PT_TLS 7
#define STACK_SIZE (256 * 1024)

struct phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

/* The program's TLS image (PT_TLS); memsz 0 when it has none. */
static struct {
    const char *init;
    uint64_t vaddr, filesz, memsz, align;
    int looked;
} tls;

#ifdef RT_PIE
extern const char __ehdr_start[] __attribute__((visibility("hidden")));
#define LOAD_BIAS ((uint64_t)__ehdr_start)   /* linked at 0 */
#else
#define LOAD_BIAS 0
#endif

static void find_tls(void)
{
    if (tls.looked)
        return;
    tls.looked = 1;
    const struct phdr *ph = (const struct phdr *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);
    for (unsigned long i = 0; ph && i < n; i++) {
        if (ph[i].type != PT_TLS)
            continue;
        tls.init = (const char *)(LOAD_BIAS + ph[i].vaddr);
        tls.vaddr = ph[i].vaddr;
        tls.filesz = ph[i].filesz;
        tls.memsz = ph[i].memsz;
        tls.align = ph[i].align ? ph[i].align : 1;
    }
}

static uint64_t tp_align(void) { return tls.align > 16 ? tls.align : 16; }

static size_t tls_area_size(void) { return tls.memsz + 2 * tp_align() + 64; }

/* A fresh copy of the TLS image in `area` (tls_area_size() bytes); returns
 * the thread pointer.  The block goes where the linker's local-exec
 * offsets expect it relative to an aligned thread pointer (lld's
 * getTlsTpOffset: variant I above the TCB, variant II below tp). */
static void *tls_place(char *area)
{
    uint64_t a = tp_align(), tp, block;
#if RT_TLS_VARIANT == 1
    tp = ((uint64_t)area + a - 1) & ~(a - 1);
    block = tp + RT_TLS_TCB_SIZE + ((tls.vaddr - RT_TLS_TCB_SIZE) & (tls.align - 1));
#else
    tp = ((uint64_t)area + tls.memsz + 2 * a - 1) & ~(a - 1);
    block = tp - tls.memsz - ((0 - tls.vaddr - tls.memsz) & (tls.align - 1));
    *(uint64_t *)tp = tp;       /* the TCB's self pointer, read as %fs:0 */
#endif
    memcpy((void *)block, tls.init, tls.filesz);
    memset((char *)block + tls.filesz, 0, tls.memsz - tls.filesz);
    return (void *)tp;
}

void __rt_tls_init(void)
{
    find_tls();
    if (!tls.memsz)
        return;
    long p = syscall6(SYS_mmap, 0, (long)tls_area_size(), PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p < 0 && p > -4096) {
        fputs_fd("rt: no memory for the initial thread's TLS\n", 2);
        syscall1(SYS_exit_group, 127);
    }
    rt_set_tp(tls_place((char *)p));
}

/* ---- the mutex ------------------------------------------------------------------------ */

void mutex_lock(mutex_t *m)
{
    int c = 0;
    if (__atomic_compare_exchange_n(&m->v, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return;
    if (c != 2)
        c = __atomic_exchange_n(&m->v, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        futex(&m->v, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 2, 0, 0, 0);
        c = __atomic_exchange_n(&m->v, 2, __ATOMIC_ACQUIRE);
    }
}

int mutex_trylock(mutex_t *m)
{
    int c = 0;
    return __atomic_compare_exchange_n(&m->v, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)
               ? 0 : EBUSY;
}

void mutex_unlock(mutex_t *m)
{
    if (__atomic_exchange_n(&m->v, 0, __ATOMIC_RELEASE) == 2)
        futex(&m->v, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, 0, 0, 0);
}

/* ---- threads -------------------------------------------------------------------------- */

struct rt_thread {
    volatile int tid;           /* set by the kernel; cleared when the thread is gone */
    void *(*fn)(void *);
    void *arg, *ret;
    char *map;
    size_t maplen;
    struct rt_thread *next;     /* all live threads, so thread_exit finds its own */
};

static struct rt_thread *all;
static mutex_t all_lock = MUTEX_INIT;

static void link_thread(struct rt_thread *t)
{
    mutex_lock(&all_lock);
    t->next = all;
    all = t;
    mutex_unlock(&all_lock);
}

static void unlink_thread(struct rt_thread *t)
{
    mutex_lock(&all_lock);
    for (struct rt_thread **pp = &all; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    mutex_unlock(&all_lock);
}

static int thread_start(void *p)
{
    struct rt_thread *t = p;
    t->ret = t->fn(t->arg);
    return 0;
}

int thread_create(thread_t *out, void *(*fn)(void *), void *arg)
{
    find_tls();
    size_t ps = getauxval(AT_PAGESZ);
    if (!ps)
        ps = 4096;
    size_t tlsz = tls.memsz ? tls_area_size() : 0;
    size_t len = (STACK_SIZE + sizeof(struct rt_thread) + tlsz + ps - 1) & ~(ps - 1);
    long p = syscall6(SYS_mmap, 0, (long)len, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p < 0 && p > -4096)
        return (int)-p;
    char *map = (char *)p;
    struct rt_thread *t = (struct rt_thread *)(map + STACK_SIZE);
    t->fn = fn;
    t->arg = arg;
    t->ret = 0;
    t->map = map;
    t->maplen = len;
    t->tid = 0;
    void *tp = tlsz ? tls_place((char *)(t + 1)) : 0;
    unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                          CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
                          CLONE_CHILD_CLEARTID | (tp ? CLONE_SETTLS : 0);
    link_thread(t);
    struct clone_args ca = {
        .flags = flags,
        .child_tid = (uint64_t)&t->tid,
        .parent_tid = (uint64_t)&t->tid,
        .stack = (uint64_t)map,
        .stack_size = STACK_SIZE,
        .tls = (uint64_t)tp,
    };
    long r = __rt_clone3(&ca, sizeof ca, thread_start, t);
    if (r == -ENOSYS)           /* kernels before 5.3, qemu-user 7.2 */
        r = __rt_clone(thread_start, map + STACK_SIZE, flags, t, (int *)&t->tid, tp,
                       (int *)&t->tid);
    if (r < 0) {
        unlink_thread(t);
        syscall2(SYS_munmap, (long)map, (long)len);
        return (int)-r;
    }
    *out = t;
    return 0;
}

int thread_join(thread_t t, void **ret)
{
    int tid;
    /* a shared (not private) wait: the kernel's clear-tid wake is shared */
    while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0)
        futex(&t->tid, FUTEX_WAIT, tid, 0, 0, 0);
    if (ret)
        *ret = t->ret;
    unlink_thread(t);
    syscall2(SYS_munmap, (long)t->map, (long)t->maplen);
    return 0;
}

pid_t thread_tid(thread_t t) { return t->tid; }

void thread_exit(void *ret)
{
    int me = (int)syscall0(SYS_gettid);
    mutex_lock(&all_lock);
    for (struct rt_thread *t = all; t; t = t->next)
        if (t->tid == me)
            t->ret = ret;
    mutex_unlock(&all_lock);
    for (;;)
        syscall1(SYS_exit, 0);
}
