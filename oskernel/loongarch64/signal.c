/* LoongArch signal frames: re-implements arch/loongarch/kernel/signal.c
 * (setup_rt_frame, setup_sigcontext with its extension records, and
 * sys_rt_sigreturn).  Layout facts: shared/abi/signals.md §5.
 *
 *   frame + 0    siginfo (128, always written)
 *   frame + 128  ucontext (448): uc_flags, uc_link, uc_stack @16,
 *                uc_sigmask @40, uc_mcontext (sigcontext) @176
 *   frame + 576  [FPU record 288] END record (16, size 0)
 */
#include <string.h>

#include "../../sim/loongarch64/la.h"
#include "../kernel.h"
#include "../signal.h"
#include "../vdso.h"

enum {
    FR_INFO = 0, FR_UC = 128, UC_STACK = 16, UC_SIGMASK = 40, UC_MCONTEXT = 176,
    RT_SIGFRAME_SIZE = 576, SC_PC = 0, SC_REGS = 8, SC_FLAGS = 264,
    FPU_MAGIC = 0x46505501, FPU_BODY = 272, FPU_REC = 288, END_REC = 16,
    SC_USED_FP = 1, SC_ADDRERR_RD = 1 << 30, SC_ADDRERR_WR = 1u << 31,
};
_Static_assert(FR_UC + UC_MCONTEXT + SC_FLAGS + 8 == RT_SIGFRAME_SIZE,
               "sigcontext ends where the extension records start");

static uint64_t pack_fcc(const struct la_cpu *s)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v |= (uint64_t)(s->fcc[i] & 1) << (8 * i);
    return v;
}

/* Bytes the kernel writes go through put_le*; bytes it leaves alone
 * (padding, __unused) are never written, as in Linux. */
static int put64(uint64_t a, uint64_t v) { return put_user_u64(a, v); }
static int put32(uint64_t a, uint32_t v) { return put_user_u32(a, v); }

int la_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                             const struct ksiginfo *info, uint64_t blocked)
{
    struct la_cpu *s = LA(c);
    uint64_t sp = s->r[3];
    uint64_t top = signal_frame_top(ka, sp) & ~15ull;
    bool fp = (s->euen & EUEN_FPE) != 0;
    uint64_t end = top - END_REC;
    uint64_t fpu = end - FPU_REC;
    uint64_t frame = (fp ? fpu : end) - RT_SIGFRAME_SIZE;
    if (signal_on_altstack(top) && !signal_on_altstack(top - RT_SIGFRAME_SIZE))
        return -EFAULT;

    uint64_t uc = frame + FR_UC, sc = uc + UC_MCONTEXT;
    uint64_t ss_sp, ss_size;
    uint32_t ss_flags;
    signal_uc_stack(&ss_sp, &ss_flags, &ss_size);
    uint32_t flags = (fp ? SC_USED_FP : 0) |
                     (s->addr_err == 1 ? SC_ADDRERR_RD : 0) |
                     (s->addr_err == 2 ? SC_ADDRERR_WR : 0);
    int err = copy_to_user(frame + FR_INFO, info->b, sizeof info->b);
    err |= put64(uc, 0) | put64(uc + 8, 0);
    err |= put64(uc + UC_STACK, ss_sp) | put32(uc + UC_STACK + 8, ss_flags) |
           put64(uc + UC_STACK + 16, ss_size);
    err |= put64(sc + SC_PC, s->era);
    err |= put32(sc + SC_FLAGS, flags);
    err |= put64(sc + SC_REGS, 0);
    for (int i = 1; i < 32; i++)
        err |= put64(sc + SC_REGS + 8 * i, s->r[i]);
    if (fp) {
        err |= put32(fpu, FPU_MAGIC) | put32(fpu + 4, FPU_REC);
        for (int i = 0; i < 32; i++)
            err |= put64(fpu + 16 + 8 * i, s->f[i]);
        err |= put64(fpu + 16 + 256, pack_fcc(s));
        err |= put32(fpu + 16 + 264, s->fcsr);
    }
    err |= put32(end, 0) | put32(end + 4, 0);
    err |= put64(uc + UC_SIGMASK, blocked);
    if (err)
        return -EFAULT;

    s->r[4] = (uint64_t)sig;
    s->r[5] = frame + FR_INFO;
    s->r[6] = uc;
    s->r[3] = frame;
    s->r[1] = vdso_symbol("__vdso_rt_sigreturn");
    s->era = ka->handler;
    return 0;
}

long la_rt_sigreturn(struct cpu *c)
{
    struct la_cpu *s = LA(c);
    uint64_t frame = s->r[3], uc = frame + FR_UC, sc = uc + UC_MCONTEXT;
    uint64_t mask, ss_sp, ss_size, pc, regs[32], fregs[32], fcc = 0;
    uint32_t ss_flags, flags, fcsr = 0;
    bool have_fpu = false;

    if (get_user_u64(&mask, uc + UC_SIGMASK) || get_user_u64(&ss_sp, uc + UC_STACK) ||
        get_user_u32(&ss_flags, uc + UC_STACK + 8) || get_user_u64(&ss_size, uc + UC_STACK + 16) ||
        get_user_u64(&pc, sc + SC_PC) || get_user_u32(&flags, sc + SC_FLAGS) ||
        copy_from_user(regs, sc + SC_REGS, sizeof regs))
        return -EFAULT;
    /* walk the extension records up to END */
    for (uint64_t p = frame + RT_SIGFRAME_SIZE;;) {
        uint32_t magic, size;
        if (get_user_u32(&magic, p) || get_user_u32(&size, p + 4))
            return -EFAULT;
        if (magic == 0)
            break;
        if (magic != FPU_MAGIC || size < 16 + FPU_BODY)
            return -EFAULT;
        if (copy_from_user(fregs, p + 16, sizeof fregs) ||
            get_user_u64(&fcc, p + 16 + 256) || get_user_u32(&fcsr, p + 16 + 264))
            return -EFAULT;
        have_fpu = true;
        p += size;
    }
    signal_restore_mask_and_stack(c, mask, ss_sp, ss_flags, ss_size);
    s->era = pc;
    for (int i = 1; i < 32; i++)
        s->r[i] = regs[i];
    if (!(flags & SC_USED_FP))
        s->euen &= ~(uint64_t)EUEN_FPE;
    if (have_fpu) {
        memcpy(s->f, fregs, sizeof fregs);
        for (int i = 0; i < 8; i++)
            s->fcc[i] = (fcc >> (8 * i)) & 1;
        s->fcsr = fcsr & FCSR_MASK;
        /* a restored cause whose exception is enabled would trap at once:
         * the kernel clears it and sends SIGFPE instead */
        uint32_t pend = (s->fcsr >> FCSR_CAUSE_SHIFT) & s->fcsr & 0x1f;
        if (pend) {
            s->fcsr &= ~(pend << FCSR_CAUSE_SHIFT);
            struct ksiginfo si;
            siginfo_init(&si, 8 /* SIGFPE */, KSI_KERNEL);
            signal_send_thread(c->tid, 8, &si);
        }
    }
    return (long)s->r[4];
}
