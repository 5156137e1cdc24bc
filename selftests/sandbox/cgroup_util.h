/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Selftest helpers for sandboxes: a parent cgroup for the tests, child
 * cgroups, and tasks started inside them with clone3(CLONE_INTO_CGROUP).
 */
#ifndef _SANDBOX_SELFTEST_CGROUP_UTIL_H
#define _SANDBOX_SELFTEST_CGROUP_UTIL_H

#include <linux/close_range.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>

#include "sandbox_util.h"

#define CG_ROOT		"/sys/fs/cgroup"
#define CG_PARENT	CG_ROOT "/sandbox-selftest"

static inline int cg_write(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	close(fd);
	return n < 0 ? -errno : 0;
}

static inline int cg_read(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

/* Makes CG_PARENT with the memory, pids and cpu controllers for children. */
static inline int cg_setup_parent(void)
{
	const char *ctl = "+memory +pids +cpu";

	if (mkdir(CG_PARENT, 0755) && errno != EEXIST)
		return -errno;
	if (cg_write(CG_ROOT "/cgroup.subtree_control", ctl))
		return -errno;
	return cg_write(CG_PARENT "/cgroup.subtree_control", ctl);
}

/* Creates CG_PARENT/@name and returns an O_RDONLY fd of it. */
static inline int cg_create(const char *name)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), CG_PARENT "/%s", name);
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

static inline bool cg_exists(const char *name)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), CG_PARENT "/%s", name);
	return stat(path, &st) == 0;
}

static inline void cg_remove(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), CG_PARENT "/%s", name);
	rmdir(path);
}

/*
 * How long a destroyed sandbox's cgroup may take to go: the module removes
 * it from a work item, and a debug kernel under TCG took over a second
 * for 56 of them at once.
 */
#define CG_GONE_MS	10000

/* Waits up to @ms for the cgroup directory to be gone. */
static inline bool cg_wait_gone(const char *name, int ms)
{
	int i;

	for (i = 0; i < ms; i += 5) {
		if (!cg_exists(name))
			return true;
		usleep(5000);
	}
	return !cg_exists(name);
}

/* A sandbox of @kind; a micro-VM is only the module's record, no guest. */
static inline int sb_create_kind_raw(int devfd, const char *name, int cgfd,
				     __u32 kind, __u32 vcpus, __u64 guest_mem)
{
	struct sandbox_create arg = {
		.size = sizeof(arg),
		.kind = kind,
		.cgroup_fd = cgfd,
		.name = (uintptr_t)name,
		.vcpus = vcpus,
		.guest_mem = guest_mem,
	};

	return sb_ioctl_ptr(devfd, SANDBOX_CREATE, &arg);
}

static inline int sb_create_raw(int devfd, const char *name, int cgfd)
{
	return sb_create_kind_raw(devfd, name, cgfd, SANDBOX_KIND_CONTAINER,
				  0, 0);
}

static inline int sb_create_microvm_raw(int devfd, const char *name, int cgfd,
					__u32 vcpus, __u64 guest_mem)
{
	return sb_create_kind_raw(devfd, name, cgfd, SANDBOX_KIND_MICROVM,
				  vcpus, guest_mem);
}

static inline long sb_start_raw(int sbfd, pid_t pid)
{
	struct sandbox_start arg = { .size = sizeof(arg), .pid = pid };

	return sb_ioctl_ptr(sbfd, SANDBOX_START, &arg);
}

static inline long sb_info_raw(int sbfd, struct sandbox_info *info,
			       char *name)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->name = (uintptr_t)name;
	return sb_ioctl_ptr(sbfd, SANDBOX_GET_INFO, info);
}

/*
 * A task started in the cgroup @cgfd. It blocks until released, so that it
 * can be registered with SANDBOX_START before it does anything.
 */
struct cg_task {
	pid_t pid;
	int go;		/* write end: one byte releases the task */
};

static inline int cg_spawn(int cgfd, struct cg_task *t,
			   int (*body)(void *), void *arg)
{
	struct clone_args args = {
		.flags = CLONE_INTO_CGROUP,
		.exit_signal = SIGCHLD,
		.cgroup = cgfd,
	};
	int pipefd[2];
	char c;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -errno;
	}
	if (pid == 0) {
		close(pipefd[1]);
		if (read(pipefd[0], &c, 1) != 1)
			_exit(100);
		/*
		 * Like an exec'd workload, hold no sandbox fd: a member
		 * holding one would keep its own sandbox alive.
		 */
		close_range(3, ~0U, 0);
		_exit(body(arg));
	}
	close(pipefd[0]);
	t->pid = pid;
	t->go = pipefd[1];
	return 0;
}

static inline void cg_release(struct cg_task *t)
{
	if (write(t->go, "x", 1) != 1)
		perror("cg_release");
	close(t->go);
}

static inline uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ull + ts.tv_nsec / 1000000;
}

#endif /* _SANDBOX_SELFTEST_CGROUP_UTIL_H */
