/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a container sandbox looks like from the inside: the plan that the
 * tool fills in from its options and that the setup code executes.
 */
#ifndef _LIBSANDBOX_CONTAINER_H
#define _LIBSANDBOX_CONTAINER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Inside ids 0..SB_ID_COUNT-1 map to host ids SB_HOST_ID_BASE and up. */
#define SB_HOST_ID_BASE	100000
#define SB_ID_COUNT	65536

#define SB_KEEP_FDS_MAX	8

enum sb_mount_kind {
	SB_MOUNT_BIND,
	SB_MOUNT_RO_BIND,
	SB_MOUNT_TMPFS,
};

/**
 * struct sb_mount - one mount requested on top of the root
 * @kind: what to mount
 * @src: host path, absolute and free of symlinks (binds only)
 * @dst: path inside the sandbox, absolute
 */
struct sb_mount {
	enum sb_mount_kind kind;
	const char *src;
	const char *dst;
};

enum sb_net {
	SB_NET_NONE,	/* own network namespace, loopback only */
	SB_NET_HOST,	/* the host's network */
};

enum sb_seccomp_mode {
	SB_SECCOMP_DEFAULT,	/* the built-in deny list */
	SB_SECCOMP_NONE,	/* a filter that allows everything */
	SB_SECCOMP_LIST,	/* the syscalls in @deny */
};

/**
 * struct sb_seccomp_policy - which syscalls fail with EPERM
 * @mode: see enum sb_seccomp_mode
 * @deny: syscall numbers of the native architecture (SB_SECCOMP_LIST)
 * @nr_deny: entries in @deny
 */
struct sb_seccomp_policy {
	enum sb_seccomp_mode mode;
	int *deny;
	size_t nr_deny;
};

/**
 * struct sb_container - the plan for one container sandbox
 * @rootfs: host directory to use as root (absolute, resolved), NULL for
 *	the host's root; mounted read-only either way
 * @mounts: extra mounts, applied in order after the standard ones
 * @nr_mounts: entries in @mounts
 * @net: network mode
 * @hostname: host name in the sandbox's UTS namespace
 * @uid: user id inside the sandbox (0 to SB_ID_COUNT - 1)
 * @gid: group id inside the sandbox
 * @env: the complete environment of the command, NULL-terminated
 * @cwd: working directory inside the sandbox
 * @argv: the command, NULL-terminated; argv[0] is looked up in PATH
 * @seccomp: syscall filter
 * @landlock: restrict writes with Landlock where the kernel has it
 * @null_stdio: the init and the command get /dev/null as stdin, stdout
 *	and stderr instead of the caller's (for sandboxes that outlive it)
 * @devices: NULL for the standard /dev; else a NULL-terminated list of
 *	host device names (in /dev) that are the only entries of the
 *	sandbox's /dev (a micro-VM monitor's jail: just "kvm")
 * @keep_fds: fds of the caller that the command inherits (at most
 *	SB_KEEP_FDS_MAX; they must not be close-on-exec); every other fd
 *	but stdio is closed in the sandbox
 * @nr_keep_fds: entries in @keep_fds
 */
struct sb_container {
	const char *rootfs;
	const struct sb_mount *mounts;
	size_t nr_mounts;
	enum sb_net net;
	const char *hostname;
	uid_t uid;
	gid_t gid;
	char **env;
	const char *cwd;
	char **argv;
	struct sb_seccomp_policy seccomp;
	bool landlock;
	bool null_stdio;
	const char *const *devices;
	const int *keep_fds;
	size_t nr_keep_fds;
};

#endif /* _LIBSANDBOX_CONTAINER_H */
