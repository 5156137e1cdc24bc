// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl run: command line parsing and validation.
 *
 * Everything is checked here, before anything is created, so that bad
 * input never leaves a cgroup, a sandbox, a mount or a process behind.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "microvm.h"
#include "parse.h"
#include "run.h"
#include "sandboxctl.h"
#include "sb_seccomp.h"

#define RUN_DEFAULT_PATH \
	"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#define RUN_PIDS_MAX	4194304		/* PID_MAX_LIMIT */
#define RUN_CPUS_MAX	4096
#define RUN_CPU_PERIOD	100000
#define RUN_TIMEOUT_MAX	(365.0 * 24 * 3600)
#define RUN_HOSTNAME_MAX 64

enum {
	OPT_NAME = 256, OPT_MEM, OPT_PIDS, OPT_CPUS, OPT_ROOTFS, OPT_RO_BIND,
	OPT_BIND, OPT_TMPFS, OPT_NET, OPT_HOSTNAME, OPT_UID, OPT_GID, OPT_ENV,
	OPT_CWD, OPT_SECCOMP, OPT_LANDLOCK, OPT_TIMEOUT, OPT_JSON, OPT_STATS,
	OPT_POLICY, OPT_HELP, OPT_VM, OPT_KERNEL, OPT_INITRD, OPT_APPEND, OPT_VCPUS,
};

static const struct option run_longopts[] = {
	{ "name", required_argument, NULL, OPT_NAME },
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "pids", required_argument, NULL, OPT_PIDS },
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "rootfs", required_argument, NULL, OPT_ROOTFS },
	{ "ro-bind", required_argument, NULL, OPT_RO_BIND },
	{ "bind", required_argument, NULL, OPT_BIND },
	{ "tmpfs", required_argument, NULL, OPT_TMPFS },
	{ "net", required_argument, NULL, OPT_NET },
	{ "hostname", required_argument, NULL, OPT_HOSTNAME },
	{ "uid", required_argument, NULL, OPT_UID },
	{ "gid", required_argument, NULL, OPT_GID },
	{ "env", required_argument, NULL, OPT_ENV },
	{ "cwd", required_argument, NULL, OPT_CWD },
	{ "seccomp", required_argument, NULL, OPT_SECCOMP },
	{ "landlock", required_argument, NULL, OPT_LANDLOCK },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "policy", required_argument, NULL, OPT_POLICY },
	{ "vm", no_argument, NULL, OPT_VM },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "initrd", required_argument, NULL, OPT_INITRD },
	{ "append", required_argument, NULL, OPT_APPEND },
	{ "vcpus", required_argument, NULL, OPT_VCPUS },
	{ "help", no_argument, NULL, OPT_HELP },
	{}
};

static bool run_name_ok(const char *s, size_t max)
{
	size_t n = strlen(s), i;

	if (!n || n >= max)
		return false;
	for (i = 0; i < n; i++) {
		if (!isalnum((unsigned char)s[i]) && !strchr("_.-", s[i]))
			return false;
	}
	return true;
}

/* A positive, finite decimal number no larger than @max. */
static int run_parse_positive(const char *s, double max, double *val)
{
	char *end;

	if (!isdigit((unsigned char)*s) && *s != '.')
		return -EINVAL;
	errno = 0;
	*val = strtod(s, &end);
	if (errno || *end || !isfinite(*val) || *val <= 0 || *val > max)
		return -EINVAL;
	return 0;
}

static int run_opt_mem(struct run_opts *o, const char *arg)
{
	uint64_t bytes;

	if (sb_parse_size(arg, &bytes)) {
		sbctl_err("--mem %s: not a size (a number with an optional K, M or G suffix)",
			  arg);
		return -1;
	}
	if (bytes < (1ULL << 20)) {
		sbctl_err("--mem %s: too small (at least 1M)", arg);
		return -1;
	}
	o->limits.memory_max = bytes;
	o->limits.flags |= SANDBOX_LIMIT_MEMORY;
	return 0;
}

