/* MMX instructions over edge-case 64-bit values, and the x87 state they
 * leave (TOP, tags, the aliased registers): FNV-1a hashes per line, the
 * reference being the same binary run natively. */
#include "rt.h"

static const uint64_t vals[] = {
    0, ~0ull, 0x0123456789abcdefull, 0x8000000080000000ull, 0x7fff7fff80008000ull,
    0x00ff00ff00ff00ffull, 0xfedcba9876543210ull, 0x0000000100000002ull, 0x8080808080808080ull,
    0x7f7f7f7f01010101ull, 0x3f8000003fc00000ull,
};
#define NV (sizeof vals / sizeof vals[0])

static uint64_t h;
static int shown;
static void rec(uint64_t v)
{
    h = rt_fnv1a(h, &v, sizeof v);
    if (shown < 2) {
        printf(" %llx", (unsigned long long)v);
        shown++;
    }
}
static void begin(const char *n) { h = RT_FNV_INIT; shown = 0; printf("%-14s", n); }
static void end(void) { printf(" | %016llx\n", (unsigned long long)h); }

#define OP(insn)                                                                   \
    begin(insn);                                                                   \
    for (unsigned i = 0; i < NV; i++)                                              \
        for (unsigned j = 0; j < NV; j++) {                                        \
            uint64_t a = vals[i], b = vals[j];                                     \
            __asm__ volatile("movq %[a], %%mm1\n\tmovq %[b], %%mm2\n\t"            \
                             insn " %%mm2, %%mm1\n\tmovq %%mm1, %[a]\n\temms"       \
                             : [a] "+m"(a) : [b] "m"(b) : "mm1", "mm2");           \
            rec(a);                                                                \
        }                                                                          \
    end();

int main(void)
{
    OP("paddb") OP("paddw") OP("paddd") OP("paddq") OP("psubusb") OP("paddsw") OP("psubsb")
    OP("pcmpeqb") OP("pcmpgtw") OP("pcmpgtd") OP("pmullw") OP("pmulhw") OP("pmulhuw")
    OP("pmuludq") OP("pmaddwd") OP("psadbw") OP("pavgb") OP("pavgw") OP("pminub") OP("pmaxsw")
    OP("pand") OP("pandn") OP("por") OP("pxor")
    OP("punpcklbw") OP("punpcklwd") OP("punpckldq") OP("punpckhbw") OP("punpckhwd") OP("punpckhdq")
    OP("packsswb") OP("packssdw") OP("packuswb")
    OP("psllw") OP("pslld") OP("psllq") OP("psrlw") OP("psrld") OP("psrlq") OP("psraw") OP("psrad")
    OP("pshufb") OP("phaddw") OP("phsubd") OP("phaddsw") OP("pmaddubsw") OP("pmulhrsw")
    OP("psignb") OP("psignd") OP("pabsw")
    OP("palignr $3,") OP("palignr $11,") OP("pshufw $0x1b,")
    OP("psrlw $3, %%mm1\n\tpsllq $7, %%mm1\n\tpsrad $1, %%mm1\n\tpor")
    begin("movd/pextrw");
    for (unsigned i = 0; i < NV; i++) {
        uint64_t v = vals[i], r1, r2, r3;
        uint32_t lo;
        __asm__ volatile("movq %[v], %%mm3\n\tmovd %%mm3, %k[lo]\n\tpextrw $2, %%mm3, %k[r1]\n\t"
                         "pmovmskb %%mm3, %k[r2]\n\tmovd %k[lo], %%mm4\n\tpinsrw $3, %k[r2], %%mm4\n\t"
                         "movq %%mm4, %[r3]\n\temms"
                         : [lo] "=&r"(lo), [r1] "=&r"(r1), [r2] "=&r"(r2), [r3] "=m"(r3)
                         : [v] "m"(v) : "mm3", "mm4");
        rec(lo); rec(r1); rec(r2); rec(r3);
    }
    end();
    begin("cvtpi2ps/pd");
    for (unsigned i = 0; i < NV; i++) {
        uint64_t v = vals[i], o1[2], o2[2], o3;
        __asm__ volatile("movq %[v], %%mm5\n\txorps %%xmm5, %%xmm5\n\tcvtpi2ps %%mm5, %%xmm5\n\tmovups %%xmm5, %[o1]\n\t"
                         "cvtpi2pd %%mm5, %%xmm6\n\tmovups %%xmm6, %[o2]\n\tcvttps2pi %%xmm5, %%mm6\n\tmovq %%mm6, %[o3]\n\temms"
                         : [o1] "=m"(o1), [o2] "=m"(o2), [o3] "=m"(o3) : [v] "m"(v) : "mm5", "mm6", "xmm5", "xmm6");
        rec(o1[0]); rec(o1[1]); rec(o2[0]); rec(o2[1]); rec(o3);
    }
    end();
    begin("x87 aliasing");
    {
        uint8_t env[28], env2[28];
        uint64_t v = 0x1122334455667788ull, st7[2] = {0, 0};
        __asm__ volatile("fninit\n\tfld1\n\tfldpi\n\tmovq %[v], %%mm0\n\tfnstenv %[e]\n\t"
                         "fstpt %[s]\n\temms\n\tfnstenv %[e2]\n\tfninit"
                         : [e] "=m"(env), [e2] "=m"(env2), [s] "=m"(st7) : [v] "m"(v) : "mm0", "st", "st(1)");
        h = rt_fnv1a(h, env, 12);       /* control, status, tag words */
        h = rt_fnv1a(h, env2, 12);
        rec(st7[0]); rec(st7[1] & 0xffff);
    }
    end();
    return 0;
}
