// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl create NAME [OPTIONS] -- COMMAND: a long-lived sandbox.
 *
 * The module keeps a sandbox exactly as long as an fd of it is open, so
 * that a crashed tool can never leak one. A long-lived sandbox is
 * therefore held by a process of ours, its keeper: `create` forks it
 * (setsid, stdio on /dev/null, named sandbox-keeper), the keeper sets the
 * sandbox up exactly as `run` does, tells `create` the outcome, reaps the
 * init and then only holds the fd: after the init exits the sandbox stays
 * (info and wait report its exit status) until SANDBOX_DESTROY makes the
 * fd poll with a hang-up, on which the keeper lets go. Killing the keeper
 * ends the sandbox like the last close of any sandbox fd.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "json.h"
#include "longlived.h"
#include "run.h"
#include "sandbox.h"

/* What the keeper tells `create`: our exit status and the sandbox id. */
struct create_result {
	int status;
	__u64 id;
};

void ll_state_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s.opts", LL_STATE_DIR, name);
}

static int create_write_all(int fd, const void *buf, size_t len)
{
	ssize_t n;

	for (; len; len -= n, buf = (const char *)buf + n) {
		n = write(fd, buf, len);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n < 0)
			n = 0;
	}
	return 0;
}

/* Records the options for `exec`: written aside, then renamed in place. */
static int create_save_state(struct run_ctx *x, char **opts, int nr_opts)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8], id[32];
	int fd, i, ret;

	if (mkdir(LL_STATE_DIR, 0700) && errno != EEXIST)
		return -errno;
	ll_state_path(path, sizeof(path), x->o->name);
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	snprintf(id, sizeof(id), "%" PRIu64, (uint64_t)x->id);
	ret = create_write_all(fd, id, strlen(id) + 1);
	for (i = 0; !ret && i < nr_opts; i++)
		ret = create_write_all(fd, opts[i], strlen(opts[i]) + 1);
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret)
		unlink(tmp);
	return ret;
}

static void create_remove_state(struct run_ctx *x)
{
	char path[PATH_MAX];

	ll_state_path(path, sizeof(path), x->o->name);
	unlink(path);
}

/*
 * The sandbox as `run` makes it, then the init's first report: the
 * command runs, or why not (a missing command is our error, not a
 * sandbox that exits at once). Returns the exit status of `create`.
 */
static int create_keeper_setup(struct run_ctx *x, char **opts, int nr_opts)
{
	struct sb_report rep;
	int ret;

	ret = run_setup(x);
	if (ret)
		return ret;
	sb_cgroup_close(&x->cg);	/* the module's now */
	ret = sb_spawn_read_report(&x->proc, &rep);
	if (ret > 0 && rep.kind == SB_REPORT_RUNNING) {
		x->reported = true;
		ret = create_save_state(x, opts, nr_opts);
		if (!ret)
			return 0;
		sbctl_err("%s/%s.opts: %s", LL_STATE_DIR, x->o->name,
			  strerror(-ret));
		ret = RUN_EXIT_FAIL;
	} else if (ret > 0) {
		ret = run_status(&rep, 0);
	} else {
		sbctl_err("the sandbox's init died before running %s",
			  x->o->c.argv[0]);
		ret = RUN_EXIT_FAIL;
	}
	sb_spawn_abort(&x->proc);
	return ret;
}

static void create_null_stdio(void)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
}

/* Holds the sandbox until it is destroyed; see the top of this file. */
static void create_keep(struct run_ctx *x)
{
	struct pollfd p = { .fd = x->sbfd, .events = 0 };

	/* Reaps the init; --timeout kills the sandbox as `run` would. */
	run_wait(x);
	while (!(p.revents & (POLLHUP | POLLERR | POLLNVAL))) {
		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			break;
	}
	create_remove_state(x);
}

static void __attribute__((noreturn))
create_keeper(struct run_ctx *x, int result_fd, char **opts, int nr_opts)
{
	struct create_result res = {};

	prctl(PR_SET_NAME, "sandbox-keeper", 0, 0, 0);
	setsid();
	/* Options were resolved already: pin no directory of the caller. */
	if (chdir("/"))
		_exit(RUN_EXIT_FAIL);
	/* Errors still go to the caller's stderr until the outcome is known. */
	res.status = create_keeper_setup(x, opts, nr_opts);
	res.id = x->id;
	create_null_stdio();
	create_write_all(result_fd, &res, sizeof(res));
	close(result_fd);
	if (!res.status)
		create_keep(x);
	run_ctx_close(x);
	_exit(0);
}

