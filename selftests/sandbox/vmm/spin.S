/* SPDX-License-Identifier: GPL-2.0 */
/* A guest that never exits: the monitor's no-progress timeout must end it. */
	.code64
	.globl _start
_start:
	jmp	_start
