// SPDX-License-Identifier: GPL-2.0
/*
 * Landlock for sandboxes.
 *
 * The ABI grew over kernel releases (2 on Debian's 6.1, 6 on 6.12), and the
 * installed uapi header may be older or newer than the running kernel, so
 * the ruleset layout and the access bits are spelled out here and chosen
 * from the ABI version the kernel reports, never assumed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/landlock.h>

#include "landlock.h"

#define SB_LL_WRITE_FILE	(1ULL << 1)
#define SB_LL_WRITE_ABI1	(SB_LL_WRITE_FILE | (0x1ffULL << 4)) /* 4..12 */
#define SB_LL_REFER		(1ULL << 13)	/* ABI 2 */
#define SB_LL_TRUNCATE		(1ULL << 14)	/* ABI 3 */
#define SB_LL_SCOPE_UNIX	(1ULL << 0)	/* ABI 6 */
#define SB_LL_SCOPE_SIGNAL	(1ULL << 1)	/* ABI 6 */

/* struct landlock_ruleset_attr as of ABI 6; older kernels read a prefix. */
struct sb_ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;	/* ABI 4 */
	uint64_t scoped;		/* ABI 6 */
};

int sb_landlock_abi(void)
{
	long abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
			   LANDLOCK_CREATE_RULESET_VERSION);

	return abi < 0 ? 0 : abi;
}

static uint64_t sb_ll_write_access(int abi)
{
	uint64_t access = SB_LL_WRITE_ABI1;

	if (abi >= 2)
		access |= SB_LL_REFER;
	if (abi >= 3)
		access |= SB_LL_TRUNCATE;
	return access;
}

static int sb_ll_create(int abi, uint64_t access, struct sb_error *e)
{
	struct sb_ll_ruleset_attr attr = { .handled_access_fs = access };
	size_t size = sizeof(attr.handled_access_fs);
	int fd;

	if (abi >= 4)
		size = sizeof(attr) - sizeof(attr.scoped);
	if (abi >= 6) {
		/* No signals or abstract sockets out of the sandbox. */
		attr.scoped = SB_LL_SCOPE_UNIX | SB_LL_SCOPE_SIGNAL;
		size = sizeof(attr);
	}
	fd = syscall(SYS_landlock_create_ruleset, &attr, size, 0);
	if (fd < 0)
		return sb_error_set(e, errno, "create a Landlock ruleset (ABI %d)",
				    abi);
	return fd;
}

static int sb_ll_allow(int rulefd, const char *path, uint64_t access,
		       struct sb_error *e)
{
	struct landlock_path_beneath_attr rule = {};
	struct stat st;
	int ret = 0;

	rule.parent_fd = open(path, O_PATH | O_CLOEXEC);
	if (rule.parent_fd < 0)
		return errno == ENOENT ? 0 :
			sb_error_set(e, errno, "Landlock rule for %s", path);
	/* Only file accesses may be granted on a file. */
	if (!fstat(rule.parent_fd, &st) && !S_ISDIR(st.st_mode))
		access &= SB_LL_WRITE_FILE | SB_LL_TRUNCATE;
	rule.allowed_access = access;
	if (syscall(SYS_landlock_add_rule, rulefd, LANDLOCK_RULE_PATH_BENEATH,
		    &rule, 0))
		ret = sb_error_set(e, errno, "Landlock rule for %s", path);
	close(rule.parent_fd);
	return ret;
}

int sb_landlock_prepare(const char *const *paths, size_t nr_paths,
			struct sb_error *e)
{
	int abi = sb_landlock_abi();
	uint64_t access;
	size_t i;
	int fd, ret;

	if (!abi)
		return -EOPNOTSUPP;
	access = sb_ll_write_access(abi);
	fd = sb_ll_create(abi, access, e);
	if (fd < 0)
		return fd;
	for (i = 0; i < nr_paths; i++) {
		ret = sb_ll_allow(fd, paths[i], access, e);
		if (ret) {
			close(fd);
			return ret;
		}
	}
	return fd;
}

int sb_landlock_enforce(int fd, struct sb_error *e)
{
	int ret = 0;

	if (syscall(SYS_landlock_restrict_self, fd, 0))
		ret = sb_error_set(e, errno, "enforce the Landlock ruleset");
	close(fd);
	return ret;
}
