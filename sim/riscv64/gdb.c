/* gdb's view of riscv64: org.gnu.gdb.riscv.cpu and .fpu (gdb's
 * riscv-tdep numbering: x0..x31, pc = 32, f0..f31 = 33..64, and the FP
 * CSRs at 65 + their CSR number). */
#include "../gdbstub.h"

static const struct gdb_feature features[] = {
    { "org.gnu.gdb.riscv.cpu", NULL },
    { "org.gnu.gdb.riscv.fpu",
      "<union id=\"riscv_double\"><field name=\"float\" type=\"ieee_single\"/>"
      "<field name=\"double\" type=\"ieee_double\"/></union>\n" },
};

#define X(n, t) { #n, 64, t, 0, 0, NULL, 0 }
#define F(n) { #n, 64, "riscv_double", 1, GR_FLOATGRP, NULL, 0 }

static const struct gdb_reg regs[] = {
    X(zero, "int"), X(ra, "code_ptr"), X(sp, "data_ptr"), X(gp, "data_ptr"),
    X(tp, "data_ptr"), X(t0, "int"), X(t1, "int"), X(t2, "int"),
    { "fp", 64, "data_ptr", 0, 0, "s0", 0 }, X(s1, "int"), X(a0, "int"), X(a1, "int"),
    X(a2, "int"), X(a3, "int"), X(a4, "int"), X(a5, "int"),
    X(a6, "int"), X(a7, "int"), X(s2, "int"), X(s3, "int"),
    X(s4, "int"), X(s5, "int"), X(s6, "int"), X(s7, "int"),
    X(s8, "int"), X(s9, "int"), X(s10, "int"), X(s11, "int"),
    X(t3, "int"), X(t4, "int"), X(t5, "int"), X(t6, "int"),
    { "pc", 64, "code_ptr", 0, GR_PC, NULL, 0 },
    F(ft0), F(ft1), F(ft2), F(ft3), F(ft4), F(ft5), F(ft6), F(ft7),
    F(fs0), F(fs1), F(fa0), F(fa1), F(fa2), F(fa3), F(fa4), F(fa5),
    F(fa6), F(fa7), F(fs2), F(fs3), F(fs4), F(fs5), F(fs6), F(fs7),
    F(fs8), F(fs9), F(fs10), F(fs11), F(ft8), F(ft9), F(ft10), F(ft11),
    { "fflags", 32, "int", 1, GR_FLOATGRP, NULL, 66 },
    { "frm", 32, "int", 1, GR_FLOATGRP, NULL, 67 },
    { "fcsr", 32, "int", 1, GR_FLOATGRP, NULL, 68 },
};

/* Instructions that read time or counters, and those that identify the
 * CPU (difftest, docs/difftest.md). */
static const char *const counters[] = { "rdtime", "rdcycle", "rdinstret", NULL };

static const struct gdb_target target = {
    .arch = "riscv64",
    .counters = counters,
    .watch_before = true,
    .xml_arch = "riscv:rv64",
    .features = features,
    .nfeatures = sizeof features / sizeof *features,
    .regs = regs,
    .nregs = sizeof regs / sizeof *regs,
};

__attribute__((constructor)) static void rv_gdb_register(void)
{
    gdb_target_register(&target);
}
