// SPDX-License-Identifier: GPL-2.0
/*
 * Per-sandbox policy enforced with BPF LSM programs.
 *
 * One set of global lsm/ programs serves every sandbox: each hook looks up
 * the policy of the current task's cgroup (sb_policy) and allows what has
 * none. A policy is armed at the sandbox's first exec, so the setup
 * sandboxctl's init does before it is not subject. A denial returns
 * -EPERM and, through the module's kfunc where it exists (SB_KFUNC), is
 * reported as a denied event and audit record. The module's
 * sandbox_destroyed tracepoint removes the sandbox's policy.
 */
#include "vmlinux.h"
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "policy.h"

#define EPERM		1
#define AF_INET		2
#define AF_INET6	10

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SB_POLICY_MAX_SANDBOXES);
	__type(key, __u64);
	__type(value, struct sb_policy);
} sb_policy SEC(".maps");

/* A path buffer per CPU: too large for the BPF stack. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sb_policy_path);
} sb_scratch SEC(".maps");

#ifdef SB_KFUNC
extern int bpf_sandbox_report_denied(__u32 op, const void *obj,
				     __u32 obj__sz) __ksym;
#endif

static __always_inline char *scratch(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&sb_scratch, &zero);
}

/* Refuses @op on the object in @buf, the scratch buffer, and reports it. */
static __always_inline int deny(__u32 op, char *buf)
{
#ifdef SB_KFUNC
	if (buf)
		bpf_sandbox_report_denied(op, buf, SB_POLICY_PATH_MAX);
#endif
	return -EPERM;
}

/* The same for an object named by a kernel string (kfuncs cannot read
 * .rodata: they may write where they are given memory).
 */
static __always_inline int deny_str(__u32 op, const char *name)
{
	char *buf = scratch();

	if (buf)
		bpf_probe_read_kernel_str(buf, SB_POLICY_PATH_MAX, name);
	return deny(op, buf);
}

/* The armed policy of the current task's sandbox, or NULL. */
static __always_inline struct sb_policy *armed_policy(void)
{
	__u64 cgid = bpf_get_current_cgroup_id();
	struct sb_policy *p = bpf_map_lookup_elem(&sb_policy, &cgid);

	return p && p->armed ? p : NULL;
}

/* Does @path equal @rule, or lie under it when @rule ends with '/'? */
static __always_inline bool path_matches(const char *path,
					 const char *rule)
{
	int i;

	for (i = 0; i < SB_POLICY_PATH_MAX; i++) {
		if (!rule[i])
			return !path[i] || (i && rule[i - 1] == '/');
		if (path[i] != rule[i])
			return false;
	}
	return false;
}

static __always_inline bool path_listed(const char *path,
					const struct sb_policy_path *rules,
					__u32 nr)
{
	int i;

	for (i = 0; i < SB_POLICY_NR_PATHS; i++) {
		if (i >= nr)
			break;
		if (path_matches(path, rules[i].path))
			return true;
	}
	return false;
}

/* @p's path into the scratch buffer; NULL if it cannot be had. */
static __always_inline char *path_of(const struct path *p)
{
	char *buf = scratch();

	if (!buf || bpf_d_path((struct path *)p, buf, SB_POLICY_PATH_MAX) < 0)
		return NULL;
	return buf;
}

SEC("lsm/bprm_check_security")
int BPF_PROG(sb_exec_check, struct linux_binprm *bprm)
{
	__u64 cgid = bpf_get_current_cgroup_id();
	struct sb_policy *p = bpf_map_lookup_elem(&sb_policy, &cgid);
	char *path;

	if (!p)
		return 0;
	p->armed = 1;
	if (!(p->flags & SB_POLICY_EXEC))
		return 0;
	path = path_of(&bprm->file->f_path);
	if (!path)
		return deny_str(SB_DENIED_EXEC, "?");
	if (!path_listed(path, p->exec, p->nr_exec))
		return deny(SB_DENIED_EXEC, path);
	return 0;
}

SEC("lsm/file_open")
int BPF_PROG(sb_file_open, struct file *file)
{
	struct sb_policy *p = armed_policy();
	char *path;

	if (!p || !p->nr_open)
		return 0;
	path = path_of(&file->f_path);
	if (path && path_listed(path, p->open, p->nr_open))
		return deny(SB_DENIED_OPEN, path);
	return 0;
}

SEC("lsm/sb_mount")
int BPF_PROG(sb_mount, const char *dev_name, const struct path *path,
	     const char *type, unsigned long flags, void *data)
{
	struct sb_policy *p = armed_policy();

	if (p && (p->flags & SB_POLICY_DENY_MOUNT))
		return deny_str(SB_DENIED_MOUNT, "mount");
	return 0;
}

