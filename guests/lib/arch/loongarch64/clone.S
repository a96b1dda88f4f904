/* loongarch64: raw clone and clone3 for guests/lib's threads (thread.c).
 *
 * long __rt_clone(int (*fn)(void *), void *stack, unsigned long flags,
 *                 void *arg, int *ptid, void *tls, int *ctid);
 * long __rt_clone3(struct clone_args *a, unsigned long size,
 *                  int (*fn)(void *), void *arg);
 *
 * The parent gets the kernel's return value.  The child runs fn(arg) on
 * its new stack and ends its thread (exit, not exit_group) with fn's
 * value.  The kernel's clone takes (flags, stack, ptid, ctid, tls): loongarch
 * has no CONFIG_CLONE_BACKWARDS. */
	.text
	.globl __rt_clone
	.type __rt_clone,@function
__rt_clone:
	bstrins.d $a1, $zero, 3, 0
	addi.d $a1, $a1, -16
	st.d $a0, $a1, 0		/* fn and arg travel on the child's stack */
	st.d $a3, $a1, 8
	move $a0, $a2			/* flags */
	move $a2, $a4			/* ptid */
	move $a3, $a6			/* ctid */
	move $a4, $a5			/* tls */
	ori $a7, $zero, 220		/* clone */
	syscall 0
	bnez $a0, 1f
	ld.d $a1, $sp, 0
	ld.d $a0, $sp, 8
	addi.d $sp, $sp, 16
	move $ra, $zero
	move $fp, $zero
	jirl $ra, $a1, 0
	ori $a7, $zero, 93		/* exit */
	syscall 0
	break 1
1:	jr $ra
	.size __rt_clone,.-__rt_clone

/* The kernel may clobber t0-t8 but keeps a1-a7: fn and arg stay in a2
 * and a3. */
	.globl __rt_clone3
	.type __rt_clone3,@function
__rt_clone3:
	ori $a7, $zero, 435		/* clone3 */
	syscall 0
	bnez $a0, 1f
	move $ra, $zero
	move $fp, $zero
	move $a0, $a3
	jirl $ra, $a2, 0
	ori $a7, $zero, 93
	syscall 0
	break 1
1:	jr $ra
	.size __rt_clone3,.-__rt_clone3

	.section .note.GNU-stack,"",@progbits
