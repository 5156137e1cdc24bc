// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl stats [NAME|ID] [--json|--prometheus]: resource usage.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lookup.h"
#include "sandbox.h"
#include "usage.h"

enum stats_format { STATS_TEXT, STATS_JSON, STATS_PROM };

static int stats_parse(int argc, char **argv, enum stats_format *fmt)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "prometheus", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	int c;

	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			*fmt = STATS_JSON;
			break;
		case 'p':
			*fmt = STATS_PROM;
			break;
		case 'h':
			return -sbctl_usage(&sbctl_cmd_stats, SBCTL_EXIT_OK);
		default:
			return -sbctl_usage(&sbctl_cmd_stats, SBCTL_EXIT_USAGE);
		}
	}
	if (argc - optind > 1)
		return -sbctl_usage(&sbctl_cmd_stats, SBCTL_EXIT_USAGE);
	return optind;
}

/* One sandbox, or all of them when @ref is NULL. */
static int stats_collect(int dev, const char *ref, struct sbctl_usage **u)
{
	char name[SANDBOX_NAME_MAX];
	struct sandbox_info info;
	int fd, ret;

	if (!ref)
		return sbctl_usage_all(dev, u, true);
	fd = sbctl_open_sandbox(dev, ref);
	if (fd < 0)
		return -1;
	ret = sb_info(fd, &info, name);
	close(fd);
	*u = calloc(1, sizeof(**u));
	if (!ret && *u)
		ret = sbctl_usage_read(*u, &info, name, -1, true);
	if (ret) {
		sbctl_err("%s: %s", ref, strerror(*u ? -ret : ENOMEM));
		return -1;
	}
	return 1;
}

static void stats_print(enum stats_format fmt, struct sbctl_usage *u, int n,
			bool one)
{
	struct json j;
	int k;

	if (fmt == STATS_PROM) {
		sbctl_usage_prom_all(stdout, u, n);
		return;
	}
	if (fmt == STATS_TEXT) {
		for (k = 0; k < n; k++)
			sbctl_usage_text(stdout, &u[k]);
		return;
	}
	json_init(&j, stdout);
	if (!one)
		json_begin_array(&j, NULL);
	for (k = 0; k < n; k++) {
		json_begin_object(&j, NULL);
		json_u64(&j, "id", u[k].id);
		json_string(&j, "name", u[k].name);
		json_u64(&j, "cgroup_id", u[k].cgroup_id);
		sbctl_usage_json(&j, &u[k]);
		json_end_object(&j);
	}
	if (!one)
		json_end_array(&j);
	json_finish(&j);
}

static int stats_run(int argc, char **argv)
{
	enum stats_format fmt = STATS_TEXT;
	struct sbctl_usage *u = NULL;
	const char *ref;
	int ind, dev, n;

	ind = stats_parse(argc, argv, &fmt);
	if (ind <= 0)
		return -ind;
	ref = ind < argc ? argv[ind] : NULL;
	dev = sbctl_open_device();
	if (dev < 0)
		return SBCTL_EXIT_FAIL;
	n = stats_collect(dev, ref, &u);
	close(dev);
	if (n < 0) {
		free(u);
		return SBCTL_EXIT_FAIL;
	}
	stats_print(fmt, u, n, ref);
	free(u);
	return SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_stats = {
	.name = "stats",
	.summary = "resource usage of sandboxes",
	.usage =
	"usage: sandboxctl stats [--json|--prometheus] [NAME|ID]\n\n"
	"Resource usage of one sandbox, or of every live sandbox: CPU time,\n"
	"memory (current and peak), block I/O, tasks, OOM kills and limit\n"
	"hits from its cgroup; syscalls (with the most called ones), denied\n"
	"operations, context switches, page faults, forks, execs and network\n"
	"traffic from the eBPF accounting (see 'sandboxctl acct'). Values\n"
	"that cannot be read print as '-' (null in JSON).\n\n"
	"  --json        an object for NAME, else an array of objects\n"
	"  --prometheus  the Prometheus text exposition format (metrics\n"
	"                sandbox_*, labelled with id and name; seconds, bytes)\n"
	"  -h, --help\n",
	.run = stats_run,
};
