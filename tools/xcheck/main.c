/* xcheck: compare trapeze's decoders (struct arch: decode and disasm)
 * with llvm-objdump-19 and Capstone over real code and random encodings.
 *
 *   xcheck [-a ALLOWLIST] [-n CLASSES] elf SET FILE...
 *       every instruction llvm-objdump shows in the files' executable
 *       sections; SET names the input set in the report
 *   xcheck [-a ALLOWLIST] [-n CLASSES] random ARCH N [SEED]
 *       N random encodings per encoding space of ARCH (a space of at
 *       most N encodings is enumerated instead)
 *
 * Exit status: 0 every disagreement is explained by the allowlist, 1 some
 * are not, 2 usage or tool error, 77 llvm-objdump is missing. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/machine.h"
#include "sim/mem.h"
#include "xcheck.h"

static struct mem dummy_mem;

/* A CPU in its reset state (the highest privilege level, so privileged
 * encodings count as implemented); no guest memory: the kernel text is
 * placed where no decoded address can reach it. */
static struct cpu *new_cpu(const struct arch *a)
{
    if (!guest_mem) {
        dummy_mem.ktext_base = UINT64_MAX - (1u << 20);
        guest_mem = &dummy_mem;
    }
    struct cpu *c = calloc(1, a->cpu_size);
    if (!c) {
        fprintf(stderr, "xcheck: out of memory\n");
        exit(2);
    }
    c->arch = a;
    c->insn_limit = UINT64_MAX;
    a->reset(c);
    return c;
}

/* trapeze's view of the instruction at addr, and whether decode() gives it
 * a handler other than the undefined-instruction trap (kept in the view,
 * the report names it) */
static void ours(const struct arch *a, struct cpu *c, uint64_t addr, const uint8_t *b,
                 unsigned n, struct view *v, bool *exec)
{
    char raw[TEXT_MAX];
    memset(v, 0, sizeof *v);
    v->len = a->disasm(addr, b, n, raw, sizeof raw);
    v->valid = v->len && strcmp(raw, "<unknown>");
    norm_llvm(v->len ? raw : "<unknown>", v->text, sizeof v->text);
    struct dinsn d;
    memset(&d, 0, sizeof d);
    unsigned dl = a->decode(c, addr, b, n, &d);
    *exec = dl && d.fn && d.fn != a->undef;
    if (*exec)
        v->handler = (const void *)(uintptr_t)d.fn;
}

/* A prefix that llvm-objdump prints as an instruction of its own (and
 * Capstone as part of the next one). */
static bool lone_prefix(const char *t)
{
    static const char *const p[] = { "lock", "rep", "repne", "data16", "addr32", "cs", "ds",
                                     "es", "ss", "fs", "gs", "notrack", "xacquire", "xrelease",
                                     "bnd", NULL };
    for (int i = 0; p[i]; i++)
        if (!strcmp(t, p[i]))
            return true;
    return false;
}

struct ctx {
    const struct arch *a;
    struct cpu *c;
    struct cs *cs;
    struct tally *tl, *tc;
};

/* Judge one instruction: trapeze against llvm-objdump's view ref, then
 * against Capstone's. */
static void judge(struct ctx *x, uint64_t addr, const uint8_t *b, unsigned n,
                  const struct view *ref, bool check_len)
{
    struct view o;
    bool exec;
    ours(x->a, x->c, addr, b, n, &o, &exec);
    bool same = tally_add(x->tl, b, n, ref, &o, exec, check_len, true) < 0;
    if (!x->cs)
        return;
    struct view oc = o, cv;
    if (o.valid && o.len == 1 && n > 1 && lone_prefix(o.text)) {
        struct view o2;
        bool e2;
        ours(x->a, x->c, addr + 1, b + 1, n - 1, &o2, &e2);
        if (o2.valid) {
            snprintf(oc.text, sizeof oc.text, "%.40s %.200s", o.text, o2.text);
            oc.len = 1 + o2.len;
        }
    }
    if (oc.valid) {
        char t[TEXT_MAX];
        norm_cs(x->a->name, oc.text, t, sizeof t);
        strcpy(oc.text, t);
    }
    cs_view(x->cs, addr, b, n, &cv);
    tally_add(x->tc, b, n, &cv, &oc, exec, check_len, same);
}

