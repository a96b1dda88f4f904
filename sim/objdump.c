/* trapeze --objdump (see objdump.h).  One line per instruction:
 * "<hex address>:\t<text>", under a "Disassembly of section NAME:" line per
 * executable section. */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "machine.h"
#include "objdump.h"

/* Where decoding (re)starts: every symbol in the section starts a new
 * decode, as llvm-objdump does, so that bytes that are not code cannot pull
 * the decoding out of step.  (llvm-objdump-19 decodes the "$d" ranges of
 * mapping symbols as instructions too, for the ISAs here.) */
struct mark {
    uint64_t addr;
};

static int mark_cmp(const void *a, const void *b)
{
    const struct mark *x = a, *y = b;
    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static size_t section_marks(Elf *e, size_t shndx, const GElf_Shdr *sh, struct mark **out)
{
    size_t n = 0, cap = 0;
    struct mark *m = NULL;
    for (Elf_Scn *s = NULL; (s = elf_nextscn(e, s));) {
        GElf_Shdr ss;
        if (!gelf_getshdr(s, &ss) || ss.sh_type != SHT_SYMTAB || !ss.sh_entsize)
            continue;
        Elf_Data *d = elf_getdata(s, NULL);
        for (size_t i = 0; d && i < ss.sh_size / ss.sh_entsize; i++) {
            GElf_Sym sy;
            if (!gelf_getsym(d, (int)i, &sy) || sy.st_shndx != shndx)
                continue;
            if (sy.st_value < sh->sh_addr || sy.st_value >= sh->sh_addr + sh->sh_size)
                continue;
            if (GELF_ST_TYPE(sy.st_info) == STT_SECTION || GELF_ST_TYPE(sy.st_info) == STT_FILE)
                continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 256;
                struct mark *nm2 = realloc(m, cap * sizeof *m);
                if (!nm2)
                    break;
                m = nm2;
            }
            m[n++] = (struct mark){sy.st_value};
        }
    }
    if (n)
        qsort(m, n, sizeof *m, mark_cmp);
    *out = m;
    return n;
}

static int dump_section(const struct arch *a, Elf *e, Elf_Scn *scn, const GElf_Shdr *sh, FILE *out)
{
    Elf_Data *data = elf_getdata(scn, NULL);
    if (!data || !data->d_buf)
        return 0;
    struct mark *marks;
    size_t nmarks = section_marks(e, elf_ndxscn(scn), sh, &marks), mi = 0;
    const uint8_t *p = data->d_buf;
    size_t n = data->d_size, off = 0;
    char text[256];
    while (off < n) {
        uint64_t addr = sh->sh_addr + off;
        while (mi < nmarks && marks[mi].addr <= addr)
            mi++;
        size_t limit = n;       /* decode no further than the next mark */
        if (mi < nmarks && marks[mi].addr - sh->sh_addr < limit)
            limit = marks[mi].addr - sh->sh_addr;
        /* like llvm-objdump without -z: a run of 8 or more zero bytes up
         * to the next symbol is shown as "..." (in multiples of 4) */
        size_t z = 0;
        while (off + z < limit && !p[off + z])
            z++;
        if (z >= 8) {
            fprintf(out, "\t\t...\n");
            off += z & ~(size_t)3;
            continue;
        }
        unsigned avail = limit - off > 32 ? 32 : (unsigned)(limit - off);
        uint8_t buf[32] = {0};
        memcpy(buf, p + off, avail);
        unsigned len = a->disasm(addr, buf, avail, text, sizeof text);
        if (!len) {
            fprintf(out, "%16llx:\t<unknown>\n", (unsigned long long)addr);
            off = limit;
            continue;
        }
        fprintf(out, "%16llx:\t%s\n", (unsigned long long)addr, text);
        off += len;
    }
    free(marks);
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
        dump_section(ae->cpu, e, scn, &sh, out);
    }
    elf_end(e);
    close(fd);
    return 0;
}
