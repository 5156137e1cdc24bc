// SPDX-License-Identifier: GPL-2.0
/*
 * libsandbox: the device-level commands of /dev/sandbox.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "sandbox.h"

static int sb_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	int ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

/* Returns a new O_CLOEXEC fd of /dev/sandbox. */
int sb_open(void)
{
	int fd = open(SB_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int sb_api_version(int devfd)
{
	return sb_ioctl(devfd, SANDBOX_GET_API_VERSION, 0);
}

int sb_check_extension(int devfd, unsigned int cap)
{
	return sb_ioctl(devfd, SANDBOX_CHECK_EXTENSION, cap);
}

/* Fills @info and, if @version is not NULL, the module's version string. */
int sb_module_info(int devfd, struct sandbox_module_info *info,
		   char *version, size_t version_len)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->version = (uintptr_t)version;
	info->version_len = version ? version_len : 0;
	return sb_ioctl(devfd, SANDBOX_GET_MODULE_INFO, (unsigned long)info);
}

/* Returns the new sandbox fd; stores the sandbox id in @id if not NULL. */
int sb_create(int devfd, unsigned int kind, const char *name, int cgroup_fd,
	      __u64 *id)
{
	struct sandbox_create arg = {
		.size = sizeof(arg),
		.kind = kind,
		.cgroup_fd = cgroup_fd,
		.name = (uintptr_t)name,
	};
	int fd = sb_ioctl(devfd, SANDBOX_CREATE, (unsigned long)&arg);

	if (fd >= 0 && id)
		*id = arg.id;
	return fd;
}

int sb_create_vm(int devfd, const char *name, int cgroup_fd,
		 unsigned int vcpus, __u64 guest_mem, __u64 *id)
{
	struct sandbox_create arg = {
		.size = sizeof(arg),
		.kind = SANDBOX_KIND_MICROVM,
		.cgroup_fd = cgroup_fd,
		.name = (uintptr_t)name,
		.vcpus = vcpus,
		.guest_mem = guest_mem,
	};
	int fd = sb_ioctl(devfd, SANDBOX_CREATE, (unsigned long)&arg);

	if (fd >= 0 && id)
		*id = arg.id;
	return fd;
}

int sb_start(int sbfd, pid_t pid)
{
	struct sandbox_start arg = { .size = sizeof(arg), .pid = pid };

	return sb_ioctl(sbfd, SANDBOX_START, (unsigned long)&arg);
}

int sb_set_limits(int sbfd, const struct sandbox_limits *limits)
{
	struct sandbox_limits arg = *limits;

	arg.size = sizeof(arg);
	return sb_ioctl(sbfd, SANDBOX_SET_LIMITS, (unsigned long)&arg);
}

int sb_kill(int sbfd, int sig)
{
	return sb_ioctl(sbfd, SANDBOX_KILL, sig);
}

int sb_info(int sbfd, struct sandbox_info *info, char *name)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->name = (uintptr_t)name;
	return sb_ioctl(sbfd, SANDBOX_GET_INFO, (unsigned long)info);
}

int sb_destroy(int sbfd)
{
	return sb_ioctl(sbfd, SANDBOX_DESTROY, 0);
}

int sb_open_sandbox(int devfd, __u64 id, const char *name)
{
	struct sandbox_open arg = {
		.size = sizeof(arg),
		.id = id,
		.name = (uintptr_t)name,
	};

	return sb_ioctl(devfd, SANDBOX_OPEN, (unsigned long)&arg);
}

int sb_list(int devfd, __u64 *ids, unsigned int max)
{
	struct sandbox_list arg = {
		.size = sizeof(arg),
		.ids = (uintptr_t)ids,
		.count = max,
	};
	int ret = sb_ioctl(devfd, SANDBOX_LIST, (unsigned long)&arg);

	return ret < 0 ? ret : (int)arg.count;
}

static const char *const sb_cap_names[__SANDBOX_CAP_MAX] = {
	[SANDBOX_CAP_MODULE_INFO] = "module-info",
	[SANDBOX_CAP_CONTAINER] = "container",
	[SANDBOX_CAP_NETLINK] = "netlink",
	[SANDBOX_CAP_AUDIT] = "audit",
	[SANDBOX_CAP_MICROVM] = "microvm",
};

/* Name of a capability this library knows, or NULL. */
const char *sb_cap_name(unsigned int cap)
{
	return cap < __SANDBOX_CAP_MAX ? sb_cap_names[cap] : NULL;
}
