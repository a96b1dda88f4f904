/* gdb's view of aarch64: org.gnu.gdb.aarch64.core (x0..x30, sp, pc, cpsr)
 * and org.gnu.gdb.aarch64.fpu (v0..v31, fpsr, fpcr), as aarch64-tdep
 * expects them. */
#include "../gdbstub.h"

static const struct gdb_feature features[] = {
    { "org.gnu.gdb.aarch64.core", NULL },
    { "org.gnu.gdb.aarch64.fpu",
      "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
      "<vector id=\"v2u\" type=\"uint64\" count=\"2\"/>\n"
      "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
      "<vector id=\"v4u\" type=\"uint32\" count=\"4\"/>\n"
      "<vector id=\"v8u\" type=\"uint16\" count=\"8\"/>\n"
      "<vector id=\"v16u\" type=\"uint8\" count=\"16\"/>\n"
      "<union id=\"aarch64v\"><field name=\"d\" type=\"v2d\"/><field name=\"ud\" type=\"v2u\"/>"
      "<field name=\"s\" type=\"v4f\"/><field name=\"us\" type=\"v4u\"/>"
      "<field name=\"h\" type=\"v8u\"/><field name=\"b\" type=\"v16u\"/>"
      "<field name=\"q\" type=\"uint128\"/></union>\n" },
};

#define X(n) { "x" #n, 64, "int", 0, 0, NULL, 0 }
#define V(n) { "v" #n, 128, "aarch64v", 1, GR_VECGRP, NULL, 0 }

static const struct gdb_reg regs[] = {
    X(0), X(1), X(2), X(3), X(4), X(5), X(6), X(7), X(8), X(9), X(10),
    X(11), X(12), X(13), X(14), X(15), X(16), X(17), X(18), X(19), X(20),
    X(21), X(22), X(23), X(24), X(25), X(26), X(27), X(28), X(29), X(30),
    { "sp", 64, "data_ptr", 0, 0, NULL, 0 },
    { "pc", 64, "code_ptr", 0, GR_PC, NULL, 0 },
    { "cpsr", 32, "int", 0, 0, NULL, 0 },
    V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10),
    V(11), V(12), V(13), V(14), V(15), V(16), V(17), V(18), V(19), V(20),
    V(21), V(22), V(23), V(24), V(25), V(26), V(27), V(28), V(29), V(30), V(31),
    { "fpsr", 32, "int", 1, GR_FLOATGRP, NULL, 0 },
    { "fpcr", 32, "int", 1, GR_FLOATGRP, NULL, 0 },
};

/* Instructions that read time or counters, and those that identify the
 * CPU (difftest, docs/difftest.md). */
static const char *const counters[] = { "CNTVCT_EL0", "CNTPCT_EL0", NULL };
static const char *const idents[] = { "MIDR_EL1", "MPIDR_EL1", "REVIDR_EL1", "ID_AA64", NULL };

static const struct gdb_target target = {
    .arch = "aarch64",
    .counters = counters,
    .idents = idents,
    .watch_before = true,
    .xml_arch = "aarch64",
    .features = features,
    .nfeatures = sizeof features / sizeof *features,
    .regs = regs,
    .nregs = sizeof regs / sizeof *regs,
};

__attribute__((constructor)) static void a64_gdb_register(void)
{
    gdb_target_register(&target);
}