static void create_print(const struct create_result *res, const char *name,
			 bool json)
{
	struct json j;

	if (!json) {
		printf("%" PRIu64 "\n", (uint64_t)res->id);
		return;
	}
	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	json_u64(&j, "id", res->id);
	json_string(&j, "name", name);
	json_end_object(&j);
	json_finish(&j);
}

/* Forks the keeper and returns what it reports. */
static int create_sandbox(struct run_ctx *x, char **opts, int nr_opts)
{
	struct create_result res;
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC)) {
		sbctl_err("pipe: %s", strerror(errno));
		return RUN_EXIT_FAIL;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		create_keeper(x, fds[1], opts, nr_opts);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		sbctl_err("fork: %s", strerror(errno));
		return RUN_EXIT_FAIL;
	}
	do {
		n = read(fds[0], &res, sizeof(res));
	} while (n < 0 && errno == EINTR);
	close(fds[0]);
	if (n != sizeof(res)) {
		waitpid(pid, &status, 0);
		sbctl_err("the sandbox's keeper died during setup");
		return RUN_EXIT_FAIL;
	}
	if (res.status) {
		waitpid(pid, &status, 0);
		return res.status;
	}
	create_print(&res, x->o->name, x->o->json);
	return 0;
}

static int create_run(int argc, char **argv)
{
	struct run_opts o;
	struct run_ctx x;
	int ret, nr_opts;
	char **cmd;
	bool done;

	if (argc < 2)
		return sbctl_usage(&sbctl_cmd_create, RUN_EXIT_FAIL);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return sbctl_usage(&sbctl_cmd_create, SBCTL_EXIT_OK);
	if (argv[1][0] == '-') {
		sbctl_err("%s: NAME must come first (see 'sandboxctl create --help')",
			  argv[1]);
		return RUN_EXIT_FAIL;
	}
	run_ctx_init(&x, &o);
	ret = run_parse(&sbctl_cmd_create, argv[1], argc - 1, argv + 1, &o,
			&done);
	if (!done) {
		o.c.null_stdio = true;
		/* The options are argv[2] up to the command, without "--". */
		cmd = o.vm.on ? o.vm.cmd : o.c.argv;
		nr_opts = cmd - (argv + 2);
		if (nr_opts && !strcmp(cmd[-1], "--"))
			nr_opts--;
		ret = create_sandbox(&x, argv + 2, nr_opts);
	}
	run_ctx_close(&x);
	run_opts_free(&o);
	return ret;
}

const struct sbctl_cmd sbctl_cmd_create = {
	.name = "create",
	.summary = "start a long-lived container sandbox",
	.usage =
	"usage: sandboxctl create NAME [OPTIONS] -- COMMAND [ARGS...]\n\n"
	"Create the container sandbox NAME and start COMMAND in it, isolated\n"
	"exactly as 'sandboxctl run' does, then return: print its id and exit\n"
	"0 once COMMAND runs. Use exec, list, info, kill, wait and destroy on\n"
	"it afterwards.\n\n"
	"The module keeps a sandbox only while an fd of it is open, so a\n"
	"keeper process of ours (sandbox-keeper: setsid, stdio on /dev/null)\n"
	"holds it: after COMMAND exits the sandbox stays, with its exit status,\n"
	"until 'sandboxctl destroy NAME'; killing the keeper ends the sandbox.\n"
	"COMMAND's stdin, stdout and stderr are /dev/null: a long-lived\n"
	"sandbox must not hold the caller's terminal. The options are\n"
	"recorded in " LL_STATE_DIR "/NAME.opts for 'sandboxctl exec'.\n\n"
	"Options: those of 'sandboxctl run' (see 'sandboxctl run --help'),\n"
	"except --name; --timeout kills the sandbox SECONDS after it started\n"
	"(it stays, exited, until destroyed); and\n"
	"  --json               print {\"id\": ID, \"name\": NAME} instead of the id\n\n"
	"Exit status: 0 once COMMAND runs; 125 if sandboxctl failed (a bad\n"
	"option, NAME in use: nothing is left behind); 126 if COMMAND cannot\n"
	"be executed; 127 if it was not found.\n",
	.run = create_run,
};
