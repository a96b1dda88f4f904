/* The aarch64 CPU model as the engine sees it (struct arch). */
#include <elf.h>

#include "a64.h"
#include "../../decoders/aarch64/decode.h"

void a64_mem_fault(struct cpu *c, uint64_t pc, uint64_t addr,
                   enum access acc, bool mapped);

static void a64_reset(struct cpu *c)
{
    struct a64_cpu *s = A(c);
    memset((char *)s + sizeof(struct cpu), 0, sizeof *s - sizeof(struct cpu));
    s->el = 1;
    s->spsel = 1;
    s->daif = PS_DAIF;
    s->syscallno = -1;
}

static bool a64_privileged(struct cpu *c)
{
    return A(c)->el != 0;
}

/* gdb's aarch64 core + fpu feature order */
static struct reg_desc regs[32 + 3 + 32 + 2];
static const char *const gprn[] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10",
    "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20",
    "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30",
};
static const char *const vn[] = {
    "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10",
    "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20",
    "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31",
};

__attribute__((constructor)) static void regs_init(void)
{
    for (unsigned i = 0; i < 31; i++)
        regs[i] = (struct reg_desc){ gprn[i], 64, RK_INT, 0 };
    regs[31] = (struct reg_desc){ "sp", 64, RK_DATA_PTR, 0 };
    regs[32] = (struct reg_desc){ "pc", 64, RK_CODE_PTR, 0 };
    regs[33] = (struct reg_desc){ "cpsr", 32, RK_INT, 0 };
    for (unsigned i = 0; i < 32; i++)
        regs[34 + i] = (struct reg_desc){ vn[i], 128, RK_VEC, 1 };
    regs[66] = (struct reg_desc){ "fpsr", 32, RK_INT, 1 };
    regs[67] = (struct reg_desc){ "fpcr", 32, RK_INT, 1 };
}

/* Stopped inside the kernel's vector stub (a signal or syscall stop):
 * the debugger sees the user context the kernel will return to, as with
 * ptrace on Linux. */
static bool in_kernel_stub(struct cpu *c)
{
    return A(c)->el && guest_mem && c->pc - guest_mem->ktext_base < sizeof guest_mem->ktext;
}

static int a64_reg_get(struct cpu *c, unsigned i, void *out)
{
    struct a64_cpu *s = A(c);
    bool user = in_kernel_stub(c);
    uint64_t v;
    if (i < 31) v = s->x[i];
    else if (i == 31) v = user ? s->sp_el0 : s->x[31];
    else if (i == 32) v = user ? s->elr_el1 : c->pc;
    else if (i == 33) {
        uint32_t p = (uint32_t)(user ? s->spsr_el1 : a64_get_pstate(s));
        memcpy(out, &p, 4);
        return 4;
    }
    else if (i < 66) { memcpy(out, &s->v[i - 34], 16); return 16; }
    else if (i == 66) { memcpy(out, &s->fpsr, 4); return 4; }
    else if (i == 67) { memcpy(out, &s->fpcr, 4); return 4; }
    else return -1;
    memcpy(out, &v, 8);
    return 8;
}

static int a64_reg_set(struct cpu *c, unsigned i, const void *in)
{
    struct a64_cpu *s = A(c);
    bool user = in_kernel_stub(c);
    if (i < 31) { memcpy(&s->x[i], in, 8); return 8; }
    if (i == 31) { memcpy(user ? &s->sp_el0 : &s->x[31], in, 8); return 8; }
    if (i == 32) { memcpy(user ? &s->elr_el1 : &c->pc, in, 8); return 8; }
    if (i == 33) {
        uint32_t p;
        memcpy(&p, in, 4);
        if (user)
            s->spsr_el1 = (s->spsr_el1 & ~(uint64_t)PS_NZCV) | (p & PS_NZCV);
        else
            s->nzcv = p & PS_NZCV;
        return 4;
    }
    if (i < 66) { memcpy(&s->v[i - 34], in, 16); return 16; }
    if (i == 66) { memcpy(&s->fpsr, in, 4); return 4; }
    if (i == 67) { memcpy(&s->fpcr, in, 4); return 4; }
    return -1;
}

const struct arch arch_aarch64 = {
    .name = "aarch64",
    .e_machine = EM_AARCH64,
    .cpu_size = sizeof(struct a64_cpu),
    .max_insn_len = 4,
    .reset = a64_reset,
    .decode = a64_decode,
    .disasm = a64_disasm,
    .undef = a_undef,
    .mem_fault = a64_mem_fault,
    .interrupt = a64_interrupt,
    .nregs = sizeof regs / sizeof regs[0],
    .regs = regs,
    .reg_get = a64_reg_get,
    .reg_set = a64_reg_set,
    .privileged = a64_privileged,
};
