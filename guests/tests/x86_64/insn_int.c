/* x86_64 integer instructions over edge-case operands: each line is one
 * instruction form with an FNV-1a hash of its results and of the flags it
 * defines (OF SF ZF AF PF CF, or fewer where the SDM leaves some
 * undefined), plus the first results in clear.  The reference is the
 * same binary run natively on the host. */
#include "rt.h"

static const uint64_t vals[] = {
    0, 1, 2, 3, 0x1f, 0x20, 0x3f, 0x40, 0x7f, 0x80, 0xff, 0x1234, 0x7fff, 0x8000,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x123456789abcdef0ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
    0xffffffffffffffffull, 0xfffffffffffffffeull, 0xffffffff80000000ull,
    0xdeadbeefcafef00dull,
};
#define NV (sizeof vals / sizeof vals[0])

static uint64_t h;
static int shown;

static void rec(uint64_t v)
{
    h = rt_fnv1a(h, &v, sizeof v);
    if (shown < 3) {
        printf(" %llx", (unsigned long long)v);
        shown++;
    }
}
static void begin(const char *n) { h = RT_FNV_INIT; shown = 0; printf("%-14s", n); }
static void end(void) { printf(" | %016llx\n", (unsigned long long)h); }

#define ARITH 0x8d5ull
/* The red zone is skipped around pushfq. */
#define FLAGS_OUT "lea -128(%%rsp), %%rsp\n\tpushfq\n\tpopq %1\n\tlea 128(%%rsp), %%rsp"

/* two-operand op with flags; r = a op b; "stc"/"clc" before for adc/sbb */
#define OP2(name, pre, insn, mask)                                         \
    begin(name);                                                           \
    for (unsigned i = 0; i < NV; i++)                                      \
        for (unsigned j = 0; j < NV; j++) {                                \
            uint64_t r = vals[i], f;                                       \
            __asm__ volatile(pre "\n\t" insn "\n\t" FLAGS_OUT              \
                             : "+r"(r), "=&r"(f) : "r"(vals[j]) : "cc", "rcx"); \
            rec(r);                                                        \
            rec(f & (mask));                                               \
        }                                                                  \
    end();

#define OP1(name, insn, mask)                                              \
    begin(name);                                                           \
    for (unsigned i = 0; i < NV; i++) {                                    \
        uint64_t r = vals[i], f;                                           \
        __asm__ volatile(insn "\n\t" FLAGS_OUT : "+r"(r), "=&r"(f) : : "cc"); \
        rec(r);                                                            \
        rec(f & (mask));                                                   \
    }                                                                      \
    end();

/* shifts by cl: count from vals[j] & 0xff */
#define SH(name, insn, mask)                                               \
    begin(name);                                                           \
    for (unsigned i = 0; i < NV; i++)                                      \
        for (unsigned j = 0; j < NV; j++) {                                \
            uint64_t r = vals[i], f, n = vals[j] & 0x3f;                   \
            if (n == 0) continue;                                          \
            __asm__ volatile("mov %2, %%rcx\n\t" insn "\n\t" FLAGS_OUT     \
                             : "+r"(r), "=&r"(f) : "r"(n) : "cc", "rcx");  \
            rec(r);                                                        \
            rec(f & ((n & 0x1f) == 1 || (n & 0x3f) == 1 ? (mask) : (mask) & ~0x800ull)); \
        }                                                                  \
    end();

