/* x86_64: process entry, setjmp/longjmp, signal restorer.
 * At entry %rsp points at argc (the kernel's initial stack layout). */
	.text
	.globl _start
	.type _start,@function
_start:
	xor %ebp,%ebp
	mov %rsp,%rdi
	and $-16,%rsp
	call __rt_start_c
	hlt
	.size _start,.-_start

/* jmp_buf: rbx rbp r12 r13 r14 r15 rsp rip */
	.globl setjmp
	.type setjmp,@function
setjmp:
	mov %rbx,0(%rdi)
	mov %rbp,8(%rdi)
	mov %r12,16(%rdi)
	mov %r13,24(%rdi)
	mov %r14,32(%rdi)
	mov %r15,40(%rdi)
	lea 8(%rsp),%rdx
	mov %rdx,48(%rdi)
	mov (%rsp),%rdx
	mov %rdx,56(%rdi)
	xor %eax,%eax
	ret
	.size setjmp,.-setjmp

	.globl longjmp
	.type longjmp,@function
longjmp:
	mov %esi,%eax
	test %eax,%eax
	jnz 1f
	inc %eax
1:	mov 0(%rdi),%rbx
	mov 8(%rdi),%rbp
	mov 16(%rdi),%r12
	mov 24(%rdi),%r13
	mov 32(%rdi),%r14
	mov 40(%rdi),%r15
	mov 48(%rdi),%rsp
	jmp *56(%rdi)
	.size longjmp,.-longjmp

/* SA_RESTORER target: the same name and bytes as glibc's, which is what
 * gdb looks for to unwind through a signal frame (the name must be
 * __restore_rt).  The nop keeps "return address - 1" lookups out of it. */
	nop
	.globl __restore_rt
	.type __restore_rt,@function
__restore_rt:
	mov $15,%rax
	syscall
	.size __restore_rt,.-__restore_rt

	.section .note.GNU-stack,"",@progbits
