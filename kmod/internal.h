/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private declarations shared by the files of sandbox.ko.
 */
#ifndef _SANDBOX_INTERNAL_H
#define _SANDBOX_INTERNAL_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/atomic.h>

#define SANDBOX_MAX_RESERVED	2

/**
 * struct sandbox_ucmd - one ioctl call being executed
 * @ubuffer: the user's argument struct (NULL for by-value commands)
 * @user_size: the size the user declared in the struct's @size field
 * @arg: the raw ioctl argument (the value for by-value commands)
 * @cmd: kernel copy of the argument struct, zero-extended to the op's size
 * @ctx: object the ioctl was issued on (owned by the caller of dispatch)
 */
struct sandbox_ucmd {
	void __user *ubuffer;
	u32 user_size;
	unsigned long arg;
	void *cmd;
	void *ctx;
};

/**
 * struct sandbox_range - a byte range inside an argument struct
 * @off: offset of the first byte
 * @len: number of bytes (0 terminates a list)
 */
struct sandbox_range {
	u16 off;
	u16 len;
};

/**
 * struct sandbox_ioctl_op - one entry of an ioctl dispatch table
 * @size: size of the kernel's argument struct, 0 for by-value commands
 * @min_size: smallest size userspace may pass (first released layout)
 * @valid_flags: bits accepted in the struct's @flags field
 * @reserved: fields that must be zero
 * @execute: the command; returns >= 0 or -errno
 *
 * Every argument struct starts with __u32 size and __u32 flags (uapi rules).
 */
struct sandbox_ioctl_op {
	u16 size;
	u16 min_size;
	u32 valid_flags;
	struct sandbox_range reserved[SANDBOX_MAX_RESERVED];
	int (*execute)(struct sandbox_ucmd *ucmd);
};

#define SANDBOX_RESERVED(type, field) \
	{ offsetof(type, field), sizeof_field(type, field) }

/*
 * Entry for a command taking a struct; @min_size is the size of the struct's
 * first released layout (the uapi's *_SIZE_VER0).
 */
#define SANDBOX_STRUCT_OP(fn, type, min, flags, ...)			\
	{								\
		.size = sizeof(type),					\
		.min_size = (min),					\
		.valid_flags = (flags),					\
		.reserved = { __VA_ARGS__ },				\
		.execute = (fn),					\
	}

#define SANDBOX_VALUE_OP(fn) { .execute = (fn) }

/* Number of sandboxes alive; the module cannot be unloaded while > 0. */
extern atomic_t sandbox_nr_alive;

long sandbox_ucmd_dispatch(const struct sandbox_ioctl_op *table,
			   size_t nr_ops, unsigned int type,
			   unsigned int cmd, unsigned long arg, void *ctx);
int sandbox_ucmd_respond(struct sandbox_ucmd *ucmd, size_t len);

#endif /* _SANDBOX_INTERNAL_H */
