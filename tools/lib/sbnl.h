/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libsandbox: the generic netlink family "sandbox" (libnl-genl-3).
 *
 * Functions return a non-negative value on success and -errno on failure;
 * nothing here prints or exits.
 */
#ifndef _LIBSANDBOX_SBNL_H
#define _LIBSANDBOX_SBNL_H

#include <stdbool.h>
#include <linux/sandbox.h>

struct sb_nl;

/**
 * struct sb_nl_msg - one event or GET reply, as parsed from its attributes
 * @has: bit (1ULL << SANDBOX_A_*) for every attribute present
 * @type: SANDBOX_A_EVENT_TYPE (events only)
 * @seq: SANDBOX_A_EVENT_SEQ
 * @lost: SANDBOX_A_EVENT_LOST
 * @mono_ns: SANDBOX_A_EVENT_MONO_NS
 * @boot_ns: SANDBOX_A_EVENT_BOOT_NS
 * @id: SANDBOX_A_ID
 * @cgroup_id: SANDBOX_A_CGROUP_ID
 * @name: SANDBOX_A_NAME
 * @kind: SANDBOX_A_KIND
 * @state: SANDBOX_A_STATE (GET only)
 * @creator_uid: SANDBOX_A_CREATOR_UID
 * @init_pid: SANDBOX_A_INIT_PID
 * @exit_status: SANDBOX_A_EXIT_STATUS
 * @exit_code: SANDBOX_A_EXIT_CODE
 * @exit_signal: SANDBOX_A_EXIT_SIGNAL
 * @pid: SANDBOX_A_PID
 * @path: SANDBOX_A_PATH (cut to fit)
 * @limit: SANDBOX_A_LIMIT
 * @limit_event: SANDBOX_A_LIMIT_EVENT
 * @limit_count: SANDBOX_A_LIMIT_COUNT
 * @oom_kills: SANDBOX_A_OOM_KILLS
 * @denied_op: SANDBOX_A_DENIED_OP
 * @object: SANDBOX_A_DENIED_OBJECT
 * @created_ns: SANDBOX_A_CREATED_NS (GET only, as what follows)
 * @created_boot_ns: SANDBOX_A_CREATED_BOOT_NS
 * @started_ns: SANDBOX_A_STARTED_NS
 * @exited_ns: SANDBOX_A_EXITED_NS
 * @limits: SANDBOX_A_LIMITS
 * @memory_max: SANDBOX_A_MEMORY_MAX
 * @pids_max: SANDBOX_A_PIDS_MAX
 * @cpu_quota_us: SANDBOX_A_CPU_QUOTA_US
 * @cpu_period_us: SANDBOX_A_CPU_PERIOD_US
 * @io_weight: SANDBOX_A_IO_WEIGHT
 * @vcpus: SANDBOX_A_VCPUS (micro-VMs)
 * @guest_mem: SANDBOX_A_GUEST_MEM (micro-VMs)
 */
struct sb_nl_msg {
	__u64 has;
	__u32 type;
	__u64 seq, lost, mono_ns, boot_ns;
	__u64 id, cgroup_id;
	char name[SANDBOX_NAME_MAX];
	__u32 kind, state, creator_uid, init_pid;
	__u32 exit_status, exit_code, exit_signal;
	__u32 pid;
	char path[4096];
	__u32 limit, limit_event;
	__u64 limit_count, oom_kills;
	__u32 denied_op;
	char object[256];
	__u64 created_ns, created_boot_ns, started_ns, exited_ns;
	__u32 limits;
	__u64 memory_max, pids_max;
	__u32 cpu_quota_us, cpu_period_us, io_weight;
	__u32 vcpus;
	__u64 guest_mem;
};

#define SB_NL_HAS(m, attr)	(((m)->has >> (attr)) & 1)

typedef int (*sb_nl_cb)(const struct sb_nl_msg *msg, void *arg);

/*
 * Subscribes to the events group; @rcvbuf sets SO_RCVBUF if non-zero.
 * -ENOENT: the module (or its family) is not there; -EPERM: not allowed.
 */
int sb_nl_events_open(struct sb_nl **nl, int rcvbuf);
/*
 * Waits for what the socket has and calls @cb for every message; returns
 * @cb's first non-zero value, 0, or -ENOBUFS once when the socket's
 * buffer overran (events were lost; reading may go on).
 */
int sb_nl_events_read(struct sb_nl *nl, sb_nl_cb cb, void *arg);
/*
 * Calls @cb for every live sandbox (a GET dump, oldest first); returns
 * @cb's first non-zero value, 0, or -errno: -EPERM without CAP_NET_ADMIN,
 * -ENOENT without the module.
 */
int sb_nl_dump(sb_nl_cb cb, void *arg);
void sb_nl_close(struct sb_nl *nl);
int sb_nl_fd(struct sb_nl *nl);

#endif /* _LIBSANDBOX_SBNL_H */
