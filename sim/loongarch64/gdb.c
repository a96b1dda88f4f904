/* gdb's view of loongarch64: the org.gnu.gdb.loongarch.base and .fpu
 * features (names, sizes and order as gdb's loongarch-tdep expects). */
#include "../gdbstub.h"

static const struct gdb_feature features[] = {
    { "org.gnu.gdb.loongarch.base", NULL },
    { "org.gnu.gdb.loongarch.fpu",
      "<union id=\"fputype\"><field name=\"f\" type=\"ieee_single\"/>"
      "<field name=\"d\" type=\"ieee_double\"/></union>\n" },
};

#define R(n, t) { "r" #n, 64, t, 0, 0, NULL, 0 }
#define F(n) { "f" #n, 64, "fputype", 1, GR_FLOATGRP, NULL, 0 }
#define C(n) { "fcc" #n, 8, "uint8", 1, GR_FLOATGRP, NULL, 0 }

static const struct gdb_reg regs[] = {
    R(0, "uint64"), R(1, "code_ptr"), R(2, "data_ptr"), R(3, "data_ptr"),
    R(4, "uint64"), R(5, "uint64"), R(6, "uint64"), R(7, "uint64"),
    R(8, "uint64"), R(9, "uint64"), R(10, "uint64"), R(11, "uint64"),
    R(12, "uint64"), R(13, "uint64"), R(14, "uint64"), R(15, "uint64"),
    R(16, "uint64"), R(17, "uint64"), R(18, "uint64"), R(19, "uint64"),
    R(20, "uint64"), R(21, "uint64"), R(22, "data_ptr"), R(23, "uint64"),
    R(24, "uint64"), R(25, "uint64"), R(26, "uint64"), R(27, "uint64"),
    R(28, "uint64"), R(29, "uint64"), R(30, "uint64"), R(31, "uint64"),
    { "orig_a0", 64, "uint64", 0, 0, NULL, 0 },
    { "pc", 64, "code_ptr", 0, GR_PC, NULL, 0 },
    { "badv", 64, "code_ptr", 0, 0, NULL, 0 },
    F(0), F(1), F(2), F(3), F(4), F(5), F(6), F(7), F(8), F(9), F(10), F(11),
    F(12), F(13), F(14), F(15), F(16), F(17), F(18), F(19), F(20), F(21), F(22),
    F(23), F(24), F(25), F(26), F(27), F(28), F(29), F(30), F(31),
    C(0), C(1), C(2), C(3), C(4), C(5), C(6), C(7),
    { "fcsr", 32, "uint32", 1, GR_FLOATGRP, NULL, 0 },
};

/* A single-precision or word result leaves the upper 32 bits of its FP
 * register undefined (LoongArch Reference Manual vol. 1, 3.1): masked by
 * difftest after such instructions (qemu 7.2's frint.s writes zeros there,
 * its fadd.s all ones). */
static const struct gdb_undef undef[] = {
    { ".s", "f*", 0xffffffff00000000ull },
    { ".w", "f*", 0xffffffff00000000ull },
    { NULL, NULL, 0 },
};

/* Instructions that read time or counters, and those that identify the
 * CPU (difftest, docs/difftest.md). */
static const char *const counters[] = { "rdtime", NULL };
static const char *const idents[] = { "cpucfg", NULL };

static const struct gdb_target target = {
    .arch = "loongarch64",
    .undef = undef,
    .counters = counters,
    .idents = idents,
    .watch_before = true,
    .xml_arch = "loongarch64",
    .features = features,
    .nfeatures = sizeof features / sizeof *features,
    .regs = regs,
    .nregs = sizeof regs / sizeof *regs,
};

__attribute__((constructor)) static void la_gdb_register(void)
{
    gdb_target_register(&target);
}
