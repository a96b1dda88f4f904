/* x86_64 signal frames: arch/x86/kernel/signal.c / signal_64.c
 * (x64_setup_rt_frame, restore_sigcontext), arch/x86/kernel/fpu/signal.c,
 * arch/x86/include/uapi/asm/{sigcontext,ucontext}.h; facts in
 * shared/abi/signals.md section 2.
 *
 * The model has FXSR but no XSAVE, so the FPU area is the 512-byte FXSAVE
 * image (64-byte aligned, magic1 in sw_reserved, no MAGIC2) and uc_flags is
 * UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS = 6.
 *   frame+0    pretcode = sa_restorer
 *   frame+8    ucontext: uc_flags, uc_link, uc_stack, uc_mcontext (+40),
 *              uc_sigmask (+296)
 *   frame+312  siginfo (only with SA_SIGINFO)
 *   frame+456  fpstate (when 64-aligned) */
#include <string.h>

#include "../../sim/x86_64/x86.h"
#include "../kernel.h"
#include "../signal.h"

enum {
    FR_PRETCODE = 0, FR_UC = 8, FR_INFO = 312, FRAME_SIZE = 440,
    UC_FLAGS = 0, UC_LINK = 8, UC_STACK = 16, UC_MCONTEXT = 40, UC_SIGMASK = 296,
    SC_R8 = 0, SC_RDI = 64, SC_RSI = 72, SC_RBP = 80, SC_RBX = 88, SC_RDX = 96,
    SC_RAX = 104, SC_RCX = 112, SC_RSP = 120, SC_RIP = 128, SC_EFLAGS = 136,
    SC_CS = 144, SC_GS = 146, SC_FS = 148, SC_SS = 150, SC_ERR = 152, SC_TRAPNO = 160,
    SC_OLDMASK = 168, SC_CR2 = 176, SC_FPSTATE = 184,
    FP_SIZE = 512, FP_SW_BYTES = 464,
};
#define UC_FLAGS_FXSR 6
#define FP_XSTATE_MAGIC1 0x46505853u
/* eflags bits sigreturn takes from the frame (FIX_EFLAGS) */
#define FIX_EFLAGS (FL_AC | FL_OF | FL_DF | FL_TF | FL_SF | FL_ZF | FL_AF | FL_PF | FL_CF | FL_RF)

/* sigcontext order of the GPRs r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp */
static const uint8_t sc_gpr[16] = { 8, 9, 10, 11, 12, 13, 14, 15, 7, 6, 5, 3, 2, 0, 1, 4 };

/* The user state the kernel will return to: RCX/R11 after syscall, else the iframe. */
static uint64_t cur_rip(struct x86_cpu *x) { return x->in_syscall ? x->r[1] : x->iframe.rip; }
static uint64_t cur_flags(struct x86_cpu *x) { return x->in_syscall ? x->r[11] : x->iframe.rflags; }

int x86_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                       const struct ksiginfo *info, uint64_t blocked);
long x86_rt_sigreturn(struct cpu *c);

