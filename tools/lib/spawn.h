/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Starting a container sandbox's init: clone3 into fresh namespaces and
 * the sandbox's cgroup, id maps, then the init sets itself up and runs the
 * command. The init reports to the caller through a pipe of struct
 * sb_report messages.
 */
#ifndef _LIBSANDBOX_SPAWN_H
#define _LIBSANDBOX_SPAWN_H

#include <signal.h>
#include <sys/types.h>

#include "container.h"
#include "sberror.h"

enum sb_report_kind {
	SB_REPORT_SETUP = 1,	/* setup failed: @err, @msg */
	SB_REPORT_EXEC,		/* the command could not be executed */
	SB_REPORT_EXIT,		/* the command ended: @status */
	SB_REPORT_RUNNING,	/* the command was executed */
};

/**
 * struct sb_report - one message from the sandbox's init to its caller
 * @kind: enum sb_report_kind
 * @err: positive errno (SETUP and EXEC)
 * @status: the command's wait status (EXIT)
 * @msg: what failed (SETUP and EXEC)
 */
struct sb_report {
	int kind;
	int err;
	int status;
	char msg[SB_ERROR_MAX];
};

/**
 * struct sb_proc - the init of a container sandbox, seen from its caller
 * @pid: its pid in the caller's pid namespace
 * @pidfd: its pidfd (O_CLOEXEC), pollable for its exit
 * @go_fd: write end of the pipe the init waits on before its setup
 * @report_fd: read end of the report pipe; EOF once the init and the
 *	command are gone
 */
struct sb_proc {
	pid_t pid;
	int pidfd;
	int go_fd;
	int report_fd;
};

/*
 * Clones the init of @c into @cgroup_fd and new namespaces, maps its ids,
 * and leaves it waiting for sb_spawn_release(). The caller's supplementary
 * groups are dropped first: setgroups() is denied in the sandbox, so they
 * would otherwise follow the init inside.
 */
int sb_spawn(const struct sb_container *c, int cgroup_fd, struct sb_proc *p,
	     struct sb_error *e);
/* Lets the init set itself up and run the command. */
int sb_spawn_release(struct sb_proc *p, struct sb_error *e);
/* Reads the next report; returns 1, 0 at EOF, or -errno. */
int sb_spawn_read_report(struct sb_proc *p, struct sb_report *r);
/* The same on any report pipe. */
int sb_report_read(int fd, struct sb_report *r);
/* Writes one report; never fails loudly (the reader sees EOF instead). */
void sb_report_send(int fd, int kind, int err, int status, const char *msg);
/* Reaps the init; returns its wait status or -errno. */
int sb_spawn_reap(struct sb_proc *p);
/* Kills the init (and so its pid namespace) and reaps it. */
void sb_spawn_abort(struct sb_proc *p);
void sb_spawn_close(struct sb_proc *p);

/* The init's side, in the new namespaces: never returns. */
void sb_init_main(const struct sb_container *c, int go_fd, int report_fd)
	__attribute__((noreturn));
/*
 * Gives up privilege for good, as the init does before it runs the
 * command: bounding set, ids, capabilities, no_new_privs, working
 * directory, Landlock, and last the seccomp filter. Needs every
 * capability of the sandbox's user namespace and to be in its mount
 * namespace.
 */
int sb_confine(const struct sb_container *c, struct sb_error *e);
/*
 * Executes c->argv with c->env. On failure sends an SB_REPORT_EXEC to
 * @report_fd (which should be close-on-exec, so that EOF on its read end
 * means the command runs) and exits 126, or 127 if it was not found.
 */
void sb_exec_command(const struct sb_container *c, int report_fd)
	__attribute__((noreturn));

#endif /* _LIBSANDBOX_SPAWN_H */
