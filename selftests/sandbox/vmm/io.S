/* SPDX-License-Identifier: GPL-2.0 */
/* I/O exits: "hello from the guest" on the UART, then exit status 42. */
	.code64
	.globl _start
_start:
	lea	msg(%rip), %rsi
	mov	$0x3f8, %dx
1:	lodsb
	test	%al, %al
	jz	2f
	out	%al, %dx
	jmp	1b
2:	mov	$42, %al
	out	%al, $0xf4
	hlt
msg:	.asciz "hello from the guest\n"
