/* The vdso image parses as an ELF shared object with libelf, and its
 * dynamic symbol table gives the trampoline symbol at the right address
 * with the right version. */
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>

#include "oskernel/vdso.h"

static const uint8_t code[] = {0x1f, 0x20, 0x03, 0xd5, 0x68, 0x11, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4};
static const struct vdso_sym syms[] = {{"__kernel_rt_sigreturn", 4, 8}, {"__kernel_other", 0, 4}};
static const struct vdso_desc desc = {code, sizeof code, "LINUX_2.6.39", syms, 2, 0};

#define CHECK(c)                                                   \
    do {                                                           \
        if (!(c)) {                                                \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c); \
            return 1;                                              \
        }                                                          \
    } while (0)

int main(void)
{
    static uint8_t img[16384];
    size_t n = vdso_build(&desc, 183, img, sizeof img);
    CHECK(n > 0 && n < 4096);
    CHECK(vdso_build(&desc, 183, img, 100) == 0);
    elf_version(EV_CURRENT);
    Elf *e = elf_memory((char *)img, n);
    CHECK(e && elf_kind(e) == ELF_K_ELF);
    GElf_Ehdr eh;
    CHECK(gelf_getehdr(e, &eh) && eh.e_type == ET_DYN && eh.e_machine == 183);
    Elf_Scn *dynsym = NULL, *versym = NULL, *text = NULL;
    size_t shstrndx;
    CHECK(elf_getshdrstrndx(e, &shstrndx) == 0);
    for (Elf_Scn *s = NULL; (s = elf_nextscn(e, s));) {
        GElf_Shdr sh;
        gelf_getshdr(s, &sh);
        if (sh.sh_type == SHT_DYNSYM) dynsym = s;
        if (sh.sh_type == SHT_GNU_versym) versym = s;
        if (!strcmp(elf_strptr(e, shstrndx, sh.sh_name), ".text")) text = s;
    }
    CHECK(dynsym && versym && text);
    GElf_Shdr dsh, tsh;
    gelf_getshdr(dynsym, &dsh);
    gelf_getshdr(text, &tsh);
    Elf_Data *d = elf_getdata(dynsym, NULL), *vd = elf_getdata(versym, NULL);
    int found = 0;
    for (size_t i = 0; i < dsh.sh_size / dsh.sh_entsize; i++) {
        GElf_Sym s;
        gelf_getsym(d, (int)i, &s);
        const char *nm = elf_strptr(e, dsh.sh_link, s.st_name);
        if (nm && !strcmp(nm, "__kernel_rt_sigreturn")) {
            CHECK(s.st_value == tsh.sh_addr + 4);
            CHECK(!memcmp(img + s.st_value, code + 4, 8));
            GElf_Versym v;
            gelf_getversym(vd, (int)i, &v);
            CHECK(v == 2);
            found = 1;
        }
    }
    CHECK(found);
    elf_end(e);
    return 0;
}
