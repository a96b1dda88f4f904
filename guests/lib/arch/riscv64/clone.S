/* riscv64: raw clone and clone3 for guests/lib's threads (thread.c).
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
	.type __rt_clone,@function
__rt_clone:
	andi a1, a1, -16
	addi a1, a1, -16
	sd a0, 0(a1)			/* fn and arg travel on the child's stack */
	sd a3, 8(a1)
	mv a0, a2			/* flags */
	mv a2, a4			/* ptid */
	mv a3, a5			/* tls */
	mv a4, a6			/* ctid */
	li a7, 220			/* clone */
	ecall
	bnez a0, 1f
	ld a1, 0(sp)
	ld a0, 8(sp)
	addi sp, sp, 16
	li ra, 0
	li s0, 0
	jalr a1
	li a7, 93			/* exit */
	ecall
	ebreak
1:	ret
	.size __rt_clone,.-__rt_clone

/* ecall preserves every register but a0: fn and arg stay in a2 and a3. */
	.globl __rt_clone3
	.type __rt_clone3,@function
__rt_clone3:
	li a7, 435			/* clone3 */
	ecall
	bnez a0, 1f
	li ra, 0
	li s0, 0
	mv a0, a3
	jalr a2
	li a7, 93
	ecall
	ebreak
1:	ret
	.size __rt_clone3,.-__rt_clone3

	.section .note.GNU-stack,"",@progbits
