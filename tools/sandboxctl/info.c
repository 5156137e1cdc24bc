// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl info NAME|ID [--json]: describe one sandbox.
 */
#include <string.h>
#include <unistd.h>

#include "lookup.h"
#include "sandbox.h"

static int info_run(int argc, char **argv)
{
	char name[SANDBOX_NAME_MAX];
	struct sandbox_info info;
	bool json = false;
	int ind, fd, ret;
	struct json j;

	ind = sbctl_parse_simple(&sbctl_cmd_info, argc, argv, &json);
	if (ind <= 0)
		return -ind;
	if (argc - ind != 1)
		return sbctl_usage(&sbctl_cmd_info, SBCTL_EXIT_USAGE);
	fd = sbctl_open_named(argv[ind]);
	if (fd < 0)
		return SBCTL_EXIT_FAIL;
	ret = sb_info(fd, &info, name);
	close(fd);
	if (ret < 0) {
		sbctl_err("%s: %s", argv[ind], strerror(-ret));
		return SBCTL_EXIT_FAIL;
	}
	if (json) {
		json_init(&j, stdout);
		sbctl_describe_json(&j, &info, name);
		json_finish(&j);
	} else {
		sbctl_describe_text(&info, name);
	}
	return SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_info = {
	.name = "info",
	.summary = "describe a sandbox",
	.usage =
	"usage: sandboxctl info [--json] NAME|ID\n\n"
	"Describe a live sandbox: id, name, state, init pid, cgroup id,\n"
	"creator, limits and exit code once its init has exited.\n\n"
	"  --json    one JSON object on stdout\n"
	"  -h, --help\n",
	.run = info_run,
};
