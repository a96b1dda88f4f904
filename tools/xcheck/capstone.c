/* The Capstone reference (Capstone 4: x86 in AT&T syntax, as llvm-objdump
 * prints it, and AArch64).  Without Capstone every view is "absent". */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "xcheck.h"

#if HAVE_CAPSTONE
#include <capstone/capstone.h>

struct cs {
    csh h;
    cs_insn *insn;
    const char *arch;
};

struct cs *cs_new(const struct xarch *xa)
{
    if (!xa || xa->cs_arch < 0)
        return NULL;
    struct cs *c = calloc(1, sizeof *c);
    if (!c || cs_open(xa->cs_arch, xa->cs_mode, &c->h) != CS_ERR_OK) {
        free(c);
        return NULL;
    }
    if (xa->cs_arch == CS_ARCH_X86)
        cs_option(c->h, CS_OPT_SYNTAX, CS_OPT_SYNTAX_ATT);
    c->insn = cs_malloc(c->h);
    c->arch = xa->name;
    return c;
}

void cs_view(struct cs *c, uint64_t addr, const uint8_t *b, unsigned n, struct view *v)
{
    const uint8_t *p = b;
    size_t left = n;
    uint64_t a = addr;
    memset(v, 0, sizeof *v);
    if (!cs_disasm_iter(c->h, &p, &left, &a, c->insn)) {
        strcpy(v->text, "<unknown>");
        return;
    }
    char raw[TEXT_MAX];
    snprintf(raw, sizeof raw, "%s%s%s", c->insn->mnemonic, c->insn->op_str[0] ? "\t" : "",
             c->insn->op_str);
    v->valid = true;
    v->len = c->insn->size;
    norm_cs(c->arch, raw, v->text, sizeof v->text);
}

void cs_del(struct cs *c)
{
    if (!c)
        return;
    cs_free(c->insn, 1);
    cs_close(&c->h);
    free(c);
}

const char *cs_version_str(void)
{
    static char s[32];
    int maj, min;
    cs_version(&maj, &min);
    snprintf(s, sizeof s, "Capstone %d.%d", maj, min);
    return s;
}
#else
struct cs *cs_new(const struct xarch *xa) { return NULL; }
void cs_view(struct cs *c, uint64_t addr, const uint8_t *b, unsigned n, struct view *v) {}
void cs_del(struct cs *c) {}
const char *cs_version_str(void) { return "no Capstone"; }
#endif
