// SPDX-License-Identifier: GPL-2.0
/*
 * Lifecycle events of a sandbox, one function per event, called where the
 * event happens. Each fans out to every consumer: the netlink events group
 * (netlink.c) and, for creation and destruction, the audit log (audit.c).
 * Future consumers (module tracepoints) belong here too.
 *
 * Netlink events are sent with sb->lock held, so the events of one sandbox
 * reach listeners in the order its state changed, even when its init task
 * exits while START or the last close runs on another CPU.
 */
#include "internal.h"

/* After SANDBOX_CREATE succeeded, before the fd is installed. */
void sandbox_event_created(struct sandbox *sb)
{
	spin_lock(&sb->lock);
	sandbox_nl_notify(sb, SANDBOX_EVENT_CREATED);
	spin_unlock(&sb->lock);
	sandbox_audit_log(sb, "sandbox_create");
}

/* SANDBOX_START recorded the init task; sb->lock is held. */
void sandbox_event_started(struct sandbox *sb)
{
	sandbox_nl_notify(sb, SANDBOX_EVENT_STARTED);
}

/* The init task exited: atomic context (tracepoint), sb->lock is held. */
void sandbox_event_exited(struct sandbox *sb)
{
	sandbox_nl_notify(sb, SANDBOX_EVENT_EXITED);
}

/*
 * The last fd was closed and @sb is off the list. No event of it follows:
 * sb->released stops sandbox_mark_exited(), which may still find @sb.
 */
void sandbox_event_destroyed(struct sandbox *sb)
{
	spin_lock(&sb->lock);
	sb->released = true;
	sandbox_nl_notify(sb, SANDBOX_EVENT_DESTROYED);
	spin_unlock(&sb->lock);
	sandbox_audit_log(sb, "sandbox_destroy");
}
