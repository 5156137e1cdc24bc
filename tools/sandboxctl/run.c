// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl run: create a container sandbox, run a command in it, wait,
 * report, destroy.
 *
 * The order matters: the cgroup exists before the sandbox, the sandbox
 * (and its limits) before the init, and the init is started in the
 * module before it runs, so no process of the sandbox is ever outside
 * its limits or its accounting. Only the sandbox fd keeps the sandbox
 * alive: when we exit, however we exit, the module kills what is left
 * and removes the cgroup.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "acct.h"
#include "cgroup.h"
#include "json.h"
#include "policy.h"
#include "run.h"
#include "sandbox.h"
#include "sandboxctl.h"
#include "spawn.h"

/* Signals we pass on to the sandbox instead of dying of them. */
static const int run_fwd_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

static __u64 run_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int run_lib_err(const struct sb_error *e)
{
	sbctl_err("%s: %s", e->msg, strerror(e->err));
	return RUN_EXIT_FAIL;
}

/* From here on a signal is a message to forward, read from a signalfd. */
static int run_block_signals(struct run_ctx *x)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < ARRAY_SIZE(run_fwd_signals); i++)
		sigaddset(&set, run_fwd_signals[i]);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -errno;
	x->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	return x->sigfd < 0 ? -errno : 0;
}

/*
 * Before the init starts: the policy arms itself at the sandbox's first
 * exec. A policy asked for must be installed. The default one is skipped
 * where it cannot be (no BPF LSM, or a caller without CAP_BPF: a member of
 * the device's group); namespaces, seccomp and Landlock still apply.
 */
static int run_install_policy(struct run_ctx *x)
{
	struct sandbox_info info;
	struct sb_error e = {};
	int ret;

	if (!x->o->has_policy)
		return 0;
	ret = sb_info(x->sbfd, &info, NULL);
	if (!ret)
		ret = sb_policy_apply(info.cgroup_id, &x->o->policy, &e);
	else
		sb_error_set(&e, ret, "SANDBOX_GET_INFO");
	if (!ret || (!x->o->policy_file &&
		     (e.err == EOPNOTSUPP || e.err == EPERM)))
		return 0;
	sbctl_err("policy: %s: %s", e.msg, strerror(e.err));
	return RUN_EXIT_FAIL;
}

static int run_create_sandbox(struct run_ctx *x, int devfd)
{
	struct sb_error e = {};
	int ret;

	/* Before the sandbox exists, so that its creation is accounted. */
	ret = sb_acct_ensure(&e);
	if (ret && x->o->stats)
		sbctl_err("accounting unavailable: %s: %s", e.msg,
			  strerror(e.err));
	ret = sb_cgroup_create(&x->cg, x->o->name, &e);
	if (ret)
		return run_lib_err(&e);
	if (x->o->vm.on)
		x->sbfd = sb_create_vm(devfd, x->o->name, x->cg.fd,
				       x->o->vm.vcpus, x->o->vm.mem, &x->id);
	else
		x->sbfd = sb_create(devfd, SANDBOX_KIND_CONTAINER, x->o->name,
				    x->cg.fd, &x->id);
	if (x->sbfd < 0) {
		if (x->sbfd == -EEXIST)
			sbctl_err("sandbox name '%s' is in use", x->o->name);
		else
			sbctl_err("SANDBOX_CREATE: %s", strerror(-x->sbfd));
		/* Not the module's yet: ours to remove. */
		sb_cgroup_remove(&x->cg);
		return RUN_EXIT_FAIL;
	}
	return run_install_policy(x);
}

/* The device, the cgroup, the sandbox fd and its limits. */
static int run_create(struct run_ctx *x)
{
	int devfd, ret;

	devfd = sbctl_open_device();
	if (devfd < 0)
		return RUN_EXIT_FAIL;
	if (sb_check_extension(devfd, SANDBOX_CAP_CONTAINER) <= 0 ||
	    (x->o->vm.on &&
	     sb_check_extension(devfd, SANDBOX_CAP_MICROVM) <= 0)) {
		sbctl_err("the loaded sandbox module has no %s sandboxes",
			  x->o->vm.on ? "micro-VM" : "container");
		close(devfd);
		return RUN_EXIT_FAIL;
	}
	ret = run_create_sandbox(x, devfd);
	close(devfd);
	if (ret || !x->o->limits.flags)
		return ret;
	ret = sb_set_limits(x->sbfd, &x->o->limits);
	if (ret) {
		sbctl_err("SANDBOX_SET_LIMITS: %s%s", strerror(-ret),
			  ret == -EOPNOTSUPP ?
			  " (a cgroup controller is not available)" : "");
		return RUN_EXIT_FAIL;
	}
	return 0;
}

