// SPDX-License-Identifier: GPL-2.0
/*
 * Audit records of sandbox creation and destruction: type
 * SANDBOX_AUDIT_TYPE (AUDIT_KERNEL_OTHER), key=value fields documented in
 * the uapi ("Audit records"), written only while auditing is enabled.
 */
#include <linux/audit.h>
#include <linux/cgroup.h>
#include <linux/cred.h>

#include "internal.h"

static const char *sandbox_kind_name(u32 kind)
{
	switch (kind) {
	case SANDBOX_KIND_CONTAINER:
		return "container";
	case SANDBOX_KIND_MICROVM:
		return "microvm";
	default:
		return "unknown";
	}
}

/**
 * sandbox_audit_log - write one lifecycle record of @sb
 * @sb: the sandbox
 * @op: "sandbox_create" or "sandbox_destroy"
 *
 * Process context, may sleep; describes the current task.
 */
void sandbox_audit_log(const struct sandbox *sb, const char *op)
{
	struct audit_buffer *ab;

	if (audit_enabled == AUDIT_OFF)
		return;
	ab = audit_log_start(audit_context(), GFP_KERNEL, SANDBOX_AUDIT_TYPE);
	if (!ab)
		return;
	/* Names are [A-Za-z0-9_.-] only: quoting them is enough. */
	audit_log_format(ab,
			 "op=%s sandbox_id=%llu sandbox_name=\"%s\" sandbox_kind=%s cgroup_id=%llu creator_uid=%u",
			 op, sb->id, sb->name, sandbox_kind_name(sb->kind),
			 cgroup_id(sb->cgrp),
			 from_kuid_munged(&init_user_ns, sb->cred->euid));
	audit_log_task_info(ab);
	audit_log_format(ab, " res=1");
	audit_log_end(ab);
}
