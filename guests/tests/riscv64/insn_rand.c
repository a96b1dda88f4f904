/* Random riscv64 instructions, compared with qemu-riscv64: a fixed-seed
 * generator fills an executable buffer with integer and FP instructions
 * (OP, OP-32, OP-IMM, OP-IMM-32, LUI, OP-FP, the four fused
 * multiply-adds) whose register fields are limited to x5-x7/x28-x31 and
 * f5-f7/f28-f31, each followed by `ret`; fence.i; then every one runs
 * from a random register state and fcsr (invalid frm included).  The
 * state after it — or "illegal instruction" from the SIGILL handler — is
 * hashed.  Unallocated encodings must be illegal in both, so the
 * decoder's notion of what exists is compared too. */
#include "rt.h"

#define NINSN 20000
static uint64_t seed = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static const unsigned regs[7] = { 5, 6, 7, 28, 29, 30, 31 };
static unsigned rreg(void) { return regs[rnd() % 7]; }

/* register state: x and f for the seven registers, then fcsr */
struct state {
    uint64_t x[7], f[7], fcsr;
};
static struct state st;
static volatile int illegal;

static void on_sigill(int sig, siginfo_t *si, void *ucv)
{
    uint64_t *sc = (uint64_t *)((char *)ucv + 176);
    (void)sig; (void)si;
    illegal = 1;
    sc[0] += 4;             /* to the slot's ret */
}

/* Load the state, call the slot at a1, store the state back. */
extern void run_slot(struct state *s, void *slot);
__asm__(
    ".text\n.globl run_slot\nrun_slot:\n"
    "  addi sp, sp, -16\n  sd ra, 8(sp)\n"
    "  ld t0, 0(a0)\n  ld t1, 8(a0)\n  ld t2, 16(a0)\n  ld t3, 24(a0)\n"
    "  ld t4, 32(a0)\n  ld t5, 40(a0)\n  ld t6, 48(a0)\n"
    "  fld ft5, 56(a0)\n  fld ft6, 64(a0)\n  fld ft7, 72(a0)\n  fld ft8, 80(a0)\n"
    "  fld ft9, 88(a0)\n  fld ft10, 96(a0)\n  fld ft11, 104(a0)\n"
    "  ld a2, 112(a0)\n  fscsr a2\n"
    "  jalr a1\n"
    "  sd t0, 0(a0)\n  sd t1, 8(a0)\n  sd t2, 16(a0)\n  sd t3, 24(a0)\n"
    "  sd t4, 32(a0)\n  sd t5, 40(a0)\n  sd t6, 48(a0)\n"
    "  fsd ft5, 56(a0)\n  fsd ft6, 64(a0)\n  fsd ft7, 72(a0)\n  fsd ft8, 80(a0)\n"
    "  fsd ft9, 88(a0)\n  fsd ft10, 96(a0)\n  fsd ft11, 104(a0)\n"
    "  frcsr a2\n  sd a2, 112(a0)\n"
    "  ld ra, 8(sp)\n  addi sp, sp, 16\n  ret\n");

static uint32_t gen(void)
{
    static const uint8_t opc[] = { 0x33, 0x3b, 0x13, 0x1b, 0x37, 0x53, 0x53, 0x53, 0x53,
                                   0x43, 0x47, 0x4b, 0x4f };
    uint32_t op = opc[rnd() % sizeof opc];
    uint32_t w = (uint32_t)rnd();
    w = (w & ~0x7fu) | op;
    w = (w & ~(31u << 7)) | rreg() << 7;                        /* rd */
    if (op != 0x37)
        w = (w & ~(31u << 15)) | rreg() << 15;                  /* rs1 */
    if (op == 0x33 || op == 0x3b || op >= 0x43) {
        w = (w & ~(31u << 20)) | rreg() << 20;                  /* rs2 */
        if (op == 0x33 || op == 0x3b) {                         /* mostly valid funct7 */
            static const uint32_t f7[] = { 0x00, 0x20, 0x01, 0x00, 0x01, 0x7f };
            w = (w & 0x01ffffffu) | f7[rnd() % 6] << 25;
        }
    }
    if (op == 0x53) {
        /* funct5 from the allocated set mostly, fmt S or D */
        static const uint32_t f5[] = { 0, 1, 2, 3, 4, 5, 8, 11, 20, 24, 26, 28, 30, 31 };
        uint32_t fmt = rnd() & 1 ? 1 : (rnd() & 7 ? 0 : (uint32_t)rnd() & 3);
        w = (w & 0x01ffffffu) | (f5[rnd() % 14] << 2 | fmt) << 25;
        uint32_t f = w >> 27;
        if (f == 8 || f == 11 || f == 24 || f == 26 || f == 28 || f == 30)
            w = (w & ~(31u << 20)) | (uint32_t)(rnd() % 4 ? rnd() % 4 : rnd() % 32) << 20;
    }
    if (op >= 0x43)
        w = (w & ~(31u << 27)) | rreg() << 27;                  /* rs3 */
    return w;
}

static const uint64_t fvals[] = {
    0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0x7ff0000000000000ull,
    0x7ff8000000000000ull, 0x7ff4000000000000ull, 0x0000000000000001ull,
    0x7fefffffffffffffull, 0x43e0000000000000ull, 0x41dfffffffc00000ull,
    0xffffffff3f800000ull, 0xffffffff7f800000ull, 0xffffffff00000001ull,
    0xffffffff7fa00000ull, 0xffffffffcf000000ull, 0x000000003f800000ull,
};
static uint64_t rval(void)
{
    switch (rnd() % 4) {
    case 0: return rnd();
    case 1: return fvals[rnd() % 16];
    case 2: return (uint64_t)(int64_t)(int32_t)rnd();
    default: return rnd() % 70;
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigill;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGILL, &sa, 0);

    uint32_t *buf = mmap(0, NINSN * 8, PROT_READ | PROT_WRITE | PROT_EXEC,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if ((long)buf < 0 && (long)buf > -4096) {
        printf("mmap failed\n");
        return 1;
    }
    for (int i = 0; i < NINSN; i++) {
        buf[2 * i] = gen();
        buf[2 * i + 1] = 0x00008067;        /* ret */
    }
    __asm__ volatile("fence.i" ::: "memory");

    uint64_t h = RT_FNV_INIT;
    unsigned nill = 0;
    for (int i = 0; i < NINSN; i++) {
        for (int r = 0; r < 7; r++) {
            st.x[r] = rval();
            st.f[r] = rval();
        }
        st.fcsr = rnd() % 8 ? (rnd() % 5) << 5 : rnd() & 0xff;
        illegal = 0;
        run_slot(&st, &buf[2 * i]);
        if (illegal) {
            nill++;
            h = rt_fnv1a(h, "ill", 3);
        } else {
            h = rt_fnv1a(h, &st, sizeof st);
        }
        if (i % 2000 == 1999)
            printf("%5d %016llx illegal %u\n", i + 1, (unsigned long long)h, nill);
    }
    return 0;
}
