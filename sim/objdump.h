/* trapeze --objdump: disassemble a file's executable sections with the
 * arch's disassembler, in llvm-objdump -d --no-show-raw-insn's layout, so
 * that tests can compare the two line by line. */
#ifndef TRAPEZE_OBJDUMP_H
#define TRAPEZE_OBJDUMP_H
#include <stdio.h>
int objdump_file(const char *path, FILE *out);
#endif
