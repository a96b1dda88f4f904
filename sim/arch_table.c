/* The CPUs trapeze knows: one line each.  A CPU whose objects are not
 * linked in (weak reference left NULL) is simply absent. */
#include <stddef.h>

#include "machine.h"

#define ARCH(n)                                                       \
    extern const struct arch arch_##n __attribute__((weak));          \
    extern const struct kabi kabi_##n __attribute__((weak));
ARCH(x86_64)
ARCH(aarch64)
ARCH(riscv64)
ARCH(loongarch64)
#undef ARCH

const struct arch_entry arch_table[] = {
    {&arch_x86_64, &kabi_x86_64},
    {&arch_aarch64, &kabi_aarch64},
    {&arch_riscv64, &kabi_riscv64},
    {&arch_loongarch64, &kabi_loongarch64},
};
const unsigned narch_table = sizeof arch_table / sizeof arch_table[0];

bool arch_present(const struct arch_entry *e)
{
    /* Both halves must be linked in for the CPU to run programs. */
    return e->cpu && e->kabi;
}

const struct arch_entry *arch_by_elf(uint16_t e_machine)
{
    for (const struct arch_entry *e = arch_table; e < arch_table + narch_table; e++)
        if (arch_present(e) && e->cpu->e_machine == e_machine)
            return e;
    return NULL;
}

const struct arch_entry *arch_by_name(const char *name)
{
    for (const struct arch_entry *e = arch_table; e < arch_table + narch_table; e++)
        if (arch_present(e) && !__builtin_strcmp(e->cpu->name, name))
            return e;
    return NULL;
}
