// SPDX-License-Identifier: GPL-2.0
/*
 * The i8042 keyboard controller, only for what Linux uses it for here:
 * the reset line (command 0xfe on port 0x64, reboot=k). A status of 0
 * (input buffer empty, no output) lets the kernel's reset loop write the
 * command at once and its i8042 driver find no keyboard.
 */
#include "vmm.h"

#define I8042_DATA	0x60
#define I8042_CMD	0x64
#define I8042_RESET	0xfe

bool i8042_io(struct vm *vm, uint16_t port, bool write, uint8_t *data)
{
	if (port != I8042_DATA && port != I8042_CMD)
		return false;
	if (!write) {
		*data = 0;
		return true;
	}
	if (port == I8042_CMD && *data == I8042_RESET)
		vmm_end(vm, VMM_EXIT_GUEST_FAIL,
			"the guest reset the machine without an exit status (panic, or init ended)");
	return true;
}
