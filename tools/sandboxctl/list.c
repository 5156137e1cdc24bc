// SPDX-License-Identifier: GPL-2.0
/*
 * sandboxctl list [--json]: the live sandboxes the caller may open.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lookup.h"
#include "sandbox.h"

/* Prints one sandbox, unless it went away meanwhile. */
static void list_one(int dev, __u64 id, struct json *j)
{
	char name[SANDBOX_NAME_MAX];
	struct sandbox_info i;
	int fd, ret;

	fd = sb_open_sandbox(dev, id, NULL);
	if (fd < 0)
		return;
	ret = sb_info(fd, &i, name);
	close(fd);
	if (ret < 0)
		return;
	if (j)
		sbctl_describe_json(j, &i, name);
	else
		printf("%-6" PRIu64 " %-24s %-8s %u\n", (uint64_t)i.id, name,
		       sbctl_state_name(i.state), i.init_pid);
}

static int list_run(int argc, char **argv)
{
	bool json = false;
	int ind, dev, nr, k;
	struct json j;
	__u64 *ids;

	ind = sbctl_parse_simple(&sbctl_cmd_list, argc, argv, &json);
	if (ind <= 0)
		return -ind;
	if (ind != argc)
		return sbctl_usage(&sbctl_cmd_list, SBCTL_EXIT_USAGE);
	dev = sbctl_open_device();
	if (dev < 0)
		return SBCTL_EXIT_FAIL;
	ids = sbctl_list_ids(dev, &nr);
	if (!ids) {
		close(dev);
		return SBCTL_EXIT_FAIL;
	}
	if (json) {
		json_init(&j, stdout);
		json_begin_array(&j, NULL);
	} else {
		printf("%-6s %-24s %-8s %-8s\n", "ID", "NAME", "STATE", "PID");
	}
	for (k = 0; k < nr; k++)
		list_one(dev, ids[k], json ? &j : NULL);
	if (json) {
		json_end_array(&j);
		json_finish(&j);
	}
	free(ids);
	close(dev);
	return SBCTL_EXIT_OK;
}

const struct sbctl_cmd sbctl_cmd_list = {
	.name = "list",
	.summary = "list live sandboxes",
	.usage =
	"usage: sandboxctl list [--json]\n\n"
	"List the live sandboxes you may open (yours; all for root).\n\n"
	"  --json    a JSON array of objects as 'info --json' prints them\n"
	"  -h, --help\n",
	.run = list_run,
};
