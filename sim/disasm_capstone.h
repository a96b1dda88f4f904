/* Capstone's disassembly in trace events (--disasm capstone). */
#ifndef TRAPEZE_DISASM_CAPSTONE_H
#define TRAPEZE_DISASM_CAPSTONE_H
#include <stddef.h>
#include <stdint.h>

/* Open Capstone for the CPU of ELF machine e_machine (arch_name for the
 * message); 0, or -1 with a message on stderr when this build has no
 * Capstone or Capstone has no disassembler for that CPU. */
int capstone_open(uint16_t e_machine, const char *arch_name);
/* Like struct arch's disasm: "mnemonic operands" into out; the length
 * consumed, 0 when Capstone does not know the bytes. */
unsigned capstone_disasm(uint64_t pc, const uint8_t *bytes, unsigned n, char *out, size_t outsz);
#endif