static const struct arch *arch_of(const char *name)
{
    for (unsigned i = 0; i < narch_table; i++)
        if (arch_table[i].cpu && !strcmp(arch_table[i].cpu->name, name))
            return arch_table[i].cpu;
    return NULL;
}

static const struct arch *arch_of_machine(uint16_t m)
{
    for (unsigned i = 0; i < narch_table; i++)
        if (arch_table[i].cpu && arch_table[i].cpu->e_machine == m)
            return arch_table[i].cpu;
    return NULL;
}

static int check_elf(const char *set, const char *path)
{
    struct elf_in e;
    if (elf_open_in(path, &e))
        return -1;
    const struct arch *a = arch_of_machine(e.machine);
    const struct xarch *xa = a ? xarch_find(a->name) : NULL;
    if (!a || !xa || !a->disasm || !a->decode) {
        fprintf(stderr, "xcheck: %s: no decoder for ELF machine %u\n", path, e.machine);
        elf_close_in(&e);
        return -1;
    }
    struct llvm_out lo;
    if (llvm_dump(path, NULL, true, &lo)) {
        elf_close_in(&e);
        return -1;
    }
    bool words = a->max_insn_len <= 4;
    struct ctx x = { a, new_cpu(a), cs_new(xa), NULL, NULL };
    x.tl = tally_new(a->name, set, "llvm", true, words);
    x.tc = x.cs ? tally_new(a->name, set, "capstone", true, words) : NULL;
    for (size_t i = 0; i < lo.n; i++) {
        const struct llvm_line *l = &lo.v[i];
        const char *text = lo.pool + l->text;
        if (text[0] == '.')         /* data directives (.word ...) */
            continue;
        unsigned n;
        const uint8_t *b = elf_bytes(&e, l->addr, a->max_insn_len, &n);
        if (!b || !n)
            continue;
        struct view r;
        memset(&r, 0, sizeof r);
        norm_llvm(text, r.text, sizeof r.text);
        r.valid = strcmp(r.text, "<unknown>") != 0;
        r.len = l->len;
        judge(&x, l->addr, b, n, &r, true);
    }
    cs_del(x.cs);
    free(x.c);
    llvm_free(&lo);
    elf_close_in(&e);
    return 0;
}

/* splitmix64: seeded, so a run repeats */
static uint64_t rng_state;
static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static bool in_space(const struct space *s, uint32_t w)
{
    return (w & s->mask) == s->match && (w & s->xmask) != s->xmatch;
}

