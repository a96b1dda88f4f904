/* The vDSO at AT_SYSINFO_EHDR: an ELF image exporting the arch's signal
 * return trampoline (x86_64's vDSO has none: sa_restorer is used). */
#include "rt.h"

int main(void)
{
    const unsigned char *e = (const unsigned char *)getauxval(AT_SYSINFO_EHDR);
    printf("AT_SYSINFO_EHDR present: %s\n", e ? "yes" : "no");
    if (!e)
        return 0;
    printf("ELF magic: %s, 64-bit LE: %s, type DYN: %s\n",
           memcmp(e, "\177ELF", 4) == 0 ? "yes" : "no",
           e[4] == 2 && e[5] == 1 ? "yes" : "no",
           *(const uint16_t *)(e + 16) == 3 ? "yes" : "no");
    uint64_t shoff = *(const uint64_t *)(e + 40);
    uint16_t shentsize = *(const uint16_t *)(e + 58);
    uint16_t shnum = *(const uint16_t *)(e + 60);
    int found = 0;
    const char *want = RT_VDSO_SIGRETURN;
    /* Find .dynsym (type 11) and its string table (sh_link). */
    for (unsigned i = 0; i < shnum; i++) {
        const unsigned char *sh = e + shoff + i * shentsize;
        if (*(const uint32_t *)(sh + 4) != 11)
            continue;
        uint64_t off = *(const uint64_t *)(sh + 24);
        uint64_t size = *(const uint64_t *)(sh + 32);
        uint32_t link = *(const uint32_t *)(sh + 40);
        const unsigned char *strsh = e + shoff + link * shentsize;
        const char *str = (const char *)e + *(const uint64_t *)(strsh + 24);
        for (uint64_t s = 0; s < size; s += 24) {
            const char *name = str + *(const uint32_t *)(e + off + s);
            if (want && !strcmp(name, want))
                found = 1;
        }
    }
    if (want)
        printf("exports %s: %s\n", want, found ? "yes" : "no");
    else
        printf("no sigreturn symbol expected on this arch\n");
    return 0;
}
