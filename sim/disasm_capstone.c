/* The glue to Capstone (see disasm_capstone.h).  Capstone 4 has x86 and
 * AArch64; RISC-V came with Capstone 5, LoongArch with 6, so those are
 * taken only when the installed headers have them. */
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>

#include "../config.h"
#include "disasm_capstone.h"

#if HAVE_CAPSTONE && !defined(TRAPEZE_NO_TRACE)
#include <capstone/capstone.h>

static csh handle;
static bool opened;

static const struct {
    uint16_t em;
    cs_arch arch;
    cs_mode mode;
} machines[] = {
    { EM_X86_64, CS_ARCH_X86, CS_MODE_64 },
    { EM_AARCH64, CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN },
#if CS_API_MAJOR >= 5
    { EM_RISCV, CS_ARCH_RISCV, CS_MODE_RISCV64 | CS_MODE_RISCVC },
#endif
};

int capstone_open(uint16_t e_machine, const char *arch_name)
{
    for (size_t i = 0; i < sizeof machines / sizeof machines[0]; i++) {
        if (machines[i].em != e_machine)
            continue;
        if (!cs_support(machines[i].arch))
            break;
        if (cs_open(machines[i].arch, machines[i].mode, &handle) != CS_ERR_OK) {
            fprintf(stderr, "trapeze: --disasm capstone: Capstone failed to open for %s\n", arch_name);
            return -1;
        }
        opened = true;
        return 0;
    }
    fprintf(stderr, "trapeze: --disasm capstone: Capstone %d.%d has no %s disassembler "
                    "(use --disasm trapeze)\n", CS_API_MAJOR, CS_API_MINOR, arch_name);
    return -1;
}

unsigned capstone_disasm(uint64_t pc, const uint8_t *bytes, unsigned n, char *out, size_t outsz)
{
    cs_insn *insn;
    out[0] = 0;
    if (!opened || cs_disasm(handle, bytes, n, pc, 1, &insn) != 1)
        return 0;
    snprintf(out, outsz, "%s%s%s", insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
    unsigned len = insn->size;
    cs_free(insn, 1);
    return len;
}

#elif !defined(TRAPEZE_NO_TRACE)

int capstone_open(uint16_t e_machine, const char *arch_name)
{
    fprintf(stderr, "trapeze: --disasm capstone: this trapeze was built without Capstone "
                    "(install libcapstone-dev and run ./configure again)\n");
    return -1;
}

unsigned capstone_disasm(uint64_t pc, const uint8_t *bytes, unsigned n, char *out, size_t outsz)
{
    return 0;
}
#endif
