/* aarch64: raw clone and clone3 for guests/lib's threads (thread.c).
 *
 * long __rt_clone(int (*fn)(void *), void *stack, unsigned long flags,
 *                 void *arg, int *ptid, void *tls, int *ctid);
 * long __rt_clone3(struct clone_args *a, unsigned long size,
 *                  int (*fn)(void *), void *arg);
 *
 * The parent gets the kernel's return value.  The child runs fn(arg) on
 * its new stack and ends its thread (exit, not exit_group) with fn's
 * value.  The kernel's clone takes (flags, stack, ptid, tls, ctid). */
	.text
	.globl __rt_clone
	.type __rt_clone,%function
__rt_clone:
	and x1, x1, #~15
	stp x0, x3, [x1, #-16]!		/* fn and arg travel on the child's stack */
	mov x0, x2			/* flags */
	mov x2, x4			/* ptid */
	mov x3, x5			/* tls */
	mov x4, x6			/* ctid */
	mov x8, #220			/* clone */
	svc #0
	cbnz x0, 1f
	ldp x1, x0, [sp], #16
	mov x29, #0
	mov x30, #0
	blr x1
	mov x8, #93			/* exit */
	svc #0
	brk #1
1:	ret
	.size __rt_clone,.-__rt_clone

/* svc preserves every register but x0: fn and arg stay in x2 and x3. */
	.globl __rt_clone3
	.type __rt_clone3,%function
__rt_clone3:
	mov x8, #435			/* clone3 */
	svc #0
	cbnz x0, 1f
	mov x29, #0
	mov x30, #0
	mov x0, x3
	blr x2
	mov x8, #93
	svc #0
	brk #1
1:	ret
	.size __rt_clone3,.-__rt_clone3

	.section .note.GNU-stack,"",%progbits
