// SPDX-License-Identifier: GPL-2.0
/*
 * Namespace setup done from inside the sandbox's init.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ns.h"

int sb_ns_become(uid_t uid, gid_t gid, struct sb_error *e)
{
	/* Group first: after setresuid() we may no longer change it. */
	if (setresgid(gid, gid, gid))
		return sb_error_set(e, errno, "setresgid %u", (unsigned int)gid);
	if (setresuid(uid, uid, uid))
		return sb_error_set(e, errno, "setresuid %u", (unsigned int)uid);
	return 0;
}

int sb_ns_unshare_late(struct sb_error *e)
{
	/*
	 * The cgroup namespace is unshared here rather than at clone time:
	 * there its root would be the parent's cgroup, not ours.
	 */
	if (unshare(CLONE_NEWCGROUP))
		return sb_error_set(e, errno, "unshare the cgroup namespace");
	/*
	 * A time namespace applies to our children and, from Linux 5.18,
	 * to what we exec; kernels without one return EINVAL.
	 */
	if (unshare(CLONE_NEWTIME) && errno != EINVAL)
		return sb_error_set(e, errno, "unshare the time namespace");
	return 0;
}

int sb_ns_set_hostname(const char *name, struct sb_error *e)
{
	if (sethostname(name, strlen(name)))
		return sb_error_set(e, errno, "sethostname %s", name);
	return 0;
}

int sb_ns_loopback_up(struct sb_error *e)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd, ret = 0;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return sb_error_set(e, errno, "socket for lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr))
		ret = sb_error_set(e, errno, "get flags of lo");
	ifr.ifr_flags |= IFF_UP;
	if (!ret && ioctl(fd, SIOCSIFFLAGS, &ifr))
		ret = sb_error_set(e, errno, "bring up lo");
	close(fd);
	return ret;
}
