// SPDX-License-Identifier: GPL-2.0
/*
 * Lifecycle events of a sandbox, one function per event, called where the
 * event happens. Each fans out to every consumer: the module's tracepoints
 * (sandbox_trace.h), the netlink events group (netlink.c) and, for
 * creation, destruction and denials, the audit log (audit.c).
 *
 * Netlink events are sent with sb->lock held, so the events of one sandbox
 * reach listeners in the order its state changed, even when its init task
 * exits while START or the last close runs on another CPU.
 */
#include <linux/cgroup.h>
#include <linux/sched.h>

#include "internal.h"

#define CREATE_TRACE_POINTS
#include "sandbox_trace.h"

static u64 sandbox_cgid(const struct sandbox *sb)
{
	return cgroup_id(sb->cgrp);
}

/* After SANDBOX_CREATE succeeded, before the fd can be reached. */
void sandbox_event_created(struct sandbox *sb)
{
	struct sandbox_event ev = { .type = SANDBOX_EVENT_CREATED };

	trace_sandbox_created(sb->id, sandbox_cgid(sb));
	spin_lock(&sb->lock);
	sandbox_nl_notify(sb, &ev);
	spin_unlock(&sb->lock);
	sandbox_audit_log(sb, "sandbox_create");
}

/* SANDBOX_START recorded the init task; sb->lock is held. */
void sandbox_event_started(struct sandbox *sb)
{
	struct sandbox_event ev = { .type = SANDBOX_EVENT_STARTED };

	trace_sandbox_started(sb->id, sandbox_cgid(sb));
	sandbox_nl_notify(sb, &ev);
}

/* The init task or a child of it executed @path: atomic context. */
void sandbox_event_exec(struct sandbox *sb, u32 pid, const char *path)
{
	struct sandbox_event ev = {
		.type = SANDBOX_EVENT_EXEC,
		.pid = pid,
		.path = path,
	};

	trace_sandbox_exec(sb->id, sandbox_cgid(sb), pid, path);
	spin_lock(&sb->lock);
	if (!sb->released)
		sandbox_nl_notify(sb, &ev);
	spin_unlock(&sb->lock);
}

/* The init task exited: atomic context (tracepoint), sb->lock is held. */
void sandbox_event_exited(struct sandbox *sb, u64 oom_kills)
{
	struct sandbox_event ev = {
		.type = SANDBOX_EVENT_EXITED,
		.oom_kills = oom_kills,
	};

	trace_sandbox_exited(sb->id, sandbox_cgid(sb), sb->exit_status,
			     oom_kills);
	sandbox_nl_notify(sb, &ev);
}

/* A limit counter of the cgroup grew to @count (cgevents.c). */
void sandbox_event_limit_hit(struct sandbox *sb, u32 limit, u32 what,
			     u64 count)
{
	struct sandbox_event ev = {
		.type = SANDBOX_EVENT_LIMIT_HIT,
		.limit = limit,
		.limit_event = what,
		.count = count,
	};

	trace_sandbox_limit_hit(sb->id, sandbox_cgid(sb), limit, what, count);
	spin_lock(&sb->lock);
	if (!sb->released)
		sandbox_nl_notify(sb, &ev);
	spin_unlock(&sb->lock);
}

/*
 * The last fd was closed and @sb is off the list. No event of it follows:
 * sb->released stops the probes (tasks.c) and cgevents.c, which may still
 * find @sb.
 */
void sandbox_event_destroyed(struct sandbox *sb)
{
	struct sandbox_event ev = { .type = SANDBOX_EVENT_DESTROYED };

	spin_lock(&sb->lock);
	sb->released = true;
	sandbox_nl_notify(sb, &ev);
	spin_unlock(&sb->lock);
	trace_sandbox_destroyed(sb->id, sandbox_cgid(sb));
	sandbox_audit_log(sb, "sandbox_destroy");
}

/*
 * The sandbox's BPF LSM policy refused @op on @object to the current task
 * (kfunc.c): atomic context.
 */
void sandbox_event_denied(struct sandbox *sb, u32 op, const char *object)
{
	struct sandbox_event ev = {
		.type = SANDBOX_EVENT_DENIED,
		.pid = task_tgid_nr(current),
		.denied_op = op,
		.object = object,
	};

	trace_sandbox_denied(sb->id, sandbox_cgid(sb), ev.pid, op, object);
	if (!__ratelimit(&sb->denied_rs))
		return;
	spin_lock(&sb->lock);
	if (!sb->released)
		sandbox_nl_notify(sb, &ev);
	spin_unlock(&sb->lock);
	sandbox_audit_denied(sb, op, object);
}
