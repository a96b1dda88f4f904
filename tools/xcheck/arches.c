/* How to ask the references about each arch, and its random encoding
 * spaces.  The spaces are the whole encoding space of the fixed-width
 * arches, except riscv64's encodings of 48 bits and more (neither trapeze
 * nor LLVM knows any) and riscv64's 16-bit space, which is small enough to
 * enumerate. */
#include <string.h>

#include "config.h"
#include "xcheck.h"

#if HAVE_CAPSTONE
#include <capstone/capstone.h>
#define CS(a, m) a, m
#else
#define CS(a, m) -1, 0
#endif

static const struct xarch xarches[] = {
    { "x86_64", "x86_64-linux-gnu", NULL, 0, CS(CS_ARCH_X86, CS_MODE_64),
      { { "bytes", 16, 0, 0, 0, 1 } } },   /* 16 random bytes, first instruction */
    /* llvm-objdump-19 enables every AArch64 extension by default */
    { "aarch64", "aarch64-linux-gnu", NULL, 0, CS(CS_ARCH_ARM64, CS_MODE_ARM),
      { { "a64", 4, 0, 0, 0, 1 } } },
    /* what trapeze implements (docs/riscv64.md); RVC and the double-float
     * ABI in e_flags, as gcc's objects have */
    { "riscv64", "riscv64-linux-gnu",
      "+m,+a,+f,+d,+c,+zicsr,+zifencei,+zba,+zbb,+zbc,+zbs", 0x5, CS(-1, 0),
      { { "rv32", 4, 0x3, 0x3, 0x1f, 0x1f },
        { "rvc", 2, 0, 0, 0x3, 0x3 } } },
    /* LP64D, object ABI v1 */
    { "loongarch64", "loongarch64-linux-gnu", NULL, 0x43, CS(-1, 0),
      { { "la", 4, 0, 0, 0, 1 } } },
};

const struct xarch *xarch_find(const char *name)
{
    for (size_t i = 0; i < sizeof xarches / sizeof xarches[0]; i++)
        if (!strcmp(xarches[i].name, name))
            return &xarches[i];
    return NULL;
}
