/* The vdso: a small ELF shared object the kernel maps into every process
 * (AT_SYSINFO_EHDR), holding the arch's signal-return trampoline. */
#ifndef TRAPEZE_VDSO_H
#define TRAPEZE_VDSO_H
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

/* Build the image for desc into buf (at most cap bytes); returns its size,
 * or 0 if it does not fit.  Pure: unit tests call it. */
size_t vdso_build(const struct vdso_desc *desc, uint16_t e_machine, uint8_t *buf, size_t cap);
/* Map the current arch's vdso into the guest; sets kern->vdso_base. */
int vdso_map(char *err, size_t errsz);
/* Guest address of a vdso symbol, 0 if absent. */
uint64_t vdso_symbol(const char *name);
/* The signal-return trampoline (the symbol whose name has "sigreturn"). */
uint64_t vdso_trampoline(void);

#endif