SEC("lsm/move_mount")
int BPF_PROG(sb_move_mount, const struct path *from, const struct path *to)
{
	struct sb_policy *p = armed_policy();

	if (p && (p->flags & SB_POLICY_DENY_MOUNT))
		return deny_str(SB_DENIED_MOUNT, "move_mount");
	return 0;
}

SEC("lsm/kernel_module_request")
int BPF_PROG(sb_module_request, char *name)
{
	struct sb_policy *p = armed_policy();

	if (!p || !(p->flags & SB_POLICY_DENY_MODULE))
		return 0;
	return deny_str(SB_DENIED_MODULE, name);
}

SEC("lsm/kernel_read_file")
int BPF_PROG(sb_read_file, struct file *file, enum kernel_read_file_id id,
	     bool contents)
{
	struct sb_policy *p = armed_policy();

	if (p && (p->flags & SB_POLICY_DENY_MODULE) && id == READING_MODULE)
		return deny_str(SB_DENIED_MODULE, "finit_module");
	return 0;
}

SEC("lsm/kernel_load_data")
int BPF_PROG(sb_load_data, enum kernel_load_data_id id, bool contents)
{
	struct sb_policy *p = armed_policy();

	if (p && (p->flags & SB_POLICY_DENY_MODULE) && id == LOADING_MODULE)
		return deny_str(SB_DENIED_MODULE, "init_module");
	return 0;
}

/* Tracing, /proc/PID/mem and friends: only inside the same sandbox. */
SEC("lsm/ptrace_access_check")
int BPF_PROG(sb_ptrace, struct task_struct *child, unsigned int mode)
{
	struct sb_policy *p = armed_policy();
	__u64 cgid, pid;
	char *buf;

	if (!p || !(p->flags & SB_POLICY_DENY_PTRACE))
		return 0;
	cgid = BPF_CORE_READ(child, cgroups, dfl_cgrp, kn, id);
	if (cgid == bpf_get_current_cgroup_id())
		return 0;
	/* the victim's pid, in the initial namespace, for the report */
	buf = scratch();
	pid = BPF_CORE_READ(child, tgid);
	if (buf)
		BPF_SNPRINTF(buf, SB_POLICY_PATH_MAX, "pid %llu", pid);
	return deny(SB_DENIED_PTRACE, buf);
}

static __always_inline bool addr_allowed(const struct sockaddr *sa,
					 const struct sb_policy_addr *allow,
					 __u32 nr)
{
	__u16 family = BPF_CORE_READ(sa, sa_family), port;
	__u8 addr[16] = {};
	int i, b;

	if (family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;

		port = bpf_ntohs(BPF_CORE_READ(in, sin_port));
		bpf_probe_read_kernel(addr, 4, &in->sin_addr);
	} else if (family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		port = bpf_ntohs(BPF_CORE_READ(in6, sin6_port));
		bpf_probe_read_kernel(addr, 16, &in6->sin6_addr);
	} else {
		return true;	/* unix sockets and others: not ours */
	}
	for (i = 0; i < SB_POLICY_NR_ADDRS; i++) {
		const struct sb_policy_addr *a = &allow[i];
		bool match = true;

		if (i >= nr)
			break;
		if (a->family != family || (a->port && a->port != port))
			continue;
		for (b = 0; b < 128; b++) {
			__u8 mask = 0x80 >> (b & 7);

			if (b >= a->prefix)
				break;
			if ((addr[b >> 3] ^ a->addr[b >> 3]) & mask) {
				match = false;
				break;
			}
		}
		if (match)
			return true;
	}
	return false;
}

SEC("lsm/socket_connect")
int BPF_PROG(sb_connect, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct sb_policy *p = armed_policy();

	if (!p || !(p->flags & SB_POLICY_CONNECT) ||
	    addr_allowed(address, p->connect, p->nr_connect))
		return 0;
	return deny_str(SB_DENIED_CONNECT, "connect");
}

SEC("lsm/socket_bind")
int BPF_PROG(sb_bind, struct socket *sock, struct sockaddr *address,
	     int addrlen)
{
	struct sb_policy *p = armed_policy();

	if (!p || !(p->flags & SB_POLICY_BIND) ||
	    addr_allowed(address, p->bind, p->nr_bind))
		return 0;
	return deny_str(SB_DENIED_BIND, "bind");
}

SEC("tp_btf/sandbox_destroyed")
int BPF_PROG(sb_policy_gone_btf, __u64 id, __u64 cgid)
{
	bpf_map_delete_elem(&sb_policy, &cgid);
	return 0;
}

SEC("raw_tp/sandbox_destroyed")
int sb_policy_gone_raw(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 cgid = ctx->args[1];

	bpf_map_delete_elem(&sb_policy, &cgid);
	return 0;
}
