/* Self-modifying code: generate "return imm" into memory, run it, rewrite
 * it in place, flush, run again.  RWX pages and W^X with mprotect. */
#include "rt.h"

typedef unsigned (*fn_t)(void);

int main(void)
{
    size_t ps = getauxval(AT_PAGESZ);
    unsigned char *p = mmap(0, 2 * ps, PROT_READ | PROT_WRITE | PROT_EXEC,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("mmap rwx: %s\n", strerror(errno));
        return 1;
    }
    fn_t f = (fn_t)p;
    int n = rt_gen_ret_const(p, 7);
    rt_flush_icache(p, p + n);
    printf("first: %u\n", f());
    rt_gen_ret_const(p, 9);
    rt_flush_icache(p, p + n);
    printf("rewritten: %u\n", f());

    /* Rewrite many times; each new constant must be seen. */
    unsigned sum = 0;
    for (unsigned i = 0; i < 1000; i++) {
        rt_gen_ret_const(p, i & 0x7ff);
        rt_flush_icache(p, p + n);
        sum += f();
    }
    printf("loop sum: %u (want %u)\n", sum, 999u * 1000 / 2);

    /* Two functions in one page: changing one leaves the other alone. */
    fn_t g = (fn_t)(p + 64);
    rt_gen_ret_const(p + 64, 100);
    rt_gen_ret_const(p, 1);
    rt_flush_icache(p, p + 64 + n);
    printf("f %u g %u\n", f(), g());
    rt_gen_ret_const(p + 64, 200);
    rt_flush_icache(p + 64, p + 64 + n);
    printf("f %u g %u\n", f(), g());

    /* Code at the end of one page and data written on the next. */
    unsigned char *q = p + ps - 16;
    rt_gen_ret_const(q, 33);
    rt_flush_icache(q, q + n);
    p[ps + 8] = 0x55;
    printf("page-end function: %u\n", ((fn_t)q)());

    /* W^X: write, make executable, run; make writable, rewrite, run. */
    unsigned char *w = mmap(0, ps, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    rt_gen_ret_const(w, 11);
    mprotect(w, ps, PROT_READ | PROT_EXEC);
    rt_flush_icache(w, w + n);
    printf("w^x first: %u\n", ((fn_t)w)());
    mprotect(w, ps, PROT_READ | PROT_WRITE);
    rt_gen_ret_const(w, 12);
    mprotect(w, ps, PROT_READ | PROT_EXEC);
    rt_flush_icache(w, w + n);
    printf("w^x second: %u\n", ((fn_t)w)());

    /* Unmap and map again at the same place with new code. */
    munmap(w, ps);
    unsigned char *w2 = mmap(w, ps, PROT_READ | PROT_WRITE | PROT_EXEC,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    rt_gen_ret_const(w2, 13);
    rt_flush_icache(w2, w2 + n);
    printf("remapped: %u\n", ((fn_t)w2)());
    return 0;
}
