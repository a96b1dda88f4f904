/* ELF loading and the initial process image, after fs/binfmt_elf.c:
 * load_elf_binary() and create_elf_tables(). */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../sim/machine.h"
#include "auxv.h"
#include "kernel.h"
#include "loader.h"
#include "syscalls.h"
#include "vdso.h"
#include "../sim/symbols.h"

#define MAX_PHNUM 1024
#define STACK_SIZE (8ull << 20)         /* RLIMIT_STACK's default */
#define MMAP_GAP (128ull << 20)         /* Linux's minimum gap below the stack */

struct elf_image {
    int fd;
    Elf *elf;
    GElf_Ehdr eh;
    size_t phnum;
    GElf_Phdr ph[MAX_PHNUM];
    off_t file_size;
    char interp[4096];          /* PT_INTERP, empty if none */
    int stack_prot;             /* from PT_GNU_STACK */
};

/* What was loaded, for symbols. */
static struct {
    char path[4200];
    uint64_t bias;
} images[2];
static unsigned nimages;

static void remember_image(const char *path, uint64_t bias)
{
    if (nimages < 2) {
        snprintf(images[nimages].path, sizeof images[0].path, "%s", path);
        images[nimages++].bias = bias;
    }
}

void loader_load_symbols(void)
{
    for (unsigned i = 0; i < nimages; i++)
        symbols_add_elf(images[i].path, images[i].bias);
    const struct vdso_desc *d = kern->abi->vdso;
    for (unsigned i = 0; d && i < d->nsyms; i++)
        symbols_add(d->syms[i].name, vdso_symbol(d->syms[i].name), d->syms[i].size);
}

struct load_info {
    uint64_t bias, entry, phdr, end;
    uint16_t phnum, phent;
};

static int fail(char *err, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return -1;
}

static void elf_close(struct elf_image *im)
{
    if (im->elf)
        elf_end(im->elf);
    if (im->fd >= 0)
        close(im->fd);
    im->elf = NULL;
    im->fd = -1;
}

/* Open and check an ELF file: everything the loader relies on is
 * validated here, so a malformed file gets one clear message. */