static int run_opt_pids(struct run_opts *o, const char *arg)
{
	uint64_t n;

	if (sb_parse_u64(arg, 1, RUN_PIDS_MAX, &n)) {
		sbctl_err("--pids %s: not a number from 1 to %d", arg,
			  RUN_PIDS_MAX);
		return -1;
	}
	o->limits.pids_max = n;
	o->limits.flags |= SANDBOX_LIMIT_PIDS;
	return 0;
}

static int run_opt_cpus(struct run_opts *o, const char *arg)
{
	double cpus;

	if (run_parse_positive(arg, RUN_CPUS_MAX, &cpus) ||
	    llround(cpus * RUN_CPU_PERIOD) < 1000) {
		sbctl_err("--cpus %s: not a number of CPUs from 0.01 to %d",
			  arg, RUN_CPUS_MAX);
		return -1;
	}
	o->limits.cpu_quota_us = llround(cpus * RUN_CPU_PERIOD);
	o->limits.cpu_period_us = RUN_CPU_PERIOD;
	o->limits.flags |= SANDBOX_LIMIT_CPU;
	return 0;
}

/* default, none, or a file (parsed now: its errors are usage errors). */
static int run_opt_policy(struct run_opts *o, const char *arg)
{
	struct sb_error e = {};

	o->policy_file = NULL;
	o->has_policy = strcmp(arg, "none");
	if (!strcmp(arg, "default") || !strcmp(arg, "none")) {
		sb_policy_default(&o->policy);
		return 0;
	}
	if (sb_policy_parse_file(arg, &o->policy, &e)) {
		sbctl_err("--policy %s: %s", e.msg, strerror(e.err));
		return -1;
	}
	o->policy_file = arg;
	return 0;
}

static int run_opt_timeout(struct run_opts *o, const char *arg)
{
	double secs;

	if (run_parse_positive(arg, RUN_TIMEOUT_MAX, &secs) ||
	    llround(secs * 1000) < 1) {
		sbctl_err("--timeout %s: not a positive number of seconds",
			  arg);
		return -1;
	}
	o->timeout_ms = llround(secs * 1000);
	return 0;
}

static int run_opt_id(const char *opt, const char *arg, unsigned int *id)
{
	uint64_t n;

	if (sb_parse_u64(arg, 0, SB_ID_COUNT - 1, &n)) {
		sbctl_err("%s %s: not an id from 0 to %d", opt, arg,
			  SB_ID_COUNT - 1);
		return -1;
	}
	*id = n;
	return 0;
}

static int run_opt_path(const char *opt, const char *path, bool dir,
			char **resolved)
{
	struct stat st;

	*resolved = realpath(path, NULL);
	if (!*resolved || stat(*resolved, &st)) {
		sbctl_err("%s %s: %s", opt, path, strerror(errno));
		return -1;
	}
	if (dir && !S_ISDIR(st.st_mode)) {
		sbctl_err("%s %s: %s", opt, path, strerror(ENOTDIR));
		return -1;
	}
	return 0;
}

static int run_opt_rootfs(struct run_opts *o, const char *arg)
{
	char *dir;

	if (run_opt_path("--rootfs", arg, true, &dir))
		return -1;
	free((char *)o->c.rootfs);
	o->c.rootfs = dir;
	return 0;
}

