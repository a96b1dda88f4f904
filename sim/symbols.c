/* Symbol tables for symbolised addresses (see symbols.h).  Loaded only when
 * something asks for them (tracing), so a plain run does not read them. */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "symbols.h"

struct sym {
    uint64_t addr, size;
    char *name;
};

static struct sym *syms;
static size_t nsyms, cap;
static bool sorted;

void symbols_add(const char *name, uint64_t addr, uint64_t size)
{
    if (!name || !*name)
        return;
    if (nsyms == cap) {
        cap = cap ? cap * 2 : 1024;
        struct sym *n = realloc(syms, cap * sizeof *n);
        if (!n)
            return;
        syms = n;
    }
    syms[nsyms++] = (struct sym){addr, size, strdup(name)};
    sorted = false;
}

void symbols_add_elf(const char *path, uint64_t bias)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    elf_version(EV_CURRENT);
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    for (Elf_Scn *s = NULL; e && (s = elf_nextscn(e, s));) {
        GElf_Shdr sh;
        if (!gelf_getshdr(s, &sh) || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) ||
            !sh.sh_entsize)
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Sym sy;
            if (!gelf_getsym(d, (int)i, &sy) || sy.st_shndx == SHN_UNDEF || !sy.st_value)
                continue;
            int t = GELF_ST_TYPE(sy.st_info);
            if (t != STT_FUNC && t != STT_OBJECT && t != STT_NOTYPE)
                continue;
            const char *nm = elf_strptr(e, sh.sh_link, sy.st_name);
            if (nm && *nm && nm[0] != '$' && strncmp(nm, ".L", 2))
                symbols_add(nm, sy.st_value + bias, sy.st_size);
        }
    }
    if (e)
        elf_end(e);
    close(fd);
}

static int cmp(const void *a, const void *b)
{
    const struct sym *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    /* prefer sized symbols, then functions' names over local labels */
    return (x->size < y->size) - (x->size > y->size);
}

static void sort(void)
{
    if (!sorted && nsyms)
        qsort(syms, nsyms, sizeof *syms, cmp);
    sorted = true;
}

const char *symbols_format(uint64_t addr, char *out, size_t outsz)
{
    sort();
    out[0] = 0;
    size_t lo = 0, hi = nsyms;
    while (lo < hi) {       /* last symbol with addr <= a */
        size_t mid = (lo + hi) / 2;
        if (syms[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!lo)
        return out;
    size_t i = lo - 1;
    while (i > 0 && syms[i - 1].addr == syms[i].addr)
        i--;
    const struct sym *s = &syms[i];
    if (s->size && addr >= s->addr + s->size)
        return out;
    if (!s->size && addr - s->addr > 0x10000)
        return out;
    if (addr == s->addr)
        snprintf(out, outsz, "%s", s->name);
    else
        snprintf(out, outsz, "%s+0x%llx", s->name, (unsigned long long)(addr - s->addr));
    return out;
}

uint64_t symbols_lookup(const char *name)
{
    for (size_t i = 0; i < nsyms; i++)
        if (!strcmp(syms[i].name, name))
            return syms[i].addr;
    return 0;
}

uint64_t symbols_size(const char *name)
{
    for (size_t i = 0; i < nsyms; i++)
        if (!strcmp(syms[i].name, name))
            return syms[i].size ? syms[i].size : 1;
    return 0;
}
