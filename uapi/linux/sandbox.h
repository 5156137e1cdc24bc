/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Userspace API of the sandbox module: the character device /dev/sandbox.
 *
 * This header is the only ABI between sandbox.ko and its tools. It only
 * ever grows: ioctl numbers and struct layouts never change once released.
 */
#ifndef _UAPI_LINUX_SANDBOX_H
#define _UAPI_LINUX_SANDBOX_H

#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: General ioctl format
 *
 * All ioctls are issued on a file descriptor of /dev/sandbox. Commands use
 * _IO(SANDBOX_TYPE, nr): the size of the argument is not part of the
 * command number, it is the first field of the argument struct instead, so
 * that structs can grow without new command numbers.
 *
 * Commands that take a struct follow these rules:
 *
 *  - The struct starts with ``__u32 size`` (set by userspace to
 *    sizeof(struct) as it knows it) and ``__u32 flags``.
 *  - A size smaller than the first released version of the struct fails
 *    with EINVAL. A size larger than the kernel's struct is accepted only if
 *    every byte past the kernel's struct is zero, otherwise E2BIG. A smaller
 *    size is treated as if the missing tail were zero.
 *  - Unknown bits in ``flags`` fail with EINVAL.
 *  - Fields named ``__reserved*`` must be zero, otherwise EINVAL.
 *  - Pointers are passed as __aligned_u64 values.
 *  - Output fields are written back for at most ``size`` bytes.
 *
 * Features are discovered with SANDBOX_CHECK_EXTENSION, never by comparing
 * versions: SANDBOX_API_VERSION never changes.
 */

/**
 * DOC: Error codes
 *
 * Every ioctl returns 0 (or a documented non-negative value) on success and
 * -1 with errno set on failure. An errno has the same meaning for every
 * command:
 *
 * - ENOTTY: unknown ioctl command.
 * - EINVAL: malformed argument: size below the minimum, unknown flag,
 *   non-zero reserved field, or a value out of range.
 * - E2BIG: the argument struct is larger than the kernel's and its tail is
 *   not zero: the caller asks for a feature this module does not have.
 * - EFAULT: a pointer (the argument itself or one inside it) is not
 *   accessible.
 * - ENOMEM: the kernel ran out of memory; nothing was changed.
 * - EACCES, EPERM: reported by open(2) of /dev/sandbox when the caller may
 *   not use the device (node mode, or a process inside a sandbox).
 */

/**
 * SANDBOX_API_VERSION - value returned by %SANDBOX_GET_API_VERSION
 *
 * It never changes. A tool that sees another value is talking to something
 * that is not this module.
 */
#define SANDBOX_API_VERSION	1

/* ioctl type byte of /dev/sandbox */
#define SANDBOX_TYPE		0xB5

/**
 * enum sandbox_cap - capabilities for %SANDBOX_CHECK_EXTENSION
 * @SANDBOX_CAP_MODULE_INFO: %SANDBOX_GET_MODULE_INFO is available.
 * @__SANDBOX_CAP_MAX: one past the highest known capability (not ABI: grows).
 *
 * A capability number is never reused. %SANDBOX_CHECK_EXTENSION returns a
 * positive value for a supported capability and 0 for any other number.
 */
enum sandbox_cap {
	SANDBOX_CAP_MODULE_INFO = 1,
	__SANDBOX_CAP_MAX,
};

/**
 * struct sandbox_module_info - argument of %SANDBOX_GET_MODULE_INFO
 * @size: sizeof(struct sandbox_module_info) as known to the caller.
 * @flags: must be 0.
 * @api_version: out: %SANDBOX_API_VERSION.
 * @nr_sandboxes: out: number of sandboxes currently alive.
 * @version: in: user pointer to a buffer for the module's version string, or
 *	0 to only learn its length.
 * @version_len: in: size of the @version buffer in bytes; out: length of the
 *	version string including its terminating NUL. The string is truncated
 *	(and still NUL-terminated) when the buffer is too small.
 * @__reserved: must be 0.
 */
struct sandbox_module_info {
	__u32 size;
	__u32 flags;
	__u32 api_version;
	__u32 nr_sandboxes;
	__aligned_u64 version;
	__u32 version_len;
	__u32 __reserved;
};

#define SANDBOX_MODULE_INFO_SIZE_VER0	32 /* first released layout */

/**
 * enum sandbox_cmd - ioctl command numbers (the nr of _IO(SANDBOX_TYPE, nr))
 * @SANDBOX_CMD_GET_API_VERSION: see %SANDBOX_GET_API_VERSION.
 * @SANDBOX_CMD_CHECK_EXTENSION: see %SANDBOX_CHECK_EXTENSION.
 * @SANDBOX_CMD_GET_MODULE_INFO: see %SANDBOX_GET_MODULE_INFO.
 */
enum sandbox_cmd {
	SANDBOX_CMD_GET_API_VERSION = 0x00,
	SANDBOX_CMD_CHECK_EXTENSION = 0x01,
	SANDBOX_CMD_GET_MODULE_INFO = 0x02,
};

/**
 * define SANDBOX_GET_API_VERSION - return %SANDBOX_API_VERSION
 *
 * Takes no argument. Returns %SANDBOX_API_VERSION. Never fails.
 */
#define SANDBOX_GET_API_VERSION	_IO(SANDBOX_TYPE, SANDBOX_CMD_GET_API_VERSION)

/**
 * define SANDBOX_CHECK_EXTENSION - probe for a capability
 *
 * The argument is a capability number (enum sandbox_cap) passed by value.
 * Returns a positive value if the capability is supported, 0 otherwise
 * (including for numbers this module does not know). Never fails.
 */
#define SANDBOX_CHECK_EXTENSION	_IO(SANDBOX_TYPE, SANDBOX_CMD_CHECK_EXTENSION)

/**
 * define SANDBOX_GET_MODULE_INFO - describe the loaded module
 *
 * The argument is a pointer to struct sandbox_module_info. Returns 0.
 * Errors: EINVAL, E2BIG, EFAULT as in the general rules.
 */
#define SANDBOX_GET_MODULE_INFO	_IO(SANDBOX_TYPE, SANDBOX_CMD_GET_MODULE_INFO)

#endif /* _UAPI_LINUX_SANDBOX_H */