/* --bind/--ro-bind SRC[:DST] and --tmpfs DIR. */
static int run_opt_mount(struct run_opts *o, enum sb_mount_kind kind,
			 const char *opt, char *arg)
{
	struct sb_mount *m;
	char *colon = NULL;

	m = realloc(o->mounts, (o->c.nr_mounts + 1) * sizeof(*m));
	if (!m) {
		sbctl_err("%s: %s", opt, strerror(ENOMEM));
		return -1;
	}
	o->mounts = m;
	o->c.mounts = m;
	m += o->c.nr_mounts;
	*m = (struct sb_mount){ .kind = kind, .dst = arg };
	if (kind != SB_MOUNT_TMPFS) {
		colon = strchr(arg, ':');
		if (colon)
			*colon = '\0';
		if (run_opt_path(opt, arg, false, (char **)&m->src))
			return -1;
		m->dst = colon ? colon + 1 : m->src;
	}
	o->c.nr_mounts++;
	if (m->dst[0] != '/') {
		sbctl_err("%s %s: the destination must be an absolute path",
			  opt, m->dst);
		return -1;
	}
	return 0;
}

static int run_opt_net(struct run_opts *o, const char *arg)
{
	if (!strcmp(arg, "none")) {
		o->c.net = SB_NET_NONE;
	} else if (!strcmp(arg, "host")) {
		o->c.net = SB_NET_HOST;
	} else {
		sbctl_err("--net %s: must be none or host", arg);
		return -1;
	}
	return 0;
}

static int run_opt_seccomp(struct run_opts *o, const char *arg)
{
	struct sb_error e = {};

	sb_seccomp_policy_free(&o->c.seccomp);
	o->c.seccomp.mode = SB_SECCOMP_DEFAULT;
	if (!strcmp(arg, "default"))
		return 0;
	if (!strcmp(arg, "none")) {
		o->c.seccomp.mode = SB_SECCOMP_NONE;
		return 0;
	}
	if (sb_seccomp_parse_file(arg, &o->c.seccomp, &e)) {
		if (e.err == EINVAL)	/* the message says what is wrong */
			sbctl_err("--seccomp %s", e.msg);
		else
			sbctl_err("--seccomp %s: %s", e.msg, strerror(e.err));
		return -1;
	}
	return 0;
}

/*
 * Sets "KEY=VALUE" in the environment of the command, replacing KEY. The
 * strings are never written to: they are not const only because environ
 * is not.
 */
static int run_env_set(struct run_opts *o, const char *kv)
{
	size_t klen = strcspn(kv, "=") + 1, i;
	char **env;

	for (i = 0; i < o->nr_env; i++) {
		if (!strncmp(o->env[i], kv, klen)) {
			o->env[i] = (char *)kv;
			return 0;
		}
	}
	env = realloc(o->env, (o->nr_env + 2) * sizeof(*env));
	if (!env)
		return -1;
	env[o->nr_env++] = (char *)kv;
	env[o->nr_env] = NULL;
	o->env = env;
	o->c.env = env;
	return 0;
}

static bool run_env_ok(const char *kv)
{
	const char *eq = strchr(kv, '=');

	return eq && eq != kv;
}

/* A clean environment: PATH, HOME and TERM, then the --env settings. */
static int run_env_build(struct run_opts *o, char **user, size_t nr_user)
{
	static const char path[] = "PATH=" RUN_DEFAULT_PATH;
	static char term[64];
	size_t i;
	int ret;

	ret = run_env_set(o, path);
	ret |= run_env_set(o, o->c.uid ? "HOME=/" : "HOME=/root");
	if (getenv("TERM") && snprintf(term, sizeof(term), "TERM=%s",
				       getenv("TERM")) < (int)sizeof(term))
		ret |= run_env_set(o, term);
	for (i = 0; i < nr_user; i++)
		ret |= run_env_set(o, user[i]);
	if (ret)
		sbctl_err("--env: %s", strerror(ENOMEM));
	return ret;
}

static int run_opt_name(struct run_opts *o, const char *arg)
{
	if (!run_name_ok(arg, SANDBOX_NAME_MAX)) {
		sbctl_err("--name %s: 1 to %d characters from A-Z a-z 0-9 _ . -",
			  arg, SANDBOX_NAME_MAX - 1);
		return -1;
	}
	o->name = arg;
	return 0;
}

