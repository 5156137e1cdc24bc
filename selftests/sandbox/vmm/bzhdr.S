/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny bzImage for the boot protocol conformance test: the setup header
 * (two sectors), then the protected-mode part loaded at 1 MiB:
 *
 *   0x100000  32-bit entry: a jump to the 32-bit reporter at 0x110000
 *   0x100200  64-bit entry: the 64-bit reporter
 *   0x110000  the 32-bit reporter
 *
 * Both reporters are conform.c, built for each mode.
 */
	.code16
	.section .text
	.org	0x1f1
	.byte	1			/* setup_sects */
	.org	0x1fe
	.word	0xaa55			/* boot_flag */
	.byte	0xeb, 0x66		/* jump: header ends at 0x268 */
	.ascii	"HdrS"
	.word	0x020f			/* version 2.15 */
	.org	0x211
	.byte	0x01			/* loadflags: LOADED_HIGH */
	.org	0x214
	.long	0x100000		/* code32_start */
	.org	0x22c
	.long	0x7fffffff		/* initrd_addr_max */
	.org	0x234
	.byte	0			/* relocatable_kernel */
	.org	0x236
	.word	0x0001			/* xloadflags: XLF_KERNEL_64 */
	.long	0x7ff			/* cmdline_size */
	.org	0x260
	.long	0x20000			/* init_size */

	/*
	 * The real-mode entry (setup base + 0x200, the jump above), for
	 * loaders that start a bzImage in real mode, such as QEMU's microvm
	 * firmware (make bench): enter flat 32-bit protected mode and go to
	 * the 32-bit entry, %esi pointing at the setup base, which such a
	 * loader fills as the zero page (but without an E820 map).
	 */
	.org	0x268
	cli
	mov	%cs, %ax
	sub	$0x20, %ax
	mov	%ax, %ds
	movzwl	%ax, %esi
	shl	$4, %esi
	mov	%esi, %eax
	add	$gdt, %eax
	mov	%eax, gdt_desc + 2
	lgdtl	gdt_desc
	mov	%cr0, %eax
	or	$1, %eax
	mov	%eax, %cr0
	mov	%esi, %eax
	add	$pm32, %eax
	pushl	$0x10
	pushl	%eax
	lretl
	.code32
pm32:	mov	$0x18, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	$0x100000, %eax
	jmp	*%eax
	.balign	8
gdt:	.quad	0, 0, 0x00cf9a000000ffff, 0x00cf92000000ffff
gdt_desc:
	.word	4 * 8 - 1
	.long	0

	.org	0x400
	/* 0x100000: 32-bit entry */
	.byte	0xe9
	.long	0x110000 - 0x100005
	.org	0x600
	.incbin	CONFORM64
	.org	0x400 + 0x10000
	.incbin	CONFORM32
