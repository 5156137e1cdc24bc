// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl kill NAME|ID [SIGNAL]: signal every task of a sandbox.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lookup.h"
#include "sandbox.h"

/* SIGNAL as a number, TERM or SIGTERM; 0 if it is none of these. */
static int parse_signal(const char *s)
{
	const char *abbrev;
	char *end;
	long n;
	int sig;

	n = strtol(s, &end, 10);
	if (*s && !*end)
		return n > 0 && n < NSIG ? n : 0;
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (sig = 1; sig < NSIG; sig++) {
		abbrev = sigabbrev_np(sig);
		if (abbrev && !strcmp(abbrev, s))
			return sig;
	}
	return 0;
}

static int kill_run(int argc, char **argv)
{
	int ind, fd, sig = SIGTERM, ret;

	ind = sbctl_parse_simple(&sbctl_cmd_kill, argc, argv, NULL);
	if (ind <= 0)
		return -ind;
	if (argc - ind < 1 || argc - ind > 2)
		return sbctl_usage(&sbctl_cmd_kill, SBCTL_EXIT_USAGE);
	if (argc - ind == 2) {
		sig = parse_signal(argv[ind + 1]);
		if (!sig) {
			sbctl_err("%s: not a signal", argv[ind + 1]);
			return SBCTL_EXIT_USAGE;
		}
	}
	fd = sbctl_open_named(argv[ind]);
	if (fd < 0)
		return SBCTL_EXIT_FAIL;
	ret = sb_kill(fd, sig);
	close(fd);
	if (ret < 0) {
		sbctl_err("%s: %s", argv[ind], strerror(-ret));
		return SBCTL_EXIT_FAIL;
	}
	return SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_kill = {
	.name = "kill",
	.summary = "send a signal to every task of a sandbox",
	.usage =
	"usage: sandboxctl kill NAME|ID [SIGNAL]\n\n"
	"Send SIGNAL (a number, TERM or SIGTERM; default TERM) to every task\n"
	"of the sandbox. KILL ends them all at once, through the cgroup.\n\n"
	"  -h, --help\n",
	.run = kill_run,
};
