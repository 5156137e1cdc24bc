/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers of the fuzz, fault injection and stress selftests: a seedable
 * random generator, settings from the environment, the sandbox count and
 * the netlink family's id.
 */
#ifndef _SANDBOX_SELFTEST_FUZZ_UTIL_H
#define _SANDBOX_SELFTEST_FUZZ_UTIL_H

#include <stdint.h>
#include <stdlib.h>

#include "cgroup_util.h"
#include "genl_util.h"

/* xorshift64*: tiny, fast, and the same sequence for the same seed. */
static inline uint64_t fz_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

/* A number below @n (n > 0). */
static inline uint64_t fz_below(uint64_t *s, uint64_t n)
{
	return fz_next(s) % n;
}

/* One chance in @n. */
static inline int fz_one_in(uint64_t *s, uint64_t n)
{
	return fz_below(s, n) == 0;
}

/* The numeric value of environment variable @name, or @def. */
static inline unsigned long long env_ull(const char *name,
					 unsigned long long def)
{
	const char *v = getenv(name);

	return v && *v ? strtoull(v, NULL, 0) : def;
}

/* Live sandboxes as the module counts them, or -errno. */
static inline long sb_count(void)
{
	struct sandbox_module_info mi;
	int dev = sb_open_raw();
	long ret;

	if (dev < 0)
		return dev;
	sb_module_info_init(&mi);
	ret = sb_ioctl_ptr(dev, SANDBOX_GET_MODULE_INFO, &mi);
	close(dev);
	return ret < 0 ? ret : (long)mi.nr_sandboxes;
}

/* Waits up to @ms for the module to count @want sandboxes; the count. */
static inline long sb_wait_count(long want, int ms)
{
	uint64_t end = now_ms() + ms;
	long n;

	while ((n = sb_count()) != want && now_ms() < end)
		usleep(10000);
	return n;
}

/* The family's id through nlctrl (no events group needed), or 0. */
static inline uint16_t genl_family_id(void)
{
	char buf[GENL_BUF];
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct nlmsghdr *nlh;
	int fd = genl_socket(0), n = -1;

	if (fd < 0)
		return 0;
	nlh = genl_start(buf, GENL_ID_CTRL, 0, CTRL_CMD_GETFAMILY);
	genl_put(nlh, CTRL_ATTR_FAMILY_NAME, SANDBOX_GENL_NAME,
		 sizeof(SANDBOX_GENL_NAME));
	if (!genl_send(fd, nlh))
		n = genl_recv(fd, buf);
	close(fd);
	nlh = (struct nlmsghdr *)buf;
	if (n <= 0 || nlh->nlmsg_type == NLMSG_ERROR)
		return 0;
	genl_parse(nlh, tb, CTRL_ATTR_MAX);
	if (!tb[CTRL_ATTR_FAMILY_ID])
		return 0;
	return *(uint16_t *)genl_attr_data(tb[CTRL_ATTR_FAMILY_ID]);
}

#endif /* _SANDBOX_SELFTEST_FUZZ_UTIL_H */
