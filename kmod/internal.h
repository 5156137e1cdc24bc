/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private declarations shared by the files of sandbox.ko.
 */
#ifndef _SANDBOX_INTERNAL_H
#define _SANDBOX_INTERNAL_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/atomic.h>
#include <linux/cred.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include <linux/sandbox.h>

#define SANDBOX_MAX_RESERVED	2

/**
 * struct sandbox_ucmd - one ioctl call being executed
 * @ubuffer: the user's argument struct (NULL for by-value commands)
 * @user_size: the size the user declared in the struct's @size field
 * @arg: the raw ioctl argument (the value for by-value commands)
 * @cmd: kernel copy of the argument struct, zero-extended to the op's size
 * @ctx: object the ioctl was issued on (owned by the caller of dispatch)
 */
struct sandbox_ucmd {
	void __user *ubuffer;
	u32 user_size;
	unsigned long arg;
	void *cmd;
	void *ctx;
};

/**
 * struct sandbox_range - a byte range inside an argument struct
 * @off: offset of the first byte
 * @len: number of bytes (0 terminates a list)
 */
struct sandbox_range {
	u16 off;
	u16 len;
};

/**
 * struct sandbox_ioctl_op - one entry of an ioctl dispatch table
 * @size: size of the kernel's argument struct, 0 for by-value commands
 * @min_size: smallest size userspace may pass (first released layout)
 * @valid_flags: bits accepted in the struct's @flags field
 * @reserved: fields that must be zero
 * @execute: the command; returns >= 0 or -errno
 *
 * Every argument struct starts with __u32 size and __u32 flags (uapi rules).
 */
struct sandbox_ioctl_op {
	u16 size;
	u16 min_size;
	u32 valid_flags;
	struct sandbox_range reserved[SANDBOX_MAX_RESERVED];
	int (*execute)(struct sandbox_ucmd *ucmd);
};

#define SANDBOX_RESERVED(type, field) \
	{ offsetof(type, field), sizeof_field(type, field) }

/*
 * Entry for a command taking a struct; @min_size is the size of the struct's
 * first released layout (the uapi's *_SIZE_VER0).
 */
#define SANDBOX_STRUCT_OP(fn, type, min, flags, ...)			\
	{								\
		.size = sizeof(type),					\
		.min_size = (min),					\
		.valid_flags = (flags),					\
		.reserved = { __VA_ARGS__ },				\
		.execute = (fn),					\
	}

#define SANDBOX_VALUE_OP(fn) { .execute = (fn) }

/* Number of sandboxes alive; the module cannot be unloaded while > 0. */
extern atomic_t sandbox_nr_alive;

/*
 * Locking, outermost first:
 *
 * sandbox_list_lock (mutex): membership of sandbox_list, unique names
 *	and cgroups. Readers of the list (the exit tracepoint, the
 *	membership check) walk it under RCU instead.
 * sandbox->limits_lock (mutex): the limit fields and writes to the
 *	cgroup's control files.
 * sandbox->lock (spinlock): state, init_pid, exit_status, released and
 *	the timestamps; taken from the sched_process_exit tracepoint. Held
 *	while a netlink event of the sandbox is sent (events.c).
 * sandbox_nl_lock (spinlock, netlink.c): the event sequence number and
 *	lost counter; held while an event is numbered and broadcast.
 */
struct sandbox_rmdir;
struct sandbox_cgwatch;

struct sandbox {
	u64 id;
	u32 kind;
	u32 vcpus;			/* micro-VMs, else 0 */
	u64 guest_mem;			/* micro-VMs, else 0 */
	char name[SANDBOX_NAME_MAX];
	struct cgroup *cgrp;
	struct path cgdir;
	struct sandbox_rmdir *rmdir;
	struct sandbox_cgwatch *cgwatch;
	const struct cred *cred;
	struct file *file;		/* valid while on sandbox_list */
	struct list_head node;
	struct rcu_head rcu;
	wait_queue_head_t wait;

	struct ratelimit_state denied_rs;	/* denied events, audit */

	struct mutex limits_lock;	/* protects limits, see above */
	struct sandbox_limits limits;

	spinlock_t lock;		/* protects what follows */
	u32 state;
	bool destroyed;
	bool released;			/* last fd closed: no more events */
	struct pid *init_pid;
	u32 exit_status;
	u64 created_ns;
	u64 created_boot_ns;
	u64 started_ns;
	u64 exited_ns;
};

