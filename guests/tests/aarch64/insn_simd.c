/* A64 Advanced SIMD instructions on patterned data: for each instruction
 * an FNV-1a hash of the result registers (and FPSR for saturating and FP
 * forms), plus the first result in clear.  Compared with qemu-aarch64
 * running the same binary. */
#include "rt.h"

typedef struct { uint64_t lo, hi; } v128;

static const uint8_t pat[64] = {
    0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x40, 0x3f, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
    0xff, 0xff, 0xff, 0x7f, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
    0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0xc0, 0x7f, 0xcd, 0xcc, 0x4c, 0xbe, 0x00, 0x00, 0x80, 0xff,
    0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x7f,
};

static uint64_t h;
static void begin(const char *n) { h = RT_FNV_INIT; printf("%-10s", n); }
static void end(void) { printf(" | %016llx\n", (unsigned long long)h); }
static void rec(v128 v) { h = rt_fnv1a(h, &v, sizeof v); }

/* v0..v3 loaded from pat rotated by k bytes; the instruction writes v4 */
#define T(name, insn)                                                           \
    do {                                                                        \
        begin(name);                                                            \
        v128 first = { 0, 0 };                                                  \
        for (unsigned k = 0; k < 16; k++) {                                     \
            uint8_t buf[64];                                                    \
            for (unsigned i = 0; i < 64; i++)                                   \
                buf[i] = pat[(i + k * 5) & 63];                                 \
            v128 r;                                                             \
            uint64_t f;                                                         \
            __asm__ volatile("ld1 {v0.16b, v1.16b, v2.16b, v3.16b}, [%2]\n\t"   \
                             "movi v4.2d, #0\n\tmsr fpsr, xzr\n\t"              \
                             insn "\n\tst1 {v4.16b}, [%3]\n\tmrs %1, fpsr"      \
                             : "=m"(r), "=r"(f) : "r"(buf), "r"(&r)             \
                             : "v0", "v1", "v2", "v3", "v4", "v5", "memory");   \
            rec(r);                                                             \
            h = rt_fnv1a(h, &f, sizeof f);                                      \
            if (!k) first = r;                                                  \
        }                                                                       \
        printf(" %016llx%016llx", (unsigned long long)first.hi, (unsigned long long)first.lo); \
        end();                                                                  \
    } while (0)

