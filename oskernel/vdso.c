/* The vdso image, built at start-up from the arch's code and symbol list:
 * an ELF shared object with a dynamic symbol table and symbol versions, as
 * glibc's dl_vdso_vsym and gdb expect (arch/<arch>/kernel/vdso/). */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "../sim/mem.h"
#include "vdso.h"

#define SONAME "linux-vdso.so.1"

static uint32_t elf_hash(const char *s)
{
    uint32_t h = 0;
    for (; *s; s++) {
        h = (h << 4) + (uint8_t)*s;
        uint32_t g = h & 0xf0000000;
        if (g)
            h ^= g >> 24;
        h &= ~g;
    }
    return h;
}

struct strtab {
    char buf[1024];
    uint32_t len;
};

static uint32_t str_add(struct strtab *t, const char *s)
{
    size_t n = strlen(s) + 1;
    if (t->len + n > sizeof t->buf)
        return 0;
    memcpy(t->buf + t->len, s, n);
    t->len += (uint32_t)n;
    return t->len - (uint32_t)n;
}

static size_t align_up(size_t x, size_t a) { return (x + a - 1) & ~(a - 1); }

enum { S_NULL, S_HASH, S_DYNSYM, S_DYNSTR, S_VERSYM, S_VERDEF, S_DYNAMIC, S_TEXT, S_SHSTRTAB, S_N };

size_t vdso_build(const struct vdso_desc *d, uint16_t e_machine, uint8_t *buf, size_t cap)
{
    unsigned nsym = d->nsyms + 1;
    struct strtab dynstr = {.len = 1}, shstr = {.len = 1};
    uint32_t soname = str_add(&dynstr, SONAME);
    uint32_t vername = str_add(&dynstr, d->version);
    uint32_t symname[64];
    if (d->nsyms > 64)
        return 0;
    for (unsigned i = 0; i < d->nsyms; i++)
        symname[i] = str_add(&dynstr, d->syms[i].name);

    /* layout */
    size_t off = sizeof(Elf64_Ehdr);
    size_t phoff = off;
    off += 2 * sizeof(Elf64_Phdr);
    size_t hash_off = off = align_up(off, 8);
    off += (2 + 1 + nsym) * 4;
    size_t dynsym_off = off = align_up(off, 8);
    off += nsym * sizeof(Elf64_Sym);
    size_t dynstr_off = off;
    off += dynstr.len;
    size_t versym_off = off = align_up(off, 2);
    off += nsym * 2;
    size_t verdef_off = off = align_up(off, 4);
    off += 2 * (sizeof(Elf64_Verdef) + sizeof(Elf64_Verdaux));
    size_t dyn_off = off = align_up(off, 8);
    unsigned ndyn = 10;
    off += ndyn * sizeof(Elf64_Dyn);
    size_t text_off = off = align_up(off, 16);
    off += d->code_len;
    size_t load_end = off;

    static const char *const secname[S_N] = {"", ".hash", ".dynsym", ".dynstr", ".gnu.version",
                                              ".gnu.version_d", ".dynamic", ".text", ".shstrtab"};
    uint32_t shname[S_N];
    for (int i = 0; i < S_N; i++)
        shname[i] = i ? str_add(&shstr, secname[i]) : 0;
    size_t shstr_off = off;
    off += shstr.len;
    size_t shoff = off = align_up(off, 8);
    off += S_N * sizeof(Elf64_Shdr);
    if (off > cap)
        return 0;
    memset(buf, 0, off);

    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh->e_type = ET_DYN;
    eh->e_machine = e_machine;
    eh->e_version = EV_CURRENT;
    eh->e_entry = 0;
    eh->e_phoff = phoff;
    eh->e_shoff = shoff;
    eh->e_flags = d->e_flags;
    eh->e_ehsize = sizeof(Elf64_Ehdr);
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = 2;
    eh->e_shentsize = sizeof(Elf64_Shdr);
    eh->e_shnum = S_N;
    eh->e_shstrndx = S_SHSTRTAB;

    Elf64_Phdr *ph = (Elf64_Phdr *)(buf + phoff);
    ph[0] = (Elf64_Phdr){.p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
                         .p_vaddr = 0, .p_paddr = 0, .p_filesz = load_end,
                         .p_memsz = load_end, .p_align = 4096};
    ph[1] = (Elf64_Phdr){.p_type = PT_DYNAMIC, .p_flags = PF_R, .p_offset = dyn_off,
                         .p_vaddr = dyn_off, .p_paddr = dyn_off,
                         .p_filesz = ndyn * sizeof(Elf64_Dyn),
                         .p_memsz = ndyn * sizeof(Elf64_Dyn), .p_align = 8};

    /* SysV hash with one bucket: the chain walks every symbol. */
    uint32_t *h = (uint32_t *)(buf + hash_off);
    h[0] = 1;
    h[1] = nsym;
    h[2] = nsym - 1;
    for (unsigned i = 0; i < nsym; i++)
        h[3 + i] = i ? i - 1 : 0;

    Elf64_Sym *sym = (Elf64_Sym *)(buf + dynsym_off);
    uint16_t *versym = (uint16_t *)(buf + versym_off);
    for (unsigned i = 0; i < d->nsyms; i++) {
        sym[i + 1] = (Elf64_Sym){.st_name = symname[i],
                                 .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
                                 .st_shndx = S_TEXT,
                                 .st_value = text_off + d->syms[i].off,
                                 .st_size = d->syms[i].size};
        versym[i + 1] = 2;
    }
    memcpy(buf + dynstr_off, dynstr.buf, dynstr.len);

    Elf64_Verdef *vd = (Elf64_Verdef *)(buf + verdef_off);
    size_t vstep = sizeof(Elf64_Verdef) + sizeof(Elf64_Verdaux);
    for (int i = 0; i < 2; i++) {
        Elf64_Verdef *v = (Elf64_Verdef *)((uint8_t *)vd + i * vstep);
        Elf64_Verdaux *a = (Elf64_Verdaux *)(v + 1);
        const char *nm = i ? d->version : SONAME;
        *v = (Elf64_Verdef){.vd_version = VER_DEF_CURRENT, .vd_flags = i ? 0 : VER_FLG_BASE,
                            .vd_ndx = (uint16_t)(i + 1), .vd_cnt = 1, .vd_hash = elf_hash(nm),
                            .vd_aux = sizeof(Elf64_Verdef),
                            .vd_next = i ? 0 : (uint32_t)vstep};
        *a = (Elf64_Verdaux){.vda_name = i ? vername : soname, .vda_next = 0};
    }

    Elf64_Dyn *dyn = (Elf64_Dyn *)(buf + dyn_off);
    Elf64_Dyn dv[] = {
        {DT_SONAME, {soname}}, {DT_HASH, {hash_off}}, {DT_STRTAB, {dynstr_off}},
        {DT_SYMTAB, {dynsym_off}}, {DT_STRSZ, {dynstr.len}}, {DT_SYMENT, {sizeof(Elf64_Sym)}},
        {DT_VERSYM, {versym_off}}, {DT_VERDEF, {verdef_off}}, {DT_VERDEFNUM, {2}},
        {DT_NULL, {0}},
    };
    _Static_assert(sizeof dv / sizeof dv[0] == 10, "ndyn");
    memcpy(dyn, dv, sizeof dv);

    memcpy(buf + text_off, d->code, d->code_len);
    memcpy(buf + shstr_off, shstr.buf, shstr.len);

    Elf64_Shdr *sh = (Elf64_Shdr *)(buf + shoff);
#define SEC(i, type, flags, o, size, link, info, align, entsize)                         \
    sh[i] = (Elf64_Shdr){.sh_name = shname[i], .sh_type = type, .sh_flags = flags,        \
                         .sh_addr = ((flags) & SHF_ALLOC) ? (o) : 0, .sh_offset = o, .sh_size = size,   \
                         .sh_link = link, .sh_info = info, .sh_addralign = align,         \
                         .sh_entsize = entsize}
    SEC(S_HASH, SHT_HASH, SHF_ALLOC, hash_off, (2 + 1 + nsym) * 4, S_DYNSYM, 0, 8, 4);
    SEC(S_DYNSYM, SHT_DYNSYM, SHF_ALLOC, dynsym_off, nsym * sizeof(Elf64_Sym), S_DYNSTR, 1, 8,
        sizeof(Elf64_Sym));
    SEC(S_DYNSTR, SHT_STRTAB, SHF_ALLOC, dynstr_off, dynstr.len, 0, 0, 1, 0);
    SEC(S_VERSYM, SHT_GNU_versym, SHF_ALLOC, versym_off, nsym * 2, S_DYNSYM, 0, 2, 2);
    SEC(S_VERDEF, SHT_GNU_verdef, SHF_ALLOC, verdef_off, 2 * vstep, S_DYNSTR, 2, 4, 0);
    SEC(S_DYNAMIC, SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, dyn_off, ndyn * sizeof(Elf64_Dyn), S_DYNSTR,
        0, 8, sizeof(Elf64_Dyn));
    SEC(S_TEXT, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, text_off, d->code_len, 0, 0, 16, 0);
    SEC(S_SHSTRTAB, SHT_STRTAB, 0, shstr_off, shstr.len, 0, 0, 1, 0);
#undef SEC
    return off;
}

