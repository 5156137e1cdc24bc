// SPDX-License-Identifier: GPL-2.0
/*
 * Joining a running container sandbox: what `sandboxctl exec` stands on.
 *
 * Everything is opened from the host's view first (the init's /proc
 * entries, its cgroup directory), because after setns() the mount
 * namespace and /proc are the sandbox's. The namespaces are joined in one
 * setns() on a pidfd (Linux 5.8), which orders the user namespace right
 * and is all or nothing. The cgroup namespace is joined after the fork
 * into the cgroup, as the init does: a process must be inside a cgroup
 * namespace's root to be moved by clone3() when cgroupfs delegates on
 * namespaces (nsdelegate).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/sched.h>

#include "cgroup.h"
#include "join.h"
#include "sbutil.h"

static const struct {
	const char *name;
	int flag;
} sb_join_ns[] = {
	{ "user", CLONE_NEWUSER }, { "mnt", CLONE_NEWNS },
	{ "pid", CLONE_NEWPID }, { "net", CLONE_NEWNET },
	{ "uts", CLONE_NEWUTS }, { "ipc", CLONE_NEWIPC },
};

/* Whether /proc/@pid/ns/@name is another namespace than /proc/self/ns/@ours. */
static int sb_join_ns_differs(pid_t pid, const char *name, const char *ours)
{
	struct stat a, b;
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, name);
	if (stat(path, &a))
		return -errno;
	snprintf(path, sizeof(path), "/proc/self/ns/%s", ours);
	if (stat(path, &b))
		return -errno;
	return a.st_ino != b.st_ino || a.st_dev != b.st_dev;
}

static int sb_join_open_ns(struct sb_join *j, pid_t pid, struct sb_error *e)
{
	char path[64];
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(sb_join_ns); i++) {
		ret = sb_join_ns_differs(pid, sb_join_ns[i].name,
					 sb_join_ns[i].name);
		if (ret < 0)
			return sb_error_set(e, ret, "namespace %s of pid %d",
					    sb_join_ns[i].name, (int)pid);
		if (ret)
			j->nsflags |= sb_join_ns[i].flag;
	}
	snprintf(path, sizeof(path), "/proc/%d/ns/cgroup", (int)pid);
	j->cgroupns_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (j->cgroupns_fd < 0)
		return sb_error_set(e, errno, "open %s", path);
	/* The init made a time namespace for its children only. */
	ret = sb_join_ns_differs(pid, "time_for_children", "time");
	if (ret <= 0)	/* none (kernel without time namespaces), or ours */
		return 0;
	snprintf(path, sizeof(path), "/proc/%d/ns/time_for_children",
		 (int)pid);
	j->timens_fd = open(path, O_RDONLY | O_CLOEXEC);
	if (j->timens_fd < 0)
		return sb_error_set(e, errno, "open %s", path);
	return 0;
}

/* The init's cgroup, from /proc/PID/cgroup ("0::/PATH" on cgroup v2). */
static int sb_join_open_cgroup(struct sb_join *j, pid_t pid, uint64_t id,
			       struct sb_error *e)
{
	char path[64], line[PATH_MAX], dir[PATH_MAX + 32];
	struct stat st;
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return sb_error_set(e, errno, "open %s", path);
	ret = -ENOENT;
	while (ret && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "0::/", 4))
			ret = 0;
	}
	fclose(f);
	if (ret)
		return sb_error_set(e, ret, "cgroup v2 entry in %s", path);
	line[strcspn(line, "\n")] = '\0';
	snprintf(dir, sizeof(dir), "%s%s", SB_CGROUP_ROOT, line + 3);
	j->cgroup_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (j->cgroup_fd < 0)
		return sb_error_set(e, errno, "open %s", dir);
	/* The module knows the sandbox's cgroup by its inode number. */
	if (fstat(j->cgroup_fd, &st) || st.st_ino != id)
		return sb_error_set(e, ESRCH, "%s is not the sandbox's cgroup",
				    dir);
	return 0;
}

int sb_join_open(struct sb_join *j, pid_t pid, uint64_t cgroup_id,
		 struct sb_error *e)
{
	int ret;

	*j = (struct sb_join){ .pidfd = -1, .cgroup_fd = -1,
			       .cgroupns_fd = -1, .timens_fd = -1 };
	j->pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (j->pidfd < 0)
		return sb_error_set(e, errno, "pidfd_open %d", (int)pid);
	ret = sb_join_open_cgroup(j, pid, cgroup_id, e);
	if (!ret)
		ret = sb_join_open_ns(j, pid, e);
	if (ret)
		sb_join_close(j);
	return ret;
}

int sb_join_enter(struct sb_join *j, struct sb_error *e)
{
	/* setgroups() is denied inside: groups would follow us in. */
	if (geteuid() == 0 && setgroups(0, NULL))
		return sb_error_set(e, errno, "drop supplementary groups");
	if (setns(j->pidfd, j->nsflags))
		return sb_error_set(e, errno, "join the sandbox's namespaces");
	return 0;
}

pid_t sb_join_fork(struct sb_join *j, struct sb_error *e)
{
	struct clone_args args = {
		.flags = CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = j->cgroup_fd,
	};
	pid_t pid;

	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0)
		return sb_error_set(e, errno, "clone3 into the sandbox's cgroup");
	return pid;
}

int sb_join_finish(struct sb_join *j, struct sb_error *e)
{
	if (setns(j->cgroupns_fd, CLONE_NEWCGROUP))
		return sb_error_set(e, errno, "join the cgroup namespace");
	if (j->timens_fd >= 0 && setns(j->timens_fd, CLONE_NEWTIME))
		return sb_error_set(e, errno, "join the time namespace");
	return 0;
}

void sb_join_close(struct sb_join *j)
{
	int *fds[] = { &j->pidfd, &j->cgroup_fd, &j->cgroupns_fd,
		       &j->timens_fd };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(fds); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
}