int main(void)
{
    OP2("addq", "", "addq %2, %0", ARITH)
    OP2("addl", "", "addl %k2, %k0", ARITH)
    OP2("addw", "", "addw %w2, %w0", ARITH)
    OP2("addb", "", "addb %b2, %b0", ARITH)
    OP2("adcq", "stc", "adcq %2, %0", ARITH)
    OP2("adcb", "stc", "adcb %b2, %b0", ARITH)
    OP2("subq", "", "subq %2, %0", ARITH)
    OP2("subl", "", "subl %k2, %k0", ARITH)
    OP2("subw", "", "subw %w2, %w0", ARITH)
    OP2("sbbq", "stc", "sbbq %2, %0", ARITH)
    OP2("sbbl", "stc", "sbbl %k2, %k0", ARITH)
    OP2("cmpq", "", "cmpq %2, %0", ARITH)
    OP2("cmpb", "", "cmpb %b2, %b0", ARITH)
    OP2("andq", "", "andq %2, %0", ARITH & ~0x10ull)
    OP2("orl", "", "orl %k2, %k0", ARITH & ~0x10ull)
    OP2("xorw", "", "xorw %w2, %w0", ARITH & ~0x10ull)
    OP2("testq", "", "testq %2, %0", ARITH & ~0x10ull)
    OP2("imulq2", "", "imulq %2, %0", 0x801ull)
    OP2("imull2", "", "imull %k2, %k0", 0x801ull)
    OP2("imulw2", "", "imulw %w2, %w0", 0x801ull)
    OP2("btq", "", "btq %2, %0", 1ull)
    OP2("btsl", "", "btsl %k2, %k0", 1ull)
    OP2("btrq", "", "btrq %2, %0", 1ull)
    OP2("btcw", "", "btcw %w2, %w0", 1ull)
    OP2("cmovlq", "cmpq %2, %0", "cmovlq %2, %0", ARITH)
    OP2("cmovbel", "cmpq %2, %0", "cmovbel %k2, %k0", ARITH)
    OP2("xaddq", "", "xaddq %0, %2\n\tmovq %2, %0", ARITH)
    OP2("shldq", "mov $7, %%cl", "shldq %%cl, %2, %0", 0xc5ull)
    OP2("shrdl", "mov $9, %%cl", "shrdl %%cl, %k2, %k0", 0xc5ull)
    OP1("incq", "incq %0", ARITH)
    OP1("incb", "incb %b0", ARITH)
    OP1("decl", "decl %k0", ARITH)
    OP1("decw", "decw %w0", ARITH)
    OP1("negq", "negq %0", ARITH)
    OP1("negl", "negl %k0", ARITH)
    OP1("notq", "notq %0", 0)
    OP1("bswapq", "bswapq %0", 0)
    OP1("bswapl", "bswapl %k0", 0)
    OP1("movsbq", "movsbq %b0, %0", 0)
    OP1("movswl", "movswl %w0, %k0", 0)
    OP1("movslq", "movslq %k0, %0", 0)
    OP1("movzbl", "movzbl %b0, %k0", 0)
    OP1("cltq", "xchg %0, %%rax\n\tcltq\n\txchg %0, %%rax", 0)
    OP1("shlq1", "shlq $1, %0", ARITH & ~0x10ull)
    OP1("shrb1", "shrb $1, %b0", ARITH & ~0x10ull)
    OP1("sarl1", "sarl $1, %k0", ARITH & ~0x10ull)
    OP1("rolq1", "rolq $1, %0", 0x801ull)
    OP1("rorw1", "rorw $1, %w0", 0x801ull)
    OP1("rcll1", "stc\n\trcll $1, %k0", 0x801ull)
    OP1("rcrq1", "stc\n\trcrq $1, %0", 0x801ull)
    OP1("setnz", "testq %0, %0\n\tsetnz %b0", 0)
    OP1("bsfq", "bsfq %0, %0", 0x40ull)
    OP1("bsrl", "bsrl %k0, %k0", 0x40ull)
    SH("shlq", "shlq %%cl, %0", ARITH & ~0x10ull)
    SH("shrl", "shrl %%cl, %k0", ARITH & ~0x10ull)
    SH("sarq", "sarq %%cl, %0", ARITH & ~0x10ull)
    SH("sarw", "sarw %%cl, %w0", 0x1ull)
    SH("rolq", "rolq %%cl, %0", 0x1ull)
    SH("rorl", "rorl %%cl, %k0", 0x1ull)
    SH("rclb", "clc\n\trclb %%cl, %b0", 0x1ull)
    SH("rcrw", "stc\n\trcrw %%cl, %w0", 0x1ull)

    begin("mulq");
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++) {
            uint64_t lo = vals[i], hi, f;
            __asm__ volatile("mulq %3\n\t" FLAGS_OUT : "+a"(lo), "=&r"(f), "=d"(hi) : "r"(vals[j]) : "cc");
            rec(lo); rec(hi); rec(f & 0x801);
        }
    end();
    begin("imulq1");
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++) {
            uint64_t lo = vals[i], hi, f;
            __asm__ volatile("imulq %3\n\t" FLAGS_OUT : "+a"(lo), "=&r"(f), "=d"(hi) : "r"(vals[j]) : "cc");
            rec(lo); rec(hi); rec(f & 0x801);
        }
    end();
    begin("divq");
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++) {
            uint64_t q = vals[i], r = 0, dv = vals[j];
            if (!dv) continue;
            __asm__ volatile("divq %2" : "+a"(q), "+d"(r) : "r"(dv) : "cc");
            rec(q); rec(r);
        }
    end();
    begin("idivl");
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++) {
            int32_t a = (int32_t)vals[i], dv = (int32_t)vals[j];
            if (!dv || (a == INT32_MIN && dv == -1)) continue;
            uint32_t q = (uint32_t)a, r = a < 0 ? ~0u : 0;
            __asm__ volatile("idivl %2" : "+a"(q), "+d"(r) : "r"(dv) : "cc");
            rec(q); rec(r);
        }
    end();
    begin("cmpxchgq");
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < 4; j++) {
            uint64_t mem = vals[i], acc = vals[j], f;
            __asm__ volatile("lock cmpxchgq %3, %0\n\t" FLAGS_OUT
                             : "+m"(mem), "=&r"(f), "+a"(acc) : "r"(0x5555ull) : "cc");
            rec(mem); rec(acc); rec(f & ARITH);
        }
    end();
    begin("rep movsb");
    {
        char src[64], dst[64];
        for (int i = 0; i < 64; i++) src[i] = (char)(i * 7), dst[i] = 0;
        void *s = src + 3, *d = dst + 5;
        uint64_t n = 41;
        __asm__ volatile("rep movsb" : "+S"(s), "+D"(d), "+c"(n) : : "memory");
        rec(n); rec((uint64_t)((char *)d - dst)); h = rt_fnv1a(h, dst, 64);
    }
    end();
    begin("repne scasb");
    {
        char buf[32] = "hello, trapeze world";
        void *d = buf;
        uint64_t n = 32, al = 'z';
        __asm__ volatile("repne scasb" : "+D"(d), "+c"(n) : "a"(al) : "cc", "memory");
        rec(n); rec((uint64_t)((char *)d - buf));
    }
    end();
    return 0;
}