static int run_opt_hostname(struct run_opts *o, const char *arg)
{
	if (!run_name_ok(arg, RUN_HOSTNAME_MAX + 1)) {
		sbctl_err("--hostname %s: 1 to %d characters from A-Z a-z 0-9 _ . -",
			  arg, RUN_HOSTNAME_MAX);
		return -1;
	}
	o->c.hostname = arg;
	return 0;
}

static int run_opt_cwd(struct run_opts *o, const char *arg)
{
	if (arg[0] != '/') {
		sbctl_err("--cwd %s: must be an absolute path", arg);
		return -1;
	}
	o->c.cwd = arg;
	return 0;
}

static int run_opt_vm(struct run_opts *o, int c, char *arg)
{
	uint64_t n;

	switch (c) {
	case OPT_VM:
		o->vm.on = true;
		return 0;
	case OPT_KERNEL:
		o->vm.kernel = arg;
		return 0;
	case OPT_INITRD:
		o->vm.initrd = arg;
		return 0;
	case OPT_APPEND:
		o->vm.append = arg;
		return 0;
	}
	if (sb_parse_u64(arg, 1, SB_VM_VCPUS_MAX, &n)) {
		sbctl_err("--vcpus %s: not a number from 1 to %d", arg,
			  SB_VM_VCPUS_MAX);
		return -1;
	}
	o->vm.vcpus = n;
	return 0;
}

/* One option; @user collects --env settings, applied after the defaults. */
static int run_opt(struct run_opts *o, int c, char *arg, char ***user,
		   size_t *nr_user)
{
	char **env;

	switch (c) {
	case OPT_NAME:
		return run_opt_name(o, arg);
	case OPT_MEM:
		return run_opt_mem(o, arg);
	case OPT_PIDS:
		return run_opt_pids(o, arg);
	case OPT_CPUS:
		return run_opt_cpus(o, arg);
	case OPT_ROOTFS:
		return run_opt_rootfs(o, arg);
	case OPT_RO_BIND:
		return run_opt_mount(o, SB_MOUNT_RO_BIND, "--ro-bind", arg);
	case OPT_BIND:
		return run_opt_mount(o, SB_MOUNT_BIND, "--bind", arg);
	case OPT_TMPFS:
		return run_opt_mount(o, SB_MOUNT_TMPFS, "--tmpfs", arg);
	case OPT_NET:
		return run_opt_net(o, arg);
	case OPT_HOSTNAME:
		return run_opt_hostname(o, arg);
	case OPT_UID:
		return run_opt_id("--uid", arg, &o->c.uid);
	case OPT_GID:
		return run_opt_id("--gid", arg, &o->c.gid);
	case OPT_CWD:
		return run_opt_cwd(o, arg);
	case OPT_LANDLOCK:
		if (strcmp(arg, "default") && strcmp(arg, "none")) {
			sbctl_err("--landlock %s: default or none", arg);
			return -1;
		}
		o->c.landlock = !strcmp(arg, "default");
		return 0;
	case OPT_SECCOMP:
		return run_opt_seccomp(o, arg);
	case OPT_TIMEOUT:
		return run_opt_timeout(o, arg);
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_STATS:
		o->stats = true;
		return 0;
	case OPT_POLICY:
		return run_opt_policy(o, arg);
	case OPT_VM:
	case OPT_KERNEL:
	case OPT_INITRD:
	case OPT_APPEND:
	case OPT_VCPUS:
		return run_opt_vm(o, c, arg);
	case OPT_ENV:
		if (!run_env_ok(arg)) {
			sbctl_err("--env %s: must be KEY=VALUE", arg);
			return -1;
		}
		env = realloc(*user, (*nr_user + 1) * sizeof(*env));
		if (!env)
			return -1;
		env[(*nr_user)++] = arg;
		*user = env;
		return 0;
	}
	return -1;
}

