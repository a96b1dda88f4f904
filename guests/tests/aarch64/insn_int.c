/* A64 integer instructions over edge-case operands: for each group an
 * FNV-1a hash of every result and NZCV, plus a few results in clear.
 * Compared with qemu-aarch64 running the same binary. */
#include "rt.h"

static const uint64_t xv[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
    0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0x123456789abcdef0ull, 0xfedcba9876543210ull,
    0x00000000ffff0000ull, 0x5555555555555555ull, 63, 64, 31, 32,
};
#define N (sizeof xv / sizeof xv[0])

static uint64_t h;
static int shown;
static void rec(uint64_t v) { h = rt_fnv1a(h, &v, sizeof v); }
static void show(uint64_t v)
{
    if (shown < 3) {
        printf(" %llx", (unsigned long long)v);
        shown++;
    }
}
static void begin(const char *n) { h = RT_FNV_INIT; shown = 0; printf("%-10s", n); }
static void end(void) { printf(" | %016llx\n", (unsigned long long)h); }

static uint64_t nzcv(void)
{
    uint64_t f;
    __asm__ volatile("mrs %0, nzcv" : "=r"(f));
    return f;
}

/* two-operand instruction with flags in and out */
#define OP2F(name, insn)                                                         \
    do {                                                                         \
        begin(name);                                                             \
        for (unsigned i = 0; i < N; i++)                                         \
            for (unsigned j = 0; j < N; j++)                                     \
                for (uint64_t cin = 0; cin < 2; cin++) {                         \
                    uint64_t r, f, a = xv[i], b = xv[j];                         \
                    __asm__ volatile("msr nzcv, %3\n\t" insn "\n\tmrs %1, nzcv"  \
                                     : "=&r"(r), "=&r"(f)                        \
                                     : "r"(a), "r"(cin << 29), "r"(b));          \
                    rec(r);                                                      \
                    rec(f);                                                      \
                    if (i == 15 && j == 1) show(r), show(f);                     \
                }                                                                \
        end();                                                                   \
    } while (0)

#define OP1(name, insn)                                                          \
    do {                                                                         \
        begin(name);                                                             \
        for (unsigned i = 0; i < N; i++) {                                       \
            uint64_t r, a = xv[i];                                               \
            __asm__ volatile(insn : "=&r"(r) : "r"(a));                          \
            rec(r);                                                              \
            if (i == 16) show(r);                                                \
        }                                                                        \
        end();                                                                   \
    } while (0)