int main(void)
{
    T("add.16b", "add v4.16b, v0.16b, v1.16b");
    T("sub.4s", "sub v4.4s, v0.4s, v1.4s");
    T("add.2d", "add v4.2d, v0.2d, v2.2d");
    T("mul.8h", "mul v4.8h, v0.8h, v1.8h");
    T("mla.4s", "mov v4.16b, v2.16b\n\tmla v4.4s, v0.4s, v1.4s");
    T("mul.elt", "mul v4.4s, v0.4s, v1.s[3]");
    T("and", "and v4.16b, v0.16b, v1.16b");
    T("bic.8b", "bic v4.8b, v0.8b, v1.8b");
    T("orn", "orn v4.16b, v0.16b, v1.16b");
    T("eor", "eor v4.16b, v0.16b, v1.16b");
    T("bsl", "mov v4.16b, v2.16b\n\tbsl v4.16b, v0.16b, v1.16b");
    T("bit", "mov v4.16b, v2.16b\n\tbit v4.16b, v0.16b, v1.16b");
    T("bif", "mov v4.16b, v2.16b\n\tbif v4.16b, v0.16b, v1.16b");
    T("cmeq.16b", "cmeq v4.16b, v0.16b, v1.16b");
    T("cmeq0.4s", "cmeq v4.4s, v0.4s, #0");
    T("cmhs.8h", "cmhs v4.8h, v0.8h, v1.8h");
    T("cmhi.2d", "cmhi v4.2d, v0.2d, v1.2d");
    T("cmgt.16b", "cmgt v4.16b, v0.16b, v1.16b");
    T("cmge.4s", "cmge v4.4s, v0.4s, v1.4s");
    T("cmlt0.8h", "cmlt v4.8h, v0.8h, #0");
    T("cmtst.2s", "cmtst v4.2s, v0.2s, v1.2s");
    T("umax.16b", "umax v4.16b, v0.16b, v1.16b");
    T("smin.8h", "smin v4.8h, v0.8h, v1.8h");
    T("umaxp", "umaxp v4.16b, v0.16b, v1.16b");
    T("uminp.4s", "uminp v4.4s, v0.4s, v1.4s");
    T("addp.2d", "addp v4.2d, v0.2d, v1.2d");
    T("addp.d", "addp d4, v0.2d");
    T("addv.16b", "addv b4, v0.16b");
    T("addv.4s", "addv s4, v0.4s");
    T("umaxv.8h", "umaxv h4, v0.8h");
    T("uminv.16b", "uminv b4, v0.16b");
    T("uaddlv", "uaddlv h4, v0.16b");
    T("uqadd", "uqadd v4.16b, v0.16b, v1.16b");
    T("sqsub.8h", "sqsub v4.8h, v0.8h, v1.8h");
    T("uqsub.4s", "uqsub v4.4s, v0.4s, v1.4s");
    T("uabd", "uabd v4.16b, v0.16b, v1.16b");
    T("ushl.4s", "ushl v4.4s, v0.4s, v1.4s");
    T("sshl.16b", "sshl v4.16b, v0.16b, v1.16b");
    T("ext", "ext v4.16b, v0.16b, v1.16b, #5");
    T("ext.8b", "ext v4.8b, v0.8b, v1.8b, #3");
    T("tbl1", "tbl v4.16b, {v0.16b}, v1.16b");
    T("tbl2", "tbl v4.16b, {v0.16b, v1.16b}, v2.16b");
    T("tbx", "mov v4.16b, v3.16b\n\ttbx v4.16b, {v0.16b}, v2.16b");
    T("zip1", "zip1 v4.8h, v0.8h, v1.8h");
    T("zip2", "zip2 v4.16b, v0.16b, v1.16b");
    T("uzp1", "uzp1 v4.4s, v0.4s, v1.4s");
    T("uzp2", "uzp2 v4.16b, v0.16b, v1.16b");
    T("trn1", "trn1 v4.8h, v0.8h, v1.8h");
    T("trn2", "trn2 v4.2d, v0.2d, v1.2d");
    T("rev64", "rev64 v4.16b, v0.16b");
    T("rev32", "rev32 v4.8h, v0.8h");
    T("rev16", "rev16 v4.16b, v0.16b");
    T("cnt", "cnt v4.16b, v0.16b");
    T("mvn", "mvn v4.16b, v0.16b");
    T("rbit", "rbit v4.8b, v0.8b");
    T("abs.4s", "abs v4.4s, v0.4s");
    T("neg.2d", "neg v4.2d, v0.2d");
    T("clz.8h", "clz v4.8h, v0.8h");
    T("xtn", "xtn v4.8b, v0.8h");
    T("xtn2", "mov v4.16b, v1.16b\n\txtn2 v4.4s, v0.2d");
    T("sqxtn", "sqxtn v4.4h, v0.4s");
    T("uqxtn2", "uqxtn2 v4.16b, v0.8h");
    T("sqxtun", "sqxtun v4.8b, v0.8h");
    T("shrn", "shrn v4.8b, v0.8h, #4");
    T("rshrn2", "rshrn2 v4.8h, v0.4s, #7");
    T("addhn", "addhn v4.8b, v0.8h, v1.8h");
    T("ushll", "ushll v4.8h, v0.8b, #3");
    T("sshll2", "sshll2 v4.4s, v0.8h, #0");
    T("shl", "shl v4.4s, v0.4s, #13");
    T("ushr", "ushr v4.2d, v0.2d, #17");
    T("sshr", "sshr v4.16b, v0.16b, #3");
    T("usra", "mov v4.16b, v1.16b\n\tusra v4.8h, v0.8h, #5");
    T("sli", "mov v4.16b, v1.16b\n\tsli v4.4s, v0.4s, #9");
    T("sri", "mov v4.16b, v1.16b\n\tsri v4.2d, v0.2d, #40");
    T("urshr", "urshr v4.16b, v0.16b, #2");
    T("shl.d", "shl d4, d0, #7");
    T("ushr.d", "ushr d4, d0, #63");
    T("uaddl", "uaddl v4.8h, v0.8b, v1.8b");
    T("uaddw2", "uaddw2 v4.4s, v0.4s, v1.8h");
    T("ssubl", "ssubl v4.2d, v0.2s, v1.2s");
    T("umull", "umull v4.8h, v0.8b, v1.8b");
    T("smull2", "smull2 v4.4s, v0.8h, v1.8h");
    T("umlal", "mov v4.16b, v2.16b\n\tumlal v4.2d, v0.2s, v1.2s");
    T("movi.16b", "movi v4.16b, #0xa5");
    T("movi.4s", "movi v4.4s, #0x12, lsl #16");
    T("mvni.8h", "mvni v4.8h, #0x34, lsl #8");
    T("movi.msl", "movi v4.2s, #0x56, msl #16");
    T("movi.2d", "movi v4.2d, #0xff00ff0000ffff00");
    T("orr.imm", "mov v4.16b, v0.16b\n\torr v4.4s, #0x80, lsl #24");
    T("bic.imm", "mov v4.16b, v0.16b\n\tbic v4.8h, #0xff");
    T("fmov.v", "fmov v4.4s, #-0.5");
    T("dup.w", "fmov x9, d0\n\tdup v4.8h, w9");
    T("dup.x", "fmov x9, d1\n\tdup v4.2d, x9");
    T("dup.elt", "dup v4.4s, v0.s[2]");
    T("ins.gen", "mov v4.16b, v1.16b\n\tfmov x9, d0\n\tmov v4.h[5], w9");
    T("ins.elt", "mov v4.16b, v1.16b\n\tmov v4.s[3], v0.s[1]");
    T("umov", "umov w9, v0.b[13]\n\tmov x10, v0.d[1]\n\tadd x9, x9, x10\n\tfmov d4, x9");
    T("smov", "smov x9, v0.h[6]\n\tsmov w10, v0.b[3]\n\tadd x9, x9, x10\n\tfmov d4, x9");
    T("mov.s", "mov s4, v0.s[3]");
    T("fadd.4s", "fadd v4.4s, v0.4s, v1.4s");
    T("fmul.2d", "fmul v4.2d, v2.2d, v3.2d");
    T("fdiv.4s", "fdiv v4.4s, v2.4s, v1.4s");
    T("fmla.2d", "mov v4.16b, v0.16b\n\tfmla v4.2d, v2.2d, v3.2d");
    T("fmla.elt", "mov v4.16b, v0.16b\n\tfmla v4.4s, v2.4s, v3.s[1]");
    T("fmax.4s", "fmax v4.4s, v2.4s, v3.4s");
    T("fminnm", "fminnm v4.4s, v2.4s, v3.4s");
    T("faddp", "faddp v4.4s, v2.4s, v3.4s");
    T("faddp.s", "faddp s4, v2.2s");
    T("fcmeq", "fcmeq v4.4s, v2.4s, v3.4s");
    T("fcmgt0", "fcmgt v4.2d, v3.2d, #0.0");
    T("fabs.4s", "fabs v4.4s, v2.4s");
    T("fneg.2d", "fneg v4.2d, v3.2d");
    T("fsqrt", "fsqrt v4.4s, v2.4s");
    T("fcvtzs.4s", "fcvtzs v4.4s, v2.4s");
    T("scvtf.2d", "scvtf v4.2d, v0.2d");
    T("ucvtf.4s", "ucvtf v4.4s, v0.4s");
    T("frintm", "frintm v4.4s, v2.4s");
    T("fcvtl", "fcvtl v4.2d, v2.2s");
    T("fcvtn2", "mov v4.16b, v1.16b\n\tfcvtn2 v4.4s, v3.2d");
    T("fcvtl.h", "fcvtl v4.4s, v0.4h");
    T("fcvtn.h", "fcvtn v4.4h, v2.4s");
    T("fcvtn2.h", "mov v4.16b, v1.16b\n\tfcvtn2 v4.8h, v3.4s");
    T("fcvt.hd", "fcvt h4, d3\n\tfcvt s5, h4\n\tfcvt d6, h4\n\tmov v4.s[1], v5.s[0]\n\tmov v4.d[1], v6.d[0]");
    T("fcmge.d", "fcmge d4, d3, d2");
    T("cmeq.d", "cmeq d4, d0, #0");
    T("add.d", "add d4, d0, d1");
    T("fmul.se", "fmul s4, s2, v3.s[2]");
    T("fmla.de", "mov v4.16b, v3.16b\n\tfmla d4, d2, v3.d[1]");
    T("smull.e", "smull v4.2d, v0.2s, v1.s[3]");
    T("umlal2.e", "mov v4.16b, v2.16b\n\tumlal2 v4.4s, v0.8h, v1.h[5]");
    T("fmaxnmv", "fmaxnmv s4, v2.4s");
    T("fminv", "fminv s4, v3.4s");
    T("ld1.lane", "ld1 {v4.s}[2], [%2]");
    T("ld1r", "ld1r {v4.8h}, [%2]");
    T("ld2", "ld2 {v4.8h, v5.8h}, [%2]\n\teor v4.16b, v4.16b, v5.16b");
    T("ld3", "ld3 {v4.4s, v5.4s, v6.4s}, [%2]\n\teor v4.16b, v4.16b, v6.16b");
    T("ld4", "ld4 {v4.16b, v5.16b, v6.16b, v7.16b}, [%2]\n\tadd v4.16b, v4.16b, v7.16b");
    T("st2", "st2 {v0.4s, v1.4s}, [%3]\n\tld1 {v4.16b}, [%3]");
    T("st1.lane", "mov v4.16b, v1.16b\n\tst1 {v0.h}[5], [%3]\n\tld1 {v4.16b}, [%3]");
    return 0;
}
