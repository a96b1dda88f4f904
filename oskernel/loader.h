/* Loading an ELF program into a fresh address space, as execve does. */
#ifndef TRAPEZE_LOADER_H
#define TRAPEZE_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "../sim/cpu.h"

/* Check that path is an ELF program trapeze could run and say for which
 * machine; 0, or -1 with a one-line reason in err. */
int loader_probe(const char *path, uint16_t *e_machine, char *err, size_t errsz);

/* Map the program (and its interpreter), build the initial stack and
 * leave the CPU ready to enter user mode at the entry point. */
int loader_exec(struct cpu *c, const char *path, char *const argv[],
                char *const envp[], char *err, size_t errsz);

/* Feed the symbols of everything loaded (program, interpreter, vdso) to
 * sim/symbols.c, for traces. */
void loader_load_symbols(void);

#endif
