/* Linux errno values.  trapeze runs on a Linux host and every guest arch it
 * models uses the asm-generic errno numbers, which are the host's: the host
 * <errno.h> constants are the guest's.  The asserts keep that honest. */
#ifndef TRAPEZE_ERRNO_LINUX_H
#define TRAPEZE_ERRNO_LINUX_H
#include <errno.h>
_Static_assert(EPERM == 1 && ENOENT == 2 && EINTR == 4 && EAGAIN == 11, "errno");
_Static_assert(EFAULT == 14 && EINVAL == 22 && ENOSYS == 38, "errno");
_Static_assert(ENAMETOOLONG == 36 && ELOOP == 40 && ETIMEDOUT == 110, "errno");
/* Kernel-internal restart codes; the guest never sees them. */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516
/* The syscall has set every user register itself (rt_sigreturn, execve):
 * the kernel writes no return value and leaves the pc alone. */
#define EJUSTRETURN 518
#endif
