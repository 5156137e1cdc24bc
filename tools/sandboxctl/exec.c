// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl exec NAME|ID [--cwd DIR] [--env K=V]... -- COMMAND: run a
 * command in a running long-lived sandbox.
 *
 * The command joins the sandbox's namespaces and, from its first
 * instruction, its cgroup (see join.c), and is confined exactly as the
 * sandbox's own command: the options recorded by `create` are parsed again
 * with exec's --env and --cwd appended, and the same code (sb_confine)
 * applies them. We stay outside, as its parent, for its exit status.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "join.h"
#include "longlived.h"
#include "lookup.h"
#include "run.h"
#include "sandbox.h"

#define EXEC_STATE_MAX	(64 << 10)

/**
 * struct exec_args - the command line `exec` hands to run_parse()
 * @argv: "exec", the options of `create`, ours, "--", COMMAND...
 * @argc: entries in @argv
 * @buf: the contents of the state file, which @argv points into
 */
struct exec_args {
	char **argv;
	int argc;
	char *buf;
};

static char *exec_read_state(const char *name, size_t *len)
{
	char path[PATH_MAX], *buf;
	ssize_t n;
	int fd;

	ll_state_path(path, sizeof(path), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		sbctl_err("%s: %s (was it made by 'sandboxctl create'?)",
			  path, strerror(errno));
		return NULL;
	}
	buf = malloc(EXEC_STATE_MAX);
	n = buf ? read(fd, buf, EXEC_STATE_MAX) : -1;
	close(fd);
	if (n <= 0 || n == EXEC_STATE_MAX || buf[n - 1]) {
		sbctl_err("%s: not a state file of sandboxctl create", path);
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

static int exec_push(struct exec_args *a, char *arg)
{
	char **argv = realloc(a->argv, (a->argc + 2) * sizeof(*argv));

	if (!argv)
		return -ENOMEM;
	argv[a->argc++] = arg;
	argv[a->argc] = NULL;
	a->argv = argv;
	return 0;
}

/* The recorded options, checked to be those of sandbox @id. */
static int exec_load_state(struct exec_args *a, const char *name, __u64 id)
{
	size_t len, off;
	int ret;

	a->buf = exec_read_state(name, &len);
	if (!a->buf)
		return -1;
	if (strtoull(a->buf, NULL, 10) != id) {
		sbctl_err("%s/%s.opts: belongs to another sandbox", LL_STATE_DIR,
			  name);
		return -1;
	}
	ret = exec_push(a, "exec");
	for (off = strlen(a->buf) + 1; !ret && off < len;
	     off += strlen(a->buf + off) + 1)
		ret = exec_push(a, a->buf + off);
	return ret;
}

/*
 * Our --cwd/--env and the command, what follows NAME on our line, in the
 * form run_parse() takes. Returns 0, or minus the exit status to return.
 */
static int exec_parse_own(struct exec_args *own, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cwd", required_argument, NULL, 'c' },
		{ "env", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c, ret = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		if (c == 'h')
			return -sbctl_usage(&sbctl_cmd_exec, SBCTL_EXIT_OK);
		if (c == '?' || c == ':') {
			sbctl_err("%s: %s (see 'sandboxctl exec --help')",
				  argv[optind - 1], c == ':' ?
				  "missing argument" : "unknown option");
			return -RUN_EXIT_FAIL;
		}
		ret |= exec_push(own, c == 'c' ? "--cwd" : "--env");
		ret |= exec_push(own, optarg);
	}
	ret |= exec_push(own, "--");
	for (; optind < argc; optind++)
		ret |= exec_push(own, argv[optind]);
	if (ret)
		sbctl_err("%s", strerror(ENOMEM));
	return ret ? -RUN_EXIT_FAIL : 0;
}

/* The sandbox @ref, running, and what its command runs with. */
static int exec_prepare(const char *ref, const struct exec_args *own,
			struct run_opts *o, struct exec_args *a,
			struct sandbox_info *info)
{
	char name[SANDBOX_NAME_MAX];
	int dev, fd, i, ret;
	bool done;

	dev = sbctl_open_device();
	if (dev < 0)
		return RUN_EXIT_FAIL;
	fd = sbctl_open_sandbox(dev, ref);
	close(dev);
	if (fd < 0)
		return RUN_EXIT_FAIL;
	ret = sb_info(fd, info, name);
	close(fd);
	if (ret < 0) {
		sbctl_err("%s: %s", ref, strerror(-ret));
		return RUN_EXIT_FAIL;
	}
	if (info->state != SANDBOX_STATE_RUNNING) {
		sbctl_err("%s: not running (%s)", ref,
			  sbctl_state_name(info->state));
		return RUN_EXIT_FAIL;
	}
	ret = exec_load_state(a, name, info->id);
	for (i = 0; !ret && i < own->argc; i++)
		ret = exec_push(a, own->argv[i]);
	if (ret)
		return RUN_EXIT_FAIL;
	ret = run_parse(&sbctl_cmd_exec, name, a->argc, a->argv, o, &done);
	return done ? (ret ? ret : RUN_EXIT_FAIL) : 0;
}

/* Whether @pid, opened by the caller, is still the init of sandbox @id. */
static bool exec_still_init(__u64 id, pid_t pid)
{
	struct sandbox_info info;
	int dev, fd, ret = -1;

	dev = sb_open();
	if (dev < 0)
		return false;
	fd = sb_open_sandbox(dev, id, NULL);
	close(dev);
	if (fd >= 0)
		ret = sb_info(fd, &info, NULL);
	if (fd >= 0)
		close(fd);
	return !ret && info.state == SANDBOX_STATE_RUNNING &&
		info.init_pid == (__u32)pid;
}

static void __attribute__((noreturn))
exec_child(struct sb_join *j, const struct sb_container *c, int report_fd)
{
	struct sb_error e = {};

	if (sb_join_finish(j, &e) || sb_confine(c, &e)) {
		sb_report_send(report_fd, SB_REPORT_SETUP, e.err, 0, e.msg);
		_exit(RUN_EXIT_FAIL);
	}
	sb_join_close(j);
	sb_exec_command(c, report_fd);
}

/* Joins, forks the command into the sandbox, waits for it. */
static int exec_join(struct sb_join *j, const struct sb_container *c)
{
	struct sb_report rep = {};
	struct sb_error e = {};
	int fds[2], status;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return RUN_EXIT_FAIL;
	if (sb_join_enter(j, &e))
		return run_lib_err(&e);
	pid = sb_join_fork(j, &e);
	if (pid == 0) {
		close(fds[0]);
		exec_child(j, c, fds[1]);
	}
	close(fds[1]);
	if (pid < 0)
		return run_lib_err(&e);
	/* Like system(3): the terminal's signals are for the command. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	if (sb_report_read(fds[0], &rep) <= 0)
		rep.kind = 0;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return RUN_EXIT_FAIL;
	}
	return run_status(&rep, status);
}

static int exec_run(int argc, char **argv)
{
	struct exec_args a = {}, own = {};
	struct sandbox_info info;
	struct sb_join j = { .pidfd = -1, .cgroup_fd = -1, .cgroupns_fd = -1,
			     .timens_fd = -1 };
	struct sb_error e = {};
	struct run_opts o = {};
	int ret;

	if (argc < 2)
		return sbctl_usage(&sbctl_cmd_exec, RUN_EXIT_FAIL);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return sbctl_usage(&sbctl_cmd_exec, SBCTL_EXIT_OK);
	ret = -exec_parse_own(&own, argc - 1, argv + 1);
	if (ret || !own.argc)
		goto out;
	ret = exec_prepare(argv[1], &own, &o, &a, &info);
	if (!ret && sb_join_open(&j, info.init_pid, info.cgroup_id, &e))
		ret = run_lib_err(&e);
	if (!ret && !exec_still_init(info.id, info.init_pid)) {
		sbctl_err("%s: not running any more", argv[1]);
		ret = RUN_EXIT_FAIL;
	}
	if (!ret)
		ret = exec_join(&j, &o.c);
	sb_join_close(&j);
	run_opts_free(&o);
out:
	free(own.argv);
	free(a.argv);
	free(a.buf);
	return ret;
}

const struct sbctl_cmd sbctl_cmd_exec = {
	.name = "exec",
	.summary = "run a command in a running long-lived sandbox",
	.usage =
	"usage: sandboxctl exec NAME|ID [--cwd DIR] [--env K=V]... -- COMMAND [ARGS...]\n\n"
	"Run COMMAND inside a sandbox made by 'sandboxctl create': in its\n"
	"namespaces (it sees the sandbox's processes, host name, network and\n"
	"root) and its cgroup (its limits apply, 'kill' and 'destroy' reach\n"
	"it), confined as the sandbox's own command is (same ids, no\n"
	"capabilities, no_new_privs, seccomp filter and Landlock rules, from\n"
	"the options recorded in " LL_STATE_DIR "/NAME.opts). stdin, stdout\n"
	"and stderr are ours; the environment is the sandbox's with --env\n"
	"added; the working directory is --cwd, else the sandbox's.\n\n"
	"  --cwd DIR     working directory inside (absolute)\n"
	"  --env K=V     set a variable (repeatable)\n"
	"  -h, --help\n\n"
	"Exit status: COMMAND's; 128+N if it was killed by signal N; 125 if\n"
	"sandboxctl failed, also when the sandbox does not exist or its init\n"
	"has exited (only a running sandbox can be joined); 126 if COMMAND\n"
	"cannot be executed; 127 if it was not found.\n",
	.run = exec_run,
};