int x86_setup_rt_frame(struct cpu *c, int sig, const struct ksigaction *ka,
                       const struct ksiginfo *info, uint64_t blocked)
{
    struct x86_cpu *x = X86(c);
    if (!(ka->flags & KSA_RESTORER))
        return -EFAULT;             /* x86_64 has no kernel trampoline */
    uint64_t rsp = x->r[4];
    uint64_t top = signal_frame_top(ka, rsp);
    if (top == rsp)
        top -= 128;                 /* the red zone */
    uint64_t fpstate = (top - FP_SIZE) & ~63ull;
    uint64_t frame = ((fpstate - FRAME_SIZE) & ~15ull) - 8;
    if (signal_on_altstack(top - 1) && !signal_on_altstack(frame))
        return -EFAULT;
    uint64_t uc = frame + FR_UC, sc = uc + UC_MCONTEXT;
    uint64_t ss_sp, ss_size;
    uint32_t ss_flags;
    signal_uc_stack(&ss_sp, &ss_flags, &ss_size);

    uint8_t fx[FP_SIZE];
    x86_fxsave(x, fx);
    put_le32(fx + FP_SW_BYTES, FP_XSTATE_MAGIC1);
    put_le32(fx + FP_SW_BYTES + 4, FP_SIZE + 4);
    put_le64(fx + FP_SW_BYTES + 8, 3);
    put_le32(fx + FP_SW_BYTES + 16, FP_SIZE);

    uint8_t b[FRAME_SIZE];
    memset(b, 0, sizeof b);
    put_le64(b + FR_PRETCODE, ka->restorer);
    uint8_t *u = b + FR_UC, *s = u + UC_MCONTEXT;
    put_le64(u + UC_FLAGS, UC_FLAGS_FXSR);
    put_le64(u + UC_LINK, 0);
    put_le64(u + UC_STACK, ss_sp);
    put_le32(u + UC_STACK + 8, ss_flags);
    put_le64(u + UC_STACK + 16, ss_size);
    for (int i = 0; i < 16; i++)
        put_le64(s + 8 * i, x->r[sc_gpr[i]]);
    put_le64(s + SC_RIP, cur_rip(x));
    put_le64(s + SC_EFLAGS, cur_flags(x));
    put_le16(s + SC_CS, 0x33);
    put_le16(s + SC_SS, 0x2b);
    put_le64(s + SC_ERR, x->err);
    put_le64(s + SC_TRAPNO, (uint64_t)x->trapno);
    put_le64(s + SC_OLDMASK, blocked);
    put_le64(s + SC_CR2, x->cr2);
    put_le64(s + SC_FPSTATE, fpstate);
    put_le64(u + UC_SIGMASK, blocked);
    /* reserved1[8] (sc+192..255) is not written by Linux: keep old stack bytes */
    if (copy_to_user(frame, b, FR_UC + UC_MCONTEXT + 192) ||
        copy_to_user(uc + UC_SIGMASK, u + UC_SIGMASK, 8) ||
        copy_to_user(fpstate, fx, FP_SIZE))
        return -EFAULT;
    if ((ka->flags & KSA_SIGINFO) && copy_to_user(frame + FR_INFO, info->b, sizeof info->b))
        return -EFAULT;
    (void)sc;

    uint64_t fl = cur_flags(x) & ~(uint64_t)(FL_DF | FL_RF | FL_TF);
    x->r[7] = (uint64_t)sig;
    x->r[6] = frame + FR_INFO;
    x->r[2] = uc;
    x->r[0] = 0;
    x->r[4] = frame;
    x86_fpu_reset(x);
    x->iframe.rip = ka->handler;
    x->iframe.cs = 0x33;
    x->iframe.ss = 0x2b;
    x->iframe.rflags = fl;
    x->iframe.rsp = frame;
    x->in_syscall = false;
    x->use_iret = true;
    return 0;
}

long x86_rt_sigreturn(struct cpu *c)
{
    struct x86_cpu *x = X86(c);
    uint64_t frame = x->r[4] - 8, uc = frame + FR_UC;
    uint8_t b[FR_UC + UC_SIGMASK + 8];
    if (copy_from_user(b, frame, sizeof b))
        return -EFAULT;
    const uint8_t *u = b + FR_UC, *s = u + UC_MCONTEXT;
    uint64_t fpstate = get_le64(s + SC_FPSTATE);
    uint8_t fx[FP_SIZE];
    if (fpstate) {
        if (fpstate & 63)
            return -EFAULT;
        if (copy_from_user(fx, fpstate, FP_SIZE))
            return -EFAULT;
        if (get_le32(fx + 24) & ~0xffffu)      /* MXCSR reserved bits */
            return -EFAULT;
    }
    uint16_t cs = get_le16(s + SC_CS) | 3, ss = get_le16(s + SC_SS) | 3;
    if (cs != 0x33)
        return -EFAULT;
    signal_restore_mask_and_stack(c, get_le64(u + UC_SIGMASK), get_le64(u + UC_STACK),
                                  get_le32(u + UC_STACK + 8), get_le64(u + UC_STACK + 16));
    for (int i = 0; i < 16; i++)
        x->r[sc_gpr[i]] = get_le64(s + 8 * i);
    uint64_t fl = (cur_flags(x) & ~(uint64_t)FIX_EFLAGS) | (get_le64(s + SC_EFLAGS) & FIX_EFLAGS);
    if (!(get_le64(u + UC_FLAGS) & 4) && ss != 0x2b)
        ss = 0x2b;
    x->iframe.rip = get_le64(s + SC_RIP);
    x->iframe.cs = cs;
    x->iframe.ss = ss;
    x->iframe.rflags = fl | FL_IF | 2;
    x->iframe.rsp = x->r[4];
    x->orig_ax = (uint64_t)-1;
    x->in_syscall = false;
    x->use_iret = true;
    if (fpstate)
        x86_fxrstor(x, fx);
    else
        x86_fpu_reset(x);
    (void)uc;
    return (long)x->r[0];
}
