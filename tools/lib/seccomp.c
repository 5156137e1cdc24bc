// SPDX-License-Identifier: GPL-2.0
/*
 * The sandbox's syscall filter, built with libseccomp. (Our header is
 * sb_seccomp.h: <seccomp.h> is libseccomp's.)
 *
 * The default list takes away what a container never needs and what has
 * a history of kernel bugs reachable from user namespaces: module and
 * kexec loading, keyrings, bpf, perf, userfaultfd, io_uring, handle-based
 * opens, the mount API, new user namespaces, terminal injection. ptrace
 * stays: the pid namespace already keeps everything outside unreachable.
 * Syscalls of other architectures (the x32 and i386 entry points) kill
 * the process, so that they cannot be used to go around the list.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "sb_seccomp.h"
#include "sbutil.h"

static const char *const sb_seccomp_default[] = {
	/* kernel code and state */
	"init_module", "finit_module", "delete_module",
	"kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff",
	"acct", "quotactl", "quotactl_fd", "syslog", "iopl", "ioperm",
	"settimeofday", "clock_settime", "clock_adjtime", "uselib",
	/* large attack surface, never needed by a contained workload */
	"keyctl", "add_key", "request_key", "bpf", "perf_event_open",
	"userfaultfd", "io_uring_setup", "io_uring_enter",
	"io_uring_register", "open_by_handle_at", "name_to_handle_at",
	"lookup_dcookie", "kcmp",
	/* the sandbox's mounts and namespaces are final */
	"mount", "umount2", "pivot_root", "fsopen", "fsconfig", "fsmount",
	"fspick", "move_mount", "open_tree", "mount_setattr", "setns",
};

const char *sb_seccomp_default_name(size_t i)
{
	return i < ARRAY_SIZE(sb_seccomp_default) ?
		sb_seccomp_default[i] : NULL;
}

static void sb_trim(char **s)
{
	char *p = *s, *end;

	p[strcspn(p, "#\n")] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\r'))
		*--end = '\0';
	*s = p;
}

static int sb_policy_add(struct sb_seccomp_policy *p, int nr)
{
	int *deny = realloc(p->deny, (p->nr_deny + 1) * sizeof(*deny));

	if (!deny)
		return -ENOMEM;
	deny[p->nr_deny++] = nr;
	p->deny = deny;
	return 0;
}

int sb_seccomp_parse_file(const char *path, struct sb_seccomp_policy *p,
			  struct sb_error *e)
{
	char buf[256], *name;
	int lineno = 0, nr, ret = 0;
	FILE *f;

	*p = (struct sb_seccomp_policy){ .mode = SB_SECCOMP_LIST };
	f = fopen(path, "re");
	if (!f)
		return sb_error_set(e, errno, "seccomp file %s", path);
	while (!ret && fgets(buf, sizeof(buf), f)) {
		lineno++;
		name = buf;
		sb_trim(&name);
		if (!*name)
			continue;
		nr = seccomp_syscall_resolve_name(name);
		if (nr == __NR_SCMP_ERROR)
			ret = sb_error_set(e, EINVAL,
					   "%s:%d: unknown syscall '%s'",
					   path, lineno, name);
		else if (sb_policy_add(p, nr))
			ret = sb_error_set(e, ENOMEM, "seccomp file %s", path);
	}
	if (!ret && ferror(f))
		ret = sb_error_set(e, EIO, "read %s", path);
	fclose(f);
	if (ret)
		sb_seccomp_policy_free(p);
	return ret;
}

void sb_seccomp_policy_free(struct sb_seccomp_policy *p)
{
	free(p->deny);
	p->deny = NULL;
	p->nr_deny = 0;
}

/* Rules that look at arguments: only part of a syscall is denied. */
static int sb_seccomp_add_arg_rules(scmp_filter_ctx ctx)
{
	const uint64_t u32 = 0xffffffffULL;
	int ret;

	ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(unshare),
			       1, SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_NEWUSER,
					  CLONE_NEWUSER));
	if (!ret)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(clone), 1,
				       SCMP_A0(SCMP_CMP_MASKED_EQ,
					       CLONE_NEWUSER, CLONE_NEWUSER));
	/*
	 * clone3 passes its flags in memory, out of a filter's reach; ENOSYS
	 * makes the C library fall back to clone, where they are checked.
	 */
	if (!ret)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS),
				       SCMP_SYS(clone3), 0);
	/* No typing into the terminal of whoever started the sandbox. */
	if (!ret)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(ioctl), 1,
				       SCMP_A1(SCMP_CMP_MASKED_EQ, u32,
					       TIOCSTI));
	if (!ret)
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM),
				       SCMP_SYS(ioctl), 1,
				       SCMP_A1(SCMP_CMP_MASKED_EQ, u32,
					       TIOCLINUX));
	return ret;
}

static int sb_seccomp_add_default(scmp_filter_ctx ctx)
{
	const char *name;
	size_t i;
	int nr, ret;

	for (i = 0; (name = sb_seccomp_default_name(i)); i++) {
		nr = seccomp_syscall_resolve_name(name);
		if (nr < 0)	/* not a syscall on this architecture */
			continue;
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0);
		if (ret)
			return ret;
	}
	return sb_seccomp_add_arg_rules(ctx);
}

static int sb_seccomp_add_list(scmp_filter_ctx ctx,
			       const struct sb_seccomp_policy *p)
{
	size_t i;
	int ret;

	for (i = 0; i < p->nr_deny; i++) {
		ret = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), p->deny[i],
				       0);
		if (ret)
			return ret;
	}
	return 0;
}

int sb_seccomp_load(const struct sb_seccomp_policy *p, struct sb_error *e)
{
	scmp_filter_ctx ctx;
	int ret;

	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx)
		return sb_error_set(e, ENOMEM, "seccomp_init");
	ret = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
			       p->mode == SB_SECCOMP_NONE ? SCMP_ACT_ALLOW :
			       SCMP_ACT_KILL_PROCESS);
	if (!ret && p->mode == SB_SECCOMP_DEFAULT)
		ret = sb_seccomp_add_default(ctx);
	else if (!ret && p->mode == SB_SECCOMP_LIST)
		ret = sb_seccomp_add_list(ctx, p);
	if (ret) {
		seccomp_release(ctx);
		return sb_error_set(e, ret, "build the seccomp filter");
	}
	ret = seccomp_load(ctx);
	seccomp_release(ctx);
	if (ret)
		return sb_error_set(e, ret, "load the seccomp filter");
	return 0;
}
