/* Large mappings: 256 MiB touched sparsely, a 4 GiB PROT_NONE reservation
 * with pieces made accessible, 64 MiB of brk, and many small mappings. */
#include "rt.h"

#define MAP_NORESERVE 0x4000

int main(void)
{
    size_t ps = getauxval(AT_PAGESZ);
    size_t big = 256ul << 20;
    unsigned char *p = mmap(0, big, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("256 MiB anonymous: %s\n", p == MAP_FAILED ? strerror(errno) : "ok");
    if (p != MAP_FAILED) {
        uint64_t sum = 0;
        for (size_t off = 0; off < big; off += 64 * 1024)
            p[off] = (unsigned char)(off >> 16);
        for (size_t off = 0; off < big; off += 64 * 1024)
            sum += p[off];
        printf("sparse touch sum %llu\n", (unsigned long long)sum);
        munmap(p, big);
    }

    size_t res = 4ul << 30;
    unsigned char *r = mmap(0, res, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    printf("4 GiB PROT_NONE reservation: %s\n", r == MAP_FAILED ? strerror(errno) : "ok");
    if (r != MAP_FAILED) {
        int ok = 1;
        for (int i = 0; i < 16; i++) {
            unsigned char *q = r + (res / 16) * i;
            if (mprotect(q, ps, PROT_READ | PROT_WRITE) < 0) {
                ok = 0;
                break;
            }
            q[ps - 1] = (unsigned char)i;
            ok &= q[ps - 1] == i && q[0] == 0;
        }
        printf("pieces made writable across it: %s\n", ok ? "yes" : "no");
        printf("munmap of the reservation: %d\n", munmap(r, res));
    }

    char *b0 = rt_brk(0);
    char *b1 = rt_brk(b0 + (64ul << 20));
    printf("brk +64 MiB: %s\n", b1 == b0 + (64ul << 20) ? "yes" : "no");
    if (b1 == b0 + (64ul << 20)) {
        b0[(64ul << 20) - 1] = 1;
        rt_brk(b0);
    }

    void *maps[2000];
    int n = 0;
    for (; n < 2000; n++) {
        maps[n] = mmap(0, ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (maps[n] == MAP_FAILED)
            break;
        *(int *)maps[n] = n;
    }
    int good = 1;
    for (int i = 0; i < n; i++)
        good &= *(int *)maps[i] == i;
    for (int i = 0; i < n; i += 2)
        munmap(maps[i], ps);
    for (int i = 1; i < n; i += 2)
        good &= *(int *)maps[i] == i;
    printf("%d one-page mappings, contents right: %s\n", n, good ? "yes" : "no");
    return 0;
}
