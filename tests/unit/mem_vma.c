/* Guest memory bookkeeping: mapping, splitting, protection, free-range
 * search, and that host protections follow the guest's. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sim/mem.h"

#define CHECK(c)                                                   \
    do {                                                           \
        if (!(c)) {                                                \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c); \
            return 1;                                              \
        }                                                          \
    } while (0)

static sigjmp_buf jb;
static void on_segv(int s) { siglongjmp(jb, 1); }

static int writable(struct mem *m, uint64_t a)
{
    if (sigsetjmp(jb, 1))
        return 0;
    volatile uint8_t *p = m->base + a;
    *p = *p;
    return 1;
}

int main(void)
{
    static struct mem m;
    CHECK(mem_init(&m, 1ull << 32, 4096) == 0);
    CHECK(mem_map(&m, 0x10000, 0x10000, PROT_R | PROT_W, -1, 0, false, "a") == 0);
    CHECK(m.nvmas == 1 && mem_find(&m, 0x1ffff) && !mem_find(&m, 0x20000));
    CHECK(mem_protect(&m, 0x14000, 0x2000, PROT_R) == 0);
    CHECK(m.nvmas == 3);
    CHECK(mem_find(&m, 0x14000)->prot == PROT_R && mem_find(&m, 0x16000)->prot == (PROT_R | PROT_W));
    signal(SIGSEGV, on_segv);
    CHECK(writable(&m, 0x13000) && !writable(&m, 0x15000) && writable(&m, 0x16000));
    CHECK(mem_protect(&m, 0x1f000, 0x2000, PROT_R) == -ENOMEM);
    CHECK(mem_unmap(&m, 0x12000, 0x4000) == 0);
    CHECK(!mem_find(&m, 0x12000) && !mem_find(&m, 0x15fff) && mem_find(&m, 0x16000));
    CHECK(mem_map(&m, 0x11000, 0x1000, PROT_R, -1, 0, false, NULL) == 0);
    CHECK(mem_find_free(&m, 0x1000, 0x12000, 1ull << 30) == 0x12000);    /* hint free */
    CHECK(mem_find_free(&m, 0x1000, 0x11000, 1ull << 30) == (1ull << 30) - 0x1000);
    CHECK(mem_map(&m, 0x1000, 0x1000, PROT_R, -1, 0, false, NULL) == -EINVAL ||
          mem_find(&m, 0x1000));
    CHECK(mem_map(&m, 0x10001, 0x1000, PROT_R, -1, 0, false, NULL) == -EINVAL);
    for (unsigned i = 1; i < m.nvmas; i++)
        CHECK(m.vmas[i - 1].end <= m.vmas[i].start);
    return 0;
}
