/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the sandbox selftests: raw calls that return -errno,
 * so tests can assert on exact error codes.
 */
#ifndef _SANDBOX_SELFTEST_UTIL_H
#define _SANDBOX_SELFTEST_UTIL_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

/*
 * The accounting and policy programs (sandboxctl acct, policy) hold a
 * reference on the module while attached to it: a test that unloads it
 * releases them first (sb_bpf_release()), and brings accounting back after
 * (sb_bpf_restore(); policies load when next needed).
 */
#define SB_ACCT_PINS	"/sys/fs/bpf/sandbox/acct/sb_acct"

static inline bool sb_sandboxctl(const char *args)
{
	const char *ctl = getenv("SANDBOXCTL");
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "%s %s", ctl ? ctl : "sandboxctl", args);
	return system(cmd) == 0;
}

/* Returns whether accounting was on, for sb_bpf_restore(). */
static inline bool sb_bpf_release(void)
{
	bool acct = access(SB_ACCT_PINS, F_OK) == 0;

	if (acct)
		sb_sandboxctl("acct disable");
	sb_sandboxctl("policy unload");
	return acct;
}

static inline void sb_bpf_restore(bool acct)
{
	if (acct)
		sb_sandboxctl("acct enable");
}

#endif /* _SANDBOX_SELFTEST_UTIL_H */
