/* Auxiliary vector types (include/uapi/linux/auxvec.h); <elf.h> has most,
 * older C libraries lack the newest. */
#ifndef TRAPEZE_AUXV_H
#define TRAPEZE_AUXV_H
#include <elf.h>
#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif
#ifndef AT_HWCAP2
#define AT_HWCAP2 26
#endif
#ifndef AT_EXECFN
#define AT_EXECFN 31
#endif
#ifndef AT_SYSINFO_EHDR
#define AT_SYSINFO_EHDR 33
#endif
#endif
