// SPDX-License-Identifier: GPL-2.0
/*
 * Audit records of sandbox creation, destruction and denials: type
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

static const char *const sandbox_denied_names[] = {
	[SANDBOX_DENIED_MOUNT] = "mount",
	[SANDBOX_DENIED_MODULE] = "module",
	[SANDBOX_DENIED_PTRACE] = "ptrace",
	[SANDBOX_DENIED_OPEN] = "open",
	[SANDBOX_DENIED_CONNECT] = "connect",
	[SANDBOX_DENIED_BIND] = "bind",
	[SANDBOX_DENIED_EXEC] = "exec",
};

static struct audit_buffer *sandbox_audit_start(const struct sandbox *sb,
						const char *op, gfp_t gfp)
{
	struct audit_buffer *ab;

	if (audit_enabled == AUDIT_OFF)
		return NULL;
	ab = audit_log_start(audit_context(), gfp, SANDBOX_AUDIT_TYPE);
	if (!ab)
		return NULL;
	/* Names are [A-Za-z0-9_.-] only: quoting them is enough. */
	audit_log_format(ab,
			 "op=%s sandbox_id=%llu sandbox_name=\"%s\" sandbox_kind=%s cgroup_id=%llu creator_uid=%u",
			 op, sb->id, sb->name, sandbox_kind_name(sb->kind),
			 cgroup_id(sb->cgrp),
			 from_kuid_munged(&init_user_ns, sb->cred->euid));
	return ab;
}

static void sandbox_audit_end(struct audit_buffer *ab, int res)
{
	audit_log_task_info(ab);
	audit_log_format(ab, " res=%d", res);
	audit_log_end(ab);
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
	struct audit_buffer *ab = sandbox_audit_start(sb, op, GFP_KERNEL);

	if (ab)
		sandbox_audit_end(ab, 1);
}

/*
 * audit_log_untrustedstring() is not exported: the same rule, written
 * here. A string with a space, a quote or a byte outside printable ASCII
 * is hex-encoded, anything else quoted, so that ausearch decodes both.
 */
static void sandbox_audit_untrusted(struct audit_buffer *ab, const char *s)
{
	const unsigned char *p;

	for (p = s; *p; p++) {
		if (*p == '"' || *p < 0x21 || *p > 0x7e)
			break;
	}
	if (!*p) {
		audit_log_format(ab, "\"%s\"", s);
		return;
	}
	for (p = s; *p; p++)
		audit_log_format(ab, "%02X", *p);
}

/**
 * sandbox_audit_denied - record that @sb's policy refused @op on @object
 * @sb: the sandbox
 * @op: enum sandbox_denied_op
 * @object: what it was on: untrusted, the workload chose it
 *
 * Atomic context; describes the current task, the one refused.
 */
void sandbox_audit_denied(const struct sandbox *sb, u32 op,
			  const char *object)
{
	struct audit_buffer *ab;

	ab = sandbox_audit_start(sb, "sandbox_denied", GFP_ATOMIC);
	if (!ab)
		return;
	audit_log_format(ab, " denied_op=%s object=",
			 op < ARRAY_SIZE(sandbox_denied_names) &&
			 sandbox_denied_names[op] ?
			 sandbox_denied_names[op] : "unknown");
	sandbox_audit_untrusted(ab, object);
	sandbox_audit_end(ab, 0);
}
