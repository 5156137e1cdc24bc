// SPDX-License-Identifier: GPL-2.0
/*
 * Starting a container sandbox's init: the caller's side.
 *
 * The init is cloned stopped on a pipe, so that its caller can write its
 * id maps and hand it to the module (SANDBOX_START) before it runs a
 * single instruction of its own: nothing it does is ever unaccounted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sched.h>

#include "spawn.h"

#ifndef P_PIDFD
#define P_PIDFD	3
#endif

static int sb_write_proc(pid_t pid, const char *file, const char *val,
			 struct sb_error *e)
{
	char path[64];
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return sb_error_set(e, errno, "open %s", path);
	len = write(fd, val, strlen(val));
	close(fd);
	if (len < 0)
		return sb_error_set(e, errno, "write %s", path);
	return 0;
}

/*
 * Ids 0..SB_ID_COUNT-1 inside are unprivileged ids on the host: DAC on
 * host files treats the sandbox's root as nobody in particular.
 */
static int sb_write_id_maps(pid_t pid, struct sb_error *e)
{
	char map[64];
	int ret;

	snprintf(map, sizeof(map), "0 %u %u\n", SB_HOST_ID_BASE, SB_ID_COUNT);
	ret = sb_write_proc(pid, "setgroups", "deny", e);
	if (!ret)
		ret = sb_write_proc(pid, "uid_map", map, e);
	if (!ret)
		ret = sb_write_proc(pid, "gid_map", map, e);
	return ret;
}

static pid_t sb_clone3(const struct sb_container *c, int cgroup_fd,
		       int *pidfd)
{
	struct clone_args args = {
		.flags = CLONE_PIDFD | CLONE_INTO_CGROUP | CLONE_NEWUSER |
			 CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS |
			 CLONE_NEWIPC,
		.pidfd = (uintptr_t)pidfd,
		.exit_signal = SIGCHLD,
		.cgroup = cgroup_fd,
	};

	if (c->net == SB_NET_NONE)
		args.flags |= CLONE_NEWNET;
	return syscall(SYS_clone3, &args, sizeof(args));
}

static int sb_cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/*
 * Keeps only stdio, our two pipe ends and the plan's @keep_fds: no
 * sandbox or device fd inside that the plan did not ask for.
 */
static void sb_close_inherited(const struct sb_container *c, int a, int b)
{
	int keep[SB_KEEP_FDS_MAX + 2], next = 3;
	size_t i, n = 0;

	keep[n++] = a;
	keep[n++] = b;
	for (i = 0; i < c->nr_keep_fds && i < SB_KEEP_FDS_MAX; i++)
		keep[n++] = c->keep_fds[i];
	qsort(keep, n, sizeof(int), sb_cmp_int);
	for (i = 0; i < n; i++) {
		if (keep[i] > next)
			close_range(next, keep[i] - 1, 0);
		if (keep[i] >= next)
			next = keep[i] + 1;
	}
	close_range(next, ~0U, 0);
}

int sb_spawn(const struct sb_container *c, int cgroup_fd, struct sb_proc *p,
	     struct sb_error *e)
{
	int go[2], report[2], ret;

	*p = (struct sb_proc){ .pid = -1, .pidfd = -1, .go_fd = -1,
			       .report_fd = -1 };
	if (geteuid() == 0 && setgroups(0, NULL))
		return sb_error_set(e, errno, "drop supplementary groups");
	if (pipe2(go, O_CLOEXEC))
		return sb_error_set(e, errno, "pipe");
	if (pipe2(report, O_CLOEXEC)) {
		ret = sb_error_set(e, errno, "pipe");
		goto close_go;
	}
	p->pid = sb_clone3(c, cgroup_fd, &p->pidfd);
	if (p->pid == 0) {
		sb_close_inherited(c, go[0], report[1]);
		sb_init_main(c, go[0], report[1]);
	}
	if (p->pid < 0) {
		ret = sb_error_set(e, errno, "clone3");
		close(report[0]);
		goto close_report;
	}
	p->go_fd = go[1];
	p->report_fd = report[0];
	close(go[0]);
	close(report[1]);
	ret = sb_write_id_maps(p->pid, e);
	if (ret)
		sb_spawn_abort(p);
	return ret;

close_report:
	close(report[1]);
close_go:
	close(go[0]);
	close(go[1]);
	return ret;
}

int sb_spawn_release(struct sb_proc *p, struct sb_error *e)
{
	int ret = 0;

	if (write(p->go_fd, "", 1) != 1)
		ret = sb_error_set(e, errno, "release the sandbox's init");
	close(p->go_fd);
	p->go_fd = -1;
	return ret;
}

int sb_report_read(int fd, struct sb_report *r)
{
	ssize_t len;

	do {
		len = read(fd, r, sizeof(*r));
	} while (len < 0 && errno == EINTR);
	if (len < 0)
		return -errno;
	if (len == 0)
		return 0;
	/* Reports are written whole and are smaller than PIPE_BUF. */
	if (len != sizeof(*r))
		return -EPROTO;
	r->msg[sizeof(r->msg) - 1] = '\0';
	return 1;
}

int sb_spawn_read_report(struct sb_proc *p, struct sb_report *r)
{
	return sb_report_read(p->report_fd, r);
}

int sb_spawn_reap(struct sb_proc *p)
{
	siginfo_t info = {};

	while (waitid(P_PIDFD, p->pidfd, &info, WEXITED)) {
		if (errno != EINTR)
			return -errno;
	}
	p->pid = -1;
	if (info.si_code == CLD_EXITED)
		return W_EXITCODE(info.si_status, 0);
	return W_EXITCODE(0, info.si_status) |
		(info.si_code == CLD_DUMPED ? WCOREFLAG : 0);
}

void sb_spawn_abort(struct sb_proc *p)
{
	if (p->pid <= 0)
		return;
	syscall(SYS_pidfd_send_signal, p->pidfd, SIGKILL, NULL, 0);
	sb_spawn_reap(p);
}

void sb_spawn_close(struct sb_proc *p)
{
	if (p->pidfd >= 0)
		close(p->pidfd);
	if (p->go_fd >= 0)
		close(p->go_fd);
	if (p->report_fd >= 0)
		close(p->report_fd);
	p->pidfd = p->go_fd = p->report_fd = -1;
}