int main(void)
{
    OP2F("adds", "adds %0, %2, %4");
    OP2F("adds.w", "adds %w0, %w2, %w4");
    OP2F("subs", "subs %0, %2, %4");
    OP2F("subs.w", "subs %w0, %w2, %w4");
    OP2F("adcs", "adcs %0, %2, %4");
    OP2F("adcs.w", "adcs %w0, %w2, %w4");
    OP2F("sbcs", "sbcs %0, %2, %4");
    OP2F("sbcs.w", "sbcs %w0, %w2, %w4");
    OP2F("adc", "adc %0, %2, %4");
    OP2F("sbc.w", "sbc %w0, %w2, %w4");
    OP2F("ands", "ands %0, %2, %4, ror #7");
    OP2F("bics.w", "bics %w0, %w2, %w4, asr #3");
    OP2F("ccmp", "ccmp %2, %4, #5, cs\n\tcset %0, gt");
    OP2F("ccmn.w", "ccmn %w2, %w4, #10, cc\n\tcset %0, mi");
    OP2F("ccmpimm", "ccmp %2, #17, #3, cs\n\tcsetm %0, vs");
    OP2F("csel", "cmp %2, %4\n\tcsel %0, %2, %4, lt");
    OP2F("csinc", "cmp %2, %4\n\tcsinc %0, %2, %4, hi");
    OP2F("csinv.w", "cmp %w2, %w4\n\tcsinv %w0, %w2, %w4, ge");
    OP2F("csneg", "cmp %2, %4\n\tcsneg %0, %2, %4, le");
    OP2F("addext", "adds %0, %2, %w4, sxth #2");
    OP2F("subext", "subs %0, %2, %w4, uxtb #4");
    OP2F("addext.w", "add %w0, %w2, %w4, sxtb #1");
    OP2F("lslv", "lsl %0, %2, %4");
    OP2F("lsrv.w", "lsr %w0, %w2, %w4");
    OP2F("asrv", "asr %0, %2, %4");
    OP2F("rorv.w", "ror %w0, %w2, %w4");
    OP2F("udiv", "udiv %0, %2, %4");
    OP2F("sdiv", "sdiv %0, %2, %4");
    OP2F("udiv.w", "udiv %w0, %w2, %w4");
    OP2F("sdiv.w", "sdiv %w0, %w2, %w4");
    OP2F("mul", "mul %0, %2, %4");
    OP2F("madd.w", "madd %w0, %w2, %w4, %w2");
    OP2F("msub", "msub %0, %2, %4, %4");
    OP2F("smulh", "smulh %0, %2, %4");
    OP2F("umulh", "umulh %0, %2, %4");
    OP2F("smaddl", "smaddl %0, %w2, %w4, %2");
    OP2F("umsubl", "umsubl %0, %w2, %w4, %4");
    OP2F("extr", "extr %0, %2, %4, #13");
    OP2F("extr.w", "extr %w0, %w2, %w4, #31");
    OP2F("eon", "eon %0, %2, %4, lsl #9");
    OP2F("orn.w", "orn %w0, %w2, %w4, lsr #30");
    OP2F("crc32b", ".arch_extension crc\n\tcrc32b %w0, %w2, %w4");
    OP2F("crc32cx", ".arch_extension crc\n\tcrc32cx %w0, %w2, %4");
    OP2F("bfi", "mov %0, %4\n\tbfi %0, %2, #7, #20");
    OP2F("bfxil.w", "mov %0, %4\n\tbfxil %w0, %w2, #3, #17");
    OP1("ubfx", "ubfx %0, %1, #5, #40");
    OP1("sbfx", "sbfx %0, %1, #60, #4");
    OP1("sbfiz.w", "sbfiz %w0, %w1, #9, #12");
    OP1("ubfiz", "ubfiz %0, %1, #33, #31");
    OP1("sxtb", "sxtb %0, %w1");
    OP1("sxth.w", "sxth %w0, %w1");
    OP1("sxtw", "sxtw %0, %w1");
    OP1("uxth", "uxth %w0, %w1");
    OP1("asr", "asr %0, %1, #63");
    OP1("lsl.w", "lsl %w0, %w1, #31");
    OP1("clz", "clz %0, %1");
    OP1("cls", "cls %0, %1");
    OP1("cls.w", "cls %w0, %w1");
    OP1("rbit", "rbit %0, %1");
    OP1("rbit.w", "rbit %w0, %w1");
    OP1("rev", "rev %0, %1");
    OP1("rev16", "rev16 %0, %1");
    OP1("rev32", "rev32 %0, %1");
    OP1("rev16.w", "rev16 %w0, %w1");
    OP1("andimm", "and %0, %1, #0xff00ff00ff00ff00");
    OP1("orrimm", "orr %0, %1, #0x3333333333333333");
    OP1("eorimm.w", "eor %w0, %w1, #0xfffe0000");
    OP1("andsimm", "ands %0, %1, #0x1fffe\n\tmrs %0, nzcv");
    OP1("movk", "mov %0, %1\n\tmovk %0, #0xbeef, lsl #32");
    OP1("movn", "movn %0, #0x1234, lsl #16\n\tadd %0, %0, %1");
    OP1("movn.w", "movn %w0, #0x1234, lsl #16\n\tadd %w0, %w0, %w1");

    /* addressing modes: offsets, writeback, register offsets */
    {
        static uint64_t mem[16];
        for (int i = 0; i < 16; i++)
            mem[i] = 0x0101010101010101ull * (uint64_t)(i + 1);
        begin("ldst");
        uint64_t p = (uint64_t)&mem[4], a, b, idx = (uint64_t)-2;
        __asm__ volatile("ldr %0, [%2, #8]!" : "=r"(a), "+r"(p) : "r"(p) : "memory");
        rec(a), rec(p - (uint64_t)mem), show(a);
        __asm__ volatile("ldr %0, [%1], #-16" : "=r"(a), "+r"(p) : : "memory");
        rec(a), rec(p - (uint64_t)mem);
        __asm__ volatile("ldrsb %0, [%1, %2]" : "=r"(a) : "r"(p), "r"(idx) : "memory");
        rec(a);
        __asm__ volatile("ldrsh %w0, [%1, %w2, sxtw #1]" : "=r"(a) : "r"(p), "r"(idx) : "memory");
        rec(a);
        __asm__ volatile("ldr %w0, [%1, %2, lsl #2]" : "=r"(a) : "r"(p), "r"((uint64_t)3) : "memory");
        rec(a);
        __asm__ volatile("ldursw %0, [%1, #-3]" : "=r"(a) : "r"(p) : "memory");
        rec(a), show(a);
        __asm__ volatile("ldp %0, %1, [%2, #-16]" : "=r"(a), "=r"(b) : "r"(p) : "memory");
        rec(a), rec(b);
        __asm__ volatile("ldpsw %0, %1, [%2], #8" : "=r"(a), "=r"(b), "+r"(p) : : "memory");
        rec(a), rec(b), rec(p - (uint64_t)mem);
        __asm__ volatile("stp %2, %3, [%1, #-32]!" : "=m"(mem), "+r"(p) : "r"(a), "r"(b));
        rec(p - (uint64_t)mem);
        __asm__ volatile("strh %w2, [%1, #3]\n\tstrb %w2, [%1, #-1]!" : "=m"(mem), "+r"(p) : "r"(0x5a5bull));
        __asm__ volatile("str %w1, [%0], #5\n\tsturh %w1, [%0, #1]" : "+r"(p) : "r"(0xabcdef12u) : "memory");
        rec(p - (uint64_t)mem);
        for (int i = 0; i < 16; i++)
            rec(mem[i]);
        show(mem[1]);
        /* exclusives and acquire/release */
        uint64_t st;
        __asm__ volatile("1: ldaxr %0, [%2]\n\tadd %0, %0, #1\n\tstlxr %w1, %0, [%2]\n\tcbnz %w1, 1b"
                         : "=&r"(a), "=&r"(st) : "r"(&mem[3]) : "memory");
        rec(a), rec(st);
        __asm__ volatile("ldxrh %w0, [%2]\n\tstxrb %w1, %w0, [%2]" : "=&r"(a), "=&r"(st) : "r"(&mem[3]) : "memory");
        rec(a), rec(st);
        __asm__ volatile("clrex\n\tstxr %w1, %0, [%2]" : "=&r"(a), "=&r"(st) : "r"(&mem[3]) : "memory");
        rec(st), show(st);
        __asm__ volatile("ldxp %0, %1, [%2]" : "=&r"(a), "=&r"(b) : "r"(&mem[6]) : "memory");
        rec(a), rec(b);
        __asm__ volatile("ldxp %0, %1, [%3]\n\tstxp %w2, %1, %0, [%3]" : "=&r"(a), "=&r"(b), "=&r"(st) : "r"(&mem[6]) : "memory");
        rec(st), rec(mem[6]), rec(mem[7]);
        __asm__ volatile("stlr %1, [%2]\n\tldarb %w0, [%2]" : "=&r"(a) : "r"(0x1234ull), "r"(&mem[9]) : "memory");
        rec(a);
        end();
    }
    /* system registers EL0 may use */
    {
        begin("sysreg");
        uint64_t v, old;
        __asm__ volatile("mrs %0, tpidr_el0" : "=r"(old));
        __asm__ volatile("msr tpidr_el0, %1\n\tmrs %0, tpidr_el0\n\tmsr tpidr_el0, %2" : "=&r"(v) : "r"(0x1122334455667788ull), "r"(old));
        rec(v), show(v);
        /* the block size is the CPU's (qemu's max CPU: 512 bytes), only
         * DZP (DC ZVA permitted) is compared */
        __asm__ volatile("mrs %0, dczid_el0" : "=r"(v));
        rec(v >> 4), show(v >> 4);
        __asm__ volatile("mrs %0, fpcr" : "=r"(v));
        rec(v);
        __asm__ volatile("msr nzcv, %1\n\tmrs %0, nzcv" : "=r"(v) : "r"(0xffffffffull));
        rec(v), show(v);
        uint64_t t0, t1;
        __asm__ volatile("mrs %0, cntvct_el0" : "=r"(t0));
        __asm__ volatile("mrs %0, cntvct_el0" : "=r"(t1));
        printf(" counter-monotonic:%d", t1 >= t0);
        end();
    }
    (void)nzcv;
    return 0;
}
