/* x86_64: raw clone and clone3 for guests/lib's threads (thread.c).
 *
 * long __rt_clone(int (*fn)(void *), void *stack, unsigned long flags,
 *                 void *arg, int *ptid, void *tls, int *ctid);
 * long __rt_clone3(struct clone_args *a, unsigned long size,
 *                  int (*fn)(void *), void *arg);
 *
 * The parent gets the kernel's return value.  The child runs fn(arg) on
 * its new stack and ends its thread (exit, not exit_group) with fn's
 * value; it never touches the parent's stack.  x86_64's clone takes
 * (flags, stack, ptid, ctid, tls). */
	.text
	.globl __rt_clone
	.type __rt_clone,@function
__rt_clone:
	and $-16,%rsi
	sub $16,%rsi
	mov %rdi,0(%rsi)		/* fn and arg travel on the child's stack */
	mov %rcx,8(%rsi)
	mov %rdx,%rdi			/* flags */
	mov %r8,%rdx			/* ptid */
	mov 8(%rsp),%r10		/* ctid */
	mov %r9,%r8			/* tls */
	mov $56,%eax			/* clone */
	syscall
	test %rax,%rax
	jnz 1f
	xor %ebp,%ebp
	pop %rax
	pop %rdi
	call *%rax
	mov %eax,%edi
	mov $60,%eax			/* exit */
	syscall
	hlt
1:	ret
	.size __rt_clone,.-__rt_clone

/* The kernel preserves every register but rax, rcx and r11: fn stays in
 * rdx, arg moves to r8. */
	.globl __rt_clone3
	.type __rt_clone3,@function
__rt_clone3:
	mov %rcx,%r8
	mov $435,%eax			/* clone3 */
	syscall
	test %rax,%rax
	jnz 1f
	xor %ebp,%ebp
	mov %r8,%rdi
	call *%rdx
	mov %eax,%edi
	mov $60,%eax
	syscall
	hlt
1:	ret
	.size __rt_clone3,.-__rt_clone3

	.section .note.GNU-stack,"",@progbits
