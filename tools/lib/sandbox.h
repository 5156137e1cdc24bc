/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libsandbox: thin wrappers over the /dev/sandbox uapi.
 *
 * Every function returns a non-negative value on success and -errno on
 * failure. Nothing here prints or exits: callers decide how to report.
 */
#ifndef _LIBSANDBOX_H
#define _LIBSANDBOX_H

#include <stddef.h>
#include <sys/types.h>
#include <linux/sandbox.h>

#define SB_DEVICE_PATH	"/dev/sandbox"

int sb_open(void);
int sb_api_version(int devfd);
int sb_check_extension(int devfd, unsigned int cap);
int sb_module_info(int devfd, struct sandbox_module_info *info,
		   char *version, size_t version_len);
const char *sb_cap_name(unsigned int cap);

/* Container sandboxes: sandbox fds (all O_CLOEXEC). */
int sb_create(int devfd, unsigned int kind, const char *name, int cgroup_fd,
	      __u64 *id);
/* A micro-VM sandbox: its monitor will run @vcpus and @guest_mem bytes. */
int sb_create_vm(int devfd, const char *name, int cgroup_fd,
		 unsigned int vcpus, __u64 guest_mem, __u64 *id);
int sb_start(int sbfd, pid_t pid);
int sb_set_limits(int sbfd, const struct sandbox_limits *limits);
int sb_kill(int sbfd, int sig);
/* Fills @info; @name (SANDBOX_NAME_MAX bytes) may be NULL. */
int sb_info(int sbfd, struct sandbox_info *info, char *name);
int sb_destroy(int sbfd);
/* A new fd of a live sandbox, by @id, or by @name when @id is 0. */
int sb_open_sandbox(int devfd, __u64 id, const char *name);
/* Stores up to @max ids; returns how many sandboxes there are. */
int sb_list(int devfd, __u64 *ids, unsigned int max);

#endif /* _LIBSANDBOX_H */
