/* SPDX-License-Identifier: GPL-2.0 */
/* A triple fault: an empty IDT, then an exception. */
	.code64
	.globl _start
_start:
	lidt	idt(%rip)
	ud2
idt:	.word 0
	.quad 0
