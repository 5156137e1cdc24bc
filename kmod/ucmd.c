// SPDX-License-Identifier: GPL-2.0
/*
 * Shared ioctl argument handling: every command of every sandbox object
 * goes through sandbox_ucmd_dispatch(), so the uapi rules on size, flags
 * and reserved fields are enforced in exactly one place.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/ioctl.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/nospec.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "internal.h"

/* Largest argument struct of any command; checked against each table entry. */
#define SANDBOX_UCMD_MAX_SIZE	256

static int sandbox_ucmd_check(const struct sandbox_ioctl_op *op, const u8 *buf)
{
	const struct sandbox_range *r;
	u32 flags;

	/* All argument structs start with __u32 size, __u32 flags. */
	memcpy(&flags, buf + sizeof(u32), sizeof(flags));
	if (flags & ~op->valid_flags)
		return -EINVAL;

	for (r = op->reserved; r < op->reserved + SANDBOX_MAX_RESERVED; r++) {
		if (r->len && memchr_inv(buf + r->off, 0, r->len))
			return -EINVAL;
	}
	return 0;
}

static int sandbox_ucmd_copy_in(struct sandbox_ucmd *ucmd,
				const struct sandbox_ioctl_op *op, u8 *buf)
{
	int ret;

	if (get_user(ucmd->user_size, (u32 __user *)ucmd->ubuffer))
		return -EFAULT;
	if (ucmd->user_size < op->min_size)
		return -EINVAL;
	/* Like clone3: a struct larger than a page is not a struct we know. */
	if (ucmd->user_size > PAGE_SIZE)
		return -E2BIG;

	ret = copy_struct_from_user(buf, op->size, ucmd->ubuffer,
				    ucmd->user_size);
	if (ret)
		return ret;
	return sandbox_ucmd_check(op, buf);
}

/**
 * sandbox_ucmd_dispatch - run one ioctl from a dispatch table
 * @table: ops indexed by the command's _IOC_NR minus @first_nr
 * @nr_ops: number of entries in @table
 * @type: the ioctl type byte the table serves
 * @first_nr: _IOC_NR of the first entry of @table
 * @cmd: the ioctl command
 * @arg: the ioctl argument
 * @ctx: object the ioctl was issued on, handed to the op
 *
 * Return: the op's result, or -ENOTTY for a command not in @table, or the
 * error of the argument checks (EFAULT, EINVAL, E2BIG).
 */
long sandbox_ucmd_dispatch(const struct sandbox_ioctl_op *table,
			   size_t nr_ops, unsigned int type,
			   unsigned int first_nr, unsigned int cmd,
			   unsigned long arg, void *ctx)
{
	u8 buf[SANDBOX_UCMD_MAX_SIZE] __aligned(8);
	struct sandbox_ucmd ucmd = { .arg = arg, .ctx = ctx };
	const struct sandbox_ioctl_op *op;
	unsigned int nr = _IOC_NR(cmd);
	int ret;

	if (cmd != _IO(type, nr) || nr < first_nr || nr - first_nr >= nr_ops)
		return -ENOTTY;
	op = &table[array_index_nospec(nr - first_nr, nr_ops)];
	if (!op->execute)
		return -ENOTTY;
	if (!op->size)
		return op->execute(&ucmd);

	if (WARN_ON_ONCE(op->size > sizeof(buf)))
		return -EINVAL;
	ucmd.ubuffer = (void __user *)arg;
	ucmd.cmd = buf;
	ret = sandbox_ucmd_copy_in(&ucmd, op, buf);
	if (ret)
		return ret;
	return op->execute(&ucmd);
}

/**
 * sandbox_ucmd_respond - copy an op's output back to userspace
 * @ucmd: the call being executed
 * @len: size of the kernel's struct
 *
 * Writes no more than the size userspace declared, so old binaries with
 * smaller structs never see their memory overwritten.
 *
 * Return: 0 or -EFAULT.
 */
int sandbox_ucmd_respond(struct sandbox_ucmd *ucmd, size_t len)
{
	if (copy_to_user(ucmd->ubuffer, ucmd->cmd,
			 min_t(size_t, ucmd->user_size, len)))
		return -EFAULT;
	return 0;
}