static int elf_open(struct elf_image *im, const char *path, char *err, size_t n)
{
    memset(im, 0, sizeof *im);
    im->fd = open(path, O_RDONLY | O_CLOEXEC);
    if (im->fd < 0)
        return fail(err, n, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(im->fd, &st) || !S_ISREG(st.st_mode)) {
        elf_close(im);
        return fail(err, n, "%s: not a regular file", path);
    }
    im->file_size = st.st_size;
    if (elf_version(EV_CURRENT) == EV_NONE)
        return fail(err, n, "libelf: %s", elf_errmsg(-1));
    im->elf = elf_begin(im->fd, ELF_C_READ, NULL);
    if (!im->elf || elf_kind(im->elf) != ELF_K_ELF) {
        elf_close(im);
        return fail(err, n, "%s: not an ELF file", path);
    }
    const char *id = elf_getident(im->elf, NULL);
    if (!id || id[EI_CLASS] != ELFCLASS64) {
        elf_close(im);
        return fail(err, n, "%s: not a 64-bit ELF file (class %d)", path, id ? id[EI_CLASS] : -1);
    }
    if (id[EI_DATA] != ELFDATA2LSB) {
        elf_close(im);
        return fail(err, n, "%s: big-endian ELF files are not supported", path);
    }
    if (!gelf_getehdr(im->elf, &im->eh)) {
        elf_close(im);
        return fail(err, n, "%s: truncated ELF header", path);
    }
    if (im->eh.e_type != ET_EXEC && im->eh.e_type != ET_DYN) {
        elf_close(im);
        return fail(err, n, "%s: ELF type %u is not an executable", path, im->eh.e_type);
    }
    if (im->eh.e_phentsize != sizeof(Elf64_Phdr) || elf_getphdrnum(im->elf, &im->phnum) ||
        im->phnum == 0 || im->phnum > MAX_PHNUM ||
        im->eh.e_phoff > (uint64_t)im->file_size ||
        im->phnum * sizeof(Elf64_Phdr) > (uint64_t)im->file_size - im->eh.e_phoff) {
        elf_close(im);
        return fail(err, n, "%s: bad or truncated program header table", path);
    }
    im->stack_prot = PROT_R | PROT_W;
    uint64_t prev_end = 0;
    bool any_load = false;
    for (size_t i = 0; i < im->phnum; i++) {
        GElf_Phdr *p = &im->ph[i];
        if (!gelf_getphdr(im->elf, (int)i, p)) {
            elf_close(im);
            return fail(err, n, "%s: truncated program header %zu", path, i);
        }
        if (p->p_type == PT_GNU_STACK && (p->p_flags & PF_X))
            im->stack_prot |= PROT_X;
        if (p->p_type == PT_INTERP) {
            if (p->p_filesz < 2 || p->p_filesz > sizeof im->interp ||
                p->p_offset > (uint64_t)im->file_size ||
                p->p_filesz > (uint64_t)im->file_size - p->p_offset ||
                pread(im->fd, im->interp, p->p_filesz, (off_t)p->p_offset) != (ssize_t)p->p_filesz ||
                im->interp[p->p_filesz - 1] != 0) {
                elf_close(im);
                return fail(err, n, "%s: bad PT_INTERP", path);
            }
        }
        if (p->p_type != PT_LOAD)
            continue;
        if (p->p_filesz > p->p_memsz || p->p_offset > (uint64_t)im->file_size ||
            p->p_filesz > (uint64_t)im->file_size - p->p_offset) {
            elf_close(im);
            return fail(err, n, "%s: segment %zu extends past the end of the file", path, i);
        }
        if (p->p_vaddr + p->p_memsz < p->p_vaddr || p->p_memsz > (1ull << 40)) {
            elf_close(im);
            return fail(err, n, "%s: segment %zu has an absurd size", path, i);
        }
        if (any_load && p->p_vaddr < prev_end) {
            elf_close(im);
            return fail(err, n, "%s: segment %zu overlaps the one before it", path, i);
        }
        prev_end = p->p_vaddr + p->p_memsz;
        any_load = true;
    }
    if (!any_load) {
        elf_close(im);
        return fail(err, n, "%s: no loadable segment", path);
    }
    return 0;
}

int loader_probe(const char *path, uint16_t *e_machine, char *err, size_t errsz)
{
    struct elf_image *im = malloc(sizeof *im);
    if (!im)
        return fail(err, errsz, "out of memory");
    int r = elf_open(im, path, err, errsz);
    if (!r) {
        *e_machine = im->eh.e_machine;
        elf_close(im);
    }
    free(im);
    return r;
}

static uint64_t round_down(uint64_t x, uint64_t a) { return x & ~(a - 1); }
static uint64_t round_up(uint64_t x, uint64_t a) { return (x + a - 1) & ~(a - 1); }

/* Map every PT_LOAD of im at bias.  Pages shared by two segments get the
 * union of their permissions, as the hardware mapping would. */