/* Clones the init into the cgroup, starts the sandbox, lets it run. */
static int run_start(struct run_ctx *x)
{
	struct sb_error e = {};
	int ret;

	x->t0_ns = run_now_ns();
	if (sb_spawn(&x->o->c, x->cg.fd, &x->proc, &e))
		return run_lib_err(&e);
	ret = sb_start(x->sbfd, x->proc.pid);
	if (ret) {
		sbctl_err("SANDBOX_START: %s", strerror(-ret));
		sb_spawn_abort(&x->proc);
		return RUN_EXIT_FAIL;
	}
	if (sb_spawn_release(&x->proc, &e)) {
		sb_spawn_abort(&x->proc);
		return run_lib_err(&e);
	}
	return 0;
}

int run_setup(struct run_ctx *x)
{
	int ret;

	ret = run_create(x);
	if (!ret)
		ret = run_start(x);
	return ret;
}

static void run_forward_signals(struct run_ctx *x)
{
	struct signalfd_siginfo si;

	while (read(x->sigfd, &si, sizeof(si)) == sizeof(si))
		sb_kill(x->sbfd, si.ssi_signo);
}

/*
 * A signal is for the command: one that comes while the init still sets
 * up would find no command to kill (the init ignores it, as the kernel
 * has a namespace's init do) and be lost. It waits in the signalfd until
 * the init's first report, which it sends once the command runs or
 * cannot; the report itself stays in the pipe for run_read_reports().
 */
static void run_poll_reported(struct run_ctx *x, struct pollfd *sig,
			      struct pollfd *rep)
{
	if (!x->reported && x->proc.report_fd >= 0 &&
	    !(rep->revents & (POLLIN | POLLHUP | POLLERR))) {
		rep->fd = x->proc.report_fd;
		sig->fd = -1;
		return;
	}
	x->reported = true;
	rep->fd = -1;
	sig->fd = x->sigfd;
}

int run_wait(struct run_ctx *x)
{
	struct pollfd pfd[] = {
		{ .fd = x->proc.pidfd, .events = POLLIN },
		{ .fd = -1, .events = POLLIN },		/* signals */
		{ .fd = -1, .events = POLLIN },		/* the init's report */
	};
	__u64 deadline = 0;
	int timeout = -1, n;

	run_poll_reported(x, &pfd[1], &pfd[2]);

	if (x->o->timeout_ms)
		deadline = x->t0_ns + x->o->timeout_ms * 1000000ULL;
	while (!(pfd[0].revents & (POLLIN | POLLHUP))) {
		if (deadline) {
			__u64 now = run_now_ns();

			timeout = now >= deadline ? 0 :
				  (deadline - now + 999999) / 1000000;
		}
		n = poll(pfd, ARRAY_SIZE(pfd), timeout);
		if (n < 0 && errno != EINTR)
			return -errno;
		if (n == 0 && deadline) {
			/* Every member at once, not just the init. */
			sb_kill(x->sbfd, SIGKILL);
			x->res.timed_out = true;
			deadline = 0;
			timeout = -1;
		}
		if (n > 0 && (pfd[1].revents & POLLIN))
			run_forward_signals(x);
		if (n > 0 && !x->reported)
			run_poll_reported(x, &pfd[1], &pfd[2]);
	}
	return sb_spawn_reap(&x->proc);
}

/* Reads what the init reported; a setup or exec failure is kept first. */
static void run_read_reports(struct run_ctx *x)
{
	struct run_result *r = &x->res;
	struct sb_report rep;

	/* The init is reaped: no writer is left, so never block. */
	fcntl(x->proc.report_fd, F_SETFL, O_NONBLOCK);
	while (sb_spawn_read_report(&x->proc, &rep) > 0) {
		if (rep.kind == SB_REPORT_EXIT)
			r->status = rep.status;
		if (rep.kind == SB_REPORT_RUNNING)
			continue;
		if (!r->report.kind || r->report.kind == SB_REPORT_EXIT)
			r->report = rep;
	}
}

static void run_collect(struct run_ctx *x, int init_status)
{
	struct run_result *r = &x->res;
	struct pollfd pfd = { .fd = x->sbfd, .events = POLLIN };

	r->status = init_status;
	run_read_reports(x);
	/* The fd polls readable once the module has seen the init exit. */
	poll(&pfd, 1, 1000);
	if (sb_info(x->sbfd, &r->info, NULL))
		memset(&r->info, 0, sizeof(r->info));
	sb_cgroup_read_stats(x->cg.fd, &r->stats);
	if (x->o->stats)
		sbctl_usage_read(&r->usage, &r->info, x->o->name, x->cg.fd,
				 true);
	if (r->info.started_ns && r->info.exited_ns > r->info.started_ns)
		r->wall_ns = r->info.exited_ns - r->info.started_ns;
	else
		r->wall_ns = run_now_ns() - x->t0_ns;
}

