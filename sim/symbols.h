/* Guest symbols for traces and messages: the program's, the
 * interpreter's and the vdso's, at their load addresses. */
#ifndef TRAPEZE_SYMBOLS_H
#define TRAPEZE_SYMBOLS_H
#include <stddef.h>
#include <stdint.h>

/* Add the function and object symbols of an ELF file loaded at bias. */
void symbols_add_elf(const char *path, uint64_t bias);
/* Add one symbol. */
void symbols_add(const char *name, uint64_t addr, uint64_t size);
/* "name+0x12" for addr, or "" if no symbol covers it; returns out. */
const char *symbols_format(uint64_t addr, char *out, size_t outsz);
/* The address of a symbol by name, 0 if unknown. */
uint64_t symbols_lookup(const char *name);
uint64_t symbols_size(const char *name);
#endif
