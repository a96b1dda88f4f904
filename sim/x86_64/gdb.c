/* gdb's view of x86_64: the i386 core, sse, linux (orig_rax) and segments
 * features that amd64-linux-tdep expects, in gdbserver's order. */
#include "../gdbstub.h"

static const struct gdb_feature features[] = {
    { "org.gnu.gdb.i386.core", NULL },
    { "org.gnu.gdb.i386.sse",
      "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
      "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
      "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>\n"
      "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>\n"
      "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>\n"
      "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>\n"
      "<union id=\"vec128\"><field name=\"v4_float\" type=\"v4f\"/>"
      "<field name=\"v2_double\" type=\"v2d\"/><field name=\"v16_int8\" type=\"v16i8\"/>"
      "<field name=\"v8_int16\" type=\"v8i16\"/><field name=\"v4_int32\" type=\"v4i32\"/>"
      "<field name=\"v2_int64\" type=\"v2i64\"/><field name=\"uint128\" type=\"uint128\"/></union>\n" },
    { "org.gnu.gdb.i386.linux", NULL },
    { "org.gnu.gdb.i386.segments", NULL },
};

#define G(n, t) { #n, 64, t, 0, 0, NULL, 0 }
#define S(n) { #n, 32, "int32", 0, 0, NULL, 0 }
#define ST(n) { "st" #n, 80, "i387_ext", 0, 0, NULL, 0 }
#define FC(n) { #n, 32, "int", 0, GR_FLOATGRP, NULL, 0 }
#define XMM(n) { "xmm" #n, 128, "vec128", 1, 0, NULL, 0 }

static const struct gdb_reg regs[] = {
    G(rax, "int64"), G(rbx, "int64"), G(rcx, "int64"), G(rdx, "int64"),
    G(rsi, "int64"), G(rdi, "int64"), G(rbp, "data_ptr"), G(rsp, "data_ptr"),
    G(r8, "int64"), G(r9, "int64"), G(r10, "int64"), G(r11, "int64"),
    G(r12, "int64"), G(r13, "int64"), G(r14, "int64"), G(r15, "int64"),
    { "rip", 64, "code_ptr", 0, GR_PC, NULL, 0 },
    { "eflags", 32, "int32", 0, 0, NULL, 0 },
    S(cs), S(ss), S(ds), S(es), S(fs), S(gs),
    ST(0), ST(1), ST(2), ST(3), ST(4), ST(5), ST(6), ST(7),
    FC(fctrl), FC(fstat), FC(ftag), FC(fiseg), FC(fioff), FC(foseg), FC(fooff), FC(fop),
    XMM(0), XMM(1), XMM(2), XMM(3), XMM(4), XMM(5), XMM(6), XMM(7),
    XMM(8), XMM(9), XMM(10), XMM(11), XMM(12), XMM(13), XMM(14), XMM(15),
    { "mxcsr", 32, "int", 1, GR_VECGRP, NULL, 0 },
    { "orig_rax", 64, "int", 2, 0, NULL, 0 },
    { "fs_base", 64, "int", 3, 0, NULL, 0 },
    { "gs_base", 64, "int", 3, 0, NULL, 0 },
};

/* EFLAGS bits the SDM calls undefined after these instructions
 * (CF 0x1, PF 0x4, AF 0x10, ZF 0x40, SF 0x80, OF 0x800); OF after
 * shifts and rotates is defined only for a count of 1, masked always. */
static const struct gdb_undef undef[] = {
    { "mul", "eflags", 0xd4 }, { "imul", "eflags", 0xd4 },
    { "div", "eflags", 0x8d5 }, { "idiv", "eflags", 0x8d5 },
    { "shl", "eflags", 0x810 }, { "shr", "eflags", 0x810 }, { "sal", "eflags", 0x810 },
    { "sar", "eflags", 0x810 }, { "rol", "eflags", 0x800 }, { "ror", "eflags", 0x800 },
    { "rcl", "eflags", 0x800 }, { "rcr", "eflags", 0x800 },
    { "bsf", "eflags", 0x895 }, { "bsr", "eflags", 0x895 }, { "bt", "eflags", 0x894 },
    { "lzcnt", "eflags", 0x894 }, { "tzcnt", "eflags", 0x894 },
    { "and", "eflags", 0x10 }, { "or", "eflags", 0x10 }, { "xor", "eflags", 0x10 },
    { "test", "eflags", 0x10 },
    { NULL, NULL, 0 },
};

/* Instructions that read time or counters, and those that identify the
 * CPU (difftest, docs/difftest.md). */
static const char *const counters[] = { "rdtsc", NULL };
static const char *const idents[] = { "cpuid", NULL };
static const char *const prefixes[] = { "lock", "rep", NULL };

static const struct gdb_target target = {
    .arch = "x86_64",
    .counters = counters,
    .idents = idents,
    .prefixes = prefixes,
    .undef = undef,
    .xml_arch = "i386:x86-64",
    .features = features,
    .nfeatures = sizeof features / sizeof *features,
    .regs = regs,
    .nregs = sizeof regs / sizeof *regs,
};

__attribute__((constructor)) static void x86_gdb_register(void)
{
    gdb_target_register(&target);
}
