/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the sandbox selftests: raw calls that return -errno,
 * so tests can assert on exact error codes.
 */
#ifndef _SANDBOX_SELFTEST_UTIL_H
#define _SANDBOX_SELFTEST_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/sandbox.h>

#define SB_DEV	"/dev/sandbox"

static inline long sb_ioctl_raw(int fd, unsigned long cmd, unsigned long arg)
{
	long ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

static inline long sb_ioctl_ptr(int fd, unsigned long cmd, const void *arg)
{
	return sb_ioctl_raw(fd, cmd, (unsigned long)(uintptr_t)arg);
}

static inline int sb_open_raw(void)
{
	int fd = open(SB_DEV, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/* A zeroed module-info request of the caller's view of the struct. */
static inline void sb_module_info_init(struct sandbox_module_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
}

#endif /* _SANDBOX_SELFTEST_UTIL_H */
