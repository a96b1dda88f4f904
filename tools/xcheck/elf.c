/* ELF input (executable sections and the symbols that restart decoding,
 * as llvm-objdump uses them) and the small relocatable ELF written so
 * that llvm-objdump can disassemble random encodings. */
#include <elf.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xcheck.h"

static int u64cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int elf_open_in(const char *path, struct elf_in *e)
{
    memset(e, 0, sizeof *e);
    e->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (e->fd < 0) {
        perror(path);
        return -1;
    }
    elf_version(EV_CURRENT);
    Elf *el = elf_begin(e->fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    if (!el || !gelf_getehdr(el, &eh)) {
        fprintf(stderr, "xcheck: %s: not an ELF file\n", path);
        if (el)
            elf_end(el);
        close(e->fd);
        return -1;
    }
    e->elf = el;
    e->machine = eh.e_machine;
    size_t cap = 0, scap = 0;
    for (Elf_Scn *s = NULL; (s = elf_nextscn(el, s));) {
        GElf_Shdr sh;
        if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        if (!d || !d->d_buf)
            continue;
        if (e->nsecs == cap) {
            cap = cap ? 2 * cap : 8;
            e->secs = realloc(e->secs, cap * sizeof *e->secs);
        }
        e->secs[e->nsecs++] = (struct sec){ sh.sh_addr, d->d_size, d->d_buf, elf_ndxscn(s) };
    }
    /* every symbol of an executable section, as llvm-objdump restarts
     * decoding there (section and file symbols excepted; symbols of other
     * sections, debug info's among them, have unrelated values) */
    for (Elf_Scn *s = NULL; (s = elf_nextscn(el, s));) {
        GElf_Shdr sh;
        if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
            GElf_Sym sy;
            if (!gelf_getsym(d, (int)i, &sy) || sy.st_shndx == SHN_UNDEF || sy.st_shndx >= SHN_LORESERVE)
                continue;
            int t = GELF_ST_TYPE(sy.st_info);
            if (t == STT_SECTION || t == STT_FILE)
                continue;
            bool code = false;
            for (size_t k = 0; k < e->nsecs; k++)
                code |= e->secs[k].index == sy.st_shndx;
            if (!code)
                continue;
            if (e->nsyms == scap) {
                scap = scap ? 2 * scap : 1024;
                e->syms = realloc(e->syms, scap * sizeof *e->syms);
            }
            e->syms[e->nsyms++] = sy.st_value;
        }
    }
    if (e->nsyms)
        qsort(e->syms, e->nsyms, sizeof *e->syms, u64cmp);
    return 0;
}

void elf_close_in(struct elf_in *e)
{
    if (e->elf)
        elf_end(e->elf);
    if (e->fd >= 0)
        close(e->fd);
    free(e->secs);
    free(e->syms);
    memset(e, 0, sizeof *e);
    e->fd = -1;
}

const uint8_t *elf_bytes(const struct elf_in *e, uint64_t addr, unsigned max, unsigned *n)
{
    for (size_t i = 0; i < e->nsecs; i++) {
        const struct sec *s = &e->secs[i];
        if (addr < s->addr || addr - s->addr >= s->size)
            continue;
        uint64_t end = s->addr + s->size;
        /* the first symbol after addr */
        size_t lo = 0, hi = e->nsyms;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (e->syms[mid] <= addr)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < e->nsyms && e->syms[lo] < end)
            end = e->syms[lo];
        *n = end - addr > max ? max : (unsigned)(end - addr);
        return s->data + (addr - s->addr);
    }
    return NULL;
}

/* A relocatable object: .text at address 0 and, if sym_every, a local
 * function symbol every sym_every bytes (llvm-objdump restarts decoding at
 * each, so every slot is decoded from its first byte). */
int elf_write_text(const char *path, uint16_t machine, uint32_t flags,
                   const uint8_t *code, size_t n, unsigned sym_every)
{
    static const char shstr[] = "\0.text\0.shstrtab\0.symtab\0.strtab";
    static const char str[] = "\0s";
    size_t nsym = sym_every ? 1 + n / sym_every : 0;
    Elf64_Ehdr eh = {
        .e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB, EV_CURRENT },
        .e_type = ET_REL, .e_machine = machine, .e_version = EV_CURRENT,
        .e_flags = flags, .e_ehsize = sizeof eh, .e_shentsize = sizeof(Elf64_Shdr),
        .e_shnum = nsym ? 5 : 3, .e_shstrndx = 2,
    };
    size_t text_off = sizeof eh;
    size_t shstr_off = text_off + n;
    size_t str_off = shstr_off + sizeof shstr;
    size_t sym_off = (str_off + sizeof str + 7) & ~(size_t)7;
    size_t sh_off = sym_off + nsym * sizeof(Elf64_Sym);
    eh.e_shoff = sh_off;
    Elf64_Shdr sh[5] = {
        { 0 },
        { .sh_name = 1, .sh_type = SHT_PROGBITS, .sh_flags = SHF_ALLOC | SHF_EXECINSTR,
          .sh_offset = text_off, .sh_size = n, .sh_addralign = 4 },
        { .sh_name = 7, .sh_type = SHT_STRTAB, .sh_offset = shstr_off, .sh_size = sizeof shstr,
          .sh_addralign = 1 },
        { .sh_name = 17, .sh_type = SHT_SYMTAB, .sh_offset = sym_off,
          .sh_size = nsym * sizeof(Elf64_Sym), .sh_link = 4, .sh_info = (Elf64_Word)nsym,
          .sh_addralign = 8, .sh_entsize = sizeof(Elf64_Sym) },
        { .sh_name = 25, .sh_type = SHT_STRTAB, .sh_offset = str_off, .sh_size = sizeof str,
          .sh_addralign = 1 },
    };
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        return -1;
    }
    static const uint8_t pad[8];
    int ok = fwrite(&eh, sizeof eh, 1, f) == 1 && fwrite(code, 1, n, f) == n &&
             fwrite(shstr, sizeof shstr, 1, f) == 1 && fwrite(str, sizeof str, 1, f) == 1 &&
             fwrite(pad, 1, sym_off - str_off - sizeof str, f) == sym_off - str_off - sizeof str;
    for (size_t i = 0; ok && i < nsym; i++) {
        Elf64_Sym sy = { 0 };
        if (i) {    /* entry 0 is the null symbol */
            sy.st_name = 1;
            sy.st_info = ELF64_ST_INFO(STB_LOCAL, STT_FUNC);
            sy.st_shndx = 1;
            sy.st_value = (i - 1) * (uint64_t)sym_every;
        }
        ok = fwrite(&sy, sizeof sy, 1, f) == 1;
    }
    ok = ok && fwrite(sh, sizeof(Elf64_Shdr), eh.e_shnum, f) == eh.e_shnum;
    if (fclose(f) || !ok) {
        fprintf(stderr, "xcheck: cannot write %s\n", path);
        return -1;
    }
    return 0;
}
