/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Joining a running container sandbox from outside: its namespaces and its
 * cgroup, found through its init task.
 */
#ifndef _LIBSANDBOX_JOIN_H
#define _LIBSANDBOX_JOIN_H

#include <stdint.h>
#include <sys/types.h>

#include "sberror.h"

/**
 * struct sb_join - what a process needs to become a sandbox member
 * @pidfd: pidfd of the sandbox's init
 * @cgroup_fd: the sandbox's cgroup directory
 * @cgroupns_fd: the init's cgroup namespace
 * @timens_fd: the time namespace of the init's children, -1 if it is ours
 * @nsflags: CLONE_NEW* of the init's namespaces that differ from ours
 *	(the network namespace is ours with --net host), joined through
 *	@pidfd
 */
struct sb_join {
	int pidfd;
	int cgroup_fd;
	int cgroupns_fd;
	int timens_fd;
	int nsflags;
};

/*
 * Opens what sb_join_enter() needs from the init @pid, whose cgroup must
 * have the id @cgroup_id. The caller checks afterwards that @pid is still
 * the sandbox's init, so that a recycled pid cannot be joined.
 */
int sb_join_open(struct sb_join *j, pid_t pid, uint64_t cgroup_id,
		 struct sb_error *e);
/*
 * Drops supplementary groups and joins the namespaces in @j->nsflags; new
 * children are then born in the sandbox's pid namespace.
 */
int sb_join_enter(struct sb_join *j, struct sb_error *e);
/* Forks into the sandbox's cgroup: 0 in the child, its pid, or -errno. */
pid_t sb_join_fork(struct sb_join *j, struct sb_error *e);
/*
 * In the child: joins the cgroup and time namespaces, which need it to be
 * in the sandbox's cgroup already and its only user.
 */
int sb_join_finish(struct sb_join *j, struct sb_error *e);
void sb_join_close(struct sb_join *j);

#endif /* _LIBSANDBOX_JOIN_H */
