/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sandbox-vmm: command line.
 */
#ifndef _VMM_OPTS_H
#define _VMM_OPTS_H

#include "vmm.h"

/*
 * Memory the monitor needs besides guest memory: its own text, stacks and
 * heap (under 2 MiB), KVM's per-VM and per-vCPU kernel allocations charged
 * to its cgroup (page tables of the guest memory, the vCPU structures),
 * and the kernel and initrd images while they are loaded. Measured under
 * 24 MiB for a 256 MiB Linux guest; the jail's memory limit is guest
 * memory plus this. Documentation/microvm.rst explains it.
 */
#define VMM_OVERHEAD		(32ULL << 20)

#define VMM_DEFAULT_CMDLINE \
	"console=ttyS0 quiet panic=-1 reboot=k pci=off " \
	"initcall_blacklist=cmos_init i8042.noaux i8042.nomux i8042.nopnp " \
	"i8042.dumbkbd"

/*
 * Parses argv into @o. Returns -1 to go on, or an exit status: 0 after
 * --help, VMM_EXIT_BAD_INPUT after reporting bad input.
 */
int vmm_parse_opts(int argc, char **argv, struct vmm_opts *o);

#endif /* _VMM_OPTS_H */
