// SPDX-License-Identifier: GPL-2.0
/*
 * The debug exit port: a guest writes one byte to port 0xf4 (an outb, or
 * a write to /dev/port at offset 244 from Linux userspace) and the VM
 * ends with that byte as the monitor's exit status. This is how the
 * micro-VM's command hands its exit status back to `sandboxctl run`.
 */
#include "vmm.h"

bool exitport_io(struct vm *vm, uint16_t port, bool write,
		 const uint8_t *data, int size)
{
	/* A read is not ours: it floats high like any empty port. */
	if (port != VMM_EXIT_PORT || !write || size < 1)
		return false;
	vmm_end(vm, data[0], NULL);
	return true;
}
