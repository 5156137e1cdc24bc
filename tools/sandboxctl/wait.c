// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl wait NAME|ID: wait for a sandbox's init to exit.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "lookup.h"
#include "sandbox.h"

static int wait_run(int argc, char **argv)
{
	struct sandbox_info info;
	struct pollfd p = { .events = POLLIN };
	int ind, ret;

	ind = sbctl_parse_simple(&sbctl_cmd_wait, argc, argv, NULL);
	if (ind <= 0)
		return -ind;
	if (argc - ind != 1)
		return sbctl_usage(&sbctl_cmd_wait, SBCTL_EXIT_USAGE);
	p.fd = sbctl_open_named(argv[ind]);
	if (p.fd < 0)
		return SBCTL_EXIT_FAIL;

	/* Readable once the init exited; a hang-up if destroyed first. */
	do {
		ret = poll(&p, 1, -1);
	} while (ret < 0 && errno == EINTR);
	ret = sb_info(p.fd, &info, NULL);
	close(p.fd);
	if (ret < 0) {
		sbctl_err("%s: %s", argv[ind], strerror(-ret));
		return SBCTL_EXIT_FAIL;
	}
	if (info.state != SANDBOX_STATE_EXITED) {
		sbctl_err("%s: destroyed before its init exited", argv[ind]);
		return SBCTL_EXIT_FAIL;
	}
	return sbctl_exit_code(info.exit_status);
}

const struct sbctl_cmd sbctl_cmd_wait = {
	.name = "wait",
	.summary = "wait for a sandbox's init to exit",
	.usage =
	"usage: sandboxctl wait NAME|ID\n\n"
	"Wait until the sandbox's init task exits and exit with its status\n"
	"(128 + N when killed by signal N).\n\n"
	"  -h, --help\n",
	.run = wait_run,
};