static int map_segments(struct elf_image *im, uint64_t bias, const char *name,
                        struct load_info *li, char *err, size_t n)
{
    struct mem *m = guest_mem;
    uint64_t pg = m->page_size;
    uint64_t lo = UINT64_MAX, hi = 0;
    for (size_t i = 0; i < im->phnum; i++) {
        GElf_Phdr *p = &im->ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        uint64_t s = round_down(bias + p->p_vaddr, pg);
        uint64_t e = round_up(bias + p->p_vaddr + p->p_memsz, pg);
        if (e > m->size || s < pg || e < s)
            return fail(err, n, "%s: segment at 0x%llx lies outside the address space",
                        name, (unsigned long long)(bias + p->p_vaddr));
        if (s < lo)
            lo = s;
        if (e > hi)
            hi = e;
    }
    /* Writable while we fill it; final permissions below. */
    int r = mem_map(m, lo, hi - lo, PROT_R | PROT_W, -1, 0, false, name);
    if (r)
        return fail(err, n, "%s: cannot map 0x%llx-0x%llx: %s", name,
                    (unsigned long long)lo, (unsigned long long)hi, strerror(-r));
    for (size_t i = 0; i < im->phnum; i++) {
        GElf_Phdr *p = &im->ph[i];
        if (p->p_type != PT_LOAD || !p->p_filesz)
            continue;
        ssize_t got = pread(im->fd, m->base + bias + p->p_vaddr, p->p_filesz, (off_t)p->p_offset);
        if (got != (ssize_t)p->p_filesz)
            return fail(err, n, "%s: cannot read segment %zu", name, i);
    }
    /* Permissions, page by page run: the gaps between segments stay
     * mapped but inaccessible, as with Linux's single reservation. */
    uint64_t npages = (hi - lo) / pg;
    uint8_t *prot = calloc(npages, 1);
    if (!prot)
        return fail(err, n, "out of memory");
    for (size_t i = 0; i < im->phnum; i++) {
        GElf_Phdr *p = &im->ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        int pr = (p->p_flags & PF_R ? PROT_R : 0) | (p->p_flags & PF_W ? PROT_W : 0) |
                 (p->p_flags & PF_X ? PROT_X : 0);
        uint64_t s = round_down(bias + p->p_vaddr, pg), e = round_up(bias + p->p_vaddr + p->p_memsz, pg);
        for (uint64_t a = s; a < e; a += pg)
            prot[(a - lo) / pg] |= (uint8_t)pr;
    }
    for (uint64_t k = 0; k < npages;) {
        uint64_t j = k;
        while (j < npages && prot[j] == prot[k])
            j++;
        if (prot[k])
            mem_protect(m, lo + k * pg, (j - k) * pg, prot[k]);
        else
            mem_unmap(m, lo + k * pg, (j - k) * pg);
        k = j;
    }
    free(prot);

    li->bias = bias;
    li->entry = bias + im->eh.e_entry;
    li->end = hi;
    li->phnum = (uint16_t)im->phnum;
    li->phent = sizeof(Elf64_Phdr);
    li->phdr = 0;
    for (size_t i = 0; i < im->phnum; i++) {
        GElf_Phdr *p = &im->ph[i];
        if (p->p_type == PT_PHDR)
            li->phdr = bias + p->p_vaddr;
    }
    for (size_t i = 0; !li->phdr && i < im->phnum; i++) {
        GElf_Phdr *p = &im->ph[i];
        if (p->p_type == PT_LOAD && im->eh.e_phoff >= p->p_offset &&
            im->eh.e_phoff < p->p_offset + p->p_filesz)
            li->phdr = bias + p->p_vaddr + (im->eh.e_phoff - p->p_offset);
    }
    return 0;
}

static uint64_t image_span(struct elf_image *im, uint64_t *lo_out, uint64_t *align)
{
    uint64_t lo = UINT64_MAX, hi = 0, al = guest_mem->page_size;
    for (size_t i = 0; i < im->phnum; i++) {
        GElf_Phdr *p = &im->ph[i];
        if (p->p_type != PT_LOAD)
            continue;
        if (p->p_vaddr < lo)
            lo = p->p_vaddr;
        if (p->p_vaddr + p->p_memsz > hi)
            hi = p->p_vaddr + p->p_memsz;
        if (p->p_align > al && (p->p_align & (p->p_align - 1)) == 0 && p->p_align <= (1u << 24))
            al = p->p_align;
    }
    lo = round_down(lo, guest_mem->page_size);
    *lo_out = lo;
    *align = al;
    return round_up(hi - lo, guest_mem->page_size);
}

/* Where an ET_DYN image goes: a PIE at Linux's ELF_ET_DYN_BASE (two
 * thirds of the address space), an interpreter or static PIE top-down in
 * the mmap area. */
static int place_dyn(struct elf_image *im, bool pie_with_interp, uint64_t *bias,
                     const char *name, char *err, size_t n)
{
    uint64_t lo, align;
    uint64_t span = image_span(im, &lo, &align);
    uint64_t at;
    if (pie_with_interp) {
        at = round_down(guest_mem->size / 3 * 2, align);
    } else {
        at = mem_find_free(guest_mem, span + align, 0, kern->mmap_top);
        if (!at)
            return fail(err, n, "%s: no room for %llu bytes", name, (unsigned long long)span);
        at = round_up(at, align);
    }
    *bias = at - lo;
    return 0;
}

