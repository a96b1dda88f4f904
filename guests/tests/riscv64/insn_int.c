/* riscv64 integer instructions: RV64I, M, A, Zicsr counters, and explicit
 * compressed forms.  Two kinds of output:
 *  - "check" lines compare an instruction's result with a constant the
 *    compiler folded or a value derived by hand (RISC-V unprivileged
 *    spec: division by zero, overflow, shift masking, sign extension);
 *  - "sweep" lines hash the results of one instruction over edge-case
 *    operands (FNV-1a), compared with qemu-riscv64 running the same
 *    binary. */
#include "rt.h"

static int fails, checks;
static void check(const char *what, uint64_t got, uint64_t want)
{
    checks++;
    if (got != want) {
        fails++;
        printf("FAIL %s: got %llx want %llx\n", what, (unsigned long long)got,
               (unsigned long long)want);
    }
}

static const uint64_t vals[] = {
    0, 1, 2, 3, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull, 0x123456789abcdef0ull,
    0xfedcba9876543210ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffff80000000ull, 0xffffffff7fffffffull, ~0ull, ~1ull, 0x8000000000000001ull,
};
#define NV (sizeof vals / sizeof vals[0])

static uint64_t h;
static void rec(uint64_t v) { h = rt_fnv1a(h, &v, sizeof v); }
static void begin(void) { h = RT_FNV_INIT; }
static void end(const char *n) { printf("sweep %-10s %016llx\n", n, (unsigned long long)h); }

