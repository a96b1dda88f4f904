/* Random single A64 loads and stores (every addressing mode, SIMD
 * structures) with the base register pointing into a buffer: an FNV-1a
 * hash of the registers and of the buffer around the base after each. */
#include "rt.h"
#include "fuzz_tmpl.h"
#include "fuzz_ldst_words.h"

struct state {
    uint64_t x[32];
    uint64_t nzcv, fpcr, fpsr, sp, lr, pad;
    uint8_t v[32][16];
    uint64_t saved[12];
};
_Static_assert(sizeof(struct state) == 304 + 512 + 96, "layout");

static uint64_t seed = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }
static uint8_t mem[4096] __attribute__((aligned(64)));
#define BASE 2048
static const uint64_t special[] = {
    0, 1, 0x7fffffffffffffffull, 0x8000000000000000ull, ~0ull, 0x7ff8000000000000ull,
    0x7ff0000000000000ull, 0x3ff0000000000000ull, 0x000fffffffffffffull, 0x7fc000007f800000ull,
    0x0000000080000000ull, 0xffffffff00000000ull, 0x3f8000003f800000ull, 0x7fa0000000000001ull,
};
static uint64_t val(void)
{
    uint64_t r = rnd();
    switch (r & 7) {
    case 0: case 1: return special[(r >> 8) % (sizeof special / sizeof special[0])];
    case 2: return r >> ((r >> 8) & 63);
    default: return rnd();
    }
}

int main(int argc, char **argv)
{
    unsigned n = sizeof words / sizeof words[0], verbose = argc > 1;
    uint32_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static struct state st;
    uint64_t total = RT_FNV_INIT;
    for (unsigned k = 0; k < n; k++) {
        for (unsigned i = 0; i < 31; i++)
            st.x[i] = val();
        for (unsigned i = 0; i < 32; i++) {
            uint64_t a = val(), b = val();
            memcpy(st.v[i], &a, 8);
            memcpy(st.v[i] + 8, &b, 8);
        }
        st.nzcv = rnd() & 0xf0000000ull;
        uint64_t m = rnd();
        st.fpcr = (m & 3) << 22 | ((m & 0x30) == 0x30 ? 1u << 24 : 0) | ((m & 0xc0) == 0xc0 ? 1u << 25 : 0);
        st.fpsr = 0;
        uint32_t w = words[k];
        unsigned rn = (w >> 5) & 31, rm = (w >> 16) & 31;
        if ((w & 0x3b200c00u) == 0x38200800u)        /* register offset */
            st.x[rm] = ((w >> 13) & 7) == 2 ? rnd() % 17           /* uxtw */
                     : (uint64_t)(int64_t)((int)(rnd() % 33) - 16);
        st.x[rn] = (uint64_t)mem + BASE;
        for (unsigned i = 0; i < sizeof mem; i++)
            mem[i] = (uint8_t)(i * 37 + k);
        memcpy(code, tmpl, sizeof tmpl);
        code[TMPL_SLOT] = words[k];
        ((void (*)(struct state *))code)(&st);
        st.sp = st.lr = 0;
        uint64_t h = rt_fnv1a(RT_FNV_INIT, &st, 304 + 512);
        h = rt_fnv1a(h, mem, sizeof mem);
        total = rt_fnv1a(total, &h, sizeof h);
        if (verbose)
            printf("%u %08x %016llx\n", k, words[k], (unsigned long long)h);
        else if (k % 1000 == 999)
            printf("%5u %016llx\n", k + 1, (unsigned long long)total);
    }
    printf("total %016llx\n", (unsigned long long)total);
    return 0;
}
