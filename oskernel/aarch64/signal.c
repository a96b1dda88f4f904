/* aarch64 signal frames: re-implements arch/arm64/kernel/signal.c
 * (setup_rt_frame, setup_sigframe with its __reserved records,
 * sys_rt_sigreturn / restore_sigframe).  Layout facts:
 * shared/abi/signals.md §3.
 *
 *   frame + 0     siginfo (128, written only with SA_SIGINFO)
 *   frame + 128   ucontext: uc_flags, uc_link, uc_stack @16, uc_sigmask @40,
 *                 uc_mcontext (sigcontext) @176
 *   frame + 304   sigcontext: fault_address, regs[31], sp, pc, pstate,
 *                 __reserved[4096] @288 (frame + 592)
 *   frame + 592   fpsimd_context (528), [esr_context (16)], terminator
 *   frame + 4688  frame record {x29, x30}; x29 points here
 */
#include <string.h>

#include "../../sim/aarch64/a64.h"
#include "../kernel.h"
#include "../signal.h"
#include "../vdso.h"

enum {
    FR_INFO = 0, FR_UC = 128, UC_STACK = 16, UC_SIGMASK = 40, UC_MCONTEXT = 176,
    SC_FAULT = 0, SC_REGS = 8, SC_SP = 256, SC_PC = 264, SC_PSTATE = 272, SC_RESERVED = 288,
    RT_SIGFRAME_SIZE = 4688, RESERVED_SIZE = 4096,
    FPSIMD_MAGIC = 0x46508001, FPSIMD_SIZE = 528,
    ESR_MAGIC = 0x45535201, ESR_SIZE = 16,
};
_Static_assert(FR_UC + UC_MCONTEXT + SC_RESERVED + RESERVED_SIZE == RT_SIGFRAME_SIZE,
               "rt_sigframe is siginfo + ucontext");

static int put64(uint64_t a, uint64_t v) { return put_user_u64(a, v); }
static int put32(uint64_t a, uint32_t v) { return put_user_u32(a, v); }

int a64_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                       const struct ksiginfo *info, uint64_t blocked)
{
    struct a64_cpu *s = A(c);
    uint64_t sp = s->sp_el0;
    uint64_t top = signal_frame_top(ka, sp);
    uint64_t rec = (top - 16) & ~15ull;
    uint64_t frame = rec - RT_SIGFRAME_SIZE;
    if (signal_on_altstack(top) && !signal_on_altstack(frame))
        return -EFAULT;

    uint64_t uc = frame + FR_UC, sc = uc + UC_MCONTEXT, res = sc + SC_RESERVED;
    uint64_t ss_sp, ss_size;
    uint32_t ss_flags;
    signal_uc_stack(&ss_sp, &ss_flags, &ss_size);
    int err = 0;
    /* the frame record, as a function prologue would push it */
    err |= put64(rec, s->x[29]) | put64(rec + 8, s->x[30]);
    err |= put64(uc, 0) | put64(uc + 8, 0);
    err |= put64(uc + UC_STACK, ss_sp) | put32(uc + UC_STACK + 8, ss_flags) |
           put64(uc + UC_STACK + 16, ss_size);
    err |= put64(uc + UC_SIGMASK, blocked);
    err |= put64(sc + SC_FAULT, s->fault_address);
    for (int i = 0; i < 31; i++)
        err |= put64(sc + SC_REGS + 8 * i, s->x[i]);
    err |= put64(sc + SC_SP, sp) | put64(sc + SC_PC, s->elr_el1) | put64(sc + SC_PSTATE, s->spsr_el1);
    /* records */
    uint64_t p = res;
    err |= put32(p, FPSIMD_MAGIC) | put32(p + 4, FPSIMD_SIZE);
    err |= put32(p + 8, s->fpsr) | put32(p + 12, s->fpcr);
    err |= copy_to_user(p + 16, s->v, 32 * 16);
    p += FPSIMD_SIZE;
    if (s->fault_code) {
        err |= put32(p, ESR_MAGIC) | put32(p + 4, ESR_SIZE) | put64(p + 8, s->fault_code);
        p += ESR_SIZE;
    }
    err |= put32(p, 0) | put32(p + 4, 0);
    if (ka->flags & KSA_SIGINFO)
        err |= copy_to_user(frame + FR_INFO, info->b, sizeof info->b);
    if (err)
        return -EFAULT;

    s->x[0] = (uint64_t)sig;
    if (ka->flags & KSA_SIGINFO) {
        s->x[1] = frame + FR_INFO;
        s->x[2] = uc;
    }
    s->sp_el0 = frame;
    s->x[29] = rec;
    s->x[30] = (ka->flags & KSA_RESTORER) ? ka->restorer : vdso_symbol("__kernel_rt_sigreturn");
    s->elr_el1 = ka->handler;
    return 0;
}

long a64_rt_sigreturn(struct cpu *c)
{
    struct a64_cpu *s = A(c);
    uint64_t frame = s->sp_el0, uc = frame + FR_UC, sc = uc + UC_MCONTEXT;
    uint64_t mask, ss_sp, ss_size, regs[31], sp, pc, pstate;
    uint32_t ss_flags, fpsr = 0, fpcr = 0;
    a64_vreg v[32];
    bool have_fpsimd = false;

    if (frame & 15)
        return -EFAULT;
    if (get_user_u64(&mask, uc + UC_SIGMASK) || get_user_u64(&ss_sp, uc + UC_STACK) ||
        get_user_u32(&ss_flags, uc + UC_STACK + 8) || get_user_u64(&ss_size, uc + UC_STACK + 16) ||
        copy_from_user(regs, sc + SC_REGS, sizeof regs) || get_user_u64(&sp, sc + SC_SP) ||
        get_user_u64(&pc, sc + SC_PC) || get_user_u64(&pstate, sc + SC_PSTATE))
        return -EFAULT;
    /* valid_user_regs: RES0 bits dropped; EL0t, AArch64, DAIF clear */
    pstate &= 0xf0000000ull | 0x3c0 | 0x1f | (1ull << 21) | (1ull << 12) | (0x3ull << 10) | (1ull << 25);
    if ((pstate & 0x1f) != 0 || (pstate & 0x3c0))
        return -EFAULT;
    for (uint64_t p = sc + SC_RESERVED, end = p + RESERVED_SIZE;;) {
        uint32_t magic, size;
        if (p + 8 > end || get_user_u32(&magic, p) || get_user_u32(&size, p + 4))
            return -EFAULT;
        if (magic == 0) {
            if (size)
                return -EFAULT;
            break;
        }
        if (size < 8 || (size & 15) || p + size > end)
            return -EFAULT;
        if (magic == FPSIMD_MAGIC) {
            if (size != FPSIMD_SIZE || have_fpsimd)
                return -EFAULT;
            if (get_user_u32(&fpsr, p + 8) || get_user_u32(&fpcr, p + 12) ||
                copy_from_user(v, p + 16, sizeof v))
                return -EFAULT;
            have_fpsimd = true;
        } else if (magic != ESR_MAGIC) {
            return -EFAULT;
        }
        p += size;
    }
    if (!have_fpsimd)
        return -EFAULT;
    signal_restore_mask_and_stack(c, mask, ss_sp, ss_flags, ss_size);
    memcpy(s->x, regs, sizeof regs);
    s->sp_el0 = sp;
    s->elr_el1 = pc;
    s->spsr_el1 = pstate;
    s->fpsr = fpsr & 0x0800009fu;
    s->fpcr = fpcr & 0x07c80000u;
    memcpy(s->v, v, sizeof v);
    s->syscallno = -1;
    return (long)s->x[0];
}