/* ---- the initial stack (create_elf_tables) ------------------------------- */

struct stack_builder {
    uint64_t sp;
    bool overflow;
    uint64_t limit;
};

static uint64_t push_bytes(struct stack_builder *sb, const void *p, size_t n)
{
    if (sb->sp - sb->limit < n) {
        sb->overflow = true;
        return sb->sp;
    }
    sb->sp -= n;
    memcpy(guest_mem->base + sb->sp, p, n);
    return sb->sp;
}

static int build_stack(struct cpu *c, const char *execfn, char *const argv[],
                       char *const envp[], const struct load_info *prog,
                       const struct load_info *interp, uint64_t *sp_out,
                       char *err, size_t n)
{
    const struct kabi *abi = kern->abi;
    uint64_t top = guest_mem->size;
    struct stack_builder sb = {.sp = top, .limit = top - STACK_SIZE + 4096};
    size_t argc = 0, envc = 0;
    while (argv[argc])
        argc++;
    while (envp[envc])
        envc++;

    uint64_t zero = 0;
    push_bytes(&sb, &zero, sizeof zero);            /* end marker */
    uint64_t u_execfn = push_bytes(&sb, execfn, strlen(execfn) + 1);
    uint64_t *env_ptrs = calloc(envc + 1, 8), *arg_ptrs = calloc(argc + 1, 8);
    if (!env_ptrs || !arg_ptrs)
        return fail(err, n, "out of memory");
    for (size_t i = envc; i-- > 0;)
        env_ptrs[i] = push_bytes(&sb, envp[i], strlen(envp[i]) + 1);
    for (size_t i = argc; i-- > 0;)
        arg_ptrs[i] = push_bytes(&sb, argv[i], strlen(argv[i]) + 1);
    sb.sp = round_down(sb.sp, 16);
    uint64_t u_platform = 0;
    if (abi->platform)
        u_platform = push_bytes(&sb, abi->platform, strlen(abi->platform) + 1);
    uint8_t rnd[16];
    kernel_random_bytes(rnd, sizeof rnd);
    uint64_t u_random = push_bytes(&sb, rnd, sizeof rnd);

    uint64_t auxv[2 * 40];
    unsigned na = 0;
#define AUX(t, v) (auxv[na++] = (t), auxv[na++] = (v))
    if (kern->vdso_base)
        AUX(AT_SYSINFO_EHDR, kern->vdso_base);
    if (abi->minsigstksz)
        AUX(AT_MINSIGSTKSZ, abi->minsigstksz);
    AUX(AT_HWCAP, abi->hwcap);
    AUX(AT_PAGESZ, guest_mem->page_size);
    AUX(AT_CLKTCK, 100);
    AUX(AT_PHDR, prog->phdr);
    AUX(AT_PHENT, prog->phent);
    AUX(AT_PHNUM, prog->phnum);
    AUX(AT_BASE, interp ? interp->bias : 0);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, prog->entry);
    AUX(AT_UID, getuid());
    AUX(AT_EUID, geteuid());
    AUX(AT_GID, getgid());
    AUX(AT_EGID, getegid());
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, u_random);
    if (abi->has_hwcap2)
        AUX(AT_HWCAP2, abi->hwcap2);
    AUX(AT_EXECFN, u_execfn);
    if (u_platform)
        AUX(AT_PLATFORM, u_platform);
    AUX(AT_NULL, 0);
#undef AUX

    size_t items = 1 + argc + 1 + envc + 1;
    uint64_t sp = round_down(sb.sp - (items * 8 + na * 8), 16);
    if (sb.overflow || sp < sb.limit) {
        free(env_ptrs);
        free(arg_ptrs);
        return fail(err, n, "arguments and environment do not fit on the stack");
    }
    uint8_t *p = guest_mem->base + sp;
    put_le64(p, argc), p += 8;
    for (size_t i = 0; i < argc; i++)
        put_le64(p, arg_ptrs[i]), p += 8;
    put_le64(p, 0), p += 8;
    for (size_t i = 0; i < envc; i++)
        put_le64(p, env_ptrs[i]), p += 8;
    put_le64(p, 0), p += 8;
    kern->auxv_addr = (uint64_t)(p - guest_mem->base);
    kern->auxv_len = na * 8;
    for (unsigned i = 0; i < na; i++)
        put_le64(p, auxv[i]), p += 8;
    free(env_ptrs);
    free(arg_ptrs);
    *sp_out = sp;
    return 0;
}