static void run_opts_init(struct run_opts *o)
{
	*o = (struct run_opts){
		.c = {
			.net = SB_NET_NONE,
			.cwd = "/",
			.seccomp = { .mode = SB_SECCOMP_DEFAULT },
			.landlock = true,
		},
		.has_policy = true,
		.vm = {
			.vcpus = 1, .mem = SB_VM_MEM_DEFAULT, .vmm_fd = -1,
			.kernel_fd = -1, .initrd_fd = -1, .kvm_fd = -1,
		},
	};
	sb_policy_default(&o->policy);
}

/* Reports an unknown option or a missing argument; getopt is quiet. */
static void run_bad_option(const struct sbctl_cmd *cmd, int c, char **argv)
{
	const char *opt = argv[optind - 1];

	if (c == ':')
		sbctl_err("%s: missing argument (see 'sandboxctl %s --help')",
			  opt, cmd->name);
	else if (optopt)
		sbctl_err("-%c: unknown option (see 'sandboxctl %s --help')",
			  optopt, cmd->name);
	else
		sbctl_err("%s: unknown option (see 'sandboxctl %s --help')",
			  opt, cmd->name);
}

static int run_parse_opts(const struct sbctl_cmd *cmd, int argc, char **argv,
			  struct run_opts *o, bool *help, char ***user,
			  size_t *nr_user)
{
	int c;

	optind = 0;	/* callers may have used getopt already */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:h", run_longopts,
				NULL)) != -1) {
		if (c == 'h' || c == OPT_HELP) {
			*help = true;
			return 0;
		}
		if (c == '?' || c == ':') {
			run_bad_option(cmd, c, argv);
			return -1;
		}
		if (run_opt(o, c, optarg, user, nr_user))
			return -1;
	}
	if (optind == argc) {
		sbctl_err("missing COMMAND (see 'sandboxctl %s --help')",
			  cmd->name);
		return -1;
	}
	o->c.argv = argv + optind;
	return 0;
}

/* The name: an operand of @cmd (@name), or --name, or made up for `run`. */
static int run_set_name(struct run_opts *o, const char *name)
{
	static char made_up[32];

	if (name && o->name) {
		sbctl_err("--name %s: the name is given as NAME already",
			  o->name);
		return -1;
	}
	if (name)
		return run_opt_name(o, name);
	if (!o->name) {
		/* Names are unique among live sandboxes: make one up. */
		snprintf(made_up, sizeof(made_up), "run-%d", (int)getpid());
		o->name = made_up;
	}
	return 0;
}

int run_parse(const struct sbctl_cmd *cmd, const char *name, int argc,
	      char **argv, struct run_opts *o, bool *done)
{
	char **user = NULL;
	size_t nr_user = 0;
	bool help = false;
	int ret;

	run_opts_init(o);
	*done = false;
	ret = run_parse_opts(cmd, argc, argv, o, &help, &user, &nr_user);
	if (!ret && help) {
		sbctl_usage(cmd, SBCTL_EXIT_OK);
		*done = true;
		free(user);
		return 0;
	}
	if (!ret)
		ret = run_set_name(o, name);
	if (!ret && !o->c.hostname)
		o->c.hostname = o->name;
	if (!ret)
		ret = run_env_build(o, user, nr_user);
	free(user);
	if (!ret && (o->vm.kernel || o->vm.initrd || o->vm.append) &&
	    !o->vm.on) {
		sbctl_err("--kernel, --initrd and --append need --vm");
		ret = -1;
	}
	if (!ret && o->vm.on)
		ret = run_vm_plan(o);
	if (ret) {
		*done = true;
		return RUN_EXIT_FAIL;
	}
	return 0;
}

void run_opts_free(struct run_opts *o)
{
	size_t i;

	for (i = 0; i < o->c.nr_mounts; i++)
		free((char *)o->mounts[i].src);
	free(o->mounts);
	free(o->env);
	free((char *)o->c.rootfs);
	sb_seccomp_policy_free(&o->c.seccomp);
	run_vm_close(&o->vm);
}
