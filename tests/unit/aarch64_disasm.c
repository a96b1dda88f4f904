/* aarch64 disassembler and decoder unit test: each word's text was
 * produced by llvm-objdump-19 (from llvm-mc-19 -mattr=+all assembling the
 * instructions), with the " <symbol>" suffix dropped; the decoder must
 * accept every word the CPU implements. */
#include <stdio.h>
#include <string.h>

#include "decoders/aarch64/decode.h"

static const struct { uint64_t pc; uint32_t w; const char *text; } cases[] = {
    { 0x0, 0xd4000001, "svc\t#0" },
    { 0x4, 0xd4000021, "svc\t#0x1" },
    { 0x8, 0xd4001001, "svc\t#0x80" },
    { 0xc, 0xd4200000, "brk\t#0" },
    { 0x10, 0xd4200020, "brk\t#0x1" },
    { 0x14, 0xd4400000, "hlt\t#0" },
    { 0x18, 0x00000000, "udf\t#0x0" },
    { 0x1c, 0x00000011, "udf\t#0x11" },
    { 0x20, 0x121c6c00, "and\tw0, w0, #0xfffffff0" },
    { 0x24, 0x91400420, "add\tx0, x1, #0x1, lsl #12   // =0x1000" },
    { 0x28, 0x914003e0, "add\tx0, sp, #0x0, lsl #12   // =0x0" },
    { 0x2c, 0x92800000, "mov\tx0, #-0x1               // =-1" },
    { 0x30, 0x12800000, "mov\tw0, #-0x1               // =-1" },
    { 0x34, 0xd2a00020, "mov\tx0, #0x10000            // =65536" },
    { 0x38, 0x92a00000, "movn\tx0, #0x0, lsl #16" },
    { 0x3c, 0xb2089fe0, "mov\tx0, #-0xff00ff00ff0100  // =-71777214294589696" },
    { 0x40, 0x3200cfe0, "mov\tw0, #0xf0f0f0f          // =252645135" },
    { 0x44, 0xeb0103ff, "cmp\txzr, x1" },
    { 0x48, 0xeb0103e0, "negs\tx0, x1" },
    { 0x4c, 0xfa0103e0, "ngcs\tx0, x1" },
    { 0x50, 0xd503335f, "clrex\t#0x3" },
    { 0x54, 0xd50333df, "isb\t#3" },
    { 0x58, 0xd503309f, "ssbb" },
    { 0x5c, 0xd503349f, "pssbb" },
    { 0x60, 0xd5032abf, "hint\t#0x55" },
    { 0x64, 0xd50342df, "msr\tDAIFSet, #0x2" },
    { 0x68, 0xf8400c20, "ldr\tx0, [x1, #0x0]!" },
    { 0x6c, 0xf8400420, "ldr\tx0, [x1], #0x0" },
    { 0x70, 0x38627820, "ldrb\tw0, [x1, x2, lsl #0]" },
    { 0x74, 0xb862c820, "ldr\tw0, [x1, w2, sxtw]" },
    { 0x78, 0xda9f07e0, "cneg\tx0, xzr, ne" },
    { 0x7c, 0x9a81e420, "csinc\tx0, x1, x1, al" },
    { 0x80, 0x52a00000, "movz\tw0, #0x0, lsl #16" },
    { 0x84, 0xab2163ff, "cmn\tsp, x1" },
    { 0x88, 0x8b216be0, "add\tx0, sp, x1, lsl #2" },
    { 0x8c, 0x0b2143e0, "add\tw0, wsp, w1" },
    { 0x90, 0xcb2163ff, "sub\tsp, sp, x1" },
    { 0x94, 0xeb2163ff, "cmp\tsp, x1" },
    { 0x98, 0x1e610404, "fccmp\td0, d1, #0x4, eq" },
    { 0x9c, 0x1e202008, "fcmp\ts0, #0.0" },
    { 0xa0, 0x1e709000, "fmov\td0, #-2.50000000" },
    { 0xa4, 0x6f00e400, "movi\tv0.2d, #0000000000000000" },
    { 0xa8, 0x6f05e540, "movi\tv0.2d, #0xff00ff00ff00ff00" },
    { 0xac, 0x2f00e420, "movi\td0, #0x000000000000ff" },
    { 0xb0, 0x4f07e7e0, "movi\tv0.16b, #0xff" },
    { 0xb4, 0x0f00a640, "movi\tv0.4h, #0x12, lsl #8" },
    { 0xb8, 0x4f00c640, "movi\tv0.4s, #0x12, msl #8" },
    { 0xbc, 0x4f03f600, "fmov\tv0.4s, #1.00000000" },
    { 0xc0, 0x2f08a420, "ushll\tv0.8h, v1.8b, #0x0" },
    { 0xc4, 0x2f0ba420, "ushll\tv0.8h, v1.8b, #0x3" },
    { 0xc8, 0x6f210420, "ushr\tv0.4s, v1.4s, #0x1f" },
    { 0xcc, 0x4cc2a000, "ld1\t{ v0.16b, v1.16b }, [x0], x2" },
    { 0xd0, 0x0ddf9000, "ld1\t{ v0.s }[1], [x0], #4" },
    { 0xd4, 0x4d40c800, "ld1r\t{ v0.4s }, [x0]" },
    { 0xd8, 0x4c9f0800, "st4\t{ v0.4s, v1.4s, v2.4s, v3.4s }, [x0], #64" },
    { 0xdc, 0x4e032020, "tbl\tv0.16b, { v1.16b, v2.16b }, v3.16b" },
    { 0xe0, 0x4e0c1c20, "mov\tv0.s[1], w1" },
    { 0xe4, 0x6e0c0420, "mov\tv0.s[1], v1.s[0]" },
    { 0xe8, 0x0e033c20, "umov\tw0, v1.b[1]" },
    { 0xec, 0x0e0c3c20, "mov\tw0, v1.s[1]" },
    { 0xf0, 0x4e183c20, "mov\tx0, v1.d[1]" },
    { 0xf4, 0x4e0a2c20, "smov\tx0, v1.h[2]" },
    { 0xf8, 0x4e0c0420, "dup\tv0.4s, v1.s[1]" },
    { 0xfc, 0x5e0c0420, "mov\ts0, v1.s[1]" },
    { 0x100, 0x5ef1b820, "addp\td0, v1.2d" },
    { 0x104, 0x7e30d820, "faddp\ts0, v1.2s" },
    { 0x108, 0x6e205820, "mvn\tv0.16b, v1.16b" },
    { 0x10c, 0x4ea11c20, "mov\tv0.16b, v1.16b" },
    { 0x110, 0x5ee09820, "cmeq\td0, d1, #0" },
    { 0x114, 0x4ea0d820, "fcmeq\tv0.4s, v1.4s, #0.0" },
    { 0x118, 0x1e42c020, "scvtf\td0, w1, #0x10" },
    { 0x11c, 0x1e58f400, "fcvtzs\tw0, d0, #0x3" },
    { 0x120, 0x4fa21020, "fmla\tv0.4s, v1.4s, v2.s[1]" },
    { 0x124, 0x4fa28820, "mul\tv0.4s, v1.4s, v2.s[3]" },
    { 0x128, 0x0f10a420, "sshll\tv0.4s, v1.4h, #0x0" },
    { 0x12c, 0x4e212820, "xtn2\tv0.16b, v1.8h" },
    { 0x130, 0x4e617820, "fcvtl2\tv0.2d, v1.4s" },
    { 0x134, 0x0e616820, "fcvtn\tv0.2s, v1.2d" },
    { 0x138, 0x6e303820, "uaddlv\th0, v1.16b" },
    { 0x13c, 0x4eb1b820, "addv\ts0, v1.4s" },
    { 0x140, 0x2e021820, "ext\tv0.8b, v1.8b, v2.8b, #0x3" },
    { 0x144, 0x0f000400, "movi\tv0.2s, #0x0" },
    { 0x148, 0x5f435420, "shl\td0, d1, #0x3" },
    { 0x14c, 0x7f410420, "ushr\td0, d1, #0x3f" },
    { 0x150, 0x1eee1000, "fmov\th0, #1.00000000" },
    { 0x154, 0x4e21d820, "scvtf\tv0.4s, v1.4s" },
    { 0x158, 0x4ee1b820, "fcvtzs\tv0.2d, v1.2d" },
    { 0x15c, 0x2e205820, "mvn\tv0.8b, v1.8b" },
    { 0x160, 0x1e23c020, "fcvt\th0, s1" },
    { 0x164, 0xb820003f, "stadd\tw0, [x1]" },
    { 0x168, 0xf860003f, "staddl\tx0, [x1]" },
    { 0x16c, 0xb8e00041, "ldaddal\tw0, w1, [x2]" },
    { 0x170, 0x38208041, "swpb\tw0, w1, [x2]" },
    { 0x174, 0x38bfc020, "ldaprb\tw0, [x1]" },
    { 0x178, 0xf8bfc020, "ldapr\tx0, [x1]" },
    { 0x17c, 0x48e0fc41, "casalh\tw0, w1, [x2]" },
    { 0x180, 0x48207c82, "casp\tx0, x1, x2, x3, [x4]" },
    { 0x184, 0xd9201c1f, "stg\tsp, [x0, #0x10]!" },
    { 0x188, 0xd97fe420, "stzg\tx0, [x1], #-0x20" },
    { 0x18c, 0xd96023e0, "ldg\tx0, [sp, #0x20]" },
    { 0x190, 0x9adf13e0, "irg\tx0, sp" },
    { 0x194, 0x9ac2103f, "irg\tsp, x1, x2" },
    { 0x198, 0x9ac217e0, "gmi\tx0, sp, x2" },
    { 0x19c, 0xd9200020, "stzgm\tx0, [x1]" },
    { 0x1a0, 0x382043e1, "ldsmaxb\tw0, w1, [sp]" },
    { 0x1a4, 0x2598e081, "ptrue\tp1.s, vl4" },
    { 0x1a8, 0x0462e3e0, "cnth\tx0, all, mul #0x3" },
    { 0x1ac, 0x25e20c20, "whilelo\tp0.d, w1, w2" },
    { 0x1b0, 0x05e03820, "mov\tz0.d, x1" },
    { 0x1b4, 0x05a03be0, "mov\tz0.s, wsp" },
    { 0x1b8, 0x69010440, "stgp\tx0, x1, [x2, #0x20]" },
    { 0x1bc, 0x5f9b98f8, "fmul\ts24, s7, v27.s[2]" },
    { 0x1c0, 0x5fc31841, "fmla\td1, d2, v3.d[1]" },
    { 0x1c4, 0x0fababd1, "smull\tv17.2d, v30.2s, v11.s[3]" },
    { 0x1c8, 0x6f52283a, "umlal2\tv26.4s, v1.8h, v2.h[5]" },
    { 0x1cc, 0x910043e0, "add\tx0, sp, #0x10" },
    { 0x1d0, 0x910003fd, "mov\tx29, sp" },
    { 0x1d4, 0x7140229f, "cmp\tw20, #0x8, lsl #12      // =0x8000" },
    { 0x1d8, 0xd2800002, "mov\tx2, #0x0                // =0" },
    { 0x1dc, 0x9278dc00, "and\tx0, x0, #0xffffffffffffff00" },
    { 0x1e0, 0xd374f908, "ubfx\tx8, x8, #52, #11" },
    { 0x1e4, 0x937d7c21, "sbfiz\tx1, x1, #3, #32" },
    { 0x1e8, 0x331a6601, "bfi\tw1, w16, #6, #26" },
    { 0x1ec, 0x9a9f1000, "csel\tx0, x0, xzr, ne" },
    { 0x1f0, 0x1a9f07e8, "cset\tw8, ne" },
    { 0x1f4, 0xf8627820, "ldr\tx0, [x1, x2, lsl #3]" },
    { 0x1f8, 0xa8c17bfd, "ldp\tx29, x30, [sp], #0x10" },
    { 0x1fc, 0xa9bf7bfd, "stp\tx29, x30, [sp, #-0x10]!" },
    { 0x200, 0xd53bd040, "mrs\tx0, TPIDR_EL0" },
    { 0x204, 0x37f80040, "tbnz\tw0, #0x1f, 0x20c" },
    { 0x208, 0x54ffffe1, "b.ne\t0x204" },
    { 0x20c, 0xd65f03c0, "ret" },
    { 0x210, 0xd4000001, "svc\t#0" }
};

