// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl destroy NAME|ID: end a sandbox and wait until it is gone.
 */
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lookup.h"
#include "sandbox.h"

#define DESTROY_WAIT_MS	5000

/* Waits until no fd of sandbox @id is left anywhere. */
static bool destroy_wait_gone(int dev, __u64 id)
{
	int ms, fd;

	for (ms = 0; ms < DESTROY_WAIT_MS; ms += 10) {
		fd = sb_open_sandbox(dev, id, NULL);
		if (fd < 0)
			return true;
		close(fd);
		usleep(10000);
	}
	return false;
}

static int destroy_run(int argc, char **argv)
{
	struct sandbox_info info;
	int ind, dev, fd, ret;

	ind = sbctl_parse_simple(&sbctl_cmd_destroy, argc, argv, NULL);
	if (ind <= 0)
		return -ind;
	if (argc - ind != 1)
		return sbctl_usage(&sbctl_cmd_destroy, SBCTL_EXIT_USAGE);
	dev = sbctl_open_device();
	if (dev < 0)
		return SBCTL_EXIT_FAIL;
	fd = sbctl_open_sandbox(dev, argv[ind]);
	if (fd < 0) {
		close(dev);
		return SBCTL_EXIT_FAIL;
	}
	ret = sb_info(fd, &info, NULL);
	if (!ret)
		ret = sb_destroy(fd);
	close(fd);
	if (ret < 0) {
		sbctl_err("%s: %s", argv[ind], strerror(-ret));
		close(dev);
		return SBCTL_EXIT_FAIL;
	}
	if (!destroy_wait_gone(dev, info.id)) {
		sbctl_err("%s: destroyed, but a process still holds it open",
			  argv[ind]);
		ret = -1;
	}
	close(dev);
	return ret ? SBCTL_EXIT_FAIL : SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_destroy = {
	.name = "destroy",
	.summary = "kill a sandbox and wait until it is gone",
	.usage =
	"usage: sandboxctl destroy NAME|ID\n\n"
	"Kill every task of the sandbox, tell whoever holds it (the keeper of\n"
	"a long-lived sandbox) to let go, and wait until it is freed.\n\n"
	"  -h, --help\n",
	.run = destroy_run,
};
