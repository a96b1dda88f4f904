/* trapeze --objdump (see objdump.h).  One line per instruction:
 * "<hex address>:\t<text>", under a "Disassembly of section NAME:" line per
 * executable section. */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "machine.h"
#include "objdump.h"

static int dump_section(const struct arch *a, Elf_Scn *scn, const GElf_Shdr *sh, FILE *out)
{
    Elf_Data *data = elf_getdata(scn, NULL);
    if (!data || !data->d_buf)
        return 0;
    const uint8_t *p = data->d_buf;
    size_t n = data->d_size, off = 0;
    char text[256];
    while (off < n) {
        unsigned avail = n - off > 32 ? 32 : (unsigned)(n - off);
        uint8_t buf[32] = {0};
        memcpy(buf, p + off, avail);
        unsigned len = a->disasm(sh->sh_addr + off, buf, avail, text, sizeof text);
        if (!len) {
            fprintf(out, "%16llx:\t<unknown>\n", (unsigned long long)(sh->sh_addr + off));
            break;
        }
        fprintf(out, "%16llx:\t%s\n", (unsigned long long)(sh->sh_addr + off), text);
        off += len;
    }
    return 0;
}

int objdump_file(const char *path, FILE *out)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        perror(path);
        return -1;
    }
    elf_version(EV_CURRENT);
    Elf *e = elf_begin(fd, ELF_C_READ, NULL);
    GElf_Ehdr eh;
    size_t shstrndx;
    if (!e || !gelf_getehdr(e, &eh) || elf_getshdrstrndx(e, &shstrndx)) {
        fprintf(stderr, "trapeze: %s: not an ELF file with sections\n", path);
        if (e)
            elf_end(e);
        close(fd);
        return -1;
    }
    const struct arch_entry *ae = NULL;
    for (unsigned i = 0; i < narch_table; i++)
        if (arch_table[i].cpu && arch_table[i].cpu->e_machine == eh.e_machine && arch_table[i].cpu->disasm)
            ae = &arch_table[i];
    if (!ae) {
        fprintf(stderr, "trapeze: %s: no disassembler for ELF machine %u\n", path, eh.e_machine);
        elf_end(e);
        close(fd);
        return -1;
    }
    for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn));) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
            continue;
        const char *name = elf_strptr(e, shstrndx, sh.sh_name);
        fprintf(out, "Disassembly of section %s:\n", name ? name : "?");
        dump_section(ae->cpu, scn, &sh, out);
    }
    elf_end(e);
    close(fd);
    return 0;
}