#define RR(op)                                                              \
    do {                                                                    \
        begin();                                                            \
        for (unsigned i = 0; i < NV; i++)                                   \
            for (unsigned j = 0; j < NV; j++) {                             \
                uint64_t r;                                                 \
                __asm__ volatile(#op " %0, %1, %2" : "=r"(r) : "r"(vals[i]), "r"(vals[j])); \
                rec(r);                                                     \
            }                                                               \
        end(#op);                                                           \
    } while (0)

#define RI1(op, imm)                                                        \
    for (unsigned i = 0; i < NV; i++) {                                     \
        uint64_t r;                                                         \
        __asm__ volatile(#op " %0, %1, " #imm : "=r"(r) : "r"(vals[i]));    \
        rec(r);                                                             \
    }
#define RI(op, a, b, c, d)                                                  \
    do {                                                                    \
        begin();                                                            \
        RI1(op, a) RI1(op, b) RI1(op, c) RI1(op, d)                         \
        end(#op);                                                           \
    } while (0)

#define ASM2(op, a, b) ({ uint64_t r_; __asm__ volatile(#op " %0, %1, %2" : "=r"(r_) : "r"((uint64_t)(a)), "r"((uint64_t)(b))); r_; })

static void checks_alu(void)
{
    /* hand-derived results of the M extension's special cases */
    check("div by 0", ASM2(div, 7, 0), ~0ull);
    check("divu by 0", ASM2(divu, 7, 0), ~0ull);
    check("rem by 0", ASM2(rem, 7, 0), 7);
    check("remu by 0", ASM2(remu, -7, 0), (uint64_t)-7);
    check("div overflow", ASM2(div, 0x8000000000000000ull, -1), 0x8000000000000000ull);
    check("rem overflow", ASM2(rem, 0x8000000000000000ull, -1), 0);
    check("divw overflow", ASM2(divw, 0x80000000, -1), 0xffffffff80000000ull);
    check("remw overflow", ASM2(remw, 0x80000000, -1), 0);
    check("divw by 0", ASM2(divw, 5, 0), ~0ull);
    check("divuw by 0", ASM2(divuw, 5, 0x100000000ull), ~0ull);
    check("remuw by 0", ASM2(remuw, 0x80000005, 0), 0xffffffff80000005ull);
    check("div rounds to 0", ASM2(div, -7, 2), (uint64_t)-3);
    check("rem sign", ASM2(rem, -7, 2), (uint64_t)-1);
    check("mulh", ASM2(mulh, -1, -1), 0);
    check("mulh2", ASM2(mulh, 0x8000000000000000ull, 0x8000000000000000ull), 0x4000000000000000ull);
    check("mulhu", ASM2(mulhu, ~0ull, ~0ull), ~0ull - 1);
    check("mulhsu", ASM2(mulhsu, -1, ~0ull), ~0ull);
    check("mulw", ASM2(mulw, 0x10000, 0x8000), 0xffffffff80000000ull);
    /* shifts use only the low 6 (5 for W) bits of the amount */
    check("sll mask", ASM2(sll, 1, 65), 2);
    check("srlw mask", ASM2(srlw, 0x80000000, 33), 0x40000000);
    check("sraw", ASM2(sraw, 0x80000000, 4), 0xfffffffff8000000ull);
    check("sllw sext", ASM2(sllw, 1, 31), 0xffffffff80000000ull);
    check("addw sext", ASM2(addw, 0x7fffffff, 1), 0xffffffff80000000ull);
    check("subw", ASM2(subw, 0, 1), ~0ull);
    check("slt", ASM2(slt, -1, 0), 1);
    check("sltu", ASM2(sltu, -1, 0), 0);
    uint64_t r;
    __asm__ volatile("lui %0, 0x80000" : "=r"(r));
    check("lui sext", r, 0xffffffff80000000ull);
    __asm__ volatile("addiw %0, %1, -1" : "=r"(r) : "r"(0x80000000ull));
    check("addiw", r, 0x7fffffff);
    __asm__ volatile("sraiw %0, %1, 31" : "=r"(r) : "r"(0x80000000ull));
    check("sraiw", r, ~0ull);
    __asm__ volatile("srai %0, %1, 63" : "=r"(r) : "r"(0x8000000000000000ull));
    check("srai", r, ~0ull);
    __asm__ volatile("sltiu %0, %1, -1" : "=r"(r) : "r"(5ull));
    check("sltiu sext imm", r, 1);
    __asm__ volatile("xori %0, %1, -1" : "=r"(r) : "r"(0x0f0full));
    check("not", r, ~0x0f0full);
    /* x0 ignores writes */
    __asm__ volatile("li t0, 5\n\taddi zero, t0, 1\n\tmv %0, zero" : "=r"(r) : : "t0");
    check("x0", r, 0);
    /* auipc is pc-relative: two auipc 4 bytes apart differ by 4 */
    uint64_t a, b;
    __asm__ volatile(".option push\n\t.option norvc\n\tauipc %0, 0\n\tauipc %1, 0\n\t.option pop"
                     : "=r"(a), "=r"(b));
    check("auipc", b - a, 4);
    __asm__ volatile(".option push\n\t.option norvc\n\tauipc %0, 1\n\tauipc %1, 0\n\t.option pop"
                     : "=r"(a), "=r"(b));
    check("auipc imm", a - b, 0x1000 - 4);
}

static void checks_rvc(void)
{
    uint64_t r;
    __asm__ volatile(".option push\n\t.option rvc\n\tli a5, 0\n\tc.addi a5, -3\n\tc.addiw a5, 1\n\tmv %0, a5\n\t.option pop"
                     : "=r"(r) : : "a5");
    check("c.addi/c.addiw", r, (uint64_t)-2);
    __asm__ volatile(".option push\n\t.option rvc\n\tc.li a5, -32\n\tc.slli a5, 40\n\tc.srai a5, 8\n\tmv %0, a5\n\t.option pop"
                     : "=r"(r) : : "a5");
    check("c.li/c.slli/c.srai", r, 0xffffffe000000000ull);
    __asm__ volatile(".option push\n\t.option rvc\n\tc.lui a5, 0xfffe0\n\tc.srli a5, 1\n\tmv %0, a5\n\t.option pop"
                     : "=r"(r) : : "a5");
    check("c.lui/c.srli", r, 0xfffffffffffe0000ull >> 1);
    __asm__ volatile(".option push\n\t.option rvc\n\tli a4, 12\n\tli a5, 10\n\tc.sub a5, a4\n\tc.subw a5, a4\n\t"
                     "c.andi a5, -2\n\tmv %0, a5\n\t.option pop" : "=r"(r) : : "a4", "a5");
    check("c.sub/c.subw/c.andi", r, (uint64_t)-14);
    __asm__ volatile(".option push\n\t.option rvc\n\tli a4, 0x35\n\tli a5, 0x0f\n\tc.xor a5, a4\n\tc.or a5, a4\n\t"
                     "c.and a5, a4\n\tc.addw a5, a4\n\tc.mv a4, a5\n\tc.add a4, a5\n\tmv %0, a4\n\t.option pop"
                     : "=r"(r) : : "a4", "a5");
    check("c.xor/or/and/addw/mv/add", r, 0xd4);
    /* c.addi16sp / c.addi4spn / c.*sp loads and stores around the stack */
    __asm__ volatile(".option push\n\t.option rvc\n\tc.addi16sp sp, -64\n\tc.addi4spn a5, sp, 16\n\t"
                     "li a4, -5\n\tc.sdsp a4, 8(sp)\n\tc.swsp a4, 20(sp)\n\tc.ldsp a3, 8(sp)\n\t"
                     "c.lwsp a2, 20(sp)\n\tc.lw a4, 4(a5)\n\tadd a3, a3, a2\n\tadd a3, a3, a4\n\t"
                     "c.sd a3, 0(a5)\n\tc.ld a4, 0(a5)\n\tc.addi16sp sp, 64\n\tmv %0, a4\n\t.option pop"
                     : "=r"(r) : : "a2", "a3", "a4", "a5", "memory");
    check("c stack ops", r, (uint64_t)-15);
    /* c.j, c.beqz, c.bnez, c.jal is rv32 only; c.jr/c.jalr */
    __asm__ volatile(".option push\n\t.option rvc\n\tli a5, 0\n\tc.beqz a5, 1f\n\tli a5, 99\n1:\tc.bnez a5, 2f\n\t"
                     "addi a5, a5, 7\n\tc.j 3f\n2:\tli a5, 98\n3:\tmv %0, a5\n\t.option pop" : "=r"(r) : : "a5");
    check("c.beqz/c.bnez/c.j", r, 7);
    __asm__ volatile(".option push\n\t.option rvc\n\tlla a4, 1f\n\tmv t0, ra\n\tc.jalr a4\n\tmv a5, ra\n\tmv ra, t0\n\tc.j 2f\n"
                     "1:\tc.jr ra\n2:\tsub %0, a5, a4\n\t.option pop" : "=r"(r) : : "a4", "a5", "t0", "memory");
    check("c.jalr link", r, (uint64_t)-6);   /* link = c.jalr + 2; label 1 = c.jalr + 8 */
}

static void checks_mem(void)
{
    static uint8_t buf[32] __attribute__((aligned(16)));
    for (int i = 0; i < 32; i++)
        buf[i] = (uint8_t)(0x81 + 0x11 * i);
    uint64_t r;
    __asm__ volatile("lb %0, 0(%1)" : "=r"(r) : "r"(buf));
    check("lb", r, 0xffffffffffffff81ull);
    __asm__ volatile("lbu %0, 0(%1)" : "=r"(r) : "r"(buf));
    check("lbu", r, 0x81);
    __asm__ volatile("lh %0, 0(%1)" : "=r"(r) : "r"(buf));
    check("lh", r, 0xffffffffffff9281ull);
    __asm__ volatile("lhu %0, 0(%1)" : "=r"(r) : "r"(buf));
    check("lhu", r, 0x9281);
    __asm__ volatile("lw %0, 0(%1)" : "=r"(r) : "r"(buf));
    check("lw", r, 0xffffffffb4a39281ull);
    __asm__ volatile("lwu %0, 0(%1)" : "=r"(r) : "r"(buf));
    check("lwu", r, 0xb4a39281ull);
    __asm__ volatile("ld %0, 0(%1)" : "=r"(r) : "r"(buf));
    check("ld", r, 0xf8e7d6c5b4a39281ull);
    /* misaligned ordinary accesses work (the kernel emulates them) */
    __asm__ volatile("ld %0, 3(%1)" : "=r"(r) : "r"(buf));
    check("ld misaligned", r, 0x2b1a09f8e7d6c5b4ull);
    __asm__ volatile("sw %1, 5(%0)\n\tlw %1, 5(%0)" : : "r"(buf), "r"(0x11223344ull) : "memory");
    check("sw misaligned", buf[5] | buf[8] << 24, 0x11000044);
    __asm__ volatile("sh %1, -2(%0)" : : "r"(buf + 16), "r"(0xabcdull) : "memory");
    check("sh neg offset", buf[14] | buf[15] << 8, 0xabcd);
    __asm__ volatile("sb %1, 31(%0)" : : "r"(buf), "r"(0x1234ull) : "memory");
    check("sb", buf[31], 0x34);
}

static void checks_amo(void)
{
    static uint64_t m __attribute__((aligned(8)));
    static uint32_t w __attribute__((aligned(4)));
    uint64_t r;
    m = 10;
    __asm__ volatile("amoadd.d %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(5ull) : "memory");
    check("amoadd.d old", r, 10); check("amoadd.d new", m, 15);
    __asm__ volatile("amoswap.d.aqrl %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(~0ull) : "memory");
    check("amoswap.d", r, 15); check("amoswap.d new", m, ~0ull);
    __asm__ volatile("amomin.d %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(3ull) : "memory");
    check("amomin.d", m, ~0ull);
    __asm__ volatile("amominu.d %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(3ull) : "memory");
    check("amominu.d", m, 3);
    __asm__ volatile("amomax.d %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(-8ull) : "memory");
    check("amomax.d", m, 3);
    __asm__ volatile("amomaxu.d %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(-8ull) : "memory");
    check("amomaxu.d", m, -8ull);
    __asm__ volatile("amoand.d %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(0xf0ull) : "memory");
    check("amoand.d", m, 0xf0);
    __asm__ volatile("amoor.d %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(0x0full) : "memory");
    check("amoor.d", m, 0xff);
    __asm__ volatile("amoxor.d %0, %2, (%1)" : "=r"(r) : "r"(&m), "r"(0x101ull) : "memory");
    check("amoxor.d", m, 0x1fe);
    w = 0x7fffffff;
    __asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(1ull) : "memory");
    check("amoadd.w old sext", r, 0x7fffffff); check("amoadd.w new", w, 0x80000000u);
    __asm__ volatile("amoswap.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(5ull) : "memory");
    check("amoswap.w sext", r, 0xffffffff80000000ull);
    __asm__ volatile("amomin.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(0x80000000ull) : "memory");
    check("amomin.w", w, 0x80000000u);
    __asm__ volatile("amomaxu.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(0x7fffffffull) : "memory");
    check("amomaxu.w", w, 0x80000000u);
    __asm__ volatile("amominu.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(0x17fffffffull) : "memory");
    check("amominu.w 32-bit", w, 0x7fffffffu);
    __asm__ volatile("amomax.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(-1ull) : "memory");
    check("amomax.w", w, 0x7fffffffu);
    __asm__ volatile("amoand.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(0xffull) : "memory");
    __asm__ volatile("amoor.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(0x100ull) : "memory");
    __asm__ volatile("amoxor.w %0, %2, (%1)" : "=r"(r) : "r"(&w), "r"(0x3ull) : "memory");
    check("amoand/or/xor.w", w, 0x1fc);

    /* LR/SC: a pair succeeds (0), a lone SC fails (non-zero) and stores nothing */
    uint64_t ok, v;
    m = 40;
    __asm__ volatile("lr.d %0, (%2)\n\taddi %0, %0, 2\n\tsc.d %1, %0, (%2)"
                     : "=&r"(v), "=&r"(ok) : "r"(&m) : "memory");
    check("lr/sc.d", ok, 0); check("lr/sc.d value", m, 42);
    __asm__ volatile("sc.d %0, %2, (%1)" : "=&r"(ok) : "r"(&m), "r"(7ull) : "memory");
    check("sc.d alone fails", ok != 0, 1); check("sc.d alone no store", m, 42);
    w = 0xfffffff0;
    __asm__ volatile("lr.w.aq %0, (%2)\n\tsc.w.rl %1, %3, (%2)"
                     : "=&r"(v), "=&r"(ok) : "r"(&w), "r"(1ull) : "memory");
    check("lr.w sext", v, 0xfffffffffffffff0ull); check("sc.w", ok, 0); check("sc.w value", w, 1);
    /* a second SC after a successful one fails */
    __asm__ volatile("lr.w %0, (%2)\n\tsc.w %1, %0, (%2)\n\tsc.w %1, %0, (%2)"
                     : "=&r"(v), "=&r"(ok) : "r"(&w) : "memory");
    check("sc.w twice", ok != 0, 1);
}

static void checks_csr(void)
{
    uint64_t a, b, c0, c1, t0, t1;
    __asm__ volatile("rdinstret %0" : "=r"(a));
    for (volatile int i = 0; i < 100; i++)
        ;
    __asm__ volatile("rdinstret %0" : "=r"(b));
    check("instret grows", b > a, 1);
    __asm__ volatile("rdcycle %0" : "=r"(c0));
    __asm__ volatile("rdtime %0" : "=r"(t0));
    for (volatile int i = 0; i < 100; i++)
        ;
    __asm__ volatile("rdcycle %0" : "=r"(c1));
    __asm__ volatile("rdtime %0" : "=r"(t1));
    check("cycle grows", c1 > c0, 1);
    check("time monotonic", t1 >= t0, 1);
    /* csrrw returns the old value; csrrs with x0 only reads */
    uint64_t old, now;
    __asm__ volatile("fsrmi 3\n\tcsrrwi %0, frm, 1\n\tfrrm %1" : "=r"(old), "=r"(now));
    check("csrrwi frm old", old, 3); check("frm now", now, 1);
    __asm__ volatile("csrrsi %0, fflags, 0x14\n\tcsrrci %1, fflags, 0x4" : "=r"(old), "=r"(now));
    check("csrrsi", now, 0x14);
    __asm__ volatile("frcsr %0" : "=r"(now));
    check("fcsr = frm<<5|fflags", now, 1 << 5 | 0x10);
    __asm__ volatile("fscsr %0, %1" : "=r"(old) : "r"(0xffull));
    __asm__ volatile("frcsr %0" : "=r"(now));
    check("fscsr masks to 8 bits", now, 0xff);
    check("fscsr old", old, 0x30);
    __asm__ volatile("fscsr zero");
}

static void sweep_branches(void)
{
    begin();
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++) {
            uint64_t r = 0, a = vals[i], b = vals[j];
#define BR(op, bit) __asm__ volatile(#op " %1, %2, 1f\n\tj 2f\n1:\tori %0, %0, " #bit "\n2:" : "+r"(r) : "r"(a), "r"(b));
            BR(beq, 1) BR(bne, 2) BR(blt, 4) BR(bge, 8) BR(bltu, 16) BR(bgeu, 32)
            rec(r);
        }
    end("branches");
}

int main(void)
{
    checks_alu();
    checks_rvc();
    checks_mem();
    checks_amo();
    checks_csr();
    printf("checks: %d, failed %d\n", checks, fails);

    RR(add); RR(sub); RR(sll); RR(slt); RR(sltu); RR(xor); RR(srl); RR(sra); RR(or); RR(and);
    RR(addw); RR(subw); RR(sllw); RR(srlw); RR(sraw);
    RR(mul); RR(mulh); RR(mulhsu); RR(mulhu); RR(div); RR(divu); RR(rem); RR(remu);
    RR(mulw); RR(divw); RR(divuw); RR(remw); RR(remuw);
    RI(addi, 0, -1, 2047, -2048); RI(slti, 0, -1, 2047, -2048); RI(sltiu, 0, -1, 2047, 1);
    RI(xori, 0, -1, 0x555, -0x556); RI(ori, 0, -1, 0x555, -0x556); RI(andi, 0, -1, 0x555, -0x556);
    RI(slli, 0, 1, 31, 63); RI(srli, 0, 1, 32, 63); RI(srai, 0, 1, 32, 63);
    RI(addiw, 0, -1, 2047, -2048); RI(slliw, 0, 1, 16, 31); RI(srliw, 0, 1, 16, 31); RI(sraiw, 0, 1, 16, 31);
    sweep_branches();
    return fails != 0;
}
