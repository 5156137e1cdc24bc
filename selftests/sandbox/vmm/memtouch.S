/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Touches every 4 KiB page from 2 MiB to 512 MiB, then exits 0: run with
 * --mem 512M in a cgroup that allows less, the monitor must be stopped
 * by the memory limit, not the host.
 */
	.code64
	.globl _start
_start:
	mov	$0x200000, %rbx
1:	movq	$1, (%rbx)
	add	$0x1000, %rbx
	cmp	$0x20000000, %rbx
	jb	1b
	xor	%eax, %eax
	out	%al, $0xf4
