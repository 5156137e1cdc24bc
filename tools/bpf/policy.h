/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-sandbox BPF LSM policy: the compiled form shared by policy.bpf.c and
 * its loader (tools/lib/policy.c). The text form is documented in
 * Documentation/security.rst.
 */
#ifndef _SANDBOX_BPF_POLICY_H
#define _SANDBOX_BPF_POLICY_H

#define SB_POLICY_PATH_MAX	256
#define SB_POLICY_NR_PATHS	8
#define SB_POLICY_NR_ADDRS	8
#define SB_POLICY_MAX_SANDBOXES	1024

/* Bits of struct sb_policy.flags: what the policy restricts. */
#define SB_POLICY_DENY_MOUNT	(1U << 0)
#define SB_POLICY_DENY_MODULE	(1U << 1)
#define SB_POLICY_DENY_PTRACE	(1U << 2)
#define SB_POLICY_CONNECT	(1U << 3)	/* only to connect[] */
#define SB_POLICY_BIND		(1U << 4)	/* only to bind[] */
#define SB_POLICY_EXEC		(1U << 5)	/* only from exec[] */

/*
 * What a denial was, as enum sandbox_denied_op of the uapi (the BPF side
 * cannot include it next to vmlinux.h; the loader checks they agree).
 */
#define SB_DENIED_MOUNT		1
#define SB_DENIED_MODULE	2
#define SB_DENIED_PTRACE	3
#define SB_DENIED_OPEN		4
#define SB_DENIED_CONNECT	5
#define SB_DENIED_BIND		6
#define SB_DENIED_EXEC		7

/**
 * struct sb_policy_path - a path rule
 * @path: absolute, NUL-terminated; ending in '/' it covers a whole tree
 */
struct sb_policy_path {
	char path[SB_POLICY_PATH_MAX];
};

/**
 * struct sb_policy_addr - an allowed address and port
 * @family: AF_INET or AF_INET6
 * @prefix: leading bits of @addr that must match (0: any address)
 * @port: the port, host order; 0 for any
 * @addr: IPv4 in the first 4 bytes, or IPv6, network order
 */
struct sb_policy_addr {
	__u16 family;
	__u16 prefix;
	__u16 port;
	__u16 pad;
	__u8 addr[16];
};

/**
 * struct sb_policy - the policy of one sandbox, keyed by its cgroup id
 * @flags: SB_POLICY_*
 * @armed: set by the programs at the sandbox's first exec: the setup
 *	sandboxctl does before it (mounts among others) is not subject
 * @nr_open: entries of @open
 * @nr_exec: entries of @exec
 * @nr_connect: entries of @connect
 * @nr_bind: entries of @bind
 * @open: paths that may not be opened
 * @exec: the only paths programs may be executed from
 * @connect: the only addresses connect(2) may reach
 * @bind: the only addresses bind(2) may take
 */
struct sb_policy {
	__u32 flags;
	__u32 armed;
	__u32 nr_open, nr_exec, nr_connect, nr_bind;
	struct sb_policy_path open[SB_POLICY_NR_PATHS];
	struct sb_policy_path exec[SB_POLICY_NR_PATHS];
	struct sb_policy_addr connect[SB_POLICY_NR_ADDRS];
	struct sb_policy_addr bind[SB_POLICY_NR_ADDRS];
};

#endif /* _SANDBOX_BPF_POLICY_H */
