/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MMIO exits: a write and a read where there is no RAM. The read must see
 * an empty bus (all ones): exit 7 if so, 1 if not.
 */
	.code64
	.globl _start
_start:
	mov	$0xd0000000, %rbx
	movl	$0x12345678, (%rbx)
	mov	(%rbx), %eax
	cmp	$0xffffffff, %eax
	jne	1f
	mov	$7, %al
	out	%al, $0xf4
1:	mov	$1, %al
	out	%al, $0xf4