static int check_space(const struct arch *a, const struct xarch *xa, const struct space *sp,
                       unsigned long n, uint64_t seed)
{
    unsigned width = sp->width;
    bool slots = width > 4;         /* random byte strings, one instruction each */
    uint64_t size = slots ? 0 : (uint64_t)1 << (8 * width);
    bool all = size && size <= n;
    if (all) {
        n = 0;
        for (uint64_t w = 0; w < size; w++)
            n += in_space(sp, (uint32_t)w);
    }
    uint8_t *code = malloc(n * width);
    if (!code) {
        fprintf(stderr, "xcheck: out of memory\n");
        return -1;
    }
    rng_state = seed;
    if (all) {
        size_t k = 0;
        for (uint64_t w = 0; w < size; w++)
            if (in_space(sp, (uint32_t)w))
                for (unsigned b = 0; b < width; b++)
                    code[k++] = (uint8_t)(w >> (8 * b));
    } else if (slots) {
        for (size_t k = 0; k < n * width; k += 8) {
            uint64_t r = rng();
            memcpy(code + k, &r, width - k % width < 8 ? width - k % width : 8);
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            uint32_t w;
            do
                w = (uint32_t)rng();
            while (!in_space(sp, w));
            for (unsigned b = 0; b < width; b++)
                code[i * width + b] = (uint8_t)(w >> (8 * b));
        }
    }
    char path[] = "/tmp/xcheck.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        free(code);
        return -1;
    }
    close(fd);
    struct llvm_out lo;
    char opts[256];
    snprintf(opts, sizeof opts, "-z --triple=%s%s%s", xa->llvm_triple,
             xa->llvm_mattr ? " --mattr=" : "", xa->llvm_mattr ? xa->llvm_mattr : "");
    int err = elf_write_text(path, a->e_machine, xa->elf_flags, code, n * width,
                             slots ? width : 0) ||
              llvm_dump(path, opts, false, &lo);
    unlink(path);
    if (err) {
        free(code);
        return -1;
    }
    char set[64];
    snprintf(set, sizeof set, "random %s%s", sp->name, all ? " (all)" : "");
    bool words = a->max_insn_len <= 4;
    struct ctx x = { a, new_cpu(a), cs_new(xa), NULL, NULL };
    x.tl = tally_new(a->name, set, "llvm", false, words);
    x.tc = x.cs ? tally_new(a->name, set, "capstone", false, words) : NULL;
    size_t li = 0;
    unsigned long lost = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t addr = (uint64_t)i * width;
        const uint8_t *b = code + addr;
        unsigned nb = slots ? a->max_insn_len : width;
        while (li < lo.n && lo.v[li].addr < addr)
            li++;
        if (li >= lo.n || lo.v[li].addr != addr) {
            lost++;         /* llvm-objdump went out of step: cannot happen for fixed widths */
            continue;
        }
        struct view r;
        memset(&r, 0, sizeof r);
        norm_llvm(lo.pool + lo.v[li].text, r.text, sizeof r.text);
        r.valid = strcmp(r.text, "<unknown>") != 0;
        /* the length llvm took: up to its next line in this slot */
        if (slots)
            r.len = li + 1 < lo.n && lo.v[li + 1].addr < addr + width ?
                    (unsigned)(lo.v[li + 1].addr - addr) : 0;
        judge(&x, addr, b, nb, &r, slots);
    }
    if (lost)
        fprintf(stderr, "xcheck: %s %s: %lu encodings without an llvm-objdump line\n",
                a->name, sp->name, lost);
    cs_del(x.cs);
    free(x.c);
    llvm_free(&lo);
    free(code);
    return lost ? -1 : 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: xcheck [-a ALLOWLIST] [-n CLASSES] elf SET FILE...\n"
                    "       xcheck [-a ALLOWLIST] [-n CLASSES] random ARCH N [SEED]\n");
    return 2;
}

int main(int argc, char **argv)
{
    unsigned max_classes = 40;
    int opt;
    while ((opt = getopt(argc, argv, "+a:n:")) != -1) {
        switch (opt) {
        case 'a':
            if (allow_load(optarg))
                return 2;
            break;
        case 'n':
            max_classes = (unsigned)strtoul(optarg, NULL, 0);
            break;
        default:
            return usage();
        }
    }
    argc -= optind;
    argv += optind;
    if (argc < 2)
        return usage();
    char probe[256];
    snprintf(probe, sizeof probe, "%s --version > /dev/null 2>&1", llvm_objdump());
    if (system(probe) != 0) {
        printf("no %s\n", llvm_objdump());
        return 77;
    }
    int err = 0;
    if (!strcmp(argv[0], "elf") && argc >= 3) {
        for (int i = 2; i < argc; i++)
            err |= check_elf(argv[1], argv[i]) != 0;
    } else if (!strcmp(argv[0], "random") && (argc == 3 || argc == 4)) {
        const struct arch *a = arch_of(argv[1]);
        const struct xarch *xa = xarch_find(argv[1]);
        if (!a || !xa) {
            fprintf(stderr, "xcheck: unknown arch %s\n", argv[1]);
            return 2;
        }
        char *e;
        errno = 0;
        unsigned long n = strtoul(argv[2], &e, 0);
        uint64_t seed = argc == 4 ? strtoull(argv[3], NULL, 0) : 1;
        if (*e || errno || !n || n > 100000000)
            return usage();
        for (const struct space *sp = xa->spaces; sp < xa->spaces + 3 && sp->width; sp++)
            err |= check_space(a, xa, sp, n, seed) != 0;
    } else {
        return usage();
    }
    printf("xcheck: references %s and %s\n", llvm_objdump(), cs_version_str());
    unsigned bad = report(stdout, max_classes);
    if (err)
        return 2;
    return bad ? 1 : 0;
}
