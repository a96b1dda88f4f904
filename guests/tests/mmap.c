/* Memory mapping: anonymous, MAP_FIXED, file mappings private and shared,
 * mprotect, mremap, munmap, brk, and the faults they lead to (caught with
 * a SIGSEGV/SIGBUS handler that longjmps back). */
#include "rt.h"

static jmp_buf jb;
static volatile int got_sig, got_code;
static volatile uintptr_t got_addr;
static size_t ps;

static volatile int armed;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
    if (!armed) {           /* a fault outside probe(): die of it */
        signal(sig, SIG_DFL);
        return;
    }
    armed = 0;
    got_sig = sig;
    got_code = si->si_code;
    got_addr = (uintptr_t)si->si_addr;
    longjmp(jb, 1);
}

/* Touch addr (read or write); report the fault it gives, if any. */
static void probe(const char *what, volatile char *addr, int write)
{
    got_sig = 0;
    if (setjmp(jb) == 0) {
        armed = 1;
        if (write)
            *addr = 1;
        else
            (void)*addr;
        armed = 0;
        printf("%-36s ok\n", what);
    } else {
        printf("%-36s signal %d code %d addr %s\n", what, got_sig, got_code,
               got_addr == (uintptr_t)addr ? "exact" : "other");
    }
}

static void *amap(void *hint, size_t len, int prot, int flags)
{
    return mmap(hint, len, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

static void anon(void)
{
    char *p = amap(0, 4 * ps, PROT_READ | PROT_WRITE, 0);
    printf("anon mmap: %s, page aligned: %s\n", p == MAP_FAILED ? "failed" : "ok",
           ((uintptr_t)p & (ps - 1)) == 0 ? "yes" : "no");
    int zero = 1;
    for (size_t i = 0; i < 4 * ps; i++)
        zero &= p[i] == 0;
    printf("zero filled: %s\n", zero ? "yes" : "no");
    for (size_t i = 0; i < 4 * ps; i++)
        p[i] = (char)(i * 7);
    /* Replace page 1 with a fresh mapping: zeros again, neighbours intact. */
    char *q = amap(p + ps, ps, PROT_READ | PROT_WRITE, MAP_FIXED);
    printf("MAP_FIXED at the hint: %s\n", q == p + ps ? "yes" : "no");
    printf("replaced page zero: %s, neighbours kept: %s\n",
           q[0] == 0 && q[ps - 1] == 0 ? "yes" : "no",
           p[ps - 1] == (char)((ps - 1) * 7) && p[2 * ps] == (char)(2 * ps * 7)
               ? "yes" : "no");
    char *r = mmap(p, ps, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    /* The kernel says EEXIST; qemu-user 7.2 maps elsewhere.  Both keep p. */
    printf("MAP_FIXED_NOREPLACE left the mapping alone: %s\n",
           r == MAP_FAILED || r != p ? "yes" : "no");
    if (r != MAP_FAILED && r != p)
        munmap(r, ps);

    printf("mprotect read-only: %d\n", mprotect(p, ps, PROT_READ));
    probe("read of read-only page", p + 10, 0);
    probe("write to read-only page", p + 10, 1);
    printf("mprotect none: %d\n", mprotect(p + 2 * ps, ps, PROT_NONE));
    probe("read of PROT_NONE page", p + 2 * ps + 5, 0);
    mprotect(p + 2 * ps, ps, PROT_READ | PROT_WRITE);
    printf("data kept across mprotect: %s\n", p[2 * ps + 5] == (char)((2 * ps + 5) * 7) ? "yes" : "no");
    /* MADV_DONTNEED on private anonymous memory: zero-fill on next touch. */
    long mr = syscall3(SYS_madvise, (long)(p + 3 * ps), ps, 4);
    printf("madvise DONTNEED: %ld, page zero again: %s, previous page kept: %s\n", mr,
           p[3 * ps] == 0 && p[4 * ps - 1] == 0 ? "yes" : "no",
           p[2 * ps + 5] == (char)((2 * ps + 5) * 7) ? "yes" : "no");
    printf("munmap middle: %d\n", munmap(p + ps, ps));
    probe("read of unmapped page", p + ps + 3, 0);
    probe("write to unmapped page", p + ps + 3, 1);
    probe("page after the hole", p + 2 * ps, 1);
    printf("munmap misaligned: %d %s\n", munmap(p + 1, ps), strerror(errno));
    printf("mmap length 0: %s\n", amap(0, 0, PROT_READ, 0) == MAP_FAILED ? strerror(errno) : "mapped");
    printf("mprotect unmapped: %d %s\n", mprotect(p + ps, ps, PROT_READ), strerror(errno));
    munmap(p, 4 * ps);
    probe("read after full munmap", p, 0);
    probe("read of NULL", (char *)0, 0);
}

static void remap(void)
{
    char *p = amap(0, 2 * ps, PROT_READ | PROT_WRITE, 0);
    memset(p, 'a', 2 * ps);
    /* Reserve room after it so an in-place grow is possible, then free it. */
    char *g = mremap(p, 2 * ps, ps, 0);
    printf("mremap shrink in place: %s\n", g == p ? "yes" : "no");
    probe("shrunk-away page", p + ps, 0);
    char *m = mremap(p, ps, 64 * ps, MREMAP_MAYMOVE);
    printf("mremap grow (may move): %s\n", m == MAP_FAILED ? strerror(errno) : "ok");
    printf("contents kept: %s, new tail zero: %s\n",
           m[0] == 'a' && m[ps - 1] == 'a' ? "yes" : "no",
           m[ps] == 0 && m[64 * ps - 1] == 0 ? "yes" : "no");
    char *dst = amap(0, 64 * ps, PROT_NONE, 0);
    char *f = mremap(m, 64 * ps, 64 * ps, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
    printf("mremap to a fixed place: %s\n", f == dst ? "yes" : "no");
    printf("moved contents: %s\n", f[0] == 'a' ? "yes" : "no");
    probe("old place after the move", m, 0);
    munmap(f, 64 * ps);
}

static void file_maps(void)
{
    int fd = open("map.dat", O_CREAT | O_RDWR | O_TRUNC, 0644);
    char buf[64];
    for (int i = 0; i < 64; i++)
        buf[i] = (char)('A' + i % 26);
    for (size_t off = 0; off < 2 * ps; off += 64)
        write(fd, buf, 64);
    char *priv = mmap(0, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    char *shr = mmap(0, 2 * ps, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *off1 = mmap(0, ps, PROT_READ, MAP_SHARED, fd, (off_t)ps);
    printf("file maps: %s %s %s\n", priv == MAP_FAILED ? "fail" : "ok",
           shr == MAP_FAILED ? "fail" : "ok", off1 == MAP_FAILED ? "fail" : "ok");
    printf("contents: %.8s / %.8s / offset map %.4s\n", priv, shr, off1);
    priv[0] = 'p';
    shr[1] = 's';
    shr[ps] = 'S';
    printf("private write seen in shared map: %s\n", shr[0] == 'p' ? "yes" : "no");
    printf("shared write seen in private map: %s\n", priv[1] == 's' ? "yes" : "no");
    printf("shared write seen at file offset map: %s\n", off1[0] == 'S' ? "yes" : "no");
    msync(shr, 2 * ps, MS_SYNC);
    pread(fd, buf, 4, 0);
    printf("file after msync: %.4s\n", buf);
    write(fd, "", 0);
    pwrite(fd, "W", 1, 2);
    printf("write() seen in shared map: %s\n", shr[2] == 'W' ? "yes" : "no");
    probe("write to PROT_READ file map", off1, 1);
    char *ro = mmap(0, ps, PROT_READ | PROT_WRITE, MAP_SHARED,
                    open("map.dat", O_RDONLY), 0);
    printf("shared writable map of O_RDONLY fd: %s\n", ro == MAP_FAILED ? strerror(errno) : "mapped");
    printf("mmap of a bad fd: %s\n",
           mmap(0, ps, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED ? strerror(errno) : "mapped");
    munmap(priv, 2 * ps);
    munmap(shr, 2 * ps);
    munmap(off1, ps);
    /* A mapping longer than the file: the page past EOF gives SIGBUS, the
     * tail of the last page reads as zeros. */
    ftruncate(fd, 100);
    char *past = mmap(0, 2 * ps, PROT_READ, MAP_SHARED, fd, 0);
    if (past == MAP_FAILED) {
        printf("mmap past end of file: %s\n", strerror(errno));
        return;
    }
    printf("tail of the last page zero: %s\n", past[100] == 0 && past[ps - 1] == 0 ? "yes" : "no");
    probe("page past end of file", past + ps + 1, 0);
    munmap(past, 2 * ps);
    close(fd);
    unlink("map.dat");
}

static void heap(void)
{
    char *b0 = rt_brk(0);
    char *b1 = rt_brk(b0 + 3 * ps);
    printf("brk grow: %s\n", b1 == b0 + 3 * ps ? "yes" : "no");
    int zero = 1;
    for (size_t i = 0; i < 3 * ps; i++)
        zero &= b0[i] == 0;
    printf("new break memory zero: %s\n", zero ? "yes" : "no");
    memset(b0, 0x5a, 3 * ps);
    char *b2 = rt_brk(b0 + ps);
    printf("brk shrink: %s\n", b2 == b0 + ps ? "yes" : "no");
    printf("brk(0) after: %s\n", rt_brk(0) == b0 + ps ? "same" : "different");
    char *b3 = rt_brk(b0 + 3 * ps);
    printf("regrown break memory zero again: %s\n",
           b3 == b0 + 3 * ps && b0[2 * ps] == 0 && b0[0] == 0x5a ? "yes" : "no");
    printf("brk below the start refused: %s\n",
           rt_brk(b0 - 64 * ps) == b0 + 3 * ps ? "yes" : "no");
    rt_brk(b0);

    /* malloc stress through the runtime's allocator. */
    uint64_t seed = 12345, sum = 0;
    void *slot[64] = {0};
    size_t len[64] = {0};
    for (int i = 0; i < 4000; i++) {
        int k = (int)(rt_rand64(&seed) % 64);
        if (slot[k]) {
            unsigned char *c = slot[k];
            for (size_t j = 0; j < len[k]; j++)
                sum += c[j] * (j + 1) + (uintptr_t)(len[k] & 15);
            free(slot[k]);
            slot[k] = 0;
        } else {
            len[k] = (size_t)(rt_rand64(&seed) % (i % 50 == 0 ? 300000 : 2000));
            slot[k] = malloc(len[k]);
            unsigned char *c = slot[k];
            for (size_t j = 0; j < len[k]; j++)
                c[j] = (unsigned char)(j * 31 + k);
        }
    }
    printf("malloc stress checksum %llu\n", (unsigned long long)sum);
}

int main(void)
{
    ps = getauxval(AT_PAGESZ);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, 0);
    sigaction(SIGBUS, &sa, 0);
    anon();
    remap();
    file_maps();
    heap();
    return 0;
}