int run_status(const struct sb_report *rep, int status)
{
	switch (rep->kind) {
	case SB_REPORT_SETUP:
		sbctl_err("%s: %s", rep->msg, strerror(rep->err));
		return RUN_EXIT_FAIL;
	case SB_REPORT_EXEC:
		sbctl_err("%s: %s", rep->msg, strerror(rep->err));
		return rep->err == ENOENT ? RUN_EXIT_NOTFOUND :
			RUN_EXIT_NOEXEC;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static int run_exit_code(struct run_ctx *x)
{
	int status = x->res.status;

	/* The monitor's seccomp filter kills it with SIGSYS: say so. */
	if (x->o->vm.on && x->res.report.kind != SB_REPORT_SETUP &&
	    x->res.report.kind != SB_REPORT_EXEC && WIFSIGNALED(status) &&
	    WTERMSIG(status) == SIGSYS)
		sbctl_err("the micro-VM monitor made a syscall outside its seccomp filter and was killed");
	return run_status(&x->res.report, status);
}

static void run_json_opt_u64(struct json *j, const char *key, bool has,
			     __u64 val)
{
	if (has)
		json_u64(j, key, val);
	else
		json_null(j, key);
}

static void run_print_json(struct run_ctx *x)
{
	const struct run_result *r = &x->res;
	const struct sb_cgroup_stats *st = &r->stats;
	bool signaled = WIFSIGNALED(r->status) && !r->report.err;
	struct json j;

	json_init(&j, stdout);
	json_begin_object(&j, NULL);
	json_u64(&j, "id", x->id);
	json_string(&j, "name", x->o->name);
	json_u64(&j, "cgroup_id", r->info.cgroup_id);
	json_i64(&j, "status", r->exit_code);
	if (signaled || r->report.err)
		json_null(&j, "exit_code");
	else
		json_i64(&j, "exit_code", WEXITSTATUS(r->status));
	if (signaled)
		json_i64(&j, "signal", WTERMSIG(r->status));
	else
		json_null(&j, "signal");
	json_bool(&j, "oom_killed", st->oom_kills > 0);
	json_bool(&j, "timed_out", r->timed_out);
	json_u64(&j, "wall_time_ns", r->wall_ns);
	run_json_opt_u64(&j, "cpu_user_ns", st->has_cpu,
			 st->cpu_user_us * 1000);
	run_json_opt_u64(&j, "cpu_system_ns", st->has_cpu,
			 st->cpu_system_us * 1000);
	run_json_opt_u64(&j, "memory_peak_bytes", st->has_memory_peak,
			 st->memory_peak);
	run_json_opt_u64(&j, "pids_peak", st->has_pids_peak, st->pids_peak);
	if (r->report.err)
		json_string(&j, "error", r->report.msg);
	if (x->o->stats)
		sbctl_usage_json(&j, &r->usage);
	json_end_object(&j);
	json_finish(&j);
}

static int run_sandbox(struct run_ctx *x)
{
	int ret;

	if (run_block_signals(x)) {
		sbctl_err("signalfd: %s", strerror(errno));
		return RUN_EXIT_FAIL;
	}
	ret = run_setup(x);
	if (ret)
		return ret;
	ret = run_wait(x);
	if (ret < 0) {
		sbctl_err("wait for the sandbox: %s", strerror(-ret));
		return RUN_EXIT_FAIL;
	}
	run_collect(x, ret);
	x->res.exit_code = run_exit_code(x);
	if (x->o->json)
		run_print_json(x);
	else if (x->o->stats)
		sbctl_usage_text(stderr, &x->res.usage);
	return x->res.exit_code;
}

void run_ctx_init(struct run_ctx *x, struct run_opts *o)
{
	*x = (struct run_ctx){
		.o = o, .sbfd = -1, .sigfd = -1, .cg = { .fd = -1 },
		.proc = { .pid = -1, .pidfd = -1, .go_fd = -1,
			  .report_fd = -1 },
	};
}

void run_ctx_close(struct run_ctx *x)
{
	sb_spawn_close(&x->proc);
	/* The last close: the module kills what is left, removes the cgroup. */
	if (x->sbfd >= 0)
		close(x->sbfd);
	x->sbfd = -1;
	sb_cgroup_close(&x->cg);
	if (x->sigfd >= 0)
		close(x->sigfd);
	x->sigfd = -1;
}

static int run_run(int argc, char **argv)
{
	struct run_opts o;
	struct run_ctx x;
	bool done;
	int ret;

	run_ctx_init(&x, &o);
	ret = run_parse(&sbctl_cmd_run, NULL, argc, argv, &o, &done);
	if (!done)
		ret = run_sandbox(&x);
	run_ctx_close(&x);
	run_opts_free(&o);
	return ret;
}

const char run_usage[] =
	"usage: sandboxctl run [OPTIONS] -- COMMAND [ARGS...]\n\n"
	"Run COMMAND in a new container sandbox and wait for it. Every\n"
	"namespace is new (user, pid, mount, network, uts, ipc, cgroup, time\n"
	"where the kernel has it); the root is read-only with private /tmp\n"
	"and /run, a fresh /proc and a minimal /dev; no capabilities,\n"
	"no_new_privs, a seccomp deny list, and Landlock (where the kernel\n"
	"has it) limiting writes to the sandbox's own writable mounts. Ids\n"
	"0-65535 inside are 100000-165535 on the host.\n\n"
	"Options:\n"
	"  --name NAME          sandbox name (unique; default run-PID)\n"
	"  --mem SIZE           memory limit, bytes with K, M or G suffix\n"
	"  --pids N             maximum number of tasks\n"
	"  --cpus FRACTION      CPU bandwidth, 0.5 = half a CPU\n"
	"  --rootfs DIR         use DIR (read-only) as root, not the host's\n"
	"  --ro-bind SRC[:DST]  bind host path SRC read-only on DST\n"
	"  --bind SRC[:DST]     bind host path SRC writable on DST\n"
	"  --tmpfs DIR          a private tmpfs on DIR\n"
	"                       (mount points must exist in the root)\n"
	"  --net none|host      own network with loopback only (default),\n"
	"                       or the host's network\n"
	"  --hostname NAME      host name (default: the sandbox name)\n"
	"  --uid N, --gid N     ids inside, 0-65535 (default 0)\n"
	"  --env K=V            set a variable; the environment is otherwise\n"
	"                       PATH, HOME and TERM only\n"
	"  --cwd DIR            working directory (default /)\n"
	"  --seccomp MODE       default: the built-in deny list; none; or a\n"
	"                       FILE with one syscall name per line to deny\n"
	"                       (EPERM), '#' comments, replacing the default\n"
	"  --landlock default|none\n"
	"                       Landlock limits writes to the sandbox's own\n"
	"                       writable mounts, and mounts and ptrace (the\n"
	"                       default, where the kernel has it); none turns\n"
	"                       it off\n"
	"  --timeout SECONDS    kill the sandbox after SECONDS\n"
	"  --policy FILE|default|none\n"
	"                       BPF LSM policy enforced by the kernel from the\n"
	"                       first exec on (default: deny mount, module\n"
	"                       loading and ptrace outside the sandbox); the\n"
	"                       file format is in Documentation/security.rst\n"
	"  --stats              print the resource usage at the end, like\n"
	"                       time -v (stderr; in the object with --json)\n"
	"  --vm                 a micro-VM instead of a container (below)\n"
	"  --json               print a result object on stdout at the end:\n"
	"                       id, name, cgroup_id, status, exit_code,\n"
	"                       signal, oom_killed, timed_out, wall_time_ns,\n"
	"                       cpu_user_ns, cpu_system_ns,\n"
	"                       memory_peak_bytes, pids_peak (null where the\n"
	"                       kernel does not count it), error\n"
	"  -h, --help\n\n"
	"Micro-VM (--vm): COMMAND runs in a guest kernel under KVM, in a\n"
	"busybox initramfs (busybox's sh and applets, no host files), and its\n"
	"exit status comes back through the monitor. The monitor,\n"
	"sandbox-vmm, runs jailed in a sandbox of kind microvm: an empty\n"
	"read-only root, /dev/kvm as its only device, no network, a memory\n"
	"limit of guest memory plus 96M. --rootfs, --bind, --ro-bind,\n"
	"--tmpfs and --net host do not apply.\n"
	"  --mem SIZE           guest memory, 16M to 3G (default 256M)\n"
	"  --vcpus N            vCPUs, 1 to 32 (default 1)\n"
	"  --kernel BZIMAGE     guest kernel, a bzImage or an ELF vmlinux\n"
	"                       (default /boot/vmlinuz-RELEASE of the host)\n"
	"  --initrd FILE        boot FILE instead of the generated initramfs\n"
	"                       (its init gets COMMAND as arguments)\n"
	"  --append ARGS        add ARGS to the guest's kernel command line\n\n"
	"SIGINT, SIGTERM, SIGHUP and SIGQUIT sent to sandboxctl go to every\n"
	"task of the sandbox; one that comes while the sandbox is still set\n"
	"up waits until COMMAND runs.\n\n"
	"Exit status: COMMAND's; 128+N if it was killed by signal N (also\n"
	"after --timeout: 137); 125 if sandboxctl failed; 126 if COMMAND\n"
	"cannot be executed; 127 if it was not found.\n";

const struct sbctl_cmd sbctl_cmd_run = {
	.name = "run",
	.summary = "run a command in a new container sandbox",
	.usage = run_usage,
	.run = run_run,
};
