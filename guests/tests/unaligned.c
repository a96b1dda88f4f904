/* Misaligned 2/4/8-byte loads and stores at every offset, including
 * across a page boundary (the pointer casts are deliberate: they make the
 * compiler emit plain word loads; riscv64 Linux emulates the misaligned
 * ones, the other three do them in hardware). */
#include "rt.h"

typedef uint16_t u16u __attribute__((may_alias));
typedef uint32_t u32u __attribute__((may_alias));
typedef uint64_t u64u __attribute__((may_alias));

static uint64_t ld(volatile unsigned char *p, int size)
{
    switch (size) {
    case 2: return *(volatile u16u *)p;
    case 4: return *(volatile u32u *)p;
    default: return *(volatile u64u *)p;
    }
}

static void st(volatile unsigned char *p, int size, uint64_t v)
{
    switch (size) {
    case 2: *(volatile u16u *)p = (uint16_t)v; break;
    case 4: *(volatile u32u *)p = (uint32_t)v; break;
    default: *(volatile u64u *)p = v; break;
    }
}

int main(void)
{
    static unsigned char buf[64];
    for (int i = 0; i < 64; i++)
        buf[i] = (unsigned char)(i * 37 + 11);
    uint64_t h = RT_FNV_INIT;
    for (int size = 2; size <= 8; size *= 2)
        for (int off = 0; off < 16; off++) {
            uint64_t v = ld(buf + off, size);
            h = rt_fnv1a(h, &v, sizeof v);
            st(buf + 32 + off, size, v ^ 0x0123456789abcdefull);
            h = rt_fnv1a(h, buf + 32, 24);
        }
    printf("misaligned load/store hash %016llx\n", (unsigned long long)h);

    size_t ps = getauxval(AT_PAGESZ);
    unsigned char *m = mmap(0, 2 * ps, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (size_t i = 0; i < 16; i++)
        m[ps - 8 + i] = (unsigned char)(0xa0 + i);
    h = RT_FNV_INIT;
    for (int size = 2; size <= 8; size *= 2)
        for (int back = 1; back < size; back++) {
            volatile unsigned char *p = m + ps - back;
            uint64_t v = ld(p, size);
            st(p, size, ~v);
            uint64_t w = ld(p, size);
            h = rt_fnv1a(h, &v, sizeof v);
            h = rt_fnv1a(h, &w, sizeof w);
            st(p, size, v);
        }
    printf("page-crossing hash %016llx\n", (unsigned long long)h);
    return 0;
}
