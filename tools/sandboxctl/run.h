/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sandboxctl run: the options, shared by the files of the command.
 */
#ifndef _SANDBOXCTL_RUN_H
#define _SANDBOXCTL_RUN_H

#include <stdbool.h>
#include <linux/sandbox.h>

#include "container.h"

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
 * @c: the container plan (mounts, ids, environment, command...)
 * @mounts: storage for @c.mounts
 * @env: storage for @c.env
 * @nr_env: entries in @env, without the terminating NULL
 */
struct run_opts {
	const char *name;
	struct sandbox_limits limits;
	long long timeout_ms;
	bool json;
	struct sb_container c;
	struct sb_mount *mounts;
	char **env;
	size_t nr_env;
};

/*
 * Parses argv of `run` into @o. Returns 0 to go on, or an exit status:
 * 0 after --help, RUN_EXIT_FAIL after reporting bad input.
 */
int run_parse(int argc, char **argv, struct run_opts *o, bool *done);
void run_opts_free(struct run_opts *o);

extern const char run_usage[];

#endif /* _SANDBOXCTL_RUN_H */
