// SPDX-License-Identifier: GPL-2.0
/*
 * The sandbox's init: pid 1 of its pid namespace.
 *
 * It waits until its caller has mapped its ids and started the sandbox,
 * sets up everything from the inside, most privileged step first (mounts,
 * host name, network), then gives up privilege (bounding set, ids,
 * capabilities, no_new_privs, Landlock, seccomp) and forks the command as
 * pid 2. It stays as pid 1 because the kernel protects a namespace's init
 * from every signal it has no handler for: the command would otherwise be
 * immune to SIGTERM and to its own kill(getpid(), ...). It reaps orphans
 * and, when the command ends, reports its wait status and exits, which
 * kills whatever is left in the namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "caps.h"
#include "landlock.h"
#include "mounts.h"
#include "ns.h"
#include "sb_seccomp.h"
#include "spawn.h"

/* Exit statuses of the init when it fails before the command runs. */
#define SB_INIT_EXIT_SETUP	125
#define SB_INIT_EXIT_NOEXEC	126
#define SB_INIT_EXIT_NOTFOUND	127

void sb_report_send(int fd, int kind, int err, int status, const char *msg)
{
	struct sb_report r = { .kind = kind, .err = err, .status = status };

	snprintf(r.msg, sizeof(r.msg), "%s", msg ? msg : "");
	/* Nothing to do if it fails: the caller sees our exit status. */
	if (write(fd, &r, sizeof(r)) != sizeof(r))
		return;
}

/* Signals and mask come from the caller, which blocks what it forwards. */
static void sb_init_reset_signals(void)
{
	sigset_t none;
	int sig;

	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Where the sandbox may write: its own writable mounts, nothing else. */
static int sb_init_landlock(const struct sb_container *c, struct sb_error *e)
{
	const char **paths;
	size_t i, n = 0;
	int fd;

	paths = calloc(c->nr_mounts + 3, sizeof(*paths));
	if (!paths)
		return sb_error_set(e, ENOMEM, "Landlock rules");
	paths[n++] = "/tmp";
	paths[n++] = "/run";
	paths[n++] = "/dev";	/* device nodes, /dev/pts and /dev/shm */
	for (i = 0; i < c->nr_mounts; i++) {
		if (c->mounts[i].kind != SB_MOUNT_RO_BIND)
			paths[n++] = c->mounts[i].dst;
	}
	fd = sb_landlock_prepare(paths, n, e);
	free(paths);
	return fd;
}

/* Everything that still needs privilege inside the user namespace. */
static int sb_init_privileged(const struct sb_container *c,
			      struct sb_error *e)
{
	int ret;

	ret = sb_ns_become(0, 0, e);
	if (!ret)
		ret = sb_ns_unshare_late(e);
	if (!ret)
		ret = sb_mounts_setup(c, e);
	if (!ret)
		ret = sb_ns_set_hostname(c->hostname, e);
	if (!ret && c->net == SB_NET_NONE)
		ret = sb_ns_loopback_up(e);
	return ret;
}

int sb_confine(const struct sb_container *c, struct sb_error *e)
{
	int llfd = -EOPNOTSUPP, ret;

	if (c->landlock) {
		llfd = sb_init_landlock(c, e);
		if (llfd < 0 && llfd != -EOPNOTSUPP)
			return llfd;
	}
	ret = sb_caps_drop_bounding(e);
	if (!ret)
		ret = sb_ns_become(c->uid, c->gid, e);
	if (!ret)
		ret = sb_caps_clear(e);
	if (!ret && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		ret = sb_error_set(e, errno, "set no_new_privs");
	if (!ret && chdir(c->cwd))
		ret = sb_error_set(e, errno, "working directory %s", c->cwd);
	if (!ret && llfd >= 0) {
		ret = sb_landlock_enforce(llfd, e);
		llfd = -1;
	}
	if (llfd >= 0)
		close(llfd);
	if (!ret)
		ret = sb_seccomp_load(&c->seccomp, e);
	return ret;
}

void sb_exec_command(const struct sb_container *c, int report_fd)
{
	int err;

	environ = c->env;
	execvp(c->argv[0], c->argv);
	err = errno;
	sb_report_send(report_fd, SB_REPORT_EXEC, err, 0, c->argv[0]);
	_exit(err == ENOENT ? SB_INIT_EXIT_NOTFOUND : SB_INIT_EXIT_NOEXEC);
}

/*
 * Forks the command as pid 2 and tells the caller whether it could be
 * executed: `create` returns only once it knows, so that a missing command
 * is its error, not a sandbox that exits at once. The child reports on a
 * close-on-exec pipe, whose EOF means the exec succeeded.
 */
static pid_t sb_init_start_command(const struct sb_container *c,
				   int report_fd)
{
	struct sb_report rep;
	int sync[2];
	pid_t cmd;

	if (pipe2(sync, O_CLOEXEC))
		return -errno;
	cmd = fork();
	if (cmd == 0) {
		close(sync[0]);
		sb_exec_command(c, sync[1]);
	}
	close(sync[1]);
	if (cmd > 0) {
		if (sb_report_read(sync[0], &rep) > 0)
			sb_report_send(report_fd, rep.kind, rep.err, 0,
				       rep.msg);
		else
			sb_report_send(report_fd, SB_REPORT_RUNNING, 0, 0,
				       NULL);
	}
	close(sync[0]);
	return cmd < 0 ? -errno : cmd;
}

/* A long-lived sandbox must not hold its creator's terminal or pipes. */
static int sb_init_null_stdio(struct sb_error *e)
{
	int fd, i;

	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return sb_error_set(e, errno, "open /dev/null");
	for (i = 0; i < 3; i++) {
		if (fd != i && dup2(fd, i) < 0)
			return sb_error_set(e, errno, "stdio on /dev/null");
	}
	if (fd > 2)
		close(fd);
	return 0;
}

/* Reaps everything; returns the command's wait status. */
static int sb_init_reap(pid_t cmd)
{
	int status;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &status, 0);
		if (pid == cmd)
			return status;
		if (pid < 0 && errno != EINTR)
			return W_EXITCODE(SB_INIT_EXIT_SETUP, 0);
	}
}

static int sb_init_exit_code(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

void sb_init_main(const struct sb_container *c, int go_fd, int report_fd)
{
	struct sb_error e = {};
	char go;
	pid_t cmd;
	int status;

	sb_init_reset_signals();
	prctl(PR_SET_NAME, "sandbox-init", 0, 0, 0);
	/* EOF: the caller gave up on us before we were started. */
	if (read(go_fd, &go, 1) != 1)
		_exit(SB_INIT_EXIT_SETUP);
	close(go_fd);

	if ((c->null_stdio && sb_init_null_stdio(&e)) ||
	    sb_init_privileged(c, &e) || sb_confine(c, &e)) {
		sb_report_send(report_fd, SB_REPORT_SETUP, e.err, 0, e.msg);
		_exit(SB_INIT_EXIT_SETUP);
	}
	/* Credentials are final now (changing them clears the setting). */
	prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);

	cmd = sb_init_start_command(c, report_fd);
	if (cmd < 0) {
		sb_report_send(report_fd, SB_REPORT_SETUP, -cmd, 0,
			       "fork the command");
		_exit(SB_INIT_EXIT_SETUP);
	}
	status = sb_init_reap(cmd);
	sb_report_send(report_fd, SB_REPORT_EXIT, 0, status, NULL);
	_exit(sb_init_exit_code(status));
}
