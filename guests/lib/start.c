/* Process start: read the initial stack the kernel built, call main. */
#include "rt.h"

char **environ;
int errno;
static const uint64_t *auxv;

int main(int argc, char **argv, char **envp);
/* thread.c; weak so that a program linked without it still starts */
void __rt_tls_init(void) __attribute__((weak));

#ifdef RT_PIE
/* Static PIE: nothing has relocated us, so apply our own R_*_RELATIVE
 * relocations before anything reads a stored pointer.  Both symbols are
 * hidden, so they are reached PC-relatively, without the GOT. */
extern const char __ehdr_start[] __attribute__((visibility("hidden")));
extern const uint64_t _DYNAMIC[] __attribute__((visibility("hidden")));

#if defined(__x86_64__)
#define R_RELATIVE 8
#elif defined(__aarch64__)
#define R_RELATIVE 1027
#else
#define R_RELATIVE 3      /* riscv64 and loongarch64 */
#endif

static void self_relocate(void)
{
    uint64_t base = (uint64_t)__ehdr_start;   /* linked at 0 */
    uint64_t rela = 0, relasz = 0;
    for (const uint64_t *d = _DYNAMIC; d[0] != 0; d += 2) {
        if (d[0] == 7)
            rela = d[1];
        else if (d[0] == 8)
            relasz = d[1];
    }
    for (uint64_t off = 0; off < relasz; off += 24) {
        const uint64_t *r = (const uint64_t *)(base + rela + off);
        if ((r[1] & 0xffffffff) == R_RELATIVE)
            *(volatile uint64_t *)(base + r[0]) = base + r[2];
    }
}
#endif

__attribute__((visibility("hidden"), noreturn, used))
void __rt_start_c(uint64_t *sp)
{
#ifdef RT_PIE
    self_relocate();
#endif
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    char **e = envp;
    while (*e)
        e++;
    auxv = (const uint64_t *)(e + 1);
    environ = envp;
    if (__rt_tls_init)
        __rt_tls_init();
    exit(main(argc, argv, envp));
}

const uint64_t *rt_auxv(void) { return auxv; }

unsigned long getauxval(unsigned long type)
{
    for (const uint64_t *a = auxv; a[0] != AT_NULL; a += 2)
        if (a[0] == type)
            return a[1];
    errno = ENOENT;
    return 0;
}

char *getenv(const char *name)
{
    size_t n = strlen(name);
    for (char **e = environ; *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=')
            return *e + n + 1;
    return 0;
}

void exit(int status)
{
    for (;;)
        syscall1(SYS_exit_group, status);
}

void _exit(int status)
{
    for (;;)
        syscall1(SYS_exit_group, status);
}

void abort(void)
{
    sigset_t s = (sigset_t)1 << (SIGABRT - 1);
    syscall4(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&s, 0, 8);
    raise(SIGABRT);
    signal(SIGABRT, SIG_DFL);
    raise(SIGABRT);
    for (;;)
        syscall1(SYS_exit_group, 127);
}
