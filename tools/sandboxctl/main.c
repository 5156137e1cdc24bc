// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl: create, run and inspect sandboxes through /dev/sandbox.
 *
 * This file owns the command table and the reporting helpers; each
 * subcommand lives in a file of its own.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sandbox.h"
#include "sandboxctl.h"

static const struct sbctl_cmd *const sbctl_cmds[] = {
	&sbctl_cmd_version,
	&sbctl_cmd_run,
	&sbctl_cmd_create,
	&sbctl_cmd_exec,
	&sbctl_cmd_list,
	&sbctl_cmd_info,
	&sbctl_cmd_kill,
	&sbctl_cmd_wait,
	&sbctl_cmd_destroy,
	&sbctl_cmd_events,
	&sbctl_cmd_stats,
	&sbctl_cmd_top,
	&sbctl_cmd_acct,
	&sbctl_cmd_policy,
};

#define SBCTL_NR_CMDS	ARRAY_SIZE(sbctl_cmds)

void sbctl_err(const char *fmt, ...)
{
	va_list ap;

	fputs("sandboxctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int sbctl_usage(const struct sbctl_cmd *cmd, int status)
{
	fputs(cmd->usage, status == SBCTL_EXIT_OK ? stdout : stderr);
	return status;
}

int sbctl_open_device(void)
{
	int fd = sb_open();

	if (fd == -ENOENT)
		sbctl_err("%s: no such device (is sandbox.ko loaded?)",
			  SB_DEVICE_PATH);
	else if (fd == -EACCES || fd == -EPERM)
		sbctl_err("%s: %s (root, or a member of the device's group, may use it)",
			  SB_DEVICE_PATH, strerror(-fd));
	else if (fd < 0)
		sbctl_err("%s: %s", SB_DEVICE_PATH, strerror(-fd));
	return fd < 0 ? -1 : fd;
}

static int sbctl_main_usage(int status)
{
	FILE *out = status == SBCTL_EXIT_OK ? stdout : stderr;
	size_t i;

	fputs("usage: sandboxctl COMMAND [ARGS...]\n"
	      "       sandboxctl COMMAND --help\n\n"
	      "Commands:\n", out);
	for (i = 0; i < SBCTL_NR_CMDS; i++)
		fprintf(out, "  %-12s %s\n", sbctl_cmds[i]->name,
			sbctl_cmds[i]->summary);
	return status;
}

static const struct sbctl_cmd *sbctl_find(const char *name)
{
	size_t i;

	for (i = 0; i < SBCTL_NR_CMDS; i++) {
		if (!strcmp(sbctl_cmds[i]->name, name))
			return sbctl_cmds[i];
	}
	return NULL;
}

int main(int argc, char **argv)
{
	const struct sbctl_cmd *cmd;

	if (argc < 2)
		return sbctl_main_usage(SBCTL_EXIT_USAGE);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		cmd = argc > 2 ? sbctl_find(argv[2]) : NULL;
		if (cmd)
			return sbctl_usage(cmd, SBCTL_EXIT_OK);
		return sbctl_main_usage(SBCTL_EXIT_OK);
	}
	if (!strcmp(argv[1], "--version"))
		argv[1] = "version";

	cmd = sbctl_find(argv[1]);
	if (!cmd) {
		sbctl_err("unknown command '%s' (see 'sandboxctl --help')",
			  argv[1]);
		return SBCTL_EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