int main(void)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t b[4] = { (uint8_t)cases[i].w, (uint8_t)(cases[i].w >> 8),
                         (uint8_t)(cases[i].w >> 16), (uint8_t)(cases[i].w >> 24) };
        char out[256];
        a64_disasm(cases[i].pc, b, 4, out, sizeof out);
        if (strcmp(out, cases[i].text)) {
            printf("%08x: want \"%s\", got \"%s\"\n", cases[i].w, cases[i].text, out);
            bad++;
        }
    }
    /* logical immediates (DecodeBitMasks) */
    uint64_t wm, tm;
    if (!a64_decode_bitmask(1, 0x3c, 0, 64, &wm, &tm) || wm != 0x1fffffffffffffffull)
        printf("bitmask N=1 imms=60: %llx\n", (unsigned long long)wm), bad++;
    if (!a64_decode_bitmask(0, 0x30, 0, 32, &wm, &tm) || wm != 0x01010101u)
        printf("bitmask 8-bit element: %llx\n", (unsigned long long)wm), bad++;
    if (a64_decode_bitmask(0, 0x3f, 0, 64, &wm, &tm))
        printf("bitmask reserved pattern accepted\n"), bad++;
    printf("%s: %zu cases, %d bad\n", __FILE__, sizeof cases / sizeof cases[0], bad);
    return bad != 0;
}
