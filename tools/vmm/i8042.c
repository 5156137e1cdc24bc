// SPDX-License-Identifier: GPL-2.0
/*
 * The i8042 keyboard controller, for what Linux needs of it here: its
 * driver's probe (read and write the command byte, the self-test) answered
 * at once instead of after timeouts, and the reset line (command 0xfe,
 * reboot=k). There is no keyboard behind it (the command line says
 * i8042.nokbd i8042.noaux).
 */
#include "vmm.h"

#define I8042_DATA		0x60
#define I8042_CMD		0x64
#define I8042_STR_OBF		0x01
#define I8042_STR_SYS		0x04
#define I8042_CMD_READ_CTR	0x20
#define I8042_CMD_WRITE_CTR	0x60
#define I8042_CMD_SELF_TEST	0xaa
#define I8042_CMD_KBD_TEST	0xab
#define I8042_CMD_RESET		0xfe

/*
 * One controller per VM; only the vCPU that runs the probe touches it
 * (Linux serializes its i8042 accesses under i8042_lock).
 */
static struct {
	uint8_t ctr, out, last_cmd;
	bool has_out;
} i8042 = { .ctr = 0x45 };

static void i8042_reply(uint8_t v)
{
	i8042.out = v;
	i8042.has_out = true;
}

static void i8042_command(struct vm *vm, uint8_t cmd)
{
	i8042.last_cmd = cmd;
	switch (cmd) {
	case I8042_CMD_READ_CTR:
		i8042_reply(i8042.ctr);
		break;
	case I8042_CMD_SELF_TEST:
		i8042_reply(0x55);
		break;
	case I8042_CMD_KBD_TEST:
		i8042_reply(0x00);
		break;
	case I8042_CMD_RESET:
		vmm_end(vm, VMM_EXIT_GUEST_FAIL,
			"the guest reset the machine without an exit status (panic, or init ended)");
		break;
	}
}

bool i8042_io(struct vm *vm, uint16_t port, bool write, uint8_t *data)
{
	if (port != I8042_DATA && port != I8042_CMD)
		return false;
	if (port == I8042_CMD && write) {
		i8042_command(vm, *data);
	} else if (port == I8042_CMD) {
		*data = I8042_STR_SYS | (i8042.has_out ? I8042_STR_OBF : 0);
	} else if (write) {
		if (i8042.last_cmd == I8042_CMD_WRITE_CTR)
			i8042.ctr = *data;
		i8042.last_cmd = 0;
	} else {
		*data = i8042.out;
		i8042.has_out = false;
	}
	return true;
}