static uint64_t vdso_text;      /* guest address of the vdso's .text */

int vdso_map(char *err, size_t errsz)
{
    const struct vdso_desc *d = kern->abi->vdso;
    if (!d)
        return 0;
    static uint8_t img[16384];
    size_t n = vdso_build(d, kern->abi->cpu->e_machine, img, sizeof img);
    if (!n) {
        snprintf(err, errsz, "internal error: the vdso image does not fit");
        return -1;
    }
    struct mem *m = guest_mem;
    uint64_t len = (n + m->page_size - 1) & ~(m->page_size - 1);
    uint64_t at = mem_find_free(m, len, 0, kern->mmap_top);
    if (!at || mem_map(m, at, len, PROT_R | PROT_W, -1, 0, false, "[vdso]")) {
        snprintf(err, errsz, "cannot map the vdso");
        return -1;
    }
    memcpy(m->base + at, img, n);
    mem_protect(m, at, len, PROT_R | PROT_X);
    kern->vdso_base = at;
    vdso_text = at + ((const Elf64_Shdr *)(img + ((const Elf64_Ehdr *)img)->e_shoff))[S_TEXT].sh_offset;
    return 0;
}

uint64_t vdso_symbol(const char *name)
{
    const struct vdso_desc *d = kern->abi->vdso;
    if (!d || !vdso_text)
        return 0;
    for (unsigned i = 0; i < d->nsyms; i++)
        if (!strcmp(d->syms[i].name, name))
            return vdso_text + d->syms[i].off;
    return 0;
}

uint64_t vdso_trampoline(void)
{
    const struct vdso_desc *d = kern->abi->vdso;
    for (unsigned i = 0; d && i < d->nsyms; i++)
        if (strstr(d->syms[i].name, "sigreturn"))
            return vdso_symbol(d->syms[i].name);
    return 0;
}
