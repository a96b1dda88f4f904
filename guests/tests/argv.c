/* argc/argv/envp/auxv as the kernel lays them out on the initial stack.
 * Prints only what is deterministic: no addresses, only relations. */
#include "rt.h"

extern const char __ehdr_start[] __attribute__((visibility("hidden")));

static const char *yes(int c) { return c ? "yes" : "no"; }

static int cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv, char **envp)
{
    printf("argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] \"%s\"\n", i,
               i == 0 ? (strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0])
                      : argv[i]);
    printf("argv[argc] is NULL: %s\n", yes(argv[argc] == 0));
    int ne = 0;
    while (envp[ne])
        ne++;
    printf("envc %d\n", ne);
    /* Sorted: qemu-user hands the guest its environment reversed. */
    char *sorted[64];
    int ns = ne < 64 ? ne : 64;
    memcpy(sorted, envp, ns * sizeof *sorted);
    qsort(sorted, (size_t)ns, sizeof *sorted, cmpstr);
    for (int i = 0; i < ns; i++)
        printf("env \"%s\"\n", sorted[i]);
    printf("envp follows argv: %s\n", yes(envp == argv + argc + 1));
    printf("environ == envp: %s\n", yes(environ == envp));
    /* Linux copies the strings contiguously: argv strings, then env. */
    int contig = 1;
    for (int i = 0; i + 1 < argc; i++)
        contig &= argv[i + 1] == argv[i] + strlen(argv[i]) + 1;
    for (int i = 0; i + 1 < ne; i++)
        contig &= envp[i + 1] == envp[i] + strlen(envp[i]) + 1;
    if (argc && ne)
        contig &= envp[0] == argv[argc - 1] + strlen(argv[argc - 1]) + 1;
    printf("strings contiguous: %s\n", yes(contig));
    printf("getenv(HOME) \"%s\"\n", getenv("HOME") ? getenv("HOME") : "(none)");
    printf("getenv(NOPE) %s\n", getenv("NOPE") ? "set" : "(none)");
    /* Stack grows down from above the strings; argv lives on the stack. */
    int local;
    printf("argv above locals: %s\n", yes((char *)argv > (char *)&local));

    const uint64_t *a = rt_auxv();
    printf("auxv follows envp: %s\n", yes(a == (const uint64_t *)(envp + ne + 1)));
    unsigned long ps = getauxval(AT_PAGESZ);
    printf("AT_PAGESZ %lu\n", ps);
    const unsigned char *eh = (const unsigned char *)__ehdr_start;
    uint64_t phoff = *(const uint64_t *)(eh + 32);
    uint16_t phentsize = *(const uint16_t *)(eh + 54);
    uint16_t phnum = *(const uint16_t *)(eh + 56);
    uint64_t entry = *(const uint64_t *)(eh + 24);
    uint16_t etype = *(const uint16_t *)(eh + 16);
    printf("e_type %u\n", etype);
    printf("AT_PHENT %lu (e_phentsize %u)\n", getauxval(AT_PHENT), phentsize);
    printf("AT_PHNUM %lu (e_phnum %u)\n", getauxval(AT_PHNUM), phnum);
    printf("AT_PHDR == load base + e_phoff: %s\n",
           yes(getauxval(AT_PHDR) == (uint64_t)eh + phoff));
    uint64_t bias = etype == 3 ? (uint64_t)eh : 0;
    printf("AT_ENTRY == bias + e_entry: %s\n", yes(getauxval(AT_ENTRY) == bias + entry));
    printf("AT_BASE %lu\n", getauxval(AT_BASE));
    printf("AT_FLAGS %lu\n", getauxval(AT_FLAGS));
    printf("AT_UID == getuid: %s\n", yes(getauxval(AT_UID) == getuid()));
    printf("AT_EUID == AT_UID: %s\n", yes(getauxval(AT_EUID) == getauxval(AT_UID)));
    printf("AT_GID == AT_EGID: %s\n", yes(getauxval(AT_GID) == getauxval(AT_EGID)));
    printf("AT_SECURE %lu\n", getauxval(AT_SECURE));
    printf("AT_CLKTCK %lu\n", getauxval(AT_CLKTCK));
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    unsigned x = 0;
    if (rnd)
        for (int i = 0; i < 16; i++)
            x |= rnd[i];
    printf("AT_RANDOM present: %s, nonzero: %s\n", yes(rnd != 0), yes(x != 0));
    const char *fn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN present: %s\n", yes(fn != 0));
    if (fn)
        printf("AT_EXECFN == argv[0]: %s\n", yes(!strcmp(fn, argv[0])));
    /* Keys must not repeat, and AT_NULL ends the vector. */
    int n = 0, dup = 0;
    for (const uint64_t *p = a; p[0] != AT_NULL; p += 2, n++)
        for (const uint64_t *q = a; q < p; q += 2)
            dup |= q[0] == p[0];
    printf("auxv entries unique: %s\n", yes(!dup));
    errno = 0;
    printf("getauxval(unknown) %lu errno %s\n", getauxval(9999), strerror(errno));
    return 0;
}