/* Find the interpreter: under -L first, then as named, then in the
 * Debian multiarch sysroot of the guest's triple. */
static int open_interp(struct elf_image *im, const char *name, char *err, size_t n)
{
    char path[4200];
    if (kernel_host_path(name, path, sizeof path) == 0 && elf_open(im, path, err, n) == 0)
        return 0;
    /* Debian's cross sysroot for the guest: /usr/<cpu>-linux-gnu */
    char root[64];
    snprintf(root, sizeof root, "/usr/%s-linux-gnu", kern->abi->cpu->name);
    snprintf(path, sizeof path, "%s%s", root, name);
    if (elf_open(im, path, err, n) == 0) {
        /* No -L given: the sysroot that holds the interpreter serves its
         * libraries too. */
        if (!kern->sysroot)
            kern->sysroot = strdup(root);
        return 0;
    }
    return fail(err, n, "cannot find the ELF interpreter %s (give a sysroot with -L)", name);
}

int loader_exec(struct cpu *c, const char *path, char *const argv[],
                char *const envp[], char *err, size_t n)
{
    struct elf_image *im = calloc(2, sizeof *im);
    if (!im)
        return fail(err, n, "out of memory");
    struct elf_image *prog = &im[0], *interp = &im[1];
    interp->fd = -1;
    int r = -1;
    if (elf_open(prog, path, err, n))
        goto out;
    if (prog->eh.e_machine != kern->abi->cpu->e_machine) {
        fail(err, n, "%s: ELF machine %u is not %s", path, prog->eh.e_machine, kern->abi->cpu->name);
        goto out;
    }
    struct mem *m = guest_mem;
    uint64_t top = m->size;
    kern->mmap_top = round_down(top - STACK_SIZE - MMAP_GAP, m->page_size);

    /* stack first, so that nothing is placed over it */
    if (mem_map(m, top - STACK_SIZE, STACK_SIZE, prog->stack_prot, -1, 0, false, "[stack]")) {
        fail(err, n, "cannot map the stack");
        goto out;
    }
    mem_find(m, top - 1)->is_stack = 1;

    struct load_info pli, ili;
    uint64_t bias = 0;
    if (prog->eh.e_type == ET_DYN &&
        place_dyn(prog, prog->interp[0] != 0, &bias, path, err, n))
        goto out;
    char abspath[4096];
    const char *vname = realpath(path, abspath) ? abspath : path;
    kern->exe_path = path;
    kern->exe_abspath = strdup(vname);
    if (map_segments(prog, bias, vname, &pli, err, n))
        goto out;
    remember_image(path, bias);
    kern->brk_start = kern->brk_cur = round_up(pli.end, m->page_size);

    bool have_interp = prog->interp[0] != 0;
    if (have_interp) {
        if (open_interp(interp, prog->interp, err, n))
            goto out;
        if (interp->eh.e_machine != prog->eh.e_machine || interp->eh.e_type != ET_DYN) {
            fail(err, n, "%s: interpreter %s is not a shared object for %s", path,
                 prog->interp, kern->abi->cpu->name);
            goto out;
        }
        uint64_t ibias;
        if (place_dyn(interp, false, &ibias, prog->interp, err, n) ||
            map_segments(interp, ibias, prog->interp, &ili, err, n))
            goto out;
        char ipath[4200];
        if (kernel_host_path(prog->interp, ipath, sizeof ipath) == 0)
            remember_image(ipath, ibias);
    }
    if (vdso_map(err, n))
        goto out;
    uint64_t sp = 0;
    if (build_stack(c, path, argv, envp, &pli, have_interp ? &ili : NULL, &sp, err, n))
        goto out;
    kern->abi->start_user(c, have_interp ? ili.entry : pli.entry, sp);
    r = 0;
out:
    elf_close(prog);
    elf_close(interp);
    free(im);
    return r;
}
