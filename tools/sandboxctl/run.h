/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sandboxctl run: the options, shared by the files of the command.
 */
#ifndef _SANDBOXCTL_RUN_H
#define _SANDBOXCTL_RUN_H

#include <stdbool.h>
#include <linux/sandbox.h>

#include "cgroup.h"
#include "container.h"
#include "policy.h"
#include "run_vm.h"
#include "sandboxctl.h"
#include "usage.h"
#include "spawn.h"

/* Exit statuses of `run` itself, as env(1) and timeout(1) use them. */
#define RUN_EXIT_FAIL		125	/* our own error */
#define RUN_EXIT_NOEXEC		126	/* the command cannot be executed */
#define RUN_EXIT_NOTFOUND	127	/* the command does not exist */

/**
 * struct run_opts - the parsed and validated command line of `run`
 * @name: sandbox name
 * @limits: limits for SANDBOX_SET_LIMITS; flags 0 when none were given
 * @timeout_ms: kill the sandbox after this long, 0 for never
 * @json: print a result object on exit
 * @stats: print the sandbox's resource usage on exit
 * @policy_file: --policy FILE, or NULL
 * @has_policy: install @policy (not after --policy none)
 * @policy: the BPF LSM policy, the default one unless --policy FILE
 * @c: the container plan (mounts, ids, environment, command...)
 * @mounts: storage for @c.mounts
 * @env: storage for @c.env
 * @nr_env: entries in @env, without the terminating NULL
 * @vm: the micro-VM, when --vm was given
 */
struct run_opts {
	const char *name;
	struct sandbox_limits limits;
	long long timeout_ms;
	bool json;
	bool stats;
	const char *policy_file;
	bool has_policy;
	struct sb_policy policy;
	struct sb_container c;
	struct sb_mount *mounts;
	char **env;
	size_t nr_env;
	struct run_vm vm;
};

/*
 * Parses the options of `run` (or of @cmd, which takes the same ones) in
 * argv into @o; argv[0] is skipped. @name is the sandbox name when @cmd
 * takes it as an operand, NULL for --name. Returns 0 to go on, or an exit
 * status with *@done set: 0 after --help, RUN_EXIT_FAIL after reporting
 * bad input.
 */
int run_parse(const struct sbctl_cmd *cmd, const char *name, int argc,
	      char **argv, struct run_opts *o, bool *done);
void run_opts_free(struct run_opts *o);

/**
 * struct run_result - what happened, for the exit status and --json
 * @status: wait status of the command (or of the init, if the command
 *	never reported)
 * @exit_code: exit status of `run` itself
 * @timed_out: --timeout expired and we killed the sandbox
 * @report: the init's last report (kind 0 if none)
 * @info: SANDBOX_GET_INFO after the init exited
 * @stats: the cgroup's counters after the init exited
 * @wall_ns: from SANDBOX_START to the init's exit
 * @usage: resource usage after the init exited (--stats)
 */
struct run_result {
	int status;
	int exit_code;
	bool timed_out;
	struct sb_report report;
	struct sandbox_info info;
	struct sb_cgroup_stats stats;
	__u64 wall_ns;
	struct sbctl_usage usage;
};

/**
 * struct run_ctx - one sandbox being run, by `run` or by a `create` keeper
 * @o: the options
 * @cg: its cgroup
 * @proc: its init
 * @sbfd: the sandbox fd, -1 once closed
 * @sigfd: signalfd of the signals to forward, -1 for none
 * @id: the sandbox id
 * @t0_ns: CLOCK_MONOTONIC time the init was cloned
 * @res: the outcome
 */
struct run_ctx {
	struct run_opts *o;
	struct sb_cgroup cg;
	struct sb_proc proc;
	int sbfd;
	int sigfd;
	/* The init has reported: the command runs, or never will. */
	bool reported;
	__u64 id;
	__u64 t0_ns;
	struct run_result res;
};

void run_ctx_init(struct run_ctx *x, struct run_opts *o);
/* Closes what is left open; closing the sandbox fd may end the sandbox. */
void run_ctx_close(struct run_ctx *x);
/*
 * Creates the cgroup, the sandbox and its limits, and starts the init.
 * Returns 0 or, after reporting why, RUN_EXIT_FAIL.
 */
int run_setup(struct run_ctx *x);
/*
 * Waits for the init to exit, forwarding the signals of @x->sigfd once the
 * init has reported (@x->reported, or its first report arriving), and
 * enforcing --timeout; returns its wait status or -errno.
 */
int run_wait(struct run_ctx *x);
/*
 * Our exit status after the report @rep (kind 0 if none) and the wait
 * status of the command; says in one line why the command did not run.
 */
int run_status(const struct sb_report *rep, int status);
/* Reports a libsandbox error; returns RUN_EXIT_FAIL. */
int run_lib_err(const struct sb_error *e);

extern const char run_usage[];

#endif /* _SANDBOXCTL_RUN_H */