/*
 * A sandbox failing in a loop must not flood event listeners and the audit
 * log: at most this many denied events and records per interval. The
 * tracepoint and the BPF accounting still see every denial.
 */
#define SANDBOX_DENIED_BURST		50
#define SANDBOX_DENIED_INTERVAL		(5 * HZ)

extern struct list_head sandbox_list;
extern struct mutex sandbox_list_lock;

/* sandbox.c */
int sandbox_create(struct sandbox_ucmd *ucmd);
int sandbox_open(struct sandbox_ucmd *ucmd);
int sandbox_list_ids(struct sandbox_ucmd *ucmd);
bool sandbox_current_is_member(void);
struct sandbox *sandbox_of_cgroup_rcu(struct cgroup *cgrp);
void sandbox_fill_info(struct sandbox *sb, struct sandbox_info *info);

/**
 * struct sandbox_event - one event of a sandbox, beyond the sandbox itself
 * @type: enum sandbox_event_type
 * @pid: EXEC: the task, in the initial pid namespace
 * @path: EXEC: the program
 * @limit: LIMIT_HIT: the SANDBOX_LIMIT_* bit
 * @limit_event: LIMIT_HIT: enum sandbox_limit_event
 * @count: LIMIT_HIT: the cgroup's counter of that event
 * @oom_kills: EXITED: OOM kills in the sandbox so far
 * @denied_op: DENIED: enum sandbox_denied_op
 * @object: DENIED: what it was on
 */
struct sandbox_event {
	u32 type;
	u32 pid;
	const char *path;
	u32 limit;
	u32 limit_event;
	u64 count;
	u64 oom_kills;
	u32 denied_op;
	const char *object;
};

/* events.c: lifecycle events, fanned out to tracepoints, netlink, audit */
void sandbox_event_created(struct sandbox *sb);
void sandbox_event_started(struct sandbox *sb);
void sandbox_event_exec(struct sandbox *sb, u32 pid, const char *path);
void sandbox_event_exited(struct sandbox *sb, u64 oom_kills);
void sandbox_event_limit_hit(struct sandbox *sb, u32 limit, u32 what,
			     u64 count);
void sandbox_event_destroyed(struct sandbox *sb);
void sandbox_event_denied(struct sandbox *sb, u32 op, const char *object);

/* netlink.c: the generic netlink family */
void sandbox_nl_notify(struct sandbox *sb, const struct sandbox_event *ev);
int sandbox_nl_init(void);
void sandbox_nl_exit(void);

/* audit.c */
void sandbox_audit_log(const struct sandbox *sb, const char *op);
void sandbox_audit_denied(const struct sandbox *sb, u32 op,
			  const char *object);

/* cgroup.c: the sandbox's cgroup v2 directory */
int sandbox_cg_attach(struct sandbox *sb, int fd);
void sandbox_cg_put(struct sandbox *sb);
void sandbox_cg_detach(struct sandbox *sb);
int sandbox_cg_set_limits(struct sandbox *sb, const struct sandbox_limits *l);
int sandbox_cg_kill(struct sandbox *sb, int sig);
struct file *sandbox_cg_open(struct sandbox *sb, const char *name, int flags);
u64 sandbox_cg_oom_kills(struct sandbox *sb);
int sandbox_cg_init(void);
void sandbox_cg_exit(void);

/* cgevents.c: limit hits, from the cgroup's event files */
int sandbox_cgwatch_start(struct sandbox *sb);
void sandbox_cgwatch_stop(struct sandbox *sb);

/* tasks.c: the init task's exit and entry execs, from sched tracepoints */
void sandbox_exit_check_started(struct sandbox *sb, struct task_struct *t);
int sandbox_tasks_init(void);
void sandbox_tasks_exit(void);

/* kfunc.c: BPF kfuncs */
int sandbox_kfunc_init(void);

long sandbox_ucmd_dispatch(const struct sandbox_ioctl_op *table,
			   size_t nr_ops, unsigned int type,
			   unsigned int first_nr, unsigned int cmd,
			   unsigned long arg, void *ctx);
int sandbox_ucmd_respond(struct sandbox_ucmd *ucmd, size_t len);

#endif /* _SANDBOX_INTERNAL_H */
