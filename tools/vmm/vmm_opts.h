/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sandbox-vmm: command line.
 */
#ifndef _VMM_OPTS_H
#define _VMM_OPTS_H

#include "microvm.h"
#include "vmm.h"

/* See microvm.h: the jail's memory limit is guest memory plus this. */
#define VMM_OVERHEAD		SB_VM_OVERHEAD

#define VMM_DEFAULT_CMDLINE \
	"console=ttyS0 quiet panic=-1 reboot=k pci=off acpi=off io_delay=none " \
	"initcall_blacklist=cmos_init i8042.noaux i8042.nokbd i8042.nomux " \
	"i8042.nopnp"

/*
 * Parses argv into @o. Returns -1 to go on, or an exit status: 0 after
 * --help, VMM_EXIT_BAD_INPUT after reporting bad input.
 */
int vmm_parse_opts(int argc, char **argv, struct vmm_opts *o);

#endif /* _VMM_OPTS_H */
