/* aarch64: process entry, setjmp/longjmp, signal restorer.
 * At entry sp points at argc. */
	.text
	.globl _start
	.type _start,%function
_start:
	mov x29, #0
	mov x30, #0
	mov x0, sp
	and x1, x0, #~15
	mov sp, x1
	bl __rt_start_c
	brk #1000
	.size _start,.-_start

/* jmp_buf: x19-x28, x29, x30, sp, d8-d15 */
	.globl setjmp
	.type setjmp,%function
setjmp:
	stp x19, x20, [x0, #0]
	stp x21, x22, [x0, #16]
	stp x23, x24, [x0, #32]
	stp x25, x26, [x0, #48]
	stp x27, x28, [x0, #64]
	stp x29, x30, [x0, #80]
	mov x2, sp
	str x2, [x0, #96]
#ifdef __ARM_FP		/* absent with -mgeneral-regs-only */
	stp d8, d9, [x0, #104]
	stp d10, d11, [x0, #120]
	stp d12, d13, [x0, #136]
	stp d14, d15, [x0, #152]
#endif
	mov w0, #0
	ret
	.size setjmp,.-setjmp

	.globl longjmp
	.type longjmp,%function
longjmp:
	ldp x19, x20, [x0, #0]
	ldp x21, x22, [x0, #16]
	ldp x23, x24, [x0, #32]
	ldp x25, x26, [x0, #48]
	ldp x27, x28, [x0, #64]
	ldp x29, x30, [x0, #80]
	ldr x2, [x0, #96]
	mov sp, x2
#ifdef __ARM_FP
	ldp d8, d9, [x0, #104]
	ldp d10, d11, [x0, #120]
	ldp d12, d13, [x0, #136]
	ldp d14, d15, [x0, #152]
#endif
	cmp w1, #0
	csinc w0, w1, wzr, ne
	br x30
	.size longjmp,.-longjmp

/* SA_RESTORER target: the vDSO's __kernel_rt_sigreturn bytes, which gdb
 * matches to unwind through a signal frame. */
	nop
	.globl __restore_rt
	.type __restore_rt,%function
__restore_rt:
	mov x8, #139
	svc #0
	.size __restore_rt,.-__restore_rt

	.section .note.GNU-stack,"",%progbits
