/* riscv64 signal frames: arch/riscv/kernel/signal.c (setup_rt_frame,
 * restore_sigcontext) and include/uapi/asm/{ucontext,sigcontext}.h.
 * Layout, offsets from the frame (shared/abi/signals.md section 4):
 *   0    siginfo (128, always written)
 *   128  ucontext: uc_flags, uc_link, uc_stack{sp,flags,size},
 *        uc_sigmask at +40, uc_mcontext (sigcontext) at +176
 *   304  sigcontext: pc, x1..x31; f[32] at +256; fcsr at +512;
 *        extension header at +772 (reserved u32 = 0), END {0,0} at +776
 *   1088 end (rv64gc has no extension records) */
#include <string.h>

#include "../kernel.h"
#include "../signal.h"
#include "../vdso.h"
#include "../../sim/riscv64/rv.h"

enum {
    FR_INFO = 0, FR_UC = 128, FRAME_SIZE = 1088,
    UC_FLAGS = 0, UC_LINK = 8, UC_STACK = 16, UC_SIGMASK = 40, UC_MCONTEXT = 176,
    SC_PC = 0, SC_REGS = 0, SC_FPREGS = 256, SC_FCSR = 512,
    SC_EXT_RESERVED = 772, SC_EXT_HDR = 776,
};
_Static_assert(FR_UC + UC_MCONTEXT + SC_EXT_HDR + 8 == FRAME_SIZE, "rt_sigframe size");

static int put64(uint64_t a, uint64_t v) { return put_user_u64(a, v); }
static int put32(uint64_t a, uint32_t v) { return put_user_u32(a, v); }

int rv_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                      const struct ksiginfo *info, uint64_t blocked);
long rv_rt_sigreturn(struct cpu *c);

int rv_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                      const struct ksiginfo *info, uint64_t blocked)
{
    struct rv_cpu *r = RV(c);
    uint64_t sp = r->x[2];
    uint64_t top = signal_frame_top(ka, sp);
    uint64_t frame = (top - FRAME_SIZE) & ~15ull;
    if (signal_on_altstack(sp) && !signal_on_altstack(frame))
        return -EFAULT;
    uint64_t uc = frame + FR_UC, sc = uc + UC_MCONTEXT;
    uint64_t ss_sp, ss_size;
    uint32_t ss_flags;
    signal_uc_stack(&ss_sp, &ss_flags, &ss_size);

    int err = copy_to_user(frame + FR_INFO, info->b, sizeof info->b);
    err |= put64(uc + UC_FLAGS, 0) | put64(uc + UC_LINK, 0);
    err |= put64(uc + UC_STACK, ss_sp) | put32(uc + UC_STACK + 8, ss_flags) |
           put32(uc + UC_STACK + 12, 0) | put64(uc + UC_STACK + 16, ss_size);
    err |= put64(sc + SC_PC, r->sepc);
    for (int i = 1; i < 32; i++)
        err |= put64(sc + SC_REGS + 8 * i, r->x[i]);
    for (int i = 0; i < 32; i++)
        err |= put64(sc + SC_FPREGS + 8 * i, r->f[i]);
    err |= put32(sc + SC_FCSR, r->frm << 5 | r->fflags) | put32(sc + SC_FCSR + 4, 0);
    err |= put32(sc + SC_EXT_RESERVED, 0);
    err |= put32(sc + SC_EXT_HDR, 0) | put32(sc + SC_EXT_HDR + 4, 0);
    err |= put64(uc + UC_SIGMASK, blocked);
    if (err)
        return -EFAULT;

    r->x[10] = (uint64_t)sig;
    r->x[11] = frame + FR_INFO;
    r->x[12] = uc;
    r->x[2] = frame;
    r->x[1] = vdso_symbol("__vdso_rt_sigreturn");
    r->sepc = ka->handler;
    return 0;
}

long rv_rt_sigreturn(struct cpu *c)
{
    struct rv_cpu *r = RV(c);
    uint64_t frame = r->x[2], uc = frame + FR_UC, sc = uc + UC_MCONTEXT;
    uint64_t mask, ss_sp, ss_size, regs[32], fregs[32];
    uint32_t ss_flags, fcsr, reserved, magic, size;
    if (get_user_u64(&mask, uc + UC_SIGMASK) || get_user_u64(&ss_sp, uc + UC_STACK) ||
        get_user_u32(&ss_flags, uc + UC_STACK + 8) || get_user_u64(&ss_size, uc + UC_STACK + 16) ||
        copy_from_user(regs, sc + SC_REGS, sizeof regs) ||
        copy_from_user(fregs, sc + SC_FPREGS, sizeof fregs) ||
        get_user_u32(&fcsr, sc + SC_FCSR) || get_user_u32(&reserved, sc + SC_EXT_RESERVED) ||
        get_user_u32(&magic, sc + SC_EXT_HDR) || get_user_u32(&size, sc + SC_EXT_HDR + 4))
        return -EFAULT;
    /* no V or shadow-stack state exists here: only END is valid */
    if (reserved || magic || size)
        return -EFAULT;
    signal_restore_mask_and_stack(c, mask, ss_sp, ss_flags, ss_size);
    r->sepc = regs[0];
    for (int i = 1; i < 32; i++)
        r->x[i] = regs[i];
    memcpy(r->f, fregs, sizeof fregs);
    r->fflags = fcsr & 31;
    r->frm = (fcsr >> 5) & 7;
    r->sstatus |= SSTATUS_FS_DIRTY;
    r->res_valid = 0;
    return 0;
}
